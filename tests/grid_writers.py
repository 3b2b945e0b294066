"""One table written as HTML, DOCX and XLSX, for the readers' cross-format tests.

A table is given as rows of :class:`Spec` cells (text, rowspan, colspan) placed by HTML's table
model; each writer writes exactly that table in its format's own merge vocabulary (``rowspan``/
``colspan``; ``gridSpan``/``vMerge``; merged ranges), and :func:`expected` is the grid every
reader must make of it.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from budgetperf.grid import Grid, GridBuilder, Location


class Spec(NamedTuple):
    text: str
    rowspan: int = 1
    colspan: int = 1


Table = Sequence[Sequence[Spec]]


def placed(table: Table) -> tuple[dict[tuple[int, int], Spec], int, int]:
    """Each cell at its top-left position (HTML's table model), the height and the width."""
    origins: dict[tuple[int, int], Spec] = {}
    taken: set[tuple[int, int]] = set()
    width = 0
    for r, row in enumerate(table):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            origins[(r, c)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return origins, len(table), width


def expected(table: Table) -> Grid:
    """The grid of the table, as :class:`GridBuilder` expands it."""
    builder = GridBuilder(Location())
    for row in table:
        builder.start_row()
        for cell in row:
            builder.add_cell(cell.text, rowspan=cell.rowspan, colspan=cell.colspan)
    return builder.build()


def to_html(
    table: Table,
    *,
    paragraphs: Sequence[str] = (),
    end_tags: bool = True,
    style: str = "",
    head_rows: int = 0,
) -> str:
    """An HTML page with the paragraphs, then the table (end tags optional, as HTML allows;
    the first ``head_rows`` rows in a ``thead``, which print repeats on every page)."""
    out = ['<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">']
    out.append(f"<style>{style}</style></head><body>")
    out.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    out.append("<table>")
    for index, row in enumerate(table):
        if head_rows and index == 0:
            out.append("<thead>")
        if head_rows and index == head_rows:
            out.append("</thead><tbody>")
        out.append("<tr>")
        for cell in row:
            spans = ""
            if cell.rowspan != 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan != 1:
                spans += f' colspan="{cell.colspan}"'
            text = html.escape(cell.text).replace("\n", "<br>")
            out.append(f"<td{spans}>{text}" + ("</td>" if end_tags else ""))
        if end_tags:
            out.append("</tr>")
    if head_rows:
        out.append("</tbody>")
    out.append("</table></body></html>")
    return "\n".join(out)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx_paragraph(text: str) -> str:
    runs = "<w:br/>".join(
        f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")
    )
    return f"<w:p><w:r>{runs}</w:r></w:p>"


def to_docx(table: Table, *, paragraphs: Sequence[str] = ()) -> bytes:
    """A Word document with the paragraphs, then the table (``gridSpan`` and ``vMerge``)."""
    origins, height, width = placed(table)
    # Which merged cell covers each position below its first row.
    below: dict[tuple[int, int], Spec] = {}
    for (r, c), cell in origins.items():
        for dr in range(1, cell.rowspan):
            below[(r + dr, c)] = cell
    body = [_docx_paragraph(p) for p in paragraphs]
    body.append(f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * width}</w:tblGrid>")
    for r in range(height):
        body.append("<w:tr>")
        c = 0
        while c < width:
            if (r, c) in origins:
                cell = origins[(r, c)]
                props = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
                if cell.rowspan > 1:
                    props += '<w:vMerge w:val="restart"/>'
                body.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_docx_paragraph(cell.text)}</w:tc>")
                c += cell.colspan
            elif (r, c) in below:
                cell = below[(r, c)]
                props = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
                body.append(f"<w:tc><w:tcPr>{props}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                c += cell.colspan
            else:
                # A position no cell reaches (a short row): Word leaves it out.
                break
        body.append("</w:tr>")
    body.append("</w:tbl>")
    return docx_package(body)


def docx_package(body: Sequence[str]) -> bytes:
    """A Word document (.docx) whose body is the given WordprocessingML elements."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def to_xlsx(table: Table, *, title: str = "Sheet1") -> bytes:
    """A workbook whose one sheet holds the table (texts as strings, merged ranges)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    origins, _, _ = placed(table)
    for (r, c), cell in origins.items():
        if cell.text:
            target = sheet.cell(row=r + 1, column=c + 1)
            target.value = cell.text
            target.data_type = "s"
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=r + 1,
                start_column=c + 1,
                end_row=r + cell.rowspan,
                end_column=c + cell.colspan,
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# -- the fixture: tests/fixtures/formats/self_evaluation.* (scripts/make_format_fixtures.py) --

PARAGRAPHS = (
    "附件：项目支出绩效自评表",
    "（2023年度）",
)

_INDICATORS = (
    # (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因)
    ("产出指标", "数量指标", "举办科普讲座", "≥50次", "52次", "10", "10", ""),
    ("产出指标", "数量指标", "发放科普资料", "≥2000份", "2150份", "10", "10", ""),
    ("产出指标", "质量指标", "活动参与率", "≥90％", "92.5％", "10", "10", ""),
    ("产出指标", "时效指标", "按期完成率", "＝100％", "100％", "10", "10", ""),
    ("产出指标", "成本指标", "人均培训成本", "≤300元", "286元", "10", "10", ""),
    (
        "效益指标",
        "社会效益指标",
        "公众科学素质提升",
        "逐步提高",
        "有所提高",
        "15",
        "13",
        "宣传覆盖面仍需扩大",
    ),
    ("效益指标", "可持续影响指标", "科普阵地持续运行", "≥3年", "3年", "15", "15", ""),
    (
        "满意度指标",
        "服务对象满意度指标",
        "参与群众满意度",
        "≥95％",
        "93.6％",
        "10",
        "9.5",
        "部分偏远地区活动场次偏少",
    ),
)


def self_evaluation() -> list[list[Spec]]:
    """A national 项目支出绩效自评表: 9 columns, merged heads, a two-row indicator header."""
    rows: list[list[Spec]] = [
        [Spec("项目名称"), Spec("科普惠民工程", colspan=8)],
        [
            Spec("主管部门"),
            Spec("某市科学技术协会", colspan=4),
            Spec("实施单位"),
            Spec("某市科普服务中心", colspan=3),
        ],
        [
            Spec("项目资金（万元）", rowspan=4),
            Spec(""),
            Spec("年初预算数"),
            Spec("全年预算数"),
            Spec("全年执行数", colspan=2),
            Spec("分值"),
            Spec("执行率"),
            Spec("得分"),
        ],
        [
            Spec("年度资金总额"),
            Spec("120.00"),
            Spec("118.50"),
            Spec("113.17", colspan=2),
            Spec("10"),
            Spec("95.50％"),
            Spec("9.55"),
        ],
        [
            Spec("其中：当年财政拨款"),
            Spec("100.00"),
            Spec("98.50"),
            Spec("95.17", colspan=2),
            Spec("—"),
            Spec("96.62％"),
            Spec("—"),
        ],
        [
            Spec("其他资金"),
            Spec("20.00"),
            Spec("20.00"),
            Spec("18.00", colspan=2),
            Spec("—"),
            Spec("90.00％"),
            Spec("—"),
        ],
        [
            Spec("年度总体目标", rowspan=2),
            Spec("预期目标", colspan=5),
            Spec("实际完成情况", colspan=3),
        ],
        [
            Spec(
                "全年举办科普讲座50次以上，发放科普资料2000份以上，参与群众满意度达到95％以上。",
                colspan=5,
            ),
            Spec("举办科普讲座52次，发放科普资料2150份，参与群众满意度93.6％。", colspan=3),
        ],
        [
            Spec("绩效指标", rowspan=2 + len(_INDICATORS)),
            Spec("一级指标", rowspan=2),
            Spec("二级指标", rowspan=2),
            Spec("三级指标", rowspan=2),
            Spec("指标值", colspan=2),
            Spec("分值", rowspan=2),
            Spec("得分", rowspan=2),
            Spec("偏差原因分析及改进措施", rowspan=2),
        ],
        [Spec("年度指标值"), Spec("实际完成值")],
    ]
    # 一级 and 二级 of consecutive indicators merged, as the printed form has them.
    for index, (level1, level2, name, target, actual, weight, score, note) in enumerate(
        _INDICATORS
    ):
        row: list[Spec] = []
        if index == 0 or _INDICATORS[index - 1][0] != level1:
            run = next(
                (n for n, i in enumerate(_INDICATORS[index:]) if i[0] != level1),
                len(_INDICATORS) - index,
            )
            row.append(Spec(level1, rowspan=run))
        if index == 0 or _INDICATORS[index - 1][:2] != (level1, level2):
            run = next(
                (n for n, i in enumerate(_INDICATORS[index:]) if i[:2] != (level1, level2)),
                len(_INDICATORS) - index,
            )
            row.append(Spec(level2, rowspan=run))
        row.extend([Spec(name), Spec(target), Spec(actual), Spec(weight), Spec(score), Spec(note)])
        rows.append(row)
    rows.append([Spec("合计", colspan=6), Spec("100"), Spec("97.05"), Spec("自评等次：优")])
    return rows


def long_indicators() -> list[list[Spec]]:
    """A header row, then thirty indicators under one merged 一级指标 — longer than a page, so
    print cuts the merged cell in two and repeats the header above the rest."""
    rows: list[list[Spec]] = [[Spec("一级指标"), Spec("三级指标"), Spec("指标值")]]
    rows.append([Spec("产出指标", rowspan=30), Spec("指标1"), Spec("≥1次")])
    rows.extend([Spec(f"指标{i}"), Spec(f"≥{i}次")] for i in range(2, 31))
    return rows


_SEED = Path(__file__).parent / "fixtures" / "seeds" / "002_a45521c9d62b1714.txt"
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")


def seed_paragraphs(count: int = 30) -> list[str]:
    """The first paragraphs of a founding report's explanation (its text lines, without
    the table cells and the Word bookmarks the transcription kept)."""
    out = []
    for line in _SEED.read_text(encoding="utf-8").splitlines():
        text = _BOOKMARK.sub("", line).strip()
        if text and not line.startswith("\t"):
            out.append(text)
        if len(out) == count:
            break
    return out


def paragraphs_page(paragraphs: Sequence[str], *, style: str) -> str:
    """A web page of paragraphs only, indented as Chinese reports print them."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{style}</style></head><body>{body}</body></html>"
    )
