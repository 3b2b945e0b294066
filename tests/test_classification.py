"""Classification: official names by year, aliases, unknown codes, user-supplied editions."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetperf import classify
from budgetperf.classification import (
    Confidence,
    Level,
    TableKind,
    economic_table,
    functional_table,
    shipped_tables,
)
from budgetperf.errors import ParseError, UnknownCodeError
from budgetperf.io import load_classification

# Every functional code 002_a45521c9d62b1714.txt names, with its official name.
SEED_002_CODES = {
    "2060701": "机构运行",
    "2060702": "科普活动",
    "2060703": "青少年科技活动",
    "2060704": "学术交流活动",
    "2060799": "其他科学技术普及支出",
    "2069999": "其他科学技术支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2101199": "其他行政事业单位医疗支出",
    "2210201": "住房公积金",
}


def test_issue_example() -> None:
    result = classify("2060702", year=2023)
    assert result.names == ("科学技术支出", "科学技术普及", "科普活动")
    assert [e.level for e in result.levels] == [Level.CATEGORY, Level.SECTION, Level.ITEM]


@pytest.mark.parametrize(("code", "name"), sorted(SEED_002_CODES.items()))
def test_every_seed_002_code_resolves(code: str, name: str) -> None:
    result = classify(code, year=2023)
    assert result.name == name
    assert result.entry.confidence is not Confidence.RECALLED


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("206", "科学技术支出"),
        ("20607", "科学技术普及"),
        ("30217", "公务接待费"),
        ("50206", "公务接待费"),
        ("302", "商品和服务支出"),
    ],
)
def test_three_five_and_seven_digit_codes(code: str, name: str) -> None:
    assert classify(code, year=2023).name == name


def test_seed_misspellings_are_not_official_names() -> None:
    table = functional_table(2023)
    assert not table.is_official_name("221", "住房保障自出", year=2023)
    assert table.is_official_name("221", "住房保障支出", year=2023)
    assert not table.is_official_name("2101103", "公务员医疗补充", year=2023)
    assert table.codes_named("公务员医疗补充") == ()
    assert table.codes_named("公务员医疗补助") == ("2101103",)


@pytest.mark.parametrize(
    ("code", "old_year", "old_name", "new_name"),
    [
        ("210", 2016, "医疗卫生与计划生育支出", "卫生健康支出"),
        ("207", 2016, "文化体育与传媒支出", "文化旅游体育与传媒支出"),
        ("220", 2017, "国土海洋气象等支出", "自然资源海洋气象等支出"),
        ("20805", 2019, "行政事业单位离退休", "行政事业单位养老支出"),
    ],
)
def test_renamed_codes_resolve_by_year(
    code: str, old_year: int, old_name: str, new_name: str
) -> None:
    assert classify(code, year=old_year).name == old_name
    new = classify(code, year=2023)
    assert new.name == new_name
    assert old_name in new.aliases
    assert classify(code).name == new_name
    # Both names lead back to the one code.
    assert code in functional_table().codes_named(old_name)


def test_code_only_in_some_years() -> None:
    assert classify("234", year=2020).name == "抗疫特别国债安排的支出"
    with pytest.raises(UnknownCodeError):
        classify("234", year=2023)


@pytest.mark.parametrize("code", ["2060709", "999", "20607021", "abc", "1100306", ""])
def test_unknown_codes_raise_with_code_and_year(code: str) -> None:
    with pytest.raises(UnknownCodeError) as info:
        classify(code, year=2023)
    assert info.value.code == code
    assert info.value.year == 2023
    assert code in str(info.value)
    assert isinstance(info.value, LookupError)


def test_unknown_code_suggests_neighbours() -> None:
    with pytest.raises(UnknownCodeError) as info:
        classify("2060709", year=2023)
    assert "2060702" in info.value.suggestions


def test_shipped_tables_carry_source_and_confidence() -> None:
    for kind in TableKind:
        (table,) = shipped_tables(kind)
        assert table.edition == 2023
        for entry in table.entries:
            assert entry.source, entry
            assert entry.confidence in Confidence
            if entry.parent is not None:
                assert entry.parent in table.codes


def test_shipped_functional_table_covers_domain_reference() -> None:
    table = functional_table()
    classes = {c for c in table.codes if len(c) == 3}
    assert {"201", "205", "206", "207", "208", "210", "221", "224", "229", "230", "234"} <= classes
    for code in ("20601", "20605", "20699", "20801", "20805", "20899", "21001", "21011", "22102"):
        assert code in table.codes


def test_economic_tables() -> None:
    department = economic_table("department", 2023)
    assert department.lookup("31013").path == "资本性支出 / 公务用车购置"
    assert department.lookup("30231").name == "公务用车运行维护费"
    # Pre-2018 economic names are dated rows.
    assert department.entry("30104", year=2016).name == "社会保障缴费"
    with pytest.raises(UnknownCodeError):
        department.entry("30104", year=2023)


def test_user_csv_edition_replaces_shipped_table(tmp_path: Path) -> None:
    csv_path = tmp_path / "2025.csv"
    csv_path.write_bytes(
        "\ufeff科目编码,科目名称\n206,科学技术支出\n20607,科学技术普及\n2060702,科普活动\n"
        "2060708,新设的项\n".encode()
    )
    table = load_classification(csv_path, year=2025)
    assert table.edition == 2025
    assert (
        classify("2060708", year=2025, table=table).path == "科学技术支出 / 科学技术普及 / 新设的项"
    )


def test_user_csv_in_gb18030(tmp_path: Path) -> None:
    csv_path = tmp_path / "gbk.csv"
    csv_path.write_bytes("206,科学技术支出\n20607,科学技术普及\n".encode("gb18030"))
    table = load_classification(csv_path, year=2024)
    assert table.lookup("20607", year=2024).name == "科学技术普及"


def test_user_csv_errors_name_file_and_row(tmp_path: Path) -> None:
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text("code,name\n206,科学技术支出\n2060,坏编码\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        load_classification(csv_path, year=2025)
    assert info.value.file == str(csv_path)
    assert info.value.row == 3
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ParseError):
        load_classification(binary, year=2025)
