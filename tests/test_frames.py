"""Exact DataFrames: join keys on every row, decimal columns that sum to the library's totals."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import budgetperf
from budgetperf import examples
from budgetperf.bulk import evaluate_lines
from budgetperf.checks import Findings
from budgetperf.errors import BudgetPerfError, ValidationError
from budgetperf.frames import (
    KEYS,
    ExtraMissingError,
    FrameError,
    score_all,
    to_arrow,
    to_frame,
)
from budgetperf.io.json import to_envelope
from budgetperf.io.records import record_tables
from budgetperf.model import Batch, DepartmentEvaluation, Indicator, Measure, ProjectEvaluation
from budgetperf.money import Amount
from budgetperf.render.jupyter import DISPLAY_ROWS
from budgetperf.scoring import summarize
from budgetperf.scoring.score import LineStatus
from budgetperf.synthetic import generate
from tests import strategies

NAMES = examples.names()


@pytest.fixture(scope="module")
def pd() -> Any:
    pytest.importorskip("pyarrow")
    return pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def synthetic() -> Batch:
    return Batch(name="synthetic", documents=tuple(generate(150, seed=11)))


def _is_decimal(pd: Any, series: Any) -> bool:
    dtype = series.dtype
    return isinstance(dtype, pd.ArrowDtype) and str(dtype.pyarrow_dtype).startswith("decimal128")


def _sums(frame: Any, column: str) -> dict[int, Decimal]:
    sums = frame.groupby("document")[column].sum()
    assert all(isinstance(v, Decimal) for v in sums), "a groupby sum left the decimals"
    return {int(k): v for k, v in sums.items()}


# -- sums over frames are the library's exact totals -------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_indicator_weights_sum_to_the_model_weights(pd: Any, name: str) -> None:
    batch = examples.load(name)
    frame = to_frame(batch, table="indicators")
    expected = {
        i: sum((x.weight for x in d.indicators if x.weight is not None), Decimal(0))
        for i, d in enumerate(batch.documents)
        if isinstance(d, ProjectEvaluation) and d.indicators
    }
    if not expected:  # hechi-2020 prints only a total: the frame has the join keys, no rows
        assert frame.empty and list(frame.columns) == list(KEYS)
        return
    assert _is_decimal(pd, frame["weight"])
    assert _sums(frame, "weight") == expected
    assert len(frame) == sum(
        len(d.indicators) for d in batch.documents if isinstance(d, ProjectEvaluation)
    )


@pytest.mark.parametrize("name", NAMES)
def test_rule_scores_sum_to_the_sheet_total(pd: Any, name: str) -> None:
    batch = examples.load(name)
    frame = to_frame(batch, table="scores")
    totals = {i: s.total for i, s in enumerate(score_all(batch)) if s and s.total is not None}
    if frame.empty:  # hechi-2020: no scored rows, only a reported total
        assert totals == {}
        return
    counted = frame[frame["top"] & (frame["status"] != LineStatus.NOT_APPLICABLE.value)]
    sums = _sums(counted, "used")
    assert {i: sums[i] for i in totals} == totals
    assert (frame["rules"].dropna() != "").all()


def test_a_named_rule_set_scores_every_document(pd: Any) -> None:
    batch = examples.load("liangshan-2023")
    sheets = score_all(batch, rules="national")
    documents = to_frame(batch, rules="national")
    scored = documents[documents["document_type"] != "final_accounts"]
    assert set(scored["rules"]) == {"national"}
    assert list(scored["total"]) == [s.total for s in sheets if s is not None]
    scores = to_frame(batch, table="scores", rules="national")
    assert set(scores["rules"]) == {"national"}


def test_the_liangshan_figures(pd: Any) -> None:
    batch = examples.load("liangshan-2023")
    documents = to_frame(batch)  # a batch defaults to one row per document
    assert len(documents) == 23
    row = documents.iloc[11]
    assert row["total"] == Decimal("99.47")
    assert row["batch"] == "liangshan-2023" and row["document"] == 11
    # The 120-point table is scored but not graded against the 100-point bands.
    odd = documents.iloc[17]
    assert (odd["maximum"], odd["rule_maximum"], odd["total"]) == (120, 100, Decimal("119.47"))
    assert not odd["gradable"] and odd["graded_total"] is pd.NA
    assert documents["gradable"].sum() == 22 - 1  # every scored document but that one
    assert documents["findings"].sum() == len(budgetperf.check(batch)) == 59
    # Σ executed of the projects' total rows, exactly as the model adds it.
    budget = to_frame(batch, table="budget")
    totals = budget[budget["row"] == 0]
    expected = sum(
        (
            d.budget.total.executed.to("万元").value
            for d in batch.documents
            if isinstance(d, ProjectEvaluation) and d.budget and d.budget.total.executed
        ),
        Decimal(0),
    )
    assert totals["executed_wan_yuan"].sum() == expected
    assert documents["executed_wan_yuan"].sum() == expected
    # The same frame in 元: every amount × 10 000, exactly.
    in_yuan = to_frame(batch, table="budget", unit="元")
    assert in_yuan[in_yuan["row"] == 0]["executed_yuan"].sum() == expected * 10_000
    assert in_yuan["executed_yuan"].sum() == budget["executed_wan_yuan"].sum() * 10_000
    assert "executed_wan_yuan" not in in_yuan.columns and "executed_unit" not in in_yuan.columns


def test_every_row_carries_the_join_keys(pd: Any) -> None:
    batch = examples.load("liangshan-2023")
    for table in ("documents", "indicators", "budget", "scores", "findings", "statements"):
        frame = to_frame(batch, table=table)
        assert list(frame.columns[: len(KEYS)]) == list(KEYS), table
        assert (frame["batch"] == "liangshan-2023").all()
        assert (frame["year"] == 2023).all()
    indicators = to_frame(batch, table="indicators")
    document = batch.documents[11]
    assert isinstance(document, ProjectEvaluation)
    mine = indicators[indicators["document"] == 11]
    assert set(mine["project_code"]) == {str(document.code)}
    assert set(mine["layout"]) == {document.layout}


def test_findings_frames(pd: Any) -> None:
    batch = examples.load("liangshan-2023")
    findings = budgetperf.check(batch)
    bare = to_frame(findings)
    assert list(bare["code"]) == [f.code for f in findings]
    # The document index is read from the batch path prefix.
    assert list(bare["document"]) == [
        int(f.path.split("[", 1)[1].split("]", 1)[0]) for f in findings
    ]
    keyed = to_frame(batch, table="findings")
    assert list(keyed["code"]) == list(bare["code"])
    assert list(keyed["document"]) == list(bare["document"])
    accounts = keyed["document_type"] == "final_accounts"
    assert keyed[accounts]["rules"].isna().all() and accounts.any()
    assert set(keyed[~accounts]["rules"]) == {"sichuan-2023"}
    # Expected and reported are the figures as text, never a decimal column.
    assert not _is_decimal(pd, keyed["reported"])
    english = budgetperf.check(examples.load("ziyang-2022"), locale="en_US")
    assert list(to_frame(english)["message"]) == [f.message for f in english]
    assert len(english) == 10


def test_a_score_sheet_alone(pd: Any) -> None:
    sheet = budgetperf.score(examples.load("liangshan-2023").of_type(ProjectEvaluation)[9])
    frame = to_frame(sheet)
    assert len(frame) == len(sheet.lines)
    assert frame["used"].sum() == sheet.total == Decimal("99.47")
    assert str(frame["document"].dtype) == "int64[pyarrow]"


# -- a generated batch -------------------------------------------------------------------


def test_generated_batch_sums(pd: Any, synthetic: Batch) -> None:
    indicators = to_frame(synthetic, table="indicators")
    assert set(_sums(indicators, "weight").values()) == {Decimal(90)}
    projects = synthetic.of_type(ProjectEvaluation)
    assert len(indicators) == sum(len(d.indicators) for d in projects)
    scores = to_frame(synthetic, table="scores")
    sheets = score_all(synthetic)
    totals = {i: s.total for i, s in enumerate(sheets) if s is not None and s.total is not None}
    assert {i: _sums(scores, "used")[i] for i in totals} == totals
    documents = to_frame(synthetic, table="documents")
    assert documents["total"].sum() == sum(totals.values(), Decimal(0))
    budget = to_frame(synthetic, table="budget")
    totals_rows = budget[budget["row"] == 0]
    expected = sum(
        (d.budget.total.executed.value for d in projects if d.budget and d.budget.total.executed),
        Decimal(0),
    )
    assert totals_rows["executed_wan_yuan"].sum() == expected
    by_department = documents.groupby("department")["executed_wan_yuan"].sum()
    assert sum(by_department, Decimal(0)) == expected


def test_bulk_outcomes(pd: Any, synthetic: Batch) -> None:
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in synthetic.documents[:20]]
    outcomes = list(evaluate_lines(lines))
    frame = to_frame(outcomes)
    assert list(frame["total"]) == [o.total for o in outcomes]
    assert frame["total"].sum() == sum((o.total for o in outcomes if o.total), Decimal(0))
    findings = to_frame(outcomes, table="findings")
    assert len(findings) == sum(len(o.findings) for o in outcomes) == frame["findings"].sum()
    # The outcomes carry the documents' join keys, as the batch's own frame does.
    documents = to_frame(synthetic)[:20]
    assert list(frame["department"]) == list(documents["department"])
    assert list(frame["project_code"]) == list(documents["project_code"])
    assert set(frame["rules"]) == {"sichuan-2023"}  # the layout of every generated form


def test_score_all_where_score_of_a_batch_refuses() -> None:
    batch = examples.load("liangshan-2023")
    with pytest.raises(BudgetPerfError):
        budgetperf.score(batch)  # type: ignore[arg-type]
    sheets = score_all(batch)
    assert len(sheets) == 23 and sheets[0] is None
    assert sheets[11] is not None and sheets[11].total == Decimal("99.47")
    assert score_all(batch, rules="national")[11] is not None


# -- the exactness contract --------------------------------------------------------------


@settings(max_examples=40)
@given(strategies.rich_project_evaluations())
def test_one_row_per_indicator_with_the_model_decimals(document: ProjectEvaluation) -> None:
    pd = pytest.importorskip("pandas")
    frame = to_frame(document, table="indicators")
    assert len(frame) == len(document.indicators)
    if not document.indicators:
        return
    for column, values in (
        ("weight", [x.weight for x in document.indicators]),
        ("reported_score", [x.reported_score for x in document.indicators]),
        ("target_value", [x.target.value for x in document.indicators]),
        ("actual_value", [x.actual.value if x.actual else None for x in document.indicators]),
    ):
        got = [None if v is pd.NA else v for v in frame[column].tolist()]
        assert got == values, column
        assert all(v is None or isinstance(v, Decimal) for v in got)


@settings(max_examples=30)
@given(strategies.rich_project_evaluations())
def test_fund_rows_keep_every_amount(document: ProjectEvaluation) -> None:
    pd = pytest.importorskip("pandas")
    frame = to_frame(document, table="budget", unit="元")
    rows = document.budget.rows if document.budget else ()
    assert len(frame) == len(rows)
    for field in ("initial_budget", "adjusted_budget", "executed"):
        got = [None if v is pd.NA else v for v in frame.get(f"{field}_yuan", pd.Series([]))]
        want = [
            None if getattr(r, field) is None else getattr(r, field).to("元").value for r in rows
        ]
        assert got == want, field


@settings(max_examples=25)
@given(strategies.final_accounts())
def test_final_accounts_lines_in_wan_yuan(accounts: Any) -> None:
    pytest.importorskip("pandas")
    frame = to_frame(accounts, table="functional_lines")
    assert len(frame) == len(accounts.functional_lines)
    if len(frame):
        assert frame["amount_wan_yuan"].sum() == sum(
            (line.amount.value for line in accounts.functional_lines), Decimal(0)
        )


@settings(max_examples=40)
@given(strategies.department_evaluations())
def test_department_top_lines_add_up_to_the_total(evaluation: DepartmentEvaluation) -> None:
    pytest.importorskip("pandas")
    sheet = budgetperf.score(evaluation)
    frame = to_frame(evaluation, table="scores")
    assert len(frame) == len(sheet.lines)
    if sheet.total is None or frame.empty:
        return
    # Every node of the tree is a row; the first-level ones are what the total adds.
    assert frame[frame["top"]]["used"].sum() == sheet.total
    assert frame["top"].sum() == len(evaluation.dimensions)


batches = st.builds(
    lambda docs: Batch(name="random", documents=tuple(docs)),
    st.lists(
        st.one_of(
            strategies.rich_project_evaluations(),
            strategies.final_accounts(),
            strategies.department_evaluations(),
        ),
        max_size=4,
    ),
)


@settings(max_examples=40)
@given(batches, st.sampled_from(["元", "万元"]))
def test_every_record_figure_is_in_the_frame_exactly(batch: Batch, unit: str) -> None:
    pd = pytest.importorskip("pandas")
    suffix = {"元": "yuan", "万元": "wan_yuan"}[unit]
    for table, records in record_tables(batch).items():
        frame = to_frame(batch, table=table, unit=unit)
        assert len(frame) == len(records), table
        for i, record in enumerate(records):
            row = frame.iloc[i]
            assert row["batch"] == "random" and row["document"] == record["document"]
            for key, value in record.items():
                if not isinstance(value, Decimal):
                    continue
                if f"{key}_unit" in record:  # an amount: converted, exactly, to the frame's unit
                    got, want = row[f"{key}_{suffix}"], Amount(value, record[f"{key}_unit"])
                    assert got == want.to(unit).value, (table, key)
                else:
                    assert row[key] == value, (table, key)
        for column in frame.columns:
            values = [v for v in frame[column] if v is not pd.NA]
            if any(isinstance(v, Decimal) for v in values):
                assert _is_decimal(pd, frame[column]), (table, column)


# -- refusals ------------------------------------------------------------------------------


def _wide(weight: Decimal) -> ProjectEvaluation:
    return ProjectEvaluation(
        name="项目",
        year=2023,
        indicators=(
            Indicator(
                level1="产出指标",
                level2="数量指标",
                name="宽",
                target=Measure(text="1", value=Decimal(1)),
                weight=weight,
            ),
        ),
    )


def test_a_value_too_wide_is_refused_not_rounded(pd: Any) -> None:
    # The widest figure a document holds (28 significant digits, docs/formats.md#limits)
    # fits a 38-digit column exactly; a wider one is refused before any frame is built.
    fits = Decimal("1" * 20 + "." + "1" * 8)
    assert to_frame(_wide(fits))["weight"].tolist() == [fits]
    too_wide = Decimal("1" * 20 + "." + "1" * 19)
    with pytest.raises(ValidationError) as caught:
        _wide(too_wide)
    assert caught.value.field == "Indicator.weight"


def test_unknown_tables_and_objects_are_refused(pd: Any) -> None:
    with pytest.raises(FrameError, match="documents"):
        to_frame(examples.load("ziyang-2022"), table="nonsense")
    with pytest.raises(FrameError):
        to_frame(budgetperf.score(_wide(Decimal(1))), table="findings")
    with pytest.raises(FrameError):
        to_frame(42)
    with pytest.raises(FrameError):
        to_frame([1, 2])


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # importing it now raises ImportError
    with pytest.raises(ExtraMissingError) as caught:
        to_arrow(examples.load("ziyang-2022"))
    assert "pip install 'budgetperf[pandas]'" in str(caught.value)
    assert isinstance(caught.value, ImportError | BudgetPerfError)


def test_arrow_table_matches_the_frame(pd: Any) -> None:
    batch = examples.load("shaoguan-2019")
    (evaluation,) = batch.of_type(DepartmentEvaluation)
    table = to_arrow(batch, table="dimensions")
    frame = to_frame(batch, table="dimensions")
    assert table.num_rows == len(frame) > 0
    assert list(table.column_names) == list(frame.columns)
    top = frame[~frame["path"].str.contains(".children", regex=False)]
    assert top["weight"].sum() == sum((d.weight for d in evaluation.dimensions), Decimal(0))
    assert table["weight"].to_pylist() == frame["weight"].tolist()


# -- bounded displays of long collections --------------------------------------------------


def test_findings_repr_and_display_are_bounded() -> None:
    findings = budgetperf.check(examples.load("liangshan-2023"))
    text = repr(findings)
    assert text.startswith("<Findings: 59 (11 error, 17 warning, 31 info): functional.class_sum")
    assert text.endswith("; … 56 more>")
    assert repr(Findings()) == "<Findings: none>"
    wrong = generate(200, seed=2, mistake_rate=Decimal("0.5"))
    many = budgetperf.check(Batch(name="many", documents=tuple(wrong)))
    assert len(many) > DISPLAY_ROWS and len(repr(many)) < 500
    html = many._repr_html_()
    assert html.count("<tr class=") == DISPLAY_ROWS
    assert f"{len(many) - DISPLAY_ROWS} more rows not shown" in html
    assert "more rows" not in Findings(findings[:10])._repr_html_()


def test_summary_repr_and_display_are_bounded(synthetic: Batch) -> None:
    projects = examples.load("liangshan-2023").of_type(ProjectEvaluation)
    summary = summarize(projects)
    text = repr(summary)
    assert text.startswith("Summary(count=21, scored=20, mean=Decimal('99.3115')")
    assert text.endswith(
        "grades=(优=19, 良=1, 中=0, 差=0), sheets=<21 ScoreSheet>, left_out=<1 sheets>)"
    )
    html = summary._repr_html_()
    assert "<td>99.31</td>" in html and html.count("<tr><td>") == 21
    assert "more rows" not in html and "另有 1 个未计入均分" in html
    large = summarize(synthetic.of_type(ProjectEvaluation))
    assert len(repr(large)) < 500
    html = large._repr_html_()
    assert html.count("<tr><td>") == DISPLAY_ROWS
    assert f"{150 - DISPLAY_ROWS} more rows not shown" in html
