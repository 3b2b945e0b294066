"""The distributed recipe (examples/dask_batch.py, docs/scale.md) on Dask's local scheduler.

It must write what ``budgetperf batch`` writes, byte for byte: every line's own index and
line number, whole lines, in input order, each document scored once.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from budgetperf import bulk
from budgetperf.bulk import evaluate_lines, outcome_json
from budgetperf.io.json import to_envelope
from budgetperf.synthetic import generate

pytest.importorskip("dask.bag")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dask_batch.py"


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_batch", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _batch(path: Path) -> list[bytes]:
    documents = generate(95, seed=4, mistake_rate=Decimal("0.2"))
    lines = [json.dumps(to_envelope(d), ensure_ascii=False).encode("utf-8") for d in documents]
    lines[10] = b""  # a blank line keeps its number
    lines[41] = lines[41][:-30]  # a broken line: an error outcome naming line 42
    lines[77] = "　".encode()  # not blank: an ideographic space is not JSON whitespace
    path.write_bytes(b"\n".join(lines) + b"\n")
    return lines


def test_dask_recipe_writes_what_batch_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "batch.jsonl"
    lines = _batch(source)
    expected = [outcome_json(o) for o in evaluate_lines(lines)]

    scored: Counter[int] = Counter()
    real = bulk.evaluate_lines

    def counting(items: Iterable[str | bytes], **kwargs: Any) -> Iterator[bulk.Outcome]:
        for outcome in real(items, **kwargs):
            scored[outcome.index] += 1
            yield outcome

    example = _example()
    monkeypatch.setattr(example, "evaluate_lines", counting)
    errors = example.run(str(source), str(tmp_path / "out-*.jsonl"), lines=20, scheduler="threads")

    parts = sorted(tmp_path.glob("out-*.jsonl"))
    assert [p.name for p in parts] == [f"out-{n:012d}.jsonl" for n in (0, 20, 40, 60, 80)]
    written = "".join(p.read_text(encoding="utf-8") for p in parts)
    assert written.endswith("\n")
    assert written.splitlines() == expected
    outcomes = [json.loads(line) for line in expected]
    assert [o["line"] for o in outcomes] == [n for n in range(1, 96) if n != 11]
    assert [o["index"] for o in outcomes] == [o["line"] - 1 for o in outcomes]
    assert [o["line"] for o in outcomes if o["error"]] == [42, 78]
    with_errors = [
        o for o in outcomes if o["error"] or any(f["severity"] == "error" for f in o["findings"])
    ]
    assert errors == len(with_errors) >= 2
    # Each document scored once, although its outcome is both written and counted.
    assert set(scored.values()) == {1} and len(scored) == 94


def test_blocks_cover_the_file_in_whole_lines(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    source.write_bytes(b"a\nbb\n\nccc")  # no newline at the end
    assert list(_example().blocks(str(source), 2)) == [
        (str(source), 0, 0, 5),
        (str(source), 2, 5, 9),
    ]


def test_dask_example_runs_as_a_script_on_worker_processes(tmp_path: Path) -> None:
    source = tmp_path / "batch.jsonl"
    lines = _batch(source)
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(source), str(tmp_path / "o-*.jsonl")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = [outcome_json(o) for o in evaluate_lines(lines)]
    written = "".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("o-*.jsonl")))
    assert written.splitlines() == expected
    errors = sum(1 for o in evaluate_lines(lines) if o.error or o.errors)
    assert done.stdout == f"documents with errors: {errors}\n"


def _recipe(name: str) -> str:
    """The code block of docs/scale.md that follows the paragraph starting with ``name``."""
    text = (EXAMPLE.parent.parent / "docs" / "scale.md").read_text(encoding="utf-8")
    after = text[text.index(f"**{name}**") :]
    start = after.index("```python\n") + len("```python\n")
    return after[start : after.index("```", start)]


def test_pyspark_recipe_writes_what_batch_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PySpark (about 500 MB with its JVM jars) is in no extra: this runs where it is installed.
    sql = pytest.importorskip("pyspark.sql")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    lines = _batch(tmp_path / "batch.jsonl")
    # Absolute paths: a JVM started by an earlier test keeps its own working directory.
    code = (
        _recipe("PySpark")
        .replace(
            "SparkSession.builder.getOrCreate()",
            'SparkSession.builder.master("local[2]").appName("budgetperf-recipe").getOrCreate()',
        )
        .replace('"batch.jsonl"', repr(str(tmp_path / "batch.jsonl")))
        .replace('"outcomes"', repr(str(tmp_path / "outcomes")))
    )
    assert str(tmp_path) in code
    namespace: dict[str, Any] = {}
    try:
        exec(compile(code, "docs/scale.md", "exec"), namespace)
    finally:
        sql.SparkSession.builder.getOrCreate().stop()
    parts = sorted((tmp_path / "outcomes").glob("part-*"))
    written = "".join(p.read_text(encoding="utf-8") for p in parts)
    # Spark reads text; a line of one ideographic space is not blank as text either.
    text = [line.decode("utf-8") for line in lines]
    assert [outcome_json(o) for o in evaluate_lines(text)] == [
        outcome_json(o) for o in evaluate_lines(lines)
    ]
    assert written.splitlines() == [outcome_json(o) for o in evaluate_lines(lines)]
    assert '"line": 78,' in written
    assert written.endswith("\n") and '"line": 95,' in written
