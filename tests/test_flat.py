"""Related flat tables: every example and any document round-trips; bad tables are refused."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.cli import main
from budgetperf.errors import SchemaError
from budgetperf.io import flat, load
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, ProjectEvaluation
from budgetperf.synthetic import generate
from tests.strategies import department_evaluations, final_accounts, rich_project_evaluations


@pytest.mark.parametrize("name", examples.names())
def test_every_example_round_trips_through_the_tables(name: str) -> None:
    batch = examples.load(name)
    assert flat.read_tables(flat.write_tables(batch)) == batch
    assert flat.load_zip(flat.dump_zip(batch)) == batch
    for document in batch.documents:
        assert flat.read_tables(flat.write_tables(document)).documents == (document,)


def test_a_generated_batch_round_trips() -> None:
    batch = Batch(name="synthetic", documents=tuple(generate(60, seed=11)))
    assert flat.load_zip(flat.dump_zip(batch)) == batch


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(rich_project_evaluations(), department_evaluations(), final_accounts()),
        max_size=3,
    ),
    st.text(max_size=8),
)
def test_any_batch_round_trips(documents: list[Any], name: str) -> None:
    batch = Batch(name=name or "b", documents=tuple(documents))
    assert flat.load_zip(flat.dump_zip(batch)) == batch


def test_the_tables_hold_the_figures_with_their_keys() -> None:
    # Liangshan's document 11 (凉山州级科普专项经费): its budget row and first indicator.
    tables = flat.write_tables(examples.load("liangshan-2023"))
    (document,) = [r for r in tables["documents"] if r["document"] == "11"]
    assert (document["batch"], document["document_type"], document["project_code"]) == (
        "liangshan-2023",
        "project_evaluation",
        "51340022T000000278908",
    )
    assert document["budget"] == "true" and document["year"] == "2023"
    rows = [r for r in tables["budget_rows"] if r["document"] == "11"]
    assert rows[0]["rows_index"] == "0" and rows[0]["adjusted_budget_unit"] in ("元", "万元")
    final = [r for r in tables["documents"] if r["document_type"] == "final_accounts"]
    assert final and all(r["project_code"] == "" for r in final)
    parts = tables["statements_parts"]
    assert all(
        any(
            s["statements_index"] == p["statements_index"] and s["document"] == p["document"]
            for s in tables["statements"]
        )
        for p in parts
    )


def test_a_tree_is_one_table_in_pre_order() -> None:
    import attrs

    batch = examples.load("liangshan-2023")
    department = batch.documents[1]
    assert isinstance(department, DepartmentEvaluation)
    top, second, *rest = department.dimensions
    inner = attrs.evolve(second, children=(rest[0],))
    tree = attrs.evolve(department, dimensions=(attrs.evolve(top, children=(inner,)), *rest[1:]))
    rows = flat.write_tables(tree)["dimensions"]
    assert [(r["dimensions_index"], r["parent_dimensions_index"], r["name"]) for r in rows][:3] == [
        ("0", "", top.name),
        ("1", "0", second.name),
        ("2", "1", rest[0].name),
    ]
    assert flat.read_tables(flat.write_tables(tree)).documents == (tree,)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _files(batch: Batch) -> dict[str, str]:
    return flat.csv_files(batch)


def _edit(files: dict[str, str], table: str, change: Any) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(files[f"{table}.csv"])))
    header = list(rows[0]) if rows else []
    rows, header = change(rows, header)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return {**files, f"{table}.csv": out.getvalue()}


def test_an_unknown_column_is_refused_not_dropped() -> None:
    files = _edit(
        _files(examples.load("ziyang-2022")),
        "indicators",
        lambda rows, header: ([{**r, "note": "x"} for r in rows], [*header, "note"]),
    )
    with pytest.raises(SchemaError) as info:
        flat.load_zip(_zip(files))
    assert info.value.field == "note" and info.value.file == "indicators.csv"


def test_an_orphan_row_is_refused() -> None:
    files = _edit(
        _files(examples.load("ziyang-2022")),
        "indicators",
        lambda rows, header: (
            [*rows, {**rows[0], "document": "7", "indicators_index": "0"}],
            header,
        ),
    )
    with pytest.raises(SchemaError) as info:
        flat.load_zip(_zip(files))
    assert (
        info.value.file == "indicators.csv"
        and info.value.row
        == len(
            examples.load("ziyang-2022").documents[0].indicators  # type: ignore[union-attr]
        )
        + 2
    )


def test_a_bad_cell_names_table_row_and_column() -> None:
    files = _edit(
        _files(examples.load("ziyang-2022")),
        "indicators",
        lambda rows, header: ([{**rows[0], "applicable": "maybe"}, *rows[1:]], header),
    )
    with pytest.raises(SchemaError) as info:
        flat.load_zip(_zip(files))
    assert (info.value.file, info.value.row, info.value.field) == (
        "indicators.csv",
        2,
        "applicable",
    )


def test_a_field_of_another_document_kind_is_refused() -> None:
    files = _edit(
        _files(examples.load("ziyang-2022")),
        "documents",
        lambda rows, header: ([{**rows[0], "income_total": "5"}], header),
    )
    with pytest.raises(SchemaError) as info:
        flat.load_zip(_zip(files))
    assert info.value.field == "income_total"


def test_formula_text_is_escaped_and_read_back() -> None:
    import attrs

    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    odd = attrs.evolve(document, conclusion="=SUM(A1:A9)", problems="'=x")
    tables = flat.write_tables(odd)
    assert tables["documents"][0]["conclusion"] == "'=SUM(A1:A9)"
    assert flat.read_tables(tables).documents == (odd,)


@pytest.mark.parametrize("name", examples.names())
def test_convert_to_csv_and_back(name: str, tmp_path: Path) -> None:
    source = tmp_path / f"{name}.json"
    source.write_text(examples.text(name), encoding="utf-8")
    batch = examples.load(name)
    target = tmp_path / "tables.zip"
    # One self-evaluation stays the 自评表 CSV (docs/formats.md); a data package is tables.
    to = "datapackage" if len(batch.documents) == 1 else "csv"
    assert main(["convert", str(source), "--to", to, "-o", str(target)]) == 0
    assert flat.is_tables_zip(target.read_bytes())
    back = tmp_path / "back.json"
    assert main(["convert", str(target), "--to", "json", "-o", str(back)]) == 0
    assert load(back) == batch
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    assert main(["convert", str(unpacked), "--to", "json", "-o", str(back)]) == 0
    assert load(back) == batch
    assert main(["score", str(target)]) == 0


def test_generate_csv_is_read_back(tmp_path: Path) -> None:
    target = tmp_path / "g.zip"
    assert main(["generate", "12", "--seed", "3", "--format", "csv", "-o", str(target)]) == 0
    back = tmp_path / "g.json"
    assert main(["convert", str(target), "--to", "json", "-o", str(back)]) == 0
    batch = load(back)
    assert isinstance(batch, Batch)
    assert batch.documents == tuple(generate(12, seed=3))


@pytest.mark.parametrize("name", examples.names())
def test_the_tables_round_trip_through_a_workbook(name: str) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.xlsx import loads

    batch = examples.load(name)
    assert loads(flat.dump_tables(batch, "xlsx")) == batch


def test_a_generated_batch_round_trips_through_a_workbook() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from budgetperf.io.xlsx import loads

    batch = Batch(name="synthetic", documents=tuple(generate(20, seed=2)))
    data = flat.dump_tables(batch, "xlsx")
    assert loads(data) == batch
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == list(flat.tables())
    sheet = workbook["indicators"]
    header = [c.value for c in sheet[1]]
    weight = sheet.cell(2, header.index("weight") + 1)
    assert isinstance(weight.value, int | float)  # a number Excel adds up, shown exactly


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(rich_project_evaluations(), final_accounts()), max_size=2))
def test_any_batch_round_trips_through_a_workbook(documents: list[Any]) -> None:
    pytest.importorskip("openpyxl")
    from budgetperf.io.xlsx import loads

    batch = Batch(name="b", documents=tuple(documents))
    assert loads(flat.dump_tables(batch, "xlsx")) == batch


def test_a_directory_without_tables_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        flat.load_directory(str(tmp_path))
    assert info.value.value == "notes.txt"
    assert main(["convert", str(tmp_path), "--to", "json"]) == 2


def test_a_zip_bomb_is_refused() -> None:
    from budgetperf.errors import ParseError

    files = _files(examples.load("ziyang-2022"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr("padding.csv", "," * 5_000_000)  # 5 MB of commas: ratio ≫ 200
    with pytest.raises(ParseError) as info:
        flat.load_zip(buffer.getvalue(), file="bomb.zip")
    assert "zip bomb" in str(info.value) and info.value.file == "bomb.zip"
