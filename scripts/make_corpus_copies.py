"""Write tests/corpus/tables/copies/: six corpus tables as a finance office would keep them in
a workbook, on a web page and printed to PDF — each made from the table's reading by hand
(tests/corpus/tables/<id>.expected.json), so the test can require that every copy reads to
the same fields as the published text.

Made once and committed (the PDF by printing the HTML with headless Chromium):

    apt-get install chromium fonts-wqy-microhei   # when missing
    .venv/bin/pip install -e '.[excel]'
    .venv/bin/python scripts/make_corpus_copies.py
"""

from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_format_fixtures import _print_pdf  # noqa: E402
from tests.corpus_tables import copy_rows, item  # noqa: E402
from tests.grid_writers import Spec, to_html, to_xlsx  # noqa: E402

COPIES = ("t-a-002", "t-a-005", "t-a-007", "t-b-001", "t-b-004", "t-c-010")
OUT = ROOT / "tests" / "corpus" / "tables" / "copies"
STYLE = (
    "table{border-collapse:collapse;font-size:9pt}"
    "td{border:1px solid #000;padding:2px 4px;vertical-align:top}"
    "body{font-family:'WenQuanYi Micro Hei',sans-serif}"
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in COPIES:
        meta, _, _ = item(name)
        table = [[Spec(text, rowspan) for text, rowspan in row] for row in copy_rows(name)]
        page = to_html(table, style=STYLE).replace(
            "<head>",
            f'<head><meta name="source" content="{html.escape(meta["source"])}">'
            f"<!-- copy of {html.escape(meta['source'])}, made from its reading by hand -->",
            1,
        )
        (OUT / f"{name}.html").write_text(page, encoding="utf-8")
        (OUT / f"{name}.xlsx").write_bytes(to_xlsx(table, title=name))
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / f"{name}.html"
            source.write_text(page, encoding="utf-8")
            _print_pdf(source, OUT / f"{name}.pdf")
        print(name)


if __name__ == "__main__":
    main()
