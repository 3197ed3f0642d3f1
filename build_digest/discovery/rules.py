"""Rules that turn a recogniser's tokens into names: regions, zones, organisations,
programmes and people, each with the span it covers in the text.

The rules read the *form* of a name: the head it ends with (有限公司, 研究院, 高新区, 工程), the
token that starts it (a place, an organisation, a proper noun: the true left boundary, so
近日内蒙古… never starts a name) and the tokens around it (the post before a person's name).
Resolution across the article (which 鼓楼区, which full name a short form stands for, what
省委 means) is in article.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_digest.discovery import forms, programmes
from build_digest.discovery.gazetteer import Gazetteer, Place
from build_digest.discovery.recogniser import Token

# Tags of tokens that can start a name: a place, an organisation, another proper noun.
PROPER = {"LOC", "ORG", "nz", "nw"}
# Tags of tokens that can sit inside a name between its first token and its head.
INSIDE = PROPER | {"n", "vn", "PER", "an", "j", "a"}
# Characters that join parts of one name: 中国—老挝…实验室, 培力(南宁)药业有限公司.
JOINERS = set("—-–·()（）")
# Conjunctions inside one name (工业和信息化部, 装备制造和冶金工会); two names joined by one
# are told apart by _joined (a complete name before the conjunction).
NAME_CONJUNCTIONS = ("和", "与")
# At most this many common-noun tokens between a name's first token and its head: longer
# runs are descriptions (…的行业龙头企业), not names.
MAX_INSIDE = 5
# Tags of the tokens a listed body's name is made of (甲、乙等企业): not verbs or prepositions.
LIST_ITEM = {"ORG", "LOC", "nz", "nw", "n", "vn", "j", "an", "PER"}
MIN_LISTED, MAX_LISTED = 2, 12  # characters of a listed body's name
MIN_PLACED_NAME = 4  # a place and a one-character head (大同能源馆) need a word between them
MAX_ZONE_WORDS = 2  # common nouns between a zone's proper first token and its head (新材料, 化工 循环)
MAX_NAME = 40  # characters; longer "names" are clauses
MIN_PROGRAMME_NUMERALS = 2  # 十四五: a plan named by its numbers alone
MAX_QUOTED = 24  # a quoted programme name; longer quotes are speech
# Programme heads strong enough to end a name without quotes (events, awards, big projects).
# Not 工程 (生物工程 is a discipline) nor 项目.
STRONG_PROGRAMME = ("博览会", "交易会", "洽谈会", "大会", "论坛", "峰会", "大赛", "竞赛", "活动周", "奖",
                    "行动", "专项", "计划", "战略", "城市群")
PARTY_COMMITTEE = "党委"
RANK = "级"  # 省级, 市级: a level word followed by it names a rank, not a body
# Bodies whose 党委 is not theirs but the place's (省委 is not 省政府党委): no committee of
# their own is proposed after them.
GOVERNING_HEADS = ("人民政府", "政府", "党委", "委员会", "人大", "政协", "人大常委会")
# Local forms name a body by its level only (省委, 市科技局, 自治区党委): see article.py.
LOCAL_LEVELS = ("自治区", "自治州", "省", "市", "县", "区", "州", "盟", "旗")
VILLAGE_FORMS = ("村", "社区", "嘎查")
NOT_VILLAGES = ("乡村", "农村", "新农村", "城乡社区")  # words for the countryside, not a village's name
# Places without a code, named by the recogniser: at least this long (a village, a lake),
# since two characters ending in 村 or 湖 are as often a word.
MIN_LOCAL_PLACE = 3
# Heads of natural features and landmarks news names as places (gold: regions).
FEATURE_FORMS = ("峡谷", "石窟", "湖", "山", "河", "江", "岛", "峰", "岭", "草原", "湿地", "沙漠", "水库", "瀑布",
                 "气田", "油田", "煤田")
MAX_FEATURE_HEAD = 4  # characters of a feature's head after a place (页岩气田): longer is a phrase
TOWN_FORMS = ("镇", "乡", "街道", "苏木")
# Words after a name that show it is a street, a newspaper, a product: not a person.
LIST_CLOSER = "等"
# Forms of address after a surname (郑老师): how a text calls someone, not the person's name.
ADDRESS_FORMS = ("老师", "先生", "女士", "师傅", "同志")
NOT_AFTER_PERSON = ("路", "街", "大道", "记者", "通讯员", "报", "号")
_SENTENCE = re.compile(r"[。!?;,:、，；：！？\n]")
_QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\""}


@dataclass
class Found:
    start: int
    end: int
    type: str  # region, company, institution, program, person
    name: str  # the full name proposed (match form, no quotes or spaces)
    places: tuple[Place, ...] = ()  # regions: the gazetteer places the name may be
    parent: str | None = None  # zone: the place named at its start (key in the gazetteer)
    level: str | None = None
    role: str | None = None
    affiliation: str | None = None  # a person's organisation, when the sentence names it
    local: str | None = None  # local forms: the level word (省, 市) the name starts with
    short: bool = False  # an organisation's short form, to be linked to a full name
    generic: bool = False  # a zone named by its head only (高新区)


def _text(text: str, token: Token) -> str:
    return text[token.start:token.end]


def find_names(text: str, tokens: list[Token], places: Gazetteer) -> list[Found]:
    """Every candidate name in `text`, overlapping; article.py chooses among them."""
    words = [text[t.start:t.end] for t in tokens]
    found: list[Found] = []
    found += _regions(text, tokens, places, words)
    found += _organisations(text, tokens, places, words)
    found += _listed_organisations(text, tokens, places)
    found += _people(text, tokens, places)
    found += _programmes(text, tokens, places, words)
    return found


# --- regions -------------------------------------------------------------------------------

def _regions(text: str, tokens: list[Token], places: Gazetteer, words: list[str]) -> list[Found]:
    found = []
    for i, token in enumerate(tokens):
        word = words[i]
        if (token.tag not in ("LOC", "ORG") and not forms.may_end_zone(word[-1:])
                and not (len(word) >= 3 and places.by_name.get(word))):
            continue  # every rule below needs one of these: most words are ruled out here
        zone = forms.zone_form(word)
        if zone and (token.tag in PROPER or token.tag in ("n", "vn")):
            found.extend(_zone(text, tokens, i, zone, places))
            continue
        split = _split_zone_head(text, tokens, i)
        if split:
            found.extend(_zone(text, tokens, i, split, places, head_tokens=2))
        if token.tag == "LOC" and _feature_after(text, tokens, i):
            found.extend(_feature(text, tokens, i))
            continue
        country = token.tag == "ORG" and any(p.level == "country" for p in places.lookup(word))
        if token.tag != "LOC" and not country and not (len(word) >= 3 and places.by_name.get(word)):
            continue
        matches = places.lookup(word)
        if country:  # 美国《某某》: the recogniser reads a country before a title as an organisation
            countries = tuple(p for p in matches if p.level == "country")
            found.append(Found(token.start, token.end, "region", word, countries))
        elif matches:
            found.append(Found(token.start, token.end, "region", word, tuple(matches)))
        elif len(word) < MIN_LOCAL_PLACE:
            continue
        elif word.endswith(TOWN_FORMS):
            found.append(Found(token.start, token.end, "region", word, level="township"))
        elif word.endswith(VILLAGE_FORMS) and not word.endswith(NOT_VILLAGES):
            found.append(Found(token.start, token.end, "region", word, level="village"))
        else:
            found.extend(_feature(text, tokens, i))
    return found


def _feature_after(text: str, tokens: list[Token], i: int) -> bool:
    """涪陵 + 页岩气田, 某某河 + 峡谷: a place's name before a feature's head names the feature."""
    if i + 1 >= len(tokens) or tokens[i + 1].start != tokens[i].end or tokens[i + 1].tag not in ("n", "nz"):
        return False
    after = _text(text, tokens[i + 1])
    return after.endswith(FEATURE_FORMS) and len(after) <= MAX_FEATURE_HEAD


def _feature(text: str, tokens: list[Token], i: int) -> list[Found]:
    """A named lake, mountain, river, canyon or island the recogniser calls a place (某某湖,
    某某山, 某某河 + 峡谷): a region of the article, though no division."""
    token = tokens[i]
    end = token.end
    if _feature_after(text, tokens, i):
        end = tokens[i + 1].end  # 某某河 + 峡谷
    name = text[token.start:end]
    if not name.endswith(FEATURE_FORMS) or name[0] in forms.NOT_A_NAME_START or _SENTENCE.search(name):
        return []
    head = next(f for f in FEATURE_FORMS if name.endswith(f))
    if len(head) == 1 and any(f in name[:-1] for f in FEATURE_FORMS if len(f) == 1):
        return []  # 山水林田湖: a run of landscape words, not a named lake
    return [Found(token.start, end, "region", name, level="feature")]


def _split_zone_head(text: str, tokens: list[Token], i: int) -> str | None:
    """A zone's head cut in two by the recogniser (软件 + 园, 产业 + 园区)."""
    if i == 0 or tokens[i - 1].end != tokens[i].start or tokens[i].tag not in ("n", "s", "vn", "nz"):
        return None
    if not forms.may_end_zone(text[tokens[i].end - 1]):
        return None  # asked of every noun: most are ruled out by their last character
    word = _text(text, tokens[i])
    joined = text[tokens[i - 1].start:tokens[i].end]
    zone = forms.zone_form(joined)
    if zone == joined and not forms.zone_form(word):  # the two words are the head, no more (创新 + 区 is not 新区)
        return zone
    return None


def _zone(text: str, tokens: list[Token], i: int, zone: str, places: Gazetteer, head_tokens: int = 1) -> list[Found]:
    """A development zone: its head, and before it the place it is named after (石家庄高新区,
    包头 + 稀土高新区, 杭州湾 + 上虞经济技术开发区), or another proper name (某某 + 新材料 +
    产业园, 石墨烯 + 小镇)."""
    token = tokens[i]
    first_head = i - head_tokens + 1
    start = tokens[first_head].start
    j = first_head - 1
    while (j >= 0 and tokens[j].tag == "LOC" and tokens[j].end == start and first_head - j <= 2
           and not forms.zone_form(_text(text, tokens[j]))):
        start = tokens[j].start
        j -= 1
    head_only = text[tokens[first_head].start:token.end] == zone
    if start == tokens[first_head].start and (tokens[first_head].tag not in PROPER or head_only):
        wider = _proper_start(text, tokens, first_head)
        if wider is not None:
            start = wider
            j = next(k for k in range(first_head) if tokens[k].start == wider) - 1
    name = text[start:token.end]
    body = name[: -len(zone)]
    if name == zone or body.startswith(forms.NATIONAL_STARTS) and not _leading_place(body[2:], places):
        # 高新区, 国家高新区, 国家级高新区, 国家自主创新示范区: a kind or a rank, which
        # article.py resolves to the one zone of that kind the article names
        return [Found(start, token.end, "region", name, level="zone", generic=True)]
    if name[0] in forms.NOT_A_NAME_START or forms.org_form(name) and not forms.zone_form(name):
        return []
    exact = places.by_name.get(name)
    if exact:
        return [Found(start, token.end, "region", name, tuple(exact))]
    parent = _leading_place(name[: -len(zone)], places)
    first = tokens[j + 1]
    if parent is not None and first is not token and places.lookup(_text(text, first)):
        rest = text[first.end:token.end]
        if len(rest) > len(zone) and places.by_name.get(rest):  # 上海 + 浦东新区: the division
            options = tuple(p for p in places.by_name[rest] if parent.key in {a.key for a in places.ancestors(p.key)})
            return [Found(first.end, token.end, "region", rest, options or tuple(places.by_name[rest]))]
        if len(rest) > len(zone) + 1 and parent.level in ("province", "prefecture") \
                and not rest.startswith(forms.NATIONAL_STARTS):
            start, name = first.end, rest  # 上海 + 张江高科技园区: the zone is 张江高科技园区, in 上海
    if parent is None and tokens[first_head].tag not in PROPER and start == tokens[first_head].start:
        return []  # a common noun ending in 新区/小镇 with no place before it
    inner = _inner_zone(name, zone)
    if inner:  # 某某新城 + 某某产业园: a zone inside a zone, two names
        return [*_zone_found(start, start + inner, text[start:start + inner], places),
                *_zone_found(start + inner, token.end, name[inner:], places)]
    return [Found(start, token.end, "region", name, level="zone", parent=parent.key if parent else None,
                  places=(parent,) if parent else ())]


def _inner_zone(name: str, zone: str) -> int:
    """Where a second zone's name starts inside `name` (after a first zone's head), or 0."""
    for position in range(MIN_LOCAL_PLACE, len(name) - len(zone) - 1):
        head = forms.zone_form(name[:position])
        if head and position > len(head) + 1 and head not in forms.ZONE_LONG.values():
            return position
    return 0


def _zone_found(start: int, end: int, name: str, places: Gazetteer) -> list[Found]:
    parent = _leading_place(name[: -len(forms.zone_form(name))], places)
    return [Found(start, end, "region", name, level="zone", parent=parent.key if parent else None,
                  places=(parent,) if parent else ())]


def _proper_start(text: str, tokens: list[Token], i: int) -> int | None:
    """Where a name ending before token i starts when common nouns stand between its head
    and its proper first token (某某/LOC + 新材料/n + 产业园): the proper token's start."""
    commons = 0
    for j in range(i - 1, -1, -1):
        part = tokens[j]
        if part.end != tokens[j + 1].start or part.tag not in INSIDE or _complete(text, part):
            return None
        if part.tag in PROPER:
            return part.start
        commons += 1
        if commons > MAX_ZONE_WORDS:
            return None
    return None


def _leading_place(prefix: str, places: Gazetteer) -> Place | None:
    """The place a name starts with (longest form first), preferring the higher level."""
    for length in range(min(len(prefix), 12), 1, -1):
        matches = places.lookup(prefix[:length])
        if matches:
            return min(matches, key=lambda p: _rank(p))
    return None


def _leading_form(name: str, places: Gazetteer) -> str:
    for length in range(min(len(name), 12), 1, -1):
        if places.lookup(name[:length]):
            return name[:length]
    return ""


def _rank(place: Place) -> int:
    from build_digest.discovery.gazetteer import LEVEL_RANK

    return LEVEL_RANK.get(place.level, 9)


# --- organisations -------------------------------------------------------------------------

# Tags of function words (particle, preposition, conjunction, adverb, pronoun, verb): a bare
# one-character head tagged so is part of the sentence's grammar.
FUNCTION_TAGS = {"u", "p", "c", "d", "r", "v", "xc"}


def _organisations(text: str, tokens: list[Token], places: Gazetteer, words: list[str]) -> list[Found]:
    found = []
    for i, token in enumerate(tokens):
        word = words[i]
        if token.tag != "ORG" and not forms.may_end_organisation(word[-1:]) and not word.startswith(LOCAL_LEVELS):
            continue  # every rule below needs one of these: most words are ruled out here
        head = forms.org_form(word)
        if head is None or forms.programme_form(word) and head in ("会", "院"):
            if (token.tag == "ORG" and 2 <= len(word) <= 8 and not places.lookup(word) and head is None
                    and not forms.zone_form(word)):
                found.append(Found(token.start, token.end, "institution", word, short=True))
            found.extend(_local_before_post(token, word))
            continue
        placed = token.tag == "LOC" and len(word) >= MIN_PLACED_NAME and _leading_place(word[:-1], places)
        if len(head) == 1 and token.tag != "ORG" and word != head and not placed and not _sub_unit(text, tokens, i):
            continue  # 内部, 东部, 场所: a word that merely ends like a head (某市能源馆 is a name)
        if word == head and token.tag in FUNCTION_TAGS:
            continue  # 所 in 发展所需, 部 in 全部: grammar the recogniser read as such, not a head
        start = _left_boundary(text, tokens, i)
        if start is None or _level_word_before(text, tokens, start):
            found.extend(_local(text, tokens, i, places))  # 省 + 国家某某中心: the province's
            continue
        name = text[start:token.end]
        if not _plausible(name, head):
            continue
        found.extend(_organisation(start, token.end, name, places))
        found.extend(_party_committee(text, token.end, name, start))
    return found


def _local(text: str, tokens: list[Token], i: int, places: Gazetteer) -> list[Found]:
    """A body named by its level only: 省委, 市科技局, 省科技创新工作领导小组 (the level word
    may be a token of its own, at the start of a run of common nouns)."""
    j = i
    while (j > 0 and i - j <= MAX_INSIDE + 1 and tokens[j - 1].end == tokens[j].start
           and tokens[j - 1].tag in ("n", "vn", "nz", "a") and not _text(text, tokens[j]).startswith(LOCAL_LEVELS)):
        j -= 1
    word = text[tokens[j].start:tokens[i].end]
    local = next((level for level in LOCAL_LEVELS if word.startswith(level)), None)
    if not local or len(word) <= len(local) or places.lookup(word[: len(local) + 1]):
        return []
    if j > 0 and tokens[j - 1].end == tokens[j].start and tokens[j - 1].tag in PROPER:
        return []  # …的 + 省: the level word ends a longer word, it does not open a name
    if _SENTENCE.search(word) or len(word) > MAX_NAME or _joined(word) or _kinds_joined(word):
        return []
    if not _local_body(word, local):
        return []
    return [Found(tokens[j].start, tokens[i].end, "institution", word, local=local)]


_LIST_END = re.compile(r"等(?:[\d一二三四五六七八九十百多]+家)?(?:企业|公司|单位|机构|高校|院校|科研院所)")


def _listed_organisations(text: str, tokens: list[Token], places: Gazetteer) -> list[Found]:
    """甲、乙、丙等4家企业 / 与甲、乙等公司: what a list closed by 等 + a kind of body names are
    bodies of that kind, brands without a legal form included."""
    found = []
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    for match in _LIST_END.finditer(text):
        kind = "company" if match.group().endswith(("企业", "公司")) else "institution"
        end = match.start()
        while end in ends:
            first = ends[end]  # the item's tokens run back to a list mark, a verb or a preposition
            while first > 0 and tokens[first - 1].end == tokens[first].start and tokens[first - 1].tag in LIST_ITEM:
                first -= 1
            start = tokens[first].start
            item = text[start:end]
            if _listed_name(item, places):
                found.append(Found(start, end, kind, item))
            if start == 0 or text[start - 1] != "、" or start - 1 not in ends:
                break
            end = start - 1
    return [f for f in found if f.start in starts]


def _listed_name(item: str, places: Gazetteer) -> bool:
    if not MIN_LISTED <= len(item) <= MAX_LISTED or not all("\u4e00" <= c <= "\u9fff" for c in item):
        return False
    if places.lookup(item) or item.endswith(forms.BODY_KINDS) or forms.looks_like_person(item) and len(item) <= 3:
        return False
    return not _generic(item) and item[0] not in forms.NOT_A_NAME_START


def _level_word_before(text: str, tokens: list[Token], start: int) -> bool:
    """The name starts right after a level word standing alone (省 + 国家…中心)."""
    before = next((t for t in tokens if t.end == start), None)
    return before is not None and _text(text, before) in LOCAL_LEVELS and before.tag in ("n", "nz")


def _local_before_post(token: Token, word: str) -> list[Found]:
    """市委书记, 省委副书记 as one word: the body (市委) before the post."""
    if not word.startswith(LOCAL_LEVELS):
        return []  # every body tried below starts where the word does
    for split in range(2, len(word) - 1):
        body, post = word[:split], word[split:]
        local = next((level for level in LOCAL_LEVELS if body.startswith(level)), None)
        if local and forms.role_of(post) and body[len(local):] in forms.LOCAL_BODIES:
            return [Found(token.start, token.start + split, "institution", body, local=local)]
    return []


def _local_body(name: str, local: str) -> bool:
    """省科协, 市委, 省产业技术研究院 name a body; 省实验室, 市中心 a rank or a kind at that level."""
    body = name[len(local):]
    if body.startswith(RANK):
        return False  # 省级工程技术研究中心: a rank
    return body != forms.org_form(body) or body in forms.GOVERNMENT_FORMS + forms.LOCAL_BODIES


def _party_committee(text: str, end: int, name: str, start: int) -> list[Found]:
    """哈尔滨工业大学党委书记: the body's party committee (…党委) is named before the post."""
    if not text.startswith(PARTY_COMMITTEE, end) or forms.org_form(name) in GOVERNING_HEADS:
        return []
    return [Found(start, end + len(PARTY_COMMITTEE), "institution", name + PARTY_COMMITTEE)]  # and, nested, the body


def _sub_unit(text: str, tokens: list[Token], i: int) -> bool:
    """A short noun ending in a one-character head right after an organisation (…科技厅 + 科技处)."""
    return (i > 0 and tokens[i - 1].tag == "ORG" and tokens[i - 1].end == tokens[i].start
            and tokens[i].tag in ("n", "nz", "ORG") and len(_text(text, tokens[i])) <= 3)


_TWO_BODIES = re.compile(r"^(.+?(省|市|县|区|州)委)((省|市|县|区|州)政府)$")


def _organisation(start: int, end: int, name: str, places: Gazetteer) -> list[Found]:
    """One organisation, or two when party committee and government are named together
    (如皋市委市政府 = 如皋市委 + 如皋市政府)."""
    if not _leading_place(name, places) and any(
            p.level in ("province", "prefecture") for p in places.by_name.get(_leading_form(name[1:], places), [])):
        start, name = start + 1, name[1:]  # 首 + 湖南省某院: a character glued on before the full place name
    both = _TWO_BODIES.match(name)
    if both:
        # The government is the same place's: 如皋市委市政府 = 如皋市委 + 如皋市政府.
        committee, government = both.group(1), both.group(3)
        own = committee[:-1] + government[len(both.group(4)):] if committee[:-1].endswith(both.group(4)) else None
        return [*_organisation(start, start + len(committee), committee, places),
                Found(start + len(committee), end, "institution", own or government,
                      local=None if own else both.group(4))]
    local = next((level for level in LOCAL_LEVELS if name.startswith(level)), None)
    if local and (places.lookup(name[: len(local) + 1]) or _leading_place(name, places)):
        local = None
    if local and not _local_body(name, local):
        return []
    return [Found(start, end, forms.org_type(name), name, local=local)]


def _is_proper(text: str, token: Token) -> bool:
    return token.tag in PROPER or _text(text, token) in forms.NATIONAL_STARTS


def _left_boundary(text: str, tokens: list[Token], i: int, programme: bool = False) -> int | None:
    """Where the name ending with token i starts: at its leftmost proper token, reached over
    name parts only (never over a verb, a particle, a time word or a comma). A complete name
    before it is another name, unless the head is a sub-unit's (…研究院 + 合作处) or the name
    before is a group's (…集团 + …有限公司)."""
    token = tokens[i]
    word = _text(text, token)
    head = forms.org_form(word) or ""
    own = token.tag in PROPER and len(word) > len(head)
    best = token.start if own else None
    commons = 0
    person_crossed = False  # 某大学党委书记某某和某研究所党委: past a person, another name
    j = i - 1
    while j >= 0 and tokens[j].end == tokens[j + 1].start and i - j <= MAX_INSIDE + 4:
        part = tokens[j]
        piece = _text(text, part)
        person_crossed = person_crossed or part.tag == "PER"
        if piece in JOINERS or (part.tag == "w" and set(piece) <= JOINERS):
            j -= 1
            continue
        inside = part.tag in INSIDE or piece in forms.NATIONAL_STARTS or piece in NAME_CONJUNCTIONS
        if not inside or piece[-1] in "的之":
            break
        if piece in NAME_CONJUNCTIONS and j > 0 and _ends_a_name(text, tokens[j - 1]):
            break  # 某某有限公司和某集团, 某工会与某公司: two names
        complete = part.tag == "ORG" and forms.org_form(piece) and not programme
        # a group's company, a branch under its parent's name, a university's college: one name
        under_parent = word.endswith(forms.SUB_UNIT_FORMS) and piece.endswith(forms.PARENT_FORMS)
        joins = piece.endswith(forms.GROUP_FORMS) or not person_crossed and (
            word.endswith(forms.BRANCH_FORMS) or under_parent)
        if complete and best is not None and not joins:
            break
        if complete and best is None and not word.endswith(forms.SUB_UNIT_FORMS):
            break
        if _is_proper(text, part):
            best = part.start
            commons = 0
        else:
            commons += 1
            if commons > MAX_INSIDE:
                break
        j -= 1
    return _after_unopened(text, best, token.end) if best is not None else None


def _after_unopened(text: str, start: int, end: int) -> int:
    """企业(yè)某某集团: a closing bracket nothing in the name opened ends what came before it."""
    depth = 0
    for position in range(start, end):
        if text[position] in "(（":
            depth += 1
        elif text[position] in ")）":
            if depth == 0:
                start = position + 1
            else:
                depth -= 1
    return start


def _ends_a_name(text: str, token: Token) -> bool:
    word = _text(text, token)
    head = forms.org_form(word) or forms.zone_form(word) or ""
    return _complete(text, token) or len(head) > 1


def _complete(text: str, token: Token) -> bool:
    word = _text(text, token)
    return token.tag in ("ORG", "LOC") and bool(forms.org_form(word) or forms.zone_form(word))


def _plausible(name: str, head: str) -> bool:
    body = name[: -len(head)]
    if len(body) < 1 or len(name) > MAX_NAME or _SENTENCE.search(name) or name.endswith(forms.BOARD_FORMS):
        return False
    if len(head) > 1 and _generic(body, head) or "级" in body or "+" in name:
        return False  # 国家级研发中心, 自治区级院士工作站: a rank, not a name
    if _joined(name) or _kinds_joined(name):
        return False
    if name[0] in forms.NOT_A_NAME_START and not name.startswith(forms.NATIONAL_STARTS) or name[0] in JOINERS:
        return False
    return name.count("(") == name.count(")")


_CONNECTORS = ("会同", "联合", "组织", "携手", "和", "与", "及", "同")


def _joined(name: str) -> bool:
    """Two names joined by a word (…金融局会同…科技厅, …高新区组织…有限公司): not one name."""
    for position in range(2, len(name) - 1):
        left = name[:position]
        if forms.org_form(name[position:]) == name[position:]:
            continue  # …学会 + 联合体: the connector opens the head (联合体, 联合会), not a second name
        if (forms.org_form(left) or forms.zone_form(left)) and name[position:].startswith(_CONNECTORS):
            if len(forms.org_form(left) or forms.zone_form(left) or "") > 1 or left.endswith(("局", "厅", "委")):
                return True
    return False


def _kinds_joined(name: str) -> bool:
    """…企业和高校研究中心: a conjunction between words for kinds of bodies joins a list of
    kinds, not the parts of one name."""
    for word in NAME_CONJUNCTIONS:
        position = name.find(word)
        before, after = name[:position], name[position + len(word):]
        if position > 0 and (before.endswith(forms.BODY_KINDS) or after.startswith(forms.BODY_KINDS)):
            return True
    return False


# Heads that with 全国/中国/中央 before them name the one national body (全国人民代表大会常务委员会).
NATIONAL_BODIES = ("人民代表大会常务委员会", "人民代表大会", "政治协商会议", "人民政府", "委员会")


def _generic(body: str, head: str = "") -> bool:
    """产业 (研究院), 全国技术 (中心), 企业技术 (中心), 国家 (实验室): nothing but words for a
    kind of thing."""
    if body in forms.NATIONAL_STARTS and len(head) >= 3:
        return head not in NATIONAL_BODIES  # 全国人民代表大会 is one body, 国家实验室 a rank
    for start in forms.NATIONAL_STARTS:
        if body.startswith(start) and len(body) > len(start):
            body = body[len(start):]
            break
    return forms.only_generic_words(body)


# --- people --------------------------------------------------------------------------------

def _people(text: str, tokens: list[Token], places: Gazetteer) -> list[Found]:
    found = []
    for i, token in enumerate(tokens):
        if token.tag != "PER":
            continue
        name = "".join(_text(text, token).split())
        end = token.end
        if len(name) == 4 and name.endswith(LIST_CLOSER) and _text(text, token).endswith(LIST_CLOSER):
            name, end = name[:-1], end - 1  # 俞某某等: the name before 等
        if not forms.looks_like_person(name) or places.lookup(name) or places.lookup(name[1:]) \
                or name.endswith(NOT_AFTER_PERSON + ADDRESS_FORMS) or len(set(name)) == 1:
            continue  # 徐徐: a reduplicated word; 郑老师: a form of address, not a name
        after = text[end:end + 3].lstrip()
        if after.startswith(NOT_AFTER_PERSON):
            continue
        role, affiliation = _role(text, tokens, i)
        found.append(Found(token.start, end, "person", name, role=role, affiliation=affiliation))
    return found


def _role(text: str, tokens: list[Token], i: int) -> tuple[str | None, str | None]:
    """The post printed next to a person: before the name (总经理 张三, 记者 李四), else after it
    (王五教授). With the organisation when the post is preceded by one."""
    parts: list[Token] = []
    j = i - 1
    while j >= 0 and len(parts) < 6:
        piece = _text(text, tokens[j])
        if not piece.strip():
            j -= 1
            continue
        if tokens[j].tag not in {"n", "ORG", "LOC", "a", "nz", "vn", "nw"}:
            break
        parts.insert(0, tokens[j])
        j -= 1
    while parts and not forms.role_of(_text(text, parts[-1])):
        parts = []
    if parts:
        role = "".join(_text(text, t) for t in parts)
        organisation = next((_text(text, t) for t in parts if t.tag == "ORG"), None)
        return role, organisation
    if i + 1 < len(tokens):
        after = _text(text, tokens[i + 1])
        if forms.role_of(after):
            return after, None
    return None, None


# --- programmes ----------------------------------------------------------------------------

def _programmes(text: str, tokens: list[Token], places: Gazetteer, words: list[str]) -> list[Found]:
    found = []
    ends = {t.start: t for t in tokens}
    for opening, closing in _QUOTES.items():
        start = text.find(opening)
        while start != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break
            inner = text[start + 1:end]
            found.extend(_quoted(text, start, end, inner, ends))
            start = text.find(opening, end + 1)
    found.extend(_unquoted(text, tokens, words))
    found.extend(Found(start, end, "program", name) for start, end, name in programmes.find(text, places))
    return found


def _quoted(text: str, start: int, end: int, inner: str, ends: dict[int, Token]) -> list[Found]:
    if not 2 <= len(inner) <= MAX_QUOTED or re.search(r"[。!?;,:，；：！？\n+]", inner):
        return []
    first = ends.get(start + 1)
    if first is not None and first.tag in ("v", "vd", "d", "p", "r"):
        return []  # 加快建设…平台: a slogan that says what to do, not a name
    following = ends.get(end + 1)
    if following is not None:
        after = _text(text, following)
        if forms.programme_form(after) and len(after) <= 6:
            name = inner + after
            return [Found(start, following.end, "program", _clean(name))]
    if forms.programme_form(inner) and len(inner) > len(forms.programme_form(inner)):
        return [Found(start, end + 1, "program", _clean(inner))]
    if _numbered_slogan(inner):
        return [Found(start, end + 1, "program", _clean(inner))]
    return []


def _numbered_slogan(inner: str) -> bool:
    """一带一路, 千镇千站, 两周一展 (numbers in first and third place), 十四五 (numbers only)."""
    numerals = [c in forms.NUMERALS for c in inner]
    if all(numerals) and len(inner) >= MIN_PROGRAMME_NUMERALS:
        return True
    return len(inner) == 4 and numerals[0] and numerals[2] and not numerals[1]


def _unquoted(text: str, tokens: list[Token], words: list[str]) -> list[Found]:
    found = []
    for i, token in enumerate(tokens):
        word = words[i]
        if token.tag not in {"n", "nz", "vn", "ORG", "LOC"} or not word.endswith(STRONG_PROGRAMME):
            continue
        start = _left_boundary(text, tokens, i, programme=True)
        if start is None or start == token.start and token.tag not in PROPER:
            continue
        name = text[start:token.end]
        if len(name) <= len(forms.programme_form(name) or "") + 1 or _SENTENCE.search(name):
            continue
        if name[0] in forms.NOT_A_NAME_START or len(name) > MAX_NAME:
            continue
        body = name[: -len(forms.programme_form(name) or "")]
        if body in forms.NATIONAL_STARTS or _generic(body):
            continue  # 国家计划, 重点专项: a kind of programme
        found.append(Found(start, token.end, "program", _clean(name)))
    return found


_GRADE = re.compile(r"(?<=奖)[一二三特]等奖$")


def _clean(name: str) -> str:
    """Without quotes or spaces, and an award without its grade (…进步奖一等奖 -> …进步奖)."""
    return _GRADE.sub("", "".join(c for c in name if c not in "“”「」『』\"' \u3000"))
