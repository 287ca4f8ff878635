"""Shared fixtures: one Firestore emulator and one of each double per test session.

Each test gets its own Firestore project id, so tests never see each other's data without
paying for an emulator reset; the doubles are reset before every test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addon import create_app
from devtools import discovery
from devtools.classroom_double import ClassroomDouble
from devtools.docs_double import DocsDouble
from devtools.emulator import FirestoreEmulator
from devtools.model_double import ModelDouble
from devtools.signing import CertsServer, LocalSigner
from services.config import Settings
from services.demo import DEMO_DOMAIN, DEMO_TEACHER, seed_demo_tenant
from tests.events import load_fixture, sign_event

PUBLIC_URL = "http://127.0.0.1:8080"
SERVICE_ACCOUNT = "service-123@gcp-sa-gsuiteaddons.iam.gserviceaccount.com"
CLIENT_ID = "123-laerer.apps.googleusercontent.com"
DEMO_DOC = "1DemoDocDansk4bUge12xxxxxxxxxxxxxxxxxxxxxx"


@pytest.fixture(scope="session")
def emulator() -> Iterator[FirestoreEmulator]:
    external = os.environ.get("FIRESTORE_EMULATOR_HOST")
    if external:  # .ci/run or a developer started one already
        yield FirestoreEmulator.attach(external)
        return
    with FirestoreEmulator() as started:
        os.environ["FIRESTORE_EMULATOR_HOST"] = started.host
        try:
            yield started
        finally:
            del os.environ["FIRESTORE_EMULATOR_HOST"]


@pytest.fixture(scope="session")
def signer() -> LocalSigner:
    return LocalSigner()


@pytest.fixture(scope="session")
def certs_server(signer: LocalSigner) -> Iterator[CertsServer]:
    with CertsServer(signer) as server:
        yield server


@pytest.fixture(scope="session")
def model_double_server() -> Iterator[ModelDouble]:
    with ModelDouble() as double:
        yield double


@pytest.fixture
def model_double(model_double_server: ModelDouble) -> ModelDouble:
    model_double_server.reset()
    return model_double_server


@pytest.fixture(scope="session")
def docs_double_server() -> Iterator[DocsDouble]:
    with DocsDouble() as double:
        yield double


@pytest.fixture
def docs_double(docs_double_server: DocsDouble) -> DocsDouble:
    docs_double_server.reset()
    docs_double_server.create_document(DEMO_DOC, "Dansk 4.b – uge 12")
    return docs_double_server


@pytest.fixture(scope="session")
def classroom_double_server() -> Iterator[ClassroomDouble]:
    with ClassroomDouble() as double:
        yield double


@pytest.fixture
def classroom_double(classroom_double_server: ClassroomDouble) -> ClassroomDouble:
    classroom_double_server.reset()
    classroom_double_server.seed_demo()
    return classroom_double_server


@pytest.fixture
def settings(
    emulator: FirestoreEmulator,
    certs_server: CertsServer,
    model_double: ModelDouble,
    docs_double: DocsDouble,
    classroom_double: ClassroomDouble,
) -> Settings:
    return Settings(
        environment="local",
        public_url=PUBLIC_URL,
        service_account_email=SERVICE_ACCOUNT,
        oauth_client_id=CLIENT_ID,
        google_certs_url=certs_server.url,
        firestore_project=f"test-{uuid.uuid4().hex[:12]}",
        firestore_emulator_host=emulator.host,
        model_base_url=model_double.base_url,
        model_api_key="sk-test-planted-secret-0000",
        model_name="double-1",
        model_timeout_seconds=2.0,
        model_budget_seconds=4.0,
        docs_api_endpoint=docs_double.endpoint,
        drive_api_endpoint=docs_double.drive_endpoint,
        classroom_api_endpoint=classroom_double.endpoint,
        log_level="INFO",
    )


@pytest.fixture
def app(settings: Settings) -> Flask:
    return create_app(settings)


@pytest.fixture
def demo(app: Flask) -> Flask:
    """The app with the demo municipality and seed library loaded."""
    seed_demo_tenant(app.extensions["laerer"].store)
    return app


class AddonClient:
    """Posts signed events to the app as Google would, and validates every card."""

    def __init__(
        self, client: FlaskClient, signer: LocalSigner, settings: Settings
    ) -> None:
        self.client = client
        self.signer = signer
        self.settings = settings

    def post(
        self,
        path: str,
        event: dict[str, Any],
        *,
        email: str = DEMO_TEACHER,
        hd: str | None = DEMO_DOMAIN,
        token: str | None = None,
    ) -> Any:
        signed = sign_event(event, self.signer, self.settings, email=email, hd=hd)
        if token is None:
            token = self.signer.system_token(
                self.settings.url(path), self.settings.service_account_email
            )
        return self.client.post(
            path, json=signed, headers={"Authorization": f"Bearer {token}"}
        )

    def answer(
        self, path: str, event: dict[str, Any] | str, **kwargs: Any
    ) -> dict[str, Any]:
        """POST and return the JSON answer, asserting it is 200 and every card is valid."""
        if isinstance(event, str):
            event = load_fixture(event)
        response = self.post(path, event, **kwargs)
        assert response.status_code == 200, response.get_data(as_text=True)
        body = response.get_json()
        assert_valid_cards(body)
        return body  # type: ignore[no-any-return]


@pytest.fixture
def addon(demo: Flask, signer: LocalSigner, settings: Settings) -> AddonClient:
    return AddonClient(demo.test_client(), signer, settings)


def assert_valid_cards(response: dict[str, Any]) -> None:
    """Every card in ``response`` validates against chat.v1's GoogleAppsCardV1Card."""
    from cards.base import cards_in

    for card in cards_in(response):
        discovery.validate("chat", "v1", "GoogleAppsCardV1Card", card)
        widgets = sum(len(s.get("widgets", [])) for s in card.get("sections", []))
        assert widgets < 100, f"card {card.get('name')} has {widgets} widgets"
