"""Which encoding a file is in (编码识别): byte-order marks, declarations, then detection."""

from __future__ import annotations

import codecs
import re
from typing import Final

from budgetperf.io.text import decode

__all__ = ["decode_markup", "decode_text"]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED: Final = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.I,
)
# Pages that say gb2312 or gbk are written in the superset GB18030 more often than not.
_WIDER: Final = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def _bom(data: bytes) -> str | None:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(name, errors="replace")
    return None


def decode_text(data: bytes, *, file: str | None = None) -> str:
    """Text of a file with no declared encoding: a byte-order mark (UTF-8, UTF-16, UTF-32 —
    Excel's 「Unicode 文本」 export is UTF-16 with a mark), else UTF-8, else GB18030.

    Raises:
        ParseError: binary data, or text in neither encoding.
    """
    text = _bom(data)
    return text if text is not None else decode(data, file=file)


def decode_markup(data: bytes, *, file: str | None = None) -> str:
    """Text of an HTML or XML file: a byte-order mark, else the declared charset when it
    decodes the file, else detection as for plain text."""
    text = _bom(data)
    if text is not None:
        return text
    match = _DECLARED.search(data[:4096])
    if match is not None:
        name = match.group(1).decode("ascii").lower()
        try:
            return data.decode(_WIDER.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; detect instead
    return decode(data, file=file)
