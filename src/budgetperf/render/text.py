"""Plain-text score sheets for the terminal (评分表文本), locale-free."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

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


def score_sheet_text(sheet: ScoreSheet) -> str:
    """A score sheet as aligned plain text: each line with rule score, reported score and why.

    >>> from budgetperf import examples, score
    >>> print(score_sheet_text(score(examples.load("ziyang-2022").documents[0])).splitlines()[0])
    科普宣传与科普活动  （规则 national）
    """
    out = [f"{_one_line(sheet.title)}  （规则 {sheet.rules}）"]
    out.append(
        f"  {_pad('项目 (line)', 40)}{_pad('权重', 8)}{_pad('规则得分', 12)}{_pad('填报得分', 12)}说明"
    )
    for line in sheet.lines:
        mark = "*" if line.discretionary else " "
        label = _pad(_one_line(line.label), 40)
        out.append(
            f" {mark}{label}{_n(line.weight):>8}{_n(line.computed):>12}{_n(line.reported):>12}"
            f"  {line.status.value}：{_one_line(line.explanation.text)}"
        )
    out.append(
        f"  {_pad('合计 (total)', 40)}{_n(sheet.maximum):>8}{_n(sheet.total):>12}"
        f"{_n(sheet.reported_total):>12}  {sheet.total_explanation.text}"
    )
    grade = sheet.grade.value if sheet.grade else "—"
    reported_grade = sheet.reported_grade.value if sheet.reported_grade else "—"
    out.append(f"  等级 (grade): 规则 {grade}，填报 {reported_grade}")
    if not sheet.gradable or sheet.graded_total != sheet.total:
        out.append(f"  {sheet.grading}")
    if any(line.discretionary for line in sheet.lines):
        out.append("  * 低于规则得分且有说明：酌情扣分 (discretionary deduction)")
    if any(line.status is LineStatus.NOT_COMPUTABLE for line in sheet.lines):
        out.append(
            "  无法按规则计算的行按填报得分计入合计 (rows the rule cannot score count as reported)"
        )
    return "\n".join(out)
