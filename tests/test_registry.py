import pytest

from build_digest.problems import DataError
from build_digest.registry import load_registry, load_sources_meta
from tests.helpers import make_registry


def problems_of(tmp_path, files: dict[str, str]):
    folder = tmp_path / "registry"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_registry(tmp_path)
    return [str(p) for p in caught.value.problems]


def test_duplicate_alias_names_both_places(tmp_path):
    found = problems_of(
        tmp_path,
        {
            "regions.yml": "- name: 包头市\n  aliases: [包头]\n  level: prefecture\n",
            "companies.yml": "- name: 包头公司\n  aliases: [包头]\n",
        },
    )
    assert len(found) == 1
    assert "companies.yml:2" in found[0] and "'包头'" in found[0] and "regions.yml:1" in found[0]


def test_unknown_parent_and_unknown_field_and_wrong_type(tmp_path):
    found = problems_of(
        tmp_path,
        {
            "regions.yml": (
                "- name: 包头市\n  level: prefecture\n  parent: 不存在省\n"
                "- name: 赤峰市\n  level: prefecture\n  colour: red\n"
                "- name: 通辽市\n  level: prefecture\n  aliases: 通辽\n"
            )
        },
    )
    assert any("regions.yml:3" in p and "不存在省" in p for p in found)
    assert any("regions.yml:6" in p and "unknown field 'colour'" in p for p in found)
    assert any("regions.yml:9" in p and "'aliases' must be a list" in p for p in found)


def test_malformed_yaml_names_the_line(tmp_path):
    found = problems_of(tmp_path, {"regions.yml": "- name: 包头市\n  level: prefecture\n  aliases: [包头\n"})
    assert len(found) == 1 and "regions.yml:" in found[0] and "malformed YAML" in found[0]


def test_cycle_of_parents(tmp_path):
    found = problems_of(tmp_path, {"institutions.yml": "- name: 甲所\n  parent: 乙所\n- name: 乙所\n  parent: 甲所\n"})
    assert any("cycle" in p for p in found)


def test_region_needs_a_level(tmp_path):
    found = problems_of(tmp_path, {"regions.yml": "- name: 包头市\n"})
    assert any("needs a level" in p for p in found)


def test_valid_registry_links_parents_and_regions(tmp_path):
    registry = make_registry(
        tmp_path,
        regions=[
            {"name": "内蒙古自治区", "level": "province"},
            {"name": "包头市", "level": "prefecture", "parent": "内蒙古自治区"},
        ],
        companies=[{"name": "包头天和磁材科技股份有限公司", "region": "包头市"}],
    )
    company = registry.entities["bao-tou-tian-he-ci-cai-ke-ji-gu-fen-you-xian-gong-si"]
    assert company.region == "bao-tou-shi"
    assert [a.id for a in registry.ancestors("bao-tou-shi")] == ["nei-meng-gu-zi-zhi-qu"]


def test_sources_metadata_validated(tmp_path):
    registry = make_registry(tmp_path, regions=[{"name": "内蒙古自治区", "level": "province"}])
    path = tmp_path / "sources.yml"
    path.write_text("a.txt:\n  date: 2023-13-01\n  home_region: 火星\n  editor: x\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_sources_meta(path, registry)
    found = [str(p) for p in caught.value.problems]
    assert any("sources.yml:2" in p and "YYYY-MM-DD" in p for p in found)
    assert any("sources.yml:3" in p and "火星" in p for p in found)
    assert any("sources.yml:4" in p and "unknown field 'editor'" in p for p in found)


def test_repository_registry_is_valid_and_large(registry):
    assert len(registry.entities) > 100
    assert {e.type for e in registry.entities.values()} == {"region", "program", "company", "institution", "person"}
