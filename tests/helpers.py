"""Small builders for tests: a registry written from Python data, a source from text."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from build_digest.model import SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import read_source
from build_digest.registry import load_registry


def write_registry(data_dir: Path, **files) -> None:
    """write_registry(tmp, regions=[{...}], companies=[...]) -> data/registry/*.yml"""
    folder = data_dir / "registry"
    folder.mkdir(parents=True, exist_ok=True)
    for name, items in files.items():
        (folder / f"{name}.yml").write_text(
            yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def make_registry(tmp_path: Path, **files):
    write_registry(tmp_path, **files)
    return load_registry(tmp_path)


def source_from_text(
    tmp_path: Path, text: str, name: str = "page.txt", meta: SourceMeta | None = None, encoding: str = "utf-8"
):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    warnings = Warnings()
    return read_source(path, meta or SourceMeta(), warnings), warnings


def load_digest(site: Path) -> dict:
    """site/api/digest.json, with each entity's and topic's list of articles (newest first)
    derived from the articles' own lists, as the pages show them; the counts checked."""
    data = json.loads((site / "api" / "digest.json").read_text(encoding="utf-8"))
    by_entity: dict[str, list[str]] = {}
    by_topic: dict[str, list[str]] = {}
    for article in data["articles"]:
        for entity_id in article["entities"]:
            by_entity.setdefault(entity_id, []).append(article["id"])
        for topic_id in article["topics"]:
            by_topic.setdefault(topic_id, []).append(article["id"])
    for items, found in ((data["entities"], by_entity), (data["topics"], by_topic)):
        for item in items:
            item["articles"] = found.get(item["id"], [])
            assert item.pop("article_count") == len(item["articles"]), item["id"]
    return data
