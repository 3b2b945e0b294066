"""Realistic synthetic batches (合成数据) for tests and benchmarks, from a seed.

Departments have projects; each project is a self-evaluation in the Sichuan layout with
5–12 indicators whose weights add up to 90, a budget block, reported scores and a total —
and a few percent of them are wrong in the ways the founding reports are wrong: a total
that is not the sum of its rows, a score above its weight, an execution rate printed as
100 % for partial execution, a satisfaction deduction with a note, a time indicator naming
the wrong year, a blank actual. The same seed gives the same batch::

    >>> docs = list(generate(3, seed=7))
    >>> [len(d.indicators) for d in docs] == [len(d.indicators) for d in generate(3, seed=7)]
    True
    >>> all(sum(i.weight for i in d.indicators) == 90 for d in docs)
    True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from budgetperf.model.evaluation import BudgetBlock, ProjectEvaluation
from budgetperf.model.funding import FundRow
from budgetperf.model.indicators import Comparator, Indicator, Measure
from budgetperf.model.project import ProjectCategory, ProjectCode
from budgetperf.money import Amount, Unit
from budgetperf.rates import RATE_CONTEXT

__all__ = ["MISTAKES", "generate"]

MISTAKES: Final = (
    "total_not_sum",
    "score_above_weight",
    "rate_printed_100",
    "discretionary_deduction",
    "time_wrong_year",
    "actual_missing",
)
"""The kinds of mistake the generator plants, as seen in the founding reports."""

_ROWS: Final = (
    ("产出指标", "数量指标", "组织开展活动次数", Comparator.GE, "次"),
    ("产出指标", "数量指标", "培训人数", Comparator.GE, "人"),
    ("产出指标", "质量指标", "活动合格率", Comparator.GE, "%"),
    ("产出指标", "时效指标", "{year}年1-12月完成", Comparator.LE, "年"),
    ("成本指标", "经济成本指标", "年度工作经费", Comparator.LE, "万元"),
    ("效益指标", "社会效益指标", "受益群众人次", Comparator.GE, "万人次"),
    ("效益指标", "可持续影响指标", "持续影响年限", Comparator.GT, "年"),
    ("效益指标", "经济效益指标", "带动产值", Comparator.GE, "万元"),
    ("产出指标", "数量指标", "发放覆盖率", Comparator.EQ, "%"),
    ("产出指标", "质量指标", "资料归档率", Comparator.GE, "%"),
    ("效益指标", "生态效益指标", "节能宣传覆盖率", Comparator.GE, "%"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", Comparator.GE, "%"),
)


def _weights(count: int, rng: random.Random) -> list[Decimal]:
    """``count`` weights in steps of 5 that add up to 90."""
    units = [1] * count  # every indicator gets at least 5 points
    for _ in range(18 - count):
        units[rng.randrange(count)] += 1
    return [Decimal(5 * u) for u in units]


def _wan(cents: int) -> Amount:
    return Amount(Decimal(cents).scaleb(-2), Unit.WAN_YUAN)


def generate(
    count: int, *, seed: int = 0, mistake_rate: Decimal = Decimal("0.03"), year: int = 2023
) -> Iterator[ProjectEvaluation]:
    """``count`` project self-evaluations, lazily, reproducible from ``seed``.

    ``mistake_rate`` is the share of documents that carry one planted mistake.
    """
    rng = random.Random(seed)
    threshold = int(mistake_rate * 10_000)
    for number in range(count):
        department = f"第{number // 25 + 1}部门"
        n = rng.randint(5, 12)
        picks = [*rng.sample(range(len(_ROWS) - 1), n - 1), len(_ROWS) - 1]  # satisfaction last
        weights = _weights(n, rng)
        mistake = (
            MISTAKES[rng.randrange(len(MISTAKES))] if rng.randrange(10_000) < threshold else ""
        )
        indicators = []
        for index, (pick, weight) in enumerate(zip(picks, weights, strict=True)):
            level1, level2, name, comparator, unit = _ROWS[pick]
            target = Decimal(rng.choice((1, 3, 5, 10, 20, 50, 90, 95, 100, 148)))
            if comparator is Comparator.LE:
                actual = target if rng.randrange(100) < 90 else target + 1
            else:
                actual = (
                    target
                    if rng.randrange(100) < 80
                    else target - rng.randint(0, int(target) // 10)
                )
            score = (
                weight
                if actual >= target or (comparator is Comparator.LE and actual <= target)
                else (
                    (RATE_CONTEXT.divide(actual * weight, target)).quantize(
                        Decimal("0.01"), rounding=ROUND_HALF_UP
                    )
                )
            )
            if comparator is Comparator.LE and actual > target:
                score = (RATE_CONTEXT.divide(target * weight, actual)).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP
                )
            # A clean table explains every missed target, as the forms require.
            missed = actual > target if comparator is Comparator.LE else actual < target
            note = "受客观因素影响，未完全达到目标。" if missed else ""
            text = name.format(year=year)
            is_last = index == n - 1
            if mistake == "time_wrong_year" and "{year}" in name:
                text = name.format(year=year - 1)
            if mistake == "discretionary_deduction" and is_last:
                actual, score, note = target - 5, weight - 1, "满意度未达设定目标。扣1分。"
            actual_measure: Measure | None = Measure(text=str(actual), value=actual, unit="")
            if mistake == "actual_missing" and is_last:
                actual_measure = None
            if mistake == "score_above_weight" and is_last:
                score = weight * 2
            indicators.append(
                Indicator(
                    level1=level1,
                    level2=level2,
                    name=text,
                    comparator=comparator,
                    target=Measure(text=str(target), value=target, unit=""),
                    unit=unit,
                    actual=actual_measure,
                    weight=weight,
                    reported_score=score,
                    deviation_note=note,
                )
            )
        budget_cents = rng.randint(10_000, 50_000_000)
        executed_cents = (
            budget_cents
            if rng.randrange(100) < 85
            else rng.randint(budget_cents // 2, budget_cents)
        )
        rate = RATE_CONTEXT.divide(Decimal(executed_cents * 100), Decimal(budget_cents)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        budget_score = RATE_CONTEXT.divide(
            Decimal(executed_cents * 10), Decimal(budget_cents)
        ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if mistake == "rate_printed_100":
            rate = Decimal("100.00")
        total_row = FundRow(
            category="总额",
            initial_budget=_wan(budget_cents),
            adjusted_budget=_wan(budget_cents),
            executed=_wan(executed_cents),
            reported_rate_percent=rate,
        )
        block = BudgetBlock(
            rows=(
                total_row,
                FundRow(
                    category="其中：财政资金",
                    initial_budget=_wan(budget_cents),
                    adjusted_budget=_wan(budget_cents),
                    executed=_wan(executed_cents),
                    reported_rate_percent=rate,
                ),
            ),
            weight=Decimal(10),
            reported_score=budget_score,
            reason="" if executed_cents * 10 >= budget_cents * 9 else "项目延期，部分资金未支付。",
        )
        total = budget_score + sum((i.reported_score or Decimal(0) for i in indicators), Decimal(0))
        if mistake == "total_not_sum":
            total += 10
        category = rng.choice(list(ProjectCategory))
        yield ProjectEvaluation(
            name=f"合成项目{number + 1}",
            year=year,
            department=department,
            implementing_unit=department,
            layout="sichuan-2023",
            code=ProjectCode(
                division="513400",
                entry_year=year - rng.randint(0, 2),
                category=category,
                serial=f"{number + 1:012d}",
            ),
            budget=block,
            indicators=tuple(indicators),
            reported_total=total,
        )
