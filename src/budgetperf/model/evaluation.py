"""Documents (文档): project self-evaluations, department evaluations, final accounts."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar, final

import attrs

from budgetperf.errors import ValidationError
from budgetperf.model import _fields as f
from budgetperf.model.funding import FundingSource, FundRow, IncomeLine, LevelFunding
from budgetperf.model.indicators import Grade, Indicator, check_parents
from budgetperf.model.narrative import Chart, Statement, StatementKind
from budgetperf.model.project import ProjectCode
from budgetperf.model.spending import (
    EconomicLine,
    ExpenditureCategory,
    ExpenditureLine,
    ThreePublicExpenses,
)
from budgetperf.money import Amount, Unit, total

__all__ = [
    "Batch",
    "BudgetBlock",
    "DepartmentEvaluation",
    "Dimension",
    "Document",
    "FinalAccounts",
    "Procurement",
    "ProjectEvaluation",
    "SourceRef",
    "StateAssets",
    "VehicleCount",
]


def _parents(
    instance: object,
    attribute: attrs.Attribute[tuple[Indicator, ...]],
    value: tuple[Indicator, ...],
) -> None:
    """A part's parent is an earlier row of the same table (checked after the tuple's type)."""
    check_parents(f"{type(instance).__name__}.indicators", value)


DocumentT = TypeVar("DocumentT", "ProjectEvaluation", "DepartmentEvaluation", "FinalAccounts")


@final
@attrs.frozen(slots=True, kw_only=True)
class SourceRef:
    """Where a document or figure was read (出处).

    Attributes:
        file: the file name of the published report.
        section: the part, table or page (第二部分 三、支出决算情况说明; 附表 12 …).
    """

    file: str
    section: str = ""


@final
@attrs.frozen(slots=True, kw_only=True)
class Procurement:
    """政府采购支出情况 (government procurement), as printed in 其他重要事项的情况说明.

    "政府采购支出总额52.36万元，其中：政府采购货物支出30.12万元、政府采购工程支出0万元、政府
    采购服务支出22.24万元。授予中小企业合同金额52.36万元，占政府采购支出总额的100%，其中：
    授予小微企业合同金额40.00万元，占政府采购支出总额的76.39%。" Every figure is the one
    printed; a figure the text does not state is None (未列示), never a zero in its place.

    Attributes:
        total: 政府采购支出总额.
        goods: 政府采购货物支出; works: 政府采购工程支出; services: 政府采购服务支出.
        sme_contracts: 授予中小企业合同金额.
        sme_share_percent: its printed share of ``total`` (占政府采购支出总额的…%).
        small_micro_contracts: 授予小微企业合同金额 (a part of the SME contracts).
        small_micro_share_percent: its printed share of ``total``.
    """

    total: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    goods: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    works: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    services: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    sme_contracts: Amount | None = attrs.field(default=None, validator=f.non_negative_amount)
    sme_share_percent: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    small_micro_contracts: Amount | None = attrs.field(
        default=None, validator=f.non_negative_amount
    )
    small_micro_share_percent: Decimal | None = attrs.field(
        default=None, validator=f.optional_decimal
    )


@final
@attrs.frozen(slots=True, kw_only=True)
class VehicleCount:
    """One kind of vehicle and how many (车辆构成项): "机要通信用车1辆".

    Attributes:
        kind: the kind's name as printed (主要负责人用车, 执法执勤用车, 一般公务用车 …).
        count: 辆, as printed.
    """

    kind: str = attrs.field(validator=f.text)
    count: int = attrs.field(validator=f.count)


@final
@attrs.frozen(slots=True, kw_only=True)
class StateAssets:
    """国有资产占用情况 (state assets held), as printed in 其他重要事项的情况说明.

    "截至2023年12月31日，本部门共有车辆3辆，其中：主要负责人用车0辆、机要通信用车1辆…；
    单价100万元（含）以上设备（不含车辆）0台（套）。" A count the text does not state is None.

    Attributes:
        vehicles: 车辆 (共有车辆…辆), as printed.
        vehicle_kinds: its parts by kind, in the printed order ("其中：…").
        equipment_over_million: 单价100万元（含）以上设备（不含车辆）, 台（套）.
    """

    vehicles: int | None = attrs.field(default=None, validator=f.optional_count)
    vehicle_kinds: tuple[VehicleCount, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(VehicleCount)
    )
    equipment_over_million: int | None = attrs.field(default=None, validator=f.optional_count)

    def vehicle_kind_sum(self) -> int | None:
        """Σ of the kinds' counts, or None when no kind is printed."""
        if not self.vehicle_kinds:
            return None
        return sum(part.count for part in self.vehicle_kinds)


@final
@attrs.frozen(slots=True, kw_only=True)
class FinalAccounts:
    """A department's final accounts (部门决算) as reported.

    Every figure is the one printed; sums are computed by properties and by the checks,
    never written back.

    Attributes:
        department: 部门（单位）名称.
        year: the fiscal year (决算年度).
        unit: the unit the report states figures in (金额单位), usually 万元.
        income: income by source (本年收入).
        income_total: 本年收入合计 as printed.
        expenditure_total: 本年支出合计 as printed.
        grand_total: 收入总计/支出总计 (收、支总计) as printed.
        previous_grand_total: the previous year's 收、支总计, when given.
        initial_budget_total: 年初预算数 the narrative compares spending with, when given.
        general_budget_expenditure: 一般公共预算财政拨款支出, which the 类 lines break down.
        basic: 基本支出; project: 项目支出 (as printed).
        personnel: 人员经费; public: 公用经费 (the split of 基本支出, as printed).
        functional_lines: spending by functional code (类 totals and 项 lines as printed).
        economic_lines: spending by economic class.
        three_public: 三公经费.
        previous_three_public_total: the previous year's 三公 total, when given.
        operating_expenses: 机关运行经费; previous_operating_expenses: its previous-year figure.
        procurement: 政府采购支出 (其他重要事项), when stated; written into JSON only then.
        state_assets: 国有资产占用 (车辆, 大型设备), when stated; written into JSON only then.
        statements: the figure-bearing sentences of the narrative, as printed.
        charts: the chart data printed with the report.
        source: where the document was read.
    """

    department: str
    year: int = attrs.field(validator=f.year)
    unit: Unit = Unit.WAN_YUAN
    income: tuple[IncomeLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(IncomeLine)
    )
    income_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    expenditure_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    grand_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    previous_grand_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    initial_budget_total: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    general_budget_expenditure: Amount | None = attrs.field(
        default=None, validator=f.optional_amount
    )
    basic: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    project: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    personnel: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    public: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    functional_lines: tuple[ExpenditureLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(ExpenditureLine)
    )
    economic_lines: tuple[EconomicLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(EconomicLine)
    )
    three_public: ThreePublicExpenses | None = attrs.field(
        default=None, validator=f.optional(ThreePublicExpenses)
    )
    previous_three_public_total: Amount | None = attrs.field(
        default=None, validator=f.optional_amount
    )
    operating_expenses: Amount | None = attrs.field(default=None, validator=f.optional_amount)
    previous_operating_expenses: Amount | None = attrs.field(
        default=None, validator=f.optional_amount
    )
    procurement: Procurement | None = attrs.field(
        default=None, validator=f.optional(Procurement), metadata={f.OMITTED_WHEN_NONE: True}
    )
    state_assets: StateAssets | None = attrs.field(
        default=None, validator=f.optional(StateAssets), metadata={f.OMITTED_WHEN_NONE: True}
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Statement)
    )
    charts: tuple[Chart, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Chart)
    )
    source: SourceRef | None = attrs.field(default=None, validator=f.optional(SourceRef))

    # -- derived figures (never stored) --------------------------------------------------
    def income_sum(self) -> Amount:
        """Σ of the current-year income sources (本年收入 computed)."""
        return total(
            (line.amount for line in self.income if line.source.is_current_year_income),
            unit=self.unit,
        )

    def income_from(self, source: FundingSource) -> Amount | None:
        """The amount reported for ``source``, or None when the report does not list it."""
        for line in self.income:
            if line.source is source:
                return line.amount
        return None

    def functional_items(self, prefix: str = "2") -> tuple[ExpenditureLine, ...]:
        """The 7-digit (项) lines under ``prefix``."""
        return tuple(
            line
            for line in self.functional_lines
            if len(line.functional_code) == 7 and line.functional_code.startswith(prefix)
        )

    def functional_total(self, code: str) -> Amount | None:
        """The amount printed for a 类 or 款 ``code``, or None."""
        for line in self.functional_lines:
            if line.functional_code == code:
                return line.amount
        return None

    def functional_item_sum(self, prefix: str) -> Amount:
        """Σ of the 项 lines under ``prefix`` (a 类 or 款 code)."""
        return total((line.amount for line in self.functional_items(prefix)), unit=self.unit)

    def category_sum(self, category: ExpenditureCategory) -> Amount:
        """Σ of the 项 lines marked ``category`` (基本支出 or 项目支出)."""
        return total(
            (line.amount for line in self.functional_items() if line.category is category),
            unit=self.unit,
        )

    def economic_class_sum(self) -> Amount:
        """Σ of the economic 类 lines (3-digit codes)."""
        return total(
            (line.amount for line in self.economic_lines if len(line.economic_code) == 3),
            unit=self.unit,
        )

    def states_scores_only(self) -> bool:
        """Whether these accounts hold nothing but the scores and grades that the sentences of
        a self-evaluation report state (绩效自评报告的文字): no figure of the accounts at all."""
        bare = FinalAccounts(
            department=self.department, year=self.year, unit=self.unit, source=self.source
        )
        return (
            bool(self.statements)
            and all(s.kind is StatementKind.SCORE for s in self.statements)
            and attrs.evolve(self, statements=()) == bare
        )

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


@final
@attrs.frozen(slots=True, kw_only=True)
class BudgetBlock:
    """The budget-execution block of a self-evaluation (预算执行情况 / 项目资金).

    Attributes:
        rows: the fund rows; the first is the total (总额 / 年度资金总额), the others its parts
            (财政资金 …, or 当年财政拨款, 上年结转资金, 其他资金). A part may print its own
            分值 and 得分 (``FundRow.weight`` / ``reported_score``); they are shown and
            checked, never added to the block's (the total row's points count once).
        weight: 权重 / 分值 of the total row (10 in the national and Sichuan layouts).
        reported_score: 得分 of the total row as printed.
        reason: 原因 / 说明 cell (required in Sichuan when the rate is below 90 %).
    """

    rows: tuple[FundRow, ...] = attrs.field(converter=f.to_tuple, validator=f.tuple_of(FundRow))
    weight: Decimal = attrs.field(validator=f.optional_decimal)
    reported_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    reason: str = ""

    @rows.validator
    def _has_total(self, attribute: attrs.Attribute[object], value: tuple[FundRow, ...]) -> None:
        if not value:
            raise ValidationError(
                "预算执行情况至少需要总额一行",
                "the budget block needs its total row",
                field="BudgetBlock.rows",
                value=value,
                expected="at least one FundRow",
            )
        total = value[0]
        if total.weight is not None or total.reported_score is not None:
            # One home for the total row's points: the block's weight and reported_score.
            raise ValidationError(
                "总额行的分值与得分应记在 BudgetBlock.weight / reported_score",
                "the total row's points belong to BudgetBlock.weight / reported_score",
                field="BudgetBlock.rows[0].weight",
                value=total.weight if total.weight is not None else total.reported_score,
                expected="None on the total row (rows[0])",
            )

    @property
    def total(self) -> FundRow:
        """The total row (总额 / 年度资金总额)."""
        return self.rows[0]

    @property
    def parts(self) -> tuple[FundRow, ...]:
        """The component rows (其中 …)."""
        return self.rows[1:]


@final
@attrs.frozen(slots=True, kw_only=True)
class ProjectEvaluation:
    """A project self-evaluation (项目支出绩效自评表) as reported.

    Covers the national layout (财预〔2020〕10号 附件1), the Sichuan 2023 layout, and older
    local forms such as 河池 2020 (funds by government level, spending by economic class,
    only a total score and grade).

    Attributes:
        name: 项目名称 as printed, without the project code.
        code: 项目编码, when printed.
        sub_project: the part in brackets when one code carries several tables (子项目).
        year: the evaluation year (评价年度).
        department: 主管部门.
        implementing_unit: 实施单位.
        layout: the form it follows ("national", "sichuan-2023", "guangxi-2020" …; see
            :mod:`budgetperf.layouts`); empty when a read table fitted no shipped form.
        layout_reason: why the layout was chosen, when it was recognised from a table.
        incomplete: the table was read without its 合计/总分 row (cut off where it was
            published), so the sums a whole table has cannot be checked.
        goals: 项目年度目标 / 预期目标.
        goals_completion: 年度目标完成情况 / 实际完成情况.
        summary: 项目实施内容及过程概述.
        budget: the budget-execution block, when the form has one.
        indicators: the level-3 indicator rows in printed order.
        reported_total: 合计 / 总分 / 综合得分 as printed.
        reported_grade: 自评等次 as printed, when stated.
        conclusion: 评价结论; problems: 存在问题; measures: 改进措施.
        project_leaders: 项目负责人; finance_leaders: 财务负责人.
        level_funding: funds planned and in place by government level (older forms).
        economic_lines: spending by economic class, planned and actual (older forms).
        source: where it was read.
    """

    name: str
    code: ProjectCode | None = attrs.field(default=None, validator=f.optional(ProjectCode))
    sub_project: str = ""
    year: int = attrs.field(validator=f.year)
    department: str = ""
    implementing_unit: str = ""
    layout: str = "national"
    layout_reason: str = ""
    incomplete: bool = attrs.field(default=False, validator=f.instance_of(bool))
    goals: str = ""
    goals_completion: str = ""
    summary: str = ""
    budget: BudgetBlock | None = attrs.field(default=None, validator=f.optional(BudgetBlock))
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=[f.tuple_of(Indicator), _parents]
    )
    reported_total: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    reported_grade: Grade | None = attrs.field(default=None, validator=f.optional(Grade))
    conclusion: str = ""
    problems: str = ""
    measures: str = ""
    project_leaders: tuple[str, ...] = attrs.field(default=(), converter=f.to_tuple)
    finance_leaders: tuple[str, ...] = attrs.field(default=(), converter=f.to_tuple)
    level_funding: tuple[LevelFunding, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(LevelFunding)
    )
    economic_lines: tuple[EconomicLine, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(EconomicLine)
    )
    source: SourceRef | None = attrs.field(default=None, validator=f.optional(SourceRef))

    @property
    def title(self) -> str:
        """Code, name and sub-project as one label."""
        return project_title(self.code, self.name, self.sub_project)

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


def project_title(code: ProjectCode | str | None, name: str, sub_project: str) -> str:
    """A project's label: code (or its canonical text), name and sub-project
    (``51340022T000000278908-名称（子项）``)."""
    label = f"{code}-{name}" if code is not None else name
    return f"{label}（{sub_project}）" if sub_project else label


@final
@attrs.frozen(slots=True, kw_only=True)
class Dimension:
    """A node of a department evaluation's weighted tree (评价维度 / 指标).

    A node with children scores as the sum of its children; a leaf scores by judgement
    (the reported score, validated against its weight) or by a named rule of the rule set
    applied to ``inputs``.

    Attributes:
        name: the dimension as printed (预算编制, 部门预算总体绩效 …).
        weight: its maximum points (分值).
        reported_score: 得分 as printed.
        children: sub-dimensions.
        rule: the name of a department rule (e.g. ``"staff_control_rate"``), or "" for judgement.
        inputs: the figures the rule needs, as (name, value) pairs.
        note: deduction reasons or remarks as printed.
        weight_inferred: True when the maximum is not printed but inferred (see note).
    """

    name: str
    weight: Decimal = attrs.field(validator=f.optional_decimal)
    reported_score: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    children: tuple[Dimension, ...] = attrs.field(default=(), converter=f.to_tuple)
    rule: str = ""
    inputs: tuple[tuple[str, Decimal], ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.named_decimals
    )
    note: str = ""
    weight_inferred: bool = False


@final
@attrs.frozen(slots=True, kw_only=True)
class DepartmentEvaluation:
    """A department-level overall self-evaluation (部门整体支出绩效自评).

    Attributes:
        department: 部门名称.
        year: evaluation year.
        dimensions: the first-level dimensions of the score tree.
        reported_total: 总得分 as printed.
        reported_grade: grade as printed, when stated.
        framework: the scoring framework named by the report (e.g. 韶财绩[2020]1号).
        layout: the form, when read from a 部门整体支出绩效自评表 (see :mod:`budgetperf.layouts`).
        layout_reason: why that form was recognised.
        budget: the form's budget-execution block (年度资金总额 …), when it has one.
        indicators: the form's indicator rows, scored as a project's are.
        incomplete: the table was read without its 合计/总分 row.
        source: where it was read.
    """

    department: str
    year: int = attrs.field(validator=f.year)
    dimensions: tuple[Dimension, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=f.tuple_of(Dimension)
    )
    layout: str = ""
    layout_reason: str = ""
    budget: BudgetBlock | None = attrs.field(default=None, validator=f.optional(BudgetBlock))
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=f.to_tuple, validator=[f.tuple_of(Indicator), _parents]
    )
    incomplete: bool = attrs.field(default=False, validator=f.instance_of(bool))
    reported_total: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    reported_grade: Grade | None = attrs.field(default=None, validator=f.optional(Grade))
    framework: str = ""
    source: SourceRef | None = attrs.field(default=None, validator=f.optional(SourceRef))

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)


Document = ProjectEvaluation | DepartmentEvaluation | FinalAccounts
"""Any document budgetperf reads, scores and checks."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Batch:
    """Several documents read together, e.g. one published report (一份报告中的全部文档).

    Attributes:
        name: identifier (``"liangshan-2023"``).
        title: what it is, in Chinese.
        documents: the documents in the order they appear.
        source: where they were read.
        notes: transcription notes (what was irregular in the original and how it was kept).
    """

    name: str
    title: str = ""
    documents: tuple[ProjectEvaluation | DepartmentEvaluation | FinalAccounts, ...] = attrs.field(
        default=(),
        converter=f.to_tuple,
        validator=f.tuple_of((ProjectEvaluation, DepartmentEvaluation, FinalAccounts)),
    )
    source: SourceRef | None = attrs.field(default=None, validator=f.optional(SourceRef))
    notes: tuple[str, ...] = attrs.field(default=(), converter=f.to_tuple)

    def of_type(self, kind: type[DocumentT]) -> tuple[DocumentT, ...]:
        """The documents of one type, in order."""
        return tuple(d for d in self.documents if isinstance(d, kind))

    def __repr__(self) -> str:
        """Name, title and how many documents of each type; never the documents themselves
        (a batch of 2,000 would print megabytes)::

            >>> Batch(name="b", documents=(ProjectEvaluation(name="项目", year=2023),))
            Batch(name='b', title='', documents=<1 documents: 1 ProjectEvaluation>, notes=<0 notes>)
        """
        counts: dict[str, int] = {}
        for document in self.documents:
            kind = type(document).__name__
            counts[kind] = counts.get(kind, 0) + 1
        kinds = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        return (
            f"Batch(name={self.name!r}, title={self.title!r}, "
            f"documents=<{len(self.documents)} documents{': ' + kinds if kinds else ''}>, "
            f"notes=<{len(self.notes)} notes>)"
        )

    def _repr_html_(self) -> str:
        # A notebook display hook: the rendering edge is imported only when a notebook asks.
        from budgetperf.render.jupyter import html_for

        return html_for(self)
