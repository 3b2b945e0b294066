"""Streaming batch evaluation (批量评价): read → score → check → write, one document at a time.

Memory stays flat in the number of documents: a JSON Lines input is read line by line and
each outcome is written before the next document is read.

The fast path (``fast=True``, the default) decodes each line in C when the ``fast`` extra
(msgspec) is installed. A clean project self-evaluation in the canonical form is decided on
the decoded JSON without building the model (``budgetperf._screen``: proven valid and free
of findings, scored by the same rule functions). Any other document is structured, scored
with the same rule code but without explanation text (``score(..., explain=False)``), and
every check runs on that sheet: a document with no finding is done. A document with any
finding is scored again with explanations (at once when the screen saw one), and a line
that fails anywhere is evaluated again by the full path, so that outcomes are identical to
``fast=False`` byte for byte (tests/test_fast.py). ``jobs > 1`` spreads chunks of lines over
worker processes (standard library ``concurrent.futures``), keeping the input order::

    >>> from budgetperf.synthetic import generate
    >>> from budgetperf.io.json import to_envelope
    >>> import json
    >>> lines = [json.dumps(to_envelope(d), ensure_ascii=False) for d in generate(5, seed=3)]
    >>> outcomes = list(evaluate_lines(lines))
    >>> [o.index for o in outcomes], outcomes[0].grade
    ([0, 1, 2, 3, 4], '优')
"""

from __future__ import annotations

import collections
import gc
import itertools
import mmap
import pickle
import signal
import sys
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, Final, final

import attrs

from budgetperf._screen import FINDING, RECOUNT, CleanOutcome, clean_outcome, screen_text
from budgetperf.checks import check
from budgetperf.checks.evaluation import check_department, check_project
from budgetperf.checks.finding import Finding
from budgetperf.errors import BudgetPerfError, SchemaError, shorten
from budgetperf.io import outputs
from budgetperf.io.json import from_envelope, loads, parse_json_fast
from budgetperf.io.outputs import keys_of
from budgetperf.io.text import decode
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, ProjectEvaluation
from budgetperf.money import library_context
from budgetperf.scoring.rules import RuleSet, default_rules_for
from budgetperf.scoring.score import _slot_setters, score

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# multiprocessing and the process pool are imported where workers start (--jobs N): they
# bring tempfile, shutil and the compression modules, about 10 ms a run in one process
# need not pay for.

__all__ = [
    "MIN_LINES_FOR_FORKED_WORKERS",
    "MIN_LINES_FOR_WORKERS",
    "Outcome",
    "evaluate_lines",
    "outcome_json",
    "write_outcomes",
]

MIN_LINES_FOR_WORKERS = 4000
"""Below this many lines ``jobs > 1`` evaluates in-process when workers are spawned:
starting them (each imports the library) costs more than they save on a smaller batch
(docs/performance.md)."""

MIN_LINES_FOR_FORKED_WORKERS = 2000
"""The same floor when workers are forked (Linux, no other thread): they start in a few
milliseconds, and pay off from about 1,500 lines (1.3 × at 2,000)."""

CHUNK_LINES = 500
"""Lines per chunk sent to a worker: enough to make the cost of sending one negligible."""


@final
@attrs.frozen(slots=True, kw_only=True)
class Outcome:
    """The result for one input line.

    Attributes:
        index: 0-based position of the document in the input.
        line: 1-based line number in the input (``index + 1``).
        title: the document's title ("" when the line was unusable).
        total: the rule total (None when not scored).
        reported_total: the printed total.
        grade: the rule grade ("" when none).
        findings: every finding on the document (paths inside the document).
        error: why the line could not be used ("" when it could).
        keys: the document's join keys (``budgetperf.io.outputs.KEYS``) as (key, value)
            pairs; empty when the line was unusable.
    """

    index: int
    line: int = 0
    title: str = ""
    total: Decimal | None = None
    reported_total: Decimal | None = None
    grade: str = ""
    findings: tuple[Finding, ...] = ()
    error: str = ""
    keys: tuple[tuple[str, Any], ...] = ()

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity.value == "error")


def _evaluate(index: int, line: str | bytes, rules: RuleSet | str | None) -> Outcome:
    """The outcome of one line, whatever fails: this function does not raise."""
    number = index + 1
    try:
        return _evaluate_line(index, line, rules)
    except BudgetPerfError as exc:
        return Outcome(index=index, line=number, error=str(exc.located(row=number)))
    except RecursionError:
        return Outcome(
            index=index,
            line=number,
            error=f"第 {number} 行：文档嵌套过深 | line {number}: nested too deeply",
        )
    except Exception as exc:
        # Not a budgetperf error: a defect in the library. The line still gets its outcome,
        # naming the line and the exception, so that the stream goes on and nothing is lost.
        return Outcome(
            index=index,
            line=number,
            error=f"第 {number} 行：内部错误 | line {number}: internal error "
            f"{type(exc).__name__}: {shorten(str(exc))}",
        )


def _evaluate_line(index: int, line: str | bytes, rules: RuleSet | str | None) -> Outcome:
    number = index + 1
    text = decode(line) if isinstance(line, bytes) else line
    document = loads(text, row=number)
    if isinstance(document, Batch):
        raise SchemaError(
            "JSON Lines 的一行中不能再嵌套批次",
            "a batch inside a JSON Lines batch is not supported",
            row=number,
            field="$.type",
            value="batch",
            expected="one document per line",
        )
    if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
        ruleset = default_rules_for(document, rules)
        sheet = score(document, ruleset)
        # The sheet is computed once and shared with the checks.
        findings = _checks(document, ruleset, sheet)
        return _scored(index, document, ruleset, sheet, findings)
    return _checked_only(index, document)


def _scored(
    index: int,
    document: ProjectEvaluation | DepartmentEvaluation,
    ruleset: RuleSet,
    sheet: Any,
    findings: Iterable[Finding],
) -> Outcome:
    """The outcome of a scored document (both paths build it here, so they cannot differ)."""
    return Outcome(
        index=index,
        line=index + 1,
        title=sheet.title,
        total=sheet.total,
        reported_total=sheet.reported_total,
        grade=sheet.grade.value if sheet.grade else "",
        findings=tuple(findings),
        keys=tuple(keys_of(document, index=index, rules=ruleset).items()),
    )


def _checked_only(index: int, document: Any) -> Outcome:
    """The outcome of a document that is checked, not scored (final accounts)."""
    return Outcome(
        index=index,
        line=index + 1,
        title=f"{document.department} {document.year}",
        findings=tuple(check(document)),
        keys=tuple(keys_of(document, index=index).items()),
    )


def _evaluate_fast(index: int, line: str | bytes, rules: RuleSet | str | None) -> Outcome:
    """:func:`_evaluate`'s outcome, reached faster when the document has no finding."""
    try:
        # The screen reads bytes as they are (msgspec decodes UTF-8 itself).
        clean = screen_text(line, index, rules)
        if type(clean) is tuple:
            return _clean(index, clean)
        outcome = _screen(index, line, rules, clean)
    except Exception:  # whatever failed (nesting too deep too), the full path decides exactly
        outcome = None
    return outcome if outcome is not None else _evaluate(index, line, rules)


def _screen(
    index: int, line: str | bytes, rules: RuleSet | str | None, clean: CleanOutcome | str | None
) -> Outcome | None:
    """The outcome of a line the screen did not decide (``clean``: what it said), or None
    to leave it to the full path (a batch inside a line)."""
    number = index + 1
    # A line the screen does not decide is decoded as the full path decodes it.
    text = decode(line) if isinstance(line, bytes) else line
    data = None
    if clean == RECOUNT:
        # Clean but for a ':' inside a string, which the screen's count of keys cannot tell
        # from a duplicate key: the exact parser refuses duplicates, its result is screened.
        data = parse_json_fast(text, row=number)
        clean = clean_outcome(data, index, rules)
        if isinstance(clean, tuple):
            return _clean(index, clean)
    if data is None:
        data = parse_json_fast(text, row=number)
    document = from_envelope(data, row=number)
    if isinstance(document, Batch):
        return None
    if not isinstance(document, ProjectEvaluation | DepartmentEvaluation):
        return _checked_only(index, document)
    ruleset = default_rules_for(document, rules)
    if clean == FINDING or isinstance(document, ProjectEvaluation):
        # A finding quotes its line's explanation, so a document with one is scored with
        # explanations at once, as the full path does. The screen saw one, or it left a
        # project table, and those it leaves nearly always have one (every one of a
        # generated batch, 12 of the 13 of 凉山 2023).
        sheet = score(document, ruleset)
        return _scored(index, document, ruleset, sheet, _checks(document, ruleset, sheet))
    # The same rule code as the full path, writing no explanation; the checks run on it.
    sheet = score(document, ruleset, explain=False)
    findings = _checks(document, ruleset, sheet)
    if findings:
        # A finding quotes the explanation of its line: score again, explaining.
        sheet = score(document, ruleset)
        findings = _checks(document, ruleset, sheet)
    return _scored(index, document, ruleset, sheet, findings)


def _clean(index: int, clean: CleanOutcome) -> Outcome:
    """The outcome of a line the screen proved valid, scored by the same rule functions and
    free of findings (budgetperf._screen): ``Outcome(index=…, …)``, its slots set through
    their descriptors (the frozen class's keyword ``__init__`` was 4 % of a clean line's
    cost; the values are the screen's, of the declared types)."""
    title, total, reported_total, grade, keys = clean
    outcome = _new_outcome(Outcome)
    _set_index(outcome, index)
    _set_line(outcome, index + 1)
    _set_title(outcome, title)
    _set_total(outcome, total)
    _set_reported_total(outcome, reported_total)
    _set_grade(outcome, grade)
    _set_findings(outcome, ())
    _set_error(outcome, "")
    _set_keys(outcome, keys)
    return outcome


_new_outcome = object.__new__
(
    _set_index,
    _set_line,
    _set_title,
    _set_total,
    _set_reported_total,
    _set_grade,
    _set_findings,
    _set_error,
    _set_keys,
) = _slot_setters(
    Outcome,
    ("index", "line", "title", "total", "reported_total", "grade", "findings", "error", "keys"),
)


def _checks(
    document: ProjectEvaluation | DepartmentEvaluation, ruleset: RuleSet, sheet: Any
) -> list[Finding]:
    if isinstance(document, ProjectEvaluation):
        return check_project(document, ruleset, sheet=sheet)
    return check_department(document, ruleset, sheet=sheet)


# A clean outcome travels back from a worker as a plain tuple (no findings to pickle).
_Compact = tuple[int, str, Decimal | None, Decimal | None, str, tuple[tuple[str, Any], ...]]

# A rendered outcome (the command line's ``batch``): its JSON line and what the summary counts.
_Rendered = tuple[str, int]
_SCORED, _WITH_ERRORS, _UNUSABLE = 1, 2, 4


def _rendered(outcome: Outcome, batch: str | None) -> _Rendered:
    """An outcome as :func:`write_outcomes` writes it: one JSON line and its counts."""
    flags = (
        (_SCORED if outcome.total is not None else 0)
        | (_WITH_ERRORS if outcome.errors > 0 else 0)
        | (_UNUSABLE if outcome.error else 0)
    )
    return outcome_json(outcome, batch=batch), flags


@final
@attrs.frozen(slots=True)
class _Block:
    """The rendered outcomes of consecutive lines as one text (a piece or a chunk): what
    :func:`write_outcomes` would write for them, each JSON line ended by a line end, and
    how many of them have each set of counts. Written with one ``write``, and carried
    between processes as one text, rather than line by line.

    Attributes:
        text: the lines, each followed by ``"\n"``.
        lines: how many.
        tally: (flags, how many lines have them), as :data:`_SCORED` … combine.
    """

    text: str
    lines: int
    tally: tuple[tuple[int, int], ...]


def _block(rendered: Sequence[_Rendered]) -> _Block:
    texts = [text for text, _ in rendered]
    texts.append("")
    tally = collections.Counter(flags for _, flags in rendered)
    return _Block("\n".join(texts), len(rendered), tuple(tally.items()))


def _lines_in(item: Any) -> int:
    """How many input lines an item :func:`_rendered_lines` yields stands for."""
    return item.lines if type(item) is _Block else 1


@final
@attrs.frozen(slots=True)
class _Work:
    """What a worker does with each line of a chunk (sent once per chunk, not per line)."""

    fast: bool = True
    render: bool = False  # return each outcome's JSON line rather than the outcome
    batch: str | None = None  # the batch name the rendered lines carry


def _evaluate_chunk(
    chunk: Sequence[tuple[int, str | bytes, Any]], work: _Work | bool = False
) -> list[Any]:
    if isinstance(work, bool):
        work = _Work(fast=work)
    with library_context():  # once for the chunk, not once a line
        return _evaluated_chunk(chunk, work)


def _evaluated_chunk(chunk: Sequence[tuple[int, str | bytes, Any]], work: _Work) -> list[Any]:
    evaluate = _evaluate_fast if work.fast else _evaluate
    if work.render:
        batch = work.batch
        return [_block([_rendered(evaluate(*item), batch) for item in chunk])] if chunk else []
    results: list[Outcome | _Compact] = []
    for item in chunk:
        outcome = evaluate(*item)
        if outcome.findings or outcome.error:
            results.append(outcome)
        else:
            results.append(
                (
                    outcome.index,
                    outcome.title,
                    outcome.total,
                    outcome.reported_total,
                    outcome.grade,
                    outcome.keys,
                )
            )
    return results


def _evaluate_packed(
    chunk: Sequence[tuple[int, str | bytes, Any]],
    work: _Work,
    evaluate_chunk: Callable[[Any, _Work], list[Any]],
) -> bytes:
    """:func:`_evaluate_chunk` in a worker, its results packed for the way back.

    A worker's results travel through a pipe that holds 64 KB at a time; the executor's
    thread in this process reads it, a piece per turn of the interpreter lock, while the
    worker waits on its write. The results of a chunk (JSON lines, mostly alike) are packed
    to a small fraction of their size, so that the worker's write seldom waits at all.
    ``evaluate_chunk`` is :func:`_evaluate_chunk` as this process has it when it sends the
    chunk (sent by name: a spawned worker imports it, a test's replacement too)."""
    return _packed(evaluate_chunk(chunk, work))


def _packed(results: list[Any]) -> bytes:
    return zlib.compress(pickle.dumps(results, pickle.HIGHEST_PROTOCOL), 1)


def _unpacked(packed: bytes | _Placed, arena: _Arena | None = None) -> list[Any]:
    """A worker's results as it sent them: packed (:func:`_evaluate_packed`), or a
    :class:`_Block` it wrote into ``arena`` (:class:`_Placed`)."""
    if type(packed) is _Placed:
        if arena is None:  # pragma: no cover - a result is placed only in this run's arena
            raise BudgetPerfError(
                "工作进程的结果不在共享内存中", "a worker's result was placed in no arena"
            )
        text = arena.memory[packed.offset : packed.offset + packed.size].decode("utf-8")
        return [_Block(text, packed.lines, packed.tally)]
    results: list[Any] = pickle.loads(zlib.decompress(packed))
    return results


@final
@attrs.frozen(slots=True)
class _Placed:
    """A worker's :class:`_Block` written into the slot its chunk's lines came in (their
    UTF-8 bytes at ``offset``): what it sends back instead of the text."""

    offset: int
    size: int
    lines: int
    tally: tuple[tuple[int, int], ...]


@final
@attrs.frozen(slots=True)
class _Span:
    """Where a chunk's lines lie in an :class:`_Arena` (what a worker is sent instead of
    the lines): the arena, the slot's offset, each line's length and index, the rules."""

    arena: int
    offset: int
    lengths: tuple[int, ...]
    indices: tuple[int, ...]
    rules: Any


def _evaluate_span(
    span: _Span, work: _Work, evaluate_chunk: Callable[[Any, _Work], list[Any]]
) -> bytes | _Placed:
    """:func:`_evaluate_packed` on lines a worker reads from the arena it inherited. The
    rendered outcomes of the chunk (one :class:`_Block`) are written back into the slot the
    lines were read from, when they fit (the slot is this chunk's until this process has
    read them back): the pipe then carries where they are, nothing to pack."""
    memory = _ARENAS[span.arena]
    chunk = []
    position = span.offset
    for index, length in zip(span.indices, span.lengths, strict=True):
        end = position + length
        chunk.append((index, memory[position:end], span.rules))
        position = end
    results = evaluate_chunk(chunk, work)
    if len(results) == 1 and type(results[0]) is _Block:
        (block,) = results
        data = block.text.encode("utf-8")
        if len(data) <= _Arena.SLOT_BYTES:
            memory[span.offset : span.offset + len(data)] = data
            return _Placed(span.offset, len(data), block.lines, block.tally)
    return _packed(results)


class _Arena:
    """Memory shared with forked workers, in which the lines of the chunks they are sent
    are written (共享内存区).

    Sent through the executor's pipe, a chunk of 500 lines (about 2.5 MB) is pickled by a
    thread of this process and read by the worker 64 KB at a time, while the worker waits:
    about a tenth of its time at 20,000 documents. Written here instead, a chunk costs this
    process one copy of its lines and the worker one read of them; the pipe carries their
    lengths only. Anonymous shared memory is inherited by a forked child and by no other
    process: the arena is used with ``fork`` only, and a chunk that does not fit in a
    free slot (long lines, or every slot taken) goes through the pipe as before.
    """

    SLOT_BYTES: Final = 4 * 1024 * 1024

    def __init__(self, slots: int) -> None:
        self.slots = slots
        self.memory = mmap.mmap(-1, slots * self.SLOT_BYTES)
        self.token = id(self.memory)
        _ARENAS[self.token] = self.memory

    @classmethod
    def made(cls, slots: int) -> _Arena | None:
        """An arena of ``slots`` slots, or None where the system will not map one (a
        strict overcommit policy, a cap on address space): the pipe serves then."""
        try:
            return cls(slots)
        except (OSError, ValueError, OverflowError):
            return None

    def span(self, chunk: list[Any], busy: set[int]) -> tuple[_Span, int] | None:
        """``chunk`` written into a free slot (not in ``busy``), or None: lines that are
        not all bytes, of one rule set, and that fit go through the pipe."""
        free = next((slot for slot in range(self.slots) if slot not in busy), None)
        if free is None:
            return None
        rules = chunk[0][2]
        lengths = []
        for _, line, line_rules in chunk:
            if type(line) is not bytes or line_rules is not rules:
                return None
            lengths.append(len(line))
        if sum(lengths) > self.SLOT_BYTES:
            return None
        offset = position = free * self.SLOT_BYTES
        memory = self.memory
        for (_, line, _), length in zip(chunk, lengths, strict=True):
            end = position + length
            memory[position:end] = line
            position = end
        indices = tuple(item[0] for item in chunk)
        return _Span(self.token, offset, tuple(lengths), indices, rules), free

    def close(self) -> None:
        del _ARENAS[self.token]
        self.memory.close()


_ARENAS: dict[int, mmap.mmap] = {}
"""The arenas of the runs in progress, by token: a worker forked during a run finds its
run's arena here (its copy of this dict was made at the fork)."""


def _expand(results: list[Any], work: _Work) -> list[Any]:
    if work.render:
        return results
    return [
        r
        if isinstance(r, Outcome)
        else Outcome(
            index=r[0],
            line=r[0] + 1,
            title=r[1],
            total=r[2],
            reported_total=r[3],
            grade=r[4],
            keys=r[5],
        )
        for r in results
    ]


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it, so that a worker
    # does not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker shares every page of this process until it writes one; its collector
    # would walk (and so copy) all the objects it inherited, the caller's data too. Frozen,
    # they are left alone: only what the worker makes is collected.
    gc.freeze()


def _lost(item: tuple[int, str | bytes, Any]) -> Outcome:
    number = item[0] + 1
    return Outcome(
        index=item[0],
        line=number,
        error=f"第 {number} 行：处理该行的工作进程意外退出 | line {number}: the worker process "
        "evaluating this line died (out of memory or killed)",
    )


def evaluate_lines(
    lines: Iterable[str | bytes],
    *,
    rules: RuleSet | str | None = None,
    jobs: int = 1,
    chunksize: int = CHUNK_LINES,
    fast: bool = True,
    start: int = 0,
    min_lines_for_workers: int | None = None,
    note: Callable[[str], None] | None = None,
) -> Iterator[Outcome]:
    """Score and check each JSON Lines document, yielding outcomes in input order.

    Every non-blank line gets exactly one outcome, whatever fails: a line that cannot be
    decoded, read, scored or checked gives an outcome with ``error`` set and its ``line``
    number, and the stream goes on. Blank lines (JSON whitespace only: spaces, tabs, line
    ends; an ideographic space is not one) are skipped and keep their number. Lines
    may be ``bytes`` (UTF-8 or GB18030, decoded line by line) or ``str``. ``start`` is the
    index of the first line (a chunk of a larger file keeps its lines' numbers). In this
    process lines are read and evaluated :data:`IN_PROCESS_PIECE` at a time (the library's
    decimal context entered once for them), then their outcomes are yielded.

    ``fast=False`` takes the full path for every line; the outcomes are the same.

    With ``jobs > 1``, ``jobs`` processes evaluate: this one and ``jobs - 1`` worker
    processes started once (forked on Linux when this process has no other thread, so that
    they need not import the library again and read lines given as bytes from shared
    memory; spawned otherwise), to which chunks of ``chunksize`` lines are sent; whenever no
    worker's result is back, this process evaluates the next lines itself, so that no one
    waits on a worker's start. At most ``4 × jobs × chunksize`` lines are held, so memory
    stays flat; the outcomes are the same, in the same order, whoever evaluated them. A
    batch of fewer than ``min_lines_for_workers`` lines (by default
    :data:`MIN_LINES_FOR_FORKED_WORKERS` where workers fork, :data:`MIN_LINES_FOR_WORKERS`
    where they are spawned) is evaluated in this process instead (``note`` is told why). A
    worker that dies (killed, out of memory) does not hang the run: the lines it held are
    retried one by one in a fresh pool, and a line that kills its worker again gets an error
    outcome; when no worker can start at all, the run goes on in this process (``note`` is
    told).
    """
    return _evaluations(
        lines, rules, jobs, chunksize, _Work(fast=fast), start, min_lines_for_workers, note
    )


def _rendered_lines(
    lines: Iterable[str | bytes],
    *,
    batch: str | None,
    rules: RuleSet | str | None = None,
    jobs: int = 1,
    chunksize: int = CHUNK_LINES,
    min_lines_for_workers: int | None = None,
    note: Callable[[str], None] | None = None,
) -> Iterator[_Rendered | _Block]:
    """:func:`evaluate_lines` as :func:`write_outcomes` would write it (the command line's
    ``batch``): each outcome's JSON line, with its counts, made where the outcome is, so that
    with ``jobs > 1`` the workers, not this process, write the JSON; mostly as
    :class:`_Block` of many lines (:func:`_lines_in` says how many an item stands for)."""
    work = _Work(fast=True, render=True, batch=batch)
    return _evaluations(lines, rules, jobs, chunksize, work, 0, min_lines_for_workers, note)


def _blank(line: str | bytes) -> bool:
    """A line of JSON whitespace only (spaces, tabs, line ends), read as text or as bytes
    alike: any other character, an ideographic space too, makes a line that is not JSON."""
    if isinstance(line, str):
        # A line that starts with anything else is not blank: no copy of it is stripped.
        return line[:1] in " \t\r\n" and not line.strip(" \t\r\n")
    return line[:1] in b" \t\r\n" and not line.strip(b" \t\r\n")


def _evaluations(
    lines: Iterable[str | bytes],
    rules: RuleSet | str | None,
    jobs: int,
    chunksize: int,
    work: _Work,
    start: int,
    min_lines_for_workers: int | None,
    note: Callable[[str], None] | None,
) -> Iterator[Any]:
    items: Iterator[tuple[int, str | bytes, Any]] = (
        (i, line, rules) for i, line in enumerate(lines, start) if not _blank(line)
    )
    method = _start_method() if jobs > 1 else "spawn"
    if jobs > 1:
        # Look ahead: a batch too small to pay for starting workers stays in-process.
        floor = min_lines_for_workers
        if floor is None:
            floor = MIN_LINES_FOR_FORKED_WORKERS if method == "fork" else MIN_LINES_FOR_WORKERS
        head = list(itertools.islice(items, floor))
        if len(head) < floor:
            if note is not None:
                note(
                    f"批次不足 {floor} 行，不启动工作进程，在本进程中评价 | "
                    f"fewer than {floor} lines: workers cannot pay off, "
                    "evaluating in this process"
                )
            jobs = 1
        items = itertools.chain(head, items)
    if jobs <= 1:
        yield from _in_process(items, work)
        return
    yield from _in_workers(items, jobs, max(1, chunksize), work, method, note)


IN_PROCESS_PIECE: Final = 256
"""Lines evaluated in this process under one entry into the library's decimal context."""


def _in_process(items: Iterable[tuple[int, str | bytes, Any]], work: _Work) -> Iterator[Any]:
    evaluate = _evaluate_fast if work.fast else _evaluate
    batch = work.batch
    items = iter(items)
    while piece := list(itertools.islice(items, IN_PROCESS_PIECE)):
        # The context is entered once for a piece of lines, not once a line, and left
        # before the outcomes are handed out (the caller's code runs in its own context).
        with library_context():
            if work.render:
                results: list[Any] = [_block([_rendered(evaluate(*item), batch) for item in piece])]
            else:
                results = [evaluate(*item) for item in piece]
        yield from results


def _in_workers(
    items: Iterator[tuple[int, str | bytes, Any]],
    jobs: int,
    chunksize: int,
    work: _Work,
    method: str,
    note: Callable[[str], None] | None = None,
) -> Iterator[Any]:
    """Outcomes in input order, ``jobs`` processes evaluating: this one and ``jobs - 1``
    workers.

    A work-sharing loop: each worker is kept ``2`` chunks ahead, and whenever the oldest
    result is not back yet, this process evaluates the next few lines itself (a quarter of a
    chunk, so that it soon comes back to send and collect) instead of waiting — so nothing
    waits on a worker's start, and the workers and this process share the batch by how fast
    each one goes. Lines are read as many ahead as the workers may hold, so that when the
    input ends this process still has about as much to do as they have queued; from then on
    a worker with nothing left gets a quarter of a chunk, and all finish together. At most
    ``_PENDING_PER_JOB × jobs`` chunks' worth of lines are held, evaluated or not, and
    ``2 × (jobs − 1) + 1`` read ahead, so memory stays flat.
    """
    workers = jobs - 1
    piece = max(1, chunksize // 4)
    limit = _PENDING_PER_JOB * jobs * chunksize
    # A chunk's slot holds its results until they are read back. Chunks are held by lines
    # (``limit``), and the quarter chunks sent once the input has ended are small: a chunk
    # is sent only while a slot is free (below), else this process takes a piece itself.
    arena = _Arena.made(_PENDING_PER_JOB * jobs + 1) if method == "fork" else None
    pool = _pool(workers, method)
    pending: collections.deque[_Pending] = collections.deque()
    held = 0  # lines in pending
    # Lines read, not yet given out to anyone.
    ahead: collections.deque[tuple[int, str | bytes, Any]] = collections.deque()
    lookahead = 2 * workers * chunksize  # as many lines as the workers may have queued
    exhausted = False
    try:
        while True:
            # Read a chunk ahead and, beyond it, as many lines as the workers may hold: the
            # end of the input is then seen while this process still has about as much to
            # do as the workers have queued, and the two finish together.
            while not exhausted and len(ahead) < chunksize + lookahead:
                read = list(itertools.islice(items, chunksize))
                ahead.extend(read)
                exhausted = len(read) < chunksize
            # Keep every worker fed before anything else: two chunks ahead, and once the
            # input has ended a quarter of a chunk to a worker that has nothing left.
            size, most = (piece, workers) if exhausted else (chunksize, 2 * workers)
            out = sum(1 for p in pending if p.pooled and not p.future.done())
            while ahead and out < most and held + size <= limit and _slot_free(arena, pending):
                chunk = _taken(ahead, size)
                pending.append(_send(pool, chunk, work, arena, pending))
                held += len(chunk)
                out += 1
            if ahead and (not pending or not pending[0].future.done()) and held + piece <= limit:
                chunk = _taken(ahead, piece)
                pending.append(_Pending(chunk, _here(chunk, work), False))
                held += len(chunk)
                continue
            if not pending:
                return
            held -= len(pending[0].chunk)
            try:
                pool, outcomes = _collect(pool, workers, method, pending, work, arena)
            except _NoWorkers as stop:
                if note is not None:
                    note(
                        "工作进程无法启动，改在本进程中评价（启动工作进程的脚本须把主程序放在 "
                        'if __name__ == "__main__": 之下） | the worker processes cannot start, '
                        "evaluating in this process (a script that starts workers needs its "
                        'main code under if __name__ == "__main__":)'
                    )
                # What was finished, here or there, is kept; the rest is evaluated here.
                for left in (stop.head, *pending):
                    if not left.pooled:
                        yield from _expand(left.future.result(), work)
                    elif _finished(left.future):
                        yield from _expand(_unpacked(left.future.result(), arena), work)
                    else:
                        yield from _in_process(left.chunk, work)
                pending.clear()
                yield from _in_process(itertools.chain(list(ahead), items), work)
                return
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if arena is not None:
            arena.close()


def _slot_free(arena: _Arena | None, pending: Iterable[_Pending]) -> bool:
    """Whether a chunk sent now finds a free slot in ``arena`` (always, without one)."""
    return arena is None or sum(p.slot is not None for p in pending) < arena.slots


def _taken(ahead: collections.deque[Any], count: int) -> list[Any]:
    """The first ``count`` lines read ahead (all there are, if fewer), taken out."""
    return [ahead.popleft() for _ in range(min(count, len(ahead)))]


_PENDING_PER_JOB = 4
"""At most this many chunks' worth of lines per job are read ahead and held, evaluated or
not."""


@final
@attrs.frozen(slots=True)
class _Pending:
    """A chunk read and sent (``pooled``) or evaluated here, in input order."""

    chunk: list[Any]
    future: Future[Any]
    pooled: bool
    slot: int | None = None  # the arena slot its lines were written in, while unfinished


def _send(
    pool: ProcessPoolExecutor,
    chunk: list[Any],
    work: _Work,
    arena: _Arena | None = None,
    pending: Iterable[_Pending] = (),
) -> _Pending:
    """A chunk sent to the workers, its lines written in the arena when they fit (else
    through the pipe); a pool already broken gives a future failed as the chunk's would
    (:func:`_collect` then retries)."""
    placed = None
    if arena is not None:
        # A slot is taken until its chunk is collected: a worker's results may lie in it.
        busy = {p.slot for p in pending if p.slot is not None}
        placed = arena.span(chunk, busy)
    from concurrent.futures.process import BrokenProcessPool

    future: Future[Any]
    try:
        if placed is None:
            future = pool.submit(_evaluate_packed, chunk, work, _evaluate_chunk)
        else:
            future = pool.submit(_evaluate_span, placed[0], work, _evaluate_chunk)
    except BrokenProcessPool as exc:
        future = Future()
        future.set_exception(exc)
    return _Pending(chunk, future, True, None if placed is None else placed[1])


def _finished(future: Future[list[Any]]) -> bool:
    """Whether ``future`` holds a result (not failed, cancelled or still running)."""
    return future.done() and not future.cancelled() and future.exception() is None


def _here(chunk: list[Any], work: _Work) -> Future[list[Any]]:
    """A chunk evaluated in this process, as a finished future."""
    future: Future[list[Any]] = Future()
    future.set_result(_evaluate_chunk(chunk, work))
    return future


def _start_method() -> str:
    """``fork`` where it is safe, else ``spawn``.

    A forked worker starts with the library already imported (a spawned one imports it
    again: 0.15–0.4 s of CPU, and runs the main module again) and inherits the arena.
    Forking is safe on Linux in a process with no other thread (a thread holding a lock at
    the fork would leave the child's copy of it held for ever: in a notebook's kernel, a
    web server or a Dask worker there are threads, and workers are spawned). macOS forks
    badly (its system libraries are not fork-safe) and Windows cannot."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _pool(workers: int, method: str = "spawn") -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # (A forked worker flushes its copy of the standard streams when it ends; multiprocessing
    # flushes this process's before it forks, so nothing buffered is written twice.)
    return ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=_quiet_worker
    )


def _collect(
    pool: ProcessPoolExecutor,
    workers: int,
    method: str,
    pending: collections.deque[_Pending],
    work: _Work,
    arena: _Arena | None = None,
) -> tuple[ProcessPoolExecutor, list[Any]]:
    """The outcomes of the oldest chunk (waiting for them), and the pool to go on with."""
    from concurrent.futures.process import BrokenProcessPool

    head = pending.popleft()
    try:
        results = head.future.result()
        return pool, _expand(_unpacked(results, arena) if head.pooled else results, work)
    except BrokenProcessPool:
        pass
    # The pool is broken: every chunk it had not finished is lost with it. Retry each line
    # of the oldest alone in a fresh pool, so that one fatal document costs one line, not a
    # chunk; send the others again (what was finished, here or there, is kept). Unless no
    # worker can start at all (a spawned worker running a script with no __main__ guard, an
    # initializer that fails): then every line would cost a pool, and this process evaluates.
    pool.shutdown(wait=True, cancel_futures=True)
    if not _workers_start(method):
        raise _NoWorkers(head)
    outcomes: list[Any] = []
    single = _pool(1, method)
    try:
        for item in head.chunk:
            try:
                packed = single.submit(_evaluate_packed, [item], work, _evaluate_chunk).result()
                outcomes += _expand(_unpacked(packed), work)
            except BrokenProcessPool:
                lost_line = _lost(item)
                outcomes.append(_rendered(lost_line, work.batch) if work.render else lost_line)
                single.shutdown(wait=True, cancel_futures=True)
                single = _pool(1, method)
    finally:
        single.shutdown(wait=True, cancel_futures=True)
    pool = _pool(workers, method)
    for index in range(len(pending)):
        other = pending[index]
        if other.pooled and not _finished(other.future):
            pending[index] = _send(pool, other.chunk, work)
    return pool, outcomes


class _NoWorkers(Exception):
    """No worker process can start: the run goes on in this process from ``head`` on."""

    def __init__(self, head: _Pending) -> None:
        super().__init__("no worker process can start")
        self.head = head


def _workers_start(method: str) -> bool:
    """Whether a fresh worker starts and returns a result (it evaluates no line)."""
    from concurrent.futures.process import BrokenProcessPool

    probe = _pool(1, method)
    try:
        probe.submit(_evaluate_packed, [], _Work(), _evaluate_chunk).result()
    except BrokenProcessPool:
        return False
    finally:
        probe.shutdown(wait=True, cancel_futures=True)
    return True


def outcome_json(outcome: Outcome, *, batch: str | None = None) -> str:
    """One outcome as a JSON line (schema ``outcome``, written by
    :func:`budgetperf.io.outputs.outcome_object`): scores, grade, findings (paths inside the
    document) and the document's join keys."""
    return outputs.dumps(outputs.outcome_object(outcome, batch=batch))


def write_outcomes(
    outcomes: Iterable[Outcome], stream: IO[str], *, batch: str | None = None
) -> dict[str, int]:
    """Write outcomes as JSON Lines; returns counts (documents, scored, with errors, unusable).

    ``batch``: the name the outcomes carry as their ``batch`` key (None by default)."""
    counts = {"documents": 0, "scored": 0, "with_errors": 0, "unusable": 0}
    for outcome in outcomes:
        stream.write(outcome_json(outcome, batch=batch) + "\n")
        counts["documents"] += 1
        counts["unusable"] += bool(outcome.error)
        counts["scored"] += outcome.total is not None
        counts["with_errors"] += outcome.errors > 0
    return counts


def _write_rendered(rendered: Iterable[_Rendered | _Block], stream: IO[str]) -> dict[str, int]:
    """:func:`write_outcomes` for lines already rendered (:func:`_rendered_lines`): the same
    lines and the same counts."""
    counts = {"documents": 0, "scored": 0, "with_errors": 0, "unusable": 0}
    tally = collections.Counter[int]()
    write = stream.write
    for item in rendered:
        if type(item) is _Block:
            write(item.text)
            tally.update(dict(item.tally))
        else:
            text, flags = item
            write(text + "\n")
            tally[flags] += 1
    for flags, n in tally.items():
        counts["documents"] += n
        counts["scored"] += n if flags & _SCORED else 0
        counts["with_errors"] += n if flags & _WITH_ERRORS else 0
        counts["unusable"] += n if flags & _UNUSABLE else 0
    return counts
