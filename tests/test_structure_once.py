"""Structuring builds each record once, and still refuses exactly what the model refuses.

The generated converters of ``budgetperf.io._hooks`` build a record without its attrs
``__init__`` and skip the validators that a field's declared type already satisfies (the
screens of ``budgetperf.model._fields``). These tests hold them to the classes themselves:
the objects are equal to what ``__init__`` builds, a bad value is refused with the same
error as the careful path gives, and every screen is conservative (it is true wherever its
validator raises).
"""

from __future__ import annotations

import json
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.checks._build import printed_as
from budgetperf.errors import BudgetPerfError, SchemaError
from budgetperf.io._hooks import _builder, _compiled, _structure, structure, unstructure
from budgetperf.io.json import from_envelope, parse_json, to_envelope
from budgetperf.model import Comparator, FundRow, Indicator, Measure, ProjectEvaluation, _fields
from budgetperf.model.evaluation import BudgetBlock, DepartmentEvaluation, FinalAccounts
from budgetperf.model.indicators import check_spelling
from budgetperf.money import MAX_EXPONENT, Amount, Unit, normalize_text
from budgetperf.rates import RATE_CONTEXT
from budgetperf.scoring.rules import RULE_SETS
from budgetperf.synthetic import generate
from tests import strategies


def _documents() -> list[Any]:
    documents: list[Any] = []
    for name in examples.names():
        documents += examples.load(name).documents
    documents += list(generate(40, seed=5))
    return documents


def _rebuilt(value: object) -> object:
    """``value`` built again through its own ``__init__`` (every validator runs)."""
    cls = type(value)
    if isinstance(value, tuple):
        return tuple(_rebuilt(item) for item in value)
    if not attrs.has(cls):
        return value
    return cls(**{f.name: _rebuilt(getattr(value, f.name)) for f in attrs.fields(cls) if f.init})


def test_records_built_once_equal_what_their_classes_build() -> None:
    documents = _documents()
    kinds = {type(d) for d in documents}
    assert {ProjectEvaluation, DepartmentEvaluation, FinalAccounts} <= kinds  # not vacuous
    for document in documents:
        data = json.loads(json.dumps(unstructure(document)))
        kind: Any = type(document)
        fast = _compiled(kind)(data)  # the generated converter, no fallback
        assert fast == document
        assert fast == _rebuilt(fast)
        assert repr(fast) == repr(document)
        # The careful path gives the same object.
        assert _structure(data, type(document), "$") == fast


def test_an_absent_comparator_text_takes_the_canonical_symbol() -> None:
    # The default that reads the object being built (attrs.Factory(takes_self=True)).
    built = structure({"text": "≥90%", "value": "90", "unit": "%", "comparator": "≥"}, Measure)
    assert built.comparator_text == "≥"
    assert built == Measure(text="≥90%", value=Decimal(90), unit="%", comparator=Comparator.GE)


_INDICATOR = {
    "level1": "产出指标",
    "level2": "数量指标",
    "name": "培训人次",
    "comparator": "≥",
    "target": {"text": "100", "value": "100"},
    "actual": {"text": "120", "value": "120"},
    "weight": "10",
    "reported_score": "10",
}


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        (Indicator, {**_INDICATOR, "weight": "-1"}, "$.weight"),
        (Indicator, {**_INDICATOR, "weight": "-0.5"}, "$.weight"),
        (Indicator, {**_INDICATOR, "comparator_text": "≤"}, "$.comparator_text"),
        (Indicator, {**_INDICATOR, "parent": -1}, "$.parent"),
        (Measure, {"text": "5", "comparator_text": "≥"}, "$.comparator_text"),
        (FundRow, {"category": "  "}, "$.category"),
        (FundRow, {"category": "总额", "executed": {"value": "-1", "unit": "万元"}}, "$.executed"),
        (
            BudgetBlock,
            {"rows": [{"category": "总额", "weight": "10"}], "weight": "10"},
            "$.weight",  # the model names BudgetBlock.rows[0].weight: its last part
        ),
        (BudgetBlock, {"rows": [], "weight": "10"}, "$.rows"),
    ],
)
def test_a_value_the_model_refuses_is_refused_as_the_careful_path_says(
    kind: type, data: dict[str, Any], field: str
) -> None:
    with pytest.raises(SchemaError) as fast:
        structure(data, kind, "$")
    with pytest.raises(SchemaError) as careful:
        _structure(data, kind, "$")
    assert str(fast.value) == str(careful.value)
    assert fast.value.field == field


def test_a_bad_year_and_a_bad_parent_in_a_document_name_their_path() -> None:
    document = json.loads(json.dumps(to_envelope(next(iter(generate(1, seed=2))))))
    document["document"]["year"] = 10000
    with pytest.raises(SchemaError, match=r"年度超出允许范围.*\$\.document\.year"):
        from_envelope(document)
    document["document"]["year"] = 2023
    document["document"]["indicators"][0]["parent"] = 0  # not an earlier row
    with pytest.raises(SchemaError, match=r"分项指标的上级行须在其之前.*\$\.document\.indicators"):
        from_envelope(parse_json(json.dumps(document)))


def test_classes_with_hooks_are_still_built_by_their_init() -> None:
    # A post-init hook (rule sets) or a field outside __init__: the class is called.
    rules = type(RULE_SETS["national"])
    assert _builder(rules, {}) is None
    assert _builder(Indicator, {}) is not None

    @attrs.frozen(init=False)
    class Own:
        x: str

        def __init__(self, x: str) -> None:
            self.__attrs_init__(x=x.upper())

    assert _builder(Own, {}) is None
    assert structure({"x": "a"}, Own) == Own("a")  # its own __init__ ran
    assert structure({"x": "a"}, Own).x == "A"


def test_users_still_get_validation_from_the_classes() -> None:
    with pytest.raises(BudgetPerfError, match="分值"):
        Indicator(level1="产出指标", level2="数量指标", name="x", target=Measure(text="1"),
                  weight=Decimal(-1))  # fmt: skip
    with pytest.raises(BudgetPerfError):
        FundRow(category=" ")


# -- every screen is conservative --------------------------------------------------------

_figures = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: len(d.as_tuple().digits) <= 21 and abs(d.adjusted()) <= MAX_EXPONENT
) | st.sampled_from([Decimal("-0"), Decimal("0E-5"), Decimal(-1), Decimal("-0.01")])

_VALUES: dict[object, st.SearchStrategy[Any]] = {
    Decimal: _figures,
    type(None): st.none(),
    int: st.integers(min_value=-(10**6), max_value=10**6) | st.sampled_from([9999, 10000, -1]),
    str: st.text(max_size=6) | st.sampled_from(["", " ", "\u3000", "≥", "≧", "不低于", "x"]),
    bool: st.booleans(),
    Amount: st.builds(Amount, _figures, st.sampled_from(list(Unit))),
}


def _screened_fields() -> list[tuple[type, attrs.Attribute[Any]]]:
    found: list[tuple[type, attrs.Attribute[Any]]] = []
    for cls in (Indicator, Measure, FundRow, BudgetBlock, ProjectEvaluation, FinalAccounts):
        for field in attrs.fields(cls):
            screen = _fields.screen_of(field.validator) if field.validator else None
            if screen is not None and all(kind in _VALUES for kind in screen.accepts):
                found.append((cls, field))
    return found


def test_the_screened_fields_cover_every_kind_of_screen() -> None:
    screens = {_fields.screen_of(f.validator).may_refuse for _, f in _screened_fields()}  # type: ignore[arg-type, union-attr]
    assert {"", "v", "v is not None and v < 0", "not v.strip()"} <= screens
    assert any("9999" in screen for screen in screens)


@settings(max_examples=300)
@given(st.data())
def test_a_screen_is_true_wherever_its_validator_refuses(data: st.DataObject) -> None:
    cls, field = data.draw(st.sampled_from(_screened_fields()))
    screen = _fields.screen_of(field.validator)
    assert screen is not None
    kind = data.draw(st.sampled_from(sorted(screen.accepts, key=str)))
    value = data.draw(_VALUES[kind])
    # The object being built (a spelling is checked against its comparator).
    comparator = data.draw(st.none() | st.sampled_from(list(Comparator)))
    instance = Measure(text="1", comparator=comparator)
    try:
        assert field.validator is not None
        field.validator(instance, field, value)
    except BudgetPerfError:
        assert screen.may_refuse, f"{cls.__name__}.{field.name} refused {value!r}"
        assert eval(screen.may_refuse, {}, {"v": value})  # the model's own expression


def test_every_comparator_symbol_spells_itself() -> None:
    # check_spelling accepts the canonical symbol at once: it must be a spelling of it.
    for comparator in Comparator:
        check_spelling("x", comparator, comparator.value)
    with pytest.raises(BudgetPerfError):
        check_spelling("x", Comparator.GE, Comparator.LE.value)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_nfkc_does(text: str) -> None:
    assert normalize_text(text) == unicodedata.normalize("NFKC", text).strip()


def test_a_figure_too_long_at_the_printed_places_is_not_the_printed_one() -> None:
    # Found by hypothesis: 100 at the 32 places of a tiny printed figure needs 35 digits.
    assert not printed_as(Decimal("9.9999999999999700E-16"), Decimal(100))
    assert printed_as(Decimal("1.00"), Decimal("0.999"))


@given(_figures, _figures)
def test_an_equal_figure_is_printed_as_itself(reported: Decimal, point: Decimal) -> None:
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    step = Decimal(1).scaleb(exponent, RATE_CONTEXT)
    try:
        rounded = point.quantize(step, rounding=ROUND_HALF_UP, context=RATE_CONTEXT) == reported
    except InvalidOperation:  # too many digits at those places: not the printed figure
        rounded = False
    assert printed_as(reported, point) == rounded
    same = reported.normalize(RATE_CONTEXT) if reported else reported
    assert printed_as(reported, same)


def test_a_measure_is_kept_by_its_strings_and_only_by_them() -> None:
    data = {"text": "95", "value": "95", "unit": "%", "comparator": None, "comparator_text": ""}
    first, again = structure(dict(data), Measure), structure(dict(data), Measure)
    assert first is again  # read once: the same immutable record
    assert first == Measure(text="95", value=Decimal(95), unit="%")
    # A JSON number where the figure's text stands is not the kept record's key: the
    # careful path reads it (as it always did), equal in value.
    number = structure({**data, "value": 95}, Measure)
    assert number == first and number is not first
    with pytest.raises(SchemaError, match=r"\$\.text"):
        structure({**data, "text": True}, Measure, "$")


@given(st.lists(_figures.filter(lambda d: d >= 0), max_size=8))
def test_a_group_sum_added_in_place_is_the_sum_of_pairs(weights: list[Decimal]) -> None:
    # checks.evaluation adds each weight to its group's running sum directly; it was the
    # exact sum of the pair (running sum, weight) from 0: the same Decimal, exponent too.
    from budgetperf.checks.evaluation import _sum

    pairs, direct = Decimal(0), Decimal(0)
    for weight in weights:
        pairs = _sum((pairs, weight))
        direct = RATE_CONTEXT.add(direct, weight)
        assert repr(direct) == repr(pairs)


def test_the_full_path_gives_the_exact_parsers_error_at_any_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # msgspec and the standard parser each stop at the recursion limit, with different
    # frames on the stack: near it, one may decode a text the other refuses. The full path
    # decodes with msgspec but reports what the standard-library path reports.
    import sys

    from budgetperf.bulk import _evaluate
    from budgetperf.io import json as bjson

    if bjson._FAST_DECODE is None:
        pytest.skip("needs the fast extra (msgspec)")
    limit = sys.getrecursionlimit()
    head = '{"format": "budgetperf/1", "type": "project_evaluation", "document": '
    texts = [head + "[" * n + "]" * n + "}" for n in range(limit - 60, limit + 10, 1)]
    fast = [_evaluate(0, text, None).error for text in texts]
    monkeypatch.setattr(bjson, "_FAST_DECODE", None)
    exact = [_evaluate(0, text, None).error for text in texts]
    assert fast == exact
    assert any("JSON 嵌套过深" in e for e in exact)  # the window reaches the limit
    assert any("应为对象" in e for e in exact)  # and starts below it


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(
        strategies.rich_project_evaluations(),
        strategies.final_accounts(),
        strategies.department_evaluations(),
    )
)
def test_any_document_is_built_once_as_its_classes_build_it(document: Any) -> None:
    data = json.loads(json.dumps(unstructure(document), ensure_ascii=False))
    kind: Any = type(document)
    fast = _compiled(kind)(data)
    assert fast == document == _rebuilt(fast)
    assert repr(fast) == repr(document)


def test_a_record_inside_another_is_converted_by_its_generated_converter() -> None:
    from budgetperf.io import _hooks
    from budgetperf.model.evaluation import Dimension

    wrapper = _compiled(Indicator)
    generated = _hooks._direct(wrapper)
    assert generated is not wrapper and _hooks._RECORDS[wrapper][1] == [generated]
    # A class that holds itself (a Dimension's children) is built, and its own field keeps
    # the wrapper, which finds the converter built by then.
    node = Dimension(
        name="决策", weight=Decimal(20), children=(Dimension(name="立项", weight=Decimal(20)),)
    )
    data = json.loads(json.dumps(unstructure(node), ensure_ascii=False))
    assert _hooks._direct(_compiled(Dimension))(data) == node
    assert not _hooks._BUILDING
