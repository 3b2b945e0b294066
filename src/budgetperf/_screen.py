"""The batch screen (快速筛查): a clean project self-evaluation scored on its decoded JSON.

:func:`clean_outcome` takes the decoded envelope of one line (plain dicts, lists, strings)
and either proves that the full path would find the document valid, score it to the figures
it returns and find nothing on it, or returns None, and the line takes the full path. It
never decides anything the full path could decide otherwise: whatever it cannot prove —
another document type, a field of another form than the canonical writer's, a row that is
not a plain quantitative one, a figure that would give any finding — is left to the full
path (any doubt goes there), so the outcomes are the full path's by construction
(tests/test_fast.py checks them byte for byte).

It holds no rule of its own. Figures are converted by the structurer's own converters
(``budgetperf.io._hooks._compiled``), validity is asked of the model's field validators
and spelling check, scores come from the rule functions the model path calls
(:func:`~budgetperf.scoring.score.execution_points`,
:func:`~budgetperf.scoring.score.quantitative_case`, :func:`~budgetperf.scoring.score.case_points`,
:func:`~budgetperf.scoring.score._grading`), and each check is asked through the predicate
the check itself uses (:func:`~budgetperf.checks._build.printed_as`,
:func:`~budgetperf.checks.evaluation.over_completion`, …). What the screen adds is only the
shape it accepts, which is narrower than the model's.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any, Final

import attrs

from budgetperf.checks._build import printed_as
from budgetperf.checks.evaluation import (
    _POINTS_IN_LABEL,
    cost_misplaced,
    level1_points,
    over_completion,
    rate_without_budget,
    reverse_quantity,
    spent_without_budget,
    stray_years,
)
from budgetperf.io._hooks import _compiled
from budgetperf.io.outputs import project_keys
from budgetperf.model import _fields
from budgetperf.model.evaluation import BudgetBlock, ProjectEvaluation, SourceRef, project_title
from budgetperf.model.funding import FundRow
from budgetperf.model.indicators import Comparator, Indicator, Measure, check_spelling
from budgetperf.model.indicators import says_something as _says_something
from budgetperf.model.project import ProjectCode
from budgetperf.money import Amount, exact
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.rules import RuleSet, rules_for_layout
from budgetperf.scoring.score import (
    MET,
    _cell_unit,
    _grading,
    _sum,
    case_points,
    execution_points,
    quantitative_case,
)
from budgetperf.units import Converted, common_scale

__all__ = ["FINDING", "clean_outcome"]

CleanOutcome = tuple[str, Decimal, Decimal | None, str, tuple[tuple[str, Any], ...]]
"""(title, total, reported total, grade, join keys) of a clean scored document."""


def _names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in attrs.fields(cls))


# The canonical writer writes every field; the screen takes only that form.
_PROJECT: Final = _names(ProjectEvaluation)
_BLOCK: Final = _names(BudgetBlock)
_ROW: Final = _names(FundRow)
_INDICATOR: Final = _names(Indicator)
_MEASURE: Final = _names(Measure)
_SOURCE: Final = _names(SourceRef)
_TEXT_FIELDS: Final = tuple(
    f.name for f in attrs.fields(ProjectEvaluation) if f.type in (str, "str")
)

_number = functools.lru_cache(maxsize=4096)(_compiled(Decimal))
"""The structurer's converter of a figure: it yields only finite Decimals a budget can
hold (all that ``optional_decimal`` asks) and raises on anything else. Figures repeat from
document to document ("10", "100.00"), and a Decimal is immutable: the results are kept
(bounded). Only strings reach it (a cache key may not tell 1 from True)."""
_structure_money = _compiled(Amount)


def _validate(field: attrs.Attribute[Any], value: object) -> None:
    """Ask the model's own validator of ``field`` (it raises on a value the model refuses)."""
    validator = field.validator
    assert validator is not None
    validator(None, field, value)


@functools.lru_cache(maxsize=4096)
def _money(value: str, unit: str) -> Amount:
    """An amount as the structurer reads it, asked of the model's validator of fund-row
    amounts (≥ 0) once per distinct figure."""
    amount: Amount = _structure_money({"value": value, "unit": unit})
    _validate(_ROW_FIELDS.executed, amount)
    return amount


@functools.lru_cache(maxsize=4096)
def _weight(text: str) -> Decimal:
    """An indicator's weight, asked of the model's validator of the field (≥ 0)."""
    weight: Decimal = _number(text)
    _validate(_INDICATOR_WEIGHT, weight)
    return weight


_ROW_FIELDS = attrs.fields(FundRow)
_INDICATOR_WEIGHT = attrs.fields(Indicator).weight


def _spelled(comparator: Comparator) -> bool:
    try:
        check_spelling("Indicator.comparator_text", comparator, comparator.value)
    except Exception:
        return False
    return True


# A comparator the screen takes: written as its canonical symbol in both fields, and so
# spelled (asked of the model's spelling check once, here).
_COMPARATORS: Final = {
    c.value: c for c in Comparator if c is not Comparator.QUALITATIVE and _spelled(c)
}


_ZERO: Final = Decimal(0)
_POSITIVE: Final = frozenset(c for c in Comparator if c.is_positive)


class _Doubt(Exception):
    """The screen cannot prove the line clean: the full path decides."""


class _Found(_Doubt):
    """A check would find something on the document (a hint only: the model path decides)."""


FINDING: Final = "finding"
"""What :func:`clean_outcome` returns for a document on which a check would find something
(so far as the screen read it): the caller may score it with explanations at once."""


def _figure(value: object) -> Decimal:
    if type(value) is not str:
        raise _Doubt
    result: Decimal = _number(value)
    return result


def _amount(row: dict[str, Any], name: str) -> Amount | None:
    data = row[name]
    if data is None:
        return None
    if type(data) is not dict or data.keys() != {"value", "unit"}:
        raise _Doubt
    value, unit = data["value"], data["unit"]
    if type(value) is not str or type(unit) is not str:
        raise _Doubt
    return _money(value, unit)


def _in(amount: Amount, other: Amount) -> Decimal:
    """``amount.to(other.unit).value``, skipping the call in the common case of one unit."""
    return amount.value if amount.unit is other.unit else amount.to(other.unit).value


def _measure(data: object) -> tuple[Decimal, str, str]:
    if type(data) is not dict or data.keys() != _MEASURE:
        raise _Doubt
    text, unit = data["text"], data["unit"]
    if (
        type(text) is not str
        or type(unit) is not str
        or data["comparator"] is not None
        or data["comparator_text"] != ""
    ):
        raise _Doubt
    return _figure(data["value"]), unit, text


@exact
def clean_outcome(
    data: object, index: int, rules: RuleSet | str | None
) -> CleanOutcome | str | None:
    """The outcome of a decoded line the full path would score with no finding, or None,
    or :data:`FINDING` when a check would find something (a hint for the caller's speed
    only: the document may still be invalid further on, and the model path decides)."""
    try:
        return _clean(data, index, rules)
    except _Found:
        return FINDING
    except Exception:  # _Doubt, or anything the screen did not foresee: the full path decides
        return None


def _clean(data: object, index: int, rules: RuleSet | str | None) -> CleanOutcome | None:
    if (
        type(data) is not dict
        or data.keys() != {"format", "type", "document"}
        or data["format"] != "budgetperf/1"
        or data["type"] != "project_evaluation"
    ):
        return None
    doc = data["document"]
    if type(doc) is not dict or doc.keys() != _PROJECT:
        return None
    if any(type(doc[name]) is not str for name in _TEXT_FIELDS):
        return None
    year = doc["year"]
    if (
        type(year) is not int
        or not _fields.FIRST_YEAR <= year <= _fields.LAST_YEAR
        or doc["incomplete"] is not False
        or doc["reported_grade"] is not None
        or doc["level_funding"] != []
        or doc["economic_lines"] != []
    ):
        return None
    source = doc["source"]
    if source is not None and (
        type(source) is not dict
        or source.keys() != _SOURCE
        or any(type(v) is not str for v in source.values())
    ):
        return None
    for name in ("project_leaders", "finance_leaders"):
        leaders = doc[name]
        if type(leaders) is not list or any(type(x) is not str for x in leaders):
            return None
    code_text = doc["code"]
    code = None
    if code_text is not None:
        if type(code_text) is not str:
            return None
        code = ProjectCode.parse(code_text)
    reported_total = None if doc["reported_total"] is None else _figure(doc["reported_total"])
    indicators = doc["indicators"]
    block = doc["budget"]
    if type(indicators) is not list or not indicators or type(block) is not dict:
        return None
    ruleset = rules_for_layout(doc["layout"], rules)

    budget = _budget(block, ruleset)
    used = [budget]
    reported = [budget]
    present = Decimal(0) + _figure(block["weight"])
    weights: list[Decimal] = []
    groups: dict[str, Decimal] = {}
    seen: set[tuple[str, str, str]] = set()
    cost_level = ruleset.weights.cost_as_level1
    for row in indicators:
        value, score, weight, level1 = _indicator(row, ruleset, year, seen, cost_level)
        used.append(value)
        reported.append(score)
        weights.append(weight)
        present += weight
        # As _check_weight_sums adds them (exact: the sums are compared by value only).
        groups[level1] = RATE_CONTEXT.add(groups.get(level1, _ZERO), weight)

    # The weights (indicators.weight_sum, level1_weight, layout).
    if _sum(weights) != ruleset.weights.indicators:
        raise _Found
    if any(_POINTS_IN_LABEL.search(label) for label in groups):
        raise _Found
    if ruleset.weights.level1:
        by_name = level1_points(groups)
        if any(by_name.get(n, Decimal(0)) != points for n, points in ruleset.weights.level1):
            raise _Found

    # The total and grade, as score_project forms them without explanations.
    total = ruleset.rounding.apply(_sum(used))
    maximum = present
    if total > maximum:
        raise _Found
    gradable, graded, _ = _grading(ruleset, maximum, total)
    if not gradable or graded is None:
        raise _Found
    if reported_total is not None:
        printed_sum = Decimal(0)
        for each in reported:
            printed_sum += each
        if printed_sum != reported_total or total != reported_total:
            raise _Found
    name, sub_project = doc["name"], doc["sub_project"]
    code_label = str(code) if code is not None else None
    keys = project_keys(
        index=index,
        department=doc["department"],
        project_code=code_label if code is not None and code else None,
        project=name,
        sub_project=sub_project,
        year=year,
        layout=doc["layout"],
        rules=ruleset.name,
    )
    return (
        project_title(code, name, sub_project),
        total,
        reported_total,
        ruleset.grade_for(graded).value,
        tuple(keys.items()),
    )


def _budget(block: dict[str, Any], rules: RuleSet) -> Decimal:
    """The budget line's score, proven equal to the printed one and without finding."""
    if block.keys() != _BLOCK or type(block["reason"]) is not str:
        raise _Doubt
    rows = block["rows"]
    if type(rows) is not list or not rows:
        raise _Doubt
    adjusted = rules.execution.denominator == "adjusted"
    read: list[tuple[Amount | None, Amount | None, Amount | None]] = []
    for row in rows:
        if type(row) is not dict or row.keys() != _ROW:
            raise _Doubt
        # Part rows' own points are allowed by the model but checked: not taken here.
        if row["weight"] is not None or row["reported_score"] is not None:
            raise _Doubt
        _validate(_ROW_FIELDS.category, row["category"])
        initial, budget, executed = (
            _amount(row, "initial_budget"),
            _amount(row, "adjusted_budget"),
            _amount(row, "executed"),
        )
        read.append((initial, budget, executed))
        denominator = budget if adjusted else initial
        printed = row["reported_rate_percent"]
        rate = None if printed is None else _figure(printed)
        if executed is None or denominator is None:
            continue
        spent = _in(executed, denominator)
        if denominator.value == 0:
            # A part with no budget (上年结转 0): fine when nothing is spent or claimed.
            if spent_without_budget(spent) or (
                rate is not None and rate_without_budget(rate, spent)
            ):
                raise _Found  # budget.spent_without_budget / rate_without_budget
            continue
        if spent > denominator.value:
            raise _Found  # budget.over_execution
        if rate is not None:
            point = RATE_CONTEXT.divide(RATE_CONTEXT.multiply(spent, 100), denominator.value)
            if not printed_as(rate, point):
                raise _Found  # budget.rate
    # budget.parts_sum, column by column where the parts print figures.
    for column in range(3):
        total_amount = read[0][column]
        present = [r[column] for r in read[1:] if r[column] is not None]
        if total_amount is None or not present:
            continue
        point = _sum(_in(p, total_amount) for p in present if p is not None)
        if not printed_as(total_amount.value, point):
            raise _Found  # budget.parts_sum
    initial, budget, executed = read[0]
    denominator = budget if adjusted else initial
    if executed is None or denominator is None or denominator.value == 0:
        raise _Doubt  # not computable, or not applicable
    weight = _figure(block["weight"])
    reported = _figure(block["reported_score"])
    spent = _in(executed, denominator)
    value = execution_points(spent, denominator.value, weight, rules)[0]
    if reported > weight or reported != value:
        raise _Found  # budget.score_above_weight / score_differs
    threshold = rules.execution.reason_below
    if (
        threshold is not None
        and not block["reason"].strip()
        and RATE_CONTEXT.divide(spent, denominator.value) < threshold
    ):
        raise _Found  # budget.reason_missing
    return value


def _indicator(
    row: object,
    rules: RuleSet,
    year: int,
    seen: set[tuple[str, str, str]],
    cost_level: bool,
) -> tuple[Decimal, Decimal, Decimal, str]:
    """(score, printed score, weight, 一级) of a plain quantitative row without finding."""
    if type(row) is not dict or row.keys() != _INDICATOR:
        raise _Doubt
    level1, level2, name, column, note = (
        row["level1"],
        row["level2"],
        row["name"],
        row["unit"],
        row["deviation_note"],
    )
    symbol = row["comparator"]
    comparator = _COMPARATORS.get(symbol)
    if (
        comparator is None
        or row["comparator_text"] != symbol  # written as its canonical symbol
        or type(level1) is not str
        or type(level2) is not str
        or type(name) is not str
        or type(column) is not str
        or type(note) is not str
        or row["applicable"] is not True
        or row["qualitative_grade"] is not None
        or row["share"] is not None
        or row["converted_score"] is not None
        or row["parent"] is not None
        or row["actual"] is None
    ):
        raise _Doubt
    key = (level1, level2, name)
    if key in seen:
        raise _Found  # indicator.duplicate
    seen.add(key)
    t, t_unit, t_text = _measure(row["target"])
    a, a_unit, a_text = _measure(row["actual"])
    if type(row["weight"]) is not str:
        raise _Doubt
    weight = _weight(row["weight"])
    reported = _figure(row["reported_score"])
    both = common_scale(a, _cell_unit(a_unit, column), t, _cell_unit(t_unit, column))
    if not isinstance(both, Converted):
        raise _Doubt
    case, raw, _ = quantitative_case(comparator, rules, both.actual, both.target, weight)
    value = case_points(case, raw, weight, rules)
    noted = _says_something(note)
    if (
        value is None
        or reported > weight
        or reported != value
        or (case != MET and not noted)
        or reverse_quantity(level2, comparator, name)
        or (cost_level and cost_misplaced(level1, level2))
        or ("时效" in level2 and stray_years([("n", name), ("t", t_text), ("a", a_text)], year))
    ):
        raise _Found  # a score, note, comparator, level or year the checks report
    flags = over_completion(
        both.target, both.actual, comparator in _POSITIVE, rules.over_completion
    )
    if flags is not None and ((flags[0] and not noted) or flags[1]):
        raise _Found  # indicator.over_completion_note / target_too_low
    return value, reported, weight, level1
