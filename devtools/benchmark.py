"""Measure the add-on's own overhead, under gunicorn as app.yaml runs it.

    .venv/bin/python -m devtools.benchmark [--quick] [--json out.json]

Starts the Firestore emulator, a local signing key with its certs endpoint, the model
double (answering at once) and the Docs double, loads the demo municipality, runs the
service under gunicorn with app.yaml's workers and threads on a free loopback port, warms
it up and measures the figures of issue 10: card latency, throughput (with ``wrk`` when it
is installed, else a Python client), Firestore round trips, generation overhead, worker
memory, the prompt prefix and faults under load. Prints a table and the machine; with
``--json`` also writes the figures for comparing commits. Exit status: 0 when every
target is met, 1 when one is missed, 2 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

from devtools import bench_generation as generation
from devtools import bench_inprocess as inprocess
from devtools.bench_load import (
    CONNECTIONS,
    BenchmarkError,
    SignedRequest,
    drive,
    load_tool,
    post,
    sample_latency,
)
from devtools.bench_parts import process_cpu_seconds, process_rss_kib
from devtools.bench_report import (
    Figure,
    format_notes,
    format_table,
    growth_percent,
    machine_info,
    now_iso,
    percentile,
    results_document,
)
from devtools.bench_service import ROOT, BenchStack, load_event, start_stack

WORKDIR = ROOT / ".local" / "benchmark"
#: The order of the table: issue 10's figures first, what only informs last.
ORDER = (
    "card_latency_homepage",
    "card_latency_template_form",
    "throughput_cards",
    "service_cpu_per_card",
    "firestore_round_trips_home",
    "firestore_round_trips_generation",
    "generation_overhead",
    "generation_own_time",
    "worker_memory_growth",
    "prompt_prefix_identical",
    "faults_under_load",
    "docs_client_built_per_request",
    "docs_client_shared_per_request",
)


@dataclass(frozen=True)
class Counts:
    """How much a run sends; ``--quick`` sends about a tenth, for a smoke run."""

    warm_up: int
    latency_rounds: int
    memory_per_worker: tuple[int, int]
    round_trip_renders: int
    round_trip_generations: int
    generations: int
    fault_generations: int
    fault_rounds: int
    docs_client_repeats: int


FULL = Counts(50, 1000, (1000, 10_000), 20, 10, 100, 160, 3, 20)
QUICK = Counts(10, 100, (100, 1000), 5, 3, 15, 40, 1, 5)


def card_requests(bench: BenchStack) -> list[SignedRequest]:
    """The homepage and the template form, signed as Google would send them."""
    return [
        bench.sign("homepage", "/addon/home", load_event("docs-homepage.json")),
        bench.sign(
            "template form",
            "/addon/actions/open-template",
            load_event("docs-action-open-template.json"),
        ),
    ]


def warm_up(bench: BenchStack, cards: Sequence[SignedRequest], rounds: int) -> int:
    """Fill the workers' caches and connections; return how many requests were sent.

    Every request opens a new connection, so both workers get their share.
    """
    expected = {"homepage": "home", "template form": "form-laesetekst"}
    for request in cards:
        _ms, status, body = post(bench.address, request)
        if status != 200 or expected[request.label] not in generation.card_names(body):
            raise BenchmarkError(f"{request.label} answered {status}: {body[:300]!r}")
    sample_latency(bench.address, cards, rounds)
    return len(cards) * (rounds + 1) + generation.warm_up(bench, rounds=4)


def card_latency(
    bench: BenchStack, cards: Sequence[SignedRequest], rounds: int
) -> list[Figure]:
    """Latency of card requests one at a time: verification, Firestore, rendering."""
    samples = sample_latency(bench.address, cards, rounds)
    figures = []
    for label, values in samples.items():
        p50, p99 = percentile(values, 50), percentile(values, 99)
        figures.append(
            Figure.from_samples(
                "card_latency_" + label.replace(" ", "_"),
                f"Card request overhead: {label}",
                "p50 ≤ 10 ms, p99 ≤ 40 ms",
                "ms",
                values,
                passed=p50 <= 10 and p99 <= 40,
                note=(
                    f"{rounds} signed requests one at a time, each on a new connection "
                    "(two tokens verified, Firestore emulator read, card rendered)"
                ),
            )
        )
    return figures


def memory_and_throughput(
    bench: BenchStack,
    cards: Sequence[SignedRequest],
    per_worker: tuple[int, int],
    sent: int,
) -> list[Figure]:
    """Load the workers to ~``per_worker`` requests each, reading their RSS on the way.

    The load between the two readings is also the throughput run.
    """
    workers = len(bench.workers)
    first, last = (n * workers for n in per_worker)
    if sent < first:
        sent += drive(bench.address, cards, first - sent, WORKDIR).requests
    at_first = sent
    before = {pid: process_rss_kib(pid) for pid in bench.workers}
    cpu_before = sum(process_cpu_seconds(pid) for pid in bench.workers)
    load = drive(bench.address, cards, last - sent, WORKDIR)
    sent += load.requests
    cpu_ms = (
        (sum(process_cpu_seconds(pid) for pid in bench.workers) - cpu_before)
        * 1000
        / max(1, load.requests)
    )
    after = {pid: process_rss_kib(pid) for pid in bench.workers}
    growth = max(growth_percent(before[pid], after[pid]) for pid in bench.workers)
    rss = ", ".join(
        f"{before[p] / 1024:.1f} → {after[p] / 1024:.1f} MiB" for p in bench.workers
    )
    clean = load.non_2xx == 0 and load.socket_errors == 0
    return [
        Figure(
            "throughput_cards",
            "Throughput of card requests under gunicorn",
            "≥ 500 req/s",
            "req/s",
            round(load.rate, 1),
            passed=load.rate >= 500 and clean,
            note=(
                f"{load.tool}, {CONNECTIONS} connections: {load.requests} requests "
                f"(homepage and template form in turn) in {load.seconds:.1f} s; latency "
                f"under load p50 {load.p50_ms:.1f} ms, p99 {load.p99_ms:.1f} ms; "
                f"{load.non_2xx} not 2xx, {load.socket_errors} socket errors"
            ),
        ),
        Figure(
            "service_cpu_per_card",
            "Service CPU per card request under load (workers only)",
            "–",
            "ms",
            round(cpu_ms, 2),
            note=(
                f"user + system CPU of the {workers} workers over the throughput run; "
                f"on {os.cpu_count()} cores the service alone could answer about "
                f"{(os.cpu_count() or 1) * 1000 / max(cpu_ms, 0.01):.0f} req/s; here it "
                "shares them with the Firestore emulator (Java) and the load tool"
            ),
        ),
        Figure(
            "worker_memory_growth",
            f"Memory (RSS) of a worker, ~{per_worker[0]:,} → ~{per_worker[1]:,} "
            "requests each",
            "≤ 5 %",
            "%",
            round(growth, 2),
            passed=growth <= 5,
            note=(
                f"RSS of each of {workers} workers at {at_first} and {sent} requests "
                f"served in all: {rss}; the larger growth is shown"
            ),
        ),
    ]


def measure(counts: Counts, stack: ExitStack) -> tuple[list[Figure], dict[str, Any]]:
    """Start the stack, run every measurement, return the figures and their details."""
    _progress("starting the emulator, the doubles and gunicorn")
    bench = start_stack(stack, WORKDIR)
    stack.callback((WORKDIR / "load.lua").unlink, missing_ok=True)
    cards = card_requests(bench)
    _progress(f"gunicorn at {bench.public_url}, workers {bench.workers}; warming up")
    sent = warm_up(bench, cards, counts.warm_up)
    _progress("card latency, one request at a time")
    figures = card_latency(bench, cards, counts.latency_rounds)
    sent += len(cards) * counts.latency_rounds
    _progress(f"throughput and worker memory ({load_tool()})")
    figures += memory_and_throughput(bench, cards, counts.memory_per_worker, sent)
    _progress("Firestore round trips, in process")
    app = inprocess.inprocess_app(bench)
    figures += inprocess.round_trips(
        app, bench, counts.round_trip_renders, counts.round_trip_generations
    )
    _progress("generation overhead and the prompt prefix")
    figures += generation.generation_overhead(bench, counts.generations)
    prefix, details = generation.prompt_prefix(bench, app)
    figures.append(prefix)
    figures += inprocess.docs_client_cost(bench.settings, counts.docs_client_repeats)
    _progress("faults under load")
    figures.append(
        generation.faults_under_load(
            bench, counts.fault_generations, counts.fault_rounds
        )
    )
    figures.sort(key=lambda f: ORDER.index(f.key) if f.key in ORDER else len(ORDER))
    return figures, {
        "prompt_prefix": details,
        "gunicorn": " ".join(bench.gunicorn.argv[3:]),
        "service_log": str(bench.gunicorn.log),
    }


def tool_versions() -> dict[str, str]:
    """Versions of the load tool and gunicorn, for the machine record."""
    versions = {"gunicorn": metadata.version("gunicorn"), "load_tool": load_tool()}
    if load_tool() == "wrk":
        shown = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        versions["wrk"] = " ".join((shown.stdout or shown.stderr).split()[:2])
    return versions


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table; write JSON if asked."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="about a tenth of the load"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    counts = QUICK if args.quick else FULL
    WORKDIR.mkdir(parents=True, exist_ok=True)
    for old in WORKDIR.glob("*.log"):
        old.unlink()
    machine = machine_info(tool_versions())
    run: dict[str, Any] = {"date": now_iso(), "mode": "quick" if args.quick else "full"}
    try:
        with ExitStack() as stack:
            figures, details = measure(counts, stack)
    except BenchmarkError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2
    run["counts"] = asdict(counts)
    print(f"\nLærerværelset benchmark, {run['mode']} run, {run['date']}")
    print(
        f"Machine: {machine['cpu']}, {machine['cores']} cores, Python "
        f"{machine['python']}, gunicorn {machine['gunicorn']}, load: "
        f"{machine.get('wrk', machine['load_tool'])}, load average at start "
        f"{machine['load_average_at_start']}"
    )
    print(f"Service: gunicorn {details['gunicorn']}\n")
    print(format_table(figures))
    print("\n" + format_notes(figures))
    document = results_document(figures, machine, run, details)
    if args.json:
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        print(f"\nWrote {args.json}")
    return 0 if document["passed"] else 1


def _progress(text: str) -> None:
    print(f"· {text}", file=sys.stderr, flush=True)


def _terminate(signum: int, frame: object) -> NoReturn:
    raise SystemExit(128 + signum)  # unwinds the ExitStack: every child is stopped


if __name__ == "__main__":
    sys.exit(main())
