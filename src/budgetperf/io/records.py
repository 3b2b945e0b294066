"""Flat records (扁平记录) for data frames, without importing pandas.

``to_records(document)`` gives one ``dict`` per indicator (a self-evaluation), per
expenditure line (final accounts) or per dimension (a department evaluation), with plain
Python values — ``str``, ``int``, ``bool``, ``None`` and ``Decimal`` (never float) — ready for
``pandas.DataFrame.from_records``. ``record_tables(document)`` gives every table of the
document, so that every figure it holds is in some record::

    >>> from budgetperf import examples
    >>> rows = to_records(examples.load("ziyang-2022"))
    >>> rows[0]["name"], rows[0]["target_value"], rows[0]["weight"]
    ('组织科普宣传活动', Decimal('5'), Decimal('10'))
    >>> sorted(record_tables(examples.load("liangshan-2023")))
    ['budget', 'charts', 'dimensions', 'functional_lines', 'income', 'indicators',
     'statement_parts', 'statements', 'summaries']
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

import attrs

from budgetperf.io.outputs import document_keys
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    Dimension,
    Document,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.money import Amount

__all__ = ["TABLES", "record_tables", "to_records"]

Record = dict[str, Any]

TABLES: Final = (
    "summaries",
    "indicators",
    "budget",
    "functional_lines",
    "economic_lines",
    "income",
    "statements",
    "statement_parts",
    "charts",
    "level_funding",
    "dimensions",
)
"""The record tables a document may have (``summaries``: one row per document, with its
reported totals and, for final accounts, every summary figure)."""

_DEFAULT: Final = {
    ProjectEvaluation: "indicators",
    FinalAccounts: "functional_lines",
    DepartmentEvaluation: "dimensions",
}


def _money(prefix: str, amount: Amount | None) -> Record:
    return {
        prefix: None if amount is None else amount.value,
        f"{prefix}_unit": None if amount is None else amount.unit.value,
    }


_IDENTITY: Final = {
    ProjectEvaluation: (
        "document",
        "document_type",
        "project_code",
        "project",
        "sub_project",
        "year",
        "department",
    ),
    DepartmentEvaluation: ("document", "document_type", "year", "department"),
    FinalAccounts: ("document", "document_type", "year", "department"),
}
"""The join keys each record of a document kind starts with (their values are the
outputs' own: :func:`budgetperf.io.outputs.document_keys`)."""


def _identity(index: int, document: Document) -> Record:
    keys = document_keys(document, index=index)
    return {name: keys[name] for name in _IDENTITY[type(document)]}


def _dimensions(nodes: tuple[Dimension, ...], path: str) -> Iterator[Record]:
    for i, node in enumerate(nodes):
        here = f"{path}[{i}]"
        yield {
            "path": here,
            "name": node.name,
            "weight": node.weight,
            "reported_score": node.reported_score,
            "rule": node.rule or None,
            "weight_inferred": node.weight_inferred,
            "children": len(node.children),
            **{f"input_{k}": v for k, v in node.inputs},
        }
        yield from _dimensions(node.children, f"{here}.children")


def _summary(base: Record, document: Document) -> Record:
    """The document's own figures: reported totals, and the summary figures of final
    accounts (收支总计, 基本支出, 三公经费 …) — a figure-valued field directly on the document,
    or on a record it holds one of (``three_public_reception``)."""
    row: Record = dict(base)
    if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
        row["reported_total"] = document.reported_total
        row["reported_grade"] = document.reported_grade.value if document.reported_grade else None
        return row
    for field in attrs.fields(type(document)):
        value = getattr(document, field.name)
        if isinstance(value, Amount) or (value is None and _is_money(field.type)):
            row.update(_money(field.name, value))
        elif attrs.has(type(value)) and field.name != "source":
            for inner in attrs.fields(type(value)):
                item = getattr(value, inner.name)
                if isinstance(item, Amount) or (item is None and _is_money(inner.type)):
                    row.update(_money(f"{field.name}_{inner.name}", item))
    return row


def _is_money(kind: object) -> bool:
    return "Amount" in str(kind)


def _charts(base: Record, document: FinalAccounts) -> Iterator[Record]:
    for c, chart in enumerate(document.charts):
        for s, series in enumerate(chart.series):
            for v, value in enumerate(series.values):
                yield {
                    **base,
                    "chart": c,
                    "number": chart.number,
                    "title": chart.title,
                    "kind": chart.kind,
                    "series": s,
                    "series_name": series.name,
                    "label": chart.labels[v] if v < len(chart.labels) else None,
                    "value": value,
                }


def _tables(index: int, document: Document) -> dict[str, list[Record]]:
    base = _identity(index, document)
    tables: dict[str, list[Record]] = {"summaries": [_summary(base, document)]}
    if isinstance(document, ProjectEvaluation):
        tables["indicators"] = [
            {
                **base,
                "row": i,
                "level1": x.level1,
                "level2": x.level2,
                "name": x.name,
                "comparator": x.comparator.value if x.comparator else None,
                "comparator_text": x.comparator_text,
                "parent": x.parent,
                "target_text": x.target.text,
                "target_value": x.target.value,
                "target_unit": x.target.unit,
                "unit": x.unit,
                "actual_text": x.actual.text if x.actual else None,
                "actual_value": x.actual.value if x.actual else None,
                "actual_unit": x.actual.unit if x.actual else None,
                # An actual printed as a bound ("≥90%"): its comparator as printed.
                "actual_comparator": x.actual.comparator_text if x.actual else None,
                "weight": x.weight,
                "reported_score": x.reported_score,
                # The 一级/二级 points where the form prints them in columns (海南's).
                "level1_weight": x.level1_weight,
                "level2_weight": x.level2_weight,
                "deviation_note": x.deviation_note,
                "applicable": x.applicable,
                "qualitative_grade": x.qualitative_grade.value if x.qualitative_grade else None,
            }
            for i, x in enumerate(document.indicators)
        ]
        if document.budget is not None:
            block = document.budget
            tables["budget"] = [
                {
                    **base,
                    "row": i,
                    "category": r.category,
                    **_money("initial_budget", r.initial_budget),
                    **_money("adjusted_budget", r.adjusted_budget),
                    **_money("executed", r.executed),
                    "reported_rate_percent": r.reported_rate_percent,
                    "weight": block.weight if i == 0 else r.weight,
                    "reported_score": block.reported_score if i == 0 else r.reported_score,
                }
                for i, r in enumerate(block.rows)
            ]
        if document.economic_lines:
            tables["economic_lines"] = [
                {
                    **base,
                    "row": i,
                    "economic_code": e.economic_code,
                    "name": e.name,
                    **_money("amount", e.amount),
                    **_money("planned", e.planned),
                }
                for i, e in enumerate(document.economic_lines)
            ]
        tables["level_funding"] = [
            {
                **base,
                "row": i,
                "level": line.level.value if line.level else None,
                "label": line.label,
                **_money("planned", line.planned),
                **_money("in_place", line.in_place),
            }
            for i, line in enumerate(document.level_funding)
        ]
    elif isinstance(document, FinalAccounts):
        tables["functional_lines"] = [
            {
                **base,
                "row": i,
                "functional_code": line.functional_code,
                "name": line.name,
                "level": {3: "类", 5: "款", 7: "项"}[len(line.functional_code)],
                **_money("amount", line.amount),
                "category": line.category.value if line.category else None,
                "economic_code": line.economic_code,
                **_money("budget", line.budget),
            }
            for i, line in enumerate(document.functional_lines)
        ]
        tables["economic_lines"] = [
            {
                **base,
                "row": i,
                "economic_code": e.economic_code,
                "name": e.name,
                **_money("amount", e.amount),
                **_money("planned", e.planned),
            }
            for i, e in enumerate(document.economic_lines)
        ]
        tables["income"] = [
            {
                **base,
                "row": i,
                "source": line.source.value,
                **_money("amount", line.amount),
                "share_percent": line.share_percent,
            }
            for i, line in enumerate(document.income)
        ]
        tables["statements"] = [
            {
                **base,
                "row": i,
                "kind": s.kind.value,
                "subject": s.subject,
                **_money("figure", s.figure),
                **_money("base", s.base),
                **_money("amount", s.amount),
                "percent": s.percent,
                "count": s.count,
                "count_measure": s.count_unit or None,  # not *_unit: that suffix is money
                "score": s.score,
                "full_marks": s.full_marks,
                "grade": s.grade.value if s.grade else None,
                "direction": s.direction.value if s.direction else None,
                "text": s.text,
            }
            for i, s in enumerate(document.statements)
        ]
        tables["statement_parts"] = [
            {
                **base,
                "statement": i,
                "row": j,
                "subject": part.subject,
                **_money("figure", part.figure),
                "percent": part.percent,
                "count": part.count,
            }
            for i, s in enumerate(document.statements)
            for j, part in enumerate(s.parts)
        ]
        tables["charts"] = list(_charts(base, document))
    else:
        tables["dimensions"] = [
            {**base, **row} for row in _dimensions(document.dimensions, "dimensions")
        ]
    return {name: rows for name, rows in tables.items() if rows}


def record_tables(document: Document | Batch) -> dict[str, list[Record]]:
    """Every record table of ``document`` (a batch: its documents' tables, concatenated)."""
    documents = document.documents if isinstance(document, Batch) else (document,)
    merged: dict[str, list[Record]] = {}
    for index, item in enumerate(documents):
        for name, rows in _tables(index, item).items():
            merged.setdefault(name, []).extend(rows)
    return {name: merged[name] for name in TABLES if name in merged}


def to_records(document: Document | Batch, *, table: str | None = None) -> list[Record]:
    """The records of one table: by default indicators (self-evaluations), functional lines
    (final accounts) or dimensions (department evaluations); for a batch, of its first
    document's kind."""
    if table is None:
        first = (
            document.documents[0]
            if isinstance(document, Batch) and document.documents
            else document
        )
        table = _DEFAULT.get(type(first), "indicators")
    return record_tables(document).get(table, [])


def figures(record_rows: list[Record]) -> list[Decimal]:
    """Every Decimal in the records (for tests that no figure is lost)."""
    return [v for row in record_rows for v in row.values() if isinstance(v, Decimal)]
