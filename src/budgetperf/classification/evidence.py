"""Evidence for the shipped tables (科目来源证据) and the rules that turn it into rows.

Every shipped row comes from two kinds of input kept in the repository:

* the *evidence files* ``data/classification/evidence/<year>.tsv``: one line per (code,
  name) pair read in a published document of that year, with the document's address, title,
  publisher and kind (``edition`` — an edition's own text or the Ministry's revision notice;
  ``document`` — any other published document; ``fixture`` — developers' test data);
* the *scaffold* ``data/classification/scaffold/<table>.tsv``: rows kept without a source
  yet (``recalled``) and the year bounds of known renames.

:func:`build_entries` joins them; the confidence of a row follows from its evidence alone
(:func:`confidence_of`). The functions here are pure: ``scripts/build_classification.py``
reads and writes the files.

    >>> ev = [Evidence(table=TableKind.FUNCTIONAL, code="2082602",
    ...                name="财政对城乡居民基本养老保险基金的补助", year=2025, url=u,
    ...                title="t", publisher=p, kind=EvidenceKind.DOCUMENT)
    ...       for u, p in (("https://a", "韶关市财政局"), ("https://b", "常德市财政局"))]
    >>> confidence_of(ev)
    <Confidence.ATTESTED: 'attested'>
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, final

import attrs

from budgetperf.classification.table import CodeEntry, Confidence, Level, TableKind, name_key
from budgetperf.errors import ParseError, ValidationError

__all__ = [
    "CROSSWALK_COLUMNS",
    "EVIDENCE_COLUMNS",
    "SCAFFOLD_COLUMNS",
    "TABLE_COLUMNS",
    "BuildReport",
    "CrosswalkLink",
    "Evidence",
    "EvidenceKind",
    "build_entries",
    "confidence_of",
    "crosswalk_to_tsv",
    "entries_to_tsv",
    "parse_crosswalk",
    "parse_evidence",
    "parse_scaffold",
]

EVIDENCE_COLUMNS: Final = ("table", "code", "name", "url", "title", "publisher", "kind", "note")
"""Columns of an evidence file."""
SCAFFOLD_COLUMNS: Final = ("code", "name", "valid_from", "valid_to", "note")
"""Columns of a scaffold file."""
TABLE_COLUMNS: Final = (
    "code",
    "name",
    "level",
    "parent",
    "valid_from",
    "valid_to",
    "years",
    "confidence",
    "source",
    "note",
    "children",
)
"""Columns of a shipped table file (``classification/data/<table>_<edition>.tsv``)."""

CROSSWALK_COLUMNS: Final = ("government", "department", "url", "title", "publisher", "note")
"""Columns of a crosswalk evidence file (``data/classification/crosswalk/<year>.tsv``)."""

_REJECT: Final = "reject:"
_RESTRUCTURED: Final = 2019
_COMPLETE: Final = "children complete"


class EvidenceKind(enum.Enum):
    """What kind of document an evidence line was read in (证据来源类型)."""

    EDITION = "edition"
    """The edition's own text (《政府收支分类科目》, republished verbatim) or the Ministry's
    notice revising it."""
    DOCUMENT = "document"
    """Any other published document: an allocation notice, a 决算/预算, a republished list."""
    FIXTURE = "fixture"
    """Developers' test data in public code: weaker than a published document."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Evidence:
    """One (code, name) pair as printed in one source of one year (一条来源证据).

    Attributes:
        table: the table the code belongs to.
        code: the code as printed.
        name: the name as printed.
        year: the fiscal year whose 科目 the document uses.
        url: the document's address (or a repository path for a seed report).
        title: the document's title.
        publisher: who issued it; two lines count as independent only when their
            publishers differ.
        kind: edition, document or fixture.
        note: ``reject: why`` keeps a misprint on record without loading it;
            ``children complete`` on a 款 says the source lists all of its 项.
    """

    table: TableKind
    code: str
    name: str
    year: int
    url: str
    title: str
    publisher: str
    kind: EvidenceKind
    note: str = ""

    @property
    def rejected(self) -> bool:
        """Whether the line is kept on record but not loaded (a misprint, a truncation)."""
        return self.note.startswith(_REJECT)

    @property
    def completes(self) -> bool:
        """Whether the source lists every child of this code."""
        return _COMPLETE in self.note


@final
@attrs.frozen(slots=True, kw_only=True)
class BuildReport:
    """What :func:`build_entries` could not use, for the build script to print.

    Attributes:
        orphans: evidence pairs whose parent code no source or scaffold row names.
        rejected: evidence lines marked ``reject:``.
        disagreements: codes printed with more than one name, with the name the table
            prefers and why.
    """

    orphans: tuple[Evidence, ...] = ()
    rejected: tuple[Evidence, ...] = ()
    disagreements: tuple[str, ...] = ()


def _rows(text: str, columns: Sequence[str], file: str) -> list[tuple[int, dict[str, str]]]:
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != tuple(columns):
        raise ParseError(
            "表头不符",
            "unexpected header",
            file=file,
            row=1,
            value=lines[0] if lines else "",
            expected="\t".join(columns),
        )
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ParseError(
                "列数不符",
                "wrong number of columns",
                file=file,
                row=number,
                value=line,
                expected=f"{len(columns)} tab-separated columns",
            )
        rows.append((number, dict(zip(columns, cells, strict=True))))
    return rows


def parse_evidence(text: str, *, year: int, file: str) -> tuple[Evidence, ...]:
    """The evidence lines of one year's file.

    Raises:
        ParseError: a bad header, column count, table, kind or code, naming file and row.
    """
    found = []
    for number, row in _rows(text, EVIDENCE_COLUMNS, file):
        try:
            table = TableKind(row["table"])
            kind = EvidenceKind(row["kind"])
            Level.of_code(row["code"])
            if not (row["code"].isascii() and row["code"].isdigit()):
                raise ValueError(row["code"])
        except (ValueError, ValidationError):
            raise ParseError(
                "证据行有误",
                "bad evidence line",
                file=file,
                row=number,
                value="\t".join(row.values()),
                expected="a known table and kind and a 3-, 5- or 7-digit code",
            ) from None
        found.append(
            Evidence(
                table=table,
                code=row["code"],
                name=row["name"],
                year=year,
                url=row["url"],
                title=row["title"],
                publisher=row["publisher"],
                kind=kind,
                note=row["note"],
            )
        )
    return tuple(found)


def parse_scaffold(text: str, *, file: str) -> tuple[dict[str, str], ...]:
    """The rows of a scaffold file (code, name, year bounds, note)."""
    return tuple(row for _, row in _rows(text, SCAFFOLD_COLUMNS, file))


def confidence_of(evidence: Iterable[Evidence]) -> Confidence:
    """The confidence the evidence for one (code, name) supports, best year counting.

    ``official`` if any line is an edition's text; ``attested`` if in one year two
    publishers' published documents agree; ``single`` if anything else prints it;
    ``recalled`` if nothing does. Rejected lines do not count.
    """
    usable = [e for e in evidence if not e.rejected]
    if not usable:
        return Confidence.RECALLED
    if any(e.kind is EvidenceKind.EDITION for e in usable):
        return Confidence.OFFICIAL
    publishers: dict[int, set[str]] = defaultdict(set)
    for e in usable:
        if e.kind is EvidenceKind.DOCUMENT:
            publishers[e.year].add(e.publisher)
    if any(len(names) >= 2 for names in publishers.values()):
        return Confidence.ATTESTED
    return Confidence.SINGLE


def _int(text: str) -> int | None:
    return int(text) if text else None


def build_entries(
    kind: TableKind,
    scaffold: Iterable[Mapping[str, str]],
    evidence: Iterable[Evidence],
) -> tuple[tuple[CodeEntry, ...], BuildReport]:
    """The rows of one table from its scaffold and every year's evidence.

    A row exists for every scaffold row and every (code, name) pair printed in a usable
    source. Its confidence follows from its evidence (:func:`confidence_of`); ``years`` lists
    the years printing it and ``source`` their addresses. When a code is printed with two
    names whose years do not overlap, and the scaffold gives no bounds, the older name is
    bounded above and the newer below by the years seen (a rename somewhere in the gap);
    otherwise both stay in force and the table prefers the better-attested one.
    """
    mine = [e for e in evidence if e.table is kind]
    rejected = tuple(e for e in mine if e.rejected)
    # Rows are keyed by (code, name key): brackets and spaces printed differently are one
    # name; the scaffold's spelling, else the earliest printed one, is shown.
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for row in scaffold:
        rows[(row["code"], name_key(row["name"]))] = dict(row)
    by_pair: dict[tuple[str, str], list[Evidence]] = defaultdict(list)
    for e in sorted(mine, key=lambda e: (e.year, e.url)):
        if e.rejected:
            continue
        pair = (e.code, name_key(e.name))
        by_pair[pair].append(e)
        rows.setdefault(
            pair, {"code": e.code, "name": e.name, "valid_from": "", "valid_to": "", "note": ""}
        )
    _bound_renames(rows, by_pair)
    codes = {code for code, _ in rows}
    orphans: list[Evidence] = []
    entries = []
    for (code, folded), row in sorted(rows.items()):
        if len(code) > 3 and code[:-2] not in codes:
            orphans.extend(by_pair.get((code, folded), ()))
            continue
        found = by_pair.get((code, folded), [])
        level = Level.of_code(code)
        entries.append(
            CodeEntry(
                code=code,
                name=row["name"],
                level=level,
                parent=None if level is Level.CATEGORY else code[:-2],
                valid_from=_int(row["valid_from"]),
                valid_to=_int(row["valid_to"]),
                confidence=confidence_of(found),
                source=" | ".join(dict.fromkeys(e.url for e in found)) or "recalled",
                years="; ".join(dict.fromkeys(str(e.year) for e in found)),
                note=row["note"],
                children_complete=any(e.completes for e in found),
            )
        )
    # Orphans leave their parents' gap visible; an orphan's own children go too.
    dropped = {e.code for e in orphans}
    while True:
        more = [x for x in entries if x.parent in dropped and x.code not in dropped]
        if not more:
            break
        dropped |= {x.code for x in more}
        for x in more:
            orphans.extend(by_pair.get((x.code, name_key(x.name)), ()))
    entries = [x for x in entries if x.code not in dropped]
    return tuple(entries), BuildReport(
        orphans=tuple(orphans), rejected=rejected, disagreements=_disagreements(entries)
    )


def _bound_renames(
    rows: dict[tuple[str, str], dict[str, str]], by_pair: Mapping[tuple[str, str], list[Evidence]]
) -> None:
    """Bound two names of one code by the years their sources print them.

    Both printed, in years that do not overlap: the older ends the year before the newer is
    first seen, the newer starts the year after the older is last seen. Only one printed,
    and only before 2019 (the 2019 restructuring of the 类 and 款): that name ends with
    its last year and the unprinted (recalled) name starts the year after. Rows with bounds
    from the scaffold are left alone.
    """
    keys: dict[str, list[str]] = defaultdict(list)
    for code, key in rows:
        keys[code].append(key)
    for code, pair in keys.items():
        if len(pair) != 2 or any(
            rows[(code, k)]["valid_from"] or rows[(code, k)]["valid_to"] for k in pair
        ):
            continue
        years = {k: sorted(e.year for e in by_pair.get((code, k), ())) for k in pair}
        printed = [k for k in pair if years[k]]
        if len(printed) == 2:
            old, new = sorted(printed, key=lambda k: years[k][0])
            if years[old][-1] >= years[new][0]:
                continue
            end, start = years[new][0] - 1, years[old][-1] + 1
        elif len(printed) == 1 and years[printed[0]][-1] < _RESTRUCTURED:
            old = printed[0]
            new = next(k for k in pair if k != old)
            end, start = years[old][-1], years[old][-1] + 1
        else:
            continue
        rows[(code, old)]["valid_to"] = str(end)
        rows[(code, new)]["valid_from"] = str(start)
        span = f"{years[old][0]}–{years[old][-1]}"
        later = f"{years[new][0]}–{years[new][-1]}" if years[new] else "no source yet"
        note = (
            f"printed {span} as {rows[(code, old)]['name']}, {later} as "
            f"{rows[(code, new)]['name']}; rename year not found, bounded by the years seen"
        )
        for k in (old, new):
            rows[(code, k)]["note"] = "; ".join(x for x in (rows[(code, k)]["note"], note) if x)


def _disagreements(entries: Sequence[CodeEntry]) -> tuple[str, ...]:
    by_code: dict[str, list[CodeEntry]] = defaultdict(list)
    for entry in entries:
        by_code[entry.code].append(entry)
    lines = []
    for code, several in sorted(by_code.items()):
        if not any(_overlap(a, b) for a in several for b in several if a is not b):
            continue
        best = max(several, key=lambda e: (e.confidence.rank, e.source.count("|")))
        others = "; ".join(
            f"{e.name} ({e.confidence.value}, {e.years or 'no source'})"
            for e in several
            if e is not best
        )
        lines.append(
            f"{code}: uses {best.name} ({best.confidence.value}, {best.years or 'no source'}) "
            f"where years overlap; also {others}"
        )
    return tuple(lines)


def _overlap(a: CodeEntry, b: CodeEntry) -> bool:
    low = max(a.valid_from or 0, b.valid_from or 0)
    high = min(a.valid_to or 9999, b.valid_to or 9999)
    return low <= high


def entries_to_tsv(entries: Iterable[CodeEntry]) -> str:
    """The shipped tab-separated form of a table (read back by ``parse_tsv``).

    Raises:
        ValidationError: a field holds a tab or a line break.
    """
    lines = ["\t".join(TABLE_COLUMNS)]
    for e in entries:
        cells = (
            e.code,
            e.name,
            e.level.value,
            e.parent or "",
            "" if e.valid_from is None else str(e.valid_from),
            "" if e.valid_to is None else str(e.valid_to),
            e.years,
            e.confidence.value,
            e.source,
            e.note,
            "complete" if e.children_complete else "",
        )
        for cell in cells:
            if "\t" in cell or "\n" in cell:
                raise ValidationError(
                    "字段含制表符或换行",
                    "a field holds a tab or a line break",
                    field="code",
                    value=e.code,
                    expected="single-line text without tabs",
                )
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


@final
@attrs.frozen(slots=True, kw_only=True)
class CrosswalkLink:
    """One line of a 两套支出经济分类科目对照表: a 部门预算 款 mapped to a 政府预算 款.

    Attributes:
        department: the 部门预算支出经济分类 款 (3xxxx).
        government: the 政府预算支出经济分类 款 (5xxxx) it is reported under.
        year: the year of the 对照表.
        url: where the 对照表 was read.
        title: its title.
        publisher: who published it.
        note: what the source leaves unclear.
    """

    department: str
    government: str
    year: int
    url: str
    title: str
    publisher: str
    note: str = ""


def parse_crosswalk(text: str, *, year: int, file: str) -> tuple[CrosswalkLink, ...]:
    """The links of one year's crosswalk file.

    Raises:
        ParseError: a bad header or column count, or codes that are not a 5xx and a 3xx 款.
    """
    links = []
    for number, row in _rows(text, CROSSWALK_COLUMNS, file):
        government, department = row["government"], row["department"]
        if not (
            len(government) == len(department) == 5
            and government.isdigit()
            and department.isdigit()
            and government[0] == "5"
            and department[0] == "3"
        ):
            raise ParseError(
                "对照关系有误",
                "bad crosswalk line",
                file=file,
                row=number,
                value=f"{government} {department}",
                expected="a 5xxxx 政府预算 款 and a 3xxxx 部门预算 款",
            )
        links.append(
            CrosswalkLink(
                department=department,
                government=government,
                year=year,
                url=row["url"],
                title=row["title"],
                publisher=row["publisher"],
                note=row["note"],
            )
        )
    return tuple(links)


def crosswalk_to_tsv(links: Iterable[CrosswalkLink]) -> str:
    """The shipped crosswalk (department, government, years, source), one line per pair."""
    merged: dict[tuple[str, str], list[CrosswalkLink]] = defaultdict(list)
    for link in links:
        merged[(link.department, link.government)].append(link)
    lines = ["department\tgovernment\tyears\tsource"]
    for (department, government), found in sorted(merged.items()):
        years = "; ".join(dict.fromkeys(str(x.year) for x in sorted(found, key=lambda x: x.year)))
        source = " | ".join(dict.fromkeys(x.url for x in found))
        lines.append(f"{department}\t{government}\t{years}\t{source}")
    return "\n".join(lines) + "\n"
