"""The command line: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetperf.cli import main


def test_classify_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "2060702", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "科学技术支出 / 科学技术普及 / 科普活动" in out


def test_classify_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "210", "--year", "2016", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["names"] == ["医疗卫生与计划生育支出"]
    assert "卫生健康支出" in data["aliases"]


def test_classify_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "2060709"]) == 2
    assert "2060709" in capsys.readouterr().err


def test_classify_with_user_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("code,name\n206,科学技术支出\n20610,新款\n", encoding="utf-8")
    assert main(["classify", "20610", "--year", "2025", "--table", str(table)]) == 0
    assert "新款" in capsys.readouterr().out
    assert main(["classify", "20610", "--year", "2025", "--table", str(tmp_path / "none.csv")]) == 2


def test_score_prints_a_summary_of_several_projects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    # 21 tables; table 16 is out of 120, so it is left out of the mean and not graded.
    assert last.startswith("项目 21 个：规则均分 99.31")
    assert "等级 优 19、良 1" in last
    assert "另有 1 个未计入均分：51340022T000005849396-人才发展专项（满分 120" in last


def test_user_table_needs_its_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("code,name\n206,科学技术支出\n", encoding="utf-8")
    assert main(["classify", "206", "--table", str(table)]) == 2
    assert "--year" in capsys.readouterr().err
