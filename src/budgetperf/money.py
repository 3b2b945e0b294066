"""Money (金额): exact Decimal amounts with an explicit unit, 元 or 万元.

One way in: :func:`to_decimal` makes every Decimal budgetperf uses, and refuses ``float``.
:class:`Amount` keeps a figure exactly as written (``Decimal("874.05")`` keeps its two
places, which say how precisely the report stated it) together with its unit::

    >>> Amount.parse("874.05万元")
    Amount('874.05', '万元')
    >>> Amount.parse("8,740,500元").to("万元")
    Amount('874.0500', '万元')
    >>> Amount.parse("28万") + Amount.parse("15万元")
    Amount('43', '万元')
    >>> Amount.parse("874.05", unit="万元").to("元")
    Amount('8740500', '元')

Arithmetic between different units is refused rather than guessed, and so is a float::

    >>> Amount.parse("1万元") + Amount.parse("1元")
    Traceback (most recent call last):
    ...
    budgetperf.errors.UnitMismatchError: 不能直接运算不同单位的金额：万元 与 元；请先用 .to() 换算 | ...
    >>> Amount(1.5, "元")
    Traceback (most recent call last):
    ...
    budgetperf.errors.FloatNotAllowedError: 金额不接受浮点数（字段 value，值 1.5；应为 str, int or Decimal, e.g. '874.05'） | ...

Rounding is explicit and always 四舍五入 (ROUND_HALF_UP)::

    >>> Amount.parse("0.125元").quantize(2)
    Amount('0.13', '元')
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Final, final

import attrs

from budgetperf.errors import FloatNotAllowedError, ParseError, UnitMismatchError

__all__ = [
    "Amount",
    "Rounding",
    "Unit",
    "normalize_text",
    "to_decimal",
    "total",
]


class Unit(enum.Enum):
    """Unit of an amount (金额单位)."""

    YUAN = "元"
    WAN_YUAN = "万元"

    @property
    def yuan_exponent(self) -> int:
        """Power of ten from this unit to 元: 0 for 元, 4 for 万元."""
        return 0 if self is Unit.YUAN else 4

    @classmethod
    def of(cls, unit: Unit | str) -> Unit:
        """The unit named by ``unit`` (``"元"``, ``"万元"``, ``"万"``, ``"yuan"``, ``"wan"``)."""
        if isinstance(unit, Unit):
            return unit
        found = _UNIT_NAMES.get(unit.strip().lower()) if isinstance(unit, str) else None
        if found is None:
            raise ParseError(
                "无法识别的金额单位",
                "unknown unit of money",
                value=unit,
                expected="元 or 万元",
            )
        return found

    def __str__(self) -> str:
        return self.value


_UNIT_NAMES: Final = {
    "元": Unit.YUAN,
    "yuan": Unit.YUAN,
    "cny": Unit.YUAN,
    "万元": Unit.WAN_YUAN,
    "万": Unit.WAN_YUAN,
    "wan": Unit.WAN_YUAN,
    "wan_yuan": Unit.WAN_YUAN,
    "10k yuan": Unit.WAN_YUAN,
}


def normalize_text(text: str) -> str:
    """Fold the characters real reports use into plain ones.

    Full-width digits, letters and punctuation become ASCII (NFKC), the ideographic space
    becomes a space, and the minus signs ``−`` and ``－`` become ``-``; the result is stripped.

        >>> normalize_text("\u3000１２３．４５\u3000")
        '123.45'
    """
    folded = unicodedata.normalize("NFKC", text)
    return folded.replace("\u2212", "-").replace("\u2013", "-").strip()


_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED: Final = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def to_decimal(value: object, *, field: str | None = None) -> Decimal:
    """The one way budgetperf makes a Decimal from outside input.

    Accepts ``Decimal``, ``int`` and numeric ``str`` (full-width digits and thousands
    separators allowed). Refuses ``float`` (:class:`FloatNotAllowedError`), ``bool``, NaN,
    infinities and anything else (:class:`ParseError`). The value is kept exactly as written:
    trailing zeros are not stripped.

        >>> to_decimal("１,２34.50")
        Decimal('1234.50')
        >>> to_decimal(7)
        Decimal('7')
    """
    if isinstance(value, float):
        raise FloatNotAllowedError(
            "金额不接受浮点数",
            "money does not accept a float",
            field=field,
            value=value,
            expected="str, int or Decimal, e.g. '874.05'",
        )
    if isinstance(value, bool):
        raise ParseError(
            "数值不能是布尔值",
            "a number cannot be a bool",
            field=field,
            value=value,
            expected="str, int or Decimal",
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = normalize_text(value).replace(" ", "")
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _NUMBER.fullmatch(text):
            raise ParseError(
                "无法识别的数字",
                "not a number",
                field=field,
                value=value,
                expected="a decimal number such as 874.05",
            )
        try:
            result = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid text
            raise ParseError("无法识别的数字", "not a number", field=field, value=value) from exc
    else:
        raise ParseError(
            "数值类型不受支持",
            f"unsupported type {type(value).__name__} for a number",
            field=field,
            value=value,
            expected="str, int or Decimal",
        )
    if not result.is_finite():
        raise ParseError(
            "数值必须是有限数",
            "a number must be finite",
            field=field,
            value=value,
            expected="a finite decimal number",
        )
    return result


def _shift(value: Decimal, places: int) -> Decimal:
    """Multiply by 10**places exactly, whatever the decimal context's precision."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite by construction
    return Decimal((sign, digits, exponent + places))


# quantize fails when its result has more digits than the context allows; a private, wide
# context keeps rounding independent of the host application's decimal settings.
_QUANTIZE_CONTEXT: Final = Context(prec=1000, rounding=ROUND_HALF_UP, Emax=10**6, Emin=-(10**6))


@final
@attrs.frozen(slots=True)
class Rounding:
    """A rounding policy (舍入规则): decimal places and mode, 四舍五入 by default.

        >>> Rounding(2).apply(Decimal("9.475"))
        Decimal('9.48')

    Attributes:
        places: decimal places kept (may be negative to round to tens, hundreds …).
        mode: a ``decimal`` rounding constant; ``ROUND_HALF_UP`` unless a rule says otherwise.
    """

    places: int = attrs.field(validator=attrs.validators.instance_of(int))
    mode: str = ROUND_HALF_UP

    def apply(self, value: Decimal) -> Decimal:
        """Round ``value`` to :attr:`places` with :attr:`mode` (whatever the host's context)."""
        return value.quantize(
            Decimal(1).scaleb(-self.places, _QUANTIZE_CONTEXT),
            rounding=self.mode,
            context=_QUANTIZE_CONTEXT,
        )


def _unit_converter(unit: Unit | str) -> Unit:
    return Unit.of(unit)


def _value_converter(value: object) -> Decimal:
    return to_decimal(value, field="value")


_AMOUNT_TEXT: Final = re.compile(r"(?P<number>.*?)\s*(?P<unit>亿元|亿|万元|万|元)?", re.DOTALL)


@final
@attrs.frozen(slots=True, eq=True, order=False, repr=False)
class Amount:
    """An amount of money (金额): an exact Decimal and its unit.

    Attributes:
        value: the figure, exactly as given (its exponent records the printed precision).
        unit: 元 or 万元.
    """

    value: Decimal = attrs.field(converter=_value_converter)
    unit: Unit = attrs.field(default=Unit.YUAN, converter=_unit_converter)

    # -- construction --------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str | int | Decimal, *, unit: Unit | str | None = None) -> Amount:
        """Read an amount as written in a report.

        ``"874.05"``, ``"874.05万元"``, ``"8,740,500元"``, ``"28万"``, ``"1.2亿元"`` (held as
        万元), full-width digits and spaces. A figure without a unit takes ``unit``; when the
        text has no unit and ``unit`` is not given, that is an error rather than a guess.
        A unit in the text that contradicts ``unit`` is an error too.

        Raises:
            ParseError: the text is not an amount, or its unit is missing or contradictory.
            FloatNotAllowedError: ``text`` is a float.
        """
        wanted = Unit.of(unit) if unit is not None else None
        if not isinstance(text, str):
            value = to_decimal(text)  # refuses floats before any other complaint
            if wanted is None:
                raise ParseError(
                    "金额缺少单位", "amount has no unit", value=text, expected="unit='元' or '万元'"
                )
            return cls(value, wanted)
        folded = normalize_text(text)
        match = _AMOUNT_TEXT.fullmatch(folded)
        assert match is not None  # the pattern matches any text
        number, written = match["number"], match["unit"]
        value = to_decimal(number) if number else to_decimal(text)
        if written is None:
            if wanted is None:
                raise ParseError(
                    "金额缺少单位",
                    "amount has no unit",
                    value=text,
                    expected="a unit in the text (元/万元) or unit='元'/'万元'",
                )
            return cls(value, wanted)
        found = Unit.WAN_YUAN if written.startswith("亿") else Unit.of(written)
        if written.startswith("亿"):
            value = _shift(value, 4)
        if wanted is not None and wanted is not found:
            raise ParseError(
                "金额单位与预期不符",
                "amount is in a different unit than expected",
                value=text,
                expected=f"an amount in {wanted.value}",
            )
        return cls(value, found)

    # -- units ---------------------------------------------------------------------------
    def to(self, unit: Unit | str) -> Amount:
        """The same amount in ``unit``, converted exactly (no rounding ever)."""
        target = Unit.of(unit)
        if target is self.unit:
            return self
        return Amount(_shift(self.value, self.unit.yuan_exponent - target.yuan_exponent), target)

    @property
    def places(self) -> int:
        """Decimal places as written: 2 for ``874.05``, 0 for ``28`` (and for whole hundreds
        of 元 converted from 万元)."""
        exponent = self.value.as_tuple().exponent
        assert isinstance(exponent, int)
        return max(0, -exponent)

    def quantize(self, places: int, *, rounding: str = ROUND_HALF_UP) -> Amount:
        """Round to ``places`` decimals, 四舍五入 unless told otherwise."""
        return Amount(Rounding(places, rounding).apply(self.value), self.unit)

    def is_zero(self) -> bool:
        """True for a zero amount, in any unit."""
        return self.value == 0

    # -- arithmetic ----------------------------------------------------------------------
    def _same_unit(self, other: Amount) -> None:
        if other.unit is not self.unit:
            raise UnitMismatchError(
                f"不能直接运算不同单位的金额：{self.unit.value} 与 {other.unit.value}；请先用 .to() 换算",
                f"cannot combine amounts in {self.unit.value} and {other.unit.value}; "
                "convert one with .to() first",
            )

    def __add__(self, other: object) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        self._same_unit(other)
        return Amount(self.value + other.value, self.unit)

    def __sub__(self, other: object) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        self._same_unit(other)
        return Amount(self.value - other.value, self.unit)

    def __neg__(self) -> Amount:
        return Amount(-self.value, self.unit)

    def __abs__(self) -> Amount:
        return Amount(abs(self.value), self.unit)

    def __mul__(self, factor: object) -> Amount:
        if isinstance(factor, float):
            to_decimal(factor)  # raises FloatNotAllowedError
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Amount(self.value * factor, self.unit)

    __rmul__ = __mul__

    def _compare(self, other: object) -> Decimal | None:
        if not isinstance(other, Amount):
            return None
        self._same_unit(other)
        return other.value

    def __lt__(self, other: object) -> bool:
        value = self._compare(other)
        return NotImplemented if value is None else self.value < value

    def __le__(self, other: object) -> bool:
        value = self._compare(other)
        return NotImplemented if value is None else self.value <= value

    def __gt__(self, other: object) -> bool:
        value = self._compare(other)
        return NotImplemented if value is None else self.value > value

    def __ge__(self, other: object) -> bool:
        value = self._compare(other)
        return NotImplemented if value is None else self.value >= value

    # -- text ----------------------------------------------------------------------------
    # 874.05万元 in 元 is held as 8.7405E+6 so that its printed precision (to the hundred
    # yuan) survives the conversion and the way back; text shows it as plain digits.
    def __repr__(self) -> str:
        return f"Amount({format(self.value, 'f')!r}, {self.unit.value!r})"

    def __str__(self) -> str:
        return f"{format(self.value, 'f')}{self.unit.value}"


def total(amounts: Iterable[Amount], *, unit: Unit | str) -> Amount:
    """Exact sum of ``amounts``, all in ``unit`` (an empty sum is zero in that unit).

        >>> total([Amount.parse("468.99万元"), Amount.parse("405.06万元")], unit="万元")
        Amount('874.05', '万元')

    Raises:
        UnitMismatchError: an amount is in another unit.
    """
    result = Amount(Decimal(0), Unit.of(unit))
    for amount in amounts:
        result = result + amount
    return result
