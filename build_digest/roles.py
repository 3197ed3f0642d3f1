"""What a single line looks like, judged on its own text: the vocabulary of page layout.

These are general rules about Chinese newspaper and web-page furniture (datelines, bylines,
captions, menus, disclaimers), never strings from particular files. `segment.py` combines
them with the lines' neighbours to give each line its final role. Rules read the `match`
form of a line (simplified script, half-width punctuation), so one rule serves both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_digest.textutil import ends_sentence, han_count

HAN = r"\u4e00-\u9fff"
NAME = rf"[{HAN}·]{{2,4}}"
STAFF = (
    r"(?:本报|本刊|本台|本网)?(?:特约|首席|见习|驻[\u4e00-\u9fff]{1,4})?"
    r"(?:记者|通讯员|实习生|摄影|撰稿|撰文|作者|编辑|特约撰稿人|融媒记者)"
)
# 刘容 张泽鹏 / 李彦水、刘佳鑫: names listed with spaces, 、 or commas
NAMES = rf"{NAME}(?:\s*[、,]\s*{NAME}|\s+{NAME})*"

# 本报2月27日讯, 某某日报讯, 某某网滨江4月3日电, 【某某商报网讯】, 本报讯
# A place is only read as a place when a date follows it: 某某商报网讯 is one organisation.
DATELINE = re.compile(
    rf"^\s*[【\[]?(?P<org>[{HAN}A-Za-z]{{0,12}}?(?:报|社|网|台|刊|客户端|时刻|新闻))"
    rf"(?:(?P<place>[{HAN}]{{1,6}}?)(?=\d))?"
    r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?:(?P<day>\d{1,2})日)?"
    r"(?:电|讯)[】\]]?\s*"
    r"(?:[((](?P<credit>[^()()]{1,40})[))])?"
)
# 记者 林晓舟 报导: after a dateline
REPORTED_BY = re.compile(rf"^\s*(?P<credit>{STAFF}\s*{NAME}(?:\s*[、,]\s*{NAME})*)\s*报[道导][:,]?")

BYLINE_MARKS = "□◎■●▲△○"
_BYLINE_TOKEN = re.compile(rf"^(?:{STAFF}|{NAME}|[{BYLINE_MARKS}]+)$")
BRACKETED_CREDIT = re.compile(rf"^[((]\s*(?:{STAFF})?\s*{NAME}(?:\s*[、, ]\s*(?:{STAFF})?\s*{NAME})*\s*[))]$")
# A story closes with its writer's name in brackets: …具有重要意义。(凤启) / …。(记者 张三、李四)
CLOSING_CREDIT = re.compile(
    rf"(?<=[。!?”\"])\s*[((](?P<credit>(?:{STAFF}\s*)?{NAME}(?:\s*[ 、,]\s*(?:{STAFF}\s*)?{NAME})*)[))]\s*$"
)
# 《某某日报》( 2020年01月01日 03 版): an e-paper's edition stamp
EDITION_STAMP = re.compile(r"《\s*[^》]{2,12}\s*》\s*[((]\s*\d{4}[^()()]{0,30}[))]\s*$")

CAPTION = re.compile(
    r"(?:[((]?(?:资料|新华社|视觉中国|受访者|[\u4e00-\u9fff]{0,6})?供图[))]?\s*$"
    r"|[((]资料(?:图|图片|照片)[))]\s*$"
    r"|(?:摄|摄影)\s*[))]?\s*$"
    r"|^\s*[((]?本文图片"
    r"|^\s*图\s*[①-⑳\d一二三四五六七八九十]*\s*(?:为|:)"
    r"|^\s*\S{0,10}图。\s*来源"
    r"|^\s*(?:图片|图)\s*(?:来源|来自|提供)\s*[:]"
    r")"
)
# A photo of a speaker is captioned with a post and a name: 自治区某厅副厅长张三 / 某处处长李四主持发布会
_POST = r"(?:长|主任|书记|院士|主席|经理|董事长|代表|委员|教授|研究员|专家|工程师|负责人|总裁|总监)"
# Common family names: a post followed by one of them reads as a person, not as 委员会 or 工作站.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
PERSON_NAME = rf"[{SURNAMES}][{HAN}]{{1,2}}"
PERSON_CAPTION = re.compile(
    rf"{_POST}\s*{PERSON_NAME}(?:\s*(?:主持|讲话|发言|致辞|介绍|出席|参观|调研|接受采访|回答)[{HAN}]{{0,6}})?\s*$"
)
BOILERPLATE = re.compile(
    r"免责声明|版权所有|版权.{0,12}声明|Copyright|©|ICP[备证]|网警备案|公网安备|违法和不良信息|举报(?:电话|邮箱|中心)"
    r"|不代表本网|不代表.{0,12}(?:观点|立场)|本网(?:转载|声明)|转载请|原文出处|本声明|未经(?:书面)?授权"
    r"|您(?:当前)?的位置|当前位置|首页\s*[>›»]|>>|^\s*[>›»]|^(?:[^>。,]{1,12}\s*>\s*){2,}"
    r"|主办单位|主\s?办\s*:|^\s*承办:|^\s*地址:|^\s*邮编|联系电话"
    r"|主管\s+.{0,20}主办\s*$|^\S{2,20}(?:主管|主办)\s*$"
    r"|^\s*[((]完[))]\s*$|_fororder_"
)
# Page widgets: furniture only when the line is short (a story about IPv6 or printing is news).
WIDGET = re.compile(
    r"网站(?:首页|地图)|回到顶部|返回顶部|支持IPv6|我要评论|分享(?:到|文章)|扫一扫|扫描二维码|手机(?:版|看)|移动版"
    r"|客户端下载|下载客户端|关注我们|打印本页|关闭窗口|【?打印】?|E-?mail|选择字号|字号:|更多>>"
    r"|上一(?:版|篇)|下一(?:版|篇)|往期回顾|浏览(?:量|次数)|阅读(?:量|数)|点击(?:数|量)"
    # injected gambling spam
    r"|老虎机|赌场|博彩|百家乐|娱乐城|赢钱|下注"
)
WIDGET_MAX = 40
# Navigation words that make up a short line on their own: 搜索, 相关新闻 相关阅读, 热门推荐
FURNITURE_WORD = re.compile(
    r"^(?:搜索|登录|注册|首页\w{0,8}|English|官方微博|官方微信|微信|微博|客户端|电子报|数字报|立即打开|打开|APP|App"
    r"|图片新闻|热点新闻|相关(?:新闻|阅读|文章|论文|链接|报道|稿件)|推荐阅读"
    r"|(?:编辑部|编辑|热门|精彩|相关|论坛|为你|今日|博客)推荐\S{0,2}|\S{0,8}(?:新闻|点击|阅读|评论|热度)排行榜?"
    r"|更多(?:>>|新闻|内容|资讯|报道|精彩\S{0,6})?|\S{0,10}请关注|扫码\S{0,6}|返回|关闭|分享|收藏|评论)$"
)
# A field label left without its value on the line: 作者: / 来源: / 【摘要】:
FIELD_LABEL = re.compile(
    r"^\s*[【\[]?(?:作者|来源|编辑|责任编辑|责编|发布(?:时间|日期)|时间|日期|稿源|出处|摘要)[】\]]?\s*[:]?\s*$"
)
# 【摘要】 / 导语: a standfirst that summarises the story is part of it
STANDFIRST = re.compile(r"^\s*[【\[]?(?:摘要|导语|内容提要|提要)[】\]]?\s*[:]?\s*\S")
METADATA = re.compile(
    r"^\s*(?:发布(?:时间|日期)|时间|日期|来源|作者|编辑|责任编辑|责编|稿源|出处|原标题)\s*[:】]"
    r"|^\s*[((]?责任编辑|^\s*《\s*[^》]{2,12}\s*》\s*[((]\s*\d{4}"
    r"|^\s*[\u4e00-\u9fff]{2,10}\s+\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s+星期.)?\s*$"
    r"|^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
    # a date first, then a time or other fields: 2024-03-08 16:06:23来源:…
    r"|^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\s*(?:\d{1,2}:\d{2}|星期|来源|作者|编辑|稿源)"
    r"|^\s*转自[:]"
)
# A credit inside a metadata line: 作者:张三 李四 / 驻某地记者 王五
METADATA_CREDIT = re.compile(
    rf"作者\s*[:]\s*(?P<author>{NAMES})(?=$|[\s,;]|来源|编辑|责编|发布|时间)"
    rf"|(?P<staff>(?:本报|本刊|本网)?(?:特约|首席|见习|驻[{HAN}]{{1,4}})?(?:记者|通讯员)\s*{NAMES})"
    r"(?=$|[\s,;]|来源|编辑|责编)"
)
PUBLISHED_AT = re.compile(
    r"(?:发布(?:时间|日期)|时间|日期)\s*[:]\s*(?P<y>\d{4})[-年./](?P<m>\d{1,2})[-月./](?P<d>\d{1,2})"
)
SOURCE_FIELD = re.compile(r"来源\s*[:]\s*(?P<pub>[^\s:]{2,20}?)(?=编辑|责编|作者|\s|$)")
ANY_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})")
# 2.06亿元 / 190.1亿元! : a figure set large as a pull-quote
FIGURE_ONLY = re.compile(r"^\s*[约近超逾]?\d[\d.,]*\s*(?:%|亿元|万元|元|亿|万|家|项|个|人|名|吨|倍)?\s*[!!]?\s*$")
MENU_SEPARATORS = re.compile(r"\s*[|｜·•/]\s*|\s{2,}|\t")
JUNK = re.compile(r"[A-Za-z0-9+*&^%$#@!~`=\\/{}\[\]<>;:'\"()?,.\-_| ]")
# Anti-scraping noise glued to a paragraph: a run of 1-3 character ASCII scraps (x; Q( 7& k) …)
LEADING_JUNK = re.compile(r"^\s*(?:[!-~]{1,3}\s+){4,}")
TRAILING_JUNK = re.compile(r"(?:\s+[!-~]{1,3}){4,}\s*$")
# 新华社客户端 | 标题 / 标题_某某网: the site's name set around a web page's headline
SITE_PREFIX = re.compile(rf"^\s*[{HAN}A-Za-z]{{1,10}}(?:客户端|网|报|社|台|频道|在线|新闻|APP)\s*[|｜]\s*")
SITE_SUFFIX = re.compile(rf"\s*(?:[|｜_]|\s-\s)\s*[{HAN}A-Za-z]{{1,10}}(?:客户端|网|报|频道|在线)\s*$")


@dataclass(frozen=True)
class Dateline:
    org: str
    place: str
    year: int | None
    month: int | None
    day: int | None
    credit: str | None
    end: int  # characters the dateline (and its credit) take at the start of the line


def dateline(text: str) -> Dateline | None:
    found = DATELINE.match(text)
    if not found:
        return None
    org = found.group("org")
    # A dateline names a publication or agency; a sentence that merely contains 讯/电 does not.
    if not (org.startswith(("本报", "本刊", "本台", "本网")) or len(org) >= 2):
        return None
    if found.group("place") and not (found.group("month") or found.group("day")):
        return None
    credit = found.group("credit")
    end = found.end()
    reported = REPORTED_BY.match(text[end:])
    if reported and not credit:
        credit = reported.group("credit")
        end += reported.end()
    year, month, day = (int(found.group(g)) if found.group(g) else None for g in ("year", "month", "day"))
    return Dateline(org, found.group("place") or "", year, month, day, credit.strip() if credit else None, end)


def is_byline(text: str) -> bool:
    stripped = EDITION_STAMP.sub("", text).strip()
    if not stripped or len(stripped) > 48 or ends_sentence(stripped):
        return False
    if BRACKETED_CREDIT.match(stripped):
        return True
    starts_marked = stripped[0] in BYLINE_MARKS
    tokens = _rejoin_spaced_names([t for t in re.split(r"[\s、,]+", stripped.strip(BYLINE_MARKS + " ")) if t])
    if not tokens:
        return False
    expanded = []
    for token in tokens:
        # 本报记者及庆玲 glued together: split the staff word from the name.
        glued = re.match(rf"^({STAFF})({NAME})$", token)
        expanded.extend(glued.groups() if glued else [token])
    has_staff = any(re.fullmatch(STAFF, t) for t in expanded)
    if not all(_BYLINE_TOKEN.match(t) for t in expanded):
        return False
    return starts_marked or has_staff


def _rejoin_spaced_names(tokens: list[str]) -> list[str]:
    """Two-character names are padded to three with a space (林 远): join single characters."""
    out: list[str] = []
    for token in tokens:
        if len(token) == 1 and out and len(out[-1]) == 1 and han_count(token + out[-1]) == 2:
            out[-1] += token
        else:
            out.append(token)
    return out


def byline_names(text: str) -> str:
    """The credit as a reader wants it: 本报记者 及庆玲 实习生 李宝乐 (marks, brackets, stamps dropped)."""
    text = EDITION_STAMP.sub("", text)
    return re.sub(r"\s+", " ", text.strip().strip(BYLINE_MARKS + "()() ")).strip()


def metadata_credit(text: str) -> str | None:
    """The writers named in a metadata line (作者:…, 驻某地记者 …), or None."""
    found = METADATA_CREDIT.search(text)
    if not found:
        return None
    return re.sub(r"\s+", " ", found.group("author") or found.group("staff")).strip()


def is_caption(text: str) -> bool:
    return bool(CAPTION.search(text.strip()))


def is_person_caption(text: str) -> bool:
    """A post and a name with no sentence around them: the caption of a portrait."""
    stripped = text.strip()
    return len(stripped) <= 40 and not ends_sentence(stripped) and bool(PERSON_CAPTION.search(stripped))


def is_boilerplate(text: str) -> bool:
    stripped = text.strip()
    if BOILERPLATE.search(stripped) or (len(stripped) <= WIDGET_MAX and WIDGET.search(stripped)):
        return True
    return is_menu(stripped) or is_junk(stripped) or is_furniture_words(stripped)


def is_furniture_words(text: str) -> bool:
    """A short line made only of navigation words (相关新闻 相关阅读, 官方微博)."""
    tokens = text.split()
    return 0 < len(text) <= 24 and bool(tokens) and all(FURNITURE_WORD.match(t) for t in tokens)


def is_menu(text: str) -> bool:
    """A row of short navigation items: 首页 | 新闻 | 图片, or a bulleted item (• 首 页)."""
    if re.match(r"^[*\-+•·]\s*\S.{0,13}$", text) and not ends_sentence(text):
        return True
    parts = [p for p in MENU_SEPARATORS.split(text) if p]
    return len(parts) >= 4 and max(len(p) for p in parts) <= 8


def is_junk(text: str) -> bool:
    """Anti-scraping noise, mojibake and other lines with next to no Chinese text."""
    if "\ufffd" in text and han_count(text) < len(text) / 2:
        return True
    # No Chinese and nothing but scraps of ASCII: not even two real Latin words side by side.
    return han_count(text) == 0 and not JUNK.sub("", text) and not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}", text)


def junk_free_span(text: str) -> tuple[int, int]:
    """(start, end) of `text` without anti-scraping scraps glued to its ends."""
    start, end = 0, len(text)
    lead = LEADING_JUNK.match(text)
    if lead and _looks_scrambled(lead.group()):
        start = lead.end()
    trail = TRAILING_JUNK.search(text, start)
    if trail and _looks_scrambled(trail.group()):
        end = trail.start()
    return start, end


def _looks_scrambled(run: str) -> bool:
    # Real Latin text (5G, AI, OLED) has no punctuation scattered through short tokens.
    return sum(1 for token in run.split() if re.search(r"[^A-Za-z0-9]", token)) >= 2


def is_metadata(text: str) -> bool:
    stripped = text.strip()
    if METADATA.search(stripped) or FIELD_LABEL.match(stripped):
        return True
    # A short line carrying a date and a source or author field is the article's dateline block.
    has_field = re.search(r"(?:来源|作者|稿源)\s*[:]", stripped)
    return len(stripped) <= 60 and bool(ANY_DATE.search(stripped)) and bool(has_field)


def is_field_label(text: str) -> bool:
    return bool(FIELD_LABEL.match(text))


def is_standfirst(text: str) -> bool:
    return bool(STANDFIRST.match(text))


def headline_text(text: str) -> str:
    """A headline without the site name a web page sets around it (新华社客户端 | …)."""
    core = SITE_PREFIX.sub("", text, count=1)
    core = SITE_SUFFIX.sub("", core, count=1)
    return core.strip() if han_count(core) >= 4 else text.strip()


def is_pullquote_figure(text: str) -> bool:
    return bool(FIGURE_ONLY.match(text)) and any(ch.isdigit() for ch in text)


def is_label_like(text: str) -> bool:
    """A column label or kicker: a few characters, no punctuation inside (科技在线, “深瞳”)."""
    core = text.strip().strip("“”\"「」『』【】[]《》 ")
    return 1 <= len(core) <= 5 and han_count(core) == len(core)


def is_title_like(text: str) -> bool:
    """Short, headline-shaped: no sentence end, not a clause cut mid-way by a comma."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or han_count(stripped) < 2:
        return False
    if stripped.endswith(("。", ",", ",", "、", ";", ";")):
        return False
    if stripped.count(",") + stripped.count("。") >= 2:
        return False
    # A fragment cut out of a sentence leaves a bracket or quote open (…(以下简称威).
    for opening, closing in ("()", "“”", "《》", "「」"):
        if stripped.count(opening) != stripped.count(closing):
            return False
    return True
