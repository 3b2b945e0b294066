"""A report's forms one after another read as each alone (tests/corpus_pairs.py).

A real report prints many forms one after another; the table corpus holds one per item. Two
items joined — a whole table A (``"complete": true``), then a table B that begins at a form's
start (not marked ``begins_inside_form``) — must read to A's documents and then B's, each as
it reads alone, year and source aside. What one form leaves behind (its layout, its columns,
a run that goes on into the next table, a head row given to the closed form) shows here.

A deterministic selection of the valid pairs runs here (every B after two As, in seconds);
``python -m tests.corpus_pairs`` counts over every valid pair. A pair this version does not
read so yet is in KNOWN with the reason, and the test insists that it still differs.
"""

from __future__ import annotations

import pytest

from tests.corpus_pairs import alone, differences, firsts, joined, seconds, selection
from tests.corpus_tables import item

KNOWN: dict[tuple[str, str], str] = {}
"""Pairs of the selection that do not read as each alone yet (strict xfail), with why."""


def _params() -> list[object]:
    return [
        pytest.param(
            a,
            b,
            id=f"{a}+{b}",
            marks=[pytest.mark.xfail(reason=KNOWN[(a, b)], strict=True)] if (a, b) in KNOWN else [],
        )
        for a, b in selection()
    ]


@pytest.mark.parametrize(("first", "second"), _params())
def test_two_forms_one_after_another_read_as_each_alone(first: str, second: str) -> None:
    assert differences(first, second) == []


def test_known_pairs_are_in_the_selection() -> None:
    chosen = set(selection())
    assert [pair for pair in KNOWN if pair not in chosen] == []


def test_the_selection_covers_both_sides() -> None:
    # Every item that may come first, and every one that may come second, is in the
    # selection: a reader that carries state over from one form shows on some pair.
    chosen = selection()
    assert {a for a, _ in chosen} == set(firsts())
    assert {b for _, b in chosen} == set(seconds())
    assert len(firsts()) >= 8 and len(seconds()) >= 45


def test_an_excerpt_that_begins_inside_a_form_is_no_second() -> None:
    # t-b-002 begins with the 绩效指标 rows of a form whose head is above the excerpt: alone,
    # it reads as a form printed without its head rows; it is no pair's second table.
    assert "begins_inside_form" in item("t-b-002")[2]
    assert alone("t-b-002")
    assert "t-b-002" not in seconds()


def test_a_closed_form_takes_no_rows_of_the_next_table() -> None:
    # t-b-011 (a scoring table printed from its header, closed by the text after it: 31 rows)
    # then t-a-002 (a 2022 项目支出绩效自评表 on one blank-separated line): before, the
    # scoring table took t-a-002's first rows as its own (35 rows).
    docs = joined("t-b-011", "t-a-002")
    assert [len(d.indicators) for d in docs] == [31, len(alone("t-a-002")[0].indicators)]
    assert docs[0].layout == "department-scoring"
    assert docs[1].layout == alone("t-a-002")[0].layout == "national"
