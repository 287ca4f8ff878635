"""Settings: one frozen dataclass, loaded once from an environ mapping passed in.

No other module reads ``os.environ``. Every field names its variable, default and meaning;
``Settings.from_environ`` validates them and says how to fix what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"


class ConfigError(ValueError):
    """The deployment's configuration is wrong; the message says how to fix it."""


def _setting(env: str, default: Any, help: str) -> Any:
    return field(default=default, metadata={"env": env, "help": help})


@dataclass(frozen=True)
class Settings:
    """Every knob of the service. Read the ``help`` metadata for each field's meaning."""

    environment: str = _setting(
        "LAERER_ENV",
        "production",
        "production or local; local allows emulator and doubles",
    )
    public_url: str = _setting(
        "PUBLIC_URL", "", "public base URL Google calls, e.g. https://x.appspot.com"
    )
    service_account_email: str = _setting(
        "ADDON_SERVICE_ACCOUNT",
        "",
        "the add-on's service account, the email in Google's token",
    )
    oauth_client_id: str = _setting(
        "ADDON_OAUTH_CLIENT_ID", "", "OAuth client id: audience of the user's ID token"
    )
    google_certs_url: str = _setting(
        "GOOGLE_CERTS_URL",
        GOOGLE_CERTS_URL,
        "where Google's token-signing certs are fetched",
    )
    clock_skew_seconds: int = _setting(
        "TOKEN_CLOCK_SKEW_SECONDS",
        10,
        "tolerated clock difference when checking tokens",
    )
    firestore_project: str = _setting(
        "GOOGLE_CLOUD_PROJECT",
        "",
        "Google Cloud project holding the Firestore database",
    )
    firestore_emulator_host: str = _setting(
        "FIRESTORE_EMULATOR_HOST",
        "",
        "host:port of the Firestore emulator (local only)",
    )
    model_base_url: str = _setting(
        "MODEL_BASE_URL", "https://api.openai.com/v1", "OpenAI-compatible API base URL"
    )
    model_api_key: str = _setting("MODEL_API_KEY", "", "API key for the model endpoint")
    model_name: str = _setting(
        "MODEL_NAME", "gpt-4o-mini", "default model; a municipality may choose another"
    )
    model_timeout_seconds: float = _setting(
        "MODEL_TIMEOUT_SECONDS", 20.0, "timeout of one model call"
    )
    model_budget_seconds: float = _setting(
        "MODEL_BUDGET_SECONDS",
        22.0,
        "total time for a generation incl. retries (< 25 s)",
    )
    model_max_attempts: int = _setting(
        "MODEL_MAX_ATTEMPTS",
        3,
        "attempts on retryable model errors (429, 5xx, timeout)",
    )
    model_max_prompt_tokens: int = _setting(
        "MODEL_MAX_PROMPT_TOKENS",
        16000,
        "longest prompt sent; teacher text is shortened first",
    )
    docs_api_endpoint: str = _setting(
        "DOCS_API_ENDPOINT",
        "https://docs.googleapis.com/",
        "Docs API root (doubles locally)",
    )
    drive_api_endpoint: str = _setting(
        "DRIVE_API_ENDPOINT",
        "https://www.googleapis.com/drive/v3/",
        "Drive API root incl. drive/v3/ (doubles locally)",
    )
    classroom_api_endpoint: str = _setting(
        "CLASSROOM_API_ENDPOINT",
        "https://classroom.googleapis.com/",
        "Classroom API root",
    )
    google_api_timeout_seconds: float = _setting(
        "GOOGLE_API_TIMEOUT_SECONDS", 10.0, "timeout of one Docs/Classroom/Drive call"
    )
    cache_seconds: float = _setting(
        "CACHE_SECONDS",
        30.0,
        "how long tenant, school, team and catalogue reads are cached",
    )
    log_level: str = _setting("LOG_LEVEL", "INFO", "Python logging level")

    @property
    def is_local(self) -> bool:
        return self.environment == "local"

    def url(self, path: str) -> str:
        """The public URL of ``path``: what Google calls and what its token's audience is."""
        return self.public_url.rstrip("/") + "/" + path.lstrip("/")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Build and validate settings from an environ mapping (e.g. ``os.environ``)."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.metadata["env"], raw, type(f.default))
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ``ConfigError`` with every problem a deployer must fix."""
        problems = []
        if self.environment not in ("production", "local"):
            problems.append("LAERER_ENV must be 'production' or 'local'.")
        url = urlsplit(self.public_url)
        if url.scheme not in ("http", "https") or not url.netloc or url.query:
            problems.append(
                "PUBLIC_URL must be an absolute URL without query, e.g. https://x.app"
            )
        elif url.scheme == "http" and not self.is_local:
            problems.append("PUBLIC_URL must use https in production.")
        for name, env in (
            ("service_account_email", "ADDON_SERVICE_ACCOUNT"),
            ("oauth_client_id", "ADDON_OAUTH_CLIENT_ID"),
            ("firestore_project", "GOOGLE_CLOUD_PROJECT"),
        ):
            if not getattr(self, name):
                problems.append(f"{env} is required.")
        if self.firestore_emulator_host and not self.is_local:
            problems.append(
                "FIRESTORE_EMULATOR_HOST is set in production: unset it, or set LAERER_ENV=local."
            )
        if not self.model_api_key and not self.is_local:
            problems.append("MODEL_API_KEY is required in production.")
        if not 0 < self.model_timeout_seconds <= self.model_budget_seconds < 25:
            problems.append(
                "Need 0 < MODEL_TIMEOUT_SECONDS <= MODEL_BUDGET_SECONDS < 25 "
                "(Google waits about 30 s for an add-on answer)."
            )
        if self.model_max_attempts < 1:
            problems.append("MODEL_MAX_ATTEMPTS must be at least 1.")
        if problems:
            raise ConfigError("Configuration problems:\n- " + "\n- ".join(problems))


def _convert(env: str, raw: str, kind: type) -> object:
    try:
        if kind is bool:
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes")
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(f"{env}={raw!r} is not a valid {kind.__name__}.") from exc
