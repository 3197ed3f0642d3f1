from build_digest.digest import build_digest
from build_digest.problems import Warnings
from tests.helpers import make_registry, source_from_text

PAGE = "某地召开科技大会\n\n发布时间:2024-05-06\n\n本报讯 {body}\n"


def digest_of(tmp_path, bodies: dict[str, str]):
    registry = make_registry(tmp_path / "reg", regions=[{"name": "内蒙古自治区", "level": "province"}])
    sources = [source_from_text(tmp_path, PAGE.format(body=body), name=name)[0] for name, body in bodies.items()]
    return build_digest(sources, registry, Warnings())


def test_id_comes_from_date_and_title_only(tmp_path):
    one = digest_of(tmp_path / "a", {"a.txt": "会议部署了全年科技工作,提出十项举措。"})
    other = digest_of(tmp_path / "b", {"a.txt": "会议部署了全年科技工作,提出十项举措。会后还举行了签约仪式。"})
    assert list(one.articles) == list(other.articles) == ["2024-05-06-mou-di-zhao-kai-ke-ji-da-hui"]


def test_different_articles_with_the_same_title_and_date_both_stay(tmp_path):
    digest = digest_of(
        tmp_path,
        {
            "a.txt": "甲市会议部署了全年科技工作,提出十项举措,涉及人才与平台建设等方面。",
            "b.txt": "乙县今天召开大会,表彰了一批科技工作先进集体和个人,并发布了新的扶持政策。",
        },
    )
    assert len(digest.articles) == 2
    assert all(i.startswith("2024-05-06-mou-di-zhao-kai-ke-ji-da-hui-") for i in digest.articles)
    assert len(set(digest.articles)) == 2


def test_the_same_article_in_two_files_is_one_article(tmp_path):
    body = "甲市会议部署了全年科技工作,提出十项举措,涉及人才与平台建设等方面。"
    digest = digest_of(tmp_path, {"a.txt": body, "b.txt": body})
    [article] = digest.articles.values()
    assert article.id == "2024-05-06-mou-di-zhao-kai-ke-ji-da-hui"
    assert article.also_in == [{"file": "b.txt", "lines": [5]}]
