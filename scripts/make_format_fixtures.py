"""Write tests/fixtures/formats/: one 项目支出绩效自评表 as HTML, DOCX, XLSX and PDF; a table
longer than a page whose merged cell the page break cuts; and a founding report's text
running over a page break (each of these two as HTML and PDF).

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

from tests.grid_writers import (  # noqa: E402
    PARAGRAPHS,
    long_indicators,
    paragraphs_page,
    seed_paragraphs,
    self_evaluation,
    to_docx,
    to_html,
    to_xlsx,
)

OUT = ROOT / "tests" / "fixtures" / "formats"

# Print styles: ruled cells as a finance office prints them, on A5 so the table runs onto a
# second page, where Chromium repeats the table's head (项目名称) above the rest.
STYLE = """
@page { size: A5 landscape; margin: 12mm; }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: middle; }
tr { break-inside: avoid; }
"""

# Body text as reports print it: justified, first lines indented two characters, paragraphs
# without extra space between them, running over a page break.
TEXT_STYLE = """
@page { size: A4; margin: 20mm; }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 13pt; line-height: 1.6; }
p { text-indent: 2em; margin: 0; text-align: justify; }
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    spec = self_evaluation()
    page = to_html(spec, paragraphs=PARAGRAPHS, style=STYLE, head_rows=1)
    (OUT / "self_evaluation.html").write_text(page, encoding="utf-8")
    (OUT / "self_evaluation.docx").write_bytes(to_docx(spec, paragraphs=PARAGRAPHS))
    (OUT / "self_evaluation.xlsx").write_bytes(to_xlsx(spec, title="自评表"))
    long_page = to_html(long_indicators(), style=STYLE, head_rows=1)
    (OUT / "long_indicators.html").write_text(long_page, encoding="utf-8")
    text_page = paragraphs_page(seed_paragraphs(), style=TEXT_STYLE)
    (OUT / "explanation.html").write_text(text_page, encoding="utf-8")
    for name in ("self_evaluation", "long_indicators", "explanation"):
        _print_pdf(OUT / f"{name}.html", OUT / f"{name}.pdf")
    print(f"wrote {sorted(p.name for p in OUT.iterdir())}")


def _print_pdf(page: Path, pdf: Path) -> None:
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
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    main()
