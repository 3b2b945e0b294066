"""Score explanation templates (计分说明模板): the one home of every explanation sentence.

Each template has a Chinese form and an English form with the same named placeholders.
Scoring writes the Chinese text from the Chinese form (:attr:`Template.zh` called with the
figures, as written); a renderer asked for English recognises the Chinese text, template by
template, and fills the English form with the very figures it found::

    >>> TEMPLATES["met"].zh(W="10", relation=TEMPLATES["relation.ge"].zh(A="95", T="90"))
    '10 = 满分（95 ≥ 90）'
    >>> english("10 = 满分（95 ≥ 90）")
    '10 = full marks (95 ≥ 90)'
    >>> english("9.47 ≈ 90 ÷ 95 × 10（5万人次 = 50000人次）")
    '9.47 ≈ 90 ÷ 95 × 10 (5万人次 = 50000人次)'

Recognition works on the text alone, so it works as well on a score sheet read back from
JSON as on one just scored. A text no template recognises is shown as it is. Figures are
copied, never re-computed or re-formatted; a nested sentence (a relation, a reason, a note)
is recognised in its turn; the document's own words (a cell quoted “…”, a unit, a rule set's
name) are copied as printed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Final, final

import attrs

from budgetperf.errors import ValidationError

__all__ = [
    "GRADE_EN",
    "STATUS_EN",
    "TEMPLATES",
    "Template",
    "english",
    "explanation_in",
    "recognise",
]

STATUS_EN: Final[Mapping[str, str]] = {
    "达标": "met",
    "未达标": "missed",
    "按判断计分": "left to judgement",
    "无法按规则计算": "not computable by the rule",
    "不适用": "not applicable",
    "无分值": "no weight",
    "分项": "part",
    "合计": "sum",
}
"""A line status (:class:`~budgetperf.scoring.LineStatus` values) in English."""

GRADE_EN: Final[Mapping[str, str]] = {
    "优": "Excellent",
    "良": "Good",
    "中": "Fair",
    "差": "Poor",
}
"""A grade (:class:`~budgetperf.model.Grade` values) in English."""

_SYMBOL_EN: Final[Mapping[str, str]] = {"＝": "=", "＞": ">", "＜": "<", "≥": "≥", "≤": "≤"}
"""A comparator symbol in English text: the full-width forms the forms print, as ASCII."""

# -- placeholders ------------------------------------------------------------------------
# A placeholder's name says what it holds, and so how it is recognised and rendered:
# a figure (copied), a word of the document or of the rule set (copied), a comparator symbol
# or a status or grade (mapped), or a nested sentence (recognised in its turn).

_NUMBER: Final = r"-?\d+(?:\.\d+)?(?:E[-+]?\d+)?"
# Nested sentences may hold bracketed parts (“满分（…）”) two deep, never an unmatched one:
# a placeholder cannot swallow the closing bracket of the template around it.
_NESTED: Final = r"(?:[^（）]|（(?:[^（）]|（[^（）]*）)*）)+?"

_FIGURE, _WORD, _SYMBOL, _STATUS, _GRADE, _TEXT, _EQ, _TERMS, _UNIT, _CLAUSE = range(10)

_KINDS: Final[Mapping[str, int]] = {
    **dict.fromkeys(
        (
            "value",
            "A",
            "T",
            "W",
            "E",
            "D",
            "absT",
            "percent",
            "exact",
            "places",
            "shown",
            "raw",
            "low",
            "high",
            "total",
            "full",
            "maximum",
            "graded",
            "excluded",
            "present",
            "applicable",
            "current",
            "rate",
            "threshold",
            "step",
        ),
        _FIGURE,
    ),
    **dict.fromkeys(("cell", "unit_a", "unit_t", "rules", "path", "parent"), _WORD),
    **dict.fromkeys(("bound", "comparator"), _SYMBOL),
    "status": _STATUS,
    "grade": _GRADE,
    **dict.fromkeys(
        ("why", "relation", "reason", "inner", "note", "formula", "text", "denominator"),
        _TEXT,
    ),
    "eq": _EQ,
    "terms": _TERMS,
    **dict.fromkeys(("from_unit", "to_unit"), _UNIT),
    **dict.fromkeys(("first", "second"), _CLAUSE),
}

_PATTERNS: Final[Mapping[int, str]] = {
    _FIGURE: _NUMBER,
    _WORD: r".+?",
    _SYMBOL: "[" + "".join(_SYMBOL_EN) + "]",
    _STATUS: "|".join(map(re.escape, sorted(STATUS_EN, key=len, reverse=True))),
    _GRADE: "|".join(map(re.escape, GRADE_EN)),
    _TEXT: _NESTED,
    _EQ: "[=≈]",
    _TERMS: f"{_NUMBER}(?: \\+ {_NUMBER})*",
    # A unit right after its figure ("5万人次"): no space, and not a figure's own character.
    _UNIT: r"[^\s\d.=＝+（）；][^\s=＝（）；]*?",
    # One of two notes joined by "；": neither holds a "；" or a bracket.
    _CLAUSE: r"[^；（）]+",
}

_FIELD: Final = re.compile(r"\{([A-Za-z_]+)\}")


def _split(form: str) -> list[tuple[str, str | None]]:
    """A form as (literal, placeholder name or None) pieces, in order."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in _FIELD.finditer(form):
        if match.start() > at:
            pieces.append((form[at : match.start()], None))
        pieces.append(("", match.group(1)))
        at = match.end()
    if at < len(form):
        pieces.append((form[at:], None))
    return pieces


def _compile(key: str, form: str) -> Callable[..., str]:
    """The Chinese form as a function of its placeholders (keyword-only): an f-string made
    once from the form, as fast as the f-strings scoring wrote before it had this table."""
    pieces = _split(form)
    names = list(dict.fromkeys(name for _, name in pieces if name is not None))
    body = "".join(
        "{" + name + "}" if name is not None else text.replace("{", "{{").replace("}", "}}")
        for text, name in pieces
    )
    params = f"*, {', '.join(names)}" if names else ""
    function: Callable[..., str] = eval(f"lambda {params}: f{body!r}", {})
    function.__name__ = function.__qualname__ = f"zh_{key.replace('.', '_')}"
    return function


@functools.cache
def _regex(form: str) -> re.Pattern[str]:
    """The pattern that recognises a text written from ``form`` and captures its figures."""
    parts: list[str] = []
    seen: set[str] = set()
    for text, name in _split(form):
        if name is None:
            parts.append(re.escape(text))
        elif name in seen:
            parts.append(f"(?P={name})")  # the same figure twice (W in a capped budget)
        else:
            seen.add(name)
            parts.append(f"(?P<{name}>{_PATTERNS[_KINDS[name]]})")
    return re.compile("".join(parts), re.DOTALL)


@final
@attrs.frozen(slots=True)
class Template:
    """One explanation sentence (计分说明句式) in Chinese and English.

    Attributes:
        key: its name (``"met"``, ``"missed.proportional"`` …).
        zh_form: the Chinese form, ``{name}`` for each placeholder.
        en_form: the English form, with the same placeholders.
        names: the placeholders, in the order the Chinese form first names them.
        zh: the Chinese form as a function of its placeholders (keyword arguments, already
            written as text): what scoring calls.
        pattern: recognises a Chinese text written from the form (compiled on first use:
            scoring writes texts, only reading them back needs it).

    Raises:
        ValidationError: a placeholder the table does not know, or forms that do not name
            the same placeholders.
    """

    key: str
    zh_form: str
    en_form: str
    names: tuple[str, ...] = attrs.field(init=False)
    zh: Callable[..., str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = tuple(dict.fromkeys(n for _, n in _split(self.zh_form) if n is not None))
        english_names = {n for _, n in _split(self.en_form) if n is not None}
        unknown = [n for n in names if n not in _KINDS]
        if unknown or set(names) != english_names:
            raise ValidationError(
                "说明模板的中英文占位符不一致或未知",
                "an explanation template's placeholders are unknown or differ between its forms",
                field=f"TEMPLATES[{self.key!r}]",
                value=self.en_form,
                expected=f"the placeholders {', '.join(n for n in names if n in _KINDS)}",
            )
        # Derived once from the forms (the class is frozen: set through object.__setattr__).
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "zh", _compile(self.key, self.zh_form))

    @property
    def pattern(self) -> re.Pattern[str]:
        """Recognises a Chinese text written from the form."""
        return _regex(self.zh_form)

    def en(self, **params: str) -> str:
        """The English form filled with ``params`` as they are (already English)."""
        return self.en_form.format(**params)


_FORMS: Final = (
    # -- budget execution (预算执行率) --------------------------------------------------
    ("budget.formula", "执行数 ÷ {denominator} × W", "executed ÷ {denominator} × W"),
    ("budget.executed", "执行数", "executed"),
    ("budget.adjusted", "调整后预算数", "adjusted budget"),
    ("budget.initial", "年初预算数", "initial budget"),
    ("budget.label", "预算执行率", "budget execution rate"),
    (
        "budget.missing",
        "缺少执行数或预算数 (executed or budget missing)",
        "executed or budget missing",
    ),
    ("budget.zero_formula", "预算数为0时得0分", "0 points when the budget is 0"),
    ("budget.zero", "0 = 预算数为0", "0 = the budget is 0"),
    ("budget.zero_na_formula", "预算数为0，不适用", "budget 0: not applicable"),
    ("budget.zero_na", "预算数为0，不计分", "the budget is 0: not scored"),
    ("budget.ratio", "{value} {eq} {E} ÷ {D} × {W}", "{value} {eq} {E} ÷ {D} × {W}"),
    ("budget.percent", "{value} {eq} {percent}% × {W}", "{value} {eq} {percent}% × {W}"),
    (
        "budget.capped_ratio",
        "{value} = 封顶 {W}（{E} ÷ {D} × {W} {eq} {shown}）",
        "{value} = capped at {W} ({E} ÷ {D} × {W} {eq} {shown})",
    ),
    (
        "budget.capped_percent",
        "{value} = 封顶 {W}（{percent}% × {W} {eq} {shown}）",
        "{value} = capped at {W} ({percent}% × {W} {eq} {shown})",
    ),
    (
        "budget.rate_rounded",
        "执行率 {exact}% 按四舍五入到 {places} 位小数的 {percent}% 计",
        "the execution rate {exact}% counted as {percent}%, rounded half up to {places} decimals",
    ),
    # -- rows that are not scored by a formula ------------------------------------------
    ("formula.none", "—", "—"),
    ("formula.not_scored", "不计分", "not scored"),
    ("formula.weight", "W", "W"),
    (
        "row.unweighted",
        "表中该行没有分值，不计分 (the row prints no weight)",
        "the row prints no weight: not scored",
    ),
    ("row.not_applicable", "指标不适用 (not applicable)", "the indicator does not apply"),
    ("judgement.formula", "按评价人判断 (judgement)", "left to the evaluator's judgement"),
    ("judgement.qualitative", "定性指标", "qualitative indicator"),
    (
        "judgement.band",
        "{why}；{grade}：得分应在 {low}%–{high}% × W",
        "{why}; {grade}: the score should be {low}%–{high}% × W",
    ),
    (
        "target.missing",
        "指标值缺失，无法按规则计分 (target missing)",
        "target missing: not computable by the rule",
    ),
    ("target.not_number", "指标值“{cell}”不是数值", "the target “{cell}” is not a number"),
    ("actual.missing", "完成值缺失", "actual missing"),
    ("actual.not_number", "完成值“{cell}”不是数值", "the actual “{cell}” is not a number"),
    (
        "actual.not_computable",
        "{why}，无法按规则计分 (actual missing)",
        "{why}: not computable by the rule",
    ),
    ("comparator.none", "未标明指标性质", "no comparator stated"),
    ("comparator.none_reason", "未标明指标性质；{reason}", "no comparator stated; {reason}"),
    (
        "comparator.none_unequal",
        "未标明指标性质，完成值与指标值不等",
        "no comparator stated, and the actual differs from the target",
    ),
    (
        "comparator.none_equal",
        "{A} ＝ {T}，未标指标性质，完成值等于指标值即达标",
        "{A} = {T}: no comparator stated, and an actual equal to the target meets it",
    ),
    (
        "units.incomparable",
        "完成值单位“{unit_a}”与指标值单位“{unit_t}”不可比：{reason} (incomparable units)",
        "the actual's unit “{unit_a}” and the target's unit “{unit_t}” are not comparable: {reason}",
    ),
    (
        "units.reason",
        "{unit_a} 与 {unit_t} 不是同一种计量单位，不能比较",
        "{unit_a} and {unit_t} are not units of one kind and cannot be compared",
    ),
    (
        "units.converted",
        "{A}{from_unit} = {T}{to_unit}",
        "{A}{from_unit} = {T}{to_unit}",
    ),
    # -- an actual printed as a bound (范围值) ---------------------------------------------
    (
        "bound.shown",
        "完成值“{cell}”只给出范围（{bound} {A}）",
        "the actual “{cell}” gives only a range ({bound} {A})",
    ),
    (
        "bound.proven",
        "完成值“{cell}”即 {bound} {A} ⇒ {comparator} {T}",
        "the actual “{cell}” is {bound} {A} ⇒ {comparator} {T}",
    ),
    (
        "bound.undecided",
        "{reason}，不能确定是否达到指标值 {comparator} {T} 或差多少，"
        "无法按规则计分 (the actual is a bound; the rule needs the value)",
        "{reason}: whether it meets the target {comparator} {T}, or by how much it misses it, "
        "is not known; not computable by the rule (it needs the value)",
    ),
    # -- met targets and the relations that decide them -----------------------------------
    ("met", "{W} = 满分（{relation}）", "{W} = full marks ({relation})"),
    ("met.ge", "{W} = 满分（{A} ≥ {T}）", "{W} = full marks ({A} ≥ {T})"),
    ("relation.ge", "{A} ≥ {T}", "{A} ≥ {T}"),
    ("relation.gt", "{A} ＞ {T}", "{A} > {T}"),
    ("relation.le", "{A} ≤ {T}", "{A} ≤ {T}"),
    ("relation.lt", "{A} ＜ {T}", "{A} < {T}"),
    ("relation.eq", "{A} ＝ {T}", "{A} = {T}"),
    ("relation.gt_equal_meets", "{A} ＝ {T}，＞ 视相等为达标", "{A} = {T}: equality meets >"),
    ("relation.gt_equal_misses", "{A} ＝ {T}，不满足 ＞", "{A} = {T}: not >"),
    ("relation.lt_equal_meets", "{A} ＝ {T}，＜ 视相等为达标", "{A} = {T}: equality meets <"),
    ("relation.lt_equal_misses", "{A} ＝ {T}，不满足 ＜", "{A} = {T}: not <"),
    ("relation.eq_as_ge", "{A} ≥ {T}，＝ 按 ≥ 计", "{A} ≥ {T}: = is scored as ≥"),
    (
        "relation.eq_zero",
        "{A} ≤ 0，目标为0时完成值 ≤ 0 即达标",
        "{A} ≤ 0: with a target of 0, an actual ≤ 0 meets it",
    ),
    ("note.negative", "完成值 {A} 为负数，按规则计为 0", "the actual {A} is negative, scored as 0"),
    # A note the scoring adds after a text, bracketed; tried after every other template.
    # -- missed targets (未达标) -----------------------------------------------------------
    ("formula.proportional", "A ÷ T × W", "A ÷ T × W"),
    ("formula.reverse_ratio", "T ÷ A × W", "T ÷ A × W"),
    ("formula.reverse_linear", "W × (2 − A ÷ T)", "W × (2 − A ÷ T)"),
    ("formula.symmetric", "W × max(0, 1 − |A − T| ÷ |T|)", "W × max(0, 1 − |A − T| ÷ |T|)"),
    ("formula.zero", "0", "0"),
    ("formula.twice", "A ≥ 2T 得 0", "0 when A ≥ 2T"),
    ("missed.proportional", "{value} {eq} {A} ÷ {T} × {W}", "{value} {eq} {A} ÷ {T} × {W}"),
    ("missed.reverse_ratio", "{value} {eq} {T} ÷ {A} × {W}", "{value} {eq} {T} ÷ {A} × {W}"),
    (
        "missed.reverse_linear",
        "{value} {eq} {W} × (2 − {A} ÷ {T})",
        "{value} {eq} {W} × (2 − {A} ÷ {T})",
    ),
    (
        "missed.symmetric",
        "{value} {eq} {W} × max(0, 1 − |{A} − {T}| ÷ {absT})",
        "{value} {eq} {W} × max(0, 1 − |{A} − {T}| ÷ {absT})",
    ),
    (
        "missed.zero_target_exceeded",
        "0 = 目标值为0，完成值 {A} ＞ 0",
        "0 = the target is 0 and the actual {A} > 0",
    ),
    (
        "missed.twice",
        "0 = 完成值 {A} ≥ 2 × {T}，超出一倍及以上不得分",
        "0 = the actual {A} ≥ 2 × {T}: twice the target or more scores nothing",
    ),
    (
        "missed.negative_proportion",
        "0 = 完成值 {A} 为负数，按比例不得分（{A} ÷ {T} × {W} = {raw}）",
        "0 = the actual {A} is negative: nothing in proportion ({A} ÷ {T} × {W} = {raw})",
    ),
    (
        "missed.out_of_range",
        "公式 {formula} 得 {raw}，不在 0 与权重 {W} 之间，无法按规则计分",
        "the formula {formula} gives {raw}, not between 0 and the weight {W}: "
        "not computable by the rule",
    ),
    (
        "missed.no_rule",
        "未达标（{relation}）；{why}，规则未规定计分办法，无法按规则计分",
        "missed ({relation}); {why}, and the rules say nothing of this case: "
        "not computable by the rule",
    ),
    (
        "why.target_not_positive",
        "目标值 {T} 不是正数，A ÷ T 无意义",
        "the target {T} is not positive, so A ÷ T means nothing",
    ),
    (
        "why.negative_target",
        "目标值 {T} 为负数，T ÷ A 无意义",
        "the target {T} is negative, so T ÷ A means nothing",
    ),
    ("why.zero_actual", "完成值为0，T ÷ A 无意义", "the actual is 0, so T ÷ A means nothing"),
    (
        "why.zero_target_symmetric",
        "目标值为0，|A − T| ÷ |T| 无意义",
        "the target is 0, so |A − T| ÷ |T| means nothing",
    ),
    ("why.zero_target", "目标值为0，A ÷ T 无意义", "the target is 0, so A ÷ T means nothing"),
    (
        "why.equal_linear",
        "完成值等于目标值却未达标，线性扣分会得满分",
        "the actual equals the target yet misses it; the linear deduction would give full marks",
    ),
    (
        "why.equal_proportional",
        "完成值等于目标值却未达标，按比例计分会得满分",
        "the actual equals the target yet misses it; scoring in proportion would give full marks",
    ),
    # -- a part of another row (其中) ------------------------------------------------------
    (
        "part",
        "分项，计入 indicators[{parent}]，不另计入合计"
        " (a part of indicators[{parent}], not counted again)；{status}：{inner}",
        "a part of indicators[{parent}], not counted again in the total; {status}: {inner}",
    ),
    # -- totals (合计) --------------------------------------------------------------------
    ("total.formula", "Σ 各行得分", "Σ line scores"),
    (
        "total.formula_rescaled",
        "Σ 适用指标得分 × 满分 ÷ 适用指标满分",
        "Σ applicable scores × maximum ÷ applicable maximum",
    ),
    (
        "total.formula_excluded",
        "Σ 适用指标得分，满分为适用指标分值之和",
        "Σ applicable scores, out of the applicable weights",
    ),
    ("total.sum", "{total} {eq} {terms}", "{total} {eq} {terms}"),
    (
        "total.rescaled",
        "{total} {eq} ({terms}) × {present} ÷ {applicable}",
        "{total} {eq} ({terms}) × {present} ÷ {applicable}",
    ),
    (
        "total.excluded",
        "不适用指标 {excluded} 分剔除，满分 {maximum}",
        "{excluded} points of non-applicable indicators left out, out of {maximum}",
    ),
    (
        "total.rounded_lines",
        "各行得分为四舍五入到 {places} 位后的值",
        "the line scores are rounded half up to {places} places",
    ),
    (
        "total.missing",
        "{path} 既无规则得分也无填报得分，无法合计 (a line has no score)",
        "{path} has neither a rule score nor a reported score: no total",
    ),
    (
        "total.none",
        "表中没有可计分的行，只有填报的综合得分 (no scored rows; only a reported total)",
        "no scored rows; only a reported total",
    ),
    # -- grading (等级) -------------------------------------------------------------------
    ("grading.no_total", "合计无法计算，不评定等级", "no total: not graded"),
    (
        "grading.bands",
        "按 {rules} 等级分档（满分 {full}）评定",
        "graded by the {rules} bands (out of {full})",
    ),
    (
        "grading.normalised",
        "满分 {maximum} 折算为 {full} 分制：{graded} ≈ {total} × {full} ÷ {maximum}",
        "out of {maximum}, normalised to {full}: {graded} ≈ {total} × {full} ÷ {maximum}",
    ),
    (
        "grading.not_gradable",
        "满分 {maximum} 不是 {rules} 等级分档所依据的 {full} 分，规则未规定折算办法，"
        "不评定等级 (not gradable)",
        "out of {maximum}, not the {full} the {rules} bands are defined on, and the rules "
        "give no normalisation: not graded",
    ),
    # -- department dimensions (维度) -----------------------------------------------------
    ("dimension.formula", "Σ 下级得分", "Σ sub-item scores"),
    ("dimension.missing", "下级缺少得分", "a sub-item has no score"),
    (
        "dimension.rounded",
        "{value} ≈ {text}（四舍五入到 {places} 位）",
        "{value} ≈ {text} (rounded half up to {places} places)",
    ),
    ("dimension.judgement", "得分应在 0–{W} 之间", "the score should be between 0 and {W}"),
    (
        "step.full_no_rise",
        "{W} = 满分（上年 0，本年 {current}，未增长）",
        "{W} = full marks (0 last year, {current} this year: no rise)",
    ),
    (
        "step.unbounded",
        "0 = 上年 0，本年 {current}：增长幅度无上限，扣完为止",
        "0 = 0 last year, {current} this year: the rise has no bound, every point is deducted",
    ),
    (
        "step.full",
        "{W} = 满分（{rate}% ≤ {threshold}%）",
        "{W} = full marks ({rate}% ≤ {threshold}%)",
    ),
    (
        "step.deducted",
        "{value} = {W} − ({rate} − {threshold}) × {step} × {W}",
        "{value} = {W} − ({rate} − {threshold}) × {step} × {W}",
    ),
    (
        "rate.zero_denominator",
        "分母为零，不适用 (denominator is zero: not applicable)",
        "denominator is zero: not applicable",
    ),
    (
        "rate.missing_denominator",
        "缺少分母，不适用 (denominator missing: not applicable)",
        "denominator missing: not applicable",
    ),
    (
        "rate.missing_numerator",
        "缺少分子，不适用 (numerator missing: not applicable)",
        "numerator missing: not applicable",
    ),
    # -- what is added after a text: tried after every template above ---------------------
    ("with_note", "{text}（{note}）", "{text} ({note})"),
    ("notes", "{first}；{second}", "{first}; {second}"),
)

TEMPLATES: Final[Mapping[str, Template]] = {key: Template(key, zh, en) for key, zh, en in _FORMS}
"""Every explanation sentence by key, in the order recognition tries them."""

_ORDER: Final = tuple(TEMPLATES.values())


def recognise(text: str) -> tuple[Template, dict[str, str]] | None:
    """The template ``text`` was written from and its parameters, or None.

    Of the templates whose pattern matches the whole text, the one whose reading leaves the
    least Chinese unrecognised in its nested sentences wins (the first in table order among
    equals): a text one template reads only by leaving a nested part unread yields to one
    that reads it all.
    """
    template, params, _ = _read(text)
    return None if template is None else (template, params)


@functools.lru_cache(maxsize=4096)
def _read(text: str) -> tuple[Template | None, dict[str, str], int]:
    """The best reading of ``text``: (template, parameters, how many Chinese characters it
    leaves unread); (None, {}, all of them) when no template matches."""
    best: tuple[Template | None, dict[str, str], int] = (None, {}, len(_HAN.findall(text)))
    if len(text) > _LONGEST or text.count("（") > _DEEPEST:
        return best  # longer or deeper than any text scoring writes: not one of ours
    for template in _ORDER:
        match = template.pattern.fullmatch(text)
        if match is None:
            continue
        params = match.groupdict()
        nested = [_read(value) for name, value in params.items() if _KINDS[name] in _NESTING]
        # A reading whose every nested sentence is unread would only change the brackets
        # of a text it does not know ("按专家评议打分（见附件）"): no reading.
        if nested and all(found is None for found, _, _ in nested):
            continue
        unread = sum(count for _, _, count in nested)
        if best[0] is None or unread < best[2]:
            best = (template, params, unread)
            if not unread:
                break
    return best


_NESTING: Final = frozenset((_TEXT, _CLAUSE))
_DEEPEST: Final = 32
"""More brackets than this and a text is not read (its recognition would nest as deep)."""
_LONGEST: Final = 50_000
"""A longer text is not read: a pattern with two free parts may try every pair of places."""

_HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _english_param(name: str, value: str) -> str:
    kind = _KINDS[name]
    if kind in _NESTING:
        return english(value)
    if kind == _SYMBOL:
        return _SYMBOL_EN.get(value, value)
    if kind == _STATUS:
        return STATUS_EN.get(value, value)
    if kind == _GRADE:
        return GRADE_EN.get(value, value)
    return value  # a figure or the document's own word, as printed


@functools.lru_cache(maxsize=4096)
def english(text: str) -> str:
    """An explanation text in English: recognised by a template and its English form filled
    with the same figures; a text no template recognises as it is."""
    found = recognise(text)
    if found is None:
        return text
    template, params = found
    return template.en(**{name: _english_param(name, value) for name, value in params.items()})


def explanation_in(text: str, locale: str) -> str:
    """An explanation text (Chinese, as scoring writes it) in ``locale``."""
    if locale.lower().startswith("zh"):
        return text
    return english(text)
