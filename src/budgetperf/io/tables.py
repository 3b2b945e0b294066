"""Reading a classification table a user holds (code, name) as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from budgetperf.classification import ClassificationTable, Confidence, TableKind
from budgetperf.errors import ParseError, ValidationError
from budgetperf.io.text import decode
from budgetperf.money import normalize_text

__all__ = ["load_classification"]

_CODE_HEADERS = ("code", "科目编码", "编码", "科目代码", "代码")
_NAME_HEADERS = ("name", "科目名称", "名称")


def load_classification(
    path: str | Path,
    *,
    year: int,
    kind: TableKind | str = TableKind.FUNCTIONAL,
    source: str | None = None,
) -> ClassificationTable:
    """Read the full official table of ``year`` from a CSV of ``code,name`` rows.

    The first row may be a header (``code,name`` or ``科目编码,科目名称``); other columns are
    ignored. UTF-8 (with or without BOM) and GB18030/GBK are detected. Codes such as
    ``2060702`` may also be written with separators (``206 07 02``) or as ``[2060702]名称``.

    Raises:
        ParseError: a row has no code or name, or a code is not 3, 5 or 7 digits.
        ValidationError: a 款 or 项 has no parent row in the file.
    """
    kind = TableKind(kind) if isinstance(kind, str) else kind
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(
            "无法读取文件", f"cannot read the file: {exc.strerror}", file=name
        ) from exc
    rows = list(csv.reader(io.StringIO(decode(data, file=name))))
    code_col, name_col, start = 0, 1, 0
    if rows:
        header = [normalize_text(cell).lower() for cell in rows[0]]
        if any(h in _CODE_HEADERS for h in header):
            code_col = next(i for i, h in enumerate(header) if h in _CODE_HEADERS)
            name_col = next((i for i, h in enumerate(header) if h in _NAME_HEADERS), code_col + 1)
            start = 1
    pairs = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(code_col, name_col):
            raise ParseError(
                "缺少编码或名称列",
                "row lacks the code or name column",
                file=name,
                row=number,
                value=",".join(row),
                expected="code,name",
            )
        code = "".join(ch for ch in normalize_text(row[code_col]) if ch.isdigit())
        title = normalize_text(row[name_col])
        if len(code) not in (3, 5, 7) or not title:
            raise ParseError(
                "科目编码或名称有误",
                "bad code or name",
                file=name,
                row=number,
                field="code" if len(code) not in (3, 5, 7) else "name",
                value=row[code_col] if len(code) not in (3, 5, 7) else row[name_col],
                expected="a 3-, 5- or 7-digit code and a non-empty name",
            )
        pairs.append((code, title))
    if not pairs:
        raise ParseError(
            "文件中没有科目", "the file holds no codes", file=name, expected="rows of code,name"
        )
    try:
        return ClassificationTable.from_pairs(
            pairs,
            kind=kind,
            edition=year,
            source=source or name,
            confidence=Confidence.OFFICIAL,
        )
    except ValidationError as exc:
        raise exc.located(file=name) from None
