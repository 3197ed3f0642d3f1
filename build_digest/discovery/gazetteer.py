"""China's administrative divisions (with hierarchy and short forms), countries and world areas.

Read from the vendored data files in data/ (see data/README.md for their source, version and
licence). Loaded once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from build_digest.discovery.forms import ZONE_FORMS

DATA = Path(__file__).parent / "data"
# Short forms that name no one place (the jionlp data gives 高新区 as the short form of
# every high-tech zone unit): never a short form.
GENERIC_SHORT = set(ZONE_FORMS) | {"城区", "郊区", "矿区", "市辖区", "省直辖", "新区", "林区", "特区", "开发区"}
# A short form of one character is a word, not a name (城区 -> 城).
MIN_SHORT = 2
MAX_DEPTH = 6  # country > province > prefecture > county > township: deeper means bad data
LEVEL_RANK = {"country": 0, "area": 0, "province": 1, "prefecture": 2, "county": 3, "zone": 4, "township": 5}


@dataclass(frozen=True)
class Place:
    key: str  # statistics code; town:<county code>:<name>; country:<name>; area:<name>
    name: str  # official full name
    level: str  # country, area, province, prefecture, county, township
    parent: str | None = None  # key of the containing place
    short: str = ""
    others: tuple[str, ...] = ()  # further forms (a country's short name, 长三角)
    longitude: float | None = None
    latitude: float | None = None


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    by_name: dict[str, list[Place]] = field(default_factory=dict)  # full names
    by_short: dict[str, list[Place]] = field(default_factory=dict)  # short and other forms

    def add(self, place: Place) -> None:
        self.places[place.key] = place
        self.by_name.setdefault(place.name, []).append(place)
        if len(place.short) >= MIN_SHORT and place.short not in GENERIC_SHORT and place.short != place.name:
            self.by_short.setdefault(place.short, []).append(place)
        for form in place.others:  # written for this project (大湾区): forms of this one place only
            if len(form) >= MIN_SHORT and form != place.name:
                self.by_short.setdefault(form, []).append(place)

    def lookup(self, form: str) -> list[Place]:
        """Places named `form`: by full name first, else by short form."""
        return self.by_name.get(form) or self.by_short.get(form, [])

    def ancestors(self, key: str) -> list[Place]:
        chain, current = [], self.places[key].parent
        while current and current in self.places and current != key and len(chain) < MAX_DEPTH:
            chain.append(self.places[current])
            current = self.places[current].parent
        return chain

    def province_of(self, key: str) -> Place | None:
        for place in [self.places[key], *self.ancestors(key)]:
            if place.level == "province":
                return place
        return None


def _rows(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _number(text: str) -> float | None:
    return float(text) if text else None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    found = Gazetteer()
    for code, level, name, short, parent, lon, lat in _rows(DATA / "divisions.tsv"):
        found.add(Place(code, name, level, parent or None, short, (), _number(lon), _number(lat)))
    for county, town in _rows(DATA / "towns.tsv"):
        found.add(Place(f"town:{county}:{town}", town, "township", county))
    for short, official in _rows(DATA / "countries.tsv"):
        if official == "中华人民共和国":
            found.add(Place("country:中国", official, "country", None, short))
        else:
            found.add(Place(f"country:{short}", official, "country", None, short))
    for name, level, *rest in _rows(DATA / "places.tsv"):
        others = tuple(f for f in (rest[0].split(",") if rest else []) if f)
        found.add(Place(f"area:{name}", name, level, None, "", others))
    return found
