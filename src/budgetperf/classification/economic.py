"""支出经济分类科目 (economic classification of expenditure): 类 3 + 款 2 digits.

Two parallel sets since the 2018 reform (财预〔2017〕98号): 部门预算支出经济分类 (3xx) and
政府预算支出经济分类 (5xx).

    >>> economic_table("department").lookup("30217").path
    '商品和服务支出 / 公务接待费'
    >>> economic_table("government").lookup("50206").name
    '公务接待费'

The 对照表 of the two sets (2020, the 机关 side) says under which 政府预算 款 a 部门预算 款 is
reported:

    >>> government_codes_for("30211")
    ('50201',)
"""

from __future__ import annotations

from typing import Literal

from budgetperf.classification._shipped import edition_for, shipped_crosswalk
from budgetperf.classification.table import ClassificationTable, TableKind

__all__ = ["economic_table", "government_codes_for"]


def economic_table(
    which: Literal["department", "government"], year: int | None = None
) -> ClassificationTable:
    """The shipped 部门预算 (``"department"``) or 政府预算 (``"government"``) table for ``year``."""
    kind = TableKind.ECONOMIC_DEPARTMENT if which == "department" else TableKind.ECONOMIC_GOVERNMENT
    return edition_for(kind, year)


def government_codes_for(department_code: str, year: int | None = None) -> tuple[str, ...]:
    """The 政府预算支出经济分类 款 a 部门预算支出经济分类 款 is reported under (机关 side).

    From the 两套支出经济分类科目对照表 in the evidence; an empty tuple means the shipped
    crosswalk does not cover the code yet (it holds the 301/302 rows the 2020 对照表 shows).

    Raises:
        UnknownCodeError: ``department_code`` is not a 部门预算 code of ``year``.
    """
    economic_table("department", year).entry(department_code, year=year)
    return tuple(
        government
        for department, government, _, _ in shipped_crosswalk()
        if department == department_code
    )
