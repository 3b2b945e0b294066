"""What real forms hold: fund part rows with points, indicator parts, bound actuals, and
comparators kept as printed (model, JSON, CSV, audit, scoring)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf.checks import Severity, check
from budgetperf.errors import ParseError, SchemaError, ValidationError
from budgetperf.io import csv as sheet
from budgetperf.io.cells import parse_measure
from budgetperf.io.json import dumps, loads
from budgetperf.io.schema import schema
from budgetperf.model import (
    BudgetBlock,
    Comparator,
    FundRow,
    Indicator,
    Measure,
    ProjectEvaluation,
    part_rows,
)
from budgetperf.model.indicators import COMPARATOR_SPELLINGS, SpellingPlace, split_comparator
from budgetperf.money import Amount, Unit
from budgetperf.scoring import LineStatus, get_rules, score, score_indicator
from tests.corpus_tables import audit_item

D = Decimal
NATIONAL = get_rules("national")


def _row(
    name: str, target: str, actual: str | None, weight: str | None, score_: str | None = None
) -> Indicator:
    comparator, target_measure = parse_measure(target)
    assert target_measure is not None
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        name=name,
        comparator=comparator,
        comparator_text=target_measure.comparator_text,
        target=target_measure,
        actual=parse_measure(actual)[1],
        weight=None if weight is None else D(weight),
        reported_score=None if score_ is None else D(score_),
    )


# -- comparators as printed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "comparator", "printed"),
    [
        ("≧95%", Comparator.GE, "≧"),  # 临沧 公开14表 (t-c-001)
        ("═100%", Comparator.EQ, "═"),
        (">=9431人", Comparator.GE, ">="),  # 濉溪县 (t-a-005)
        ("<=5300元/户", Comparator.LE, "<="),
        ("＞5次", Comparator.GT, "＞"),
        ("＜3%", Comparator.LT, "＜"),
        ("不低于95%", Comparator.GE, "不低于"),
        ("不少于3次", Comparator.GE, "不少于"),
        ("不高于5%", Comparator.LE, "不高于"),
        ("不超过10万元", Comparator.LE, "不超过"),
        ("98%以上", Comparator.GE, "以上"),  # t-b-013
        ("5%以下", Comparator.LE, "以下"),
        ("达到100%", Comparator.GE, "达到"),
        ("不低于95%以上", Comparator.GE, "不低于…以上"),
    ],
)
def test_a_cell_keeps_its_comparator_as_printed(
    cell: str, comparator: Comparator, printed: str
) -> None:
    found, measure = parse_measure(cell)
    assert found is comparator
    assert measure is not None and measure.text == cell
    assert (measure.comparator, measure.comparator_text) == (comparator, printed)
    assert Comparator.parse(printed) is comparator


def test_the_printed_spelling_is_quoted_not_folded() -> None:
    # NFKC folds ＞ to > for matching; the spelling kept is the one printed.
    assert split_comparator("＞5").printed == "＞"
    assert split_comparator("\u3000≥９０％").printed == "≥"


def test_a_spelling_must_spell_its_comparator() -> None:
    with pytest.raises(ValidationError, match="comparator_text"):
        Measure(text="≧5", value=D(5), comparator=Comparator.LE, comparator_text="≧")
    with pytest.raises(ValidationError):
        Indicator(
            level1="产出指标",
            level2="数量指标",
            name="x",
            target=Measure(text="5"),
            comparator_text="不低于",  # a spelling without a comparator
        )
    # None given: the canonical symbol.
    assert Measure(text="5", comparator=Comparator.GE).comparator_text == "≥"
    assert Measure(text="5").comparator_text == ""


def test_the_audit_keeps_the_spellings_real_forms_print() -> None:
    yunnan = audit_item("t-c-001").batch.documents[0]  # 指标性质 column: ≧ and ═
    assert isinstance(yunnan, ProjectEvaluation)
    spelled = {(i.comparator, i.comparator_text) for i in yunnan.indicators if i.comparator}
    assert spelled == {(Comparator.GE, "≧"), (Comparator.EQ, "═")}
    anhui = audit_item("t-a-005").batch.documents[0]  # in the target cell: >=, <=
    assert isinstance(anhui, ProjectEvaluation)
    first = anhui.indicators[0]
    assert (first.comparator_text, first.target.comparator_text) == (">=", ">=")
    assert first.target.value == D(21933)
    assert anhui.indicators[7].comparator_text == "<="


def test_json_reads_a_comparator_as_printed_and_keeps_the_spelling() -> None:
    row = _row("受助对象满意度", "≥90%", "95%", "10", "10")
    document = ProjectEvaluation(name="临时救助", year=2019, indicators=(row,))
    data = json.loads(dumps(document))
    indicator = data["document"]["indicators"][0]
    indicator["comparator"] = "≧"
    del indicator["comparator_text"]
    jsonschema.Draft202012Validator(schema()).validate(data)  # the schema says ≧ is valid
    back = loads(json.dumps(data))
    assert isinstance(back, ProjectEvaluation)
    assert (back.indicators[0].comparator, back.indicators[0].comparator_text) == (
        Comparator.GE,
        "≧",
    )
    indicator["comparator_text"] = "不超过"  # contradicts ≧
    with pytest.raises(SchemaError, match="comparator_text"):
        loads(json.dumps(data))


def test_csv_reads_the_spelling_from_the_comparator_column() -> None:
    text = "\n".join(
        [
            "项目名称,义务教育营养改善计划",
            "评价年度,2022",
            "",
            "一级指标,二级指标,三级指标,指标性质,指标值,度量单位,完成值,权重,得分",
            "产出指标,数量指标,受益学生人数,≧,735,人,735,10,10",
            "产出指标,质量指标,食品安全事故,═,0,起,0,10,10",
        ]
    )
    document = sheet.loads(text)
    assert [(i.comparator, i.comparator_text) for i in document.indicators] == [
        (Comparator.GE, "≧"),
        (Comparator.EQ, "═"),
    ]
    assert sheet.loads(sheet.dumps(document)) == document


@given(
    st.sampled_from(
        [(s, c, p) for s, c, p in COMPARATOR_SPELLINGS if p is not SpellingPlace.ALONE]
    ),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["", "%", "人", "次", "万元"]),
)
def test_every_spelling_reads_back_from_a_cell(
    spelling: tuple[str, Comparator, SpellingPlace], figure: int, unit: str
) -> None:
    text, comparator, place = spelling
    cell = f"{text}{figure}{unit}" if place is SpellingPlace.PREFIX else f"{figure}{unit}{text}"
    found, measure = parse_measure(cell)
    assert found is comparator and measure is not None
    assert (measure.value, measure.unit, measure.comparator_text) == (D(figure), unit, text)


# -- an actual printed as a bound ----------------------------------------------------------------


def test_a_bound_that_meets_the_target_is_met() -> None:
    # 中江县 (t-b-003): 及时(按期)开工率 ≥90% | ≥90% | 10 | 10.
    row = _row("及时(按期)开工率", "≥90%", "≥90%", "10", "10")
    assert row.actual is not None and row.actual.is_bound
    line = score_indicator(row, NATIONAL, path="indicators[3]")
    assert (line.status, line.computed) == (LineStatus.MET, D(10))
    # 黄石市图书馆 (t-c-004): ≥360天 | ≥360天.
    days = _row("2022年全年", "≥360天", "≥360天", "10", "10")
    assert score_indicator(days, NATIONAL, path="indicators[4]").computed == D(10)
    # A stricter bound meets a weaker target; 以上 reads as ≥ (本数 included).
    assert score_indicator(_row("x", "≥90%", "95%以上", "10"), NATIONAL, path="i").computed == 10
    assert score_indicator(_row("x", "＞90%", "＞90%", "10"), NATIONAL, path="i").computed == 10
    reverse = _row("扶贫临时救助标准", "<=5300元/户", "＜5000元/户", "10", "10")
    assert score_indicator(reverse, NATIONAL, path="i").status is LineStatus.MET


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("≥95%", "≥90%"),  # the value may be 95 or 89.9: neither met nor missed is known
        ("≥90%", "≤95%"),  # a bound the wrong way
        ("＞90%", "≥90%"),  # may be exactly 90, which ＞ does not meet
        ("<=5300元/户", "≤6000元/户"),
        ("＝100%", "≥100%"),
    ],
)
def test_a_bound_that_does_not_decide_is_not_scored(target: str, actual: str) -> None:
    row = _row("x", target, actual, "10", "8")
    line = score_indicator(row, NATIONAL, path="indicators[0]")
    assert (line.status, line.computed, line.used) == (LineStatus.NOT_COMPUTABLE, None, D(8))
    assert "只给出范围" in line.explanation.text
    # The figure in the bound is never taken for the value: as a figure 90 would score 9.47.
    figure = attrs.evolve(row, actual=Measure(text="90%", value=D(90), unit="%"))
    if target == "≥95%":
        assert score_indicator(figure, NATIONAL, path="i").computed == D("9.47")


# -- parts: indicator rows and fund rows -----------------------------------------------------


def _pond() -> ProjectEvaluation:
    # 萧县张庄寨镇 (t-a-003): the ★ rows carry the points, their 其中 rows break them down.
    return ProjectEvaluation(
        name="河西村特色种养补贴到户项目",
        year=2023,
        layout="xianjie",
        indicators=(
            _row("★补助各类瓜果蔬菜种植面积", "29.5亩", "29.5亩", "20", "20"),
            attrs.evolve(_row("其中桃树种植面积", "1.5亩", "1.5亩", None), parent=0),
            attrs.evolve(_row("其中苹果树种植面积", "5亩", "5亩", None), parent=0),
            attrs.evolve(_row("其中露天蔬菜", "20亩", "20亩", None), parent=0),
            attrs.evolve(_row("其中大棚蔬菜", "3亩", "3亩", None), parent=0),
            _row("★补助鱼塘面积", "3亩", "3亩", "10", "10"),
            # A part that prints points of its own is scored for comparison, not summed.
            attrs.evolve(_row("其中鱼塘养殖面积", "3亩", "3亩", "10", "10"), parent=5),
            _row("★补助家畜家禽养殖数量", "192只", "192只", "70", "70"),
        ),
        reported_total=D(100),
    )


def test_parts_are_shown_and_never_counted_twice() -> None:
    document = _pond()
    assert part_rows(document.indicators) == {1, 2, 3, 4, 6}
    sheet_ = score(document)
    statuses = [line.status for line in sheet_.lines]
    met, part = LineStatus.MET, LineStatus.PART
    assert statuses == [met, part, part, part, part, met, part, met]
    assert (sheet_.maximum, sheet_.total, sheet_.reported_sum) == (D(100), D(100), D(100))
    pond = sheet_.lines[6]
    assert pond.computed == D(10) and pond.used is None  # scored, and left out of the sum
    findings = check(document, "national")
    codes = {f.code for f in findings}
    assert not {"indicators.weight_missing", "indicators.weight_sum", "total.sum"} & codes
    # Counted as rows of their own, the parts' 10 points would break the 100.
    flat = attrs.evolve(
        document, indicators=tuple(attrs.evolve(i, parent=None) for i in document.indicators)
    )
    assert score(flat).maximum == D(110)


def test_a_part_names_an_earlier_row() -> None:
    row = _row("其中桃树种植面积", "1.5亩", "1.5亩", None)
    with pytest.raises(ValidationError, match="parent"):
        ProjectEvaluation(name="x", year=2023, indicators=(attrs.evolve(row, parent=0),))
    with pytest.raises(ValidationError):
        attrs.evolve(row, parent=-1)
    bad = json.loads(dumps(_pond()))
    bad["document"]["indicators"][1]["parent"] = 3
    with pytest.raises(SchemaError, match=r"\$\.document\.indicators"):
        loads(json.dumps(bad))


def test_the_audit_reads_qixian_rows_as_parts() -> None:
    document = audit_item("t-a-003").batch.documents[0]
    assert isinstance(document, ProjectEvaluation)
    parts = {n: i.parent for n, i in enumerate(document.indicators) if i.parent is not None}
    assert parts == {1: 0, 2: 0, 3: 0, 4: 0, 6: 5, 8: 7, 9: 7}
    assert document.indicators[1].name == "其中桃树种植面积"
    # ★★★其中:农村低保对象… prints 5 points that its 一级's 50 adds: a row of its own.
    anhui = audit_item("t-a-005").batch.documents[0]
    assert isinstance(anhui, ProjectEvaluation)
    assert anhui.indicators[1].name.startswith("★★★其中")
    assert part_rows(anhui.indicators) == frozenset()


def test_csv_keeps_parts_and_refuses_a_bad_parent() -> None:
    document = _pond()
    text = sheet.dumps(document)
    assert "上级指标序号" in text.splitlines()[4]
    assert sheet.loads(text) == document
    broken = text.replace(
        "其中桃树种植面积,,1.5亩,,1.5亩,,,,1", "其中桃树种植面积,,1.5亩,,1.5亩,,,,2"
    )
    assert broken != text
    with pytest.raises(ParseError, match="上级指标序号"):
        sheet.loads(broken)


def test_fund_parts_carry_their_own_points() -> None:
    # 临翔区 (t-b-004): 其中:当年财政拨款 | 32.4 | 31.69 | 10 | 97.80% | 9.
    document = audit_item("t-b-004").batch.documents[0]
    assert isinstance(document, ProjectEvaluation) and document.budget is not None
    part = document.budget.rows[1]
    assert (part.category, part.weight, part.reported_score) == ("其中:当年财政拨款", D(10), D(9))
    assert document.budget.total.weight is None  # the total's points are the block's
    assert (document.budget.weight, document.budget.reported_score) == (D(10), D(9))
    # The block counts once: 10 beside the indicators' points, not 20.
    indicators = sum((i.weight or D(0) for i in document.indicators), D(0))
    assert score(document).maximum == D(10) + indicators
    # 濉溪县 (t-a-005): 其中:本年财政拨款 10 | 10; 其他资金 prints none.
    anhui = audit_item("t-a-005").batch.documents[0]
    assert isinstance(anhui, ProjectEvaluation) and anhui.budget is not None
    assert [(r.weight, r.reported_score) for r in anhui.budget.rows] == [
        (None, None),
        (D(10), D(10)),
        (None, None),
    ]


def _block(part_score: str) -> BudgetBlock:
    wan = Unit.WAN_YUAN
    return BudgetBlock(
        rows=(
            FundRow(category="年度资金总额", adjusted_budget=Amount(D("32.4"), wan)),
            FundRow(
                category="其中:当年财政拨款",
                adjusted_budget=Amount(D("32.4"), wan),
                weight=D(10),
                reported_score=D(part_score),
            ),
        ),
        weight=D(10),
        reported_score=D(9),
    )


def test_fund_part_points_are_checked_and_round_trip() -> None:
    row = _row("受益人数", "≥1000人", "1000人", "90", "90")
    good = ProjectEvaluation(name="x", year=2023, budget=_block("9"), indicators=(row,))
    bad = attrs.evolve(good, budget=_block("12"))
    assert not [f for f in check(good, "national") if f.path.startswith("$.budget.rows[1]")]
    errors = [f for f in check(bad, "national") if f.severity is Severity.ERROR]
    assert [(f.code, f.path) for f in errors] == [
        ("budget.score_above_weight", "$.budget.rows[1].reported_score")
    ]
    for document in (good, bad):
        assert loads(dumps(document)) == document
        assert sheet.loads(sheet.dumps(document)) == document
    with pytest.raises(ValidationError, match="BudgetBlock"):
        BudgetBlock(rows=(FundRow(category="总额", weight=D(10)),), weight=D(10))
    with pytest.raises(ValidationError):
        FundRow(category="其中：财政拨款", weight=D(-1))


def test_a_rendered_page_reads_back_with_its_parts_and_spellings(tmp_path: Path) -> None:
    from budgetperf.audit import audit
    from budgetperf.render.tables import document_html

    target = Measure(
        text="≧3亩", value=D(3), unit="亩", comparator=Comparator.GE, comparator_text="≧"
    )
    pond = attrs.evolve(
        _pond().indicators[5],
        comparator=Comparator.GE,
        comparator_text="≧",
        target=target,
        actual=parse_measure("3亩以上")[1],
    )
    document = attrs.evolve(
        _pond(),
        layout="national",
        budget=_block("9"),
        indicators=(*_pond().indicators[:5], pond, *_pond().indicators[6:]),
    )
    page = tmp_path / "pond.html"
    page.write_text(document_html(document), encoding="utf-8")
    back = audit(page).batch.documents[0]
    assert isinstance(back, ProjectEvaluation) and back.budget is not None
    assert (back.budget.rows[1].weight, back.budget.rows[1].reported_score) == (D(10), D(9))
    assert [i.parent for i in back.indicators] == [None, 0, 0, 0, 0, None, None, None]
    # 其中鱼塘养殖面积 prints its 10 points, so it reads back as a row of its own: the page
    # does not say it is a part (only a 其中 row without points is read as one).
    fish = back.indicators[5]
    assert (fish.comparator, fish.comparator_text) == (Comparator.GE, "≧")
    assert fish.actual is not None and fish.actual.is_bound
    assert fish.actual.comparator_text == "以上"
