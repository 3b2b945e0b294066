"""Checks of a department's final accounts (部门决算检查): sums, splits, codes, narrative figures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from budgetperf.checks._build import Collector
from budgetperf.checks.finding import Finding, Severity, fmt
from budgetperf.checks.interval import Interval, printed_as
from budgetperf.checks.messages import MESSAGES as M
from budgetperf.classification import ClassificationTable, Resolution, functional_table, name_key
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.model.narrative import Part, Statement, StatementKind, direction_of
from budgetperf.money import Amount, Unit
from budgetperf.money import exact as in_library_context
from budgetperf.rates import RATE_CONTEXT, Direction
from budgetperf.scoring.rules import RuleSet, get_rules
from budgetperf.scoring.score import graded_total

__all__ = ["check_final_accounts"]

_HUNDRED = Decimal(100)
# The count lists whose parts the templates give: vehicles (共有车辆N辆，其中：…用车) and the
# people of a department (实有人数 = 在职 + 离休 + 退休; 离退休人员 = 离休 + 退休). Not
# 公务接待 批次/人次 (two measures of the same visits) nor 部门/专项 lists after 其中, which
# mix categories.
_COUNTED_PARTS = re.compile(r"车|离退休人员$|实有人数$")


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
    """Compare a printed total with the sum of its printed parts.

    A part that is not printed (None) makes the list partial: its sum is never an error
    ("本年支出合计…，其中：项目支出…" with 基本支出 left out), at most the information that not
    all parts are printed.
    """
    listed = list(parts)
    present = [p.to(unit) for p in listed if p is not None]
    if total is None or not present:
        return
    point = sum((p.value for p in present), Decimal(0))
    if len(present) < len(listed):
        if point != total.to(unit).value:
            c.add(
                code,
                Severity.INFO,
                path,
                M["statement.parts_partial"],
                expected=fmt(total.to(unit).value),
                reported=fmt(point),
                subject=subject,
            )
        return

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


def _check_procurement(c: Collector, document: FinalAccounts, unit: Unit) -> None:
    """政府采购: 货物 + 工程 + 服务 = 总额 (within the printed rounding); each printed share
    is its contracts ÷ 总额; 小微企业 ≤ 中小企业 ≤ 总额 (a part is never more than its whole)."""
    procurement = document.procurement
    if procurement is None:
        return
    _sum(
        c,
        "procurement.parts_sum",
        "$.procurement.total",
        "政府采购支出总额（货物 + 工程 + 服务）",
        procurement.total,
        [procurement.goods, procurement.works, procurement.services],
        unit,
    )
    total = procurement.total
    for name, subject, contracts, percent in (
        (
            "sme",
            "授予中小企业合同金额占政府采购支出总额",
            procurement.sme_contracts,
            procurement.sme_share_percent,
        ),
        (
            "small_micro",
            "授予小微企业合同金额占政府采购支出总额",
            procurement.small_micro_contracts,
            procurement.small_micro_share_percent,
        ),
    ):
        if total is None or contracts is None or percent is None:
            continue
        result = _share(contracts, total)
        if result is None:
            continue
        point, allowed = result
        c.compare(
            "procurement.share",
            f"$.procurement.{name}_share_percent",
            M["statement.share"],
            reported=percent,
            point=point,
            allowed=allowed,
            subject=subject,
            figure=str(contracts),
            base=str(total),
        )
    for name, part_name, part, whole_name, whole in (
        (
            "small_micro_contracts",
            "授予小微企业合同金额",
            procurement.small_micro_contracts,
            "授予中小企业合同金额",
            procurement.sme_contracts,
        ),
        (
            "sme_contracts",
            "授予中小企业合同金额",
            procurement.sme_contracts,
            "政府采购支出总额",
            total,
        ),
    ):
        if part is None or whole is None:
            continue
        # A part above its whole by more than both figures' printed rounding.
        gap = Interval.printed(part.to(unit).value) - Interval.printed(whole.to(unit).value)
        if gap.lo > 0:
            c.add(
                "procurement.order",
                Severity.ERROR,
                f"$.procurement.{name}",
                M["procurement.order"],
                expected=f"≤ {fmt(whole.to(unit).value)}",
                reported=fmt(part.to(unit).value),
                part=part_name,
                whole=whole_name,
            )


def _check_state_assets(c: Collector, document: FinalAccounts) -> None:
    """车辆: the kinds' counts add up to the vehicles printed (counts are exact). A sum
    below the whole is information (the kinds printed may be a part of the list), above it
    an error."""
    assets = document.state_assets
    if assets is None or assets.vehicles is None:
        return
    point = assets.vehicle_kind_sum()
    if point is None or point == assets.vehicles:
        return
    exceeds = point > assets.vehicles
    c.add(
        "state_assets.vehicle_sum",
        Severity.ERROR if exceeds else Severity.INFO,
        "$.state_assets.vehicle_kinds",
        M["statement.parts_exceed" if exceeds else "statement.parts_partial"],
        expected=str(assets.vehicles),
        reported=str(point),
        subject="车辆（各类车辆之和）",
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
    _check_direction_words(c, path, statement)
    # A change: the direction word gives the sign of the stated amount.
    if figure is None or amount is None:
        return
    # The amount's own word gives its sign when printed ("减少0.04万元，增0.01%").
    sign = _sign(statement)
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
    change_value = abs(figure.value - previous_point)
    template = M["statement.change_percent"]
    base_used = ""
    if not printed_as(percent, point):
        # Say which mistake reproduces the printed figure: this year as the base, or the
        # ratio itself printed as a percent (0.02% for 0.0217).
        if figure.value != 0 and printed_as(
            percent, RATE_CONTEXT.divide(change_value * _HUNDRED, figure.value)
        ):
            template, base_used = M["statement.change_percent.current_base"], fmt(figure.value)
        elif printed_as(percent, point.scaleb(-2)):
            template = M["statement.change_percent.ratio"]
    c.compare(
        "statement.change_percent",
        f"{path}.percent",
        template,
        reported=percent,
        point=point,
        allowed=ratio.scaled(_HUNDRED),
        subject=statement.subject,
        direction=statement.percent_word or (statement.direction or Direction.UNCHANGED).value,
        previous=fmt(previous_point),
        current=base_used,
        ratio=fmt(RATE_CONTEXT.divide(change_value, previous_point)),
        source_text=statement.text,
    )


def _check_direction_words(c: Collector, path: str, statement: Statement) -> None:
    """减少 … 增长, 持平 while the figures differ: the words contradict each other or the amounts."""
    amount_way = direction_of(statement.amount_word) if statement.amount_word else None
    percent_way = direction_of(statement.percent_word) if statement.percent_word else None
    if amount_way is not None and percent_way is not None and amount_way is not percent_way:
        c.add(
            "statement.direction_words",
            Severity.ERROR,
            f"{path}.percent_word",
            M["statement.direction_words"],
            expected=statement.amount_word,
            reported=statement.percent_word,
            subject=statement.subject,
            source_text=statement.text,
        )
    if (amount_way or percent_way) is not Direction.UNCHANGED:
        return
    figure, base, amount = statement.figure, statement.base, statement.amount
    differs = (amount is not None and not amount.is_zero()) or (
        figure is not None and base is not None and figure.to(base.unit).value != base.value
    )
    if differs:
        c.add(
            "statement.direction",
            Severity.ERROR,
            f"{path}.direction",
            M["statement.unchanged"],
            expected=fmt(base.value) if base is not None else "0",
            reported=statement.amount_word or statement.percent_word,
            subject=statement.subject,
            figure=str(figure) if figure is not None else str(amount),
            source_text=statement.text,
        )


def _part_values(statement: Statement, unit: Unit) -> list[Decimal] | None:
    """The printed parts as numbers (amounts in ``unit``, or counts); None if one is missing."""
    values = []
    for part in statement.parts:
        if statement.kind is StatementKind.COUNT:
            if part.count is None:
                return None
            values.append(part.count)
        else:
            if part.figure is None:
                return None
            values.append(part.figure.to(unit).value)
    return values


def _check_parts(c: Collector, index: int, statement: Statement) -> None:
    """A list of parts against its whole: sums, shares, shares forced to 100."""
    path = f"$.statements[{index}]"
    counted = statement.kind is StatementKind.COUNT
    if counted and not _COUNTED_PARTS.search(statement.subject):
        return  # other count lists (部门, 专项 …) mix categories after 其中
    whole: Decimal | None
    if counted:
        whole, unit = statement.count, Unit.YUAN  # the unit is unused for counts
    else:
        whole = statement.figure.value if statement.figure is not None else None
        unit = statement.figure.unit if statement.figure is not None else Unit.WAN_YUAN
    values = _part_values(statement, unit)
    if whole is not None and values:
        point = sum(values, Decimal(0))
        allowed = Interval.exact(Decimal(0))
        for value in values:
            allowed = allowed + (Interval.exact(value) if counted else Interval.printed(value))
        if statement.complete:
            c.compare(
                "statement.count_sum" if counted else "statement.parts_sum",
                f"{path}.parts",
                M["sum"],
                reported=whole,
                point=point,
                allowed=allowed,
                subject=statement.subject,
                source_text=statement.text,
            )
        elif counted and allowed.lo > whole:
            # Vehicles or people not all listed can still not outnumber the whole (a partial
            # list of amounts never gives an error: its parts may be read from prose).
            c.add(
                "statement.count_sum",
                Severity.ERROR,
                f"{path}.parts",
                M["statement.parts_exceed"],
                expected=f"≤ {fmt(whole)}",
                reported=fmt(point),
                subject=statement.subject,
                source_text=statement.text,
            )
        elif point != whole:
            c.add(
                "statement.parts_partial",
                Severity.INFO,
                f"{path}.parts",
                M["statement.parts_partial"],
                expected=fmt(whole),
                reported=fmt(point),
                subject=statement.subject,
                source_text=statement.text,
            )
    if counted or statement.figure is None:
        return
    shares = []
    for number, part in enumerate(statement.parts):
        if part.percent is None or part.figure is None:
            continue
        result = _share(part.figure, statement.figure)
        if result is None:
            continue
        shares.append((part, result[0]))
        c.compare(
            "statement.share",
            f"{path}.parts[{number}].percent",
            M["statement.share"],
            reported=part.percent,
            point=result[0],
            allowed=result[1],
            subject=part.subject,
            figure=str(part.figure),
            base=str(statement.figure),
            source_text=statement.text,
        )
    _check_forced_hundred(c, path, statement, shares)


def _check_forced_hundred(
    c: Collector, path: str, statement: Statement, shares: list[tuple[Part, Decimal]]
) -> None:
    """Shares that add to exactly 100 because some were nudged by one unit in the last place."""
    if len(shares) < 2 or len(shares) != len(statement.parts):
        return
    printed = [part.percent for part, _ in shares if part.percent is not None]
    if sum(printed, Decimal(0)) != _HUNDRED:
        return
    nudged = []
    for part, exact in shares:
        assert part.percent is not None
        exponent = part.percent.as_tuple().exponent
        assert isinstance(exponent, int)
        unit_place = Decimal(1).scaleb(exponent)
        rounded = exact.quantize(unit_place, rounding=ROUND_HALF_UP)
        off = abs(rounded - part.percent)
        if off > unit_place:
            return  # a real mistake, not a nudge: the share checks report it
        if off:
            nudged.append(
                f"{part.subject} {fmt(part.percent)}%（{fmt(exact.quantize(unit_place.scaleb(-2), rounding=ROUND_HALF_UP))}%）"
            )
    if nudged:
        c.add(
            "statement.forced_hundred",
            Severity.WARNING,
            f"{path}.parts",
            M["statement.forced_hundred"],
            expected="; ".join(nudged),
            reported="100",
            subject=statement.subject,
            source_text=statement.text,
        )


def _check_change_sum(c: Collector, statements: tuple[Statement, ...]) -> None:
    """The change of a whole against the changes of its parts, when all are printed."""
    changes: dict[str, tuple[int, Statement]] = {}
    for index, statement in enumerate(statements):
        if statement.kind is StatementKind.CHANGE and statement.amount is not None:
            changes.setdefault(statement.subject, (index, statement))
    for statement in statements:
        if statement.kind is not StatementKind.PARTS or not statement.complete:
            continue
        whole = changes.get(statement.subject)
        parts = [changes.get(p.subject) for p in statement.parts]
        if whole is None or any(p is None for p in parts):
            continue
        index, whole_change = whole
        assert whole_change.amount is not None
        unit = whole_change.amount.unit
        signed = []
        allowed = Interval.exact(Decimal(0))
        for item in parts:
            assert item is not None
            part_change = item[1]
            assert part_change.amount is not None
            sign = _sign(part_change)
            value = part_change.amount.to(unit).value
            signed.append(value * sign)
            allowed = allowed + Interval.printed(value).scaled(Decimal(sign or 1))
        c.compare(
            "statement.change_sum",
            f"$.statements[{index}].amount",
            M["statement.change_sum"],
            reported=whole_change.amount.value * _sign(whole_change),
            point=sum(signed, Decimal(0)),
            allowed=allowed,
            subject=whole_change.subject,
            source_text=whole_change.text,
        )


def _check_score(c: Collector, index: int, statement: Statement, rules: RuleSet) -> None:
    """A stated score within 0 and its full marks, and the grade stated with it against the
    grade the rule set's bands give that score (out of its 满分 when printed, else of the
    rule set's maximum; a score out of another maximum is graded only as the rule set grades
    such a table: normalised, or not at all)."""
    score, full = statement.score, statement.full_marks
    path = f"$.statements[{index}]"
    if score is None:
        return
    if score < 0 or (full is not None and score > full):
        c.add(
            "statement.score_range",
            Severity.ERROR,
            f"{path}.score",
            M["statement.score_range"],
            expected=f"0–{fmt(full)}" if full is not None else "≥ 0",
            reported=fmt(score),
            subject=statement.subject,
            source_text=statement.text,
        )
        return
    if statement.grade is None:
        return
    maximum = full if full is not None else rules.weights.total
    gradable, graded = graded_total(rules, maximum, score)
    if not gradable or graded is None:
        return
    earned = rules.grade_for(graded)
    if earned is not statement.grade:
        c.add(
            "statement.grade",
            Severity.ERROR,
            f"{path}.grade",
            M["statement.grade"],
            expected=earned.value,
            reported=statement.grade_text or statement.grade.value,
            subject=statement.subject,
            source_text=statement.text,
            score=fmt(score),
            graded=fmt(graded),
            rules=rules.name,
            bands=rules.bands_text,
        )


def _check_derived_completion(c: Collector, statements: tuple[Statement, ...]) -> None:
    """A completion printed without its budget, whose budget a change against that budget
    gives ("收入1205.11万元，完成年初预算的70%，比年初预算减少537.35万元": the budget is
    1742.46万元, and 1205.11 of it is 69.16 %)."""
    changes = [
        s
        for s in statements
        if s.kind is StatementKind.CHANGE
        and s.figure is not None
        and s.amount is not None
        and s.against
        and _sign(s) != 0
    ]
    for index, rate in enumerate(statements):
        if (
            rate.kind is not StatementKind.RATE
            or rate.figure is None
            or rate.percent is None
            or rate.base is not None
            or not rate.of
        ):
            continue
        change = next(
            (
                s
                for s in changes
                if s.subject == rate.subject
                and s.against == rate.of
                and s.figure is not None
                and s.figure.to(rate.figure.unit).value == rate.figure.value
            ),
            None,
        )
        if change is None:
            continue
        assert change.amount is not None
        unit = rate.figure.unit
        sign = Decimal(_sign(change))
        amount = change.amount.to(unit).value
        budget = rate.figure.value - sign * amount
        if budget <= 0:
            continue
        point = RATE_CONTEXT.divide(rate.figure.value * _HUNDRED, budget)
        derived = Interval.printed(rate.figure.value) - Interval.printed(amount).scaled(sign)
        ratio = Interval.printed(rate.figure.value).divided_by(derived)
        c.compare(
            "statement.rate",
            f"$.statements[{index}].percent",
            M["statement.share"],
            reported=rate.percent,
            point=point,
            allowed=(ratio or Interval.exact(point / _HUNDRED)).scaled(_HUNDRED),
            subject=rate.subject,
            figure=str(rate.figure),
            base=str(Amount(budget, unit)),
            source_text=rate.text,
        )


def _sign(statement: Statement) -> int:
    way = direction_of(statement.amount_word) if statement.amount_word else statement.direction
    return {Direction.INCREASE: 1, Direction.DECREASE: -1}.get(way or Direction.UNCHANGED, 0)


@in_library_context
def check_final_accounts(document: FinalAccounts, rules: RuleSet | None = None) -> list[Finding]:
    """Every check of the final accounts; ``rules`` grades the scores its sentences state
    (national when not given)."""
    rules = rules if rules is not None else get_rules("national")
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
            # A part not stated is unknown (None), never zero: with 购置 or 运行维护 unknown,
            # the combined 公务用车购置及运行维护费 as printed stands for both.
            [three.outbound, three.vehicle_purchase, three.vehicle_operation, three.reception]
            if three.vehicle_total is not None
            else [three.outbound, three.reported_vehicle_total, three.reception],
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
    _check_procurement(c, document, unit)
    _check_state_assets(c, document)
    for index, statement in enumerate(document.statements):
        if statement.kind is StatementKind.SCORE:
            _check_score(c, index, statement, rules)
        elif statement.parts:
            _check_parts(c, index, statement)
        elif statement.kind not in (StatementKind.COUNT, StatementKind.AMOUNT):
            _check_statement(c, index, statement)
    _check_change_sum(c, document.statements)
    _check_derived_completion(c, document.statements)
    return c.findings
