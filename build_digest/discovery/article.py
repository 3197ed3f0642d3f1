"""One article's discoveries: choose among overlapping candidates, resolve each name in the
article's own context, and propose the entity each one stands for.

- Same-named places (鼓楼区, the short form 朝阳) are told apart by the other places the
  article names; what stays ambiguous is proposed under its bare name and flagged.
- A short form (旭创科技, 哈工大) is kept only when the article or the registry also gives the
  full name it abbreviates, and then stands for that entity.
- A local form (省委, 市科技局) is the article's own full form when it prints one (湖南省经信委
  for 省经信委), else it resolves through the article's home region (home.py), else it is
  dropped.
- A zone named by its head only (高新区) is the one zone of that kind the article names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_digest.discovery import forms
from build_digest.discovery.gazetteer import LEVEL_RANK, Gazetteer, Place
from build_digest.discovery.home import local_level_fits
from build_digest.discovery.rules import Found

CHINA = "country:中国"  # the gazetteer's key of China: its name in 中国科学院 is the state's, not a place
MAX_PLACE_FORM = 12  # characters: the longest division names (…自治县) are shorter
NATIONAL = "国家"  # 苏南(国家)自主创新示范区: the same zone with and without its rank
MIN_PARENT_NAME = 4  # characters: a parent organisation's name is at least a place and a head (某某大学)
MIN_SUB_UNIT = 2  # characters after the parent's name: a sub-unit is named by at least its head (党委, 分所)
TYPE_ORDER = {"company": 0, "institution": 0, "region": 1, "program": 2, "person": 3}
# 省委 = the province's 委员会: which level of place each local level word names.
LOCAL_LEVEL = {
    "自治区": ("province",), "省": ("province",), "市": ("prefecture", "municipality"), "自治州": ("prefecture",),
    "州": ("prefecture",), "盟": ("prefecture",), "县": ("county",), "区": ("county",), "旗": ("county",),
}


@dataclass
class Proposal:
    """An entity discovery proposes; `key` identifies it across articles."""

    key: str
    type: str
    name: str
    forms: set[str] = field(default_factory=set)  # surfaces printed (match form)
    place: Place | None = None
    parent_place: str | None = None  # gazetteer key of the containing place
    level: str | None = None
    role: str | None = None
    affiliation: str | None = None
    options: tuple[str, ...] = ()  # a flagged ambiguous place: the places it may be


@dataclass
class Placed:
    """A discovered mention: where it is and which proposal it stands for."""

    paragraph: int
    start: int
    end: int
    proposal: Proposal


def choose(candidates: list[Found], taken: list[tuple[int, int]],
           places: set[tuple[int, int]] = frozenset()) -> list[Found]:
    """Longest first. The registry wins: a candidate never crosses a registry mention, and
    holds registry names only when its own head ends it and one opens it (中国科学院 +
    长春应用化学研究所 is the institute, 中国科学院 + 新疆 + 分院 the branch, 杭州 + 湾大湾区 the
    bay area) or they are places inside an organisation's name (某集团 + 浙江 + 某材料有限公司);
    the registry's mentions stay, nested inside it, so the article keeps every tag the
    registry gave it."""
    order = sorted(candidates, key=lambda f: (-(f.end - f.start), f.start, f.short, TYPE_ORDER.get(f.type, 9)))
    chosen: list[Found] = []
    used: list[tuple[int, int]] = []
    for found in order:
        if any(found.start < e and s < found.end for s, e in used):
            continue
        clashes = sorted((s, e) for s, e in taken if found.start < e and s < found.end)
        if clashes:
            if found.type == "person" or len(clashes) > 1 and found.type == "region":
                continue
            if clashes[0][0] < found.start or max(e for _, e in clashes) >= found.end:
                continue  # a registry name crosses the candidate, or ends it (the head is not its own)
            opening = clashes[0][0] == found.start
            if not opening and (found.type == "region" or any(c not in places for c in clashes)):
                continue  # inside a name, only places (某集团 + 浙江 + 某有限公司)
        used.append((found.start, found.end))
        chosen.append(found)
    return sorted(chosen, key=lambda f: f.start)


class ArticleContext:
    """What the article as a whole says: its places, its full organisation names."""

    def __init__(self, places: Gazetteer, found: list[Found], registry_names: dict[str, str],
                 homes: list[Place], text: str):
        self.places = places
        self.homes = homes  # the places the article is at home in, most specific first
        self.text = text
        self.registry_names = registry_names  # registry name/alias -> type family
        certain = [f.places[0] for f in found if f.type == "region" and len(f.places) == 1]
        self.anchors: set[str] = set()
        for place in certain + homes:
            self.anchors.add(place.key)
            self.anchors.update(p.key for p in places.ancestors(place.key))
        self.full_orgs = sorted({f.name for f in found if f.type in ("company", "institution")
                                 and not f.short and not f.local}, key=len, reverse=True)
        self.zones = sorted({f.name for f in found if f.type == "region" and f.level == "zone" and not f.generic})
        self.programmes = sorted({f.name for f in found if f.type == "program"}, key=len, reverse=True)

    def add_homes(self, homes: list[Place]) -> None:
        self.homes = homes
        for place in homes:
            self.anchors.add(place.key)
            self.anchors.update(p.key for p in self.places.ancestors(place.key))

    def place(self, found: Found) -> tuple[Place | None, tuple[Place, ...]]:
        """The one place a region name stands for, or None and the options left."""
        options = found.places
        if len(options) <= 1:
            return (options[0] if options else None), ()
        fitting = [p for p in options if p.parent and (p.parent in self.anchors or self._named_above(p))]
        if len(fitting) == 1:
            return fitting[0], ()
        pool = fitting or list(options)
        best = min(LEVEL_RANK.get(p.level, 9) for p in pool)
        top = [p for p in pool if LEVEL_RANK.get(p.level, 9) == best]
        if len(top) == 1:
            return top[0], ()
        return None, tuple(top)

    def seated(self, place: Place) -> bool:
        """The article names the place right above this one (or a place inside that)."""
        if not place.parent or place.parent not in self.places.places:
            return False
        above = self.places.places[place.parent]
        printed = any(form and len(form) >= 2 and form in self.text for form in (above.name, above.short))
        return place.parent in self.anchors or printed

    def _named_above(self, place: Place) -> bool:
        """The article prints the name or short form of a place containing this one."""
        for above in self.places.ancestors(place.key)[:2]:
            for form in (above.name, above.short):
                if form and len(form) >= 2 and form in self.text:
                    return True
        return False

    def full_name_of(self, short: str) -> str | None:
        """The article's full organisation name that `short` abbreviates (哈工大, 旭创科技)."""
        for full in self.full_orgs:
            if len(full) > len(short) and _abbreviates(short, full):
                return full
        return None

    def local_full_name(self, found: Found) -> str | None:
        """省经信委 -> 湖南省经信委 when the article prints it; else through the home region."""
        body = found.name[len(found.local):]
        levels = LOCAL_LEVEL.get(found.local, ())
        printed = [full for full in self.full_orgs if full.endswith(body) and len(full) > len(body)
                   and any(p.level in levels for p in self.places.lookup(full[: -len(body)]))]
        if len(printed) > 1:  # 南京市科技局 and 徐州市科技局: the home city's, if either
            homes = {p.key for p in self.homes}
            printed = [full for full in printed if any(p.key in homes for p in self.places.lookup(full[: -len(body)]))]
        if len(printed) == 1:
            return printed[0]
        if printed:
            return None
        for place in self.homes:
            if local_level_fits(place, found.local):
                return place.name + body
        return None


def _abbreviates(short: str, full: str) -> bool:
    """`short`'s characters appear in `full` in order: as one run (旭创科技 in 苏州旭创科技有限公司),
    or starting with the full name's first character (哈工大 for 哈尔滨工业大学)."""
    if short in full:
        return True
    if short[0] != full[0]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True


def propose(found: Found, context: ArticleContext, surface: str) -> Proposal | None:
    """The entity one chosen candidate stands for, or None when it stands for none we can name."""
    if found.type == "region":
        return _region(found, context, surface)
    if found.type == "person":
        return Proposal(f"person:{found.name}", "person", found.name, {surface}, role=found.role,
                        affiliation=found.affiliation)
    if found.type == "program":
        # “十五五” and “十五五”规划 in one article are one programme, under the longer name.
        name = next((p for p in context.programmes if p != found.name and p.startswith(found.name)
                     and forms.programme_form(p) == p[len(found.name):]), found.name)
        return Proposal(f"program:{name}", "program", name, {surface})
    name = found.name
    if found.short:
        name = context.full_name_of(found.name)
        if name is None:
            return None
    elif found.local:
        name = context.local_full_name(found)
        if name is None:
            return None
    kind = forms.org_type(name) if forms.org_form(name) else found.type  # a brand: the kind its list gave
    return Proposal(f"org:{name}", kind, name, {surface, *_own_forms(found, context)})


def _own_forms(found: Found, context: ArticleContext) -> set[str]:
    """Shorter forms of an organisation's name that its printed name holds: without the city
    before its county (某市某县科技馆 -> 某县科技馆), without a foreign country (德国某大学 ->
    某大学), and a local form's own name (市先科院 -> 先科院)."""
    if found.local:
        own = found.name[len(found.local):]
        head = forms.org_form(own) or ""
        specific = len(own) > len(head) + 1 and not forms.only_generic_words(own[: -len(head)])
        return {own} if head and specific else set()
    places = nested_places(found, context)
    if not places or len(places) == 1 and places[0][2].level not in ("country", "area"):
        return set()
    rest = found.name[places[0][1]:]
    head = forms.org_form(rest) or ""
    return {rest} if head and len(rest) > len(head) + 1 else set()


def _region(found: Found, context: ArticleContext, surface: str) -> Proposal | None:
    if found.generic:
        head = forms.zone_form(found.name)
        fitting = [z for z in context.zones if z.endswith(head) or z.endswith(forms.ZONE_LONG.get(head, "\0"))]
        if len(fitting) == 1:
            return _zone_proposal(fitting[0], context, surface, found)
        if fitting or found.name != head:
            return None  # 国家高新区 with no zone of the article to stand for: a rank
        area = [p for p in context.places.lookup(head) if p.level == "area"]
        if len(area) == 1:  # 大湾区 alone: the one area so called
            return Proposal(f"place:{area[0].key}", "region", area[0].name, {surface}, place=area[0], level="area")
        return _home_zone(head, context, surface)
    if found.level == "zone":
        return _zone_proposal(found.name, context, surface, found)
    if found.level in ("township", "village", "feature") and not found.places:
        return Proposal(f"region:{found.name}", "region", found.name, {surface}, level=found.level)
    place, options = context.place(found)
    if place is not None and found.name != place.name and place.level == "county" and not context.seated(place):
        return None  # 南山, 北湖: a county's short form alone is as often a hill or a lake
    if place is not None:
        level = "zone" if place.level == "county" and forms.zone_form(place.name) else place.level
        return Proposal(f"place:{place.key}", "region", place.name, {surface}, place=place,
                        parent_place=place.parent, level=level)
    if options:
        name = options[0].name
        return Proposal(f"region:{name}", "region", name, {surface}, level=options[0].level,
                        options=tuple(p.key for p in options))
    return None


def _home_zone(head: str, context: ArticleContext, surface: str) -> Proposal | None:
    """高新区 alone, in an article at home in a city that names no zone: the city's zone of
    that kind (the gazetteer's, else one named after the city)."""
    city = next((p for p in context.homes if p.level == "prefecture" or p.level == "province"
                 and p.name.endswith("市")), None)
    if city is None or head not in forms.ZONE_LONG:  # a city has one 高新区 and one 经开区, many 园区
        return None
    units = [p for p in context.places.places.values() if p.parent == city.key and p.short == head]
    if len(units) == 1:
        return Proposal(f"place:{units[0].key}", "region", units[0].name, {surface}, place=units[0],
                        parent_place=city.key, level="zone")
    if units:
        return None
    name = (city.short or city.name) + forms.ZONE_LONG.get(head, head)
    return Proposal(f"zone:{name}", "region", name, {surface}, parent_place=city.key, level="zone")


def _zone_proposal(name: str, context: ArticleContext, surface: str, found: Found) -> Proposal:
    """A zone under its long name (兰州高新区 -> 兰州高新技术产业开发区), so both forms are one;
    苏南自主创新示范区 is 苏南国家自主创新示范区 when the article gives both."""
    name = next((z for z in context.zones if z != name and z.replace(NATIONAL, "") == name), name)
    head = forms.zone_form(name)
    # 上海张江科学城 (or a word run into it) where the article also prints 张江科学城: that zone.
    name = max((z for z in context.zones if z != name and name.endswith(z) and len(z) > len(head) + 1),
               key=len, default=name)
    full = name[: -len(head)] + forms.ZONE_LONG[head] if head in forms.ZONE_LONG else name
    known = context.places.by_name.get(full)
    if known and len(known) == 1:
        return Proposal(f"place:{known[0].key}", "region", full, {surface}, place=known[0],
                        parent_place=known[0].parent, level="zone")
    parent = found.parent
    if parent is None and found.generic:
        leading = [p for p in context.places.lookup(full[:2]) + context.places.lookup(full[:3])]
        parent = leading[0].key if leading else None
    return Proposal(f"zone:{full}", "region", full, {surface}, parent_place=parent, level="zone")


def nested_place(found: Found, context: ArticleContext) -> tuple[int, Proposal] | None:
    """The first place an organisation is named after (nested_places), as (length, proposal)."""
    places = nested_places(found, context)
    return (places[0][1], places[0][2]) if places and places[0][0] == 0 else None


def nested_places(found: Found, context: ArticleContext) -> list[tuple[int, int, Proposal]]:
    """The places an organisation's name starts with, which the article thereby names too
    (徐州市科技局 -> 徐州市, 兰州大学 -> 兰州市, 某市某县科技馆 -> 某市 and 某县, 德国某大学 ->
    德国, 长三角某中心 -> 长江三角洲): (offset, length, proposal) each. Not China (中国科学院),
    and not a zone's city (兰州高新区 is a region of its own, measured: naming the city as well
    adds more wrong tags than right ones). A programme names a country or an area only
    (英国某某奖)."""
    if found.type not in ("institution", "company", "program") or found.local or found.short:
        return []
    nested: list[tuple[int, int, Proposal]] = []
    offset = 0
    while offset < len(found.name) - 1:
        match = _place_at(found, offset, context)
        if match is None:
            break
        length, place = match
        if nested and nested[-1][2].place.key not in {a.key for a in context.places.ancestors(place.key)}:
            break  # 某市 + 某县: a place inside the one before, else not a chain of places
        form = found.name[offset:offset + length]
        nested.append((offset, length, Proposal(f"place:{place.key}", "region", place.name, {form}, place=place,
                                                parent_place=place.parent, level=place.level)))
        offset += length
    return nested


def _place_at(found: Found, offset: int, context: ArticleContext) -> tuple[int, Place] | None:
    for length in range(min(len(found.name) - 1 - offset, MAX_PLACE_FORM), 1, -1):
        form = found.name[offset:offset + length]
        options = context.places.lookup(form)
        if not options:
            continue
        nested = Found(found.start + offset, found.start + offset + length, "region", form, tuple(options))
        place, _ = context.place(nested)
        if place is None:
            return None
        wide = place.level in ("country", "area") and place.key != CHINA and offset == 0
        if not wide and place.level not in ("province", "prefecture", "county"):
            return None
        if not wide and found.type == "program" and form != place.name:
            return None  # 湖北省科学技术奖 names 湖北省; a short form before a programme is its adjective
        if form != place.name and place.level == "county" and not context.seated(place):
            return None  # 金凤 + 实验室: a county's short form is a word too, unless its city is named
        return length, place
    return None


def parent_organisations(found: Found, context: ArticleContext) -> list[tuple[int, Proposal]]:
    """The organisations a sub-unit's name starts with, which the article thereby names too
    (云南省农业科学院 in 云南省农业科学院某某研究所, 某某大学 in 某某大学党委, 某集团 and 某集团某公司
    in 某集团某公司某厂): (length, proposal) for each name before the sub-unit's own part, when that
    part ends with an organisational head of its own."""
    if found.type not in ("institution", "company") or found.local or found.short:
        return []
    parents = []
    name = found.name
    for length in range(MIN_PARENT_NAME, len(name) - MIN_SUB_UNIT + 1):
        prefix, rest = name[:length], name[length:]
        head = next((h for h in forms.PARENT_FORMS if prefix.endswith(h)), None)
        if head is None or not forms.org_form(rest) or len(prefix) <= len(head) + 1:
            continue
        if forms.org_form(prefix + rest[:1]) and forms.org_form(prefix + rest[:1]) != head:
            continue  # 大学 + 学院…: the head runs on into a longer word
        if prefix.startswith(forms.NATIONAL_STARTS) and len(prefix) - len(head) <= len("中国"):
            continue  # 中国科学院, 国家实验室: the national body, which a registry lists if it is wanted
        if rest in forms.LEGAL_FORMS or rest.startswith(forms.LEGAL_FORMS):
            continue  # 某研究所 + 有限责任公司: the company's legal form, not a sub-unit
        full = next((f for f in context.full_orgs
                     if f.startswith(prefix) and f[len(prefix):] in forms.LEGAL_FORMS), prefix)
        parents.append((length, Proposal(f"org:{full}", forms.org_type(full), full, {prefix})))
    return parents


def administered_zone(found: Found, context: ArticleContext, surface: str) -> tuple[int, Proposal] | None:
    """A zone's administrative committee names the zone (某某高新区管委会 -> 某某高新区):
    (the zone name's length, its proposal)."""
    if found.type != "institution":
        return None
    admin = next((a for a in forms.ZONE_ADMIN_FORMS if found.name.endswith(a)), None)
    body = found.name[: -len(admin)] if admin else ""
    head = forms.zone_form(body)
    if not head:
        return None
    generic = body == head or body.startswith(forms.NATIONAL_STARTS)
    zone = Found(found.start, found.start + len(body), "region", body, level="zone", generic=generic)
    proposal = _region(zone, context, surface[: len(body)])
    return (len(body), proposal) if proposal is not None else None
