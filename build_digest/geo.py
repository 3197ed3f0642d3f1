"""Where a region lies: one coordinate per administrative division, for the maps.

The coordinates come from the division table vendored from cpca 0.5.5 (MIT licence, 2021;
build_digest/geodata/, licence beside it): adcode, name, longitude, latitude of every
province, prefecture and county. A registry region is matched by its name, and when several
divisions share the name, by the adcode of its nearest located ancestor. A development zone
or a township, which the table does not list, sits at the place that contains it.

`coordinate()` is the one function the pages use, so a richer divisions table can replace
this one without touching the maps.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from build_digest.registry import Registry

TABLE = Path(__file__).with_name("geodata") / "cpca-adcodes.csv"


@dataclass(frozen=True)
class Place:
    adcode: str  # 12 digits: province 2, prefecture 4, county 6 significant digits
    name: str
    lon: float
    lat: float

    @property
    def prefix(self) -> str:
        """The significant digits of the adcode: '15' for 内蒙古, '1502' for 包头市."""
        code = self.adcode
        for digits in (2, 4, 6, 9):
            if code[digits:].strip("0") == "":
                return code[:digits]
        return code


@dataclass(frozen=True)
class Located:
    """A region's point, and whether it is its own (exact) or the containing place's."""

    place: Place
    exact: bool


@functools.lru_cache(maxsize=1)
def divisions() -> tuple[Place, ...]:
    """Every division of the table that has a coordinate, in adcode order."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["longitude"] and row["latitude"]]
    places = (Place(r["adcode"], r["name"], float(r["longitude"]), float(r["latitude"])) for r in rows)
    return tuple(sorted(places, key=lambda p: p.adcode))


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place in divisions():
        index.setdefault(place.name, []).append(place)
    return index


def province_places(prefix: str) -> list[Place]:
    """The divisions inside a province (adcode prefix '15'), the province itself excluded."""
    return [p for p in divisions() if p.adcode.startswith(prefix) and p.prefix != prefix]


def coordinate(entity_id: str, registry: Registry) -> Located | None:
    """The point of a registry region, or None when neither it nor what contains it is known."""
    return _locate(registry, entity_id, ())


def _locate(registry: Registry, entity_id: str, seen: tuple[str, ...]) -> Located | None:
    if entity_id in seen:
        return None
    entity = registry.entities[entity_id]
    if entity.type != "region" or entity.level == "country":
        return None
    parent = _locate(registry, entity.parent, seen + (entity_id,)) if entity.parent else None
    candidates = _by_name().get(entity.name, [])
    if parent:
        # Same name elsewhere (鼓楼区 is in several cities): keep the one inside the parent.
        candidates = [c for c in candidates if c.adcode.startswith(parent.place.prefix)]
    if len(candidates) == 1:
        return Located(candidates[0], True)
    if parent and not candidates:
        return Located(parent.place, False)
    return None
