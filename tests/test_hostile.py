"""Hostile input one level below the envelope: extreme figures, floats, broken lines.

Each test reproduces a failure seen on real or crafted input and pins the refusal: a
budgetperf error naming the field, never a traceback, a hang or a silently changed number.
"""

from __future__ import annotations

import copy
import decimal
import json
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import errors, examples
from budgetperf.checks.interval import Interval
from budgetperf.errors import (
    BudgetPerfError,
    FigureRangeError,
    FloatNotAllowedError,
    ParseError,
    SchemaError,
    UnknownCodeError,
)
from budgetperf.io import dump, load_text
from budgetperf.io.cells import parse_number, parse_percent
from budgetperf.io.json import to_envelope
from budgetperf.model.evaluation import Dimension, ProjectEvaluation
from budgetperf.model.narrative import ChartSeries
from budgetperf.money import (
    MAX_EXPONENT,
    MAX_SIGNIFICANT_DIGITS,
    Amount,
    Rounding,
    check_figure,
    exact,
    to_decimal,
)
from budgetperf.rates import Change, Direction, Rate
from budgetperf.scoring import score

FLOAT: Any = 1.5  # typed Any: these tests pass what the types forbid
HOSTILE_FIGURES = ["1E+999999999", "1E-999999999", "1" * 30, "9" * 100_000]


def _ziyang() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(examples.text("ziyang-2022"))
    return data


def _first_project() -> ProjectEvaluation:
    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    return document


# -- figures --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_FIGURES)
def test_every_figure_reader_refuses_a_figure_no_budget_holds(text: str) -> None:
    for read in (
        lambda: to_decimal(text, field="executed"),
        lambda: Amount.parse(text, unit="万元"),
        lambda: parse_number(text, field="权重"),
        lambda: parse_percent(text + "%", field="rate"),
    ):
        with pytest.raises(FigureRangeError) as caught:
            read()
        assert len(str(caught.value)) < 600  # a 100,000-digit figure is quoted, not copied


@pytest.mark.parametrize("text", HOSTILE_FIGURES)
def test_json_figure_out_of_range_names_its_path(text: str) -> None:
    data = _ziyang()
    data["documents"][0]["document"]["budget"]["rows"][0]["executed"]["value"] = text
    with pytest.raises(SchemaError) as caught:
        load_text(json.dumps(data, ensure_ascii=False))
    assert caught.value.field == "$.documents[0].document.budget.rows[0].executed.value"
    assert "数值超出允许范围" in str(caught.value)


def test_json_number_out_of_range_is_refused_too() -> None:
    data = _ziyang()
    text = json.dumps(data, ensure_ascii=False).replace(
        '"weight": "10"', '"weight": 1E+999999999', 1
    )
    with pytest.raises(SchemaError, match="数值超出允许范围"):
        load_text(text)


def test_json_integer_with_5000_digits_is_a_schema_error() -> None:
    # json.loads raises a bare ValueError past 4300 digits.
    text = examples.text("ziyang-2022").replace('"year": 2022', '"year": ' + "9" * 5000, 1)
    with pytest.raises(SchemaError):
        load_text(text)


def test_csv_year_of_a_billion_digits_is_refused_at_once() -> None:
    with pytest.raises(ParseError) as caught:
        load_text("项目名称,某项目\n评价年度,1e999999999\n")
    assert caught.value.field == "评价年度"


def test_bounds_are_inclusive_at_the_documented_limits() -> None:
    largest = Decimal("9" * (MAX_EXPONENT + 1) + "." + "9" * (MAX_SIGNIFICANT_DIGITS - 21))
    assert check_figure(largest) == largest
    assert to_decimal(f"9.{'9' * (MAX_SIGNIFICANT_DIGITS - 1)}E+{MAX_EXPONENT}")
    assert to_decimal(f"1E-{MAX_EXPONENT}") == Decimal("1E-20")
    for outside in ("0." + "1" * (MAX_SIGNIFICANT_DIGITS + 1), f"1E+{MAX_EXPONENT + 1}", "1E-21"):
        with pytest.raises(FigureRangeError):
            to_decimal(outside)
    with pytest.raises(FigureRangeError):
        to_decimal(10 ** (MAX_EXPONENT + 1))


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**17), max_value=10**17
    )
)
def test_every_budget_sized_figure_is_accepted_exactly(value: Decimal) -> None:
    assert to_decimal(str(value)) == value
    assert Amount.parse(str(value), unit="元").value == value


def test_arithmetic_ignores_the_host_context() -> None:
    # A host application with 3-digit precision must not change a budget sum.
    with decimal.localcontext(decimal.Context(prec=3)):
        total = Amount.parse("468.99万元") + Amount.parse("405.06万元")
        assert total == Amount.parse("874.05万元")
        assert Rounding(2).apply(Decimal("123456.785")) == Decimal("123456.79")
        sheet = score(_first_project())
    assert sheet.total == score(_first_project()).total == Decimal("106.51")


def test_a_result_that_is_not_finite_is_an_error() -> None:
    @exact
    def explode() -> Decimal:
        return Decimal("9E+900") * Decimal("9E+900")

    with pytest.raises(FigureRangeError, match="计算结果超出数值范围"):
        explode()


# -- floats ---------------------------------------------------------------------------------


def test_a_float_anywhere_on_the_money_path_is_a_budgetperf_error() -> None:
    amount = Amount.parse("1.00元")
    with pytest.raises(FloatNotAllowedError):
        amount.quantize(FLOAT)
    with pytest.raises(FloatNotAllowedError):
        _ = amount < FLOAT
    with pytest.raises(FloatNotAllowedError):
        _ = amount >= FLOAT
    with pytest.raises(ParseError):
        Rounding(10**6)
    with pytest.raises(ParseError):
        Rounding(2, "ROUND_SOMETIMES")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Rate(FLOAT),
        lambda: Rate(Decimal("0.5"), numerator=FLOAT),
        lambda: Rate(Decimal("0.5"), denominator=FLOAT),
        lambda: Change(FLOAT, Decimal(1), Decimal(0), Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Change(Decimal(1), FLOAT, Decimal(0), Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Change(Decimal(1), Decimal(1), FLOAT, Rate(Decimal(0)), Direction.UNCHANGED),
        lambda: Interval(FLOAT, Decimal(1)),
        lambda: Interval(Decimal(0), FLOAT),
        lambda: ChartSeries(name="a", values=(Decimal(1), FLOAT)),
        lambda: Dimension(name="a", weight=Decimal(1), inputs=(("x", FLOAT),)),
    ],
)
def test_a_float_field_is_refused_at_construction(build: Any) -> None:
    with pytest.raises(BudgetPerfError):
        build()


# -- errors pickle --------------------------------------------------------------------------


def _all_error_classes() -> list[type[BudgetPerfError]]:
    found = [BudgetPerfError]
    for item in found:
        found += [c for c in item.__subclasses__() if c not in found]
    return found


def test_every_error_class_is_public() -> None:
    assert {c.__name__ for c in _all_error_classes()} <= set(errors.__all__)


@pytest.mark.parametrize("cls", [c for c in _all_error_classes() if c is not UnknownCodeError])
def test_every_error_survives_pickling(cls: type[BudgetPerfError]) -> None:
    error = cls("甲", "a", file="f.csv", row=101, field="权重", value="x", expected="y")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert (back.zh, back.en, back.file, back.row, back.field, back.value) == (
        "甲",
        "a",
        "f.csv",
        101,
        "权重",
        "x",
    )
    assert str(back) == str(error)


def test_unknown_code_error_survives_pickling() -> None:
    error = UnknownCodeError("2060709", 2023, suggestions=("2060702",))
    back = pickle.loads(pickle.dumps(error))
    assert (back.code, back.year, back.suggestions, str(back)) == (
        "2060709",
        2023,
        ("2060702",),
        str(error),
    )


def test_repro_from_the_issue() -> None:
    back = pickle.loads(pickle.dumps(ParseError("a", "b")))
    assert isinstance(back, ParseError) and back.zh == "a"


# -- helpers shared by the batch tests -------------------------------------------------------


def envelope_lines(count: int) -> list[str]:
    """``count`` JSON Lines documents from the bundled examples (project evaluations)."""
    docs = list(examples.load("liangshan-2023").documents)
    lines = []
    for i in range(count):
        doc = docs[i % len(docs)]
        lines.append(json.dumps(to_envelope(doc), ensure_ascii=False))
    return lines


def broken_copy(line: str) -> str:
    """A well-formed line that fails while scoring: a hostile figure deep inside."""
    data = json.loads(line)
    bad = copy.deepcopy(data)
    bad["document"]["indicators"][0]["weight"] = "1E+999999999"
    return json.dumps(bad, ensure_ascii=False)


def test_round_trip_keeps_every_figure_within_bounds() -> None:
    doc = examples.load("ziyang-2022").documents[0]
    assert load_text(dump(doc)) == doc
    assert attrs.has(type(doc))
