"""支出经济分类科目 (economic classification of expenditure): 类 3 + 款 2 digits.

Two parallel sets since the 2018 reform (财预〔2017〕98号): 部门预算支出经济分类 (3xx) and
政府预算支出经济分类 (5xx).

    >>> economic_table("department").lookup("30217").path
    '商品和服务支出 / 公务接待费'
    >>> economic_table("government").lookup("50206").name
    '公务接待费'
"""

from __future__ import annotations

from typing import Literal

from budgetperf.classification._shipped import edition_for
from budgetperf.classification.table import ClassificationTable, TableKind

__all__ = ["economic_table"]


def economic_table(
    which: Literal["department", "government"], year: int | None = None
) -> ClassificationTable:
    """The shipped 部门预算 (``"department"``) or 政府预算 (``"government"``) table for ``year``."""
    kind = TableKind.ECONOMIC_DEPARTMENT if which == "department" else TableKind.ECONOMIC_GOVERNMENT
    return edition_for(kind, year)
