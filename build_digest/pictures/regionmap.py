"""Maps of the regions: the whole country on the home page, one province on its page, and a
small locator on the page of a lower-level region.

There is no outline data: the land is the area around the points of the administrative
divisions of the vendored table (land.py), which traces the country's and each province's shape. Regions
of the digest are circles at their coordinate, sized by how many articles mention them, each
a link to its page. The frame of a map is fixed by geography, not by the data, so a new
article moves no circle and changes only the sizes it touches.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from build_digest.geo import Place, coordinate
from build_digest.model import Entity
from build_digest.pictures.land import county_discs, land_path
from build_digest.pictures.svg import esc, figure, href, num

NATIONAL = (560, 400)
PROVINCE = (560, 400)
LOCATOR = (220, 160)
PAD = 14  # keeps the outermost circles and labels inside the frame
# Side of a land cell: fine enough for a smooth shape, coarse enough to keep the path small.
CORNERS = ((-1, 0), (1, 0), (0, -1), (0, 1))
CELL_NATIONAL, CELL_PROVINCE, CELL_LOCATOR = 3.0, 4.0, 2.0
R_MIN, R_MAX = 3.0, 16.0  # circle radius of the least and the most mentioned region on a map
R_NONE = 2.5  # a region no article mentions yet (a province's own child, shown for its place)
SPREAD = 7.0  # regions at one point (a zone at its city) are set around it at this distance
LABELLED = 10  # the most-mentioned regions get their name written beside the circle
LABEL_CHARS = 8  # longer names are shortened on the map (the link's title has the full name)
LABEL_EM = 14.0  # width of one character of a label, and its height, in picture units


@dataclass
class Dot:
    entity: Entity
    place: Place
    count: int
    kind: str  # css class: province, region, child, member, here
    label: bool = False


class Frame:
    """Equirectangular projection of a lon/lat box into the picture, north up, aspect kept."""

    def __init__(self, points: list[tuple[float, float]], size: tuple[int, int]):
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        self.kx = math.cos(math.radians((self.south + self.north) / 2))
        self.width, self.height = size
        span_x = max((self.east - self.west) * self.kx, 1e-6)
        span_y = max(self.north - self.south, 1e-6)
        self.scale = min((self.width - 2 * PAD) / span_x, (self.height - 2 * PAD) / span_y)
        self.dx = (self.width - span_x * self.scale) / 2
        self.dy = (self.height - span_y * self.scale) / 2

    def xy(self, place: Place) -> tuple[float, float]:
        return (
            self.dx + (place.lon - self.west) * self.kx * self.scale,
            self.dy + (self.north - place.lat) * self.scale,
        )


@functools.cache
def _base(prefix: str, size: tuple[int, int], cell: float) -> tuple[Frame, str]:
    """The frame and the land of a map of the divisions under `prefix` ('' for the country).

    Geography only, so it is computed once per build and shared by every page that shows it.
    """
    discs = county_discs(prefix)
    if not discs:
        return None, ""
    # The frame holds every disc whole, not only its centre.
    edges = [(lon + sx * r / math.cos(math.radians(lat)), lat + sy * r) for lon, lat, r in discs for sx, sy in CORNERS]
    frame = Frame(edges, size)
    return frame, land_path(frame, prefix, cell)


def _radius(count: int, peak: int) -> float:
    if count <= 0:
        return R_NONE
    return R_MIN + (R_MAX - R_MIN) * math.sqrt(count / max(peak, 1))


def _dots(frame: Frame, dots: list[Dot], page_url: str) -> str:
    peak = max((d.count for d in dots), default=1)
    at: dict[tuple[int, int], list[Dot]] = {}
    for dot in dots:
        x, y = frame.xy(dot.place)
        at.setdefault((round(x), round(y)), []).append(dot)
    placed: list[tuple[float, float, float, Dot]] = []
    for (x, y), group in at.items():
        group.sort(key=lambda d: (-d.count, d.entity.pinyin))
        for i, dot in enumerate(group):
            # The most mentioned keeps the point; the others are set around it.
            angle = 2 * math.pi * (i - 1) / max(len(group) - 1, 1)
            ox, oy = (0.0, 0.0) if i == 0 else (SPREAD * math.cos(angle), SPREAD * math.sin(angle))
            placed.append((x + ox, y + oy, _radius(dot.count, peak), dot))
    # Big circles first, so the small ones stay on top and can be clicked.
    placed.sort(key=lambda p: (-p[2], p[3].entity.id))
    parts, labels = [], []
    # Boxes a label must not cover: the middle of every filled circle (a label may cross a
    # circle's rim or a province's ring), then every label already written.
    taken = [(x - r / 2, y - r / 2, x + r / 2, y + r / 2) for x, y, r, d in placed if d.kind != "province"]
    for x, y, r, dot in placed:
        tip = f"{dot.entity.name}：{dot.count} 篇报道"
        parts.append(
            f'<a href="{href(page_url, dot.entity.url)}" aria-label="{esc(tip)}"><title>{esc(tip)}</title>'
            f'<circle class="{dot.kind}" cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/></a>'
        )
    # Names of the most mentioned first; a name that would overlap one already written is left
    # out (the circle's tooltip and the caption still give it).
    for x, y, r, dot in sorted(placed, key=lambda p: (-p[3].count, p[3].entity.pinyin)):
        if not dot.label:
            continue
        name = dot.entity.name if len(dot.entity.name) <= LABEL_CHARS else dot.entity.name[: LABEL_CHARS - 1] + "…"
        width = len(name) * LABEL_EM
        # Right of the circle, else left of it, else below, else above: the first that is free.
        spots = [(x + r + 3, y), (x - r - 3 - width, y), (x - width / 2, y + r + LABEL_EM), (x - width / 2, y - r - 6)]
        for left, y_mid in spots:
            box = (left, y_mid - LABEL_EM / 2, left + width, y_mid + LABEL_EM / 2)
            inside = box[0] >= 0 and box[2] <= frame.width and box[1] >= 0 and box[3] <= frame.height
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                break
        else:
            continue
        taken.append(box)
        y = y_mid
        labels.append(
            f'<text class="label" x="{num(left)}" y="{num(y + 4)}">{esc(name)}</text>'
        )
    # Labels after every circle so no circle covers a name; they ignore the pointer.
    return "".join(parts) + "".join(labels)


def _summary(dots: list[Dot], shown: int = 5) -> str:
    ranked = sorted((d for d in dots if d.count), key=lambda d: (-d.count, d.entity.pinyin))[:shown]
    return "、".join(f"{d.entity.name}（{d.count}）" for d in ranked)


def national_map(regions: list[tuple[Entity, Place, int]], page_url: str) -> str:
    """Every region the digest mentions, on the whole country."""
    if not regions:
        return ""
    frame, land = _base("", NATIONAL, CELL_NATIONAL)
    dots = [Dot(e, p, n, "province" if e.level == "province" else "region") for e, p, n in regions]
    for dot in sorted(dots, key=lambda d: (-d.count, d.entity.pinyin))[:LABELLED]:
        dot.label = True
    body = land + _dots(frame, dots, page_url)
    label = f"报道涉及的 {len(dots)} 个地区在全国的分布，圆越大报道越多。报道最多：{_summary(dots)}"
    caption = esc(label) + "。空心圆为省级地区。点击圆圈进入地区页。"
    return figure("map", body, NATIONAL, label, caption)


def province_map(province: Entity, prefix: str, members: list[tuple[Entity, Place, int, bool]], page_url: str) -> str:
    """A province's regions: its direct children highlighted, deeper ones (counties, zones) lighter."""
    frame, land = _base(prefix, PROVINCE, CELL_PROVINCE)
    if not frame or not members:
        return ""
    dots = [Dot(e, p, n, "child" if is_child else "member", label=is_child) for e, p, n, is_child in members]
    body = land + _dots(frame, dots, page_url)
    label = f"{province.name}的下级地区与区内园区，圆越大报道越多"
    named = _summary(dots)
    caption = esc(label + (f"。报道最多：{named}" if named else "")) + "。实心圆为直属下级，浅色为更下一级。"
    return figure("map", body, PROVINCE, label, caption)


def locator(region: Entity, place: Place, exact: bool, province: Entity, prefix: str, page_url: str) -> str:
    """Where a lower-level region lies in its province: the province's shape and one marked point."""
    frame, land = _base(prefix, LOCATOR, CELL_LOCATOR)
    if not frame:
        return ""
    x, y = frame.xy(place)
    where = f"{region.name}在{province.name}的位置" + ("" if exact else f"（标在{place.name}）")
    shape = f"<title>{esc(province.name)}</title>{land}"
    if province.paged:
        shape = f'<a href="{href(page_url, province.url)}" aria-label="{esc(province.name)}">{shape}</a>'
    body = (
        f'{shape}<circle class="here-halo" cx="{num(x)}" cy="{num(y)}" r="9"/>'
        f'<circle class="here" cx="{num(x)}" cy="{num(y)}" r="4"/>'
    )
    return figure("locator", body, LOCATOR, where, esc(where))


def _count(digest, entity_id: str) -> int:
    return len(digest.articles_of_entity.get(entity_id, []))


def home_map(digest, page_url: str = "") -> str:
    """The national map of every region at least one article mentions."""
    registry = digest.registry
    regions = []
    for entity_id in sorted(digest.articles_of_entity):
        located = coordinate(entity_id, registry)
        if located and registry.entities[entity_id].paged:
            regions.append((registry.entities[entity_id], located.place, _count(digest, entity_id)))
    return national_map(regions, page_url)


def _province_of(region: Entity, registry) -> Entity | None:
    chain = [region, *registry.ancestors(region.id)]
    return next((e for e in chain if e.type == "region" and e.level == "province"), None)


def region_picture(region: Entity, digest) -> str:
    """A province's map of its regions, or a lower-level region's locator within its province."""
    registry = digest.registry
    province = _province_of(region, registry)
    own = coordinate(province.id, registry) if province else None
    if not own or not own.exact:
        return ""
    prefix = own.place.prefix
    if region.id == province.id:
        members = []
        for member in registry.within(region.id):
            if member.type != "region":
                continue
            located = coordinate(member.id, registry)
            count = _count(digest, member.id)
            is_child = member.parent == region.id
            if located and member.paged and (is_child or count):
                members.append((member, located.place, count, is_child))
        members.sort(key=lambda m: m[0].id)
        return province_map(region, prefix, members, region.url)
    located = coordinate(region.id, registry)
    if not located:
        return ""
    return locator(region, located.place, located.exact, province, prefix, region.url)
