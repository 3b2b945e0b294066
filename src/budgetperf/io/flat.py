"""Related flat tables (关联平面表): a batch as CSV tables that join on their keys, lossless.

The tables are derived from the model's own fields, so a field added to the model becomes a
column without a change here:

- ``batches``: the batch (one row; a single document is written as a batch of one);
- ``documents``: one row per document, with ``batch``, ``document`` (0-based index) and
  ``document_type``, then every scalar field of the three document kinds (a field a kind
  does not have stays empty); a nested record is flattened into dotted columns
  (``budget.weight``, ``source.file``), with a boolean column of its own name when it may be
  absent (``budget``);
- one table per list in the model, named by its path (``indicators``, ``budget_rows``,
  ``statements``, ``statements_parts``, ``charts_series_values`` …), keyed by its parent's
  keys and its own ``<list>_index``; a tree (``dimensions``) is one table in pre-order
  with ``parent_dimensions_index``.

An amount is two columns: the decimal ``x`` and its unit ``x_unit`` (元/万元). Decimals are
written as :mod:`budgetperf.io.json` writes them (``str(Decimal)``: ``"874.05"``), booleans
``true``/``false``, a missing value as an empty cell, text as
:func:`budgetperf.io.csv.escape_cell` writes it (a spreadsheet never runs it as a formula).

Reading is strict: an unknown table or column, a row whose parent is missing, a duplicate
key or a cell of the wrong type is an error naming the table, row and column; nothing is
dropped. ``read_tables(write_tables(x)) == x`` for every batch::

    >>> from budgetperf import examples
    >>> batch = examples.load("liangshan-2023")
    >>> tables = write_tables(batch)
    >>> len(tables["documents"]), len(tables["indicators"]), tables["indicators"][0]["name"]
    (23, 108, '发放（缴纳）覆盖率')
    >>> read_tables(tables) == batch
    True
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import itertools
import types
import typing
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Union

import attrs

from budgetperf.errors import ParseError, SchemaError
from budgetperf.io.csv import escape_cell, unescape_cell
from budgetperf.io.json import DOCUMENT_TYPES, FORMAT, from_envelope, to_envelope
from budgetperf.model.evaluation import Batch, Document
from budgetperf.model.project import ProjectCode
from budgetperf.money import Amount, Unit

__all__ = [
    "DOCUMENT_COLUMNS",
    "SINGLE",
    "TABLE_FORMATS",
    "Column",
    "Table",
    "csv_files",
    "dump_tables",
    "dump_zip",
    "is_tables_zip",
    "load_directory",
    "load_zip",
    "read_tables",
    "tables",
    "write_tables",
]

Row = dict[str, str]

DOCUMENT_COLUMNS: Final = {"code": "project_code"}
"""Document fields whose column is named as the join keys name them (:mod:`budgetperf.io.outputs`)."""

SINGLE: Final = "document"
"""The batch name a single document is written under."""

_BATCH_KEY: Final = "batch"
_DOCUMENT_KEY: Final = "document"
_TYPE_COLUMN: Final = "document_type"


class Kind(enum.Enum):
    """What a column holds."""

    TEXT = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DECIMAL = "decimal"
    CHOICE = "choice"
    PRESENT = "present"


@attrs.frozen(slots=True)
class Column:
    """One column: its name, what it holds, where in the JSON object it lives.

    Attributes:
        name: the column name.
        kind: what it holds.
        path: the keys from the row's JSON object to the value.
        nullable: whether an empty cell means None (else an empty text, or an error).
        choices: the allowed values of a choice (an enum's values, or the money units).
        owners: the document types the column belongs to (``documents``), else all.
        money: ``"value"`` or ``"unit"`` for the two columns of an amount, else ``""``.
    """

    name: str
    kind: Kind
    path: tuple[str, ...]
    nullable: bool
    choices: tuple[str, ...] = ()
    owners: frozenset[str] = frozenset()
    money: str = ""


@attrs.define(slots=True)
class Table:
    """One table: its keys, columns, and the lists in it that are tables of their own.

    Attributes:
        name: the table name (the CSV file is ``<name>.csv``).
        keys: the key columns: the parent's keys, then this table's own index.
        columns: the value columns.
        lists: (path in the row's object, child table, owners) of every nested list.
        parent: the parent table's name ("" for ``batches``).
        element: the type of a list element that is no record (a text, a decimal …).
        tree: the path of the list of children when the table's rows are a tree.
    """

    name: str
    keys: tuple[str, ...]
    columns: list[Column] = attrs.Factory(list)
    lists: list[tuple[tuple[str, ...], Table, frozenset[str]]] = attrs.Factory(list)
    parent: str = ""
    element: Any = None
    tree: tuple[str, ...] = ()
    cls: Any = None

    @property
    def header(self) -> list[str]:
        """Every column name, keys first."""
        tree = [f"parent_{self.keys[-1]}"] if self.tree else []
        return [*self.keys, *tree, *(c.name for c in self.columns)]


def _unwrap(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin is Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no flat column for {hint!r}")  # programmer error
        return args[0], len(args) != len(typing.get_args(hint))
    return hint, False


def _scalar(base: Any) -> tuple[Kind, tuple[str, ...]] | None:
    if base is str or base is ProjectCode:
        return Kind.TEXT, ()
    if base is bool:
        return Kind.BOOLEAN, ()
    if base is int:
        return Kind.INTEGER, ()
    if base is Decimal:
        return Kind.DECIMAL, ()
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return Kind.CHOICE, tuple(str(m.value) for m in base)
    return None


def _amount(
    name: str, path: tuple[str, ...], nullable: bool, owners: frozenset[str]
) -> tuple[Column, Column]:
    """The two columns of an amount: its decimal ``name`` and its unit ``name_unit``."""
    units = tuple(u.value for u in Unit)
    return (
        Column(name, Kind.DECIMAL, (*path, "value"), nullable, (), owners, "value"),
        Column(f"{name}_unit", Kind.CHOICE, (*path, "unit"), nullable, units, owners, "unit"),
    )


class _Builder:
    def __init__(self) -> None:
        self.tables: dict[str, Table] = {}

    def table(self, name: str, keys: tuple[str, ...], parent: str) -> Table:
        table = Table(name=name, keys=keys, parent=parent)
        self.tables[name] = table
        return table

    def add(self, table: Table, column: Column) -> None:
        for i, existing in enumerate(table.columns):
            if existing.name == column.name:
                if (existing.kind, existing.path, existing.choices) != (
                    column.kind,
                    column.path,
                    column.choices,
                ):
                    raise TypeError(f"{table.name}.{column.name}: two kinds")  # programmer error
                owners = existing.owners | column.owners
                table.columns[i] = attrs.evolve(
                    existing, owners=owners, nullable=existing.nullable or column.nullable
                )
                return
        if column.name in table.keys:
            raise TypeError(f"{table.name}.{column.name} is a key")  # programmer error
        table.columns.append(column)

    def fields(
        self,
        table: Table,
        cls: Any,
        prefix: tuple[str, ...],
        owners: frozenset[str],
        *,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if not field.init or field.name in skip:
                continue
            base, nullable = _unwrap(hints[field.name])
            path = (*prefix, field.name)
            name = ".".join(path)
            if not prefix and table.name == "documents":
                name = DOCUMENT_COLUMNS.get(name, name)
            scalar = _scalar(base)
            if scalar is not None:
                kind, choices = scalar
                self.add(table, Column(name, kind, path, nullable, choices, owners))
            elif base is Amount:
                for column in _amount(name, path, nullable, owners):
                    self.add(table, column)
            elif typing.get_origin(base) is tuple:
                self.list(table, base, path, owners)
            elif attrs.has(base):
                if nullable:
                    self.add(table, Column(name, Kind.PRESENT, path, True, (), owners))
                self.fields(table, base, path, owners)
            else:
                raise TypeError(f"no flat column for {cls.__name__}.{field.name}")

    def list(self, table: Table, hint: Any, path: tuple[str, ...], owners: frozenset[str]) -> None:
        (element, *rest) = typing.get_args(hint)
        if rest != [Ellipsis]:
            raise TypeError(f"no flat table for {hint!r}")  # programmer error
        if element is table.cls and table.cls is not None:
            table.tree = path  # a tree: its nodes are rows of this same table
            return
        prefix = "" if table.name == "documents" else f"{table.name}_"
        name = prefix + "_".join(path)
        if name in self.tables:
            child = self.tables[name]
            if child.cls is not element and child.element is not element:
                raise TypeError(f"table {name}: two kinds")  # programmer error
        else:
            child = self.table(name, (*table.keys, f"{path[-1]}_index"), table.name)
            if attrs.has(element) and element is not Amount:
                child.cls = element
                self.fields(child, element, (), frozenset())
            else:
                child.element = element
                self.values(child, element)
        table.lists.append((path, child, owners))

    def values(self, table: Table, element: Any) -> None:
        items = (
            list(enumerate(typing.get_args(element)))
            if typing.get_origin(element) is tuple
            else [(None, element)]
        )
        for position, kind in items:
            base, nullable = _unwrap(kind)
            scalar = _scalar(base)
            name = "value" if position is None else f"value_{position}"
            path = () if position is None else (str(position),)
            if scalar is not None:
                self.add(table, Column(name, scalar[0], path, nullable, scalar[1]))
            elif base is Amount:
                for column in _amount(name, path, nullable, frozenset()):
                    self.add(table, column)
            else:
                raise TypeError(f"no flat column for {element!r}")  # programmer error


@functools.cache
def tables() -> dict[str, Table]:
    """Every table, in the order they are written (parents before children)."""
    builder = _Builder()
    batches = builder.table("batches", (_BATCH_KEY,), "")
    builder.fields(batches, Batch, (), frozenset(), skip=frozenset({"name", "documents"}))
    documents = builder.table("documents", (_BATCH_KEY, _DOCUMENT_KEY), "batches")
    types_ = tuple(DOCUMENT_TYPES)
    builder.add(documents, Column(_TYPE_COLUMN, Kind.CHOICE, (), False, types_))
    for name, cls in DOCUMENT_TYPES.items():
        builder.fields(documents, cls, (), frozenset({name}))
    return builder.tables


# -- writing ---------------------------------------------------------------------------


def _get(obj: Any, path: Sequence[str]) -> Any:
    for key in path:
        if obj is None:
            return None
        obj = obj[int(key)] if isinstance(obj, list) else obj.get(key)
    return obj


def _cell(column: Column, value: Any, where: str) -> str:
    if value is None:
        return ""
    if column.kind is Kind.PRESENT:
        return "true"
    if column.kind is Kind.BOOLEAN:
        return "true" if value else "false"
    if column.kind is Kind.TEXT:
        text = str(value)
        if column.nullable and text == "":
            raise SchemaError(
                "空文本与缺失值在表格中无法区分",
                "an empty text cannot be told from a missing value in a table",
                field=where,
                value="",
                expected="a text or None (write JSON instead)",
            )
        return escape_cell(text)
    return str(value)


def _emit(
    table: Table,
    obj: dict[str, Any],
    keys: tuple[Any, ...],
    out: dict[str, list[Row]],
    owner: str,
    parent: Any = None,
    counter: list[int] | None = None,
) -> None:
    row: Row = {k: "" if v is None else str(v) for k, v in zip(table.keys, keys, strict=True)}
    if table.tree:
        row[f"parent_{table.keys[-1]}"] = "" if parent is None else str(parent)
    for column in table.columns:
        if column.owners and owner not in column.owners:
            row[column.name] = ""
            continue
        value = obj if column.path == () and table.element is not None else _get(obj, column.path)
        if column.name == _TYPE_COLUMN and table.name == "documents":
            value = owner
        row[column.name] = _cell(column, value, f"{table.name}.{column.name}")
    out[table.name].append(row)
    for path, child, owners in table.lists:
        if owners and owner not in owners:
            continue
        items = _get(obj, path) or []
        if child.tree:
            position = [0]
            for item in items:
                _emit_tree(child, item, keys, out, owner, None, position)
            continue
        for i, item in enumerate(items):
            _emit(child, item, (*keys, i), out, owner)


def _emit_tree(
    table: Table,
    node: dict[str, Any],
    keys: tuple[Any, ...],
    out: dict[str, list[Row]],
    owner: str,
    parent: int | None,
    position: list[int],
) -> None:
    here = position[0]
    position[0] += 1
    _emit(table, node, (*keys, here), out, owner, parent)
    for child in node.get(table.tree[-1]) or []:
        _emit_tree(table, child, keys, out, owner, here, position)


def write_tables(data: Document | Batch) -> dict[str, list[Row]]:
    """Every table of ``data`` as rows of cell text (every table, even an empty one).

    A single document is written as a batch of one named :data:`SINGLE` (every row of a
    package then has a complete key), and reads back as that batch.

    Raises:
        SchemaError: an empty text where the model also allows None (a table cannot tell
            them apart).
    """
    out: dict[str, list[Row]] = {name: [] for name in tables()}
    batch = data if isinstance(data, Batch) else Batch(name=SINGLE, documents=(data,))
    envelope = to_envelope(batch)
    spec = tables()
    _emit(spec["batches"], envelope, (batch.name,), out, "")
    for index, item in enumerate(envelope["documents"]):
        _emit_document(spec["documents"], item, batch.name, index, out)
    return out


def _emit_document(
    documents: Table, item: dict[str, Any], batch: str | None, index: int, out: dict[str, list[Row]]
) -> None:
    # Lists of the documents table are emitted by _emit; batches' own lists there too.
    _emit(documents, item["document"], (batch, index), out, item["type"])


# -- reading ---------------------------------------------------------------------------


def _error(
    table: str, row: int | None, column: str, zh: str, en: str, value: str, expected: str
) -> SchemaError:
    return SchemaError(
        zh, en, file=f"{table}.csv", row=row, field=column, value=value, expected=expected
    )


def _value(column: Column, cell: str, table: str, row: int) -> Any:
    if cell == "":
        if column.nullable or column.kind is Kind.PRESENT:
            return None
        if column.kind is Kind.TEXT:
            return ""
        raise _error(
            table, row, column.name, "缺少必填值", "a value is required", "", column.kind.value
        )
    if column.kind is Kind.TEXT:
        return unescape_cell(cell)
    if column.kind in (Kind.BOOLEAN, Kind.PRESENT):
        lowered = cell.strip().lower()
        if lowered not in ("true", "false"):
            raise _error(
                table,
                row,
                column.name,
                "应为 true 或 false",
                "expected true or false",
                cell,
                "true or false",
            )
        return lowered == "true"
    if column.kind is Kind.INTEGER:
        try:
            return int(cell)
        except ValueError:
            raise _error(
                table, row, column.name, "应为整数", "expected an integer", cell, "an integer"
            ) from None
    if column.kind is Kind.CHOICE and cell not in column.choices:
        raise _error(
            table,
            row,
            column.name,
            "不是允许的取值",
            "not one of the allowed values",
            cell,
            ", ".join(column.choices),
        )
    return cell  # a decimal stays its text: the JSON structurer reads and checks it


def _set(obj: dict[str, Any], path: Sequence[str], value: Any) -> None:
    for key in path[:-1]:
        inner = obj.get(key)
        if inner is None:
            inner = obj[key] = {}
        obj = inner
    obj[path[-1]] = value


class _Rows:
    """One table's rows, grouped by their parent's keys, each taken once."""

    def __init__(self, table: Table, rows: Sequence[Mapping[str, str]]) -> None:
        self.table = table
        self.groups: dict[tuple[str, ...], list[tuple[int, int, Mapping[str, str]]]] = {}
        self.taken: set[int] = set()
        self.count = len(rows)
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            key = tuple(row.get(k, "") for k in table.keys)
            own = key[-1]
            if len(table.keys) == 1:  # batches: keyed by name, one row
                self.groups.setdefault((), []).append((number, number, row))
                continue
            try:
                position = int(own)
            except ValueError:
                raise _error(
                    table.name,
                    number,
                    table.keys[-1],
                    "应为整数序号",
                    "expected a 0-based index",
                    own,
                    "an integer",
                ) from None
            self.groups.setdefault(key[:-1], []).append((position, number, row))
        for key, group in self.groups.items():
            group.sort(key=lambda item: item[0])
            for (a, _, _), (b, number, _) in itertools.pairwise(group):
                if a == b:
                    raise _error(
                        table.name,
                        number,
                        table.keys[-1],
                        "键重复",
                        "duplicate key",
                        ", ".join((*key, str(b))),
                        "each key once",
                    )

    def take(self, parent: tuple[str, ...]) -> list[tuple[int, int, Mapping[str, str]]]:
        group = self.groups.get(parent, [])
        self.taken.update(number for _, number, _ in group)
        return group


def _build(
    table: Table,
    row: Mapping[str, str],
    number: int,
    keys: tuple[str, ...],
    rows: dict[str, _Rows],
    owner: str,
) -> Any:
    if table.element is not None:
        values = [_value(c, row.get(c.name, ""), table.name, number) for c in table.columns]
        if typing.get_origin(table.element) is tuple:
            return values
        if table.columns[0].money == "value":
            return None if values[0] is None else {"value": values[0], "unit": values[1]}
        return values[0]
    obj: dict[str, Any] = {}
    absent: set[tuple[str, ...]] = set()
    for column in table.columns:
        if column.name == _TYPE_COLUMN and table.name == "documents":
            continue
        cell = row.get(column.name)
        if cell is None:
            continue  # a column an older writer did not have: the model's default
        if column.owners and owner not in column.owners:
            if cell != "":
                raise _error(
                    table.name,
                    number,
                    column.name,
                    "该类文档没有此字段",
                    f"a {owner} has no such field",
                    cell,
                    "an empty cell",
                )
            continue
        if any(column.path[: len(a)] == a for a in absent):
            if cell != "":
                raise _error(
                    table.name,
                    number,
                    column.name,
                    "所属记录标为不存在",
                    "its record is marked absent",
                    cell,
                    "an empty cell",
                )
            continue
        value = _value(column, cell, table.name, number)
        if column.kind is Kind.PRESENT:
            if value is not True:
                absent.add(column.path)
                _set(obj, column.path, None)
            continue
        if column.money == "value" and value is None:
            _set(obj, column.path[:-1], None)  # the amount is absent
            continue
        if column.money == "unit" and _get(obj, column.path[:-1]) is None:
            if value is not None:
                raise _error(
                    table.name,
                    number,
                    column.name,
                    "金额为空却填了单位",
                    "a unit without its amount",
                    cell,
                    "an empty cell",
                )
            continue
        _set(obj, column.path, value)
    for path, child, owners in table.lists:
        if owners and owner not in owners:
            continue
        if any(path[: len(a)] == a for a in absent):
            continue
        _set(obj, path, _children(child, keys, rows, owner))
    return obj


def _children(child: Table, keys: tuple[str, ...], rows: dict[str, _Rows], owner: str) -> list[Any]:
    group = rows[child.name].take(keys)
    if not child.tree:
        return [
            _build(child, row, number, (*keys, str(p)), rows, owner) for p, number, row in group
        ]
    nodes: dict[str, Any] = {}
    roots: list[Any] = []
    parent_column = f"parent_{child.keys[-1]}"
    for position, number, row in group:
        node = _build(child, row, number, (*keys, str(position)), rows, owner)
        node[child.tree[-1]] = []
        parent = row.get(parent_column, "")
        if parent == "":
            roots.append(node)
        elif parent in nodes:
            nodes[parent][child.tree[-1]].append(node)
        else:
            raise _error(
                child.name,
                number,
                parent_column,
                "上级行不存在或排在其后",
                "the parent row is missing or comes later",
                parent,
                "the index of an earlier row",
            )
        nodes[str(position)] = node
    return roots


def read_tables(
    data: Mapping[str, Sequence[Mapping[str, str]]], *, file: str | None = None
) -> Batch:
    """The document or batch that :func:`write_tables` wrote (its inverse).

    Raises:
        SchemaError: an unknown table or column, a duplicate key, a row whose parent is
            missing, a cell of the wrong type, or a document the model refuses.
    """
    spec = tables()
    unknown = sorted(set(data) - set(spec))
    if unknown:
        raise SchemaError(
            "未知的表", "unknown table", file=file, value=unknown[0], expected=", ".join(spec)
        )
    rows = {name: _Rows(table, data.get(name, ())) for name, table in spec.items()}
    for name, table in spec.items():
        header = set(table.header)
        for row in data.get(name, ()):
            extra = sorted(set(row) - header)
            if extra:
                raise SchemaError(
                    "未知的列",
                    "unknown column",
                    file=f"{name}.csv",
                    field=extra[0],
                    value=extra[0],
                    expected=", ".join(table.header),
                )
            break
    batches = list(data.get("batches", ()))
    if len(batches) != 1:
        raise SchemaError(
            "批次表应恰有一行",
            "the batches table must hold exactly one row",
            file="batches.csv",
            value=str(len(batches)),
            expected="one batch per set of tables",
        )
    documents = spec["documents"]
    name = batches[0].get(_BATCH_KEY, "")
    envelope: dict[str, Any] = {"format": FORMAT, "type": "batch", "name": name}
    rows["batches"].take(())
    envelope.update(_build(spec["batches"], batches[0], 2, (name,), rows, ""))
    items = []
    for position, number, row in rows["documents"].take((name,)):
        kind = _value(documents.columns[0], row.get(_TYPE_COLUMN, ""), "documents", number)
        document = _build(documents, row, number, (name, str(position)), rows, kind)
        items.append({"type": kind, "document": document})
    envelope["documents"] = items
    for name, taken in rows.items():
        if len(taken.taken) != taken.count:
            number = next(n for g in taken.groups.values() for _, n, _ in g if n not in taken.taken)
            raise _error(
                name,
                number,
                spec[name].keys[-2] if len(spec[name].keys) > 1 else spec[name].keys[0],
                "该行的上级行不存在",
                "the row's parent row does not exist",
                "",
                "keys of an existing parent row",
            )
    batch = from_envelope(envelope, file=file)
    assert isinstance(batch, Batch)  # the envelope built above is a batch's
    return batch


# -- CSV files -------------------------------------------------------------------------


def _csv(table: Table, rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    # CRLF between records (RFC 4180): a cell holding CR or LF is then quoted.
    writer = csv.DictWriter(buffer, fieldnames=table.header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _parse_csv(text: str, name: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise SchemaError(
            "CSV 格式错误",
            f"malformed CSV: {exc}",
            file=f"{name}.csv",
            row=reader.line_num,
            expected="CSV as RFC 4180 writes it",
        ) from None
    if not lines:
        return []
    header, *body = lines
    rows = []
    for number, cells in enumerate(body, start=2):
        if not any(cells):
            continue
        if len(cells) != len(header):
            raise SchemaError(
                "该行的列数与表头不同",
                "the row has a different number of cells than the header",
                file=f"{name}.csv",
                row=number,
                value=str(len(cells)),
                expected=f"{len(header)} cells",
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def csv_files(data: Document | Batch) -> dict[str, str]:
    """``{"<table>.csv": text}`` for every table (UTF-8 text, header first)."""
    spec = tables()
    return {f"{name}.csv": _csv(spec[name], rows) for name, rows in write_tables(data).items()}


def dump_zip(data: Document | Batch, *, extra: Mapping[str, str] | None = None) -> bytes:
    """Every table as ``<table>.csv`` in one ZIP archive (plus ``extra`` files, e.g. a
    ``datapackage.json``). The archive is the same for the same input (fixed timestamps)."""
    buffer = io.BytesIO()
    files = {**csv_files(data), **(extra or {})}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


_KNOWN_EXTRA: Final = ("datapackage.json",)
"""Files an archive may hold beside the tables, read by others (the tables are the data)."""


def is_tables_zip(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive of budgetperf tables (it holds ``documents.csv``)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "documents.csv" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _derived() -> frozenset[str]:
    from budgetperf.io.datapackage import DERIVED_TABLES

    return frozenset(f"{name}.csv" for name in DERIVED_TABLES)


def _load_files(files: Iterator[tuple[str, str]], file: str | None) -> Batch:
    data: dict[str, list[Row]] = {}
    derived = _derived()
    for name, text in files:
        if name in _KNOWN_EXTRA or name in derived:
            continue
        if not name.endswith(".csv"):
            raise SchemaError(
                "表格包中有未知的文件",
                "an unknown file in the tables",
                file=file,
                value=name,
                expected="<table>.csv files and datapackage.json",
            )
        table = name.removesuffix(".csv")
        data[table] = _parse_csv(text, table)
    return read_tables(data, file=file)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 as written (any character, NUL too); else what a spreadsheet saved (GB18030)."""
    from budgetperf.io.text import decode

    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode(data, file=name)


def load_zip(data: bytes, *, file: str | None = None) -> Batch:
    """The document or batch of a ZIP archive :func:`dump_zip` wrote.

    Raises:
        SchemaError: the archive or a table in it is not as :func:`dump_zip` writes them.
    """
    from budgetperf.readers._limits import DEFAULT_LIMITS, open_zip, read_member

    # The reader's ZIP safety: no path outside the archive, no bomb, no damaged member.
    with open_zip(data, file, DEFAULT_LIMITS, "ZIP") as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        files = (
            (n, _decode(read_member(archive, n, file, DEFAULT_LIMITS, "ZIP"), n)) for n in names
        )
        return _load_files(files, file)


def load_directory(path: str, *, file: str | None = None) -> Batch:
    """The batch of a directory holding the tables (an unpacked archive)."""
    from pathlib import Path

    def read(p: Path) -> tuple[str, str]:
        try:
            return p.name, _decode(p.read_bytes(), str(p))
        except OSError as exc:
            raise ParseError(
                "无法读取文件", f"cannot read the file: {exc.strerror}", file=str(p)
            ) from None

    try:
        paths = sorted(p for p in Path(path).iterdir() if p.is_file())
    except OSError as exc:
        raise ParseError(
            "无法读取目录", f"cannot read the directory: {exc.strerror}", file=path
        ) from None
    return _load_files((read(p) for p in paths), file or path)


TABLE_FORMATS: Final = ("csv", "datapackage", "xlsx")
"""What :func:`dump_tables` writes: a ZIP of CSV files, a Frictionless Data Package (ZIP),
or a workbook with one sheet per table (the ``excel`` extra)."""


def dump_tables(data: Document | Batch, format: str = "csv") -> bytes:
    """The related tables of ``data`` as bytes in ``format`` (:data:`TABLE_FORMATS`).

    Raises:
        ParseError: an unknown format, or ``xlsx`` without the ``excel`` extra.
    """
    if format == "csv":
        return dump_zip(data)
    if format == "datapackage":
        from budgetperf.io.datapackage import dump_package

        return dump_package(data)
    if format == "xlsx":
        from budgetperf.io.xlsx import dump_table_sheets

        return dump_table_sheets(write_tables(data))
    raise ParseError(
        "不支持的表格格式",
        "unsupported table format",
        value=format,
        expected=", ".join(TABLE_FORMATS),
    )
