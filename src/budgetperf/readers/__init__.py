"""Readers (读取): any report file → paragraphs and grids, by its content.

Every format gives the same output, a list of :class:`~budgetperf.grid.Paragraph` and
:class:`~budgetperf.grid.Grid` blocks in reading order, so recognising a table never depends
on where it came from. The format is told from the content, not the file name: a ZIP container
by its content types (``.docx`` or ``.xlsx``), an OLE compound file by its streams (an Excel
97–2003 workbook, ``.xls``; an old Word ``.doc`` and an encrypted ``.docx``/``.xlsx`` are
refused with what to do), a PDF by its header, HTML by its markup, anything else as text
(UTF-8, UTF-16 with a byte-order mark, GB18030).

=========  ===========================  ==================================
format     reader                       needs
=========  ===========================  ==================================
HTML       :func:`read_html`            —
DOCX       :func:`read_docx`            —
text/TSV   :func:`read_text`            —
XLSX       :func:`read_xlsx`            ``pip install 'budgetperf[excel]'``
XLS        :func:`read_xls`             ``pip install 'budgetperf[excel]'``
PDF        :func:`read_pdf`             ``pip install 'budgetperf[pdf]'``
=========  ===========================  ==================================

    >>> kind_of(b"%PDF-1.7 ..."), kind_of(b"<!DOCTYPE html><p>x"), kind_of("说明".encode())
    ('pdf', 'html', 'text')
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

from budgetperf.errors import ParseError
from budgetperf.grid import Block, Cell, Grid, Location, Paragraph
from budgetperf.readers._encoding import decode_text
from budgetperf.readers._limits import DEFAULT_LIMITS, Limits, check_size, open_zip, refuse
from budgetperf.readers.docx import read_docx
from budgetperf.readers.html import read_html
from budgetperf.readers.pdf import read_pdf
from budgetperf.readers.text import read_text
from budgetperf.readers.xls import read_xls
from budgetperf.readers.xlsx import read_xlsx

__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "Cell",
    "Grid",
    "Kind",
    "Limits",
    "Location",
    "Paragraph",
    "kind_of",
    "read_bytes",
    "read_docx",
    "read_file",
    "read_html",
    "read_pdf",
    "read_text",
    "read_xls",
    "read_xlsx",
]

Kind = Literal["docx", "xlsx", "xls", "pdf", "html", "text"]
# The compound-file header of .doc/.xls, and of password-protected .docx/.xlsx.
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Names of a compound file's streams, as its directory stores them (UTF-16LE): what tells an
# old Word document, an encrypted OOXML package and an old workbook apart.
_OLE_STREAMS: Final = tuple(
    (name.encode("utf-16-le"), kind)
    for name, kind in (
        ("WordDocument", "doc"),
        ("EncryptedPackage", "encrypted"),
        ("Workbook", "xls"),
        ("Book", "xls"),
    )
)
_HTML_MARKS: Final = (b"<!doctype html", b"<html", b"<body", b"<table", b"<meta", b"<head")


def _zip_kind(data: bytes, file: str | None) -> Kind:
    with open_zip(data, file, DEFAULT_LIMITS, "ZIP") as archive:
        names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise refuse(
        file,
        "ZIP 文件既不是 Word 文档也不是 Excel 工作簿",
        "the ZIP file is neither a Word document nor an Excel workbook",
        "a .docx or .xlsx file",
    )


def _ole_kind(data: bytes, file: str | None) -> Kind:
    """An OLE compound file: an Excel 97–2003 workbook, else refused with what to do."""
    found = next((kind for name, kind in _OLE_STREAMS if name in data), None)
    if found == "xls":
        return "xls"
    if found == "doc":
        raise refuse(
            file,
            "旧版 Word 文档（.doc），无法读取：请在 Word 或 WPS 中另存为 .docx 后再读",
            "an old-format Word document (.doc): save it as .docx in Word or WPS and read that",
            "a .docx, .xlsx, .xls, .pdf, web page or text file",
        )
    raise refuse(
        file,
        "加密的 .docx/.xlsx 或无法识别的旧版 Office 文件，无法读取：请取消密码或另存为 "
        ".docx/.xlsx 后再读",
        "an encrypted .docx/.xlsx or an old Office file of another kind: remove the password "
        "or save it as .docx/.xlsx and read that",
        "a .docx, .xlsx, .xls, .pdf, web page or text file",
    )


def kind_of(data: bytes, *, file: str | None = None) -> Kind:
    """The format of a file's content: ``docx``, ``xlsx``, ``xls``, ``pdf``, ``html`` or
    ``text``."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, file)
    if data.startswith(_OLE):
        return _ole_kind(data, file)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096]
    for mark, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(mark):
            head = head[2:].decode(codec, errors="ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") and b"<html" in head:
        return "html"
    if head.startswith(_HTML_MARKS) or any(mark in head for mark in _HTML_MARKS[1:4]):
        return "html"
    return "text"


def read_bytes(
    data: bytes, *, file: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Block]:
    """Paragraphs and tables of a file's content, whatever its format.

    Raises:
        ParseError: the content is unreadable, hostile or over a limit; or it needs an extra
            that is not installed (the message names it).
    """
    check_size(data, file, limits)
    kind = kind_of(data, file=file)
    if kind == "docx":
        return read_docx(data, file=file, limits=limits)
    if kind == "xlsx":
        return read_xlsx(data, file=file, limits=limits)
    if kind == "xls":
        return read_xls(data, file=file, limits=limits)
    if kind == "pdf":
        return read_pdf(data, file=file, limits=limits)
    if kind == "html":
        return read_html(data, file=file, limits=limits)
    return read_text(decode_text(data, file=file), file=file, limits=limits)


def read_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> list[Block]:
    """Paragraphs and tables of a report file, by its content (see :func:`read_bytes`)."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > limits.max_bytes:
            raise refuse(
                name, "文件过大", "the file is too large", f"at most {limits.max_bytes} bytes"
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(
            "无法读取文件", f"cannot read the file: {exc.strerror}", file=name
        ) from exc
    return read_bytes(data, file=name, limits=limits)
