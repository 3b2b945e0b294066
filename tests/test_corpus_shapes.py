"""Shapes real published tables print, each read by a general mechanism (tests/corpus/tables):
a total row that prints only the score, … The figures asserted are the pages' own."""

from __future__ import annotations

from decimal import Decimal

from budgetperf.audit import audit_blocks
from budgetperf.checks import Severity
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from budgetperf.readers import read_text
from budgetperf.scoring import LineStatus, score
from tests.corpus_tables import audit_item, item

D = Decimal


def _project(name: str, text: str | None = None) -> tuple[ProjectEvaluation, set[str]]:
    """The first project read from a corpus item (or from ``text``, an edited copy of it) and
    the codes of its error findings."""
    result = (
        audit_item(name) if text is None else audit_blocks(read_text(text, file=name), file=name)
    )
    document = result.batch.documents[0]
    assert isinstance(document, ProjectEvaluation)
    errors = {f.code for f in result.findings if f.severity is Severity.ERROR}
    return document, errors


def test_a_total_row_without_points_prints_the_score() -> None:
    # 施甸 (t-e-002): no 分值 column, so its 总分 row prints one figure, the reported total.
    document, errors = _project("t-e-002")
    assert document.reported_total == D("71.7")
    assert [i.weight for i in document.indicators] == [None] * 5
    assert [i.reported_score for i in document.indicators] == [
        D("8.0"),
        D("7.3"),
        D("31.9"),
        D("10.5"),
        D("11.1"),
    ]
    sheet = score(document)
    assert {line.status for line in sheet.lines[1:]} == {LineStatus.UNWEIGHTED}
    # 2.9 + 8.0 + 7.3 + 31.9 + 10.5 + 11.1: the rows without points count the score they print.
    assert sheet.reported_sum == D("71.7")
    assert "total.sum" not in errors


def test_a_total_without_points_is_checked_against_the_rows() -> None:
    _, content, _ = item("t-e-002")
    edited = content.replace("总分 | 71.7 |", "总分 | 70.7 |")
    assert edited != content
    document, errors = _project("t-e-002", edited)
    assert document.reported_total == D("70.7")
    assert "total.sum" in errors


def test_a_transfer_form_is_one_form_from_its_name_to_its_indicators() -> None:
    # 霍山 (t-e-004): 转移支付(项目)名称 opens the form, so the funds block of the pipe rows and
    # the indicator rows after the broken header line (绩效指标 | 一级 指标 |) are one document.
    document, errors = _project("t-e-004")
    assert (document.name, document.layout) == ("医疗救助补助资金", "no-weight")
    assert document.budget is not None
    rows = document.budget.rows
    assert [r.category for r in rows] == [
        "年度资金总额:",
        "其中:中央财政资金",
        "彩票公益金用于医疗救助",
        "地方资金",
        "其他资金",
    ]
    assert [r.executed.value if r.executed else None for r in rows] == [
        D("3359.62"),
        D("829.3"),
        D("0"),
        D("2530.32"),
        None,
    ]
    assert [i.name for i in document.indicators] == ["享受医疗救助人次", "医疗救助合规率"]
    assert document.indicators[0].actual is not None
    assert document.indicators[0].actual.value == D("110406")
    assert errors == set()


def test_words_where_the_figures_go_end_the_funds() -> None:
    # 资金管理情况 | 情况说明 | 存在问题和改进措施 heads the next block: no fund row, though its
    # label holds 资金; a fund whose cell holds an unreadable figure stays a row (t-b-012).
    document, _ = _project("t-e-004")
    assert document.budget is not None
    assert "资金管理情况" not in [r.category for r in document.budget.rows]
    yueyang, _ = _project("t-b-012")
    assert yueyang.budget is not None
    assert [r.category for r in yueyang.budget.rows][:2] == ["年度资金总额:", "其中:财政拨款"]


def test_funds_printed_as_two_blocks_side_by_side() -> None:
    # 阿拉尔 (t-e-007): 资金情况 (万元) | 项目资金总额: | 1500 | 年度资金申请总额 | 1500 …: each
    # row is read pair by pair, the first block the budget's rows, the block beside it kept.
    result = audit_item("t-e-007")
    document = result.batch.documents[0]
    assert isinstance(document, ProjectEvaluation) and document.budget is not None
    rows = document.budget.rows
    assert [(r.category, r.initial_budget.value if r.initial_budget else None) for r in rows] == [
        ("项目资金总额:", D(1500)),
        ("其中:财政资金", D(1500)),
        ("上年结转资金", None),
        ("其他资金", None),
    ]
    beside = [u.text for u in result.unparsed if "并列" in u.reason]
    assert beside == ["年度资金申请总额 | 1500", "其中:当年财政拨款 | 1500", "其他资金"]
    # A header row of the block (资金来源 | 资金总额, 陈仓区 t-d-004) is no fund row.
    chencang = audit_item("t-d-004").batch.documents[0]
    assert isinstance(chencang, ProjectEvaluation) and chencang.budget is not None
    assert [r.category for r in chencang.budget.rows] == ["其中:财政拨款", "其他资金"]


def test_a_header_wrapped_onto_a_second_line_is_one_row() -> None:
    # 裕安区 (t-e-003): 「… 三级指标 年度 实际 分值 得分 …」 over 「指标值 完成值」, blank-separated
    # lines: each word of the second line completes a word of the first, in order.
    from budgetperf.grid import Grid

    _, content, _ = item("t-e-003")
    grid = next(b for b in read_text(content, file="t-e-003") if isinstance(b, Grid))
    header = next(row for row in grid.rows if "一级指标" in row)
    assert header[4:7] == ("年度指标值", "实际完成值", "分值")
    assert ("指标值", "完成值") not in grid.rows
    document, errors = _project("t-e-003")
    assert document.layout == "national"
    assert [i.weight for i in document.indicators] == [D(n) for n in (7, 7, 7, 6, 6, 6, 6, 5, 15)]
    assert [i.reported_score for i in document.indicators] == [
        D(n) for n in (7, 7, 7, 5, 6, 6, 5, 5, 15)
    ]
    # The first row's target and actual fill its line; its 7 7 on the next are its points.
    first = document.indicators[0]
    assert first.name == "指标1:修缮建筑数量"
    assert first.target is not None and first.target.text.startswith("完成六安市六安市罗氏宗祠")
    assert errors == {"budget.rate"}  # 0.958 printed for 27.8 / 29 = 95.86%


def test_one_character_where_the_text_ends_is_no_row() -> None:
    # The excerpt ends with 可 (of 可持续影响指标?): kept as unparsed, not an indicator.
    result = audit_item("t-e-003")
    document = result.batch.documents[0]
    assert isinstance(document, ProjectEvaluation)
    assert document.indicators[-1].name == "文物本体安全、体现文物价值,提升知名度"
    assert [u.text for u in result.unparsed if "仅余一字" in u.reason] == ["可"]


def test_amounts_printed_with_wan_in_crawled_cells_are_the_budget_rows() -> None:
    # 鄂州市行政审批局 (t-f-005): `cell |` lines whose amounts carry 万 in the cell (150万,
    # 125.25万): each a figure of the budget row, not a run of digits to cut (1 | 5 | 0).
    document, errors = _project("t-f-005")
    assert document.layout == "national" and document.budget is not None
    total, *parts = document.budget.rows
    amounts = (total.initial_budget, total.adjusted_budget, total.executed)
    assert [(a.value, str(a.unit.value)) if a else None for a in amounts] == [
        (D(150), "万元"),
        (D(150), "万元"),
        (D("125.25"), "万元"),
    ]
    assert total.reported_rate_percent == D("83.5")
    # The row prints 分值 100 and 得分 98, as published.
    assert (document.budget.weight, document.budget.reported_score) == (D(100), D(98))
    assert [p.category for p in parts] == ["其中:当年财政拨款", "上年结转资金", "其他资金"]
    assert errors == set()


def test_one_character_no_label_begins_with_is_the_cut_rows_name() -> None:
    # 鄂州市行政审批局 (t-f-005) ends with 社会效益 指标 | 岗: no 一级/二级 label begins with
    # 岗, so it is the name of that 二级's row, cut (where 可 could begin 可持续影响指标).
    document, _ = _project("t-f-005")
    last = document.indicators[-1]
    assert (last.level2, last.name) == ("社会效益指标", "岗")
    assert last.target is None or not last.target.text
    assert document.incomplete


def test_cells_closed_by_a_pipe_on_a_line_of_their_own() -> None:
    # 岳阳 (t-f-007): each cell's text, its line breaks kept (财政供养人员 / 控制率), then a line
    # holding only "|"; a "|" after a closed cell is an empty one.
    from budgetperf.grid import Grid

    text = "一级指标\n|\n三级指标\n|\n分值\n|\n备注\n|\n投入\n(15分)\n|\n财政供养人员\n控制率\n|\n5\n|\n|\n"
    (grid,) = read_text(text, file="x")
    assert isinstance(grid, Grid) and grid.flattened
    assert [c.text for c in grid.cells[0]] == [
        "一级指标",
        "三级指标",
        "分值",
        "备注",
        "投入\n(15分)",
        "财政供养人员\n控制率",
        "5",
        "",
    ]
    # Text with no such "|" lines stays paragraphs.
    assert all(not isinstance(b, Grid) for b in read_text("标题\n\n正文一段。\n|\n", file="y"))


def test_a_scoring_table_prints_its_levels_points_in_their_labels() -> None:
    # 岳阳 (t-f-007): 投 入 / (15分) then 预算配置 / (15分): a 一级 and its 二级, the rows' own
    # points in the 分值 column; 预算管理(15分) before a name is a new 二级 under 过程(40分).
    result = audit_item("t-f-007")
    (document,) = result.batch.documents
    assert isinstance(document, ProjectEvaluation | DepartmentEvaluation)
    assert document.layout == "department-scoring"
    levels = [(i.level1, i.level2) for i in document.indicators]
    assert levels[0] == ("投入(15分)", "预算配置(15分)")
    assert levels[3] == ("过程(40分)", "预算执行(15分)")
    assert levels[7] == ("过程(40分)", "预算管理(15分)")
    assert [i.weight for i in document.indicators[:9]] == [
        D(n) for n in (5, 5, 5, 3, 3, 3, 6, 3, 3)
    ]
    assert [i.reported_score for i in document.indicators[:9]] == [
        D(n) for n in (5, 5, 5, 3, 3, 3, 6, 3, 3)
    ]
    # The header 扣分原因和其他说明 names the notes column (扣分原因 joined by 和).
    assert all(not i.deviation_note for i in document.indicators)


def test_a_row_broken_over_lines_in_equally_wide_pipe_lines_keeps_the_block() -> None:
    # `cell |` lines padded to one width (绥阳县太白镇, t-h-001): a row broken over two lines
    # (its 分值 and 得分 on the next) makes the run one of crawled cells, its rows read from
    # the form's headers; a fund row printed as 其他 alone is the block's 其他资金; and the
    # text cut inside the indicator header (… | 分值 | 得分计算) leaves the form what its
    # title and budget header say.
    text = "\n".join(
        [
            "部门整体支出绩效自评表 | |||||||",
            "部门(单位)名称 | 某镇人民政府 | ||||||",
            "资金(万元) | 资金来源 | 年初预算数(A) | 全年执行数(B) | 分值 | 得分 | ||",
            "年度资金总额: | 300 | 290 | 10 | 9 | |||",
            "基本支出 | 200 |",
            "190 | 10 | 9 | |||",
            "项目支出 | 100 | 100 | 10 | 10 | |||",
            "其他 | |||||||",
            "年度总体目标 | 年初设定目标 | 年度总体目标完成情况 | |||||",
            "完成全年工作。 | 已完成。 | ||||||",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际值 | 分值 | 得分计",
        ]
    )
    result = audit_blocks(read_text(text, file="t.txt"), file="t.txt")
    (doc,) = [d for d in result.batch.documents if isinstance(d, DepartmentEvaluation)]
    assert doc.layout == "national-department" and doc.incomplete
    assert doc.budget is not None
    assert [
        (f.category, f.initial_budget and f.initial_budget.value, f.executed and f.executed.value)
        for f in doc.budget.rows
    ] == [
        ("年度资金总额:", D("300"), D("290")),
        ("基本支出", D("200"), D("190")),
        ("项目支出", D("100"), D("100")),
        ("其他", None, None),
    ]
    assert (doc.budget.weight, doc.budget.reported_score) == (D("10"), D("9"))
    assert [(f.weight, f.reported_score) for f in doc.budget.rows[1:3]] == [
        (D("10"), D("9")),
        (D("10"), D("10")),
    ]
    assert doc.indicators == ()


def test_a_scoring_table_led_by_row_numbers_reads_its_rows() -> None:
    # 寿县's 部门整体支出绩效评价自评表 (t-h-003): a 序号 column before 一级指标, each row led
    # by its number; 指标分值 for 分值; two columns of how a row is judged (指标解释, then
    # 指标说明及评分标准, the second kept under no field); `cell |` lines broken anywhere.
    text = "\n".join(
        [
            "部门整体支出绩效评价自评表",
            "序号 | 一级 指标 |",
            "二级 指标 | 三级 指标 |",
            "指标分值 | 指标解释 | 指标说明及评分标准 | 自评得分 |",
            "1 | 决策 (10分) |",
            "目标 (6分) | 目标合理性 | 4 | 目标是否合理。 | 合理得4分 |",
            "3 |",
            "2 | 目标明确性 | 2 | 目标是否明确。 | 明确得2分 | 2 | |",
            "3 | 预算 (4分) | 测算依据 | 4 | 是否有依据。 | 有依据得4分 | 4 | ||",
        ]
    )
    result = audit_blocks(read_text(text, file="t.txt"), file="t.txt")
    (doc,) = [d for d in result.batch.documents if isinstance(d, ProjectEvaluation)]
    assert doc.layout == "department-scoring"
    assert [(i.level1, i.level2, i.name, i.weight, i.reported_score) for i in doc.indicators] == [
        ("决策(10分)", "目标(6分)", "目标合理性", D("4"), D("3")),
        ("决策(10分)", "目标(6分)", "目标明确性", D("2"), D("2")),
        ("决策(10分)", "预算(4分)", "测算依据", D("4"), D("4")),
    ]
