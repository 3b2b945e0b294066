"""PDF reports → paragraphs and grids (extra ``budgetperf[pdf]``, pdfplumber)."""

from __future__ import annotations

from budgetperf.grid import Block
from budgetperf.readers._extras import require
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size

__all__ = ["read_pdf"]


def read_pdf(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs in reading order and tables from ruling lines, across pages."""
    check_size(data, file, limits)
    require("pdfplumber", "pdf", file=file)
    raise NotImplementedError  # filled in by the PDF reader
