"""Checks of a department's final accounts (部门决算检查): sums, splits, codes, narrative figures."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from budgetperf.checks._build import Collector
from budgetperf.checks.finding import Finding, Severity, fmt
from budgetperf.checks.interval import Interval
from budgetperf.checks.messages import MESSAGES as M
from budgetperf.classification import functional_table
from budgetperf.errors import UnknownCodeError
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.model.narrative import Statement, StatementKind
from budgetperf.money import Amount, Unit, exact
from budgetperf.rates import RATE_CONTEXT, Direction

__all__ = ["check_final_accounts"]

_HUNDRED = Decimal(100)


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
        try:
            official = table.entry(code, year=document.year).name
        except UnknownCodeError:
            c.add(
                "functional.unknown_code",
                Severity.ERROR,
                f"$.functional_lines[{index}].functional_code",
                M["functional.unknown_code"],
                expected="a code of that year",
                reported=code,
                year=str(document.year),
            )
            continue
        if line.name and line.name != official:
            alias = code in table.codes_named(line.name)
            c.add(
                "functional.name",
                Severity.INFO if alias else Severity.WARNING,
                f"$.functional_lines[{index}].name",
                M["functional.name.alias" if alias else "functional.name"],
                expected=official,
                reported=line.name,
                item=code,
                year=str(document.year),
            )
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
