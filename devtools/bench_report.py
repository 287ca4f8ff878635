"""The benchmark's figures: percentiles, the printed table and the JSON document.

Everything here is pure except ``machine_info``, which reads ``/proc/cpuinfo``; the tests
in ``tests/test_benchmark_tools.py`` pin the arithmetic and the shapes.
"""

from __future__ import annotations

import math
import os
import platform
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: The ``schema`` of the JSON document; bump it when a field changes meaning.
SCHEMA = "laerer-benchmark/1"

_VM_RSS = re.compile(r"^VmRSS:\s+(\d+)\s+kB$", re.MULTILINE)
_MODEL_NAME = re.compile(r"^model name\s*:\s*(.+)$", re.MULTILINE)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile, interpolating linearly between closest ranks.

    This is the "linear" method of NumPy and of spreadsheets' PERCENTILE.INC: the
    0th percentile is the minimum, the 100th the maximum, the 50th the median.

    Args:
        values: The samples, in any order.
        q: The percentile, from 0 to 100.

    Returns:
        The percentile of the samples.

    Raises:
        ValueError: If there are no samples or ``q`` is outside 0..100.
    """
    if not values:
        raise ValueError("percentile of no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Minimum, median and 99th percentile of a set of samples."""

    count: int
    min: float
    median: float
    p99: float


def summarize(values: Sequence[float]) -> Summary:
    """Summarise samples as count, minimum, median and p99.

    Raises:
        ValueError: If there are no samples.
    """
    return Summary(
        count=len(values),
        min=percentile(values, 0),
        median=percentile(values, 50),
        p99=percentile(values, 99),
    )


@dataclass(frozen=True)
class Figure:
    """One row of the table: a measured figure, its target and whether it was met.

    ``key`` is stable between commits (compare JSON files by it). A figure with one
    value (a rate, a growth) keeps it in ``median`` and leaves ``min`` and ``p99``
    empty. ``passed`` is None for figures that only inform.
    """

    key: str
    name: str
    target: str
    unit: str
    median: float | None
    min: float | None = None
    p99: float | None = None
    passed: bool | None = None
    note: str = ""

    @classmethod
    def from_samples(
        cls,
        key: str,
        name: str,
        target: str,
        unit: str,
        values: Sequence[float],
        *,
        passed: bool | None = None,
        note: str = "",
    ) -> Figure:
        """A figure whose min, median and p99 come from ``values``."""
        summary = summarize(values)
        return cls(
            key,
            name,
            target,
            unit,
            summary.median,
            summary.min,
            summary.p99,
            passed,
            note or f"{summary.count} samples",
        )


def format_value(value: float | None, unit: str) -> str:
    """A value with its unit, rounded for reading; an en dash for no value."""
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "%":
        return f"{value:+.1f} %"
    if float(value).is_integer():
        return f"{int(value):,} {unit}".replace(",", " ").rstrip()
    return f"{value:,.1f} {unit}".replace(",", " ").rstrip()


def verdict(passed: bool | None) -> str:
    """``pass``, ``MISS`` or ``info``."""
    return "info" if passed is None else ("pass" if passed else "MISS")


def format_table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table: figure | target | min | median | p99 | result."""
    header = ("figure", "target", "min", "median", "p99", "result")
    rows = [
        (
            f.name,
            f.target,
            format_value(f.min, f.unit),
            format_value(f.median, f.unit),
            format_value(f.p99, f.unit),
            verdict(f.passed),
        )
        for f in figures
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
            + " |"
        )

    ruler = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), ruler, *(line(r) for r in rows)])


def format_notes(figures: Sequence[Figure]) -> str:
    """One line per figure that carries a note: what was measured and how."""
    return "\n".join(f"- {f.name}: {f.note}" for f in figures if f.note)


def results_document(
    figures: Sequence[Figure],
    machine: Mapping[str, Any],
    run: Mapping[str, Any],
    details: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON document ``--json`` writes, for comparing runs between commits.

    Args:
        figures: Every measured figure, in table order.
        machine: What ``machine_info`` returned.
        run: How the run was made (mode, counts, load tool, date).
        details: Anything else worth keeping (e.g. prompt bytes per layer).

    Returns:
        ``{"schema", "machine", "run", "passed", "figures": {key: {...}}, "details"}``;
        ``passed`` is True when no figure with a target missed it.
    """
    return {
        "schema": SCHEMA,
        "machine": dict(machine),
        "run": dict(run),
        "passed": all(f.passed is not False for f in figures),
        "figures": {f.key: asdict(f) for f in figures},
        "details": dict(details or {}),
    }


def cpu_model(cpuinfo: str) -> str:
    """The CPU's model name from the text of ``/proc/cpuinfo``; "unknown" if absent."""
    found = _MODEL_NAME.search(cpuinfo)
    return found.group(1).strip() if found else "unknown"


def rss_kib(status: str) -> int:
    """Resident memory in KiB from the text of ``/proc/<pid>/status``.

    Raises:
        ValueError: If the text has no ``VmRSS`` line (e.g. a zombie process).
    """
    found = _VM_RSS.search(status)
    if found is None:
        raise ValueError("no VmRSS line in the process status")
    return int(found.group(1))


def growth_percent(before: float, after: float) -> float:
    """How much ``after`` grew over ``before``, in percent (negative: it shrank)."""
    if before <= 0:
        raise ValueError("growth from nothing")
    return (after - before) / before * 100


def machine_info(tools: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The machine a run was made on: CPU model, cores, Python and the tools used."""
    cpuinfo = Path("/proc/cpuinfo")
    return {
        "cpu": cpu_model(cpuinfo.read_text() if cpuinfo.exists() else ""),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        # A busy machine explains a missed target: the 1-minute load when the run began.
        "load_average_at_start": round(os.getloadavg()[0], 2),
        **dict(tools or {}),
    }


def now_iso() -> str:
    """The current UTC time, to the second, for the ``run`` record."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
