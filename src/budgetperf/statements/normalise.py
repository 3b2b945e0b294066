"""Normalise a sentence before reading it (语句规范化), keeping the way back to the original.

Published explanations come in several spellings of the same text: traditional characters
(a mirror site's 繁體 page), pinyin annotations after a character ("經(jīng)費"), full-width
digits and punctuation, thousands separators, spaces inside numbers left by PDF extraction,
and ``[bookmark: …]`` markers of a Word conversion. :func:`normalise` folds them into one
spelling and records, for every character it keeps, where it stood in the original, so a
statement's span points into the text exactly as published.

Traditional → simplified is :func:`budgetperf.money.simplified` (OpenCC when the ``zh`` extra is
installed, one character at a time, else a built-in table), the folding the tables' label
matching uses too (:func:`budgetperf.money.plain_script`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Final

import attrs

from budgetperf.money import PINYIN_READING as _PINYIN
from budgetperf.money import plain_script, simplified

__all__ = ["Normalised", "normalise", "plain_script", "simplified"]

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
_BOOKMARK: Final = re.compile(r"\[bookmark: [^\]]*\]")
# A thousands separator: a comma between digit groups of three ("3,859.16", "1，234，567").
_THOUSANDS: Final = re.compile(r"(?<=\d)[,，](?=\d{3}(?:\D|$))")
# A space a PDF conversion left inside one number: before or after its point (4143 .91,
# 4143. 91), before a group of three digits (1 234.56), or between digits printed one by one
# (2 0 2 3). Not between two figures (a table's cells run into prose: 90 89.974 is 90 and
# 89.974, never 9089.974).
_SPACE_IN_NUMBER: Final = re.compile(
    r"(?<=\d)\s+(?=\.\d)"
    r"|(?<=\d\.)\s+(?=\d)"
    r"|(?<=\d)\s+(?=\d{3}(?!\d))"
    r"|(?<=(?<![\d.])\d)\s+(?=\d(?![\d.]))"
)
# A line of prose (it has a clause mark after any ordinal) that a PDF conversion broke before
# the sentence ended: "…占支出总预算\n82.27%，…", "收入包\n括：…". Not a line ending with a
# sentence's or a list's mark, nor one before a blank line or a numbered line.
_LINE_END: Final = frozenset("。！？；：;:!?")
# A sentence's mark inside the line ("…的支出。较上年减少91.91\n万元") makes it prose too.
_CLAUSE_MARK: Final = re.compile(r"[，,；;、。]")
_LINE_ORDINAL: Final = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[⑴-⒇①-⑳])"
)


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
        if char == "\u3000" or (
            char.isspace()
            and char != "\n"
            and not _between_letters(text, i)
            and not _between_figures(text, i)
        ):
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


def _between_figures(text: str, index: int) -> bool:
    """Whether the space at ``index`` parts two figures (90 89.974: a table's cells run into
    prose), a space inside one number being dropped before (``_SPACE_IN_NUMBER``)."""
    before = text[:index].rstrip(" \t")[-1:]
    after = text[index:].lstrip(" \t")[:1]
    return before.isdigit() and after.isdigit()


def _between_letters(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
