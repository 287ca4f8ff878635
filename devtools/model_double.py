"""A DEVELOPMENT DOUBLE of an OpenAI-compatible chat completions server. Never production.

It answers ``POST /v1/chat/completions`` (plain and streamed) with Danish Markdown built from
the request: a heading with the teacher's topic, paragraphs, a nested bullet list, a numbered
list, bold and italic text, æ/ø/å and an emoji, and a line saying it is a double. Tests and
the local stack script failures through a small control API:

    POST /_double/script   {"mode": "rate_limit", "times": 2, "delay": 5}
    POST /_double/reset
    GET  /_double/requests  every completion request body received, failed ones included

Modes: ok, rate_limit, insufficient_quota, server_error, timeout, slow, empty_choices,
null_content, refusal, content_filter, length.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

MODES = (
    "ok",
    "rate_limit",
    "insufficient_quota",
    "server_error",
    "timeout",
    "slow",
    "empty_choices",
    "null_content",
    "refusal",
    "content_filter",
    "length",
)
DOUBLE_NOTICE = (
    "Dette svar kommer fra udviklingsdoublen, ikke fra en rigtig sprogmodel."
)
_INPUT_BLOCK = re.compile(r"<<<\S*\n(.*?)\n\S*>>>", re.DOTALL)


def topic_of(messages: list[dict[str, Any]]) -> str:
    """The teacher's topic: the first value inside the input block of the last user message."""
    users = [m for m in messages if m.get("role") == "user"]
    text = str(users[-1].get("content", "")) if users else ""
    block = _INPUT_BLOCK.search(text)
    lines = (block.group(1) if block else text).splitlines()
    for line in lines:
        value = line.split(":", 1)[1] if ":" in line else line
        if value.strip():
            return value.strip()[:120]
    return "Dagens emne"


def answer_markdown(messages: list[dict[str, Any]]) -> str:
    """Danish Markdown that exercises every element the Docs writer handles."""
    topic = topic_of(messages)
    return (
        f"# {topic}\n\n"
        f"Her er et udkast om **{topic}**. Teksten er skrevet til eleverne, og du kan "
        "rette den til, så den passer til din klasse. 🙂\n\n"
        "## Før læsning\n\n"
        "Tal med eleverne om, hvad de allerede ved. Brug gerne *billeder* og få ord på "
        "tavlen.\n\n"
        "- Hvad ved vi i forvejen?\n"
        "  - Skriv tre ord på en seddel.\n"
        "- Hvad er vi nysgerrige på?\n"
        "- Hvilke ord er svære? Fx **ærlig**, **søfart** og **gård**.\n\n"
        "## Spørgsmål til teksten\n\n"
        "1. Hvad handler teksten om?\n"
        "2. Hvorfor tror du, det var sådan?\n"
        "3. Hvad ville du selv have gjort?\n\n"
        f"_{DOUBLE_NOTICE}_\n"
    )


class ModelDouble:
    """The double as an in-process server on loopback; usable as a context manager."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[dict[str, Any]] = []
        self._script: deque[dict[str, Any]] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> ModelDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def script(self, mode: str, times: int = 1, delay: float = 30.0) -> None:
        """Answer the next ``times`` requests in ``mode`` (-1: until reset)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose from {', '.join(MODES)}")
        with self._lock:
            self._script.append({"mode": mode, "times": times, "delay": delay})

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.requests.clear()

    def next_mode(self) -> tuple[str, float]:
        with self._lock:
            if not self._script:
                return "ok", 0.0
            entry = self._script[0]
            if entry["times"] > 0:
                entry["times"] -= 1
                if entry["times"] == 0:
                    self._script.popleft()
            return entry["mode"], float(entry["delay"])

    def wait(self, seconds: float) -> None:
        """Sleep, but wake at once when the server stops."""
        self._stopping.wait(seconds)

    def __enter__(self) -> ModelDouble:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _completion(
    body: dict[str, Any], content: str | None, finish: str, **message: Any
) -> dict:
    prompt = sum(len(str(m.get("content", ""))) for m in body.get("messages", [])) // 4
    completion = len(content or "") // 4
    return {
        "id": f"chatcmpl-double-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "udviklingsdouble"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, **message},
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _error(status: int, kind: str, code: str, message: str) -> tuple[int, dict]:
    return status, {
        "error": {"message": message, "type": kind, "code": code, "param": None}
    }


def _handler(double: ModelDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path == "/_double/requests":
                self._json(200, double.requests)
            elif self.path == "/v1/models":
                self._json(
                    200,
                    {
                        "object": "list",
                        "data": [
                            {
                                "id": "udviklingsdouble",
                                "object": "model",
                                "owned_by": "laerer",
                            }
                        ],
                    },
                )
            else:
                self._json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._json(400, {"error": {"message": "invalid JSON"}})
                return
            if self.path == "/_double/script":
                try:
                    double.script(
                        body.get("mode", "ok"),
                        int(body.get("times", 1)),
                        float(body.get("delay", 30.0)),
                    )
                except ValueError as exc:
                    self._json(400, {"error": {"message": str(exc)}})
                    return
                self._json(200, {"scripted": body})
            elif self.path == "/_double/reset":
                double.reset()
                self._json(200, {"reset": True})
            elif self.path == "/v1/chat/completions":
                double.requests.append(body)
                self._complete(body)
            else:
                self._json(404, {"error": {"message": "not found"}})

        def _complete(self, body: dict[str, Any]) -> None:
            mode, delay = double.next_mode()
            messages = body.get("messages", [])
            text = answer_markdown(messages)
            if mode in ("timeout", "slow"):
                double.wait(delay)
                if mode == "timeout":
                    self._json(504, {"error": {"message": "double timed out"}})
                    return
            failures = {
                "rate_limit": _error(
                    429,
                    "rate_limit_error",
                    "rate_limit_exceeded",
                    "Rate limit reached (double).",
                ),
                "insufficient_quota": _error(
                    429,
                    "insufficient_quota",
                    "insufficient_quota",
                    "You exceeded your current quota (double).",
                ),
                "server_error": _error(
                    500,
                    "server_error",
                    "server_error",
                    "The server had an error (double).",
                ),
            }
            if mode in failures:
                self._json(*failures[mode])
                return
            answers = {
                "empty_choices": {**_completion(body, text, "stop"), "choices": []},
                "null_content": _completion(body, None, "stop"),
                "refusal": _completion(
                    body, None, "stop", refusal="Det kan jeg ikke hjælpe med (double)."
                ),
                "content_filter": _completion(body, None, "content_filter"),
                "length": _completion(body, text[:80], "length"),
            }
            answer = answers.get(mode) or _completion(body, text, "stop")
            if body.get("stream"):
                self._stream(answer)
            else:
                self._json(200, answer)

        def _stream(self, answer: dict[str, Any]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            choice = answer["choices"][0] if answer["choices"] else None
            content = (choice["message"]["content"] or "") if choice else ""
            base = {k: answer[k] for k in ("id", "created", "model")}
            pieces = [content[i : i + 40] for i in range(0, len(content), 40)]
            for piece in pieces:
                chunk = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [
                        {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                    ],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            final = {
                **base,
                "object": "chat.completion.chunk",
                "choices": [
                    {
                        "index": 0,
                        "delta": {},
                        "finish_reason": choice["finish_reason"] if choice else "stop",
                    }
                ],
            }
            self.wfile.write(f"data: {json.dumps(final)}\n\ndata: [DONE]\n\n".encode())
            self.close_connection = True

        def _json(self, status: int, payload: Any) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="OpenAI-compatible development double")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with ModelDouble(args.port) as double:
        print(f"Model double (development only) on {double.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
