"""Layouts as data: every shipped form is identified as itself and read back field by field."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import layouts
from budgetperf.audit import audit_blocks, audit_text
from budgetperf.errors import ParseError
from budgetperf.grid import Block, Flattening, Grid, GridBuilder, Location, Paragraph
from budgetperf.layouts import flat
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from budgetperf.money import Amount, Unit
from budgetperf.readers import read_text

# The forms a project document is read from (with points per indicator).
READABLE = [
    layouts.get(name)
    for name in (
        "national",
        "national-20",
        "sichuan-2023",
        "yunnan-14",
        "xianjie",
        "hebei-weight-share",
        "score-method",
        "national-department",
        "no-weight",
        "ab-target-20",
        "chongqing-department",
    )
]

_NAME = st.text(alphabet="学生资助营养改善农村公路养护项目经费", min_size=2, max_size=10)
_LEVELS = st.sampled_from(
    [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
)


@st.composite
def indicator_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    rows = []
    for n in range(draw(st.integers(1, 6))):
        level1, level2 = draw(_LEVELS)
        weight = draw(st.integers(1, 30))
        target = draw(st.integers(1, 500))
        share = draw(st.integers(1, 100))
        score = draw(st.integers(0, weight))
        rows.append(
            {
                "level1": level1,
                "level2": level2,
                "name": f"{draw(_NAME)}{n}",
                "comparator": "≥",
                "target": f"≥{target}个",
                "unit": "个",
                "actual": f"{draw(st.integers(0, 600))}个",
                "weight": str(weight),
                "score": str(score),
                "share": f"{share}%",
                "converted_score": str(Decimal(share * score) / 100),
                "method": "实际值/目标值×分值",
                "note": "",
            }
        )
    return rows


def _cell(row: dict[str, str], field: str, layout: layouts.Layout) -> str:
    if field == "target" and "comparator" in layout.indicator_order:
        return row["target"].removeprefix("≥").removesuffix("个")
    return row.get(field, "")


def form(layout: layouts.Layout, name: str, rows: list[dict[str, str]]) -> list[Block]:
    """A table in ``layout``, as a finance office fills it in."""
    points = layout.budget_points or Decimal(10)
    budget_values = {
        "category": "年度资金总额",
        "initial": "100",
        "adjusted": "120",
        "executed": "108",
        "weight": str(points),
        "rate": "90%",
        "score": str(points - 1),
        "reason": "",
    }
    table: list[list[str]] = [[w] for w in layout.title_words[:1]]
    if layout.kind is layouts.FormKind.DEPARTMENT:
        table.append(["部门名称", name])
    else:
        table += [["项目名称", name], ["主管部门", "某县教育局", "实施单位", "某县第一中学"]]
    table += [
        [layout.printed(f, block="budget") for f in layout.budget_order],
        [budget_values[f] for f in layout.budget_order],
        [layout.printed(f) for f in layout.indicator_order],
        *[[_cell(row, f, layout) for f in layout.indicator_order] for row in rows],
    ]
    if "weight" in layout.indicator_order:
        total = sum(Decimal(r["score"]) for r in rows) + points - 1
        table.append(["总分", str(sum(Decimal(r["weight"]) for r in rows) + points), str(total)])
    else:
        table.append(["总分", "100", str(sum(Decimal(r["score"]) for r in rows) + points - 1)])
    builder = GridBuilder(Location(file="form.html", block=1))
    for cells in table:
        builder.start_row()
        for text in cells:
            builder.add_cell(text)
    return [Paragraph(text="2023年度项目支出绩效自评", location=Location(block=0)), builder.build()]


@pytest.mark.parametrize("layout", READABLE, ids=lambda layout: layout.name)
@given(name=_NAME, rows=indicator_rows())
def test_a_form_in_each_layout_is_identified_and_read_back(
    layout: layouts.Layout, name: str, rows: list[dict[str, str]]
) -> None:
    result = audit_blocks(form(layout, name, rows), file="form.html")
    (doc,) = [
        d for d in result.batch.documents if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    if isinstance(doc, DepartmentEvaluation):
        assert (doc.layout, doc.department) == (layout.name, name)
    else:
        assert (doc.layout, doc.name, doc.department, doc.implementing_unit) == (
            layout.name,
            name,
            "某县教育局",
            "某县第一中学",
        )
    assert doc.layout_reason
    assert doc.budget is not None
    assert doc.budget.rows[0].executed is not None
    assert doc.budget.rows[0].executed.value == Decimal(108)
    if "weight" in layout.budget_order:
        assert doc.budget.weight == (layout.budget_points or Decimal(10))
    weighted = "weight" in layout.indicator_order
    scored = "score" in layout.indicator_order
    read = [
        (i.level1, i.level2, i.name, i.actual.text if i.actual else "", i.weight, i.reported_score)
        for i in doc.indicators
    ]
    levels = "level1" in layout.indicator_order  # Chongqing's list has no 一级/二级
    assert read == [
        (
            r["level1"] if levels else "",
            r["level2"] if levels else "",
            r["name"],
            r["actual"],
            Decimal(r["weight"]) if weighted else None,
            Decimal(r["score"]) if scored else None,
        )
        for r in rows
    ]
    assert not doc.incomplete
    if "share" in layout.indicator_order:
        assert [(i.share, i.converted_score) for i in doc.indicators] == [
            (Decimal(r["share"].rstrip("%")), Decimal(r["converted_score"])) for r in rows
        ]
        assert not [f for f in result.findings if f.code == "indicator.converted_score"]


def _printed_as_text(blocks: list[Block], joiner: str) -> str:
    """A form's text as a page that lost its table prints it: every cell joined by
    ``joiner`` (nothing: a document site's text layer; an empty line: one cell per paragraph)."""
    lines = []
    for block in blocks:
        if isinstance(block, Grid):
            lines.append(joiner.join(c.text for row in block.cells for c in row if c.text))
        else:
            lines.append(block.text)
    return "\n\n".join(lines)


def _identified(text: str) -> str | None:
    context: list[str] = []
    for block in read_text(text):
        if not isinstance(block, Grid):
            context.append(block.text)
            continue
        grid = layouts.rebuild(block, context=context) if block.flattened else block
        found = layouts.identify(grid, context=context) if grid is not None else None
        if isinstance(found, layouts.Identified):
            return found.layout.name
    return None


# A form told from another only by its budget points (20 + 80) cannot be told when its
# figures run together (「10012010820」): those are read from paragraphs only.
_LOST = [
    pytest.param(layout, joiner, id=f"{layout.name}-{shape}")
    for layout in READABLE
    for joiner, shape in (("", "run-together"), ("\n\n", "paragraphs"))
    if joiner or not layout.needs_points
]


@pytest.mark.parametrize(("layout", "joiner"), _LOST)
@settings(max_examples=20, deadline=None)
@given(name=_NAME, rows=indicator_rows())
def test_a_form_that_lost_its_table_is_still_identified(
    layout: layouts.Layout, joiner: str, name: str, rows: list[dict[str, str]]
) -> None:
    assert _identified(_printed_as_text(form(layout, name, rows), joiner)) == layout.name


def test_a_wrong_converted_score_is_an_error() -> None:
    # 河北: 折算得分 = 权重占比 × 得分; 20% × 95 is 19, printed 18.
    rows = [
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "受助人数",
            "target": "≥100人",
            "actual": "120人",
            "weight": "20",
            "share": "20%",
            "score": "95",
            "converted_score": "18",
            "note": "",
        }
    ]
    result = audit_blocks(form(layouts.get("hebei-weight-share"), "学生资助", rows), file="f")
    (finding,) = [f for f in result.findings if f.code == "indicator.converted_score"]
    assert (finding.expected, finding.reported) == ("19", "18")


def test_identification_says_why_and_never_defaults() -> None:
    builder = GridBuilder(Location())
    builder.add_cell("序号")
    builder.add_cell("项目名称")
    found = layouts.identify(builder.build())
    assert isinstance(found, layouts.Unidentified)
    assert "指标表头" in found.reason


def test_a_header_of_two_forms_is_ambiguous_not_guessed() -> None:
    # 指标性质 (Sichuan's mark) and 权重占比 (Hebei's) together fit neither form alone.
    builder = GridBuilder(Location())
    for text in (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "完成值",
        "权重",
        "权重占比",
        "得分",
    ):
        builder.add_cell(text)
    found = layouts.identify(builder.build())
    assert isinstance(found, layouts.Unidentified)


def test_two_row_headers_fold_into_one() -> None:
    builder = GridBuilder(Location())
    builder.start_row()
    for text, span in (("一级指标", 1), ("年度指标值", 3), ("分值", 1)):
        builder.add_cell(text, colspan=span)
    builder.start_row()
    for text in ("", "指标性质", "指标值", "度量单位", ""):
        builder.add_cell(text)
    grid = builder.build()
    assert layouts.header_cells(grid, 0) == ("一级指标", "指标性质", "指标值", "度量单位", "分值")


def test_layout_names_are_unique_and_sourced() -> None:
    names = [layout.name for layout in layouts.LAYOUTS]
    assert len(names) == len(set(names))
    assert all(layout.source and layout.title for layout in layouts.LAYOUTS)
    with pytest.raises(ParseError):
        layouts.get("nowhere")


def test_a_flattened_run_of_cells_is_rebuilt_into_rows() -> None:
    builder = GridBuilder(Location())
    for text in [
        "项目名称",
        "学生资助",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "产出指标",
        "数量指标",
        "受助人数",
        "≥100人",
        "120人",
        "20",
        "20",
        "数量指标",
        "发放批次",
        "2批",
        "2批",
        "10",
        "10",
        "合计",
        "30",
        "30",
    ]:
        builder.add_cell(text)
    rebuilt = layouts.rebuild(builder.build(flattening=Flattening.CELLS))
    assert isinstance(rebuilt, Grid)
    assert rebuilt.rows[-3:] == (
        ("产出指标", "数量指标", "受助人数", "≥100人", "120人", "20", "20"),
        ("产出指标", "数量指标", "发放批次", "2批", "2批", "10", "10"),
        ("合计", "30", "30"),
    )


def test_amounts_printed_with_their_unit_are_converted() -> None:
    # Workbooks exported to text print the unit in the cell (江西 2021: "620.82万元").
    from budgetperf.money import Amount

    rows = [
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "案件数",
            "target": "≥100件",
            "actual": "120件",
            "weight": "90",
            "score": "90",
            "note": "",
        }
    ]
    blocks = form(layouts.get("national"), "司法业务经费", rows)
    grid = blocks[1]
    assert isinstance(grid, Grid)
    texts = [list(r) for r in grid.rows]
    assert texts[4][0] == "年度资金总额"
    texts[4][3] = "108万元"  # executed, in the 万元 block
    texts[4][1] = "1000000元"  # initial: 100 万元 printed in 元
    builder = GridBuilder(Location(file="f", block=1))
    for row in texts:
        builder.start_row()
        for text in row:
            builder.add_cell(text)
    result = audit_blocks([blocks[0], builder.build()], file="f")
    (doc,) = [d for d in result.batch.documents if isinstance(d, ProjectEvaluation)]
    assert doc.budget is not None
    fund = doc.budget.rows[0]
    assert (fund.initial_budget, fund.executed) == (
        Amount.parse("100万元"),
        Amount.parse("108万元"),
    )


_FIELDS = ["initial", "adjusted", "executed", "weight", "rate", "score"]


@st.composite
def budget_figures(draw: st.DrawFn) -> list[str]:
    """The figures of a budget row that agree, printed as a form prints them."""
    places = draw(st.sampled_from([0, 2]))
    step = Decimal(1).scaleb(-places)
    adjusted = draw(st.integers(1, 10**7)) * step
    initial = adjusted if draw(st.booleans()) else draw(st.integers(1, 10**7)) * step
    if max(initial, adjusted) > 10 * min(initial, adjusted):
        initial = adjusted
    executed = min(adjusted, draw(st.integers(0, 10**7)) * step)
    rate = (executed / adjusted * 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    weight = Decimal(draw(st.sampled_from([10, 20])))
    score = (weight * rate / 100).quantize(Decimal(1), rounding="ROUND_HALF_UP")

    def printed(amount: Decimal) -> str:
        # Some forms drop an amount's trailing zeros (310.2 for 310.20).
        text = f"{amount:f}"
        return text.rstrip("0").rstrip(".") if "." in text and draw(st.booleans()) else text

    return [
        printed(initial),
        printed(adjusted),
        printed(executed),
        str(weight),
        f"{rate}%",
        str(score),
    ]


@given(figures=budget_figures())
def test_budget_figures_run_together_are_cut_right_or_not_at_all(figures: list[str]) -> None:
    # 「2456.182456.182456.1810100%10」: a cutting is taken only where exactly one agrees, so
    # the figures come back as printed, or the run is left as it is — never a wrong figure.
    assert layouts.flat.split_figures("".join(figures), _FIELDS) in (figures, None)


def test_budget_figures_run_together_are_cut_where_one_cutting_agrees() -> None:
    # t-c-012 (永州市零陵区疾病预防控制中心) and t-b-003 (中江县水利局), as published.
    assert layouts.flat.split_figures("2456.182456.182456.1810100%10", _FIELDS) == [
        "2456.18",
        "2456.18",
        "2456.18",
        "10",
        "100%",
        "10",
    ]
    assert layouts.flat.split_figures("202010100.00%10", _FIELDS[1:]) == [
        "20",
        "20",
        "10",
        "100.00%",
        "10",
    ]
    assert layouts.flat.split_figures("2020", _FIELDS[1:]) is None  # 20 | 20, or 202 | 0
    # A 其中 row is part of the total row above it: 20 | 20, not 202 | 0.
    within = {"adjusted": Decimal(20), "executed": Decimal(20)}
    assert layouts.flat.split_figures("2020", _FIELDS[1:], within=within) == [
        "20",
        "20",
        "",
        "",
        "",
    ]


def test_a_run_of_digits_no_row_prints_is_cut_no_way() -> None:
    # A run of sixty digits could be cut into a budget row's six figures some forty million
    # ways: the search stops at the bound and the run is left unread, not searched for minutes.
    with pytest.raises(layouts.flat._TooManyCuttings):
        layouts.flat._splits("1" * 60, 6)
    assert layouts.flat.split_figures("1" * 60, _FIELDS) is None
    # No figure is longer than any budget row prints (16 characters).
    assert layouts.flat._splits("1" * 32, 2) == [["1" * 16, "1" * 16]]
    assert layouts.flat._splits("1" * 33, 2) == []


@given(st.text(alphabet="0123456789.%", min_size=1, max_size=200))
def test_any_run_is_cut_into_its_own_characters_or_left(text: str) -> None:
    cut = layouts.flat.split_figures(text, _FIELDS)
    assert cut is None or "".join(cut) == text


def test_a_budget_row_s_hostile_run_is_listed_unread_and_the_rest_read() -> None:
    # t-a-006 as published, its 其中 row's figures replaced by a hundred digits: before the
    # bound, reading it took minutes (four hundred digits: then it ran out of memory).
    body = (
        (Path(__file__).parent / "corpus" / "tables" / "t-a-006.txt")
        .read_text(encoding="utf-8")
        .split("\n---\n", 1)[1]
    )
    row = "其中:本年财政拨款 8.408 8.408 10 100.00% 10"
    assert row in body
    result = audit_text(body.replace(row, "其中:本年财政拨款 " + "9" * 100), file="t-a-006.txt")
    document = result.batch.documents[0]
    assert isinstance(document, ProjectEvaluation) and document.budget is not None
    budget = document.budget
    assert [(r.category, r.executed) for r in budget.rows] == [
        ("年度资金总额:", Amount.parse("8.408万元")),
        ("其中:本年财政拨款", None),
        ("其他资金", Amount.parse("0万元")),
    ]
    assert any(u.text == "9" * 100 and "第 7 行" in u.location for u in result.unparsed)


_DIMENSIONS = st.sampled_from(["部门决策", "部门管理", "部门产出", "部门效果"])
_LEAVES = st.text(alphabet="预算编制执行资产管理绩效目标合理性完成率", min_size=2, max_size=8)


@st.composite
def scoring_trees(draw: st.DrawFn) -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    """一级 / 二级 / (三级, 分值, 得分) of a department scoring table, names unique per level."""
    tree = []
    for level1 in draw(st.lists(_DIMENSIONS, min_size=1, max_size=3, unique=True)):
        leaves = draw(st.lists(_LEAVES, min_size=1, max_size=3, unique=True))
        points = [draw(st.integers(1, 20)) for _ in leaves]
        tree.append(
            (
                level1,
                f"{level1[2:]}情况",
                [
                    (leaf, p, draw(st.integers(0, p)))
                    for leaf, p in zip(leaves, points, strict=True)
                ],
            )
        )
    return tree


@settings(max_examples=30, deadline=None)
@given(name=_NAME, tree=scoring_trees(), levels=st.booleans())
def test_a_department_scoring_table_is_identified_and_read_back(
    name: str, tree: list[tuple[str, str, list[tuple[str, int, int]]]], levels: bool
) -> None:
    # Titled as its form is (…评分表), 一级/二级/三级 | 分值 | 得分 — or with the points printed
    # at every level (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分, 海南's form) —
    # the table is the department-scoring layout and its tree comes back node by node.
    layout = layouts.get("department-scoring")
    header = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
    if levels:
        header = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    table = [[f"{name}{layout.title}"], ["部门名称", name], header]
    for level1, level2, leaves in tree:
        total = str(sum(p for _, p, _ in leaves))
        for leaf, points, score in leaves:
            cells = [level1, level2, leaf, str(points), str(score)]
            if levels:
                cells = [level1, total, level2, total, leaf, str(points), str(score)]
            table.append(cells)
    leaves_all = [leaf for _, _, leaves in tree for leaf in leaves]
    table.append(
        ["总分", str(sum(p for _, p, _ in leaves_all)), str(sum(s for _, _, s in leaves_all))]
    )
    builder = GridBuilder(Location(file="form.html", block=0))
    for cells in table:
        builder.start_row()
        for text in cells:
            builder.add_cell(text)
    result = audit_blocks([builder.build()], file="form.html")
    (doc,) = [d for d in result.batch.documents if isinstance(d, DepartmentEvaluation)]
    assert (doc.layout, doc.department) == ("department-scoring", name)
    assert "评分表" in doc.layout_reason
    read = [
        (d.name, c.name, [(g.name, g.weight, g.reported_score) for g in c.children])
        for d in doc.dimensions
        for c in d.children
    ]
    assert read == [
        (level1, level2, [(leaf, Decimal(p), Decimal(s)) for leaf, p, s in leaves])
        for level1, level2, leaves in tree
    ]
    assert [d.weight for d in doc.dimensions] == [
        sum((Decimal(p) for _, p, _ in leaves), Decimal(0)) for _, _, leaves in tree
    ]


def _grid(*rows: list[str]) -> Grid:
    builder = GridBuilder(Location())
    for cells in rows:
        builder.start_row()
        for text in cells:
            builder.add_cell(text)
    return builder.build()


def test_a_header_misprinted_by_one_character_is_read_among_headers_only() -> None:
    # 福建's 专项转移支付绩效目标表 prints 区域目标值 as 区域目标质 (t-d-005).
    found = layouts.identify(
        _grid(["一级指标", "二级指标", "三级指标", "指标解释", "区域目标质"], ["产出指标"])
    )
    assert isinstance(found, layouts.Identified) and found.layout.name == "no-weight"
    columns = layouts.get("no-weight").indicators
    assert columns.map(["一级指标", "二级指标", "三级指标", "区域目标质"])["target"] == 3
    assert "target" not in columns.map(["区域目标质", "产出指标"])  # no header around it
    # Four characters are too few: 一级指标 and 二级指标 differ by one.
    assert columns.misprint_of("四级指标") is None
    # A misprint of two fields' headers is neither.
    assert layouts.ANY_BUDGET.misprint_of("年X预算数") is None


def test_targets_split_per_area_are_no_shipped_form() -> None:
    # 区域目标值 spread over a column per county (t-d-006): more targets than any form has.
    found = layouts.identify(
        _grid(["一级指标", "二级指标", "三级指标", "指标解释", "区域目标值", "新罗区", "永定区"])
    )
    assert isinstance(found, layouts.Unidentified)
    assert "新罗区" in found.reason
    # Flattened, the areas printed as one cell after the header are kept as a column of no
    # field, and the table is still refused.
    text = "一级指标二级指标三级指标指标解释区域目标值新罗区永定区产出指标数量指标补助县数量23"
    assert layouts.split_run(text) is None


def test_points_printed_at_each_level_belong_to_that_level() -> None:
    header = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    mapped = layouts.ANY_INDICATORS.map(header)
    assert (mapped["level1_weight"], mapped["level2_weight"], mapped["weight"]) == (1, 3, 5)
    found = layouts.identify(_grid(["二、绩效评价指标评分"], header), context=())
    assert isinstance(found, layouts.Identified)
    assert (found.layout.name, found.reason) == ("department-scoring", "标题含 指标评分")
    # Without a title it is a project's header as much as a scoring table's: not guessed.
    assert isinstance(layouts.identify(_grid(header)), layouts.Unidentified)


def test_a_funds_block_without_a_header_row_is_read_as_fund_rows() -> None:
    # A target table's 资金情况 prints each fund label with one amount and no column header
    # (榆林 清涧县, t-d-001): the amount is the budget the table was filed with; a value that
    # is no amount keeps its row and is listed as unparsed, never dropped.
    text = "\n\n".join(
        [
            "绩效目标申报表",
            "项目名称",
            "果园路",
            "主管部门",
            "清涧县交通运输局",
            "资金情况",
            "年度资金总额:",
            "500",
            "其中:财政拨款",
            "500万(含结转)",
            "其他资金",
            "年度目标",
            "新建果园路4公里",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "产出指标",
            "数量指标",
            "新建水泥路",
            "4km",
        ]
    )
    result = audit_blocks(read_text(text), file="t.txt")
    (doc,) = [d for d in result.batch.documents if isinstance(d, ProjectEvaluation)]
    assert doc.layout == "no-weight"
    assert doc.budget is not None
    assert [
        (r.category, r.initial_budget.value if r.initial_budget else None) for r in doc.budget.rows
    ] == [("年度资金总额:", Decimal(500)), ("其中:财政拨款", None), ("其他资金", None)]
    assert [(u.kind, u.text) for u in result.unparsed if u.kind == "cell"] == [
        ("cell", "500万(含结转)")
    ]


@settings(max_examples=30, deadline=None)
@given(tree=scoring_trees())
def test_a_scoring_table_with_points_at_every_level_is_rebuilt_from_paragraphs(
    tree: list[tuple[str, str, list[tuple[str, int, int]]]],
) -> None:
    # One cell per paragraph, the merged 一级/二级 cells and their points printed once (海南,
    # t-d-002): the rows come back with every level's label and points, whatever the labels.
    header = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分"]
    cells = ["二、绩效评价指标评分", *header]
    want = []
    for level1, level2, leaves in tree:
        total = str(sum(p for _, p, _ in leaves))
        cells += [level1, total, level2, total]
        for leaf, points, score in leaves:
            cells += [leaf, str(points), str(score)]
            want.append((level1, total, level2, total, leaf, str(points), str(score)))
    blocks = read_text("\n\n".join(cells))
    (grid,) = [b for b in blocks if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    found = layouts.identify(rebuilt)
    assert isinstance(found, layouts.Identified) and found.layout.name == "department-scoring"
    assert [tuple(r) for r in rebuilt.rows[found.header_row + 1 :]] == want


def test_a_head_section_before_the_tables_heading_is_the_forms_head() -> None:
    # The head printed as a section of its own (「一、项目基本情况」, one cell per paragraph)
    # before the heading of the scoring table (海南, t-d-002): one form, its head read.
    head = ["一、项目基本情况", "项目实施单位", "某处", "主管部门", "某厅", "项目负责人", "张三"]
    head += ["地址", "某路1号", "邮编", "570000", "项目类型", "经常性项目"]
    table = ["二、绩效评价指标评分", "一级指标", "分值", "二级指标", "分值", "三级指标"]
    table += ["分值", "得分", "项目决策", "20", "项目目标", "20", "目标内容", "20", "18"]
    table += ["项目管理", "80", "资金管理", "80", "资金使用", "80", "80"]
    blocks = read_text("\n\n".join(["自评表", *head, *table]))
    (grid,) = [b for b in blocks if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    assert ("主管部门", "某厅") in rebuilt.rows and ("项目决策", "20", "项目目标") in {
        r[:3] for r in rebuilt.rows
    }
    (doc,) = [
        d
        for d in audit_blocks(blocks, file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert (doc.layout, doc.department) == ("department-scoring", "某厅")
    assert [(i.name, i.weight, i.reported_score) for i in doc.indicators] == [
        ("目标内容", Decimal(20), Decimal(18)),
        ("资金使用", Decimal(80), Decimal(80)),
    ]
    # A head section followed by prose under the next heading stays paragraphs.
    prose = "本项目年度绩效目标全部完成，资金使用规范，群众满意度较高，下一步将继续加强管理。"
    blocks = read_text("\n\n".join([*head, "二、项目绩效目标完成情况", prose]))
    assert not [b for b in blocks if isinstance(b, Grid)]
    assert [b.text for b in blocks][-2:] == ["二、项目绩效目标完成情况", prose]


def test_lines_of_words_with_a_method_on_lines_of_its_own_and_dash_rows() -> None:
    # Blank-separated lines (济南 历城区, t-c-014): the 得分计算方法 text goes on on lines of
    # its own after the row it belongs to, and a line of dashes is a placeholder row printed
    # without the merged cells to its left ("-" a 三级, "- -" a 二级 and its 三级).
    text = "\n".join(
        [
            "项目名称 免费开放 主管部门 某区文化局 项目实施单位 某区文化馆",
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 得分计算方法",
            "产出指标 数量指标 开放天数 300天 300天 50 50",
            "定量指标:完成值达到指标值,记满分;未达到指标值,按比例记分。",
            "定性指标:按指标分值的100-80%记分。",
            "-",
            "质量指标 开放率 100% 100% 50 50",
            "- -",
            "总分 100 100",
        ]
    )
    blocks = read_text(text)
    (grid,) = [b for b in blocks if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    method = "定量指标:完成值达到指标值,记满分;未达到指标值,按比例记分。\n定性指标:按指标分值的100-80%记分。"
    assert [tuple(r) for r in rebuilt.rows[3:]] == [
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "得分计算方法",
        ),
        ("产出指标", "数量指标", "开放天数", "300天", "300天", "50", "50", method),
        ("产出指标", "数量指标", "-", "", "", "", "", ""),
        ("产出指标", "质量指标", "开放率", "100%", "100%", "50", "50", ""),
        ("产出指标", "-", "-", "", "", "", "", ""),
        ("总分", "100", "100"),
    ]
    (doc,) = [
        d
        for d in audit_blocks(blocks, file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    # 项目实施单位 is the implementing unit's label, as 实施单位 is.
    assert (doc.department, doc.implementing_unit) == ("某区文化局", "某区文化馆")
    assert [(i.level2, i.name, i.weight) for i in doc.indicators] == [
        ("数量指标", "开放天数", Decimal(50)),
        ("数量指标", "-", None),
        ("质量指标", "开放率", Decimal(50)),
        ("-", "-", None),
    ]


def test_a_label_printed_with_its_empty_cells_is_a_row_and_a_cut_1st_level_label_too() -> None:
    # `cell |` lines (宿州 萧县, t-a-003): a 二级 label printed with its row's other cells
    # empty (质量指标 | |||||, or the empty cells on the next line) is a row of its own; one
    # printed without them (数量指标 | 种植面积 …) is the label of the row it opens. A label
    # cut off where the text ends that begins another 一级 (满意 after 效益指标) is a 一级,
    # its 二级 not the previous 一级's.
    text = "\n".join(
        [
            "项目名称 | 某补贴项目 |",
            "主管部门 | 县农业农村局 |",
            "一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 |",
            "产出指标 |",
            "数量指标 | 种植面积 | 50 | 30亩 | 30亩 | 50 |",
            "质量指标 | |||||",
            "成活率 | 20 | 95% | 95% | 20 |",
            "效益指标 |",
            "经济效益指标 |",
            "|||||",
            "增加收入 | 30 | 10万元 | 12万元 | 30 |",
            "满意",
        ]
    )
    blocks = read_text(text)
    (doc,) = [
        d
        for d in audit_blocks(blocks, file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert [(i.level1, i.level2, i.name, i.weight) for i in doc.indicators] == [
        ("产出指标", "数量指标", "种植面积", Decimal(50)),
        ("产出指标", "质量指标", "", None),
        ("产出指标", "质量指标", "成活率", Decimal(20)),
        ("效益指标", "经济效益指标", "", None),
        ("效益指标", "经济效益指标", "增加收入", Decimal(30)),
        ("满意", "", "", None),
    ]


def test_rows_of_a_tables_own_labels_end_at_their_empty_last_cell() -> None:
    # One cell per paragraph (临邑县, t-a-010), labels of the table's own (产出值 / 数量值 …,
    # no form's) and each row's empty 备注 printed as a lone blank: the cells up to an empty
    # one are a row, printed without the merged cells to its left. 其他: ends the funds
    # block as its 其他资金 row; text after the table means a form without points is whole.
    cells = ["项目支出目标申报表", "项目名称", "学生资助", "项目资金申请(万元)", "资金总额:"]
    cells += ["100", "财政拨款:", "100", "其他:", " ", "一级", "二级", "三级", "年度数值"]
    cells += ["备注", "产出值", "数量值", "就读人数", "<=600人", " ", "质量值", "办学水平提高"]
    cells += ["=100%", " ", "效益值", "社会效益值", "教学质量提高", "=100%", " ", "安全情况"]
    cells += ["有效", " "]
    text = "\n\n".join(cells) + "\n\n地址:某路1号 | 邮箱\n"
    (doc,) = [
        d
        for d in audit_blocks(read_text(text), file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert (doc.layout, doc.incomplete) == ("no-weight", False)
    assert doc.budget is not None
    assert [(r.category, r.initial_budget) for r in doc.budget.rows] == [
        ("资金总额:", Amount(Decimal(100), Unit.WAN_YUAN)),
        ("财政拨款:", Amount(Decimal(100), Unit.WAN_YUAN)),
        ("其他:", None),
    ]
    assert [
        (i.level1, i.level2, i.name, i.target.text if i.target else "") for i in doc.indicators
    ] == [
        ("产出值", "数量值", "就读人数", "<=600人"),
        ("产出值", "质量值", "办学水平提高", "=100%"),
        ("效益值", "社会效益值", "教学质量提高", "=100%"),
        ("效益值", "社会效益值", "安全情况", "有效"),
    ]
    # Cut off inside the table, the same form is not whole.
    cut = "\n\n".join(cells[:-3])
    (doc,) = [
        d
        for d in audit_blocks(read_text(cut), file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert doc.incomplete


_RUN_WITH_EMPTY_LINES = """全年预算数(A)全年执行数(B)预算执行率(B/A)
年度资金总额:500500100%
其中:省级补助300300100%
地方资金


其他资金


一级指标二级指标三级指标指标值全年实际完成值未完成原因和改进措施
数量指标建设公路10公里



时效指标按期完成率100%



成本指标




……



满意度指标服务对象满意度指标群众满意度90%



说明
注:1.资金使用单位按项目填报。
2.其他资金包括自有资金、社会资金等。
"""


def test_a_run_without_separators_goes_on_past_its_empty_lines() -> None:
    # Text without separators whose rows are followed by empty lines (阆中市, t-c-006): once
    # its header is printed the run goes on past them, each empty line an empty cell; a
    # label printed with its row's cells empty (成本指标) is a row, beside the 二级 before it
    # in a table printing no 一级; 其中: before a fund no form names is that part's label;
    # 未完成原因 | 和 | 改进措施 is one header; 说明 before the notes is no indicator; the
    # budget block opens the form though its head rows are not printed.
    blocks = read_text(_RUN_WITH_EMPTY_LINES)
    (grid,) = [b for b in blocks if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    assert (
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "全年实际完成值",
        "未完成原因和改进措施",
    ) in (rebuilt.rows)
    result = audit_blocks(blocks, file="t.txt")
    (doc,) = [d for d in result.batch.documents if isinstance(d, ProjectEvaluation)]
    assert (doc.layout, doc.incomplete) == ("no-weight", False)
    assert doc.budget is not None
    assert [
        (r.category, r.executed.value if r.executed else None, r.reported_rate_percent)
        for r in doc.budget.rows
    ] == [
        ("年度资金总额:", Decimal(500), Decimal(100)),
        ("其中:省级补助", Decimal(300), Decimal(100)),
        ("地方资金", None, None),
        ("其他资金", None, None),
    ]
    assert [(i.level1, i.level2, i.name) for i in doc.indicators] == [
        ("", "数量指标", "建设公路10公里"),
        ("", "时效指标", "按期完成率100%"),
        ("", "成本指标", ""),
        ("", "成本指标", "……"),
        ("满意度指标", "服务对象满意度指标", "群众满意度90%"),
    ]
    # Cut off inside its notes, mid-sentence, the table is not whole.
    cut = _RUN_WITH_EMPTY_LINES.rstrip().removesuffix("社会资金等。")
    (doc,) = [
        d
        for d in audit_blocks(read_text(cut), file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert doc.incomplete and len(doc.indicators) == 5
    # Notes under the table (its 说明 row holds 无) cut off are no part of it: it is whole.
    under = cut.replace("说明\n注:", "说明无\n注:")
    (doc,) = [
        d
        for d in audit_blocks(read_text(under), file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert not doc.incomplete and doc.indicators[-1].name == "说明"


def test_a_rate_of_nothing_cut_from_the_runs_end_is_set_aside() -> None:
    # 「40004000100%」: 4000 | 4000 | 100%, and also 40004000 | 10 | 0% — where a rate above
    # nothing agrees, the 0% is the end of 100%.
    fields = ["adjusted", "executed", "rate"]
    assert layouts.flat.split_figures("40004000100%", fields) == ["4000", "4000", "100%"]
    assert layouts.flat.split_figures("10000%", fields) == ["100", "0", "0%"]


def test_framed_lines_whose_rows_are_broken_over_lines_are_rows() -> None:
    # `| cell |` lines (达州市, t-b-011): merged cells dropped and each row's empty 得分 cells on
    # lines of their own. A line with text starts a row, its empty lines belong to it until
    # the row holds the header's number of |, and each further run holding as many is a row
    # with nothing printed; a wider row is another table's. A line's labels are the last of
    # the 一级/二级/三级 columns; a table of labels only, from its header and followed by
    # text, is whole.
    text = "\n".join(
        [
            "| 一级指标 | 二级指标 | 三级指标 | 得分 |",
            "| 部门决策(25分) | 目标任务(15分) | 相关性(5分) |",
            "|",
            "| 明确性(5分) |",
            "| ||",
            "| 预算编制(10分) | 测算依据(5分) |",
            "| |",
            "| 部门绩效(45分) | 履职成效(20分) | 特性指标 |",
            "|",
            "|",
            "|",
            "| ||",
            "| 满意度(10分) | 公众满意度(4分) |",
            "| 单位名称 |",
            "| |||",
            "| 一级 指标 | 二级 指标 | 三级指标 | 分值 | 得分 |",
            "| (20分) | (10分) | 必要性 | 5 |",
            "|",
        ]
    )
    blocks = read_text(text)
    first, second = [b for b in blocks if isinstance(b, Grid)]
    assert first.height == 7 and first.rows[4:] == (
        ("部门绩效(45分)", "履职成效(20分)", "特性指标"),
        ("", ""),
        ("满意度(10分)", "公众满意度(4分)"),
    )
    assert [c.text for row in second.cells for c in row][:2] == ["", "单位名称"]  # kept
    (doc,) = [
        d
        for d in audit_blocks(blocks, file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert (doc.layout, doc.incomplete) == ("department-scoring", False)
    assert [(i.level1, i.level2, i.name) for i in doc.indicators] == [
        ("部门决策(25分)", "目标任务(15分)", "相关性(5分)"),
        ("部门决策(25分)", "目标任务(15分)", "明确性(5分)"),
        ("部门决策(25分)", "预算编制(10分)", "测算依据(5分)"),
        ("部门绩效(45分)", "履职成效(20分)", "特性指标"),
        ("部门绩效(45分)", "履职成效(20分)", ""),
        ("部门绩效(45分)", "满意度(10分)", "公众满意度(4分)"),
    ]


def test_sentences_cut_at_the_forms_words_are_put_back_and_rows_read_around_them() -> None:
    # No separators (海淀区, t-a-009): the 得分计算方法 sentences hold the forms' own words
    # (执行率, 分值, 完成值, 指标值) and are put back whole; a name with its points, target and
    # actual run on (「道路保洁里程2020公里20公里」) is read where the target is printed twice;
    # the budget row's method text after its figures is its own; and the 一级 printed after
    # the first row (a merged cell's text in the middle of its rows) is that row's too, its
    # 二级 and the next being 产出指标's.
    text = (
        "项目支出绩效自评表项目名称道路保洁经费主管部门某街道办事处实施单位:某中心项目资金(万元)"
        "年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法年度资金总额:2001001050%5"
        "执行率*该指标分值,最高不得超过分值上限。其中:本年一般公共预算拨款200100其他资金"
        "绩效指标一级指标二级指标三级指标分值年度指标值(A)全年实际值(B)得分计算方法得分未完成原因分析"
        "数量指标道路保洁里程2020公里20公里完成值达到指标值,记满分;未达到指标值,按B/A*该指标分值记分。20"
        "产出指标(50分)质量指标保洁合格率3095%95%完成值达到指标值,记满分。30总分10095"
    )
    cells = layouts.split_run(text)
    assert cells is not None and "执行率*该指标分值,最高不得超过分值上限。" in cells
    (grid,) = [b for b in read_text(text) if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    method = "完成值达到指标值,记满分;未达到指标值,按B/A*该指标分值记分。"
    assert [tuple(r) for r in rebuilt.rows[5:8]] == [
        (
            "年度资金总额:",
            "200",
            "100",
            "10",
            "50%",
            "5",
            "执行率*该指标分值,最高不得超过分值上限。",
        ),
        ("其中:本年一般公共预算拨款", "200", "100", "", "", "", ""),
        ("其他资金", "", "", "", "", "", ""),
    ]
    assert [tuple(r) for r in rebuilt.rows[-3:]] == [
        ("产出指标(50分)", "数量指标", "道路保洁里程", "20", "20公里", "20公里", method, "20", ""),
        (
            "产出指标(50分)",
            "质量指标",
            "保洁合格率",
            "30",
            "95%",
            "95%",
            "完成值达到指标值,记满分。",
            "30",
            "",
        ),
        ("总分", "100", "95"),
    ]
    # Where the 二级 before the 一级 is no kind of that 一级, the rows keep none.
    other = text.replace("数量指标道路", "经济效益指标道路")
    (grid,) = [b for b in read_text(other) if isinstance(b, Grid)]
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    assert rebuilt.rows[-3][:2] == ("", "经济效益指标")


def test_rows_without_points_run_together_are_read_where_their_values_show_them() -> None:
    # No separators, a form without points (衡山县, t-b-010): each row's target and actual
    # printed run on after its name — the same text twice (100%100%, 0起0起, 高高), two
    # percentages (290%100%), or a figure and 无 with the reason after it; a word of the
    # budget header inside a name (…严格执行率) is the name's; 绩效指标, printed before the
    # header and again after a page break, is no row; 说明 | 无 is a row, the notes under it
    # (注:) no part of the table; 未完成原因和改进措施 is the note column.
    text = (
        "专项资金绩效目标自评表项目名称县级储备粮主管部门某局项目资金(万元)全年预算数(A)全年执行数(B)"
        "执行率(B/A)年度资金总额100100100%其他资金绩效指标一级指标二级指标三级指标年度指标值全年完成值"
        "未完成原因和改进措施产出指标数量指标库存数量真实率100%100%储备到位率100%100%质量指标"
        "管理制度严格执行率100%100%变质比例00绩效指标效益指标经济效益指标挂账利息补贴保障率100%无"
        "没有轮换可持续影响指标设备维护及安全性高高满意度指标服务对象满意度指标安全事件发生数0起0起"
        "市民满意度调查290%100%说明无注:1、其他资金包括自有资金、"
    )
    (doc,) = [
        d
        for d in audit_blocks(read_text(text), file="t.txt").batch.documents
        if isinstance(d, ProjectEvaluation)
    ]
    assert (doc.layout, doc.incomplete) == ("no-weight", False)
    assert [
        (
            i.level2,
            i.name,
            i.target.text if i.target else "",
            i.actual.text if i.actual else "",
            i.deviation_note,
        )
        for i in doc.indicators
    ] == [
        ("数量指标", "库存数量真实率", "100%", "100%", ""),
        ("数量指标", "储备到位率", "100%", "100%", ""),
        ("质量指标", "管理制度严格执行率", "100%", "100%", ""),
        ("质量指标", "变质比例", "0", "0", ""),
        ("经济效益指标", "挂账利息补贴保障率", "100%", "无", "没有轮换"),
        ("可持续影响指标", "设备维护及安全性", "高", "高", ""),
        ("服务对象满意度指标", "安全事件发生数", "0起", "0起", ""),
        ("服务对象满意度指标", "市民满意度调查", "290%", "100%", ""),
        ("服务对象满意度指标", "说明", "无", "", ""),
    ]
    # A target and an actual that differ and are no percentages cannot be told apart.
    assert layouts.flat._pair_rows("名称12米15米", ["target", "actual", "note"]) is None


# -- the vocabulary pattern of text printed without separators -------------------------------


def _reference_run_pattern(words: list[str]) -> re.Pattern[str]:
    """The plain form of the pattern: every word, the longest first (what the trie must equal)."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?:其中[:：]?)?(?:{alternatives}){flat._AFTER_WORD}|指标\d+[:：]|注[:：]")


_VOCABULARY = sorted(
    {w for w in re.findall(r"[\u4e00-\u9fff]+", layouts._RUN_WORDS.pattern) if len(w) > 1}
)


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(
            st.sampled_from(_VOCABULARY),
            st.sampled_from(["（A）", "(50分)", "：", ":", "其中", "指标3：", "12", "%", "≥", " "]),
            st.text(alphabet="年度指标值实际完成分得项目名称其中资金一二三级", max_size=4),
        ),
        max_size=14,
    )
)
def test_the_trie_pattern_finds_what_every_word_longest_first_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    words = list(_VOCABULARY)
    reference = _reference_run_pattern(words)
    pattern = flat.run_pattern(words)
    assert [(m.start(), m.group(0)) for m in pattern.finditer(text)] == [
        (m.start(), m.group(0)) for m in reference.finditer(text)
    ]


def test_prose_is_left_as_prose_and_a_run_together_table_is_still_split() -> None:
    prose = "2023年，我单位认真贯彻落实预算绩效管理要求，全年收入合计125.25万元。" * 40
    assert layouts.split_run(prose) is None
    cells = layouts.split_run(
        "项目名称学生资助一级指标二级指标三级指标年度指标值实际完成值分值得分"
        "产出指标数量指标受助人数≥100人120人2020"
    )
    assert cells is not None and cells[:4] == ["项目名称", "学生资助", "一级指标", "二级指标"]


def _corpus_reading(name: str) -> tuple[ProjectEvaluation | DepartmentEvaluation, list[str]]:
    from tests.corpus_tables import audit_item

    result = audit_item(name)
    docs = [
        d for d in result.batch.documents if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    assert len(docs) == 1
    return docs[0], [f"{u.location} | {u.text}" for u in result.unparsed]


def test_a_flattened_list_without_level1_is_read_by_its_form_s_columns() -> None:
    # Chongqing's 部门整体绩效自评表 (t-b-007) lists its indicators by 指标名称 with no 一级指标
    # column; its OCR text runs every row together, each closed by 是否核心指标's 是 / 否, and
    # damaged one header (年成值全完值 for 全年完成值).
    doc, unparsed = _corpus_reading("t-b-007")
    assert doc.layout == "chongqing-department"
    rows = doc.indicators
    assert len(rows) == 20
    assert [r.weight for r in rows[:3]] == [Decimal(2), Decimal(2), Decimal(1)]
    assert [(r.weight, r.reported_score) for r in rows[15:19]] == [
        (Decimal(10), Decimal(10)),
        (Decimal(5), Decimal(5)),
        (Decimal(10), Decimal(10)),
        (Decimal(10), Decimal(10)),
    ]
    assert sum(r.weight for r in rows if r.weight is not None) == Decimal(70)
    # What ran together before the points is no figure cut out: kept as printed.
    assert rows[16].name == "制作宣传品数量份第O份20份" and rows[16].target.value is None
    assert rows[-1].name == "公共服务" and rows[-1].weight is None  # cut where the text ends
    # The row's label printed before the budget header; its damaged figures listed, not read.
    assert doc.budget is not None
    assert [f.category for f in doc.budget.rows] == ["部门预算执行情况"]
    assert doc.budget.rows[0].executed is None
    # The goals' 实际完成情况 printed as a label and its text, no goals block: not read, listed.
    assert unparsed[0] == "表 1 第 12 行 年初预算数 | O76%107.6"
    assert unparsed[1].startswith(
        "表 1 第 14 行 | 实际完成情况 | 无通过整合各级各类媒体、户外广告载体"
    )
    # The damaged header names no field, so no row's 全年完成值 is read: the column is listed.
    assert unparsed[2] == "表 1 第 15 行 第 6 列 | 年成值全完值"
    assert all(r.actual is None for r in rows)
    assert len(unparsed) == 3


def test_run_together_figures_of_a_list_are_kept_as_printed() -> None:
    # t-c-013 (梁平区): rows name | unit | figures, the figures run together past cutting
    # (901010010 is 90 | 10 | 100 | 10 as much as 9010 | 10 | 0 | 10); the amounts lost the
    # digits before their points.
    doc, unparsed = _corpus_reading("t-c-013")
    rows = doc.indicators
    assert [r.name for r in rows[:2]] == [
        "天然林和公益林管护当期任务完成率",
        "国家级公益林管护面积万亩",
    ]
    assert (rows[0].unit, rows[0].deviation_note, rows[0].weight) == ("%", "901010010", None)
    assert rows[5].deviation_note == "0.4100.110" and rows[5].target.value is None
    assert rows[6].name == "公益林提供管" and len(rows) == 7
    assert doc.budget is not None
    assert [f.category for f in doc.budget.rows] == ["年度总金额", "其中财政拨款"]
    assert unparsed[:2] == [
        "表 1 第 11 行 年初预算数 | .32.06.5",
        "表 1 第 12 行 年初预算数 | .32.06.579.27107.93",
    ]
    # The goals' 实际完成情况 printed as a label and its text, no goals block: not read, listed.
    assert unparsed[2].startswith("表 1 第 14 行 | 实际完成情况 | 维护林业、林区安全稳定")
    assert len(unparsed) == 3


@pytest.mark.parametrize(
    ("run", "coefficient", "expected"),
    [
        ("22", "100%", ("2", "2")),
        ("1010", "100%", ("10", "10")),
        ("105", "50%", ("10", "5")),
        ("100", "", ("10", "0")),  # 1 | 00 is no figure, 100 alone no pair
        ("100", "100%", None),  # 10 × 100% is not 0
        ("22.2", "", None),  # 2 | 2.2 scores over its points, 22 | .2 is no figure
    ],
)
def test_points_run_together_are_cut_only_where_one_cutting_agrees(
    run: str, coefficient: str, expected: tuple[str, str] | None
) -> None:
    assert flat._points_pair(run, coefficient) == expected


def test_a_head_label_after_the_last_row_is_the_next_form_s_not_a_value() -> None:
    # t-d-003: two target tables run together without separators; the second one's head
    # (省级 | 部门 | 预算 … | 项目名称) follows the first one's last row and is not read as values.
    from tests.corpus_tables import item

    _, content, _ = item("t-d-003")
    grid = next(b for b in read_text(content, file="t-d-003") if isinstance(b, Grid))
    rebuilt = layouts.rebuild(grid)
    assert rebuilt is not None
    rows = rebuilt.rows
    header = next(k for k, row in enumerate(rows) if row[:1] == ("一级指标",))
    indicators = [row for row in rows[header + 1 :] if len(row) == 4]
    assert len(indicators) == 10
    # (Its target, run on its name without a separator, is cut off at the comparator.)
    assert indicators[0] == ("产出指标", "数量指标", "免费开放天数", "=300天")
    assert indicators[-1][2].startswith("服务对象满意度") and indicators[-1][3] == ""
    assert rows[header + 11] == ("部门",)
