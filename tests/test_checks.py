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
from budgetperf.model import (
    ExpenditureLine,
    FinalAccounts,
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
