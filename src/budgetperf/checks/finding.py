"""Findings (检查发现): what does not add up, as data."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.checks.interval import Interval, Verdict, verdict
from budgetperf.rates import RATE_CONTEXT

__all__ = ["Finding", "Findings", "Severity", "fmt", "range_text"]


class Severity(enum.Enum):
    """How serious a finding is (严重程度)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _freeze(params: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(params.items())) if isinstance(params, Mapping) else tuple(params)


@final
@attrs.frozen(slots=True, kw_only=True)
class Finding:
    """One finding of a check.

    Attributes:
        code: stable identifier (``"statement.change_percent"``).
        severity: error, warning or info.
        path: the field, as a JSON path inside the document (``$.indicators[3].reported_score``).
        template: the Chinese message with ``{placeholders}`` (the msgid of the catalogs).
        params: the values for the placeholders.
        expected: the expected value or range, as text (``"86.62（86.52–86.71）"``).
        reported: the reported figure as printed.
        document: the title of the document it is about.
        source_text: the sentence or cell it comes from, when known.
        message: the template filled in, in ``locale`` (Chinese unless localized by
            ``budgetperf.render.messages.localize``).
        locale: the language of ``message``.
    """

    code: str
    severity: Severity
    path: str
    template: str
    params: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_freeze)
    expected: str | None = None
    reported: str | None = None
    document: str = ""
    source_text: str = ""
    message: str = attrs.field()
    locale: str = "zh_CN"

    @message.default
    def _chinese(self) -> str:
        return self.template.format(**dict(self.params))

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


def fmt(value: Decimal | None) -> str:
    """A figure as printed, without exponent or superfluous zeros beyond its own places."""
    if value is None:
        return "—"
    return format(value, "f")


_MORE_PLACES: Final = 8
"""How many places beyond the reported figure's a range may be shown with."""


def range_text(
    point: Decimal, allowed: Interval, places: int, *, apart_from: Decimal | None = None
) -> str:
    """``"86.62（86.52–86.71）"``: the computed value and the range the inputs allow.

    The range is widened outwards to ``places`` (never narrowed). ``apart_from``: a
    reported figure the range excludes (a mismatch); the range is then shown with as many
    more places as it takes for the reader to see that it leaves out the figure and all it
    may round from — "38.29（38.287–38.288）" for a printed 38.28, never "（38.28–38.29）".

    >>> from budgetperf.checks.interval import Interval
    >>> allowed = Interval(Decimal("38.28745"), Decimal("38.28766"))
    >>> range_text(Decimal("38.2876"), allowed, 2)
    '38.29（38.28–38.29）'
    >>> range_text(Decimal("38.2876"), allowed, 2, apart_from=Decimal("38.28"))
    '38.29（38.287–38.288）'
    """
    shown = point.quantize(
        Decimal(1).scaleb(-places, RATE_CONTEXT), rounding="ROUND_HALF_UP", context=RATE_CONTEXT
    )
    excluded = None if apart_from is None else Interval.printed(apart_from)
    for extra in range(_MORE_PLACES + 1):
        q = Decimal(1).scaleb(-(places + extra), RATE_CONTEXT)
        lo = allowed.lo.quantize(q, rounding="ROUND_FLOOR", context=RATE_CONTEXT)
        hi = allowed.hi.quantize(q, rounding="ROUND_CEILING", context=RATE_CONTEXT)
        if excluded is None or not Interval(lo, hi).overlaps(excluded):
            break
    if lo == hi == shown:
        return fmt(shown)
    return f"{fmt(shown)}（{fmt(lo)}–{fmt(hi)}）"


def places_of(value: Decimal) -> int:
    """Decimal places as printed (at least 2 for showing an expected figure)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(2, -exponent)


def judge(reported: Decimal, point: Decimal, allowed: Interval) -> Severity | None:
    """None when exact, INFO when consistent within rounding, ERROR otherwise."""
    result = verdict(reported, point, allowed)
    if result is Verdict.EXACT:
        return None
    return Severity.INFO if result is Verdict.ROUNDING else Severity.ERROR


class Findings(list[Finding]):
    """The findings of one check run: a plain list, with counts and a notebook display."""

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self if f.severity is Severity.ERROR]

    def __repr__(self) -> str:
        # A batch has thousands of findings: the counts and the first few, never all of them.
        if not self:
            return "<Findings: none>"
        counts = ", ".join(
            f"{n} {s.value}" for s in Severity if (n := sum(f.severity is s for f in self))
        )
        shown = "; ".join(f"{f.code} at {f.path}" for f in self[:_SHOWN])
        more = f"; … {len(self) - _SHOWN} more" if len(self) > _SHOWN else ""
        return f"<Findings: {len(self)} ({counts}): {shown}{more}>"

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


_SHOWN = 3
"""How many findings the repr of :class:`Findings` names."""
