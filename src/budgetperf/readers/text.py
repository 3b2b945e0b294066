"""Plain-text reports (纯文本报告) → paragraphs and grids.

Text reaches budgetperf in four table shapes, all read here:

- *flattened Word text*: each cell on a line of its own led by a tab, a blank line ending a
  row; a cell's own line breaks continue it on lines without a tab;
- *tab-separated rows* (Excel's 「Unicode 文本」 export, TSV): cells separated by tabs on one line;
- *pipe tables* (Markdown): ``| a | b |`` rows, with an optional ``|---|`` rule under the header;
- *led rows* (a crawled page): a row's first cell on a line, its other cells on indented lines
  led by ``|``;

and the shapes in which a copied web page or PDF has lost the table's rows, read as a
*flattened* grid (cells in reading order, ``Grid.flattened``) for a layout to rebuild: lines
of cells ending in ``|`` (``项目名称 | 学生资助 |``) or each cell's lines followed by a line
holding only ``|``, one cell per paragraph (lines holding
only a blank for empty cells), a whole table on one line of blank-separated cells, lines of
blank-separated cells from a line opening with a head label (each line kept as a row, a
header wrapped onto the line under it joined word by word), and
lines with no separator at all (「一级指标二级指标三级指标分值…」, a document site's text
layer), split at the words of the shipped forms (:func:`budgetperf.layouts.split_run`).
Where the shape alone cannot tell a table from prose (no separators, lines of words,
paragraphs without an empty cell), the run is a table only when it rebuilds into a shipped
form; it ends at the report's next heading or line of prose.

Every other line is a paragraph::

    >>> blocks = read_text("标题\\n\\n\\t项目名称\\n\\t科普\\n\\n\\t得分\\n\\t10\\n")
    >>> [(b.kind, b.text or b.rows) for b in blocks]
    [('paragraph', '标题'), ('table', (('项目名称', '科普'), ('得分', '10')))]
    >>> read_text("| 项目名称 | 科普 |\\n|---|---|\\n| 得分 | 10 |")[0].rows
    (('项目名称', '科普'), ('得分', '10'))
"""

from __future__ import annotations

import re
from typing import Final

from budgetperf import layouts
from budgetperf.grid import Block, CellBudget, Flattening, Grid, GridBuilder, Location, Paragraph
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size

__all__ = ["read_text"]

TABLE_TITLE: Final = re.compile(r"表(（[^）]*）)?$")
HEADING: Final = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|图(表)?\d|附件|附表)"
)
_PIPE_ROW: Final = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE: Final = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# How far ahead a flattened table may resume after a cell's own paragraph break.
_LOOKAHEAD: Final = 12
# A line holding at least this many blank-separated cells, most of them short, is a table
# printed on one line (Chinese prose has no blanks between words).
_FLAT_LINE_CELLS: Final = 24
_SHORT: Final = 10


def _flat_line(line: str) -> list[str] | None:
    cells = line.split()
    if len(cells) < _FLAT_LINE_CELLS:
        return None
    lengths = sorted(len(c) for c in cells)
    return cells if lengths[len(lengths) // 2] <= _SHORT else None


# Page markers a document site puts where its text layer continues a page (「2、」 at the start
# of each chunk after the first).
_CHUNK_MARK: Final = re.compile(r"^(\d{1,2})、")
# Text with fewer blank-separated pieces than one per this many characters has no separators
# to read (a table of blank-separated words has one every few characters).
_RUN_DENSITY: Final = 16


# A numbered item of the notes under a table (1、…, （2）…, 3. …): the notes go on.
_NOTE_ITEM: Final = re.compile(r"^[（(]?\d{1,2}[）)、.．]")
# A line of prose after a table printed as lines of cells: long, without a blank in it.
_PROSE_LINE: Final = re.compile(r"^\s*\S{80,}\s*$")


def _word_lines(lines: list[str], i: int, context: list[str]) -> tuple[list[list[str]], int] | None:
    """Words of a table printed as lines of blank-separated cells, a row per line (a web page or a
    PDF's text: 「项目名称 禁毒经费」「年度资金总额: 100 100 10」…), from a line that opens with a
    head label to the next line opening with that label, a heading, a line of prose (long,
    without a blank) or the end of the text, and where they end; ``None`` when the words
    rebuilt are no shipped form."""
    first = lines[i].split()
    if len(first) < 2 or layouts.header_key(first[0]) not in layouts.ANY_HEAD:
        return None
    j = i + 1
    while (
        j < len(lines)
        and "|" not in lines[j]
        and "\t" not in lines[j]
        and lines[j].split()[:1] != first[:1]
        and not HEADING.match(lines[j])
        and not _PROSE_LINE.match(lines[j])
    ):
        j += 1
    rows = _wrapped_headers([line.split() for line in lines[i:j] if line.split()])
    if not _is_form([word for row in rows for word in row], Flattening.WORDS, context):
        return None
    return rows, j


def _wrapped_headers(rows: list[list[str]]) -> list[list[str]]:
    """Lines of words with a header line whose column heads wrap onto the line under it (年度
    实际 … over 指标值 完成值): each word of that line completes, in order, a word of the header
    line that is no column head by itself (年度指标值, 实际完成值); the two lines are one row.
    A header line is one with at least three column heads of the indicator table or of the
    budget block."""
    out: list[list[str]] = []
    k = 0
    while k < len(rows):
        joined = _completed_header(rows[k], rows[k + 1]) if k + 1 < len(rows) else None
        if joined is not None:
            out.append(joined)
            k += 2
            continue
        out.append(rows[k])
        k += 1
    return out


def _completed_header(head: list[str], wrap: list[str]) -> list[str] | None:
    """``head`` with its column heads completed by the words of ``wrap`` (see
    :func:`_wrapped_headers`), or ``None`` when ``head`` is no header line or ``wrap`` does
    not complete it word by word."""
    for columns in (layouts.ANY_INDICATORS, layouts.ANY_BUDGET):
        if sum(columns.field_of(word) is not None for word in head) < 3:
            continue
        out = list(head)
        n = 0
        for at, word in enumerate(head):
            if (
                n < len(wrap)
                and columns.field_of(word) is None
                and columns.field_of(word + wrap[n]) is not None
            ):
                out[at] = word + wrap[n]
                n += 1
        if wrap and n == len(wrap):
            return out
    return None


_LED: Final = re.compile(r"^\s+\|(.*)$")


def _led_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Rows printed as a line holding the first cell and indented lines led by ``|`` holding
    the others (「项目决策」「        | 数量指标」…): a crawled table whose rows survived, merged
    cells printed as empty ones at the row's end; an indented line without ``|`` continues
    the cell above. ``None`` unless at least three rows are printed so."""
    rows: list[list[str]] = []
    j = i
    while j + 1 < len(lines) and lines[j].strip() and not lines[j][0].isspace():
        k = j + 1
        while k < len(lines) and lines[k].strip() and lines[k][0].isspace() and "|" not in lines[k]:
            k += 1  # the first cell's own line breaks
        if "|" in lines[j] or k >= len(lines) or not _LED.match(lines[k]):
            break
        row = [lines[j].strip()]
        j += 1
        while j < len(lines) and lines[j].strip() and lines[j][0].isspace():
            led = _LED.match(lines[j])
            if led:
                row += [piece.strip() for piece in led.group(1).split("|")]
            else:
                row[-1] = f"{row[-1]}\n{lines[j].strip()}"
            j += 1
        rows.append(row)
    return (rows, j) if len(rows) >= 3 else None


def _run_line(line: str) -> bool:
    """Whether a line may belong to a run printed without separators (it holds none)."""
    return bool(line.strip()) and "|" not in line and "\t" not in line


def _run_together(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Cells of a table printed with no separator at all, the lines from ``i`` up to the next
    empty one (a document site's text layer: 「一级指标二级指标三级指标分值…」), split by the
    shipped forms' own words, and where the run ends; ``None`` when the lines are no table."""
    j = i
    while j < len(lines) and _run_line(lines[j]):
        j += 1
    chunk = _CHUNK_MARK.match(lines[i].strip())
    number = int(chunk.group(1)) if chunk else 0
    while number:
        # A document site cuts its text layer into numbered chunks (「1、」「2、」…) with
        # empty lines between: the run goes on at the next chunk.
        k = j
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k == j or k >= len(lines) or not lines[k].strip().startswith(f"{number + 1}、"):
            break
        number += 1
        j = k
        while j < len(lines) and _run_line(lines[j]):
            j += 1
    text = "".join(_CHUNK_MARK.sub("", line.strip()) for line in lines[i:j] if line.strip())
    if len(text) < 40 or len(text.split()) * _RUN_DENSITY > len(text):
        return None
    if not chunk and _goes_on_after_blanks(lines, j):
        if not layouts.opens_table(text):
            return None  # no header printed: no table here (split_run would say as much)
        whole = layouts.split_run(text)
        if whole is not None and any(layouts.is_footnote(c) for c in whole):
            # A run that has printed its notes (注：… under the table) has ended its table:
            # what follows the empty lines is not its rows but the report's next part (another
            # table, printed another way), read on its own.
            return whole, j
        # A run whose table has begun (its header printed) goes on past runs of empty lines
        # (a page that prints each row followed by empty lines) to the next lines printed
        # without separators, up to a heading or a line of prose.
        k = j
        while True:
            m = k
            while m < len(lines) and not lines[m].strip():
                m += 1
            if m == k or m >= len(lines) or not _run_on(lines[m]):
                break
            k = m
            while k < len(lines) and _run_on(lines[k]):
                k += 1
        if k > j:
            # Each run of lines is cut on its own, and each empty line between two is an empty
            # cell: a label printed with its row's cells empty (成本指标, then empty lines) is
            # a row of its own.
            pieces: list[str] = []
            for line in lines[i:k]:
                if line.strip():
                    if pieces and pieces[-1]:
                        pieces[-1] += line.strip()
                    else:
                        pieces.append(line.strip())
                else:
                    pieces.append("")
            cells = layouts.split_runs(pieces)
            if cells is not None:
                return cells, k
    cells = layouts.split_run(text)
    return None if cells is None else (cells, j)


def _goes_on_after_blanks(lines: list[str], j: int) -> bool:
    """Whether empty lines at ``j`` are followed by a line that goes on with a run."""
    m = j
    while m < len(lines) and not lines[m].strip():
        m += 1
    return j < m < len(lines) and _run_on(lines[m])


def _run_on(line: str) -> bool:
    """Whether a line after empty ones goes on with a run printed without separators: it
    holds none, and is neither a heading nor a line of prose, nor a table printed on one line
    of blank-separated cells, nor a form's title (the next table of a report, printed another
    way: a run does not go on into it, or that table would be read as cells of this one)."""
    return (
        _run_line(line)
        and not HEADING.match(line)
        and not _PROSE_LINE.match(line)
        and _flat_line(line) is None
        and not layouts.names_a_form(line)
    )


def _opens_spread_row(lines: list[str], i: int) -> bool:
    """Whether line ``i`` opens a row of a crawled table whose cells each stand on indented
    lines of their own, closed by ``|`` (``| `` alone at the line's start, then
    ``       一级 指标  | ``, a line of blanks, ``       二级 指标  | `` …)."""
    if lines[i].rstrip() != "|" or lines[i].startswith(" "):
        return False
    following = next((x for x in lines[i + 1 : i + 4] if x.strip()), "")
    return following[:1].isspace() and following.rstrip().endswith("|")


def _spread_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """The rows of a crawled table whose cells stand on indented lines of their own: each row
    opened by a line holding only ``|``, its cells the text between its ``|`` whatever the
    lines (a row printed without the merged cells to its left closes with a line of as many
    ``|`` more: they are its first cells, empty, as merged cells read in text), up to the next row or the first line that is neither indented nor
    a row's opening; ``None`` unless two rows or more are read."""
    rows: list[list[str]] = []
    j = i
    while j < len(lines) and _opens_spread_row(lines, j):
        k = j + 1
        while k < len(lines) and (not lines[k].strip() or lines[k][:1].isspace()):
            k += 1
        body = [line for line in lines[j + 1 : k] if line.strip()]
        # The row's closing line, only "|": one for each merged cell to its left not printed.
        pads = body.pop().strip().count("|") if body and not body[-1].strip("| ") else 0
        pieces = "\n".join([lines[j], *body]).split("|")
        rows.append([""] * pads + [piece.strip() for piece in pieces[1:-1]])
        j = k
    return (rows, j) if len(rows) >= 2 else None


def _framed_rows(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Rows of a run of lines that all hold the same number of ``|`` (at least three): a table
    whose rows survived, merged cells printed as empty ones (a fixed-width OCR or export);
    ``None`` where a row of the run is broken over lines (see :func:`_broken_row`)."""
    count = lines[i].count("|")
    if count < 3:
        return None
    j = i
    while j < len(lines) and lines[j].count("|") == count:
        j += 1
    if j - i < 3 or _broken_row(lines, j, count):
        return None
    if j < len(lines) and "|" in lines[j] and not any(x.strip() for x in lines[j + 1 :]):
        j += 1  # the text was cut off inside this last row
    rows = []
    for line in lines[i:j]:
        pieces = [piece.strip() for piece in line.split("|")]
        if not pieces[-1]:
            pieces.pop()
        rows.append(pieces)
    return rows, j


# How many lines one row of ``cell |`` lines may be broken over.
_ROW_LINES: Final = 4


def _broken_row(lines: list[str], j: int, count: int) -> bool:
    """Whether the lines from ``j`` hold fewer ``|`` each than ``count`` but together exactly
    ``count``, and the run goes on after them with lines of ``count``: a row of the run broken
    over lines (a cell's line break printed as one), so that the run is no table of rows one
    per line but ``cell |`` lines to be read as one run, its rows read from the form's
    headers."""
    held = 0
    for k in range(j, min(j + _ROW_LINES, len(lines))):
        added = lines[k].count("|")
        if not added or added >= count:
            return False
        held += added
        if held >= count:
            return held == count and k + 1 < len(lines) and lines[k + 1].count("|") == count
    return False


def _pipe_groups(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Rows of lines framed by ``|`` whose rows are broken over lines (a crawled table whose
    merged cells were dropped and whose empty cells went to lines of their own), from a line
    that is an indicator header: a line with text starts a row, and lines of empty cells after
    it belong to it until the row holds as many ``|`` as the header's line; past that, each
    run of empty lines holding as many is a row with nothing printed. The rows end where one
    would hold more (another table's wider rows begin). ``None`` unless three rows are read."""
    width = lines[i].count("|")
    pieces = _framed_pieces(lines[i])
    if width < 4 or pieces is None:
        return None
    if sum(layouts.ANY_INDICATORS.field_of(p) is not None for p in pieces if p) < 3:
        return None
    rows: list[list[str]] = [pieces]
    j = i + 1
    row: list[str] | None = None
    held = 0
    start = j  # the first line of the row being read
    while j < len(lines):
        cells = _framed_pieces(lines[j])
        if cells is None:
            break
        count = lines[j].count("|")
        text = any(c for c in cells)
        if text or row is None or held >= width:
            if row is not None:
                rows.append(row)
            row, held, start = [], 0, j
        if held + count > width:
            # A wider row: another table begins at this row's first line.
            row, j = None, start
            break
        row += cells
        held += count
        j += 1
    if row is not None:
        rows.append(row)
    if len(rows) < 4:
        return None
    return rows, j


def _framed_pieces(line: str) -> list[str] | None:
    """The cells of a line framed by ``|`` (``| a | b |``, ``| ||``), or ``None``."""
    stripped = line.strip()
    if not stripped.startswith("|") or not stripped.endswith("|"):
        return None
    return [piece.strip() for piece in stripped[1:-1].split("|")] if len(stripped) > 1 else []


# How many lines a cell may take before the line holding only its closing ``|``.
_CELL_LINES: Final = 10


def _closed_below(lines: list[str], j: int) -> bool:
    """Whether the text on line ``j`` (no ``|`` on it) opens a cell closed by a line holding
    only ``|`` below it, the lines between (no ``|``, none blank) the cell's own line breaks:
    a crawled table that prints each cell's text and then its separator on a line of its own
    (「财政供养人员」「控制率」「|」)."""
    if not lines[j].strip() or "|" in lines[j]:
        return False
    for k in range(j + 1, min(j + 1 + _CELL_LINES, len(lines))):
        text = lines[k].strip()
        if text == "|":
            return True
        if not text or "|" in text:
            return False
    return False


def _pipe_run(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """Cells of a run of lines written as ``cell | cell |`` (a crawled table), and where the
    run ends; a line without ``|`` after one that did not end with ``|`` continues its cell,
    and so do the lines of a cell whose closing ``|`` is printed on a line of its own (the
    text before that ``|`` ends the cell; a ``|`` alone after a closed cell is an empty one)."""
    j = i
    cells: list[str] = []
    open_cell = False
    below = False  # the open cell's text began on a line without "|": a "|" line closes it
    while j < len(lines):
        line = lines[j]
        if "|" not in line:
            last = all(not rest.strip() for rest in lines[j + 1 :])
            if line.strip() and not open_cell and last and j > i:
                cells.append(line.strip())  # the text was cut off inside this cell
                j += 1
                continue
            if not open_cell and _closed_below(lines, j):
                cells.append(line.strip())
                open_cell = below = True
                j += 1
                continue
            if not line.strip() or not open_cell:
                break
            cells[-1] = f"{cells[-1]}\n{line.strip()}" if cells[-1] else line.strip()
            j += 1
            continue
        pieces = line.split("|")
        if below:
            # The text before the first "|" ends the cell the lines above opened.
            first = pieces.pop(0).strip()
            if first:
                cells[-1] = f"{cells[-1]}\n{first}"
            below = False
        open_cell = bool(pieces[-1].strip())
        if not open_cell:
            pieces = pieces[:-1]  # the separator that ends the line
        cells.extend(piece.strip() for piece in pieces)
        j += 1
    if j - i < 3 or sum("|" in lines[k] for k in range(i, j)) < 3:
        return None
    return cells, j


def _head_section(cells: list[str]) -> bool:
    """Whether paragraph cells hold a form's head (label, value …: 主管部门 | 省商务厅 …) but
    no table: at least two of them are head labels."""
    return sum(layouts.header_key(c) in layouts.ANY_HEAD for c in cells) >= 2


def _after_level1(cells: list[str], cell: str) -> bool:
    """Whether ``cell`` and the cell before it are an indicator header's 一级 and 二级 (or
    三级) columns."""
    if not cells:
        return False
    field = layouts.ANY_INDICATORS.field_of
    return field(cells[-1]) == "level1" and field(cell) in ("level2", "name")


def _paragraph_cells(
    lines: list[str], i: int, *, cross: bool = True
) -> tuple[list[str] | None, int]:
    """Cells of a run printed one per paragraph, where lines holding only blanks are empty
    cells (how a crawled table often reads), or ``None`` when the run is no table, and where
    the run ends; a run without empty cells is a table only when it is a shipped form, and
    ends at the report's next heading (where the next run may begin). A form's head printed
    as a section of its own (「一、项目基本情况」, its labels and values) goes on past the
    heading of the table that follows it (「二、绩效评价指标评分」) when that table is a form
    (with ``cross``): the head and the table are one form."""
    cells: list[str] = []
    current: list[str] = []
    blanks = 0
    # Once the run has printed an indicator header (一级指标 | 二级指标 …), an empty line beyond
    # the one that parts two paragraphs is an empty cell: a page that prints a row's empty
    # cells as nothing at all leaves only its extra line breaks (t-f-004).
    header_seen = False
    parted = False  # the previous line was the empty line that parted two paragraphs
    noted = False  # the table's notes (注：…) were printed
    j = i
    while j < len(lines):
        line = lines[j]
        noted = noted or (bool(current) and len(cells) >= 12 and layouts.is_footnote(current[0]))
        if line == "":
            if current:
                header_seen = header_seen or _after_level1(cells, "\n".join(current))
                cells.append("\n".join(current))
                current = []
                parted = True
            elif parted and header_seen:
                cells.append("")
                blanks += 1
            j += 1
            continue
        parted = False
        if not line.strip():
            if current:
                header_seen = header_seen or _after_level1(cells, "\n".join(current))
                cells.append("\n".join(current))
                current = []
            cells.append("")
            blanks += 1
            j += 1
            continue
        if len(line.strip()) > 300 or "|" in line or line.startswith("\t"):
            break
        if (
            not current
            and not header_seen
            and layouts.names_a_form(line)
            and any(cells)
            and not any(map(layouts.names_a_form, cells))
        ):
            # A form's title after paragraphs that are no form's (a page's footer, the text
            # before it): the form begins at its title, and the paragraphs before it are not
            # its cells (else the form after a report's other parts is read from their words).
            break
        if noted and not current and not _NOTE_ITEM.match(line.strip()):
            # The notes under the table (注：…, and their numbered items) end it: the next
            # paragraph is the report's next part (another form, a page's chrome), never more
            # cells of this table.
            break
        if not blanks and len(cells) >= 12 and HEADING.match(line):
            if current:
                cells.append("\n".join(current))
                current = []
            if cross and _head_section(cells) and not _is_form(cells, Flattening.CELLS):
                table, end = _paragraph_cells(lines, j, cross=False)
                if table is not None and _is_form([*cells, *table], Flattening.CELLS):
                    return [*cells, *table], end
            break  # a table without empty cells ends at the report's next heading
        current.append(line.strip())
        j += 1
    if current:
        cells.append("\n".join(current))
    texts = [c for c in cells if c]
    if len(texts) < 12:
        return None, max(j, i + 1)
    lengths = sorted(len(c) for c in texts)
    if lengths[len(lengths) // 2] > 12:
        return None, max(j, i + 1)
    if blanks < 2 and not _is_form(cells, Flattening.CELLS):
        return None, max(j, i + 1)  # without empty cells, only a form's words make a table
    return cells, j


def _is_form(cells: list[str], flattening: Flattening, context: list[str] | None = None) -> bool:
    """Whether flattened cells rebuild into a shipped form (:func:`budgetperf.layouts.rebuild`)."""
    builder = GridBuilder(Location())
    for cell in cells:
        builder.add_cell(cell)
    grid = builder.build(flattening=flattening)
    return layouts.rebuild(grid, context=(context or [])[-6:]) is not None


def _is_pipe_table(lines: list[str], i: int) -> bool:
    """Whether the lines from ``i`` are a Markdown pipe table (every row framed by ``|``, a
    rule under the header) rather than crawled ``cell |`` lines."""
    return (
        bool(_PIPE_ROW.match(lines[i]))
        and i + 1 < len(lines)
        and bool(_PIPE_RULE.match(lines[i + 1]))
    )


def _grid(
    rows: list[list[str]],
    location: Location,
    budget: CellBudget,
    *,
    flattening: Flattening = Flattening.NONE,
) -> Grid:
    builder = GridBuilder(location, budget=budget)
    for row in rows:
        builder.start_row()
        for text in row:
            builder.add_cell(text)
    return builder.build(flattening=flattening)


def read_text(
    text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs and tables of a plain-text report, in reading order.

    Raises:
        ParseError: the text is larger than ``limits.max_bytes`` characters or holds more
            than ``limits.max_cells`` table cells.
    """
    check_size(text, file, limits)
    budget = CellBudget(limits.max_cells, file=file)
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # A flattened table being read: finished rows, and the cells of the current row, each cell
    # a list of its lines (joined once at the end, so long cells stay linear).
    rows: list[list[list[str]]] = []
    cells: list[list[str]] = []

    def location(line: int) -> Location:
        return Location(file=file, block=len(blocks), row=line + 1)

    def end_row() -> None:
        nonlocal cells
        if cells:
            rows.append(cells)
            cells = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            texts = [["\n".join(cell) for cell in row] for row in rows]
            blocks.append(_grid(texts, Location(file=file, block=len(blocks)), budget))
            rows = []

    def resumes(i: int) -> bool:
        # In flattened Word text a cell's own paragraph breaks look like a blank line followed
        # by a line without a tab; the table goes on if a tab-led line follows shortly.
        if TABLE_TITLE.search(lines[i].strip()):
            return False
        for j in range(i + 1, min(i + _LOOKAHEAD, len(lines))):
            if lines[j].startswith("\t"):
                return True
            if len(lines[j].strip()) > 40:
                return False
        return False

    i = 0
    settled = 0
    lone_pipes = any(line.strip() == "|" for line in lines)
    while i < len(lines):
        line = lines[i]
        flat: tuple[list[str], int] | None = None
        flattening = Flattening.CELLS
        if not cells and not rows and not line.startswith("\t"):
            led = _led_rows(lines, i) if line.strip() and "|" not in line else None
            if led is not None:
                led_rows, i = led
                blocks.append(_grid(led_rows, Location(file=file, block=len(blocks)), budget))
                continue
            # Each cell's text, then its "|" on a line of its own (looked for only in a
            # text that has such a line: each look reads up to _CELL_LINES lines ahead).
            closed = _pipe_run(lines, i) if lone_pipes and _closed_below(lines, i) else None
            if closed is not None:
                flat = closed
            elif "|" in line and not _is_pipe_table(lines, i):
                spread = _spread_rows(lines, i) if _opens_spread_row(lines, i) else None
                if spread is not None:
                    spread_rows, i = spread
                    where = Location(file=file, block=len(blocks))
                    blocks.append(_grid(spread_rows, where, budget))
                    continue
                framed = _framed_rows(lines, i)
                if framed is not None:
                    rows_of_run, i = framed
                    blocks.append(
                        _grid(rows_of_run, Location(file=file, block=len(blocks)), budget)
                    )
                    continue
                grouped = _pipe_groups(lines, i)
                if grouped is not None:
                    group_rows, i = grouped
                    where = Location(file=file, block=len(blocks))
                    blocks.append(_grid(group_rows, where, budget, flattening=Flattening.CELLS))
                    continue
                flat = _pipe_run(lines, i)
            elif line.strip() and "|" not in line:
                words = _flat_line(line)
                before = [b.text[:80] for b in blocks[-6:] if isinstance(b, Paragraph)]
                lined = _word_lines(lines, i, before) if words is None else None
                if lined is not None:
                    where = Location(file=file, block=len(blocks))
                    blocks.append(_grid(lined[0], where, budget, flattening=Flattening.WORDS))
                    i = lined[1]
                    continue
                run = (
                    _run_together(lines, i)
                    if words is None and (i == 0 or not _run_line(lines[i - 1]))
                    else None
                )
                if words is not None:
                    flat, flattening = (words, i + 1), Flattening.WORDS
                elif run is not None:
                    flat = run
                elif i >= settled:
                    found, settled = _paragraph_cells(lines, i)
                    # A run that is no table from its first line is none from a later one
                    # either (fewer cells, fewer blanks): scan each line once, up to where
                    # the run stopped (the next run begins at a heading).
                    flat = None if found is None else (found, settled)
        if flat is not None:
            flat_cells, i = flat
            where = Location(file=file, block=len(blocks))
            blocks.append(_grid([flat_cells], where, budget, flattening=flattening))
            continue
        if not cells and not rows and "\t" in line.strip("\t") and not line.startswith("\t"):
            # Tab-separated rows: one table of consecutive lines holding a tab.
            tsv: list[list[str]] = []
            while i < len(lines) and "\t" in lines[i] and not lines[i].startswith("\t"):
                tsv.append(lines[i].split("\t"))
                i += 1
            blocks.append(_grid(tsv, Location(file=file, block=len(blocks)), budget))
            continue
        if not cells and not rows and _is_pipe_table(lines, i):
            pipe: list[list[str]] = []
            while i < len(lines) and (_PIPE_ROW.match(lines[i]) or _PIPE_RULE.match(lines[i])):
                if not _PIPE_RULE.match(lines[i]):
                    pipe.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            blocks.append(_grid(pipe, Location(file=file, block=len(blocks)), budget))
            continue
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif not line.strip():
            following = next((x for x in lines[i + 1 : i + _LOOKAHEAD] if x.strip()), "")
            if cells and following.startswith("\t"):
                end_row()
        elif cells and not HEADING.match(line) and not TABLE_TITLE.search(line.strip()):
            cells[-1].append(line)
        elif rows and not cells and not HEADING.match(line) and resumes(i):
            cells = rows.pop()
            cells[-1].append(line)
        else:
            end_table()
            blocks.append(Paragraph(text=line.strip(), location=location(i)))
        i += 1
    end_table()
    return blocks
