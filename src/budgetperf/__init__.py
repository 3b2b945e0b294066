"""budgetperf: 预算绩效管理 as data — typed, checked, scored government budget evaluations.

>>> import budgetperf
>>> budgetperf.classify("2060702", year=2023).path
'科学技术支出 / 科学技术普及 / 科普活动'
>>> budgetperf.Amount.parse("874.05万元").to("元")
Amount('8740500', '元')
"""

from budgetperf import rates
from budgetperf.classification import classify
from budgetperf.errors import BudgetPerfError
from budgetperf.money import Amount, Rounding, Unit

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "BudgetPerfError",
    "Rounding",
    "Unit",
    "__version__",
    "classify",
    "rates",
]
