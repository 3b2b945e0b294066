"""Six corpus tables kept as a finance office keeps them — a workbook, a web page, a printed
PDF (tests/corpus/tables/copies, made from the hand readings by
scripts/make_corpus_copies.py) — read to the same fields as the text that was published."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetperf.audit import audit
from tests.corpus_tables import CORPUS, mismatches

COPIES = ("t-a-002", "t-a-005", "t-a-007", "t-b-001", "t-b-004", "t-c-010")
_NEEDS = {"html": None, "xlsx": "openpyxl", "pdf": "pdfplumber"}


@pytest.mark.parametrize("kind", sorted(_NEEDS))
@pytest.mark.parametrize("name", COPIES)
def test_a_copy_in_another_format_reads_the_same(name: str, kind: str) -> None:
    module = _NEEDS[kind]
    if module is not None:
        pytest.importorskip(module)
    path: Path = CORPUS / "copies" / f"{name}.{kind}"
    assert mismatches(name, audit(path)) == []
