"""Narrative statements and charts of a final-accounts explanation (决算说明中的文字表述与图表).

A sentence such as "基本支出468.99万元，占53.65%" or "较上年度减少49.19万元，下降647.24%" is
data: the figures it states are kept exactly as printed, so the checks can recompute them.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import final

import attrs

from budgetperf.model import _fields as f
from budgetperf.money import Amount
from budgetperf.rates import Direction

__all__ = ["Chart", "ChartSeries", "Statement", "StatementKind"]


class StatementKind(enum.Enum):
    """What a sentence states."""

    SHARE = "share"
    """占比: ``figure`` is ``percent`` % of ``base``."""
    CHANGE = "change"
    """同比变动: ``figure`` changed by ``amount`` (``direction``, ``percent`` %) from ``base``."""
    RATE = "rate"
    """比率: ``figure`` ÷ ``base`` is ``percent`` % (完成预算 …)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Statement:
    """One figure-bearing statement of the narrative (文字表述).

    Attributes:
        kind: share, change or rate.
        subject: what the sentence is about, as printed (基本支出, 收、支总计, “三公”经费 …).
        figure: the current figure stated (the part, the current year, the numerator).
        base: the whole, the previous year or the denominator, when stated or known.
        amount: the change amount as printed (unsigned, the direction word gives the sign).
        percent: the percentage as printed (unsigned for changes).
        direction: 增长, 下降 or 持平, as worded.
        text: the sentence (or clause) as printed.
        section: where it stands (part and heading).
    """

    kind: StatementKind = attrs.field(validator=f.instance_of(StatementKind))
    subject: str
    figure: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    base: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    amount: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    percent: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    direction: Direction | None = attrs.field(default=None, validator=f.optional(Direction))
    text: str = ""
    section: str = ""


@final
@attrs.frozen(slots=True, kw_only=True)
class ChartSeries:
    """The numbers printed for one data series of a chart, in printed order."""

    name: str
    values: tuple[Decimal, ...] = attrs.field(converter=f.to_tuple, validator=f.decimals)


@final
@attrs.frozen(slots=True, kw_only=True)
class Chart:
    """A chart's data as printed in the report (图表数据).

    Attributes:
        number: the figure number (图1 …).
        title: its title.
        kind: bar (柱状图) or pie (饼状图), as the report says.
        labels: category labels in printed order.
        series: the printed numbers, series by series (a document's embedded chart may carry
            stale cached values; they are kept, so a check can compare them with the text).
    """

    number: str
    title: str
    kind: str = ""
    labels: tuple[str, ...] = attrs.field(default=(), converter=f.to_tuple)
    series: tuple[ChartSeries, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(ChartSeries)
    )
