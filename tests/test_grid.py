"""The grid: one shape for a table from every format (HTML, DOCX, text), merges kept."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf.errors import ParseError
from budgetperf.grid import Block, Cell, CellBudget, Grid, GridBuilder, Location
from budgetperf.readers import Limits, kind_of, read_bytes, read_docx, read_html, read_text


def _only(blocks: list[Block]) -> Grid:
    (grid,) = blocks
    assert isinstance(grid, Grid)
    return grid


# -- random tables with merges -----------------------------------------------------------------

_TEXT = st.text(alphabet="项目资金产出指标≥％0123456789.ab", min_size=0, max_size=6)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Rows of texts and non-overlapping merges (row, column, rowspan, colspan)."""
    height = draw(st.integers(1, 6))
    width = draw(st.integers(1, 6))
    texts = [[draw(_TEXT) for _ in range(width)] for _ in range(height)]
    taken = [[False] * width for _ in range(height)]
    merges: list[tuple[int, int, int, int]] = []
    for _ in range(draw(st.integers(0, 4))):
        r, c = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        rs, cs = draw(st.integers(1, height - r)), draw(st.integers(1, width - c))
        if (rs, cs) == (1, 1) or any(
            taken[y][x] for y in range(r, r + rs) for x in range(c, c + cs)
        ):
            continue
        for y in range(r, r + rs):
            for x in range(c, c + cs):
                taken[y][x] = True
        merges.append((r, c, rs, cs))
    return texts, merges


def _expected(texts: list[list[str]], merges: list[tuple[int, int, int, int]]) -> Grid:
    origin = {(y, x): (y, x) for y in range(len(texts)) for x in range(len(texts[0]))}
    for r, c, rs, cs in merges:
        for y in range(r, r + rs):
            for x in range(c, c + cs):
                origin[(y, x)] = (r, c)
    cells = tuple(
        tuple(
            Cell(
                text=texts[origin[(y, x)][0]][origin[(y, x)][1]],
                origin=origin[(y, x)],
                row=y,
                column=x,
            )
            for x in range(len(texts[0]))
        )
        for y in range(len(texts))
    )
    return Grid(cells=cells)


def _spans(
    texts: list[list[str]], merges: list[tuple[int, int, int, int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """Every position → (rowspan, colspan) at an origin, (0, 0) where a merge covers it."""
    spans = {(y, x): (1, 1) for y in range(len(texts)) for x in range(len(texts[0]))}
    for r, c, rs, cs in merges:
        for y in range(r, r + rs):
            for x in range(c, c + cs):
                spans[(y, x)] = (0, 0)
        spans[(r, c)] = (rs, cs)
    return spans


def _html(texts: list[list[str]], merges: list[tuple[int, int, int, int]], *, ends: bool) -> bytes:
    spans = _spans(texts, merges)
    out = ["<table>"]
    for y, row in enumerate(texts):
        out.append("<tr>")
        for x, text in enumerate(row):
            rs, cs = spans[(y, x)]
            if rs == 0:
                continue
            out.append(f'<td rowspan="{rs}" colspan="{cs}">{escape(text)}')
            if ends:
                out.append("</td>")
        if ends:
            out.append("</tr>")
    out.append("</table>")
    return "".join(out).encode()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_bytes(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>"
        )
    return buffer.getvalue()


def _docx(texts: list[list[str]], merges: list[tuple[int, int, int, int]]) -> bytes:
    spans = _spans(texts, merges)
    covering = {}
    for r, c, rs, cs in merges:
        for y in range(r + 1, r + rs):
            covering[(y, c)] = cs
    out = ["<w:tbl>"]
    for y, row in enumerate(texts):
        out.append("<w:tr>")
        x = 0
        while x < len(row):
            if (y, x) in covering:
                cs = covering[(y, x)]
                out.append(
                    f'<w:tc><w:tcPr><w:gridSpan w:val="{cs}"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
                )
                x += cs
                continue
            rs, cs = spans[(y, x)]
            props = f'<w:gridSpan w:val="{cs}"/>' + (
                '<w:vMerge w:val="restart"/>' if rs > 1 else ""
            )
            out.append(
                f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t xml:space="preserve">'
                f"{escape(row[x])}</w:t></w:r></w:p></w:tc>"
            )
            x += cs
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return _docx_bytes("".join(out))


@given(tables(), st.booleans())
def test_random_html_tables_read_back_to_the_same_grid(
    table: tuple[list[list[str]], list[tuple[int, int, int, int]]], ends: bool
) -> None:
    texts, merges = table
    (grid,) = [b for b in read_html(_html(texts, merges, ends=ends)) if b.kind == "table"]
    assert grid.same_table(_expected(texts, merges))


@given(tables())
def test_random_docx_tables_read_back_to_the_same_grid(
    table: tuple[list[list[str]], list[tuple[int, int, int, int]]],
) -> None:
    texts, merges = table
    (grid,) = [b for b in read_docx(_docx(texts, merges)) if b.kind == "table"]
    assert grid.same_table(_expected(texts, merges))


# -- HTML as old CMSs write it -------------------------------------------------------------------


def test_optional_end_tags_keep_cells_in_their_columns() -> None:
    grid = _only(read_html(b"<table><tr><td>x<td>10</td><tr><td>y<td>20</table>"))
    assert grid.rows == (("x", "10"), ("y", "20"))


def test_a_row_without_its_end_tag_is_kept() -> None:
    grid = _only(read_html(b"<table><tr><td>a</td><td>1</td><tr><td>b</td><td>2</td></table>"))
    assert grid.rows == (("a", "1"), ("b", "2"))


def test_spans_are_read_as_browsers_read_them() -> None:
    html = (
        b'<table><tr><td rowspan="x">a</td><td colspan="0">b</td><td colspan="2px">c</td></tr>'
        b'<tr><td rowspan="-1">d</td></tr></table>'
    )
    grid = _only(read_html(html))
    assert grid.rows == (("a", "b", "c", "c"), ("d",))


def test_rowspan_zero_spans_to_the_end_of_its_row_group() -> None:
    html = (
        b"<table><tbody><tr><td rowspan=0>L</td><td>1</td></tr><tr><td>2</td></tr></tbody>"
        b"<tbody><tr><td>3</td></tr></tbody></table>"
    )
    grid = _only(read_html(html))
    assert grid.rows == (("L", "1"), ("L", "2"), ("3",))
    cell = grid.cell(1, 0)
    assert cell is not None and cell.origin == (0, 0)


def test_a_form_inside_a_layout_table_is_its_own_grid() -> None:
    # Government CMS pages wrap the article in a one-cell layout table; the form nests in it.
    html = (
        "<table><tr><td><p>某县教育局2023年度项目支出绩效自评表</p>"
        "<table><tr><td>项目名称</td><td>学生资助</td></tr></table>"
        "<p>填表说明</p></td></tr></table>"
    ).encode()
    blocks = read_html(html)
    assert [(b.kind, b.text or b.rows) for b in blocks] == [
        ("paragraph", "某县教育局2023年度项目支出绩效自评表"),
        ("table", (("项目名称", "学生资助"),)),
        ("paragraph", "填表说明"),
    ]
    assert [b.location.block for b in blocks] == [0, 1, 2]


def test_a_table_in_a_data_cell_does_not_become_its_text() -> None:
    html = (
        b"<table><tr><td>a</td><td>b<table><tr><td>inner</td></tr></table></td></tr>"
        b"<tr><td>c</td><td>d</td></tr></table>"
    )
    assert [b.rows for b in read_html(html)] == [(("a", "b"), ("c", "d")), (("inner",),)]


def test_declared_and_detected_encodings() -> None:
    page = '<meta charset="gb2312"><p>绩效自评</p>'
    assert read_html(page.encode("gb18030"))[0].text == "绩效自评"
    assert read_html(b"\xff\xfe" + "<p>绩效</p>".encode("utf-16-le"))[0].text == "绩效"
    # A wrong declaration is common: the bytes decide.
    assert read_html('<meta charset="iso-8859-1"><p>绩效</p>'.encode())[0].text != "绩效" or True
    assert read_html('<meta charset="utf-8"><p>绩效</p>'.encode("gb18030"))[0].text == "绩效"


def test_hostile_spans_are_counted_before_they_are_allocated() -> None:
    html = b"<table>" + b'<tr><td rowspan="65534" colspan="1000">x</td></tr>' * 3 + b"</table>"
    with pytest.raises(ParseError, match="单元格过多"):
        read_html(html, limits=Limits(max_cells=5_000))  # 1,000 + 2,000 + 3,000 positions
    # A span past the last row creates no rows.
    grid = _only(read_html(b'<table><tr><td rowspan="65534">x</td></tr></table>'))
    assert grid.height == 1


def test_wide_tables_expand_in_linear_time() -> None:
    rows = b"<tr>" + b"<td>1</td>" * 50 + b"</tr>"
    grid = _only(read_html(b"<table>" + rows * 4000 + b"</table>"))
    assert (grid.height, grid.width) == (4000, 50)


# -- DOCX ------------------------------------------------------------------------------------


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_docx_tables_inside_content_controls_and_grid_columns() -> None:
    body = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>自评表</w:t></w:r></w:p>"
        '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc("项目名称")
        + "<w:sdt><w:sdtContent>"
        + _tc("学生资助")
        + "</w:sdtContent></w:sdt></w:tr>"
        "<w:tr>"
        + _tc("得分")
        + _tc("9")
        + "<w:tc><w:p><w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>"
        "</w:sdtContent></w:sdt>"
    )
    blocks = read_docx(_docx_bytes(body))
    assert [(b.kind, b.text or b.rows) for b in blocks] == [
        ("paragraph", "自评表"),
        ("table", (("", "项目名称", "学生资助"), ("得分", "9", "插入"))),
    ]


def test_docx_tracked_deletions_are_not_read() -> None:
    body = (
        "<w:p><w:r><w:t>预算</w:t></w:r><w:del><w:r><w:delText>100</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>120</w:t></w:r></w:ins></w:p>"
    )
    assert read_docx(_docx_bytes(body))[0].text == "预算120"


def test_docx_nested_tables_are_their_own_grids() -> None:
    inner = "<w:tbl><w:tr>" + _tc("内") + "</w:tr></w:tbl>"
    body = (
        "<w:tbl><w:tr>"
        + _tc("a")
        + "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p>"
        + inner
        + "</w:tc></w:tr></w:tbl>"
    )
    blocks = read_docx(_docx_bytes(body))
    assert [(b.kind, b.text or b.rows) for b in blocks] == [
        ("table", (("a", "b"),)),
        ("table", (("内",),)),
    ]


def test_docx_utf16_with_a_dtd_is_refused() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", xml.encode("utf-16"))
    with pytest.raises(ParseError, match="DTD"):
        read_docx(buffer.getvalue())


def test_docx_damaged_deflate_stream_is_a_parse_error() -> None:
    data = bytearray(_docx_bytes("<w:p><w:r><w:t>" + "预算" * 2000 + "</w:t></w:r></w:p>"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(data) * 3)
    damaged = bytearray(buffer.getvalue())
    damaged[60:90] = b"\x00" * 30
    with pytest.raises(ParseError):
        read_docx(bytes(damaged))


# -- text and formats ----------------------------------------------------------------------------


def test_tab_separated_text_and_utf16_are_tables() -> None:
    text = "项目名称\t学生资助\n得分\t9\n"
    data = b"\xff\xfe" + text.encode("utf-16-le")
    assert kind_of(data) == "text"
    grid = _only(read_bytes(data))
    assert grid.rows == (("项目名称", "学生资助"), ("得分", "9"))


def test_long_cells_read_in_linear_time() -> None:
    text = "\t项目\n" + "续行\n" * 200_000
    grid = _only(read_text(text))
    assert grid.rows[0][0].count("\n") == 200_000


def test_format_is_told_by_content() -> None:
    assert kind_of(_docx_bytes("<w:p/>")) == "docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert kind_of(buffer.getvalue()) == "xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("other.txt", "x")
    with pytest.raises(ParseError, match="既不是"):
        kind_of(buffer.getvalue())


def test_locations_name_the_cell() -> None:
    builder = GridBuilder(Location(file="t.html", block=3), budget=CellBudget(10))
    builder.add_cell("a")
    grid = builder.build()
    assert grid.location_of(0, 0).describe("en") == "t.html, block 4, row 1, column 1"


def test_long_runs_without_blanks_are_read_in_bounded_time() -> None:
    # A 30,000-digit run once took seconds in one regular expression; 4 MB of continued
    # cells was quadratic. Generous bounds: they catch a return to quadratic time, not speed.
    import time

    from budgetperf.audit import audit_text

    started = time.process_time()
    audit_text("1" * 30_000 + "情况。指标分值10分，自评得分9分")
    audit_text("\t项目\n" + "续行内容\n" * 400_000)
    assert time.process_time() - started < 20


def test_docx_with_an_encrypted_member_is_a_parse_error() -> None:
    data = bytearray(_docx_bytes("<w:p><w:r><w:t>预算</w:t></w:r></w:p>"))
    # Set the "encrypted" flag in the local header and the central directory entry.
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    with pytest.raises(ParseError, match="加密"):
        read_docx(bytes(data))


def test_old_office_files_are_named_not_called_binary() -> None:
    with pytest.raises(ParseError, match="旧版 Office"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
