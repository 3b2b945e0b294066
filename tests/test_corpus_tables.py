"""Real published tables (tests/corpus/tables): layouts identified, every field read as printed.

Each item is a table as a public page published it, cut where the page was cut, beside the
reading written by hand (see tests/corpus/tables/README.md). An item this version cannot read
yet is listed in KNOWN with the reason, and the test insists that it still fails, so that one
that starts to pass is noticed and moved out of the list.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetperf.checks import Severity
from budgetperf.model import DepartmentEvaluation, ProjectEvaluation
from budgetperf.money import Amount, Unit
from tests.corpus_tables import (
    audit_item,
    goals_mismatches,
    identified,
    ids,
    item,
    mismatches,
    project_form,
)

KNOWN = {
    "t-a-004": "PDF text extraction printed labels, values and row names in separate runs "
    "(identified, but no row can be put back)",
    "t-b-006": "OCR text without separators: figures run together with names and damaged "
    "(290$290%8)",
    "t-b-013": "PDF text layer prints header cells and values out of order (identified, but "
    "no row can be put back)",
    "t-c-008": "a workbook's text layer on one line, labels and values interleaved",
    "t-c-009": "no separators, and every ASCII digit lost",
    "t-c-013": "every row's figures run together (901010010, 0.4100.110): the hand reading's "
    "cutting (90 | 10 | 100 | 10; 0.4 | 10 | 0.1 | 10) is one of several that agree (9010 | 10 | "
    "0 | 10; 0.4 | 10 | 0.11 | 0), so the rows are read with their figures kept as printed",
    "t-d-003": "an OCR text layer with no separators, two target tables run together: the "
    "first table's ten rows are read with their 一级/二级 labels and a target run on its name is "
    "cut at its comparator (免费开放天数 | =300天), but a target printed without one stays on "
    "its name (only the words' meaning tells where the name ends: …影响长远, …水平提升, "
    "…冈位增加岗位, and the OCR's 二 for ＝ in 资金使用效率二100百分比), the head labels run on "
    "their values (项目类型新增项目…), and the last row's 一级 满意度指标 is read as a 二级 "
    "under 效益指标",
    "t-e-006": "an OCR text layer without separators whose vertical labels are scrambled "
    "(度效标O0B年绩目1分EB, 出标产指): the indicator header lacks its 一级指标 column, so no "
    "form is identified",
    "t-i-003": "an excerpt that begins after the indicator header (the second half of a 四川 "
    "部门预算项目支出绩效自评表, t-b-001's template): the hand reading puts the rows under the "
    "template's columns, which the text does not print. The rule for rows of a shipped form's "
    "indicator shape with no header above them is to list them as unparsed (段落 1, the form's "
    "head not in the text), never to read them under columns guessed from a form they might be: "
    "four forms print 产出指标 | 数量指标 | name | =100% | 22.5, and 22.5 may be 分值 or 权重, "
    "so no document is read",
    "t-i-004": "a PDF's text layer of a scoring table whose rows each put their 得分 at the start "
    "of the next line and their points inside the label (相关性(5 分) / 5 明确性(5 分)), the "
    "header printed on the same line as the title and the first row: read as paragraphs, no "
    "table is rebuilt from them",
    "t-h-004": "a workbook's text layer (as t-c-008) that prints the head, budget and goals "
    "labels before their values and the last three indicator rows' figures and the total's "
    "(75元 75元 10 10 95% 95% 30 27 …, 100 94) in one run before their labels: the form is "
    "identified and its head read, but its funds' figures, its rows and its total are not put "
    "back",
}


def _cases() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[name], strict=True))
        if name in KNOWN
        else name
        for name in ids()
    ]


def test_the_corpus_is_broad() -> None:
    provinces = {item(name)[0]["province"] for name in ids()}
    assert len(ids()) >= 83
    assert len(provinces - {"不详(页面未写明省市)", "中央(国家林业局)"}) >= 25
    assert not any(
        "科协" in item(name)[0]["place"] or "科学技术协会" in item(name)[1] for name in ids()
    )
    assert all(item(name)[0]["source"].startswith("http") for name in ids())


UNIDENTIFIED: dict[str, str] = {
    "t-e-006": "an OCR text layer that scrambled the vertical 一级指标 header cell "
    "(度效标O0B年绩目1分EB): the indicator header lacks a column the 20 + 80 form requires",
    "t-i-003": "the excerpt begins after the indicator header: no header, title or head row "
    "names the form",
    "t-i-004": "the scoring table's lines stay paragraphs (each row's score begins the next "
    "line): no table is read, so no form can be recognised",
}
"""Items whose form is not recognised yet (strict xfail), with the reason."""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=UNIDENTIFIED[name], strict=True))
        if name in UNIDENTIFIED
        else name
        for name in ids()
    ],
)
def test_every_corpus_table_is_identified_as_written_by_hand(name: str) -> None:
    # Even where the fields cannot be read yet, the form is recognised (or, for a form
    # budgetperf does not ship, recognised as none): never guessed, never defaulted.
    assert identified(name) == item(name)[2]["layout"]


@pytest.mark.parametrize("name", _cases())
def test_corpus_table_reads_as_written_by_hand(name: str) -> None:
    assert mismatches(name) == []


@pytest.mark.parametrize("name", [n for n in ids() if n not in KNOWN])
def test_only_the_published_mistakes_are_errors(name: str) -> None:
    result = audit_item(name)
    projects = [
        d for d in result.batch.documents if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    # The hand reading lists the mistakes the published table really has ("errors", with
    # "errors_why"); any other error would be a false one.
    _, _, expected = item(name)
    assert sorted({f.code for f in errors}) == sorted(expected.get("errors", [])), [
        f.message for f in errors
    ]
    assert projects or expected["layout"] is None


GOALS_KNOWN: dict[str, str] = {
    "t-a-009": "text without separators: the forms' words cut the one 年度总体目标 cell inside "
    "its sentence (…充分发挥 | 项目资金 | 在地区自管小区… | 三级 | 以下道路…), so only its first "
    "piece is read",
    "t-b-003": "the two goal cells printed as one run (…夯实基础,对项目区农业用水计量…) with no "
    "sentence end or blank between them: listed as unparsed, not parted by guess",
    "t-b-010": "the 全年实际完成情况 label cut in two (年初设定目标 | 全年 / 实际完成情况 | …) and "
    "both values run together (…储备机制地方储备粮食规模达标): listed as unparsed",
    "t-e-007": "项目绩效目标 | 项目总目标 | 年度总体目标: the year's goals printed beside a "
    "long-term one, which the model has no field for; the two rows are listed as unparsed",
}
"""Project forms whose goals block is not read as written by hand (strict xfail), with the
reason."""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=GOALS_KNOWN[name], strict=True))
        if name in GOALS_KNOWN
        else name
        for name in ids()
        if project_form(name) and name not in KNOWN
    ],
)
def test_the_goals_read_as_written_by_hand(name: str) -> None:
    # 年度总体目标 / 预期目标 / 实际完成情况 however printed: a header row over a row of values,
    # each label on a row of its own, or label and value on one row.
    assert goals_mismatches(name) == []


def test_goals_printed_label_by_label_are_read() -> None:
    # 廊坊's form prints 年度总体目标, 预期目标 and 实际完成情况 each on a row, the first value
    # beside the last label and the second under it (实际完成情况 | 43.2 / 37.24).
    (doc,) = audit_item("t-a-001").batch.documents
    assert isinstance(doc, ProjectEvaluation)
    assert (doc.goals, doc.goals_completion) == ("43.2", "37.24")
    # 原州区's 年度总体目标 | 一是通过… : the block's label with a value and no other label.
    (doc,) = audit_item("t-b-006").batch.documents
    assert isinstance(doc, ProjectEvaluation)
    assert doc.goals.startswith("一是通过政府招标采购方式") and doc.goals_completion == ""
    # 贵池区's two values printed as one blank-separated run, parted at the sentence's end.
    (doc,) = audit_item("t-a-002").batch.documents
    assert isinstance(doc, ProjectEvaluation)
    assert doc.goals.endswith("测绘。") and doc.goals_completion.startswith(
        "本项目共完成预算资金89.97万元"
    )
    rows = [u for u in audit_item("t-a-002").unparsed if u.kind == "row"]
    assert not any("本项目共申请" in u.text for u in rows)


def test_a_department_form_s_goals_are_listed() -> None:
    # 金寨县's 部门整体支出绩效自评表 prints 年度总体目标 / 预期目标 / 实际完成情况 and the two
    # values under them; a department's document has no goals field, so they are listed.
    result = audit_item("t-a-008")
    goals = [u for u in result.unparsed if u.kind == "goals"]
    assert [u.location for u in goals] == ["表 1 第 13 行", "表 1 第 14 行"]
    assert goals[0].text.startswith("1.建设徽风皖韵美丽乡村")
    assert goals[1].text.startswith("1.启动燕子河镇龙马村")


def test_goals_that_cannot_be_told_apart_are_listed() -> None:
    # 衡山县: 年初设定目标 | 全年 / 实际完成情况 | 保持…机制地方储备粮食规模达标 — the label cut and
    # the two values run together: nothing guessed, both rows listed with their location.
    result = audit_item("t-b-010")
    (doc,) = result.batch.documents
    assert isinstance(doc, ProjectEvaluation) and (doc.goals, doc.goals_completion) == ("", "")
    rows = [(u.location, u.text) for u in result.unparsed if u.kind == "row"]
    assert ("表 1 第 17 行", "年初设定目标 | 全年") in rows
    assert any(text.startswith("实际完成情况 | 保持和稳定") for _, text in rows)


@pytest.mark.parametrize(
    ("name", "opening", "location"),
    [
        ("t-i-003", None, "段落 1"),  # as published: text without separators
        ("t-b-001", "产出指标 |", "段落 1"),  # one cell a line, cut under its header
        ("t-i-001", "| 產(chǎn)出指標(biāo)", "表 1"),  # `| cell |` rows, cut under its header
    ],
)
def test_rows_without_their_header_are_listed_not_read(
    name: str, opening: str | None, location: str
) -> None:
    # An excerpt that begins inside a form, its head rows and indicator header cut off above:
    # the rows are a shipped form's (产出指标 | 数量指标 | …), but no column can be told, so no
    # document is read and nothing is lost — the rows are listed with where they are and why.
    from budgetperf.audit import audit_text

    _, content, _ = item(name)
    if opening is not None:
        lines = content.splitlines()
        content = "\n".join(
            lines[next(k for k, ln in enumerate(lines) if ln.startswith(opening)) :]
        )
    result = audit_text(content, file=f"{name}.txt")
    assert result.batch.documents == ()
    (rows,) = [u for u in result.unparsed if u.kind == "rows"]
    assert rows.location == location and "表头不在文本中" in rows.reason
    assert "the form's head and its indicator header are not in the text" in rows.reason
    assert rows.text.startswith(("产出指标", "產(chǎn)出指標(biāo)"))  # the first row, quoted


def test_rows_whose_cells_stand_on_lines_of_their_own_are_a_table() -> None:
    # 南县民政局's 计分表 as crawled: each row opened by a lone "|", each cell on indented lines
    # closed by "|", a row printed without its merged 一级/二级 closed by a line of as many "|".
    from budgetperf.grid import Grid
    from budgetperf.readers import read_text

    (grid,) = [b for b in read_text(item("t-j-001")[1], file="t-j-001") if isinstance(b, Grid)]
    assert grid.rows[0] == ("一级 指标", "二级 指标", "三级 指标", "自评分", "具体指标", "评价标准")
    assert grid.rows[3][:4] == ("", "", "决策 程序 (4分)", "4")  # 一级 and 二级 merged above
    assert grid.rows[6] == ("项目 管理 (25分)", "资金 到位 (5分)", "到位率 (3分)")  # cut there
    (doc,) = audit_item("t-j-001").batch.documents
    assert isinstance(doc, ProjectEvaluation) and doc.layout == "department-scoring"
    assert [i.reported_score for i in doc.indicators][:5] == [Decimal(n) for n in "44435"]


def test_audit_warns_when_no_document_comes_out(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from budgetperf.cli import main

    path = Path(str(tmp_path)) / "t-b-008.txt"  # a 转移支付 form budgetperf does not ship
    path.write_text(item("t-b-008")[1], encoding="utf-8")
    assert main(["audit", str(path)]) == 0
    assert "未从文件中读出任何文档" in capsys.readouterr().err
    assert main(["audit", "--strict", str(path)]) == 1


@pytest.mark.parametrize("name", ["t-c-005", "t-b-012", "t-c-015"])
def test_the_report_after_a_table_stays_text(name: str) -> None:
    # Lines of blank-separated cells, paragraphs without empty cells and text without
    # separators are tables only as far as the form goes: the report's next section (a
    # heading, then prose) is still read as paragraphs, its sentences not lost in a table.
    from budgetperf.grid import Paragraph
    from budgetperf.readers import read_text

    prose = (
        "本项目年度绩效目标全部完成，资金使用规范，群众满意度较高，下一步将继续加强项目管理。" * 2
    )
    text = f"{item(name)[1].rstrip()}\n\n二、项目绩效目标完成情况\n\n{prose}\n"
    blocks = read_text(text, file=name)
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs[-2:] == ["二、项目绩效目标完成情况", prose]
    assert identified(name) == item(name)[2]["layout"]


def test_a_mirror_in_traditional_script_reads_as_the_page_it_copies() -> None:
    # 丽江 古城区's table through a mirror that converts to traditional script and adds pinyin
    # after many characters (項(xiàng)目名稱): its labels are the forms' own, so it reads to the
    # same figures as the same text in simplified characters without the readings.
    from budgetperf.audit import AuditResult, audit_blocks
    from budgetperf.money import plain_script
    from budgetperf.readers import read_text

    def figures(result: AuditResult) -> tuple[object, ...]:
        (doc,) = result.batch.documents
        assert isinstance(doc, ProjectEvaluation) and doc.budget is not None
        return (
            doc.layout,
            [
                (f.initial_budget, f.adjusted_budget, f.executed, f.reported_rate_percent)
                for f in doc.budget.rows
            ],
            doc.budget.weight,
            doc.budget.reported_score,
            [
                (i.comparator, i.target, i.actual, i.weight, i.reported_score)
                for i in doc.indicators
            ],
        )

    _, content, _ = item("t-i-001")
    mirrored = audit_item("t-i-001")
    plain = audit_blocks(read_text(plain_script(content), file="t-i-001"), file="t-i-001")
    assert figures(mirrored) == figures(plain)
    (doc,) = mirrored.batch.documents
    assert isinstance(doc, ProjectEvaluation) and doc.layout == "yunnan-14"
    assert doc.department == "麗江市自然資源和規(guī)劃局"  # values kept as printed
    assert [i.weight for i in doc.indicators] == [
        Decimal(w) for w in ["10", "20", "20", "30", "10"]
    ]


def test_a_part_row_rate_printed_under_the_merged_points_is_its_rate() -> None:
    # 其中:當年財政撥款 | 7.29 | 7.29 | 7.29 | 100%: the 分值 cell merged over the fund rows is
    # dropped, so the row's 执行率 lands under 分值; a percentage is never points.
    (doc,) = audit_item("t-i-001").batch.documents
    assert isinstance(doc, ProjectEvaluation) and doc.budget is not None
    part = doc.budget.rows[1]
    assert (part.executed, part.reported_rate_percent, part.weight) == (
        Amount("7.29", Unit.WAN_YUAN),
        Decimal(100),
        None,
    )


@pytest.mark.parametrize("script", ["as published", "simplified"])
def test_a_head_row_naming_a_level_is_no_level_fund(script: str) -> None:
    # 宣城's central transfer form, cut in its head: 中央主管部门 | 农业农村部 names an office,
    # not 中央 funds, so no 广西 项目单位自评基本情况表 is made of it; a form no shipped layout
    # names is listed as not read, not turned into a document.
    from budgetperf.audit import audit_blocks
    from budgetperf.money import plain_script
    from budgetperf.readers import read_text

    _, content, _ = item("t-c-018")
    text = content if script == "as published" else plain_script(content)
    result = audit_blocks(read_text(text, file="t-c-018"), file="t-c-018")
    assert result.batch.documents == ()
    assert any(u.kind == "table" and "2024年" in u.text for u in result.unparsed)


def test_a_target_run_on_its_name_is_cut_at_its_comparator() -> None:
    # 嘉峪关's target table as an OCR text layer with no separators: 免费开放天数=300天 is a
    # name and its target in one cell; the comparator, printed only before a target, cuts it.
    doc = audit_item("t-d-003").batch.documents[0]
    assert isinstance(doc, ProjectEvaluation)
    read = [(i.name, i.comparator_text, i.target.text if i.target else "") for i in doc.indicators]
    assert read[:3] == [
        ("免费开放天数", "=", "=300天"),
        ("博物馆绩效考核指标完成率", "=", "=100百分比"),
        ("各项工作完成及时率%", "=", "=99百分比"),
    ]
