"""The headers most forms share (通用表头), once: layouts compose theirs from these.

A form that prints a header differently adds its own synonym in its own file; nothing here
is specific to one province.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from budgetperf.layouts._types import Columns

__all__ = [
    "BUDGET",
    "FUND_ROWS",
    "GOALS",
    "GOAL_ROLES",
    "HEAD",
    "INDICATORS",
    "LEVEL1",
    "LEVEL2",
    "LEVEL2_UNDER",
    "TOTALS",
    "TWO_ROW_ORDER",
    "budget",
    "head",
    "indicators",
]

HEAD: Final = MappingProxyType(
    {
        "项目名称": "name",
        "项目编码": "code",
        "项目代码": "code",
        "主管部门": "department",
        "主管部门及代码": "department",
        "预算部门": "department",
        "部门名称": "department",
        "实施单位": "implementing_unit",
        "项目实施单位": "implementing_unit",
        "实施单位盖章": "implementing_unit",
        "项目负责人": "project_leaders",
        "项目负责人及电话": "project_leaders",
        "财务负责人": "finance_leaders",
        "综合得分": "total",
        "自评得分": "total",
        "自评等次": "grade",
        "评价等级": "grade",
        "自评等级": "grade",
        "项目实施内容及过程概述": "summary",
        "评价结论": "conclusion",
        "存在问题": "problems",
        "改进措施": "measures",
        "其他需要说明事项": "remarks",
        "其他需要说明的事项": "remarks",
    }
)

BUDGET: Final = MappingProxyType(
    {
        "category": ("项目资金", "资金来源", "资金情况", "预算执行情况", "年度预算数"),
        "initial": ("年初预算数", "年初预算"),
        "adjusted": ("全年预算数", "调整后预算数", "调整后预算", "全年预算"),
        "executed": ("全年执行数", "预算执行数", "执行数", "全年实际执行数"),
        "weight": ("分值", "权重"),
        "rate": ("执行率", "预算执行率"),
        "score": ("得分",),
        "reason": ("原因", "说明", "未完成原因"),
    }
)

INDICATORS: Final = MappingProxyType(
    {
        "level1": ("一级指标",),
        "level2": ("二级指标",),
        "name": ("三级指标",),
        "comparator": ("指标性质", "计算符号"),
        "target": ("年度指标值", "指标值", "年度目标值", "年度指标值及计量单位"),
        "unit": ("度量单位", "计量单位"),
        "actual": (
            "实际完成值",
            "完成值",
            "全年实际值",
            "全年完成值",
            "实际完成情况",
            # 阆中市's 绩效目标自评表 (t-c-006).
            "全年实际完成值",
        ),
        # 指标分值: 寿县's 部门整体支出绩效评价自评表 (t-h-003).
        "weight": ("分值", "权重", "指标分值"),
        "score": ("得分", "自评得分"),
        "note": (
            "偏差原因分析及改进措施",
            "未完成原因分析",
            "偏差原因分析",
            "未完成原因",
            "未完成原因及拟采取的改进措施",
            "偏差原因及改进措施",
            # A scoring table's reasons for the points deducted (岳阳, t-f-007).
            "扣分原因",
        ),
    }
)


def head(**extra: str) -> MappingProxyType[str, str]:
    """The shared head labels, with a form's own added (label=field)."""
    return MappingProxyType({**HEAD, **extra})


def budget(
    *, required: frozenset[str] = frozenset({"executed", "weight"}), **extra: tuple[str, ...]
) -> Columns:
    """The shared budget header, a form's own synonyms added to or replacing a field's."""
    return Columns(synonyms=MappingProxyType({**BUDGET, **extra}), required=required)


def indicators(
    *,
    required: frozenset[str] = frozenset({"level1", "weight", "score"}),
    drop: tuple[str, ...] = (),
    **extra: tuple[str, ...],
) -> Columns:
    """The shared indicator header, with a form's own columns added and others dropped."""
    synonyms = {k: v for k, v in {**INDICATORS, **extra}.items() if k not in drop}
    return Columns(synonyms=MappingProxyType(synonyms), required=required)


#: 一级指标 as forms print them (the points in brackets aside), most usual first.
LEVEL1: Final = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "项目决策",
    "项目过程",
    "项目管理",
    "项目产出",
    "项目效益",
    "项目绩效",
    "绩效指标",
)
#: 二级指标 as forms print them, most usual first.
LEVEL2: Final = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
    "社会公众或服务对象满意度指标",
    # Printed without 指标 (黄石市图书馆's 项目自评表, t-c-004).
    "经济效益",
    "社会效益",
    "生态效益",
    "环境效益",
)
#: The 二级指标 under each 一级指标 in the national framework (财预〔2020〕10号 附件1), as forms
#: print them: what tells a 一级 label printed in the middle of its rows (a merged cell's
#: text where a text layer puts it) from the next 一级.
LEVEL2_UNDER: Final = MappingProxyType(
    {
        "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
        "效益指标": (
            "经济效益指标",
            "社会效益指标",
            "生态效益指标",
            "可持续影响指标",
            "经济效益",
            "社会效益",
            "生态效益",
            "环境效益",
        ),
        "满意度指标": ("服务对象满意度指标", "满意度指标", "社会公众或服务对象满意度指标"),
        "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    }
)
#: Labels of the budget block's rows.
FUND_ROWS: Final = (
    "年度资金总额",
    "资金总额",
    # 年度总金额: the total row of Chongqing's 部门整体绩效自评表 (梁平区, t-c-013).
    "年度总金额",
    "总额",
    "其中",
    "当年财政拨款",
    "本年财政拨款",
    "财政拨款",
    "上年结转资金",
    "上年结转",
    "其他资金",
    "财政资金",
    "财政专户管理资金",
    "单位资金",
    "基本支出",
    "项目支出",
    # 下达中央预算内投资(万元): the funds of a 中央预算内投资计划绩效目标表 (天津 宝坻区, t-d-007).
    "中央预算内投资",
)
#: The rows that close a table with its total.
TOTALS: Final = ("总分", "合计", "总计", "得分合计")
#: Head labels of the goals rows, each with what the cell beside or under it holds: the
#: goals set (``goals``), what was achieved (``goals_completion``), or the block's own label
#: (``block``: 年度总体目标, the merged cell left of 预期目标 | 实际完成情况, or the goals
#: themselves where it is printed with a value and no other goals label).
GOAL_ROLES: Final = MappingProxyType(
    {
        "年度总体目标": "block",
        "预期目标": "goals",
        "实际完成情况": "goals_completion",
        "年初设定目标": "goals",
        "年度总体目标完成情况综述": "goals_completion",
        "项目年度目标": "goals",
        "年度目标完成情况": "goals_completion",
    }
)
GOALS: Final = tuple(GOAL_ROLES)

#: The columns of the forms whose 年度指标值 spans 指标性质 / 指标值 / 度量单位 (Sichuan,
#: Yunnan), in the order they print them.
TWO_ROW_ORDER: Final[tuple[str, ...]] = (
    "level1",
    "level2",
    "name",
    "comparator",
    "target",
    "unit",
    "actual",
    "weight",
    "score",
    "note",
)
