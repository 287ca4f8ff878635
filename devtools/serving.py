"""A local HTTP double's life: serve in a background thread, stop, use with ``with``."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

logger = logging.getLogger(__name__)


class LoopbackServer(ThreadingHTTPServer):
    """A double's server on 127.0.0.1; its handlers find the double's ``state`` here."""

    daemon_threads = False  # server_close() waits for requests in flight

    def __init__(
        self, port: int, handler: type[BaseHTTPRequestHandler], state: Any
    ) -> None:
        super().__init__(("127.0.0.1", port), handler)
        self.state = state


class DoubleHandler(BaseHTTPRequestHandler):
    """What every API double's handler shares: one request per connection, quiet logs,
    and answers as JSON (or plain text for a ``str``)."""

    server: LoopbackServer
    protocol_version = "HTTP/1.0"  # one request per connection: nothing lingers
    timeout = 10
    name = "double"

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(f"{self.name}: " + format, *args)

    def _send(self, status: int, payload: Any) -> None:
        is_text = isinstance(payload, str)
        data = payload.encode() if is_text else json.dumps(payload).encode()
        kind = "text/plain" if is_text else "application/json"
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            logger.debug("%s: the client left before the answer", self.name)


class ServedDouble:
    """Base of the API doubles: a subclass sets ``_server`` before using the rest."""

    _server: LoopbackServer
    _thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def endpoint(self) -> str:
        """The client's ``api_endpoint``, e.g. ``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Self:
        """Serve in a background thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
