"""An official edition as published (《YYYY年政府收支分类科目》): rows to codes, and the diff.

The Ministry prints each table with the code split over 类 / 款 / 项 columns ("201", then
"01" on the next row under 款, then "01" under 项) or, in other republications, the whole
code in one cell ("2010101 行政运行"). :func:`parse_edition_rows` reads rows of cells
from either layout — the cells come from a CSV, an XLSX sheet, a PDF table or a PDF text
line split by its layout — and keeps every row it cannot read as unparsed, with its
location. :func:`diff_editions` compares the result with a shipped table.

    >>> rows = [
    ...     ("p1:1", ("类", "款", "项", "科目名称", "说明")),
    ...     ("p1:2", ("201", "", "", "一般公共服务支出", "反映……")),
    ...     ("p1:3", ("", "01", "", "人大事务", "")),
    ...     ("p1:4", ("", "", "01", "行政运行", "")),
    ... ]
    >>> parse_edition_rows(rows).pairs
    (('201', '一般公共服务支出'), ('20101', '人大事务'), ('2010101', '行政运行'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final, final

import attrs

from budgetperf.classification.table import ClassificationTable, Resolution, name_key
from budgetperf.money import normalize_text

__all__ = ["EditionDiff", "EditionRows", "Unreadable", "diff_editions", "parse_edition_rows"]

_FULL: Final = re.compile(r"(\d{3}(?:\d{2}){0,2})")
_HEADERS: Final = {"类": 3, "款": 5, "项": 7}
_NAME_HEADERS: Final = ("科目名称", "名称", "name")
# Rows that carry no code and are no loss: page furniture and headings.
_FURNITURE: Final = re.compile(
    r"^(?:-?\s*\d+\s*-?|第\s*\d+\s*页.*|科目编码.*|.*政府收支分类科目.*)$"
)


@final
@attrs.frozen(slots=True, kw_only=True)
class Unreadable:
    """A row of the edition that yielded no code and is not page furniture (未能识别的行).

    Attributes:
        location: where it is (``page 3 line 14``, ``Sheet1!A7``, ``row 12``).
        text: the row's cells joined by spaces.
    """

    location: str
    text: str


@final
@attrs.frozen(slots=True, kw_only=True)
class EditionRows:
    """The codes read from an edition, in order, and what could not be read.

    Attributes:
        pairs: ``(code, name)`` in the order printed; a code printed twice keeps the first.
        unparsed: rows with text but no readable code, each with its location.
    """

    pairs: tuple[tuple[str, str], ...]
    unparsed: tuple[Unreadable, ...] = ()


def _cell(text: object) -> str:
    """A cell as printed, trimmed; codes are compared on :func:`_digits` of it."""
    return "" if text is None else str(text).replace("\u3000", " ").strip()


def _digits(cell: str) -> str:
    """Full-width digits folded, so that ２０１ reads as 201."""
    return normalize_text(cell)


def _columns(cells: Sequence[str]) -> dict[int, int] | None:
    """Header columns: cell index → code length, when the row is a 类/款/项 header."""
    found = {i: _HEADERS[c] for i, c in enumerate(cells) if c in _HEADERS}
    return found if len(found) >= 2 else None


def parse_edition_rows(rows: Iterable[tuple[str, Sequence[object]]]) -> EditionRows:
    """Codes and names from an edition's rows (``(location, cells)`` pairs).

    A 类/款/项 header row fixes which columns hold the parts of a split code; a 2-digit part
    then completes the 类 (and 款) above it. A cell of 3, 5 or 7 digits is a whole code.
    The name is the first later cell that is not digits (the 说明 column is ignored). Rows
    with text but no code are returned as unparsed, except page numbers and headings.
    """
    columns: dict[int, int] | None = None
    name_column: int | None = None
    current = {3: "", 5: ""}
    pairs: dict[str, str] = {}
    unparsed: list[Unreadable] = []
    for location, raw in rows:
        cells = [_cell(c) for c in raw]
        if not any(cells):
            continue
        header = _columns(cells)
        if header is not None:
            columns = header
            name_column = next((i for i, c in enumerate(cells) if c in _NAME_HEADERS), None)
            continue
        if columns is not None and name_column is not None and not any(cells[: name_column + 1]):
            continue  # the 说明 column wrapped onto a line of its own
        code, at = _code_of(cells, columns, current)
        if code is None:
            text = " ".join(c for c in cells if c)
            if not _FURNITURE.match(text):
                unparsed.append(Unreadable(location=location, text=text))
            continue
        start = name_column if name_column is not None and name_column > at else at + 1
        name = next((c for c in cells[start:] if c and not _digits(c).isdigit()), "")
        if not name:
            # "2010101行政运行" in one cell: the name follows the digits.
            folded = _digits(cells[at])
            name = folded[len(code) :].strip() if folded.startswith(code) else ""
        if not name:
            unparsed.append(Unreadable(location=location, text=" ".join(c for c in cells if c)))
            continue
        if len(code) < 7:
            current[len(code)] = code
            if len(code) == 3:
                current[5] = ""
        pairs.setdefault(code, name)
    return EditionRows(pairs=tuple(pairs.items()), unparsed=tuple(unparsed))


def _code_of(
    cells: Sequence[str], columns: dict[int, int] | None, current: dict[int, str]
) -> tuple[str | None, int]:
    """The code a row prints and the index of the cell that ends it."""
    if columns is not None:
        parts = {
            length: _digits(cells[i])
            for i, length in columns.items()
            if i < len(cells) and cells[i]
        }
        if parts and all(p.isdigit() for p in parts.values()):
            deepest = max(parts)
            part = parts[deepest]
            index = max(i for i, length in columns.items() if length == deepest)
            if len(part) == deepest:  # a whole code printed in its column
                return part, index
            if len(part) == 2 and deepest in (5, 7):
                prefix = parts.get(deepest - 2) or current[deepest - 2]
                if len(prefix) == deepest - 2:
                    return prefix + part, index
            if len(part) == 3 and deepest == 3:
                return part, index
            return None, index
    for index, raw in enumerate(cells):
        cell = _digits(raw)
        match = _FULL.match(cell)
        if match and (len(cell) == len(match[1]) or not cell[len(match[1])].isdigit()):
            return match[1], index
        if cell:
            break
    return None, 0


@final
@attrs.frozen(slots=True, kw_only=True)
class EditionDiff:
    """How an imported edition differs from the shipped table for its year (版本差异).

    Attributes:
        added: codes the edition has and the shipped table does not cover, with names.
        renamed: ``(code, shipped name, edition name)`` where the names differ.
        retired: codes the shipped table has in force that year and the edition lacks.
    """

    added: tuple[tuple[str, str], ...]
    renamed: tuple[tuple[str, str, str], ...]
    retired: tuple[tuple[str, str], ...]


def diff_editions(
    shipped: ClassificationTable, imported: ClassificationTable, *, year: int
) -> EditionDiff:
    """Compare an imported edition with the shipped table as of ``year``."""
    added = []
    renamed = []
    for entry in imported.entries:
        status = shipped.status(entry.code, year=year)
        if status.resolution is Resolution.KNOWN:
            assert status.entry is not None
            if name_key(status.entry.name) != name_key(entry.name):
                renamed.append((entry.code, status.entry.name, entry.name))
        else:
            added.append((entry.code, entry.name))
    have = imported.codes
    retired = sorted(
        (code, shipped.entry(code, year=year).name)
        for code in shipped.codes
        if code not in have and shipped.status(code, year=year).resolution is Resolution.KNOWN
    )
    return EditionDiff(added=tuple(added), renamed=tuple(renamed), retired=tuple(retired))
