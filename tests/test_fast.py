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
from typing import Any, Final

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import examples, score
from budgetperf.bulk import evaluate_lines, outcome_json
from budgetperf.errors import SchemaError
from budgetperf.io import json as bjson
from budgetperf.io.json import parse_json, parse_json_fast, to_envelope
from budgetperf.model import Comparator, Grade
from budgetperf.money import library_context
from budgetperf.scoring.rules import RULE_SETS, RuleSet
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


_SPLITTING_TOKENS: Final = ['}, {"level1": ', '}], "', '"indicators": [', ' "indicators": []']
"""What the screen cuts a line's rows at without msgspec: a mutation may put them anywhere."""


@settings(max_examples=150, deadline=None)
@given(
    at=st.integers(0, 4000),
    length=st.integers(0, 12),
    token=st.sampled_from([*HOSTILE_TOKENS, *_SPLITTING_TOKENS, ':"a":1,', '"', "\\"]),
    typed=st.booleans(),
)
def test_mutated_lines_give_identical_outcomes_with_either_decoder(
    at: int, length: int, token: str, typed: bool
) -> None:
    import budgetperf._screen as screen

    line = _real_line()
    at = min(at, len(line))
    mutated = line[:at] + token + line[at + length :]
    saved = bjson._FAST_DECODE, screen._TYPED_DECODE
    if not typed:
        bjson._FAST_DECODE = screen._TYPED_DECODE = None
    try:
        # Twice: the second time the rows the first read are kept.
        full, fast = _both([mutated, line, mutated])
    finally:
        bjson._FAST_DECODE, screen._TYPED_DECODE = saved
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
    # An escaped colon the decoded value writes back as ':' does not hide a dropped key.
    with pytest.raises(SchemaError, match="duplicate key"):
        parse_json_fast('{"a": 1, "a": "\\u003a"}')


def test_the_fast_decoder_gives_the_exact_parser_s_values() -> None:
    text = '{"a": 1.50, "b": [1E+3, -0, 12345678901234567890], "c": "x", "d": null}'
    assert parse_json_fast(text) == parse_json(text)
    assert parse_json_fast(text)["a"] == Decimal("1.50")
    assert parse_json_fast(text, fast=False) == parse_json(text)


def test_without_msgspec_the_standard_library_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    import budgetperf._screen as screen

    monkeypatch.setattr(bjson, "_FAST_DECODE", None)
    monkeypatch.setattr(screen, "_TYPED_DECODE", None)
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


# -- the screen (budgetperf._screen): a clean document decided on its decoded JSON ---------


def _clean_lines(count: int, seed: int) -> list[str]:
    documents = generate(count, seed=seed, mistake_rate=Decimal(0))
    return [json.dumps(to_envelope(d), ensure_ascii=False) for d in documents]


def test_the_screen_decides_most_clean_documents_as_the_full_path_does() -> None:
    from budgetperf._screen import clean_outcome
    from budgetperf.bulk import _evaluate

    lines = _clean_lines(300, seed=5)
    accepted = 0
    for index, line in enumerate(lines):
        clean = clean_outcome(parse_json(line), index, None)
        if clean is None:
            continue
        accepted += 1
        full = _evaluate(index, line, None)
        assert not full.findings and not full.error
        assert clean == (full.title, full.total, full.reported_total, full.grade, full.keys)
    # Not vacuous: the screen takes the common case (the rest have a finding or a doubt).
    assert accepted >= 270


@pytest.mark.parametrize("rules", [None, *sorted(RULE_SETS)])
def test_every_rule_set_gives_identical_outcomes(rules: str | None) -> None:
    lines = [
        json.dumps(to_envelope(d), ensure_ascii=False)
        for d in generate(80, seed=9, mistake_rate=Decimal("0.2"))
    ]
    full = [outcome_json(o) for o in evaluate_lines(lines, rules=rules, fast=False)]
    fast = [outcome_json(o) for o in evaluate_lines(lines, rules=rules, fast=True)]
    assert fast == full


# Values a field of a clean document may be replaced by: every one that the screen must
# either refuse or decide exactly as the full path does.
_ODD_VALUES: list[object] = [
    None,
    True,
    False,
    0,
    1,
    10,
    "",
    " ",
    "0",
    "-0",
    "5",
    "10",
    "10.00",
    "1E+1",
    "+5",
    "-5",
    "5.",
    ".5",
    "9" * 40,
    "NaN",
    "Infinity",
    "148",
    "95",
    "≥",
    "≧",
    ">=",
    "＞",
    "＝",
    "≤",
    "＜",
    "定性",
    "万",
    "%",
    "万元",
    "元",
    "亿元",
    "次",
    "无",
    "/",
    "原因。",
    "2022年",
    [],
    {},
    {"value": "1", "unit": "万元"},
    {"value": "-1", "unit": "万元"},
    {"value": "0", "unit": "元"},
    {"text": "5", "value": "5", "unit": "", "comparator": None, "comparator_text": ""},
    "产出指标",
    "成本指标",
    "数量指标",
    "时效指标",
    "产出指标(50分)",
    "sichuan-2023",
    "national",
    "51340022T000000000001",
    "51340022t000000000001",
    "x",
]


def _paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


_CLEAN = json.loads(_clean_lines(1, seed=21)[0])
_PATHS = _paths(_CLEAN)


@settings(max_examples=400, deadline=None)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(_PATHS), st.sampled_from(_ODD_VALUES)), min_size=1, max_size=3
    ),
    rules=st.sampled_from([None, "national", "guangxi", "integrated-system"]),
)
def test_documents_changed_where_the_screen_looks_give_identical_outcomes(
    changes: list[tuple[tuple[object, ...], object]], rules: str | None
) -> None:
    import copy

    data = copy.deepcopy(_CLEAN)
    for path, value in changes:
        node: Any = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue
    line = json.dumps(data, ensure_ascii=False)
    full = [outcome_json(o) for o in evaluate_lines([line], rules=rules, fast=False)]
    fast = [outcome_json(o) for o in evaluate_lines([line], rules=rules, fast=True)]
    assert fast == full


def test_the_screen_asks_the_model_s_own_validators() -> None:
    import attrs

    from budgetperf._screen import clean_outcome
    from budgetperf.model.funding import FundRow

    # One validator serves the three amounts of a fund row (≥ 0): the screen asks it.
    fields = attrs.fields(FundRow)
    assert fields.initial_budget.validator is fields.executed.validator
    assert fields.adjusted_budget.validator is fields.executed.validator
    data = json.loads(_clean_lines(1, seed=21)[0])
    assert clean_outcome(data, 0, None) is not None
    data["document"]["indicators"][0]["weight"] = "-5"  # Indicator.weight must be ≥ 0
    assert clean_outcome(data, 0, None) is None
    assert next(evaluate_lines([json.dumps(data, ensure_ascii=False)])).error


def test_the_kernel_scores_plain_figures_as_the_rules_say() -> None:
    from budgetperf.scoring import get_rules
    from budgetperf.scoring.score import (
        FORMULA,
        MET,
        TWICE_THE_TARGET,
        case_points,
        execution_points,
        quantitative_case,
    )

    national = get_rules("national")
    linear = get_rules("reverse-linear")
    ge, le = Comparator.GE, Comparator.LE
    # 90 of 95 at 10 points: 90 ÷ 95 × 10 = 9.473… → 9.47.
    case, raw, _ = quantitative_case(ge, national, Decimal(90), Decimal(95), Decimal(10))
    assert case == FORMULA and case_points(case, raw, Decimal(10), national) == Decimal("9.47")
    assert quantitative_case(ge, national, Decimal(95), Decimal(95), Decimal(10))[0] == MET
    # ≤ 3 spent 4 at 15 points: 3 ÷ 4 × 15 = 11.25; reverse-linear: 15 × (2 − 4/3) = 10.00.
    case, raw, _ = quantitative_case(le, national, Decimal(4), Decimal(3), Decimal(15))
    assert case_points(case, raw, Decimal(15), national) == Decimal("11.25")
    case, raw, _ = quantitative_case(le, linear, Decimal(4), Decimal(3), Decimal(15))
    assert case_points(case, raw, Decimal(15), linear) == Decimal("10.00")
    case, raw, _ = quantitative_case(le, linear, Decimal(6), Decimal(3), Decimal(15))
    assert case == TWICE_THE_TARGET and case_points(case, raw, Decimal(15), linear) == 0
    # 85 % executed at 10 points: 8.50 (capped at 10 above 100 %).
    assert execution_points(Decimal(85), Decimal(100), Decimal(10), national)[0] == Decimal("8.50")
    assert execution_points(Decimal(120), Decimal(100), Decimal(10), national)[0] == 10


def _variants() -> dict[str, tuple[Any, str | None]]:
    """A clean document changed to carry one finding each: (document, rules)."""
    import attrs

    from budgetperf.model import Measure
    from budgetperf.money import Amount

    doc = next(iter(generate(1, seed=21, mistake_rate=Decimal(0))))
    rows, block = doc.indicators, doc.budget
    assert block is not None

    def row(i: int, **changes: Any) -> Any:
        new = list(rows)
        new[i] = attrs.evolve(new[i], **changes)
        return attrs.evolve(doc, indicators=tuple(new))

    def fund(i: int, **changes: Any) -> Any:
        new = list(block.rows)
        new[i] = attrs.evolve(new[i], **changes)
        return attrs.evolve(doc, budget=attrs.evolve(block, rows=tuple(new)))

    def measure(value: int, unit: str = "") -> Measure:
        return Measure(text=str(value), value=Decimal(value), unit=unit)

    wan = Amount(Decimal("400000.00"), "万元")
    return {
        "budget.rate": (fund(0, reported_rate_percent=Decimal("55.00")), None),
        "budget.parts_sum": (fund(1, executed=Amount(Decimal("186430.00"), "万元")), None),
        "budget.over_execution": (
            attrs.evolve(
                doc,
                budget=attrs.evolve(
                    block,
                    rows=tuple(attrs.evolve(r, executed=wan) for r in block.rows),
                ),
            ),
            None,
        ),
        "budget.rate_without_budget": (
            fund(
                1, adjusted_budget=Amount(Decimal(0), "万元"), executed=Amount(Decimal(0), "万元")
            ),
            None,
        ),
        "budget.spent_without_budget": (fund(1, adjusted_budget=Amount(Decimal(0), "万元")), None),
        "budget.score_differs": (
            attrs.evolve(doc, budget=attrs.evolve(block, reported_score=Decimal("5.59"))),
            None,
        ),
        "budget.reason_missing": (attrs.evolve(doc, budget=attrs.evolve(block, reason="")), None),
        "total.sum": (attrs.evolve(doc, reported_total=Decimal("96.58")), None),
        "grade.mismatch": (attrs.evolve(doc, reported_grade=Grade.GOOD), None),
        "indicators.level1_weight": (row(4, level1="产出指标(50分)"), None),
        "indicators.level2_weight": (row(4, level2="数量指标（99分）"), None),
        "indicators.layout": (doc, "national"),
        "indicator.cost_level": (row(2, level1="产出指标"), None),
        "indicator.duplicate": (
            row(1, level2=rows[0].level2, name=rows[0].name, level1=rows[0].level1),
            None,
        ),
        "indicator.met_but_deducted": (row(0, reported_score=Decimal("14")), None),
        "indicator.score_above_weight": (row(0, reported_score=Decimal("16")), None),
        "indicator.note_missing": (
            row(4, actual=measure(80), reported_score=Decimal("17.78")),
            None,
        ),
        "indicator.reverse_quantity": (
            row(5, comparator=Comparator.LE, comparator_text="≤"),
            None,
        ),
        "indicator.unit_mismatch": (
            row(5, target=measure(95, "人"), actual=measure(95, "%")),
            None,
        ),
        "indicator.time_year": (row(0, level2="时效指标", name="2022年完成"), None),
        "indicator.target_too_low": (row(3, actual=measure(2)), None),
        "indicator.over_completion_note": (row(4, actual=measure(120)), "guangxi"),
    }


# Codes whose documents the screen does not leave to the full path yet (strict: one that it
# starts to leave there fails here, and is taken off the list).
_NOT_SCREENED_YET: Final[dict[str, str]] = {}


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.xfail(reason=_NOT_SCREENED_YET[code], strict=True))
        if code in _NOT_SCREENED_YET
        else code
        for code in sorted(_variants())
    ],
)
def test_a_document_with_a_finding_is_left_to_the_full_path(code: str, decoder: str) -> None:
    from budgetperf._screen import FINDING, clean_outcome, screen_text

    document, rules = _variants()[code]
    line = json.dumps(to_envelope(document), ensure_ascii=False)
    full = next(evaluate_lines([line], rules=rules, fast=False))
    assert code in {f.code for f in full.findings}
    # Refused: as a finding (scored with explanations at once) or, for a value outside the
    # screen's shape (a printed grade, incomparable units), as a doubt.
    expected = None if code in ("grade.mismatch", "indicator.unit_mismatch") else FINDING
    assert clean_outcome(parse_json(line), 0, rules) == expected
    # And from its text, its rows read by their text (twice: the second time kept).
    for _ in range(2):
        assert not isinstance(screen_text(line, 0, rules), tuple)
    assert outcome_json(next(evaluate_lines([line], rules=rules))) == outcome_json(full)


@pytest.mark.parametrize(
    "spec",
    [
        {"execution": {"compare_places": 0, "reason_below": "0.95"}, "rounding": 1},
        {"execution": {"denominator": "initial", "cap": False}, "negative_actual_as_zero": True},
        {"over_completion": {"note_ratio": "1", "flag_ratio": None}, "base": "sichuan-2023"},
        {"weights": {"indicators": "80", "execution": "20"}, "off_maximum": "normalise"},
    ],
)
def test_a_rule_set_of_the_user_s_gives_identical_outcomes(spec: dict[str, Any]) -> None:
    rules = RuleSet.from_dict({"name": "mine", "base": "national", **spec})
    lines = [
        json.dumps(to_envelope(d), ensure_ascii=False)
        for d in generate(60, seed=4, mistake_rate=Decimal("0.1"))
    ]
    full = [outcome_json(o) for o in evaluate_lines(lines, rules=rules, fast=False)]
    fast = [outcome_json(o) for o in evaluate_lines(lines, rules=rules, fast=True)]
    assert fast == full


def test_the_screen_decides_real_documents_too() -> None:
    from budgetperf._screen import clean_outcome
    from budgetperf.bulk import _evaluate

    accepted = 0
    for index, line in enumerate(_example_lines()):
        clean = clean_outcome(parse_json(line), index, None)
        if isinstance(clean, tuple):
            accepted += 1
            full = _evaluate(index, line, None)
            assert not full.findings
            assert clean == (full.title, full.total, full.reported_total, full.grade, full.keys)
    # 凉山 2023's clean project tables (parts with a budget of 0 among them) are decided so.
    assert accepted >= 10


def test_a_defect_in_the_screen_leaves_the_line_to_the_model_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import budgetperf._screen as screen

    def broken(*_: Any) -> Any:
        raise KeyError("oops")

    lines = _clean_lines(5, seed=2)
    expected = [outcome_json(o) for o in evaluate_lines(lines, fast=False)]
    monkeypatch.setattr(screen, "_indicators", broken)
    assert _clean_outcome_of(lines[0]) is None
    assert [outcome_json(o) for o in evaluate_lines(lines)] == expected


def _clean_outcome_of(line: str) -> object:
    from budgetperf._screen import clean_outcome

    return clean_outcome(parse_json(line), 0, None)


# -- the screen's shape and count of keys (both decoders) ---------------------------------


@pytest.fixture(params=["msgspec", "json"])
def decoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The screen with msgspec's typed decoder (when installed) and with json.loads."""
    import budgetperf._screen as screen

    monkeypatch.setattr(screen, "_RECURRENCE", screen._Recurrence())
    monkeypatch.setattr(screen, "_RECURRENCE_OF_TEXTS", screen._Recurrence())
    if request.param == "json":
        monkeypatch.setattr(screen, "_TYPED_DECODE", None)
        monkeypatch.setattr(bjson, "_FAST_DECODE", None)
    elif screen._TYPED_DECODE is None:
        pytest.skip("msgspec (the fast extra) is not installed")
    return str(request.param)


def _clean_line() -> str:
    return _clean_lines(1, seed=21)[0]


@pytest.mark.parametrize(
    "change",
    [
        # A key twice: json.loads and msgspec keep the last silently, the full path refuses.
        lambda t: t.replace('"weight": "10", ', '"weight": "10", "weight": "10", ', 1),
        lambda t: t.replace('"unit": "万元"}', '"unit": "万元", "unit": "万元"}', 1),
        lambda t: t.replace('"year": 2023, ', '"year": 2023, "year": 2023, ', 1),
        # A key no form has: the full path refuses it.
        lambda t: t.replace('"parent": null}', '"parent": null, "extra": 1}', 1),
        lambda t: t.replace('"format": "budgetperf/1", ', '"format": "budgetperf/1", "x": 0, ', 1),
    ],
)
def test_a_key_twice_or_unknown_is_never_screened_clean(decoder: str, change: Any) -> None:
    from budgetperf._screen import RECOUNT, screen_text

    line = _clean_line()
    assert isinstance(screen_text(line, 0, None), tuple)
    changed = change(line)
    assert changed != line
    assert not isinstance(screen_text(changed, 0, None), tuple)
    full, fast = _both([changed])
    assert fast == full
    assert json.loads(fast[0])["error"]  # refused by the full path, with its message
    assert screen_text(changed, 0, None) in (None, RECOUNT)


def test_a_colon_inside_a_string_is_recounted_and_clean(decoder: str) -> None:
    from budgetperf._screen import RECOUNT, screen_text

    data = json.loads(_clean_line())
    data["document"]["summary"] = "完成率:100%"  # an ASCII colon in a text
    line = json.dumps(data, ensure_ascii=False)
    assert screen_text(line, 0, None) == RECOUNT
    full, fast = _both([line])
    assert fast == full and not json.loads(fast[0])["error"]
    # And decided by the screen on the exact parser's result, not by the model path.
    assert isinstance(_clean_outcome_of(line), tuple)


def _rows_changed(line: str, change: Any) -> str:
    data = json.loads(line)
    change(data["document"]["indicators"])
    return json.dumps(data, ensure_ascii=False)


def _set_name(rows: list[dict[str, Any]], name: str) -> None:
    rows[0]["name"] = name


@pytest.mark.parametrize(
    "change",
    [
        # The separators the screen splits rows at, inside a text (written with its quotes
        # escaped, so that no split falls inside it).
        lambda t: _rows_changed(t, lambda rows: _set_name(rows, '甲}, {"level1": "乙')),
        lambda t: _rows_changed(t, lambda rows: _set_name(rows, '甲}], "乙')),
        # A row whose keys come in another order: written otherwise than canonically.
        lambda t: _rows_changed(
            t, lambda rows: rows.insert(0, dict(reversed(rows.pop(0).items())))
        ),
        # Other separators (compact JSON), and blanks inside the rows' array.
        lambda t: json.dumps(json.loads(t), ensure_ascii=False, separators=(",", ":")),
        lambda t: t.replace('"indicators": [{', '"indicators": [ {', 1),
        lambda t: t.replace("}], ", "} ], ", 1),
        # A row with a key no form has, a row without a key, a row that is no object.
        lambda t: t.replace('"parent": null}, {"level1"', '"parent": null, "x": 1}, {"level1"', 1),
        lambda t: t.replace(', "parent": null}, {"level1"', '}, {"level1"', 1),
        lambda t: t.replace('"indicators": [{', '"indicators": [1, {', 1),
        # A batch of two documents on one line (an error: one document per line).
        lambda t: json.dumps(
            {"format": "budgetperf/1", "type": "batch", "documents": [json.loads(t)] * 2},
            ensure_ascii=False,
        ),
    ],
)
def test_rows_read_by_their_texts_give_the_full_path_s_outcomes(decoder: str, change: Any) -> None:
    import budgetperf._screen as screen

    line = _clean_line()
    changed = change(line)
    assert changed != line
    lines = [line, changed, line, changed]  # each seen again: its rows kept
    full, fast = _both(lines)
    assert fast == full
    # Read by their texts, not decoded with the line.
    assert screen._RECURRENCE.keeps and screen._RECURRENCE_OF_TEXTS.keeps
    # Screened clean only where the exact parser's result is, to the same outcome (a
    # separator in a text holds a ':', so that line is recounted).
    outcomes = [screen.screen_text(text, index, None) for index, text in enumerate(lines)]
    assert isinstance(outcomes[0], tuple) and isinstance(outcomes[2], tuple)
    for index, outcome in enumerate(outcomes):
        if isinstance(outcome, tuple):
            assert outcome == _clean_outcome_at(lines[index], index)


def test_the_rows_texts_are_cut_at_the_canonical_separators() -> None:
    from budgetperf._screen import _split_rows

    line = _clean_line()
    data = json.loads(line)
    split = _split_rows(line)
    assert split is not None
    rest, bodies = split
    assert json.loads(rest)["document"]["indicators"] == []
    assert [json.loads('{"level1": ' + body + "}") for body in bodies] == data["document"][
        "indicators"
    ]
    assert _split_rows(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) is None


def test_without_msgspec_rows_are_kept_by_their_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    import budgetperf._screen as screen

    monkeypatch.setattr(screen, "_TYPED_DECODE", None)
    monkeypatch.setattr(screen, "_RECURRENCE_OF_TEXTS", screen._Recurrence())
    monkeypatch.setattr(screen, "_KEPT", screen._KeptByRules())
    lines = _clean_lines(40, seed=6)
    outcomes = [screen.screen_text(line, index, None) for index, line in enumerate(lines)]
    assert outcomes == [_clean_outcome_at(line, index) for index, line in enumerate(lines)]
    assert sum(isinstance(o, tuple) for o in outcomes) >= 35
    (kept,) = screen._KEPT._by_id.values()
    assert kept.read_texts and not kept.read_rows
    assert all(json.loads('{"level1": ' + text + "}")["level1"] for text in kept.read_texts)


def test_the_screen_takes_the_same_lines_with_either_decoder(decoder: str) -> None:
    from budgetperf._screen import screen_text

    lines = _clean_lines(60, seed=13)
    outcomes = [screen_text(line, index, None) for index, line in enumerate(lines)]
    assert sum(isinstance(o, tuple) for o in outcomes) >= 55
    # Equal to what the exact parser's result is screened to, line for line.
    assert outcomes == [_clean_outcome_at(line, index) for index, line in enumerate(lines)]


def _clean_outcome_at(line: str, index: int) -> object:
    from budgetperf._screen import clean_outcome

    return clean_outcome(parse_json(line), index, None)


def test_the_shape_is_every_field_the_canonical_writer_writes() -> None:
    from budgetperf._screen import SHAPES

    data = json.loads(_clean_line())
    document = data["document"]
    written = {
        "Envelope": data,
        "ProjectEvaluation": document,
        "BudgetBlock": document["budget"],
        "FundRow": document["budget"]["rows"][0],
        "Amount": document["budget"]["rows"][0]["executed"],
        "Indicator": document["indicators"][0],
        "Measure": document["indicators"][0]["target"],
    }
    for shape in SHAPES:
        if shape.name in written:
            # In the writer's order, so that the count of keys is the writer's.
            assert [name for name, _ in shape.fields] == list(written[shape.name]), shape.name
            assert shape.keys == len(written[shape.name])
    assert {s.name for s in SHAPES} >= set(written)


@settings(max_examples=200, deadline=None)
@given(
    actual=st.sampled_from(
        ["", "万", "%", "万元", "元", "亿元", "次", "万人次", "人次", "个", "km"]
    ),
    target=st.sampled_from(
        ["", "万", "%", "万元", "元", "亿元", "次", "万人次", "人次", "个", "公里"]
    ),
    column=st.sampled_from(["", "%", "万元", "人次", "次", "元", "个"]),
    a=st.decimals(min_value=-1000, max_value=1000, places=2),
    t=st.decimals(min_value=-1000, max_value=1000, places=2),
)
def test_a_unit_pair_said_to_need_no_conversion_needs_none_for_any_figures(
    actual: str, target: str, column: str, a: Decimal, t: Decimal
) -> None:
    from budgetperf._screen import _units
    from budgetperf.scoring.score import _cell_unit
    from budgetperf.units import Converted, common_scale

    both = common_scale(a, _cell_unit(actual, column), t, _cell_unit(target, column))
    if _units(actual, target, column) is None:
        assert isinstance(both, Converted)
        assert (both.actual, both.target) == (a, t)
        assert str(both.actual) == str(a) and str(both.target) == str(t)


@settings(max_examples=200, deadline=None)
@given(text=st.from_regex(r"\A[0-9]{6}[0-9]{2}[RYT][0-9]{12}\Z"))
def test_a_code_the_screen_takes_is_parsed_and_written_back_as_itself(text: str) -> None:
    from budgetperf._screen import _canonical_code
    from budgetperf.model.project import ProjectCode

    assert _canonical_code(text)
    assert str(ProjectCode.parse(text)) == text


@pytest.mark.parametrize(
    "text", ["51340022t000000000001", " 51340022T000000000001", "５1340022T000000000001"]
)
def test_a_code_written_otherwise_is_left_to_the_full_path(text: str) -> None:
    from budgetperf._screen import _canonical_code

    assert not _canonical_code(text)


def _needs_msgspec() -> None:
    import budgetperf._screen as screen

    if screen._TYPED_DECODE is None:
        pytest.skip("msgspec (the fast extra) is not installed")


@pytest.mark.parametrize("raw", [True, False])
def test_rows_kept_by_their_bytes_or_decoded_give_the_same_outcomes(
    monkeypatch: pytest.MonkeyPatch, raw: bool
) -> None:
    import budgetperf._screen as screen

    _needs_msgspec()
    documents = list(generate(80, seed=4, mistake_rate=Decimal("0.1")))
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in documents]
    expected = [outcome_json(o) for o in evaluate_lines(lines, fast=False)]
    monkeypatch.setattr(screen, "_RECURRENCE", screen._Recurrence(keeps=raw))
    monkeypatch.setattr(screen, "_DECODED_LINES", 10**9)
    monkeypatch.setattr(screen, "_KEPT", screen._KeptByRules())
    assert [outcome_json(o) for o in evaluate_lines(lines)] == expected
    kept = list(screen._KEPT._by_id.values())
    # Not vacuous: read raw, rows are kept by their bytes (and the screen decided lines).
    assert kept and all(k.rows for k in kept)
    assert any(k.read_rows for k in kept) is raw


def test_the_screen_stops_keeping_rows_that_do_not_recur_and_measures_again() -> None:
    import budgetperf._screen as screen

    recurrence = screen._Recurrence()
    recurrence.seen(300, 0)
    assert recurrence.keeps  # not measured yet: 300 of 512 rows
    recurrence.seen(300, 10)  # 10 of 600 kept
    assert not recurrence.keeps
    for _ in range(screen._DECODED_LINES - 1):
        recurrence.passed()
    assert not recurrence.keeps
    recurrence.passed()
    assert recurrence.keeps
    recurrence.seen(512, 256)  # half kept: raw still pays
    assert recurrence.keeps


def test_on_rows_that_never_recur_the_screen_decodes_them(decoder: str) -> None:
    import budgetperf._screen as screen
    from budgetperf.bulk import _evaluate, _evaluate_fast

    recurrence = screen._RECURRENCE if decoder == "msgspec" else screen._RECURRENCE_OF_TEXTS
    lines = _clean_lines(120, seed=8)
    with library_context():
        outcomes = []
        for index, line in enumerate(lines):
            screen._KEPT._by_id.clear()  # as if no row recurred
            outcomes.append(outcome_json(_evaluate_fast(index, line, None)))
            assert outcomes[-1] == outcome_json(_evaluate(index, line, None))
    assert not recurrence.keeps
    assert 0 < recurrence.lines < screen._DECODED_LINES


def test_what_the_screen_keeps_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import budgetperf._screen as screen

    monkeypatch.setattr(screen, "_KEEP", 16)
    monkeypatch.setattr(screen, "_KEPT", screen._KeptByRules())
    lines = _clean_lines(120, seed=3)
    expected = [outcome_json(o) for o in evaluate_lines(lines, fast=False)]
    assert [outcome_json(o) for o in evaluate_lines(lines)] == expected
    kept = list(screen._KEPT._by_id.values())
    assert kept and all(
        0 < len(k.rows) <= 16
        and len(k.tables) <= 16
        and 0 < len(k.figures) <= 16
        and len(k.read_rows) <= 16
        and len(k.read_texts) <= 16
        and len(k.other_read) <= 16
        for k in kept
    )
    # A row's verdict is its labels' and figures' alone: the same under a fresh cache.
    (rules_kept, *_) = kept
    for key, verdict in rules_kept.rows.items():
        assert screen._verdict(rules_kept.rules, key) == verdict
    for figures, figured in rules_kept.figures.items():
        assert screen._figure_verdict(rules_kept.rules, figures) == figured


def test_bytes_are_screened_as_utf_8_and_any_other_encoding_left_to_the_full_path(
    decoder: str,
) -> None:
    from budgetperf._screen import screen_text

    line = _clean_line()
    utf8 = line.encode("utf-8")
    assert screen_text(utf8, 0, None) == screen_text(line, 0, None)
    assert isinstance(screen_text(utf8, 0, None), tuple)
    # A BOM, GB18030 (the full path reads both) and bytes no decoder takes.
    odd = [b"\xef\xbb\xbf" + utf8, line.encode("gb18030"), utf8.replace(b'"', b'\x00"', 1)]
    for data in odd:
        assert not isinstance(screen_text(data, 0, None), tuple)
    full, fast = _both([utf8, *odd])
    assert fast == full
    assert [bool(json.loads(x)["error"]) for x in fast] == [False, False, False, True]


@pytest.mark.parametrize("printed", ["99.99", "100.01", "99"])
def test_a_rate_misprinted_on_a_row_all_spent_is_left_to_the_full_path(printed: str) -> None:
    # The screen takes the check's quotient for a row all spent without dividing (100): a
    # printed rate that is not 100 at its places is still a finding.
    import attrs

    from budgetperf._screen import FINDING, clean_outcome

    doc = next(iter(generate(1, seed=21, mistake_rate=Decimal(0))))
    assert doc.budget is not None
    spent = attrs.evolve(
        doc.budget,
        rows=tuple(
            attrs.evolve(r, executed=r.adjusted_budget, reported_rate_percent=Decimal("100.00"))
            for r in doc.budget.rows
        ),
        reported_score=Decimal("10.00"),
    )
    clean = attrs.evolve(doc, budget=spent, reported_total=None)
    line = json.dumps(to_envelope(clean), ensure_ascii=False)
    assert isinstance(clean_outcome(parse_json(line), 0, None), tuple)  # all spent, clean
    rows = (attrs.evolve(spent.rows[0], reported_rate_percent=Decimal(printed)), *spent.rows[1:])
    wrong = attrs.evolve(clean, budget=attrs.evolve(spent, rows=rows))
    line = json.dumps(to_envelope(wrong), ensure_ascii=False)
    full = next(evaluate_lines([line], fast=False))
    assert "budget.rate" in {f.code for f in full.findings}
    assert clean_outcome(parse_json(line), 0, None) == FINDING
    assert outcome_json(next(evaluate_lines([line]))) == outcome_json(full)


def _drop(text: str, part: str, count: int = 1) -> str:
    assert part in text
    return text.replace(part, "", count)


# Lines changed where json.loads's screen proves a field by its reader, a kept verdict, the
# table's rows at once or the count of ':' (each change is one that the getters or a type
# proof must catch: a ':' count alone would not).
_SHORTCUTS: Final[dict[str, Any]] = {
    # A field of another type.
    "applicable 1": lambda t: t.replace('"applicable": true', '"applicable": 1', 1),
    "applicable 1.0": lambda t: t.replace('"applicable": true', '"applicable": 1.0', 1),
    "applicable false": lambda t: t.replace('"applicable": true', '"applicable": false', 1),
    "row weight a number": lambda t: t.replace('"weight": "15", ', '"weight": 15, ', 1),
    "row note null": lambda t: t.replace('"deviation_note": ""', '"deviation_note": null', 1),
    "row note 0": lambda t: t.replace('"deviation_note": ""', '"deviation_note": 0', 1),
    "row name a list": lambda t: t.replace('"name": "持续影响年限"', '"name": ["持续影响年限"]', 1),
    "row unit null": lambda t: t.replace('"unit": "年"', '"unit": null', 1),
    "target text a number": lambda t: t.replace('{"text": "148"', '{"text": 148', 1),
    "actual text null": lambda t: t.replace(
        '"actual": {"text": "148"', '"actual": {"text": null', 1
    ),
    "target value a number": lambda t: t.replace('"value": "148"', '"value": 148', 1),
    "measure unit null": lambda t: t.replace(
        '"value": "148", "unit": ""', '"value": "148", "unit": null', 1
    ),
    "measure comparator": lambda t: t.replace(
        '"comparator": null, "comparator_text": ""', '"comparator": "＞", "comparator_text": ""', 1
    ),
    "measure comparator_text": lambda t: t.replace(
        '"comparator": null, "comparator_text": ""',
        '"comparator": null, "comparator_text": "＞"',
        1,
    ),
    "row share 0": lambda t: t.replace('"share": null', '"share": 0', 1),
    "row parent an empty record": lambda t: t.replace('"parent": null}', '"parent": {}}', 1),
    "row a record": lambda t: t.replace('"indicators": [{', '"indicators": [[], {', 1),
    "target a text": lambda t: t.replace(
        '"target": {"text": "148", "value": "148", "unit": "", "comparator": null, '
        '"comparator_text": ""}',
        '"target": "148"',
        1,
    ),
    "fund row weight": lambda t: t.replace(
        '"weight": null, "reported_score": null}', '"weight": "1", "reported_score": null}', 1
    ),
    "fund row score 0": lambda t: t.replace(
        '"weight": null, "reported_score": null}', '"weight": null, "reported_score": 0}', 1
    ),
    "fund row rate a list": lambda t: t.replace(
        '"reported_rate_percent": "55.82"', '"reported_rate_percent": ["55.82"]', 1
    ),
    "fund row rate a number": lambda t: t.replace(
        '"reported_rate_percent": "55.82"', '"reported_rate_percent": 55.82', 1
    ),
    "amount value a number": lambda t: t.replace('"value": "334001.70"', '"value": 334001.70', 1),
    "amount unit null": lambda t: t.replace('"unit": "万元"', '"unit": null', 1),
    "amount a text": lambda t: t.replace(
        '"executed": {"value": "186430.51", "unit": "万元"}', '"executed": "186430.51"', 1
    ),
    "category a number": lambda t: t.replace('"category": "总额"', '"category": 1', 1),
    "leader a number": lambda t: t.replace('"project_leaders": []', '"project_leaders": [1]', 1),
    # A key missing.
    "row key missing": lambda t: _drop(t, '"qualitative_grade": null, '),
    "text missing": lambda t: _drop(t, '"text": "148", '),
    "fund row key missing": lambda t: _drop(t, ', "reported_score": null'),
    # A key missing and another in its place: as many ':' as the canonical text.
    "row key renamed": lambda t: t.replace('"parent": null}', '"parents": null}', 1),
    "measure key renamed": lambda t: t.replace(
        '"comparator_text": ""}', '"comparator_texts": ""}', 1
    ),
    "fund row key renamed": lambda t: t.replace('"reported_score": null}', '"score": null}', 1),
    "missing here, extra there": lambda t: _drop(t, '"share": null, ').replace(
        '"unit": "万元"}', '"unit": "万元", "x": null}', 1
    ),
    "a record where a null belongs": lambda t: _drop(t, '"share": null, ').replace(
        '"parent": null}', '"parent": {"share": null}}', 1
    ),
    "a key twice for a key missing": lambda t: t.replace(
        '"qualitative_grade": null, "share": null',
        '"qualitative_grade": null, "qualitative_grade": null',
        1,
    ),
    # A key besides the canonical ones.
    "measure extra key": lambda t: t.replace(
        '"comparator_text": ""}', '"comparator_text": "", "x": null}', 1
    ),
    "amount extra key": lambda t: t.replace('"unit": "万元"}', '"unit": "万元", "x": "1"}', 1),
    "row extra key": lambda t: t.replace('"parent": null}', '"parent": null, "x": null}', 1),
    # A key twice.
    "row key twice": lambda t: t.replace('"share": null', '"share": null, "share": null', 1),
    "measure key twice": lambda t: t.replace('{"text": "148"', '{"text": "148", "text": "148"', 1),
    "fund row key twice": lambda t: t.replace(
        '"weight": null', '"weight": null, "weight": null', 1
    ),
    "amount key twice": lambda t: t.replace(
        '"unit": "万元"}', '"unit": "万元", "unit": "万元"}', 1
    ),
}


@pytest.mark.parametrize("name", sorted(_SHORTCUTS))
def test_a_line_off_the_shape_is_never_screened_clean(decoder: str, name: str) -> None:
    from budgetperf._screen import screen_text

    line = _clean_line()
    lines = _clean_lines(40, seed=21)  # rows' verdicts kept first: a changed row recurs
    list(evaluate_lines(lines))
    assert isinstance(screen_text(line, 0, None), tuple)
    changed = _SHORTCUTS[name](line)
    assert changed != line
    json.loads(changed)  # still JSON: the screen decodes it and must refuse it itself
    assert not isinstance(screen_text(changed, 0, None), tuple)
    full, fast = _both([changed])
    assert fast == full


@pytest.mark.parametrize("field", ["executed", "adjusted_budget"])
@pytest.mark.parametrize("rate", ["abc", "NaN", True, [], {}])
def test_a_printed_rate_no_check_compares_is_still_read(
    decoder: str, field: str, rate: object
) -> None:
    # A part row whose rate no check compares (nothing spent, or no budget printed): the
    # full path still refuses a rate it cannot read, so the screen reads it too.
    from budgetperf._screen import screen_text

    data = json.loads(_clean_line())
    part = data["document"]["budget"]["rows"][1]
    part[field] = None
    assert isinstance(screen_text(json.dumps(data, ensure_ascii=False), 0, None), tuple)
    part["reported_rate_percent"] = rate
    line = json.dumps(data, ensure_ascii=False)
    assert screen_text(line, 0, None) is None
    full, fast = _both([line])
    assert fast == full
    assert json.loads(full[0])["error"]


@pytest.mark.parametrize("around", [("", "\n"), ("", "\r\n"), (" ", ""), ("\t", " \n")])
def test_blanks_around_a_line_change_nothing(decoder: str, around: tuple[str, str]) -> None:
    from budgetperf._screen import screen_text

    line = _clean_line()
    before, after = around
    clean = screen_text(line, 0, None)
    assert isinstance(clean, tuple)
    for text in (before + line + after, (before + line + after).encode()):
        assert screen_text(text, 0, None) == clean
    # What follows a value but blanks is no JSON: the full path says so.
    for junk in (line + after + "x", line + " {}", line + "]"):
        assert screen_text(junk, 0, None) is None
        full, fast = _both([junk])
        assert fast == full and json.loads(full[0])["error"]


def test_the_screen_stops_keeping_tables_that_do_not_recur(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A generated batch's tables of weights are nearly all new: after a measure of 32 tables
    # the screen stops keeping them, adds their weights again for each line, and the
    # outcomes stay the full path's; once the lines passed so are done it measures again.
    import budgetperf._screen as screen
    from budgetperf.bulk import _evaluate, _evaluate_fast

    monkeypatch.setattr(screen, "_RECURRENCE_OF_TABLES", screen._Recurrence())
    monkeypatch.setattr(screen, "_MEASURED_ROWS", 32)
    monkeypatch.setattr(screen, "_DECODED_LINES", 40)
    lines = _clean_lines(90, seed=11)
    kept_tables = []
    with library_context():
        for index, line in enumerate(lines):
            fast = outcome_json(_evaluate_fast(index, line, None))
            assert fast == outcome_json(_evaluate(index, line, None))
            kept_tables.append(sum(len(k.tables) for k in screen._KEPT._by_id.values()))
            if index == 40:
                assert not screen._RECURRENCE_OF_TABLES.keeps
    measure = screen._RECURRENCE_OF_TABLES
    # Kept while measured, none added while passed, measured again after 40 lines.
    assert kept_tables[45] == kept_tables[60]
    assert kept_tables[-1] > kept_tables[60]
    assert measure.keeps


def test_lines_printing_level_points_in_columns_are_the_full_paths(decoder: str) -> None:
    # A row holding 一级/二级 points (level1_weight, level2_weight: written only where set)
    # has keys the screen's shape has not: the full path decides the line, and its outcome
    # is the same either way, findings on the printed points included.
    import attrs

    from budgetperf.bulk import _evaluate
    from tests.test_checks import _in_columns

    lines = []
    for decision in ("20", "25"):
        document = attrs.evolve(_in_columns(decision=decision), layout="national")
        lines.append(json.dumps(to_envelope(document), ensure_ascii=False))
    fast = [outcome_json(o) for o in evaluate_lines(lines)]
    with library_context():
        assert fast == [outcome_json(_evaluate(i, line, None)) for i, line in enumerate(lines)]
    assert "indicators.level1_weight" not in fast[0] and "indicators.level1_weight" in fast[1]
