"""Hypothesis strategies for budgetperf's domain types, reusable in users' own tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from budgetperf.money import Amount, Unit

__all__ = ["amounts", "money_values", "positive_amounts", "units"]

units = st.sampled_from(list(Unit))


def money_values(
    *, min_value: Decimal | int = -(10**12), max_value: Decimal | int = 10**12, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite Decimals with at most ``places`` decimals, as reports print money."""
    return st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def amounts(
    *,
    unit: Unit | None = None,
    min_value: Decimal | int = -(10**12),
    max_value: Decimal | int = 10**12,
    places: int = 2,
) -> st.SearchStrategy[Amount]:
    """Amounts in ``unit`` (any unit when None)."""
    unit_strategy = st.just(unit) if unit is not None else units
    return st.builds(
        Amount,
        money_values(min_value=min_value, max_value=max_value, places=places),
        unit_strategy,
    )


def positive_amounts(*, unit: Unit | None = None, places: int = 2) -> st.SearchStrategy[Amount]:
    """Amounts greater than zero."""
    return amounts(unit=unit, min_value=Decimal("0.01"), places=places)


# -- indicators and evaluations ----------------------------------------------------------

from budgetperf.model import (  # noqa: E402  (grouped with the strategies that use them)
    BudgetBlock,
    Comparator,
    FundRow,
    Indicator,
    Measure,
    ProjectEvaluation,
)

QUANTITATIVE = [c for c in Comparator if c is not Comparator.QUALITATIVE]


def measures(*, min_value: int = 0, max_value: int = 1000) -> st.SearchStrategy[Measure]:
    """Numeric measures as tables print them (up to two decimals)."""
    return money_values(min_value=min_value, max_value=max_value).map(
        lambda v: Measure(text=str(v), value=v, unit="")
    )


def indicators(
    *, comparator: Comparator | None = None, weight: Decimal | None = None
) -> st.SearchStrategy[Indicator]:
    """Quantitative indicators with a numeric target, actual and weight."""
    return st.builds(
        lambda c, t, a, w: Indicator(
            level1="产出指标",
            level2="数量指标",
            name="指标",
            comparator=c,
            target=t,
            actual=a,
            weight=w,
            reported_score=None,
        ),
        st.just(comparator) if comparator is not None else st.sampled_from(QUANTITATIVE),
        measures(),
        measures(),
        st.just(weight) if weight is not None else money_values(min_value=0, max_value=60),
    )


def project_evaluations(*, max_indicators: int = 12) -> st.SearchStrategy[ProjectEvaluation]:
    """Project self-evaluations with a budget block and quantitative indicators."""

    def build(budget: Decimal, executed: Decimal, rows: list[Indicator]) -> ProjectEvaluation:
        block = BudgetBlock(
            rows=(
                FundRow(
                    category="总额",
                    adjusted_budget=Amount(budget, Unit.WAN_YUAN),
                    executed=Amount(executed, Unit.WAN_YUAN),
                ),
            ),
            weight=Decimal(10),
        )
        return ProjectEvaluation(name="项目", year=2023, budget=block, indicators=tuple(rows))

    return st.builds(
        build,
        money_values(min_value=0, max_value=10**6),
        money_values(min_value=0, max_value=10**6),
        st.lists(indicators(), min_size=1, max_size=max_indicators),
    )
