"""The message templates of every check (检查提示语), Chinese, with ``{placeholders}``.

Each template is also the msgid of the message catalogs (``budgetperf/locale``), so the
English text lives in ``locale/en_US/LC_MESSAGES/budgetperf.po`` and a test makes sure no
template lacks a translation.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Final

__all__ = ["MESSAGES"]

MESSAGES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "rounding": "{subject}：填报 {reported}，按填报的各项数计算为 {expected}；差异在各项数四舍五入的范围内",
        "budget.rate_without_budget": "{row}：预算数为0，执行率 {reported}% 无从计算",
        "budget.rate": "{subject}：填报执行率 {reported}%，按执行数 ÷ 预算数应为 {expected}%",
        "budget.parts_sum": "{subject}：合计 {reported}，各资金来源之和为 {expected}",
        "budget.score_above_weight": "预算执行得分 {reported} 超过权重 {weight}",
        "budget.score_differs": "预算执行得分填报 {reported}，按规则 {rule} 应为 {expected}",
        "budget.reason_missing": "预算执行率 {rate}% 低于 {threshold}%，未说明原因",
        "indicators.weight_sum": "绩效指标权重合计 {reported}，应为 {expected}",
        "indicators.level1_weight": "一级指标“{label}”下各指标权重合计 {reported}，与标注的 {expected} 分不符",
        "indicators.layout": "一级指标“{label}”的权重合计 {reported}，{rules} 规则的标准版式为 {expected}",
        "indicator.cost_level": "“{label}”是成本指标，{rules} 版式中成本指标应为一级指标，表中列在“{reported}”下",
        "indicator.duplicate": "三级指标“{name}”与第 {first} 行重复",
        "indicator.score_above_weight": "“{label}”得分 {reported} 超过权重 {weight}",
        "indicator.met_but_deducted": "“{label}”已达到指标值（{rule}），却只得 {reported} 分，未说明理由",
        "indicator.met_but_deducted.noted": "“{label}”已达到指标值（{rule}），却只得 {reported} 分，并说明了扣分理由",
        "indicator.missed_full_points": "“{label}”未达到指标值，却得满分 {reported}；按规则 {rule}",
        "indicator.score_differs": "“{label}”得分填报 {reported}，按规则 {rule}；未说明差异原因",
        "indicator.score_differs.noted": "“{label}”得分填报 {reported}，按规则 {rule}；有扣分说明，视为酌情扣分",
        "indicator.actual_missing": "“{label}”未填完成值",
        "indicator.qualitative_band": "定性指标“{label}”评为“{grade}”，得分应在 {expected} 之间，填报 {reported}",
        "indicator.time_year": "时效指标“{label}”写的是 {years} 年，评价年度为 {year} 年",
        "indicator.over_completion_note": "“{label}”完成值 {reported} 为指标值 {target} 的 {ratio} 倍，须说明偏差原因（实际完成情况超计划较大）",
        "indicator.target_too_low": "“{label}”完成值 {reported} 为指标值 {target} 的 {ratio} 倍，指标值可能设置偏低",
        "total.sum": "合计得分填报 {reported}，各行得分之和为 {expected}",
        "total.rule": "合计得分填报 {reported}，按规则计算为 {expected}（{rule}）",
        "grade.mismatch": "评价等级填报“{reported}”，按得分 {score} 应为“{expected}”",
        "dimension.score_above_weight": "“{label}”得分 {reported} 超过分值 {weight}",
        "dimension.weight_sum": "“{label}”分值 {reported}，下级分值之和为 {expected}",
        "dimension.sum": "“{label}”得分 {reported}，下级得分之和为 {expected}",
        "dimensions.weight_sum": "一级维度分值合计 {reported}，通常应为 {expected}",
        "sum": "{subject}：填报 {reported}，各组成部分之和为 {expected}",
        "income.share": "{subject}：占比填报 {reported}%，应为 {expected}%",
        "functional.unknown_code": "功能分类科目 {reported} 不在 {year} 年科目表中",
        "functional.name": "科目 {item} 写作“{reported}”，{year} 年的科目名称为“{expected}”",
        "functional.name.alias": "科目 {item} 写作“{reported}”，这是旧称；{year} 年的科目名称为“{expected}”",
        "statement.share": "{subject}：文中写 {reported}%，按 {figure} ÷ {base} 应为 {expected}%",
        "statement.change_amount": "{subject}：文中写变动 {reported}，按本年 {figure} 与上年 {base} 应为 {expected}",
        "statement.direction": "{subject}：文中写“{reported}”，按本年与上年数应为“{expected}”",
        "statement.change_percent": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%",
        "statement.change_percent.current_base": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%；文中数字是以本年数 {current} 为基数算出的",
        "statement.change_percent.ratio": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%；文中数字是比值 {ratio} 未乘以100",
        "statement.direction_words": "{subject}：变动额写“{expected}”，变动率却写“{reported}”，方向互相矛盾",
        "statement.unchanged": "{subject}：文中写“{reported}”，但本年 {figure} 与比较数 {expected} 不同",
        "statement.parts_exceed": "{subject}：列出的部分之和 {reported} 已超过总数（应 {expected}）",
        "statement.parts_partial": "{subject}：总数 {expected}，文中只列出部分构成项（合计 {reported}），未全部列示，不作加总检查",
        "statement.forced_hundred": "{subject}：各项占比合计恰为 {reported}%，但有的占比与按金额计算的不符（{expected}），疑为凑成100%",
        "statement.change_sum": "{subject}：文中写变动 {reported}，各组成部分的变动之和为 {expected}",
    }
)
"""Every check's message template by key."""
