"""The accounts corpus: final accounts written by hand beside entries of the statements corpus.

``tests/corpus/statements/s-NNN.accounts.expected.json`` holds, for an entry that is a department's
or a government level's final accounts (决算), the :class:`FinalAccounts` fields its text
states for its own year, amounts as printed with their unit: ``fields`` (totals, 基本/项目,
人员/公用经费 …), ``three_public`` (the parts of 三公经费), ``income`` (by source),
``procurement`` (政府采购: amounts, and the shares as printed percents) and ``state_assets``
(车辆 and 大型设备 counts, ``vehicle_kinds`` by the kind's printed name). A field
the text does not state is left out. :func:`differences` compares them with what the audit
reads, field by field: an amount equals another in any unit ("0.00万元" equals "0元").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from budgetperf.audit import audit_text
from budgetperf.model.evaluation import FinalAccounts
from budgetperf.model.funding import FundingSource
from budgetperf.money import Amount, Unit
from budgetperf.statements import normalise

CORPUS = Path(__file__).parent / "corpus" / "statements"

THREE_PUBLIC = (
    "outbound",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "domestic_reception",
    "foreign_reception",
    "reported_vehicle_total",
    "reported_total",
    "budget",
)
FIELDS = (
    "income_total",
    "expenditure_total",
    "grand_total",
    "initial_budget_total",
    "general_budget_expenditure",
    "basic",
    "project",
    "personnel",
    "public",
    "operating_expenses",
)


PROCUREMENT_AMOUNTS = (
    "total",
    "goods",
    "works",
    "services",
    "sme_contracts",
    "small_micro_contracts",
)
PROCUREMENT_PERCENTS = ("sme_share_percent", "small_micro_share_percent")
ASSET_COUNTS = ("vehicles", "equipment_over_million")


@attrs.frozen
class Entry:
    name: str
    body: str
    expected: dict[str, Any]


def entries() -> Iterator[Entry]:
    """The entries with hand-written accounts, in file order."""
    for path in sorted(CORPUS.glob("s-*.accounts.expected.json")):
        stem = path.name.removesuffix(".accounts.expected.json")
        raw = (CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
        body = raw.partition("\n---\n")[2]
        yield Entry(stem, body, json.loads(path.read_text(encoding="utf-8")))


def accounts_of(body: str, name: str) -> FinalAccounts | None:
    """The final accounts the audit reads from an entry's text, if any."""
    result = audit_text(body, file=f"{name}.txt")
    found = [d for d in result.batch.documents if isinstance(d, FinalAccounts)]
    return found[0] if found else None


def _yuan(amount: Amount | None) -> str | None:
    return None if amount is None else f"{amount.to(Unit.YUAN).value.normalize():f}"


def _kind(name: str) -> str:
    """A vehicle kind's name compared as the grammar normalises it ("(省)" is "（省）")."""
    return normalise(name).text


def flatten(accounts: FinalAccounts | None) -> dict[str, str]:
    """Every stated field of ``accounts`` as ``name: amount in 元``."""
    out: dict[str, str] = {}
    if accounts is None:
        return out
    for name in FIELDS:
        if (value := _yuan(getattr(accounts, name))) is not None:
            out[name] = value
    if accounts.three_public is not None:
        for name in THREE_PUBLIC:
            if (value := _yuan(getattr(accounts.three_public, name))) is not None:
                out[f"three_public.{name}"] = value
    for line in accounts.income:
        out[f"income.{line.source.value}"] = _yuan(line.amount) or ""
    procurement = accounts.procurement
    if procurement is not None:
        for name in PROCUREMENT_AMOUNTS:
            if (value := _yuan(getattr(procurement, name))) is not None:
                out[f"procurement.{name}"] = value
        for name in PROCUREMENT_PERCENTS:
            if (percent := getattr(procurement, name)) is not None:
                out[f"procurement.{name}"] = f"{percent.normalize():f}"
    assets = accounts.state_assets
    if assets is not None:
        for name in ASSET_COUNTS:
            if (count := getattr(assets, name)) is not None:
                out[f"state_assets.{name}"] = str(count)
        for part in assets.vehicle_kinds:
            out[f"state_assets.vehicle_kinds.{_kind(part.kind)}"] = str(part.count)
    return out


def expected_flat(expected: dict[str, Any]) -> dict[str, str]:
    """The hand-written fields in the shape of :func:`flatten`."""
    out: dict[str, str] = {}
    for name, text in expected.get("fields", {}).items():
        out[name] = _yuan(Amount.parse(text)) or ""
    for name, text in expected.get("three_public", {}).items():
        out[f"three_public.{name}"] = _yuan(Amount.parse(text)) or ""
    for name, text in expected.get("income", {}).items():
        out[f"income.{FundingSource.parse(name).value}"] = _yuan(Amount.parse(text)) or ""
    for name, text in expected.get("procurement", {}).items():
        if name in PROCUREMENT_PERCENTS:  # a printed percent: "76.39"
            out[f"procurement.{name}"] = f"{Decimal(text).normalize():f}"
        else:
            out[f"procurement.{name}"] = _yuan(Amount.parse(text)) or ""
    assets = expected.get("state_assets", {})
    for name in ASSET_COUNTS:
        if name in assets:
            out[f"state_assets.{name}"] = str(int(assets[name]))
    for kind, count in assets.get("vehicle_kinds", {}).items():
        out[f"state_assets.vehicle_kinds.{_kind(kind)}"] = str(int(count))
    return out


def differences(entry: Entry) -> list[str]:
    """Each field the audit reads otherwise than written by hand: missing, extra or different."""
    accounts = accounts_of(entry.body, entry.name)
    read = flatten(accounts)
    want = expected_flat(entry.expected)
    out = []
    if accounts is not None and accounts.year != entry.expected["year"]:
        out.append(f"{entry.name} year: read {accounts.year}, written {entry.expected['year']}")
    for name in sorted(set(read) | set(want)):
        if read.get(name) != want.get(name):
            out.append(
                f"{entry.name} {name}: read {read.get(name, '—')}, written {want.get(name, '—')}"
            )
    return out
