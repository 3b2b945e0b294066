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

import contextvars
import enum
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    FloatOperation,
    InvalidOperation,
    Overflow,
    getcontext,
    localcontext,
)
from types import TracebackType
from typing import Final, ParamSpec, TypeVar, final

import attrs

from budgetperf._hant import SIMPLIFIED, TRADITIONAL
from budgetperf.errors import (
    FigureRangeError,
    FloatNotAllowedError,
    ParseError,
    UnitMismatchError,
    shorten,
)

__all__ = [
    "DECIMAL_CONTEXT",
    "MAX_EXPONENT",
    "MAX_SIGNIFICANT_DIGITS",
    "MAX_TEXT_LENGTH",
    "Amount",
    "Rounding",
    "Unit",
    "check_figure",
    "exact",
    "normalize_text",
    "to_decimal",
    "total",
]

MAX_SIGNIFICANT_DIGITS: Final = 28
"""Most significant digits a figure may have (28: a sum in 元 to the fen of up to 10²⁶)."""

MAX_EXPONENT: Final = 20
"""A figure's adjusted exponent (the power of ten of its first digit) lies in ±20."""

MAX_TEXT_LENGTH: Final = 200
"""Longest text read as one number, blanks and thousands separators included."""

DECIMAL_CONTEXT: Final = Context(
    prec=100,
    rounding=ROUND_HALF_UP,
    Emax=999,
    Emin=-999,
    traps=[InvalidOperation, DivisionByZero, Overflow, FloatOperation],
)
"""The context every computation of the library runs in, whatever the host has set.

Bounded figures (28 digits, exponent ±20) add, subtract and multiply exactly at 100 digits;
anything leaving the exponent range ±999 traps instead of becoming an infinity.
"""

_P = ParamSpec("_P")
_R = TypeVar("_R")


_ENTERED: Final[contextvars.ContextVar[Context | None]] = contextvars.ContextVar(
    "budgetperf_exact_context", default=None
)
"""The context :class:`library_context` set, while it is the current one."""


def library_context() -> _LibraryContext:
    """``with library_context():`` runs its block in a copy of :data:`DECIMAL_CONTEXT`, in
    which every :func:`exact` function runs without entering a context of its own.

    Entering and leaving a context costs more than a short function itself (about 5 µs a
    line of a batch, a tenth of the fast path's screen): a batch enters it once for many
    lines. The block must not change the context it is given (no library code does)::

        >>> from decimal import getcontext
        >>> with library_context():
        ...     getcontext().prec
        100
    """
    return _LibraryContext()


class _LibraryContext:
    __slots__ = ("_manager", "_token")

    def __enter__(self) -> Context:
        self._manager = localcontext(DECIMAL_CONTEXT)
        context = self._manager.__enter__()
        self._token = _ENTERED.set(context)
        return context

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        _ENTERED.reset(self._token)
        self._manager.__exit__(kind, error, traceback)


def exact(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` in :data:`DECIMAL_CONTEXT`; a result that is not finite is an error.

    An ``Overflow`` or ``InvalidOperation`` from inside becomes a :class:`ParseError` saying
    that a figure is out of range, instead of a traceback. Inside :class:`library_context`
    the function runs in the context already set.
    """

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            if getcontext() is _ENTERED.get():
                return function(*args, **kwargs)
            with localcontext(DECIMAL_CONTEXT):
                return function(*args, **kwargs)
        except FloatOperation:
            raise FloatNotAllowedError(
                "计算中混入了浮点数",
                "a float reached decimal arithmetic",
                expected="str, int or Decimal",
            ) from None
        except DecimalException as exc:
            raise FigureRangeError(
                "计算结果超出数值范围",
                f"a computation left the range of finite numbers ({type(exc).__name__})",
                expected=f"figures within {MAX_SIGNIFICANT_DIGITS} significant digits "
                f"and exponent ±{MAX_EXPONENT}",
            ) from None

    return wrapper


def check_figure(value: Decimal, *, field: str | None = None, shown: object = None) -> Decimal:
    """``value`` if it is a figure a budget can hold, else :class:`ParseError` naming ``field``.

    A figure is finite, has at most :data:`MAX_SIGNIFICANT_DIGITS` significant digits and an
    adjusted exponent within ±:data:`MAX_EXPONENT` (zero with any exponent in that range).

        >>> check_figure(Decimal("874.05"))
        Decimal('874.05')
        >>> check_figure(Decimal("1E+999999999"), field="executed")
        Traceback (most recent call last):
        ...
        budgetperf.errors.FigureRangeError: 数值超出允许范围（字段 executed，值 ...
    """
    if not value.is_finite():
        raise ParseError(
            "数值必须是有限数",
            "a number must be finite",
            field=field,
            value=shown if shown is not None else str(value),
            expected="a finite decimal number",
        )
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    significant = len(digits) if value else 1
    adjusted = exponent + len(digits) - 1
    if significant > MAX_SIGNIFICANT_DIGITS or not -MAX_EXPONENT <= adjusted <= MAX_EXPONENT:
        text = shown if shown is not None else _short(str(value))
        raise FigureRangeError(
            "数值超出允许范围",
            "figure out of range",
            field=field,
            value=text,
            expected=f"at most {MAX_SIGNIFICANT_DIGITS} significant digits and a power of ten "
            f"within ±{MAX_EXPONENT}",
        )
    return value


def _short(value: object) -> object:
    """A value fit to keep in an error: a long number text is cut (see errors.shorten)."""
    return shorten(value) if isinstance(value, str) else value


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
    if text.isascii():
        return text.strip()  # NFKC leaves ASCII as it is, and it has no minus sign to fold
    folded = unicodedata.normalize("NFKC", text)
    return folded.replace("\u2212", "-").replace("\u2013", "-").strip()


_TONES: Final = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
#: A mirror's pinyin reading after a character: bracketed latin letters with at least one tone
#: mark ("經(jīng)費" reads 經费).
PINYIN_READING: Final = re.compile(
    r"[（(]\s*[a-zA-Zü" + _TONES + r"\s]*[" + _TONES + r"][a-zA-Zü" + _TONES + r"\s]*[)）]"
)
_SCRIPT: Final = str.maketrans(TRADITIONAL, SIMPLIFIED)


@functools.cache
def _opencc() -> Callable[[str], str] | None:
    try:
        import opencc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


@functools.cache
def _character(char: str) -> str:
    convert = _opencc()
    if convert is not None:
        out = convert(char)
        if len(out) == 1:
            return out
    return char.translate(_SCRIPT)


def simplified(text: str, *, library: bool = True) -> str:
    """``text`` with traditional characters replaced by simplified ones, character by character
    (OpenCC with the ``zh`` extra; else, or with ``library=False``, the built-in table of the
    characters of budget text), so lengths and spans are kept.

    >>> simplified("財政撥款支出較上年減少", library=False)
    '财政拨款支出较上年减少'
    """
    if not library:
        return text.translate(_SCRIPT)
    return "".join(_character(c) if "\u3400" <= c <= "\u9fff" else c for c in text)


def plain_script(text: str) -> str:
    """``text`` in simplified characters without a mirror's bracketed pinyin readings: how a
    page a mirror site converted to traditional script and annotated (「項(xiàng)目名稱」) is
    compared with the forms' own words. The length may change; for spans use
    :func:`budgetperf.statements.normalise`.

    >>> plain_script("項(xiàng)目資金 (萬元)")
    '项目资金 (万元)'
    """
    return simplified(PINYIN_READING.sub("", text))


_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED: Final = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def to_decimal(value: object, *, field: str | None = None) -> Decimal:
    """The one way budgetperf makes a Decimal from outside input.

    Accepts ``Decimal``, ``int`` and numeric ``str`` (full-width digits and thousands
    separators allowed). Refuses ``float`` (:class:`FloatNotAllowedError`), ``bool``, NaN,
    infinities and anything else (:class:`ParseError`). The value is kept exactly as written:
    trailing zeros are not stripped. Text and ints are figures read from outside, so they are
    bounded as :func:`check_figure` says (a text of more than :data:`MAX_TEXT_LENGTH`
    characters is refused before it is parsed).

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
        if abs(value) >= 10 ** (MAX_EXPONENT + 1):
            # Checked before Decimal(): a huge int converts slowly and is no budget figure.
            raise FigureRangeError(
                "数值超出允许范围",
                "figure out of range",
                field=field,
                value=f"<{value.bit_length()}-bit integer>",
                expected=f"a power of ten within ±{MAX_EXPONENT}",
            )
        result = Decimal(value)
    elif isinstance(value, str):
        if len(value) > MAX_TEXT_LENGTH:
            raise FigureRangeError(
                "数值超出允许范围",
                "figure out of range: its text is too long",
                field=field,
                value=_short(value),
                expected=f"at most {MAX_TEXT_LENGTH} characters",
            )
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
    if isinstance(value, Decimal):
        # A Decimal is the library's own arithmetic as often as outside input: only read
        # figures (text, int) are bounded here; readers bound Decimals with check_figure.
        return result
    return check_figure(result, field=field, shown=_short(value))


def _shift(value: Decimal, places: int) -> Decimal:
    """Multiply by 10**places exactly, whatever the decimal context's precision."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite by construction
    return Decimal((sign, digits, exponent + places))


MAX_PLACES: Final = MAX_EXPONENT + MAX_SIGNIFICANT_DIGITS
"""Most decimal places a rounding may keep (and, negated, the fewest)."""

_ROUNDING_MODES: Final = frozenset(
    {
        ROUND_HALF_UP,
        "ROUND_HALF_EVEN",
        "ROUND_HALF_DOWN",
        "ROUND_UP",
        "ROUND_DOWN",
        "ROUND_CEILING",
        "ROUND_FLOOR",
        "ROUND_05UP",
    }
)


def _check_places(_instance: object, _attribute: object, places: int) -> None:
    if isinstance(places, float):
        raise FloatNotAllowedError(
            "小数位数不接受浮点数",
            "decimal places must not be a float",
            field="places",
            value=places,
            expected="an int such as 2",
        )
    if isinstance(places, bool) or not isinstance(places, int):
        raise ParseError(
            "小数位数应为整数",
            "decimal places must be an int",
            field="places",
            value=_short(places),
            expected="an int such as 2",
        )
    if not -MAX_PLACES <= places <= MAX_PLACES:
        raise FigureRangeError(
            "小数位数超出允许范围",
            "decimal places out of range",
            field="places",
            value=_short(places),
            expected=f"an int within ±{MAX_PLACES}",
        )


def _check_mode(_instance: object, _attribute: object, mode: str) -> None:
    if mode not in _ROUNDING_MODES:
        raise ParseError(
            "未知的舍入方式",
            "unknown rounding mode",
            field="mode",
            value=_short(mode),
            expected="a decimal rounding constant such as ROUND_HALF_UP",
        )


@functools.lru_cache(maxsize=64)
def _quantum(places: int) -> Decimal:
    """10 ** −places, the step a rounding to ``places`` keeps (made once per places)."""
    return Decimal(1).scaleb(-places, DECIMAL_CONTEXT)


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

    places: int = attrs.field(validator=_check_places)
    mode: str = attrs.field(default=ROUND_HALF_UP, validator=_check_mode)

    def apply(self, value: Decimal) -> Decimal:
        """Round ``value`` to :attr:`places` with :attr:`mode` (in the library's context)."""
        try:
            return value.quantize(
                _quantum(self.places), rounding=self.mode, context=DECIMAL_CONTEXT
            )
        except DecimalException:
            raise FigureRangeError(
                "数值超出允许范围",
                "figure out of range",
                value=_short(str(value)),
                expected=f"at most {MAX_SIGNIFICANT_DIGITS} significant digits",
            ) from None


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
        return Amount(DECIMAL_CONTEXT.add(self.value, other.value), self.unit)

    def __sub__(self, other: object) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        self._same_unit(other)
        return Amount(DECIMAL_CONTEXT.subtract(self.value, other.value), self.unit)

    def __neg__(self) -> Amount:
        return Amount(-self.value, self.unit)

    def __abs__(self) -> Amount:
        return Amount(abs(self.value), self.unit)

    def __mul__(self, factor: object) -> Amount:
        if isinstance(factor, float):
            to_decimal(factor)  # raises FloatNotAllowedError
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Amount(DECIMAL_CONTEXT.multiply(self.value, Decimal(factor)), self.unit)

    __rmul__ = __mul__

    def _compare(self, other: object) -> Decimal | None:
        if isinstance(other, float):
            to_decimal(other)  # raises FloatNotAllowedError rather than a bare TypeError
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
