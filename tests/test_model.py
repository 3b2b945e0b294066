"""Domain model, first part: funding, spending, 三公, project codes, final accounts."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from budgetperf import Amount
from budgetperf.errors import ParseError, ValidationError
from budgetperf.model import (
    ExpenditureCategory,
    ExpenditureLine,
    FinalAccounts,
    FundingSource,
    GovernmentLevel,
    IncomeLine,
    ProjectCategory,
    ProjectCode,
    ThreePublicExpenses,
)


def wan(text: str) -> Amount:
    return Amount.parse(text, unit="万元")


BASIC, PROJECT = ExpenditureCategory.BASIC, ExpenditureCategory.PROJECT

# 002_a45521c9d62b1714.txt 五（三）: the 项 lines, exactly as printed.
SEED_002_LINES = [
    ("2060701", "机构运行", "296.11", BASIC),
    ("2060702", "科普活动", "12", PROJECT),
    ("2060703", "青少年科技活动", "2.8", PROJECT),
    ("2060704", "学术交流活动", "12", PROJECT),
    ("2060799", "其他科学技术普及支出", "300.19", PROJECT),
    ("2069999", "其他科学技术支出", "78.07", PROJECT),
    ("2080501", "行政单位离退休", "78.39", BASIC),
    ("2080502", "事业单位离退休", "2.21", BASIC),
    ("2080505", "机关事业单位基本养老保险缴费", "29.77", BASIC),
    ("2080506", "机关事业单位职业年金缴费支出", "14.89", BASIC),
    ("2101101", "行政单位医疗", "7.38", BASIC),
    ("2101102", "事业单位医疗", "2.74", BASIC),
    ("2101103", "公务员医疗补助", "8.77", BASIC),
    ("2101199", "其他行政事业单位医疗支出", "2.98", BASIC),
]


def seed_002() -> FinalAccounts:
    lines = [
        ExpenditureLine(functional_code=c, name=n, amount=wan(a), category=k)
        for c, n, a, k in SEED_002_LINES
    ]
    classes = [
        ExpenditureLine(functional_code=c, name=n, amount=wan(a))
        for c, n, a in [
            ("206", "科学技术支出", "701.17"),
            ("208", "社会保障和就业支出", "125.26"),
            ("210", "卫生健康支出", "21.88"),
            ("221", "住房保障自出", "25.74"),
        ]
    ]
    return FinalAccounts(
        department="凉山州科学技术协会",
        year=2023,
        income=[
            IncomeLine(
                source=FundingSource.GENERAL_BUDGET_APPROPRIATION,
                amount=wan("874.05"),
                share_percent=Decimal("100"),
            )
        ],
        income_total=wan("874.05"),
        expenditure_total=wan("874.05"),
        basic=wan("468.99"),
        project=wan("405.06"),
        personnel=wan("417.82"),
        public=wan("51.17"),
        functional_lines=classes + lines,
        three_public=ThreePublicExpenses(
            outbound=wan("0"),
            vehicle_purchase=wan("0"),
            vehicle_operation=wan("7.41"),
            reception=wan("0.19"),
            reported_total=wan("7.6"),
        ),
    )


def test_seed_002_functions_sum_to_total() -> None:
    doc = seed_002()
    classes = [doc.functional_total(c) for c in ("206", "208", "210", "221")]
    assert sum((a.value for a in classes if a is not None), Decimal(0)) == Decimal("874.05")
    assert doc.functional_item_sum("206") == wan("701.17")
    assert doc.functional_item_sum("208") == wan("125.26")
    # As printed, the 210 items add to 21.87 against a class total of 21.88 (a rounding
    # difference the checks must tolerate).
    assert doc.functional_item_sum("210") == wan("21.87")
    assert doc.income_sum() == doc.income_total
    assert doc.basic is not None and doc.project is not None
    assert doc.basic + doc.project == doc.expenditure_total
    assert doc.personnel is not None and doc.public is not None
    assert doc.personnel + doc.public == doc.basic


def test_seed_002_three_public() -> None:
    three = seed_002().three_public
    assert three is not None
    assert three.vehicle_total == wan("7.41")
    assert three.computed_total == three.reported_total


def test_three_public_parts_not_stated_are_unknown_and_so_are_their_sums() -> None:
    # "公务用车购置及运行维护费7.41万元" alone: 购置 and 运行维护 unknown, their sum as printed.
    three = ThreePublicExpenses(
        outbound=wan("0"), reception=wan("0.19"), reported_vehicle_total=wan("7.41")
    )
    assert (three.vehicle_purchase, three.vehicle_operation, three.vehicle_total) == (
        None,
        None,
        None,
    )
    assert three.vehicle_figure == wan("7.41")
    assert three.computed_total == wan("7.6")
    assert attrs.evolve(three, outbound=None).computed_total is None
    assert attrs.evolve(three, reported_vehicle_total=None).computed_total is None
    stated = attrs.evolve(three, vehicle_purchase=wan("0"), vehicle_operation=wan("7.4"))
    assert stated.vehicle_figure == stated.vehicle_total == wan("7.4")  # the parts come first


def test_records_are_frozen_and_lists_become_tuples() -> None:
    doc = seed_002()
    assert isinstance(doc.functional_lines, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.year = 2024  # type: ignore[misc]
    assert attrs.evolve(doc, year=2024).year == 2024


def test_validators_name_class_and_field() -> None:
    with pytest.raises(ValidationError) as info:
        ExpenditureLine(functional_code="2060702", name="x", amount="12")  # type: ignore[arg-type]
    assert info.value.field == "ExpenditureLine.amount"
    with pytest.raises(ValidationError) as info:
        ExpenditureLine(functional_code="3020", name="x", amount=wan("1"))
    assert info.value.field == "ExpenditureLine.functional_code"
    with pytest.raises(ValidationError):
        ThreePublicExpenses(
            outbound=wan("-1"),
            vehicle_purchase=wan("0"),
            vehicle_operation=wan("0"),
            reception=wan("0"),
        )


@pytest.mark.parametrize(
    ("text", "division", "year", "category", "serial"),
    [
        ("51340022T000000278908", "513400", 2022, ProjectCategory.SPECIFIC_PURPOSE, "000000278908"),
        ("51340021R000000033292", "513400", 2021, ProjectCategory.PERSONNEL, "000000033292"),
        ("51340023Y000007790848", "513400", 2023, ProjectCategory.OPERATION, "000007790848"),
        ("51000021R000000019951", "510000", 2021, ProjectCategory.PERSONNEL, "000000019951"),
    ],
)
def test_project_codes(
    text: str, division: str, year: int, category: ProjectCategory, serial: str
) -> None:
    code = ProjectCode.parse(text)
    assert (code.division, code.entry_year, code.category, code.serial) == (
        division,
        year,
        category,
        serial,
    )
    assert str(code) == text


@pytest.mark.parametrize("text", ["", "51340022X000000278908", "5134002T000000278908", "abc"])
def test_bad_project_codes(text: str) -> None:
    with pytest.raises(ParseError):
        ProjectCode.parse(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("中央财政", GovernmentLevel.CENTRAL),
        ("自治区财政", GovernmentLevel.PROVINCE),
        ("市县财政", GovernmentLevel.CITY),
        ("县级", GovernmentLevel.COUNTY),
    ],
)
def test_government_levels(text: str, level: GovernmentLevel) -> None:
    assert GovernmentLevel.parse(text) is level


def test_funding_sources() -> None:
    assert FundingSource.parse("一般公共预算财政拨款收入").is_appropriation
    assert not FundingSource.parse("事业收入").is_appropriation
    assert not FundingSource.parse("年初结转和结余").is_current_year_income
    assert (
        FundingSource.parse("用事业基金弥补收支差额")
        is FundingSource.NON_APPROPRIATION_BALANCE_USED
    )
    with pytest.raises(ParseError):
        FundingSource.parse("捐赠收入")
