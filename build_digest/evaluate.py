"""`make eval`: score the analysis on a folder of labelled pages (a gold.yml beside them).

The pages are added to a scratch copy of the project's data (the real data/ is never
touched), analysed as `make build` would, exported as `digest.json` (the same export as the
site's, without MkDocs: the scorer reads nothing else) and scored by the set's own scorer.
Only page files are copied: the set's README and its `sources-*.yml` are for people.

`--variant` scores the same pages laid out differently, every line where it was (so the gold
still applies): Windows line ends, trailing spaces, every line indented alike or none. A page
read right only in the layout it was tuned on is overfitted; these say how much the rules lean
on layout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from build_digest import build as pipeline
from build_digest.export import write_digest_json

PAGE_SUFFIXES = (".txt",)
INDENT = "\u3000\u3000"


def _stripped(line: str) -> str:
    return line.lstrip(" \u3000\t")


# Each keeps every line on its line number and every blank line blank.
VARIANTS = {
    "crlf": lambda lines: "\r\n".join(lines),
    "spaces": lambda lines: "\n".join(line + "  " if line.strip() else "   " for line in lines),
    "indent": lambda lines: "\n".join(INDENT + _stripped(line) if line.strip() else line for line in lines),
    "flush": lambda lines: "\n".join(_stripped(line) for line in lines),
}


def laid_out(text: str, variant: str) -> str:
    return VARIANTS[variant]([line.rstrip("\r") for line in text.split("\n")])


def page_files(pages: Path, prefixes: tuple[str, ...] = ()) -> list[Path]:
    """The set's page files, optionally only those whose names start with one of `prefixes`."""
    files = sorted(p for p in pages.iterdir() if p.is_file() and p.suffix in PAGE_SUFFIXES)
    return [p for p in files if not prefixes or p.name.startswith(prefixes)]


def scratch_project(root: Path, pages: list[Path], target: Path, variant: str | None = None) -> pipeline.Paths:
    """A copy of the project's data with `pages` added to data/articles/ (laid out as `variant`
    says), sharing the project's recognition cache: entries are keyed by model and exact text,
    so the copy reads what the project's builds recognised and a page is recognised once, not
    on every `make eval`."""
    shutil.copytree(root / "data", target / "data")
    for page in pages:
        copy = target / "data" / "articles" / page.name
        shutil.copy2(page, copy)
        if variant:
            try:
                copy.write_text(laid_out(page.read_text(encoding="utf-8"), variant), encoding="utf-8", newline="")
            except UnicodeDecodeError:
                pass  # a page in another encoding is scored as it is
    paths = pipeline.Paths(target)
    shared = pipeline.Paths(root).recognition_cache
    shared.mkdir(parents=True, exist_ok=True)
    paths.recognition_cache.parent.mkdir(parents=True, exist_ok=True)
    paths.recognition_cache.symlink_to(shared, target_is_directory=True)
    return paths


def subset_gold(gold: Path, names: set[str], target: Path) -> Path:
    """The gold file restricted to the files being scored (so a subset is scored on its own)."""
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    data["files"] = [f for f in data.get("files", []) if f.get("file") in names]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def analyse_to_json(paths: pipeline.Paths) -> Path:
    result = pipeline.analyse(paths)
    return write_digest_json(result.digest, paths.site)[0]


def run_eval(root: Path, pages: Path, scorer: Path, prefixes: tuple[str, ...] = (),
             part: str | None = None, verbose: bool = False, variant: str | None = None) -> int:
    if not (pages / "gold.yml").is_file():
        print(f"eval: no labelled pages at {pages} (a folder with gold.yml); nothing to score.")
        return 0
    if not scorer.is_file():
        print(f"eval: no scorer at {scorer}; nothing to score.")
        return 0
    chosen = page_files(pages, prefixes)
    with tempfile.TemporaryDirectory(prefix="eval-") as scratch:
        work = Path(scratch)
        paths = scratch_project(root, chosen, work / "project", variant)
        digest_json = analyse_to_json(paths)
        gold = subset_gold(pages / "gold.yml", {p.name for p in chosen}, work / "gold.yml")
        command = [sys.executable, str(scorer), str(digest_json), str(gold), str(pages)]
        if part:
            command.append(f"--part={part}")
        if verbose:
            command.append("--verbose")
        laid = f", laid out as '{variant}'" if variant else ""
        print(f"eval: {len(chosen)} labelled pages from {pages}{laid}", flush=True)
        completed = subprocess.run(command)
    # The scorer exits 1 when a target is missed: a measurement, not a failure of the command.
    return 0 if completed.returncode in (0, 1) else completed.returncode
