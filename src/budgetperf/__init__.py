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
from budgetperf.checks import Findings
from budgetperf.checks import check as _check
from budgetperf.classification import classify
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import Batch, Document
from budgetperf.money import Amount, Rounding, Unit
from budgetperf.scoring import RuleSet, score

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
    "check",
    "classify",
    "dump",
    "examples",
    "load",
    "rates",
    "score",
]


def check(
    document: Document | Batch, rules: RuleSet | str | None = None, *, locale: str = "zh_CN"
) -> Findings:
    """Every finding on ``document``, with messages in ``locale`` (``zh_CN`` or ``en_US``).

    >>> from budgetperf import examples
    >>> findings = check(examples.load("ziyang-2022"), locale="en_US")
    >>> findings[0].code, findings[0].message
    ('budget.rate', '预算执行率（年度资金总额）: reported execution rate 100%; executed ÷ budget gives 65.12（63.21–67.06）%')
    """
    findings = _check(document, rules)
    if locale.lower().startswith("zh"):
        return findings
    from budgetperf.render.messages import localize  # the edge, only when a translation is asked

    return Findings(localize(finding, locale) for finding in findings)


_LAZY = {"load": "budgetperf.io", "dump": "budgetperf.io", "examples": "budgetperf.examples"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return module if name == "examples" else getattr(module, name)
    raise AttributeError(f"module 'budgetperf' has no attribute {name!r}")
