"""What the site's bytes are spent on: pages, pictures, feeds, downloads, search, open data.

`make bench` prints these shares, so the cost of the pictures and feeds stays visible against
the size budget (site ≤ 600 MB at 10,000 articles).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from build_digest.feeds import ATOM_NAME, JSON_NAME
from build_digest.keyfigures import CSV_NAME

# The inline pictures in a page: the figure elements build_digest/pictures/svg.py writes.
PICTURE = re.compile(rb'<figure class="digest-picture.*?</figure>', re.S)


def size_shares(site: Path) -> Counter:
    """Bytes by kind: pictures (inline SVG inside the pages), pages (the rest of the HTML),
    feeds, figures_csv, search (index), api (JSON twins and digest.json), other."""
    shares: Counter = Counter()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        relative = path.relative_to(site).parts
        if path.name in (ATOM_NAME, JSON_NAME):
            shares["feeds"] += size
        elif path.name == CSV_NAME:
            shares["figures_csv"] += size
        elif relative[0] == "search":
            shares["search"] += size
        elif relative[0] == "api":
            shares["api"] += size
        elif path.suffix == ".html":
            pictures = sum(len(m) for m in PICTURE.findall(path.read_bytes()))
            shares["pictures"] += pictures
            shares["pages"] += size - pictures
        else:
            shares["other"] += size
    return shares


def format_shares(shares: Counter) -> str:
    total = sum(shares.values()) or 1
    order = ("pages", "pictures", "feeds", "figures_csv", "search", "api", "other")
    return " · ".join(f"{kind} {shares[kind] / 1e6:.1f} MB ({100 * shares[kind] / total:.1f} %)" for kind in order)
