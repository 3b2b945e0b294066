"""Header-driven recognition of self-evaluation tables (自评表识别), in any layout.

The rows of every table of a document are read as one stream. A form starts at its
项目名称; its budget block and indicator table are found by their header rows, whatever the
column order and whichever synonyms the province uses (年度指标值/指标值, 实际完成值/完成值,
分值/权重, 全年预算数/调整后预算数 …); merged cells may be repeated (DOCX, HTML) or blank
(text) — a blank 一级/二级 inherits the value above. A comparator printed in the target cell
("≥95%") is split off. Older forms (funds planned and in place by government level,
spending by economic class, only a total score and grade) are recognised by their labels.
A header row whose columns cannot be mapped is reported as unparsed, quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from budgetperf import layouts
from budgetperf.errors import BudgetPerfError, shorten
from budgetperf.grid import Block, Grid
from budgetperf.io.cells import is_empty, parse_measure, parse_number, parse_percent
from budgetperf.layouts._vocabulary import GOAL_ROLES, INDICATORS, LEVEL1, LEVEL2_UNDER
from budgetperf.model.evaluation import (
    BudgetBlock,
    DepartmentEvaluation,
    Dimension,
    ProjectEvaluation,
    SourceRef,
)
from budgetperf.model.funding import FundRow, GovernmentLevel, LevelFunding
from budgetperf.model.indicators import Comparator, Grade, Indicator, Measure
from budgetperf.model.project import ProjectCode
from budgetperf.model.spending import EconomicLine
from budgetperf.money import Amount, Unit, normalize_text, plain_script

__all__ = ["Unparsed", "extract_projects"]


@attrs.frozen(slots=True, kw_only=True)
class Unparsed:
    """Content that could not be understood, with where it is (未能解析的内容)."""

    kind: str
    location: str
    text: str
    reason: str


def _key(text: str) -> str:
    return re.sub(r"[\s:：（）()\u3000]", "", normalize_text(text)).lower()


def _label(text: str) -> str:
    """A 一级/二级 label: merged-cell line breaks and blanks removed (产出指标\\n(50分) → 产出指标(50分))."""
    return re.sub(r"[\s\u3000]+", "", text)


def _fields(cells: Sequence[str], columns: layouts.Columns) -> dict[str, int]:
    return columns.map(list(cells))


def _cell(cells: Sequence[str], index: int | None) -> str:
    # A column left of a row printed without its merged cells is no cell of the row.
    return cells[index] if index is not None and 0 <= index < len(cells) else ""


def _amount(text: str, unit: Unit) -> Amount | None:
    """An amount in the block's unit; a cell that prints its own unit ("620.82万元", as
    workbooks exported to text do) is converted exactly."""
    try:
        value = parse_number(text)
    except BudgetPerfError:
        try:
            return Amount.parse(text).to(unit)
        except BudgetPerfError:
            return None
    return None if value is None else Amount(value, unit)


@attrs.frozen(slots=True, kw_only=True)
class _Node:
    """One row of a department scoring table: the labels from 一级 down to the node's own."""

    labels: tuple[str, ...]
    weight: Decimal | None
    score: Decimal | None
    note: str
    quote: str


class _Form:
    """One self-evaluation being assembled."""

    def __init__(self, title: str, location: str, *, before: Sequence[str] = ()) -> None:
        self.title = title
        self.location = location
        self.head: dict[str, str] = {}
        self.fund_rows: list[FundRow] = []
        self.budget_weight: Decimal | None = None
        self.budget_score: Decimal | None = None
        self.budget_reason = ""
        # Budget header columns that name no field: listed once, at the header.
        self.unnamed_columns: set[int] = set()
        self.indicators: list[Indicator] = []
        self.total: Decimal | None = None
        self.level_funding: list[LevelFunding] = []
        self.economic: list[EconomicLine] = []
        self.quotes: dict[str, str] = {}
        self.context: list[str] = [*before, title]
        self.layout = ""
        self.layout_reason = ""
        self.closed = False  # its 合计/总分 row was read
        self.totalled = False  # closed by that row itself (not by the text after the table)
        # Head rows printed above the row that began the form (主管部门 | … above 部门名称):
        # read after the form's own head rows, for the fields those leave unset.
        self.early_head: list[_HeadRow] = []
        self.bare_funds = False  # its fund rows were printed without the block's header
        self.department_form = False  # a 部门整体支出绩效自评表, not a project's
        self.headless = False  # an indicator table printed without the form's head rows
        self.from_header = False  # headless, its table beginning at its 一级指标 header
        self.start_printed = False  # headless, but opened by its funds block or head rows
        # A department scoring table (一级/二级/三级 | 分值 | 得分, no targets): its rows are
        # the nodes of the dimension tree, (labels, weight, score, note, location).
        self.scoring = False
        self.nodes: list[_Node] = []
        self.closed_by_notes = False  # closed by its 说明 row holding the notes
        # The paths of figures printed but unreadable (a damaged 分值, 4O; a fund row's
        # O76%107.6): the checks that need them are not made (see audit._needs_unread).
        self.unread: set[str] = set()
        # The goals block's labels read (年度总体目标 | 预期目标 | 实际完成情况), each waiting
        # for its value, in printed order.
        self.goals_pending: list[str] = []
        self.goals_unreadable = False  # its header printed run together in one cell, or cut


# How many of a table's first cells may hold its title.
_TITLE_CELLS: Final = 3

_NUMBERED: Final = re.compile(r"^\d{1,2}[.、．]")
"""The number before a head label a form numbers (「2.项目实施内容及过程概述」)."""

_HeadRow = tuple[Sequence[str], list[str], str]
"""A head row kept for a form still to begin: its cells, its non-empty cells, where it is."""

_SENTENCE_END: Final = re.compile(r"[。.．!！?？;；)）”]$")
_LEVELS: Final = (
    ("中央", GovernmentLevel.CENTRAL),
    ("自治区", GovernmentLevel.PROVINCE),
    ("省", GovernmentLevel.PROVINCE),
    ("市县", GovernmentLevel.CITY),
    ("市", GovernmentLevel.CITY),
    ("县", GovernmentLevel.COUNTY),
)
# A level's funds name money (其中：中央财政, 自治区财政, 省级资金); a head row that begins with a
# level (中央主管部门 | 农业农村部, a central transfer's form) names an office, not funds.
_LEVEL_FUNDS: Final = ("财政", "资金", "拨款", "补助", "专款")
_ECONOMIC: Final = re.compile(r"^(3\d{2}(?:\d{2})?)\s*(\S.*)$")
_CODE_NAME: Final = re.compile(r"^(\d{8}[RYT]\d{12})\s*[-－—]\s*(.+)$", re.S)


def extract_projects(
    blocks: Sequence[Block], *, year: int | None, file: str
) -> tuple[
    list[ProjectEvaluation | DepartmentEvaluation],
    list[Unparsed],
    dict[int, dict[str, str]],
    dict[int, frozenset[str]],
]:
    """Every self-evaluation in the tables of ``blocks``.

    Returns the documents, what could not be mapped, for each document the printed cell
    text behind each field path (so a finding can quote it), and for each document the
    paths of the figures it prints that could not be read (listed in the unparsed too).
    """
    forms: list[_Form] = []
    unparsed: list[Unparsed] = []
    form: _Form | None = None
    section = ""
    budget_cols: dict[str, int] = {}
    ind_cols: dict[str, int] = {}
    unit = Unit.WAN_YUAN
    pending_name = ""
    pending: list[str] = []
    pending_at = ""  # where the row waiting in ``pending`` began
    header_len = 0
    widest = 0  # the most cells a data row of the indicator table has printed so far
    # What was printed just before a form starts (its title above the table) tells forms that
    # share their headers apart.
    recent: list[str] = []
    # Head rows (主管部门 | 省商务厅 …) of a table before any form has started: a form's head
    # printed as a section of its own, before the indicator table that opens the form.
    loose_head: list[_HeadRow] = []
    headers_seen = header_printed = False
    after_table = False  # the block before was a table
    for block in blocks:
        loose_head = []
        # Whether an indicator header (一级指标 …) was printed before this block: rows after
        # one are under it, whether or not a form could be read from it.
        headers_seen = headers_seen or header_printed
        header_printed = _prints_indicator_header(block)
        # (A table's title is among its first cells: a document site prints 《 before it.)
        first_cells = (
            [block.text]
            if block.kind == "paragraph"
            else [c for row in block.rows for c in row if c.strip()][:_TITLE_CELLS]
        )
        if form is not None and form.closed and after_table:
            # The cells of a closed form's table (its notes, its signatures) are no title of
            # the form to come: what the next form is told apart by is printed after them.
            recent = []
        after_table = block.kind == "table"
        if form is not None and form.closed and any(map(layouts.names_a_form, first_cells)):
            # A form's title printed after a form closed whole (by its 合计 row, or by the text
            # after its table) begins the next form: nothing after it is the closed form's —
            # the head rows and fund levels that follow are the next form's, as when that form
            # is read alone (a report prints its forms one after another).
            form, section = None, ""
        if block.kind == "paragraph":
            if (
                form is not None
                and (not form.headless or form.from_header)
                and section == "indicators"
                and form.layout
                and (
                    "score" not in layouts.get(form.layout).columns
                    or all(i.reported_score is None for i in form.indicators)
                )
            ):
                # Text after the table: a form without points or with every 得分 blank, which
                # has no 合计 row to wait for, was printed whole — from its head rows, or
                # from its indicator header when that is the table's first row (a headless
                # one whose header follows a section label may have begun above the excerpt).
                form.closed = True
                # Closed, it takes no more rows: a table after the text is the next form's
                # (its title, its head rows), never more indicator rows of this one — a
                # report prints its forms one after another, each read as when alone.
                section = "tail"
            if (
                (form is None or form.closed)
                and not headers_seen
                and _indicator_rows_shape([block.text])
            ):
                unparsed.append(_headless_rows(f"段落 {block.index + 1}", [block.text]))
            match = re.match(r"^项目名称\s*[:：]\s*(.+)$", block.text)
            if match:
                pending_name = match.group(1).strip()
            recent = [*recent[-5:], block.text[:80]]
            continue
        rows = block.rows
        # A table no form starts in, nor goes on into, is read by nothing: it is listed.
        unclaimed = form is None
        forms_before = len(forms)
        # A table after a closed form that gives that form nothing (a report's chart data,
        # its 决算 tables) is no part of it: listed as one table, not row by row.
        closed_form = form if form is not None and form.closed else None
        closed_state = _state(closed_form) if closed_form is not None else None
        mark = len(unparsed)
        for r, cells in enumerate(rows):
            location = f"表 {block.index + 1} 第 {r + 1} 行"
            nonempty = [c for c in cells if c.strip()]
            if nonempty and (form is None or section in ("", "tail")):
                recent = [*recent[-5:], nonempty[0][:80]]
            if not nonempty:
                continue
            first = _key(nonempty[0])
            if (
                len(nonempty) > 1
                and layouts.ANY_HEAD.get(layouts.header_key(nonempty[0])) == "name"
            ):
                form = _Form(nonempty[1].strip(), location, before=recent)
                forms.append(form)
                # Each form's amounts are in the unit its own budget header names (元 or 万元):
                # the unit of the form before is none of its.
                unit = Unit.WAN_YUAN
                section = "head"
                form.early_head, loose_head = loose_head, []
                continue
            if (
                first in _DEPARTMENT_LABELS
                and len(nonempty) > 1
                and (form is None or form.indicators or form.closed)
            ):
                # A 部门整体支出绩效自评表 starts at its 部门名称, as a project's at 项目名称.
                form = _Form(nonempty[1].strip(), location, before=recent)
                form.department_form = True
                forms.append(form)
                unit = Unit.WAN_YUAN
                section = "head"
                form.early_head, loose_head = loose_head, []
                continue
            if pending_name:
                # 项目名称 printed above the table (as the older forms do) starts a form.
                form = _Form(pending_name, location)
                forms.append(form)
                unit = Unit.WAN_YUAN
                section, pending_name = "head", ""
            if (
                # (After a form's 合计 row, an indicator header begins another form: a
                # table closed by its total has no rows to come; nor has one closed whole by
                # the text after it, so a form's layout is never made over by the next
                # table's header.)
                (form is None or form.totalled or form.closed)
                and isinstance(block, Grid)
                and (
                    _opens_indicators(block, r)
                    or (
                        layouts.names_a_budget(cells)
                        and any(_opens_indicators(block, k) for k in range(r + 1, block.height))
                    )
                )
            ):
                # An indicator table printed without its head rows (inside a report) is a
                # form of its own, its name not printed; so is a budget block printed without
                # them, its indicator table under it.
                form = _Form("", location, before=recent)
                form.headless = True
                header_map = layouts.ANY_INDICATORS.map(list(layouts.header_cells(block, r)))
                form.from_header = r == 0 and header_map.get("level1") == 0
                # Its start is printed when its funds block opens it (the block heads a form)
                # or head rows were printed above it: then it is no form's cut-off end.
                form.start_printed = bool(loose_head) or not _opens_indicators(block, r)
                forms.append(form)
                unit = Unit.WAN_YUAN
                loose_head = _take_head(form, loose_head, unparsed)
            if form is None:
                # A row of a label and its value before the form begins is a head row of the
                # form to come, whatever its label: one no field takes is listed, not lost.
                if _holds_content(nonempty):
                    loose_head.append((cells, nonempty, location))
                continue
            opening = layouts.ANY_HEAD.get(layouts.header_key(nonempty[0]))
            if form.totalled and len(nonempty) > 1 and opening in form.head:
                # A closed form whose 主管部门 (项目编码, 实施单位 …) is read already: the row
                # after its 合计 is the head of the next form, which its indicator header
                # will open (one the form printed after its table is still the form's).
                loose_head.append((cells, nonempty, location))
                continue
            # The words printed around the form, where its title words are looked for: a head
            # row's value (评价依据 | 《…评分表》) is what the form was filled in with, not its
            # title, so only the label is kept.
            labelled = layouts.header_key(nonempty[0]) in layouts.ANY_HEAD
            form.context.extend(nonempty[:1] if labelled else nonempty[:4])
            budget_map = _fields(cells, layouts.ANY_BUDGET)
            if {"executed", "adjusted"} <= set(budget_map) or {"executed", "initial"} <= set(
                budget_map
            ):
                section, budget_cols = "budget", budget_map
                # A column whose head names no field (执行率 damaged, a head cell replaced):
                # the figures under it are read by no field, and the audit says so.
                form.unnamed_columns = {
                    c
                    for c, text in enumerate(cells)
                    if c > 0
                    and text.strip()
                    and c not in budget_map.values()
                    # 年度预算数 after 预算执行情况: the label's second line, a field still
                    and layouts.ANY_BUDGET.field_of(text) is None
                }
                unparsed += [
                    _unread_column(location, c, cells[c], "预算表")
                    for c in sorted(form.unnamed_columns)
                ]
                if (
                    cells
                    and cells[0].strip()
                    and 0 not in budget_map.values()
                    and layouts.ANY_BUDGET.field_of(cells[0]) is None
                    # 资金投入情况(万元): a label of funds all the same
                    and "资金" not in plain_script(cells[0])
                ):
                    # The block's label (项目资金（万元）) damaged: the rows are still read by
                    # their labels; the head cell is listed.
                    unparsed.append(
                        Unparsed(
                            kind="cell",
                            location=f"{location} 第 1 列",
                            text=shorten(cells[0].strip(), 120),
                            reason="预算表头的栏目名无法识别，未读取 (the budget header's label "
                            "cell names nothing known: not read)",
                        )
                    )
                if isinstance(block, Grid) and not form.layout:
                    # Until its indicator header says more (a table may be cut off before
                    # it), the form is what its budget header and title say.
                    found = layouts.identify(block, context=form.context, at=r, since=r)
                    if isinstance(found, layouts.Identified):
                        form.layout, form.layout_reason = found.layout.name, found.reason
                unit = (
                    Unit.YUAN if any("（元）" in c or "(元)" in c for c in cells) else Unit.WAN_YUAN
                )
                continue
            header = layouts.header_cells(block, r) if isinstance(block, Grid) else cells
            ind_map = _fields(header, layouts.ANY_INDICATORS)
            known = any(layout.indicators.is_header(header) for layout in layouts.LAYOUTS)
            if known or ("level1" in ind_map and "weight" in ind_map):
                if not known:
                    unparsed.append(
                        Unparsed(
                            kind="table",
                            location=location,
                            text=" | ".join(cells),
                            reason="指标表表头无法对应 (indicator header not mapped)",
                        )
                    )
                    section = ""
                    continue
                section, ind_cols, header_len = "indicators", ind_map, len(cells)
                # A column no field reads (指标性质, 度量单位, a head cell the page damaged):
                # its cells are read in no row, and the audit says so once, at the header.
                unparsed += [
                    _unread_column(location, c, text, "指标表")
                    for c, text in enumerate(header)
                    if text.strip()
                    and c not in ind_map.values()
                    # Left of the first column read: a label merged over the rows (绩效指标
                    # (90分)) or their numbers (序号), no indicator's content.
                    and c > min(ind_map.values(), default=0)
                ]
                widest = 0
                # A department's table without targets or actuals is a scoring table: its
                # rows are dimensions (一级/二级/三级 with 分值 and 得分).
                form.scoring = form.department_form and not {"target", "actual"} & set(ind_map)
                if isinstance(block, Grid):
                    found = layouts.identify(block, context=form.context, at=r)
                    if isinstance(found, layouts.Identified):
                        form.layout, form.layout_reason = found.layout.name, found.reason
                        # A project's table in the scoring form (海南's 项目绩效自评表) has no
                        # dimension tree to hold its rows: they are its indicators.
                        form.scoring = form.scoring or (
                            found.layout.kind is layouts.FormKind.DEPARTMENT_SCORING
                            and form.department_form
                        )
                    else:
                        form.layout, form.layout_reason = "", found.reason
                        unparsed.append(
                            Unparsed(
                                kind="layout",
                                location=location,
                                text=" | ".join(c for c in header if c.strip()),
                                reason=f"版式未识别：{found.reason}",
                            )
                        )
                continue
            if first in ("合计", "总分"):
                numbers = [n for n in (_number(c) for c in nonempty[1:]) if n is not None]
                form.total = numbers[1] if len(numbers) >= 2 else None
                if (
                    len(numbers) == 1
                    and section == "indicators"
                    and "score" in ind_cols
                    and "weight" not in ind_cols
                ):
                    # A table without a points column (分值) has no points to print on its
                    # total row: the lone figure is the reported total score (总分 | 71.7).
                    form.total = numbers[0]
                if (
                    section == "indicators"
                    and "score" in ind_cols
                    and "weight" in ind_cols
                    and len(cells) >= header_len
                ):
                    # Under the score column when the row keeps its columns (a rendered sheet
                    # prints the rule total between the maximum and the reported one).
                    # (A total row's label is in the first column: never a row printed
                    # without its merged cells.)
                    cols = _aligned(cells, ind_cols, header_len, whole=True)
                    weight_cell, score_cell = (
                        _cell(cells, cols["weight"]),
                        _cell(cells, cols["score"]),
                    )
                    if _number(weight_cell) is not None:
                        form.total = _number(score_cell)  # None: printed as a dash
                form.quotes["$.reported_total"] = " | ".join(nonempty)
                form.closed = form.totalled = True
                section = "tail"
                continue
            if section == "budget":
                if _fund_row(form, cells, budget_cols, unit, location, unparsed=unparsed):
                    continue
                section = "head"
            if section == "indicators" and (
                layouts.header_key(nonempty[0]) in layouts.ANY_HEAD
                or layouts.is_footnote(nonempty[0])
                or (len(nonempty) == 1 and _notes_follow(rows, r))
            ):
                section = "tail"  # 评价结论, 项目负责人, 注 … after a table printed without 合计
                if form.layout and "score" not in layouts.get(form.layout).columns:
                    form.closed = True  # a form without points has no 合计 row to wait for
                    # Closed by its notes (说明 | 注：…, the notes the row's cell, or 注：…
                    # right under the rows), not by a head row after it nor by a 说明 row
                    # holding its own text (说明 | 无, t-b-010): a text that ends inside those
                    # notes, mid-sentence, was cut there (t-c-006, t-f-004).
                    form.closed_by_notes = (len(nonempty) == 1 and _notes_follow(rows, r)) or (
                        layouts.is_footnote(nonempty[0]) and not _after_remarks(rows, r)
                    )
            if section == "indicators":
                if pending and len(pending) + len(cells) > max(header_len, widest):
                    # The pieces of a row broken in two add up to a whole row (the header's
                    # cells, or as many as the data rows print, a merged column the header
                    # does not print among them): past that, the short row before was whole
                    # (printed without its last cells), and is read as it stands.
                    _data_row(form, pending, ind_cols, header_len, pending_at, unparsed)
                    pending = []
                if len(pending) + len(cells) < header_len:
                    if not pending:
                        pending_at = location
                    pending = [*pending, *cells]  # a row the flattened text broke in two
                    continue
                cells, pending = (*pending, *cells) if pending else tuple(cells), []
                widest = max(widest, len(cells))
                _data_row(form, cells, ind_cols, header_len, location, unparsed)
                continue
            if section == "head" and _bare_fund_row(form, nonempty, unit, location, unparsed):
                continue
            following = next(
                (
                    [c for c in row if c.strip()]
                    for row in rows[r + 1 :]
                    if any(map(str.strip, row))
                ),
                [],
            )
            if not _head_row(
                form, cells, nonempty, location, unparsed, following
            ) and _holds_content(nonempty):
                unparsed.append(_unread_head_row(nonempty, location))
        for begun in forms[forms_before:]:
            begun.early_head = _take_head(begun, begun.early_head, unparsed)
        if loose_head and not (unclaimed and form is None and len(forms) == forms_before):
            # Head rows after a closed form that no form took up: listed where they are.
            unparsed += [
                Unparsed(
                    kind="row",
                    location=at,
                    text=_cells_text(head),
                    reason="表头行之后未见指标表，未读取 (head rows no indicator table follows: "
                    "not read)",
                )
                for _, head, at in loose_head
            ]
        if (
            closed_form is not None
            and form is closed_form
            and len(forms) == forms_before
            and _state(closed_form) == closed_state
        ):
            del unparsed[mark:]
            texts = [c.strip() for row in rows for c in row if c.strip()]
            if texts:
                unparsed.append(_not_a_form(f"表 {block.index + 1}", texts))
        if unclaimed and form is None and len(forms) == forms_before:
            texts = [c.strip() for row in rows for c in row if c.strip()]
            if not headers_seen and _rows_before_header(rows):
                unparsed.append(_headless_rows(f"表 {block.index + 1}", texts))
            elif texts:
                unparsed.append(_not_a_form(f"表 {block.index + 1}", texts))
    last = next(
        (
            text
            for block in reversed(blocks)
            for text in (
                [block.text]
                if block.kind == "paragraph"
                else [c for cells in reversed(block.rows) for c in reversed(cells)]
            )
            if text.strip()
        ),
        "",
    )
    if (
        form is not None
        and form.closed_by_notes
        and section == "tail"
        and blocks
        and blocks[-1].kind == "table"
        and not _SENTENCE_END.search(last.strip())
    ):
        # The text ends inside the form's notes (its 说明 row's, or those under its rows),
        # mid-sentence: the excerpt cut the table, and what followed the notes is not known.
        form.closed = False
    # A row still waiting for the rest of its cells when the text ends was cut off there: it
    # is read as far as it goes, never dropped — but a single character (可 of 可持续影响指标?)
    # tells neither a label nor a name: it is kept as unparsed, no row.
    texts = [c for c in pending if c.strip()]
    if (
        form is not None
        and len(texts) == 1
        and len(_key(texts[0])) == 1
        and _number(texts[0]) is None
    ):
        unparsed.append(
            Unparsed(
                kind="cell",
                location=f"{form.location} 之后的末行",
                text=texts[0],
                reason="正文在此截断，仅余一字，无法读作指标行 "
                "(the text ends one character into a cell: no row can be read)",
            )
        )
    elif pending and form is not None:
        unparsed += _indicator_row(
            form, pending, _aligned(pending, ind_cols, header_len), f"{form.location} 之后的末行"
        )
    whole = next((k for k, form in enumerate(forms) if not form.headless), None)
    if whole is not None:
        # Before the first form printed whole, headless indicator rows are the cut-off end of
        # another form (an excerpt that starts mid-table): kept as unparsed, not read as a
        # document. After a form, they are a form of their own whose head rows are not
        # printed as a shipped form's (a second table of the report), read as when alone.
        # A table printed from its own indicator header as its first row (from_header) is
        # no cut-off end, though: it is a table of its own, read as when alone — a report
        # prints such a table and then whole forms after it, and the forms after it must not
        # change how it reads.
        # Nor is one whose start is printed (its funds block, head rows above it).
        cut = [
            form
            for form in forms[:whole]
            if form.headless and not (form.from_header or form.start_printed)
        ]
        unparsed += [
            Unparsed(
                kind="table",
                location=form.location,
                text=" | ".join(i.name for i in form.indicators),
                reason="指标表前无项目名称等表头行，未作为自评表读入 "
                "(indicator rows without the form's head rows; not read as a self-evaluation)",
            )
            for form in cut
        ]
        forms = [form for form in forms if form not in cut]
    documents = []
    quotes: dict[int, dict[str, str]] = {}
    unread: dict[int, frozenset[str]] = {}
    for index, form in enumerate(forms):
        if not (form.layout or form.level_funding or form.nodes):
            # A form no shipped layout names (head rows alone, cut before its funds; a
            # department's 整体绩效目标表): its rows would be guessed, so no document is made
            # up; the table is listed as not read. A scoring table's dimension tree and a
            # 项目单位自评基本情况表's funds by level are read by their own rows.
            unparsed.append(
                Unparsed(
                    kind="table",
                    location=form.location,
                    text=form.title,
                    reason="未识别出自评表版式，未作为自评表读入 "
                    "(no shipped form recognised; not read as a self-evaluation)",
                )
            )
            continue
        try:
            documents.append(_document(form, year, file, index))
            quotes[len(documents) - 1] = form.quotes
            if form.unread:
                unread[len(documents) - 1] = frozenset(form.unread)
        except BudgetPerfError as exc:
            unparsed.append(
                Unparsed(
                    kind="table",
                    location=form.location,
                    text=form.title,
                    reason=f"自评表不完整：{exc.zh} ({exc.en})",
                )
            )
    return documents, unparsed, quotes, unread


def _state(form: _Form) -> tuple[object, ...]:
    """What a form has read so far: a table that changes none of it gave it nothing."""
    return (
        tuple(form.head.items()),
        len(form.fund_rows),
        len(form.indicators),
        len(form.nodes),
        form.total,
        len(form.quotes),
    )


def _not_a_form(location: str, texts: Sequence[str]) -> Unparsed:
    """A table no form is read from, listed with its first cells."""
    return Unparsed(
        kind="table",
        location=location,
        text=_cells_text(dict.fromkeys(texts)),
        reason="不是自评表，表格未读取 (no self-evaluation form: the table is not read)",
    )


def _take_head(form: _Form, rows: Sequence[_HeadRow], unparsed: list[Unparsed]) -> list[_HeadRow]:
    """Give the head rows printed before a form began (主管部门 | …, 自评总分 | 97.6 above its
    部门名称 or its indicator header) to the form, for the fields it has not read; none is
    left over."""
    for cells, nonempty, at in rows:
        if not _head_row(form, cells, nonempty, at, unparsed) and _holds_content(nonempty):
            unparsed.append(_unread_head_row(nonempty, at))
    return []


def _unread_column(location: str, column: int, head: str, table: str) -> Unparsed:
    """A column of a budget or indicator header that no field reads, listed at the header:
    the cells under it are read in no row."""
    english = {"预算表": "budget", "指标表": "indicator"}[table]
    return Unparsed(
        kind="column",
        location=f"{location} 第 {column + 1} 列",
        text=shorten(" ".join(head.split()), 120),
        reason=f"{table}中无栏目读取的列，各行此列未读取 (a column of the {english} table that "
        "no field reads: its cells are not read in any row)",
    )


def _cells_text(cells: Iterable[str]) -> str:
    """The cells of what is listed as unparsed, as its entry quotes them: joined by `` | ``,
    shortened to 120 characters."""
    return shorten(" | ".join(cells), 120)


def _unread_head_row(nonempty: Sequence[str], location: str) -> Unparsed:
    """A head row no field takes, listed where it is."""
    return Unparsed(
        kind="row",
        location=location,
        text=_cells_text(nonempty),
        reason="表头区中无法归入任何栏目的行，未读取 (a row among the form's head rows that fits "
        "no field: not read)",
    )


# Each 一级 with its 二级 labels, compared as header_key: the two labels that open an indicator
# row of the shipped forms (产出指标 | 数量指标 | …).
_LEVEL1_HEADER: Final = layouts.header_key(INDICATORS["level1"][0])
_LEVEL_PAIRS: Final = tuple(
    (layouts.header_key(one), tuple(layouts.header_key(two) for two in twos))
    for one, twos in LEVEL2_UNDER.items()
)


def _prints_indicator_header(block: Block) -> bool:
    """Whether a block prints an indicator header's 一级指标 (in a cell, or in a paragraph's
    text)."""
    texts = [block.text] if block.kind == "paragraph" else [c for r in block.rows for c in r]
    return any(_LEVEL1_HEADER in layouts.header_key(t) for t in texts)


def _rows_before_header(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table prints an indicator row (产出指标 | 数量指标 | …) above any indicator
    header: rows whose header is not in the text."""
    for cells in rows:
        if any(_LEVEL1_HEADER in layouts.header_key(c) for c in cells):
            return False
        if _indicator_rows_shape([c for c in cells if c.strip()]):
            return True
    return False


def _indicator_rows_shape(cells: Sequence[str]) -> bool:
    """Whether printed cells open an indicator row of a shipped form: a 一级 label followed by
    one of its 二级 labels, in two cells (产出指标 | 数量指标) or run together in one (产出指标数量
    指标足额保障率=100% 22.5 …, text without separators)."""
    keys = [layouts.header_key(c) for c in cells[:2]]
    for one, twos in _LEVEL_PAIRS:
        if len(keys) == 2 and keys[0] == one and keys[1] in twos:
            return True
        if keys and keys[0].startswith(one) and keys[0][len(one) :].startswith(twos):
            return True
    return False


def _headless_rows(location: str, texts: Sequence[str]) -> Unparsed:
    """Indicator rows printed with no header above them (an excerpt that begins inside a
    form, its head rows and indicator header cut off): listed, never read with columns
    guessed from a form they might be."""
    return Unparsed(
        kind="rows",
        location=location,
        text=_cells_text(dict.fromkeys(texts)),
        reason="指标行之上没有表头：表的名称、项目信息和指标表头不在文本中（摘录从表格中部开始），"
        "无法确定栏目，未读取 (indicator rows with no header above them: the form's head and "
        "its indicator header are not in the text — the excerpt begins inside the table — so "
        "no column can be told; not read)",
    )


def _holds_content(nonempty: Sequence[str]) -> bool:
    """Whether a row no field takes holds what a reader must be told of: two cells or more (a
    label and its value, 中央主管部门 | 医疗保障局, whatever the label; a title, a section label
    or a lone heading, one cell, does not)."""
    return len(nonempty) >= 2


def _after_remarks(rows: Sequence[Sequence[str]], row: int) -> bool:
    """Whether the row before ``row`` is a 说明 row (说明 | 无; in a rebuilt table, the 一级/二级
    labels repeated before it): the table's own last row, which closes it before the notes
    under it."""
    for k in range(row - 1, -1, -1):
        if any(c.strip() for c in rows[k]):
            # Its label may stand in the 三级 column, the labels to its left repeated.
            return any(layouts.header_key(c) == "说明" for c in rows[k])
    return False


def _notes_follow(rows: Sequence[Sequence[str]], row: int) -> bool:
    """Whether the form's notes (注：…) open the row after ``row``: a lone cell before them is
    the notes row's label (说明), not an indicator."""
    for k in range(row + 1, len(rows)):
        first = next((c for c in rows[k] if c.strip()), None)
        if first is not None:
            return layouts.is_footnote(first)
    return False


def _data_row(
    form: _Form,
    cells: Sequence[str],
    ind_cols: dict[str, int],
    header_len: int,
    location: str,
    unparsed: list[Unparsed],
) -> None:
    """One data row of the indicator table read into the form (a damaged one listed)."""
    if form.scoring:
        _node_row(form, cells, _aligned(cells, ind_cols, header_len))
        return
    above = form.indicators[-1].level1 if form.indicators else ""
    unparsed += _indicator_row(form, cells, _aligned(cells, ind_cols, header_len, above), location)


def _opens_indicators(grid: Grid, row: int) -> bool:
    """Whether ``row`` is a shipped form's indicator header."""
    header = layouts.header_cells(grid, row)
    return any(layout.indicators.is_header(header) for layout in layouts.LAYOUTS)


def _aligned(
    cells: Sequence[str],
    cols: dict[str, int],
    header_len: int,
    above: str = "",
    *,
    whole: bool = False,
) -> dict[str, int]:
    """The columns of a data row. A merged first column printed in data rows but not in the
    header shifts the data right (align on the right-hand end); a row printed without the
    merged cells to its left (crawled pipe rows) starts at the column its first cell belongs
    to, unless its first cell repeats the 一级 of the row above (``above``): a row printing its
    merged cells is whole, and so is a row known to be (``whole``: a total row)."""
    offset = max(0, len(cells) - header_len)
    start = (
        None
        if whole or (above and cells and _label(cells[0]) == above)
        else _compressed_start(cells, cols)
    )
    if start is not None:
        offset = -cols[start]
    return {field: index + offset for field, index in cols.items()}


def _compressed_start(cells: Sequence[str], cols: dict[str, int]) -> str | None:
    """The field a row's first cell belongs to when the row was printed without the merged
    cells to its left — it ends before the score column and starts with a 一级 or 二级 label
    in the wrong column, or with a name where a label belongs — else None."""
    filled = [i for i, c in enumerate(cells) if c.strip()]
    # A form without points ends with its last column (a target table's 实施进度).
    score_at = cols.get("score", cols.get("weight", max(cols.values(), default=None)))
    if not filled or score_at is None or filled[-1] >= score_at or filled[0] != 0:
        return None
    first = cells[0]
    if layouts.is_level1(first) and layouts.is_level2(first):
        # 成本指标, 满意度指标: a 一级 when a 二级 follows it, else a 二级.
        nested = len(cells) > 1 and layouts.is_level2(cells[1])
        field = "level1" if nested else "level2"
        return field if cols.get(field, 0) != 0 else None
    if len(filled) == 1 and layouts.begins_level1(first):
        # The last row's 一级 cut off where the text ends (满意): a label, not a 三级 name.
        return "level1" if cols.get("level1", 0) != 0 else None
    for field, test in (("level1", layouts.is_level1), ("level2", layouts.is_level2)):
        if test(first):
            return field if cols.get(field, 0) != 0 else None
    if layouts.is_own_label(first):
        # A 一级 of the table's own (实施效果指标), not a 三级 name.
        return "level1" if cols.get("level1", 0) != 0 else None
    if filled[-1] + cols.get("name", 0) > max(cols.values()):
        return None  # moved under the name, the row would run past the header: it is whole
    return "name" if cols.get("name", 0) != 0 else None


def _lenient(parse: Callable[[str], Decimal | None], text: str) -> Decimal | None:
    """A cell read as a figure, or None when it is not one (the row is kept either way)."""
    try:
        return parse(text)
    except BudgetPerfError:
        return None


def _number(text: str) -> Decimal | None:
    return _lenient(parse_number, text)


def _percent(text: str) -> Decimal | None:
    return _lenient(parse_percent, text)


def _blank_figure(text: str) -> bool:
    """Whether a budget cell prints no figure: blank, a dash or slash, or 无."""
    return is_empty(text) or text.strip() == "无"


# The figure columns of a fund row, by field, with the name a location gives them.
_FIGURE_COLUMNS: Final = MappingProxyType(
    {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数", "rate": "执行率"}
)
# The FundRow field each figure column is read into.
_FUND_FIELDS: Final = MappingProxyType(
    {
        "initial": "initial_budget",
        "adjusted": "adjusted_budget",
        "executed": "executed",
        "rate": "reported_rate_percent",
    }
)


def _fund_row(
    form: _Form,
    cells: Sequence[str],
    cols: dict[str, int],
    unit: Unit,
    location: str,
    *,
    other: bool = False,
    unparsed: list[Unparsed] | None = None,
) -> bool:
    """Read one fund row into the form (``False``: the row is no fund row). A figure the
    page damaged (O76%107.6, .32.06.5) is no amount: the row is kept without it and the cell
    listed in ``unparsed``, with its column."""
    first_amount = min(cols.get("initial", 99), cols.get("adjusted", 99), cols.get("executed", 99))
    label_index = first_amount - 1
    label = _cell(cells, label_index).strip(" \t\n\u3000")
    placeholder = not label or is_empty(label) or label in "/-—" or _number(label) is not None
    shift = 0  # how far the row's cells stand left of the header's columns
    if label_index > 0 and placeholder and cells[0].strip():
        # A row printed without the merged cell to its left (预算执行情况(10分)): its
        # label is its first cell and every column moves left with it.
        cols = {field: index - label_index for field, index in cols.items()}
        shift, label_index, label = label_index, 0, cells[0].strip(" \t\n\u3000")
    if not label or _number(label) is not None:
        return False
    amounts = [
        _amount(_cell(cells, cols.get(k)), unit) for k in ("initial", "adjusted", "executed")
    ]
    rate_text = _cell(cells, cols.get("rate"))
    weight_text = _cell(cells, cols.get("weight")).strip()
    if form.fund_rows and is_empty(rate_text) and weight_text.endswith(("%", "％")):
        # A part row printed without the 分值 cell merged over the fund rows: its figures move
        # left, and its 执行率 lands under 分值 (7.29 | 7.29 | 7.29 | 100%). Points are never a
        # percentage, so the percentage is the row's rate, and the row prints no points.
        cols = {k: v for k, v in cols.items() if k != "weight"} | {"rate": cols["weight"]}
        rate_text = weight_text
    try:
        rate = parse_percent(rate_text)
    except BudgetPerfError:
        rate = None
    # A figure cell that holds anything but a figure or a blank (8.4O8, #DIV/0!, ∞万元) is
    # damaged, whether or not a digit is left in it.
    damaged = [
        (k, _cell(cells, cols.get(k)))
        for k, read in zip(_FIGURE_COLUMNS, (*amounts, rate), strict=True)
        if read is None and not _blank_figure(_cell(cells, cols.get(k)))
    ]
    if all(a is None for a in amounts) and rate is None and not other:
        # A row of the block's own label (部门预算执行情况, 年度总金额) whose figures the page
        # damaged is still its row.
        named = layouts.is_fund_label(label) or layouts.ANY_BUDGET.field_of(label) == "category"
        # 其他 alone is the block's 其他资金 row (基本支出 | 项目支出 | 其他, t-h-001).
        plain = plain_script(label)  # a mirror's 上年結(jié)轉(zhuǎn)資金 is 上年结转资金
        other_funds = plain.rstrip(":：") == "其他"
        if (
            not any(word in plain for word in ("资金", "总额", "拨款"))
            and not other_funds
            and not (damaged and named)
        ):
            return False
        printed = [
            text
            for k in ("initial", "adjusted", "executed", "rate")
            if not _blank_figure(text := _cell(cells, cols.get(k)))
        ]
        if printed and not any(c.isdigit() for text in printed for c in text):
            # Words without a figure where the figures go: the header of the block after
            # the funds (资金管理情况 | 情况说明 | 存在问题和改进措施), not a fund row. A cell
            # whose figure is unreadable (854万(高标准农田建设400万元…)) keeps its row.
            return False
    if unparsed is not None:
        unparsed += [
            Unparsed(
                kind="cell",
                location=f"{location} {_FIGURE_COLUMNS[k]}",
                text=text,
                reason="预算数无法读作数字，该行按无此数读入，依赖此数的核对未做 "
                "(budget figure unreadable; row kept without it, the checks that need it "
                "not made)",
            )
            for k, text in damaged
        ]
        # Points that are no number (∞, 10分值), and a cell in a column no field of the row
        # reads (under 得分计算方法, or past the header's last column): listed where they are.
        taken = {cols.get(k) for k in (*_FIGURE_COLUMNS, "weight", "score")}
        unparsed += [
            Unparsed(
                kind="cell",
                location=f"{location} 第 {c + 1} 列",
                text=shorten(text.strip(), 120),
                reason="预算行中无栏目读取的单元格，未读取 (a cell of a fund row that no field "
                "reads: not read)",
            )
            for c, text in enumerate(cells)
            if c > label_index
            and c + shift not in form.unnamed_columns
            and not _blank_figure(text)
            and (
                c not in taken
                or (c in (cols.get("weight"), cols.get("score")) and _number(text) is None)
            )
        ]
    index = len(form.fund_rows)
    form.unread.update(f"$.budget.rows[{index}].{_FUND_FIELDS[k]}" for k, _ in damaged)
    # A part row (其中：本年财政拨款 …) may print points of its own; the total row's are the
    # block's (read below), so they are stored once.
    part = index > 0
    form.fund_rows.append(
        FundRow(
            category=label,
            initial_budget=amounts[0],
            adjusted_budget=amounts[1],
            executed=amounts[2],
            reported_rate_percent=rate,
            weight=_number(_cell(cells, cols.get("weight"))) if part else None,
            reported_score=_number(_cell(cells, cols.get("score"))) if part else None,
        )
    )
    row_text = " | ".join(" ".join(c.split()) for c in cells if c.strip())
    form.quotes[f"$.budget.rows[{index}]"] = row_text
    if index == 0:
        form.budget_weight = _number(_cell(cells, cols.get("weight")))
        form.budget_score = _number(_cell(cells, cols.get("score")))
        form.budget_reason = _cell(cells, cols.get("reason")).strip(" \t\n\u3000")
        form.quotes["$.budget.reported_score"] = row_text
    return True


def _indicator_row(
    form: _Form, cells: Sequence[str], cols: dict[str, int], location: str
) -> list[Unparsed]:
    """Read one indicator row into the form, its weight None when it prints none; a weight
    cell that holds something unreadable ("4O") comes back as unparsed, the row kept."""

    def text(field: str) -> str:
        return _cell(cells, cols.get(field))

    weight = _number(text("weight"))
    damaged = []
    if weight is None and not is_empty(text("weight")) and text("weight").strip() not in "/-—":
        damaged.append(
            Unparsed(
                kind="cell",
                location=f"{location} 分值",
                text=text("weight"),
                reason="分值无法读作数字，该行按无分值读入，依赖此数的核对未做 (weight "
                "unreadable; row kept without one, the checks that need it not made)",
            )
        )
        form.unread.add(f"$.indicators[{len(form.indicators)}].weight")
    previous = form.indicators[-1] if form.indicators else None
    level1 = _label(text("level1")) or (previous.level1 if previous else "")
    # A blank 二级 is the merged cell above it, which does not reach past its own 一级.
    level2 = _label(text("level2")) or (
        previous.level2 if previous and previous.level1 == level1 else ""
    )
    # The 一级/二级 points of a form that prints them in columns of their own (海南's 一级 |
    # 分值 | 二级 | 分值 | 三级 | 分值): a blank cell is the merged one above it, as the labels.
    level1_weight = _number(text("level1_weight"))
    if level1_weight is None and is_empty(text("level1_weight")) and previous is not None:
        level1_weight = previous.level1_weight if previous.level1 == level1 else None
    level2_weight = _number(text("level2_weight"))
    if level2_weight is None and is_empty(text("level2_weight")) and previous is not None:
        same = (previous.level1, previous.level2) == (level1, level2)
        level2_weight = previous.level2_weight if same else None
    for field, read, points in (
        ("level1_weight", "一级分值", level1_weight),
        ("level2_weight", "二级分值", level2_weight),
    ):
        printed = text(field)
        if damaged is None and points is None and not is_empty(printed):
            damaged = Unparsed(
                kind="cell",
                location=f"{location} {read}",
                text=printed,
                reason=f"{read}无法读作数字，该行按无{read}读入，依赖此数的核对未做 "
                f"({field} unreadable; row kept without it, the checks that need it not made)",
            )
            form.unread.add(f"$.indicators[{len(form.indicators)}].{field}")
    score = _number(text("score"))
    if (
        score is None
        and is_empty(text("score"))
        and previous is not None
        and (previous.level1, previous.level2) == (level1, level2)
        and form.layout
        and "weight" not in layouts.get(form.layout).columns
    ):
        # A form that scores each 二级 without points per row prints a 得分 cell merged
        # over the 二级's rows once: the rows under it share it.
        score = previous.reported_score
    try:
        column = None if is_empty(text("comparator")) else Comparator.parse(text("comparator"))
    except BudgetPerfError:
        column = None
        # A comparator column's cell that names no comparator: listed, the row kept.
        damaged.append(
            Unparsed(
                kind="cell",
                location=f"{location} 指标性质",
                text=shorten(text("comparator").strip(), 120),
                reason="指标性质（计算符号）无法识别，该行按无此符号读入 (comparator unreadable; "
                "row kept without it)",
            )
        )
    target_comparator, target = parse_measure(text("target"))
    _, actual = parse_measure(text("actual"))
    index = len(form.indicators)
    name = text("name").strip(" \t\n\u3000")
    form.indicators.append(
        Indicator(
            level1=level1,
            level2=level2,
            name=name,
            comparator=column or target_comparator,
            comparator_text=text("comparator").strip(" \t\n\u3000")
            if column
            else (target.comparator_text if target is not None else ""),
            parent=_parent(form.indicators, name, weight),
            target=target or Measure(text=text("target")),
            unit=text("unit").strip(" \t\n\u3000"),
            actual=actual,
            weight=weight,
            reported_score=score,
            deviation_note=text("note").strip(" \t\n\u3000"),
            share=_percent(text("share")),
            converted_score=_number(text("converted_score")),
            level1_weight=level1_weight,
            level2_weight=level2_weight,
        )
    )
    form.quotes[f"$.indicators[{index}]"] = " | ".join(
        " ".join(c.split()) for c in cells if c.strip()
    )
    return damaged


def _node_row(form: _Form, cells: Sequence[str], cols: dict[str, int]) -> None:
    """Read one row of a department scoring table. A blank 一级/二级 cell left of a printed
    label is a merged cell (it inherits the label above); blanks right of the last printed
    label mean the row is that level's node (一级 | | | 30 | 27 is a 一级 dimension)."""
    printed = [_label(_cell(cells, cols.get(f))) for f in ("level1", "level2", "name")]
    last = max((i for i, text in enumerate(printed) if text), default=-1)
    if last < 0:
        return
    above = form.nodes[-1].labels if form.nodes else ()
    labels = tuple(printed[i] or (above[i] if i < len(above) else "") for i in range(last + 1))
    form.nodes.append(
        _Node(
            labels=labels,
            weight=_number(_cell(cells, cols.get("weight"))),
            score=_number(_cell(cells, cols.get("score"))),
            note=_cell(cells, cols.get("note")).strip(" \t\n\u3000"),
            quote=" | ".join(" ".join(c.split()) for c in cells if c.strip()),
        )
    )


_POINTS_IN_LABEL: Final = re.compile(r"[(（]\s*(\d{1,4}(?:\.\d{1,4})?)\s*分\s*[)）]")


class _Open:
    """A node of the tree being built: its labels, its row (None for a level printed only as
    its children's label) and its children so far."""

    __slots__ = ("children", "labels", "row")

    def __init__(self, labels: tuple[str, ...], row: _Node | None) -> None:
        self.labels = labels
        self.row = row
        self.children: list[_Open] = []


def _dimensions(nodes: Sequence[_Node], quotes: dict[str, str]) -> tuple[Dimension, ...]:
    """The dimension tree of a scoring table's rows, in their order: each row is a node
    under the last node above it whose labels are its own but the last. A level printed only
    as the label of its children's rows (部门决策(25分) beside each 三级) becomes a node whose
    maximum is the points in its label, else the sum of its children's (marked inferred)."""
    roots: list[_Open] = []
    stack: list[_Open] = []
    for node in nodes:
        for depth in range(1, len(node.labels)):
            if len(stack) >= depth and stack[depth - 1].labels == node.labels[:depth]:
                continue
            del stack[depth - 1 :]
            implied = _Open(node.labels[:depth], None)
            (stack[-1].children if stack else roots).append(implied)
            stack.append(implied)
        del stack[len(node.labels) - 1 :]
        opened = _Open(node.labels, node)
        (stack[-1].children if stack else roots).append(opened)
        stack.append(opened)

    def build(item: _Open, path: str) -> Dimension:
        kids = tuple(build(k, f"{path}.children[{i}]") for i, k in enumerate(item.children))
        row = item.row
        if row is not None:
            quotes[path] = row.quote
        weight = row.weight if row is not None else None
        note = row.note if row is not None else ""
        inferred = weight is None
        if weight is None:
            printed = _POINTS_IN_LABEL.search(item.labels[-1])
            weight = (
                Decimal(printed.group(1)) if printed else sum((k.weight for k in kids), Decimal(0))
            )
            note = (
                note
                or "分值未单列：按标签或下级合计 (maximum not printed: from the label or the children)"
            )
        return Dimension(
            name=item.labels[-1],
            weight=weight,
            reported_score=row.score if row is not None else None,
            children=kids,
            note=note,
            weight_inferred=inferred,
        )

    return tuple(build(item, f"$.dimensions[{i}]") for i, item in enumerate(roots))


def _parent(rows: Sequence[Indicator], name: str, weight: Decimal | None) -> int | None:
    """The row a 其中 row breaks down (其中桃树种植面积 under 补助各类瓜果蔬菜种植面积): the
    last row of its own above it. Only a 其中 row without points is a part; one that prints
    points (★★★其中:农村低保对象… 5) is counted in its 一级's points as a row of its own."""
    if weight is not None or not name.lstrip("★☆*").startswith("其中"):
        return None
    return next((n for n in range(len(rows) - 1, -1, -1) if rows[n].parent is None), None)


# The goals block's labels (年度总体目标 | 预期目标 | 实际完成情况 …), compared as header_key,
# each with the field the value it heads goes to ("block" for the block's own label).
_LEVEL1_KEYS: Final = frozenset(layouts.header_key(w) for w in LEVEL1)
_GOALS: Final = MappingProxyType({layouts.header_key(w): role for w, role in GOAL_ROLES.items()})
# A blank that ends one sentence and begins another (。 本项目共完成…; a run of dots, a leader
# the page printed, ends the sentence before it): where two goal cells printed as one
# blank-separated run part.
_GOALS_PART: Final = re.compile(r"(?<=[。；;.．])\s+(?=[^\s.．])")
# A header the text printed as one cell, its labels run together (总体目标完成情况总体目标全年,
# 当年绩效目标年初绩效目标全年(调整)绩效目标全年目标): no column can be told from it.
_GOALS_BLANK: Final = re.compile(r"\s+")
_GOALS_STOP: Final = re.compile(r"(?<=[。；;])(?=\S)")
_GOALS_RUN_TOGETHER: Final = re.compile(r"目标.*目标")


def _goals_take(pending: list[str]) -> str:
    """The field the next value goes to: the first goals label waiting for one; the block's
    own label (年度总体目标) only where no other label waits (年度总体目标 | 一是通过…)."""
    at = next((k for k, role in enumerate(pending) if role != "block"), None)
    if at is None:
        del pending[:]
        return "goals"
    role = pending[at]
    del pending[: at + 1]
    return role


def _goals_value(text: str) -> str:
    """A goals cell as printed, a label run on after it dropped: the next section's (…
    绩效指标, … 项目预算 执行情况 (10分)) or the block's own, where a text layer prints the
    merged cell (… 年度总 体目标)."""
    value = text.strip(" \t\n\u3000")
    for words in (3, 2, 1):
        pieces = value.rsplit(None, words)
        if len(pieces) == words + 1 and (
            _goals_label(" ".join(pieces[1:]), variants=False)
            or layouts.header_key(" ".join(pieces[1:])) in _GOALS
        ):
            return pieces[0].rstrip()
    return value


def _goals_label(text: str, *, variants: bool = True) -> bool:
    """Whether a cell is a label, not a goals value: a head, fund or column label, an 一级, or
    a short label printed among the goals (绩效指标, 年度绩效指标完成情况, 项目预算 执行情况
    (10分)) — with ``variants``, a goals label's variant too (年度总体目标完成情况: a goals label
    and the words of an account of what was done, not 均达到预期目标), which a run of text may
    end in only as the block's own label exactly."""
    key = layouts.header_key(text)
    return (
        key in layouts.ANY_HEAD
        or key in _LEVEL1_KEYS
        or layouts.is_fund_label(text)
        or layouts.ANY_BUDGET.field_of(text) is not None
        or layouts.ANY_INDICATORS.field_of(text) is not None
        or (
            len(key) <= 20
            and (
                "指标" in key
                or "预算" in key
                or (
                    variants
                    and key.endswith("情况")
                    and any(key.startswith(goal) for goal in _GOALS)
                )
            )
            and not re.search(r"[,，、。；;]", text)
        )
    )


def _goals_cut_label(text: str, following: Sequence[str]) -> bool:
    """Whether a row's last cell, short, is the start of a label cut off (全年 of
    全年实际完成情况): the next row begins with a goals label, and the cell begins a budget or
    indicator header."""
    key = layouts.header_key(text)
    if (
        not 1 <= len(key) <= 3
        or re.search(r"\d", key)
        or not following
        or layouts.header_key(following[0]) not in _GOALS
    ):
        return False
    words = (
        layouts.header_key(word)
        for columns in (layouts.ANY_BUDGET, layouts.ANY_INDICATORS)
        for names in columns.synonyms.values()
        for word in names
    )
    return any(word.startswith(key) and word != key for word in words)


def _goals_parts(text: str) -> list[str]:
    """Two goals cells printed as one run: parted where one sentence ends and the next begins,
    at a blank (。 本项目共完成…), else at the run's only blank (…全民禁毒意识 有效的打击了…),
    else at a full stop (…演出设备。已完成), when exactly one such place parts it and neither
    part is a label."""
    for pattern in (_GOALS_PART, _GOALS_BLANK, _GOALS_STOP):
        parts = [p.strip() for p in pattern.split(text) if p.strip()]
        if len(parts) == 2 and not any(_goals_label(p) for p in parts):
            return parts
        if len(parts) > 2:
            return []
    return []


def _goals_row(
    form: _Form,
    nonempty: Sequence[str],
    location: str,
    unparsed: list[Unparsed],
    following: Sequence[str] = (),
) -> bool:
    """The 年度总体目标 block, however the page prints it: a header row (预期目标 | 实际完成情况,
    the block's label before them, or other labels of the head: 项目基本情况 | 1.项目年度目标
    完成情况 | 项目年度目标 | 年度目标完成情况) then the row of values under it; each label alone
    on a row, the values after the last (年度总体目标 / 预期目标 / 实际完成情况 | 43.2 / 37.24);
    or label and value on one row (年度总体目标 | 一是通过…, 实际完成情况 | 按计划完成…,
    年初设定目标 | … then 年度总体目标完成情况综述 | …). Each value goes to the first label
    still waiting for one, in printed order. Two values printed as one cell under two waiting
    labels (the row after it no value) are parted where one sentence ends and the next begins,
    when exactly one place does; a cell that cannot be parted so, the values under a header
    printed run together in one cell or under a label cut off (全年 | 实际完成情况), are listed
    as unparsed, never guessed. ``following`` is the next row's printed cells."""
    roles = [_GOALS.get(layouts.header_key(c)) for c in nonempty]
    if any(role is not None for role in roles):
        words = next(k for k, role in enumerate(roles) if role is not None)
        if (
            len(nonempty) - words >= 2
            and all(role is not None for role in roles[words:])
            and all(len(c) <= 20 and not _SENTENCE_END.search(c) for c in nonempty[:words])
        ):
            # A header row: the block's labels, any label of the head before them.
            form.goals_pending = [r for r in roles[words:] if r is not None]
            return True
        if words > 0:
            form.goals_pending, form.goals_unreadable = [], False
            return False  # a value before the block's labels: no goals row
    elif not form.goals_pending:
        form.goals_unreadable = bool(
            len(nonempty) == 1
            and not _goals_label(nonempty[0])
            and _GOALS_RUN_TOGETHER.search(nonempty[0])
            and not re.search(r"\d", nonempty[0])
        )
        return False
    elif _goals_label(nonempty[0]):
        form.goals_pending, form.goals_unreadable = [], False  # the labels waited in vain
        return False
    pending = list(form.goals_pending)
    values: list[tuple[str, str]] = []
    for cell, role in zip(nonempty, roles, strict=True):
        if role is not None:
            pending.append(role)
        elif pending and cell is nonempty[-1] and _goals_cut_label(cell, following):
            form.goals_unreadable = True
        elif _goals_label(cell) or any(
            layouts.header_key(cell).startswith(goal) for goal in _GOALS
        ):
            # A label no field is known for (年度总体目标完成情况), or labels and values run
            # together in one cell (预期目标 | 年度 总体 目标 10 45.17%, a PDF's text layer).
            form.goals_unreadable = True
        elif pending:
            values.append((_goals_take(pending), _goals_value(cell)))
        else:
            values.append(("", cell))
    if (
        len(values) == 1
        and values[0][0] == "goals"
        and "goals_completion" in pending
        and not _goals_follow(following)
    ):
        # One cell under both labels, nothing after it: the two values printed as one run.
        parts = _goals_parts(values[0][1])
        if parts:
            values = [("goals", parts[0]), (_goals_take(pending), parts[1])]
        else:
            values.append(("", ""))
    if form.goals_unreadable or any(not field for field, _ in values):
        form.goals_pending = []
        unparsed.append(
            Unparsed(
                kind="row",
                location=location,
                text=_cells_text(nonempty),
                reason="年度总体目标栏无法分栏（表头连成一格或被截断，或一格含两栏的值而无法分开），"
                "未读取 (the goals block cannot be told into its columns: its header printed run "
                "together or cut, or one cell holds both values and cannot be parted; not read)",
            )
        )
        return True
    if form.department_form and values:
        # A department's form: its document has no goals field, so the row is listed.
        unparsed.append(
            Unparsed(
                kind="goals",
                location=location,
                text=_cells_text(nonempty),
                reason="部门整体支出自评表的年度目标：部门文档无此字段，未读入 (a department "
                "form's goals: its document has no field for them; not read)",
            )
        )
    for field, value in values:
        form.head.setdefault(field, value)
    # The block's own label waits for nothing once a value has been read.
    form.goals_pending = [r for r in pending if r != "block"] if values else pending
    return True


def _goals_follow(cells: Sequence[str]) -> bool:
    """Whether the next row goes on with the goals block: a goals label, or a value."""
    if not cells:
        return False
    return layouts.header_key(cells[0]) in _GOALS or not _goals_label(cells[0])


def _bare_fund_row(
    form: _Form, nonempty: Sequence[str], unit: Unit, location: str, unparsed: list[Unparsed]
) -> bool:
    """Read a funds row printed without the block's header (a target table's 资金情况: 年度资金
    总额: | 500, 其中：财政拨款 | 500, 其他资金 |): the amount, the only one printed, is the
    budget the table was filed with (``initial_budget``). A value that is no amount (854万(…))
    keeps the row, without an amount, and is listed as unparsed.

    The block's label may open its first row (资金情况 (万元) | 项目资金总额: | 1500), and a
    row may print two blocks side by side, each a label and its amount (项目资金总额: | 1500 |
    年度资金申请总额 | 1500; 其他资金 | 其他资金): the first pair is the row, as the block's
    first column; the block beside it, which no budget column holds, is listed as unparsed,
    label and amount quoted."""
    items = list(nonempty)
    if len(items) > 1 and layouts.ANY_BUDGET.field_of(items[0]) == "category":
        # The block's label, printed in its merged first cell before a fund and its amount
        # (not a header row: 资金来源 | 资金总额).
        opened = _fund_pairs(items[1:])
        if opened is not None and opened[0][1] is not None:
            items = items[1:]
    first = items[0]
    # 其他: after the block's other rows is its 其他资金 row, its label shortened.
    other = form.bare_funds and _key(first) in ("其他", "其它")
    pairs = _fund_pairs(items, first_is_label=other)
    if (
        form.indicators
        or (form.fund_rows and not form.bare_funds)
        or pairs is None
        or any(_key(first).removeprefix("其中").startswith(word) for word, _ in _LEVELS)
    ):
        return False
    (label, value), beside = pairs[0], pairs[1:]
    row = [label] if value is None else [label, value]
    if not _fund_row(form, row, {"initial": 1}, unit, location, other=other):
        return False
    form.bare_funds = True
    if value is not None and form.fund_rows[-1].initial_budget is None:
        unparsed.append(
            Unparsed(
                kind="cell",
                location=location,
                text=value,
                reason="资金金额无法读作数字，该行按无金额读入 (amount unreadable; row kept)",
            )
        )
    unparsed += [
        Unparsed(
            kind="cell",
            location=location,
            text=" | ".join(p for p in pair if p is not None),
            reason="与资金行并列的另一组资金，预算表无此列，未读入 "
            "(a second funds block printed beside the first; no budget column holds it)",
        )
        for pair in beside
    ]
    return True


def _fund_pairs(
    items: Sequence[str], *, first_is_label: bool = False
) -> list[tuple[str, str | None]] | None:
    """The (label, amount) pairs of a funds row printed without its block's header: each a
    fund label (其中：财政拨款 …) followed by its amount (a cell beginning with a digit) or by
    nothing; ``None`` when a cell is neither (the row is no funds row)."""
    pairs: list[tuple[str, str | None]] = []
    k = 0
    while k < len(items):
        label = items[k]
        if not (layouts.is_fund_label(label) or (first_is_label and k == 0)):
            return None
        value = items[k + 1] if k + 1 < len(items) else None
        if value is not None and layouts.is_fund_label(value):
            value = None  # the next pair's label: this fund prints no amount
        if value is not None and not value.strip()[:1].isdigit():
            return None
        pairs.append((label, value))
        k += 1 if value is None else 2
    return pairs or None


def _head_row(
    form: _Form,
    cells: Sequence[str],
    nonempty: Sequence[str],
    location: str,
    unparsed: list[Unparsed],
    following: Sequence[str] = (),
) -> bool:
    """Read a row of the form's head (labels and values, goals, leaders, fund levels, economic
    lines); whether it was one."""
    if _goals_row(form, nonempty, location, unparsed, following):
        return True
    first = nonempty[0]
    if first.strip().startswith("项目负责人"):
        form.head["project_leaders"] = first.split("：", 1)[-1].strip()
        if len(nonempty) > 1 and "财务负责人" in nonempty[1]:
            form.head["finance_leaders"] = nonempty[1].split("：", 1)[-1].strip()
        elif len(nonempty) > 1:
            form.head["project_leaders"] = nonempty[1].strip()
        return True
    if "计划安排资金" in _key(first):
        return True  # the totals row of the older form: its figures are the sum of the level rows
    for word, level in _LEVELS:
        key = _key(first).removeprefix("其中")
        if key.startswith(word) and any(w in key for w in _LEVEL_FUNDS):
            values = list(cells[1:])
            planned = _amount(values[0], Unit.WAN_YUAN) if values else None
            in_place = _amount(values[2], Unit.WAN_YUAN) if len(values) > 2 else None
            form.level_funding.append(
                LevelFunding(
                    level=level,
                    label=first.strip().removeprefix("其中："),
                    planned=planned,
                    in_place=in_place,
                )
            )
            return True
    if _key(first) in ("其它", "其他") and form.level_funding:
        # Funds from no government level: their figures are read as the levels' are.
        values = list(cells[1:])
        form.level_funding.append(
            LevelFunding(
                level=None,
                label=first.strip(),
                planned=_amount(values[0], Unit.WAN_YUAN) if values else None,
                in_place=_amount(values[2], Unit.WAN_YUAN) if len(values) > 2 else None,
            )
        )
        return True
    economic = _ECONOMIC.match(first.strip())
    if economic and len(nonempty) >= 3:
        form.economic.append(
            EconomicLine(
                economic_code=economic.group(1),
                name=economic.group(2).strip(),
                planned=_amount(nonempty[1], Unit.WAN_YUAN),
                amount=_amount(nonempty[2], Unit.WAN_YUAN) or Amount(0, Unit.WAN_YUAN),
            )
        )
        return True
    # A head label the form numbers (2.项目实施内容及过程概述) is that label.
    field = layouts.ANY_HEAD.get(_NUMBERED.sub("", layouts.header_key(first)))
    if field is not None and len(nonempty) > 1:
        form.head.setdefault(field, nonempty[1].strip(" \t\n\u3000"))
        second = (
            layouts.ANY_HEAD.get(layouts.header_key(nonempty[2])) if len(nonempty) >= 4 else None
        )
        if second is not None:
            form.head.setdefault(second, nonempty[3].strip(" \t\n\u3000"))
        return True
    return False


# The head labels that open a department's form (部门整体支出绩效自评表), compared as _key.
_DEPARTMENT_LABELS: Final = frozenset({"部门名称", "部门", "单位名称", "预算部门", "部门单位名称"})


def _layout_points(form: _Form) -> Decimal | None:
    """The budget block's points of the form's layout (20 for a 20 + 80 form), for a block that
    prints no 分值 column."""
    return layouts.get(form.layout).budget_points if form.layout else None


def _budget_block(form: _Form) -> BudgetBlock | None:
    """The form's budget block, when it printed fund rows."""
    if not form.fund_rows:
        return None
    return BudgetBlock(
        rows=tuple(form.fund_rows),
        weight=form.budget_weight or _layout_points(form) or Decimal(10),
        reported_score=form.budget_score,
        reason=form.budget_reason,
    )


def _department_document(
    form: _Form, year: int | None, file: str, number: int
) -> DepartmentEvaluation:
    budget = _budget_block(form)
    return DepartmentEvaluation(
        department=form.title.strip(" \t\n\u3000"),
        year=year if year is not None else 0,
        layout=form.layout,
        layout_reason=form.layout_reason,
        budget=budget,
        indicators=tuple(form.indicators),
        dimensions=_dimensions(form.nodes, form.quotes),
        framework=form.head.get("framework", ""),
        incomplete=not form.closed and form.total is None,
        reported_total=form.total,
        source=SourceRef(file=file, section=f"第 {number + 1} 张自评表（{form.location}）"),
    )


def _document(
    form: _Form, year: int | None, file: str, number: int
) -> ProjectEvaluation | DepartmentEvaluation:
    if form.department_form:
        return _department_document(form, year, file, number)
    title = form.title.strip(" \t\n\u3000")
    code = None
    match = _CODE_NAME.match(title)
    if match:
        code = ProjectCode.parse(match.group(1))
        title = match.group(2).strip()
    sub = ""
    bracket = re.fullmatch(r"(.*?)（(.+)）", title, re.S)
    if bracket and code is not None:
        title, sub = bracket.group(1), bracket.group(2)
    budget = _budget_block(form)
    total = form.total
    grade = None
    if form.head.get("grade"):
        try:
            grade = Grade.parse(form.head["grade"])
        except BudgetPerfError:
            grade = None
    if total is None and form.head.get("total"):
        total = _number(form.head["total"])
    layout, reason = form.layout, form.layout_reason
    if not layout and form.level_funding:
        found = layouts.get("guangxi-2020")
        layout, reason = found.name, "按级次列示的计划安排资金（项目单位自评基本情况表）"
    evaluation_year = year if year is not None else 0
    return ProjectEvaluation(
        name=title,
        code=code,
        sub_project=sub,
        year=evaluation_year,
        department=form.head.get("department", ""),
        implementing_unit=form.head.get("implementing_unit", ""),
        layout=layout,
        layout_reason=reason,
        incomplete=not form.closed and total is None,
        budget=budget,
        indicators=tuple(form.indicators),
        reported_total=total,
        reported_grade=grade,
        goals=form.head.get("goals", ""),
        goals_completion=form.head.get("goals_completion", ""),
        summary=form.head.get("summary", ""),
        conclusion=form.head.get("conclusion", ""),
        problems=form.head.get("problems", ""),
        measures=form.head.get("measures", ""),
        project_leaders=tuple(x for x in form.head.get("project_leaders", "").split("、") if x),
        finance_leaders=tuple(x for x in form.head.get("finance_leaders", "").split("、") if x),
        level_funding=tuple(form.level_funding),
        economic_lines=tuple(form.economic),
        source=SourceRef(file=file, section=f"第 {number + 1} 张自评表（{form.location}）"),
    )
