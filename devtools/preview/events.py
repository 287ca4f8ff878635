"""Build add-on event objects the way Google Docs does for an HTTP add-on.

The shape follows https://developers.google.com/workspace/add-ons/concepts/event-objects
and the fixtures in ``tests/fixtures/events``: ``commonEventObject`` (host app, platform,
locale, time zone, the button's parameters, the card's form values),
``authorizationEventObject`` (the teacher's ID token signed by the local key and an OAuth
token the Docs double accepts) and ``docs`` (id and title only with file access).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from devtools.signing import LocalSigner
from services.demo import (
    DEMO_CURATOR,
    DEMO_SCHOOL_ADMIN,
    DEMO_TEACHER,
    DEMO_TENANT_ADMIN,
)

TIME_ZONE = "Europe/Copenhagen"
OAUTH_TOKEN = "ya29.local-preview-token"
SCOPES = (
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/drive.file",
    "https://www.googleapis.com/auth/script.locale",
)


@dataclass(frozen=True)
class DemoUser:
    """A person the preview can sign in as; ``hd`` is None for a private Google account."""

    email: str
    label: str
    hd: str | None


USERS = (
    DemoUser(DEMO_TEACHER, "Lærer, Team 4.b", "demo-kommune.dk"),
    DemoUser(DEMO_CURATOR, "Superbruger", "demo-kommune.dk"),
    DemoUser(DEMO_SCHOOL_ADMIN, "Skoleleder", "demo-kommune.dk"),
    DemoUser(DEMO_TENANT_ADMIN, "Kommunal administrator", "demo-kommune.dk"),
    DemoUser("laerer@anden-kommune.dk", "Lærer i en anden kommune", "anden-kommune.dk"),
    DemoUser("privat.laerer@gmail.com", "Privat Google-konto", None),
)
LOCALES = (("da", "Dansk (da)"), ("en-GB", "Engelsk (en-GB)"))


def find_user(email: str) -> DemoUser:
    """The demo user with ``email``.

    Raises:
        KeyError: If the preview does not know that user.
    """
    for user in USERS:
        if user.email == email:
            return user
    raise KeyError(email)


@dataclass(frozen=True)
class Session:
    """What the preview's top bar says about the open Doc and who has it open."""

    user: DemoUser
    locale: str
    doc_id: str
    doc_title: str
    file_access: bool
    #: scopes the teacher granted in the preview's consent dialog (e.g. Classroom's)
    granted_scopes: tuple[str, ...] = ()


def time_zone(now: dt.datetime | None = None) -> dict[str, Any]:
    """``timeZone`` as Google sends it: the zone's id and its current offset in ms."""
    zone = ZoneInfo(TIME_ZONE)
    offset = (now or dt.datetime.now(zone)).astimezone(zone).utcoffset()
    return {
        "id": TIME_ZONE,
        "offset": int(offset.total_seconds() * 1000) if offset else 0,
    }


def build_event(
    session: Session,
    signer: LocalSigner,
    client_id: str,
    *,
    parameters: Mapping[str, str] | None = None,
    form_inputs: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The event Docs would POST for ``session``, with a freshly signed ``userIdToken``.

    Args:
        session: Who has which Doc open, in which locale, with or without file access.
        signer: The local key the service trusts (through the local certs endpoint).
        client_id: The add-on's OAuth client id: the audience of ``userIdToken``.
        parameters: The clicked button's parameters; absent for triggers.
        form_inputs: Form values already in Google's shape
            (``{name: {"stringInputs": {"value": [...]}}}`` or a date input).

    Returns:
        The event object, ready to be sent as JSON.
    """
    common: dict[str, Any] = {
        "hostApp": "DOCS",
        "platform": "WEB",
        "userLocale": session.locale,
        "timeZone": time_zone(),
    }
    if parameters:
        common["parameters"] = dict(parameters)
    if form_inputs:
        common["formInputs"] = dict(form_inputs)
    user = session.user
    authorization = {
        "userOAuthToken": OAUTH_TOKEN,
        "userIdToken": signer.user_token(client_id, user.email, hd=user.hd),
        "authorizedScopes": [*SCOPES, *session.granted_scopes],
    }
    docs: dict[str, Any] = {"addonHasFileScopePermission": session.file_access}
    if session.file_access:  # Docs names the open file only once the add-on may read it
        docs = {"id": session.doc_id, "title": session.doc_title, **docs}
    return {
        "commonEventObject": common,
        "authorizationEventObject": authorization,
        "docs": docs,
    }


def redacted(event: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``event`` for the preview's event panel, tokens shortened."""
    copy = {key: dict(value) for key, value in event.items()}
    auth = copy.get("authorizationEventObject", {})
    for name in ("userIdToken", "userOAuthToken"):
        if name in auth:
            auth[name] = str(auth[name])[:16] + "…"
    return copy
