"""Audit a published report (报告审计): read it, extract its tables and figures, check them.

    >>> result = audit_text("2023年度收、支总计均为874.05万元。与2022年度相比，收、支总计各减少3.42万元，下降4%。")
    >>> f = result.findings[0]
    >>> f.code, f.expected, f.reported
    ('statement.change_percent', '0.39（0.38–0.40）', '4')
    >>> f.source_text
    '2023年度收、支总计均为874.05万元。与2022年度相比，收、支总计各减少3.42万元，下降4%'

The extraction works from header names and sentence shapes, not from a template per
province; what it cannot understand is listed in ``unparsed`` with its location.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final

import attrs

from budgetperf import layouts
from budgetperf.audit.readers import (
    DEFAULT_LIMITS,
    Block,
    Flattening,
    Grid,
    Limits,
    Paragraph,
    read_docx,
    read_file,
    read_html,
    read_text,
)
from budgetperf.audit.sentences import FinalAccountsText, document_year, extract_final_accounts
from budgetperf.audit.tables import Unparsed, extract_projects
from budgetperf.checks import Finding, check
from budgetperf.errors import shorten
from budgetperf.model.evaluation import (
    Batch,
    DepartmentEvaluation,
    Dimension,
    Document,
    FinalAccounts,
    ProjectEvaluation,
    SourceRef,
)
from budgetperf.model.indicators import Grade
from budgetperf.scoring.rules import RuleSet

__all__ = [
    "AuditResult",
    "Block",
    "Limits",
    "Unparsed",
    "audit",
    "audit_blocks",
    "audit_text",
    "read_docx",
    "read_file",
    "read_html",
    "read_text",
]


@attrs.frozen(slots=True, kw_only=True)
class AuditResult:
    """What an audit found.

    Attributes:
        batch: the documents extracted, in the order they appear.
        findings: the checks' findings on them, each quoting its sentence or table cells.
        unparsed: what could not be understood (sentences, tables), with locations.
    """

    batch: Batch
    findings: tuple[Finding, ...]
    unparsed: tuple[Unparsed, ...]


_DIMENSION = re.compile(
    # Bounded repetitions: an unbounded lazy run after an optional number is quadratic on a
    # long run of digits.
    r"(?:^|\d{1,3}\.\s*)(\S{1,40}?)(?:情况)?。\s*指标分值\s*(\d{1,4}(?:\.\d{1,4})?)\s*分[,，]\s*自评得分\s*(\d{1,4}(?:\.\d{1,4})?)\s*分"
)


def _department(
    blocks: Sequence[Block], year: int | None, file: str
) -> DepartmentEvaluation | None:
    dimensions = []
    for block in blocks:
        if block.kind == "paragraph" and "指标分值" in block.text:
            for m in _DIMENSION.finditer(block.text):
                dimensions.append(
                    Dimension(
                        name=m.group(1),
                        weight=Decimal(m.group(2)),
                        reported_score=Decimal(m.group(3)),
                        note=m.group(0),
                    )
                )
    if not dimensions or year is None:
        return None
    title = next(
        (b.text for b in blocks if b.kind == "paragraph" and "部门整体支出绩效自评报告" in b.text),
        "",
    )
    department = re.split(r"\s*\d{4}\s*年", title)[0].strip() if title else ""
    framework = next(
        (
            m.group(1)
            for b in blocks
            if b.kind == "paragraph"
            for m in [re.search(r"依据(《[^》]+》)", b.text)]
            if m
        ),
        "",
    )
    return DepartmentEvaluation(
        department=department,
        year=year,
        dimensions=tuple(dimensions),
        framework=framework,
        source=SourceRef(file=file, section="绩效自评情况"),
    )


def _quote(
    finding: Finding, quotes: dict[str, dict[str, str]], statements: dict[str, str]
) -> Finding:
    if finding.source_text:
        return finding
    prefix = re.match(r"\$\.documents\[\d+\]", finding.path)
    inner = "$" + finding.path[prefix.end() :] if prefix else finding.path
    table = quotes.get(prefix.group(0) if prefix else "$", {})
    for key in sorted(table, key=len, reverse=True):
        if inner.startswith(key):
            return attrs.evolve(finding, source_text=table[key])
    return finding


# The findings a figure printed but unreadable makes unfounded, beyond those at its own row:
# a fund row's figure, the sum of its column over the parts and (on the total row) the
# budget's score in the total; an indicator's points, the sums of points and the total.
_BUDGET_TOTAL_DEPENDENT: Final = frozenset({"total.rule", "grade.mismatch"})
_WEIGHT_DEPENDENT: Final = frozenset(
    {
        "indicators.weight_sum",
        "indicators.level1_weight",
        "indicators.level2_weight",
        "total.sum",
        "total.above_maximum",
        "total.rule",
        "grade.mismatch",
        "grade.not_gradable",
    }
)
_ROW: Final = re.compile(r"^\$\.(budget\.rows|indicators)\[(\d+)\]\.(\w+)$")


def _needs_unread(finding: Finding, unread: Mapping[str, frozenset[str]]) -> bool:
    """Whether ``finding`` needs a figure its document printed but the audit could not read
    (listed as unparsed): such a check is not made — a figure left out is no evidence that
    the others do not add up."""
    prefix = re.match(r"\$\.documents\[\d+\]", finding.path)
    paths = unread.get(prefix.group(0)) if prefix else None
    if not paths or prefix is None:
        return False
    inner = "$" + finding.path[prefix.end() :]
    for path in paths:
        found = _ROW.match(path)
        if found is None:
            continue
        block, row, field = found.groups()
        if inner.startswith(f"$.{block}[{row}]"):
            return True
        if block == "budget.rows":
            if finding.code.startswith("budget.") and (
                row == "0" or (finding.code == "budget.parts_sum" and inner.endswith(f".{field}"))
            ):
                return True
            if row == "0" and finding.code in _BUDGET_TOTAL_DEPENDENT:
                return True
        elif finding.code in _WEIGHT_DEPENDENT:
            return True
    return False


def _unflatten(blocks: Sequence[Block]) -> tuple[list[Block], list[Unparsed]]:
    """Flattened tables with their rows rebuilt by the layouts; a flattened run that holds no
    shipped form is text again (its cells joined by line breaks), so its sentences are read.
    Such a run that prints a form's indicator or budget header is a table all the same: it
    is also listed as unparsed (``kind="layout"``, with why no form was found), so that a
    table no document came from does not pass unseen."""
    out: list[Block] = []
    unread: list[Unparsed] = []
    # The paragraphs printed before a table are its context (its title, where a form is
    # named); a run that was another table, read as text here, is none: its header words
    # (评分, 得分 …) are that table's, and would make the next table's form look like it.
    texts: set[int] = set()
    for block in blocks:
        if isinstance(block, Grid) and block.flattened:
            before = [
                b.text[:80]
                for n, b in enumerate(out[-6:], start=max(len(out) - 6, 0))
                if isinstance(b, Paragraph) and n not in texts
            ]
            rebuilt = layouts.rebuild(block, context=before)
            cells = [cell.text for row in block.cells for cell in row if cell.text.strip()]
            if rebuilt is None:
                found = layouts.identify(block, context=before)
                if isinstance(found, layouts.Unidentified) and not found.reason.startswith(
                    _NO_HEADER
                ):
                    unread.append(
                        Unparsed(
                            kind="layout",
                            location=f"表 {block.index + 1}",
                            text=shorten(" | ".join(cells), 120),
                            reason=f"版式未识别，表格按文字读取 (no layout identified: read as text)：{found.reason}",
                        )
                    )
            # Words of one line go back together with blanks, so its sentences stay whole;
            # whole cells were paragraphs of their own.
            joiner = " " if block.flattening is Flattening.WORDS else "\n"
            if rebuilt is None:
                texts.add(len(out))
            out.append(
                rebuilt
                if rebuilt is not None
                else Paragraph(text=joiner.join(cells), location=block.location)
            )
        else:
            out.append(block)
    return out, unread


_NO_HEADER: Final = "没有任何版式的指标表头"
"""How :func:`budgetperf.layouts.identify` begins its reason for a grid that prints no
form's header (prose a reader took for a flattened table)."""


def _with_scores(text: FinalAccountsText, file: str, *, evaluated: bool) -> FinalAccounts | None:
    """The accounts the sentences give, with the scores and grades they state (checked: a
    grade its score does not earn, a score beyond its 满分) — unless the report's tables were
    read as evaluations, whose own 得分 and 等级 the table checks compare row by row. A report
    of sentences only (a 绩效自评报告 page) gives accounts of its scores alone."""
    accounts = text.accounts
    if evaluated or not text.scores or text.year is None:
        return accounts
    if accounts is None:
        return FinalAccounts(
            department="",
            year=text.year,
            statements=text.scores,
            source=SourceRef(file=file, section="绩效自评（文字）"),
        )
    return attrs.evolve(accounts, statements=accounts.statements + text.scores)


def audit_blocks(
    blocks: Sequence[Block], *, file: str, rules: RuleSet | str | None = None
) -> AuditResult:
    """Extract every document from ``blocks`` and check it.

    Tables whose rows were lost where they were copied (:attr:`Grid.flattened`) are rebuilt
    by :func:`budgetperf.layouts.rebuild` first.
    """
    blocks, unread_tables = _unflatten(blocks)
    year = document_year(blocks)
    text = extract_final_accounts(blocks, file=file)
    projects, unparsed_tables, table_quotes, table_unread = extract_projects(
        blocks, year=year, file=file
    )
    if (
        len(projects) == 1
        and isinstance(projects[0], ProjectEvaluation)
        and projects[0].reported_grade is None
        and len(text.grade_sentences) == 1
    ):
        projects[0] = attrs.evolve(projects[0], reported_grade=Grade.parse(text.grade_sentences[0]))
    documents: list[Document] = []
    department = _department(blocks, year, file)
    accounts = _with_scores(text, file, evaluated=bool(projects) or department is not None)
    if accounts is not None:
        documents.append(accounts)
    if department is not None:
        documents.append(department)
    first_project = len(documents)
    documents += projects
    batch = Batch(
        name=Path(file).stem,
        title=f"audit of {Path(file).name}",
        documents=tuple(documents),
        source=SourceRef(file=file),
    )
    quotes = {f"$.documents[{first_project + i}]": q for i, q in table_quotes.items()}
    unread = {f"$.documents[{first_project + i}]": u for i, u in table_unread.items()}
    findings = [_quote(f, quotes, {}) for f in check(batch, rules) if not _needs_unread(f, unread)]
    return AuditResult(
        batch=batch,
        findings=tuple(findings),
        unparsed=(*text.unparsed, *unread_tables, *unparsed_tables),
    )


def audit(
    path: str | Path, *, rules: RuleSet | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> AuditResult:
    """Audit a report file: DOCX, HTML or plain text, detected from its content.

    Raises:
        ParseError: the file is unreadable or hostile (size, zip bomb, DTD, nesting).
    """
    return audit_blocks(read_file(path, limits=limits), file=Path(path).name, rules=rules)


def audit_text(
    text: str, *, file: str = "<text>", rules: RuleSet | str | None = None
) -> AuditResult:
    """Audit plain report text."""
    return audit_blocks(read_text(text, file=file), file=file, rules=rules)
