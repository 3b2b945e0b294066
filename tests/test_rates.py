"""Rates: exact ratios, defined not-applicable results, changes and shares from the seeds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given

from budgetperf import Amount, rates
from budgetperf.rates import Direction, NotApplicable, Rate
from tests.strategies import amounts, money_values


def wan(text: str) -> Amount:
    return Amount.parse(text, unit="万元")


def test_seed_002_execution_against_initial_budget() -> None:
    # "2023年度一般公共预算支出决算数为874.05，完成预算142.24%" with 年初预算 614.51
    rate = rates.execution_rate(wan("874.05"), wan("614.51"))
    assert isinstance(rate, Rate)
    assert rate.percent(2) == Decimal("142.24")
    assert rate.explain() == "874.05万元 ÷ 614.51万元"


def test_seed_002_shares_of_total() -> None:
    whole = wan("874.05")
    assert rates.share(wan("468.99"), whole).percent(2) == Decimal("53.66")  # printed 53.65
    assert rates.share(wan("405.06"), whole).percent(2) == Decimal("46.34")
    assert rates.share(wan("701.17"), whole).percent(2) == Decimal("80.22")
    assert rates.share(wan("125.26"), whole).percent(2) == Decimal("14.33")


def test_seed_002_year_on_year_changes() -> None:
    # 收支总计 874.05 this year, 3.42 less than last year: the decrease is 0.39 %, not 4 %.
    grand = rates.change(wan("877.47"), wan("874.05"))
    assert grand.amount == wan("-3.42")
    assert grand.direction is Direction.DECREASE
    assert grand.ratio.percent(2) == Decimal("-0.39")
    # 三公 7.6 this year, 49.19 less: 86.62 % of last year's 56.79 (the report wrote 647.24 %,
    # which is 49.19 ÷ 7.6).
    three = rates.change(wan("56.79"), wan("7.6"))
    assert three.ratio.percent(2) == Decimal("-86.62")
    assert rates.ratio(wan("49.19"), wan("7.6")).percent(2) == Decimal("647.24")


def test_seed_004_execution_28_of_43() -> None:
    assert rates.execution_rate(wan("28"), wan("43")).percent(2) == Decimal("65.12")


def test_unchanged_direction() -> None:
    assert rates.change(wan("12"), wan("12.00")).direction is Direction.UNCHANGED


@pytest.mark.parametrize(
    "call",
    [
        lambda: rates.execution_rate(wan("5"), wan("0")),
        lambda: rates.funds_in_place_rate(wan("5"), None),
        lambda: rates.balance_rate(None, wan("0")),
        lambda: rates.share(wan("0"), wan("0")),
        lambda: rates.change(wan("0"), wan("5")).ratio,
    ],
)
def test_zero_or_missing_denominator_is_not_applicable(call: object) -> None:
    result = call()  # type: ignore[operator]
    assert isinstance(result, NotApplicable)
    assert result.is_applicable is False
    assert result.explain()


def test_units_may_differ_in_a_ratio() -> None:
    result = rates.share(Amount.parse("10000元"), wan("2"))
    assert isinstance(result, Rate)
    assert result.value == Decimal("0.5")


@given(amounts(unit=None, min_value=0), amounts(min_value=0))
def test_shares_of_a_whole_sum_to_one(a: Amount, b: Amount) -> None:
    b = b.to(a.unit)
    whole = a + b
    assume(whole.value != 0)
    first, second = rates.share(a, whole), rates.share(b, whole)
    assert isinstance(first, Rate)
    assert isinstance(second, Rate)
    # Exact when the quotients terminate within 34 digits; otherwise each is rounded once at
    # the 34th significant digit, so the sum is 1 to within 1e-33 (documented in docs/api.md).
    assert abs(first.value + second.value - 1) <= Decimal("1e-33")
    assert Decimal(0) <= first.value <= 1


@given(amounts(unit=None), amounts())
def test_change_applied_back_gives_current(previous: Amount, current: Amount) -> None:
    current = current.to(previous.unit)
    result = rates.change(previous, current)
    assert isinstance(result.amount, Amount)
    assert previous + result.amount == current
    if isinstance(result.ratio, Rate):
        # Recompute in the rates' own 34-digit context: the ratio is correct to 34 digits.
        ctx = rates.RATE_CONTEXT
        back = ctx.multiply(previous.value, ctx.add(Decimal(1), result.ratio.value))
        scale = abs(previous.value) + abs(current.value)
        assert abs(back - current.value) <= scale * Decimal("1e-32")
    expected = (
        Direction.INCREASE
        if current > previous
        else Direction.DECREASE
        if current < previous
        else Direction.UNCHANGED
    )
    assert result.direction is expected


@given(money_values(min_value=0), money_values(min_value=Decimal("0.01")))
def test_ratio_is_never_float(top: Decimal, bottom: Decimal) -> None:
    result = rates.ratio(top, bottom)
    assert isinstance(result, Rate)
    assert type(result.value) is Decimal
    assert type(result.percent(2)) is Decimal
