"""Rule sets: shipped readings, user-defined rules from plain data, clear errors."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budgetperf.errors import RuleError
from budgetperf.model import BudgetBlock, Comparator, FundRow, Grade
from budgetperf.money import Amount
from budgetperf.scoring import RULE_SETS, RuleSet, get_rules
from budgetperf.scoring.rules import ComparatorFormula, NonApplicablePolicy
from budgetperf.scoring.score import score_budget


def test_every_disputed_reading_has_a_rule_set() -> None:
    assert set(RULE_SETS) >= {
        "national",
        "reverse-linear",
        "equal-symmetric",
        "strict-inequality",
        "grades-80-70-60",
        "guangxi",
        "sichuan-2023",
        "rescale-non-applicable",
        "integrated-system",
    }
    for rules in RULE_SETS.values():
        assert rules.source and rules.title


def test_national_defaults() -> None:
    rules = get_rules()
    assert rules.name == "national"
    assert rules.weights.execution == 10 and rules.weights.indicators == 90
    assert rules.execution.denominator == "adjusted" and rules.execution.cap
    assert [b.minimum for b in rules.grades] == [90, 80, 60, 0]


def test_sichuan_and_guangxi_specifics() -> None:
    assert get_rules("sichuan-2023").execution.reason_below == Decimal("0.9")
    assert get_rules("sichuan-2023").weights.cost_as_level1
    assert get_rules("guangxi").over_completion.note_ratio == Decimal("1.3")
    assert get_rules("grades-80-70-60").grade_for(Decimal(85)) is Grade.EXCELLENT
    assert get_rules("rescale-non-applicable").non_applicable is NonApplicablePolicy.RESCALE


def test_round_trip_through_plain_data() -> None:
    for rules in RULE_SETS.values():
        assert RuleSet.from_dict(rules.to_dict()) == rules


def test_user_rule_set_from_plain_data() -> None:
    mine = RuleSet.from_dict(
        {
            "name": "county-2024",
            "base": "national",
            "source": "某县财政局 2024",
            "comparators": {"≤": "reverse_linear", "＞": {"equality_meets": False}},
            "grades": {"优": "85", "良": "75", "中": "60", "差": "0"},
            "execution": {"reason_below": "0.9"},
        }
    )
    assert mine.comparators[Comparator.LE].formula is ComparatorFormula.REVERSE_LINEAR
    assert mine.comparators[Comparator.GT].equality_meets is False
    assert mine.grade_for(Decimal(85)) is Grade.EXCELLENT
    assert mine.execution.reason_below == Decimal("0.9")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "x", "comparators": {"≤": "made_up"}}, "comparators.≤.formula"),
        ({"name": "x", "grades": {"优": "60", "良": "80", "中": "70", "差": "0"}}, None),
        ({"name": "x", "grades": {"优": "90", "良": "80"}}, "grades"),
        ({"name": "x", "colour": "red"}, "$"),
        ({"name": "x", "execution": {"denominator": "final"}}, "execution.denominator"),
        ({"name": "x", "execution": {"reason_below": 0.9}}, "execution.reason_below"),
        ({"name": "x", "base": "nowhere"}, "rules"),
        ({"base": "national"}, "name"),
        ({"name": "x", "grades": {"极好": "90", "差": "0"}}, None),
        ("not a mapping", "$"),
    ],
)
def test_malformed_rule_sets_raise_rule_error(data: Any, field: str | None) -> None:
    with pytest.raises(RuleError) as info:
        RuleSet.from_dict(data)
    if field is not None:
        assert info.value.field == field


def test_unknown_rule_set_name() -> None:
    with pytest.raises(RuleError, match="unknown rule set"):
        get_rules("nowhere")


# -- one rounding policy --------------------------------------------------------------------

SRC = Path(__file__).parent.parent / "src" / "budgetperf"
# Interval bounds are rounded outwards on purpose (the range a printed figure may stand for);
# every figure itself is rounded 四舍五入.
DIRECTED = {"ROUND_FLOOR", "ROUND_CEILING"}


def _rounding_of(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "rounding":
            value = keyword.value
            if isinstance(value, ast.Name):
                return value.id
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            return "<expression>"
    return None


def test_every_quantize_names_round_half_up() -> None:
    offending = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "quantize"
            ):
                mode = _rounding_of(node)
                allowed = {"ROUND_HALF_UP", "<expression>"}
                if path.name == "finding.py":
                    allowed |= DIRECTED
                if mode not in allowed:
                    offending.append(f"{path.relative_to(SRC)}:{node.lineno} rounding={mode}")
    assert offending == []


def test_the_scan_finds_a_bare_quantize() -> None:
    tree = ast.parse("x.quantize(Decimal('0.01'))\ny.quantize(q, rounding=ROUND_HALF_EVEN)")
    calls = [
        n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]
    assert [_rounding_of(c) for c in calls] == [None, "ROUND_HALF_EVEN"]


def test_execution_rate_rounded_as_printed_is_half_up() -> None:
    # 89.625 % on weight 20: 四舍五入 gives 89.63 % → 17.93 (half-even would give 17.92).
    block = BudgetBlock(
        rows=(
            FundRow(
                category="总额",
                adjusted_budget=Amount("100", "万元"),
                executed=Amount("89.625", "万元"),
            ),
        ),
        weight=Decimal(20),
    )
    exact = score_budget(block, get_rules("national"))
    assert exact.computed == Decimal("17.93")  # 17.925 rounded half up
    assert "四舍五入" not in exact.explanation.text
    printed = RuleSet.from_dict({"name": "p", "execution": {"compare_places": 2}})
    line = score_budget(block, printed)
    assert line.computed == Decimal("17.93")
    assert "89.63%" in line.explanation.text and "89.625%" in line.explanation.text
    one_place = RuleSet.from_dict({"name": "p1", "execution": {"compare_places": 1}})
    assert score_budget(block, one_place).computed == Decimal("17.92")  # 89.6 % × 20
