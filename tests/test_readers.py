"""XLSX and PDF readers, the XLSX writer, and one table read alike from every format."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import sys
import time
import zipfile
import zlib
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.cli import main
from budgetperf.errors import BudgetPerfError, ParseError, SchemaError
from budgetperf.grid import Grid
from budgetperf.io import load
from budgetperf.model.evaluation import Batch, ProjectEvaluation
from budgetperf.readers import Limits, read_bytes, read_docx, read_file, read_html
from tests.grid_writers import (
    PARAGRAPHS,
    Spec,
    expected,
    long_indicators,
    seed_paragraphs,
    self_evaluation,
    to_docx,
    to_html,
    to_xlsx,
)
from tests.strategies import rich_project_evaluations

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
FORMATS = ("html", "docx", "xlsx", "xls", "pdf")
NEEDS = {"xlsx": "openpyxl", "xls": "xlrd", "pdf": "pdfplumber"}


def _grids(blocks: Sequence[object]) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


# -- one table, four formats ---------------------------------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
def test_the_self_evaluation_reads_to_the_same_grid_in_every_format(kind: str) -> None:
    if kind in NEEDS:
        pytest.importorskip(NEEDS[kind])
    blocks = read_file(FIXTURES / f"self_evaluation.{kind}")
    grids = _grids(blocks)
    assert len(grids) == 1  # the PDF's two pages are one table again
    grid = grids[0]
    assert grid.same_table(expected(self_evaluation()))
    # Real numbers and merges, not only equality between readers.
    assert grid.rows[3][:4] == ("项目资金（万元）", "年度资金总额", "120.00", "118.50")
    assert grid.rows[3][7] == "95.50％"
    assert grid.cell(5, 0) is not None and grid.cell(5, 0).origin == (2, 0)  # type: ignore[union-attr]
    assert grid.rows[9][4:6] == ("年度指标值", "实际完成值")
    assert grid.rows[8][4] == grid.rows[8][5] == "指标值"  # the two-row header's merged cell
    assert grid.rows[14][1:5] == ("产出指标", "成本指标", "人均培训成本", "≤300元")
    assert grid.cell(14, 1).origin == (10, 1)  # type: ignore[union-attr]  # 产出指标 ×5
    assert grid.rows[-1] == ("合计",) * 6 + ("100", "97.05", "自评等次：优")
    assert grid.height == 19 and grid.width == 9
    paragraphs = [b.text for b in blocks if not isinstance(b, Grid)]
    assert paragraphs == ([] if kind in ("xlsx", "xls") else list(PARAGRAPHS))


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_merged_cell_cut_by_a_page_break_is_one_cell_again(kind: str) -> None:
    if kind in NEEDS:
        pytest.importorskip(NEEDS[kind])
    (grid,) = _grids(read_file(FIXTURES / f"long_indicators.{kind}"))
    assert grid.same_table(expected(long_indicators()))
    assert grid.height == 31  # the header printed again on page 2 is dropped
    assert grid.rows[30] == ("产出指标", "指标30", "≥30次")
    assert grid.cell(30, 0).origin == (1, 0)  # type: ignore[union-attr]


def test_pdf_paragraphs_read_as_printed_over_a_page_break() -> None:
    pytest.importorskip("pdfplumber")
    blocks = read_file(FIXTURES / "explanation.pdf")
    texts = [b.text for b in blocks]
    assert texts == seed_paragraphs() == [b.text for b in read_file(FIXTURES / "explanation.html")]
    assert texts[9].startswith("2023年度收、支总计均为874.05万元。")
    pages = [b.location.page for b in blocks]
    assert pages == [1] * 17 + [2] * 13
    # The paragraph the page break cuts (after 经营支) is one paragraph, on its first page.
    assert texts[16].startswith("2023年度本年支出合计874.05万元")
    assert "经营支出0万元，占0%；对附属单位补助支出0万元" in texts[16]


def test_the_audit_reads_the_same_statements_from_pdf_and_html() -> None:
    pytest.importorskip("pdfplumber")
    from budgetperf.audit import audit

    pdf, page = audit(FIXTURES / "explanation.pdf"), audit(FIXTURES / "explanation.html")
    found = [(f.code, f.expected, f.reported, f.source_text) for f in pdf.findings]
    assert found == [(f.code, f.expected, f.reported, f.source_text) for f in page.findings]
    assert ("statement.share", "53.66（53.656–53.658）", "53.65") in [f[:3] for f in found]
    assert [u.text for u in pdf.unparsed] == [u.text for u in page.unparsed]


def test_the_audit_finds_the_same_in_every_format() -> None:
    from budgetperf.audit import audit

    def findings(kind: str) -> list[tuple[str, str, str | None, str | None]]:
        if kind in NEEDS:
            pytest.importorskip(NEEDS[kind])
        result = audit(FIXTURES / f"self_evaluation.{kind}")
        (document,) = result.batch.documents
        assert isinstance(document, ProjectEvaluation) and document.name == "科普惠民工程"
        assert len(document.indicators) == 8
        return [(f.code, f.path, f.expected, f.reported) for f in result.findings]

    html = findings("html")
    assert ("total.rule", "$.documents[0].reported_total") in [(c, p) for c, p, _, _ in html]
    for kind in FORMATS[1:]:
        assert findings(kind) == html, kind


def test_an_old_workbook_shows_its_figures_as_excel_does() -> None:
    # Figures stored as numbers (doubles, as BIFF stores them) under the number formats
    # offices use: shown as printed, never as the double's digits.
    pytest.importorskip("xlrd")
    (grid,) = _grids(read_file(FIXTURES / "figures.xls"))
    assert grid.rows == (
        ("年初预算数", "120.00"),
        ("全年执行数", "118.50"),
        ("执行率", "98.75%"),
        ("资金总额（元）", "1,234,567.89"),
        ("分值", "10"),
        ("得分", "9.88"),
        ("填报日期", "2023-12-31"),
        ("已完成", "TRUE"),
    )
    assert grid.location.sheet == "数字"


def test_old_office_files_are_told_apart_by_their_streams() -> None:
    from budgetperf.readers import kind_of

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert kind_of((FIXTURES / "self_evaluation.xls").read_bytes()) == "xls"
    with pytest.raises(ParseError, match=r"\.doc.*另存为 \.docx"):
        read_bytes(ole + "WordDocument".encode("utf-16-le"), file="a.doc")
    with pytest.raises(ParseError, match="加密"):
        read_bytes(ole + "EncryptedPackage".encode("utf-16-le"), file="a.xlsx")


def test_an_old_workbook_needs_the_excel_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlrd", None)  # as if not installed: import fails
    with pytest.raises(ParseError, match=r"budgetperf\[excel\]"):
        read_file(FIXTURES / "self_evaluation.xls")


def test_pdf_blocks_know_their_pages() -> None:
    pytest.importorskip("pdfplumber")
    blocks = read_file(FIXTURES / "self_evaluation.pdf")
    assert [(b.kind, b.location.page, b.location.block) for b in blocks] == [
        ("paragraph", 1, 0),
        ("paragraph", 1, 1),
        ("table", 1, 2),
    ]
    assert "self_evaluation.pdf，第 1 页" in str(_grids(blocks)[0].location_of(0, 0))


def test_xlsx_blocks_know_their_sheet() -> None:
    pytest.importorskip("openpyxl")
    (grid,) = _grids(read_file(FIXTURES / "self_evaluation.xlsx"))
    assert grid.location.sheet == "自评表"
    assert str(grid.location_of(2, 7)).endswith("工作表 自评表，第 1 个块，第 3 行，第 8 列")


# -- random grids round trip ---------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from("科普指标值≥≤＝％（）：12345.0abcXYZ-—"), min_size=0, max_size=6
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[Spec]]:
    """Random rectangular tables with random non-overlapping merges."""
    height = draw(st.integers(1, 6))
    width = draw(st.integers(1, 6))
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    rows: list[list[Spec]] = [[] for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if (r, c) in owner:
                continue
            colspan = 1
            while c + colspan < width and (r, c + colspan) not in owner:
                colspan += 1
            colspan = draw(st.integers(1, colspan))
            rowspan = 1
            while r + rowspan < height and all(
                (r + rowspan, c + dc) not in owner for dc in range(colspan)
            ):
                rowspan += 1
            rowspan = draw(st.integers(1, rowspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    owner[(r + dr, c + dc)] = (r, c)
            rows[r].append(Spec(draw(_TEXT), rowspan=rowspan, colspan=colspan))
    return rows


@settings(max_examples=60)
@given(tables())
def test_random_grids_round_trip_through_xlsx(table: list[list[Spec]]) -> None:
    pytest.importorskip("openpyxl")
    blocks = read_bytes(to_xlsx(table))
    (grid,) = _grids(blocks)
    assert grid.same_table(expected(table)), (grid.canonical(), expected(table).canonical())


@settings(max_examples=60)
@given(tables(), st.booleans())
def test_random_grids_round_trip_through_html(table: list[list[Spec]], end_tags: bool) -> None:
    (grid,) = _grids(read_html(to_html(table, end_tags=end_tags).encode()))
    assert grid.same_table(expected(table))


@settings(max_examples=60)
@given(tables())
def test_random_grids_round_trip_through_docx(table: list[list[Spec]]) -> None:
    (grid,) = _grids(read_docx(to_docx(table)))
    assert grid.same_table(expected(table))


# -- XLSX: values as displayed -------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(
    sheet_data: str,
    *,
    formats: Sequence[str | int] = (),
    merges: Sequence[str] = (),
    strings: Sequence[str] = (),
    sheet_prolog: str = "",
    date1904: bool = False,
    padding: int = 0,
) -> bytes:
    """A workbook written by hand, so the stored ``<v>`` texts are exactly those given.

    Style ``s="n"`` (n ≥ 1) is the n-th of ``formats``: a code (custom ids from 164) or a
    built-in id.
    """
    numfmts = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode="{code}"/>'
        for i, code in enumerate(formats)
        if isinstance(code, str)
    )
    xfs = '<xf numFmtId="0"/>' + "".join(
        f'<xf numFmtId="{code if isinstance(code, int) else 164 + i}" applyNumberFormat="1"/>'
        for i, code in enumerate(formats)
    )
    styles = (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="{len(formats)}">{numfmts}</numFmts>'
        f'<cellXfs count="{len(formats) + 1}">{xfs}</cellXfs></styleSheet>'
    )
    merge_xml = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    sheet = (
        f'{sheet_prolog}<worksheet xmlns="{_MAIN}">{" " * padding}'
        f"<sheetData>{sheet_data}</sheetData>"
        + (f"<mergeCells>{merge_xml}</mergeCells>" if merges else "")
        + "</worksheet>"
    )
    shared = f'<sst xmlns="{_MAIN}">' + "".join(f"<si>{s}</si>" for s in strings) + "</sst>"
    workbook = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}">'
        + ('<workbookPr date1904="1"/>' if date1904 else "")
        + '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_R}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_R}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_R}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


DISPLAYED = [
    ("0.30000000000000004", "0.00", "0.30"),
    ("1234.5", "#,##0.00", "1,234.50"),
    ("0.9562", "0.00%", "95.62%"),
    ("0.955", "0%", "96%"),
    ("874.05", "General", "874.05"),
    ("0.1", "General", "0.1"),
    ("123456789012.5", "General", "123456789012.5"),  # as the formula bar shows it
    ("1.5e20", "General", "1.5E+20"),
    ("12", "0", "12"),
    ("2.675", "0.00", "2.68"),  # half up, on the stored decimal, never on a binary float
    ("1.0049999999999999", "0.00", "1.01"),  # Excel keeps 15 significant digits first
    ("1234567.891", "#,##0", "1,234,568"),
    ("-1234.5", "#,##0.00_);(#,##0.00)", "(1,234.50)"),
    ("1234.5", "#,##0.00_);(#,##0.00)", "1,234.50 "),  # _) pads as wide as ")"
    ("-0.001", "0.00", "-0.00"),
    ("160", '0.00"万元"', "160.00万元"),
    ("5", "[Red]0.0", "5.0"),
    ("3", "[$¥-804]#,##0.00", "¥3.00"),
    ("1", "0.##", "1."),
    ("45292", "yyyy-mm-dd", "2024-01-01"),
    ("45292", 'yyyy"年"m"月"d"日"', "2024-01-01"),
    ("45292.75", "yyyy-mm-dd hh:mm", "2024-01-01 18:00:00"),
    ("10", "@", "10"),
]


@pytest.mark.parametrize(("stored", "code", "shown"), DISPLAYED)
def test_stored_numbers_are_shown_with_their_format(stored: str, code: str, shown: str) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.readers.xlsx import format_number

    assert format_number(stored, code) == shown


def test_a_sheet_shows_what_excel_shows() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.30000000000000004</v></c>'
        '<c r="C1" s="2"><v>0.9562</v></c><c r="D1" s="3"><v>45292</v></c></row>'
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#DIV/0!</v></c>'
        '<c r="C2" s="1"><f>SUM(B1:B1)</f><v>0.30000000000000004</v></c>'
        '<c r="D2" t="inlineStr"><is><t>≥95％</t></is></c></row>'
        '<row r="3"><c r="A3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="B3" s="1"/>'
        '<c r="C3" t="s"><v>1</v></c><c r="D3"><f>A1+1</f></c></row>'
        '<row r="4"><c r="A4" t="d"><v>2024-01-01T00:00:00Z</v></c>'
        '<c r="B4" t="d"><v>2024-01-01T12:30:00</v></c></row>'
        '<row r="9"><c r="Z9" s="1"/></row>',
        formats=("0.00", "0.00%", "yyyy-mm-dd"),
        strings=("<t>项目名称</t>", "<r><t>执行</t></r><r><t>率_x000D_</t></r><rPh><t>x</t></rPh>"),
    )
    (grid,) = read_bytes(data, file="a.xlsx")
    assert grid.rows == (
        ("项目名称", "0.30", "95.62%", "2024-01-01"),
        ("TRUE", "#DIV/0!", "0.30", "≥95％"),
        ("xy", "", "执行率\r", "=A1+1"),  # a formula never calculated keeps its text
        ("2024-01-01", "2024-01-01 12:30:00", "", ""),
    )  # the styled empty cell at Z9 is not part of the grid


def test_built_in_formats_by_id() -> None:
    pytest.importorskip("openpyxl")
    cells = "".join(
        f'<c r="{column}1" s="{n}"><v>{value}</v></c>'
        for n, (column, value) in enumerate(
            zip("ABCDEFG", ("1234.5", "-1234.5", "0", "0.5", "45292", "45292", "12"), strict=True),
            start=1,
        )
    )
    data = raw_xlsx(f'<row r="1">{cells}</row>', formats=(43, 43, 43, 10, 14, 31, 4))
    assert read_bytes(data)[0].rows == (
        (" 1,234.50 ", " -1,234.50 ", " -   ", "50.00%", "2024-01-01", "2024-01-01", "12.00"),
    )  # 43 is zh-CN's 会计专用 without a symbol; 31 its yyyy"年"m"月"d"日"


def test_a_currency_format_of_the_locale_is_not_guessed() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx('<row r="2"><c r="B2" s="1"><v>5</v></c></row>', formats=(44,))
    with pytest.raises(ParseError) as info:
        read_bytes(data)
    assert info.value.field == "Sheet1!B2"


@pytest.mark.parametrize("stored", ["1e999999", "-1E+308", "NaN", "x"])
def test_a_stored_value_excel_cannot_hold_is_refused(stored: str) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.readers.xlsx import format_number

    with pytest.raises(ParseError) as info:
        format_number(stored, "#,##0.00")
    assert info.value.value == stored


def test_the_largest_numbers_are_shown_in_full() -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.readers.xlsx import format_number

    shown = format_number("1.5E+300", "#,##0")
    assert shown.startswith("1,500,000,") and len(shown.replace(",", "")) == 301
    assert format_number("1.5E+300", "General") == "1.5E+300"


def test_the_1904_date_system() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx(
        '<row r="1"><c r="A1" s="1"><v>0</v></c></row>', formats=("yyyy-mm-dd",), date1904=True
    )
    assert read_bytes(data)[0].rows == (("1904-01-01",),)


def test_a_format_not_shown_exactly_names_the_sheet_and_cell() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx('<row r="7"><c r="C7" s="1"><v>0.5</v></c></row>', formats=("# ?/?",))
    with pytest.raises(ParseError) as info:
        read_bytes(data, file="b.xlsx")
    assert info.value.field == "Sheet1!C7" and info.value.file == "b.xlsx"
    assert info.value.value == "# ?/?"
    assert "无法精确显示" in str(info.value) and "cannot be shown exactly" in str(info.value)


def test_merged_ranges_give_every_position_the_origin() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>产出指标</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>数量指标</t></is></c></row>'
        '<row r="2"><c r="B2" t="inlineStr"><is><t>质量指标</t></is></c></row>',
        merges=("A1:A3",),
    )
    (grid,) = read_bytes(data)
    assert grid.rows == (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", ""))
    assert [grid.cell(r, 0).origin for r in range(3)] == [(0, 0)] * 3  # type: ignore[union-attr]


def test_overlapping_merges_are_refused() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', merges=("A1:B2", "B2:C3")
    )
    with pytest.raises(ParseError, match="overlap"):
        read_bytes(data)


@settings(max_examples=200)
@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False),
    st.integers(0, 4),
)
def test_fixed_decimals_match_half_up_rounding(value: Decimal, places: int) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.readers.xlsx import format_number

    step = Decimal(1).scaleb(-places)
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    code = "0" + ("." + "0" * places if places else "")
    assert format_number(str(value), code) == str(rounded)
    assert format_number(str(value), "#,##" + code) == format(rounded, ",f")
    percent = (value * 100).quantize(step, rounding=ROUND_HALF_UP)
    assert format_number(str(value), code + "%") == f"{percent}%"


_CODES = st.sampled_from(
    [
        "General",
        "0",
        "0.00",
        "#,##0.00",
        "0.00%",
        "0%",
        "@",
        "yyyy-mm-dd",
        "h:mm:ss",
        "0.0#",
        "#,##0.00_);[Red](#,##0.00)",
        '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
        "0.00E+00",
    ]
)


@settings(max_examples=300)
@given(st.decimals(allow_nan=False, allow_infinity=False), _CODES)
def test_any_stored_number_is_shown_or_refused(value: Decimal, code: str) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.readers.xlsx import format_number

    try:
        shown = format_number(str(value), code)
    except ParseError as exc:
        assert exc.value in (str(value), code)
    else:
        assert shown.strip()


# -- the XLSX form: convert --to xlsx and back ---------------------------------------------


def _project_documents() -> list[tuple[str, int]]:
    from budgetperf.io.csv import rows

    out = []
    for name in examples.names():
        for index, document in enumerate(examples.load(name).documents):
            if isinstance(document, ProjectEvaluation):
                try:
                    rows(document)
                except SchemaError:
                    continue
                out.append((name, index))
    return out


@pytest.mark.parametrize(("name", "index"), _project_documents())
def test_convert_to_xlsx_and_back_gives_the_same_document(
    name: str, index: int, tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.json import dumps

    document = examples.load(name).documents[index]
    source = tmp_path / "in.json"
    source.write_text(dumps(document), encoding="utf-8")
    assert main(["convert", str(source), "--to", "xlsx", "-o", str(tmp_path / "out.xlsx")]) == 0
    out = tmp_path / "out.json"
    assert main(["convert", str(tmp_path / "out.xlsx"), "--to", "json", "-o", str(out)]) == 0
    assert load(out) == document
    assert main(["score", str(tmp_path / "out.xlsx")]) == 0
    assert main(["check", str(tmp_path / "out.xlsx")]) in (0, 1)  # findings, not unusable


@settings(max_examples=40)
@given(rich_project_evaluations())
def test_random_self_evaluations_round_trip_through_xlsx(document: ProjectEvaluation) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.xlsx import dumps, loads

    assert loads(dumps(document)) == document


def test_the_xlsx_form_merges_levels_and_keeps_numbers_numeric() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from budgetperf.io.xlsx import dumps

    document = examples.load("liangshan-2023").documents[11]
    sheet = openpyxl.load_workbook(io.BytesIO(dumps(document))).active
    assert sheet.title == "自评表"
    merged = {str(m) for m in sheet.merged_cells.ranges}
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "一级指标")
    assert f"A{header + 1}:A{header + 3}" in merged  # 产出指标 over its three indicators
    assert "B1:J1" in merged  # 项目名称's value across the form
    total = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "总额")
    assert sheet.cell(total, 2).value == 160 and sheet.cell(total, 2).number_format == "0.00"
    assert sheet.cell(total, 5).number_format == "0.00%"


def test_a_batch_is_one_sheet_per_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.json import dumps
    from budgetperf.io.xlsx import dumps as xlsx_dumps
    from budgetperf.io.xlsx import left_out, loads

    batch = examples.load("liangshan-2023")
    # The form writer: one 自评表 sheet per project; the others are named, not dropped.
    projects = tuple(d for d in batch.documents if isinstance(d, ProjectEvaluation))
    back = loads(xlsx_dumps(batch))
    assert isinstance(back, Batch) and back.documents == projects
    assert [type(d).__name__ for d in left_out(batch)] == ["FinalAccounts", "DepartmentEvaluation"]
    # convert --to xlsx of a batch writes its related tables: every document, read back.
    source = tmp_path / "batch.json"
    source.write_text(dumps(batch), encoding="utf-8")
    assert main(["convert", str(source), "--to", "xlsx", "-o", str(tmp_path / "b.xlsx")]) == 0
    assert capsys.readouterr().err == ""
    assert load_xlsx(tmp_path / "b.xlsx") == batch


def load_xlsx(path: Path) -> object:
    from budgetperf.io.xlsx import loads

    return loads(path.read_bytes(), file=str(path))


def test_text_that_looks_like_a_formula_or_number_stays_text() -> None:
    pytest.importorskip("openpyxl")
    import attrs

    from budgetperf.io.xlsx import dumps, loads

    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    odd = attrs.evolve(document, conclusion="=SUM(A1:A9)", problems="0012", measures="1E+3")
    assert loads(dumps(odd)) == odd


def test_control_characters_are_refused_not_dropped() -> None:
    pytest.importorskip("openpyxl")
    import attrs

    from budgetperf.io.xlsx import dumps

    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    with pytest.raises(SchemaError) as info:
        dumps(attrs.evolve(document, conclusion="a\x01b"))
    assert info.value.value == "a\x01b" and info.value.field is not None


def test_a_form_the_layout_cannot_hold_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.json import dumps

    source = tmp_path / "hechi.json"
    source.write_text(dumps(examples.load("hechi-2020")), encoding="utf-8")
    assert main(["convert", str(source), "--to", "xlsx", "-o", str(tmp_path / "h.xlsx")]) == 2
    assert not (tmp_path / "h.xlsx").exists()


# -- without the extras ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("openpyxl", "excel", lambda: read_bytes((FIXTURES / "self_evaluation.xlsx").read_bytes())),
        ("pdfplumber", "pdf", lambda: read_bytes((FIXTURES / "self_evaluation.pdf").read_bytes())),
        ("openpyxl", "excel", lambda: _xlsx_dumps(examples.load("ziyang-2022"))),
    ],
)
def test_without_the_extra_the_error_names_it(
    module: str, extra: str, call: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    with pytest.raises(ParseError) as info:
        call()
    assert f"pip install 'budgetperf[{extra}]'" in str(info.value)


def _xlsx_dumps(document: object) -> bytes:
    from budgetperf.io.xlsx import dumps

    return dumps(document)  # type: ignore[arg-type]


# -- hostile input ---------------------------------------------------------------------------


def _pdf(objects: Sequence[bytes], *, trailer: bytes = b"") -> bytes:
    """A PDF of the given objects (1-based, object 1 the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 9)
    return (
        b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra)
        + packed
        + b"\nendstream"
    )


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _page_pdf(content: bytes, xobjects: Sequence[bytes] = ()) -> bytes:
    names = b"".join(b"/X%d %d 0 R " % (i, 5 + i) for i in range(len(xobjects)))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << %s >> >> >>"
            % (5 + len(xobjects), names),
            _stream(content),
            *xobjects,
            _FONT,
        ]
    )


def _text_bomb() -> bytes:
    # A million text objects of three characters each at a tenth of a point: 3·10⁶
    # characters, some 30 MB of content stream, packed into tens of kilobytes.
    return _page_pdf(b"BT /F1 0.1 Tf 10 10 Td (abc) Tj ET\n" * 1_000_000)


def _form_bomb() -> bytes:
    # Forms drawing the next form ten times, seven deep: 3·10⁷ characters from a few lines.
    forms = []
    for level in range(7):
        body = b"/X%d Do " % (level + 1) * 10 if level < 6 else b"BT /F1 1 Tf (abc) Tj ET"
        forms.append(
            _stream(
                body,
                b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 12 0 R >> /XObject << /X%d %d 0 R >> >>"
                % (level + 1, 6 + level),
            )
        )
    return _page_pdf(b"/X0 Do", forms)


def _flate_bomb() -> bytes:
    # A content stream inflating to 250 MB of blanks, packed in chunks to stay small here too.
    packer = zlib.compressobj(9)
    chunk = b" " * 1_000_000
    packed = b"".join(packer.compress(chunk) for _ in range(250)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream + b"\nendstream",
        ]
    )


def _zip_bomb_xlsx() -> bytes:
    # A sheet of 50 MB of blanks: it packs a thousandfold.
    return raw_xlsx('<row r="1"><c r="A1"><v>1</v></c></row>', padding=50_000_000)


def _dtd_xlsx() -> bytes:
    return raw_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row>',
        sheet_prolog='<?xml version="1.0"?><!DOCTYPE w [<!ENTITY lol "lollollol">]>',
    )


def _encrypted_pdf() -> bytes:
    # The standard security handler with a user password the empty one does not open.
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>"
            % (b"11" * 32, b"22" * 32),
        ],
        trailer=b"/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
    )


_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = bytes.fromhex("0123456789abcdef0123456789abcdef")


def _rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def _owner_password_pdf() -> bytes:
    """Encrypted with an owner password only (copying and printing restricted), as many
    government PDFs are: the standard security handler, revision 2, empty user password."""
    owner = hashlib.md5((b"owner" + _PASSWORD_PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner, _PASSWORD_PAD)
    key = hashlib.md5(_PASSWORD_PAD + o_entry + struct.pack("<i", -4) + _ID).digest()[:5]
    u_entry = _rc4(key, _PASSWORD_PAD)
    object_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10]
    content = _rc4(object_key, zlib.compress(b"BT /F1 12 Tf 72 720 Td (2023 874.05) Tj ET"))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + b"\nendstream",
            _FONT,
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <%s> /U <%s> >>"
            % (o_entry.hex().encode(), u_entry.hex().encode()),
        ],
        trailer=b"/Encrypt 6 0 R /ID [<%s> <%s>]" % (_ID.hex().encode(), _ID.hex().encode()),
    )


def test_a_pdf_restricted_by_an_owner_password_is_read() -> None:
    pytest.importorskip("pdfplumber")
    (paragraph,) = read_bytes(_owner_password_pdf())
    assert paragraph.text == "2023 874.05"


def _damaged_pdf() -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _huge_sheet() -> bytes:
    return raw_xlsx('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>')


HOSTILE = {
    "zip-bomb.xlsx": (_zip_bomb_xlsx, "openpyxl", "压缩炸弹"),
    "dtd.xlsx": (_dtd_xlsx, "openpyxl", "DTD"),
    "huge-sheet.xlsx": (_huge_sheet, "openpyxl", "单元格过多"),
    "encrypted.pdf": (_encrypted_pdf, "pdfplumber", "加密"),
    "damaged.pdf": (_damaged_pdf, "pdfplumber", "损坏"),
    "text-bomb.pdf": (_text_bomb, "pdfplumber", "文字对象过多"),
    "form-bomb.pdf": (_form_bomb, "pdfplumber", "文字对象过多"),
    "flate-bomb.pdf": (_flate_bomb, "pdfplumber", "压缩炸弹"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_quickly(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, module, reason = HOSTILE[name]
    pytest.importorskip(module)
    data = make()
    assert len(data) < 1_000_000  # small on disk
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    with pytest.raises(ParseError) as info:
        read_file(path)
    assert reason in str(info.value)
    assert main(["audit", str(path)]) == 2
    assert reason in capsys.readouterr().err
    assert time.monotonic() - started < 20  # generous: refused, not processed


@settings(max_examples=60)
@given(st.sampled_from(["xlsx", "xls", "pdf"]), st.integers(0, 2**32))
def test_corrupted_files_raise_only_budgetperf_errors(kind: str, seed: int) -> None:
    pytest.importorskip(NEEDS[kind])
    rng = random.Random(seed)
    data = bytearray((FIXTURES / f"self_evaluation.{kind}").read_bytes())
    how = rng.randrange(3)
    if how == 0:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif how == 1:
        del data[rng.randrange(len(data)) :]
    else:
        start = rng.randrange(len(data))
        del data[start : start + rng.randint(1, 500)]
    try:
        read_bytes(bytes(data))
    except BudgetPerfError as exc:
        assert exc.zh and exc.en  # a message in both languages, never a traceback


def test_a_scan_without_text_needs_ocr() -> None:
    pytest.importorskip("pdfplumber")
    scan = _page_pdf(b"0 0 1 rg 10 10 500 800 re f")  # a page of paint, no text
    with pytest.raises(ParseError) as info:
        read_bytes(scan, file="scan.pdf")
    assert "OCR" in str(info.value) and "扫描件" in str(info.value)


def test_pdf_limits_are_checked() -> None:
    pytest.importorskip("pdfplumber")
    data = (FIXTURES / "self_evaluation.pdf").read_bytes()
    with pytest.raises(ParseError, match="页数过多"):
        read_bytes(data, limits=Limits(max_pages=1))
    with pytest.raises(ParseError, match="单元格过多"):
        read_bytes(data, limits=Limits(max_cells=50))
    with pytest.raises(ParseError, match="文字对象过多"):
        read_bytes(data, limits=Limits(max_objects=100))


def test_xlsx_cell_limit_counts_merged_areas() -> None:
    pytest.importorskip("openpyxl")
    data = raw_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', merges=("A1:J10",)
    )
    assert _grids(read_bytes(data))[0].height == 10
    with pytest.raises(ParseError, match="单元格过多"):
        read_bytes(data, limits=Limits(max_cells=99))
