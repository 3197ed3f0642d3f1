"""Wall time per build stage, progress while it runs, and the work done in worker processes.

On a terminal each stage with a known amount of work shows a progress bar (tqdm); elsewhere
(CI logs) each stage prints one summary line when it ends. `make bench` reads the seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

QUIET_BELOW = 1.0  # seconds: a shorter stage prints no line of its own (the final summary says it)


class Stages:
    """Seconds spent in each named stage; a stage entered several times adds up."""

    def __init__(self, stream: IO[str] | None = None, report: bool = False) -> None:
        self.seconds: dict[str, float] = {}
        self.work: dict[str, float] = {}  # seconds of work done in worker processes, summed
        self.stream = stream or sys.stderr
        self.report = report

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        """Time a stage; yields `advance(n)` to report progress on `total` items."""
        bar = None
        if self.report and total and self.stream.isatty():
            from tqdm import tqdm

            bar = tqdm(total=total, desc=name, unit="", file=self.stream, leave=False, dynamic_ncols=True)
        start = time.perf_counter()
        try:
            yield bar.update if bar is not None else _ignore
        finally:
            seconds = time.perf_counter() - start
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds
            if bar is not None:
                bar.close()
            if self.report and seconds >= QUIET_BELOW:
                count = f" · {total:,} items · {total / seconds:,.0f}/s" if total else ""
                print(f"  {name}: {seconds:.1f} s{count}", file=self.stream, flush=True)

    def add_work(self, seconds: dict[str, float]) -> None:
        for name, value in seconds.items():
            self.work[name] = self.work.get(name, 0.0) + value


def _ignore(n: int = 1) -> None:
    pass
