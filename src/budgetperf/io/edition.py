"""Reading an official edition of 《政府收支分类科目》 as published: PDF, XLSX or CSV.

PDF needs the ``pdf`` extra (pdfplumber), XLSX the ``excel`` extra (openpyxl); without it the
reader raises the readers' error naming the extra (``budgetperf.readers._extras.require``). The rows are
turned into codes by :func:`budgetperf.classification.edition.parse_edition_rows`; CSV goes
through :func:`budgetperf.io.load_classification`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from budgetperf.classification import ClassificationTable, Confidence, TableKind
from budgetperf.classification.edition import EditionRows, parse_edition_rows
from budgetperf.errors import ParseError, ValidationError
from budgetperf.io.tables import load_classification
from budgetperf.readers._extras import require

__all__ = ["read_edition", "write_table_csv"]

_TOKEN: Final = re.compile(r"\S+(?: \S+)*")
_HEADER_CELLS: Final = ("类", "款", "项", "科目名称", "说明")


def read_edition(
    path: str | Path,
    *,
    year: int,
    kind: TableKind | str = TableKind.FUNCTIONAL,
    source: str | None = None,
) -> tuple[ClassificationTable, EditionRows]:
    """The table of one edition read from ``path`` (``.pdf``, ``.xlsx`` or ``.csv``), and the
    rows as read (with every row that could not be read, by location).

    Raises:
        ParseError: the file cannot be read or holds no codes; or a PDF without
            ``budgetperf[pdf]``, an XLSX without ``budgetperf[excel]`` (the message names it).
        ValidationError: a 款 or 项 whose 类/款 the file does not print.
    """
    kind = TableKind(kind) if isinstance(kind, str) else kind
    name = str(path)
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        table = load_classification(path, year=year, kind=kind, source=source)
        return table, EditionRows(pairs=tuple((e.code, e.name) for e in table.entries))
    if suffix == ".pdf":
        rows = parse_edition_rows(_pdf_rows(path))
    elif suffix in (".xlsx", ".xlsm"):
        rows = parse_edition_rows(_xlsx_rows(path))
    else:
        raise ParseError(
            "不支持的科目表格式",
            "unsupported edition format",
            file=name,
            value=suffix,
            expected=".pdf, .xlsx or .csv",
        )
    if not rows.pairs:
        raise ParseError(
            "文件中没有科目", "the file holds no codes", file=name, expected="rows of code, name"
        )
    try:
        table = ClassificationTable.from_pairs(
            rows.pairs,
            kind=kind,
            edition=year,
            source=source or name,
            confidence=Confidence.OFFICIAL,
        )
    except ValidationError as exc:
        raise exc.located(file=name) from None
    return table, rows


def _xlsx_rows(path: str | Path) -> Iterator[tuple[str, Sequence[object]]]:
    openpyxl = require("openpyxl", "excel", file=str(path))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise ParseError(
            "无法读取 XLSX 文件", f"cannot read the XLSX file: {exc}", file=str(path)
        ) from exc
    try:
        for sheet in book.worksheets:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield f"{sheet.title}!{number}", values
    finally:
        book.close()


def _pdf_rows(path: str | Path) -> Iterator[tuple[str, Sequence[object]]]:
    pdfplumber = require("pdfplumber", "pdf", file=str(path))
    try:
        document = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises its own unrelated exception types
        raise ParseError(
            "无法读取 PDF 文件", f"cannot read the PDF file: {exc}", file=str(path)
        ) from exc
    header: list[int] | None = None
    with document:
        for page_number, page in enumerate(document.pages, start=1):
            tables = page.extract_tables()
            if tables:
                for t, table in enumerate(tables, start=1):
                    for r, cells in enumerate(table, start=1):
                        yield f"page {page_number} table {t} row {r}", cells
                continue
            text = page.extract_text(layout=True) or ""
            for line_number, line in enumerate(text.splitlines(), start=1):
                location = f"page {page_number} line {line_number}"
                tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(line)]
                if not tokens:
                    continue
                words = [w for _, w in tokens]
                if all(w in _HEADER_CELLS for w in words) and len(words) >= 3:
                    header = [start for start, _ in tokens]
                    yield location, words
                    continue
                yield location, _align(tokens, header)


def _align(tokens: list[tuple[int, str]], header: list[int] | None) -> list[str]:
    """Cells of a layout text line, placed under the header column each token starts in.

    Indentation carries the level in the official layout (类 at the left, 款 and 项 further
    right), so a token belongs to the rightmost header column starting at or before it.
    """
    if header is None:
        return [word for _, word in tokens]
    cells = [""] * len(header)
    for start, word in tokens:
        column = max((i for i, x in enumerate(header) if x <= start + 1), default=0)
        cells[column] = f"{cells[column]} {word}".strip()
    return cells


def write_table_csv(table: ClassificationTable, path: str | Path) -> None:
    """Write ``table`` as the ``科目编码,科目名称`` CSV that ``load_classification`` reads."""
    target = Path(path)
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(("科目编码", "科目名称"))
            for entry in table.entries:
                writer.writerow((entry.code, entry.name))
    except OSError as exc:
        raise ParseError(
            "无法写入文件", f"cannot write the file: {exc.strerror}", file=str(target)
        ) from exc
