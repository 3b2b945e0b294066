"""Frictionless Data Package (数据包) of a batch: the flat tables, described.

``datapackage.json`` describes every table of :mod:`budgetperf.io.flat` as a tabular data
resource: its fields typed (``integer``, ``boolean``, ``number`` for decimals and money,
``string`` with an ``enum`` constraint for a choice), its primary key and its foreign keys to
the parent table (a tree: to itself). The money side follows the Fiscal Data Package's
budget taxonomy: every amount's value column has ``columnType: value`` and names its unit
column; ``year`` is ``date:fiscal-year``; ``department`` the administrative classification;
functional and economic codes and names the functional and economic classifications. One
derived table, ``functional_cofog``, maps every functional code of the batch to COFOG
(:mod:`budgetperf.classification.cofog`) with the mapping's confidence; it is not read back
(the codes are in ``functional_lines``).

The package is a ZIP archive of ``datapackage.json`` and the CSV files; unpacked, any
Frictionless tool reads it (``frictionless validate datapackage.json``), and
``budgetperf convert`` reads either back.

    >>> from budgetperf import examples
    >>> package = descriptor(examples.load("liangshan-2023"))
    >>> [r["name"] for r in package["resources"]][:3]
    ['batches', 'batches_notes', 'documents']
    >>> fields = {f["name"]: f for f in package["resources"][2]["schema"]["fields"]}
    >>> fields["year"]["columnType"], fields["grand_total"]["type"]
    ('date:fiscal-year', 'number')
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Final

from budgetperf.classification.cofog import cofog_for
from budgetperf.io.flat import Column, Kind, Table, csv_files, dump_zip, tables, write_tables
from budgetperf.model.evaluation import Batch, Document

__all__ = ["DERIVED_TABLES", "descriptor", "dump_package"]

DERIVED_TABLES: Final = ("functional_cofog",)
"""Tables a package adds beside the flat tables (derived; not read back)."""

_COLUMN_TYPES: Final = {
    ("documents", "year"): "date:fiscal-year",
    ("documents", "department"): "administrative-classification:generic:label",
    ("documents", "implementing_unit"): "administrative-classification:generic:label",
    ("functional_lines", "functional_code"): "functional-classification:generic:code",
    ("functional_lines", "name"): "functional-classification:generic:label",
    ("functional_lines", "economic_code"): "economic-classification:generic:code",
    ("economic_lines", "economic_code"): "economic-classification:generic:code",
    ("economic_lines", "name"): "economic-classification:generic:label",
}
"""Fiscal Data Package column types (budget taxonomy) of the columns that carry one."""


def _field(table: str, column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name}
    if column.kind is Kind.TEXT:
        field["type"] = "string"
    elif column.kind is Kind.INTEGER:
        field["type"] = "integer"
    elif column.kind in (Kind.BOOLEAN, Kind.PRESENT):
        field.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif column.kind is Kind.DECIMAL:
        # A decimal is written as str(Decimal): a plain number, or one with an exponent.
        field.update(type="number", decimalChar=".", bareNumber=True)
    else:
        field.update(type="string", constraints={"enum": list(column.choices)})
    if column.money == "value":
        field["columnType"] = "value"
        field["description"] = (
            f"金额，单位见 {column.name}_unit (amount; its unit is in {column.name}_unit)"
        )
    elif column.money == "unit":
        field["description"] = "金额单位 (the unit of the amount: 元 or 万元)"
    elif column.kind is Kind.PRESENT:
        field["description"] = "该记录是否存在 (whether the record is present)"
    if (table, column.name) in _COLUMN_TYPES:
        field["columnType"] = _COLUMN_TYPES[(table, column.name)]
    return field


def _key_field(name: str) -> dict[str, Any]:
    if name == "batch":
        return {"name": name, "type": "string", "description": "批次名 (the batch's name)"}
    return {
        "name": name,
        "type": "integer",
        "constraints": {"required": True, "minimum": 0},
        "description": "从 0 起的序号 (0-based index)",
    }


def _schema(table: Table) -> dict[str, Any]:
    fields = [_key_field(k) for k in table.keys]
    if table.tree:
        parent = f"parent_{table.keys[-1]}"
        # No foreign key: a root's parent is empty, and a composite key with one empty
        # field is a violation to Frictionless. The parent comes before its children.
        fields.append(
            {
                **_key_field(parent),
                "constraints": {"minimum": 0},
                "description": f"上级节点的 {table.keys[-1]}；顶层为空 (the parent node's "
                f"{table.keys[-1]}; empty at the top)",
            }
        )
    fields += [_field(table.name, c) for c in table.columns]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(table.keys)}
    foreign = []
    if table.parent:
        parent_keys = list(tables()[table.parent].keys)
        foreign.append(
            {
                "fields": list(table.keys[: len(parent_keys)]),
                "reference": {"resource": table.parent, "fields": parent_keys},
            }
        )
    if table.name == "functional_lines":
        foreign.append(
            {
                "fields": ["functional_code"],
                "reference": {"resource": "functional_cofog", "fields": ["functional_code"]},
            }
        )
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def _resource(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
    if description:
        resource["description"] = description
    return resource


_COFOG_SCHEMA: Final[dict[str, Any]] = {
    "fields": [
        {
            "name": "functional_code",
            "type": "string",
            "constraints": {"required": True},
            "columnType": "functional-classification:generic:code",
        },
        {"name": "functional_class", "type": "string"},
        {"name": "cofog", "type": "string", "columnType": "functional-classification:cofog:code"},
        {
            "name": "cofog_name",
            "type": "string",
            "columnType": "functional-classification:cofog:label",
        },
        {
            "name": "confidence",
            "type": "string",
            "constraints": {"enum": ["official", "attested", "single", "recalled"]},
        },
        {"name": "note", "type": "string"},
    ],
    "primaryKey": ["functional_code"],
}


def _cofog_rows(data: Document | Batch) -> list[dict[str, str]]:
    codes = sorted({row["functional_code"] for row in write_tables(data)["functional_lines"]})
    rows = []
    for code in codes:
        found = cofog_for(code)
        rows.append(
            {
                "functional_code": code,
                "functional_class": code[:3],
                "cofog": (found.code or "") if found else "",
                "cofog_name": found.name if found else "",
                "confidence": found.confidence.value if found else "",
                "note": found.note if found else "未知的类 (an unknown 类)",
            }
        )
    return rows


def _name(data: Document | Batch) -> str:
    raw = data.name if isinstance(data, Batch) else "document"
    slug = re.sub(r"[^a-z0-9._-]+", "-", raw.lower()).strip("-")
    return slug or "budgetperf"


def descriptor(data: Document | Batch) -> dict[str, Any]:
    """The ``datapackage.json`` of ``data`` (every table, even an empty one)."""
    resources = [_resource(t.name, _schema(t)) for t in tables().values()]
    resources.append(
        _resource(
            "functional_cofog",
            _COFOG_SCHEMA,
            "支出功能分类 → COFOG（派生，注明可信度）| functional codes → COFOG (derived, with "
            "the mapping's confidence; not read back)",
        )
    )
    title = data.title if isinstance(data, Batch) and data.title else _name(data)
    return {
        "profile": "tabular-data-package",
        "name": _name(data),
        "title": title,
        "description": "预算绩效文档的关联表 (budgetperf documents as related tables); "
        "money follows the Fiscal Data Package budget taxonomy (columnType)",
        "countryCode": "CN",
        "resources": resources,
    }


def _cofog_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    names = [f["name"] for f in _COFOG_SCHEMA["fields"]]
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def dump_package(data: Document | Batch) -> bytes:
    """The data package as a ZIP archive: ``datapackage.json`` and every table's CSV."""
    files = package_files(data)
    extra = {name: files[name] for name in ("functional_cofog.csv", "datapackage.json")}
    return dump_zip(data, extra=extra)


def package_files(data: Document | Batch) -> dict[str, str]:
    """Every file of the package by name (for writing it as a directory)."""
    package = json.dumps(descriptor(data), ensure_ascii=False, indent=2) + "\n"
    return {
        **csv_files(data),
        "functional_cofog.csv": _cofog_csv(_cofog_rows(data)),
        "datapackage.json": package,
    }
