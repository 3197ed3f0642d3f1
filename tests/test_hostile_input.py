"""Hostile and awkward input, built end to end: the site must build, show the text as text,
record where every copy came from, and give every line a role.

One project copy is built once for the module with the repository's articles plus the
invented files below (none is copied from any real page).
"""

from __future__ import annotations

import codecs
import re

import pytest

from build_digest import build as pipeline
from build_digest.model import ROLES
from tests.conftest import copy_project
from tests.helpers import load_digest
from tests.htmltools import structure

# -- invented files ---------------------------------------------------------------------------

HOSTILE = "\n".join([
    "# 包头市&lt;/title&gt;&lt;script&gt;alert(101)&lt;/script&gt;科技活动周开幕",
    "",
    "本报记者 钱多多",
    "",
    '本报包头5月7日讯 "><script>alert(102)</script>包头市科技活动周近日开幕，{{ config.site_name }}与'
    '{% include "base.html" %}都只是文字，数十家企业和高校带来了最新科研成果。',
    "",
    "| 项目 | 金额 |",
    "| --- | --- |",
    "| 光伏 | 三亿元 |",
    "",
    "# 伪造的一级标题",
    "活动现场，[点击领取](javascript:alert(103))以及<a href=\"javascript:alert(104)\">查看详情</a>等链接均不可点击，"
    "`代码`、**加粗**、*斜体*、_下划线_、#话题# 和 {: .x } 属性都只是文字。",
    "<img src=x onerror=alert(105)> 图片标签也是文字，包头市将继续办好面向公众的科普活动。",
    "<iframe src=\"https://example.org\"></iframe><style>body{display:none}</style>",
    "* 列表项 | 竖线 | 也是文字，活动还设置了青少年科普专场。",
    "",
])

TRADITIONAL = "\n\n".join([
    "包頭稀土高新區新材料項目集中開工",
    "本報記者 孔令晨",
    "本報包頭6月3日訊 包頭稀土高新技術產業開發區日前舉行新材料項目集中開工儀式，十個項目總投資逾五十億元，"
    "涵蓋磁性材料、拋光材料和儲氫材料等領域。",
    "園區負責人表示，將進一步優化營商環境，為企業提供從研發到量產的全鏈條服務。",
]) + "\n"

ENCODED = "\n\n".join([
    "赤峰市建成首个智慧牧场示范点",
    "本报记者 白云飞",
    "本报赤峰5月9日讯 赤峰市首个智慧牧场示范点日前建成，牧民通过手机即可查看牛羊的体温、位置和饮水情况。",
    "示范点负责人介绍，下一步将在全市推广这套系统，帮助更多牧民降低养殖成本。",
]) + "\n"

UTF16 = "\n\n".join([
    "鄂尔多斯市氢能重卡示范线路开通",
    "本报记者 乌日娜",
    "本报鄂尔多斯5月12日讯 鄂尔多斯市首条氢能重卡示范线路日前开通，二十辆氢能重卡将承担煤炭短途运输任务。",
    "据测算，示范线路每年可减少二氧化碳排放约一万吨，为重载运输绿色转型探索了路径。",
]) + "\n"

BOM_UTF8 = "\n\n".join([
    "呼和浩特市新增三家院士工作站",
    "本报记者 高原",
    "本报呼和浩特5月15日讯 呼和浩特市日前新增三家院士工作站，分别聚焦乳业生物技术、新能源材料和现代中蒙医药。",
    "工作站将引进院士团队开展联合攻关，培养本地青年科研人才。",
]) + "\n"

DUPLICATE = "\n\n".join([
    "巴彦淖尔市智慧灌溉项目节水成效明显",
    "本报记者 杜晓明",
    "本报巴彦淖尔5月20日讯 巴彦淖尔市智慧灌溉项目运行一年来，项目区亩均用水量下降了两成，玉米和向日葵单产均有提高。",
    "项目采用土壤墒情传感器和自动阀门，农户在手机上就能远程控制灌溉，大大节省了人力。",
    "当地农业部门表示，明年将把智慧灌溉面积扩大到二十万亩，并开展配套技术培训。",
]) + "\n"
# The same story with a few characters changed (another outlet's copy).
NEAR_DUPLICATE = (
    DUPLICATE.replace("两成", "二成").replace("大大节省", "明显节省").replace("二十万亩", "三十万亩")
)

REPEATED_IN_ONE_FILE = "\n\n".join([
    "阿拉善盟荒漠光伏治沙项目并网发电",
    "本报记者 那仁",
    "本报阿拉善5月22日讯 阿拉善盟荒漠光伏治沙项目日前全容量并网发电，"
    "板下种植的梭梭和沙棘长势良好，实现了发电与治沙双赢。",
    "项目负责人表示，光伏板为植物遮挡了烈日和风沙，板下土壤含水量明显提高。",
]) + "\n\n\n"

FILES = {
    "h_hostile.txt": HOSTILE.encode("utf-8"),
    "h_traditional.txt": TRADITIONAL.encode("utf-8"),
    "h_gbk_crlf.txt": ENCODED.replace("\n", "\r\n").encode("gbk"),
    "h_utf16_cr.txt": UTF16.replace("\n", "\r").encode("utf-16"),
    "h_bom.txt": codecs.BOM_UTF8 + BOM_UTF8.encode("utf-8"),
    "h_binary.txt": bytes(range(256)) * 16,
    "h_image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300),
    "h_empty.txt": b"",
    "h_blank.txt": b"  \r\n\r\n\t\n",
    "h_dup_a.txt": DUPLICATE.encode("utf-8"),
    "h_dup_b.txt": DUPLICATE.encode("utf-8"),
    "h_dup_near.txt": NEAR_DUPLICATE.encode("utf-8"),
    "h_repeated.txt": (REPEATED_IN_ONE_FILE * 2).encode("utf-8"),
}
SKIPPED = {"h_binary.txt": "not text", "h_image.txt": "not text", "h_empty.txt": "empty or blank",
           "h_blank.txt": "empty or blank"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    for name, data in FILES.items():
        (root / "data" / "articles" / name).write_bytes(data)
    paths = pipeline.Paths(root)
    result = pipeline.build(paths)
    data = load_digest(paths.site)
    return paths, result, data


def article_of(data: dict, file: str) -> dict:
    found = [a for a in data["articles"] if a["source"]["file"] == file]
    assert len(found) == 1, [a["title"] for a in found]
    return found[0]


def page_html(paths, article: dict) -> str:
    return (paths.site / article["url"] / "index.html").read_text(encoding="utf-8")


def main_content(html: str) -> str:
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


# -- the rest still builds ------------------------------------------------------------------------

def test_seed_articles_still_build_beside_hostile_files(hostile, built):
    _, result, data = hostile
    _, _, seed = built
    seed_files = {a["source"]["file"] for a in seed["articles"]}
    assert seed_files <= {a["source"]["file"] for a in data["articles"]}
    assert result.files_read == 5 + len(FILES) - len(SKIPPED)


@pytest.mark.parametrize("name", sorted(SKIPPED))
def test_unreadable_and_blank_files_are_skipped_with_a_warning(hostile, name):
    paths, result, data = hostile
    (warning,) = [w for w in result.warnings if w.file == name]
    assert warning.message.startswith("skipped") and SKIPPED[name] in warning.message
    assert name not in {s["file"] for s in data["sources"]}
    assert name not in {a["source"]["file"] for a in data["articles"]}
    assert not (paths.site / "sources" / name.rsplit(".", 1)[0]).exists()


# -- encodings and line endings ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "encoding", "title"),
    [
        ("h_gbk_crlf.txt", "gb18030", "赤峰市建成首个智慧牧场示范点"),
        ("h_utf16_cr.txt", "utf-16", "鄂尔多斯市氢能重卡示范线路开通"),
        ("h_bom.txt", "utf-8-sig", "呼和浩特市新增三家院士工作站"),
    ],
)
def test_encodings_and_line_endings_build_correctly(hostile, name, encoding, title):
    paths, _, data = hostile
    (source,) = [s for s in data["sources"] if s["file"] == name]
    assert source["encoding"] == encoding
    assert source["roles"] == {"1": "title", "3": "byline", "5": "body", "7": "body"}
    article = article_of(data, name)
    assert article["title"] == title and article["source"]["lines"] == [5, 7]
    assert title in page_html(paths, article)


# -- traditional script ----------------------------------------------------------------------------

def test_traditional_article_is_tagged_simplified_and_shown_traditional(hostile):
    paths, _, data = hostile
    article = article_of(data, "h_traditional.txt")
    assert article["title"] == "包頭稀土高新區新材料項目集中開工"
    assert "bao-tou-xi-tu-gao-xin-ji-shu-chan-ye-kai-fa-qu" in article["entities"]
    html = main_content(page_html(paths, article))
    assert "包頭稀土高新技術產業開發區" in html and "園區負責人表示" in html
    assert "包头稀土高新技术产业开发区日前" not in html  # never converted for display
    zone = (paths.site / "regions" / "bao-tou-xi-tu-gao-xin-ji-shu-chan-ye-kai-fa-qu" / "index.html").read_text("utf-8")
    assert "包頭稀土高新區新材料項目集中開工" in zone


# -- untrusted text ---------------------------------------------------------------------------------

def hostile_pages(paths, data) -> list[str]:
    """The article pages made from h_hostile.txt (its '# ' line starts a second article)."""
    found = [page_html(paths, a) for a in data["articles"] if a["source"]["file"] == "h_hostile.txt"]
    assert found
    return found


def test_untrusted_text_never_executes_or_changes_structure(hostile):
    paths, _, data = hostile
    contents = []
    for html in hostile_pages(paths, data):
        content = main_content(html)  # the page head is checked below
        body = structure(content)
        assert not [s for s in body.scripts if "alert" in s]
        for tag, attrs in body.tags:
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), (tag, attrs)
            assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert [t for t, _ in body.tags].count("h1") == 1
        injected = ("table", "iframe", "img", "style", "script", "code", "em", "blockquote", "ol")
        assert not [t for t, _ in body.tags if t in injected]
        contents.append(content)
    content = "".join(contents)
    shown = structure(content).text  # the text a reader sees: the markup arrived as text
    assert "<script>alert(102)</script>" in shown
    assert "{{ config.site_name }}" in shown and '{% include "base.html" %}' in shown
    assert "[点击领取](javascript:alert(103))" in shown
    assert '<a href="javascript:alert(104)">' in shown
    assert "<img src=x onerror=alert(105)>" in shown
    assert "`代码`、**加粗**、*斜体*、_下划线_、#话题#" in shown


def test_untrusted_text_is_inert_in_the_page_head(hostile):
    """Material prints page.meta.title and page.meta.description into <title> and <meta>
    without escaping: a quote or </title> in the article must not break out of them."""
    paths, _, data = hostile
    for html in hostile_pages(paths, data):
        head = html[: html.index("<body")]
        parsed = structure(head)
        assert not [s for s in parsed.scripts if "alert" in s]
        assert [t for t, _ in parsed.tags].count("title") == 1
        assert not [t for t, _ in parsed.tags if t in ("script", "img") and "alert" in str(_)]
    (first,) = [page_html(paths, a) for a in data["articles"] if "alert(101)" in a["title"]]
    head = structure(first[: first.index("<body")])
    (description,) = [a for t, a in head.tags if t == "meta" and a.get("name") == "description"]
    assert "alert(102)" in description["content"]  # the whole paragraph stayed inside the attribute


def test_untrusted_text_is_escaped_on_the_source_page(hostile):
    paths, _, _ = hostile
    html = (paths.site / "sources" / "h_hostile" / "index.html").read_text(encoding="utf-8")
    parsed = structure(main_content(html))
    assert [t for t, _ in parsed.tags].count("table") == 1  # the line table itself, no injected one
    assert not [t for t, _ in parsed.tags if t in ("script", "iframe", "img", "style")]
    assert not [a for _, a in parsed.tags if (a.get("href") or "").startswith("javascript:")]


# -- duplicates -------------------------------------------------------------------------------------

def test_identical_and_near_duplicate_files_become_one_article(hostile):
    paths, _, data = hostile
    copies = [a for a in data["articles"] if a["title"] == "巴彦淖尔市智慧灌溉项目节水成效明显"]
    assert len(copies) == 1
    (article,) = copies
    assert article["source"] == {"file": "h_dup_a.txt", "lines": [5, 7, 9]}
    assert article["also_in"] == [
        {"file": "h_dup_b.txt", "lines": [5, 7, 9]},
        {"file": "h_dup_near.txt", "lines": [5, 7, 9]},
    ]
    html = main_content(page_html(paths, article))
    assert "h_dup_b.txt" in html and "h_dup_near.txt" in html


def test_article_repeated_within_one_file_is_one_article(hostile):
    _, _, data = hostile
    copies = [a for a in data["articles"] if a["title"] == "阿拉善盟荒漠光伏治沙项目并网发电"]
    assert len(copies) == 1
    (article,) = copies
    assert article["source"] == {"file": "h_repeated.txt", "lines": [5, 7]}
    assert article["also_in"] == [{"file": "h_repeated.txt", "lines": [14, 16]}]


# -- every line has a role ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(set(FILES) - set(SKIPPED)))
def test_every_non_blank_line_has_a_role_in_digest_json(hostile, name):
    paths, _, data = hostile
    (source,) = [s for s in data["sources"] if s["file"] == name]
    raw = (paths.data / "articles" / name).read_bytes()
    from build_digest.reader import decode

    text, _ = decode(raw)
    expected = {str(n) for n, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1) if line.strip()}
    assert set(source["roles"]) == expected
    assert all(role in ROLES for role in source["roles"].values())


# -- the build report --------------------------------------------------------------------------------

def test_build_report_lists_reads_skips_roles_entities_and_warnings(hostile):
    paths, result, _ = hostile
    report = (paths.work / "report.md").read_text(encoding="utf-8")
    assert f"- files read: {result.files_read}" in report
    assert f"- articles: {len(result.digest.articles)}" in report
    assert "## Lines by role" in report
    counts = result.roles()
    for role in ROLES:
        assert f"- {role}: {counts.get(role, 0)}" in report
    assert re.search(r"tagged in articles: [1-9]\d*", report)
    skipped = report.split("## Skipped files", 1)[1].split("## Warnings", 1)[0]
    for name, why in SKIPPED.items():
        assert re.search(rf"- {re.escape(name)}: skipped: [^\n]*{why}", skipped), name
    warnings = report.split("## Warnings", 1)[1]
    assert len(re.findall(r"^- ", warnings, flags=re.M)) == len(result.warnings)
