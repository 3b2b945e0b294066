"""Canonical JSON ("budgetperf/1") and JSON Lines for batches.

Every document is written as an envelope::

    {"format": "budgetperf/1", "type": "project_evaluation", "document": {...}}

Money is ``{"value": "874.05", "unit": "万元"}``, every other number a decimal string;
reported figures are the only figures in a document (computed ones live in score sheets and
findings). ``loads(dumps(x)) == x`` for every document::

    >>> from budgetperf.model import FinalAccounts
    >>> doc = FinalAccounts(department="示例部门", year=2023)
    >>> loads(dumps(doc)) == doc
    True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO, Any, Final

from budgetperf.errors import BudgetPerfError, FigureRangeError, SchemaError, shorten
from budgetperf.io._hooks import structure, unstructure
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    Document,
    FinalAccounts,
    ProjectEvaluation,
    SourceRef,
)
from budgetperf.money import MAX_TEXT_LENGTH

__all__ = [
    "DOCUMENT_TYPES",
    "FORMAT",
    "dump_lines",
    "dumps",
    "from_envelope",
    "load_lines",
    "loads",
    "parse_json_fast",
    "to_envelope",
]

FORMAT: Final = "budgetperf/1"
"""The format identifier every file carries."""

DOCUMENT_TYPES: Final[dict[str, type]] = {
    "project_evaluation": ProjectEvaluation,
    "department_evaluation": DepartmentEvaluation,
    "final_accounts": FinalAccounts,
}
_TYPE_NAMES: Final = {cls: name for name, cls in DOCUMENT_TYPES.items()}
_BATCH_FIELDS: Final = ("name", "title", "source", "notes")


def to_envelope(document: Document | Batch) -> dict[str, Any]:
    """The JSON-safe envelope of one document or batch."""
    if isinstance(document, Batch):
        envelope: dict[str, Any] = {"format": FORMAT, "type": "batch"}
        envelope.update({key: unstructure(getattr(document, key)) for key in _BATCH_FIELDS})
        envelope["documents"] = [
            {"type": item["type"], "document": item["document"]}
            for item in (to_envelope(d) for d in document.documents)
        ]
        return envelope
    name = _TYPE_NAMES.get(type(document))
    if name is None:
        raise SchemaError(
            "不支持的文档类型",
            "unsupported document type",
            value=type(document).__name__,
            expected=", ".join(cls.__name__ for cls in DOCUMENT_TYPES.values()),
        )
    return {"format": FORMAT, "type": name, "document": unstructure(document)}


def from_envelope(
    data: object, *, file: str | None = None, row: int | None = None
) -> Document | Batch:
    """The document or batch an envelope holds (inverse of :func:`to_envelope`).

    Raises:
        SchemaError: wrong or missing ``format``, unknown ``type``, or a bad document.
    """
    try:
        if not isinstance(data, dict):
            raise SchemaError(
                "顶层应为对象",
                "the top level must be an object",
                field="$",
                expected='{"format": "budgetperf/1", ...}',
            )
        if data.get("format") != FORMAT:
            raise SchemaError(
                "格式版本缺失或不受支持",
                "missing or unsupported format version",
                field="$.format",
                value=data.get("format"),
                expected=FORMAT,
            )
        kind = data.get("type")
        if kind == "batch":
            return _batch(data)
        cls = DOCUMENT_TYPES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise SchemaError(
                "未知的文档类型",
                "unknown document type",
                field="$.type",
                value=kind,
                expected=", ".join(DOCUMENT_TYPES),
            )
        # format and type are there (read above): three keys and a document leave no other.
        extra = (
            []
            if len(data) == 3 and "document" in data
            else sorted(set(data) - {"format", "type", "document"})
        )
        if extra:
            raise SchemaError(
                "未知字段",
                "unknown field",
                field=f"$.{extra[0]}",
                value=extra[0],
                expected="format, type, document",
            )
        if "document" not in data:
            raise SchemaError(
                "缺少 document 字段",
                "the document is missing",
                field="$.document",
                expected="an object",
            )
        document: Document = structure(data["document"], cls, "$.document")
        return document
    except BudgetPerfError as exc:
        raise exc.located(file=file, row=row) from None


def _batch(data: dict[str, Any]) -> Batch:
    extra = sorted(set(data) - {"format", "type", "documents", *_BATCH_FIELDS})
    if extra:
        raise SchemaError(
            "未知字段",
            "unknown field",
            field=f"$.{extra[0]}",
            value=extra[0],
            expected="format, type, documents, " + ", ".join(_BATCH_FIELDS),
        )
    items = data.get("documents")
    if not isinstance(items, list):
        raise SchemaError(
            "documents 应为数组",
            "documents must be an array",
            field="$.documents",
            expected="an array of {type, document}",
        )
    documents = []
    for index, item in enumerate(items):
        path = f"$.documents[{index}]"
        if not isinstance(item, dict) or set(item) != {"type", "document"}:
            raise SchemaError(
                "批次中的文档应为 {type, document}",
                "a batch item is {type, document}",
                field=path,
                expected='{"type": ..., "document": {...}}',
            )
        cls = DOCUMENT_TYPES.get(item["type"]) if isinstance(item["type"], str) else None
        if cls is None:
            raise SchemaError(
                "未知的文档类型",
                "unknown document type",
                field=f"{path}.type",
                value=item["type"],
                expected=", ".join(DOCUMENT_TYPES),
            )
        documents.append(structure(item["document"], cls, f"{path}.document"))
    fields = {
        key: structure(data[key], _BATCH_HINTS[key], f"$.{key}")
        for key in _BATCH_FIELDS
        if key in data
    }
    if "name" not in fields:
        raise SchemaError(
            "批次缺少 name", "a batch needs a name", field="$.name", expected="a string"
        )
    return Batch(documents=tuple(documents), **fields)


_BATCH_HINTS: Final[dict[str, Any]] = {
    "name": str,
    "title": str,
    "source": SourceRef | None,
    "notes": tuple[str, ...],
}


def _reject_constant(name: str) -> Any:
    raise SchemaError(
        "JSON 中不允许 NaN 或 Infinity",
        "NaN and Infinity are not allowed",
        value=name,
        expected="finite decimal strings",
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        duplicate = next(key for key in keys if keys.count(key) > 1)
        # json.loads would keep the last value silently: a lost figure.
        raise SchemaError(
            "JSON 对象中有重复的键",
            "duplicate key in a JSON object",
            field=duplicate,
            value=duplicate,
            expected="each key once",
        )
    return result


def _number(text: str) -> Decimal:
    """A JSON number with a fraction or exponent, as a Decimal (never a float).

    Its range is checked where the number lands (the JSON path is known there); only a
    number whose text is already too long to be a figure, or whose exponent no Decimal can
    hold, is refused here.
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise FigureRangeError(
            "数值超出允许范围",
            "figure out of range: its text is too long",
            value=shorten(text),
            expected=f"at most {MAX_TEXT_LENGTH} characters",
        )
    try:
        return Decimal(text)
    except InvalidOperation:
        raise FigureRangeError(
            "数值超出允许范围",
            "figure out of range",
            value=shorten(text),
            expected="a budgetperf figure (see docs/formats.md, Limits)",
        ) from None


def parse_json(text: str, *, file: str | None = None, row: int | None = None) -> Any:
    """Parse JSON text exactly: non-integer numbers become Decimal, never float; duplicate
    keys, NaN and Infinity are refused."""
    try:
        return json.loads(
            text,
            parse_float=_number,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        raise SchemaError(
            "JSON 格式错误",
            f"malformed JSON: {exc.msg}",
            file=file,
            row=row if row is not None else exc.lineno,
            field=f"column {exc.colno}",
            expected="valid JSON",
        ) from None
    except FigureRangeError as exc:
        # A JSON reader's errors are SchemaErrors (docs/formats.md); this one keeps its text.
        raise SchemaError(
            exc.zh, exc.en, file=file, row=row, value=exc.value, expected=exc.expected
        ) from None
    except BudgetPerfError as exc:
        raise exc.located(file=file, row=row) from None
    except ValueError as exc:
        # The only ValueError json.loads raises beyond JSONDecodeError: an integer of more
        # than sys.get_int_max_str_digits() digits.
        raise SchemaError(
            "数值超出允许范围",
            "figure out of range: an integer with too many digits",
            file=file,
            row=row,
            value=str(exc)[:80],
            expected="a budgetperf figure (see docs/formats.md, Limits)",
        ) from None
    except RecursionError:
        raise SchemaError(
            "JSON 嵌套过深",
            "JSON nested too deeply",
            file=file,
            row=row,
            expected="a budgetperf document",
        ) from None


def _fast_decoder() -> Callable[[str], Any] | None:
    """msgspec's JSON decoder (the ``fast`` extra), or None when it is not installed."""
    try:
        import msgspec
    except ImportError:
        return None
    decoder = msgspec.json.Decoder(float_hook=_number)
    encode = msgspec.json.Encoder(decimal_format="string").encode
    colon = ord(":")

    def decode(text: str) -> Any:
        data = decoder.decode(text)
        # msgspec keeps the last of two equal keys. Every key of the text is followed by a
        # ':' outside any string; the decoded value written back holds one per key it kept,
        # and the same ':'s inside strings (msgspec never escapes one). So the counts are
        # equal exactly when no key was dropped: a text that escapes a colon (\u003a) is
        # left to the exact path. (A text without a backslash escapes nothing: the search for
        # one character is several times faster than for "\\u003".)
        if ("\\" in text and "\\u003" in text) or encode(data).count(colon) != text.count(":"):
            raise _Refused
        return data

    return decode


class _Refused(Exception):
    """The fast decoder does not vouch for this text: the exact parser decides."""


try:
    _FAST_DECODE = _fast_decoder()
except Exception:  # an unusable msgspec installation: the standard library serves
    _FAST_DECODE = None

FAST_DECODER: Final = "msgspec" if _FAST_DECODE is not None else "json"
"""Which decoder :func:`parse_json_fast` uses: ``"msgspec"`` with the ``fast`` extra."""


def parse_json_fast(
    text: str, *, file: str | None = None, row: int | None = None, fast: bool = True
) -> Any:
    """:func:`parse_json`, in C when ``budgetperf[fast]`` (msgspec) is installed.

    The result is the same as :func:`parse_json`'s for every text: numbers with a fraction or
    exponent become Decimal, duplicate keys are refused (checked by counting keys, see
    above), and any text msgspec refuses or cannot vouch for is parsed again by
    :func:`parse_json`, which raises its own error. ``fast=False`` (or no msgspec) is
    :func:`parse_json` itself.

        >>> parse_json_fast('{"a": 1.50, "b": [2]}')
        {'a': Decimal('1.50'), 'b': [2]}
        >>> parse_json_fast('{"a": 1, "a": 2}')
        Traceback (most recent call last):
        ...
        budgetperf.errors.SchemaError: JSON 对象中有重复的键（字段 a，值 'a'；应为 each key once） | duplicate key ...
    """
    if fast and _FAST_DECODE is not None:
        try:
            return _FAST_DECODE(text)
        except Exception:  # refused here: decided exactly below
            pass
    return parse_json(text, file=file, row=row)


def dumps(document: Document | Batch, *, indent: int | None = 2) -> str:
    """Canonical JSON text of one document (keys in model order, UTF-8 characters kept)."""
    return json.dumps(to_envelope(document), ensure_ascii=False, indent=indent) + "\n"


def loads(text: str, *, file: str | None = None, row: int | None = None) -> Document | Batch:
    """The document in canonical JSON ``text`` (inverse of :func:`dumps`); ``row`` is its
    line in a JSON Lines file, if it is one.

    Decoded by :func:`parse_json_fast`. A text that does not give a document is parsed again
    by :func:`parse_json` before its error is raised, so that the error is always the one
    the exact parser gives first: the two decoders agree on every value, but not always on
    how deep a text may nest (each stops at the interpreter's recursion limit, with its own
    number of frames on the stack), and no document nests deep enough to differ.

    Raises:
        SchemaError: malformed JSON, wrong format version, or a document that does not fit.
    """
    data = parse_json_fast(text, file=file, row=row)
    try:
        return from_envelope(data, file=file, row=row)
    except (BudgetPerfError, RecursionError):
        # The exact parser's error, if it has one, from where the standard-library
        # fallback would parse the text (the same frames on the stack).
        parse_json_fast(text, file=file, row=row, fast=False)
        raise


def dump_lines(documents: Iterable[Document], stream: IO[str]) -> int:
    """Write documents as JSON Lines (one envelope per line); returns how many were written."""
    count = 0
    for document in documents:
        # One write per line: an interrupted run leaves whole lines behind.
        line = json.dumps(to_envelope(document), ensure_ascii=False, separators=(",", ":"))
        stream.write(line + "\n")
        count += 1
    return count


def load_lines(lines: Iterable[str], *, file: str | None = None) -> Iterator[Document | Batch]:
    """Read JSON Lines one document at a time (blank lines are skipped).

    Raises:
        SchemaError: at the first bad line, naming its line number; documents before it have
            already been yielded complete, and no partial document is ever yielded.
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield loads(line, file=file, row=number)
