"""The emulator launcher: an emulator started by someone else is only attached to."""

from __future__ import annotations

import os

from devtools.emulator import FirestoreEmulator


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_attaching_to_a_running_emulator_opens_nothing_and_stops_nothing() -> None:
    # .ci/run starts the emulator itself; the tests attach. An attached launcher once
    # opened a log file it never closed, which failed the whole CI run at exit.
    before = _open_files()

    attached = FirestoreEmulator.attach("127.0.0.1:8765")
    attached.stop()

    assert attached.host == "127.0.0.1:8765"
    assert _open_files() == before
