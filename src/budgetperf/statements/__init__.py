"""Statements of budget explanations as a grammar (决算/预算说明语句的语法).

Normalise (traditional → simplified, pinyin annotations, full-width forms, separators), cut
into clauses, read each figure from the words before it, and return statements with the
span of the original text they came from; what cannot be read is returned, never dropped.

    >>> r = read_statements("2022年本年支出合计4143.91万元，其中：基本支出1140.27万元，占27.52%；项目支出3003.64万元，占72.48%。")
    >>> parts = r.statements[1].statement
    >>> parts.kind.value, parts.subject, [(p.subject, str(p.figure), p.percent) for p in parts.parts]
    ('parts', '本年支出合计', [('基本支出', '1140.27万元', Decimal('27.52')), ('项目支出', '3003.64万元', Decimal('72.48'))])
    >>> parts.complete
    True
"""

from __future__ import annotations

from budgetperf.statements.grammar import (
    COUNT_UNITS,
    MONEY_UNITS,
    Reading,
    ReadStatement,
    Span,
    UnreadClause,
    read_statements,
)
from budgetperf.statements.normalise import Normalised, normalise, simplified

__all__ = [
    "COUNT_UNITS",
    "MONEY_UNITS",
    "Normalised",
    "ReadStatement",
    "Reading",
    "Span",
    "UnreadClause",
    "normalise",
    "read_statements",
    "simplified",
]
