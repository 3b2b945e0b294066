"""Presentation: localized formatting, sentences, tables (golden files), SVG, HTML, screenshots."""

from __future__ import annotations

import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from budgetperf import check, examples, score
from budgetperf.cli import main
from budgetperf.model import FinalAccounts, ProjectEvaluation
from budgetperf.money import Amount
from budgetperf.render.format import (
    format_amount,
    format_number,
    format_percent,
    format_signed_percent,
)
from budgetperf.render.sentences import change_sentence, final_accounts_sentences, share_clause
from budgetperf.render.svg import final_accounts_charts, score_chart
from budgetperf.render.tables import document_html, document_markdown, findings_markdown

GOLDEN = Path(__file__).parent / "golden" / "render"
LIANGSHAN = examples.load("liangshan-2023")
(ACCOUNTS,) = LIANGSHAN.of_type(FinalAccounts)
TABLE_10 = LIANGSHAN.of_type(ProjectEvaluation)[9]


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
    assert "<table>" in TABLE_10._repr_html_()
    assert "<table>" in score(TABLE_10)._repr_html_()
    assert "<table>" in check(ACCOUNTS)[0]._repr_html_()
    assert "<section>" in LIANGSHAN._repr_html_()
    findings = check(ACCOUNTS)
    assert "statement.change_percent" in findings._repr_html_()
    assert all(f.severity.value == "error" for f in findings.errors)


def test_render_command(tmp_path: Path) -> None:
    for fmt in ("md", "html", "svg"):
        out = tmp_path / f"r.{fmt}"
        assert main(["render", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    ET.parse(tmp_path / "r.svg")


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


@pytest.mark.parametrize("name", ["liangshan-2023", "ziyang-2022"])
def test_rendered_html_audits_back_to_the_same_projects_and_findings(name: str) -> None:
    # The page prints each form as the form prints it (head, budget block, indicators in the
    # document's own layout, 得分 beside the rule score), so reading it back gives the same
    # project documents and the same findings. (The 河池 2020 form, funds by government
    # level, is rendered as a score sheet without that block: not read back.)
    from budgetperf import check, examples
    from budgetperf.audit import audit_blocks
    from budgetperf.readers import read_html

    batch = examples.load(name)
    result = audit_blocks(read_html(document_html(batch).encode()), file=f"{name}.html")
    want = [d for d in batch.documents if isinstance(d, ProjectEvaluation)]
    got = [d for d in result.batch.documents if isinstance(d, ProjectEvaluation)]

    def figures(d: ProjectEvaluation) -> object:
        return (
            d.title,
            d.layout,
            d.department,
            d.implementing_unit,
            d.reported_total,
            [
                (i.level1, i.level2, i.name, i.target.text, i.weight, i.reported_score)
                for i in d.indicators
            ],
            d.budget and [(r.category, r.adjusted_budget, r.executed) for r in d.budget.rows],
        )

    assert [figures(d) for d in got] == [figures(d) for d in want]
    assert [sorted((f.code, f.path) for f in check(d)) for d in got] == [
        sorted((f.code, f.path) for f in check(d)) for d in want
    ]
