"""The command line on a corpus of corrupt files (tests/corrupt/).

Every file must give exit status 2 and one message on standard error, no traceback, for
every command that reads a document — within 5 s and 512 MiB each. The commands run in one
child process under an address-space limit (starting Python 120 times would dominate the
suite); a few files also run as real ``budgetperf`` processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corrupt"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md")
COMMANDS = [["check"], ["score"], ["convert", "--to", "json"], ["render", "--format", "svg"]]
MEMORY = 512 * 1024 * 1024
SECONDS = 5

# Runs main() on each (file, command) with stdout discarded and stderr captured; an
# exception escaping main() (the traceback a user would see) or an alarm is reported.
_RUNNER = textwrap.dedent(
    """
    import contextlib, io, json, resource, signal, sys, traceback
    memory, seconds, jobs = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    from budgetperf.cli import main

    class Overtime(BaseException):
        pass  # not an OSError (as TimeoutError is): nothing in main() may catch it

    def alarm(*_):
        raise Overtime(f"took longer than {seconds} s")

    signal.signal(signal.SIGALRM, alarm)
    results = []
    for argv in jobs:
        err = io.StringIO()
        signal.alarm(seconds)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                status = main(argv)
            escaped = ""
        except BaseException:
            status, escaped = None, traceback.format_exc()[-1500:]
        finally:
            signal.alarm(0)
        results.append({"argv": argv, "status": status, "stderr": err.getvalue(), "escaped": escaped})
    print(json.dumps(results))
    """
)


def test_the_corpus_covers_the_issue() -> None:
    assert len(FILES) >= 25
    assert {"figure-1e+999999999.json", "jsonl-bad-line-101.jsonl", "csv-repeated-year.csv"} <= set(
        FILES
    )


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits and SIGALRM are POSIX")
def test_every_corrupt_file_exits_2_with_one_message() -> None:
    jobs = [
        [*command[:1], str(CORPUS / name), *command[1:]] for name in FILES for command in COMMANDS
    ]
    child = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(MEMORY), str(SECONDS), json.dumps(jobs)],
        capture_output=True,
        text=True,
        timeout=SECONDS * len(jobs),
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    failures = []
    for result in json.loads(child.stdout):
        lines = result["stderr"].strip().splitlines()
        if (
            result["escaped"]
            or result["status"] != 2
            or len(lines) != 1
            or "Traceback" in result["stderr"]
        ):
            failures.append(result)
    assert failures == []


@pytest.mark.parametrize(
    "name", ["figure-1e-999999999.json", "jsonl-bad-line-101.jsonl", "csv-year-1e999999999.csv"]
)
def test_as_a_real_process(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "budgetperf", "score", str(CORPUS / name)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""  # 1E-999999999 once printed a billion zeros
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_batch_gives_each_line_of_a_broken_file_its_outcome(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetperf",
            "batch",
            str(CORPUS / "jsonl-bad-line-101.jsonl"),
            "-o",
            str(out),
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    outcomes = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(outcomes) == 120
    assert [o["line"] for o in outcomes if o["error"]] == [101]
