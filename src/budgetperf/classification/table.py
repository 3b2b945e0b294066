"""Classification tables as versioned, read-only data (科目表).

A :class:`ClassificationTable` is one table (functional, 部门预算 economic, 政府预算 economic)
of one edition. Each :class:`CodeEntry` row carries its source and a confidence flag, and
the years in which its name was in force, so that a code whose name changed (210
医疗卫生与计划生育支出 → 卫生健康支出) resolves by year and keeps its other names as aliases.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable, Mapping
from typing import final

import attrs

from budgetperf.errors import UnknownCodeError, ValidationError
from budgetperf.money import normalize_text

__all__ = [
    "Classification",
    "ClassificationTable",
    "CodeEntry",
    "CodeStatus",
    "Confidence",
    "Level",
    "Resolution",
    "TableKind",
    "name_key",
]


def name_key(name: str) -> str:
    """The form in which two printed names compare equal (科目名称比较键).

    Reports mix full-width and ASCII brackets and quotes (中医（民族医）药专项 /
    中医(民族医)药专项) and stray spaces; those are one name.

        >>> name_key("中医（民族医）药专项") == name_key("中医(民族医)药专项 ")
        True
    """
    return "".join(normalize_text(name).split())


class Level(enum.Enum):
    """Level of a code (科目级次): 类 (3 digits), 款 (5), 项 (7)."""

    CATEGORY = "类"
    SECTION = "款"
    ITEM = "项"

    @classmethod
    def of_code(cls, code: str) -> Level:
        """The level a code's length implies."""
        try:
            return {3: cls.CATEGORY, 5: cls.SECTION, 7: cls.ITEM}[len(code)]
        except KeyError:
            raise ValidationError(
                "科目编码长度有误",
                "a classification code has 3, 5 or 7 digits",
                value=code,
                expected="类 3 digits, 款 5, 项 7",
            ) from None


class Confidence(enum.Enum):
    """How a row is known (可信度), strongest first.

    Derived from the evidence files by ``scripts/build_classification.py``: ``official``
    when an edition's own text (or the Ministry's revision notice) prints the code and name;
    ``attested`` when two or more independent published documents of one year agree;
    ``single`` when one document (or developers' test data) does; ``recalled`` when no
    source has been read yet.
    """

    OFFICIAL = "official"
    ATTESTED = "attested"
    SINGLE = "single"
    RECALLED = "recalled"

    @property
    def rank(self) -> int:
        """3 for official down to 0 for recalled, so confidences compare."""
        return _RANK[self]

    @property
    def confirmed(self) -> bool:
        """Official or attested: strong enough for a name mismatch to be a warning."""
        return self.rank >= _RANK[Confidence.ATTESTED]


_RANK = {
    Confidence.OFFICIAL: 3,
    Confidence.ATTESTED: 2,
    Confidence.SINGLE: 1,
    Confidence.RECALLED: 0,
}


class Resolution(enum.Enum):
    """What a table can say about a code in a year (科目解析状态)."""

    KNOWN = "known"
    """A row is in force that year."""
    OTHER_YEAR = "other_year"
    """The table has the code, but only for other years."""
    NOT_COVERED = "not_covered"
    """The code is absent, but its nearest ancestor's children are not all known: the
    table may simply not cover it yet."""
    UNKNOWN = "unknown"
    """No edition knows it: malformed, an unknown 类, or absent under a 款 whose children
    the table holds completely (an official edition's full list)."""


class TableKind(enum.Enum):
    """Which classification a table holds."""

    FUNCTIONAL = "functional"
    """支出功能分类科目 (2xx)."""
    ECONOMIC_DEPARTMENT = "economic_department"
    """部门预算支出经济分类科目 (3xx)."""
    ECONOMIC_GOVERNMENT = "economic_government"
    """政府预算支出经济分类科目 (5xx)."""

    @property
    def chinese(self) -> str:
        """The Chinese name of the table."""
        return _KIND_ZH[self]

    @classmethod
    def for_code(cls, code: str) -> TableKind | None:
        """The table an expenditure code belongs to, by its first digit (2, 3 or 5)."""
        return {
            "2": cls.FUNCTIONAL,
            "3": cls.ECONOMIC_DEPARTMENT,
            "5": cls.ECONOMIC_GOVERNMENT,
        }.get(code[:1])


_KIND_ZH = {
    TableKind.FUNCTIONAL: "支出功能分类科目",
    TableKind.ECONOMIC_DEPARTMENT: "部门预算支出经济分类科目",
    TableKind.ECONOMIC_GOVERNMENT: "政府预算支出经济分类科目",
}


def _code_validator(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        raise ValidationError(
            "科目编码必须是数字",
            "a classification code is a string of digits",
            field=attribute.name,
            value=value,
            expected="digits such as '2060702'",
        )
    Level.of_code(value)


@final
@attrs.frozen(slots=True, kw_only=True)
class CodeEntry:
    """One row of a classification table (科目).

    Attributes:
        code: the code (科目编码), 3, 5 or 7 digits.
        name: the name (科目名称) in force in the years given.
        level: 类, 款 or 项.
        parent: the code one level up, or None for a 类.
        valid_from: first year this name is known to be in force; None when unknown.
        valid_to: last year; None when still in force (or unknown).
        confidence: how the row is known (official, attested, single, recalled).
        source: where the row was read (documents separated by `` | ``).
        years: the years in which a source prints it (or as the source states them).
        note: why a bound or name was chosen, when the sources were silent.
        children_complete: every child of this code is in the table (the row comes from an
            edition's full list), so a child that is absent does not exist.
    """

    code: str = attrs.field(validator=_code_validator)
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    level: Level
    parent: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    confidence: Confidence = Confidence.RECALLED
    source: str = ""
    years: str = ""
    note: str = ""
    children_complete: bool = False

    def in_force(self, year: int | None) -> bool:
        """Whether this name applies in ``year`` (``None``: the current edition)."""
        if year is None:
            return self.valid_to is None
        if self.valid_from is not None and year < self.valid_from:
            return False
        return not (self.valid_to is not None and year > self.valid_to)


@final
@attrs.frozen(slots=True, kw_only=True)
class Classification:
    """What a code means in a given year (科目解析结果): its 类, 款 and 项 entries.

    Attributes:
        code: the code looked up.
        year: the year it was resolved for (None: current edition).
        kind: which table.
        edition: the edition year of the table used.
        levels: the entries from 类 down to the code itself.
        aliases: other names the code has had (earlier or later editions, local usage).
    """

    code: str
    year: int | None
    kind: TableKind
    edition: int
    levels: tuple[CodeEntry, ...]
    aliases: tuple[str, ...] = ()

    @property
    def entry(self) -> CodeEntry:
        """The entry for the code itself."""
        return self.levels[-1]

    @property
    def name(self) -> str:
        """The name of the code itself."""
        return self.levels[-1].name

    @property
    def names(self) -> tuple[str, ...]:
        """The names from 类 down: ``('科学技术支出', '科学技术普及', '科普活动')``."""
        return tuple(entry.name for entry in self.levels)

    @property
    def path(self) -> str:
        """The names joined with `` / ``."""
        return " / ".join(self.names)

    @property
    def confidence(self) -> Confidence:
        """The weakest confidence along the path."""
        return min((entry.confidence for entry in self.levels), key=lambda c: c.rank)


@final
@attrs.frozen(slots=True, kw_only=True)
class CodeStatus:
    """The answer of :meth:`ClassificationTable.status` (科目编码核对结果).

    Attributes:
        code: the code asked about.
        year: the year asked about.
        resolution: known, valid in other years, not covered yet, or unknown.
        entry: the row in force (``KNOWN`` only).
        other_years: the year spans of the code's rows (``OTHER_YEAR`` only), as text.
        ancestor: the nearest code above it that the table holds (``NOT_COVERED``).
    """

    code: str
    year: int | None
    resolution: Resolution
    entry: CodeEntry | None = None
    other_years: tuple[str, ...] = ()
    ancestor: CodeEntry | None = None


@final
@attrs.frozen(slots=True, kw_only=True)
class ClassificationTable:
    """One classification table of one edition, read-only (某年度科目表).

    Build one from rows with :meth:`from_entries`, from ``(code, name)`` pairs with
    :meth:`from_pairs`, or read a user's CSV with ``budgetperf.io.load_classification``.

    Attributes:
        kind: functional or economic.
        edition: the edition year (e.g. 2023 for 《2023年政府收支分类科目》).
        source: the document the table comes from.
        entries: every row; a code whose name changed has one row per name.
    """

    kind: TableKind
    edition: int
    source: str
    entries: tuple[CodeEntry, ...]
    _index: Mapping[str, tuple[CodeEntry, ...]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, list[CodeEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.code, []).append(entry)
        for code, rows in index.items():
            if len(code) > 3 and code[:-2] not in index:
                raise ValidationError(
                    "科目缺少上级科目",
                    "a code's parent is missing from the table",
                    field="code",
                    value=code,
                    expected=f"a row for {code[:-2]}",
                )
            for row in rows:
                if row.parent is not None and row.parent != code[:-2]:
                    raise ValidationError(
                        "上级科目与编码不符",
                        "parent does not match the code",
                        field="parent",
                        value=row.parent,
                        expected=code[:-2],
                    )
        frozen = {code: tuple(rows) for code, rows in index.items()}
        object.__setattr__(self, "_index", types.MappingProxyType(frozen))

    # -- construction --------------------------------------------------------------------
    @classmethod
    def from_entries(
        cls, entries: Iterable[CodeEntry], *, kind: TableKind, edition: int, source: str
    ) -> ClassificationTable:
        """A table from ready rows."""
        return cls(kind=kind, edition=edition, source=source, entries=tuple(entries))

    @classmethod
    def from_pairs(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        kind: TableKind,
        edition: int,
        source: str,
        confidence: Confidence = Confidence.OFFICIAL,
        complete: bool = True,
    ) -> ClassificationTable:
        """A table of one edition from ``(code, name)`` pairs, such as an official CSV.

        Levels and parents follow from the codes; every name is taken as in force in
        ``edition``. ``complete`` (the default, for a full edition) marks every row's
        children as fully listed, so a code the file lacks is unknown, not merely uncovered.

            >>> t = ClassificationTable.from_pairs(
            ...     [("206", "科学技术支出"), ("20607", "科学技术普及"), ("2060702", "科普活动")],
            ...     kind=TableKind.FUNCTIONAL, edition=2025, source="财政部 2025")
            >>> t.lookup("2060702", year=2025).path
            '科学技术支出 / 科学技术普及 / 科普活动'
        """
        entries = []
        for code, name in pairs:
            level = Level.of_code(code)
            entries.append(
                CodeEntry(
                    code=code,
                    name=name,
                    level=level,
                    parent=None if level is Level.CATEGORY else code[:-2],
                    valid_from=edition,
                    valid_to=edition,
                    confidence=confidence,
                    source=source,
                    years=str(edition),
                    children_complete=complete,
                )
            )
        return cls(kind=kind, edition=edition, source=source, entries=tuple(entries))

    # -- lookup --------------------------------------------------------------------------
    @property
    def codes(self) -> frozenset[str]:
        """Every code in the table."""
        return frozenset(self._index)

    def rows(self, code: str) -> tuple[CodeEntry, ...]:
        """Every row for ``code`` (one per name it has had); empty when unknown."""
        return self._index.get(code, ())

    def entry(self, code: str, *, year: int | None = None) -> CodeEntry:
        """The row for ``code`` whose name is in force in ``year``.

        Raises:
            UnknownCodeError: the table has no such code, or none in force that year.
        """
        rows = self._index.get(code, ())
        in_force = [row for row in rows if row.in_force(year)]
        if not in_force:
            raise UnknownCodeError(
                code, year, table=self.kind.value, suggestions=self.suggestions(code)
            )
        # Several rows in force: prefer the best-attested name, then the newest.
        in_force.sort(
            key=lambda row: (
                row.confidence.rank,
                row.valid_from if row.valid_from is not None else -1,
            ),
            reverse=True,
        )
        return in_force[0]

    def status(self, code: str, *, year: int | None = None) -> CodeStatus:
        """How the table knows ``code`` in ``year``, without raising.

        Distinguishes a code in force (``KNOWN``), one the table holds for other years only
        (``OTHER_YEAR``), one it does not cover yet although its 类/款 is known and not fully
        listed (``NOT_COVERED``), and one no edition knows (``UNKNOWN``).

            >>> t = ClassificationTable.from_pairs(
            ...     [("208", "社会保障和就业支出"), ("20809", "退役安置")],
            ...     kind=TableKind.FUNCTIONAL, edition=2023, source="test", complete=False)
            >>> t.status("2080901", year=2023).resolution
            <Resolution.NOT_COVERED: 'not_covered'>
            >>> t.status("299", year=2023).resolution
            <Resolution.UNKNOWN: 'unknown'>
        """
        valid = code.isascii() and code.isdigit() and len(code) in (3, 5, 7)
        if not valid:
            return CodeStatus(code=code, year=year, resolution=Resolution.UNKNOWN)
        rows = self._index.get(code, ())
        if rows:
            in_force = [row for row in rows if row.in_force(year)]
            if in_force:
                for length in (3, 5):
                    above = self._index.get(code[:length], ())
                    if length < len(code) and not any(row.in_force(year) for row in above):
                        # The code is known that year, its 类/款 name for that year is not.
                        return CodeStatus(
                            code=code,
                            year=year,
                            resolution=Resolution.NOT_COVERED,
                            ancestor=above[0] if above else None,
                        )
                return CodeStatus(
                    code=code,
                    year=year,
                    resolution=Resolution.KNOWN,
                    entry=self.entry(code, year=year),
                )
            spans = tuple(dict.fromkeys(_span(row) for row in rows))
            return CodeStatus(
                code=code, year=year, resolution=Resolution.OTHER_YEAR, other_years=spans
            )
        for length in (5, 3):
            if length >= len(code):
                continue
            above = self._index.get(code[:length], ())
            if not above:
                continue
            if any(row.children_complete for row in above):
                break
            return CodeStatus(
                code=code, year=year, resolution=Resolution.NOT_COVERED, ancestor=above[0]
            )
        return CodeStatus(code=code, year=year, resolution=Resolution.UNKNOWN)

    def lookup(self, code: str, *, year: int | None = None) -> Classification:
        """The :class:`Classification` of ``code`` in ``year``: 类, 款 and 项 with names."""
        if not (code.isascii() and code.isdigit()) or len(code) not in (3, 5, 7):
            raise UnknownCodeError(
                code, year, table=self.kind.value, suggestions=self.suggestions(code)
            )
        status = self.status(code, year=year)
        if status.resolution is Resolution.NOT_COVERED:
            assert status.ancestor is not None
            raise UnknownCodeError(
                code,
                year,
                table=self.kind.value,
                suggestions=self.suggestions(code),
                not_covered=status.ancestor.code,
            )
        levels = tuple(
            self.entry(code[:length], year=year) for length in (3, 5, 7) if length <= len(code)
        )
        own = levels[-1].name
        aliases = tuple(dict.fromkeys(row.name for row in self.rows(code) if row.name != own))
        return Classification(
            code=code,
            year=year,
            kind=self.kind,
            edition=self.edition,
            levels=levels,
            aliases=aliases,
        )

    def is_official_name(self, code: str, name: str, *, year: int | None = None) -> bool:
        """Whether ``name`` is the official name of ``code`` in ``year`` (aliases are not)."""
        try:
            return name_key(self.entry(code, year=year).name) == name_key(name)
        except UnknownCodeError:
            return False

    def codes_named(self, name: str) -> tuple[str, ...]:
        """Codes that have or have had ``name``, official or alias (several 项 share a name
        such as 机构运行, so the answer is a tuple)."""
        key = name_key(name)
        return tuple(
            sorted(
                {
                    row.code
                    for rows in self._index.values()
                    for row in rows
                    if name_key(row.name) == key
                }
            )
        )

    def suggestions(self, code: str, *, limit: int = 5) -> tuple[str, ...]:
        """Codes that share the longest prefix with ``code``, for error messages."""
        for length in range(len(code) - 1, 0, -1):
            near = sorted(c for c in self._index if c.startswith(code[:length]) and c != code)
            if near:
                return tuple(near[:limit])
        return ()


def _span(row: CodeEntry) -> str:
    """A row's years in force as text: ``2019–2023``, ``–2018``, ``2021–``."""
    start = "" if row.valid_from is None else str(row.valid_from)
    end = "" if row.valid_to is None else str(row.valid_to)
    return f"{start}–{end}"
