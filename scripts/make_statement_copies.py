"""Write tests/corpus/statements/copies/: entries of the statements corpus printed to PDF as a
finance office prints its 决算说明 — each made from the entry's published text (a paragraph
per paragraph, a table per table; tests/statement_copies.py), set as official documents are
(A4, 16 pt CJK type, 28 characters to a line, 22 lines to a page, "— 1 —" at the foot; a
few with the entry's title as a running head) and printed by headless Chromium, so that
lines wrap inside sentences and figures, and paragraphs run over page breaks with the page
number (and head) between their parts.

Made once and committed (tests/test_statement_copies.py reads them back):

    apt-get install chromium fonts-wqy-microhei   # when missing
    .venv/bin/python scripts/make_statement_copies.py            # the selection below
    .venv/bin/python scripts/make_statement_copies.py s-001 ...  # or the entries named
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
from tests.statement_copies import (  # noqa: E402
    COPIES,
    HEADED,
    PDF_COPIES,
    blocks_of,
    print_style,
    to_page,
)
from tests.statement_corpus import entries  # noqa: E402


def main(names: list[str]) -> None:
    wanted = set(names or PDF_COPIES)
    COPIES.mkdir(parents=True, exist_ok=True)
    for entry in entries():
        if entry.name not in wanted:
            continue
        title = entry.header.get("title", "")
        style = print_style(title if entry.name in HEADED else None)
        page = to_page(blocks_of(entry), style=style, title=title)
        source = html.escape(entry.header.get("source", ""))
        page = page.replace("<head>", f"<head><!-- copy of {source}, from its text -->", 1)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{entry.name}.html"
            path.write_text(page, encoding="utf-8")
            _print_pdf(path, COPIES / f"{entry.name}.pdf")
        print(entry.name)


if __name__ == "__main__":
    main(sys.argv[1:])
