"""The ``budgetperf`` command (命令行). Thin: parse arguments → call the library → print.

Exit status: 0 success, 1 findings of severity error (``check``), 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from budgetperf import __version__
from budgetperf.classification import Classification, ClassificationTable, TableKind, classify
from budgetperf.errors import BudgetPerfError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


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
        metavar="CSV",
        help="完整官方科目表 CSV (code,name) of that year, instead of the shipped table",
    )
    classify_cmd.add_argument("--format", choices=("text", "json"), default="text")
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
        from budgetperf.io import load_classification

        kind = TableKind.for_code(args.code.strip()) or TableKind.FUNCTIONAL
        table = load_classification(
            args.table, year=args.year if args.year is not None else 0, kind=kind
        )
    result = classify(args.code, args.year, table=table)
    text = _classification_json(result) if args.format == "json" else _classification_text(result)
    print(text)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "classify":
            return _run_classify(args)
    except BudgetPerfError as exc:
        print(f"budgetperf: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
