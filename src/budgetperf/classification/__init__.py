"""Government revenue and expenditure classification (政府收支分类科目) as versioned data.

:func:`classify` resolves a functional (2xx) or economic (3xx, 5xx) expenditure code for a
year::

    >>> c = classify("2060702", year=2023)
    >>> c.names
    ('科学技术支出', '科学技术普及', '科普活动')
    >>> classify("20805", year=2023).name, classify("20805", year=2023).aliases
    ('行政事业单位养老支出', ('行政事业单位离退休',))
    >>> classify("2060709", year=2023)
    Traceback (most recent call last):
    ...
    budgetperf.errors.UnknownCodeError: 2023年的支出功能分类科目中没有编码 2060709；随附科目表只收录了 20607 的部分下级科目，...

To use a full official edition you hold as a CSV of ``code,name`` rows, read it with
:func:`budgetperf.io.load_classification` and pass it as ``table=``.
"""

from __future__ import annotations

from budgetperf.classification._shipped import edition_for, shipped_tables
from budgetperf.classification.economic import economic_table, government_codes_for
from budgetperf.classification.functional import functional_table
from budgetperf.classification.table import (
    Classification,
    ClassificationTable,
    CodeEntry,
    CodeStatus,
    Confidence,
    Level,
    Resolution,
    TableKind,
    name_key,
)
from budgetperf.errors import UnknownCodeError

__all__ = [
    "Classification",
    "ClassificationTable",
    "CodeEntry",
    "CodeStatus",
    "Confidence",
    "Level",
    "Resolution",
    "TableKind",
    "classify",
    "economic_table",
    "edition_for",
    "functional_table",
    "government_codes_for",
    "name_key",
    "shipped_tables",
]


def classify(
    code: str, year: int | None = None, *, table: ClassificationTable | None = None
) -> Classification:
    """Resolve an expenditure code (科目编码) for ``year``.

    The table follows from the first digit: 2 功能分类, 3 部门预算经济分类, 5 政府预算经济分类.
    ``year=None`` uses the names in force in the newest shipped edition. ``table`` replaces
    the shipped table, e.g. a full official edition loaded from CSV.

    Raises:
        UnknownCodeError: no such code (or none in force that year) in the table.
    """
    code = code.strip() if isinstance(code, str) else code
    if not isinstance(code, str):
        raise UnknownCodeError(str(code), year)
    kind = TableKind.for_code(code)
    if table is not None:
        if kind is not table.kind:
            raise UnknownCodeError(code, year, table=table.kind.value)
        return table.lookup(code, year=year)
    if kind is None:
        raise UnknownCodeError(code, year)
    return edition_for(kind, year).lookup(code, year=year)
