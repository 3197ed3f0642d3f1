"""The curator's review queue: what discovery found, and accepting or rejecting it.

`make candidates` writes build/candidates.md (to read) and build/candidates.yml (what
`accept` reads): each discovered entity with its type, parent, article count, articles and one
example sentence, sorted by how much it adds (articles, then mentions), with likely
duplicates of registry entries flagged as alias suggestions. `accept` adds an entity (or an
alias) to data/registry/ with ruamel.yaml, so the curator's comments and order stay as they
were; `reject` records a name in data/registry/rejected.yml so it is not proposed again.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from ruamel.yaml import YAML

from build_digest.digest import Digest
from build_digest.discovery.article import _abbreviates
from build_digest.discovery.discover import FAMILY
from build_digest.discovery.settings import REJECTED_FILE, TYPES
from build_digest.problems import DataError, Problem
from build_digest.registry import ENTITY_FILES, load_registry
from build_digest.render.entities import mention_sentences
from build_digest.textutil import match_form

FILE_OF_TYPE = {kind: name for name, kind in ENTITY_FILES.items()}
EXAMPLE_LIMIT = 160  # characters of the example sentence in the queue


def candidates(digest: Digest) -> list[dict]:
    registry = digest.registry
    curated = [e for e in registry.entities.values() if e.reviewed]
    found = []
    for entity in registry.entities.values():
        if entity.reviewed:
            continue
        articles = digest.entity_articles(entity.id)
        mentions = sum(1 for a in articles for m in a.mentions if m.entity_id == entity.id)
        example = ""
        if articles:
            sentences = mention_sentences(articles[0], entity.id, limit=1)
            example = sentences[0].replace("**", "")[:EXAMPLE_LIMIT] if sentences else ""
        parent = registry.entities[entity.parent].name if entity.parent else None
        item = {
            "name": entity.name,
            "type": entity.type,
            "level": entity.level,
            "parent": parent,
            "aliases": [a for a in entity.aliases if a == match_form(a)],
            "articles": len(articles),
            "mentions": mentions,
            "article_ids": [a.id for a in articles],
            "example": example,
            "url": entity.link_url,  # its page, or its entry on a shelf
        }
        if entity.roles:
            item["roles"] = entity.roles
        if entity.description:
            item["note"] = entity.description
        suggestion = _alias_suggestion(entity, curated)
        if suggestion:
            item["alias_of"] = suggestion
        found.append({k: v for k, v in item.items() if v not in (None, [], "")})
    found.sort(key=lambda c: (-c["articles"], -c["mentions"], c["type"], c["name"]))
    return found


def _alias_suggestion(entity, curated) -> str | None:
    """A registry entry of the same kind this one probably is (a short form or a longer one)."""
    family = FAMILY[entity.type]
    for other in curated:
        if FAMILY[other.type] != family:
            continue
        for name in (other.name, *other.aliases):
            if name != entity.name and (_abbreviates(entity.name, name) or _abbreviates(name, entity.name)):
                if min(len(name), len(entity.name)) >= 2:
                    return other.name
    return None


def aliases_seen(digest: Digest, curated_names: dict[str, set[str]]) -> list[dict]:
    """Forms the text printed for registry entities that the registry does not list (中国 for
    中华人民共和国): suggestions for `accept FORM --alias-of NAME`."""
    out = []
    for entity in sorted(digest.registry.entities.values(), key=lambda e: e.id):
        if not entity.reviewed:
            continue
        known = curated_names.get(entity.id, set())
        extra = [a for a in entity.aliases if a not in known and a == match_form(a)]
        if extra:
            out.append({"entity": entity.name, "type": entity.type, "forms": extra})
    return out


def write_candidates(digest: Digest, curated_names: dict[str, set[str]], work: Path) -> tuple[Path, Path]:
    found = candidates(digest)
    seen = aliases_seen(digest, curated_names)
    work.mkdir(parents=True, exist_ok=True)
    data_path = work / "candidates.yml"
    data_path.write_text(
        yaml.safe_dump({"candidates": found, "aliases_seen": seen}, allow_unicode=True, sort_keys=False, width=120),
        encoding="utf-8")
    lines = ["# Discovered entities to review", "",
             f"{len(found)} discovered entities, most articles first. Accept one with "
             "`python -m build_digest accept NAME` (add `--alias-of CANONICAL` to make it an alias), "
             "reject it with `python -m build_digest reject NAME`.", ""]
    lines += ["| name | type | parent | articles | example | suggestion |", "| --- | --- | --- | --- | --- | --- |"]
    for item in found:
        kind = item["type"] + (f" ({item['level']})" if item.get("level") else "")
        hint = f"alias of {item['alias_of']}?" if item.get("alias_of") else item.get("note", "")
        cells = [item["name"], kind, item.get("parent", ""), str(item["articles"]), item.get("example", ""), hint]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if seen:
        lines += ["", "## Forms printed for registry entries", "",
                  "Add one with `python -m build_digest accept FORM --alias-of NAME`.", ""]
        lines += [f"- {s['entity']} ({s['type']}): {'、'.join(s['forms'])}" for s in seen]
    md_path = work / "candidates.md"
    md_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md_path, data_path


# --- accept and reject ---------------------------------------------------------------------

def _yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap the curator's lines
    handler.indent(mapping=2, sequence=2, offset=0)  # - name: at the margin, as curated
    return handler


REJECTED_HEADER = (
    "# Names discovery must not propose again (written by `python -m build_digest reject`;\n"
    "# curated and committed). Fields: name, type (optional), reason (optional).\n"
)


def _load(path: Path):
    handler = _yaml()
    if not path.exists() or not path.read_text(encoding="utf-8").strip("# \n"):
        return handler, handler.load(REJECTED_HEADER + "[]\n" if path.name == "rejected.yml" else "[]\n")
    return handler, handler.load(path.read_text(encoding="utf-8"))


def _dump(handler: YAML, data, path: Path) -> None:
    out = io.StringIO()
    handler.dump(data, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")


def _candidate(work: Path, name: str) -> dict | None:
    path = work / "candidates.yml"
    if not path.exists():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return next((c for c in data.get("candidates") or [] if c.get("name") == name), None)


def accept(data_dir: Path, work: Path, name: str, kind: str | None = None, alias_of: str | None = None,
           level: str | None = None) -> str:
    """Add NAME to the registry (or as an alias of ALIAS_OF); returns what was done.
    The registry is validated afterwards, and the edit undone if it made the data invalid."""
    registry = load_registry(data_dir)
    if alias_of:
        target = registry.by_name.get(alias_of) or (alias_of if alias_of in registry.entities else None)
        if target is None:
            raise DataError([Problem("data/registry", None, f"'{alias_of}' is not in the registry",
                                     "give the canonical name of a registry entity")])
        entity = registry.entities[target]
        path = data_dir / "registry" / FILE_OF_TYPE[entity.type]
        handler, items = _load(path)
        line = entity.origin.rsplit(":", 1)[-1]
        named = [i for i in items if i.get("name") == entity.name]
        item = next((i for i in named if str(i.lc.line + 1) == line), named[0])
        aliases = item.get("aliases")
        if aliases is None:
            from ruamel.yaml.comments import CommentedSeq

            item.insert(1, "aliases", CommentedSeq([name]))
            _flow(item["aliases"])
        elif name not in aliases:
            aliases.append(name)
        return _write_checked(handler, items, path, data_dir, f"added '{name}' as an alias of '{entity.name}'")
    found = _candidate(work, name) or {}
    kind = kind or found.get("type")
    if kind not in TYPES:
        raise DataError([Problem("build/candidates.yml", None, f"no candidate '{name}' with a type",
                                 "run `make candidates`, or give --type " + "|".join(TYPES))])
    if name in registry.by_name:
        raise DataError([Problem("data/registry", None, f"'{name}' is already in the registry", "nothing to do")])
    entry = {"name": name}
    aliases = [a for a in found.get("aliases", []) if a != name and a not in registry.by_name]
    if aliases:
        entry["aliases"] = aliases
    if kind == "region":
        entry["level"] = level or found.get("level") or "zone"
    parent = found.get("parent")
    if parent and parent in registry.by_name:
        entry["parent"] = parent
    if kind == "person" and found.get("roles"):
        entry["roles"] = found["roles"]
    path = data_dir / "registry" / FILE_OF_TYPE[kind]
    handler, items = _load(path)
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mapping = CommentedMap({k: CommentedSeq(v) if isinstance(v, list) else v for k, v in entry.items()})
    for key in ("aliases", "roles"):
        if key in mapping:
            _flow(mapping[key])
    items.append(mapping)
    return _write_checked(handler, items, path, data_dir, f"added '{name}' to {path.name}")


def _flow(sequence) -> None:
    """Short lists on one line, as the curator writes them: aliases: [包头, 鹿城]."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(sequence, CommentedSeq):
        sequence.fa.set_flow_style()


def _write_checked(handler: YAML, items, path: Path, data_dir: Path, done: str) -> str:
    before = path.read_text(encoding="utf-8") if path.exists() else None
    _dump(handler, items, path)
    try:
        load_registry(data_dir)
    except DataError:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        raise
    return done


def reject(data_dir: Path, name: str, kind: str | None = None, reason: str | None = None) -> str:
    path = data_dir / REJECTED_FILE
    handler, items = _load(path)
    if any(i.get("name") == name and i.get("type") in (None, kind) for i in items):
        return f"'{name}' was already rejected"
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap({"name": name})
    if kind:
        entry["type"] = kind
    if reason:
        entry["reason"] = reason
    items.append(entry)
    _dump(handler, items, path)
    return f"rejected '{name}': it will not be proposed again ({REJECTED_FILE})"
