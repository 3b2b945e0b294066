"""Reading the table corpus (tests/corpus/tables) and comparing it with the hand readings.

Kept apart from the test module so that the comparison can be run by hand on one item::

    python -m tests.corpus_tables t-a-003
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from budgetperf import layouts
from budgetperf.audit import AuditResult, audit_blocks
from budgetperf.grid import Grid
from budgetperf.layouts._vocabulary import GOAL_ROLES
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from budgetperf.model.indicators import Comparator, split_comparator
from budgetperf.readers import read_text

CORPUS = Path(__file__).parent / "corpus" / "tables"


def ids() -> list[str]:
    """Every corpus item, by id."""
    return sorted(p.name.removesuffix(".txt") for p in CORPUS.glob("*.txt"))


def item(name: str) -> tuple[dict[str, str], str, dict[str, Any]]:
    """The header, the content as published, and the hand reading of one item."""
    head, content = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n---\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return meta, content, expected


def audit_item(name: str) -> AuditResult:
    """The audit of one item's content, read as the text it was published as."""
    _, content, _ = item(name)
    return audit_blocks(read_text(content, file=name), file=name)


def identified(name: str) -> str | None:
    """The layout :func:`budgetperf.layouts.identify` finds for an item's first table of a
    shipped form (flattened tables rebuilt first), or ``None`` when no table is one; what was
    printed before each table is its context, as the audit passes it."""
    _, content, _ = item(name)
    context: list[str] = []
    for block in read_text(content, file=name):
        if not isinstance(block, Grid):
            context.append(block.text[:80])
            continue
        grid = layouts.rebuild(block, context=context[-6:]) if block.flattened else block
        if grid is None:
            continue
        found = layouts.identify(grid, context=context)
        if isinstance(found, layouts.Identified):
            return found.layout.name
        context += [cell.text[:80] for row in grid.cells for cell in row if cell.text.strip()]
    return None


def _squash(text: str) -> str:
    """Text compared without blanks (merged-cell labels are stored without them)."""
    return re.sub(r"[\s\u3000]+", "", text)


def _number(text: str) -> Decimal | None:
    # An amount printed with the block's unit in its cell (620.82万元, 3359.62万) is that figure.
    cleaned = text.strip().removesuffix("万元").removesuffix("万").rstrip("%％").replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _same_number(printed: str, read: Decimal | None) -> bool:
    expected = _number(printed)
    if expected is None:
        return read is None or not printed.strip() or printed.strip() in "-—/"
    return read is not None and read == expected


def _indicator_mismatches(doc: _Doc, expected: dict[str, Any]) -> list[str]:
    columns = [
        layouts.ANY_INDICATORS.field_of(c) or layouts.ANY_INDICATORS.joined_of(c)
        for c in expected.get("indicator_columns", [])
    ]
    rows = expected.get("indicators") or []
    out: list[str] = []
    if len(doc.indicators) != len(rows):
        out.append(f"indicators: read {len(doc.indicators)}, expected {len(rows)}")
    for n, (row, indicator) in enumerate(zip(rows, doc.indicators, strict=False)):
        if row.get("aligned") is False:
            continue  # the hand reading could not place these values under columns either
        values = dict(zip(columns, row["values"], strict=False))
        checks: dict[str, bool] = {
            "level1": _squash(values.get("level1", "")) == _squash(indicator.level1),
            "level2": _squash(values.get("level2", "")) == _squash(indicator.level2),
            "name": _squash(values.get("name", "")) == _squash(indicator.name),
        }
        if "target" in values:
            checks["target"] = _squash(values["target"]) == _squash(
                indicator.target.text if indicator.target else ""
            ) or (
                indicator.comparator is not None
                and _squash(values["target"]).endswith(_squash(indicator.target.text))
            )
        if "actual" in values:
            checks["actual"] = _squash(values["actual"]) == _squash(
                indicator.actual.text if indicator.actual else ""
            )
            # An actual printed with a comparator ("≥90%") is a bound, kept with its spelling.
            printed = split_comparator(values["actual"])
            read = indicator.actual
            checks["actual_comparator"] = (
                (read.comparator, read.comparator_text) if read else (None, "")
            ) == (printed.comparator, printed.printed)
        if "comparator" in values and values["comparator"].strip():
            checks["comparator"] = indicator.comparator == Comparator.parse(values["comparator"])
            # The spelling is kept as printed (≧, >=, 不低于 …), beside the comparator.
            checks["comparator_text"] = _squash(values["comparator"]) == _squash(
                indicator.comparator_text
            )
        # A part (其中 … under the row it breaks down) names that row; any other row none.
        checks["parent"] = indicator.parent == row.get("parent")
        if "weight" in values:
            checks["weight"] = _same_number(values["weight"], indicator.weight)
        if "score" in values:
            checks["score"] = _same_number(values["score"], indicator.reported_score)
        if "note" in values:
            checks["note"] = _squash(values["note"]) == _squash(indicator.deviation_note)
        out += [f"indicators[{n}].{k}" for k, ok in checks.items() if not ok]
    return out


_BUDGET_FIELDS = {
    "initial": "initial_budget",
    "adjusted": "adjusted_budget",
    "executed": "executed",
}


def _budget_mismatches(doc: _Doc, expected: dict[str, Any]) -> list[str]:
    columns = [layouts.ANY_BUDGET.field_of(c) for c in expected.get("budget_columns", [])]
    rows = expected.get("budget") or []
    fund_rows = doc.budget.rows if doc.budget is not None else ()
    out: list[str] = []
    if len(fund_rows) != len(rows):
        out.append(f"budget: read {len(fund_rows)} rows, expected {len(rows)}")
    for n, (row, fund) in enumerate(zip(rows, fund_rows, strict=False)):
        values = dict(zip(columns, row["values"], strict=False))
        if _squash(row["label"]).rstrip(":：") != _squash(fund.category).rstrip(":："):
            out.append(f"budget[{n}].label")
        if row.get("aligned") is False:
            continue  # the hand reading could not place these figures under columns either
        for field, attribute in _BUDGET_FIELDS.items():
            if field in values:
                amount = getattr(fund, attribute)
                if not _same_number(values[field], amount.value if amount else None):
                    out.append(f"budget[{n}].{field}")
        if "rate" in values and not _same_number(values["rate"], fund.reported_rate_percent):
            out.append(f"budget[{n}].rate")
        if n == 0 and doc.budget is not None:
            if "weight" in values and not _same_number(values["weight"], doc.budget.weight):
                out.append("budget.weight")
            if "score" in values and not _same_number(values["score"], doc.budget.reported_score):
                out.append("budget.score")
        elif n > 0:
            # A part row's own points (其中：本年财政拨款 … 10 | 10), as printed or none.
            if "weight" in values and not _same_number(values["weight"], fund.weight):
                out.append(f"budget[{n}].weight")
            if "score" in values and not _same_number(values["score"], fund.reported_score):
                out.append(f"budget[{n}].score")
    return out


_HEAD = {"项目名称": "name", "主管部门": "department", "实施单位": "implementing_unit"}
# A department's form names the department itself where a project's names its 主管部门.
_DEPARTMENT_HEAD = {"部门": "department", "部门名称": "department"}
_Doc = ProjectEvaluation | DepartmentEvaluation


def project_form(name: str) -> bool:
    """Whether the hand reading is of a shipped project form with rows (a document that holds
    goals, 年度总体目标 / 预期目标 / 实际完成情况)."""
    _, _, expected = item(name)
    return (
        expected["layout"] is not None
        and layouts.get(expected["layout"]).kind
        in (layouts.FormKind.PROJECT, layouts.FormKind.PROJECT_UNIT)
        and bool(expected.get("indicators") or expected.get("budget"))
    )


def goals_mismatches(name: str) -> list[str]:
    """How the goals read (``goals``, ``goals_completion``) differ from the hand reading's
    goals block, whose labels are the forms' own (预期目标, 实际完成情况 …: their field from
    the layouts' vocabulary). A label the model has no field for (项目总目标, a column pair
    printed interleaved) is not compared; a field it does not fill must be read empty."""
    _, _, expected = item(name)
    roles = {layouts.header_key(k): v for k, v in GOAL_ROLES.items()}
    hand = {"goals": "", "goals_completion": ""}
    for label, value in (expected.get("goals") or {}).items():
        role = roles.get(layouts.header_key(label))
        if role is not None:
            hand["goals" if role == "block" else role] = value
    docs = [d for d in audit_item(name).batch.documents if isinstance(d, ProjectEvaluation)]
    if not docs:
        return ["no project document read"]
    return [
        f"{field}: read {getattr(docs[0], field)!r}, expected {value!r}"
        for field, value in hand.items()
        if _squash(getattr(docs[0], field)) != _squash(value)
    ]


def mismatches(name: str, result: AuditResult | None = None) -> list[str]:
    """How the library's reading of an item (or ``result``, the audit of a copy of it in
    another format) differs from the hand reading (empty: none)."""
    _, _, expected = item(name)
    result = audit_item(name) if result is None else result
    docs = [
        d for d in result.batch.documents if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    if expected["layout"] is None:
        # A table of no shipped form: nothing is read as a document, and the page's content
        # is kept (as unparsed cells or as text) rather than guessed.
        return [] if not docs else [f"read {len(docs)} documents from a table of no known form"]
    if not expected.get("indicators") and not expected.get("budget"):
        return [] if not docs else [f"read {len(docs)} documents from a table with no rows"]
    if not docs:
        return ["no document read"]
    doc = docs[0]
    out: list[str] = []
    if (doc.layout or None) != expected["layout"]:
        out.append(f"layout: read {doc.layout or None!r}, expected {expected['layout']!r}")
    heads = _DEPARTMENT_HEAD if isinstance(doc, DepartmentEvaluation) else _HEAD
    header = expected.get("header", {})
    # A field printed twice — a blank stamp line above the table (主管部门(盖章):) and the
    # table's own row (主管部门 | …) — is read from the one that holds a value.
    filled = {heads.get(_squash(k).removesuffix("(盖章)")) for k, v in header.items() if v.strip()}
    for label, value in header.items():
        field = heads.get(_squash(label).removesuffix("(盖章)"))
        if not value.strip() and field in filled:
            continue
        read = _squash(getattr(doc, field)) if field is not None else ""
        # The name is stored without the project code printed before it.
        if field is not None and not (
            _squash(value) == read or (field == "name" and _squash(value).endswith(read))
        ):
            out.append(f"header.{label}")
    out += _budget_mismatches(doc, expected)
    out += _indicator_mismatches(doc, expected)
    total = expected.get("total")
    # The total row prints the points and then the score (a grade such as 优 may follow).
    values = total["values"] if total else []
    printed_total = values[1].strip() if len(values) >= 2 else ""
    if printed_total and not _same_number(printed_total, doc.reported_total):
        out.append("total")
    if bool(expected["complete"]) == doc.incomplete:
        out.append(f"complete: read {not doc.incomplete}, expected {expected['complete']}")
    return out


def copy_rows(name: str) -> list[list[tuple[str, int]]]:
    """The table of an item as a finance office would keep it, from its hand reading: rows of
    (text, rowspan) cells, a 一级 label merged over the rows it covers (for the XLSX, HTML and
    PDF copies in tests/corpus/tables/copies, made by scripts/make_corpus_copies.py)."""
    _, _, expected = item(name)
    rows: list[list[tuple[str, int]]] = []
    if expected.get("title"):
        rows.append([(expected["title"], 1)])
    rows += [[(label, 1), (value, 1)] for label, value in expected.get("header", {}).items()]
    if expected.get("budget"):
        rows.append([("项目资金（万元）", 1), *[(c, 1) for c in expected["budget_columns"]]])
        rows += [[(r["label"], 1), *[(v, 1) for v in r["values"]]] for r in expected["budget"]]
    indicators = expected.get("indicators") or []
    if indicators:
        rows.append([(c, 1) for c in expected["indicator_columns"]])
        values = [r["values"] for r in indicators]
        for n, row in enumerate(values):
            first = row[0] if row else ""
            starts = n == 0 or values[n - 1][:1] != [first]
            span = 1
            while starts and n + span < len(values) and values[n + span][:1] == [first]:
                span += 1
            cells = [(first, span)] if starts else []
            rows.append(cells + [(v, 1) for v in row[1:]])
    total = expected.get("total")
    if total:
        rows.append([(total["label"], 1), *[(v, 1) for v in total["values"]]])
    return rows


if __name__ == "__main__":
    for name in sys.argv[1:] or ids():
        print(name, f"layout {identified(name)!r}", mismatches(name))
