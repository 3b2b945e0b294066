"""Checks of self-evaluation tables (自评表检查): budget block, indicators, totals, grades."""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from budgetperf import layouts
from budgetperf.checks._build import Collector, printed_as
from budgetperf.checks.finding import Finding, Severity, fmt
from budgetperf.checks.interval import Interval
from budgetperf.checks.messages import MESSAGES as M
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import (
    BudgetBlock,
    DepartmentEvaluation,
    Dimension,
    ProjectEvaluation,
)
from budgetperf.model.funding import FundRow
from budgetperf.model.indicators import Comparator, Indicator
from budgetperf.money import Amount, Rounding, Unit, exact
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.rules import OverCompletionRule, RuleSet
from budgetperf.scoring.score import (
    LineStatus,
    ScoreLine,
    ScoreSheet,
    converted_score,
    indicator_units,
    score_department,
    score_project,
)
from budgetperf.units import Converted, Incomparable, common_scale

__all__ = ["check_department", "check_project"]

# The points a 一级 or 二级 label prints (效益指标（40分）, 数量指标(20分)): the one pattern of
# the checks, and of the screen that decides which documents they need to see.
_POINTS_IN_LABEL: Final = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_YEAR: Final = re.compile(r"(\d{4})\s*年")
_two_places: Final = Rounding(2).apply
# Quantity indicators that official templates write with ≤ on purpose: the Sichuan 2023
# 运转类 template (科目调整次数 ≤ 5 次) and the 德阳 variant (≤ 10).
_TEMPLATE_REVERSE_QUANTITIES: Final = ("科目调整次数",)


_ZERO: Final = Decimal(0)
_LEVEL2: Final = operator.attrgetter("level2")


def _sum(values: Iterable[Decimal]) -> Decimal:
    """An exact sum in the library's context, never the host's."""
    total = Decimal(0)
    for value in values:
        total = RATE_CONTEXT.add(total, value)
    return total


# The documents read from a form with a budget block and indicators: a project's self-
# evaluation, or a department's (部门整体支出绩效自评表).
_Form = ProjectEvaluation | DepartmentEvaluation


def _mul(a: Decimal, b: Decimal | int) -> Decimal:
    return RATE_CONTEXT.multiply(a, b)


def _interval(amount: Amount) -> Interval:
    return Interval.printed(amount.value)


def rate_without_budget(rate: Decimal, spent: Decimal) -> bool:
    """A rate printed against a budget of 0 says something: anything but 0 % of nothing."""
    return rate != 0 or spent != 0


def spent_without_budget(spent: Decimal) -> bool:
    """Money spent against a budget of 0 (执行数 > 0, 预算数 = 0)."""
    return spent > 0


def _in(amount: Amount, unit: Unit) -> Amount:
    """``amount.to(unit)``, without the call when it is in that unit already."""
    return amount if amount.unit is unit else amount.to(unit)


def _denominator(row: FundRow, adjusted: bool) -> Amount | None:
    """The budget a row's rate divides by: adjusted (调整后预算数) or initial (年初预算数)."""
    return row.adjusted_budget if adjusted else row.initial_budget


def _check_fund_row(c: Collector, row: FundRow, index: int, adjusted: bool) -> None:
    rate = row.reported_rate_percent
    if rate is None:
        return
    denominator = _denominator(row, adjusted)
    if row.executed is None or denominator is None:
        return
    executed = _in(row.executed, denominator.unit)
    if denominator.value == 0:
        if rate_without_budget(rate, executed.value):
            c.add(
                "budget.rate_without_budget",
                Severity.WARNING,
                f"$.budget.rows[{index}].reported_rate_percent",
                M["budget.rate_without_budget"],
                reported=fmt(rate),
                row=row.category,
            )
        return
    point = RATE_CONTEXT.divide(_mul(executed.value, 100), denominator.value)
    if printed_as(rate, point):
        return  # exact: what compare() decides first, before its arguments are built

    def allowed() -> Interval:  # built only when the rate is not exact
        quotient = _interval(executed).divided_by(_interval(denominator))
        return (quotient or Interval.exact(point)).scaled(Decimal(100))

    c.compare(
        "budget.rate",
        f"$.budget.rows[{index}].reported_rate_percent",
        M["budget.rate"],
        reported=rate,
        point=point,
        allowed=allowed,
        subject=f"预算执行率（{row.category}）",
    )


def _sum_interval(parts: list[Amount], unit: Unit) -> Interval:
    """The range a sum of printed amounts may have."""
    allowed = Interval.exact(Decimal(0))
    for part in parts:
        allowed = allowed + _interval(part.to(unit))
    return allowed


_BUDGET_COLUMNS: Final = (
    ("initial_budget", "年初预算"),
    ("adjusted_budget", "调整后预算"),
    ("executed", "执行数"),
)


def _check_budget(c: Collector, document: _Form, rules: RuleSet, line: ScoreLine | None) -> None:
    block = document.budget
    if block is None:
        return
    rows = block.rows
    total_row = rows[0]  # block.total
    parts_rows = rows[1:]  # block.parts
    adjusted = rules.execution.denominator == "adjusted"
    for index, row in enumerate(rows):
        _check_fund_row(c, row, index, adjusted)
    # Parts add up to the total, column by column, where the parts print figures.
    if parts_rows:
        for column, label in _BUDGET_COLUMNS:
            total = getattr(total_row, column)
            if total is None:
                continue
            present = [p for p in (getattr(row, column) for row in parts_rows) if p is not None]
            if not present:
                continue
            unit = total.unit
            point = _sum(_in(p, unit).value for p in present)
            if printed_as(total.value, point):
                continue  # exact: what compare() decides first, before its arguments are built
            c.compare(
                "budget.parts_sum",
                f"$.budget.rows[0].{column}",
                M["budget.parts_sum"],
                reported=total.value,
                point=point,
                allowed=functools.partial(_sum_interval, present, unit),
                subject=f"{label}（{total_row.category}）",
            )
    _check_execution_bounds(c, block, adjusted)
    for index, row in enumerate(parts_rows, start=1):
        # A part row's own points (其中：本年财政拨款 10 | 9): shown, never added to the
        # block's; a score above them is as wrong there as on the total row.
        weight, reported = row.weight, row.reported_score
        if weight is not None and reported is not None and reported > weight:
            c.add(
                "budget.score_above_weight",
                Severity.ERROR,
                f"$.budget.rows[{index}].reported_score",
                M["budget.score_above_weight"],
                expected=f"≤ {fmt(weight)}",
                reported=fmt(reported),
                weight=fmt(weight),
            )
    if line is None:
        return
    path = "$.budget.reported_score"
    reported = block.reported_score
    computed = line.computed
    if reported is None:
        if computed is not None:
            c.add(
                "budget.score_missing",
                Severity.WARNING,
                path,
                M["budget.score_missing"],
                expected=fmt(computed),
                reported="",
                rule=line.explanation.text,
            )
    elif reported > block.weight:
        c.add(
            "budget.score_above_weight",
            Severity.ERROR,
            path,
            M["budget.score_above_weight"],
            expected=f"≤ {fmt(block.weight)}",
            reported=fmt(reported),
            weight=fmt(block.weight),
        )
    elif computed is not None and reported != computed:
        severity = Severity.INFO if block.reason.strip() else Severity.WARNING
        c.add(
            "budget.score_differs",
            severity,
            path,
            M["budget.score_differs"],
            expected=fmt(computed),
            reported=fmt(reported),
            rule=line.explanation.text,
        )
    threshold = rules.execution.reason_below
    if threshold is None:
        return
    denominator = _denominator(total_row, adjusted)
    if total_row.executed is not None and denominator is not None and denominator.value:
        rate = RATE_CONTEXT.divide(
            _in(total_row.executed, denominator.unit).value, denominator.value
        )
        if rate < threshold and not block.reason.strip():
            c.add(
                "budget.reason_missing",
                Severity.WARNING,
                "$.budget.reason",
                M["budget.reason_missing"],
                expected="a reason (原因)",
                reported="",
                rate=fmt(_two_places(_mul(rate, 100))),
                threshold=fmt(_mul(threshold, 100)),
            )


def _check_execution_bounds(c: Collector, block: BudgetBlock, adjusted: bool) -> None:
    """Spending above the budget (执行率 > 100 %) or against a zero budget, row by row."""
    for index, row in enumerate(block.rows):
        denominator = _denominator(row, adjusted)
        if row.executed is None or denominator is None:
            continue
        executed = _in(row.executed, denominator.unit)
        if denominator.value == 0:
            if spent_without_budget(executed.value):
                c.add(
                    "budget.spent_without_budget",
                    Severity.ERROR,
                    f"$.budget.rows[{index}].executed",
                    M["budget.spent_without_budget"],
                    expected="0",
                    reported=str(executed),
                    row=row.category,
                )
        elif executed.value > denominator.value:
            rate = RATE_CONTEXT.divide(_mul(executed.value, 100), denominator.value)
            c.add(
                "budget.over_execution",
                Severity.WARNING,
                f"$.budget.rows[{index}].executed",
                M["budget.over_execution"],
                expected=f"≤ {denominator}",
                reported=str(executed),
                row=row.category,
                budget=str(denominator),
                rate=fmt(_two_places(rate)),
            )


@functools.lru_cache(maxsize=1024)
def _printed_points(label: str) -> tuple[str, Decimal] | None:
    """The points a 一级 or 二级 label prints (产出指标(50分) → "50", 50; 数量指标（20分） →
    "20", 20), or None (labels recur from table to table: kept, bounded; a Decimal is
    immutable)."""
    match = _POINTS_IN_LABEL.search(label)
    return (match.group(1), Decimal(match.group(1))) if match else None


@functools.lru_cache(maxsize=1024)
def _label_name(label: str) -> str:
    """A 一级 or 二级 label without the points it prints: 产出指标(50分) → 产出指标 (labels
    recur from table to table: kept, bounded)."""
    return _POINTS_IN_LABEL.sub("", label).strip()


def level1_points(groups: dict[str, Decimal]) -> dict[str, Decimal]:
    """The points of each 一级指标 by its name without printed points (产出指标(50分) → 产出指标)."""
    by_name: dict[str, Decimal] = {}
    add = RATE_CONTEXT.add
    for label, points in groups.items():
        name = _label_name(label)
        # _sum((earlier, points)), its two additions written out.
        by_name[name] = add(add(_ZERO, by_name.get(name, _ZERO)), points)
    return by_name


def cost_misplaced(level1: str, level2: str) -> bool:
    """A 成本 二级指标 under another 一级 than 成本指标 (where the rule set makes it a 一级)."""
    return "成本" in level2 and "成本" not in level1


def _check_layout(
    c: Collector, document: _Form, rules: RuleSet, groups: dict[str, Decimal]
) -> None:
    """The rule set's expected 一级 weights, and where 成本指标 belongs."""
    by_name = level1_points(groups)
    for name, expected in rules.weights.level1:
        found = by_name.get(name, Decimal(0))
        if found != expected:
            c.add(
                "indicators.layout",
                Severity.INFO,
                "$.indicators",
                M["indicators.layout"],
                expected=fmt(expected),
                reported=fmt(found),
                label=name,
                rules=rules.name,
            )
    if rules.weights.cost_as_level1:
        for index, indicator in enumerate(document.indicators):
            # cost_misplaced's first condition, tested here so that most rows skip the call.
            if "成本" in indicator.level2 and cost_misplaced(indicator.level1, indicator.level2):
                c.add(
                    "indicator.cost_level",
                    Severity.WARNING,
                    f"$.indicators[{index}].level1",
                    M["indicator.cost_level"],
                    expected="成本指标",
                    reported=indicator.level1,
                    label=_label(indicator),
                    rules=rules.name,
                )


def _check_weights(c: Collector, document: _Form, rules: RuleSet) -> None:
    indicators = document.indicators
    if not indicators:
        return
    if document.incomplete:
        # A table cut off where it was published has rows missing: its sums say nothing.
        c.add("table.incomplete", Severity.WARNING, "$.indicators", M["table.incomplete"])
    else:
        _check_weight_sums(c, document, rules)
    seen: dict[tuple[str, str, str], int] = {}
    for index, indicator in enumerate(indicators):
        key = (indicator.level1, indicator.level2, indicator.name)
        first = seen.get(key)
        if first is None:
            seen[key] = index
            continue
        c.add(
            "indicator.duplicate",
            Severity.WARNING,
            f"$.indicators[{index}]",
            M["indicator.duplicate"],
            name=indicator.name,
            first=str(first + 1),
        )


def _has_weight_column(layout: str) -> bool:
    try:
        return "weight" in layouts.get(layout).columns
    except BudgetPerfError:
        return True  # a form we do not ship: assume the usual 分值 column


def _check_weight_sums(c: Collector, document: _Form, rules: RuleSet) -> None:
    # A part's points (其中 … under its parent row) are already its parent's: not summed.
    # One pass over the rows that are not parts (those part_rows leaves out): the total, as
    # _sum adds (from 0, in order), the 一级 groups, and the rows without a weight.
    add = RATE_CONTEXT.add
    total = _ZERO
    groups: dict[str, Decimal] = {}
    missing = 0
    for indicator in document.indicators:
        if indicator.parent is not None:
            continue
        weight = indicator.weight
        if weight is None:
            missing += 1
            continue
        total = add(total, weight)
        # add(0, w) first, as _sum does: a running sum has an exponent ≤ 0, so adding it to
        # 0 again (as _sum((sum, w)) would) changes nothing.
        level1 = indicator.level1
        groups[level1] = add(groups.get(level1, _ZERO), weight)
    if missing:
        # Rows without points: a form that has no 分值 column has no sums to check; one that
        # has the column but rows whose weight is blank or unreadable cannot be summed.
        if _has_weight_column(document.layout):
            c.add(
                "indicators.weight_missing",
                Severity.WARNING,
                "$.indicators",
                M["indicators.weight_missing"],
                reported=str(missing),
            )
        return
    expected = rules.weights.indicators if document.budget is not None else rules.weights.total
    if total != expected:
        c.add(
            "indicators.weight_sum",
            Severity.ERROR,
            "$.indicators",
            M["indicators.weight_sum"],
            expected=fmt(expected),
            reported=fmt(total),
        )
    for label, points in groups.items():
        _check_printed_points(c, "indicators.level1_weight", label, points)
    # Points printed in columns of their own (海南's form): few tables have them.
    in_columns = set(map(_COLUMN_POINTS, document.indicators)) != _NO_COLUMN_POINTS
    if in_columns:
        _check_column_points(c, document.indicators, groups)
    _check_level2_weights(c, document.indicators, in_columns)
    _check_layout(c, document, rules, groups)


def prints_points(label: str) -> bool:
    """Whether a 一级 or 二级 label prints its points (数量指标（20分）): the predicate of
    indicators.level1_weight and indicators.level2_weight, for a caller that has to know
    which tables they look at."""
    return _printed_points(label) is not None


def _check_column_points(
    c: Collector, indicators: tuple[Indicator, ...], groups: dict[str, Decimal]
) -> None:
    """一级 points printed in a column of their own (``Indicator.level1_weight``, 海南's 一级 |
    分值 | 二级 | 分值 | 三级 | 分值): the weights of each 一级's rows add up to them, as
    to points printed in the label. A 一级 is compared with the points its first row
    prints (its merged cell); a table printing none has nothing to compare."""
    printed: dict[str, Decimal] = {}
    for indicator in indicators:
        points = indicator.level1_weight
        # (A label that prints its points too is compared by them, once.)
        if points is not None and indicator.parent is None and not prints_points(indicator.level1):
            printed.setdefault(indicator.level1, points)
    for label, points in printed.items():
        _check_printed_points(
            c, "indicators.level1_weight", label, groups[label], printed=(fmt(points), points)
        )


_COLUMN_POINTS: Final = operator.attrgetter("level1_weight", "level2_weight")
_NO_COLUMN_POINTS: Final = {(None, None)}


def _check_level2_weights(
    c: Collector, indicators: tuple[Indicator, ...], in_column: bool = False
) -> None:
    """二级 labels that print points (数量指标（20分）): the weights of the rows under each
    (一级, 二级) pair add up to them, added and compared as the 一级 groups are. Called once
    every row that is not a part has a weight; ``in_column``: whether a row holds points
    printed in a column of their own (``level1_weight``, ``level2_weight``)."""
    # Most tables print no points in a 二级 label: their few distinct labels are asked once
    # each (kept by _printed_points, called without prints_points' frame) before any row is
    # grouped.
    if not in_column and not any(map(_printed_points, set(map(_LEVEL2, indicators)))):
        return
    add = RATE_CONTEXT.add
    # Keyed by the 一级 too: 数量指标（10分） under 产出指标 and under 成本指标 are two headings.
    groups: dict[tuple[str, str], Decimal] = {}
    # The points printed in a column of their own (Indicator.level2_weight), by the first
    # row of each pair (its merged cell).
    printed: dict[tuple[str, str], Decimal] = {}
    if in_column:
        for indicator in indicators:
            points = indicator.level2_weight
            # (A label that prints its points too is compared by them, once.)
            if (
                points is not None
                and indicator.parent is None
                and not prints_points(indicator.level2)
            ):
                printed.setdefault((indicator.level1, indicator.level2), points)
    for indicator in indicators:
        weight = indicator.weight
        # A part's points are its parent row's (as in _check_weight_sums); a row without a
        # weight is not left here (the caller returns first), the test only narrows the type.
        if indicator.parent is not None or weight is None:
            continue
        key = (indicator.level1, indicator.level2)
        if key not in printed and not prints_points(indicator.level2):
            continue
        groups[key] = add(groups.get(key, _ZERO), weight)
    for (level1, level2), points in groups.items():
        column = printed.get((level1, level2))
        _check_printed_points(
            c,
            "indicators.level2_weight",
            level2,
            points,
            printed=None if column is None else (fmt(column), column),
            level1=_label_name(level1) or "—",
        )


def _check_printed_points(
    c: Collector,
    code: str,
    label: str,
    points: Decimal,
    printed: tuple[str, Decimal] | None = None,
    **params: str,
) -> None:
    """``code`` when ``label`` prints points (产出指标(50分)) other than the weights under it
    add up to (``points``): one finding's shape for the 一级 and the 二级; ``printed``: the
    points as printed in a column of their own (text, value), in place of the label's."""
    if printed is None:
        printed = _printed_points(label)
    if printed is not None and printed[1] != points:
        c.add(
            code,
            Severity.ERROR,
            "$.indicators",
            M[code],
            expected=printed[0],
            reported=fmt(points),
            label=label,
            **params,
        )


def _short(text: str, limit: int = 24) -> str:
    """A label short enough for a message (the full text stays in the document)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(indicator: Indicator) -> str:
    """How a finding names an indicator row: its 三级指标, else its 二级指标, shortened."""
    return _short(indicator.name or indicator.level2)


def _check_converted(c: Collector, path: str, indicator: Indicator) -> None:
    """折算得分 = 权重占比 × 得分 (Hebei), as printed to its own places (四舍五入)."""
    share, score, printed = indicator.share, indicator.reported_score, indicator.converted_score
    if share is None or score is None or printed is None:
        return
    exact = converted_score(share, score)
    places = max(0, -int(printed.as_tuple().exponent))
    if Rounding(places).apply(exact) != printed:
        c.add(
            "indicator.converted_score",
            Severity.ERROR,
            f"{path}.converted_score",
            M["indicator.converted_score"],
            expected=fmt(exact),
            reported=fmt(printed),
            label=_label(indicator),
            share=fmt(share),
            score=fmt(score),
        )


# The members the per-row checks compare with, looked up once: reading a member off its
# enum class costs a Python-level call each time, several per row.
_MET_LINE: Final = LineStatus.MET
_MISSED_LINE: Final = LineStatus.MISSED
_JUDGEMENT_LINE: Final = LineStatus.JUDGEMENT
_GE: Final = Comparator.GE
_GT: Final = Comparator.GT
_QUALITATIVE: Final = Comparator.QUALITATIVE


@functools.lru_cache(maxsize=1024)
def _row_path(index: int) -> str:
    """``"$.indicators[3]"``, written once per row number (only a finding needs it)."""
    return f"$.indicators[{index}]"


def _check_indicator(
    c: Collector, index: int, indicator: Indicator, line: ScoreLine, rules: RuleSet, year: int
) -> None:
    # The row's path and label (a finding's name of the row) are made only for a finding.
    if indicator.converted_score is not None:
        _check_converted(c, _row_path(index), indicator)
    weight = indicator.weight
    if weight is None:
        return  # no points printed: nothing here is checkable against a weight
    reported = indicator.reported_score
    computed = line.computed
    status = line.status
    if reported is None:
        if computed is not None:
            c.add(
                "indicator.score_missing",
                Severity.WARNING,
                f"{_row_path(index)}.reported_score",
                M["indicator.score_missing"],
                expected=fmt(computed),
                reported="",
                label=_label(indicator),
                rule=line.explanation.text,
            )
    elif reported > weight:
        c.add(
            "indicator.score_above_weight",
            Severity.ERROR,
            f"{_row_path(index)}.reported_score",
            M["indicator.score_above_weight"],
            expected=f"≤ {fmt(weight)}",
            reported=fmt(reported),
            label=_label(indicator),
            weight=fmt(weight),
        )
    elif computed is not None and reported != computed:
        _score_differs(c, index, indicator, line, reported, weight)
    if status is _MISSED_LINE and not indicator.has_note:
        c.add(
            "indicator.note_missing",
            Severity.WARNING,
            f"{_row_path(index)}.deviation_note",
            M["indicator.note_missing"],
            expected="a deviation note (偏差原因)",
            reported="",
            label=_label(indicator),
            rule=line.explanation.text,
        )
    level2 = indicator.level2
    comparator = indicator.comparator
    # reverse_quantity's first condition, tested here so that most rows skip the call.
    if "数量" in level2 and reverse_quantity(level2, comparator, indicator.name):
        assert comparator is not None
        c.add(
            "indicator.reverse_quantity",
            Severity.WARNING,
            f"{_row_path(index)}.comparator",
            M["indicator.reverse_quantity"],
            expected="≥",
            reported=comparator.value,
            label=_label(indicator),
        )
    # The row's actual and target in one unit (_in_one_unit): with one unit on both sides,
    # what common_scale would return are the figures themselves, so none is built.
    actual = indicator.actual
    figures: tuple[Decimal, Decimal] | None = None
    if comparator is not None and comparator is not _QUALITATIVE:
        target_value = indicator.target.value
        actual_value = actual.value if actual is not None else None
        if target_value is not None and actual_value is not None:
            assert actual is not None
            if not (indicator.target.unit or actual.unit):
                # No unit in either cell: both take the 度量单位 column's (indicator_units).
                figures = target_value, actual_value
            else:
                t_unit, a_unit = indicator_units(indicator)
                if t_unit == a_unit:
                    figures = target_value, actual_value
                else:
                    both = common_scale(actual_value, a_unit, target_value, t_unit)
                    if isinstance(both, Converted):
                        figures = both.target, both.actual
                    else:
                        _check_units(c, _row_path(index), indicator, both)
    if actual is None and indicator.applicable:
        c.add(
            "indicator.actual_missing",
            Severity.WARNING,
            f"{_row_path(index)}.actual",
            M["indicator.actual_missing"],
            expected="a 完成值",
            reported="",
            label=_label(indicator),
        )
    if (
        status is _JUDGEMENT_LINE
        and reported is not None
        and indicator.qualitative_grade is not None
    ):
        _check_band(c, index, indicator, rules, reported, weight)
    if "时效" in level2:
        _check_years(c, index, indicator, year)
    if figures is not None:
        # 广西's note rule covers every quantitative indicator (not 定性 or 定量（其他）); the
        # "target set too low" hint only makes sense where more is better.
        target, actual_figure = figures
        flags = over_completion(
            target, actual_figure, comparator is _GE or comparator is _GT, rules.over_completion
        )
        if flags is not None and (flags[0] or flags[1]):
            _report_over_completion(c, index, indicator, target, actual_figure, flags)


def _score_differs(
    c: Collector,
    index: int,
    indicator: Indicator,
    line: ScoreLine,
    reported: Decimal,
    weight: Decimal,
) -> None:
    """A printed score other than the rule's (met but deducted, missed at full points …)."""
    noted = indicator.has_note
    computed = line.computed
    assert computed is not None
    if line.status is _MET_LINE and reported < weight:
        code, severity = (
            "indicator.met_but_deducted",
            Severity.INFO if noted else Severity.WARNING,
        )
        template = M["indicator.met_but_deducted.noted" if noted else code]
    elif line.status is _MISSED_LINE and reported == weight:
        code, severity = "indicator.missed_full_points", Severity.WARNING
        template = M[code]
    else:
        code, severity = "indicator.score_differs", Severity.INFO if noted else Severity.WARNING
        template = M["indicator.score_differs.noted" if noted else code]
    c.add(
        code,
        severity,
        f"{_row_path(index)}.reported_score",
        template,
        expected=fmt(computed),
        reported=fmt(reported),
        label=_label(indicator),
        rule=line.explanation.text,
    )


def _check_band(
    c: Collector,
    index: int,
    indicator: Indicator,
    rules: RuleSet,
    reported: Decimal,
    weight: Decimal,
) -> None:
    """A judged row's printed score inside the band of its stated grade."""
    grade = indicator.qualitative_grade
    assert grade is not None
    band = rules.band_for(grade)
    # The bounds are rounded to 2 places, as S8's selfqualscorecheck does.
    low, high = _two_places(_mul(band.low, weight)), _two_places(_mul(band.high, weight))
    # Only the top band includes its upper bound: 8 of 10 is 达成, not 部分达成.
    top = band.high == max(b.high for b in rules.qualitative)
    if not (low <= reported <= high) or (not top and reported == high):
        c.add(
            "indicator.qualitative_band",
            Severity.ERROR,
            f"{_row_path(index)}.reported_score",
            M["indicator.qualitative_band"],
            expected=f"{fmt(low)}–{fmt(high)}" if top else f"{fmt(low)}–<{fmt(high)}",
            reported=fmt(reported),
            label=_label(indicator),
            grade=grade.value,
        )


def _check_years(c: Collector, index: int, indicator: Indicator, year: int) -> None:
    """Years other than the evaluated one in a 时效指标's texts."""
    fields = [
        ("name", indicator.name),
        ("target", indicator.target.text),
        ("actual", indicator.actual.text if indicator.actual else ""),
    ]
    found = stray_years(fields, year)
    if found:
        where, years = found[0]
        c.add(
            "indicator.time_year",
            Severity.WARNING,
            f"{_row_path(index)}.{where}",
            M["indicator.time_year"],
            expected=str(year),
            reported="、".join(map(str, years)),
            label=_label(indicator),
            years="、".join(map(str, years)),
            year=str(year),
        )


def reverse_quantity(level2: str, comparator: Comparator | None, name: str) -> bool:
    """A 数量指标 written with ≤ or ＜ (other than the templates' own, 科目调整次数)."""
    return (
        "数量" in level2
        and comparator in (Comparator.LE, Comparator.LT)
        and not any(each in name for each in _TEMPLATE_REVERSE_QUANTITIES)
    )


def stray_years(fields: list[tuple[str, str]], year: int) -> list[tuple[str, list[int]]]:
    """The years other than ``year`` each (field, text) of a 时效指标 names (""年"" after 4 digits)."""
    found = [
        (name, sorted({int(y) for y in _YEAR.findall(text)} - {year})) for name, text in fields
    ]
    return [(name, years) for name, years in found if years]


def over_completion(
    target: Decimal, actual: Decimal, positive: bool, rule: OverCompletionRule
) -> tuple[bool, bool, Decimal | None] | None:
    """(needs a note, target possibly too low, actual ÷ target) of an actual above target
    under ``rule``; the ratio is None for a target of 0, and the whole None for a negative
    target ("1.3 倍" of one has no stated meaning)."""
    if target == 0:
        needs_note = rule.zero_target_note_at is not None and actual >= rule.zero_target_note_at
        return needs_note, needs_note and positive, None
    if target < 0:
        return None
    ratio = RATE_CONTEXT.divide(actual, target)
    needs_note = rule.note_ratio is not None and ratio >= rule.note_ratio
    flagged = positive and rule.flag_ratio is not None and ratio >= rule.flag_ratio
    return needs_note, flagged, ratio


def _check_units(c: Collector, path: str, indicator: Indicator, both: Incomparable) -> None:
    if indicator.applicable:
        c.add(
            "indicator.unit_mismatch",
            Severity.WARNING,
            f"{path}.actual",
            M["indicator.unit_mismatch"],
            expected=both.target_unit,
            reported=both.actual_unit,
            label=_label(indicator),
        )


def _report_over_completion(
    c: Collector,
    index: int,
    indicator: Indicator,
    target: Decimal,
    actual: Decimal,
    flags: tuple[bool, bool, Decimal | None],
) -> None:
    """The finding of an actual far above its target (both in one unit), as
    :func:`over_completion` flagged it."""
    needs_note, flagged, ratio = flags
    ratio_text = "—" if ratio is None else fmt(_two_places(ratio))
    label = _label(indicator)
    if needs_note and not indicator.has_note:
        c.add(
            "indicator.over_completion_note",
            Severity.WARNING,
            f"{_row_path(index)}.deviation_note",
            M["indicator.over_completion_note"],
            expected="a deviation note",
            reported=fmt(actual),
            label=label,
            target=fmt(target),
            ratio=ratio_text,
        )
    elif flagged:
        c.add(
            "indicator.target_too_low",
            Severity.INFO,
            f"{_row_path(index)}.target",
            M["indicator.target_too_low"],
            expected=f"≈ {fmt(target)}",
            reported=fmt(actual),
            label=label,
            target=fmt(target),
            ratio=ratio_text,
        )


def _check_totals(c: Collector, sheet: ScoreSheet, reported_total: Decimal | None) -> None:
    if sheet.total is not None and sheet.total > sheet.maximum:
        c.add(
            "total.above_maximum",
            Severity.WARNING,
            "$.reported_total",
            M["total.above_maximum"],
            expected=fmt(sheet.maximum),
            reported=fmt(sheet.total),
            rule=sheet.total_explanation.text,
        )
    if sheet.lines and not sheet.gradable:
        c.add(
            "grade.not_gradable",
            Severity.WARNING,
            "$.reported_grade",
            M["grade.not_gradable"],
            expected=fmt(sheet.rule_maximum),
            reported=fmt(sheet.maximum),
            rules=sheet.rules,
        )
    parts = sheet.reported_sum
    if reported_total is not None and parts is not None and parts != reported_total:
        c.add(
            "total.sum",
            Severity.ERROR,
            "$.reported_total",
            M["total.sum"],
            expected=fmt(parts),
            reported=fmt(reported_total),
        )
    if reported_total is not None and sheet.total is not None and sheet.total != reported_total:
        c.add(
            "total.rule",
            Severity.INFO,
            "$.reported_total",
            M["total.rule"],
            expected=fmt(sheet.total),
            reported=fmt(reported_total),
            rule=sheet.total_explanation.text,
        )
    basis = reported_total if reported_total is not None else sheet.total
    if sheet.reported_grade is not None and basis is not None:
        grade = sheet.grade_of_reported_total if reported_total is not None else sheet.grade
        if grade is not None and grade is not sheet.reported_grade:
            c.add(
                "grade.mismatch",
                Severity.ERROR,
                "$.reported_grade",
                M["grade.mismatch"],
                expected=grade.value,
                reported=sheet.reported_grade.value,
                score=fmt(basis),
            )


@exact
def check_project(
    document: ProjectEvaluation, rules: RuleSet, *, sheet: ScoreSheet | None = None
) -> list[Finding]:
    """Every check of a project self-evaluation, in document order.

    ``sheet`` is the document's score sheet under ``rules`` when the caller has it already.
    """
    c = Collector(document.title)
    sheet = sheet if sheet is not None else score_project(document, rules)
    lines = list(sheet.lines)
    budget_line = lines.pop(0) if document.budget is not None else None
    _check_budget(c, document, rules, budget_line)
    _check_weights(c, document, rules)
    for index, (indicator, line) in enumerate(zip(document.indicators, lines, strict=True)):
        _check_indicator(c, index, indicator, line, rules, document.year)
    _check_totals(c, sheet, document.reported_total)
    return c.findings


def _walk(c: Collector, node: Dimension, path: str) -> None:
    if node.reported_score is not None and node.reported_score > node.weight:
        c.add(
            "dimension.score_above_weight",
            Severity.ERROR,
            f"{path}.reported_score",
            M["dimension.score_above_weight"],
            expected=f"≤ {fmt(node.weight)}",
            reported=fmt(node.reported_score),
            label=node.name,
            weight=fmt(node.weight),
        )
    if not node.children:
        return
    weights = _sum(child.weight for child in node.children)
    if weights != node.weight:
        c.add(
            "dimension.weight_sum",
            Severity.ERROR,
            f"{path}.weight",
            M["dimension.weight_sum"],
            expected=fmt(weights),
            reported=fmt(node.weight),
            label=node.name,
        )
    scores = [child.reported_score for child in node.children]
    if node.reported_score is not None and all(s is not None for s in scores):
        total = _sum(s for s in scores if s is not None)
        if total != node.reported_score:
            c.add(
                "dimension.sum",
                Severity.ERROR,
                f"{path}.reported_score",
                M["dimension.sum"],
                expected=fmt(total),
                reported=fmt(node.reported_score),
                label=node.name,
            )
    for i, child in enumerate(node.children):
        _walk(c, child, f"{path}.children[{i}]")


@exact
def check_department(
    document: DepartmentEvaluation, rules: RuleSet, *, sheet: ScoreSheet | None = None
) -> list[Finding]:
    """Every check of a department evaluation (``sheet``: its score sheet, if at hand)."""
    c = Collector(f"{document.department} {document.year}")
    sheet = sheet if sheet is not None else score_department(document, rules)
    if document.budget is not None or document.indicators:
        lines = list(sheet.lines)
        budget_line = lines.pop(0) if document.budget is not None else None
        _check_budget(c, document, rules, budget_line)
        _check_weights(c, document, rules)
        for index, (indicator, line) in enumerate(zip(document.indicators, lines, strict=False)):
            _check_indicator(c, index, indicator, line, rules, document.year)
    for i, node in enumerate(document.dimensions):
        _walk(c, node, f"$.dimensions[{i}]")
    weights = _sum(node.weight for node in document.dimensions)
    if document.dimensions and weights != rules.weights.total:
        c.add(
            "dimensions.weight_sum",
            Severity.WARNING,
            "$.dimensions",
            M["dimensions.weight_sum"],
            expected=fmt(rules.weights.total),
            reported=fmt(weights),
        )
    _check_totals(c, sheet, document.reported_total)
    return c.findings
