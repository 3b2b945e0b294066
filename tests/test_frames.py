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
    TABLES,
    ExtraMissingError,
    FrameError,
    score_all,
    to_arrow,
    to_frame,
)
from budgetperf.io.json import to_envelope
from budgetperf.io.outputs import KEYS as OUTPUT_KEYS
from budgetperf.io.records import record_tables
from budgetperf.model import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    Indicator,
    Measure,
    ProjectEvaluation,
)
from budgetperf.money import Amount, total
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


def _every_batch() -> list[Batch]:
    generated = Batch(name="generated", documents=tuple(generate(200, seed=5)))
    return [*(examples.load(name) for name in NAMES), generated]


def _in_wan_yuan(amounts: Any) -> Decimal:
    """The library's exact sum (money.total) of the amounts present, in 万元."""
    present = [a.to("万元") for a in amounts if a is not None]
    return total(present, unit="万元").value


def test_frame_sums_are_the_library_totals_on_every_batch(pd: Any) -> None:
    batches = _every_batch()
    frames = []
    for batch in batches:
        documents = to_frame(batch)
        frames.append(documents)
        sheets = score_all(batch)
        scored = [s.total for s in sheets if s is not None and s.total is not None]
        assert documents["total"].sum() == sum(scored, Decimal(0)), batch.name
        reported = [getattr(d, "reported_total", None) for d in batch.documents]
        assert documents["reported_total"].sum() == sum(r for r in reported if r is not None)
        blocks = [
            d.budget.total
            for d in batch.documents
            if isinstance(d, ProjectEvaluation) and d.budget is not None
        ]
        for field in ("initial_budget", "adjusted_budget", "executed"):
            want = _in_wan_yuan(getattr(row, field) for row in blocks)
            assert documents[f"{field}_wan_yuan"].sum() == want, (batch.name, field)
        accounts = batch.of_type(FinalAccounts)
        for field in ("income_total", "expenditure_total"):
            want = _in_wan_yuan(getattr(a, field) for a in accounts)
            assert documents[f"{field}_wan_yuan"].sum() == want, (batch.name, field)
        lines = to_frame(batch, table="functional_lines")
        want = _in_wan_yuan(line.amount for a in accounts for line in a.functional_lines)
        assert (lines["amount_wan_yuan"].sum() if len(lines) else Decimal(0)) == want
        assert documents["findings"].sum() == len(budgetperf.check(batch))
        for table in TABLES:  # no float64 and no object column, in any table
            frame = to_frame(batch, table=table)
            kinds = {str(t) for t in frame.dtypes if not isinstance(t, pd.ArrowDtype)}
            assert not kinds, (batch.name, table, kinds)
            assert not [t for t in frame.dtypes if "double" in str(t) or "float" in str(t)]
    # Frames of different batches concatenate without leaving the decimal types, and the
    # sums over the concatenation are the sums over the batches.
    every = pd.concat(frames, ignore_index=True)
    for column in every.columns:
        if any(_is_decimal(pd, frame[column]) for frame in frames if column in frame):
            assert _is_decimal(pd, every[column]), column
    grand = sum(
        (s.total for b in batches for s in score_all(b) if s is not None and s.total is not None),
        Decimal(0),
    )
    assert every["total"].sum() == grand
    by_batch = every.groupby("batch")["total"].sum()
    assert by_batch["liangshan-2023"] == Decimal("2202.70")
    assert sum(by_batch, Decimal(0)) == grand


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


def test_score_all_is_score_of_a_batch() -> None:
    batch = examples.load("liangshan-2023")
    assert budgetperf.score(batch) == score_all(batch) == score_all(iter(batch.documents))


def test_bulk_outcomes_join_back_to_their_documents(pd: Any) -> None:
    batch = examples.load("liangshan-2023")
    lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in batch.documents]
    outcomes = list(evaluate_lines([*lines, "{not json"]))
    frame = to_frame(outcomes)
    assert list(frame.columns[: len(OUTPUT_KEYS) + 1]) == [*OUTPUT_KEYS, "line"]
    assert _is_decimal(pd, frame["total"]) and _is_decimal(pd, frame["reported_total"])
    # The unusable last line is a row of its own, with the reason, not dropped.
    last = frame.iloc[-1]
    assert (last["document"], last["line"]) == (23, 24) and "JSON" in last["error"]
    joined = to_frame(batch).merge(frame, on="document", suffixes=("", "_bulk"))
    assert len(joined) == 23
    scored = joined[joined["total"].notna()]
    assert (scored["total"] == scored["total_bulk"]).all()
    assert scored["total_bulk"].sum() == Decimal("2202.70") == scored["total"].sum()
    assert set(joined["department"]) == {d.department for d in batch.documents}
    assert (joined["findings"] == joined["findings_bulk"]).all()


def test_sheets_of_final_accounts_only_are_sheets_not_findings(pd: Any) -> None:
    sheets = score_all(examples.load("liangshan-2023").of_type(FinalAccounts))
    assert list(sheets) == [None]
    assert to_frame(sheets).empty and to_frame(sheets, table="documents").empty
    with pytest.raises(FrameError):
        to_frame(sheets, table="findings")


def test_score_all_scores_each_document_of_a_batch() -> None:
    batch = examples.load("liangshan-2023")
    sheets = score_all(batch)
    assert len(sheets) == 23 and sheets[0] is None
    assert sheets[11] is not None and sheets[11].total == Decimal("99.47")
    assert sheets[11] == budgetperf.score(batch.of_type(ProjectEvaluation)[9])
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


def _listed(html: str) -> int:
    # The rows of a display's last table (a summary's first table holds its six facts).
    return html.rsplit("<table", 1)[-1].count('<tr class="bp-row')


def test_summary_repr_and_display_are_bounded(synthetic: Batch) -> None:
    projects = examples.load("liangshan-2023").of_type(ProjectEvaluation)
    summary = summarize(projects)
    text = repr(summary)
    assert text.startswith("Summary(count=21, scored=20, mean=Decimal('99.3115')")
    assert text.endswith(
        "grades=(优=19, 良=1, 中=0, 差=0), sheets=<21 ScoreSheet>, left_out=<1 sheets>)"
    )
    html = summary._repr_html_()
    assert ">99.31</td>" in html and _listed(html) == 21
    assert "more rows" not in html and "另有 1 个未计入均分" in html
    large = summarize(synthetic.of_type(ProjectEvaluation))
    assert len(repr(large)) < 500
    html = large._repr_html_()
    assert _listed(html) == DISPLAY_ROWS
    assert f"{150 - DISPLAY_ROWS} more rows not shown" in html


@pytest.fixture(scope="module")
def large() -> Batch:
    # The case: 2,000 generated documents, some with mistakes so that findings abound.
    documents = generate(2000, seed=18, mistake_rate=Decimal("0.3"))
    return Batch(name="generated-2000", documents=tuple(documents))


REPR_BOUND = 300
"""The most characters the repr of any collection prints, however many documents."""
HTML_BOUND = 32_768
"""The most characters a collection's notebook display holds (DISPLAY_ROWS short rows)."""


def test_every_collection_of_2000_documents_displays_in_bounded_size(large: Batch) -> None:
    sheets = score_all(large)
    findings = budgetperf.check(large)
    summary = summarize(large.of_type(ProjectEvaluation))
    assert len(large.documents) == len(sheets) == summary.count == 2000
    assert len(findings) > DISPLAY_ROWS
    assert repr(large) == (
        "Batch(name='generated-2000', title='', "
        "documents=<2000 documents: 2000 ProjectEvaluation>, notes=<0 notes>)"
    )
    assert repr(sheets).startswith("<ScoreSheets: 2000 documents, 2000 scored, grades (优=")
    for collection in (large, sheets, findings, summary):
        text, html = repr(collection), collection._repr_html_()
        assert len(text) <= REPR_BOUND, type(collection).__name__
        assert len(html) <= HTML_BOUND, (type(collection).__name__, len(html))
        # The first DISPLAY_ROWS rows, then how many are not shown.
        assert _listed(html) == DISPLAY_ROWS
        assert "more rows not shown" in html, type(collection).__name__
    assert f"{2000 - DISPLAY_ROWS} more rows not shown" in large._repr_html_()
    assert f"{2000 - DISPLAY_ROWS} more rows not shown" in sheets._repr_html_()


def test_a_small_batch_lists_every_document_and_each_sheet() -> None:
    batch = examples.load("liangshan-2023")
    html = batch._repr_html_()
    assert _listed(html) == 23 and "more rows" not in html
    assert (
        '>11</td><td class="bp-kind bp-text" style="text-align:left">ProjectEvaluation</td>' in html
    )
    sheets = score_all(batch)
    shown = sheets._repr_html_()
    assert _listed(shown) == 23
    # Document 11: the rule total 99.47 beside the 98 the form prints.
    row = shown.split('<tr class="bp-row">')[12]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:5]] == [
        "11",
        "51340022T000000278908-凉山州级科普专项经费",
        "sichuan-2023",
        "99.47",
        "98",
    ]
    assert shown.count("not scored") == 1  # the final accounts, checked and not scored
    assert repr(sheets) == "<ScoreSheets: 23 documents, 22 scored, grades (优=20, 良=1)>"
    assert repr(sheets[11]) == (
        "ScoreSheet(kind='project', title='51340022T000000278908-凉山州级科普专项经费', "
        "rules='sichuan-2023', lines=<8 ScoreLine>, maximum=Decimal('100'), "
        "total=Decimal('99.47'), reported_total=Decimal('98'), grade='优')"
    )
