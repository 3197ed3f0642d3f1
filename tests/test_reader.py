"""The reader: encodings, line endings, traditional script, and files that are not text.

Every page below is invented for these tests.
"""

from __future__ import annotations

import codecs

import pytest

from build_digest.digest import analyse_source
from build_digest.model import ROLES, SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import Unreadable, decode, read_source, split_lines
from build_digest.segment import segment
from build_digest.tagger import Tagger
from tests.helpers import make_registry, source_from_text

TITLE = "青禾市智能农机产业园正式投产"
BYLINE = "本报记者 孔令晨"
BODY_1 = "本报青禾6月3日讯 青禾市智能农机产业园日前正式投产，首批入驻的十二家企业将生产无人播种机和植保无人机。"
BODY_2 = "园区负责人介绍，产业园配套建设了检测中心和实训基地，预计三年内带动就业岗位两千余个。"
PAGE = "\n\n".join([TITLE, BYLINE, BODY_1, BODY_2]) + "\n"


def registry_for(tmp_path):
    return make_registry(
        tmp_path,
        regions=[{"name": "青禾市", "level": "prefecture"}],
        institutions=[{"name": "青禾市农业机械研究所", "aliases": ["青禾农机所"]}],
    )


def numbered(source) -> dict[int, str]:
    return {line.number: line.text for line in source.content_lines}


# -- encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8-sig"),
        (PAGE.encode("gb18030"), "gb18030"),
        (PAGE.encode("gbk"), "gb18030"),
        (PAGE.encode("utf-16"), "utf-16"),  # with the platform's BOM
        (codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_are_detected_and_read(tmp_path, data, expected):
    text, encoding = decode(data)
    assert text == PAGE and encoding == expected
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    warnings = Warnings()
    source = read_source(path, SourceMeta(), warnings)
    assert not len(warnings)
    assert source.encoding == expected
    assert numbered(source) == {1: TITLE, 3: BYLINE, 5: BODY_1, 7: BODY_2}
    assert not source.lines[0].text.startswith("\ufeff")  # the BOM is not text


def test_a_byte_order_mark_alone_on_the_first_line_keeps_the_line_as_furniture(tmp_path):
    # Saved from a page that printed the mark on a line of its own: line numbers count that
    # line, so it gets a role (furniture) and the page's lines keep their numbers.
    data = codecs.BOM_UTF8 + ("\n" + PAGE).encode("utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    warnings = Warnings()
    source = read_source(path, SourceMeta(), warnings)
    assert numbered(source) == {1: "\ufeff", 2: TITLE, 4: BYLINE, 6: BODY_1, 8: BODY_2}
    [article] = segment(source, warnings)
    assert article.title == TITLE and source.lines[0].role == "boilerplate"


def test_gb18030_only_characters_survive(tmp_path):
    # 𠀀 (U+20000) and ㈠ exist in GB18030 but not in GBK: a GBK decoder would fail.
    text = "𠀀字实验室 ㈠ 简介：该实验室聚焦古籍数字化与生僻字识别技术研发。\n"
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_short_gbk_file_is_not_mistaken_for_another_encoding():
    text = "科技简讯\n"
    assert decode(text.encode("gbk"))[0] == text


# -- line endings --------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
def test_line_numbers_are_right_for_every_line_ending(tmp_path, newline):
    text = PAGE.replace("\n", newline)
    source, _ = source_from_text(tmp_path, text)
    assert numbered(source) == {1: TITLE, 3: BYLINE, 5: BODY_1, 7: BODY_2}
    assert all("\r" not in line.text for line in source.lines)
    articles = segment(source, Warnings())
    assert [a.title for a in articles] == [TITLE]
    assert articles[0].body_lines == [5, 7]


def test_mixed_line_endings_in_one_file(tmp_path):
    text = f"{TITLE}\r\n\r{BYLINE}\n\r\n{BODY_1}\r{BODY_2}\n"
    lines = split_lines(text)
    assert [(line.number, line.text) for line in lines if line.text] == [
        (1, TITLE), (3, BYLINE), (5, BODY_1), (6, BODY_2)
    ]


def test_no_final_newline_and_trailing_blank_lines(tmp_path):
    assert [line.text for line in split_lines("甲\n乙")] == ["甲", "乙"]
    assert [line.number for line in split_lines("甲\n\n\n")] == [1, 2, 3]


# -- punctuation widths and traditional script -------------------------------------------------

@pytest.mark.parametrize(
    "body",
    [
        "青禾农机所近日发布新型播种机，该机型作业效率提高三成，已在青禾市推广。",  # full-width
        "青禾农机所近日发布新型播种机,该机型作业效率提高三成,已在青禾市推广.",  # half-width
        "青禾农机所近日发布新型播种机，该机型作业效率提高三成,已在青禾市推广！",  # mixed
    ],
    ids=["full-width", "half-width", "mixed"],
)
def test_punctuation_of_either_width_segments_and_tags(tmp_path, body):
    registry = registry_for(tmp_path)
    text = "\n\n".join(["青禾市农机装备再添新品", BYLINE, body, BODY_2]) + "\n"
    source, warnings = source_from_text(tmp_path, text)
    articles = analyse_source(source, Tagger(registry), warnings)
    assert [a.title for a in articles] == ["青禾市农机装备再添新品"]
    assert set(articles[0].entity_ids) == {"qing-he-shi", "qing-he-shi-nong-ye-ji-xie-yan-jiu-suo"}
    assert all(line.role in ROLES for line in source.content_lines)
    assert not [w for w in warnings if "could not place" in w.message]


def test_traditional_script_is_matched_simplified_and_kept_as_published(tmp_path):
    registry = registry_for(tmp_path)
    text = "\n\n".join([
        "青禾市農業機械研究所發布無人播種機",
        "本報記者 孔令晨",
        "本報青禾6月3日訊 青禾市農業機械研究所日前發布新一代無人播種機，這款機器可以在夜間自動作業，"
        "每小時播種面積達到三十畝。",
    ]) + "\n"
    source, warnings = source_from_text(tmp_path, text)
    assert source.lines[0].match == "青禾市农业机械研究所发布无人播种机"
    assert all(len(line.match) == len(line.text) for line in source.lines)
    articles = analyse_source(source, Tagger(registry), warnings)
    (article,) = articles
    assert article.title == "青禾市農業機械研究所發布無人播種機"  # shown as published
    assert "qing-he-shi-nong-ye-ji-xie-yan-jiu-suo" in article.entity_ids
    mention = next(m for m in article.mentions if m.paragraph >= 0)
    assert article.paragraphs[mention.paragraph].text[mention.start:mention.end] == "青禾市農業機械研究所"


# -- files that are not text ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("data", "why"),
    [
        (bytes(range(256)) * 8, "not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not text"),
        (b"%PDF-1.4\n\x00\x01\x02\x03\xff\xfe\xfd" * 30, "not text"),
    ],
    ids=["all-bytes", "png", "pdf-like"],
)
def test_binary_file_is_skipped_with_a_warning_naming_it(tmp_path, data, why):
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    warnings = Warnings()
    assert read_source(path, SourceMeta(), warnings) is None
    (warning,) = list(warnings)
    assert warning.file == "photo.txt" and warning.message.startswith("skipped") and why in warning.message


def test_decode_raises_unreadable_for_binary():
    with pytest.raises(Unreadable):
        decode(b"\x00\x01\x02\x03" * 100 + b"\xff\xfe\xfa")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n", "\u3000\u3000\n".encode(), codecs.BOM_UTF8 + b"\n"],
                         ids=["empty", "whitespace", "ideographic-space", "bom-only"])
def test_empty_or_blank_file_is_skipped_with_a_warning(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    warnings = Warnings()
    assert read_source(path, SourceMeta(), warnings) is None
    (warning,) = list(warnings)
    assert warning.file == "blank.txt" and "empty or blank" in warning.message
