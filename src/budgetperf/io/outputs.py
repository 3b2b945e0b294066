"""The JSON shapes of every output (输出的 JSON 形状): score sheets, findings, batch outcomes,
summaries — each written by one function here, each with a published JSON Schema.

Every output names its document by the same join keys (关联键) — ``batch``, ``document``
(0-based index in the batch), ``document_type``, ``department``, ``project_code``,
``project``, ``sub_project``, ``year``, ``layout`` and ``rules`` — so that a finding, a
score sheet and an outcome join to each other and to the flat tables of
:mod:`budgetperf.io.flat` without parsing a path. Every object carries ``"type"``: a JSON
Lines stream may mix them (``audit``, ``score`` of several projects).

    >>> from budgetperf import examples, check
    >>> batch = examples.load("ziyang-2022")
    >>> found = check(batch)
    >>> line = finding_object(found[0], batch=batch)
    >>> line["type"], line["document"], line["department"], line["path"].startswith("$.")
    ('finding', 0, '益阳市科学技术协会', True)

The schemas' ``$id`` are URNs under :data:`SCHEMA_BASE` (``urn:budgetperf:schema:``): the
project publishes no web address of its own, and a URN names a schema for as long as the
format lives without claiming a host. ``python -m budgetperf.io.outputs DIR`` writes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from budgetperf._resources import data_file
from budgetperf.checks.finding import Finding, Severity
from budgetperf.io._hooks import unstructure
from budgetperf.io.json import DOCUMENT_TYPES
from budgetperf.io.schema import (
    DECIMAL_PATTERN,
    PROJECT_CODE_PATTERN,
    SCHEMA_BASE,
    _Builder,
    schema_id,
)
from budgetperf.model.evaluation import (
    Batch,
    Document,
    FinalAccounts,
    ProjectEvaluation,
)
from budgetperf.model.indicators import Grade
from budgetperf.scoring.aggregate import Summary
from budgetperf.scoring.rules import RuleSet, default_rules_for
from budgetperf.scoring.score import ScoreSheet

if TYPE_CHECKING:
    from budgetperf.bulk import Outcome

__all__ = [
    "DOCUMENT_KEYS",
    "KEYS",
    "SCHEMAS",
    "SCHEMA_BASE",
    "document_index",
    "document_keys",
    "dumps",
    "finding_object",
    "keys_of",
    "outcome_object",
    "output_schema",
    "schema_id",
    "score_sheet_object",
    "shipped_output_schema",
    "summary_object",
    "unparsed_object",
]

DOCUMENT_KEYS: Final = (
    "batch",
    "document",
    "document_type",
    "department",
    "project_code",
    "project",
    "sub_project",
    "year",
    "layout",
)
"""The keys that name a document, in this order."""

KEYS: Final = (*DOCUMENT_KEYS, "rules")
"""The join keys of every output: the document's keys and the rule set it was judged by."""

SCHEMAS: Final = ("finding", "score-sheet", "outcome", "summary")
"""The output schemas shipped beside the document schema (``<name>-1.schema.json``)."""

_TYPE_NAMES: Final = {cls: name for name, cls in DOCUMENT_TYPES.items()}
_PREFIX: Final = re.compile(r"^\$\.documents\[(\d+)\]")


# -- join keys -------------------------------------------------------------------------


def document_keys(
    document: Document, *, batch: str | None = None, index: int | None = None
) -> dict[str, Any]:
    """The keys that name ``document`` (:data:`DOCUMENT_KEYS`; None where a kind has none)::

    >>> from budgetperf import examples
    >>> doc = examples.load("liangshan-2023").documents[11]
    >>> keys = document_keys(doc, batch="liangshan-2023", index=11)
    >>> keys["project_code"], keys["project"], keys["year"], keys["layout"]
    ('51340022T000000278908', '凉山州级科普专项经费', 2023, 'sichuan-2023')
    """
    project = document if isinstance(document, ProjectEvaluation) else None
    return _keys(
        batch,
        index,
        _TYPE_NAMES[type(document)],
        document.department,
        str(project.code) if project is not None and project.code else None,
        project.name if project is not None else None,
        project.sub_project if project is not None else None,
        document.year,
        document.layout if not isinstance(document, FinalAccounts) else None,
    )


def _keys(
    batch: str | None,
    index: int | None,
    document_type: str,
    department: str,
    project_code: str | None,
    project: str | None,
    sub_project: str | None,
    year: int,
    layout: str | None,
) -> dict[str, Any]:
    """:data:`DOCUMENT_KEYS` from their values (in the order of their names there)."""
    return dict(
        zip(
            DOCUMENT_KEYS,
            (
                batch,
                index,
                document_type,
                department,
                project_code,
                project,
                sub_project,
                year,
                layout,
            ),
            strict=True,
        )
    )


def project_key_pairs(
    *,
    index: int | None,
    department: str,
    project_code: str | None,
    project: str,
    sub_project: str,
    year: int,
    layout: str,
    rules: str,
    batch: str | None = None,
) -> tuple[tuple[str, Any], ...]:
    """:func:`keys_of` a project self-evaluation as the (key, value) pairs of
    ``Outcome.keys``, from its values (the batch fast path)::

    >>> a = project_key_pairs(index=0, department="某局", project_code=None, project="甲",
    ...     sub_project="", year=2023, layout="sichuan-2023", rules="sichuan-2023")
    >>> b = project_key_pairs(index=1, department="某局", project_code=None, project="乙",
    ...     sub_project="", year=2023, layout="sichuan-2023", rules="sichuan-2023")
    >>> tuple(name for name, _ in a) == KEYS, a[3], a[3] is b[3]
    (True, ('department', '某局'), True)

    The pairs whose values recur from line to line (batch, type, department, sub-project,
    year, layout, rule set) are the very tuples of earlier outcomes (:func:`_shared_pair`):
    a batch's outcomes kept in memory (``list(evaluate_lines(…))``) then hold 5 objects
    each that the collector tracks instead of 12, and it runs less than half as often
    (measured: 8 % of a clean line's cost on the fast path)."""
    return (
        _NO_BATCH if batch is None else _shared_pair("batch", batch),
        ("document", index),
        _PROJECT_TYPE_PAIR,
        _shared_pair("department", department),
        ("project_code", project_code),
        ("project", project),
        _shared_pair("sub_project", sub_project),
        _shared_pair("year", year),
        _shared_pair("layout", layout),
        _shared_pair("rules", rules),
    )


_SHARED_PAIRS: dict[tuple[str, Any], tuple[str, Any]] = {}
"""The recurring (key, value) pairs of the outcomes made lately, each under itself."""
_SHARED_PAIRS_BOUND: Final = 4096
_NO_BATCH: Final = ("batch", None)
_PROJECT_TYPE_PAIR: Final = ("document_type", _TYPE_NAMES[ProjectEvaluation])


def _shared_pair(name: str, value: str | int) -> tuple[str, Any]:
    """The pair (``name``, ``value``): the tuple made for an equal pair lately, where there
    is one (kept bounded). Equal pairs are alike: each key's values are of one type."""
    pair = (name, value)
    found = _SHARED_PAIRS.get(pair)
    if found is None:
        if len(_SHARED_PAIRS) >= _SHARED_PAIRS_BOUND:
            _SHARED_PAIRS.clear()
        found = _SHARED_PAIRS[pair] = pair
    return found


def keys_of(
    document: Document,
    *,
    batch: str | None = None,
    index: int | None = None,
    rules: RuleSet | str | None = None,
) -> dict[str, Any]:
    """:data:`KEYS`: the document's keys and the name of the rule set that applies to it
    (``rules`` or its layout's; None for final accounts, which are checked, not scored)."""
    name = None if isinstance(document, FinalAccounts) else default_rules_for(document, rules).name
    return {**document_keys(document, batch=batch, index=index), "rules": name}


def _empty_keys() -> dict[str, Any]:
    return dict.fromkeys(KEYS)


def document_index(path: str) -> tuple[int | None, str]:
    """The document index a batch path names and the path inside that document::

    >>> document_index("$.documents[11].indicators[3]")
    (11, '$.indicators[3]')
    >>> document_index("$.indicators[3]")
    (None, '$.indicators[3]')
    """
    match = _PREFIX.match(path)
    if match is None:
        return None, path
    return int(match[1]), "$" + path[match.end() :]


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _finding_core(f: Finding, path: str) -> dict[str, Any]:
    # The first six keys in this order are the findings of a batch outcome since 0.1.
    return {
        "code": f.code,
        "severity": f.severity.value,
        "path": path,
        "message": f.message,
        "expected": f.expected,
        "reported": f.reported,
        "title": f.document,
        "source_text": f.source_text,
        "locale": f.locale,
    }


def finding_object(
    finding: Finding,
    *,
    batch: Batch | Document | None = None,
    batch_name: str | None = None,
    rules: RuleSet | str | None = None,
) -> dict[str, Any]:
    """One finding as its JSON object (schema ``finding``), naming its document by the keys.

    ``batch``: what was checked; a path ``$.documents[i]…`` then names document ``i`` of it
    and ``path`` becomes the path inside that document. ``batch_name`` defaults to the
    batch's name.
    """
    index, path = document_index(finding.path)
    keys = _empty_keys()
    document: Document | None = None
    name: str | None
    if isinstance(batch, Batch):
        if index is not None and 0 <= index < len(batch.documents):
            document = batch.documents[index]
        name = batch.name if batch_name is None else batch_name
    else:
        document, name, path = batch, batch_name, finding.path
        index = None if batch is None else 0
    if document is not None:
        keys = keys_of(document, batch=name, index=index, rules=rules)
    else:
        keys.update(batch=name, document=index)
    return {"type": "finding", **keys, **_finding_core(finding, path)}


def unparsed_object(
    location: str, reason: str, text: str, *, batch: str | None = None, strict: bool = False
) -> dict[str, Any]:
    """Content that could not be understood, as a finding (code ``audit.unparsed``)."""
    unread = Finding(
        code="audit.unparsed",
        severity=Severity.ERROR if strict else Severity.INFO,
        path=location,
        template="{reason}",
        params={"reason": reason},
        reported=text,
        source_text=text,
    )
    keys = _empty_keys()
    keys["batch"] = batch
    return {"type": "finding", **keys, **_finding_core(unread, location)}


def score_sheet_object(
    sheet: ScoreSheet,
    document: Document | None = None,
    *,
    batch: str | None = None,
    index: int | None = None,
) -> dict[str, Any]:
    """One score sheet as its JSON object (schema ``score-sheet``): the join keys, then every
    field of :class:`~budgetperf.scoring.score.ScoreSheet` as :mod:`budgetperf.io.json`
    writes figures (decimal strings)."""
    keys = _empty_keys()
    if document is not None:
        keys.update(document_keys(document, batch=batch, index=index))
    else:
        keys.update(batch=batch, document=index)
    body = unstructure(sheet)
    assert isinstance(body, dict)
    keys["rules"] = body.pop("rules")
    return {"type": "score_sheet", **keys, **body}


def summary_object(summary: Summary, *, batch: str | None = None) -> dict[str, Any]:
    """A summary as its JSON object (schema ``summary``): counts, exact means, grades (every
    grade, in order), and each sheet not averaged with its reason."""
    return {
        "type": "summary",
        "batch": batch,
        # The rule set every sheet was scored by (None when they differ or there are none).
        "rules": rules.pop() if len(rules := {s.rules for s in summary.sheets}) == 1 else None,
        "count": summary.count,
        "scored": summary.scored,
        "mean": _decimal(summary.mean),
        "budget_weighted_mean": _decimal(summary.budget_weighted_mean),
        "reported_mean": _decimal(summary.reported_mean),
        "grades": {grade.value: count for grade, count in summary.grades},
        "left_out": [{"title": title, "reason": reason} for title, reason in summary.left_out],
    }


def outcome_object(outcome: Outcome, *, batch: str | None = None) -> dict[str, Any]:
    """One batch outcome as its JSON object (schema ``outcome``).

    The keys up to ``findings`` are those of 0.1 in their order; the join keys follow
    (``document`` equals ``index``). Findings carry no keys of their own: their document
    is the outcome's, and their paths are inside it.
    """
    keys = dict.fromkeys(KEYS) | dict(outcome.keys)
    keys.update(batch=batch, document=outcome.index)
    return {
        "index": outcome.index,
        "line": outcome.line or outcome.index + 1,
        "title": outcome.title,
        "total": _decimal(outcome.total),
        "reported_total": _decimal(outcome.reported_total),
        "grade": outcome.grade,
        "error": outcome.error or None,
        "findings": [_finding_core(f, f.path) for f in outcome.findings],
        "type": "outcome",
        **keys,
    }


def dumps(obj: Mapping[str, Any]) -> str:
    """One output object as one JSON line (UTF-8 characters kept, no newline): what
    ``json.dumps(obj, ensure_ascii=False)`` writes, by one encoder made once (``json.dumps``
    with an argument makes one a call: a fifth of the cost of an outcome's line)."""
    return _ENCODE(obj)


_ENCODE: Final = json.JSONEncoder(ensure_ascii=False).encode


# -- the schemas -----------------------------------------------------------------------

_NULLABLE_STRING: Final = {"type": ["string", "null"]}


def _keys_schema() -> dict[str, Any]:
    return {
        "batch": {**_NULLABLE_STRING, "description": "批次名 (the batch's name)"},
        "document": {
            "type": ["integer", "null"],
            "minimum": 0,
            "description": "文档在批次中的序号 (0-based index of the document in the batch)",
        },
        "document_type": {"enum": [*DOCUMENT_TYPES, None]},
        "department": _NULLABLE_STRING,
        "project_code": {
            "anyOf": [{"type": "string", "pattern": PROJECT_CODE_PATTERN}, {"type": "null"}],
            "description": "项目编码",
        },
        "project": _NULLABLE_STRING,
        "sub_project": _NULLABLE_STRING,
        "year": {"type": ["integer", "null"]},
        "layout": _NULLABLE_STRING,
        "rules": {**_NULLABLE_STRING, "description": "评分规则集 (the rule set's name)"},
    }


def _decimal_schema(nullable: bool = True) -> dict[str, Any]:
    text = {"type": "string", "pattern": DECIMAL_PATTERN}
    return {"anyOf": [text, {"type": "null"}]} if nullable else text


def _finding_core_schema() -> dict[str, Any]:
    properties = {
        "code": {
            "type": "string",
            "description": "stable identifier, e.g. statement.change_percent",
        },
        "severity": {"enum": [s.value for s in Severity]},
        "path": {"type": "string", "description": "JSON path inside the document"},
        "message": {"type": "string"},
        "expected": _NULLABLE_STRING,
        "reported": _NULLABLE_STRING,
        "title": {"type": "string", "description": "the document's title"},
        "source_text": {"type": "string"},
        "locale": {"type": "string"},
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "description": "检查发现 (one finding; paths inside the document)",
    }


def _envelope(name: str, title: str, description: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(name),
        "title": title,
        "description": description,
        **body,
    }


def _object(properties: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "description": description,
    }


def output_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output (:data:`SCHEMAS`), derived here from
    the writers' own vocabulary (and, for score sheets, from the model's types)."""
    keys = _keys_schema()
    if name == "finding":
        core = _finding_core_schema()
        return _envelope(
            name,
            "budgetperf finding",
            "检查发现：一行一项，以关联键指明文档 | one finding, naming its document by the join keys",
            _object(
                {"type": {"const": "finding"}, **keys, **core["properties"]},
                core["description"],
            ),
        )
    if name == "score-sheet":
        builder = _Builder()
        builder.defs["Decimal"] = _decimal_schema(nullable=False)
        sheet = builder.object(ScoreSheet)
        sheet["properties"].pop("rules")
        return _envelope(
            name,
            "budgetperf score sheet",
            "评分表：规则得分与填报得分逐行对照 | a score sheet: rule and reported scores line by line",
            {
                **_object(
                    {"type": {"const": "score_sheet"}, **keys, **sheet["properties"]},
                    "评分表 (one document's score sheet)",
                ),
                "$defs": dict(sorted(builder.defs.items())),
            },
        )
    if name == "outcome":
        properties = {
            "index": {"type": "integer", "minimum": 0},
            "line": {"type": "integer", "minimum": 1},
            "title": {"type": "string"},
            "total": _decimal_schema(),
            "reported_total": _decimal_schema(),
            "grade": {"enum": [g.value for g in Grade] + [""]},
            "error": _NULLABLE_STRING,
            "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
            "type": {"const": "outcome"},
            **keys,
        }
        return _envelope(
            name,
            "budgetperf batch outcome",
            "批量评价的一行结果 | the outcome of one JSON Lines document",
            {
                **_object(properties, "一行结果 (one outcome)"),
                "$defs": {"Finding": _finding_core_schema()},
            },
        )
    if name == "summary":
        properties = {
            "type": {"const": "summary"},
            "batch": keys["batch"],
            "rules": keys["rules"],
            "count": {"type": "integer", "minimum": 0},
            "scored": {"type": "integer", "minimum": 0},
            "mean": _decimal_schema(),
            "budget_weighted_mean": _decimal_schema(),
            "reported_mean": _decimal_schema(),
            "grades": {
                "type": "object",
                "properties": {g.value: {"type": "integer", "minimum": 0} for g in Grade},
                "additionalProperties": False,
            },
            "left_out": {
                "type": "array",
                "items": _object(
                    {"title": {"type": "string"}, "reason": {"type": "string"}},
                    "a sheet not averaged, and why",
                ),
            },
        }
        return _envelope(
            name,
            "budgetperf summary",
            "项目自评汇总 | totals over a set of project evaluations",
            _object(properties, "汇总 (a summary)"),
        )
    raise ValueError(f"no output schema {name!r}; one of {', '.join(SCHEMAS)}")


def shipped_output_schema(name: str) -> dict[str, Any]:
    """The schema file of one output, as shipped in the package."""
    resource = data_file("budgetperf.io", "schema", f"{name}-1.schema.json")
    result: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return result


def write_schemas(directory: str) -> list[str]:
    """Write every output schema into ``directory``; returns the paths written."""
    from pathlib import Path

    written = []
    for name in SCHEMAS:
        path = Path(directory) / f"{name}-1.schema.json"
        path.write_text(
            json.dumps(output_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written.append(str(path))
    return written


if __name__ == "__main__":  # pragma: no cover
    import sys

    for target in sys.argv[1:]:
        write_schemas(target)
