"""Decoding files whose encoding is not declared (UTF-8 with or without BOM, GB18030)."""

from __future__ import annotations

from budgetperf.errors import ParseError

__all__ = ["decode"]


def decode(data: bytes, *, file: str | None = None) -> str:
    """Text of ``data``: UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK).

    Raises:
        ParseError: the bytes are binary (NUL bytes) or valid in neither encoding.
    """
    if b"\x00" in data:
        raise ParseError(
            "文件是二进制数据，不是文本",
            "the file is binary, not text",
            file=file,
            expected="a UTF-8 or GB18030 text file",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ParseError(
            "无法识别文件编码",
            "cannot decode the file",
            file=file,
            expected="UTF-8 or GB18030/GBK text",
        ) from exc
