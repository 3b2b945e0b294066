"""Field validators shared by the model classes (attrs validators that raise ValidationError)."""

from __future__ import annotations

import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from budgetperf.errors import BudgetPerfError, ValidationError
from budgetperf.money import Amount, check_figure

__all__ = [
    "OMITTED_WHEN_NONE",
    "Screen",
    "ValidationError",
    "omitted_when_none",
    "screen_of",
    "screened",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

OMITTED_WHEN_NONE = "budgetperf.omitted_when_none"
"""A field's metadata key: the field is written into JSON only when it holds a value.

For what few forms print (the 一级/二级 points of 海南's 一级 | 分值 | 二级 | 分值 | 三级 | 分值
form): the documents of every other form keep their JSON byte for byte, and a reader of
JSON written before the field existed reads them as they were."""


def omitted_when_none(field: attrs.Attribute[Any]) -> bool:
    """Whether ``field`` is written into JSON only when it holds a value
    (:data:`OMITTED_WHEN_NONE`)."""
    return bool(field.metadata.get(OMITTED_WHEN_NONE))


@attrs.frozen(slots=True)
class Screen:
    """What a validator asks of a value whose type is already known (字段校验的预筛).

    The structuring hooks (``budgetperf.io._hooks``) build a record from JSON once they have
    converted every field by its declared type: a Decimal or an Amount they yield is
    always a finite figure a budget can hold (``money.check_figure``), an enum a member, a
    record an instance, a tuple a tuple of those. Given such a value of one of ``accepts``,
    the validator can refuse it only when ``may_refuse`` holds: a Python expression of
    ``v`` (the value) that is true whenever the validator might raise. Where it is false
    the validator need not be called; where it is true the validator itself is called and
    decides, so the validator stays the one home of its rule and a screen that is too
    broad costs time, never a wrong answer. An empty ``may_refuse`` means that the type
    alone satisfies the validator.

    Attributes:
        accepts: the declared field types (``Decimal``, ``type(None)``,
            ``tuple[Indicator, ...]`` …) this screen is good for.
        may_refuse: the expression, or "" when the validator never refuses such a value.
    """

    accepts: frozenset[object]
    may_refuse: str = ""


_SCREENS: dict[Validator, Screen] = {}


def screened(*accepts: object, may_refuse: str = "") -> Callable[[Validator], Validator]:
    """Declare the :class:`Screen` of a validator (a decorator; the validator is unchanged)."""

    def declare(validator: Validator) -> Validator:
        _SCREENS[validator] = Screen(frozenset(accepts), may_refuse)
        return validator

    return declare


def screen_of(validator: Validator) -> Screen | None:
    """The :class:`Screen` declared for ``validator``, or None (then it is always called)."""
    try:
        return _SCREENS.get(validator)
    except TypeError:  # an unhashable validator object
        return None


_NONE = type(None)


def _owner(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


@screened(Amount)
def amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds an :class:`Amount`."""
    if not isinstance(value, Amount):
        raise ValidationError(
            "字段应为金额",
            "field must be an Amount",
            field=_owner(instance, attribute),
            value=value,
            expected="budgetperf.Amount, e.g. Amount.parse('874.05万元')",
        )
    _bounded(instance, attribute, value.value)


def _bounded(instance: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """A figure the model holds is one a budget can hold (see money.check_figure)."""
    try:
        check_figure(value)
    except BudgetPerfError as exc:
        raise ValidationError(
            exc.zh,
            exc.en,
            field=_owner(instance, attribute),
            value=exc.value,
            expected=exc.expected,
        ) from None


@screened(Amount, _NONE)
def optional_amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds an :class:`Amount` or None."""
    if value is not None:
        amount(instance, attribute, value)


@screened(Amount, _NONE, may_refuse="v is not None and v.value < 0")
def non_negative_amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds an :class:`Amount` ≥ 0, or None."""
    if value is None:
        return
    amount(instance, attribute, value)
    assert isinstance(value, Amount)
    if value.value < 0:
        raise ValidationError(
            "金额不能为负",
            "amount must not be negative",
            field=_owner(instance, attribute),
            value=str(value),
            expected="an amount ≥ 0",
        )


@screened(Decimal, _NONE)
def optional_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds a finite Decimal a budget can hold (see money.check_figure), or None."""
    if value is None:
        return
    finite_decimal(instance, attribute, value)
    assert isinstance(value, Decimal)
    _bounded(instance, attribute, value)


@screened(Decimal, _NONE, may_refuse="v is not None and v < 0")
def optional_points(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is None or points printed on a form (分值 / 权重): a bounded Decimal ≥ 0."""
    optional_decimal(instance, attribute, value)
    if value is not None and value < 0:  # type: ignore[operator]  # a Decimal, checked above
        raise ValidationError(
            "分值（权重）必须是非负数",
            "points (a weight) must be a number ≥ 0",
            field=_owner(instance, attribute),
            value=value,
            expected="Decimal ≥ 0",
        )


@screened(Decimal)
def finite_decimal(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds a finite Decimal (a computed one: not bounded like a read figure)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError(
            "字段应为十进制数",
            "field must be a finite Decimal",
            field=_owner(instance, attribute),
            value=value,
            expected="decimal.Decimal",
        )


@screened(tuple[Decimal, ...])
def decimals(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is a tuple of finite, bounded Decimals (never a float)."""
    tuple_of(Decimal)(instance, attribute, value)
    for item in value:  # type: ignore[attr-defined]  # a tuple, checked above
        optional_decimal(instance, attribute, item)


def named_decimals(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is a tuple of ``(name, Decimal)`` pairs."""
    tuple_of(tuple)(instance, attribute, value)
    for pair in value:  # type: ignore[attr-defined]  # a tuple, checked above
        if len(pair) != 2 or not isinstance(pair[0], str) or not isinstance(pair[1], Decimal):
            raise ValidationError(
                "字段应为（名称, 十进制数）对",
                "field must hold (name, Decimal) pairs",
                field=_owner(instance, attribute),
                value=pair,
                expected="(str, decimal.Decimal)",
            )
        optional_decimal(instance, attribute, pair[1])


@screened(int, _NONE, may_refuse="v is not None and v < 0")
def optional_index(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is None or an index into a tuple: an int ≥ 0 (not a bool)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            "字段应为非负整数序号",
            "field must be an index (an int ≥ 0)",
            field=_owner(instance, attribute),
            value=value,
            expected="None or an int ≥ 0 such as 0",
        )


@screened(int, _NONE, may_refuse="v is not None and (type(v) is not int or v < 0)")
def optional_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is None or a number of things as printed (辆, 台（套）): an int ≥ 0."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            "字段应为非负整数（数量）",
            "field must be a count (an int ≥ 0)",
            field=_owner(instance, attribute),
            value=value,
            expected="None or an int ≥ 0 such as 3",
        )


@screened(int, may_refuse="type(v) is not int or v < 0")
def count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is a number of things as printed: an int ≥ 0 (never None)."""
    if value is None:
        raise ValidationError(
            "字段应为非负整数（数量）",
            "field must be a count (an int ≥ 0)",
            field=_owner(instance, attribute),
            value=value,
            expected="an int ≥ 0 such as 3",
        )
    optional_count(instance, attribute, value)


@screened(str, may_refuse="not v.strip()")
def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field holds a non-empty string (blanks alone do not count)."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(
            "字段不能为空",
            "field must be a non-empty string",
            field=_owner(instance, attribute),
            value=value,
            expected="text such as 财政拨款",
        )


FIRST_YEAR = 0
"""Smallest year a document may hold (0: the year was not found, as the audit records it)."""

LAST_YEAR = 9999
"""Largest year a document may hold: a year is a figure too, and has at most four digits."""


@screened(int, may_refuse=f"not {FIRST_YEAR} <= v <= {LAST_YEAR}")
def year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """The field is a fiscal year: an int from :data:`FIRST_YEAR` to :data:`LAST_YEAR`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            "年度应为整数",
            "the year must be an int",
            field=_owner(instance, attribute),
            value=value,
            expected="a year such as 2023",
        )
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ValidationError(
            "年度超出允许范围",
            "year out of range",
            field=_owner(instance, attribute),
            value=value,
            expected=f"a year from {FIRST_YEAR} to {LAST_YEAR}",
        )


def instance_of(kind: type | tuple[type, ...]) -> Validator:
    """The field holds an instance of ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            names = (
                kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            )
            raise ValidationError(
                "字段类型有误",
                "field has the wrong type",
                field=_owner(instance, attribute),
                value=value,
                expected=names,
            )

    return screened(*(kind if isinstance(kind, tuple) else (kind,)))(check)


def optional(kind: type | tuple[type, ...]) -> Validator:
    """The field holds an instance of ``kind`` or None."""
    inner = instance_of(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return screened(*(kind if isinstance(kind, tuple) else (kind,)), _NONE)(check)


def tuple_of(kind: type | tuple[type, ...]) -> Validator:
    """The field is a tuple whose items are instances of ``kind``."""
    inner = instance_of(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise ValidationError(
                "字段应为元组",
                "field must be a tuple",
                field=_owner(instance, attribute),
                value=value,
                expected="tuple",
            )
        for item in value:
            inner(instance, attribute, item)

    # A tuple of one kind only: a union of kinds has no single declared type to match.
    if not isinstance(kind, type):
        return check
    return screened(types.GenericAlias(tuple, (kind, ...)))(check)  # tuple[kind, ...]


def code(*lengths: int, first: str = "") -> Validator:
    """The field is a code of digits of one of ``lengths``, starting with one of ``first``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (
            isinstance(value, str)
            and value.isascii()
            and value.isdigit()
            and len(value) in lengths
            and (not first or value[:1] in first)
        ):
            raise ValidationError(
                "科目编码格式有误",
                "malformed classification code",
                field=_owner(instance, attribute),
                value=value,
                expected=f"{'/'.join(map(str, lengths))} digits"
                + (f" starting with {'/'.join(first)}" if first else ""),
            )

    return check


def optional_code(*lengths: int, first: str = "") -> Validator:
    """Like :func:`code`, or None."""
    inner = code(*lengths, first=first)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return check


def to_tuple(value: object) -> tuple[Any, ...]:
    """Converter: lists and other iterables become tuples (records stay immutable)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        return value  # type: ignore[return-value]  # left for the validator to reject
    return tuple(value)
