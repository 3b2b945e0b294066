"""The national forms of 财预〔2020〕10号 (全国通用版式)."""

from __future__ import annotations

from decimal import Decimal

from budgetperf.layouts._types import FormKind, Layout
from budgetperf.layouts._vocabulary import BUDGET, INDICATORS, budget, head, indicators

_SOURCE = (
    "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）附件1 项目支出绩效自评表; "
    "the 10 + 90 points split is the form's own (预算执行率 10 分)"
)
_OTHERS_MARKS = ("指标性质", "度量单位", "权重占比", "折算得分", "得分计算方法", "全年实际值")

PROJECT = Layout(
    name="national",
    title="项目支出绩效自评表",
    source=_SOURCE,
    year=2020,
    region="全国",
    kind=FormKind.PROJECT,
    title_words=("项目支出绩效自评表",),
    head=head(),
    # 武汉 新洲区楚剧团's table prints 全年执行 for 全年执行数 (t-c-015).
    budget=budget(executed=(*BUDGET["executed"], "全年执行")),
    indicators=indicators(),
    excludes=_OTHERS_MARKS,
)

PROJECT_20 = Layout(
    name="national-20",
    title="项目支出绩效自评表（预算执行 20 分）",
    source=(
        "项目支出绩效自评表 as many provinces and counties publish it with the budget block "
        "scored 20 and the indicators 80 (local 填报说明; the national note gives 10)"
    ),
    year=2020,
    region="全国",
    kind=FormKind.PROJECT,
    title_words=("项目支出绩效自评表",),
    head=head(),
    budget=budget(),
    indicators=indicators(),
    excludes=_OTHERS_MARKS,
    budget_points=Decimal(20),
    indicator_points=Decimal(80),
    needs_points=True,
)

DEPARTMENT = Layout(
    name="national-department",
    title="部门整体支出绩效自评表",
    source="部门整体支出绩效自评表 as published with departmental final accounts (预算执行 10 分)",
    year=2020,
    region="全国",
    kind=FormKind.DEPARTMENT,
    title_words=("部门整体支出绩效自评表", "部门整体支出绩效自评", "整体支出绩效自评表"),
    head=head(
        部门名称="department", 单位名称="department", 部门="department", 评价依据="framework"
    ),
    budget=budget(category=("预算资金情况", "资金情况", "项目资金", "资金来源", "预算执行情况")),
    indicators=indicators(),
    excludes=("指标性质", "度量单位", "权重占比", "折算得分"),
    needs_title=True,
)

NO_WEIGHT = Layout(
    name="no-weight",
    title="绩效目标表（无分值）",
    source=(
        "tables that print targets and actuals without points (绩效目标申报表, 绩效监控表, and "
        "self-evaluations published without a 分值 column)"
    ),
    year=2020,
    region="全国",
    kind=FormKind.PROJECT,
    # 专项(项目)名称 (陕西 陈仓区, t-d-004) and 专项名称 (天津 宝坻区, t-d-007): the target tables
    # of special funds name the fund where a project's name its project; a central transfer's
    # 转移支付(项目)名称 (安徽 霍山县, t-e-004) names the transfer.
    head=head(专项名称="name", 转移支付名称="name"),
    budget=budget(required=frozenset({"executed"})),
    indicators=indicators(
        required=frozenset({"level1", "target"}),
        drop=("weight", "score"),
        # 项目支出目标申报表 (山东 临邑县, t-a-010): 一级 / 二级 / 三级 / 年度数值 / 备注.
        level1=("一级指标", "一级"),
        level2=("二级指标", "二级"),
        name=("三级指标", "三级"),
        # 甘肃's 省级部门预算项目支出绩效目标表 prints 指标目标值 (t-d-003), 福建's 专项转移支付
        # 绩效目标表 区域目标值 (t-d-005).
        # 湖南省发展改革委's 中央预算内投资绩效自评表 prints 绩效指标值 and 实现情况 (t-f-004).
        target=(*INDICATORS["target"], "年度数值", "指标目标值", "区域目标值", "绩效指标值"),
        # 大英县's report prints how far each target was met under 实施进度 (t-b-009).
        actual=(*INDICATORS["actual"], "实施进度", "实现情况"),
        note=(*INDICATORS["note"], "备注"),
    ),
    budget_order=("category", "adjusted", "executed", "rate"),
    indicator_order=("level1", "level2", "name", "target", "actual", "note"),
    # A 评(扣)分标准 column (how a missed target is deducted) is a department's 整体绩效目标表
    # (湖南 岳阳楼区, t-f-001), a form no shipped layout reads.
    excludes=("分值", "权重", "得分", "评(扣)分标准"),
    budget_points=None,
    indicator_points=Decimal(0),
)

DEPARTMENT_SCORING = Layout(
    name="department-scoring",
    title="部门整体支出绩效评价评分表",
    source=(
        "部门整体支出绩效评价 scoring tables: 一级/二级/三级 indicators with 分值 and 得分, "
        "scored by deduction against 评分标准, no targets"
    ),
    year=2020,
    region="全国",
    kind=FormKind.DEPARTMENT_SCORING,
    # 达州市农业农村局's 部门整体支出绩效评价得分表 (t-b-011), 海南's 项目绩效自评表 under its
    # section 「二、绩效评价指标评分」 (t-d-002); 部门整体支出绩效评价 names the scoring
    # framework itself (寿县's 部门整体支出绩效评价自评表, t-h-003).
    # 计分表: 南县民政局's 项目支出绩效自评指标计分表 (t-j-001).
    title_words=("评分表", "得分表", "指标评分", "部门整体支出绩效评价", "计分表"),
    head=head(),
    budget=None,
    indicators=indicators(
        # The points may be printed only in the labels (相关性(5分)) with no 分值 column, as
        # 达州市农业农村局's 部门整体支出绩效评价得分表 does.
        required=frozenset({"level1", "name", "score"}),
        drop=("target", "actual", "comparator", "unit"),
        # 自评分: 南县民政局's 自评指标计分表 (t-j-001).
        method=("评分标准", "评分细则", "指标解释", "评分方法"),
        score=("得分", "自评得分", "自评分"),
        coefficient=("得分系数",),
    ),
    indicator_order=("level1", "level2", "name", "weight", "method", "score"),
    excludes=("年度指标值", "指标值", "实际完成值", "完成值", "全年实际值", "年初目标值"),
    budget_points=None,
    indicator_points=Decimal(100),
)
