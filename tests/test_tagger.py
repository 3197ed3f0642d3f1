from build_digest.model import Article, Paragraph
from build_digest.tagger import Tagger
from build_digest.textutil import match_form
from tests.helpers import make_registry

REGIONS = [
    {"name": "内蒙古自治区", "aliases": ["内蒙古"], "local_aliases": ["我区", "自治区"], "level": "province"},
    {"name": "包头市", "aliases": ["包头"], "level": "prefecture", "parent": "内蒙古自治区"},
    {"name": "包头稀土高新技术产业开发区", "aliases": ["包头稀土高新区"], "level": "zone", "parent": "包头市"},
    {"name": "阿拉善左旗", "aliases": ["阿左旗"], "level": "county", "parent": "内蒙古自治区"},
]
INSTITUTIONS = [
    {"name": "包头稀土研究院", "region": "包头市"},
    {"name": "哈尔滨工业大学", "aliases": ["哈工大"]},
    {"name": "内蒙古自治区科学技术厅", "local_aliases": ["自治区科技厅"], "region": "内蒙古自治区"},
]
COMPANIES = [{"name": "包头天和磁材科技股份有限公司", "aliases": ["天和磁材"], "region": "包头市"}]
TOPICS = [{"name": "稀土", "slug": "xitu", "keywords": ["稀土", "钕铁硼"]}]


def tagger(tmp_path):
    return Tagger(
        make_registry(tmp_path, regions=REGIONS, institutions=INSTITUTIONS, companies=COMPANIES, topics=TOPICS)
    )


def names(tagger, text, home=None):
    return [(text[s:e], entity) for s, e, entity in tagger.find(match_form(text), home)]


def test_longest_match_wins(tmp_path):
    t = tagger(tmp_path)
    assert names(t, "包头稀土高新区企业") == [("包头稀土高新区", "bao-tou-xi-tu-gao-xin-ji-shu-chan-ye-kai-fa-qu")]
    assert names(t, "包头稀土研究院的专家") == [("包头稀土研究院", "bao-tou-xi-tu-yan-jiu-yuan")]
    assert names(t, "在包头召开") == [("包头", "bao-tou-shi")]


def test_aliases_resolve_to_the_canonical_entity(tmp_path):
    t = tagger(tmp_path)
    assert names(t, "天和磁材与哈工大合作,落户阿左旗") == [
        ("天和磁材", "bao-tou-tian-he-ci-cai-ke-ji-gu-fen-you-xian-gong-si"),
        ("哈工大", "ha-er-bin-gong-ye-da-xue"),
        ("阿左旗", "a-la-shan-zuo-qi"),
    ]


def test_local_aliases_only_in_sources_from_that_region(tmp_path):
    t = tagger(tmp_path)
    text = "我区科技成果登记,自治区科技厅发布"
    assert names(t, text) == []
    assert names(t, text, home="nei-meng-gu-zi-zhi-qu") == [
        ("我区", "nei-meng-gu-zi-zhi-qu"),
        ("自治区科技厅", "nei-meng-gu-zi-zhi-qu-ke-xue-ji-shu-ting"),
    ]
    # A source from a city inside the region may say 自治区 for it too; one from elsewhere may not.
    assert names(t, "自治区", home="bao-tou-shi") == [("自治区", "nei-meng-gu-zi-zhi-qu")]


def test_offsets_point_into_the_published_text_also_for_traditional_script(tmp_path):
    t = tagger(tmp_path)
    text = "專家在包頭稀土研究院,與哈爾濱工業大學合作"
    found = names(t, text)
    assert [surface for surface, _ in found] == ["包頭稀土研究院", "哈爾濱工業大學"]


def test_full_width_and_half_width_punctuation_both_tag(tmp_path):
    t = tagger(tmp_path)
    assert names(t, "（包头）") == names(t, "(包头)") == [("包头", "bao-tou-shi")]


def test_article_tags_title_body_byline_and_topics(tmp_path):
    t = tagger(tmp_path)
    article = Article(source="x.txt", title="天和磁材扩产", byline="本报记者 张三")
    article.paragraphs = [
        Paragraph(text=s, lines=[i], match_text=match_form(s))
        for i, s in enumerate(["包头稀土高新区钕铁硼产能提升。", "天和磁材表示。"])
    ]
    t.tag(article)
    assert article.entity_ids[0] == "bao-tou-tian-he-ci-cai-ke-ji-gu-fen-you-xian-gong-si"
    assert "bao-tou-xi-tu-gao-xin-ji-shu-chan-ye-kai-fa-qu" in article.entity_ids
    assert article.topic_ids == ["xitu"]
    body_mentions = [m for m in article.mentions if m.paragraph == 1]
    assert body_mentions[0].surface == "天和磁材" and (body_mentions[0].start, body_mentions[0].end) == (0, 4)


def test_captions_are_tagged_and_quoted_where_they_point(tmp_path):
    """An entity named only under a picture is the article's too; its mention points into the
    caption it was printed in."""
    from build_digest.model import caption_paragraph

    t = tagger(tmp_path)
    article = Article(source="x.txt", title="产能提升", captions=["图为包头稀土研究院实验室。", "哈工大学生参观。"])
    article.paragraphs = [Paragraph(text="钕铁硼产能提升。", lines=[1], match_text="钕铁硼产能提升。")]
    t.tag(article)
    assert article.entity_ids == ["bao-tou-xi-tu-yan-jiu-yuan", "ha-er-bin-gong-ye-da-xue"]
    mention = next(m for m in article.mentions if m.entity_id == "ha-er-bin-gong-ye-da-xue")
    assert mention.paragraph == caption_paragraph(1)
    assert article.text_of(mention.paragraph)[mention.start:mention.end] == "哈工大"
