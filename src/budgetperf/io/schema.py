"""The JSON Schema (draft 2020-12) of the ``budgetperf/1`` format.

It is derived from the model's own types, so it cannot drift from what :mod:`budgetperf.io.json`
writes; the shipped copy (``budgetperf/io/schema/budgetperf-1.schema.json`` and
``docs/schema/``) is checked against the derivation by the tests. Regenerate with::

    python -m budgetperf.io.schema > src/budgetperf/io/schema/budgetperf-1.schema.json

    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(s["$defs"])[:3]
    ['Amount', 'Batch', 'BudgetBlock']
"""

from __future__ import annotations

import enum
import json
import types
import typing
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from budgetperf._resources import data_file
from budgetperf.io.json import DOCUMENT_TYPES, FORMAT
from budgetperf.model.evaluation import SourceRef
from budgetperf.model.indicators import COMPARATOR_SPELLINGS, Comparator
from budgetperf.model.project import ProjectCode
from budgetperf.money import Amount, Unit

__all__ = [
    "DECIMAL_PATTERN",
    "PROJECT_CODE_PATTERN",
    "SCHEMA_BASE",
    "SCHEMA_ID",
    "schema",
    "schema_id",
    "shipped_schema",
]

DECIMAL_PATTERN: Final = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
"""A decimal number as budgetperf writes it (``str(Decimal)``: ``"874.05"``, ``"8.7405E+6"``)."""

PROJECT_CODE_PATTERN: Final = r"^\d{8}[RYT]\d{12}$"
"""项目编码 of the integrated budget system (21 characters)."""

SCHEMA_BASE: Final = "urn:budgetperf:schema:"
"""The one base of every budgetperf schema ``$id``: ``urn:budgetperf:schema:<name>:<major>``.

The project publishes no web address of its own; a URN names a schema for as long as the
format lives without claiming a host (docs/outputs.md)."""


def schema_id(name: str, major: int = 1) -> str:
    """The ``$id`` of a budgetperf schema.

    >>> schema_id("finding")
    'urn:budgetperf:schema:finding:1'
    """
    return f"{SCHEMA_BASE}{name}:{major}"


SCHEMA_ID: Final = schema_id("document")
"""The ``$id`` of the document schema (``budgetperf/1``)."""


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type) -> dict[str, str]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: recursive types refer to themselves
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        properties = {f.name: self.of(hints[f.name]) for f in fields}
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        result: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            result["required"] = required
        doc = (cls.__doc__ or "").strip().split("\n", 1)[0]
        if doc:
            result["description"] = doc
        return result

    def of(self, kind: Any) -> dict[str, Any]:
        origin = typing.get_origin(kind)
        if origin is Union or origin is types.UnionType:
            options = [self.of(arg) for arg in typing.get_args(kind)]
            return {"anyOf": options}
        if kind is type(None):
            return {"type": "null"}
        if origin is tuple:
            args = typing.get_args(kind)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if kind is str:
            return {"type": "string"}
        if kind is int:
            return {"type": "integer"}
        if kind is bool:
            return {"type": "boolean"}
        if kind is Decimal:
            return {"$ref": "#/$defs/Decimal"}
        if kind is Amount:
            return {"$ref": "#/$defs/Amount"}
        if kind is ProjectCode:
            return {"$ref": "#/$defs/ProjectCode"}
        if kind is Comparator:
            # The loader reads a comparator as printed (≧, ═, >=, 不低于, 以上 …): every
            # spelling of COMPARATOR_SPELLINGS is valid, the canonical symbols first.
            spellings = [m.value for m in kind] + [s for s, _, _ in COMPARATOR_SPELLINGS]
            return {"enum": list(dict.fromkeys(spellings))}
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return {"enum": [m.value for m in kind]}
        if isinstance(kind, type) and attrs.has(kind):
            return self.ref(kind)
        raise TypeError(f"no schema for {kind!r}")  # programmer error


def schema() -> dict[str, Any]:
    """The JSON Schema of every ``budgetperf/1`` document, derived from the model."""
    builder = _Builder()
    builder.defs["Decimal"] = {
        "type": "string",
        "pattern": DECIMAL_PATTERN,
        "description": "a decimal number written as a string",
    }
    builder.defs["Amount"] = {
        "type": "object",
        "properties": {
            "value": {"$ref": "#/$defs/Decimal"},
            "unit": {"enum": [u.value for u in Unit]},
        },
        "required": ["value", "unit"],
        "additionalProperties": False,
        "description": "an amount of money with its unit",
    }
    builder.defs["ProjectCode"] = {
        "type": "string",
        "pattern": PROJECT_CODE_PATTERN,
        "description": "项目编码 of the integrated budget system",
    }
    envelopes = []
    items = []
    for name, cls in DOCUMENT_TYPES.items():
        ref = builder.ref(cls)
        envelopes.append(
            {
                "type": "object",
                "properties": {
                    "format": {"const": FORMAT},
                    "type": {"const": name},
                    "document": ref,
                },
                "required": ["format", "type", "document"],
                "additionalProperties": False,
            }
        )
        items.append(
            {
                "type": "object",
                "properties": {"type": {"const": name}, "document": ref},
                "required": ["type", "document"],
                "additionalProperties": False,
            }
        )
    builder.defs["Batch"] = {
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "type": {"const": "batch"},
            "name": {"type": "string"},
            "title": {"type": "string"},
            "source": {"anyOf": [builder.ref(SourceRef), {"type": "null"}]},
            "notes": {"type": "array", "items": {"type": "string"}},
            "documents": {"type": "array", "items": {"oneOf": items}},
        },
        "required": ["format", "type", "name", "documents"],
        "additionalProperties": False,
        "description": "several documents read together",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "budgetperf/1",
        "description": "Budget performance documents (预算绩效): project self-evaluations, "
        "department evaluations, final accounts, and batches of them.",
        "oneOf": [*envelopes, {"$ref": "#/$defs/Batch"}],
        "$defs": dict(sorted(builder.defs.items())),
    }


def shipped_schema() -> dict[str, Any]:
    """The schema file shipped in the package."""
    resource = data_file("budgetperf.io", "schema", "budgetperf-1.schema.json")
    result: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return result


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(schema(), ensure_ascii=False, indent=2))
