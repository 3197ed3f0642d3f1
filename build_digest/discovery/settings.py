"""The curator's discovery settings (data/discovery.yml) and rejected names
(data/registry/rejected.yml), validated with file and line like the registry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from build_digest.problems import DataError, Problem

SETTINGS_FILE = "discovery.yml"
REJECTED_FILE = "registry/rejected.yml"
CHOICES = {"recogniser": ("lac", "none"), "unreviewed": ("publish", "omit")}
COUNTS = {"unreviewed_page_min_articles": 1}  # whole-number settings and their least value
TYPES = ("region", "program", "company", "institution", "person")


@dataclass(frozen=True)
class DiscoverySettings:
    recogniser: str = "lac"  # lac, or none: the registry and the rules only
    unreviewed: str = "publish"  # publish, or omit: leave unreviewed entities out of the site
    # A name found by the machine in one article only is tagged, exported and queued for review,
    # but a page of its own waits for a second article (or the curator): most discovered names
    # are named once, and their pages would be most of a large site (README: "How the site grows").
    unreviewed_page_min_articles: int = 2

    @property
    def publish_unreviewed(self) -> bool:
        return self.unreviewed == "publish"


def load_settings(data_dir: Path) -> DiscoverySettings:
    path = data_dir / SETTINGS_FILE
    if not path.exists():
        return DiscoverySettings()
    rel = f"data/{SETTINGS_FILE}"
    root = _compose(path, rel)
    if root is None:
        return DiscoverySettings()
    if not isinstance(root, yaml.MappingNode):
        raise DataError([Problem(rel, 1, "the file must map settings to values", "write 'recogniser: lac'")])
    values, problems = {}, []
    for key_node, value_node in root.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        if key in COUNTS:
            least = COUNTS[key]
            if not isinstance(value_node, yaml.ScalarNode) or not value_node.value.isdigit() \
                    or int(value_node.value) < least:
                problems.append(Problem(rel, line, f"'{key}' must be a whole number, at least {least}",
                                        f"write '{key}: {getattr(DiscoverySettings, key)}'"))
            else:
                values[key] = int(value_node.value)
        elif key not in CHOICES:
            problems.append(Problem(rel, line, f"unknown setting '{key}'",
                                    f"use one of: {', '.join([*CHOICES, *COUNTS])}"))
        elif not isinstance(value_node, yaml.ScalarNode) or value_node.value not in CHOICES[key]:
            problems.append(Problem(rel, line, f"'{key}' must be one of {', '.join(CHOICES[key])}",
                                    f"write '{key}: {CHOICES[key][0]}'"))
        else:
            values[key] = value_node.value
    if problems:
        raise DataError(problems)
    return DiscoverySettings(**values)


def load_rejected(data_dir: Path) -> set[tuple[str, str | None]]:
    """(name, type or None) pairs the curator rejected: discovery never proposes them again."""
    path = data_dir / REJECTED_FILE
    if not path.exists():
        return set()
    rel = f"data/{REJECTED_FILE}"
    root = _compose(path, rel)
    if root is None:
        return set()
    if not isinstance(root, yaml.SequenceNode):
        raise DataError([Problem(rel, 1, "the file must be a YAML list", "start each entry with '- name: …'")])
    rejected, problems = set(), []
    for item in root.value:
        line = item.start_mark.line + 1
        fields = {k.value: v for k, v in item.value} if isinstance(item, yaml.MappingNode) else None
        if fields is None or not isinstance(fields.get("name"), yaml.ScalarNode) or not fields["name"].value:
            problems.append(Problem(rel, line, "each rejected entry needs a 'name'", "write '- name: …'"))
            continue
        unknown = set(fields) - {"name", "type", "reason"}
        if unknown:
            problems.append(Problem(rel, line, f"unknown field '{sorted(unknown)[0]}'", "use name, type, reason"))
        kind = fields.get("type")
        if kind is not None and (not isinstance(kind, yaml.ScalarNode) or kind.value not in TYPES):
            problems.append(Problem(rel, line, "'type' must be one of " + ", ".join(TYPES), "fix or remove 'type'"))
            continue
        rejected.add((fields["name"].value, kind.value if kind is not None else None))
    if problems:
        raise DataError(problems)
    return rejected


def _compose(path: Path, rel: str):
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise DataError([Problem(rel, None, f"not UTF-8 ({exc.reason})", "save the file as UTF-8")]) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError([Problem(rel, mark.line + 1 if mark else None, f"malformed YAML: {exc.problem}",
                                 "fix the YAML syntax at that line")]) from exc
