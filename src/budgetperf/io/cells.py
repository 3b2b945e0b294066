"""Tolerant parsing of real-world table cells (单元格解析).

Cells in published tables carry ideographic spaces, full-width digits, a comparator in
front of the number, a unit behind it, or a dash for "empty". Each parser keeps the text as
printed and returns the value it holds, or raises :class:`ParseError` naming the text::

    >>> parse_measure("≥5次")[1]
    Measure(text='≥5次', value=Decimal('5'), unit='次', comparator=<Comparator.GE: '≥'>, comparator_text='≥')
    >>> parse_measure("90%以上")[1].is_bound, parse_measure("≧90%")[1].comparator_text
    (True, '≧')
    >>> parse_measure("　231万")[1].value
    Decimal('231')
    >>> parse_measure("2023年12月31日前")[1].value is None
    True
    >>> parse_measure("不低于95%")[0]
    <Comparator.GE: '≥'>
    >>> parse_measure("12月底前")[0], parse_measure("12月底前")[1].value
    (<Comparator.LE: '≤'>, Decimal('12'))
    >>> parse_number("　10"), parse_number("100分"), parse_number("/")
    (Decimal('10'), Decimal('100'), None)
    >>> parse_percent("100.00%")
    Decimal('100.00')
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from budgetperf.errors import BudgetPerfError, FigureRangeError, ParseError
from budgetperf.model.indicators import NUMBER_THEN_UNIT, Comparator, Measure, split_comparator
from budgetperf.money import normalize_text, to_decimal

__all__ = ["EMPTY_MARKERS", "is_empty", "parse_measure", "parse_number", "parse_percent"]

EMPTY_MARKERS: Final = frozenset({"", "—", "–", "-", "/", "／", "——", "－", "无", "\\"})
"""Cell texts that mean "nothing here"."""


def _clean(text: str) -> str:
    return normalize_text(text).replace("\u3000", " ").strip()


def is_empty(text: str | None) -> bool:
    """Whether a cell is blank or one of the "empty" markers (—, /, -)."""
    return text is None or _clean(text).replace(" ", "") in EMPTY_MARKERS - {"无"}


def parse_number(text: str | None, *, field: str | None = None) -> Decimal | None:
    """A plain number such as a weight or score: ``"　10"``, ``"9　"``, ``"100分"``, ``"１０"``.

    Empty markers give None. Raises ParseError for anything else that is not a number.
    """
    if text is None or is_empty(text):
        return None
    cleaned = _clean(text).removesuffix("分").strip()
    try:
        return to_decimal(cleaned, field=field)
    except FigureRangeError:
        raise
    except BudgetPerfError:
        raise ParseError(
            "无法识别的数字",
            "not a number",
            field=field,
            value=text,
            expected="a number such as 10 or 9.5",
        ) from None


def parse_percent(text: str | None, *, field: str | None = None) -> Decimal | None:
    """A percentage as printed, in percent: ``"100.00%"`` → ``Decimal('100.00')``."""
    if text is None or is_empty(text):
        return None
    cleaned = _clean(text).rstrip("%").strip()
    try:
        return to_decimal(cleaned, field=field)
    except FigureRangeError:
        raise
    except BudgetPerfError:
        raise ParseError(
            "无法识别的百分比",
            "not a percentage",
            field=field,
            value=text,
            expected="a percentage such as 100.00%",
        ) from None


def parse_measure(text: str | None) -> tuple[Comparator | None, Measure | None]:
    """Split a target or actual cell into comparator and measure.

    ``"≥5次"`` → (≥, 5 次); ``"100.00%"`` → (None, 100.00 %); ``"2023年12月31日前"`` → (None,
    text only); an empty cell → (None, None). A cell whose number is followed by more digits
    (a date, a range such as ``1-12月``) is text, not a number: nothing is guessed.
    """
    if text is None or is_empty(text):
        return None, None
    split = split_comparator(text.strip())
    comparator, cleaned = split.comparator, split.rest
    number = NUMBER_THEN_UNIT.match(cleaned)
    value = None if number is None else to_decimal(number.group("number"))
    return comparator, Measure(
        text=text,
        value=value,
        unit="" if number is None else number.group("unit").strip(),
        comparator=comparator,
        comparator_text=split.printed,
    )
