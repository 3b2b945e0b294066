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
