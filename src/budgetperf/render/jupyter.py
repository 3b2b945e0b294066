"""Jupyter display (笔记本显示): what ``_repr_html_`` of documents, score sheets and findings shows.

The model classes call :func:`html_for` only when a notebook asks to display them, so the
core still imports no rendering code.

    >>> from budgetperf import examples, score
    >>> doc = examples.load("ziyang-2022").documents[0]
    >>> doc._repr_html_().startswith('<section id="d0" class="bp-document bp-project"')
    True
    >>> "bp-rule" in score(doc)._repr_html_()
    True

Collections that can be long (findings, a summary's sheets) show their first
:data:`DISPLAY_ROWS` rows and say how many more there are.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from budgetperf.checks.finding import Finding, Findings
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.render.safe import xml_text as escape
from budgetperf.render.tables import (
    STATUS_CLASSES,
    Row,
    Table,
    document_section_html,
    findings_html,
    format_score,
    html_table,
)
from budgetperf.scoring.aggregate import Summary
from budgetperf.scoring.rules import get_rules
from budgetperf.scoring.score import ScoreSheet

__all__ = ["DISPLAY_ROWS", "html_for"]

DISPLAY_ROWS: Final = 50
"""The most rows a notebook display of findings or of a summary's sheets shows."""


def _more(shown: int, total: int) -> str:
    hidden = total - shown
    return f"<p>… 另有 {hidden} 行未显示 ({hidden} more rows not shown)</p>" if hidden > 0 else ""


def _findings_html(findings: Findings) -> str:
    return findings_html(findings[:DISPLAY_ROWS]) + _more(
        min(len(findings), DISPLAY_ROWS), len(findings)
    )


def _figure(value: Decimal | None) -> str:
    # Means are exact quotients; shown to two places, 四舍五入, like a report prints scores.
    if value is None:
        return "—"
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _summary_html(summary: Summary) -> str:
    grades = "，".join(f"{grade.value} {n}" for grade, n in summary.grades)
    facts = (
        ("项目数 (count)", str(summary.count)),
        ("已计分 (scored)", str(summary.scored)),
        ("平均分 (mean)", _figure(summary.mean)),
        ("按预算加权平均分 (budget-weighted mean)", _figure(summary.budget_weighted_mean)),
        ("填报平均分 (reported mean)", _figure(summary.reported_mean)),
        ("等级分布 (grades)", grades),
    )
    head = "\n".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts)
    shown = summary.sheets[:DISPLAY_ROWS]
    rows = "\n".join(
        f"<tr><td>{escape(s.title)}</td><td>{escape(_figure(s.total))}</td>"
        f"<td>{escape(_figure(s.reported_total))}</td>"
        f"<td>{escape(s.grade.value if s.grade else '—')}</td></tr>"
        for s in shown
    )
    return (
        f"<table>\n<caption>汇总 (summary)</caption>\n<tbody>\n{head}\n</tbody>\n</table>\n"
        "<table>\n<thead><tr><th>项目</th><th>规则得分</th><th>填报得分</th><th>等级</th></tr>"
        f"</thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
        + _more(len(shown), len(summary.sheets))
        + (f"<p>{escape(summary.left_out_text)}</p>" if summary.left_out else "")
    )


def _sheet_html(sheet: ScoreSheet) -> str:
    # The rule score and the reported score at the rule set's places, printed alike.
    try:
        places = get_rules(sheet.rules).rounding.places
    except BudgetPerfError:
        places = 2

    def pts(value: Decimal | None) -> str:
        return format_score(value, places=places)

    rows = [
        Row(
            cells=[
                line.label,
                pts(line.weight),
                pts(line.computed),
                pts(line.reported),
                line.status.value,
                line.explanation.text,
            ],
            classes=[STATUS_CLASSES[line.status]],
            paths=[f"$.{line.path}"],
            status=line.status.value,
        )
        for line in sheet.lines
    ]
    rows.append(
        Row(
            cells=[
                "合计",
                pts(sheet.maximum),
                pts(sheet.total),
                pts(sheet.reported_total),
                sheet.grade.value if sheet.grade else "—",
                sheet.total_explanation.text,
            ],
            classes=["bp-total"],
        )
    )
    return html_table(
        Table(
            key="sheet",
            caption=f"{sheet.title}（{sheet.rules}）",
            headers=["项目", "权重", "规则得分", "填报得分", "状态", "说明"],
            columns=["label", "weight", "rule", "reported", "status", "how"],
            rows=rows,
        )
    )


def html_for(value: object) -> str:
    """The HTML a notebook shows for ``value``."""
    if isinstance(value, ProjectEvaluation | DepartmentEvaluation | FinalAccounts):
        return document_section_html(value, charts=False)
    if isinstance(value, Batch):
        return "\n".join(
            document_section_html(d, charts=False, index=i) for i, d in enumerate(value.documents)
        )
    if isinstance(value, ScoreSheet):
        return _sheet_html(value)
    if isinstance(value, Findings):
        return _findings_html(value)
    if isinstance(value, Summary):
        return _summary_html(value)
    if isinstance(value, Finding):
        return findings_html([value])
    return f"<pre>{escape(repr(value))}</pre>"
