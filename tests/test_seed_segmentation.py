"""The seeds stay perfect: every file split as reviewed, every headline and body line kept.

tests/expected/seeds.yml records the reviewed segmentation of the five seed files (ours to
label). A change to segmentation that moves any of it fails here, and is either a regression
or a reviewed improvement recorded in that file in the same commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_digest.model import SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.segment import segment

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = yaml.safe_load((ROOT / "tests" / "expected" / "seeds.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_is_segmented_as_reviewed(name):
    warnings = Warnings()
    source = read_source(ROOT / "data" / "articles" / name, SourceMeta(), warnings)
    articles = segment(source, warnings)
    got = [
        {"title": a.title, "title_inferred": a.title_inferred, "title_lines": a.title_lines,
         "body_lines": a.body_lines}
        for a in articles
    ]
    assert [a["title"] for a in got] == [a["title"] for a in EXPECTED[name]]
    assert got == EXPECTED[name]
    assert not [w for w in warnings if "could not place" in w.message]
