"""Discovery in the build: tag what the registry does not list, then make entities of it.

`Discovery.tag(article)` runs after the registry tagger on the same texts (title, paragraphs,
byline; their `match` form, so traditional-script pages work the same way). The registry
always wins: its mentions stay, and a discovered name that is a registry name or alias is
that registry entity. Discovered mentions carry provisional ids until `finish` has seen every
article and gives each discovered entity its id, its parent and its unreviewed mark.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

import ahocorasick

from build_digest.discovery import forms
from build_digest.discovery.article import (
    ArticleContext,
    Placed,
    Proposal,
    administered_zone,
    choose,
    nested_place,
    nested_places,
    parent_organisations,
    propose,
)
from build_digest.discovery.cache import RecognitionCache
from build_digest.discovery.gazetteer import Gazetteer, Place, gazetteer
from build_digest.discovery.home import infer_homes
from build_digest.discovery.recogniser import Recogniser, Token
from build_digest.discovery.rules import Found, find_names
from build_digest.model import (
    BYLINE,
    FIRST_CAPTION,
    TITLE,
    Article,
    Entity,
    Mention,
    caption_paragraph,
    reading_order,
)
from build_digest.registry import Registry
from build_digest.slugs import slugify
from build_digest.textutil import match_form

QUOTES = "“”‘’「」『』\"'"  # printed around a programme's name, not part of it
PROVISIONAL = "?"  # prefix of a discovered mention's id until finish() names the entity
FAMILY = {"region": "region", "company": "org", "institution": "org", "program": "program", "person": "person"}
RULES_ONLY_REACH = 12  # rules only: characters after a place within which an organisation's head must end
RULES_ONLY_STOPS = set("的和与及在是为对将把被从向了等")  # particles never inside a name
# Words after a programme's name that say what it is (…战略, …建设), not another programme.
PROGRAMME_TAILS = ("战略", "建设", "部署", "行动", "工程", "规划", "计划")
PHOTO_CREDIT = "摄"  # 某某 摄: the photographer's credit
DESCRIPTION_ENDS = "。!?)"  # a caption's description ends before its credit
MAX_PLACE_NAME = 12  # characters: the longest division names (…自治县) are shorter
MIN_RULES_ONLY_PLACE = 3  # rules only: full place names this long or longer (两字 names are too often words)


@dataclasses.dataclass
class DiscoveryState:
    proposals: dict[str, Proposal]
    registry_forms: dict[str, set[str]]
    articles_seen: int = 0
    characters: int = 0


class Discovery:
    def __init__(self, registry: Registry, recogniser: Recogniser | None, cache_dir: Path | None,
                 rejected: set[tuple[str, str | None]] = frozenset(), publish: bool = True,
                 page_min_articles: int = 1):
        self.registry = registry
        self.publish = publish
        self.page_min_articles = page_min_articles  # articles an unreviewed entity needs for a page
        self.places: Gazetteer = gazetteer()
        self.cache_dir = cache_dir
        self.cache = RecognitionCache(recogniser, cache_dir) if recogniser and cache_dir else None
        self.recogniser = recogniser
        self.rejected = rejected
        self.proposals: dict[str, Proposal] = {}
        self.registry_forms: dict[str, set[str]] = defaultdict(set)  # forms printed for registry entities
        self.articles_seen = 0
        self.characters = 0
        self._registry_names = _registry_index(registry)
        self._rules_only = None if recogniser else _place_automaton(self.places)
        self._leading_places: dict[str, Place | None] = {}

    # --- per article -----------------------------------------------------------------------

    def tag(self, article: Article) -> None:
        texts = [match_form(article.title), *(p.match_text for p in article.paragraphs),
                 match_form(article.byline or "")]
        indexes = [TITLE, *range(len(article.paragraphs)), BYLINE]
        # Captions are recognised on their own, so that the cached tokens of the article's
        # text stay valid whatever its captions are.
        captions = [match_form(c) for c in article.captions]
        self.articles_seen += 1
        self.characters += sum(len(t) for t in texts + captions)
        name_lists = self._names(texts) + (self._names(captions) if captions else [])
        texts += captions
        indexes += [caption_paragraph(k) for k in range(len(captions))]
        per_text = []
        everything = []
        taken_spans: dict[int, set[tuple[int, int]]] = {}
        for text, index, found in zip(texts, indexes, name_lists, strict=True):
            if index == BYLINE:
                found = [f for f in found if f.type == "person"]
            elif index <= FIRST_CAPTION:
                found = [f for f in found if not _photographer(text, f)]
            mentions = [m for m in article.mentions if m.paragraph == index]
            taken_spans[index] = {(m.start, m.end) for m in mentions}
            places = {(m.start, m.end) for m in mentions if self.registry.entities[m.entity_id].type == "region"}
            chosen = choose(found, sorted(taken_spans[index]), places)
            per_text.append((text, index, chosen))
            everything.extend(chosen)
        anchors, registry_places = self._registry_places(article)
        context = ArticleContext(self.places, everything, self._registry_names, [], "\n".join(texts))
        context.anchors.update(anchors)
        context.add_homes(self._homes(article, everything, registry_places, context))
        placed: list[Placed] = []
        for text, index, chosen in per_text:
            for found in chosen:
                proposal = propose(found, context, text[found.start:found.end])
                if proposal is None or self._is_rejected(proposal) or self._registry_programme_and_words(proposal):
                    continue
                start = found.start
                if proposal.level == "zone" and text[start:found.end].endswith(proposal.name):
                    start = found.end - len(proposal.name)  # the zone's own name, not a word run into it
                    proposal.forms = {proposal.name}
                placed.append(Placed(index, start, found.end, proposal))
                for offset, length, place in nested_places(found, context):
                    placed.append(Placed(index, found.start + offset, found.start + offset + length, place))
                zone = administered_zone(found, context, text[found.start:found.end])
                if zone is not None and (found.start, found.start + zone[0]) not in taken_spans[index]:
                    placed.append(Placed(index, found.start, found.start + zone[0], zone[1]))
                for length, parent in parent_organisations(found, context):
                    if (found.start, found.start + length) not in taken_spans[index] and not self._is_rejected(parent):
                        placed.append(Placed(index, found.start, found.start + length, parent))
        _one_programme_per_form(placed)
        self._record(article, placed)

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def _names(self, texts: list[str]) -> list[list[Found]]:
        """The rules' candidate names in each text, from the cache when it has them."""
        if self.cache is not None:
            return self.cache.names(texts, self.places, lambda text, tokens: find_names(text, tokens, self.places))
        if self.recogniser is not None:
            token_lists = [self.recogniser.tokens(t) if t else [] for t in texts]
        else:
            token_lists = [_rules_only_tokens(t, self._rules_only) for t in texts]
        return [find_names(text, tokens, self.places) for text, tokens in zip(texts, token_lists, strict=True)]

    def _home_place(self, home_region: str | None) -> Place | None:
        if not home_region or home_region not in self.registry.entities:
            return None
        return self._place_of(self.registry.entities[home_region])

    def _publication_place(self, publication: str | None) -> Place | None:
        """A publication named after its place (山西日报, 长春日报) is at home there."""
        if not publication:
            return None
        for length in range(min(len(publication), 8), 1, -1):
            options = [p for p in self.places.lookup(publication[:length])
                       if p.level in ("province", "prefecture", "county")]
            if options:
                return options[0] if len(options) == 1 else None
        return None

    def _place_of(self, entity: Entity) -> Place | None:
        options = self.places.by_name.get(entity.name, [])
        if len(options) > 1 and entity.parent in self.registry.entities:
            parent = self.registry.entities[entity.parent].name
            options = [p for p in options if p.parent and self.places.places[p.parent].name == parent] or options
        return options[0] if len(options) == 1 else None

    def _registry_places(self, article: Article) -> tuple[set[str], list[Place]]:
        """The gazetteer places of the registry's region mentions: their keys and those of the
        places above them, and one place per mention."""
        anchors, mentioned = set(), []
        for mention in article.mentions:
            entity = self.registry.entities.get(mention.entity_id)
            if entity is not None and entity.type == "region":
                place = self._place_of(entity)
                if place is not None:
                    mentioned.append(place)
                    anchors.add(place.key)
                    anchors.update(p.key for p in self.places.ancestors(place.key))
            elif entity is not None and entity.type in ("company", "institution"):
                place = self._leading_place(entity.name)
                if place is not None:
                    mentioned.append(place)
        return anchors, mentioned

    def _leading_place(self, name: str) -> Place | None:
        """The one province, city or county an organisation's name starts with (哈尔滨工业大学);
        remembered per name, since the same organisations come back in article after article."""
        if name not in self._leading_places:
            self._leading_places[name] = _leading_place(self.places, name)
        return self._leading_places[name]

    def _homes(self, article: Article, found: list, registry_places: list[Place],
               context: ArticleContext) -> list[Place]:
        """Where the article is at home: the curator's home_region, else the places the article
        names (home.py), else the place its publication is named after."""
        curated = self._home_place(article.home_region)
        if curated is not None:
            return [curated, *self.places.ancestors(curated.key)]
        mentioned = list(registry_places)
        for item in found:
            place = _named_place(item, context) if item.type != "program" else self._leading_place(item.name)
            if place is not None:
                mentioned.append(place)
        inferred = infer_homes(self.places, mentioned)
        if inferred:
            return inferred
        published = self._publication_place(article.publication)
        return [published, *self.places.ancestors(published.key)] if published else []

    def _is_rejected(self, proposal: Proposal) -> bool:
        for name in (proposal.name, *proposal.forms):
            if (name, None) in self.rejected or (name, proposal.type) in self.rejected:
                return True
        return False

    def _record(self, article: Article, placed: list[Placed]) -> None:
        tagged = set(article.entity_ids)  # the registry's tags of this article: discovery keeps them as they are
        mentions = list(article.mentions)
        for item in placed:
            surface = _surface(article, item.paragraph, item.start, item.end)
            printed = "".join(c for c in surface if not c.isspace() and c not in QUOTES)
            item.proposal.forms.add(printed)
            entity_id = self._registry_entity(item.proposal)
            if entity_id is not None:
                # A form of a registry entity: a further mention where the registry tags the
                # article already, or where the divisions dataset names the very same place
                # (中国 for 中华人民共和国); otherwise a suggestion for the curator only.
                self.registry_forms[entity_id].update(item.proposal.forms)
                if entity_id not in tagged and not self._same_place(item.proposal, entity_id):
                    continue
            else:
                self._keep(item.proposal)
                entity_id = PROVISIONAL + item.proposal.key
            mentions.append(Mention(entity_id, item.paragraph, item.start, item.end, surface))
        mentions.sort(key=lambda m: (reading_order(m.paragraph), m.start, -m.end))
        article.mentions = mentions
        article.entity_ids = list(dict.fromkeys(m.entity_id for m in mentions))

    def _same_place(self, proposal: Proposal, entity_id: str) -> bool:
        entity = self.registry.entities[entity_id]
        return proposal.place is not None and entity.type == "region" and entity.name == proposal.place.name

    def _keep(self, proposal: Proposal) -> None:
        """The first proposal of a name stands; later ones add their forms, role, affiliation."""
        known = self.proposals.setdefault(proposal.key, proposal)
        if known is not proposal:
            known.forms |= proposal.forms
            known.role = known.role or proposal.role
            known.affiliation = known.affiliation or proposal.affiliation

    # --- the state one file leaves, for work split over processes and cached per file ---------

    def take_state(self) -> DiscoveryState:
        """What tagging has gathered since the last call, handed over and cleared."""
        state = DiscoveryState(self.proposals, dict(self.registry_forms), self.articles_seen, self.characters)
        self.proposals, self.registry_forms = {}, defaultdict(set)
        self.articles_seen = self.characters = 0
        return state

    def absorb(self, state: DiscoveryState) -> None:
        """Add a file's state; absorbing files in file order equals tagging them here in order."""
        for proposal in state.proposals.values():
            self._keep(proposal)
        for entity_id, printed in state.registry_forms.items():
            self.registry_forms[entity_id] |= printed
        self.articles_seen += state.articles_seen
        self.characters += state.characters

    def _registry_programme_and_words(self, proposal: Proposal) -> bool:
        """某某经济圈 + 建设战略: a registry programme followed by words for what it is, which
        the registry's own mention (nested at its start) already stands for."""
        name = proposal.name
        while proposal.type == "program" and name:
            tail = next((w for w in PROGRAMME_TAILS if name.endswith(w) and len(name) > len(w)), None)
            if tail is None:
                return False
            name = name[: -len(tail)]
            if self._registry_names.get(("program", name)) or self._registry_names.get(("region", name)):
                return True
        return False

    def _registry_entity(self, proposal: Proposal) -> str | None:
        """The registry entity a proposal is (registry wins): same family, by name or form."""
        family = FAMILY[proposal.type]
        for name in (proposal.name, *sorted(proposal.forms)):
            owner = self._registry_names.get((family, name))
            if owner:
                return owner
        # A name the registry gives another type keeps the registry's type (成渝地区双城经济圈).
        for other in ("region", "org", "program", "person"):
            owner = self._registry_names.get((other, proposal.name))
            if owner:
                return owner
        return None

    # --- after every article ---------------------------------------------------------------

    def finish(self, articles: list[Article]) -> list[Entity]:
        """Entities for the proposals that kept articles mention, ids in place of provisional ones."""
        if not self.publish:
            _drop_provisional(articles)
            return []
        used = sorted({m.entity_id[1:] for a in articles for m in a.mentions if m.entity_id.startswith(PROVISIONAL)})
        ids = self._assign_ids(used)
        entities = [self._entity(self.proposals[key], ids[key], ids) for key in used]
        for article in articles:
            for mention in article.mentions:
                if mention.entity_id.startswith(PROVISIONAL):
                    mention.entity_id = ids[mention.entity_id[1:]]
            article.entity_ids = [ids.get(e[1:], e) if e.startswith(PROVISIONAL) else e for e in article.entity_ids]
            for figure in article.figures:
                figure.entity_ids = [ids.get(e[1:], e) if e.startswith(PROVISIONAL) else e for e in figure.entity_ids]
        return entities

    def registry_with(self, entities: list[Entity], articles: list[Article] = ()) -> Registry:
        """The curated registry plus discovered entities (a new object: the curated one is kept)."""
        merged = Registry(entities=dict(self.registry.entities), topics=self.registry.topics,
                          by_name=self.registry.by_name)
        surfaces: dict[str, set[str]] = defaultdict(set)  # one pass over the mentions, not one per entity
        for article in articles:
            for mention in article.mentions:
                if mention.entity_id in self.registry_forms:
                    surfaces[mention.entity_id].add(mention.surface)
        for entity_id, printed in self.registry_forms.items():
            # Forms the text printed for a registry entity (中国 for 中华人民共和国) join its
            # aliases in the digest; the curated registry itself is not changed.
            entity = merged.entities[entity_id]
            printed = surfaces.get(entity_id, set()) & printed
            known = {entity.name, *entity.aliases}
            extra = sorted(f for f in printed if f not in known)
            if extra:
                merged.entities[entity_id] = dataclasses.replace(entity, aliases=[*entity.aliases, *extra])
        for entity in entities:
            merged.entities[entity.id] = entity
        return merged

    def _assign_ids(self, keys: list[str]) -> dict[str, str]:
        """Slugs from the name, like registry entities; a clash adds the parent's, then the type."""
        ids: dict[str, str] = {}
        taken = set(self.registry.entities)
        by_slug: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            by_slug[slugify(self.proposals[key].name)].append(key)
        for slug, group in sorted(by_slug.items()):
            for key in group:
                candidate = slug
                if len(group) > 1 or candidate in taken:
                    proposal = self.proposals[key]
                    parent = self.places.places.get(proposal.parent_place) if proposal.parent_place else None
                    candidate = f"{slug}-{slugify(parent.name)}" if parent else f"{slug}-{proposal.type}"
                n = 2
                base = candidate
                while candidate in taken:
                    candidate = f"{base}-{n}"
                    n += 1
                taken.add(candidate)
                ids[key] = candidate
        return ids

    def _entity(self, proposal: Proposal, entity_id: str, ids: dict[str, str]) -> Entity:
        name = proposal.name
        aliases = sorted(f for f in proposal.forms if f != name)
        entity = Entity(
            id=entity_id, type=proposal.type, name=name, slug=entity_id, aliases=aliases,
            level=proposal.level if proposal.type == "region" else None,
            roles=[proposal.role] if proposal.role else [], origin="discovered", reviewed=False,
        )
        if proposal.place is not None and proposal.place.longitude is not None:
            entity.coordinates = (proposal.place.longitude, proposal.place.latitude)
        entity.parent = self._parent_id(proposal, ids)
        if proposal.options:
            entity.description = "同名地区，未能确定是哪一个：" + "、".join(
                _place_label(self.places, key) for key in proposal.options)
        return entity

    def _parent_id(self, proposal: Proposal, ids: dict[str, str]) -> str | None:
        """The nearest containing place that is an entity of the digest (registry or discovered)."""
        current = proposal.parent_place
        while current:
            if f"place:{current}" in ids:
                return ids[f"place:{current}"]
            place = self.places.places.get(current)
            if place is None:
                return None
            owner = self._registry_names.get(("region", place.name))
            if owner:
                return owner
            current = place.parent
        return None


def _one_programme_per_form(placed: list[Placed]) -> None:
    """《某某统计分析报告》(以下简称《分析报告》) … 《分析报告》: a later mention of a programme's
    short form is that programme."""
    by_form: dict[str, Proposal] = {}
    for item in placed:
        if item.proposal.type == "program":
            for form in sorted(item.proposal.forms):
                if form != item.proposal.name:
                    by_form.setdefault(form, item.proposal)
    for item in placed:
        owner = by_form.get(item.proposal.name)
        if item.proposal.type == "program" and owner is not None and owner is not item.proposal:
            item.proposal = owner


def _photographer(caption: str, found) -> bool:
    """记者 某某 摄 after a picture's description: who took the photo, not whom it shows."""
    return (found.type == "person" and caption[found.end:].lstrip().startswith(PHOTO_CREDIT)
            and any(mark in caption[:found.start] for mark in DESCRIPTION_ENDS))


def _named_place(found, context: ArticleContext) -> Place | None:
    """The one place a candidate names: a region, or the place an organisation is named after."""
    if found.type == "region":
        place, _ = context.place(found)
        return place
    nested = nested_place(found, context)
    return nested[1].place if nested else None


def _drop_provisional(articles: list[Article]) -> None:
    """unreviewed: omit: the discovered mentions go, the registry's stay as they were."""
    for article in articles:
        article.mentions = [m for m in article.mentions if not m.entity_id.startswith(PROVISIONAL)]
        article.entity_ids = [e for e in article.entity_ids if not e.startswith(PROVISIONAL)]
        for figure in article.figures:
            figure.entity_ids = [e for e in figure.entity_ids if not e.startswith(PROVISIONAL)]


def _place_label(places: Gazetteer, key: str) -> str:
    place = places.places[key]
    chain = [p.name for p in reversed(places.ancestors(key))] + [place.name]
    return "".join(chain)


def _surface(article: Article, paragraph: int, start: int, end: int) -> str:
    return article.text_of(paragraph)[start:end]


def _registry_index(registry: Registry) -> dict[tuple[str, str], str]:
    """(family, name or alias, match form) -> registry entity id; names shared by two stay out."""
    index: dict[tuple[str, str], str] = {}
    shared: set[tuple[str, str]] = set()
    for entity in registry.entities.values():
        family = FAMILY[entity.type]
        for name in {entity.name, *entity.aliases}:
            key = (family, match_form(name))
            if key in index and index[key] != entity.id:
                shared.add(key)
            index.setdefault(key, entity.id)
    for key in shared:
        del index[key]
    return index


# --- rules only (no recogniser) ------------------------------------------------------------

def _place_automaton(places: Gazetteer):
    automaton = ahocorasick.Automaton()
    for name in places.by_name:
        if len(name) >= MIN_RULES_ONLY_PLACE:
            automaton.add_word(name, len(name))
    for form, options in places.by_short.items():
        if any(p.level in ("country", "area", "province") for p in options):
            automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


def _leading_place(places: Gazetteer, name: str) -> Place | None:
    for length in range(min(len(name) - 1, MAX_PLACE_NAME), 1, -1):
        options = [p for p in places.lookup(name[:length]) if p.level in ("province", "prefecture", "county")]
        if options:
            return options[0] if len(options) == 1 else None
    return None


def _rules_only_tokens(text: str, automaton) -> list[Token]:
    """Without a recogniser: places from the gazetteer (full names, and short forms of
    provinces and countries), and after each place the shortest run that ends with an
    organisational or zone head; everything else is one opaque token per character."""
    if not text:
        return []
    spans = sorted(((end + 1 - n, end + 1) for end, n in automaton.iter(text)), key=lambda s: (s[0], -s[1]))
    places, last = [], -1
    for start, end in spans:
        if start >= last:
            places.append((start, end))
            last = end
    tokens: list[Token] = []
    position = 0
    for start, end in places:
        if start < position:
            continue
        tokens.extend(Token(i, i + 1, "x") for i in range(position, start))
        tokens.append(Token(start, end, "LOC"))
        position = end
        reach = text[end:end + RULES_ONLY_REACH]
        stop = next((i for i, c in enumerate(reach) if not ("\u4e00" <= c <= "\u9fff") or c in RULES_ONLY_STOPS),
                    len(reach))
        for length in range(1, stop + 1):
            head = forms.org_form(reach[:length]) or forms.zone_form(reach[:length])
            if head and len(head) > 1:
                tokens.append(Token(end, end + length, "n"))
                position = end + length
                break
    tokens.extend(Token(i, i + 1, "x") for i in range(position, len(text)))
    return tokens
