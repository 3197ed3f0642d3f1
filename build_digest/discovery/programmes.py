"""Programme names read from their form, beyond quotes and programme heads (rules.py):

- document titles in 《》 that end like a document (…规划, …实施方案, …报告, …协议);
- numbered editions of an event (第五届某某博览会, 首届某某科技节, 2019年全国科技活动周): the
  event without its edition, with the place printed before the edition (某省第五届…成果展示);
- slogans of a fixed shape (科技强省, 制造强市, 科技兴农, 创新型某市);
- party congresses and plenums (党的十九大, 十九届五中全会);
- the national programme vocabulary (data/programmes.tsv): strategies, plans, designations,
  awards and events every province's news names in the same words.

Each finder returns (start, end, name) spans; rules.py makes them candidates.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import ahocorasick

from build_digest.discovery.gazetteer import Gazetteer

DATA = Path(__file__).parent / "data" / "programmes.tsv"
# Heads of documents: a title in 《》 ending with one is a plan, a rule, a report or an accord.
DOCUMENT_HEADS = (
    "规划", "纲要", "方案", "办法", "规定", "意见", "条例", "计划", "报告", "协议", "名单", "榜单", "白皮书",
    "指南", "决定", "措施", "细则", "及应用", "研究",
)
# Heads of events that come in numbered editions.
EVENT_HEADS = (
    "科技活动周", "活动周", "宣传周", "科技周", "科技节", "文化节", "博览会", "交易会", "洽谈会", "展览会",
    "成果展示", "成果展", "大会", "论坛", "峰会", "大赛", "竞赛", "年会", "研讨会", "交流会",
)
_NUMBER = "一二三四五六七八九十百零〇两0123456789"
_EDITION = re.compile(rf"(?:第[{_NUMBER}]+届|首届|(?:19|20)\d\d年度?)")
_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9·—\-]"
_EVENT = re.compile(rf"{_NAME_CHARS}{{2,24}}?(?:{'|'.join(EVENT_HEADS)})")
MAX_TITLE = 40  # characters: a longer 《》 is a quotation, not a title
SHORT_FORM_MARK = "简称"  # (以下简称《…》): the short form of the title before it
# Particles that never sit inside a programme's name: a clause, not a name.
NOT_IN_NAME = set("的了在是和与及等把被将为")
_SLOGAN = re.compile(
    r"(?:科技|制造|人才|教育|文化|质量|交通|网络|海洋|农业|工业|数字|知识产权|金融|体育|航天|贸易)强(?:国|省|市|区|县)"
    r"|科技兴[\u4e00-\u9fff](?:战略|行动|工程)?"
)
_CONGRESS = re.compile(
    r"党的(?:二十[一二三]?|十[一二三四五六七八九]?|[一二三四五六七八九])大(?:报告)?"
    r"|(?:二十|十[一二三四五六七八九]?)届[一二三四五六七八九]中全会"
)
# Ranks printed before a designation (省级工程技术研究中心): part of its name.
RANKS = ("国家级", "自治区级", "省级", "市级", "县级", "区级")
MIN_UNQUOTED_FORM = 3  # characters: shorter vocabulary forms (双创, 高企) only inside quotes
_QUOTED = "“”「」\"'"


def find(text: str, places: Gazetteer) -> list[tuple[int, int, str]]:
    return [*_titles(text), *_editions(text, places), *_slogans(text, places), *_congresses(text),
            *_vocabulary(text, places)]


def _titles(text: str) -> list[tuple[int, int, str]]:
    """Document titles; a title introduced as the short form of the one before it
    (《某某统计分析报告》(以下简称《分析报告》)) is that document."""
    found = []
    for match in re.finditer(rf"《([^《》\n]{{2,{MAX_TITLE}}})》", text):
        title = match.group(1).strip()
        if not title.endswith(DOCUMENT_HEADS) or re.search(r"[。!?;！？；]", title):
            continue
        short = text[max(0, match.start() - len(SHORT_FORM_MARK)):match.start()] == SHORT_FORM_MARK
        name = found[-1][2] if short and found else _plain(title)
        found.append((match.start(1), match.end(1), name))
    return found


def _editions(text: str, places: Gazetteer) -> list[tuple[int, int, str]]:
    found = []
    for edition in _EDITION.finditer(text):
        event = _EVENT.match(text, edition.end())
        if event is None or NOT_IN_NAME & set(event.group()):
            continue
        start, name = edition.start(), event.group()
        before = _place_before(text, edition.start(), places)
        if before:  # 某省 + 第五届 + 高新技术产业成果展示
            start, name = edition.start() - len(before), before + name
        found.append((start, event.end(), _plain(name)))
    return found


def _place_before(text: str, position: int, places: Gazetteer) -> str:
    for length in range(min(position, 8), 1, -1):
        form = text[position - length:position]
        if any(p.level in ("province", "prefecture", "county") for p in places.by_name.get(form, [])):
            return form
    return ""


def _slogans(text: str, places: Gazetteer) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), m.group()) for m in _SLOGAN.finditer(text)]
    for match in re.finditer(r"创新型([\u4e00-\u9fff]{2,4})", text):  # 创新型 + a place: the place's slogan
        place = next((match.group(1)[:n] for n in range(len(match.group(1)), 1, -1)
                      if places.lookup(match.group(1)[:n])), None)
        if place:
            found.append((match.start(), match.start(1) + len(place), "创新型" + place))
    return found


def _congresses(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CONGRESS.finditer(text)]


def _vocabulary(text: str, places: Gazetteer) -> list[tuple[int, int, str]]:
    """Vocabulary forms, with the rank or the place printed right before them: 省级工程技术研究中心
    and 某市瞪羚企业 are that level's or that place's designation."""
    automaton = _programme_vocabulary()
    found = []
    for end, (form, name) in automaton.iter(text):
        start = end + 1 - len(form)
        quoted = start > 0 and text[start - 1] in _QUOTED and end + 1 < len(text) and text[end + 1] in _QUOTED
        if len(form) < MIN_UNQUOTED_FORM and not quoted:
            continue
        rank = next((r for r in RANKS if text.startswith(r, start - len(r)) and start >= len(r)), "")
        place = "" if rank else _place_before(text, start, places)
        if rank:
            start, name = start - len(rank), rank + form
        elif place:
            start, name = start - len(place), place + name
        found.append((start, end + 1, name))
    return found


@functools.lru_cache(maxsize=1)
def _programme_vocabulary():
    """Form -> (form, programme name), over data/programmes.tsv (loaded once per process)."""
    automaton = ahocorasick.Automaton()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *rest = line.split("\t")
        for form in [name, *(f for f in (rest[0].split(",") if rest else []) if f)]:
            automaton.add_word(form, (form, name))
    automaton.make_automaton()
    return automaton


def _plain(name: str) -> str:
    return "".join(c for c in name if c not in "“”「」『』\"' \u3000")
