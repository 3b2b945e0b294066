"""PDF reports → paragraphs and grids (extra ``budgetperf[pdf]``, pdfplumber).

Read as a person reads the printed report, page after page:

- tables are found from their ruling lines (pdfplumber's ``lines`` strategy); a merged cell —
  one bordered box over several rows or columns — is expanded like any other format's, its
  text in every position and its top-left position as the origin;
- a table that runs onto the next page is joined to its first part when the columns match
  (same count, same x-positions within :data:`COLUMN_TOLERANCE` points), with a header row
  repeated at the top of the new page dropped and a merged cell the page break cut (left
  open where the rules end) made one cell again;
- paragraphs are the page's text outside the tables, in reading order, a paragraph ending
  at a pitch wider than the page's usual one, a short last line or an indented next line; a
  paragraph the page break cut is joined again; the lines a cell or paragraph wraps onto are
  joined (without a blank between CJK characters). A page too short to tell its usual pitch
  takes the document's, and a page whose every line is indented (one-line paragraphs) is
  measured against the document's left margin;
- a line's blanks are the blank glyphs it prints, gaps between Latin letters or figures, and
  gaps wider than an em beside CJK characters (columns without rules): the narrower gaps a
  justified line spreads beside CJK characters are no blanks;
- the page number printed above or below the text (「— 3 —」「第 3 页 共 12 页」…) and a running
  head or foot (the same words at the same height on page after page, outside the text) are
  where the page is, not text: they are left out, so that the paragraph a page break cuts is
  joined;
- a PDF without a text layer is a scan: refused with one error saying it needs OCR (none is
  done here). A PDF that needs a password, or that is damaged, is refused.

Before anything is interpreted, every compressed stream is inflated with a cap
(``limits.max_unpacked`` in all), the page count is checked against ``limits.max_pages``, and
the characters each page would show — counted from its content stream and the forms it
draws, however deeply nested — against ``limits.max_objects``, so a PDF of a million tiny
text objects or a compression bomb is refused in bounded time and memory.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from budgetperf.errors import ParseError
from budgetperf.grid import Block, CellBudget, Grid, GridBuilder, Location, Paragraph
from budgetperf.readers._extras import require
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size, refuse

__all__ = ["COLUMN_TOLERANCE", "read_pdf"]

#: How far (in points) column boundaries may move between the parts of a table split by a
#: page break and still be the same columns.
COLUMN_TOLERANCE: Final = 2.0
_TABLE_SETTINGS: Final = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# Text drawn by one show operator: literal strings (escapes kept) and hex strings.
_LITERAL: Final = re.compile(rb"\((?:\\.|[^\\)])*\)", re.S)
_HEX: Final = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_DRAW: Final = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_ASCII_WORD: Final = re.compile(r"[A-Za-z0-9]")
# Between the parts of a split table, only short lines (page numbers, 续表) may stand.
_SHORT_LINE: Final = 40


class _Refused(Exception):
    """Raised inside pdfminer's callbacks; becomes the ParseError it carries."""


@attrs.frozen(slots=True)
class _Span:
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    # Whether the box is open at the page's break: the top or bottom of the ruled area with
    # no line drawn there (a merged cell the page break cuts through).
    open_top: bool = False
    open_bottom: bool = False


@attrs.define(slots=True)
class _Text:
    """A paragraph of one page, before paragraphs cut by a page break are joined."""

    text: str
    page: int
    flush_start: bool  # its first line starts at the left margin (no indent)
    full_end: bool  # its last line runs to the right margin


@attrs.define(slots=True)
class _Table:
    """A table of one page (or several, once joined), before it becomes a grid."""

    page: int
    last_page: int  # the page of its last part, once joined
    top: float  # float-ok: page geometry in points, never money
    bottom: float  # float-ok
    columns: tuple[float, ...]  # x-positions of the column boundaries, left to right
    height: int
    spans: list[_Span]

    def rows(self) -> list[tuple[str, ...]]:
        width = len(self.columns) - 1
        grid = [[""] * width for _ in range(self.height)]
        for span in self.spans:
            for r in range(span.row, span.row + span.rowspan):
                for c in range(span.column, span.column + span.colspan):
                    grid[r][c] = span.text
        return [tuple(row) for row in grid]


@attrs.frozen(slots=True)
class _Line:
    """A printed line of text outside the tables, as the reader measures it."""

    text: str
    x0: float  # float-ok: page geometry in points, never money
    x1: float  # float-ok
    top: float  # float-ok
    size: float  # float-ok: its height, at least a point


# How far apart (in points) two glyphs must stand for a blank no glyph prints to be read
# between them (pdfplumber's default).
_GAP: Final = 3.0


def _wide(char: str) -> bool:
    """Whether a character is East Asian wide (ideographs, kana, CJK and full-width marks)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _line_text(chars: Sequence[dict[str, Any]]) -> str:
    """A line's text from its glyphs: a blank where a blank glyph is printed (a run of them
    as one), or where a gap parts two glyphs — beside a CJK character, a gap wider than the
    type's size (an em: columns printed without rules). A narrower gap there is the spacing
    of a justified line (a line holding a long unbreakable figure spreads its characters,
    0.3 em at most in the corpus copies), not a blank of the text."""
    out: list[str] = []
    previous: dict[str, Any] | None = None
    blank = False
    for char in chars:
        text = char["text"]
        if not text.strip():
            blank = True
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            em = max(float(previous.get("size", 0)), float(char.get("size", 0)))  # float-ok
            wide = _wide(previous["text"][-1]) or _wide(text[0])
            if blank or (gap > _GAP and (not wide or gap > em)):
                out.append(" ")
        out.append(text)
        previous, blank = char, False
    return "".join(out)


def _lines(page: Any) -> list[_Line]:
    """The page's lines of text in reading order, measured by their glyphs (not blanks)."""
    out: list[_Line] = []
    for line in page.extract_text_lines(return_chars=True, keep_blank_chars=True):
        glyphs = [c for c in line["chars"] if c["text"].strip()]
        text = _line_text(line["chars"])
        if not glyphs or not text:
            continue
        top = min(float(c["top"]) for c in glyphs)  # float-ok: geometry
        bottom = max(float(c["bottom"]) for c in glyphs)  # float-ok: geometry
        out.append(
            _Line(
                text,
                min(float(c["x0"]) for c in glyphs),  # float-ok: geometry
                max(float(c["x1"]) for c in glyphs),  # float-ok: geometry
                top,
                max(bottom - top, 1.0),
            )
        )
    return out


# A page number as reports print it: 「— 3 —」「- 3 -」「3」「第3页」「第 3 页 共 12 页」「3/12」
# 「Page 3 of 12」. A bare number has at most three digits: 「2023」 alone on a cover is a year.
_PAGE_NUMBER: Final = re.compile(
    r"^(?:[-—–－‒ ]*\d{1,3}[-—–－‒ ]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)


def _set_apart(lines: Sequence[_Line], end: int) -> bool:
    """Whether the first (``end=0``) or last (``end=-1``) line of a page stands apart from the
    text: more than one and a half lines from its neighbour, or alone."""
    if len(lines) < 2:
        return True
    line, neighbour = lines[end], lines[-2 if end == -1 else 1]
    return abs(line.top - neighbour.top) > 2.5 * max(line.size, neighbour.size)


_FIGURES: Final = re.compile(r"\d+")


def _furniture_removed(pages: Sequence[list[_Line]]) -> list[list[_Line]]:
    """The pages' lines without what is printed above or below the text on every page: the
    first or last line of a page, set apart from the text, holding only a page number; or
    the same words (figures aside: 「2023年度部门决算 第 3 页」) at the same height on at
    least two pages, above (or below) every line of the text on all pages — a running head
    or foot. They tell where a page is (the blocks' location), not what the report says;
    left in, they would cut the paragraph the page break cuts."""

    def key(lines: Sequence[_Line], end: int) -> tuple[int, int, str] | None:
        if not lines or not _set_apart(lines, end):
            return None
        return (end, round(lines[end].top), _FIGURES.sub("0", lines[end].text))

    counts: dict[tuple[int, int, str], int] = {}
    for lines in pages:
        for found in {k for k in (key(lines, 0), key(lines, -1)) if k is not None}:
            counts[found] = counts.get(found, 0) + 1
    printed = sum(1 for lines in pages if lines)
    repeated = {found for found, count in counts.items() if count >= 2 and 2 * count >= printed}
    body = [
        line.top
        for lines in pages
        for at, line in enumerate(lines)
        if not (at == 0 and key(lines, 0) in repeated)
        and not (at == len(lines) - 1 and key(lines, -1) in repeated)
    ]
    out: list[list[_Line]] = []
    for lines in pages:
        kept = list(lines)
        for end in (-1, 0):
            mark = key(kept, end)
            if mark is None:
                continue
            line = kept[end]
            outside = bool(body) and (line.top < min(body) if end == 0 else line.top > max(body))
            if _PAGE_NUMBER.match(line.text) or (mark in repeated and outside):
                del kept[end]
        out.append(kept)
    return out


def _usual_pitch(pages: Sequence[Sequence[_Line]]) -> float | None:  # float-ok: geometry
    """The usual distance from line to line (the median), when at least three tell it."""
    pitches = sorted(
        b.top - a.top for lines in pages for a, b in itertools.pairwise(lines) if b.top > a.top
    )
    return pitches[len(pitches) // 2] if len(pitches) >= 3 else None


@attrs.frozen(slots=True)
class _Measure:
    """What the whole document tells of its text: the left margin, the first-line indent and
    the usual line pitch — for a page too short, or too uniform, to tell them itself."""

    margin: float | None  # float-ok: geometry
    indent: float | None  # float-ok: geometry
    pitch: float | None  # float-ok: geometry

    @classmethod
    def of(cls, pages: Sequence[Sequence[_Line]]) -> _Measure:
        printed = [lines for lines in pages if lines]
        if not printed:
            return cls(None, None, None)
        margin = min(line.x0 for lines in printed for line in lines)
        indents = sorted(
            line.x0 - margin
            for lines in printed
            if min(x.x0 for x in lines) - margin <= _SAME_X
            for line in lines
            if line.x0 - margin > 1.5 * line.size
        )
        indent = indents[len(indents) // 2] if indents else None
        return cls(margin, indent, _usual_pitch(printed))

    def left(self, lines: Sequence[_Line]) -> float:  # float-ok: geometry
        """The left margin of a page's lines: the document's, where every line of the page
        starts one indent in from it (a page of one-line paragraphs), else the page's own."""
        own = min(line.x0 for line in lines)
        if (
            self.margin is not None
            and self.indent is not None
            and abs(own - self.margin - self.indent) <= _SAME_X
        ):
            return self.margin
        return own


# Left edges closer than this (points) are the same margin.
_SAME_X: Final = 1.0


def _join_lines(text: str) -> str:
    """A cell's or paragraph's wrapped lines as one text: CJK lines join directly, Latin
    words across a wrap keep the blank the wrap replaced."""
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(line[0]):
            out += " "
        out += line
    return out


def _index(boundaries: Sequence[float], value: float) -> int:  # float-ok: geometry
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value))


class _Reader:
    def __init__(self, data: bytes, file: str | None, limits: Limits) -> None:
        self.data, self.file, self.limits = data, file, limits
        self.budget = CellBudget(limits.max_cells, file=file)
        self.inflated = 0
        self.characters = 0

    # -- refusals ---------------------------------------------------------------------

    def damaged(self, exc: BaseException) -> ParseError:
        return refuse(
            self.file,
            "PDF 已损坏，无法读取",
            f"the PDF is damaged: {type(exc).__name__}: {exc}"[:300],
            "a complete PDF file",
        )

    def too_many_characters(self, page: int) -> ParseError:
        return ParseError(
            "PDF 文字对象过多",
            "too many text objects in the PDF",
            file=self.file,
            field=f"第 {page} 页 (page {page})",
            expected=f"at most {self.limits.max_objects} characters",
        )

    # -- streams, before pdfminer interprets anything ---------------------------------

    def inflate(self, stream: Any) -> bytes:
        """A stream's data, Flate inflated under the cap; other filters as pdfminer
        decodes them."""
        pdftypes = require("pdfminer.pdftypes", "pdf")
        filters = stream.get_filters()
        if stream.data is not None:
            return bytes(stream.data)
        if not all(f in pdftypes.LITERALS_FLATE_DECODE for f, _ in filters):
            return bytes(stream.get_data())  # other filters: as pdfminer decodes them
        data: bytes = stream.rawdata
        if stream.decipher:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        for _ in filters:
            inflater = zlib.decompressobj()
            try:
                out = inflater.decompress(data, self.limits.max_unpacked + 1)
            except zlib.error:
                out = b""  # a damaged stream shows what it can, as in a viewer
            if len(out) > self.limits.max_unpacked:
                raise self.bomb()
            data = out
        if any(params for _, params in filters):
            # Within the cap: now pdfminer may undo the predictor, which only shrinks it.
            return bytes(stream.get_data())
        return data

    def bomb(self) -> ParseError:
        return refuse(
            self.file,
            "PDF 解压后过大（疑似压缩炸弹）",
            "the PDF's streams inflate too large (compression bomb?)",
            f"at most {self.limits.max_unpacked} bytes",
        )

    def check_streams(self, document: Any) -> None:
        """Inflate every compressed stream once, with the cap, before pdfminer does."""
        pdftypes = require("pdfminer.pdftypes", "pdf")
        seen: set[int] = set()
        total = 0
        for xref in document.xrefs:
            for objid in xref.get_objids():
                if objid in seen:
                    continue
                seen.add(objid)
                try:
                    obj = document.getobj(objid)
                except Exception:
                    continue
                if not isinstance(obj, pdftypes.PDFStream) or not obj.get_filters():
                    continue
                if getattr(obj.get("Subtype"), "name", None) == "Image":
                    continue  # never decoded for text: a report's charts may be large
                total += len(self.inflate(obj))
                if total > self.limits.max_unpacked:
                    raise self.bomb()

    def shown(
        self, stream: Any, resources: Any, depth: int, active: set[int], memo: dict[int, int]
    ) -> int:
        """An upper bound of the characters a content stream shows, with the forms it draws
        (each counted once per drawing): the bytes of its strings."""
        pdftypes = require("pdfminer.pdftypes", "pdf")
        if depth > self.limits.max_depth:
            raise refuse(
                self.file,
                "PDF 表单对象嵌套过深",
                "forms nested too deeply in the PDF",
                f"at most {self.limits.max_depth} levels",
            )
        data = self.inflate(stream)
        count = sum(len(m.group(0)) - 2 for m in _LITERAL.finditer(data))
        count += sum(len(re.sub(rb"\s", b"", m.group(1))) // 2 for m in _HEX.finditer(data))
        if b"Do" not in data:
            return count
        xobjects = pdftypes.dict_value(pdftypes.dict_value(resources).get("XObject"))
        for match in _DRAW.finditer(data):
            ref = xobjects.get(match.group(1).decode("latin-1"))
            form = pdftypes.resolve1(ref)
            if not isinstance(form, pdftypes.PDFStream):
                continue
            if getattr(form.get("Subtype"), "name", None) != "Form":
                continue  # an image shows no text
            key = getattr(ref, "objid", None) or id(form)
            if key in active:
                raise refuse(
                    self.file,
                    "PDF 表单对象相互引用",
                    "a PDF form draws itself",
                    "forms without cycles",
                )
            if key not in memo:
                active.add(key)
                inner = form.get("Resources") or resources
                memo[key] = self.shown(form, inner, depth + 1, active, memo)
                active.discard(key)
            count += memo[key]
            if count > self.limits.max_objects:
                break
        return count

    # -- pages -------------------------------------------------------------------------

    def read(self) -> list[Block]:
        pdfplumber = require("pdfplumber", "pdf", file=self.file)
        pdfminer = require("pdfminer.pdfdocument", "pdf")
        psparser = require("pdfminer.psparser", "pdf")
        try:
            pdf = pdfplumber.open(io.BytesIO(self.data))
        except Exception as exc:
            raise self.opening_error(exc, pdfminer) from None
        try:
            return self.pages(pdf)
        except ParseError:
            raise
        except (RecursionError, MemoryError) as exc:
            raise self.damaged(exc) from None
        except psparser.PSException as exc:
            raise self.damaged(exc) from None
        except Exception as exc:
            raise self.opening_error(exc, pdfminer) from None
        finally:
            # Closing walks the pages again: a damaged page tree must not replace the error.
            with contextlib.suppress(Exception):
                pdf.close()

    def opening_error(self, exc: BaseException, pdfminer: Any) -> ParseError:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(cause, pdfminer.PDFPasswordIncorrect | pdfminer.PDFEncryptionError):
            return refuse(
                self.file,
                "PDF 已加密，需要密码才能读取",
                "the PDF is encrypted and needs a password",
                "an unencrypted PDF (or one that opens without a password)",
            )
        return self.damaged(cause)

    def pages(self, pdf: Any) -> list[Block]:
        document = pdf.doc
        self.check_streams(document)
        # Counted without building every page: a page tree can name one page a million times.
        pdfpage = require("pdfminer.pdfpage", "pdf")
        counted = pdfpage.PDFPage.create_pages(document)
        if sum(1 for _ in itertools.islice(counted, self.limits.max_pages + 1)) > (
            self.limits.max_pages
        ):
            raise refuse(
                self.file,
                "PDF 页数过多",
                "the PDF has too many pages",
                f"at most {self.limits.max_pages} pages",
            )
        pages = pdf.pages
        pdftypes = require("pdfminer.pdftypes", "pdf")
        memo: dict[int, int] = {}
        bound = 0
        for page in pages:
            # Counted before pdfminer interprets the page: interpreting a million text
            # objects takes minutes, counting their bytes a fraction of a second.
            for stream in page.page_obj.contents:
                if isinstance(stream, pdftypes.PDFStream):
                    bound += self.shown(stream, page.page_obj.resources, 0, set(), memo)
            if bound > self.limits.max_objects:
                raise self.too_many_characters(page.page_number)
        read: list[tuple[int, list[_Line], list[tuple[int, float, _Text | _Table]]]] = []
        for page in pages:
            read.append((page.page_number, *self.page(page)))
            page.close()
        # Paragraphs are told once every page is measured: a page may need the document's
        # line pitch or margin.
        texts = _furniture_removed([lines for _, lines, _ in read])
        measure = _Measure.of(texts)
        blocks: list[tuple[int, float, _Text | _Table]] = []
        for (number, _, tables), lines in zip(read, texts, strict=True):
            blocks.extend(
                (number, top, text) for top, text in self.paragraphs(lines, number, measure)
            )
            blocks.extend(tables)
        if not self.characters:
            raise refuse(
                self.file,
                "PDF 没有文字层（扫描件），需先进行文字识别（OCR）",
                "the PDF has no text layer: it is a scan and needs OCR first",
                "a PDF with text (budgetperf does no OCR)",
            )
        return self.joined(blocks)

    def page(self, page: Any) -> tuple[list[_Line], list[tuple[int, float, _Text | _Table]]]:
        """The text lines of a page outside its tables (without its page number), and its
        tables."""
        number = page.page_number
        chars = page.chars
        self.characters += len(chars)
        if self.characters > self.limits.max_objects:
            raise self.too_many_characters(number)
        if not chars:
            return [], []
        # A page break cuts the boxes it crosses without drawing their edge: close them
        # where the vertical rules end, and remember the edges no line drew.
        verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 3]
        horizontals = [e for e in page.edges if e["orientation"] == "h"]
        ends = (
            (min(e["top"] for e in verticals), max(e["bottom"] for e in verticals))
            if verticals
            else ()
        )
        settings = {**_TABLE_SETTINGS, "explicit_horizontal_lines": list(ends)}
        tables = [t for t in page.find_tables(settings) if t.cells]
        found = [self.table(number, t, ends, horizontals) for t in tables]
        boxes = [t.bbox for t in tables]

        def outside(obj: dict[str, Any]) -> bool:
            if obj.get("object_type") != "char":
                return True
            x = (obj["x0"] + obj["x1"]) / 2
            y = (obj["top"] + obj["bottom"]) / 2
            return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

        text_page = page.filter(outside) if boxes else page
        return _lines(text_page), [
            (number, table.top, table) for table in found if table is not None
        ]

    def table(
        self,
        number: int,
        table: Any,
        ends: Sequence[float] = (),
        horizontals: Sequence[dict[str, Any]] = (),
    ) -> _Table | None:
        xs = sorted({round(x, 1) for x0, _, x1, _ in table.cells for x in (x0, x1)})
        ys = sorted({round(y, 1) for _, top, _, bottom in table.cells for y in (top, bottom)})
        xs = _cluster(xs)
        ys = _cluster(ys)
        if len(xs) < 2 or len(ys) < 2:
            return None
        height, width = len(ys) - 1, len(xs) - 1
        if height * width > self.budget.limit - self.budget.used:
            raise ParseError(
                "表格单元格过多",
                "too many table cells",
                file=self.file,
                field=f"第 {number} 页 (page {number})",
                expected=f"at most {self.budget.limit} cells",
            )
        # The text of each box, as pdfplumber reads it at the box's first row and column.
        texts: dict[tuple[float, ...], str] = {}
        for row, extracted in zip(table.rows, table.extract(), strict=True):
            for box, text in zip(row.cells, extracted, strict=True):
                if box is not None:
                    texts[tuple(box)] = text or ""
        spans: list[_Span] = []
        taken: set[tuple[int, int]] = set()
        for x0, top, x1, bottom in sorted(table.cells, key=lambda b: (b[1], b[0])):
            r0, r1 = _index(ys, top), _index(ys, bottom)
            c0, c1 = _index(xs, x0), _index(xs, x1)
            if r1 <= r0 or c1 <= c0 or (r0, c0) in taken:
                continue
            cells = {(r, c) for r in range(r0, r1) for c in range(c0, c1)}
            if cells & taken:
                continue  # boxes drawn over each other: the first one read stands
            taken |= cells
            text = _join_lines(texts.get((x0, top, x1, bottom), ""))
            spans.append(
                _Span(
                    r0,
                    c0,
                    r1 - r0,
                    c1 - c0,
                    text,
                    open_top=bool(ends) and _undrawn(top, x0, x1, ends[0], horizontals),
                    open_bottom=bool(ends) and _undrawn(bottom, x0, x1, ends[-1], horizontals),
                )
            )
        return _Table(number, number, ys[0], ys[-1], tuple(xs), height, spans)

    def paragraphs(
        self, lines: list[_Line], number: int, measure: _Measure
    ) -> Iterator[tuple[float, _Text]]:
        if not lines:
            return
        left = measure.left(lines)
        right = max(line.x1 for line in lines)
        # The page's usual distance from line to line: a paragraph break is a wider one.
        # (Two or three lines tell nothing usual: then the document's usual one, or, in a
        # document of such pages, a pitch of two lines is a break: official print sets its
        # lines 1.8 lines apart, 28.9 pt for 16 pt type.)
        usual = _usual_pitch([lines]) or measure.pitch
        current: list[_Line] = []

        def short(line: _Line) -> bool:
            return bool(right - line.x1 > 2 * line.size)

        def indented(line: _Line) -> bool:
            return bool(line.x0 - left > 1.5 * line.size)

        def flush() -> Iterator[tuple[float, _Text]]:
            if current:
                text = _join_lines("\n".join(line.text for line in current))
                first, last = current[0], current[-1]
                yield first.top, _Text(text, number, not indented(first), not short(last))

        for line in lines:
            if current:
                previous = current[-1]
                pitch = line.top - previous.top
                wide = pitch > (usual * 1.25 if usual else previous.size * 2) or pitch < 0
                if wide or short(previous) or indented(line):
                    yield from flush()
                    current = []
            current.append(line)
        yield from flush()

    # -- tables across pages ----------------------------------------------------------

    def joined(self, blocks: list[tuple[int, float, _Text | _Table]]) -> list[Block]:
        ordered = sorted(blocks, key=lambda b: (b[0], b[1]))
        out: list[_Text | _Table] = []
        for _, _, block in ordered:
            if isinstance(block, _Table):
                previous = self.continued(out, block)
                if previous is not None:
                    _append(previous, block)
                    continue
            elif out and _runs_on(out[-1], block):
                upper = out[-1]
                assert isinstance(upper, _Text)
                upper.text = _join_lines(f"{upper.text}\n{block.text}")
                upper.full_end = block.full_end
                continue
            out.append(block)
        result: list[Block] = []
        for index, block in enumerate(out):
            if isinstance(block, _Text):
                location = Location(file=self.file, page=block.page, block=index)
                result.append(Paragraph(text=block.text, location=location))
            else:
                location = Location(file=self.file, page=block.page, block=index)
                result.append(self.grid(block, location))
        return result

    def continued(self, out: list[_Text | _Table], table: _Table) -> _Table | None:
        """The table of an earlier page this one continues, when there is one."""
        for block in reversed(out):
            if isinstance(block, _Text):
                if len(block.text) > _SHORT_LINE or block.page not in (
                    table.page,
                    table.page - 1,
                ):
                    return None
                continue
            if block.last_page != table.page - 1 or len(block.columns) != len(table.columns):
                return None
            if all(
                abs(a - b) <= COLUMN_TOLERANCE
                for a, b in zip(block.columns, table.columns, strict=True)
            ):
                return block
            return None
        return None

    def grid(self, table: _Table, location: Location) -> Grid:
        builder = GridBuilder(location, budget=self.budget)
        origins = {(s.row, s.column): s for s in table.spans}
        covered: set[tuple[int, int]] = set()
        for span in table.spans:
            covered |= {
                (r, c)
                for r in range(span.row, span.row + span.rowspan)
                for c in range(span.column, span.column + span.colspan)
            }
        width = len(table.columns) - 1
        for r in range(table.height):
            builder.start_row()
            for c in range(width):
                origin = origins.get((r, c))
                if origin is not None:
                    builder.add_cell(origin.text, rowspan=origin.rowspan, colspan=origin.colspan)
                elif (r, c) not in covered:
                    builder.add_cell("")  # a position no ruled box encloses
        return builder.build()


_SENTENCE_END: Final = ("。", "！", "？", "；", "：", ".", "!", "?", ":")


def _runs_on(upper: _Text | _Table, lower: _Text) -> bool:
    """Whether ``lower``, first on its page, continues the paragraph the page before ended
    with: that one ran to the margin without ending its sentence, this one is not indented."""
    return (
        isinstance(upper, _Text)
        and upper.page == lower.page - 1
        and upper.full_end
        and lower.flush_start
        and not upper.text.endswith(_SENTENCE_END)
    )


def _undrawn(
    y: float,  # float-ok: geometry
    x0: float,  # float-ok: geometry
    x1: float,  # float-ok: geometry
    end: float,  # float-ok: geometry
    horizontals: Sequence[dict[str, Any]],  # float-ok
) -> bool:
    """Whether a box's edge at ``y`` is the closing line added at ``end`` with no drawn
    line under at least half of it."""
    if abs(y - end) > 1.5:
        return False
    drawn: float = sum(  # float-ok: ruling-line lengths in points
        max(0.0, min(x1, float(e["x1"])) - max(x0, float(e["x0"])))  # float-ok
        for e in horizontals
        if abs(e["top"] - y) <= 1.5
    )
    return drawn < (x1 - x0) / 2


def _cluster(values: list[float]) -> list[float]:
    """Boundaries closer than a point are one line drawn twice."""
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > 1.0:
            out.append(value)
    return out


def _append(first: _Table, second: _Table) -> None:
    """Join ``second`` (the next page's part) under ``first``, dropping a repeated header."""
    first_rows, second_rows = first.rows(), second.rows()
    repeated = 0
    while (
        repeated < min(len(first_rows), len(second_rows) - 1)
        and second_rows[repeated] == first_rows[repeated]
        and any(second_rows[repeated])
    ):
        repeated += 1
    offset = first.height
    # Boxes the page break cut: the part above, by its column, open at the bottom.
    cut = {
        (s.column, s.colspan): i
        for i, s in enumerate(first.spans)
        if s.open_bottom and s.row + s.rowspan == first.height
    }
    for span in second.spans:
        if span.row < repeated:
            continue
        above = cut.get((span.column, span.colspan)) if span.row == repeated else None
        # Its rest is the next part's first box in the same columns: open at the top too,
        # or right under the header the printer repeated (whose bottom line is drawn).
        if above is not None and (span.open_top or repeated):
            # One merged cell printed on two pages: one cell again, its text joined.
            upper = first.spans[above]
            first.spans[above] = attrs.evolve(
                upper,
                rowspan=upper.rowspan + span.rowspan,
                text=_join_lines(f"{upper.text}\n{span.text}"),
                open_bottom=span.open_bottom,
            )
            continue
        first.spans.append(attrs.evolve(span, row=span.row - repeated + offset))
    first.height += second.height - repeated
    first.bottom = second.bottom
    first.last_page = second.last_page


def read_pdf(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs in reading order and tables from ruling lines, across pages.

    Raises:
        ParseError: a scan without a text layer (needs OCR), an encrypted or damaged PDF,
            more than ``limits.max_pages`` pages, ``limits.max_objects`` characters or
            ``limits.max_cells`` table cells, or the ``pdf`` extra not installed.
    """
    check_size(data, file, limits)
    require("pdfplumber", "pdf", file=file)
    # pdfminer logs every repair it makes to a damaged file; without a handler of the
    # application's, Python would print them all on stderr.
    pdfminer_log = logging.getLogger("pdfminer")
    if not any(isinstance(h, logging.NullHandler) for h in pdfminer_log.handlers):
        pdfminer_log.addHandler(logging.NullHandler())
    if b"%PDF-" not in data[:1024]:
        raise refuse(file, "不是 PDF 文件", "not a PDF file", "a file starting with %PDF-")
    return _Reader(data, file, limits).read()
