"""Figures read inside one process: the product's own instruments, no patching.

``create_app`` builds the same app gunicorn serves, against the same emulator project
and doubles; the Flask test client sends it signed events. ``Store.round_trips`` counts
Firestore calls; ``services.framing`` says which layer gave which bytes of the prefix.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from addon import create_app
from devtools.bench_load import BenchmarkError, SignedRequest
from devtools.bench_report import Figure
from devtools.bench_service import DOC_POOL, BenchStack, generation_event, load_event
from services import framing
from services.config import Settings
from services.demo import DEMO_TEACHER, DEMO_TENANT
from services.documents import DocsWriter, authorized_http, build_shared_docs_api
from services.models import Layer

_TOKEN = "ya29.local-benchmark-token"


def inprocess_app(bench: BenchStack) -> Flask:
    """The service's app in this process, logging errors only (the table stays clean)."""
    return create_app(dataclasses.replace(bench.settings, log_level="ERROR"))


def _answer(client: FlaskClient, request: SignedRequest) -> str:
    """POST in process and return the answer as JSON text."""
    response = client.post(request.path, data=request.body, headers=request.headers())
    if response.status_code != 200:
        raise BenchmarkError(f"{request.path} answered {response.status_code}")
    return json.dumps(response.get_json(), ensure_ascii=False)


def round_trips(
    app: Flask, bench: BenchStack, renders: int, generations: int
) -> list[Figure]:
    """Firestore round trips of a warm homepage render and of a warm generation."""
    store = app.extensions["laerer"].store
    client = app.test_client()
    home = bench.sign("home", "/addon/home", load_event("docs-homepage.json"))
    path = "/addon/actions/generate"

    def generate(n: int) -> SignedRequest:
        event = generation_event(DOC_POOL[n % len(DOC_POOL)], emne=f"Emne {n}")
        return bench.sign("generate", path, event)

    def counted(request: SignedRequest) -> int:
        before = store.round_trips
        answer = _answer(client, request)
        if request.path == path and '"name": "result"' not in answer:
            raise BenchmarkError(f"a generation gave no result card: {answer[:300]}")
        return int(store.round_trips - before)

    for request in (home, home, generate(0)):  # fills the caches, learns the place
        counted(request)
    homes = [counted(home) for _ in range(renders)]
    generated = [counted(generate(n)) for n in range(1, generations + 1)]
    return [
        Figure.from_samples(
            "firestore_round_trips_home",
            "Firestore round trips per homepage render (warm)",
            "≤ 1",
            "",
            homes,
            passed=max(homes) <= 1,
            note=f"{renders} renders in process; Store.round_trips before/after each",
        ),
        Figure.from_samples(
            "firestore_round_trips_generation",
            "Firestore round trips per generation (warm)",
            "≤ 3",
            "",
            generated,
            passed=max(generated) <= 3,
            note=f"{generations} generations in process, each written to a Doc",
        ),
    ]


def docs_client_cost(settings: Settings, repeats: int) -> list[Figure]:
    """What a Docs client costs per request: built from discovery, or shared.

    ``DocsWriter.for_token`` builds a client from the discovery document for one token
    (what a per-request build costs); ``create_app`` instead builds one client per
    process and gives each request only an authorised ``http`` (what it costs now).
    """
    DocsWriter.for_token(_TOKEN, settings)  # imports and the discovery file, once
    built = _timed(lambda: DocsWriter.for_token(_TOKEN, settings), repeats)
    shared = build_shared_docs_api(settings)
    documents = shared.documents()

    def per_request() -> DocsWriter:
        http = authorized_http(_TOKEN, settings)
        return DocsWriter(shared, http, documents=documents)

    reused = _timed(per_request, repeats)
    return [
        Figure.from_samples(
            "docs_client_built_per_request",
            "Docs client built per request (not done: reference)",
            "–",
            "ms",
            built,
        ),
        Figure.from_samples(
            "docs_client_shared_per_request",
            "Docs client per request as create_app does it",
            "–",
            "ms",
            reused,
        ),
    ]


def composed_prefix(app: Flask) -> tuple[tuple[Layer, ...], str]:
    """The demo teacher's frame layers and the system message the composer makes."""
    store = app.extensions["laerer"].store
    context = store.user_context(DEMO_TENANT, DEMO_TEACHER)
    layers = framing.frame_layers(
        tenant=context.tenant, school=context.school, team=context.team
    )
    return layers, framing.system_prompt(layers)


def _timed(operation: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - started) * 1000)
    return samples
