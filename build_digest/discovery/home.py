"""The places an article is at home in, read from the article itself.

Local forms name a body by its level only (省委, 市政府, 自治区党委, 市科协): they mean the
body of the province or city the article is about. The curator's `home_region` says where
a source is at home; without it, the article's own places decide: the province and the city
that most of its place names belong to, when one clearly leads. Counting is by containment,
so 兰州大学, 城关区 and 兰州 all count for 兰州市, and for 甘肃省 above it.
"""

from __future__ import annotations

from collections import Counter

from build_digest.discovery.gazetteer import Gazetteer, Place

# A home needs this many place names on the page: one mention of a city in passing (a
# visitor's home town, a partner's seat) does not make an article a report from there.
MIN_HOME_MENTIONS = 2
# ... and at least this share of the page's place names at its level, so that an article
# naming three provinces evenly has no home province (its 省委 stays unresolved).
MIN_HOME_SHARE = 0.6
HOME_LEVELS = ("province", "prefecture", "county")


def infer_homes(places: Gazetteer, mentioned: list[Place]) -> list[Place]:
    """The article's home places, most specific first ([county, prefecture, province] down to
    []), from the places it names (one entry per mention)."""
    counts: dict[str, Counter] = {level: Counter() for level in HOME_LEVELS}
    for place in mentioned:
        for above in [place, *places.ancestors(place.key)]:
            if above.level in counts:
                counts[above.level][above.key] += 1
    province = _leader(counts["province"])
    if province is None:
        return []
    homes = [places.places[province]]
    for level in HOME_LEVELS[1:]:  # a home city inside the home province, a county inside that
        leader = _leader(counts[level])
        if leader is None or homes[0].key not in {a.key for a in places.ancestors(leader)}:
            break
        homes.insert(0, places.places[leader])
    return homes


def _leader(counts: Counter) -> str | None:
    if not counts:
        return None
    (key, count), *rest = counts.most_common()
    if count < MIN_HOME_MENTIONS or count < MIN_HOME_SHARE * sum(counts.values()):
        return None
    if rest and rest[0][1] == count:
        return None
    return key


def local_level_fits(place: Place, level_word: str) -> bool:
    """省委 is a province's whose name ends in 省, 自治区党委 an autonomous region's, 市委 a
    city's (a prefecture, or a municipality such as 重庆市), 县委 a county's."""
    if not place.name.endswith(level_word):
        return False
    if level_word in ("省", "自治区"):
        return place.level == "province"
    if level_word == "市":  # a prefecture, a county-level city, or a municipality
        return place.level in ("prefecture", "county", "province")
    if level_word in ("州", "自治州", "盟"):
        return place.level == "prefecture"
    return place.level == "county"
