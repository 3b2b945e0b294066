"""Reader entry points the fuzz suite runs in its sandbox (``tests.fuzz_readers:name``).

Each takes the raw input bytes. A reader may return or raise a budgetperf error; anything
else is a defect. The ``round_trip_*`` entry points take valid input and raise
``AssertionError`` when writing and reading it back loses anything.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from budgetperf import check
from budgetperf.bulk import _evaluate_chunk, evaluate_lines
from budgetperf.io import csv as sheet
from budgetperf.io import dump, load, load_text
from budgetperf.io.json import load_lines
from budgetperf.io.text import decode
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, ProjectEvaluation
from budgetperf.render.svg import final_accounts_charts, score_chart
from budgetperf.render.tables import document_markdown
from budgetperf.scoring import score


def load_any(data: bytes) -> object:
    """Any supported format, as ``budgetperf check FILE`` reads it."""
    return load(io.BytesIO(data))


def json_lines(data: bytes) -> int:
    """JSON Lines, document by document."""
    return sum(1 for _ in load_lines(decode(data).splitlines()))


def csv_reader(data: bytes) -> object:
    """A 自评表 CSV."""
    return sheet.loads(decode(data), delimiter=",")


def tsv_reader(data: bytes) -> object:
    """A 自评表 TSV."""
    return sheet.loads(decode(data), delimiter="\t")


def batch(data: bytes) -> int:
    """``budgetperf batch``: must not raise at all, and gives one outcome per line."""
    lines = data.splitlines()
    outcomes = list(evaluate_lines(lines))
    assert len(outcomes) == sum(1 for line in lines if line.strip())
    return len(outcomes)


def pipeline(data: bytes) -> int:
    """Read, then check, score and render what was read (where hostile figures crashed)."""
    document = load(io.BytesIO(data))
    findings = check(document)
    documents = document.documents if isinstance(document, Batch) else (document,)
    for item in documents:
        if isinstance(item, ProjectEvaluation | DepartmentEvaluation):
            score_chart(score(item))
        else:
            final_accounts_charts(item)
    document_markdown(document)
    return len(findings)


def round_trip(data: bytes) -> str:
    """Valid input: every format budgetperf writes for it reads back equal."""
    document = load(io.BytesIO(data))
    formats = ["json", "jsonl"]
    single = (
        document.documents[0]
        if isinstance(document, Batch) and len(document.documents) == 1
        else document
    )
    if isinstance(single, ProjectEvaluation) and not (
        single.level_funding or single.economic_lines
    ):
        formats += ["csv", "tsv"]
    for format in formats:
        back = load_text(dump(document, format))
        if format != "json" and isinstance(document, Batch) and isinstance(back, Batch):
            back = Batch(name=document.name, documents=back.documents)
        expected = single if format in ("csv", "tsv") else document
        if format == "jsonl" and not isinstance(document, Batch) and isinstance(back, Batch):
            (back,) = back.documents
        assert back == expected, format
    return ",".join(formats)


def _hog(data: bytes) -> int:
    """For the harness's own test: allocates far past the sandbox's memory limit."""
    return len(bytearray(2 * 1024**3)) + len(data)


def _hang(data: bytes) -> int:
    """For the harness's own test: never returns."""
    import time

    while True:
        time.sleep(1)


def dying_chunk(chunk: list[tuple[int, str, Any]], *work: Any) -> list[Any]:
    """For the batch tests: a worker that dies on a marked line, as a killed one would."""
    if any("KILL-THE-WORKER" in line for _, line, _ in chunk):
        os._exit(9)
    return _evaluate_chunk(chunk, *work)


def report(data: bytes) -> int:
    """A published report (HTML, DOCX, XLSX, PDF or text), as ``budgetperf audit`` reads it."""
    from budgetperf import readers
    from budgetperf.audit import audit_blocks

    result = audit_blocks(readers.read_bytes(data, file="fuzz"), file="fuzz")
    return len(result.batch.documents)


def report_kept(data: bytes) -> int:
    """:func:`report`, and nothing lost: every marker token (tests/damage.py) a reader found
    in a table's cell is in a document, a finding or what the audit lists unread — its text,
    or, where the listing shortened a long quote, the row or table it was in; or a table,
    form or column listed whole. (A row of one cell — a title, a lone heading — is not held
    to it: it tells the form and is not kept; nor is prose: a sentence that states no
    figure is no statement and need not be listed.)"""
    from budgetperf import readers
    from budgetperf.audit import audit_blocks
    from budgetperf.grid import Grid
    from tests.damage import MARKERS

    blocks = readers.read_bytes(data, file="fuzz")
    result = audit_blocks(blocks, file="fuzz")
    shown = dump(result.batch) + repr(result.findings) + repr(result.unparsed)
    # A long quote is cut in the middle (budgetperf.errors.shorten): its head names the row.
    heads = [u.text.split("…(", 1)[0] for u in result.unparsed if "chars)…" in u.text]
    # A table, a form or a column listed whole (表 N, 表 N 第 M 行 第 C 列) holds its cells.
    listed = [(u.kind, [int(n) for n in re.findall(r"\d+", u.location)]) for u in result.unparsed]
    tables = [block for block in blocks if isinstance(block, Grid)]
    lost = set()
    for table in tables:
        whole = " | ".join(text for row in table.rows for text in row if text)
        k = table.index + 1
        if any(kind == "table" and at[:1] == [k] for kind, at in listed):
            continue
        columns = {at[2] - 1 for kind, at in listed if kind == "column" and at[:1] == [k]}
        for row in table.rows:
            line = " | ".join(text for text in row if text)
            if len([text for text in row if text.strip()]) < 2:
                continue  # a title or a lone heading: used to tell the form, not kept
            if any(
                marker in text for c, text in enumerate(row) if c in columns for marker in MARKERS
            ):
                continue
            for marker in MARKERS:
                quoted = any(
                    head and any(x.startswith(head) for x in (line, whole, *row)) for head in heads
                )
                if any(marker in text for text in row) and marker not in shown and not quoted:
                    lost.add(f"{marker[:12]} in {line[:60]}")
    assert not lost, f"read but neither in a document nor unparsed: {sorted(lost)}"
    return len(result.batch.documents)
