"""The document model every stage enriches: sources, lines, articles, mentions, entities.

Like spaCy's Doc/Span, offsets are kept so that every tag points back into the source text:
a paragraph knows which source lines it was made of, and a mention knows its paragraph and
character span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = (
    "body",
    "title",
    "byline",
    "caption",
    "label",
    "pullquote",
    "duplicate",
    "boilerplate",
    "metadata",
    "standfirst",
    "unplaced",
)

ENTITY_TYPES = ("region", "program", "company", "institution", "person")

# Directory (and URL prefix) of each entity type's pages.
TYPE_DIRS = {
    "region": "regions",
    "program": "programs",
    "company": "companies",
    "institution": "institutions",
    "person": "people",
}

# Under each type's directory: the pages of names with no page of their own (render/shelves.py).
# Not a pinyin syllable, so no generated slug is the same; a page of that slug would sit beside it.
SHELF_DIR = "unreviewed"

TYPE_LABELS = {
    "region": "地区",
    "program": "项目与机制",
    "company": "企业",
    "institution": "机构",
    "person": "人物",
}


@dataclass
class SourceMeta:
    """Curated metadata of one source file (data/sources.yml); every field optional."""

    publication: str | None = None
    date: str | None = None
    url: str | None = None
    home_region: str | None = None
    attribution: str | None = None
    rights: str | None = None  # "excerpt": the publication allows only excerpts (rights.py)


@dataclass
class Line:
    number: int  # 1-based line number in the source file
    text: str  # as published (original script, original punctuation)
    role: str = "unplaced"  # set once by segmentation; "unplaced" only if nothing placed it
    reason: str = ""  # which rule gave the role: shown in warnings and the build report
    shape: str = ""  # what the line is on its own (roles.Shape), before its neighbours are seen
    crosshead: bool = False  # a short heading inside an article's text
    deck: bool = False  # a label printed with the headline (kicker 引题, subtitle 副题)
    heading_level: int = 0  # Markdown '#' count, 0 when none
    gap_before: int = 0  # blank lines between this and the previous non-blank line
    match: str = ""  # simplified, half-width copy of text for rules and tagging (same length)

    @property
    def content(self) -> str:
        """Text without Markdown heading marks and surrounding whitespace."""
        return self.text.strip().lstrip("#").strip() if self.heading_level else self.text.strip()

    @property
    def match_content(self) -> str:
        """`match` without Markdown heading marks and surrounding whitespace."""
        return self.match.strip().lstrip("#").strip() if self.heading_level else self.match.strip()


@dataclass
class Source:
    """A file as read: its lines (the text lives there once; a whole copy of the file would
    double what the cache, the workers' results and the model hold)."""

    file: str
    encoding: str
    meta: SourceMeta
    lines: list[Line] = field(default_factory=list)
    withheld: set[int] = field(default_factory=set)  # lines whose text may not be published

    @property
    def content_lines(self) -> list[Line]:
        return [line for line in self.lines if line.text.strip()]


@dataclass
class Paragraph:
    """A paragraph of an article body, made of one or more source lines in reading order."""

    text: str
    lines: list[int]  # source line numbers joined into this paragraph
    kind: str = "p"  # "p" or "h" (sub-heading)
    match_text: str = ""  # simplified-script copy of text, same length


TITLE = -1  # Mention.paragraph of the title
BYLINE = -2  # ... of the byline
FIRST_CAPTION = -3  # ... of captions[0]; captions[k] is FIRST_CAPTION - k


def caption_paragraph(index: int) -> int:
    return FIRST_CAPTION - index


def reading_order(paragraph: int) -> tuple[int, int]:
    """Sort key of a mention's place: title, byline, the paragraphs, then the captions."""
    if paragraph >= 0:
        return 1, paragraph
    if paragraph <= FIRST_CAPTION:
        return 2, FIRST_CAPTION - paragraph
    return 0, -paragraph


@dataclass
class Mention:
    entity_id: str
    paragraph: int  # index into Article.paragraphs; TITLE, BYLINE, or a caption (caption_paragraph)
    start: int
    end: int
    surface: str


@dataclass
class Figure:
    value: str  # the figure as printed: "190.1亿元", "18%"
    kind: str  # amount, percent, count
    sentence: str
    paragraph: int
    entity_ids: list[str] = field(default_factory=list)
    topic_ids: list[str] = field(default_factory=list)  # topics with a keyword in its sentence
    number: str = ""  # normalised value, a plain decimal: "19010000000"
    unit: str = ""  # CNY, USD, %, pp, t, kW … or the counter word as printed (家, 项)
    approx: bool = False  # the text gives a lower bound (30余家, 100多项)
    span: tuple[int, int] = (0, 0)  # the sentence's characters in its paragraph


@dataclass
class Article:
    source: str  # file name
    title: str
    title_inferred: bool = False
    kicker: str | None = None
    date: str | None = None
    date_md: str | None = None  # "MM-DD" when the page prints a month and day but no year
    publication: str | None = None
    url: str | None = None
    attribution: str | None = None
    column: str | None = None
    byline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    standfirst: str | None = None  # a summary printed above the story (摘要), not part of it
    furniture_lines: list[int] = field(default_factory=list)  # the article's non-body lines: dates, credits
    title_lines: list[int] = field(default_factory=list)
    home_region: str | None = None
    also_in: list[dict] = field(default_factory=list)
    id: str = ""
    mentions: list[Mention] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)  # in order of first mention
    topic_ids: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    related: list[tuple[str, int]] = field(default_factory=list)  # (article id, shared entities)
    body_key: str = ""  # identity of the body's text, and the sketch of its shingles (dedupe.py)
    sketch: list[int] = field(default_factory=list)
    excerpt: bool = False  # only the headline and first paragraph may be published (rights.py)
    full_paragraphs: int = 0  # paragraphs of the full text, for an excerpt

    @property
    def body_lines(self) -> list[int]:
        return [n for p in self.paragraphs for n in p.lines]

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def text_of(self, paragraph: int) -> str:
        """The published text a mention's `paragraph` points into."""
        if paragraph == TITLE:
            return self.title
        if paragraph == BYLINE:
            return self.byline or ""
        if paragraph <= FIRST_CAPTION:
            return self.captions[FIRST_CAPTION - paragraph]
        return self.paragraphs[paragraph].text


@dataclass
class Entity:
    id: str
    type: str
    name: str
    slug: str
    aliases: list[str] = field(default_factory=list)
    local_aliases: list[str] = field(default_factory=list)
    name_en: str | None = None
    description: str | None = None
    parent: str | None = None  # entity id
    region: str | None = None  # entity id
    level: str | None = None
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None  # entity id
    origin: str = ""  # "file:line" where the curator defined it, or "discovered"
    reviewed: bool = True  # False: found by discovery, not (yet) in the curated registry
    coordinates: tuple[float, float] | None = None  # (longitude, latitude) of a division
    paged: bool = True  # False: too rarely named, unreviewed, for a page of its own: on a shelf (digest.py)

    @property
    def url(self) -> str:
        return f"{TYPE_DIRS[self.type]}/{self.slug}/"

    @property
    def shelf_url(self) -> str:
        """The page listing it when it has no page of its own: its type's shelf of names that
        begin with its slug's letter (render/shelves.py)."""
        initial = self.slug[:1]
        return f"{TYPE_DIRS[self.type]}/{SHELF_DIR}/{initial if 'a' <= initial <= 'z' else '0'}/"

    @property
    def link_url(self) -> str:
        """Where a link to it goes: its page, else its entry (an anchor) on its shelf."""
        return self.url if self.paged else f"{self.shelf_url}#{self.slug}"

    @property
    def pinyin(self) -> str:
        """The name in pinyin for readers: computed when a page or the export asks, so that
        checking a registry of thousands of entities never pays for it."""
        from build_digest.slugs import pinyin_display

        return pinyin_display(self.name)


@dataclass
class Topic:
    id: str
    name: str
    slug: str
    keywords: list[str]
    description: str | None = None
    origin: str = ""

    @property
    def url(self) -> str:
        return f"topics/{self.slug}/"
