"""自评表 workbooks (.xlsx), the way finance offices keep them (extra ``budgetperf[excel]``).

A project self-evaluation is written as one sheet holding the same cells as the CSV form
(:func:`budgetperf.io.csv.rows`: key–value rows, the budget block, the indicator table, the
合计 rows), with the 一级/二级指标 of consecutive indicators merged and each key's value merged
across the table's width, as the printed form has them. Amounts and rates are numeric cells
whose number format shows exactly the printed decimals (874.05 under ``0.00``, 95.62% under
``0.00%``), so the sheet adds up in Excel and reads back to the same text. A batch gives one
sheet per project.

Reading goes the other way: each sheet's grid (:func:`budgetperf.readers.read_xlsx`) → rows
→ the CSV reader.

    >>> import pytest; _ = pytest.importorskip("openpyxl")
    >>> from budgetperf import examples
    >>> doc = examples.load("liangshan-2023").documents[11]
    >>> loads(dumps(doc)) == doc
    True
"""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Final

from budgetperf.errors import SchemaError
from budgetperf.io.csv import load_rows, rows
from budgetperf.model.evaluation import Batch, Document, ProjectEvaluation
from budgetperf.readers import read_xlsx
from budgetperf.readers._extras import require
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits

__all__ = [
    "TABLES_SHEET",
    "dump_table_sheets",
    "dumps",
    "is_table_workbook",
    "left_out",
    "load_table_sheets",
    "loads",
]

# Plain decimals and percentages are written as numbers; anything else (leading zeros, a
# comparator, full-width blanks, more digits than Excel keeps) stays text.
_NUMBER: Final = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
_PERCENT: Final = re.compile(r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)%")
_EXCEL_DIGITS: Final = 15
_SHEET_FORBIDDEN: Final = re.compile(r"[\[\]:*?/\\]")
_LEVEL_COLUMNS: Final = ("一级指标", "二级指标")


def _numeric(text: str) -> tuple[Decimal, str] | None:
    """The number and the format that shows it as ``text``, when it is a plain number."""
    percent = _PERCENT.fullmatch(text)
    digits = percent.group(1) if percent else text
    if not _NUMBER.fullmatch(digits):
        return None
    value = Decimal(digits)
    places = max(-value.as_tuple().exponent, 0)  # type: ignore[operator]
    if len(value.as_tuple().digits) > _EXCEL_DIGITS or (not value and value.is_signed()):
        return None  # more digits than Excel keeps, or a "-0" it would show as 0
    code = "0" + ("." + "0" * places if places else "")
    if percent:
        return value.scaleb(-2), code + "%"
    return value, code


def _sheet_name(index: int, name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", f"{index} {name}".strip().strip("'"))[:31] or str(index)
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[:27]}~{n}"
    taken.add(title.lower())
    return title


def _runs(cells: list[list[str]], start: int, end: int, column: int) -> list[tuple[int, int]]:
    """Rows (first, last) of consecutive indicators sharing their levels up to ``column``."""
    runs: list[tuple[int, int]] = []
    top = start
    for r in range(start + 1, end + 1):
        if r == end or cells[r][: column + 1] != cells[top][: column + 1]:
            if r - 1 > top and len(cells[top]) > column and cells[top][column]:
                runs.append((top, r - 1))
            top = r
    return runs


def _merges(cells: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """0-based (top, left, bottom, right) of the merged ranges of the form."""
    width = max((len(row) for row in cells), default=1)
    out: list[tuple[int, int, int, int]] = []
    in_table = False
    for r, row in enumerate(cells):
        if not any(row):
            in_table = False
        elif row[: len(_LEVEL_COLUMNS)] == list(_LEVEL_COLUMNS):
            in_table = True
            end = r + 1
            while end < len(cells) and any(cells[end]):
                end += 1
            # 一级 runs, and 二级 runs inside them, as the printed form merges them.
            for column in range(len(_LEVEL_COLUMNS)):
                out.extend(
                    (top, column, bottom, column)
                    for top, bottom in _runs(cells, r + 1, end, column)
                )
        elif not in_table and len(row) == 2 and row[1] and width > 2:
            out.append((r, 1, r, width - 1))  # a key's value across the form
    return out


def _put(cell: Any, text: str, number: tuple[Any, str] | None, *, sheet: str = "") -> None:
    """Write ``text`` into ``cell``: as the number and format ``number`` when it is one, else
    as text (kept as text: "=…" or "0012" never becomes a formula or a number)."""
    if number is not None:
        cell.value, cell.number_format = number
        return
    exceptions = require("openpyxl.utils.exceptions", "excel")
    try:
        cell.value = text
    except exceptions.IllegalCharacterError:
        raise SchemaError(
            "文本含有工作表不能保存的控制字符",
            "the text holds control characters a worksheet cannot store",
            field=f"{sheet}!{cell.coordinate}" if sheet else cell.coordinate,
            value=text,
            expected="text without control characters (write CSV or JSON instead)",
        ) from None
    cell.data_type = "s"


def _sheet(workbook: Any, document: ProjectEvaluation, title: str) -> None:
    styles = require("openpyxl.styles", "excel")
    sheet = workbook.create_sheet(title)
    cells = rows(document)
    wrap = styles.Alignment(wrap_text=True, vertical="center")
    bold = styles.Font(bold=True)
    headers = {r for r, row in enumerate(cells) if r > 0 and not any(cells[r - 1]) and len(row) > 2}
    for r, row in enumerate(cells, start=1):
        for c, text in enumerate(row, start=1):
            if not text:
                continue
            cell = sheet.cell(row=r, column=c)
            _put(cell, text, _numeric(text) if r - 1 not in headers else None)
            cell.alignment = wrap
            if r - 1 in headers or c == 1:
                cell.font = bold
    for top, left, bottom, right in _merges(cells):
        sheet.merge_cells(
            start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1
        )
    for column, width in zip("ABCDEFGHIJKL", (18, 14, 24, 10, 14, 10, 14, 8, 8, 30), strict=False):
        sheet.column_dimensions[column].width = width


def dumps(document: Document | Batch) -> bytes:
    """A project self-evaluation, or the project self-evaluations of a batch (one sheet
    each), as an .xlsx workbook. The batch's other documents (department evaluations, final
    accounts) have no place in the form and are left out: :func:`left_out` names them.

    Raises:
        SchemaError: no project self-evaluation, or one the 自评表 layout cannot hold (see
            :func:`budgetperf.io.csv.rows`).
        ParseError: the ``excel`` extra is not installed.
    """
    openpyxl = require("openpyxl", "excel")
    documents = document.documents if isinstance(document, Batch) else (document,)
    projects = [d for d in documents if isinstance(d, ProjectEvaluation)]
    if not projects:
        raise SchemaError(
            "XLSX 只能容纳项目支出绩效自评表，输入中没有",
            "XLSX holds project self-evaluations, and the input has none",
            value=", ".join(sorted({type(d).__name__ for d in documents})) or "empty batch",
            expected="ProjectEvaluation documents (use JSON otherwise)",
        )
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for index, item in enumerate(projects, start=1):
        title = _sheet_name(index, item.name, taken) if len(projects) > 1 else "自评表"
        _sheet(workbook, item, title)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def left_out(document: Document | Batch) -> list[Document]:
    """The documents :func:`dumps` leaves out: those that are not project self-evaluations."""
    documents = document.documents if isinstance(document, Batch) else (document,)
    return [d for d in documents if not isinstance(d, ProjectEvaluation)]


def loads(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ProjectEvaluation | Batch:
    """The self-evaluations of a workbook: one sheet gives a document, several a batch; a
    workbook of related tables (:func:`dump_table_sheets`) gives its batch.

    Empty sheets are skipped.

    Raises:
        ParseError, SchemaError: a sheet that is not a 自评表, naming the file and sheet.
    """
    if is_table_workbook(data):
        return load_table_sheets(data, file=file)
    documents: list[ProjectEvaluation] = []
    for block in read_xlsx(data, file=file, limits=limits):
        if not block.rows:
            continue
        where = f"{file}!{block.location.sheet}" if file else block.location.sheet
        documents.append(load_rows([list(row) for row in block.rows], file=where))
    if not documents:
        raise SchemaError(
            "工作簿中没有自评表",
            "the workbook holds no self-evaluation",
            file=file,
            expected="a sheet with 项目名称 and an indicator table",
        )
    if len(documents) == 1:
        return documents[0]
    return Batch(name=Path(file).stem if file else "batch", documents=tuple(documents))


# -- related tables as sheets ------------------------------------------------------------

TABLES_SHEET: Final = "documents"
"""The sheet that marks a workbook of related tables (:mod:`budgetperf.io.flat`)."""


def dump_table_sheets(tables: dict[str, list[dict[str, str]]]) -> bytes:
    """The related tables (:func:`budgetperf.io.flat.write_tables`) as a workbook: one sheet
    per table, header first. A plain decimal is a numeric cell whose number format shows its
    exact places (as in the 自评表 sheets); every other cell is text, never a formula."""
    from budgetperf.io.flat import tables as spec

    openpyxl = require("openpyxl", "excel")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, table_rows in tables.items():
        sheet = workbook.create_sheet(name)
        header = spec()[name].header
        sheet.append(header)
        for r, row in enumerate(table_rows, start=2):
            for c, column in enumerate(header, start=1):
                text = row.get(column, "")
                if not text:
                    continue
                cell = sheet.cell(row=r, column=c)
                _put(cell, text, _numeric(text) if "%" not in text else None, sheet=name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_text(value: Any, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        places = len(number_format.partition(".")[2]) if "." in number_format else 0
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        # The text the cell shows, as Excel rounds it for display (half up): for a cell
        # written here the value already has exactly these places.
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return format(shown, "f")
    return str(value)


def load_table_sheets(data: bytes, *, file: str | None = None) -> Batch:
    """The batch of a workbook :func:`dump_table_sheets` wrote (its inverse)."""
    from budgetperf.io.flat import read_tables

    openpyxl = require("openpyxl", "excel")
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    tables: dict[str, list[dict[str, str]]] = {}
    for sheet in workbook.worksheets:
        lines = [[_cell_text(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]
        if not lines:
            tables[sheet.title] = []
            continue
        header = [h for h in lines[0] if h]
        tables[sheet.title] = [
            dict(zip(header, line[: len(header)], strict=False)) for line in lines[1:] if any(line)
        ]
    workbook.close()
    return read_tables(tables, file=file)


def is_table_workbook(data: bytes) -> bool:
    """Whether a workbook holds related tables (a ``documents`` sheet) rather than 自评表."""
    openpyxl = require("openpyxl", "excel")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # not a workbook openpyxl can open: the form reader says why
        return False
    names = workbook.sheetnames
    workbook.close()
    return TABLES_SHEET in names and "batches" in names
