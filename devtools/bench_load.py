"""Send signed requests to the service: one at a time for latency, many for load.

Load comes from ``wrk`` (Debian's package) when it is on PATH: a Lua script written for
the run posts the signed bodies with their ``Authorization`` headers and stops each
thread after its share of the requests. Without ``wrk`` a Python client stands in: two
processes with eight keep-alive connections each. It is the weaker tool (it takes CPU
the service would otherwise have), so every load figure names the tool that ran.
"""

from __future__ import annotations

import http.client
import json
import math
import multiprocessing
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools.bench_report import percentile

Address = tuple[str, int]

#: Concurrent connections under load: App Engine's max_concurrent_requests in app.yaml.
CONNECTIONS = 16
_WRK_MARK = "WRK_JSON "


class BenchmarkError(RuntimeError):
    """The benchmark cannot go on; the message says what the service answered."""


@dataclass(frozen=True)
class SignedRequest:
    """One request as Google would send it: path, signed JSON body, bearer token."""

    label: str
    path: str
    body: bytes
    authorization: str

    def headers(self) -> dict[str, str]:
        """The headers Google sends with an add-on request."""
        return {
            "Content-Type": "application/json",
            "Authorization": self.authorization,
        }


def post(
    address: Address, request: SignedRequest, timeout: float = 30.0
) -> tuple[float, int, bytes]:
    """POST once on a new connection; return milliseconds, status and body."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        headers = {**request.headers(), "Connection": "close"}
        connection.request("POST", request.path, body=request.body, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000, response.status, body


def get(address: Address, path: str, timeout: float = 5.0) -> tuple[int, bytes]:
    """GET once on a new connection; return status and body."""
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def call_json(address: Address, method: str, path: str, payload: Any = None) -> Any:
    """Call a double's control API (JSON in, JSON out).

    Raises:
        BenchmarkError: If the answer is not 200.
    """
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        body = None if payload is None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise BenchmarkError(
            f"{method} {path} answered {response.status}: {data[:300]!r}"
        )
    return json.loads(data)


def sample_latency(
    address: Address, requests: Sequence[SignedRequest], rounds: int
) -> dict[str, list[float]]:
    """Send each request ``rounds`` times, one at a time, each on a new connection.

    Returns:
        Milliseconds per request label.

    Raises:
        BenchmarkError: If any answer is not 200.
    """
    samples: dict[str, list[float]] = {r.label: [] for r in requests}
    for _ in range(rounds):
        for request in requests:
            ms, status, body = post(address, request)
            if status != 200:
                raise BenchmarkError(
                    f"{request.path} answered {status}: {body[:300]!r}"
                )
            samples[request.label].append(ms)
    return samples


@dataclass(frozen=True)
class LoadResult:
    """What one load run did: how many answers, how fast, how many were not 2xx."""

    tool: str
    requests: int
    seconds: float
    non_2xx: int
    socket_errors: int
    p50_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        """Answers per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def load_tool() -> str:
    """``wrk`` when it is on PATH, else ``python``."""
    return "wrk" if shutil.which("wrk") else "python"


def drive(
    address: Address,
    requests: Sequence[SignedRequest],
    total: int,
    workdir: Path,
    *,
    connections: int = CONNECTIONS,
) -> LoadResult:
    """Send about ``total`` requests, cycling through ``requests``, under load."""
    if load_tool() == "wrk":
        return run_wrk(address, requests, total, workdir, connections=connections)
    return run_python(address, requests, total, connections=connections)


def _lua_string(text: str) -> str:
    """``text`` as a Lua long string, whose level no closing bracket in it matches."""
    level = 0
    while f"]{'=' * level}]" in text or text.endswith("]" + "=" * level):
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def wrk_script(requests: Sequence[SignedRequest]) -> str:
    """A wrk Lua script that cycles through ``requests``.

    ``done`` prints one line, ``WRK_JSON {...}``, that ``parse_wrk_output`` reads. wrk
    runs for its ``-d`` duration whatever a thread does, so ``run_wrk`` sizes the runs.
    """
    lines = [
        "-- Written by devtools.benchmark for one run: local tokens, short-lived.",
        "local sent = 0",
        "local prepared = {}",
        "function init(args)",
    ]
    for index, request in enumerate(requests, start=1):
        headers = ", ".join(
            f"[ {_lua_string(k)} ] = {_lua_string(v)}"  # "[[[" would open a string
            for k, v in request.headers().items()
        )
        body = _lua_string(request.body.decode("utf-8"))
        path = _lua_string(request.path)
        lines.append(
            f'  prepared[{index}] = wrk.format("POST", {path}, {{{headers}}}, {body})'
        )
    lines += [
        "end",
        "function request()",
        "  sent = sent + 1",
        "  return prepared[(sent - 1) % #prepared + 1]",
        "end",
        "function done(summary, latency, requests)",
        "  local e = summary.errors",
        f'  io.write("{_WRK_MARK}" .. string.format(',
        '    \'{"requests": %d, "duration_us": %d, "status": %d, "connect": %d, \' ..',
        '    \'"read": %d, "write": %d, "timeout": %d, "p50_us": %.0f, \' ..',
        "    '\"p99_us\": %.0f}\\n',",
        "    summary.requests, summary.duration, e.status, e.connect, e.read,",
        "    e.write, e.timeout, latency:percentile(50), latency:percentile(99)))",
        "end",
    ]
    return "\n".join(lines) + "\n"


def parse_wrk_output(output: str) -> LoadResult:
    """Read the ``WRK_JSON`` line that ``wrk_script``'s ``done`` printed.

    Raises:
        BenchmarkError: If wrk printed no such line.
    """
    for line in output.splitlines():
        if line.startswith(_WRK_MARK):
            data = json.loads(line.removeprefix(_WRK_MARK))
            return LoadResult(
                tool="wrk",
                requests=int(data["requests"]),
                seconds=data["duration_us"] / 1e6,
                non_2xx=int(data["status"]),
                socket_errors=sum(
                    int(data[k]) for k in ("connect", "read", "write", "timeout")
                ),
                p50_ms=data["p50_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
            )
    raise BenchmarkError(f"wrk printed no summary:\n{output[-2000:]}")


def run_wrk(
    address: Address,
    requests: Sequence[SignedRequest],
    total: int,
    workdir: Path,
    *,
    connections: int = CONNECTIONS,
    threads: int = 2,
) -> LoadResult:
    """Run wrk until about ``total`` answers came back.

    wrk stops by time, not by count: a 2-second probe measures the rate, then each
    further run lasts as long as the remaining answers should take at that rate.
    """
    script = workdir / "load.lua"
    script.write_text(wrk_script(requests), "utf-8")
    script.chmod(0o600)
    host, port = address
    runs: list[LoadResult] = []
    answered, seconds = 0, 2
    while answered < total:
        argv = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            f"http://{host}:{port}/",
        ]
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=seconds + 60
        )
        if done.returncode != 0 or "lua" in done.stderr.lower():
            raise BenchmarkError(
                f"wrk failed ({done.returncode}): {done.stderr[-2000:]}"
            )
        run = parse_wrk_output(done.stdout)
        if run.requests == 0:
            raise BenchmarkError(f"wrk got no answers:\n{done.stdout[-2000:]}")
        runs.append(run)
        answered += run.requests
        seconds = max(1, math.ceil((total - answered) / run.rate))
    longest = max(runs, key=lambda run: run.requests)
    return LoadResult(
        tool="wrk",
        requests=answered,
        seconds=sum(run.seconds for run in runs),
        non_2xx=sum(run.non_2xx for run in runs),
        socket_errors=sum(run.socket_errors for run in runs),
        p50_ms=longest.p50_ms,
        p99_ms=longest.p99_ms,
    )


def run_python(
    address: Address,
    requests: Sequence[SignedRequest],
    total: int,
    *,
    connections: int = CONNECTIONS,
    processes: int = 2,
) -> LoadResult:
    """The stand-in for wrk: ``processes`` processes sharing ``connections``."""
    threads = max(1, connections // processes)
    per_thread = math.ceil(total / (processes * threads))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        parts = list(
            pool.map(
                _client_process,
                [address] * processes,
                [list(requests)] * processes,
                [threads] * processes,
                [per_thread] * processes,
            )
        )
    latencies = [ms for part in parts for ms in part["latencies"]]
    return LoadResult(
        tool="python",
        requests=len(latencies),
        seconds=max(p["ended"] for p in parts) - min(p["started"] for p in parts),
        non_2xx=sum(p["non_2xx"] for p in parts),
        socket_errors=sum(p["errors"] for p in parts),
        p50_ms=percentile(latencies, 50) if latencies else 0.0,
        p99_ms=percentile(latencies, 99) if latencies else 0.0,
    )


def _client_process(
    address: Address, requests: list[SignedRequest], threads: int, per_thread: int
) -> dict[str, Any]:
    """One process of the Python client: ``threads`` keep-alive connections."""
    lock = threading.Lock()
    result: dict[str, Any] = {"latencies": [], "non_2xx": 0, "errors": 0}

    def connection_loop(offset: int) -> None:
        connection = http.client.HTTPConnection(*address, timeout=30)
        latencies, non_2xx, errors = [], 0, 0
        for index in range(per_thread):
            request = requests[(offset + index) % len(requests)]
            started = time.perf_counter()
            try:
                connection.request(
                    "POST", request.path, body=request.body, headers=request.headers()
                )
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection(*address, timeout=30)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            non_2xx += not 200 <= response.status < 300
        connection.close()
        with lock:
            result["latencies"] += latencies
            result["non_2xx"] += non_2xx
            result["errors"] += errors

    workers = [
        threading.Thread(target=connection_loop, args=(n,)) for n in range(threads)
    ]
    result["started"] = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result["ended"] = time.monotonic()
    return result
