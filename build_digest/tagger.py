"""Tag entities and topics with an Aho-Corasick automaton over every name and alias.

Matching runs on each paragraph's `match_text` (simplified script, half-width punctuation, the
same length as the published text), so offsets point into what the reader sees. Tagging
does not go through word segmentation: jieba is too slow for the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from build_digest.model import BYLINE, TITLE, Article, Mention, caption_paragraph, reading_order
from build_digest.registry import Registry
from build_digest.textutil import match_form


@dataclass(frozen=True)
class _Name:
    entity_id: str
    local: bool  # a local alias (我区), valid only in sources from the entity's own region


class Tagger:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.automaton = ahocorasick.Automaton()
        names: dict[str, list[_Name]] = {}
        for entity in registry.entities.values():
            for name in [entity.name, *entity.aliases]:
                names.setdefault(match_form(name), []).append(_Name(entity.id, False))
            for name in entity.local_aliases:
                names.setdefault(match_form(name), []).append(_Name(entity.id, True))
        for key, owners in names.items():
            if key:
                # The first owner's id when it counts anywhere (no local alias): most names.
                anywhere = owners[0].entity_id if not owners[0].local else None
                self.automaton.add_word(key, (len(key), tuple(owners), anywhere))
        if names:
            self.automaton.make_automaton()
        self.topic_automaton = ahocorasick.Automaton()
        for topic in registry.topics.values():
            for keyword in topic.keywords:
                key = match_form(keyword)
                existing = self.topic_automaton.get(key, ())
                self.topic_automaton.add_word(key, tuple(dict.fromkeys((*existing, topic.id))))
        if registry.topics:
            self.topic_automaton.make_automaton()

    def _local_ok(self, entity_id: str, home_region: str | None) -> bool:
        """A local alias applies where the source's home region is the entity's own region."""
        if not home_region or home_region not in self.registry.entities:
            return False
        entity = self.registry.entities[entity_id]
        anchors = {entity_id, entity.region} - {None}
        home_chain = {home_region} | {a.id for a in self.registry.ancestors(home_region)}
        return bool(anchors & home_chain)

    def _first_usable(self, owners: tuple[_Name, ...], home_region: str | None) -> str | None:
        for owner in owners:
            if not owner.local or self._local_ok(owner.entity_id, home_region):
                return owner.entity_id
        return None

    def find(self, text: str, home_region: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, entity id) of non-overlapping mentions; the longest name wins."""
        if not text or not len(self.automaton):
            return []
        found = []
        for end, (length, owners, anywhere) in self.automaton.iter(text):
            owner = anywhere if anywhere is not None else self._first_usable(owners, home_region)
            if owner is not None:
                found.append((end + 1 - length, end + 1, owner))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = bytearray(len(text))
        chosen = []
        for start, end, entity_id in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end, entity_id))
        return sorted(chosen)

    def tag(self, article: Article) -> None:
        mentions: list[Mention] = []
        home = article.home_region
        title_match = match_form(article.title)
        for start, end, entity_id in self.find(title_match, home):
            mentions.append(Mention(entity_id, TITLE, start, end, article.title[start:end]))
        for index, paragraph in enumerate(article.paragraphs):
            for start, end, entity_id in self.find(paragraph.match_text, home):
                mentions.append(Mention(entity_id, index, start, end, paragraph.text[start:end]))
        if article.byline:
            byline = match_form(article.byline)
            for start, end, entity_id in self.find(byline, home):
                if self.registry.entities[entity_id].type == "person":
                    mentions.append(Mention(entity_id, BYLINE, start, end, article.byline[start:end]))
        for index, caption in enumerate(article.captions):
            for start, end, entity_id in self.find(match_form(caption), home):
                mentions.append(Mention(entity_id, caption_paragraph(index), start, end, caption[start:end]))
        article.mentions = mentions
        article.entity_ids = list(
            dict.fromkeys(m.entity_id for m in sorted(mentions, key=lambda m: (reading_order(m.paragraph), m.start)))
        )
        article.topic_ids = self.topics_of(article)

    def tag_figures(self, article: Article) -> None:
        """The topics each figure is about: those with a keyword in its sentence (a topic's
        page lists them; per article, so the page need not search every article's text)."""
        if not self.registry.topics:
            return
        for figure in article.figures:
            start, end = figure.span
            text = article.paragraphs[figure.paragraph].match_text[start:end]
            found = {t for _, topic_ids in self.topic_automaton.iter(text) for t in topic_ids}
            figure.topic_ids = sorted(found)

    def topics_of(self, article: Article) -> list[str]:
        if not self.registry.topics:
            return []
        counts: dict[str, int] = {}
        for text in [match_form(article.title), *(p.match_text for p in article.paragraphs)]:
            for _, topic_ids in self.topic_automaton.iter(text):
                for topic_id in topic_ids:
                    counts[topic_id] = counts.get(topic_id, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))
