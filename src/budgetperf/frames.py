"""Exact DataFrames (精确数据框) for analysts and report tools: the ``pandas`` extra.

``to_frame(obj, table=...)`` turns a document, a batch, a score sheet, a list of findings or
the outcomes of :mod:`budgetperf.bulk` into a pandas DataFrame with one row per indicator,
fund row, score line, finding or document, the join keys on every row, and every amount,
rate, weight and score in an exact decimal column (``pd.ArrowDtype(pa.decimal128(p, s))``):
``groupby().sum()`` adds Decimals, never floats. ``to_arrow`` gives the same table as a
``pyarrow.Table`` (for polars, DuckDB, Parquet). See ``docs/frames.md``.

The rows come from :mod:`budgetperf.io.records` (the one flattening of documents into
records); this module adds the join keys, converts amounts to one unit and gives each
decimal column the standard type of what it holds (:data:`SCORE_TYPE`, :data:`MEASURE_TYPE`,
:data:`AMOUNT_TYPES`), the same in every frame so that frames concatenate, widened (never
rounded) when a value needs more digits. This module imports pandas
and pyarrow only when a frame is asked for; without them it raises
:class:`ExtraMissingError` naming ``pip install 'budgetperf[pandas]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs

from budgetperf.bulk import Outcome
from budgetperf.checks import check
from budgetperf.checks.finding import Finding, Severity
from budgetperf.errors import BudgetPerfError, FloatNotAllowedError
from budgetperf.io.outputs import DOCUMENT_KEYS, document_index, document_keys
from budgetperf.io.outputs import KEYS as OUTPUT_KEYS
from budgetperf.io.records import TABLES as RECORD_TABLES
from budgetperf.io.records import record_tables
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.money import Amount, Unit
from budgetperf.scoring.aggregate import ScoreSheets
from budgetperf.scoring.rules import RuleSet, default_rules_for
from budgetperf.scoring.score import ScoreSheet, score

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "AMOUNT_TYPES",
    "KEYS",
    "MAX_PRECISION",
    "MEASURE_TYPE",
    "SCORE_TYPE",
    "TABLES",
    "ExtraMissingError",
    "FrameError",
    "score_all",
    "to_arrow",
    "to_frame",
]

Document = ProjectEvaluation | DepartmentEvaluation | FinalAccounts
Row = dict[str, Any]

KEYS: Final = DOCUMENT_KEYS
"""The join keys on every row of a document or batch frame, in this order (then ``rules``
where a rule set applies)."""

TABLES: Final = ("documents", *RECORD_TABLES, "scores", "findings")
"""The tables of a document or batch: ``documents`` (one row per document), the record
tables of :mod:`budgetperf.io.records`, ``scores`` (one row per score line) and ``findings``."""

MAX_PRECISION: Final = 38
"""The most digits a decimal column holds (Arrow's decimal128)."""

_SUFFIX: Final = {Unit.YUAN: "yuan", Unit.WAN_YUAN: "wan_yuan"}

# Every decimal column has a standard type by what it holds, the same in every frame, so
# that frames of different batches concatenate without leaving the type (pandas turns a
# concatenation of two decimal types into ``object``). (precision, scale):
SCORE_TYPE: Final = (9, 2)
"""Weights and scores (分值, 得分): the two places a report prints."""
MEASURE_TYPE: Final = (18, 4)
"""Rates, percents, counts, indicator targets and actuals, department rule inputs."""
AMOUNT_TYPES: Final = {Unit.WAN_YUAN: (18, 6), Unit.YUAN: (18, 2)}
"""Amounts: to the 分 in either unit (0.01 元 = 0.000001 万元)."""

_SCORE_COLUMNS: Final = frozenset(
    {
        "weight",
        "reported_score",
        "reported_total",
        "total",
        "maximum",
        "rule_maximum",
        "graded_total",
        "computed",
        "reported",
        "used",
        "difference",
        "score",
        "full_marks",
    }
)
# Columns that hold Decimals even when every value in a frame is missing.
_MEASURE_COLUMNS: Final = frozenset(
    {"target_value", "actual_value", "reported_rate_percent", "share_percent", "percent", "count"}
)
_INTEGER_COLUMNS: Final = frozenset({"document", "year", "row", "line"})


class FrameError(BudgetPerfError, ValueError):
    """A value or request that an exact frame cannot hold (无法生成精确数据框)."""


class ExtraMissingError(BudgetPerfError, ImportError):
    """The ``pandas`` extra is not installed (缺少可选依赖 pandas)."""


def _require(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ExtraMissingError(
            f"数据框需要可选依赖 {module}：请安装 pip install 'budgetperf[pandas]'",
            f"data frames need the optional dependency {module}: pip install 'budgetperf[pandas]'",
            value=module,
            expected="budgetperf installed with the pandas extra",
        ) from None


# -- scoring a batch -------------------------------------------------------------------


def score_all(
    batch: Batch | Iterable[Document], *, rules: RuleSet | str | None = None
) -> ScoreSheets:
    """One score sheet per document, in order; None for final accounts (checked, not scored).

    ``budgetperf.score(batch)`` does the same for a batch; this also takes any iterable of
    documents, scored under ``rules`` (default: each document's own layout rule set)::

        >>> from budgetperf import examples
        >>> sheets = score_all(examples.load("liangshan-2023"))
        >>> len(sheets), sheets[0], sheets[11].total
        (23, None, Decimal('99.47'))
        >>> sheets
        <ScoreSheets: 23 documents, 22 scored, grades (优=20, 良=1)>
    """
    whole = batch if isinstance(batch, Batch) else Batch(name="", documents=tuple(batch))
    return score(whole, rules)


# -- rows ------------------------------------------------------------------------------


def _keys(batch: str | None, index: int | None, document: Document) -> Row:
    return document_keys(document, batch=batch, index=index)


def _rules_name(document: Document, rules: RuleSet | str | None) -> str | None:
    if isinstance(document, FinalAccounts):
        return None
    return default_rules_for(document, rules).name


def _money(row: Row, unit: Unit) -> Row:
    """Record values ``x`` + ``x_unit`` (how :mod:`budgetperf.io.records` writes an amount)
    become one column ``x_<unit>`` in ``unit``, converted exactly."""
    out: Row = {}
    for key, value in row.items():
        if key.endswith("_unit") and key.removesuffix("_unit") in row:
            continue  # folded into its amount's column
        if f"{key}_unit" not in row:
            out[key] = value
            continue
        written = row[f"{key}_unit"]
        out[f"{key}_{_SUFFIX[unit]}"] = (
            None if value is None else Amount(value, Unit.of(written)).to(unit).value
        )
    return out


def _amount(prefix: str, amount: Amount | None, unit: Unit) -> Row:
    return {f"{prefix}_{_SUFFIX[unit]}": None if amount is None else amount.to(unit).value}


def _sheet_rows(sheet: ScoreSheet, base: Row) -> Iterator[Row]:
    for i, line in enumerate(sheet.lines):
        yield {
            **base,
            "rules": sheet.rules,
            "title": sheet.title,
            "line": i,
            "path": line.path,
            "label": line.label,
            # Department sheets list every node; the total adds the top-level ones only.
            "top": ".children" not in line.path,
            "status": line.status.value,
            "weight": line.weight,
            "computed": line.computed,
            "reported": line.reported,
            "used": line.used,
            "difference": line.difference,
            "has_note": line.has_note,
            "discretionary": line.discretionary,
            "rule": line.explanation.rule,
            "formula": line.explanation.formula,
            "explanation": line.explanation.text,
        }


def _finding_rows(findings: Iterable[Finding], base: Row | None) -> Iterator[Row]:
    for finding in findings:
        keys = base
        if keys is None:
            keys = {"document": document_index(finding.path)[0]}
        yield {
            **keys,
            "title": finding.document,
            "code": finding.code,
            "severity": finding.severity.value,
            "path": finding.path,
            "message": finding.message,
            "expected": finding.expected,
            "reported": finding.reported,
            "source_text": finding.source_text,
        }


def _document_row(
    base: Row, document: Document, sheet: ScoreSheet | None, findings: Sequence[Finding], unit: Unit
) -> Row:
    title = (
        document.title
        if isinstance(document, ProjectEvaluation)
        else f"{document.department} {document.year}"
    )
    total_row = (
        document.budget.total
        if isinstance(document, ProjectEvaluation) and document.budget is not None
        else None
    )
    accounts = document if isinstance(document, FinalAccounts) else None
    return {
        **base,
        "rules": sheet.rules if sheet is not None else None,
        "title": title,
        "indicators": len(document.indicators) if isinstance(document, ProjectEvaluation) else 0,
        **_amount("initial_budget", total_row.initial_budget if total_row else None, unit),
        **_amount("adjusted_budget", total_row.adjusted_budget if total_row else None, unit),
        **_amount("executed", total_row.executed if total_row else None, unit),
        **_amount("income_total", accounts.income_total if accounts else None, unit),
        **_amount("expenditure_total", accounts.expenditure_total if accounts else None, unit),
        "reported_total": getattr(document, "reported_total", None),
        "total": sheet.total if sheet is not None else None,
        "maximum": sheet.maximum if sheet is not None else None,
        "rule_maximum": sheet.rule_maximum if sheet is not None else None,
        "graded_total": sheet.graded_total if sheet is not None else None,
        "gradable": sheet.gradable if sheet is not None else None,
        "grade": sheet.grade.value if sheet is not None and sheet.grade else None,
        "reported_grade": (
            document.reported_grade.value
            if not isinstance(document, FinalAccounts) and document.reported_grade
            else None
        ),
        "grade_of_reported_total": (
            sheet.grade_of_reported_total.value
            if sheet is not None and sheet.grade_of_reported_total
            else None
        ),
        "findings": len(findings),
        "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
    }


def _batch_rows(
    name: str | None,
    documents: Sequence[Document],
    table: str,
    rules: RuleSet | str | None,
    unit: Unit,
) -> list[Row]:
    bases = [_keys(name, i, d) for i, d in enumerate(documents)]
    if table in RECORD_TABLES:
        rows: list[Row] = []
        for i, document in enumerate(documents):
            for record in record_tables(document).get(table, []):
                # The record's own identity columns are the keys; the keys win.
                rest = {k: v for k, v in record.items() if k not in bases[i]}
                rows.append(_money({**bases[i], **rest}, unit))
        return rows
    rows = []
    for base, document in zip(bases, documents, strict=True):
        if table == "findings":
            keyed = {**base, "rules": _rules_name(document, rules)}
            rows.extend(_finding_rows(check(document, rules), keyed))
            continue
        sheet = None if isinstance(document, FinalAccounts) else score(document, rules)
        if table == "scores":
            rows.extend(_sheet_rows(sheet, base) if sheet is not None else ())
        else:
            rows.append(_document_row(base, document, sheet, check(document, rules), unit))
    return rows


def _outcome_row(outcome: Outcome) -> Row:
    """Every field of a bulk outcome as a column, whatever fields it has: the join keys it
    carries first (:data:`budgetperf.io.outputs.KEYS` order, None for a line that could not
    be used, ``index`` as the ``document`` key), then each other field — a sequence
    (``findings``) as its length, an empty text as missing."""
    values: Row = {}
    for field in attrs.fields(Outcome):
        if field.name in ("index", "keys"):
            continue
        value = getattr(outcome, field.name)
        if isinstance(value, tuple):
            value = len(value)
        elif isinstance(value, str) and not value:
            value = None
        elif isinstance(value, Enum):
            value = value.value
        values[field.name] = value
    values["errors"] = outcome.errors
    return {**_outcome_keys(outcome), **values}


def _outcome_keys(outcome: Outcome) -> Row:
    """The join keys an outcome carries (None for a line that could not be used)."""
    return {**dict.fromkeys(OUTPUT_KEYS), **dict(outcome.keys), "document": outcome.index}


def _outcome_rows(outcomes: Sequence[Outcome], table: str) -> list[Row]:
    if table == "findings":
        return [
            row
            for o in outcomes
            for row in _finding_rows(o.findings, {**_outcome_keys(o), "title": o.title})
        ]
    return [_outcome_row(o) for o in outcomes]


def _sheets_rows(sheets: Sequence[ScoreSheet | None], table: str) -> list[Row]:
    if table == "documents":
        return [
            {
                "document": i,
                "rules": s.rules,
                "title": s.title,
                "kind": s.kind,
                "reported_total": s.reported_total,
                "total": s.total,
                "maximum": s.maximum,
                "rule_maximum": s.rule_maximum,
                "graded_total": s.graded_total,
                "gradable": s.gradable,
                "grade": s.grade.value if s.grade else None,
            }
            for i, s in enumerate(sheets)
            if s is not None
        ]
    return [
        row
        for i, s in enumerate(sheets)
        if s is not None
        for row in _sheet_rows(s, {"document": i})
    ]


def _choose(table: str | None, default: str, allowed: Sequence[str], what: str) -> str:
    chosen = default if table is None else table
    if chosen not in allowed:
        raise FrameError(
            f"{what}没有名为 {chosen!r} 的表",
            f"{what} has no table {chosen!r}",
            field="table",
            value=chosen,
            expected=" | ".join(allowed),
        )
    return chosen


def _rows(
    obj: object, table: str | None, rules: RuleSet | str | None, unit: Unit
) -> tuple[list[Row], str]:
    """The rows of ``obj`` for ``table``, and the table chosen."""
    if isinstance(obj, Batch):
        chosen = _choose(table, "documents", TABLES, "批次 (a batch)")
        return _batch_rows(obj.name, obj.documents, chosen, rules, unit), chosen
    if isinstance(obj, ProjectEvaluation | DepartmentEvaluation | FinalAccounts):
        default = {
            ProjectEvaluation: "indicators",
            DepartmentEvaluation: "dimensions",
            FinalAccounts: "functional_lines",
        }[type(obj)]
        chosen = _choose(table, default, TABLES, "文档 (a document)")
        return _batch_rows(None, (obj,), chosen, rules, unit), chosen
    if isinstance(obj, ScoreSheets):  # even when empty or all None: sheets, not findings
        chosen = _choose(table, "scores", ("scores", "documents"), "评分表 (score sheets)")
        return _sheets_rows(obj, chosen), chosen
    if isinstance(obj, ScoreSheet):
        chosen = _choose(table, "scores", ("scores",), "评分表 (a score sheet)")
        return list(_sheet_rows(obj, {"document": None})), chosen
    if isinstance(obj, str | bytes) or not isinstance(obj, Iterable):
        raise FrameError(
            "无法生成数据框的对象",
            "cannot make a frame of this object",
            value=type(obj).__name__,
            expected="a Document, Batch, ScoreSheet, findings, bulk outcomes or score sheets",
        )
    items = list(obj)
    if all(isinstance(x, Finding) for x in items):
        # An empty list is read as findings: check() of a clean document gives one.
        chosen = _choose(table, "findings", ("findings",), "检查发现 (findings)")
        return list(_finding_rows(items, None)), chosen
    if all(isinstance(x, Outcome) for x in items):
        chosen = _choose(table, "documents", ("documents", "findings"), "批量结果 (outcomes)")
        return _outcome_rows(items, chosen), chosen
    if all(x is None or isinstance(x, ScoreSheet) for x in items):
        chosen = _choose(table, "scores", ("scores", "documents"), "评分表 (score sheets)")
        return _sheets_rows(items, chosen), chosen
    kinds = sorted({type(x).__name__ for x in items})
    raise FrameError(
        "序列中的对象无法生成数据框",
        "cannot make a frame of a sequence of these objects",
        value=", ".join(kinds),
        expected="all Finding, all bulk Outcome, or all ScoreSheet (None allowed)",
    )


# -- columns ---------------------------------------------------------------------------


def _is_amount(name: str) -> bool:
    return name.endswith(("_yuan", "_wan_yuan"))


def _is_decimal_column(name: str) -> bool:
    return (
        name in _SCORE_COLUMNS
        or name in _MEASURE_COLUMNS
        or name.startswith("input_")
        or _is_amount(name)
    )


def _standard(name: str) -> tuple[int, int]:
    if name in _SCORE_COLUMNS:
        return SCORE_TYPE
    if name.endswith("_wan_yuan"):
        return AMOUNT_TYPES[Unit.WAN_YUAN]
    if name.endswith("_yuan"):
        return AMOUNT_TYPES[Unit.YUAN]
    return MEASURE_TYPE


def _decimal_type(pa: ModuleType, name: str, values: list[Any]) -> Any:
    """The column's standard ``decimal128(p, s)``, widened (never rounded) when a value has
    more places or more integer digits than it holds."""
    standard_precision, scale = _standard(name)
    integer = standard_precision - scale
    for value in values:
        if value is None:
            continue
        if not value.is_finite():
            raise FrameError(
                "数据框不能容纳非有限数",
                "a frame cannot hold a non-finite number",
                field=name,
                value=value,
                expected="a finite Decimal",
            )
        _, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)
        scale = max(scale, -exponent)
        integer = max(integer, len(digits) + exponent)
    precision = integer + scale
    if precision > MAX_PRECISION:
        raise FrameError(
            f"数值需要 {precision} 位有效数字，超过数据框小数列的 {MAX_PRECISION} 位；不作舍入",
            f"the values need {precision} digits, more than the {MAX_PRECISION} a decimal "
            "column holds; they are not rounded",
            field=name,
            value=next(v for v in values if v is not None),
            expected=f"at most {MAX_PRECISION} digits (integer digits + decimal places)",
        )
    return pa.decimal128(precision, scale)


def _column(pa: ModuleType, name: str, values: list[Any], *, decimal: bool) -> Any:
    present = [v for v in values if v is not None]
    if any(isinstance(v, float) for v in present):
        raise FloatNotAllowedError(
            "数据框中出现浮点数",
            "a float reached a frame column",
            field=name,
            value=next(v for v in present if isinstance(v, float)),
            expected="Decimal",
        )
    if any(isinstance(v, Decimal) for v in present) or (not present and decimal):
        if not all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in present):
            raise FrameError(
                "小数列中混有其他类型的值",
                "a decimal column holds values of another type",
                field=name,
                value=sorted({type(v).__name__ for v in present}),
                expected="Decimal (or int) values only",
            )
        exact = [None if v is None else Decimal(v) for v in values]
        return pa.array(exact, type=_decimal_type(pa, name, exact))
    if not present:
        return pa.array(values, type=pa.int64() if name in _INTEGER_COLUMNS else pa.string())
    return pa.array(values)


def _table(pa: ModuleType, rows: list[Row], *, text_only: bool) -> Any:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return pa.table(
        {
            # A column that is missing everywhere is still typed: decimal by its name,
            # except in findings, whose expected/reported are the figures as text.
            name: _column(
                pa,
                name,
                [row.get(name) for row in rows],
                decimal=not text_only and _is_decimal_column(name),
            )
            for name in names
        }
    )


def to_arrow(
    obj: object,
    *,
    table: str | None = None,
    rules: RuleSet | str | None = None,
    unit: Unit | str = Unit.WAN_YUAN,
) -> pa.Table:
    """The rows of ``obj`` as a ``pyarrow.Table`` with exact decimal columns.

    The same rows and types as :func:`to_frame`; use it for polars (``pl.from_arrow``),
    Parquet or DuckDB.

    Raises:
        ExtraMissingError: pyarrow is not installed.
        FrameError: ``table`` is not a table of ``obj``, or a value does not fit a decimal
            column exactly.
    """
    pa = _require("pyarrow")
    rows, chosen = _rows(obj, table, rules, Unit.of(unit))
    if not rows:
        # No rows, no record to name the columns: the frame has the join keys only.
        keyed = isinstance(obj, Batch | ProjectEvaluation | DepartmentEvaluation | FinalAccounts)
        return _table(pa, [dict.fromkeys(KEYS if keyed else ("document",))], text_only=False)[:0]
    return _table(pa, rows, text_only=chosen == "findings")


def to_frame(
    obj: object,
    *,
    table: str | None = None,
    rules: RuleSet | str | None = None,
    unit: Unit | str = Unit.WAN_YUAN,
) -> pd.DataFrame:
    """A pandas DataFrame of ``obj``, every column Arrow-backed, decimals exact.

    Args:
        obj: a document, a :class:`~budgetperf.model.Batch`, a score sheet, findings
            (``budgetperf.check``), bulk outcomes or the sheets of :func:`score_all`.
        table: which rows: ``documents``, ``indicators``, ``budget``, ``functional_lines``,
            ``economic_lines``, ``income``, ``statements``, ``dimensions``, ``scores`` or
            ``findings`` (see ``docs/frames.md`` for the defaults).
        rules: the rule set for ``scores``, ``findings`` and ``documents`` (default: each
            document's own).
        unit: every amount column is in this unit (元 or 万元), converted exactly, and its
            name says so: ``executed_wan_yuan`` or ``executed_yuan``.

    Raises:
        ExtraMissingError: pandas or pyarrow is not installed.
        FrameError: ``table`` is not a table of ``obj``, or a value does not fit a decimal
            column exactly.
    """
    pd = _require("pandas")
    arrow = to_arrow(obj, table=table, rules=rules, unit=unit)
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)
