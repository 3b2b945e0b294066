"""The benchmark scripts run (tiny sizes): a report that cannot be produced measures nothing.

They assert no time (docs/performance.md holds their numbers); here only that each mode
runs to its end and that the agreement it checks holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_batch.py"


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(_BENCH), *args], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_variants_agree_and_are_reported() -> None:
    out = _run("--documents", "60", "--chunk", "30", "--rounds", "1")
    assert "c-fast outcome lines differing from c: 0" in out
    for variant in ("| a0 |", "| c |", "| c-fast-std |", "| c-fast-cold |"):
        assert variant in out
    try:
        import msgspec  # noqa: F401
    except ImportError:
        return
    assert "| c-fast |" in out
    assert "| c-fast-floor |" in out
    assert "c/a0 = " in out


@pytest.mark.skipif(sys.platform == "win32", reason="the pipe of --rss uses wait4")
def test_workers_table_and_memory_modes_run() -> None:
    out = _run(
        "--no-variants", "--documents", "40", "--workers", "--worker-rounds", "1",
        "--memory", "20", "--rss", "20",
    )  # fmt: skip
    assert "workers, the command line's path in this process, 40 documents" in out
    assert "workers, the command, budgetperf batch FILE, 40 documents" in out
    assert "peak traced memory streaming 20 generated documents" in out
    assert "peak RSS of budgetperf batch - --jobs 1 on 20 generated documents" in out
    assert "one table (12 indicators)" in _run("--table-only")


def test_the_text_reader_comparison_runs() -> None:
    bench = _BENCH.parent / "bench_text.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--against", "HEAD", "--paragraphs", "20", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "| table corpus (" in done.stdout and "current ÷ earlier" in done.stdout
