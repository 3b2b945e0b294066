"""Streaming batch evaluation (批量评价): read → score → check → write, one document at a time.

Memory stays flat in the number of documents: a JSON Lines input is read line by line and
each outcome is written before the next document is read. ``jobs > 1`` spreads documents
over worker processes (standard library ``multiprocessing``), keeping the input order::

    >>> from budgetperf.synthetic import generate
    >>> from budgetperf.io.json import to_envelope
    >>> import json
    >>> lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in generate(5, seed=3)]
    >>> outcomes = list(evaluate_lines(lines))
    >>> [o.index for o in outcomes], outcomes[0].grade
    ([0, 1, 2, 3, 4], '优')
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, final

import attrs

from budgetperf.checks import check
from budgetperf.checks.evaluation import check_department, check_project
from budgetperf.checks.finding import Finding
from budgetperf.errors import BudgetPerfError
from budgetperf.io.json import from_envelope, parse_json
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, ProjectEvaluation
from budgetperf.scoring.rules import RuleSet, default_rules_for
from budgetperf.scoring.score import score

__all__ = ["Outcome", "evaluate_lines", "outcome_json", "write_outcomes"]


@final
@attrs.frozen(slots=True, kw_only=True)
class Outcome:
    """The result for one input line.

    Attributes:
        index: 0-based position of the document in the input.
        title: the document's title ("" when the line was unusable).
        total: the rule total (None when not scored).
        reported_total: the printed total.
        grade: the rule grade ("" when none).
        findings: every finding on the document (paths inside the document).
        error: why the line could not be used ("" when it could).
    """

    index: int
    title: str = ""
    total: Decimal | None = None
    reported_total: Decimal | None = None
    grade: str = ""
    findings: tuple[Finding, ...] = ()
    error: str = ""

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity.value == "error")


def _evaluate(index: int, line: str, rules: RuleSet | str | None) -> Outcome:
    try:
        document = from_envelope(parse_json(line, row=index + 1), row=index + 1)
    except BudgetPerfError as exc:
        return Outcome(index=index, error=str(exc))
    if isinstance(document, Batch):
        return Outcome(index=index, error="a batch inside a JSON Lines batch is not supported")
    if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
        ruleset = default_rules_for(document, rules)
        sheet = score(document, ruleset)
        # The sheet is computed once and shared with the checks.
        findings = (
            check_project(document, ruleset, sheet=sheet)
            if isinstance(document, ProjectEvaluation)
            else check_department(document, ruleset, sheet=sheet)
        )
        return Outcome(
            index=index,
            title=sheet.title,
            total=sheet.total,
            reported_total=sheet.reported_total,
            grade=sheet.grade.value if sheet.grade else "",
            findings=tuple(findings),
        )
    return Outcome(
        index=index, title=f"{document.department} {document.year}", findings=tuple(check(document))
    )


def _evaluate_packed(item: tuple[int, str, Any]) -> Outcome:
    return _evaluate(*item)


def evaluate_lines(
    lines: Iterable[str], *, rules: RuleSet | str | None = None, jobs: int = 1, chunksize: int = 64
) -> Iterator[Outcome]:
    """Score and check each JSON Lines document, yielding outcomes in input order.

    Blank lines are skipped (they keep their index). A line that cannot be read gives an
    outcome with ``error`` set; the stream goes on.
    """
    items = ((i, line, rules) for i, line in enumerate(lines) if line.strip())
    if jobs <= 1:
        for item in items:
            yield _evaluate_packed(item)
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield from pool.imap(_evaluate_packed, items, chunksize=chunksize)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def outcome_json(outcome: Outcome) -> str:
    """One outcome as a JSON line: scores, grade and findings (paths inside the document)."""
    return json.dumps(
        {
            "index": outcome.index,
            "title": outcome.title,
            "total": _text(outcome.total),
            "reported_total": _text(outcome.reported_total),
            "grade": outcome.grade,
            "error": outcome.error or None,
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "path": f.path,
                    "message": f.message,
                    "expected": f.expected,
                    "reported": f.reported,
                }
                for f in outcome.findings
            ],
        },
        ensure_ascii=False,
    )


def write_outcomes(outcomes: Iterable[Outcome], stream: IO[str]) -> dict[str, int]:
    """Write outcomes as JSON Lines; returns counts (documents, scored, with errors, unusable)."""
    counts = {"documents": 0, "scored": 0, "with_errors": 0, "unusable": 0}
    for outcome in outcomes:
        stream.write(outcome_json(outcome) + "\n")
        counts["documents"] += 1
        counts["unusable"] += bool(outcome.error)
        counts["scored"] += outcome.total is not None
        counts["with_errors"] += outcome.errors > 0
    return counts
