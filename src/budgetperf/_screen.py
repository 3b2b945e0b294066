"""The batch screen (快速筛查): a clean project self-evaluation scored on its decoded JSON.

:func:`screen_text` takes one line of a batch and either proves that the full path would
find the document valid, score it to the figures it returns and find nothing on it, or
gives up, and the line takes the full path. It never decides anything the full path could
decide otherwise: whatever it cannot prove — another document type, a field of another form
than the canonical writer's, a row that is not a plain quantitative one, a figure that would
give any finding — is left to the full path (any doubt goes there), so the outcomes are the
full path's by construction (tests/test_fast.py checks them byte for byte).

**The shape.** The canonical writer writes every field of every record, in one form. That
form is written down once here, field by field (:data:`SHAPES`, checked against the model's
own fields at import), and serves twice:

- with the ``fast`` extra, as typed dictionaries for msgspec, which then decodes a line and
  checks every field's type in C (a line of another shape is refused by the decoder);
- without it, as the Python type of each field, proven after ``json.loads`` where it costs
  least (:data:`_COUNTED`): a text by the cached function that reads it, an indicator row's
  labels and figures by its kept verdict, the rest of a table's rows at once; a record's
  keys by the getters that read them all and the count of ``:`` below. On the exact parser's
  result (no text to count) every record is compared whole (:meth:`Shape.holds`).

Neither decoder refuses duplicate keys by itself (both keep the last of two equal keys), so
the screen counts them: every key of a JSON text is followed by a ``:`` outside any string,
and the canonical shape says how many keys a document of so many rows has. A text with
exactly that many ``:`` has no duplicate key, no unknown key and no ``:`` inside a string; any
other text is left to the exact parser (which refuses duplicates, or finds none and the
screen runs again on its result).

**The rules.** It holds no rule of its own. Figures are converted by the structurer's own
converters (``budgetperf.io._hooks._compiled``), validity is asked of the model's field
validators and spelling check, scores come from the rule functions the model path calls
(:func:`~budgetperf.scoring.score.execution_points`,
:func:`~budgetperf.scoring.score.quantitative_case`, :func:`~budgetperf.scoring.score.case_points`,
:func:`~budgetperf.scoring.score.graded_total`), and each check is asked through the predicate
the check itself uses (:func:`~budgetperf.checks.interval.printed_as`,
:func:`~budgetperf.checks.evaluation.over_completion`, …). What the screen adds is only the
shape it accepts, which is narrower than the model's. What depends on texts alone (the
checks on a row's names, a unit pair's conversion) is asked once per distinct text and kept
in bounded caches.
"""

from __future__ import annotations

import functools
import itertools
import json
import operator
import types
import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import NoneType
from typing import Any, Final, Literal

import attrs

from budgetperf.checks.evaluation import (
    _POINTS_IN_LABEL,
    cost_misplaced,
    level1_points,
    over_completion,
    prints_points,
    rate_without_budget,
    reverse_quantity,
    spent_without_budget,
    stray_years,
)
from budgetperf.checks.interval import printed_as
from budgetperf.io._hooks import _compiled
from budgetperf.io.json import _number as _json_number
from budgetperf.io.json import _reject_constant
from budgetperf.io.outputs import project_key_pairs
from budgetperf.model import _fields
from budgetperf.model.evaluation import BudgetBlock, ProjectEvaluation, SourceRef, project_title
from budgetperf.model.funding import FundRow
from budgetperf.model.indicators import Comparator, Indicator, Measure, check_spelling
from budgetperf.model.indicators import says_something as _says_something
from budgetperf.model.project import _PROJECT_CODE
from budgetperf.money import DECIMAL_CONTEXT, Amount, Unit, exact
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.rules import RuleSet, rules_for_layout
from budgetperf.scoring.score import (
    _ZERO_SUM,
    MET,
    _cell_unit,
    _sum,
    case_points,
    execution_points,
    graded_total,
    quantitative_case,
)
from budgetperf.units import Converted, common_scale

__all__ = ["FINDING", "RECOUNT", "SHAPES", "clean_outcome", "screen_text"]

CleanOutcome = tuple[str, Decimal, Decimal | None, str, tuple[tuple[str, Any], ...]]
"""(title, total, reported total, grade, join keys) of a clean scored document."""


def _spelled(comparator: Comparator) -> bool:
    try:
        check_spelling("Indicator.comparator_text", comparator, comparator.value)
    except Exception:
        return False
    return True


# A comparator the screen takes: written as its canonical symbol in both fields, and so
# spelled (asked of the model's spelling check once, here).
_COMPARATORS: Final = {
    c.value: c for c in Comparator if c is not Comparator.QUALITATIVE and _spelled(c)
}
_SYMBOL: Any = Literal[tuple(_COMPARATORS)]


# -- the canonical shape ------------------------------------------------------------------


@attrs.frozen(slots=True)
class Shape:
    """One record of the canonical form: its fields and what each holds.

    Attributes:
        name: the model class it writes.
        fields: (field, annotation) in the model's order; an annotation is a Python type,
            None, a ``Literal``, a ``list[…]``, another shape's :attr:`typed`, or one of
            those or None.
        typed: the record as a ``TypedDict`` (msgspec decodes and type-checks it in C).
        keys: how many keys a written record has (each followed by one ``:``).
        getter: the values of the fields of one Python type, in order.
        types: those types.
    """

    name: str
    fields: tuple[tuple[str, Any], ...]
    typed: Any
    keys: int
    getter: Callable[[dict[str, Any]], tuple[Any, ...]]
    types: tuple[type, ...]

    def holds(self, data: object) -> bool:
        """Whether ``data`` is this record as decoded by ``json.loads``: a dict with these
        keys only, each value of its field's type (a field that may be null or a record is
        checked where it is read)."""
        return (
            type(data) is dict
            and len(data) == self.keys
            and tuple(map(type, self.getter(data))) == self.types
        )


def _python_type(annotation: Any) -> type | None:
    """The one Python type ``json.loads`` gives a field, or None (checked where read)."""
    if annotation is None:
        return NoneType
    if isinstance(annotation, type):
        return dict if typing.is_typeddict(annotation) else annotation
    origin = typing.get_origin(annotation)
    if origin is Literal:
        (kind,) = {type(value) for value in typing.get_args(annotation)}
        return kind
    if origin is list:
        return list
    return None  # a union: null or a value


def _record(name: str, fields: tuple[tuple[str, Any], ...]) -> Shape:
    checked = [(field, _python_type(a)) for field, a in fields]
    exact_fields = [(field, kind) for field, kind in checked if kind is not None]
    return Shape(
        name=name,
        fields=fields,
        typed=typing.TypedDict(name, dict(fields)),  # type: ignore[operator]
        keys=len(fields),
        getter=operator.itemgetter(*(field for field, _ in exact_fields)),
        types=tuple(kind for _, kind in exact_fields),
    )


def _list_of(record: Any) -> Any:
    """``list[record]`` of a record made at run time."""
    return list.__class_getitem__(record)


def _shape(cls: type, **annotations: Any) -> Shape:
    """The record the canonical writer writes for ``cls``: every field of the model, but for
    those it writes only when they hold a value (a line holding one is left to the full
    path: its record has a key the shape has not)."""
    names = tuple(f.name for f in attrs.fields(cls) if not _fields.omitted_when_none(f))
    if set(annotations) != set(names):
        # The model gained or lost a field: the canonical writer's form changed with it.
        raise AssertionError(f"screen shape of {cls.__name__} is out of date")  # pragma: no cover
    return _record(cls.__name__, tuple((name, annotations[name]) for name in names))


_MONEY: Final = _shape(Amount, value=str, unit=str)
_MEASURE: Final = _shape(
    Measure, text=str, value=str, unit=str, comparator=None, comparator_text=Literal[""]
)
_INDICATOR: Final = _shape(
    Indicator,
    level1=str,
    level2=str,
    name=str,
    comparator=_SYMBOL,
    target=_MEASURE.typed,
    unit=str,
    actual=_MEASURE.typed,
    weight=str,
    reported_score=str,
    deviation_note=str,
    applicable=Literal[True],
    qualitative_grade=None,
    share=None,
    converted_score=None,
    comparator_text=_SYMBOL,
    parent=None,
)
_ROW: Final = _shape(
    FundRow,
    category=str,
    initial_budget=_MONEY.typed | None,
    adjusted_budget=_MONEY.typed | None,
    executed=_MONEY.typed | None,
    reported_rate_percent=str | None,
    weight=None,
    reported_score=None,
)
_BLOCK: Final = _shape(
    BudgetBlock, rows=_list_of(_ROW.typed), weight=str, reported_score=str, reason=str
)
_SOURCE: Final = _shape(SourceRef, **{f.name: str for f in attrs.fields(SourceRef)})
_PROJECT: Final = _shape(
    ProjectEvaluation,
    **{
        f.name: str
        for f in attrs.fields(ProjectEvaluation)
        if f.type in (str, "str")  # the text fields
    },
    code=str | None,
    year=int,
    incomplete=Literal[False],
    budget=_BLOCK.typed,
    indicators=_list_of(_INDICATOR.typed),
    reported_total=str | None,
    reported_grade=None,
    project_leaders=list[str],
    finance_leaders=list[str],
    level_funding=list[None],  # empty: checked where read
    economic_lines=list[None],
    source=_SOURCE.typed | None,
)
_ENVELOPE: Final = _record(
    "Envelope",
    (
        ("format", Literal["budgetperf/1"]),
        ("type", Literal["project_evaluation"]),
        ("document", _PROJECT.typed),
    ),
)

SHAPES: Final = (_ENVELOPE, _PROJECT, _BLOCK, _ROW, _MONEY, _INDICATOR, _MEASURE, _SOURCE)
"""The canonical form of a project self-evaluation line, record by record."""

# -- decoding ------------------------------------------------------------------------------


def _struct_annotation(annotation: Any, structs: dict[Any, Any]) -> Any:
    """``annotation`` with every record's ``TypedDict`` replaced by its msgspec Struct."""
    if annotation in structs:
        return structs[annotation]
    arguments = typing.get_args(annotation)
    if typing.get_origin(annotation) is list:
        return _list_of(_struct_annotation(arguments[0], structs))
    if isinstance(annotation, types.UnionType):
        return functools.reduce(operator.or_, (_struct_annotation(a, structs) for a in arguments))
    return annotation


_TypedDecoders = tuple[
    Callable[[str | bytes], Any], Callable[[str | bytes], Any], Callable[[bytes], Any]
]


def _typed_decoders() -> _TypedDecoders | None:
    """msgspec's decoders of the canonical shape (the ``fast`` extra): of a line, of a line
    whose indicator rows are left as their raw JSON, and of one indicator row; or None.

    Each record is decoded into a Struct of its fields (no other key taken, every field
    required and type-checked in C): a Struct is made faster than a dict, and it is not
    tracked by the collector (``gc=False``: decoded JSON holds no cycle), so a batch of
    them costs the collector nothing. Decoding a row costs most of a line's decoding (its
    texts are made into strings), and rows recur from document to document: where they do
    (:class:`_Recurrence`), a line's rows are left as their raw JSON (``msgspec.Raw``,
    checked to be well-formed JSON only), what the screen read of a row is kept by its
    bytes, and a row is decoded into its Struct (so checking its keys and types) only the
    first time its bytes are seen (:func:`_kept_indicators`)."""
    try:
        import msgspec
    except ImportError:
        return None
    structs: dict[Any, Any] = {}
    # Inner records first: a record's annotations name the Structs of those it holds.
    for shape in (_MONEY, _MEASURE, _SOURCE, _INDICATOR, _ROW, _BLOCK, _PROJECT, _ENVELOPE):
        structs[shape.typed] = msgspec.defstruct(
            shape.name,
            [(name, _struct_annotation(a, structs)) for name, a in shape.fields],
            forbid_unknown_fields=True,
            gc=False,
        )
    # The same project and envelope, but for their rows: raw JSON.
    raw = {**structs, _INDICATOR.typed: msgspec.Raw}
    for shape in (_PROJECT, _ENVELOPE):
        raw[shape.typed] = msgspec.defstruct(
            shape.name,
            [(name, _struct_annotation(a, raw)) for name, a in shape.fields],
            forbid_unknown_fields=True,
            gc=False,
        )
    return (
        msgspec.json.Decoder(structs[_ENVELOPE.typed]).decode,
        msgspec.json.Decoder(raw[_ENVELOPE.typed]).decode,
        msgspec.json.Decoder(structs[_INDICATOR.typed]).decode,
    )


try:
    _TYPED_DECODE, _TYPED_DECODE_RAW, _TYPED_ROW = _typed_decoders() or (None, None, None)
except Exception:  # pragma: no cover - an unusable msgspec: the standard library serves
    _TYPED_DECODE = _TYPED_DECODE_RAW = _TYPED_ROW = None

_STD_DECODER: Final = json.JSONDecoder(parse_float=_json_number, parse_constant=_reject_constant)
"""``json.loads`` as :func:`~budgetperf.io.json.parse_json` calls it, without its
duplicate-key hook (the screen counts keys instead)."""

_std_scan: Final[Callable[[str, int], tuple[Any, int]]] = _STD_DECODER.scan_once  # type: ignore[attr-defined]
"""The decoder's scanner (the stubs do not name it): the value at an index of a text, and
where it ends."""
_JSON_BLANKS: Final = " \t\n\r"


def _std_decode(text: str) -> Any:
    """:data:`_STD_DECODER`'s value of ``text``: its scanner at once, which a line that starts
    with its value (every line the canonical writer writes) needs alone, the decoder itself
    for any other (the blanks before a value, or what follows it but for a line's end)."""
    try:
        data, end = _std_scan(text, 0)
    except StopIteration:  # blanks first, or no JSON at all: as the decoder says
        return _STD_DECODER.decode(text)
    if end != len(text) and text[end:].strip(_JSON_BLANKS):
        return _STD_DECODER.decode(text)  # what follows the value: refused, as the decoder says
    return data


# -- figures, by the structurer's converters and the model's validators -------------------

_FIGURE: Final = _compiled(Decimal)
_number = functools.lru_cache(maxsize=4096)(_FIGURE)
"""The structurer's converter of a figure: it yields only finite Decimals a budget can
hold (all that ``optional_decimal`` asks) and raises on anything else. Figures repeat from
document to document ("10", "100.00"), and a Decimal is immutable: the results are kept
(bounded). Only strings reach it (a cache key may not tell 1 from True)."""


def _validate(field: attrs.Attribute[Any], value: object) -> None:
    """Ask the model's own validator of ``field`` (it raises on a value the model refuses)."""
    validator = field.validator
    assert validator is not None
    validator(None, field, value)


_ROW_FIELDS = attrs.fields(FundRow)
_INDICATOR_WEIGHT = attrs.fields(Indicator).weight


_Money = tuple[Decimal, Unit]
"""An amount as the screen holds it: its value and its unit."""

_UNIT_OF: Final = Unit._value2member_map_
"""The units an amount is written in: the structurer takes these spellings only."""


def _amount_value(text: str) -> Decimal:
    """A fund row's amount as the structurer reads its value (the figure converter), and
    as the model's validator of fund-row amounts takes it (≥ 0: a negative one is left to
    the full path, which refuses it). Not kept itself: :func:`_money` keeps amounts, and the
    converter keeps figures."""
    value: Decimal = _FIGURE(text)
    if value < 0:
        raise _Doubt
    return value


@functools.lru_cache(maxsize=4096)
def _weight(text: str) -> Decimal:
    """An indicator's weight, asked of the model's validator of the field (≥ 0)."""
    weight: Decimal = _number(text)
    _validate(_INDICATOR_WEIGHT, weight)
    return weight


@functools.lru_cache(maxsize=256)
def _category(text: str) -> bool:
    """Whether the model's validator takes ``text`` as a fund row's category."""
    try:
        _validate(_ROW_FIELDS.category, text)
    except Exception:
        return False
    return True


@functools.lru_cache(maxsize=4096)
def _units(actual_unit: str, target_unit: str, column: str) -> tuple[str, str] | None:
    """The two cells' units as scoring reads them, or None when they need no conversion.

    :func:`~budgetperf.units.common_scale` decides from the units alone whether it
    multiplies (the values never choose a branch): asked once per unit pair with 1 and 1,
    a pair it returns unchanged is one it returns unchanged for every pair of values."""
    a, t = _cell_unit(actual_unit, column), _cell_unit(target_unit, column)
    one = Decimal(1)
    both = common_scale(one, a, one, t)
    if isinstance(both, Converted) and both.actual is one and both.target is one:
        return None
    return a, t


_WORDS_CLEAN, _WORDS_FOUND, _WORDS_TIMELY = 0, 1, 2


@functools.lru_cache(maxsize=4096)
def _row_words(labels: tuple[str, str, str], symbol: str, cost_level: bool) -> int:
    """What a row's names alone say, asked of the checks' predicates once per distinct
    label: a finding (indicator.reverse_quantity, indicator.cost_level), nothing, or
    nothing yet (a 时效指标, whose texts are still to be searched for other years)."""
    level1, level2, name = labels
    comparator = _COMPARATORS.get(symbol)
    if comparator is None:
        return _WORDS_FOUND  # not a comparator the screen takes (its verdict says doubt)
    if (
        reverse_quantity(level2, comparator, name)
        or (cost_level and cost_misplaced(level1, level2))
        # A 二级 printing its points: indicators.level2_weight adds its rows' weights, which
        # the screen does not (such tables are rare in a canonical batch): the full path.
        or prints_points(level2)
    ):
        return _WORDS_FOUND
    return _WORDS_TIMELY if "时效" in level2 else _WORDS_CLEAN


_noted = functools.lru_cache(maxsize=1024)(_says_something)
_ZERO: Final = Decimal(0)
_HUNDRED: Final = Decimal(100)
_POSITIVE: Final = frozenset(c.value for c in Comparator if c.is_positive)


class _Doubt(Exception):
    """The screen cannot prove the line clean: the full path decides."""


class _Found(_Doubt):
    """A check would find something on the document (a hint only: the model path decides)."""


RECOUNT: Final = "recount"
"""What :func:`screen_text` returns for a line clean but for its count of keys."""

FINDING: Final = "finding"
"""What the screen returns for a document on which a check would find something (so far
as the screen read it): the caller may score it with explanations at once."""


def _canonical_code(text: str) -> bool:
    """Whether ``text`` is a project code written as :meth:`ProjectCode.parse` reads it and
    ``str()`` writes it back (ASCII, no blanks, upper case): the parse is then certain and
    the code's text is the text itself. Any other spelling is left to the full path."""
    return text.isascii() and _PROJECT_CODE.fullmatch(text) is not None


def _printed_as(reported: Decimal, point: Decimal) -> bool:
    """:func:`~budgetperf.checks.interval.printed_as`, at once when the two are equal (a figure
    rounded to its own places is itself)."""
    return point == reported or printed_as(reported, point)


def _figure(value: object) -> Decimal:
    if type(value) is not str:
        raise _Doubt
    result: Decimal = _number(value)
    return result


# -- reading the decoded records -------------------------------------------------------------


def _getter(by_attribute: bool, paths: tuple[str, ...]) -> Callable[[Any], Any]:
    """The fields ``paths`` of a record in one call (a tuple; the value itself for one
    path), a path ``"target.value"`` naming a field of a record it holds: by attribute
    (msgspec's Structs) or by key (dicts)."""
    if by_attribute:
        return operator.attrgetter(*paths)
    # By key: the paths grouped by the record they read, an item getter for each.
    groups: list[tuple[str | None, list[str]]] = []
    for path in paths:
        record, _, field = path.rpartition(".")
        if not groups or groups[-1][0] != (record or None):
            groups.append((record or None, []))
        groups[-1][1].append(field)
    if len(groups) == 1 and groups[0][0] is None:
        return operator.itemgetter(*groups[0][1])
    parts = [(record, operator.itemgetter(*fields), len(fields) == 1) for record, fields in groups]

    def get(data: Any) -> tuple[Any, ...]:
        values: list[Any] = []
        for record, fields, alone in parts:
            got = fields(data if record is None else data[record])
            if alone:
                values.append(got)
            else:
                values.extend(got)
        return tuple(values)

    return get


_ROW_KEY_PATHS: Final = (
    "level1",
    "level2",
    "name",
    "comparator",
    "comparator_text",
    "unit",
    "weight",
    "reported_score",
    "deviation_note",
    "target.value",
    "target.unit",
    "actual.value",
    "actual.unit",
)
"""What an indicator row's verdict depends on: its labels and figures (not its texts)."""

if _ROW_KEY_PATHS[9:] != ("target.value", "target.unit", "actual.value", "actual.unit"):
    # _indicators builds the key of a decoded row from these parts.
    raise AssertionError("screen row key out of date")  # pragma: no cover


@attrs.frozen(slots=True)
class _Access:
    """How the screen reads a decoded line: each getter gives the fields it names at once.

    Attributes:
        envelope: (format, type, document).
        project: the project's fields the screen reads, as :func:`_clean` unpacks them.
        names: (department, name, sub_project).
        block: a budget block's (rows, weight, reported_score, reason).
        fund_row: a fund row's (category, initial, adjusted, executed, printed rate).
        money: an amount's (value, unit).
        row_key: an indicator row's labels and figures (:data:`_ROW_KEY_PATHS`).
        row_name: an indicator row's name.
        labels: an indicator row's (level1, level2, name).
        texts: an indicator row's name and its target's and actual's texts.
    """

    envelope: Callable[[Any], Any]
    project: Callable[[Any], Any]
    names: Callable[[Any], Any]
    block: Callable[[Any], Any]
    fund_row: Callable[[Any], Any]
    money: Callable[[Any], Any]
    row_key: Callable[[Any], Any]
    row_name: Callable[[Any], Any]
    labels: Callable[[Any], Any]
    texts: Callable[[Any], Any]

    @classmethod
    def made(cls, by_attribute: bool) -> _Access:
        def get(*paths: str) -> Callable[[Any], Any]:
            return _getter(by_attribute, paths)

        return cls(
            envelope=get("format", "type", "document"),
            project=get(
                "year",
                "incomplete",
                "level_funding",
                "economic_lines",
                "source",
                "code",
                "reported_total",
                "indicators",
                "layout",
                "budget",
            ),
            names=get("department", "name", "sub_project"),
            block=get("rows", "weight", "reported_score", "reason"),
            fund_row=get(
                "category", "initial_budget", "adjusted_budget", "executed", "reported_rate_percent"
            ),
            money=get("value", "unit"),
            row_key=get(*_ROW_KEY_PATHS),
            row_name=get("name"),
            labels=get("level1", "level2", "name"),
            texts=get("name", "target.text", "actual.text"),
        )


_BY_KEY: Final = _Access.made(by_attribute=False)
_BY_ATTRIBUTE: Final = _Access.made(by_attribute=True)


def row_key(row: dict[str, Any]) -> tuple[str, ...]:
    """The labels and figures of an indicator row as ``json.loads`` decodes it: what the
    screen keeps a row's verdict by (the benchmark counts how often they recur)."""
    key: tuple[str, ...] = _BY_KEY.row_key(row)
    return key


# -- the screen ----------------------------------------------------------------------------


@exact
def screen_text(
    text: str | bytes, index: int, rules: RuleSet | str | None
) -> CleanOutcome | str | None:
    """The outcome of a line (text, or bytes read as UTF-8) the full path would score with
    no finding, or None, or
    :data:`FINDING` when a check would find something (a hint for the caller's speed only:
    the document may still be invalid further on, and the model path decides), or
    :data:`RECOUNT` when the line would be clean but its keys could not be counted (a
    ``:`` inside a string): :func:`clean_outcome` decides on the exact parser's result."""
    try:
        if _TYPED_DECODE is not None:
            raw = _RECURRENCE.keeps and _TYPED_DECODE_RAW is not None
            try:
                data = (_TYPED_DECODE_RAW if raw else _TYPED_DECODE)(text)  # type: ignore[misc]
            except Exception:  # another shape, or not JSON: the full path decides
                return None
            if raw:
                rows = list(map(bytes, data.document.indicators))
            else:
                _RECURRENCE.passed()
                rows = None
            outcome, keys = _clean(data, index, rules, _TYPED, _BY_ATTRIBUTE, rows)
        else:
            # Bytes as UTF-8 only (a BOM, another encoding: the full path decodes them).
            line = text if isinstance(text, str) else text.decode("utf-8")
            split = _split_rows(line) if _RECURRENCE_OF_TEXTS.keeps else None
            if split is None:
                if not _RECURRENCE_OF_TEXTS.keeps:
                    _RECURRENCE_OF_TEXTS.passed()
                outcome, keys = _clean(_std_decode(line), index, rules, _COUNTED, _BY_KEY)
            else:
                rest, bodies = split
                outcome, keys = _clean(_std_decode(rest), index, rules, _COUNTED, _BY_KEY, bodies)
    except _Found:
        return FINDING
    except Exception:  # _Doubt, or anything the screen did not foresee: the full path decides
        return None
    # A ':' is one byte in UTF-8 and no other character's bytes hold one: the same count.
    if (text.count(":") if isinstance(text, str) else text.count(b":")) != keys:
        # A duplicate key the decoder passed over (both keep the last), or a ':' inside a
        # string: the exact parser decides (and its result may be screened again: RECOUNT).
        return RECOUNT
    return outcome


@exact
def clean_outcome(
    data: object, index: int, rules: RuleSet | str | None
) -> CleanOutcome | str | None:
    """:func:`screen_text` on a line already decoded by the exact parser (which refused
    any duplicate key): every record is checked for its keys and their types."""
    try:
        return _clean(data, index, rules, _PARSED, _BY_KEY)[0]
    except _Found:
        return FINDING
    except Exception:
        return None


_Proof = Literal[0, 1, 2]
"""What is left to prove of a decoded line's records (:data:`_TYPED`, :data:`_COUNTED`,
:data:`_PARSED`); false for the typed records only."""

_TYPED: Final = 0
"""Decoded into the typed records (msgspec): every key and type proven by the decoder."""

_COUNTED: Final = 1
"""Decoded by ``json.loads`` from a text whose ``:`` :func:`screen_text` counts after.

Each field the canonical shape has is read (a missing key raises), and every value is
proven to be of its field's type, so that no record is left unread (a record in place of a
text would be one): then a text with as many ``:`` as the records' keys has no key besides
them, nor a key twice. The types are proven where it costs least: a text by the cached
function that reads it (:func:`_number`, :func:`_money`, :func:`_category` keep results for
texts only), an indicator row's labels and figures by its kept verdict (kept for rows of
texts only, :func:`_indicators`), the rest of a table's rows at once."""

_PARSED: Final = 2
"""The exact parser's result (:func:`clean_outcome`): no text to count, so every record's
number of keys is checked too (:meth:`Shape.holds`)."""


def _clean(
    data: Any,
    index: int,
    rules: RuleSet | str | None,
    checked: _Proof,
    access: _Access,
    rows: Sequence[bytes | str] | None = None,
) -> tuple[CleanOutcome, int]:
    """The clean outcome and how many keys the text of ``data`` has; ``checked``: what is
    still to be proven of the records' keys and types (:data:`_Proof`); ``rows``: the
    texts of the indicator rows where they were not decoded with the line
    (:func:`_kept_indicators`)."""
    if checked and not (_ENVELOPE.holds(data) and _PROJECT.holds(data["document"])):
        raise _Doubt
    written_format, written_type, doc = access.envelope(data)
    if written_format != "budgetperf/1" or written_type != "project_evaluation":
        raise _Doubt
    (
        year,
        incomplete,
        level_funding,
        economic_lines,
        source,
        code,
        reported_text,
        indicators,
        layout,
        block,
    ) = access.project(doc)
    if (
        not _fields.FIRST_YEAR <= year <= _fields.LAST_YEAR
        or incomplete is not False
        or level_funding
        or economic_lines
        or not (indicators if rows is None else rows)
    ):
        raise _Doubt
    keys = _ENVELOPE.keys + _PROJECT.keys
    if source is not None:
        if checked and not _SOURCE.holds(source):
            raise _Doubt
        keys += _SOURCE.keys
    if checked:
        # Each leader a text (str.join takes nothing else).
        "".join(doc["project_leaders"])
        "".join(doc["finance_leaders"])
    if code is not None and not _canonical_code(code):
        raise _Doubt
    reported_total = None if reported_text is None else _number(reported_text)
    ruleset = rules_for_layout(layout, rules)
    kept = _KEPT.of(ruleset)

    budget, block_weight, block_keys = _budget(block, ruleset, checked, access)
    keys += block_keys + len(indicators if rows is None else rows) * _ROW_KEYS
    values, reported, weights, level1s, weight_texts = (
        _indicators(indicators, kept, year, checked, access)
        if rows is None
        else _kept_indicators(rows, kept, year, access)
    )
    if _RECURRENCE_OF_TABLES.keeps:
        table = (level1s, weight_texts)
        weighed = kept.tables.get(table)
        _RECURRENCE_OF_TABLES.seen(1, weighed is not None)
        if weighed is None:
            weighed = _keep(kept.tables, table, _weighed(ruleset, level1s, weights))
    else:
        _RECURRENCE_OF_TABLES.passed()
        weighed = _weighed(ruleset, level1s, weights)
    if weighed[0]:
        raise _Found  # indicators.weight_sum / level1_weight / layout

    # The total and grade, as score_project forms them without explanations.
    total = ruleset.rounding.apply(_sum((budget, *values)))
    # As _total adds the weights present: in the library's context, where sums of figures
    # are exact (DECIMAL_CONTEXT), so that the order they are added in does not matter.
    maximum = DECIMAL_CONTEXT.add(block_weight, weighed[1])
    if total > maximum:
        raise _Found
    gradable, graded = graded_total(ruleset, maximum, total)
    if not gradable or graded is None:
        raise _Found
    if reported_total is not None and (
        functools.reduce(DECIMAL_CONTEXT.add, reported, budget) != reported_total
        or total != reported_total
    ):
        raise _Found
    department, name, sub_project = access.names(doc)
    join_keys = project_key_pairs(
        index=index,
        department=department,
        project_code=code,
        project=name,
        sub_project=sub_project,
        year=year,
        layout=layout,
        rules=ruleset.name,
    )
    outcome = (
        project_title(code, name, sub_project),
        total,
        reported_total,
        ruleset.grade_for(graded).value,
        join_keys,
    )
    return outcome, keys


def _weighed(
    rules: RuleSet, level1s: tuple[str, ...], weights: tuple[Decimal, ...]
) -> tuple[bool, Decimal]:
    """Whether a table's weights give a finding (indicators.weight_sum, level1_weight,
    layout), added as _check_weight_sums adds them (the sums are compared by value only),
    and their exact sum. A function of the 一级 labels and weight texts of the rows: kept
    per rule set for the tables that recur."""
    add = RATE_CONTEXT.add
    sums: dict[str, Decimal] = {}
    for level1, weight in zip(level1s, weights, strict=True):
        # Each group's _sum in one pass over the rows: its additions, in the same order.
        sums[level1] = add(sums.get(level1, _ZERO_SUM), weight)
    exact_sum = functools.reduce(DECIMAL_CONTEXT.add, weights)
    if _sum(weights) != rules.weights.indicators or _labels_with_points(tuple(sums)):
        return True, exact_sum
    if rules.weights.level1:
        by_name = level1_points(sums)
        if any(by_name.get(n, _ZERO) != points for n, points in rules.weights.level1):
            return True, exact_sum
    return False, exact_sum


_ROW_KEYS: Final = _INDICATOR.keys + 2 * _MEASURE.keys
"""The keys of an indicator row with its target and actual."""


@functools.lru_cache(maxsize=1024)
def _labels_with_points(labels: tuple[str, ...]) -> bool:
    """Whether a 一级 label prints its points (indicators.level1_weight's predicate)."""
    return any(_POINTS_IN_LABEL.search(label) for label in labels)


@functools.lru_cache(maxsize=4096)
def _money(value: str, unit: str) -> _Money:
    """An amount as the structurer reads it: the figure converter's value in a unit the
    structurer takes (a unit it does not take is left to the full path)."""
    written = _UNIT_OF.get(unit)
    if written is None:
        raise _Doubt
    return _amount_value(value), written  # type: ignore[return-value]


def _in(amount: _Money, other: _Money) -> Decimal:
    """``amount`` in the unit of ``other``, converted as :meth:`Amount.to` does."""
    if amount[1] is other[1]:
        return amount[0]
    return Amount(amount[0], amount[1]).to(other[1]).value


def _budget(
    block: Any, rules: RuleSet, checked: _Proof, access: _Access
) -> tuple[Decimal, Decimal, int]:
    """The budget line's score, proven equal to the printed one and without finding, the
    block's weight, and how many keys the block has."""
    if checked and not _BLOCK.holds(block):
        raise _Doubt
    rows, weight_text, reported_text, reason = access.block(block)
    if not rows:
        raise _Doubt
    # (A part row's own points, weight and reported_score, are allowed by the model but
    # checked: the shape takes them as null only.)
    if checked == _COUNTED and list(map(_ROW_POINTS, rows)) != [_NO_POINTS] * len(rows):
        raise _Doubt  # (every other field is proven to be a text, an amount or null below)
    parsed = checked == _PARSED
    keys = _BLOCK.keys + len(rows) * _ROW.keys
    adjusted = rules.execution.denominator == "adjusted"
    money = access.money
    read: list[tuple[_Money | None, _Money | None, _Money | None]] = []
    for row in rows:
        if parsed and not (
            _ROW.holds(row) and all(m is None or _MONEY.holds(m) for m in _AMOUNTS(row))
        ):
            raise _Doubt
        category, m_initial, m_budget, m_executed, printed = access.fund_row(row)
        if not _category(category):
            raise _Doubt
        # The printed rate is read on every row, also where no check compares it: the full
        # path refuses a rate it cannot read on any row.
        rate = None if printed is None else _number(printed)
        initial = None if m_initial is None else _money(*money(m_initial))
        budget = None if m_budget is None else _money(*money(m_budget))
        if m_executed is None:
            read.append((initial, budget, None))
            keys += _MONEY.keys * ((initial is not None) + (budget is not None))
            continue
        executed = _money(*money(m_executed))
        keys += _MONEY.keys * (1 + (initial is not None) + (budget is not None))
        read.append((initial, budget, executed))
        denominator = budget if adjusted else initial
        if denominator is None:
            continue
        spent = executed[0] if executed[1] is denominator[1] else _in(executed, denominator)
        base = denominator[0]
        if base == 0:
            # A part with no budget (上年结转 0): fine when nothing is spent or claimed.
            if spent_without_budget(spent) or (
                rate is not None and rate_without_budget(rate, spent)
            ):
                raise _Found  # budget.spent_without_budget / rate_without_budget
            continue
        if spent > base:
            raise _Found  # budget.over_execution
        if rate is not None:
            # All spent: the check's quotient is 100 (``printed_as`` reads its value only),
            # no division needed.
            point = (
                _HUNDRED
                if spent == base
                else RATE_CONTEXT.divide(RATE_CONTEXT.multiply(spent, 100), base)
            )
            if not _printed_as(rate, point):
                raise _Found  # budget.rate
    # budget.parts_sum, column by column where the parts print figures.
    if len(read) == 2:
        # One part: its own sum (printed_as reads the value of the sum only, and a sum of
        # figures within the bounds is exact).
        for total_amount, amount in zip(*read, strict=True):
            if (
                total_amount is not None
                and amount is not None
                and not _printed_as(
                    total_amount[0],
                    amount[0] if amount[1] is total_amount[1] else _in(amount, total_amount),
                )
            ):
                raise _Found  # budget.parts_sum
    elif len(read) > 2:
        whole, parts = read[0], read[1:]
        for column in range(3):
            total_amount = whole[column]
            if total_amount is None:
                continue
            present = [_in(r[column], total_amount) for r in parts if r[column] is not None]  # type: ignore[arg-type]
            if present and not _printed_as(total_amount[0], _sum(present)):
                raise _Found  # budget.parts_sum
    whole_initial, whole_budget, whole_executed = read[0]
    whole_denominator = whole_budget if adjusted else whole_initial
    if whole_executed is None or whole_denominator is None or whole_denominator[0] == 0:
        raise _Doubt  # not computable, or not applicable
    weight = _figure(weight_text)
    reported = _figure(reported_text)
    spent = _in(whole_executed, whole_denominator)
    denominator = whole_denominator
    value = execution_points(spent, denominator[0], weight, rules)[0]
    if reported > weight or reported != value:
        raise _Found  # budget.score_above_weight / score_differs
    threshold = rules.execution.reason_below
    if (
        threshold is not None
        and not reason.strip()
        and RATE_CONTEXT.divide(spent, denominator[0]) < threshold
    ):
        raise _Found  # budget.reason_missing
    return value, weight, keys


_AMOUNTS: Final = operator.itemgetter("initial_budget", "adjusted_budget", "executed")
_ROW_POINTS: Final = operator.itemgetter("weight", "reported_score")
_NO_POINTS: Final = (None, None)


def _indicators(
    rows: list[Any], kept: _Kept, year: int, checked: _Proof, access: _Access
) -> tuple[
    tuple[Decimal, ...], tuple[Decimal, ...], tuple[Decimal, ...], tuple[str, ...], tuple[str, ...]
]:
    """(scores, printed scores, weights, 一级, weights as written) of plain quantitative
    rows without finding.

    Each row's labels and figures are taken in one call (:attr:`_Access.row_key`) and
    looked up among the verdicts of the rows seen before under the same rule set
    (:func:`_verdict`): a table whose rows are all there is clean row by row, but for the
    years its 时效 rows' texts may name.

    Decoded by ``json.loads`` (``checked``), a row's labels and figures are proven texts by
    its verdict: one is kept only for a key of texts (checked when it is first seen), and
    no other value JSON gives equals a text. Its other fields are proven for the whole table
    at once (:data:`_COUNTED`) or record by record (:data:`_PARSED`)."""
    keys: list[_Key] | None = None
    if checked == _COUNTED:
        measures = [*map(_TARGET, rows), *map(_ACTUAL, rows)]
        if (
            list(map(_ROW_NULLS, rows)) != [_NULLS] * len(rows)
            or not all(map(operator.is_, map(_APPLICABLE, rows), itertools.repeat(True)))
            or list(map(_MEASURE_NULLS, measures)) != [_MEASURE_EMPTY] * len(measures)
        ):
            raise _Doubt
        # Every target's and actual's text a str (str.join takes nothing else).
        "".join(map(_TEXT, measures))
        n = len(rows)
        value_units = list(map(_VALUE_UNIT, measures))
        keys = list(
            map(
                operator.add,
                map(operator.add, map(_ROW_TOP, rows), value_units[:n]),
                value_units[n:],
            )
        )
    elif checked and not all(map(_plain_row, rows)):
        raise _Doubt
    # indicator.duplicate: rows of distinct names have distinct labels.
    if len(set(map(access.row_name, rows))) != len(rows):
        labels = list(map(access.labels, rows))
        if len(set(labels)) != len(labels):
            raise _Found
    if keys is None:
        keys = list(map(access.row_key, rows))
    # Clean verdicts are kept apart from the others, so that a row found among them needs
    # no further look.
    verdicts = kept.rows
    found = list(map(verdicts.get, keys))
    if None in found:
        others = kept.other_rows
        for position, key in enumerate(keys):
            if found[position] is not None:
                continue
            if key in others:
                raise _Found if others[key] == FINDING else _Doubt
            if checked and set(map(type, key)) != _TEXTS:
                raise _Doubt  # kept verdicts are of texts only (a row decoded by json.loads)
            verdict = _verdict(kept.rules, key, kept.figured)
            if not isinstance(verdict, tuple):
                _keep(others, key, verdict)
                raise _Found if verdict == FINDING else _Doubt
            found[position] = _keep(verdicts, key, verdict)
    values, reported, weights, level1s, weight_texts, timely = zip(*found, strict=True)
    if any(timely):
        for row, is_timely in zip(rows, timely, strict=True):
            if not is_timely:
                continue
            if any(map(_names_another_year, access.texts(row), itertools.repeat(year, 3))):
                raise _Found  # indicator.time_year
    return values, reported, weights, level1s, weight_texts


def _kept_indicators(
    texts: Sequence[bytes | str], kept: _Kept, year: int, access: _Access
) -> tuple[
    tuple[Decimal, ...], tuple[Decimal, ...], tuple[Decimal, ...], tuple[str, ...], tuple[str, ...]
]:
    """:func:`_indicators` of rows given as their texts, not decoded with their line: the
    raw JSON msgspec left (bytes), or the text of a row between the separators of the
    canonical writer (:func:`_split_rows`). What was read of a row is kept by its text
    (:meth:`_Kept.read`), so that a row seen before is neither decoded nor read field by
    field again: equal texts decode into equal records, and a kept row's keys and types
    were proven when it was first decoded."""
    by_attribute = access is _BY_ATTRIBUTE
    cache: dict[Any, _Read] = kept.read_rows if by_attribute else kept.read_texts
    read = list(map(cache.get, texts))
    if None in read:
        # (Lines whose rows were all kept are not counted: what is measured is whether
        # the rows not kept yet will be seen again.)
        recurrence = _RECURRENCE if by_attribute else _RECURRENCE_OF_TEXTS
        recurrence.seen(len(read), len(read) - read.count(None))
        for position, text in enumerate(texts):
            if read[position] is None:
                read[position] = kept.read(text, cache, access)
    values, reported, weights, level1s, weight_texts, timely, names, labels = zip(
        *read, strict=True
    )
    # indicator.duplicate: rows of distinct names have distinct labels.
    if len(set(names)) != len(names) and len(set(labels)) != len(labels):
        raise _Found
    if any(timely):
        for row_texts in filter(None, timely):
            if any(map(_names_another_year, row_texts, itertools.repeat(year, 3))):
                raise _Found  # indicator.time_year
    return values, reported, weights, level1s, weight_texts


@attrs.define(slots=True)
class _Recurrence:
    """Whether what the screen keeps recurs often enough lately to pay for keeping it: the
    indicator rows of the lines screened, byte for byte (what keeping rows by their raw
    JSON needs), or their tables' weights. Measured over :data:`_MEASURED_ROWS` items
    looked up; where fewer than half were kept, the next :data:`_DECODED_LINES` lines do
    without (their rows decoded with the line, their weights added up again: as costly as
    before), then items are measured again. A matter of speed only: both ways give the same
    outcomes."""

    keeps: bool = True
    rows: int = 0
    kept: int = 0
    lines: int = 0

    def seen(self, rows: int, kept: int) -> None:
        """``rows`` items looked up, of which ``kept`` were found kept."""
        self.rows += rows
        self.kept += kept
        if self.rows >= _MEASURED_ROWS:
            self.keeps = 2 * self.kept >= self.rows
            self.rows = self.kept = 0

    def passed(self) -> None:
        """A line screened without looking up what it would keep."""
        self.lines += 1
        if self.lines >= _DECODED_LINES:
            self.keeps, self.lines = True, 0


_MEASURED_ROWS: Final = 512
_DECODED_LINES: Final = 1024
_RECURRENCE: Final = _Recurrence()
"""How rows recur by their raw JSON (msgspec's decoder)."""
_RECURRENCE_OF_TEXTS: Final = _Recurrence()
"""How rows recur by their texts cut out of a line (the standard library's decoder): a
cache of its own, measured apart."""
_RECURRENCE_OF_TABLES: Final = _Recurrence()
"""How tables' weights recur (:attr:`_Kept.tables`): in a generated batch nearly every
table is new, and keeping them cost 3 % of a clean line (the collector's work on what is
kept)."""


_TARGET: Final = operator.itemgetter("target")
_ACTUAL: Final = operator.itemgetter("actual")
_APPLICABLE: Final = operator.itemgetter("applicable")
_ROW_NULLS: Final = operator.itemgetter("qualitative_grade", "share", "converted_score", "parent")
_NULLS: Final = (None, None, None, None)
_MEASURE_NULLS: Final = operator.itemgetter("comparator", "comparator_text")
_MEASURE_EMPTY: Final = (None, "")
_TEXT: Final = operator.itemgetter("text")
_VALUE_UNIT: Final = operator.itemgetter("value", "unit")
_ROW_TOP: Final = operator.itemgetter(*_ROW_KEY_PATHS[:9])
_TEXTS: Final = {str}


@functools.lru_cache(maxsize=4096)
def _names_another_year(text: str, year: int) -> bool:
    """Whether a 时效指标's text names a year other than the document's, asked of the
    check's predicate (indicator.time_year) once per distinct text and year: the texts of
    such rows ("2023年12月底前完成") recur from project to project."""
    # A year is 4 digits and 年 (the check's pattern): a text without 年 names none.
    return "年" in text and bool(stray_years([("", text)], year))


_Verdict = tuple[Decimal, Decimal, Decimal, str, str, bool]
"""A clean row's score, printed score, weight, 一级 label, weight as written, and whether
its texts are still to be searched for other years (a 时效指标)."""

_UNSEEN: Final = object()

_KEEP: Final = 8192
"""How many verdicts each rule set keeps (then they are dropped and kept again)."""

_Key = tuple[str, ...]
"""A row's labels and figures (:data:`_ROW_KEY_PATHS`)."""


def _verdict(
    rules: RuleSet, key: _Key, figured: Callable[[_Figures], _Figured] | None = None
) -> _Verdict | str | None:
    """A row's :data:`_Verdict` under ``rules`` when its labels and figures give no finding;
    :data:`FINDING` when they give one, None when the screen cannot say. A pure function of
    the row's labels and figure texts: kept per rule set for the rows that recur.
    ``figured``: :func:`_figure_verdict` of the figures, as the caller keeps them."""
    level1, level2, name, symbol = key[:4]
    try:
        said = _row_words((level1, level2, name), symbol, rules.weights.cost_as_level1)
    except Exception:
        return None
    if said == _WORDS_FOUND:
        return FINDING  # indicator.reverse_quantity / cost_level
    figures = key[3:]
    scored = _figure_verdict(rules, figures) if figured is None else figured(figures)
    if not isinstance(scored, tuple):
        return scored
    return (*scored, level1, figures[3], said == _WORDS_TIMELY)


_Figures = tuple[str, ...]
"""A row's figure texts: comparator, its text, unit, weight, printed score, note, target's
value and unit, actual's value and unit (:data:`_ROW_KEY_PATHS` after the labels)."""

_Figured = tuple[Decimal, Decimal, Decimal] | str | None


def _figure_verdict(rules: RuleSet, figures: _Figures) -> _Figured:
    """A row's (score, printed score, weight) under ``rules`` when its figures give no
    finding, :data:`FINDING` or None: a pure function of its figure texts, kept apart from
    the labels' verdict (figures recur more than labels and figures together)."""
    (
        symbol,
        symbol_text,
        column,
        weight_text,
        reported_text,
        note,
        target_text,
        target_unit,
        actual_text,
        actual_unit,
    ) = figures
    try:
        comparator = _COMPARATORS.get(symbol)
        if comparator is None or symbol_text != symbol:  # written as its canonical symbol
            return None
        t = _number(target_text)
        a = _number(actual_text)
        weight = _weight(weight_text)
        reported = _number(reported_text)
        units = _units(actual_unit, target_unit, column)
        if units is not None:
            both = common_scale(a, units[0], t, units[1])
            if not isinstance(both, Converted):
                return None
            a, t = both.actual, both.target
        case, raw, _ = quantitative_case(comparator, rules, a, t, weight)
        value = case_points(case, raw, weight, rules)
        noted = bool(note) and _noted(note)
        if value is None or reported > weight or reported != value or (case != MET and not noted):
            return FINDING  # indicator.score_differs / score_above_weight / deviation_note
        flags = over_completion(t, a, symbol in _POSITIVE, rules.over_completion)
        if flags is not None and ((flags[0] and not noted) or flags[1]):
            return FINDING  # indicator.over_completion_note / target_too_low
    except Exception:
        return None
    return value, reported, weight


@attrs.define(slots=True)
class _Kept:
    """What the screen keeps for one rule set: the verdicts of rows (clean ones, and
    findings or doubts), of rows' figures, and of tables' weights (each bounded by
    :data:`_KEEP`)."""

    rules: RuleSet
    rows: dict[_Key, _Verdict] = attrs.Factory(dict)
    other_rows: dict[_Key, str | None] = attrs.Factory(dict)
    figures: dict[_Figures, _Figured] = attrs.Factory(dict)

    def figured(self, figures: _Figures) -> _Figured:
        """:func:`_figure_verdict` of ``figures``, kept (bounded)."""
        found = self.figures.get(figures, _UNSEEN)
        if found is _UNSEEN:
            found = _keep(self.figures, figures, _figure_verdict(self.rules, figures))
        return found  # type: ignore[return-value]

    tables: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[bool, Decimal]] = attrs.Factory(
        dict
    )
    read_rows: dict[bytes, _Read] = attrs.Factory(dict)
    read_texts: dict[str, _Read] = attrs.Factory(dict)
    other_read: dict[bytes | str, str | None] = attrs.Factory(dict)

    def read(self, text: bytes | str, cache: dict[Any, _Read], access: _Access) -> _Read:
        """A row's :data:`_Read` from its text, kept in ``cache`` (bounded): decoded and its
        keys and types proven (:func:`_decoded_row`), its verdict by its labels and figures
        (kept too: rows of other texts share it). Raises as :func:`_indicators` does."""
        other = self.other_read.get(text, _UNSEEN)
        if other is not _UNSEEN:
            raise _Found if other == FINDING else _Doubt
        row = _decoded_row(text)
        key: _Key = access.row_key(row)
        verdict = self.rows.get(key)
        if verdict is None:
            other_row = self.other_rows.get(key, _UNSEEN)
            said = (
                _verdict(self.rules, key, self.figured)
                if other_row is _UNSEEN
                else typing.cast("str | None", other_row)
            )
            if not isinstance(said, tuple):
                _keep(self.other_rows, key, said)
                _keep(self.other_read, text, said)
                raise _Found if said == FINDING else _Doubt
            verdict = _keep(self.rows, key, said)
        value, reported, weight, level1, weight_text, timely = verdict
        texts: tuple[str, ...] = access.texts(row) if timely else ()
        labels: tuple[str, str, str] = access.labels(row)
        entry = (value, reported, weight, level1, weight_text, texts, labels[2], labels)
        return _keep(cache, text, entry)


def _decoded_row(text: bytes | str) -> Any:
    """An indicator row decoded from its text, its keys and types proven: raw JSON by
    msgspec into its Struct, a row's text between the canonical separators
    (:func:`_split_rows`) by the standard library's scanner, then record by record, as on
    the exact parser's result (:data:`_PARSED`: every key counted, every type checked)."""
    if isinstance(text, bytes):
        if _TYPED_ROW is None:  # pragma: no cover - only msgspec's decoder leaves raw rows
            raise _Doubt
        return _TYPED_ROW(text)
    whole = _ROW_OPENS + text + "}"
    try:
        row, end = _std_scan(whole, 0)
    except Exception:  # not one JSON value (StopIteration, JSONDecodeError)
        raise _Doubt from None
    if end != len(whole) or not _plain_row(row):
        raise _Doubt
    return row


def _plain_row(row: Any) -> bool:
    """Whether a row ``json.loads`` decoded is a plain quantitative row of the canonical
    shape, checked record by record (:data:`_PARSED`): its keys and their types, its target
    and actual, applicable, no comparator written in a measure."""
    if not _INDICATOR.holds(row):
        return False
    target, actual = row["target"], row["actual"]
    return bool(
        _MEASURE.holds(target)
        and _MEASURE.holds(actual)
        and row["applicable"] is True
        and not target["comparator_text"]
        and not actual["comparator_text"]
    )


_ROW_OPENS: Final = '{"level1": '
_ROWS_OPEN: Final = ' "indicators": [' + _ROW_OPENS
_ROWS_BETWEEN: Final = "}, " + _ROW_OPENS
_ROWS_CLOSE: Final = '}], "'
_NO_ROWS: Final = ' "indicators": []'


def _split_rows(text: str) -> tuple[str, list[str]] | None:
    """A line as the canonical writer writes it (``json.dumps``' separators), its indicator
    rows taken out: the text with ``"indicators": []`` in their place, and the text of each
    row between its ``{"level1": `` and its ``}``; None for a line not written so.

    Sound whatever the texts hold, once both are proven: if the text without the rows is
    one JSON value (the quote before ``indicators`` follows a blank, so it is no escaped
    quote inside a string: it opens the key, else the line would not decode) and each
    row's text, between its braces, is one JSON object by itself, then the line is that
    value with those objects for rows — a parser reading a row's text reads exactly it, and
    finds ``, `` between two rows and ``]`` after the last. No separator can fall inside a
    string (each holds a quote, which a JSON string holds only escaped); a line of another
    shape, cut where no row ends, fails one of the two proofs and is left to the full
    decoder (:func:`_decoded_row` refuses such a row)."""
    start = text.find(_ROWS_OPEN)
    if start < 0:
        return None
    end = text.find(_ROWS_CLOSE, start)
    if end < 0:
        return None
    bodies = text[start + len(_ROWS_OPEN) : end].split(_ROWS_BETWEEN)
    return text[:start] + _NO_ROWS + text[end + 2 :], bodies


def _keep(kept: dict[_K, _V], key: _K, value: _V) -> _V:
    """``value`` kept under ``key`` in one of the screen's bounded caches."""
    if len(kept) >= _KEEP:
        kept.clear()
    kept[key] = value
    return value


_K = typing.TypeVar("_K")
_V = typing.TypeVar("_V")

_Read = tuple[Decimal, Decimal, Decimal, str, str, tuple[str, ...], str, tuple[str, str, str]]
"""What the screen keeps of a row by its text: its :data:`_Verdict` but for its last field,
the texts a 时效指标 row's years are searched in (none for another row), its name and its
labels (一级, 二级, name: what indicator.duplicate compares). Not the decoded record: kept
for thousands of rows, its other texts would weigh."""


class _KeptByRules:
    """The :class:`_Kept` of the rule sets last used (each rule set kept alive with it, so
    that no other rule set can take its ``id``)."""

    def __init__(self) -> None:
        self._by_id: dict[int, _Kept] = {}

    def of(self, rules: RuleSet) -> _Kept:
        found = self._by_id.get(id(rules))
        if found is not None and found.rules is rules:
            return found
        if len(self._by_id) >= 16:
            self._by_id.clear()
        kept = self._by_id[id(rules)] = _Kept(rules)
        return kept


_KEPT: Final = _KeptByRules()
