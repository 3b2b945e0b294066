"""Score and check a JSON Lines batch on Dask, with budgetperf's own pure functions.

    pip install 'budgetperf[dask,fast]'
    budgetperf generate 20000 -o batch.jsonl
    python examples/dask_batch.py batch.jsonl 'outcomes-*.jsonl'

The file is cut into blocks of whole lines; each block is read, scored and checked once, in
a worker, by :func:`budgetperf.bulk.evaluate_lines` with the block's first line index, so
every outcome line carries its own ``index`` and ``line``: the output files, in name order,
hold exactly the lines ``budgetperf batch`` writes, each ending with a newline. Only the byte
offsets of the blocks are found in this process (one pass over the lines); budgetperf itself
schedules nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import dask.bag as db

from budgetperf.bulk import evaluate_lines, outcome_json

BLOCK_LINES = 2000
"""Lines per block (per Dask partition)."""


def blocks(path: str, lines: int = BLOCK_LINES) -> Iterator[tuple[str, int, int, int]]:
    """(path, index of the first line, first byte, end byte) of each block of ``lines`` lines."""
    index = start = offset = 0
    with open(path, "rb") as handle:
        for count, line in enumerate(handle, start=1):
            offset += len(line)
            if count % lines == 0:
                yield path, index, start, offset
                index, start = count, offset
        if offset > start:
            yield path, index, start, offset


def evaluate_block(block: tuple[str, int, int, int], target: str) -> int:
    """Score and check one block once and write its outcome file; returns how many of its
    documents have errors (an error finding, or an unusable line)."""
    path, first, start, end = block
    with open(path, "rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    # Split as a file is read line by line (b"\n"); each line is decoded on its own.
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    errors = 0
    # One file per block, named by its first line, written whole: a name appears only once
    # the file is complete, and every line in it ends with a newline.
    name = target.replace("*", f"{first:012d}")
    with open(name + ".partial", "w", encoding="utf-8", newline="") as out:
        for outcome in evaluate_lines(lines, start=first):
            out.write(outcome_json(outcome) + "\n")
            errors += bool(outcome.error) or outcome.errors > 0
    os.replace(name + ".partial", name)
    return errors


def run(source: str, target: str, *, lines: int = BLOCK_LINES, **compute: Any) -> int:
    """Write the outcomes of ``source`` to files named by ``target`` (``*`` becomes each
    block's first line index, zero-padded, so the names sort in input order); returns how
    many documents have errors."""
    bag = db.from_sequence(list(blocks(source, lines)), partition_size=1)
    return int(bag.map(evaluate_block, target).sum().compute(**compute))


def main(argv: list[str]) -> int:
    print(f"documents with errors: {run(argv[0], argv[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
