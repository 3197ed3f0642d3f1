"""The land under a map, without outline data: the area around every county's point.

Each county-level division of the vendored table (geo.py) covers a disc around its point,
as wide as its neighbours are far (counties in the crowded east are small, those in the
west large). The discs are rasterised into a grid of cells and written as one SVG path of
horizontal runs, a few kilobytes for a whole country, drawn with a faint stroke.
"""

from __future__ import annotations

import functools
import math
from statistics import median

from build_digest.geo import divisions

COVER = 0.65  # a county's disc reaches this share of the way to its typical neighbour
R_MIN, R_MAX = 0.12, 1.3  # degrees: keeps city districts visible and lone desert counties modest
R_ALONE = 0.5  # degrees, for a county with no neighbour in its prefecture, or a province without counties


@functools.cache
def county_discs(prefix: str = "") -> tuple[tuple[float, float, float], ...]:
    """(lon, lat, radius in degrees) of every county-level division under the adcode prefix."""
    inside = [p for p in divisions() if p.adcode.startswith(prefix)]
    counties = [p for p in inside if p.level == "county"]
    # Province-level divisions the table gives no county for (Hong Kong, Macao, Taiwan): one disc.
    with_counties = {p.adcode[:2] for p in counties}
    lone = [p for p in inside if p.level == "province" and p.adcode[:2] not in with_counties]
    by_prefecture: dict[str, list] = {}
    for place in counties:
        by_prefecture.setdefault(place.adcode[:4], []).append(place)
    discs = []
    for place in counties:
        kx = math.cos(math.radians(place.lat))
        others = [
            math.hypot((o.lon - place.lon) * kx, o.lat - place.lat)
            for o in by_prefecture[place.adcode[:4]]
            if o is not place
        ]
        radius = COVER * median(others) if others else R_ALONE
        discs.append((place.lon, place.lat, min(max(radius, R_MIN), R_MAX)))
    discs += [(place.lon, place.lat, R_ALONE) for place in lone]
    return tuple(discs)


def land_path(frame, prefix: str, cell: float) -> str:
    """The land of the divisions under `prefix` in the map's frame, as runs of `cell`-high rows."""
    rows: dict[int, set[int]] = {}
    for lon, lat, radius in county_discs(prefix):
        cx = frame.dx + (lon - frame.west) * frame.kx * frame.scale
        cy = frame.dy + (frame.north - lat) * frame.scale
        r = radius * frame.scale
        for j in range(math.floor((cy - r) / cell), math.ceil((cy + r) / cell) + 1):
            dy = (j + 0.5) * cell - cy
            if abs(dy) > r:
                continue
            half = math.sqrt(r * r - dy * dy)
            first, last = math.floor((cx - half) / cell), math.ceil((cx + half) / cell)
            rows.setdefault(j, set()).update(range(first, last))
    d = []
    for j in sorted(rows):
        cells = sorted(rows[j])
        start = prev = cells[0]
        for i in cells[1:] + [None]:
            if i is not None and i == prev + 1:
                prev = i
                continue
            d.append(f"M{_n(start * cell)} {_n((j + 0.5) * cell)}h{_n((prev - start + 1) * cell)}")
            if i is not None:
                start = prev = i
    return f'<path class="land" stroke-width="{_n(cell)}" d="{"".join(d)}"/>'


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
