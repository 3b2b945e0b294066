"""Excel workbooks (.xlsx) → one grid per sheet (extra ``budgetperf[excel]``, openpyxl).

Every sheet is read as the workbook shows it, in the workbook's sheet order: a cell's text is
its stored value rendered with the cell's number format, computed from the exact decimal text
stored in the sheet — never through a float — so ``0.30000000000000004`` under ``0.00`` reads
``0.30`` and 1234.5 under ``#,##0.00`` reads ``1,234.50``. Merged ranges are expanded (the
top-left cell's text in every position, that cell as the origin); formulas give their cached
value; dates read as ISO dates; booleans and errors as displayed (``TRUE``, ``#DIV/0!``).
Rows and columns after the last cell with text or merged range are not part of the grid.

The XML is parsed here, with DTDs and entity declarations refused, after the archive passed
the same size, ratio, encryption and damage checks as a DOCX; openpyxl supplies Excel's table
of built-in number formats and its test for date formats. A number format this reader cannot
render exactly is an error naming the sheet and cell, not a guess.

    >>> import pytest; _ = pytest.importorskip("openpyxl")
    >>> format_number("1234.5", "#,##0.00"), format_number("0.9562", "0.00%")
    ('1,234.50', '95.62%')
    >>> format_number("45292", "yyyy-mm-dd"), format_number("-3", '0.0"万元";(0.0)')
    ('2024-01-01', '(3.0)')
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Iterator
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Final
from xml.etree import ElementTree

import attrs

from budgetperf.errors import ParseError
from budgetperf.grid import Block, CellBudget, Grid, GridBuilder, Location
from budgetperf.readers._extras import require
from budgetperf.readers._limits import (
    DEFAULT_LIMITS,
    Limits,
    check_size,
    open_zip,
    read_member,
    refuse,
    safe_xml,
)

__all__ = ["format_number", "read_xlsx"]

_REL: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_REL: Final = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
# Excel keeps 15 significant digits; it rounds a stored value to them before formatting.
_PRECISION: Final = 15
# zh-CN Excel's locale built-ins (27–36, 50–58) are all date and time formats.
_CJK_DATE_IDS: Final = frozenset({*range(27, 37), *range(50, 59)})
_CJK_TIME_IDS: Final = frozenset({32, 33, 34, 35, 55, 56, 57})
# The built-in accounting formats are the locale's: a file does not store their code. Without
# a currency symbol, zh-CN's are these; with one (5–8, 42, 44) the symbol depends on the
# machine that shows the file, so they are not guessed.
_LOCALE_FORMATS: Final = {
    41: '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ ',
    43: '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
}
_CURRENCY_IDS: Final = frozenset({5, 6, 7, 8, 42, 44})
_ESCAPED: Final = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL_REF: Final = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_MAX_COLUMN: Final = 16384
_MAX_ROW: Final = 1048576
_LARGEST_EXPONENT: Final = 307  # Excel's largest number is 9.99999999999999E+307


class _Unsupported(Exception):
    """A number format outside what is rendered exactly (turned into a located ParseError)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> Iterator[ElementTree.Element]:
    return (child for child in element if _local(child.tag) == name)


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next(_children(element, name), None)


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as ``_xHHHH_``."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _string_item(element: ElementTree.Element) -> str:
    """A shared or inline string: its ``t``, or its rich-text runs (phonetic runs left out)."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in _children(child, "t"))
    return _unescape("".join(parts))


# -- number formats -------------------------------------------------------------------------


def _sections(code: str) -> list[str]:
    """A format code split at the ``;`` that are not quoted or escaped."""
    sections, current, quoted, escape = [], [], False, False
    for char in code:
        if escape:
            current.append(char)
            escape = False
        elif char == "\\":
            current.append(char)
            escape = True
        elif char == '"':
            current.append(char)
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


@functools.lru_cache(maxsize=512)
def _split(code: str) -> tuple[str, ...]:
    return tuple(_sections(code))


@attrs.frozen(slots=True)
class _Token:
    kind: str  # "digit" (placeholder 0 # ?), "point", "comma", "percent", "literal"
    text: str


_BRACKET: Final = re.compile(r"\[([^\]]*)\]")
_COLOURS: Final = frozenset({"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"})


def _tokens(section: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(section):
        char = section[i]
        if char == '"':
            end = section.find('"', i + 1)
            if end < 0:
                raise _Unsupported("unterminated quote")
            tokens.append(_Token("literal", section[i + 1 : end]))
            i = end + 1
            continue
        if char == "\\" and i + 1 < len(section):
            tokens.append(_Token("literal", section[i + 1]))
            i += 2
            continue
        if char == "_" and i + 1 < len(section):
            # Padding as wide as the next character: shown as a blank.
            tokens.append(_Token("literal", " "))
            i += 2
            continue
        if char == "*" and i + 1 < len(section):
            i += 2  # fill to the column width: no fixed text
            continue
        if char == "[":
            match = _BRACKET.match(section, i)
            if match is None:
                raise _Unsupported("unterminated bracket")
            content = match.group(1)
            if content.startswith("$"):
                # [$¥-804]: a currency symbol (printed) and a locale (not printed).
                tokens.append(_Token("literal", content[1:].split("-", 1)[0]))
            elif content.lower() not in _COLOURS and not content.lower().startswith("color"):
                raise _Unsupported(f"[{content}]")
            i = match.end()
            continue
        if char in "0#?":
            tokens.append(_Token("digit", char))
        elif char == ".":
            tokens.append(_Token("point", char))
        elif char == ",":
            tokens.append(_Token("comma", char))
        elif char == "%":
            tokens.append(_Token("percent", char))
        elif char in "/@" or (char.isascii() and char.isalpha()):
            # Fractions, text placeholders in a number section, exponents and date letters
            # outside a date format: not rendered here.
            raise _Unsupported(char)
        else:
            tokens.append(_Token("literal", char))
        i += 1
    return tokens


def _significant(value: Decimal) -> Decimal:
    """The value to Excel's 15 significant digits."""
    if not value:
        return Decimal(0)
    exponent = value.adjusted() - _PRECISION + 1
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def _general(value: Decimal) -> str:
    value = _significant(value)
    if not value:
        return "0"
    magnitude = value.adjusted()
    if magnitude >= _PRECISION or magnitude < -9:
        # Beyond its 15 digits (or very small), Excel shows General in scientific notation.
        mantissa = value.scaleb(-magnitude).normalize()
        text = format(mantissa, "f")
        return f"{text}E{'+' if magnitude >= 0 else '-'}{abs(magnitude):02d}"
    return format(value.normalize(), "f")


@attrs.frozen(slots=True)
class _Layout:
    """A number section parsed once: where its digits go (the parse is cached per code)."""

    tokens: tuple[_Token, ...]
    integer: tuple[int, ...]  # token positions of the integer placeholders
    fraction: tuple[int, ...]  # token positions of the decimal placeholders
    grouping: bool
    percent: int


@functools.lru_cache(maxsize=512)
def _layout(section: str) -> _Layout:
    tokens = tuple(_tokens(section))
    point = next((i for i, t in enumerate(tokens) if t.kind == "point"), len(tokens))
    digits_at = [i for i, t in enumerate(tokens) if t.kind == "digit"]
    last_digit = digits_at[-1] if digits_at else -1
    for i, token in enumerate(tokens):
        if token.kind == "comma" and digits_at and i > last_digit:
            raise _Unsupported("thousands scaling")
        if token.kind == "point" and i != point:
            raise _Unsupported("two decimal points")
    integer = tuple(i for i in digits_at if i < point)
    grouping = any(
        t.kind == "comma" and integer and integer[0] < i < point for i, t in enumerate(tokens)
    )
    if grouping and any(
        t.kind == "literal" and integer[0] < i < integer[-1] for i, t in enumerate(tokens)
    ):
        raise _Unsupported("grouping with text between digits")
    return _Layout(
        tokens=tokens,
        integer=integer,
        fraction=tuple(i for i in digits_at if i > point),
        grouping=grouping,
        percent=sum(t.kind == "percent" for t in tokens),
    )


def _render_section(value: Decimal, section: str, *, sign: bool) -> str:
    """A non-negative ``value`` in one section; ``sign`` prefixes ``-`` (single-section
    formats show negatives that way)."""
    layout = _layout(section)
    tokens, integer, fraction = layout.tokens, layout.integer, layout.fraction
    if not integer and not fraction:
        return ("-" if sign else "") + "".join(t.text for t in tokens if t.kind != "comma")
    scaled = value.scaleb(2 * layout.percent)
    rounded = scaled.quantize(Decimal(1).scaleb(-len(fraction)), rounding=ROUND_HALF_UP)
    whole, _, decimals = format(rounded, "f").partition(".")
    whole = whole.lstrip("0")
    out: dict[int, str] = {}
    # Integer placeholders are filled from the right; the leftmost takes any extra digits.
    spare = whole
    for n, i in enumerate(reversed(integer)):
        placeholder = tokens[i].text
        if n == len(integer) - 1:
            taken, spare = spare, ""
        else:
            taken, spare = spare[-1:], spare[:-1]
        if not taken:
            taken = {"0": "0", "?": " ", "#": ""}[placeholder]
        out[i] = taken
    if layout.grouping:
        text = "".join(out[i] for i in integer)
        stripped = text.lstrip(" ")
        grouped = f"{int(stripped):,}" if stripped else ""
        out = dict.fromkeys(integer, "")
        out[integer[0]] = " " * (len(text) - len(stripped)) + grouped
    kept = list(decimals.ljust(len(fraction), "0"))
    # Optional decimal places (# and ?) drop trailing zeros, from the right.
    for n in range(len(fraction) - 1, -1, -1):
        placeholder = tokens[fraction[n]].text
        if placeholder == "0" or kept[n] != "0":
            break
        kept[n] = "" if placeholder == "#" else " "
    for n, i in enumerate(fraction):
        out[i] = kept[n]
    parts = []
    for i, token in enumerate(tokens):
        if token.kind == "digit":
            parts.append(out[i])
        elif token.kind != "comma":
            parts.append(token.text)
    # Excel keeps the sign of a negative value that rounds to zero ("-0.00").
    return ("-" if sign else "") + "".join(parts)


@functools.lru_cache(maxsize=512)
def _kind(code: str) -> tuple[str, bool, bool]:
    """What a format code shows: ("general" | "date" | "number", has a date, has a time)."""
    if code.strip().lower() in ("general", "", "@"):
        return "general", False, False
    if require("openpyxl.styles.numbers", "excel").is_date_format(code):
        return "date", *_date_parts(_sections(code)[0])
    return "number", False, False


def _excel_date(value: Decimal, *, date1904: bool) -> dt.datetime:
    if value < 0:
        raise _Unsupported("a negative date, which Excel shows as ####")
    days = int(value.to_integral_value(rounding=ROUND_FLOOR))
    seconds = int(((value - days) * 86400).to_integral_value(rounding=ROUND_HALF_UP))
    if date1904:
        base = dt.datetime(1904, 1, 1)
    elif days == 60:
        raise _Unsupported("1900-02-29, a day Excel counts but the calendar does not have")
    else:
        # Excel's 1900 system counts a 29 February 1900 that never was.
        base = dt.datetime(1899, 12, 31) if days < 60 else dt.datetime(1899, 12, 30)
    try:
        return base + dt.timedelta(days=days, seconds=seconds)
    except OverflowError:
        raise _Unsupported("a date out of range") from None


def _date_text(value: Decimal, *, time: bool, date: bool, date1904: bool) -> str:
    moment = _excel_date(value, date1904=date1904)
    if date and not time:
        return moment.date().isoformat()
    if time and not date:
        return moment.time().isoformat()
    return moment.isoformat(sep=" ")


_DATE_CODE: Final = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _date_parts(code: str) -> tuple[bool, bool]:
    """Whether a date format shows a date and whether it shows a time."""
    bare = _DATE_CODE.sub("", code).lower()
    has_time = "h" in bare or "s" in bare
    has_date = "y" in bare or "d" in bare or ("m" in bare and not has_time)
    return has_date, has_time


def format_number(
    text: str, code: str, *, date1904: bool = False, builtin: int | None = None
) -> str:
    """The stored number ``text`` as Excel displays it with the number format ``code``.

    Supported exactly: General; digit placeholders ``0 # ?`` with a decimal point,
    thousands separators and ``%``; quoted and escaped text, padding (``_)``), fills, colours
    and currency symbols (``[$¥-804]``); up to four sections (positive; negative; zero; text);
    date and time formats (as ISO ``YYYY-MM-DD``, ``HH:MM:SS`` or both). ``builtin`` is the
    built-in format id, for zh-CN Excel's locale date formats.

    Raises:
        ParseError: a format not rendered exactly (scientific, fractions, conditions, scaling
            by thousands) or a value that is not a number.
    """
    try:
        value = Decimal(text.strip())
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ParseError(
            "单元格中的数值无法读取",
            "the stored number cannot be read",
            value=text,
            expected="a decimal number",
        ) from None
    try:
        if value.adjusted() > _LARGEST_EXPONENT:
            raise ParseError(
                "单元格中的数值超出 Excel 的范围",
                "the stored number is beyond what Excel holds",
                value=text,
                expected="a number below 1E+308",
            )
        with localcontext() as context:
            # Room for every digit of the largest double: the stored text is exact, and no
            # ambient rounding may touch it on the way.
            context.prec = 400
            if builtin in _CJK_DATE_IDS:
                timed = builtin in _CJK_TIME_IDS
                return _date_text(value, time=timed, date=not timed, date1904=date1904)
            kind, has_date, has_time = _kind(code)
            if kind == "general":
                return _general(value)
            if kind == "date":
                return _date_text(value, time=has_time, date=has_date, date1904=date1904)
            value = _significant(value)
            sections = _split(code)
            if len(sections) > 4:
                raise _Unsupported("more than four sections")
            if value < 0 and len(sections) >= 2:
                return _render_section(-value, sections[1], sign=False)
            if value == 0 and len(sections) >= 3:
                return _render_section(value, sections[2], sign=False)
            section = sections[0]
            if section.strip().lower() == "general":
                return ("-" if value < 0 else "") + _general(abs(value))
            return _render_section(abs(value), section, sign=value < 0)
    except _Unsupported as exc:
        raise ParseError(
            "无法精确显示该数字格式",
            f"this number format cannot be shown exactly ({exc})",
            value=code,
            expected="General, 0, 0.00, #,##0.00, 0.00%, text (@) or a date format",
        ) from None


# -- the workbook ---------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Sheet:
    name: str
    part: str | None  # the worksheet's part in the archive; None for a chart sheet


class _Workbook:
    def __init__(self, data: bytes, file: str | None, limits: Limits) -> None:
        self.file, self.limits = file, limits
        self.archive = open_zip(data, file, limits, "XLSX")
        self.names = set(self.archive.namelist())
        self.rels: dict[str, tuple[str, str]] = {}

    def xml(self, part: str) -> ElementTree.Element | None:
        if part not in self.names:
            return None
        return safe_xml(
            read_member(self.archive, part, self.file, self.limits, "XLSX"), self.file, "XLSX"
        )

    def relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, part) of a part's relationships."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else ():
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            out[rel.get("Id", "")] = (kind, posixpath.normpath(path))
        return out

    def part(self, kind: str, default: str) -> str:
        """The workbook's part of a relationship type (``styles``, ``sharedStrings``)."""
        return next((p for k, p in self.rels.values() if k == kind), default)

    def sheets(self, workbook: ElementTree.Element) -> list[_Sheet]:
        rels = {rid: part for rid, (_, part) in self.rels.items()}
        sheets_element = _child(workbook, "sheets")
        out: list[_Sheet] = []
        for sheet in _children(sheets_element, "sheet") if sheets_element is not None else ():
            rid = sheet.get(_REL) or sheet.get(_STRICT_REL) or ""
            part = rels.get(rid)
            out.append(_Sheet(sheet.get("name", ""), part if part in self.names else None))
        return out

    def shared_strings(self) -> list[str]:
        root = self.xml(self.part("sharedStrings", "xl/sharedStrings.xml"))
        return [] if root is None else [_string_item(si) for si in _children(root, "si")]

    def styles(self) -> list[tuple[int, str]]:
        """(format id, format code) of every cell style, in order."""
        builtin: dict[int, str] = require("openpyxl.styles.numbers", "excel").BUILTIN_FORMATS
        root = self.xml(self.part("styles", "xl/styles.xml"))
        if root is None:
            return []
        custom: dict[int, str] = {}
        formats = _child(root, "numFmts")
        for fmt in _children(formats, "numFmt") if formats is not None else ():
            try:
                custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "General")
            except ValueError:
                continue
        out: list[tuple[int, str]] = []
        xfs = _child(root, "cellXfs")
        for xf in _children(xfs, "xf") if xfs is not None else ():
            try:
                number = int(xf.get("numFmtId", "0"))
            except ValueError:
                number = 0
            code = custom.get(number)
            if code is None and number not in _CURRENCY_IDS:
                code = _LOCALE_FORMATS.get(number, builtin.get(number))
            out.append((number, code if code is not None else f"<built-in {number}>"))
        return out


def _position(ref: str) -> tuple[int, int] | None:
    """0-based (row, column) of an ``A1`` reference."""
    match = _CELL_REF.fullmatch(ref.replace("$", "").upper())
    if match is None:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    row = int(match.group(2))
    if not (1 <= column <= _MAX_COLUMN and 1 <= row <= _MAX_ROW):
        return None
    return row - 1, column - 1


class _SheetReader:
    def __init__(
        self,
        book: _Workbook,
        strings: list[str],
        styles: list[tuple[int, str]],
        date1904: bool,
        budget: CellBudget,
    ) -> None:
        self.book, self.strings, self.styles = book, strings, styles
        self.date1904, self.budget = date1904, budget

    def error(
        self, sheet: str, ref: str, zh: str, en: str, value: str, expected: str
    ) -> ParseError:
        return ParseError(
            zh, en, file=self.book.file, field=f"{sheet}!{ref}", value=value, expected=expected
        )

    def text(self, cell: ElementTree.Element, sheet: str, ref: str) -> str:
        kind = cell.get("t", "n")
        value = _child(cell, "v")
        stored = value.text if value is not None and value.text is not None else None
        if kind == "inlineStr":
            inline = _child(cell, "is")
            return "" if inline is None else _string_item(inline)
        if stored is None:
            formula = _child(cell, "f")
            # A formula never calculated (written by a program, not Excel) has no value to
            # show: keep the formula itself rather than lose it.
            return "" if formula is None or not formula.text else "=" + formula.text
        if kind == "s":
            try:
                return self.strings[int(stored)]
            except (ValueError, IndexError):
                raise self.error(
                    sheet,
                    ref,
                    "共享字符串索引无效",
                    "invalid shared string index",
                    stored,
                    f"an index below {len(self.strings)}",
                ) from None
        if kind in ("str", "e"):
            return _unescape(stored)
        if kind == "b":
            return "TRUE" if stored.strip() in ("1", "true") else "FALSE"
        if kind == "d":
            return _iso_date(stored)
        number, code = self.style(cell)
        try:
            return format_number(stored, code, date1904=self.date1904, builtin=number)
        except ParseError as exc:
            raise exc.located(file=self.book.file, field=f"{sheet}!{ref}") from None

    def style(self, cell: ElementTree.Element) -> tuple[int, str]:
        try:
            index = int(cell.get("s", "0"))
        except ValueError:
            index = 0
        if 0 <= index < len(self.styles):
            return self.styles[index]
        return 0, "General"

    def read(self, sheet: _Sheet, block: int) -> Grid:
        location = Location(file=self.book.file, sheet=sheet.name, block=block)
        if sheet.part is None:
            return Grid(cells=(), location=location)
        root = self.book.xml(sheet.part)
        if root is None:
            return Grid(cells=(), location=location)
        texts: dict[tuple[int, int], str] = {}
        data = _child(root, "sheetData")
        row_number = -1
        room = self.budget.limit - self.budget.used
        for row in _children(data, "row") if data is not None else ():
            row_number = _row_number(row, row_number + 1)
            next_column = 0
            for cell in _children(row, "c"):
                ref = cell.get("r")
                where = _position(ref) if ref else (row_number, next_column)
                if where is None:
                    raise self.error(
                        sheet.name,
                        ref or "?",
                        "单元格引用无效",
                        "invalid cell reference",
                        ref or "",
                        "a reference such as C7",
                    )
                next_column = where[1] + 1
                text = self.text(cell, sheet.name, ref or _name(where))
                if text:
                    texts[where] = text
                    if len(texts) > room:
                        raise ParseError(
                            "表格单元格过多",
                            "too many table cells",
                            file=self.book.file,
                            field=f"{sheet.name}!{_name(where)}",
                            expected=f"at most {self.budget.limit} cells",
                        )
        merges = self.merges(root, sheet.name, texts)
        height = max((r for r, _ in texts), default=-1) + 1
        width = max((c for _, c in texts), default=-1) + 1
        # Merged ranges are part of the used range even when empty, as in Excel.
        for _, _, bottom, right in merges:
            height, width = max(height, bottom + 1), max(width, right + 1)
        if height * width > self.budget.limit - self.budget.used:
            raise ParseError(
                "表格单元格过多",
                "too many table cells",
                file=self.book.file,
                field=f"{sheet.name}!A1:{_name((height - 1, width - 1))}",
                expected=f"at most {self.budget.limit} cells",
            )
        return sheet_grid(location, texts, merges, height, width, self.budget, self.book.file)

    def merges(
        self, root: ElementTree.Element, sheet: str, texts: dict[tuple[int, int], str]
    ) -> list[tuple[int, int, int, int]]:
        out: list[tuple[int, int, int, int]] = []
        container = _child(root, "mergeCells")
        area = 0
        for merge in _children(container, "mergeCell") if container is not None else ():
            ref = merge.get("ref", "")
            first, _, last = ref.partition(":")
            start, end = _position(first), _position(last or first)
            if start is None or end is None:
                raise self.error(
                    sheet, ref, "合并区域无效", "invalid merged range", ref, "a range such as A1:B2"
                )
            (top, left), (bottom, right) = start, end
            top, bottom = min(top, bottom), max(top, bottom)
            left, right = min(left, right), max(left, right)
            area += (bottom - top + 1) * (right - left + 1)
            if area > self.budget.limit:
                raise ParseError(
                    "合并区域覆盖的单元格过多",
                    "merged ranges cover too many cells",
                    file=self.book.file,
                    field=f"{sheet}!{ref}",
                    expected=f"at most {self.budget.limit} cells",
                )
            out.append((top, left, bottom, right))
        return out


def sheet_grid(
    location: Location,
    texts: dict[tuple[int, int], str],
    merges: list[tuple[int, int, int, int]],
    height: int,
    width: int,
    budget: CellBudget,
    file: str | None,
) -> Grid:
    """A sheet's grid from its cells' texts by (row, column) and its merged ranges (top,
    left, bottom, right; 0-based, inclusive), each merge's text at every position it covers
    (as for .xlsx, so for .xls)."""
    # Covered positions → their merge's origin; a position in two merges is an error
    # (Excel itself refuses such a file).
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for top, left, bottom, right in merges:
        if top >= height or left >= width:
            continue
        bottom, right = min(bottom, height - 1), min(right, width - 1)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) in covered:
                    raise ParseError(
                        "合并区域相互重叠",
                        "merged ranges overlap",
                        file=file,
                        field=f"{location.sheet}!{_name((r, c))}",
                        expected="each cell in at most one merged range",
                    )
                covered[(r, c)] = (top, left)
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
    builder = GridBuilder(location, budget=budget)
    for r in range(height):
        builder.start_row()
        for c in range(width):
            origin = covered.get((r, c))
            if origin is None:
                builder.add_cell(texts.get((r, c), ""))
            elif origin == (r, c):
                rowspan, colspan = spans[origin]
                builder.add_cell(texts.get(origin, ""), rowspan=rowspan, colspan=colspan)
    return builder.build()


def _iso_date(stored: str) -> str:
    """A date stored as ISO 8601 text (``t="d"``) written as the serial dates are."""
    try:
        moment = dt.datetime.fromisoformat(stored.strip().removesuffix("Z"))
    except ValueError:
        return stored.strip()  # kept as stored rather than lost
    if moment.time() == dt.time():
        return moment.date().isoformat()
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def _row_number(row: ElementTree.Element, default: int) -> int:
    """The 0-based row of a ``<row>``: its ``r``, else the one after the previous row."""
    try:
        number = int(row.get("r", ""))
    except ValueError:
        return min(default, _MAX_ROW - 1)
    return min(max(number - 1, 0), _MAX_ROW - 1)


def _name(position: tuple[int, int]) -> str:
    row, column = position
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def read_xlsx(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Every sheet of a workbook as a grid, merged ranges expanded.

    Raises:
        ParseError: not an XLSX, damaged, encrypted, a zip bomb, XML with a DTD, more cells
            than ``limits.max_cells``, a number format that cannot be shown exactly (naming
            the sheet and cell, e.g. ``Sheet1!C7``), or the ``excel`` extra not installed.
    """
    check_size(data, file, limits)
    require("openpyxl", "excel", file=file)
    book = _Workbook(data, file, limits)
    with book.archive:
        workbook = book.xml("xl/workbook.xml")
        if workbook is None:
            raise refuse(
                file,
                "XLSX 缺少 xl/workbook.xml",
                "the XLSX has no xl/workbook.xml",
                "an Excel workbook",
            )
        book.rels = book.relations("xl/workbook.xml")
        properties = _child(workbook, "workbookPr")
        date1904 = properties is not None and properties.get("date1904", "") in ("1", "true")
        reader = _SheetReader(
            book,
            book.shared_strings(),
            book.styles(),
            date1904,
            CellBudget(limits.max_cells, file=file),
        )
        return [reader.read(sheet, index) for index, sheet in enumerate(book.sheets(workbook))]
