"""Score explanations in English: the template table, recognition, and the renderers."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetperf import examples
from budgetperf.cli import main
from budgetperf.errors import ValidationError
from budgetperf.explanations import (
    _KINDS,
    _SYMBOL_EN,
    GRADE_EN,
    STATUS_EN,
    TEMPLATES,
    Template,
    english,
    explanation_in,
    recognise,
)
from budgetperf.io.outputs import dumps, score_sheet_object
from budgetperf.model import Batch, DepartmentEvaluation, Grade, ProjectEvaluation
from budgetperf.render.svg import _EN as CHART_EN
from budgetperf.render.tables import document_html, document_markdown
from budgetperf.render.text import score_sheet_text
from budgetperf.scoring.score import LineStatus, ScoreSheet, _fmt, score
from budgetperf.synthetic import generate
from budgetperf.units import Converted, common_scale

GOLDEN = Path(__file__).parent / "golden" / "score"

# CJK ideographs, CJK punctuation (、。「」) and the full-width forms (（）：，＞): what an
# English text must not hold, but for the document's own words.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

# What each kind of placeholder is filled with in the round trip: distinct figures (a figure
# put in the wrong place shows), the document's own words as printed (Chinese), and a nested
# sentence that a template recognises.
_NESTED_SAMPLES = {
    "why": "目标值为0，A ÷ T 无意义",
    "relation": "7 ＜ 8",
    "reason": "万人次 与 分 不是同一种计量单位，不能比较",
    "inner": "10 = 满分（95 ≥ 90）",
    "note": "完成值 -3 为负数，按规则计为 0",
    "formula": "A ≥ 2T 得 0",
    "text": "9.47 ≈ 90 ÷ 95 × 10",
    "denominator": "年初预算数",
    "first": "2万人次 = 20000人次",
    "second": "3万人次 = 30000人次",
}
_WORD_SAMPLES = {
    "cell": "逐年提升",
    "unit_a": "万人次",
    "unit_t": "分",
    "rules": "national",
    "path": "indicators[3]",
    "parent": "2",
    "from_unit": "万人次",
    "to_unit": "人次",
}
_SPECIAL_SAMPLES = {"bound": "＞", "comparator": "≤", "status": "未达标", "grade": "良"}


def _zh_params(template: Template, figures: dict[str, str] | None = None) -> dict[str, str]:
    params: dict[str, str] = {}
    for i, name in enumerate(template.names):
        if name in _NESTED_SAMPLES:
            params[name] = _NESTED_SAMPLES[name]
        elif name in _WORD_SAMPLES:
            params[name] = _WORD_SAMPLES[name]
        elif name in _SPECIAL_SAMPLES:
            params[name] = _SPECIAL_SAMPLES[name]
        elif name == "eq":
            params[name] = "≈"
        elif name == "terms":
            params[name] = "1 + 2.5 + 30"
        else:
            params[name] = (figures or {}).get(name, f"{i + 1}{i + 1}.{i + 2}")
    return params


def _en_params(params: dict[str, str]) -> dict[str, str]:
    """The parameters as the English text holds them: figures and the document's words as
    they are, symbols, statuses and grades in English, nested sentences recognised."""
    out = {}
    for name, value in params.items():
        if name in _NESTED_SAMPLES:
            out[name] = english(value)
        elif name in ("bound", "comparator"):
            out[name] = _SYMBOL_EN[value]
        elif name == "status":
            out[name] = STATUS_EN[value]
        elif name == "grade":
            out[name] = GRADE_EN[value]
        else:
            out[name] = value
    return out


def _without_document_words(text: str) -> str:
    for word in _WORD_SAMPLES.values():
        text = text.replace(word, "")
    return text


# -- the table -------------------------------------------------------------------------------


def test_the_table_is_complete_and_consistent() -> None:
    assert len(TEMPLATES) >= 70
    for template in TEMPLATES.values():
        assert set(template.names) <= set(_KINDS)
        assert not re.search(r"\{\d*\}", template.en_form), template.key  # names, never {0}
        # An English form holds no Chinese of its own (only what its placeholders bring).
        assert not CJK.search(template.en_form), template.key
    # Every placeholder name the table knows is used, and every sample covers a name.
    used = {name for t in TEMPLATES.values() for name in t.names}
    assert used == set(_KINDS)
    assert set(_NESTED_SAMPLES) | set(_WORD_SAMPLES) | set(_SPECIAL_SAMPLES) <= used


def test_every_status_and_grade_has_its_english_name() -> None:
    assert set(STATUS_EN) == {status.value for status in LineStatus}
    assert set(GRADE_EN) == {grade.value for grade in Grade}
    # The charts take the grades' names from the one table.
    assert all(CHART_EN[zh] == en for zh, en in GRADE_EN.items())


def test_the_chinese_form_is_written_exactly() -> None:
    met = TEMPLATES["met.ge"].zh(W="10", A="95", T="90")
    assert met == "10 = 满分（95 ≥ 90）"
    assert TEMPLATES["budget.capped_ratio"].zh(
        value="10", W="10", E="12", D="10", eq="≈", shown="12.3"
    ) == ("10 = 封顶 10（12 ÷ 10 × 10 ≈ 12.3）")
    with pytest.raises(TypeError):
        TEMPLATES["met.ge"].zh(W="10", A="95")  # every placeholder is named
    with pytest.raises(ValidationError, match="placeholders"):
        Template("bad", "{A} ≥ {T}", "{A} ≥")


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_template_round_trips(key: str) -> None:
    template = TEMPLATES[key]
    params = _zh_params(template)
    zh = template.zh(**params)
    assert zh == template.zh_form.format(**params)
    found = recognise(zh)
    assert found is not None, zh
    expected = template.en(**_en_params(params))
    # A template that reads the same text another way (the budget's ratio and a missed
    # proportional target print alike) gives the same English.
    assert english(zh) == expected
    assert not CJK.search(_without_document_words(expected)), expected
    for name, value in params.items():
        if _KINDS[name] == _KINDS["A"]:
            assert value in english(zh)  # every figure, as written


_FIGURE_TEMPLATES = [
    t for t in TEMPLATES.values() if any(_KINDS[n] == _KINDS["A"] for n in t.names)
]


@given(
    st.sampled_from(_FIGURE_TEMPLATES),
    st.lists(
        st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9),
        min_size=12,
        max_size=12,
    ),
)
def test_figures_are_copied_whatever_they_are(template: Template, values: list[Decimal]) -> None:
    figures = dict(zip(template.names, map(_fmt, values), strict=False))
    params = _zh_params(template, figures)
    zh = template.zh(**params)
    assert english(zh) == template.en(**_en_params(params))


@given(st.text(alphabet="逐年提升完成值%≥＜ab1.", min_size=1, max_size=12))
def test_a_document_cell_is_copied_as_printed(cell: str) -> None:
    zh = TEMPLATES["target.not_number"].zh(cell=cell)
    assert english(zh) == f"the target “{cell}” is not a number"


def test_a_text_no_template_recognises_is_shown_as_it_is() -> None:
    for text in ("", "按专家评议打分", "得分见附件 3", "按专家评议打分（见附件）", "90 约等于 95"):
        assert recognise(text) is None
        assert english(text) == text
        assert explanation_in(text, "en_US") == text
    # A known sentence with a note no template knows: the note is kept as it is.
    text = "10 = 满分（95 ≥ 90）（专家评议）"
    assert english(text) == "10 = full marks (95 ≥ 90) (专家评议)"
    # Chinese is never touched.
    assert explanation_in(text, "zh_CN") is text


def test_a_unit_conversion_note_is_read() -> None:
    converted = common_scale(Decimal(3), "万人次", Decimal(25000), "人次")
    assert isinstance(converted, Converted)
    zh = f"10 = 满分（30000 ≥ 25000）（{converted.note}）"
    assert english(zh) == "10 = full marks (30000 ≥ 25000) (3万人次 = 30000人次)"
    both = "1年 = 12个月；2年 = 24个月"
    assert english(f"9 ≈ 12 ÷ 24 × 18（{both}）") == "9 ≈ 12 ÷ 24 × 18 (1年 = 12个月; 2年 = 24个月)"


def test_hostile_texts_are_shown_as_they_are_and_quickly() -> None:
    deep = "（" * 40 + "10 = 满分（95 ≥ 90）" + "）" * 40
    many = "；".join(["按专家（评议）"] * 2000)
    notes = "10 = 满分（95 ≥ 90）" + "（1年 = 12个月）" * 40
    for text in (deep, many, notes, "万人次 与 分 不是" * 2000, "x" * 200_000):
        start = time.process_time()
        assert english(text) == text or not CJK.search(english(text).replace("1年 = 12个月", ""))
        assert time.process_time() - start < 2  # no recursion error, no runaway pattern
    assert english(deep) == deep
    long_total = "98.09 = " + " + ".join(["5"] * 5000) + "（各行得分为四舍五入到 2 位后的值）"
    assert english(long_total).endswith("5 + 5 (the line scores are rounded half up to 2 places)")


def test_notes_nest() -> None:
    zh = (
        "未达标（-3 ＜ 5）；目标值为0，A ÷ T 无意义，规则未规定计分办法，无法按规则计分"
        "（5万人次 = 50000人次）（完成值 -3 为负数，按规则计为 0）"
    )
    assert english(zh) == (
        "missed (-3 < 5); the target is 0, so A ÷ T means nothing, and the rules say nothing "
        "of this case: not computable by the rule (5万人次 = 50000人次) "
        "(the actual -3 is negative, scored as 0)"
    )


# -- the sheets scoring writes ---------------------------------------------------------------


def _documents() -> Iterator[object]:
    for name in examples.names():
        data = examples.load(name)
        yield from data.documents if isinstance(data, Batch) else [data]
    yield from generate(300, seed=3)


def _ziyang() -> ProjectEvaluation:
    data = examples.load("ziyang-2022")
    assert isinstance(data, Batch) and isinstance(data.documents[0], ProjectEvaluation)
    return data.documents[0]


def _document_words(document: object) -> list[str]:
    """What a document prints itself and an explanation may quote: cells and units."""
    words: list[str] = []
    for indicator in getattr(document, "indicators", ()):
        words += [indicator.target.text.strip(), indicator.unit.strip(), indicator.target.unit]
        if indicator.actual is not None:
            words += [indicator.actual.text.strip(), indicator.actual.unit]
    return sorted((w for w in words if w), key=len, reverse=True)


def _sheets() -> Iterator[tuple[object, ScoreSheet]]:
    for document in _documents():
        if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
            yield document, score(document)  # final accounts are not scored


def _strip(text: str, words: list[str]) -> str:
    for word in words:
        text = text.replace(f"“{word}”", "").replace(word, "")
    return text


def test_every_explanation_scoring_writes_is_recognised() -> None:
    for document, sheet in _sheets():
        words = _document_words(document)
        texts = [line.explanation.text for line in sheet.lines]
        texts += [line.explanation.formula for line in sheet.lines]
        texts += [sheet.total_explanation.text, sheet.total_explanation.formula, sheet.grading]
        for text in texts:
            assert recognise(text) is not None or not CJK.search(text), text
            assert not CJK.search(_strip(english(text), words)), (text, english(text))


def test_a_sheet_read_back_from_json_is_explained_alike() -> None:
    sheet = score(_ziyang())
    body = json.loads(dumps(score_sheet_object(sheet)))
    read = [line["explanation"]["text"] for line in body["lines"]]
    assert read == [line.explanation.text for line in sheet.lines]  # the JSON is unchanged
    assert [english(text) for text in read] == [
        english(line.explanation.text) for line in sheet.lines
    ]
    assert english(body["total_explanation"]["text"]).endswith(
        "(the line scores are rounded half up to 2 places)"
    )


# -- the command line and the rendered sheets ------------------------------------------------

_ROW = re.compile(
    r"^ [ *].*?\s(?:—|-?\d[\d.]*)\s+(?:—|-?\d[\d.]*)\s+(?:—|-?\d[\d.]*)  "
    rf"(?P<status>{'|'.join(STATUS_EN.values())}): (?P<text>.*)$"
)
_TOTAL = re.compile(r"^  total\s+\S+\s+\S+\s+\S+  (?P<text>.*)$")


def _score_cli(name: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(examples.text(name), encoding="utf-8")
    assert main(["score", str(path), "--lang", lang]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", examples.names())
def test_score_in_chinese_is_unchanged(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The golden files were written by budgetperf before explanations had an English form.
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    assert _score_cli(name, "zh_CN", tmp_path, capsys) == expected


@pytest.mark.parametrize("name", examples.names())
def test_score_in_english_prints_no_chinese_in_explanations(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _score_cli(name, "en_US", tmp_path, capsys)
    data = examples.load(name)
    documents = data.documents if isinstance(data, Batch) else [data]
    words = sorted({w for d in documents for w in _document_words(d)}, key=len, reverse=True)
    titles = {score(d).title for d in documents if isinstance(d, ProjectEvaluation)}
    titles |= {f"{d.department} {d.year}" for d in documents}
    rows = 0
    for line in out.splitlines():
        if not line.strip() or line.split("  (rules ")[0] in titles:
            continue  # a sheet's title is the document's
        match = _ROW.match(line) or _TOTAL.match(line)
        text = match.group("text") if match else line
        rows += bool(match)
        # The summary names the documents it leaves out by their titles.
        assert not CJK.search(_strip(text, [*sorted(titles, key=len, reverse=True), *words])), line
    assert rows >= len(documents)  # a total line per sheet at least


def test_score_in_english_keeps_every_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _score_cli("ziyang-2022", "en_US", tmp_path, capsys)
    assert "missed: 6.51 ≈ 28 ÷ 43 × 10" in out
    assert (
        "106.51 = 6.51 + 10 + 10 + 10 + 10 + 10 + 10 + 10 + 10 + 10 + 10 "
        "(the line scores are rounded half up to 2 places)"
    ) in out
    assert "  grade: rule —, reported Excellent" in out
    assert "out of 110, not the 100 the national bands are defined on" in out


def test_the_text_sheet_in_chinese_is_the_default() -> None:
    sheet = score(_ziyang())
    assert score_sheet_text(sheet) == score_sheet_text(sheet, locale="zh_CN")
    assert "（规则 national）" in score_sheet_text(sheet)


@pytest.mark.parametrize("render", [document_markdown, document_html])
def test_rendered_sheets_explain_in_their_locale(render: object) -> None:
    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    sheet = score(document)
    english_page = render(document, locale="en_US")  # type: ignore[operator]
    chinese_page = render(document, locale="zh_CN")  # type: ignore[operator]
    for line in sheet.lines:
        zh = line.explanation.text
        if CJK.search(zh):
            assert zh not in english_page
            assert zh in chinese_page
        assert english(zh).replace("“", "").split(" (")[0][:20] in english_page.replace("“", "")
    assert "Grade: rule —, reported Excellent" in english_page


def test_json_output_keeps_the_chinese_explanations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ziyang.json"
    path.write_text(examples.text("ziyang-2022"), encoding="utf-8")
    outputs = []
    for lang in ("zh_CN", "en_US"):
        assert main(["score", str(path), "--format", "json", "--lang", lang]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert "满分（" in outputs[0]
