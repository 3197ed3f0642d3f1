"""Load and validate the curated registry (data/registry/*.yml) and source metadata.

Every problem is reported with file, line and the fix, all at once, before anything is built.
YAML is composed into nodes first so that each value keeps its line number.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_digest.model import Entity, SourceMeta, Topic
from build_digest.problems import DataError, Problem
from build_digest.rights import RIGHTS
from build_digest.slugs import slugify

ENTITY_FILES = {
    "regions.yml": "region",
    "programs.yml": "program",
    "companies.yml": "company",
    "institutions.yml": "institution",
    "people.yml": "person",
}
COMMON_FIELDS = {
    "name": str,
    "aliases": list,
    "local_aliases": list,
    "slug": str,
    "name_en": str,
    "description": str,
    "parent": str,
    "region": str,
}
EXTRA_FIELDS = {
    "region": {"level": str},
    "person": {"roles": list, "affiliation": str},
}
LEVELS = ("country", "area", "province", "prefecture", "county", "township", "village", "zone", "feature")
TOPIC_FIELDS = {"name": str, "slug": str, "keywords": list, "description": str}
SOURCE_FIELDS = {
    "publication": str,
    "date": str,
    "url": str,
    "home_region": str,
    "attribution": str,
    "rights": str,
}


# libyaml's loader when PyYAML has it (it keeps line numbers too): 10,000 entities parse in a
# fraction of the pure-Python loader's time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)  # by id
    topics: dict[str, Topic] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)  # canonical name -> id (unique names)

    def children(self, entity_id: str) -> list[Entity]:
        return self._members("parent").get(entity_id, [])

    def located_in(self, region_id: str) -> list[Entity]:
        """Entities whose `region` is this region (organisations, programmes, people)."""
        return self._members("region").get(region_id, [])

    def within(self, region_id: str) -> list[Entity]:
        """Everything below a region: sub-regions and what sits in any of them, at any depth."""
        found, queue, seen = [], [region_id], {region_id}
        while queue:
            current = queue.pop()
            for member in self.children(current) + self.located_in(current):
                if member.id not in seen:
                    seen.add(member.id)
                    found.append(member)
                    queue.append(member.id)
        return found

    def _members(self, key: str) -> dict[str, list[Entity]]:
        # Built once per registry: pages ask for children of every entity.
        cache = self.__dict__.setdefault("_member_cache", {})
        if key not in cache:
            index: dict[str, list[Entity]] = {}
            for entity in self.entities.values():
                target = getattr(entity, key)
                if target:
                    index.setdefault(target, []).append(entity)
            cache[key] = index
        return cache[key]

    def ancestors(self, entity_id: str) -> list[Entity]:
        chain, seen = [], {entity_id}
        current = self.entities[entity_id].parent
        while current and current not in seen:
            seen.add(current)
            chain.append(self.entities[current])
            current = self.entities[current].parent
        return chain


@dataclass
class _Raw:
    type: str
    values: dict
    lines: dict  # field -> line
    file: str
    line: int


def load_registry(data_dir: Path) -> Registry:
    with _no_cyclic_gc():
        return _load_registry(data_dir)


@contextlib.contextmanager
def _no_cyclic_gc():
    """Loading allocates hundreds of thousands of small objects and frees none of them: the
    cyclic collector's passes over them found nothing and cost a third of the check's time
    at 10,000 entities. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_registry(data_dir: Path) -> Registry:
    problems: list[Problem] = []
    raws: list[_Raw] = []
    registry_dir = data_dir / "registry"
    for file_name, entity_type in ENTITY_FILES.items():
        path = registry_dir / file_name
        if path.exists():
            raws.extend(_read_items(path, entity_type, problems))
    topics = _load_topics(registry_dir / "topics.yml", problems)
    registry = _link(raws, problems)
    registry.topics = topics
    if problems:
        raise DataError(problems)
    return registry


def _compose(path: Path, problems: list[Problem]):
    rel = _rel(path)
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, None, f"not UTF-8 ({exc.reason})", "save the file as UTF-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.append(
            Problem(
                rel,
                mark.line + 1 if mark else None,
                f"malformed YAML: {exc.problem}",
                "fix the YAML syntax at that line",
            )
        )
    return None


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _plain(node):
    """A composed node to Python values (strings stay strings: no dates or numbers guessed)."""
    if isinstance(node, yaml.MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    if node.tag.endswith(":null") or node.value in ("", "~", "null"):
        return None
    return node.value


def _typed(node, expected: type) -> bool:
    if expected is list:
        return isinstance(node, yaml.SequenceNode) and all(
            isinstance(v, yaml.ScalarNode) and v.value.strip() for v in node.value
        )
    return isinstance(node, yaml.ScalarNode) and bool(node.value.strip())


def _check_item(item, allowed: dict, rel: str, problems: list[Problem], what: str) -> tuple[dict, dict] | None:
    if not isinstance(item, yaml.MappingNode):
        problems.append(
            Problem(rel, item.start_mark.line + 1, f"each {what} must be a mapping", "write it as 'name: …' fields")
        )
        return None
    values, lines = {}, {}
    for key_node, value_node in item.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in allowed:
            problems.append(Problem(rel, line, f"unknown field '{key}'", f"use one of: {', '.join(sorted(allowed))}"))
            continue
        if key in values:
            problems.append(Problem(rel, line, f"field '{key}' given twice", "keep one"))
            continue
        if value_node.tag.endswith(":null") or (isinstance(value_node, yaml.ScalarNode) and not value_node.value):
            continue
        if not _typed(value_node, allowed[key]):
            kind = "a list of names" if allowed[key] is list else "a text value"
            problems.append(Problem(rel, line, f"field '{key}' must be {kind}", f"write '{key}' as {kind}"))
            continue
        values[key] = _plain(value_node)
        lines[key] = line
    if "name" not in values:
        problems.append(Problem(rel, item.start_mark.line + 1, f"{what} without a 'name'", "add 'name: …'"))
        return None
    return values, lines


def _read_items(path: Path, entity_type: str, problems: list[Problem]) -> list[_Raw]:
    rel = _rel(path)
    root = _compose(path, problems)
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        problems.append(
            Problem(rel, root.start_mark.line + 1, "the file must be a YAML list", "start each entity with '- name: …'")
        )
        return []
    allowed = {**COMMON_FIELDS, **EXTRA_FIELDS.get(entity_type, {})}
    raws = []
    for item in root.value:
        checked = _check_item(item, allowed, rel, problems, entity_type)
        if checked:
            values, lines = checked
            raws.append(_Raw(entity_type, values, lines, rel, item.start_mark.line + 1))
    return raws


def _link(raws: list[_Raw], problems: list[Problem]) -> Registry:
    registry = Registry()
    name_count: dict[str, int] = {}
    for raw in raws:
        name_count[raw.values["name"]] = name_count.get(raw.values["name"], 0) + 1
    base_slug = {id(raw): raw.values.get("slug") or slugify(raw.values["name"]) for raw in raws}
    # First pass: ids. Entities sharing a name are told apart by their parent's slug.
    id_of: dict[int, str] = {}
    for raw in raws:
        slug = base_slug[id(raw)]
        if name_count[raw.values["name"]] > 1 and "slug" not in raw.values:
            parent = raw.values.get("parent") or raw.values.get("region")
            if not parent:
                problems.append(
                    Problem(
                        raw.file,
                        raw.line,
                        f"'{raw.values['name']}' is defined more than once",
                        "give each a 'parent' or an explicit 'slug', or remove the copy",
                    )
                )
                continue
            slug = f"{slug}-{slugify(parent)}"
        id_of[id(raw)] = slug
    seen_ids: dict[str, _Raw] = {}
    for raw in raws:
        entity_id = id_of.get(id(raw))
        if entity_id is None:
            continue
        if entity_id in seen_ids:
            other = seen_ids[entity_id]
            problems.append(
                Problem(
                    raw.file,
                    raw.line,
                    f"slug '{entity_id}' is already used at {other.file}:{other.line}",
                    "set a distinct 'slug:'",
                )
            )
            continue
        seen_ids[entity_id] = raw
        values = raw.values
        if raw.type == "region" and values.get("level") not in LEVELS:
            problems.append(
                Problem(
                    raw.file,
                    raw.lines.get("level", raw.line),
                    f"region '{values['name']}' needs a level",
                    f"set 'level' to one of {', '.join(LEVELS)}",
                )
            )
        registry.entities[entity_id] = Entity(
            id=entity_id,
            type=raw.type,
            name=values["name"],
            slug=entity_id,
            aliases=list(dict.fromkeys(values.get("aliases", []))),
            local_aliases=list(dict.fromkeys(values.get("local_aliases", []))),
            name_en=values.get("name_en"),
            description=values.get("description"),
            level=values.get("level"),
            roles=values.get("roles", []),
            origin=f"{raw.file}:{raw.line}",
        )
        if name_count[values["name"]] == 1:
            registry.by_name[values["name"]] = entity_id
    _resolve_references(raws, id_of, registry, problems)
    _check_names(raws, id_of, problems)
    _check_cycles(registry, raws, id_of, problems)
    return registry


def _resolve_references(raws, id_of, registry: Registry, problems: list[Problem]) -> None:
    for raw in raws:
        entity = registry.entities.get(id_of.get(id(raw), ""))
        if entity is None:
            continue
        for key in ("parent", "region", "affiliation"):
            target = raw.values.get(key)
            if not target:
                continue
            target_id = registry.by_name.get(target) or (target if target in registry.entities else None)
            if target_id is None:
                problems.append(
                    Problem(
                        raw.file,
                        raw.lines[key],
                        f"{key} '{target}' is not in the registry",
                        "add it, or use the canonical name (or id) of an existing entity",
                    )
                )
                continue
            if key == "region" and registry.entities[target_id].type != "region":
                problems.append(
                    Problem(
                        raw.file,
                        raw.lines[key],
                        f"region '{target}' is not a region",
                        "name a region here; use 'parent' for an organisation",
                    )
                )
                continue
            setattr(entity, key, target_id)


def _check_names(raws, id_of, problems: list[Problem]) -> None:
    """A name, alias or local alias may belong to one entity only."""
    claimed: dict[tuple[str, str], tuple[str, _Raw]] = {}
    # Counted once: the check stays linear (10,000 entities in well under a second).
    name_count: dict[str, int] = {}
    for raw in raws:
        name_count[raw.values["name"]] = name_count.get(raw.values["name"], 0) + 1
    for raw in raws:
        entity_id = id_of.get(id(raw))
        if entity_id is None:
            continue
        names = [("name", raw.values["name"])] if name_count[raw.values["name"]] == 1 else []
        names += [("aliases", a) for a in raw.values.get("aliases", [])]
        names += [("local_aliases", a) for a in raw.values.get("local_aliases", [])]
        for key, name in names:
            scope = "local" if key == "local_aliases" else "global"
            previous = claimed.get((scope, name))
            if previous and previous[0] != entity_id:
                other = previous[1]
                problems.append(
                    Problem(
                        raw.file,
                        raw.lines.get(key, raw.line),
                        f"'{name}' is claimed by '{raw.values['name']}' and by '{other.values['name']}' "
                        f"({other.file}:{other.line})",
                        "keep the name on one entity only",
                    )
                )
            else:
                claimed[(scope, name)] = (entity_id, raw)


def _check_cycles(registry: Registry, raws, id_of, problems: list[Problem]) -> None:
    where = {id_of[id(raw)]: raw for raw in raws if id(raw) in id_of}
    for entity_id in registry.entities:
        seen, current = [], entity_id
        while current:
            if current in seen:
                raw = where[entity_id]
                loop = " > ".join(registry.entities[x].name for x in seen + [current])
                problems.append(
                    Problem(
                        raw.file,
                        raw.lines.get("parent", raw.line),
                        f"parents form a cycle: {loop}",
                        "break the cycle by correcting one 'parent'",
                    )
                )
                registry.entities[entity_id].parent = None
                break
            seen.append(current)
            current = registry.entities[current].parent


def _load_topics(path: Path, problems: list[Problem]) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    if not path.exists():
        return topics
    rel = _rel(path)
    root = _compose(path, problems)
    if root is None:
        return topics
    if not isinstance(root, yaml.SequenceNode):
        problems.append(Problem(rel, 1, "the file must be a YAML list", "start each topic with '- name: …'"))
        return topics
    for item in root.value:
        checked = _check_item(item, TOPIC_FIELDS, rel, problems, "topic")
        if not checked:
            continue
        values, lines = checked
        slug = values.get("slug") or slugify(values["name"])
        if slug in topics:
            problems.append(
                Problem(
                    rel,
                    item.start_mark.line + 1,
                    f"topic '{values['name']}' repeats slug '{slug}'",
                    "give it a distinct name or slug",
                )
            )
            continue
        topics[slug] = Topic(
            id=slug,
            name=values["name"],
            slug=slug,
            keywords=values.get("keywords") or [values["name"]],
            description=values.get("description"),
            origin=f"{rel}:{item.start_mark.line + 1}",
        )
    return topics


def load_sources_meta(path: Path, registry: Registry) -> dict[str, SourceMeta]:
    """data/sources.yml: file name -> SourceMeta. Raises DataError naming file and line."""
    if not path.exists():
        return {}
    problems: list[Problem] = []
    rel = _rel(path)
    root = _compose(path, problems)
    metas: dict[str, SourceMeta] = {}
    if root is not None and not isinstance(root, yaml.MappingNode):
        problems.append(Problem(rel, 1, "the file must map file names to metadata", "write 'file.txt:' then fields"))
    elif root is not None:
        for key_node, value_node in root.value:
            checked = _check_item_fields(value_node, rel, problems)
            if checked is None:
                continue
            values, lines = checked
            if "date" in values:
                try:
                    dt.date.fromisoformat(values["date"])
                except ValueError:
                    problems.append(
                        Problem(
                            rel,
                            lines["date"],
                            f"date '{values['date']}' is not YYYY-MM-DD",
                            "write the date as 2023-02-28",
                        )
                    )
                    values.pop("date")
            if "rights" in values and values["rights"] not in RIGHTS:
                problems.append(
                    Problem(
                        rel,
                        lines["rights"],
                        f"rights '{values['rights']}' is not one of {', '.join(RIGHTS)}",
                        "write 'rights: excerpt' when the publication allows only excerpts, or leave it out",
                    )
                )
                values.pop("rights")
            home = values.get("home_region")
            if home and home not in registry.by_name and home not in registry.entities:
                problems.append(
                    Problem(
                        rel,
                        lines["home_region"],
                        f"home_region '{home}' is not in the registry",
                        "name a region from data/registry/regions.yml",
                    )
                )
            elif home:
                values["home_region"] = registry.by_name.get(home, home)
            metas[key_node.value] = SourceMeta(**values)
    if problems:
        raise DataError(problems)
    return metas


def _check_item_fields(node, rel: str, problems: list[Problem]):
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(
                rel,
                node.start_mark.line + 1,
                "metadata must be a mapping of fields",
                f"use fields: {', '.join(SOURCE_FIELDS)}",
            )
        )
        return None
    values, lines = {}, {}
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key not in SOURCE_FIELDS:
            problems.append(Problem(rel, line, f"unknown field '{key}'", f"use one of: {', '.join(SOURCE_FIELDS)}"))
        elif not _typed(value_node, str):
            problems.append(Problem(rel, line, f"field '{key}' must be a text value", "write one value"))
        else:
            values[key], lines[key] = value_node.value, line
    return values, lines
