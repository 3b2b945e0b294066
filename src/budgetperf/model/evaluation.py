"""Documents (文档): a department's final accounts (部门决算); evaluations join in later modules."""

from __future__ import annotations

from typing import final

import attrs

from budgetperf.model import _fields as f
from budgetperf.model.funding import FundingSource, IncomeLine
from budgetperf.model.spending import (
    EconomicLine,
    ExpenditureCategory,
    ExpenditureLine,
    ThreePublicExpenses,
)
from budgetperf.money import Amount, Unit, total

__all__ = ["FinalAccounts", "SourceRef"]


@final
@attrs.frozen(slots=True, kw_only=True)
class SourceRef:
    """Where a document or figure was read (出处).

    Attributes:
        file: the file name of the published report.
        section: the part, table or page (第二部分 三、支出决算情况说明; 附表 12 …).
    """

    file: str
    section: str = ""


@final
@attrs.frozen(slots=True, kw_only=True)
class FinalAccounts:
    """A department's final accounts (部门决算) as reported.

    Every figure is the one printed; sums are computed by properties and by the checks,
    never written back.

    Attributes:
        department: 部门（单位）名称.
        year: the fiscal year (决算年度).
        unit: the unit the report states figures in (金额单位), usually 万元.
        income: income by source (本年收入).
        income_total: 本年收入合计 as printed.
        expenditure_total: 本年支出合计 as printed.
        grand_total: 收入总计/支出总计 (收、支总计) as printed.
        previous_grand_total: the previous year's 收、支总计, when given.
        initial_budget_total: 年初预算数 the narrative compares spending with, when given.
        basic: 基本支出; project: 项目支出 (as printed).
        personnel: 人员经费; public: 公用经费 (the split of 基本支出, as printed).
        functional_lines: spending by functional code (类 totals and 项 lines as printed).
        economic_lines: spending by economic class.
        three_public: 三公经费.
        previous_three_public_total: the previous year's 三公 total, when given.
        operating_expenses: 机关运行经费; previous_operating_expenses: its previous-year figure.
        source: where the document was read.
    """

    department: str
    year: int = attrs.field(validator=f.instance_of(int))
    unit: Unit = Unit.WAN_YUAN
    income: tuple[IncomeLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(IncomeLine)
    )
    income_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    expenditure_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    grand_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    previous_grand_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    initial_budget_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    basic: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    project: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    personnel: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    public: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    functional_lines: tuple[ExpenditureLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(ExpenditureLine)
    )
    economic_lines: tuple[EconomicLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(EconomicLine)
    )
    three_public: ThreePublicExpenses | None = attrs.field(
        default=None, validator=f.optional(ThreePublicExpenses)
    )
    previous_three_public_total: Amount | None = attrs.field(
        default=None, validator=f.optional_amount
    )
    operating_expenses: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    previous_operating_expenses: Amount | None = attrs.field(
        default=None, validator=f.optional_amount
    )
    source: SourceRef | None = attrs.field(default=None, validator=f.optional(SourceRef))

    # -- derived figures (never stored) --------------------------------------------------
    def income_sum(self) -> Amount:
        """Σ of the current-year income sources (本年收入 computed)."""
        return total(
            (line.amount for line in self.income if line.source.is_current_year_income),
            unit=self.unit,
        )

    def income_from(self, source: FundingSource) -> Amount | None:
        """The amount reported for ``source``, or None when the report does not list it."""
        for line in self.income:
            if line.source is source:
                return line.amount
        return None

    def functional_items(self, prefix: str = "2") -> tuple[ExpenditureLine, ...]:
        """The 7-digit (项) lines under ``prefix``."""
        return tuple(
            line
            for line in self.functional_lines
            if len(line.functional_code) == 7 and line.functional_code.startswith(prefix)
        )

    def functional_total(self, code: str) -> Amount | None:
        """The amount printed for a 类 or 款 ``code``, or None."""
        for line in self.functional_lines:
            if line.functional_code == code:
                return line.amount
        return None

    def functional_item_sum(self, prefix: str) -> Amount:
        """Σ of the 项 lines under ``prefix`` (a 类 or 款 code)."""
        return total((line.amount for line in self.functional_items(prefix)), unit=self.unit)

    def category_sum(self, category: ExpenditureCategory) -> Amount:
        """Σ of the 项 lines marked ``category`` (基本支出 or 项目支出)."""
        return total(
            (line.amount for line in self.functional_items() if line.category is category),
            unit=self.unit,
        )

    def economic_class_sum(self) -> Amount:
        """Σ of the economic 类 lines (3-digit codes)."""
        return total(
            (line.amount for line in self.economic_lines if len(line.economic_code) == 3),
            unit=self.unit,
        )
