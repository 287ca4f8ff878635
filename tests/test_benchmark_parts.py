"""The benchmark's own arithmetic and the wrk script it writes (the run itself is a tool)."""

from __future__ import annotations

import os

import pytest

from devtools.bench_load import (
    BenchmarkError,
    SignedRequest,
    parse_wrk_output,
    wrk_script,
)
from devtools.bench_parts import process_cpu_seconds
from devtools.bench_report import growth_percent, percentile


def test_percentiles_interpolate_between_ranks() -> None:
    samples = [5.0, 1.0, 4.0, 2.0, 3.0]

    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 50) == 3.0
    assert percentile(samples, 100) == 5.0
    assert percentile([1.0, 2.0], 99) == pytest.approx(1.99)
    with pytest.raises(ValueError):
        percentile([], 50)


def test_memory_growth_is_relative_to_the_first_reading() -> None:
    assert growth_percent(200.0, 210.0) == pytest.approx(5.0)
    assert growth_percent(200.0, 190.0) == pytest.approx(-5.0)


def test_the_wrk_script_never_opens_a_lua_string_where_a_key_belongs() -> None:
    request = SignedRequest(
        "homepage", "/addon/home", '{"emne": "Æbler ]] og ]=]"}'.encode(), "Bearer x"
    )

    script = wrk_script([request])

    # wrk ran a script with "[[[Content-Type]]]" as GET / on every request: Lua read
    # "[[" as the start of a string, and wrk fell back to its default request.
    assert "[[[" not in script
    assert "[ [[Content-Type]] ] = [[application/json]]" in script
    assert "]=]" in script and "[==[" in script  # the body's own brackets are escaped


def test_wrk_summary_is_read_and_its_absence_is_an_error() -> None:
    output = (
        "Running 2s test\n"
        'WRK_JSON {"requests": 900, "duration_us": 2000000, "status": 3, '
        '"connect": 0, "read": 1, "write": 0, "timeout": 0, "p50_us": 4100, '
        '"p99_us": 35000}\n'
    )

    result = parse_wrk_output(output)

    assert (result.requests, result.non_2xx, result.socket_errors) == (900, 3, 1)
    assert result.rate == pytest.approx(450.0)
    assert (result.p50_ms, result.p99_ms) == (4.1, 35.0)
    with pytest.raises(BenchmarkError):
        parse_wrk_output("/tmp/load.lua: '}' expected near ']'\n")


def test_cpu_time_of_a_process_grows_while_it_works() -> None:
    before = process_cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))

    assert process_cpu_seconds(os.getpid()) > before
