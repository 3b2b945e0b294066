"""The bundled examples: the four founding reports, as published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetperf import examples
from budgetperf.cli import main
from budgetperf.errors import BudgetPerfError
from budgetperf.io.json import dumps, loads
from budgetperf.model import (
    Comparator,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectCategory,
    ProjectEvaluation,
)

# Indicator rows of each 附表 table in 002_a45521c9d62b1714.txt, counted in the report.
LIANGSHAN_INDICATOR_COUNTS = [2, 2, 2, 2, 2, 2, 4, 4, 4, 7, 7, 7, 7, 7, 7, 8, 7, 7, 7, 7, 6]


def test_names() -> None:
    assert examples.names() == ("hechi-2020", "liangshan-2023", "shaoguan-2019", "ziyang-2022")
    with pytest.raises(BudgetPerfError):
        examples.load("nowhere")


@pytest.mark.parametrize("name", examples.names())
def test_every_example_records_its_source(name: str) -> None:
    batch = examples.load(name)
    assert batch.source is not None and batch.source.file.endswith(".txt")
    for document in batch.documents:
        assert document.source is not None
        assert document.source.file == batch.source.file
        assert document.source.section


@pytest.mark.parametrize("name", examples.names())
def test_canonical_json_is_pinned(name: str) -> None:
    # The shipped file is the canonical form: writing the loaded example reproduces it byte
    # for byte, so a change to the format shows up as a changed file.
    assert dumps(examples.load(name)) == examples.text(name)
    assert loads(examples.text(name)) == examples.load(name)


def test_liangshan_counts() -> None:
    batch = examples.load("liangshan-2023")
    projects = batch.of_type(ProjectEvaluation)
    assert len(projects) == 21
    assert [len(p.indicators) for p in projects] == LIANGSHAN_INDICATOR_COUNTS
    assert len(batch.of_type(FinalAccounts)) == 1
    assert len(batch.of_type(DepartmentEvaluation)) == 1


def test_liangshan_tables_as_printed() -> None:
    projects = examples.load("liangshan-2023").of_type(ProjectEvaluation)
    categories = [p.code.category for p in projects if p.code is not None]
    assert categories.count(ProjectCategory.PERSONNEL) == 6
    # Two tables carry code 278908: the 州级 special fund and its sub-project.
    same_code = [p for p in projects if p.code is not None and p.code.serial == "000000278908"]
    assert [p.sub_project for p in same_code] == ["", "第38届凉山州青少年科技创新大赛"]
    table_14 = projects[13]
    # The comparator cell of its 社会效益 row is blank in the report: kept blank.
    assert table_14.indicators[3].comparator is None
    table_18 = projects[17]
    # 质量指标 scored 20 on a weight of 10, as printed.
    assert table_18.indicators[1].weight == 10
    assert table_18.indicators[1].reported_score == 20
    table_16 = projects[15]
    assert sum(i.weight or 0 for i in table_16.indicators) == 110
    table_10 = projects[9]
    assert table_10.budget is not None
    total = table_10.budget.total
    assert (str(total.initial_budget), str(total.adjusted_budget), str(total.executed)) == (
        "160.00万元",
        "148.00万元",
        "148.00万元",
    )
    assert table_10.indicators[2].actual is None  # 时效 完成值 blank
    assert table_10.indicators[5].comparator is Comparator.GE
    assert table_10.indicators[5].deviation_note.startswith("科普经费有限")


def test_liangshan_final_accounts_as_printed() -> None:
    (accounts,) = examples.load("liangshan-2023").of_type(FinalAccounts)
    assert str(accounts.grand_total) == "874.05万元"
    assert len(accounts.functional_items()) == 14
    assert accounts.functional_total("221") is not None
    three = accounts.three_public
    assert three is not None and str(three.reported_total) == "7.6万元"
    percents = {s.subject: s.percent for s in accounts.statements if s.subject == "“三公”经费"}
    assert str(percents["“三公”经费"]) == "647.24"
    assert [c.number for c in accounts.charts] == [f"图{i}" for i in range(1, 8)]


def test_ziyang_as_printed() -> None:
    (doc,) = examples.load("ziyang-2022").of_type(ProjectEvaluation)
    assert doc.budget is not None
    assert doc.budget.reported_score == 100
    assert doc.budget.total.reported_rate_percent == 100
    assert [str(r.executed) for r in doc.budget.rows[:2]] == ["28万元", "28万元"]
    assert doc.indicators[0].comparator is Comparator.GE
    assert doc.indicators[0].target.text == "≥5次"
    assert doc.indicators[3].target.value is None  # "2023年12月31日前" is text


def test_example_command_lists_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["example"]) == 0
    listing = capsys.readouterr().out
    assert "liangshan-2023" in listing and "ziyang-2022" in listing
    out = tmp_path / "h.json"
    assert main(["example", "hechi-2020", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "budgetperf/1"
    assert main(["score", str(out)]) == 0
    assert "学术交流活动经费" in capsys.readouterr().out


GOLDEN = Path(__file__).parent / "golden" / "findings"


@pytest.mark.parametrize("name", examples.names())
def test_findings_are_pinned(name: str) -> None:
    # Each finding was read against the original report (docs/examples.md lists what is
    # irregular there); a change in what the checks find shows up here.
    from budgetperf import check

    found = [
        {
            "code": f.code,
            "severity": f.severity.value,
            "path": f.path,
            "expected": f.expected,
            "reported": f.reported,
        }
        for f in check(examples.load(name))
    ]
    assert found == json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
