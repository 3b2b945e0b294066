"""The bundled real examples (内置示例): the four founding reports as budgetperf documents.

Each example is a :class:`~budgetperf.model.Batch` transcribed as published — including the
figures that do not add up, which the checks are there to find::

    >>> names()
    ('hechi-2020', 'liangshan-2023', 'shaoguan-2019', 'ziyang-2022')
    >>> batch = load("liangshan-2023")
    >>> from budgetperf.model import ProjectEvaluation
    >>> len(batch.of_type(ProjectEvaluation))
    21
    >>> batch.source.file
    '002_a45521c9d62b1714.txt'
"""

from __future__ import annotations

import functools

from budgetperf._resources import data_file
from budgetperf.errors import BudgetPerfError
from budgetperf.io.json import loads
from budgetperf.model.evaluation import Batch

__all__ = ["DEFAULT", "load", "names", "text"]

DEFAULT = "liangshan-2023"
"""The example the command line uses when no file is given."""

_DATA = "data"


def names() -> tuple[str, ...]:
    """The names of the bundled examples, sorted."""
    folder = data_file(__name__, _DATA)
    return tuple(
        sorted(
            entry.name.removesuffix(".json")
            for entry in folder.iterdir()
            if entry.name.endswith(".json")
        )
    )


def text(name: str) -> str:
    """The canonical JSON text of example ``name``.

    Raises:
        BudgetPerfError: no example has that name.
    """
    if name not in names():
        raise BudgetPerfError(
            "没有这个示例", "no such example", value=name, expected=", ".join(names())
        )
    return (data_file(__name__, _DATA, f"{name}.json")).read_text(encoding="utf-8")


@functools.cache
def load(name: str = DEFAULT) -> Batch:
    """The example ``name`` as a :class:`Batch` of documents (cached; documents are immutable)."""
    result = loads(text(name), file=f"budgetperf.examples/{name}.json")
    assert isinstance(result, Batch)
    return result
