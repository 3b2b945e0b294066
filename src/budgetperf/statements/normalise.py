"""Normalise a sentence before reading it (语句规范化), keeping the way back to the original.

Published explanations come in several spellings of the same text: traditional characters
(a mirror site's 繁體 page), pinyin annotations after a character ("經(jīng)費"), full-width
digits and punctuation, thousands separators, spaces inside numbers left by PDF extraction,
and ``[bookmark: …]`` markers of a Word conversion. :func:`normalise` folds them into one
spelling and records, for every character it keeps, where it stood in the original, so a
statement's span points into the text exactly as published.

Traditional → simplified uses OpenCC when the ``zh`` extra is installed, one character at a
time (the conversion must keep lengths for the spans, and budget text needs no phrase
conversion); without the extra a built-in table of the characters of budget text is used.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import Final

import attrs

from budgetperf.statements._hant import SIMPLIFIED, TRADITIONAL

__all__ = ["Normalised", "normalise", "plain_script", "simplified"]

_TABLE: Final = str.maketrans(TRADITIONAL, SIMPLIFIED)

# Punctuation in the one spelling the grammar reads: Chinese full-width clause marks.
_PUNCTUATION: Final = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        # "[其中：…]": a square bracket is a bracket as the round ones are.
        "[": "（",
        "]": "）",
        "!": "！",
        "?": "？",
        "．": ".",
    }
)
_TONES: Final = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin annotation: bracketed latin letters with at least one tone mark ("(jīng)").
_PINYIN: Final = re.compile(
    r"[（(]\s*[a-zA-Zü" + _TONES + r"\s]*[" + _TONES + r"][a-zA-Zü" + _TONES + r"\s]*[)）]"
)
_BOOKMARK: Final = re.compile(r"\[bookmark: [^\]]*\]")
# A thousands separator: a comma between digit groups of three ("3,859.16", "1，234，567").
_THOUSANDS: Final = re.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
_SPACE_IN_NUMBER: Final = re.compile(r"(?<=[\d.])\s+(?=[\d.])")
# A line of prose (it has a clause mark after any ordinal) that a PDF conversion broke before
# the sentence ended: "…占支出总预算\n82.27%，…", "收入包\n括：…". Not a line ending with a
# sentence's or a list's mark, nor one before a blank line or a numbered line.
_LINE_END: Final = frozenset("。！？；：;:!?")
# A sentence's mark inside the line ("…的支出。较上年减少91.91\n万元") makes it prose too.
_CLAUSE_MARK: Final = re.compile(r"[，,；;、。]")
_LINE_ORDINAL: Final = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[⑴-⒇①-⑳])"
)


@functools.cache
def _opencc() -> Callable[[str], str] | None:
    try:
        import opencc  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


@functools.cache
def _character(char: str) -> str:
    convert = _opencc()
    if convert is not None:
        out = convert(char)
        if len(out) == 1:
            return out
    return char.translate(_TABLE)


def simplified(text: str, *, library: bool = True) -> str:
    """``text`` with traditional characters replaced by simplified ones, character by character.

    ``library=False`` uses only the built-in table (what runs without the ``zh`` extra).

    >>> simplified("財政撥款支出較上年減少", library=False)
    '财政拨款支出较上年减少'
    """
    if not library:
        return text.translate(_TABLE)
    return "".join(_character(c) if "\u3400" <= c <= "\u9fff" else c for c in text)


def plain_script(text: str) -> str:
    """``text`` in simplified characters without a mirror's bracketed pinyin readings: how a
    page a mirror site converted to traditional script and annotated (「項(xiàng)目名稱」) is
    compared with the forms' own words. The length may change; for spans use
    :func:`normalise`.

    >>> plain_script("項(xiàng)目資金 (萬元)")
    '项目资金 (万元)'
    """
    return simplified(_PINYIN.sub("", text))


@attrs.frozen(slots=True)
class Normalised:
    """A normalised text and, for each of its characters, its offset in the original.

    Attributes:
        text: the text in the one spelling the grammar reads.
        origins: ``origins[i]`` is the offset in the original of ``text[i]``; one more entry
            at the end gives the original's length.
    """

    text: str
    origins: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of ``text[start:end]``."""
        if end <= start:
            return self.origins[start], self.origins[start]
        return self.origins[start], self.origins[end - 1] + 1


def normalise(text: str) -> Normalised:
    """Fold ``text`` into the grammar's spelling, keeping where each character came from.

    >>> n = normalise("支出 3,859.16 萬元(wàn)，較上年增長１２％")
    >>> n.text
    '支出3859.16万元，较上年增长12%'
    >>> n.span(2, 9)  # "3859.16" in the original
    (3, 11)
    """
    dropped = [False] * len(text)
    for pattern in (_PINYIN, _BOOKMARK, _THOUSANDS, _SPACE_IN_NUMBER):
        for m in pattern.finditer(text):
            for i in range(m.start(), m.end()):
                dropped[i] = True
    for i in _wrapped_lines(text):
        dropped[i] = True
    out: list[str] = []
    origins: list[int] = []
    for i, char in enumerate(text):
        if dropped[i]:
            continue
        folded = unicodedata.normalize("NFKC", char) if ord(char) >= 0xFF00 else char
        if char == "\u3000" or (char.isspace() and char != "\n" and not _between_letters(text, i)):
            continue  # spaces in Chinese text are layout, not content
        if len(folded) != 1:
            folded = char
        folded = simplified(folded.translate(_PUNCTUATION))
        out.append(folded)
        origins.append(i)
    origins.append(len(text))
    return Normalised("".join(out), tuple(origins))


def wraps(line: str, following: str) -> bool:
    """Whether the break between ``line`` and the ``following`` one falls inside a sentence
    (a PDF conversion broke a line of prose: see ``_LINE_END``).

    >>> wraps("…的支出。较上年减少91.91", "万元，下降16.4%。"), wraps("一、概况", "（一）职能")
    (True, False)
    """
    kept = line.rstrip(" \t\u3000")
    if not kept or kept[-1] in _LINE_END or not following.strip():
        return False
    return not _LINE_ORDINAL.match(following) and bool(
        _CLAUSE_MARK.search(_LINE_ORDINAL.sub("", kept))
    )


def _wrapped_lines(text: str) -> list[int]:
    """The offsets of the line breaks that fall inside a sentence (see :func:`wraps`)."""
    out = []
    start = 0
    lines = text.split("\n")
    for line, following in itertools.pairwise(lines):
        end = start + len(line)
        start = end + 1
        if wraps(line, following):
            out.append(end)
    return out


def _between_letters(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
