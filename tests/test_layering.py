"""The pure core never imports the edges (io, render, cli) nor json, csv or babel."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "budgetperf.errors",
    "budgetperf.explanations",
    "budgetperf.money",
    "budgetperf.rates",
    "budgetperf.units",
    "budgetperf.classification",
    "budgetperf.model",
    "budgetperf.scoring",
    "budgetperf.grid",
    "budgetperf.layouts",
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


def test_layouts_import_only_errors_money_and_the_grid() -> None:
    # Layouts are data that every reader and writer consults; they depend on nothing else of
    # ours (the package __init__ imports everything, so the modules' own imports are read).
    import ast
    from pathlib import Path

    root = Path(__file__).parent.parent / "src" / "budgetperf"
    allowed = {"budgetperf.errors", "budgetperf.money", "budgetperf.grid"}
    for path in [*sorted((root / "layouts").glob("*.py")), root / "grid.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("budgetperf")
            ):
                assert node.module in allowed or node.module.startswith("budgetperf.layouts"), (
                    f"{path.name} imports {node.module}"
                )
