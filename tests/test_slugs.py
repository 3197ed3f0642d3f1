from build_digest.slugs import slugify
from tests.helpers import make_registry


def test_slug_is_pinyin_of_the_name():
    assert slugify("包头市") == "bao-tou-shi"
    assert slugify("OLED靶材") == "oled-ba-cai"


def test_slug_depends_only_on_the_entity_itself(tmp_path):
    one = make_registry(tmp_path / "a", regions=[{"name": "包头市", "level": "prefecture"}])
    two = make_registry(
        tmp_path / "b",
        regions=[
            {"name": "鄂尔多斯市", "level": "prefecture"},
            {"name": "包头市", "level": "prefecture"},
            {"name": "包头稀土高新技术产业开发区", "level": "zone", "parent": "包头市"},
        ],
    )
    assert one.entities["bao-tou-shi"].url == two.entities["bao-tou-shi"].url == "regions/bao-tou-shi/"


def test_reviewed_slug_overrides_pinyin(tmp_path):
    registry = make_registry(tmp_path, regions=[{"name": "单县", "slug": "shan-xian", "level": "county"}])
    assert "shan-xian" in registry.entities


def test_same_name_told_apart_by_parent_not_order(tmp_path):
    regions = [
        {"name": "福州市", "level": "prefecture"},
        {"name": "南京市", "level": "prefecture"},
        {"name": "鼓楼区", "level": "county", "parent": "福州市"},
        {"name": "鼓楼区", "level": "county", "parent": "南京市"},
    ]
    forward = make_registry(tmp_path / "a", regions=regions)
    backward = make_registry(tmp_path / "b", regions=list(reversed(regions[2:])) + regions[:2])
    expected = {"gu-lou-qu-fu-zhou-shi", "gu-lou-qu-nan-jing-shi"}
    assert expected <= set(forward.entities) and expected <= set(backward.entities)
    assert forward.entities["gu-lou-qu-nan-jing-shi"].parent == "nan-jing-shi"
