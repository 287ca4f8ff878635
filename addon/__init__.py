"""The HTTP layer: turns Google's add-on events into service calls and cards into JSON."""

from __future__ import annotations

from dataclasses import dataclass

import requests
from flask import Flask

from addon.auth import CertsCache, TokenVerifier
from addon.logs import configure_logging
from cards.base import Links
from services.assistant import Assistant
from services.audit import AuditLog
from services.config import Settings
from services.documents import (
    DocsWriter,
    DriveFolders,
    authorized_http,
    build_shared_docs_api,
    build_shared_drive_api,
)
from services.generation import ModelClient, build_openai_client
from services.layers import LayerAdmin
from services.store import Store, build_firestore_client


@dataclass(frozen=True)
class Services:
    """What the handlers need, built once per app."""

    settings: Settings
    verifier: TokenVerifier
    store: Store
    assistant: Assistant
    layers: LayerAdmin
    audit: AuditLog
    links: Links


def create_app(settings: Settings) -> Flask:
    """Build the Flask app with its clients; nothing is created at import time."""
    from addon import classroom_actions
    from addon.commands import register_commands
    from addon.curation_actions import register_curation
    from addon.routes import blueprint
    from addon.template_commands import register_template_commands

    configure_logging(settings.log_level)
    app = Flask(__name__)
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    session = requests.Session()
    store = Store(
        build_firestore_client(settings), cache_seconds=settings.cache_seconds
    )
    model = ModelClient(
        build_openai_client(settings),
        default_model=settings.model_name,
        budget_seconds=settings.model_budget_seconds,
        max_attempts=settings.model_max_attempts,
    )

    docs_api = build_shared_docs_api(settings)
    docs_documents = docs_api.documents()

    def docs_for(token: str) -> DocsWriter:
        return DocsWriter(
            docs_api, authorized_http(token, settings), documents=docs_documents
        )

    drive_files = build_shared_drive_api(settings).files()

    def drive_for(token: str) -> DriveFolders:
        return DriveFolders(drive_files, authorized_http(token, settings))

    audit = AuditLog(store)
    app.extensions["laerer"] = Services(
        settings=settings,
        verifier=TokenVerifier(
            settings, CertsCache(settings.google_certs_url, session)
        ),
        store=store,
        assistant=Assistant(
            store,
            model,
            docs_for,
            max_prompt_tokens=settings.model_max_prompt_tokens,
            drive=drive_for,
        ),
        layers=LayerAdmin(store, audit),
        audit=audit,
        links=Links(settings.public_url),
    )
    classroom_actions.install(app, settings)
    register_curation(app, model)
    app.register_blueprint(blueprint)
    register_commands(app)
    register_template_commands(app)
    return app
