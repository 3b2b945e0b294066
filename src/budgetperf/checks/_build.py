"""Helpers that turn comparisons into findings (shared by every family of checks)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Final

from budgetperf.checks.finding import Finding, Severity, fmt, judge, places_of, range_text
from budgetperf.checks.interval import Interval, printed_as
from budgetperf.checks.messages import MESSAGES

__all__ = ["ROUNDING_TEMPLATE", "Collector", "printed_as"]

ROUNDING_TEMPLATE: Final = MESSAGES["rounding"]


class Collector:
    """Accumulates findings for one document."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.findings: list[Finding] = []

    def add(
        self,
        code: str,
        severity: Severity,
        path: str,
        template: str,
        *,
        expected: str | None = None,
        reported: str | None = None,
        source_text: str = "",
        **params: str,
    ) -> None:
        """Record a finding; ``expected`` and ``reported`` are also template parameters."""
        values = dict(params)
        if expected is not None:
            values.setdefault("expected", expected)
        if reported is not None:
            values.setdefault("reported", reported)
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                path=path,
                template=template,
                params=values,
                expected=expected,
                reported=reported,
                document=self.document,
                source_text=source_text,
            )
        )

    def compare(
        self,
        code: str,
        path: str,
        template: str,
        *,
        reported: Decimal,
        point: Decimal,
        allowed: Interval | Callable[[], Interval],
        subject: str,
        source_text: str = "",
        **params: str,
    ) -> None:
        """Compare a reported figure with the value and range its printed inputs give.

        Exact (the computed value rounded as printed): nothing. Within the range: info.
        Outside: error. The expected value and range are part of the finding.
        """
        if printed_as(reported, point):
            return  # exact: the common case, decided before any interval is built
        if callable(allowed):
            allowed = allowed()
        severity = judge(reported, point, allowed)
        if severity is None:
            return
        expected = range_text(
            point,
            allowed,
            places_of(reported),
            apart_from=reported if severity is Severity.ERROR else None,
        )
        self.add(
            code,
            severity,
            path,
            ROUNDING_TEMPLATE if severity is Severity.INFO else template,
            expected=expected,
            reported=fmt(reported),
            subject=subject,
            source_text=source_text,
            **params,
        )
