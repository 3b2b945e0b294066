"""The domain model (领域模型): frozen, validated records; no I/O and no formatting."""

from budgetperf.model.evaluation import (
    Batch,
    BudgetBlock,
    DepartmentEvaluation,
    Dimension,
    Document,
    FinalAccounts,
    ProjectEvaluation,
    SourceRef,
)
from budgetperf.model.funding import (
    FundingSource,
    FundRow,
    GovernmentLevel,
    IncomeLine,
    LevelFunding,
)
from budgetperf.model.indicators import (
    LEVEL1_KINDS,
    LEVEL2_KINDS,
    Comparator,
    Grade,
    Indicator,
    Measure,
    QualitativeGrade,
    part_rows,
)
from budgetperf.model.narrative import (
    BaseSource,
    Chart,
    ChartSeries,
    Part,
    Statement,
    StatementKind,
)
from budgetperf.model.project import ProjectCategory, ProjectCode
from budgetperf.model.spending import (
    THREE_PUBLIC_ECONOMIC_CODES,
    BasicKind,
    EconomicLine,
    ExpenditureCategory,
    ExpenditureLine,
    ThreePublicExpenses,
)

__all__ = [
    "LEVEL1_KINDS",
    "LEVEL2_KINDS",
    "THREE_PUBLIC_ECONOMIC_CODES",
    "BaseSource",
    "BasicKind",
    "Batch",
    "BudgetBlock",
    "Chart",
    "ChartSeries",
    "Comparator",
    "DepartmentEvaluation",
    "Dimension",
    "Document",
    "EconomicLine",
    "ExpenditureCategory",
    "ExpenditureLine",
    "FinalAccounts",
    "FundRow",
    "FundingSource",
    "GovernmentLevel",
    "Grade",
    "IncomeLine",
    "Indicator",
    "LevelFunding",
    "Measure",
    "Part",
    "ProjectCategory",
    "ProjectCode",
    "ProjectEvaluation",
    "QualitativeGrade",
    "SourceRef",
    "Statement",
    "StatementKind",
    "ThreePublicExpenses",
    "part_rows",
]
