"""Split a source page into articles and give every non-blank line a role.

Stages, each a function below:
1. `_classify`: what each line is on its own (roles.py) — furniture, credits, captions,
   datelines, short headline-shaped lines, body text.
   `_in_context`: what a line is beside its neighbours — a field label's value, a word
   wedged between menus, a site statement's clauses, the links under the last paragraph.
2. `_headline_blocks`: runs of short lines followed by a byline, a dateline or page metadata
   (or a Markdown title) are headlines; a lone short line inside an article is a sub-heading,
   or a portrait caption when it is a post and a name.
3. `_assemble`: articles from headline to headline; text before the first headline joins the
   article it shares most words with; a page without any headline becomes one article with
   an inferred title.
4. `_mark_repeated_headlines` and `_mark_duplicates`: a headline printed twice and the stray
   copy of a repeated passage are `duplicate`; `_paragraphs` joins sentences cut across lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from build_digest import roles
from build_digest.model import Article, Line, Paragraph, Source
from build_digest.problems import Warnings
from build_digest.textutil import ends_sentence, han_count, match_form

SHORT_JOIN = 10  # a headline line shorter than this is a fragment of its neighbour
NUMERAL = "一二三四五六七八九十"
ENUMERATION = re.compile(rf"^\s*(?:[((][{NUMERAL}\d]+[))]|[{NUMERAL}]+、|\d+[.、]|第[{NUMERAL}]+)")
TIME_LEAD = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚)?$"
    r"|^(?:近日|日前|目前|近期|今年|去年|当前|近年来|眼下|[\u4e00-\u9fff]{1,3}以来)$"
)
# A headline printed again under a tag or a breadcrumb mark: 【专题名】… / >…
HEADLINE_TAG = re.compile(r"^(?:[【\[][^】\]]{1,12}[】\]]|[>›»]+)\s*")
INFERRED_MAX = 44  # longest lead clause taken whole as an inferred headline
LATER_MAX = 36  # a later clause stands in only when shorter, whole and not a continuation
CONTINUATION = re.compile(r"^(?:并|和|及|以及|还|也|同时|而|但|并且|其中|此外|从而|进而)")
# (以下简称…) asides are no headline material
ASIDE = re.compile(r"[((](?:以下)?简称[^()()]{0,20}[))]")


@dataclass
class _Draft:
    headline: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # everything after the headline


def segment(source: Source, warnings: Warnings) -> list[Article]:
    lines = source.content_lines
    for line in lines:
        _classify(line)
    _in_context(lines)
    _headline_blocks(lines)
    drafts = _assemble(lines)
    _mark_repeated_headlines(drafts)
    _mark_duplicates(drafts)
    articles = [_finish(draft, source) for draft in drafts]
    _record_repeated_articles(drafts, articles, source)
    articles = [a for a in articles if a.paragraphs]
    _carry_columns(articles)
    for line in lines:
        if line.role == "unplaced":
            warnings.add(source.file, line.number, f"could not place line ({line.reason}): {line.content[:30]}")
    return articles


# -- 1. each line on its own -------------------------------------------------------------

def _classify(line: Line) -> None:
    text = line.match_content
    if roles.dateline(text) and len(text) > 30:
        line.role, line.reason = "body", "dateline"
    elif roles.is_standfirst(text) and not roles.is_field_label(text):
        line.role, line.reason = "body", "standfirst"
    elif roles.is_metadata(text):
        line.role, line.reason = "metadata", "page metadata"
    elif roles.is_boilerplate(text):
        line.role, line.reason = "boilerplate", "page furniture"
    elif roles.is_byline(text):
        line.role, line.reason = "byline", "byline"
    elif roles.is_caption(text) and len(text) <= 120:
        line.role, line.reason = "caption", "caption wording"
    elif roles.is_pullquote_figure(text):
        line.role, line.reason = "pullquote", "figure set apart"
    elif line.gap_before >= 3 and len(text) <= 40 and not line.heading_level:
        # OCR pages leave a wide gap where a photo stood; the short line under it is its caption.
        line.role, line.reason = "caption", "short line after a picture gap"
    elif roles.is_title_like(text) or line.heading_level:
        line.role, line.reason = None, "short"
    else:
        line.role, line.reason = "body", "text"


def _is_short(line: Line) -> bool:
    return line.role is None


def _is_furniture(line: Line | None) -> bool:
    return line is None or line.role in ("boilerplate", "metadata")


def _in_context(lines: list[Line]) -> None:
    """Roles a line only shows beside its neighbours: field values, menu leftovers, footers."""
    _field_values(lines)
    _between_furniture(lines)
    _disclaimer_sections(lines)
    _page_footer(lines)


def _field_values(lines: list[Line]) -> None:
    """作者: on its own line, the names on the next: the value is metadata too."""
    for label, value in pairwise(lines):
        if (label.role == "metadata" and roles.is_field_label(label.match_content)
                and value.role != "metadata" and len(value.match_content) <= 30
                and not ends_sentence(value.match_content)):
            _set(value, "metadata", "value of the field above")


def _between_furniture(lines: list[Line]) -> None:
    """A word or two wedged between menus and page metadata is a menu leftover (首 页 / 登 录)."""
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if _is_short(line) and han_count(line.match_content) <= 4 and before is not None \
                and _is_furniture(before) and _is_furniture(after):
            _set(line, "boilerplate", "between page furniture")


def _disclaimer_sections(lines: list[Line]) -> None:
    """A site's statement (…声明) runs to the end of the page: its numbered clauses are furniture."""
    inside = False
    for line in lines:
        text = line.match_content
        if line.role == "boilerplate" and len(text) <= 40 and text.endswith("声明"):
            inside = True
        elif inside and line.role in (None, "body", "label"):
            _set(line, "boilerplate", "inside a site statement")


def _page_footer(lines: list[Line]) -> None:
    """After the last paragraph and the page furniture that closes it, short lines are links."""
    last = max((i for i, line in enumerate(lines) if _is_paragraph(line)), default=-1)
    closed = False
    for line in lines[last + 1:]:
        if _is_furniture(line):
            closed = True
        elif closed and line.role in (None, "body", "label"):
            _set(line, "boilerplate", "page footer")


def _is_paragraph(line: Line) -> bool:
    text = line.match_content
    return line.role == "body" and (ends_sentence(text) or len(text) > 40)


# -- 2. headlines ------------------------------------------------------------------------

def _headline_blocks(lines: list[Line]) -> None:
    """Decide for each run of short lines: headline, label, sub-heading or plain text."""
    i = 0
    article_open = False
    while i < len(lines):
        if not _is_short(lines[i]):
            if lines[i].role == "body":
                article_open = True
            i += 1
            continue
        j = i
        while j < len(lines) and _is_short(lines[j]):
            j += 1
        # A caption ends the run: a label above a photo does not head the story under it.
        following = lines[j] if j < len(lines) else None
        block = lines[i:j]
        if _judge_block(block, following, article_open):
            article_open = True
        i = j


def _judge_block(block: list[Line], following: Line | None, article_open: bool) -> bool:
    """Give each line of one run its role; True when the run holds a headline."""
    headline = _headline_of(block, following, article_open)
    leftovers = block[: len(block) - len(headline)] if headline else block
    for position, line in enumerate(leftovers):
        last = position == len(leftovers) - 1
        if roles.is_label_like(line.match_content) and not article_open:
            _set(line, "label", "label")
        elif article_open and roles.is_person_caption(line.match_content):
            _set(line, "caption", "post and name under a portrait")
        elif last and following is not None and "," not in line.match and not headline:
            _set(line, "body", "sub-heading")
        else:
            _set(line, "body", "text")
    return bool(headline)


def _is_strong(line: Line | None) -> bool:
    """A byline, a dateline or page metadata: what follows a headline and nothing else."""
    return line is not None and (line.role in ("byline", "metadata") or line.reason == "dateline")


def _headline_of(block: list[Line], following: Line | None, article_open: bool) -> list[Line]:
    """The trailing lines of `block` that make a headline (with its labels), or []."""
    strong = _is_strong(following)
    has_title_heading = any(line.heading_level == 1 for line in block)
    has_label = len(block) >= 2 and any(roles.is_label_like(line.match_content) for line in (block[0], block[-1]))
    if following is None:
        return []  # short lines closing a page are its last words or furniture
    if len(block) == 1 and roles.is_label_like(block[0].match_content) and not strong:
        if article_open:
            return []  # a short sub-heading inside an article
        _set(block[0], "label", "column label")
        return block
    if _is_stacked_headline(block, following, article_open):
        *main, deck = block
        for line in main:
            _set(line, "title", "stacked headline")
        _set(deck, "label", "subtitle")
        return block
    if not (strong or has_title_heading or has_label or not article_open):
        return []
    lines = list(block)
    taken: list[Line] = []
    if len(lines) > 1 and roles.is_label_like(lines[-1].match_content):
        line = lines.pop()
        _set(line, "label", "column label after its headline")
        taken.insert(0, line)
    main = [lines.pop()]
    while lines and ((len(main[0].content) < SHORT_JOIN and len(lines[-1].content) < SHORT_JOIN)
                     or lines[-1].content.endswith((":", ":"))):
        main.insert(0, lines.pop())
    for line in main:
        _set(line, "title", "headline")
    taken[:0] = main
    kicker_shaped = lines and not roles.is_label_like(lines[-1].match_content) and "," not in lines[-1].match
    if kicker_shaped and (strong or has_title_heading):
        line = lines.pop()
        _set(line, "label", "kicker")
        taken.insert(0, line)
    if lines and roles.is_label_like(lines[-1].match_content):
        line = lines.pop()
        _set(line, "label", "column label")
        taken.insert(0, line)
    return taken


def _is_stacked_headline(block: list[Line], following: Line | None, article_open: bool) -> bool:
    """Three or more short lines stacked over body text inside an article start a new item
    (an explainer or graphic set in the page): a sub-heading is one line, not a stack."""
    return (article_open and len(block) >= 3 and following is not None and following.role == "body"
            and not any("," in line.match or roles.is_label_like(line.match_content) for line in block))


def _set(line: Line, role: str, reason: str) -> None:
    line.role, line.reason = role, reason


# -- 3. articles -------------------------------------------------------------------------

def _assemble(lines: list[Line]) -> list[_Draft]:
    drafts: list[_Draft] = [_Draft()]
    for line in lines:
        starts_headline = line.role == "title" or (line.role == "label" and line.reason in ("column label", "kicker"))
        current = drafts[-1]
        continues_title = line.role == "title" and current.headline and not current.lines
        if starts_headline and not continues_title and (current.lines or current.headline):
            current = _Draft()
            drafts.append(current)
        (current.headline if starts_headline else current.lines).append(line)
    drafts = [d for d in drafts if d.headline or d.lines]
    titled = [d for d in drafts if any(line.role == "title" for line in d.headline)]
    if not titled:
        return [_Draft(lines=[line for d in drafts for line in d.headline + d.lines])] if drafts else []
    for draft in drafts:
        if draft not in titled:
            _place_stray(draft, titled)
    return titled


def _place_stray(stray: _Draft, titled: list[_Draft]) -> None:
    """Text outside any headline's reach joins the article it shares most words with."""
    lines = stray.headline + stray.lines
    body = [line for line in lines if line.role == "body"]
    if not body:
        target = min(titled, key=lambda d: abs(d.headline[0].number - lines[0].number))
    else:
        grams = _bigrams("".join(line.match for line in body))
        target = max(titled, key=lambda d: (_overlap(grams, _bigrams(_draft_text(d))), -titled.index(d)))
        for line in body:
            line.reason = "set apart from its headline"
    if lines[0].number < target.headline[0].number:
        target.lines[:0] = lines
    else:
        target.lines.extend(lines)


def _draft_text(draft: _Draft) -> str:
    return "".join(line.match for line in draft.headline + draft.lines if line.role in ("title", "body"))


def _bigrams(text: str) -> Counter:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return Counter(a + b for a, b in pairwise(han))


def _overlap(a: Counter, b: Counter) -> int:
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


# -- 4. duplicates -----------------------------------------------------------------------

def _headline_key(text: str) -> str:
    return _normal(roles.headline_text(HEADLINE_TAG.sub("", text.strip())))


def _mark_repeated_headlines(drafts: list[_Draft]) -> None:
    """Web pages print the headline twice (once tagged, once in the page body): keep the first."""
    for draft in drafts:
        titles = [line for line in draft.headline if line.role == "title"]
        if not titles:
            continue
        key = _headline_key("".join(line.match_content for line in titles))
        for line in draft.lines:
            if line.role in ("body", "label", "title") and len(key) >= 4 and _headline_key(line.match_content) == key:
                _set(line, "duplicate", f"repeats the headline on line {titles[0].number}")


# -- 4b. duplicate passages --------------------------------------------------------------

def _cosine(a: Counter, b: Counter) -> float:
    """Similarity of two bigram profiles that does not favour the longer article."""
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    norm = (sum(c * c for c in a.values()) * sum(c * c for c in b.values())) ** 0.5
    return dot / norm if norm else 0.0


def _normal(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’]", "", text)


def _mark_duplicates(drafts: list[_Draft]) -> None:
    """Of two copies of a passage, keep the one whose article it belongs to."""
    owner: dict[int, _Draft] = {}
    candidates: list[Line] = []
    for draft in drafts:
        for line in draft.lines:
            if line.role in ("body", "caption") and len(_normal(line.match)) >= 8:
                owner[id(line)] = draft
                candidates.append(line)
    normals = {id(line): _normal(line.match) for line in candidates}
    # Index every line by the 8-character prefix of its normal form, then by length and text:
    # a line contained in another is found by looking up, at each position of the longer line,
    # the slice of each indexed length (near-linear even when many lines share a prefix).
    by_prefix: dict[str, dict[int, dict[str, list[Line]]]] = {}
    for line in candidates:
        normal = normals[id(line)]
        by_prefix.setdefault(normal[:8], {}).setdefault(len(normal), {}).setdefault(normal, []).append(line)
    pairs: list[tuple[Line, Line]] = []  # (copy, the line that contains it)
    for longer in candidates:
        text = normals[id(longer)]
        seen: set[int] = set()
        for start in range(len(text) - 7):
            for length, by_text in by_prefix.get(text[start:start + 8], {}).items():
                if start + length > len(text) or (length < 15 and length != len(text)):
                    continue
                for shorter in by_text.get(text[start:start + length], ()):
                    if shorter is longer or id(shorter) in seen or shorter.role != longer.role:
                        continue
                    seen.add(id(shorter))
                    if length == len(text) and shorter.number < longer.number:
                        continue
                    pairs.append((shorter, longer))
    repeated = {id(line) for pair in pairs for line in pair}
    # Equal copies in two articles usually come as a block (a column repeated in the wrong
    # place): judge the whole block at once, by all the passages the two articles share.
    shared: dict[tuple[int, int], Counter] = {}
    for copy, container in pairs:
        first, second = sorted((copy, container), key=lambda line: line.number)
        key = (id(owner[id(first)]), id(owner[id(second)]))
        shared[key] = shared.get(key, Counter()) + _bigrams(first.match)
    for copy, container in pairs:
        if copy.role == "duplicate" or container.role == "duplicate":
            continue
        stray = _stray_copy(copy, container, owner, normals, repeated, shared)
        kept = container if stray is copy else copy
        stray.role, stray.reason = "duplicate", f"repeats line {kept.number}"


REPEATS = re.compile(r"repeats line (\d+)")


def _record_repeated_articles(drafts: list[_Draft], articles: list[Article], source: Source) -> None:
    """A whole article printed twice on one page leaves a copy with nothing but duplicate
    lines: record it in also_in of the article it repeats instead of dropping it silently."""
    owner = {n: a for a in articles if a.paragraphs for n in a.body_lines}
    for draft, article in zip(drafts, articles, strict=True):
        if article.paragraphs:
            continue
        copies = [line for line in draft.lines if line.role == "duplicate"]
        found = REPEATS.match(copies[0].reason) if copies else None
        first = owner.get(int(found.group(1))) if found else None
        if first is not None:
            first.also_in.append({"file": source.file, "lines": [line.number for line in copies]})


def _stray_copy(copy: Line, container: Line, owner: dict[int, _Draft], normals: dict[int, str],
                repeated: set[int], shared: dict[tuple[int, int], Counter]) -> Line:
    """The copy that does not continue its article's flow.

    A strictly shorter copy is a fragment of the longer. Between equal copies in different
    articles, the one whose article is closer to the shared passages (outside repeated
    lines) stays; otherwise the first copy stays.
    """
    if len(normals[id(copy)]) < len(normals[id(container)]):
        return copy
    first, second = sorted((copy, container), key=lambda line: line.number)
    home_first, home_second = owner[id(first)], owner[id(second)]
    if home_first is not home_second:
        grams = shared[(id(home_first), id(home_second))]
        score_first = _cosine(grams, _bigrams(_text_outside(home_first, repeated)))
        score_second = _cosine(grams, _bigrams(_text_outside(home_second, repeated)))
        if score_first < score_second:
            return first
    return second


def _text_outside(draft: _Draft, repeated: set[int]) -> str:
    return "".join(line.match for line in draft.headline + draft.lines
                   if id(line) not in repeated and line.role in ("title", "body"))


# -- 5. the finished article -------------------------------------------------------------

def _finish(draft: _Draft, source: Source) -> Article:
    title_lines = [line for line in draft.headline if line.role == "title"]
    labels = [line for line in draft.headline + draft.lines if line.role == "label"]
    article = Article(source=source.file, title="")
    article.title_lines = [line.number for line in title_lines]
    article.title = roles.headline_text(_join([line.content for line in title_lines]))
    decks = ("kicker", "subtitle")  # printed with the headline, unlike a column name
    kickers = [line.content for line in labels if line.reason in decks]
    columns = [line.content.strip("“”\"「」") for line in labels if line.reason not in decks]
    article.kicker = " ".join(kickers) or None
    article.column = columns[0] if columns else None
    article.paragraphs = _paragraphs([line for line in draft.lines if line.role == "body"])
    article.captions = [line.content for line in draft.lines if line.role == "caption"]
    article.byline = _byline(draft, article.paragraphs)
    if not article.title:
        article.title = infer_title(article.paragraphs)
        article.title_inferred = True
    return article


def _byline(draft: _Draft, paragraphs: list[Paragraph]) -> str | None:
    """Who wrote it: a byline line, else a credit in the page metadata, the dateline or the last words."""
    bylines = [roles.byline_names(line.content) for line in draft.lines if line.role == "byline"]
    if bylines:
        return " ".join(bylines)
    for text in _metadata_fields(draft.lines):
        credit = roles.metadata_credit(text)
        if credit:
            return credit
    found = roles.dateline(paragraphs[0].match_text) if paragraphs else None
    if found and found.credit:
        return found.credit
    closing = roles.CLOSING_CREDIT.search(paragraphs[-1].match_text) if paragraphs else None
    return re.sub(r"\s+", " ", closing.group("credit")) if closing else None


def _metadata_fields(lines: list[Line]) -> list[str]:
    """Metadata lines, with a field label on its own line joined to the value below it."""
    fields: list[str] = []
    for line in lines:
        if line.role != "metadata":
            continue
        if fields and roles.is_field_label(fields[-1]):
            fields[-1] += line.match_content
        else:
            fields.append(line.match_content)
    return fields


def _carry_columns(articles: list[Article]) -> None:
    """A column label heads a run of briefs: later briefs (dateline first) share it."""
    for previous, article in pairwise(articles):
        if article.column is None and previous.column and _is_brief(previous) and _is_brief(article):
            article.column = previous.column


def _is_brief(article: Article) -> bool:
    return bool(article.paragraphs) and roles.dateline(article.paragraphs[0].match_text) is not None


def _join(parts: list[str]) -> str:
    """Join headline lines: no space between Chinese characters, one between Latin words."""
    out = ""
    for part in parts:
        part = part.strip()
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            out += " "
        out += part
    return out


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for line in lines:
        is_heading = line.reason == "sub-heading"
        text = _clean_text(line)
        previous = paragraphs[-1] if paragraphs else None
        if (previous and previous.kind == "p" and not is_heading and _cut_mid_sentence(previous.text)
                and not ENUMERATION.match(line.content) and not roles.dateline(line.match.strip())):
            previous.text += text
            previous.lines.append(line.number)
            line.reason = f"continues line {previous.lines[0]}"
            continue
        paragraphs.append(Paragraph(text=text, lines=[line.number], kind="h" if is_heading else "p"))
    for paragraph in paragraphs:
        paragraph.match_text = match_form(paragraph.text)
    return paragraphs


def _clean_text(line: Line) -> str:
    """The line's text without anti-scraping scraps glued to its ends (match and text align)."""
    start, end = roles.junk_free_span(line.match_content)
    return line.content[start:end].strip()


def _cut_mid_sentence(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and not ends_sentence(stripped) and not stripped.endswith("\ufffd") and len(stripped) > 20


def infer_title(paragraphs: list[Paragraph]) -> str:
    """A short, faithful headline for a page that prints none: its first informative clause.

    Clauses are found on the matching form and cut from the published text (same length),
    so a traditional-script page keeps its own script. The dateline, its credit and a
    standfirst label are never part of it.
    """
    texts = [p for p in paragraphs if p.kind == "p"]
    for paragraph in texts:
        title = _first_clause(paragraph)
        if title:
            return title
    if not texts:
        return "无题"
    start, end = _first_sentence(texts[0].match_text)
    fallback = texts[0].text[start:end].strip()
    return (fallback[:INFERRED_MAX - 2] + "…") if len(fallback) > INFERRED_MAX else fallback or "无题"


def _first_sentence(match: str) -> tuple[int, int]:
    """Span of the first sentence after any dateline, credit or standfirst label."""
    found = roles.dateline(match)
    start = found.end if found else 0
    label = re.match(r"\s*[【\[]?(?:摘要|导语|内容提要|提要)[】\]]?\s*:?\s*", match[start:])
    if label:
        start += label.end()
    sentence_end = re.search(r"[。!?]", match[start:])
    return start, (start + sentence_end.start() if sentence_end else len(match))


def _without_asides(text: str, match: str) -> str:
    """Drop (简称…) asides, found on the matching form so either script works."""
    for aside in reversed(list(ASIDE.finditer(match))):
        text = text[:aside.start()] + text[aside.end():]
    return text


def _first_clause(paragraph: Paragraph) -> str | None:
    """The first clause that says what happened; a list of officials present says only who."""
    match, text = paragraph.match_text, paragraph.text
    start, end = _first_sentence(match)
    clauses = []
    for piece in re.finditer(r"[^,;:]+", match[start:end]):
        a, b = start + piece.start(), start + piece.end()
        clause_match = match[a:b].strip()
        if TIME_LEAD.match(clause_match) or han_count(clause_match) < 6 or roles.is_person_caption(clause_match):
            continue
        clauses.append(_without_asides(text[a:b], match[a:b]).strip())
    if not clauses:
        return None
    first = clauses[0]
    if len(first) <= INFERRED_MAX:
        return first
    for later in clauses[1:]:
        if len(later) <= LATER_MAX and han_count(later) >= 10 and not CONTINUATION.match(match_form(later)):
            return later
    return first[:LATER_MAX - 1] + "…"
