"""Provincial forms (省级版式): each differs from the national one in a way stated here."""

from __future__ import annotations

from decimal import Decimal

from budgetperf.layouts._types import FormKind, Layout
from budgetperf.layouts._vocabulary import (
    BUDGET,
    INDICATORS,
    TWO_ROW_ORDER,
    budget,
    head,
    indicators,
)

SICHUAN = Layout(
    name="sichuan-2023",
    title="部门预算项目支出绩效自评表",
    source=(
        "四川省 部门预算项目支出绩效自评表（2023年度）, 报表编号 510000_0013zp, as published by "
        "青神县 (https://www.scqs.gov.cn/info/13206/211004.htm) and in 凉山州's 2023 决算: "
        "指标性质 and 度量单位 columns, 成本指标 as a 一级, 预算执行 10 分"
    ),
    year=2023,
    region="四川省",
    kind=FormKind.PROJECT,
    title_words=("部门预算项目支出绩效自评表",),
    head=head(),
    # 调整后预算数 where the national form prints 全年预算数 (which this form excludes).
    budget=budget(adjusted=("调整后预算数", "调整后预算")),
    indicators=indicators(),
    marks=("指标性质", "度量单位"),
    # The budget block prints 年初预算 / 调整后预算数 / 预算执行数; a table with the same
    # indicator columns under 全年预算数 is 云南's form (t-i-001).
    excludes=("权重占比", "折算得分", "公开14表", "全年预算数"),
    default_rules="sichuan-2023",
    budget_order=(
        "category",
        "initial",
        "adjusted",
        "executed",
        "rate",
        "weight",
        "score",
        "reason",
    ),
    indicator_order=TWO_ROW_ORDER,
)

YUNNAN_14 = Layout(
    name="yunnan-14",
    title="项目支出绩效自评表（公开14表）",
    source=(
        "云南省 部门决算公开 项目支出绩效自评表 (published as 公开14表): amounts in 元, "
        "年度指标值 printed in three columns (指标性质 / 指标值 / 度量单位), 全年预算数; "
        "the same form as departments publish it on their own, titled 项目支出绩效自评表 "
        "without the 公开14表 label and in 万元 (丽江 古城区 2020, t-i-001); described from "
        "published tables, no prescribing document found"
    ),
    year=2022,
    region="云南省",
    kind=FormKind.PROJECT,
    title_words=("公开14表", "公开 14 表", "项目支出绩效自评表"),
    head=head(),
    budget=budget(),
    indicators=indicators(),
    # 公开14表, or the three columns of 年度指标值 under the national budget header (全年预算数,
    # where 四川's form prints 调整后预算数).
    marks=("公开14表", "指标性质", "度量单位"),
    excludes=("调整后预算数",),
    unit="元",
    needs_title=True,
    indicator_order=TWO_ROW_ORDER,
)

CONVERGENCE = Layout(
    name="xianjie",
    title="绩效目标自评表（衔接资金、扶贫项目资金）",
    source=(
        "衔接推进乡村振兴补助资金 / 扶贫项目资金 绩效目标自评表 as counties publish them: no "
        "年初预算数, 全年预算数(A) / 全年执行数(B), 分值 printed before 年度指标值, 全年实际值"
    ),
    year=2019,
    region="全国",
    kind=FormKind.PROJECT,
    title_words=("绩效目标自评表", "衔接资金", "扶贫"),
    head=head(),
    budget=budget(),
    indicators=indicators(),
    marks=("全年实际值", "年初设定目标"),
    excludes=("年初预算数", "指标性质"),
    budget_order=("category", "adjusted", "executed", "weight", "rate", "score"),
    indicator_order=("level1", "level2", "name", "weight", "target", "actual", "score", "note"),
)

HEBEI_SHARE = Layout(
    name="hebei-weight-share",
    title="项目支出绩效自评表（权重占比、折算得分）",
    source=(
        "河北省 项目支出绩效自评表 with 权重占比 and 折算得分 (折算得分 = 权重占比 × 得分); "
        "described from the issue tracker's reading of published tables, no prescribing "
        "document found"
    ),
    year=2021,
    region="河北省",
    kind=FormKind.PROJECT,
    head=head(),
    budget=budget(),
    indicators=indicators(
        share=("权重占比",),
        converted_score=("折算得分",),
    ),
    marks=("权重占比", "折算得分"),
    excludes=("指标性质", "度量单位", "得分计算方法"),
    indicator_order=(
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "share",
        "score",
        "converted_score",
        "note",
    ),
)

SCORE_METHOD = Layout(
    name="score-method",
    title="项目支出绩效自评表（含得分计算方法）",
    source=(
        "项目支出绩效自评表 with 年初预算数(A) / 全年执行数(B) and a 得分计算方法 column (as "
        "published by Beijing districts, and by 济南 历城区 as 区级部门预算项目支出绩效自评表)"
    ),
    year=2016,
    region="北京市",
    kind=FormKind.PROJECT,
    head=head(),
    budget=budget(method=("得分计算方法",)),
    indicators=indicators(
        method=("得分计算方法", "计算方法"),
        # 济南 历城区's 区级部门预算项目支出绩效自评表 (t-c-014): 预期指标值(A) / 实际完成指标值(B).
        target=(*INDICATORS["target"], "预期指标值"),
        actual=(*INDICATORS["actual"], "实际完成指标值"),
    ),
    marks=("得分计算方法",),
    excludes=("指标性质", "度量单位", "权重占比", "折算得分"),
    budget_order=("category", "initial", "executed", "weight", "rate", "score"),
    indicator_order=(
        "level1",
        "level2",
        "name",
        "weight",
        "target",
        "actual",
        "method",
        "score",
        "note",
    ),
)

GUANGXI_UNIT = Layout(
    name="guangxi-2020",
    title="项目单位自评基本情况表",
    source=(
        "广西 项目单位自评基本情况表 (the 2020 河池 report): funds planned and in place by "
        "government level, spending by economic class, a total score and grade"
    ),
    year=2020,
    region="广西壮族自治区",
    kind=FormKind.PROJECT_UNIT,
    title_words=("项目单位自评基本情况表", "计划安排资金"),
    head=head(),
    budget=None,
    indicators=indicators(),
    marks=("计划安排资金",),
    budget_points=None,
    indicator_points=Decimal(100),
    needs_title=True,
)

CHONGQING_DEPARTMENT = Layout(
    name="chongqing-department",
    title="部门整体绩效自评表（重庆）",
    source=(
        "重庆市 部门整体绩效自评表 as published by districts: 执行率 × 执行率权重 for the budget, "
        "then one indicator list 指标名称 / 计量单位 / 指标性质 / 年初指标值 / 调整指标值 / 全年完成值 "
        "/ 得分系数 / 指标权重 / 指标得分 / 是否核心指标"
    ),
    year=2021,
    region="重庆市",
    kind=FormKind.DEPARTMENT,
    title_words=("部门整体绩效自评表",),
    head=head(自评总分="total"),
    budget=budget(
        # 部门预算执行情况: the row's label, merged at the header's left (t-b-007).
        category=("部门预算执行情况", *BUDGET["category"]),
        weight=("执行率权重",),
        score=("执行率得分", "得分"),
        adjusted=("全年(调整)预算数", "全年调整预算数", "全年预算数"),
    ),
    indicators=indicators(
        required=frozenset({"name", "weight", "score"}),
        drop=("level1", "level2"),
        name=("指标名称",),
        target=("年初指标值",),
        adjusted_target=("调整指标值",),
        actual=("全年完成值", "全年实际完成值"),
        coefficient=("得分系数",),
        weight=("指标权重",),
        score=("指标得分",),
        core=("是否核心指标",),
        # 说明: the last column of the list as 梁平区 prints it (t-c-013).
        note=(*INDICATORS["note"], "说明"),
    ),
    marks=("得分系数", "是否核心指标", "执行率权重"),
    budget_order=("category", "initial", "adjusted", "executed", "rate", "weight", "score"),
    indicator_order=(
        "name",
        "unit",
        "comparator",
        "target",
        "adjusted_target",
        "actual",
        "coefficient",
        "weight",
        "score",
        "core",
    ),
    budget_points=Decimal(10),
    indicator_points=Decimal(90),
)

TARGET_AB_20 = Layout(
    name="ab-target-20",
    title="项目自评表（预算执行 20 分，年初目标值(A) / 实际完成值(B)）",
    source=(
        "项目自评表 of city-level special funds (湖北 and others): 预算执行情况 (20 分, 得分 = "
        "20 分 × 执行率), 年度绩效目标 (80 分) with 年初目标值(A) / 实际完成值(B) / 得分 and no "
        "分值 column"
    ),
    year=2020,
    region="湖北省",
    kind=FormKind.PROJECT,
    title_words=("项目自评表",),
    head=head(),
    budget=budget(required=frozenset({"executed"}), adjusted=("预算数",)),
    indicators=indicators(
        required=frozenset({"level1", "target", "score"}),
        drop=("weight",),
        target=("年初目标值",),
        actual=("实际完成值",),
    ),
    marks=("年初目标值",),
    excludes=("分值", "权重"),
    budget_order=("category", "adjusted", "executed", "rate", "score"),
    indicator_order=("level1", "level2", "name", "target", "actual", "score", "note"),
    budget_points=Decimal(20),
    indicator_points=Decimal(80),
)
