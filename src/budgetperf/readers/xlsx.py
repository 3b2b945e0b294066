"""Excel workbooks (.xlsx) → one grid per sheet (extra ``budgetperf[excel]``, openpyxl)."""

from __future__ import annotations

from budgetperf.grid import Block
from budgetperf.readers._extras import require
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size

__all__ = ["read_xlsx"]


def read_xlsx(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Every sheet of a workbook as a grid, merged ranges expanded."""
    check_size(data, file, limits)
    require("openpyxl", "excel", file=file)
    raise NotImplementedError  # filled in by the XLSX reader
