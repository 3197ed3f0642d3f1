"""Copies of an article become one: identical bodies, and near-copies by their shingles."""

from __future__ import annotations

import random

from build_digest.dedupe import SKETCH, _shingle_hashes, merge_duplicates
from build_digest.model import Article, Paragraph

CHARACTERS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _article(text: str, source: str) -> Article:
    return Article(source=source, title="标题", paragraphs=[Paragraph(text=text, lines=[1], match_text=text)])


def _text(seed: int, length: int = 600) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(CHARACTERS) for _ in range(length))


def test_a_copy_with_a_few_characters_changed_is_merged_into_the_first():
    original = _text(1)
    edited = original[:100] + "改" + original[101:300] + "动" + original[301:]
    kept = merge_duplicates([_article(original, "a.txt"), _article(_text(2), "b.txt"), _article(edited, "c.txt")])
    assert [a.source for a in kept] == ["a.txt", "b.txt"]
    assert [copy["file"] for copy in kept[0].also_in] == ["c.txt"]


def test_articles_that_share_a_template_but_not_their_text_stay_apart():
    frame = "本报讯 记者从有关部门获悉，"
    articles = [_article(frame + _text(seed), f"{seed}.txt") for seed in range(20)]
    assert len(merge_duplicates(articles)) == 20


def test_distinct_shingles_never_share_a_hash_and_the_sketch_is_the_smallest():
    text = _text(3, 5000)
    hashes = _shingle_hashes(text)
    shingles = {text[i:i + 3] for i in range(len(text) - 2)}
    assert len(hashes) == len(shingles)
    assert list(hashes) == sorted(hashes)
    article = _article(text, "x.txt")
    merge_duplicates([article])
    assert article.sketch == [int(h) for h in hashes[:SKETCH]]
    assert _shingle_hashes("太短").size == 0
