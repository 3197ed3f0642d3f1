"""Republishing rights: an excerpt-only publication's full text appears in no output file."""

from __future__ import annotations

import gzip
import json
import re

from build_digest import build as pipeline
from tests.conftest import copy_project
from tests.helpers import load_digest
from tests.htmltools import hrefs

# Invented text. The phrases below stand in the paragraphs an excerpt leaves out.
WITHHELD = "只在全文后段出现的独特措辞甲乙丙"
WITHHELD_CAPTION = "图为独特图片说明丁戊己"
OPENING = "本报讯 包头市今年投入科技资金1.9亿元，支持企业开展技术攻关。"
ARTICLE = f"""发布时间:2023-03-05

包头市加大科技投入

{OPENING}

第二段写道，鄂尔多斯市{WITHHELD}，新增研发平台12家，同比增长18%。

{WITHHELD_CAPTION}

第三段仍是全文，不得转载的内容继续出现{WITHHELD}。
"""
# A second file of the same publication, with no rights field of its own.
SAME_PUBLICATION = f"""发布时间:2023-04-02

赤峰市科技成果转化提速

本报讯 赤峰市今年登记科技成果30余项。

后续段落{WITHHELD}。
"""
SOURCES = """ex.txt:
  publication: 某某科技报
  rights: excerpt
  url: https://example.org/original.html
same.txt:
  publication: 某某科技报
"""


def _texts(folder):
    """Every output file as text: gzip unpacked, JSON re-dumped without \\u escapes, and without
    the zero-width spaces and spaces the search index puts between the words it cut."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="ignore")
        if path.suffix == ".json":
            text += json.dumps(json.loads(text), ensure_ascii=False)
        yield path, re.sub(r"[\s\u200b]+", "", text)


def test_withheld_text_is_in_no_output_file_but_tagging_used_it(tmp_path):
    root = copy_project(tmp_path, with_articles=False)
    (root / "data" / "articles").mkdir(exist_ok=True)
    (root / "data" / "articles" / "ex.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "data" / "articles" / "same.txt").write_text(SAME_PUBLICATION, encoding="utf-8")
    (root / "data" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    paths = pipeline.Paths(root)
    pipeline.build(paths)

    for folder in (paths.site, paths.docs):
        for path, text in _texts(folder):
            assert WITHHELD not in text, path
            assert WITHHELD_CAPTION not in text, path

    data = load_digest(paths.site)
    articles = {a["source"]["file"]: a for a in data["articles"]}
    assert articles["ex.txt"]["excerpt"] and articles["same.txt"]["excerpt"]
    # Tagging read the full text: the region named only in a withheld paragraph is tagged.
    assert "e-er-duo-si-shi" in articles["ex.txt"]["entities"]
    # The figures' values stay; their withheld sentences do not.
    twin = json.loads((paths.site / "api" / (articles["ex.txt"]["url"].rstrip("/") + ".json")).read_text("utf-8"))
    fields = twin["figure_fields"]
    figures = {row[0]: {**dict(zip(fields, row, strict=True)), "sentence": _sentence(twin, group)}
               for group in twin["figures"] for row in group["figures"]}
    assert figures["1.9亿元"]["sentence"].startswith("本报讯") and figures["1.9亿元"]["number"] == "190000000"
    assert figures["18%"]["sentence"] is None
    page = (paths.site / articles["ex.txt"]["url"] / "index.html").read_text(encoding="utf-8")
    assert "包头市今年投入科技资金" in page and "摘要转载" in page
    assert "https://example.org/original.html" in hrefs(page)
    # The entity page of the region named only in withheld text lists the article, quoting nothing of it.
    region = (paths.site / "regions" / "e-er-duo-si-shi" / "index.html").read_text(encoding="utf-8")
    assert articles["ex.txt"]["url"] in region


def _sentence(twin: dict, group: dict) -> str | None:
    if group["paragraph"] is None:
        return None
    return twin["paragraphs"][group["paragraph"]]["text"][group["start"]:group["end"]]


def test_rights_must_be_full_or_excerpt(tmp_path):
    from build_digest.problems import DataError
    from build_digest.registry import load_registry, load_sources_meta

    root = copy_project(tmp_path, with_articles=False)
    (root / "data" / "sources.yml").write_text("a.txt:\n  rights: none\n", encoding="utf-8")
    try:
        load_sources_meta(root / "data" / "sources.yml", load_registry(root / "data"))
    except DataError as error:
        assert "rights 'none'" in str(error.problems[0]) and ":2" in str(error.problems[0])
    else:
        raise AssertionError("an unknown rights value must be refused")
