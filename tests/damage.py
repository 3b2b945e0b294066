"""Damaged copies of the real corpus, for every report reader (web page, Word, workbook, PDF).

A variant is made in one of two ways, both from real content:

* the text is damaged before it is written: a corpus table (its hand reading, as
  tests/test_corpus_copies.py writes it) or a statements entry (its blocks, as
  tests/statement_copies.py writes them) with a cell's or paragraph's text cut, a hostile
  token inserted or put in a cell's place, a row dropped or doubled, two characters swapped —
  then written as HTML, DOCX or XLSX;
* the bytes of a copy are damaged: a committed copy (tests/corpus/*/copies: HTML, XLSX, XLS,
  PDF) or one made on the fly, truncated, a byte flipped, or — inside a zip package — a
  byte of its XML flipped or the XML cut, the package written again.

Each variant is audited by ``tests.fuzz_readers:report_kept`` in the sandbox
(tests/fuzzing.py): a result or a budgetperf error only, within the time limit, and every
marker token a reader found in a cell or paragraph shows up in a document, a finding or
``unparsed``. ``python -m tests.damage SEED [COUNT]`` probes from the repository root.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from budgetperf.grid import Grid
from tests.corpus_tables import CORPUS as TABLES
from tests.corpus_tables import copy_rows
from tests.grid_writers import Spec, to_docx, to_html, to_xlsx
from tests.statement_copies import COPIES as STATEMENT_COPIES
from tests.statement_copies import blocks_of, to_page, to_word
from tests.statement_corpus import entries
from tests.test_corpus_copies import WHOLE_COPIES

# Tokens that must never be lost: a reader that finds one in a cell or a paragraph must show
# it in a document, a finding or ``unparsed``.
MARKERS = ("#DIV/0!", "∞", "9" * 400 + ".5万元")

TOKENS = (
    *MARKERS,
    "|",
    "\t",
    "—",
    "%",
    "9" * 40,
    "．",
    "万元",
    "1e999",
    "-0",
    "（",
    "：",
    "其中:",
    "合计",
    "\n",
    "0.000000000001",
    "１２３",
    "亿元",
    "得分",
    "分值",
    "100%",
    "NaN",
    "−",
    "一级指标",
    "二级指标",
    "三级指标",
    "<",
    "&amp;",
)

Variant = tuple[str, str, bytes]  # (reader kind, description, bytes)


def _damage_text(rng: random.Random, text: str) -> str:
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(text) + 1)
        action = rng.choice(["insert", "insert", "cut", "swap", "replace"])
        if action == "insert":
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif action == "cut":
            text = text[:at]
        elif action == "swap" and at + 1 < len(text):
            text = text[:at] + text[at + 1] + text[at] + text[at + 2 :]
        else:
            text = rng.choice(TOKENS)
    return text  # no NUL: neither XML nor a workbook can hold one (byte damage makes it)


def _damage_rows(rng: random.Random, rows: list[list[Spec]]) -> list[list[Spec]]:
    rows = [list(row) for row in rows]
    for _ in range(rng.randrange(1, 4)):
        if not rows:
            break
        r = rng.randrange(len(rows))
        action = rng.choice(["cell", "cell", "cell", "drop", "double"])
        if action == "drop":
            del rows[r]
        elif action == "double":
            rows.insert(r, list(rows[r]))
        elif rows[r]:
            c = rng.randrange(len(rows[r]))
            rows[r][c] = rows[r][c]._replace(text=_damage_text(rng, rows[r][c].text))
    return rows


def _zip_damage(rng: random.Random, data: bytes) -> bytes:
    """A package whose one XML part has a byte flipped, is cut, or a text replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = [
        n
        for n in parts
        if n.endswith(".xml") and ("sheet" in n or "document" in n or "shared" in n)
    ]
    name = rng.choice(xml or list(parts))
    body = bytearray(parts[name])
    action = rng.choice(["flip", "cut", "text"])
    at = rng.randrange(len(body) + 1)
    if action == "flip" and at < len(body):
        body[at] ^= 1 << rng.randrange(8)
    elif action == "cut":
        del body[at:]
    else:
        # A text node's content replaced by a hostile token (escaped as XML wants it).
        start = body.find(b">", at)
        end = body.find(b"<", start + 1) if start >= 0 else -1
        if 0 <= start < end:
            token = rng.choice(TOKENS).replace("&", "&amp;").replace("<", "&lt;")
            body[start + 1 : end] = token.replace("\x00", "").encode()
    parts[name] = bytes(body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return out.getvalue()


def _byte_damage(rng: random.Random, data: bytes, kind: str) -> tuple[str, bytes]:
    if kind in ("docx", "xlsx") and rng.random() < 0.6:
        return "xml", _zip_damage(rng, data)
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        return f"cut@{at}", data[:at]
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(flipped))
        flipped[i] ^= 1 << rng.randrange(8)
    return "flip", bytes(flipped)


def _write(kind: str, table: list[list[Spec]]) -> bytes:
    if kind == "html":
        return to_html(table).encode("utf-8")
    if kind == "docx":
        return to_docx(table)
    return to_xlsx(table)


def table_variants(rng: random.Random) -> Iterator[Variant]:
    """Corpus tables, damaged as text and written, or written and damaged as bytes."""
    name = rng.choice(WHOLE_COPIES)
    rows = [[Spec(text, rowspan) for text, rowspan in row] for row in copy_rows(name)]
    kind = rng.choice(["html", "docx", "xlsx"])
    yield kind, f"{name} text", _write(kind, _damage_rows(rng, rows))
    how, data = _byte_damage(rng, _write(kind, rows), kind)
    yield kind, f"{name} {how}", data


def copy_variants(rng: random.Random) -> Iterator[Variant]:
    """The committed copies (workbooks, web pages, PDFs), their bytes damaged."""
    files = sorted((TABLES / "copies").iterdir()) + sorted(STATEMENT_COPIES.iterdir())
    path = rng.choice(files)
    kind = path.suffix[1:]
    how, data = _byte_damage(rng, path.read_bytes(), kind)
    yield kind, f"{path.name} {how}", data


_ENTRIES = list(entries())


def statement_variants(rng: random.Random) -> Iterator[Variant]:
    """Statements entries, a paragraph or table cell damaged, as a web page or Word file."""
    from budgetperf.grid import Paragraph

    entry = rng.choice(_ENTRIES)
    blocks = list(blocks_of(entry))
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(blocks))
        block = blocks[i]
        if isinstance(block, Grid):
            continue
        action = rng.choice(["text", "text", "drop", "double"])
        if action == "drop" and len(blocks) > 1:
            del blocks[i]
        elif action == "double":
            blocks.insert(i, block)
        else:
            blocks[i] = Paragraph(
                text=_damage_text(rng, block.text).replace("\x00", ""), location=block.location
            )
    kind = rng.choice(["html", "docx"])
    data = to_page(blocks).encode() if kind == "html" else to_word(blocks)
    yield kind, f"{entry.name} text", data
    if kind == "docx":
        yield kind, f"{entry.name} xml", _zip_damage(rng, to_word(blocks_of(entry)))


SOURCES: dict[str, Callable[[random.Random], Iterator[Variant]]] = {
    "tables": table_variants,
    "copies": copy_variants,
    "statements": statement_variants,
}


def variants(seed: int, count: int) -> Iterator[Variant]:
    rng = random.Random(seed)
    for n in range(count):
        source = list(SOURCES)[n % len(SOURCES)]
        yield from SOURCES[source](rng)


def main() -> None:
    from tests.fuzzing import Sandbox

    seed = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    runs: Counter[str] = Counter()
    bad: dict[str, tuple[str, str]] = {}
    with Sandbox() as sandbox:
        for kind, what, data in variants(seed, count):
            runs[kind] += 1
            t0 = time.monotonic()
            outcome = sandbox.run("tests.fuzz_readers:report_kept", data)
            took = time.monotonic() - t0
            if not outcome.acceptable or took > 5:
                key = outcome.detail.strip().splitlines()[-1][:160] if outcome.detail else ""
                print("BAD", kind, what, outcome.kind, f"{took:.1f}s", key, flush=True)
                if key not in bad:
                    Path(
                        os.environ.get("DAMAGE_OUT", "/tmp"), f"{seed}-{len(bad)}.{kind}"
                    ).write_bytes(data)
                    bad[key] = (what, outcome.detail)
    print("runs", dict(runs))
    for what, detail in bad.values():
        print("=" * 20, what, "\n", detail[-1500:])


if __name__ == "__main__":
    main()
