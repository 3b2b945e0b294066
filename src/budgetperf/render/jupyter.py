"""Jupyter display (笔记本显示): what ``_repr_html_`` of documents, score sheets and findings shows.

The model classes call :func:`html_for` only when a notebook asks to display them, so the
core still imports no rendering code.

    >>> from budgetperf import examples, score
    >>> doc = examples.load("ziyang-2022").documents[0]
    >>> doc._repr_html_().startswith('<section id="d0" class="bp-document bp-project"')
    True
    >>> "bp-rule" in score(doc)._repr_html_()
    True

Collections that can be long (a batch, findings, a summary's sheets, the sheets of a batch)
show their first :data:`DISPLAY_ROWS` rows and say how many more there are; a batch lists its
documents (display ``batch.documents[i]`` for one in full).
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
    _title,
    document_section_html,
    findings_html,
    format_score,
    html_table,
)
from budgetperf.scoring.aggregate import ScoreSheets, Summary
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


def _places(rules: str) -> int:
    # Scores print at their rule set's places (10 beside 10); an unknown name prints to 0.01.
    try:
        return get_rules(rules).rounding.places
    except BudgetPerfError:
        return 2


def _sheet_cells(sheet: ScoreSheet) -> list[str]:
    places = _places(sheet.rules)
    return [
        sheet.title,
        sheet.rules,
        format_score(sheet.total, places=places),
        format_score(sheet.reported_total, places=places),
        sheet.grade.value if sheet.grade else "—",
    ]


_SHEET_HEADERS: Final = ("文档", "规则集", "规则得分", "填报得分", "等级")
_SHEET_COLUMNS: Final = ("title", "rules", "rule", "reported", "grade")


def _summary_html(summary: Summary) -> str:
    grades = "，".join(f"{grade.value} {n}" for grade, n in summary.grades)
    facts = Table(
        key="summary",
        caption="汇总 (summary)",
        headers=["项目", "值"],
        columns=["label", "figure"],
        rows=[
            Row(cells=[label, value])
            for label, value in (
                ("项目数 (count)", str(summary.count)),
                ("已计分 (scored)", str(summary.scored)),
                ("平均分 (mean)", _figure(summary.mean)),
                ("按预算加权平均分 (budget-weighted mean)", _figure(summary.budget_weighted_mean)),
                ("填报平均分 (reported mean)", _figure(summary.reported_mean)),
                ("等级分布 (grades)", grades),
            )
        ],
    )
    shown = summary.sheets[:DISPLAY_ROWS]
    sheets = Table(
        key="sheets",
        caption="评分表 (sheets)",
        headers=_SHEET_HEADERS,
        columns=_SHEET_COLUMNS,
        rows=[Row(cells=_sheet_cells(s)) for s in shown],
    )
    return (
        html_table(facts)
        + "\n"
        + html_table(sheets)
        + _more(len(shown), len(summary.sheets))
        + (f"<p>{escape(summary.left_out_text)}</p>" if summary.left_out else "")
    )


def _sheet_html(sheet: ScoreSheet) -> str:
    # The rule score and the reported score at the rule set's places, printed alike.
    places = _places(sheet.rules)

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


def _batch_html(batch: Batch) -> str:
    # A batch lists its documents (bounded); display batch.documents[i] for one in full.
    shown = batch.documents[:DISPLAY_ROWS]
    caption = f"{batch.name}：{batch.title}" if batch.title else batch.name
    table = Table(
        key="batch",
        caption=f"{caption}（{len(batch.documents)} 份文档 documents）",
        headers=["序号", "类型", "部门", "文档"],
        columns=["index", "kind", "department", "title"],
        numeric=frozenset({"index"}),
        rows=[
            Row(cells=[str(i), type(d).__name__, d.department, _title(d)])
            for i, d in enumerate(shown)
        ],
    )
    return (
        '<section class="bp-batch">\n'
        + html_table(table)
        + _more(len(shown), len(batch.documents))
        + "</section>"
    )


def _sheets_html(sheets: ScoreSheets) -> str:
    rows = [
        Row(cells=[str(i), *_sheet_cells(s)])
        if s is not None
        else Row(cells=[str(i), "未评分（决算只检查） not scored", "", "", "", ""])
        for i, s in enumerate(sheets[:DISPLAY_ROWS])
    ]
    table = Table(
        key="sheets",
        caption="评分表 (sheets)",
        headers=["序号", *_SHEET_HEADERS],
        columns=["index", *_SHEET_COLUMNS],
        numeric=frozenset({"index"}),
        rows=rows,
    )
    return html_table(table) + _more(min(len(sheets), DISPLAY_ROWS), len(sheets))


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
