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


def test_dateline_takes_its_year_from_the_curated_date(tmp_path):
    meta = SourceMeta(
        publication="某某日报", date="2023-03-06", url="https://example.org/a", attribution="某某日报版权所有"
    )
    [article] = analyse(tmp_path, BRIEF, meta)
    assert article.date == "2023-03-05"
    assert (article.publication, article.url, article.attribution) == (
        "某某日报",
        "https://example.org/a",
        "某某日报版权所有",
    )
    assert article.byline == "记者 王小明"


def test_dateline_without_a_year_anywhere_stays_undated(tmp_path):
    [article] = analyse(tmp_path, BRIEF)
    assert article.date is None


def test_page_metadata_lines_give_date_and_publication(tmp_path):
    [article] = analyse(tmp_path, WEB)
    assert article.date == "2024-06-06" and article.publication == "某某融媒"
    assert article.title == "某地科技大会召开"
