"""Discovery's recognition rules on invented sentences: boundaries, places, posts, forms."""

from __future__ import annotations

import pytest

from build_digest.discovery.recogniser import load_recogniser
from build_digest.registry import Registry
from tests.discovery_helpers import article, discover
from tests.helpers import make_registry

pytestmark = pytest.mark.skipif(load_recogniser("lac")[0] is None, reason="the LAC recogniser is not installed")


def test_organisation_has_its_true_left_boundary_and_places_resolve():
    found, _ = discover(Registry(), article("近日，浙江青松新材料股份有限公司在杭州举行新品发布会。"))
    assert "浙江青松新材料股份有限公司" in found
    assert found["浙江青松新材料股份有限公司"].type == "company"
    assert not any(name.startswith("近日") for name in found)
    assert found["杭州市"].level == "prefecture" and "杭州" in found["杭州市"].aliases
    assert found["杭州市"].parent == found["浙江省"].id  # the place above it is an entity too
    assert found["杭州市"].reviewed is False


def test_same_named_districts_are_told_apart_by_the_other_places_on_the_page():
    found, merged = discover(Registry(), article("福州市鼓楼区科技局召开会议。鼓楼区将建设创新园区。"))
    assert merged.entities[found["鼓楼区"].parent].name == "福州市"
    alone, _ = discover(Registry(), article("鼓楼区将建设一批创新平台。"))
    assert alone["鼓楼区"].parent is None
    assert "同名" in alone["鼓楼区"].description  # flagged with the places it may be
    assert "南京市" in alone["鼓楼区"].description and "福州市" in alone["鼓楼区"].description


def test_a_zone_hangs_under_its_city_and_its_short_and_long_names_are_one():
    found, merged = discover(Registry(), article("兰州高新区新增企业300家，兰州高新技术产业开发区管委会表示欢迎。"))
    zone = found["兰州高新技术产业开发区"]
    assert zone.level == "zone" and "兰州高新区" in zone.aliases
    assert merged.entities[zone.parent].name == "兰州市"


def test_a_person_gets_the_post_the_sentence_gives():
    found, _ = discover(Registry(), article("青松公司总经理王建国表示，将加大研发投入。"))
    assert found["王建国"].type == "person"
    assert found["王建国"].roles == ["青松公司总经理"]


def test_a_quoted_programme_name():
    found, _ = discover(Registry(), article("该市启动“春苗计划”，支持青年科技人才。"))
    assert found["春苗计划"].type == "program"


def test_a_short_form_stands_for_the_full_name_the_article_gives():
    text = "宁夏青松电气股份有限公司（以下简称青松电气）发布新品。青松电气今年营收增长。"
    found, _ = discover(Registry(), article(text))
    company = found["宁夏青松电气股份有限公司"]
    assert "青松电气" in company.aliases
    assert "青松电气" not in found


def test_an_unexplained_short_form_is_not_proposed():
    found, _ = discover(Registry(), article("青松电气今年营收增长。"))
    assert not any(e.type in ("company", "institution") for e in found.values())


def test_local_forms_resolve_through_the_home_region_only(tmp_path):
    registry = make_registry(tmp_path, regions=[{"name": "湖南省", "level": "province"}])
    text = "省科技厅副厅长李明华表示，将推进成果转化。"
    at_home, _ = discover(registry, article(text, home_region="hu-nan-sheng"))
    assert "湖南省科技厅" in at_home and "省科技厅" in at_home["湖南省科技厅"].aliases
    elsewhere, _ = discover(registry, article(text))
    assert not any(e.type == "institution" for e in elsewhere.values())


def test_traditional_script_pages_find_the_same_entities():
    simplified, _ = discover(Registry(), article("近日，浙江青松新材料股份有限公司在杭州举行新品发布会。"))
    traditional, _ = discover(Registry(), article("近日，浙江青鬆新材料股份有限公司在杭州舉行新品發佈會。"))
    assert set(simplified) == set(traditional)
    assert "浙江青鬆新材料股份有限公司" in traditional["浙江青松新材料股份有限公司"].aliases


def test_the_registry_wins(tmp_path):
    registry = make_registry(
        tmp_path,
        regions=[{"name": "杭州市", "aliases": ["杭州"], "level": "prefecture"}],
        companies=[{"name": "浙江青松新材料股份有限公司", "aliases": ["青松新材"]}],
    )
    item = article("近日，浙江青松新材料股份有限公司在杭州举行新品发布会。")
    found, _ = discover(registry, item)
    assert "杭州市" not in found and "浙江青松新材料股份有限公司" not in found
    assert {"hang-zhou-shi", "zhe-jiang-qing-song-xin-cai-liao-gu-fen-you-xian-gong-si"} <= set(item.entity_ids)


def test_rejected_names_are_not_proposed():
    from build_digest.discovery.discover import Discovery
    from build_digest.tagger import Tagger

    model, _ = load_recogniser("lac")
    discovery = Discovery(Registry(), model, None, rejected={("春苗计划", None)})
    item = article("该市启动“春苗计划”，支持青年科技人才。")
    Tagger(Registry()).tag(item)
    discovery.tag(item)
    assert not any(e.name == "春苗计划" for e in discovery.finish([item]))


def test_local_forms_resolve_through_the_places_the_article_names():
    """No home_region: the province and city most of the page's places belong to are home."""
    text = ("青州市科技大会昨日召开。市委书记在会上讲话，青州市将建设创新园区。"
            "省委、省政府高度重视，山东省科技厅有关负责人出席。")
    found, _ = discover(Registry(), article(text))
    assert "省委" in found["山东省委"].aliases and "市委" in found["青州市委"].aliases
    assert "省政府" in found["山东省政府"].aliases


def test_no_home_when_the_places_are_spread_evenly():
    text = "省委召开会议。南京市、杭州市、合肥市、福州市代表出席。"
    found, _ = discover(Registry(), article(text))
    assert not any(e.type == "institution" for e in found.values())


def test_a_local_form_of_a_rank_is_no_body():
    text = "杭州市新认定一批企业研发机构。杭州市有3家单位获评省实验室。"
    found, _ = discover(Registry(), article(text))
    assert not any(name.endswith("实验室") for name in found)


def test_a_local_form_of_several_words():
    text = "苏州市召开大会，苏州市将加快发展。省科技创新工作领导小组副组长李明华出席。江苏省有关部门参加。"
    found, _ = discover(Registry(), article(text))
    assert "省科技创新工作领导小组" in found["江苏省科技创新工作领导小组"].aliases


def test_committee_and_government_of_one_place():
    found, _ = discover(Registry(), article("会上，青州市委市政府作了交流发言。"))
    assert "青州市委" in found and "青州市政府" in found
    assert "市政府" in found["青州市政府"].aliases


def test_a_sub_unit_names_its_parent_organisation():
    text = "青松大学材料学院教授李明华介绍，江川省农业科学院茶叶研究所与企业合作。"
    found, _ = discover(Registry(), article(text))
    assert {"青松大学材料学院", "青松大学", "江川省农业科学院茶叶研究所", "江川省农业科学院"} <= set(found)


def test_a_company_legal_form_is_not_a_sub_unit():
    found, _ = discover(Registry(), article("青松生物制品研究所有限责任公司发布新疫苗。"))
    assert "青松生物制品研究所有限责任公司" in found
    assert "青松生物制品研究所" not in found


def test_a_bodys_party_committee_before_a_post():
    found, _ = discover(Registry(), article("青松大学党委书记王建国表示，学校将深化改革。"))
    assert found["青松大学党委"].type == "institution" and "青松大学" in found


def test_a_conjunction_inside_one_name_but_not_between_two():
    found, _ = discover(Registry(), article("河东省装备制造和冶金工会与青松科技有限公司和大井集团签约。"))
    assert "河东省装备制造和冶金工会" in found or "装备制造和冶金工会" in "".join(found)
    assert "大井集团" in found and "青松科技有限公司" in found
    kinds, _ = discover(Registry(), article("北京市企业和高校研究中心数量增加。"))
    assert not any("和" in name for name in kinds)


def test_captions_are_read_but_not_their_photographers():
    made = article("青松市举行科技周活动。")
    made.captions = ["江川大学青松实验室的研究人员在调试设备。记者 王建国 摄"]
    found, _ = discover(Registry(), made)
    assert found["江川大学青松实验室"].type == "institution"
    assert "王建国" not in found


def test_villages_and_natural_features_are_regions():
    text = "科技人员来到青松县红旗村和白鹭新村，又考察了月牙湖和凤鸣山。助力乡村振兴。"
    found, _ = discover(Registry(), article(text))
    for name, level in (("红旗村", "village"), ("白鹭新村", "village"), ("月牙湖", "feature"), ("凤鸣山", "feature")):
        if name in found:
            assert found[name].level == level
    assert sum(name in found for name in ("红旗村", "白鹭新村", "月牙湖", "凤鸣山")) >= 3
    assert not any(name.endswith("乡村") for name in found)


def test_a_zone_named_by_proper_words_before_its_head():
    text = "企业入驻青松新材料产业园和石墨烯小镇。兰州市高新区管委会表示欢迎。"
    found, _ = discover(Registry(), article(text))
    assert found["青松新材料产业园"].level == "zone"
    assert found["石墨烯小镇"].level == "zone"


def test_a_zones_committee_names_the_zone():
    found, _ = discover(Registry(), article("青川经济技术开发区管委会主任王建国介绍了招商情况。"))
    assert found["青川经济技术开发区管委会"].type == "institution"
    assert found["青川经济技术开发区"].level == "zone"


def test_a_bare_high_tech_zone_is_the_home_citys_and_a_rank_is_no_zone():
    text = "兰州市召开大会。兰州市将加快建设。高新区新增企业300家，全市共有3家国家级高新区。"
    found, _ = discover(Registry(), article(text))
    zone = found["兰州高新技术产业开发区"]
    assert "高新区" in zone.aliases
    assert "国家级高新区" not in found and "国家级高新技术产业开发区" not in found


def test_a_zone_with_and_without_its_national_rank_is_one():
    text = "江南国家自主创新示范区建设推进会召开。江南自主创新示范区已集聚企业一万家。"
    found, _ = discover(Registry(), article(text))
    zones = [e for e in found.values() if e.level == "zone"]
    assert len(zones) == 1 and zones[0].name == "江南国家自主创新示范区"


def test_places_an_organisation_is_named_after_in_a_chain_and_a_foreign_country():
    text = "丽江市宁蒗县科技馆馆长王建国表示。德国柏林工业大学教授李明华来访。"
    found, _ = discover(Registry(), article(text))
    assert {"丽江市", "宁蒗彝族自治县"} <= set(found)
    assert "德国" in found["德意志联邦共和国"].aliases
    china, _ = discover(Registry(), article("中国农业大学与企业签约。"))
    assert not any(e.level == "country" for e in china.values())


def test_a_zone_inside_a_zone_is_two_zones_and_a_place_names_its_gas_field():
    made = article("青川市召开大会。")
    made.captions = ["青川新城青松科技产业园，研究员在调试设备。", "涪陵页岩气田。"]
    found, _ = discover(Registry(), made)
    assert found["青川新城"].level == "zone" and found["青松科技产业园"].level == "zone"
    assert found["涪陵页岩气田"].level == "feature" and "涪陵区" not in found


def test_the_bay_area_named_by_its_short_form():
    found, _ = discover(Registry(), article("深圳市将加快大湾区建设，推动大湾区协同发展。"))
    assert "大湾区" in found["粤港澳大湾区"].aliases


def test_a_branch_holding_two_registry_names_is_one_institution(tmp_path):
    registry = make_registry(tmp_path, regions=[{"name": "新疆维吾尔自治区", "aliases": ["新疆"], "level": "province"}],
                             institutions=[{"name": "中国科学院", "aliases": ["中科院"]}])
    found, _ = discover(registry, article("中国科学院新疆分院副院长王建国出席。"))
    assert found["中国科学院新疆分院"].type == "institution"


def test_an_organisations_shorter_forms_it_prints():
    text = "丽江市宁蒗县科技馆馆长王建国表示。德国柏林工业大学教授李明华来访。"
    found, _ = discover(Registry(), article(text))
    assert "宁蒗县科技馆" in found["丽江市宁蒗县科技馆"].aliases
    assert "柏林工业大学" in found["德国柏林工业大学"].aliases


def test_a_sub_centre_of_a_laboratory_and_names_joined_by_yu():
    text = "青松实验室机器人训练技术创新中心与江川省智能芯片与系统技术创新中心签约。"
    found, _ = discover(Registry(), article(text))
    assert "青松实验室机器人训练技术创新中心" in found
    assert "江川省智能芯片与系统技术创新中心" in found


def test_a_gloss_in_brackets_before_a_name_is_not_part_of_it():
    found, _ = discover(Registry(), article("他为自己的企业(yè)江苏青松纺机集团寻找新产品。"))
    assert "江苏青松纺机集团" in found


def test_a_head_that_starts_like_a_connector_and_an_adjective_inside_a_name():
    text = "中国青松材料学会联合体与长三角优质茶叶种源研发中心签约。"
    found, _ = discover(Registry(), article(text))
    assert "中国青松材料学会联合体" in found
    assert "长三角优质茶叶种源研发中心" in found


def test_a_level_word_before_a_national_name_is_the_home_provinces():
    text = "辽宁省召开会议。辽宁省将推进改革。省国家新型材料基地建设工程中心参加签约。"
    found, _ = discover(Registry(), article(text))
    assert "省国家新型材料基地建设工程中心" in found["辽宁省国家新型材料基地建设工程中心"].aliases
    assert not any(name.startswith("辽宁省级") for name in found)


def test_what_a_list_of_bodies_names():
    text = "市科技局组织青禾生物、远帆智造、北辰药业等3家企业发布技术需求，与青云、松果等公司合作。"
    found, _ = discover(Registry(), article(text))
    for name in ("青禾生物", "远帆智造", "北辰药业", "青云", "松果"):
        assert found[name].type == "company", name
    places, _ = discover(Registry(), article("四平、辽源等单位参加。"))
    assert not any(e.type in ("company", "institution") for e in places.values())


def test_a_place_and_a_hall_recognised_as_a_place_is_an_institution():
    found, _ = discover(Registry(), article("代表们参观了大同能源馆、青松转型创新城。"))
    assert found["大同能源馆"].type == "institution"


def test_people_without_a_closing_list_word_a_form_of_address_or_a_doubled_word():
    found, _ = discover(Registry(), article("市政协副主席俞志明等参加调研。郑老师介绍，列车徐徐驶入车站。"))
    assert "俞志明" in found and "俞志明等" not in found
    assert "郑老师" not in found and "徐徐" not in found


def test_a_registry_programme_with_words_for_what_it_is_stays_the_registrys(tmp_path):
    registry = make_registry(tmp_path, programs=[{"name": "青松计划"}])
    made = article("助力青松计划建设战略部署落地。")
    found, _ = discover(registry, made)
    assert not any(name.startswith("青松计划") for name in found)
    assert "qing-song-ji-hua" in made.entity_ids


def test_a_documents_short_form_is_the_document_and_landscape_words_are_no_lake():
    made = article("《青川市科技成果统计分析报告》(以下简称《分析报告》)出炉。", "根据《分析报告》统计，成果增长。",
                   "推进山水林田湖草沙系统治理，建设协同创新区外合作机构。")
    found, _ = discover(Registry(), made)
    assert "分析报告" in found["青川市科技成果统计分析报告"].aliases and "分析报告" not in found
    assert not any("湖" in name or name.endswith("新区") for name in found)


def test_a_particle_is_not_an_organisations_head():
    found, _ = discover(Registry(), article("这是一场变革,将甘肃产业发展所需用科技悬赏的形式张榜,借智创新。"))
    assert not any(name.endswith("发展所") for name in found)


def test_a_societys_committee_and_a_ministrys_department_name_their_body():
    text = "会议由中国青松学会人文地理专业委员会承办。海关总署统计分析司司长李明华表示,外贸稳中向好。"
    found, _ = discover(Registry(), article(text))
    assert {"中国青松学会人文地理专业委员会", "中国青松学会", "海关总署统计分析司"} <= set(found)


def test_national_legislatures_branches_under_their_parents_and_colleges_of_universities():
    text = ("全国人民代表大会常务委员会第八次会议通过决议。中国青松监督管理委员会滨江监管分局发布提示。"
            "重庆青松大学建筑与城市规划学院教授王建国出席。")
    found, _ = discover(Registry(), article(text))
    assert "全国人民代表大会常务委员会" in found
    assert found["全国人民代表大会常务委员会"].type == "institution"
    assert "中国青松监督管理委员会滨江监管分局" in found
    assert "重庆青松大学建筑与城市规划学院" in found
    past_a_person = "青松大学党委书记王建国和中国科学院青松资源研究所党委共同签署协议。"
    found, _ = discover(Registry(), article(past_a_person))
    assert not any("王建国" in name and name != "王建国" for name in found)
