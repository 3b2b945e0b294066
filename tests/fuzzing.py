"""A sandbox that runs a reader on bytes in another process, bounded in memory and time.

Any reader can be fuzzed with it: name the callable as ``"module:function"`` (it takes the
input ``bytes`` and returns anything, or raises), and :meth:`Sandbox.run` reports what
happened. The child process has an address-space limit (``resource.setrlimit``), so a reader
that tries to allocate gigabytes fails there with ``MemoryError`` rather than taking the
machine down; the parent waits a bounded time, then kills it. One child serves many inputs
(starting Python for each would make a fuzz run slow) and is restarted after a failure.

    with Sandbox() as sandbox:
        outcome = sandbox.run("tests.fuzz_readers:load_any", b"{...}")
        assert outcome.kind in ("ok", "budgetperf"), outcome.detail
"""

from __future__ import annotations

import os
import pickle
import selectors
import struct
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["DEFAULT_MEMORY", "DEFAULT_SECONDS", "Outcome", "Sandbox"]

DEFAULT_MEMORY = 512 * 1024 * 1024
"""Address-space limit of the child, in bytes."""

DEFAULT_SECONDS = 10.0
"""Longest one input may take."""

_ROOT = str(Path(__file__).resolve().parent.parent)

# The child: set the limit, then answer requests (callable name, input) one at a time. Its
# answers are (kind, detail): "ok" with a short summary, "budgetperf" with the error type
# and message, or "other" with the traceback of anything else (MemoryError included).
_CHILD = textwrap.dedent(
    """
    import importlib, pickle, resource, struct, sys, traceback
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from budgetperf.errors import BudgetPerfError
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    cache = {}
    def read(n):
        data = stdin.read(n)
        if len(data) != n:
            sys.exit(0)
        return data
    while True:
        (size,) = struct.unpack(">Q", read(8))
        name, data = pickle.loads(read(size))
        try:
            if name not in cache:
                module, _, attr = name.partition(":")
                cache[name] = getattr(importlib.import_module(module), attr)
            result = cache[name](data)
            answer = ("ok", repr(result)[:200])
        except BudgetPerfError as exc:
            answer = ("budgetperf", f"{type(exc).__name__}: {str(exc)[:300]}")
        except BaseException as exc:
            answer = ("other", traceback.format_exc()[-3000:])
        blob = pickle.dumps(answer)
        stdout.write(struct.pack(">Q", len(blob)) + blob)
        stdout.flush()
    """
)


@dataclass(frozen=True)
class Outcome:
    """What a reader did with one input.

    Attributes:
        kind: ``"ok"`` (returned), ``"budgetperf"`` (raised a budgetperf error), ``"other"``
            (raised anything else, including ``MemoryError``), ``"timeout"`` or ``"crash"``
            (the child died).
        detail: the summary, message or traceback.
    """

    kind: str
    detail: str

    @property
    def acceptable(self) -> bool:
        """Returned, or refused with a budgetperf error: nothing else is."""
        return self.kind in ("ok", "budgetperf")


class Sandbox:
    """A child process that runs readers under an address-space limit and a time bound."""

    def __init__(self, *, memory: int = DEFAULT_MEMORY, seconds: float = DEFAULT_SECONDS) -> None:
        self.memory = memory
        self.seconds = seconds
        self._child: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the child, if any."""
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            for stream in (self._child.stdin, self._child.stdout):
                if stream is not None:
                    stream.close()
            self._child = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._child is None or self._child.poll() is not None:
            self._child = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(self.memory)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                # The repository root, so that "tests.fuzz_readers:…" imports in the child.
                env={
                    **os.environ,
                    "PYTHONPATH": _ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""),
                },
            )
        return self._child

    def run(self, reader: str, data: bytes) -> Outcome:
        """Run ``reader`` (``"module:function"``) on ``data`` in the child."""
        child = self._start()
        assert child.stdin is not None and child.stdout is not None
        blob = pickle.dumps((reader, data))
        try:
            child.stdin.write(struct.pack(">Q", len(blob)) + blob)
            child.stdin.flush()
        except BrokenPipeError:
            self.close()
            return Outcome("crash", "the child exited before reading the input")
        header = _read(child.stdout, 8, self.seconds)
        if header is None:
            timed_out = child.poll() is None
            self.close()
            return Outcome("timeout" if timed_out else "crash", f"after {self.seconds} s")
        (size,) = struct.unpack(">Q", header)
        body = _read(child.stdout, size, self.seconds)
        if body is None:
            self.close()
            return Outcome("crash", "truncated answer")
        kind, detail = pickle.loads(body)
        if kind == "other":
            self.close()  # a child that ran out of memory is not trusted with the next input
        return Outcome(kind, detail)


def _read(stream: IO[bytes], size: int, seconds: float) -> bytes | None:
    """``size`` bytes from ``stream`` within ``seconds``, or None."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    remaining = size
    fd = stream.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                return None
            chunk = os.read(fd, remaining)
            if not chunk:
                return None
            chunks.append(chunk)
            remaining -= len(chunk)
    return b"".join(chunks)
