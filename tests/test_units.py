"""Units of indicator values and targets written in words: read as printed, compared exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.errors import ParseError
from budgetperf.io.cells import parse_measure
from budgetperf.io.json import dumps, loads
from budgetperf.model.indicators import (
    COMPARATOR_SPELLINGS,
    Comparator,
    SpellingPlace,
    split_comparator,
)
from budgetperf.units import BaseUnit, Converted, Incomparable, common_scale, parse_unit

D = Decimal


@pytest.mark.parametrize(
    ("actual", "a_unit", "target", "t_unit", "a_common", "t_common", "unit"),
    [
        ("2", "万元", "10000", "元", "20000", "10000", "元"),
        ("1.5", "亿元", "12000", "万元", "15000", "12000", "万元"),
        ("3", "万个", "25000", "个", "30000", "25000", "个"),
        ("1.2", "万人", "9000", "人", "12000", "9000", "人"),
        ("18", "个月", "1", "年", "18", "12", "个月"),
        ("2", "天", "36", "小时", "48", "36", "小时"),
        ("5", "‰", "1", "%", "5", "10", "‰"),
        ("3", "万", "25000", "人次", "30000", "25000", "人次"),
        ("12", "名", "10", "人", "12", "10", "人"),
    ],
)
def test_comparable_units_convert_exactly(
    actual: str, a_unit: str, target: str, t_unit: str, a_common: str, t_common: str, unit: str
) -> None:
    result = common_scale(D(actual), a_unit, D(target), t_unit)
    assert isinstance(result, Converted)
    assert (result.actual, result.target, result.unit) == (D(a_common), D(t_common), unit)


@pytest.mark.parametrize(
    ("a_unit", "t_unit"),
    [("人次", "人"), ("次", "元"), ("天", "月"), ("个", "人"), ("元/人", "元"), ("个工作日", "天")],
)
def test_incomparable_units(a_unit: str, t_unit: str) -> None:
    result = common_scale(D(5), a_unit, D(5), t_unit)
    assert isinstance(result, Incomparable)
    assert a_unit in result.reason and t_unit in result.reason


def test_blank_and_identical_units() -> None:
    assert common_scale(D(5), "", D(3), "次") == Converted(actual=D(5), target=D(3), unit="次")
    assert common_scale(D(5), "元/人", D(3), "元/人") == Converted(
        actual=D(5), target=D(3), unit="元/人"
    )


def test_unit_table() -> None:
    assert parse_unit("万人次").base is BaseUnit.PERSON_TIMES
    assert parse_unit("万人次").exponent == 4
    assert parse_unit("千米").base is BaseUnit.KILOMETRE  # not 千 × 米
    assert parse_unit("公斤").base is BaseUnit.KILOGRAM
    assert parse_unit("万").bare_magnitude
    assert parse_unit("次/年").base is None


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False),
    st.integers(min_value=0, max_value=8),
)
def test_conversion_is_exact_and_reversible(value: Decimal, exponent: int) -> None:
    # value in 10^exponent 元 against 1 元: the 元 figure is the value shifted, exactly.
    prefix = {0: "", 4: "万", 8: "亿"}.get(exponent)
    if prefix is None:
        return
    result = common_scale(value, prefix + "元", D(1), "元")
    assert isinstance(result, Converted)
    assert result.actual == value.scaleb(exponent)
    assert result.actual.scaleb(-exponent) == value


# -- comparators as printed -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("≧95%", Comparator.GE, "95", "%"),
        ("≦5次", Comparator.LE, "5", "次"),
        ("═100%", Comparator.EQ, "100", "%"),
        (">=90", Comparator.GE, "90", ""),
        ("<=230人次", Comparator.LE, "230", "人次"),
        ("＞3", Comparator.GT, "3", ""),
        ("＜0", Comparator.LT, "0", ""),
        ("＝100%", Comparator.EQ, "100", "%"),
        ("不低于95%", Comparator.GE, "95", "%"),
        ("不少于5次", Comparator.GE, "5", "次"),
        ("不高于5%", Comparator.LE, "5", "%"),
        ("不超过148万元", Comparator.LE, "148", "万元"),
        ("95%以上", Comparator.GE, "95", "%"),
        ("5%以下", Comparator.LE, "5", "%"),
        ("达到90%", Comparator.GE, "90", "%"),
        ("12月底前", Comparator.LE, "12", "月"),
        ("大于等于 80 分", Comparator.GE, "80", "分"),
    ],
)
def test_targets_in_symbols_and_words(
    text: str, comparator: Comparator, value: str, unit: str
) -> None:
    found, measure = parse_measure(text)
    assert found is comparator
    assert measure is not None
    assert (measure.value, measure.unit, measure.text) == (D(value), unit, text)


@pytest.mark.parametrize(
    "text", ["持续提升", "高于全省平均水平", "2023年12月31日前", "不超过5%以上", "达到省级标准"]
)
def test_words_without_a_figure_state_no_comparator(text: str) -> None:
    found, measure = parse_measure(text)
    assert found is None
    assert measure is not None and measure.text == text


def test_printed_spelling_is_kept() -> None:
    split = split_comparator("不低于95%")
    assert (split.comparator, split.printed, split.rest) == (Comparator.GE, "不低于", "95%")


def test_every_spelling_parses_alone() -> None:
    for spelling, comparator, _ in COMPARATOR_SPELLINGS:
        assert Comparator.parse(spelling) is comparator
    with pytest.raises(ParseError):
        Comparator.parse("大概")


def test_json_reads_a_comparator_as_printed() -> None:
    # A file written by hand or by another tool may spell ≥ as ≧ or >=; it reads the same
    # and is written back in the canonical spelling.
    text = examples.text("ziyang-2022")
    for spelling in ("≧", ">=", "不低于"):
        variant = text.replace('"comparator": "≥"', f'"comparator": "{spelling}"', 1)
        assert variant != text
        assert loads(variant) == examples.load("ziyang-2022")
        assert dumps(loads(variant)) == text
    assert Comparator(">=") is Comparator.GE
    with pytest.raises(ValueError):
        Comparator("大概")


@given(
    st.sampled_from(
        [(s, c) for s, c, where in COMPARATOR_SPELLINGS if where is not SpellingPlace.ALONE]
    ),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.sampled_from(["", "%", "次", "人次", "万元", "个"]),
)
def test_every_spelling_reads_beside_a_figure(
    spelling: tuple[str, Comparator], value: Decimal, unit: str
) -> None:
    word, comparator = spelling
    where = {s: w for s, _, w in COMPARATOR_SPELLINGS}[word]
    text = f"{word}{value}{unit}" if where is SpellingPlace.PREFIX else f"{value}{unit}{word}"
    found, measure = parse_measure(text)
    assert found is comparator, text
    assert measure is not None and measure.value == value and measure.text == text
    assert measure.unit == unit
