"""Transcribe the four founding reports into the bundled examples (budgetperf/1 JSON).

Usage::

    python scripts/transcribe_seeds.py SEEDS_DIR

SEEDS_DIR holds the plain-text reports (000_…txt, 002_…txt, 003_…txt, 004_…txt). The 21
project tables of 002 are read from the text's flattened table cells (one cell per
tab-led line, rows separated by empty lines) — a transcription aid for this one file, not
the general extractor. Everything else (narrative figures, the small tables of 000, 003 and
004) is entered by hand below, as printed. Figures are kept as published, mistakes
included: the checks, not the transcription, say what is wrong.

The output is reviewed by hand and committed; tests pin its content.
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path

from budgetperf.io.cells import parse_measure, parse_number, parse_percent
from budgetperf.io.json import dumps
from budgetperf.model import (
    Batch,
    BudgetBlock,
    Chart,
    ChartSeries,
    Comparator,
    DepartmentEvaluation,
    Dimension,
    EconomicLine,
    ExpenditureCategory,
    ExpenditureLine,
    FinalAccounts,
    FundingSource,
    FundRow,
    GovernmentLevel,
    Grade,
    IncomeLine,
    Indicator,
    LevelFunding,
    Measure,
    ProjectCode,
    ProjectEvaluation,
    SourceRef,
    Statement,
    StatementKind,
    ThreePublicExpenses,
)
from budgetperf.money import Amount
from budgetperf.rates import Direction

OUT = Path(__file__).resolve().parent.parent / "src" / "budgetperf" / "examples" / "data"
D = Decimal


def wan(text: str) -> Amount:
    return Amount.parse(text, unit="万元")


def clean(text: str) -> str:
    """Drop Word bookmark markers (conversion artefacts, not printed text) and outer blanks."""
    return re.sub(r"\[bookmark: [^\]]*\]", "", text).strip(" \t\n\u3000")


# -- 002: the flattened tables ----------------------------------------------------------


def table_rows(block: str) -> list[list[str]]:
    rows = []
    for para in re.split(r"\n\n", block):
        cells: list[str] = []
        for line in para.split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:])
            elif cells:
                cells[-1] += "\n" + line
            elif line.strip():
                cells.append(line)
        if cells:
            rows.append(cells)
    return rows


FUND_ROWS = ("总额", "其中：财政资金", "财政专户管理资金", "单位资金", "其他资金")


def amount_or_none(text: str) -> Amount | None:
    value = parse_number(text)
    return None if value is None else Amount(value, "万元")


RAW_CSV: dict[int, list[list[str]]] = {}


def raw_csv_rows(rows: list[list[str]]) -> list[list[str]]:
    """The table in the 自评表 CSV layout, every figure cell exactly as the text prints it."""
    out: list[list[str]] = []
    section = ""
    pending: list[str] = []
    for cells in rows:
        first = cells[0].strip()
        if first == "项目名称":
            out.append(["项目名称", cells[1]])
            out.append(["评价年度", "2023"])
        elif first == "主管部门":
            out += [["主管部门", cells[1]], ["实施单位", cells[3]]]
        elif first.startswith("预算执行情况"):
            section = "budget"
            out += [
                [],
                [
                    "资金来源（万元）",
                    "年初预算",
                    "调整后预算数",
                    "预算执行数",
                    "预算执行率",
                    "权重",
                    "得分",
                    "原因",
                ],
            ]
        elif section == "budget" and len(cells) == 9 and cells[1].strip() in FUND_ROWS:
            out.append(cells[1:9])
        elif first.startswith("绩效指标"):
            section = "indicators"
            out += [[], cells[1:11]]
        elif first == "合计":
            out += [[], ["合计", cells[2]]]
            section = ""
        elif section == "indicators":
            pending += cells
            if len(pending) >= 11:
                out.append(pending[1:11])
                pending = []
    return out


def project_table(block: str, number: int) -> ProjectEvaluation:
    rows = table_rows(block)
    RAW_CSV[number] = raw_csv_rows(rows)
    head: dict[str, str] = {}
    fund_rows: list[FundRow] = []
    budget_weight = budget_score = None
    budget_reason = ""
    indicators: list[Indicator] = []
    pending: list[str] = []
    level1 = level2 = ""
    section = ""
    total = None
    for cells in rows:
        first = cells[0].strip()
        if first == "项目名称":
            head["title"] = clean(cells[1])
        elif first == "主管部门":
            head["department"], head["unit"] = clean(cells[1]), clean(cells[3])
        elif first == "项目基本情况":
            section = "goals"
        elif section == "goals" and len(cells) == 4:
            head["goals"], head["completion"] = clean(cells[2]), clean(cells[3])
            section = ""
        elif len(cells) == 3 and cells[1].startswith("2.项目实施内容"):
            head["summary"] = clean(cells[2])
        elif first.startswith("预算执行情况"):
            section = "budget"
        elif section == "budget" and len(cells) == 9 and cells[1].strip() in FUND_ROWS:
            name = cells[1].strip()
            fund_rows.append(
                FundRow(
                    category=name,
                    initial_budget=amount_or_none(cells[2]),
                    adjusted_budget=amount_or_none(cells[3]),
                    executed=amount_or_none(cells[4]),
                    reported_rate_percent=parse_percent(cells[5]),
                )
            )
            if name == "总额":
                budget_weight, budget_score = parse_number(cells[6]), parse_number(cells[7])
                budget_reason = clean(cells[8])
        elif first.startswith("绩效指标"):
            section = "indicators"
        elif first == "合计":
            total = parse_number(cells[2])
            section = ""
        elif section == "indicators":
            pending += cells
            if len(pending) < 11:
                continue  # a row the text broke in two (table 11): join it
            row, pending = pending, []
            level1 = clean(row[1]) or level1
            level2 = clean(row[2]) or level2
            comparator = Comparator.parse(row[4]) if row[4].strip() else None
            _, target = parse_measure(row[5])
            _, actual = parse_measure(row[7])
            weight = parse_number(row[8])
            assert weight is not None, row
            indicators.append(
                Indicator(
                    level1=level1,
                    level2=level2,
                    name=clean(row[3]),
                    comparator=comparator,
                    target=target or Measure(text=row[5]),
                    unit=clean(row[6]),
                    actual=actual,
                    weight=weight,
                    reported_score=parse_number(row[9]),
                    deviation_note=clean(row[10]),
                )
            )
        elif first in ("评价结论", "存在问题", "改进措施"):
            head[first] = clean(cells[1]) if len(cells) > 1 else ""
        elif first.startswith("项目负责人"):
            head["leaders"] = first.split("：", 1)[1]
            head["finance"] = clean(cells[1]).split("：", 1)[1] if len(cells) > 1 else ""
    code_text, _, name = head["title"].partition("-")
    sub = ""
    if match := re.fullmatch(r"(.*?)（(.*)）", name):
        name, sub = match.group(1), match.group(2)
    assert budget_weight is not None
    return ProjectEvaluation(
        name=name,
        code=ProjectCode.parse(code_text),
        sub_project=sub,
        year=2023,
        department=head["department"],
        implementing_unit=head["unit"],
        layout="sichuan-2023",
        goals=head.get("goals", ""),
        goals_completion=head.get("completion", ""),
        summary=head.get("summary", ""),
        budget=BudgetBlock(
            rows=fund_rows, weight=budget_weight, reported_score=budget_score, reason=budget_reason
        ),
        indicators=indicators,
        reported_total=total,
        conclusion=head.get("评价结论", ""),
        problems=head.get("存在问题", ""),
        measures=head.get("改进措施", ""),
        project_leaders=tuple(x for x in head.get("leaders", "").split("、") if x),
        finance_leaders=tuple(x for x in head.get("finance", "").split("、") if x),
        source=SourceRef(
            file=SEED_002,
            section=f"第四部分 附件 附表：部门预算项目支出绩效自评表（2023年度）第{number}张",
        ),
    )


SEED_002 = "002_a45521c9d62b1714.txt"


def liangshan_projects(text: str) -> list[ProjectEvaluation]:
    start = text.index(" 附表：部门预算项目支出绩效自评表")
    end = text.index(" 第五部分 附表")
    blocks = re.split(r"\n\t?部门预算项目支出绩效自评表（2023年度）\n", text[start:end])[1:]
    return [project_table(block, n) for n, block in enumerate(blocks, start=1)]


def liangshan_final_accounts() -> FinalAccounts:
    s = StatementKind
    part2 = "第二部分 2023年度部门决算情况说明"
    items = [
        ("2060701", "机构运行", "296.11", ExpenditureCategory.BASIC),
        ("2060702", "科普活动", "12", ExpenditureCategory.PROJECT),
        ("2060703", "青少年科技活动", "2.8", ExpenditureCategory.PROJECT),
        ("2060704", "学术交流活动", "12", ExpenditureCategory.PROJECT),
        ("2060799", "其他科学技术普及支出", "300.19", ExpenditureCategory.PROJECT),
        ("2069999", "其他科学技术支出", "78.07", ExpenditureCategory.PROJECT),
        ("2080501", "行政单位离退休", "78.39", ExpenditureCategory.BASIC),
        ("2080502", "事业单位离退休", "2.21", ExpenditureCategory.BASIC),
        ("2080505", "机关事业单位基本养老保险缴费", "29.77", ExpenditureCategory.BASIC),
        ("2080506", "机关事业单位职业年金缴费支出", "14.89", ExpenditureCategory.BASIC),
        ("2101101", "行政单位医疗", "7.38", ExpenditureCategory.BASIC),
        ("2101102", "事业单位医疗", "2.74", ExpenditureCategory.BASIC),
        ("2101103", "公务员医疗补助", "8.77", ExpenditureCategory.BASIC),
        ("2101199", "其他行政事业单位医疗支出", "2.98", ExpenditureCategory.BASIC),
    ]
    # Every 类 the narrative names, zeros included, in its order.
    classes = [
        ("201", "一般公共服务支出", "0", "0"),
        ("205", "教育支出", "0", "0"),
        ("206", "科学技术支出", "701.17", "80.22"),
        ("207", "文化旅游体育与传媒支出", "0", "0"),
        ("208", "社会保障和就业支出", "125.26", "14.33"),
        ("210", "卫生健康支出", "21.88", "2.5"),
        ("221", "住房保障支出", "25.74", "2.95"),
    ]
    sec_total = f"{part2} 一、收入支出决算总体情况说明"
    sec_spend = f"{part2} 三、支出决算情况说明"
    sec_five = f"{part2} 五、一般公共预算财政拨款支出决算情况说明"
    sec_three = f"{part2} 七、财政拨款“三公”经费支出决算情况说明"
    total, three_total = wan("874.05"), wan("7.6")
    dec, inc = Direction.DECREASE, Direction.INCREASE

    def shared(
        subject: str, figure: str, base: Amount, percent: str, section: str, text: str
    ) -> Statement:
        return Statement(
            kind=s.SHARE,
            subject=subject,
            figure=wan(figure),
            base=base,
            percent=D(percent),
            text=text,
            section=section,
        )

    def changed(
        subject: str,
        figure: str,
        amount: str,
        percent: str,
        direction: Direction,
        section: str,
        text: str,
    ) -> Statement:
        return Statement(
            kind=s.CHANGE,
            subject=subject,
            figure=wan(figure),
            amount=wan(amount),
            percent=D(percent),
            direction=direction,
            text=text,
            section=section,
        )

    # Every figure-bearing clause of the standard sentences, in the order the report prints them
    # (the income shares are kept on the income lines themselves).
    statements = [
        changed(
            "收、支总计",
            "874.05",
            "3.42",
            "4",
            dec,
            sec_total,
            "2023年度收、支总计均为874.05万元。与2022年度相比，收、支总计各减少3.42万元，下降4%",
        ),
        shared("基本支出", "468.99", total, "53.65", sec_spend, "基本支出468.99万元，占53.65%"),
        shared("项目支出", "405.06", total, "46.34", sec_spend, "项目支出405.06万元，占46.34%"),
        shared("上缴上级支出", "0", total, "0", sec_spend, "上缴上级支出0万元，占0%"),
        shared("经营支出", "0", total, "0", sec_spend, "经营支出0万元，占0%"),
        shared("对附属单位补助支出", "0", total, "0", sec_spend, "对附属单位补助支出0万元，占0%"),
        changed(
            "财政拨款收、支总计",
            "874.05",
            "3.42",
            "4",
            dec,
            f"{part2} 四、财政拨款收入支出决算总体情况说明",
            "财政拨款收、支总计各3.42万元，下降4%",
        ),
        shared(
            "一般公共预算财政拨款支出",
            "874.05",
            total,
            "100",
            f"{sec_five}（一）",
            "2023年度一般公共预算财政拨款支出874.05万元，占本年支出合计的100%",
        ),
        changed(
            "一般公共预算财政拨款支出",
            "874.05",
            "3.42",
            "4",
            dec,
            f"{sec_five}（一）",
            "一般公共预算财政拨款支出减少3.42万元，下降4%",
        ),
        *[
            shared(name, amount, total, pct, f"{sec_five}（二）", f"{name}{amount}万元，占{pct}%")
            for _, name, amount, pct in classes
        ],
        Statement(
            kind=s.RATE,
            subject="一般公共预算支出完成预算",
            figure=wan("874.05"),
            base=wan("614.51"),
            percent=D("142.24"),
            text="2023年度一般公共预算支出决算数为874.05，完成预算142.24%",
            section=f"{sec_five}（三）; 年初预算 614.51 from 附件1-2 二（一）",
        ),
        changed(
            "“三公”经费",
            "7.6",
            "49.19",
            "647.24",
            dec,
            f"{sec_three}（一）",
            "2023年度“三公”经费财政拨款支出决算为7.6万元，完成预算100%，较上年度减少49.19万元，下降647.24%",
        ),
        shared(
            "因公出国（境）费",
            "0",
            three_total,
            "0",
            f"{sec_three}（二）",
            "因公出国（境）费支出决算0万元，占0%",
        ),
        shared(
            "公务用车购置及运行维护费",
            "7.41",
            three_total,
            "97.55",
            f"{sec_three}（二）",
            "公务用车购置及运行维护费支出决算7.41万元，占97.55%",
        ),
        shared(
            "公务接待费",
            "0.19",
            three_total,
            "2.44",
            f"{sec_three}（二）",
            "公务接待费支出决算0.19万元，占2.44%",
        ),
        changed(
            "公务用车购置及运行维护费",
            "7.41",
            "49.23",
            "86.92",
            dec,
            f"{sec_three}（二）2",
            "公务用车购置及运行维护费支出决算比2022年度较上年度减少49.23万元，下降86.92%",
        ),
        changed(
            "公务接待费",
            "0.19",
            "0.04",
            "27",
            inc,
            f"{sec_three}（二）3",
            "公务接待费支出决算比2022年度增加0.04万元，增长27%",
        ),
        changed(
            "机关运行经费",
            "51.17",
            "1.84",
            "37.3",
            inc,
            f"{part2} 十（一）",
            "机关运行经费支出51.17万元，比2022年度增加1.84万元，增长37.3%",
        ),
    ]
    charts = [
        Chart(
            number="图1",
            title="收、支决算总计变动情况",
            kind="柱状图",
            labels=("2022年", "2023年"),
            series=(ChartSeries(name="收、支总计", values=(D("877.47"), D("874.05"))),),
        ),
        Chart(
            number="图2",
            title="收入决算结构图",
            kind="饼状图",
            labels=(
                "一般公共预算财政收入",
                "政府性基金预算财政拨款收入",
                "国有资本经营预算财政收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ),
            series=(
                ChartSeries(name="列1", values=(D("874.05"),)),
                ChartSeries(name="(cached)", values=(D("616.54"),)),
            ),
        ),
        Chart(
            number="图3",
            title="支出决算结构图",
            kind="饼状图",
            labels=("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
            series=(
                ChartSeries(name="列2", values=(D("468.99"), D("405.06"))),
                ChartSeries(name="(cached)", values=(D("397.52"), D("281.57"), D(0), D(0), D(0))),
            ),
        ),
        Chart(
            number="图4",
            title="财政拨款收、支决算总计变动情况",
            kind="柱状图",
            labels=("2022年", "2023年"),
            series=(ChartSeries(name="财政拨款收、支总计", values=(D("877.47"), D("874.05"))),),
        ),
        Chart(
            number="图5",
            title="一般公共预算财政拨款支出决算变动情况",
            kind="柱状图",
            labels=("2022年一般公共预算财政拨款支出", "2023年一般公共预算财政拨款支出"),
            series=(
                ChartSeries(name="一般公共预算财政拨款支出", values=(D("877.47"), D("874.05"))),
            ),
        ),
        Chart(
            number="图6",
            title="一般公共预算财政拨款支出决算结构",
            kind="饼状图",
            labels=(
                "一般公共服务类支出",
                "教育支出",
                "科学技术类支出",
                "社会保障和就业支出",
                "卫生与健康支出",
                "国土海洋气象等支出",
                "住房保障支出",
            ),
            series=(
                ChartSeries(name="列1", values=(D("701.17"), D("125.26"), D("21.88"), D("25.74"))),
                ChartSeries(
                    name="(cached)", values=(D("707.91"), D("128.01"), D("19.61"), D("21.94"))
                ),
            ),
        ),
        Chart(
            number="图7",
            title="“三公”经费财政拨款支出结构",
            kind="饼状图",
            labels=("因公出国（镜）", "公务用车购置费", "公务用车运行维护费", "公务接待费"),
            series=(
                ChartSeries(name="列1", values=(D(0), D("7.41"))),
                ChartSeries(name="(cached)", values=(D(0), D("0.19"), D("0.15"))),
            ),
        ),
    ]
    return FinalAccounts(
        department="凉山州科学技术协会",
        year=2023,
        income=[
            IncomeLine(
                source=FundingSource.GENERAL_BUDGET_APPROPRIATION,
                amount=wan("874.05"),
                share_percent=D("100"),
            ),
            *[
                IncomeLine(source=src, amount=wan("0"), share_percent=D("0"))
                for src in (
                    FundingSource.GOVERNMENT_FUND_APPROPRIATION,
                    FundingSource.STATE_CAPITAL_APPROPRIATION,
                    FundingSource.HIGHER_LEVEL_SUBSIDY,
                    FundingSource.BUSINESS_INCOME,
                    FundingSource.OPERATING_INCOME,
                    FundingSource.AFFILIATE_REMITTANCE,
                    FundingSource.OTHER_INCOME,
                )
            ],
        ],
        income_total=wan("874.05"),
        expenditure_total=wan("874.05"),
        grand_total=wan("874.05"),
        previous_grand_total=wan("877.47"),
        initial_budget_total=wan("614.51"),
        general_budget_expenditure=wan("874.05"),
        basic=wan("468.99"),
        project=wan("405.06"),
        personnel=wan("417.82"),
        public=wan("51.17"),
        functional_lines=[
            *[ExpenditureLine(functional_code=c, name=n, amount=wan(a)) for c, n, a, _ in classes],
            *[
                ExpenditureLine(functional_code=c, name=n, amount=wan(a), category=k)
                for c, n, a, k in items
            ],
        ],
        three_public=ThreePublicExpenses(
            outbound=wan("0"),
            vehicle_purchase=wan("0"),
            vehicle_operation=wan("7.41"),
            reception=wan("0.19"),
            domestic_reception=wan("0.19"),
            foreign_reception=wan("0"),
            reported_vehicle_total=wan("7.41"),
            reported_total=wan("7.6"),
        ),
        previous_three_public_total=wan("56.79"),
        operating_expenses=wan("51.17"),
        previous_operating_expenses=wan("49.33"),
        statements=statements,
        charts=charts,
        source=SourceRef(
            file=SEED_002, section="第二部分 2023年度部门决算情况说明; 第五部分 附表 图1–图7"
        ),
    )


def liangshan_department() -> DepartmentEvaluation:
    note_max = (
        "maximum not printed: inferred from 97 = 27 + 20 + 30 + 14 + 6 and "
        "'总体扣分3分' (all deductions fall in 部门预算总体绩效)"
    )
    return DepartmentEvaluation(
        department="凉山州科学技术协会",
        year=2023,
        dimensions=[
            Dimension(
                name="部门预算总体绩效",
                weight=D(30),
                reported_score=D(27),
                note="资金支付前期较缓慢、支出经济科目在预算编制和实际支出决算上存在一定的差异…因此以上自评共扣分3分，得分27分。",
            ),
            Dimension(
                name="部门预算项目绩效",
                weight=D(20),
                reported_score=D(20),
                note="财政重点评价的特定目标类项目平均分按20%换算",
            ),
            Dimension(name="专项预算绩效", weight=D(30), reported_score=D(30)),
            Dimension(
                name="绩效结果应用",
                weight=D(14),
                reported_score=D(14),
                weight_inferred=True,
                note=note_max,
            ),
            Dimension(
                name="自评质量",
                weight=D(6),
                reported_score=D(6),
                weight_inferred=True,
                note=note_max,
            ),
        ],
        reported_total=D(97),
        framework="2023年凉山州部门预算绩效评价指标体系",
        source=SourceRef(
            file=SEED_002, section="第四部分 附件1-1 2023年整体支出绩效评价自评报告 三、四"
        ),
    )


# -- 000 河池 2020 ------------------------------------------------------------------------


def hechi() -> Batch:
    doc = ProjectEvaluation(
        name="学术交流活动经费",
        year=2020,
        department="河池市科学技术协会",
        implementing_unit="河池市科学技术协会",
        layout="guangxi-2020",
        goals="1.建设专家智库 2.开展科技工作者建议活动",
        goals_completion="均达到预期目标",
        summary=(
            "1.通过对科技专家进行分类，扩大推荐人选完善人员构成，加强了联系和服务不同学科、领域科技工作者。"
            "优化了科技工作者状况调查站点设置。\n2.通过编印《科技工作者建议》简报，供市委、市政府和有关部门作决策参考。"
        ),
        reported_total=D(100),
        reported_grade=Grade.parse("优秀"),
        project_leaders=("杨哲",),
        level_funding=[
            LevelFunding(level=GovernmentLevel.CENTRAL, label="中央财政"),
            LevelFunding(level=GovernmentLevel.PROVINCE, label="自治区财政"),
            LevelFunding(
                level=GovernmentLevel.CITY, label="市县财政", planned=wan("4"), in_place=wan("4")
            ),
            LevelFunding(level=None, label="其它"),
        ],
        economic_lines=[
            EconomicLine(
                economic_code="302", name="商品和服务支出", amount=wan("4"), planned=wan("4")
            )
        ],
        source=SourceRef(file="000_b51ef7a763712646.txt", section="项目单位自评基本情况表"),
    )
    return Batch(
        name="hechi-2020",
        title="河池市科协 2020年学术交流活动经费 预算支出项目绩效自评报告",
        documents=(doc,),
        source=SourceRef(file="000_b51ef7a763712646.txt"),
        notes=(
            "计划安排资金 4 and 实际到位资金 4 (万元) are printed as totals; only 市县财政 carries "
            "figures, so the totals are the 市县财政 rows. 实际支出（万元） is blank in the table; "
            "支出合计 4/4 is kept on the economic line.",
        ),
    )


# -- 003 韶关 2019 ------------------------------------------------------------------------


def shaoguan() -> Batch:
    source = "003_a553ab9bd1ee855c.txt"
    department = DepartmentEvaluation(
        department="韶关市科学技术协会",
        year=2019,
        dimensions=[
            Dimension(
                name="预算编制",
                weight=D(30),
                reported_score=D(30),
                note="指标分值 30 分，自评得分 30 分，得分率 100%。",
            ),
            Dimension(
                name="预算执行",
                weight=D(40),
                reported_score=D(40),
                note="指标分值 40 分，自评得分 40 分，得分率 100%。",
            ),
            Dimension(
                name="预算使用效益",
                weight=D(30),
                reported_score=D(30),
                note="指标分值 30 分,自评得分 30 分,得分率 100%。",
            ),
        ],
        reported_total=None,
        framework="《部门整体支出绩效评价评分表》（韶财绩[2020]1号）",
        source=SourceRef(file=source, section="第二部分 绩效自评情况（二）自评结论"),
    )
    accounts = FinalAccounts(
        department="韶关市科学技术协会",
        year=2019,
        expenditure_total=wan("509.10"),
        basic=wan("371.97"),
        project=wan("137.13"),
        economic_lines=[
            EconomicLine(economic_code="301", name="工资福利支出", amount=wan("280.41")),
            EconomicLine(economic_code="302", name="商品和服务支出", amount=wan("167.33")),
            EconomicLine(economic_code="303", name="对个人和家庭的补助", amount=wan("58.47")),
            EconomicLine(economic_code="310", name="资本性支出", amount=wan("2.89")),
        ],
        source=SourceRef(file=source, section="第一部分 四、部门整体支出情况"),
    )
    return Batch(
        name="shaoguan-2019",
        title="韶关市科协 2019年部门整体支出绩效自评报告",
        documents=(department, accounts),
        source=SourceRef(file=source),
        notes=(
            "The report states no overall total; the three dimension scores are printed.",
            "资本性支出 is given without a code; 310 is the 部门预算 economic class of that name.",
        ),
    )


# -- 004 资阳 2022 ------------------------------------------------------------------------


def ziyang() -> Batch:
    source = "004_84db311f1cb11e2c.txt"

    def row(level1: str, level2: str, name: str, target: str, actual: str) -> Indicator:
        comparator, measure = parse_measure(target)
        _, done = parse_measure(actual)
        assert measure is not None
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            comparator=comparator,
            target=measure,
            actual=done,
            weight=D(10),
            reported_score=D(10),
        )

    out, effect = "产出指标(50分)", "效益指标（40分）"
    doc = ProjectEvaluation(
        name="科普宣传与科普活动",
        year=2022,
        department="益阳市科学技术协会",
        implementing_unit="益阳市资阳区科学技术协会",
        layout="national",
        goals="组织开展全国科技工作者日活动和全国科普日系列活动，积极参加科学素质网络比赛，努力提高科普中国传播量，提高科普化信息建设。",
        goals_completion="已按时完成。",
        budget=BudgetBlock(
            rows=[
                FundRow(
                    category="年度资金总额",
                    initial_budget=wan("43"),
                    adjusted_budget=wan("43"),
                    executed=wan("28"),
                    reported_rate_percent=D("100"),
                ),
                FundRow(category="其中：当年财政拨款", executed=wan("28")),
                FundRow(category="上年结转资金"),
                FundRow(category="其他资金"),
            ],
            weight=D(10),
            reported_score=D(100),
        ),
        indicators=[
            row(out, "数量指标", "组织科普宣传活动", "≥5次", "\u300012次"),
            row(out, "数量指标", "科普中国传播量", "≥100万", "\u3000231万"),
            row(out, "质量指标", "全国科普日活动组织管理", "100分", "\u3000100%"),
            row(out, "时效指标", "各项任务按期完成率", "2023年12月31日前", "\u3000100%"),
            row(out, "成本指标", "区级科学普及拨付经费", "28万", "\u3000100%"),
            row(effect, "经济效益指标", "推动我区经济高质量发展", "持续提升", "\u3000100%"),
            row(effect, "社会效益指标", "对科学的兴趣", "逐步渗透到大多数人", "\u3000100%"),
            row(
                effect,
                "生态效益指标",
                "居民养成低碳生活、节能减排的科学生活方式，工农业注重环保绿色生产",
                "逐年提升",
                "\u3000100%",
            ),
            row(effect, "可持续影响指标", "助力全区公民科学素质提升", "逐年提升", "\u3000100%"),
            row(effect, "服务对象满意度指标", "社会公众对科普工作满意度", "≥90%", "\u3000100%"),
        ],
        reported_total=None,
        reported_grade=Grade.parse("优秀等次"),
        source=SourceRef(file=source, section="附件：2022年度项目支出绩效自评表"),
    )
    return Batch(
        name="ziyang-2022",
        title="益阳市资阳区科协 2022年度科普专项经费绩效自评报告",
        documents=(doc,),
        source=SourceRef(file=source),
        notes=(
            "总分 row prints only the maximum (100分); the report's text gives the grade 优秀等次 "
            "and no total score.",
            "年度资金总额: 年初 43, 全年预算 43, 执行 28, printed 执行率 100% and 得分 100 on a "
            "10-point row; the narrative says 预算资金28万元, 到位28万元.",
        ),
    )


def main(seeds: Path) -> None:
    text = (seeds / SEED_002).read_text(encoding="utf-8")
    projects = liangshan_projects(text)
    liangshan = Batch(
        name="liangshan-2023",
        title="凉山州科学技术协会 2023年度部门决算（含部门整体绩效自评与21张项目支出绩效自评表）",
        documents=(liangshan_final_accounts(), liangshan_department(), *projects),
        source=SourceRef(file=SEED_002),
        notes=(
            "The 项 lines are those the narrative lists (14); 221 has only its 类 total (25.74) there.",
            "Project tables are transcribed cell by cell; blank cells are None, '/' weights are "
            "absent, text keeps the report's own wording (bookmark markers of the Word "
            "conversion removed).",
            "Table 11's 社会效益 row is broken in two in the text; its cells are joined.",
            "previous_three_public_total (56.79) and previous_operating_expenses (49.33) are not "
            "printed: they are what the report's own sentences imply (7.6 + 49.19; 51.17 − 1.84).",
        ),
    )
    OUT.mkdir(parents=True, exist_ok=True)
    fixtures = OUT.parent.parent.parent.parent / "tests" / "fixtures" / "liangshan-2023"
    fixtures.mkdir(parents=True, exist_ok=True)
    for number, table in RAW_CSV.items():
        with (fixtures / f"table-{number:02d}.csv").open(
            "w", encoding="utf-8", newline=""
        ) as handle:
            csv.writer(handle, lineterminator="\n").writerows(table)
    for batch in (liangshan, hechi(), shaoguan(), ziyang()):
        path = OUT / f"{batch.name}.json"
        path.write_text(dumps(batch), encoding="utf-8")
        print(f"wrote {path.name}: {len(batch.documents)} documents")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
