"""A build that fails leaves the previous site/ alone; --strict, data errors and a broken
mkdocs.yml all stop it. Also: the analysis does work in proportion to the text (a very long
file, a growing digest), counted in function calls."""

from __future__ import annotations

import cProfile
import hashlib
from pathlib import Path

from build_digest import cli
from build_digest.corpus import Corpus, long_page
from build_digest.digest import analyse_source, build_digest
from build_digest.model import ROLES, SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import load_registry
from build_digest.tagger import Tagger
from tests.conftest import ROOT, copy_project

OLD_PAGE = "<!doctype html><title>上一次的网站</title><p>上一次成功构建的页面。</p>\n"


def project_with_old_site(tmp_path: Path, with_articles: bool = True) -> Path:
    """A project copy whose site/ holds a (stand-in) previous build."""
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project", with_articles=with_articles)
    (root / "site" / "api").mkdir(parents=True)
    (root / "site" / "index.html").write_text(OLD_PAGE, encoding="utf-8")
    (root / "site" / "api" / "digest.json").write_text('{"articles": []}\n', encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


# -- --strict ---------------------------------------------------------------------------------

def test_strict_build_fails_on_any_warning_and_leaves_site_unchanged(tmp_path, capsys):
    root = project_with_old_site(tmp_path)
    (root / "data" / "articles" / "zz_blank.txt").write_bytes(b"\r\n  \r\n")
    before = tree(root / "site")
    assert cli.main(["--root", str(root), "build", "--strict"]) == 3
    err = capsys.readouterr().err
    assert "--strict" in err and "zz_blank.txt" in err and "empty or blank" in err
    assert tree(root / "site") == before


# -- registry and metadata errors -------------------------------------------------------------------

BROKEN = {
    "regions.yml": "- name: 包头市\n  level: prefecture\n  parent: 不存在的省\n  colour: red\n",
    "companies.yml": "- name: 青禾农机有限公司\n  aliases: 青禾农机\n- name: 滨江电池公司\n  aliases: [包头市]\n",
    "institutions.yml": "- name: 甲研究所\n  parent: 乙研究所\n- name: 乙研究所\n  parent: 甲研究所\n",
    "programs.yml": "- name: 科技创新券\n  aliases: [创新券\n",
}
EXPECTED = [  # (file:line, words of the message), one problem each
    ("regions.yml:3", "parent '不存在的省' is not in the registry"),
    ("regions.yml:4", "unknown field 'colour'"),
    ("companies.yml:2", "'aliases' must be a list"),
    ("companies.yml:4", "'包头市' is claimed by"),
    ("institutions.yml:2", "cycle"),
    ("programs.yml:3", "malformed YAML"),
]


def break_registry(root: Path) -> None:
    folder = root / "data" / "registry"
    for path in folder.glob("*.yml"):
        if path.name != "topics.yml":
            path.write_text("[]\n", encoding="utf-8")
    for name, content in BROKEN.items():
        (folder / name).write_text(content, encoding="utf-8")


def test_registry_errors_stop_the_build_before_site_and_name_each_problem(tmp_path, capsys):
    root = project_with_old_site(tmp_path, with_articles=False)
    break_registry(root)
    before = tree(root / "site")
    assert cli.main(["--root", str(root), "build"]) == 2
    err = capsys.readouterr().err
    assert "nothing was built" in err
    problems = [line.strip() for line in err.splitlines()[1:] if line.strip()]
    assert len(problems) == len(EXPECTED) and "6 problem(s)" in err
    for where, words in EXPECTED:
        assert [p for p in problems if where in p and words in p], (where, words, problems)
    assert tree(root / "site") == before
    assert not (root / "docs" / "articles").exists()  # nothing generated either


def test_check_command_reports_the_same_problems(tmp_path, capsys):
    root = project_with_old_site(tmp_path, with_articles=False)
    break_registry(root)
    assert cli.main(["--root", str(root), "check"]) == 2
    err = capsys.readouterr().err
    for where, words in EXPECTED:
        assert where in err and words in err, (where, words)


def test_check_command_passes_on_the_repository_data(capsys):
    assert cli.main(["--root", str(ROOT), "check"]) == 0
    assert "data OK" in capsys.readouterr().out


def test_sources_metadata_errors_are_reported_with_their_line(tmp_path, capsys):
    root = project_with_old_site(tmp_path, with_articles=False)
    sources = root / "data" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + "zz.txt:\n  date: 2023-02-30\n  editor: 某人\n",
                       encoding="utf-8")
    before = tree(root / "site")
    assert cli.main(["--root", str(root), "build"]) == 2
    err = capsys.readouterr().err
    assert "sources.yml:" in err and "2023-02-30" in err and "editor" in err
    assert tree(root / "site") == before


# -- mkdocs failure -------------------------------------------------------------------------------

def test_mkdocs_failure_leaves_previous_site_intact(tmp_path, capsys):
    root = project_with_old_site(tmp_path, with_articles=False)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_mkdocs_option: [\n", encoding="utf-8")
    before = tree(root / "site")
    assert cli.main(["--root", str(root), "build"]) == 2
    assert "mkdocs build failed" in capsys.readouterr().err
    assert tree(root / "site") == before
    assert not [p for p in (root / "build").glob("site-*")]  # no staging folder left behind


# -- a very long file ---------------------------------------------------------------------------------

SCALE = 8  # the large input is SCALE times the small one; linear work grows about SCALE times


def analysis_calls(tmp_path: Path, text: str, tagger: Tagger) -> int:
    """Function calls (Python and built-in) the analysis of one page makes: work, not seconds,
    so the count is the same on a loaded machine. Seconds are `make bench` figures."""
    path = tmp_path / f"long-{len(text)}.txt"
    path.write_text(text, encoding="utf-8")
    warnings = Warnings()
    source = read_source(path, SourceMeta(), warnings)
    profiler = cProfile.Profile()
    profiler.enable()
    articles = analyse_source(source, tagger, warnings)
    profiler.disable()
    assert articles and all(line.role in ROLES for line in source.content_lines)
    return sum(entry.callcount for entry in profiler.getstats())


def check_scaling(tmp_path: Path, small: str, large: str) -> None:
    tagger = Tagger(load_registry(ROOT / "data"))
    analysis_calls(tmp_path, small[:2000], tagger)  # warm up: first calls load OpenCC, compile regexes
    calls_small = analysis_calls(tmp_path, small, tagger)
    calls_large = analysis_calls(tmp_path, large, tagger)
    # Generous: quadratic work would make SCALE**2 = 64 times the calls.
    assert calls_large < 2 * SCALE * calls_small, (calls_small, calls_large)


def test_one_huge_paragraph_is_analysed_in_near_linear_work(tmp_path):
    check_scaling(tmp_path, long_page(40_000, 2), long_page(40_000 * SCALE, 2))


def test_many_similar_paragraphs_are_analysed_in_near_linear_work(tmp_path):
    check_scaling(tmp_path, long_page(250, 200), long_page(250, 200 * SCALE))


def digest_calls(folder: Path, count: int) -> int:
    """Function calls of reading and analysing `count` generated articles (make bench's corpus)."""
    registry = load_registry(ROOT / "data")
    corpus = Corpus(ROOT / "data" / "articles", registry)
    corpus.write(folder, count)
    profiler = cProfile.Profile()
    profiler.enable()
    warnings = Warnings()
    sources = [read_source(p, SourceMeta(), warnings) for p in sorted(folder.iterdir())]
    digest = build_digest(sources, registry, warnings)
    profiler.disable()
    assert len(digest.articles) >= count * 0.9
    return sum(entry.callcount for entry in profiler.getstats())


def test_work_per_article_stays_flat_as_the_digest_grows(tmp_path):
    small, large = 15, 15 * SCALE // 2
    per_article_small = digest_calls(tmp_path / "small", small) / small
    per_article_large = digest_calls(tmp_path / "large", large) / large
    # Work that grows with the digest (comparing every pair of articles) would make this about x4.
    assert per_article_large < 1.5 * per_article_small, (per_article_small, per_article_large)
