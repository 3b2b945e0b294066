"""Fuzzing every reader: only budgetperf errors, bounded time and memory, lossless round trips.

Each input runs in a sandboxed child process (tests/fuzzing.py): an address-space limit of
512 MiB and 10 s per input. The fast profile runs in CI; ``pytest --fuzz`` (or
``BUDGETPERF_FUZZ=long``) runs the long one.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.io import dump
from budgetperf.model.evaluation import Document
from tests.damage import SOURCES
from tests.fuzzing import Sandbox
from tests.strategies import department_evaluations, final_accounts, rich_project_evaluations

LONG = os.environ.get("BUDGETPERF_FUZZ", "") == "long"

fuzz = settings(
    max_examples=2000 if LONG else 25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not LONG,  # CI runs the same examples every time; --fuzz explores
)

READERS = [
    "tests.fuzz_readers:load_any",
    "tests.fuzz_readers:json_lines",
    "tests.fuzz_readers:csv_reader",
    "tests.fuzz_readers:tsv_reader",
    "tests.fuzz_readers:batch",
    "tests.fuzz_readers:pipeline",
    "tests.fuzz_readers:report",
]

HOSTILE_TOKENS = [
    "1E+999999999",
    "1E-999999999",
    "9" * 5000,
    "1" * 30,
    '"1E+999999999"',
    '"' + "9" * 100_000 + '"',
    "[" * 3000,
    "{" * 3000,
    "NaN",
    "-Infinity",
    "\x00",
    "\ufeff",
    "\u202e",
    "1e999999999",
    "合计",
    "评价年度",
    ",,,,,,,",
    "\t\t\t",
    '"',
    "\r\n",
    "=1+1",
    "null",
    "[]",
    "{}",
    "true",
]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as box:
        yield box


def _seeds() -> list[bytes]:
    seeds = [examples.text(name).encode("utf-8") for name in examples.names()]
    for name in examples.names():
        for document in examples.load(name).documents:
            for format in ("csv", "tsv", "jsonl"):
                try:
                    seeds.append(dump(document, format).encode("utf-8"))
                except Exception:
                    continue
    return seeds


SEEDS = _seeds()

documents = st.one_of(rich_project_evaluations(), final_accounts(), department_evaluations())


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with a few edits: the well-formed-but-hostile inputs that matter."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "replace", "delete", "flip", "truncate"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_TOKENS)).encode("utf-8")
        elif action == "replace":
            end = min(len(data), at + draw(st.integers(1, 12)))
            data[at:end] = draw(st.sampled_from(HOSTILE_TOKENS)).encode("utf-8")
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        else:
            del data[at:]
    return bytes(data)


@st.composite
def figure_swapped(draw: st.DrawFn) -> bytes:
    """A real JSON document with one figure string replaced by a hostile one."""
    data = json.loads(draw(st.sampled_from(SEEDS[: len(examples.names())])))
    strings: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and value[:1].isdigit():
                    strings.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    holder, key = draw(st.sampled_from(strings))
    assert isinstance(holder, dict)
    holder[key] = draw(st.sampled_from(HOSTILE_TOKENS))
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@st.composite
def csv_grids(draw: st.DrawFn) -> bytes:
    """CSV built from the 自评表 vocabulary and hostile cells."""
    vocabulary = [
        "项目名称",
        "评价年度",
        "合计",
        "自评等次",
        "资金来源（万元）",
        "执行数",
        "一级指标",
    ]
    vocabulary += ["三级指标", "权重", "得分", "指标值", "完成值", "2023", "10", "≥5次", ""]
    cell = st.sampled_from(vocabulary + HOSTILE_TOKENS[:6] + HOSTILE_TOKENS[13:21])
    rows = draw(st.lists(st.lists(cell, max_size=10), max_size=30))
    return "\n".join(",".join(row) for row in rows).encode(
        draw(st.sampled_from(["utf-8", "gb18030"]))
    )


def _assert_acceptable(sandbox: Sandbox, data: bytes, readers: list[str] = READERS) -> None:
    for reader in readers:
        outcome = sandbox.run(reader, data)
        assert outcome.acceptable, f"{reader} on {data[:120]!r}…: {outcome.kind}\n{outcome.detail}"


@fuzz
@given(mutated())
def test_mutated_files_give_only_budgetperf_errors(sandbox: Sandbox, data: bytes) -> None:
    _assert_acceptable(sandbox, data)


@fuzz
@given(figure_swapped())
def test_hostile_figures_give_only_budgetperf_errors(sandbox: Sandbox, data: bytes) -> None:
    # Valid JSON around the figure: the report reader would only audit it as prose, slowly.
    _assert_acceptable(sandbox, data, [r for r in READERS if not r.endswith(":report")])


@fuzz
@given(st.binary(max_size=2000))
def test_random_bytes_give_only_budgetperf_errors(sandbox: Sandbox, data: bytes) -> None:
    _assert_acceptable(sandbox, data)


@fuzz
@given(csv_grids())
def test_csv_grids_give_only_budgetperf_errors(sandbox: Sandbox, data: bytes) -> None:
    _assert_acceptable(
        sandbox, data, ["tests.fuzz_readers:csv_reader", "tests.fuzz_readers:pipeline"]
    )


@fuzz
@given(documents)
def test_valid_documents_round_trip_losslessly(sandbox: Sandbox, document: Document) -> None:
    data = dump(document).encode("utf-8")
    outcome = sandbox.run("tests.fuzz_readers:round_trip", data)
    assert outcome.kind == "ok", outcome.detail
    _assert_acceptable(sandbox, data, ["tests.fuzz_readers:pipeline"])


def test_the_sandbox_catches_what_it_must(sandbox: Sandbox) -> None:
    # The harness itself: a defect, a memory hog and a hang are each reported, not survived.
    refused = sandbox.run("tests.fuzz_readers:load_any", b"{}")
    assert refused.kind == "budgetperf", refused.detail
    example = sandbox.run("tests.fuzz_readers:load_any", examples.text("ziyang-2022").encode())
    assert example.kind == "ok", example.detail
    assert sandbox.run("json:loads", b"{").kind == "other"
    assert sandbox.run("tests.fuzz_readers:_hog", b"").kind == "other"  # MemoryError at 512 MiB
    quick = Sandbox(seconds=0.5)
    try:
        assert quick.run("tests.fuzz_readers:_hang", b"").kind == "timeout"
    finally:
        quick.close()


def test_a_number_no_decimal_can_hold_is_a_budgetperf_error(sandbox: Sandbox) -> None:
    # Found by the long profile: a JSON number whose exponent has hundreds of digits made
    # json.loads raise decimal.InvalidOperation.
    for text in (b"1E" + b"9" * 300 + b"+1", b"[1E" + b"9" * 150 + b"]", b"1E+" + b"9" * 30):
        for reader in ("tests.fuzz_readers:json_lines", "tests.fuzz_readers:load_any"):
            assert sandbox.run(reader, text).acceptable


@fuzz
@given(st.sampled_from(sorted(SOURCES)), st.integers(0, 2**32 - 1))
def test_damaged_copies_of_the_corpus_give_a_result_or_a_budgetperf_error_and_lose_nothing(
    sandbox: Sandbox, source: str, seed: int
) -> None:
    # The corpus's tables and statements written as web pages, Word files and workbooks with
    # their text damaged, and the committed copies (HTML, XLSX, XLS, PDF) with their bytes
    # damaged (tests/damage.py): audited within the sandbox's bounds, and every marker token
    # read from a cell shown in a document or listed unread.
    for kind, what, data in SOURCES[source](random.Random(seed)):
        outcome = sandbox.run("tests.fuzz_readers:report_kept", data)
        assert outcome.acceptable, f"{kind} {what}: {outcome.kind}\n{outcome.detail}"
