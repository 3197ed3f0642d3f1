"""`make eval`: score the analysis on a folder of labelled pages (a gold.yml beside them).

The pages are added to a scratch copy of the project's data (the real data/ is never
touched), analysed as `make build` would, exported as `digest.json` (the same export as the
site's, without MkDocs: the scorer reads nothing else) and scored by the set's own scorer.
Only page files are copied: the set's README and its `sources-*.yml` are for people.

`--variant` scores the same pages laid out differently (the gold's line numbers follow): Windows
line ends, trailing spaces, every line indented alike or none, a portal's navigation above the
page or its footer (editor, share widgets, related links, copyright) below. A page read right
only in the layout it was tuned on is overfitted; these say how much the rules lean on layout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_digest import build as pipeline
from build_digest.export import write_digest_json

PAGE_SUFFIXES = (".txt",)
INDENT = "\u3000\u3000"


def _stripped(line: str) -> str:
    return line.lstrip(" \u3000\t")


@dataclass(frozen=True)
class Variant:
    """The same page laid out differently: its lines rewritten, the page's own lines kept in
    order; `added_above` lines put before them move every labelled line number down, and
    without its blank lines a page's lines are numbered again."""

    lay_out: Callable[[list[str]], list[str]]
    newline: str = "\n"
    added_above: int = 0
    drops_blank_lines: bool = False

    def renumbering(self, text: str) -> Callable[[int], int]:
        """Where each line number of the page as received is in the page laid out so."""
        if not self.drops_blank_lines:
            return lambda number: number + self.added_above
        kept = [number for number, line in enumerate(text.split("\n"), 1) if line.strip()]
        new = {old: position for position, old in enumerate(kept, 1)}
        # A blank line (never labelled) would go where the next kept line went.
        return lambda number: new.get(number) or new.get(next((k for k in kept if k > number), 0), number)


# Page furniture of the commonest kinds, invented here (never copied from a labelled page).
PORTAL_HEADER = ["首页 | 新闻 | 科技 | 财经 | 图片 | 视频", "当前位置：首页 > 科技新闻 > 正文",
                 "字号：大 中 小  打印", ""]
PORTAL_FOOTER = ["", "【责任编辑：王小明】", "", "分享到：微信 微博 QQ空间", "扫一扫在手机打开当前页", "", "相关新闻",
                 "· 某地召开科技创新大会部署全年工作", "· 某市出台支持青年人才创新创业十条措施", "",
                 "【打印本页】【关闭窗口】", "版权所有：某某日报社 未经授权禁止转载 备案号：京ICP备12345678号", ""]

VARIANTS = {
    "crlf": Variant(lambda lines: lines, newline="\r\n"),
    "spaces": Variant(lambda lines: [line + "  " if line.strip() else "   " for line in lines]),
    "indent": Variant(lambda lines: [INDENT + _stripped(line) if line.strip() else line for line in lines]),
    "flush": Variant(lambda lines: [_stripped(line) for line in lines]),
    "header": Variant(lambda lines: [*PORTAL_HEADER, *lines], added_above=len(PORTAL_HEADER)),
    "footer": Variant(lambda lines: [*(lines[:-1] if lines and not lines[-1] else lines), *PORTAL_FOOTER]),
    "noblank": Variant(lambda lines: [line for line in lines if line.strip()] + [""], drops_blank_lines=True),
}


PAIRS = "pairs"  # not a layout: two pages in one file (paired_pages)


def paired_pages(pages: list[Path], gold: dict) -> tuple[dict[str, str], list[dict]]:
    """Consecutive one-article pages saved one after the other in one file, as a scraper may
    save two web pages, with their gold joined (the second page's line numbers moved down):
    each file must come out as two articles. {file name: text}, the gold's file entries."""
    entries = {entry.get("file"): entry for entry in gold.get("files") or []}
    single = [p for p in pages if _is_utf8(p) and len(entries.get(p.name, {}).get("articles") or []) == 1]
    texts: dict[str, str] = {}
    joined: list[dict] = []
    for first, second in zip(single[0::2], single[1::2], strict=False):
        lines = first.read_text(encoding="utf-8").split("\n")
        if lines and not lines[-1]:
            lines.pop()
        name = f"pair_{first.stem}+{second.stem}.txt"
        texts[name] = "\n".join(lines) + "\n\n" + second.read_text(encoding="utf-8")
        below = len(lines) + 1
        moved = _moved(entries[second.name], lambda number, below=below: number + below)
        joined.append({"file": name, "articles": entries[first.name]["articles"] + moved["articles"]})
    return texts, joined


def laid_out(text: str, variant: str) -> str:
    chosen = VARIANTS[variant]
    return chosen.newline.join(chosen.lay_out([line.rstrip("\r") for line in text.split("\n")]))


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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
            if _is_utf8(page):  # a page in another encoding is scored as it is
                copy.write_text(laid_out(page.read_text(encoding="utf-8"), variant), encoding="utf-8", newline="")
    paths = pipeline.Paths(target)
    shared = pipeline.Paths(root).recognition_cache
    shared.mkdir(parents=True, exist_ok=True)
    paths.recognition_cache.parent.mkdir(parents=True, exist_ok=True)
    paths.recognition_cache.symlink_to(shared, target_is_directory=True)
    return paths


def subset_gold(gold: Path, names: set[str], target: Path,
                renumbered: dict[str, Callable[[int], int]] | None = None) -> Path:
    """The gold file restricted to the files being scored (so a subset is scored on its own);
    the line numbers (every `…_line` and `…_lines`) of the files in `renumbered` moved where
    their function puts them."""
    renumbered = renumbered or {}
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    data["files"] = [_moved(f, renumbered[f["file"]]) if f.get("file") in renumbered else f
                     for f in data.get("files", []) if f.get("file") in names]
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _moved(value, where: Callable[[int], int]):
    if isinstance(value, list):
        return [_moved(item, where) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: _renumbered(item, where) if key.endswith(("_line", "_lines")) else _moved(item, where)
            for key, item in value.items()}


def _renumbered(value, where: Callable[[int], int]):
    if isinstance(value, list):
        return [_renumbered(item, where) for item in value]
    return where(value) if isinstance(value, int) and not isinstance(value, bool) else value


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
        if variant == PAIRS:
            texts, entries = paired_pages(chosen, yaml.safe_load((pages / "gold.yml").read_text(encoding="utf-8")))
            paths = scratch_project(root, [], work / "project")
            for name, text in texts.items():
                (paths.articles / name).write_text(text, encoding="utf-8", newline="")
            gold = work / "gold.yml"
            gold.write_text(yaml.safe_dump({"files": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
            how = f", {len(texts)} pairs of one-article pages saved one after the other in one file"
        else:
            paths = scratch_project(root, chosen, work / "project", variant)
            laid = {p.name: VARIANTS[variant].renumbering(p.read_text(encoding="utf-8"))
                    for p in chosen if _is_utf8(p)} if variant else {}
            gold = subset_gold(pages / "gold.yml", {p.name for p in chosen}, work / "gold.yml", laid)
            how = f", laid out as '{variant}' ({len(laid)} UTF-8 pages; others as they are)" if variant else ""
        digest_json = analyse_to_json(paths)
        # The scorer counts each page's lines in the copies the analysis read.
        command = [sys.executable, str(scorer), str(digest_json), str(gold), str(paths.articles if variant else pages)]
        if part:
            command.append(f"--part={part}")
        if verbose:
            command.append("--verbose")
        print(f"eval: {len(chosen)} labelled pages from {pages}{how}", flush=True)
        completed = subprocess.run(command)
    # The scorer exits 1 when a target is missed: a measurement, not a failure of the command.
    return 0 if completed.returncode in (0, 1) else completed.returncode
