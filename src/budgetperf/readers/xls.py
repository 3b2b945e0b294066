"""Old Excel workbooks (.xls, 旧版 Excel 工作簿): every sheet as a grid, as :mod:`.xlsx` does.

Finance offices still publish 自评表 and 决算报表 as ``.xls`` (Excel 97–2003, and WPS's
``.et``, the same BIFF format). The workbook is read with ``xlrd`` (the ``excel`` extra):
each cell shown as Excel shows it — its number format applied by the same renderer as for
.xlsx (:func:`~budgetperf.readers.xlsx.format_number`), merged ranges expanded over their
positions — so a table reads the same from either kind of workbook.

BIFF stores a number as a binary double; it is turned into its shortest decimal text at
once (the digits Excel itself keeps, 15 significant ones, are then taken by the renderer)
and no arithmetic is ever done on the double.
"""

from __future__ import annotations

from typing import Any, Final

from budgetperf.errors import ParseError
from budgetperf.grid import Block, CellBudget, Location
from budgetperf.readers._extras import require
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size, refuse
from budgetperf.readers.xlsx import format_number, sheet_grid

__all__ = ["read_xls"]

# xlrd's cell types (xlrd.XL_CELL_*), kept here so that the module imports without xlrd.
_EMPTY, _TEXT, _NUMBER, _DATE, _BOOLEAN, _ERROR, _BLANK = range(7)
_ERRORS: Final = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}


def _column_name(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number_text(value: Any) -> str:
    # The stored double's shortest round-trip text: exactly the number the file holds.
    return repr(value)  # float-ok: BIFF stores doubles; read as text, no arithmetic


class _Book:
    def __init__(self, book: Any, file: str | None) -> None:
        self.book, self.file = book, file

    def format_of(self, xf_index: int) -> tuple[int, str]:
        """The built-in id and the code of a cell's number format (General when unknown)."""
        try:
            key = self.book.xf_list[xf_index].format_key
            code = self.book.format_map[key].format_str
        except (IndexError, KeyError, AttributeError):
            return 0, "General"
        return key, code or "General"

    def text(self, sheet: Any, row: int, column: int) -> str:
        kind = sheet.cell_type(row, column)
        value = sheet.cell_value(row, column)
        if kind in (_EMPTY, _BLANK):
            return ""
        if kind == _TEXT:
            return str(value)
        if kind == _BOOLEAN:
            return "TRUE" if value else "FALSE"
        if kind == _ERROR:
            return _ERRORS.get(value, "#ERROR")
        builtin, code = self.format_of(sheet.cell_xf_index(row, column))
        try:
            return format_number(
                _number_text(value), code, date1904=self.book.datemode == 1, builtin=builtin
            )
        except ParseError as exc:
            raise exc.located(
                file=self.file, field=f"{sheet.name}!{_column_name(column)}{row + 1}"
            ) from None

    def grid(self, sheet: Any, block: int, budget: CellBudget) -> Block:
        location = Location(file=self.file, sheet=sheet.name, block=block)
        height, width = sheet.nrows, sheet.ncols
        merges = [
            (top, left, bottom - 1, right - 1)  # xlrd's ranges are half-open
            for top, bottom, left, right in sheet.merged_cells
            if bottom > top and right > left
        ]
        for _, _, bottom, right in merges:
            height, width = max(height, bottom + 1), max(width, right + 1)
        if height * width > budget.limit - budget.used:
            raise ParseError(
                "表格单元格过多",
                "too many table cells",
                file=self.file,
                field=f"{sheet.name}!A1:{_column_name(width - 1)}{height}",
                expected=f"at most {budget.limit} cells",
            )
        texts = {
            (r, c): text
            for r in range(sheet.nrows)
            for c in range(sheet.row_len(r))
            if (text := self.text(sheet, r, c))
        }
        return sheet_grid(location, texts, merges, height, width, budget, self.file)


def read_xls(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Every sheet of an old-format workbook (.xls) as a grid, merged ranges expanded.

    Raises:
        ParseError: not an .xls, damaged or encrypted, more cells than ``limits.max_cells``,
            a number format that cannot be shown exactly (naming the sheet and cell), or the
            ``excel`` extra not installed.
    """
    check_size(data, file, limits)
    xlrd = require("xlrd", "excel", file=file)
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=_Silent()
        )
    except Exception as exc:  # xlrd raises many kinds on a damaged or foreign file
        message = str(exc)
        if "encrypt" in message.lower():
            raise refuse(
                file,
                "加密的 .xls 工作簿，无法读取：请取消密码后再读",
                "an encrypted .xls workbook: remove its password and read it again",
                "an .xls workbook without a password",
            ) from None
        raise refuse(
            file,
            f"无法读取 .xls 工作簿（{message[:120]}）",
            f"the .xls workbook cannot be read ({message[:120]})",
            "an Excel 97–2003 workbook",
        ) from None
    budget = CellBudget(limits.max_cells, file=file)
    reader = _Book(book, file)
    blocks: list[Block] = []
    try:
        for index in range(book.nsheets):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as exc:
                raise refuse(
                    file,
                    f"工作表 {index + 1} 已损坏（{str(exc)[:120]}）",
                    f"sheet {index + 1} is damaged ({str(exc)[:120]})",
                    "an Excel 97–2003 workbook",
                ) from None
            blocks.append(reader.grid(sheet, len(blocks), budget))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return blocks


class _Silent:
    """Where xlrd's warnings go: nowhere (what matters is raised as a ParseError)."""

    def write(self, text: str) -> int:
        return len(text)
