"""A DEVELOPMENT DOUBLE of an OpenAI-compatible chat API on 127.0.0.1. Never deployed.

The real ``openai`` client talks to it when ``base_url`` points here. It serves
``POST /v1/chat/completions`` (plain, or streamed as ``chat.completion.chunk`` server-sent
events ending in ``data: [DONE]``) and ``GET /v1/models``. Its answer is Danish Markdown
built from the request: a heading with the topic it finds in the last user message (the
first value inside the ``<<<…>>>`` input block, else the first line), paragraphs, a
nested bullet list, a numbered list, bold, italic, æ/ø/å, an emoji and the line
``DOUBLE_NOTICE``. Usage figures are estimated from the lengths of prompt and answer.

Control API, for tests and the local stack (no authentication, loopback only)::

    POST /_double/script    {"mode": "rate_limit", "times": 2, "delay": 5}
    POST /_double/reset     forget the script and the recorded requests
    GET  /_double/requests  every completion request body received, failed ones too

A script entry answers the next ``times`` completion requests in ``mode`` (``-1``: until
reset); entries queue in order. Modes are listed in ``MODES``. ``timeout`` holds the
answer ``delay`` seconds and then answers 504; ``slow`` answers normally after ``delay``
seconds. A reset or stop releases held requests at once by closing their connection.

Run it alone with ``python -m devtools.model_double --port 8765``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

MODES = (
    "ok", "rate_limit", "insufficient_quota", "server_error", "timeout", "slow",
    "empty_choices", "null_content", "refusal", "content_filter", "length", "lix_off",
)  # fmt: skip
#: A request asking for "LIX-mål: A-B" is answered with plain prose at the band's middle
#: ("lix_off" answers 15 above it), so differentiation can be tested against real LIX.
LIX_TARGET = re.compile(r"LIX-mål:\s*(\d+)\s*[-–]\s*(\d+)")
LIX_OFF_BY = 15
_SHORT_WORDS = (
    "vi", "går", "ned", "til", "åen", "og", "ser", "både", "på", "vandet", "solen", "er",
    "varm", "de", "bor", "i", "et", "hus", "med", "græs", "tag", "børn", "leger", "ved",
)  # fmt: skip
_LONG_WORDS = (
    "vikingerne", "landsbyen", "handelsrejser", "hverdagslivet", "skibsbyggerne",
    "fiskeriet", "markedspladsen", "bondegården", "håndværkerne", "familierne",
)  # fmt: skip
DOUBLE_NOTICE = "Dette svar kommer fra udviklingsdoublen, ikke fra en rigtig AI."
MODEL_ID = "udviklingsdouble"
DEFAULT_DELAY_SECONDS = 30.0
REFUSAL = "Det kan jeg desværre ikke hjælpe med."

# The framing module's input block: "<<<TAG\n...\nTAG>>>".
_INPUT_BLOCK = re.compile(r"<<<[^\n]*\n(.*?)\n[^\n]*>>>", re.DOTALL)
# Where the framing module's user message turns from the task to the teacher's data.
_INPUT_HEADING = "## Lærerens input"
_WORD_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+) ord\b")
_GRADE = re.compile(r"\b(\d{1,2})\. klasse\b")
# The privacy module's tokens: "Elev A", "Elev A's", "[e-mail 1]", "[CPR-nummer 2]".
_TOKEN = re.compile(r"\b[Ee]lev [A-Z]{1,2}(?:'s|s)?\b|\[[^\]\n]{1,30} \d+\]")
_INNER_CAPITAL = re.compile(r"(?<=[\w,] )[A-ZÆØÅ][\wæøå]*")
_NO_NAMES = re.compile(r"(?i)ikke nævne enkelte elever|elevnavne")
# "Emne: Vikingetiden" -> "Vikingetiden"; a label is short and has no sentence in it.
_LABELLED = re.compile(r"^([^:.!?]{1,40}):[ \t]*(.*)$")
_ERRORS = {
    "rate_limit": (429, "rate_limit_error", "rate_limit_exceeded", "Rate limit hit."),
    "insufficient_quota": (
        429,
        "insufficient_quota",
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.",
    ),
    "server_error": (500, "server_error", "server_error", "The server had an error."),
    "timeout": (504, "server_error", "timeout", "The double held the answer too long."),
}


def topic_of(messages: list[dict[str, Any]]) -> str:
    """The topic of the last user message, verbatim, at most about 120 characters.

    Args:
        messages: The request's messages.

    Returns:
        The first value inside the ``<<<…>>>`` input block ("Emne: Vikingetiden" gives
        "Vikingetiden"), else the first non-empty line; "Dagens emne" if there is none.
    """
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    text = _text_of(users[-1].get("content")) if users else ""
    block = _INPUT_BLOCK.search(text)
    for line in (block.group(1) if block else text).splitlines():
        labelled = _LABELLED.match(line.strip())
        value = labelled.group(2) if labelled and block else line
        value = value.strip().lstrip("#>-* ").strip()
        if value:
            return value if len(value) <= 120 else value[:120].rsplit(" ", 1)[0]
    return "Dagens emne"


def answer_markdown(messages: list[dict[str, Any]]) -> str:
    """Danish Markdown using every element the Docs writer converts, then the task.

    Args:
        messages: The request's messages; the topic heads the answer.

    Returns:
        A heading, paragraphs, a bullet list with a nested item, a numbered list, bold,
        italic, æ/ø/å, an emoji and ``DOUBLE_NOTICE``; then what ``follow_task`` makes of
        the template's task, so that curated test cases can check the answer.
    """
    topic = topic_of(messages)
    return (
        f"# {topic}\n\n"
        f"Her er et udkast om **{topic}**, skrevet til eleverne. Ret det gerne til, "
        "så det passer til din klasse. 🙂\n\n"
        "Teksten bruger *korte sætninger* og ord, eleverne kender fra hverdagen: "
        "æbler, søer og både på åen.\n\n"
        "## Før læsning\n\n"
        "- Hvad ved vi i forvejen?\n"
        "  - Skriv tre ord på en seddel.\n"
        "- Hvad er vi nysgerrige på?\n\n"
        "## Spørgsmål til teksten\n\n"
        "1. Hvad handler teksten om?\n"
        "2. Hvorfor tror du, det var sådan?\n"
        "3. Hvad ville du selv have gjort?\n\n"
        f"{follow_task(messages)}"
        f"{DOUBLE_NOTICE}\n"
    )


def follow_task(messages: list[dict[str, Any]]) -> str:
    """The double's crude way of doing what a template's task asks.

    A task that names a length ("ca. 300-500 ord") gets prose of about that length at a
    LIX suited to the grade it names. Any other task gets its own points restated, one
    bullet per line, and the teacher's values quoted back. Pseudonym tokens ("Elev A",
    "[e-mail 1]") are left out, as a model obeying the frames leaves out personal data,
    and a task that forbids naming pupils gets the teacher's values quoted without the
    capitalised words inside sentences, where Danish names stand.
    Returns "" when the request carries no template task (e.g. a plain chat message).
    """
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    text = _text_of(users[-1].get("content")) if users else ""
    task, _, data = text.partition(_INPUT_HEADING)
    if not data:
        return ""
    length = _WORD_RANGE.search(task)
    if length:
        words = (int(length.group(1)) + int(length.group(2))) // 2
        grade = _GRADE.search(task)
        target = _lix_for_grade(int(grade.group(1)) if grade else 5)
        per_sentence = max(3, min(25, round(target * 0.5)))
        sentences = max(1, -(-words // per_sentence))
        return f"## Teksten\n\n{prose_at_lix(target, sentences)}\n"
    points = [
        _without_tokens(line.strip().lstrip("-*0123456789. ").strip())
        for line in task.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    block = _INPUT_BLOCK.search(data)
    values = [
        _without_tokens(labelled.group(2) if labelled else line.strip())
        for line in (block.group(1) if block else "").splitlines()
        if line.strip()
        for labelled in [_LABELLED.match(line.strip())]
    ]
    if _NO_NAMES.search(task):  # leave out capitalised words inside sentences: names
        values = [_INNER_CAPITAL.sub("", value) for value in values]
    bullets = [f"- {point}" for point in points if point]
    quoted = [f"- {value}" for value in values if value]
    return (
        "## Sådan er materialet bygget op\n\n"
        + "\n".join(bullets)
        + "\n\n## Det bygger på\n\n"
        + "\n".join(quoted)
        + "\n\n"
    )


def _lix_for_grade(grade: int) -> float:
    """A reading text's LIX for a grade (0 = børnehaveklassen), about what Danish
    teachers aim for: very easy in the first grades, towards 35 in the oldest."""
    return min(35.0, 10.0 + 3 * grade)


def _without_tokens(text: str) -> str:
    return " ".join(_TOKEN.sub("", text).split())


def _lix_target(messages: list[dict[str, Any]]) -> float | None:
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    found = LIX_TARGET.search(_text_of(users[-1].get("content"))) if users else None
    return (int(found.group(1)) + int(found.group(2))) / 2 if found else None


def prose_at_lix(target: float, sentences: int = 12) -> str:
    """Danish-looking prose whose LIX is close to ``target``.

    LIX = words per sentence + percentage of long words, so we pick a sentence length of
    about half the target and make up the rest with words over six letters.
    """
    per_sentence = max(3, min(25, round(target * 0.5)))
    long_share = max(0.0, min(0.7, (target - per_sentence) / 100))
    total = per_sentence * sentences
    long_total = round(total * long_share)
    words = []
    for n in range(total):
        is_long = n * long_total // total != (n + 1) * long_total // total
        pool = _LONG_WORDS if is_long else _SHORT_WORDS
        words.append(pool[n % len(pool)])
    lines = []
    for start in range(0, total, per_sentence):
        sentence = " ".join(words[start : start + per_sentence])
        lines.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(lines) + "\n"


def estimate_tokens(text: str) -> int:
    """About one token per four characters, as the usage figures are only estimates."""
    return -(-len(text) // 4)


def _text_of(content: Any) -> str:
    """The text of a message's content: a string or a list of ``text`` parts."""
    if isinstance(content, list):
        return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return "" if content is None else str(content)


@dataclass
class _Entry:
    """One line of the script: answer the next ``times`` requests in ``mode``."""

    mode: str
    times: int
    delay: float


class ModelDouble:
    """The double as an in-process server on loopback; a context manager.

    Args:
        port: The port to bind on 127.0.0.1; 0 picks a free one.
    """

    def __init__(self, port: int = 0) -> None:
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()
        self._script: list[_Entry] = []
        self._requests: list[dict[str, Any]] = []
        self._release = threading.Event()

    @property
    def port(self) -> int:
        """The bound port; only known once started."""
        if self._server is None:
            raise RuntimeError("the model double is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What to pass as the openai client's ``base_url``."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        """A copy of every completion request body received since the last reset."""
        with self._lock:
            return list(self._requests)

    def start(self) -> ModelDouble:
        """Bind 127.0.0.1 and serve in a daemon thread."""
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), _handler(self))
        self._server.daemon_threads = True
        serve = self._server.serve_forever
        # The poll interval is how long ``stop`` may wait for the loop to notice.
        threading.Thread(target=serve, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Release held requests, stop serving and close the socket."""
        self._release_held()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def script(
        self, mode: str, times: int = 1, delay: float = DEFAULT_DELAY_SECONDS
    ) -> None:
        """Answer the next ``times`` completion requests in ``mode`` (-1: until reset).

        Raises:
            ValueError: If the mode is unknown, ``times`` is 0 or below -1, or
                ``delay`` is negative.
        """
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        if times == 0 or times < -1 or delay < 0:
            raise ValueError("times must be positive or -1, and delay not negative")
        with self._lock:
            self._script.append(_Entry(mode, times, delay))

    def reset(self) -> None:
        """Forget the script and the recorded requests; release held requests."""
        self._release_held()
        with self._lock:
            self._script.clear()
            self._requests.clear()

    def _release_held(self) -> None:
        with self._lock:
            self._release.set()
            self._release = threading.Event()

    def _record(self, body: dict[str, Any]) -> _Entry:
        """Record a completion request and take the script entry that answers it."""
        with self._lock:
            self._requests.append(body)
            if not self._script:
                return _Entry("ok", 1, 0.0)
            entry = self._script[0]
            if entry.times > 0:
                entry.times -= 1
                if entry.times == 0:
                    self._script.pop(0)
            return entry

    def _hold(self, seconds: float) -> bool:
        """Wait ``seconds``; False when a reset or stop cut the wait short."""
        with self._lock:
            release = self._release
        return not release.wait(seconds)

    def __enter__(self) -> ModelDouble:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _completion(body: dict[str, Any], mode: str) -> dict[str, Any]:
    """The ``chat.completion`` object answering ``body`` in ``mode``."""
    messages = body.get("messages", [])
    target = _lix_target(messages)
    if target is not None:
        text = prose_at_lix(target + (LIX_OFF_BY if mode == "lix_off" else 0))
    else:
        text = answer_markdown(messages)
    content: str | None = text
    finish = "stop"
    if mode in ("null_content", "refusal"):
        content = None
    elif mode == "content_filter":
        content, finish = text[:60], "content_filter"
    elif mode == "length":
        content, finish = text[: len(text) // 2], "length"
    message = {"role": "assistant", "content": content, "refusal": None}
    if mode == "refusal":
        message["refusal"] = REFUSAL
    prompt = estimate_tokens("".join(_text_of(m.get("content")) for m in messages))
    completion = estimate_tokens(content or message["refusal"] or "")
    choices = [{"index": 0, "message": message, "finish_reason": finish}]
    return {
        "id": f"chatcmpl-double-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model") or MODEL_ID,
        "choices": [] if mode == "empty_choices" else choices,
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _chunks(answer: dict[str, Any], include_usage: bool) -> Iterator[dict[str, Any]]:
    """The answer as ``chat.completion.chunk`` objects, as OpenAI streams it."""
    base = {k: answer[k] for k in ("id", "created", "model")}
    base["object"] = "chat.completion.chunk"
    for choice in answer["choices"]:
        message = choice["message"]
        deltas: list[dict[str, Any]] = [{"role": "assistant", "content": ""}]
        content = message["content"] or ""
        deltas += [{"content": content[i : i + 40]} for i in range(0, len(content), 40)]
        if message["refusal"]:
            deltas.append({"refusal": message["refusal"]})
        for delta in deltas:
            yield {
                **base,
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            }
        finish = {"index": 0, "delta": {}, "finish_reason": choice["finish_reason"]}
        yield {**base, "choices": [finish]}
    if include_usage:
        yield {**base, "choices": [], "usage": answer["usage"]}


def _invalid(body: Any) -> str:
    """Why a completion request is invalid, as OpenAI would say it; empty if valid."""
    if not isinstance(body, dict):
        return "The request body must be a JSON object."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array."
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or "role" not in message:
            return f"Missing required parameter: 'messages[{index}].role'."
    return ""


def _handler(double: ModelDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body leave in separate writes; with Nagle's algorithm on, the
        # body waits for the client's delayed ACK (about 40 ms) on every answer.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/_double/requests":
                self._json(200, double.requests)
            elif path == "/v1/models":
                model = {
                    "id": MODEL_ID,
                    "object": "model",
                    "created": 0,
                    "owned_by": "",
                }
                self._json(200, {"object": "list", "data": [model]})
            else:
                self._error(404, "invalid_request_error", "unknown_url", path)

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._error(400, "invalid_request_error", None, "Invalid JSON body.")
                return
            if path == "/v1/chat/completions":
                self._complete(body)
            elif path == "/_double/script" and isinstance(body, dict):
                self._script(body)
            elif path == "/_double/reset":
                double.reset()
                self._json(200, {"reset": True})
            else:
                self._error(404, "invalid_request_error", "unknown_url", path)

        def _script(self, body: dict[str, Any]) -> None:
            try:
                mode = str(body.get("mode", "ok"))
                times = int(body.get("times", 1))
                delay = float(body.get("delay", DEFAULT_DELAY_SECONDS))
                double.script(mode, times, delay)
            except (TypeError, ValueError) as exc:
                self._error(400, "invalid_request_error", None, str(exc))
                return
            self._json(200, {"mode": mode, "times": times, "delay": delay})

        def _complete(self, body: Any) -> None:
            entry = double._record(body)
            problem = _invalid(body)
            if problem:
                self._error(400, "invalid_request_error", None, problem)
                return
            held = entry.mode in ("timeout", "slow")
            if held and not double._hold(entry.delay):
                self.close_connection = True  # released by reset or stop: no answer
                return
            if entry.mode in _ERRORS:
                self._error(*_ERRORS[entry.mode])
                return
            answer = _completion(body, entry.mode)
            if body.get("stream"):
                options = body.get("stream_options") or {}
                self._stream(_chunks(answer, bool(options.get("include_usage"))))
            else:
                self._json(200, answer)

        def _stream(self, chunks: Iterator[dict[str, Any]]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for chunk in chunks:
                self._write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n")
            self._write("data: [DONE]\n\n")

        def _error(
            self, status: int, kind: str, code: str | None, message: str
        ) -> None:
            error = {"message": message, "type": kind, "param": None, "code": code}
            self._json(status, {"error": error})

        def _json(self, status: int, payload: Any) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self._write(data)

        def _write(self, data: str | bytes) -> None:
            # A client that gave up (its timeout) has closed the socket: nothing to tell.
            try:
                self.wfile.write(data.encode() if isinstance(data, str) else data)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main() -> None:
    """Serve the double until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description="OpenAI-compatible development double")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1")
    args = parser.parse_args()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    with ModelDouble(args.port) as double:
        print(f"Model double (development only) on {double.base_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stopped.wait()


if __name__ == "__main__":
    main()
