"""Money: parsing real-world figures, exact units, refusal of floats, explicit rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import Amount, BudgetPerfError, Unit
from budgetperf.errors import FloatNotAllowedError, ParseError, UnitMismatchError
from budgetperf.money import Rounding, to_decimal, total
from tests.strategies import amounts, money_values

WAN = Unit.WAN_YUAN


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("874.05", "万元", Amount(Decimal("874.05"), WAN)),
        ("874.05万元", None, Amount(Decimal("874.05"), WAN)),
        ("8,740,500元", None, Amount(Decimal("8740500"), Unit.YUAN)),
        ("28万", None, Amount(Decimal("28"), WAN)),
        ("\u3000１０\u3000", "元", Amount(Decimal("10"), Unit.YUAN)),
        ("8　", "万元", Amount(Decimal("8"), WAN)),
        ("1.2亿元", None, Amount(Decimal("12000"), WAN)),
        ("−3.42万元", None, Amount(Decimal("-3.42"), WAN)),
    ],
)
def test_parse_real_world_figures(text: str, unit: str | None, expected: Amount) -> None:
    parsed = Amount.parse(text, unit=unit)
    assert parsed == expected
    assert parsed.unit is expected.unit


def test_parse_keeps_printed_precision() -> None:
    assert Amount.parse("21.80万元").places == 2
    assert str(Amount.parse("21.80万元")) == "21.80万元"
    assert Amount.parse("28万").places == 0


@pytest.mark.parametrize(
    "text", ["", "—", "/", "12,3,4", "abc", "1.2.3万元", "NaN", "Infinity", "1e"]
)
def test_parse_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ParseError) as info:
        Amount.parse(text, unit="元")
    assert info.value.value == text or info.value.value is not None


def test_parse_without_unit_is_an_error_not_a_guess() -> None:
    with pytest.raises(ParseError, match="缺少单位"):
        Amount.parse("874.05")


def test_contradictory_unit_is_an_error() -> None:
    with pytest.raises(ParseError):
        Amount.parse("874.05元", unit="万元")


def test_float_is_refused_everywhere() -> None:
    with pytest.raises(FloatNotAllowedError):
        Amount(1.5, "元")
    with pytest.raises(FloatNotAllowedError):
        Amount.parse(1.5)  # type: ignore[arg-type]
    with pytest.raises(FloatNotAllowedError):
        Amount.parse("1元") * 1.5
    with pytest.raises(FloatNotAllowedError):
        to_decimal(0.1)
    # Still a BudgetPerfError and a TypeError for generic handlers.
    assert issubclass(FloatNotAllowedError, BudgetPerfError)
    assert issubclass(FloatNotAllowedError, TypeError)


def test_mixed_units_are_refused_until_converted() -> None:
    a, b = Amount.parse("1万元"), Amount.parse("1元")
    with pytest.raises(UnitMismatchError):
        _ = a + b
    with pytest.raises(UnitMismatchError):
        _ = a < b
    assert a.to("元") + b == Amount(Decimal("10001"), Unit.YUAN)


def test_seed_002_income_is_basic_plus_project() -> None:
    # 002_a45521c9d62b1714.txt, 三、支出决算情况说明
    basic, project = Amount.parse("468.99万元"), Amount.parse("405.06万元")
    assert basic + project == Amount.parse("874.05万元")


def test_seed_003_economic_classes_sum_to_total() -> None:
    # 003_a553ab9bd1ee855c.txt: 总支出509.10万元 = 280.41 + 167.33 + 58.47 + 2.89
    parts = [Amount.parse(x, unit="万元") for x in ("280.41", "167.33", "58.47", "2.89")]
    assert total(parts, unit="万元") == Amount.parse("509.10万元")


def test_rounding_is_half_up_not_bankers() -> None:
    assert Amount.parse("2.5元").quantize(0) == Amount(Decimal("3"), Unit.YUAN)
    assert Amount.parse("0.125元").quantize(2).value == Decimal("0.13")
    assert Amount.parse("-0.125元").quantize(2).value == Decimal("-0.13")
    assert Rounding(2).apply(Decimal("9.465")) == Decimal("9.47")


@given(amounts())
def test_yuan_wan_round_trip_is_exact(amount: Amount) -> None:
    other = Unit.YUAN if amount.unit is WAN else WAN
    back = amount.to(other).to(amount.unit)
    assert back == amount
    assert back.value.as_tuple() == amount.value.as_tuple()


@given(money_values(places=2))
def test_wan_to_yuan_is_times_ten_thousand(value: Decimal) -> None:
    assert Amount(value, WAN).to(Unit.YUAN).value == value * 10000


@given(amounts(unit=WAN), amounts(unit=WAN))
def test_addition_is_exact_and_commutative(a: Amount, b: Amount) -> None:
    assert (a + b).value == a.value + b.value
    assert a + b == b + a
    assert (a + b) - b == a


@given(money_values(places=4), st.integers(min_value=0, max_value=4))
def test_quantize_is_idempotent(value: Decimal, places: int) -> None:
    once = Rounding(places).apply(value)
    assert Rounding(places).apply(once) == once
    assert abs(once - value) <= Decimal(1).scaleb(-places) / 2


@given(st.text(max_size=30))
def test_parse_arbitrary_text_raises_only_budgetperf_errors(text: str) -> None:
    try:
        result = Amount.parse(text, unit="元")
    except BudgetPerfError:
        return
    assert isinstance(result.value, Decimal)
    assert result.value.is_finite()


# -- the library's context, entered once for many calls -------------------------------------


def test_exact_functions_inside_library_context_run_in_it_and_leave_the_callers_alone() -> None:
    from decimal import getcontext, localcontext

    from budgetperf.money import DECIMAL_CONTEXT, exact, library_context

    @exact
    def precision() -> int:
        return getcontext().prec

    with localcontext() as caller:
        caller.prec = 7
        assert precision() == DECIMAL_CONTEXT.prec  # a context of its own
        with library_context() as entered:
            assert entered.prec == DECIMAL_CONTEXT.prec
            assert precision() == DECIMAL_CONTEXT.prec  # the one entered, not a copy of it
            assert getcontext() is entered
        assert getcontext().prec == 7  # the caller's, given back


def test_an_exact_function_inside_library_context_still_refuses_a_float() -> None:
    from budgetperf.money import exact, library_context

    @exact
    def mixed() -> object:
        return Decimal(1) < 0.5  # the context traps FloatOperation

    with library_context(), pytest.raises(FloatNotAllowedError):
        mixed()


def test_outcomes_are_handed_out_in_the_callers_context() -> None:
    import json
    from decimal import getcontext, localcontext

    from budgetperf.bulk import IN_PROCESS_PIECE, evaluate_lines
    from budgetperf.examples import text

    line = json.dumps(json.loads(text("liangshan-2023"))["documents"][0], ensure_ascii=False)
    with localcontext() as caller:
        caller.prec = 7
        seen = [getcontext().prec for _ in evaluate_lines([line] * (IN_PROCESS_PIECE + 3))]
    assert seen == [7] * (IN_PROCESS_PIECE + 3)
