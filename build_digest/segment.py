"""Split a source page into articles and give every non-blank line a role.

Stages, each a function below:
1. **Shape** (roles.py): what each line is on its own: furniture, metadata, byline, caption,
   standfirst, tag, figure, headline-shaped (short) or running text.
   `shapes_in_context`: what a line is beside its neighbours: a field label's value, a
   word wedged between menus, a site statement's clauses, the links under the last
   paragraph, the caption under a picture gap.
2. **Headlines** (`_plan_headlines`): before the first paragraph, the last run of short lines
   is the headline (earlier ones are page furniture or labels); after it, a run of short lines
   starts a new article when a byline, page metadata or a dateline follows it, or page
   metadata stands above it (an e-paper's edition line), and is a crosshead otherwise. A
   byline or a dateline after finished paragraphs starts a new article without a headline.
3. **Articles** (`_assemble`): from start to start; text before the first start joins the
   article it shares most words with.
4. **Duplicates**: a headline printed twice, a standfirst that repeats a paragraph and the
   stray copy of a repeated passage are `duplicate`.
5. **Roles** (`_assign_roles`): every line gets its role once, from the plan made above or
   from its shape; `_paragraphs` joins sentences cut across lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import ahocorasick

from build_digest import roles
from build_digest.line_context import indented, is_tiny, sets_paragraphs_indented, shapes_in_context
from build_digest.model import Article, Line, Paragraph, Source
from build_digest.problems import Warnings
from build_digest.roles import Shape
from build_digest.textutil import ends_sentence, han_count, match_form

SHORT_JOIN = 10  # a headline line shorter than this is a fragment of its neighbour
RUN_ON_ENDS = ("及", "和", "与", "暨", "的", "、", "并")  # a headline line ending so goes on below
RUN_ON_STARTS = ("关于",)  # 关于…的通知/决议 follows its issuer's name in a document's title
# What a document's title ends on (某某关于…的通告): all its lines up to 关于 are the title
DOCUMENT_KINDS = ("通告", "通知", "公告", "决定", "决议", "意见", "办法", "规定", "批复", "方案", "条例", "细则",
                  "通报")
ROUNDUP_ITEM = re.compile(r"^【[^】]{2,12}】[^。]{6,60}$")  # 【某某网】an item's headline
ROUNDUP_MIN_ITEMS = 2  # items so headed that make a page a roundup
STORY_MIN_CHARS = 30  # the longest paragraph of every labelled story is longer than this (49 and up)
STACK_MIN = 3  # short lines stacked over text inside an article: an item set in the page
STANDFIRST_MAX_LINES = 2  # a summary above the byline runs a paragraph or two, never the story
DUPLICATE_MIN = 8  # characters a line needs before its repetition means anything
CONTAINED_MIN = 15  # a shorter line found inside another is a common phrase, not a copy
# 成人票原价:279元 / 咨询电话:58792888: an item's field and value, as a list inside a story sets them
LISTED_FIELD = re.compile(r"^[^:]{1,12}:\s*\S")
NUMERAL = "一二三四五六七八九十"
ENUMERATION = re.compile(rf"^\s*(?:[((][{NUMERAL}\d]+[))]|[{NUMERAL}]+、|\d+[.、]|第[{NUMERAL}]+)")
TIME_LEAD = re.compile(
    r"^(?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚)?$"
    r"|^(?:近日|日前|目前|近期|今年|去年|当前|近年来|眼下|[\u4e00-\u9fff]{1,3}以来)$"
)
INFERRED_MAX = 44  # longest lead clause taken whole as an inferred headline
LATER_MAX = 36  # a later clause stands in only when shorter, whole and not a continuation
INFERRED_MIN_HAN = 6  # a clause with fewer Chinese characters says too little to head a story
CONTINUATION = re.compile(r"^(?:并|和|及|以及|还|也|同时|而|但|并且|其中|此外|从而|进而)")
# (以下简称…) asides are no headline material
ASIDE = re.compile(r"[((](?:以下)?简称[^()()]{0,20}[))]")
# Lines between a headline and its first paragraph: they neither end the headline's reach nor
# open the story.
HEADER_SHAPES = (Shape.METADATA, Shape.BYLINE, Shape.FURNITURE, Shape.CAPTION, Shape.STANDFIRST, Shape.TAG)


@dataclass
class _Decision:
    role: str
    reason: str
    crosshead: bool = False
    deck: bool = False  # a label printed with the headline (kicker, subtitle), not a column name


@dataclass
class _Draft:
    headline: list[Line] = field(default_factory=list)  # title, kicker, subtitle and label lines
    lines: list[Line] = field(default_factory=list)  # everything after the headline
    starts_story: bool = False  # opened by a headline, a byline or a dateline (not stray text)


@dataclass
class _Plan:
    """Roles decided by the structure of the page; every other line takes its shape's role."""

    decisions: dict[int, _Decision] = field(default_factory=dict)
    starts: set[int] = field(default_factory=set)  # lines that open an article
    repeats: dict[int, int] = field(default_factory=dict)  # duplicate line -> the line it repeats
    indent_marks_text: bool = False  # the page indents its paragraphs and nothing else (_indent_marks_text)
    # Lines with page metadata right under them: a web page sets its heading there, over its date
    above_metadata: set[int] = field(default_factory=set)

    def decide(self, line: Line, role: str, reason: str, crosshead: bool = False, deck: bool = False) -> None:
        self.decisions[line.number] = _Decision(role, reason, crosshead, deck)

    def decided(self, line: Line) -> bool:
        return line.number in self.decisions

    def role(self, line: Line) -> str | None:
        """The role the plan gave the line; None when its shape will decide it."""
        decision = self.decisions.get(line.number)
        return decision.role if decision else None


def segment(source: Source, warnings: Warnings) -> list[Article]:
    lines = source.content_lines
    for line in lines:
        line.shape = roles.shape_of(line.match_content, line.heading_level)
    shapes_in_context(lines)
    plan = _Plan(indent_marks_text=_indent_marks_text(lines))
    _plan_headlines(lines, plan)
    drafts = _assemble(lines, plan)
    _mark_repeated_headlines(drafts, plan)
    _mark_standfirsts(drafts, plan)
    _mark_duplicates(drafts, plan)
    _assign_roles(lines, plan)
    articles = [_finish(draft, plan, source) for draft in drafts]
    _record_repeated_articles(drafts, articles, plan, source)
    articles = [a for a in articles if a.paragraphs]
    for directory in [a for a in articles if not _has_running_text(a)]:
        _set_as_furniture(directory, lines, "a block without running text (a directory of links)")
        articles.remove(directory)
    _carry_columns(articles)
    for line in lines:
        if line.role == "unplaced":
            warnings.add(source.file, line.number, f"could not place line ({line.reason}): {line.content[:30]}")
    return articles


# -- 2. headlines ------------------------------------------------------------------------

def _short_runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive headline-shaped lines."""
    runs, i = [], 0
    while i < len(lines):
        if lines[i].shape != Shape.SHORT:
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].shape == Shape.SHORT:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _next_story_line(lines: list[Line], index: int) -> tuple[Line | None, bool]:
    """The first line from `index` on that is not header material, and whether a byline or
    page metadata stood before it (what only follows a headline)."""
    credited = False
    for line in lines[index:]:
        if line.shape in HEADER_SHAPES:
            # a bare date under a short line closes a letter or notice (signature and date)
            credit = line.shape == Shape.BYLINE or (line.shape == Shape.METADATA
                                                     and not roles.is_bare_date(line.match_content))
            credited = credited or credit
            continue
        return line, credited
    return None, credited


def _opens_with_dateline(line: Line | None) -> bool:
    return line is not None and line.shape == Shape.TEXT and roles.dateline(line.match_content) is not None


def _plan_headlines(lines: list[Line], plan: _Plan) -> None:
    plan.above_metadata = _above_metadata(lines)
    items = _roundup_items(lines)
    first_text = _first_text(lines, plan)
    runs = _short_runs(lines)
    header_runs = [run for run in runs if run[1] <= first_text]
    if header_runs:
        _plan_page_header(lines, header_runs, first_text, plan)
    else:
        _plan_opening_credit(lines, first_text, plan)
    article_open = first_text < len(lines)
    labels: set[int] = set()  # column labels under a byline, decided with the headline above them
    for start, end in runs:
        if end <= first_text or all(line.number in labels for line in lines[start:end]):
            continue
        following, credited = _next_story_line(lines, end)
        credited = credited or _metadata_before(lines, start)
        if credited and following is not None and following.shape == Shape.SHORT \
                and roles.is_label_like(following.match_content):
            # headline, page metadata or byline, a column label, then the story: the label's
            after, _ = _next_story_line(lines, lines.index(following) + 1)
            if after is not None and after.shape == Shape.TEXT:
                plan.decide(following, "label", "column label under the byline")
                labels.add(following.number)
                following = after
        if _signed(lines, end) and (following is None or following.shape != Shape.TEXT):
            # 某某办公室 over 2021年12月17日 closing a notice or a letter: its signature
            for line in lines[start:end]:
                plan.decide(line, "boilerplate", "signature above the date closing the text")
            continue
        _judge_run(lines[start:end], following, credited, article_open, plan,
                   cut_paragraph=start > 0 and lines[start - 1].shape == Shape.TEXT and end == len(lines))
    for line in items:
        plan.decide(line, "title", "an item of a roundup (【source】 headline)")
        plan.starts.add(line.number)
    _plan_unheaded_starts(lines, first_text, plan)


def _above_metadata(lines: list[Line]) -> set[int]:
    """Numbers of the lines that page metadata follows, with nothing but furniture between."""
    found, following_metadata = set(), False
    for line in reversed(lines):
        if line.shape != Shape.FURNITURE:
            if following_metadata:
                found.add(line.number)
            following_metadata = line.shape == Shape.METADATA
    return found


def _roundup_items(lines: list[Line]) -> list[Line]:
    """A roundup (资讯汇总, 早报) heads each item with its source in brackets and a headline
    (【某某网】某某: 某某), the item's text under it. Two or more such lines over text make the
    page a roundup: each heads an article of its own (their shape becomes a headline's)."""
    items = [line for line, after in pairwise(lines)
             if ROUNDUP_ITEM.match(line.match_content) and after.shape == Shape.TEXT
             and not ends_sentence(line.match_content)]
    if len(items) < ROUNDUP_MIN_ITEMS:
        return []
    for line in items:
        line.shape = Shape.SHORT
    return items


def _signed(lines: list[Line], end: int) -> bool:
    """The line right after the short lines ending at `end` is a bare date."""
    return end < len(lines) and lines[end].shape == Shape.METADATA and roles.is_bare_date(lines[end].match_content)


def _metadata_before(lines: list[Line], start: int) -> bool:
    """Page metadata (an e-paper's edition line, 来源 …) stands between the last paragraph
    and the short lines at `start`, with nothing else but furniture: a story ended there, so
    they head the next one (a crosshead is never set under page metadata). A bare date is not
    enough: it closes a notice (signature, date) whose attachment's title follows."""
    for line in reversed(lines[:start]):
        if line.shape == Shape.METADATA:
            return not roles.is_bare_date(line.match_content)
        if line.shape not in (Shape.FURNITURE, Shape.TAG):
            return False
    return False


def _plan_page_header(lines: list[Line], runs: list[tuple[int, int]], first_text: int, plan: _Plan) -> None:
    """Before the first paragraph, the headline is the last run of short lines that the page
    metadata or a byline follows (web pages set title, then date and source), else the last
    run; when an earlier run prints the same words, the earlier (a page repeats its headline
    under tags and widgets). Other runs are labels, repeats or page furniture (edition
    headers, site names, slogans, campaign labels)."""
    chosen = _headline_run(lines, runs)
    headline = chosen is not None
    if headline:
        key = _run_key(lines, runs[chosen])
        # An earlier printing of the same words wins; a headline too short to compare is its own.
        chosen = next((i for i, run in enumerate(runs[:chosen]) if _same_headline(_run_key(lines, run), key)),
                      chosen)
        start, end = runs[chosen]
        following, credited = _next_story_line(lines, end)
        _plan_headline(lines[start:end], credited or _opens_with_dateline(following), plan)
    else:
        _plan_opening_credit(lines, first_text, plan)
    for index, (run_start, run_end) in enumerate(runs):
        if headline and index == chosen:
            continue
        for line in lines[run_start:run_end]:
            if headline and index > chosen and _same_headline(_run_key(lines, (run_start, run_end)), key):
                plan.decide(line, "duplicate", f"repeats the headline on line {lines[start].number}")
                plan.repeats[line.number] = lines[start].number
            elif roles.is_label_like(line.match_content):
                plan.decide(line, "label", "column label")
            else:
                plan.decide(line, "boilerplate", "page header above the headline")


def _headline_run(lines: list[Line], runs: list[tuple[int, int]]) -> int | None:
    """Index of the run that heads the page's first article, or None."""
    credited_runs = []
    for index, (_, end) in enumerate(runs):
        _, credited = _next_story_line(lines, end)
        after = lines[end] if end < len(lines) else None
        if credited and after is not None and after.shape in (Shape.METADATA, Shape.BYLINE, Shape.FURNITURE):
            credited_runs.append(index)
    # A column's name over the byline (社会 / 社会中心/综合报导) heads nothing when a headline
    # with its own credit stands above it.
    headed = [i for i in credited_runs if not _lone_label(lines, runs[i])]
    credited_runs = headed or credited_runs
    last = len(runs) - 1
    start, end = runs[last]
    following, credited = _next_story_line(lines, end)
    leads_to_text = following is not None and following.shape == Shape.TEXT
    lone_label = end - start == 1 and roles.is_label_like(lines[start].match_content)
    opens_story = credited or _opens_with_dateline(following)
    if credited_runs and not (opens_story and leads_to_text and not lone_label):
        return credited_runs[-1]
    if leads_to_text and not (lone_label and not credited and not _opens_with_dateline(following)):
        return last
    return credited_runs[-1] if credited_runs else None


def _lone_label(lines: list[Line], run: tuple[int, int]) -> bool:
    start, end = run
    return end - start == 1 and roles.is_label_like(lines[start].match_content)


def _same_headline(a: str, b: str) -> bool:
    """Two printings of one headline: equal, or one inside the other (a prefix or a tag added)."""
    return len(a) >= 4 and len(b) >= 4 and (a == b or (min(len(a), len(b)) >= 8 and (a in b or b in a)))


def _plan_opening_credit(lines: list[Line], first_text: int, plan: _Plan) -> None:
    """A page that opens on a byline or a dateline without a headline: that story is an
    article of its own (inferred title), not text for a later headline to claim."""
    opening = lines[first_text] if first_text < len(lines) else None
    credit = next((line for line in lines[:first_text] if line.shape == Shape.BYLINE), None)
    if credit is not None:
        plan.starts.add(credit.number)
    elif _opens_with_dateline(opening):
        plan.starts.add(opening.number)


def _run_key(lines: list[Line], run: tuple[int, int]) -> str:
    return _headline_key("".join(line.match_content for line in lines[run[0]:run[1]]))


def _first_text(lines: list[Line], plan: _Plan) -> int:
    """Index of the page's first line of running text. An unfinished line of text right above
    a headline-shaped line, with nothing before it but furniture, is a long kicker (引题)
    over the page's headline, not the story's first paragraph. A lone line of text that other
    short lines and widgets keep from a credited headline further down is a blurb of the
    page (an author's box, a promotion): neither kicker nor text."""
    first = next((i for i, line in enumerate(lines) if line.shape == Shape.TEXT), len(lines))
    while first + 1 < len(lines) and lines[first + 1].shape == Shape.SHORT and _headline_further_down(lines, first + 1):
        plan.decide(lines[first], "boilerplate", "a line of text among the furniture above the headline")
        first = next((i for i, line in enumerate(lines) if i > first and line.shape == Shape.TEXT), len(lines))
    if first + 1 < len(lines) and lines[first + 1].shape == Shape.SHORT:
        kicker = lines[first]
        if (not ends_sentence(kicker.match_content) and roles.dateline(kicker.match_content) is None
                and not is_tiny(kicker)):  # 令 over 第15号 in a decree: a word, no kicker
            plan.decide(kicker, "label", "kicker", deck=True)
            plan.starts.add(kicker.number)
            return next((i for i, line in enumerate(lines) if i > first and line.shape == Shape.TEXT), len(lines))
    return first


def _headline_further_down(lines: list[Line], start: int) -> bool:
    """The short lines from `start` on head nothing, but a later run of short lines, before any
    text, is a headline that page metadata or a byline credits."""
    runs = _short_runs(lines[start:])
    for number, (run_start, run_end) in enumerate(runs):
        if any(line.shape == Shape.TEXT for line in lines[start:start + run_start]):
            return False
        following, credited = _next_story_line(lines, start + run_end)
        if following is not None and following.shape == Shape.TEXT:
            return credited and number > 0
    return False


def _judge_run(block: list[Line], following: Line | None, credited: bool, article_open: bool,
               plan: _Plan, cut_paragraph: bool = False) -> None:
    """A run of short lines after the first paragraph: a new article's headline, a label, a
    crosshead or a caption."""
    strong = credited or _opens_with_dateline(following)
    has_title_heading = any(line.heading_level == 1 for line in block)
    # A column's name set after a headline (某某标题 / 思享) marks an item of the page; a short
    # word over a short line inside a story is a picture's label over its caption (活动现场).
    has_label = len(block) >= 2 and roles.is_label_like(block[-1].match_content)
    leads_to_text = following is not None and following.shape == Shape.TEXT
    if not leads_to_text:
        _plan_leftovers(block, following, plan, cut_paragraph)  # short lines closing a page: its last words or links
        return
    if len(block) == 1 and roles.is_label_like(block[0].match_content) and not strong:
        plan.decide(block[0], "body", "crosshead", crosshead=True)
        return
    if _is_stacked_headline(block, following):
        *main, deck = block
        for line in main:
            plan.decide(line, "title", "stacked headline")
        plan.decide(deck, "label", "subtitle", deck=True)
        plan.starts.add(block[0].number)
        return
    if strong or has_title_heading or has_label:
        _plan_headline(block, strong or has_title_heading, plan)
        return
    _plan_leftovers(block, following, plan)


def _plan_leftovers(block: list[Line], following: Line | None, plan: _Plan, cut_paragraph: bool = False) -> None:
    """Short lines inside an article that head nothing: portrait captions, crossheads, text."""
    for position, line in enumerate(block):
        last = position == len(block) - 1
        if roles.is_person_caption(line.match_content):
            plan.decide(line, "caption", "post and name under a portrait")
        elif last and following is not None and following.shape == Shape.TEXT and "," not in line.match:
            plan.decide(line, "body", "crosshead", crosshead=True)

        elif following is None and len(block) == 1 and cut_paragraph:
            # The page's last line, short, right under a paragraph: the paragraph the excerpt
            # cut off (links and widgets come in runs, or under other furniture).
            plan.decide(line, "body", "text cut off at the end of the page")
        elif following is None and plan.indent_marks_text and indented(line):
            # Set as a paragraph, where the page's furniture is set flush: the start of a
            # paragraph (or crosshead) the page cut off, not a link or a label.
            plan.decide(line, "body", "indented text cut off at the end of the page")
        elif following is None and not re.search(r"[,、]", line.match):
            plan.decide(line, "boilerplate", "short line closing the page")
        elif following is None:
            plan.decide(line, "body", "text cut off at the end of the page")
        else:
            plan.decide(line, "body", "short line of text")


def _indent_marks_text(lines: list[Line]) -> bool:
    """The page indents its paragraphs and sets its other lines (headline, metadata, furniture)
    flush left: there an indent says "running text". A page indented throughout says nothing."""
    return sets_paragraphs_indented(lines) and any(not indented(line) for line in lines if line.shape != Shape.TEXT)


def _is_stacked_headline(block: list[Line], following: Line | None) -> bool:
    """Three or more short lines stacked over body text inside an article start a new item
    (an explainer or graphic set in the page): a crosshead is one line, not a stack."""
    return (len(block) >= STACK_MIN and following is not None and following.shape == Shape.TEXT
            and not any("," in line.match or roles.is_label_like(line.match_content) for line in block)
            and not any(ENUMERATION.match(line.content) or LISTED_FIELD.match(line.match_content) for line in block))


def _plan_headline(block: list[Line], credited: bool, plan: _Plan) -> None:
    """Decide the lines of a headline block: column labels, kicker (引题), main headline (主题)
    and subtitle (副题). Of two stacked lines the main headline is the shorter, punchy one, or
    the one shaped "subject: statement"; a dash or a bracketed column name marks a subtitle."""
    lines = list(block)
    if len(lines) > 1 and roles.is_label_like(lines[-1].match_content):
        plan.decide(lines.pop(), "label", "column label after its headline")
    while len(lines) > 1 and _headline_key(lines[-2].match_content) == _headline_key(lines[-1].match_content):
        # the page's title printed over its heading, word for word: one headline
        repeat = lines.pop(-2)
        plan.decide(repeat, "duplicate", f"repeats the headline on line {lines[-1].number}")
        plan.repeats[repeat.number] = lines[-1].number
    if _has_subtitle(lines, block[-1].number in plan.above_metadata):
        plan.decide(lines.pop(), "label", "subtitle", deck=True)
    main = [lines.pop()]
    while lines and ((len(main[0].content) < SHORT_JOIN and len(lines[-1].content) < SHORT_JOIN)
                     or lines[-1].content.endswith((":", ":")) or _runs_on(lines[-1], main[0])
                     or _document_title_goes_on(lines, main)):
        main.insert(0, lines.pop())
    for line in main:
        plan.decide(line, "title", "headline")
    if lines and not roles.is_label_like(lines[-1].match_content) and "," not in lines[-1].match:
        plan.decide(lines.pop(), "label", "kicker", deck=True)
    if lines and roles.is_label_like(lines[-1].match_content):
        plan.decide(lines.pop(), "label", "column label")
    for line in lines:
        plan.decide(line, "boilerplate", "above the headline")
    opening = next(line for line in block if plan.role(line) not in ("boilerplate", "duplicate"))
    plan.starts.add(opening.number)


def _has_subtitle(lines: list[Line], over_metadata: bool) -> bool:
    """Whether the last of these headline lines is a subtitle (副题) under the main headline:
    set so (a dash, a bracketed note) or shaped so beside the line above; never a line of a
    document's title set over several lines."""
    if len(lines) < 2 or _document_title_goes_on(lines[:-1], lines[-1:]):
        return False
    return roles.is_subtitle(lines[-1].match_content) or _upper_is_main(lines[-2], lines[-1], over_metadata)


def _document_title_goes_on(upper: list[Line], title: list[Line]) -> bool:
    """A document's title (…的通告) set over several lines goes up to the line with 关于."""
    joined = "".join(line.match_content for line in title)
    return (title[-1].match_content.endswith(DOCUMENT_KINDS) and "关于" not in joined
            and any("关于" in line.match_content for line in upper))


def _runs_on(upper: Line, lower: Line) -> bool:
    """A headline broken mid-phrase: the upper line ends on a conjunction (…外汇及 / 调整…),
    or the lower opens the subject of a document titled by its issuer (某某委员会 / 关于…的决议)."""
    return upper.match_content.endswith(RUN_ON_ENDS) or lower.match_content.startswith(RUN_ON_STARTS)


def _upper_is_main(upper: Line, lower: Line, over_metadata: bool = False) -> bool:
    """Of two whole headline lines, whether the upper is the main headline (the lower then
    being its subtitle) rather than the kicker above it. In print the shorter, punchier line
    is; a web page sets its heading first and a subtitle under it, over the date and source."""
    a, b = upper.match_content, lower.match_content
    if len(a) < SHORT_JOIN and len(b) < SHORT_JOIN or a.endswith(":"):
        return False  # fragments of one headline set over two lines
    if roles.is_label_like(a):
        return False  # a column's name above its headline
    if re.search(r"[^:]:[^:]", a) and not re.search(r":", b):
        return True  # "subject: statement" is the main headline's form
    if roles.is_couplet(a) != roles.is_couplet(b):
        return roles.is_couplet(a)  # two balanced phrases: the main headline's form
    if over_metadata:
        return len(a) >= SHORT_JOIN  # a short line over a web page's heading is its column's name
    return len(a) < len(b)


def _plan_unheaded_starts(lines: list[Line], first_text: int, plan: _Plan) -> None:
    """After finished paragraphs, a byline followed by text, or a dateline paragraph, opens a
    new article that prints no headline (briefs set one after another). A byline after no
    more than a standfirst's worth of text is the current article's own."""
    paragraphs = 0  # since the last article start
    for index, line in enumerate(lines):
        if index < first_text:
            continue
        if line.number in plan.starts:
            paragraphs = 0
        if plan.decided(line):
            continue
        if line.shape == Shape.TEXT:
            # Page metadata right above is this story's header, unless finished paragraphs stand
            # before it: then it closed the story before (责任编辑 …, 来源 …).
            header = _after_header(lines, index) and paragraphs <= STANDFIRST_MAX_LINES
            if paragraphs and roles.dateline(line.match_content) is not None and not header:
                plan.starts.add(line.number)
                paragraphs = 0
            paragraphs += 1
        elif line.shape == Shape.BYLINE and paragraphs > STANDFIRST_MAX_LINES and index + 1 < len(lines) \
                and lines[index + 1].shape == Shape.TEXT:
            plan.starts.add(line.number)
            paragraphs = 0


def _after_header(lines: list[Line], index: int) -> bool:
    """The line follows a byline or metadata (the header of an article already started)."""
    for line in reversed(lines[:index]):
        if line.shape in (Shape.BYLINE, Shape.METADATA):
            return True
        if line.shape in (Shape.TEXT, Shape.SHORT):
            return False
    return False


# -- 3. articles -------------------------------------------------------------------------

def _headline_part(line: Line, plan: _Plan) -> bool:
    decision = plan.decisions.get(line.number)
    if decision is not None and decision.role == "duplicate" and line.number in plan.repeats:
        return True  # the headline printed twice (page title over heading): still the headline block
    return decision is not None and decision.role in ("title", "label") and not decision.crosshead


def _assemble(lines: list[Line], plan: _Plan) -> list[_Draft]:
    drafts: list[_Draft] = [_Draft()]
    for line in lines:
        current = drafts[-1]
        if line.number in plan.starts and (current.lines or _has_title(current, plan)):
            current = _Draft()
            drafts.append(current)
        if line.number in plan.starts:
            current.starts_story = True
        in_headline = _headline_part(line, plan) and not current.lines
        (current.headline if in_headline else current.lines).append(line)
    drafts = [d for d in drafts if d.headline or d.lines]
    stories = [d for d in drafts if d.starts_story]
    if not stories:
        return [_Draft(lines=[line for d in drafts for line in d.headline + d.lines], starts_story=True)] \
            if drafts else []
    for draft in drafts:
        if not draft.starts_story:
            _place_stray(draft, stories)
    return stories


def _has_title(draft: _Draft, plan: _Plan) -> bool:
    return any(plan.role(line) == "title" for line in draft.headline)


def _place_stray(stray: _Draft, stories: list[_Draft]) -> None:
    """Text outside any headline's reach joins the article it shares most words with."""
    lines = stray.headline + stray.lines
    body = [line for line in lines if line.shape == Shape.TEXT]
    if not body:
        target = min(stories, key=lambda d: abs(_first_number(d) - lines[0].number))
    else:
        grams = _bigrams("".join(line.match for line in body))
        target = max(stories, key=lambda d: (_overlap(grams, _bigrams(_draft_text(d))), -stories.index(d)))
    if lines[0].number < _first_number(target):
        target.lines[:0] = lines
    else:
        target.lines.extend(lines)


def _first_number(draft: _Draft) -> int:
    return (draft.headline or draft.lines)[0].number


def _draft_text(draft: _Draft) -> str:
    return "".join(line.match for line in draft.headline + draft.lines if line.shape in (Shape.TEXT, Shape.SHORT))


def _bigrams(text: str) -> Counter:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return Counter(a + b for a, b in pairwise(han))


def _overlap(a: Counter, b: Counter) -> int:
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


# -- 4. duplicates -----------------------------------------------------------------------

def _headline_key(text: str) -> str:
    return _normal(roles.headline_text(roles.echoed_headline(text) or text))


def _normal(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’「」]", "", text)


def _is_text_role(line: Line, plan: _Plan) -> bool:
    """Whether the line would be read as the article's text (body, label or title)."""
    role = plan.role(line)
    return role in ("body", "label", "title") or (role is None and line.shape in (Shape.TEXT, Shape.SHORT))


def _mark_repeated_headlines(drafts: list[_Draft], plan: _Plan) -> None:
    """Web pages print the headline twice (once tagged, once in the page body): keep the first."""
    for draft in drafts:
        titles = [line for line in draft.headline if plan.role(line) == "title"]
        if not titles:
            continue
        key = _headline_key("".join(line.match_content for line in titles))
        if len(key) < 4:
            continue
        for line in draft.lines:
            if _is_text_role(line, plan) and _headline_key(line.match_content) == key:
                plan.decide(line, "duplicate", f"repeats the headline on line {titles[0].number}")
                plan.repeats[line.number] = titles[0].number


def _mark_standfirsts(drafts: list[_Draft], plan: _Plan) -> None:
    """Text between the headline and the byline, when the story runs on below it, summarises
    it (a standfirst), often in words the story repeats."""
    for draft in drafts:
        lines = draft.lines
        credits = [i for i, line in enumerate(lines) if line.shape == Shape.BYLINE]
        first_text = next((i for i, line in enumerate(lines) if line.shape == Shape.TEXT), None)
        if not credits or first_text is None or not draft.headline:
            continue
        credit = next((i for i in credits if i > first_text), None)
        if credit is None or not any(line.shape == Shape.TEXT for line in lines[credit + 1:]):
            continue
        summary = [line for line in lines[first_text:credit] if line.shape == Shape.TEXT]
        if len(summary) > STANDFIRST_MAX_LINES:
            continue  # a whole story above a closing credit, not a summary
        for line in summary:
            if not plan.decided(line):
                plan.decide(line, "standfirst", "summary above the byline")


def _cosine(a: Counter, b: Counter) -> float:
    """Similarity of two bigram profiles that does not favour the longer article."""
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    norm = (sum(c * c for c in a.values()) * sum(c * c for c in b.values())) ** 0.5
    return dot / norm if norm else 0.0


def _mark_duplicates(drafts: list[_Draft], plan: _Plan) -> None:
    """Of two copies of a passage, keep the one whose article it belongs to."""
    owner: dict[int, _Draft] = {}
    candidates: list[Line] = []
    for draft in drafts:
        for line in draft.lines:
            if _copy_kind(line, plan) and len(_normal(line.match)) >= DUPLICATE_MIN:
                owner[id(line)] = draft
                candidates.append(line)
    normals = {id(line): _normal(line.match) for line in candidates}
    # Index every line by the 8-character prefix of its normal form, then by length and text:
    # a line contained in another is found by looking up, at each position of the longer line,
    # the slice of each indexed length (near-linear even when many lines share a prefix).
    by_prefix: dict[str, dict[int, dict[str, list[Line]]]] = {}
    for line in candidates:
        normal = normals[id(line)]
        by_prefix.setdefault(normal[:DUPLICATE_MIN], {}).setdefault(len(normal), {}).setdefault(normal, []).append(line)
    pairs: list[tuple[Line, Line]] = []  # (copy, the line that contains it)
    # The positions where some indexed prefix starts, found in one pass per line.
    prefixes = ahocorasick.Automaton()
    for prefix in by_prefix:
        prefixes.add_word(prefix, prefix)
    if by_prefix:
        prefixes.make_automaton()
    for longer in candidates:
        text = normals[id(longer)]
        seen: set[int] = set()
        for end, prefix in prefixes.iter(text):
            start = end - DUPLICATE_MIN + 1
            for length, by_text in by_prefix[prefix].items():
                if start + length > len(text) or (length < CONTAINED_MIN and length != len(text)):
                    continue
                for shorter in by_text.get(text[start:start + length], ()):
                    if shorter is longer or id(shorter) in seen:
                        continue
                    if _copy_kind(shorter, plan) != _copy_kind(longer, plan):
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
        if plan.role(copy) == "duplicate" or plan.role(container) == "duplicate":
            continue
        stray = _stray_copy(copy, container, owner, normals, repeated, shared, plan)
        kept = container if stray is copy else copy
        plan.decide(stray, "duplicate", f"repeats line {kept.number}")
        plan.repeats[stray.number] = kept.number


def _copy_kind(line: Line, plan: _Plan) -> str | None:
    """Which lines can repeat each other: text with text, captions with captions."""
    role = plan.role(line)
    if role == "standfirst" or (role is None and line.shape == Shape.TEXT) or role == "body":
        return "text"
    if role is None and line.shape == Shape.CAPTION:
        return "caption"
    return None


def _stray_copy(copy: Line, container: Line, owner: dict[int, _Draft], normals: dict[int, str],
                repeated: set[int], shared: dict[tuple[int, int], Counter], plan: _Plan) -> Line:
    """The copy that does not continue its article's flow.

    A standfirst repeating the story is the stray copy; a strictly shorter copy is a fragment
    of the longer. Between equal copies in different articles, the one whose article is
    closer to the shared passages (outside repeated lines) stays; otherwise the first stays.
    """
    for line, other in ((copy, container), (container, copy)):
        if plan.role(line) == "standfirst" and plan.role(other) != "standfirst":
            return line
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
                   if id(line) not in repeated and line.shape in (Shape.TEXT, Shape.SHORT))


# -- 5. roles ----------------------------------------------------------------------------

SHAPE_ROLES = {
    Shape.FURNITURE: ("boilerplate", "page furniture"),
    Shape.METADATA: ("metadata", "page metadata"),
    Shape.BYLINE: ("byline", "byline"),
    Shape.CAPTION: ("caption", "caption"),
    Shape.STANDFIRST: ("standfirst", "labelled summary"),
    Shape.TAG: ("label", "bracketed tag"),
    Shape.FIGURE: ("pullquote", "figure set apart"),
    Shape.SHORT: ("body", "short line of text"),
    Shape.TEXT: ("body", "text"),
}


def _assign_roles(lines: list[Line], plan: _Plan) -> None:
    """The one place where a line's role is set."""
    for line in lines:
        decision = plan.decisions.get(line.number)
        line.role, line.reason = (decision.role, decision.reason) if decision else SHAPE_ROLES[line.shape]
        line.crosshead = bool(decision and decision.crosshead)
        line.deck = bool(decision and decision.deck)


def _finish(draft: _Draft, plan: _Plan, source: Source) -> Article:
    title_lines = [line for line in draft.headline if line.role == "title"]
    labels = [line for line in draft.headline + draft.lines if line.role == "label"]
    article = Article(source=source.file, title="")
    article.title_lines = [line.number for line in title_lines]
    article.title = roles.headline_text(_join([line.content for line in title_lines]))
    kickers = [line.content for line in labels if line.deck]
    columns = [line.content.strip("“”\"「」【】[] ") for line in labels if not line.deck]
    article.kicker = " ".join(kickers) or None
    article.column = columns[0] if columns else None
    article.paragraphs = _paragraphs([line for line in draft.lines if line.role == "body"])
    article.captions = [line.content for line in draft.lines if line.role == "caption"]
    article.standfirst = " ".join(line.content for line in draft.lines if line.role == "standfirst") or None
    article.byline = _byline(draft, article.paragraphs)
    article.furniture_lines = [line.number for line in draft.headline + draft.lines if line.role != "body"]
    tag = roles.LEADING_TAG.match(article.title)
    if tag and han_count(article.title[tag.end():]) >= INFERRED_MIN_HAN:
        article.column = article.column or tag.group("tag")
        article.title = article.title[tag.end():].strip()
    if not article.title:
        article.title = _original_title(draft) or ""
    if not article.title:
        article.title = infer_title(article.paragraphs)
        article.title_inferred = True
    return article


def _original_title(draft: _Draft) -> str | None:
    """A page that prints its headline only as 原标题:… (the last such line is the main title)."""
    for line in reversed(draft.headline + draft.lines):
        title = roles.original_title(line.match_content) if line.role == "metadata" else None
        if title:
            return roles.headline_text(line.content[len(line.match_content) - len(title):])
    return None


def _record_repeated_articles(drafts: list[_Draft], articles: list[Article], plan: _Plan, source: Source) -> None:
    """A whole article printed twice on one page leaves a copy with nothing but duplicate
    lines: record it in also_in of the article it repeats instead of dropping it silently."""
    owner = {n: a for a in articles if a.paragraphs for n in a.body_lines}
    for draft, article in zip(drafts, articles, strict=True):
        if article.paragraphs:
            continue
        copies = [line for line in draft.lines if line.role == "duplicate"]
        first = owner.get(plan.repeats.get(copies[0].number, -1)) if copies else None
        if first is not None:
            first.also_in.append({"file": source.file, "lines": [line.number for line in copies]})


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


def _has_running_text(article: Article) -> bool:
    """A story has a paragraph of some length, or a credit (a byline, a dateline); a block of
    slogans or link titles under a headline-like line has neither (a site's column directory)."""
    if max(len(p.text) for p in article.paragraphs) >= STORY_MIN_CHARS or article.byline:
        return True
    return any(roles.dateline(p.match_text) for p in article.paragraphs)


def _set_as_furniture(article: Article, lines: list[Line], reason: str) -> None:
    own = set(article.body_lines) | set(article.title_lines) | set(article.furniture_lines)
    for line in lines:
        if line.number in own and line.role not in ("boilerplate", "metadata"):
            line.role, line.reason = "boilerplate", reason


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
    by_number = {line.number: line for line in lines}
    for line in lines:
        text = _clean_text(line)
        previous = paragraphs[-1] if paragraphs else None
        if (previous and previous.kind == "p" and not line.crosshead and _cut_mid_sentence(previous.text)
                and not ENUMERATION.match(line.content) and not roles.dateline(line.match.strip())):
            previous.text += text
            previous.lines.append(line.number)
            line.reason = f"continues line {previous.lines[0]}"
            continue
        paragraphs.append(Paragraph(text=text, lines=[line.number], kind="h" if line.crosshead else "p"))
    for paragraph in paragraphs:
        line = by_number[paragraph.lines[0]]
        # Most paragraphs are a whole line: its matching form is made already (reader.py).
        whole = len(paragraph.lines) == 1 and paragraph.text == line.text
        paragraph.match_text = line.match if whole else match_form(paragraph.text)
    return paragraphs


def _clean_text(line: Line) -> str:
    """The line's text without anti-scraping scraps glued to its ends, nor page fields glued to
    its start (来源:… 发布时间:… before the first sentence); match and text align."""
    start, end = roles.junk_free_span(line.match_content)
    start = max(start, roles.glued_fields_end(line.match_content))
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
    label = roles.SUMMARY_LABEL.match(match[start:])
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
        if (TIME_LEAD.match(clause_match) or han_count(clause_match) < INFERRED_MIN_HAN
                or roles.is_person_caption(clause_match)):
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
