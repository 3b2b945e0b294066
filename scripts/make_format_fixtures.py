"""Write tests/fixtures/formats/: one 项目支出绩效自评表 as HTML, DOCX, XLSX and PDF.

The committed files are made once by this script (the PDF by printing the HTML with headless
Chromium, so its ruling lines and text layer are a browser's, not ours):

    apt-get install chromium fonts-wqy-microhei   # when missing
    .venv/bin/pip install -e '.[excel]'
    .venv/bin/python scripts/make_format_fixtures.py

tests/test_readers.py reads all four back to the same grid.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.grid_writers import Spec, to_docx, to_html, to_xlsx  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "formats"

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


def table() -> list[list[Spec]]:
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


# Print styles: ruled cells as a finance office prints them, on A5 so the table runs onto a
# second page, where Chromium repeats the table's head (项目名称) above the rest.
STYLE = """
@page { size: A5 landscape; margin: 12mm; }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: middle; }
tr { break-inside: avoid; }
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    spec = table()
    page = to_html(spec, paragraphs=PARAGRAPHS, style=STYLE, head_rows=1)
    (OUT / "self_evaluation.html").write_text(page, encoding="utf-8")
    (OUT / "self_evaluation.docx").write_bytes(to_docx(spec, paragraphs=PARAGRAPHS))
    (OUT / "self_evaluation.xlsx").write_bytes(to_xlsx(spec, title="自评表"))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is needed for the PDF: apt-get install chromium fonts-wqy-microhei")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={OUT / 'self_evaluation.pdf'}",
                (OUT / "self_evaluation.html").as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {sorted(p.name for p in OUT.iterdir())}")


if __name__ == "__main__":
    main()
