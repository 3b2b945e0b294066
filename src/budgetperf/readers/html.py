"""Web pages (网页) → paragraphs and grids, with HTML5's table rules.

Built on the standard library's tokenizer (``html.parser``) with the parts of the HTML5 tree
construction that decide what a table *is* implemented here, so the core install reads real
government CMS pages without a third-party parser:

- implied end tags: ``<td>`` or ``<th>`` closes an open cell, ``<tr>`` closes the open cell and
  row, a row group (``thead``/``tbody``/``tfoot``) closes both, ``</table>`` closes everything
  in the table; a cell outside any row opens one; ``<p>`` never nests;
- ``rowspan``/``colspan`` parsed as browsers parse them ("2px" is 2; "x", "-1" are 1;
  ``colspan="0"`` is 1; ``rowspan="0"`` spans to the end of its row group; larger than 1000 /
  65534 clamped);
- nested tables: each table is a grid of its own, and the cell holding it keeps only its own
  text. A *layout* table — one whose cells hold tables and whose rows never put two cells
  with text side by side (:meth:`~budgetperf.grid.Grid.is_container`) — is not data: its
  text is read as paragraphs around the tables it holds, as a reader sees the page.

::

    >>> blocks = read_html("<p>说明</p><table><tr><td>x<td>10<tr><td>y<td>20</table>".encode())
    >>> [(b.kind, b.text or b.rows) for b in blocks]
    [('paragraph', '说明'), ('table', (('x', '10'), ('y', '20')))]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

import attrs

from budgetperf.grid import Block, CellBudget, GridBuilder, Location, Paragraph
from budgetperf.readers._encoding import decode_markup
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size, refuse

__all__ = ["read_html", "span"]

_SKIP: Final = frozenset({"script", "style", "title", "template"})
_BREAKS: Final = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "hr",
        "caption",
    }
)
_ROW_GROUPS: Final = frozenset({"thead", "tbody", "tfoot"})
_SPAN: Final = re.compile(r"[\t\n\f\r ]*\+?([0-9]+)")
_BLANKS: Final = re.compile(r"[ \t\r\n\f\v]+")
_LINE_EDGES: Final = re.compile(r" *\n *")
_BREAKS_RUN: Final = re.compile("\x00+")


def span(value: str | None, *, row: bool) -> int:
    """A ``rowspan`` (``row=True``) or ``colspan`` attribute as a browser reads it.

    >>> span("2px", row=False), span("x", row=False), span("0", row=False), span("0", row=True)
    (2, 1, 1, 0)
    """
    match = _SPAN.match(value or "")
    if match is None:
        return 1
    number = int(match.group(1)[:6])  # more than six digits is clamped anyway
    if row:
        return min(number, 65534)
    return min(max(number, 1), 1000)


# A line break (``<br>``, ``<p>``) is carried as NUL while source blanks and newlines collapse
# to one space, as a browser displays them; then it becomes "\n".
_BREAK: Final = "\x00"


def _collapse(parts: list[str]) -> str:
    """Displayed text: blanks collapse to one space, line breaks from the markup stay."""
    text = _BLANKS.sub(" ", "".join(parts))
    text = _LINE_EDGES.sub("\n", _BREAKS_RUN.sub("\n", text))
    return text.strip(" \n")


@attrs.define(slots=True)
class _Slot:
    """A table's place in reading order, filled when the table ends."""

    blocks: list[Block | _Slot] = attrs.field(factory=list)


@attrs.define(slots=True)
class _Cell:
    rowspan: int
    colspan: int
    text: list[str] = attrs.field(factory=list)
    # What the cell holds, in order, for a layout table: paragraph texts and nested tables.
    content: list[str | _Slot] = attrs.field(factory=list)
    line: list[str] = attrs.field(factory=list)

    def end_line(self) -> None:
        text = _collapse(self.line)
        if text:
            self.content.append(text)
        self.line = []


@attrs.define(slots=True)
class _Table:
    builder: GridBuilder
    slot: _Slot
    parent: list[str | _Slot]
    cell: _Cell | None = None
    in_row: bool = False
    cells: list[_Cell] = attrs.field(factory=list)
    nests: bool = False


class _Reader(HTMLParser):
    def __init__(self, file: str | None, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.file, self.limits = file, limits
        self.budget = CellBudget(limits.max_cells, file=file)
        self.top: list[str | _Slot] = []
        self.line: list[str] = []
        self.tables: list[_Table] = []
        self.skip: str | None = None

    # -- where text goes -------------------------------------------------------------------

    def _container(self) -> list[str | _Slot]:
        if not self.tables:
            return self.top
        table = self.tables[-1]
        return table.cell.content if table.cell is not None else table.parent

    def _end_line(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            cell = self.tables[-1].cell
            cell.text.append(_BREAK)
            cell.end_line()
            return
        text = _collapse(self.line)
        self.line = []
        if text:
            self._container().append(text)

    # -- tables ----------------------------------------------------------------------------

    def _open_table(self) -> None:
        if len(self.tables) >= self.limits.max_depth:
            raise refuse(
                self.file,
                "表格嵌套过深",
                "tables nested too deeply",
                f"at most {self.limits.max_depth} levels",
            )
        self._end_line()
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].nests = True
        container = self._container()
        slot = _Slot()
        container.append(slot)
        self.tables.append(
            _Table(
                builder=GridBuilder(Location(file=self.file), budget=self.budget),
                slot=slot,
                parent=container,
            )
        )

    def _close_cell(self) -> None:
        table = self.tables[-1]
        cell = table.cell
        if cell is None:
            return
        cell.end_line()
        table.builder.add_cell(_collapse(cell.text), rowspan=cell.rowspan, colspan=cell.colspan)
        table.cells.append(cell)
        table.cell = None

    def _close_table(self) -> None:
        self._close_cell()
        table = self.tables.pop()
        grid = table.builder.build()
        layout = table.nests and grid.is_container()
        if layout:
            for cell in table.cells:
                table.slot.blocks.extend(
                    Paragraph(text=item) if isinstance(item, str) else item for item in cell.content
                )
        else:
            table.slot.blocks.append(grid)
            table.slot.blocks.extend(
                item for cell in table.cells for item in cell.content if isinstance(item, _Slot)
            )

    # -- tokenizer callbacks ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if self.skip is not None:
            return
        if tag in _SKIP:
            self.skip = tag
            return
        if tag == "table":
            if self.tables and self.tables[-1].cell is None:
                self._close_table()  # <table> directly in a table ends it (HTML5)
            self._open_table()
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            self._close_cell()
            if not table.in_row:
                table.builder.start_row()
                table.in_row = True
            values = dict(attrs_list)
            table.cell = _Cell(
                rowspan=span(values.get("rowspan"), row=True),
                colspan=span(values.get("colspan"), row=False),
            )
        elif self.tables and tag == "tr":
            table = self.tables[-1]
            self._close_cell()
            table.builder.start_row()
            table.in_row = True
        elif self.tables and tag in _ROW_GROUPS:
            table = self.tables[-1]
            self._close_cell()
            table.in_row = False
            table.builder.end_row_group()
        elif tag in _BREAKS or tag == "br":
            self._end_line()

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self.skip is None:
            self._end_line()
        elif tag in ("td", "th", "tr", "table"):
            self.handle_starttag(tag, attrs_list)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip is not None:
            if tag == self.skip:
                self.skip = None
            return
        if not self.tables:
            if tag in _BREAKS:
                self._end_line()
            return
        table = self.tables[-1]
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_cell()
            table.in_row = False
        elif tag in _ROW_GROUPS:
            self._close_cell()
            table.in_row = False
            table.builder.end_row_group()
        elif tag == "table":
            self._close_table()
        elif tag in _BREAKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.skip is not None:
            return
        data = data.replace(_BREAK, "")  # a NUL on the page is not text (and marks breaks here)
        if self.tables and self.tables[-1].cell is not None:
            cell = self.tables[-1].cell
            cell.text.append(data)
            cell.line.append(data)
        else:
            self.line.append(data)

    def finish(self) -> list[Block]:
        self.close()
        while self.tables:
            self._close_table()
        self._end_line()
        blocks: list[Block] = []

        def place(item: str | Block | _Slot) -> None:
            where = len(blocks)
            if isinstance(item, _Slot):
                for inner in item.blocks:
                    place(inner)
            elif isinstance(item, str):
                blocks.append(Paragraph(text=item, location=Location(file=self.file, block=where)))
            else:
                blocks.append(attrs.evolve(item, location=Location(file=self.file, block=where)))

        for item in self.top:
            place(item)
        return blocks


def read_html(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs and tables of a web page, in reading order.

    The encoding is taken from a byte-order mark, then the page's ``<meta charset>`` (or
    ``http-equiv`` content type), then detected (UTF-8, else GB18030).

    Raises:
        ParseError: the page is too large, nests tables too deeply or holds too many cells.
    """
    check_size(data, file, limits)
    reader = _Reader(file, limits)
    reader.feed(decode_markup(data, file=file))
    return reader.finish()
