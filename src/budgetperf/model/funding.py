"""Funding (资金来源): income sources of the final accounts, government levels, fund rows."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import final

import attrs

from budgetperf.errors import ParseError
from budgetperf.model import _fields as f
from budgetperf.money import Amount, normalize_text

__all__ = ["FundRow", "FundingSource", "GovernmentLevel", "IncomeLine", "LevelFunding"]


class FundingSource(enum.Enum):
    """Income source of a department's final accounts (部门决算收入来源)."""

    GENERAL_BUDGET_APPROPRIATION = "一般公共预算财政拨款收入"
    GOVERNMENT_FUND_APPROPRIATION = "政府性基金预算财政拨款收入"
    STATE_CAPITAL_APPROPRIATION = "国有资本经营预算财政拨款收入"
    HIGHER_LEVEL_SUBSIDY = "上级补助收入"
    BUSINESS_INCOME = "事业收入"
    OPERATING_INCOME = "经营收入"
    AFFILIATE_REMITTANCE = "附属单位上缴收入"
    OTHER_INCOME = "其他收入"
    CARRIED_FORWARD = "年初结转和结余"
    NON_APPROPRIATION_BALANCE_USED = "使用非财政拨款结余"

    @property
    def is_appropriation(self) -> bool:
        """Whether this is 财政拨款收入 (the three budget appropriations)."""
        return self in _APPROPRIATIONS

    @property
    def is_current_year_income(self) -> bool:
        """Whether it counts in 本年收入合计 (carry-overs and balances used do not)."""
        return self not in (
            FundingSource.CARRIED_FORWARD,
            FundingSource.NON_APPROPRIATION_BALANCE_USED,
        )

    @classmethod
    def parse(cls, text: str) -> FundingSource:
        """The source named by ``text`` (Chinese name, older name or enum name)."""
        key = normalize_text(text)
        for source in cls:
            if key in (source.value, source.name, source.name.lower()):
                return source
        if key == "用事业基金弥补收支差额":
            return cls.NON_APPROPRIATION_BALANCE_USED
        if key in ("上年结转和结余", "上年结转结余"):
            return cls.CARRIED_FORWARD  # the older forms' name of the same line
        raise ParseError(
            "无法识别的收入来源",
            "unknown income source",
            value=text,
            expected="one of " + "、".join(s.value for s in cls),
        )


_APPROPRIATIONS = frozenset(
    {
        FundingSource.GENERAL_BUDGET_APPROPRIATION,
        FundingSource.GOVERNMENT_FUND_APPROPRIATION,
        FundingSource.STATE_CAPITAL_APPROPRIATION,
    }
)


class GovernmentLevel(enum.Enum):
    """Level of government that provides funds (财政级次)."""

    CENTRAL = "中央"
    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县"

    @classmethod
    def parse(cls, text: str) -> GovernmentLevel:
        """Read a level as reports write it: 中央财政, 自治区财政, 省级, 市县财政 (→ 市), 州, 区 …"""
        key = normalize_text(text).removesuffix("财政").removesuffix("级")
        for level, names in _LEVEL_NAMES.items():
            if key in names:
                return level
        raise ParseError(
            "无法识别的财政级次",
            "unknown government level",
            value=text,
            expected="中央, 省/自治区/直辖市, 市/州/市县, 县/区",
        )


_LEVEL_NAMES = {
    GovernmentLevel.CENTRAL: ("中央", "central"),
    GovernmentLevel.PROVINCE: ("省", "自治区", "直辖市", "province"),
    GovernmentLevel.CITY: ("市", "州", "地", "市县", "盟", "city"),
    GovernmentLevel.COUNTY: ("县", "区", "旗", "county"),
}


@final
@attrs.frozen(slots=True, kw_only=True)
class IncomeLine:
    """One income source of the final accounts (收入决算行).

    Attributes:
        source: the income source (收入来源).
        amount: the amount reported (决算数).
        share_percent: the share of 本年收入合计 stated in the report (占比, %), if any.
    """

    source: FundingSource = attrs.field(validator=f.instance_of(FundingSource))
    amount: Amount = attrs.field(validator=f.amount)
    share_percent: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)


@final
@attrs.frozen(slots=True, kw_only=True)
class FundRow:
    """A row of the budget block of a self-evaluation (资金来源行).

    Attributes:
        category: the row's name as printed (总额, 财政资金, 当年财政拨款, 上年结转资金 …).
        initial_budget: 年初预算数.
        adjusted_budget: 调整后预算数 / 全年预算数.
        executed: 预算执行数 / 全年执行数.
        reported_rate_percent: 执行率 as printed (percent), kept as data.
        weight: 分值 / 权重 a part row prints of its own (其中：本年财政拨款 … 10); None when
            it prints none. The total row's points are the block's (:class:`BudgetBlock`
            ``weight``), so the total row never carries one here.
        reported_score: 得分 a part row prints of its own, or None.
    """

    category: str = attrs.field(validator=f.text)
    initial_budget: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    adjusted_budget: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    executed: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    reported_rate_percent: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    weight: Decimal | None = attrs.field(default=None, validator=f.optional_points)
    reported_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)


@final
@attrs.frozen(slots=True, kw_only=True)
class LevelFunding:
    """Funds planned and in place from one government level (分级次资金安排与到位, 河池 2020).

    Attributes:
        level: the level, or None for 其它 (other sources).
        label: the label as printed (中央财政, 自治区财政, 市县财政, 其它).
        planned: 计划安排资金.
        in_place: 实际到位资金.
    """

    level: GovernmentLevel | None = attrs.field(validator=f.optional(GovernmentLevel))
    label: str
    planned: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    in_place: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
