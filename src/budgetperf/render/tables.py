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

For report tools the HTML carries semantic classes (``bp-…``) on every table, row and cell,
stable ids (``d11``, ``d11-indicators``, ``d11-indicators-r3``) and each row's JSON path
(``data-path``), so that a finding links to the row it concerns; the classes add no text, so
the page still reads back as the same documents (see docs/render.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from budgetperf import layouts
from budgetperf.checks.finding import Finding, Severity
from budgetperf.errors import BudgetPerfError, ValidationError
from budgetperf.explanations import GRADE_EN, explanation_in
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    Dimension,
    Document,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.model.indicators import Grade
from budgetperf.money import Amount, Rounding, Unit, exact
from budgetperf.render.format import format_amount, format_number, format_percent
from budgetperf.render.safe import markdown_cell
from budgetperf.render.safe import xml_text as escape
from budgetperf.render.sentences import final_accounts_sentences
from budgetperf.render.svg import final_accounts_charts, score_chart
from budgetperf.scoring.rules import RuleSet, get_rules
from budgetperf.scoring.score import LineStatus, ScoreLine, ScoreSheet, score

__all__ = [
    "STATUS_CLASSES",
    "Row",
    "Table",
    "document_html",
    "document_markdown",
    "findings_html",
    "findings_markdown",
    "format_score",
    "html_page",
    "html_table",
    "markdown_table",
]

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
        "matters": "政府采购与国有资产占用",
        "vehicles_unit": "辆",
        "sets_unit": "台（套）",
        "figure": "数额",
        "contents": "目录",
        "other_findings": "其他检查发现",
        # The older form's blocks (项目单位自评基本情况表) and the head rows every form prints,
        # under the labels the layouts read.
        "planned_funds": "计划安排资金（万元）",
        "in_place_funds": "实际到位资金（万元）",
        "levels": "资金安排（按级次）",
        "economic": "项目支出明细",
        "spending_item": "支出内容",
        "planned_spending": "计划支出数",
        "actual_spending": "实际支出数",
        "total_score": "综合得分",
        "grade_label": "自评等次",
        "project_leaders": "项目负责人",
        "finance_leaders": "财务负责人",
        "conclusion": "评价结论",
        "problems": "存在问题",
        "measures": "改进措施",
        "budget_reason": "未完成原因",
        "department_name": "部门名称",
        "department_head": "部门基本情况",
        "framework": "评价依据",
        "goals": "年度总体目标",
        "expected_goals": "预期目标",
        "achieved": "实际完成情况",
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
        "matters": "Government procurement and state assets",
        "vehicles_unit": " vehicles",
        "sets_unit": " sets",
        "figure": "Figure",
        "contents": "Contents",
        "other_findings": "Other findings",
        "planned_funds": "Funds planned (10k yuan)",
        "in_place_funds": "Funds in place (10k yuan)",
        "levels": "Funds by government level",
        "economic": "Spending by economic class",
        "spending_item": "Item",
        "planned_spending": "Planned",
        "actual_spending": "Actual",
        "total_score": "Total score",
        "grade_label": "Grade",
        "project_leaders": "Project leaders",
        "finance_leaders": "Finance leaders",
        "conclusion": "Conclusion",
        "problems": "Problems",
        "measures": "Measures",
        "budget_reason": "Reason",
        "department_name": "Department",
        "department_head": "Department",
        "framework": "Framework",
        "goals": "Annual goals",
        "expected_goals": "Expected",
        "achieved": "Achieved",
    },
}


STATUS_CLASSES: Final = {
    LineStatus.MET: "bp-met",
    LineStatus.MISSED: "bp-missed",
    LineStatus.JUDGEMENT: "bp-judgement",
    LineStatus.NOT_COMPUTABLE: "bp-not-computable",
    LineStatus.NOT_APPLICABLE: "bp-not-applicable",
    LineStatus.UNWEIGHTED: "bp-unweighted",
    LineStatus.SUM: "bp-sum",
    LineStatus.PART: "bp-child",
}
"""The class a scored row carries for its status (达标 → ``bp-met``, 未达标 → ``bp-missed``,
按判断计分 → ``bp-judgement`` …); the row's ``data-status`` holds the Chinese name."""

_SEVERITY_ORDER: Final = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _t(locale: str) -> dict[str, str]:
    return _TEXT["zh" if locale.lower().startswith("zh") else "en"]


def _grade(grade: Grade | None, locale: str) -> str:
    """A grade as the sheet prints it: 优 …, or Excellent … in English; "—" when none."""
    if grade is None:
        return "—"
    return grade.value if locale.lower().startswith("zh") else GRADE_EN[grade.value]


def _num(value: Decimal | None, locale: str) -> str:
    if value is None:
        return "—"
    text = format(value, "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return format_number(value, locale=locale, places=min(places, 2), trim=True, grouping=False)


def format_score(value: Decimal | None, *, places: int, locale: str = "zh_CN") -> str:
    """A score at the rule set's ``places``, 四舍五入, trailing zeros not printed.

    The rule score and the reported score go through the same function, so they are printed
    alike — 10 beside 10, never 10.00 beside 10::

        >>> format_score(Decimal("10.00"), places=2), format_score(Decimal("10"), places=2)
        ('10', '10')
        >>> format_score(Decimal("9.475"), places=2), format_score(None, places=2)
        ('9.48', '—')
    """
    if value is None:
        return "—"
    rounded = Rounding(places).apply(value)
    return format_number(rounded, locale=locale, places=places, trim=True, grouping=False)


def _part(value: Decimal | None, points: Callable[[Decimal | None], str]) -> str:
    """A fund part row's own points, or "/" when it prints none."""
    return "/" if value is None else points(value)


def _money(amount: Amount | None, locale: str) -> str:
    # Tables show a figure as precisely as it was printed (160.00 stays 160.00).
    return "—" if amount is None else format_amount(amount, locale=locale, places=amount.places)


# -- a neutral table model rendered two ways ---------------------------------------------------


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(slots=True, kw_only=True)
class Row:
    """One table row: its cells' text and what a report tool needs to address it.

    Attributes:
        cells: the text of each cell, as printed.
        classes: the row's classes (status, level, ``bp-total`` …).
        paths: the JSON paths inside the document the row shows (the first is its
            ``data-path``); a finding whose path starts with one of them concerns this row.
        status: the Chinese name of the row's scoring status (``data-status``), if scored.
        label: what a link to the row says (its first cell when empty).
    """

    cells: tuple[str, ...] = attrs.field(converter=_strings)
    classes: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    paths: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    status: str = ""
    label: str = ""


def _rows(items: Iterable[Row]) -> tuple[Row, ...]:
    return tuple(items)


@attrs.frozen(slots=True, kw_only=True)
class Table:
    """A table: ``key`` (its id and class, ``indicators``), caption, headers, rows.

    ``columns`` names each column (``level1``, ``rule``, ``reported`` …: every cell has the
    class ``bp-<column>``); the columns in ``numeric`` are right-aligned, all others left.
    """

    key: str
    caption: str
    headers: tuple[str, ...] = attrs.field(converter=_strings)
    columns: tuple[str, ...] = attrs.field(converter=_strings)
    rows: tuple[Row, ...] = attrs.field(converter=_rows)
    numeric: frozenset[str] = frozenset()


_NUMERIC_COLUMNS: Final = frozenset(
    {
        "initial",
        "adjusted",
        "executed",
        "rate",
        "weight",
        "rule",
        "reported",
        "amount",
        "share",
        "figure",
        "max",
        "level1_points",
        "level2_points",
    }
)


def markdown_table(table: Table) -> str:
    """``table`` as a GitHub-flavoured Markdown table under a ``###`` caption."""
    lines = [
        f"### {markdown_cell(table.caption)}",
        "",
        "| " + " | ".join(markdown_cell(h) for h in table.headers) + " |",
        "|" + "|".join("---" for _ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row.cells) + " |" for row in table.rows]
    return "\n".join(lines)


# Alignment is set on each cell, inline: a notebook's stylesheet (Jupyter right-aligns every
# cell and fixes the table layout) must not override it. Everything else is left to classes.
_LEFT: Final = ' style="text-align:left"'
_RIGHT: Final = ' style="text-align:right;white-space:nowrap"'
_HEAD_LEFT: Final = ' style="text-align:left;white-space:nowrap"'
_HEAD_RIGHT: Final = ' style="text-align:right;white-space:nowrap"'


def _cell_html(text: str) -> str:
    """A cell's text, escaped; a line break it holds is printed as one (``<br/>``), which a
    browser shows and the HTML reader reads back as the same line break."""
    return "<br/>".join(escape(line) for line in text.split("\n"))


def html_table(
    table: Table,
    *,
    prefix: str = "",
    marks: Mapping[int, Sequence[str]] | None = None,
    findings: Mapping[int, Sequence[str]] | None = None,
) -> str:
    """``table`` as an HTML ``<table>`` with classes, ids and inline alignment.

    ``prefix`` (a document id such as ``d11``) makes the ids ``d11-indicators`` and
    ``d11-indicators-r3``; without it the table and rows carry classes only. ``marks`` maps a
    row index to extra classes, ``findings`` to the ids of the findings about the row
    (``data-findings``).

        >>> table = Table(key="t", caption="例", headers=["项目", "得分"],
        ...               columns=["item", "rule"], rows=[Row(cells=["甲", "10"])])
        >>> print(html_table(table).splitlines()[4])
        <tr class="bp-row"><td class="bp-item bp-text" style="text-align:left">甲</td><td class="bp-rule bp-num" style="text-align:right;white-space:nowrap">10</td></tr>
    """
    table_id = f"{prefix}-{table.key}" if prefix else ""
    numeric = table.numeric | (_NUMERIC_COLUMNS & set(table.columns))
    head = "".join(
        f'<th class="bp-{column}" scope="col"'
        f"{_HEAD_RIGHT if column in numeric else _HEAD_LEFT}>{escape(h)}</th>"
        for column, h in zip(table.columns, table.headers, strict=True)
    )
    body: list[str] = []
    for r, row in enumerate(table.rows):
        classes = ["bp-row", *row.classes, *(marks or {}).get(r, ())]
        found = " ".join((findings or {}).get(r, ()))
        attributes = f' class="{escape(" ".join(classes))}"'
        if table_id:
            attributes = f' id="{escape(table_id)}-r{r}"' + attributes
        if row.paths:
            attributes += f' data-path="{escape(row.paths[0])}"'
        if row.status:
            attributes += f' data-status="{escape(row.status)}"'
        if found:
            attributes += f' data-findings="{escape(found)}"'
        cells = "".join(
            f'<td class="bp-{column} {"bp-num" if column in numeric else "bp-text"}"'
            f"{_RIGHT if column in numeric else _LEFT}>{_cell_html(c)}</td>"
            for column, c in zip(table.columns, row.cells, strict=True)
        )
        body.append(f"<tr{attributes}>{cells}</tr>")
    id_attribute = f' id="{escape(table_id)}"' if table_id else ""
    return (
        f'<table{id_attribute} class="bp-table bp-{table.key}" style="table-layout:auto">\n'
        f"<caption>{escape(table.caption)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )


# -- documents ---------------------------------------------------------------------------------


def _form_columns(layout: str) -> frozenset[str]:
    """The indicator columns of the document's form (指标性质 and 度量单位 only where it has
    them), so that a rendered table is identified as the same form when read back."""
    try:
        return frozenset(layouts.get(layout).indicator_order)
    except BudgetPerfError:
        return frozenset(layouts.get("national").indicator_order)


def _places(rules: RuleSet | str | None, sheet: ScoreSheet) -> int:
    """The decimal places of the rule set the sheet was scored under."""
    if isinstance(rules, RuleSet):
        return rules.rounding.places
    try:
        return get_rules(sheet.rules).rounding.places
    except BudgetPerfError:
        return 2


def _scored(line: ScoreLine, *classes: str) -> tuple[tuple[str, ...], str]:
    """A scored row's classes (status; ``bp-differs`` when the printed score is not the
    rule's) and its ``data-status``."""
    differs = line.difference is not None and line.difference != 0
    return (
        (*classes, STATUS_CLASSES[line.status], *(("bp-differs",) if differs else ())),
        line.status.value,
    )


def _head_rows(
    t: dict[str, str],
    pairs: Iterable[tuple[str, str, str]],
) -> list[Row]:
    """Label | value rows of a form's head, only those with a value (path, label, value)."""
    return [Row(cells=[label, value], paths=[path]) for path, label, value in pairs if value]


def _project_tables(
    doc: ProjectEvaluation, sheet: ScoreSheet, locale: str, places: int
) -> tuple[list[str], list[Table]]:
    t = _t(locale)

    def pts(value: Decimal | None) -> str:
        return format_score(value, places=places, locale=locale)

    meta = [f"{t['rules']}{'：' if locale.lower().startswith('zh') else ': '}{sheet.rules}"]
    # The form's head as the form prints it (label | value under the labels the layouts
    # read), so that the page reads back as the document.
    head = [
        Row(cells=[t["department"], doc.department or "—"], paths=["$.department"]),
        Row(
            cells=[t["implementing"], doc.implementing_unit or "—"],
            paths=["$.implementing_unit"],
        ),
        *_head_rows(
            t,
            (
                ("$.project_leaders", t["project_leaders"], "、".join(doc.project_leaders)),
                ("$.finance_leaders", t["finance_leaders"], "、".join(doc.finance_leaders)),
            ),
        ),
    ]
    # A form without an indicator table (the older 项目单位自评基本情况表) prints its total in
    # the head (the others in their 合计 row); the grade is a head row of every form.
    head += _head_rows(
        t,
        (
            (
                "$.reported_total",
                t["total_score"],
                "" if doc.indicators or doc.reported_total is None else pts(doc.reported_total),
            ),
            (
                "$.reported_grade",
                t["grade_label"],
                _grade(doc.reported_grade, locale) if doc.reported_grade else "",
            ),
        ),
    )
    tables: list[Table] = [
        Table(
            key="head",
            caption=t["head"],
            headers=[t["project"], doc.title],
            columns=["item", "value"],
            rows=head,
        )
    ]
    tables += _older_form_tables(doc, t, locale)
    goals = []
    if doc.goals or doc.goals_completion:
        # 年度总体目标 | 预期目标 | 实际完成情况, its label repeated below as a merged cell reads.
        goals.append(
            Table(
                key="goals",
                caption=t["goals"],
                headers=[t["goals"], t["expected_goals"], t["achieved"]],
                columns=["item", "goals", "achieved"],
                rows=[
                    Row(
                        cells=[t["goals"], doc.goals, doc.goals_completion],
                        paths=["$.goals", "$.goals_completion"],
                    )
                ],
            )
        )
    tables += _form_tables(doc, sheet, t, pts, locale, between=goals)
    tail = _head_rows(
        t,
        (
            ("$.conclusion", t["conclusion"], doc.conclusion),
            ("$.problems", t["problems"], doc.problems),
            ("$.measures", t["measures"], doc.measures),
        ),
    )
    if tail:
        # Label | text rows as the form's foot prints them (评价结论 | …, 存在问题 | …).
        tables.append(
            Table(
                key="conclusion",
                caption=t["conclusion"],
                headers=tail[0].cells,
                columns=["item", "value"],
                rows=tail[1:],
            )
        )
    grade = _grade(sheet.grade, locale)
    reported_grade = _grade(sheet.reported_grade, locale)
    colon, comma = ("：", "，") if locale.lower().startswith("zh") else (": ", ", ")
    meta.append(
        f"{t['grade']}{colon}{t['rule_grade']} {grade}{comma}{t['reported_grade']} {reported_grade}"
    )
    return meta, tables


def _wan(amount: Amount | None, locale: str) -> str:
    """A figure under a （万元） header: the number in 万元, as precisely as printed; blank
    where the older form leaves a level it has no funds from blank."""
    if amount is None:
        return ""
    wan = amount.to(Unit.WAN_YUAN)
    return format_number(wan.value, locale=locale, places=wan.places, grouping=False)


def _older_form_tables(doc: ProjectEvaluation, t: dict[str, str], locale: str) -> list[Table]:
    """The 项目单位自评基本情况表's funds by government level and spending by economic class,
    printed as that form prints them (label | planned | label | in place; code+name | planned
    | actual)."""
    tables: list[Table] = []
    if doc.level_funding:
        planned = [f.planned for f in doc.level_funding if f.planned is not None]
        in_place = [f.in_place for f in doc.level_funding if f.in_place is not None]
        tables.append(
            Table(
                key="levels",
                caption=t["levels"],
                headers=[
                    t["planned_funds"],
                    _wan(sum(planned[1:], planned[0]) if planned else None, locale),
                    t["in_place_funds"],
                    _wan(sum(in_place[1:], in_place[0]) if in_place else None, locale),
                ],
                columns=["item", "planned", "item", "in-place"],
                rows=[
                    Row(
                        cells=[
                            f"其中：{f.label}" if k == 0 else f.label,
                            _wan(f.planned, locale),
                            f.label,
                            _wan(f.in_place, locale),
                        ],
                        paths=[f"$.level_funding[{k}]"],
                    )
                    for k, f in enumerate(doc.level_funding)
                ],
                numeric=frozenset({"planned", "in-place"}),
            )
        )
    if doc.economic_lines:
        tables.append(
            Table(
                key="economic",
                caption=t["economic"],
                headers=[t["spending_item"], t["planned_spending"], t["actual_spending"]],
                columns=["item", "planned", "amount"],
                rows=[
                    Row(
                        cells=[
                            f"{line.economic_code}{line.name}",
                            _money(line.planned, locale),
                            _money(line.amount, locale),
                        ],
                        paths=[f"$.economic_lines[{k}]"],
                    )
                    for k, line in enumerate(doc.economic_lines)
                ],
                numeric=frozenset({"planned"}),
            )
        )
    return tables


def _form_tables(
    doc: ProjectEvaluation | DepartmentEvaluation,
    sheet: ScoreSheet,
    t: dict[str, str],
    pts: Callable[[Decimal | None], str],
    locale: str,
    between: Sequence[Table] = (),
) -> list[Table]:
    """The budget block and the indicator table of a form (a project's, or a 部门整体支出绩效
    自评表's), in the columns of the document's own layout, with ``between`` (the goals block)
    where the form prints it, after the budget block."""
    tables: list[Table] = []
    form_columns = _form_columns(doc.layout)
    lines = [line for line in sheet.lines if not line.path.startswith("dimensions")]
    if doc.budget is not None:
        line = lines.pop(0)
        rows = []
        for i, row in enumerate(doc.budget.rows):
            first = i == 0
            classes, status = _scored(line, "bp-budget-total") if first else (("bp-part",), "")
            rows.append(
                Row(
                    cells=[
                        row.category,
                        _money(row.initial_budget, locale),
                        _money(row.adjusted_budget, locale),
                        _money(row.executed, locale),
                        "—"
                        if row.reported_rate_percent is None
                        else f"{_num(row.reported_rate_percent, locale)}%",
                        # A part row's own points, as printed (never added to the block's).
                        pts(doc.budget.weight) if first else _part(row.weight, pts),
                        pts(line.computed) if first else "/",
                        pts(line.reported) if first else _part(row.reported_score, pts),
                        explanation_in(line.explanation.text, locale) if first else "",
                        doc.budget.reason if first else "",
                    ],
                    classes=classes,
                    status=status,
                    paths=[f"$.budget.rows[{i}]", *(["$.budget"] if first else [])],
                )
            )
        tables.append(
            Table(
                key="budget",
                caption=t["budget"],
                headers=[
                    t["fund"],
                    t["initial"],
                    t["adjusted"],
                    t["executed"],
                    t["rate"],
                    t["weight"],
                    t["rule_score"],
                    t["reported"],
                    t["how"],
                    t["budget_reason"],
                ],
                columns=[
                    "fund",
                    "initial",
                    "adjusted",
                    "executed",
                    "rate",
                    "weight",
                    "rule",
                    "reported",
                    "how",
                    "reason",
                ],
                rows=rows,
            )
        )
    tables += between
    if doc.indicators:
        comparator = "comparator" in form_columns
        unit = "unit" in form_columns
        # The 一级/二级 points of a form that prints them in columns of their own, printed so
        # (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 …): the audit reads them back there.
        points1 = any(i.level1_weight is not None for i in doc.indicators)
        points2 = any(i.level2_weight is not None for i in doc.indicators)
        rows = []
        for k, (indicator, line) in enumerate(zip(doc.indicators, lines, strict=True)):
            classes, status = _scored(line)
            rows.append(
                Row(
                    cells=[
                        indicator.level1,
                        *([pts(indicator.level1_weight)] * points1),
                        indicator.level2,
                        *([pts(indicator.level2_weight)] * points2),
                        indicator.name,
                        *([indicator.comparator_text] * comparator),
                        indicator.target.text,
                        *([indicator.unit] * unit),
                        indicator.actual.text if indicator.actual else "",
                        pts(indicator.weight),
                        pts(line.computed),
                        pts(line.reported),
                        explanation_in(line.explanation.text, locale),
                        indicator.deviation_note,
                    ],
                    classes=classes,
                    status=status,
                    paths=[f"$.indicators[{k}]"],
                    label=indicator.name,
                )
            )
        rows.append(
            Row(
                cells=[
                    t["total"],
                    *[""] * (4 + comparator + unit + points1 + points2),
                    pts(sheet.maximum),
                    pts(sheet.total),
                    pts(sheet.reported_total),
                    explanation_in(sheet.total_explanation.text, locale),
                    "",
                ],
                classes=[
                    "bp-total",
                    *(
                        ("bp-differs",)
                        if sheet.total is not None
                        and sheet.reported_total is not None
                        and sheet.total != sheet.reported_total
                        else ()
                    ),
                ],
                paths=["$.reported_total", "$.reported_grade"],
            )
        )
        tables.append(
            Table(
                key="indicators",
                caption=t["indicators"],
                headers=[
                    t["level1"],
                    *([t["max"]] * points1),
                    t["level2"],
                    *([t["max"]] * points2),
                    t["level3"],
                    *([t["comparator"]] * comparator),
                    t["target"],
                    *([t["unit"]] * unit),
                    t["actual"],
                    t["weight"],
                    t["rule_score"],
                    t["reported"],
                    t["how"],
                    t["note"],
                ],
                columns=[
                    "level1",
                    *(["level1_points"] * points1),
                    "level2",
                    *(["level2_points"] * points2),
                    "level3",
                    *(["comparator"] * comparator),
                    "target",
                    *(["unit"] * unit),
                    "actual",
                    "weight",
                    "rule",
                    "reported",
                    "how",
                    "note",
                ],
                rows=rows,
            )
        )
    return tables


def _department_tables(
    doc: DepartmentEvaluation, sheet: ScoreSheet, locale: str, places: int
) -> tuple[list[str], list[Table]]:
    """A department evaluation as its forms print it: the head (部门名称 | …), the budget
    block and indicator table of a 部门整体支出绩效自评表 when it has them, and its dimension
    tree as a scoring table — 一级指标 / 二级指标 / 三级指标 | 分值 | 得分, one row per node, a
    node's ancestors repeated to its left as merged cells read back, so that the audit reads
    the tree by the path of a published scoring table.

    Raises:
        ValidationError: the tree is deeper than the form's three levels.
    """
    t = _t(locale)
    by_path = {line.path: line for line in sheet.lines}
    rows: list[Row] = []

    def pts(value: Decimal | None) -> str:
        return format_score(value, places=places, locale=locale)

    def walk(nodes: Sequence[Dimension], path: str, above: tuple[str, ...]) -> None:
        for i, node in enumerate(nodes):
            here = f"{path}[{i}]"
            line = by_path[here]
            depth = len(above)
            if depth > 2:
                raise ValidationError(
                    "评分表只有一级、二级、三级指标三列，无法印出第四级维度",
                    "a scoring table has three levels (一级/二级/三级); a fourth cannot be printed",
                    field=f"$.{here}",
                    value=node.name,
                    expected="a dimension tree at most three levels deep",
                )
            labels = (*above, node.name)
            # 一级 / 二级 / 三级: the depth of the dimension tree.
            classes, status = _scored(line, f"bp-depth-{depth}", f"bp-level{depth + 1}")
            rows.append(
                Row(
                    cells=[
                        *labels,
                        *[""] * (3 - len(labels)),
                        pts(node.weight),
                        pts(line.computed),
                        pts(line.reported),
                        explanation_in(line.explanation.text, locale),
                        node.note,
                    ],
                    classes=classes,
                    status=status,
                    paths=[f"$.{here}"],
                    label=node.name,
                )
            )
            walk(node.children, f"{here}.children", labels)

    head = Table(
        key="head",
        caption=t["department_head"],
        headers=[t["department_name"], doc.department or "—"],
        columns=["item", "value"],
        rows=_head_rows(t, (("$.framework", t["framework"], doc.framework),)),
    )
    tables = [head, *_form_tables(doc, sheet, t, pts, locale)]
    walk(doc.dimensions, "dimensions", ())
    if doc.dimensions:
        rows.append(
            Row(
                cells=[
                    t["total"],
                    "",
                    "",
                    pts(sheet.maximum),
                    pts(sheet.total),
                    pts(sheet.reported_total),
                    explanation_in(sheet.total_explanation.text, locale),
                    "",
                ],
                classes=["bp-total"],
                paths=["$.reported_total", "$.reported_grade"],
            )
        )
        tables.append(
            Table(
                key="dimensions",
                caption=t["dimension"],
                headers=[
                    t["level1"],
                    t["level2"],
                    t["level3"],
                    t["max"],
                    t["rule_score"],
                    t["reported"],
                    t["how"],
                    t["note"],
                ],
                columns=["level1", "level2", "level3", "max", "rule", "reported", "how", "note"],
                rows=rows,
            )
        )
    colon = "：" if locale.lower().startswith("zh") else ": "
    meta = [
        f"{t['rules']}{colon}{sheet.rules}",
        f"{t['grade']}{colon}{t['rule_grade']} {_grade(sheet.grade, locale)}",
    ]
    return meta, tables


def _accounts_tables(doc: FinalAccounts, locale: str) -> tuple[list[str], list[Table]]:
    t = _t(locale)
    tables: list[Table] = []
    summary = [
        (label, field, amount)
        for label, field, amount in (
            ("收、支总计", "grand_total", doc.grand_total),
            ("本年收入合计", "income_total", doc.income_total),
            ("本年支出合计", "expenditure_total", doc.expenditure_total),
            ("基本支出", "basic", doc.basic),
            ("项目支出", "project", doc.project),
            ("人员经费", "personnel", doc.personnel),
            ("公用经费", "public", doc.public),
            ("机关运行经费", "operating_expenses", doc.operating_expenses),
        )
        if amount is not None
    ]
    if summary:
        tables.append(
            Table(
                key="summary",
                caption=t["summary"],
                headers=[t["item"], t["figure"]],
                columns=["item", "figure"],
                rows=[
                    Row(cells=[label, _money(amount, locale)], paths=[f"$.{field}"])
                    for label, field, amount in summary
                ],
            )
        )
    if doc.income:
        total = doc.income_total
        rows = [
            Row(
                cells=[
                    line.source.value,
                    _money(line.amount, locale),
                    format_percent(
                        line.amount.value * 100 / total.to(line.amount.unit).value, locale=locale
                    )
                    if total is not None and total.value
                    else "—",
                ],
                paths=[f"$.income[{k}]"],
            )
            for k, line in enumerate(doc.income)
        ]
        tables.append(
            Table(
                key="income",
                caption=t["income"],
                headers=[t["source"], t["amount"], t["share"]],
                columns=["source", "amount", "share"],
                rows=rows,
            )
        )
    if doc.functional_lines:
        rows = [
            Row(
                cells=[
                    line.functional_code,
                    line.name,
                    _money(line.amount, locale),
                    line.category.value if line.category else "",
                ],
                classes=[f"bp-level{min(len(line.functional_code) // 2, 3)}"],
                paths=[f"$.functional_lines[{k}]"],
            )
            for k, line in enumerate(doc.functional_lines)
        ]
        tables.append(
            Table(
                key="spending",
                caption=t["spending"],
                headers=[t["code"], t["name"], t["amount"], ""],
                columns=["code", "name", "amount", "category"],
                rows=rows,
            )
        )
    three = doc.three_public
    if three is not None:
        rows = [
            Row(
                cells=[name, _money(amount, locale)],
                classes=["bp-total"] if field == "reported_total" else [],
                paths=[f"$.three_public.{field}"],
            )
            for name, field, amount in (
                ("因公出国（境）费", "outbound", three.outbound),
                ("公务用车购置费", "vehicle_purchase", three.vehicle_purchase),
                ("公务用车运行维护费", "vehicle_operation", three.vehicle_operation),
                ("公务接待费", "reception", three.reception),
                (t["total"], "reported_total", three.reported_total or three.computed_total),
            )
        ]
        tables.append(
            Table(
                key="three",
                caption=t["three"],
                headers=[t["item"], t["amount"]],
                columns=["item", "amount"],
                rows=rows,
            )
        )
    matters = _matters_rows(doc, locale)
    if matters:
        tables.append(
            Table(
                key="matters",
                caption=t["matters"],
                headers=[t["item"], t["figure"], t["share"]],
                columns=["item", "figure", "share"],
                rows=matters,
            )
        )
    return [], tables


def _matters_rows(doc: FinalAccounts, locale: str) -> list[Row]:
    """政府采购 and 国有资产占用 as printed: a row a figure stated, none for one not stated."""
    t = _t(locale)
    rows: list[Row] = []
    procurement = doc.procurement
    if procurement is not None:
        for label, field, amount, share in (
            ("政府采购支出总额", "total", procurement.total, None),
            ("政府采购货物支出", "goods", procurement.goods, None),
            ("政府采购工程支出", "works", procurement.works, None),
            ("政府采购服务支出", "services", procurement.services, None),
            (
                "授予中小企业合同金额",
                "sme_contracts",
                procurement.sme_contracts,
                procurement.sme_share_percent,
            ),
            (
                "授予小微企业合同金额",
                "small_micro_contracts",
                procurement.small_micro_contracts,
                procurement.small_micro_share_percent,
            ),
        ):
            if amount is None and share is None:
                continue
            rows.append(
                Row(
                    cells=[
                        label,
                        _money(amount, locale) if amount is not None else "—",
                        format_percent(share, locale=locale) if share is not None else "",
                    ],
                    paths=[f"$.procurement.{field}"],
                )
            )
    assets = doc.state_assets
    if assets is not None:
        vehicles = t["vehicles_unit"]
        if assets.vehicles is not None:
            rows.append(
                Row(
                    cells=["车辆", f"{assets.vehicles}{vehicles}", ""],
                    classes=["bp-total"],
                    paths=["$.state_assets.vehicles"],
                )
            )
        rows += [
            Row(
                cells=[part.kind, f"{part.count}{vehicles}", ""],
                classes=["bp-level2"],
                paths=[f"$.state_assets.vehicle_kinds[{k}]"],
            )
            for k, part in enumerate(assets.vehicle_kinds)
        ]
        if assets.equipment_over_million is not None:
            rows.append(
                Row(
                    cells=[
                        "单价100万元（含）以上设备（不含车辆）",
                        f"{assets.equipment_over_million}{t['sets_unit']}",
                        "",
                    ],
                    paths=["$.state_assets.equipment_over_million"],
                )
            )
    return rows


def _title(document: Document, locale: str = "zh_CN") -> str:
    zh = locale.lower().startswith("zh")
    if isinstance(document, ProjectEvaluation):
        return (
            f"{document.title}（{document.year}年度）"
            if zh
            else f"{document.title} ({document.year})"
        )
    if isinstance(document, DepartmentEvaluation):
        # A department scoring table is titled as its form is (评分表), which is what tells it
        # from a 部门整体支出绩效自评表 with the same 一级/二级/三级 | 分值 | 得分 header.
        layout = next((x for x in layouts.LAYOUTS if x.name == document.layout), None)
        scoring = layout is not None and layout.kind is layouts.FormKind.DEPARTMENT_SCORING
        form = layout.title if layout is not None and scoring else "部门整体支出绩效自评"
        return (
            f"{document.department} {document.year}年度{form}"
            if zh
            else f"Department evaluation {document.year}: {document.department}"
        )
    if document.states_scores_only():
        # The scores and grades a self-evaluation report's sentences state, nothing else.
        department = document.department
        if zh:
            return (
                f"{department} {document.year}年度绩效自评（文字）"
                if department
                else (f"{document.year}年度绩效自评（文字）")
            )
        english = f"Self-evaluation (text) {document.year}"
        return f"{english}: {department}" if department else english
    return (
        f"{document.department} {document.year}年度部门决算"
        if zh
        else f"Final accounts {document.year}: {document.department}"
    )


def _parts(
    document: Document, rules: RuleSet | str | None, locale: str
) -> tuple[list[str], list[Table], list[str]]:
    if isinstance(document, ProjectEvaluation):
        sheet = score(document, rules)
        meta, tables = _project_tables(document, sheet, locale, _places(rules, sheet))
        return meta, tables, []
    if isinstance(document, DepartmentEvaluation):
        sheet = score(document, rules)
        meta, tables = _department_tables(document, sheet, locale, _places(rules, sheet))
        return meta, tables, []
    meta, tables = _accounts_tables(document, locale)
    return meta, tables, final_accounts_sentences(document, locale=locale)


@exact
def document_markdown(
    document: Document | Batch,
    *,
    rules: RuleSet | str | None = None,
    locale: str = "zh_CN",
    with_findings: bool = False,
) -> str:
    """The document as Markdown tables (a batch: each document in turn); ``with_findings``
    adds the document's findings as a table after its own."""
    if isinstance(document, Batch):
        return "\n\n".join(
            document_markdown(d, rules=rules, locale=locale, with_findings=with_findings)
            for d in document.documents
        )
    meta, tables, sentences = _parts(document, rules, locale)
    out = [f"## {markdown_cell(_title(document, locale))}", ""]
    if meta:
        out += ["  \n".join(markdown_cell(m) for m in meta), ""]
    for table in tables:
        out += [markdown_table(table), ""]
    if sentences:
        out += (
            [f"### {_t(locale)['narrative']}", ""]
            + [f"- {markdown_cell(s)}" for s in sentences]
            + [""]
        )
    if with_findings:
        from budgetperf.checks import check
        from budgetperf.render.messages import localize

        found = [localize(f, locale) for f in check(document, rules)]
        if found:
            out += [markdown_table(_findings_table(found, locale)), ""]
    return "\n".join(out).rstrip() + "\n"


CSS: Final = """
:root { --bp-font: 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei',
        'PingFang SC', SimSun, sans-serif; --bp-border: #999; --bp-head: #eef2f6;
        --bp-error: #b00020; --bp-warning: #8a5a00; --bp-info: #555; --bp-differs: #fff4e5; }
body.bp-page { font-family: var(--bp-font); margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; }
table.bp-table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
.bp-table caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
.bp-table th, .bp-table td { border: 1px solid var(--bp-border); padding: 0.25em 0.5em; vertical-align: top; }
.bp-table th { background: var(--bp-head); }
.bp-table td { max-width: 32em; }
.bp-table tr.bp-total td { font-weight: bold; }
.bp-table td.bp-level1, .bp-table td.bp-code { white-space: nowrap; }
.bp-table tr.bp-differs td.bp-reported { background: var(--bp-differs); }
.bp-table tr.bp-has-findings td:first-child::before { content: "⚑ "; color: var(--bp-warning); }
.bp-table tr.bp-has-findings.bp-error td:first-child::before { color: var(--bp-error); }
.bp-table tr:target td { outline: 2px solid var(--bp-warning); }
.bp-annotated { display: flex; gap: 1em; align-items: flex-start; }
.bp-annotated > table { flex: 0 1 auto; }
aside.bp-findings { flex: 0 0 18em; font-size: 0.85em; border-left: 3px solid var(--bp-warning); padding: 0 0.5em; }
aside.bp-findings ol { margin: 0; padding-left: 1.2em; }
.error, .bp-error { color: var(--bp-error); } .warning, .bp-warning { color: var(--bp-warning); }
.info, .bp-info { color: var(--bp-info); }
.bp-table tr.bp-error, .bp-table tr.bp-warning, .bp-table tr.bp-info { color: inherit; }
nav.bp-toc ol { padding-left: 1.5em; }
@media print { body.bp-page { margin: 0; } .bp-table { page-break-inside: auto; }
  .bp-table tr { page-break-inside: avoid; } .bp-annotated { display: block; } }
""".strip()
"""The page's built-in stylesheet (classes ``bp-…`` and custom properties ``--bp-…``)."""


def html_page(
    title: str,
    body: str,
    *,
    locale: str = "zh_CN",
    stylesheets: Sequence[str] = (),
    css: str = "",
) -> str:
    """A standalone, printable HTML page (no scripts).

    The stylesheet hook: each of ``stylesheets`` (URLs) is linked, and ``css`` is added,
    *after* the built-in stylesheet, so a report tool's rules on the ``bp-…`` classes win.
    """
    lang = "zh-CN" if locale.lower().startswith("zh") else "en"
    links = "".join(f'<link rel="stylesheet" href="{escape(href)}"/>\n' for href in stylesheets)
    # "</" cannot end the style element early (a CSS escape keeps its meaning).
    safe_css = css.replace("</", "<\\/")
    extra = f'<style class="bp-user-css">\n{safe_css}\n</style>\n' if css else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}\n</style>\n{links}{extra}</head>\n"
        f'<body class="bp-page">\n'
        f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def _concerns(path: str, row_path: str) -> bool:
    return path == row_path or path.startswith((row_path + ".", row_path + "["))


def _worst(findings: Sequence[Finding]) -> Severity:
    return min((f.severity for f in findings), key=_SEVERITY_ORDER.index)


def _finding_item(finding: Finding, finding_id: str, href: str, label: str) -> str:
    where = f'<a class="bp-row-link" href="#{escape(href)}">{escape(label)}</a>：' if href else ""
    return (
        f'<li id="{escape(finding_id)}" class="bp-finding bp-{finding.severity.value}" '
        f'data-code="{escape(finding.code)}" data-path="{escape(finding.path)}">{where}'
        f'<span class="bp-message">{escape(finding.message)}</span></li>'
    )


def document_section_html(
    document: Document,
    *,
    rules: RuleSet | str | None = None,
    locale: str = "zh_CN",
    charts: bool = True,
    heading: bool = True,
    index: int = 0,
    findings: Sequence[Finding] | None = None,
) -> str:
    """One document as an HTML fragment (for pages and for Jupyter).

    The section's id is ``d<index>`` (its place in the batch, as in ``$.documents[index]``);
    tables and rows have ids below it. ``findings`` (the document's own, paths from ``$.``)
    are listed in an ``<aside class="bp-findings">`` beside the table holding the row each
    concerns, linked to that row; the rest after the tables.
    """
    from budgetperf.render.messages import localize

    meta, tables, sentences = _parts(document, rules, locale)
    doc_id = f"d{index}"
    kind = {
        ProjectEvaluation: "project",
        DepartmentEvaluation: "department",
        FinalAccounts: "final-accounts",
    }[type(document)]
    out = [f'<section id="{doc_id}" class="bp-document bp-{kind}" data-index="{index}">']
    if heading:
        out.append(f"<h2>{escape(_title(document, locale))}</h2>")
    if meta:
        out.append('<p class="bp-meta">' + "<br/>".join(escape(m) for m in meta) + "</p>")
    placed: dict[tuple[int, int], list[tuple[int, Finding]]] = {}
    loose: list[tuple[int, Finding]] = []
    for n, finding in enumerate(localize(f, locale) for f in findings or ()):
        best: tuple[int, int, int] | None = None  # (length of the matched path, table, row)
        for ti, table in enumerate(tables):
            for ri, row in enumerate(table.rows):
                for row_path in row.paths:
                    if _concerns(finding.path, row_path) and (
                        best is None or len(row_path) > best[0]
                    ):
                        best = (len(row_path), ti, ri)
        if best is None:
            loose.append((n, finding))
        else:
            placed.setdefault((best[1], best[2]), []).append((n, finding))
    for ti, table in enumerate(tables):
        here = {ri: found for (tj, ri), found in placed.items() if tj == ti}
        rendered = html_table(
            table,
            prefix=doc_id,
            marks={
                ri: ("bp-has-findings", f"bp-{_worst([f for _, f in found]).value}")
                for ri, found in here.items()
            },
            findings={ri: [f"{doc_id}-f{n}" for n, _ in found] for ri, found in here.items()},
        )
        if findings is None:
            out.append(rendered)
            continue
        items = [
            _finding_item(
                f,
                f"{doc_id}-f{n}",
                f"{doc_id}-{table.key}-r{ri}",
                table.rows[ri].label or table.rows[ri].cells[0] or "—",
            )
            for (tj, ri), found in sorted(placed.items())
            if tj == ti
            for n, f in found
        ]
        if items:
            out.append(
                f'<div class="bp-annotated">\n{rendered}\n<aside class="bp-findings" '
                f'aria-label="{escape(_t(locale)["findings"])}"><ol>'
                + "".join(items)
                + "</ol></aside>\n</div>"
            )
        else:
            out.append(rendered)
    if loose:
        out.append(
            f'<aside class="bp-findings bp-other-findings"><h3>'
            f"{escape(_t(locale)['other_findings'])}</h3><ol>"
            + "".join(_finding_item(f, f"{doc_id}-f{n}", "", "") for n, f in loose)
            + "</ol></aside>"
        )
    if sentences:
        out.append(
            f'<h3>{escape(_t(locale)["narrative"])}</h3>\n<ul class="bp-narrative">'
            + "".join(f"<li>{escape(s)}</li>" for s in sentences)
            + "</ul>"
        )
    if charts:
        svgs = (
            final_accounts_charts(document, locale=locale)
            if isinstance(document, FinalAccounts)
            else [score_chart(score(document, rules), locale=locale)]
        )
        if svgs:
            out.append(f"<h3>{escape(_t(locale)['charts'])}</h3>")
            out += [f'<figure class="bp-chart">{chart.svg}</figure>' for chart in svgs]
    out.append("</section>")
    return "\n".join(out)


def _toc(batch: Batch, locale: str) -> str:
    items = "".join(
        f'<li><a href="#d{i}">{escape(_title(d, locale))}</a></li>'
        for i, d in enumerate(batch.documents)
    )
    return (
        f'<nav class="bp-toc" aria-label="{escape(_t(locale)["contents"])}"><h2>'
        f"{escape(_t(locale)['contents'])}</h2><ol>{items}</ol></nav>"
    )


@exact
def document_html(
    document: Document | Batch,
    *,
    rules: RuleSet | str | None = None,
    locale: str = "zh_CN",
    charts: bool = True,
    with_findings: bool = False,
    stylesheets: Sequence[str] = (),
    css: str = "",
) -> str:
    """The document as a standalone HTML page (a batch: a table of contents, then each
    document in turn).

    ``with_findings`` checks each document and shows its findings beside the rows they
    concern; ``stylesheets`` and ``css`` are the stylesheet hook (see :func:`html_page`).
    """
    from budgetperf.checks import check

    batch = isinstance(document, Batch)
    documents = document.documents if isinstance(document, Batch) else (document,)
    title = (
        (document.title or document.name)
        if isinstance(document, Batch)
        else _title(document, locale)
    )
    sections = [
        document_section_html(
            d,
            rules=rules,
            locale=locale,
            charts=charts,
            heading=batch,
            index=i,
            findings=check(d, rules) if with_findings else None,
        )
        for i, d in enumerate(documents)
    ]
    if isinstance(document, Batch):
        sections.insert(0, _toc(document, locale))
    return html_page(title, "\n".join(sections), locale=locale, stylesheets=stylesheets, css=css)


def _finding_rows(findings: Sequence[Finding]) -> list[list[str]]:
    return [
        [f.severity.value, f.code, f.path, f.message, f.expected or "", f.reported or ""]
        for f in findings
    ]


def _findings_table(findings: Sequence[Finding], locale: str) -> Table:
    t = _t(locale)
    return Table(
        key="findings",
        caption=t["findings"],
        headers=[t["severity"], "code", t["path"], t["message"], t["expected"], t["reported"]],
        columns=["severity", "code", "path", "message", "expected", "reported"],
        rows=[
            Row(
                cells=cells,
                # "error" / "warning" / "info" as before, and the bp- names of the page.
                classes=[f.severity.value, f"bp-{f.severity.value}"],
                paths=[f.path],
            )
            for f, cells in zip(findings, _finding_rows(findings), strict=True)
        ],
    )


def findings_markdown(findings: Sequence[Finding], *, locale: str = "zh_CN") -> str:
    """Findings as a Markdown table."""
    return markdown_table(_findings_table(findings, locale)) + "\n"


def findings_html(findings: Sequence[Finding], *, locale: str = "zh_CN") -> str:
    """Findings as an HTML table fragment, rows classed by severity (``bp-error`` …)."""
    return html_table(_findings_table(findings, locale))
