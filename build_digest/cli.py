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
    commands.add_parser("candidates", help="write the review queue of discovered entities to build/candidates.md")
    accept = commands.add_parser("accept", help="add a discovered entity (or an alias) to the registry")
    accept.add_argument("name")
    accept.add_argument("--type", choices=("region", "program", "company", "institution", "person"))
    accept.add_argument("--alias-of", metavar="CANONICAL", help="add NAME as an alias of this registry entity")
    accept.add_argument("--level", help="a region's level when the queue does not give it")
    reject = commands.add_parser("reject", help="never propose this discovered name again")
    reject.add_argument("name")
    reject.add_argument("--type", choices=("region", "program", "company", "institution", "person"))
    reject.add_argument("--reason")
    evaluate = commands.add_parser("eval", help="score the analysis on labelled pages (see `make eval`)")
    evaluate.add_argument("--pages", type=Path, default=Path("../shared/dev-pages"),
                          help="folder of labelled pages with gold.yml (default ../shared/dev-pages)")
    evaluate.add_argument("--scorer", type=Path, default=None,
                          help="scoring script (default: eval/score.py beside the pages folder)")
    evaluate.add_argument("--only", default="", help="comma-separated file-name prefixes to score, e.g. d,n")
    evaluate.add_argument("--part", choices=("segmentation", "entities"), help="which targets decide PASS")
    evaluate.add_argument("--verbose", action="store_true", help="list what is missing or leaked, per file")
    evaluate.add_argument("--variant", choices=("crlf", "spaces", "indent", "flush", "noblank", "header", "footer",
                                                "pairs"),
                          help="score the pages laid out differently (see README: make eval)")
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
        if args.command in ("candidates", "accept", "reject"):
            return _review(args, paths)
        if args.command == "eval":
            from build_digest.evaluate import run_eval

            pages = args.pages.resolve()
            scorer = args.scorer or pages.parent / "eval" / "score.py"
            prefixes = tuple(p.strip() for p in args.only.split(",") if p.strip())
            return run_eval(paths.root, pages, scorer, prefixes, args.part, args.verbose, args.variant)
        from build_digest.stages import Stages

        result = pipeline.build(paths, strict=args.strict, stages=Stages(report=True))
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


def _review(args, paths) -> int:
    from build_digest.discovery import review

    if args.command == "candidates":
        from build_digest import build as pipeline

        registry, _ = pipeline.check(paths)
        curated = {e.id: {e.name, *e.aliases} for e in registry.entities.values()}
        result = pipeline.analyse(paths)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        md_path, _ = review.write_candidates(result.digest, curated, paths.work)
        print(f"review queue: {md_path}")
        return 0
    if args.command == "accept":
        print(review.accept(paths.data, paths.work, args.name, args.type, args.alias_of, args.level))
        return 0
    print(review.reject(paths.data, args.name, args.type, args.reason))
    return 0
