"""Layouts as data: every shipped form is identified as itself and read back field by field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetperf import layouts
from budgetperf.audit import audit_blocks
from budgetperf.errors import ParseError
from budgetperf.grid import Block, Flattening, Grid, GridBuilder, Location, Paragraph
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
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
