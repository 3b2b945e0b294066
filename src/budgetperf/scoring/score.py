"""Scoring (评分): pure functions from a document and a rule set to a score sheet.

Every figure carries its explanation, so a report tool can print how it was reached::

    >>> from budgetperf.model import Comparator, Indicator, Measure
    >>> row = Indicator(level1="满意度指标", level2="服务对象满意度指标", name="满意度",
    ...                 comparator=Comparator.GE, unit="%",
    ...                 target=Measure(text="95", value=Decimal(95)),
    ...                 actual=Measure(text="90", value=Decimal(90)),
    ...                 weight=Decimal(10), reported_score=Decimal(9))
    >>> from budgetperf.scoring import get_rules
    >>> line = score_indicator(row, get_rules("national"), path="indicators[0]")
    >>> line.computed, line.explanation.text
    (Decimal('9.47'), '9.47 = 90 ÷ 95 × 10')
    >>> line.difference
    Decimal('-0.47')

The reported score and the rule score are kept side by side; neither replaces the other.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import final

import attrs

from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import (
    BudgetBlock,
    DepartmentEvaluation,
    Dimension,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.model.indicators import Comparator, Grade, Indicator
from budgetperf.money import exact, normalize_text
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.department import evaluate_dimension_rule
from budgetperf.scoring.rules import (
    ComparatorFormula,
    NonApplicablePolicy,
    RuleSet,
    default_rules_for,
)

__all__ = [
    "Explanation",
    "LineStatus",
    "ScoreLine",
    "ScoreSheet",
    "score",
    "score_budget",
    "score_department",
    "score_indicator",
    "score_project",
]


class LineStatus(enum.Enum):
    """How a line was scored (计分状态)."""

    MET = "达标"
    MISSED = "未达标"
    JUDGEMENT = "按判断计分"
    NOT_COMPUTABLE = "无法按规则计算"
    NOT_APPLICABLE = "不适用"
    SUM = "合计"


@final
@attrs.frozen(slots=True, kw_only=True)
class Explanation:
    """How a figure was reached (计分说明).

    Attributes:
        rule: rule set and rule (``"national: ≥ proportional"``).
        formula: the formula in symbols (``"A ÷ T × W"``).
        text: the formula with the figures (``"9.47 = 90 ÷ 95 × 10"``).
        inputs: the figures used, as (symbol, value) pairs.
    """

    rule: str
    formula: str
    text: str
    inputs: tuple[tuple[str, str], ...] = ()


@final
@attrs.frozen(slots=True, kw_only=True)
class ScoreLine:
    """One scored line: a budget row, an indicator or a dimension (计分行).

    Attributes:
        path: where in the document (``"budget"``, ``"indicators[3]"``, ``"dimensions[0]"``).
        label: what it is, as printed.
        weight: its maximum points.
        computed: the score under the rule set, or None when the rule cannot compute it.
        reported: the score printed in the document.
        status: met, missed, judgement, not computable, not applicable, or a sum.
        explanation: the rule, formula and figures.
        has_note: whether the document gives a reason for a deviation.
    """

    path: str
    label: str
    weight: Decimal
    computed: Decimal | None
    reported: Decimal | None
    status: LineStatus
    explanation: Explanation
    has_note: bool = False

    @property
    def used(self) -> Decimal | None:
        """What the total counts: the rule score, else (judgement, not computable) the reported one."""
        if self.status is LineStatus.NOT_APPLICABLE:
            return None
        return self.computed if self.computed is not None else self.reported

    @property
    def difference(self) -> Decimal | None:
        """reported − computed, when both exist."""
        if self.computed is None or self.reported is None:
            return None
        return self.reported - self.computed

    @property
    def discretionary(self) -> bool:
        """A deduction below the rule score that the document explains (酌情扣分)."""
        diff = self.difference
        return diff is not None and diff < 0 and self.has_note


@final
@attrs.frozen(slots=True, kw_only=True)
class ScoreSheet:
    """The result of scoring one document (评分表).

    Attributes:
        kind: ``"project"`` or ``"department"``.
        title: the document's title.
        rules: the name of the rule set used.
        lines: every scored line, in document order.
        maximum: the full score.
        total: Σ of the lines' used scores (rounded by the rule set), or None when a line
            has neither a rule score nor a reported one.
        total_explanation: how the total was formed.
        reported_total: the total printed in the document.
        grade: the grade the computed total earns.
        grade_of_reported_total: the grade the printed total earns under the same bands.
        reported_grade: the grade printed in the document.
    """

    kind: str
    title: str
    rules: str
    lines: tuple[ScoreLine, ...]
    maximum: Decimal
    total: Decimal | None
    total_explanation: Explanation
    reported_total: Decimal | None
    grade: Grade | None
    grade_of_reported_total: Grade | None
    reported_grade: Grade | None

    @property
    def discretionary(self) -> tuple[ScoreLine, ...]:
        """Lines scored below the rule with a stated reason."""
        return tuple(line for line in self.lines if line.discretionary)

    @property
    def reported_sum(self) -> Decimal | None:
        """Σ of the reported line scores (None when one is missing or there are no lines)."""
        total = Decimal(0)
        if not self.lines:
            return None
        for line in self.lines:
            if line.status in (LineStatus.NOT_APPLICABLE, LineStatus.SUM):
                continue
            if line.reported is None:
                return None
            total += line.reported
        return total

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


def _fmt(value: Decimal) -> str:
    """A number as people write it: no exponent, no trailing zeros after the point."""
    text = str(value)
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


# -- budget execution ------------------------------------------------------------------


def score_budget(block: BudgetBlock, rules: RuleSet, *, path: str = "budget") -> ScoreLine:
    """Score the budget-execution block (预算执行率得分): W × executed ÷ budget, capped."""
    rule = rules.execution
    row = block.total
    denominator_amount = (
        row.adjusted_budget if rule.denominator == "adjusted" else row.initial_budget
    )
    symbol = "调整后预算数" if rule.denominator == "adjusted" else "年初预算数"
    weight = block.weight
    name = f"{rules.name}: 预算执行率"
    label = f"预算执行率（{row.category}）"
    line = functools.partial(
        ScoreLine,
        path=path,
        label=label,
        weight=weight,
        reported=block.reported_score,
        has_note=bool(block.reason.strip()),
    )
    if row.executed is None or denominator_amount is None:
        return line(
            computed=None,
            status=LineStatus.NOT_COMPUTABLE,
            explanation=Explanation(
                rule=name,
                formula=f"执行数 ÷ {symbol} × W",
                text="缺少执行数或预算数 (executed or budget missing)",
            ),
        )
    executed = row.executed.to(denominator_amount.unit).value
    denominator = denominator_amount.value
    inputs = (("执行数", _fmt(executed)), (symbol, _fmt(denominator)), ("W", _fmt(weight)))
    if denominator == 0:
        if rule.zero_budget == "zero":
            return line(
                computed=Decimal(0),
                status=LineStatus.MISSED,
                explanation=Explanation(
                    rule=name, formula="预算数为0时得0分", text="0 = 预算数为0", inputs=inputs
                ),
            )
        return line(
            computed=None,
            status=LineStatus.NOT_APPLICABLE,
            explanation=Explanation(
                rule=name, formula="预算数为0，不适用", text="预算数为0，不计分", inputs=inputs
            ),
        )
    rate = RATE_CONTEXT.divide(executed, denominator)
    if rule.compare_places is not None:
        rate = (rate * 100).quantize(Decimal(1).scaleb(-rule.compare_places)) / 100
    raw = rate * weight
    capped = min(raw, weight) if rule.cap else raw
    value = rules.rounding.apply(max(capped, Decimal(0)))
    text = f"{_fmt(value)} = {_fmt(executed)} ÷ {_fmt(denominator)} × {_fmt(weight)}"
    if rule.cap and raw > weight:
        text += f"（封顶 {_fmt(weight)}）"
    return line(
        computed=value,
        status=LineStatus.MET if value >= weight else LineStatus.MISSED,
        explanation=Explanation(
            rule=name, formula=f"执行数 ÷ {symbol} × W", text=text, inputs=inputs
        ),
    )


# -- indicators ------------------------------------------------------------------------


def _units_compatible(target_unit: str, actual_unit: str) -> bool:
    if not actual_unit or not target_unit or actual_unit == target_unit:
        return True
    t = normalize_text(target_unit)
    a = normalize_text(actual_unit)
    return a == "" or t == "" or a == t or a in t or t in a


def _indicator_line(
    indicator: Indicator,
    path: str,
    computed: Decimal | None,
    status: LineStatus,
    explanation: Explanation,
) -> ScoreLine:
    return ScoreLine(
        path=path,
        label=indicator.name or indicator.level2,
        weight=indicator.weight,
        computed=computed,
        reported=indicator.reported_score,
        status=status,
        has_note=indicator.has_note,
        explanation=explanation,
    )


def _judgement(indicator: Indicator, rules: RuleSet, path: str, why: str) -> ScoreLine:
    band_text = ""
    if indicator.qualitative_grade is not None:
        band = rules.band_for(indicator.qualitative_grade)
        band_text = f"；{indicator.qualitative_grade.value}：得分应在 {_fmt(band.low * 100)}%–{_fmt(band.high * 100)}% × W"
    return _indicator_line(
        indicator,
        path,
        None,
        LineStatus.JUDGEMENT,
        Explanation(
            rule=f"{rules.name}: 定性",
            formula="按评价人判断 (judgement)",
            text=f"{why}{band_text}",
        ),
    )


def score_indicator(indicator: Indicator, rules: RuleSet, *, path: str) -> ScoreLine:
    """Score one indicator under ``rules``; qualitative rows are left to judgement."""
    if not indicator.applicable:
        return _indicator_line(
            indicator,
            path,
            None,
            LineStatus.NOT_APPLICABLE,
            Explanation(
                rule=f"{rules.name}: 不适用", formula="不计分", text="指标不适用 (not applicable)"
            ),
        )
    comparator = indicator.comparator
    target = indicator.target
    if comparator is None or comparator is Comparator.QUALITATIVE:
        return _judgement(indicator, rules, path, "定性指标或未标明指标性质")
    if target.value is None:
        return _judgement(indicator, rules, path, f"指标值“{target.text.strip()}”不是数值")
    actual = indicator.actual
    target_unit = indicator.unit or target.unit
    if actual is None or actual.value is None:
        why = (
            "完成值缺失"
            if actual is None or not actual.text.strip()
            else f"完成值“{actual.text.strip()}”不是数值"
        )
        return _indicator_line(
            indicator,
            path,
            None,
            LineStatus.NOT_COMPUTABLE,
            Explanation(
                rule=f"{rules.name}: {comparator.value}",
                formula="—",
                text=f"{why}，无法按规则计分 (actual missing)",
            ),
        )
    if not _units_compatible(target_unit, actual.unit):
        return _judgement(
            indicator, rules, path, f"完成值单位“{actual.unit}”与指标值单位“{target_unit}”不一致"
        )
    return _quantitative(
        indicator, rules, path, comparator, target.value, max(actual.value, Decimal(0))
    )


def _quantitative(
    indicator: Indicator, rules: RuleSet, path: str, comparator: Comparator, t: Decimal, a: Decimal
) -> ScoreLine:
    rule = rules.comparators[comparator]
    w = indicator.weight
    name = f"{rules.name}: {comparator.value} {rule.formula.value}"
    A, T, W = _fmt(a), _fmt(t), _fmt(w)
    inputs = (("A", A), ("T", T), ("W", W))
    formula = rule.formula
    if comparator in (Comparator.GE, Comparator.GT):
        met = a > t or (a == t and (comparator is Comparator.GE or rule.equality_meets))
    elif comparator in (Comparator.LE, Comparator.LT):
        met = a < t or (a == t and (comparator is Comparator.LE or rule.equality_meets))
    elif formula is ComparatorFormula.EQUAL_AS_GE:
        met = a >= t if t > 0 else a <= 0
    else:
        met = a == t
    if met:
        return _indicator_line(
            indicator,
            path,
            rules.rounding.apply(w),
            LineStatus.MET,
            Explanation(
                rule=name,
                formula="W",
                inputs=inputs,
                text=f"{W} = 满分（{A} {comparator.value} {T}）",
            ),
        )
    if t == 0 and formula is not ComparatorFormula.REVERSE_RATIO:
        raw, symbols, text = (
            Decimal(0),
            "0",
            f"0 = 目标值为0且未达标（{A} {comparator.value} 0 不成立）",
        )
    elif formula in (ComparatorFormula.PROPORTIONAL, ComparatorFormula.EQUAL_AS_GE):
        raw = RATE_CONTEXT.divide(a * w, t)
        symbols, text = "A ÷ T × W", f"{A} ÷ {T} × {W}"
    elif formula is ComparatorFormula.REVERSE_RATIO:
        raw = RATE_CONTEXT.divide(t * w, a) if a != 0 else w
        symbols, text = "T ÷ A × W", f"{T} ÷ {A} × {W}"
    elif formula is ComparatorFormula.REVERSE_LINEAR:
        raw = w * max(Decimal(0), 2 - RATE_CONTEXT.divide(a, t))
        symbols, text = "W × max(0, 2 − A ÷ T)", f"{W} × max(0, 2 − {A} ÷ {T})"
    else:  # EQUAL_SYMMETRIC
        raw = w * max(Decimal(0), 1 - RATE_CONTEXT.divide(abs(a - t), t))
        symbols, text = "W × max(0, 1 − |A − T| ÷ T)", f"{W} × max(0, 1 − |{A} − {T}| ÷ {T})"
    value = rules.rounding.apply(min(max(raw, Decimal(0)), w))
    if not text.startswith("0 = "):
        text = f"{_fmt(value)} = {text}"
    return _indicator_line(
        indicator,
        path,
        value,
        LineStatus.MISSED,
        Explanation(rule=name, formula=symbols, text=text, inputs=inputs),
    )


# -- documents -------------------------------------------------------------------------


def _total(
    lines: Iterable[ScoreLine], rules: RuleSet, maximum: Decimal
) -> tuple[Decimal | None, Explanation]:
    used: list[Decimal] = []
    excluded = Decimal(0)
    for line in lines:
        if line.status is LineStatus.NOT_APPLICABLE:
            excluded += line.weight
            continue
        value = line.used
        if value is None:
            return None, Explanation(
                rule=f"{rules.name}: 合计",
                formula="Σ",
                text=f"{line.path} 既无规则得分也无填报得分，无法合计 (a line has no score)",
            )
        used.append(value)
    total = sum(used, Decimal(0))
    text = " + ".join(_fmt(v) for v in used) or "0"
    formula = "Σ 各行得分"
    if excluded and rules.non_applicable is NonApplicablePolicy.RESCALE and maximum > excluded:
        total = RATE_CONTEXT.divide(total * maximum, maximum - excluded)
        text = f"({text}) × {_fmt(maximum)} ÷ {_fmt(maximum - excluded)}"
        formula = "Σ 适用指标得分 × 满分 ÷ 适用指标满分"
    total = rules.rounding.apply(total)
    return total, Explanation(
        rule=f"{rules.name}: 合计", formula=formula, text=f"{_fmt(total)} = {text}"
    )


@exact
def score_project(document: ProjectEvaluation, rules: RuleSet | str | None = None) -> ScoreSheet:
    """Score a project self-evaluation: budget execution + every indicator."""
    ruleset = default_rules_for(document, rules)
    lines: list[ScoreLine] = []
    if document.budget is not None:
        lines.append(score_budget(document.budget, ruleset))
    for index, indicator in enumerate(document.indicators):
        lines.append(score_indicator(indicator, ruleset, path=f"indicators[{index}]"))
    maximum = sum((line.weight for line in lines), Decimal(0)) if lines else ruleset.weights.total
    if lines:
        total, explanation = _total(lines, ruleset, maximum)
    else:
        total, explanation = (
            None,
            Explanation(
                rule=f"{ruleset.name}: 合计",
                formula="—",
                text="表中没有可计分的行，只有填报的综合得分 (no scored rows; only a reported total)",
            ),
        )
    return _sheet(
        "project",
        document.title,
        ruleset,
        lines,
        maximum,
        total,
        explanation,
        document.reported_total,
        document.reported_grade,
    )


def _sheet(
    kind: str,
    title: str,
    rules: RuleSet,
    lines: list[ScoreLine],
    maximum: Decimal,
    total: Decimal | None,
    explanation: Explanation,
    reported_total: Decimal | None,
    reported_grade: Grade | None,
) -> ScoreSheet:
    return ScoreSheet(
        kind=kind,
        title=title,
        rules=rules.name,
        lines=tuple(lines),
        maximum=maximum,
        total=total,
        total_explanation=explanation,
        reported_total=reported_total,
        grade=rules.grade_for(total) if total is not None else None,
        grade_of_reported_total=rules.grade_for(reported_total)
        if reported_total is not None
        else None,
        reported_grade=reported_grade,
    )


def _dimension_line(
    node: Dimension,
    path: str,
    computed: Decimal | None,
    status: LineStatus,
    explanation: Explanation,
) -> ScoreLine:
    return ScoreLine(
        path=path,
        label=node.name,
        weight=node.weight,
        computed=computed,
        reported=node.reported_score,
        status=status,
        has_note=bool(node.note),
        explanation=explanation,
    )


def _score_dimension(
    node: Dimension, rules: RuleSet, path: str, lines: list[ScoreLine]
) -> ScoreLine:
    if node.children:
        children = [
            _score_dimension(child, rules, f"{path}.children[{i}]", lines)
            for i, child in enumerate(node.children)
        ]
        used = [c.used for c in children]
        total = (
            None
            if any(u is None for u in used)
            else sum((u for u in used if u is not None), Decimal(0))
        )
        text = (
            f"{_fmt(total)} = " + " + ".join(_fmt(u) for u in used if u is not None)
            if total is not None
            else "下级缺少得分"
        )
        line = _dimension_line(
            node,
            path,
            total,
            LineStatus.SUM,
            Explanation(rule=f"{rules.name}: 维度合计", formula="Σ 下级得分", text=text),
        )
    elif node.rule:
        value, text = evaluate_dimension_rule(node.rule, node.weight, dict(node.inputs))
        value = rules.rounding.apply(value) if value is not None else None
        status = LineStatus.MET if value is not None and value >= node.weight else LineStatus.MISSED
        line = _dimension_line(
            node,
            path,
            value,
            status,
            Explanation(
                rule=f"{rules.name}: {node.rule}",
                formula=node.rule,
                text=text,
                inputs=tuple((k, _fmt(v)) for k, v in node.inputs),
            ),
        )
    else:
        line = _dimension_line(
            node,
            path,
            None,
            LineStatus.JUDGEMENT,
            Explanation(
                rule=f"{rules.name}: 判断",
                formula="按评价人判断 (judgement)",
                text=f"得分应在 0–{_fmt(node.weight)} 之间",
            ),
        )
    lines.append(line)
    return line


@exact
def score_department(
    document: DepartmentEvaluation, rules: RuleSet | str | None = None
) -> ScoreSheet:
    """Score a department evaluation: each dimension as the sum of its children."""
    ruleset = default_rules_for(document, rules)
    lines: list[ScoreLine] = []
    top = [
        _score_dimension(node, ruleset, f"dimensions[{i}]", lines)
        for i, node in enumerate(document.dimensions)
    ]
    maximum = sum((node.weight for node in document.dimensions), Decimal(0))
    total, explanation = _total(top, ruleset, maximum)
    return _sheet(
        "department",
        f"{document.department} {document.year}",
        ruleset,
        lines,
        maximum,
        total,
        explanation,
        document.reported_total,
        document.reported_grade,
    )


@exact
def score(
    document: ProjectEvaluation | DepartmentEvaluation, rules: RuleSet | str | None = None
) -> ScoreSheet:
    """Score a document under ``rules`` (a RuleSet or a shipped rule-set name).

    ``rules=None`` uses the rule set of the document's layout (``sichuan-2023`` for the
    Sichuan form, else ``national``).

    Raises:
        RuleError: ``rules`` names no rule set.
        BudgetPerfError: the document is not one that is scored (final accounts are checked,
            not scored).
    """
    if isinstance(document, ProjectEvaluation):
        return score_project(document, rules)
    if isinstance(document, DepartmentEvaluation):
        return score_department(document, rules)
    kind = "部门决算" if isinstance(document, FinalAccounts) else type(document).__name__
    raise BudgetPerfError(
        f"{kind}不评分，只做一致性检查",
        f"{type(document).__name__} is checked, not scored",
        value=type(document).__name__,
        expected="a ProjectEvaluation or DepartmentEvaluation",
    )
