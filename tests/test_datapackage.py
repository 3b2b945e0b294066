"""The Frictionless Data Package: valid to frictionless, typed, keyed, and read back."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from budgetperf import examples
from budgetperf.io import flat
from budgetperf.io.datapackage import descriptor, dump_package, package_files
from budgetperf.model.evaluation import Batch
from budgetperf.synthetic import generate

frictionless = pytest.importorskip("frictionless", reason="pip install 'budgetperf[datapackage]'")

BATCHES = {
    **{name: examples.load(name) for name in examples.names()},
    "synthetic": Batch(name="synthetic", documents=tuple(generate(30, seed=5))),
}


def _unpack(batch: Batch, directory: Path) -> Path:
    for name, text in package_files(batch).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory / "datapackage.json"


@pytest.mark.parametrize("name", BATCHES)
def test_the_package_is_valid_and_reads_back(name: str, tmp_path: Path) -> None:
    batch = BATCHES[name]
    path = _unpack(batch, tmp_path)
    report = frictionless.Package(str(path)).validate()
    errors = [e.message for task in report.tasks for e in task.errors]
    assert report.valid, errors[:3]
    assert flat.load_directory(str(tmp_path)) == batch
    assert flat.load_zip(dump_package(batch)) == batch


def test_the_zip_holds_the_descriptor_and_every_table() -> None:
    data = dump_package(examples.load("liangshan-2023"))
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        names = set(archive.namelist())
        package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} | {"datapackage.json"} == names


def _fields(package: dict[str, Any], resource: str) -> dict[str, dict[str, Any]]:
    (found,) = [r for r in package["resources"] if r["name"] == resource]
    return {f["name"]: f for f in found["schema"]["fields"]}


def test_money_is_typed_and_mapped_to_fiscal_data_package_concepts() -> None:
    package = descriptor(examples.load("liangshan-2023"))
    lines = _fields(package, "functional_lines")
    assert lines["amount"]["type"] == "number" and lines["amount"]["columnType"] == "value"
    assert lines["amount_unit"]["constraints"]["enum"] == ["元", "万元"]
    assert lines["functional_code"]["columnType"] == "functional-classification:generic:code"
    documents = _fields(package, "documents")
    assert documents["year"]["columnType"] == "date:fiscal-year"
    assert documents["year"]["type"] == "integer"
    assert documents["budget"]["type"] == "boolean"
    (resource,) = [r for r in package["resources"] if r["name"] == "statements_parts"]
    assert resource["schema"]["primaryKey"] == [
        "batch",
        "document",
        "statements_index",
        "parts_index",
    ]
    assert resource["schema"]["foreignKeys"] == [
        {
            "fields": ["batch", "document", "statements_index"],
            "reference": {
                "resource": "statements",
                "fields": ["batch", "document", "statements_index"],
            },
        }
    ]


def test_functional_codes_are_crosswalked_to_cofog_with_a_confidence(tmp_path: Path) -> None:
    path = _unpack(examples.load("liangshan-2023"), tmp_path)
    rows = frictionless.Package(str(path)).get_resource("functional_cofog").read_rows()
    by_code = {r["functional_code"]: r for r in rows}
    # 2101101 (卫生健康支出 / 行政事业单位医疗) → COFOG 07 Health; 221 住房保障 → 10.6 Housing;
    # 2060702 科普活动: 206 科学技术 has no one COFOG function.
    assert (by_code["2101101"]["cofog"], by_code["2101101"]["confidence"]) == ("07", "recalled")
    assert by_code["221"]["cofog"] == "10.6"
    science = by_code["2060702"]
    assert science["cofog"] is None and "R&D" in science["note"]
