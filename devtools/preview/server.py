"""The preview's HTTP server on 127.0.0.1: the static page and its JSON API.

Routes::

    GET  /                           the page (static/index.html)
    GET  /static/<file>              its script, styles and icon
    GET  /api/config                 users, locales, documents, model modes
    GET  /api/documents/<id>         the document JSON from the Docs double
    POST /api/documents/<id>/clear   empty the document
    POST /api/send                   {session, trigger | function + parameters, formInputs}
    POST /api/model                  {mode}: how the model double answers from now on
"""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

import requests

from devtools.preview.api import PreviewApi, PreviewError

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
# The page loads nothing from anywhere else, even if a card names an outside image.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class PreviewServer:
    """The preview page and its API on 127.0.0.1, as a context manager.

    Args:
        api: What the page's API calls do.
        port: Port on 127.0.0.1; 0 picks a free one.
    """

    def __init__(self, api: PreviewApi, port: int = 0) -> None:
        self.api = api
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self.api))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def url(self) -> str:
        """The page's address, e.g. ``http://127.0.0.1:8090/``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> PreviewServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _handler(preview: PreviewApi) -> type[BaseHTTPRequestHandler]:
    static_files = {p.name for p in STATIC.iterdir() if p.is_file()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/":
                self._static("index.html")
            elif path.startswith("/static/") and path[8:] in static_files:
                self._static(path[8:])
            elif path == "/api/config":
                self._json(200, preview.config())
            elif path.startswith("/api/documents/"):
                self._api(lambda: preview.document(unquote(path[15:])))
            else:
                self._json(404, {"error": f"ingen side {path}"})

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            body = self._body()
            if path == "/api/send":
                self._api(lambda: preview.send(body))
            elif path == "/api/model":
                self._api(lambda: preview.set_model_mode(str(body.get("mode", ""))))
            elif path.startswith("/api/documents/") and path.endswith("/clear"):
                doc_id = unquote(path[15:].removesuffix("/clear"))
                self._api(lambda: preview.clear_document(doc_id))
            else:
                self._json(404, {"error": f"ingen rute POST {path}"})

        def _api(self, answer: Callable[[], Any]) -> None:
            try:
                self._json(200, answer())
            except PreviewError as exc:
                self._json(exc.status, {"error": str(exc)})
            except requests.RequestException as exc:
                logger.warning("preview: local stack call failed: %s", exc)
                self._json(502, {"error": f"den lokale stak svarede ikke: {exc}"})

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return {}
            return body if isinstance(body, dict) else {}

        def _static(self, name: str) -> None:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            self._send(200, (STATIC / name).read_bytes(), kind)

        def _json(self, status: int, payload: Any) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self._send(status, data, "application/json; charset=utf-8")

        def _send(self, status: int, data: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            logger.debug("preview: " + format, *args)

    return Handler
