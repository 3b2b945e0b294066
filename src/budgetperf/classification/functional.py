"""支出功能分类科目 (functional classification of expenditure): 类 3 + 款 2 + 项 2 digits.

>>> functional_table().lookup("2060702", year=2023).path
'科学技术支出 / 科学技术普及 / 科普活动'
>>> functional_table().lookup("210", year=2016).name
'医疗卫生与计划生育支出'
"""

from __future__ import annotations

from budgetperf.classification._shipped import edition_for
from budgetperf.classification.table import ClassificationTable, TableKind

__all__ = ["functional_table"]


def functional_table(year: int | None = None) -> ClassificationTable:
    """The shipped functional table whose edition applies to ``year``."""
    return edition_for(TableKind.FUNCTIONAL, year)
