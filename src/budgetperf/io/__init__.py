"""Readers and writers (输入输出), kept apart from the model.

>>> from budgetperf import examples
>>> doc = examples.load("ziyang-2022").documents[0]
>>> load_text(dump(doc)) == doc
True
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from budgetperf.errors import ParseError, SchemaError
from budgetperf.io.csv import dumps as csv_dumps
from budgetperf.io.csv import loads as csv_loads
from budgetperf.io.json import dump_lines, dumps, from_envelope, load_lines, parse_json
from budgetperf.io.tables import load_classification
from budgetperf.io.text import decode
from budgetperf.model.evaluation import Batch, Document, ProjectEvaluation

__all__ = ["FORMATS", "dump", "load", "load_classification", "load_text"]


def load_text(text: str, *, file: str | None = None) -> Document | Batch:
    """A document or batch from text in any supported format (JSON, JSON Lines, CSV/TSV).

    JSON Lines (one envelope per line) is read as one :class:`Batch`; text that does not start
    with ``{`` is read as a 自评表 CSV or TSV.

    Raises:
        SchemaError, ParseError: the text is not a budgetperf document.
    """
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise ParseError(
            "输入为空", "the input is empty", file=file, expected="a budgetperf/1 JSON document"
        )
    if not stripped.startswith(("{", "[")):
        return csv_loads(text, file=file)
    try:
        return from_envelope(parse_json(stripped, file=file), file=file)
    except SchemaError as whole_error:
        # Numbered from the text as given (leading blank lines count), so that an error
        # names the line an editor shows.
        lines = text.lstrip("\ufeff").splitlines()
        first = next((line for line in lines if line.strip()), "")
        if len([line for line in lines if line.strip()]) < 2 or not first.strip().endswith("}"):
            raise
        try:
            parse_json(first, file=file)
        except SchemaError:
            raise whole_error from None
        # The first line is a whole document: this is JSON Lines, and an error names the
        # line it is on rather than where the whole-text parse gave up.
        items = list(load_lines(lines, file=file))
    documents = tuple(
        d for item in items for d in (item.documents if isinstance(item, Batch) else (item,))
    )
    return Batch(name=Path(file).stem if file else "batch", documents=documents)


def load(source: str | Path | IO[bytes] | IO[str]) -> Document | Batch:
    """Read a document or batch from a path, or from an open file (``-`` is standard input).

    Raises:
        ParseError: the file cannot be read or decoded.
        SchemaError: it is not a budgetperf document.
    """
    if isinstance(source, str | Path):
        name = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise ParseError(
                "无法读取文件", f"cannot read the file: {exc.strerror}", file=name
            ) from exc
        return load_text(decode(data, file=name), file=name)
    name = getattr(source, "name", "<stream>")
    content = source.read()
    text = decode(content, file=str(name)) if isinstance(content, bytes) else content
    return load_text(text, file=str(name))


FORMATS = ("json", "jsonl", "csv", "tsv")
"""The formats :func:`dump` writes."""


def dump(document: Document | Batch, format: str = "json") -> str:
    """``document`` as text in ``format``: ``json`` (canonical), ``jsonl`` (one document per
    line), ``csv`` or ``tsv`` (a project self-evaluation). Inverse of :func:`load_text`.

    Raises:
        SchemaError: CSV asked for something that is not one project self-evaluation.
        ParseError: an unknown format.
    """
    if format == "json":
        return dumps(document)
    if format == "jsonl":
        buffer = io.StringIO()
        dump_lines(document.documents if isinstance(document, Batch) else (document,), buffer)
        return buffer.getvalue()
    if format in ("csv", "tsv"):
        if isinstance(document, Batch) and len(document.documents) == 1:
            document = document.documents[0]
        if not isinstance(document, ProjectEvaluation):
            raise SchemaError(
                "CSV 只能容纳一张项目支出绩效自评表",
                "CSV holds one project self-evaluation",
                value=type(document).__name__,
                expected="a ProjectEvaluation (use JSON otherwise)",
            )
        return csv_dumps(document, delimiter="\t" if format == "tsv" else ",")
    raise ParseError(
        "不支持的输出格式", "unsupported output format", value=format, expected=", ".join(FORMATS)
    )
