"""Build the shipped classification tables from the evidence files, or check them.

Usage::

    python scripts/build_classification.py           # rebuild the shipped TSV files
    python scripts/build_classification.py --check   # exit 1 if they differ from a rebuild
    python scripts/build_classification.py --report  # counts (as in the docs), unused evidence

Inputs (see docs/classification.md): ``data/classification/evidence/<year>.tsv`` — every
(code, name) pair read in a source of that year — and ``data/classification/scaffold/
<table>.tsv`` — rows without a source yet and the bounds of known renames. The rules that
join them live in ``budgetperf.classification.evidence``; this script only reads and writes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from budgetperf.classification import TableKind
from budgetperf.classification.evidence import (
    BuildReport,
    CrosswalkLink,
    Evidence,
    build_entries,
    crosswalk_to_tsv,
    entries_to_tsv,
    parse_crosswalk,
    parse_evidence,
    parse_scaffold,
)
from budgetperf.classification.table import CodeEntry

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = ROOT / "data" / "classification" / "evidence"
SCAFFOLD = ROOT / "data" / "classification" / "scaffold"
CROSSWALK = ROOT / "data" / "classification" / "crosswalk"
DATA = ROOT / "src" / "budgetperf" / "classification" / "data"
EDITION = 2023  # the shipped files keep their name; rows carry their own years


def load_evidence() -> tuple[Evidence, ...]:
    found: list[Evidence] = []
    for path in sorted(EVIDENCE.glob("*.tsv")):
        year = int(path.stem)
        found.extend(parse_evidence(path.read_text(encoding="utf-8"), year=year, file=str(path)))
    return tuple(found)


def load_crosswalk() -> tuple[CrosswalkLink, ...]:
    links: list[CrosswalkLink] = []
    for path in sorted(CROSSWALK.glob("*.tsv")):
        links.extend(
            parse_crosswalk(path.read_text(encoding="utf-8"), year=int(path.stem), file=str(path))
        )
    return tuple(links)


def build() -> dict[TableKind, tuple[tuple[CodeEntry, ...], BuildReport]]:
    evidence = load_evidence()
    built = {}
    for kind in TableKind:
        path = SCAFFOLD / f"{kind.value}.tsv"
        scaffold = parse_scaffold(path.read_text(encoding="utf-8"), file=str(path))
        built[kind] = build_entries(kind, scaffold, evidence)
    return built


def target(kind: TableKind) -> Path:
    return DATA / f"{kind.value}_{EDITION}.tsv"


def report(built: dict[TableKind, tuple[tuple[CodeEntry, ...], BuildReport]]) -> None:
    for kind, (entries, info) in built.items():
        counts = Counter((e.level.value, e.confidence.value) for e in entries)
        print(f"{kind.value}: {len(entries)} rows, {len({e.code for e in entries})} codes")
        for (level, confidence), n in sorted(counts.items()):
            print(f"  {level} {confidence}: {n}")
        for e in info.orphans:
            print(f"  orphan (no parent row): {e.code} {e.name} ({e.year}, {e.url})")
        for e in info.rejected:
            print(f"  rejected: {e.code} {e.name} ({e.year}): {e.note}")
        for line in info.disagreements:
            print(f"  names: {line}")


def counts_markdown(built: dict[TableKind, tuple[tuple[CodeEntry, ...], BuildReport]]) -> str:
    """The table of rows per level and confidence that docs/classification.md shows."""
    order = ("official", "attested", "single", "recalled")
    lines = [
        "| table | level | " + " | ".join(order) + " | rows |",
        "|---|---|" + "---|" * (len(order) + 1),
    ]
    for kind, (entries, _) in built.items():
        for level in ("类", "款", "项"):
            mine = [e for e in entries if e.level.value == level]
            if not mine:
                continue
            counts = Counter(e.confidence.value for e in mine)
            cells = " | ".join(str(counts.get(c, 0)) for c in order)
            lines.append(f"| {kind.value} | {level} | {cells} | {len(mine)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    built = build()
    if "--report" in argv:
        report(built)
        print(counts_markdown(built))
        return 0
    stale = []
    for kind, (entries, _) in built.items():
        text = entries_to_tsv(entries)
        path = target(kind)
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}: {len(entries)} rows")
    crosswalk = DATA / "crosswalk.tsv"
    text = crosswalk_to_tsv(load_crosswalk())
    if "--check" in argv:
        if not crosswalk.exists() or crosswalk.read_text(encoding="utf-8") != text:
            stale.append(crosswalk.name)
    else:
        crosswalk.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run scripts/build_classification.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
