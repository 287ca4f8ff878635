"""What the preview page asks its backend for, and events sent to the service as Google.

The browser says what was clicked (the button's ``function`` URL and ``parameters``) and
what the card's inputs hold; ``PreviewApi.send`` turns that into the event Docs would send,
signs the system token for the exact URL called, POSTs it to the service and hands back
the service's answer. It calls nothing but the local stack: a button whose URL is not the
add-on's own is refused. Messages in ``PreviewError`` are shown on the page, in Danish.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

import requests

from devtools.preview.events import (
    LOCALES,
    USERS,
    Session,
    build_event,
    find_user,
    redacted,
    time_zone,
)
from devtools.signing import LocalSigner
from services.config import Settings

SERVICE_TIMEOUT_SECONDS = 30  # about what Google waits for an add-on's answer
DOUBLE_TIMEOUT_SECONDS = 10
TRIGGERS = {"home": "/addon/home", "file-scope-granted": "/addon/file-scope-granted"}
MODEL_MODES = (
    ("ok", "Svarer normalt"),
    ("server_error", "Serverfejl (500)"),
    ("rate_limit", "For mange forespørgsler (429)"),
    ("insufficient_quota", "Kvoten er brugt op"),
    ("refusal", "Afviser opgaven"),
)


class PreviewError(Exception):
    """A request the preview cannot serve; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class PreviewApi:
    """The preview's backend calls, over the running local stack.

    Args:
        settings: The service's settings (public URL, service account, OAuth client id).
        signer: The local key the service trusts.
        service_url: Where the service listens (locally the same as the public URL).
        docs_endpoint: The Docs double's root URL.
        model_url: The model double's base URL (``…/v1``).
        documents: The demo documents, id to title.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        signer: LocalSigner,
        service_url: str,
        docs_endpoint: str,
        model_url: str,
        documents: Mapping[str, str],
    ) -> None:
        self.settings = settings
        self.signer = signer
        self.service_url = service_url.rstrip("/")
        self.docs_endpoint = docs_endpoint.rstrip("/")
        parts = urlsplit(model_url)
        self.model_control = f"{parts.scheme}://{parts.netloc}/_double"
        self.documents = dict(documents)

    def config(self) -> dict[str, Any]:
        """What the top bar offers."""
        return {
            "users": [{"email": u.email, "label": u.label} for u in USERS],
            "locales": [{"value": v, "label": label} for v, label in LOCALES],
            "documents": [{"id": i, "title": t} for i, t in self.documents.items()],
            "modelModes": [{"value": v, "label": label} for v, label in MODEL_MODES],
            "timeZoneOffsetMs": time_zone()["offset"],
        }

    def document(self, doc_id: str) -> Any:
        """The document as ``documents.get`` returns it, read from the Docs double."""
        self._known_document(doc_id)
        url = f"{self.docs_endpoint}/_double/documents/{quote(doc_id, safe='')}"
        response = requests.get(url, timeout=DOUBLE_TIMEOUT_SECONDS)
        if not response.ok:
            raise PreviewError(response.status_code, response.text)
        return response.json()

    def clear_document(self, doc_id: str) -> Any:
        """Replace the document by an empty one with the same title."""
        title = self._known_document(doc_id)
        body = {"id": doc_id, "title": title, "text": ""}
        response = requests.post(
            f"{self.docs_endpoint}/_double/documents",
            json=body,
            timeout=DOUBLE_TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        return response.json()

    def set_model_mode(self, mode: str) -> dict[str, Any]:
        """From now on the model double answers every completion in ``mode``."""
        if mode not in dict(MODEL_MODES):
            raise PreviewError(400, f"ukendt opførsel for sprogmodellen: {mode!r}")
        requests.post(
            f"{self.model_control}/reset", json={}, timeout=DOUBLE_TIMEOUT_SECONDS
        ).raise_for_status()
        if mode != "ok":
            requests.post(
                f"{self.model_control}/script",
                json={"mode": mode, "times": -1},
                timeout=DOUBLE_TIMEOUT_SECONDS,
            ).raise_for_status()
        return {"mode": mode}

    def send(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Send one event to the service as Google would; return its answer.

        ``request`` holds ``session`` and either ``trigger`` ("home",
        "file-scope-granted") or the clicked ``function`` URL with its ``parameters``
        (``[{key, value}]`` as on the card), plus ``formInputs`` in Google's shape.
        """
        session = self._session(request.get("session"))
        if "trigger" in request:
            path = TRIGGERS.get(str(request["trigger"]))
            if path is None:
                raise PreviewError(400, f"ukendt udløser: {request['trigger']!r}")
            parameters: dict[str, str] = {}
        else:
            path = self._path_of(str(request.get("function", "")))
            parameters = _parameters(request.get("parameters", []))
        form_inputs = request.get("formInputs") or {}
        if not isinstance(form_inputs, dict):
            raise PreviewError(400, "formInputs skal være et objekt")
        event = build_event(
            session,
            self.signer,
            self.settings.oauth_client_id,
            parameters=parameters,
            form_inputs=form_inputs,
        )
        token = self.signer.system_token(
            self.settings.url(path), self.settings.service_account_email
        )
        response = requests.post(
            self.service_url + path,
            json=event,
            headers={"Authorization": f"Bearer {token}"},
            timeout=SERVICE_TIMEOUT_SECONDS,
        )
        try:
            answer: Any = response.json()
        except ValueError:
            answer = response.text
        return {
            "url": self.settings.url(path),
            "status": response.status_code,
            "event": redacted(event),
            "answer": answer,
        }

    # -- helpers -------------------------------------------------------------------------

    def _known_document(self, doc_id: str) -> str:
        if doc_id not in self.documents:
            raise PreviewError(404, f"intet demodokument med id {doc_id!r}")
        return self.documents[doc_id]

    def _session(self, given: Any) -> Session:
        if not isinstance(given, dict):
            raise PreviewError(400, "session skal være et objekt")
        try:
            user = find_user(str(given.get("email", "")))
        except KeyError as exc:
            raise PreviewError(400, f"ukendt demobruger: {exc}") from exc
        doc_id = str(given.get("docId", ""))
        return Session(
            user=user,
            locale=str(given.get("locale") or "da"),
            doc_id=doc_id,
            doc_title=self._known_document(doc_id),
            file_access=given.get("fileAccess") is True,
            granted_scopes=tuple(
                str(scope)
                for scope in given.get("grantedScopes") or []
                if str(scope).startswith("https://www.googleapis.com/auth/")
            ),
        )

    def _path_of(self, function: str) -> str:
        """The service path a button's ``function`` names; only the add-on's own URLs."""
        base = self.settings.public_url.rstrip("/")
        parts = urlsplit(function)
        if not function.startswith(base + "/addon/") or parts.query or parts.fragment:
            raise PreviewError(
                400,
                f"knappen kalder {function!r}, som ikke er en adresse i tilføjelsen",
            )
        return function[len(base) :]


def _parameters(given: Any) -> dict[str, str]:
    """A card action's ``[{key, value}]`` as the event's ``{key: value}`` map."""
    if not isinstance(given, list):
        raise PreviewError(400, "parameters skal være en liste")
    result = {}
    for item in given:
        if not isinstance(item, dict) or not isinstance(item.get("key"), str):
            raise PreviewError(400, "hver parameter skal have en key")
        result[item["key"]] = str(item.get("value", ""))
    return result
