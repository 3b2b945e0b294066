"""The ``budgetperf`` command (命令行). Thin: parse arguments → call the library → print.

Exit status: 0 success, 1 findings of severity error (``check``, ``batch``), 2 unusable
input (``batch``: some line could not be evaluated), 3 the output could not be written (full
disk, closed pipe or stdout), 130 interrupted (Ctrl-C). Every failure prints one message on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs

from budgetperf import __version__, check, examples
from budgetperf._progress import Progress
from budgetperf.checks import Finding
from budgetperf.classification import Classification, ClassificationTable, TableKind, classify
from budgetperf.errors import BudgetPerfError, FigureRangeError, ParseError
from budgetperf.explanations import GRADE_EN, explanation_in
from budgetperf.io import FORMATS, dump, load_text, outputs
from budgetperf.model._fields import FIRST_YEAR, LAST_YEAR
from budgetperf.model.evaluation import Batch, DepartmentEvaluation, Document, ProjectEvaluation
from budgetperf.money import Rounding
from budgetperf.render.text import score_sheet_text
from budgetperf.scoring import RULE_SETS, Summary, score, summarize

if TYPE_CHECKING:
    from budgetperf.bulk import Outcome
    from budgetperf.classification.edition import EditionRows

__all__ = ["main"]

_T = TypeVar("_T")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2
EXIT_OUTPUT = 3
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on standard error and exit 2, and
    whose ``--help`` is described in Chinese and English like every other option."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "add_help": False})
        self.add_argument(
            "-h", "--help", action="help", help="显示本帮助并退出 | show this help and exit"
        )

    def error(self, message: str) -> NoReturn:
        _say(f"{self.prog}: 参数错误 | usage error: {message}（用法见 see `{self.prog} --help`）")
        raise SystemExit(EXIT_UNUSABLE)


def _whole_number(
    minimum: int, maximum: int | None = None, *, example: str = ""
) -> Callable[[str], int]:
    """An argparse ``type``: an int from ``minimum`` to ``maximum``, else a usage error."""
    bounds = f"{minimum}–{maximum}" if maximum is not None else f"≥ {minimum}"

    def parse(text: str) -> int:
        try:
            value = int(text, 10)
        except ValueError:
            value = None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(
                f"应为整数 {bounds}，而不是 {text!r} | expected a whole number {bounds}"
                f"{' such as ' + example if example else ''}, not {text!r}"
            )
        return value

    return parse


_YEAR = _whole_number(FIRST_YEAR, LAST_YEAR, example="2025")
_LOCALES = ("zh_CN", "en_US")
"""The message languages; the same as ``budgetperf.render.messages.LOCALES`` (a test holds
them equal), spelled here so that ``--help`` does not load the message catalogs."""
_CONVERT_FORMATS = (*FORMATS, "xlsx", "datapackage")
"""What ``convert --format`` (and so ``example --format``) writes."""


def _input_argument(
    command: argparse.ArgumentParser, zh: str, en: str, *, example: bool = False
) -> None:
    """FILE: a path, or ``-`` for standard input (default: the bundled example, if any)."""
    default = f" (default: the bundled example {examples.DEFAULT})" if example else ""
    command.add_argument(
        "file",
        nargs="?" if example else None,
        default=None,
        metavar="FILE",
        help=f"{zh}；'-' 为标准输入 | {en}; '-' reads standard input{default}",
    )


def _output_file(text: str) -> str | None:
    """``-o``'s file; ``-`` is standard output (None), as ``-`` is standard input for FILE."""
    return None if text == "-" else text


def _common_arguments(
    command: argparse.ArgumentParser,
    formats: Sequence[str],
    *,
    format_help: str,
    output_help: str = "写入文件 | write to this file (default: standard output)",
    default: str | None = None,
    required: bool = False,
    aliases: Sequence[str] = (),
    dash_is_stdout: bool = True,
) -> None:
    """The options every command has: ``-o/--output``, ``--format`` and ``--lang``.

    ``--format`` defaults to ``default`` (else the first format) unless ``required``;
    ``aliases`` are other spellings of it kept for existing scripts (``convert --to``).
    """
    if dash_is_stdout:
        command.add_argument(
            "-o",
            "--output",
            default=None,
            type=_output_file,
            metavar="OUT",
            help=f"{output_help}; '-' 为标准输出 | '-' is standard output",
        )
    else:
        command.add_argument("-o", "--output", default=None, metavar="OUT", help=output_help)
    chosen = None if required else (default or formats[0])
    command.add_argument(
        "--format",
        *aliases,
        dest="format",
        choices=formats,
        default=chosen,
        required=required,
        help=f"输出格式 | output format: {format_help} "
        f"({'required' if required else f'default: {chosen}'})",
    )
    _lang_argument(command)


def _lang_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lang",
        choices=_LOCALES,
        default="zh_CN",
        help="提示与消息的语言 | language of messages and notes (default: zh_CN, Chinese "
        "with English; en_US: English)",
    )


def _rules_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--rules",
        default=None,
        choices=sorted(RULE_SETS),
        metavar="NAME",
        help=f"评分规则集 | rule set: {', '.join(sorted(RULE_SETS))} "
        "(default: by the document's layout)",
    )


def _progress_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="进度条，仅当标准错误是终端时显示 | a progress bar on standard error, drawn only "
        "when it is a terminal; never on standard output (default: --progress)",
    )


def _document_arguments(command: argparse.ArgumentParser) -> None:
    """FILE (default: the bundled example) and --rules."""
    _input_argument(command, "任意支持的输入", "any supported input", example=True)
    _rules_argument(command)


_TEXT_OR_JSON = ("text", "json")
_TEXT_OR_JSON_HELP = "text: 可读文本 | readable text; json: JSON Lines, one object per line"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="budgetperf",
        description="预算绩效管理数据工具 (budget performance evaluation as data)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"budgetperf {__version__}",
        help="显示版本并退出 | show the version and exit",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    classify_cmd = commands.add_parser(
        "classify", help="解析科目编码 (resolve a classification code)"
    )
    classify_cmd.add_argument(
        "code",
        metavar="CODE",
        help="2xx 功能分类, 3xx/5xx 经济分类, e.g. 2060702; '-' reads one code per line "
        "from standard input",
    )
    classify_cmd.add_argument(
        "--year", type=_YEAR, default=None, help="年度 | the year (default: newest)"
    )
    classify_cmd.add_argument(
        "--table",
        default=None,
        metavar="FILE",
        help="该年度的完整官方科目表 | the full official table of that year (CSV code,name; "
        "or the edition's PDF/XLSX)",
    )
    _common_arguments(classify_cmd, _TEXT_OR_JSON, format_help=_TEXT_OR_JSON_HELP)

    table_cmd = commands.add_parser(
        "classification", help="科目表 (classification tables: import an official edition)"
    )
    table_commands = table_cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    import_cmd = table_commands.add_parser(
        "import",
        help="导入官方《政府收支分类科目》PDF/XLSX/CSV (read an edition; write a table file)",
    )
    _input_argument(import_cmd, "官方科目表 .pdf/.xlsx/.csv", "the edition as published")
    import_cmd.add_argument(
        "--year", type=_YEAR, required=True, help="科目表年度 | the edition's year"
    )
    import_cmd.add_argument(
        "--kind",
        choices=[kind.value for kind in TableKind],
        default=TableKind.FUNCTIONAL.value,
        help="文件所载的科目表 | which table the file holds (default: functional)",
    )
    _common_arguments(
        import_cmd,
        _TEXT_OR_JSON,
        format_help="the import report as " + _TEXT_OR_JSON_HELP,
        output_help="写入的科目表文件 | table file to write (CSV code,name; default: "
        "<file>.<year>.csv); the report goes to standard output",
        dash_is_stdout=False,
    )

    score_cmd = commands.add_parser(
        "score", help="按规则评分 (score self-evaluations; the bundled example by default)"
    )
    _document_arguments(score_cmd)
    _common_arguments(score_cmd, _TEXT_OR_JSON, format_help=_TEXT_OR_JSON_HELP)
    _progress_argument(score_cmd)

    check_cmd = commands.add_parser(
        "check", help="一致性检查 (recompute every reported figure; exit 1 when errors are found)"
    )
    _document_arguments(check_cmd)
    _common_arguments(check_cmd, _TEXT_OR_JSON, format_help=_TEXT_OR_JSON_HELP)

    render_cmd = commands.add_parser(
        "render", help="呈现为表格、文字与图表 (render tables, sentences and charts)"
    )
    _document_arguments(render_cmd)
    _common_arguments(
        render_cmd,
        ("md", "html", "svg", "vega-lite"),
        format_help="md: Markdown 表格 | tables; html: 网页 | a web page; svg: 图表 | charts; "
        "vega-lite: 图表数据 | the charts' data as a Vega-Lite spec",
        required=True,
    )
    render_cmd.add_argument(
        "--with-findings",
        action="store_true",
        help="检查发现列在所涉行旁 | each document's findings beside the rows they concern (html) "
        "or after its tables (md)",
    )

    audit_cmd = commands.add_parser(
        "audit",
        help="审计已发布的报告 (read a published report: DOCX, HTML or text; extract; check)",
    )
    _input_argument(audit_cmd, "报告 .docx/.html/.pdf/.xlsx/文本", "the report as published")
    _common_arguments(audit_cmd, _TEXT_OR_JSON, format_help=_TEXT_OR_JSON_HELP)
    _rules_argument(audit_cmd)
    audit_cmd.add_argument(
        "--strict",
        action="store_true",
        help="严格模式：无法理解的内容视为错误 | content that cannot be understood is an error "
        "(exit 1)",
    )
    audit_cmd.add_argument(
        "--extract-to",
        default=None,
        metavar="OUT.json",
        help="写出提取的文档以便人工校正 | write the extracted documents (budgetperf/1 JSON) for "
        "correction by hand",
    )

    batch_cmd = commands.add_parser(
        "batch", help="批量评分与检查 (score and check a JSON Lines batch as a stream)"
    )
    _input_argument(batch_cmd, "每行一个文档的 JSON Lines", "JSON Lines, one document per line")
    _common_arguments(
        batch_cmd,
        ("jsonl",),
        format_help="jsonl: 每行一个结果 | one outcome per line",
        output_help="结果写入文件 | outcomes to this file (default: standard output)",
    )
    batch_cmd.add_argument(
        "--jobs",
        type=_whole_number(1, 1024),
        default=1,
        metavar="N",
        help="并行评价的进程数，含本进程（N−1 个工作进程）| processes evaluating in parallel, "
        "this one included (N−1 worker processes), 1–1024 (default 1)",
    )
    _rules_argument(batch_cmd)
    _progress_argument(batch_cmd)

    generate_cmd = commands.add_parser(
        "generate", help="生成合成批量数据 (write a reproducible synthetic batch)"
    )
    generate_cmd.add_argument(
        "count",
        type=_whole_number(0, example="1000"),
        metavar="COUNT",
        help="文档数量 | how many documents (a whole number ≥ 0)",
    )
    generate_cmd.add_argument(
        "--seed",
        type=_whole_number(0),
        default=0,
        help="随机种子，同一种子生成同一批 | random seed: the same seed writes the same batch "
        "(default 0)",
    )
    _common_arguments(
        generate_cmd,
        ("jsonl", "csv"),
        format_help="jsonl: 文档 | documents; csv: 关联表格 ZIP | the batch as related tables "
        "(a ZIP of CSV files, read back by convert)",
    )
    _progress_argument(generate_cmd)

    convert_cmd = commands.add_parser(
        "convert",
        help="格式转换 (convert between budgetperf/1 JSON, JSON Lines and 自评表 CSV/TSV/XLSX)",
    )
    _input_argument(convert_cmd, "任意支持的输入", "input in any supported format")
    _common_arguments(
        convert_cmd,
        _CONVERT_FORMATS,
        format_help="csv/xlsx: 一张自评表仍为表样，其余为关联表格 | one 自评表 stays a form, "
        "anything else becomes related tables (a ZIP of CSV files / one sheet per table); "
        "datapackage: Frictionless 数据包 | the tables as a Frictionless Data Package (ZIP); "
        "--to is the same option; xlsx needs pip install 'budgetperf[excel]'",
        required=True,
        aliases=("--to",),
    )

    example_cmd = commands.add_parser(
        "example", help="列出或导出内置示例 (list or write the bundled examples)"
    )
    example_cmd.add_argument(
        "name",
        nargs="?",
        default=None,
        choices=_ExampleNames(),
        metavar="NAME",
        help="示例名 | the example: %(choices)s (default: list them)",
    )
    _common_arguments(
        example_cmd,
        _CONVERT_FORMATS,
        format_help="as convert writes it",
        default="json",
    )
    return parser


def _classification_text(result: Classification, english: bool = False) -> str:
    lines = [f"{result.code}  {result.path}"]
    for entry in result.levels:
        lines.append(f"  {entry.level.value} {entry.code} {entry.name}（{entry.confidence.value}）")
    if result.aliases:
        label = "aliases" if english else "别名 (aliases)"
        lines.append(f"  {label}: {'、'.join(result.aliases)}")
    if english:
        year = result.year if result.year is not None else "current"
        lines.append(f"  year {year}, {result.kind.value} table, edition {result.edition}")
    else:
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
    if args.code == "-":
        # One code per line from standard input; blank lines are skipped, an unknown code
        # names its line.
        from budgetperf.readers._encoding import decode_text

        data, name = _bytes("-")
        lines = decode_text(data, file=name).splitlines()
        codes: list[tuple[int | None, str]] = [(n, c.strip()) for n, c in enumerate(lines, 1)]
    else:
        codes = [(None, args.code)]
    english = _english(args)
    texts = []
    for row, code in codes:
        if not code:
            continue
        try:
            result = classify(code, args.year, table=table)
        except BudgetPerfError as exc:
            if row is not None:
                exc.located(file="<stdin>", row=row)
            raise
        if args.format == "json":
            texts.append(_classification_json(result))
        else:
            texts.append(_classification_text(result, english))
    _write("".join(f"{text}\n" for text in texts), args.output)
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


_READ_BUFFER = 1 << 20
"""Bytes a batch's input is read by (its lines are several KB each)."""


def _batch_stdin() -> Any:
    """Standard input as bytes for ``batch``, read through a large buffer where it is a
    real file descriptor (else as it is)."""
    stream = _stdin()
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return stream
    # Nothing has been read from it yet: a second reader of the descriptor loses nothing.
    try:
        return open(descriptor, "rb", buffering=_READ_BUFFER, closefd=False)
    except OSError:  # closed under us: reading the stream says so, as for any command
        return stream


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
    if args.file == "-":
        if args.output is None:
            raise BudgetPerfError(
                "从标准输入导入时须用 -o 指明要写入的科目表文件",
                "importing from standard input needs -o: the table file to write",
                field="-o",
                expected="e.g. -o functional-2025.csv",
            )
        table, rows = _edition_from_stdin(args.year, kind)
    else:
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


def _edition_from_stdin(year: int, kind: TableKind) -> tuple[ClassificationTable, EditionRows]:
    """An edition piped in: its bytes go to a temporary file named by what they are (the
    edition readers open files by their suffix)."""
    import tempfile

    from budgetperf import readers
    from budgetperf.io.edition import read_edition

    data, name = _bytes("-")
    suffix = {"pdf": ".pdf", "xlsx": ".xlsx"}.get(readers.kind_of(data, file=name), ".csv")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"stdin{suffix}"
        path.write_bytes(data)
        try:
            return read_edition(path, year=year, kind=kind, source=name)
        except BudgetPerfError as exc:
            if exc.file == str(path):
                exc.file = None
            raise exc.located(file=name) from None


def _bytes(file: str) -> tuple[bytes, str]:
    """The content of FILE (``-``: standard input) and the name to report it by."""
    from budgetperf import readers

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
    from budgetperf import readers
    from budgetperf.audit import audit_blocks
    from budgetperf.readers._encoding import decode_text

    if file is None:
        return examples.load(examples.DEFAULT)
    if file != "-" and Path(file).is_dir():
        from budgetperf.io.flat import load_directory

        return load_directory(file)  # unpacked tables (docs/outputs.md)
    data, name = _bytes(file)
    from budgetperf.io.flat import is_tables_zip, load_zip

    if is_tables_zip(data):
        return load_zip(data, file=name)
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
    data = _read(args.file)
    indexed = [
        (i, d)
        for i, d in enumerate(_documents(data))
        if isinstance(d, ProjectEvaluation | DepartmentEvaluation)
    ]
    scored = [d for _, d in indexed]
    if not scored:
        raise BudgetPerfError(
            "输入中没有可评分的自评表",
            "no self-evaluation to score in the input",
            value=args.file,
            expected="a project or department evaluation",
        )
    with Progress("score", total=len(scored), enabled=args.progress) as progress:
        sheets = [score(document, rules) for document in progress.iterate(scored)]
    if args.format == "json":
        name = data.name if isinstance(data, Batch) else None
        text = "".join(
            outputs.dumps(outputs.score_sheet_object(sheet, document, batch=name, index=index))
            + "\n"
            for (index, document), sheet in zip(indexed, sheets, strict=True)
        )
        projects = [d for d in scored if isinstance(d, ProjectEvaluation)]
        if len(projects) > 1:
            summary = outputs.summary_object(summarize(projects, rules), batch=name)
            text += outputs.dumps(summary) + "\n"
    else:
        text = "\n\n".join(score_sheet_text(sheet, locale=args.lang) for sheet in sheets) + "\n"
        projects = [d for d in scored if isinstance(d, ProjectEvaluation)]
        if len(projects) > 1:
            text += "\n" + _summary_text(summarize(projects, rules), _english(args)) + "\n"
    _write(text, args.output)
    return EXIT_OK


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _run_check(args: argparse.Namespace) -> int:
    data = _read(args.file)
    findings = check(data, args.rules, locale=args.lang)
    if args.format == "json":
        lines = [
            outputs.dumps(outputs.finding_object(f, batch=data, rules=args.rules)) for f in findings
        ]
    else:
        english = _english(args)
        lines = _findings_text(findings, data, english)
        counts = {s: sum(1 for f in findings if f.severity.value == s) for s in _SEVERITY_ZH}
        if english:
            lines.append(
                f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes"
            )
        else:
            lines.append(
                f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项"
            )
    _write("".join(f"{line}\n" for line in lines), args.output)
    return EXIT_FINDINGS if any(f.severity.value == "error" for f in findings) else EXIT_OK


_DOCUMENT_PATH = re.compile(r"^\$\.documents\[(\d+)\]")
"""The document a finding of a batch is about, from its path (``$.documents[11]...``)."""


def _findings_text(
    findings: Sequence[Finding], data: Document | Batch, english: bool, *, quote: bool = False
) -> list[str]:
    """Findings as text lines, under a heading that names each document they are about.

    A path such as ``$.documents[11].indicators[3]`` says where, not which report: the
    heading gives the document's title (with its project code), department and year.
    ``quote`` adds the sentence or cell each finding comes from.
    """
    documents = _documents(data)
    lines: list[str] = []
    current: int | None = -1
    for f in findings:
        match = _DOCUMENT_PATH.match(f.path)
        index = int(match.group(1)) if match else None
        if index != current and (index is not None or not isinstance(data, Batch)):
            current = index
            document = documents[index if index is not None else 0]
            where = f" documents[{index}]" if index is not None else ""
            label = _document_label(document, english)
            lines.append(f"== document{where}: {label}" if english else f"== 文档{where}：{label}")
        label = f.severity.value if english else _SEVERITY_ZH[f.severity.value]
        lines.append(f"[{label}] {f.code}  {f.path}\n    {f.message}")
        if quote and f.source_text:
            lines.append(f"    ⟨{f.source_text.strip()[:160]}⟩")
    return lines


def _document_label(document: Document, english: bool) -> str:
    """Which report a document is: its title (a project's starts with its code), the
    department and the year."""
    if isinstance(document, ProjectEvaluation):
        kind, parts = ("project", "项目"), [document.title, document.department]
    elif isinstance(document, DepartmentEvaluation):
        kind, parts = ("department evaluation", "部门整体"), [document.department]
    elif document.states_scores_only():
        kind, parts = ("self-evaluation (text)", "绩效自评（文字）"), [document.department]
    else:
        kind, parts = ("final accounts", "部门决算"), [document.department]
    if document.year:
        parts.append(str(document.year))
    else:  # 0: the report prints no year the audit could find
        parts.append("year not printed" if english else "年度未印出")
    return f"{kind[0] if english else kind[1]} " + " · ".join(p for p in parts if p)


def _summary_text(summary: Summary, english: bool = False) -> str:
    def n(value: Decimal | None) -> str:
        return "—" if value is None else str(Rounding(2).apply(value))

    if english:
        grades = ", ".join(
            f"{GRADE_EN[grade.value]} {count}" for grade, count in summary.grades if count
        )
        left_out = "; ".join(
            f"{title} ({explanation_in(reason, 'en_US')})" for title, reason in summary.left_out
        )
        return (
            f"{summary.count} projects: rule mean {n(summary.mean)}, mean weighted by adjusted "
            f"budget {n(summary.budget_weighted_mean)}, reported mean "
            f"{n(summary.reported_mean)}; grades {grades}"
            + (f"; {len(summary.left_out)} not averaged: {left_out}" if summary.left_out else "")
        )
    grades = "、".join(f"{grade.value} {count}" for grade, count in summary.grades if count)
    return (
        f"项目 {summary.count} 个：规则均分 {n(summary.mean)}，按调整后预算加权均分 "
        f"{n(summary.budget_weighted_mean)}，填报均分 {n(summary.reported_mean)}；等级 {grades}"
        + (f"；{summary.left_out_text}" if summary.left_out else "")
    )


def _run_example(args: argparse.Namespace) -> int:
    if args.name is None:
        listing = "".join(f"{name}\t{examples.load(name).title}\n" for name in examples.names())
        _write(listing, args.output)
        return EXIT_OK
    if args.format == "json":
        _write(examples.text(args.name), args.output)  # the bundled file as it is
        return EXIT_OK
    # Every other format is written exactly as convert writes it: what is offered is written.
    return _run_convert(args, examples.load(args.name))


def _english(args: argparse.Namespace) -> bool:
    """Whether ``--lang`` asks for English (else Chinese)."""
    return not str(getattr(args, "lang", "zh_CN")).startswith("zh")


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    with _open_out(output) as handle:
        handle.write(text)


def _run_render(args: argparse.Namespace) -> int:
    from budgetperf.render.svg import final_accounts_charts, score_chart, stack, vega_lite_json
    from budgetperf.render.tables import document_html, document_markdown

    data = _read(args.file)
    if args.format == "md":
        text = document_markdown(
            data, rules=args.rules, locale=args.lang, with_findings=args.with_findings
        )
    elif args.format == "html":
        text = document_html(
            data, rules=args.rules, locale=args.lang, with_findings=args.with_findings
        )
    else:
        charts = []
        for document in _documents(data):
            if isinstance(document, ProjectEvaluation | DepartmentEvaluation):
                charts.append(score_chart(score(document, args.rules), locale=args.lang))
            else:
                charts += final_accounts_charts(document, locale=args.lang)
        text = vega_lite_json(charts) if args.format == "vega-lite" else stack(charts).svg + "\n"
    _write(text, args.output)
    return EXIT_OK


def _run_audit(args: argparse.Namespace) -> int:
    from budgetperf import readers
    from budgetperf.audit import audit_blocks
    from budgetperf.render.messages import localize

    data, name = _bytes(args.file)
    result = audit_blocks(
        readers.read_bytes(data, file=name), file=Path(name).name, rules=args.rules
    )
    findings = [localize(f, args.lang) for f in result.findings]
    if args.extract_to:
        _write(dump(result.batch), args.extract_to)
    english = _english(args)
    lines: list[str] = []
    if args.format == "json":
        batch_name = None if args.file == "-" else Path(name).stem
        for f in findings:
            found = outputs.finding_object(f, batch=result.batch, batch_name=batch_name)
            lines.append(outputs.dumps(found))
        for u in result.unparsed:
            unread = outputs.unparsed_object(
                u.location, u.reason, u.text, batch=batch_name, strict=args.strict
            )
            lines.append(outputs.dumps(unread))
    else:
        kinds = {d.__class__.__name__ for d in result.batch.documents}
        lines.append(
            f"{name}: {len(result.batch.documents)} documents ({', '.join(sorted(kinds))})"
        )
        lines += _findings_text(findings, result.batch, english, quote=True)
        for u in result.unparsed:
            lines.append(
                f"[{'unparsed' if english else '未解析'}] {u.location}: {u.reason}\n    ⟨{u.text[:160]}⟩"
            )
    _write("".join(f"{line}\n" for line in lines), args.output)
    empty = not result.batch.documents
    if empty:
        # A report from which nothing could be read is not a clean report.
        _note(
            args,
            "未从文件中读出任何文档（表格或说明），请查看未解析的内容",
            "no document could be read from the file; see what was not understood",
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
    from budgetperf.bulk import (
        _lines_in,
        _rendered_lines,
        _write_rendered,
        evaluate_lines,
        write_outcomes,
    )

    # Bytes, line by line: each line is decoded on its own (UTF-8 or GB18030), so that one
    # undecodable line is one error outcome rather than the end of the run.
    if args.file == "-":
        source: Any = contextlib.nullcontext(_batch_stdin())
    else:
        try:
            # A large buffer: lines of several KB read through the default 8 KB one cost
            # a read and a copy each (a third of reading a batch).
            source = open(args.file, "rb", buffering=_READ_BUFFER)  # noqa: SIM115 (closed by the with below)
        except OSError as exc:
            raise BudgetPerfError(
                "无法读取文件", f"cannot read the file: {exc.strerror}", file=args.file
            ) from exc
    with source as stream:
        reading = _Reading(stream, args.file)
        lines = _json_lines(iter(reading), args.file)  # before any output is written
        with (
            _open_out(args.output) as out,
            _WholeLines(out).installed() as whole,
            Progress("batch", enabled=args.progress) as progress,  # erased on leaving, Ctrl-C too
        ):
            batch = None if args.file == "-" else Path(args.file).stem
            if _english(args):
                outcomes = evaluate_lines(lines, rules=args.rules, jobs=args.jobs, note=_say)
                outcomes = reading.progress(_localized(outcomes, args.lang), progress)
                # write() is all it uses
                counts = write_outcomes(outcomes, whole, batch=batch)  # type: ignore[arg-type]
            else:
                # Each outcome's JSON line is made where it is evaluated (in the workers
                # with --jobs N), the same line write_outcomes writes.
                rendered = _rendered_lines(
                    lines, batch=batch, rules=args.rules, jobs=args.jobs, note=_say
                )
                counts = _write_rendered(
                    reading.progress(rendered, progress, _lines_in),
                    whole,  # type: ignore[arg-type]
                )
    _note(
        args,
        f"文档 {counts['documents']} 个，已评分 {counts['scored']}，有错误 "
        f"{counts['with_errors']}，无法使用 {counts['unusable']}",
        f"documents {counts['documents']}, scored {counts['scored']}, with errors "
        f"{counts['with_errors']}, unusable {counts['unusable']}",
    )
    if counts["unusable"]:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if counts["with_errors"] else EXIT_OK


class _Reading:
    """The lines of a batch input, counting the bytes read so that progress can show the
    share of a file done (standard input has no size: the count alone is shown)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name
        self.consumed = 0
        self.size: int | None = None
        with contextlib.suppress(OSError, ValueError, AttributeError):
            info = os.fstat(stream.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size:
                self.size = info.st_size

    def __iter__(self) -> Iterator[bytes]:
        for line in _input_lines(self._stream, self._name):
            self.consumed += len(line)
            yield line

    def progress(
        self,
        outcomes: Iterable[_T],
        progress: Progress,
        lines_in: Callable[[_T], int] | None = None,
    ) -> Iterator[_T]:
        """``outcomes`` unchanged, drawing ``progress`` as each is taken (``lines_in``: how
        many documents an item stands for, one each by default)."""
        done = 0
        for outcome in outcomes:
            yield outcome
            done += 1 if lines_in is None else lines_in(outcome)
            progress.update(done, fraction=self.consumed / self.size if self.size else None)


def _json_lines(lines: Iterator[bytes], name: str) -> Iterator[bytes]:
    """``lines``, refused at once when they are one JSON document over many lines.

    A pretty-printed ``.json`` file is not JSON Lines: read line by line it would give an
    error outcome for each of its hundreds of lines. Its first line is the start of a JSON
    value that does not end on that line — an open ``{`` or ``[``; that is said once.
    """
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if head and _opens_json_document(head[-1]):
        raise ParseError(
            "这不是 JSON Lines：文件是一个跨多行的 JSON 文档",
            "this is not JSON Lines: the file is one JSON document over several lines; write "
            "one document per line (budgetperf convert FILE --format jsonl)",
            file="<stdin>" if name == "-" else name,
            row=len(head),
            expected="JSON Lines: one budgetperf/1 document per line",
        )
    return itertools.chain(head, lines)


def _opens_json_document(line: bytes) -> bool:
    """Whether ``line`` starts a JSON object or array that it does not finish."""
    text = line.decode("utf-8", "replace").lstrip("\ufeff \t").rstrip()
    if not text.startswith(("{", "[")) or text.endswith(("}", "]")):
        return False  # not JSON, or a value that closes on its line (read by the batch)
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(text)  # the text ended inside the value: it goes on below
    except RecursionError:
        return False
    return False


def _localized(outcomes: Iterable[Outcome], locale: str) -> Iterator[Outcome]:
    """Outcomes with their findings' messages in ``locale``."""
    from budgetperf.render.messages import localize

    for outcome in outcomes:
        findings = tuple(localize(f, locale) for f in outcome.findings)
        yield attrs.evolve(outcome, findings=findings)


def _run_generate(args: argparse.Namespace) -> int:
    from budgetperf.io.json import dump_lines
    from budgetperf.synthetic import generate

    with Progress("generate", total=args.count, enabled=args.progress) as progress:
        documents = progress.iterate(generate(args.count, seed=args.seed))
        if args.format == "jsonl":
            with _open_out(args.output) as raw, _WholeLines(raw).installed() as out:
                dump_lines(documents, out)  # type: ignore[arg-type]  # write() is all it uses
            return EXIT_OK
        # csv: the related tables of the batch (a ZIP of CSV files), which convert reads back.
        from budgetperf.io.flat import dump_tables

        batch = Batch(name=f"synthetic-{args.seed}", documents=tuple(documents))
    _write_bytes(dump_tables(batch, "csv"), args.output)
    return EXIT_OK


def _one_form(data: Document | Batch) -> bool:
    """Whether ``data`` is one project self-evaluation: the 自评表 form holds it."""
    documents = _documents(data)
    return len(documents) == 1 and isinstance(documents[0], ProjectEvaluation)


def _run_convert(args: argparse.Namespace, data: Document | Batch | None = None) -> int:
    """``convert`` (``--format``, alias ``--to``); ``example`` passes its document as ``data``."""
    if data is None:
        data = _read(args.file)
    if args.format == "datapackage" or (args.format in ("csv", "xlsx") and not _one_form(data)):
        # Anything but one self-evaluation: the related tables (docs/outputs.md).
        from budgetperf.io.flat import dump_tables

        _write_bytes(dump_tables(data, args.format), args.output)
        return EXIT_OK
    if args.format == "xlsx":
        from budgetperf.io.xlsx import dumps as xlsx_dumps

        _write_bytes(xlsx_dumps(data), args.output)  # one 自评表: the form
        return EXIT_OK
    _write(dump(data, args.format), args.output)
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


class _ExampleNames:
    """The bundled examples' names as ``argparse`` choices, listed only when it asks (for
    the help, or to check a name given): finding the package's data files costs an import
    every other command need not pay for."""

    def __iter__(self) -> Iterator[str]:
        return iter(examples.names())

    def __contains__(self, name: object) -> bool:
        return name in examples.names()


def run() -> NoReturn:
    """The program ``budgetperf`` (its console script, and ``python -m budgetperf``):
    :func:`main` on the command line's arguments, then exit with its status.

    What the import made lives as long as the program: it is moved out of the collector's
    sight (``gc.freeze``) before the command runs, so that the collections a batch
    triggers do not walk it again and again, and so is everything still alive when the
    command ends, so that the interpreter's last collection on the way out does not walk
    the library's bounded caches (about 60 ms after a batch of 20,000 documents). Only the
    program does this: :func:`main` called from other code leaves the collector alone."""
    gc.freeze()
    status = main()
    gc.freeze()
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (``--help`` and ``--version``: 0, a
    usage error such as an invalid number: 2)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or the one line of _Parser.error
        return exc.code if isinstance(exc.code, int) else EXIT_UNUSABLE
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
        _say(f"budgetperf: {exc.message('en_US') if _english(args) else exc}")
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


def _note(args: argparse.Namespace, zh: str, en: str) -> None:
    """A note on standard error in the ``--lang`` of the command: Chinese with English, or
    English alone."""
    _say(f"budgetperf: {en}" if _english(args) else f"budgetperf: {zh} | {en}")


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
