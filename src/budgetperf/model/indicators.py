"""Performance indicators (绩效指标): comparators, measured values, the 一级/二级/三级 hierarchy."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.errors import ParseError, ValidationError
from budgetperf.model import _fields as f
from budgetperf.money import normalize_text

__all__ = [
    "LEVEL1_KINDS",
    "LEVEL2_KINDS",
    "Comparator",
    "Grade",
    "Indicator",
    "Measure",
    "QualitativeGrade",
    "group_by_level1",
]


class Comparator(enum.Enum):
    """Indicator comparator (指标性质 / 计算符号)."""

    EQ = "＝"
    GE = "≥"
    LE = "≤"
    GT = "＞"
    LT = "＜"
    QUALITATIVE = "定性"

    @property
    def is_positive(self) -> bool:
        """≥ and ＞: more is better (正向指标)."""
        return self in (Comparator.GE, Comparator.GT)

    @property
    def is_reverse(self) -> bool:
        """≤ and ＜: less is better (反向指标)."""
        return self in (Comparator.LE, Comparator.LT)

    @classmethod
    def parse(cls, text: str) -> Comparator:
        """Read a comparator as printed: ``＝ = ≥ >= ≧ ≤ <= ≦ ＞ > ＜ <`` or 定性."""
        key = normalize_text(text).replace(" ", "")
        found = _COMPARATOR_TEXT.get(key)
        if found is None:
            raise ParseError(
                "无法识别的指标性质",
                "unknown comparator",
                value=text,
                expected="＝ ≥ ≤ ＞ ＜ or 定性",
            )
        return found


_COMPARATOR_TEXT: Final = {
    "=": Comparator.EQ,
    "==": Comparator.EQ,
    "＝": Comparator.EQ,
    "≥": Comparator.GE,
    ">=": Comparator.GE,
    "≧": Comparator.GE,
    "⩾": Comparator.GE,
    "≤": Comparator.LE,
    "<=": Comparator.LE,
    "≦": Comparator.LE,
    "⩽": Comparator.LE,
    ">": Comparator.GT,
    "＞": Comparator.GT,
    "<": Comparator.LT,
    "＜": Comparator.LT,
    "定性": Comparator.QUALITATIVE,
}


class Grade(enum.Enum):
    """Evaluation grade (评价等级)."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @classmethod
    def parse(cls, text: str) -> Grade:
        """Read a grade as printed: 优, 优秀, 优秀等次, 良好, 中, 合格, 差, 不合格 …"""
        key = normalize_text(text).replace(" ", "")
        for suffix in ("等级", "等次", "级"):
            key = key.removesuffix(suffix)
        found = _GRADE_TEXT.get(key)
        if found is None:
            raise ParseError(
                "无法识别的评价等级", "unknown grade", value=text, expected="优, 良, 中 or 差"
            )
        return found


_GRADE_TEXT: Final = {
    "优": Grade.EXCELLENT,
    "优秀": Grade.EXCELLENT,
    "excellent": Grade.EXCELLENT,
    "良": Grade.GOOD,
    "良好": Grade.GOOD,
    "good": Grade.GOOD,
    "中": Grade.FAIR,
    "中等": Grade.FAIR,
    "合格": Grade.FAIR,
    "fair": Grade.FAIR,
    "差": Grade.POOR,
    "较差": Grade.POOR,
    "不合格": Grade.POOR,
    "poor": Grade.POOR,
}


class QualitativeGrade(enum.Enum):
    """Achievement grade of a qualitative indicator (定性指标完成等级)."""

    ACHIEVED = "达成年度指标"
    PARTLY_ACHIEVED = "部分达成年度指标并具有一定效果"
    NOT_ACHIEVED = "未达成年度指标且效果较差"


LEVEL1_KINDS: Final = ("产出指标", "效益指标", "满意度指标", "成本指标")
"""一级指标 seen in national and local tables (others are accepted as printed)."""

LEVEL2_KINDS: Final = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
)
"""二级指标 seen in national and local tables (others are accepted as printed)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Measure:
    """A target or actual value as printed (指标值 / 完成值).

    Attributes:
        text: the cell exactly as printed ("≥5次", "　231万", "2023年12月31日前"); kept so
            that nothing is lost.
        value: the number in it, when there is one.
        unit: the unit written in the cell ("%", "次", "万", "年"); empty when none.
    """

    text: str
    value: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    unit: str = ""

    @property
    def is_numeric(self) -> bool:
        """Whether the cell holds a number."""
        return self.value is not None


@final
@attrs.frozen(slots=True, kw_only=True)
class Indicator:
    """A level-3 performance indicator row (三级指标) with its place in the hierarchy.

    Reported and computed values are separate: this record holds only what the table
    says; scores computed by a rule set live in the score sheet.

    Attributes:
        level1: 一级指标 as printed (产出指标, 效益指标, 满意度指标, 成本指标 …).
        level2: 二级指标 as printed (数量指标, 质量指标 …).
        name: 三级指标 text.
        comparator: 指标性质 (＝ ≥ ≤ ＞ ＜, 定性), or None when the table gives none.
        target: 指标值 / 年度指标值.
        unit: 度量单位 column, when the layout has one.
        actual: 完成值 / 实际完成值, or None when the cell is empty.
        weight: 权重 / 分值.
        reported_score: 得分 as printed, or None when empty.
        deviation_note: 未完成原因分析 / 偏差原因分析及改进措施.
        applicable: False for an indicator marked not applicable (不适用).
        qualitative_grade: the achievement grade of a qualitative indicator, when stated.
    """

    level1: str
    level2: str
    name: str
    comparator: Comparator | None = attrs.field(default=None, validator=f.optional(Comparator))
    target: Measure = attrs.field(validator=f.instance_of(Measure))
    unit: str = ""
    actual: Measure | None = attrs.field(default=None, validator=f.optional(Measure))
    weight: Decimal = attrs.field(validator=f.optional_decimal)
    reported_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    deviation_note: str = ""
    applicable: bool = True
    qualitative_grade: QualitativeGrade | None = attrs.field(
        default=None, validator=f.optional(QualitativeGrade)
    )

    @weight.validator
    def _weight_not_negative(self, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if value is None or value < 0:
            raise ValidationError(
                "指标权重必须是非负数",
                "indicator weight must be a number ≥ 0",
                field="Indicator.weight",
                value=value,
                expected="Decimal ≥ 0",
            )

    @property
    def has_note(self) -> bool:
        """Whether a deviation note says anything (无, "/" and blanks say nothing)."""
        if not self.deviation_note:
            return False
        text = normalize_text(self.deviation_note).replace(" ", "")
        return text not in ("", "无", "/", "-", "—", "无。")


def group_by_level1(
    indicators: tuple[Indicator, ...],
) -> Iterator[tuple[str, tuple[Indicator, ...]]]:
    """The indicators grouped by 一级指标 in order of first appearance."""
    order: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        order.setdefault(indicator.level1, []).append(indicator)
    for level1, items in order.items():
        yield level1, tuple(items)
