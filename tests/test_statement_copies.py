"""The statements corpus kept as an office publishes it — a Word file, a web page, a PDF printed
from the page (tests/statement_copies.py) — audited to the same statements as its text.

Word files and web pages are made on the fly from every entry; the PDFs of a selection were
printed by headless Chromium (scripts/make_statement_copies.py) and are committed. What is
compared is :func:`tests.statement_copies.reading`: the statements (kinds, subjects, figures,
percents, direction words, the text each was read from), the findings and the clauses not
read, without locations. Below, the shapes of printed text that once read differently, each
as a small PDF of its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from budgetperf.audit import audit, audit_blocks
from budgetperf.grid import Block, Grid
from budgetperf.readers import read_bytes, read_html
from tests.grid_writers import Spec
from tests.statement_copies import (
    COPIES,
    HEADED,
    PDF_COPIES,
    blocks_of,
    pdf_copy,
    reading,
    to_page,
    to_word,
)
from tests.statement_corpus import Entry, entries

ENTRIES = {entry.name: entry for entry in entries()}

# PDF copies that cannot read as the text does, with why.
KNOWN = {
    "s-035": "a blank the text prints at a line's end (「增幅 0.01%」) is not printed where the "
    "line wraps, so the statement's text is 「增幅0.01%」: no glyph is left to read it from",
}


def _text_reading(entry: Entry) -> dict[str, list[object]]:
    return reading(audit_blocks(blocks_of(entry), file=f"{entry.name}.txt"))


_FORMS: dict[str, Callable[[list[Block]], bytes]] = {
    "page.html": lambda blocks: to_page(blocks).encode(),
    "article.html": lambda blocks: to_page(blocks, article=True).encode(),
    "word.docx": to_word,
    "edited.docx": lambda blocks: to_word(blocks, edits=True),
    "lines.docx": lambda blocks: to_word(blocks, line_breaks=True),
}


@pytest.mark.parametrize("form", sorted(_FORMS))
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_a_word_file_or_web_page_of_an_entry_reads_as_its_text(
    name: str, form: str, tmp_path: Path
) -> None:
    entry = ENTRIES[name]
    path = tmp_path / f"{name}.{form}"
    path.write_bytes(_FORMS[form](blocks_of(entry)))
    got, want = reading(audit(path)), _text_reading(entry)
    if any(isinstance(block, Grid) and block.flattened for block in blocks_of(entry)):
        # A table the text printed without its rows (s-085's 自评表, a cell a line) is a real
        # table in the copy, read as a table there: its sentences must read alike.
        assert got["statements"] == want["statements"]

        def of_statements(findings: list[Any]) -> list[Any]:
            return [f for f in findings if f[0].startswith("statement.")]

        assert of_statements(got["findings"]) == of_statements(want["findings"])
        return
    assert got == want


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[name], strict=True))
        if name in KNOWN
        else name
        for name in PDF_COPIES
    ],
)
def test_a_printed_pdf_of_an_entry_reads_as_its_text(name: str) -> None:
    pytest.importorskip("pdfplumber", reason="the PDF reader needs the pdf extra")
    assert reading(audit(pdf_copy(name))) == _text_reading(ENTRIES[name])


def test_the_pdf_copies_are_the_selection() -> None:
    assert sorted(p.stem for p in COPIES.glob("*.pdf")) == sorted(PDF_COPIES)
    assert set(KNOWN) <= set(PDF_COPIES)


def test_the_pdf_copies_wrap_lines_and_break_pages() -> None:
    # The copies are what they are for: paragraphs that wrap, and that a page break cuts.
    pdfplumber = pytest.importorskip("pdfplumber", reason="the PDF reader needs the pdf extra")
    pages = 0
    for name in PDF_COPIES:
        with pdfplumber.open(pdf_copy(name)) as pdf:
            pages += len(pdf.pages) > 1
    assert pages >= 8
    blocks = read_bytes(pdf_copy("s-010").read_bytes())
    (paragraph,) = [b for b in blocks if b.text.startswith("1. 教育支出")]
    assert paragraph.text.endswith("主要原因:2017年度62名職工")  # over the page break, whole
    assert paragraph.location.page == 1
    assert not any("—" in b.text for b in blocks)  # the page numbers are not text
    for name in HEADED:  # nor the running heads
        title = ENTRIES[name].header["title"]
        with pdfplumber.open(pdf_copy(name)) as pdf:
            assert all(page.extract_text_lines()[0]["text"] == title for page in pdf.pages)
        read = [b.text for b in read_bytes(pdf_copy(name).read_bytes())]
        assert read.count(title) == [b.text for b in blocks_of(ENTRIES[name])].count(title)


# -- the shapes, each a small PDF ----------------------------------------------------------

_FONT = "STSong-Light"
_DRAWN = "the PDF shapes are drawn with reportlab (the test extra)"


def _pdf(pages: Sequence[Sequence[tuple[float, float, str, float]]]) -> bytes:
    """A PDF of A4 pages, each line drawn at (x, y from the top) in 12 pt CJK type with the
    given spacing between characters."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason=_DRAWN)
    pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics", reason=_DRAWN)
    cidfonts = pytest.importorskip("reportlab.pdfbase.cidfonts", reason=_DRAWN)
    pytest.importorskip("pdfplumber", reason="the PDF reader needs the pdf extra")
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont(_FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842))
    for lines in pages:
        for x, y, text, spacing in lines:
            page.setFont(_FONT, 12)
            page.drawString(x, 842 - y, text, charSpace=spacing)
        page.showPage()
    page.save()
    return buffer.getvalue()


def _texts(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data)]


def _spread(y: float, text: str, gap: float) -> list[tuple[float, float, str, float]]:
    """A justified line as a browser prints it: ``gap`` points more beside every CJK
    character, runs of Latin letters and figures kept together."""
    pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics", reason=_DRAWN)
    cidfonts = pytest.importorskip("reportlab.pdfbase.cidfonts", reason=_DRAWN)
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont(_FONT))
    pieces = re.findall(r"[ -~]+|[^ -~]", text)
    out, x = [], 72.0
    for piece in pieces:
        out.append((x, y, piece, 0.0))
        x += pdfmetrics.stringWidth(piece, _FONT, 12) + gap
    return out


def test_a_justified_line_spreads_its_characters_without_blanks() -> None:
    # A line holding a long figure is spread: the gaps beside CJK characters are spacing,
    # not blanks; a printed blank stays one.
    data = _pdf([[*_spread(100, "与2021年相比,收、支总计各减少1267.86,2570.97万元", 4.0)]])
    assert _texts(data) == ["与2021年相比,收、支总计各减少1267.86,2570.97万元"]
    data = _pdf([[(72, 100, "服务支出 822.47万元", 0.0)]])
    assert _texts(data) == ["服务支出 822.47万元"]


def test_columns_printed_without_rules_keep_their_blank() -> None:
    # 「项目名称」 and 「学生资助」 two ems apart, no blank glyph between: two cells.
    data = _pdf([[(72, 100, "项目名称", 0.0), (144, 100, "学生资助", 0.0)]])
    assert _texts(data) == ["项目名称 学生资助"]


def test_latin_words_set_apart_without_blank_glyphs_keep_their_blank() -> None:
    data = _pdf([[(72, 100, "ab", 0.0), (90, 100, "cd", 0.0), (110, 100, "项目", 0.0)]])
    assert _texts(data) == ["ab cd项目"]


def _paragraph_lines(
    y: float, first: str, rest: Sequence[str], pitch: float = 21.6
) -> list[tuple[float, float, str, float]]:
    """A paragraph: its first line indented two characters, the others at the margin."""
    lines = [(96.0, y, first, 0.0)]
    lines += [(72.0, y + pitch * (i + 1), text, 0.0) for i, text in enumerate(rest)]
    return lines


_FULL = "一二三四五六七八九十" * 4  # forty characters: to the right margin at 12 pt (x 72–552)


def test_a_paragraph_over_a_page_break_is_whole_without_the_page_number() -> None:
    first = _paragraph_lines(100, _FULL[:38], [_FULL, _FULL, "收入减少" + _FULL[:36]])
    first.append((280.0, 800.0, "— 1 —", 0.0))
    second = [(72.0, 100.0, "下降23.51%。", 0.0), *_paragraph_lines(121.6, "新段落", [])]
    second.append((280.0, 800.0, "— 2 —", 0.0))
    texts = _texts(_pdf([first, second]))
    assert texts == [_FULL[:38] + _FULL * 2 + "收入减少" + _FULL[:36] + "下降23.51%。", "新段落"]


@pytest.mark.parametrize(
    "number",
    ["— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 12 页", "共12页 第3页", "3/12", "Page 3 of 12"],
)
def test_page_numbers_as_reports_print_them_are_not_text(number: str) -> None:
    lines = _paragraph_lines(100, "正文第一行", [])
    lines.append((290.0, 800.0, number, 0.0))
    assert _texts(_pdf([lines])) == ["正文第一行"]


def test_a_year_alone_on_a_cover_is_not_taken_for_a_page_number() -> None:
    lines = [(280.0, 100.0, "2023", 0.0), (250.0, 300.0, "年度部门决算", 0.0)]
    assert _texts(_pdf([lines])) == ["2023", "年度部门决算"]


def test_a_number_in_the_text_is_not_taken_for_a_page_number() -> None:
    # Printed as a line of the text (no wider gap): kept.
    lines = _paragraph_lines(100, _FULL[:38], ["合计"])
    lines.append((96.0, 143.2, "2024", 0.0))
    assert _texts(_pdf([lines])) == [_FULL[:38] + "合计", "2024"]


def test_a_short_last_page_keeps_the_documents_line_pitch() -> None:
    # Lines 1.8 lines apart (official print): the last page's two lines are one paragraph,
    # as the document's pitch tells, though two lines tell no pitch of their own.
    pitch = 21.6  # 1.8 × 12 pt
    first = _paragraph_lines(100, _FULL[:38], [_FULL] * 5, pitch=pitch)
    second = [(96.0, 100.0, _FULL[:38], 0.0), (72.0, 100.0 + pitch + 0.4, "完。", 0.0)]
    texts = _texts(_pdf([first, second]))
    assert texts == [_FULL[:38] + _FULL * 5, _FULL[:38] + "完。"]


def test_a_page_of_one_line_paragraphs_is_read_against_the_documents_margin() -> None:
    # Every line of page 2 is indented (one-line paragraphs filling the line): the margin
    # page 1 shows tells that each is a paragraph of its own.
    first = _paragraph_lines(100, _FULL[:38], [_FULL, "完。"])
    second = [(96.0, 100.0 + 21.6 * i, f"{i}" + _FULL[:37], 0.0) for i in range(4)]
    texts = _texts(_pdf([first, second]))
    assert texts == [_FULL[:38] + _FULL + "完。"] + [f"{i}" + _FULL[:37] for i in range(4)]


def test_a_paragraph_indented_by_full_width_blanks_is_a_paragraph() -> None:
    # 「　　」 printed before the first line instead of an indent.
    lines = [
        (72.0, 100.0, "　　" + _FULL[:38], 0.0),
        (72.0, 121.6, _FULL[:20], 0.0),
        (72.0, 143.2, "　　" + _FULL[:10], 0.0),
    ]
    assert _texts(_pdf([lines])) == [_FULL[:38] + _FULL[:20], _FULL[:10]]


def test_a_word_paragraphs_line_breaks_part_it_as_a_web_pages_do() -> None:
    # 「…万元。<w:br/>其中…」: two lines of the text, as 「<br>」 makes two on a web page; a
    # table cell's line breaks stay the cell's own.
    from tests.grid_writers import to_docx

    data = to_docx(
        [[Spec("产出指标\n(50分)"), Spec("10")]], paragraphs=["支出10万元。\n其中:A 5万元。"]
    )
    blocks = read_bytes(data)
    assert [b.text for b in blocks if b.kind == "paragraph"] == ["支出10万元。", "其中:A 5万元。"]
    assert blocks[-1].rows == (("产出指标\n(50分)", "10"),)
    page = read_html("<p>支出10万元。<br>其中:A 5万元。</p>".encode())
    assert [b.text for b in page] == ["支出10万元。", "其中:A 5万元。"]


def test_a_figure_wrapped_after_its_point_is_one_figure() -> None:
    # 「1,234.」 at a line's end and 「56万元」 on the next: one figure, no blank in it.
    lines = [(96.0, 100.0, _FULL[:30] + "合计1,234.", 0.0), (72.0, 121.6, "56万元。", 0.0)]
    texts = _texts(_pdf([lines]))
    assert texts == [_FULL[:30] + "合计1,234.56万元。"]


def _page(
    head: str | None, body: list[tuple[float, float, str, float]], foot: str | None
) -> list[tuple[float, float, str, float]]:
    lines = list(body)
    if head is not None:
        lines.insert(0, (200.0, 50.0, head, 0.0))
    if foot is not None:
        lines.append((280.0, 800.0, foot, 0.0))
    return lines


def test_a_running_head_and_foot_are_not_text() -> None:
    # 「XX局2023年度部门决算」 above the text and 「第 N 页 共 2 页」 under it on every page.
    first = _page(
        "XX局2023年度部门决算",
        _paragraph_lines(100, _FULL[:38], [_FULL, "收入减少" + _FULL[:36]]),
        "XX局 第 1 页 共 2 页",
    )
    second = _page(
        "XX局2023年度部门决算",
        [(72.0, 100.0, "下降23.51%。", 0.0)],
        "XX局 第 2 页 共 2 页",
    )
    texts = _texts(_pdf([first, second]))
    assert texts == [_FULL[:38] + _FULL + "收入减少" + _FULL[:36] + "下降23.51%。"]


def test_a_line_repeated_at_the_top_of_the_text_is_text() -> None:
    # 「单位：万元」 opening pages 2 and 3 where page 1's text begins, and 「第N部分」 set
    # apart at the same height on both: the text (page 1's runs further down), not a head.
    first = _paragraph_lines(100, _FULL[:38], [_FULL] * 27 + ["完。"])
    later = [[(72.0, 100.0, "单位：万元", 0.0), (96.0, 160.0, f"第{i}部分。", 0.0)] for i in (2, 3)]
    texts = _texts(_pdf([first, *later]))
    assert texts[1:] == ["单位：万元", "第2部分。", "单位：万元", "第3部分。"]
