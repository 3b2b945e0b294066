"""Build and lint the classification tables shipped in ``budgetperf.classification.data`` (TSV).

Usage::

    python scripts/build_tables.py SOURCE_DIR   # rebuild from the gathered CSVs, then lint
    python scripts/build_tables.py --lint       # lint the shipped tables only

SOURCE_DIR holds ``functional.csv``, ``economic_department.csv`` and
``economic_government.csv`` with the columns code, name, level, parent, years, source,
confidence (see docs/classification.md). The ``years`` column is free text as read in the
sources ("2023", "2014-2018", "pre-2019" …); this script turns it into the machine-readable
``valid_from``/``valid_to`` columns and keeps the original text beside them.

The official 《政府收支分类科目》 is published as PDF, so it cannot be imported
automatically; a user who holds a machine-readable edition loads it at run time with
``budgetperf.classification.load_table``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "budgetperf" / "classification" / "data"
EDITION = 2023  # the edition the gathered tables were checked against (财预〔2022〕107号)
TABLES = ("functional", "economic_department", "economic_government")
COLUMNS = (
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
)

# Rename years that no source gave; chosen here and written into the row's note.
ASSUMED = {
    ("20805", "行政事业单位离退休"): (
        None,
        2020,
        "rename year to 行政事业单位养老支出 unconfirmed (2020–2022); 2021 assumed; "
        "the old name is still printed in 2023 and 2025 决算 and is accepted as an alias",
    ),
}


def bounds(years: str) -> tuple[int | None, int | None]:
    text = years.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{4})", text):
        # A range reaching the edition year means "still in force": leave the end open.
        end = int(m[2])
        return int(m[1]), (None if end >= EDITION else end)
    if m := re.fullmatch(r"pre-(\d{4})", text):
        return None, int(m[1]) - 1
    # A list of years where a name was seen ("2023; 2025", "pre-2018; 2020"), or a single
    # year: the name holds from (unknown) to (open). Renames are bounded below by the rows
    # for older names, see link_renames().
    return None, None


def link_renames(rows: list[dict[str, str]]) -> None:
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_code[row["code"]].append(row)
    for same in by_code.values():
        ended = [int(r["valid_to"]) for r in same if r["valid_to"]]
        if not ended:
            continue
        last = max(ended)
        for row in same:
            if not row["valid_to"] and not row["valid_from"]:
                row["valid_from"] = str(last + 1)


SEED_REPORTS = {
    "000_b51ef7a763712646.txt": "河池 2020 项目支出绩效自评",
    "002_a45521c9d62b1714.txt": "凉山州科学技术协会 2023 年度部门决算",
    "003_a553ab9bd1ee855c.txt": "韶关市科学技术协会 2019 部门整体支出绩效自评",
    "004_84db311f1cb11e2c.txt": "益阳市资阳区科学技术协会 2022 项目支出绩效自评",
}


def cite(source: str) -> str:
    """Source text as shipped: published reports by name, code fixtures without index ids."""
    parts = []
    for part in source.split(" | "):
        part = part.strip()
        if m := re.fullmatch(r"shared/seeds/(\S+)", part):
            part = f"{SEED_REPORTS.get(m[1], m[1])} ({m[1]})"
        part = re.sub(r"GitHub[^|]*?file id \d+", "public code on GitHub (test data)", part)
        if part not in parts:
            parts.append(part)
    return " | ".join(parts)


def build(source: Path) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with (source / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            rows_in = list(csv.DictReader(handle))
        rows = []
        for r in rows_in:
            start, end = bounds(r["years"])
            note = ""
            if (r["code"], r["name"]) in ASSUMED:
                start, end, note = ASSUMED[(r["code"], r["name"])]
            rows.append(
                {
                    "code": r["code"],
                    "name": r["name"],
                    "level": r["level"],
                    "parent": r["parent"],
                    "valid_from": "" if start is None else str(start),
                    "valid_to": "" if end is None else str(end),
                    "years": r["years"],
                    "confidence": r["confidence"],
                    "source": cite(r["source"]),
                    "note": note,
                }
            )
        link_renames(rows)
        target = DATA / f"{table}_{EDITION}.tsv"
        # Tab-separated without quoting, so the pure core reads it without the csv module.
        lines = ["\t".join(COLUMNS)]
        for row in rows:
            if any("\t" in v or "\n" in v for v in row.values()):
                raise SystemExit(f"{table}: a field holds a tab or newline: {row}")
            lines.append("\t".join(row[c] for c in COLUMNS))
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {target.name}: {len(rows)} rows")


def lint() -> int:
    problems = []
    for path in sorted(DATA.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        seen = set()
        codes = {r["code"] for r in rows}
        for n, r in enumerate(rows, start=2):
            key = (r["code"], r["name"])
            if key in seen:
                problems.append(f"{path.name}:{n}: duplicate {key}")
            seen.add(key)
            if not r["name"].strip():
                problems.append(f"{path.name}:{n}: empty name")
            if r["parent"] and r["parent"] not in codes:
                problems.append(f"{path.name}:{n}: parent {r['parent']} missing")
            if r["confidence"] not in ("confirmed", "recalled"):
                problems.append(f"{path.name}:{n}: confidence {r['confidence']!r}")
    for p in problems:
        print(p)
    print("lint:", "ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] != "--lint":
        build(Path(sys.argv[1]))
    sys.exit(lint())
