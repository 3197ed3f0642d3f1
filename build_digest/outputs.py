"""Output files written on every core: each file is a job (its path, how to make its bytes).

Pages, JSON twins, feeds and CSVs are each made from the finished model alone, so a large
digest writes them in forked workers that share the model without copying it. A file is
written only when its bytes changed (writing.py), so an unchanged file keeps its modification
time, and nothing holds all the outputs in memory at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from build_digest.discovery.recogniser import session_started
from build_digest.writing import write_if_changed

PARALLEL_MIN_JOBS = 2000  # below this, starting workers costs more than it saves
# Jobs per share handed to a worker: few enough that the costly pages, which come first (a
# topic or an entity named in thousands of articles costs as much as a hundred articles), are
# spread over the workers and only cheap shares remain at the end; enough to make the round
# trips negligible.
SHARE_JOBS = 16

# (path relative to the output folder, its bytes; None when the file has nothing to hold),
# optionally followed by a key of what the file is made from (pagekeys.py): a file whose key is
# the one it was last written with, and which is still there, is not made again.
Job = tuple[str, Callable[[], bytes | None]] | tuple[str, Callable[[], bytes | None], Callable[[], str]]


@dataclass
class Written:
    produced: list[str] = field(default_factory=list)  # every file the jobs made, in job order
    changed: list[str] = field(default_factory=list)  # those whose bytes were new
    keys: dict[str, str] = field(default_factory=dict)  # the keys of the keyed files
    skipped: int = 0  # keyed files not made again: their inputs were unchanged
    # With `keys_later` and no keys from the last run, the keyed files were made without
    # working out their keys (nothing to compare them with): `save_keys` works them out.
    keys_pending: bool = False
    unkeyed: list[tuple[str, Callable[[], str]]] = field(default_factory=list)

    def save_keys(self, keys_file: Path) -> None:
        """Record the keys the next run compares with: those of `unkeyed` worked out first."""
        for relative, key in self.unkeyed:
            self.keys[relative] = key()
        self.unkeyed, self.keys_pending = [], False
        keys_file.parent.mkdir(parents=True, exist_ok=True)
        keys_file.write_text(json.dumps(self.keys, sort_keys=True), encoding="utf-8")


_shared: tuple[list[Job], Path, dict[str, str] | None] | None = None  # set before forking workers


def _write_share(bounds: tuple[int, int]) -> Written:
    assert _shared is not None
    jobs, folder, previous = _shared  # previous None: keys left to the caller (Written.unkeyed)
    done = Written()
    for relative, make, *keyed in jobs[bounds[0]:bounds[1]]:
        if keyed and previous is not None:
            key = done.keys[relative] = keyed[0]()
            if previous.get(relative) == key and (folder / relative).is_file():
                done.produced.append(relative)
                done.skipped += 1
                continue
        data = make()
        if data is not None:
            done.produced.append(relative)
            if write_if_changed(folder / relative, data):
                done.changed.append(relative)
    return done


def write_outputs(jobs: list[Job], folder: Path, workers: int | None = None,
                  advance: Callable[[int], None] = lambda n: None, keys_file: Path | None = None,
                  keys_later: bool = False) -> Written:
    """Write every job's file under `folder`. With `keys_file`, a keyed file is made only when
    its key differs from the one recorded there by the last run, or the file is missing.

    With `keys_later`, when the last run left no keys (a first or full build: every file is
    made), the keys are not worked out now: the caller records them with `Written.save_keys`
    when the files are done (a build does it while MkDocs runs), and until then there are none
    to trust."""
    previous = recorded_keys(keys_file) if keys_file else {}
    if keys_file:
        keys_file.unlink(missing_ok=True)  # a run stopped halfway must not leave keys to trust
    later = keys_file is not None and keys_later and not previous
    written = _write_all(jobs, folder, workers, advance, None if later else previous)
    if later:
        written.keys_pending = True
        written.unkeyed = [(job[0], job[2]) for job in jobs if len(job) > 2]
    elif keys_file:
        written.save_keys(keys_file)
    return written


def recorded_keys(path: Path) -> dict[str, str]:
    """The keys the last run recorded in `path` (none when it is missing or unreadable)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_all(jobs: list[Job], folder: Path, workers: int | None, advance: Callable[[int], None],
               previous_keys: dict[str, str] | None) -> Written:
    global _shared
    workers = workers or len(os.sched_getaffinity(0))
    parallel = worth_forking(workers, len(jobs))
    step = SHARE_JOBS if parallel else max(1, len(jobs))
    bounds = [(start, min(start + step, len(jobs))) for start in range(0, len(jobs), step)]
    written = Written()
    _shared = (jobs, folder, previous_keys)
    try:
        if parallel:
            with get_context("fork").Pool(workers) as pool:
                for (start, end), done in zip(bounds, pool.imap(_write_share, bounds), strict=True):
                    _add(written, done)
                    advance(end - start)
        else:
            for start, end in bounds:
                _add(written, _write_share((start, end)))
                advance(end - start)
    finally:
        _shared = None
    return written


def worth_forking(workers: int, count: int) -> bool:
    """Whether `count` pieces of work go to forked workers, which share the model without
    copying it: more than one core, enough work to pay for starting them, and never after a
    model session started in this process."""
    return workers > 1 and count >= PARALLEL_MIN_JOBS and not session_started()


def _add(written: Written, done: Written) -> None:
    written.produced += done.produced
    written.changed += done.changed
    written.keys.update(done.keys)
    written.skipped += done.skipped
