"""The statements corpus (tests/corpus/statements): loading, and the mapping to its JSON shape.

Each ``s-NNN.txt`` holds ``key: value`` header lines, a line ``---`` and the text exactly as
published; ``s-NNN.expected.json`` holds, sentence by sentence, the statements written by hand.
:func:`as_expected` maps a read :class:`Statement` to that shape, and :func:`matches` compares
one with a hand-written statement:

- kinds, numbers (amounts, percents, counts), units and the printed direction words must be
  equal exactly (numbers as decimals: "20.10" equals "20.1", "1,055.4" equals "1055.4");
- subjects, ``of`` and ``against`` are compared as names: after normalisation (the same
  :func:`normalise` the grammar uses, so a traditional or pinyin-annotated spelling counts as
  its simplified one) and without quotation marks, one must contain the other. The hand
  annotations sometimes keep a department name or drop a qualifier ("实际支出“三公经费”决算"
  is written "“三公经费”决算"), which is not a different reading;
- a part's unit is compared where the hand annotation writes one: a count list whose units
  were lost in print ("领导用车0主要领导干部用车3…其他用车1,318辆") has its parts written
  without, and the grammar gives them the list's unit;
- ``period`` is not compared: the annotators filled it from neighbouring sentences;
- a score (``kind`` "score") is compared by its ``score`` and ``full_marks`` (in 分) and its
  ``grade`` (优, 良, 中 or 差, as :class:`~budgetperf.model.indicators.Grade` holds it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.money import to_decimal
from budgetperf.statements import Reading, normalise, read_statements

CORPUS = Path(__file__).parent / "corpus" / "statements"

_KIND = {StatementKind.RATE: "completion"}


@attrs.frozen
class Sentence:
    """One hand-annotated sentence and where it stands in its file's text."""

    file: str
    text: str
    start: int
    end: int
    expected: tuple[dict[str, Any], ...]
    unread: tuple[str, ...]


@attrs.frozen
class Entry:
    name: str
    header: dict[str, str]
    body: str
    sentences: tuple[Sentence, ...]


def entries() -> Iterator[Entry]:
    """Every corpus entry, in file order."""
    for path in sorted(CORPUS.glob("s-*.txt")):
        raw = path.read_text(encoding="utf-8")
        head, _, body = raw.partition("\n---\n")
        header = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())
        sentences = []
        cursor = 0
        for item in expected["sentences"]:
            at = body.find(item["text"], cursor)
            if at < 0:
                at = body.find(item["text"])
            assert at >= 0, f"{path.name}: sentence not in the text: {item['text'][:40]}"
            sentences.append(
                Sentence(
                    path.name,
                    item["text"],
                    at,
                    at + len(item["text"]),
                    tuple(item["statements"]),
                    tuple(item.get("unread", ())),
                )
            )
            cursor = at + len(item["text"])
        yield Entry(path.stem, header, body, tuple(sentences))


def _number(value: Decimal | str | None) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(value) if isinstance(value, str) else value


def as_expected(statement: Statement) -> dict[str, Any]:
    """A read statement in the corpus's JSON shape."""
    kind = _KIND.get(statement.kind, statement.kind.value)
    out: dict[str, Any] = {"kind": kind, "subject": statement.subject}
    if statement.kind is StatementKind.AMOUNT and statement.figure is not None:
        out |= {"amount": statement.figure.value, "unit": statement.figure.unit.value}
    if statement.kind is StatementKind.CHANGE:
        if statement.amount is not None:
            out |= {"amount": statement.amount.value, "unit": statement.amount.unit.value}
        if statement.count is not None:
            out |= {"amount": statement.count, "unit": statement.count_unit}
        if statement.amount_word:
            out["direction"] = statement.amount_word
        if statement.percent_word:
            out["percent_word"] = statement.percent_word
        if statement.percent is not None:
            out["percent"] = statement.percent
        if statement.against:
            out["against"] = statement.against
    if statement.kind in (StatementKind.SHARE, StatementKind.RATE):
        out["percent"] = statement.percent
        if statement.of:
            out["of"] = statement.of
    if statement.kind is StatementKind.COUNT:
        out |= {"count": statement.count, "unit": statement.count_unit}
    if statement.kind is StatementKind.SCORE:
        if statement.score is not None:
            out["score"] = statement.score
        if statement.full_marks is not None:
            out["full_marks"] = statement.full_marks
        if statement.grade is not None:
            out["grade"] = statement.grade.value
    if statement.parts:
        out["parts"] = [
            {
                "subject": p.subject,
                **({"amount": p.figure.value, "unit": p.figure.unit.value} if p.figure else {}),
                **({"percent": p.percent} if p.percent is not None else {}),
                **({"count": p.count, "unit": statement.count_unit} if p.count is not None else {}),
            }
            for p in statement.parts
        ]
        out["complete"] = statement.complete
    return out


def _name(text: str) -> str:
    folded = normalise(text).text
    for char in "“”\"'‘’「」 ":
        folded = folded.replace(char, "")
    return folded


def _same_name(got: str, want: str) -> bool:
    a, b = _name(got), _name(want)
    return a == b or (bool(a) and bool(b) and (a in b or b in a))


def _unit(text: str | None) -> str | None:
    return None if text is None else _name(text)


def _amount(item: dict[str, Any]) -> tuple[Decimal | None, str | None]:
    value = _number(item.get("amount"))
    unit = _unit(item.get("unit"))
    if value is not None and unit == "亿元":
        return value.scaleb(4), "万元"  # the model holds 亿元 as 万元
    return value, unit


def matches(got: dict[str, Any], want: dict[str, Any]) -> bool:
    """Whether a read statement (in corpus shape) is the hand-written one."""
    if got["kind"] != want["kind"] or not _same_name(got["subject"], want.get("subject", "")):
        return False
    if _amount(got) != _amount(want):
        return False
    for key in ("percent", "count", "score", "full_marks"):
        if _number(got.get(key)) != _number(want.get(key)):
            return False
    if got.get("grade") != want.get("grade"):
        return False
    for key in ("direction", "percent_word"):
        if _unit(got.get(key)) != _unit(want.get(key)):
            return False
    for key in ("of", "against"):
        if want.get(key) and not _same_name(got.get(key, ""), want[key]):
            return False
    if "complete" in want and got.get("complete") != want["complete"]:
        return False
    wanted_parts = want.get("parts", [])
    got_parts = got.get("parts", [])
    if len(wanted_parts) != len(got_parts):
        return False
    for g, w in zip(got_parts, wanted_parts, strict=True):
        if not _same_name(g["subject"], w["subject"]):
            return False
        if "count" in w:
            if _number(g.get("count")) != _number(w["count"]) or g.get("amount") is not None:
                return False
            if "unit" in w and _unit(g.get("unit")) != _unit(w["unit"]):
                return False
        elif _amount(g) != _amount(w) or g.get("count") is not None:
            return False
        if _number(g.get("percent")) != _number(w.get("percent")):
            return False
    return True


@attrs.frozen
class Outcome:
    """How one sentence was read: statements matched, missed and read wrongly."""

    sentence: Sentence
    matched: int
    missed: tuple[dict[str, Any], ...]
    wrong: tuple[dict[str, Any], ...]


def compare(entry: Entry, reading: Reading | None = None) -> list[Outcome]:
    """Read ``entry`` and compare it sentence by sentence with the hand annotations."""
    reading = reading or read_statements(entry.body)
    outcomes = []
    for sentence in entry.sentences:
        got = [
            as_expected(r.statement)
            for r in reading.statements
            if sentence.start <= r.span.start < sentence.end
        ]
        missed = []
        for want in sentence.expected:
            hit = next((g for g in got if matches(g, want)), None)
            if hit is None:
                missed.append(want)
            else:
                got.remove(hit)
        outcomes.append(
            Outcome(sentence, len(sentence.expected) - len(missed), tuple(missed), tuple(got))
        )
    return outcomes
