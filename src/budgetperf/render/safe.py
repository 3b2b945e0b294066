"""Text made safe for the formats budgetperf renders (Markdown, HTML, SVG).

Labels come from the documents, that is from outside: a project name may hold a control
character, a ``|``, raw HTML or a bidirectional override that would reorder what a reader
sees. Every renderer passes its text through here::

    >>> markdown_cell("a|b\\n<script>")
    'a\\\\|b &lt;script&gt;'
    >>> xml_text("科普\\x00经费\\u202e01")
    '科普经费01'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["clean_text", "markdown_cell", "xml_text"]

_BIDI_CONTROLS: Final = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Characters XML 1.0 does not allow (C0 controls but tab/newline/return, the non-characters
# U+FFFE/U+FFFF, lone surrogates), C1 controls, and the bidirectional controls: none of them
# is content a label needs.
_UNSAFE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff" + _BIDI_CONTROLS + "]"
)
_LINE_BREAKS: Final = re.compile(r"\r\n|[\r\n\u2028\u2029\x85\v\f]")


def clean_text(text: str) -> str:
    """``text`` without control characters and bidirectional overrides (line breaks kept)."""
    return _UNSAFE.sub("", text)


def _escape(text: str, quote: bool = True) -> str:
    # html, imported when first needed: it loads the table of every HTML5 entity (about
    # 5 ms), which a command that renders nothing (a batch) should not pay for.
    import html

    return html.escape(text, quote=quote)


def xml_text(text: str) -> str:
    """``text`` escaped for XML or HTML content and attributes; always well-formed."""
    return _escape(clean_text(text))


def markdown_cell(text: str) -> str:
    """``text`` as one GitHub-flavoured Markdown table cell.

    Raw HTML is escaped, a ``|`` cannot end the cell (nor a backslash before it), and line
    breaks become spaces so the row stays one line; an empty cell is a space.
    """
    one_line = _LINE_BREAKS.sub(" ", text)
    escaped = _escape(clean_text(one_line), quote=False)
    return escaped.replace("\\", "\\\\").replace("|", "\\|").strip() or " "
