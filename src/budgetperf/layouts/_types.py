"""The shape of a layout record (版式记录) and of what identification says."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Final, final

import attrs

from budgetperf.money import plain_script

__all__ = [
    "MISPRINT_LENGTH",
    "Columns",
    "FormKind",
    "Identified",
    "Layout",
    "Unidentified",
    "header_key",
    "level_field",
]


@functools.lru_cache(maxsize=8192)
def header_key(text: str) -> str:
    """A printed header in the form headers are compared in: full-width folded, blanks,
    colons, brackets and their contents' markers removed, so 「年度\\n指标值」, 「年度 指标值」 and
    「年度指标值（A）」 all compare as 年度指标值; traditional characters read as simplified ones
    and a mirror's bracketed pinyin after a character dropped (a marker too), so a page a
    mirror converted to traditional script (「項(xiàng)目名稱」) compares as 项目名称.

        >>> header_key("执行率（B/A）"), header_key("一级 指标"), header_key("年初\\n预算数")
        ('执行率', '一级指标', '年初预算数')
        >>> header_key("項(xiàng)目名稱"), header_key("績效指標(biāo)")
        ('项目名称', '绩效指标')
    """
    folded = plain_script(unicodedata.normalize("NFKC", text))
    folded = _MARKER.sub("", folded)
    return _BLANKS.sub("", folded).lower()


# A bracketed marker after a header: (A), (B/A), (万元), (元), (50分), （%）.
_MARKER: Final = re.compile(r"[(（][^()（）]{0,12}[)）]")
_BLANKS: Final = re.compile(r"[\s:：*★]+")


#: The shortest header read through a misprint (:meth:`Columns.misprint_of`): shorter ones
#: differ from each other in one character (一级指标 / 二级指标).
MISPRINT_LENGTH: Final = 5


def _masked(key: str, at: int) -> str:
    return f"{key[:at]}\0{key[at + 1 :]}"


def level_field(field: str, previous: str | None) -> str:
    """The field of a points column by where it is printed: right after the 一级 or the 二级
    column it holds that level's points (``level1_weight``, ``level2_weight``), anywhere else
    the row's own (``weight``).

        >>> level_field("weight", "level1"), level_field("weight", "name")
        ('level1_weight', 'weight')
    """
    if field == "weight" and previous in ("level1", "level2"):
        return f"{previous}_weight"
    return field


class FormKind(enum.Enum):
    """What a form evaluates (表的种类)."""

    PROJECT = "project"
    """项目支出绩效自评表 and its provincial variants."""

    DEPARTMENT = "department"
    """部门整体支出绩效自评表 (a budget block plus indicators)."""

    DEPARTMENT_SCORING = "department-scoring"
    """A department scoring table: 一级/二级/三级 with 分值 and 得分, no targets."""

    PROJECT_UNIT = "project-unit"
    """项目单位自评基本情况表 (funds planned and in place by government level)."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Columns:
    """The header of one block of a form (表头): field → the headers printed for it.

    Attributes:
        synonyms: for each field, the printed headers that mean it (compared through
            :func:`header_key`), most usual first.
        required: the fields a row must name to be this block's header.
    """

    synonyms: Mapping[str, tuple[str, ...]]
    required: frozenset[str]
    _index: Mapping[str, str] = attrs.field(init=False, repr=False, eq=False)
    _near: Mapping[str, frozenset[str]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, str] = {}
        near: dict[str, set[str]] = {}
        for field, names in self.synonyms.items():
            for name in names:
                key = header_key(name)
                index.setdefault(key, field)  # the first field naming it
                if len(key) >= MISPRINT_LENGTH:
                    for at in range(len(key)):
                        near.setdefault(_masked(key, at), set()).add(field)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_near", {k: frozenset(v) for k, v in near.items()})

    def field_of(self, text: str) -> str | None:
        """The field a printed header means, or ``None``."""
        return self._index.get(header_key(text))

    def misprint_of(self, text: str) -> str | None:
        """The field a header printed with one character wrong means (「区域目标质」 for
        区域目标值): a header of at least :data:`MISPRINT_LENGTH` characters that differs from
        this block's synonyms of exactly one field in one character, the length kept, and is
        itself no synonym. Only a cell among other headers is read so (:meth:`map`, and the
        rebuild of a flattened header), never a cell alone.

            >>> from budgetperf import layouts
            >>> columns = layouts.get("no-weight").indicators
            >>> columns.misprint_of("区域目标质"), columns.misprint_of("区域目标值")
            ('target', None)
            >>> layouts.ANY_BUDGET.misprint_of("年X预算数") is None  # 年初 or 全年: not guessed
            True
        """
        key = header_key(text)
        if len(key) < MISPRINT_LENGTH or key in self._index:
            return None
        fields: set[str] = set()
        for at in range(len(key)):
            fields |= self._near.get(_masked(key, at), frozenset())
        return fields.pop() if len(fields) == 1 else None

    def joined_of(self, text: str) -> str | None:
        """The field of a header printed as a name of this block and another word joined by
        和, 及 or 与 (未完成原因和改进措施): the first name's, when the rest names no field, or
        the second's, when the first names none (指标说明及评分标准). Read among other headers
        only, as :meth:`misprint_of` is.

            >>> from budgetperf import layouts
            >>> layouts.ANY_INDICATORS.joined_of("未完成原因和改进措施")
            'note'
        """
        key = header_key(text)
        for at, char in enumerate(key):
            if char in "和及与" and at >= 2:
                first, rest = key[:at], key[at + 1 :]
                if first in self._index and rest and rest not in self._index:
                    return self._index[first]
                if rest in self._index and first not in self._index:
                    # 指标说明及评分标准: the second name's, when the first names no field.
                    return self._index[rest]
        return None

    def map(self, cells: tuple[str, ...] | list[str]) -> dict[str, int]:
        """Field → column for a header row (the first column that names each field).

        A points column printed right after the 一级 or the 二级 column (一级指标 | 分值 | 二级指标 |
        分值 | 三级指标 | 分值 | 得分) holds that level's points (``level1_weight``,
        ``level2_weight``: :func:`level_field`). In a row where at least two cells name
        fields, a cell printed with one character wrong names the field it is a misprint of
        (:meth:`misprint_of`), when no other cell names that field.

            >>> from budgetperf import layouts
            >>> layouts.ANY_INDICATORS.map(["一级指标", "分值", "二级指标", "分值", "三级指标",
            ...                             "分值", "得分"])
            {'level1': 0, 'level1_weight': 1, 'level2': 2, 'level2_weight': 3, 'name': 4, \
'weight': 5, 'score': 6}
        """
        found: dict[str, int] = {}
        unknown: list[int] = []
        previous: str | None = None
        for index, cell in enumerate(cells):
            field = self.field_of(cell)
            if field is not None:
                field = level_field(field, previous)
                previous = field
            elif header_key(cell):
                unknown.append(index)
                previous = None
            if field is not None and field not in found:
                found[field] = index
        if len(found) >= 2:
            for index in unknown:
                field = self.misprint_of(cells[index]) or self.joined_of(cells[index])
                if field is not None and field not in found:
                    found[field] = index
        return dict(sorted(found.items(), key=lambda item: item[1]))

    def is_header(self, cells: tuple[str, ...] | list[str]) -> bool:
        """Whether a row names every required field."""
        return self.required <= set(self.map(cells))


@final
@attrs.frozen(slots=True, kw_only=True)
class Layout:
    """One published form, as data (版式).

    Attributes:
        name: the identifier documents record (``national``, ``sichuan-2023`` …).
        title: the form's name as printed (Chinese).
        source: where the form is prescribed, and what was found of it.
        year: the year of the edition described.
        region: 全国 or the province that prescribes it.
        kind: what the form evaluates.
        title_words: words of the title or first rows that point to this form.
        head: label printed in the head rows → field (项目名称 → name …).
        budget: the budget block's header, or ``None`` when the form has none.
        indicators: the indicator table's header.
        marks: printed headers that only this form (among the shipped ones) has; each one
            present counts for it.
        excludes: printed headers that this form never has.
        unit: the unit the budget block is printed in unless its header says otherwise.
        budget_points: the points of the budget block (10, 20) or ``None`` when not scored.
        indicator_points: the points of the indicators (90, 80, 100).
        default_rules: the rule set that scores it when none is asked for.
        needs_title: whether the form can only be told by its title (its headers are another
            form's), so that without one of ``title_words`` it is not considered.
        needs_points: whether the budget block's printed points must equal
            ``budget_points`` (forms told apart only by their points, 10 + 90 or 20 + 80).
        budget_order: the budget block's columns in the order the form prints them.
        indicator_order: the indicator table's columns in the order the form prints them.
    """

    name: str
    title: str
    source: str
    year: int
    region: str
    kind: FormKind
    title_words: tuple[str, ...] = ()
    head: Mapping[str, str]
    budget: Columns | None
    indicators: Columns
    marks: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    unit: str = "万元"
    budget_points: Decimal | None = Decimal(10)
    indicator_points: Decimal = Decimal(90)
    default_rules: str = "national"
    needs_title: bool = False
    needs_points: bool = False
    budget_order: tuple[str, ...] = (
        "category",
        "initial",
        "adjusted",
        "executed",
        "weight",
        "rate",
        "score",
    )
    indicator_order: tuple[str, ...] = (
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "score",
        "note",
    )

    def printed(self, field: str, *, block: str = "indicators") -> str:
        """The header this form prints for ``field``: its mark when it has one (全年实际值),
        else the first synonym.

        >>> from budgetperf import layouts
        >>> layouts.get("xianjie").printed("actual"), layouts.get("national").printed("actual")
        ('全年实际值', '实际完成值')
        """
        columns = self.indicators if block == "indicators" else self.budget
        if columns is None:
            raise KeyError(block)
        names = columns.synonyms[field]
        marked = [n for n in names if header_key(n) in {header_key(m) for m in self.marks}]
        return (marked or list(names))[0]

    @property
    def columns(self) -> frozenset[str]:
        """Every indicator field the form has a column for (weight, converted_score …)."""
        return frozenset(self.indicators.synonyms)


@final
@attrs.frozen(slots=True, kw_only=True)
class Identified:
    """A table recognised as a layout, and why (版式识别结果).

    Attributes:
        layout: the form.
        reason: what decided it, in words (recorded on the document).
        header_row: the 0-based row of the indicator header in the grid (of the budget
            header when the table ends before its indicators).
    """

    layout: Layout
    reason: str
    header_row: int


@final
@attrs.frozen(slots=True, kw_only=True)
class Unidentified:
    """A table that is no shipped form, and why not (未识别的表)."""

    reason: str
