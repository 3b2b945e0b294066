"""Department-level formulas (部门整体支出绩效评价指标计算公式) and step-scored rules.

The formulas of the national framework (财预〔2013〕53号) are data: each names its inputs,
and :func:`department_rate` evaluates one exactly::

    >>> department_rate("staff_control_rate", {"在职人员数": 16, "编制数": 17}).percent(2)
    Decimal('94.12')
    >>> department_rate("three_public_change_rate",
    ...                 {"本年三公经费总额": Decimal("7.6"), "上年三公经费总额": Decimal("56.79")}).percent(2)
    Decimal('-86.62')

Leaves of a department score tree may be scored by a step rule (S10: each percentage point
above the threshold deducts 10 % of the weight)::

    >>> evaluate_dimension_rule("staff_control_rate", Decimal(1),
    ...                         {"在职人员数": Decimal(18), "编制数": Decimal(17)})
    (Decimal('0.41...'), '0.41... = 1 − (105.88... − 100) × 0.1 × 1')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.errors import RuleError
from budgetperf.explanations import TEMPLATES
from budgetperf.model import _fields as f
from budgetperf.rates import RATE_CONTEXT as _EXACT
from budgetperf.rates import NotApplicable, Quantity, Rate, change, ratio

__all__ = [
    "FORMULAS",
    "STEP_RULES",
    "DepartmentFormula",
    "StepRule",
    "department_rate",
    "evaluate_dimension_rule",
]


@final
@attrs.frozen(slots=True, kw_only=True)
class DepartmentFormula:
    """A rate of the department framework (部门整体指标公式).

    Attributes:
        name: identifier.
        chinese: the indicator's Chinese name.
        numerator: the input divided (or the current value of a change rate).
        denominator: the input divided by (or the previous value of a change rate).
        is_change: True for 变动率 = (current − previous) ÷ previous.
        source: where the formula is stated.
    """

    name: str
    chinese: str
    numerator: str
    denominator: str
    is_change: bool = False
    source: str = "财预〔2013〕53号 部门整体支出绩效评价共性指标体系框架 (recalled)"


_S11 = "department budget-management scoring table (结转结余率, 暂存/暂付款率; locality unknown)"


def _f(
    name: str,
    chinese: str,
    numerator: str,
    denominator: str,
    *,
    change_rate: bool = False,
    source: str | None = None,
) -> DepartmentFormula:
    extra = {"source": source} if source else {}
    return DepartmentFormula(
        name=name,
        chinese=chinese,
        numerator=numerator,
        denominator=denominator,
        is_change=change_rate,
        **extra,
    )


FORMULAS: Final[Mapping[str, DepartmentFormula]] = {
    f.name: f
    for f in (
        _f(
            "staff_control_rate",
            "在职人员控制率",
            "在职人员数",
            "编制数",
            source="财预〔2013〕53号; confirmed by a reposted scoring guide",
        ),
        _f(
            "three_public_change_rate",
            "“三公经费”变动率",
            "本年三公经费总额",
            "上年三公经费总额",
            change_rate=True,
            source="财预〔2013〕53号; confirmed by a reposted scoring guide",
        ),
        _f(
            "reception_change_rate",
            "公务招待费变动率",
            "本年公务招待费",
            "上年公务招待费",
            change_rate=True,
        ),
        _f(
            "vehicle_change_rate",
            "公务用车购置运行费变动率",
            "本年公务用车购置运行费",
            "上年公务用车购置运行费",
            change_rate=True,
        ),
        _f("key_spending_rate", "重点支出安排率", "重点项目支出", "项目总支出"),
        _f("budget_completion_rate", "预算完成率", "预算完成数", "预算数"),
        _f("budget_adjustment_rate", "预算调整率", "预算调整数", "预算数"),
        _f("payment_progress_rate", "支付进度率", "实际支付进度", "既定支付进度"),
        _f("carryover_rate", "结转结余率", "结转结余总额", "预算数"),
        # A department budget-management scoring table (locality unknown) divides by what
        # was spent rather than by the budget; both readings are kept.
        _f(
            "carryover_rate_of_spending",
            "结转结余率（按支出完成数）",
            "本年结转结余总额",
            "本年一般公共预算支出完成数",
            source=_S11,
        ),
        _f(
            "spending_completion_rate",
            "一般公共预算支出实际完成率",
            "一般公共预算支出完成数",
            "年初预算数",
            source=_S11,
        ),
        _f(
            "payables_rate",
            "应付账款（暂存款）率",
            "本年应付账款",
            "本年支出完成数",
            source=_S11,
        ),
        _f(
            "receivables_rate",
            "应收账款（暂付款）率",
            "本年应收账款",
            "本年支出完成数",
            source=_S11,
        ),
        _f(
            "carryover_change_rate",
            "结转结余变动率",
            "本年累计结转结余",
            "上年累计结转结余",
            change_rate=True,
        ),
        _f("public_funds_control_rate", "公用经费控制率", "实际支出公用经费", "预算安排公用经费"),
        _f(
            "three_public_control_rate",
            "“三公经费”控制率",
            "三公实际支出数",
            "三公预算安排数",
            source="财预〔2013〕53号; printed in the 2023 Sichuan 运转类 template",
        ),
        _f("procurement_execution_rate", "政府采购执行率", "实际政府采购金额", "政府采购预算数"),
        _f(
            "fixed_asset_utilization_rate",
            "固定资产利用率",
            "实际在用固定资产总额",
            "所有固定资产总额",
        ),
        _f("completion_rate", "实际完成率", "实际完成工作数", "计划工作数"),
        _f("timeliness_rate", "完成及时率", "及时完成实际工作数", "计划工作数"),
        _f("quality_rate", "质量达标率", "质量达标实际工作数", "计划工作数"),
        _f("key_task_rate", "重点工作办结率", "重点工作实际完成数", "交办或下达数"),
    )
}
"""The department framework's rates by name."""


def department_rate(name: str, inputs: Mapping[str, Quantity]) -> Rate | NotApplicable:
    """Evaluate the formula ``name`` on ``inputs`` (keyed by the formula's Chinese input names).

    Raises:
        RuleError: unknown formula or a missing input.
    """
    formula = FORMULAS.get(name)
    if formula is None:
        raise RuleError(
            "未知的部门指标公式",
            "unknown department formula",
            field="rule",
            value=name,
            expected=", ".join(sorted(FORMULAS)),
        )
    missing = [key for key in (formula.numerator, formula.denominator) if key not in inputs]
    if missing:
        raise RuleError(
            "公式缺少输入",
            "formula input missing",
            field=name,
            value=missing,
            expected=f"{formula.numerator} and {formula.denominator}",
        )
    top, bottom = inputs[formula.numerator], inputs[formula.denominator]
    if formula.is_change:
        return change(bottom, top).ratio
    return ratio(top, bottom)


@final
@attrs.frozen(slots=True, kw_only=True)
class StepRule:
    """Full marks up to a threshold; each percentage point above deducts a share of the weight.

    Attributes:
        formula: the DepartmentFormula it scores.
        threshold: the rate (as a fraction) up to which the score is full (1 = 100 %, 0 = 0 %).
        deduction_per_point: the share of the weight lost per percentage point above.
        source: where the step rule is stated.
    """

    formula: str
    threshold: Decimal = attrs.field(validator=f.finite_decimal)
    deduction_per_point: Decimal = attrs.field(validator=f.finite_decimal)
    source: str = (
        "reposted 部门整体支出绩效评价指标 scoring guide (low trust; matches 财预〔2013〕53号)"
    )


STEP_RULES: Final[Mapping[str, StepRule]] = {
    "staff_control_rate": StepRule(
        formula="staff_control_rate", threshold=Decimal(1), deduction_per_point=Decimal("0.1")
    ),
    "three_public_change_rate": StepRule(
        formula="three_public_change_rate", threshold=Decimal(0), deduction_per_point=Decimal("0.1")
    ),
    "reception_change_rate": StepRule(
        formula="reception_change_rate", threshold=Decimal(0), deduction_per_point=Decimal("0.1")
    ),
}
"""Step-scored department rules by name (S10: 1 point, 3 points, 2 points; 10 % per point)."""


def evaluate_dimension_rule(
    name: str, weight: Decimal, inputs: Mapping[str, Decimal]
) -> tuple[Decimal | None, str]:
    """Score a rule-scored leaf: (score or None, explanation).

    Raises:
        RuleError: unknown rule or missing input.
    """
    step = STEP_RULES.get(name)
    if step is None:
        raise RuleError(
            "未知的维度计分规则",
            "unknown dimension rule",
            field="rule",
            value=name,
            expected=", ".join(sorted(STEP_RULES)),
        )
    formula = FORMULAS[step.formula]
    rate = department_rate(step.formula, inputs)
    if isinstance(rate, NotApplicable):
        previous = inputs.get(formula.denominator)
        current = inputs.get(formula.numerator)
        if formula.is_change and previous == 0 and current is not None:
            # The rule scores "变动率 ≤ 0" in full and deducts per point above: from 0 to 0
            # nothing rose; from 0 upward the rise exceeds any number of points.
            if current <= 0:
                return weight, TEMPLATES["step.full_no_rise"].zh(
                    W=_plain(weight), current=_plain(current)
                )
            return Decimal(0), TEMPLATES["step.unbounded"].zh(current=_plain(current))
        return None, rate.explain()
    over_points = _EXACT.multiply(_EXACT.subtract(rate.value, step.threshold), 100)
    if over_points <= 0:
        return (
            weight,
            TEMPLATES["step.full"].zh(
                W=_plain(weight),
                rate=_plain(rate.value * 100),
                threshold=_plain(step.threshold * 100),
            ),
        )
    deduction = _EXACT.multiply(_EXACT.multiply(over_points, step.deduction_per_point), weight)
    score = max(Decimal(0), _EXACT.subtract(weight, deduction))
    return score, TEMPLATES["step.deducted"].zh(
        value=_plain(score),
        W=_plain(weight),
        rate=_plain(rate.value * 100),
        threshold=_plain(step.threshold * 100),
        step=_plain(step.deduction_per_point),
    )


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
