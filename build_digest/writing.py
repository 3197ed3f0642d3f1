"""Writing output files so that unchanged files stay untouched and changed ones are replaced.

A file whose bytes are the same is not written (its modification time tells MkDocs and
readers' caches that nothing changed). A changed file is written beside its target and
renamed over it: readers of the old file (a published copy sharing its inode) never see a
half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True when written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        # A new file has no reader to protect: written in place (a third of the cost of a
        # temporary file and a rename, which a full build would pay for every page). Should the
        # build stop halfway, the next one finds its size or bytes wrong and writes it again.
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return True
    temporary = path.with_name(f".tmp-{path.name}")  # one writer per path: pages are shared out
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True
