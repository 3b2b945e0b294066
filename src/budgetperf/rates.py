"""Rates (比率): pure functions that return exact ratios, never floats.

Every function returns either a :class:`Rate` or :data:`NotApplicable`, the one documented
answer for a zero or missing denominator (never ``ZeroDivisionError``, ``Infinity`` or a
made-up 100 %)::

    >>> rate = execution_rate(Amount.parse("874.05万元"), Amount.parse("614.51万元"))
    >>> rate.percent(2)
    Decimal('142.24')
    >>> rate.explain()
    '874.05万元 ÷ 614.51万元'
    >>> execution_rate(Amount.parse("0万元"), Amount.parse("0万元"))
    NotApplicable(reason='zero_denominator')

Precision: a quotient is exact whenever it terminates within :data:`RATE_PRECISION` (34)
significant digits; otherwise it is rounded once, ROUND_HALF_UP, at the 34th digit. Every
rate also keeps its numerator and denominator, so nothing is lost for explanations or checks.
The library never touches the global decimal context: these functions use their own.
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, Final, Literal, final

import attrs

from budgetperf.errors import FloatNotAllowedError
from budgetperf.explanations import TEMPLATES
from budgetperf.money import Amount, Rounding, Unit, to_decimal

__all__ = [
    "RATE_CONTEXT",
    "RATE_PRECISION",
    "Change",
    "Direction",
    "NotApplicable",
    "Rate",
    "balance_rate",
    "change",
    "execution_rate",
    "funds_in_place_rate",
    "ratio",
    "share",
]

RATE_PRECISION: Final = 34
"""Significant digits kept by a quotient that does not terminate."""

RATE_CONTEXT: Final = Context(prec=RATE_PRECISION, rounding=ROUND_HALF_UP)
"""The private context rates divide in (the host application's context is left alone)."""

Quantity = Amount | Decimal | int


def _quantity(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An Amount, Decimal or int (or None): a float is refused at construction."""
    if value is not None and not isinstance(value, Amount):
        to_decimal(value, field=attribute.name)


def _fraction(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A Decimal: a float (or anything else) is refused at construction."""
    if not isinstance(value, Decimal):
        to_decimal(value, field=attribute.name)  # a float or text: its own error
        raise FloatNotAllowedError(
            "比率应为 Decimal",
            "a rate's value must be a Decimal",
            field=attribute.name,
            value=value,
            expected="decimal.Decimal",
        )


def _as_decimal(value: Quantity, other: Quantity) -> Decimal:
    """The number behind ``value``; amounts are brought to the unit of ``other`` exactly."""
    if isinstance(value, Amount):
        if isinstance(other, Amount) and other.unit is not value.unit:
            # A ratio has no unit, and 元↔万元 conversion is exact, so mixing units is safe here.
            return value.to(Unit.YUAN).value
        return value.value
    return to_decimal(value)


@final
@attrs.frozen(slots=True, repr=False)
class Rate:
    """A ratio (比率) with the figures it came from.

    Attributes:
        value: the ratio as a fraction (1.4224 … for 142.24 %), exact or to 34 digits.
        numerator: what was divided (分子), as given.
        denominator: what it was divided by (分母), as given.
    """

    value: Decimal = attrs.field(validator=_fraction)
    numerator: Quantity | None = attrs.field(default=None, validator=_quantity)
    denominator: Quantity | None = attrs.field(default=None, validator=_quantity)

    @property
    def is_applicable(self) -> Literal[True]:
        """Always true for a rate (see :class:`NotApplicable`)."""
        return True

    def percent(self, places: int | None = None) -> Decimal:
        """The rate in percent; rounded 四舍五入 to ``places`` when given, else exact."""
        value = self.value.scaleb(2, RATE_CONTEXT)
        return value if places is None else Rounding(places).apply(value)

    def explain(self) -> str:
        """``"numerator ÷ denominator"`` as the figures were given."""
        if self.numerator is None or self.denominator is None:
            return str(self.value)
        return f"{self.numerator} ÷ {self.denominator}"

    def __repr__(self) -> str:
        return f"Rate({str(self.value)!r})"


@final
@attrs.frozen(slots=True)
class NotApplicable:
    """The answer when a rate cannot be computed (不适用): the denominator is zero or missing.

    Attributes:
        reason: ``"zero_denominator"`` or ``"missing_denominator"`` (or ``"missing_numerator"``).
    """

    reason: str

    @property
    def is_applicable(self) -> Literal[False]:
        """Always false."""
        return False

    def percent(self, places: int | None = None) -> None:
        """No percentage exists; returns ``None`` so callers must handle it."""
        return

    def explain(self) -> str:
        """A short bilingual reason."""
        return _NA_TEXT.get(self.reason, self.reason)


_NA_TEXT: Final = {
    reason: TEMPLATES[f"rate.{reason}"].zh()
    for reason in ("zero_denominator", "missing_denominator", "missing_numerator")
}


def ratio(numerator: Quantity | None, denominator: Quantity | None) -> Rate | NotApplicable:
    """``numerator ÷ denominator`` as a :class:`Rate`, or :class:`NotApplicable`.

    Amounts may be in different units (the ratio is unit-free and conversion is exact).

        >>> ratio(Decimal(1), Decimal(4)).value
        Decimal('0.25')
        >>> ratio(Decimal(1), None)
        NotApplicable(reason='missing_denominator')
    """
    if denominator is None:
        return NotApplicable("missing_denominator")
    if numerator is None:
        return NotApplicable("missing_numerator")
    bottom = _as_decimal(denominator, numerator)
    if bottom == 0:
        return NotApplicable("zero_denominator")
    top = _as_decimal(numerator, denominator)
    return Rate(RATE_CONTEXT.divide(top, bottom), numerator, denominator)


def execution_rate(executed: Quantity | None, budget: Quantity | None) -> Rate | NotApplicable:
    """Budget execution rate (预算执行率) = 执行数 ÷ 预算数.

    Which budget is the denominator (调整后预算 in the self-evaluation tables, 年初预算 in some
    决算 narratives) is the caller's choice; scoring rules record theirs.
    """
    return ratio(executed, budget)


def funds_in_place_rate(
    in_place: Quantity | None, planned: Quantity | None
) -> Rate | NotApplicable:
    """Funds-in-place rate (资金到位率) = 实际到位资金 ÷ 计划安排资金."""
    return ratio(in_place, planned)


def share(part: Quantity | None, whole: Quantity | None) -> Rate | NotApplicable:
    """Share of a whole (占比) = part ÷ whole.

    >>> share(Amount.parse("468.99万元"), Amount.parse("874.05万元")).percent(2)
    Decimal('53.66')
    """
    return ratio(part, whole)


def balance_rate(balance: Quantity | None, budget: Quantity | None) -> Rate | NotApplicable:
    """Balance rate (结转结余率) = 结转结余总额 ÷ 预算数."""
    return ratio(balance, budget)


class Direction(enum.Enum):
    """Direction of a change between two years (变动方向)."""

    INCREASE = "增长"
    DECREASE = "下降"
    UNCHANGED = "持平"


@final
@attrs.frozen(slots=True)
class Change:
    """Change from a previous year to the current one (同比变动).

    Attributes:
        previous: the earlier figure (上年数).
        current: the later figure (本年数).
        amount: current − previous (增减额), exact.
        ratio: amount ÷ previous (增减率), or NotApplicable when the previous figure is zero.
        direction: 增长, 下降 or 持平.
    """

    previous: Quantity = attrs.field(validator=_quantity)
    current: Quantity = attrs.field(validator=_quantity)
    amount: Quantity = attrs.field(validator=_quantity)
    ratio: Rate | NotApplicable
    direction: Direction


def change(previous: Quantity, current: Quantity) -> Change:
    """Year-on-year change (同比增减): amount, ratio over the previous year, direction.

        >>> c = change(Amount.parse("877.47万元"), Amount.parse("874.05万元"))
        >>> c.amount, c.direction.value, c.ratio.percent(2)
        (Amount('-3.42', '万元'), '下降', Decimal('-0.39'))

    The ratio is signed (negative for a decrease); reports print its absolute value after
    the direction word (下降0.39%).
    """
    difference: Quantity
    if isinstance(previous, Amount) and isinstance(current, Amount):
        if previous.unit is not current.unit:
            current = current.to(previous.unit)
        difference = current - previous
        sign = difference.value
    else:
        previous_value = _as_decimal(previous, current)
        difference = _as_decimal(current, previous) - previous_value
        sign = difference
    direction = (
        Direction.INCREASE if sign > 0 else Direction.DECREASE if sign < 0 else Direction.UNCHANGED
    )
    return Change(previous, current, difference, ratio(difference, previous), direction)
