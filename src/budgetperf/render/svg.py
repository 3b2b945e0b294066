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
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Final, final

import attrs

from budgetperf.model.evaluation import FinalAccounts
from budgetperf.money import Amount, exact
from budgetperf.render.safe import xml_text as escape
from budgetperf.scoring.score import ScoreSheet

__all__ = [
    "FONT_FAMILY",
    "SvgChart",
    "bar_chart",
    "final_accounts_charts",
    "pie_chart",
    "score_chart",
    "stack",
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
_CTX: Final = Context(prec=28, rounding=ROUND_HALF_UP)
_PI: Final = Decimal("3.141592653589793238462643383")


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


@final
@attrs.frozen(slots=True)
class SvgChart:
    """A rendered chart: its title and SVG text (shown by Jupyter through ``_repr_svg_``)."""

    title: str
    svg: str

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
            f'<text x="{width // 2}" y="28" text-anchor="middle" font-size="18" fill="#222">{escape(title)}</text>',
            *body,
            "</svg>",
        ]
    )


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal],
    *,
    unit: str = "",
    second: Sequence[Decimal] | None = None,
    legend: tuple[str, str] = ("", ""),
) -> SvgChart:
    """Vertical bars with their values; ``second`` adds a paired bar per label."""
    width, height, top, bottom, left = 640, 360, 50, 250, 60
    series = [list(values)] + ([list(second)] if second is not None else [])
    peak = max([v for s in series for v in s] + [Decimal(1)])
    slot = Decimal(width - left - 20) / max(len(labels), 1)
    bar = slot * Decimal("0.6") / len(series)
    body = [f'<line x1="{left}" y1="{bottom}" x2="{width - 20}" y2="{bottom}" stroke="#888"/>']
    for i, label in enumerate(labels):
        x0 = Decimal(left) + slot * i + slot * Decimal("0.2")
        for k, s in enumerate(series):
            value = s[i] if i < len(s) else Decimal(0)
            h = Decimal(bottom - top) * max(value, Decimal(0)) / peak
            x = x0 + bar * k
            body.append(
                f'<rect x="{_c(x)}" y="{_c(Decimal(bottom) - h)}" width="{_c(bar)}" '
                f'height="{_c(h)}" fill="{PALETTE[k % len(PALETTE)]}">'
                f"<title>{escape(label)}: {_n(value)}{escape(unit)}</title></rect>"
            )
            body.append(
                f'<text x="{_c(x + bar / 2)}" y="{_c(Decimal(bottom) - h - 6)}" '
                f'text-anchor="middle" font-size="12" fill="#222">{_n(value)}</text>'
            )
        cx = _c(x0 + bar * len(series) / 2)
        # Long labels are turned so that neighbours do not overlap.
        turn = f' transform="rotate(-30 {cx} {bottom + 16})"' if len(labels) > 3 else ""
        anchor = "end" if turn else "middle"
        body.append(
            f'<text x="{cx}" y="{bottom + 16}" text-anchor="{anchor}" font-size="12" '
            f'fill="#222"{turn}>{escape(label)}</text>'
        )
    if second is not None:
        for k, name in enumerate(legend):
            body.append(
                f'<rect x="{left + 160 * k}" y="{height - 24}" width="12" height="12" '
                f'fill="{PALETTE[k]}"/><text x="{left + 160 * k + 18}" y="{height - 13}" '
                f'font-size="12" fill="#222">{escape(name)}</text>'
            )
    if unit:
        body.append(
            f'<text x="{left - 8}" y="{top - 8}" font-size="12" fill="#555">{escape(unit)}</text>'
        )
    desc = "; ".join(f"{label}: {_n(v)}{unit}" for label, v in zip(labels, values, strict=False))
    return SvgChart(title=title, svg=_frame(title, width, height, body, desc))


def pie_chart(
    title: str, labels: Sequence[str], values: Sequence[Decimal], *, unit: str = ""
) -> SvgChart:
    """A pie of the positive values, with a legend giving each share."""
    width, height = 640, 360
    cx, cy, r = Decimal(180), Decimal(195), Decimal(130)
    items = [(label, value) for label, value in zip(labels, values, strict=False) if value > 0]
    total = sum((v for _, v in items), Decimal(0))
    body: list[str] = []
    angle = -_PI / 2
    for k, (label, value) in enumerate(items):
        fraction = value / total
        colour = PALETTE[k % len(PALETTE)]
        tip = f"<title>{escape(label)}: {_n(value)}{escape(unit)}</title>"
        if len(items) == 1:
            body.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}">{tip}</circle>')
        else:
            end = angle + 2 * _PI * fraction
            s1, c1 = _sin_cos(angle)
            s2, c2 = _sin_cos(end)
            large = 1 if fraction > Decimal("0.5") else 0
            body.append(
                f'<path d="M {_c(cx)} {_c(cy)} L {_c(cx + r * c1)} {_c(cy + r * s1)} '
                f'A {r} {r} 0 {large} 1 {_c(cx + r * c2)} {_c(cy + r * s2)} Z" fill="{colour}" '
                f'stroke="#fff">{tip}</path>'
            )
            angle = end
        percent = (fraction * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        y = 90 + 26 * k
        body.append(
            f'<rect x="350" y="{y - 11}" width="14" height="14" fill="{colour}"/>'
            f'<text x="372" y="{y}" font-size="13" fill="#222">{escape(label)} '
            f"{_n(value)}{escape(unit)}（{_n(percent)}%）</text>"
        )
    if not items:
        body.append(
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle" font-size="14" '
            f'fill="#555">无数据</text>'
        )
    desc = "; ".join(f"{label}: {_n(v)}{unit}" for label, v in items)
    return SvgChart(title=title, svg=_frame(title, width, height, body, desc))


def _wan(amount: Amount | None) -> Decimal:
    return Decimal(0) if amount is None else amount.to("万元").value


@exact
def final_accounts_charts(accounts: FinalAccounts) -> list[SvgChart]:
    """The standard figures of a final-accounts explanation, from the accounts' figures."""
    year = accounts.year
    charts: list[SvgChart] = []
    if accounts.grand_total is not None and accounts.previous_grand_total is not None:
        charts.append(
            bar_chart(
                "收、支决算总计变动情况",
                [f"{year - 1}年", f"{year}年"],
                [_wan(accounts.previous_grand_total), _wan(accounts.grand_total)],
                unit="万元",
            )
        )
    if accounts.income:
        charts.append(
            pie_chart(
                "收入决算结构",
                [i.source.value for i in accounts.income],
                [_wan(i.amount) for i in accounts.income],
                unit="万元",
            )
        )
    if accounts.basic is not None or accounts.project is not None:
        charts.append(
            pie_chart(
                "支出决算结构",
                ["基本支出", "项目支出"],
                [_wan(accounts.basic), _wan(accounts.project)],
                unit="万元",
            )
        )
    classes = [line for line in accounts.functional_lines if len(line.functional_code) == 3]
    if classes:
        charts.append(
            bar_chart(
                "一般公共预算财政拨款支出（按功能分类）",
                [f"{line.functional_code} {line.name}" for line in classes],
                [_wan(line.amount) for line in classes],
                unit="万元",
            )
        )
    three = accounts.three_public
    if three is not None:
        charts.append(
            pie_chart(
                "“三公”经费财政拨款支出结构",
                ["因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"],
                [
                    _wan(three.outbound),
                    _wan(three.vehicle_purchase),
                    _wan(three.vehicle_operation),
                    _wan(three.reception),
                ],
                unit="万元",
            )
        )
    return charts


@exact
def score_chart(sheet: ScoreSheet) -> SvgChart:
    """Each line's weight beside its rule score and reported score."""
    labels = [line.label[:8] + ("…" if len(line.label) > 8 else "") for line in sheet.lines]
    computed = [line.computed if line.computed is not None else Decimal(0) for line in sheet.lines]
    reported = [line.reported if line.reported is not None else Decimal(0) for line in sheet.lines]
    return bar_chart(
        f"{sheet.title} 得分", labels, computed, second=reported, legend=("规则得分", "填报得分")
    )


def stack(charts: Sequence[SvgChart], *, title: str = "budgetperf") -> SvgChart:
    """Several charts one above the other in a single SVG."""
    height = 360
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height * len(charts)}" '
        f'viewBox="0 0 640 {height * len(charts)}" role="img" font-family="{FONT_FAMILY}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, chart in enumerate(charts):
        inner = chart.svg.replace(
            '<svg xmlns="http://www.w3.org/2000/svg" ', f'<svg y="{height * i}" ', 1
        )
        parts.append(inner)
    parts.append("</svg>")
    return SvgChart(title=title, svg="\n".join(parts))
