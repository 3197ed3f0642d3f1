"""Command line: `python -m build_digest build|check|bench|eval`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_digest.problems import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_digest",
        description="Build the cross-linked digest of Chinese science-and-technology news into a MkDocs site.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="read data/, write docs/ pages, build site/ with mkdocs")
    build_cmd.add_argument("--strict", action="store_true", help="fail on any warning (unplaced lines, skipped files)")
    commands.add_parser("check", help="validate the registry and sources.yml without building")
    bench = commands.add_parser("bench", help="time a whole build of generated articles against plain mkdocs")
    bench.add_argument("--articles", type=int, default=10_000, help="number of generated articles (default 10000)")
    bench.add_argument("--no-browser", action="store_true", help="skip the reader's first searches in Chromium")
    evaluate = commands.add_parser("eval", help="score the analysis on labelled pages (see `make eval`)")
    evaluate.add_argument("--pages", type=Path, default=Path("../shared/dev-pages"),
                          help="folder of labelled pages with gold.yml (default ../shared/dev-pages)")
    evaluate.add_argument("--scorer", type=Path, default=None,
                          help="scoring script (default: eval/score.py beside the pages folder)")
    evaluate.add_argument("--only", default="", help="comma-separated file-name prefixes to score, e.g. d,n")
    evaluate.add_argument("--part", choices=("segmentation", "entities"), help="which targets decide PASS")
    evaluate.add_argument("--verbose", action="store_true", help="list what is missing or leaked, per file")
    args = parser.parse_args(argv)

    from build_digest import build as pipeline

    paths = pipeline.Paths(args.root.resolve())
    try:
        if args.command == "check":
            registry, metas = pipeline.check(paths)
            print(
                f"data OK: {len(registry.entities)} entities, {len(registry.topics)} topics, "
                f"metadata for {len(metas)} files"
            )
            return 0
        if args.command == "bench":
            from build_digest.bench import run_bench

            return run_bench(paths, args.articles, browser=not args.no_browser)
        if args.command == "eval":
            from build_digest.evaluate import run_eval

            pages = args.pages.resolve()
            scorer = args.scorer or pages.parent / "eval" / "score.py"
            prefixes = tuple(p.strip() for p in args.only.split(",") if p.strip())
            return run_eval(paths.root, pages, scorer, prefixes, args.part, args.verbose)
        result = pipeline.build(paths, strict=args.strict)
    except DataError as exc:
        print(f"error: the data has {len(exc.problems)} problem(s); nothing was built:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except pipeline.StrictFailure as exc:
        print("error: --strict and the build has warnings; site/ was not changed:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 3
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(pipeline.summary(result))
    return 0
