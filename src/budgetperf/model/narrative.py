"""Narrative statements and charts of a final-accounts explanation (决算说明中的文字表述与图表).

A sentence such as "基本支出468.99万元，占53.65%" or "较上年度减少49.19万元，下降647.24%" is
data: the figures it states are kept exactly as printed, so the checks can recompute them.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.errors import ParseError, ValidationError
from budgetperf.model import _fields as f
from budgetperf.model.indicators import Grade
from budgetperf.money import Amount
from budgetperf.rates import Direction

__all__ = [
    "DIRECTION_WORDS",
    "BaseSource",
    "Chart",
    "ChartSeries",
    "Part",
    "Statement",
    "StatementKind",
    "direction_of",
]


class StatementKind(enum.Enum):
    """What a sentence states."""

    SHARE = "share"
    """占比: ``figure`` is ``percent`` % of ``base``."""
    CHANGE = "change"
    """同比变动: ``figure`` changed by ``amount`` (``direction``, ``percent`` %) from ``base``."""
    RATE = "rate"
    """比率: ``figure`` ÷ ``base`` is ``percent`` % (完成预算 …)."""
    AMOUNT = "amount"
    """金额: ``subject`` was ``figure`` (in ``period``), nothing more."""
    PARTS = "parts"
    """构成: ``figure`` of ``subject`` is made of ``parts`` (其中…, 分别为…)."""
    COUNT = "count"
    """数量: ``count`` ``count_unit`` of ``subject`` (车辆, 批次, 人次), with its ``parts``."""
    SCORE = "score"
    """评分与等级: ``subject`` (自评得分, 综合得分 …) is ``score`` 分 out of ``full_marks`` when
    printed (满分100分), and/or the sentence states the ``grade`` (评价等级为“优”) as
    ``grade_text``. Not a deduction (扣2分) and not a rate (得分率95%)."""


class BaseSource(enum.Enum):
    """Where the base of a change comes from (变动的基数来源)."""

    PRINTED = "printed"
    """The sentence (or the statement) prints last year's / the budget figure."""
    DERIVED = "derived"
    """Not printed: it is this year's figure minus the printed change (本年数 − 变动额)."""
    ABSENT = "absent"
    """Neither printed nor derivable (no current figure or no change amount)."""


DIRECTION_WORDS: Final[Mapping[str, Direction]] = types.MappingProxyType(
    {
        "增加": Direction.INCREASE,
        "增长": Direction.INCREASE,
        "增幅": Direction.INCREASE,
        "增长率": Direction.INCREASE,
        "增速": Direction.INCREASE,
        "上升": Direction.INCREASE,
        "上涨": Direction.INCREASE,
        "提高": Direction.INCREASE,
        "增": Direction.INCREASE,
        "多": Direction.INCREASE,
        "超支": Direction.INCREASE,
        "增支": Direction.INCREASE,
        "增收": Direction.INCREASE,
        "调增": Direction.INCREASE,
        "减少": Direction.DECREASE,
        "下降": Direction.DECREASE,
        "减幅": Direction.DECREASE,
        "降幅": Direction.DECREASE,
        "降低": Direction.DECREASE,
        "减": Direction.DECREASE,
        "降": Direction.DECREASE,
        "少": Direction.DECREASE,
        "节约": Direction.DECREASE,
        "压减": Direction.DECREASE,
        "减支": Direction.DECREASE,
        "减收": Direction.DECREASE,
        "调减": Direction.DECREASE,
        "持平": Direction.UNCHANGED,
        "无增减": Direction.UNCHANGED,
        "无增减变化": Direction.UNCHANGED,
        "一致": Direction.UNCHANGED,
        "无变化": Direction.UNCHANGED,
        "无变动": Direction.UNCHANGED,
        "没有变化": Direction.UNCHANGED,
        "增减变化": Direction.UNCHANGED,
        "保持不变": Direction.UNCHANGED,
    }
)
"""Every direction word the statements read (变动方向用语), and the direction it states."""


def direction_of(word: str) -> Direction | None:
    """The direction a printed word states, or None for a word that is not one.

    >>> direction_of("减幅"), direction_of("持平"), direction_of("占")
    (<Direction.DECREASE: '下降'>, <Direction.UNCHANGED: '持平'>, None)
    """
    return DIRECTION_WORDS.get(word)


@final
@attrs.frozen(slots=True, kw_only=True)
class Part:
    """One part of a parts or count statement (构成项), as printed.

    Attributes:
        subject: 构成项名称 (the part's name, as printed).
        figure: 金额 (its amount), when printed.
        percent: 占比 (its printed share of the whole), when printed.
        count: 数量 (for a count statement: vehicles, batches, people).
    """

    subject: str
    figure: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    percent: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    count: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)


@final
@attrs.frozen(slots=True, kw_only=True)
class Statement:
    """One figure-bearing statement of the narrative (文字表述).

    Attributes:
        kind: share, change, rate, amount, parts or count.
        subject: what the sentence is about, as printed (基本支出, 收、支总计, “三公”经费 …).
        figure: the current figure stated (the part, the current year, the numerator).
        base: the whole, the previous year or the denominator, when stated or known.
        amount: the change amount as printed (unsigned, the direction word gives the sign).
        percent: the percentage as printed (unsigned for changes).
        direction: 增长, 下降 or 持平: what the percent's word (else the amount's) states.
        text: the sentence (or clause) as printed.
        section: where it stands (part and heading).
        amount_word: 变动额用语, the word printed before the change amount (增加, 减少 …).
        percent_word: 变动率用语, the word printed before the percent (增长, 减幅, 增 …),
            kept apart from ``amount_word`` so "减少0.04万元，增0.01%" is representable.
        period: 期间, as printed (2023年度, 本年).
        against: 比较对象 of a change, as printed (上年, 预算, 2022年决算数).
        of: 占比基数, the whole a share is of, as printed (本年支出合计).
        parts: 构成项 of a parts or count statement, in printed order.
        complete: whether ``parts`` are all the parts of the subject (no “……”, no “等”);
            None when the statement has no parts.
        count: 数量 of a count statement.
        count_unit: its unit as printed (辆, 批次, 人次, 个).
        score: 得分 of a score statement, in 分, as printed; None when only a grade is stated.
        full_marks: 满分 printed with it (得分92分（满分100分）), else None.
        grade: 评价等级 the sentence states (优, 良, 中, 差), else None.
        grade_text: the grade as printed (优秀, 良好, 合格 …), which :meth:`Grade.parse` must
            read as ``grade``; None when no grade is stated or its spelling is not kept.
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
    amount_word: str = ""
    percent_word: str = ""
    period: str = ""
    against: str = ""
    of: str = ""
    parts: tuple[Part, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Part)
    )
    complete: bool | None = attrs.field(default=None, validator=f.optional(bool))
    count: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    count_unit: str = ""
    score: Decimal | None = attrs.field(
        default=None, validator=f.optional_decimal, metadata={f.OMITTED_WHEN_NONE: True}
    )
    full_marks: Decimal | None = attrs.field(
        default=None, validator=f.optional_decimal, metadata={f.OMITTED_WHEN_NONE: True}
    )
    grade: Grade | None = attrs.field(
        default=None, validator=f.optional(Grade), metadata={f.OMITTED_WHEN_NONE: True}
    )
    grade_text: str | None = attrs.field(default=None, metadata={f.OMITTED_WHEN_NONE: True})

    @grade_text.validator
    def _grade_as_printed(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None:
            return  # no spelling kept (a grade given without its printed form)
        try:
            read = Grade.parse(value)
        except ParseError:
            read = None
        if read is None or read is not self.grade:
            raise ValidationError(
                "评价等级的印刷写法与等级不符",
                "the grade as printed does not spell the grade",
                field="Statement.grade_text",
                value=value,
                expected=f"a spelling of {self.grade.value}" if self.grade else "None",
            )

    @property
    def base_source(self) -> BaseSource:
        """Whether the base of a change is printed, derived (本年 − 变动额) or absent.

        >>> from budgetperf.money import Amount
        >>> s = Statement(kind=StatementKind.CHANGE, subject="“三公”经费",
        ...               figure=Amount.parse("7.6万元"), amount=Amount.parse("49.19万元"))
        >>> s.base_source
        <BaseSource.DERIVED: 'derived'>
        """
        if self.base is not None:
            return BaseSource.PRINTED
        if self.figure is not None and self.amount is not None:
            return BaseSource.DERIVED
        return BaseSource.ABSENT


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
