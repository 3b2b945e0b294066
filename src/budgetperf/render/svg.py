"""Charts as SVG, without a plotting library (SVG 图表).

The geometry is computed in Decimal (a short Taylor series for sine and cosine), so no float
enters even the drawing. Chinese labels render through a font-family list of common CJK
fonts; every chart has an accessible ``<title>`` and ``<desc>``::

    >>> chart = bar_chart("收、支决算总计变动情况", ["2022年", "2023年"],
    ...                   [Decimal("877.47"), Decimal("874.05")], unit="万元")
    >>> chart.svg.startswith("<svg")
    True
    >>> "<title>收、支决算总计变动情况</title>" in chart.svg
    True

What the charts promise:

- a value that is missing (not computable, left to judgement) is drawn as "—" with no bar,
  never as a bar of 0;
- text is measured, without a font: an East Asian wide character counts one em, any other
  character :data:`NARROW_EM` of an em (:func:`text_width`), so labels that do not fit are
  cut with "…" (the whole label in a ``<title>`` tooltip) and legends wrap; nothing crosses
  the chart's edge;
- bar charts have a value axis with ticks at 1, 2 or 5 × 10ⁿ;
- every string the chart adds is in the chart's locale (``zh_CN`` or ``en_US``);
- :func:`vega_lite` gives the chart's data as a Vega-Lite specification, to restyle elsewhere.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from typing import Any, Final, final

import attrs

from budgetperf.explanations import GRADE_EN
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.money import Amount, Unit, exact
from budgetperf.render.format import MISSING as _MISSING
from budgetperf.render.format import unit_label
from budgetperf.render.safe import clean_text
from budgetperf.render.safe import xml_text as escape
from budgetperf.scoring.score import LineStatus, ScoreSheet

__all__ = [
    "FONT_FAMILY",
    "NARROW_EM",
    "ChartData",
    "SvgChart",
    "bar_chart",
    "final_accounts_charts",
    "pie_chart",
    "score_chart",
    "stack",
    "text_width",
    "vega_lite",
    "vega_lite_json",
]

FONT_FAMILY: Final = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', "
    "'PingFang SC', 'Hiragino Sans GB', SimHei, sans-serif"
)
PALETTE: Final = (
    "#2f6690",
    "#d1495b",
    "#edae49",
    "#66a182",
    "#8d6a9f",
    "#3a7ca5",
    "#00798c",
    "#a85751",
)
NARROW_EM: Final = Decimal("0.62")
"""The width, in em, budgetperf allows for a character that is not East Asian wide: the
widest Latin letters and digits of common sans-serif fonts stay under it (W and M aside,
which :func:`text_width` counts as wide)."""
_CTX: Final = Context(prec=28, rounding=ROUND_HALF_UP)
_PI: Final = Decimal("3.141592653589793238462643383")
_WIDTH: Final = 640
_HEIGHT: Final = 360

# The strings the charts add, Chinese → English (the document's own names stay as printed).
_EN: Final = {
    "收、支决算总计变动情况": "Change in total income and expenditure",
    "收入决算结构": "Income by source",
    "支出决算结构": "Expenditure by type",
    "一般公共预算财政拨款支出（按功能分类）": "General public budget appropriations by function",
    "“三公”经费财政拨款支出结构": "Three public expenses",
    "基本支出": "Basic expenditure",
    "项目支出": "Project expenditure",
    "因公出国（境）费": "Official travel abroad",
    "公务用车购置费": "Official vehicle purchase",
    "公务用车运行维护费": "Official vehicle operation",
    "公务接待费": "Official reception",
    "一般公共预算财政拨款收入": "General public budget appropriation",
    "政府性基金预算财政拨款收入": "Government fund budget appropriation",
    "国有资本经营预算财政拨款收入": "State capital budget appropriation",
    "上级补助收入": "Subsidy from higher level",
    "事业收入": "Business income",
    "经营收入": "Operating income",
    "附属单位上缴收入": "Remittance from affiliates",
    "其他收入": "Other income",
    "年初结转和结余": "Carried forward",
    "使用非财政拨款结余": "Non-appropriation balance used",
    "规则得分": "Rule score",
    "填报得分": "Reported score",
    "得分": "scores",
    "无数据": "no data",
    "未绘制：无法按规则计算或按判断计分": "not drawn: not computable by the rule or left to judgement",
    "等级": "Grade",
    "规则": "rule",
    "填报": "reported",
    # The grades' English names have their one home with the explanations'.
    **GRADE_EN,
    "年": "",
}


def _tr(text: str, locale: str) -> str:
    """A chart string in ``locale`` (Chinese is the source)."""
    if locale.lower().startswith("zh"):
        return text
    return _EN.get(text, text)


def _sin_cos(angle: Decimal) -> tuple[Decimal, Decimal]:
    """Sine and cosine of ``angle`` (radians) by Taylor series, to ~20 digits."""
    x = angle % (2 * _PI)
    sin_sum, cos_sum = Decimal(0), Decimal(0)
    term_sin, term_cos = x, Decimal(1)
    for n in range(1, 40):
        sin_sum += term_sin
        cos_sum += term_cos
        term_sin = _CTX.multiply(term_sin, -x * x / ((2 * n) * (2 * n + 1)))
        term_cos = _CTX.multiply(term_cos, -x * x / ((2 * n - 1) * (2 * n)))
    return sin_sum, cos_sum


def _c(value: Decimal) -> str:
    """A coordinate with one decimal."""
    return format(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


def _n(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def text_width(text: str, size: int | Decimal) -> Decimal:
    """The width ``text`` may take at font ``size``, without a font: an East Asian wide or
    fullwidth character (and W, M) one em, any other :data:`NARROW_EM` em, a combining mark
    nothing.

    >>> text_width("科普ab", 10)
    Decimal('32.40')
    """
    em = Decimal(0)
    for ch in text:
        if unicodedata.combining(ch):
            continue
        em += (
            Decimal(1) if unicodedata.east_asian_width(ch) in "WF" or ch in "WMwm@%" else NARROW_EM
        )
    return em * Decimal(size)


def _fit(text: str, width: Decimal, size: int) -> str:
    """``text`` cut with "…" to ``width`` at ``size`` (unchanged when it fits)."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _wrap(text: str, width: Decimal, size: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (between words where there are
    spaces, anywhere between CJK characters)."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"\S+\s*|\s+", text):
        for piece in [token] if text_width(token, size) <= width else list(token):
            if line and text_width(line + piece.rstrip(), size) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _label(
    x: Decimal | str, y: Decimal | str, text: str, width: Decimal, size: int, **extra: str
) -> str:
    """A ``<text>`` fitted to ``width``; a cut label keeps its whole text as a tooltip."""
    shown = _fit(text, width, size)
    attributes = "".join(f' {k.rstrip("_").replace("_", "-")}="{v}"' for k, v in extra.items())
    tip = f"<title>{escape(text)}</title>" if shown != text else ""
    x_text = x if isinstance(x, str) else _c(x)
    y_text = y if isinstance(y, str) else _c(y)
    return (
        f'<text x="{x_text}" y="{y_text}" font-size="{size}" fill="#222"{attributes}>'
        f"{tip}{escape(shown)}</text>"
    )


@final
@attrs.frozen(slots=True, kw_only=True)
class ChartData:
    """What a chart shows, for :func:`vega_lite` (图表数据).

    Attributes:
        kind: ``"bar"`` or ``"pie"``.
        labels: the category of each point.
        series: the name of each series (one for a pie).
        values: per series, each label's value; None where there is none (not drawn).
        unit: the values' unit, in the chart's locale.
        notes: per series, each label's note on a missing value ("" where there is a value).
    """

    kind: str
    labels: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[Decimal | None, ...], ...]
    unit: str = ""
    notes: tuple[tuple[str, ...], ...] = ()


@final
@attrs.frozen(slots=True)
class SvgChart:
    """A rendered chart: its title and SVG text (shown by Jupyter through ``_repr_svg_``),
    its size, and the data drawn (for :func:`vega_lite`)."""

    title: str
    svg: str
    width: int = _WIDTH
    height: int = _HEIGHT
    data: ChartData | None = None

    def _repr_svg_(self) -> str:
        return self.svg


def _frame(title: str, width: int, height: int, body: list[str], desc: str) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" font-family="{FONT_FAMILY}">',
            f"<title>{escape(title)}</title>",
            f"<desc>{escape(desc)}</desc>",
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
            _label(
                Decimal(width) / 2,
                Decimal(28),
                title,
                Decimal(width - 20),
                18,
                text_anchor="middle",
                class_="bp-chart-title",
            ),
            *body,
            "</svg>",
        ]
    )


def _step(peak: Decimal) -> Decimal:
    """A tick step of 1, 2 or 5 × 10ⁿ giving about five ticks up to ``peak``."""
    raw = peak / 5
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (1, 2, 5, 10):
        if magnitude * factor >= raw:
            return magnitude * factor
    return magnitude * 10  # pragma: no cover - the loop always returns


def _legend(
    names: Sequence[str], x0: Decimal, y0: Decimal, width: Decimal, size: int = 12
) -> tuple[list[str], Decimal]:
    """Legend entries (swatch and name) laid out in rows within ``width``; names longer than
    the row wrap. Returns the elements and the height used."""
    body: list[str] = []
    x, y = x0, y0
    line_height = Decimal(size + 4)
    row_height = line_height
    for k, name in enumerate(names):
        room = width - 18
        lines = _wrap(name, room, size)
        entry = max(text_width(line, size) for line in lines) + 18 + 16
        if x > x0 and x + entry > x0 + width:
            x, y = x0, y + row_height
            row_height = line_height
        body.append(
            f'<rect x="{_c(x)}" y="{_c(y)}" width="12" height="12" fill="{PALETTE[k % len(PALETTE)]}"/>'
        )
        for i, line in enumerate(lines):
            body.append(
                _label(x + 18, y + 11 + line_height * i, line, room, size, class_="bp-legend")
            )
        row_height = max(row_height, line_height * len(lines))
        x += entry
    return body, y + row_height - y0


@exact
def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    *,
    unit: str = "",
    second: Sequence[Decimal | None] | None = None,
    legend: tuple[str, str] = ("", ""),
    missing_note: str = "",
    caption: str = "",
) -> SvgChart:
    """Vertical bars with their values on a ticked axis; ``second`` adds a paired bar per
    label. A value of None is drawn as "—" without a bar (``missing_note`` says why, below
    the chart, with ``caption``)."""
    series = [list(values)] + ([list(second)] if second is not None else [])
    present = [v for s in series for v in s if v is not None]
    step = _step(max([*present, Decimal(1)]))
    peak = (
        max(
            (max([*present, Decimal(0)]) / step).to_integral_value(rounding=ROUND_CEILING),
            Decimal(1),
        )
        * step
    )
    floor = min(
        (min([*present, Decimal(0)]) / step).to_integral_value(rounding=ROUND_FLOOR) * step,
        Decimal(0),
    )
    ticks = [floor + step * i for i in range(int((peak - floor) / step) + 1)]
    size = 12
    left = max(text_width(_n(t), size) for t in ticks) + 16
    right = Decimal(_WIDTH - 16)
    top = Decimal(54)
    legend_body: list[str] = []
    legend_height = Decimal(0)
    if second is not None:
        legend_body, legend_height = _legend(
            legend, Decimal(16), Decimal(0), Decimal(_WIDTH - 32), size
        )
    notes = [
        *(
            [f"{_MISSING} {missing_note}"]
            if missing_note and None in [*values, *(second or ())]
            else []
        ),
        *([caption] if caption else []),
    ]
    note_height = Decimal(16 * len(notes))
    count = max(len(labels), 1)
    slot = (right - left) / count
    # Labels lie flat when they fit their slot; otherwise they are turned by 30° and may
    # take twice the height left below the axis (sin 30° = 1/2).
    flat = all(text_width(label, size) <= slot - 4 for label in labels)
    label_room = (
        Decimal(16)
        if flat
        else min(Decimal(110), max(text_width(label, size) for label in labels) / 2 + size + 6)
    )
    height = int(top + 220 + label_room + legend_height + note_height + 12)
    bottom = top + 220
    scale = (bottom - top) / (peak - floor)
    zero = bottom - (0 - floor) * scale
    body = [f'<g class="bp-axis" font-size="{size}" fill="#555">']
    for tick in ticks:
        y = bottom - (tick - floor) * scale
        body.append(
            f'<line x1="{_c(left - 4)}" y1="{_c(y)}" x2="{_c(right)}" y2="{_c(y)}" '
            f'stroke="{"#888" if tick == 0 else "#e3e3e3"}"/>'
            f'<text x="{_c(left - 6)}" y="{_c(y + 4)}" text-anchor="end">{_n(tick)}</text>'
        )
    body.append(
        f'<line x1="{_c(left)}" y1="{_c(top)}" x2="{_c(left)}" y2="{_c(bottom)}" stroke="#888"/>'
    )
    body.append("</g>")
    bar = slot * Decimal("0.6") / len(series)
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * Decimal("0.2")
        for k, s in enumerate(series):
            value = s[i] if i < len(s) else None
            x = x0 + bar * k
            if value is None:
                body.append(
                    f'<text x="{_c(x + bar / 2)}" y="{_c(zero - 6)}" text-anchor="middle" '
                    f'font-size="{size}" fill="#555" class="bp-missing">'
                    f"<title>{escape(label)}: {escape(missing_note or _MISSING)}</title>{_MISSING}</text>"
                )
                continue
            y_top = zero - max(value, Decimal(0)) * scale
            h = abs(value) * scale
            body.append(
                f'<rect x="{_c(x)}" y="{_c(y_top)}" width="{_c(bar)}" '
                f'height="{_c(h)}" fill="{PALETTE[k % len(PALETTE)]}" class="bp-bar">'
                f"<title>{escape(label)}: {_n(value)}{escape(unit)}</title></rect>"
            )
            y_text = y_top - 4 if value >= 0 else y_top + h + size
            body.append(
                _label(
                    x + bar / 2,
                    max(y_text, top - 2),
                    _n(value),
                    max(slot / len(series), Decimal(size)),
                    10 if len(series) > 1 else size,
                    text_anchor="middle",
                    class_="bp-value",
                )
            )
        cx = x0 + bar * len(series) / 2
        if flat:
            body.append(
                _label(
                    cx,
                    bottom + 16,
                    label,
                    slot - 4,
                    size,
                    text_anchor="middle",
                    class_="bp-category",
                )
            )
        else:
            # Turned by 30°: the label reaches left by cos 30° of its width (< 0.87) and down
            # by half of it, and its glyphs' height adds half a size to the left; it is cut so
            # that it stays within the chart on both counts.
            room = min((label_room - size - 6) * 2, (cx - Decimal(size) / 2 - 4) / Decimal("0.87"))
            body.append(
                _label(
                    cx,
                    bottom + 14,
                    label,
                    room,
                    size,
                    text_anchor="end",
                    transform=f"rotate(-30 {_c(cx)} {_c(bottom + 14)})",
                    class_="bp-category",
                )
            )
    y = bottom + label_room + 8
    if legend_body:
        body += [f'<g class="bp-legends" transform="translate(0 {_c(y)})">', *legend_body, "</g>"]
    for i, note in enumerate(notes):
        body.append(
            _label(
                Decimal(16),
                y + legend_height + 12 + 16 * i,
                note,
                Decimal(_WIDTH - 32),
                11,
                class_="bp-note",
            )
        )
    if unit:
        body.append(
            _label(Decimal(8), top - 10, unit.strip(), Decimal(_WIDTH - 16), size, class_="bp-unit")
        )
    desc = "; ".join(
        f"{label}: {_n(v) if v is not None else _MISSING}{unit if v is not None else ''}"
        for label, v in zip(labels, values, strict=False)
    )
    data = ChartData(
        kind="bar",
        labels=tuple(labels),
        series=tuple(legend[: len(series)]) if second is not None else (title,),
        values=tuple(tuple(s) for s in series),
        unit=unit,
        notes=tuple(tuple(missing_note if v is None else "" for v in s) for s in series),
    )
    return SvgChart(
        title=title, svg=_frame(title, _WIDTH, height, body, desc), height=height, data=data
    )


@exact
def pie_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    *,
    unit: str = "",
    no_data: str = "无数据",
    locale: str = "zh_CN",
) -> SvgChart:
    """A pie of the positive values, with a legend giving each value and share; a value of
    None is listed as "—" with no slice. Legend entries wrap to the room beside the pie."""
    cx, cy, r = Decimal(180), Decimal(195), Decimal(130)
    items = [(label, value) for label, value in zip(labels, values, strict=False)]
    drawn = [(label, v) for label, v in items if v is not None and v > 0]
    total = sum((v for _, v in drawn), Decimal(0))
    body: list[str] = []
    angle = -_PI / 2
    colours: dict[str, str] = {}
    for k, (label, value) in enumerate(drawn):
        fraction = value / total
        colour = PALETTE[k % len(PALETTE)]
        colours[label] = colour
        tip = f"<title>{escape(label)}: {_n(value)}{escape(unit)}</title>"
        if len(drawn) == 1:
            body.append(
                f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}" class="bp-slice">{tip}</circle>'
            )
            continue
        end = angle + 2 * _PI * fraction
        s1, c1 = _sin_cos(angle)
        s2, c2 = _sin_cos(end)
        large = 1 if fraction > Decimal("0.5") else 0
        body.append(
            f'<path d="M {_c(cx)} {_c(cy)} L {_c(cx + r * c1)} {_c(cy + r * s1)} '
            f'A {r} {r} 0 {large} 1 {_c(cx + r * c2)} {_c(cy + r * s2)} Z" fill="{colour}" '
            f'stroke="#fff" class="bp-slice">{tip}</path>'
        )
        angle = end
    size, x0 = 13, Decimal(350)
    room = Decimal(_WIDTH - 16) - x0 - 22
    y = Decimal(90)
    for label, amount in items:
        if amount is None:
            text = f"{label} {_MISSING}"
        elif total and amount > 0:
            percent = (amount * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            share = (
                f"（{_n(percent)}%）" if locale.lower().startswith("zh") else f" ({_n(percent)}%)"
            )
            text = f"{label} {_n(amount)}{unit}{share}"
        else:
            text = f"{label} {_n(amount)}{unit}"
        colour = colours.get(label, "#ffffff")
        body.append(
            f'<rect x="{x0}" y="{_c(y - 11)}" width="14" height="14" fill="{colour}" '
            f'stroke="{"none" if label in colours else "#888"}"/>'
        )
        for line in _wrap(text, room, size):
            body.append(_label(x0 + 22, y, line, room, size, class_="bp-legend"))
            y += size + 4
        y += 9
    if not drawn:
        body.append(
            f'<text x="{_c(cx)}" y="{_c(cy)}" text-anchor="middle" font-size="14" '
            f'fill="#555">{escape(no_data)}</text>'
        )
    height = max(_HEIGHT, int(y) + 8)
    desc = "; ".join(
        f"{label}: {_n(v) + unit if v is not None else _MISSING}" for label, v in items
    )
    data = ChartData(
        kind="pie",
        labels=tuple(labels),
        series=(title,),
        values=(tuple(values),),
        unit=unit,
        notes=(tuple("" if v is not None else _MISSING for v in values),),
    )
    return SvgChart(
        title=title, svg=_frame(title, _WIDTH, height, body, desc), height=height, data=data
    )


def _wan(amount: Amount | None) -> Decimal | None:
    return None if amount is None else amount.to("万元").value


@exact
def final_accounts_charts(accounts: FinalAccounts, *, locale: str = "zh_CN") -> list[SvgChart]:
    """The standard figures of a final-accounts explanation, from the accounts' figures."""

    def t(text: str) -> str:
        return _tr(text, locale)

    year = accounts.year
    unit = unit_label(Unit.WAN_YUAN, locale=locale)
    zh = locale.lower().startswith("zh")
    charts: list[SvgChart] = []
    if accounts.grand_total is not None and accounts.previous_grand_total is not None:
        charts.append(
            bar_chart(
                t("收、支决算总计变动情况"),
                [f"{year - 1}{'年' if zh else ''}", f"{year}{'年' if zh else ''}"],
                [_wan(accounts.previous_grand_total), _wan(accounts.grand_total)],
                unit=unit,
            )
        )
    if accounts.income:
        charts.append(
            pie_chart(
                t("收入决算结构"),
                [t(i.source.value) for i in accounts.income],
                [_wan(i.amount) for i in accounts.income],
                unit=unit,
                no_data=t("无数据"),
                locale=locale,
            )
        )
    if accounts.basic is not None or accounts.project is not None:
        charts.append(
            pie_chart(
                t("支出决算结构"),
                [t("基本支出"), t("项目支出")],
                [_wan(accounts.basic), _wan(accounts.project)],
                unit=unit,
                no_data=t("无数据"),
                locale=locale,
            )
        )
    classes = [line for line in accounts.functional_lines if len(line.functional_code) == 3]
    if classes:
        charts.append(
            bar_chart(
                t("一般公共预算财政拨款支出（按功能分类）"),
                [f"{line.functional_code} {line.name}" for line in classes],
                [_wan(line.amount) for line in classes],
                unit=unit,
            )
        )
    three = accounts.three_public
    if three is not None:
        charts.append(
            pie_chart(
                t("“三公”经费财政拨款支出结构"),
                [
                    t("因公出国（境）费"),
                    t("公务用车购置费"),
                    t("公务用车运行维护费"),
                    t("公务接待费"),
                ],
                [
                    _wan(three.outbound),
                    _wan(three.vehicle_purchase),
                    _wan(three.vehicle_operation),
                    _wan(three.reception),
                ],
                unit=unit,
                no_data=t("无数据"),
                locale=locale,
            )
        )
    return charts


@exact
def score_chart(sheet: ScoreSheet, *, locale: str = "zh_CN") -> SvgChart:
    """Each line's rule score beside its reported score; a line the rule cannot score (or
    leaves to judgement) has no rule bar but "—", as the tables show it."""

    def t(text: str) -> str:
        return _tr(text, locale)

    zh = locale.lower().startswith("zh")
    computed = [
        None if line.status is LineStatus.JUDGEMENT else line.computed for line in sheet.lines
    ]
    reported = [line.reported for line in sheet.lines]
    grade = t(sheet.grade.value) if sheet.grade else _MISSING
    reported_grade = t(sheet.reported_grade.value) if sheet.reported_grade else _MISSING
    sep, colon = ("，", "：") if zh else (", ", ": ")
    return bar_chart(
        f"{sheet.title} {t('得分')}" if zh else f"{sheet.title}: {t('得分')}",
        [line.label for line in sheet.lines],
        computed,
        second=reported,
        legend=(t("规则得分"), t("填报得分")),
        unit="分" if zh else " points",
        missing_note=t("未绘制：无法按规则计算或按判断计分"),
        caption=f"{t('等级')}{colon}{t('规则')} {grade}{sep}{t('填报')} {reported_grade}",
    )


def stack(charts: Sequence[SvgChart], *, title: str = "budgetperf") -> SvgChart:
    """Several charts one above the other in a single SVG."""
    height = sum(chart.height for chart in charts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" role="img" font-family="{FONT_FAMILY}">',
        f"<title>{escape(title)}</title>",
    ]
    y = 0
    for chart in charts:
        parts.append(
            chart.svg.replace('<svg xmlns="http://www.w3.org/2000/svg" ', f'<svg y="{y}" ', 1)
        )
        y += chart.height
    parts.append("</svg>")
    return SvgChart(title=title, svg="\n".join(parts), width=_WIDTH, height=height)


# -- Vega-Lite -----------------------------------------------------------------------------------

VEGA_LITE_SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v5.json"


def vega_lite(chart: SvgChart | Sequence[SvgChart]) -> dict[str, Any]:
    """The chart's data as a Vega-Lite (v5) specification, values as Decimal (several
    charts: one specification, ``vconcat`` of each).

    Missing values are ``None`` (JSON null): Vega-Lite draws no bar or slice for them, and a
    text layer marks them "—". Serialize with :func:`vega_lite_json` (exact numbers).

    >>> spec = vega_lite(bar_chart("t", ["a", "b"], [None, Decimal("5")]))
    >>> [(v["label"], v["value"]) for v in spec["data"]["values"]]
    [('a', None), ('b', Decimal('5'))]

    Raises:
        BudgetPerfError: the chart carries no data (a stack of charts).
    """
    from budgetperf.errors import BudgetPerfError

    if not isinstance(chart, SvgChart):
        parts = [vega_lite(one) for one in chart]
        for part in parts:
            del part["$schema"]
        return {"$schema": VEGA_LITE_SCHEMA, "vconcat": parts}
    data = chart.data
    if data is None:
        raise BudgetPerfError(
            "该图表没有可导出的数据",
            "this chart has no data to export",
            value=chart.title,
            expected="a chart from bar_chart, pie_chart, score_chart or final_accounts_charts",
        )
    rows: list[dict[str, Any]] = []
    for series, values, notes in zip(
        data.series, data.values, data.notes or [()] * len(data.values), strict=True
    ):
        for i, (label, value) in enumerate(zip(data.labels, values, strict=False)):
            rows.append(
                {
                    "order": i,
                    "label": clean_text(label),
                    "series": clean_text(series),
                    "value": value,
                    "unit": data.unit,
                    "note": notes[i] if i < len(notes) else "",
                }
            )
    order = list(dict.fromkeys(clean_text(label) for label in data.labels))
    tooltip = [
        {"field": "label", "type": "nominal"},
        {"field": "series", "type": "nominal"},
        {"field": "value", "type": "quantitative"},
        {"field": "unit", "type": "nominal"},
    ]
    if data.kind == "pie":
        encoding: dict[str, Any] = {
            "theta": {"field": "value", "type": "quantitative", "stack": True},
            "color": {"field": "label", "type": "nominal", "sort": order, "title": None},
            "tooltip": tooltip,
        }
        layers: list[dict[str, Any]] = [{"mark": {"type": "arc"}, "encoding": encoding}]
    else:
        x = {"field": "label", "type": "nominal", "sort": order, "title": None}
        layers = [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "x": x,
                    "xOffset": {"field": "series", "sort": list(data.series)},
                    "y": {"field": "value", "type": "quantitative", "title": data.unit or None},
                    "color": {"field": "series", "type": "nominal", "sort": list(data.series)},
                    "tooltip": tooltip,
                },
            },
            {
                "transform": [{"filter": "datum.value === null"}],
                "mark": {"type": "text", "text": _MISSING, "baseline": "bottom"},
                "encoding": {
                    "x": x,
                    "xOffset": {"field": "series", "sort": list(data.series)},
                    "y": {"datum": 0, "type": "quantitative"},
                    "tooltip": [{"field": "label"}, {"field": "note"}],
                },
            },
        ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": clean_text(chart.title),
        "data": {"values": rows},
        "layer": layers,
    }


def _json(value: Any) -> str:
    if isinstance(value, Decimal):
        return _n(value)  # plain notation, no exponent: a valid JSON number, exactly
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json.dumps(k, ensure_ascii=False)}: {_json(v)}" for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def vega_lite_json(chart: SvgChart | Sequence[SvgChart]) -> str:
    """:func:`vega_lite` as JSON text, each Decimal written as the exact JSON number.

    >>> print(vega_lite_json(bar_chart("t", ["a"], [Decimal("874.05")]))[:40])
    {"$schema": "https://vega.github.io/sche
    """
    return _json(vega_lite(chart)) + "\n"
