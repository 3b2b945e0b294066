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

__all__ = ["ScoreSheets", "Summary", "summarize"]


@final
@attrs.frozen(slots=True, kw_only=True)
class Summary:
    """Totals over a set of project evaluations (项目自评汇总).

    Only comparable totals are averaged: those out of the rule set's maximum (or
    normalised to it by a rule the rule set names). The others are listed in ``left_out``
    with the reason, so a table out of 110 cannot lift a mean above 100.

    Attributes:
        count: number of documents.
        scored: number with a comparable computed total (the ones averaged).
        mean: plain mean of the comparable totals (exact; None when none).
        budget_weighted_mean: mean weighted by each project's adjusted budget (调整后预算),
            over comparable projects that have one; None when none has.
        reported_mean: plain mean of the reported totals of gradable tables.
        grades: how many computed totals fall in each grade.
        sheets: the individual score sheets, in input order.
        left_out: (title, reason) of every sheet not averaged.
    """

    count: int
    scored: int
    mean: Decimal | None
    budget_weighted_mean: Decimal | None
    reported_mean: Decimal | None
    grades: tuple[tuple[Grade, int], ...]
    sheets: tuple[ScoreSheet, ...]
    left_out: tuple[tuple[str, str], ...] = ()

    @property
    def left_out_text(self) -> str:
        """How many sheets were not averaged and why, in a sentence ("" when none).

        >>> Summary(count=2, scored=1, mean=None, budget_weighted_mean=None, reported_mean=None,
        ...         grades=(), sheets=(), left_out=(("表16", "满分 120 不是 100 分"),)).left_out_text
        '另有 1 个未计入均分：表16（满分 120 不是 100 分）'
        """
        if not self.left_out:
            return ""
        items = "；".join(f"{title}（{reason}）" for title, reason in self.left_out)
        return f"另有 {len(self.left_out)} 个未计入均分：{items}"

    def __repr__(self) -> str:
        # Every sheet in full would make the repr of a large batch megabytes long.
        grades = ", ".join(f"{grade.value}={n}" for grade, n in self.grades)
        return (
            f"Summary(count={self.count}, scored={self.scored}, mean={self.mean!r}, "
            f"budget_weighted_mean={self.budget_weighted_mean!r}, "
            f"reported_mean={self.reported_mean!r}, grades=({grades}), "
            f"sheets=<{len(self.sheets)} ScoreSheet>, left_out=<{len(self.left_out)} sheets>)"
        )

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


@final
class ScoreSheets(tuple[ScoreSheet | None, ...]):
    """One score sheet per document, in order (每份文档的评分表); None for a document that is
    not scored (final accounts are checked, not scored).

    A plain tuple with a short repr and a notebook display of bounded size, so that the
    sheets of 2,000 documents print as a line, not as megabytes::

        >>> ScoreSheets([None])
        <ScoreSheets: 1 documents, 0 scored>
    """

    __slots__ = ()

    def __repr__(self) -> str:
        sheets = [s for s in self if s is not None]
        counts: dict[str, int] = {}
        for sheet in sheets:
            if sheet.grade is not None:
                counts[sheet.grade.value] = counts.get(sheet.grade.value, 0) + 1
        grades = ", ".join(f"{g.value}={counts[g.value]}" for g in Grade if g.value in counts)
        return (
            f"<ScoreSheets: {len(self)} documents, {len(sheets)} scored"
            + (f", grades ({grades})" if grades else "")
            + ">"
        )

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    total = Decimal(0)
    for value in values:
        total = RATE_CONTEXT.add(total, value)
    return RATE_CONTEXT.divide(total, Decimal(len(values)))


@exact
def summarize(
    documents: Iterable[ProjectEvaluation], rules: RuleSet | str | None = None
) -> Summary:
    """Score every project and aggregate: plain and budget-weighted means, grade counts.

    ``rules=None`` scores each project under its own layout's rule set, as
    :func:`~budgetperf.scoring.score` does, so a summary's sheets are the sheets ``score``
    gives.

    >>> summarize([]).count
    0
    """
    # rules=None: each project under its own layout's rule set, as score() does.
    ruleset = None if rules is None else get_rules(rules)
    sheets: list[ScoreSheet] = []
    weighted_sum, weight_sum = Decimal(0), Decimal(0)
    totals: list[Decimal] = []
    reported: list[Decimal] = []
    left_out: list[tuple[str, str]] = []
    for document in documents:
        sheet = score_project(document, ruleset)
        sheets.append(sheet)
        if sheet.gradable and sheet.reported_total is not None:
            reported.append(sheet.reported_total)
        if sheet.graded_total is None:
            reason = sheet.grading if not sheet.gradable else sheet.total_explanation.text
            left_out.append((sheet.title, reason))
            continue
        totals.append(sheet.graded_total)
        budget = document.budget.total.adjusted_budget if document.budget is not None else None
        if budget is not None and budget.value > 0:
            share = budget.to("万元").value
            weighted_sum = RATE_CONTEXT.add(
                weighted_sum, RATE_CONTEXT.multiply(sheet.graded_total, share)
            )
            weight_sum = RATE_CONTEXT.add(weight_sum, share)
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
        left_out=tuple(left_out),
    )
