"""Where a region lies: one coordinate per administrative division, for the maps.

The coordinates come from the divisions table that discovery vendors
(build_digest/discovery/data/divisions.tsv: codes and hierarchy from jionlp, one point per
division from cpca 0.5.5; sources and licences in that folder). A registry region is matched
by its name, and when several divisions share the name, by the code of its nearest located
ancestor; an entity that discovery placed carries its own point. A development zone or a
township, which the table gives no point, sits at the place that contains it.

`coordinate()` is the one function the pages use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from build_digest.discovery.gazetteer import gazetteer
from build_digest.registry import Registry

LEVELS = ("province", "prefecture", "county")  # the levels the table gives a point


@dataclass(frozen=True)
class Place:
    adcode: str  # statistics code: province 2, prefecture 4, county 6 significant digits
    name: str
    lon: float
    lat: float
    level: str = ""  # province, prefecture, county; empty for a point discovery gave

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
    """Every province, prefecture and county of the table that has a coordinate, in code order."""
    places = (
        Place(p.key, p.name, p.longitude, p.latitude, p.level)
        for p in gazetteer().places.values()
        if p.level in LEVELS and p.longitude is not None and p.latitude is not None
    )
    return tuple(sorted(places, key=lambda p: p.adcode))


@functools.lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place in divisions():
        index.setdefault(place.name, []).append(place)
    return index


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
    if entity.coordinates:  # placed by discovery
        lon, lat = entity.coordinates
        return Located(Place(parent.place.prefix if parent else "", entity.name, lon, lat), True)
    if parent and not candidates:
        return Located(parent.place, False)
    return None
