"""Plain-text score sheets for the terminal (评分表文本), in Chinese or English.

The sheet's explanations are written in Chinese by scoring; English is written from them by
:func:`budgetperf.explanations.english` (the figures as they are), so a sheet read back from
JSON prints in English as well. The document's own words (titles, labels) stay as printed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal

import attrs

from budgetperf.explanations import GRADE_EN, STATUS_EN, TEMPLATES, english
from budgetperf.render.safe import clean_text
from budgetperf.scoring.score import LineStatus, ScoreSheet

__all__ = ["score_sheet_text"]


def _n(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _one_line(text: str) -> str:
    """A label for one terminal line: no control characters (an ESC would drive the
    terminal), no bidirectional overrides, no line breaks."""
    return clean_text(" ".join(text.splitlines()))


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` terminal columns (CJK characters take two)."""
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))


def score_sheet_text(sheet: ScoreSheet, *, locale: str = "zh_CN") -> str:
    """A score sheet as aligned plain text: each line with rule score, reported score and why.

    >>> from budgetperf import examples, score
    >>> sheet = score(examples.load("ziyang-2022").documents[0])
    >>> print(score_sheet_text(sheet).splitlines()[0])
    科普宣传与科普活动  （规则 national）
    >>> print(score_sheet_text(sheet, locale="en_US").splitlines()[2])
      budget execution rate (年度资金总额) 10 6.51 100  missed: 6.51 ≈ 28 ÷ 43 × 10
    """
    if not locale.lower().startswith("zh"):
        return _english_text(sheet)
    grade = sheet.grade.value if sheet.grade else "—"
    reported_grade = sheet.reported_grade.value if sheet.reported_grade else "—"
    return _sheet_text(
        sheet,
        _SheetWords(
            title=f"{_one_line(sheet.title)}  （规则 {sheet.rules}）",
            header=f"  {_pad('项目 (line)', 40)}{_pad('权重', 8)}{_pad('规则得分', 12)}"
            f"{_pad('填报得分', 12)}说明",
            total="合计 (total)",
            grade=f"  等级 (grade): 规则 {grade}，填报 {reported_grade}",
            discretionary="  * 低于规则得分且有说明：酌情扣分 (discretionary deduction)",
            not_computable="  无法按规则计算的行按填报得分计入合计 "
            "(rows the rule cannot score count as reported)",
            separator="：",
        ),
    )


@attrs.frozen(slots=True)
class _SheetWords:
    """What a text score sheet says in one language around its figures."""

    title: str
    header: str
    total: str
    grade: str
    discretionary: str
    not_computable: str
    separator: str
    text: Callable[[str], str] = str
    label: Callable[[str], str] = str
    status: Callable[[str], str] = str


def _sheet_text(sheet: ScoreSheet, words: _SheetWords) -> str:
    """The aligned lines of a score sheet, its words in one language (``words``)."""
    out = [words.title, words.header]
    for line in sheet.lines:
        mark = "*" if line.discretionary else " "
        label = _pad(_one_line(words.label(line.label)), 40)
        out.append(
            f" {mark}{label}{_n(line.weight):>8}{_n(line.computed):>12}{_n(line.reported):>12}"
            f"  {words.status(line.status.value)}{words.separator}"
            f"{_one_line(words.text(line.explanation.text))}"
        )
    out.append(
        f"  {_pad(words.total, 40)}{_n(sheet.maximum):>8}{_n(sheet.total):>12}"
        f"{_n(sheet.reported_total):>12}  {words.text(sheet.total_explanation.text)}"
    )
    out.append(words.grade)
    if not sheet.gradable or sheet.graded_total != sheet.total:
        out.append(f"  {words.text(sheet.grading)}")
    if any(line.discretionary for line in sheet.lines):
        out.append(words.discretionary)
    if any(line.status is LineStatus.NOT_COMPUTABLE for line in sheet.lines):
        out.append(words.not_computable)
    return "\n".join(out)


_BUDGET_LABEL = TEMPLATES["budget.label"].zh()


def _label_en(label: str) -> str:
    """A line's label in English: the budget line's word is budgetperf's (预算执行率（…）);
    every other label is the document's own, as printed."""
    head = f"{_BUDGET_LABEL}（"
    if label.startswith(head) and label.endswith("）"):
        return f"{english(_BUDGET_LABEL)} ({label[len(head) : -1]})"
    return label


def _english_text(sheet: ScoreSheet) -> str:
    """:func:`score_sheet_text` in English, the same columns and figures."""
    grade = GRADE_EN[sheet.grade.value] if sheet.grade else "—"
    reported_grade = GRADE_EN[sheet.reported_grade.value] if sheet.reported_grade else "—"
    return _sheet_text(
        sheet,
        _SheetWords(
            title=f"{_one_line(sheet.title)}  (rules {sheet.rules})",
            header=f"  {_pad('line', 40)}{_pad('weight', 8)}{_pad('rule score', 12)}"
            f"{_pad('reported', 12)}explanation",
            total="total",
            grade=f"  grade: rule {grade}, reported {reported_grade}",
            discretionary="  * below the rule score with a stated reason: a discretionary "
            "deduction",
            not_computable="  rows the rule cannot score count in the total as reported",
            separator=": ",
            text=english,
            label=_label_en,
            status=STATUS_EN.__getitem__,
        ),
    )
