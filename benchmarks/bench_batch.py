"""Batch throughput and memory, as ratios against baselines measured in the same run.

    python benchmarks/bench_batch.py [--sizes 10000,100000] [--seed 0]

(a) baseline: ``json.loads`` of every line and the sum of its figures as ``Decimal`` — the
    floor for pure Python;
(b) budgetperf load only (``budgetperf/1`` → model);
(c) load + score + check, as ``budgetperf batch`` does;
(d) when pandas is installed (``pip install budgetperf[bench]``): what an analyst would
    write instead — the indicator rows as a float64 DataFrame, proportional scores and
    per-document totals by groupby — and how many of its totals differ from (c) at two
    decimals.

Peak memory of (c) is measured with tracemalloc while streaming the batch from a file, at
each size; one table's scoring time is the median of repeated calls. Nothing here asserts a
time: the output is a report (docs/performance.md holds one).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from budgetperf.bulk import _evaluate
from budgetperf.io.json import from_envelope, parse_json, to_envelope
from budgetperf.model import ProjectEvaluation
from budgetperf.scoring import score
from budgetperf.synthetic import generate


def make_lines(count: int, seed: int) -> list[str]:
    return [json.dumps(to_envelope(d), ensure_ascii=False) for d in generate(count, seed=seed)]


def baseline(line: str) -> Decimal:
    """json.loads and the Decimal sum of every figure (strings that are numbers)."""
    total = Decimal(0)
    stack: list[Any] = [json.loads(line)]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str) and node[:1].isdigit():
            with contextlib.suppress(ArithmeticError):
                total += Decimal(node)
    return total


def load_only(line: str) -> object:
    return from_envelope(parse_json(line))


def full(line: str) -> object:
    return _evaluate(0, line, None)


def timed(function: Callable[[str], object], lines: Iterable[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for line in lines:
        function(line)
    return time.perf_counter() - start


def pandas_pipeline(
    lines: list[str],
) -> tuple[float, dict[int, float]] | None:  # float-ok: the float baseline
    """The same rules an analyst would vectorise: float64 columns, numpy rounding."""
    try:
        import numpy as np
        import pandas as pd
    except ImportError:
        return None
    start = time.perf_counter()
    rows = []
    budgets = []
    for index, line in enumerate(lines):
        doc = json.loads(line)["document"]
        block = doc["budget"]["rows"][0]
        budgets.append(
            (index, float(block["executed"]["value"]), float(block["adjusted_budget"]["value"]))
        )  # float-ok
        for ind in doc["indicators"]:
            actual = ind["actual"]["value"] if ind["actual"] else None
            reported = ind["reported_score"]
            rows.append(
                (
                    index,
                    ind["comparator"],
                    float(ind["target"]["value"]),  # float-ok
                    float(actual) if actual is not None else np.nan,  # float-ok
                    float(ind["weight"]),
                    float(reported) if reported is not None else np.nan,
                )
            )  # float-ok
    frame = pd.DataFrame(
        rows, columns=["doc", "comparator", "target", "actual", "weight", "reported"]
    )
    reverse = frame["comparator"].isin(["≤", "＜"])
    met = (frame["actual"] <= frame["target"]).where(reverse, frame["actual"] >= frame["target"])
    ratio = (frame["target"] / frame["actual"]).where(reverse, frame["actual"] / frame["target"])
    scored = (
        (frame["weight"] * ratio).where(~met, frame["weight"]).clip(lower=0, upper=frame["weight"])
    )
    frame["score"] = scored.round(2).fillna(frame["reported"])
    totals = frame.groupby("doc")["score"].sum()
    budget = pd.DataFrame(budgets, columns=["doc", "executed", "budget"]).set_index("doc")
    budget_score = (10.0 * budget["executed"] / budget["budget"]).clip(upper=10.0).round(2)
    result = (totals + budget_score).round(2)
    elapsed = time.perf_counter() - start
    return elapsed, result.to_dict()


def peak_memory(count: int, seed: int) -> int:
    """Peak traced memory of streaming (c) over a batch of ``count`` documents from a file."""
    with tempfile.NamedTemporaryFile(
        "w", suffix=".jsonl", delete=False, encoding="utf-8"
    ) as handle:
        for document in generate(count, seed=seed):
            handle.write(json.dumps(to_envelope(document), ensure_ascii=False) + "\n")
        path = handle.name
    try:
        gc.collect()
        tracemalloc.start()
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                _evaluate(0, line, None)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        os.unlink(path)
    return peak


def table_scoring_microseconds(repeat: int = 2000) -> float:  # float-ok: a timing, not money
    document = next(d for d in generate(50, seed=1) if len(d.indicators) >= 8)
    assert isinstance(document, ProjectEvaluation)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        score(document)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    print(f"one table scored in {table_scoring_microseconds():.0f} µs (median)")
    print(
        "| documents | (a) baseline docs/s | (b) load docs/s | (c) load+score+check docs/s | "
        "(d) pandas docs/s | b/a | c/a | c/d | (d) totals wrong at 2 dp | peak memory (c) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for count in sizes:
        lines = make_lines(count, args.seed)
        a = timed(baseline, lines)
        b = timed(load_only, lines)
        c = timed(full, lines)
        outcomes = {i: _evaluate(i, line, None).total for i, line in enumerate(lines)}
        pandas_result = pandas_pipeline(lines)
        if pandas_result is None:
            d_text, cd_text, wrong_text = "—", "—", "—"
        else:
            d, totals = pandas_result
            wrong = sum(
                1
                for i, t in outcomes.items()
                if t is not None and f"{t:.2f}" != f"{totals.get(i, 0):.2f}"
            )
            d_text, cd_text, wrong_text = f"{count / d:,.0f}", f"{c / d:.1f}", f"{wrong} of {count}"
        peak = peak_memory(count, args.seed)
        print(
            f"| {count:,} | {count / a:,.0f} | {count / b:,.0f} | {count / c:,.0f} | {d_text} | "
            f"{b / a:.1f} | {c / a:.1f} | {cd_text} | {wrong_text} | {peak / 1e6:.1f} MB |"
        )
        sys.stdout.flush()
        del lines
    return 0


if __name__ == "__main__":
    sys.exit(main())
