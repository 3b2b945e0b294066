"""Scoring (评分): rule sets as data and pure scoring functions."""

from budgetperf.scoring.aggregate import ScoreSheets, Summary, summarize
from budgetperf.scoring.department import FORMULAS, STEP_RULES, department_rate
from budgetperf.scoring.rules import RULE_SETS, RuleSet, get_rules
from budgetperf.scoring.score import (
    Explanation,
    LineStatus,
    ScoreLine,
    ScoreSheet,
    converted_score,
    score,
    score_indicator,
)

__all__ = [
    "FORMULAS",
    "RULE_SETS",
    "STEP_RULES",
    "Explanation",
    "LineStatus",
    "RuleSet",
    "ScoreLine",
    "ScoreSheet",
    "ScoreSheets",
    "Summary",
    "converted_score",
    "department_rate",
    "get_rules",
    "score",
    "score_indicator",
    "summarize",
]
