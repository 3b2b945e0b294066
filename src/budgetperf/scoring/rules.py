"""Scoring rules as data (评分规则): one :class:`RuleSet` per reading of the sources.

Where the sources disagree (docs/scoring.md, from the project's domain reference §1), each
reading is a named rule set rather than a silent choice::

    >>> sorted(RULE_SETS)[:3]
    ['equal-symmetric', 'grades-80-70-60', 'guangxi']
    >>> get_rules("national").grade_for(Decimal("89.99")).value
    '良'

Users build their own from plain data, without subclassing::

    >>> mine = RuleSet.from_dict({"name": "mine", "base": "national",
    ...                           "comparators": {"≤": "reverse_linear"}})
    >>> mine.comparators[Comparator.LE].formula.value
    'reverse_linear'
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, final

import attrs

from budgetperf.errors import BudgetPerfError, RuleError
from budgetperf.model import _fields as f
from budgetperf.model.indicators import Comparator, Grade, QualitativeGrade
from budgetperf.money import Rounding, to_decimal

__all__ = [
    "RULE_SETS",
    "ComparatorFormula",
    "ComparatorRule",
    "ExecutionRule",
    "GradeBand",
    "NonApplicablePolicy",
    "OffMaximumPolicy",
    "OverCompletionRule",
    "QualitativeBand",
    "RuleSet",
    "WeightLayout",
    "default_rules_for",
    "get_rules",
    "rules_for_layout",
]


class ComparatorFormula(enum.Enum):
    """How a quantitative indicator scores when its target is missed (未达标计分公式)."""

    PROPORTIONAL = "proportional"
    """W·A/T (正向: 按完成比例)."""
    REVERSE_RATIO = "reverse_ratio"
    """W·T/A (反向: 按目标与实际之比)."""
    REVERSE_LINEAR = "reverse_linear"
    """W·max(0, 2 − A/T) (反向: 每超出目标 1 % 扣 1 %; S8 selfreverseindex)."""
    EQUAL_AS_GE = "equal_as_ge"
    """＝ scored like ≥: W when A ≥ T, else W·A/T (S8 selfequalindex)."""
    EQUAL_SYMMETRIC = "equal_symmetric"
    """＝ scored symmetrically: W·max(0, 1 − |A − T|/T)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class ComparatorRule:
    """The rule for one comparator.

    Attributes:
        formula: the score formula when the target is missed.
        equality_meets: for ＞ and ＜, whether A = T counts as meeting the target.
        source: where this reading of the comparator is stated (as data, so that a rule
            found only in a local note says so).
    """

    formula: ComparatorFormula
    equality_meets: bool = True
    source: str = ""


@final
@attrs.frozen(slots=True, kw_only=True)
class ExecutionRule:
    """Budget-execution rule (预算执行率计分规则).

    Attributes:
        denominator: ``"adjusted"`` (调整后/全年预算数) or ``"initial"`` (年初预算数).
        cap: whether the score is capped at the weight when execution exceeds the budget.
        compare_places: when set, the rate is rounded to this many places of a percent
            (as the report prints it) before scoring; None scores the exact rate.
        reason_below: rates below this fraction need a written reason (0.9 in Sichuan);
            None when the rule set asks for none.
        zero_budget: ``"not_applicable"`` (the row is not scored) or ``"zero"`` (scores 0, as
            the vendor system's budget-of-zero-treated-as-one does).
    """

    denominator: str = "adjusted"
    cap: bool = True
    compare_places: int | None = None
    reason_below: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    zero_budget: str = "not_applicable"

    def __attrs_post_init__(self) -> None:
        if self.denominator not in ("adjusted", "initial"):
            raise RuleError(
                "执行率分母只能是 adjusted 或 initial",
                "denominator must be adjusted or initial",
                field="execution.denominator",
                value=self.denominator,
                expected="'adjusted' or 'initial'",
            )
        if self.zero_budget not in ("not_applicable", "zero"):
            raise RuleError(
                "零预算处理方式有误",
                "bad zero-budget policy",
                field="execution.zero_budget",
                value=self.zero_budget,
                expected="'not_applicable' or 'zero'",
            )


@final
@attrs.frozen(slots=True, kw_only=True)
class QualitativeBand:
    """The share of the weight a qualitative grade may score (定性指标分档).

    Attributes:
        grade: the achievement grade.
        low: lowest share of the weight (inclusive).
        high: highest share (inclusive only for the top band, 100 %).
    """

    grade: QualitativeGrade
    low: Decimal = attrs.field(validator=f.finite_decimal)
    high: Decimal = attrs.field(validator=f.finite_decimal)


@final
@attrs.frozen(slots=True, kw_only=True)
class OverCompletionRule:
    """Handling of actuals far above target (超额完成).

    Attributes:
        note_ratio: A ≥ note_ratio·T requires a deviation note (广西: 1.3); None: no rule.
        zero_target_note_at: with T = 0, the actual from which a note is required (广西: 30).
        flag_ratio: A ≥ flag_ratio·T is reported as "target possibly set too low" (info).
    """

    note_ratio: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    zero_target_note_at: Decimal | None = attrs.field(default=None, validator=f.optional_decimal)
    flag_ratio: Decimal | None = attrs.field(default=Decimal("1.5"), validator=f.optional_decimal)


class NonApplicablePolicy(enum.Enum):
    """What happens to indicators marked not applicable (不适用指标)."""

    EXCLUDE = "exclude"
    """Dropped; the total is out of the remaining maximum."""
    RESCALE = "rescale"
    """Dropped, and the applicable scores are rescaled to the full maximum (S12)."""


class OffMaximumPolicy(enum.Enum):
    """How a total out of another maximum than the rule set's is graded (满分不是100时)."""

    NOT_GRADABLE = "not_gradable"
    """No grade: the bands are defined on the rule set's maximum only."""
    NORMALISE = "normalise"
    """Graded on total × rule maximum ÷ table maximum (折算为百分制)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class WeightLayout:
    """Expected weight layout (权重结构).

    Attributes:
        execution: points of the budget-execution row (10).
        indicators: points of all indicators together (90).
        level1: expected points per 一级指标, when the layout fixes them (empty: free).
        cost_as_level1: whether 成本指标 is a 一级 of its own (Sichuan, 财预〔2021〕101号)
            rather than a 二级 under 产出.
    """

    execution: Decimal = attrs.field(default=Decimal(10), validator=f.finite_decimal)
    indicators: Decimal = attrs.field(default=Decimal(90), validator=f.finite_decimal)
    level1: tuple[tuple[str, Decimal], ...] = ()
    cost_as_level1: bool = False

    @property
    def total(self) -> Decimal:
        """The full score (100)."""
        return self.execution + self.indicators


@final
@attrs.frozen(slots=True, kw_only=True)
class GradeBand:
    """A grade and the lowest total that earns it (inclusive)."""

    grade: Grade
    minimum: Decimal = attrs.field(validator=f.finite_decimal)


_DEFAULT_QUALITATIVE: Final = (
    QualitativeBand(grade=QualitativeGrade.ACHIEVED, low=Decimal("0.8"), high=Decimal(1)),
    QualitativeBand(
        grade=QualitativeGrade.PARTLY_ACHIEVED, low=Decimal("0.6"), high=Decimal("0.8")
    ),
    QualitativeBand(grade=QualitativeGrade.NOT_ACHIEVED, low=Decimal(0), high=Decimal("0.6")),
)

_NATIONAL_GRADES: Final = (
    GradeBand(grade=Grade.EXCELLENT, minimum=Decimal(90)),
    GradeBand(grade=Grade.GOOD, minimum=Decimal(80)),
    GradeBand(grade=Grade.FAIR, minimum=Decimal(60)),
    GradeBand(grade=Grade.POOR, minimum=Decimal(0)),
)


# Shared immutable defaults (frozen records, so sharing them is safe).
_DEFAULT_EXECUTION: Final = ExecutionRule()
_DEFAULT_OVER_COMPLETION: Final = OverCompletionRule()
_TWO_PLACES: Final = Rounding(2)
_DEFAULT_WEIGHTS: Final = WeightLayout()


_S1 = "财政部《项目支出绩效评价管理办法》财预〔2020〕10号 附件1 (recalled; grades confirmed by 预算司)"
_S8 = "预算管理一体化 vendor performance module, rule table PERF_T_WARNSET (practice, not law)"
_S12 = "地方项目支出绩效自评表填报说明 (issuer unknown)"
_S1_PROPORTIONAL = _S1 + ": 未达标按完成比例计分"
# 财预〔2020〕10号 says only "按比例" for a missed reverse target; W·T/A is written out
# only in a local filling note, so the rule names that note, not the national document.
_S12_REVERSE = _S12 + ": 反向指标 W·T/A (the national document gives no formula)"
_S8_EQUAL = _S8 + " selfequalindex / selfindexequalzero"
_S8_REVERSE = _S8 + " selfreverseindex"


def _comparators(**changes: ComparatorRule) -> Mapping[Comparator, ComparatorRule]:
    rules = {
        Comparator.GE: ComparatorRule(
            formula=ComparatorFormula.PROPORTIONAL, source=_S1_PROPORTIONAL
        ),
        Comparator.GT: ComparatorRule(
            formula=ComparatorFormula.PROPORTIONAL, source=_S1_PROPORTIONAL
        ),
        Comparator.LE: ComparatorRule(formula=ComparatorFormula.REVERSE_RATIO, source=_S12_REVERSE),
        Comparator.LT: ComparatorRule(formula=ComparatorFormula.REVERSE_RATIO, source=_S12_REVERSE),
        Comparator.EQ: ComparatorRule(formula=ComparatorFormula.EQUAL_AS_GE, source=_S8_EQUAL),
    }
    for name, rule in changes.items():
        rules[Comparator[name]] = rule
    return types.MappingProxyType(rules)


def _freeze_comparators(
    value: Mapping[Comparator, ComparatorRule],
) -> Mapping[Comparator, ComparatorRule]:
    return types.MappingProxyType(dict(value))


@final
@attrs.frozen(slots=True, kw_only=True)
class RuleSet:
    """A complete, named set of scoring rules with its source and year (评分规则集).

    Attributes:
        name: identifier (``"national"``).
        title: a Chinese description.
        source: the documents it follows.
        year: the year of the source (or of the reading).
        execution: the budget-execution rule.
        comparators: one rule per quantitative comparator.
        qualitative: the bands a qualitative score must fall in.
        over_completion: handling of actuals far above target.
        non_applicable: what happens to indicators marked not applicable.
        rounding: rounding of each score and of the total (2 places, 四舍五入).
        weights: the expected weight layout.
        grades: grade bands, highest first, defined on ``weights.total``.
        off_maximum: how a table whose weights add to another maximum is graded.
        negative_actual_as_zero: a negative actual is scored as 0 (S8 does so); otherwise
            actuals are scored as printed, negative ones included.
    """

    name: str
    title: str = ""
    source: str = ""
    year: int | None = None
    execution: ExecutionRule = _DEFAULT_EXECUTION
    comparators: Mapping[Comparator, ComparatorRule] = attrs.field(
        factory=_comparators, converter=_freeze_comparators
    )
    qualitative: tuple[QualitativeBand, ...] = _DEFAULT_QUALITATIVE
    over_completion: OverCompletionRule = _DEFAULT_OVER_COMPLETION
    non_applicable: NonApplicablePolicy = NonApplicablePolicy.EXCLUDE
    rounding: Rounding = _TWO_PLACES
    weights: WeightLayout = _DEFAULT_WEIGHTS
    grades: tuple[GradeBand, ...] = _NATIONAL_GRADES
    off_maximum: OffMaximumPolicy = OffMaximumPolicy.NOT_GRADABLE
    negative_actual_as_zero: bool = False

    def __attrs_post_init__(self) -> None:
        missing = [
            c.value
            for c in Comparator
            if c is not Comparator.QUALITATIVE and c not in self.comparators
        ]
        if missing:
            raise RuleError(
                "规则集缺少比较符的计分规则",
                "rule set lacks comparator rules",
                field="comparators",
                value=missing,
                expected="a rule for each of ＝ ≥ ≤ ＞ ＜",
            )
        minimums = [band.minimum for band in self.grades]
        order = [band.grade for band in self.grades]
        if (
            not minimums
            or minimums != sorted(minimums, reverse=True)
            or minimums[-1] != 0
            or order != sorted(order, key=list(Grade).index)
        ):
            raise RuleError(
                "等级分档必须从高到低排列并以 0 结束",
                "grade bands must descend and end at 0",
                field="grades",
                value=[str(m) for m in minimums],
                expected="e.g. 90, 80, 60, 0",
            )
        for band in self.qualitative:
            if not (0 <= band.low <= band.high <= 1):
                raise RuleError(
                    "定性分档应在 0 到 1 之间",
                    "qualitative band outside 0..1",
                    field="qualitative",
                    value=(str(band.low), str(band.high)),
                    expected="0 ≤ low ≤ high ≤ 1",
                )

    @property
    def bands_text(self) -> str:
        """The grade bands as a reader writes them: "优≥90、良≥80、中≥60、差<60".

        >>> get_rules("grades-80-70-60").bands_text
        '优≥80、良≥70、中≥60、差<60'
        """
        shown = []
        for band, above in zip(self.grades, (None, *self.grades), strict=False):
            if band.minimum > 0 or above is None:
                shown.append(f"{band.grade.value}≥{band.minimum}")
            else:
                shown.append(f"{band.grade.value}<{above.minimum}")
        return "、".join(shown)

    def grade_for(self, total: Decimal) -> Grade:
        """The grade a total earns under these bands."""
        for band in self.grades:
            if total >= band.minimum:
                return band.grade
        return self.grades[-1].grade

    def band_for(self, grade: QualitativeGrade) -> QualitativeBand:
        """The band of a qualitative grade."""
        for band in self.qualitative:
            if band.grade is grade:
                return band
        raise RuleError(
            "规则集缺少该定性等级的分档",
            "rule set has no band for this grade",
            field="qualitative",
            value=grade.value,
            expected="a band for each grade",
        )

    # -- plain data ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The rule set as plain data (strings, numbers, lists), inverse of :meth:`from_dict`."""
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "year": self.year,
            "execution": {
                "denominator": self.execution.denominator,
                "cap": self.execution.cap,
                "compare_places": self.execution.compare_places,
                "reason_below": _text(self.execution.reason_below),
                "zero_budget": self.execution.zero_budget,
            },
            "comparators": {
                c.value: {
                    "formula": r.formula.value,
                    "equality_meets": r.equality_meets,
                    "source": r.source,
                }
                for c, r in self.comparators.items()
            },
            "qualitative": [
                {"grade": b.grade.value, "low": str(b.low), "high": str(b.high)}
                for b in self.qualitative
            ],
            "over_completion": {
                "note_ratio": _text(self.over_completion.note_ratio),
                "zero_target_note_at": _text(self.over_completion.zero_target_note_at),
                "flag_ratio": _text(self.over_completion.flag_ratio),
            },
            "non_applicable": self.non_applicable.value,
            "rounding": self.rounding.places,
            "weights": {
                "execution": str(self.weights.execution),
                "indicators": str(self.weights.indicators),
                "level1": {name: str(points) for name, points in self.weights.level1},
                "cost_as_level1": self.weights.cost_as_level1,
            },
            "grades": {band.grade.value: str(band.minimum) for band in self.grades},
            "off_maximum": self.off_maximum.value,
            "negative_actual_as_zero": self.negative_actual_as_zero,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleSet:
        """A rule set from plain data; ``"base"`` names a rule set to start from.

        Keys are those of :meth:`to_dict`; any may be left out to keep the base's value.
        A comparator may be given as a formula name alone (``{"≤": "reverse_linear"}``).

        Raises:
            RuleError: unknown keys, names or values, naming the key.
        """
        try:
            return _from_dict(data)
        except RuleError:
            raise
        except BudgetPerfError as exc:
            raise RuleError(
                exc.zh, exc.en, field=exc.field, value=exc.value, expected=exc.expected
            ) from exc
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise RuleError(
                "评分规则数据有误",
                f"malformed rule set data: {exc}",
                value=str(exc),
                expected="the keys and values documented in docs/scoring.md",
            ) from exc


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(value: object, key: str) -> Decimal:
    try:
        return to_decimal(value, field=key)
    except BudgetPerfError as exc:
        raise RuleError(
            "规则参数应为数字",
            "a rule parameter must be a number",
            field=key,
            value=value,
            expected="a decimal number as str or int",
        ) from exc


def _optional_number(value: object, key: str) -> Decimal | None:
    return None if value is None else _number(value, key)


_TOP_KEYS: Final = frozenset(
    {
        "name",
        "base",
        "title",
        "source",
        "year",
        "execution",
        "comparators",
        "qualitative",
        "over_completion",
        "non_applicable",
        "rounding",
        "weights",
        "grades",
        "off_maximum",
        "negative_actual_as_zero",
    }
)


def _check_keys(data: Mapping[str, Any], allowed: frozenset[str] | set[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise RuleError(
            "规则数据应为映射",
            "rule data must be a mapping",
            field=where,
            value=data,
            expected="a dict",
        )
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise RuleError(
            "未知的规则键",
            "unknown rule key",
            field=where,
            value=unknown,
            expected=", ".join(sorted(allowed)),
        )


_E = TypeVar("_E", bound=enum.Enum)


def _member(kind: type[_E], value: object, key: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        raise RuleError(
            "规则取值不在可选范围内",
            "a rule value outside its choices",
            field=key,
            value=value,
            expected=", ".join(str(m.value) for m in kind),
        ) from None


def _from_dict(data: Mapping[str, Any]) -> RuleSet:
    _check_keys(data, _TOP_KEYS, "$")
    base = get_rules(data["base"]) if "base" in data else RuleSet(name="_")
    if "name" not in data or not isinstance(data["name"], str) or not data["name"]:
        raise RuleError(
            "规则集需要名称",
            "a rule set needs a name",
            field="name",
            value=data.get("name"),
            expected="a non-empty string",
        )
    changes: dict[str, Any] = {"name": data["name"]}
    for key in ("title", "source"):
        if key in data:
            changes[key] = str(data[key])
    if "year" in data:
        changes["year"] = None if data["year"] is None else int(data["year"])
    if "execution" in data:
        raw = data["execution"]
        _check_keys(
            raw,
            {"denominator", "cap", "compare_places", "reason_below", "zero_budget"},
            "execution",
        )
        current = base.execution
        changes["execution"] = ExecutionRule(
            denominator=raw.get("denominator", current.denominator),
            cap=bool(raw.get("cap", current.cap)),
            compare_places=raw.get("compare_places", current.compare_places),
            reason_below=_optional_number(raw["reason_below"], "execution.reason_below")
            if "reason_below" in raw
            else current.reason_below,
            zero_budget=raw.get("zero_budget", current.zero_budget),
        )
    if "comparators" in data:
        raw = data["comparators"]
        _check_keys(
            raw,
            {c.value for c in Comparator if c is not Comparator.QUALITATIVE}
            | {c.name for c in Comparator},
            "comparators",
        )
        rules = dict(base.comparators)
        for key, spec in raw.items():
            comparator = Comparator[key] if key in Comparator.__members__ else Comparator(key)
            if isinstance(spec, str):
                spec = {"formula": spec}
            _check_keys(spec, {"formula", "equality_meets", "source"}, f"comparators.{key}")
            try:
                formula = ComparatorFormula(spec.get("formula", rules[comparator].formula.value))
            except ValueError:
                raise RuleError(
                    "未知的计分公式",
                    "unknown score formula",
                    field=f"comparators.{key}.formula",
                    value=spec.get("formula"),
                    expected=", ".join(f.value for f in ComparatorFormula),
                ) from None
            rules[comparator] = ComparatorRule(
                formula=formula,
                equality_meets=bool(spec.get("equality_meets", rules[comparator].equality_meets)),
                # A changed formula no longer has the base's source unless one is given.
                source=str(
                    spec.get(
                        "source",
                        rules[comparator].source
                        if formula is rules[comparator].formula
                        else data.get("source", ""),
                    )
                ),
            )
        changes["comparators"] = rules
    if "qualitative" in data:
        changes["qualitative"] = tuple(
            QualitativeBand(
                grade=QualitativeGrade(b["grade"]),
                low=_number(b["low"], "qualitative.low"),
                high=_number(b["high"], "qualitative.high"),
            )
            for b in data["qualitative"]
        )
    if "over_completion" in data:
        raw = data["over_completion"]
        _check_keys(raw, {"note_ratio", "zero_target_note_at", "flag_ratio"}, "over_completion")
        current_oc = base.over_completion
        changes["over_completion"] = OverCompletionRule(
            note_ratio=_optional_number(raw["note_ratio"], "over_completion.note_ratio")
            if "note_ratio" in raw
            else current_oc.note_ratio,
            zero_target_note_at=_optional_number(
                raw["zero_target_note_at"], "over_completion.zero_target_note_at"
            )
            if "zero_target_note_at" in raw
            else current_oc.zero_target_note_at,
            flag_ratio=_optional_number(raw["flag_ratio"], "over_completion.flag_ratio")
            if "flag_ratio" in raw
            else current_oc.flag_ratio,
        )
    if "non_applicable" in data:
        changes["non_applicable"] = _member(
            NonApplicablePolicy, data["non_applicable"], "non_applicable"
        )
    if "off_maximum" in data:
        changes["off_maximum"] = _member(OffMaximumPolicy, data["off_maximum"], "off_maximum")
    if "negative_actual_as_zero" in data:
        changes["negative_actual_as_zero"] = bool(data["negative_actual_as_zero"])
    if "rounding" in data:
        changes["rounding"] = Rounding(int(data["rounding"]))
    if "weights" in data:
        raw = data["weights"]
        _check_keys(raw, {"execution", "indicators", "level1", "cost_as_level1"}, "weights")
        current_w = base.weights
        changes["weights"] = WeightLayout(
            execution=_number(raw.get("execution", current_w.execution), "weights.execution"),
            indicators=_number(raw.get("indicators", current_w.indicators), "weights.indicators"),
            level1=tuple(
                (str(k), _number(v, f"weights.level1.{k}"))
                for k, v in raw.get("level1", dict(current_w.level1)).items()
            ),
            cost_as_level1=bool(raw.get("cost_as_level1", current_w.cost_as_level1)),
        )
    if "grades" in data:
        raw = data["grades"]
        if not isinstance(raw, Mapping):
            raise RuleError(
                "等级分档应为映射",
                "grades must be a mapping",
                field="grades",
                value=raw,
                expected='{"优": "90", "良": "80", "中": "60", "差": "0"}',
            )
        bands = [
            GradeBand(grade=Grade.parse(k), minimum=_number(v, f"grades.{k}"))
            for k, v in raw.items()
        ]
        changes["grades"] = tuple(sorted(bands, key=lambda b: list(Grade).index(b.grade)))
    return attrs.evolve(base, **changes)


# -- the shipped rule sets -------------------------------------------------------------

NATIONAL: Final = RuleSet(
    name="national",
    title="全国通用：执行率10分+指标90分（产出50、效益30、满意度10）；正向按比例、反向按目标/实际；优≥90 良≥80 中≥60",
    source=_S1,
    year=2020,
    # 财预〔2020〕10号 for unit self-evaluation; "may be adjusted in special cases", so a
    # different layout is reported as info only.
    weights=WeightLayout(
        level1=(("产出指标", Decimal(50)), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10)))
    ),
)

RULE_SETS: Final[Mapping[str, RuleSet]] = types.MappingProxyType(
    {
        rule.name: rule
        for rule in (
            NATIONAL,
            attrs.evolve(
                NATIONAL,
                name="reverse-linear",
                title="反向指标按 W·max(0, 2 − A/T) 计分（超出目标1%扣1%）",
                source=_S8 + " selfreverseindex",
                comparators=_comparators(
                    LE=ComparatorRule(formula=ComparatorFormula.REVERSE_LINEAR, source=_S8_REVERSE),
                    LT=ComparatorRule(formula=ComparatorFormula.REVERSE_LINEAR, source=_S8_REVERSE),
                ),
            ),
            attrs.evolve(
                NATIONAL,
                name="equal-symmetric",
                title="＝指标按偏离程度对称扣分 W·max(0, 1 − |A − T|/T)",
                source="budgetperf reading of " + _S1,
                comparators=_comparators(
                    EQ=ComparatorRule(
                        formula=ComparatorFormula.EQUAL_SYMMETRIC,
                        source="budgetperf reading: |A − T| ÷ |T| deducted, either direction",
                    )
                ),
            ),
            attrs.evolve(
                NATIONAL,
                name="strict-inequality",
                title="＞/＜ 严格比较：实际等于目标不算达标",
                source="budgetperf reading of " + _S1,
                comparators=_comparators(
                    GT=ComparatorRule(
                        formula=ComparatorFormula.PROPORTIONAL,
                        equality_meets=False,
                        source=_S1_PROPORTIONAL,
                    ),
                    LT=ComparatorRule(
                        formula=ComparatorFormula.REVERSE_RATIO,
                        equality_meets=False,
                        source=_S12_REVERSE,
                    ),
                ),
            ),
            attrs.evolve(
                NATIONAL,
                name="grades-80-70-60",
                title="等级分档 优≥80 良≥70 中≥60 差<60",
                source=_S8 + " selfresultproject / selfresultdept",
                grades=(
                    GradeBand(grade=Grade.EXCELLENT, minimum=Decimal(80)),
                    GradeBand(grade=Grade.GOOD, minimum=Decimal(70)),
                    GradeBand(grade=Grade.FAIR, minimum=Decimal(60)),
                    GradeBand(grade=Grade.POOR, minimum=Decimal(0)),
                ),
            ),
            attrs.evolve(
                NATIONAL,
                name="guangxi",
                title="广西：实际完成值 ≥ 1.3 倍目标值须说明偏差原因（目标为0时实际 ≥ 30）",
                source=_S8 + " actualValueCheck (广西)",
                over_completion=OverCompletionRule(
                    note_ratio=Decimal("1.3"),
                    zero_target_note_at=Decimal(30),
                    flag_ratio=Decimal("1.3"),
                ),
            ),
            attrs.evolve(
                NATIONAL,
                name="sichuan-2023",
                title="四川2023：预算执行10分（调整后预算为分母，低于90%须说明原因）+绩效指标90分，成本指标为一级",
                source="四川省 部门预算项目支出绩效自评表（2023年度）510000_0013zp",
                year=2023,
                execution=ExecutionRule(reason_below=Decimal("0.9")),
                # No fixed split of the 90 points among the 一级; 成本指标 is a 一级 of its own.
                weights=WeightLayout(cost_as_level1=True),
            ),
            attrs.evolve(
                NATIONAL,
                name="rescale-non-applicable",
                title="不适用指标剔除后按适用指标得分折算为满分",
                source=_S12,
                non_applicable=NonApplicablePolicy.RESCALE,
            ),
            attrs.evolve(
                NATIONAL,
                name="integrated-system",
                title="一体化系统做法：执行率不封顶、零预算得0分、负的完成值按0计、反向线性扣分、＝按正向计",
                source=_S8,
                execution=ExecutionRule(cap=False, zero_budget="zero"),
                comparators=_comparators(
                    LE=ComparatorRule(formula=ComparatorFormula.REVERSE_LINEAR, source=_S8_REVERSE),
                    LT=ComparatorRule(formula=ComparatorFormula.REVERSE_LINEAR, source=_S8_REVERSE),
                ),
                negative_actual_as_zero=True,
            ),
        )
    }
)
"""Every shipped rule set by name."""


def get_rules(name: str | RuleSet | None = None) -> RuleSet:
    """The rule set named ``name`` (``None``: national); a RuleSet is returned as is.

    Raises:
        RuleError: no rule set has that name.
    """
    if name is None:
        return NATIONAL
    if isinstance(name, RuleSet):
        return name
    try:
        return RULE_SETS[name]
    except KeyError:
        raise RuleError(
            "未知的评分规则集",
            "unknown rule set",
            field="rules",
            value=name,
            expected=", ".join(sorted(RULE_SETS)),
        ) from None


LAYOUT_RULES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "sichuan-2023": "sichuan-2023",
    }
)
"""The rule set a document's layout implies when none is asked for (others: national)."""


def default_rules_for(document: object, rules: RuleSet | str | None = None) -> RuleSet:
    """``rules`` when given, else the rule set of the document's ``layout`` (else national)."""
    return rules_for_layout(getattr(document, "layout", ""), rules)


def rules_for_layout(layout: str, rules: RuleSet | str | None = None) -> RuleSet:
    """``rules`` when given, else the rule set a layout implies (else national)."""
    if rules is not None:
        return get_rules(rules)
    return get_rules(LAYOUT_RULES.get(layout, "national"))
