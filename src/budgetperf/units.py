"""Units of indicator values (计量单位): a small closed set with exact conversions.

A target and an actual are compared only after both are in one unit. Units of one kind
convert exactly (元/万元/亿元, 个/万个, 人/万人, 分钟/小时/天, 月/季度/年 …); units of
different kinds do not compare at all (人 against 人次, 元 against 次)::

    >>> both = common_scale(Decimal(2), "万元", Decimal(10000), "元")
    >>> both.actual == 20000, both.target, both.unit, both.note
    (True, Decimal('10000'), '元', '2万元 = 20000元')
    >>> common_scale(Decimal(18), "个月", Decimal(1), "年").note
    '1年 = 12个月'
    >>> common_scale(Decimal(3), "万", Decimal(25000), "人次").note
    '3万 = 30000人次'
    >>> common_scale(Decimal(3), "", Decimal(2), "人").unit
    '人'
    >>> common_scale(Decimal(5), "人次", Decimal(3), "人").reason
    '人次 与 人 不是同一种计量单位，不能比较'
    >>> parse_unit("万人次")
    ParsedUnit(text='万人次', base=<BaseUnit.PERSON_TIMES: '人次'>, exponent=4)

A unit that is not in the table compares only with the same text (``"元/人"`` with
``"元/人"``); a blank unit takes the other side's.
"""

from __future__ import annotations

import enum
import functools
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final, final

import attrs

from budgetperf.explanations import TEMPLATES
from budgetperf.money import normalize_text

# The sentences of unit conversion (their English forms are in budgetperf.explanations).
_INCOMPARABLE: Final = TEMPLATES["units.reason"].zh
_CONVERTED: Final = TEMPLATES["units.converted"].zh
_NOTES: Final = TEMPLATES["notes"].zh

__all__ = [
    "BaseUnit",
    "Converted",
    "Incomparable",
    "ParsedUnit",
    "UnitKind",
    "common_scale",
    "parse_unit",
]

# Products of a value by a unit factor have at most the digits of both; this context is
# wide enough that no conversion is ever rounded.
_EXACT: Final = Context(prec=200, rounding=ROUND_HALF_UP)


class UnitKind(enum.Enum):
    """What a unit measures (计量单位类别); only units of one kind compare."""

    MONEY = "money"
    ITEMS = "items"
    PERSONS = "persons"
    PERSON_TIMES = "person_times"
    TIMES = "times"
    DURATION = "duration"
    CALENDAR = "calendar"
    PERCENT = "percent"
    LENGTH = "length"
    AREA = "area"
    MASS = "mass"
    HOUSEHOLDS = "households"
    CASES = "cases"
    PROJECTS = "projects"
    SESSIONS = "sessions"
    ISSUES = "issues"
    ARTICLES = "articles"
    COPIES = "copies"
    VOLUMES = "volumes"
    SETS = "sets"
    MACHINES = "machines"
    VEHICLES = "vehicles"
    ORGANISATIONS = "organisations"
    PLACES = "places"
    BATCHES = "batches"
    CLASS_HOURS = "class_hours"
    POINTS = "points"


class BaseUnit(enum.Enum):
    """A known unit without its magnitude prefix (万, 亿, 千)."""

    YUAN = "元"
    ITEM = "个"
    PERSON = "人"
    PERSON_TIMES = "人次"
    TIMES = "次"
    MINUTE = "分钟"
    HOUR = "小时"
    DAY = "天"
    WEEK = "周"
    MONTH = "月"
    QUARTER = "季度"
    YEAR = "年"
    PERCENT = "%"
    PER_MILLE = "‰"
    METRE = "米"
    KILOMETRE = "公里"
    SQUARE_METRE = "平方米"
    HECTARE = "公顷"
    KILOGRAM = "千克"
    TONNE = "吨"
    HOUSEHOLD = "户"
    CASE = "件"
    PROJECT = "项"
    SESSION = "场"
    ISSUE = "期"
    ARTICLE = "篇"
    COPY = "份"
    VOLUME = "册"
    SET = "套"
    MACHINE = "台"
    VEHICLE = "辆"
    ORGANISATION = "家"
    PLACE = "处"
    BATCH = "批"
    CLASS_HOUR = "课时"
    POINT = "分"

    @property
    def kind(self) -> UnitKind:
        """What the unit measures."""
        return _KIND_AND_FACTOR[self][0]

    @property
    def factor(self) -> Decimal:
        """How many of its kind's smallest unit one of this unit is (1 小时 = 60 分钟)."""
        return _KIND_AND_FACTOR[self][1]


_KIND_AND_FACTOR: Final[dict[BaseUnit, tuple[UnitKind, Decimal]]] = {
    BaseUnit.YUAN: (UnitKind.MONEY, Decimal(1)),
    BaseUnit.ITEM: (UnitKind.ITEMS, Decimal(1)),
    BaseUnit.PERSON: (UnitKind.PERSONS, Decimal(1)),
    BaseUnit.PERSON_TIMES: (UnitKind.PERSON_TIMES, Decimal(1)),
    BaseUnit.TIMES: (UnitKind.TIMES, Decimal(1)),
    # A day is exactly 24 hours; a month is not a whole number of days, so 天 and 月 are
    # two kinds rather than one with a guessed 30.
    BaseUnit.MINUTE: (UnitKind.DURATION, Decimal(1)),
    BaseUnit.HOUR: (UnitKind.DURATION, Decimal(60)),
    BaseUnit.DAY: (UnitKind.DURATION, Decimal(1440)),
    BaseUnit.WEEK: (UnitKind.DURATION, Decimal(10080)),
    BaseUnit.MONTH: (UnitKind.CALENDAR, Decimal(1)),
    BaseUnit.QUARTER: (UnitKind.CALENDAR, Decimal(3)),
    BaseUnit.YEAR: (UnitKind.CALENDAR, Decimal(12)),
    BaseUnit.PERCENT: (UnitKind.PERCENT, Decimal(1)),
    BaseUnit.PER_MILLE: (UnitKind.PERCENT, Decimal("0.1")),
    BaseUnit.METRE: (UnitKind.LENGTH, Decimal(1)),
    BaseUnit.KILOMETRE: (UnitKind.LENGTH, Decimal(1000)),
    BaseUnit.SQUARE_METRE: (UnitKind.AREA, Decimal(1)),
    BaseUnit.HECTARE: (UnitKind.AREA, Decimal(10000)),
    BaseUnit.KILOGRAM: (UnitKind.MASS, Decimal(1)),
    BaseUnit.TONNE: (UnitKind.MASS, Decimal(1000)),
    BaseUnit.HOUSEHOLD: (UnitKind.HOUSEHOLDS, Decimal(1)),
    BaseUnit.CASE: (UnitKind.CASES, Decimal(1)),
    BaseUnit.PROJECT: (UnitKind.PROJECTS, Decimal(1)),
    BaseUnit.SESSION: (UnitKind.SESSIONS, Decimal(1)),
    BaseUnit.ISSUE: (UnitKind.ISSUES, Decimal(1)),
    BaseUnit.ARTICLE: (UnitKind.ARTICLES, Decimal(1)),
    BaseUnit.COPY: (UnitKind.COPIES, Decimal(1)),
    BaseUnit.VOLUME: (UnitKind.VOLUMES, Decimal(1)),
    BaseUnit.SET: (UnitKind.SETS, Decimal(1)),
    BaseUnit.MACHINE: (UnitKind.MACHINES, Decimal(1)),
    BaseUnit.VEHICLE: (UnitKind.VEHICLES, Decimal(1)),
    BaseUnit.ORGANISATION: (UnitKind.ORGANISATIONS, Decimal(1)),
    BaseUnit.PLACE: (UnitKind.PLACES, Decimal(1)),
    BaseUnit.BATCH: (UnitKind.BATCHES, Decimal(1)),
    BaseUnit.CLASS_HOUR: (UnitKind.CLASS_HOURS, Decimal(1)),
    BaseUnit.POINT: (UnitKind.POINTS, Decimal(1)),
}

# Other spellings of a base unit; 名 and 位 count people as 人 does (人次 is another kind).
_ALIASES: Final[dict[str, BaseUnit]] = {
    **{u.value: u for u in BaseUnit},
    "名": BaseUnit.PERSON,
    "位": BaseUnit.PERSON,
    "日": BaseUnit.DAY,
    "个工作日": BaseUnit.DAY,
    "个月": BaseUnit.MONTH,
    "个季度": BaseUnit.QUARTER,
    "个百分点": BaseUnit.PERCENT,
    "百分点": BaseUnit.PERCENT,
    "百分比": BaseUnit.PERCENT,
    "千米": BaseUnit.KILOMETRE,
    "km": BaseUnit.KILOMETRE,
    "m": BaseUnit.METRE,
    "m2": BaseUnit.SQUARE_METRE,
    "㎡": BaseUnit.SQUARE_METRE,
    "公斤": BaseUnit.KILOGRAM,
    "kg": BaseUnit.KILOGRAM,
    "学时": BaseUnit.CLASS_HOUR,
    "人·次": BaseUnit.PERSON_TIMES,
    "人/次": BaseUnit.PERSON_TIMES,
    "个次": BaseUnit.TIMES,
}
# 个工作日 is days of work, not calendar days: keep it apart by removing the alias above
# from the table of known units (it compares only with itself, by text).
del _ALIASES["个工作日"]

_MAGNITUDES: Final = (("亿", 8), ("万", 4), ("千", 3), ("百", 2))


@final
@attrs.frozen(slots=True, kw_only=True)
class ParsedUnit:
    """A unit as printed, read into a base unit and a power of ten (万 = 4).

    Attributes:
        text: the unit as printed.
        base: the known unit, or None when the text is not one (then it compares by text)
            or is a bare magnitude (``"万"``).
        exponent: the power of ten of a 万/亿/千/百 prefix.
    """

    text: str
    base: BaseUnit | None
    exponent: int = 0

    @property
    def key(self) -> str:
        """The text compared when the unit is not a known one."""
        return normalize_text(self.text).replace(" ", "")

    @property
    def bare_magnitude(self) -> bool:
        """A prefix alone (``"万"``): a multiple of whatever unit the row is in."""
        return self.base is None and self.exponent != 0 and self.key in dict(_MAGNITUDES)


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> ParsedUnit:
    """Read a unit as printed (``"万元"``, ``"人次"``, ``"个月"``, ``"%"``, ``"元/人"``)."""
    key = normalize_text(text).replace(" ", "").replace("\u3000", "")
    found = _ALIASES.get(key) or _ALIASES.get(key.lower())
    if found is not None:
        return ParsedUnit(text=text, base=found)
    for prefix, exponent in _MAGNITUDES:
        if key.startswith(prefix):
            rest = key[len(prefix) :]
            if not rest:
                return ParsedUnit(text=text, base=None, exponent=exponent)
            base = _ALIASES.get(rest)
            if base is not None:
                return ParsedUnit(text=text, base=base, exponent=exponent)
    return ParsedUnit(text=text, base=None)


@final
@attrs.frozen(slots=True, kw_only=True)
class Converted:
    """An actual and a target brought to one unit, exactly.

    Attributes:
        actual: the actual in ``unit``.
        target: the target in ``unit``.
        unit: the unit both are now in ("" when neither has one).
        note: how a conversion was made (empty when none was needed).
    """

    actual: Decimal
    target: Decimal
    unit: str
    note: str = ""


@final
@attrs.frozen(slots=True, kw_only=True)
class Incomparable:
    """An actual and a target in units that cannot be compared (人 against 人次).

    Attributes:
        actual_unit: the actual's unit as printed.
        target_unit: the target's unit as printed.
        reason: why, in Chinese.
    """

    actual_unit: str
    target_unit: str
    reason: str


def _resolve(unit: ParsedUnit, other: ParsedUnit) -> ParsedUnit:
    """A bare 万 takes the base of the other side (a cell "231万" under a 人次 column)."""
    if unit.bare_magnitude and other.base is not None:
        return ParsedUnit(text=unit.text, base=other.base, exponent=unit.exponent)
    return unit


def _size(unit: ParsedUnit) -> Decimal:
    """One of ``unit`` in its kind's reference unit (1 万元 = 10000 元)."""
    assert unit.base is not None
    return unit.base.factor.scaleb(unit.exponent, _EXACT)


def _text_of(unit: ParsedUnit) -> str:
    """The unit's canonical spelling (万人次, 元)."""
    assert unit.base is not None
    prefix = {e: p for p, e in _MAGNITUDES}.get(unit.exponent, "")
    return prefix + unit.base.value


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return normalize_text(text)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def common_scale(
    actual: Decimal, actual_unit: str, target: Decimal, target_unit: str
) -> Converted | Incomparable:
    """Bring ``actual`` and ``target`` to one unit, or say why they do not compare.

    A blank unit on one side takes the other side's. The result is exact: a conversion only
    multiplies (into the smaller unit), it never divides.
    """
    a_text, t_text = actual_unit.strip(), target_unit.strip()
    if not a_text or not t_text or a_text == t_text or _folded(a_text) == _folded(t_text):
        return Converted(actual=actual, target=target, unit=t_text or a_text)
    a_unit = _resolve(parse_unit(a_text), parse_unit(t_text))
    t_unit = _resolve(parse_unit(t_text), a_unit)
    if a_unit.base is None or t_unit.base is None:
        if a_unit.base is None and t_unit.base is None and a_unit.key == t_unit.key:
            return Converted(actual=actual, target=target, unit=t_text)
        return Incomparable(
            actual_unit=a_text,
            target_unit=t_text,
            reason=_INCOMPARABLE(unit_a=a_text, unit_t=t_text),
        )
    if a_unit.base.kind is not t_unit.base.kind:
        return Incomparable(
            actual_unit=a_text,
            target_unit=t_text,
            reason=_INCOMPARABLE(unit_a=a_text, unit_t=t_text),
        )
    if a_unit.base is t_unit.base and a_unit.exponent == t_unit.exponent:
        return Converted(actual=actual, target=target, unit=t_text)
    # Into the smaller of the two units: within a kind each unit is a whole multiple of a
    # smaller one, so the conversion only multiplies and nothing is rounded.
    small, large = sorted((a_unit, t_unit), key=_size)
    factor = _EXACT.divide(_size(large), _size(small))
    printed = small.text.strip()
    unit = printed if parse_unit(printed).base is not None else _text_of(small)
    a_value = actual if a_unit is small else _EXACT.multiply(actual, factor)
    t_value = target if t_unit is small else _EXACT.multiply(target, factor)
    notes = []
    if a_unit is large and factor != 1:
        notes.append(
            _CONVERTED(A=_plain(actual), from_unit=a_text, T=_plain(a_value), to_unit=unit)
        )
    if t_unit is large and factor != 1:
        notes.append(
            _CONVERTED(A=_plain(target), from_unit=t_text, T=_plain(t_value), to_unit=unit)
        )
    note = _NOTES(first=notes[0], second=notes[1]) if len(notes) == 2 else "".join(notes)
    return Converted(actual=a_value, target=t_value, unit=unit, note=note)
