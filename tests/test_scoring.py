"""Scoring: real tables from the seeds under the official rules, and properties."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.errors import BudgetPerfError
from budgetperf.model import (
    BudgetBlock,
    Comparator,
    DepartmentEvaluation,
    Dimension,
    FinalAccounts,
    FundRow,
    Grade,
    Indicator,
    Measure,
    ProjectEvaluation,
)
from budgetperf.money import Amount
from budgetperf.rates import NotApplicable
from budgetperf.scoring import (
    RULE_SETS,
    LineStatus,
    RuleSet,
    get_rules,
    score,
    score_indicator,
    summarize,
)
from budgetperf.scoring.department import department_rate, evaluate_dimension_rule
from budgetperf.scoring.rules import NonApplicablePolicy
from budgetperf.scoring.score import ScoreLine, score_budget
from tests.strategies import indicators, measures, money_values, project_evaluations

D = Decimal
LIANGSHAN = examples.load("liangshan-2023")
PROJECTS = LIANGSHAN.of_type(ProjectEvaluation)

# Table number in 附表 → (rule total under the national rules, reported total, Σ reported rows)
EXPECTED = {
    1: ("100", "100", "100"),
    2: ("100", "100", "100"),
    3: ("100", "100", "100"),
    4: ("100", "100", "100"),
    5: ("100", "100", "100"),
    6: ("100", "100", "100"),
    7: ("100", "100", "100"),
    8: ("100", "100", "100"),
    9: ("100", "100", "100"),
    10: ("99.47", "98", "98"),
    11: ("99.79", "99", "99"),
    12: ("89.47", "99", "89"),
    13: ("100", "100", "100"),
    14: ("100", "100", "100"),
    15: ("99.47", "97", "97"),
    16: ("119.47", "97", "117"),
    17: ("99.35", "98", "98"),
    18: ("99.47", "98", "98"),
    19: ("100", "98", "88"),
    20: ("100", "99", "99"),
    21: ("99.21", "98", "98"),
}


def test_liangshan_has_twenty_one_tables() -> None:
    assert len(PROJECTS) == 21


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_liangshan_table(number: int) -> None:
    rule_total, reported_total, reported_sum = (D(x) for x in EXPECTED[number])
    sheet = score(PROJECTS[number - 1])
    assert sheet.total == rule_total
    assert sheet.reported_total == reported_total
    assert sheet.reported_sum == reported_sum
    # Where no row's reported score differs from its rule score and the printed total is the
    # sum of the printed rows, the rule total equals the printed total.
    if all(line.difference in (None, 0) for line in sheet.lines) and reported_sum == reported_total:
        assert sheet.total == reported_total


def test_unit_contribution_table_scores_100() -> None:
    sheet = score(PROJECTS[0])
    assert PROJECTS[0].name == "州本级单位缴费"
    assert [line.computed for line in sheet.lines] == [D(10), D(60), D(30)]
    assert sheet.total == 100
    assert sheet.grade is Grade.EXCELLENT


def test_science_popularisation_table_keeps_both_scores() -> None:
    # 凉山州级科普专项经费: reported 98; satisfaction 90 of ≥95 scores 90 ÷ 95 × 10 = 9.47 by
    # rule (reported 9, "扣1分"); cost 148 ≤ 148 meets the target, reported 19 with a reason.
    table = PROJECTS[9]
    assert table.name == "凉山州级科普专项经费" and table.sub_project == ""
    sheet = score(table)
    satisfaction = sheet.lines[6]  # lines[0] is the budget row
    assert satisfaction.explanation.text == "9.47 ≈ 90 ÷ 95 × 10"
    assert (satisfaction.computed, satisfaction.reported) == (D("9.47"), D(9))
    cost = sheet.lines[7]
    assert (cost.computed, cost.reported, cost.difference) == (D(20), D(19), D(-1))
    assert [line.path for line in sheet.discretionary] == ["indicators[5]", "indicators[6]"]
    assert sheet.reported_total == 98


def test_missing_actual_is_not_computed_but_counted_as_reported() -> None:
    sheet = score(PROJECTS[9])
    timing = sheet.lines[3]
    assert timing.status is LineStatus.NOT_COMPUTABLE
    assert timing.computed is None and timing.used == D(10)


def test_execution_score_of_ziyang_28_of_43() -> None:
    doc = examples.load("ziyang-2022").documents[0]
    assert isinstance(doc, ProjectEvaluation)
    sheet = score(doc)
    execution = sheet.lines[0]
    assert execution.computed == D("6.51")
    assert execution.reported == D(100)
    assert execution.explanation.text == "6.51 ≈ 28 ÷ 43 × 10"
    # Every indicator of the Hunan table is scored by judgement or met.
    assert {line.status for line in sheet.lines[1:]} <= {LineStatus.MET, LineStatus.JUDGEMENT}


def test_hechi_total_and_grade() -> None:
    doc = examples.load("hechi-2020").documents[0]
    assert isinstance(doc, ProjectEvaluation)
    sheet = score(doc)
    assert sheet.reported_total == 100
    assert sheet.reported_grade is Grade.EXCELLENT
    assert sheet.grade_of_reported_total is Grade.EXCELLENT
    assert sheet.total is None  # the older form prints no scored rows


def test_shaoguan_department_30_40_30() -> None:
    batch = examples.load("shaoguan-2019")
    (doc,) = batch.of_type(DepartmentEvaluation)
    sheet = score(doc)
    assert [line.reported for line in sheet.lines] == [D(30), D(40), D(30)]
    assert sheet.total == 100
    assert sheet.grade is Grade.EXCELLENT


def test_liangshan_department_97() -> None:
    (doc,) = LIANGSHAN.of_type(DepartmentEvaluation)
    sheet = score(doc)
    assert sheet.total == 97 == sheet.reported_total
    assert sheet.maximum == 100


def test_final_accounts_are_not_scored() -> None:
    (doc,) = LIANGSHAN.of_type(FinalAccounts)
    with pytest.raises(BudgetPerfError):
        score(doc)  # type: ignore[call-overload]


def _indicator(comparator: Comparator, target: str, actual: str, weight: str = "10") -> Indicator:
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        name="x",
        comparator=comparator,
        target=Measure(text=target, value=D(target)),
        actual=Measure(text=actual, value=D(actual)),
        weight=D(weight),
    )


@pytest.mark.parametrize(
    ("rules", "comparator", "target", "actual", "expected"),
    [
        ("national", Comparator.GE, "95", "90", "9.47"),
        ("national", Comparator.GE, "93", "87", "9.35"),
        ("national", Comparator.GE, "95", "93", "9.79"),
        ("national", Comparator.LE, "100", "125", "8.00"),  # W·T/A
        ("reverse-linear", Comparator.LE, "100", "125", "7.50"),  # W·(2 − A/T)
        ("reverse-linear", Comparator.LE, "100", "250", "0.00"),
        ("national", Comparator.EQ, "100", "120", "10"),  # ＝ scored like ≥
        ("equal-symmetric", Comparator.EQ, "100", "120", "8.00"),
        ("national", Comparator.GT, "3", "3", "10"),
        ("national", Comparator.LE, "0", "3", "0"),  # W·T/A with T = 0
        ("national", Comparator.EQ, "0", "2", "0"),  # S8 selfindexequalzero
        ("national", Comparator.EQ, "0", "-2", "10"),  # … A ≤ 0 meets a target of 0
        ("reverse-linear", Comparator.LE, "-5", "-3", "0"),  # A ≥ 2T scores 0 (S8)
        ("national", Comparator.LE, "-5", "-8", "10"),  # 变动率 ≤ −5 % met by −8 %
        ("national", Comparator.GE, "5", "-10", "0"),  # a negative share of the target
        ("equal-symmetric", Comparator.EQ, "-10", "-12", "8.00"),  # |A − T| ÷ |T|
    ],
)
def test_comparator_rules(
    rules: str, comparator: Comparator, target: str, actual: str, expected: str
) -> None:
    line = score_indicator(_indicator(comparator, target, actual), get_rules(rules), path="x")
    assert line.computed == D(expected)


def test_strict_inequality_marks_equality_as_missed() -> None:
    # Before: "10 = 95 ÷ 95 × 10" labelled 未达标. A = T misses ＞ under the strict reading,
    # and its source names no deduction, so no score is invented.
    line = score_indicator(
        _indicator(Comparator.GT, "95", "95"), get_rules("strict-inequality"), path="x"
    )
    assert line.status is LineStatus.NOT_COMPUTABLE and line.computed is None
    assert "95 ＝ 95，不满足 ＞" in line.explanation.text
    assert "÷" not in line.explanation.text
    zero = score_indicator(
        _indicator(Comparator.LT, "0", "0"), get_rules("strict-inequality"), path="x"
    )
    assert zero.status is LineStatus.NOT_COMPUTABLE and zero.computed is None
    assert (
        score_indicator(_indicator(Comparator.GT, "3", "3"), get_rules("national"), path="x").status
        is LineStatus.MET
    )


def test_rescaled_non_applicable() -> None:
    rows = [
        _indicator(Comparator.GE, "10", "10", "45"),
        Indicator(
            level1="效益指标",
            level2="生态效益指标",
            name="n/a",
            comparator=Comparator.GE,
            target=Measure(text="1", value=D(1)),
            weight=D(45),
            applicable=False,
        ),
    ]
    doc = ProjectEvaluation(name="p", year=2023, indicators=rows)
    national = score(doc, "national")
    assert (national.total, national.maximum) == (D(45), D(45))
    rescaled = score(doc, "rescale-non-applicable")
    assert (rescaled.total, rescaled.maximum) == (D(90), D(90))


def test_department_step_rule() -> None:
    doc = DepartmentEvaluation(
        department="d",
        year=2023,
        dimensions=[
            Dimension(
                name="在职人员控制率",
                weight=D(1),
                rule="staff_control_rate",
                inputs=(("在职人员数", D(18)), ("编制数", D(17))),
            ),
        ],
    )
    line = score(doc).lines[0]
    assert line.computed == D("0.41")
    # 18 ÷ 17 = 105.88…%: 1 − 5.88… × 0.1 = 0.41176…, rounded, and the text says so.
    assert line.explanation.text.startswith("0.41 ≈ 0.41176470588")
    assert line.explanation.text.endswith("（四舍五入到 2 位）")


def test_summary_of_liangshan_projects() -> None:
    summary = summarize(PROJECTS)
    # Table 16 (人才发展专项) is out of 120: left out of the means and ungraded, where it
    # used to lift the mean rule score to 100.27.
    assert (summary.count, summary.scored) == (21, 20)
    assert [title for title, _ in summary.left_out] == ["51340022T000005849396-人才发展专项"]
    assert "满分 120" in summary.left_out[0][1]
    assert summary.mean == D("99.3115")
    assert summary.reported_mean == D("99.2")
    # Table 12 scores 89.47 by rule (its printed total, 99, is not the sum of its rows).
    assert dict(summary.grades)[Grade.EXCELLENT] == 19
    assert dict(summary.grades)[Grade.GOOD] == 1
    assert summary.budget_weighted_mean is not None and summary.budget_weighted_mean < 100


ALL_RULES = sorted(RULE_SETS)
SIGNED = measures(min_value=-1000, max_value=1000)


def _with_actual(indicator: Indicator, value: Decimal, unit: str = "") -> Indicator:
    return attrs.evolve(indicator, actual=Measure(text=str(value), value=value, unit=unit))


@given(indicators(), SIGNED, SIGNED)
def test_score_within_bounds_under_every_rule_set(
    indicator: Indicator, target: Measure, actual: Measure
) -> None:
    row = attrs.evolve(indicator, target=target, actual=actual)
    assert target.value is not None and actual.value is not None
    for name in ALL_RULES:
        line = score_indicator(row, get_rules(name), path="x")
        if line.computed is None:
            # Only where a source is silent: a target of 0 or below, or A = T under ＞/＜.
            assert line.status is LineStatus.NOT_COMPUTABLE
            assert target.value <= 0 or actual.value == target.value or actual.value <= 0
        else:
            assert row.weight is not None and 0 <= line.computed <= row.weight
        if target.value > 0 and actual.value >= 0 and actual.value != target.value:
            assert line.computed is not None


@given(
    indicators(comparator=Comparator.GE), SIGNED, SIGNED, money_values(min_value=0, max_value=500)
)
def test_positive_indicator_is_monotonic(
    indicator: Indicator, target: Measure, actual: Measure, extra: Decimal
) -> None:
    assert actual.value is not None
    row = attrs.evolve(indicator, target=target, actual=actual)
    higher = _with_actual(row, actual.value + extra)
    for name in ALL_RULES:
        rules = get_rules(name)
        low = score_indicator(row, rules, path="x").computed
        high = score_indicator(higher, rules, path="x").computed
        if low is not None and high is not None:
            assert high >= low
        if target.value is not None and target.value > 0:
            assert high is not None  # a higher actual never loses a computable score


@given(
    indicators(comparator=Comparator.LE), SIGNED, SIGNED, money_values(min_value=0, max_value=500)
)
def test_reverse_indicator_is_anti_monotonic(
    indicator: Indicator, target: Measure, actual: Measure, extra: Decimal
) -> None:
    assert actual.value is not None
    row = attrs.evolve(indicator, target=target, actual=actual)
    higher = _with_actual(row, actual.value + extra)
    for name in ALL_RULES:
        rules = get_rules(name)
        low = score_indicator(row, rules, path="x").computed
        high = score_indicator(higher, rules, path="x").computed
        if low is not None and high is not None:
            assert high <= low


@given(indicators(), SIGNED, SIGNED)
def test_scale_invariance_yuan_and_wan_yuan(
    indicator: Indicator, target: Measure, actual: Measure
) -> None:
    assert target.value is not None and actual.value is not None
    in_wan = attrs.evolve(
        indicator,
        target=Measure(text="", value=target.value, unit="万元"),
        actual=Measure(text="", value=actual.value, unit="万元"),
    )
    in_yuan = attrs.evolve(
        indicator,
        target=Measure(text="", value=target.value.scaleb(4), unit="元"),
        actual=Measure(text="", value=actual.value.scaleb(4), unit="元"),
    )
    mixed = attrs.evolve(in_yuan, actual=in_wan.actual)
    for name in ALL_RULES:
        rules = get_rules(name)
        wan = score_indicator(in_wan, rules, path="x")
        assert score_indicator(in_yuan, rules, path="x").computed == wan.computed
        assert score_indicator(mixed, rules, path="x").computed == wan.computed


_RELATION = re.compile(r"满分（(-?[\d.]+) ([≥≤＞＜＝]) (-?[\d.]+)")
_HOLDS = {
    "≥": lambda a, t: a >= t,
    "≤": lambda a, t: a <= t,
    "＞": lambda a, t: a > t,
    "＜": lambda a, t: a < t,
    "＝": lambda a, t: a == t,
}


@given(indicators(), SIGNED, SIGNED)
def test_explanations_print_only_true_relations(
    indicator: Indicator, target: Measure, actual: Measure
) -> None:
    row = attrs.evolve(indicator, target=target, actual=actual)
    for name in ALL_RULES:
        line = score_indicator(row, get_rules(name), path="x")
        text = line.explanation.text
        assert "÷ 0 " not in text + " " and "÷ 0）" not in text
        if line.status is LineStatus.MET:
            match = _RELATION.search(text)
            assert match is not None, text
            a, op, t = match.groups()
            assert _HOLDS[op](D(a), D(t)), text


@given(project_evaluations())
def test_total_is_exact_sum_of_parts(doc: ProjectEvaluation) -> None:
    sheet = score(doc)
    used = [line.used for line in sheet.lines if line.status is not LineStatus.NOT_APPLICABLE]
    if all(u is not None for u in used):
        assert sheet.total == sum((u for u in used if u is not None), D(0))
    else:
        assert sheet.total is None


@given(project_evaluations(), st.sampled_from(ALL_RULES))
def test_grade_only_on_the_rule_sets_maximum(doc: ProjectEvaluation, name: str) -> None:
    rules = get_rules(name)
    sheet = score(doc, rules)
    applicable = [line for line in sheet.lines if line.status is not LineStatus.NOT_APPLICABLE]
    rescales = rules.non_applicable is NonApplicablePolicy.RESCALE and len(applicable) < len(
        sheet.lines
    )
    assert sheet.maximum == sum(
        (line.weight for line in (sheet.lines if rescales else applicable)), D(0)
    )
    if sheet.grade is not None:
        assert sheet.maximum == rules.weights.total == sheet.rule_maximum
        assert sheet.graded_total == sheet.total
    else:
        assert sheet.total is None or sheet.maximum != rules.weights.total
    normalising = RuleSet.from_dict({"name": "n", "base": name, "off_maximum": "normalise"})
    other = score(doc, normalising)
    if other.total is not None and other.maximum > 0:
        assert other.graded_total is not None and other.grade is not None
        assert other.graded_total <= rules.weights.total or other.total > other.maximum


@given(money_values(min_value=0, max_value=100), money_values(min_value=0, max_value=100))
def test_grade_is_monotonic(a: Decimal, b: Decimal) -> None:
    order = [Grade.POOR, Grade.FAIR, Grade.GOOD, Grade.EXCELLENT]
    for name in ("national", "grades-80-70-60"):
        rules = get_rules(name)
        low, high = sorted((a, b))
        assert order.index(rules.grade_for(low)) <= order.index(rules.grade_for(high))


@given(st.sampled_from(["national", "sichuan-2023", "guangxi"]))
def test_grade_bands(name: str) -> None:
    rules = get_rules(name)
    assert rules.grade_for(D(90)) is Grade.EXCELLENT
    assert rules.grade_for(D("89.99")) is Grade.GOOD
    assert rules.grade_for(D(80)) is Grade.GOOD
    assert rules.grade_for(D(60)) is Grade.FAIR
    assert rules.grade_for(D("59.99")) is Grade.POOR


# -- the wrong cases of issue 15, each with the figure its source gives ---------------------


def _row(
    comparator: Comparator | None,
    target: str,
    actual: str,
    *,
    t_unit: str = "",
    a_unit: str = "",
    weight: str = "10",
) -> Indicator:
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        name="x",
        comparator=comparator,
        target=Measure(text=target + t_unit, value=D(target), unit=t_unit),
        actual=Measure(text=actual + a_unit, value=D(actual), unit=a_unit),
        weight=D(weight),
    )


def _line(row: Indicator, rules: str = "national") -> ScoreLine:
    return score_indicator(row, get_rules(rules), path="x")


def test_negative_actual_against_negative_target_is_not_full_marks() -> None:
    # Was "10 = 满分（0 ≥ -5）" under every rule set. −10 misses ≥ −5, and A ÷ T has no
    # meaning for a negative target: the national reading gives no score.
    line = _line(_row(Comparator.GE, "-5", "-10"))
    assert (line.status, line.computed) == (LineStatus.NOT_COMPUTABLE, None)
    assert "-10 ＜ -5" in line.explanation.text
    # S8 scores a negative actual as 0, and says so.
    s8 = _line(_row(Comparator.GE, "-5", "-10"), "integrated-system")
    assert s8.computed == D(10)
    assert s8.explanation.text == "10 = 满分（0 ≥ -5）（完成值 -10 为负数，按规则计为 0）"


def test_reverse_target_below_zero() -> None:
    # Was full marks labelled 未达标 with "−5 ÷ 0 × 10".
    line = _line(_row(Comparator.LE, "-5", "-3"))
    assert (line.status, line.computed) == (LineStatus.NOT_COMPUTABLE, None)
    assert "÷ 0" not in line.explanation.text
    # A change rate of −8 % meets ≤ −5 %.
    assert _line(_row(Comparator.LE, "-5", "-8", t_unit="%", a_unit="%")).computed == D(10)
    # S8 selfreverseindex: −3 ≥ 2 × −5, so 0.
    assert _line(_row(Comparator.LE, "-5", "-3"), "reverse-linear").computed == D(0)


def test_equal_with_a_negative_target() -> None:
    # Was full marks whatever the actual.
    assert _line(_row(Comparator.EQ, "-5", "-3")).computed is None
    assert _line(_row(Comparator.EQ, "-5", "-5")).computed == D(10)


def test_units_convert_exactly() -> None:
    # Was "0 = 2 ÷ 10000 × 10".
    line = _line(_row(Comparator.GE, "10000", "2", t_unit="元", a_unit="万元"))
    assert line.computed == D(10)
    assert line.explanation.text == "10 = 满分（20000 ≥ 10000）（2万元 = 20000元）"
    # 3 万个 of ≥ 50000 个: 30000 ÷ 50000 × 10.
    items = _line(_row(Comparator.GE, "50000", "3", t_unit="个", a_unit="万个"))
    assert items.computed == D("6.00")
    assert items.explanation.text == "6 = 30000 ÷ 50000 × 10（3万个 = 30000个）"
    # 人 against 人次 is not the same unit: no score, never a silent 0 or full score.
    people = _line(_row(Comparator.GE, "230", "300", t_unit="人", a_unit="人次"))
    assert (people.status, people.computed) == (LineStatus.NOT_COMPUTABLE, None)
    assert "人次 与 人 不是同一种计量单位" in people.explanation.text
    # The 度量单位 column completes a bare 万 in a cell.
    column = attrs.evolve(
        _row(Comparator.GE, "20000", "3", a_unit="万"),
        unit="人次",
        target=Measure(text="20000", value=D(20000)),
    )
    assert _line(column).explanation.text == "10 = 满分（30000 ≥ 20000）（3万人次 = 30000人次）"


def test_ziyang_out_of_110_is_not_graded() -> None:
    doc = examples.load("ziyang-2022").documents[0]
    assert isinstance(doc, ProjectEvaluation)
    sheet = score(doc)
    # Was 106.51 → 优 as if out of 100.
    assert (sheet.total, sheet.maximum, sheet.rule_maximum) == (D("106.51"), D(110), D(100))
    assert sheet.grade is None and not sheet.gradable
    assert sheet.grade_of_reported_total is None
    assert "满分 110" in sheet.grading
    normalised = score(
        doc, RuleSet.from_dict({"name": "n", "base": "national", "off_maximum": "normalise"})
    )
    # 106.51 × 100 ÷ 110 = 96.827…
    assert normalised.graded_total == D("96.83") and normalised.grade is Grade.EXCELLENT
    assert "106.51 × 100 ÷ 110" in normalised.grading


def test_talent_table_out_of_120_is_not_graded() -> None:
    sheet = score(PROJECTS[15])
    assert (sheet.total, sheet.maximum) == (D("119.47"), D(120))
    assert sheet.grade is None


def _table_with_non_applicable() -> ProjectEvaluation:
    block = BudgetBlock(
        rows=(
            FundRow(
                category="总额", adjusted_budget=Amount("50", "万元"), executed=Amount("50", "万元")
            ),
        ),
        weight=D(10),
    )
    rows = (
        _row(Comparator.GE, "100", "100", weight="40"),
        _row(Comparator.GE, "80", "77", weight="40"),  # 77 ÷ 80 × 40 = 38.5
        attrs.evolve(_row(Comparator.GE, "1", "1"), applicable=False),
    )
    return ProjectEvaluation(name="p", year=2023, budget=block, indicators=rows)


def test_non_applicable_under_national_and_rescaled() -> None:
    doc = _table_with_non_applicable()
    national = score(doc, "national")
    # Was 88.50 out of a shown 100, graded 良: the total is out of the remaining 90.
    assert (national.total, national.maximum) == (D("88.50"), D(90))
    assert national.grade is None and "满分 90" in national.grading
    rescaled = score(doc, "rescale-non-applicable")
    # 88.5 × 100 ÷ 90 = 98.333…
    assert (rescaled.total, rescaled.maximum, rescaled.grade) == (
        D("98.33"),
        D(100),
        Grade.EXCELLENT,
    )
    assert rescaled.total_explanation.text.startswith("98.33 ≈ (")


def test_equal_scored_like_ge_says_so() -> None:
    # Was "16.2 ＝ 16" and "130 ＝ 100".
    assert (
        _line(_row(Comparator.EQ, "16", "16.2")).explanation.text
        == "10 = 满分（16.2 ≥ 16，＝ 按 ≥ 计）"
    )
    assert (
        _line(_row(Comparator.EQ, "100", "130")).explanation.text
        == "10 = 满分（130 ≥ 100，＝ 按 ≥ 计）"
    )
    assert (
        _line(_row(Comparator.GT, "3", "3")).explanation.text
        == "10 = 满分（3 ＝ 3，＞ 视相等为达标）"
    )


def test_row_without_comparator_equal_actual_is_met() -> None:
    line = _line(_row(None, "100", "100", t_unit="%", a_unit="%"))
    assert line.status is LineStatus.MET and line.computed == D(10)
    assert _line(_row(None, "100", "90")).status is LineStatus.JUDGEMENT


def test_execution_capped_and_uncapped() -> None:
    block = BudgetBlock(
        rows=(
            FundRow(
                category="总额",
                adjusted_budget=Amount("39", "万元"),
                executed=Amount("40.01", "万元"),
            ),
        ),
        weight=D(10),
    )
    capped = score_budget(block, get_rules("national"))
    assert capped.computed == D(10)
    assert capped.explanation.text == "10 = 封顶 10（40.01 ÷ 39 × 10 ≈ 10.26）"
    assert score_budget(block, get_rules("integrated-system")).computed == D("10.26")


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [("0", "0", "3"), ("0", "2.5", "0"), ("56.79", "7.6", "3"), ("10", "11", "0")],
)
def test_three_public_change_step_rule(previous: str, current: str, expected: str) -> None:
    # S10: 三公变动率 ≤ 0 earns 3 points; each point above deducts 10 % of them (11 over 10
    # is 10 points above: 3 − 10 × 0.3 = 0). From 0 to 0 nothing rose; from 0 upward the
    # rise is unbounded.
    value, _ = evaluate_dimension_rule(
        "three_public_change_rate",
        D(3),
        {"本年三公经费总额": D(current), "上年三公经费总额": D(previous)},
    )
    assert value == D(expected)


def test_carryover_rate_under_both_readings() -> None:
    # S5 divides by the budget, S11 by what was spent.
    budget = department_rate("carryover_rate", {"结转结余总额": 5, "预算数": 100})
    spent = department_rate(
        "carryover_rate_of_spending", {"本年结转结余总额": 5, "本年一般公共预算支出完成数": 80}
    )
    assert not isinstance(budget, NotApplicable) and not isinstance(spent, NotApplicable)
    assert (budget.percent(2), spent.percent(2)) == (D("5.00"), D("6.25"))


def test_blank_target_or_actual_is_not_computable() -> None:
    blank_target = attrs.evolve(_row(Comparator.GE, "5", "5"), target=Measure(text="　"))
    line = _line(blank_target)
    assert (line.status, line.computed) == (LineStatus.NOT_COMPUTABLE, None)
    assert "指标值缺失" in line.explanation.text
    blank_actual = attrs.evolve(_row(Comparator.LE, "5", "5"), actual=None)
    assert _line(blank_actual).status is LineStatus.NOT_COMPUTABLE
    words = attrs.evolve(_row(Comparator.GE, "5", "5"), target=Measure(text="持续提升"))
    assert _line(words).status is LineStatus.JUDGEMENT


def test_scores_ignore_the_ambient_decimal_context() -> None:
    # A host application with a coarse context (or another rounding) gets the same scores.
    import decimal

    expected = [score(p).total for p in PROJECTS] + [summarize(PROJECTS).mean]
    block = BudgetBlock(
        rows=(
            FundRow(
                category="总额",
                adjusted_budget=Amount("39", "万元"),
                executed=Amount("40.01", "万元"),
            ),
        ),
        weight=D(10),
    )
    uncapped = score_budget(block, get_rules("integrated-system")).computed
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        assert [score(p).total for p in PROJECTS] + [summarize(PROJECTS).mean] == expected
        assert (
            score_budget(block, get_rules("integrated-system")).computed == uncapped == D("10.26")
        )
        reverse = _line(_row(Comparator.LE, "3", "4.4"), "reverse-linear")
        assert reverse.computed == D("5.33")  # 10 × (2 − 4.4 ÷ 3) = 5.333…


def test_score_of_a_batch_is_a_sheet_per_document_in_order() -> None:
    from budgetperf import examples
    from budgetperf.model import Batch, FinalAccounts

    batch = examples.load("liangshan-2023")
    sheets = score(batch)
    assert len(sheets) == len(batch.documents) == 23
    for document, sheet in zip(batch.documents, sheets, strict=True):
        if isinstance(document, FinalAccounts):
            assert sheet is None  # checked, not scored
        else:
            assert sheet == score(document)  # the single-document result, unchanged
    assert sheets[1] is not None and sheets[1].total == Decimal("97.00")
    assert sheets[11] is not None and sheets[11].total == Decimal("99.47")
    assert score(batch, "national")[1] == score(batch.documents[1], "national")  # type: ignore[arg-type]
    assert score(Batch(name="empty")) == ()


def test_a_summary_scores_each_project_as_score_does() -> None:
    # rules=None: each project under its own layout's rule set, so the summary's sheets are
    # the sheets `score` gives (Liangshan's Sichuan forms under sichuan-2023, Hechi's older
    # form under national).
    from budgetperf import score
    from budgetperf.scoring import summarize

    for name in ("liangshan-2023", "hechi-2020"):
        projects = examples.load(name).of_type(ProjectEvaluation)
        summary = summarize(projects)
        assert list(summary.sheets) == [score(p) for p in projects]
    liangshan = summarize(examples.load("liangshan-2023").of_type(ProjectEvaluation))
    assert {s.rules for s in liangshan.sheets} == {"sichuan-2023"}
    assert liangshan.mean == Decimal("99.3115")
    assert {
        s.rules for s in summarize(examples.load("hechi-2020").of_type(ProjectEvaluation)).sheets
    } == {"national"}
