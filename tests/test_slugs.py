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


def test_syllables_are_pypinyins_own_for_every_division_and_mixed_text():
    """Slugs are converted word by word (faster at thousands of names): the syllables must be
    exactly what pypinyin gives for the whole name, or published URLs would move."""
    import random

    from pypinyin import Style, lazy_pinyin

    from build_digest.discovery.gazetteer import gazetteer
    from build_digest.slugs import clear_caches, pinyin_words

    places = gazetteer()
    rng = random.Random(5)
    pool = sorted({c for name in places.by_name for c in name}) + list("AB12 -·()")
    names = list(places.by_name) + list(places.by_short)
    names += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    names += ["重庆银行", "长春长生", "OLED靶材", "银行行长", "音乐乐器", "5G基站", "单县"]
    clear_caches()
    differing = [n for n in names if pinyin_words(n) != [w.lower() for w in lazy_pinyin(n, style=Style.NORMAL)]]
    assert differing == []
