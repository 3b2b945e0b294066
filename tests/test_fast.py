"""The batch fast path against the full path: identical outcome lines, byte for byte.

The fast path (msgspec decoding when the ``fast`` extra is installed, scoring without
explanations, checks on that sheet, the full path for any document with a finding or any
failure) must never change an outcome. Inputs: the shipped examples, generated batches of
many seeds and mistake rates, the corrupt-file corpus and hostile mutations of real lines
(the fuzz corpus of tests/test_fuzz.py).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import examples, score
from budgetperf.bulk import evaluate_lines, outcome_json
from budgetperf.errors import SchemaError
from budgetperf.io import json as bjson
from budgetperf.io.json import parse_json, parse_json_fast, to_envelope
from budgetperf.synthetic import generate
from tests.test_fuzz import HOSTILE_TOKENS

CORRUPT = Path(__file__).parent / "corrupt"


def _both(lines: list[str] | list[bytes]) -> tuple[list[str], list[str]]:
    full_outcomes = list(evaluate_lines(lines, fast=False))
    fast_outcomes = list(evaluate_lines(lines, fast=True))
    # Equal as objects too: a finding keeps the rule text it quotes (frames show it).
    assert fast_outcomes == full_outcomes
    return [outcome_json(o) for o in full_outcomes], [outcome_json(o) for o in fast_outcomes]


def _example_lines() -> list[str]:
    lines = [examples.text(name) for name in examples.names()]  # a batch per line: an error
    for name in examples.names():
        lines += [
            json.dumps(to_envelope(d), ensure_ascii=False) for d in examples.load(name).documents
        ]
    return lines


def test_examples_give_identical_outcomes() -> None:
    lines = _example_lines()
    full, fast = _both(lines)
    assert fast == full
    # Not vacuous: the examples hold scored documents with findings and an error line.
    outcomes = [json.loads(line) for line in full]
    assert sum(o["total"] is not None for o in outcomes) >= 4
    assert any(o["findings"] for o in outcomes)
    assert any(o["error"] for o in outcomes)
    # The two final accounts of the examples are checked, not scored, on both paths.
    titles = {"凉山州科学技术协会 2023", "韶关市科学技术协会 2019"}
    accounts = [o for o in outcomes if o["title"] in titles and o["total"] is None]
    assert [len(o["findings"]) for o in accounts] == [11, 0]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("rate", [Decimal(0), Decimal("0.03"), Decimal("0.5"), Decimal(1)])
def test_generated_batches_give_identical_outcomes(seed: int, rate: Decimal) -> None:
    documents = list(generate(60, seed=seed, mistake_rate=rate))
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in documents]
    full, fast = _both(lines)
    assert fast == full
    totals = [json.loads(line)["total"] for line in fast]
    assert totals == [str(score(d).total) for d in documents]
    if rate == 1:  # every document carries a mistake: most of them are found
        assert sum(bool(json.loads(line)["findings"]) for line in fast) > len(fast) // 2


def test_corrupt_corpus_gives_identical_error_lines() -> None:
    files = sorted(p for p in CORRUPT.iterdir() if p.suffix in (".json", ".jsonl"))
    lines: list[bytes] = []
    for path in files:
        data = path.read_bytes()
        lines.append(data.replace(b"\n", b" "))  # the whole file as one line
        lines += data.splitlines()
    full, fast = _both(lines)
    assert fast == full
    assert sum(bool(json.loads(line)["error"]) for line in full) >= len(files) // 2


def _real_line() -> str:
    document = next(iter(generate(1, seed=3, mistake_rate=Decimal(0))))
    return json.dumps(to_envelope(document), ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(
    at=st.integers(0, 4000),
    length=st.integers(0, 12),
    token=st.sampled_from([*HOSTILE_TOKENS, ':"a":1,', '"code":"x",', "\\u003a", '"']),
)
def test_mutated_lines_give_identical_outcomes(at: int, length: int, token: str) -> None:
    line = _real_line()
    at = min(at, len(line))
    mutated = line[:at] + token + line[at + length :]
    full, fast = _both([mutated])
    assert fast == full


def test_duplicate_keys_are_refused_by_the_fast_decoder_too() -> None:
    line = _real_line()
    # A duplicate at the top, deep inside, and one hidden in a dropped value.
    doubled = [
        line.replace('"format": ', '"type": "x", "format": ', 1),
        line.replace('"weight": ', '"weight": "1", "weight": ', 1),
        line.replace('"document": {', '"document": {"name": {"a": ":"}, ', 1),
    ]
    for text in doubled:
        with pytest.raises(SchemaError, match="duplicate key"):
            parse_json(text)
        with pytest.raises(SchemaError, match="duplicate key"):
            parse_json_fast(text)
    # A colon escaped inside a string is not mistaken for a key, and is decoded.
    assert parse_json_fast('{"a\\u003a": "b:c"}') == {"a:": "b:c"}


def test_the_fast_decoder_gives_the_exact_parser_s_values() -> None:
    text = '{"a": 1.50, "b": [1E+3, -0, 12345678901234567890], "c": "x", "d": null}'
    assert parse_json_fast(text) == parse_json(text)
    assert parse_json_fast(text)["a"] == Decimal("1.50")
    assert parse_json_fast(text, fast=False) == parse_json(text)


def test_without_msgspec_the_standard_library_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bjson, "_FAST_DECODE", None)
    lines = _example_lines()[:6]
    full, fast = _both(lines)
    assert fast == full
    with pytest.raises(SchemaError, match="duplicate key"):
        parse_json_fast('{"a": 1, "a": 2}')


def test_scoring_without_explanations_gives_the_same_figures() -> None:
    for document in generate(200, seed=11, mistake_rate=Decimal("0.5")):
        full, silent = score(document), score(document, explain=False)
        assert silent.total == full.total and silent.grade == full.grade
        assert [(x.computed, x.status, x.explanation.rounded) for x in silent.lines] == [
            (x.computed, x.status, x.explanation.rounded) for x in full.lines
        ]
        assert full.lines[0].explanation.text and not silent.lines[0].explanation.text
