"""Write the Excel 97–2003 (.xls) fixtures: in tests/fixtures/formats/, the 项目支出绩效自评表
of the other formats (texts as strings, merged ranges) and a sheet of figures stored as
numbers under the number formats offices use (0.00, 0.00%, #,##0.00, a date); in
tests/corpus/tables/copies/, the six corpus tables of the other copies, made from their
hand readings as scripts/make_corpus_copies.py makes them.

Made once and committed; xlwt (the writer) is used by this script only, never by the
library, which reads .xls with xlrd (the ``excel`` extra):

    .venv/bin/pip install xlwt          # the writer, for this script only
    .venv/bin/python scripts/make_xls_fixtures.py

tests/test_readers.py reads them back.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import xlwt  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus_copies import COPIES  # noqa: E402
from tests.corpus_tables import copy_rows  # noqa: E402
from tests.grid_writers import Spec, Table, placed, self_evaluation  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "formats"

# (label, stored number, number format): what the sheet of figures holds, row by row.
FIGURES = (
    ("年初预算数", 120, "0.00"),
    ("全年执行数", 118.5, "0.00"),
    ("执行率", 0.9875, "0.00%"),
    ("资金总额（元）", 1234567.891, "#,##0.00"),
    ("分值", 10, "General"),
    ("得分", 9.88, "General"),
    ("填报日期", dt.date(2023, 12, 31), "yyyy-mm-dd"),
)


def table_xls(table: Table, path: Path, title: str) -> None:
    """A workbook whose one sheet holds the table (texts as strings, merged ranges)."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(title)
    origins, _, _ = placed(table)
    for (r, c), cell in origins.items():
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.write_merge(r, r + cell.rowspan - 1, c, c + cell.colspan - 1, cell.text)
        elif cell.text:
            sheet.write(r, c, cell.text)
    book.save(str(path))


def figures_xls() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("数字")
    for r, (label, value, code) in enumerate(FIGURES):
        sheet.write(r, 0, label)
        sheet.write(r, 1, value, xlwt.easyxf(num_format_str=code))
    sheet.write(len(FIGURES), 0, "已完成")
    sheet.write(len(FIGURES), 1, True)
    book.save(str(OUT / "figures.xls"))


if __name__ == "__main__":
    table_xls(self_evaluation(), OUT / "self_evaluation.xls", "自评表")
    figures_xls()
    copies = ROOT / "tests" / "corpus" / "tables" / "copies"
    for name in COPIES:
        rows = [[Spec(text, rowspan) for text, rowspan in row] for row in copy_rows(name)]
        table_xls(rows, copies / f"{name}.xls", name)
    print("wrote", OUT / "self_evaluation.xls", OUT / "figures.xls", f"and {len(COPIES)} copies")
