"""Start and stop the real Firestore emulator on a free loopback port.

``gcloud emulators firestore start`` forks a Java process; stopping ``gcloud`` alone leaves
it running, so we start it in its own process group and kill the whole group.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from types import TracebackType
from typing import IO


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FirestoreEmulator:
    """The Firestore emulator as a context manager: ``host`` is ``127.0.0.1:PORT``."""

    def __init__(self, port: int | None = None, startup_timeout: float = 60.0) -> None:
        self.port = port or free_port()
        self.host = f"127.0.0.1:{self.port}"
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        # Opened by start() and closed by stop(): an attached emulator never opens one.
        self._log: IO[bytes] | None = None

    @classmethod
    def attach(cls, host: str) -> FirestoreEmulator:
        """Use an emulator someone else started (e.g. ``.ci/run``); ``stop`` leaves it."""
        emulator = cls(port=int(host.rsplit(":", 1)[1]))
        emulator.host = host
        return emulator

    def start(self) -> FirestoreEmulator:
        """Start the emulator and wait until it answers ``Ok``."""
        gcloud = shutil.which("gcloud")
        if gcloud is None:
            raise RuntimeError("gcloud is not on PATH; install the Google Cloud CLI.")
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in stop())
        self._process = subprocess.Popen(
            [
                gcloud,
                "emulators",
                "firestore",
                "start",
                f"--host-port={self.host}",
                "--quiet",
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"Firestore emulator exited early:\n{self._output()}"
                )
            if self._answers_ok():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"Firestore emulator did not start in time:\n{self._output()}"
        )

    def reset(self, project: str) -> None:
        """Delete every document of ``project`` (the emulator's REST reset)."""
        url = (
            f"http://{self.host}/emulator/v1/projects/{project}"
            "/databases/(default)/documents"
        )
        request = urllib.request.Request(url, method="DELETE")
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def stop(self) -> None:
        """Kill the emulator's whole process group (gcloud and its Java child)."""
        if self._process is None:
            self._close_log()
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
        # The Java child may outlive gcloud for a moment; the group kill reaches it too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process = None
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _answers_ok(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://{self.host}/", timeout=1) as response:
                return bool(response.read().strip() == b"Ok")
        except (urllib.error.URLError, OSError):
            return False

    def _output(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:]

    def __enter__(self) -> FirestoreEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
