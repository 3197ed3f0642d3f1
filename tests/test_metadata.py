from build_digest.digest import analyse_source
from build_digest.model import SourceMeta
from build_digest.tagger import Tagger
from tests.helpers import make_registry, source_from_text

BRIEF = "某地新材料产业园揭牌\n\n本报3月5日讯(记者 王小明)近日,某地新材料产业园正式揭牌,首批入驻企业十二家。\n"
WEB = "发布时间:2024-06-06 23:17 来源:某某融媒\n\n某地科技大会召开\n\n本报讯 某地召开科技大会,部署全年工作。\n"


def analyse(tmp_path, text, meta=None):
    registry = make_registry(tmp_path / "reg", regions=[{"name": "内蒙古自治区", "level": "province"}])
    source, warnings = source_from_text(tmp_path, text, meta=meta)
    return analyse_source(source, Tagger(registry), warnings)


def test_curated_date_is_the_publication_date(tmp_path):
    meta = SourceMeta(
        publication="某某日报", date="2023-03-06", url="https://example.org/a", attribution="某某日报版权所有"
    )
    [article] = analyse(tmp_path, BRIEF, meta)
    assert article.date == "2023-03-06" and article.date_md is None
    assert (article.publication, article.url, article.attribution) == (
        "某某日报",
        "https://example.org/a",
        "某某日报版权所有",
    )
    assert article.byline == "记者 王小明"


def test_dateline_without_a_year_anywhere_keeps_month_and_day_only(tmp_path):
    [article] = analyse(tmp_path, BRIEF)
    assert article.date is None and article.date_md == "03-05"


def test_page_stamp_gives_the_date_and_the_dateline_only_its_day(tmp_path):
    stamped = "某地新材料产业园揭牌\n\n2023-03-06 08:30 来源:某某日报\n\n" + BRIEF.split("\n\n", 1)[1]
    [article] = analyse(tmp_path, stamped)
    assert article.date == "2023-03-06" and article.date_md is None


def test_lead_opening_on_a_month_and_day(tmp_path):
    text = "【某某商报网讯】记者 王小明 报导:8月28日,某地召开科技合作洽谈会新闻发布会,介绍本届洽谈会情况。\n"
    [article] = analyse(tmp_path, text)
    assert article.date is None and article.date_md == "08-28"
    assert article.byline == "记者 王小明"


def test_photo_story_dated_by_its_caption(tmp_path):
    text = ("某地报社主管主办\n开春以来,某市选派科技特派员走进田间地头,开展实用技术培训,帮助春耕生产。\n"
            "图①为4月11日,在某镇某村,科技特派员驾驶农机帮助村民翻耕农田。\n新华社发 王小明 摄\n")
    [article] = analyse(tmp_path, text)
    assert article.date is None and article.date_md == "04-11"
    assert article.body_lines == [2]


def test_a_caption_in_traditional_script_dates_the_story_the_same(tmp_path):
    text = ("某地報社主管主辦\n開春以來,某市選派科技特派員走進田間地頭,開展實用技術培訓,幫助春耕生產。\n"
            "圖①爲4月11日,在某鎮某村,科技特派員駕駛農機幫助村民翻耕農田。\n新華社發 王小明 攝\n")
    [article] = analyse(tmp_path, text)
    assert article.date is None and article.date_md == "04-11"


def test_an_impossible_month_day_is_not_a_date(tmp_path):
    text = "本报13月45日讯 某地新材料产业园正式揭牌,首批入驻企业十二家,总投资二十亿元。\n"
    [article] = analyse(tmp_path, text)
    assert article.date is None and article.date_md is None


def test_page_metadata_lines_give_date_and_publication(tmp_path):
    [article] = analyse(tmp_path, WEB)
    assert article.date == "2024-06-06" and article.publication == "某某融媒"
    assert article.title == "某地科技大会召开"
