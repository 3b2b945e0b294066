"""The clause grammar of budget explanations (决算/预算说明的分句语法).

A sentence is cut into clauses at ，；： (never inside brackets, never between the values of a
list "4125.49，4143.91万元"), and each figure of a clause is read from the words just before
it:

- a direction word (增加 减少 增长 下降 增幅 减幅 上升 降低 …) makes it part of a change,
  against what the clause names (同比, 较上年, 比上年决算数, 与2021年相比 …);
- 占 … 的 makes a share, or a completion when the whole is a budget (占调整预算的100%);
- 完成 … 预算 makes a completion (完成预算100%, 完成全年预算84.82万元的73.2%);
- 其中 / a clause ending in 中 opens a list of parts of the last subject, until the sentence
  ends ("在X中" too; a sentence that only names a budget, "政府性基金预算。", heads the list
  after it); 分别为 / 各是 share one list of values among the subjects named before them
  ("分别为A、B和C", "分别比上年同期增长P%、Q%");
- any other amount is an amount statement of its subject, any count (辆, 批次, 人次 …) a count.
- a count printed before its noun is read only when the rest of its clause is a counted
  noun ("下设0个处室"); otherwise it, and a 其中 list of its parts, are unread;
- a figure in 分 named by 得分/评分/总分 … is a score ("自评得分96.5分", with "（满分100分）"),
  a clause stating a grade ("自评等级为优秀", "评价等级为“良”") gives the grade of the score
  before it or a statement of its own; a deduction ("扣2分") is unread, never a score.

Words that carry no figure (持平, 无增减, 无变化) make a change statement too. A clause with a
figure the grammar cannot place, or a relation whose figure is missing or damaged
("增长--", "增长2."), is returned as unread with its span; so is any figure with a unit that
no rule takes: nothing printed vanishes.
"""

from __future__ import annotations

import itertools
import re
import types
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Final

import attrs

from budgetperf.errors import FigureRangeError
from budgetperf.model.indicators import GRADE_WORDS, Grade
from budgetperf.model.narrative import DIRECTION_WORDS, Part, Statement, StatementKind
from budgetperf.money import Amount, Unit, to_decimal
from budgetperf.rates import Direction
from budgetperf.statements.normalise import Normalised, normalise

__all__ = [
    "COUNT_UNITS",
    "MONEY_UNITS",
    "SCORE_UNIT",
    "ReadStatement",
    "Reading",
    "Span",
    "UnreadClause",
    "read_statements",
]

MONEY_UNITS: Final = ("亿元", "万元", "元")
"""The money units read, longest first."""
COUNT_UNITS: Final = (
    "台（套）",
    "人次",
    "批次",
    "辆",
    "个",
    "人",
    "台",
    "次",
    "批",
    "家",
    "名",
    "户",
)
"""The count units read, longest first (公务用车 辆, 接待 批次/人次, 团组 个 …)."""

SCORE_UNIT: Final = "分"
"""The unit of a score (评分), as printed: 96.5分."""
_NUMBER: Final = r"\d+(?:\.\d+)?"
_FIGURE: Final = re.compile(
    r"(?P<number>"
    + _NUMBER
    + r")(?P<unit>%|个百分点|百分点|"
    + "|".join(re.escape(u) for u in MONEY_UNITS + COUNT_UNITS)
    + r"|"
    + SCORE_UNIT
    + r"(?![钟之])"  # "26分钟", "3分之1": not points
    + r")?"
)
_WORDS: Final = sorted(
    (w for w, d in DIRECTION_WORDS.items() if d is not Direction.UNCHANGED), key=len, reverse=True
)
_FLAT_WORDS: Final = sorted(
    (w for w, d in DIRECTION_WORDS.items() if d is Direction.UNCHANGED), key=len, reverse=True
)
# The direction word just before a figure: "减少3.42万元", "下降了4%", "增幅为12%",
# "增幅达到50.3%".
_LEAD_WORD: Final = re.compile(r"(?P<word>" + "|".join(_WORDS) + r")(?:了|仅为|为|达到|达|约)?$")
_FLAT: Final = re.compile("|".join(_FLAT_WORDS))
_COMPLETION: Final = re.compile(r"完成[^，；]*(?:预算|计划)")
# "决算数大于预算数55.93万元": a comparison whose other side is named after the word.
_COMPARED: Final = re.compile(
    r"^(?P<subject>.*?)(?P<word>大于|小于|高于|低于)(?P<what>[^，；的]{1,10}?)"
    # "决算数小于预算数的主要原因是…": the reason run on after the comparison.
    r"(?:的?主要原因.*)?$"
)
_COMPARATIVES: Final = {
    "大于": Direction.INCREASE,
    "高于": Direction.INCREASE,
    "小于": Direction.DECREASE,
    "低于": Direction.DECREASE,
}
# A bracket that lists parts: "（其中：…）" or "（公务用车购置费0万元，…）".
_LISTS_PARTS: Final = re.compile(r"其中|(?!不含|含|包括|注)[^（）。]*?\d(?:\.\d+)?(?:亿元|万元|元)")
_RATE_NAME: Final = re.compile(r"(?:率|度|进度|比例|比重)$")
_PRINTED_BASE: Final = re.compile(r"^(?:比|较)(?P<what>[^，；的]{1,12})的$")
# "比上年38.58亿元增加5.85亿元": last year's figure printed without 的, read as a base only
# when the change follows it at once.
_BARE_BASE: Final = re.compile(r"^(?:比|较)(?P<what>[^，；的]{1,12})$")
# "相比2016年的总收入6871.82减少243.10万元": the period compared with, then the subject whose
# figure of that period follows.
_PERIOD_BASE: Final = re.compile(
    r"^(?:相比|比|较)(?P<what>(?:19|20)\d{2}年度?|上年度?|去年)的(?P<subject>[^，；的\d]{2,16})$"
)
# "减少近1亿元", "逾3万元": a figure the text itself says is not exact; "收入过10亿元的",
# "突破9000亿元", "超过7400亿元": a threshold passed, not the amount.
_APPROXIMATE: Final = re.compile(r"(?:[近逾破]|(?<![通经])过)$")
_APPROXIMATE_WORD: Final = re.compile(r"(?:超过|突破|[近逾破过])$")
# "全省实现一般公共预算收入", "全市完成税收收入": a verb after the place, not in the name.
# A place named before the period of its figure ("黄岛区2016年完成…"), and the verb after.
_PLACE_BEFORE_PERIOD: Final = re.compile(r"[\u4e00-\u9fff]{1,5}(?:省|市|区|县|州|盟|旗)")
_VERB_FIRST: Final = re.compile(r"^(?:实现|完成)(?=\S{2})")
# The verb before the name of a 三公 item: "安排因公出国（境）团组", "安排公务接待".
_ARRANGED: Final = re.compile(r"^(?:共|拟)?安排(?=因公出国|公务(?:接待|用车))")
_PLACE_VERB: Final = re.compile(r"^(全[省市区县州盟旗]|[我本][省市区县])(?:实现|完成)(?=\S{2})")
# "收入预算调整为X，实际完成Y": the budget's name, whose 实际 figure is of the revenue.
_BUDGET_OF: Final = re.compile(r"(?<=收入|支出)预算数?(?:调整)?$")
# "当月完成X，累计完成Y": the figures of one subject in a monthly report.
_MONTH_WORDS: Final = ("累计", "当月", "本月")
_MONTH_WORD: Final = re.compile("(?:" + "|".join(_MONTH_WORDS) + ")$")
# "执行过程中，", "工作中，": a clause ending in 中 that names no list's whole.
_NO_WHOLE: Final = re.compile(r"(?:过程|执行|实施|工作|期间)中$")
# "占年度计划的60%左右", "增幅达到30%以上": a figure said to be about, or a bound.
_CJK: Final = re.compile(r"[\u4e00-\u9fff]")
_REASON: Final = re.compile(r"原因(?:是|为|：|:)")
# The budget of what was just stated, or its difference from it, named bare.
_ATTRIBUTE: Final = re.compile(r"(?:年初|全年)?预算数?|差值|差额")
# The end of a text reached inside a sentence: no mark closes it, nothing follows.
_CUT_AT_END: Final = re.compile(r"\s*")
# "基本支出中医疗业务支出5868.43万元": a whole stated before, 中, and its first part's name.
_GLUED_WHOLE: Final = re.compile(
    r"\s*(?P<whole>[^，；：、\d（）中]{2,12})中(?P<rest>[^，；：、\d]{2,})$"
)
_FRACTION: Final = re.compile(r"/\d+(?:左右)?")
_NOT_EXACT_AFTER: Final = re.compile(r"左右|以上|以下")
# "X支出预算为3万元，支出决算为1.71万元": an outturn named by its stage alone, after the
# budget of what it is the outturn of (the budget's name without its stage word).
BARE_OUTTURN: Final = re.compile(r"(?:实际)?(?:支出)?决算(?:数|支出)?")
"""A subject that is only the stage word of an outturn ("支出决算", "决算数"), matched whole."""
_BUDGET_OF_STEM: Final = re.compile(r"(?P<stem>.{2,}?)(?:支出)?预算(?:数)?$")
# "比年初预算325.55万元增加88.34万元": the base is the amount of the budget it names.
_NAMED_BASE: Final = re.compile(r"^(?:比|较)(?P<what>[^，；：]{0,24}?(?:预算|决算)数?)$")
# A sentence that is only the name of a budget: "政府性基金预算。", "1. 一般公共预算。".
_BUDGET_HEADING: Final = re.compile(r"[\u4e00-\u9fff]{1,10}预算")
_TOTAL_WORD: Final = re.compile(r"^(?:共计|合计|总计|累计)$")
# The four budgets of a government by name, which are funds, not a budget's figure.
_FUND_NAME: Final = re.compile(
    r"(?:全市|全县|全省|全区|本级)?(?:一般公共|政府性基金|国有资本经营|社会保险基金)预算"
)
# The parts a whole has by the national template (its pattern, then a word of each part).
_TEMPLATE_PARTS: Final = (
    (r"三公", ("出国", "用车|购置|运行", "接待")),
    (r"公务用车购置及运行", ("购置", "运行")),
    (r"支出合计|支出总计|总支出", ("基本支出", "项目支出")),
    (r"^基本支出", ("人员经费", "公用经费")),
    (r"收入合计", ("财政拨款收入", "事业收入", "经营收入", "其他收入")),
    (r"政府采购支出总额", ("货物", "工程", "服务")),
    (r"财政拨款(?:收入|支出)", ("一般公共预算", "政府性基金")),
    # Counts: the people of a department (机构人员情况).
    (r"离退休人员$", ("离休", "退休")),
    (r"实有人数$", ("在职", "离|退")),
)
# "完成全年预算84.82万元的73.2%": the budget's amount (not "完成政府性基金预算收入104亿元",
# nor "完成公共财政预算212.4亿元": the revenue of a fund named by its budget).
_BUDGET_LEAD: Final = re.compile(
    r"完成[^，；]*(?:(?<!一般公共)(?<!公共财政)(?<!政府性基金)(?<!国有资本经营)预算|计划)数?$"
)
_LIST_HEADING: Final = re.compile(r"分项情况|构成情况|具体构成|主要支出事项|主要用于以下方面")
# "从征收部门来看：", "从收入分类来看，", "分征收系统来看，", "分中央和地方看，": the parts of
# what was just stated, by a division of it (not "分项目看", "从财政支出完成情况来看": some
# items, a topic).
_VIEW: Final = re.compile(
    r"(?:从|按|分)[\u4e00-\u9fff]{0,6}?"
    r"(?:分类|类别|征收部门|征收机关|征收系统|结构|构成|中央和地方|级次)"
    r"(?:来看|上看|看)"
)
# A bare number stated as a figure: "支出决算数为874.05，…" (its unit left out).
_STATED: Final = re.compile(r"(?:为|是|达到|达|共计|合计|总计|支出|收入)$")
_OTHER_MEASURES: Final = frozenset("条项篇册场所座套张份件本支处成间盏")  # 成: "占7成"
# Physical measures, in 万/亿 or not: "粮食产量1500亿斤", "3万吨", "10万亩".
_PHYSICAL: Final = re.compile(
    r"[万亿]?(?:公斤|千克|平方米|立方米|公里|千瓦时?|斤|吨|亩|米|㎡|m(?![A-Za-z]))"
)
_NOTE: Final = re.compile(r"不含|含|包括|注")
# "调增93000万元，下降20.4%": the adjustment of a budget figure is one comparison, a percent
# with another word after it another (the budget adjusted, the year before).
_ADJUSTED: Final = ("调增", "调减")
# "比调整预算（以下简称“中期调整预算”）调增…", "下降（以下简称“下降”）20.4%": a name the
# text defines for what follows, not a word of the clause.
_DEFINED: Final = re.compile(r"（以下简称[^（）]*）")
_LEVEL: Final = re.compile(r"(?:增加|减少|增长|下降|提高|降低|调整)(?:至|到)$")
# A noun right after a count's unit: "对5个部门", "0个团组" (not "46批次约600人").
_NOUN_AFTER: Final = re.compile(r"(?![约等])[\u4e00-\u9fff]")
# A bracket naming the list before it: "…公车运行费（“三公”经费）决算总额".
# The whole rest of a clause after a count, when it is a counted noun: "下设0个处室，",
# "共127个一级预算部门，", "11个设区市中，" (a count of places, the list of them after it;
# not "17个县市拨付经费": a noun's extent is told by its ending).
# The conjunction before a list's last item, run on after the figure before it.
_JOINED: Final = re.compile(r"\s*(?:以及|及|和)(?=[\u4e00-\u9fff])")
_COUNTED_NOUNS: Final = (
    r"(?:部门|处室|科室|单位|机构|团组|学校|人员|职工|项目|市|县|区|镇|乡|街道|村|社区)"
)
_NOUN_REST: Final = re.compile(
    r"[\u4e00-\u9fff]{0,4}" + _COUNTED_NOUNS + r"(?<=[\u4e00-\u9fff]{2})中?"
)
# "其中22个项目已完工", "6 个绩效 项目设为重点项目" (a PDF's blank inside the noun), "设置6个
# 事业机构分别是：…": a counted noun, then what is said of it, opened by a word of this set.
_NOUN_THEN_VERB: Final = re.compile(
    r"(?P<noun>[\u4e00-\u9fff]{0,4}(?:\s[\u4e00-\u9fff]{1,4})?"
    + _COUNTED_NOUNS
    + r")(?<=[\u4e00-\u9fff]{2})"
    r"(?:已|均|全部|分别是|分别为|设为|列为|纳入)[^，；：。\d]*"
)
# "30万元用于基建工程项目审计": what a figure without a subject is for, named after it.
_USED_FOR: Final = re.compile(r"\s*用于(?P<item>[^，；。（）]{2,40}?)\s*")
# A sentence that is only a label ("当年实际支出：" on a line of its own): it names the figure
# the next line prints without a subject.
_LABEL_LINE: Final = re.compile(r"\s*[^，；。：\d]{2,20}(?<!如下)[：:]\s*")
# A place counted by its one-character noun, ending its clause: "官都村等49个村，".
_PLACE_NOUN: Final = re.compile(r"[市县区镇乡村]")
# A count glued to the next clause's subject: "计划购置0辆公务接待费4.5万元".
_GLUED: Final = re.compile(r"[^，；。、\d]{1,20}?\d")
# Nouns printed as part of a count's unit: "0个团组" (the unit is 个团组).
_UNIT_NOUNS: Final = ("团组",)
# A rise printed without a figure: "同比净增长" (上年无此项收入).
_NET: Final = re.compile(r"(?P<same>同比)?(?:比|较)?(?P<what>上年)?(?P<word>净增长|净增加)")
_ALIAS: Final = re.compile(r"^[^（“]+（(?P<alias>“[^”（）]+”[^（）]*)）(?P<rest>.*)$")
_SUBTOTAL: Final = re.compile(r"以上.*(?:合计|小计|共计)|小计")
# A list that says it is not all: an ellipsis, or 等 right after a figure ("266.33万元等").
_PARTIAL: Final = re.compile(r"……|\.\.\.|…|\d(?:亿元|万元|元|%|辆|个)?等")
_DAMAGED: Final = re.compile(r"[?？\ufffd]")
_EACH_WORD: Final = re.compile(r"分别|各|均")
# What a clause of names says of them, before "分别…": "快速增长", "增幅较大".
_PREDICATE: Final = re.compile(
    r"(?:均|都)?(?:快速|大幅|较快|明显|稳步|持续|有所)?(?:增长|增加|下降|减少|上升|提高)"
    r"(?:较快|明显|较多|较大)?$|增幅较(?:高|大)$|降幅较大$"
)
# What joins the values of a list: "A，B", "A、B", and before the last one "和" / "及".
_LIST_JOIN: Final = re.compile(r"[，、 ]*(?:和|及)?[，、 ]*")
_FLAT_END: Final = re.compile("(?:" + "|".join(_FLAT_WORDS) + r")(?:变化)?$")
# 持平 against last year opening a clause that runs on without a mark ("上年持平共计安排…").
_RUN_ON_FLAT: Final = re.compile(
    r"(?:与|和|同|比|较)?(?:上年度?|去年)(?:同期)?(?:相比)?(?:基本|保持)?持平(?=[\u4e00-\u9fff])"
)
_EACH: Final = re.compile(
    r"(?:各|分别|均)(?:是|为)?(?:(?:比|较)(?P<against>[^，；、\d]{1,12}?))?(?P<word>"
    + "|".join(_WORDS)
    + r")?(?:了|为)?$"
)
# The words that name what a figure is compared with ("与上年", "较上年", "比上年") and
# those that close the comparison ("与上年相比").
_COMPARED_WITH: Final = "与|同|和|较|比"
_COMPARING: Final = "相比|比较|相较"
_COMPARING_WORD: Final = re.compile(_COMPARING)
_COMPARED_WITH_WORD: Final = re.compile(_COMPARED_WITH)
# What a change is measured against, written before the direction word.
_AGAINST: Final = re.compile(
    # Not 较 as a degree ("变动较大的主要原因是…新增了605.99万元"): no comparison.
    r"(?P<same>(?:按)?(?:同口径)?(?:同比|可比))|(?:比|较(?![大小多少快慢高低])|与|同|相对于?)"
    r"(?P<what>[^，；：]{0,30}?)"
    rf"(?:{_COMPARING})?(?:有所)?$"
)
# "项目支出包括委员活动经费…", "收入包括：…": the whole whose items follow (not "主要包括",
# whose whole is what was stated before, nor "不包括", a note).
_NAMED_ITEMS: Final = re.compile(
    r"\s*(?P<whole>[^，；：。、\d（）]{2,16}?)(?<!主要)(?<!不)包括(?:[：:]?(?=[\u4e00-\u9fff])|$)"
)
# "由3个内设机构和0个非独立核算的二级事业单位组成": the counts of what a body is made of.
_MADE_OF_ITEM: Final = re.compile(r"(?P<count>\d+)(?P<unit>个|家)(?P<noun>[^，；。、和及\d]+)")
_MADE_OF: Final = re.compile(
    r"由(?P<items>\d+(?:个|家)[^，；。、和及\d]+(?:(?:和|及|、)\d+(?:个|家)[^，；。、和及\d]+)*)组成"
)
# "同比上年度", "同比去年同期": 同比 with the period it compares with.
_SAME_PERIOD: Final = re.compile(r"(?:上年度?|去年)(?:同期)?")
# "从同比来看": the changes that follow are against the same period of last year.
_SAME_VIEW: Final = re.compile(r"(?:不过)?(?:好在)?从(?P<same>同比)(?:来看|上看|看)")
_AGAINST_CLAUSE: Final = re.compile(
    rf"^(?P<subject>[^与同和较比]*?)(?:{_COMPARED_WITH})(?P<what>.+?)(?:{_COMPARING})(?:较)?$"
)
# A comparison closing a figureless clause: "与上年基本持平" (what it is against).
_FLAT_AGAINST: Final = re.compile(
    rf"(?:{_COMPARED_WITH})(?P<what>[^与同和较比]+?)(?:相比)?(?:基本|保持)?$"
)
# A period written before the subject; not 本年/全年, which belong to names (本年支出合计).
# Months after a year, or opening a subject: "2023年1-8月", "1至8月", "前5月", "8月份" (a
# monthly report's period, as a year is: not part of the name).
_MONTHS: Final = r"前?\d{1,2}\s*(?:[-—–~至到]\s*\d{1,2}\s*)?月份?"
_PERIOD: Final = re.compile(
    r"(?:20\d{2}|19\d{2})\s*年度?(?:\s*" + _MONTHS + r")?|本年度(?!支出|收入)|^" + _MONTHS
)
_YEAR: Final = re.compile(r"(20\d{2}|19\d{2})\s*年")


def _year_of(period: str) -> int | None:
    """The year a period prints ("2022年度", "2023年1-8月"), or None (本年度, months)."""
    return int(m.group(1)) if (m := _YEAR.match(period)) else None


# "1-8月", "1至8月": the first month of a range is no figure.
_MONTH_RANGE_AFTER: Final = re.compile(r"\s*[-—–~至到]\s*\d{1,2}\s*月")
_ORDINAL: Final = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[⑴-⒇①-⑳])\s*")
_LEADING: Final = (
    "主要原因是",
    "主要原因",
    "主要包括",
    "分别是",
    "主要是",
    "完成",
    "原因是",
    "其中",
    "加上",
    "另外",
    "此外",
    "经汇总",
    "以上",
    "合计",
    "共计",
)
# "加上级补助收入", "加上解支出", "加上年结余": 加 (plus) before a name that begins with 上,
# not the connector 加上.
_PLUS: Final = re.compile(r"^加(?=上(?:级|解|年))")
_TRAILING: Final = (
    "拟调整",  # "税收收入拟调整为85000万元": the figure proposed for it
    "预计完成",
    "实际完成",
    "完成",
    "实现",
    "达到",
    "共计",
    "累计",
    "共有",
    "约为",
    "约",
    "达",
    "为",
    "是",
    "有",
    "的",
    "了",
    "均",
    "各",
    "共",
)
# A subject that only says "the figure" — the heading before it (a 类/款/项 line) names it.
_GENERIC: Final = re.compile(
    r"^(?:支出决算数?|决算数|支出|决算|金额)(?:为)?(?:基本支出|项目支出)?$|^$"
)
# Not ？: explanations ask no questions, and a "?" is a character the conversion lost.
_SENTENCE_END: Final = re.compile(r"[。！\n]")
# A sentence that is only "其中：": the numbered line after it is a part of what was stated.
_HEADS: Final = re.compile(r"\s*其中\s*[：:]?\s*")
# "主要包括房产税55483万元、契税…", "分别是土地出让收入调入52210万元，…": the items of what
# the sentence before stated.
_INCLUDES: Final = re.compile(r"(?:主要包括|分别是)(?=[\u4e00-\u9fff])")
# An unfilled template: "增加（减少）0万元，增长（下降）0%", "增加/减少".
_UNFILLED: Final = re.compile(r"(?:增加|增长)[（(/](?:减少|下降)[）)]?")
_PLACEHOLDER: Final = re.compile(
    r"(?:"
    + "|".join(_WORDS)
    + r"|完成|占)[^，；。]{0,12}?(?:-{2,}|—+)|(?:"
    + "|".join(_WORDS)
    + r")\d+\.(?!\d)"
)


# Scores and grades (评分与等级) of a performance self-evaluation: "自评得分96.5分", "满分100分",
# "扣2分" (a deduction), "评价等级为“优”".
_SCORE_NAME: Final = re.compile(
    r"(?:得分|评分|总分|分数|成绩|打分|计分|自评|评价|考评|考核)"
    r"(?:为|是|达到|达|了|共计|合计|总计|均为)?$"
)
_FULL_MARKS: Final = re.compile(r"(?:满分|总分值|分值)(?:为|是|共|共计)?$")
_DEDUCTION: Final = re.compile(r"扣(?:除|减|分)?(?:了|共|共计|合计)?$")
_GRADE_NAMES: Final = r"等级|等次|评级|级别|结果|结论|档次"
_GRADE_CLAUSE: Final = re.compile(
    r"(?P<name>.*?(?:"
    + _GRADE_NAMES
    + r"|评定|评为|定为|认定))?(?P<copula>为|是|属于|达到)?(?P<quote>[“\"‘「])?(?P<grade>"
    + "|".join(GRADE_WORDS)
    + r")[”\"’」]?(?P<suffix>等级|等次|级|档次|档)?"
)
_NAMES_GRADE: Final = re.compile(r"(?:" + _GRADE_NAMES + r")$")


@attrs.frozen(slots=True)
class Span:
    """Where a statement or clause stands: character offsets into the original text.

    Attributes:
        start: offset of the first character in the text as published.
        end: offset just after the last character.
        location: whatever the caller passed to say where the text came from (file, page,
            paragraph); kept as given.
    """

    start: int
    end: int
    location: object = None


@attrs.frozen(slots=True)
class ReadStatement:
    """A statement and the span of the original text it was read from."""

    statement: Statement
    span: Span


@attrs.frozen(slots=True)
class UnreadClause:
    """A figure-bearing clause the grammar could not read (未能识别的分句), never dropped.

    Attributes:
        text: the clause as published.
        span: where it stands.
        reason: why, Chinese then English.
    """

    text: str
    span: Span
    reason: str


@attrs.frozen(slots=True)
class Reading:
    """What :func:`read_statements` found in a text.

    Attributes:
        statements: the statements, in the order of the text.
        unread: the figure-bearing clauses not read.
        known: every subject's amount stated so far (the ``context`` given, then this text's),
            to pass on as the context of the next paragraph.
        dated: the amounts stated under a printed year, by (year, subject) ("2021年度…公务接待
            12.39万元" and "2022年度…公务接待11.8万元" are two), to pass on with ``known``.
    """

    statements: tuple[ReadStatement, ...]
    unread: tuple[UnreadClause, ...]
    known: Mapping[str, Amount] = attrs.field(factory=dict)
    dated: Mapping[tuple[int, str], Amount] = attrs.field(factory=dict)


@attrs.frozen(slots=True)
class _Figure:
    value: Decimal
    unit: str  # "%", a money unit, a count unit, or "" (none printed)
    start: int
    end: int

    @property
    def money(self) -> Amount | None:
        if self.unit not in MONEY_UNITS:
            return None
        if self.unit == "亿元":
            return Amount.parse(f"{self.value}亿元")
        return Amount(self.value, Unit.of(self.unit))


@attrs.define
class _Open:
    """A list of parts being read (其中 …)."""

    subject: str
    figure: Amount | None
    count: Decimal | None
    count_unit: str
    start: int
    end: int
    parts: list[Part]
    partial: bool = False
    until_sum: bool = False  # a list inside a list: it ends when its parts reach the whole
    full: bool = False  # … which they have: the next part is the outer list's
    spans: list[tuple[int, int]] = attrs.Factory(list)  # where each part was read


@attrs.define
class _State:
    """The context a clause is read in: what the text has said so far."""

    normalised: Normalised
    location: object
    original: str
    subject: str = ""  # the subject statements without one of their own are about
    figure: Amount | None = None  # its amount
    period: str = ""  # the last period written before a subject (2023年度)
    against: str = ""  # what changes in this sentence are against ("与2021年相比")
    heading: str = ""  # a heading clause ending in "：" (a 类/款/项 line)
    count_subject: str = ""  # the subject of the last count
    known: dict[str, Amount] = attrs.Factory(dict)  # every subject's amount read so far
    # The same by the year printed with them, and the year of each subject's known amount.
    dated: dict[tuple[int, str], Amount] = attrs.Factory(dict)
    years: dict[str, int] = attrs.Factory(dict)
    names: list[str] = attrs.Factory(list)  # the subjects of the last "各是A，B"
    pending_of: str = ""  # the budget named by "完成全年预算84.82万元的"
    label: str = ""  # this sentence is only this label ("当年实际支出：")
    named: str = ""  # … the sentence before was: it names a figure printed without a subject
    bare: str = ""  # the clause just before, when it had no figure (it may name a list)
    # A subject named at a threshold ("其中税收收入超过7400亿元，增长1%"): what follows in its
    # sentence is about it, a later sentence is not.
    at_threshold: str = ""
    recent: str = ""  # the subject of the last amount or count read
    base: Amount | None = None  # a base printed for the change that follows
    pending: Statement | None = None  # the last change, whose percent may follow
    stack: list[_Open | None] = attrs.Factory(list)
    group: list[int] = attrs.Factory(list)  # changes one "各减少A，B" gave, awaiting percents
    saved: list[tuple[str, Amount | None, str]] = attrs.Factory(list)
    opened: _Open | None = None
    sentence_start: int = 0  # where the sentence being read starts
    heads: bool = False  # the sentence before was only "其中：": it heads this one's list
    lost_count: bool = False  # a count of this sentence was left unread ("对5个部门")
    dropped: bool = False  # … and the list after it: its whole is not known
    # A 满分 printed before the score it is of ("满分100分，自评得分95分"): its value and span.
    full_marks: tuple[Decimal, int, int] | None = None
    scored: Statement | None = None  # the last score statement of this sentence
    out: list[tuple[int, Statement, int, int]] = attrs.Factory(list)
    unread: list[UnreadClause] = attrs.Factory(list)

    def span(self, start: int, end: int) -> Span:
        s, e = self.normalised.span(start, end)
        return Span(s, e, self.location)

    def remember(self, subject: str, money: Amount) -> None:
        """``subject``'s amount is ``money``, of the year the period before it prints."""
        self.known[subject] = money
        if (year := _year_of(self.period)) is None:
            self.years.pop(subject, None)
        else:
            self.years[subject] = year
            self.dated[(year, subject)] = money

    def current(self, subject: str) -> Amount | None:
        """``subject``'s amount as of the year the period being read prints: a change
        "较上年同期减少0.58万元" after "2022年度…预算较2021年度增加…" is of the 2022 figure,
        not of the 2021 one stated last; a figure known only of another year is none."""
        year = _year_of(self.period)
        stated = self.years.get(subject)
        if year is None or stated is None or stated == year:
            return self.known.get(subject)
        return self.dated.get((year, subject))

    def emit(self, statement: Statement, start: int, end: int) -> None:
        self.out.append((start, statement, start, end))

    def emit_count(
        self, subject: str, count: Decimal, unit: str, text: str, start: int, end: int
    ) -> None:
        """A count statement of ``subject`` (数量), spanning ``start``–``end``."""
        self.emit(
            Statement(
                kind=StatementKind.COUNT, subject=subject, count=count, count_unit=unit, text=text
            ),
            start,
            end,
        )

    def miss(self, start: int, end: int, reason: str) -> None:
        span = self.span(start, end)
        if any(u.span.start < span.end and span.start < u.span.end for u in self.unread):
            return  # already listed
        self.unread.append(UnreadClause(self.original[span.start : span.end], span, reason))


def read_statements(
    text: str,
    *,
    location: object = None,
    context: Mapping[str, Amount] | None = None,
    dated: Mapping[tuple[int, str], Amount] | None = None,
) -> Reading:
    """Read every figure-bearing statement of ``text`` (one paragraph or more).

    ``location`` is kept on every span as given (the caller's file/page/paragraph); spans
    are offsets into ``text`` exactly as passed, before normalisation. ``context`` is the
    amounts stated earlier in the document by subject (the ``known`` of the previous
    paragraph's reading): a list or a share whose whole was stated there gets its figure.
    ``dated`` is the previous reading's ``dated``: the amounts stated under a printed year, so
    that a change is of its own year's figure.

    >>> r = read_statements("2023年度收、支总计均为874.05万元。与2022年度相比，收、支总计各减少3.42万元，下降4%。")
    >>> [(s.statement.kind.value, s.statement.subject) for s in r.statements]
    [('amount', '收总计'), ('amount', '支总计'), ('change', '收总计'), ('change', '支总计')]
    >>> change = r.statements[2].statement
    >>> str(change.figure), str(change.amount), change.amount_word, change.percent, change.against
    ('874.05万元', '3.42万元', '减少', Decimal('4'), '2022年度')
    """
    normalised = normalise(text)
    state = _State(normalised, location, text)
    state.known.update(context or {})
    for (year, subject), money in (dated or {}).items():
        state.dated[(year, subject)] = money
        if state.known.get(subject) == money:
            state.years[subject] = year
    body = normalised.text
    start = 0
    for m in _SENTENCE_END.finditer(body + "\n"):
        if m.start() > start:
            _sentence(state, start, m.start())
        start = m.end()
    _untaken(state)
    ordered = sorted(state.out, key=lambda item: item[0])
    return Reading(
        statements=tuple(_as_printed(text, s, state.span(a, b)) for _, s, a, b in ordered),
        unread=tuple(state.unread),
        known=types.MappingProxyType(dict(state.known)),
        dated=types.MappingProxyType(dict(state.dated)),
    )


_CLAUSE_MARK: Final = re.compile(r"[，；：。！\n]")


def _untaken(state: _State) -> None:
    """Every figure with a unit that no statement spans and no unread clause lists is listed
    as unread with the words before it in its clause: nothing printed vanishes."""
    body = state.normalised.text
    taken = [state.span(a, b) for _, _, a, b in state.out] + [u.span for u in state.unread]
    for figure in _figures(body, 0, len(body)):
        if not figure.unit:
            continue  # a bare number (图7, a serial) states no figure
        span = state.span(figure.start, figure.end)
        if any(t.start <= span.start < t.end for t in taken):
            continue
        marks = [m.end() for m in _CLAUSE_MARK.finditer(body, 0, figure.start)]
        clause = state.span(marks[-1] if marks else 0, figure.end)
        state.unread.append(
            UnreadClause(
                state.original[clause.start : clause.end],
                clause,
                "数字未归入任何语句 (a figure no statement takes)",
            )
        )
        taken.append(clause)


def _as_printed(text: str, statement: Statement, span: Span) -> ReadStatement:
    """The statement with its text as published (a finding quotes it), and its span."""
    return ReadStatement(attrs.evolve(statement, text=text[span.start : span.end]), span)


def _clauses(body: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The clauses of body[start:end] with the mark that ends each ("" at the end)."""
    depth = 0
    nested = 0
    begin = start
    for i in range(start, end):
        char = body[i]
        if char == "（" and depth == 0 and _LISTS_PARTS.match(body, i + 1):
            nested += 1  # "（其中：a X，b Y）": the parts of the part just read
            yield begin, i, char
            begin = i + 1
        elif char == "）" and depth == 0 and nested:
            nested -= 1
            yield begin, i, char
            begin = i + 1
        elif depth == 0 and body.startswith("其中", i) and _ENDS_WITH_UNIT.search(body, begin, i):
            # "较年初预算减少28%其中：…": 其中 run on after a figure without a mark.
            yield begin, i, "，"
            begin = i
        elif char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and char in "，；：、":
            before, after = body[i - 1 : i], body[i + 1 : i + 2]
            if (char in "，、" and before.isdigit() and after.isdigit()) or (
                (char == "、" or _EACH_WORD.search(body, begin, i)) and after.isdigit()
            ):
                continue  # a list of values: "各是4125.49，4143.91万元"
            if char == "，" and after.isdigit() and _TOTAL_BEFORE_MARK.search(body, begin, i):
                continue  # "团组共计，0个": a stray mark between a total's word and its figure
            if char == "、" and not _ends_with_figure(body[begin:i]):
                continue  # "收、支总计", "各乡（镇）、县本级": a name, not a list
            yield begin, i, char
            begin = i + 1
    yield begin, end, ""


_TOTAL_BEFORE_MARK: Final = re.compile(r"(?:共计|合计|累计|总计)$")
_ENDS_WITH_UNIT: Final = re.compile(
    r"\d(?:%|" + "|".join(re.escape(u) for u in MONEY_UNITS + COUNT_UNITS) + r")$"
)


def _ends_with_figure(text: str) -> bool:
    return bool(re.search(r"\d(?:%|" + "|".join(MONEY_UNITS + COUNT_UNITS) + r")?$", text))


def _figures(body: str, start: int, end: int) -> list[_Figure]:
    out = []
    for m in _FIGURE.finditer(body, start, end):
        before = body[m.start() - 1 : m.start()]
        after = body[m.end() : m.end() + 1]
        unit = m.group("unit") or ""
        counted = after == "项" and _CJK.match(body, m.end() + 1) is not None
        if (
            (before and before in ".第")
            or (not unit and after and after in "年月日号届期批类款项" and not counted)
            or (not unit and _MONTH_RANGE_AFTER.match(body, m.end()))
        ):
            continue  # a date, an ordinal, a document number (not "29项民生政策": a count)
        if not unit and after == "." and m.end() + 1 < end:
            continue
        try:
            value = to_decimal(m.group("number"))
        except FigureRangeError:
            # More digits than any budget figure (a serial number, a run of digits): not a
            # figure; a sentence left without one is listed as unread, never lost.
            continue
        out.append(_Figure(value, unit, m.start(), m.end()))
    return out


def _clean(subject: str, state: _State) -> str:
    """A subject as printed, without numbering, period, connectors and the copula."""
    text = _ORDINAL.sub("", subject.strip())
    if alias := _ALIAS.match(text):
        text = alias.group("alias") + alias.group("rest")
    periods = list(_PERIOD.finditer(text))
    if periods and periods[0].start() <= 12:
        last = periods[0]
        state.period = last.group(0)
        place = _PLACE_BEFORE_PERIOD.fullmatch(text, 0, last.start())
        # "黄岛区2016年完成公共财政预算": the place before the period is the subject's own.
        rest = text[last.end() :]
        text = place.group(0) + _VERB_FIRST.sub("", rest) if place else rest
    # "全省实现一般公共预算收入", "全市完成税收收入": the verb after the place.
    text = _PLACE_VERB.sub(r"\1", text)
    # "安排因公出国（境）团组0个": the verb before a 三公 item's name.
    text = _ARRANGED.sub("", text)
    changed = True
    while changed:
        changed = False
        text = text.strip("，；：、 ")
        if text.startswith("（") and "）" not in text:
            text, changed = text[1:], True
        if text.startswith("）"):
            text, changed = text[1:], True
        if plus := _PLUS.match(text):
            text, changed = text[plus.end() :], True
            continue
        for word in _LEADING:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :], True
        for word in _TRAILING:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
        if text in _LEADING or text in _TRAILING:
            text, changed = "", True
    return text


def _sentence(state: _State, start: int, end: int) -> None:
    body = state.normalised.text
    state.opened = None
    state.against = ""
    state.heading = ""
    state.pending = None
    state.stack = []
    state.group = []
    state.saved = []
    state.base = None
    state.bare = ""
    if state.at_threshold and state.subject == state.at_threshold:
        state.subject, state.figure, state.recent = "", None, ""
    state.at_threshold = ""
    state.sentence_start = start
    state.lost_count = state.dropped = False
    state.full_marks = state.scored = None
    state.named, state.label = state.label, ""  # "当年实际支出：\n19500万元"
    follows, state.heads = state.heads, bool(_HEADS.fullmatch(body, start, end))
    if _UNFILLED.search(body, start, end):
        state.miss(start, end, "模板未填写 (template left unfilled)")
        return
    for m in _PLACEHOLDER.finditer(body, start, end):
        state.miss(m.start(), m.end(), "数字缺失或残缺 (a figure missing or damaged)")
    follows = follows and bool(_ORDINAL.match(body[start:end].lstrip()))
    if follows and state.subject:
        # "…实际收入377841万元。其中：\n1.税收收入…": the numbered line is a part of it.
        _open(state, start)
    for a, b, mark in _clauses(body, start, end):
        _clause(state, a, b, mark)
        inner: _Open | None = state.opened
        if inner is not None and inner.until_sum and body[a:b].strip().endswith("等"):
            inner.full = True  # "…7亿元等；b …": the list inside the list ends there
        if mark == "（":
            around: _Open | None = state.opened
            state.stack.append(around)
            state.saved.append((state.subject, state.figure, state.recent))
            named: Part | None = around.parts[-1] if around is not None and around.parts else None
            state.opened = None
            if named is not None:
                state.subject, state.figure = named.subject, named.figure
            last = state.out[-1] if state.out else None
            if named is not None and named.count is not None and around is not None:
                # A part counted, then "（其中：…）": the parts of that part.
                state.count_subject = named.subject
                _open(state, b + 1, count=named.count, unit=around.count_unit)
            elif last is not None and last[1].kind is StatementKind.COUNT and last[3] == b:
                # "离退休人员1206人（其中：离休9人，退休1197人）": the parts of that count.
                state.out.pop()
                state.count_subject = last[1].subject
                _open(state, last[2], count=last[1].count, unit=last[1].count_unit)
            else:
                _open(state, b + 1)
        elif mark == "）" and state.stack:
            _close(state)
            state.opened = state.stack.pop()
            if state.saved:  # what follows the bracket is about what preceded it
                state.subject, state.figure, state.recent = state.saved.pop()
    # A sentence that ends inside a bracket ("…500.00万元（购置费100.00万元…。）比上年…"):
    # the list around the bracket is cut, its parts are read as amounts, and the next
    # sentence goes on about what preceded the bracket.
    cut = state.saved[0] if state.saved else None
    item = state.opened.parts[-1] if follows and state.opened and state.opened.parts else None
    if state.opened is not None and _CUT_AT_END.fullmatch(body, end):
        # "…政府性基金预算财政拨款收入0.00万元,占收入" at the end of an excerpt: the list is
        # cut there, whatever its printed parts add up to.
        state.opened.partial = True
    _close(state)
    if item is not None and not state.stack:
        # The numbered line heads what follows it ("1.税收收入…。其中，增值税…").
        state.subject, state.figure, state.recent = item.subject, item.figure, item.subject
    while state.stack:
        state.opened = state.stack.pop()
        if cut is not None:
            _spill(state)
        else:
            _close(state)
    if cut is not None:
        state.subject, state.figure, state.recent = cut
    if state.heading and not state.heads and _LABEL_LINE.fullmatch(body, start, end):
        state.label = state.heading
    if state.full_marks is not None:
        _, at, until = state.full_marks
        state.miss(at, until, "满分之后没有得分 (full marks of no score read)")


def _spill(state: _State) -> None:
    """A money list cut by the end of its sentence: each part an amount of its own."""
    opened = state.opened
    state.opened = None
    if opened is None or opened.count is not None:
        state.opened = opened
        _close(state)
        return
    spans = opened.spans if len(opened.spans) == len(opened.parts) else None
    for index, part in enumerate(opened.parts):
        if part.figure is None:
            continue
        start, end = spans[index] if spans else (opened.start, opened.end)
        state.emit(
            Statement(
                kind=StatementKind.AMOUNT,
                subject=part.subject,
                figure=part.figure,
                text=state.normalised.text[start:end],
            ),
            start,
            end,
        )


def _close(state: _State) -> None:
    opened = state.opened
    if opened is None or not opened.parts:
        state.opened = None
        return
    # One part named alone and equal to its whole ("收入792.22万元。其中：财政拨款收入
    # 792.22万元") is all of it; not of a whole of 0, which any part of 0 equals, nor one
    # figure of items named together ("其中A、B等费用共计12万元").
    several = len(opened.parts) > 1
    alone = (
        opened.figure is not None
        and opened.figure.value != 0
        and "、" not in state.normalised.text[opened.start : opened.end]
    )
    complete = not opened.partial and (
        (several and _names_every_part(opened.subject, [p.subject for p in opened.parts]))
        or ((several or alone) and _adds_up(opened))
    )
    state.emit(
        Statement(
            kind=StatementKind.COUNT if opened.count is not None else StatementKind.PARTS,
            subject=opened.subject,
            figure=opened.figure,
            count=opened.count,
            count_unit=opened.count_unit,
            parts=tuple(opened.parts),
            complete=complete,
            text=state.normalised.text[opened.start : opened.end],
        ),
        opened.start,
        opened.end,
    )
    state.opened = None
    if opened.count is None and opened.subject:
        # A list is subordinate: what follows it is about its whole again.
        state.subject, state.figure, state.recent = opened.subject, opened.figure, opened.subject


def _carried(subject: str, lead: str) -> str:
    """The subject a clause without one goes on about: "当月完成X，累计完成Y" is the 累计 of
    the same subject; "收入预算调整为X，实际完成Y" is the 收入 itself, not its budget."""
    lead = lead.strip("，；、 ")
    if lead.startswith(("实际", "预计")):
        return _BUDGET_OF.sub("", subject)
    for word in _MONTH_WORDS:
        if lead.startswith(word):
            return _MONTH_WORD.sub("", subject) + word
    return subject


def _known_whole(state: _State, name: str) -> Amount | None:
    """The amount stated of ``name``, or of the one subject stated whose name ends with it
    ("去年全年全盟一般公共预算收入" for a list "全盟一般公共预算收入中")."""
    if name in state.known or not name:
        return state.known.get(name)
    longer = [money for key, money in state.known.items() if key.endswith(name)]
    return longer[0] if len(longer) == 1 else None


def _names_every_part(whole: str, parts: list[str]) -> bool:
    """Whether the parts named include every part the template gives the whole.

    "“三公”经费" has three parts (出国, 公务用车, 接待), "公务用车购置及运行维护费" two,
    "本年支出合计" at least 基本支出 and 项目支出, "基本支出" 人员经费 and 公用经费 …; of a
    whole the templates do not know, a list is complete only when it adds up (narrative lists
    after 其中 often name a few items of a larger whole).
    """
    if any(part.startswith("其他") for part in parts):
        return True  # the residual part (其他收入, 其他用车) leaves nothing out
    for pattern, required in _TEMPLATE_PARTS:
        if re.search(pattern, whole):
            return all(any(re.search(word, part) for part in parts) for word in required)
    return False


def _subtotal(opened: _Open, subject: str, money: Amount) -> None:
    """ "a X，b Y，以上基本支出合计Z": the parts just read are one part, Z."""
    total = Decimal(0)
    taken = 0
    for part in reversed(opened.parts):
        if part.figure is None:
            break
        total += part.figure.to(money.unit).value
        taken += 1
        if total >= money.value:
            break
    if total == money.value:
        del opened.parts[len(opened.parts) - taken :]
    name = re.sub(r"^以上|(?:合计|小计|共计)$", "", subject) or subject
    opened.parts.append(Part(subject=name, figure=money))


def _adds_up(opened: _Open) -> bool:
    """A list that adds up to its whole (within the rounding of its printed figures), or
    whose printed shares add up to 100 %: whatever it leaves out is zero, so it is complete."""
    if opened.parts and all(p.percent is not None for p in opened.parts):
        shares = [p.percent for p in opened.parts if p.percent is not None]
        if abs(sum(shares, Decimal(0)) - 100) <= _slack(shares):
            return True
    if opened.count is not None:
        counts = [p.count for p in opened.parts]
        return (
            all(c is not None for c in counts)
            and sum((c for c in counts if c is not None), Decimal(0)) == opened.count
        )
    whole = opened.figure
    if whole is None or any(p.figure is None for p in opened.parts):
        return False
    values = [p.figure.to(whole.unit).value for p in opened.parts if p.figure is not None]
    return abs(sum(values, Decimal(0)) - whole.value) <= _slack([*values, whole.value])


def _slack(values: list[Decimal]) -> Decimal:
    """How far a sum of printed figures can be from their true sum: half a unit in the last
    printed place of each."""
    total = Decimal(0)
    for value in values:
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        total += Decimal(5).scaleb(exponent - 1)
    return total


def _open(state: _State, start: int, *, count: Decimal | None = None, unit: str = "") -> None:
    outer = state.opened
    if count is None and outer is not None and outer.parts and outer.count is None:
        # "其中：a X；b Y；其中：b1 …；b2 …；c Z": the parts of b, then back to the list.
        state.stack.append(outer)
        last = outer.parts[-1]
        state.opened = _Open(
            subject=last.subject,
            figure=last.figure,
            count=None,
            count_unit="",
            start=start,
            end=start,
            parts=[],
            until_sum=True,
        )
        return
    _close(state)
    state.opened = _Open(
        subject=state.count_subject if count is not None else state.subject,
        figure=None if count is not None else state.figure,
        count=count,
        count_unit=unit,
        start=start,
        end=start,
        parts=[],
    )


def _clause(state: _State, a: int, b: int, mark: str) -> None:
    body = state.normalised.text
    text = body[a:b]
    stripped = text.strip()
    if not stripped:
        return
    start = a + len(text) - len(text.lstrip())
    if (run_on := _RUN_ON_FLAT.match(body, start, b)) and run_on.end() < b:
        # "…0万元,上年持平共计安排…团组0个": 持平 run into the next clause without a mark.
        _clause(state, start, run_on.end(), "，")
        _clause(state, run_on.end(), b, mark)
        return
    if state.opened is not None and _PARTIAL.search(stripped):
        state.opened.partial = True  # "……", "等": the list names only some of the parts

    figures = _figures(body, a, b)
    if not figures and _grade(state, a, b):
        return
    if (
        not figures
        and mark == "："
        and (a <= state.sentence_start + 1 or body[a - 1] == "；")
        and _NAMED_ITEMS.fullmatch(body, a, b)
    ):
        # "收入包括：…；支出包括：…": the items follow the colon.
        _close(state)
        _named_list(state, body, a, b)
        return
    if not figures:
        _figureless(state, a, b, text, mark)
        state.bare = stripped
        return
    if state.dropped:
        state.miss(a, b, "清单的总数未读 (a list whose whole was not read)")
        return
    cursor = a
    counted = _this_count(state) if stripped.startswith("包括") else None
    if counted is not None and figures[0].unit == counted.count_unit and state.opened is None:
        # "一级国有企业95户，包括国有独资企业84户、…": the parts of that count, as after 其中.
        first = state.out.pop()[2]
        state.count_subject = counted.subject
        _open(state, first, count=counted.count, unit=counted.count_unit)
        cursor = a + len(body[a:b]) - len(body[a:b].lstrip()) + len("包括")
    elif stripped.startswith("其中") and not (state.opened is not None and not state.opened.parts):
        last_count = _this_count(state)
        if last_count is not None and figures[0].unit in COUNT_UNITS:
            first = state.out.pop()[2]
            state.count_subject = last_count.subject
            _open(state, first, count=last_count.count, unit=last_count.count_unit)
        elif state.lost_count and figures[0].unit in COUNT_UNITS:
            state.dropped = True  # "…15个专项…，其中良好专项14个": of counts not read
            state.miss(a, b, "清单的总数未读 (a list whose whole was not read)")
            return
        else:
            _open(state, a)
    elif (
        _INCLUDES.match(stripped)
        and a <= state.sentence_start + 1
        and state.subject
        and state.figure is not None
        and state.opened is None
    ):
        _open(state, a)
    elif (
        a <= state.sentence_start + 1
        and state.opened is None
        and (glued := _GLUED_WHOLE.match(body, a, figures[0].start))
        and _clean(glued.group("whole"), state) in state.known
    ):
        # "基本支出中医疗业务支出5868.43万元，管理费用…": the parts of a whole stated before,
        # the first glued to it by 中.
        whole = _clean(glued.group("whole"), state)
        state.subject, state.figure, state.recent = whole, state.known[whole], whole
        _open(state, glued.start("rest"))
        cursor = glued.start("rest")
    elif a <= state.sentence_start + 1 and state.opened is None:
        # "项目支出包括委员活动经费36.3万元，…": the items of the whole it names.
        cursor = _named_list(state, body, a, b)
    if made_of := _MADE_OF.search(body, cursor, b):
        cursor, figures = _made_of(state, made_of, figures)
        if not figures:
            return
    multi = _multi(state, body, a, b, figures)
    state.bare = ""
    if multi:
        return
    for figure in figures:
        lead = _DEFINED.sub("", body[cursor : figure.start])
        lead_start = cursor
        cursor = figure.end
        if _DAMAGED.search(lead):
            state.miss(lead_start, figure.end, "文字残缺 (damaged text)")
            # What follows is about the damaged subject: never about the one before it.
            state.subject, state.figure, state.recent = "", None, ""
            continue
        if figure.unit == SCORE_UNIT:
            _score(state, lead, lead_start, figure)
            continue
        if figure.unit.endswith("百分点"):
            # "下降了2个百分点": a change of a rate, which the statements do not model.
            state.miss(lead_start, figure.end, "百分点 (percentage points, not read)")
            continue
        borrowed = False
        if not figure.unit and (
            _PRINTED_BASE.match(lead.strip("，；、 "))
            or _BARE_BASE.match(lead.strip("，；、 "))
            or _PERIOD_BASE.match(lead.strip("，；、 "))
        ):
            # "比上年的12,530.03增加2,079.49元", "较上年2.08减少0.03万元": the base takes the
            # unit of its change.
            following = next((f for f in figures if f.start > figure.start), None)
            if (
                following is not None
                and following.unit in MONEY_UNITS
                and _LEAD_WORD.search(body[figure.end : following.start])
            ):
                figure = attrs.evolve(figure, unit=following.unit)
                borrowed = True
        if figure.unit and _APPROXIMATE.search(lead.rstrip()):
            # "2022年比2018年减少近1亿元": an approximate figure states no exact amount.
            state.miss(lead_start, figure.end, "约数 (an approximate figure)")
            state.pending = None
            if body.startswith("的", figure.end):
                # "其中收入过30亿元的52个": what follows counts what the threshold describes.
                state.subject, state.figure, state.recent = "", None, ""
                state.count_subject = ""
            elif named := _clean(_APPROXIMATE_WORD.sub("", lead.rstrip()), state):
                # "其中税收收入超过7400亿元，增长1%": what follows is about that subject.
                state.subject, state.figure, state.recent = named, None, named
                state.at_threshold = named
            continue
        if figure.unit == "%" and (bound := _NOT_EXACT_AFTER.match(body, figure.end)):
            state.miss(lead_start, bound.end(), "约数或界限 (an approximate figure or a bound)")
            state.pending = None
            cursor = bound.end()
            continue
        if figure.unit == "%" and lead.endswith("按"):
            # "按50%进行压减", "按20%的比例换算": a rate to apply, not a figure of anything.
            state.miss(lead_start, figure.end, "按比例 (a rate to apply, not a figure)")
            continue
        if (
            figure.money is not None
            and _REASON.search(lead)
            and _NOUN_AFTER.match(body, figure.end)
        ):
            # "变动较大的主要原因是2020年新增了605.99万元政府性基金…资金": a figure in a
            # reason, of the noun printed after it.
            state.miss(lead_start, figure.end, "原因中数字在名词之前 (a figure before its noun)")
            state.subject, state.figure, state.recent = "", None, ""
            continue
        word = _LEAD_WORD.search(lead)
        if word is not None:
            state.pending = _change(state, body, lead, lead_start, word, figure)
            continue
        if (compared := _COMPARED.match(lead.strip())) and figure.money is not None:
            _compared(state, compared, lead_start, figure)
            continue
        if "占" in lead and figure.unit == "%":
            _share(state, lead, lead_start, figure)
            continue
        if (
            figure.unit == "%"
            and lead.endswith("的")
            and not _COMPLETION.search(lead)
            and not state.pending_of
            and "预算" not in lead
        ):
            # "增幅由年初的1.8%下探至…": a percent of no budget named.
            state.miss(lead_start, figure.end, "无法确定的百分比 (a percent of nothing named)")
            continue
        if (_COMPLETION.search(lead) and (figure.unit == "%" or _BUDGET_LEAD.search(lead))) or (
            lead.endswith("的") and figure.unit == "%"
        ):
            _completion(state, lead, lead_start, figure)
            continue
        if figure.unit == "%" and state.pending is not None and not _clean(lead, state):
            continue
        if figure.unit in MONEY_UNITS and body.startswith(("以上", "以下"), figure.end):
            # "单价100万元以上设备": a threshold, not an amount.
            state.miss(lead_start, figure.end + 2, "限额 (a threshold, not an amount)")
            cursor = figure.end + 2
            continue
        if figure.unit and body[figure.end : figure.end + 1] == "/":
            # "3.5万元/人": a figure per something, not an amount.
            state.miss(lead_start, figure.end + 2, "按单位计的数 (a figure per unit)")
            cursor = figure.end + 2
            continue
        if figure.unit == "" and (measure := _PHYSICAL.match(body, figure.end)):
            state.miss(lead_start, measure.end(), "不读的计量单位 (a measure not read)")
            cursor = measure.end()
            continue
        if figure.unit == "" and body[figure.end : figure.end + 1] in _OTHER_MEASURES:
            # "30条", "200册": a measure of things the statements do not model.
            state.miss(lead_start, figure.end + 1, "不读的计量单位 (a measure not read)")
            cursor = figure.end + 1
            continue
        opened_count = state.opened
        if (
            figure.unit == ""
            and opened_count is not None
            and opened_count.count is not None
            and not _direction_before(lead)
            and (named_part := _clean(lead, state))
        ):
            # "领导用车0主要领导干部用车3…其他用车1,318辆": a count list whose separators and
            # units were lost; each figure is a part in the list's unit.
            opened_count.parts.append(Part(subject=named_part, count=figure.value))
            opened_count.end = figure.end
            continue
        if figure.unit == "" and body[figure.end : figure.end + 1] in ("万", "亿"):
            # "调入资金368万" (cut before 元), "16.2万余名": a figure in 万 or 亿 whose unit
            # is not one read.
            state.miss(
                lead_start, figure.end + 1, "以万、亿计的数未读 (a figure in 万/亿 not read)"
            )
            cursor = figure.end + 1
            if not _direction_before(lead) and _clean(lead, state):
                # "接待游客56.1万人次，增长20.8%": what follows is about the subject not
                # read, never about the one before it.
                state.subject, state.figure, state.recent = "", None, ""
            continue
        if (
            figure.unit == ""
            and lead.endswith(("的", "为", "是", "约"))
            and (fraction := _FRACTION.match(body, figure.end))
        ):
            # "仅为武汉总量的1/5左右": a fraction of another figure, which is not read.
            state.miss(lead_start, fraction.end(), "分数 (a fraction, not read)")
            cursor = fraction.end()
            continue
        if figure.unit == "":
            if _direction_before(lead) or not _STATED.search(lead):
                continue  # a bare number (图7, a chart's data, a serial) states no figure
            state.miss(lead_start, figure.end, "数字没有单位 (a figure without a unit)")
            continue
        if figure.unit == "%":
            named = _clean(lead, state)
            if named.endswith("比重") and len(named) > 2:
                # "税收比重为70.9%": the share of taxes (in the revenue just stated).
                state.emit(
                    Statement(
                        kind=StatementKind.SHARE,
                        subject=named.removesuffix("比重"),
                        percent=figure.value,
                        text=body[lead_start : figure.end],
                    ),
                    lead_start,
                    figure.end,
                )
                continue
            if named and _RATE_NAME.search(named):
                # "预算执行率100%", "满意度达95%": a printed rate, nothing to recompute.
                state.emit(
                    Statement(
                        kind=StatementKind.RATE,
                        subject=named,
                        percent=figure.value,
                        text=body[lead_start : figure.end],
                    ),
                    lead_start,
                    figure.end,
                )
                continue
            state.miss(lead_start, figure.end, "无法确定的百分比 (a percent of nothing named)")
            continue
        if (
            _in_note(body, a, figure.start)
            and figure.money is not None
            and _only_figure_of_note(body, figure)
            and state.subject
            and state.figure is not None
            and (named := _clean(lead[_included(lead) or 0 :], state))
        ):
            # "985万元（含1个年初结转结余项目50万元）": one part of the figure before.
            state.emit(
                Statement(
                    kind=StatementKind.PARTS,
                    subject=state.subject,
                    figure=state.figure,
                    parts=(Part(subject=named, figure=figure.money),),
                    complete=False,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            continue
        if _in_note(body, a, figure.start) and figure.money is not None:
            # "（不含州财政代编…50万元）": a note on the figure before, not a part or a subject.
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=_clean(lead, state) or state.subject,
                    figure=figure.money,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            continue
        printed_base = _PRINTED_BASE.match(lead.strip("，；、 "))
        if printed_base is None and (of_period := _PERIOD_BASE.match(lead.strip("，；、 "))):
            following = next((f for f in figures if f.start > figure.start), None)
            if following is not None and _LEAD_WORD.search(body[figure.end : following.start]):
                printed_base = of_period
                named = _clean(of_period.group("subject"), state)
                state.subject, state.recent = named, named
                state.figure = state.known.get(named)
        named_base = _NAMED_BASE.match(lead.strip("，；、 "))
        if named_base is not None and figure.money is not None and state.subject:
            following = next((f for f in figures if f.start > figure.start), None)
            if following is not None and _LEAD_WORD.fullmatch(
                body[figure.end : following.start].strip("，、 ")
            ):
                _named_base(state, named_base.group("what"), lead_start, figure)
                continue
        if printed_base is None and (bare := _BARE_BASE.match(lead.strip("，；、 "))):
            following = next((f for f in figures if f.start > figure.start), None)
            if following is not None and _LEAD_WORD.search(body[figure.end : following.start]):
                printed_base = bare
        if figure is not figures[0] and (joined := _JOINED.match(lead)):
            lead = lead[joined.end() :]  # "…3万元和经营支出3万元": 和 joins the last item
        subject = _clean(lead, state)
        if not subject and (word_total := _TOTAL_WORD.match(lead.strip("，；、（ "))):
            subject = word_total.group(0)  # "共计7万元": the total is its own subject
        following_start = next((f.start for f in figures if f.start > figure.start), b)
        rest = body[figure.end : following_start]
        noun_first = figure.unit in COUNT_UNITS and _NOUN_AFTER.match(body, figure.end)
        if (
            noun_first
            and following_start == b
            and (_NOUN_REST.fullmatch(rest) or _PLACE_NOUN.fullmatch(rest))
        ):
            # "下设0个处室", "共127个一级预算部门": the noun is all that follows in the clause.
            if rest in _UNIT_NOUNS:  # "因公出国（境）0个团组": the unit holds the noun
                named, figure = subject, attrs.evolve(figure, unit=figure.unit + rest)
            else:
                named = rest
            if named.endswith("中"):
                # "11个设区市中，有5个市…": the count opens a look at some of them; what the
                # clauses after say is of the ones they name, not of the count's noun.
                named = named[:-1]
            else:
                state.count_subject = state.recent = named
            state.emit_count(
                named,
                figure.value,
                figure.unit,
                body[lead_start:b],
                lead_start,
                b,
            )
            cursor = b
            continue
        if noun_first and following_start == b and (verb := _NOUN_THEN_VERB.fullmatch(rest)):
            # "其中22个项目已完工": the count of the noun, the verb after it says what of it.
            named = re.sub(r"\s+", "", verb.group("noun"))
            state.count_subject = state.recent = named
            # Its span is the count, noun and verb: the words before are of the sentence.
            state.emit_count(
                named, figure.value, figure.unit, body[figure.start : b], figure.start, b
            )
            cursor = b
            continue
        following = next((f for f in figures if f.start > figure.start), None)
        if (
            noun_first
            and subject
            and following is not None
            and following.money is not None
            and _NOUN_REST.fullmatch(rest)
        ):
            # "年初批复预算8个项目985万元": the count of its noun, then the amount of the
            # subject named before the count.
            state.count_subject = rest
            state.emit_count(
                rest,
                figure.value,
                figure.unit,
                body[figure.start : following.start],
                figure.start,
                following.start,
            )
            state.subject, state.figure, state.recent = subject, None, subject
            cursor = following.start
            continue
        closing = body.find("）", figure.end, following_start)
        if noun_first and lead.endswith("（") and closing >= 0:
            # "1335.34万元（0个下属二级事业单位与机关统一核算），比上年增加…": a count before
            # its noun in a note on the figure before; the sentence goes on about that figure.
            state.miss(lead_start, closing + 1, "数量在名词之前 (a figure before its noun)")
            cursor = closing + 1
            continue
        if noun_first and not (
            following_start < b
            and _GLUED.fullmatch(rest + "0")
            # "2个县（市）收入增幅超过30%": what the threshold describes is counted.
            and not _APPROXIMATE_WORD.search(rest)
            # "辽宁省100个县（市）区一般公共预算收入…": a counted noun after the figure is its
            # noun, not the next subject glued on.
            and not re.match(_COUNTED_NOUNS, rest)
        ):
            # "对5个部门、", "15个专项开展重点绩效评价": the figure stands before its noun,
            # whose extent the grammar cannot tell.
            state.lost_count = True
            state.miss(lead_start, figure.end, "数量在名词之前 (a figure before its noun)")
            # What follows is about that noun, not read: never about the subject before it.
            state.subject, state.figure, state.recent = "", None, ""
            continue
        if figure.unit in COUNT_UNITS and (included := _included(lead)) is not None:
            _counted_note(state, _clean(lead[included:], state), lead_start, figure)
            continue
        if figure.unit in COUNT_UNITS:
            _count(state, subject, lead_start, figure)
            continue
        money = figure.money
        assert money is not None
        if printed_base is not None and state.subject:
            # "比上年的154640.82万元增加8697.21万元": last year's figure, printed.
            state.base = money
            state.against = printed_base.group("what")
            if borrowed:
                # "比上年的12,530.03增加…": the change is checked against it, but a base
                # printed without its unit is not stated as an amount.
                state.miss(lead_start, figure.end, "基数没有单位 (a base without its unit)")
                continue
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=state.subject,
                    figure=money,
                    period=printed_base.group("what"),
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            continue
        if not subject and (use := _USED_FOR.fullmatch(body, figure.end, b)):
            # "30万元用于基建工程项目审计": the item is named after its figure.
            subject = _clean(use.group("item"), state)
            cursor = b
        if not subject and state.named and not state.heading:
            subject = state.named
        if _GENERIC.match(subject) and state.heading:
            subject = state.heading
        elif not subject or subject in ("实际", "预计"):
            subject = _carried(state.subject, lead)
        if (
            _ATTRIBUTE.fullmatch(subject)
            and state.subject
            and state.subject != subject
            and lead_start > state.sentence_start + 1
            and state.known.get(state.subject) is not None
        ):
            # "公务接待费支出2.05万元，年初预算为2万元，差值为0.05万元": the budget of what the
            # clause before stated, and the difference; no part of a list, no new subject.
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=state.subject + subject,
                    figure=money,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            continue
        opened = state.opened
        if (
            opened is not None
            and opened.figure is not None
            and opened.count is None
            and money.to(opened.figure.unit).value > opened.figure.value
        ):
            _close(state)  # larger than the whole: not a part, a new whole
            opened = None
        if opened is not None and _LEVEL.search(lead):
            # "年初预算349.21万元，年中…增加至417.82万元": the part's new level, not a part.
            opened.partial = True
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=opened.parts[-1].subject if opened.parts else state.subject,
                    figure=money,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            continue
        if opened is not None and opened.count is None and _SUBTOTAL.search(lead):
            _subtotal(opened, subject, money)
            opened.end = figure.end
            continue
        if opened is not None and opened.full and state.stack:
            # The list inside the list reached its whole: this part is the outer list's.
            _close(state)
            opened = state.opened = state.stack.pop()
        if opened is not None and opened.count is None and subject != opened.subject:
            opened.parts.append(Part(subject=subject, figure=money))
            opened.spans.append((lead_start, figure.end))
            opened.end = figure.end
            if opened.until_sum and opened.figure is not None and state.stack:
                unit = opened.figure.unit
                total = sum((p.figure.to(unit).value for p in opened.parts if p.figure), Decimal(0))
                opened.full = total == opened.figure.value
        else:
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=subject,
                    figure=money,
                    period=state.period,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
        if BARE_OUTTURN.fullmatch(subject) and (stem := _BUDGET_OF_STEM.match(state.subject)):
            # "“三公”经费支出预算为3万元，支出决算为1.71万元": the outturn of what the budget
            # before named, known by its whole name too (a list "“三公”经费支出决算中" after).
            state.known.setdefault(stem.group("stem") + subject, money)
        state.subject, state.figure = subject, money
        state.recent = subject
        state.remember(subject, money)
    tail = body[cursor:b].strip()
    if _FLAT_END.search(tail) and _COMPARED_WITH_WORD.search(tail):
        # "10.5亿元预算与上年持平", "支出0万元与上年持平": 持平 run on after the figure.
        _figureless(state, b - len(body[cursor:b].lstrip()), b, tail, mark)


def _included(lead: str) -> int | None:
    """Where the words after an open "（含" begin in ``lead`` ("项目（含2023年…项目"), if the
    lead stands in such a note."""
    at = lead.rfind("（含")
    if at < 0 or "）" in lead[at:] or lead.startswith("有", at + 2):
        return None
    return at + 2


def _only_figure_of_note(body: str, figure: _Figure) -> bool:
    """Whether ``figure`` is the one money figure of the "（含…）" note it stands in."""
    opening = body.rfind("（", 0, figure.start)
    closing = body.find("）", figure.end)
    if opening < 0 or closing < 0 or not body.startswith("含", opening + 1):
        return False
    money = [f for f in _figures(body, opening, closing) if f.unit in MONEY_UNITS]
    return money == [figure]


def _counted_note(state: _State, subject: str, lead_start: int, figure: _Figure) -> None:
    """ "实施项目共15个（含2023年转列暂付性款项项目5个）": a part of the count just stated;
    after anything else ("年中增加8个项目（含…5个）": a part of a change) it is unread."""
    last = state.out[-1] if state.out else None
    if (
        last is not None
        and last[1].kind is StatementKind.COUNT
        and not last[1].parts
        and last[1].count_unit == figure.unit
        and last[3] == lead_start
        and subject
    ):
        state.out.pop()
        whole = last[1]
        part = Part(subject=subject, count=figure.value)
        state.emit(
            attrs.evolve(whole, parts=(part,), complete=whole.count == figure.value),
            last[2],
            figure.end,
        )
        return
    state.miss(lead_start, figure.end, "含注中的数量 (a count in a note, not read)")


def _made_of(
    state: _State, made_of: re.Match[str], figures: list[_Figure]
) -> tuple[int, list[_Figure]]:
    """ "由3个内设机构和0个非独立核算的二级事业单位组成": one count of each noun listed. The
    figures before the list are read as usual; the clause goes on after 组成."""
    if any(
        made_of.start() <= f.start < made_of.end() and f.unit not in COUNT_UNITS for f in figures
    ):
        return made_of.start(), figures  # not a list of counts only
    for item in _MADE_OF_ITEM.finditer(made_of.group("items")):
        start = made_of.start("items") + item.start()
        end = made_of.start("items") + item.end()
        state.emit_count(
            item.group("noun"),
            to_decimal(item.group("count")),
            item.group("unit"),
            state.normalised.text[start:end],
            start,
            end,
        )
    return made_of.end(), [f for f in figures if not made_of.start() <= f.start < made_of.end()]


def _named_list(state: _State, body: str, a: int, b: int) -> int:
    """ "项目支出包括委员活动经费36.3万元，…", "收入包括：一般公共预算拨款收入6526.3万元、…":
    a sentence that opens by naming a whole and 包括 lists its items. The list is opened
    with that whole (its amount when stated before), and the items are read from where
    the returned offset points (``a`` when the clause names no such whole)."""
    m = _NAMED_ITEMS.match(body, a, b)
    if m is None:
        return a
    whole = _clean(m.group("whole"), state)
    if len(whole) < 2 or _CJK.search(whole) is None:
        return a
    figure = _known_whole(state, whole)
    if figure is None and whole in ("收入", "支出"):
        # "财政拨款收支总预算X元。收入包括：…；支出包括：…": each side is the 收支 total.
        both = [money for key, money in state.known.items() if "收支" in key]
        figure = both[-1] if both else None
    state.subject, state.figure, state.recent = whole, figure, whole
    _open(state, m.end())
    return m.end()


def _named_base(state: _State, what: str, start: int, figure: _Figure) -> None:
    """ "比年初预算325.55万元增加88.34万元": the budget's amount, and the base of the change
    that follows (against that budget); what the sentence is about stays its subject."""
    money = figure.money
    assert money is not None
    state.emit(
        Statement(
            kind=StatementKind.AMOUNT,
            subject=what,
            figure=money,
            text=state.normalised.text[start : figure.end],
        ),
        start,
        figure.end,
    )
    state.known.setdefault(what, money)
    state.base = money
    state.against = what


def _compared(state: _State, m: re.Match[str], start: int, figure: _Figure | None) -> None:
    """ "决算数大于预算数55.93万元" / "决算数大于预算数": a change against a named figure."""
    body = state.normalised.text
    subject = _clean(m.group("subject"), state) or state.recent
    word = m.group("word")
    end = figure.end if figure is not None else start + len(m.group(0))
    state.emit(
        Statement(
            kind=StatementKind.CHANGE,
            subject=subject,
            figure=state.known.get(subject),
            amount=figure.money if figure is not None else None,
            amount_word=word,
            direction=_COMPARATIVES[word],
            against=m.group("what"),
            text=body[start:end],
        ),
        start,
        end,
    )


def _in_note(body: str, start: int, at: int) -> bool:
    """Whether body[at] stands inside a bracketed note (（含…）, （不含…）, （包括…）)."""
    opening = body.rfind("（", start, at)
    return opening >= 0 and "）" not in body[opening:at] and bool(_NOTE.match(body, opening + 1))


def _this_count(state: _State) -> Statement | None:
    """The count just read in this sentence, whose parts a 其中 list gives (a count of an
    earlier sentence is not: "共计9,244人。其中：行政编制…，离退休人员…" lists other counts)."""
    if not state.out or state.out[-1][2] < state.sentence_start:
        return None
    last = state.out[-1][1]
    return last if last.kind is StatementKind.COUNT else None


def _direction_before(lead: str) -> bool:
    return bool(re.search("|".join(_WORDS) + r"$", lead))


def _figureless(state: _State, a: int, b: int, text: str, mark: str) -> None:
    stripped = text.strip()
    if stripped == "其中" and state.opened is not None and not state.opened.parts:
        return  # "（其中：…": the bracket has opened the list already
    if stripped == "其中" or (
        stripped.endswith("中")
        and not stripped.endswith("之中")
        and len(stripped) > 2
        and not _NO_WHOLE.search(stripped)
    ):
        if stripped != "其中":
            # "在全盟一般公共预算收入中": the list's whole, as named before (or without the
            # qualifiers it was stated with: "去年全年全盟一般公共预算收入").
            state.subject = _clean(stripped[:-1].removeprefix("在"), state)
            state.figure = _known_whole(state, state.subject)
        last = _this_count(state)
        if stripped == "其中" and last is not None:
            first = state.out.pop()[2]  # "共有车辆1辆，其中：…": the parts of that count
            state.count_subject = last.subject
            _open(state, first, count=last.count, unit=last.count_unit)
            return
        if state.lost_count:
            state.dropped = True  # "对5个部门…，其中：良好部门5个…": of counts not read
            return
        _open(state, a)
        return
    if m := _SAME_VIEW.fullmatch(stripped):
        state.against = m.group("same")  # "从同比来看，…增速为7.4%"
        return
    if m := _AGAINST_CLAUSE.match(stripped):
        state.against = m.group("what")
        if subject := _clean(m.group("subject"), state):
            # "收入支出总体与上年相比，增加58.21万元": the change is about that subject.
            state.subject, state.figure = subject, state.known.get(subject)
            state.recent = subject
        return
    if m := _COMPARED.match(stripped):
        if "平均" in m.group("what"):
            # "低于全省平均水平", "略高于全省平均": a rank among others (of a rate just
            # stated, mostly), not a change of the subject's figure.
            state.miss(a, b, "与平均水平相比 (a comparison with an average, not read)")
            return
        _compared(state, m, a + (len(text) - len(text.lstrip())), None)
        return
    if (net := _NET.fullmatch(stripped)) and (state.recent or state.subject):
        subject = state.recent or state.subject
        state.emit(
            Statement(
                kind=StatementKind.CHANGE,
                subject=subject,
                figure=state.known.get(subject),
                direction=Direction.INCREASE,
                amount_word=net.group("word"),
                against=net.group("same") or net.group("what") or state.against,
                text=stripped,
            ),
            a,
            b,
        )
        return
    if (flat := _FLAT.search(stripped)) and _FLAT_END.search(stripped):
        lead = stripped[: flat.start()]
        against = state.against
        subject = state.subject
        if m := _FLAT_AGAINST.search(lead):
            against = m.group("what")
            own = _clean(lead[: m.start()], state)
            subject = own or state.recent or subject
            if own and not _GENERIC.match(own):
                # "因公出国支出决算比预算无增减变化，比去年无增减变化": the next clause
                # without a subject of its own is about the one named here.
                state.recent = own
                if state.opened is None:
                    state.subject, state.figure = own, state.known.get(own)
        elif lead in ("同比", "可比") or _SAME_PERIOD.fullmatch(lead):
            against = lead  # "同比持平", "上年持平" (与 left out)
            if state.bare:
                # "支出规模位居全省第13位，同比持平": what is unchanged is named in the
                # clause before (a rank), not a subject read.
                state.miss(a, b, "持平的对象未读 (unchanged, of nothing read)")
                return
            subject = state.recent or subject
        elif lead:
            subject = _clean(lead, state) or state.recent or subject
        else:
            subject = state.recent or subject
        state.emit(
            Statement(
                kind=StatementKind.CHANGE,
                subject=subject,
                figure=state.known.get(subject),
                direction=Direction.UNCHANGED,
                amount_word=flat.group(0),
                against=against,
                text=stripped,
            ),
            a,
            b,
        )
        return
    if _VIEW.fullmatch(stripped) and state.subject and mark in "，：":
        _open(state, a)
        return
    if mark == "：" and stripped:
        if _LIST_HEADING.search(stripped) and state.subject:
            # "分项情况是：…", "主要支出事项：…": the parts of what was just stated (inside a
            # list, of its last part).
            _open(state, a)
            return
        if state.opened is not None and state.opened.parts:
            _close(state)  # a heading inside a list starts something else
        state.heading = _clean(stripped, state)
        return
    if not mark and a == state.sentence_start:
        name = _clean(stripped, state)
        if _BUDGET_HEADING.fullmatch(name):
            # "政府性基金预算。其中，…": a sentence that only names a budget is a heading,
            # and a list after it holds that budget's parts.
            state.subject, state.figure, state.recent = name, state.known.get(name), name


def _replace(state: _State, old: Statement, new: Statement, end: int) -> None:
    """``old`` (emitted) is ``new`` now, its span running to ``end``."""
    for index in range(len(state.out) - 1, -1, -1):
        first, statement, start, until = state.out[index]
        if statement is old:
            state.out[index] = (first, new, start, max(until, end))
            return
    raise AssertionError("the statement replaced was never emitted")


def _score(state: _State, lead: str, lead_start: int, figure: _Figure) -> None:
    """A figure in 分: a score ("自评得分96.5分", "得分为92.5分"), its full marks ("（满分
    100分）", "满分100分，…", "产出指标（50分）"), or a deduction ("扣2分"), which is no score
    and is listed as unread, as is a figure in 分 of nothing named."""
    words = lead.strip("，；、 ")
    if _DEDUCTION.search(words):
        state.miss(lead_start, figure.end, "扣分 (a deduction, not a score)")
        return
    last = state.scored
    bracket = words.endswith(("（", "(")) and state.normalised.text.startswith(
        ("）", ")"), figure.end
    )
    if _FULL_MARKS.search(words) or bracket:
        named = _clean(_FULL_MARKS.sub("", words).lstrip("（("), state)
        if last is not None and last.full_marks is None and not named:
            # "得分92分（满分100分）", "自评得分95分，满分100分": the full marks of that score.
            state.scored = attrs.evolve(last, full_marks=figure.value)
            closed = state.normalised.text.startswith(("）", ")"), figure.end)
            _replace(state, last, state.scored, figure.end + closed)
        else:
            state.full_marks = (figure.value, lead_start, figure.end)
        return
    subject = _clean(lead, state)
    if not subject and state.heading and _SCORE_NAME.search(state.heading):
        subject = state.heading  # "自评得分：96分"
    if not _SCORE_NAME.search(subject):
        state.miss(lead_start, figure.end, "分数没有名称 (a score of nothing named)")
        return
    full = state.full_marks[0] if state.full_marks is not None else None
    begin = min(lead_start, state.full_marks[1]) if state.full_marks is not None else lead_start
    state.full_marks = None
    if last is not None and last.score is None:
        # "评价等级为优秀，综合得分92分": the score of the grade stated before it.
        state.scored = attrs.evolve(last, subject=subject, score=figure.value, full_marks=full)
        _replace(state, last, state.scored, figure.end)  # its span covers the full marks
        return
    state.scored = Statement(
        kind=StatementKind.SCORE,
        subject=subject,
        score=figure.value,
        full_marks=full,
        period=state.period,
        text=state.normalised.text[begin : figure.end],
    )
    state.emit(state.scored, begin, figure.end)


def _grade(state: _State, a: int, b: int) -> bool:
    """A clause stating a grade ("自评等级为优秀", "评价等级为“良”", "为优秀等次" after a
    score): the grade of the score just read in the sentence, or a statement of its own.
    A grade word alone is a grade only after a score or a heading naming one ("等级：良好"),
    and a one-character grade (优 良 中 差) only with 为/quotes/等级 around it: "评价结果中"
    names no grade."""
    text = state.normalised.text[a:b]
    stripped = text.strip()
    m = _GRADE_CLAUSE.fullmatch(stripped)
    if m is None:
        return False
    word = m.group("grade")
    name = m.group("name") or ""
    last = state.scored
    if not name:
        if state.heading and _NAMES_GRADE.search(state.heading):
            name = state.heading
        elif last is None:
            return False
    if len(word) == 1 and not (
        m.group("copula") or m.group("quote") or m.group("suffix") or stripped == word
    ):
        return False
    start = a + len(text) - len(text.lstrip())
    grade = Grade.parse(word)
    if last is not None and last.grade is None:
        state.scored = attrs.evolve(last, grade=grade, grade_text=word)
        _replace(state, last, state.scored, start + len(stripped))
        return True
    state.scored = Statement(
        kind=StatementKind.SCORE,
        subject=_clean(name, state),
        grade=grade,
        grade_text=word,
        period=state.period,
        text=stripped,
    )
    state.emit(state.scored, start, start + len(stripped))
    return True


def _multi(state: _State, body: str, a: int, b: int, figures: list[_Figure]) -> bool:
    """ "收、支总计各是A，B万元" / "各减少A，B万元" / "各下降P%、Q%": one value per subject."""
    lead = body[a : figures[0].start]
    m = _EACH.search(lead)
    if m is None:
        return False
    unit = figures[-1].unit
    values = [attrs.evolve(f, unit=unit) if not f.unit else f for f in figures]
    head = _clean(lead[: m.start()], state)
    if (
        head
        and (own := _AGAINST.search(head))
        and own.group("what")
        and (own.group(0)[0] in "比较" or _COMPARING_WORD.search(own.group(0)))
    ):
        # "收、支总计与上年相比各减少…" (not "文化体育与传媒、…分别增长": a name with 与).
        state.against = own.group("what")
        head = _clean(head[: own.start()], state)
    names = _names(head, len(values)) if head else state.names
    if not head and len(names) != len(values) and state.bare:
        # "其中A和B等事务支出快速增长，分别比上年同期增长P%和Q%": the names are the clause
        # before, without what it says of them.
        named = _clean(state.bare, state)
        predicate = _PREDICATE.search(named)
        if predicate and len(found := _names(named[: predicate.start()], len(values))) == len(
            values
        ):
            names = found
    if len(values) == 1 and len(names) > 1:
        values = values * len(names)  # "收、支总计均为971.04万元": one figure for each
    elif len(values) < 2:
        return False
    if len(names) != len(values) or any(
        not _LIST_JOIN.fullmatch(body[x.end : y.start]) for x, y in itertools.pairwise(figures)
    ):
        return False
    printed = m.group("word")
    if m.group("against"):
        if printed is None:
            return False
        state.against = m.group("against")  # "分别比上年同期增长42%、41.8%、34.8%"
    for name, figure in zip(names, values, strict=True):
        money = figure.money
        if printed is None:
            if money is None:
                return False
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=name,
                    figure=money,
                    period=state.period,
                    text=body[a:b],
                ),
                a,
                b,
            )
            state.remember(name, money)
            continue
        direction = DIRECTION_WORDS[printed]
        if figure.unit == "%":
            for index in range(len(state.out) - 1, -1, -1):
                earlier = state.out[index][1]
                if (
                    earlier.kind is StatementKind.CHANGE
                    and earlier.subject == name
                    and earlier.percent is None
                ):
                    first = state.out[index][2]
                    state.out[index] = (
                        first,
                        attrs.evolve(
                            earlier,
                            percent=figure.value,
                            percent_word=printed,
                            direction=direction,
                        ),
                        first,
                        b,
                    )
                    break
            else:
                state.emit(
                    Statement(
                        kind=StatementKind.CHANGE,
                        subject=name,
                        figure=state.known.get(name),
                        percent=figure.value,
                        percent_word=printed,
                        direction=direction,
                        against=state.against,
                        text=body[a:b],
                    ),
                    a,
                    b,
                )
            continue
        if money is None:
            return False
        state.group.append(len(state.out))
        state.emit(
            Statement(
                kind=StatementKind.CHANGE,
                subject=name,
                figure=state.known.get(name),
                amount=money,
                amount_word=printed,
                direction=direction,
                against=state.against,
                text=body[a:b],
            ),
            a,
            b,
        )
    state.names = names
    return True


def _names(head: str, count: int) -> list[str]:
    """The names of a list of ``count`` values: split at 、, then, while too few, at 和
    and 及 too ("教育、文化体育与传媒和农林水事务等支出分别增长…")."""
    names = _expand(head)
    for join in ("和", "及"):
        if len(names) >= count:
            break
        names = [piece for name in names for piece in name.split(join) if piece]
    return names


def _expand(subject: str) -> list[str]:
    """ "收、支总计" → 收总计, 支总计 (a shared ending); "基本支出、项目支出" → both."""
    names = [n for n in subject.split("、") if n]
    if len(names) < 2:
        return names
    last = names[-1]
    out = []
    for name in names[:-1]:
        if len(name) == 1 and len(last) > 1:
            out.append(name + last[1:])
        else:
            out.append(name)
    return [*out, last]


def _change(
    state: _State,
    body: str,
    lead: str,
    lead_start: int,
    word: re.Match[str],
    figure: _Figure,
) -> Statement | None:
    pending = state.pending
    before = lead[: word.start()]
    against = state.against
    subject = ""
    if m := _AGAINST.search(before):
        against = (m.group("same") or m.group("what") or "").removeprefix("按")
        if m.group("same") and (period := _SAME_PERIOD.fullmatch(before, m.end())):
            against = period.group(0)  # "同比上年度增加…": against the year it names
        subject = _clean(before[: m.start()], state)
    elif before.strip():
        subject = _clean(before, state)
    if _EACH_WORD.fullmatch(subject):
        # "…，分别比上年增长12%和9.4%" whose names the grammar could not find.
        state.miss(lead_start, figure.end, "分别的变动没有主语 (changes of names not found)")
        return None
    own_subject = bool(subject)
    if own_subject and not _GENERIC.match(subject) and state.opened is None:
        state.subject, state.figure = subject, state.known.get(subject)
    if subject and _GENERIC.match(subject) and state.heading:
        subject = state.heading
    if figure.unit == "%" and not own_subject and state.group:
        # "各减少46.54万元，下降4.6%": the percent of each of them.
        for index in state.group:
            first, earlier, s, _ = state.out[index]
            state.out[index] = (
                first,
                attrs.evolve(
                    earlier,
                    percent=figure.value,
                    percent_word=word.group("word"),
                    direction=DIRECTION_WORDS[word.group("word")],
                ),
                s,
                figure.end,
            )
        state.group = []
        return None
    last = state.out[-1][1] if state.out else None
    if not subject and figure.unit in COUNT_UNITS and last and last.kind is StatementKind.COUNT:
        subject = last.subject  # "购置执法执勤用车2辆，比上年度少3辆": a change of that count
    if not subject:
        opened = state.opened
        if (
            pending is not None
            and state.out
            and state.out[-1][1] is pending
            and (opened is None or not opened.parts)
        ):
            subject = pending.subject  # "较上年减少…，较年初预算数减少…": the same subject
        elif opened and opened.parts:
            subject = opened.parts[-1].subject
        else:
            subject = state.recent or state.subject
    if not subject:
        state.miss(lead_start, figure.end, "变动没有主语 (a change of nothing named)")
        return None
    current = state.current(subject)
    if current is None and subject == state.subject and subject not in state.years:
        current = state.figure
    printed = word.group("word")
    direction = DIRECTION_WORDS[printed]
    end = figure.end
    if figure.unit == "%":
        if (
            pending is not None
            and pending.percent is None
            and (pending.subject == subject or not own_subject)
            and state.out
            and state.out[-1][1] is pending
            and not (pending.amount_word in _ADJUSTED and printed not in _ADJUSTED)
        ):
            _, _, s, _ = state.out.pop()
            updated = attrs.evolve(
                pending,
                percent=figure.value,
                percent_word=printed,
                direction=direction,
                text=body[s:end],
            )
            state.emit(updated, s, end)
            return updated
        statement = Statement(
            kind=StatementKind.CHANGE,
            subject=subject,
            figure=current,
            percent=figure.value,
            percent_word=printed,
            direction=direction,
            against=against,
            text=body[lead_start:end],
        )
        state.emit(statement, lead_start, end)
        return statement
    money = figure.money
    counted = figure.value if figure.unit in COUNT_UNITS else None
    if money is None and counted is None:
        state.miss(lead_start, end, "变动额没有单位 (a change without a unit)")
        return None
    base, state.base = state.base, None
    if (
        money is not None
        and pending is not None
        and pending.percent is not None
        and pending.amount is None
        and pending.count is None
        and not own_subject
        and (m is None or against == pending.against)
        and state.out
        and state.out[-1][1] is pending
        and state.out[-1][2] >= state.sentence_start
        and not _figures(body, state.out[-1][3], lead_start)
    ):
        # "同比增长10.1%，增幅位列全省第一，增收6.29亿元": the amount of that change.
        _, _, s, _ = state.out.pop()
        updated = attrs.evolve(
            pending, base=base, amount=money, amount_word=printed, text=body[s:end]
        )
        state.emit(updated, s, end)
        return updated
    noun = _NOUN_REST.match(body, figure.end) if counted is not None else None
    if noun is not None and body[noun.end() : noun.end() + 1] in ("", "，", "；", "。", "（"):
        # "年中增加8个项目": a change of the number of what is counted after the figure.
        subject, current = noun.group(0), None
    statement = Statement(
        kind=StatementKind.CHANGE,
        subject=subject,
        figure=current,
        base=base,
        amount=money,
        count=counted,
        count_unit=figure.unit if counted is not None else "",
        amount_word=printed,
        direction=direction,
        against=against,
        text=body[lead_start:end],
    )
    state.emit(statement, lead_start, end)
    return statement


def _share(state: _State, lead: str, lead_start: int, figure: _Figure) -> None:
    if figure.unit != "%":
        return
    at = lead.index("占")
    of = lead[at + 1 :].removesuffix("比").removesuffix("的").removesuffix("比例为")
    of = of.removesuffix("的比重为").removesuffix("的比例").removesuffix("为").removesuffix("的")
    own = _clean(lead[:at], state)
    if _EACH_WORD.fullmatch(own):
        # "分别占比73.6%和70.3%": one share of each whole named before, which the clause
        # does not tell apart.
        state.miss(lead_start, figure.end, "分别的占比 (shares of wholes not named)")
        return
    opened = state.opened
    if (
        not of
        and not own
        and opened is not None
        and opened.parts
        and opened.parts[-1].percent is None
    ):
        opened.parts[-1] = attrs.evolve(opened.parts[-1], percent=figure.value)
        opened.end = figure.end
        return
    subject = own or (opened.parts[-1].subject if opened and opened.parts else state.subject)
    part_figure = state.known.get(subject)
    if opened and opened.parts and opened.parts[-1].subject == subject:
        part_figure = opened.parts[-1].figure
    if part_figure is None and subject == state.subject:
        part_figure = state.figure
    # 占调整预算的100% is a completion; 占一般公共预算收入的84.6% a share, and so are
    # 占支出总预算82.27% (a part of the total budget, not its execution) and 占一般公共预算的
    # 比重为68.4% (of the fund's revenue: the fund is named, no budget).
    plain = re.sub(r"（[^）]*）", "", of)
    kind = (
        StatementKind.RATE
        if re.search(r"(?<!总)预算数?$", plain) and not _FUND_NAME.fullmatch(plain)
        else StatementKind.SHARE
    )
    base = state.known.get(of) if of else (opened.figure if opened else None)
    state.emit(
        Statement(
            kind=kind,
            subject=subject,
            figure=part_figure,
            base=base,
            percent=figure.value,
            of=of,
            text=state.normalised.text[lead_start : figure.end],
        ),
        lead_start,
        figure.end,
    )


def _completion(state: _State, lead: str, lead_start: int, figure: _Figure) -> None:
    body = state.normalised.text
    if figure.unit != "%":
        # "完成全年预算84.82万元的73.2%": the budget is an amount of its own.
        money = figure.money
        of = _clean(lead[lead.find("完成") + 2 :], state) if "完成" in lead else ""
        if money is not None:
            state.emit(
                Statement(
                    kind=StatementKind.AMOUNT,
                    subject=of,
                    figure=money,
                    text=body[lead_start : figure.end],
                ),
                lead_start,
                figure.end,
            )
            state.known[of or "预算"] = money
            state.pending_of = of
        return
    if "完成" in lead:
        of = lead[lead.index("完成") + 2 :].removesuffix("的").removesuffix("率").strip()
        of = of.removesuffix("的")
    else:
        of = state.pending_of
    opened = state.opened
    subject = opened.parts[-1].subject if opened and opened.parts else state.subject
    current = opened.parts[-1].figure if opened and opened.parts else state.figure
    state.emit(
        Statement(
            kind=StatementKind.RATE,
            subject=subject,
            figure=current,
            base=state.known.get(of) if of else None,
            percent=figure.value,
            of=of or "预算",
            text=body[lead_start : figure.end],
        ),
        lead_start,
        figure.end,
    )


def _count(state: _State, subject: str, lead_start: int, figure: _Figure) -> None:
    body = state.normalised.text
    opened = state.opened
    if opened is not None and opened.count is not None:
        if figure.unit == opened.count_unit:
            opened.parts.append(Part(subject=subject, count=figure.value))
            opened.end = figure.end
            return
        _close(state)  # "…其他用车2辆；设备0台（套）": another kind of thing, not a part
    subject = subject or state.count_subject
    if len(subject) < 2:  # "对5个部门": the figure stands before its noun
        state.miss(lead_start, figure.end, "数量没有主语 (a count of nothing named)")
        return
    state.count_subject = subject
    state.recent = subject
    state.emit_count(
        subject,
        figure.value,
        figure.unit,
        body[lead_start : figure.end],
        lead_start,
        figure.end,
    )
