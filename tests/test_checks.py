"""Checks: the figures of the seeds as published, rounding-aware, and properties."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import check, examples
from budgetperf.checks import Finding, Interval, Severity, Verdict
from budgetperf.checks.interval import verdict
from budgetperf.checks.messages import MESSAGES
from budgetperf.cli import main
from budgetperf.io.json import dumps, loads
from budgetperf.model import (
    Comparator,
    ExpenditureLine,
    FinalAccounts,
    Indicator,
    Measure,
    ProjectEvaluation,
    Statement,
    StatementKind,
)
from budgetperf.money import Amount, Unit
from budgetperf.rates import Direction
from budgetperf.render.messages import translate, translations

D = Decimal
LIANGSHAN = examples.load("liangshan-2023")
(ACCOUNTS,) = LIANGSHAN.of_type(FinalAccounts)
FINDINGS = check(ACCOUNTS)


def at(findings: list[Finding], path: str) -> list[Finding]:
    return [f for f in findings if f.path == path]


def statement_index(subject: str, kind: StatementKind, nth: int = 0) -> int:
    matches = [
        i for i, s in enumerate(ACCOUNTS.statements) if s.subject == subject and s.kind is kind
    ]
    return matches[nth]


@pytest.mark.parametrize(
    ("subject", "kind", "field", "expected", "reported"),
    [
        # The change divided by this year instead of last year.
        ("“三公”经费", StatementKind.CHANGE, "percent", "86.62", "647.24"),
        ("收、支总计", StatementKind.CHANGE, "percent", "0.39", "4"),
        ("机关运行经费", StatementKind.CHANGE, "percent", "3.73", "37.3"),
        ("基本支出", StatementKind.SHARE, "percent", "53.66", "53.65"),
    ],
)
def test_liangshan_narrative_errors(
    subject: str, kind: StatementKind, field: str, expected: str, reported: str
) -> None:
    path = f"$.statements[{statement_index(subject, kind)}].{field}"
    (finding,) = at(FINDINGS, path)
    assert finding.severity is Severity.ERROR
    assert finding.expected is not None and finding.expected.startswith(expected)
    assert finding.reported == reported
    assert finding.source_text  # the sentence is quoted


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        ("公务用车购置及运行维护费", StatementKind.SHARE),
        ("公务接待费", StatementKind.SHARE),
        ("住房保障支出", StatementKind.SHARE),
    ],
)
def test_liangshan_no_false_alarms_on_rounded_shares(subject: str, kind: StatementKind) -> None:
    path = f"$.statements[{statement_index(subject, kind)}].percent"
    assert all(f.severity is Severity.INFO for f in at(FINDINGS, path))


def test_210_total_against_items_is_rounding_only() -> None:
    index = next(
        i for i, line in enumerate(ACCOUNTS.functional_lines) if line.functional_code == "210"
    )
    (finding,) = at(FINDINGS, f"$.functional_lines[{index}].amount")
    assert finding.severity is Severity.INFO
    assert finding.expected == "21.87（21.85–21.89）" and finding.reported == "21.88"


def test_correct_foundation_figures_pass_silently() -> None:
    silent = {
        "$.income_total",
        "$.expenditure_total",
        "$.basic",
        "$.general_budget_expenditure",
        "$.three_public.reported_total",
        "$.three_public.reported_vehicle_total",
    }
    assert not [f for f in FINDINGS if f.path in silent]
    index_206 = next(
        i for i, line in enumerate(ACCOUNTS.functional_lines) if line.functional_code == "206"
    )
    assert not at(FINDINGS, f"$.functional_lines[{index_206}].amount")
    rate = statement_index("一般公共预算支出完成预算", StatementKind.RATE)
    assert not at(FINDINGS, f"$.statements[{rate}].percent")  # 142.24 % is right
    assert not [f for f in FINDINGS if f.code == "income.share"]


def test_ziyang_execution_rate_and_score() -> None:
    (doc,) = examples.load("ziyang-2022").of_type(ProjectEvaluation)
    findings = check(doc)
    (rate,) = at(findings, "$.budget.rows[0].reported_rate_percent")
    assert rate.severity is Severity.ERROR
    assert rate.expected is not None and rate.expected.startswith("65.12")
    assert rate.reported == "100"
    (score,) = at(findings, "$.budget.reported_score")
    assert score.code == "budget.score_above_weight" and score.expected == "≤ 10"


def test_liangshan_project_errors() -> None:
    projects = LIANGSHAN.of_type(ProjectEvaluation)
    assert [
        (f.code, f.expected, f.reported)
        for f in check(projects[11])
        if f.severity is Severity.ERROR
    ] == [("total.sum", "89", "99")]
    assert ("indicator.score_above_weight", "$.indicators[1].reported_score") in {
        (f.code, f.path) for f in check(projects[17])
    }
    table_10 = {(f.code, f.path, f.severity) for f in check(projects[9])}
    assert ("indicator.score_differs", "$.indicators[5].reported_score", Severity.INFO) in table_10
    assert (
        "indicator.met_but_deducted",
        "$.indicators[6].reported_score",
        Severity.INFO,
    ) in table_10
    assert ("indicator.time_year", "$.indicators[2].name", Severity.WARNING) in table_10


def test_english_messages() -> None:
    findings = check(ACCOUNTS, locale="en_US")
    worst = next(f for f in findings if f.code == "statement.change_percent")
    assert "change ÷ previous year" in worst.message
    assert worst.locale == "en_US"


def test_every_message_has_an_english_translation() -> None:
    english = translations("en_US")
    for key, template in MESSAGES.items():
        text = english.gettext(template)
        assert text != template, key
        # Same placeholders in both languages.
        assert sorted(_fields(text)) == sorted(_fields(template)), key
    assert translate(MESSAGES["sum"], "zh_CN") == MESSAGES["sum"]


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_check_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1  # the example has errors
    assert main(["check", "--format", "json"]) == 1
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    assert {"code", "severity", "path", "message", "expected", "reported"} <= set(lines[0])
    shaoguan = tmp_path / "s.json"
    assert main(["example", "shaoguan-2019", "-o", str(shaoguan)]) == 0
    assert main(["check", str(shaoguan)]) == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["check", str(broken)]) == 2


def test_interval_verdicts() -> None:
    allowed = Interval.printed(D("7.38")) + Interval.printed(D("2.74"))
    assert verdict(D("10.12"), D("10.12"), allowed) is Verdict.EXACT
    assert verdict(D("10.13"), D("10.12"), allowed) is Verdict.ROUNDING
    assert verdict(D("10.2"), D("10.12"), allowed) is Verdict.MISMATCH


# -- properties: consistent by construction, then one figure corrupted ----------------------

cents = st.integers(min_value=100, max_value=10**8)


@st.composite
def consistent_accounts(draw: st.DrawFn) -> FinalAccounts:
    """Final accounts whose exact figures add up, printed at two decimals."""
    items = draw(st.lists(cents, min_size=1, max_size=6))
    exact = [Decimal(c).scaleb(-4) for c in items]  # four decimals before printing
    printed = [x.quantize(Decimal("0.01")) for x in exact]
    total_exact = sum(exact, Decimal(0))
    total = total_exact.quantize(Decimal("0.01"))
    previous_exact = Decimal(draw(cents)).scaleb(-4)
    wan = Unit.WAN_YUAN

    def amount(x: Decimal) -> Amount:
        return Amount(x, wan)

    lines = [ExpenditureLine(functional_code="206", name="科学技术支出", amount=amount(total))]
    codes = ("2060701", "2060702", "2060703", "2060704", "2060705", "2060799")
    names = (
        "机构运行",
        "科普活动",
        "青少年科技活动",
        "学术交流活动",
        "科技馆站",
        "其他科学技术普及支出",
    )
    lines += [
        ExpenditureLine(functional_code=c, name=n, amount=amount(p))
        for c, n, p in zip(codes, names, printed, strict=False)
    ]
    change = total_exact - previous_exact
    statements = [
        Statement(
            kind=StatementKind.SHARE,
            subject="项1",
            figure=amount(printed[0]),
            base=amount(total),
            percent=(exact[0] * 100 / total_exact).quantize(Decimal("0.01")),
        ),
    ]
    if change != 0 and previous_exact.quantize(Decimal("0.01")) > 0:
        statements.append(
            Statement(
                kind=StatementKind.CHANGE,
                subject="合计",
                figure=amount(total),
                amount=amount(abs(change).quantize(Decimal("0.01"))),
                percent=(abs(change) * 100 / previous_exact).quantize(Decimal("0.01")),
                direction=Direction.INCREASE if change > 0 else Direction.DECREASE,
            )
        )
    return FinalAccounts(
        department="d",
        year=2023,
        functional_lines=lines,
        general_budget_expenditure=amount(total),
        statements=statements,
    )


@settings(max_examples=60, deadline=None)
@given(consistent_accounts())
def test_consistent_documents_have_no_errors(accounts: FinalAccounts) -> None:
    assert [f for f in check(accounts) if f.severity is Severity.ERROR] == []


@settings(max_examples=60, deadline=None)
@given(consistent_accounts(), st.integers(min_value=2, max_value=10**6))
def test_a_corrupted_total_is_found_at_its_path(accounts: FinalAccounts, cents_off: int) -> None:
    # Move the printed class total by more than the rounding of its items allows.
    n = len(accounts.functional_lines) - 1
    shift = Decimal(cents_off + n).scaleb(-2)
    line = accounts.functional_lines[0]
    corrupted = attrs.evolve(
        accounts,
        functional_lines=(
            attrs.evolve(line, amount=Amount(line.amount.value + shift, line.amount.unit)),
            *accounts.functional_lines[1:],
        ),
    )
    paths = {f.path for f in check(corrupted) if f.severity is Severity.ERROR}
    assert "$.functional_lines[0].amount" in paths


@settings(max_examples=60, deadline=None)
@given(consistent_accounts(), st.integers(min_value=1, max_value=5000))
def test_a_corrupted_share_is_found_at_its_path(accounts: FinalAccounts, points: int) -> None:
    statement = accounts.statements[0]
    assert statement.percent is not None and statement.figure is not None
    # Beyond what the rounding of the two inputs could explain: at least 1 point plus the
    # relative rounding of the part.
    part = statement.figure.value
    slack = Decimal(100) * Decimal("0.01") / part if part else Decimal(100)
    moved = statement.percent + slack + Decimal(points).scaleb(-2) + 1
    corrupted = attrs.evolve(
        accounts, statements=(attrs.evolve(statement, percent=moved), *accounts.statements[1:])
    )
    paths = {f.path for f in check(corrupted)}
    assert "$.statements[0].percent" in paths


# -- points printed in a 二级 label (数量指标（20分）): indicators.level2_weight -------------------


def _scored(
    level1: str, level2: str, name: str, weight: str | None, parent: int | None = None
) -> Indicator:
    met = Measure(text="1", value=D(1))
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        comparator=Comparator.GE,
        target=met,
        actual=met,
        weight=None if weight is None else D(weight),
        reported_score=None if weight is None else D(weight),
        parent=parent,
    )


def _points_table(*rows: Indicator) -> ProjectEvaluation:
    return ProjectEvaluation(name="p", year=2023, indicators=rows)


def _level2(document: ProjectEvaluation, locale: str = "zh_CN") -> list[Finding]:
    return [
        f
        for f in check(document, "national", locale=locale)
        if f.code == "indicators.level2_weight"
    ]


def _output(amount: str, quality: str = "30", social: str = "40") -> ProjectEvaluation:
    # 100 points without a budget block: 产出 50 (数量 20 + 质量 30), 效益 40, 满意度 10.
    return _points_table(
        _scored("产出指标(50分)", "数量指标（20分）", "培训人数", "12"),
        _scored("产出指标(50分)", "数量指标（20分）", "发放册数", amount),
        _scored("产出指标(50分)", "质量指标(30分)", "合格率", quality),
        _scored("效益指标", "社会效益指标", "受益人数", social),
        _scored("满意度指标", "服务对象满意度指标", "满意度", "10"),
    )


def test_second_level_points_that_add_up_give_nothing() -> None:
    from budgetperf.checks.evaluation import prints_points

    document = _output("8")
    assert prints_points("数量指标（20分）") and prints_points("质量指标(30分)")
    assert not prints_points("数量指标")
    findings = check(document, "national")
    assert _level2(document) == []
    assert not findings.errors, [f.message for f in findings.errors]


def test_second_level_points_off_by_one_are_an_error_naming_the_label() -> None:
    document = _output("7", social="41")  # the table's 100 kept: only the 二级 sum is off
    (finding,) = _level2(document)
    assert finding.severity is Severity.ERROR
    assert (finding.path, finding.expected, finding.reported) == ("$.indicators", "20", "19")
    # The 一级 is named without its printed points, the 二级 as printed.
    assert dict(finding.params)["level1"] == "产出指标"
    assert dict(finding.params)["label"] == "数量指标（20分）"
    assert finding.message == (
        "一级指标“产出指标”下二级指标“数量指标（20分）”所含各指标权重合计 19，与标注的 20 分不符"
    )
    (english,) = _level2(document, locale="en_US")
    assert english.message == (
        "the indicators under “数量指标（20分）” (in “产出指标”) weigh 19 in total, not the 20 "
        "points its heading states"
    )
    # The other 二级 that prints points is off too: one finding each, in the table's order.
    both = _level2(_output("7", quality="31", social="40"))
    assert [(dict(f.params)["label"], f.reported) for f in both] == [
        ("数量指标（20分）", "19"),
        ("质量指标(30分)", "31"),
    ]


def test_second_level_points_are_compared_by_value_as_printed() -> None:
    exact = _points_table(
        _scored("产出指标", "数量指标（20.0分）", "a", "12.5"),
        _scored("产出指标", "数量指标（20.0分）", "b", "7.5"),
        _scored("效益指标", "社会效益指标( 2.5 分)", "c", "2.50"),
    )
    assert _level2(exact) == []
    off = _points_table(
        _scored("产出指标", "数量指标（20.5分）", "a", "12.5"),
        _scored("产出指标", "数量指标（20.5分）", "b", "7.9"),
    )
    (finding,) = _level2(off)
    assert (finding.expected, finding.reported) == ("20.5", "20.4")


def test_equally_named_second_levels_under_two_first_levels_are_two_groups() -> None:
    def table(cost: str, social: str) -> ProjectEvaluation:
        return _points_table(
            _scored("产出指标", "数量指标（10分）", "a", "4"),
            _scored("产出指标", "数量指标（10分）", "b", "6"),
            _scored("成本指标", "数量指标（10分）", "c", cost),
            _scored("效益指标", "社会效益指标", "d", social),
        )

    # Pooled, the two 数量指标（10分） would weigh 20 against 10.
    assert _level2(table("10", "80")) == []
    (finding,) = _level2(table("9", "81"))
    assert (dict(finding.params)["level1"], finding.reported) == ("成本指标", "9")


def test_parts_count_for_the_second_level_as_for_the_first() -> None:
    # A part (其中 …, parent set) breaks its parent's points down: not added again.
    rows = (
        _scored("产出指标", "数量指标（20分）", "补助种植面积", "20"),
        _scored("产出指标", "数量指标（20分）", "其中桃树种植面积", "20", parent=0),
        _scored("产出指标", "数量指标（20分）", "其中苹果树种植面积", None, parent=0),
        # A 二级 that only parts print under: no weight of its own to compare.
        _scored("产出指标", "质量指标（5分）", "其中合格面积", None, parent=0),
        _scored("效益指标", "社会效益指标", "d", "80"),
    )
    document = _points_table(*rows)
    codes = {f.code for f in check(document, "national")}
    assert "indicators.level1_weight" not in codes and "indicators.level2_weight" not in codes
    flat = _points_table(*(attrs.evolve(r, parent=None) for r in rows[:2]), rows[4])
    (finding,) = _level2(flat)
    assert (dict(finding.params)["label"], finding.reported) == ("数量指标（20分）", "40")


def test_second_level_points_without_weights_to_compare_give_nothing() -> None:
    unweighed = _points_table(
        _scored("产出指标", "数量指标（20分）", "a", "12"),
        _scored("产出指标", "数量指标（20分）", "b", None),
    )
    codes = {f.code for f in check(unweighed, "national")}
    assert "indicators.weight_missing" in codes and "indicators.level2_weight" not in codes
    cut = attrs.evolve(_output("7", social="41"), incomplete=True)
    codes = {f.code for f in check(cut, "national")}
    assert "table.incomplete" in codes and "indicators.level2_weight" not in codes


def _corpus_project(name: str) -> ProjectEvaluation:
    from tests.corpus_tables import audit_item

    (document,) = [d for d in audit_item(name).batch.documents if isinstance(d, ProjectEvaluation)]
    return document


def test_the_second_level_points_of_a_real_table() -> None:
    from tests.corpus_tables import item

    # 海南's 项目绩效自评表 (t-d-002) prints 一级 | 分值 | 二级 | 分值 | 三级 | 分值 | 得分: the
    # 一级 and 二级 points are kept (level1_weight, level2_weight), each row holding those of
    # its merged cells, as the hand reading writes them.
    document = _corpus_project("t-d-002")
    printed = {
        (r["values"][0], r["values"][2]): (r["values"][1], r["values"][3])
        for r in item("t-d-002")[2]["indicators"]
    }
    assert {
        (i.level1, i.level2): (str(i.level1_weight), str(i.level2_weight))
        for i in document.indicators
    } == printed
    # The table is cut inside 项目效益 (its one row prints no weight): nothing is compared.
    assert "table.incomplete" in {f.code for f in check(document)}
    assert "indicators.level2_weight" not in {f.code for f in check(document)}
    # The rows with weights read as whole, the 二级 points add up, as the published table's
    # do (项目决策 4 + 8 + 8); one printed otherwise is found.
    rows = tuple(i for i in document.indicators if i.weight is not None)
    whole = attrs.evolve(document, indicators=rows, incomplete=False)
    assert len(whole.indicators) == 15
    assert _level2(whole) == []
    changed = tuple(
        attrs.evolve(i, level2_weight=D(9)) if i.level2 == "决策过程" else i for i in rows
    )
    (finding,) = _level2(attrs.evolve(whole, indicators=changed))
    assert (dict(finding.params)["label"], finding.expected, finding.reported) == (
        "决策过程",
        "9",
        "8",
    )


@pytest.mark.parametrize("name", ["t-b-006", "t-c-004"])
def test_a_real_second_level_label_printing_points_without_weights(name: str) -> None:
    # Both read 满意度指标(…分) in the 二级 column (the form prints it as a 一级 beside its
    # 二级); the tables are cut off and the rows under it print no weight: nothing compared,
    # even were the table whole.
    from budgetperf.checks.evaluation import prints_points

    document = _corpus_project(name)
    assert [i.level2 for i in document.indicators if prints_points(i.level2)][:1] in (
        ["满意度指标(20分)"],
        ["满意度指标(10分)"],
    )
    assert document.incomplete
    for whole in (document, attrs.evolve(document, incomplete=False)):
        assert "indicators.level2_weight" not in {f.code for f in check(whole)}


# -- 一级/二级 points printed in columns of their own (海南 一级 | 分值 | 二级 | 分值 | 三级 | 分值) --


def _in_columns(decision: str = "20", process: str = "8") -> ProjectEvaluation:
    # 100 points without a budget block: 项目决策 20 (目标 4 + 过程 8 + 分配 8), 项目产出 80.
    rows = [
        ("项目决策", decision, "项目目标", "4", "目标内容", "4"),
        ("项目决策", decision, "决策过程", process, "决策依据", "3"),
        ("项目决策", decision, "决策过程", process, "决策程序", "5"),
        ("项目决策", decision, "资金分配", "8", "分配结果", "8"),
        ("项目产出", "80", "产出数量", "80", "产出数量", "80"),
    ]
    return _points_table(
        *(
            attrs.evolve(
                _scored(level1, level2, name, weight),
                level1_weight=D(points1),
                level2_weight=D(points2),
            )
            for level1, points1, level2, points2, name, weight in rows
        )
    )


def test_points_printed_in_their_own_columns_are_checked_like_points_in_labels() -> None:
    assert not [f for f in check(_in_columns(), "national") if "_weight" in f.code]
    (level2,) = _level2(_in_columns(process="9"))
    assert (
        level2.message
        == "一级指标“项目决策”下二级指标“决策过程”所含各指标权重合计 8，与标注的 9 分不符"
    )
    level1 = [
        (f.code, f.expected, f.reported, f.message)
        for f in check(_in_columns(decision="25"), "national")
        if "level1" in f.code
    ]
    assert level1 == [
        (
            "indicators.level1_weight",
            "25",
            "20",
            "一级指标“项目决策”下各指标权重合计 20，与标注的 25 分不符",
        )
    ]


def test_points_in_columns_are_written_into_json_only_where_printed() -> None:
    document = _in_columns()
    text = dumps(document)
    assert text.count('"level1_weight": "20"') == 4 and '"level2_weight": "8"' in text
    assert loads(text) == document
    plain = _points_table(_scored("产出指标", "数量指标", "培训人数", "100"))
    assert "level1_weight" not in dumps(plain) and "level2_weight" not in dumps(plain)
    assert loads(dumps(plain)) == plain
    # The CSV writes the two columns where a row has them, and reads them back.
    from budgetperf.io import csv as budget_csv

    table = budget_csv.dumps(document)
    assert "一级指标分值,二级指标分值" in table and "项目决策,决策过程,决策依据" in table
    assert budget_csv.loads(table) == document
    assert "一级指标分值" not in budget_csv.dumps(plain)


def test_points_in_a_label_and_in_their_column_are_compared_once() -> None:
    rows = [
        attrs.evolve(i, level1=f"{i.level1}(25分)") if i.level1 == "项目决策" else i
        for i in _in_columns(decision="25").indicators
    ]
    document = attrs.evolve(_in_columns(decision="25"), indicators=tuple(rows))
    found = [f for f in check(document, "national") if f.code == "indicators.level1_weight"]
    assert [(f.expected, f.reported) for f in found] == [("25", "20")]


_CENTS = st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))


@given(_CENTS, _CENTS, st.integers(min_value=0, max_value=10**6))
def test_a_mismatch_shows_a_range_that_visibly_leaves_the_figure_out(
    low: Decimal, reported: Decimal, width: int
) -> None:
    # "38.29（38.28–38.29）" for a printed 38.28 looked as if 38.28 were allowed: the range of a
    # mismatch is shown with the places it takes to leave out the figure and all it may round
    # from, and is never narrower than the range itself.
    from budgetperf.checks.finding import range_text

    allowed = Interval(low, low + Decimal(width).scaleb(-6))
    if verdict(reported, low, allowed) is not Verdict.MISMATCH:
        return
    text = range_text(low, allowed, 2, apart_from=reported)
    if "（" not in text:  # an exact figure: the range is the figure itself
        text = f"{text}（{low}–{low}）"
    shown_lo, shown_hi = (Decimal(x) for x in text.split("（")[1].rstrip("）").split("–"))
    assert shown_lo <= allowed.lo and allowed.hi <= shown_hi
    assert not Interval(shown_lo, shown_hi).overlaps(Interval.printed(reported))


def test_the_seed_share_mismatch_shows_its_range_to_the_places_it_needs() -> None:
    # 凉山州 2023: 基本支出468.99万元，占53.65% of 874.05 is 53.657 %, which prints as 53.66;
    # the shares within rounding keep their range at the printed places.
    found = [f for f in check(examples.load("liangshan-2023")) if f.code == "statement.share"]
    assert [(f.severity, f.expected, f.reported) for f in found] == [
        (Severity.ERROR, "53.66（53.656–53.658）", "53.65"),
        (Severity.INFO, "2.94（2.94–2.95）", "2.95"),
        (Severity.INFO, "97.50（96.79–98.22）", "97.55"),
        (Severity.INFO, "2.50（2.41–2.59）", "2.44"),
    ]
