"""Programme names read from their form: document titles, numbered editions of events,
slogans, party congresses and the national programme vocabulary (invented sentences)."""

from __future__ import annotations

from build_digest.discovery.gazetteer import gazetteer
from build_digest.discovery.programmes import find


def names(text: str) -> dict[str, str]:
    return {name: text[start:end] for start, end, name in find(text, gazetteer())}


def test_document_titles_that_end_like_a_document():
    found = names("市政府印发《青川市数字经济“十五五”发展规划》和《关于加快建设创新平台的实施意见》，"
                  "读者熟悉《青川日报》。")
    assert "青川市数字经济十五五发展规划" in found
    assert "关于加快建设创新平台的实施意见" in found
    assert not any("日报" in name for name in found)


def test_an_event_without_its_edition_and_with_the_place_before_it():
    found = names("第十二届江川科技活动周开幕。江西省第三届高新技术成果展示今日举行。2024年全国青年创新大赛启动。")
    assert "江川科技活动周" in found
    assert found["江西省高新技术成果展示"] == "江西省第三届高新技术成果展示"
    assert "全国青年创新大赛" in found


def test_slogans_and_congresses():
    found = names("建设科技强省和制造强市，推进科技兴农，打造创新型兰州。学习党的二十大精神，贯彻十九届五中全会部署。")
    assert {"科技强省", "制造强市", "科技兴农", "创新型兰州", "党的二十大", "十九届五中全会"} <= set(found)


def test_vocabulary_with_its_rank_or_place_and_short_forms_only_in_quotes():
    found = names("新增省级工程技术研究中心5家、青岛市瞪羚企业12家，高新技术企业达300家。推进“双创”，提高企业效益。")
    assert "省级工程技术研究中心" in found and "青岛市瞪羚企业" in found
    assert "高新技术企业" in found
    assert "大众创业万众创新" in found and found["大众创业万众创新"] == "双创"
    assert "高新技术企业" not in {n for n, s in found.items() if s == "高企"}
    assert sum(1 for s in found.values() if s == "高企") == 0  # 提高企业: no 高企 outside quotes
