"""Layouts as data (版式): one record per published form, and recognising them in a grid.

Everything budgetperf knows about a form — the words of its title, the headers of its head
rows, budget block and indicator table with every synonym provinces print, where its points
go, which columns it has, which rule set scores it — is one frozen :class:`Layout` literal in
this package. The audit, the CSV reader and the renderer read headers only through here. A new
province's form is one new record (docs/layouts.md says how).

:func:`identify` reads a grid (from any format) and says which form it is, and why — or that
it is none of them, and why not; it never falls back to a default silently::

    >>> from budgetperf.grid import GridBuilder, Location
    >>> b = GridBuilder(Location())
    >>> for row in (["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
    ...              "完成值", "权重", "得分", "未完成原因分析"],):
    ...     b.start_row()
    ...     for text in row:
    ...         b.add_cell(text)
    >>> found = identify(b.build())
    >>> found.layout.name, found.reason
    ('sichuan-2023', '指标表头含 指标性质、度量单位（sichuan-2023 的标志）')

The package imports only :mod:`budgetperf.errors`, :mod:`budgetperf.money` and the grid.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

from budgetperf.errors import ParseError
from budgetperf.grid import Flattening, Grid, GridBuilder, Location
from budgetperf.layouts import flat
from budgetperf.layouts._types import (
    Columns,
    FormKind,
    Identified,
    Layout,
    Unidentified,
    header_key,
)
from budgetperf.layouts._vocabulary import FUND_ROWS, GOALS, LEVEL1, LEVEL2, TOTALS

__all__ = [
    "ANY_BUDGET",
    "ANY_HEAD",
    "ANY_INDICATORS",
    "LAYOUTS",
    "LEVEL1",
    "LEVEL2",
    "Columns",
    "FormKind",
    "Identified",
    "Layout",
    "Unidentified",
    "begins_level1",
    "get",
    "header_cells",
    "header_key",
    "identify",
    "is_footnote",
    "is_fund_label",
    "is_level1",
    "is_level2",
    "is_own_label",
    "names_a_budget",
    "names_a_form",
    "opens_table",
    "rebuild",
    "split_run",
    "split_runs",
]


def _shipped() -> tuple[Layout, ...]:
    # Every Layout defined at the top of a module of this package: a new form is one new
    # file (or one more record in a file), with nothing to register by hand.
    found: list[Layout] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "flat":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found += [v for v in vars(module).values() if isinstance(v, Layout)]
    return tuple(found)


LAYOUTS: Final[tuple[Layout, ...]] = _shipped()
"""Every shipped form, in no order that matters (identification scores them all)."""

_BY_NAME: Final = {layout.name: layout for layout in LAYOUTS}


def _union(blocks: Sequence[Columns | None], required: frozenset[str]) -> Columns:
    synonyms: dict[str, tuple[str, ...]] = {}
    for block in blocks:
        if block is None:
            continue
        for field, names in block.synonyms.items():
            synonyms[field] = tuple(dict.fromkeys((*synonyms.get(field, ()), *names)))
    return Columns(synonyms=synonyms, required=required)


# The vocabulary of every shipped form together: what a flattened table is rebuilt with
# before it is identified (the rebuild must not presume the form).
ANY_BUDGET: Final = _union([layout.budget for layout in LAYOUTS], frozenset({"executed"}))
"""Every shipped form's budget header together (what a header row is found with)."""
ANY_INDICATORS: Final = _union(
    [layout.indicators for layout in LAYOUTS], frozenset({"level1", "name"})
)
"""Every shipped form's indicator header together."""
# The indicator columns of each shipped form whose rows are named (指标名称 / 三级指标): a
# flattened header holding them is an indicator header, a 一级 column or not.
_NAMED_ROWS: Final = tuple(
    dict.fromkeys(
        layout.indicators.required
        for layout in LAYOUTS
        if layout.indicators is not None and "name" in layout.indicators.required
    )
)
ANY_HEAD: Final = {
    header_key(label): field for layout in LAYOUTS for label, field in layout.head.items()
}
"""Every shipped form's head labels (compared through :func:`header_key`) → field."""


def is_level1(text: str) -> bool:
    """Whether a cell is a 一级指标 label as forms print them (产出指标(50分) …, or only
    「(50分)」 where the page lost the name)."""
    return flat.is_label(text, flat.LEVEL1) or flat.is_points_only(text)


def begins_level1(text: str) -> bool:
    """Whether a cell is the start of a 一级指标 label cut off where the page ends (满意 of
    满意度指标), not a whole label."""
    return (
        not flat.is_label(text, flat.LEVEL1)
        and flat._cut_label(text)
        and any(n.startswith(header_key(text)) for n in flat.LEVEL1)
    )


def is_footnote(text: str) -> bool:
    """Whether a cell is the form's notes under its table (注：…)."""
    return flat.is_footnote(text)


def is_fund_label(text: str) -> bool:
    """Whether a cell is a budget block's row label as forms print them (年度资金总额,
    其中：财政拨款, 其他资金 …)."""
    return flat.is_fund_label(text)


def is_own_label(text: str) -> bool:
    """Whether a cell is a 一级/二级 label of the table's own, outside the vocabulary (labels
    end in 指标, as 实施效果指标 does; names and column heads do not)."""
    return flat.is_own_label(text)


def is_level2(text: str) -> bool:
    """Whether a cell is a 二级指标 label as forms print them (数量指标 …)."""
    return flat.is_label(text, flat.LEVEL2)


def rebuild(grid: Grid, *, context: Sequence[str] = ()) -> Grid | None:
    """The rows of a flattened grid (``grid.flattened``), rebuilt with every shipped form's
    headers, or ``None`` when it holds neither an indicator table nor a budget block, or when
    the rows rebuilt are no shipped form (:func:`identify`, with ``context`` the text printed
    before the table): rows guessed for another form's table are no reading of it (see
    :mod:`budgetperf.layouts.flat`)."""
    rows = flat.rebuild(
        grid,
        budget=ANY_BUDGET,
        indicators=ANY_INDICATORS,
        head=set(ANY_HEAD),
        forms=_NAMED_ROWS,
    )
    if rows is None or not isinstance(identify(rows, context=context), Identified):
        return None
    return rows


_RUN_WORDS: Final = flat.run_pattern(
    [
        *(
            n
            for block in (ANY_BUDGET, ANY_INDICATORS)
            for names in block.synonyms.values()
            for n in names
        ),
        *(label for layout in LAYOUTS for label in layout.head),
        *(n for layout in LAYOUTS for n in (*layout.title_words, *layout.marks)),
        *LEVEL1,
        *LEVEL2,
        *FUND_ROWS,
        *TOTALS,
        *GOALS,
    ]
)


# The shipped forms' titles (their title words naming a table, 项目支出绩效自评表, 计分表 …),
# and 自评表 however a title begins (…经费绩效自评表, a project's own name before it): printed
# in a text, each begins a table of its own.
_FORM_TITLES: Final = tuple(
    dict.fromkeys(
        header_key(word)
        for layout in LAYOUTS
        for word in (*layout.title_words, "自评表")
        if word.endswith("表")
    )
)


def names_a_form(text: str) -> bool:
    """Whether ``text`` prints a shipped form's title (a title word naming a table).

    >>> names_a_form("办公宿舍楼、食堂及餐厅暖通改造经费 绩效自评表(修改)")
    True
    >>> names_a_form("附件1 项目支出绩效自评表"), names_a_form("县级储备粮管理制度严格执行率")
    (True, False)
    """
    key = header_key(text)
    return any(title in key for title in _FORM_TITLES)


def _header_run(cells: Sequence[str]) -> bool:
    """Whether three column headers follow one another somewhere in ``cells`` (a bracketed
    marker between them aside): a header row, where prose only borrows a header's word."""
    run = 0
    for cell in cells:
        if not header_key(cell):
            continue
        named = ANY_INDICATORS.field_of(cell) or ANY_BUDGET.field_of(cell)
        run = run + 1 if named else 0
        if run >= 3:
            return True
    return False


def opens_table(text: str) -> bool:
    """Whether text printed without separators holds a header row (three column headers one
    after another, as :func:`split_run` cuts it): a table has begun in it."""
    return _header_run(flat.split_run(text, _RUN_WORDS))


def split_runs(pieces: Sequence[str]) -> list[str] | None:
    """The cells of runs printed without separators, each cut on its own (as
    :func:`split_run` cuts one), an empty piece an empty cell, or ``None`` when they are no
    shipped form together."""
    cells: list[str] = []
    for piece in pieces:
        cells += flat.split_run(piece, _RUN_WORDS) if piece else [""]
    if not _header_run(cells):
        return None
    builder = GridBuilder(Location())
    for cell in cells:
        builder.add_cell(cell)
    return cells if rebuild(builder.build(flattening=Flattening.CELLS)) is not None else None


def split_run(text: str) -> list[str] | None:
    """The cells of a table printed with no separator between them (a document site's text
    layer: 「一级指标二级指标三级指标分值…」), split at every shipped form's words, or ``None``
    when the cells, rebuilt into rows, are no shipped form (text of another table stays text).

        >>> split_run("项目名称学生资助一级指标二级指标三级指标年度指标值实际完成值分值得分"
        ...           "产出指标数量指标受助人数≥100人120人2020")
        ['项目名称', '学生资助', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', \
'分值', '得分', '产出指标', '数量指标', '受助人数≥100人120人2020']
        >>> split_run("本年度完成了各项目标任务。") is None
        True
    """
    cells = flat.split_run(text, _RUN_WORDS)
    if not _header_run(cells):
        return None  # prose that uses a header's words, not a header
    builder = GridBuilder(Location())
    for cell in cells:
        builder.add_cell(cell)
    return cells if rebuild(builder.build(flattening=Flattening.CELLS)) is not None else None


def get(name: str) -> Layout:
    """The layout called ``name``.

    Raises:
        ParseError: no shipped layout has that name.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ParseError(
            "未知的版式",
            "unknown layout",
            field="layout",
            value=name,
            expected=", ".join(sorted(_BY_NAME)),
        ) from None


def header_cells(grid: Grid, row: int) -> tuple[str, ...]:
    """The header of ``row`` with a two-row header folded in: where a cell spans columns
    (年度指标值 over 指标性质 / 指标值 / 度量单位) the row below names each column."""
    cells = grid.cells[row]
    below = grid.cells[row + 1] if row + 1 < grid.height else ()
    out: list[str] = []
    for column, cell in enumerate(cells):
        wide = any(other.origin == cell.origin and other.column != column for other in cells)
        sub = below[column].text if column < len(below) else ""
        out.append(sub if wide and sub.strip() else cell.text)
    return tuple(out)


def _points(grid: Grid, budget_row: int, columns: dict[str, int]) -> Decimal | None:
    """The points printed on the first budget row under the header (年度资金总额 | … | 10)."""
    index = columns.get("weight")
    if index is None or budget_row + 1 >= grid.height:
        return None
    row = grid.cells[budget_row + 1]
    if index >= len(row):
        return None
    try:
        return Decimal(header_key(row[index].text) or "x")
    except InvalidOperation:
        return None


def names_a_budget(cells: Sequence[str]) -> bool:
    """Whether a row is a budget block's header (全年执行数 with 全年预算数 or 年初预算数)."""
    return _is_budget_header(cells)


def _is_budget_header(cells: Sequence[str]) -> bool:
    """Whether a row is a budget block's header: it names what was executed against a budget
    (全年执行数 with 全年预算数 or 年初预算数)."""
    found = set(ANY_BUDGET.map(list(cells)))
    return "executed" in found and bool(found & {"adjusted", "initial"})


def _named(text: str) -> bool:
    """Whether a printed header names a column (or a head label) of some shipped form."""
    return any(
        block.field_of(text) is not None or block.misprint_of(text) is not None
        for block in (ANY_INDICATORS, ANY_BUDGET)
    ) or (header_key(text) in ANY_HEAD)


def _after_target(header: Sequence[str]) -> str | None:
    """The header cell right after the target column when no shipped form names it: the
    target split into a column per area (区域目标值 | 新罗区 | 永定区 …, t-d-006), a table with
    more targets than the forms' one."""
    at = ANY_INDICATORS.map(list(header)).get("target")
    if at is None:
        return None
    following = next((t for t in header[at + 1 :] if header_key(t)), None)
    return following if following is not None and not _named(following) else None


def _words(texts: Iterable[str]) -> str:
    return "".join(header_key(text) for text in texts)


def identify(
    grid: Grid,
    *,
    context: Sequence[str] = (),
    at: int | None = None,
    since: int = 0,
    candidates: Sequence[Layout] | None = None,
) -> Identified | Unidentified:
    """Which shipped form ``grid`` is, and why.

    ``context`` is the text printed around the table (its title, the rows of the form in
    earlier tables), where forms told apart by their title say what they are. ``at`` names
    the row of the indicator header when the caller has found it, ``since`` the row where the
    form begins (a grid may hold several forms one after another). ``candidates`` are the
    forms to choose from (default: every shipped one; add your own province's form to them).

    A table cut off before its indicator header is identified by its budget header and its
    title (a form its title does not name is not guessed); ``header_row`` is then the budget
    header's row. So is one cut inside it: an indicator header that is the table's last row
    and fits no form (its last columns not printed).
    """
    return _identify(grid, context=context, at=at, since=since, candidates=candidates)


def _identify(
    grid: Grid,
    *,
    context: Sequence[str],
    at: int | None = None,
    since: int,
    candidates: Sequence[Layout] | None,
    indicators: bool = True,
) -> Identified | Unidentified:
    """:func:`identify`, the indicator header looked for only where ``indicators``."""
    forms = LAYOUTS if candidates is None else tuple(candidates)
    header: tuple[str, ...] | None = None
    header_at = -1
    for r in (range(since, grid.height) if at is None else (at,)) if indicators else ():
        cells = header_cells(grid, r)
        if any(layout.indicators.is_header(cells) for layout in forms):
            header, header_at = cells, r
            break
    budget_at = next(
        (
            r
            for r in range(since, header_at if header is not None else grid.height)
            if (ANY_BUDGET.is_header if header is not None else _is_budget_header)(
                header_cells(grid, r)
            )
        ),
        -1,
    )
    if header is None and budget_at < 0:
        return Unidentified(
            reason="没有任何版式的指标表头（一级指标 … 分值/得分） (no indicator header)"
        )
    if header is None:
        # A table cut off before its indicators: its budget block and its title say which
        # form it is, when the title names one.
        header_at = budget_at
    split = _after_target(header) if header is not None else None
    if split is not None:
        return Unidentified(
            reason=f"指标表头在目标值列后还有各版式均无的列「{split}」（如按地区分列的目标值） "
            "(a column no shipped layout names follows the target: targets per area)"
        )
    # The words of the form up to its indicator header; without one, the whole table's (a
    # table cut off, or a text layer that printed the header's cells out of order).
    end = header_at + 1 if header is not None else grid.height
    texts = [cell.text for row in grid.cells[since:end] for cell in row]
    printed = {header_key(t) for t in texts} | {header_key(t) for t in header or ()}
    # The row right above the indicator header is its title too when a head section comes
    # first: a section heading (「二、绩效评价指标评分」) names the table under it.
    above = grid.cells[header_at - 1] if header is not None and header_at - 1 >= since else ()
    around = _words((*context, *texts[:12], *(cell.text for cell in above)))
    scored: list[tuple[int, Layout, str]] = []
    for layout in forms:
        if header is not None and not layout.indicators.is_header(header):
            continue
        if header is None and (
            layout.budget is None or not layout.budget.is_header(header_cells(grid, budget_at))
        ):
            continue
        if any(
            header_key(word) in printed or header_key(word) in around for word in layout.excludes
        ):
            continue
        titled = [w for w in layout.title_words if header_key(w) in around]
        if (layout.needs_title or header is None) and not titled:
            continue
        marks = [m for m in layout.marks if header_key(m) in printed or header_key(m) in around]
        if layout.marks and not marks:
            continue  # a form told by its marks is not one without them
        points = None
        if budget_at >= 0 and layout.budget is not None:
            points = _points(grid, budget_at, layout.budget.map(header_cells(grid, budget_at)))
        if layout.needs_points and points != layout.budget_points:
            continue
        score = (
            3 * len(marks)
            + len(titled)
            + (2 if points is not None and points == layout.budget_points else 0)
        )
        reasons = []
        if marks:
            reasons.append(f"指标表头含 {'、'.join(marks)}（{layout.name} 的标志）")
        if titled:
            reasons.append(f"标题含 {'、'.join(titled)}")
        if points is not None and points == layout.budget_points:
            reasons.append(f"预算执行 {points} 分")
        if not reasons:
            reasons.append(f"表头与 {layout.name} 相符，且无其他版式的标志")
        scored.append((score, layout, "；".join(reasons)))
    if not scored and header is None:
        return Unidentified(
            reason="没有指标表头，预算表头与标题不指向任何版式 "
            "(no indicator header; the budget header and title name no layout)"
        )
    if not scored and header is not None and header_at == grid.height - 1:
        # The indicator header is the last row printed and no form has all its columns: the
        # text was cut inside it (… | 分值 | 得分计算), so the form is told as one cut off
        # before its indicators, by its budget header and its title.
        cut = _identify(grid, context=context, since=since, candidates=candidates, indicators=False)
        if isinstance(cut, Identified):
            return cut
    if not scored:
        return Unidentified(
            reason="指标表头与各版式均不完全相符："
            + "、".join(t for t in header or () if t.strip())
            + " (the header fits no shipped layout)"
        )
    scored.sort(key=lambda item: -item[0])
    best = [item for item in scored if item[0] == scored[0][0]]
    if len(best) > 1:
        return Unidentified(
            reason="多个版式同样相符："
            + "、".join(item[1].name for item in best)
            + " (ambiguous layout)"
        )
    score, layout, reason = best[0]
    return Identified(layout=layout, reason=reason, header_row=header_at)
