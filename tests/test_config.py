"""Settings are read once from an environ mapping and refuse what a deployer must fix."""

from __future__ import annotations

import pytest

from services.config import ConfigError, Settings

GOOD = {
    "PUBLIC_URL": "https://laerer.example.dk",
    "ADDON_SERVICE_ACCOUNT": "service-1@gcp-sa-gsuiteaddons.iam.gserviceaccount.com",
    "ADDON_OAUTH_CLIENT_ID": "1-abc.apps.googleusercontent.com",
    "GOOGLE_CLOUD_PROJECT": "laerer-prod",
    "MODEL_API_KEY": "sk-x",
}


def test_a_complete_production_environment_is_accepted() -> None:
    settings = Settings.from_environ(GOOD)

    assert settings.url("/addon/home") == "https://laerer.example.dk/addon/home"
    assert settings.environment == "production"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"FIRESTORE_EMULATOR_HOST": "127.0.0.1:8081"},
            "FIRESTORE_EMULATOR_HOST is set",
        ),
        ({"PUBLIC_URL": "http://laerer.example.dk"}, "must use https"),
        ({"PUBLIC_URL": "https://x.dk/?a=1"}, "without query"),
        ({"MODEL_API_KEY": ""}, "MODEL_API_KEY is required"),
        ({"ADDON_SERVICE_ACCOUNT": ""}, "ADDON_SERVICE_ACCOUNT is required"),
        ({"MODEL_BUDGET_SECONDS": "40"}, "MODEL_BUDGET_SECONDS < 25"),
        ({"MODEL_TIMEOUT_SECONDS": "abc"}, "not a valid float"),
        ({"LAERER_ENV": "staging"}, "LAERER_ENV must be"),
    ],
)
def test_a_bad_environment_is_refused_with_a_message_that_says_what_to_fix(
    change: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_environ({**GOOD, **change})


def test_local_runs_may_use_the_emulator_and_plain_http() -> None:
    settings = Settings.from_environ(
        {
            **GOOD,
            "LAERER_ENV": "local",
            "PUBLIC_URL": "http://127.0.0.1:8080",
            "FIRESTORE_EMULATOR_HOST": "127.0.0.1:8081",
            "MODEL_API_KEY": "",
        }
    )

    assert settings.is_local
    assert settings.firestore_emulator_host == "127.0.0.1:8081"
