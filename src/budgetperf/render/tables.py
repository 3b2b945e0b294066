"""The familiar tables (自评表与决算表) in Markdown and standalone HTML.

A scored project self-evaluation is rendered as the 自评表: the budget block, the indicator
table with the rule score beside the reported score and how it was reached, the total and
the grade. HTML is escaped, printable and needs no JavaScript::

    >>> from budgetperf import examples
    >>> doc = examples.load("liangshan-2023").documents[11]
    >>> md = document_markdown(doc, locale="zh_CN")
    >>> print(md.splitlines()[0])
    ## 51340022T000000278908-凉山州级科普专项经费（2023年度）
    >>> "| 合计 |" in md
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from budgetperf import layouts
from budgetperf.checks.finding import Finding
from budgetperf.errors import BudgetPerfError
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    Document,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.money import Amount, exact
from budgetperf.render.format import format_amount, format_number, format_percent
from budgetperf.render.safe import markdown_cell
from budgetperf.render.safe import xml_text as escape
from budgetperf.render.sentences import final_accounts_sentences
from budgetperf.render.svg import final_accounts_charts, score_chart
from budgetperf.scoring.rules import RuleSet
from budgetperf.scoring.score import ScoreSheet, score

__all__ = ["document_html", "document_markdown", "findings_html", "findings_markdown", "html_page"]

_TEXT: Final = {
    "zh": {
        "budget": "预算执行情况",
        "indicators": "绩效指标",
        "fund": "资金来源",
        "initial": "年初预算",
        "adjusted": "调整后预算",
        "executed": "执行数",
        "rate": "执行率",
        "weight": "权重",
        "rule_score": "规则得分",
        # "得分（填报）" reads back as the form's 得分 column (the bracket is a marker).
        "reported": "得分（填报）",
        "how": "计分说明",
        "level1": "一级指标",
        "level2": "二级指标",
        "level3": "三级指标",
        "comparator": "指标性质",
        "target": "指标值",
        "unit": "度量单位",
        "actual": "完成值",
        "note": "偏差原因分析",
        "total": "合计",
        "grade": "等级",
        "rules": "评分规则",
        "department": "主管部门",
        "head": "项目基本情况",
        "project": "项目名称",
        "implementing": "实施单位",
        "year": "年度",
        "dimension": "评价维度",
        "max": "分值",
        "income": "收入",
        "source": "收入来源",
        "amount": "金额",
        "share": "占比",
        "spending": "支出（按功能分类）",
        "code": "科目编码",
        "name": "科目名称",
        "three": "“三公”经费",
        "item": "项目",
        "narrative": "情况说明（按数据生成）",
        "findings": "检查发现",
        "severity": "严重程度",
        "path": "位置",
        "message": "说明",
        "expected": "应为",
        "charts": "图表",
        "none": "无",
        "rule_grade": "规则",
        "reported_grade": "填报",
        "summary": "总体情况",
        "figure": "数额",
    },
    "en": {
        "budget": "Budget execution",
        "indicators": "Indicators",
        "fund": "Fund",
        "initial": "Initial budget",
        "adjusted": "Adjusted budget",
        "executed": "Executed",
        "rate": "Rate",
        "weight": "Weight",
        "rule_score": "Rule score",
        "reported": "Reported",
        "how": "How scored",
        "level1": "Level 1",
        "level2": "Level 2",
        "level3": "Indicator",
        "comparator": "Comparator",
        "target": "Target",
        "unit": "Unit",
        "actual": "Actual",
        "note": "Deviation note",
        "total": "Total",
        "grade": "Grade",
        "rules": "Rules",
        "department": "Department",
        "head": "Project",
        "project": "Project name",
        "implementing": "Implementing unit",
        "year": "Year",
        "dimension": "Dimension",
        "max": "Points",
        "income": "Income",
        "source": "Source",
        "amount": "Amount",
        "share": "Share",
        "spending": "Expenditure by function",
        "code": "Code",
        "name": "Name",
        "three": "Three public expenses",
        "item": "Item",
        "narrative": "Narrative (generated)",
        "findings": "Findings",
        "severity": "Severity",
        "path": "Path",
        "message": "Message",
        "expected": "Expected",
        "charts": "Charts",
        "none": "none",
        "rule_grade": "rule",
        "reported_grade": "reported",
        "summary": "Overview",
        "figure": "Figure",
    },
}


def _t(locale: str) -> dict[str, str]:
    return _TEXT["zh" if locale.lower().startswith("zh") else "en"]


def _num(value: Decimal | None, locale: str) -> str:
    if value is None:
        return "—"
    text = format(value, "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, locale=locale, places=min(places, 2), trim=True, grouping=False)


def _part(value: Decimal | None, locale: str) -> str:
    """A fund part row's own points, or "/" when it prints none."""
    return "/" if value is None else _num(value, locale)


def _money(amount: Amount | None, locale: str) -> str:
    # Tables show a figure as precisely as it was printed (160.00 stays 160.00).
    return "—" if amount is None else format_amount(amount, locale=locale, places=amount.places)


# -- a neutral table model rendered two ways ---------------------------------------------------

Table = tuple[str, Sequence[str], Sequence[Sequence[str]]]
"""(caption, headers, rows)."""


def _md_cell(text: str) -> str:
    return markdown_cell(text)


def _md_table(table: Table) -> str:
    caption, headers, rows = table
    lines = [
        f"### {markdown_cell(caption)}",
        "",
        "| " + " | ".join(_md_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


_NUMERIC: Final = re.compile(r"[-+−]?[\d,.]+(%|万元|元| yuan| \(10k yuan\))?|—|/")


def _html_table(table: Table) -> str:
    caption, headers, rows = table
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "\n".join(
        "<tr>"
        + "".join(
            f'<td class="num">{escape(c)}</td>'
            if _NUMERIC.fullmatch(c)
            else f"<td>{escape(c)}</td>"
            for c in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table>\n<caption>{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


# -- documents ---------------------------------------------------------------------------------


def _form_columns(layout: str) -> frozenset[str]:
    """The indicator columns of the document's form (指标性质 and 度量单位 only where it has
    them), so that a rendered table is identified as the same form when read back."""
    try:
        return frozenset(layouts.get(layout).indicator_order)
    except BudgetPerfError:
        return frozenset(layouts.get("national").indicator_order)


def _project_tables(
    doc: ProjectEvaluation, sheet: ScoreSheet, locale: str
) -> tuple[list[str], list[Table]]:
    t = _t(locale)
    meta = [f"{t['rules']}：{sheet.rules}"]
    # The form's head as the form prints it, so that the page reads back as the document.
    tables: list[Table] = [
        (
            t["head"],
            [t["project"], doc.title],
            [
                [t["department"], doc.department or "—"],
                [t["implementing"], doc.implementing_unit or "—"],
            ],
        )
    ]
    form_columns = _form_columns(doc.layout)
    lines = list(sheet.lines)
    if doc.budget is not None:
        line = lines.pop(0)
        rows = []
        for i, row in enumerate(doc.budget.rows):
            first = i == 0
            rows.append(
                [
                    row.category,
                    _money(row.initial_budget, locale),
                    _money(row.adjusted_budget, locale),
                    _money(row.executed, locale),
                    "—"
                    if row.reported_rate_percent is None
                    else f"{_num(row.reported_rate_percent, locale)}%",
                    # A part row's own points, as printed (never added to the block's).
                    _num(doc.budget.weight, locale) if first else _part(row.weight, locale),
                    _num(line.computed, locale) if first else "/",
                    _num(line.reported, locale) if first else _part(row.reported_score, locale),
                    line.explanation.text if first else "",
                ]
            )
        tables.append(
            (
                t["budget"],
                [
                    t["fund"],
                    t["initial"],
                    t["adjusted"],
                    t["executed"],
                    t["rate"],
                    t["weight"],
                    t["rule_score"],
                    t["reported"],
                    t["how"],
                ],
                rows,
            )
        )
    if doc.indicators:
        rows = []
        for indicator, line in zip(doc.indicators, lines, strict=True):
            rows.append(
                [
                    indicator.level1,
                    indicator.level2,
                    indicator.name,
                    *([indicator.comparator_text] if "comparator" in form_columns else []),
                    indicator.target.text.strip(" \u3000"),
                    *([indicator.unit] if "unit" in form_columns else []),
                    indicator.actual.text.strip(" \u3000") if indicator.actual else "",
                    _num(indicator.weight, locale),
                    _num(line.computed, locale),
                    _num(line.reported, locale),
                    line.explanation.text,
                    indicator.deviation_note,
                ]
            )
        rows.append(
            [
                t["total"],
                *[""] * (4 + ("comparator" in form_columns) + ("unit" in form_columns)),
                _num(sheet.maximum, locale),
                _num(sheet.total, locale),
                _num(sheet.reported_total, locale),
                sheet.total_explanation.text,
                "",
            ]
        )
        tables.append(
            (
                t["indicators"],
                [
                    t["level1"],
                    t["level2"],
                    t["level3"],
                    *([t["comparator"]] if "comparator" in form_columns else []),
                    t["target"],
                    *([t["unit"]] if "unit" in form_columns else []),
                    t["actual"],
                    t["weight"],
                    t["rule_score"],
                    t["reported"],
                    t["how"],
                    t["note"],
                ],
                rows,
            )
        )
    grade = sheet.grade.value if sheet.grade else "—"
    reported_grade = sheet.reported_grade.value if sheet.reported_grade else "—"
    meta.append(f"{t['grade']}：{t['rule_grade']} {grade}，{t['reported_grade']} {reported_grade}")
    return meta, tables


def _department_tables(
    doc: DepartmentEvaluation, sheet: ScoreSheet, locale: str
) -> tuple[list[str], list[Table]]:
    t = _t(locale)
    by_path = {line.path: line for line in sheet.lines}
    rows: list[list[str]] = []

    def walk(nodes: Sequence[object], path: str, depth: int) -> None:
        for i, node in enumerate(nodes):
            here = f"{path}[{i}]"
            line = by_path[here]
            rows.append(
                [
                    "　" * depth + line.label,
                    _num(line.weight, locale),
                    _num(line.computed, locale),
                    _num(line.reported, locale),
                    line.explanation.text,
                ]
            )
            walk(getattr(node, "children", ()), f"{here}.children", depth + 1)

    walk(doc.dimensions, "dimensions", 0)
    rows.append(
        [
            t["total"],
            _num(sheet.maximum, locale),
            _num(sheet.total, locale),
            _num(sheet.reported_total, locale),
            sheet.total_explanation.text,
        ]
    )
    grade = sheet.grade.value if sheet.grade else "—"
    meta = [f"{t['rules']}：{sheet.rules}", f"{t['grade']}：{t['rule_grade']} {grade}"]
    return meta, [
        (t["dimension"], [t["dimension"], t["max"], t["rule_score"], t["reported"], t["how"]], rows)
    ]


def _accounts_tables(doc: FinalAccounts, locale: str) -> tuple[list[str], list[Table]]:
    t = _t(locale)
    tables: list[Table] = []
    summary = [
        (label, amount)
        for label, amount in (
            ("收、支总计", doc.grand_total),
            ("本年收入合计", doc.income_total),
            ("本年支出合计", doc.expenditure_total),
            ("基本支出", doc.basic),
            ("项目支出", doc.project),
            ("人员经费", doc.personnel),
            ("公用经费", doc.public),
            ("机关运行经费", doc.operating_expenses),
        )
        if amount is not None
    ]
    if summary:
        tables.append(
            (
                t["summary"],
                [t["item"], t["figure"]],
                [[label, _money(amount, locale)] for label, amount in summary],
            )
        )
    if doc.income:
        total = doc.income_total
        rows = [
            [
                line.source.value,
                _money(line.amount, locale),
                format_percent(
                    line.amount.value * 100 / total.to(line.amount.unit).value, locale=locale
                )
                if total is not None and total.value
                else "—",
            ]
            for line in doc.income
        ]
        tables.append((t["income"], [t["source"], t["amount"], t["share"]], rows))
    if doc.functional_lines:
        rows = [
            [
                line.functional_code,
                line.name,
                _money(line.amount, locale),
                line.category.value if line.category else "",
            ]
            for line in doc.functional_lines
        ]
        tables.append((t["spending"], [t["code"], t["name"], t["amount"], ""], rows))
    three = doc.three_public
    if three is not None:
        rows = [
            [name, _money(amount, locale)]
            for name, amount in (
                ("因公出国（境）费", three.outbound),
                ("公务用车购置费", three.vehicle_purchase),
                ("公务用车运行维护费", three.vehicle_operation),
                ("公务接待费", three.reception),
                (t["total"], three.reported_total or three.computed_total),
            )
        ]
        tables.append((t["three"], [t["item"], t["amount"]], rows))
    return [], tables


def _title(document: Document, locale: str = "zh_CN") -> str:
    zh = locale.lower().startswith("zh")
    if isinstance(document, ProjectEvaluation):
        return (
            f"{document.title}（{document.year}年度）"
            if zh
            else f"{document.title} ({document.year})"
        )
    if isinstance(document, DepartmentEvaluation):
        return (
            f"{document.department} {document.year}年度部门整体支出绩效自评"
            if zh
            else f"Department evaluation {document.year}: {document.department}"
        )
    return (
        f"{document.department} {document.year}年度部门决算"
        if zh
        else f"Final accounts {document.year}: {document.department}"
    )


def _parts(
    document: Document, rules: RuleSet | str | None, locale: str
) -> tuple[list[str], list[Table], list[str]]:
    if isinstance(document, ProjectEvaluation):
        meta, tables = _project_tables(document, score(document, rules), locale)
        return meta, tables, []
    if isinstance(document, DepartmentEvaluation):
        meta, tables = _department_tables(document, score(document, rules), locale)
        return meta, tables, []
    meta, tables = _accounts_tables(document, locale)
    return meta, tables, final_accounts_sentences(document, locale=locale)


@exact
def document_markdown(
    document: Document | Batch, *, rules: RuleSet | str | None = None, locale: str = "zh_CN"
) -> str:
    """The document as Markdown tables (a batch: each document in turn)."""
    if isinstance(document, Batch):
        return "\n\n".join(
            document_markdown(d, rules=rules, locale=locale) for d in document.documents
        )
    meta, tables, sentences = _parts(document, rules, locale)
    out = [f"## {markdown_cell(_title(document, locale))}", ""]
    if meta:
        out += ["  \n".join(markdown_cell(m) for m in meta), ""]
    for table in tables:
        out += [_md_table(table), ""]
    if sentences:
        out += (
            [f"### {_t(locale)['narrative']}", ""]
            + [f"- {markdown_cell(s)}" for s in sentences]
            + [""]
        )
    return "\n".join(out).rstrip() + "\n"


_CSS: Final = """
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei',
       'PingFang SC', SimSun, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #eef2f6; }
td { max-width: 32em; } td.num { white-space: nowrap; text-align: right; }
.error { color: #b00020; } .warning { color: #8a5a00; } .info { color: #555; }
@media print { body { margin: 0; } table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
""".strip()


def html_page(title: str, body: str, *, locale: str = "zh_CN") -> str:
    """A standalone, printable HTML page (no scripts)."""
    lang = "zh-CN" if locale.lower().startswith("zh") else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{escape(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def document_section_html(
    document: Document,
    *,
    rules: RuleSet | str | None = None,
    locale: str = "zh_CN",
    charts: bool = True,
    heading: bool = True,
) -> str:
    """One document as an HTML fragment (for pages and for Jupyter)."""
    meta, tables, sentences = _parts(document, rules, locale)
    out = ["<section>"]
    if heading:
        out.append(f"<h2>{escape(_title(document, locale))}</h2>")
    if meta:
        out.append("<p>" + "<br/>".join(escape(m) for m in meta) + "</p>")
    out += [_html_table(table) for table in tables]
    if sentences:
        out.append(
            f"<h3>{escape(_t(locale)['narrative'])}</h3>\n<ul>"
            + "".join(f"<li>{escape(s)}</li>" for s in sentences)
            + "</ul>"
        )
    if charts:
        svgs = (
            final_accounts_charts(document)
            if isinstance(document, FinalAccounts)
            else [score_chart(score(document, rules))]
        )
        if svgs:
            out.append(f"<h3>{escape(_t(locale)['charts'])}</h3>")
            out += [f"<figure>{chart.svg}</figure>" for chart in svgs]
    out.append("</section>")
    return "\n".join(out)


@exact
def document_html(
    document: Document | Batch,
    *,
    rules: RuleSet | str | None = None,
    locale: str = "zh_CN",
    charts: bool = True,
) -> str:
    """The document as a standalone HTML page (a batch: each document in turn)."""
    documents = document.documents if isinstance(document, Batch) else (document,)
    title = (
        (document.title or document.name)
        if isinstance(document, Batch)
        else _title(document, locale)
    )
    body = "\n".join(
        document_section_html(
            d, rules=rules, locale=locale, charts=charts, heading=isinstance(document, Batch)
        )
        for d in documents
    )
    return html_page(title, body, locale=locale)


def _finding_rows(findings: Sequence[Finding]) -> list[list[str]]:
    return [
        [f.severity.value, f.code, f.path, f.message, f.expected or "", f.reported or ""]
        for f in findings
    ]


def findings_markdown(findings: Sequence[Finding], *, locale: str = "zh_CN") -> str:
    """Findings as a Markdown table."""
    t = _t(locale)
    return (
        _md_table(
            (
                t["findings"],
                [t["severity"], "code", t["path"], t["message"], t["expected"], t["reported"]],
                _finding_rows(findings),
            )
        )
        + "\n"
    )


def findings_html(findings: Sequence[Finding], *, locale: str = "zh_CN") -> str:
    """Findings as an HTML table fragment, rows classed by severity."""
    t = _t(locale)
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in (t["severity"], "code", t["path"], t["message"], t["expected"], t["reported"])
    )
    rows = "\n".join(
        f'<tr class="{escape(f.severity.value)}">'
        + "".join(f"<td>{escape(c)}</td>" for c in row)
        + "</tr>"
        for f, row in zip(findings, _finding_rows(findings), strict=True)
    )
    return f"<table>\n<caption>{escape(t['findings'])}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
