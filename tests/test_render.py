"""Presentation: localized formatting, sentences, tables (golden files), SVG, HTML, screenshots."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Sequence
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import check, examples, score
from budgetperf.audit import AuditResult
from budgetperf.cli import main
from budgetperf.errors import BudgetPerfError
from budgetperf.io.json import parse_json
from budgetperf.model import (
    Batch,
    DepartmentEvaluation,
    Dimension,
    Document,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.money import Amount
from budgetperf.render.format import (
    format_amount,
    format_number,
    format_percent,
    format_signed_percent,
)
from budgetperf.render.sentences import change_sentence, final_accounts_sentences, share_clause
from budgetperf.render.svg import (
    NARROW_EM,
    SvgChart,
    bar_chart,
    final_accounts_charts,
    score_chart,
    stack,
    text_width,
    vega_lite,
    vega_lite_json,
)
from budgetperf.render.tables import document_html, document_markdown, findings_markdown
from budgetperf.scoring.score import LineStatus
from tests.strategies import department_evaluations

GOLDEN = Path(__file__).parent / "golden" / "render"
LIANGSHAN = examples.load("liangshan-2023")
(ACCOUNTS,) = LIANGSHAN.of_type(FinalAccounts)
TABLE_10 = LIANGSHAN.of_type(ProjectEvaluation)[9]
(DEPARTMENT,) = LIANGSHAN.of_type(DepartmentEvaluation)


def wan(text: str) -> Amount:
    return Amount.parse(text, unit="万元")


# -- formatting ------------------------------------------------------------------------------


def test_formatting_rounds_half_up_before_babel() -> None:
    # babel alone would print "2" (half-even); budgetperf rounds 四舍五入 first.
    assert format_number(Decimal("2.5"), locale="zh_CN", places=0) == "3"
    assert format_number(Decimal("0.125"), locale="en_US", places=2) == "0.13"
    assert format_percent(Decimal("86.615"), locale="zh_CN") == "86.62%"


def test_locale_is_a_parameter() -> None:
    amount = Amount.parse("8740500元")
    assert format_amount(amount, locale="zh_CN") == "8740500.00元"
    assert format_amount(amount, locale="en_US") == "8,740,500.00 yuan"
    assert format_amount(wan("874.05"), locale="en_US") == "874.05 (10k yuan)"
    assert format_signed_percent(Decimal("-0.3898"), locale="zh_CN") == "−0.39%"
    assert format_signed_percent(Decimal("3.73"), locale="en_US") == "+3.73%"


# -- sentences -------------------------------------------------------------------------------


def test_report_sentences_reproduced_or_corrected() -> None:
    sentences = final_accounts_sentences(ACCOUNTS)
    text = "\n".join(sentences)
    # Correct in the report, reproduced word for word:
    for printed in [
        "2023年度收、支总计均为874.05万元。",
        "项目支出405.06万元，占46.34%",
        "科学技术支出701.17万元，占80.22%",
        "社会保障和就业支出125.26万元，占14.33%",
        "卫生健康支出21.88万元，占2.5%",
        "2023年度“三公”经费财政拨款支出决算为7.6万元",
        "人员经费417.82万元，公用经费51.17万元",
    ]:
        assert printed in text, printed
    # Wrong in the report, corrected:
    assert "与2022年度相比，收、支总计各减少3.42万元，下降0.39%。" in text  # printed 下降4%
    assert "基本支出468.99万元，占53.66%" in text  # printed 53.65%
    assert "较上年度减少49.19万元，下降86.62%" in text  # printed 647.24%
    assert "比2022年度增加1.84万元，增长3.73%" in text  # printed 37.3%


def test_generated_sentences_pass_the_checks() -> None:
    # Consistent by construction: a sentence's percentage is computed from its own amounts.
    assert (
        share_clause("基本支出", wan("468.99"), wan("874.05"), locale="zh_CN")
        == "基本支出468.99万元，占53.66%"
    )
    assert change_sentence("X", wan("0"), wan("5"), previous_year=2022, locale="zh_CN") == (
        "与2022年度相比，X增加5万元，增长—。"
    )
    assert final_accounts_sentences(ACCOUNTS, locale="en_US")[0].startswith(
        "In 2023, total income and total expenditure were both 874.05 (10k yuan). Compared with 2022,"
    )


# -- tables: golden files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("table-10.md", lambda: document_markdown(TABLE_10)),
        ("table-10.html", lambda: document_html(TABLE_10)),
        ("liangshan-2023-final-accounts.md", lambda: document_markdown(ACCOUNTS)),
        ("liangshan-2023-final-accounts.html", lambda: document_html(ACCOUNTS)),
        (
            "liangshan-2023-final-accounts.en.md",
            lambda: document_markdown(ACCOUNTS, locale="en_US"),
        ),
    ],
)
def test_golden(name: str, render: object) -> None:
    text = render()  # type: ignore[operator]
    assert text == (GOLDEN / name).read_text(encoding="utf-8")


def test_table_shows_rule_and_reported_scores() -> None:
    md = document_markdown(TABLE_10)
    assert (
        "| 满意度指标 | 服务对象满意度指标 | 相关部门、群众满意度能够达到95%左右。 | ≥ | 95 | % | 90 | 10 | 9.47 | 9 |"
        in md
    )
    assert "| 合计 |" in md and "| 100 | 99.47 | 98 |" in md


def test_findings_table() -> None:
    md = findings_markdown(check(ACCOUNTS))
    assert "statement.change_percent" in md and "647.24" in md


# -- HTML and SVG are well formed ------------------------------------------------------------


class _Balance(HTMLParser):
    VOID: ClassVar[set[str]] = {
        "meta",
        "br",
        "img",
        "hr",
        "input",
        "link",
        "rect",
        "line",
        "path",
        "circle",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()


@pytest.mark.parametrize("document", [TABLE_10, ACCOUNTS, LIANGSHAN.documents[1], LIANGSHAN])
def test_html_is_well_formed_and_escaped(document: object) -> None:
    page = document_html(document)  # type: ignore[arg-type]
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert "<script" not in page
    ET.fromstring(page.split("\n", 1)[1])  # the page is also well-formed XML after the doctype


def test_html_escapes_text() -> None:
    import attrs

    hostile = attrs.evolve(TABLE_10, name="<script>alert(1)</script>")
    page = document_html(hostile)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_svg_charts_parse_and_have_titles() -> None:
    charts = [*final_accounts_charts(ACCOUNTS), score_chart(score(TABLE_10))]
    assert len(charts) == 6
    for chart in charts:
        root = ET.fromstring(chart.svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
        assert "WenQuanYi Micro Hei" in chart.svg
        assert chart._repr_svg_() == chart.svg
    assert "“三公”经费财政拨款支出结构" in charts[4].svg


def test_jupyter_hooks() -> None:
    assert '<table id="d0-indicators"' in TABLE_10._repr_html_()
    assert '<td class="bp-rule bp-num"' in score(TABLE_10)._repr_html_()
    assert check(ACCOUNTS)[0].code in check(ACCOUNTS)[0]._repr_html_()
    # A batch's display lists its documents (bounded), aligned by itself; a rendered page
    # gives every document its own ids.
    page = LIANGSHAN._repr_html_()
    assert page.count('<tr class="bp-row">') == len(LIANGSHAN.documents) == 23
    assert 'class="bp-index bp-num" style="text-align:right' in page
    rendered = document_html(LIANGSHAN)
    assert rendered.count('<section id="d') == 23 and '<section id="d22"' in rendered
    findings = check(ACCOUNTS)
    assert "statement.change_percent" in findings._repr_html_()
    assert all(f.severity.value == "error" for f in findings.errors)


def test_render_command(tmp_path: Path) -> None:
    for fmt in ("md", "html", "svg", "vega-lite"):
        out = tmp_path / f"r.{fmt}"
        assert main(["render", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    ET.parse(tmp_path / "r.svg")
    spec = parse_json((tmp_path / "r.vega-lite").read_text(encoding="utf-8"))
    assert len(spec["vconcat"]) == len(final_accounts_charts(ACCOUNTS)) + 22  # 22 sheets
    out = tmp_path / "f.html"
    assert main(["render", "--format", "html", "--with-findings", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('class="bp-finding ') == len(check(LIANGSHAN))
    out = tmp_path / "f.md"
    assert main(["render", "--format", "md", "--with-findings", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("\n| error |") == len(check(LIANGSHAN).errors)


# -- screenshots with headless Chromium ------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered RGB(A) rows of a PNG (8-bit, colour types 2 and 6)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height, channels = 0, 3
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if method == 1:
                line[i] = (line[i] + a) & 0xFF
            elif method == 2:
                line[i] = (line[i] + b) & 0xFF
            elif method == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif method == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def _screenshot(page: Path, out: Path, size: str = "800,600") -> bytes:
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={out.parent / 'profile'}",
            # Virtual time lets the page settle (fonts looked up, text shaped and painted)
            # before the capture: on a fresh machine the first frame can come before the text.
            "--virtual-time-budget=5000",
            f"--screenshot={out}",
            f"--window-size={size}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.read_bytes()


def _dark_fraction(png: bytes) -> float:  # float-ok: a pixel count ratio, not money
    width, height, rows = _png_pixels(png)
    channels = len(rows[0]) // width
    dark = sum(1 for row in rows for x in range(0, len(row), channels) if row[x] < 128)
    return dark / (width * height)


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian package chromium; .ci/run installs it)",
)
@pytest.mark.parametrize("what", ["report", "chart"])
def test_screenshot_is_not_blank(what: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    if what == "report":
        page.write_text(document_html(TABLE_10, charts=False), encoding="utf-8")
    else:
        page.write_text(
            f"<!DOCTYPE html><html><body>{final_accounts_charts(ACCOUNTS)[4].svg}</body></html>",
            encoding="utf-8",
        )
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    shot = _dark_fraction(_screenshot(page, tmp_path / "page.png"))
    empty = _dark_fraction(_screenshot(blank, tmp_path / "blank.png"))
    assert empty < 0.001
    assert shot > 0.005  # text and lines were drawn


# -- a rendered page reads back as the document -------------------------------------------------

# What a rendered page does not give back, and why (docs/render.md, "Round trip" says the same).
# Every other field of every document must come back exactly.
_NOT_READ_BACK: dict[type, dict[str, str]] = {
    ProjectEvaluation: {
        "summary": "the report's prose summary; no form prints it",
        "layout_reason": "written by the audit when it identifies the form; transcribed "
        "documents have none",
        "source": "where it was read: the page, not the published report",
    },
    DepartmentEvaluation: {
        "layout": "a dimension tree read from the report's prose has no form; the page prints "
        "it under the heading 部门整体支出绩效自评, so it is read back as national-department",
        "layout_reason": "written by the audit when it identifies the form",
        "source": "where it was read",
    },
}
# A dimension's maximum is printed in its 分值 cell whether it was printed or inferred (凉山's
# last two dimensions): the flag cannot be printed, so it does not come back.
_DIMENSION_NOT_READ_BACK = {"weight_inferred": "a printed 分值 cannot say it was inferred"}
# Final accounts are read back from the page's narrative (generated from the figures, so
# consistent by construction) — the audit reads final accounts from sentences, not from
# tables. These figures come back; the others do not (see docs/render.md).
_ACCOUNTS_READ_BACK = (
    "year",
    "unit",
    "income",
    "income_total",
    "expenditure_total",
    "grand_total",
    "general_budget_expenditure",
    "basic",
    "project",
    "operating_expenses",
)


def _blank(document: Document, fields: dict[str, str]) -> Document:
    """``document`` with ``fields`` at their defaults (and the dimension flags cleared)."""
    import attrs

    defaults = {f.name: f.default for f in attrs.fields(type(document)) if f.name in fields}
    out = attrs.evolve(document, **defaults)

    def clear(node: Dimension) -> Dimension:
        return attrs.evolve(
            node, weight_inferred=False, children=tuple(clear(c) for c in node.children)
        )

    if isinstance(out, DepartmentEvaluation):
        out = attrs.evolve(out, dimensions=tuple(clear(d) for d in out.dimensions))
    if isinstance(out, ProjectEvaluation):
        # HTML shows a run of blanks inside a text as one, and so the reader reads it (凉山's
        # "培养和  科学素质": two blanks as published); a line break is printed as <br/> and
        # comes back.
        def one(text: str) -> str:
            return re.sub(" {2,}", " ", text)

        out = attrs.evolve(
            out,
            goals=one(out.goals),
            goals_completion=one(out.goals_completion),
            conclusion=one(out.conclusion),
            problems=one(out.problems),
            measures=one(out.measures),
        )
    return out


def _audit_page(batch: Batch, *, with_findings: bool = False) -> AuditResult:
    from budgetperf.audit import audit_blocks
    from budgetperf.readers import read_html

    page = document_html(batch, with_findings=with_findings)
    return audit_blocks(read_html(page.encode()), file=f"{batch.name}.html")


def _read_back(batch: Batch) -> Batch:
    return _audit_page(batch).batch


def _by_kind(documents: Sequence[Document]) -> dict[type, list[Document]]:
    # The audit lists final accounts first, then department evaluations, then projects; the
    # documents of each kind come back in their order.
    return {
        kind: [d for d in documents if type(d) is kind]
        for kind in (FinalAccounts, DepartmentEvaluation, ProjectEvaluation)
    }


def _paths(document: object) -> list[tuple[str, str, str]]:
    assert isinstance(document, (ProjectEvaluation, DepartmentEvaluation, FinalAccounts))
    return sorted((f.code, f.path, f.severity.value) for f in check(document))


@pytest.mark.parametrize("with_findings", [False, True])
@pytest.mark.parametrize("name", examples.names())
def test_rendered_html_audits_back_to_the_same_documents_and_findings(
    name: str, with_findings: bool
) -> None:
    # The page prints each form as its layout prints it (head label | value rows, budget
    # block, indicators in the document's own columns, 得分 beside the rule score; a
    # department's dimension tree as a 一级/二级/三级 scoring table; the older form's funds by
    # government level and spending by economic class), so the audit reads it by the path of
    # a published table. Classes, ids, the table of contents and the findings beside the rows
    # add no table text: the findings are read as paragraphs, never as cells.
    batch = examples.load(name)
    result = _audit_page(batch, with_findings=with_findings)
    want, got = _by_kind(batch.documents), _by_kind(result.batch.documents)
    assert {k: len(v) for k, v in got.items()} == {k: len(v) for k, v in want.items()}
    for kind in (ProjectEvaluation, DepartmentEvaluation):
        fields = _NOT_READ_BACK[kind]
        for original, back in zip(want[kind], got[kind], strict=True):
            assert _blank(back, fields) == _blank(original, fields)
            # The same findings, at the same paths, of the same severity.
            assert _paths(back) == _paths(original)
    for original, back in zip(want[FinalAccounts], got[FinalAccounts], strict=True):
        assert isinstance(original, FinalAccounts) and isinstance(back, FinalAccounts)
        for field in _ACCOUNTS_READ_BACK:
            assert getattr(back, field) == getattr(original, field), field
        # The narrative names the department in its 机关运行经费 sentence only.
        if original.operating_expenses is not None:
            assert back.department == original.department
        # 三公经费 come back from the two sentences the narrative prints: the total, 出国 and
        # 接待, and 公务用车购置及运行维护费 as one figure. The page does not state 购置 and
        # 运行维护 apart, so they come back unknown (None), never as zeros the page never
        # printed (凉山 2023: 0 and 7.41 in the report, 7.41 together on the page).
        if original.three_public is not None:
            three, three_back = original.three_public, back.three_public
            assert three_back is not None
            assert (three_back.outbound, three_back.reception, three_back.reported_total) == (
                three.outbound,
                three.reception,
                three.reported_total,
            )
            assert three_back.reported_vehicle_total == three.vehicle_figure
            assert (three_back.vehicle_purchase, three_back.vehicle_operation) == (None, None)
            assert three_back.vehicle_total is None
            assert three_back.computed_total == three.computed_total
        # Functional classes (类) come back from the sentence that lists them; the 项 lines
        # are printed in a table, which the audit does not read for final accounts.
        assert back.functional_lines == tuple(
            line for line in original.functional_lines if len(line.functional_code) == 3
        )
        # The narrative is generated from the figures: it reproduces the report's correct
        # sentences and corrects the wrong ones, so the findings on the report's own sentences
        # (and on the 项 lines) do not come back, and none is added.
        assert _paths(back) == [
            f
            for f in _paths(original)
            if not f[1].startswith(("$.statements", "$.functional_lines"))
        ]
    if name in ("liangshan-2023", "shaoguan-2019"):
        (department,) = got[DepartmentEvaluation]
        assert isinstance(department, DepartmentEvaluation)
        assert department.layout == "national-department"
    # The findings beside the rows change nothing the audit finds.
    plain = _audit_page(batch)
    assert sorted((f.code, f.path) for f in result.findings) == sorted(
        (f.code, f.path) for f in plain.findings
    )


def test_a_department_tree_reads_back_level_by_level() -> None:
    # 一级 with 二级 children (and a 二级 named like its sibling): each row is a node under
    # the last one above it whose labels it repeats.
    import attrs

    first, second, third = DEPARTMENT.dimensions[:3]
    nested = attrs.evolve(
        DEPARTMENT,
        dimensions=(
            attrs.evolve(
                first,
                children=(
                    attrs.evolve(second, weight_inferred=False),
                    attrs.evolve(second, weight_inferred=False),
                ),
            ),
            third,
        ),
    )
    batch = Batch(name="tree", title="tree", documents=(nested,))
    (back,) = _read_back(batch).documents
    assert isinstance(back, DepartmentEvaluation)
    assert [
        (d.name, d.weight, d.reported_score, [c.name for c in d.children]) for d in back.dimensions
    ] == [
        ("部门预算总体绩效", Decimal(30), Decimal(27), ["部门预算项目绩效", "部门预算项目绩效"]),
        ("专项预算绩效", Decimal(30), Decimal(30), []),
    ]
    # 30 ≠ 20 + 20: the weight-sum error comes back at the same path.
    assert _paths(back) == _paths(nested)
    assert ("dimension.weight_sum", "$.dimensions[0].weight", "error") in _paths(back)


@given(department_evaluations().filter(lambda d: bool(d.dimensions)))
def test_any_department_tree_reads_back(department: DepartmentEvaluation) -> None:
    batch = Batch(name="tree", title="tree", documents=(department,))
    (back,) = _read_back(batch).documents
    assert isinstance(back, DepartmentEvaluation)
    fields = _NOT_READ_BACK[DepartmentEvaluation]
    assert _blank(back, fields) == _blank(department, fields)
    assert _paths(back) == _paths(department)


# -- HTML for report tools: classes, ids, alignment, findings beside their rows -----------------


class _Elements(HTMLParser):
    """Every start tag with its attributes and the text directly inside cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.cells: list[tuple[dict[str, str], dict[str, str], str]] = []  # (tr, td, text)
        self._tr: dict[str, str] = {}
        self._td: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "tr":
            self._tr = values
        elif tag in ("td", "th"):
            self._td, self._text = values, []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._td is not None:
            self.cells.append((self._tr, self._td, "".join(self._text)))
            self._td = None

    def handle_data(self, data: str) -> None:
        if self._td is not None:
            self._text.append(data)


def _elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("name", sorted(examples.names()))
def test_every_cell_and_row_is_classed_aligned_and_identified(name: str) -> None:
    page = document_html(examples.load(name), with_findings=True)
    parsed = _elements(page)
    ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids are unique on the page"
    assert all(attrs.get("href", "#")[1:] in ids for tag, attrs in parsed.tags if tag == "a")
    rows = [
        attrs for tag, attrs in parsed.tags if tag == "tr" and "bp-row" in attrs.get("class", "")
    ]
    assert rows and all(r["id"].startswith("d") and "-r" in r["id"] for r in rows)
    statuses = {r["data-status"] for r in rows if "data-status" in r}
    assert statuses <= {status.value for status in LineStatus}
    assert {"达标", "按判断计分"} <= statuses or name != "liangshan-2023"
    for _, td, text in parsed.cells:
        assert td["class"].startswith("bp-"), td
        align = (
            "right"
            if "bp-num" in td["class"] or td.get("style", "").startswith("text-align:right")
            else "left"
        )
        assert td["style"].startswith(f"text-align:{align}"), (td, text)


def test_alignment_survives_a_notebook_stylesheet() -> None:
    # Jupyter's stylesheet right-aligns every cell; inline alignment wins over any stylesheet.
    parsed = _elements(document_html(TABLE_10))
    by_column = {
        (td["class"].split()[0], td["style"].split(";")[0])
        for _, td, _ in parsed.cells
        if td["class"].split()[0] in ("bp-level3", "bp-how", "bp-rule", "bp-reported")
    }
    assert by_column == {
        ("bp-level3", "text-align:left"),
        ("bp-how", "text-align:left"),
        ("bp-rule", "text-align:right"),
        ("bp-reported", "text-align:right"),
    }
    assert 'style="table-layout:auto"' in document_html(TABLE_10)


def test_rule_and_reported_scores_are_printed_at_the_same_places() -> None:
    from budgetperf.render.tables import format_score

    assert format_score(Decimal("10.00"), places=2) == format_score(Decimal("10"), places=2) == "10"
    assert format_score(Decimal("9.475"), places=2) == "9.48"  # 四舍五入
    for document in LIANGSHAN.documents:
        if not isinstance(document, ProjectEvaluation):
            continue
        sheet = score(document)
        parsed = _elements(document_html(document))
        printed: dict[str | None, dict[str, str]] = {}
        for tr, td, text in parsed.cells:
            printed.setdefault(tr.get("data-path"), {})[td["class"].split()[0]] = text
        for line in sheet.lines:
            cells = printed[f"$.{line.path}" if line.path != "budget" else "$.budget.rows[0]"]
            if line.computed is not None and line.reported == line.computed:
                assert cells["bp-rule"] == cells["bp-reported"], (line.path, cells)
    # The notebook display of a sheet prints them alike too (it printed 10.00 beside 10).
    html = score(TABLE_10)._repr_html_()
    assert ">10.00<" not in html and '<td class="bp-rule bp-num"' in html


def test_status_level_and_reported_classes() -> None:
    page = document_html(TABLE_10)
    # 满意度: rule 9.47, reported 9 — missed, and the printed score differs from the rule's.
    (row,) = [
        attrs
        for tag, attrs in _elements(page).tags
        if tag == "tr" and attrs.get("data-path") == "$.indicators[5]"
    ]
    assert row["class"] == "bp-row bp-missed bp-differs" and row["data-status"] == "未达标"
    assert row["id"] == "d0-indicators-r5"
    assert '<td class="bp-level1 bp-text" style="text-align:left">满意度指标</td>' in page
    # A department's dimension tree: 一级 and 二级 rows by depth.
    import attrs

    department = DEPARTMENT
    first, second, *rest = department.dimensions
    nested = attrs.evolve(department, dimensions=(attrs.evolve(first, children=(second,)), *rest))
    rows = [
        a
        for t, a in _elements(document_html(nested)).tags
        if t == "tr" and a.get("data-path", "").startswith("$.dimensions")
    ]
    assert [(r["data-path"], r["class"]) for r in rows[:2]] == [
        ("$.dimensions[0]", "bp-row bp-depth-0 bp-level1 bp-sum bp-differs"),  # Σ of 二级
        ("$.dimensions[0].children[0]", "bp-row bp-depth-1 bp-level2 bp-judgement"),
    ]


def test_findings_are_linked_to_the_rows_they_concern() -> None:
    document = LIANGSHAN.documents[13]
    findings = check(document)
    page = document_html(document, with_findings=True)
    parsed = _elements(page)
    by_id = {attrs["id"]: attrs for _, attrs in parsed.tags if "id" in attrs}
    items = [
        attrs
        for tag, attrs in parsed.tags
        if tag == "li" and "bp-finding" in attrs.get("class", "")
    ]
    assert sorted(i["data-path"] for i in items) == sorted(f.path for f in findings)
    links = [a for t, a in parsed.tags if t == "a" and a.get("class") == "bp-row-link"]
    assert len(links) == len(findings)  # each of these findings concerns a row on the page
    for item, link in zip(items, links, strict=True):
        row = by_id[link["href"][1:]]
        assert item["data-path"].startswith(row["data-path"])
        assert item["id"] in row["data-findings"].split()
        assert "bp-has-findings" in row["class"]
    # 合计 carries both total findings; the worst sets the row's severity class.
    total = by_id["d0-indicators-r7"]
    assert "bp-error" in total["class"] and len(total["data-findings"].split()) == 2
    # Findings that concern no row (the statements of final accounts) are listed after them.
    accounts = document_html(ACCOUNTS, with_findings=True)
    assert accounts.count('class="bp-finding ') == len(check(ACCOUNTS))
    assert 'class="bp-findings bp-other-findings"' in accounts


def test_batch_has_a_table_of_contents() -> None:
    parsed = _elements(document_html(LIANGSHAN))
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert hrefs == [f"#d{i}" for i in range(len(LIANGSHAN.documents))]
    sections = [a["id"] for t, a in parsed.tags if t == "section"]
    assert sections == [h[1:] for h in hrefs]


def test_stylesheet_hook_comes_after_the_built_in_one() -> None:
    page = document_html(
        TABLE_10, stylesheets=["report.css"], css=".bp-missed { color: red } </style><script>"
    )
    assert page.index("<style>") < page.index('href="report.css"') < page.index("bp-user-css")
    # The added CSS cannot close its style element early.
    assert page.count("</style>") == 2 and "<\\/style><script>" in page


# -- charts ------------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _all_charts() -> list[SvgChart]:
    sheets = [score(d) for d in LIANGSHAN.documents if not isinstance(d, FinalAccounts)]
    return [
        *final_accounts_charts(ACCOUNTS),
        *final_accounts_charts(ACCOUNTS, locale="en_US"),
        *(score_chart(s) for s in sheets),
        *(score_chart(s, locale="en_US") for s in sheets[:3]),
    ]


def test_missing_values_are_dashes_not_zero_bars() -> None:
    chart = bar_chart("t", ["a", "b", "c"], [None, Decimal(0), Decimal(5)])
    root = ET.fromstring(chart.svg)
    bars = root.findall(f".//{SVG}rect[@class='bp-bar']")
    assert [b.find(f"{SVG}title").text for b in bars] == ["b: 0", "c: 5"]  # type: ignore[union-attr]
    assert [
        t.itertext().__next__() for t in root.iter(f"{SVG}text") if t.get("class") == "bp-missing"
    ]
    # A department's lines are left to judgement: no rule bar, a "—" each, the reported bars.
    sheet = score(DEPARTMENT)
    root = ET.fromstring(score_chart(sheet).svg)
    judged = [line for line in sheet.lines if line.status is LineStatus.JUDGEMENT]
    assert judged
    assert len(root.findall(f".//{SVG}text[@class='bp-missing']")) == len(judged)
    assert len(root.findall(f".//{SVG}rect[@class='bp-bar']")) == 2 * len(sheet.lines) - len(judged)
    notes = [t for t in root.iter(f"{SVG}text") if t.get("class") == "bp-note"]
    assert "无法按规则计算或按判断计分" in "".join(notes[0].itertext())


def test_bar_charts_have_ticks() -> None:
    root = ET.fromstring(final_accounts_charts(ACCOUNTS)[0].svg)
    (axis,) = root.findall(f".//{SVG}g[@class='bp-axis']")
    ticks = [Decimal(t.text or "") for t in axis.iter(f"{SVG}text")]
    assert ticks == [Decimal(n) for n in ("0", "200", "400", "600", "800", "1000")]  # 877.47


def _assert_text_within(chart: SvgChart) -> None:
    # By budgetperf's own measure (wide characters count double); Chromium checks the real
    # glyphs below.
    root = ET.fromstring(chart.svg)
    for text in root.iter(f"{SVG}text"):
        shown = "".join(t for t in [text.text or ""] + [c.tail or "" for c in text])
        size = Decimal(text.get("font-size") or "12")
        x, width = Decimal(text.get("x") or "0"), text_width(shown, size)
        anchor = text.get("text-anchor") or "start"
        start = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        if text.get("transform"):  # turned by 30°: cos 30° < 0.87 of the width to the left
            start = x - width * Decimal("0.87") - size / 2
            assert Decimal(text.get("y") or "0") + width / 2 + size <= chart.height
        assert start >= 0 and start + (width if not text.get("transform") else 0) <= chart.width, (
            shown,
            start,
        )
        if shown.endswith("…"):  # a cut label keeps its whole text as a tooltip
            assert text.find(f"{SVG}title") is not None


@pytest.mark.parametrize("chart", _all_charts(), ids=lambda c: c.title[:20])
def test_chart_text_stays_within_the_chart(chart: SvgChart) -> None:
    _assert_text_within(chart)


_LABELS = st.text(
    alphabet=st.sampled_from("科普经费满意度ＡＢabcWM 0123456789（）—-"), min_size=0, max_size=40
)
_VALUES = st.one_of(
    st.none(),
    st.decimals(min_value=-1000, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)


@given(st.lists(st.tuples(_LABELS, _VALUES, _VALUES), min_size=1, max_size=12), st.booleans())
def test_any_bar_chart_keeps_its_text_inside_and_draws_no_bar_for_a_gap(
    points: list[tuple[str, Decimal | None, Decimal | None]], paired: bool
) -> None:
    labels = [p[0] for p in points]
    first = [p[1] for p in points]
    second = [p[2] for p in points] if paired else None
    chart = bar_chart(
        "得分", labels, first, second=second, legend=("规则得分", "填报得分"), missing_note="说明"
    )
    _assert_text_within(chart)
    drawn = [v for v in [*first, *(second or [])] if v is not None]
    assert chart.svg.count('class="bp-bar"') == len(drawn)
    assert chart.svg.count('class="bp-missing"') == len(first) + len(second or []) - len(drawn)


def test_english_charts_say_nothing_in_chinese() -> None:
    for chart in [
        *final_accounts_charts(ACCOUNTS, locale="en_US"),
        score_chart(score(TABLE_10), locale="en_US"),
    ]:
        root = ET.fromstring(chart.svg)
        for text in root.iter(f"{SVG}text"):
            if text.get("class") in ("bp-legend", "bp-unit", "bp-note") or (
                text.get("class") == "bp-chart-title" and not chart.title.endswith(": scores")
            ):
                assert not CJK.search("".join(text.itertext())), "".join(text.itertext())
    notes = [
        "".join(t.itertext())
        for t in ET.fromstring(score_chart(score(TABLE_10), locale="en_US").svg).iter(f"{SVG}text")
        if t.get("class") == "bp-note"
    ]
    assert notes == [
        "— not drawn: not computable by the rule or left to judgement",
        "Grade: rule Excellent, reported —",
    ]


def test_text_width_counts_wide_characters_double() -> None:
    assert text_width("科普", 10) == Decimal(20)
    assert text_width("ab", 10) == 2 * NARROW_EM * 10
    assert text_width("ＡＢ", 10) == Decimal(20)  # fullwidth
    assert text_width("e\u0301", 10) == text_width("e", 10)  # a combining mark takes no room


@given(st.text(min_size=1, max_size=60), st.integers(min_value=20, max_value=400))
def test_a_fitted_label_fits(text: str, room: int) -> None:
    from budgetperf.render.svg import _fit, _wrap

    fitted = _fit(text, Decimal(room), 12)
    assert fitted == text or (fitted.endswith("…") and text.startswith(fitted[:-1]))
    assert text_width(fitted, 12) <= Decimal(room) or len(fitted) == 1
    lines = _wrap(text, Decimal(room), 12)
    assert all(text_width(line, 12) <= room or len(line) == 1 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost


def test_vega_lite_spec_carries_the_exact_figures_and_the_gaps() -> None:
    sheet = score(DEPARTMENT)
    spec = parse_json(vega_lite_json(score_chart(sheet)))
    values = spec["data"]["values"]
    rule = [v["value"] for v in values if v["series"] == "规则得分"]
    reported = [v["value"] for v in values if v["series"] == "填报得分"]
    assert reported == [line.reported for line in sheet.lines]
    assert rule == [None] * len(sheet.lines)  # judgement: no bar in Vega-Lite either
    accounts = parse_json(vega_lite_json(final_accounts_charts(ACCOUNTS)[0]))
    assert [v["value"] for v in accounts["data"]["values"]] == [
        Decimal("877.47"),
        Decimal("874.05"),
    ]
    assert accounts["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    with pytest.raises(BudgetPerfError):
        vega_lite(stack(final_accounts_charts(ACCOUNTS)))


def test_vega_lite_specs_validate_against_the_schema() -> None:
    altair = pytest.importorskip("altair", reason="the Vega-Lite schema ships with altair")
    import json

    import jsonschema

    found = sorted(
        (Path(altair.__file__).parent / "vegalite").glob("v*/schema/vega-lite-schema.json")
    )
    if not found:
        pytest.skip("this altair ships no Vega-Lite schema")
    schema_file = found[-1]  # the newest; budgetperf's v5 specifications are valid v6 ones
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    charts = [*final_accounts_charts(ACCOUNTS, locale="en_US"), score_chart(score(DEPARTMENT))]
    specs: list[SvgChart | list[SvgChart]] = [*charts, charts]  # each, and all as one vconcat
    for spec in specs:
        jsonschema.validate(json.loads(vega_lite_json(spec)), schema)


# -- charts in a real browser: no text crosses the SVG's bounds, no bar for a missing value ------

_MEASURE = """
<script>
const out = [];
document.querySelectorAll("body > svg").forEach((svg, i) => {
  const box = svg.getBoundingClientRect();
  svg.querySelectorAll("text").forEach((t) => {
    const r = t.getBoundingClientRect();
    if (r.width === 0) return;
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
        r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
      out.push(`${i} ${t.textContent}: ${r.left - box.left} ${box.right - r.right} `
               + `${r.top - box.top} ${box.bottom - r.bottom}`);
    }
  });
});
document.getElementById("out").textContent = JSON.stringify(out);
</script>
"""


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian package chromium; .ci/run installs it)",
)
def test_chart_text_stays_within_the_svg_in_chromium(tmp_path: Path) -> None:
    import json

    charts = _all_charts()
    page = tmp_path / "charts.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'/></head><body style='margin:0'>"
        + "".join(chart.svg for chart in charts)
        + "<pre id='out'>not measured</pre>"
        + _MEASURE
        + "</body></html>",
        encoding="utf-8",
    )
    assert CHROMIUM is not None
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        text=True,
    ).stdout
    measured = re.search(r"<pre id=\"out\">(.*?)</pre>", dom, re.S)
    assert measured is not None and measured.group(1) != "not measured", dom[-500:]
    crossing = json.loads(measured.group(1).replace("&amp;", "&").replace("&lt;", "<"))
    assert crossing == [], "\n".join(crossing)


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian package chromium; .ci/run installs it)",
)
def test_screenshot_draws_no_bar_for_a_missing_value(tmp_path: Path) -> None:
    from budgetperf.render.svg import PALETTE

    # A department's lines are left to judgement: reported bars only, a "—" for each rule score.
    chart = score_chart(score(DEPARTMENT))
    page = tmp_path / "chart.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'/></head>"
        f"<body style='margin:0'>{chart.svg}</body></html>",
        encoding="utf-8",
    )
    width, _, rows = _png_pixels(
        _screenshot(page, tmp_path / "chart.png", size=f"{chart.width},{chart.height}")
    )
    channels = len(rows[0]) // width

    def colour(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]

    def near(pixel: tuple[int, ...], target: tuple[int, int, int]) -> bool:
        return all(abs(a - b) <= 12 for a, b in zip(pixel, target, strict=False))

    def count(target: tuple[int, int, int], x0: int, x1: int, y0: int, y1: int) -> int:
        return sum(
            1
            for y in range(y0, y1)
            for x in range(x0, x1)
            if near(tuple(rows[y][x * channels : x * channels + 3]), target)
        )

    root = ET.fromstring(chart.svg)
    gaps = [t for t in root.iter(f"{SVG}text") if t.get("class") == "bp-missing"]
    assert len(gaps) == 5
    rule, reported = colour(PALETTE[0]), colour(PALETTE[1])
    assert count(reported, 0, chart.width, 54, 280) > 500  # the reported bars are drawn

    def grey(x0: int, x1: int, y0: int, y1: int) -> int:
        return sum(
            1
            for y in range(y0, y1)
            for x in range(x0, x1)
            if max(rows[y][x * channels : x * channels + 3]) < 200
            and max(rows[y][x * channels : x * channels + 3])
            - min(rows[y][x * channels : x * channels + 3])
            < 24
        )

    for gap in gaps:
        x, y = int(Decimal(gap.get("x") or "0")), int(Decimal(gap.get("y") or "0"))
        assert count(rule, x - 3, x + 3, 54, y - 12) == 0  # nothing above the "—"
        darkest = min(
            max(rows[v][u * channels : u * channels + 3])
            for v in range(y - 8, y + 2)
            for u in range(x - 6, x + 6)
        )
        assert grey(x - 6, x + 6, y - 8, y + 2) > 0, (x, y, darkest)  # and the "—" is drawn
    for bar in root.iter(f"{SVG}rect"):
        if bar.get("class") == "bp-bar":  # the detector sees a bar where there is one
            x, top = int(Decimal(bar.get("x") or "0")), int(Decimal(bar.get("y") or "0"))
            assert count(reported, x + 2, x + 6, top + 2, top + 6) == 16
    assert count(rule, 0, chart.width, 54, 280) == 0  # no rule bar anywhere on the plot


def test_the_older_form_reads_back_with_funds_from_every_level() -> None:
    # 河池's form with figures in every row, 其它 too: each level's planned and in-place funds
    # come back from the rows the form prints (其中：中央财政 | planned | 中央财政 | in place).
    import attrs

    (hechi,) = examples.load("hechi-2020").of_type(ProjectEvaluation)
    levels = tuple(
        attrs.evolve(level, planned=wan(f"{k + 1}.5"), in_place=wan(f"{k + 1}"))
        for k, level in enumerate(hechi.level_funding)
    )
    document = attrs.evolve(hechi, level_funding=levels)
    (back,) = _read_back(Batch(name="hechi", title="hechi", documents=(document,))).documents
    assert isinstance(back, ProjectEvaluation)
    assert [(f.level, f.label, f.planned, f.in_place) for f in back.level_funding] == [
        (f.level, f.label, f.planned, f.in_place) for f in levels
    ]
    assert back.layout == "guangxi-2020" and back.reported_total == Decimal(100)
    assert back.economic_lines == hechi.economic_lines


@pytest.mark.parametrize("name", ["liangshan-2023", "shaoguan-2019"])
def test_a_department_scoring_table_reads_back_as_one(name: str) -> None:
    # A department evaluation of the scoring form is titled 评分表 on the page, which tells it
    # from a 部门整体支出绩效自评表 printing the same 一级/二级/三级 | 分值 | 得分 header.
    import attrs

    batch = examples.load(name)
    documents = [
        attrs.evolve(d, layout="department-scoring") if isinstance(d, DepartmentEvaluation) else d
        for d in batch.documents
    ]
    scoring = attrs.evolve(batch, documents=tuple(documents))
    (back,) = _by_kind(_read_back(scoring).documents)[DepartmentEvaluation]
    (original,) = _by_kind(scoring.documents)[DepartmentEvaluation]
    assert isinstance(back, DepartmentEvaluation)
    assert back.layout == "department-scoring"
    assert "评分表" in back.layout_reason
    assert _paths(back) == _paths(original)
    fields = _NOT_READ_BACK[DepartmentEvaluation]
    assert _blank(back, fields) == _blank(original, fields)


def test_three_public_parts_not_stated_come_back_unknown_and_are_drawn_as_no_slice() -> None:
    # The page's narrative states 公务用车购置及运行维护费 as one figure (凉山 2023: 7.41万元),
    # never 购置 (0) and 运行维护 (7.41) apart: read back, the two are unknown, not 0.
    (back,) = _read_back(LIANGSHAN).of_type(FinalAccounts)
    three = back.three_public
    assert three is not None
    assert (three.outbound, three.reception, three.reported_total) == (
        wan("0"),
        wan("0.19"),
        wan("7.6"),
    )
    assert three.reported_vehicle_total == wan("7.41")
    assert (three.vehicle_purchase, three.vehicle_operation, three.vehicle_total) == (
        None,
        None,
        None,
    )
    assert three.vehicle_figure == wan("7.41")
    assert three.computed_total == wan("7.6")
    assert not [f for f in check(back) if f.code.startswith("three_public.")]
    # The narrative prints the combined figure it was read from, and the same shares.
    text = "\n".join(final_accounts_sentences(back))
    assert "公务用车购置及运行维护费支出决算7.41万元，占97.5%" in text
    # The chart lists each unknown part as "—" and draws a slice only for a known figure.
    pie = final_accounts_charts(back)[-1]
    assert "公务用车购置费 —" in pie.svg
    assert "公务用车运行维护费 —" in pie.svg
    assert pie.svg.count('class="bp-slice"') == 1  # 接待 0.19 alone is positive and known
    # The table prints an unknown part as "—".
    rows = re.findall(
        r'data-path="\$\.three_public\.(\w+)".*?>([^<>]+)</td></tr>', document_html(back)
    )
    assert rows == [
        ("outbound", "0万元"),
        ("vehicle_purchase", "—"),
        ("vehicle_operation", "—"),
        ("reception", "0.19万元"),
        ("reported_total", "7.6万元"),
    ]


def test_a_three_public_sentence_with_a_part_unknown_prints_a_dash() -> None:
    import attrs

    assert ACCOUNTS.three_public is not None
    no_outbound = attrs.evolve(
        ACCOUNTS,
        three_public=attrs.evolve(ACCOUNTS.three_public, outbound=None, reported_total=None),
    )
    text = "\n".join(final_accounts_sentences(no_outbound))
    assert "2023年度“三公”经费财政拨款支出决算为—。" in text  # no total: no change clause
    assert "因公出国（境）费支出决算—，占—；公务用车购置及运行维护费支出决算7.41万元，占—" in text


@pytest.mark.parametrize("name", ["liangshan-2023", "ziyang-2022"])
def test_level_points_in_columns_are_printed_and_audit_back(name: str) -> None:
    # A form printing its 一级/二级 points in columns of their own (海南's): the page prints
    # them so (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 …) and they read back into each row.
    base = next(
        d
        for d in examples.load(name).documents
        if isinstance(d, ProjectEvaluation) and d.indicators
    )
    rows = tuple(
        attrs.evolve(i, level1_weight=Decimal(50), level2_weight=Decimal(10 + k % 2))
        for k, i in enumerate(base.indicators)
    )
    document = attrs.evolve(base, indicators=rows)
    page = document_html(Batch(name="t", documents=(document,)))
    heads = re.findall(r"<th class=\"bp-[\w]+\"[^>]*>([^<]*)</th>", page)
    assert heads[heads.index("一级指标") : heads.index("三级指标")] == [
        "一级指标",
        "分值",
        "二级指标",
        "分值",
    ]
    (back,) = _read_back(Batch(name="t", documents=(document,))).documents
    fields = _NOT_READ_BACK[ProjectEvaluation]
    assert _blank(back, fields) == _blank(document, fields)


def test_a_self_evaluation_report_s_stated_score_is_titled_and_rendered_as_such() -> None:
    # s-091 (a 2017 部门整体支出绩效自评 on a forum, PDF line breaks): its prose states one score
    # and no figure of final accounts, so its document is no 部门决算.
    from budgetperf.audit import audit_text
    from budgetperf.model import FinalAccounts
    from budgetperf.render.tables import document_markdown

    corpus = Path(__file__).parent / "corpus" / "statements" / "s-091.txt"
    body = corpus.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (document,) = audit_text(body, file="s-091.txt").batch.documents
    assert isinstance(document, FinalAccounts) and document.states_scores_only()
    page = document_markdown(document)
    assert page.startswith("## 2017年度绩效自评（文字）") and "- 自评得分90分。" in page
    english = document_markdown(document, locale="en_US")
    assert english.startswith("## Self-evaluation (text) 2017") and "90 points" in english
    # Accounts with a figure are final accounts still (the bundled example's).
    accounts = examples.load("liangshan-2023").documents[0]
    assert isinstance(accounts, FinalAccounts) and not accounts.states_scores_only()
    assert "部门决算" in document_markdown(accounts)
