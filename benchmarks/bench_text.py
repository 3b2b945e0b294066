"""The text reader's cost against an earlier revision's, interleaved in one run (CPU time).

    python benchmarks/bench_text.py [--against REV] [--paragraphs 3000] [--repeat 7]

The reader of ``REV`` (``src/budgetperf/readers/text.py`` as ``git show`` gives it, run with
today's layouts) and the current one read, in turn, the same inputs:

- ``--paragraphs`` paragraphs of prose, one per line, and the same separated by empty lines
  (how a report's narrative reaches the reader: it looks at every run for a table's shapes);
- every item of the table corpus (tests/corpus/tables).

Each input is read by both, alternating, ``--repeat`` times; the report gives the medians
and their ratio. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_readers import _prose  # noqa: E402

from budgetperf.readers import text as current  # noqa: E402


def _reader(revision: str) -> Callable[[str], object]:
    """``read_text`` of ``revision``'s text reader."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:src/budgetperf/readers/text.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(source)
    try:
        spec = importlib.util.spec_from_file_location("earlier_text", f.name)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        Path(f.name).unlink()
    read: Callable[[str], object] = module.read_text
    return read


def _cpu(read: Callable[[str], object], texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        read(text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="HEAD~1")
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    earlier = _reader(args.against)
    prose = _prose(args.paragraphs).decode("utf-8")
    corpus = [
        path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for path in sorted((ROOT / "tests" / "corpus" / "tables").glob("*.txt"))
    ]
    inputs = {
        f"{args.paragraphs} prose lines": [prose],
        f"{args.paragraphs} prose paragraphs, empty lines between": [prose.replace("\n", "\n\n")],
        f"table corpus ({len(corpus)} items)": corpus,
    }
    print(f"text reader, current against {args.against}, CPU time, medians of {args.repeat}")
    print("| input | current s | earlier s | current ÷ earlier |")
    print("|---|---|---|---|")
    for name, texts in inputs.items():
        now: list[float] = []
        before: list[float] = []
        for _ in range(args.repeat):
            before.append(_cpu(earlier, texts))
            now.append(_cpu(current.read_text, texts))
        a, b = statistics.median(now), statistics.median(before)
        print(f"| {name} | {a:.4f} | {b:.4f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
