"""Jupyter display (笔记本显示): what ``_repr_html_`` of documents, score sheets and findings shows.

The model classes call :func:`html_for` only when a notebook asks to display them, so the
core still imports no rendering code.

    >>> from budgetperf import examples, score
    >>> doc = examples.load("ziyang-2022").documents[0]
    >>> doc._repr_html_().startswith("<section>")
    True
    >>> "<table>" in score(doc)._repr_html_()
    True
"""

from __future__ import annotations

from budgetperf.checks.finding import Finding
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.render.safe import xml_text as escape
from budgetperf.render.tables import document_section_html, findings_html
from budgetperf.scoring.score import ScoreSheet

__all__ = ["html_for"]


def _sheet_html(sheet: ScoreSheet) -> str:
    rows = "\n".join(
        f"<tr><td>{escape(line.label)}</td><td>{escape(str(line.weight))}</td>"
        f"<td>{escape(str(line.computed) if line.computed is not None else '—')}</td>"
        f"<td>{escape(str(line.reported) if line.reported is not None else '—')}</td>"
        f"<td>{escape(line.status.value)}</td><td>{escape(line.explanation.text)}</td></tr>"
        for line in sheet.lines
    )
    total = sheet.total if sheet.total is not None else "—"
    grade = sheet.grade.value if sheet.grade else "—"
    return (
        f"<table>\n<caption>{escape(sheet.title)}（{escape(sheet.rules)}）</caption>\n"
        "<thead><tr><th>项目</th><th>权重</th><th>规则得分</th><th>填报得分</th><th>状态</th>"
        f"<th>说明</th></tr></thead>\n<tbody>\n{rows}\n<tr><th>合计</th><th>{escape(str(sheet.maximum))}"
        f"</th><th>{escape(str(total))}</th><th>{escape(str(sheet.reported_total or '—'))}</th>"
        f"<th>{escape(grade)}</th><th>{escape(sheet.total_explanation.text)}</th></tr>\n</tbody>\n</table>"
    )


def html_for(value: object) -> str:
    """The HTML a notebook shows for ``value``."""
    if isinstance(value, ProjectEvaluation | DepartmentEvaluation | FinalAccounts):
        return document_section_html(value, charts=False)
    if isinstance(value, Batch):
        return "\n".join(document_section_html(d, charts=False) for d in value.documents)
    if isinstance(value, ScoreSheet):
        return _sheet_html(value)
    if isinstance(value, Finding):
        return findings_html([value])
    return f"<pre>{escape(repr(value))}</pre>"
