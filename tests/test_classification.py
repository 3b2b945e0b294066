"""Classification: official names by year, aliases, unknown codes, user-supplied editions."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import check, classify, examples
from budgetperf.checks import Finding, Severity
from budgetperf.checks.messages import MESSAGES
from budgetperf.classification import (
    CodeEntry,
    Confidence,
    Level,
    Resolution,
    TableKind,
    economic_table,
    edition_for,
    functional_table,
    government_codes_for,
    name_key,
    shipped_tables,
)
from budgetperf.classification.edition import parse_edition_rows
from budgetperf.classification.evidence import (
    EVIDENCE_COLUMNS,
    Evidence,
    EvidenceKind,
    confidence_of,
    crosswalk_to_tsv,
    entries_to_tsv,
    parse_evidence,
)
from budgetperf.errors import ParseError, UnknownCodeError
from budgetperf.io import load_classification
from budgetperf.model import FinalAccounts
from budgetperf.render.messages import localize

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


# -- evidence, confidence and the build -------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "classification"


def _build_script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_classification", ROOT / "scripts" / "build_classification.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build_script()
EVIDENCE = BUILD.load_evidence()


def test_shipped_tables_are_the_build_of_the_evidence() -> None:
    for kind, (entries, _) in BUILD.build().items():
        shipped = BUILD.target(kind).read_text(encoding="utf-8")
        assert entries_to_tsv(entries) == shipped, kind


def _evidence_for(kind: TableKind, entry: CodeEntry) -> list[Evidence]:
    return [
        e
        for e in EVIDENCE
        if e.table is kind
        and e.code == entry.code
        and name_key(e.name) == name_key(entry.name)
        and not e.rejected
    ]


def test_every_row_is_backed_by_its_evidence() -> None:
    counted = dict.fromkeys(Confidence, 0)
    for kind in TableKind:
        (table,) = shipped_tables(kind)
        for entry in table.entries:
            found = _evidence_for(kind, entry)
            counted[entry.confidence] += 1
            if entry.confidence is Confidence.OFFICIAL:
                assert any(e.kind is EvidenceKind.EDITION for e in found), entry
            elif entry.confidence is Confidence.ATTESTED:
                by_year: dict[int, set[str]] = {}
                for e in found:
                    if e.kind is EvidenceKind.DOCUMENT:
                        by_year.setdefault(e.year, set()).add(e.publisher)
                assert max(len(p) for p in by_year.values()) >= 2, entry
            elif entry.confidence is Confidence.SINGLE:
                assert found, entry
            else:
                assert not found, entry
                assert entry.source == "recalled"
            for e in found:
                assert e.url in entry.source
                assert str(e.year) in entry.years
    # Real numbers of this build: what is attested and official today.
    assert counted[Confidence.OFFICIAL] >= 20
    assert counted[Confidence.ATTESTED] >= 10


def test_confidence_rules() -> None:
    def ev(publisher: str, year: int, kind: EvidenceKind, note: str = "") -> Evidence:
        return Evidence(
            table=TableKind.FUNCTIONAL,
            code="2082602",
            name="财政对城乡居民基本养老保险基金的补助",
            year=year,
            url=f"https://{publisher}",
            title="t",
            publisher=publisher,
            kind=kind,
            note=note,
        )

    doc = EvidenceKind.DOCUMENT
    assert confidence_of([]) is Confidence.RECALLED
    assert confidence_of([ev("a", 2025, doc)]) is Confidence.SINGLE
    # Two publishers, but in different years: not attested.
    assert confidence_of([ev("a", 2024, doc), ev("b", 2025, doc)]) is Confidence.SINGLE
    # The same publisher twice: not independent.
    assert confidence_of([ev("a", 2025, doc), ev("a", 2025, doc)]) is Confidence.SINGLE
    assert confidence_of([ev("a", 2025, doc), ev("b", 2025, doc)]) is Confidence.ATTESTED
    # Test data never attests.
    fixture = EvidenceKind.FIXTURE
    assert confidence_of([ev("a", 2025, doc), ev("b", 2025, fixture)]) is Confidence.SINGLE
    assert confidence_of([ev("mof", 2024, EvidenceKind.EDITION)]) is Confidence.OFFICIAL
    assert confidence_of([ev("a", 2025, doc, "reject: misprint")]) is Confidence.RECALLED


def test_attested_and_official_rows_from_real_sources() -> None:
    table = functional_table(2025)
    # 韶关 and 常德 finance bureaus both print it in 2025 notices.
    entry = table.entry("2082602", year=2025)
    assert entry.name == "财政对城乡居民基本养老保险基金的补助"
    assert entry.confidence is Confidence.ATTESTED
    # The 2024 edition's page for 21305 (财预〔2023〕83号).
    assert table.entry("2130504", year=2024).confidence is Confidence.OFFICIAL
    assert (
        classify("2130504", year=2024).path
        == "农林水支出 / 巩固脱贫攻坚成果衔接乡村振兴 / 农村基础设施建设"
    )


def test_misprints_are_kept_as_evidence_but_not_loaded() -> None:
    rejected = {(e.code, e.name) for e in EVIDENCE if e.rejected}
    assert ("50304", "专用材料购置") in rejected
    assert "50304" not in economic_table("government").codes
    assert ("2100299", "其它公立医院支出") in rejected
    assert [r.name for r in functional_table().rows("2100299")] == ["其他公立医院支出"]


def test_evidence_errors_name_file_and_row() -> None:
    text = "\t".join(EVIDENCE_COLUMNS) + "\nfunctional\t20x\t名\tu\tt\tp\tdocument\t\n"
    with pytest.raises(ParseError) as info:
        parse_evidence(text, year=2023, file="2023.tsv")
    assert (info.value.file, info.value.row) == ("2023.tsv", 2)
    with pytest.raises(ParseError) as header:
        parse_evidence("code\tname\n", year=2023, file="2023.tsv")
    assert header.value.row == 1


def test_renames_are_bounded_by_the_years_printed() -> None:
    table = functional_table()
    # 岳阳 2019 prints 其他农业支出, 平阳 2021 其他农业农村支出.
    assert table.entry("2130199", year=2019).name == "其他农业支出"
    assert table.entry("2130199", year=2021).name == "其他农业农村支出"
    # 湖南 2018 prints 其他文化支出; 柞水 2020 其他文化和旅游支出.
    assert classify("2070199", year=2018).path == "文化体育与传媒支出 / 文化 / 其他文化支出"
    assert classify("2070199", year=2023).name == "其他文化和旅游支出"
    assert "其他文化支出" in classify("2070199", year=2023).aliases


# -- what the table can say about a code -------------------------------------------------


@pytest.mark.parametrize(
    ("code", "year", "resolution"),
    [
        ("2060702", 2023, Resolution.KNOWN),
        ("234", 2020, Resolution.KNOWN),
        ("234", 2023, Resolution.OTHER_YEAR),
        ("2010101", 2023, Resolution.NOT_COVERED),  # 201 is known, its 款 not yet
        ("2050203", 2023, Resolution.NOT_COVERED),  # 20502 is known, 初中教育 not yet
        ("2080906", 2023, Resolution.UNKNOWN),  # 20809 is listed in full by the 2023 edition
        ("299", 2023, Resolution.UNKNOWN),
        ("29901", 2023, Resolution.UNKNOWN),
        ("2x6", 2023, Resolution.UNKNOWN),
    ],
)
def test_status(code: str, year: int, resolution: Resolution) -> None:
    status = functional_table(year).status(code, year=year)
    assert status.resolution is resolution
    if resolution is Resolution.OTHER_YEAR:
        assert status.other_years == ("2020–2021",)
    if resolution is Resolution.NOT_COVERED:
        assert status.ancestor is not None and code.startswith(status.ancestor.code)


def _documents_with_codes() -> list[tuple[str, int, str, str]]:
    found = []
    for name in examples.names():
        for document in examples.load(name).documents:
            if isinstance(document, FinalAccounts):
                for line in document.functional_lines:
                    found.append((name, document.year, line.functional_code, line.name))
                for eco in document.economic_lines:
                    found.append((name, document.year, eco.economic_code, eco.name))
    return found


EXAMPLE_CODES = _documents_with_codes()


def test_examples_have_codes() -> None:
    assert len(EXAMPLE_CODES) >= 20


@pytest.mark.parametrize(("example", "year", "code", "name"), EXAMPLE_CODES)
def test_every_example_code_resolves_for_its_year(
    example: str, year: int, code: str, name: str
) -> None:
    kind = TableKind.for_code(code)
    assert kind is not None
    status = edition_for(kind, year).status(code, year=year)
    assert status.resolution is Resolution.KNOWN, (example, code)


def _published_tables() -> list[tuple[str, int, list[tuple[str, str]]]]:
    text = (FIXTURES / "liangshan-ertong-2020.txt").read_text(encoding="utf-8")
    pairs = re.findall(r"(\d{3}) (\d{2}) (\d{2}) \d{6} (\S+)", text)
    ertong = [(a + b + c, name) for a, b, c, name in pairs]
    liangshan = [(code, name) for ex, _, code, name in EXAMPLE_CODES if ex == "liangshan-2023"]
    return [("liangshan-ertong-2020", 2020, ertong), ("liangshan-2023", 2023, liangshan)]


@pytest.mark.parametrize(("label", "year", "pairs"), _published_tables())
def test_published_tables_resolve_to_their_printed_names(
    label: str, year: int, pairs: list[tuple[str, str]]
) -> None:
    assert pairs, label
    resolved = 0
    for code, name in pairs:
        kind = TableKind.for_code(code)
        assert kind is not None
        table = edition_for(kind, year)
        if table.status(code, year=year).resolution is Resolution.KNOWN and (
            table.is_official_name(code, name, year=year) or code in table.codes_named(name)
        ):
            resolved += 1
    assert resolved / len(pairs) >= 0.95, (label, resolved, len(pairs))


# -- properties ---------------------------------------------------------------------------

_ALL = [(kind, code) for kind in TableKind for code in sorted(shipped_tables(kind)[0].codes)]


@given(st.sampled_from(_ALL), st.integers(min_value=2014, max_value=2026))
def test_every_prefix_of_a_resolved_path_is_in_the_table(
    item: tuple[TableKind, str], year: int
) -> None:
    kind, code = item
    table = shipped_tables(kind)[0]
    status = table.status(code, year=year)
    assert status.resolution is not Resolution.UNKNOWN
    if status.resolution is Resolution.KNOWN:
        result = table.lookup(code, year=year)
        assert [e.code for e in result.levels] == [code[:n] for n in (3, 5, 7) if n <= len(code)]
        for entry in result.levels:
            assert entry.code in table.codes
            assert entry.in_force(year)


_BOUNDED = [
    (entry.code, entry.name, entry.valid_from, entry.valid_to)
    for entry in shipped_tables(TableKind.FUNCTIONAL)[0].entries
    if entry.valid_from is not None or entry.valid_to is not None
]


@given(st.sampled_from(_BOUNDED), st.integers(min_value=2014, max_value=2026))
def test_renamed_codes_resolve_to_the_name_of_the_year(
    row: tuple[str, str, int | None, int | None], year: int
) -> None:
    code, name, start, end = row
    table = functional_table()
    in_range = (start is None or year >= start) and (end is None or year <= end)
    rows = [r for r in table.rows(code) if r.in_force(year)]
    if in_range and len(rows) == 1:
        assert table.entry(code, year=year).name == name
    if not in_range:
        assert all(r.name != name for r in rows)


@given(st.text(alphabet="0123456789", min_size=1, max_size=8))
def test_status_never_raises(code: str) -> None:
    status = functional_table().status(code, year=2023)
    assert isinstance(status.resolution, Resolution)


# -- the checks that use the table --------------------------------------------------------

LIANGSHAN = examples.load("liangshan-2023")
(ACCOUNTS,) = LIANGSHAN.of_type(FinalAccounts)


def _findings_for(code: str, name: str, year: int = 2023) -> list[Finding]:
    """Findings on one functional line of the 凉山 accounts, recoded."""
    line = ACCOUNTS.functional_lines[0]
    changed = attrs.evolve(
        ACCOUNTS,
        year=year,
        functional_lines=(attrs.evolve(line, functional_code=code, name=name),),
    )
    return [
        f
        for f in check(changed)
        if f.code in ("functional.unknown_code", "functional.name")
        and f.path.startswith("$.functional_lines[0]")
    ]


def test_unknown_code_no_edition_knows_is_an_error() -> None:
    (finding,) = _findings_for("299", "并无此类")
    assert (finding.code, finding.severity) == ("functional.unknown_code", Severity.ERROR)
    assert finding.template == MESSAGES["functional.unknown_code"]
    assert dict(finding.params)["prefix"] == "299"


def test_absent_under_a_fully_listed_section_is_an_error() -> None:
    (finding,) = _findings_for("2080906", "并无此项")
    assert finding.severity is Severity.ERROR
    assert finding.template == MESSAGES["functional.unknown_code.listed"]
    assert (dict(finding.params)["parent"], dict(finding.params)["parent_name"]) == (
        "20809",
        "退役安置",
    )


def test_code_the_table_does_not_cover_yet_is_info() -> None:
    (finding,) = _findings_for("2010101", "行政运行")
    assert finding.severity is Severity.INFO
    assert finding.template == MESSAGES["functional.unknown_code.not_covered"]
    assert dict(finding.params)["ancestor"] == "201"
    assert dict(finding.params)["confidence"] == "single"


def test_code_of_another_year_is_a_warning_with_both_years() -> None:
    (finding,) = _findings_for("234", "抗疫特别国债安排的支出")
    assert finding.severity is Severity.WARNING
    assert finding.template == MESSAGES["functional.unknown_code.other_year"]
    assert (dict(finding.params)["year"], dict(finding.params)["years"]) == ("2023", "2020–2021")


def test_name_mismatch_warns_only_on_confirmed_rows() -> None:
    # 2080901 comes from the 2023 edition's own page: a different name is a warning.
    (official,) = _findings_for("2080901", "退役士兵安置费")
    assert (official.code, official.severity) == ("functional.name", Severity.WARNING)
    assert "xzcs2022.com/kjfgk/20997" in dict(official.params)["sources"]
    assert dict(official.params)["confidence"] == "official"
    # 2080505 is printed by one 2023 document only: the same kind of difference is info.
    (single,) = _findings_for("2080505", "机关事业单位基本养老保险缴费")
    assert single.severity is Severity.INFO
    assert single.template == MESSAGES["functional.name.unconfirmed"]
    # A former name is info, and brackets printed differently are no difference at all.
    (alias,) = _findings_for("20805", "行政事业单位离退休")
    assert alias.template == MESSAGES["functional.name.alias"]
    assert _findings_for("2100601", "中医(民族医)药专项", year=2018) == []


def test_messages_read_in_english_too() -> None:
    (other_year,) = _findings_for("234", "抗疫特别国债安排的支出")
    assert localize(other_year, "en_US").message == (
        "functional code 234 is valid in 2020–2021, not in the document's year 2023"
    )
    (gap,) = _findings_for("2010101", "行政运行")
    english = localize(gap, "en_US").message
    assert english.startswith("functional code 2010101 is not in the shipped 2023 table yet")
    assert "classification import" in english


# -- importing an official edition ----------------------------------------------------------

# The official layout: code split over 类/款/项 columns, then name and 说明. The rows are the
# 2023 edition's 退役安置 款 as republished (财预〔2022〕107号), one name changed and one
# 项 left out, so that the diff has something to find, plus one 款 the shipped table lacks.
EDITION_ROWS = [
    ("208", "", "", "社会保障和就业支出", "反映政府在社会保障与就业方面的支出。"),
    ("", "09", "", "退役安置", "反映用于退役军人安置方面的支出"),
    ("", "", "01", "退役士兵安置", "反映对符合条件的退役士兵、转业士官的安置支出。"),
    ("", "", "02", "军队移交政府的离退休人员安置", ""),
    ("", "", "03", "军队移交政府离退休干部管理机构", ""),
    ("", "", "04", "退役士兵管理教育", ""),
    ("", "", "05", "军队转业干部安置和管理", ""),
    ("201", "", "", "一般公共服务支出", ""),
    ("", "01", "", "人大事务", ""),
    ("", "", "01", "行政运行", "反映行政单位（包括实行公务员管理的事业单位）的基本支出。"),
]


def _pdf(path: Path) -> None:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    pdfmetrics = pytest.importorskip("reportlab.pdfbase.pdfmetrics")
    cidfonts = pytest.importorskip("reportlab.pdfbase.cidfonts")
    pdfmetrics.registerFont(cidfonts.UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    page.setFont("STSong-Light", 9)
    page.drawString(200, 800, "2023年政府收支分类科目")
    columns = (50, 80, 110, 140, 330)
    for x, title in zip(columns, ("类", "款", "项", "科目名称", "说明"), strict=True):
        page.drawString(x, 780, title)
    y = 764
    for row in EDITION_ROWS:
        for x, text in zip(columns, row, strict=True):
            if text:
                page.drawString(x, y, text)
        y -= 14
    page.drawString(330, y, "（续上行说明）")
    page.drawString(50, y - 14, "附注：本表据财政部印发本整理")
    page.showPage()
    page.save()


def _xlsx(path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "支出功能分类"
    sheet.append(["2023年政府收支分类科目"])
    sheet.append(["类", "款", "项", "科目名称", "说明"])
    for row in EDITION_ROWS:
        sheet.append([int(c) if c.isdigit() and len(c) == 3 else c or None for c in row])
    book.save(path)


@pytest.mark.parametrize("make", [_pdf, _xlsx], ids=["pdf", "xlsx"])
def test_edition_in_the_official_layout_is_read(make: types.FunctionType, tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    from budgetperf.io.edition import read_edition

    path = tmp_path / ("edition.pdf" if make is _pdf else "edition.xlsx")
    make(path)
    table, rows = read_edition(path, year=2023)
    assert [e.code for e in table.entries] == [
        "208",
        "20809",
        "2080901",
        "2080902",
        "2080903",
        "2080904",
        "2080905",
        "201",
        "20101",
        "2010101",
    ]
    assert table.lookup("2080905", year=2023).name == "军队转业干部安置和管理"
    assert table.entry("20809", year=2023).confidence is Confidence.OFFICIAL
    if make is _pdf:
        # Nothing vanishes: the note under the table is reported with its place.
        assert [u.text for u in rows.unparsed] == ["附注：本表据财政部印发本整理"]
        assert rows.unparsed[0].location.startswith("page 1 line ")
    # An official edition lists everything: a code it lacks does not exist.
    assert table.status("2080906", year=2023).resolution is Resolution.UNKNOWN


def test_import_command_writes_the_table_and_reports_the_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pdfplumber")
    from budgetperf.cli import main

    pdf = tmp_path / "2023年政府收支分类科目.pdf"
    _pdf(pdf)
    out = tmp_path / "functional-2023.csv"
    assert main(["classification", "import", str(pdf), "--year", "2023", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "10 个科目（类 2，款 2，项 6）" in text
    assert "  更名 renamed: 2080905 军队转业干部安置 → 军队转业干部安置和管理" in text
    assert "  新增 added: 2010101 行政运行" in text
    assert "  停用 retired: 2080999 其他退役安置支出" in text
    assert out.read_text(encoding="utf-8").splitlines()[:3] == [
        "科目编码,科目名称",
        "208,社会保障和就业支出",
        "20809,退役安置",
    ]
    # The written file is what classify --table and load_classification read.
    assert main(["classify", "2010101", "--year", "2023", "--table", str(out)]) == 0
    assert "一般公共服务支出 / 人大事务 / 行政运行" in capsys.readouterr().out
    assert load_classification(out, year=2023).lookup("20809", year=2023).name == "退役安置"
    # JSON output lists the same diff.
    assert main(["classification", "import", str(pdf), "--year", "2023", "-o", str(out),
                 "--format", "json"]) == 0  # fmt: skip
    report = json.loads(capsys.readouterr().out)
    assert report["levels"] == {"类": 2, "款": 2, "项": 6}
    assert ["2080905", "军队转业干部安置", "军队转业干部安置和管理"] in report["renamed"]


def test_import_of_a_csv_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from budgetperf.cli import main

    csv_path = tmp_path / "2025.csv"
    csv_path.write_text(
        "科目编码,科目名称\n208,社会保障和就业支出\n20809,退役安置\n", encoding="utf-8"
    )
    assert main(["classification", "import", str(csv_path), "--year", "2025"]) == 0
    assert (tmp_path / "2025.2025.csv").exists()
    assert "2 个科目" in capsys.readouterr().out


def test_import_without_the_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetperf.io.edition import read_edition

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    for name, extra in (("e.pdf", "pdf"), ("e.xlsx", "excel")):
        (tmp_path / name).write_bytes(b"x")
        with pytest.raises(ParseError) as info:
            read_edition(tmp_path / name, year=2025)
        assert f"budgetperf[{extra}]" in str(info.value)
        assert info.value.file == str(tmp_path / name)


def test_import_errors_are_budgetperf_errors(tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    from budgetperf.io.edition import read_edition

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ParseError) as info:
        read_edition(broken, year=2025)
    assert info.value.file == str(broken)
    other = tmp_path / "edition.docx"
    other.write_bytes(b"")
    with pytest.raises(ParseError):
        read_edition(other, year=2025)


def test_edition_rows_with_whole_codes_and_furniture() -> None:
    rows = parse_edition_rows(
        [
            ("row 1", ("支出功能分类科目",)),
            ("row 2", ("2010101 行政运行",)),
            ("row 3", ("２０１０３", "政府办公厅（室）及相关机构事务")),
            ("row 4", ("- 3 -",)),
            ("row 5", ("2010", "坏编码")),
        ]
    )
    assert rows.pairs == (("2010101", "行政运行"), ("20103", "政府办公厅（室）及相关机构事务"))
    assert [(u.location, u.text) for u in rows.unparsed] == [
        ("row 1", "支出功能分类科目"),
        ("row 5", "2010 坏编码"),
    ]


def test_docs_report_the_counts_of_this_build() -> None:
    docs = (ROOT / "docs" / "classification.md").read_text(encoding="utf-8")
    shown = docs.split("<!-- counts:begin -->\n")[1].split("\n<!-- counts:end -->")[0]
    assert shown == BUILD.counts_markdown(BUILD.build())


def test_crosswalk_from_the_two_sets_table() -> None:
    # The 2020 对照表: 30108–30112 are reported under 50102 社会保障缴费 (机关).
    for code in ("30108", "30109", "30110", "30111", "30112"):
        assert government_codes_for(code, 2023) == ("50102",)
    assert government_codes_for("30215") == ("50202",)
    # 30107 绩效工资 exists only for 事业单位 (505): the 机关 crosswalk has no line for it.
    assert government_codes_for("30107") == ()
    with pytest.raises(UnknownCodeError):
        government_codes_for("30198")
    built = crosswalk_to_tsv(BUILD.load_crosswalk())
    assert built == (BUILD.DATA / "crosswalk.tsv").read_text(encoding="utf-8")


def test_codes_of_the_audited_seed_reports_resolve_for_their_year() -> None:
    from budgetperf.audit import audit

    seen = 0
    for seed in sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt")):
        for document in audit(seed).batch.documents:
            if not isinstance(document, FinalAccounts):
                continue
            for line in document.functional_lines:
                status = functional_table(document.year).status(
                    line.functional_code, year=document.year
                )
                assert status.resolution is Resolution.KNOWN, (seed.name, line.functional_code)
                seen += 1
    assert seen >= 20


def test_code_added_by_the_2024_revision() -> None:
    # 财预〔2024〕22号 增设 22006 耕地保护考核奖惩基金支出 under 220 (政府性基金预算).
    table = functional_table()
    assert table.entry("22006", year=2024).confidence is Confidence.OFFICIAL
    status = table.status("22006", year=2023)
    assert status.resolution is Resolution.OTHER_YEAR
    assert status.other_years == ("2024–",)
    assert (
        classify("2300412", year=2025).path
        == "转移性支出 / 政府性基金转移支付 / 自然资源海洋气象等"
    )


def test_a_code_the_table_does_not_cover_says_so() -> None:
    with pytest.raises(UnknownCodeError) as info:
        classify("2010101", year=2023)
    assert info.value.not_covered == "201"
    assert "classification import" in str(info.value)
    # A code no edition knows keeps the plain message.
    with pytest.raises(UnknownCodeError) as plain:
        classify("2080906", year=2023)
    assert plain.value.not_covered is None
