"""Interval arithmetic for printed figures (按印刷精度的区间运算).

A printed figure stands for every value that rounds to it: ``874.05`` means
[874.045, 874.055]. A derived figure (sum, share, change) is consistent with its inputs when
the reported value, read the same way, overlaps the range the inputs allow::

    >>> total = Interval.printed(Decimal("7.38")) + Interval.printed(Decimal("2.74"))
    >>> total
    Interval(lo=Decimal('10.110'), hi=Decimal('10.130'))
    >>> verdict(Decimal("10.13"), Decimal("10.12"), total)
    <Verdict.ROUNDING: 'rounding'>
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import final

import attrs

from budgetperf.model import _fields as f
from budgetperf.rates import RATE_CONTEXT

__all__ = ["Interval", "Verdict", "half_unit", "printed_as", "verdict"]


def half_unit(value: Decimal) -> Decimal:
    """Half a unit in the last printed place: 0.005 for 874.05, 0.5 for 4."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1, RATE_CONTEXT)


@final
@attrs.frozen(slots=True)
class Interval:
    """A closed range [lo, hi] of exact Decimals."""

    lo: Decimal = attrs.field(validator=f.finite_decimal)
    hi: Decimal = attrs.field(validator=f.finite_decimal)

    @classmethod
    def printed(cls, value: Decimal) -> Interval:
        """Every value that rounds to ``value`` at its printed precision."""
        half = half_unit(value)
        return cls(RATE_CONTEXT.subtract(value, half), RATE_CONTEXT.add(value, half))

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        """A single exact value."""
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(RATE_CONTEXT.add(self.lo, other.lo), RATE_CONTEXT.add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(
            RATE_CONTEXT.subtract(self.lo, other.hi), RATE_CONTEXT.subtract(self.hi, other.lo)
        )

    def scaled(self, factor: Decimal) -> Interval:
        """Multiplied by an exact factor."""
        a, b = RATE_CONTEXT.multiply(self.lo, factor), RATE_CONTEXT.multiply(self.hi, factor)
        return Interval(min(a, b), max(a, b))

    def divided_by(self, other: Interval) -> Interval | None:
        """The quotient range, or None when ``other`` contains zero."""
        if other.lo <= 0 <= other.hi:
            return None
        ends = [RATE_CONTEXT.divide(x, y) for x in (self.lo, self.hi) for y in (other.lo, other.hi)]
        return Interval(min(ends), max(ends))

    def overlaps(self, other: Interval) -> bool:
        """Whether the two ranges share a value."""
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` lies in the range."""
        return self.lo <= value <= self.hi


class Verdict(enum.Enum):
    """How a reported figure compares with what its inputs give."""

    EXACT = "exact"
    """The reported figure is the computed value rounded as printed."""
    ROUNDING = "rounding"
    """Consistent only because inputs were rounded (at most info)."""
    MISMATCH = "mismatch"
    """Outside every value the printed inputs allow (an error)."""


def printed_as(reported: Decimal, point: Decimal) -> bool:
    """Whether ``reported`` is ``point`` rounded (四舍五入) to the places it is printed to:
    the comparisons of :meth:`Collector.compare` find nothing then."""
    if point == reported:
        return True  # the same number: it rounds to itself at any places it is printed to
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    step = Decimal(1).scaleb(exponent, RATE_CONTEXT)
    try:
        rounded = point.quantize(step, rounding=ROUND_HALF_UP, context=RATE_CONTEXT)
    except InvalidOperation:
        # ``point`` at the places of ``reported`` needs more digits than the context holds
        # (100 at 32 places): ``reported``, a figure of fewer digits at those places, is
        # not it — two equal numbers at the same places have the same digits.
        return False
    return rounded == reported


def verdict(reported: Decimal, point: Decimal, allowed: Interval) -> Verdict:
    """Compare ``reported`` with the computed ``point`` and the range ``allowed``."""
    if printed_as(reported, point):
        return Verdict.EXACT
    if Interval.printed(reported).overlaps(allowed):
        return Verdict.ROUNDING
    return Verdict.MISMATCH
