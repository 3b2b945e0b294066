"""Final accounts read from the sentences: the accounts corpus and the rules of the fields."""

from __future__ import annotations

from decimal import Decimal

from budgetperf.audit import audit_text
from budgetperf.audit.accounts import VOCABULARY, field_of
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.money import Amount
from tests.accounts_corpus import accounts_of, differences, entries, expected_flat, flatten
from tests.statement_corpus import entries as statement_entries

# Each difference left, with its reason (tests/corpus/statements/README-accounts.md).
KNOWN = {
    # 财政拨款收入 is the sum of the three appropriations, no income source of the model: as
    # for the template's sentence, the total is then left out (listed as unparsed), so that
    # it is not compared with lines that are not all its parts.
    # (s-010's is split into its sources in the text, which are read in its place.)
    "s-027 income_total: read —, written 113527900",
    "s-122 income_total: read —, written 66287200",  # 财政补助收入, the older name
    "s-123 income_total: read —, written 39302000",
    "s-124 income_total: read —, written 52596900",
    # Sources stated one by one are the income only when they add up to 本年收入合计: s-120's
    # excerpt is cut after the appropriations (17776.10 of 17786.10万元).
    "s-120 income.一般公共预算财政拨款收入: read —, written 177761000",
    "s-120 income.政府性基金预算财政拨款收入: read —, written 0",
    # "“三公”经费支\n出决算总额": a PDF's line break inside the name, after a line with no
    # clause mark (a heading, as far as a line can tell): the name read is "出决算总额".
    "s-082 three_public.reported_total: read —, written 54800",
}
THRESHOLD = 0.95
# The 三公经费 entries that are budgets (预算, 安排情况), by their titles.
BUDGETS_OF_THREE_PUBLIC = {"s-012", "s-017", "s-022", "s-024", "s-031", "s-037", "s-041"}


def _wan(text: str) -> Amount:
    return Amount.parse(text + "万元")


def _accounts(text: str) -> FinalAccounts | None:
    return accounts_of(text, "t")


def test_the_accounts_corpus_is_read_field_by_field() -> None:
    corpus = list(entries())
    assert 15 <= len(corpus) <= 60
    written = sum(len(expected_flat(e.expected)) for e in corpus)
    found = {d for e in corpus for d in differences(e)}
    assert found == KNOWN
    assert 1 - len(found) / written >= THRESHOLD, (written, sorted(found))


def test_no_budget_makes_final_accounts_fields() -> None:
    for entry in statement_entries():
        kind = entry.header.get("kind", "")
        if ("预算" in kind and "决算" not in kind) or entry.name in BUDGETS_OF_THREE_PUBLIC:
            assert flatten(accounts_of(entry.body, entry.name)) == {}, entry.name
    # The 三公 budget of a summary: every part stated, none a final account (its statements
    # are still checked).
    assert (
        flatten(
            _accounts(
                "经汇总，2023年区级部门（单位）一般公共预算“三公”经费支出预算为2493.77万元，其中：因公出国"
                "（境）费用83万元，公务用车购置及运行维护费1534.95万元，公务接待费875.82万元。"
            )
        )
        == {}
    )


def test_synonyms_have_one_home() -> None:
    fields = [name for name, _ in VOCABULARY]
    assert len(fields) == len(set(fields))
    assert (
        field_of("因公出国（境）经费")
        == field_of("因公出国(境)费支出决算")
        == "three_public.outbound"
    )
    assert field_of("公务用车购置及运维费") == "three_public.reported_vehicle_total"
    assert field_of("公务用车（含执勤执法用车）运行支出") == "three_public.vehicle_operation"
    assert field_of("国内接待费支出") == "three_public.domestic_reception"
    assert field_of("外事接待费") == "three_public.foreign_reception"
    assert field_of("收、支总计") == field_of("收入总计") == "grand_total"
    assert field_of("结转下年支出") is None  # not a total of the year
    assert field_of("一般公共预算财政拨款“三公”经费支出年初预算") == "three_public.budget"
    assert field_of("年初预算") is None
    assert field_of("因公出国（境）决算支出") == "three_public.outbound"
    assert field_of("车辆购置支出") == "three_public.vehicle_purchase"
    assert field_of("车辆运行维护费支出") == "three_public.vehicle_operation"
    assert field_of("车辆购置税") is None


def test_income_sources_stated_one_by_one_are_the_income() -> None:
    accounts = _accounts(
        "2021年度本年收入合计390.55万元。\n1.一般公共预算财政拨款收入382.17万元。\n"
        "2.上级补助收入8.38万元。\n3.上年结转和结余190.89万元。"
    )
    assert accounts is not None
    assert {(line.source.value, line.amount) for line in accounts.income} == {
        ("一般公共预算财政拨款收入", _wan("382.17")),
        ("上级补助收入", _wan("8.38")),
        ("年初结转和结余", _wan("190.89")),
    }
    # A source given two figures is none of them.
    accounts = _accounts(
        "2021年度本年收入合计390.55万元。\n上级补助收入8.38万元。\n上级补助收入9万元。"
    )
    assert accounts is not None and accounts.income == ()


def test_a_part_of_a_three_public_item_is_no_department_total() -> None:
    accounts = _accounts(
        "2015年公务接待费9.95万元。\n2015年公务接待费主要用于执行公务。其中：外事接待费支出0万元，"
        "国内公务接待221批次，1768人，共计支出9.95万元。"
    )
    assert "expenditure_total" not in flatten(accounts)


def test_lines_a_pdf_broke_inside_a_sentence_are_read_together() -> None:
    accounts = _accounts(
        "2021年度本年收入合计390.55万元,本年支出合计480.71\n万元,较2020年度决算数减少90.49万元。"
    )
    assert accounts is not None
    assert flatten(accounts)["expenditure_total"] == "4807100"


def test_a_figure_of_another_year_or_of_the_budget_is_not_the_accounts() -> None:
    accounts = _accounts(
        "2023年度公务接待费支出决算1.2万元。\n"
        "2022年“三公”经费财政拨款支出决算为3.46万元，较上年增加2.4万元，增长0.24%。"
    )
    assert accounts is not None and accounts.three_public is not None
    assert accounts.three_public.reception == _wan("1.2")
    assert accounts.three_public.reported_total is None
    # "支出预算为…，支出决算为…": the second names the final account of the first's matter.
    accounts = _accounts(
        "2021年度一般公共预算财政拨款“三公”经费支出预算为246万元，支出决算为167.37万元，"
        "完成预算的68%。"
    )
    assert accounts is not None and accounts.three_public is not None
    three = accounts.three_public
    assert (three.reported_total, three.budget) == (_wan("167.37"), _wan("246"))


def test_two_figures_of_one_field_the_narrower_is_kept_or_none() -> None:
    result = audit_text(
        "2023年度，各单位使用财政拨款安排的“三公”经费支出合计12万元，同比减少1万元。"
        "其中，一般公共预算财政拨款安排的“三公”经费支出合计10万元，同比减少1万元。"
    )
    accounts = next(d for d in result.batch.documents if isinstance(d, FinalAccounts))
    assert accounts.three_public is not None
    assert accounts.three_public.reported_total == _wan("10")
    listed = [u for u in result.unparsed if u.reason.startswith("three_public.reported_total")]
    assert [u.text[:12] for u in listed] == ["各单位使用财政拨款安排的"]
    # Two different figures of the same scope: the field is left, both are listed.
    result = audit_text(
        "2023年度公务接待费支出决算2万元，同比减少1万元。2023年度公务接待费支出决算3万元，同比减少1万元。"
    )
    accounts = next(d for d in result.batch.documents if isinstance(d, FinalAccounts))
    assert accounts.three_public is None or accounts.three_public.reception is None
    listed = [u for u in result.unparsed if u.reason.startswith("three_public.reception")]
    assert len(listed) == 2


def test_the_corpus_errors_of_the_fields_are_real() -> None:
    # s-039 prints 基本支出 911.7万元 "其中" 人员经费 489.18万元 and 公用经费 46.89万元 (536.07).
    entry = next(e for e in entries() if e.name == "s-039")
    findings = audit_text(entry.body, file="s-039.txt").findings
    codes = {(f.code, f.reported) for f in findings if f.code.startswith("expenditure.")}
    assert codes == {("expenditure.personnel_public", "911.7")}


def test_a_total_named_zong_is_what_its_parts_make_it() -> None:
    # s-122: 总收入 whose parts are the year's sources is 本年收入合计.
    accounts = _accounts(
        "2017年总收入6628.72万元，其中：一般公共预算财政拨款收入2339.68万元，事业收入4131.31万元，"
        "其他收入157.74万元。\n2017年总支出7778.55万元，其中财政项目补助支出683.20万元，"
        "基本支出7095.35万元。"
    )
    read = flatten(accounts)
    assert (read["income_total"], read["expenditure_total"]) == ("66287200", "77785500")
    assert "grand_total" not in read
    # s-081: 总收入 of which 本年收入 is a part is the 收、支总计.
    accounts = _accounts("本单位2021年度总收入581.45万元，其中本年收入390.55万元。")
    assert flatten(accounts) == {"grand_total": "5814500", "income_total": "3905500"}


def test_the_appropriations_stated_stand_for_caizheng_bokuan_shouru() -> None:
    # s-010: the list names 财政拨款收入, and its sources are stated after it.
    text = (
        "2017年度，本单位收入为1687.45万元，其中：财政拨款收入1516.64万元，占89.88%；"
        "事业收入170.81万元，占10.12%。\n"
        "2017年度，本单位财政拨款收入总计1516.64万元。其中：一般公共预算财政拨款收入"
        "1486.64万元，政府性基金预算财政拨款收入30万元。"
    )
    read = flatten(_accounts(text))
    assert read["income_total"] == "16874500"
    assert {k: v for k, v in read.items() if k.startswith("income.")} == {
        "income.一般公共预算财政拨款收入": "14866400",
        "income.政府性基金预算财政拨款收入": "300000",
        "income.事业收入": "1708100",
    }
    # Sources that do not add up to the appropriations are not put in their place.
    read = flatten(_accounts(text.replace("收入30万元", "收入20万元")))
    assert "income_total" not in read and "income.一般公共预算财政拨款收入" not in read


def test_sources_stated_one_by_one_are_the_income_only_when_they_add_up() -> None:
    # s-120: the excerpt is cut after the appropriations (17776.10 of 17786.10万元).
    result = audit_text(
        "2023年度本年收入合计17786.10万元，比上年减少3433.46万元。\n"
        "1.财政拨款收入17776.10万元，占收入合计的99.94%。其中：一般公共预算财政拨款收入"
        "17776.10万元；政府性基金预算财政拨款收入0.00万元。"
    )
    accounts = next(d for d in result.batch.documents if isinstance(d, FinalAccounts))
    assert accounts.income == ()
    assert not [f for f in result.findings if f.code == "income.sum"]
    listed = [u for u in result.unparsed if "逐项列出的收入来源" in u.reason]
    assert len(listed) == 2


def test_the_split_of_the_years_total_gives_basic_before_a_funds() -> None:
    accounts = _accounts(
        "2017年总支出7778.55万元，其中财政项目补助支出683.20万元，基本支出7095.35万元。\n"
        "1.基本支出1656.48万元，占一般公共预算财政拨款总支出的70.80%。"
    )
    assert flatten(accounts)["basic"] == "70953500"


def test_the_expenditure_after_a_funds_income_is_that_funds() -> None:
    # s-121: "一般公共预算财政拨款本年收入979.53万元，…；本年支出869.0万元".
    accounts = _accounts(
        "2019年度一般公共预算财政拨款本年收入979.53万元，比上年增加28.13万元；本年支出869.0万元，"
        "比上年增加240.09万元。\n政府性基金预算财政拨款本年收入225.58万元；本年支出225.58万元。"
    )
    read = flatten(accounts)
    assert read["general_budget_expenditure"] == "8690000"
    assert "expenditure_total" not in read  # a fund's 本年支出 is no department total


def test_a_bare_zhichu_is_no_department_total() -> None:
    # s-126: "2018年公务接待24批次，210人次，支出2.05万元".
    accounts = _accounts(
        "2018年度公务接待费支出2.05万元。\n2018年公务接待24批次，210人次，支出2.05万元。"
    )
    assert "expenditure_total" not in flatten(accounts)


def test_a_comparison_with_the_budget_of_the_year_marks_an_outturn() -> None:
    # s-126 names no 决算: "支出…与年初预算对比情况" compares an outturn with its budget.
    accounts = _accounts(
        "二、“三公”经费财政拨款支出与年初预算对比情况。\n2018年度本部门一般公共预算财政拨款安排的"
        "“三公”经费支出2.05万元，年初预算为2.95万元，差值为0.9万元。"
    )
    assert accounts is not None and accounts.three_public is not None
    assert (accounts.three_public.reported_total, accounts.three_public.budget) == (
        _wan("2.05"),
        _wan("2.95"),
    )
    # A budget compared with last year's budget is still a budget (s-017).
    assert (
        flatten(
            _accounts(
                "2024年一般公共预算“三公”经费支出预算为14.01万元。与2023年预算相比增长16.75%。"
            )
        )
        == {}
    )


def test_a_completion_whose_budget_a_change_gives_is_checked() -> None:
    # s-121: 1205.11 is 537.35 under the budget (1742.46): 69.16 %, printed 70 %.
    result = audit_text(
        "本部门2019年度财政拨款本年收入1205.11万元，完成年初预算的70%，比年初预算减少537.35万元。"
    )
    found = [
        (f.code, f.severity.value, f.reported)
        for f in result.findings
        if f.code == "statement.rate"
    ]
    assert found == [("statement.rate", "error", "70")]
    result = audit_text(
        "本部门2019年度财政拨款本年收入1205.11万元，完成年初预算的69%，比年初预算减少537.35万元。"
    )
    assert not [f for f in result.findings if f.code == "statement.rate"]


def test_the_parts_of_a_budget_fill_no_field() -> None:
    # A 2022 budget before the 2021 outturn: the budget's parts are no final account.
    accounts = _accounts(
        "2022年度“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，公务接待11.8万元，"
        "公务用车运行费用10万元。\n2022年度公务接待费支出决算11万元。"
    )
    assert accounts is not None and accounts.three_public is not None
    assert accounts.three_public.outbound is None
    assert accounts.three_public.reception == _wan("11")


def _entry(name: str) -> str:
    return next(e.body for e in entries() if e.name == name)


def _codes(text: str, prefix: tuple[str, ...] = ("procurement.", "state_assets.")) -> set[str]:
    return {f.code for f in audit_text(text, file="t.txt").findings if f.code.startswith(prefix)}


def test_procurement_is_read_from_the_statements_and_checked() -> None:
    # s-011: a unit's 政府采购决算 (traditional script with pinyin): goods + works + services
    # are the total exactly, and the shares printed are the contracts' (20.497 %, 6.693 %).
    accounts = _accounts(_entry("s-011"))
    assert accounts is not None and accounts.procurement is not None
    p = accounts.procurement
    assert (p.total, p.goods, p.works, p.services) == (
        _wan("28861.938591"),
        _wan("4895.574316"),
        _wan("23143.890913"),
        _wan("822.473362"),
    )
    assert (p.sme_share_percent, p.small_micro_share_percent) == (Decimal("20.5"), Decimal("6.7"))
    assert _codes(_entry("s-011")) == set()
    # The same sentence with a share and a part misprinted: each is reported.
    wrong = _entry("s-011").replace("20.5%", "25.5%").replace("1931.863140", "9931.863140")
    assert _codes(wrong) == {"procurement.share", "procurement.order"}
    # A part that is not the whole's (货物 misprinted) is a sum error.
    assert "procurement.parts_sum" in _codes(_entry("s-011").replace("4895.574316", "4995.574316"))


def test_a_share_of_another_whole_is_not_the_procurement_share() -> None:
    # The national wording: "授予小微企业合同金额…，占授予中小企业合同金额的48.6%".
    accounts = _accounts(
        "2019年度政府采购支出总额33067万元，其中授予中小企业合同金额24519.1万元，占政府采购支出总额的"
        "74.1%，其中授予小微企业合同金额11922.3万元，占授予中小企业合同金额的48.6%。"
    )
    assert accounts is not None and accounts.procurement is not None
    assert accounts.procurement.sme_share_percent == Decimal("74.1")
    assert accounts.procurement.small_micro_share_percent is None


def test_vehicles_and_their_kinds_are_read_and_added_up() -> None:
    # s-023: 公务用车总数1,763辆 and eight kinds (0 + 3 + 0 + 10 + 417 + 15 + 0 + 1318).
    accounts = _accounts(_entry("s-023"))
    assert accounts is not None and accounts.state_assets is not None
    assets = accounts.state_assets
    assert assets.vehicles == 1763 and len(assets.vehicle_kinds) == 8
    assert assets.vehicle_kind_sum() == 1763
    assert not _codes(_entry("s-023"), ("state_assets.",))
    wrong = _entry("s-023").replace("其他用车1,318辆", "其他用车1,418辆")
    findings = [f for f in audit_text(wrong).findings if f.code == "state_assets.vehicle_sum"]
    assert [(f.severity.value, f.reported) for f in findings] == [("error", "1863")]
    # s-005: 公务用车购置100辆 is a purchase, the vehicles held are 345.
    accounts = _accounts(_entry("s-005"))
    assert accounts is not None and accounts.state_assets is not None
    assert accounts.state_assets.vehicles == 345


def test_the_template_paragraph_of_other_matters_is_read_with_the_operating_expenses() -> None:
    # The national template's wording: 机关运行经费 (read by a template pattern) and 政府采购 in
    # one paragraph, then the vehicles and the equipment of 100万元 and more.
    accounts = _accounts(
        "2023年度，本部门机关运行经费支出10.5万元。2023年度政府采购支出总额52.36万元，其中：政府采购"
        "货物支出30.12万元、政府采购工程支出0万元、政府采购服务支出22.24万元。\n"
        "截至2023年12月31日，本部门共有车辆3辆，其中：主要负责人用车0辆、机要通信用车1辆、"
        "执法执勤用车2辆；单价100万元（含）以上设备（不含车辆）1台（套）。"
    )
    assert accounts is not None and accounts.procurement is not None
    assert accounts.operating_expenses == _wan("10.5")
    assert accounts.procurement.total == _wan("52.36")
    assert accounts.state_assets is not None
    assert (accounts.state_assets.vehicles, accounts.state_assets.equipment_over_million) == (3, 1)
    # A budget's procurement is no final account.
    budget = _accounts("2024年政府采购预算17000元，其中：政府采购货物预算10000元。")
    assert budget is None or budget.procurement is None


def test_the_year_of_the_outturn_is_the_year_of_the_accounts() -> None:
    # s-100: the 2022 budget printed before the 2021 outturn. The accounts are the
    # outturn's, of 2021; the budget's figures fill nothing, and no change is misread.
    text = (
        "一、2022年“三公”经费预算安排情况\n"
        "2022年度“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，公务接待11.8万元，"
        "公务用车运行费用10万元。\n"
        "二、2021年“三公”经费决算情况\n"
        "2021年度“三公”经费合计支出20.12万元，其中：因公出国（境）经费0万元，公务接待12.39万元，"
        "公务用车运行费用7.73万元。\n"
        "2022年度“三公”经费预算较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元，"
        "减少4.68%。"
    )
    result = audit_text(text)
    accounts = _accounts(text)
    assert accounts is not None and accounts.year == 2021
    assert flatten(accounts) == {
        "three_public.reported_total": "201200",
        "three_public.outbound": "0",
        "three_public.reception": "123900",
        "three_public.vehicle_operation": "77300",
    }
    assert [f.code for f in result.findings if f.severity.value != "info"] == []
