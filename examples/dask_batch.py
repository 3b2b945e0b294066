"""Score and check a JSON Lines batch on Dask, with budgetperf's own pure functions.

    pip install 'budgetperf[dask]'
    budgetperf generate 20000 -o batch.jsonl
    python examples/dask_batch.py batch.jsonl outcomes-*.jsonl

Dask splits the file into partitions and runs ``evaluate`` on each line in worker processes;
budgetperf itself schedules nothing. The same function serves PySpark (docs/scale.md).
"""

from __future__ import annotations

import sys

import dask.bag as db

from budgetperf.bulk import evaluate_lines, outcome_json


def evaluate(line: str) -> str:
    """One JSON Lines document → one JSON line of scores and findings (pure, picklable)."""
    (outcome,) = evaluate_lines([line])
    return outcome_json(outcome)


def main(source: str, target: str) -> None:
    bag = db.read_text(source, blocksize="16MiB").filter(str.strip).map(evaluate)
    bag.to_textfiles(target)
    errors = bag.map(lambda text: '"severity": "error"' in text).sum().compute()
    print(f"documents with errors: {errors}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
