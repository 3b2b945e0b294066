"""Performance indicators (绩效指标): comparators, measured values, the 一级/二级/三级 hierarchy."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.errors import ParseError, ValidationError
from budgetperf.layouts._vocabulary import LEVEL1, LEVEL2
from budgetperf.model import _fields as f
from budgetperf.money import normalize_text

__all__ = [
    "COMPARATOR_SPELLINGS",
    "GRADE_WORDS",
    "LEVEL1_KINDS",
    "LEVEL2_KINDS",
    "NUMBER_THEN_UNIT",
    "Comparator",
    "ComparatorText",
    "Grade",
    "Indicator",
    "Measure",
    "QualitativeGrade",
    "SpellingPlace",
    "check_parents",
    "check_spelling",
    "group_by_level1",
    "part_rows",
    "says_something",
    "split_comparator",
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
    def _missing_(cls, value: object) -> Comparator | None:
        # Comparator("≧") and Comparator(">=") work as Comparator.parse does, so every
        # reader that builds the enum from text (JSON included) reads a comparator as printed.
        if isinstance(value, str):
            return _COMPARATOR_TEXT.get(_spelling_key(value))
        return None

    @classmethod
    def parse(cls, text: str) -> Comparator:
        """Read a comparator as printed, in symbols or in words.

        ``＝ = ═ ≥ >= ≧ ≤ <= ≦ ＞ > ＜ <``, 定性, and the words of :data:`COMPARATOR_SPELLINGS`
        (不低于, 不超过, 以上, 以下 …)::

            >>> Comparator.parse("≧"), Comparator.parse("不低于"), Comparator.parse("以下")
            (<Comparator.GE: '≥'>, <Comparator.GE: '≥'>, <Comparator.LE: '≤'>)
        """
        key = _spelling_key(text)
        found = _COMPARATOR_TEXT.get(key)
        if found is None and _spelling_key("…") in key:
            # Two spellings that agree, as split_comparator records them: "不低于…以上".
            read = {_COMPARATOR_TEXT.get(part) for part in key.split(_spelling_key("…"))}
            found = read.pop() if len(read) == 1 else None
        if found is None:
            raise ParseError(
                "无法识别的指标性质",
                "unknown comparator",
                value=text,
                expected="＝ ≥ ≤ ＞ ＜, 定性, or words such as 不低于 / 不超过 / 以上 / 以下",
            )
        return found


class SpellingPlace(enum.Enum):
    """Where a comparator's spelling stands in a target cell (比较符位置)."""

    PREFIX = "prefix"
    """Before the figure: ≥95%, 不低于95%."""
    SUFFIX = "suffix"
    """After the figure and its unit: 95%以上, 12月底前."""
    ALONE = "alone"
    """Only as a whole cell (指标性质 column): 定性."""


def _spelling_key(text: str) -> str:
    return normalize_text(text).replace(" ", "").replace("\u3000", "")


COMPARATOR_SPELLINGS: Final[tuple[tuple[str, Comparator, SpellingPlace], ...]] = tuple(
    (spelling, comparator, SpellingPlace(place))
    for spelling, comparator, place in (
        # (spelling, comparator, where it is written)
        ("==", Comparator.EQ, "prefix"),
        ("=", Comparator.EQ, "prefix"),
        ("＝", Comparator.EQ, "prefix"),
        ("═", Comparator.EQ, "prefix"),
        ("等于", Comparator.EQ, "prefix"),
        (">=", Comparator.GE, "prefix"),
        ("≥", Comparator.GE, "prefix"),
        ("≧", Comparator.GE, "prefix"),
        ("⩾", Comparator.GE, "prefix"),
        ("大于或等于", Comparator.GE, "prefix"),
        ("大于等于", Comparator.GE, "prefix"),
        ("不低于", Comparator.GE, "prefix"),
        ("不少于", Comparator.GE, "prefix"),
        ("不小于", Comparator.GE, "prefix"),
        ("至少", Comparator.GE, "prefix"),
        ("达到", Comparator.GE, "prefix"),
        ("<=", Comparator.LE, "prefix"),
        ("≤", Comparator.LE, "prefix"),
        ("≦", Comparator.LE, "prefix"),
        ("⩽", Comparator.LE, "prefix"),
        ("小于或等于", Comparator.LE, "prefix"),
        ("小于等于", Comparator.LE, "prefix"),
        ("不高于", Comparator.LE, "prefix"),
        ("不超过", Comparator.LE, "prefix"),
        ("不多于", Comparator.LE, "prefix"),
        ("不大于", Comparator.LE, "prefix"),
        ("至多", Comparator.LE, "prefix"),
        (">", Comparator.GT, "prefix"),
        ("＞", Comparator.GT, "prefix"),
        ("大于", Comparator.GT, "prefix"),
        ("高于", Comparator.GT, "prefix"),
        ("超过", Comparator.GT, "prefix"),
        ("多于", Comparator.GT, "prefix"),
        ("<", Comparator.LT, "prefix"),
        ("＜", Comparator.LT, "prefix"),
        ("小于", Comparator.LT, "prefix"),
        ("低于", Comparator.LT, "prefix"),
        ("少于", Comparator.LT, "prefix"),
        # 以上/以下 include the figure itself in official usage (本数), hence ≥ and ≤.
        ("及以上", Comparator.GE, "suffix"),
        ("或以上", Comparator.GE, "suffix"),
        ("以上", Comparator.GE, "suffix"),
        ("及以下", Comparator.LE, "suffix"),
        ("或以下", Comparator.LE, "suffix"),
        ("以下", Comparator.LE, "suffix"),
        ("以内", Comparator.LE, "suffix"),
        ("之内", Comparator.LE, "suffix"),
        # A deadline ("12月底前", "6月前"): done no later than the month named.
        ("底之前", Comparator.LE, "suffix"),
        ("底以前", Comparator.LE, "suffix"),
        ("底前", Comparator.LE, "suffix"),
        ("末前", Comparator.LE, "suffix"),
        ("之前", Comparator.LE, "suffix"),
        ("以前", Comparator.LE, "suffix"),
        ("前", Comparator.LE, "suffix"),
        ("定性", Comparator.QUALITATIVE, "alone"),
    )
)
"""Every printed spelling of a comparator, the one table readers and layouts use."""

_COMPARATOR_TEXT: Final = {
    _spelling_key(spelling): comparator for spelling, comparator, _ in COMPARATOR_SPELLINGS
}
_PREFIXES: Final = sorted(
    (
        (_spelling_key(s), c)
        for s, c, where in COMPARATOR_SPELLINGS
        if where is SpellingPlace.PREFIX
    ),
    key=lambda item: -len(item[0]),
)
_SUFFIXES: Final = sorted(
    (
        (_spelling_key(s), c)
        for s, c, where in COMPARATOR_SPELLINGS
        if where is SpellingPlace.SUFFIX
    ),
    key=lambda item: -len(item[0]),
)


@final
@attrs.frozen(slots=True, kw_only=True)
class ComparatorText:
    """A cell read into a comparator and the rest (指标值中的比较符).

    Attributes:
        comparator: the comparator the cell states, or None.
        printed: the spelling as printed ("≧", "不低于", "以上"), empty when none.
        rest: the text without the comparator ("95%").
    """

    comparator: Comparator | None
    printed: str
    rest: str


def split_comparator(text: str) -> ComparatorText:
    """Read a leading or trailing comparator off a target cell, in symbols or words.

        >>> split_comparator("不低于95%")
        ComparatorText(comparator=<Comparator.GE: '≥'>, printed='不低于', rest='95%')
        >>> split_comparator("95%以上").comparator, split_comparator("12月底前").rest
        (<Comparator.GE: '≥'>, '12月')
        >>> split_comparator("持续提升").comparator is None
        True

    ``printed`` is the spelling as the cell prints it, full-width forms kept
    (``split_comparator("＞5").printed == "＞"``). A prefix and a suffix that disagree
    ("不超过5%以上") state no comparator: the cell is kept as text rather than guessed at.
    """
    cleaned = normalize_text(text).replace("\u3000", " ").strip()
    # The spellings are matched on the folded text (full-width → ASCII, no blanks) and
    # quoted from the printed one.
    compact = cleaned.replace(" ", "")

    def printed_span(start: int, end: int) -> str:
        # Which printed characters fold to compact[start:end]; folding character by
        # character agrees with folding the whole cell except in composed sequences, where
        # the folded spelling is all that can be quoted.
        owner = [n for n, ch in enumerate(text) for _ in _spelling_key(ch)]
        if len(owner) != len(compact):
            return compact[start:end]
        return text[owner[start] : owner[end - 1] + 1].strip()

    comparator: Comparator | None = None
    printed: list[str] = []
    head_at = 0
    for spelling, found in _PREFIXES:
        # A word ("大于", "达到") states a comparator only before a figure: "高于全省平均"
        # is a qualitative target, not ＞ applied to text.
        if (
            compact.startswith(spelling)
            and len(compact) > len(spelling)
            and (
                spelling.isascii() or len(spelling) == 1 or _FIGURE.match(compact[len(spelling) :])
            )
        ):
            comparator = found
            printed.append(printed_span(0, len(spelling)))
            head_at = len(spelling)
            break
    rest = compact[head_at:]
    for spelling, found in _SUFFIXES:
        # The suffix must follow a figure or a unit, not be the whole cell.
        if rest.endswith(spelling) and len(rest) > len(spelling):
            head = rest[: -len(spelling)]
            if not NUMBER_THEN_UNIT.match(head):
                continue
            if comparator is not None and found is not comparator:
                return ComparatorText(comparator=None, printed="", rest=cleaned)
            comparator = found
            printed.append(printed_span(len(compact) - len(spelling), len(compact)))
            rest = head
            break
    if comparator is None:
        return ComparatorText(comparator=None, printed="", rest=cleaned)
    return ComparatorText(comparator=comparator, printed="…".join(printed), rest=rest)


_FIGURE: Final = re.compile(r"[+-]?\.?\d")
NUMBER_THEN_UNIT: Final = re.compile(
    r"^(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>[^\d]*?)\s*$"
)
"""A figure and the unit behind it ("95%", "5 次"); more digits after it (a date) do not match.

A suffix word ("以上", "底前") states a comparator only after such a figure."""


_SYMBOL_OF: Final = {id(comparator): comparator.value for comparator in Comparator}
"""Each comparator's canonical symbol by the member's ``id`` (reading ``.value``, or hashing
a member, is a Python-level call: this is asked of every row structured)."""


def _canonical(record: Measure | Indicator) -> str:
    """The spelling a comparator has when none was recorded: its canonical symbol."""
    return record.comparator.value if record.comparator is not None else ""


def check_spelling(field: str, comparator: Comparator | None, printed: str) -> None:
    """A comparator's printed spelling must spell that comparator (one home of the rule).

    ``printed`` is empty, or one spelling of :data:`COMPARATOR_SPELLINGS` (or two that
    agree, joined by "…" as :func:`split_comparator` writes them) that reads as
    ``comparator``.

    Raises:
        ValidationError: a spelling without a comparator, or one of another comparator.
    """
    if not printed or printed == _SYMBOL_OF.get(id(comparator)):
        return  # no spelling, or the canonical symbol (a spelling of its own comparator)
    parts = printed.split("…")
    read = {_COMPARATOR_TEXT.get(_spelling_key(part)) for part in parts}
    if comparator is None or read != {comparator} or not all(p.strip() for p in parts):
        raise ValidationError(
            "比较符的印刷写法与比较符不符",
            "the comparator as printed does not spell the comparator",
            field=field,
            value=printed,
            expected=(
                f"a spelling of {comparator.value} such as {comparator.value}"
                if comparator is not None
                else "empty when there is no comparator"
            ),
        )


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
    "一般": Grade.FAIR,
    "fair": Grade.FAIR,
    "差": Grade.POOR,
    "较差": Grade.POOR,
    "不合格": Grade.POOR,
    "poor": Grade.POOR,
}


GRADE_WORDS: Final = tuple(
    sorted((word for word in _GRADE_TEXT if not word.isascii()), key=len, reverse=True)
)
"""Every Chinese spelling of a grade :meth:`Grade.parse` reads (优秀, 良好, 合格, 一般 …),
longest first: the one home of the grade words, for the readers of sentences."""


class QualitativeGrade(enum.Enum):
    """Achievement grade of a qualitative indicator (定性指标完成等级)."""

    ACHIEVED = "达成年度指标"
    PARTLY_ACHIEVED = "部分达成年度指标并具有一定效果"
    NOT_ACHIEVED = "未达成年度指标且效果较差"


LEVEL1_KINDS: Final = LEVEL1
"""一级指标 seen in national and local tables (others are accepted as printed); the layouts'
vocabulary, the one home of these labels."""

LEVEL2_KINDS: Final = LEVEL2
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
        comparator: the comparator printed in the cell itself ("≥90%", "90%以上" → ≥), or
            None. On an actual it says the value is a bound (范围值), not a figure.
        comparator_text: that comparator as printed ("≥", "≧", "不低于", "以上"; a prefix and
            a suffix that agree are joined by "…": "不低于…以上"); empty when there is no
            comparator, its canonical symbol when none is given.
    """

    text: str
    value: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    unit: str = ""
    comparator: Comparator | None = attrs.field(default=None, validator=f.optional(Comparator))
    comparator_text: str = attrs.field(default=attrs.Factory(_canonical, takes_self=True))

    @comparator_text.validator
    @f.screened(str, may_refuse="v")  # an empty spelling is always right
    def _spelled(self, attribute: attrs.Attribute[str], value: str) -> None:
        check_spelling("Measure.comparator_text", self.comparator, value)

    @property
    def is_numeric(self) -> bool:
        """Whether the cell holds a number."""
        return self.value is not None

    @property
    def is_bound(self) -> bool:
        """Whether the cell states a bound ("≥90%", "90%以上") rather than a figure (范围值).

        ＝ and 定性 printed in the cell state no bound: "＝100%" is the figure 100 %.
        """
        return self.comparator is not None and self.comparator not in (
            Comparator.EQ,
            Comparator.QUALITATIVE,
        )


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
        weight: 权重 / 分值, or None when the row prints none (a form without a 分值 column, a
            其中 sub-row, a cell that cannot be read).
        reported_score: 得分 as printed, or None when empty.
        deviation_note: 未完成原因分析 / 偏差原因分析及改进措施.
        applicable: False for an indicator marked not applicable (不适用).
        qualitative_grade: the achievement grade of a qualitative indicator, when stated.
        share: 权重占比 as printed, in percent (forms such as Hebei's that print it).
        converted_score: 折算得分 as printed (权重占比 × 得分, on those forms).
        comparator_text: ``comparator`` as printed, in the 指标性质 column or the target
            cell ("≧", "═", ">=", "不低于", "以上" …); empty when there is no comparator,
            the canonical symbol (≥ …) when none is given.
        parent: for a part (分项, a 其中 row under the row it breaks down), the index of that
            row in the document's indicators; None for a row of its own. A part is shown
            with its own figures and never counted in the sums: its parent row is (see
            :func:`part_rows`).
        level1_weight: 一级指标分值, the points of the row's 一级 where the form prints them
            in a column of their own (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值, the
            merged cell repeated on each row it covers); None where it prints none, or
            prints them in the label (产出指标(50分)). Written into JSON only when set.
        level2_weight: 二级指标分值, the points of the row's 二级 printed so; as
            ``level1_weight``.
    """

    level1: str
    level2: str
    name: str
    comparator: Comparator | None = attrs.field(default=None, validator=f.optional(Comparator))
    target: Measure = attrs.field(validator=f.instance_of(Measure))
    unit: str = ""
    actual: Measure | None = attrs.field(default=None, validator=f.optional(Measure))
    weight: Decimal | None = attrs.field(default=None, validator=f.optional_points)
    reported_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    deviation_note: str = ""
    applicable: bool = True
    qualitative_grade: QualitativeGrade | None = attrs.field(
        default=None, validator=f.optional(QualitativeGrade)
    )
    share: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    converted_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    comparator_text: str = attrs.field(default=attrs.Factory(_canonical, takes_self=True))
    parent: int | None = attrs.field(default=None, validator=f.optional_index)
    level1_weight: Decimal | None = attrs.field(
        default=None, validator=f.optional_points, metadata={f.OMITTED_WHEN_NONE: True}
    )
    level2_weight: Decimal | None = attrs.field(
        default=None, validator=f.optional_points, metadata={f.OMITTED_WHEN_NONE: True}
    )

    @comparator_text.validator
    @f.screened(str, may_refuse="v")  # an empty spelling is always right
    def _spelled(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value != _SYMBOL_OF.get(id(self.comparator)):  # the canonical symbol: spelled
            check_spelling("Indicator.comparator_text", self.comparator, value)

    @property
    def is_part(self) -> bool:
        """Whether the row is a part of the row above it (分项, 其中 …)."""
        return self.parent is not None

    @property
    def has_note(self) -> bool:
        """Whether a deviation note says anything (无, "/" and blanks say nothing)."""
        return says_something(self.deviation_note)


# A CJK ideograph other than 无 comes through NFKC unchanged, so a note holding one says
# something: most notes are decided without normalizing them (NFKC of a Chinese sentence
# with full-width punctuation is the costliest step of scoring a row).
_IDEOGRAPH_NOT_WU: Final = re.compile("[\u4e00-\u65df\u65e1-\u9fff]")


def says_something(note: str) -> bool:
    """Whether a note (偏差原因) says anything: 无, "/" and blanks say nothing."""
    if not note:
        return False
    if _IDEOGRAPH_NOT_WU.search(note) is not None:
        return True
    text = normalize_text(note).replace(" ", "")
    return text not in ("", "无", "/", "-", "—", "无。")


def part_rows(indicators: tuple[Indicator, ...]) -> frozenset[int]:
    """The rows that are parts of another (分项): shown, scored for comparison, never summed.

    A part (``parent`` set) repeats a share of what its parent row already counts — the
    areas of 其中桃树种植面积 … inside 补助各类瓜果蔬菜种植面积 — so the weights, scores and
    totals of a table add its parent rows only, whatever points a part prints.

        >>> rows = (Indicator(level1="产出指标", level2="数量指标", name="★补助鱼塘面积",
        ...                   target=Measure(text="3亩"), weight=Decimal(10)),
        ...         Indicator(level1="产出指标", level2="数量指标", name="其中鱼塘养殖面积",
        ...                   target=Measure(text="3亩"), parent=0))
        >>> sorted(part_rows(rows))
        [1]
    """
    return frozenset(n for n, indicator in enumerate(indicators) if indicator.parent is not None)


def check_parents(field: str, indicators: tuple[Indicator, ...]) -> None:
    """Every part names an earlier row of the same table as its parent.

    Raises:
        ValidationError: a parent index that is not an earlier row.
    """
    for n, indicator in enumerate(indicators):
        if indicator.parent is not None and not indicator.parent < n:
            raise ValidationError(
                "分项指标的上级行须在其之前",
                "a part's parent must be an earlier row",
                field=field,
                value=indicator.parent,
                expected=f"row {n}: parent None"
                + (f" or an index from 0 to {n - 1}" if n else " (the first row has none)"),
            )


def group_by_level1(
    indicators: tuple[Indicator, ...],
) -> Iterator[tuple[str, tuple[Indicator, ...]]]:
    """The indicators grouped by 一级指标 in order of first appearance."""
    order: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        order.setdefault(indicator.level1, []).append(indicator)
    for level1, items in order.items():
        yield level1, tuple(items)
