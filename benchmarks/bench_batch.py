"""Batch throughput, as ratios of variants timed interleaved on the same chunks.

    python benchmarks/bench_batch.py [--documents 20000] [--chunk 2000] [--rounds 16]
                                     [--seed 0] [--workers] [--memory 10000,100000]
                                     [--rss 100000,1000000] [--no-variants]

Every variant runs on the same chunks of a generated batch (``budgetperf.synthetic``), given
as the bytes of its lines (as ``budgetperf batch`` reads a file: a variant that parses text
pays for decoding it, as it would reading the file), in
an order that rotates from chunk to chunk and round to round, and is timed in process CPU
time (``time.process_time``), so that a busy, shared machine slows every variant alike
rather than skewing one. Each (round, chunk) gives one sample of µs per document per
variant; the report gives the median and the spread (the 10th–90th percentile) of those
samples, and ratios of medians.

(a0)  ``json.loads`` of each line, nothing else;
(a)   ``json.loads`` and the ``Decimal`` sum of every figure: the floor for exact pure Python;
(c)   the full path: load, score with explanations, every check (``fast=False``);
(c-fast) the batch fast path ``budgetperf batch`` takes, with msgspec (the ``fast`` extra)
      and (c-fast-std) without it; their outcome lines are identical to (c)'s;
(c-fast-cold) (c-fast) with the screen's kept row verdicts emptied before every line: the
      cost on a batch whose rows' figures never recur (a generated batch's mostly do);
(c-fast-floor) what (c-fast) costs besides the screen's own checks: each line decoded by
      msgspec and its keys counted, the full path for the lines the screen leaves to it
      (found before timing), an outcome for the others — the least a screen in Python adds to;
(d)   what an analyst would write instead: the indicator rows of the chunk as a float64
      pandas DataFrame, the same scoring rules vectorised, totals by ``groupby``, rounded by
      numpy (``pip install 'budgetperf[bench]'``); checks nothing;
(d')  (d) with a fast JSON parser (orjson, else msgspec).

``--workers`` also times the command line's path (the lines as bytes, outcomes rendered, in
the workers with ``jobs=2``, and written) at ``jobs=1`` against ``jobs=2`` on the whole
batch in wall-clock time (the work happens in child processes), alternating, then the
command itself (``budgetperf batch FILE --jobs 1|2``, its start included) the same way, and
``--memory`` measures the peak traced memory (tracemalloc) of the command line's path over
generated documents streamed in as they are made (no file), and ``--rss`` the peak resident
set size of ``budgetperf batch -`` fed by ``budgetperf generate`` through a pipe, so that
1,000,000 documents (about 5 GB of JSON Lines) need no disk; ``--no-variants`` leaves the
interleaved table out.
Nothing here asserts a time: the output is a report (docs/performance.md holds one).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from budgetperf import _screen
from budgetperf.bulk import (
    Outcome,
    _evaluate,
    _evaluate_fast,
    _rendered_lines,
    _write_rendered,
    evaluate_lines,
    outcome_json,
)
from budgetperf.io import json as bjson
from budgetperf.io.json import to_envelope
from budgetperf.model import ProjectEvaluation
from budgetperf.money import library_context
from budgetperf.scoring import score
from budgetperf.synthetic import generate

Chunk = list[bytes]
"""Lines as a batch file holds them: every variant starts from the same bytes."""


def make_lines(count: int, seed: int) -> list[str]:
    return [json.dumps(to_envelope(d), ensure_ascii=False) for d in generate(count, seed=seed)]


def a0(chunk: Chunk) -> object:
    # Each result dropped at once, as every other variant does: a list of 2,000 decoded
    # documents kept alive would make the collector walk them again and again (~1.6 × the
    # time of decoding alone).
    for line in chunk:
        json.loads(line)
    return None


def _figures(node: Any) -> Decimal:
    total = Decimal(0)
    stack: list[Any] = [node]
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


def a(chunk: Chunk) -> object:
    return [_figures(json.loads(line)) for line in chunk]


def c(chunk: Chunk) -> object:
    # The library's own path, as the command takes it in one process.
    return list(evaluate_lines(chunk, fast=False))


def c_fast(chunk: Chunk) -> object:
    return list(evaluate_lines(chunk))


def c_fast_std(chunk: Chunk) -> object:
    # The standard-library fallback: both of the fast path's uses of msgspec switched off.
    decoder, typed = bjson._FAST_DECODE, _screen._TYPED_DECODE
    bjson._FAST_DECODE = _screen._TYPED_DECODE = None
    try:
        return list(evaluate_lines(chunk))
    finally:
        bjson._FAST_DECODE, _screen._TYPED_DECODE = decoder, typed


def c_fast_cold(chunk: Chunk) -> object:
    # As if no row's figures recurred: the screen's kept verdicts emptied before each line,
    # and those of the other variants given back after, so that the variant timed next
    # finds the screen as a long batch leaves it, whatever the order of the variants.
    # (The screen's measures of how often rows and tables recur are given back too: on
    # such a batch it would stop keeping rows by their raw JSON.)
    warm = dict(_screen._KEPT._by_id)
    # (c-fast-cold decodes with msgspec.)
    measures = (_screen._RECURRENCE, _screen._RECURRENCE_OF_TABLES)
    recurrences = [attrs.asdict(m) for m in measures]
    outcomes = []
    try:
        with library_context():  # as evaluate_lines enters it
            for i, line in enumerate(chunk):
                _screen._KEPT._by_id.clear()
                outcomes.append(_evaluate_fast(i, line, None))
    finally:
        _screen._KEPT._by_id.clear()
        _screen._KEPT._by_id.update(warm)
        for measure, recurrence in zip(measures, recurrences, strict=True):
            for name, value in recurrence.items():
                setattr(measure, name, value)
    return outcomes


_LEFT: dict[int, frozenset[int]] = {}
"""Per chunk (by ``id``), the lines the screen leaves to the full path (found before timing)."""


def c_fast_floor(chunk: Chunk) -> object:
    # What (c-fast) costs besides the screen's own checks: each line decoded into the typed
    # records and its keys counted, the full path for the lines the screen leaves to it, and
    # an outcome for every other line. No pure-Python screen can cost less.
    decode, left = _screen._TYPED_DECODE, _LEFT[id(chunk)]
    assert decode is not None
    outcomes = []
    with library_context():  # as evaluate_lines enters it
        for i, line in enumerate(chunk):
            if i in left:
                outcomes.append(_evaluate(i, line, None))
                continue
            decode(line)
            line.count(b":")
            outcomes.append(Outcome(index=i, line=i + 1))
    return outcomes


def _fast_loads() -> tuple[str, Callable[[bytes], Any]] | None:
    try:
        import orjson

        return "orjson", orjson.loads
    except ImportError:
        pass
    try:
        import msgspec

        return "msgspec", msgspec.json.decode
    except ImportError:
        return None


def pandas_pipeline(
    chunk: Chunk, loads: Callable[[bytes], Any] = json.loads
) -> dict[int, float]:  # float-ok: the float baseline
    """The same rules an analyst would vectorise: float64 columns, numpy rounding."""
    import numpy as np
    import pandas as pd

    rows = []
    budgets = []
    for index, line in enumerate(chunk):
        doc = loads(line)["document"]
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
                    float(ind["weight"]),  # float-ok
                    float(reported) if reported is not None else np.nan,  # float-ok
                )
            )
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
    result: dict[int, float] = (totals + budget_score).round(2).to_dict()  # float-ok
    return result


def variants() -> dict[str, Callable[[Chunk], object]]:
    found: dict[str, Callable[[Chunk], object]] = {"a0": a0, "a": a, "c": c}
    if bjson.FAST_DECODER == "msgspec":
        found["c-fast"] = c_fast
        found["c-fast-floor"] = c_fast_floor
    found["c-fast-std"] = c_fast_std
    found["c-fast-cold"] = c_fast_cold
    try:
        import pandas  # noqa: F401
    except ImportError:
        return found
    found["d"] = pandas_pipeline
    fast = _fast_loads()
    if fast is not None:
        name, loads = fast
        found[f"d' ({name})"] = lambda chunk: pandas_pipeline(chunk, loads)
    return found


def _percentile(samples: list[float], q: float) -> float:  # float-ok: timings
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def interleaved(
    chunks: list[Chunk], rounds: int, found: dict[str, Callable[[Chunk], object]]
) -> dict[str, list[float]]:  # float-ok: timings
    names = list(found)
    samples: dict[str, list[float]] = {name: [] for name in names}  # float-ok: timings
    # A new order of the variants for every chunk, drawn (seeded, so runs repeat): what one
    # variant leaves behind (a pandas frame's memory, emptied caches) slows the next one,
    # and a rotation would give every variant the same neighbour each time (measured: the
    # variant timed after (d) 6–9 % slower).
    shuffle = random.Random(0).shuffle
    for _ in range(rounds):
        for chunk in chunks:
            order = names[:]
            shuffle(order)
            for name in order:
                gc.collect()
                start = time.process_time()
                found[name](chunk)
                samples[name].append((time.process_time() - start) / len(chunk) * 1e6)
    return samples


def check_agreement(chunk: Chunk) -> tuple[int, int]:
    """(outcome lines where c-fast differs from c, totals where d differs from c at 2 dp)."""
    full = [outcome_json(o) for o in evaluate_lines(chunk, fast=False)]
    fast = [outcome_json(o) for o in evaluate_lines(chunk, fast=True)]
    differing = sum(x != y for x, y in zip(full, fast, strict=True))
    try:
        totals = pandas_pipeline(chunk)
    except ImportError:
        return differing, -1
    exact = [json.loads(line)["total"] for line in full]
    wrong = sum(1 for i, t in enumerate(exact) if t is not None and f"{totals.get(i, 0):.2f}" != t)
    return differing, wrong


def recurring_rows(lines: Chunk) -> tuple[int, int]:
    """(indicator rows, rows whose labels and figures — the screen's verdict key — came
    earlier)."""
    seen: set[object] = set()
    rows = recurring = 0
    for line in lines:
        for row in json.loads(line)["document"]["indicators"]:
            try:
                key: object = _screen.row_key(row)
            except TypeError:  # a row without target or actual: never a kept verdict
                key = object()
            rows += 1
            recurring += key in seen
            seen.add(key)
    return rows, recurring


def _cpu_with_children() -> float:  # float-ok: a timing
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def workers(lines: list[str], rounds: int) -> dict[int, list[tuple[float, float]]]:  # float-ok
    """(wall clock, CPU time of this process and its finished children) of each run."""
    # As the command reads them: bytes (which a forked worker reads from shared memory).
    raw = [line.encode() for line in lines]
    times: dict[int, list[tuple[float, float]]] = {1: [], 2: []}  # float-ok: timings
    for turn in range(rounds):
        for jobs in (1, 2) if turn % 2 == 0 else (2, 1):
            start, cpu = time.perf_counter(), _cpu_with_children()
            # The command line's path: outcomes rendered (in the workers with jobs=2), written.
            rendered = _rendered_lines(raw, batch="bench", jobs=jobs, min_lines_for_workers=0)
            with open(os.devnull, "w", encoding="utf-8") as sink:
                _write_rendered(rendered, sink)
            times[jobs].append((time.perf_counter() - start, _cpu_with_children() - cpu))
    return times


def command_workers(
    lines: list[str], rounds: int
) -> dict[int, list[tuple[float, float]]]:  # float-ok
    """(wall clock, CPU time) of each run of the command itself, ``budgetperf batch FILE
    --jobs 1|2 -o /dev/null`` on the batch written to a temporary file, alternating: its
    start (interpreter, library) included, which no worker shares."""
    times: dict[int, list[tuple[float, float]]] = {1: [], 2: []}  # float-ok: timings
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        batch.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        command = [sys.executable, "-m", "budgetperf", "batch", str(batch), "-o", os.devnull]
        for turn in range(rounds):
            for jobs in (1, 2) if turn % 2 == 0 else (2, 1):
                start, cpu = time.perf_counter(), _cpu_with_children()
                subprocess.run([*command, "--jobs", str(jobs)], check=False, capture_output=True)
                times[jobs].append((time.perf_counter() - start, _cpu_with_children() - cpu))
    return times


def generated_lines(count: int, seed: int) -> Iterator[bytes]:
    """``count`` generated documents as the JSON Lines bytes the command reads, made one at a
    time: a batch of any size streams without a file (1,000,000 documents are about 5 GB)."""
    for document in generate(count, seed=seed):
        yield json.dumps(to_envelope(document), ensure_ascii=False).encode()


def peak_memory(count: int, seed: int) -> int:
    """Peak traced memory (tracemalloc) of the command line's path, lines rendered and
    written, over ``count`` generated documents streamed in as they are made."""
    gc.collect()
    tracemalloc.start()
    try:
        with open(os.devnull, "w", encoding="utf-8") as out:
            _write_rendered(_rendered_lines(generated_lines(count, seed), batch="bench"), out)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def peak_rss(count: int, seed: int, jobs: int = 1) -> tuple[int, float]:  # float-ok: a timing
    """(peak resident set size in bytes, CPU seconds) of ``budgetperf batch - --jobs N``
    reading ``budgetperf generate COUNT`` through a pipe: the whole command, its workers
    included (the largest of them), with no file in between."""
    command = [sys.executable, "-m", "budgetperf"]
    with subprocess.Popen(
        [*command, "generate", str(count), "--seed", str(seed), "--no-progress"],
        stdout=subprocess.PIPE,
    ) as source:
        batch = subprocess.Popen(
            [*command, "batch", "-", "--jobs", str(jobs), "--no-progress", "-o", os.devnull],
            stdin=source.stdout,
            stderr=subprocess.DEVNULL,
        )
        assert source.stdout is not None
        source.stdout.close()  # the batch holds the pipe now
        _, status, usage = os.wait4(batch.pid, 0)
        batch.returncode = os.waitstatus_to_exitcode(status)
    if batch.returncode not in (0, 1):  # 1: findings of severity error, expected
        raise SystemExit(f"budgetperf batch exited {batch.returncode}")
    return usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def table_scoring_microseconds(repeat: int = 2000) -> float:  # float-ok: a timing
    document = next(d for d in generate(50, seed=1) if len(d.indicators) >= 12)
    assert isinstance(document, ProjectEvaluation)
    samples = []
    for _ in range(repeat):
        start = time.process_time()
        score(document)
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=16)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", action="store_true", help="time --jobs 1 against --jobs 2")
    parser.add_argument("--worker-rounds", type=int, default=3)
    parser.add_argument(
        "--table-only", action="store_true", help="time only one table scored with explanations"
    )
    parser.add_argument(
        "--memory", default="", help="batch sizes for peak traced memory, e.g. 10000,100000"
    )
    parser.add_argument(
        "--rss",
        default="",
        help="batch sizes for the peak RSS of the command, fed by a pipe, e.g. 100000,1000000",
    )
    parser.add_argument("--rss-jobs", type=int, default=1, help="--jobs of the --rss runs")
    parser.add_argument(
        "--variants",
        default="",
        help="only these variants, comma-separated (a0 always), e.g. c-fast,d: the others "
        "share the library's caches with them (the full path (c) fills the figure caches "
        "with its own lines)",
    )
    parser.add_argument(
        "--no-variants",
        action="store_true",
        help="leave out the interleaved variants (only --workers, --memory, --rss)",
    )
    args = parser.parse_args(argv)
    if args.table_only:
        print(
            f"one table (12 indicators) scored with explanations: {table_scoring_microseconds():.0f} µs (median, CPU)"
        )
        return 0
    load = os.getloadavg()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.platform()}; load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; JSON decoder of the fast path: "
        f"{bjson.FAST_DECODER}"
    )
    print(f"command: python benchmarks/bench_batch.py {' '.join(argv or sys.argv[1:])}")
    lines = make_lines(args.documents, args.seed) if args.workers or not args.no_variants else []
    if not args.no_variants:
        compare(lines, args)
    if args.workers:
        report_workers(lines, args.worker_rounds)
    for count in [int(x) for x in args.memory.split(",") if x]:
        print(
            f"peak traced memory streaming {count:,} generated documents: "
            f"{peak_memory(count, args.seed) / 1e6:.2f} MB"
        )
    for count in [int(x) for x in args.rss.split(",") if x]:
        start, load_before = time.perf_counter(), os.getloadavg()[0]
        rss, cpu = peak_rss(count, args.seed, args.rss_jobs)
        print(
            f"peak RSS of budgetperf batch - --jobs {args.rss_jobs} on {count:,} generated "
            f"documents through a pipe: {rss / 1e6:.1f} MB ({cpu:.0f} s CPU, "
            f"{time.perf_counter() - start:.0f} s wall with the generator, load average "
            f"{load_before:.1f} → {os.getloadavg()[0]:.1f})"
        )
    return 0


def compare(lines: list[str], args: argparse.Namespace) -> None:
    """The interleaved variants: the table of µs per document and the ratios."""
    # The lines as the bytes of a batch file, as the command reads them: a variant that
    # works on text decodes them, as it would reading the file.
    raw = [line.encode() for line in lines]
    chunks = [raw[i : i + args.chunk] for i in range(0, len(raw), args.chunk)]
    differing, wrong = check_agreement(raw)
    print(
        f"{len(lines):,} documents in {len(chunks)} chunks of {args.chunk:,}, {args.rounds} "
        f"rounds; c-fast outcome lines differing from c: {differing}; (d) totals differing "
        f"from c at 2 dp: {wrong if wrong >= 0 else '—'}"
    )
    rows, recurring = recurring_rows(raw)
    print(
        f"indicator rows: {rows:,}, of which {recurring / rows:.0%} have the labels and "
        "figures of an earlier row (the screen recalls their verdict; c-fast-cold recalls "
        "none)"
    )
    print(
        f"one table (12 indicators) scored with explanations: {table_scoring_microseconds():.0f} µs (median, CPU)"
    )
    for chunk in chunks:
        _LEFT[id(chunk)] = frozenset(
            i
            for i, line in enumerate(chunk)
            if not isinstance(_screen.screen_text(line, i, None), tuple)
        )
    found = variants()
    if args.variants:
        chosen = {"a0", *args.variants.split(",")}
        found = {
            name: run
            for name, run in found.items()
            if name in chosen or (name[:2] == "d'" and "d'" in chosen)
        }
    samples = interleaved(chunks, args.rounds, found)
    median = {name: statistics.median(values) for name, values in samples.items()}
    print()
    print("| variant | µs per document (median) | spread (p10–p90) | ÷ a0 | ÷ d |")
    print("|---|---|---|---|---|")
    for name, values in samples.items():
        d = median.get("d")
        print(
            f"| {name} | {median[name]:.1f} | {_percentile(values, 0.1):.1f}–"
            f"{_percentile(values, 0.9):.1f} | {median[name] / median['a0']:.2f} | "
            f"{median[name] / d:.2f} |"
            if d
            else f"| {name} | {median[name]:.1f} | {_percentile(values, 0.1):.1f}–"
            f"{_percentile(values, 0.9):.1f} | {median[name] / median['a0']:.2f} | — |"
        )
    print()
    ratios = [
        ("c", "a0"),
        ("c", "d"),
        ("c-fast", "d"),
        ("c-fast-std", "d"),
        ("c-fast-cold", "d"),
        ("c-fast-floor", "d"),
        ("c", "c-fast"),
    ]
    for top, bottom in ratios:
        if top in median and bottom in median:
            print(f"{top}/{bottom} = {median[top] / median[bottom]:.2f}")


def report_workers(lines: list[str], rounds: int) -> None:
    for what, times in (
        ("the command line's path in this process", workers(lines, rounds)),
        ("the command, budgetperf batch FILE", command_workers(lines, rounds)),
    ):
        (one, one_cpu), (two, two_cpu) = (
            (statistics.median(t[0] for t in times[j]), statistics.median(t[1] for t in times[j]))
            for j in (1, 2)
        )
        print(
            f"\nworkers, {what}, {len(lines):,} documents (median of {rounds}, alternating): "
            f"--jobs 1 {one:.2f} s wall, {one_cpu:.2f} s CPU; --jobs 2 {two:.2f} s wall, "
            f"{two_cpu:.2f} s CPU (with its worker); speed-up {one / two:.2f}×; CPU "
            f"cost of --jobs 2 {two_cpu / one_cpu:.2f}×, so on two free cores at most "
            f"{2 * one_cpu / two_cpu:.2f}×; load average now {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    sys.exit(main())
