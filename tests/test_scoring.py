"""Scoring: real tables from the seeds under the official rules, and properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.errors import BudgetPerfError
from budgetperf.model import (
    Comparator,
    DepartmentEvaluation,
    Dimension,
    FinalAccounts,
    Grade,
    Indicator,
    Measure,
    ProjectEvaluation,
)
from budgetperf.scoring import LineStatus, get_rules, score, score_indicator, summarize
from tests.strategies import indicators, money_values, project_evaluations

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
    assert satisfaction.explanation.text == "9.47 = 90 ÷ 95 × 10"
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
    assert execution.explanation.text == "6.51 = 28 ÷ 43 × 10"
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
        score(doc)  # type: ignore[arg-type]


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
        ("strict-inequality", Comparator.GT, "3", "3", "10.00"),
    ],
)
def test_comparator_rules(
    rules: str, comparator: Comparator, target: str, actual: str, expected: str
) -> None:
    line = score_indicator(_indicator(comparator, target, actual), get_rules(rules), path="x")
    assert line.computed == D(expected)


def test_strict_inequality_marks_equality_as_missed() -> None:
    line = score_indicator(
        _indicator(Comparator.GT, "3", "3"), get_rules("strict-inequality"), path="x"
    )
    assert line.status is LineStatus.MISSED
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
    assert score(doc, "national").total == 45
    assert score(doc, "rescale-non-applicable").total == 90


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


def test_summary_of_liangshan_projects() -> None:
    summary = summarize(PROJECTS)
    assert summary.count == summary.scored == 21
    assert summary.reported_mean is not None
    # Table 12 scores 89.47 by rule (its printed total, 99, is not the sum of its rows).
    assert dict(summary.grades)[Grade.EXCELLENT] == 20
    assert dict(summary.grades)[Grade.GOOD] == 1
    assert summary.budget_weighted_mean is not None


@given(indicators())
def test_indicator_score_within_bounds(indicator: Indicator) -> None:
    for name in ("national", "reverse-linear", "equal-symmetric", "integrated-system"):
        line = score_indicator(indicator, get_rules(name), path="x")
        assert line.computed is not None
        assert 0 <= line.computed <= indicator.weight


@given(indicators(comparator=Comparator.GE), money_values(min_value=0, max_value=500))
def test_positive_indicator_is_monotonic(indicator: Indicator, extra: Decimal) -> None:
    assert indicator.actual is not None and indicator.actual.value is not None
    higher = Indicator(
        level1=indicator.level1,
        level2=indicator.level2,
        name=indicator.name,
        comparator=indicator.comparator,
        target=indicator.target,
        weight=indicator.weight,
        actual=Measure(text="", value=indicator.actual.value + extra),
    )
    rules = get_rules("national")
    low = score_indicator(indicator, rules, path="x").computed
    high = score_indicator(higher, rules, path="x").computed
    assert low is not None and high is not None and high >= low


@given(project_evaluations())
def test_total_is_exact_sum_of_parts(doc: ProjectEvaluation) -> None:
    sheet = score(doc)
    used = [line.used for line in sheet.lines if line.status is not LineStatus.NOT_APPLICABLE]
    assert all(u is not None for u in used)
    assert sheet.total == sum((u for u in used if u is not None), D(0))


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
