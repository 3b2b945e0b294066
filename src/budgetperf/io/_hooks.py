"""Structure / unstructure hooks: model values ↔ JSON-safe primitives, with JSON-path errors.

One converter serves every attrs class of the model and of score sheets: a value is
unstructured by its runtime type, and structured back by the field's declared type. Money
and decimals travel as strings (never JSON floats), enums as their value, project codes as
their 21-character text, tuples as lists.
"""

from __future__ import annotations

import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from budgetperf.errors import BudgetPerfError, FigureRangeError, SchemaError
from budgetperf.model import _fields
from budgetperf.model.project import ProjectCode
from budgetperf.money import (
    MAX_EXPONENT,
    MAX_SIGNIFICANT_DIGITS,
    MAX_TEXT_LENGTH,
    Amount,
    Rounding,
    Unit,
    check_figure,
    to_decimal,
)

__all__ = ["structure", "unstructure"]

Primitive = None | bool | int | str | list[Any] | dict[str, Any]


def unstructure(value: object) -> Primitive:
    """A model value as JSON-safe primitives (inverse of :func:`structure`)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        # str() keeps the exponent exactly ("874.05", "8.7405E+6"): lossless, and still a
        # decimal string any JSON consumer can read with a decimal parser.
        return str(value)
    if isinstance(value, Amount):
        return {"value": unstructure(value.value), "unit": value.unit.value}
    if isinstance(value, enum.Enum):
        return value.value  # type: ignore[no-any-return]
    if isinstance(value, ProjectCode):
        return str(value)
    if isinstance(value, Rounding):
        return {"places": value.places, "mode": value.mode}
    if isinstance(value, tuple | list):
        return [unstructure(item) for item in value]
    if isinstance(value, Mapping):
        return {str(unstructure(k)): unstructure(v) for k, v in value.items()}
    cls: Any = type(value)
    if attrs.has(cls):
        return {
            field.name: unstructure(getattr(value, field.name))
            for field in attrs.fields(cls)
            if field.init and not (field.metadata and _omitted(field, getattr(value, field.name)))
        }
    raise TypeError(f"cannot unstructure {type(value).__name__}")  # programmer error


def _omitted(field: attrs.Attribute[Any], value: object) -> bool:
    """Whether ``field`` is left out of the JSON: one written only when it holds a value
    (:data:`~budgetperf.model._fields.OMITTED_WHEN_NONE`) and holding None."""
    return value is None and _fields.omitted_when_none(field)


def _fail(path: str, zh: str, en: str, value: object, expected: str) -> SchemaError:
    shown = value if isinstance(value, str | int | bool) or value is None else type(value).__name__
    return SchemaError(zh, en, field=path, value=shown, expected=expected)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class _Mismatch(Exception):
    """Raised by the compiled fast path; the careful path then names what and where."""


_CANONICAL_DECIMAL = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:E[+-]?\d+)?")

_PLAIN_DECIMAL = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")

_SURELY_IN_RANGE = min(MAX_SIGNIFICANT_DIGITS, MAX_EXPONENT + 1)
"""A canonical decimal text without an exponent and at most this long is a figure a budget
can hold: it has no more digits than characters, and its adjusted exponent is within ±(its
length − 1). Such a text needs no further check."""


def _figure(text: str) -> Decimal:
    value = Decimal(text)
    if len(text) <= _SURELY_IN_RANGE and "E" not in text:
        return value
    return check_figure(value)


@functools.lru_cache(maxsize=4096)
def _text_figure(text: str) -> Decimal:
    """The figure a decimal text states, or :class:`_Mismatch` (the careful path says why).

    Figures repeat from document to document ("10", "100.00") and a Decimal is immutable,
    so the results are kept (a bounded cache, keyed by text only)."""
    if len(text) <= _SURELY_IN_RANGE and _PLAIN_DECIMAL.fullmatch(text):
        return Decimal(text)  # a short figure without exponent: in range
    if len(text) <= MAX_TEXT_LENGTH and _CANONICAL_DECIMAL.fullmatch(text):
        return _figure(text)
    raise _Mismatch


_UNITS: Final = {u.value: u for u in Unit}


@functools.lru_cache(maxsize=4096)
def _text_amount(value: str, unit: str) -> Amount:
    """The amount ``{"value": value, "unit": unit}`` states, or :class:`_Mismatch` (kept like
    :func:`_text_figure`: an Amount is immutable)."""
    found = _UNITS.get(unit)
    if found is None or len(value) > MAX_TEXT_LENGTH or not _CANONICAL_DECIMAL.fullmatch(value):
        raise _Mismatch
    return Amount(_figure(value), found)


@functools.cache
def _compiled(kind: Any) -> Callable[[Any], Any]:
    """A converter for ``kind`` specialised once: the fast path for well-formed input."""
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = typing.get_args(kind)
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            inner = _direct(_compiled(real[0]))
            return lambda data: None if data is None else inner(data)
        raise _Mismatch  # ambiguous unions take the careful path
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _direct(_compiled(args[0]))

            def many(data: Any) -> tuple[Any, ...]:
                if type(data) is not list:
                    raise _Mismatch
                return tuple([item(x) for x in data])

            return many
        items = [_direct(_compiled(arg)) for arg in args]

        def fixed(data: Any) -> tuple[Any, ...]:
            if type(data) is not list or len(data) != len(items):
                raise _Mismatch
            return tuple([convert(x) for convert, x in zip(items, data, strict=True)])

        return fixed
    if kind in (str, int, bool):
        exact = kind

        def plain(data: Any) -> Any:
            # type() rather than isinstance(): a bool is not an int here.
            if type(data) is not exact:
                raise _Mismatch
            return data

        return plain
    if kind is Decimal:

        def number(data: Any) -> Decimal:
            if type(data) is not str:
                raise _Mismatch
            return _text_figure(data)

        return number
    if kind is Amount:

        def money(data: Any) -> Amount:
            if type(data) is not dict or len(data) != 2:
                raise _Mismatch
            value, written = data.get("value"), data.get("unit")
            if type(value) is not str or type(written) is not str:
                raise _Mismatch
            return _text_amount(value, written)

        return money
    if kind is ProjectCode:

        def project_code(data: Any) -> ProjectCode:
            if type(data) is not str:
                raise _Mismatch
            return ProjectCode.parse(data)

        return project_code
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        members = {m.value: m for m in kind}

        def member(data: Any) -> Any:
            try:
                return members[data]
            except (KeyError, TypeError):
                raise _Mismatch from None

        return member
    if isinstance(kind, type) and attrs.has(kind):
        cls = kind
        # The record's converter is generated on first use: types may refer to themselves
        # (a Dimension's children are Dimensions).
        built: list[Callable[[Any], Any]] = []

        def record(data: Any) -> Any:
            if not built:
                # Built completely before it is kept: a type the fast path cannot take
                # raises here, every time, and the careful path handles the record.
                built.append(_record_converter(cls))
            return built[0](data)

        _RECORDS[record] = (cls, built)
        return record
    raise _Mismatch  # everything else (project codes, mappings …) takes the careful path


_RECORDS: dict[Callable[[Any], Any], tuple[type, list[Callable[[Any], Any]]]] = {}
"""The record converters of :func:`_compiled`: the class and the generated converter, once
built (a bounded set: one per attrs class)."""

_BUILDING: set[type] = set()
"""The classes whose converter is being generated (a class may hold itself)."""


def _direct(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The generated converter a record converter calls, built now, so that the converters
    holding it call it without the wrapper; ``convert`` itself when it is not a record's,
    when its class is being generated (a class holding itself), or when it cannot be built
    (it then raises when called, every time, as before)."""
    found = _RECORDS.get(convert)
    if found is None:
        return convert
    cls, built = found
    if not built:
        if cls in _BUILDING:
            return convert
        try:
            built.append(_record_converter(cls))
        except Exception:  # a type the fast path cannot take: the wrapper says so when called
            return convert
    return built[0]


def _record_converter(cls: type) -> Callable[[Any], Any]:
    """:func:`_generated`, with ``cls`` marked as being generated meanwhile."""
    _BUILDING.add(cls)
    try:
        return _generated(cls)
    finally:
        _BUILDING.discard(cls)


def _generated(cls: type) -> Callable[[Any], Any]:
    """The fast converter of one attrs class, as straight-line code generated once.

    It takes a dict with every required field and no unknown one, converts each field by
    its declared type (a plain ``str``, ``int`` or ``bool``, or an optional one, is checked
    in line) and builds the object once (:func:`_builder`): structuring and validation
    happen once per object, not once per field call.
    """
    hints = _hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    namespace: dict[str, Any] = {"_Mismatch": _Mismatch, "_cls": cls, "_NOTHING": attrs.NOTHING}
    lines: list[str] = []
    required = [f for f in fields if f.default is attrs.NOTHING]
    optional = [f for f in fields if f.default is not attrs.NOTHING]
    build = _builder(cls, namespace)

    def converted(number: int, name: str, indent: str) -> list[str]:
        kind = hints[name]
        value = f"v{number}"
        args = typing.get_args(kind)
        origin = typing.get_origin(kind)
        if kind in (str, int, bool):
            # type() rather than isinstance(): a bool is not an int here.
            return [
                f"{indent}if type({value}) is not {kind.__name__}:",
                f"{indent}    raise _Mismatch",
            ]
        if (
            (origin is Union or origin is types.UnionType)
            and len(args) == 2
            and type(None) in args
            and next(a for a in args if a is not type(None)) in (str, int, bool)
        ):
            inner = next(a for a in args if a is not type(None))
            return [
                f"{indent}if {value} is not None and type({value}) is not {inner.__name__}:",
                f"{indent}    raise _Mismatch",
            ]
        if (origin is Union or origin is types.UnionType) and len(args) == 2 and type(None) in args:
            # An optional record, figure or enum: None, or converted in line.
            namespace[f"c{number}"] = _direct(
                _compiled(next(a for a in args if a is not type(None)))
            )
            return [f"{indent}if {value} is not None:", *call(number, f"{indent}    ")]
        namespace[f"c{number}"] = _direct(_compiled(kind))
        return call(number, indent)

    def call(number: int, indent: str) -> list[str]:
        """``vN = cN(vN)``; for a record kept by its strings (a measure), its canonical form
        looked up in line, as its own converter would look it up first."""
        value, convert = f"v{number}", namespace[f"c{number}"]
        if convert is _compiled(Decimal):
            # A figure's converter, in line: a string's figure, kept by its text.
            namespace["_text_figure"] = _text_figure
            return [
                f"{indent}if type({value}) is not str:",
                f"{indent}    raise _Mismatch",
                f"{indent}{value} = _text_figure({value})",
            ]
        if convert is _compiled(Amount):
            # An amount's converter, in line: {"value": text, "unit": text}, kept by them.
            namespace["_text_amount"] = _text_amount
            return [
                f"{indent}if type({value}) is not dict or len({value}) != 2:",
                f"{indent}    raise _Mismatch",
                f"{indent}a, u = {value}.get('value'), {value}.get('unit')",
                f"{indent}if type(a) is not str or type(u) is not str:",
                f"{indent}    raise _Mismatch",
                f"{indent}{value} = _text_amount(a, u)",
            ]
        kept = getattr(convert, "__globals__", {})
        if getattr(convert, "__name__", "") != "convert" or "_memo" not in kept:
            return [f"{indent}{value} = c{number}({value})"]
        namespace[f"_m{number}"], namespace[f"_n{number}"] = kept["_memo"], kept["_names"]
        return [
            f"{indent}if type({value}) is dict and tuple({value}) == _n{number}:",
            f"{indent}    {value} = _m{number}(*{value}.values())",
            f"{indent}else:",
            f"{indent}    {value} = c{number}({value})",
        ]

    if required:  # a class of optional fields only (三公经费) reads no field up front
        lines.append("    try:")
        for number, field in enumerate(required):
            lines.append(f"        v{number} = data[{field.name!r}]")
        lines += ["    except KeyError:", "        raise _Mismatch from None"]
    for number, field in enumerate(required):
        lines += converted(number, field.name, "    ")
    numbers = {field.name: number for number, field in enumerate(required)}
    if build is None:
        lines.append(
            "    kwargs = {" + ", ".join(f"{f.name!r}: v{i}" for i, f in enumerate(required)) + "}"
        )
    lines.append(f"    seen = {len(required)}")
    for number, field in enumerate(optional, start=len(required)):
        numbers[field.name] = number
        lines += [f"    if {field.name!r} in data:", f"        v{number} = data[{field.name!r}]"]
        lines += converted(number, field.name, "        ")
        if build is None:
            lines.append(f"        kwargs[{field.name!r}] = v{number}")
        lines.append("        seen += 1")
        if build is not None:
            lines += ["    else:", f"        v{number} = {_default(field, number, namespace)}"]
    lines += ["    if seen != len(data):", "        raise _Mismatch"]
    head = ["def convert(data):", "    if type(data) is not dict:", "        raise _Mismatch"]
    if build is None:
        lines = head + lines + ["    return _cls(**kwargs)"]
    elif fields:
        # The canonical form (to_envelope writes every field, in field order) is read at
        # once: its keys are the fields, so none is missing and none unknown.
        # (A field written only when it holds a value is not among them: None there.)
        written = [f for f in fields if not _fields.omitted_when_none(f)]
        namespace["_names"] = tuple(field.name for field in written)
        values = "".join(f"v{numbers[f.name]}, " for f in written)
        canonical = ["    if tuple(data) == _names:", f"        {values}= data.values()"]
        for field in written:
            canonical += converted(numbers[field.name], field.name, "        ")
        canonical += [f"        v{numbers[f.name]} = None" for f in fields if f not in written]
        if all(_textual(hints[field.name]) for field in fields):
            # Every field is read from a string or null (a measure: text, figure, unit,
            # comparator): such a record is kept by those strings, as figures are.
            make = [f"def make({values}):"]
            make += [line[4:] for line in canonical[2:]] + build(numbers)
            canonical = [canonical[0], "        return _memo(*data.values())"]
            lines = make + head + canonical + ["    else:"] + ["    " + line for line in lines]
        else:
            lines = head + canonical + ["    else:"] + ["    " + line for line in lines]
        lines += build(numbers)
    else:
        lines = head + lines + build(numbers)
    exec("\n".join(lines), namespace)  # generated from the class's own fields
    if "make" in namespace:
        namespace["_memo"] = functools.lru_cache(maxsize=4096)(namespace["make"])
    convert: Callable[[Any], Any] = namespace["convert"]
    return convert


def _textual(kind: Any) -> bool:
    """Whether a field of declared type ``kind`` is read only from a JSON string or null.

    A record of such fields is a function of those strings alone: it can be kept by them
    (a cache key of strings: no bool or number in it can be taken for another value, and
    the record is immutable)."""
    options = _options(kind) - {type(None)}
    return len(options) == 1 and all(
        option in (str, Decimal)
        or (
            isinstance(option, type)
            and issubclass(option, enum.Enum)
            and all(type(member.value) is str for member in option)
        )
        for option in options
    )


def _builder(cls: type, namespace: dict[str, Any]) -> Callable[[dict[str, int]], list[str]] | None:
    """The lines that build ``cls`` from converted fields without calling its ``__init__``.

    They do what the attrs ``__init__`` does (defaults, converters, then the validators in
    field order) except that a validator whose :class:`~budgetperf.model._fields.Screen`
    shows it cannot refuse a value of the declared type is not called: the converters
    above yield only such values (a Decimal or Amount is a bounded figure, an enum a
    member, a record an instance). Every other validator is called as attrs would call it;
    whatever it raises sends the record to the careful path, which names the error.

    None for a class this cannot build like its ``__init__`` (an ``__init__`` of its own,
    fields outside it, a post-init hook, its own ``__new__`` or ``__setattr__``): it is then
    called.
    """
    everything = attrs.fields(cls)
    setter = getattr(cls, "__setattr__", None)
    init = getattr(getattr(cls, "__init__", None), "__code__", None)
    if (
        init is None
        or not init.co_filename.startswith("<attrs generated")  # an __init__ of its own
        or any(not field.init for field in everything)
        or hasattr(cls, "__attrs_pre_init__")
        or hasattr(cls, "__attrs_post_init__")
        or typing.cast(Any, cls).__new__ is not object.__new__
        or not (
            setter is object.__setattr__ or getattr(setter, "__name__", "") == "_frozen_setattrs"
        )
        or any(isinstance(field.converter, attrs.Converter) for field in everything)
    ):
        return None
    hints = _hints(cls)
    namespace["_new"] = object.__new__
    namespace["_set"] = object.__setattr__

    def lines(numbers: dict[str, int]) -> list[str]:
        out = ["    self = _new(_cls)"]
        for field in everything:
            number = numbers[field.name]
            value = f"v{number}"
            default: Any = field.default
            if isinstance(default, _FACTORY) and default.takes_self:
                # The factory sees the fields set before it, as in the attrs __init__.
                out += [f"    if {value} is _NOTHING:", f"        {value} = _f{number}(self)"]
            if field.converter is not None:
                namespace[f"_k{number}"] = field.converter
                out.append(f"    {value} = _k{number}({value})")
            setter = _slot_setter(cls, field.name)
            if setter is None:
                out.append(f"    _set(self, {field.name!r}, {value})")
            else:
                # The slot's own setter: what object.__setattr__ finds and calls, without
                # looking the name up on the class each time.
                namespace[f"_s{number}"] = setter
                out.append(f"    _s{number}(self, {value})")
        for field in everything:
            number = numbers[field.name]
            declared = _options(hints[field.name])
            for part, validator in enumerate(_parts(field.validator)):
                screen = _fields.screen_of(validator)
                name = f"_val{number}_{part}"
                call = f"{name}(self, _attr{number}, v{number})"
                if screen is not None and declared <= screen.accepts:
                    if not screen.may_refuse:
                        continue  # the declared type alone satisfies it
                    out += [f"    v = v{number}", f"    if {screen.may_refuse}:", f"        {call}"]
                else:
                    out.append(f"    {call}")
                namespace[name] = validator
                namespace[f"_attr{number}"] = field
        out.append("    return self")
        return out

    return lines


def _slot_setter(cls: type, name: str) -> Callable[[object, Any], None] | None:
    """The ``__set__`` of the slot that holds field ``name`` of ``cls``, or None when the
    field is not held in a slot (then ``object.__setattr__`` sets it)."""
    for klass in cls.__mro__:
        if name in vars(klass):
            descriptor = vars(klass)[name]
            if type(descriptor) is types.MemberDescriptorType:
                setter: Callable[[object, Any], None] = descriptor.__set__
                return setter
            return None
    return None


_FACTORY: Final[Any] = type(attrs.Factory(list))
"""The class of an ``attrs.Factory`` default (the stubs type ``Factory`` as a function)."""


def _default(field: attrs.Attribute[Any], number: int, namespace: dict[str, Any]) -> str:
    """The expression of an absent field's default in generated code (one that takes the
    object being built is left to :func:`_builder`, as ``_NOTHING``)."""
    default: Any = field.default
    if isinstance(default, _FACTORY):
        namespace[f"_f{number}"] = default.factory
        return "_NOTHING" if default.takes_self else f"_f{number}()"
    namespace[f"_d{number}"] = default
    return f"_d{number}"


def _options(kind: Any) -> frozenset[object]:
    """The types a value of declared type ``kind`` may have (a union's options)."""
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        return frozenset(typing.get_args(kind))
    return frozenset({kind})


def _parts(validator: Any) -> tuple[Any, ...]:
    """The validators attrs runs for a field (a list of them is one ``and_`` validator)."""
    if validator is None:
        return ()
    return tuple(getattr(validator, "_validators", None) or (validator,))


def structure(data: object, kind: Any, path: str = "$") -> Any:
    """Build a value of type ``kind`` from primitives; errors name the JSON path.

    Well-formed input takes a fast path compiled once per type; anything it does not accept
    is structured again carefully, so that the error names the JSON path and the value.

    Raises:
        SchemaError: a value of the wrong type or form, a missing or unknown field.
    """
    try:
        fast = _compiled(kind)
    except _Mismatch:
        fast = None
    if fast is not None:
        try:
            return fast(data)
        except (_Mismatch, BudgetPerfError, TypeError, ValueError):
            pass  # the careful path below names what is wrong, and where
    return _structure(data, kind, path)


def _structure(data: object, kind: Any, path: str = "$") -> Any:
    """The careful path: every mismatch raises a SchemaError with its JSON path."""
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            return structure(data, real[0], path)
        errors = []
        for option in real:
            try:
                return structure(data, option, path)
            except SchemaError as exc:
                errors.append(exc)
        raise errors[0]
    if kind is type(None):
        if data is not None:
            raise _fail(path, "应为空值", "expected null", data, "null")
        return None
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(data, list):
            raise _fail(path, "应为数组", "expected an array", data, "a JSON array")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(structure(item, args[0], f"{path}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise _fail(path, "数组长度有误", "wrong array length", data, f"{len(args)} items")
        return tuple(
            structure(item, arg, f"{path}[{i}]")
            for i, (item, arg) in enumerate(zip(data, args, strict=True))
        )
    if origin in (Mapping, dict) or origin is typing.get_origin(Mapping[str, int]):
        key_type, value_type = typing.get_args(kind)
        if not isinstance(data, dict):
            raise _fail(path, "应为对象", "expected an object", data, "a JSON object")
        return types.MappingProxyType(
            {
                structure(k, key_type, f"{path}.{k}"): structure(v, value_type, f"{path}.{k}")
                for k, v in data.items()
            }
        )
    if kind is Any or kind is object:
        return data
    if kind is bool:
        if not isinstance(data, bool):
            raise _fail(path, "应为布尔值", "expected true or false", data, "true or false")
        return data
    if kind is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise _fail(path, "应为整数", "expected an integer", data, "a JSON integer")
        return data
    if kind is str:
        if not isinstance(data, str):
            raise _fail(path, "应为字符串", "expected a string", data, "a JSON string")
        return data
    if kind is Decimal:
        if isinstance(data, bool) or not isinstance(data, str | int | Decimal):
            raise _fail(
                path,
                "数值应写成字符串",
                "expected a decimal string",
                data,
                'a decimal string such as "874.05"',
            )
        try:
            # A JSON number arrives as a Decimal, which to_decimal leaves unbounded.
            return check_figure(to_decimal(data, field=path), field=path)
        except FigureRangeError as exc:
            raise SchemaError(
                exc.zh, exc.en, field=path, value=exc.value, expected=exc.expected
            ) from None
        except BudgetPerfError as exc:
            raise _fail(
                path,
                "无法识别的数值",
                "not a decimal number",
                exc.value if exc.has_value else data,
                'a finite decimal string such as "874.05"',
            ) from exc
    if kind is Amount:
        if not isinstance(data, dict) or set(data) != {"value", "unit"}:
            raise _fail(
                path,
                "金额应为 {value, unit}",
                "an amount is {value, unit}",
                data,
                '{"value": "874.05", "unit": "万元"}',
            )
        value = structure(data["value"], Decimal, f"{path}.value")
        unit = structure(data["unit"], Unit, f"{path}.unit")
        return Amount(value, unit)
    if kind is ProjectCode:
        if not isinstance(data, str):
            raise _fail(
                path,
                "项目编码应为字符串",
                "a project code is a string",
                data,
                "21 characters such as 51340022T000000278908",
            )
        try:
            return ProjectCode.parse(data)
        except BudgetPerfError as exc:
            raise _fail(
                path,
                "无法识别的项目编码",
                "not a project code",
                data,
                "21 characters such as 51340022T000000278908",
            ) from exc
    if kind is Rounding:
        if not isinstance(data, dict):
            raise _fail(path, "应为对象", "expected an object", data, '{"places": 2}')
        return Rounding(
            structure(data.get("places"), int, f"{path}.places"),
            structure(data.get("mode", "ROUND_HALF_UP"), str, f"{path}.mode"),
        )
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        try:
            return kind(data)
        except (ValueError, TypeError):  # TypeError: an unhashable value such as ["万元"]
            raise _fail(
                path,
                "取值不在允许范围内",
                "value not allowed",
                data,
                "one of " + ", ".join(str(m.value) for m in kind),
            ) from None
    if isinstance(kind, type) and attrs.has(kind):
        return _structure_attrs(data, kind, path)
    raise TypeError(f"no structure hook for {kind!r}")  # programmer error


def _structure_attrs(data: object, cls: type, path: str) -> Any:
    if not isinstance(data, dict):
        raise _fail(path, "应为对象", "expected an object", data, f"a JSON object ({cls.__name__})")
    hints = _hints(cls)
    fields = {f.name: f for f in attrs.fields(cls) if f.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise _fail(
            f"{path}.{unknown[0]}",
            "未知字段",
            "unknown field",
            unknown[0],
            "one of " + ", ".join(fields),
        )
    kwargs: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in data:
            if field.default is attrs.NOTHING:
                raise _fail(
                    f"{path}.{name}",
                    "缺少必填字段",
                    "required field missing",
                    None,
                    f"field {name!r} of {cls.__name__}",
                )
            continue
        kwargs[name] = structure(data[name], hints[name], f"{path}.{name}")
    _keep_spelling(data, fields, kwargs)
    try:
        return cls(**kwargs)
    except SchemaError:
        raise
    except (TypeError, ValueError) as exc:
        if isinstance(exc, BudgetPerfError):
            raise _located(exc, path) from exc
        # A validator outside budgetperf's own (attrs, a subclass): still bad input here.
        raise SchemaError(
            "字段取值有误",
            f"invalid value: {exc}",
            field=path,
            expected=f"a valid {cls.__name__}",
        ) from None
    except BudgetPerfError as exc:
        raise _located(exc, path) from exc


def _keep_spelling(data: dict[str, Any], fields: Mapping[str, Any], kwargs: dict[str, Any]) -> None:
    """A comparator written as printed ("≧", "不低于") with no ``comparator_text`` beside it
    keeps that spelling there, as every reader keeps the printed text beside the comparator."""
    written = data.get("comparator")
    comparator = kwargs.get("comparator")
    if (
        "comparator_text" in fields
        and "comparator_text" not in data
        and isinstance(written, str)
        and isinstance(comparator, enum.Enum)
        and written.strip() != comparator.value
    ):
        kwargs["comparator_text"] = written.strip()


def _located(exc: BudgetPerfError, path: str) -> SchemaError:
    """A model error raised while building the object at ``path``, as a SchemaError there."""
    field = exc.field or ""
    # A model error names "Class.field"; the JSON path names the field after the dot.
    name = field.rsplit(".", 1)[-1] if "." in field and not field.startswith("$") else field
    return SchemaError(
        exc.zh,
        exc.en,
        field=f"{path}.{name}".rstrip(".") if not name.startswith("$") else name,
        value=exc.value if exc.has_value else None,
        expected=exc.expected,
    )
