"""Hypothesis strategies for budgetperf's domain types, reusable in users' own tests."""

from __future__ import annotations

from decimal import Decimal

import attrs
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
from budgetperf.model.indicators import (  # noqa: E402
    COMPARATOR_SPELLINGS,
    SpellingPlace,
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
    Procurement,
    ProjectCode,
    StateAssets,
    ThreePublicExpenses,
    VehicleCount,
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


def spellings(comparator: Comparator) -> st.SearchStrategy[tuple[str, SpellingPlace]]:
    """A spelling of ``comparator`` as forms print it (≧, >=, 不低于, 以上 …) and its place."""
    return st.sampled_from(
        [(text, place) for text, c, place in COMPARATOR_SPELLINGS if c is comparator]
    )


@st.composite
def printed_measures(draw: st.DrawFn, comparator: Comparator | None) -> Measure:
    """A measure as tables print it, with ``comparator`` written in the cell when given
    (``"≧95%"``, ``"95%以上"``); the cell reads back to the same measure."""
    plain = draw(measures_with_units())
    if comparator is None:
        return plain
    spelling, place = draw(spellings(comparator))
    text = f"{spelling}{plain.text}" if place is SpellingPlace.PREFIX else f"{plain.text}{spelling}"
    return attrs.evolve(plain, text=text, comparator=comparator, comparator_text=spelling)


@st.composite
def rich_indicator(draw: st.DrawFn, parent: int | None) -> Indicator:
    """An indicator row; a part (``parent`` given) prints no points, as 其中 rows do."""
    comparator = draw(st.sampled_from([*QUANTITATIVE, None]))
    # The 指标性质 column and the target cell agree, each spelled as printed.
    in_target = comparator is not None and draw(st.booleans())
    target = draw(printed_measures(comparator if in_target else None))
    column = draw(spellings(comparator))[0] if comparator is not None else ""
    actual = draw(
        st.one_of(
            st.none(),
            st.sampled_from([*QUANTITATIVE, None]).flatmap(printed_measures),
        )
    )
    return Indicator(
        level1=draw(st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"])),
        level2=draw(st.sampled_from(["数量指标", "质量指标", "时效指标", "社会效益指标"])),
        name=draw(words),
        comparator=comparator,
        comparator_text=column,
        target=target,
        actual=actual,
        weight=None if parent is not None else draw(money_values(min_value=0, max_value=60)),
        reported_score=draw(st.one_of(st.none(), money_values(min_value=0, max_value=60))),
        deviation_note=draw(st.one_of(st.just(""), words)),
        parent=parent,
        # 一级/二级 points printed in columns of their own (海南's form): written only when set.
        level1_weight=draw(st.one_of(st.none(), money_values(min_value=0, max_value=100))),
        level2_weight=draw(st.one_of(st.none(), money_values(min_value=0, max_value=60))),
    )


@st.composite
def rich_indicators(draw: st.DrawFn, max_size: int = 8) -> tuple[Indicator, ...]:
    """Indicator rows, some of them parts of an earlier row of their own (其中 …)."""
    rows: list[Indicator] = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        owners = [i for i, row in enumerate(rows) if row.parent is None]
        parent = draw(st.one_of(st.none(), st.sampled_from(owners))) if owners else None
        rows.append(draw(rich_indicator(parent)))
    return tuple(rows)


def rich_project_evaluations() -> st.SearchStrategy[ProjectEvaluation]:
    """Self-evaluations with codes, texts, budget rows (parts with points of their own),
    measures with units and comparators as printed, and indicator parts."""
    fund = st.builds(
        lambda name, a, b, c, w, s: FundRow(
            category=name,
            initial_budget=a,
            adjusted_budget=b,
            executed=c,
            weight=w,
            reported_score=s,
        ),
        words,
        *[st.one_of(st.none(), amounts(unit=Unit.WAN_YUAN, min_value=0)) for _ in range(3)],
        *[st.one_of(st.none(), money_values(min_value=0, max_value=20)) for _ in range(2)],
    )
    return st.builds(
        lambda name, code, year, rows, inds, total: ProjectEvaluation(
            name=name,
            code=code,
            year=year,
            department="主管部门",
            implementing_unit="实施单位",
            budget=BudgetBlock(
                rows=(attrs.evolve(rows[0], weight=None, reported_score=None), *rows[1:]),
                weight=Decimal(10),
            )
            if rows
            else None,
            indicators=inds,
            reported_total=total,
        ),
        words,
        st.one_of(
            st.none(),
            st.from_regex(r"5134002[1-3][RYT][0-9]{12}", fullmatch=True).map(ProjectCode.parse),
        ),
        st.integers(min_value=2000, max_value=2099),
        st.lists(fund, max_size=4),
        rich_indicators(),
        st.one_of(st.none(), money_values(min_value=0, max_value=100)),
    )


def three_public_expenses() -> st.SearchStrategy[ThreePublicExpenses]:
    """三公经费 whose every part may be unknown (None: the report did not state it)."""
    maybe = st.one_of(st.none(), amounts(unit=Unit.WAN_YUAN, min_value=0))
    return st.builds(
        ThreePublicExpenses,
        outbound=maybe,
        vehicle_purchase=maybe,
        vehicle_operation=maybe,
        reception=maybe,
        reported_vehicle_total=maybe,
        reported_total=maybe,
    )


def procurements() -> st.SearchStrategy[Procurement]:
    """政府采购 whose every figure may be unknown (None: the report did not state it)."""
    maybe = st.one_of(st.none(), amounts(unit=Unit.WAN_YUAN, min_value=0))
    share = st.one_of(st.none(), money_values(min_value=0, max_value=100))
    return st.builds(
        Procurement,
        total=maybe,
        goods=maybe,
        works=maybe,
        services=maybe,
        sme_contracts=maybe,
        sme_share_percent=share,
        small_micro_contracts=maybe,
        small_micro_share_percent=share,
    )


def state_assets() -> st.SearchStrategy[StateAssets]:
    """车辆 and 大型设备 counts, each may be unknown, with vehicle kinds."""
    count = st.integers(min_value=0, max_value=10**4)
    maybe = st.one_of(st.none(), count)
    kind = st.builds(VehicleCount, kind=words, count=count)
    return st.builds(
        StateAssets,
        vehicles=maybe,
        vehicle_kinds=st.lists(kind, max_size=4).map(tuple),
        equipment_over_million=maybe,
    )


def final_accounts() -> st.SearchStrategy[FinalAccounts]:
    """Final accounts with income, functional lines, statements, 三公经费, 政府采购 and
    国有资产."""
    wan = amounts(unit=Unit.WAN_YUAN, min_value=0)
    return st.builds(
        lambda year, income, lines, total, three, procurement, assets: FinalAccounts(
            department="部门",
            year=year,
            income=tuple(IncomeLine(source=s, amount=a) for s, a in income),
            functional_lines=tuple(
                ExpenditureLine(functional_code=c, name=n, amount=a) for c, n, a in lines
            ),
            expenditure_total=total,
            three_public=three,
            procurement=procurement,
            state_assets=assets,
        ),
        st.integers(min_value=2000, max_value=2099),
        st.lists(st.tuples(st.sampled_from(list(FundingSource)), wan), max_size=4),
        st.lists(
            st.tuples(st.sampled_from(["206", "20607", "2060702", "2101101"]), words, wan),
            max_size=5,
        ),
        st.one_of(st.none(), wan),
        st.one_of(st.none(), three_public_expenses()),
        st.one_of(st.none(), procurements()),
        st.one_of(st.none(), state_assets()),
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
