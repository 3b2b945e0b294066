"""Statements grammar throughput: characters and statements read per second.

    python benchmarks/bench_statements.py [--repeat 5]

Reads the statements corpus (tests/corpus/statements) and the four seed reports paragraph by
paragraph, and reports the median time of ``read_statements`` over all of them, against a
baseline that only normalises the same text (traditional → simplified, full-width, pinyin).
Nothing here asserts a time: the output is a report.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from budgetperf.statements import normalise, read_statements

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus" / "statements").glob("s-*.txt")):
        texts.append(path.read_text(encoding="utf-8").partition("\n---\n")[2])
    for path in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    return texts


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = _texts()
    characters = sum(len(t) for t in texts)
    statements = sum(len(read_statements(t).statements) for t in texts)
    baseline = _median(lambda: [normalise(t) for t in texts], args.repeat)
    reading = _median(lambda: [read_statements(t) for t in texts], args.repeat)
    print(f"texts {len(texts)}, characters {characters}, statements {statements}")
    print(f"normalise only   {baseline * 1000:8.1f} ms  ({characters / baseline:,.0f} chars/s)")
    print(
        f"read_statements  {reading * 1000:8.1f} ms  ({characters / reading:,.0f} chars/s, "
        f"{statements / reading:,.0f} statements/s, {reading / baseline:.1f}× normalise)"
    )


if __name__ == "__main__":
    main()
