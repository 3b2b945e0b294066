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
    (Decimal('9.47'), '9.47 ≈ 90 ÷ 95 × 10')
    >>> line.difference
    Decimal('-0.47')

The reported score and the rule score are kept side by side; neither replaces the other.
"""

from __future__ import annotations

import contextvars
import enum
import functools
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Final, final, overload

import attrs

from budgetperf.errors import BudgetPerfError, RuleError
from budgetperf.explanations import TEMPLATES
from budgetperf.model.evaluation import (
    Batch,
    BudgetBlock,
    DepartmentEvaluation,
    Dimension,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.model.indicators import Comparator, Grade, Indicator
from budgetperf.money import DECIMAL_CONTEXT, _quantum, exact
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.department import evaluate_dimension_rule
from budgetperf.scoring.rules import (
    ComparatorFormula,
    NonApplicablePolicy,
    OffMaximumPolicy,
    RuleSet,
    default_rules_for,
)
from budgetperf.units import Converted, common_scale, parse_unit

if TYPE_CHECKING:
    from budgetperf.scoring.aggregate import ScoreSheets

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
    UNWEIGHTED = "无分值"
    PART = "分项"
    """A part of the row above (其中 …): scored for comparison, never counted in the total."""
    SUM = "合计"


# The members the scoring loop compares with, looked up once: reading an enum member off its
# class, its ``value`` or its hash costs a Python-level call each time, a few per row.
_MET_LINE: Final = LineStatus.MET
_MISSED_LINE: Final = LineStatus.MISSED
_NOT_APPLICABLE_LINE: Final = LineStatus.NOT_APPLICABLE
_UNWEIGHTED_LINE: Final = LineStatus.UNWEIGHTED
_PART_LINE: Final = LineStatus.PART
_SUM_LINE: Final = LineStatus.SUM
_GE: Final = Comparator.GE
_GT: Final = Comparator.GT
_LE: Final = Comparator.LE
_LT: Final = Comparator.LT
_QUALITATIVE: Final = Comparator.QUALITATIVE
_ZERO: Final = Decimal(0)

# The Chinese forms of the explanation sentences (budgetperf.explanations is their one home),
# each a function of its figures, looked up once.
_Z: Final = {key: template.zh for key, template in TEMPLATES.items()}
# The sentences without placeholders, written once.
_S: Final = {key: template.zh() for key, template in TEMPLATES.items() if not template.names}
_ZH_MET: Final = _Z["met"]
_ZH_MET_GE: Final = _Z["met.ge"]
_ZH_GE: Final = _Z["relation.ge"]
_ZH_GT: Final = _Z["relation.gt"]
_ZH_LE: Final = _Z["relation.le"]
_ZH_LT: Final = _Z["relation.lt"]
_ZH_EQ: Final = _Z["relation.eq"]
_ZH_WITH_NOTE: Final = _Z["with_note"]
_ZH_SUM: Final = _Z["total.sum"]
_RELATION_OF: Final = {"＞": _ZH_GT, "＜": _ZH_LT, "＝": _ZH_EQ}
_SYMBOLS_ZERO: Final = _S["formula.zero"]
_SYMBOLS_TWICE: Final = _S["formula.twice"]
_SYMBOLS_PROPORTIONAL: Final = _S["formula.proportional"]
_SYMBOLS_REVERSE_RATIO: Final = _S["formula.reverse_ratio"]
_SYMBOLS_REVERSE_LINEAR: Final = _S["formula.reverse_linear"]
_SYMBOLS_SYMMETRIC: Final = _S["formula.symmetric"]
_BUDGET_LABEL: Final = _S["budget.label"]
_TOTAL_FORMULA: Final = _S["total.formula"]
_ZH_GRADING_BANDS: Final = _Z["grading.bands"]
_ZH_BUDGET_RATIO: Final = _Z["budget.ratio"]
_ROUNDED_LINES: dict[int, str] = {}
"""The note of a total that adds rounded scores, by the rule set's places (a few keys)."""
_ADJUSTED: Final = _S["budget.adjusted"]
_INITIAL: Final = _S["budget.initial"]
_BUDGET_FORMULAS: Final = {
    symbol: _Z["budget.formula"](denominator=symbol) for symbol in (_ADJUSTED, _INITIAL)
}


@final
@attrs.frozen(slots=True, kw_only=True)
class Explanation:
    """How a figure was reached (计分说明).

    Attributes:
        rule: rule set and rule (``"national: ≥ proportional"``).
        formula: the formula in symbols (``"A ÷ T × W"``).
        text: the formula with the figures (``"9.47 ≈ 90 ÷ 95 × 10"``: ≈ when rounded).
        inputs: the figures used, as (symbol, value) pairs.
        rounded: whether the figure is the formula's value rounded by the rule set (the
            text then says ≈, and a total of such figures says it adds rounded scores).
    """

    rule: str
    formula: str
    text: str
    inputs: tuple[tuple[str, str], ...] = ()
    rounded: bool = False


_EXPLAIN: contextvars.ContextVar[bool] = contextvars.ContextVar("budgetperf_explain", default=True)
"""Whether the scoring functions write explanations (off inside ``score(..., explain=False)``)."""


def _explaining() -> bool:
    return _EXPLAIN.get()


def _silent(rounded: bool = False) -> Explanation:
    """The explanation of a line scored without explanations: only ``rounded`` is kept
    (a total says whether it adds rounded scores)."""
    return _SILENT_ROUNDED if rounded else _SILENT


_SILENT: Explanation = Explanation(rule="", formula="", text="")
_SILENT_ROUNDED: Explanation = Explanation(rule="", formula="", text="", rounded=True)


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
        status = self.status
        if status is _NOT_APPLICABLE_LINE or status is _UNWEIGHTED_LINE or status is _PART_LINE:
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
        maximum: the maximum the total is out of: the weights actually present, less those
            of non-applicable lines unless the rule set rescales them (满分).
        total: Σ of the lines' used scores (rounded by the rule set), or None when a line
            has neither a rule score nor a reported one.
        total_explanation: how the total was formed.
        reported_total: the total printed in the document.
        grade: the grade the computed total earns, or None when it is not gradable.
        grade_of_reported_total: the grade the printed total earns under the same bands
            (None when the table is not gradable).
        reported_grade: the grade printed in the document.
        rule_maximum: the maximum the rule set's grade bands are defined on (100).
        graded_total: the figure the grade is given on: the total, or the total normalised
            to ``rule_maximum`` when the rule set says so; None when not gradable.
        grading: how the grade was reached, or why there is none.
        gradable: whether the rule set's bands apply: the maximum is the rule set's, or
            the rule set names a normalisation (不可评级 otherwise).
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
    rule_maximum: Decimal = Decimal(100)
    graded_total: Decimal | None = None
    grading: str = ""
    gradable: bool = True

    @property
    def discretionary(self) -> tuple[ScoreLine, ...]:
        """Lines scored below the rule with a stated reason."""
        return tuple(line for line in self.lines if line.discretionary)

    @property
    def reported_sum(self) -> Decimal | None:
        """Σ of the reported line scores (None when one is missing or there are no lines).

        A line without points (无分值) counts the score it prints: a form without a 分值
        column (项目自评表, 得分 only) still prints each row's 得分, and its 总分 is their sum.
        """
        total = Decimal(0)
        if not self.lines:
            return None
        for line in self.lines:
            status = line.status
            # The lines not summed, by identity: hashing a member is a Python-level call.
            if status is _NOT_APPLICABLE_LINE or status is _PART_LINE or status is _SUM_LINE:
                continue
            if status is _UNWEIGHTED_LINE:
                if line.reported is not None:
                    total = DECIMAL_CONTEXT.add(total, line.reported)
                continue
            if line.reported is None:
                return None
            # In the library's context, named: a property may be read outside ``exact``.
            total = DECIMAL_CONTEXT.add(total, line.reported)
        return total

    def __repr__(self) -> str:
        # The lines in full (each with its explanation) would be kilobytes per sheet.
        grade = self.grade.value if self.grade is not None else None
        return (
            f"ScoreSheet(kind={self.kind!r}, title={self.title!r}, rules={self.rules!r}, "
            f"lines=<{len(self.lines)} ScoreLine>, maximum={self.maximum!r}, "
            f"total={self.total!r}, reported_total={self.reported_total!r}, grade={grade!r})"
        )

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


# -- records built from proven values ------------------------------------------------------
# The scoring functions build a ScoreLine and an Explanation for every row. The classes'
# attrs ``__init__`` (keyword call, ``object.__setattr__`` per field, the frozen class's way)
# was a third of the cost of a row; these constructors set the same slots through the slots'
# own descriptors. They are used only with values the scoring code has made (the types the
# fields declare); the classes have no validators or converters to skip, and users' calls of
# ``ScoreLine(...)`` and ``Explanation(...)`` are unchanged.

_LINE_FIELDS: Final = (
    "path",
    "label",
    "weight",
    "computed",
    "reported",
    "status",
    "explanation",
    "has_note",
)
_EXPLANATION_FIELDS: Final = ("rule", "formula", "text", "inputs", "rounded")
_SHEET_FIELDS: Final = (
    "kind",
    "title",
    "rules",
    "lines",
    "maximum",
    "total",
    "total_explanation",
    "reported_total",
    "grade",
    "grade_of_reported_total",
    "reported_grade",
    "rule_maximum",
    "graded_total",
    "grading",
    "gradable",
)


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The setters of ``cls``'s slots, in the order of ``names``: exactly its attrs fields,
    with no converter, validator or post-init to run (checked here, once, at import)."""
    fields = attrs.fields(cls)
    if (
        tuple(field.name for field in fields) != names
        or any(field.converter is not None or field.validator is not None for field in fields)
        or hasattr(cls, "__attrs_post_init__")
    ):
        raise BudgetPerfError(
            "计分记录的字段与快速构造不符",
            f"the fields of {cls.__name__} no longer match its fast constructor",
            value=[field.name for field in fields],
            expected=", ".join(names),
        )
    return tuple(cls.__dict__[name].__set__ for name in names)


_new = object.__new__
(
    _set_path,
    _set_label,
    _set_weight,
    _set_computed,
    _set_reported,
    _set_status,
    _set_explanation,
    _set_has_note,
) = _slot_setters(ScoreLine, _LINE_FIELDS)
_set_rule, _set_formula, _set_text, _set_inputs, _set_rounded = _slot_setters(
    Explanation, _EXPLANATION_FIELDS
)
(
    _set_kind,
    _set_title,
    _set_rules,
    _set_lines,
    _set_maximum,
    _set_total,
    _set_total_explanation,
    _set_reported_total,
    _set_grade,
    _set_grade_of_reported_total,
    _set_reported_grade,
    _set_rule_maximum,
    _set_graded_total,
    _set_grading,
    _set_gradable,
) = _slot_setters(ScoreSheet, _SHEET_FIELDS)


def _line(
    path: str,
    label: str,
    weight: Decimal,
    computed: Decimal | None,
    reported: Decimal | None,
    status: LineStatus,
    explanation: Explanation,
    has_note: bool,
) -> ScoreLine:
    """``ScoreLine(path=…, …)`` for values the scoring functions made."""
    line = _new(ScoreLine)
    _set_path(line, path)
    _set_label(line, label)
    _set_weight(line, weight)
    _set_computed(line, computed)
    _set_reported(line, reported)
    _set_status(line, status)
    _set_explanation(line, explanation)
    _set_has_note(line, has_note)
    return line


def _explanation(
    rule: str,
    formula: str,
    text: str,
    inputs: tuple[tuple[str, str], ...] = (),
    rounded: bool = False,
) -> Explanation:
    """``Explanation(rule=…, …)`` for values the scoring functions made."""
    explanation = _new(Explanation)
    _set_rule(explanation, rule)
    _set_formula(explanation, formula)
    _set_text(explanation, text)
    _set_inputs(explanation, inputs)
    _set_rounded(explanation, rounded)
    return explanation


@final
class _Prepared:
    """What scoring reads of one rule set, worked out once per rule set (规则集的计分准备).

    ``comparators`` maps a comparator's ``id`` to (its rule's formula, whether equality
    meets, the explanation's rule name ``"national: ≥ proportional"``); :meth:`full` gives
    the score of a met row.
    """

    __slots__ = ("comparators", "full_marks", "rules")

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        # Keyed by the member's id: an enum member's hash is a Python-level call.
        self.comparators: dict[int, tuple[ComparatorFormula, bool, str]] = {
            id(comparator): (
                rule.formula,
                rule.equality_meets,
                f"{rules.name}: {comparator.value} {rule.formula.value}",
            )
            for comparator, rule in rules.comparators.items()
        }
        self.full_marks: dict[Decimal, Decimal] = {}

    def full(self, weight: Decimal) -> Decimal:
        """A met row's score: its weight rounded by the rule set, worked out once per weight.

        Equal weights (5, 5.0) round alike; 0 and −0 do not (0.00, −0.00), so zero is never
        looked up."""
        if not weight:
            return self.rules.rounding.apply(weight)
        found = self.full_marks.get(weight)
        if found is None:
            if len(self.full_marks) >= 256:
                self.full_marks.clear()
            found = self.full_marks[weight] = self.rules.rounding.apply(weight)
        return found


_PREPARED: dict[int, _Prepared] = {}
"""Prepared rule sets by ``id``; each entry holds its rule set, so an id is not reused while
its entry lives, and the entry is checked to be of the very rule set asked for."""


def _prepared(rules: RuleSet) -> _Prepared:
    """The prepared data of ``rules`` (rule sets are frozen, so it never goes stale)."""
    found = _PREPARED.get(id(rules))
    if found is None or found.rules is not rules:
        if len(_PREPARED) >= 64:  # users' rule sets made on the fly: keep the cache small
            _PREPARED.clear()
        found = _PREPARED[id(rules)] = _Prepared(rules)
    return found


# Equal Decimals (10, 10.00, 1E+1) are written alike here, so caching by value is safe.
@functools.lru_cache(maxsize=8192)
def _fmt(value: Decimal) -> str:
    """A number as people write it: no exponent, no trailing zeros after the point."""
    text = str(value)
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _sum(values: Iterable[Decimal]) -> Decimal:
    """An exact sum in the library's own context (the ambient one is never used)."""
    return functools.reduce(RATE_CONTEXT.add, values, _ZERO_SUM)


_ZERO_SUM: Final = Decimal(0)


# -- budget execution ------------------------------------------------------------------


def execution_points(
    executed: Decimal, denominator: Decimal, weight: Decimal, rules: RuleSet
) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal | None]:
    """The budget-execution score on plain figures (a denominator other than 0), the one
    home of the rule's arithmetic: (score, W × rate, that capped, the exact rate, the rate
    scored, the percent the rate was rounded to or None)::

        >>> from budgetperf.scoring import get_rules
        >>> execution_points(Decimal(90), Decimal(100), Decimal(10), get_rules("national"))[0]
        Decimal('9.00')
    """
    rule = rules.execution
    rate = exact = RATE_CONTEXT.divide(executed, denominator)
    percent = None
    if rule.compare_places is not None:
        # In the library's context (where every scoring function runs: ``exact``).
        percent = RATE_CONTEXT.multiply(rate, 100).quantize(
            _quantum(rule.compare_places), rounding=ROUND_HALF_UP, context=DECIMAL_CONTEXT
        )
        rate = RATE_CONTEXT.divide(percent, 100)
    raw = RATE_CONTEXT.multiply(rate, weight)
    capped = min(raw, weight) if rule.cap else raw
    return rules.rounding.apply(capped), raw, capped, exact, rate, percent


def score_budget(block: BudgetBlock, rules: RuleSet, *, path: str = "budget") -> ScoreLine:
    """Score the budget-execution block (预算执行率得分): W × executed ÷ budget, capped."""
    rule = rules.execution
    row = block.total
    adjusted = rule.denominator == "adjusted"
    denominator_amount = row.adjusted_budget if adjusted else row.initial_budget
    symbol = _ADJUSTED if adjusted else _INITIAL
    weight = block.weight
    name = f"{rules.name}: {_BUDGET_LABEL}"
    label = f"{_BUDGET_LABEL}（{row.category}）"
    formula = _BUDGET_FORMULAS[symbol]
    reported = block.reported_score
    has_note = bool(block.reason.strip())
    if row.executed is None or denominator_amount is None:
        return _line(
            path,
            label,
            weight,
            None,
            reported,
            LineStatus.NOT_COMPUTABLE,
            _explanation(name, formula, _S["budget.missing"]),
            has_note,
        )
    executed = row.executed.to(denominator_amount.unit).value
    denominator = denominator_amount.value
    explain = _EXPLAIN.get()
    if explain:
        E, D, W = _fmt(executed), _fmt(denominator), _fmt(weight)
        inputs: tuple[tuple[str, str], ...] = ((_S["budget.executed"], E), (symbol, D), ("W", W))
    else:
        E = D = W = ""
        inputs = ()
    if denominator == 0:
        if rule.zero_budget == "zero":
            return _line(
                path,
                label,
                weight,
                Decimal(0),
                reported,
                _MISSED_LINE,
                _explanation(name, _S["budget.zero_formula"], _S["budget.zero"], inputs),
                has_note,
            )
        return _line(
            path,
            label,
            weight,
            None,
            reported,
            _NOT_APPLICABLE_LINE,
            _explanation(name, _S["budget.zero_na_formula"], _S["budget.zero_na"], inputs),
            has_note,
        )
    value, raw, capped, exact, rate, percent = execution_points(
        executed, denominator, weight, rules
    )
    rounded = value != capped
    status = _MET_LINE if value >= weight else _MISSED_LINE
    if not explain:
        return _line(path, label, weight, value, reported, status, _silent(rounded), has_note)
    capped_text = rule.cap and raw > weight
    shown = rules.rounding.apply(raw) if capped_text else raw
    if percent is None:
        text = (
            _Z["budget.capped_ratio"](
                value=_fmt(value), W=W, E=E, D=D, eq="=" if shown == raw else "≈", shown=_fmt(shown)
            )
            if capped_text
            else _ZH_BUDGET_RATIO(value=_fmt(value), eq="≈" if rounded else "=", E=E, D=D, W=W)
        )
    else:
        P = _fmt(percent)
        text = (
            _Z["budget.capped_percent"](
                value=_fmt(value),
                W=W,
                percent=P,
                eq="=" if shown == raw else "≈",
                shown=_fmt(shown),
            )
            if capped_text
            else _Z["budget.percent"](value=_fmt(value), eq="≈" if rounded else "=", percent=P, W=W)
        )
        if exact != rate:
            text = _ZH_WITH_NOTE(
                text=text,
                note=_Z["budget.rate_rounded"](
                    exact=_fmt(exact * 100), places=str(rule.compare_places), percent=P
                ),
            )
    return _line(
        path,
        label,
        weight,
        value,
        reported,
        status,
        _explanation(name, formula, text, inputs, rounded),
        has_note,
    )


# -- indicators ------------------------------------------------------------------------


def indicator_units(indicator: Indicator) -> tuple[str, str]:
    """(target unit, actual unit) of a row, each completed by its 度量单位 column."""
    actual = indicator.actual.unit if indicator.actual is not None else ""
    target = indicator.target.unit
    if not target and not actual:  # the common case: only the 度量单位 column has a unit
        column = indicator.unit.strip()
        return column, column
    return _cell_unit(target, indicator.unit), _cell_unit(actual, indicator.unit)


def _cell_unit(cell: str, column: str) -> str:
    """A cell's unit, completed by the 度量单位 column ("万" under 人次 is 万人次)."""
    cell, column = cell.strip(), column.strip()
    if not cell:
        return column
    if column and parse_unit(cell).bare_magnitude and parse_unit(column).exponent == 0:
        return cell + column
    return cell


def converted_score(share: Decimal, score: Decimal) -> Decimal:
    """折算得分 of forms that print 权重占比 (Hebei): 权重占比 × 得分, exact, the share in percent.

    >>> converted_score(Decimal("20"), Decimal("95"))
    Decimal('19')
    """
    return RATE_CONTEXT.divide(RATE_CONTEXT.multiply(share, score), 100)


def _points(indicator: Indicator) -> Decimal:
    """The weight of a row being scored by a rule (rows without one never get this far)."""
    if indicator.weight is None:  # pragma: no cover - score_indicator returns before
        raise RuleError(
            "无分值的指标不能按规则计分",
            "an indicator without a weight cannot be scored by a rule",
            field="Indicator.weight",
        )
    return indicator.weight


def _indicator_line(
    indicator: Indicator,
    path: str,
    computed: Decimal | None,
    status: LineStatus,
    explanation: Explanation,
) -> ScoreLine:
    weight = indicator.weight
    # _line(...), written out: this is every indicator row's line.
    line = _new(ScoreLine)
    _set_path(line, path)
    _set_label(line, indicator.name or indicator.level2)
    _set_weight(line, _ZERO if weight is None else weight)
    _set_computed(line, computed)
    _set_reported(line, indicator.reported_score)
    _set_status(line, status)
    _set_explanation(line, explanation)
    _set_has_note(line, indicator.has_note)
    return line


def _judgement(indicator: Indicator, rules: RuleSet, path: str, why: str) -> ScoreLine:
    text = why
    if indicator.qualitative_grade is not None:
        band = rules.band_for(indicator.qualitative_grade)
        text = _Z["judgement.band"](
            why=why,
            grade=indicator.qualitative_grade.value,
            low=_fmt(band.low * 100),
            high=_fmt(band.high * 100),
        )
    return _indicator_line(
        indicator,
        path,
        None,
        LineStatus.JUDGEMENT,
        Explanation(rule=f"{rules.name}: 定性", formula=_S["judgement.formula"], text=text),
    )


def _not_computable(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    rule: str,
    text: str,
    inputs: tuple[tuple[str, str], ...] = (),
) -> ScoreLine:
    return _indicator_line(
        indicator,
        path,
        None,
        LineStatus.NOT_COMPUTABLE,
        Explanation(
            rule=f"{rules.name}: {rule}", formula=_S["formula.none"], text=text, inputs=inputs
        ),
    )


def score_indicator(indicator: Indicator, rules: RuleSet, *, path: str) -> ScoreLine:
    """Score one indicator under ``rules``; qualitative rows are left to judgement.

    A row that prints no comparator is met when its actual equals its target (a number in
    comparable units); otherwise it is left to judgement, since no rule says which way a
    deviation counts. An actual printed as a bound ("≥90%") is scored only as far as the
    bound decides (see :func:`_bounded_actual`). A part of another row (``parent`` set) is
    scored the same way for comparison, as a :attr:`LineStatus.PART` line that no total
    counts: its parent row already does.
    """
    line = _score_row(indicator, rules, path)
    if indicator.parent is None:
        return line
    return attrs.evolve(
        line,
        status=LineStatus.PART,
        explanation=attrs.evolve(
            line.explanation,
            text=_Z["part"](
                parent=str(indicator.parent),
                status=line.status.value,
                inner=line.explanation.text,
            ),
        ),
    )


def _score_row(indicator: Indicator, rules: RuleSet, path: str) -> ScoreLine:
    weight = indicator.weight
    if weight is None:
        # A row without points (a 其中 sub-row, a form without a 分值 column) counts for
        # nothing: it is shown, never given a weight it does not print.
        return _indicator_line(
            indicator,
            path,
            None,
            _UNWEIGHTED_LINE,
            Explanation(
                rule=f"{rules.name}: 无分值",
                formula=_S["formula.not_scored"],
                text=_S["row.unweighted"],
            ),
        )
    if not indicator.applicable:
        return _indicator_line(
            indicator,
            path,
            None,
            _NOT_APPLICABLE_LINE,
            Explanation(
                rule=f"{rules.name}: 不适用",
                formula=_S["formula.not_scored"],
                text=_S["row.not_applicable"],
            ),
        )
    comparator = indicator.comparator
    target = indicator.target
    actual = indicator.actual
    if comparator is _QUALITATIVE:
        return _judgement(indicator, rules, path, _S["judgement.qualitative"])
    if target.value is None and not target.text.strip():
        return _not_computable(
            indicator,
            rules,
            path,
            comparator.value if comparator else "指标值",
            _S["target.missing"],
        )
    if target.value is None:
        return _judgement(indicator, rules, path, _Z["target.not_number"](cell=target.text.strip()))
    if comparator is not None and (actual is None or actual.value is None):
        why = (
            _S["actual.missing"]
            if actual is None or not actual.text.strip()
            else _Z["actual.not_number"](cell=actual.text.strip())
        )
        return _not_computable(
            indicator, rules, path, comparator.value, _Z["actual.not_computable"](why=why)
        )
    if actual is None or actual.value is None:
        return _judgement(indicator, rules, path, _S["comparator.none"])
    if comparator is not None and actual.comparator is None and not (target.unit or actual.unit):
        # The commonest row: no unit in either cell, so both take the 度量单位 column's
        # (indicator_units): one unit, nothing to convert.
        return _quantitative(
            indicator, rules, path, comparator, actual.value, target.value, "", weight
        )
    t_unit, a_unit = indicator_units(indicator)
    if t_unit == a_unit and comparator is not None and actual.comparator is None:
        # The common row: a figure against a target in one unit, where common_scale would
        # convert nothing and add no note.
        return _quantitative(
            indicator, rules, path, comparator, actual.value, target.value, "", weight
        )
    both = common_scale(actual.value, a_unit, target.value, t_unit)
    if not isinstance(both, Converted):
        if comparator is None:
            return _judgement(
                indicator, rules, path, _Z["comparator.none_reason"](reason=both.reason)
            )
        return _not_computable(
            indicator,
            rules,
            path,
            comparator.value,
            _Z["units.incomparable"](
                unit_a=both.actual_unit, unit_t=both.target_unit, reason=both.reason
            ),
        )
    if actual.comparator is not None and actual.is_bound:
        return _bounded_actual(indicator, rules, path, comparator, both)
    if comparator is None:
        if both.actual == both.target:
            return _met(
                indicator,
                rules,
                path,
                f"{rules.name}: 未标指标性质",
                both,
                _Z["comparator.none_equal"](A=_fmt(both.actual), T=_fmt(both.target)),
            )
        return _judgement(indicator, rules, path, _S["comparator.none_unequal"])
    return _quantitative(
        indicator, rules, path, comparator, both.actual, both.target, both.note, weight
    )


def _bounded_actual(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    comparator: Comparator | None,
    both: Converted,
) -> ScoreLine:
    """An actual printed as a bound ("≥90%", "90%以上", "＜5%") against the target.

    The rules score the value achieved (完成值) against the target (财预〔2020〕10号 附件1:
    完成值 ÷ 指标值 × 权重); a bound is not that value, only where it lies. So the row is
    met when every value the bound allows meets the target (≥ 95 against ≥ 90; ＜ 3 against
    ≤ 5), and otherwise no rule score is given — the value may meet the target or miss it
    by any amount — and the reported score stands (无法按规则计算). A bound is never read
    as the figure it names.
    """
    assert indicator.actual is not None and indicator.actual.comparator is not None
    bound = indicator.actual.comparator
    a, t = both.actual, both.target
    cell = indicator.actual.text.strip()
    shown = _Z["bound.shown"](cell=cell, bound=bound.value, A=_fmt(a))
    if comparator is None:
        return _judgement(indicator, rules, path, _Z["comparator.none_reason"](reason=shown))
    if _bound_meets(comparator, bound, a, t):
        proven = _Z["bound.proven"](
            cell=cell, bound=bound.value, A=_fmt(a), comparator=comparator.value, T=_fmt(t)
        )
        return _met(
            indicator, rules, path, f"{rules.name}: {comparator.value} 范围值", both, proven
        )
    return _not_computable(
        indicator,
        rules,
        path,
        f"{comparator.value} 范围值",
        _Z["bound.undecided"](reason=shown, comparator=comparator.value, T=_fmt(t)),
        (("A", f"{bound.value}{_fmt(a)}"), ("T", _fmt(t)), ("W", _fmt(_points(indicator)))),
    )


def _bound_meets(comparator: Comparator, bound: Comparator, a: Decimal, t: Decimal) -> bool:
    """Whether every value a bound allows (``bound`` ``a``) meets the target (``comparator`` ``t``)."""
    if comparator.is_positive and bound.is_positive:
        # Every value is ≥ a (or > a): met when a meets the target, or values above a do.
        return a > t or (a == t and (comparator is Comparator.GE or bound is Comparator.GT))
    if comparator.is_reverse and bound.is_reverse:
        return a < t or (a == t and (comparator is Comparator.LE or bound is Comparator.LT))
    return False


def _relation(a: Decimal, t: Decimal) -> str:
    """The relation that holds between two numbers, as a symbol."""
    return "＞" if a > t else "＜" if a < t else "＝"


def _with_note(text: str, notes: list[str] | tuple[str, ...]) -> str:
    for note in notes:
        if note:
            text = _ZH_WITH_NOTE(text=text, note=note)
    return text


def _met(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    name: str,
    both: Converted,
    relation: str,
    notes: tuple[str, ...] = (),
    inputs: tuple[tuple[str, str], ...] | None = None,
) -> ScoreLine:
    """A met row: its weight; ``inputs`` are A, T and W as written when the caller has them."""
    w = _points(indicator)
    if not _EXPLAIN.get():
        return _indicator_line(indicator, path, _prepared(rules).full(w), _MET_LINE, _SILENT)
    return _met_line(
        indicator,
        path,
        _prepared(rules).full(w),
        name,
        _fmt(w),
        relation,
        (both.note, *notes),
        inputs
        if inputs is not None
        else (("A", _fmt(both.actual)), ("T", _fmt(both.target)), ("W", _fmt(w))),
    )


def _met_line(
    indicator: Indicator,
    path: str,
    value: Decimal,
    name: str,
    W: str,
    relation: str,
    notes: tuple[str, ...],
    inputs: tuple[tuple[str, str], ...],
) -> ScoreLine:
    """A met row's line, its explanation written from figures already formatted."""
    return _indicator_line(
        indicator,
        path,
        value,
        _MET_LINE,
        _explanation(name, "W", _with_note(_ZH_MET(W=W, relation=relation), notes), inputs),
    )


def _meets(
    comparator: Comparator,
    formula: ComparatorFormula,
    equality_meets: bool,
    a: Decimal,
    t: Decimal,
    explain: bool | None = None,
) -> tuple[bool, str]:
    """Whether ``a`` meets ``t`` and the relation that makes it so (always a true one; the
    figures are left out when no explanation is written: ``explain=False``, or
    ``explain=None`` inside ``score(..., explain=False)``)."""
    if explain is None:
        explain = _EXPLAIN.get()
    if explain:
        return _judged(comparator, formula, equality_meets, a, t, _fmt(a), _fmt(t))
    return _judged(comparator, formula, equality_meets, a, t, "", "")


def _judged(
    comparator: Comparator,
    formula: ComparatorFormula,
    equality_meets: bool,
    a: Decimal,
    t: Decimal,
    A: str,
    T: str,
) -> tuple[bool, str]:
    """:func:`_meets` with ``a`` and ``t`` already written as ``A`` and ``T`` (or blank)."""
    met, form = _verdict(comparator, formula, equality_meets, a, t)
    return met, form(A=A, T=T)


def _verdict(
    comparator: Comparator,
    formula: ComparatorFormula,
    equality_meets: bool,
    a: Decimal,
    t: Decimal,
) -> tuple[bool, Callable[..., str]]:
    """Whether ``a`` meets ``t``, and the form of the relation that decides it (written from
    A and T only when an explanation is: the screen asks only whether)."""
    if comparator is _GE:
        if a >= t:
            return True, _ZH_GE  # the common case first
        return False, _ZH_LT
    if comparator is _GT:
        if a > t:
            return True, _ZH_GT
        if a == t:
            if equality_meets:
                return True, _Z["relation.gt_equal_meets"]
            return False, _Z["relation.gt_equal_misses"]
        return False, _ZH_LT
    if comparator is _LE:
        if a <= t:
            return True, _ZH_LE
        return False, _ZH_GT
    if comparator is _LT:
        if a < t:
            return True, _ZH_LT
        if a == t:
            if equality_meets:
                return True, _Z["relation.lt_equal_meets"]
            return False, _Z["relation.lt_equal_misses"]
        return False, _ZH_GT
    # ＝
    if a == t:
        return True, _ZH_EQ
    if formula is ComparatorFormula.EQUAL_AS_GE:
        if t > 0 and a > t:
            return True, _Z["relation.eq_as_ge"]
        if t == 0 and a < 0:
            return True, _ZH_EQ_ZERO
    return False, _RELATION_OF[_relation(a, t)]


def _ZH_EQ_ZERO(*, A: str, T: str) -> str:
    """The relation of an actual ≤ 0 against a target of 0 (its form names only A)."""
    return _Z["relation.eq_zero"](A=A)


# How a missed target is scored (the cases of :func:`missed_formula`).
FORMULA = "formula"
"""The formula's value (``raw``)."""
ZERO_TARGET_EXCEEDED = "zero_target_exceeded"
"""＝ scored like ≥ with a target of 0 and an actual above it: 0 (selfindexequalzero)."""
NEGATIVE_PROPORTION = "negative_proportion"
"""A ÷ T × W below 0 (a negative actual): 0; ``raw`` is the formula's value, quoted."""
TWICE_THE_TARGET = "twice_the_target"
"""W × (2 − A ÷ T) with A ≥ 2T: 0."""
NO_RULE = frozenset(
    {"target_not_positive", "equal_not_met", "negative_target", "zero_actual", "zero_target"}
)
"""The cases no rule scores (无法按规则计算): the rule's source does not cover them."""


def missed_formula(
    formula: ComparatorFormula, a: Decimal, t: Decimal, w: Decimal
) -> tuple[str, Decimal]:
    """The score of a missed quantitative target before rounding: (case, value).

    The one home of the formulas of :class:`ComparatorFormula` on plain figures (the actual
    ``a`` after the rule set's treatment of negatives, the target ``t`` in the same unit,
    the weight ``w``). The case is :data:`FORMULA`, :data:`ZERO_TARGET_EXCEEDED`,
    :data:`NEGATIVE_PROPORTION` or :data:`TWICE_THE_TARGET` (scored: 0 except for
    :data:`FORMULA` and see :func:`missed_points`), or one of :data:`NO_RULE` (the value is
    then 0 and means nothing)::

        >>> missed_formula(ComparatorFormula.PROPORTIONAL, Decimal(90), Decimal(95), Decimal(10))[0]
        'formula'
    """
    zero = Decimal(0)
    if formula in (ComparatorFormula.PROPORTIONAL, ComparatorFormula.EQUAL_AS_GE):
        if formula is ComparatorFormula.EQUAL_AS_GE and t == 0 and a > 0:
            return ZERO_TARGET_EXCEEDED, zero
        if t <= 0:
            return "target_not_positive", zero
        if a == t:
            return "equal_not_met", zero
        raw = RATE_CONTEXT.divide(RATE_CONTEXT.multiply(a, w), t)
        return (NEGATIVE_PROPORTION if raw < 0 else FORMULA), raw
    if formula is ComparatorFormula.REVERSE_RATIO:
        if t < 0:
            return "negative_target", zero
        if a == 0:
            return "zero_actual", zero
        if a == t:
            return "equal_not_met", zero
        return FORMULA, RATE_CONTEXT.divide(RATE_CONTEXT.multiply(t, w), a)
    if formula is ComparatorFormula.REVERSE_LINEAR:
        if a >= RATE_CONTEXT.multiply(2, t):
            return TWICE_THE_TARGET, zero
        if t == 0:
            return "zero_target", zero
        if a == t:
            return "equal_not_met", zero
        return FORMULA, RATE_CONTEXT.multiply(
            w, RATE_CONTEXT.subtract(2, RATE_CONTEXT.divide(a, t))
        )
    # EQUAL_SYMMETRIC
    if t == 0:
        return "zero_target", zero
    deviation = RATE_CONTEXT.divide(abs(RATE_CONTEXT.subtract(a, t)), abs(t))
    return FORMULA, RATE_CONTEXT.multiply(w, max(zero, RATE_CONTEXT.subtract(1, deviation)))


MET = "met"
"""The target is met: the weight, rounded."""


def quantitative_case(
    comparator: Comparator, rules: RuleSet, a: Decimal, t: Decimal, w: Decimal
) -> tuple[str, Decimal, Decimal]:
    """How a quantitative row scores under ``rules`` on plain figures: (case, the formula's
    value, the actual scored). The actual and target are in one unit; a negative actual is
    scored as 0 where the rule set says so. The case is :data:`MET` or one of
    :func:`missed_formula`'s; :func:`case_points` turns it into the score."""
    formula, equality_meets, _ = _prepared(rules).comparators[id(comparator)]
    case, raw, a, _, _, _ = _case(
        comparator, formula, equality_meets, rules.negative_actual_as_zero, a, t, w, False
    )
    return case, raw, a


def _case(
    comparator: Comparator,
    formula: ComparatorFormula,
    equality_meets: bool,
    negative_as_zero: bool,
    a: Decimal,
    t: Decimal,
    w: Decimal,
    explain: bool,
) -> tuple[str, Decimal, Decimal, Callable[..., str], str, str]:
    """The work of :func:`quantitative_case`, with what the explanation needs of it: (case,
    value, actual scored, the form of the relation that decided it, A and T as written —
    blank when no explanation is written)."""
    if a < 0 and negative_as_zero:
        a = _ZERO
    if explain:
        A, T = _fmt(a), _fmt(t)
    else:
        A = T = ""
    met, relation = _verdict(comparator, formula, equality_meets, a, t)
    if met:
        return MET, w, a, relation, A, T
    case, raw = missed_formula(formula, a, t, w)
    return case, raw, a, relation, A, T


def case_points(case: str, raw: Decimal, w: Decimal, rules: RuleSet) -> Decimal | None:
    """The score of a case of :func:`quantitative_case`, or None when no rule gives one."""
    if case == MET:
        return _prepared(rules).full(w)
    if case in NO_RULE:
        return None
    return missed_points(raw if case == FORMULA else Decimal(0), w, rules)


def missed_points(raw: Decimal, w: Decimal, rules: RuleSet) -> Decimal | None:
    """A missed target's score from the formula's value: rounded by the rule set, or None
    when the value is not in [0, W) (a formula applied where it does not fit)."""
    if not (0 <= raw < w or raw == w == 0):
        return None
    return rules.rounding.apply(raw)


_Verdict = tuple[Decimal | None, LineStatus, Explanation]

_VERDICTS: dict[tuple[object, ...], _Verdict] = {}
"""What a quantitative row's figures score, by (prepared rule set, comparator, actual,
target, weight, unit note, whether explained): at most :data:`_VERDICTS_KEPT` entries."""

_VERDICTS_KEPT: Final = 4096


def _quantitative(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    comparator: Comparator,
    a: Decimal,
    t: Decimal,
    unit_note: str,
    w: Decimal,
) -> ScoreLine:
    """A quantitative row: actual ``a`` and target ``t`` in one unit (``unit_note`` says how
    they were brought to it, if they were), weight ``w``.

    The row's score, status and explanation are a function of those figures and the rule
    set alone (the rest of its line, label, printed score and note, is the row's own): they
    are kept by them, as the formatted figures are. Equal figures are written alike
    (:func:`_fmt`) and scored alike, whatever their exponent (95, 95.0), except a zero's
    sign (0, −0): a row with a zero figure is not kept.
    """
    if not (a and t and w):
        return _quantitative_line(indicator, rules, path, comparator, a, t, unit_note, w)
    # The member by its id: an enum member's hash is a Python-level call.
    key = (_prepared(rules), id(comparator), a, t, w, unit_note, _EXPLAIN.get())
    found = _VERDICTS.get(key)
    if found is None:
        line = _quantitative_line(indicator, rules, path, comparator, a, t, unit_note, w)
        if len(_VERDICTS) >= _VERDICTS_KEPT:
            _VERDICTS.clear()
        _VERDICTS[key] = line.computed, line.status, line.explanation
        return line
    computed, status, explanation = found
    return _indicator_line(indicator, path, computed, status, explanation)


def _quantitative_line(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    comparator: Comparator,
    a: Decimal,
    t: Decimal,
    unit_note: str,
    w: Decimal,
) -> ScoreLine:
    """:func:`_quantitative`'s work, for figures not scored before."""
    prepared = _prepared(rules)
    formula, equality_meets, name = prepared.comparators[id(comparator)]
    explain = _EXPLAIN.get()
    if comparator is _GE and not unit_note and a >= t and a >= 0:
        # The commonest row, met: what _case, _judged and _met_line give it, written out
        # (an actual not below 0 is scored as printed, and no note is added).
        value = prepared.full(w)
        if not explain:
            return _indicator_line(indicator, path, value, _MET_LINE, _SILENT)
        A, T, W = _fmt(a), _fmt(t), _fmt(w)
        return _indicator_line(
            indicator,
            path,
            value,
            _MET_LINE,
            _explanation(name, "W", _ZH_MET_GE(W=W, A=A, T=T), (("A", A), ("T", T), ("W", W))),
        )
    case, raw, scored, relation_form, A, T = _case(
        comparator, formula, equality_meets, rules.negative_actual_as_zero, a, t, w, explain
    )
    # scored is not a: the rule set scores a negative actual as 0.
    if case == MET:
        value = prepared.full(w)
        if not explain:
            return _indicator_line(indicator, path, value, _MET_LINE, _SILENT)
        W = _fmt(w)
        return _met_line(
            indicator,
            path,
            value,
            name,
            W,
            relation_form(A=A, T=T),
            (unit_note,) if scored is a else (unit_note, _Z["note.negative"](A=_fmt(a))),
            (("A", A), ("T", T), ("W", W)),
        )
    # The relation as written (its figures blank when no explanation is: a line that no
    # rule scores still says why).
    relation = relation_form(A=A, T=T)
    notes: list[str] = [unit_note]
    if scored is not a:
        notes.append(_Z["note.negative"](A=_fmt(a)))
    a = scored
    if explain:
        W = _fmt(w)
        inputs: tuple[tuple[str, str], ...] = (("A", A), ("T", T), ("W", W))
    else:
        name = W = ""
        inputs = ()
    if case in NO_RULE:
        # Where the rule's source does not cover the case, no score is invented.
        why = {
            "target_not_positive": _Z["why.target_not_positive"],
            "negative_target": _Z["why.negative_target"],
            "zero_actual": _Z["why.zero_actual"],
            "zero_target": _Z["why.zero_target_symmetric"]
            if formula is ComparatorFormula.EQUAL_SYMMETRIC
            else _Z["why.zero_target"],
            "equal_not_met": _Z["why.equal_linear"]
            if formula is ComparatorFormula.REVERSE_LINEAR
            else _Z["why.equal_proportional"],
        }[case](**({"T": T} if case in ("target_not_positive", "negative_target") else {}))
        return _not_computable(
            indicator,
            rules,
            path,
            f"{comparator.value} {formula.value}",
            _with_note(_Z["missed.no_rule"](relation=relation, why=why), notes),
            inputs,
        )
    # The text, or (for a score that depends on rounding) the form it is written from.
    text: str | Callable[..., str] = ""
    if case == ZERO_TARGET_EXCEEDED:
        symbols = _SYMBOLS_ZERO
        if explain:
            text = _Z["missed.zero_target_exceeded"](A=A)
    elif case == TWICE_THE_TARGET:
        symbols = _SYMBOLS_TWICE
        if explain:
            text = _Z["missed.twice"](A=A, T=T)
    elif formula in (ComparatorFormula.PROPORTIONAL, ComparatorFormula.EQUAL_AS_GE):
        symbols = _SYMBOLS_PROPORTIONAL
        if case == NEGATIVE_PROPORTION:
            if explain:
                text = _Z["missed.negative_proportion"](A=A, T=T, W=W, raw=_fmt(raw))
            raw = Decimal(0)
        elif explain:
            text = functools.partial(_Z["missed.proportional"], A=A, T=T, W=W)
    elif formula is ComparatorFormula.REVERSE_RATIO:
        symbols = _SYMBOLS_REVERSE_RATIO
        if explain:
            text = functools.partial(_Z["missed.reverse_ratio"], A=A, T=T, W=W)
    elif formula is ComparatorFormula.REVERSE_LINEAR:
        symbols = _SYMBOLS_REVERSE_LINEAR
        if explain:
            text = functools.partial(_Z["missed.reverse_linear"], A=A, T=T, W=W)
    else:  # EQUAL_SYMMETRIC
        symbols = _SYMBOLS_SYMMETRIC
        if explain:
            text = functools.partial(_Z["missed.symmetric"], A=A, T=T, W=W, absT=_fmt(abs(t)))
    return _scored(indicator, rules, path, name, raw, symbols, text, inputs, notes)


def _scored(
    indicator: Indicator,
    rules: RuleSet,
    path: str,
    name: str,
    raw: Decimal,
    symbols: str,
    text: str | Callable[..., str],
    inputs: tuple[tuple[str, str], ...],
    notes: list[str],
) -> ScoreLine:
    """A missed target's score: the formula's value, in [0, W) for the shipped formulas.

    ``text`` is the explanation, or the form that writes it from the score and whether it
    was rounded (``value`` and ``eq``)."""
    value = missed_points(raw, _points(indicator), rules)
    if value is None:
        # A formula applied where it does not fit (a user's ≥ scored W·T/A) would give a
        # missed target full or more than full marks, or less than nothing: no score.
        return _not_computable(
            indicator,
            rules,
            path,
            name.split(": ", 1)[-1] if name else "",
            _with_note(
                _Z["missed.out_of_range"](
                    formula=symbols, raw=_fmt(raw), W=_fmt(_points(indicator))
                ),
                notes,
            ),
            inputs,
        )
    rounded = value != raw
    if not _explaining():
        return _indicator_line(indicator, path, value, LineStatus.MISSED, _silent(rounded))
    if not isinstance(text, str):
        text = text(value=_fmt(value), eq="≈" if rounded else "=")
    return _indicator_line(
        indicator,
        path,
        value,
        LineStatus.MISSED,
        _explanation(name, symbols, _with_note(text, notes), inputs, rounded),
    )


# -- documents -------------------------------------------------------------------------


def _total(
    lines: Iterable[ScoreLine], rules: RuleSet
) -> tuple[Decimal | None, Decimal, Explanation]:
    """The total, the maximum it is out of, and how it was formed."""
    used: list[Decimal] = []
    present = _ZERO
    excluded = _ZERO
    missing: str | None = None
    adds_rounded = False  # whether a line that is not excluded was rounded
    for line in lines:
        status = line.status
        if status is _NOT_APPLICABLE_LINE:
            present += line.weight
            excluded += line.weight
            continue
        if line.explanation.rounded:
            adds_rounded = True
        if status is _UNWEIGHTED_LINE or status is _PART_LINE:
            continue  # no points, or points its parent row already counts
        present += line.weight
        # What the line counts (ScoreLine.used): the rule score, else the reported one.
        value = line.computed
        if value is None:
            value = line.reported
        if value is not None:
            used.append(value)
        elif missing is None:
            missing = line.path
    rescale = bool(excluded) and rules.non_applicable is NonApplicablePolicy.RESCALE
    maximum = present if rescale else present - excluded
    if missing is not None:
        return (
            None,
            maximum,
            Explanation(
                rule=f"{rules.name}: 合计",
                formula="Σ",
                text=_Z["total.missing"](path=missing),
            ),
        )
    total = _sum(used)
    if not _explaining():
        if rescale and present > excluded:
            total = RATE_CONTEXT.divide(
                RATE_CONTEXT.multiply(total, present), RATE_CONTEXT.subtract(present, excluded)
            )
        return rules.rounding.apply(total), maximum, _SILENT
    terms = " + ".join(map(_fmt, used)) or "0"
    formula = _TOTAL_FORMULA
    scaled = rescale and present > excluded
    if scaled:
        total = RATE_CONTEXT.divide(
            RATE_CONTEXT.multiply(total, present), RATE_CONTEXT.subtract(present, excluded)
        )
        formula = _S["total.formula_rescaled"]
    rounded = rules.rounding.apply(total)
    eq = "=" if rounded == total else "≈"
    if scaled:
        text = _Z["total.rescaled"](
            total=_fmt(rounded),
            eq=eq,
            terms=terms,
            present=_fmt(present),
            applicable=_fmt(present - excluded),
        )
    else:
        text = _ZH_SUM(total=_fmt(rounded), eq=eq, terms=terms)
        if excluded:
            text = _ZH_WITH_NOTE(
                text=text,
                note=_Z["total.excluded"](excluded=_fmt(excluded), maximum=_fmt(maximum)),
            )
            formula = _S["total.formula_excluded"]
    if adds_rounded:
        # The total adds the lines' rounded scores, as the forms do; say so.
        places = rules.rounding.places
        note = _ROUNDED_LINES.get(places)
        if note is None:
            note = _ROUNDED_LINES[places] = _Z["total.rounded_lines"](places=str(places))
        text = _ZH_WITH_NOTE(text=text, note=note)
    return rounded, maximum, _explanation(f"{rules.name}: 合计", formula, text)


@functools.lru_cache(maxsize=1024)
def _indicator_path(index: int) -> str:
    """``"indicators[3]"``, written once per row number."""
    return f"indicators[{index}]"


@exact
def score_project(document: ProjectEvaluation, rules: RuleSet | str | None = None) -> ScoreSheet:
    """Score a project self-evaluation: budget execution + every indicator."""
    return _project_sheet(document, rules)


def _project_sheet(document: ProjectEvaluation, rules: RuleSet | str | None) -> ScoreSheet:
    ruleset = default_rules_for(document, rules)
    lines: list[ScoreLine] = []
    if document.budget is not None:
        lines.append(score_budget(document.budget, ruleset))
    for index, indicator in enumerate(document.indicators):
        path = _indicator_path(index)
        # score_indicator, without its call for a row that is not a part.
        lines.append(
            _score_row(indicator, ruleset, path)
            if indicator.parent is None
            else score_indicator(indicator, ruleset, path=path)
        )
    if lines:
        total, maximum, explanation = _total(lines, ruleset)
    else:
        total, maximum, explanation = (
            None,
            ruleset.weights.total,
            Explanation(
                rule=f"{ruleset.name}: 合计",
                formula=_S["formula.none"],
                text=_S["total.none"],
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


def graded_total(
    rules: RuleSet, maximum: Decimal, total: Decimal | None
) -> tuple[bool, Decimal | None]:
    """Whether the grade bands apply to a sheet of ``maximum`` points, and the figure they
    grade (None when there is no total): the one home of the grading rule's arithmetic."""
    full = rules.weights.total
    if maximum == full:
        return True, total
    if rules.off_maximum is OffMaximumPolicy.NORMALISE and maximum > 0:
        if total is None:
            return True, None
        return True, rules.rounding.apply(
            RATE_CONTEXT.divide(RATE_CONTEXT.multiply(total, full), maximum)
        )
    return False, None


def _grading(
    rules: RuleSet, maximum: Decimal, total: Decimal | None
) -> tuple[bool, Decimal | None, str]:
    """Whether the bands apply, the figure graded, and how (or why not)."""
    gradable, graded = graded_total(rules, maximum, total)
    full = rules.weights.total
    if not gradable:
        return (
            False,
            None,
            _Z["grading.not_gradable"](maximum=_fmt(maximum), rules=rules.name, full=_fmt(full)),
        )
    if total is None:
        return True, None, _S["grading.no_total"]
    if maximum == full:
        return True, total, _ZH_GRADING_BANDS(rules=rules.name, full=_fmt(full))
    assert graded is not None
    return (
        True,
        graded,
        _Z["grading.normalised"](
            maximum=_fmt(maximum), full=_fmt(full), graded=_fmt(graded), total=_fmt(total)
        ),
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
    gradable, graded, grading = _grading(rules, maximum, total)
    full = rules.weights.total
    sheet = _new(ScoreSheet)
    _set_kind(sheet, kind)
    _set_title(sheet, title)
    _set_rules(sheet, rules.name)
    _set_lines(sheet, tuple(lines))
    _set_maximum(sheet, maximum)
    _set_total(sheet, total)
    _set_total_explanation(sheet, explanation)
    _set_reported_total(sheet, reported_total)
    _set_grade(sheet, rules.grade_for(graded) if graded is not None else None)
    _set_grade_of_reported_total(
        sheet,
        rules.grade_for(reported_total)
        if reported_total is not None and gradable and maximum == full
        else None,
    )
    _set_reported_grade(sheet, reported_grade)
    _set_rule_maximum(sheet, full)
    _set_graded_total(sheet, graded)
    _set_grading(sheet, grading)
    _set_gradable(sheet, gradable)
    return sheet


def _dimension_line(
    node: Dimension,
    path: str,
    computed: Decimal | None,
    status: LineStatus,
    explanation: Explanation,
) -> ScoreLine:
    return _line(
        path,
        node.name,
        node.weight,
        computed,
        node.reported_score,
        status,
        explanation,
        bool(node.note),
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
        total = None if any(u is None for u in used) else _sum([u for u in used if u is not None])
        text = (
            _ZH_SUM(
                total=_fmt(total), eq="=", terms=" + ".join(_fmt(u) for u in used if u is not None)
            )
            if total is not None
            else _S["dimension.missing"]
        )
        line = _dimension_line(
            node,
            path,
            total,
            LineStatus.SUM,
            Explanation(rule=f"{rules.name}: 维度合计", formula=_S["dimension.formula"], text=text),
        )
    elif node.rule:
        exact, text = evaluate_dimension_rule(node.rule, node.weight, dict(node.inputs))
        value = rules.rounding.apply(exact) if exact is not None else None
        rounded = False
        if value is not None and value != exact:
            rounded = True
            text = _Z["dimension.rounded"](
                value=_fmt(value), text=text, places=str(rules.rounding.places)
            )
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
                rounded=rounded,
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
                formula=_S["judgement.formula"],
                text=_Z["dimension.judgement"](W=_fmt(node.weight)),
            ),
        )
    lines.append(line)
    return line


@exact
def score_department(
    document: DepartmentEvaluation, rules: RuleSet | str | None = None
) -> ScoreSheet:
    """Score a department evaluation: each dimension as the sum of its children."""
    return _department_sheet(document, rules)


def _department_sheet(document: DepartmentEvaluation, rules: RuleSet | str | None) -> ScoreSheet:
    ruleset = default_rules_for(document, rules)
    lines: list[ScoreLine] = []
    # A 部门整体支出绩效自评表 read from its table has a budget block and indicators, scored
    # as a project's are; a department evaluation from the report's prose has dimensions.
    if document.budget is not None:
        lines.append(score_budget(document.budget, ruleset))
    for index, indicator in enumerate(document.indicators):
        lines.append(score_indicator(indicator, ruleset, path=_indicator_path(index)))
    form = list(lines)
    top = [
        _score_dimension(node, ruleset, f"dimensions[{i}]", lines)
        for i, node in enumerate(document.dimensions)
    ]
    total, maximum, explanation = _total([*form, *top], ruleset)
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


@overload
def score(
    document: ProjectEvaluation | DepartmentEvaluation,
    rules: RuleSet | str | None = None,
    *,
    explain: bool = True,
) -> ScoreSheet: ...


@overload
def score(
    document: Batch, rules: RuleSet | str | None = None, *, explain: bool = True
) -> ScoreSheets: ...


@exact
def score(
    document: ProjectEvaluation | DepartmentEvaluation | Batch,
    rules: RuleSet | str | None = None,
    *,
    explain: bool = True,
) -> ScoreSheet | ScoreSheets:
    """Score a document under ``rules`` (a RuleSet or a shipped rule-set name).

    ``rules=None`` uses the rule set of the document's layout (``sichuan-2023`` for the
    Sichuan form, else ``national``). ``explain=False`` computes the same figures, statuses
    and grade with the same rule code but writes no explanation text (budget, indicator and
    total lines carry an empty :class:`Explanation` that keeps only ``rounded``): the batch
    fast path scores so, and scores again with explanations any document that has a finding.

    A :class:`~budgetperf.model.Batch` gives a sheet per document, in the batch's order, so
    that ``score(batch)[i]`` is the sheet of ``batch.documents[i]``; final accounts (部门决算)
    are checked, not scored, and have ``None`` in their place::

        >>> from budgetperf import examples
        >>> sheets = score(examples.load("liangshan-2023"))
        >>> len(sheets), sheets[0], sheets[1].title, sheets[2].total
        (23, None, '凉山州科学技术协会 2023', Decimal('100.00'))

    Raises:
        RuleError: ``rules`` names no rule set.
        BudgetPerfError: the document is not one that is scored (final accounts are checked,
            not scored).
    """
    if explain:
        return _score(document, rules)
    token = _EXPLAIN.set(False)
    try:
        return _score(document, rules)
    finally:
        _EXPLAIN.reset(token)


def _score(
    document: ProjectEvaluation | DepartmentEvaluation | Batch, rules: RuleSet | str | None
) -> ScoreSheet | ScoreSheets:
    """:func:`score`'s work, in the context :func:`score` has set."""
    if isinstance(document, Batch):
        # aggregate imports this module; the sheets' collection type is looked up here.
        from budgetperf.scoring.aggregate import ScoreSheets

        return ScoreSheets(
            None if isinstance(each, FinalAccounts) else _document_sheet(each, rules)
            for each in document.documents
        )
    return _document_sheet(document, rules)


def _document_sheet(document: object, rules: RuleSet | str | None) -> ScoreSheet:
    if isinstance(document, ProjectEvaluation):
        return _project_sheet(document, rules)
    if isinstance(document, DepartmentEvaluation):
        return _department_sheet(document, rules)
    kind = "部门决算" if isinstance(document, FinalAccounts) else type(document).__name__
    raise BudgetPerfError(
        f"{kind}不评分，只做一致性检查",
        f"{type(document).__name__} is checked, not scored",
        value=type(document).__name__,
        expected="a ProjectEvaluation or DepartmentEvaluation",
    )
