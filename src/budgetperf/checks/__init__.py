"""Consistency checks (一致性检查): recompute every reported figure and say what does not add up.

    >>> from budgetperf import examples
    >>> from budgetperf.model import FinalAccounts
    >>> (accounts,) = examples.load("liangshan-2023").of_type(FinalAccounts)
    >>> worst = [f for f in check(accounts) if f.code == "statement.change_percent"][0]
    >>> worst.severity.value, worst.path, worst.expected, worst.reported
    ('error', '$.statements[0].percent', '0.39（0.38–0.40）', '4')

Findings are data, returned all at once (one run reports every mistake); exceptions are only
for unusable input. Messages are Chinese; ``budgetperf.check(..., locale="en_US")`` gives
English through the message catalogs.
"""

from __future__ import annotations

from budgetperf.checks.accounts import check_final_accounts
from budgetperf.checks.evaluation import check_department, check_project
from budgetperf.checks.finding import Finding, Findings, Severity
from budgetperf.checks.interval import Interval, Verdict
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.money import exact
from budgetperf.scoring.rules import RuleSet, default_rules_for

__all__ = ["Finding", "Findings", "Interval", "Severity", "Verdict", "check"]


@exact
def check(
    document: ProjectEvaluation | DepartmentEvaluation | FinalAccounts | Batch,
    rules: RuleSet | str | None = None,
) -> Findings:
    """Every finding on ``document`` (a batch: on each document, paths prefixed).

    ``rules`` defaults to the rule set of the document's layout (``sichuan-2023`` for the
    Sichuan form, else ``national``).

    Raises:
        BudgetPerfError: ``document`` is not a budgetperf document.
        RuleError: ``rules`` names no rule set.
    """
    if isinstance(document, Batch):
        findings = Findings()
        for index, item in enumerate(document.documents):
            for finding in check(item, rules):
                findings.append(_prefixed(finding, f"$.documents[{index}]"))
        return findings
    if isinstance(document, ProjectEvaluation):
        return Findings(check_project(document, default_rules_for(document, rules)))
    if isinstance(document, DepartmentEvaluation):
        return Findings(check_department(document, default_rules_for(document, rules)))
    if isinstance(document, FinalAccounts):
        return Findings(check_final_accounts(document, default_rules_for(document, rules)))
    raise BudgetPerfError(
        "不是可检查的文档",
        "not a budgetperf document",
        value=type(document).__name__,
        expected="ProjectEvaluation, DepartmentEvaluation, FinalAccounts or Batch",
    )


def _prefixed(finding: Finding, prefix: str) -> Finding:
    import attrs

    return attrs.evolve(finding, path=prefix + finding.path.removeprefix("$"))
