"""Spending (支出): expenditure lines by classification, basic/project, personnel/public, 三公经费."""

from __future__ import annotations

import enum
from typing import Final, final

import attrs

from budgetperf.model import _fields as f
from budgetperf.money import Amount, total

__all__ = [
    "THREE_PUBLIC_ECONOMIC_CODES",
    "BasicKind",
    "EconomicLine",
    "ExpenditureCategory",
    "ExpenditureLine",
    "ThreePublicExpenses",
]


class ExpenditureCategory(enum.Enum):
    """Category of 本年支出 in the final accounts (支出性质)."""

    BASIC = "基本支出"
    PROJECT = "项目支出"
    REMITTED_TO_HIGHER = "上缴上级支出"
    OPERATING = "经营支出"
    SUBSIDY_TO_AFFILIATES = "对附属单位补助支出"


class BasicKind(enum.Enum):
    """Split of 基本支出 (基本支出构成): 人员经费 (301, 303) and 公用经费 (302, part of 310)."""

    PERSONNEL = "人员经费"
    PUBLIC = "公用经费"


@final
@attrs.frozen(slots=True, kw_only=True)
class ExpenditureLine:
    """One expenditure line by functional classification (按功能分类的支出行).

    Attributes:
        functional_code: 支出功能分类科目编码, 3, 5 or 7 digits starting with 2.
        name: the name as printed in the report (kept even when misspelt; checks compare it).
        amount: the amount reported (决算数).
        category: 基本支出 or 项目支出 when the report says.
        economic_code: 经济分类科目编码 when the line is split by economic class.
        budget: the budget the report compares it with (预算数), when given.
    """

    functional_code: str = attrs.field(validator=f.code(3, 5, 7, first="2"))
    name: str
    amount: Amount = attrs.field(validator=f.amount)
    category: ExpenditureCategory | None = attrs.field(
        default=None, validator=f.optional(ExpenditureCategory)
    )
    economic_code: str | None = attrs.field(
        default=None, validator=f.optional_code(3, 5, first="35")
    )
    budget: Amount | None = attrs.field(default=None, validator=f.optional_amount)


@final
@attrs.frozen(slots=True, kw_only=True)
class EconomicLine:
    """One expenditure line by economic classification (按经济分类的支出行).

    Attributes:
        economic_code: 3xx or 5xx code, 类 (3 digits) or 款 (5).
        name: the name as printed.
        amount: the amount reported.
        planned: the planned amount (计划数), for forms that print plan and actual.
    """

    economic_code: str = attrs.field(validator=f.code(3, 5, first="35"))
    name: str
    amount: Amount = attrs.field(validator=f.amount)
    planned: Amount | None = attrs.field(default=None, validator=f.optional_amount)


THREE_PUBLIC_ECONOMIC_CODES: Final = {
    "outbound": "30212",
    "vehicle_purchase": "31013",
    "vehicle_operation": "30231",
    "reception": "30217",
}
"""Economic codes of the 三公 items (部门预算支出经济分类)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class ThreePublicExpenses:
    """三公经费 (the "three public" expenses) as reported.

    Reported subtotals are fields; the sums budgetperf derives are properties, so a check
    can compare them. A part the report does not state is None (未列示, unknown), never a
    zero put in its place: "公务用车购置及运行维护费7.41万元" alone states neither 购置 nor
    运行维护, only their sum (kept in ``reported_vehicle_total``). A sum that needs an unknown
    part is None too.

    Attributes:
        outbound: 因公出国（境）费, None when not stated.
        vehicle_purchase: 公务用车购置费, None when not stated.
        vehicle_operation: 公务用车运行维护费, None when not stated.
        reception: 公务接待费, None when not stated.
        domestic_reception: 国内公务接待费, when split out.
        foreign_reception: 外事接待费, when split out.
        reported_vehicle_total: 公务用车购置及运行维护费 as printed.
        reported_total: the 三公 total as printed.
        budget: the 三公 budget (预算数), when given.
    """

    outbound: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    vehicle_purchase: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    vehicle_operation: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    reception: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    domestic_reception: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    foreign_reception: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    reported_vehicle_total: Amount | None = attrs.field(
        default=None, validator=f.non_negative_amount
    )
    reported_total: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    budget: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)

    @property
    def vehicle_total(self) -> Amount | None:
        """购置 + 运行维护, computed; None when either part is not stated."""
        if self.vehicle_purchase is None or self.vehicle_operation is None:
            return None
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def vehicle_figure(self) -> Amount | None:
        """公务用车购置及运行维护费: the two parts' sum when both are stated, else the
        combined figure as printed (None when neither is known)."""
        computed = self.vehicle_total
        return computed if computed is not None else self.reported_vehicle_total

    @property
    def computed_total(self) -> Amount | None:
        """出国 + 车 + 接待, computed from the stated figures (the vehicle figure as
        :attr:`vehicle_figure` gives it); None when one of the three is not known."""
        vehicle = self.vehicle_figure
        if self.outbound is None or vehicle is None or self.reception is None:
            return None
        return total((self.outbound, vehicle, self.reception), unit=self.outbound.unit)
