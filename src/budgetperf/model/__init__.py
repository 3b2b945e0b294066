"""The domain model (领域模型): frozen, validated records; no I/O and no formatting."""

from budgetperf.model.evaluation import FinalAccounts, SourceRef
from budgetperf.model.funding import (
    FundingSource,
    FundRow,
    GovernmentLevel,
    IncomeLine,
    LevelFunding,
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
    "THREE_PUBLIC_ECONOMIC_CODES",
    "BasicKind",
    "EconomicLine",
    "ExpenditureCategory",
    "ExpenditureLine",
    "FinalAccounts",
    "FundRow",
    "FundingSource",
    "GovernmentLevel",
    "IncomeLine",
    "LevelFunding",
    "ProjectCategory",
    "ProjectCode",
    "SourceRef",
    "ThreePublicExpenses",
]
