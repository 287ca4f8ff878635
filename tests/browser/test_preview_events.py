"""The preview's backend builds events in Google's shape and calls only the add-on.

No browser needed: these check what the page's clicks turn into before they are sent.
"""

from __future__ import annotations

from typing import Any

import pytest
from google.auth import jwt

from devtools.preview import PreviewApi
from devtools.preview.api import PreviewError
from devtools.preview.events import Session, build_event, find_user
from devtools.signing import LocalSigner
from services.config import Settings
from services.demo import DEMO_TEACHER
from tests.conftest import DEMO_DOC
from tests.events import load_fixture

TITLE = "Dansk 4.b – uge 12"


def session(email: str = DEMO_TEACHER, *, file_access: bool = True) -> Session:
    return Session(find_user(email), "da", DEMO_DOC, TITLE, file_access)


def keys(value: Any) -> Any:
    """The nested key structure of a JSON object (values left out)."""
    if isinstance(value, dict):
        return {key: keys(item) for key, item in value.items()}
    return None


@pytest.fixture
def preview(settings: Settings, signer: LocalSigner) -> PreviewApi:
    return PreviewApi(
        settings=settings,
        signer=signer,
        service_url=settings.public_url,
        docs_endpoint=settings.docs_api_endpoint,
        model_url=settings.model_base_url,
        documents={DEMO_DOC: TITLE},
    )


def test_homepage_event_has_the_shape_of_the_fixture(
    signer: LocalSigner, settings: Settings
) -> None:
    event = build_event(session(), signer, settings.oauth_client_id)

    expected = load_fixture("docs-homepage.json")
    expected["authorizationEventObject"].pop("systemIdToken")  # sent as the header
    assert keys(event) == keys(expected)
    assert event["docs"] == expected["docs"]


def test_action_event_carries_parameters_and_form_inputs(
    signer: LocalSigner, settings: Settings
) -> None:
    fixture = load_fixture("docs-action-generate.json")["commonEventObject"]

    event = build_event(
        session(),
        signer,
        settings.oauth_client_id,
        parameters=fixture["parameters"],
        form_inputs=fixture["formInputs"],
    )

    common = event["commonEventObject"]
    assert common["parameters"] == fixture["parameters"]
    assert common["formInputs"] == fixture["formInputs"]
    assert common["hostApp"] == "DOCS"
    assert common["timeZone"]["id"] == "Europe/Copenhagen"


def test_without_file_access_docs_names_no_file(
    signer: LocalSigner, settings: Settings
) -> None:
    event = build_event(session(file_access=False), signer, settings.oauth_client_id)

    assert event["docs"] == load_fixture("docs-homepage-no-file-access.json")["docs"]


@pytest.mark.parametrize(
    ("email", "hd"),
    [(DEMO_TEACHER, "demo-kommune.dk"), ("privat.laerer@gmail.com", None)],
)
def test_user_token_is_signed_for_the_client_and_names_the_domain(
    signer: LocalSigner, settings: Settings, email: str, hd: str | None
) -> None:
    event = build_event(session(email), signer, settings.oauth_client_id)

    token = event["authorizationEventObject"]["userIdToken"]
    claims = jwt.decode(token, certs=signer.certs(), audience=settings.oauth_client_id)
    assert claims["email"] == email
    assert claims.get("hd") == hd


@pytest.mark.parametrize(
    "function",
    [
        "http://evil.example/addon/actions/generate",
        "http://127.0.0.1:8080.evil.example/addon/actions/generate",
        "http://127.0.0.1:8080/healthz",
        "http://127.0.0.1:8080/addon/actions/generate?next=elsewhere",
    ],
)
def test_preview_calls_only_the_add_ons_own_urls(
    preview: PreviewApi, function: str
) -> None:
    request = {
        "session": {"email": DEMO_TEACHER, "docId": DEMO_DOC, "fileAccess": True},
        "function": function,
    }

    with pytest.raises(PreviewError) as refused:
        preview.send(request)

    assert refused.value.status == 400


def test_preview_refuses_an_unknown_user(preview: PreviewApi) -> None:
    request = {"session": {"email": "mallory@evil.example", "docId": DEMO_DOC}}

    with pytest.raises(PreviewError):
        preview.send({**request, "trigger": "home"})
