"""Hypothesis strategies for raw article files: Chinese-like text with the marks real pages carry."""

from __future__ import annotations

from hypothesis import strategies as st

# A small pool of common characters keeps generated text word-like (repeated bigrams, names).
HAN = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理府研质"
)
TRADITIONAL = "這個國發會們來時對開關與體學區經濟機構產業數據據實驗雲計算補貼項務電網絡圖書館"
PUNCT_FULL = "，。、；：？！“”‘’（）《》【】—…·「」『』〈〉～％＋－＃＊［］｜"
PUNCT_HALF = ",.;:?!\"'()<>[]-~%+#*|/\\_`{}&=@$^"
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n\n\n\n", "\u2028", "\x0b", "\x0c", "\x85"]
DIGITS = "0123456789０１２３４５６７８９一二三四五六七八九十百千万亿"

SURNAMES = "王李张刘陈杨黄赵吴周"
BYLINES = [
    "本报记者 {n}", "记者 {n} {m}", "□ 本报记者 {n}", "通讯员 {n}、{m}", "（记者 {n}）", "文/图 {n}", "作者：{n}",
]
DATELINES = [
    "本报{p}{mo}月{d}日讯 ", "新华社{p}{mo}月{d}日电（记者 {n}）", "【科技日报讯】", "本报讯 ", "{p}网{mo}月{d}日电 ",
]
MARKS = [
    "# ", "## ", "### ", "* ", "- ", "1. ", "> ", "| ", " |", "**", "`", "[", "](", ")", "{{ ", " }}", "{% ", " %}",
    "<script>", "</script>", "<b>", "&amp;", "&lt;", "javascript:", "---", "!!! ", "    ", "\t", "{ .x }",
]
FURNITURE = [
    "首页 > 新闻 > 科技", "责任编辑：{n}", "发布时间：2023-0{mo}-1{d} 10:00", "来源：科技日报", "版权所有 © 2023",
    "（资料图）", "图为{p}科技园区。{n} 摄", "扫一扫 分享到", "(完)", "原标题：{p}推进科技创新",
]
PLACES = ["青禾", "滨江", "北辰", "南屿", "东岭"]


def _name(draw) -> str:
    return draw(st.sampled_from(SURNAMES)) + draw(st.text(alphabet=HAN, min_size=1, max_size=2))


@st.composite
def _template(draw, templates: list[str]) -> str:
    return draw(st.sampled_from(templates)).format(
        n=_name(draw), m=_name(draw), p=draw(st.sampled_from(PLACES)),
        mo=draw(st.integers(1, 9)), d=draw(st.integers(1, 9)),
    )


han_run = st.text(alphabet=HAN + TRADITIONAL, min_size=1, max_size=30)
punct = st.sampled_from(PUNCT_FULL + PUNCT_HALF)
sentence = st.builds(
    lambda words, end: "".join(words) + end,
    st.lists(
        st.one_of(han_run, han_run, punct, st.text(alphabet=DIGITS, min_size=1, max_size=4)), min_size=1, max_size=8
    ),
    st.sampled_from(["。", "！", "？", ".", "!", "?", "；", "…", "", "”"]),
)
line = st.one_of(
    sentence,
    st.lists(sentence, min_size=1, max_size=4).map("".join),
    _template(BYLINES),
    st.builds(lambda d, s: d + s, _template(DATELINES), sentence),
    _template(FURNITURE),
    st.builds(lambda mark, s: mark + s, st.sampled_from(MARKS), sentence),
    st.builds(lambda s, mark: s + mark, sentence, st.sampled_from(MARKS)),
    st.text(alphabet=" \t\u3000", max_size=3),  # blank-looking lines
    st.text(max_size=20),  # anything at all, surrogates excluded by hypothesis
)
newline = st.sampled_from(NEWLINES)


@st.composite
def chinese_page(draw) -> str:
    """A page of Chinese-like lines joined by every kind of line break."""
    lines = draw(st.lists(line, min_size=0, max_size=25))
    out = []
    for text in lines:
        out.append(text)
        out.append(draw(newline))
    return "".join(out)


encoded_page = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    chinese_page(),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]),
)
raw_bytes = st.one_of(st.binary(max_size=600), encoded_page)
