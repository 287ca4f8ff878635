"""Verification of Google's signatures: the one gate every add-on request passes.

Google signs each request twice: the ``Authorization: Bearer`` token says *Google* called
us (audience = the exact URL called, email = our add-on's service account), and
``authorizationEventObject.userIdToken`` says *who* is using the add-on (audience = our
OAuth client id). Both are checked with google-auth against Google's certs, which we cache
by their ``Cache-Control`` header instead of fetching them for every request (a pitfall:
google-auth fetches on every call unless the transport caches).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from google.auth import exceptions as google_auth_exceptions
from google.auth import jwt

from services.config import Settings

logger = logging.getLogger(__name__)

GOOGLE_ISSUERS = ("accounts.google.com", "https://accounts.google.com")
_MAX_AGE = re.compile(r"max-age=(\d+)")


class VerificationError(Exception):
    """A token failed a check; the message is a short reason, never the token."""


@dataclass(frozen=True)
class Caller:
    """The verified teacher behind a request."""

    email: str
    sub: str
    hosted_domain: str | None

    @property
    def domain(self) -> str:
        """The tenant's domain: ``hd`` if Google gave one, else the email's domain."""
        return self.hosted_domain or self.email.rsplit("@", 1)[-1].lower()


class CertsCache:
    """Google's public certs, refetched only when their ``max-age`` has passed."""

    def __init__(
        self, url: str, session: requests.Session, timeout: float = 5.0
    ) -> None:
        self._url = url
        self._session = session
        self._timeout = timeout
        self._lock = threading.Lock()
        self._certs: dict[str, str] = {}
        self._expires = 0.0

    def get(self, *, refresh: bool = False) -> dict[str, str]:
        """The current certs; fetched when stale or when ``refresh`` (unknown key id)."""
        with self._lock:
            if refresh or time.monotonic() >= self._expires:
                self._fetch()
            return self._certs

    def _fetch(self) -> None:
        started = time.monotonic()
        try:
            response = self._session.get(self._url, timeout=self._timeout)
            response.raise_for_status()
            certs = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise VerificationError("could not fetch Google's certs") from exc
        match = _MAX_AGE.search(response.headers.get("Cache-Control", ""))
        self._certs = certs
        self._expires = time.monotonic() + (int(match.group(1)) if match else 300)
        logger.info(
            "fetched signing certs",
            extra={"json_fields": {"latency_ms": _ms(started), "keys": len(certs)}},
        )


class TokenVerifier:
    """Checks Google's system token and the teacher's ID token. Fails closed."""

    def __init__(self, settings: Settings, certs: CertsCache) -> None:
        self._settings = settings
        self._certs = certs

    def verify_request(self, authorization: str | None, path: str) -> None:
        """Check the ``Authorization`` header of a request to ``path``.

        Raises:
            VerificationError: the header is missing or any claim is wrong.
        """
        if not authorization or not authorization.startswith("Bearer "):
            raise VerificationError("missing bearer token")
        audience = self._settings.url(path)
        claims = self._decode(authorization.removeprefix("Bearer ").strip(), audience)
        if claims.get("email") != self._settings.service_account_email:
            raise VerificationError("token is not from the add-on's service account")
        if claims.get("email_verified") is not True:
            raise VerificationError("service account email is not verified")

    def verify_user(self, user_id_token: str | None) -> Caller:
        """Check ``userIdToken`` and return who the teacher is."""
        if not user_id_token:
            raise VerificationError("missing userIdToken")
        claims = self._decode(user_id_token, self._settings.oauth_client_id)
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise VerificationError("user token has no email")
        if claims.get("email_verified") is not True:
            raise VerificationError("user email is not verified")
        hd = claims.get("hd")
        return Caller(
            email=email.lower(),
            sub=str(claims.get("sub", "")),
            hosted_domain=hd.lower() if isinstance(hd, str) and hd else None,
        )

    def _decode(self, token: str, audience: str) -> dict[str, Any]:
        try:
            kid = jwt.decode_header(token).get("kid")
        except (ValueError, google_auth_exceptions.GoogleAuthError) as exc:
            raise VerificationError("malformed token") from exc
        certs = self._certs.get()
        if kid not in certs:
            certs = self._certs.get(refresh=True)  # Google rotated its keys
        try:
            claims = jwt.decode(
                token,
                certs=certs,
                audience=audience,
                clock_skew_in_seconds=self._settings.clock_skew_seconds,
            )
        except (ValueError, google_auth_exceptions.GoogleAuthError) as exc:
            raise VerificationError(_reason(exc)) from exc
        if claims.get("iss") not in GOOGLE_ISSUERS:
            raise VerificationError("wrong issuer")
        return dict(claims)


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    for needle, reason in (
        ("expired", "token expired"),
        ("too early", "token used too early"),
        ("audience", "wrong audience"),
        ("signature", "bad signature"),
        ("certificate for key id", "unknown signing key"),
    ):
        if needle in text:
            return reason
    return "invalid token"


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
