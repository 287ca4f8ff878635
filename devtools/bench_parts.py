"""The benchmark's moving parts: child processes, gunicorn as app.yaml runs it, /proc.

Every child is started in a session of its own and stopped by killing its whole process
group, so nothing it forked (gunicorn's workers) outlives the benchmark, even when the
benchmark fails half-way.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from devtools.bench_load import Address, BenchmarkError, get
from devtools.bench_report import rss_kib

LOOPBACK = "127.0.0.1"
_ENTRYPOINT = re.compile(r"^entrypoint:\s*(.+?)\s*$", re.MULTILINE)


def gunicorn_argv(app_yaml: str, port: int) -> list[str]:
    """The gunicorn command of app.yaml's ``entrypoint``, bound to loopback.

    The workers, threads, timeout and WSGI object stay exactly as app.yaml says; only
    ``--bind :$PORT`` becomes ``--bind 127.0.0.1:<port>``, and gunicorn runs from this
    interpreter (``python -m gunicorn``).

    Raises:
        BenchmarkError: If app.yaml has no gunicorn entrypoint with ``$PORT``.
    """
    found = _ENTRYPOINT.search(app_yaml)
    words = shlex.split(found.group(1)) if found else []
    if not words or words[0] != "gunicorn":
        raise BenchmarkError("app.yaml has no 'entrypoint: gunicorn ...' line")
    bound = [w.replace("$PORT", str(port)) for w in words[1:]]
    binds = [w for w in bound if w.startswith(":") or w.startswith("--bind=:")]
    if len(binds) != 1 or str(port) not in binds[0]:
        raise BenchmarkError("app.yaml's entrypoint must bind ':$PORT' once")
    argv = [w if w not in binds else w.replace(":", f"{LOOPBACK}:", 1) for w in bound]
    return [sys.executable, "-m", "gunicorn", *argv]


def option(argv: Sequence[str], name: str) -> str:
    """The value of ``--name VALUE`` or ``--name=VALUE`` in ``argv``; "" if absent."""
    for index, word in enumerate(argv):
        if word == name and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith(f"{name}="):
            return word.split("=", 1)[1]
    return ""


class Child:
    """A child process in its own session; ``stop`` kills its whole process group."""

    def __init__(
        self,
        argv: Sequence[str],
        log: Path,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.argv = list(argv)
        self.log = log
        self._env = dict(env) if env is not None else None
        self._cwd = cwd
        self._log_file: IO[bytes] | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        """The child's process id (the process group's id too)."""
        if self.process is None:
            raise RuntimeError("the child is not started")
        return self.process.pid

    def start(self) -> Child:
        """Start the child, its output appended to ``log``."""
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            self.argv,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=self._env,
            cwd=self._cwd,
            start_new_session=True,
        )
        return self

    def alive(self) -> bool:
        """True while the child runs."""
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM to the process group, SIGKILL after ten seconds."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            # Anything the leader left behind (a worker mid-shutdown) goes too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process = None
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def tail(self, characters: int = 3000) -> str:
        """The end of the child's log, for error messages."""
        if not self.log.exists():
            return ""
        return self.log.read_bytes()[-characters:].decode("utf-8", "replace")

    def __enter__(self) -> Child:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def wait_until_up(child: Child, address: Address, path: str, seconds: float) -> None:
    """Wait until ``GET path`` answers 200.

    Raises:
        BenchmarkError: If the child exits or does not answer in time (with its log).
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not child.alive():
            raise BenchmarkError(f"{child.argv[:4]} exited:\n{child.tail()}")
        with contextlib.suppress(OSError):
            if get(address, path, timeout=1)[0] == 200:
                return
        time.sleep(0.1)
    raise BenchmarkError(f"{child.argv[:4]} did not answer in time:\n{child.tail()}")


def child_pids(pid: int) -> list[int]:
    """The children of ``pid`` (gunicorn's workers), sorted."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        return sorted(int(p) for p in children.read_text().split())
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            # "pid (comm) state ppid ...": comm may hold spaces, so split after ")".
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return sorted(found)


def wait_for_workers(master: int, count: int, seconds: float = 30.0) -> list[int]:
    """Gunicorn's worker pids once all ``count`` of them are running.

    Raises:
        BenchmarkError: If they are not all there in time.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        workers = child_pids(master)
        if len(workers) == count:
            return workers
        time.sleep(0.1)
    raise BenchmarkError(f"gunicorn did not start {count} workers")


def process_rss_kib(pid: int) -> int:
    """The resident memory of a process, in KiB, from ``/proc/<pid>/status``."""
    return rss_kib(Path(f"/proc/{pid}/status").read_text())


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, from ``/proc/<pid>/stat``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of stat(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def python_module(module: str, *args: str) -> list[str]:
    """The command running ``python -m module args`` with this interpreter."""
    return [sys.executable, "-m", module, *args]
