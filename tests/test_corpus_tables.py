"""Real published tables (tests/corpus/tables): layouts identified, every field read as printed.

Each item is a table as a public page published it, cut where the page was cut, beside the
reading written by hand (see tests/corpus/tables/README.md). An item this version cannot read
yet is listed in KNOWN with the reason, and the test insists that it still fails, so that one
that starts to pass is noticed and moved out of the list.
"""

from __future__ import annotations

import pytest

from budgetperf.checks import Severity
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from tests.corpus_tables import audit_item, identified, ids, item, mismatches

KNOWN = {
    "t-a-001": "the last cell of the excerpt (a note of 0) is cut where the page ends",
    "t-a-003": "the hand reading keeps a line holding only a 二级 label (质量指标 |) and a …… line "
    "as rows of their own; the rebuild reads the cells without the lines",
    "t-a-004": "PDF text extraction printed labels, values and row names in separate runs",
    "t-a-009": "the 得分计算方法 form is printed without separators the text reader can split",
    "t-a-010": "a target table without points: the model needs indicators without a weight",
    "t-b-003": "the text has no separators between cells at all",
    "t-b-006": "the budget block has no 分值 and the text runs cells together",
    "t-b-007": "OCR text without separators",
    "t-b-010": "indicators without points: the model needs indicators without a weight",
    "t-b-011": "a department scoring table: the model has no such document yet",
    "t-b-012": "a target table without points: the model needs indicators without a weight",
    "t-b-013": "PDF text layer prints header cells and values out of order",
    "t-c-004": "得分 cells merged over several rows are printed once; the hand reading repeats "
    "them, which the text does not show",
    "t-c-006": "indicators without points: the model needs indicators without a weight",
    "t-c-008": "a workbook's text layer on one line, labels and values interleaved",
    "t-c-009": "no separators, and every ASCII digit lost",
    "t-c-013": "goals and indicator cells interleaved line by line",
    "t-c-014": "the 一级 labels are lost and the 得分计算方法 cells run together",
    "t-c-015": "no separators between cells (303010100%)",
}


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[name], strict=True))
        if name in KNOWN
        else name
        for name in ids()
    ]


def test_the_corpus_is_broad() -> None:
    provinces = {item(name)[0]["province"] for name in ids()}
    assert len(ids()) >= 20
    assert len(provinces) >= 8
    assert not any(
        "科协" in item(name)[0]["place"] or "科学技术协会" in item(name)[1] for name in ids()
    )
    assert all(item(name)[0]["source"].startswith("http") for name in ids())


@pytest.mark.parametrize("name", ids())
def test_every_corpus_table_is_identified_as_written_by_hand(name: str) -> None:
    # Even where the fields cannot be read yet, the form is recognised (or, for a form
    # budgetperf does not ship, recognised as none): never guessed, never defaulted.
    assert identified(name) == item(name)[2]["layout"]


@pytest.mark.parametrize("name", _cases())
def test_corpus_table_reads_as_written_by_hand(name: str) -> None:
    assert mismatches(name) == []


@pytest.mark.parametrize("name", [n for n in ids() if n not in KNOWN])
def test_only_the_published_mistakes_are_errors(name: str) -> None:
    result = audit_item(name)
    projects = [
        d for d in result.batch.documents if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    # The hand reading lists the mistakes the published table really has ("errors", with
    # "errors_why"); any other error would be a false one.
    _, _, expected = item(name)
    assert sorted({f.code for f in errors}) == sorted(expected.get("errors", [])), [
        f.message for f in errors
    ]
    assert projects or expected["layout"] is None


def test_audit_warns_when_no_document_comes_out(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from budgetperf.cli import main

    path = Path(str(tmp_path)) / "t-b-008.txt"  # a 转移支付 form budgetperf does not ship
    path.write_text(item("t-b-008")[1], encoding="utf-8")
    assert main(["audit", str(path)]) == 0
    assert "未从文件中读出任何文档" in capsys.readouterr().err
    assert main(["audit", "--strict", str(path)]) == 1
