"""The statements corpus kept as a finance office publishes it: a Word file, a web page and a
PDF printed from the page, made from each entry's text, and what the audit reads of them.

A copy holds the blocks the text reader makes of the published text: each paragraph is a
paragraph of the copy (``<w:p>``, ``<p>``), a table a table. The Word file splits a
paragraph's runs where its script changes (figures and Latin words in runs of their own, as
Word keeps them when East Asian and Western fonts differ); the web page indents each
paragraph two characters as government pages do. Each has a second form as offices also
keep it: a Word file edited in several sittings (runs cut anywhere, paragraphs indented by
typed full-width blanks) or typed with line breaks (Shift+Enter) instead of paragraphs, and
a CMS article (one ``<div>``, lines led by 「　　」 and ended by ``<br>``). The PDF is printed
from a page set as official documents are (GB/T 9704: A4, 16 pt type, 28 characters to a
line, 22 lines to a page, the page number at the foot), so that lines wrap inside
paragraphs and paragraphs run over page breaks.

:func:`reading` is what is compared: the statements the audit read (kind, subject, figures,
percents, direction words, in the corpus's shape, with the text each was read from), the
checks' findings and the clauses not read — without locations, which differ by format.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final
from xml.sax.saxutils import escape

from budgetperf.audit import AuditResult
from budgetperf.grid import Block, Grid
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.readers import read_text
from tests.grid_writers import Spec, docx_package, to_html
from tests.statement_corpus import CORPUS, Entry, as_expected

COPIES: Final = CORPUS / "copies"

# Official-document print (GB/T 9704-2012): A4, 37 mm top and 28 mm left margins, a type
# area of 156 × 225 mm holding 22 lines of 28 characters in 三号 (16 pt) type, the page
# number as "— 1 —" under it; first lines indented two characters, no space between
# paragraphs.
PRINT_STYLE: Final = """
@page {
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center {
    content: "\\2014  " counter(page) "  \\2014";
    font-family: "WenQuanYi Micro Hei", sans-serif;
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
  }
}
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 16pt; line-height: 10.2mm;
       margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
table { border-collapse: collapse; font-size: 10.5pt; line-height: 1.4; margin: 2mm 0; }
td { border: 0.8pt solid #000; padding: 2pt 4pt; vertical-align: top; }
"""


def print_style(head: str | None = None) -> str:
    """:data:`PRINT_STYLE`, with ``head`` printed above the text of every page (a running
    head, as a Word header prints a report's title in the top margin)."""
    if head is None:
        return PRINT_STYLE
    quoted = head.replace("\\", "\\\\").replace('"', '\\"')
    return PRINT_STYLE + (
        "@page { @top-center {"
        f' content: "{quoted}"; font-family: "WenQuanYi Micro Hei", sans-serif;'
        " font-size: 10.5pt; vertical-align: middle; } }"
    )


# A government page's article: paragraphs indented two characters, 1.8 lines apart.
PAGE_STYLE: Final = (
    'body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:16px;line-height:1.8}'
    "p{text-indent:2em;margin:0 0 .5em}"
    "table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}"
)


def blocks_of(entry: Entry) -> list[Block]:
    """The blocks the text reader makes of an entry's published text."""
    return read_text(entry.body, file=f"{entry.name}.txt")


def _table(grid: Grid) -> list[list[Spec]]:
    return [[Spec(text) for text in row] for row in grid.rows]


def to_page(
    blocks: Sequence[Block], *, style: str = PAGE_STYLE, title: str = "", article: bool = False
) -> str:
    """A web page of the blocks: ``<p>`` per paragraph, ``<table>`` per table; or, with
    ``article``, as a CMS editor keeps an article — the paragraphs in one ``<div>``, each led
    by two full-width blanks and ended by ``<br>``."""
    parts = []
    for block in blocks:
        if isinstance(block, Grid):
            page = to_html(_table(block))
            parts.append(page[page.index("<table>") : page.index("</body>")])
        elif article:
            parts.append(f"&#12288;&#12288;{html.escape(block.text)}<br>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    head = f"<title>{html.escape(title)}</title>" if title else ""
    body = "\n".join(parts)
    if article:
        body = f'<div class="article">\n{body}\n</div>'
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"{head}<style>{style}</style></head><body>\n{body}\n</body></html>"
    )


# Where Word starts a new run in Chinese text: figures and Latin words take the Western font.
_SCRIPT_RUNS: Final = re.compile(r"[0-9A-Za-z.,%]+|[^0-9A-Za-z.,%]+")


def _run(text: str, western: bool) -> str:
    fonts = (
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>'
        if western
        else '<w:rFonts w:hint="eastAsia"/>'
    )
    return (
        f'<w:r><w:rPr>{fonts}<w:sz w:val="32"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _runs(text: str, edits: bool) -> str:
    if edits:
        # Runs cut where an edit began, anywhere (inside figures too), as revision ids cut them.
        return "".join(_run(text[i : i + 5], False) for i in range(0, len(text), 5))
    return "".join(
        _run(piece.group(0), piece.group(0)[0].isascii()) for piece in _SCRIPT_RUNS.finditer(text)
    )


def _paragraph(text: str, *, indent: bool = True, edits: bool = False) -> str:
    if edits and indent:
        # Indented by typing two full-width blanks, not by the paragraph's properties.
        return f"<w:p>{_run(chr(0x3000) * 2, False)}{_runs(text, edits)}</w:p>"
    props = '<w:pPr><w:ind w:firstLineChars="200"/></w:pPr>' if indent else ""
    return f"<w:p>{props}{_runs(text, edits)}</w:p>"


def _lines(texts: Sequence[str]) -> str:
    """Paragraphs typed as one, each line ended by a line break (Shift+Enter)."""
    runs = "<w:r><w:br/></w:r>".join(_runs(text, False) for text in texts)
    return f'<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr>{runs}</w:p>'


def to_word(blocks: Sequence[Block], *, edits: bool = False, line_breaks: bool = False) -> bytes:
    """A Word document of the blocks: a paragraph per paragraph (runs split by script, first
    line indented), a table per table. With ``edits``, runs are cut every few characters and
    paragraphs indented by full-width blanks; with ``line_breaks``, the paragraphs between
    two tables are one Word paragraph whose lines end in line breaks."""
    body = []
    pending: list[str] = []
    for block in blocks:
        if isinstance(block, Grid):
            if pending:
                body.append(_lines(pending))
                pending = []
            width = block.width
            body.append(f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * width}</w:tblGrid>")
            for row in block.rows:
                cells = "".join(f"<w:tc>{_paragraph(text, indent=False)}</w:tc>" for text in row)
                body.append(f"<w:tr>{cells}</w:tr>")
            body.append("</w:tbl>")
        elif line_breaks:
            pending.append(block.text)
        else:
            body.append(_paragraph(block.text, edits=edits))
    if pending:
        body.append(_lines(pending))
    return docx_package(body)


# A run of blanks is shown as one on a web page and printed as one gap: the texts statements
# were read from are compared with such runs as one blank.
_BLANKS: Final = re.compile(r"[ \t]{2,}")


def reading(result: AuditResult) -> dict[str, list[Any]]:
    """What an audit read, without the locations: statements, findings, clauses not read."""
    statements = [
        {"text": _BLANKS.sub(" ", s.text), **as_expected(s)}
        for document in result.batch.documents
        if isinstance(document, FinalAccounts)
        for s in document.statements
    ]
    findings = [(f.code, f.path, f.expected, f.reported) for f in result.findings]
    unread = [(u.kind, u.text, u.reason) for u in result.unparsed]
    documents = [type(d).__name__ for d in result.batch.documents]
    return {
        "documents": documents,
        "statements": statements,
        "findings": findings,
        "unread": unread,
    }


def pdf_copy(name: str) -> Path:
    """Where the committed PDF copy of a corpus entry is."""
    return COPIES / f"{name}.pdf"


# The entries printed to PDF (scripts/make_statement_copies.py): small ones whose lines wrap
# inside figures and sentences and are spread by justification (s-007, s-011), whose
# paragraphs run over a page break with the page number between their parts (s-010, s-018,
# s-046, s-054, s-066, s-075; three with a running head, :data:`HEADED`) onto a last page of
# two or three lines (s-016), with a page of
# one-line paragraphs only (s-079), with a table (s-056), and a blank the wrap takes (s-035).
# The copies printed with the entry's title as a running head on every page.
HEADED: Final = ("s-010", "s-046", "s-054")

PDF_COPIES: Final = (
    "s-001", "s-007", "s-010", "s-011", "s-016", "s-018", "s-035", "s-046", "s-054", "s-056",
    "s-066", "s-075", "s-079",
)  # fmt: skip
