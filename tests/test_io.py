"""Interchange: lossless JSON with a schema, 自评表 CSV, records, tolerant cells, bad input."""

from __future__ import annotations

import contextlib
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.cli import main
from budgetperf.errors import BudgetPerfError, ParseError, SchemaError
from budgetperf.io import csv as sheet
from budgetperf.io import dump, load, load_text
from budgetperf.io._hooks import unstructure
from budgetperf.io.cells import parse_measure, parse_number, parse_percent
from budgetperf.io.json import dumps, load_lines, loads, to_envelope
from budgetperf.io.records import figures, record_tables, to_records
from budgetperf.io.schema import schema, shipped_schema
from budgetperf.model import Comparator, ProjectEvaluation
from tests.strategies import (
    department_evaluations,
    final_accounts,
    rich_project_evaluations,
    three_public_expenses,
)

VALIDATOR = jsonschema.Draft202012Validator(schema())
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "liangshan-2023"


# -- the schema ---------------------------------------------------------------------------


def test_shipped_schema_is_the_derived_one() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert shipped_schema() == schema()
    docs_copy = json.loads(
        (ROOT / "docs" / "schema" / "budgetperf-1.schema.json").read_text(encoding="utf-8")
    )
    assert docs_copy == schema()


@pytest.mark.parametrize("name", examples.names())
def test_examples_validate_against_the_schema(name: str) -> None:
    VALIDATOR.validate(json.loads(examples.text(name)))
    for document in examples.load(name).documents:
        VALIDATOR.validate(json.loads(dumps(document)))


# -- round trips ----------------------------------------------------------------------------

documents = st.one_of(rich_project_evaluations(), final_accounts(), department_evaluations())


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_json_round_trip_and_schema(document: Any) -> None:
    text = dumps(document)
    assert loads(text) == document
    VALIDATOR.validate(json.loads(text))


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(three_public_expenses())
def test_three_public_parts_not_stated_round_trip_as_null(three: Any) -> None:
    # A 三公 part the report did not state is null in JSON and comes back unknown (None),
    # never 0; a record table has its column, empty.
    from budgetperf.model import FinalAccounts

    document = FinalAccounts(department="部门", year=2023, three_public=three)
    text = dumps(document)
    VALIDATOR.validate(json.loads(text))
    written = json.loads(text)["document"]["three_public"]
    for name in ("outbound", "vehicle_purchase", "vehicle_operation", "reception"):
        assert (written[name] is None) == (getattr(three, name) is None)
    back = loads(text)
    assert back == document
    assert isinstance(back, FinalAccounts) and back.three_public is not None
    assert back.three_public.vehicle_total == three.vehicle_total
    (summary,) = record_tables(document)["summaries"]
    for name in ("outbound", "vehicle_purchase", "vehicle_operation", "reception"):
        assert (summary[f"three_public_{name}"] is None) == (getattr(three, name) is None)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(rich_project_evaluations())
def test_csv_round_trip(document: ProjectEvaluation) -> None:
    assert sheet.loads(sheet.dumps(document)) == document
    assert sheet.loads(sheet.dumps(document, delimiter="\t")) == document


def _all_figures(value: Any) -> list[Decimal]:
    """Every decimal figure in a document, found through its JSON form."""
    data = unstructure(value)
    found: list[Decimal] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in _DECIMAL_KEYS:
            found.append(Decimal(node))

    walk(data)
    return found


_DECIMAL_KEYS = {
    "value",
    "weight",
    "reported_score",
    "reported_total",
    "percent",
    "reported_rate_percent",
    "share_percent",
}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_records_keep_every_figure(document: Any) -> None:
    tables = record_tables(document)
    in_records = sorted(f for rows in tables.values() for f in figures(rows))
    in_document = sorted(_all_figures(document))
    # Amount values, weights, scores and percents all reach some record (totals of the
    # document itself are document-level and not repeated per row, except reported_total).
    missing = list(in_document)
    for figure in in_records:
        if figure in missing:
            missing.remove(figure)
    allowed_missing = list(_document_level(document))
    for figure in allowed_missing:
        if figure in missing:
            missing.remove(figure)
    assert missing == []
    for rows in tables.values():
        for row in rows:
            assert not any(isinstance(v, float) for v in row.values())


def _document_level(document: Any) -> list[Decimal]:
    values = []
    for name in ("reported_total", "expenditure_total"):
        v = getattr(document, name, None)
        if isinstance(v, Decimal):
            values.append(v)
        elif v is not None and hasattr(v, "value"):
            values.append(v.value)
    return values


def test_json_lines_stream(tmp_path: Path) -> None:
    batch = examples.load("liangshan-2023")
    text = dump(batch, "jsonl")
    assert len(text.splitlines()) == len(batch.documents)
    streamed = list(load_lines(text.splitlines()))
    assert tuple(streamed) == batch.documents
    path = tmp_path / "b.jsonl"
    path.write_text(text, encoding="utf-8")
    loaded = load(path)
    assert loaded.documents == batch.documents  # type: ignore[union-attr]


def test_records_of_an_example() -> None:
    rows = to_records(examples.load("liangshan-2023"), table="indicators")
    assert len(rows) == 2 * 6 + 4 * 3 + 7 * 6 + 8 + 7 * 4 + 6
    assert {type(v) for row in rows for v in row.values()} <= {str, int, bool, type(None), Decimal}


# -- the seed's own cell text ----------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 22))
def test_seed_cells_load_to_the_same_figures(number: int) -> None:
    # Each 附表 table of 002 written in the seed's own cell text (full-width spaces and all).
    from_csv = sheet.loads((FIXTURES / f"table-{number:02d}.csv").read_text(encoding="utf-8"))
    example = examples.load("liangshan-2023").of_type(ProjectEvaluation)[number - 1]
    assert from_csv.code == example.code
    assert from_csv.reported_total == example.reported_total
    assert from_csv.budget is not None and example.budget is not None
    assert from_csv.budget.rows == example.budget.rows
    assert from_csv.budget.reported_score == example.budget.reported_score
    got = [
        (
            i.comparator,
            i.target.value,
            i.unit,
            i.actual.value if i.actual else None,
            i.weight,
            i.reported_score,
        )
        for i in from_csv.indicators
    ]
    want = [
        (
            i.comparator,
            i.target.value,
            i.unit,
            i.actual.value if i.actual else None,
            i.weight,
            i.reported_score,
        )
        for i in example.indicators
    ]
    assert got == want
    assert [i.level2 for i in from_csv.indicators] == [i.level2 for i in example.indicators]


# -- real-world cells ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("\u300010", None, "10", ""),
        ("100.00%", None, "100.00", "%"),
        ("≥5次", Comparator.GE, "5", "次"),
        ("≥100万", Comparator.GE, "100", "万"),
        ("＞3年", Comparator.GT, "3", "年"),
        ("8\u3000", None, "8", ""),
        ("１２３", None, "123", ""),
        ("28万", None, "28", "万"),
        ("8,740,500", None, "8740500", ""),
        ("2023年12月31日前", None, None, ""),
        ("1-12月", None, None, ""),
        ("持续提升", None, None, ""),
    ],
)
def test_real_world_cells(
    text: str, comparator: Comparator | None, value: str | None, unit: str
) -> None:
    found, measure = parse_measure(text)
    assert found is comparator
    assert measure is not None and measure.text == text
    assert measure.value == (Decimal(value) if value is not None else None)
    assert measure.unit == unit


@pytest.mark.parametrize("text", ["—", "/", "", "\u3000"])
def test_empty_markers(text: str) -> None:
    assert parse_measure(text) == (None, None)
    assert parse_number(text) is None
    assert parse_percent(text) is None


def test_bad_cells_name_file_row_column_and_text() -> None:
    bad = "项目名称,x\n评价年度,2023\n\n一级指标,二级指标,三级指标,指标值,权重,得分\n产出指标,数量指标,a,≥5,十,10\n"
    with pytest.raises(ParseError) as info:
        sheet.loads(bad, file="t.csv")
    assert (info.value.file, info.value.row, info.value.field, info.value.value) == (
        "t.csv",
        5,
        "权重",
        "十",
    )


def test_merged_cells_inherit_and_english_headers() -> None:
    text = (
        "project,p\nyear,2023\n\nlevel1,level2,name,comparator,target,unit,actual,weight,score\n"
        "产出指标,数量指标,a,≥,5,次,6,45,45\n,,b,≥,5,次,4,45,36\n"
    )
    doc = sheet.loads(text)
    assert [i.level1 for i in doc.indicators] == ["产出指标", "产出指标"]
    assert doc.indicators[1].reported_score == 36


def test_gb18030_and_bom(tmp_path: Path) -> None:
    text = sheet.dumps(examples.load("ziyang-2022").documents[0])  # type: ignore[arg-type]
    for data in (text.encode("gb18030"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        path = tmp_path / "t.csv"
        path.write_bytes(data)
        assert load(path) == examples.load("ziyang-2022").documents[0]


# -- bad input ------------------------------------------------------------------------------------

GOOD = json.loads(dumps(examples.load("ziyang-2022").documents[0]))


def _bad(mutate: Any) -> str:
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{not json", SchemaError),
        (json.dumps({**GOOD, "format": "budgetperf/2"}), SchemaError),
        (json.dumps({k: v for k, v in GOOD.items() if k != "format"}), SchemaError),
        (_bad(lambda d: d["document"]["indicators"][0].update(comparator="≈")), SchemaError),
        (_bad(lambda d: d["document"].pop("year")), SchemaError),
        (
            _bad(lambda d: d["document"]["budget"]["rows"][0]["executed"].update(value="-28")),
            SchemaError,
        ),
        (
            _bad(lambda d: d["document"]["budget"]["rows"][0]["executed"].update(value="abc")),
            SchemaError,
        ),
        (_bad(lambda d: d["document"].update(code="5134-bad")), SchemaError),
        (_bad(lambda d: d["document"]["indicators"][0].update(weight="NaN")), SchemaError),
        (json.dumps(GOOD)[:-40], SchemaError),
        (
            '{"format": "budgetperf/1", "type": "final_accounts", "document": {"department": "d", "year": 2023, "year": 2024}}',
            SchemaError,
        ),
        (
            '{"format": "budgetperf/1", "type": "project_evaluation", "document": {"name": "x", "year": NaN}}',
            SchemaError,
        ),
        ("\x00\x01binary", ParseError),
    ],
)
def test_bad_input_gives_one_clear_error(
    text: str, error: type[BudgetPerfError], tmp_path: Path
) -> None:
    with pytest.raises(error) as info:
        load_text(text, file="bad.json")
    assert info.value.file == "bad.json" or isinstance(info.value, ParseError)
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("utf-8"))
    assert main(["check", str(path)]) == 2


def test_schema_error_names_the_json_path() -> None:
    with pytest.raises(SchemaError) as info:
        load_text(_bad(lambda d: d["document"]["indicators"][3].update(weight=[1])))
    assert info.value.field == "$.document.indicators[3].weight"


def test_old_form_is_not_squeezed_into_csv() -> None:
    with pytest.raises(SchemaError):
        dump(examples.load("hechi-2020"), "csv")


# -- fuzz: nothing but budgetperf errors -------------------------------------------------------


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_arbitrary_text_raises_only_budgetperf_errors(text: str) -> None:
    with contextlib.suppress(BudgetPerfError):
        load_text(text)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=8)
    | st.sampled_from(
        ["budgetperf/1", "project_evaluation", "final_accounts", "batch", "万元", "874.05"]
    ),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "type",
                    "document",
                    "name",
                    "year",
                    "indicators",
                    "value",
                    "unit",
                    "weight",
                    "documents",
                    "budget",
                    "rows",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(json_values)
def test_arbitrary_json_raises_only_budgetperf_errors(value: Any) -> None:
    with contextlib.suppress(BudgetPerfError):
        load_text(json.dumps(value))


@settings(max_examples=200)
@given(
    st.sampled_from(examples.names()), st.integers(min_value=0, max_value=2**32), st.integers(1, 8)
)
def test_corrupted_files_raise_only_budgetperf_errors(name: str, seed: int, flips: int) -> None:
    data = bytearray(examples.text(name).encode("utf-8"))
    rng = random.Random(seed)
    for _ in range(flips):
        position = rng.randrange(len(data))
        data[position] = rng.randrange(256)
    if rng.random() < 0.3:
        del data[rng.randrange(len(data)) :]
    try:
        result = load_text(data.decode("utf-8", errors="replace"))
    except BudgetPerfError:
        return
    # Whatever loads must be a complete, valid document.
    VALIDATOR.validate(
        to_envelope(result) if not hasattr(result, "documents") else json.loads(dumps(result))
    )


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=2**32))
def test_corrupted_csv_raises_only_budgetperf_errors(seed: int) -> None:
    text = sheet.dumps(examples.load("liangshan-2023").documents[11])  # type: ignore[arg-type]
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        chars[rng.randrange(len(chars))] = rng.choice(',\n"　≥x9%/-')
    with contextlib.suppress(BudgetPerfError):
        sheet.loads("".join(chars))


def test_generated_record_converters_refuse_what_the_careful_path_names() -> None:
    from budgetperf.io._hooks import structure
    from budgetperf.model import Measure

    assert structure({"text": "95", "value": "95", "unit": "%"}, Measure) == Measure(
        text="95", value=Decimal(95), unit="%"
    )
    with pytest.raises(SchemaError, match=r"\$\.m\.colour"):
        structure({"text": "95", "colour": "red"}, Measure, "$.m")
    with pytest.raises(SchemaError, match=r"\$\.m\.text"):
        structure({"text": True}, Measure, "$.m")
    with pytest.raises(SchemaError, match=r"\$\.m\.value"):
        structure({"text": "1", "value": "1E+99"}, Measure, "$.m")


@given(st.from_regex(r"-?(?:\d+(?:\.\d*)?|\.\d+)", fullmatch=True).filter(lambda t: len(t) <= 21))
def test_a_short_decimal_text_is_always_in_range(text: str) -> None:
    # The structurer skips the range check for such a text: it must never need one.
    from budgetperf.io._hooks import _SURELY_IN_RANGE
    from budgetperf.money import check_figure

    assert _SURELY_IN_RANGE == 21
    value = Decimal(text)
    assert check_figure(value) is value


def test_a_long_decimal_text_is_still_checked() -> None:
    from budgetperf.io._hooks import structure
    from budgetperf.model import Measure

    with pytest.raises(SchemaError, match="数值超出允许范围"):
        structure({"text": "x", "value": "1" + "0" * 21}, Measure)  # 22 characters, 10**21
    with pytest.raises(SchemaError, match="数值超出允许范围"):
        structure({"text": "x", "value": "0." + "0" * 20 + "1"}, Measure)  # 10**-21
