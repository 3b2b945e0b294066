"""The score sheet's records as the scoring functions build them, and what they prepare once.

The scoring functions build ScoreLine, Explanation and ScoreSheet through their slots and
work out per rule set what every row reads; these tests hold them to what the public
constructors and the rules give.
"""

from __future__ import annotations

import pickle
import sys
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.errors import BudgetPerfError
from budgetperf.model import Batch, Comparator, Indicator, Measure
from budgetperf.model.indicators import says_something
from budgetperf.scoring import RuleSet, ScoreSheet, get_rules, score, score_indicator
from budgetperf.synthetic import generate

# The package re-exports the function ``score``, which hides the submodule's name.
_score_module = sys.modules["budgetperf.scoring.score"]


def _sheets() -> list[ScoreSheet]:
    found: list[ScoreSheet | None] = []
    for name in examples.names():
        document = examples.load(name)
        found.extend(score(document) if isinstance(document, Batch) else [score(document)])
    found.extend(score(d) for d in generate(40, seed=3, mistake_rate=Decimal("0.5")))
    return [sheet for sheet in found if sheet is not None]


def test_records_built_through_their_slots_equal_the_public_constructors() -> None:
    sheets = _sheets()
    assert len(sheets) == 65  # the examples' 25 scored tables and 40 generated ones
    for sheet in sheets:
        rebuilt = attrs.evolve(sheet)  # through ScoreSheet.__init__
        assert rebuilt == sheet and hash(rebuilt) == hash(sheet) and repr(rebuilt) == repr(sheet)
        assert pickle.loads(pickle.dumps(sheet)) == sheet
        for line in sheet.lines:
            assert attrs.evolve(line, explanation=attrs.evolve(line.explanation)) == line
            assert attrs.asdict(attrs.evolve(line)) == attrs.asdict(line)


def test_the_fast_constructors_set_every_field() -> None:
    m = _score_module
    explanation = m._explanation("national: ≥ proportional", "W", "5 = 满分（3 ≥ 3）")
    assert explanation == m.Explanation(
        rule="national: ≥ proportional", formula="W", text="5 = 满分（3 ≥ 3）"
    )
    line = m._line(
        "indicators[0]",
        "带动产值",
        Decimal(5),
        Decimal("5.00"),
        Decimal(5),
        m.LineStatus.MET,
        explanation,
        False,
    )
    assert line == m.ScoreLine(
        path="indicators[0]",
        label="带动产值",
        weight=Decimal(5),
        computed=Decimal("5.00"),
        reported=Decimal(5),
        status=m.LineStatus.MET,
        explanation=explanation,
    )
    assert line.difference == Decimal("-0.00") and line.used == Decimal("5.00")


def test_a_class_whose_fields_changed_is_refused_at_import() -> None:
    @attrs.frozen(slots=True, kw_only=True)
    class Checked:
        path: str = attrs.field(validator=attrs.validators.instance_of(str))

    @attrs.frozen(slots=True, kw_only=True)
    class Plain:
        path: str
        label: str

    with pytest.raises(BudgetPerfError, match="fast constructor"):
        _score_module._slot_setters(Checked, ("path",))  # a validator to run
    with pytest.raises(BudgetPerfError, match="fast constructor"):
        _score_module._slot_setters(Plain, ("path",))  # a field the constructor would miss
    assert len(_score_module._slot_setters(Plain, ("path", "label"))) == 2


def test_a_met_rows_score_is_its_weight_rounded_once_per_weight() -> None:
    prepared = _score_module._prepared(get_rules("national"))
    assert prepared.full(Decimal(5)) == Decimal("5.00")
    assert str(prepared.full(Decimal("5.000"))) == "5.00"
    assert str(prepared.full(Decimal("9.475"))) == "9.48"  # ROUND_HALF_UP
    # 0 and −0 are equal but round to 0.00 and −0.00: never taken from the cache.
    assert str(prepared.full(Decimal(0))) == "0.00"
    assert str(prepared.full(Decimal("-0"))) == "-0.00"
    whole = _score_module._prepared(RuleSet.from_dict({"name": "whole", "rounding": 0}))
    assert str(whole.full(Decimal("9.5"))) == "10"


def test_each_rule_set_is_prepared_for_itself() -> None:
    row = Indicator(
        level1="产出指标",
        level2="数量指标",
        name="检查次数",
        comparator=Comparator.LE,
        unit="次",
        target=Measure(text="3", value=Decimal(3)),
        actual=Measure(text="4", value=Decimal(4)),
        weight=Decimal(15),
    )
    national = get_rules("national")
    # Rule sets made on the fly, one after the other (the cache is keyed by identity).
    for _ in range(3):
        mine = RuleSet.from_dict({"name": "mine", "comparators": {"≤": "reverse_linear"}})
        line = score_indicator(row, mine, path="indicators[0]")
        assert line.computed == Decimal("10.00")  # 15 × (2 − 4 ÷ 3)
        assert line.explanation.rule == "mine: ≤ reverse_linear"
        line = score_indicator(row, national, path="indicators[0]")
        assert line.computed == Decimal("11.25")  # 3 ÷ 4 × 15
        assert line.explanation.text == "11.25 = 3 ÷ 4 × 15"


def _says_something_by_definition(note: str) -> bool:
    text = unicodedata.normalize("NFKC", note).replace("\u2212", "-").replace("\u2013", "-")
    return text.strip().replace(" ", "") not in ("", "无", "/", "-", "—", "无。")


_NOTE_CHARACTERS = st.sampled_from(
    [*"无。/-—－／⽆｡ \u3000\u00a0\n\t", "\u2212", "\u2013", "受", "因", "，", "a", "１"]
)


@given(st.lists(_NOTE_CHARACTERS, max_size=8).map("".join) | st.text(max_size=12))
def test_a_note_says_something_as_its_definition_says(note: str) -> None:
    assert says_something(note) is _says_something_by_definition(note)


def test_notes_that_say_nothing() -> None:
    for note in ("", "无", " 无。", "／", "－", "⽆", "\u3000/\u3000"):  # ⽆: the radical, NFKC 无
        assert not says_something(note), note
    assert says_something("受客观因素影响，未完全达到目标。")


class _Forgetful(dict):  # type: ignore[type-arg]
    """A verdict cache that recalls nothing: every row is scored from its figures."""

    def get(self, key: object, default: object = None) -> object:
        return default


def _written(sheet: ScoreSheet) -> object:
    # Unstructured, a Decimal keeps its exponent: 95 and 95.0 are told apart.
    from budgetperf.io._hooks import unstructure

    return unstructure(sheet)


def _row(name: str, target: str, actual: str, weight: str, **more: object) -> Indicator:
    return Indicator(
        level1="产出指标",
        level2="质量指标",
        name=name,
        comparator=more.pop("comparator", Comparator.GE),  # type: ignore[arg-type]
        unit="%",
        target=Measure(text=target, value=Decimal(target)),
        actual=Measure(text=actual, value=Decimal(actual)),
        weight=Decimal(weight),
        **more,  # type: ignore[arg-type]
    )


def test_rows_with_the_figures_of_an_earlier_row_keep_their_own_line() -> None:
    national = get_rules("national")
    first = score_indicator(
        _row("合格率", "95", "90", "10", reported_score=Decimal(9)), national, path="indicators[0]"
    )
    again = score_indicator(
        _row("验收率", "95", "90", "10", reported_score=Decimal(8), deviation_note="因天气延误"),
        national,
        path="indicators[4]",
    )
    assert (first.computed, first.explanation) == (again.computed, again.explanation)
    assert (again.path, again.label, again.reported, again.has_note) == (
        "indicators[4]",
        "验收率",
        Decimal(8),
        True,
    )
    assert (first.label, first.reported, first.has_note) == ("合格率", Decimal(9), False)


def test_a_verdict_recalled_is_the_verdict_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    national = get_rules("national")
    rows = [
        _row("a", "95", "90", "10"),
        _row("b", "95.0", "90.00", "10.0"),  # equal figures, other exponents
        _row("c", "95", "-90", "10"),  # a negative actual
        _row("d", "95", "90", "0"),
        _row("e", "95", "90", "-0"),  # a zero's sign is written: never kept
        _row("f", "0", "-0", "5", comparator=Comparator.EQ),
        _row("g", "5", "4", "10", comparator=Comparator.LE),
        _row("h", "5", "5", "10", comparator=Comparator.LT),
        _row("i", "80", "81", "10", comparator=Comparator.EQ),
    ]
    rule_sets = [
        national,
        get_rules("sichuan-2023"),
        RuleSet.from_dict({"name": "n", "rounding": 0}),
    ]
    documents = list(generate(60, seed=5, mistake_rate=Decimal("0.5")))
    for explain in (True, False):
        recalled = [
            [repr(score_indicator(row, rules, path="p")) for row in rows * 2] for rules in rule_sets
        ]
        sheets = [_written(score(d, explain=explain)) for d in documents * 2]
        with monkeypatch.context() as patched:
            patched.setattr(_score_module, "_VERDICTS", _Forgetful())
            assert recalled == [
                [repr(score_indicator(row, rules, path="p")) for row in rows * 2]
                for rules in rule_sets
            ]
            assert sheets == [_written(score(d, explain=explain)) for d in documents * 2]


def test_the_verdicts_kept_are_bounded() -> None:
    national = get_rules("national")
    for n in range(1, _score_module._VERDICTS_KEPT + 10):
        score_indicator(_row("r", str(n), "1", "10"), national, path="p")
        assert len(_score_module._VERDICTS) <= _score_module._VERDICTS_KEPT
