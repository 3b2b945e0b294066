"""The pure core never imports the edges (io, render, cli) nor json, csv or babel."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "budgetperf.errors",
    "budgetperf.money",
    "budgetperf.rates",
    "budgetperf.classification",
    "budgetperf.model",
    "budgetperf.scoring",
    "budgetperf.statements",
    "budgetperf",
]
FORBIDDEN = [
    "budgetperf.io",
    "budgetperf.render",
    "budgetperf.examples",
    "budgetperf.cli",
    "json",
    "csv",
    "babel",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_edge(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"
