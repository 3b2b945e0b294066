"""Six corpus tables kept as a finance office keeps them — a workbook (.xlsx and .xls), a web
page, a printed PDF (tests/corpus/tables/copies, made from the hand readings by
scripts/make_corpus_copies.py and, the .xls, scripts/make_xls_fixtures.py) — read to the same
fields as the text that was published."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetperf.audit import audit
from tests.corpus_tables import CORPUS, mismatches

COPIES = ("t-a-002", "t-a-005", "t-a-007", "t-b-001", "t-b-004", "t-c-010")
_NEEDS = {"html": None, "xlsx": "openpyxl", "xls": "xlrd", "pdf": "pdfplumber"}


@pytest.mark.parametrize("kind", sorted(_NEEDS))
@pytest.mark.parametrize("name", COPIES)
def test_a_copy_in_another_format_reads_the_same(name: str, kind: str) -> None:
    module = _NEEDS[kind]
    if module is not None:
        pytest.importorskip(module)
    path: Path = CORPUS / "copies" / f"{name}.{kind}"
    assert mismatches(name, audit(path)) == []


# Corpus tables whose hand reading makes a copy that holds all that tells their form and
# reading: the others' are told by what the published text prints around the table (the
# title in prose above it, a report's heading) or by where the excerpt cut it, which a copy
# made from the reading alone does not keep.
WHOLE_COPIES = (
    "t-a-001", "t-a-002", "t-a-005", "t-a-006", "t-a-007", "t-a-008", "t-a-009", "t-b-001",
    "t-b-002", "t-b-003", "t-b-004", "t-b-008", "t-b-009", "t-c-004", "t-c-005", "t-c-006",
    "t-c-007", "t-c-010", "t-c-011", "t-c-014", "t-c-015", "t-c-016", "t-c-018", "t-d-001",
    "t-d-004", "t-d-005", "t-d-007", "t-e-003", "t-e-004", "t-e-005", "t-e-007", "t-e-009",
    "t-f-001", "t-f-005", "t-f-007", "t-g-001",
)  # fmt: skip


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx"])
@pytest.mark.parametrize("name", WHOLE_COPIES)
def test_a_table_kept_in_a_web_page_a_word_file_or_a_workbook_reads_as_published(
    name: str, kind: str, tmp_path: Path
) -> None:
    # Made on the fly from the hand reading, a 一级 label merged over its rows: a row printed
    # without its last cells (t-c-004's 社会效益 row, no 得分) stays a row of its own where the
    # next row is whole, and a total row padded to the sheet's width (t-b-003's 总分 | 100 |
    # 100) keeps its figures where they are.
    from tests.corpus_tables import copy_rows
    from tests.grid_writers import Spec, to_docx, to_html, to_xlsx

    if kind == "xlsx":
        pytest.importorskip("openpyxl")
    table = [[Spec(text, rowspan) for text, rowspan in row] for row in copy_rows(name)]
    path = tmp_path / f"{name}.{kind}"
    if kind == "html":
        path.write_text(to_html(table), encoding="utf-8")
    else:
        path.write_bytes(to_docx(table) if kind == "docx" else to_xlsx(table, title=name))
    assert mismatches(name, audit(path)) == []
