"""Reading the tables shipped as package data (``data/<kind>_<edition>.tsv``)."""

from __future__ import annotations

import functools

from budgetperf._resources import data_file
from budgetperf.classification.table import (
    ClassificationTable,
    CodeEntry,
    Confidence,
    Level,
    TableKind,
)

SOURCE_NOTE = (
    "《政府收支分类科目》 as gathered by budgetperf from published documents (each row's "
    "source, years and confidence; rebuilt by scripts/build_classification.py)"
)


def _year(text: str) -> int | None:
    return int(text) if text else None


def parse_tsv(text: str, *, kind: TableKind, edition: int) -> ClassificationTable:
    """A table from the shipped tab-separated form (header row, no quoting)."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    entries = []
    for line in lines[1:]:
        if not line:
            continue
        row = dict(zip(header, line.split("\t"), strict=True))
        entries.append(
            CodeEntry(
                code=row["code"],
                name=row["name"],
                level=Level(row["level"]),
                parent=row["parent"] or None,
                valid_from=_year(row["valid_from"]),
                valid_to=_year(row["valid_to"]),
                confidence=Confidence(row["confidence"]),
                source=row["source"],
                years=row["years"],
                note=row["note"],
                children_complete=row["children"] == "complete",
            )
        )
    return ClassificationTable.from_entries(entries, kind=kind, edition=edition, source=SOURCE_NOTE)


@functools.cache
def shipped_tables(kind: TableKind) -> tuple[ClassificationTable, ...]:
    """Every shipped edition of ``kind``, oldest first."""
    folder = data_file("budgetperf.classification", "data")
    tables = []
    for resource in folder.iterdir():
        stem, _, suffix = resource.name.rpartition(".")
        name, _, edition = stem.rpartition("_")
        if suffix == "tsv" and name == kind.value and edition.isdigit():
            tables.append(
                parse_tsv(resource.read_text(encoding="utf-8"), kind=kind, edition=int(edition))
            )
    return tuple(sorted(tables, key=lambda table: table.edition))


def edition_for(kind: TableKind, year: int | None) -> ClassificationTable:
    """The shipped edition to use for ``year``: the newest not after it, else the oldest."""
    tables = shipped_tables(kind)
    if year is None:
        return tables[-1]
    earlier = [table for table in tables if table.edition <= year]
    return earlier[-1] if earlier else tables[0]


@functools.cache
def shipped_crosswalk() -> tuple[tuple[str, str, str, str], ...]:
    """The shipped 部门预算 → 政府预算 crosswalk: (department, government, years, source)."""
    resource = data_file("budgetperf.classification", "data", "crosswalk.tsv")
    lines = resource.read_text(encoding="utf-8").splitlines()[1:]
    return tuple(
        (cells[0], cells[1], cells[2], cells[3])
        for cells in (line.split("\t") for line in lines if line)
    )
