"""Hostile input one level below the envelope: extreme figures, floats, broken lines.

Each test reproduces a failure seen on real or crafted input and pins the refusal: a
budgetperf error naming the field, never a traceback, a hang or a silently changed number.
"""

from __future__ import annotations

import copy
import csv
import decimal
import io
import json
import pickle
import re
import shlex
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import bulk, cli, errors, examples
from budgetperf.checks.interval import Interval
from budgetperf.errors import (
    BudgetPerfError,
    FigureRangeError,
    FloatNotAllowedError,
    ParseError,
    SchemaError,
    UnknownCodeError,
)
from budgetperf.io import dump, load_text
from budgetperf.io.cells import parse_number, parse_percent
from budgetperf.io.csv import escape_cell, unescape_cell
from budgetperf.io.json import to_envelope
from budgetperf.io.records import figures, record_tables
from budgetperf.model.evaluation import Dimension, FinalAccounts, ProjectEvaluation
from budgetperf.model.narrative import ChartSeries
from budgetperf.money import (
    MAX_EXPONENT,
    MAX_SIGNIFICANT_DIGITS,
    Amount,
    Rounding,
    check_figure,
    exact,
    to_decimal,
)
from budgetperf.rates import Change, Direction, Rate
from budgetperf.render.safe import markdown_cell, xml_text
from budgetperf.render.svg import final_accounts_charts, score_chart, stack
from budgetperf.render.tables import document_html, document_markdown
from budgetperf.render.text import score_sheet_text
from budgetperf.scoring import department as department_scoring
from budgetperf.scoring import score
from budgetperf.scoring.rules import get_rules
from tests import fuzz_readers

FLOAT: Any = 1.5  # typed Any: these tests pass what the types forbid
HOSTILE_FIGURES = ["1E+999999999", "1E-999999999", "1" * 30, "9" * 100_000]


def _ziyang() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text("ziyang-2022"))
    return data


def _first_project() -> ProjectEvaluation:
    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    return document


# -- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_FIGURES)
def test_every_figure_reader_refuses_a_figure_no_budget_holds(text: str) -> None:
    for read in (
        lambda: to_decimal(text, field="executed"),
        lambda: Amount.parse(text, unit="万元"),
        lambda: parse_number(text, field="权重"),
        lambda: parse_percent(text + "%", field="rate"),
    ):
        with pytest.raises(FigureRangeError) as caught:
            read()
        assert len(str(caught.value)) < 600  # a 100,000-digit figure is quoted, not copied


@pytest.mark.parametrize("text", HOSTILE_FIGURES)
def test_json_figure_out_of_range_names_its_path(text: str) -> None:
    data = _ziyang()
    data["documents"][0]["document"]["budget"]["rows"][0]["executed"]["value"] = text
    with pytest.raises(SchemaError) as caught:
        load_text(json.dumps(data, ensure_ascii=False))
    assert caught.value.field == "$.documents[0].document.budget.rows[0].executed.value"
    assert "数值超出允许范围" in str(caught.value)


def test_json_number_out_of_range_is_refused_too() -> None:
    data = _ziyang()
    text = json.dumps(data, ensure_ascii=False).replace(
        '"weight": "10"', '"weight": 1E+999999999', 1
    )
    with pytest.raises(SchemaError, match="数值超出允许范围"):
        load_text(text)


def test_json_integer_with_5000_digits_is_a_schema_error() -> None:
    # json.loads raises a bare ValueError past 4300 digits.
    text = examples.text("ziyang-2022").replace('"year": 2022', '"year": ' + "9" * 5000, 1)
    with pytest.raises(SchemaError):
        load_text(text)


def test_csv_year_of_a_billion_digits_is_refused_at_once() -> None:
    with pytest.raises(ParseError) as caught:
        load_text("项目名称,某项目\n评价年度,1e999999999\n")
    assert caught.value.field == "评价年度"


def test_bounds_are_inclusive_at_the_documented_limits() -> None:
    largest = Decimal("9" * (MAX_EXPONENT + 1) + "." + "9" * (MAX_SIGNIFICANT_DIGITS - 21))
    assert check_figure(largest) == largest
    assert to_decimal(f"9.{'9' * (MAX_SIGNIFICANT_DIGITS - 1)}E+{MAX_EXPONENT}")
    assert to_decimal(f"1E-{MAX_EXPONENT}") == Decimal("1E-20")
    for outside in ("0." + "1" * (MAX_SIGNIFICANT_DIGITS + 1), f"1E+{MAX_EXPONENT + 1}", "1E-21"):
        with pytest.raises(FigureRangeError):
            to_decimal(outside)
    with pytest.raises(FigureRangeError):
        to_decimal(10 ** (MAX_EXPONENT + 1))


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**17), max_value=10**17
    )
)
def test_every_budget_sized_figure_is_accepted_exactly(value: Decimal) -> None:
    assert to_decimal(str(value)) == value
    assert Amount.parse(str(value), unit="元").value == value


def test_arithmetic_ignores_the_host_context() -> None:
    # A host application with 3-digit precision must not change a budget sum.
    with decimal.localcontext(decimal.Context(prec=3)):
        total = Amount.parse("468.99万元") + Amount.parse("405.06万元")
        assert total == Amount.parse("874.05万元")
        assert Rounding(2).apply(Decimal("123456.785")) == Decimal("123456.79")
        sheet = score(_first_project())
    assert sheet.total == score(_first_project()).total == Decimal("106.51")


def test_a_result_that_is_not_finite_is_an_error() -> None:
    @exact
    def explode() -> Decimal:
        return Decimal("9E+900") * Decimal("9E+900")

    with pytest.raises(FigureRangeError, match="计算结果超出数值范围"):
        explode()


# -- floats ---------------------------------------------------------------------------------


def test_a_float_anywhere_on_the_money_path_is_a_budgetperf_error() -> None:
    amount = Amount.parse("1.00元")
    with pytest.raises(FloatNotAllowedError):
        amount.quantize(FLOAT)
    with pytest.raises(FloatNotAllowedError):
        _ = amount < FLOAT
    with pytest.raises(FloatNotAllowedError):
        _ = amount >= FLOAT
    with pytest.raises(ParseError):
        Rounding(10**6)
    with pytest.raises(ParseError):
        Rounding(2, "ROUND_SOMETIMES")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Rate(FLOAT),
        lambda: Rate(Decimal("0.5"), numerator=FLOAT),
        lambda: Rate(Decimal("0.5"), denominator=FLOAT),
        lambda: Change(FLOAT, Decimal(1), Decimal(0), Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Change(Decimal(1), FLOAT, Decimal(0), Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Change(Decimal(1), Decimal(1), FLOAT, Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Interval(FLOAT, Decimal(1)),
        lambda: Interval(Decimal(0), FLOAT),
        lambda: ChartSeries(name="a", values=(Decimal(1), FLOAT)),
        lambda: Dimension(name="a", weight=Decimal(1), inputs=(("x", FLOAT),)),
    ],
)
def test_a_float_field_is_refused_at_construction(build: Any) -> None:
    with pytest.raises(BudgetPerfError):
        build()


# -- errors pickle --------------------------------------------------------------------------


def _all_error_classes() -> list[type[BudgetPerfError]]:
    """Every budgetperf error class, wherever it is defined."""
    import budgetperf.frames  # noqa: F401  # defines errors of its own

    found = [BudgetPerfError]
    for item in found:
        found += [c for c in item.__subclasses__() if c not in found]
    return found


def test_every_error_class_is_found() -> None:
    names = {c.__name__ for c in _all_error_classes()}
    assert set(errors.__all__) - {"shorten"} <= names
    assert {"FigureRangeError", "FrameError", "ExtraMissingError"} <= names


@pytest.mark.parametrize("cls", [c for c in _all_error_classes() if c is not UnknownCodeError])
def test_every_error_survives_pickling(cls: type[BudgetPerfError]) -> None:
    error = cls("甲", "a", file="f.csv", row=101, field="权重", value="x", expected="y")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert (back.zh, back.en, back.file, back.row, back.field, back.value) == (
        "甲",
        "a",
        "f.csv",
        101,
        "权重",
        "x",
    )
    assert str(back) == str(error)


def test_unknown_code_error_survives_pickling() -> None:
    error = UnknownCodeError("2060709", 2023, suggestions=("2060702",))
    back = pickle.loads(pickle.dumps(error))
    assert (back.code, back.year, back.suggestions, str(back)) == (
        "2060709",
        2023,
        ("2060702",),
        str(error),
    )


def test_repro_from_the_issue() -> None:
    back = pickle.loads(pickle.dumps(ParseError("a", "b")))
    assert isinstance(back, ParseError) and back.zh == "a"


# -- helpers shared by the batch tests -------------------------------------------------------


def envelope_lines(count: int) -> list[str]:
    """``count`` JSON Lines documents from the bundled examples (project evaluations)."""
    docs = [
        d for d in examples.load("liangshan-2023").documents if isinstance(d, ProjectEvaluation)
    ]
    lines = []
    for i in range(count):
        doc = docs[i % len(docs)]
        lines.append(json.dumps(to_envelope(doc), ensure_ascii=False))
    return lines


def broken_copy(line: str) -> str:
    """A well-formed line that fails while scoring: a hostile figure deep inside."""
    data = json.loads(line)
    bad = copy.deepcopy(data)
    bad["document"]["indicators"][0]["weight"] = "1E+999999999"
    return json.dumps(bad, ensure_ascii=False)


def test_round_trip_keeps_every_figure_within_bounds() -> None:
    doc = examples.load("ziyang-2022").documents[0]
    assert load_text(dump(doc)) == doc
    assert attrs.has(type(doc))


# -- batches --------------------------------------------------------------------------------


def test_a_line_that_fails_while_scoring_gets_its_own_outcome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = envelope_lines(5)
    real_score = score

    def failing(document: Any, rules: Any = None) -> Any:
        if document == load_text(lines[2]):
            raise ParseError("评分失败", "scoring failed", field="budget")
        return real_score(document, rules)

    monkeypatch.setattr(bulk, "score", failing)
    # The screen decides a clean line without the model: the failure is the model path's.
    monkeypatch.setattr(bulk, "screen_text", lambda *_: None)
    outcomes = list(bulk.evaluate_lines(lines))
    assert [(o.line, bool(o.error)) for o in outcomes] == [
        (1, False),
        (2, False),
        (3, True),
        (4, False),
        (5, False),
    ]
    assert "scoring failed" in outcomes[2].error and "row 3" in outcomes[2].error


def test_an_internal_defect_is_isolated_to_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise KeyError("oops")

    monkeypatch.setattr(bulk, "check_project", broken)
    monkeypatch.setattr(bulk, "screen_text", lambda *_: None)  # as above: the model path
    outcomes = list(bulk.evaluate_lines(envelope_lines(2)))
    assert [o.line for o in outcomes] == [1, 2]
    assert all("internal error KeyError" in o.error for o in outcomes)


def test_two_jobs_keep_every_line_and_its_number() -> None:
    lines = envelope_lines(100)
    lines[69] = broken_copy(lines[69])
    lines[80] = "{broken"
    outcomes = list(bulk.evaluate_lines(lines, jobs=2, chunksize=8, min_lines_for_workers=0))
    assert [o.line for o in outcomes] == list(range(1, 101))
    assert [o.line for o in outcomes if o.error] == [70, 81]
    assert "row 70" in outcomes[69].error and "数值超出允许范围" in outcomes[69].error
    single = [bulk.outcome_json(o) for o in bulk.evaluate_lines(lines)]
    assert [bulk.outcome_json(o) for o in outcomes] == single


def test_a_dead_worker_costs_its_line_not_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = envelope_lines(12)
    lines[5] = lines[5].replace('"name": "', '"name": "KILL-THE-WORKER', 1)
    monkeypatch.setattr(bulk, "_evaluate_chunk", fuzz_readers.dying_chunk)
    outcomes = list(bulk.evaluate_lines(lines, jobs=2, chunksize=3, min_lines_for_workers=0))
    assert [o.line for o in outcomes] == list(range(1, 13))
    assert [o.line for o in outcomes if o.error] == [6]
    assert "worker process" in outcomes[5].error


def test_batch_on_dask_keeps_every_line(tmp_path: Path) -> None:
    db = pytest.importorskip("dask.bag")
    lines = envelope_lines(30)
    lines[7] = broken_copy(lines[7])
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = (
        db.read_text(str(source), blocksize=None)
        .filter(str.strip)
        .map(_outcome_line)
        .compute(scheduler="processes", num_workers=2)
    )
    outcomes = [json.loads(r) for r in results]
    assert len(outcomes) == 30
    assert [i for i, o in enumerate(outcomes) if o["error"]] == [7]
    assert "数值超出允许范围" in outcomes[7]["error"]


def _outcome_line(line: str) -> str:
    """What a distributed engine maps over the lines: one JSON line per document."""
    return bulk.outcome_json(next(iter(bulk.evaluate_lines([line]))))


def test_batch_on_pyspark_keeps_every_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # PySpark (about 500 MB with its JVM jars) is in no extra: this runs where it is installed.
    sql = pytest.importorskip("pyspark.sql")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    lines = envelope_lines(30)
    lines[7] = broken_copy(lines[7])
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spark = sql.SparkSession.builder.master("local[2]").appName("budgetperf-test").getOrCreate()
    try:
        rdd = spark.sparkContext.textFile(str(source), minPartitions=3)
        results = rdd.filter(str.strip).map(_outcome_line).collect()
    finally:
        spark.stop()
    outcomes = [json.loads(r) for r in results]
    assert len(outcomes) == 30
    assert [i for i, o in enumerate(outcomes) if o["error"]] == [7]
    assert "数值超出允许范围" in outcomes[7]["error"]


def test_error_and_outcome_cross_process_boundaries_by_pickle() -> None:
    (outcome,) = bulk.evaluate_lines([broken_copy(envelope_lines(1)[0])])
    assert pickle.loads(pickle.dumps(outcome)) == outcome


# -- the command line: I/O failures ---------------------------------------------------------


def _cli(
    *args: str, stdin: bytes | None = b"", **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "budgetperf", *args],
        input=stdin,
        timeout=60,
        check=False,
        **kwargs,
    )


def _one_message(stderr: bytes) -> None:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) == 1, text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["example", "ziyang-2022", "-o", "/dev/full"],
        ["convert", "-", "--to", "jsonl", "-o", "/dev/full"],
        ["batch", "-", "-o", "/dev/full"],
        ["generate", "20", "-o", "/dev/full"],
        ["render", "--format", "md", "-o", "/dev/full"],
    ],
)
def test_full_disk_is_one_message_and_exit_3(command: list[str]) -> None:
    result = _cli(*command, stdin="\n".join(envelope_lines(3)).encode())
    assert result.returncode == cli.EXIT_OUTPUT
    _one_message(result.stderr)
    assert "No space left" in result.stderr.decode()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_on_stdout_is_one_message_and_exit_3() -> None:
    with open("/dev/full", "wb") as full:
        result = _cli("score", stdout=full, stdin=None)
    assert result.returncode == cli.EXIT_OUTPUT
    _one_message(result.stderr)


@pytest.mark.parametrize("command", ["check -", "batch -"])
@pytest.mark.parametrize("how", ["<&-", "closed-after-start"])
def test_closed_stdin_is_one_message_and_exit_2(command: str, how: str) -> None:
    if how == "<&-":
        # As a shell runs it with standard input closed: Python starts with sys.stdin None.
        line = f"exec {shlex.quote(sys.executable)} -m budgetperf {command} <&-"
        result = subprocess.run(["sh", "-c", line], capture_output=True, timeout=60, check=False)
    else:
        code = (
            "import os, sys; os.close(0); from budgetperf.cli import main; "
            f"sys.exit(main({command.split()!r}))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
        )
    assert result.returncode == cli.EXIT_UNUSABLE
    _one_message(result.stderr)
    assert "standard input" in result.stderr.decode()


def test_batch_reads_gb18030_json_lines_as_check_does(tmp_path: Path) -> None:
    source = tmp_path / "gbk.jsonl"
    source.write_bytes(("\n".join(envelope_lines(3)) + "\n").encode("gb18030"))
    assert cli.main(["check", str(source)]) in (0, 1)
    out = tmp_path / "out.jsonl"
    status = cli.main(["batch", str(source), "-o", str(out)])
    outcomes = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [o["line"] for o in outcomes] == [1, 2, 3]
    assert all(o["error"] is None for o in outcomes)
    assert outcomes[0]["title"] == load_text(envelope_lines(1)[0]).title  # type: ignore[union-attr]
    assert status in (0, 1)


def test_batch_exit_status_says_whether_a_line_failed(tmp_path: Path) -> None:
    good = envelope_lines(2)
    source = tmp_path / "b.jsonl"
    source.write_text("\n".join([good[0], broken_copy(good[1]), good[1]]) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert cli.main(["batch", str(source), "-o", str(out)]) == cli.EXIT_UNUSABLE
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert cli.main(["batch", str(source), "--jobs", "0"]) == cli.EXIT_UNUSABLE


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_leaves_whole_lines_and_exit_130(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    generated = _cli("generate", "1500", "-o", str(source))
    assert generated.returncode == 0
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "budgetperf", "batch", str(source), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size < 5_000) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == cli.EXIT_INTERRUPTED
    _one_message(stderr)
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text.splitlines()
    assert 0 < len(lines) < 1500
    assert [json.loads(line)["line"] for line in lines] == list(range(1, len(lines) + 1))


# -- the JSON loader ------------------------------------------------------------------------


def _mutated(change: Any) -> str:
    data = _ziyang()
    change(data["documents"][0]["document"])
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["budget"]["rows"][0]["executed"].update(unit=["万元"]), "executed.unit"),
        (lambda d: d["budget"]["rows"][0].update(category=""), "rows[0].category"),
        (lambda d: d["budget"]["rows"][0].update(category="  "), "rows[0].category"),
        (lambda d: d["indicators"][0].update(comparator={"≥": 1}), "indicators[0].comparator"),
        (lambda d: d["indicators"][0].update(weight=["10"]), "indicators[0].weight"),
        (lambda d: d["indicators"][0]["target"].update(value=[]), "target.value"),
        (lambda d: d.update(reported_grade=[1]), "reported_grade"),
    ],
)
def test_json_loader_raises_schema_errors_naming_the_path(change: Any, path: str) -> None:
    with pytest.raises(SchemaError) as caught:
        load_text(_mutated(change))
    assert caught.value.field is not None and caught.value.field.endswith(path)


def test_json_lines_errors_name_the_line_they_are_on(tmp_path: Path) -> None:
    lines = envelope_lines(120)
    lines[100] = broken_copy(lines[100])
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_text(source.read_text(encoding="utf-8"), file=str(source))
    assert caught.value.row == 101
    for command in (["check"], ["score"], ["convert", "--to", "json"]):
        result = _cli(command[0], str(source), *command[1:])
        assert result.returncode == cli.EXIT_UNUSABLE
        _one_message(result.stderr)
        assert "第 101 行" in result.stderr.decode() and "row 101" in result.stderr.decode()


def test_json_lines_numbering_counts_leading_blank_lines() -> None:
    lines = envelope_lines(3)
    text = "\n\n" + "\n".join([lines[0], "{broken", lines[2]])
    with pytest.raises(SchemaError) as caught:
        load_text(text)
    assert caught.value.row == 4


# -- the CSV reader and writer --------------------------------------------------------------


def _ziyang_csv() -> str:
    return dump(_first_project(), "csv")


def test_a_total_row_under_the_indicators_is_the_total_not_an_indicator() -> None:
    text = _ziyang_csv().replace("\n\n自评等次", "\n合计,,,,,,,100,98,\n\n自评等次")
    document = load_text(text)
    assert isinstance(document, ProjectEvaluation)
    assert len(document.indicators) == 10
    sheet = score(document)
    assert (sheet.maximum, sheet.total, document.reported_total) == (
        Decimal(110),
        Decimal("106.51"),
        Decimal(98),
    )
    # The maximum printed on the row is the sum of the weights: with or without the budget.
    assert load_text(text.replace(",100,98,", ",110,98,")) == document


def test_a_total_row_whose_weight_is_no_sum_is_refused() -> None:
    text = _ziyang_csv().replace("\n\n自评等次", "\n合计,,,,,,,90,98,\n\n自评等次")
    with pytest.raises(ParseError) as caught:
        load_text(text)
    assert (caught.value.row, caught.value.field, caught.value.value) == (26, "权重", "90")


def test_a_key_row_directly_under_the_table_ends_it() -> None:
    text = _ziyang_csv().replace("\n\n自评等次", "\n自评等次")
    document = load_text(text)
    assert isinstance(document, ProjectEvaluation)
    assert len(document.indicators) == 10 and document.reported_grade is not None


@pytest.mark.parametrize(("key", "value"), [("评价年度", "2023"), ("合计", "95")])
def test_a_repeated_key_row_is_refused(key: str, value: str) -> None:
    text = _ziyang_csv() + f"{key},1\n{key},{value}\n"
    with pytest.raises(ParseError, match="重复的行") as caught:
        load_text(text)
    assert caught.value.value == key


def test_a_corrected_value_survives_the_csv_round_trip() -> None:
    document = _first_project()
    first = document.indicators[0]
    assert first.actual is not None and first.actual.value == 12
    corrected = attrs.evolve(first, actual=attrs.evolve(first.actual, value=Decimal(13)))
    edited = attrs.evolve(document, indicators=(corrected, *document.indicators[1:]))
    text = dump(edited, "csv")
    assert "完成值（更正）" in text
    back = load_text(text)
    assert isinstance(back, ProjectEvaluation) and back == edited
    assert back.indicators[0].actual is not None
    assert back.indicators[0].actual.value == 13 and back.indicators[0].actual.text == "\u300012次"
    # Nothing to correct: the column is not written.
    assert "更正" not in dump(document, "csv")


@given(st.text(max_size=12))
def test_escaped_cells_read_back_to_the_same_text(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    number = re.fullmatch(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)%?", text)
    if text[:1] in ("=", "+", "-", "@") and len(text) > 1 and not number:
        assert escaped.startswith("'")


@pytest.mark.parametrize("payload", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("x")'])
def test_formula_cells_are_written_as_text_and_read_back(payload: str) -> None:
    document = _first_project()
    edited = attrs.evolve(document, conclusion=payload, department=payload)
    text = dump(edited, "csv")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert payload not in cells and "'" + payload in cells
    assert load_text(text) == edited
    assert escape_cell("-3.42") == "-3.42"


def test_generated_tables_csv_is_formula_safe(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "tables.zip"
    assert cli.main(["generate", "30", "--format", "csv", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            for row in csv.reader(io.StringIO(text, newline="")):
                for cell in row:
                    assert cell[:1] not in ("=", "+", "@") or len(cell) < 2, (name, cell)


# -- outputs --------------------------------------------------------------------------------

HOSTILE_LABEL = "科普<script>alert(1)</script>|经费\n第二行\r\x00\x07\x1b\u202e10\u2066\ufffe&"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _hostile_project() -> ProjectEvaluation:
    document = _first_project()
    first = attrs.evolve(document.indicators[0], name=HOSTILE_LABEL, level1=HOSTILE_LABEL)
    return attrs.evolve(document, name=HOSTILE_LABEL, indicators=(first, *document.indicators[1:]))


def test_markdown_cells_escape_html_pipes_and_line_breaks() -> None:
    text = document_markdown(_hostile_project())
    assert "<script>" not in text and "&lt;script&gt;" in text
    table_lines = [line for line in text.splitlines() if line.startswith("|")]
    widths = {_unescaped_pipes(line) for line in table_lines}
    tables = text.count("\n### ")
    assert len(widths) <= tables  # each table keeps one width: no cell broke its row
    assert not any(c in text for c in BIDI + "\x00\x07\x1b\r")


@given(st.text())
def test_a_markdown_cell_is_one_cell_whatever_the_text(text: str) -> None:
    cell = markdown_cell(text)
    assert "\n" not in cell and "\r" not in cell and "<" not in cell
    assert _unescaped_pipes(cell) == 0, cell


def _unescaped_pipes(cell: str) -> int:
    """Pipes that would end a GitHub Markdown table cell (a backslash escapes the next char)."""
    count, escaped = 0, False
    for char in cell:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def test_svg_is_well_formed_and_has_no_bidi_controls() -> None:
    project = _hostile_project()
    charts = [score_chart(score(project))]
    accounts = next(
        d for d in examples.load("liangshan-2023").documents if isinstance(d, FinalAccounts)
    )
    lines = tuple(attrs.evolve(line, name=HOSTILE_LABEL) for line in accounts.functional_lines)
    charts += final_accounts_charts(attrs.evolve(accounts, functional_lines=lines))
    for chart in [*charts, stack(charts)]:
        ElementTree.fromstring(chart.svg)  # raises on a document that is not well-formed XML
        assert not any(c in chart.svg for c in BIDI)
    assert "科普" in charts[0].svg


@given(st.text())
def test_xml_text_is_always_well_formed(text: str) -> None:
    ElementTree.fromstring(f'<t a="{xml_text(text)}">{xml_text(text)}</t>')


def test_html_render_escapes_and_strips_controls() -> None:
    page = document_html(_hostile_project())
    assert "<script>" not in page and not any(c in page for c in BIDI + "\x00\x1b")


# -- records --------------------------------------------------------------------------------


def _figures_in(value: object) -> Iterator[Decimal]:
    """Every figure a model value holds, walking its attrs fields and tuples."""
    if isinstance(value, Amount):
        yield value.value
    elif isinstance(value, Decimal):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _figures_in(item)
    elif attrs.has(type(value)):
        kind: Any = type(value)
        for field in attrs.fields(kind):
            yield from _figures_in(getattr(value, field.name))


@pytest.mark.parametrize("name", examples.names())
def test_every_figure_of_a_document_is_in_some_record(name: str) -> None:
    for document in examples.load(name).documents:
        held = Counter(str(v) for v in _figures_in(document))
        recorded = Counter(
            str(v) for rows in record_tables(document).values() for v in figures(rows)
        )
        assert held - recorded == Counter(), (name, type(document).__name__)


def test_the_summaries_table_holds_reported_totals_and_summary_figures() -> None:
    batch = examples.load("liangshan-2023")
    rows = record_tables(batch)["summaries"]
    assert len(rows) == len(batch.documents)
    project = next(r for r in rows if r["document_type"] == "project_evaluation")
    assert "reported_total" in project
    accounts = next(r for r in rows if r["document_type"] == "final_accounts")
    assert {"grand_total", "basic", "three_public_reception"} <= set(accounts)


def test_the_terminal_score_sheet_has_no_control_characters() -> None:
    text = score_sheet_text(score(_hostile_project()))
    assert not any(c in text for c in BIDI + "\x00\x07\x1b\r")
    assert text.splitlines()[0].startswith("科普<script>")


def _rule_figure_fields() -> list[tuple[Any, str]]:
    rules = get_rules("sichuan-2023")
    step = department_scoring.STEP_RULES["staff_control_rate"]
    fields: list[tuple[Any, str]] = [
        (rules.execution, "reason_below"),
        (rules.qualitative[0], "low"),
        (rules.qualitative[0], "high"),
        (rules.over_completion, "note_ratio"),
        (rules.over_completion, "zero_target_note_at"),
        (rules.over_completion, "flag_ratio"),
        (rules.weights, "execution"),
        (rules.weights, "indicators"),
        (rules.grades[0], "minimum"),
    ]
    return [*fields, (step, "threshold"), (step, "deduction_per_point")]


@pytest.mark.parametrize(("record", "name"), _rule_figure_fields())
def test_a_float_in_a_rule_set_is_refused(record: Any, name: str) -> None:
    with pytest.raises(BudgetPerfError):
        attrs.evolve(record, **{name: FLOAT})


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell")
@pytest.mark.parametrize("command", ["check", "generate 3"])
def test_closed_stdout_is_one_message_and_exit_3(command: str) -> None:
    line = f"exec {shlex.quote(sys.executable)} -m budgetperf {command} >&-"
    result = subprocess.run(["sh", "-c", line], capture_output=True, timeout=60, check=False)
    assert result.returncode == cli.EXIT_OUTPUT
    _one_message(result.stderr)
    assert "standard output is closed" in result.stderr.decode()


@pytest.mark.parametrize("year", ["9" * 4000, "-5", "10000"])
def test_a_year_out_of_range_is_refused_in_json(year: str) -> None:
    text = examples.text("ziyang-2022").replace('"year": 2022', f'"year": {year}', 1)
    with pytest.raises(SchemaError) as caught:
        load_text(text)
    assert caught.value.field == "$.documents[0].document.year"
    assert len(str(caught.value)) < 600


@pytest.mark.parametrize("year", ["99999", "-1", "2023.5", "1e20"])
def test_a_year_out_of_range_is_refused_in_csv(year: str) -> None:
    with pytest.raises(ParseError) as caught:
        load_text(f"项目名称,某项目\n评价年度,{year}\n")
    assert (caught.value.row, caught.value.field) == (2, "评价年度")
