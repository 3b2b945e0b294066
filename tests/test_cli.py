"""The command line: output and exit codes."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import budgetperf
from budgetperf import check, cli, examples
from budgetperf._progress import Progress
from budgetperf.cli import main
from budgetperf.io.json import dump_lines, to_envelope
from budgetperf.model import ProjectEvaluation
from budgetperf.render.messages import LOCALES
from budgetperf.synthetic import generate


def test_classify_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "2060702", "--year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "科学技术支出 / 科学技术普及 / 科普活动" in out


def test_classify_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "210", "--year", "2016", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["names"] == ["医疗卫生与计划生育支出"]
    assert "卫生健康支出" in data["aliases"]


def test_classify_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "2060709"]) == 2
    assert "2060709" in capsys.readouterr().err


def test_classify_with_user_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("code,name\n206,科学技术支出\n20610,新款\n", encoding="utf-8")
    assert main(["classify", "20610", "--year", "2025", "--table", str(table)]) == 0
    assert "新款" in capsys.readouterr().out
    assert main(["classify", "20610", "--year", "2025", "--table", str(tmp_path / "none.csv")]) == 2


def test_score_prints_a_summary_of_several_projects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    # 21 tables; table 16 is out of 120, so it is left out of the mean and not graded.
    assert last.startswith("项目 21 个：规则均分 99.31")
    assert "等级 优 19、良 1" in last
    assert "另有 1 个未计入均分：51340022T000005849396-人才发展专项（满分 120" in last


def test_user_table_needs_its_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text("code,name\n206,科学技术支出\n", encoding="utf-8")
    assert main(["classify", "206", "--table", str(table)]) == 2
    assert "--year" in capsys.readouterr().err


# -- one command line: every command takes FILE or -, -o, --format, --lang, --help -----------

SEED = Path(__file__).parent / "fixtures" / "seeds" / "000_b51ef7a763712646.txt"
ZIYANG = examples.text("ziyang-2022").encode("utf-8")
JSONL = "".join(
    json.dumps(to_envelope(d), ensure_ascii=False) + "\n" for d in generate(3, seed=1)
).encode("utf-8")
EDITION = "code,name\n206,科学技术支出\n20607,科学技术普及\n".encode()


@attrs.frozen
class Case:
    """One command as run by the table-driven tests."""

    argv: tuple[str, ...]
    stdin: bytes | None  # None: the command reads no input
    status: int


# Each command with its input on standard input ('-') where it takes one. A command added to
# the parser and not here fails test_the_table_has_every_command.
COMMANDS = {
    "classify": Case(("classify", "-", "--year", "2023"), b"2060702\n210\n", 0),
    "classification import": Case(("classification", "import", "-", "--year", "2023"), EDITION, 0),
    "score": Case(("score", "-"), ZIYANG, 0),
    "check": Case(("check", "-"), ZIYANG, 1),
    "render": Case(("render", "-", "--format", "md"), ZIYANG, 0),
    "audit": Case(("audit", "-"), SEED.read_bytes(), 0),
    "batch": Case(("batch", "-"), JSONL, 0),
    "convert": Case(("convert", "-", "--format", "jsonl"), ZIYANG, 0),
    "generate": Case(("generate", "2"), None, 0),
    "example": Case(("example", "ziyang-2022"), None, 0),
}


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every leaf command of the parser, by its words (``classification import``)."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _subparsers(sub)
                found.update({f"{name} {k}": v for k, v in inner.items()} if inner else {name: sub})
    return found


PARSERS = _subparsers(cli._parser())


def _run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: Sequence[str],
    stdin: bytes | None = None,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin or b""), "utf-8"))
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_table_has_every_command() -> None:
    assert set(PARSERS) == set(COMMANDS)


@pytest.mark.parametrize("command", [*sorted(COMMANDS), ""])
def test_every_option_has_help(command: str) -> None:
    parser = PARSERS[command] if command else cli._parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue  # its commands are the other cases
        assert action.help and action.help != argparse.SUPPRESS, (command, action.dest)
        # Chinese first, with English.
        chinese = re.search(r"[\u4e00-\u9fff]", action.help)
        english = re.search(r"[A-Za-z]{3,}", action.help)
        assert chinese and english, (command, action.dest, action.help)
        assert chinese.start() < english.start(), (command, action.dest, action.help)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_output_format_and_lang(command: str) -> None:
    options = PARSERS[command]._option_string_actions
    for option in ("-o", "--output", "--format", "--lang", "--help"):
        assert option in options, (command, option)
    assert options["--lang"].choices == LOCALES
    positional = [a for a in PARSERS[command]._actions if not a.option_strings]
    if COMMANDS[command].stdin is not None:
        assert positional and "'-'" in (positional[0].help or ""), command


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(monkeypatch, capsys, [*command.split(), "--help"])
    assert status == 0
    assert out.startswith(f"usage: budgetperf {command}")
    for option in ("--output", "--format", "--lang"):
        assert option in out


@pytest.mark.parametrize("command", sorted(c for c in COMMANDS if COMMANDS[c].stdin))
def test_reads_standard_input(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    case = COMMANDS[command]
    # classification import writes its table to -o, which standard input leaves unnamed.
    argv = (
        [*case.argv, "-o", str(tmp_path / "t.csv")]
        if command.startswith("classification")
        else case.argv
    )
    status, out, err = _run(monkeypatch, capsys, argv, case.stdin)
    assert status == case.status, err
    assert out.strip()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_file_holds_what_stdout_would(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    case = COMMANDS[command]
    target = tmp_path / "out"
    status, out, err = _run(monkeypatch, capsys, [*case.argv, "-o", str(target)], case.stdin)
    assert status == case.status, err
    if command == "classification import":
        # Its -o is the table file written; the import report stays on standard output.
        assert target.read_text(encoding="utf-8").splitlines()[1:] == [
            "206,科学技术支出",
            "20607,科学技术普及",
        ]
        assert f"写入 {target}" in out
        return
    assert out == ""
    plain_status, plain, _ = _run(monkeypatch, capsys, case.argv, case.stdin)
    assert plain_status == status
    assert target.read_text(encoding="utf-8") == plain != ""


FORMAT_RUNS = [
    (command, choice)
    for command in sorted(COMMANDS)
    for choice in PARSERS[command]._option_string_actions["--format"].choices or ()
]


@pytest.mark.parametrize(("command", "choice"), FORMAT_RUNS)
def test_every_format_offered_is_written(
    command: str,
    choice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    case = COMMANDS[command]
    argv = _with_format(list(case.argv), choice)
    target = tmp_path / "out"
    status, _, err = _run(monkeypatch, capsys, [*argv, "-o", str(target)], case.stdin)
    assert status == case.status, err
    assert target.stat().st_size > 0


def _with_format(argv: list[str], choice: str) -> list[str]:
    if "--format" in argv:
        argv[argv.index("--format") + 1] = choice
        return argv
    return [*argv, "--format", choice]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_lang_is_accepted(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    case = COMMANDS[command]
    argv = [*case.argv, "--lang", "en_US", "-o", str(tmp_path / "out")]
    status, _, err = _run(monkeypatch, capsys, argv, case.stdin)
    assert status == case.status, err
    assert not re.search(r"[\u4e00-\u9fff]", err)  # the notes are English alone


INVALID_NUMBERS = [
    (["generate", "-5"], "COUNT", "'-5'"),
    (["generate", "abc"], "COUNT", "'abc'"),
    (["generate", "1.5"], "COUNT", "'1.5'"),
    (["generate", "3", "--seed", "-1"], "--seed", "'-1'"),
    (["batch", "x.jsonl", "--jobs", "0"], "--jobs", "'0'"),
    (["batch", "x.jsonl", "--jobs", "-2"], "--jobs", "'-2'"),
    (["batch", "x.jsonl", "--jobs", "many"], "--jobs", "'many'"),
    (["batch", "x.jsonl", "--jobs", "100000"], "--jobs", "'100000'"),
    (["classify", "206", "--year", "-2023"], "--year", "'-2023'"),
    (["classify", "206", "--year", "20233"], "--year", "'20233'"),
    (["classification", "import", "t.csv", "--year", "二〇二三"], "--year", "'二〇二三'"),
]


@pytest.mark.parametrize(("argv", "option", "value"), INVALID_NUMBERS)
def test_invalid_numbers_exit_2_with_one_clear_line(
    argv: list[str],
    option: str,
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(monkeypatch, capsys, argv)
    assert status == cli.EXIT_UNUSABLE == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith(f"budgetperf {argv[0]}")
    assert "应为整数" in line and "expected a whole number" in line
    assert option in line and value in line
    assert line.index("应为整数") < line.index("expected")  # Chinese first


def test_convert_to_is_format(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, by_format, _ = _run(monkeypatch, capsys, ["convert", "-", "--format", "csv"], ZIYANG)
    _, by_to, _ = _run(monkeypatch, capsys, ["convert", "-", "--to", "csv"], ZIYANG)
    assert by_to == by_format
    assert "科普宣传与科普活动" in by_format
    status, _, err = _run(monkeypatch, capsys, ["convert", "-"], ZIYANG)
    assert status == 2 and "--format" in err


def test_locales_are_the_catalogs() -> None:
    assert cli._LOCALES == LOCALES


def test_errors_follow_lang(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, chinese = _run(monkeypatch, capsys, ["classify", "2060709"])
    _, _, english = _run(monkeypatch, capsys, ["classify", "2060709", "--lang", "en_US"])
    assert chinese.index("2060709") < chinese.index(" | ")  # Chinese, then English
    assert english.startswith("budgetperf: code 2060709")
    assert not re.search(r"[\u4e00-\u9fff]", english.split("(")[0])


# -- batch: a JSON document is not JSON Lines ------------------------------------------------


def test_batch_refuses_a_pretty_printed_json_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "liangshan.json"
    source.write_text(examples.text("liangshan-2023"), encoding="utf-8")
    assert len(source.read_text(encoding="utf-8").splitlines()) > 300
    out = tmp_path / "outcomes.jsonl"
    status, stdout, err = _run(monkeypatch, capsys, ["batch", str(source), "-o", str(out)])
    assert status == 2 and stdout == ""
    (line,) = err.splitlines()
    assert "这不是 JSON Lines" in line and "this is not JSON Lines" in line
    assert str(source) in line and "convert" in line
    assert not out.exists()  # refused before any output was opened
    # The same from standard input, after blank lines: the line named is the first that is not.
    status, _, err = _run(monkeypatch, capsys, ["batch", "-"], b"\n\n" + source.read_bytes())
    assert status == 2 and "第 3 行" in err and "<stdin>" in err


def test_batch_still_reads_json_lines_whose_first_line_is_bad(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A broken first line that is no open document is one error outcome; the rest go on.
    status, out, _ = _run(monkeypatch, capsys, ["batch", "-"], b'{"a": 1} trailing\n' + JSONL)
    outcomes = [json.loads(line) for line in out.splitlines()]
    assert status == 2 and len(outcomes) == 4
    assert outcomes[0]["error"] and [o["error"] for o in outcomes[1:]] == [None] * 3


def test_batch_messages_follow_lang(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = "".join(
        json.dumps(to_envelope(d), ensure_ascii=False) + "\n"
        for d in generate(40, seed=4, mistake_rate=Decimal(1))
    ).encode()
    _, chinese, err_zh = _run(monkeypatch, capsys, ["batch", "-"], lines)
    _, english, err_en = _run(monkeypatch, capsys, ["batch", "-", "--lang", "en_US"], lines)
    zh = [f["message"] for o in map(json.loads, chinese.splitlines()) for f in o["findings"]]
    en = [f["message"] for o in map(json.loads, english.splitlines()) for f in o["findings"]]
    assert len(zh) == len(en) > 0
    assert all(re.search(r"[\u4e00-\u9fff]", m) for m in zh)
    assert zh != en
    assert err_zh.startswith("budgetperf: 文档 40 个") and err_en.startswith(
        "budgetperf: documents 40"
    )


# -- check names the documents ---------------------------------------------------------------


def test_check_text_names_each_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = examples.load("liangshan-2023")
    status, out, _ = _run(monkeypatch, capsys, ["check"])
    assert status == 1
    assert "== 文档 documents[0]：部门决算 凉山州科学技术协会 · 2023" in out.splitlines()
    assert (
        "== 文档 documents[17]：项目 51340022T000005849396-人才发展专项 · 凉山州科学技术协会部门 · 2023\n"
        "[错误] indicators.weight_sum  $.documents[17].indicators\n"
        "    绩效指标权重合计 110，应为 90\n"
    ) in out
    heading: int | None = None
    headings = 0
    for line in out.splitlines():
        if match := re.match(r"== 文档 documents\[(\d+)\]：(.*)", line):
            heading = int(match.group(1))
            document = batch.documents[heading]
            assert match.group(2).endswith(f"{document.department} · {document.year}")
            if isinstance(document, ProjectEvaluation):
                assert match.group(2) == (
                    f"项目 {document.title} · {document.department} · {document.year}"
                )
            headings += 1
        elif match := re.match(r"\[.+?\] \S+  \$\.documents\[(\d+)\]", line):
            assert int(match.group(1)) == heading  # under the heading of its own document
    findings = check(batch)
    assert headings == len({f.path.split("]")[0] for f in findings})
    _, english, _ = _run(monkeypatch, capsys, ["check", "--lang", "en_US"])
    assert "== document documents[0]: final accounts 凉山州科学技术协会 · 2023" in english


def test_check_of_one_document_names_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = examples.load("ziyang-2022").documents[0]
    assert isinstance(document, ProjectEvaluation)
    one = json.dumps(to_envelope(document), ensure_ascii=False).encode()
    _, out, _ = _run(monkeypatch, capsys, ["check", "-"], one)
    assert out.splitlines()[0] == (
        f"== 文档：项目 {document.title} · {document.department} · {document.year}"
    )


# -- score: a batch, -o, --lang --------------------------------------------------------------


def test_score_json_is_a_sheet_per_scored_document(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(monkeypatch, capsys, ["score", "--format", "json"])
    objects = [json.loads(line) for line in out.splitlines()]
    sheets = [o for o in objects if o["type"] == "score_sheet"]
    # Several projects: their summary is the last line.
    assert [o["type"] for o in objects[len(sheets) :]] == ["summary"]
    expected = [s for s in budgetperf.score(examples.load("liangshan-2023")) if s is not None]
    assert [s["title"] for s in sheets] == [s.title for s in expected]
    assert len(sheets) == 22 and sheets[10]["total"] == "99.47"


def test_score_summary_follows_lang(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _run(monkeypatch, capsys, ["score", "--lang", "en_US"])
    last = out.strip().splitlines()[-1]
    assert last.startswith("21 projects: rule mean 99.31, mean weighted by adjusted budget ")
    assert "grades Excellent 19, Good 1; 1 not averaged: 51340022T000005849396-人才发展专项" in last
    # The reason it is not averaged, in English, with its figures.
    assert last.endswith(
        "(out of 120, not the 100 the sichuan-2023 bands are defined on, and the rules give "
        "no normalisation: not graded)"
    )


# -- examples: every format offered is written -------------------------------------------------

# A batch --format csv/xlsx is written as related tables; TSV has no related-tables form, and
# the 河池 2020 form (funds by government level) is one project the 自评表 CSV/XLSX cannot hold.
# Strict: when one starts to work it must be taken off the list.
_NOT_YET = {
    ("hechi-2020", "xlsx"),
    ("hechi-2020", "csv"),
    ("hechi-2020", "tsv"),
    ("liangshan-2023", "tsv"),
    ("shaoguan-2019", "tsv"),
}


@pytest.mark.parametrize(
    ("name", "choice"),
    [
        pytest.param(
            name,
            choice,
            marks=[pytest.mark.xfail(strict=True, reason="related tables of a batch")]
            if (name, choice) in _NOT_YET
            else [],
        )
        for name in examples.names()
        for choice in cli._CONVERT_FORMATS
    ],
)
def test_example_writes_every_format_it_offers(
    name: str,
    choice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    target = tmp_path / "a" / f"out.{choice}"  # the same name: a batch read back is named by it
    status, _, err = _run(
        monkeypatch, capsys, ["example", name, "--format", choice, "-o", str(target)]
    )
    assert status == 0, err
    converted = tmp_path / "b" / f"out.{choice}"
    source = tmp_path / "example.json"
    source.write_text(examples.text(name), encoding="utf-8")
    assert main(["convert", str(source), "--format", choice, "-o", str(converted)]) == 0
    if choice == "xlsx":  # a workbook records when it was written: compare what it holds
        assert cli._read(str(target)) == cli._read(str(converted))
    else:
        assert target.read_bytes() == converted.read_bytes()  # as convert writes it


# -- progress ---------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_only_and_never_changes_the_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "b.jsonl"
    source.write_bytes(JSONL)
    outputs = {}
    for flag in ("--progress", "--no-progress"):
        terminal = _Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        target = tmp_path / f"out{flag}.jsonl"
        assert main(["batch", str(source), "-o", str(target), flag]) == 0
        outputs[flag] = (target.read_bytes(), terminal.getvalue())
    drawn = outputs["--progress"][1]
    # Drawn as the outcomes are written: the 3 lines are one piece, written at once.
    assert drawn.startswith("\r\x1b[Kbatch  ") and "100%  3 documents" in drawn
    assert "\r\x1b[Kbudgetperf: 文档 3 个" in drawn  # erased before the summary
    assert "\r" not in outputs["--no-progress"][1]
    assert outputs["--progress"][0] == outputs["--no-progress"][0]
    # Not a terminal (captured): nothing but the summary line.
    monkeypatch.undo()
    status, out, err = _run(monkeypatch, capsys, ["generate", "3", "--progress"])
    assert status == 0 and "\r" not in err and err == ""
    written = io.StringIO()
    dump_lines(generate(3), written)
    assert out == written.getvalue() and out.count("\n") == 3


def test_progress_bar_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    terminal = _Terminal()
    now = [100.0]
    bar = Progress("generate", total=8, stream=terminal, clock=lambda: now[0])
    now[0] = 102.0
    bar.update(2)
    assert terminal.getvalue() == (
        "\r\x1b[Kgenerate  [######------------------]  25%  2 documents  1/s  ETA 0:06"
    )
    now[0] = 102.05
    bar.update(3)  # within 0.1 s of the last draw: not redrawn
    assert terminal.getvalue().count("\r") == 1
    bar.close()
    assert terminal.getvalue().endswith("\r\x1b[K") and bar.shown
    monkeypatch.setenv("COLUMNS", "20")  # no wider than the terminal: it would wrap
    narrow = _Terminal()
    Progress("generate", total=8, stream=narrow, clock=lambda: now[0]).update(2)
    assert narrow.getvalue() == "\r\x1b[Kgenerate  [######--"  # 19 columns
    quiet = Progress("batch", stream=_Terminal(), enabled=False)
    quiet.update(5)
    assert not quiet.shown


def test_progress_bar_is_erased_when_interrupted() -> None:
    terminal = _Terminal()
    with pytest.raises(KeyboardInterrupt), Progress("batch", stream=terminal) as bar:
        bar.update(1)
        raise KeyboardInterrupt
    assert terminal.getvalue().startswith("\r\x1b[Kbatch  1 documents")
    assert terminal.getvalue().endswith("\r\x1b[K")


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"classification import"}))
def test_output_dash_is_standard_output(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As '-' is standard input for FILE, '-o -' is standard output: never a file named '-'.
    case = COMMANDS[command]
    monkeypatch.chdir(tmp_path)
    status, plain, _ = _run(monkeypatch, capsys, case.argv, case.stdin)
    status_dash, dash, _ = _run(monkeypatch, capsys, [*case.argv, "-o", "-"], case.stdin)
    assert (status_dash, dash) == (status, plain) and plain
    assert not (tmp_path / "-").exists()


def test_classification_import_writes_its_table_to_a_file_named_by_o(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its report goes to standard output: -o names the table's file, '-' included.
    monkeypatch.chdir(tmp_path)
    case = COMMANDS["classification import"]
    status, _, _ = _run(monkeypatch, capsys, [*case.argv, "-o", "table.csv"], case.stdin)
    assert status == 0 and "20607" in (tmp_path / "table.csv").read_text(encoding="utf-8")


def test_the_program_exits_with_the_command_s_status_and_freezes_what_lives_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The console script and python -m budgetperf run cli.run: main's status becomes the
    # exit status, and what is alive when the command ends is out of the collector's sight
    # (the interpreter's last collection need not walk it). main() itself freezes nothing.
    import gc

    from budgetperf import cli

    before = gc.get_freeze_count()
    try:
        assert main(["--version"]) == 0
        assert gc.get_freeze_count() == before
        monkeypatch.setattr(sys, "argv", ["budgetperf", "rules", "--bogus-option"])
        with pytest.raises(SystemExit) as stopped:
            cli.run()
        assert stopped.value.code == 2  # a usage error, as main returns it
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    capsys.readouterr()
