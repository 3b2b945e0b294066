"""Grids and paragraphs (表格网格与段落): what every reader makes of a document.

A published report — web page, Word, Excel, PDF or plain text — is read into the same two
things, in reading order: :class:`Paragraph` s of text and :class:`Grid` s (tables). A grid is
rows × columns with merged cells expanded: a cell spanning two columns appears in both
positions, and each copy knows the position of the merged cell's top-left corner (its
*origin*), so a reader of the grid can tell one merged value from two equal values. Every
paragraph, grid and cell knows where it came from (:class:`Location`), so a finding or an
unparsed cell can point at the file, page or sheet, row and column.

Recognising a table (layouts) reads grids only and never sees the file format::

    >>> builder = GridBuilder(Location(file="a.html", block=0))
    >>> builder.start_row()
    >>> builder.add_cell("一级指标", rowspan=2)
    >>> builder.add_cell("数量指标")
    >>> builder.start_row()
    >>> builder.add_cell("质量指标")
    >>> grid = builder.build()
    >>> grid.rows
    (('一级指标', '数量指标'), ('一级指标', '质量指标'))
    >>> grid.cell(1, 0).is_origin, grid.cell(1, 0).origin
    (False, (0, 0))
    >>> str(grid.location_of(1, 1))
    'a.html，第 1 个块，第 2 行，第 2 列'

The builder checks the cell limit before it allocates a cell and expands spans in time linear
in the cells it produces, so a hostile ``rowspan``/``colspan`` cannot make it allocate what
the limit forbids.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Final, Literal, final

import attrs

from budgetperf.errors import ParseError

__all__ = [
    "MAX_COLSPAN",
    "MAX_ROWSPAN",
    "Block",
    "Cell",
    "CellBudget",
    "Flattening",
    "Grid",
    "GridBuilder",
    "Location",
    "Paragraph",
]

#: The largest spans a browser honours (HTML's table model clamps colspan to 1000 and rowspan
#: to 65534); larger printed values are clamped, not refused.
MAX_COLSPAN: Final = 1000
MAX_ROWSPAN: Final = 65534


class Flattening(enum.Enum):
    """How a table that lost its rows was printed (表格被拉平的方式)."""

    NONE = "none"
    """Not flattened: the rows are the table's."""

    CELLS = "cells"
    """Whole cells in reading order (``cell |`` lines, one cell per paragraph)."""

    WORDS = "words"
    """Words separated by blanks: a cell may be several words, and empty cells are lost."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Location:
    """Where something is in a document (位置).

    Attributes:
        file: the file's name, when known.
        page: the 1-based page of a PDF.
        sheet: the sheet of a workbook.
        block: the 0-based position of the paragraph or table in reading order.
        row: the 1-based row of a table.
        column: the 1-based column of a table.
    """

    file: str | None = None
    page: int | None = None
    sheet: str | None = None
    block: int | None = None
    row: int | None = None
    column: int | None = None

    def describe(self, locale: str = "zh_CN") -> str:
        """The location in words: ``zh_*`` gives Chinese, anything else English."""
        zh = locale.lower().startswith("zh")
        parts: list[str] = []
        if self.file is not None:
            parts.append(self.file)
        if self.page is not None:
            parts.append(f"第 {self.page} 页" if zh else f"page {self.page}")
        if self.sheet is not None:
            parts.append(f"工作表 {self.sheet}" if zh else f"sheet {self.sheet}")
        if self.block is not None:
            parts.append(f"第 {self.block + 1} 个块" if zh else f"block {self.block + 1}")
        if self.row is not None:
            parts.append(f"第 {self.row} 行" if zh else f"row {self.row}")
        if self.column is not None:
            parts.append(f"第 {self.column} 列" if zh else f"column {self.column}")
        return ("，" if zh else ", ").join(parts)

    def __str__(self) -> str:
        return self.describe()


@final
@attrs.frozen(slots=True, kw_only=True)
class Cell:
    """One position of a grid (单元格).

    Attributes:
        text: the text as displayed (a merged cell's text in every position it covers).
        origin: 0-based (row, column) of the top-left position of the merged cell this
            position belongs to; equal to the cell's own position when it is not merged or is
            the merge's first position.
        row: 0-based row of this position.
        column: 0-based column of this position.
    """

    text: str
    origin: tuple[int, int]
    row: int
    column: int

    @property
    def is_origin(self) -> bool:
        """Whether this position holds the merged cell itself, not a copy of it."""
        return self.origin == (self.row, self.column)


def _check_rows(instance: Grid, attribute: attrs.Attribute[object], value: object) -> None:
    assert isinstance(value, tuple)
    for r, row in enumerate(value):
        for c, cell in enumerate(row):
            if not isinstance(cell, Cell) or (cell.row, cell.column) != (r, c):
                raise ParseError(
                    "网格单元格位置不一致",
                    "a grid cell does not sit at its own position",
                    field=f"cells[{r}][{c}]",
                    expected="the cell at row r, column c says row r, column c",
                )


@final
@attrs.frozen(slots=True, kw_only=True)
class Grid:
    """A table as rows × columns with merged cells expanded (表格网格).

    Rows may be of different lengths: a row keeps the positions its source gives it (a row
    printed short stays short). :meth:`same_table` compares two grids without regard to
    trailing empty positions, which formats write differently.

    Attributes:
        cells: the positions, row by row.
        location: where the table is (file, page or sheet, block).
        flattening: whether, and how, the source lost the rows: then the cells are one row
            in reading order (text copied from a web page or PDF that prints a table as a run
            of cells), and a layout can rebuild the rows (:func:`budgetperf.layouts.rebuild`).
    """

    cells: tuple[tuple[Cell, ...], ...] = attrs.field(validator=_check_rows)
    location: Location = Location()
    flattening: Flattening = Flattening.NONE

    kind: Literal["table"] = attrs.field(default="table", init=False)

    @property
    def flattened(self) -> bool:
        """Whether the rows were lost (see ``flattening``)."""
        return self.flattening is not Flattening.NONE

    @property
    def index(self) -> int:
        """The table's position in reading order (0 when unknown)."""
        return self.location.block or 0

    @property
    def text(self) -> str:
        """Empty: a table's content is in its cells (so a block's ``text`` is always defined)."""
        return ""

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The text of every position, row by row."""
        return tuple(tuple(cell.text for cell in row) for row in self.cells)

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.cells)

    @property
    def width(self) -> int:
        """The length of the longest row."""
        return max((len(row) for row in self.cells), default=0)

    def cell(self, row: int, column: int) -> Cell | None:
        """The position at 0-based ``row`` and ``column``, or ``None`` past a row's end."""
        if 0 <= row < len(self.cells) and 0 <= column < len(self.cells[row]):
            return self.cells[row][column]
        return None

    def location_of(self, row: int, column: int | None = None) -> Location:
        """The location of a 0-based row (and column) of this grid."""
        return attrs.evolve(
            self.location, row=row + 1, column=None if column is None else column + 1
        )

    def spans(self) -> Iterator[tuple[Cell, int, int]]:
        """Each merged cell once, at its origin, with its rowspan and colspan."""
        extent: dict[tuple[int, int], tuple[int, int]] = {}
        for row in self.cells:
            for cell in row:
                bottom, right = extent.get(cell.origin, cell.origin)
                extent[cell.origin] = (max(bottom, cell.row), max(right, cell.column))
        for (r, c), (bottom, right) in extent.items():
            yield self.cells[r][c], bottom - r + 1, right - c + 1

    def is_container(self) -> bool:
        """Whether no row has two side-by-side cells with text: a page-layout wrapper (a CMS
        article in a one-column table) rather than data, once the tables it holds are read
        as tables of their own."""
        return all(
            len({cell.origin for cell in row if cell.text.strip()}) <= 1 for row in self.cells
        )

    def canonical(self) -> tuple[tuple[tuple[str, tuple[int, int]], ...], ...]:
        """Texts and merge origins, without trailing empty unmerged positions or empty rows
        at the end: what any format's copy of the same table has in common."""
        rows: list[tuple[tuple[str, tuple[int, int]], ...]] = []
        for row in self.cells:
            cells = list(row)
            while cells and not cells[-1].text and cells[-1].is_origin:
                cells.pop()
            rows.append(tuple((cell.text, cell.origin) for cell in cells))
        while rows and not rows[-1]:
            rows.pop()
        return tuple(rows)

    def same_table(self, other: Grid) -> bool:
        """Whether two grids hold the same texts and merges, wherever they were read from."""
        return self.canonical() == other.canonical()


@final
@attrs.frozen(slots=True, kw_only=True)
class Paragraph:
    """A paragraph of text with its location (段落).

    Attributes:
        text: the paragraph's text, blanks collapsed as displayed.
        location: where it is (file, page, block).
    """

    text: str
    location: Location = Location()

    kind: Literal["paragraph"] = attrs.field(default="paragraph", init=False)

    @property
    def index(self) -> int:
        """The paragraph's position in reading order (0 when unknown)."""
        return self.location.block or 0

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """Empty: a paragraph has no cells (so a block's ``rows`` is always defined)."""
        return ()


#: What a reader returns, in reading order: paragraphs and tables.
Block = Paragraph | Grid


class CellBudget:
    """How many more table cells a document may allocate (单元格额度), shared by its grids.

    Args:
        limit: the most cells in all the document's tables together.
        file: the file, for the error.
    """

    def __init__(self, limit: int, *, file: str | None = None) -> None:
        self.limit = limit
        self.used = 0
        self.file = file

    def take(self, where: Location) -> None:
        """Account for one more cell, refusing it past the limit (before it is allocated)."""
        self.used += 1
        if self.used > self.limit:
            raise ParseError(
                "表格单元格过多",
                "too many table cells",
                file=self.file if self.file is not None else where.file,
                field=where.describe(),
                expected=f"at most {self.limit} cells",
            )


class GridBuilder:
    """Builds a :class:`Grid` row by row from cells with spans (网格构建).

    Cells are added left to right; a cell goes to the first column of the current row that a
    cell above does not already cover (the HTML table model, which Word and Excel tables
    also follow). ``rowspan=0`` spans to the end of the table, as in HTML. Rows that exist only
    because a span reaches past the last row are not created.

    Args:
        location: where the table is; cells get their row and column from the builder.
        budget: the cells the document may still allocate; checked before each is allocated
            (a budget of a million cells when not given).
    """

    def __init__(self, location: Location, *, budget: CellBudget | None = None) -> None:
        self._location = location
        self._budget = budget if budget is not None else CellBudget(1_000_000)
        self._rows: list[list[Cell | None]] = []
        self._cursor = 0
        # Cells growing downwards: column → (origin cell, rows still to cover; -1 = to the end).
        self._down: dict[int, tuple[Cell, int]] = {}

    def _allocate(self) -> None:
        self._budget.take(self._location)

    @property
    def empty(self) -> bool:
        """Whether no cell has been added yet."""
        return not any(self._rows)

    def end_row_group(self) -> None:
        """End a row group (HTML ``tbody``/``thead``/``tfoot``): spans stop growing down."""
        self._down.clear()

    def start_row(self) -> None:
        """Begin a new row; cells spanning down from rows above fill their columns."""
        r = len(self._rows)
        row: list[Cell | None] = []
        for column in sorted(self._down):
            origin, remaining = self._down[column]
            while len(row) < column:
                row.append(None)
            self._allocate()
            row.append(Cell(text=origin.text, origin=origin.origin, row=r, column=column))
            if remaining > 0:
                remaining -= 1
            if remaining == 0:
                del self._down[column]
            else:
                self._down[column] = (origin, remaining)
        self._rows.append(row)
        self._cursor = 0

    def add_cell(self, text: str, *, rowspan: int = 1, colspan: int = 1) -> None:
        """Add a cell to the current row (a row is started if none is)."""
        if not self._rows:
            self.start_row()
        rowspan = min(max(rowspan, 0), MAX_ROWSPAN)
        colspan = min(max(colspan, 1), MAX_COLSPAN)
        r = len(self._rows) - 1
        row = self._rows[r]
        c = self._cursor
        while c < len(row) and row[c] is not None:
            c += 1
        origin = (r, c)
        for offset in range(colspan):
            column = c + offset
            self._allocate()
            cell = Cell(text=text, origin=origin, row=r, column=column)
            while len(row) <= column:
                row.append(None)
            if row[column] is None:
                row[column] = cell
            if rowspan != 1:
                self._down[column] = (cell, -1 if rowspan == 0 else rowspan - 1)
        self._cursor = c + colspan

    def skip(self, columns: int) -> None:
        """Leave ``columns`` empty positions (Word's ``gridBefore``/``gridAfter``)."""
        for _ in range(min(max(columns, 0), MAX_COLSPAN)):
            self.add_cell("")

    def continue_above(self, *, colspan: int = 1) -> None:
        """Add positions that continue the merged cell above (Word's ``vMerge`` continue)."""
        if not self._rows:
            self.start_row()
        r = len(self._rows) - 1
        row = self._rows[r]
        c = self._cursor
        while c < len(row) and row[c] is not None:
            c += 1
        above = self._rows[r - 1] if r > 0 else []
        for offset in range(min(max(colspan, 1), MAX_COLSPAN)):
            column = c + offset
            source = above[column] if column < len(above) else None
            self._allocate()
            while len(row) <= column:
                row.append(None)
            row[column] = Cell(
                text=source.text if source is not None else "",
                origin=source.origin if source is not None else (r, column),
                row=r,
                column=column,
            )
        self._cursor = c + max(colspan, 1)

    def build(self, *, flattening: Flattening = Flattening.NONE) -> Grid:
        """The grid, gaps (positions no cell reached) filled with empty cells."""
        rows = tuple(
            tuple(
                cell if cell is not None else Cell(text="", origin=(r, c), row=r, column=c)
                for c, cell in enumerate(row)
            )
            for r, row in enumerate(self._rows)
        )
        return Grid(cells=rows, location=self._location, flattening=flattening)
