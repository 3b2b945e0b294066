"""Reading speed of every format, and of refusing hostile files, against baselines.

    pip install 'budgetperf[excel,pdf]'
    python benchmarks/bench_readers.py [--rows 20000] [--repeat 5]

(a) the committed 自评表 fixture in each format (HTML, DOCX, XLSX, PDF), median of repeated
    reads;
(b) a generated workbook of ``--rows`` rows × 8 numeric columns under ``#,##0.00``, read by
    :func:`budgetperf.readers.read_xlsx` against openpyxl's own read-only load of the same
    bytes (which gives floats, not the displayed text) as the baseline;
(c) how long the hostile PDFs of the tests take to be refused;
(d) ``--paragraphs`` paragraphs of plain prose (a report's narrative, no table) read as a
    text file, against splitting the same text into stripped lines as the baseline: the
    text reader looks at every line for the print shapes of a table.

Nothing here asserts a time: the output is a report.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budgetperf.errors import ParseError  # noqa: E402
from budgetperf.readers import read_bytes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "formats"


def _median(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _workbook(rows: int) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for r in range(1, rows + 1):
        for c in range(1, 9):
            cell = sheet.cell(row=r, column=c, value=r * 10.25 + c)
            cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _refusal(data: bytes) -> float:
    started = time.perf_counter()
    try:
        read_bytes(data)
    except ParseError:
        return time.perf_counter() - started
    raise SystemExit("a hostile file was not refused")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=3000)
    args = parser.parse_args()

    print("(a) the 自评表 fixture")
    for kind in ("html", "docx", "xlsx", "pdf"):
        data = (FIXTURES / f"self_evaluation.{kind}").read_bytes()
        seconds = _median(lambda data=data: read_bytes(data), args.repeat)
        print(f"    {kind:5} {len(data):>8} bytes  {seconds * 1000:8.1f} ms")

    import openpyxl

    data = _workbook(args.rows)
    ours = _median(lambda: read_bytes(data), args.repeat)
    baseline = _median(
        lambda: list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).active.values),
        args.repeat,
    )
    cells = args.rows * 8
    print(f"(b) workbook of {cells} numeric cells ({len(data)} bytes)")
    print(f"    openpyxl read-only (floats)   {baseline:7.2f} s")
    print(f"    read_xlsx (displayed text)    {ours:7.2f} s  ({ours / baseline:.2f}× baseline)")

    from tests.test_readers import _flate_bomb, _form_bomb, _text_bomb

    print("(c) hostile PDFs refused")
    for name, make in (
        ("text bomb", _text_bomb),
        ("form bomb", _form_bomb),
        ("flate bomb", _flate_bomb),
    ):
        print(f"    {name:10} {_refusal(make()):6.2f} s")

    prose = _prose(args.paragraphs)
    text = _median(lambda: read_bytes(prose, file="narrative.txt"), args.repeat)
    lines = _median(
        lambda: [line.strip() for line in prose.decode("utf-8").splitlines()], args.repeat
    )
    print(f"(d) {args.paragraphs} paragraphs of prose ({len(prose)} bytes)")
    print(f"    split into stripped lines     {lines * 1000:7.2f} ms")
    print(
        f"    text reader                   {text * 1000:7.2f} ms  ({text / lines:.0f}× baseline)"
    )


def _prose(paragraphs: int) -> bytes:
    """Narrative paragraphs as a 部门决算 or 自评报告 prints them (figures, no table)."""
    sentences = (
        "2023年，我单位认真贯彻落实预算绩效管理要求，全年收入合计{n}.25万元，"
        "较上年增加{m}.10万元，主要原因是项目资金增加。",
        "本年度项目资金主要用于日常运转和专项工作，支出进度符合序时要求，"
        "资金使用规范，未发现截留、挤占、挪用等情况。",
        "下一步，我们将进一步加强预算执行管理，提高资金使用效益，做好绩效自评结果应用。",
    )
    return "\n".join(
        sentences[i % 3].format(n=100 + i, m=i % 97) for i in range(paragraphs)
    ).encode("utf-8")


if __name__ == "__main__":
    main()
