"""Statements as a grammar: normalisation, the wordings read, the corpus, the seeds, round trips."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from attrs import evolve as attrs_evolve
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budgetperf._hant import SIMPLIFIED, TRADITIONAL
from budgetperf.model.narrative import BaseSource, Statement, StatementKind
from budgetperf.money import Amount
from budgetperf.rates import Direction
from budgetperf.statements import normalise, read_statements, simplified
from tests.statement_corpus import as_expected, compare, entries

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
# A figure with a unit, in any spelling the corpus has (traditional, pinyin, full-width).
_FIGURE = re.compile(
    r"[\d０-９]+(?:[.．][\d０-９]+)?\s*(?:%|％|亿元|億元|万元|萬元|萬\(wàn\)元|元|辆|輛|批次|人次)"
)


def _read(text: str) -> list[Statement]:
    return [r.statement for r in read_statements(text).statements]


def wan(text: str) -> Amount:
    return Amount.parse(text + "万元")


# -- normalisation -------------------------------------------------------------------------


def test_traditional_pinyin_and_full_width_are_folded() -> None:
    text = "“三公”經(jīng)費(fèi)支出合計(jì)35萬(wàn)元,比上年減少２.２８萬元"
    n = normalise(text)
    assert n.text == "“三公”经费支出合计35万元，比上年减少2.28万元"
    # Every kept character points back at itself in the original.
    at = n.text.index("2.28")
    start, end = n.span(at, at + 4)
    assert text[start:end] == "２.２８"


def test_thousands_separators_and_spaces_inside_numbers() -> None:
    assert normalise("增长1,055.4%").text == "增长1055.4%"
    assert normalise("支出 822.473362 万元").text == "支出822.473362万元"
    # Two values of a list are not one number with a separator.
    assert normalise("各是4125.49,4143.91万元").text == "各是4125.49，4143.91万元"


def test_builtin_table_is_one_to_one() -> None:
    assert len(TRADITIONAL) == len(SIMPLIFIED) == len(set(TRADITIONAL))
    assert simplified("決算撥款較上年增長", library=False) == "决算拨款较上年增长"


def test_builtin_table_agrees_with_opencc() -> None:
    opencc = pytest.importorskip("opencc")
    convert = opencc.OpenCC("t2s").convert
    assert [convert(t) for t in TRADITIONAL] == list(SIMPLIFIED)


# -- the wordings read ---------------------------------------------------------------------


def test_change_against_last_year_with_amount_and_percent() -> None:
    income, spending, change, _ = _read(
        "2023年度收、支总计均为874.05万元。与2022年度相比，收、支总计各减少3.42万元，下降4%。"
    )
    # "收、支总计均为": one figure for each of the two subjects.
    assert [(s.kind, s.subject, s.figure) for s in (income, spending)] == [
        (StatementKind.AMOUNT, "收总计", wan("874.05")),
        (StatementKind.AMOUNT, "支总计", wan("874.05")),
    ]
    assert change.kind is StatementKind.CHANGE
    assert (change.figure, change.amount, change.percent) == (
        wan("874.05"),
        wan("3.42"),
        Decimal(4),
    )
    assert (change.amount_word, change.percent_word, change.against) == ("减少", "下降", "2022年度")
    assert change.direction is Direction.DECREASE
    assert change.base_source is BaseSource.DERIVED


@pytest.mark.parametrize(
    ("text", "against", "amount_word", "percent_word"),
    [
        ("公务接待费支出295.70万元，同比减少60.14万元，下降16.9%。", "同比", "减少", "下降"),
        ("公务接待费支出295.70万元，较上年减少60.14万元，下降16.9%。", "上年", "减少", "下降"),
        ("公务接待费支出295.70万元，比上年增加60.14万元，增长16.9%。", "上年", "增加", "增长"),
        ("公务接待费支出295.70万元，与上年相比减少60.14万元，降低16.9%。", "上年", "减少", "降低"),
        (
            "公务接待费支出295.70万元，比2022年决算数减少60.14万元，减幅16.9%。",
            "2022年决算数",
            "减少",
            "减幅",
        ),
        ("公务接待费支出295.70万元，比预算数增加60.14万元，增幅16.9%。", "预算数", "增加", "增幅"),
        ("公务接待费支出295.70万元，较上年度增加60.14万元，上升16.9%。", "上年度", "增加", "上升"),
        ("公务接待费支出295.70万元，较上年减支60.14万元，下降16.9%。", "上年", "减支", "下降"),
    ],
)
def test_change_wordings(text: str, against: str, amount_word: str, percent_word: str) -> None:
    amount, change = _read(text)
    assert amount.figure == wan("295.70")
    assert (change.subject, change.figure, change.amount, change.percent) == (
        "公务接待费支出",
        wan("295.70"),
        wan("60.14"),
        Decimal("16.9"),
    )
    assert (change.against, change.amount_word, change.percent_word) == (
        against,
        amount_word,
        percent_word,
    )


def test_direction_words_are_kept_apart() -> None:
    # "减少0.04万元，增0.01%": the two words contradict each other and both are kept.
    change = _read("机关运行经费51.17万元，较上年减少0.04万元，增0.01%。")[1]
    assert (change.amount_word, change.percent_word) == ("减少", "增")
    assert change.direction is Direction.INCREASE  # what the percent's word states


@pytest.mark.parametrize("word", ["持平", "无增减", "无变化"])
def test_unchanged_without_figures(word: str) -> None:
    amount, change = _read(f"因公出国（境）费支出0万元，与上年{word}。")
    assert amount.figure == wan("0")
    assert (change.kind, change.subject, change.against, change.amount_word) == (
        StatementKind.CHANGE,
        "因公出国（境）费支出",
        "上年",
        word,
    )
    assert change.direction is Direction.UNCHANGED


def test_completion_and_share() -> None:
    statements = _read(
        "2022年，县级一般公共预算收入预计完成64000万元，占调整预算的100%，同比下降16.7%。"
    )
    assert [(s.kind, s.subject, s.of) for s in statements] == [
        (StatementKind.AMOUNT, "县级一般公共预算收入", ""),
        (StatementKind.RATE, "县级一般公共预算收入", "调整预算"),
        (StatementKind.CHANGE, "县级一般公共预算收入", ""),
    ]
    rate = _read("支出决算为167.37万元，完成全年预算246万元的68%。")
    assert [(s.kind, s.subject, s.figure, s.base, s.percent) for s in rate][1:] == [
        (StatementKind.AMOUNT, "全年预算", wan("246"), None, None),
        (StatementKind.RATE, "支出决算", wan("167.37"), wan("246"), Decimal("68")),
    ]
    share = _read("授予中小企业合同金额5915.87万元，占政府采购支出总额的20.5%。")[1]
    assert (share.kind, share.of, share.percent) == (
        StatementKind.SHARE,
        "政府采购支出总额",
        Decimal("20.5"),
    )
    assert _read("基本支出468.99万元，占比53.65%。")[1].percent == Decimal("53.65")


def test_parts_complete_and_partial() -> None:
    whole, parts = _read(
        "2022年本年收入合计4125.49万元，其中：一般公共预算财政拨款收入3859.16万元，占93.54%；"
        "其他收入266.33万元，占6.46%。"
    )
    assert whole.figure == wan("4125.49")
    assert (parts.kind, parts.subject, parts.figure, parts.complete) == (
        StatementKind.PARTS,
        "本年收入合计",
        wan("4125.49"),
        True,
    )
    assert [(p.subject, p.figure, p.percent) for p in parts.parts] == [
        ("一般公共预算财政拨款收入", wan("3859.16"), Decimal("93.54")),
        ("其他收入", wan("266.33"), Decimal("6.46")),
    ]
    abbreviated = _read(
        "本年收入合计4125.49万元，其中：一般公共预算财政拨款收入3859.16万元，占93.54%；……"
        "其他收入266.33万元，占6.46%。"
    )[1]
    assert abbreviated.complete is False
    single = _read("本年支出合计4143.91万元，其中项目支出3003.64万元。")[1]
    assert (single.kind, single.complete) == (StatementKind.PARTS, False)


def test_parts_of_a_part_and_back() -> None:
    statements = _read(
        "“三公”经费支出62.07万元，其中：因公出国（境）费12.02万元；公务用车购置及运行维护费27.46万元；"
        "其中：公务用车购置费0万元；公务用车运行维护费27.46万元；公务接待费22.59万元。"
    )
    lists = [(s.subject, [p.subject for p in s.parts]) for s in statements if s.parts]
    assert lists == [
        ("“三公”经费支出", ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]),
        ("公务用车购置及运行维护费", ["公务用车购置费", "公务用车运行维护费"]),
    ]


# -- clauses read exactly or left unread (the corpus's former misreadings) ----------------


def test_figure_before_its_noun_is_unread_and_so_is_its_list() -> None:
    reading = read_statements("2023年对5个部门开展整体支出绩效评价，其中：良好部门5个。")
    assert reading.statements == ()
    assert [(u.text, u.reason[:6]) for u in reading.unread] == [
        ("2023年对5个", "数量在名词之"),
        ("良好部门5个", "清单的总数未"),
    ]
    # What follows such a count is about its noun, never about the subject before it.
    after = read_statements(
        "项目支出405.06万元。并向凉山17个县市拨付经费。项目支出与去年同期比较有所减少，减幅8%。"
    )
    assert [r.statement.kind for r in after.statements] == [StatementKind.AMOUNT]
    assert [u.text for u in after.unread] == ["并向凉山17个", "减幅8%"]


def test_counted_noun_after_its_figure() -> None:
    statements = _read(
        "天山区本级共127个一级预算部门，下设0个处室。"
        "天山区本级因公出国（境）0个团组，因公出国（境）0人次。"
    )
    assert [(s.subject, s.count, s.count_unit) for s in statements] == [
        ("一级预算部门", Decimal(127), "个"),
        ("处室", Decimal(0), "个"),
        ("天山区本级因公出国（境）", Decimal(0), "个团组"),
        ("因公出国（境）", Decimal(0), "人次"),
    ]


def test_count_glued_to_the_next_subject() -> None:
    count, amount = _read("计划购置0辆公务接待费4.5万元。")
    assert (count.kind, count.subject, count.count, count.count_unit) == (
        StatementKind.COUNT,
        "计划购置",
        Decimal(0),
        "辆",
    )
    assert (amount.subject, amount.figure) == ("公务接待费", wan("4.5"))


def test_net_rise_without_a_figure() -> None:
    statements = _read("其中：耕地占用税5304万元，同比净增长；契税5587万元。")
    (change,) = [s for s in statements if s.kind is StatementKind.CHANGE]
    assert (change.kind, change.subject, change.figure) == (
        StatementKind.CHANGE,
        "耕地占用税",
        wan("5304"),
    )
    assert (change.amount_word, change.against, change.direction) == (
        "净增长",
        "同比",
        Direction.INCREASE,
    )


def test_a_count_of_an_earlier_sentence_gets_no_parts() -> None:
    statements = _read(
        "财政供养人员共计9,244人。其中：行政编制财政供养人员1,845人，事业编制财政供养人员7,399人。"
    )
    assert [(s.kind, s.subject, s.count, s.parts) for s in statements] == [
        (StatementKind.COUNT, "财政供养人员", Decimal(9244), ()),
        (StatementKind.COUNT, "行政编制财政供养人员", Decimal(1845), ()),
        (StatementKind.COUNT, "事业编制财政供养人员", Decimal(7399), ()),
    ]


def test_count_list_whose_separators_and_units_were_lost() -> None:
    (total,) = _read("公务用车总数20辆（其中：执法执勤用车3特种专业技术用车15，其他用车2辆）。")
    assert (total.subject, total.count, total.count_unit, total.complete) == (
        "公务用车总数",
        Decimal(20),
        "辆",
        True,
    )
    assert [(p.subject, p.count) for p in total.parts] == [
        ("执法执勤用车", Decimal(3)),
        ("特种专业技术用车", Decimal(15)),
        ("其他用车", Decimal(2)),
    ]


def test_change_of_a_count_inside_a_money_list() -> None:
    statements = _read(
        "其中：公务用车运行费50万元；公务用车购置费25万元，下降原因主要是本年度预计购置执法执勤用车2辆，"
        "比上年度少3辆。"
    )
    change = statements[-1]
    assert (change.kind, change.subject, change.count, change.count_unit) == (
        StatementKind.CHANGE,
        "预计购置执法执勤用车",
        Decimal(3),
        "辆",
    )
    assert (change.amount_word, change.against) == ("少", "上年度")


def test_zhan_inside_a_name_is_not_a_share() -> None:
    parts = _read("税收收入169975万元，其中：耕地占用税5304万元；契税5587万元。")[1]
    assert [(p.subject, p.figure) for p in parts.parts] == [
        ("耕地占用税", wan("5304")),
        ("契税", wan("5587")),
    ]


def test_base_without_its_unit_is_not_an_amount() -> None:
    reading = read_statements("中等职业学校为14,609.52元，比上年的12,530.03增加2,079.49元。")
    amount, change = (r.statement for r in reading.statements)
    assert amount.figure == Amount.parse("14609.52元")
    # The change is still checked against the base, in the unit of the change ...
    assert (change.base, change.amount) == (Amount.parse("12530.03元"), Amount.parse("2079.49元"))
    # ... but the base is not stated as an amount: its unit is not printed.
    assert [u.text for u in reading.unread] == ["比上年的12,530.03"]


def test_base_printed_with_its_unit_and_without_de() -> None:
    # "比上年38.58亿元增加5.85亿元": last year's figure, printed right before the change.
    reading = read_statements(
        "争取补助资金44.43亿元，比上年38.58亿元增加5.85亿元，增长15.15%，其中：一般转移支付"
        "23.53亿元，比上年19.12亿元增加4.41亿元；专项转移支付20.90亿元。"
    )
    statements = [r.statement for r in reading.statements]
    assert [(s.kind, s.subject, s.figure, s.period) for s in statements[:2]] == [
        (StatementKind.AMOUNT, "争取补助资金", Amount.parse("44.43亿元"), ""),
        (StatementKind.AMOUNT, "争取补助资金", Amount.parse("38.58亿元"), "上年"),
    ]
    change = statements[2]
    assert (change.subject, change.base, change.amount, change.against) == (
        "争取补助资金",
        Amount.parse("38.58亿元"),
        Amount.parse("5.85亿元"),
        "上年",
    )
    assert change.percent == Decimal("15.15")
    # The base of a part is that part's last year, not one more part of the list.
    bases = [(s.subject, s.figure) for s in statements if s.period == "上年"]
    assert bases[1] == ("一般转移支付", Amount.parse("19.12亿元"))
    parts = next(s for s in statements if s.kind is StatementKind.PARTS)
    assert [p.subject for p in parts.parts] == ["一般转移支付", "专项转移支付"]
    assert parts.complete
    assert reading.unread == ()
    dated = _read("收入44.43亿元，较2022年38.58亿元增加5.85亿元。")
    assert (dated[1].figure, dated[1].period) == (Amount.parse("38.58亿元"), "2022年")
    assert (dated[2].base, dated[2].against) == (Amount.parse("38.58亿元"), "2022年")
    # Without a change right after it, "比上年" before a figure is no base.
    assert _read("收入44.43亿元，比上年增加5.85亿元。")[1].base is None


def test_approximate_figures_and_rates_to_apply_are_listed() -> None:
    reading = read_statements(
        "2022年为3.35亿元，其中，2022年比2018年减少近1亿元。"
        "公务接待费按50%进行压减，粮食产量稳定在1500亿斤以上。"
    )
    assert [(s.statement.kind, s.statement.figure) for s in reading.statements] == [
        (StatementKind.AMOUNT, Amount.parse("3.35亿元")),
    ]
    assert [u.text for u in reading.unread] == [
        "2022年比2018年减少近1亿元",
        "公务接待费按50%",
        "粮食产量稳定在1500亿斤",
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("因公出国（境）费支出0万元与上年持平。", "因公出国（境）费支出"),
        ("上海今年“三公经费”10.5亿元 预算与上年持平", "预算"),
    ],
)
def test_unchanged_run_on_after_the_figure(text: str, subject: str) -> None:
    amount, change = _read(text)
    assert amount.kind is StatementKind.AMOUNT
    assert (change.kind, change.subject, change.against, change.amount_word) == (
        StatementKind.CHANGE,
        subject,
        "上年",
        "持平",
    )
    assert change.direction is Direction.UNCHANGED


def test_list_cut_by_a_sentence_end_inside_a_bracket() -> None:
    statements = _read(
        "其中：因公出国（境）费0万元；公务用车购置及运行费500.00万元（公务用车购置费100.00万元；"
        "公务用车运行维护费400.00万元。）比上年增加0万元。"
    )
    assert [(s.kind, s.subject, s.figure) for s in statements] == [
        (StatementKind.AMOUNT, "因公出国（境）费", wan("0")),
        (StatementKind.AMOUNT, "公务用车购置及运行费", wan("500.00")),
        (StatementKind.PARTS, "公务用车购置及运行费", wan("500.00")),
        (StatementKind.CHANGE, "公务用车购置及运行费", wan("500.00")),
    ]
    assert [(p.subject, p.figure) for p in statements[2].parts] == [
        ("公务用车购置费", wan("100.00")),
        ("公务用车运行维护费", wan("400.00")),
    ]
    assert statements[3].amount == wan("0")


def test_a_bracket_naming_the_list_before_it() -> None:
    amount, change = _read(
        "因公出国（境）经费、公务接待费、公车购置费，公车运行费（“三公”经费）决算总额2771万元，"
        "比上年下降1.8%。"
    )
    assert (amount.subject, amount.figure) == ("“三公”经费决算总额", wan("2771"))
    assert (change.subject, change.percent) == ("“三公”经费决算总额", Decimal("1.8"))


def test_respectively() -> None:
    statements = _read("2022年度收、支总计各是4125.49，4143.91万元。")
    assert [(s.subject, s.figure) for s in statements] == [
        ("收总计", wan("4125.49")),
        ("支总计", wan("4143.91")),
    ]
    pair = _read("基本支出、项目支出分别为468.99万元、405.06万元。")
    assert [(s.subject, s.figure) for s in pair] == [
        ("基本支出", wan("468.99")),
        ("项目支出", wan("405.06")),
    ]

    # "A、B和C": 和 before the last value (s-044).
    three = _read(
        "今年南京市级因公出国(境)费、公务用车购置及运行维护费、公务接待费预算"
        "分别为0.28亿元、2.71亿元和0.69亿元，相比去年的决算都有所减少。"
    )
    assert [(s.subject, s.figure) for s in three] == [
        ("今年南京市级因公出国（境）费", Amount.parse("0.28亿元")),
        ("公务用车购置及运行维护费", Amount.parse("2.71亿元")),
        ("公务接待费预算", Amount.parse("0.69亿元")),
    ]
    # What the changes are against, between 分别 and the direction word (s-047).
    changes = _read("科学技术支出、节能环保支出、城乡社区支出分别比上年同期增长42%、41.8%、34.8%。")
    assert [(s.kind, s.subject, s.against, s.percent) for s in changes] == [
        (StatementKind.CHANGE, "科学技术支出", "上年同期", Decimal("42")),
        (StatementKind.CHANGE, "节能环保支出", "上年同期", Decimal("41.8")),
        (StatementKind.CHANGE, "城乡社区支出", "上年同期", Decimal("34.8")),
    ]


def test_shares_of_wholes_not_named_and_shares_in_tenths_are_listed() -> None:
    # s-044: "分别占比A和B" of two wholes named before, "占7成" (7 tenths).
    reading = read_statements(
        "南京市级“三公”预算3.68亿元 公车费占7成。在今年的“三公”经费预算和去年的决算中，"
        "公务用车购置及运行维护费都占大头，分别占比73.6%和70.3%。"
    )
    assert [u.text for u in reading.unread] == ["公车费占7成", "分别占比73.6%", "和70.3%"]
    assert [r.statement.subject for r in reading.statements] == ["南京市级“三公”预算"]


def test_a_list_of_the_whole_named_without_its_qualifiers() -> None:
    # s-043: "在X中" opens the parts of X, stated before as "去年全年X".
    text = (
        "去年全年全盟一般公共预算收入累计完成310682万元，同比增加23188万元。"
        "在全盟一般公共预算收入中，盟本级一般公共预算收入累计完成33648万元，"
        "同比增加15412万元；旗级一般公共预算收入累计完成277034万元。"
    )
    parts = next(s for s in _read(text) if s.kind is StatementKind.PARTS)
    assert (parts.subject, parts.figure, parts.complete) == (
        "全盟一般公共预算收入",
        wan("310682"),
        True,
    )
    assert [p.figure for p in parts.parts] == [wan("33648"), wan("277034")]
    # Two subjects stated that end with the name: neither is its whole.
    both = "盟本级一般公共预算收入33648万元。旗级一般公共预算收入277034万元。"
    parts = next(
        s
        for s in _read(both + "在一般公共预算收入中，税收收入213251万元，非税收入97431万元。")
        if s.kind is StatementKind.PARTS
    )
    assert (parts.figure, parts.complete) == (None, False)


def test_plus_before_a_name_beginning_with_shang() -> None:
    # s-045: "加上级补助收入" is 加 + 上级补助收入, not 加上 + 级补助收入.
    statements = _read(
        "政府性基金预算收入17.94亿元，加上级补助收入1.88亿元，上年结余1.25亿元。"
        "政府性基金预算支出12.01亿元，加上解支出2.49亿元。"
    )
    assert [s.subject for s in statements] == [
        "政府性基金预算收入",
        "上级补助收入",
        "上年结余",
        "政府性基金预算支出",
        "上解支出",
    ]
    assert _read("加上上年结转2万元。")[0].subject == "上年结转"


def test_a_sentence_naming_a_budget_heads_the_list_after_it() -> None:
    # s-046: "政府性基金预算。其中，…": not parts of the total stated before.
    statements = _read(
        "自治区本级收入总量2657.5亿元，为预算的147.6%。政府性基金预算。"
        "其中，政府性基金预算支出81亿元，下降59.5%；调出资金等3亿元。"
    )
    parts = next(s for s in statements if s.kind is StatementKind.PARTS)
    assert (parts.subject, parts.figure, parts.complete) == ("政府性基金预算", None, False)
    assert [(p.subject, p.figure) for p in parts.parts] == [
        ("政府性基金预算支出", Amount.parse("81亿元")),
        ("调出资金等", Amount.parse("3亿元")),
    ]
    # A sentence that says something else is no heading.
    other = _read("收入总量2657.5亿元。预算执行总体良好。其中，地方收入28.5亿元。")
    assert next(s for s in other if s.kind is StatementKind.PARTS).subject == "收入总量"


def test_counts_with_parts() -> None:
    vehicles = _read(
        "截至2023年12月31日，凉山州科学技术协会共有车辆1辆，其中：主要领导干部用车0辆、"
        "机要通信用车0辆、应急保障用车0辆、其他用车1辆。"
    )
    (count,) = vehicles
    assert (count.kind, count.count, count.count_unit, count.complete) == (
        StatementKind.COUNT,
        Decimal(1),
        "辆",
        True,
    )
    assert [(p.subject, p.count) for p in count.parts][-1] == ("其他用车", Decimal(1))
    reception = _read("国内公务接待批次3978个，接待人次28598人。")
    assert [(s.subject, s.count, s.count_unit) for s in reception] == [
        ("国内公务接待批次", Decimal(3978), "个"),
        ("接待人次", Decimal(28598), "人"),
    ]


def test_amount_after_the_percent_of_the_same_change() -> None:
    # "同比增长P%，…，增收A": one change, its percent printed before its amount.
    amount, change = _read("全县税收收入12.5亿元，同比增长8.2%，增速居全市前列，增收9500万元。")
    assert amount.figure == Amount.parse("12.5亿元")
    assert (change.subject, change.against, change.percent, change.amount) == (
        "全县税收收入",
        "同比",
        Decimal("8.2"),
        wan("9500"),
    )
    assert (change.percent_word, change.amount_word) == ("增长", "增收")
    (_, same) = _read("全县税收收入12.5亿元，同比增长8.2%，同比增收9500万元。")
    assert (same.against, same.percent, same.amount) == ("同比", Decimal("8.2"), wan("9500"))
    # A change with its own comparison, or after another figure, is a change of its own.
    statements = _read("其中：甲收入3亿元，增长5%；乙收入4亿元，增收1亿元，增长9%。")
    changes = [
        (s.subject, s.amount, s.percent) for s in statements if s.kind is StatementKind.CHANGE
    ]
    assert changes == [
        ("甲收入", None, Decimal(5)),
        ("乙收入", Amount.parse("1亿元"), Decimal(9)),
    ]
    own = _read("项目支出80万元，比上年增长4%，比预算减少6万元。")
    assert [(s.against, s.percent, s.amount) for s in own[1:]] == [
        ("上年", Decimal(4), None),
        ("预算", None, wan("6")),
    ]


@pytest.mark.parametrize("view", ["从征收部门来看：", "从收入分类来看，", "分征收系统看，"])
def test_a_division_of_what_was_stated_is_its_parts(view: str) -> None:
    statements = _read(
        f"本级收入完成500万元，{view}甲部门完成200万元，占预算的95%；乙部门完成300万元。"
    )
    parts = next(s for s in statements if s.kind is StatementKind.PARTS)
    assert (parts.subject, parts.complete) == ("本级收入", True)
    assert [(p.subject, p.figure) for p in parts.parts] == [
        ("甲部门", wan("200")),
        ("乙部门", wan("300")),
    ]
    assert any(s.kind is StatementKind.RATE and s.subject == "甲部门" for s in statements)
    # Some items, or a topic, are not a division: their figures stay amounts.
    items = _read("支出完成900万元。分项目看，教育支出完成200万元；卫生支出完成100万元。")
    assert [s.kind for s in items] == [StatementKind.AMOUNT] * 3


def test_each_with_names_joined_by_he_and_yu() -> None:
    statements = _read("城乡社区、文化旅游体育与传媒和农林水等支出分别增长5%、6.5%和7%。")
    assert [(s.subject, s.percent) for s in statements] == [
        ("城乡社区", Decimal(5)),
        ("文化旅游体育与传媒", Decimal("6.5")),
        ("农林水等支出", Decimal(7)),
    ]
    assert all(s.against == "" for s in statements)
    # The names in the clause before: "其中A和B支出增长较快，分别比上年增长P%和Q%".
    before = _read("重点支出得到保障，其中教育和卫生健康支出增长较快，分别比上年增长12%和9.4%。")
    assert [(s.subject, s.against, s.percent) for s in before] == [
        ("教育", "上年", Decimal(12)),
        ("卫生健康支出", "上年", Decimal("9.4")),
    ]
    # Names the grammar cannot find are listed, never "分别" as a subject.
    lost = read_statements("收入情况良好，分别比上年增长12%和9.4%。")
    assert lost.statements == ()
    assert [u.text for u in lost.unread] == ["分别比上年增长12%", "和9.4%"]


def test_other_spellings_of_a_change() -> None:
    (change,) = _read("8月份区级支出增幅达到12.5%。")
    assert (change.subject, change.percent_word, change.percent) == (
        "区级支出",  # 8月份 is the period (the amount's, where one is printed)
        "增幅",
        Decimal("12.5"),
    )
    (fall,) = _read("市级“三公”经费决算比预算降18.6% 为历年最大")
    assert (fall.subject, fall.against, fall.percent_word, fall.direction) == (
        "市级“三公”经费决算",
        "预算",
        "降",
        Direction.DECREASE,
    )


def test_base_named_by_a_budget() -> None:
    # "比年初预算X增加Y": X is that budget's amount, and the base of the change.
    amount, budget, change = _read(
        "“三公”经费决算数413.89万元，比年初预算325.55万元增加了88.34万元。"
    )
    assert (budget.kind, budget.subject, budget.figure) == (
        StatementKind.AMOUNT,
        "年初预算",
        wan("325.55"),
    )
    assert (change.subject, change.against, change.base, change.amount, change.amount_word) == (
        "“三公”经费决算数",
        "年初预算",
        wan("325.55"),
        wan("88.34"),
        "增加",
    )
    assert amount.figure == wan("413.89")


def test_a_unit_not_all_printed_is_listed() -> None:
    reading = read_statements("其中：本级收入500万元，调入资金368万")
    assert [u.text for u in reading.unread] == ["调入资金368万"]


def test_a_subject_named_at_a_threshold_carries_within_its_sentence_only() -> None:
    # "投资达到近300亿元" names 投资 for what follows in its sentence; the change two
    # sentences on names nothing, and is of nothing.
    reading = read_statements("投资达到近300亿元，占年度计划的60%左右。白银增幅较大。增速为7.4%。")
    assert "增速为7.4%" in [u.text for u in reading.unread]
    assert [r.statement.subject for r in reading.statements] == []
    (change,) = _read("其中税收收入超过7400亿元，增长1%。")
    assert (change.subject, change.percent) == ("税收收入", Decimal("1"))


def test_bounds_fractions_and_averages_are_listed() -> None:
    # A percent said to be about or a bound, a fraction, a rank against an average.
    reading = read_statements(
        "增速为7.4%，略高于全省平均。投资达到近300亿元，占年度计划的60%左右。"
        "白银、陇南2市增幅达到30%以上。宜昌总量仅为武汉总量的1/5左右。"
    )
    assert [u.text for u in reading.unread] == [
        "增速为7.4%",  # of nothing named
        "略高于全省平均",
        "投资达到近300亿元",
        "占年度计划的60%左右",
        "市增幅达到30%以上",  # after the count 2, a bare number
        "宜昌总量仅为武汉总量的1/5左右",
    ]
    assert [(s.kind, s.percent_word, s.percent) for s in _read("收入增速为7.4%。")] == [
        (StatementKind.CHANGE, "增速", Decimal("7.4"))
    ]


def test_rates_of_growth_and_the_same_period_named_before() -> None:
    amount, change = _read(
        "全省地方财政收入1893.09亿元，较上年同期增加123.12亿元，同比增长率为7.0%。"
    )
    assert (change.subject, change.amount, change.percent) == (
        "全省地方财政收入",
        Amount.parse("123.12亿元"),
        Decimal("7.0"),
    )
    assert (change.amount_word, change.percent_word, change.against) == (
        "增加",
        "增长率",
        "上年同期",
    )
    amount, change = _read("1-5月宜昌地方财政收入为166.89亿元。从同比来看，增速为7.4%。")
    assert (change.subject, change.against, change.percent) == (
        amount.subject,
        "同比",
        Decimal("7.4"),
    )
    # "之中" (among) names no list's whole.
    statements = _read("辖下各地之中，前5月累计金额达到了795.62亿元。")
    assert [(s.kind, s.subject, s.period) for s in statements] == [
        (StatementKind.AMOUNT, "累计金额", "前5月")  # the months a period, as a year is
    ]


def test_what_follows_a_figure_not_read_is_not_about_the_subject_before() -> None:
    reading = read_statements("累计完成投资48.75亿元。一季度接待游客56.1万人次，增长20.8%。")
    assert [r.statement.kind for r in reading.statements] == [StatementKind.AMOUNT]
    assert reading.unread[0].text.endswith("56.1万")
    # A count of items before its noun is listed, as other measures are.
    listed = read_statements("民生“十件实事”29项民生政策逐月落实。").unread
    assert [u.text for u in listed] == ["民生“十件实事”29项"]


def test_a_list_in_square_brackets_and_a_percent_after_a_change() -> None:
    statements = _read(
        "西市区收入18.4亿元，下降17.1%。[其中：本级收入3.2亿元，基地收入7.9亿元，"
        "自贸区收入7.3亿元]；开发区收入30.6亿元。"
    )
    parts = next(s for s in statements if s.kind is StatementKind.PARTS)
    assert (parts.subject, parts.complete) == ("西市区收入", True)
    assert [p.subject for p in parts.parts] == ["本级收入", "基地收入", "自贸区收入"]
    assert statements[-1].subject == "开发区收入"
    # "税性比为84%" after a change is listed, not dropped.
    reading = read_statements("税收收入35.22亿元，同比增长6.7%，税性比为84%。")
    assert [u.text for u in reading.unread] == ["税性比为84%"]


def test_unreadable_figures_are_listed_not_dropped() -> None:
    reading = read_statements(
        "因公出国（境）费支出决算为12.02万元，比上年决算数增加12.02万元，增长--（基数为0，不可比）。增长2."
    )
    assert [u.text for u in reading.unread] == ["增长--", "增长2."]
    assert reading.statements[1].statement.amount == wan("12.02")


def test_location_and_spans_point_into_the_original() -> None:
    text = "本單位收入為1,687.45萬元，較上年增長12%。"
    reading = read_statements(text, location=("a.docx", 3))
    first = reading.statements[0]
    assert first.span.location == ("a.docx", 3)
    assert text[first.span.start : first.span.end] == "本單位收入為1,687.45萬元"
    # The statement quotes the text as published; its subject is in the grammar's spelling.
    assert first.statement.text == "本單位收入為1,687.45萬元"
    assert first.statement.subject == "本单位收入"


def test_thresholds_passed_are_not_amounts() -> None:
    reading = read_statements(
        "全省收入过10亿元的县（市、区）达到124个，其中收入过30亿元的52个。"
        "其中税收收入超过7400亿元，增长1%，税收占比81.8%。"
    )
    got = [r.statement for r in reading.statements]
    assert [s.kind for s in got] == [StatementKind.COUNT, StatementKind.CHANGE, StatementKind.SHARE]
    assert got[0].count == Decimal(124)
    assert (got[1].subject, got[1].percent) == ("税收收入", Decimal(1))
    unread = [u.text for u in reading.unread]
    assert "全省收入过10亿元" in unread and "其中税收收入超过7400亿元" in unread
    assert any("52个" in u for u in unread)  # counts what the threshold describes


def test_month_and_cumulative_figures_of_one_subject() -> None:
    got = _read(
        "3月份，全市一般公共预算收入当月完成73795万元，下降12.7%，累计完成234267万元，下降10.9%。"
    )
    assert [(s.kind, s.subject) for s in got] == [
        (StatementKind.AMOUNT, "全市一般公共预算收入当月"),
        (StatementKind.CHANGE, "全市一般公共预算收入当月"),
        (StatementKind.AMOUNT, "全市一般公共预算收入累计"),
        (StatementKind.CHANGE, "全市一般公共预算收入累计"),
    ]
    assert got[2].figure == wan("234267")


def test_actual_figure_after_a_budget_is_of_the_revenue() -> None:
    got = _read(
        "一般公共预算收入预算调整为537471万元，实际完成544209万元，为调整预算的101.25%。"
        "执行过程中，因上级转移支付等因素，一般公共预算支出实际完成443849万元。"
    )
    assert [(s.kind, s.subject) for s in got] == [
        (StatementKind.AMOUNT, "一般公共预算收入预算调整"),
        (StatementKind.AMOUNT, "一般公共预算收入"),
        (StatementKind.RATE, "一般公共预算收入"),
        (StatementKind.AMOUNT, "一般公共预算支出"),  # "执行过程中" names no list
    ]


def test_the_verb_after_a_place_is_not_in_the_subject() -> None:
    amount, change = _read("2020年全省实现一般公共预算收入9058.99亿元，增长2.9%。")
    assert amount.subject == change.subject == "全省一般公共预算收入"


def test_a_printed_proportion_is_a_share() -> None:
    (share,) = _read("税收比重为70.9%，位居全省第3位。")
    assert (share.kind, share.subject, share.percent) == (
        StatementKind.SHARE,
        "税收",
        Decimal("70.9"),
    )


def test_ranks_and_percents_of_nothing_named_are_unread() -> None:
    reading = read_statements(
        "支出规模位居全省第13位，同比持平。收入累计增幅由年初的1.8%下探至一季度末的-9%。"
    )
    assert reading.statements == ()
    assert [u.text for u in reading.unread] == [
        "同比持平",
        "收入累计增幅由年初的1.8%",
        "下探至一季度末的-9%",
    ]


def test_a_numbered_line_after_a_bare_qizhong_is_a_part() -> None:
    got = _read(
        "实际收入377841万元。其中：\n1.税收收入322551万元，较2020年增长14.58%。"
        "其中，增值税收入100103万元。\n其他税种154069万元。"
        "主要包括房产税55483万元、契税98416万元、其他税收收入170万元。"
    )
    parts = [s for s in got if s.kind is StatementKind.PARTS]
    assert [(p.subject, [q.subject for q in p.parts], p.complete) for p in parts] == [
        ("实际收入", ["税收收入"], False),
        ("税收收入", ["增值税收入"], False),
        ("其他税种", ["房产税", "契税", "其他税收收入"], True),
    ]


def test_a_budget_adjustment_and_the_change_from_last_year_are_two_comparisons() -> None:
    got = _read(
        "全区总财力拟调整为52000万元，比年初预算（以下简称“年初预算”）调增3000万元，"
        "比上年下降（以下简称“下降”）4.5%。其中：税收收入拟调整为30000万元，调减1200万元，"
        "下降2.1%；非税收入22000万元，保持不变，增长8%。"
    )
    changes = [
        (s.subject, s.against, s.amount_word, s.amount, s.percent_word, s.percent)
        for s in got
        if s.kind is StatementKind.CHANGE
    ]
    assert changes == [
        ("全区总财力", "年初预算", "调增", wan("3000"), "", None),
        ("全区总财力", "上年", "", None, "下降", Decimal("4.5")),
        ("税收收入", "", "调减", wan("1200"), "", None),
        ("税收收入", "", "", None, "下降", Decimal("2.1")),
        ("非税收入", "", "保持不变", None, "", None),
        ("非税收入", "", "", None, "增长", Decimal(8)),
    ]
    parts = next(s for s in got if s.kind is StatementKind.PARTS)
    assert (parts.subject, [p.subject for p in parts.parts], parts.complete) == (
        "全区总财力",
        ["税收收入", "非税收入"],
        True,
    )
    # "分别是…" opening a sentence: the items of the amount stated before it.
    items = _read("调入资金拟调整为9000万元。分别是土地出让收入6000万元，其他资金2000万元。")
    assert [(s.kind, s.subject) for s in items] == [
        (StatementKind.AMOUNT, "调入资金"),
        (StatementKind.PARTS, "调入资金"),
    ]


def test_same_period_named_after_tongbi() -> None:
    (_, change) = _read("支出：512.6万元。同比上年度减少40.2万元，减少7.27%。")
    assert (change.subject, change.against, change.amount, change.percent) == (
        "支出",
        "上年度",
        wan("40.2"),
        Decimal("7.27"),
    )


def test_a_whole_named_before_baokuo_heads_its_items() -> None:
    got = _read("项目支出120万元。项目支出包括培训经费30万元，宣传经费12.5万元，信息系统运维经费")
    parts = got[-1]
    assert (parts.kind, parts.subject, parts.figure, parts.complete) == (
        StatementKind.PARTS,
        "项目支出",
        wan("120"),
        False,
    )
    assert [p.subject for p in parts.parts] == ["培训经费", "宣传经费"]
    (listed,) = _read(
        "所有收入均纳入部门预算管理。收入包括：一般公共预算拨款收入 310.5万元、事业收入 0 万元"
    )
    assert (listed.kind, listed.subject, [p.subject for p in listed.parts]) == (
        StatementKind.PARTS,
        "收入",
        ["一般公共预算拨款收入", "事业收入"],
    )
    # "主要包括" still takes the whole stated before; a list without figures opens nothing.
    assert _read("基本支出主要包括人员经费及公用经费。") == []


def test_one_part_equal_to_its_whole_is_complete() -> None:
    one = _read("收入：640.5万元。其中：财政拨款收入640.5万元。")[-1]
    assert (one.kind, one.complete) == (StatementKind.PARTS, True)
    some = _read("收入：640.5万元。其中：财政拨款收入600万元。")[-1]
    assert (some.kind, some.complete) == (StatementKind.PARTS, False)


def test_counts_of_what_a_body_is_made_of() -> None:
    got = _read("本单位由4个内设机构和1个非独立核算的二级单位组成，编制预算。")
    assert [(s.kind, s.subject, s.count) for s in got] == [
        (StatementKind.COUNT, "内设机构", Decimal(4)),
        (StatementKind.COUNT, "非独立核算的二级单位", Decimal(1)),
    ]


def test_a_count_in_a_note_keeps_the_subject_before_it() -> None:
    reading = read_statements(
        "部门预算总收入预计820.4万元（2个下属单位与机关统一核算），比上年增加10.2万元，增长1.26%。"
    )
    assert [u.text for u in reading.unread] == ["（2个下属单位与机关统一核算）"]
    amount, change = (r.statement for r in reading.statements)
    assert (change.subject, change.amount, change.percent) == (
        amount.subject,
        wan("10.2"),
        Decimal("1.26"),
    )


def test_lines_a_conversion_broke_inside_a_sentence_are_joined() -> None:
    text = (
        "四、财政拨款收支预算情况说明\n2024 年财政拨款收支总预算 96,000.00 元。收入包\n"
        "括：一般公共预算拨款 90,000.00 元、上年结转结余\n6,000.00 元；支出包括：教育支出"
        " 80,000.00 元、社会\n保障和就业支出 16,000.00 元。\n(一)教育支出 80,000.00 元，占支出总预\n"
        "算83.33%。"
    )
    n = normalise(text)
    # The heading line and the numbered line keep their breaks; the wrapped lines do not.
    assert n.text.count("\n") == 2
    assert "收入包括：" in n.text and "社会保障和就业支出" in n.text
    at = n.text.index("6000.00")
    assert text[slice(*n.span(at, at + 7))] == "6,000.00"
    got = _read(text)
    parts = [
        (s.subject, s.figure, [p.subject for p in s.parts], s.complete)
        for s in got
        if s.kind is StatementKind.PARTS
    ]
    assert parts == [
        ("收入", Amount.parse("96000.00元"), ["一般公共预算拨款", "上年结转结余"], True),
        ("支出", Amount.parse("96000.00元"), ["教育支出", "社会保障和就业支出"], True),
    ]
    # A part of the total budget is a share of it, not a completion of a budget.
    share = got[-1]
    assert (share.kind, share.subject, share.of, share.percent) == (
        StatementKind.SHARE,
        "教育支出",
        "支出总预算",
        Decimal("83.33"),
    )


def test_projects_counted_with_their_amounts_and_notes_of_parts() -> None:
    got = _read(
        "本单位实施项目共12个（含上年结转项目3个），年初预算6个项目420万元（含追加项目60万元），"
        "年中增加6个项目（含上年结转项目3个），实际到位资金300万元。"
    )
    assert [
        (s.kind, s.subject, s.count, [(p.subject, p.count or p.figure) for p in s.parts])
        for s in got
        if s.kind in (StatementKind.COUNT, StatementKind.PARTS)
    ] == [
        (StatementKind.COUNT, "本单位实施项目", Decimal(12), [("上年结转项目", Decimal(3))]),
        (StatementKind.COUNT, "项目", Decimal(6), []),
        (StatementKind.PARTS, "年初预算", None, [("追加项目", wan("60"))]),
    ]
    amounts = [(s.subject, s.figure) for s in got if s.kind is StatementKind.AMOUNT]
    assert amounts == [("年初预算", wan("420")), ("实际到位资金", wan("300"))]
    change = next(s for s in got if s.kind is StatementKind.CHANGE)
    assert (change.subject, change.count, change.amount_word) == ("项目", Decimal(6), "增加")
    # A count in a note on a change is not read as a count of its own.
    reading = read_statements(
        "本单位实施项目共12个（含上年结转项目3个），年中增加6个项目（含上年结转项目3个）。"
    )
    assert [u.text for u in reading.unread] == ["项目（含上年结转项目3个"]


def test_an_unchanged_subject_is_the_subject_of_the_next_clause() -> None:
    got = _read(
        "“三公”经费支出决算总额为5.48万元，比去年增加1.55万元。其中，因公出国支出决算比预算"
        "无增减变化，比去年无增减变化；公务接待费支出决算比预算无增减变化，比去年增加0.5万元。"
    )
    changes = [(s.subject, s.against, s.amount_word) for s in got if s.kind is StatementKind.CHANGE]
    assert changes[1:] == [
        ("因公出国支出决算", "预算", "无增减变化"),
        ("因公出国支出决算", "去年", "无增减变化"),
        ("公务接待费支出决算", "预算", "无增减变化"),
        ("公务接待费支出决算", "去年", "增加"),
    ]


def test_a_list_run_on_after_a_percent_without_a_mark() -> None:
    got = _read(
        "公务用车购置及运行费决算支出785万元，较年初预算减少28%其中：公务用车购置费274万元，公务用车运行维护费511万元。"
    )
    (parts,) = [s for s in got if s.kind is StatementKind.PARTS]
    assert parts.subject == "公务用车购置及运行费决算支出"
    assert [(p.subject, p.figure) for p in parts.parts] == [
        ("公务用车购置费", wan("274")),
        ("公务用车运行维护费", wan("511")),
    ]
    assert parts.complete is True


def test_a_stray_mark_between_a_total_and_its_figure() -> None:
    got = _read("参加其他单位组织的出国团组0个，全年因公出国（境）团组共计 ,0 个，累计0人次。")
    assert [(s.subject, s.count) for s in got] == [
        ("参加其他单位组织的出国团组", Decimal(0)),
        ("全年因公出国（境）团组", Decimal(0)),
        ("累计", Decimal(0)),
    ]


def test_a_line_broken_after_a_sentence_mark_inside_it() -> None:
    got = _read("社会保障和就业支出467.99万元。较2020年度决算数减少91.91\n万元，下降16.4%。")
    (change,) = [s for s in got if s.kind is StatementKind.CHANGE]
    assert (change.amount, change.percent) == (wan("91.91"), Decimal("16.4"))


# -- the corpus and the seeds --------------------------------------------------------------


def test_corpus_is_as_required() -> None:
    found = list(entries())
    sentences = [s for e in found for s in e.sentences]
    assert len(sentences) >= 60
    assert len({e.header["province"] for e in found}) >= 12
    for entry in found:
        assert entry.header["source"].startswith("http"), entry.name
        assert "科协" not in entry.header.get("title", "") + entry.header.get("place", "")


def test_corpus_statements_read_as_written_by_hand() -> None:
    expected = matched = 0
    wrong: list[str] = []
    for entry in entries():
        for outcome in compare(entry):
            expected += len(outcome.sentence.expected)
            matched += outcome.matched
            wrong += [f"{entry.name}: {w}" for w in outcome.wrong]
    assert matched * 100 >= expected * 97, (matched, expected)  # 1605 of 1629 (98.5 %)
    # Every clause read gives exactly the hand-written statements: what the grammar cannot
    # read exactly it lists as unread (the corpus README lists those gaps), never a guess.
    assert wrong == []


def test_corpus_unread_clauses_are_reported() -> None:
    for entry in entries():
        reading = read_statements(entry.body)
        spans = [(u.span.start, u.span.end) for u in reading.unread]
        for sentence in entry.sentences:
            for clause in sentence.unread:
                at = entry.body.find(clause, sentence.start)
                if at < 0 or not re.search(r"\d|--", clause):
                    # Figures in Chinese numerals ("十条举措") are not read (see the README).
                    continue
                covered = any(s < at + len(clause) and at < e for s, e in spans) or any(
                    r.span.start < at + len(clause) and at < r.span.end for r in reading.statements
                )
                assert covered, (entry.name, clause)


def _coverage(text: str) -> tuple[int, int, int]:
    """Figures with a unit in ``text``: inside a statement, inside an unread clause, neither."""
    reading = read_statements(text)
    read = unread = lost = 0
    for m in _FIGURE.finditer(text):
        if any(r.span.start <= m.start() < r.span.end for r in reading.statements):
            read += 1
        elif any(u.span.start <= m.start() < u.span.end for u in reading.unread):
            unread += 1
        else:
            lost += 1
    return read, unread, lost


def test_corpus_figures_are_read_or_listed() -> None:
    read = unread = 0
    for entry in entries():
        r, u, lost = _coverage(entry.body)
        assert lost == 0, entry.name  # nothing vanishes
        read, unread = read + r, unread + u
    assert read * 10 >= (read + unread) * 9, (read, unread)


def test_seed_figures_are_read() -> None:
    read = total = lost = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        # Paragraphs, not the cells of the tables (tab-separated in the plain-text seeds).
        for paragraph in (p for p in text.splitlines() if _FIGURE.search(p) and "\t" not in p):
            r, u, missing = _coverage(paragraph)
            read, total, lost = read + r, total + r + u + missing, lost + missing
    assert read * 10 >= total * 9, (read, total)
    assert lost == 0  # every other figure is listed as unread


# -- round trips: random statements written in every wording parse back -------------------

_SUBJECTS = ("公务接待费支出", "机关运行经费", "本年支出合计", "一般公共预算财政拨款支出")
_AGAINST = ("同比", "较上年", "比上年", "与上年相比", "比2022年决算数", "比预算数")
_UP = ("增加", "增长", "上升", "增支")
_DOWN = ("减少", "下降", "降低", "减支")
_PERCENT_UP = ("增长", "增幅", "上升")
_PERCENT_DOWN = ("下降", "减幅", "降低")
_money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
_percent = st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(
    subject=st.sampled_from(_SUBJECTS),
    figure=_money,
    change=_money,
    percent=_percent,
    against=st.sampled_from(_AGAINST),
    up=st.booleans(),
    data=st.data(),
)
def test_change_sentences_parse_back(
    subject: str,
    figure: Decimal,
    change: Decimal,
    percent: Decimal,
    against: str,
    up: bool,
    data: st.DataObject,
) -> None:
    word = data.draw(st.sampled_from(_UP if up else _DOWN))
    percent_word = data.draw(st.sampled_from(_PERCENT_UP if up else _PERCENT_DOWN))
    text = f"{subject}{figure}万元，{against}{word}{change}万元，{percent_word}{percent}%。"
    amount, read = _read(text)
    assert (amount.subject, amount.figure) == (subject, wan(str(figure)))
    assert (read.subject, read.figure, read.amount, read.percent) == (
        subject,
        wan(str(figure)),
        wan(str(change)),
        percent,
    )
    assert (read.amount_word, read.percent_word) == (word, percent_word)
    assert read.against == against.removeprefix("较").removeprefix("比").removeprefix(
        "与"
    ).removesuffix("相比")


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(
        st.tuples(st.sampled_from(_SUBJECTS[:2]), _money, _percent), min_size=2, max_size=4
    ),
    marker=st.sampled_from(["其中：", "其中"]),
    separator=st.sampled_from(["；", "，"]),
)
def test_parts_sentences_parse_back(
    parts: list[tuple[str, Decimal, Decimal]], marker: str, separator: str
) -> None:
    names = [f"第{i + 1}项{name}" for i, (name, _, _) in enumerate(parts)]
    body = separator.join(
        f"{n}{amount}万元，占{percent}%"
        for n, (_, amount, percent) in zip(names, parts, strict=True)
    )
    # The whole is the sum of the parts: a list that adds up is complete whatever it names.
    whole = sum((amount for _, amount, _ in parts), Decimal(0))
    statements = _read(f"政府采购支出总额{whole}万元，{marker}{body}。")
    assert [as_expected(s)["kind"] for s in statements] == ["amount", "parts"]
    read = statements[1]
    assert read.complete is True and read.figure == wan(str(whole))
    assert [(p.subject, p.figure, p.percent) for p in read.parts] == [
        (n, wan(str(amount)), percent) for n, (_, amount, percent) in zip(names, parts, strict=True)
    ]


@settings(max_examples=100, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=5000),
    people=st.integers(min_value=0, max_value=50000),
    unit=st.sampled_from(["批次", "个"]),
)
def test_count_sentences_parse_back(count: int, people: int, unit: str) -> None:
    statements = _read(f"国内公务接待{count}{unit}，接待人次{people}人次。")
    assert [(s.kind, s.count, s.count_unit) for s in statements] == [
        (StatementKind.COUNT, Decimal(count), unit),
        (StatementKind.COUNT, Decimal(people), "人次"),
    ]


# -- the statement checks ------------------------------------------------------------------


def _findings(text: str) -> list[tuple[str, str, str | None, str | None]]:
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    document = FinalAccounts(department="测试", year=2023, statements=tuple(_read(text)))
    return [
        (f.code, f.severity.value, f.expected, f.reported) for f in check_final_accounts(document)
    ]


def test_complete_parts_that_add_up_raise_nothing() -> None:
    assert (
        _findings(
            "2022年本年收入合计4125.49万元，其中：一般公共预算财政拨款收入3859.16万元，占93.54%；"
            "其他收入266.33万元，占6.46%。"
        )
        == []
    )


def test_complete_parts_that_do_not_add_up_are_an_error() -> None:
    assert _findings(
        "2022年本年收入合计4125.49万元，其中：一般公共预算财政拨款收入3859.16万元；其他收入266.30万元。"
    ) == [("statement.parts_sum", "error", "4125.46（4125.45–4125.47）", "4125.49")]


def test_partial_parts_never_give_a_sum_error() -> None:
    # The report abbreviates the list: at most the information that not all parts are printed.
    assert _findings(
        "2022年本年收入合计4125.49万元，其中：一般公共预算财政拨款收入3859.16万元；……"
    ) == [("statement.parts_partial", "info", "4125.49", "3859.16")]
    # 项目支出 printed, 基本支出 not: by the template the list is not complete.
    assert _findings("本年支出合计4143.91万元，其中：项目支出3003.64万元，上缴上级支出0万元。") == [
        ("statement.parts_partial", "info", "4143.91", "3003.64")
    ]


def test_parts_of_the_three_public_expenses_by_the_template() -> None:
    # 因公出国（境）费 left out, and the two printed add up: complete in fact, nothing to say.
    assert (
        _findings(
            "2019年实际支出“三公经费”决算为22.62万元。其中公务接待费为20.10万元，占88.86%；"
            "公务用车运行维护费为2.52万元，占11.14%。"
        )
        == []
    )


def test_change_percent_on_this_year_names_the_base() -> None:
    from budgetperf import check, examples

    worst = next(f for f in check(examples.load("liangshan-2023")) if f.reported == "647.24")
    assert worst.expected == "86.62（86.52–86.72）"
    assert "以本年数 7.6 为基数" in worst.message
    english = check(examples.load("liangshan-2023"), locale="en_US")
    assert any("this year's 7.6" in f.message for f in english)


def test_ratio_printed_as_a_percent() -> None:
    findings = _findings("机关运行经费97.83万元，较上年减少2.17万元，下降0.02%。")
    assert [(code, expected, reported) for code, _, expected, reported in findings] == [
        ("statement.change_percent", "2.17（2.16–2.18）", "0.02")
    ]
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    statements = _read("机关运行经费97.83万元，较上年减少2.17万元，下降0.02%。")
    document = FinalAccounts(department="测试", year=2023, statements=tuple(statements))
    assert "比值 0.0217 未乘以100" in check_final_accounts(document)[0].message


def test_direction_words_that_contradict() -> None:
    assert ("statement.direction_words", "error", "减少", "增") in _findings(
        "机关运行经费51.17万元，较上年减少0.04万元，增0.01%。"
    )


def test_unchanged_while_the_figures_differ() -> None:
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    unchanged = Statement(
        kind=StatementKind.CHANGE,
        subject="公务接待费",
        figure=wan("12"),
        base=wan("10"),
        amount_word="无增减",
        direction=Direction.UNCHANGED,
    )
    document = FinalAccounts(department="测试", year=2023, statements=(unchanged,))
    assert [(f.code, f.expected, f.reported) for f in check_final_accounts(document)] == [
        ("statement.direction", "10", "无增减")
    ]
    # The same figures on both sides: nothing to say.
    same = attrs_evolve(unchanged, base=wan("12"))
    assert check_final_accounts(attrs_evolve(document, statements=(same,))) == []


def test_change_of_the_whole_against_its_parts() -> None:
    text = (
        "“三公”经费支出62.07万元，比上年增加{whole}万元。其中：因公出国（境）费12.02万元；"
        "公务用车购置及运行维护费27.46万元；公务接待费22.59万元。因公出国（境）费比上年增加12.02万元；"
        "公务用车购置及运行维护费比上年增加6.32万元；公务接待费比上年增加20.63万元。"
    )
    assert _findings(text.format(whole="38.97")) == []
    assert ("statement.change_sum", "error", "38.97（38.95–38.99）", "39.97") in _findings(
        text.format(whole="39.97")
    )


def test_shares_forced_to_a_hundred() -> None:
    findings = _findings(
        "支出合计3万元，其中：基本支出1万元，占33.33%；项目支出1万元，占33.33%；经营支出1万元，占33.34%。"
    )
    assert ("statement.forced_hundred", "warning", "经营支出 33.34%（33.3333%）", "100") in findings


def test_counts_that_do_not_add_up() -> None:
    assert _findings("共有车辆0辆，其中：其他用车1辆。") == [
        ("statement.count_sum", "error", "≤ 0", "1")
    ]
    assert _findings("共有车辆2辆，其中：主要领导干部用车0辆、其他用车1辆。") == [
        ("statement.count_sum", "error", "1.00", "2")
    ]
    assert _findings("共有车辆1辆，其中：主要领导干部用车0辆、其他用车1辆。") == []


def test_people_counts_that_do_not_add_up() -> None:
    # 实有人数 = 在职 + 离休 + 退休 and 离退休人员 = 离休 + 退休, by the template.
    assert _findings("实有人数11人，其中：在职人员10人，离休人员0人，退休人员2人。") == [
        ("statement.count_sum", "error", "12.00", "11")
    ]
    assert _findings("离退休人员1206人（其中：离休9人，退休1,196人）。") == [
        ("statement.count_sum", "error", "1205.00", "1206")
    ]
    assert _findings("实有人数11人，其中：在职人员10人，离休人员0人，退休人员1人。") == []
    # Reception batches and person-visits measure the same visits: never parts of each other.
    assert _findings("国内公务接待15批次105人次，其中：外事接待0批次。") == []


# The errors the corpus reports contain, read against the published figures; any other
# error or warning on the corpus would be a false finding.
CORPUS_ERRORS = {
    ("s-007", "statement.change_percent", "38.28"),  # 2570.97 ÷ 6714.88 is 38.29 %
    ("s-013", "statement.change_percent", "1.14"),  # the change amount printed as the percent
    ("s-023", "statement.change_sum", "-144.92"),  # its parts changed by 0 and 0
    ("s-025", "statement.share", "69"),  # 0.53 of 1.71 is 31 %: the two shares swapped
    ("s-025", "statement.share", "31"),  # 1.18 of 1.71 is 69 %
    ("s-032", "statement.forced_hundred", "100"),  # 0.18 of 57.53 is 0.31 %, printed 0.30
    ("s-035", "statement.direction_words", "增"),  # "减0.04万元，增0.01%"
    ("s-039", "statement.change_percent", "0.24"),  # 2.4 more than 1.06 is 226 %
    ("s-039", "statement.parts_sum", "3.46"),  # 2023's parts (1.68) under 2022's total
    ("s-039", "statement.share", "0.02"),  # 1.4 of the total
    ("s-039", "statement.share", "0.95"),  # 0.28 of the total
    ("s-072", "statement.parts_sum", "1335.34"),  # its 其中 list (to 其他收入) sums to 448.87
    ("s-073", "statement.change_sum", "189.25"),  # its one part, the whole, changed by 209.28
    ("s-121", "statement.change_percent", "253"),  # 161.78 more than 63.80 is 253.6 %
    ("s-121", "statement.rate", "70"),  # 537.35 under the budget: 1205.11 of 1742.46, 69.16 %
    ("s-106", "statement.change_percent", "20.6"),  # 85.8 more than 417.9 is 20.53 %
    ("s-108", "statement.change_percent", "7.83"),  # 0.71 on this year's 9.07, not on 9.78
}
# The audit also fills fields of the accounts from the statements: the errors their checks
# report, read against the published figures.
AUDIT_ERRORS = CORPUS_ERRORS | {
    ("s-039", "expenditure.personnel_public", "911.7"),  # 人员 489.18 + 公用 46.89 is 536.07
}


def test_no_false_findings_on_the_corpus() -> None:
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    found = set()
    for entry in entries():
        statements = tuple(r.statement for r in read_statements(entry.body).statements)
        document = FinalAccounts(department=entry.name, year=2023, statements=statements)
        for f in check_final_accounts(document):
            if f.severity.value != "info":
                found.add((entry.name, f.code, f.reported))
    assert found == CORPUS_ERRORS


_ALPHABET = "支出收入合计其中基本项目较上年比增加减少增长下降持平占的完成预算为，；：、。（）()%万元亿辆个人次批等……?-0123456789.,经費與"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_any_text_reads_without_error_and_spans_stay_inside(text: str) -> None:
    reading = read_statements(text)
    for span in [r.span for r in reading.statements] + [u.span for u in reading.unread]:
        assert 0 <= span.start <= span.end <= len(text)
    for clause in reading.unread:
        assert clause.text == text[clause.span.start : clause.span.end]


# One sentence built from random statements in every wording, then spelled plainly, in
# traditional characters or with full-width digits: it must read back to those statements.

_TO_TRADITIONAL = str.maketrans(SIMPLIFIED, TRADITIONAL)
_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_UNITS = ("元", "万元", "亿元")
_FLAT = ("持平", "无增减", "无变化")


def _money_text(value: Decimal, unit: str) -> Amount:
    return Amount.parse(f"{value}{unit}")


@settings(max_examples=200, deadline=None)
@given(
    subject=st.sampled_from(_SUBJECTS),
    period=st.sampled_from(["", "2023年度", "2022年"]),
    copula=st.sampled_from(["", "为", "是"]),
    figure=_money,
    unit=st.sampled_from(_UNITS),
    change=st.one_of(
        st.none(),
        st.tuples(st.sampled_from(_AGAINST), st.booleans(), _money, st.one_of(st.none(), _percent)),
        st.sampled_from(_FLAT),
    ),
    ratio=st.one_of(
        st.none(),
        st.tuples(
            st.sampled_from(["占比", "占本年支出合计的", "完成预算", "完成年初预算的"]), _percent
        ),
    ),
    spelling=st.sampled_from(["plain", "traditional", "full-width", "grouped"]),
    data=st.data(),
)
def test_sentences_in_every_wording_parse_back(
    subject: str,
    period: str,
    copula: str,
    figure: Decimal,
    unit: str,
    change: tuple[str, bool, Decimal, Decimal | None] | str | None,
    ratio: tuple[str, Decimal] | None,
    spelling: str,
    data: st.DataObject,
) -> None:
    text = f"{period}{subject}{copula}{figure}{unit}"
    want: list[tuple[object, ...]] = [("amount", subject, _money_text(figure, unit))]
    if ratio is not None:
        words, share = ratio
        text += f"，{words}{share}%"
        of = words.removeprefix("占").removeprefix("完成").removesuffix("的").removeprefix("比")
        kind = "rate" if "预算" in of else "share"
        want.append((kind, subject, share, of or ("预算" if kind == "rate" else "")))
    if isinstance(change, str):
        text += f"，与上年{change}"
        want.append(("change", subject, change, "上年"))
    elif change is not None:
        against, up, amount, percent = change
        word = data.draw(st.sampled_from(_UP if up else _DOWN))
        text += f"，{against}{word}{amount}{unit}"
        percent_word = ""
        if percent is not None:
            percent_word = data.draw(st.sampled_from(_PERCENT_UP if up else _PERCENT_DOWN))
            text += f"，{percent_word}{percent}%"
        plain_against = (
            against.removeprefix("较").removeprefix("比").removeprefix("与").removesuffix("相比")
        )
        want.append(
            (
                "change",
                subject,
                _money_text(amount, unit),
                word,
                percent,
                percent_word,
                plain_against,
            )
        )
    text += "。"
    if spelling == "traditional":
        text = text.translate(_TO_TRADITIONAL)
    elif spelling == "full-width":
        text = text.translate(_FULL_WIDTH)
    elif spelling == "grouped":  # thousands separators: "1,234,567.89万元"
        text = re.sub(r"\d{4,}(?=\.|\D)", lambda m: f"{int(m.group(0)):,}", text)
    got: list[tuple[object, ...]] = []
    for s in _read(text):
        name = normalise(s.subject).text
        if s.kind is StatementKind.AMOUNT:
            got.append(("amount", name, s.figure))
        elif s.kind in (StatementKind.SHARE, StatementKind.RATE):
            got.append((s.kind.value, name, s.percent, normalise(s.of).text))
        elif s.direction is Direction.UNCHANGED and s.amount is None:
            got.append(("change", name, s.amount_word, normalise(s.against).text))
        else:
            got.append(
                (
                    "change",
                    name,
                    s.amount,
                    s.amount_word,
                    s.percent,
                    s.percent_word,
                    normalise(s.against).text,
                )
            )
            assert s.figure == _money_text(figure, unit)  # the change is of this figure
    assert got == want, text


def test_classification_lines_name_their_figures() -> None:
    statements = _read(
        "科学技术支出（206类）科学技术普及（07款）科普活动（02项）：支出决算为项目支出12万元。"
        "一般公共服务(类)政府办公厅(室)及相关机构事务(款)(项):支出决算为441.72万元,完成预算100%,"
        "决算数与预算数持平。"
    )
    assert [(s.kind.value, s.subject, s.figure) for s in statements][:3] == [
        ("amount", "科学技术支出（206类）科学技术普及（07款）科普活动（02项）", wan("12")),
        ("amount", "一般公共服务（类）政府办公厅（室）及相关机构事务（款）（项）", wan("441.72")),
        ("rate", "一般公共服务（类）政府办公厅（室）及相关机构事务（款）（项）", wan("441.72")),
    ]
    flat = statements[3]
    assert (flat.subject, flat.against, flat.amount_word) == ("决算数", "预算数", "持平")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET + "各均分别是以上小计至共有车用其他无增减", max_size=150))
def test_checks_of_whatever_was_read_never_fail(text: str) -> None:
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    statements = tuple(r.statement for r in read_statements(text).statements)
    check_final_accounts(FinalAccounts(department="测试", year=2023, statements=statements))


def test_audit_of_a_list_that_leaves_a_part_out() -> None:
    from budgetperf.audit import audit_text

    result = audit_text(
        "2022年度收、支总计均为4143.91万元。"
        "2022年本年支出合计4143.91万元，其中：项目支出3003.64万元，占72.48%。"
    )
    basic_project = [f for f in result.findings if f.code == "expenditure.basic_project"]
    assert [(f.severity.value, f.expected, f.reported) for f in basic_project] == [
        ("info", "4143.91", "3003.64")
    ]


def test_audit_compares_no_three_public_total_with_parts_not_read() -> None:
    from budgetperf.audit import audit_text

    # The total is read, its parts are worded otherwise: no sum of zeros against 3.46.
    result = audit_text(
        "2022年“三公”经费财政拨款支出决算为3.46万元，完成预算100%，较上年增加2.4万元，增长0.24%。"
    )
    assert not [f for f in result.findings if f.code.startswith("three_public.")]
    assert [f.reported for f in result.findings if f.code == "statement.change_percent"] == ["0.24"]


def test_context_carries_amounts_from_paragraph_to_paragraph() -> None:
    first = read_statements("2023年“三公”经费财政拨款支出决算为1.68万元。")
    second = read_statements(
        "2023年“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；"
        "公务用车购置及运行维护费支出决算1.4万元，占83.33%；公务接待费支出决算0.28万元，占16.67%。",
        context=first.known,
    )
    parts = second.statements[0].statement
    assert (parts.kind, parts.figure, parts.complete) == (StatementKind.PARTS, wan("1.68"), True)
    assert second.known["“三公”经费财政拨款支出决算"] == wan("1.68")
    alone = read_statements(second.statements[0].statement.text)
    assert alone.statements[0].statement.figure is None  # without the context: not known


def test_a_count_of_places_opening_a_look_at_some_of_them() -> None:
    # s-061: "11个设区市中，有5个市…": the count of the places; the clauses after are of the
    # places they name (s-062: "5个区市中，黄岛区…增长11.3%" is not a change of 区市).
    reading = read_statements("11个设区市中,有5个市高于全省平均水平。共17个县市。")
    assert [(r.statement.subject, r.statement.count) for r in reading.statements] == [
        ("设区市", Decimal("11")),
        ("县市", Decimal("17")),
    ]
    reading = read_statements("5个区市中，崂山区完成131.1亿元，同比增长10.2%。")
    first, *rest = [r.statement.subject for r in reading.statements]
    assert first == "区市" and "区市" not in rest


def test_unchanged_run_into_the_next_clause_without_a_mark() -> None:
    # s-016: "…费为0万元,上年持平共计安排…团组0个": 持平 against last year, then the count.
    statements = _read(
        "因公出国(境)费为0万元,上年持平共计安排因公出国(境)团组0个,因公出国(境)0人次。"
    )
    assert [(s.kind, s.subject, s.direction, s.against) for s in statements[:2]] == [
        (StatementKind.AMOUNT, "因公出国（境）费", None, ""),
        (StatementKind.CHANGE, "因公出国（境）费", Direction.UNCHANGED, "上年"),
    ]
    assert [(s.kind, s.count) for s in statements[2:]] == [
        (StatementKind.COUNT, Decimal("0")),
        (StatementKind.COUNT, Decimal("0")),
    ]


def test_months_are_a_period_not_a_figure_or_a_name() -> None:
    # "1-8月全省…" (s-057): the 1 of a month range is no figure, and the months are the
    # period of the amount, as a year is; months inside a name stay in it.
    (amount, change) = _read("1-8月全省公共财政预算支出1234.5亿元，同比增长12.3%。")
    assert (amount.subject, amount.period, amount.figure) == (
        "全省公共财政预算支出",
        "1-8月",
        Amount(Decimal("12345000"), "万元"),
    )
    assert change.subject == "全省公共财政预算支出"
    assert [(s.subject, s.period) for s in _read("2023年1至6月全县税收收入3.2亿元。")] == [
        ("全县税收收入", "2023年1至6月")
    ]
    assert [s.subject for s in _read("全市8月份一般公共预算收入9亿元。")] == [
        "全市8月份一般公共预算收入"
    ]


def test_an_outturn_named_by_its_stage_is_known_by_the_name_of_its_budget() -> None:
    # s-025: "…“三公”经费支出预算为3万元,支出决算为1.71万元" then, a paragraph later, a list of
    # "…“三公”经费支出决算中": its whole is the 1.71, so the printed shares are checked.
    first = read_statements(
        "2023年度一般公共预算财政拨款“三公”经费支出预算为3万元,支出决算为1.71万元,完成预算的43%。"
    )
    assert first.known["一般公共预算财政拨款“三公”经费支出决算"] == wan("1.71")
    assert first.known["支出决算"] == wan("1.71")  # the subject as printed stays the statement's
    assert [r.statement.subject for r in first.statements][:2] == [
        "一般公共预算财政拨款“三公”经费支出预算",
        "支出决算",
    ]
    second = read_statements(
        "2023年度一般公共预算财政拨款“三公”经费支出决算中,公务接待费支出决算0.53万元,占69%;"
        "公务用车购置及运行维护费支出决算1.18万元,占31%。",
        context=first.known,
    )
    assert second.statements[0].statement.figure == wan("1.71")
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    statements = [r.statement for r in (*first.statements, *second.statements)]
    document = FinalAccounts(department="测试", year=2023, statements=tuple(statements))
    shares = [(f.reported, f.expected) for f in check_final_accounts(document)]
    shares = [s for s in shares if s[0] in ("69", "31")]
    assert shares == [("69", "30.99（30.61–31.38）"), ("31", "69.01（68.51–69.51）")]


def test_no_false_findings_when_the_corpus_is_audited() -> None:
    # The whole path: the template patterns and the grammar together, paragraph by paragraph.
    from budgetperf.audit import audit_text

    found = set()
    for entry in entries():
        for f in audit_text(entry.body, file=entry.name).findings:
            if f.severity.value != "info":
                found.add((entry.name, f.code, f.reported))
    # s-072 prints no year ("本级2023部门预算"): the audit makes no accounts of it.
    assert found == {error for error in AUDIT_ERRORS if error[0] != "s-072"}


def test_percentage_points_and_figures_per_unit_are_listed() -> None:
    reading = read_statements(
        "执行率较上年下降了2个百分点，预算费用3.5万元/人，共计7万元；单价100万元以上设备0台（套）。"
    )
    assert [u.text for u in reading.unread] == [
        "执行率较上年下降了2个百分点",
        "预算费用3.5万元/人",
        "单价100万元以上",
    ]
    assert [(s.statement.subject, s.statement.figure) for s in reading.statements] == [
        ("共计", wan("7")),
        ("设备", None),
    ]


@settings(max_examples=100, deadline=None)
@given(
    values=st.lists(_money, min_size=2, max_size=3),
    word=st.sampled_from(["分别为", "各是", "分别是"]),
    separator=st.sampled_from(["、", "，"]),
)
def test_respectively_sentences_parse_back(
    values: list[Decimal], word: str, separator: str
) -> None:
    names = ["基本支出", "项目支出", "经营支出"][: len(values)]
    text = "、".join(names) + word + separator.join(f"{v}万元" for v in values) + "。"
    assert [(s.subject, s.figure) for s in _read(text)] == [
        (name, wan(str(value))) for name, value in zip(names, values, strict=True)
    ]


_THREE_COMBINED = (
    "2023年度“三公”经费财政拨款支出决算为7.6万元，较上年度减少49.19万元，下降86.62%。"
    "2023年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；"
    "公务用车购置及运行维护费支出决算7.41万元，占97.5%；公务接待费支出决算0.19万元，占2.5%。"
)


def test_three_public_parts_a_report_does_not_state_are_unknown() -> None:
    from budgetperf.audit import audit_text
    from budgetperf.model import FinalAccounts

    # Only the combined 公务用车购置及运行维护费 is stated: 购置 and 运行维护 are unknown
    # (None), never 0; the combined figure is kept and the total compared with it.
    result = audit_text(_THREE_COMBINED)
    (accounts,) = result.batch.of_type(FinalAccounts)
    three = accounts.three_public
    assert three is not None
    assert (three.vehicle_purchase, three.vehicle_operation) == (None, None)
    assert (three.outbound, three.reception) == (wan("0"), wan("0.19"))
    assert (three.reported_vehicle_total, three.reported_total) == (wan("7.41"), wan("7.6"))
    assert three.vehicle_total is None
    assert three.computed_total == wan("7.6")
    assert not [f for f in result.findings if f.code.startswith("three_public.")]


def test_three_public_total_compared_with_the_combined_vehicle_figure() -> None:
    from budgetperf.audit import audit_text

    # The same sentences with the total printed wrong (9.6 for 0 + 7.41 + 0.19 = 7.6): the
    # error is found from the figures stated, the unknown parts adding nothing. (7.7 would be
    # within what "0万元", printed without places, may round from: 7.09–8.11.)
    result = audit_text(_THREE_COMBINED.replace("决算为7.6万元", "决算为9.6万元"))
    found = [
        (f.code, f.severity.value, f.expected, f.reported)
        for f in result.findings
        if f.code.startswith("three_public.")
    ]
    assert [(code, severity, reported) for code, severity, _, reported in found] == [
        ("three_public.sum", "error", "9.6")
    ]
    assert str(found[0][2]).startswith("7.60")


# -- scores and grades of a performance self-evaluation (评分与等级) -------------------------


def _entry(name: str) -> str:
    return next(e for e in entries() if e.name == name).body


def test_a_score_stated_in_a_real_self_evaluation() -> None:
    # s-091: "…本部门对\n2017 年整体支出开展绩 效自评,自评得分\n90 分,存在的问题:…" (PDF line
    # breaks inside the sentence).
    (score,) = [s for s in _read(_entry("s-091")) if s.kind is StatementKind.SCORE]
    assert (score.subject, score.score, score.full_marks, score.grade) == (
        "自评得分",
        Decimal(90),
        None,
        None,
    )


def test_deductions_of_a_real_scoring_rule_are_no_scores() -> None:
    # s-085 (平山县行政审批局): "…不合格各扣2分;每个项目目标扣0.5分,扣完为止。"
    reading = read_statements(_entry("s-085"))
    assert not [r for r in reading.statements if r.statement.kind is StatementKind.SCORE]
    deductions = [u.text for u in reading.unread if u.reason.startswith("扣分")]
    assert len(deductions) == 2
    assert deductions[0].endswith("各扣2分") and deductions[1].endswith("扣0.5分")


@pytest.mark.parametrize(
    ("text", "subject", "score", "full_marks", "grade", "grade_text"),
    [
        # The wordings of the reports the brief names (written here, not copied from one).
        (
            "经自评，2023年度部门整体支出绩效自评得分96.5分，自评等级为优秀。",
            "部门整体支出绩效自评得分",
            "96.5",
            None,
            "优",
            "优秀",
        ),
        ("项目自评得分为92.5分，评价等级为“优”。", "项目自评得分", "92.5", None, "优", "优"),
        ("评价等级为“良”。", "评价等级", None, None, "良", "良"),
        ("综合得分88分（满分100分）。", "综合得分", "88", "100", None, None),
        ("满分100分，自评得分79分，为合格等次。", "自评得分", "79", "100", "中", "合格"),
        ("评价等级为一般，综合评分为72分。", "综合评分", "72", None, "中", "一般"),
        ("等级：良好。", "等级", None, None, "良", "良好"),
    ],
)
def test_scores_and_grades_are_read(
    text: str,
    subject: str,
    score: str | None,
    full_marks: str | None,
    grade: str | None,
    grade_text: str | None,
) -> None:
    reading = read_statements(text)
    (read,) = reading.statements
    s = read.statement
    assert s.kind is StatementKind.SCORE
    assert (s.subject, s.score, s.full_marks) == (
        subject,
        Decimal(score) if score else None,
        Decimal(full_marks) if full_marks else None,
    )
    assert (s.grade.value if s.grade else None, s.grade_text) == (grade, grade_text)
    assert reading.unread == ()


def test_a_deduction_a_rate_and_several_projects() -> None:
    reading = read_statements("总体扣分3分，得分97分。")
    assert [(r.statement.subject, r.statement.score) for r in reading.statements] == [
        ("得分", Decimal(97))
    ]
    assert [u.text for u in reading.unread] == ["总体扣分3分"]
    several = _read("A项目自评得分95分，B项目自评得分88分。")
    assert [(s.subject, s.score) for s in several] == [
        ("A项目自评得分", Decimal(95)),
        ("B项目自评得分", Decimal(88)),
    ]
    (rate,) = _read("得分率为95%。")  # a rate, not a score
    assert (rate.kind, rate.subject, rate.percent) == (StatementKind.RATE, "得分率", Decimal(95))
    # Minutes and fractions are not points; a grade word inside a name is no grade.
    assert not [s for s in _read("会议用时26分钟，在评价结果中基本支出10万元。") if s.score]


def test_a_figure_in_points_of_nothing_named_is_unread() -> None:
    reading = read_statements("产出指标50分、效益指标30分。")
    assert reading.statements == ()
    assert [u.reason for u in reading.unread] == ["分数没有名称 (a score of nothing named)"] * 2


def test_a_stated_grade_against_the_stated_score() -> None:
    from budgetperf.audit import audit_text

    # Made up: no published sentence of the corpus states a grade its score does not earn.
    text = "2023年度部门整体支出绩效自评得分86.5分，自评等级为优秀。"
    (finding,) = [f for f in audit_text(text).findings if f.code == "statement.grade"]
    assert (finding.severity.value, finding.expected, finding.reported) == ("error", "良", "优秀")
    assert "national（优≥90、良≥80、中≥60、差<60" in finding.message
    assert finding.source_text == "2023年度部门整体支出绩效自评得分86.5分，自评等级为优秀"
    # Under the 80/70/60 bands 86.5 is 优: no finding.
    other = audit_text(text, rules="grades-80-70-60").findings
    assert not [f for f in other if f.code == "statement.grade"]


def test_a_score_above_its_full_marks_and_a_grade_out_of_another_maximum() -> None:
    from budgetperf.checks.accounts import check_final_accounts
    from budgetperf.model import FinalAccounts

    def findings(text: str) -> list[tuple[str, str | None, str | None]]:
        statements = tuple(r.statement for r in read_statements(text).statements)
        document = FinalAccounts(department="测试", year=2023, statements=statements)
        return [(f.code, f.expected, f.reported) for f in check_final_accounts(document)]

    # Made up.
    assert findings("项目自评得分为102分（满分100分）。") == [
        ("statement.score_range", "0–100", "102")
    ]
    # Out of 120 the national bands give no grade (they are defined on 100): nothing to say.
    assert findings("自评得分100分（满分120分），评价等级为良。") == []
    assert findings("自评得分96分，评价等级为优。") == []


def test_the_grade_finding_in_english() -> None:
    from budgetperf import check
    from budgetperf.model import FinalAccounts

    statements = tuple(
        r.statement for r in read_statements("综合得分58分，评价等级为中。").statements
    )
    document = FinalAccounts(department="测试", year=2023, statements=statements)
    (finding,) = check(document, locale="en_US")
    assert finding.message == (
        "综合得分: the text states the grade “中”; under the rule set national (优≥90、良≥80、中≥60、"
        "差<60, graded on 58 points) a score of 58 points earns “差”"
    )


def test_a_score_statement_travels_as_json() -> None:
    from budgetperf.io import dump, load_text
    from budgetperf.model import FinalAccounts

    statements = tuple(
        r.statement
        for r in read_statements("综合得分88分（满分100分），评价等级为“良”。").statements
    )
    document = FinalAccounts(department="测试", year=2023, statements=statements)
    text = dump(document)
    assert '"grade": "良"' in text and '"grade_text": "良"' in text
    assert load_text(text) == document
    # A statement without a score keeps its JSON as before: no score fields written.
    plain = FinalAccounts(department="测试", year=2023, statements=tuple(_read("支出10万元。")))
    assert '"score"' not in dump(plain)


# A figure as the grammar's units print it (money, %, counts, points), written out again here.
_FIGURE_WITH_UNIT = re.compile(
    r"(?<![\d.第])\d+(?:\.\d+)?(?:%|亿元|万元|元|台（套）|人次|批次|辆|个|人|台|次|批|家|名|分(?![钟之]))"
)


# Words of budget and evaluation sentences, joined at random: the figures among them must each
# be taken by a statement or listed as unread, whatever the words around them.
_WORDS_OF_SENTENCES = (
    *("支出", "基本支出", "项目支出", "收入合计", "其中", "完成预算", "完成", "占", "的", "为"),
    *(
        "较上年",
        "比上年",
        "增加",
        "减少",
        "增长",
        "下降",
        "持平",
        "共有车辆",
        "公务用车",
        "各",
        "分别",
    ),
    *("自评得分", "综合得分", "得分", "满分", "扣", "扣分", "得分率", "评价等级为", "等级", "优秀"),
    *(
        "良",
        "“优”",
        "合格",
        "一般",
        "评定为",
        "项目",
        "（",
        "）",
        "，",
        "；",
        "：",
        "。",
        "、",
        "\n",
    ),
    *("5", "96.5", "0", "100", "2023年", "分", "个", "辆", "人次", "%", "万元", "亿元", "元"),
)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=_ALPHABET + "分得满扣评自等级为优良中差秀好合格一般“”率钟", max_size=120),
        st.lists(st.sampled_from(_WORDS_OF_SENTENCES), max_size=40).map("".join),
    )
)
# Figures that vanished before (no statement, no unread clause): a score in 分, a count after
# a completion's words, a percent after a change already given its percent.
@example("经自评，2023年度部门整体支出绩效自评得分96.5分，自评等级为优秀。")
@example("完成预算5个。")
@example("比上年增长5%，10%。")
def test_every_figure_printed_is_in_a_statement_or_unread(text: str) -> None:
    reading = read_statements(text)
    spans = [(r.span.start, r.span.end) for r in reading.statements] + [
        (u.span.start, u.span.end) for u in reading.unread
    ]
    for m in _FIGURE_WITH_UNIT.finditer(text):
        assert any(a <= m.start() < b for a, b in spans), (text, m.group(0))


def test_a_grade_as_printed_must_spell_the_grade() -> None:
    from budgetperf.errors import ValidationError
    from budgetperf.model.indicators import Grade

    Statement(kind=StatementKind.SCORE, subject="自评", grade=Grade.GOOD)  # spelling not kept
    with pytest.raises(ValidationError, match=r"Statement\.grade_text"):
        Statement(kind=StatementKind.SCORE, subject="自评", grade=Grade.GOOD, grade_text="优秀")
    with pytest.raises(ValidationError, match=r"Statement\.grade_text"):
        Statement(kind=StatementKind.SCORE, subject="自评", grade_text="优秀")


@pytest.mark.parametrize(
    ("printed", "folded"),
    [
        ("支出4143 .91万元", "支出4143.91万元"),  # a PDF's space before the point
        ("支出4143. 91万元", "支出4143.91万元"),  # after it
        ("支出1 234.56万元", "支出1234.56万元"),  # before a group of three
        ("2 0 2 3年", "2023年"),  # digits printed one by one
        ("支出 3,859.16 万元", "支出3859.16万元"),
        # Two figures, a table's cells run into prose (s-092's 90 89.974): never one figure.
        ("得分 90 89.974 分", "得分90 89.974分"),
    ],
)
def test_a_space_inside_a_number_is_dropped_one_between_figures_kept(
    printed: str, folded: str
) -> None:
    assert normalise(printed).text == folded


# -- the final-accounts round s-120…s-127 ---------------------------------------------------


def test_jiao_as_a_degree_is_no_comparison() -> None:
    # s-125: "变动较大的主要原因是2020年新增了605.99万元政府性基金…资金".
    reading = read_statements(
        "收入、支出变动较大的主要原因是2020年新增了605.99万元政府性基金预算财政拨款-抗疫特别国债资金，"
        "主要用于保健院住院楼项目建设购置设备。"
    )
    assert reading.statements == ()
    assert [u.text for u in reading.unread] == [
        "收入、支出变动较大的主要原因是2020年新增了605.99万元"
    ]


def test_a_comparison_with_the_budget_and_its_reason_run_on() -> None:
    got = _read("支出决算为8.99万元，完成预算的163.45%，决算数大于预算数的主要原因为参加交流。")
    (change,) = [s for s in got if s.kind is StatementKind.CHANGE]
    assert (change.subject, change.amount_word, change.against) == ("决算数", "大于", "预算数")
    got = _read("支出决算为67.64万元，决算数小于预算数的主要原因是年初预算估算不足。")
    (change,) = [s for s in got if s.kind is StatementKind.CHANGE]
    assert (change.amount_word, change.against) == ("小于", "预算数")


@pytest.mark.parametrize(
    ("text", "subject", "against", "percent"),
    [
        (
            "“三公”经费支出2.05万元，较上年2.08减少0.03万元，减少了1.44%。",
            "“三公”经费支出",
            "上年",
            "1.44",
        ),
        ("相比2016年的总收入6871.82减少243.10万元，下降3.54%。", "总收入", "2016年", "3.54"),
    ],
)
def test_a_base_without_its_unit_after_the_period(
    text: str, subject: str, against: str, percent: str
) -> None:
    # s-126, s-122: the change is read against the period; the base is listed, as in s-029.
    reading = read_statements(text)
    (change,) = [
        r.statement for r in reading.statements if r.statement.kind is StatementKind.CHANGE
    ]
    assert (change.subject, change.against, change.percent) == (subject, against, Decimal(percent))
    assert [u.reason for u in reading.unread] == ["基数没有单位 (a base without its unit)"]


def test_a_whole_glued_to_its_first_part_by_zhong() -> None:
    # s-122: "基本支出中医疗业务支出5868.43万元，…".
    got = _read(
        "2017年总支出7778.55万元，其中财政项目补助支出683.20万元，基本支出7095.35万元。"
        "基本支出中医疗业务支出5868.43万元，管理费用1111.10万元，其他支出115.82万元。"
    )
    parts = [s for s in got if s.kind is StatementKind.PARTS]
    assert [(p.subject, p.complete, [q.subject for q in p.parts]) for p in parts] == [
        ("总支出", True, ["财政项目补助支出", "基本支出"]),
        ("基本支出", True, ["医疗业务支出", "管理费用", "其他支出"]),
    ]


def test_a_list_cut_at_the_end_of_the_text_is_not_complete() -> None:
    got = _read(
        "1.财政拨款收入17776.10万元，占收入合计的99.94%。其中：一般公共预算财政拨款收入17776.10万元，"
        "占收入合计的99.94%；政府性基金预算财政拨款收入0.00万元，占收入"
    )
    (parts,) = [s for s in got if s.kind is StatementKind.PARTS]
    assert parts.complete is False
    got = _read(
        "财政拨款收入17776.10万元。其中：一般公共预算财政拨款收入17776.10万元；政府性基金预算财政拨款收入0.00万元。"
    )
    (parts,) = [s for s in got if s.kind is StatementKind.PARTS]
    assert parts.complete is True


def test_a_bare_budget_after_a_figure_is_that_figures_budget() -> None:
    # s-126: each item of the list with its budget and the difference from it.
    got = _read(
        "“三公”经费支出2.05万元，年初预算为2.95万元，差值为0.9万元。其中：因公出国（境）支出0万元，"
        "年初预算为0万元，差值为0万元；公务接待费支出2.05万元，年初预算为2万元，差值为0.05万元。"
    )
    (parts,) = [s for s in got if s.kind is StatementKind.PARTS]
    assert (parts.subject, [p.subject for p in parts.parts]) == (
        "“三公”经费支出",
        ["因公出国（境）支出", "公务接待费支出"],
    )
    amounts = [(s.subject, s.figure) for s in got if s.kind is StatementKind.AMOUNT]
    assert amounts[1:3] == [
        ("“三公”经费支出年初预算", wan("2.95")),
        ("“三公”经费支出差值", wan("0.9")),
    ]
    assert ("公务接待费支出年初预算", wan("2")) in amounts


def test_a_change_is_of_the_figure_of_the_year_its_sentence_prints() -> None:
    # s-100: the 2022 budget's parts, then the 2021 outturn's, then changes of 2022 against
    # 2021. The change of 公务接待 is of the 2022 figure (11.8), not of the 2021 one stated last.
    text = (
        "2022年度“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，公务接待11.8万元，"
        "公务用车运行费用10万元。\n"
        "2021年度“三公”经费合计支出20.12万元，其中：因公出国（境）经费0万元，公务接待12.39万元，"
        "公务用车运行费用7.73万元。\n"
        "2022年度“三公”经费预算较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元，"
        "减少4.68%。公务用车运行费用较上年同期增加2.27万元，增长29.37%。"
    )
    changes = [s for s in _read(text) if s.kind is StatementKind.CHANGE]
    assert [(c.subject, c.figure) for c in changes] == [
        ("“三公”经费预算", None),
        ("公务接待", wan("11.8")),
        ("公务用车运行费用", wan("10")),
    ]
    # Paragraph by paragraph, as an audit reads them, the years travel with the amounts.
    first, second, third = text.split("\n")
    a = read_statements(first)
    b = read_statements(second, context=a.known, dated=a.dated)
    c = read_statements(third, context=b.known, dated=b.dated)
    assert [r.statement.figure for r in c.statements][1:] == [wan("11.8"), wan("10")]
    # A figure known only of another year is no change's current figure.
    (change,) = [
        s
        for s in _read("2021年度公务接待费12.39万元。2022年度公务接待费较上年减少0.58万元。")
        if s.kind is StatementKind.CHANGE
    ]
    assert change.figure is None


def test_a_count_followed_by_what_is_said_of_its_noun() -> None:
    # s-094, s-089 (a PDF's blank inside the noun), s-102 (分别是 and the names after it).
    for text, subject, count in (
        ("其中22个项目已完工，剩余项目均在顺利推进中。", "项目", Decimal(22)),
        ("财政局选取2020年的6 个绩效 项目设为重点项目，根据…的要求。", "绩效项目", Decimal(6)),
        (
            "花牛镇人民政府设置6个事业机构分别是：农业技术推广与综合服务中心、财政管理所。",
            "事业机构",
            Decimal(6),
        ),
    ):
        (counted,) = [s for s in _read(text) if s.kind is StatementKind.COUNT]
        assert (counted.subject, counted.count, counted.count_unit) == (subject, count, "个")
    # The noun's extent still cannot be told here: listed, as before.
    assert not [
        s for s in _read("对5个部门、5个镇乡街道开展绩效评价。") if s.kind is StatementKind.COUNT
    ]
    assert not _read("62名职工工资调标所致。")


def test_enterprises_counted_in_hu_and_their_parts_after_baokuo() -> None:
    # s-101: "户" counts enterprises as 家 does; 包括 after a count lists its parts.
    (count,) = _read(
        "纳入本级决算编制范围一级国有企业95户，包括国有独资企业84户、国有控股企业1户和国有参股企业10户，"
        "主要分布在煤炭等行业。"
    )
    assert (count.kind, count.count, count.count_unit, count.complete) == (
        StatementKind.COUNT,
        Decimal(95),
        "户",
        True,
    )
    assert [(p.subject, p.count) for p in count.parts] == [
        ("国有独资企业", Decimal(84)),
        ("国有控股企业", Decimal(1)),
        ("国有参股企业", Decimal(10)),
    ]


def test_a_share_of_a_fund_and_a_count_of_what_a_threshold_describes() -> None:
    # s-105: 一般公共预算 names the fund (its revenue), no budget carried out.
    (share,) = _read("其中税收收入占一般公共预算的比重为68.4%。")
    assert (share.kind, share.subject, share.percent) == (
        StatementKind.SHARE,
        "税收收入",
        Decimal("68.4"),
    )
    (rate,) = _read("税收收入占调整预算的100%。")
    assert rate.kind is StatementKind.RATE
    # "2个县（市）收入增幅超过30%": the count of what passed the threshold is not read.
    reading = read_statements(
        "从各县（市、区）上半年收入增幅情况来看，2个县（市）收入增幅超过30%。"
    )
    assert not reading.statements
    assert any("2个" in u.text for u in reading.unread)


def test_a_count_before_a_counted_noun_and_a_division_by_level() -> None:
    # s-106: "100个县（市）区" is a count before its noun, not a count glued to the next subject.
    reading = read_statements("1-3月辽宁省100个县（市）区一般公共预算收入比上年同期增长20.6%。")
    assert [r.statement.kind for r in reading.statements] == [StatementKind.CHANGE]
    assert any("100个" in u.text for u in reading.unread)
    # s-107: "分中央和地方看" divides the whole just stated into its parts.
    got = _read(
        "全国政府性基金预算收入10825亿元，同比下降21.8%。分中央和地方看，中央政府性基金预算收入"
        "905亿元，同比增长6.1%；地方政府性基金预算本级收入9920亿元，同比下降23.6%。"
    )
    (parts,) = [s for s in got if s.kind is StatementKind.PARTS]
    assert (parts.subject, parts.complete) == ("全国政府性基金预算收入", True)
    assert [p.subject for p in parts.parts] == [
        "中央政府性基金预算收入",
        "地方政府性基金预算本级收入",
    ]


def test_a_place_before_the_period_and_the_verb_before_a_three_public_item() -> None:
    # s-062: "黄岛区2016年完成公共财政预算…": the place is the subject's own, the period apart;
    # 公共财政预算 names the fund's revenue, no budget before a completion.
    amount, change = _read("黄岛区2016年完成公共财政预算212.4亿元，同比增长11.3%。")
    assert (amount.subject, amount.period, amount.figure) == (
        "黄岛区公共财政预算",
        "2016年",
        Amount.parse("212.4亿元"),
    )
    assert (change.kind, change.subject, change.percent) == (
        StatementKind.CHANGE,
        "黄岛区公共财政预算",
        Decimal("11.3"),
    )
    # "安排因公出国（境）团组0个": 安排 is the verb, not the name.
    (count, _) = _read("2023年安排因公出国（境）团组0个，0人次。")
    assert count.subject == "因公出国（境）团组"
    # A name that begins with 安排 keeps it.
    (kept,) = _read("安排预算稳定调节基金5亿元。")
    assert kept.subject == "安排预算稳定调节基金"
