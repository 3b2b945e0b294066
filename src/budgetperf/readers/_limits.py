"""Limits every reader checks before it allocates (读取限制), and the shared refusals."""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from typing import Final, final
from xml.etree import ElementTree
from xml.parsers import expat

import attrs

from budgetperf.errors import ParseError

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "check_size",
    "open_zip",
    "read_member",
    "refuse",
    "safe_xml",
]


@final
@attrs.frozen(slots=True, kw_only=True)
class Limits:
    """Bounds on what a reader accepts (读取限制; all adjustable).

    Attributes:
        max_bytes: largest input file.
        max_unpacked: largest total a ZIP container (DOCX, XLSX) may decompress to.
        max_ratio: largest compression ratio of one ZIP member (zip bombs compress ~1000×).
        max_depth: deepest nesting of tables (HTML, DOCX) and of content controls.
        max_cells: most table cells in one document, merged cells counted at every position
            they cover.
        max_pages: most pages of a PDF.
        max_objects: most text objects (characters) of a PDF.
    """

    max_bytes: int = 50 * 1024 * 1024
    max_unpacked: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_depth: int = 32
    max_cells: int = 1_000_000
    max_pages: int = 2_000
    max_objects: int = 2_000_000


DEFAULT_LIMITS: Final = Limits()


def refuse(file: str | None, zh: str, en: str, expected: str) -> ParseError:
    """The error for input a reader will not read."""
    return ParseError(zh, en, file=file, expected=expected)


def check_size(data: bytes | str, file: str | None, limits: Limits) -> None:
    """Refuse input larger than ``limits.max_bytes``."""
    if len(data) > limits.max_bytes:
        raise refuse(file, "文件过大", "the file is too large", f"at most {limits.max_bytes} bytes")


def open_zip(data: bytes, file: str | None, limits: Limits, kind: str) -> zipfile.ZipFile:
    """A ZIP container checked for paths outside it and for its unpacked size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise refuse(
            file,
            f"不是有效的 {kind}（ZIP）文件",
            f"not a valid {kind}: {exc}",
            f"a .{kind.lower()} file",
        ) from None
    infos = archive.infolist()
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
            archive.close()
            raise refuse(
                file,
                f"{kind} 含有指向包外的路径",
                f"a {kind} member points outside the archive",
                "member names inside the archive",
            )
    if sum(info.file_size for info in infos) > limits.max_unpacked:
        archive.close()
        raise refuse(
            file,
            f"{kind} 解压后过大（疑似压缩炸弹）",
            f"the {kind} unpacks too large (zip bomb?)",
            f"at most {limits.max_unpacked} bytes",
        )
    return archive


def read_member(
    archive: zipfile.ZipFile, name: str, file: str | None, limits: Limits, kind: str
) -> bytes:
    """One member of a ZIP container, refused when damaged, encrypted or a bomb."""
    info = archive.getinfo(name)
    bomb = refuse(
        file,
        f"{kind} 解压后过大（疑似压缩炸弹）",
        f"a {kind} part unpacks too large (zip bomb?)",
        f"at most {limits.max_unpacked} bytes and a compression ratio of at most {limits.max_ratio}",
    )
    if info.file_size > limits.max_unpacked or (
        info.compress_size and info.file_size / info.compress_size > limits.max_ratio
    ):
        raise bomb
    if info.flag_bits & 0x1:
        raise refuse(
            file,
            f"{kind} 已加密，无法读取",
            f"the {kind} is encrypted",
            f"an unencrypted .{kind.lower()}",
        )
    try:
        with archive.open(info) as handle:
            data = handle.read(limits.max_unpacked + 1)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,  # an encrypted member without its flag, or a password needed
        zlib.error,  # a damaged deflate stream
        lzma.LZMAError,
    ) as exc:
        raise refuse(
            file,
            f"{kind} 已损坏或被截断",
            f"the {kind} is damaged or truncated: {exc}",
            f"a complete .{kind.lower()} file",
        ) from None
    if len(data) > limits.max_unpacked:
        raise bomb
    return data


def safe_xml(data: bytes, file: str | None, kind: str) -> ElementTree.Element:
    """Parse XML with no DTD and no entity declarations, whatever its encoding.

    The parser itself refuses them (expat reports a document type or an entity declaration
    before anything is expanded), so a UTF-16 document cannot slip a DTD past a byte search.
    Names come out in ElementTree's ``{namespace}local`` form.
    """
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def no_dtd(*_: object) -> None:
        raise refuse(
            file,
            "XML 含 DTD 或实体声明，拒绝读取",
            "XML with a DTD or entity declarations is refused",
            f"a {kind} without DTDs",
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(_qualified(name), {_qualified(k): v for k, v in attributes.items()})

    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
        return builder.close()
    except ParseError:
        raise
    except (expat.ExpatError, ValueError) as exc:
        raise refuse(
            file, f"{kind} 中的 XML 已损坏", f"broken XML in the {kind}: {exc}", f"a valid {kind}"
        ) from None
    except AssertionError:  # TreeBuilder.close on an unfinished document
        raise refuse(
            file, f"{kind} 中的 XML 不完整", f"incomplete XML in the {kind}", f"a valid {kind}"
        ) from None


def _qualified(name: str) -> str:
    return "{" + name if "}" in name else name
