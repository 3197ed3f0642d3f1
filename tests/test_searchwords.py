from build_digest.searchwords import pinyin_forms, search_terms, short_forms
from tests.helpers import make_registry


def registry(tmp_path):
    return make_registry(
        tmp_path,
        regions=[
            {"name": "内蒙古自治区", "level": "province"},
            {"name": "赤峰市", "level": "prefecture", "parent": "内蒙古自治区"},
        ],
        programs=[{"name": "科技“突围”工程"}],
        companies=[{"name": "包头天和磁材科技股份有限公司", "aliases": ["天和磁材"]}],
        topics=[{"name": "稀土", "keywords": ["稀土", "钕铁硼"]}],
    )


def test_region_short_form_and_pinyin(tmp_path):
    city = registry(tmp_path).entities["chi-feng-shi"]
    assert short_forms(city) == ["赤峰"]
    assert pinyin_forms(city) == ["chifengshi", "chifeng"]
    terms = search_terms(city)
    assert terms[:2] == ["赤峰市", "赤峰"] and len(set(terms)) == len(terms)


def test_name_without_quotes_and_traditional_forms(tmp_path):
    programme = registry(tmp_path).entities["ke-ji-tu-wei-gong-cheng"]
    terms = search_terms(programme)
    assert "科技突围工程" in terms and "科技突圍工程" in terms
