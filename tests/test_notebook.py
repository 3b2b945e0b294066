"""docs/analyst.ipynb runs from top to bottom, and its HTML page stays under 2 MB.

The notebook does what an analyst does (load the examples and 2,000 generated documents,
score, frame, group by department and grade, display a sheet and findings, draw a chart).
It is executed with nbclient on the interpreter running the tests and exported with
nbconvert's HTML exporter: the page a reader is given is what is measured, template and
every output included. It needs the ``pandas`` and ``notebook`` extras; without them the
execution test skips, naming them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).parent.parent / "docs" / "analyst.ipynb"
HTML_LIMIT = 2_000_000
"""The most bytes (UTF-8) the executed notebook's HTML page may have."""
TIMEOUT = 600
"""Seconds a cell may run (the machine running CI is shared)."""


def test_the_notebook_is_stored_small_and_without_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert len(code) >= 10
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    assert NOTEBOOK.stat().st_size < 20_000


def _require(module: str) -> Any:
    return pytest.importorskip(
        module, reason=f"the notebook test needs {module}: pip install 'budgetperf[notebook]'"
    )


# jupyter_core's notice about its future path layout is not about this notebook.
@pytest.mark.filterwarnings("ignore:Jupyter is migrating its paths:DeprecationWarning")
def test_the_analyst_notebook_runs_and_its_html_is_bounded(tmp_path: Path) -> None:
    for module in ("pandas", "pyarrow"):
        pytest.importorskip(module, reason=f"the notebook needs {module}: 'budgetperf[pandas]'")
    nbformat = _require("nbformat")
    nbclient = _require("nbclient")
    _require("ipykernel")
    nbconvert = _require("nbconvert")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is this interpreter (ipykernel's own kernel spec), so it sees this budgetperf.
    client = nbclient.NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html, _ = nbconvert.HTMLExporter().from_notebook_node(notebook)
    size = len(html.encode("utf-8"))
    assert size <= HTML_LIMIT, f"the notebook's HTML is {size:,} bytes, over {HTML_LIMIT:,}"
    # What the analyst sees: the bounded displays, the exact groupby and the chart.
    shown = "\n".join(
        str(o.get("data", {}).get("text/html", "")) + str(o.get("data", {}).get("text/plain", ""))
        for o in outputs
    )
    assert "1950 more rows not shown" in shown  # the 2,000-document batch and its sheets
    assert "<ScoreSheets: 2000 documents, 2000 scored" in shown
    assert "凉山州级科普专项经费" in shown and "99.47" in shown  # the sheet of document 11
    assert "functional.class_sum" in shown  # the findings
    assert any("image/svg+xml" in o.get("data", {}) for o in outputs)  # the chart
