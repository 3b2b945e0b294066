"""Localized number formatting (本地化格式), the one place budgetperf calls babel.

The locale is always an argument (``zh_CN`` or ``en_US``), never read from the environment.
Values are rounded 四舍五入 *before* babel sees them, because babel rounds half-even::

    >>> from budgetperf.money import Amount
    >>> format_amount(Amount.parse("874.05万元"), locale="zh_CN")
    '874.05万元'
    >>> format_amount(Amount.parse("8740500元"), locale="en_US")
    '8,740,500.00 yuan'
    >>> format_percent(Decimal("53.6571"), locale="zh_CN")
    '53.66%'
    >>> format_percent(Decimal("100.00"), locale="zh_CN")
    '100%'
    >>> format_number(Decimal("2.5"), locale="zh_CN", places=0)
    '3'
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from babel.numbers import format_decimal

from budgetperf.money import Amount, Rounding, Unit
from budgetperf.rates import NotApplicable, Rate

__all__ = [
    "MISSING",
    "format_amount",
    "format_number",
    "format_percent",
    "format_signed_percent",
    "unit_label",
]

MISSING: Final = "—"
"""What a table, sentence or chart prints for a figure not stated or not computable."""

_UNIT_LABELS: Final = {
    ("zh", Unit.YUAN): "元",
    ("zh", Unit.WAN_YUAN): "万元",
    ("en", Unit.YUAN): " yuan",
    ("en", Unit.WAN_YUAN): " (10k yuan)",
}


def _language(locale: str) -> str:
    return "zh" if locale.lower().startswith("zh") else "en"


def unit_label(unit: Unit, *, locale: str) -> str:
    """The unit as written after a figure: 万元 / " (10k yuan)"."""
    return _UNIT_LABELS[(_language(locale), unit)]


def _pattern(places: int, *, trim: bool, grouping: bool) -> str:
    integer = "#,##0" if grouping else "0"
    if places <= 0:
        return integer
    return f"{integer}.{('#' if trim else '0') * places}"


def format_number(
    value: Decimal, *, locale: str, places: int = 2, trim: bool = False, grouping: bool = True
) -> str:
    """A number rounded 四舍五入 to ``places`` and written for ``locale``.

    ``trim`` drops trailing zeros (``2.50`` → ``2.5``), as report sentences do.
    """
    rounded = Rounding(places).apply(value)
    text: str = format_decimal(
        rounded, format=_pattern(places, trim=trim, grouping=grouping), locale=locale
    )
    return text


def format_amount(
    amount: Amount,
    *,
    locale: str,
    unit: Unit | str | None = None,
    places: int = 2,
    trim: bool = False,
    grouping: bool | None = None,
) -> str:
    """An amount with its unit: ``874.05万元``, ``8,740,500.00 yuan``.

    ``grouping`` defaults to thousands separators in English and none in Chinese report text.
    """
    shown = amount.to(unit) if unit is not None else amount
    group = (_language(locale) == "en") if grouping is None else grouping
    number = format_number(shown.value, locale=locale, places=places, trim=trim, grouping=group)
    return number + unit_label(shown.unit, locale=locale)


def _percent_value(value: Decimal | Rate | NotApplicable) -> Decimal | None:
    if isinstance(value, NotApplicable):
        return None
    if isinstance(value, Rate):
        return value.percent()
    return value


def format_percent(
    value: Decimal | Rate | NotApplicable, *, locale: str, places: int = 2, trim: bool = True
) -> str:
    """A percentage: ``value`` in percent (or a Rate); "—" when not applicable."""
    percent = _percent_value(value)
    if percent is None:
        return "—" if _language(locale) == "zh" else "n/a"
    return format_number(percent, locale=locale, places=places, trim=trim, grouping=False) + "%"


def format_signed_percent(
    value: Decimal | Rate | NotApplicable, *, locale: str, places: int = 2
) -> str:
    """A change in percent with its sign: ``+3.73%``, ``−0.39%``."""
    percent = _percent_value(value)
    if percent is None:
        return format_percent(value, locale=locale)
    rounded = Rounding(places).apply(percent)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else ""
    return sign + format_percent(abs(rounded), locale=locale, places=places)
