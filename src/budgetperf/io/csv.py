"""自评表 spreadsheets as CSV/TSV, the way finance offices keep them.

One file holds one project self-evaluation in three blocks, separated by blank rows:

1. key–value rows: 项目名称, 项目编码, 评价年度, 主管部门, 实施单位 … (English aliases accepted);
2. the budget block, headed ``资金来源（万元）, 年初预算数, 调整后预算数, 执行数, 执行率, 权重, 得分, 原因``;
3. the indicator table, headed ``一级指标, 二级指标, 三级指标, 指标性质, 指标值, 度量单位, 完成值,
   权重, 得分, 偏差原因分析及改进措施`` — columns in any order, with the synonyms of real
   tables (年度指标值, 实际完成值, 分值, 未完成原因分析 …); blank 一级/二级 cells under a merged
   heading inherit the value above;

followed by key–value rows for 合计, 自评等次, 评价结论 … Cells keep their printed text
("　10", "100.00%", "≥5次"). UTF-8 with or without BOM and GB18030/GBK are detected.

    >>> from budgetperf import examples
    >>> doc = examples.load("liangshan-2023").documents[11]
    >>> text = dumps(doc)
    >>> print(text.splitlines()[0])
    项目名称,凉山州级科普专项经费
    >>> loads(text) == doc
    True
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from budgetperf import layouts
from budgetperf.errors import BudgetPerfError, ParseError, SchemaError
from budgetperf.io.cells import is_empty, parse_measure, parse_number, parse_percent
from budgetperf.model import _fields as f
from budgetperf.model.evaluation import BudgetBlock, ProjectEvaluation, SourceRef
from budgetperf.model.funding import FundRow
from budgetperf.model.indicators import (
    Comparator,
    Grade,
    Indicator,
    Measure,
    QualitativeGrade,
    part_rows,
)
from budgetperf.model.project import ProjectCode
from budgetperf.money import Amount, Unit, normalize_text, to_decimal

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_LENGTH",
    "dumps",
    "escape_cell",
    "load_rows",
    "loads",
    "unescape_cell",
]

MAX_CELLS: Final = 1_000_000
"""Most cells one CSV/TSV file may hold (a real 自评表 has a few hundred)."""

MAX_CELL_LENGTH: Final = csv.field_size_limit()
"""Longest cell, in characters (the csv module's limit, 131,072 unless changed)."""

# -- vocabulary ---------------------------------------------------------------------------

# The interchange form's own names — the header it writes first, then its English aliases;
# every synonym that forms print comes from the layouts (budgetperf.layouts), its one home.


def _also(own: tuple[str, ...], printed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*own, *printed)))


def _head_synonyms(field: str) -> tuple[str, ...]:
    return tuple(
        label
        for layout in layouts.LAYOUTS
        for label, mapped in layout.head.items()
        if mapped == field
    )


_HEAD_FIELD: Final = {"reported_total": "total", "reported_grade": "grade"}

_OWN_KEYS: Final = {
    "name": ("项目名称", "project", "name"),
    "code": ("项目编码", "code", "project_code"),
    "sub_project": ("子项目", "sub_project"),
    "year": ("评价年度", "年度", "year"),
    "department": ("主管部门", "department"),
    "implementing_unit": ("实施单位", "实施单位（盖章）", "implementing_unit"),
    "layout": ("表样", "layout"),
    "goals": ("项目年度目标", "年度总体目标", "预期目标", "goals"),
    "goals_completion": ("年度目标完成情况", "实际完成情况", "goals_completion"),
    "summary": ("项目实施内容及过程概述", "summary"),
    "reported_total": ("合计", "总分", "total"),
    "reported_grade": ("自评等次", "grade"),
    "conclusion": ("评价结论", "conclusion"),
    "problems": ("存在问题", "problems"),
    "measures": ("改进措施", "measures"),
    "project_leaders": ("项目负责人", "project_leaders"),
    "finance_leaders": ("财务负责人", "finance_leaders"),
    "source_file": ("来源文件", "source_file"),
    "source_section": ("来源位置", "source_section"),
}
# 主管部门 is a project form's department; a department's own form names itself with 部门名称,
# which is no project's key.
_NOT_PROJECT_KEYS: Final = frozenset({"部门名称", "单位名称", "部门"})
_KEYS: Final = {
    field: _also(
        own,
        tuple(
            label
            for label in _head_synonyms(_HEAD_FIELD.get(field, field))
            if label not in _NOT_PROJECT_KEYS
        ),
    )
    for field, own in _OWN_KEYS.items()
}
_WRITE_KEYS: Final = {field: names[0] for field, names in _KEYS.items()}

_BUDGET_FIELD: Final = {"initial_budget": "initial", "adjusted_budget": "adjusted"}
_BUDGET_COLUMNS: Final = {
    field: _also(own, layouts.ANY_BUDGET.synonyms.get(_BUDGET_FIELD.get(field, field), ()))
    for field, own in {
        "category": ("资金来源", "fund", "category"),
        "initial_budget": ("年初预算数", "initial_budget"),
        "adjusted_budget": ("调整后预算数", "adjusted_budget"),
        "executed": ("执行数", "executed"),
        "rate": ("执行率", "rate", "rate_percent"),
        "weight": ("权重", "weight"),
        "score": ("得分", "score"),
        "reason": ("原因", "reason"),
    }.items()
}
_INDICATOR_COLUMNS: Final = {
    field: _also(own, layouts.ANY_INDICATORS.synonyms.get(field, ()))
    for field, own in {
        "level1": ("一级指标", "level1"),
        "level2": ("二级指标", "level2"),
        "name": ("三级指标", "level3", "name", "indicator"),
        "comparator": ("指标性质", "comparator"),
        "target": ("指标值", "target"),
        "unit": ("度量单位", "unit"),
        "actual": ("完成值", "actual"),
        "weight": ("权重", "weight"),
        "score": ("得分", "score"),
        "note": ("偏差原因分析及改进措施", "note", "deviation_note"),
        "applicable": ("是否适用", "applicable"),
        "grade": ("定性等级", "qualitative_grade"),
        # A part (其中 …): the number of the row it breaks down, counting the table's rows
        # from 1; written only when the table has parts.
        "parent": ("上级指标序号", "parent"),
        # The 一级/二级 points of a form that prints them in columns of their own (海南's):
        # written only when the table has them.
        "level1_weight": ("一级指标分值", "level1_weight"),
        "level2_weight": ("二级指标分值", "level2_weight"),
        # A value corrected by hand (audit --extract-to) that the printed text does not say:
        # written only when needed, so that the correction survives a round trip.
        "target_value": ("指标值（更正）", "target_value"),
        "actual_value": ("完成值（更正）", "actual_value"),
    }.items()
}
_CORRECTED: Final = {"target_value": "指标值（更正）", "actual_value": "完成值（更正）"}
_PARENT: Final = "上级指标序号"
_LEVEL_POINTS: Final = {f: _INDICATOR_COLUMNS[f][0] for f in ("level1_weight", "level2_weight")}
"""The header each column of 一级/二级 points is written under (its first name above)."""
_NO_VALUE: Final = "无数值"
"""The corrected-value cell of a measure whose number was removed by hand (then its unit)."""
_HEADER_WRITE: Final = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "得分",
    "偏差原因分析及改进措施",
)
_UNIT_IN_HEADER: Final = re.compile(r"[（(]\s*(万元|元)\s*[）)]")


# -- spreadsheet safety ----------------------------------------------------------------------

_FORMULA_START: Final = frozenset("=+-@\t\r")
_PLAIN_NUMBER: Final = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)%?")


def escape_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run as a formula (CSV injection).

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, which spreadsheets read as "this is text"; so does a cell that already starts with
    ``'`` followed by one of those, so that :func:`unescape_cell` gives back exactly ``text``.
    Plain numbers (``-3.42``) and a lone ``-`` are left alone: no spreadsheet runs them.

        >>> escape_cell("=SUM(A1)"), escape_cell("-3.42"), escape_cell("≥5次")
        ("'=SUM(A1)", '-3.42', '≥5次')
        >>> unescape_cell(escape_cell("'@sum")) == "'@sum"
        True
    """
    if len(text) < 2:
        return text
    if text[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    if text[0] == "'" and (text[1] in _FORMULA_START or text[1] == "'"):
        return "'" + text
    return text


def unescape_cell(cell: str) -> str:
    """The text :func:`escape_cell` wrote (inverse of it)."""
    if len(cell) > 2 and cell[0] == "'" and (cell[1] in _FORMULA_START or cell[1] == "'"):
        return cell[1:]
    return cell


def _strip(text: str) -> str:
    """Free text as printed, without the blanks around it (full-width ones included)."""
    return text.strip(" \t\r\n\u3000")


def _key(cell: str) -> str:
    return re.sub(r"[\s:：]", "", normalize_text(cell)).lower()


def _lookup(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(alias): field for field, aliases in table.items() for alias in aliases}


_KEY_OF: Final = _lookup(_KEYS)
_BUDGET_OF: Final = _lookup(_BUDGET_COLUMNS)
_INDICATOR_OF: Final = _lookup(_INDICATOR_COLUMNS)


# -- reading --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, rows: list[list[str]], file: str | None) -> None:
        self.rows = rows
        self.file = file

    def error(
        self, row: int, column: str, text: str, zh: str, en: str, expected: str
    ) -> ParseError:
        return ParseError(
            zh, en, file=self.file, row=row, field=column, value=text, expected=expected
        )

    def header_map(self, cells: Sequence[str], vocabulary: dict[str, str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for index, cell in enumerate(cells):
            key = _key(_UNIT_IN_HEADER.sub("", cell))
            field = vocabulary.get(key)
            if field is not None and field not in found:
                found[field] = index
        return found


def _is_budget_header(cells: Sequence[str]) -> bool:
    keys = {_BUDGET_OF.get(_key(_UNIT_IN_HEADER.sub("", c))) for c in cells}
    return "category" in keys and ("executed" in keys or "adjusted_budget" in keys)


def _is_indicator_header(cells: Sequence[str]) -> bool:
    keys = {_INDICATOR_OF.get(_key(c)) for c in cells}
    return {"level1", "weight"} <= keys and ("name" in keys or "level2" in keys)


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def loads(text: str, *, file: str | None = None, delimiter: str | None = None) -> ProjectEvaluation:
    """A project self-evaluation from CSV or TSV text (inverse of :func:`dumps`).

    Raises:
        ParseError: a cell that cannot be read, naming file, row, column and text.
        SchemaError: no 项目名称 or 评价年度, or no indicator table and no budget block.
    """
    text = text.lstrip("\ufeff")
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        rows = [
            [unescape_cell(cell) for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
        ]
    except csv.Error as exc:
        raise ParseError(
            "CSV 格式错误",
            f"malformed CSV: {exc}",
            file=file,
            expected="comma- or tab-separated rows",
        ) from exc
    return load_rows(rows, file=file)


def load_rows(rows: list[list[str]], *, file: str | None = None) -> ProjectEvaluation:
    """A project self-evaluation from the cells of its rows (a CSV file's, a sheet's).

    Raises:
        ParseError, SchemaError: as :func:`loads`.
    """
    count = sum(len(row) for row in rows)
    if count > MAX_CELLS:
        raise ParseError(
            "CSV 单元格过多",
            "too many cells for one self-evaluation",
            file=file,
            value=count,
            expected=f"at most {MAX_CELLS} cells",
        )
    reader = _Reader(rows, file)
    fields: dict[str, tuple[int, str]] = {}
    fund_rows: list[FundRow] = []
    budget_extra: dict[str, tuple[int, str]] = {}
    indicators: list[Indicator] = []
    section = "head"
    budget_cols: dict[str, int] = {}
    unit = Unit.WAN_YUAN
    ind_cols: dict[str, int] = {}
    level1 = level2 = ""
    for number, cells in enumerate(rows, start=1):
        if not any(c.strip() for c in cells):
            if section in ("budget", "indicators"):
                section = "tail"
            continue
        if _is_budget_header(cells):
            section, budget_cols = "budget", reader.header_map(cells, _BUDGET_OF)
            match = _UNIT_IN_HEADER.search(cells[budget_cols["category"]])
            unit = Unit.of(match.group(1)) if match else Unit.WAN_YUAN
            continue
        if _is_indicator_header(cells):
            section, ind_cols = "indicators", reader.header_map(cells, _INDICATOR_OF)
            continue
        if section == "budget":
            fund_rows.append(_fund_row(reader, number, cells, budget_cols, unit, budget_extra))
            continue
        if section == "indicators":
            first = next((c for c in cells if c.strip()), "")
            if _KEY_OF.get(_key(first)) is None:
                indicator, level1, level2 = _indicator(
                    reader, number, cells, ind_cols, level1, level2, len(indicators) + 1
                )
                indicators.append(indicator)
                continue
            # A key row printed directly under the table (合计 as every real 自评表 prints it,
            # 自评等次 …) ends the table: it is not an indicator.
            section = "tail"
            if _KEY_OF[_key(first)] == "reported_total" and cells.index(first) == 0:
                cells = _total_row(reader, number, cells, ind_cols, indicators, budget_extra)
        field = _KEY_OF.get(_key(cells[0]))
        if field is None:
            raise reader.error(
                number,
                "A",
                cells[0],
                "无法识别的行",
                "unrecognised row",
                "a key such as 项目名称, or a budget or indicator header",
            )
        if field in fields:
            # The JSON reader refuses a duplicate key; keeping the last row silently would
            # drop a figure.
            raise reader.error(
                number,
                "A",
                cells[0],
                f"重复的行：{cells[0].strip()}（第 {fields[field][0]} 行已有）",
                f"repeated row {cells[0].strip()!r} (already on row {fields[field][0]})",
                "each key row once",
            )
        fields[field] = (number, cells[1] if len(cells) > 1 else "")
    return _project(reader, fields, fund_rows, budget_extra, indicators)


def _total_row(
    reader: _Reader,
    number: int,
    cells: list[str],
    cols: dict[str, int],
    indicators: list[Indicator],
    budget_extra: dict[str, tuple[int, str]],
) -> list[str]:
    """The 合计 row printed as a table row, as the key–value row ``[合计, score]``.

    Its score is the reported total. Its weight is the maximum, which the document does not
    store: it must equal the weights it sums (budget block and indicators), or the row is
    refused rather than dropped.
    """
    score = _cell(cells, cols.get("score"))
    weight = _cell(cells, cols.get("weight"))
    if not score.strip() and not weight.strip():
        return cells  # printed as a plain key–value row: 合计,106.51
    try:
        printed = parse_number(weight, field="权重")
    except ParseError as exc:
        raise exc.located(file=reader.file, row=number) from None
    # A part's points are its parent row's, counted there (model.indicators.part_rows).
    weights = [i.weight for n, i in enumerate(indicators) if n not in part_rows(tuple(indicators))]
    if printed is not None and None not in weights:  # an unweighted row: nothing to sum
        budget_weight = Decimal(0)
        if "weight" in budget_extra:  # the budget block is above: its weight, 10 by default
            budget_weight = parse_number(budget_extra["weight"][1]) or Decimal(10)
        summed = sum((w for w in weights if w is not None), Decimal(0))
        if printed not in (summed, summed + budget_weight):
            raise reader.error(
                number,
                "权重",
                weight,
                "合计行的权重与各项权重之和不符",
                "the weight on the 合计 row is not the sum of the weights above it",
                f"{summed + budget_weight} (or {summed} without the budget block)",
            )
    return [cells[0], score]


def _fund_row(
    reader: _Reader,
    number: int,
    cells: Sequence[str],
    cols: dict[str, int],
    unit: Unit,
    extra: dict[str, tuple[int, str]],
) -> FundRow:
    def money(field: str) -> Amount | None:
        text = _cell(cells, cols.get(field))
        try:
            value = parse_number(text, field=field)
        except ParseError as exc:
            raise exc.located(file=reader.file, row=number) from None
        if value is not None and value < 0:
            raise reader.error(
                number, field, text, "金额不能为负", "amount must not be negative", "an amount ≥ 0"
            )
        return None if value is None else Amount(value, unit)

    try:
        rate = parse_percent(_cell(cells, cols.get("rate")), field="rate")
    except ParseError as exc:
        raise exc.located(file=reader.file, row=number) from None
    if "weight" not in extra:  # the first row of the block is the total: it carries the score
        extra["weight"] = (number, _cell(cells, cols.get("weight")))
        extra["score"] = (number, _cell(cells, cols.get("score")))
        extra["reason"] = (number, _cell(cells, cols.get("reason")))
    category = _strip(_cell(cells, cols.get("category")))
    if not category:
        raise reader.error(
            number, "资金来源", "", "资金来源为空", "fund row without a name", "总额, 财政资金 …"
        )
    part_weight = part_score = None
    if extra["weight"][0] != number:  # a part row: the points it prints are its own
        try:
            part_weight = parse_number(_cell(cells, cols.get("weight")), field="权重")
            part_score = parse_number(_cell(cells, cols.get("score")), field="得分")
        except ParseError as exc:
            raise exc.located(file=reader.file, row=number) from None
    return FundRow(
        category=category,
        initial_budget=money("initial_budget"),
        adjusted_budget=money("adjusted_budget"),
        executed=money("executed"),
        reported_rate_percent=rate,
        weight=part_weight,
        reported_score=part_score,
    )


def _indicator(
    reader: _Reader,
    number: int,
    cells: Sequence[str],
    cols: dict[str, int],
    level1: str,
    level2: str,
    index: int,
) -> tuple[Indicator, str, str]:
    """Indicator row ``index`` (counting from 1) of the table, on line ``number``."""

    def text(field: str) -> str:
        return _cell(cells, cols.get(field))

    level1 = _strip(text("level1")) or level1
    level2 = _strip(text("level2")) or level2
    try:
        column_comparator = (
            None if is_empty(text("comparator")) else Comparator.parse(text("comparator"))
        )
        target_comparator, target = parse_measure(text("target"))
        _, actual = parse_measure(text("actual"))
        weight = parse_number(text("weight"), field="权重")
        score = parse_number(text("score"), field="得分")
        parent = parse_number(text("parent"), field="上级指标序号")
        level1_weight = parse_number(text("level1_weight"), field="一级指标分值")
        level2_weight = parse_number(text("level2_weight"), field="二级指标分值")
    except ParseError as exc:
        raise exc.located(file=reader.file, row=number) from None
    except BudgetPerfError as exc:
        raise reader.error(
            number, "指标", " | ".join(cells), exc.zh, exc.en, exc.expected or ""
        ) from None
    if parent is not None and not (parent == parent.to_integral_value() and 1 <= parent < index):
        raise reader.error(
            number,
            "上级指标序号",
            text("parent"),
            "上级指标序号应为本行之前的指标行序号",
            "the parent must be the number of an earlier indicator row",
            f"a number from 1 to {index - 1}" if index > 1 else "empty on the first row",
        )
    if weight is None and parent is None:  # a part (其中 …) may print no points
        raise reader.error(
            number,
            "权重",
            text("weight"),
            "指标缺少权重",
            "indicator has no weight",
            "a number such as 10",
        )
    if column_comparator and target_comparator and column_comparator is not target_comparator:
        raise reader.error(
            number,
            "指标性质",
            text("comparator"),
            "指标性质与指标值中的符号不一致",
            "comparator column contradicts the target cell",
            f"{target_comparator.value}",
        )
    target = _corrected(reader, number, text("target_value"), target, text("target"))
    actual = _corrected(reader, number, text("actual_value"), actual, text("actual"))
    applicable_text = normalize_text(text("applicable"))
    grade_text = normalize_text(text("grade"))
    try:
        grade = QualitativeGrade(grade_text) if grade_text else None
    except ValueError:
        raise reader.error(
            number,
            "定性等级",
            grade_text,
            "无法识别的定性等级",
            "unknown qualitative grade",
            "、".join(g.value for g in QualitativeGrade),
        ) from None
    indicator = Indicator(
        level1=level1,
        level2=level2,
        name=_strip(text("name")),
        comparator=column_comparator or target_comparator,
        comparator_text=_strip(text("comparator"))
        if column_comparator
        else (target.comparator_text if target is not None else ""),
        parent=None if parent is None else int(parent) - 1,
        level1_weight=level1_weight,
        level2_weight=level2_weight,
        target=target or Measure(text=text("target")),
        unit=_strip(text("unit")),
        actual=actual,
        weight=weight,
        reported_score=score,
        deviation_note=_strip(text("note")),
        applicable=applicable_text not in ("否", "不适用", "no", "false"),
        qualitative_grade=grade,
    )
    return indicator, level1, level2


def _corrected(
    reader: _Reader, number: int, cell: str, measure: Measure | None, printed: str
) -> Measure | None:
    """``measure`` with the value and unit of a corrected-value cell, when there is one."""
    cell = _strip(cell)
    if not cell:
        return measure
    if cell.startswith(_NO_VALUE):
        return _with_value(measure, printed, None, cell.removeprefix(_NO_VALUE).strip())
    try:
        _, found = parse_measure(cell)
    except ParseError as exc:
        raise exc.located(file=reader.file, row=number, field="更正值") from None
    if found is None or found.value is None:
        raise reader.error(
            number,
            "更正值",
            cell,
            "无法识别的更正值",
            "unreadable corrected value",
            f"a number with its unit such as 13次, or {_NO_VALUE}",
        )
    return _with_value(measure, printed, found.value, found.unit)


def _with_value(measure: Measure | None, printed: str, value: Decimal | None, unit: str) -> Measure:
    """The printed cell with a corrected value and unit; its comparator as printed is kept."""
    if measure is None:
        return Measure(text=printed, value=value, unit=unit)
    return attrs.evolve(measure, value=value, unit=unit)


def _needs_correction(measure: Measure | None) -> bool:
    """Whether the printed text of ``measure`` no longer says its value and unit."""
    if measure is None:
        return False
    _, read = parse_measure(measure.text)
    return (
        (read.value, read.unit) != (measure.value, measure.unit)
        if read
        else (measure.value is not None or measure.unit != "")
    )


def _correction_cell(measure: Measure | None) -> str:
    if not _needs_correction(measure):
        return ""
    assert measure is not None
    if measure.value is None:
        return f"{_NO_VALUE}{measure.unit}"
    return f"{format(measure.value, 'f')}{measure.unit}"


def _project(
    reader: _Reader,
    fields: dict[str, tuple[int, str]],
    fund_rows: list[FundRow],
    budget_extra: dict[str, tuple[int, str]],
    indicators: list[Indicator],
) -> ProjectEvaluation:
    def value(field: str) -> str:
        return fields.get(field, (0, ""))[1].strip()

    def number(field: str, source: dict[str, tuple[int, str]]) -> Decimal | None:
        row, text = source.get(field, (0, ""))
        try:
            return parse_number(text, field=field)
        except ParseError as exc:
            raise exc.located(file=reader.file, row=row) from None

    if not value("name"):
        raise ParseError(
            "缺少项目名称",
            "missing 项目名称",
            file=reader.file,
            field="项目名称",
            expected="a row 项目名称,<name>",
        )
    year_row, year_text = fields.get("year", (0, ""))
    try:
        year_figure = to_decimal(year_text.removesuffix("年"), field="评价年度")
        if year_figure != year_figure.to_integral_value() or not (
            f.FIRST_YEAR <= year_figure <= f.LAST_YEAR
        ):
            raise ParseError("评价年度超出范围", "year out of range")
        year = int(year_figure)
    except BudgetPerfError:
        raise ParseError(
            "缺少或无法识别评价年度",
            "missing or unreadable 评价年度",
            file=reader.file,
            row=year_row or None,
            field="评价年度",
            value=year_text,
            expected=f"a year such as 2023 (from {f.FIRST_YEAR} to {f.LAST_YEAR})",
        ) from None
    code = None
    name = value("name")
    printed_code = re.match(r"([0-9]{8}[RYT][0-9]{12})\s*[-－—]\s*(.+)", normalize_text(name), re.S)
    if printed_code and not value("code"):
        # 项目名称 printed as 〈code〉-〈name〉, as the Sichuan form does.
        fields["code"] = (fields["name"][0], printed_code.group(1))
        name = printed_code.group(2)
    if value("code"):
        try:
            code = ProjectCode.parse(value("code"))
        except ParseError as exc:
            raise exc.located(file=reader.file, row=fields["code"][0], field="项目编码") from None
    grade = None
    if value("reported_grade"):
        try:
            grade = Grade.parse(value("reported_grade"))
        except ParseError as exc:
            raise exc.located(file=reader.file, row=fields["reported_grade"][0]) from None
    budget = None
    if fund_rows:
        weight = number("weight", budget_extra)
        budget = BudgetBlock(
            rows=fund_rows,
            weight=weight if weight is not None else Decimal(10),
            reported_score=number("score", budget_extra),
            reason=budget_extra.get("reason", (0, ""))[1].strip(),
        )
    source = None
    if value("source_file"):
        source = SourceRef(file=value("source_file"), section=value("source_section"))
    return ProjectEvaluation(
        name=name,
        code=code,
        sub_project=value("sub_project"),
        year=year,
        department=value("department"),
        implementing_unit=value("implementing_unit"),
        layout=value("layout") or "national",
        goals=value("goals"),
        goals_completion=value("goals_completion"),
        summary=value("summary"),
        budget=budget,
        indicators=indicators,
        reported_total=number("reported_total", fields),
        reported_grade=grade,
        conclusion=value("conclusion"),
        problems=value("problems"),
        measures=value("measures"),
        project_leaders=tuple(x for x in value("project_leaders").split("、") if x),
        finance_leaders=tuple(x for x in value("finance_leaders").split("、") if x),
        source=source,
    )


# -- writing --------------------------------------------------------------------------------


def _text(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _money(amount: Amount | None, unit: Unit) -> str:
    return "" if amount is None else str(amount.to(unit).value)


def rows(document: ProjectEvaluation) -> list[list[str]]:
    """The rows :func:`dumps` writes (for spreadsheet libraries that take rows).

    Raises:
        SchemaError: the document holds what the 自评表 layout has no place for (the older
            forms' funds by government level or spending by economic class): rather than
            drop it, write JSON.
    """
    if document.level_funding or document.economic_lines:
        raise SchemaError(
            "该自评表含分级次资金或经济分类支出，CSV 版式无法容纳；请导出为 JSON",
            "this form has funds by level or spending by economic class, which the CSV layout "
            "cannot hold; write JSON instead",
            field="level_funding/economic_lines",
            expected="a document in the 自评表 layout",
        )
    if any(i.share is not None or i.converted_score is not None for i in document.indicators):
        raise SchemaError(
            "该自评表含权重占比或折算得分，CSV 版式无法容纳；请导出为 JSON",
            "this form has weight shares or converted scores, which the CSV layout cannot "
            "hold; write JSON instead",
            field="indicators[].share/converted_score",
            expected="a document in the 自评表 layout",
        )
    out: list[list[str]] = []

    def pair(field: str, text: str) -> None:
        if text:
            out.append([_WRITE_KEYS[field], text])

    pair("name", document.name)
    pair("code", str(document.code) if document.code else "")
    pair("sub_project", document.sub_project)
    pair("year", str(document.year))
    pair("department", document.department)
    pair("implementing_unit", document.implementing_unit)
    pair("layout", document.layout)
    pair("goals", document.goals)
    pair("goals_completion", document.goals_completion)
    pair("summary", document.summary)
    if document.budget is not None:
        block = document.budget
        unit = next(
            (
                a.unit
                for r in block.rows
                for a in (r.initial_budget, r.adjusted_budget, r.executed)
                if a is not None
            ),
            Unit.WAN_YUAN,
        )
        out.append([])
        out.append(
            [
                f"资金来源（{unit.value}）",
                "年初预算数",
                "调整后预算数",
                "执行数",
                "执行率",
                "权重",
                "得分",
                "原因",
            ]
        )
        for index, row in enumerate(block.rows):
            rate = "" if row.reported_rate_percent is None else f"{row.reported_rate_percent}%"
            first = index == 0
            out.append(
                [
                    row.category,
                    _money(row.initial_budget, unit),
                    _money(row.adjusted_budget, unit),
                    _money(row.executed, unit),
                    rate,
                    _text(block.weight if first else row.weight),
                    _text(block.reported_score if first else row.reported_score),
                    block.reason if first else "",
                ]
            )
    if document.indicators:
        extra = []
        if any(not i.applicable for i in document.indicators):
            extra.append("是否适用")
        if any(i.qualitative_grade is not None for i in document.indicators):
            extra.append("定性等级")
        if any(_needs_correction(i.target) for i in document.indicators):
            extra.append(_CORRECTED["target_value"])
        if any(_needs_correction(i.actual) for i in document.indicators):
            extra.append(_CORRECTED["actual_value"])
        if any(i.parent is not None for i in document.indicators):
            extra.append(_PARENT)
        extra += [
            header
            for field, header in _LEVEL_POINTS.items()
            if any(getattr(i, field) is not None for i in document.indicators)
        ]
        out.append([])
        out.append([*_HEADER_WRITE, *extra])
        for i in document.indicators:
            cells = [
                i.level1,
                i.level2,
                i.name,
                i.comparator_text,
                i.target.text,
                i.unit,
                i.actual.text if i.actual else "",
                _text(i.weight),
                _text(i.reported_score),
                i.deviation_note,
            ]
            if "是否适用" in extra:
                cells.append("是" if i.applicable else "否")
            if "定性等级" in extra:
                cells.append(i.qualitative_grade.value if i.qualitative_grade else "")
            if _CORRECTED["target_value"] in extra:
                cells.append(_correction_cell(i.target))
            if _CORRECTED["actual_value"] in extra:
                cells.append(_correction_cell(i.actual))
            if _PARENT in extra:
                cells.append("" if i.parent is None else str(i.parent + 1))
            cells += [
                _text(getattr(i, field))
                for field, header in _LEVEL_POINTS.items()
                if header in extra
            ]
            out.append(cells)
    out.append([])
    pair("reported_total", _text(document.reported_total))
    pair("reported_grade", document.reported_grade.value if document.reported_grade else "")
    pair("conclusion", document.conclusion)
    pair("problems", document.problems)
    pair("measures", document.measures)
    pair("project_leaders", "、".join(document.project_leaders))
    pair("finance_leaders", "、".join(document.finance_leaders))
    if document.source is not None:
        pair("source_file", document.source.file)
        pair("source_section", document.source.section)
    return out


def dumps(document: ProjectEvaluation, *, delimiter: str = ",") -> str:
    """The self-evaluation as CSV (``delimiter="\\t"`` for TSV); inverse of :func:`loads`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([escape_cell(cell) for cell in row] for row in rows(document))
    return buffer.getvalue()
