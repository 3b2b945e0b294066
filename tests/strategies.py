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


# -- documents for round trips -----------------------------------------------------------

from budgetperf.model import (  # noqa: E402
    DepartmentEvaluation,
    Dimension,
    ExpenditureLine,
    FinalAccounts,
    FundingSource,
    IncomeLine,
    ProjectCode,
)

words = st.text(alphabet="科普活动经费项目满意度指标完成率次人年万元", min_size=1, max_size=12)
"""Printable Chinese labels without surrounding blanks."""


def measures_with_units() -> st.SearchStrategy[Measure]:
    """Measures printed as tables print them: ``"95%"``, ``"12次"``, ``"231万"``."""
    return st.builds(
        lambda v, u: Measure(text=f"{v}{u}", value=v, unit=u),
        money_values(min_value=0, max_value=10**4),
        st.sampled_from(["", "%", "次", "万", "年", "人"]),
    )


def rich_project_evaluations() -> st.SearchStrategy[ProjectEvaluation]:
    """Self-evaluations with codes, texts, budget rows and measures with units."""
    indicator = st.builds(
        lambda l1, l2, name, c, t, a, w, s, note: Indicator(
            level1=l1,
            level2=l2,
            name=name,
            comparator=c,
            target=t,
            actual=a,
            weight=w,
            reported_score=s,
            deviation_note=note,
        ),
        st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"]),
        st.sampled_from(["数量指标", "质量指标", "时效指标", "社会效益指标"]),
        words,
        st.sampled_from([*QUANTITATIVE, None]),
        measures_with_units(),
        st.one_of(st.none(), measures_with_units()),
        money_values(min_value=0, max_value=60),
        st.one_of(st.none(), money_values(min_value=0, max_value=60)),
        st.one_of(st.just(""), words),
    )
    fund = st.builds(
        lambda name, a, b, c: FundRow(
            category=name, initial_budget=a, adjusted_budget=b, executed=c
        ),
        words,
        *[st.one_of(st.none(), amounts(unit=Unit.WAN_YUAN, min_value=0)) for _ in range(3)],
    )
    return st.builds(
        lambda name, code, year, rows, inds, total: ProjectEvaluation(
            name=name,
            code=code,
            year=year,
            department="主管部门",
            implementing_unit="实施单位",
            budget=BudgetBlock(rows=tuple(rows), weight=Decimal(10)) if rows else None,
            indicators=tuple(inds),
            reported_total=total,
        ),
        words,
        st.one_of(
            st.none(),
            st.from_regex(r"5134002[1-3][RYT][0-9]{12}", fullmatch=True).map(ProjectCode.parse),
        ),
        st.integers(min_value=2000, max_value=2099),
        st.lists(fund, max_size=4),
        st.lists(indicator, max_size=8),
        st.one_of(st.none(), money_values(min_value=0, max_value=100)),
    )


def final_accounts() -> st.SearchStrategy[FinalAccounts]:
    """Final accounts with income, functional lines and statements."""
    wan = amounts(unit=Unit.WAN_YUAN, min_value=0)
    return st.builds(
        lambda year, income, lines, total: FinalAccounts(
            department="部门",
            year=year,
            income=tuple(IncomeLine(source=s, amount=a) for s, a in income),
            functional_lines=tuple(
                ExpenditureLine(functional_code=c, name=n, amount=a) for c, n, a in lines
            ),
            expenditure_total=total,
        ),
        st.integers(min_value=2000, max_value=2099),
        st.lists(st.tuples(st.sampled_from(list(FundingSource)), wan), max_size=4),
        st.lists(
            st.tuples(st.sampled_from(["206", "20607", "2060702", "2101101"]), words, wan),
            max_size=5,
        ),
        st.one_of(st.none(), wan),
    )


def department_evaluations() -> st.SearchStrategy[DepartmentEvaluation]:
    """Department evaluations with a two-level dimension tree."""
    leaf = st.builds(
        lambda n, w, s: Dimension(name=n, weight=w, reported_score=s),
        words,
        money_values(min_value=0, max_value=40),
        st.one_of(st.none(), money_values(min_value=0, max_value=40)),
    )
    node = st.builds(
        lambda n, w, kids: Dimension(name=n, weight=w, children=tuple(kids)),
        words,
        money_values(min_value=0, max_value=40),
        st.lists(leaf, max_size=3),
    )
    return st.builds(
        lambda year, dims: DepartmentEvaluation(
            department="部门", year=year, dimensions=tuple(dims)
        ),
        st.integers(min_value=2000, max_value=2099),
        st.lists(node, max_size=4),
    )
