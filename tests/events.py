"""Factories for signed add-on events, built from the shared fixtures in Google's shape."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from devtools.signing import LocalSigner
from services.config import Settings

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "events"
LOCAL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


def load_fixture(name: str) -> dict[str, Any]:
    """An event file from ``shared/fixtures/events`` (or the repo's copy of it)."""
    for folder in (LOCAL_FIXTURES, FIXTURES):
        path = folder / name
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    raise FileNotFoundError(name)


def sign_event(
    event: dict[str, Any],
    signer: LocalSigner,
    settings: Settings,
    *,
    email: str,
    hd: str | None,
) -> dict[str, Any]:
    """Replace the token placeholders with tokens signed by the local key."""
    signed = copy.deepcopy(event)
    auth = signed.setdefault("authorizationEventObject", {})
    auth["userIdToken"] = signer.user_token(settings.oauth_client_id, email, hd=hd)
    auth["userOAuthToken"] = "ya29.local-test-token"
    auth.pop("systemIdToken", None)
    return signed


def with_form(event: dict[str, Any], **values: str | list[str]) -> dict[str, Any]:
    """A copy of ``event`` whose formInputs hold ``values``."""
    changed = copy.deepcopy(event)
    inputs = {
        name: {"stringInputs": {"value": value if isinstance(value, list) else [value]}}
        for name, value in values.items()
    }
    changed.setdefault("commonEventObject", {})["formInputs"] = inputs
    return changed
