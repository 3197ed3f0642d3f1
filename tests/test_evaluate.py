"""`make eval`: a scratch copy of the project scored by the set's scorer; absent set, no harm."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from build_digest.evaluate import (
    PORTAL_FOOTER,
    PORTAL_HEADER,
    VARIANTS,
    laid_out,
    paired_pages,
    run_eval,
    subset_gold,
)
from tests.conftest import ROOT

PAGE = "新材料产业联盟成立\n本报讯(记者 王明)某市新材料产业联盟日前成立,首批成员单位二十家。\n"


def _labelled_set(folder: Path) -> Path:
    pages = folder / "pages"
    pages.mkdir()
    (pages / "x01_invented.txt").write_text(PAGE, encoding="utf-8")
    (pages / "y01_other.txt").write_text(PAGE, encoding="utf-8")
    (pages / "README.md").write_text("not a page", encoding="utf-8")
    (pages / "sources-x.yml").write_text("x01_invented.txt: {publication: 某报}\n", encoding="utf-8")
    gold = {"files": [{"file": "x01_invented.txt", "articles": []}, {"file": "y01_other.txt", "articles": []}]}
    (pages / "gold.yml").write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    return pages


def _recording_scorer(folder: Path) -> Path:
    """A stand-in scorer that records what it was given."""
    scorer = folder / "score.py"
    record = folder / "record.json"
    scorer.write_text(
        "import json, sys, pathlib, yaml\n"
        "digest = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "gold = yaml.safe_load(open(sys.argv[2], encoding='utf-8'))\n"
        f"pathlib.Path({str(record)!r}).write_text(json.dumps({{\n"
        "  'files': sorted({a['source']['file'] for a in digest['articles']}),\n"
        "  'gold': [f['file'] for f in gold['files']], 'args': sys.argv[3:]}, ensure_ascii=False))\n"
        "print('SUMMARY: PASS')\n",
        encoding="utf-8",
    )
    return scorer


def test_absent_set_says_so_and_succeeds(tmp_path, capsys):
    assert run_eval(ROOT, tmp_path / "missing", tmp_path / "score.py") == 0
    assert "no labelled pages" in capsys.readouterr().out


def test_scores_a_scratch_copy_with_only_the_page_files(tmp_path):
    pages = _labelled_set(tmp_path)
    scorer = _recording_scorer(tmp_path)
    before = sorted(p.name for p in (ROOT / "data" / "articles").iterdir())
    assert run_eval(ROOT, pages, scorer, prefixes=("x",), part="segmentation") == 0
    record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
    assert "x01_invented.txt" in record["files"]
    assert "y01_other.txt" not in record["files"]
    assert record["gold"] == ["x01_invented.txt"]
    assert "--part=segmentation" in record["args"]
    # The project's own data is untouched.
    assert sorted(p.name for p in (ROOT / "data" / "articles").iterdir()) == before



def test_scratch_copy_reads_and_fills_the_projects_recognition_cache(tmp_path):
    """`make eval` pays recognition once per page text, not on every run: the scratch copy's
    cache is the project's own."""
    from build_digest.build import Paths
    from build_digest.evaluate import scratch_project

    root = tmp_path / "project"
    (root / "data" / "articles").mkdir(parents=True)
    page = tmp_path / "x01.txt"
    page.write_text(PAGE, encoding="utf-8")
    copy = scratch_project(root, [page], tmp_path / "scratch")
    (copy.recognition_cache / "entry.json").write_text("[]", encoding="utf-8")
    assert (Paths(root).recognition_cache / "entry.json").read_text(encoding="utf-8") == "[]"
    assert (copy.articles / "x01.txt").is_file()
    assert not (root / "data" / "articles" / "x01.txt").exists()


def test_layout_variants_keep_every_line_in_its_place():
    page = "  标题\r\n\n\u3000\u3000正文第一段。\n\n图为某地。  \n"
    original = page.split("\n")
    for name, variant in VARIANTS.items():
        if variant.drops_blank_lines:
            continue
        lines = laid_out(page, name).split("\n")
        own = lines[variant.added_above:variant.added_above + len(original)]
        assert len(own) == len(original), name
        for before, after in zip(original, own, strict=True):
            assert before.strip() == after.strip(), name  # blank stays blank, text stays text
    assert laid_out(page, "flush").split("\n")[2] == "正文第一段。"
    assert laid_out(page, "indent").split("\n")[4] == "\u3000\u3000图为某地。  "
    assert laid_out(page, "crlf").count("\r\n") == len(original) - 1
    assert laid_out(page, "header").split("\n")[:len(PORTAL_HEADER)] == PORTAL_HEADER
    assert laid_out(page, "footer").split("\n")[len(original) - 1:] == PORTAL_FOOTER
    assert laid_out(page, "noblank") == "  标题\n\u3000\u3000正文第一段。\n图为某地。  \n"
    where = VARIANTS["noblank"].renumbering(page)
    assert [where(n) for n in (1, 3, 5)] == [1, 2, 3]


def test_gold_line_numbers_follow_lines_added_above(tmp_path):
    gold = tmp_path / "gold.yml"
    article = {"title": "某", "title_lines": [1], "first_body_line": 3, "last_body_line": 5,
               "furniture_lines": [2, 6], "optional_lines": [], "entities": [{"name": "某市", "type": "region"}]}
    files = [{"file": "a.txt", "articles": [article]}, {"file": "b.txt", "articles": [dict(article)]}]
    gold.write_text(yaml.safe_dump({"files": files}, allow_unicode=True), encoding="utf-8")
    subset = yaml.safe_load(subset_gold(gold, {"a.txt", "b.txt"}, tmp_path / "out.yml", {"a.txt": lambda n: n + 4})
                            .read_text(encoding="utf-8"))
    moved, kept = (f["articles"][0] for f in subset["files"])
    assert (moved["title_lines"], moved["first_body_line"], moved["last_body_line"]) == ([5], 7, 9)
    assert moved["furniture_lines"] == [6, 10] and moved["entities"] == article["entities"]
    assert kept == article  # a file not laid out (another encoding) keeps its numbers


def test_a_variant_is_scored_on_copies_laid_out_so(tmp_path):
    from build_digest.evaluate import scratch_project

    root = tmp_path / "project"
    (root / "data" / "articles").mkdir(parents=True)
    page = tmp_path / "x01.txt"
    page.write_text(PAGE, encoding="utf-8")
    copy = scratch_project(root, [page], tmp_path / "scratch", variant="crlf")
    assert (copy.articles / "x01.txt").read_bytes() == PAGE.replace("\n", "\r\n").encode("utf-8")
    assert page.read_text(encoding="utf-8") == PAGE  # the labelled page itself is untouched


def test_pairs_join_two_one_article_pages_and_their_gold(tmp_path):
    for name, text in (("a.txt", "甲标题\n\n甲正文。\n"), ("b.txt", "乙标题\n\n乙正文。\n"), ("c.txt", "丙\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    one = {"title_lines": [1], "first_body_line": 3, "last_body_line": 3}
    gold = {"files": [{"file": "a.txt", "articles": [dict(one)]}, {"file": "b.txt", "articles": [dict(one)]},
                      {"file": "c.txt", "articles": [dict(one), dict(one)]}]}
    texts, entries = paired_pages([tmp_path / n for n in ("a.txt", "b.txt", "c.txt")], gold)
    assert texts == {"pair_a+b.txt": "甲标题\n\n甲正文。\n\n乙标题\n\n乙正文。\n"}  # c holds two articles: left out
    (entry,) = entries
    assert entry["file"] == "pair_a+b.txt"
    assert [a["title_lines"] for a in entry["articles"]] == [[1], [5]]
    assert [a["first_body_line"] for a in entry["articles"]] == [3, 7]
