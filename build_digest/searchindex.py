"""The search index readers download: sharded by term, loaded a few small files at a time.

Built from the model (never by parsing HTML). Every searchable page becomes a record; its
text is cut into terms:

- Chinese: every pair of neighbouring characters (a character bigram), so any word of two or
  more characters is found wherever it stands, also inside longer words (高新 in 包头稀土高新区,
  赤峰 in 赤峰市), with no dictionary to keep in step with the registry;
- Latin letters and digits: whole lowercase words (found by prefix);
- keys: the whole names a reader types for an entity, topic or hub (names, aliases, short
  forms, pinyin); an exact key ranks its page first, a key that starts with the query next.

Text is indexed in simplified script (the tagger's `match_form`); the browser maps
traditional characters of a query to simplified ones with a small table loaded only when a
query has a character the index does not hold.

Files under `search/` of the site:

- `manifest.json`: which shards exist (a bitmap over the CJK block, the Latin prefixes);
- `t/<shard>.json`: the terms that begin with one character (Chinese) or two letters, each with
  its postings (page number, weight), so typing 稀, then 稀土, reuses one file; a large shard is
  split by the next character (`t/<shard>-<part>.json`, plus `-k` with its keys alone);
- `d/<number>.json`: per page, what a result shows (title, address, kind, a stretch of text);
- `t2s.json`: traditional → simplified characters, for queries typed in traditional script.

`docs/assets/search-worker.js` answers Material's search box with these files.

Pages are numbered in a fixed order (hubs, topics and entities, then articles oldest first),
so a new article is appended: an incremental update rewrites only the shards its terms touch
and its own result file, and gives the same bytes as a full rebuild.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import operator
import os
import re
import shutil
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from build_digest.textutil import match_form

INDEX_DIR = "search"
STATE_FILE = "state.json"  # beside the index in the work folder, never published
FORMAT = 5  # bumped when the files change shape; a different format means a full rebuild

TITLE_WEIGHT = 10  # a term in the title or a key outweighs this many mentions in the text
TITLE_HITS = 2  # title mentions counted at most (a title repeating a word is no better)
BODY_HITS = 9  # text mentions counted at most, so a long article cannot drown a short one
FRAGMENT_CHARS = 600  # text kept per page for the snippet a result shows
# A term file larger than this is split in parts (a query word needs one part): common first
# characters (的, 新, 技) hold hundreds of pairs, and a reader's query must stay well under 500 KB.
SHARD_BYTES = 24_000
MAX_PARTS = 64
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF  # the CJK block the manifest's bitmap covers

_TERMS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9]+")
_LATIN_MIN = 2  # Latin words shorter than this are not indexed (single letters are noise)


@dataclass(frozen=True)
class SearchRecord:
    """One page as search sees it."""

    url: str  # site path, "" for the home page
    title: str
    kind: str  # label a result shows: 报道, 地区, 主题, …
    order: tuple  # numbering: (group, date, url); articles oldest first, after everything else
    keys: tuple[str, ...] = ()  # whole names that find this page first
    text: str = ""  # as shown (snippets)
    match_text: str = ""  # simplified copy of text (computed when empty)
    meta: str = ""  # date and publication, shown with the result
    boost: int = 1  # weight of an exact or prefix key hit

    def digest(self) -> str:
        fields = [getattr(self, f.name) for f in dataclasses.fields(self)]
        return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def shard_of(term: str) -> str:
    """Shard name of a term or key: its first Chinese character, else its first two letters."""
    head = term[:2]
    name = _SHARD_NAMES.get(head)
    if name is None:  # one string per shard, shared by every page that has terms in it
        name = _SHARD_NAMES[head] = f"u{ord(head[0]):04x}" if _is_han(head[0]) else "a-" + head
    return name


_SHARD_NAMES: dict[str, str] = {}


def normal(text: str) -> str:
    """What terms are cut from: simplified script, half-width, lowercase."""
    return match_form(text).lower()


def key_form(name: str) -> str:
    """A key as the browser compares a query word with it: its Chinese and Latin runs, joined."""
    return "".join(_TERMS.findall(normal(name)))


def _count_terms(text: str, han_heads: set[str], latin_heads: set[str]) -> Counter:
    """Character pairs within runs of Chinese characters, and Latin words, with their counts.

    The heads get what the terms begin with (a Chinese character, two letters), from which the
    shards a page touches are known without looking at each of its terms."""
    han = _NOT_HAN.sub(" ", text)
    han_heads.update(han)
    counts = Counter(map(operator.add, han, han[1:]))
    for pair in [pair for pair in counts if " " in pair]:
        del counts[pair]
    words = [word for word in _LATIN.findall(text) if len(word) >= _LATIN_MIN]
    latin_heads.update(word[:2] for word in words)
    counts.update(words)
    return counts


def analyse_record(record: SearchRecord) -> tuple[dict[str, int], str]:
    """({term: weight}, heads): keys appear as '=' + key with the record's boost; heads as
    the Chinese characters terms begin with, then the two-letter beginnings, space-separated."""
    keys = list(dict.fromkeys(k for k in (key_form(k) for k in record.keys) if k))
    han_heads = {key[0] for key in keys if _is_han(key[0])}
    latin_heads = {key[:2] for key in keys if not _is_han(key[0])}
    title = _count_terms(" ".join([normal(record.title), *keys]), han_heads, latin_heads)
    body = _count_terms(record.match_text.lower() if record.match_text else normal(record.text), han_heads, latin_heads)
    weights = {term: min(count, BODY_HITS) for term, count in body.items()}
    for term, count in title.items():
        weights[term] = weights.get(term, 0) + TITLE_WEIGHT * min(count, TITLE_HITS)
    for key in keys:
        weights["=" + key] = record.boost
    han_heads.discard(" ")
    return weights, f"{''.join(sorted(han_heads))} {' '.join(sorted(latin_heads))}"


def record_terms(record: SearchRecord) -> dict[str, int]:
    return analyse_record(record)[0]


def shards_of(heads: str) -> set[str]:
    """The shards a page's terms fall in, from its heads (see analyse_record)."""
    han, _, latin = heads.partition(" ")
    return {shard_of(char) for char in han} | {shard_of(head) for head in latin.split()}


# Postings as text: each number a little-endian run of 5-bit digits, a digit of 32..63 saying
# "more follow"; the digits are characters that need no escaping in JSON. A posting (gap to the
# previous page, weight) mostly takes 2 characters, where JSON numbers took 4 to 5.
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_DIGIT_VALUE = {char: value for value, char in enumerate(DIGITS)}


def _varint(value: int) -> str:
    out = []
    while value >= 32:
        out.append(DIGITS[32 + (value & 31)])
        value >>= 5
    out.append(DIGITS[value])
    return "".join(out)


_CODES = [_varint(value) for value in range(1 << 15)]  # numbers up to 3 digits, looked up


def encode_postings(postings: array) -> str:
    """(page number, weight) pairs, by page number, as text: gap to the previous page, weight."""
    numbers, weights = postings[::2], postings[1::2]
    if any(map(operator.gt, numbers, numbers[1:])):  # an update appended out of order
        pairs = sorted(zip(numbers, weights, strict=True))
        numbers, weights = array("I", (n for n, _ in pairs)), array("I", (w for _, w in pairs))
    gaps = [numbers[0], *map(operator.sub, numbers[1:], numbers)] if numbers else []
    small = max(gaps, default=0) < len(_CODES) and max(weights, default=0) < len(_CODES)
    code = _CODES.__getitem__ if small else _varint
    return "".join(map(operator.add, map(code, gaps), map(code, weights)))


_TOKEN = re.compile(r"[W-Za-z_\-]*[0-9A-V]")  # one number: "more follow" digits, then a last one
_CODE_VALUE = {code: value for value, code in enumerate(_CODES)}


def decode_postings(text: str) -> array:
    # Tokens found and looked up in C: an update decodes every shard a changed page touches.
    values = list(map(_CODE_VALUE.get, _TOKEN.findall(text)))
    if None in values:  # a number beyond the lookup table
        values = [_varint_value(token) for token in _TOKEN.findall(text)]
    postings = array("I", values)
    postings[0::2] = array("I", accumulate(postings[0::2]))  # gaps to page numbers
    return postings


def _varint_value(token: str) -> int:
    return sum((_DIGIT_VALUE[char] & 31) << (5 * i) for i, char in enumerate(token))


def _encode(terms: dict[str, array]) -> bytes:
    """{term: postings as text}, terms sorted."""
    out = {term: encode_postings(terms[term]) for term in sorted(terms)}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(data: bytes, into: dict[str, array]) -> None:
    for term, text in json.loads(data).items():
        into[term] = decode_postings(text)


def _drop(terms: dict[str, array], numbers: set[int]) -> None:
    for term in list(terms):
        old = terms[term]
        if numbers.isdisjoint(old[0::2]):
            continue
        kept = array("I")
        for i in range(0, len(old), 2):
            if old[i] not in numbers:
                kept.append(old[i])
                kept.append(old[i + 1])
        if kept:
            terms[term] = kept
        else:
            del terms[term]


def shard_files(name: str, parts: int) -> list[str]:
    """File names of a shard: one, or when split its parts and its keys."""
    if not parts:
        return [f"{name}.json"]
    return [f"{name}-k.json", *(f"{name}-{part}.json" for part in range(parts))]


def split_shard(name: str, terms: dict[str, array]) -> tuple[int, dict[str, bytes]]:
    """(parts, {file name: bytes}). A shard over SHARD_BYTES is split by the character after its
    prefix (the second of a Chinese pair, the third letter of a word): every term and key a query
    word can match then sits in one part. Keys are also written apart (`-k`) for one-character
    queries, which would otherwise need every part."""
    data = _encode(terms)
    if len(data) <= SHARD_BYTES:
        return 0, {f"{name}.json": data}
    parts = min(MAX_PARTS, -(-len(data) // SHARD_BYTES))
    prefix = 1 if name.startswith("u") else 2
    groups: list[dict[str, array]] = [{} for _ in range(parts)]
    for term, postings in terms.items():
        bare = term.lstrip("=")
        groups[ord(bare[prefix]) % parts if len(bare) > prefix else 0][term] = postings
    files = {f"{name}-k.json": _encode({t: p for t, p in terms.items() if t.startswith("=")})}
    files.update({f"{name}-{part}.json": _encode(group) for part, group in enumerate(groups)})
    return parts, files


@dataclass
class IndexStats:
    pages: int
    shards: int
    files_written: int
    incremental: bool
    size: int  # bytes of the whole index


class SearchIndexWriter:
    """Writes the index into `folder` (copied into the site), updating it in place when it can.

    `write(records)` with every searchable page: pages whose record did not change are not
    touched; when only new pages were appended to the numbering (new articles) or existing
    pages changed, only the shards their terms touch are rewritten. Otherwise (a page removed
    or inserted before others) the index is rebuilt. Both paths give the same files.
    """

    def __init__(self, folder: Path, state_path: Path):
        self.folder = folder
        self.state_path = state_path

    def write(self, records: list[SearchRecord]) -> IndexStats:
        records = sorted(records, key=lambda r: r.order)
        urls = [r.url for r in records]
        if len(set(urls)) != len(urls):
            duplicate = next(u for u in urls if urls.count(u) > 1)
            raise ValueError(f"two search records for the page '{duplicate}'")
        state = self._load_state()
        same_layout = state and state["format"] == FORMAT and state.get("shard_bytes") == SHARD_BYTES
        if same_layout and urls[: len(state["order"])] == state["order"]:
            return self._update(records, state)
        return self._rebuild(records)

    # -- full rebuild -------------------------------------------------------------------

    def _rebuild(self, records: list[SearchRecord]) -> IndexStats:
        shutil.rmtree(self.folder, ignore_errors=True)
        (self.folder / "t").mkdir(parents=True)
        (self.folder / "d").mkdir()
        postings: defaultdict[str, array] = defaultdict(functools.partial(array, "I"))
        pages = []
        for number, record in enumerate(records):
            terms, heads = analyse_record(record)
            for term, weight in terms.items():
                found = postings[term]
                found.append(number)
                found.append(weight)
            pages.append({"hash": record.digest(), "heads": heads})
            (self.folder / "d" / f"{number}.json").write_bytes(_fragment(record))
        shards: dict[str, dict[str, array]] = defaultdict(dict)
        for term, found in postings.items():
            shards[shard_of(term.lstrip("="))][term] = found
        split = {}
        written = len(records)
        for name, terms in shards.items():
            parts, files = split_shard(name, terms)
            if parts:
                split[name] = parts
            for file_name, data in files.items():
                (self.folder / "t" / file_name).write_bytes(data)
            written += len(files)
        written += self._write_manifest(set(shards), split, len(records))
        self._save_state(records, pages, shards, split)
        return IndexStats(len(records), len(shards), written, False, self._size())

    # -- incremental update -------------------------------------------------------------

    def _update(self, records: list[SearchRecord], state: dict) -> IndexStats:
        old_pages = state["pages"]
        changed: dict[int, dict[str, int]] = {}
        pages = []
        for number, record in enumerate(records):
            old = old_pages[number] if number < len(old_pages) else None
            if old and old["hash"] == record.digest():
                pages.append(old)
                continue
            terms, heads = analyse_record(record)
            changed[number] = terms
            pages.append({"hash": record.digest(), "heads": heads})
        split: dict[str, int] = dict(state["split"])
        if not changed:
            return IndexStats(len(records), len(state["shards"]), 0, True, self._size())
        touched: set[str] = set()
        for number in changed:
            touched |= shards_of(pages[number]["heads"])
            if number < len(old_pages):
                touched |= shards_of(old_pages[number]["heads"])
        written = 0
        shard_names = set(state["shards"])
        for name in sorted(touched):
            old_files = shard_files(name, split.get(name, 0)) if name in shard_names else []
            terms: dict[str, array] = {}
            for file_name in old_files:
                if not file_name.endswith("-k.json"):
                    _decode((self.folder / "t" / file_name).read_bytes(), terms)
            _drop(terms, set(changed))
            for number, record_terms_ in changed.items():
                for term, weight in record_terms_.items():
                    if shard_of(term.lstrip("=")) == name:
                        terms.setdefault(term, array("I")).extend((number, weight))
            files: dict[str, bytes] = {}
            split.pop(name, None)
            if terms:
                parts, files = split_shard(name, terms)
                if parts:
                    split[name] = parts
                shard_names.add(name)
            else:
                shard_names.discard(name)
            for file_name, data in files.items():
                written += self._write(self.folder / "t" / file_name, data)
            for file_name in set(old_files) - set(files):
                (self.folder / "t" / file_name).unlink(missing_ok=True)
        for number in changed:
            written += self._write(self.folder / "d" / f"{number}.json", _fragment(records[number]))
        written += self._write_manifest(shard_names, split, len(records))
        self._save_state(records, pages, shard_names, split)
        return IndexStats(len(records), len(shard_names), written, True, self._size())

    # -- files --------------------------------------------------------------------------

    @staticmethod
    def _write(path: Path, data: bytes) -> int:
        """Write only when the bytes differ, so unchanged files keep their time stamps.

        A changed file is replaced, never rewritten in place: the published site holds hard
        links to these files and must not change before the next build is complete.
        """
        if path.exists() and path.read_bytes() == data:
            return 0
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        return 1

    def _write_manifest(self, shard_names: set[str], split: dict[str, int], pages: int) -> int:
        han = sorted(int(n[1:], 16) for n in shard_names if n.startswith("u"))
        bitmap = bytearray((HAN_LAST - HAN_FIRST + 8) // 8)
        extra = []
        for code in han:
            if HAN_FIRST <= code <= HAN_LAST:
                bitmap[(code - HAN_FIRST) >> 3] |= 1 << ((code - HAN_FIRST) & 7)
            else:
                extra.append(chr(code))
        manifest = {
            "format": FORMAT,
            "pages": pages,
            "han": base64.b64encode(bytes(bitmap)).decode("ascii"),
            "hanExtra": "".join(extra),
            "latin": sorted(n[2:] for n in shard_names if n.startswith("a-")),
            "split": split,
        }
        written = self._write(self.folder / "manifest.json", _json(manifest))
        simplified = {chr(c) for c in han}
        table = {t: s for t, s in traditional_pairs().items() if s in simplified}
        return written + self._write(self.folder / "t2s.json", _json(table))

    def _size(self) -> int:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())

    def _load_state(self) -> dict | None:
        if not self.state_path.exists() or not (self.folder / "manifest.json").exists():
            return None
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            return state if isinstance(state, dict) and state.get("format") == FORMAT else None
        except (OSError, ValueError):
            return None  # a damaged state costs a rebuild, never a wrong index

    def _save_state(self, records: list[SearchRecord], pages: list[dict], shards, split: dict[str, int]) -> None:
        state = {"format": FORMAT, "shard_bytes": SHARD_BYTES, "order": [r.url for r in records],
                 "pages": pages, "shards": sorted(shards), "split": split}
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        self.state_path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _fragment(record: SearchRecord) -> bytes:
    text = " ".join(record.text.split())[:FRAGMENT_CHARS]
    return _json({"u": record.url, "t": record.title, "k": record.kind, "m": record.meta, "x": text})


@functools.lru_cache(maxsize=1)
def traditional_pairs() -> dict[str, str]:
    """{traditional: simplified} for every character of the CJK block OpenCC converts."""
    chars = [chr(c) for c in range(HAN_FIRST, HAN_LAST + 1)]
    converted = match_form("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, converted, strict=True) if len(s) == 1 and s != t}
