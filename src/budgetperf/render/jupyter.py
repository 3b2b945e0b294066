"""Jupyter display (笔记本显示): what ``_repr_html_`` of documents, score sheets and findings shows.

The model classes call :func:`html_for` only when a notebook asks to display them, so the
core still imports no rendering code.

    >>> from budgetperf import examples, score
    >>> doc = examples.load("ziyang-2022").documents[0]
    >>> doc._repr_html_().startswith("<section>")
    True
    >>> "<table>" in score(doc)._repr_html_()
    True

Collections that can be long (a batch, findings, a summary's sheets, the sheets of a batch)
show their first :data:`DISPLAY_ROWS` rows and say how many more there are; a batch lists its
documents (display ``batch.documents[i]`` for one in full).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from budgetperf.checks.finding import Finding, Findings
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.render.safe import xml_text as escape
from budgetperf.render.tables import _title, document_section_html, findings_html
from budgetperf.scoring.aggregate import ScoreSheets, Summary
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


def _batch_html(batch: Batch) -> str:
    shown = batch.documents[:DISPLAY_ROWS]
    rows = "\n".join(
        f"<tr><td>{i}</td><td>{escape(type(d).__name__)}</td><td>{escape(d.department)}</td>"
        f"<td>{escape(_title(d))}</td></tr>"
        for i, d in enumerate(shown)
    )
    caption = f"{batch.name}：{batch.title}" if batch.title else batch.name
    return (
        f"<section>\n<table>\n<caption>{escape(caption)}（{len(batch.documents)} 份文档 "
        f"documents）</caption>\n<thead><tr><th>序号</th><th>类型</th><th>部门</th><th>文档</th>"
        f"</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
        + _more(len(shown), len(batch.documents))
        + "</section>"
    )


def _sheets_html(sheets: ScoreSheets) -> str:
    rows = "\n".join(
        f"<tr><td>{i}</td><td>{escape(s.title)}</td><td>{escape(s.rules)}</td>"
        f"<td>{escape(_figure(s.total))}</td><td>{escape(_figure(s.reported_total))}</td>"
        f"<td>{escape(s.grade.value if s.grade else '—')}</td></tr>"
        if s is not None
        else f'<tr><td>{i}</td><td colspan="5">未评分（决算只检查） not scored</td></tr>'
        for i, s in enumerate(sheets[:DISPLAY_ROWS])
    )
    return (
        "<table>\n<thead><tr><th>序号</th><th>文档</th><th>规则集</th><th>规则得分</th>"
        f"<th>填报得分</th><th>等级</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
        + _more(min(len(sheets), DISPLAY_ROWS), len(sheets))
    )


def html_for(value: object) -> str:
    """The HTML a notebook shows for ``value``."""
    if isinstance(value, ProjectEvaluation | DepartmentEvaluation | FinalAccounts):
        return document_section_html(value, charts=False)
    if isinstance(value, Batch):
        return _batch_html(value)
    if isinstance(value, ScoreSheets):
        return _sheets_html(value)
    if isinstance(value, ScoreSheet):
        return _sheet_html(value)
    if isinstance(value, Findings):
        return _findings_html(value)
    if isinstance(value, Summary):
        return _summary_html(value)
    if isinstance(value, Finding):
        return findings_html([value])
    return f"<pre>{escape(repr(value))}</pre>"
