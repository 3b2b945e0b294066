"""Checks of a department's final accounts (部门决算检查): sums, splits, codes, narrative figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from budgetperf.checks._build import Collector
from budgetperf.checks.finding import Finding, Severity, fmt
from budgetperf.checks.interval import Interval
from budgetperf.checks.messages import MESSAGES as M
from budgetperf.classification import ClassificationTable, Resolution, functional_table, name_key
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.money import Amount, Unit, exact
from budgetperf.rates import RATE_CONTEXT, Direction

__all__ = ["check_final_accounts"]

_HUNDRED = Decimal(100)


def _sources(text: str, limit: int = 2) -> str:
    """The first sources of a table row, for a message (the row keeps them all)."""
    parts = [part for part in text.split(" | ") if part]
    shown = "、".join(parts[:limit])
    return shown + ("…" if len(parts) > limit else "")


def _check_functional_code(
    c: Collector,
    index: int,
    code: str,
    name: str,
    table: ClassificationTable,
    year: int,
) -> None:
    """A line's functional code and printed name against the table for the document's year.

    No edition knows the code: error. The table does not cover it yet (its 款 or 类 is
    known, their children not completely): info naming the gap. Valid in other years only:
    warning with both years. A printed name that differs from the year's name: warning when
    the table's row is official or attested, info otherwise (or when it is a former name).
    """
    path = f"$.functional_lines[{index}]"
    status = table.status(code, year=year)
    if status.resolution is Resolution.UNKNOWN:
        listed = next(
            (table.rows(code[:n])[0] for n in (5, 3) if n < len(code) and table.rows(code[:n])),
            None,
        )
        if listed is None:
            c.add(
                "functional.unknown_code",
                Severity.ERROR,
                f"{path}.functional_code",
                M["functional.unknown_code"],
                expected="a code of the 政府收支分类科目",
                reported=code,
                prefix=code[:3],
            )
        else:
            c.add(
                "functional.unknown_code",
                Severity.ERROR,
                f"{path}.functional_code",
                M["functional.unknown_code.listed"],
                expected=f"one of the items listed under {listed.code}",
                reported=code,
                parent=listed.code,
                parent_name=listed.name,
            )
        return
    if status.resolution is Resolution.NOT_COVERED:
        ancestor = status.ancestor
        assert ancestor is not None  # a table holds the parents of every row
        covered = sum(1 for known in table.codes if known[: len(ancestor.code)] == ancestor.code)
        c.add(
            "functional.unknown_code",
            Severity.INFO,
            f"{path}.functional_code",
            M["functional.unknown_code.not_covered"],
            expected="a code the shipped table covers",
            reported=code,
            year=str(year),
            ancestor=ancestor.code,
            ancestor_name=ancestor.name,
            known=str(covered - 1),
            confidence=ancestor.confidence.value,
        )
        return
    if status.resolution is Resolution.OTHER_YEAR:
        c.add(
            "functional.unknown_code",
            Severity.WARNING,
            f"{path}.functional_code",
            M["functional.unknown_code.other_year"],
            expected=f"a code in force in {year}",
            reported=code,
            year=str(year),
            years="、".join(status.other_years),
        )
        return
    entry = status.entry
    assert entry is not None
    if not name or name_key(name) == name_key(entry.name):
        return
    if code in table.codes_named(name):
        key, severity = "functional.name.alias", Severity.INFO
    elif entry.confidence.confirmed:
        key, severity = "functional.name", Severity.WARNING
    else:
        key, severity = "functional.name.unconfirmed", Severity.INFO
    c.add(
        "functional.name",
        severity,
        f"{path}.name",
        M[key],
        expected=entry.name,
        reported=name,
        item=code,
        year=str(year),
        confidence=entry.confidence.value,
        sources=_sources(entry.source),
    )


def _sum(
    c: Collector,
    code: str,
    path: str,
    subject: str,
    total: Amount | None,
    parts: Iterable[Amount | None],
    unit: Unit,
) -> None:
    """Compare a printed total with the sum of its printed parts."""
    present = [p.to(unit) for p in parts if p is not None]
    if total is None or not present:
        return
    point = sum((p.value for p in present), Decimal(0))

    def allowed() -> Interval:  # built only when the sum is not exact
        result = Interval.exact(Decimal(0))
        for p in present:
            result = result + Interval.printed(p.value)
        return result

    c.compare(
        code,
        path,
        M["sum"],
        reported=total.to(unit).value,
        point=point,
        allowed=allowed,
        subject=subject,
    )


def _share(part: Amount, whole: Amount) -> tuple[Decimal, Interval] | None:
    whole_value = whole.to(part.unit).value
    if whole_value == 0:
        return None
    point = RATE_CONTEXT.divide(part.value * _HUNDRED, whole_value)
    allowed = Interval.printed(part.value).divided_by(Interval.printed(whole_value))
    return point, (allowed or Interval.exact(point)).scaled(_HUNDRED)


def _check_statement(c: Collector, index: int, statement: Statement) -> None:
    path = f"$.statements[{index}]"
    figure, base, amount, percent = (
        statement.figure,
        statement.base,
        statement.amount,
        statement.percent,
    )
    if statement.kind in (StatementKind.SHARE, StatementKind.RATE):
        if figure is None or base is None or percent is None:
            return
        result = _share(figure, base)
        if result is None:
            return
        point, allowed = result
        c.compare(
            f"statement.{statement.kind.value}",
            f"{path}.percent",
            M["statement.share"],
            reported=percent,
            point=point,
            allowed=allowed,
            subject=statement.subject,
            figure=str(figure),
            base=str(base),
            source_text=statement.text,
        )
        return
    # A change: the direction word gives the sign of the stated amount.
    if figure is None or amount is None:
        return
    sign = {Direction.INCREASE: 1, Direction.DECREASE: -1}.get(
        statement.direction or Direction.UNCHANGED, 0
    )
    stated = Interval.printed(amount.to(figure.unit).value)
    current = Interval.printed(figure.value)
    if base is not None:
        previous_point = base.to(figure.unit).value
        previous = Interval.printed(previous_point)
        change = current - previous
        c.compare(
            "statement.change_amount",
            f"{path}.amount",
            M["statement.change_amount"],
            reported=amount.to(figure.unit).value * sign,
            point=figure.value - previous_point,
            allowed=change,
            subject=statement.subject,
            figure=str(figure),
            base=str(base),
            source_text=statement.text,
        )
        actual_sign = (figure.value > previous_point) - (figure.value < previous_point)
        if actual_sign != sign:
            c.add(
                "statement.direction",
                Severity.ERROR,
                f"{path}.direction",
                M["statement.direction"],
                expected={1: "增长", -1: "下降", 0: "持平"}[actual_sign],
                reported=(statement.direction or Direction.UNCHANGED).value,
                subject=statement.subject,
                source_text=statement.text,
            )
        magnitude = change.scaled(Decimal(actual_sign or 1))
    else:
        # The previous year is what the sentence implies: this year minus the stated change.
        previous_point = figure.value - amount.to(figure.unit).value * sign
        previous = current - stated.scaled(Decimal(sign))
        magnitude = stated
    if percent is None or sign == 0 or previous_point == 0:
        return
    ratio = magnitude.divided_by(previous)
    if ratio is None:
        return
    point = RATE_CONTEXT.divide(abs(figure.value - previous_point) * _HUNDRED, previous_point)
    c.compare(
        "statement.change_percent",
        f"{path}.percent",
        M["statement.change_percent"],
        reported=percent,
        point=point,
        allowed=ratio.scaled(_HUNDRED),
        subject=statement.subject,
        direction=(statement.direction or Direction.UNCHANGED).value,
        previous=fmt(previous_point),
        source_text=statement.text,
    )


@exact
def check_final_accounts(document: FinalAccounts) -> list[Finding]:
    """Every check of the final accounts."""
    c = Collector(f"{document.department} {document.year} 部门决算")
    unit = document.unit
    _sum(
        c,
        "income.sum",
        "$.income_total",
        "本年收入合计",
        document.income_total,
        [line.amount for line in document.income if line.source.is_current_year_income],
        unit,
    )
    for index, income in enumerate(document.income):
        if income.share_percent is not None and document.income_total is not None:
            result = _share(income.amount, document.income_total)
            if result is not None:
                c.compare(
                    "income.share",
                    f"$.income[{index}].share_percent",
                    M["income.share"],
                    reported=income.share_percent,
                    point=result[0],
                    allowed=result[1],
                    subject=income.source.value,
                )
    _sum(
        c,
        "expenditure.basic_project",
        "$.expenditure_total",
        "本年支出合计（基本支出 + 项目支出）",
        document.expenditure_total,
        [document.basic, document.project],
        unit,
    )
    _sum(
        c,
        "expenditure.personnel_public",
        "$.basic",
        "基本支出（人员经费 + 公用经费）",
        document.basic,
        [document.personnel, document.public],
        unit,
    )
    _sum(
        c,
        "functional.classes_sum",
        "$.general_budget_expenditure",
        "一般公共预算财政拨款支出（各类之和）",
        document.general_budget_expenditure,
        [line.amount for line in document.functional_lines if len(line.functional_code) == 3],
        unit,
    )
    table = functional_table(document.year)
    for index, line in enumerate(document.functional_lines):
        code = line.functional_code
        if len(code) < 7 and document.functional_items(code):
            _sum(
                c,
                "functional.class_sum",
                f"$.functional_lines[{index}].amount",
                f"{line.name}（{code}）",
                line.amount,
                [item.amount for item in document.functional_items(code)],
                unit,
            )
        _check_functional_code(c, index, line.functional_code, line.name, table, document.year)
    if document.economic_lines and document.expenditure_total is not None:
        _sum(
            c,
            "economic.sum",
            "$.expenditure_total",
            "本年支出合计（按经济分类）",
            document.expenditure_total,
            [line.amount for line in document.economic_lines if len(line.economic_code) == 3],
            unit,
        )
    three = document.three_public
    if three is not None:
        _sum(
            c,
            "three_public.vehicle_sum",
            "$.three_public.reported_vehicle_total",
            "公务用车购置及运行维护费",
            three.reported_vehicle_total,
            [three.vehicle_purchase, three.vehicle_operation],
            unit,
        )
        _sum(
            c,
            "three_public.sum",
            "$.three_public.reported_total",
            "“三公”经费合计",
            three.reported_total,
            [three.outbound, three.vehicle_purchase, three.vehicle_operation, three.reception],
            unit,
        )
        if three.domestic_reception is not None or three.foreign_reception is not None:
            _sum(
                c,
                "three_public.reception_sum",
                "$.three_public.reception",
                "公务接待费",
                three.reception,
                [three.domestic_reception, three.foreign_reception],
                unit,
            )
    for index, statement in enumerate(document.statements):
        _check_statement(c, index, statement)
    return c.findings
