"""Aggregation over many score sheets (汇总): means and grade distribution."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import final

import attrs

from budgetperf.model.evaluation import ProjectEvaluation
from budgetperf.model.indicators import Grade
from budgetperf.money import exact
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.rules import RuleSet, get_rules
from budgetperf.scoring.score import ScoreSheet, score_project

__all__ = ["Summary", "summarize"]


@final
@attrs.frozen(slots=True, kw_only=True)
class Summary:
    """Totals over a set of project evaluations (项目自评汇总).

    Attributes:
        count: number of documents.
        scored: number with a computed total.
        mean: plain mean of the computed totals (exact; None when none).
        budget_weighted_mean: mean weighted by each project's adjusted budget (调整后预算),
            over projects that have one; None when none has.
        reported_mean: plain mean of the reported totals.
        grades: how many computed totals fall in each grade.
        sheets: the individual score sheets, in input order.
    """

    count: int
    scored: int
    mean: Decimal | None
    budget_weighted_mean: Decimal | None
    reported_mean: Decimal | None
    grades: tuple[tuple[Grade, int], ...]
    sheets: tuple[ScoreSheet, ...]


def _mean(values: list[Decimal]) -> Decimal | None:
    return RATE_CONTEXT.divide(sum(values, Decimal(0)), Decimal(len(values))) if values else None


@exact
def summarize(
    documents: Iterable[ProjectEvaluation], rules: RuleSet | str | None = None
) -> Summary:
    """Score every project and aggregate: plain and budget-weighted means, grade counts.

    >>> summarize([]).count
    0
    """
    ruleset = get_rules(rules)
    sheets: list[ScoreSheet] = []
    weighted_sum, weight_sum = Decimal(0), Decimal(0)
    for document in documents:
        sheet = score_project(document, ruleset)
        sheets.append(sheet)
        budget = document.budget.total.adjusted_budget if document.budget is not None else None
        if sheet.total is not None and budget is not None and budget.value > 0:
            weighted_sum += sheet.total * budget.to("万元").value
            weight_sum += budget.to("万元").value
    totals = [s.total for s in sheets if s.total is not None]
    reported = [s.reported_total for s in sheets if s.reported_total is not None]
    counts = dict.fromkeys(Grade, 0)
    for sheet in sheets:
        if sheet.grade is not None:
            counts[sheet.grade] += 1
    return Summary(
        count=len(sheets),
        scored=len(totals),
        mean=_mean(totals),
        budget_weighted_mean=RATE_CONTEXT.divide(weighted_sum, weight_sum) if weight_sum else None,
        reported_mean=_mean(reported),
        grades=tuple(counts.items()),
        sheets=tuple(sheets),
    )
