"""A one-line progress bar on a terminal's standard error (进度条), for the command line.

Built in rather than taken from tqdm or rich: the command line needs one line that counts
documents, shows the share done when the size is known, and erases itself — some forty
lines, where a library would be one more dependency to install and to keep in step. It
writes only to a stream that is a terminal, never to standard output, so what a command
writes to standard output or ``-o`` is the same byte for byte with or without it::

    >>> import io
    >>> bar = Progress("batch", stream=io.StringIO())  # not a terminal: writes nothing
    >>> bar.update(10)
    >>> bar.close()
    >>> bar.shown
    False
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

__all__ = ["Progress"]

_T = TypeVar("_T")

_WIDTH = 24
"""Characters of the bar itself."""

_INTERVAL = 0.1
"""Seconds between two redraws: a terminal is not redrawn for every document."""

_ERASE = "\r\x1b[K"
"""Back to the start of the line and erase it."""


def _is_terminal(stream: IO[str] | None) -> bool:
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (OSError, ValueError):  # closed or detached
        return False


class Progress:
    """Documents done so far, with a bar when the share done is known (进度条).

    Use it as a context manager: leaving it — at the end, or on an error or Ctrl-C — erases
    the bar, so that the next message starts on a clean line.

    Args:
        label: what is running (``"batch"``), printed first.
        total: how many items there are, when known (the bar shows their share).
        stream: where to draw (standard error); nothing is drawn unless it is a terminal.
        enabled: False draws nothing whatever the stream (``--no-progress``).
        unit: what is counted, as printed after the count.
        clock: seconds, monotonic (a parameter so that tests need not wait).
    """

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        stream: IO[str] | None = None,
        enabled: bool = True,
        unit: str = "documents",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import sys

        target = sys.stderr if stream is None else stream
        self._stream = target if enabled and _is_terminal(target) else None
        self._label = label
        self._total = total
        self._unit = unit
        self._clock = clock
        self._start = clock()
        self._drawn_at: float | None = None  # float-ok: a clock reading, not money
        self.shown = False
        """Whether anything was drawn."""

    def update(self, done: int, *, fraction: float | None = None) -> None:  # float-ok: share done
        """``done`` items are finished; ``fraction`` (0–1) overrides ``done / total``."""
        if self._stream is None:
            return
        now = self._clock()
        if self._drawn_at is not None and now - self._drawn_at < _INTERVAL:
            return
        self._drawn_at = now
        if fraction is None and self._total:
            fraction = done / self._total
        elapsed = now - self._start
        parts = [self._label]
        if fraction is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            filled = round(fraction * _WIDTH)
            parts.append(f"[{'#' * filled}{'-' * (_WIDTH - filled)}] {fraction:4.0%}")
        parts.append(f"{done:,} {self._unit}")
        if elapsed > 0:
            parts.append(f"{done / elapsed:,.0f}/s")
        if fraction and elapsed > 0:
            parts.append(f"ETA {_clock_text(elapsed * (1 - fraction) / fraction)}")
        # ASCII only, and no wider than the terminal: a line that wraps cannot be redrawn
        # in place (block characters are double width in a CJK terminal).
        import shutil  # only to draw (it loads the compression modules: a few ms)

        width = shutil.get_terminal_size().columns - 1
        self._draw(_ERASE + "  ".join(parts)[:width])

    def iterate(self, items: Iterable[_T]) -> Iterator[_T]:
        """``items`` unchanged, counting each one as it is taken."""
        for done, item in enumerate(items, 1):
            yield item
            self.update(done)

    def close(self) -> None:
        """Erase the bar, so that what is printed next starts on a clean line."""
        if self._stream is not None and self.shown:
            self._draw(_ERASE)
        self._stream = None

    def _draw(self, text: str) -> None:
        assert self._stream is not None
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self._stream = None  # the terminal went away: the run goes on without a bar
            return
        self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _clock_text(seconds: float) -> str:  # float-ok: seconds
    minutes, second = divmod(int(seconds + 0.5), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"
