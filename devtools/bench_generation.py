"""Generations against the service under gunicorn: overhead, prompt prefix, faults.

The overhead's breakdown comes from the product's own JSON log lines (one per request and
one per outside call, each with ``latency_ms``), read from gunicorn's log.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from cards.messages import MESSAGES
from devtools.bench_inprocess import composed_prefix
from devtools.bench_load import BenchmarkError, SignedRequest, get, post
from devtools.bench_parts import child_pids
from devtools.bench_report import Figure, percentile
from devtools.bench_service import DOC_POOL, BenchStack, generation_event
from services import framing

PATH = "/addon/actions/generate"
#: One round of the model double's script under fault load: (mode, times, delay).
#: "slow" holds the answer past the benchmark's 2 s model timeout: a real timeout.
FAULT_ROUND = (
    ("ok", 6, 0.0),
    ("rate_limit", 8, 0.0),
    ("ok", 6, 0.0),
    ("server_error", 8, 0.0),
    ("ok", 6, 0.0),
    ("timeout", 6, 0.3),
    ("ok", 6, 0.0),
    ("slow", 4, 3.0),
)
_NOT_ERRORS = ("error.title", "error.keep", "error.retry")
#: What a teacher may get under faults: the material, or a Danish error.
_ACCEPTED = ("material", "danish_error")


@dataclass(frozen=True)
class GenerationTiming:
    """One generation as the service logged it: its latency and its outside calls."""

    server_ms: float
    model_ms: float
    docs_ms: float

    @property
    def own_ms(self) -> float:
        """The service's own time: the request without the model and Docs calls."""
        return self.server_ms - self.model_ms - self.docs_ms


def timings_from_log(entries: Sequence[dict[str, Any]]) -> list[GenerationTiming]:
    """Timings of sequential generations from the service's log lines.

    The outside calls logged before a generation's ``request`` line belong to it, which
    holds only while one generation runs at a time.
    """
    timings = []
    model = docs = 0.0
    for entry in entries:
        message = str(entry.get("message", ""))
        latency = float(entry.get("latency_ms", 0))
        if message.startswith("model call"):
            model += latency
        elif message == "docs call":
            docs += latency
        elif message == "request":
            if entry.get("path") == PATH:
                timings.append(GenerationTiming(latency, model, docs))
            model = docs = 0.0
    return timings


def read_log(path: Path, offset: int = 0) -> list[dict[str, Any]]:
    """The JSON lines of a log from byte ``offset`` on; other lines are skipped."""
    entries = []
    with path.open("rb") as log:
        log.seek(offset)
        for line in log:
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict):
                    entries.append(entry)
    return entries


def danish_error_texts() -> tuple[str, ...]:
    """Every Danish error sentence of the message catalogue."""
    return tuple(
        danish
        for key, (danish, _english) in MESSAGES.items()
        if key.startswith("error.") and key not in _NOT_ERRORS
    )


def classify_answer(status: int, body: bytes, error_texts: Sequence[str]) -> str:
    """What a teacher got: ``material``, ``danish_error``, ``5xx``, ``http_<n>``, ``other``.

    ``material`` is an answer holding the result card; ``danish_error`` one holding a
    Danish error sentence of the catalogue (the error card, or the form shown again
    with the error as its banner).
    """
    if status >= 500:
        return "5xx"
    if status != 200:
        return f"http_{status}"
    try:
        pairs = list(_string_pairs(json.loads(body)))
    except ValueError:
        return "other"
    if ("name", "result") in pairs:
        return "material"
    if any(text in value for _, value in pairs for text in error_texts):
        return "danish_error"
    return "other"


def card_names(body: bytes) -> set[str]:
    """The ``name`` of every card (and anything else named) in a JSON answer."""
    return {value for key, value in _string_pairs(json.loads(body)) if key == "name"}


def _string_pairs(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _string_pairs(value, str(name))
    elif isinstance(node, list):
        for item in node:
            yield from _string_pairs(item, key)
    elif isinstance(node, str):
        yield key, node


def _generation(bench: BenchStack, n: int, **values: str) -> SignedRequest:
    event = generation_event(DOC_POOL[n % len(DOC_POOL)], **values)
    return bench.sign("generate", PATH, event)


def _generate(bench: BenchStack, request: SignedRequest) -> float:
    """Send one generation and return its milliseconds; it must give material."""
    ms, status, body = post(bench.address, request)
    if classify_answer(status, body, ()) != "material":
        raise BenchmarkError(f"a generation answered {status}: {body[:300]!r}")
    return ms


def warm_up(bench: BenchStack, rounds: int) -> int:
    """A few generations, so the workers' model and Docs connections are open."""
    for n in range(rounds):
        _generate(bench, _generation(bench, n, emne="Opvarmning"))
    return rounds


def generation_overhead(bench: BenchStack, count: int) -> list[Figure]:
    """Latency of generations one at a time, the model double answering at once."""
    bench.reset_docs()
    bench.reset_model()
    log = bench.gunicorn.log
    offset = log.stat().st_size
    requests = [_generation(bench, n, emne=f"Emne nummer {n}") for n in range(count)]
    latencies = [_generate(bench, request) for request in requests]
    time.sleep(0.2)  # the workers' last log lines
    timings = timings_from_log(read_log(log, offset))
    if len(timings) != count:
        raise BenchmarkError(
            f"{len(timings)} generation log lines for {count} requests"
        )
    model = percentile([t.model_ms for t in timings], 50)
    docs = percentile([t.docs_ms for t in timings], 50)
    server = percentile([t.server_ms for t in timings], 50)
    return [
        Figure.from_samples(
            "generation_overhead",
            "Generation overhead beyond the model (double answers at once)",
            "≤ 100 ms",
            "ms",
            latencies,
            passed=max(percentile(latencies, 50), percentile(latencies, 99)) <= 100,
            note=(
                f"{count} generations one at a time, seen by the client; medians from "
                f"the service's log: request {server:.0f} ms, model call {model:.0f} ms, "
                f"Docs double calls (get + batchUpdate) {docs:.0f} ms"
            ),
        ),
        Figure.from_samples(
            "generation_own_time",
            "Generation: service's own time (no model, no Docs calls)",
            "–",
            "ms",
            [t.own_ms for t in timings],
            note="request latency minus the model and Docs calls, per the service's log",
        ),
    ]


def prompt_prefix(bench: BenchStack, app: Flask) -> tuple[Figure, dict[str, Any]]:
    """Two generations of one team with different input: is the prefix byte-identical?"""
    bench.reset_model()
    _generate(bench, _generation(bench, 0, emne="Vikingetiden", laengde="kort"))
    _generate(
        bench,
        _generation(
            bench, 1, emne="Fotosyntese i skolehaven", laengde="lang", ekstra="Ude."
        ),
    )
    recorded = bench.model_requests()[-2:]
    systems = [_message(r, "system").encode("utf-8") for r in recorded]
    users = [len(_message(r, "user").encode("utf-8")) for r in recorded]
    layers, composed = composed_prefix(app)
    per_layer = [
        {
            "kind": layer.kind,
            "label": layer.label,
            "version": layer.version,
            "bytes": len(framing.system_prompt([layer]).encode("utf-8")),
        }
        for layer in layers
    ]
    identical = systems[0] == systems[1]
    composer_agrees = composed.encode("utf-8") == systems[0]
    described = ", ".join(f"{p['kind']} {p['bytes']} B" for p in per_layer)
    figure = Figure(
        "prompt_prefix_identical",
        "Prompt prefix (system message) of one team, two inputs",
        "byte-identical",
        "bytes",
        float(len(systems[0])),
        passed=identical and composer_agrees,
        note=(
            f"{'identical' if identical else 'DIFFERENT'} as the model double received "
            f"them; {'equal to' if composer_agrees else 'NOT equal to'} "
            f"framing.system_prompt; layers: {described}; user messages {users} B"
        ),
    )
    return figure, {"prefix_bytes": len(systems[0]), "layers": per_layer, "user": users}


def _message(request: dict[str, Any], role: str) -> str:
    for message in request.get("messages", []):
        if message.get("role") == role:
            return str(message.get("content", ""))
    raise BenchmarkError(f"the model double received no {role} message")


def faults_under_load(
    bench: BenchStack, generations: int, rounds: int, concurrency: int = 8
) -> Figure:
    """Generations under load while the model double fails a share of its calls."""
    bench.reset_docs()
    bench.reset_model()
    for _ in range(rounds):
        for mode, times, delay in FAULT_ROUND:
            bench.script_model(mode, times, delay)
    failing = rounds * sum(times for mode, times, _ in FAULT_ROUND if mode != "ok")
    texts = danish_error_texts()
    requests = [_generation(bench, n, emne=f"Emne {n}") for n in range(generations)]

    def outcome(request: SignedRequest) -> str:
        try:
            _ms, status, body = post(bench.address, request, timeout=40)
        except OSError:
            return "no_answer"
        return classify_answer(status, body, texts)

    with ThreadPoolExecutor(concurrency) as pool:
        counts = Counter(pool.map(outcome, requests))
    calls = len(bench.model_requests())
    bench.reset_model()
    health = get(bench.address, "/healthz")[0]
    same_workers = child_pids(bench.gunicorn.pid) == bench.workers
    after = outcome(_generation(bench, generations, emne="Efter fejlene"))
    bad = sum(n for kind, n in counts.items() if kind not in _ACCEPTED)
    passed = (
        bad == 0
        and counts["danish_error"] > 0
        and health == 200
        and same_workers
        and after == "material"
    )
    answers = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return Figure(
        "faults_under_load",
        "Faults under load: answers that were not material or a Danish error",
        "0 (no 5xx)",
        "",
        float(bad),
        passed=passed,
        note=(
            f"{generations} generations, {concurrency} at a time; the model double "
            f"failed {failing} of {calls} calls (429, 500, 504 after 0.3 s, no answer "
            f"within the 2 s timeout); answers: {answers}; /healthz {health}; "
            f"workers {'unchanged' if same_workers else 'RESTARTED'}; "
            f"a generation afterwards: {after}"
        ),
    )
