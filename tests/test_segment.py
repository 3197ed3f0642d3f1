"""Page segmentation: articles, headlines, credits, captions and page furniture.

The pages below are invented for these tests. The seed files and the shared development
pages are only read at test time, never copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_digest import roles
from build_digest.model import ROLES, SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.segment import segment
from build_digest.textutil import match_form

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "articles"
DEV_PAGES = ROOT.parent / "shared" / "dev-pages"


def run(tmp_path: Path, text: str):
    """(articles, {line number: line}, warnings) for one page given as text."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    warnings = Warnings()
    source = read_source(path, SourceMeta(), warnings)
    articles = segment(source, warnings)
    return articles, {line.number: line for line in source.content_lines}, warnings


def page(*blocks: str) -> str:
    """Blocks separated by a blank line, as most pages set their paragraphs."""
    return "\n\n".join(blocks) + "\n"


def role_of(lines: dict, text: str) -> str:
    found = [line for line in lines.values() if line.text.strip() == text]
    assert found, f"no line {text!r}"
    return found[0].role


BODY_A = "近日,滨江新区一批氢能企业集中签约落户,总投资超过二十亿元,涵盖制氢、储运和加注等多个环节。"
BODY_B = "新区负责人表示,将继续完善配套政策,推动产业链上下游企业协同发展,形成完整的氢能产业生态。"
BODY_C = "据了解,该项目建成后预计年产高性能电池隔膜三亿平方米,可满足百万辆新能源汽车的配套需求。"
BODY_D = "项目负责人介绍,生产线采用自主研发的涂覆工艺,产品良率明显提升,能耗比传统工艺降低三成。"


# -- several articles on one page ----------------------------------------------------------

def test_multi_article_page_counts_and_titles(tmp_path):
    text = page(
        "科技前沿",
        "滨江新区氢能产业园开工",
        "本报记者 林晓舟",
        BODY_A, BODY_B,
        "电池隔膜项目在青山镇投产",
        "◎本报记者 韩清源 通讯员 孟知远",
        BODY_C, BODY_D,
    )
    articles, lines, warnings = run(tmp_path, text)
    assert [a.title for a in articles] == ["滨江新区氢能产业园开工", "电池隔膜项目在青山镇投产"]
    assert articles[0].column == "科技前沿"
    assert articles[0].byline == "本报记者 林晓舟"
    assert articles[1].byline == "本报记者 韩清源 通讯员 孟知远"
    assert [len(a.paragraphs) for a in articles] == [2, 2]
    assert not warnings.items


def test_two_line_headline_with_kicker(tmp_path):
    text = page(
        "聚焦新能源产业链延链补链",
        "滨江新区:",
        "氢能小镇迎来首批企业入驻",
        "□本报记者 林晓舟",
        BODY_A, BODY_B,
    )
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert articles[0].title == "滨江新区:氢能小镇迎来首批企业入驻"
    assert articles[0].kicker == "聚焦新能源产业链延链补链"
    assert articles[0].byline == "本报记者 林晓舟"
    assert role_of(lines, "□本报记者 林晓舟") == "byline"


def test_column_label_before_and_after_headline(tmp_path):
    text = page(
        "前沿",
        "滨江新区氢能产业园开工",
        "本报记者 林晓舟",
        BODY_A, BODY_B,
        "让创新链与产业链同频共振",
        "观察",
        "创新是引领发展的第一动力。产业要升级,必须让科研成果走出实验室,走进生产线,走向大市场。",
        "各地应当加快完善成果转化机制,让企业真正成为技术创新决策、研发投入和成果应用的主体。",
    )
    articles, lines, _ = run(tmp_path, text)
    assert [a.column for a in articles] == ["前沿", "观察"]
    assert articles[1].title == "让创新链与产业链同频共振"
    assert role_of(lines, "观察") == "label"


# -- credits ---------------------------------------------------------------------------------

def test_dateline_line_is_body_and_gives_the_byline(tmp_path):
    dateline = "本报3月5日讯(记者 王一帆)近日,青山镇电池隔膜项目正式投产,标志着当地新材料产业迈上新台阶。"
    articles, lines, _ = run(tmp_path, page("电池隔膜项目在青山镇投产", dateline, BODY_D))
    assert role_of(lines, dateline) == "body"
    assert articles[0].byline == "记者 王一帆"
    found = roles.dateline(dateline)
    assert (found.org, found.month, found.day, found.credit) == ("本报", 3, 5, "记者 王一帆")


def test_bracketed_closing_credit_is_the_byline(tmp_path):
    brief = "本报讯 青山镇首个智能农机服务站日前投用,可为周边农户提供播种、植保和收获全程服务。(林远)"
    articles, _, _ = run(tmp_path, page("青山镇智能农机服务站投用", brief))
    assert articles[0].byline == "林远"


def test_traditional_script_dateline_is_not_a_title(tmp_path):
    text = page(
        "【東南日報網訊】記者 周文遠 報導:9月3日,濱江新區舉行氫能產業合作簽約儀式,十二個項目集中落地。",
        "濱江新區管委會主任李明遠",
        "據介紹,本次簽約項目涵蓋製氫、儲運和加注等環節,總投資超過二十億元,將帶動上下游企業集聚。",
    )
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert articles[0].title_inferred
    assert articles[0].title == "濱江新區舉行氫能產業合作簽約儀式"
    assert articles[0].byline == "记者 周文远"
    assert role_of(lines, "濱江新區管委會主任李明遠") == "caption"


# -- pictures, pull-quotes, duplicates, cut sentences -----------------------------------------

def test_captions_and_credits(tmp_path):
    captions = [
        "工人在生产线上检查电池隔膜。(资料图)",
        "受访者供图",
        "图①为青山镇农机服务站;图②为农户在田间试用无人机。",
        "新华社发 赵一鸣 摄",
    ]
    text = page("电池隔膜项目在青山镇投产", "本报记者 林晓舟", BODY_C, captions[0], BODY_D, *captions[1:])
    articles, lines, _ = run(tmp_path, text)
    for caption in captions:
        assert role_of(lines, caption) == "caption", caption
    assert len(articles[0].captions) == 4


def test_pullquote_figure(tmp_path):
    text = page("滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, "20亿元", BODY_B)
    _, lines, _ = run(tmp_path, text)
    assert role_of(lines, "20亿元") == "pullquote"


def test_stray_copy_of_a_passage_is_duplicate(tmp_path):
    ocean = [
        "海洋牧场建设带动了沿海渔村转型,养殖户通过智能网箱实时掌握水温、溶氧和鱼群生长情况。",
        "当地还建成海洋牧场数据中心,汇集网箱、船舶和气象数据,为渔民出海和养殖管理提供服务。",
    ]
    text = page(
        "滨江新区氢能产业园开工", "本报记者 林晓舟", BODY_A, BODY_B, *ocean,
        "智能网箱让海洋牧场更聪明", "本报记者 韩清源",
        "走进东港海洋牧场,一排排智能网箱整齐排列,网箱上的传感器把数据实时传回岸上的监控平台。",
        "养殖户说,过去靠经验判断投喂时间,如今打开手机就能看到网箱里的海洋牧场数据和鱼群情况。",
        *ocean,
    )
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 2
    copies = sorted((line for line in lines.values() if line.text.strip() in ocean), key=lambda line: line.number)
    assert [line.role for line in copies] == ["duplicate", "duplicate", "body", "body"]
    assert len(articles[1].paragraphs) == 4


def test_sentence_cut_across_lines_is_joined(tmp_path):
    text = page("电池隔膜项目在青山镇投产", "本报记者 林晓舟",
                "据了解,该项目建成后预计年产高性能电池隔膜三亿平方米,可满足百万辆",
                "新能源汽车的配套需求。", BODY_D)
    articles, _, _ = run(tmp_path, text)
    first = articles[0].paragraphs[0]
    assert first.text.endswith("可满足百万辆新能源汽车的配套需求。")
    assert len(first.lines) == 2
    assert len(articles[0].paragraphs) == 2


# -- web pages ---------------------------------------------------------------------------------

def test_web_page_without_title_gets_inferred_one_and_disclaimer(tmp_path):
    text = page(
        "首页 | 新闻 | 科技 | 图片 | 视频",
        "2024年5月,青山镇电池隔膜项目正式投产,标志着当地新材料产业迈上新台阶。该项目总投资十亿元。",
        BODY_D,
        "免责声明:本网转载的文章仅供参考,不代表本网观点。",
    )
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert articles[0].title_inferred is True
    assert articles[0].title == "青山镇电池隔膜项目正式投产"
    assert role_of(lines, "免责声明:本网转载的文章仅供参考,不代表本网观点。") == "boilerplate"
    assert role_of(lines, "首页 | 新闻 | 科技 | 图片 | 视频") == "boilerplate"


def test_web_page_furniture_around_the_article(tmp_path):
    text = "\n".join([
        "您的位置:首页 > 科技 > 正文",
        "某某日报客户端 | 滨江新区氢能产业园开工",
        "2024-05-06 09:30:00 来源:某某日报 驻滨江记者 林晓舟",
        "【新区建设】滨江新区氢能产业园开工",
        "示意图_fororder_3f9a0c7d2b",
        BODY_A,
        BODY_B + "(记者 林晓舟)",
        "(完)",
        "责任编辑:韩清源",
        "更多精彩内容请关注",
        "官方微信",
        "滨江日报",
        "",
    ])
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert articles[0].title == "滨江新区氢能产业园开工"
    assert articles[0].byline == "驻滨江记者 林晓舟"
    assert [lines[n].role for n in range(1, 13)] == [
        "boilerplate", "title", "metadata", "duplicate", "boilerplate", "body", "body",
        "boilerplate", "metadata", "boilerplate", "boilerplate", "boilerplate",
    ]


def test_footer_first_page_with_field_labels_and_standfirst(tmp_path):
    text = "\n".join([
        "搜索",
        "主办:某某咨询委员会  地址:某某路1号  邮编:100000",
        "某ICP备12345678号",
        "工作动态",
        "滨江新区氢能产业园开工",
        "作者:",
        "林晓舟 韩清源",
        "来源:",
        "某某日报 2024-05-06",
        "浏览量",
        "【摘要】:滨江新区氢能产业园开工,首批十二家企业入驻。",
        BODY_A,
        BODY_B,
        "",
    ])
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    article = articles[0]
    assert (article.title, article.column, article.byline) == ("滨江新区氢能产业园开工", "工作动态", "林晓舟 韩清源")
    expected = ["boilerplate"] * 3 + ["metadata"] * 4 + ["boilerplate"]
    assert [lines[n].role for n in (1, 2, 3, 6, 7, 8, 9, 10)] == expected
    # A labelled summary is shown with the story, not read as its first paragraph.
    assert lines[11].role == "standfirst"
    assert article.standfirst.endswith("首批十二家企业入驻。")
    assert article.body_lines == [12, 13]


def test_masthead_and_junk_lines_are_furniture(tmp_path):
    text = "\n".join([
        "某某市委宣传部主管 某某日报社主办",
        "|",
        "+ K: w( e3 d) h* {",
        "本报12日讯(记者 林晓舟)12日,滨江新区氢能产业园开工,首批十二家企业入驻。 & r5 b. Q2 c! ?( J- A0 v",
        BODY_B,
        "",
    ])
    articles, lines, _ = run(tmp_path, text)
    assert [lines[n].role for n in (1, 2, 3)] == ["boilerplate"] * 3
    assert articles[0].paragraphs[0].text.endswith("首批十二家企业入驻。")
    assert len(articles[0].paragraphs) == 2
    assert articles[0].title == "滨江新区氢能产业园开工"


def test_markdown_headings(tmp_path):
    text = page(
        "## 滨江新区打造氢能产业集群",
        "# 氢能小镇迎来首批企业入驻",
        "◎本报记者 林晓舟",
        BODY_A,
        "## 政策先行 配套跟进",
        BODY_B,
    )
    articles, lines, _ = run(tmp_path, text)
    assert len(articles) == 1
    assert articles[0].title == "氢能小镇迎来首批企业入驻"
    assert articles[0].kicker == "滨江新区打造氢能产业集群"
    assert [p.kind for p in articles[0].paragraphs] == ["p", "h", "p"]


# -- the seeds ---------------------------------------------------------------------------------

SEED_COUNTS = {"000": 7, "001": 5, "002": 1, "003": 1, "004": 4}


def segment_file(path: Path):
    warnings = Warnings()
    source = read_source(path, SourceMeta(), warnings)
    return source, segment(source, warnings)


@pytest.mark.parametrize("prefix", sorted(SEED_COUNTS))
def test_seed_article_counts_and_roles(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    source, articles = segment_file(path)
    assert len(articles) == SEED_COUNTS[prefix]
    for line in source.content_lines:
        assert line.role in ROLES and line.role is not None, (line.number, line.role)
    assert all(a.title and a.paragraphs for a in articles)


def test_seed_web_pages():
    _, with_title = segment_file(next(SEEDS.glob("002_*.txt")))
    assert not with_title[0].title_inferred
    source, untitled = segment_file(next(SEEDS.glob("003_*.txt")))
    assert untitled[0].title_inferred
    assert source.content_lines[-1].role == "boilerplate"


# -- the shared development pages (third-party text: read here, never copied) -------------------

DEV_FILES = sorted(DEV_PAGES.glob("d*.txt")) if DEV_PAGES.is_dir() else []
PRINTS_NO_HEADLINE = {"d04", "d09", "d11", "d12"}  # as described in the folder's README


def _looks_like_furniture(title: str) -> bool:
    match = match_form(title)
    return (roles.dateline(match) is not None or roles.is_metadata(match) or roles.is_boilerplate(match)
            or roles.is_byline(match) or roles.is_caption(match) or roles.ANY_DATE.search(match) is not None
            or any(mark in match for mark in ("|", ">", "来源", "主办", "记者", "报导", "讯】"))
            or match.lstrip()[:1] in "•*-·")


@pytest.mark.skipif(not DEV_FILES, reason="../shared/dev-pages is not present")
@pytest.mark.parametrize("path", DEV_FILES, ids=lambda p: p.name[:3])
def test_dev_page_is_one_article_with_a_real_title(path):
    source, articles = segment_file(path)
    assert len(articles) == 1
    article = articles[0]
    assert article.title_inferred == (path.name[:3] in PRINTS_NO_HEADLINE)
    assert len(article.title) >= 6 and not _looks_like_furniture(article.title), article.title
    for line in source.content_lines:
        assert line.role in ROLES and line.role != "unplaced", (line.number, line.role)
