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
        "budget.over_execution": "{row}：执行数 {reported} 超过预算数 {budget}，执行率 {rate}%",
        "budget.spent_without_budget": "{row}：预算数为0，却有执行数 {reported}",
        "budget.score_missing": "预算执行得分未填，按规则 {rule} 应为 {expected}",
        "indicator.score_missing": "“{label}”得分未填，按规则 {rule} 应为 {expected}",
        "indicator.note_missing": "“{label}”未达到指标值（{rule}），未填写偏差原因",
        "indicator.reverse_quantity": "数量指标“{label}”用 {reported} 作指标性质，数量指标通常应为正向（≥）",
        "indicator.unit_mismatch": "“{label}”完成值单位“{reported}”与指标值单位“{expected}”不可比，无法按规则计分",
        "total.above_maximum": "按规则计算的合计 {reported} 超过满分 {expected}（{rule}）",
        "grade.not_gradable": "满分合计 {reported}，{rules} 规则的等级分档按 {expected} 分制，且未规定折算办法，不评定等级",
        "indicators.weight_sum": "绩效指标权重合计 {reported}，应为 {expected}",
        "indicators.weight_missing": "{reported} 行指标没有可读的分值，未核对权重合计",
        "table.incomplete": "表格不完整（没有合计/总分行，疑为截断），未核对权重合计与一级指标分值",
        "indicators.level1_weight": "一级指标“{label}”下各指标权重合计 {reported}，与标注的 {expected} 分不符",
        "indicators.level2_weight": "一级指标“{level1}”下二级指标“{label}”所含各指标权重合计 {reported}，与标注的 {expected} 分不符",
        "indicators.layout": "一级指标“{label}”的权重合计 {reported}，{rules} 规则的标准版式为 {expected}",
        "indicator.cost_level": "“{label}”是成本指标，{rules} 版式中成本指标应为一级指标，表中列在“{reported}”下",
        "indicator.converted_score": "“{label}”折算得分 {reported}，按权重占比 {share}% × 得分 {score} 应为 {expected}",
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
        "functional.unknown_code": "功能分类科目 {reported} 不存在：任何年度的科目表都没有 {prefix} 类",
        "functional.unknown_code.listed": "功能分类科目 {reported} 不存在：科目表完整收录了 {parent}（{parent_name}）的下级科目，其中没有它",
        "functional.unknown_code.not_covered": "功能分类科目 {reported} 不在随附的 {year} 年科目表中：{ancestor}（{ancestor_name}，可信度 {confidence}）下只收录了 {known} 个科目；可用 budgetperf classification import 导入官方版本",
        "functional.unknown_code.other_year": "功能分类科目 {reported} 适用于 {years} 年，不适用于本文件的 {year} 年",
        "functional.name": "科目 {item} 写作“{reported}”，{year} 年的科目名称为“{expected}”（可信度 {confidence}，来源：{sources}）",
        "functional.name.unconfirmed": "科目 {item} 写作“{reported}”，随附科目表 {year} 年的名称为“{expected}”，但该名称的可信度仅为 {confidence}（来源：{sources}），故不作警告",
        "functional.name.alias": "科目 {item} 写作“{reported}”，这是旧称；{year} 年的科目名称为“{expected}”",
        "statement.share": "{subject}：文中写 {reported}%，按 {figure} ÷ {base} 应为 {expected}%",
        "statement.change_amount": "{subject}：文中写变动 {reported}，按本年 {figure} 与上年 {base} 应为 {expected}",
        "statement.direction": "{subject}：文中写“{reported}”，按本年与上年数应为“{expected}”",
        "statement.change_percent": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%",
        "statement.change_percent.current_base": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%；文中数字是以本年数 {current} 为基数算出的",
        "statement.change_percent.ratio": "{subject}：文中写{direction}{reported}%，按变动额 ÷ 上年数 {previous} 应为 {expected}%；文中数字是比值 {ratio} 未乘以100",
        "statement.score_range": "{subject}：文中得分 {reported} 分，超出 {expected} 分的范围",
        "statement.grade": "{subject}：文中等级“{reported}”，得分 {score} 分按规则 {rules}（{bands}，以 {graded} 分定级）应为“{expected}”",
        "statement.direction_words": "{subject}：变动额写“{expected}”，变动率却写“{reported}”，方向互相矛盾",
        "statement.unchanged": "{subject}：文中写“{reported}”，但本年 {figure} 与比较数 {expected} 不同",
        "statement.parts_exceed": "{subject}：列出的部分之和 {reported} 已超过总数（应 {expected}）",
        "statement.parts_partial": "{subject}：总数 {expected}，文中只列出部分构成项（合计 {reported}），未全部列示，不作加总检查",
        "statement.forced_hundred": "{subject}：各项占比合计恰为 {reported}%，但有的占比与按金额计算的不符（{expected}），疑为凑成100%",
        "procurement.order": "{part} {reported} 超过{whole}（应 {expected}）：前者是后者的一部分",
        "statement.change_sum": "{subject}：文中写变动 {reported}，各组成部分的变动之和为 {expected}",
    }
)
"""Every check's message template by key."""
