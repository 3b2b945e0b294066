"""budgetperf: 预算绩效管理 as data — typed, checked, scored government budget evaluations.

    >>> import budgetperf
    >>> budgetperf.classify("2060702", year=2023).path
    '科学技术支出 / 科学技术普及 / 科普活动'
    >>> budgetperf.Amount.parse("874.05万元").to("元")
    Amount('8740500', '元')
    >>> batch = budgetperf.examples.load("liangshan-2023")
    >>> budgetperf.score(batch.documents[11]).total
    Decimal('99.47')

The edges (``load``, ``dump``, ``examples``) are imported on first use, so that importing
the pure core (money, rates, classification, model, scoring) never pulls in the readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from budgetperf import rates
from budgetperf.classification import classify
from budgetperf.errors import BudgetPerfError
from budgetperf.money import Amount, Rounding, Unit
from budgetperf.scoring import score

if TYPE_CHECKING:
    from budgetperf import examples
    from budgetperf.io import dump, load

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "BudgetPerfError",
    "Rounding",
    "Unit",
    "__version__",
    "classify",
    "dump",
    "examples",
    "load",
    "rates",
    "score",
]

_LAZY = {"load": "budgetperf.io", "dump": "budgetperf.io", "examples": "budgetperf.examples"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return module if name == "examples" else getattr(module, name)
    raise AttributeError(f"module 'budgetperf' has no attribute {name!r}")
