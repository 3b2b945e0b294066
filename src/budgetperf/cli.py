"""The ``budgetperf`` command (命令行). Thin: parse arguments → call the library → print.

Exit status: 0 success, 1 findings of severity error (``check``, ``batch``), 2 unusable
input (``batch``: some line could not be evaluated), 3 the output could not be written (full
disk, closed pipe or stdout), 130 interrupted (Ctrl-C). Every failure prints one message on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from budgetperf import __version__, check, examples, readers
from budgetperf.audit import audit_blocks
from budgetperf.checks import Finding
from budgetperf.classification import Classification, ClassificationTable, TableKind, classify
from budgetperf.errors import BudgetPerfError, FigureRangeError, ParseError
from budgetperf.io import FORMATS, dump, load_text
from budgetperf.io._hooks import unstructure
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, Document, ProjectEvaluation
from budgetperf.money import Rounding
from budgetperf.readers._encoding import decode_text
from budgetperf.render.text import score_sheet_text
from budgetperf.scoring import RULE_SETS, Summary, score, summarize

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_OUTPUT = 3
EXIT_INTERRUPTED = 130


def _document_arguments(command: argparse.ArgumentParser, *, lang: bool = False) -> None:
    """FILE (default: the bundled example), --rules and, where messages are printed, --lang."""
    command.add_argument(
        "file",
        nargs="?",
        default=None,
        help=f"any supported input; '-' for stdin (default: example {examples.DEFAULT})",
    )
    command.add_argument(
        "--rules",
        default=None,
        choices=sorted(RULE_SETS),
        help="评分规则集 (default: by the document's layout)",
    )
    if lang:
        command.add_argument(
            "--lang",
            choices=("zh_CN", "en_US"),
            default="zh_CN",
            help="提示语言 (message language)",
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetperf",
        description="预算绩效管理数据工具 (budget performance evaluation as data)",
    )
    parser.add_argument("--version", action="version", version=f"budgetperf {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    classify_cmd = commands.add_parser(
        "classify", help="解析科目编码 (resolve a classification code)"
    )
    classify_cmd.add_argument("code", help="2xx 功能分类, 3xx/5xx 经济分类, e.g. 2060702")
    classify_cmd.add_argument("--year", type=int, default=None, help="年度 (default: newest)")
    classify_cmd.add_argument(
        "--table",
        default=None,
        metavar="FILE",
        help="完整官方科目表 (CSV code,name; or the edition's PDF/XLSX) of that year",
    )
    classify_cmd.add_argument("--format", choices=("text", "json"), default="text")

    table_cmd = commands.add_parser(
        "classification", help="科目表 (classification tables: import an official edition)"
    )
    table_commands = table_cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    import_cmd = table_commands.add_parser(
        "import",
        help="导入官方《政府收支分类科目》PDF/XLSX/CSV (read an edition; write a table file)",
    )
    import_cmd.add_argument("file", help="the edition as published: .pdf, .xlsx or .csv")
    import_cmd.add_argument("--year", type=int, required=True, help="the edition's year")
    import_cmd.add_argument(
        "--kind",
        choices=[kind.value for kind in TableKind],
        default=TableKind.FUNCTIONAL.value,
        help="which table the file holds (default: functional)",
    )
    import_cmd.add_argument(
        "-o",
        "--output",
        default=None,
        help="table file to write (CSV code,name; default: <file>.<year>.csv)",
    )
    import_cmd.add_argument("--format", choices=("text", "json"), default="text")

    score_cmd = commands.add_parser(
        "score", help="按规则评分 (score self-evaluations; the bundled example by default)"
    )
    _document_arguments(score_cmd)
    score_cmd.add_argument("--format", choices=("text", "json"), default="text")

    check_cmd = commands.add_parser(
        "check", help="一致性检查 (recompute every reported figure; exit 1 when errors are found)"
    )
    _document_arguments(check_cmd, lang=True)
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")

    render_cmd = commands.add_parser(
        "render", help="呈现为表格、文字与图表 (render tables, sentences and charts)"
    )
    _document_arguments(render_cmd, lang=True)
    render_cmd.add_argument("--format", choices=("md", "html", "svg"), required=True)
    render_cmd.add_argument("-o", "--output", default=None, help="output file (default: stdout)")

    audit_cmd = commands.add_parser(
        "audit",
        help="审计已发布的报告 (read a published report: DOCX, HTML or text; extract; check)",
    )
    audit_cmd.add_argument("file", help="the report: .docx, .html or plain text")
    audit_cmd.add_argument("--format", choices=("text", "json"), default="text")
    audit_cmd.add_argument("--rules", default=None, choices=sorted(RULE_SETS))
    audit_cmd.add_argument("--lang", choices=("zh_CN", "en_US"), default="zh_CN")
    audit_cmd.add_argument(
        "--strict",
        action="store_true",
        help="content that cannot be understood is an error (exit 1)",
    )
    audit_cmd.add_argument(
        "--extract-to",
        default=None,
        metavar="OUT.json",
        help="write the extracted documents (budgetperf/1 JSON) for correction by hand",
    )

    batch_cmd = commands.add_parser(
        "batch", help="批量评分与检查 (score and check a JSON Lines batch as a stream)"
    )
    batch_cmd.add_argument("file", help="JSON Lines, one document per line; '-' for stdin")
    batch_cmd.add_argument(
        "-o", "--output", default=None, help="outcomes as JSON Lines (default: stdout)"
    )
    batch_cmd.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    batch_cmd.add_argument("--rules", default=None, choices=sorted(RULE_SETS))

    generate_cmd = commands.add_parser(
        "generate", help="生成合成批量数据 (write a reproducible synthetic batch)"
    )
    generate_cmd.add_argument("count", type=int)
    generate_cmd.add_argument("--seed", type=int, default=0)
    generate_cmd.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        default="jsonl",
        help="jsonl: documents; csv: flat indicator records",
    )
    generate_cmd.add_argument("-o", "--output", default=None)

    convert_cmd = commands.add_parser(
        "convert",
        help="格式转换 (convert between budgetperf/1 JSON, JSON Lines and 自评表 CSV/TSV/XLSX)",
    )
    convert_cmd.add_argument("file", help="input in any supported format; '-' for stdin")
    convert_cmd.add_argument(
        "--to",
        required=True,
        choices=(*FORMATS, "xlsx"),
        help="xlsx needs pip install 'budgetperf[excel]'",
    )
    convert_cmd.add_argument("-o", "--output", default=None, help="output file (default: stdout)")

    example_cmd = commands.add_parser(
        "example", help="列出或导出内置示例 (list or write the bundled examples)"
    )
    example_cmd.add_argument("name", nargs="?", default=None, choices=examples.names())
    example_cmd.add_argument("-o", "--output", default=None, help="output file (default: stdout)")
    example_cmd.add_argument("--format", choices=FORMATS, default="json")
    return parser


def _classification_text(result: Classification) -> str:
    lines = [f"{result.code}  {result.path}"]
    for entry in result.levels:
        lines.append(f"  {entry.level.value} {entry.code} {entry.name}（{entry.confidence.value}）")
    if result.aliases:
        lines.append(f"  别名 (aliases): {'、'.join(result.aliases)}")
    year = result.year if result.year is not None else "当前 (current)"
    lines.append(
        f"  年度 {year}，{result.kind.chinese} {result.edition} 版 (edition {result.edition})"
    )
    return "\n".join(lines)


def _classification_json(result: Classification) -> str:
    return json.dumps(
        {
            "code": result.code,
            "year": result.year,
            "table": result.kind.value,
            "edition": result.edition,
            "names": list(result.names),
            "aliases": list(result.aliases),
            "levels": [
                {
                    "code": e.code,
                    "name": e.name,
                    "level": e.level.value,
                    "confidence": e.confidence.value,
                    "source": e.source,
                }
                for e in result.levels
            ],
        },
        ensure_ascii=False,
    )


def _run_classify(args: argparse.Namespace) -> int:
    table: ClassificationTable | None = None
    if args.table is not None:
        from budgetperf.io.edition import read_edition

        if args.year is None:
            raise BudgetPerfError(
                "使用 --table 时须用 --year 指明该科目表的年度",
                "--table needs --year: the year of the edition in the file",
                field="--year",
                expected="e.g. --year 2025",
            )
        kind = TableKind.for_code(args.code.strip()) or TableKind.FUNCTIONAL
        table, _ = read_edition(args.table, year=args.year, kind=kind)
    result = classify(args.code, args.year, table=table)
    text = _classification_json(result) if args.format == "json" else _classification_text(result)
    print(text)
    return EXIT_OK


def _stdin_closed(reason: str = "") -> BudgetPerfError:
    return BudgetPerfError(
        "标准输入已关闭或无法读取",
        f"standard input is closed or unreadable{': ' + reason if reason else ''}",
        file="-",
        expected="input on stdin",
    )


def _stdin() -> Any:
    """Standard input as bytes, or a budgetperf error when the process has none."""
    if sys.stdin is None:
        raise _stdin_closed()
    return sys.stdin.buffer


def _input_lines(stream: Any, name: str) -> Iterator[bytes]:
    """The lines of an input stream; a failure to read is an input error (exit 2)."""
    try:
        yield from stream
    except OSError as exc:
        if name == "-":
            raise _stdin_closed(exc.strerror or str(exc)) from None
        raise BudgetPerfError(
            "无法读取文件", f"cannot read the file: {exc.strerror}", file=name
        ) from None


def _run_classification(args: argparse.Namespace) -> int:
    """``classification import``: read an edition, write its table file, report the diff."""
    from budgetperf.classification import edition_for
    from budgetperf.classification.edition import diff_editions
    from budgetperf.io.edition import read_edition, write_table_csv

    kind = TableKind(args.kind)
    table, rows = read_edition(args.file, year=args.year, kind=kind)
    output = args.output or str(Path(args.file).with_suffix(f".{args.year}.csv"))
    write_table_csv(table, output)
    diff = diff_editions(edition_for(kind, args.year), table, year=args.year)
    levels = {
        length: sum(1 for e in table.entries if len(e.code) == length) for length in (3, 5, 7)
    }
    if args.format == "json":
        print(
            json.dumps(
                {
                    "file": args.file,
                    "output": output,
                    "year": args.year,
                    "table": kind.value,
                    "codes": len(table.entries),
                    "levels": {"类": levels[3], "款": levels[5], "项": levels[7]},
                    "added": [list(pair) for pair in diff.added],
                    "renamed": [list(triple) for triple in diff.renamed],
                    "retired": [list(pair) for pair in diff.retired],
                    "unparsed": [{"location": u.location, "text": u.text} for u in rows.unparsed],
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    lines = [
        f"读取 {args.file}：{len(table.entries)} 个科目（类 {levels[3]}，款 {levels[5]}，"
        f"项 {levels[7]}），未识别 {len(rows.unparsed)} 行 / read {len(table.entries)} codes, "
        f"{len(rows.unparsed)} rows unread",
        f"写入 {output} / wrote {output}",
        f"与随附科目表 {args.year} 年相比：新增 {len(diff.added)}，更名 {len(diff.renamed)}，"
        f"停用 {len(diff.retired)} / against the shipped table: {len(diff.added)} added, "
        f"{len(diff.renamed)} renamed, {len(diff.retired)} retired",
    ]
    lines += [f"  新增 added: {code} {name}" for code, name in diff.added]
    lines += [f"  更名 renamed: {code} {old} → {new}" for code, old, new in diff.renamed]
    lines += [f"  停用 retired: {code} {name}" for code, name in diff.retired]
    lines += [f"  未识别 unread: {u.location}: {u.text}" for u in rows.unparsed]
    print("\n".join(lines))
    return EXIT_OK


def _bytes(file: str) -> tuple[bytes, str]:
    """The content of FILE (``-``: standard input) and the name to report it by."""
    limit = readers.DEFAULT_LIMITS.max_bytes
    if file == "-":
        stream = _stdin()
        try:
            # One byte past the limit is enough for a reader to refuse the input as too large.
            return stream.read(limit + 1), "<stdin>"
        except OSError as exc:
            raise _stdin_closed(exc.strerror or str(exc)) from None
    try:
        with open(file, "rb") as handle:
            return handle.read(limit + 1), file
    except OSError as exc:
        raise ParseError(
            "无法读取文件", f"cannot read the file: {exc.strerror}", file=file
        ) from exc


def _read(file: str | None) -> Document | Batch:
    """The documents of FILE in any format: budgetperf JSON/JSON Lines or 自评表 CSV/TSV, or a
    published report (HTML, DOCX, XLSX, PDF, text) from which the audit extracts them."""
    if file is None:
        return examples.load(examples.DEFAULT)
    data, name = _bytes(file)
    kind = readers.kind_of(data, file=name)
    if kind == "text":
        text = decode_text(data, file=name)
        try:
            return load_text(text, file=name)
        except FigureRangeError:
            raise  # the format was understood and a figure is out of range: say so
        except BudgetPerfError as not_interchange:
            if text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
                # JSON is no published report: its error names the line that is wrong, and
                # auditing megabytes of JSON as prose would only take long to find nothing.
                raise

            found = audit_blocks(readers.read_text(text, file=name), file=Path(name).name)
            if not found.batch.documents:
                raise not_interchange from None
            return found.batch
    if kind == "xlsx":
        try:
            return _read_xlsx(data, name)  # a 自评表 workbook as budgetperf writes it
        except BudgetPerfError as not_form:
            found = audit_blocks(readers.read_bytes(data, file=name), file=Path(name).name)
            if not found.batch.documents:
                raise not_form from None
            return found.batch
    return audit_blocks(readers.read_bytes(data, file=name), file=Path(name).name).batch


def _read_xlsx(data: bytes, file: str) -> Document | Batch:
    from budgetperf.io.xlsx import loads as xlsx_loads

    return xlsx_loads(data, file=file)


def _documents(data: Document | Batch) -> tuple[Document, ...]:
    return data.documents if isinstance(data, Batch) else (data,)


def _run_score(args: argparse.Namespace) -> int:
    rules = args.rules
    scored = [
        d
        for d in _documents(_read(args.file))
        if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    if not scored:
        raise BudgetPerfError(
            "输入中没有可评分的自评表",
            "no self-evaluation to score in the input",
            value=args.file,
            expected="a project or department evaluation",
        )
    sheets = [score(document, rules) for document in scored]
    if args.format == "json":
        for sheet in sheets:
            print(json.dumps(unstructure(sheet), ensure_ascii=False))
    else:
        print("\n\n".join(score_sheet_text(sheet) for sheet in sheets))
        projects = [d for d in scored if isinstance(d, ProjectEvaluation)]
        if len(projects) > 1:
            print("\n" + _summary_text(summarize(projects, rules)))
    return EXIT_OK


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _run_check(args: argparse.Namespace) -> int:
    findings = check(_read(args.file), args.rules, locale=args.lang)
    if args.format == "json":
        for f in findings:
            print(_finding_json(f))
    else:
        english = not args.lang.startswith("zh")
        for f in findings:
            label = f.severity.value if english else _SEVERITY_ZH[f.severity.value]
            print(f"[{label}] {f.code}  {f.path}\n    {f.message}")
        counts = {s: sum(1 for f in findings if f.severity.value == s) for s in _SEVERITY_ZH}
        if english:
            print(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes")
        else:
            print(
                f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项"
            )
    return EXIT_FINDINGS if any(f.severity.value == "error" for f in findings) else EXIT_OK


def _summary_text(summary: Summary) -> str:
    def n(value: Decimal | None) -> str:
        return "—" if value is None else str(Rounding(2).apply(value))

    grades = "、".join(f"{grade.value} {count}" for grade, count in summary.grades if count)
    return (
        f"项目 {summary.count} 个：规则均分 {n(summary.mean)}，按调整后预算加权均分 "
        f"{n(summary.budget_weighted_mean)}，填报均分 {n(summary.reported_mean)}；等级 {grades}"
        + (f"；{summary.left_out_text}" if summary.left_out else "")
    )


def _run_example(args: argparse.Namespace) -> int:
    if args.name is None:
        for name in examples.names():
            print(f"{name}\t{examples.load(name).title}")
        return EXIT_OK
    if args.format == "json":
        text = examples.text(args.name)
    else:
        text = dump(examples.load(args.name), args.format)
    _write(text, args.output)
    return EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with _open_out(output) as handle:
        handle.write(text)


def _run_render(args: argparse.Namespace) -> int:
    from budgetperf.render.svg import final_accounts_charts, score_chart, stack
    from budgetperf.render.tables import document_html, document_markdown

    data = _read(args.file)
    if args.format == "md":
        text = document_markdown(data, rules=args.rules, locale=args.lang)
    elif args.format == "html":
        text = document_html(data, rules=args.rules, locale=args.lang)
    else:
        charts = []
        for document in _documents(data):
            if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
                charts.append(score_chart(score(document, args.rules)))
            else:
                charts += final_accounts_charts(document)
        text = stack(charts).svg + "\n"
    _write(text, args.output)
    return EXIT_OK


def _finding_json(f: Finding) -> str:
    return json.dumps(
        {
            "code": f.code,
            "severity": f.severity.value,
            "path": f.path,
            "message": f.message,
            "expected": f.expected,
            "reported": f.reported,
            "document": f.document,
            "source_text": f.source_text,
        },
        ensure_ascii=False,
    )


def _run_audit(args: argparse.Namespace) -> int:
    from budgetperf.render.messages import localize

    data, name = _bytes(args.file)
    result = audit_blocks(
        readers.read_bytes(data, file=name), file=Path(name).name, rules=args.rules
    )
    findings = [localize(f, args.lang) for f in result.findings]
    if args.extract_to:
        _write(dump(result.batch), args.extract_to)
    english = not args.lang.startswith("zh")
    if args.format == "json":
        for f in findings:
            print(_finding_json(f))
        for u in result.unparsed:
            print(
                json.dumps(
                    {
                        "code": "audit.unparsed",
                        "severity": "error" if args.strict else "info",
                        "path": u.location,
                        "message": u.reason,
                        "expected": None,
                        "reported": u.text,
                        "document": "",
                        "source_text": u.text,
                    },
                    ensure_ascii=False,
                )
            )
    else:
        kinds = {d.__class__.__name__ for d in result.batch.documents}
        print(f"{args.file}: {len(result.batch.documents)} documents ({', '.join(sorted(kinds))})")
        for f in findings:
            label = f.severity.value if english else _SEVERITY_ZH[f.severity.value]
            print(f"[{label}] {f.code}  {f.path}\n    {f.message}")
            if f.source_text:
                print(f"    ⟨{f.source_text.strip()[:160]}⟩")
        for u in result.unparsed:
            print(
                f"[{'unparsed' if english else '未解析'}] {u.location}: {u.reason}\n    ⟨{u.text[:160]}⟩"
            )
    empty = not result.batch.documents
    if empty:
        # A report from which nothing could be read is not a clean report.
        print(
            "budgetperf: 未从文件中读出任何文档（表格或说明），请查看未解析的内容 | no document "
            "could be read from the file; see what was not understood",
            file=sys.stderr,
        )
    errors = any(f.severity.value == "error" for f in findings) or (
        args.strict and (bool(result.unparsed) or empty)
    )
    return EXIT_FINDINGS if errors else EXIT_OK


class _WholeLines:
    """A text stream whose every ``write`` finishes before Ctrl-C is acted on.

    Each outcome or document is written with one ``write``: deferring SIGINT until it
    returns keeps the output whole lines. Outside a write, Ctrl-C interrupts at once (a run
    blocked reading standard input can still be stopped).
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._writing = False
        self._pending = False

    def _on_interrupt(self, signum: int, frame: object) -> None:
        if self._writing:
            self._pending = True
            return
        raise KeyboardInterrupt

    def write(self, text: str) -> int:
        self._writing = True
        try:
            return self._stream.write(text)
        finally:
            self._writing = False
            if self._pending:
                self._pending = False
                raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[_WholeLines]:
        """Install the SIGINT handler for the duration (main thread only, else as is)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = signal.signal(signal.SIGINT, self._on_interrupt)
        try:
            yield self
        finally:
            signal.signal(signal.SIGINT, previous)


class OutputError(Exception):
    """The output could not be written (full disk, closed pipe): exit status 3."""

    def __init__(self, target: str, error: OSError) -> None:
        super().__init__(target, error.strerror or str(error))
        self.target = target
        self.reason = error.strerror or str(error)


@contextlib.contextmanager
def _open_out(output: str | None) -> Any:
    """The output stream; a failure to open, write or close it is an :class:`OutputError`."""
    if output is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except OSError as exc:
            raise OutputError("<stdout>", exc) from None
        return
    try:
        handle = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise OutputError(output, exc) from None
    try:
        with handle:
            yield handle
    except OSError as exc:
        raise OutputError(output, exc) from None


def _run_batch(args: argparse.Namespace) -> int:
    from budgetperf.bulk import evaluate_lines, write_outcomes

    if args.jobs < 1:
        raise BudgetPerfError(
            "--jobs 至少为 1", "--jobs must be at least 1", field="--jobs", value=args.jobs
        )
    # Bytes, line by line: each line is decoded on its own (UTF-8 or GB18030), so that one
    # undecodable line is one error outcome rather than the end of the run.
    if args.file == "-":
        source: Any = contextlib.nullcontext(_stdin())
    else:
        try:
            source = open(args.file, "rb")  # noqa: SIM115 (closed by the with below)
        except OSError as exc:
            raise BudgetPerfError(
                "无法读取文件", f"cannot read the file: {exc.strerror}", file=args.file
            ) from exc
    with source as lines, _open_out(args.output) as out, _WholeLines(out).installed() as whole:
        outcomes = evaluate_lines(
            _input_lines(lines, args.file),
            rules=args.rules,
            jobs=args.jobs,
            note=lambda text: print(text, file=sys.stderr),
        )
        counts = write_outcomes(outcomes, whole)  # type: ignore[arg-type]  # write() is all it uses
    print(
        f"documents {counts['documents']}, scored {counts['scored']}, with errors "
        f"{counts['with_errors']}, unusable {counts['unusable']}",
        file=sys.stderr,
    )
    if counts["unusable"]:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if counts["with_errors"] else EXIT_OK


def _run_generate(args: argparse.Namespace) -> int:
    from budgetperf.io.csv import escape_cell
    from budgetperf.io.json import dump_lines
    from budgetperf.io.records import to_records
    from budgetperf.synthetic import generate

    if args.count < 0:
        raise BudgetPerfError(
            "文档数量不能为负", "the count must not be negative", field="count", value=args.count
        )
    documents = generate(args.count, seed=args.seed)
    with _open_out(args.output) as raw, _WholeLines(raw).installed() as out:
        if args.format == "jsonl":
            dump_lines(documents, out)  # type: ignore[arg-type]  # write() is all it uses
        else:
            writer = None
            for document in documents:
                for record in to_records(document):
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(record), lineterminator="\n")
                        writer.writeheader()
                    writer.writerow(
                        {k: escape_cell(v) if isinstance(v, str) else v for k, v in record.items()}
                    )
    return EXIT_OK


def _run_convert(args: argparse.Namespace) -> int:
    if args.to == "xlsx":
        from budgetperf.io.xlsx import dumps as xlsx_dumps
        from budgetperf.io.xlsx import left_out

        data = _read(args.file)
        _write_bytes(xlsx_dumps(data), args.output)
        for skipped in left_out(data):
            name = getattr(skipped, "department", "")
            print(
                f"未写入（XLSX 只容纳项目支出绩效自评表）| not written (XLSX holds project "
                f"self-evaluations only): {type(skipped).__name__} {name}",
                file=sys.stderr,
            )
        return EXIT_OK
    _write(dump(_read(args.file), args.to), args.output)
    return EXIT_OK


def _write_bytes(data: bytes, output: str | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    try:
        with open(output, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise BudgetPerfError(
            "无法写入文件", f"cannot write the file: {exc.strerror}", file=output
        ) from exc


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "classify": _run_classify,
    "classification": _run_classification,
    "score": _run_score,
    "check": _run_check,
    "render": _run_render,
    "convert": _run_convert,
    "audit": _run_audit,
    "batch": _run_batch,
    "generate": _run_generate,
    "example": _run_example,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if sys.stdout is None and getattr(args, "output", None) is None:
            # Started with standard output closed (>&-): print() would drop every line and
            # exit 0; say so instead.
            raise OutputError("<stdout>", OSError(0, "standard output is closed"))
        status = _COMMANDS[args.command](args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk shows here, not at exit as a traceback
        return status
    except BudgetPerfError as exc:
        _say(f"budgetperf: {exc}")
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        # Outcomes are written one whole line per write: what was written stays whole lines.
        _say("budgetperf: 已中断 | interrupted")
        return EXIT_INTERRUPTED
    except (OutputError, OSError) as exc:
        pipe = isinstance(exc, BrokenPipeError) or (
            isinstance(exc, OutputError) and "pipe" in exc.reason.lower()
        )
        _silence_stdout()
        if pipe:
            # The reader (head, less) closed the pipe: stop quietly, as Unix tools do.
            return EXIT_OK
        target = exc.target if isinstance(exc, OutputError) else "<stdout>"
        reason = exc.reason if isinstance(exc, OutputError) else (exc.strerror or str(exc))
        _say(
            f"budgetperf: 无法写出结果（{target}：{reason}） | cannot write the output ({target}: {reason})"
        )
        return EXIT_OUTPUT


def _say(message: str) -> None:
    """One line on standard error, if there is one to write to."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):
        print(message, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    # Point the stdout descriptor at /dev/null: what is still buffered is then dropped at
    # exit instead of failing again with "Exception ignored" on standard error.
    if sys.stdout is None:
        return
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
