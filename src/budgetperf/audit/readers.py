"""Readers of published reports (报告读取): DOCX, HTML and plain text → paragraphs and cell grids.

Each reader turns a file into :class:`Block` s in document order: a paragraph of text, or a
table as a grid of cell texts with merged cells expanded (a cell spanning two columns or rows
appears in each position it covers). Standard library only. Hostile files are refused, never
followed: size and nesting are bounded (:class:`Limits`), a DOCX may not decompress past a
limit or name a path outside the archive, and XML with a DTD or entity declarations is
refused before it is parsed::

    >>> blocks = read_text("标题\\n\\n\\t项目名称\\n\\t科普\\n\\n\\t得分\\n\\t10\\n")
    >>> [(b.kind, b.text if b.kind == "paragraph" else b.rows) for b in blocks]
    [('paragraph', '标题'), ('table', (('项目名称', '科普'), ('得分', '10')))]
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Final, final
from xml.etree import ElementTree

import attrs

from budgetperf.errors import ParseError
from budgetperf.io.text import decode

__all__ = ["Block", "Limits", "read_docx", "read_file", "read_html", "read_text"]


@final
@attrs.frozen(slots=True, kw_only=True)
class Limits:
    """Bounds on what a reader accepts (all adjustable).

    Attributes:
        max_bytes: largest input file.
        max_unpacked: largest total a DOCX may decompress to.
        max_ratio: largest compression ratio of a DOCX member (zip bombs compress ~1000×).
        max_depth: deepest HTML element nesting.
        max_cells: most table cells in one document.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_unpacked: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_depth: int = 256
    max_cells: int = 1_000_000


DEFAULT_LIMITS: Final = Limits()


@final
@attrs.frozen(slots=True, kw_only=True)
class Block:
    """A paragraph or a table of a document.

    Attributes:
        kind: ``"paragraph"`` or ``"table"``.
        index: position in the document (0-based, paragraphs and tables counted together).
        text: the paragraph's text (tables: empty).
        rows: the table's cells, merged cells expanded (paragraphs: empty).
    """

    kind: str
    index: int
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _refuse(file: str | None, zh: str, en: str, expected: str) -> ParseError:
    return ParseError(zh, en, file=file, expected=expected)


# -- plain text ----------------------------------------------------------------------------------


def read_text(
    text: str, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Blocks of a plain-text report: tab-led lines are table cells, blank lines end a row.

    A cell's text may continue on following lines without a tab. Runs of cell rows form
    one table; other lines are paragraphs.
    """
    if len(text) > limits.max_bytes:
        raise _refuse(
            file, "文件过大", "the file is too large", f"at most {limits.max_bytes} characters"
        )
    blocks: list[Block] = []
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    cell_count = 0

    def end_row() -> None:
        nonlocal cells
        if cells:
            rows.append(tuple(cells))
            cells = []

    def end_table() -> None:
        nonlocal rows
        end_row()
        if rows:
            blocks.append(Block(kind="table", index=len(blocks), rows=tuple(rows)))
            rows = []

    lines = text.replace("\r\n", "\n").split("\n")

    def continues_cell(i: int) -> bool:
        # In a flattened table a cell's own paragraph breaks look like "\n\n" followed by a
        # line without a tab; the table goes on if a tab-led line follows shortly.
        if _TABLE_TITLE.search(lines[i].strip()):
            return False
        for j in range(i + 1, min(i + 12, len(lines))):
            if lines[j].startswith("\t"):
                return True
            if lines[j].strip() and len(lines[j].strip()) > 40:
                return False
        return False

    for i, line in enumerate(lines):
        if line.startswith("\t"):
            cells.append(line[1:])
            cell_count += 1
            if cell_count > limits.max_cells:
                raise _refuse(
                    file, "表格单元格过多", "too many table cells", f"at most {limits.max_cells}"
                )
        elif not line.strip():
            next_line = next((x for x in lines[i + 1 : i + 12] if x.strip()), "")
            if cells and next_line.startswith("\t"):
                end_row()
        elif cells and not _HEADING.match(line) and not _TABLE_TITLE.search(line.strip()):
            cells[-1] += "\n" + line
        elif rows and not cells and not _HEADING.match(line) and continues_cell(i):
            last = list(rows.pop())
            last[-1] += "\n" + line
            cells = last
        else:
            end_table()
            blocks.append(Block(kind="paragraph", index=len(blocks), text=line.strip()))
    end_table()
    return [attrs.evolve(b, index=i) for i, b in enumerate(blocks)]


# -- HTML ----------------------------------------------------------------------------------------

_TABLE_TITLE: Final = re.compile(r"表(（[^）]*）)?$")
_HEADING: Final = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|图(表)?\d|附件|附表)"
)
_META_CHARSET: Final = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_BLOCK_TAGS: Final = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section"}
)
_VOID: Final = frozenset({"br", "img", "meta", "link", "hr", "input", "col", "area", "base", "wbr"})


def _decode_html(data: bytes, file: str | None) -> str:
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith(b"\xef\xbb\xbf"):
        name = match.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, file=file)


class _HTMLBlocks(HTMLParser):
    def __init__(self, file: str | None, limits: Limits) -> None:
        super().__init__(convert_charrefs=True)
        self.file, self.limits = file, limits
        self.blocks: list[Block] = []
        self.depth = 0
        self.text: list[str] = []
        self.skip = 0
        # Table state: a stack, since tables may nest.
        self.tables: list[dict[str, object]] = []
        self.cells = 0

    # paragraphs
    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.text)).strip()
        self.text = []
        if text and not self.tables:
            self.blocks.append(Block(kind="paragraph", index=len(self.blocks), text=text))

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            if self.depth > self.limits.max_depth:
                raise _refuse(
                    self.file,
                    "HTML 嵌套过深",
                    "HTML nested too deeply",
                    f"at most {self.limits.max_depth} levels",
                )
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
            return
        values = dict(attrs_list)
        if tag == "table":
            self._flush()
            self.tables.append({"rows": [], "row": None, "cell": None, "spans": {}})
        elif self.tables and tag == "tr":
            table = self.tables[-1]
            table["row"] = []
        elif self.tables and tag in ("td", "th"):
            table = self.tables[-1]
            table["cell"] = {
                "text": [],
                "rowspan": _span(values.get("rowspan")),
                "colspan": _span(values.get("colspan")),
            }
        elif tag in _BLOCK_TAGS:
            if self.tables and self.tables[-1]["cell"] is not None:
                self._cell_text("\n")
            else:
                self._flush()

    def handle_startendtag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if self.tables and self.tables[-1]["cell"] is not None:
                self._cell_text("\n")
            else:
                self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
            return
        if not self.tables:
            if tag in _BLOCK_TAGS:
                self._flush()
            return
        table = self.tables[-1]
        if tag in ("td", "th") and table["cell"] is not None:
            cell = table["cell"]
            assert isinstance(cell, dict)
            row = table["row"]
            if row is None:
                row = table["row"] = []
            assert isinstance(row, list)
            # ASCII blanks collapse as in a browser; the ideographic space is text and stays.
            row.append(
                (
                    re.sub(r"[ \t\r\f\v]+", " ", "".join(cell["text"])).strip(" \t\r\n\f\v"),
                    cell["rowspan"],
                    cell["colspan"],
                )
            )
            table["cell"] = None
            self.cells += 1
            if self.cells > self.limits.max_cells:
                raise _refuse(
                    self.file,
                    "表格单元格过多",
                    "too many table cells",
                    f"at most {self.limits.max_cells}",
                )
        elif tag == "tr" and table["row"] is not None:
            rows = table["rows"]
            assert isinstance(rows, list)
            rows.append(table["row"])
            table["row"] = None
        elif tag == "table":
            self.tables.pop()
            grid = _expand(table["rows"])  # type: ignore[arg-type]
            if self.tables and self.tables[-1]["cell"] is not None:
                # A nested table becomes text of the enclosing cell.
                self._cell_text("\n".join(" ".join(r) for r in grid))
            elif grid:
                self.blocks.append(Block(kind="table", index=len(self.blocks), rows=grid))

    def _cell_text(self, text: str) -> None:
        cell = self.tables[-1]["cell"]
        assert isinstance(cell, dict)
        cell["text"].append(text)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self._cell_text(data)
        elif not self.tables:
            self.text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _expand(rows: list[list[tuple[str, int, int]]]) -> tuple[tuple[str, ...], ...]:
    """Rows of (text, rowspan, colspan) → a grid with merged cells repeated."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
            c += colspan
    if not grid:
        return ()
    height = min(max(r for r, _ in grid) + 1, len(rows))
    # Rows keep their own length (a row printed short stays short, as in the text form).
    widths = [max((c for (rr, c) in grid if rr == r), default=-1) + 1 for r in range(height)]
    return tuple(tuple(grid.get((r, c), "") for c in range(widths[r])) for r in range(height))


def read_html(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Blocks of an HTML page: paragraphs, and tables with rowspan/colspan expanded."""
    if len(data) > limits.max_bytes:
        raise _refuse(
            file, "文件过大", "the file is too large", f"at most {limits.max_bytes} bytes"
        )
    parser = _HTMLBlocks(file, limits)
    parser.feed(_decode_html(data, file))
    parser.close()
    return [attrs.evolve(b, index=i) for i, b in enumerate(parser.blocks)]


# -- DOCX ----------------------------------------------------------------------------------------

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _safe_xml(data: bytes, file: str | None) -> ElementTree.Element:
    head = data[:65536].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise _refuse(
            file,
            "XML 含 DTD 或实体声明，拒绝读取",
            "XML with a DTD or entity declarations is refused",
            "a DOCX without DTDs",
        )
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise _refuse(
            file, "DOCX 中的 XML 已损坏", f"broken XML in the DOCX: {exc}", "a valid DOCX"
        ) from None


def _docx_part(archive: zipfile.ZipFile, name: str, file: str | None, limits: Limits) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limits.max_unpacked:
        raise _refuse(
            file,
            "DOCX 解压后过大（疑似压缩炸弹）",
            "a DOCX part unpacks too large (zip bomb?)",
            f"at most {limits.max_unpacked} bytes",
        )
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        raise _refuse(
            file,
            "DOCX 压缩比异常（疑似压缩炸弹）",
            "abnormal compression ratio (zip bomb?)",
            f"a ratio of at most {limits.max_ratio}",
        )
    with archive.open(info) as handle:
        data = handle.read(limits.max_unpacked + 1)
    if len(data) > limits.max_unpacked:
        raise _refuse(
            file,
            "DOCX 解压后过大（疑似压缩炸弹）",
            "a DOCX part unpacks too large (zip bomb?)",
            f"at most {limits.max_unpacked} bytes",
        )
    return data


def _paragraph_text(element: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _docx_table(table: ElementTree.Element) -> tuple[tuple[str, ...], ...]:
    rows: list[list[str]] = []
    origins: dict[int, str] = {}  # column → text of the cell a vertical merge continues
    for tr in table.findall(f"{_W}tr"):
        row: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span, merge = 1, None
            if props is not None:
                grid = props.find(f"{_W}gridSpan")
                if grid is not None:
                    span = _span(grid.get(f"{_W}val"))
                vmerge = props.find(f"{_W}vMerge")
                if vmerge is not None:
                    merge = vmerge.get(f"{_W}val", "continue")
            text = "\n".join(_paragraph_text(p) for p in tc.findall(f"{_W}p"))
            column = len(row)
            if merge == "continue":
                text = origins.get(column, "")
            elif merge == "restart":
                origins[column] = text
            else:
                origins.pop(column, None)
            row.extend([text] * span)
        rows.append(row)
    return tuple(tuple(r) for r in rows)


def read_docx(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Blocks of a .docx: paragraphs in order and tables with gridSpan/vMerge expanded."""
    if len(data) > limits.max_bytes:
        raise _refuse(
            file, "文件过大", "the file is too large", f"at most {limits.max_bytes} bytes"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(
            file, "不是有效的 DOCX（ZIP）文件", f"not a valid DOCX: {exc}", "a .docx file"
        ) from None
    with archive:
        names = archive.namelist()
        for name in names:
            if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
                raise _refuse(
                    file,
                    "DOCX 含有指向包外的路径",
                    "a DOCX member points outside the archive",
                    "member names inside the archive",
                )
        total = sum(info.file_size for info in archive.infolist())
        if total > limits.max_unpacked:
            raise _refuse(
                file,
                "DOCX 解压后过大（疑似压缩炸弹）",
                "the DOCX unpacks too large (zip bomb?)",
                f"at most {limits.max_unpacked} bytes",
            )
        if "word/document.xml" not in names:
            raise _refuse(
                file,
                "DOCX 缺少 word/document.xml",
                "the DOCX has no word/document.xml",
                "a Word document",
            )
        try:
            root = _safe_xml(_docx_part(archive, "word/document.xml", file, limits), file)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise _refuse(
                file,
                "DOCX 已损坏或被截断",
                f"the DOCX is damaged or truncated: {exc}",
                "a complete .docx file",
            ) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise _refuse(file, "DOCX 没有正文", "the DOCX has no body", "a Word document")
    blocks: list[Block] = []
    cells = 0
    for element in body:
        if element.tag == f"{_W}p":
            text = _paragraph_text(element).strip()
            if text:
                blocks.append(Block(kind="paragraph", index=len(blocks), text=text))
        elif element.tag == f"{_W}tbl":
            grid = _docx_table(element)
            cells += sum(len(r) for r in grid)
            if cells > limits.max_cells:
                raise _refuse(
                    file, "表格单元格过多", "too many table cells", f"at most {limits.max_cells}"
                )
            blocks.append(Block(kind="table", index=len(blocks), rows=grid))
    return blocks


def read_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Blocks of a report file, by its content: DOCX (a ZIP), HTML, or plain text."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > limits.max_bytes:
            raise _refuse(
                name, "文件过大", "the file is too large", f"at most {limits.max_bytes} bytes"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(
            "无法读取文件", f"cannot read the file: {exc.strerror}", file=name
        ) from exc
    if data.startswith(b"PK"):
        return read_docx(data, file=name, limits=limits)
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<table" in head:
        return read_html(data, file=name, limits=limits)
    return read_text(decode(data, file=name), file=name, limits=limits)
