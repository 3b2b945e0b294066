"""Every output (score sheet, finding, outcome, summary): one JSON shape, one writer, a schema."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import check, examples
from budgetperf.bulk import evaluate_lines, outcome_json, write_outcomes
from budgetperf.cli import main
from budgetperf.io import outputs
from budgetperf.io.json import to_envelope
from budgetperf.io.schema import SCHEMA_BASE, schema, shipped_schema
from budgetperf.model.evaluation import ProjectEvaluation
from budgetperf.synthetic import generate
from tests.strategies import department_evaluations, final_accounts, rich_project_evaluations

ROOT = Path(__file__).parent.parent
VALIDATORS = {
    name: jsonschema.Draft202012Validator(outputs.output_schema(name)) for name in outputs.SCHEMAS
}


def _valid(name: str, obj: dict[str, Any]) -> None:
    errors = sorted(VALIDATORS[name].iter_errors(obj), key=str)
    assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


@pytest.mark.parametrize("name", outputs.SCHEMAS)
def test_shipped_output_schemas_are_the_derived_ones(name: str) -> None:
    derived = outputs.output_schema(name)
    jsonschema.Draft202012Validator.check_schema(derived)
    assert outputs.shipped_output_schema(name) == derived
    docs_copy = json.loads(
        (ROOT / "docs" / "schema" / f"{name}-1.schema.json").read_text(encoding="utf-8")
    )
    assert docs_copy == derived


def test_every_schema_id_is_under_the_one_project_base() -> None:
    ids = [schema()["$id"], *(outputs.output_schema(n)["$id"] for n in outputs.SCHEMAS)]
    assert ids == [
        "urn:budgetperf:schema:document:1",
        "urn:budgetperf:schema:finding:1",
        "urn:budgetperf:schema:score-sheet:1",
        "urn:budgetperf:schema:outcome:1",
        "urn:budgetperf:schema:summary:1",
    ]
    assert all(i.startswith(SCHEMA_BASE) for i in ids)
    assert shipped_schema()["$id"] == ids[0]


def _lines(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[dict[str, Any]]:
    main(argv)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]


@pytest.mark.parametrize("name", examples.names())
def test_cli_json_outputs_validate(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(examples.text(name), encoding="utf-8")
    found = _lines(capsys, ["check", str(path), "--format", "json"])
    assert all(f["type"] == "finding" for f in found)
    for f in found:
        _valid("finding", f)
    lines = _lines(capsys, ["score", str(path), "--format", "json"])
    sheets = [x for x in lines if x["type"] == "score_sheet"]
    assert sheets
    for sheet in sheets:
        _valid("score-sheet", sheet)
        assert sheet["batch"] == name
    summaries = [x for x in lines if x["type"] == "summary"]
    projects = [d for d in examples.load(name).documents if isinstance(d, ProjectEvaluation)]
    assert len(summaries) == (len(projects) > 1)
    for summary in summaries:
        _valid("summary", summary)
        assert summary["count"] == sum(1 for s in sheets if s["kind"] == "project")
    jsonl = tmp_path / f"{name}.jsonl"
    main(["convert", str(path), "--to", "jsonl", "-o", str(jsonl)])
    outcomes = _lines(capsys, ["batch", str(jsonl)])
    assert len(outcomes) == len(examples.load(name).documents)
    for outcome in outcomes:
        _valid("outcome", outcome)
        assert outcome["batch"] == name
        assert outcome["document"] == outcome["index"]


def test_a_finding_names_its_document_by_the_join_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Document 11 of the Liangshan batch is the 凉山州级科普专项经费 self-evaluation.
    path = tmp_path / "liangshan.json"
    path.write_text(examples.text("liangshan-2023"), encoding="utf-8")
    found = _lines(capsys, ["check", str(path), "--format", "json"])
    eleven = [f for f in found if f["document"] == 11]
    assert eleven
    assert {(f["project_code"], f["project"], f["year"], f["rules"]) for f in eleven} == {
        ("51340022T000000278908", "凉山州级科普专项经费", 2023, "sichuan-2023")
    }
    assert all(f["path"].startswith("$.") and "documents[" not in f["path"] for f in eleven)
    main(["check", str(path)])
    text = capsys.readouterr().out
    # The text names the document in a heading: its title (with the project code),
    # department and year.
    assert (
        "== 文档 documents[11]：项目 51340022T000000278908-凉山州级科普专项经费 · "
        "凉山州科学技术协会部门 · 2023"
    ) in text


def test_outcome_keeps_the_keys_of_0_1_in_order_and_adds_the_join_keys() -> None:
    batch = examples.load("liangshan-2023")
    line = json.dumps(to_envelope(batch.documents[11]), ensure_ascii=False)
    (outcome,) = evaluate_lines([line])
    data = json.loads(outcome_json(outcome, batch="b"))
    assert list(data)[:8] == [
        "index",
        "line",
        "title",
        "total",
        "reported_total",
        "grade",
        "error",
        "findings",
    ]
    assert list(data["findings"][0])[:6] == [
        "code",
        "severity",
        "path",
        "message",
        "expected",
        "reported",
    ]
    assert (data["batch"], data["document"], data["project_code"], data["rules"]) == (
        "b",
        0,
        "51340022T000000278908",
        "sichuan-2023",
    )
    _valid("outcome", data)


def test_an_unusable_line_is_an_outcome_with_empty_keys() -> None:
    (outcome,) = evaluate_lines(["{not json"])
    data = json.loads(outcome_json(outcome))
    _valid("outcome", data)
    assert data["error"] and data["department"] is None and data["document"] == 0


def test_outcomes_of_a_generated_batch_validate() -> None:
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in generate(40, seed=7)]
    stream = io.StringIO()
    counts = write_outcomes(evaluate_lines(lines), stream, batch="synthetic")
    assert counts["documents"] == 40
    rows = [json.loads(line) for line in stream.getvalue().splitlines()]
    for row in rows:
        _valid("outcome", row)
    assert [r["document"] for r in rows] == list(range(40))


def test_audit_json_lines_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "2023年度收入总计100.00万元，比上年增加10.00万元，增长20.0%。\n", encoding="utf-8"
    )
    (found,) = _lines(capsys, ["audit", str(report), "--format", "json"])
    _valid("finding", found)
    assert (found["code"], found["batch"], found["document"], found["year"]) == (
        "statement.change_percent",
        "report",
        0,
        2023,
    )
    # The 河池 report has sentences no pattern reads: each is an audit.unparsed finding.
    seed = ROOT / "tests" / "fixtures" / "seeds" / "000_b51ef7a763712646.txt"
    lines = _lines(capsys, ["audit", str(seed), "--format", "json"])
    unread = [line for line in lines if line["code"] == "audit.unparsed"]
    assert unread and all(u["batch"] == "000_b51ef7a763712646" for u in unread)
    for line in lines:
        _valid("finding", line)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.one_of(rich_project_evaluations(), department_evaluations(), final_accounts()),
        min_size=1,
        max_size=3,
    )
)
def test_every_finding_and_outcome_of_any_document_validates(documents: list[Any]) -> None:
    from budgetperf.model.evaluation import Batch

    batch = Batch(name="b", documents=tuple(documents))
    for f in check(batch):
        data = outputs.finding_object(f, batch=batch)
        _valid("finding", data)
        assert data["document_type"] is not None
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in documents]
    for outcome in evaluate_lines(lines):
        _valid("outcome", json.loads(outcome_json(outcome)))


def test_project_key_pairs_are_keys_of_with_recurring_pairs_shared() -> None:
    # The fast path's pairs equal the full path's keys for every seed project; the pairs
    # whose values recur are one tuple across documents, the others are each document's.
    projects = [
        (i, doc)
        for name in examples.names()
        for i, doc in enumerate(examples.load(name).documents)
        if isinstance(doc, ProjectEvaluation)
    ]
    made = []
    for i, doc in projects:
        keys = outputs.keys_of(doc, index=i)
        pairs = outputs.project_key_pairs(
            index=i,
            department=doc.department,
            project_code=keys["project_code"],
            project=doc.name,
            sub_project=doc.sub_project,
            year=doc.year,
            layout=doc.layout,
            rules=keys["rules"],
        )
        assert pairs == tuple(keys.items())
        made.append(pairs)
    first, second = next(
        (a, b) for a, b in itertools.pairwise(made) if a[3] == b[3] and a[1] != b[1]
    )
    assert first[3] is second[3]  # the same department: one tuple
    assert first[1] is not second[1]  # ("document", index) is each document's own
