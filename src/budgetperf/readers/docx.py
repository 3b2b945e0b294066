"""Word documents (.docx) → paragraphs and grids.

Read as Word shows them: paragraphs and tables in body order, including those inside content
controls (``w:sdt``) and custom XML wrappers; merged cells expanded (``gridSpan``,
``vMerge``), skipped grid columns kept as empty positions (``gridBefore``/``gridAfter``);
tracked insertions read as shown and tracked deletions left out; a table inside a cell is a
grid of its own. The XML is parsed with DTDs and entity declarations refused, and the archive
is checked for size, compression ratio, encryption and damage before anything is expanded.
"""

from __future__ import annotations

from typing import Final
from xml.etree import ElementTree

import attrs

from budgetperf.grid import Block, CellBudget, GridBuilder, Location, Paragraph
from budgetperf.readers._limits import (
    DEFAULT_LIMITS,
    Limits,
    check_size,
    open_zip,
    read_member,
    refuse,
    safe_xml,
)

__all__ = ["read_docx"]

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Elements that only wrap block content (content controls, custom XML, smart tags, tracked
# insertions of whole rows or paragraphs): read what they hold.
_WRAPPERS: Final = frozenset(
    {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins"}
)
# Content Word does not show: deleted or moved-away text, field instructions, properties.
_HIDDEN: Final = frozenset(
    {f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", f"{_W}sdtPr", f"{_W}rPr"}
)


def _val(element: ElementTree.Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(f"{_W}val", default)


def _count(value: str | None) -> int:
    try:
        return min(max(int(value or "0"), 0), 1000)
    except ValueError:
        return 0


def _paragraph_text(element: ElementTree.Element) -> str:
    parts: list[str] = []

    def walk(node: ElementTree.Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _HIDDEN or tag == f"{_W}tbl":
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            else:
                walk(child)

    walk(element)
    return "".join(parts)


class _Reader:
    def __init__(self, file: str | None, limits: Limits) -> None:
        self.file, self.limits = file, limits
        self.budget = CellBudget(limits.max_cells, file=file)

    def _too_deep(self, depth: int) -> None:
        if depth > self.limits.max_depth:
            raise refuse(
                self.file,
                "DOCX 表格或内容控件嵌套过深",
                "tables or content controls nested too deeply in the DOCX",
                f"at most {self.limits.max_depth} levels",
            )

    def blocks(
        self, container: ElementTree.Element, depth: int, *, in_cell: bool = False
    ) -> list[Block]:
        """The paragraphs and tables of a body, a cell or a content control, in order.

        In a cell every paragraph is kept as Word shows it (leading 　 and empty lines
        included), since together they are the cell's text; in the body, blank paragraphs
        are dropped, text is stripped, and a paragraph's line breaks (``w:br``, ``w:cr``)
        part it into paragraphs, as ``<br>`` parts a web page's text.
        """
        self._too_deep(depth)
        out: list[Block] = []
        for element in container:
            if element.tag == f"{_W}p":
                text = _paragraph_text(element)
                if in_cell:
                    out.append(Paragraph(text=text))
                else:
                    # A line break Word shows inside a paragraph ends a line of the text, as
                    # ``<br>`` does on a web page and a newline in plain text: each line is
                    # a paragraph of its own.
                    out.extend(
                        Paragraph(text=line.strip()) for line in text.split("\n") if line.strip()
                    )
            elif element.tag == f"{_W}tbl":
                out.extend(self.table(element, depth + 1))
            elif element.tag in _WRAPPERS:
                out.extend(self.blocks(element, depth + 1, in_cell=in_cell))
        return out

    def _children(
        self, element: ElementTree.Element, tag: str, depth: int
    ) -> list[ElementTree.Element]:
        """The rows (``w:tr``) or cells (``w:tc``) of ``element``, through content controls."""
        found: list[ElementTree.Element] = []
        for child in element:
            if child.tag == tag:
                found.append(child)
            elif child.tag in _WRAPPERS:
                self._too_deep(depth + 1)
                found.extend(self._children(child, tag, depth + 1))
        return found

    def table(self, element: ElementTree.Element, depth: int) -> list[Block]:
        """A table as a grid, followed by the tables its cells hold (or, for a layout table
        — one whose cells hold tables — the cells' paragraphs around those tables)."""
        self._too_deep(depth)
        builder = GridBuilder(Location(file=self.file), budget=self.budget)
        contents: list[list[Block]] = []
        nests = False
        for tr in self._children(element, f"{_W}tr", depth):
            builder.start_row()
            props = tr.find(f"{_W}trPr")
            builder.skip(_count(_val(props.find(f"{_W}gridBefore") if props is not None else None)))
            for tc in self._children(tr, f"{_W}tc", depth):
                tc_props = tc.find(f"{_W}tcPr")
                colspan, merge = 1, None
                if tc_props is not None:
                    colspan = max(_count(_val(tc_props.find(f"{_W}gridSpan"), "1")), 1)
                    vmerge = tc_props.find(f"{_W}vMerge")
                    # <w:vMerge/> without a value continues the merge above.
                    merge = None if vmerge is None else _val(vmerge, "continue")
                content = self.blocks(tc, depth + 1, in_cell=True)
                nests = nests or any(block.kind == "table" for block in content)
                contents.append(content)
                if merge == "continue":
                    builder.continue_above(colspan=colspan)
                else:
                    text = "\n".join(b.text for b in content if b.kind == "paragraph")
                    builder.add_cell(text, colspan=colspan)
            builder.skip(_count(_val(props.find(f"{_W}gridAfter") if props is not None else None)))
        grid = builder.build()
        if nests and grid.is_container():
            return [
                attrs.evolve(block, text=block.text.strip()) if block.kind == "paragraph" else block
                for content in contents
                for block in content
                if block.kind == "table" or block.text.strip()
            ]
        return [grid, *(b for content in contents for b in content if b.kind == "table")]


def read_docx(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs and tables of a Word document (.docx), in reading order.

    Raises:
        ParseError: not a DOCX, damaged, encrypted, a zip bomb, XML with a DTD, nested too
            deeply, or more table cells than ``limits.max_cells``.
    """
    check_size(data, file, limits)
    with open_zip(data, file, limits, "DOCX") as archive:
        if "word/document.xml" not in archive.namelist():
            raise refuse(
                file,
                "DOCX 缺少 word/document.xml",
                "the DOCX has no word/document.xml",
                "a Word document",
            )
        root = safe_xml(
            read_member(archive, "word/document.xml", file, limits, "DOCX"), file, "DOCX"
        )
    body = root.find(f"{_W}body")
    if body is None:
        raise refuse(file, "DOCX 没有正文", "the DOCX has no body", "a Word document")
    blocks = _Reader(file, limits).blocks(body, 0)
    return [_locate(block, Location(file=file, block=index)) for index, block in enumerate(blocks)]


def _locate(block: Block, location: Location) -> Block:
    return attrs.evolve(block, location=location)
