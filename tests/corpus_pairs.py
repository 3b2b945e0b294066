"""Two corpus tables printed one after another, as a report prints its forms.

A report prints many forms one after another; the table corpus holds one form per item.
Joining a whole table A (``"complete": true``) and then a table B that begins at a form's
start must give A's documents and then B's, each as it reads alone (year and source aside:
a report has one year, and the year found in the joined text is the first table's). An item
whose excerpt begins inside a form (the rows of a form whose head is above the excerpt) says
so in ``"begins_inside_form"`` of its hand reading, with why: after a whole A it would be read
as the end of A or of no form, which no real report prints, so it is no B. Likewise an item
whose excerpt goes on after its whole table into a second form that is cut (``"ends_inside_form"``)
is no A: what follows it would be that cut form's rest.

Count the pairs that differ over every valid pair::

    python -m tests.corpus_pairs
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache

import attrs

from budgetperf.audit import audit_blocks
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from budgetperf.readers import read_text
from tests.corpus_tables import ids, item

_Doc = ProjectEvaluation | DepartmentEvaluation


def _documents(text: str) -> tuple[_Doc, ...]:
    # The report's accounts read from its sentences (FinalAccounts) are the whole text's, not
    # a form's: only the forms' documents are compared.
    result = audit_blocks(read_text(text, file="report.txt"), file="report.txt")
    return tuple(
        attrs.evolve(d, year=0, source=None)
        for d in result.batch.documents
        if isinstance(d, (ProjectEvaluation, DepartmentEvaluation))
    )


@cache
def alone(name: str) -> tuple[_Doc, ...]:
    """The documents one item reads to alone."""
    return _documents(item(name)[1])


def joined(first: str, second: str) -> tuple[_Doc, ...]:
    """The documents two items read to, printed one after the other (an empty line between)."""
    return _documents(item(first)[1] + "\n\n" + item(second)[1])


def firsts() -> list[str]:
    """Items that may come first: a whole table (through its total row) read to documents,
    the excerpt not going on into a second form that is cut (``ends_inside_form``)."""
    return [
        name
        for name in ids()
        if item(name)[2]["complete"] and "ends_inside_form" not in item(name)[2] and alone(name)
    ]


def seconds() -> list[str]:
    """Items that may come second: read to documents, their excerpt beginning at a form's
    start (not marked ``begins_inside_form``)."""
    return [name for name in ids() if alone(name) and "begins_inside_form" not in item(name)[2]]


def pairs() -> list[tuple[str, str]]:
    """Every valid pair, in order."""
    return [(a, b) for a in firsts() for b in seconds() if a != b]


def selection() -> list[tuple[str, str]]:
    """A deterministic selection of the valid pairs that reads in seconds: every second item
    after two of the first ones (by turns), so that each item on either side is in it."""
    a, b = firsts(), seconds()
    chosen = {(a[(k * 3 + s) % len(a)], name) for k, name in enumerate(b) for s in (0, 5)}
    return sorted((x, y) for x, y in chosen if x != y)


def differences(first: str, second: str) -> list[str]:
    """How the joined reading differs from the two readings alone (empty when it does not)."""
    got, want = joined(first, second), alone(first) + alone(second)
    if len(got) != len(want):
        return [f"documents: read {len(got)}, alone {len(want)}"]
    out = []
    for n, (g, w) in enumerate(zip(got, want, strict=True)):
        fields = [f.name for f in attrs.fields(type(g)) if getattr(g, f.name) != getattr(w, f.name)]
        if fields:
            out.append(f"document {n + 1}: {', '.join(fields)}")
    return out


def main(argv: Sequence[str]) -> int:
    chosen = [tuple(p.split("+", 1)) for p in argv] if argv else pairs()
    bad = 0
    for first, second in chosen:
        found = differences(first, second)
        if found:
            bad += 1
            print(first, second, found)
    print(f"{bad} of {len(chosen)} pairs differ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
