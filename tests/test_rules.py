"""Rule sets: shipped readings, user-defined rules from plain data, clear errors."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import check
from budgetperf.checks.finding import Finding, Severity
from budgetperf.errors import RuleError
from budgetperf.model import (
    BudgetBlock,
    Comparator,
    FundRow,
    Grade,
    Indicator,
    Measure,
    ProjectEvaluation,
    QualitativeGrade,
)
from budgetperf.money import Amount
from budgetperf.scoring import RULE_SETS, RuleSet, get_rules
from budgetperf.scoring.rules import ComparatorFormula, NonApplicablePolicy
from budgetperf.scoring.score import score_budget, score_indicator


def test_every_disputed_reading_has_a_rule_set() -> None:
    assert set(RULE_SETS) >= {
        "national",
        "reverse-linear",
        "equal-symmetric",
        "strict-inequality",
        "grades-80-70-60",
        "guangxi",
        "sichuan-2023",
        "rescale-non-applicable",
        "integrated-system",
    }
    for rules in RULE_SETS.values():
        assert rules.source and rules.title


def test_national_defaults() -> None:
    rules = get_rules()
    assert rules.name == "national"
    assert rules.weights.execution == 10 and rules.weights.indicators == 90
    assert rules.execution.denominator == "adjusted" and rules.execution.cap
    assert [b.minimum for b in rules.grades] == [90, 80, 60, 0]


def test_sichuan_and_guangxi_specifics() -> None:
    assert get_rules("sichuan-2023").execution.reason_below == Decimal("0.9")
    assert get_rules("sichuan-2023").weights.cost_as_level1
    assert get_rules("guangxi").over_completion.note_ratio == Decimal("1.3")
    assert get_rules("grades-80-70-60").grade_for(Decimal(85)) is Grade.EXCELLENT
    assert get_rules("rescale-non-applicable").non_applicable is NonApplicablePolicy.RESCALE


def test_round_trip_through_plain_data() -> None:
    for rules in RULE_SETS.values():
        assert RuleSet.from_dict(rules.to_dict()) == rules


def test_user_rule_set_from_plain_data() -> None:
    mine = RuleSet.from_dict(
        {
            "name": "county-2024",
            "base": "national",
            "source": "某县财政局 2024",
            "comparators": {"≤": "reverse_linear", "＞": {"equality_meets": False}},
            "grades": {"优": "85", "良": "75", "中": "60", "差": "0"},
            "execution": {"reason_below": "0.9"},
        }
    )
    assert mine.comparators[Comparator.LE].formula is ComparatorFormula.REVERSE_LINEAR
    # A changed formula takes the user's source, not the base's; an unchanged one keeps it.
    assert mine.comparators[Comparator.LE].source == "某县财政局 2024"
    assert (
        mine.comparators[Comparator.GT].source
        == get_rules("national").comparators[Comparator.GT].source
    )
    assert mine.comparators[Comparator.GT].equality_meets is False
    assert mine.grade_for(Decimal(85)) is Grade.EXCELLENT
    assert mine.execution.reason_below == Decimal("0.9")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "x", "comparators": {"≤": "made_up"}}, "comparators.≤.formula"),
        ({"name": "x", "grades": {"优": "60", "良": "80", "中": "70", "差": "0"}}, None),
        ({"name": "x", "grades": {"优": "90", "良": "80"}}, "grades"),
        ({"name": "x", "colour": "red"}, "$"),
        ({"name": "x", "execution": {"denominator": "final"}}, "execution.denominator"),
        ({"name": "x", "execution": {"reason_below": 0.9}}, "execution.reason_below"),
        ({"name": "x", "base": "nowhere"}, "rules"),
        ({"base": "national"}, "name"),
        ({"name": "x", "grades": {"极好": "90", "差": "0"}}, None),
        ("not a mapping", "$"),
        ({"name": "x", "off_maximum": "scale"}, "off_maximum"),
        ({"name": "x", "non_applicable": "drop"}, "non_applicable"),
    ],
)
def test_malformed_rule_sets_raise_rule_error(data: Any, field: str | None) -> None:
    with pytest.raises(RuleError) as info:
        RuleSet.from_dict(data)
    if field is not None:
        assert info.value.field == field


def test_unknown_rule_set_name() -> None:
    with pytest.raises(RuleError, match="unknown rule set"):
        get_rules("nowhere")


# -- one rounding policy --------------------------------------------------------------------

SRC = Path(__file__).parent.parent / "src" / "budgetperf"
# Interval bounds are rounded outwards on purpose (the range a printed figure may stand for);
# every figure itself is rounded 四舍五入.
DIRECTED = {"ROUND_FLOOR", "ROUND_CEILING"}


def _rounding_of(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "rounding":
            value = keyword.value
            if isinstance(value, ast.Name):
                return value.id
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            return "<expression>"
    return None


def test_every_quantize_names_round_half_up() -> None:
    offending = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "quantize"
            ):
                mode = _rounding_of(node)
                allowed = {"ROUND_HALF_UP", "<expression>"}
                if path.name == "finding.py":
                    allowed |= DIRECTED
                if mode not in allowed:
                    offending.append(f"{path.relative_to(SRC)}:{node.lineno} rounding={mode}")
    assert offending == []


def test_the_scan_finds_a_bare_quantize() -> None:
    tree = ast.parse("x.quantize(Decimal('0.01'))\ny.quantize(q, rounding=ROUND_HALF_EVEN)")
    calls = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]
    assert [_rounding_of(c) for c in calls] == [None, "ROUND_HALF_EVEN"]


def test_execution_rate_rounded_as_printed_is_half_up() -> None:
    # 89.625 % on weight 20: 四舍五入 gives 89.63 % → 17.93 (half-even would give 17.92).
    block = BudgetBlock(
        rows=(
            FundRow(
                category="总额",
                adjusted_budget=Amount("100", "万元"),
                executed=Amount("89.625", "万元"),
            ),
        ),
        weight=Decimal(20),
    )
    exact = score_budget(block, get_rules("national"))
    assert exact.computed == Decimal("17.93")  # 17.925 rounded half up
    assert "四舍五入" not in exact.explanation.text
    printed = RuleSet.from_dict({"name": "p", "execution": {"compare_places": 2}})
    line = score_budget(block, printed)
    assert line.computed == Decimal("17.93")
    assert "89.63%" in line.explanation.text and "89.625%" in line.explanation.text
    one_place = RuleSet.from_dict({"name": "p1", "execution": {"compare_places": 1}})
    assert score_budget(block, one_place).computed == Decimal("17.92")  # 89.6 % × 20


# -- the checks a reviewer expects --------------------------------------------------------


def _block(budget: str, executed: str, reported: str | None = None) -> BudgetBlock:
    return BudgetBlock(
        rows=(
            FundRow(
                category="总额",
                adjusted_budget=Amount(budget, "万元"),
                executed=Amount(executed, "万元"),
            ),
        ),
        weight=Decimal(10),
        reported_score=None if reported is None else Decimal(reported),
    )


def _ind(
    comparator: Comparator | None,
    target: str,
    actual: str | None,
    *,
    weight: str = "90",
    reported: str | None = None,
    note: str = "",
    level2: str = "数量指标",
    name: str = "指标",
    unit: str = "",
    grade: QualitativeGrade | None = None,
) -> Indicator:
    def measure(text: str) -> Measure:
        value = text.lstrip("≤≥＝").rstrip("人次%")
        return Measure(text=text, value=Decimal(value) if value else None)

    return Indicator(
        level1="产出指标",
        level2=level2,
        name=name,
        comparator=comparator,
        target=measure(target)
        if comparator is not Comparator.QUALITATIVE
        else Measure(text=target),
        unit=unit,
        actual=None if actual is None else measure(actual),
        weight=Decimal(weight),
        reported_score=None if reported is None else Decimal(reported),
        deviation_note=note,
        qualitative_grade=grade,
    )


def _codes(doc: ProjectEvaluation, rules: str = "national") -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in check(doc, rules):
        found.setdefault(finding.code, []).append(finding)
    return found


def _doc(*rows: Indicator, block: BudgetBlock | None = None) -> ProjectEvaluation:
    return ProjectEvaluation(
        name="p", year=2023, budget=block or _block("50", "50", "10"), indicators=rows
    )


def test_spending_above_the_budget_and_a_blank_score() -> None:
    # 40.01 of 39: 102.59 %; the 得分 cell is blank although the rule gives 10.
    found = _codes(_doc(_ind(Comparator.GE, "5", "5", reported="90"), block=_block("39", "40.01")))
    (over,) = found["budget.over_execution"]
    assert over.severity is Severity.WARNING
    assert "102.59%" in over.message and "超过预算数 39万元" in over.message
    (blank,) = found["budget.score_missing"]
    assert blank.expected == "10.00"


def test_spending_against_a_zero_budget() -> None:
    found = _codes(_doc(_ind(Comparator.GE, "5", "5", reported="90"), block=_block("0", "5")))
    (zero,) = found["budget.spent_without_budget"]
    assert zero.severity is Severity.ERROR and zero.reported == "5万元"


def test_uncapped_execution_total_above_maximum() -> None:
    doc = _doc(_ind(Comparator.GE, "5", "5", reported="90"), block=_block("39", "40.01", "10"))
    (above,) = _codes(doc, "integrated-system")["total.above_maximum"]
    assert (above.expected, above.reported) == ("100", "100.26")
    assert "total.above_maximum" not in _codes(doc)


def test_row_without_comparator_met_but_deducted() -> None:
    # No comparator printed, actual = target, 8 of 90 points lost with no reason.
    found = _codes(_doc(_ind(None, "100%", "100%", reported="82")))
    (deducted,) = found["indicator.met_but_deducted"]
    assert deducted.expected == "90.00" and deducted.reported == "82"
    blank = _codes(_doc(_ind(None, "100%", None, reported="90")))
    assert "indicator.actual_missing" in blank


def test_missed_target_needs_a_note() -> None:
    found = _codes(_doc(_ind(Comparator.GE, "95%", "90%", reported="85.26")))
    (note,) = found["indicator.note_missing"]
    assert "90 ÷ 95 × 90" in note.message
    noted = _codes(_doc(_ind(Comparator.GE, "95%", "90%", reported="85.26", note="经费有限")))
    assert "indicator.note_missing" not in noted


def test_reverse_comparator_on_an_output_quantity() -> None:
    found = _codes(_doc(_ind(Comparator.LE, "≤230人次", "230人次", reported="90")))
    (reverse,) = found["indicator.reverse_quantity"]
    assert reverse.reported == "≤"
    template = _ind(Comparator.LE, "5", "3", reported="90", name="科目调整次数")
    assert "indicator.reverse_quantity" not in _codes(_doc(template))


@pytest.mark.parametrize("comparator", [Comparator.GE, Comparator.EQ, Comparator.LE])
def test_guangxi_note_rule_on_every_comparator(comparator: Comparator) -> None:
    # A ≥ 1.3 T needs a note under 广西, whatever the comparator.
    row = _ind(
        comparator, "100", "130", reported="90" if comparator is not Comparator.LE else "69.23"
    )
    (needs,) = _codes(_doc(row), "guangxi")["indicator.over_completion_note"]
    assert dict(needs.params)["ratio"] == "1.30"
    assert "indicator.over_completion_note" not in _codes(
        _doc(_ind(comparator, "100", "129")), "guangxi"
    )


@pytest.mark.parametrize(
    ("grade", "reported", "passes"),
    [
        (QualitativeGrade.ACHIEVED, "10", True),
        (QualitativeGrade.ACHIEVED, "8", True),
        (QualitativeGrade.PARTLY_ACHIEVED, "8", False),  # 8 of 10 is the bottom of 达成
        (QualitativeGrade.PARTLY_ACHIEVED, "7.99", True),
        (QualitativeGrade.PARTLY_ACHIEVED, "6", True),
        (QualitativeGrade.NOT_ACHIEVED, "6", False),  # 6 of 10 is the bottom of 部分达成
        (QualitativeGrade.NOT_ACHIEVED, "5.99", True),
    ],
)
def test_qualitative_bands_exclude_the_next_band(
    grade: QualitativeGrade, reported: str, passes: bool
) -> None:
    row = _ind(
        Comparator.QUALITATIVE,
        "持续提升",
        None,
        weight="10",
        reported=reported,
        grade=grade,
        note="x",
    )
    rows = (row, _ind(Comparator.GE, "5", "5", weight="80", reported="80"))
    found = _codes(_doc(*rows))
    assert ("indicator.qualitative_band" not in found) is passes


def test_incomparable_units_are_a_finding() -> None:
    row = attrs.evolve(
        _ind(Comparator.GE, "230", "300", reported="90"),
        target=Measure(text="230人", value=Decimal(230), unit="人"),
        actual=Measure(text="300人次", value=Decimal(300), unit="人次"),
    )
    (unit,) = _codes(_doc(row))["indicator.unit_mismatch"]
    assert (unit.expected, unit.reported) == ("人", "人次")


def test_le_rule_names_its_local_source() -> None:
    # W·T/A is written only in a local filling note, not in 财预〔2020〕10号.
    rule = get_rules("national").comparators[Comparator.LE]
    assert rule.formula is ComparatorFormula.REVERSE_RATIO
    assert "填报说明" in rule.source and "10号" not in rule.source
    assert "selfreverseindex" in get_rules("reverse-linear").comparators[Comparator.LE].source


@pytest.mark.parametrize("formula", [f.value for f in ComparatorFormula])
@pytest.mark.parametrize("comparator", ["≥", "≤", "＝", "＞", "＜"])
@given(
    target=st.decimals(min_value=-50, max_value=50, places=1, allow_nan=False),
    actual=st.decimals(min_value=-100, max_value=100, places=1, allow_nan=False),
)
def test_any_formula_on_any_comparator_stays_within_the_weight(
    formula: str, comparator: str, target: Decimal, actual: Decimal
) -> None:
    # A user may put any formula on any comparator; a score is then either in [0, W] with a
    # true explanation, or none — never an exception, a division by zero or more than W.
    rules = RuleSet.from_dict({"name": "u", "comparators": {comparator: formula}})
    row = Indicator(
        level1="产出指标",
        level2="质量指标",
        name="x",
        comparator=Comparator.parse(comparator),
        target=Measure(text=str(target), value=target),
        actual=Measure(text=str(actual), value=actual),
        weight=Decimal(10),
    )
    line = score_indicator(row, rules, path="x")
    assert line.computed is None or 0 <= line.computed <= 10
    assert "÷ 0 " not in line.explanation.text + " "


def test_evaluation_checks_ignore_the_ambient_decimal_context() -> None:
    import decimal

    from budgetperf import examples

    documents = [
        d
        for name in examples.names()
        for d in examples.load(name).documents
        if isinstance(d, ProjectEvaluation)
    ]
    expected = [[(f.code, f.path, f.expected, f.reported) for f in check(d)] for d in documents]
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        found = [[(f.code, f.path, f.expected, f.reported) for f in check(d)] for d in documents]
    assert found == expected
    assert len(documents) == 23
