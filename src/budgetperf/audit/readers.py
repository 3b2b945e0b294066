"""The readers, as the audit has always imported them (see :mod:`budgetperf.readers`)."""

from __future__ import annotations

from budgetperf.grid import Block, Flattening, Grid, Location, Paragraph
from budgetperf.readers import (
    DEFAULT_LIMITS,
    Limits,
    read_bytes,
    read_docx,
    read_file,
    read_html,
    read_pdf,
    read_text,
    read_xls,
    read_xlsx,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "Flattening",
    "Grid",
    "Limits",
    "Location",
    "Paragraph",
    "read_bytes",
    "read_docx",
    "read_file",
    "read_html",
    "read_pdf",
    "read_text",
    "read_xls",
    "read_xlsx",
]
