"""Read raw article files: detect the encoding, split lines, attach curated metadata.

One reader for plain-text pages (the only format so far); a new source format gets a reader
with the same contract: path -> Source with numbered lines.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from build_digest.model import Line, Source, SourceMeta
from build_digest.problems import Warnings
from build_digest.textutil import match_form

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Controls other than tab/newline betray binary data (U+FFFD alone is mojibake, not binary).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class Unreadable(Exception):
    """The file is not text we can decode; the message says why."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises Unreadable for binary or undecodable data.

    Order: a byte-order mark, then strict UTF-8, then charset-normalizer's best guess (GB18030,
    a superset of GBK and GB2312, when its guess does not read as Chinese but GB18030 does).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_with_bom(data, encoding)
            if _is_binary(text):
                raise Unreadable(f"not text: control characters after decoding as {encoding}")
            if text[:1] in ("\n", "\r") and text.strip():
                # A mark alone on the first line (saved from a page that printed one) keeps that
                # line: it is a line of the file, which line numbers (and the roles) count.
                text = "\ufeff" + text
            return text, encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _is_binary(text):
            return text, "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = (str(best), best.encoding) if best is not None else None
    if guess is None or guess[1] != "gb18030":
        # The statistical detector is weak on very short texts (科技简讯 in GBK reads as Korean);
        # a strict GB18030 decoding that holds more Chinese is the better answer for this corpus.
        fallback = _strict(data, "gb18030")
        if fallback is not None and _han_share(fallback) > (_han_share(guess[0]) if guess else 0):
            guess = (fallback, "gb18030")
    if guess is None:
        raise Unreadable("not text: no encoding decodes it")
    text, encoding = guess
    if _CONTROL.search(text):
        raise Unreadable(f"not text: control characters after decoding as {encoding}")
    return text, encoding


def _strict(data: bytes, encoding: str) -> str | None:
    if b"\x00" in data:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_with_bom(data: bytes, encoding: str) -> str:
    """Decode after a byte-order mark; a few damaged bytes (a truncated last character) are
    replaced with U+FFFD, more than that means the mark was an accident of binary data."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(1, len(text) // 100):
        raise Unreadable(f"not text: starts with a {encoding} byte-order mark but does not decode as {encoding}")
    return text


def _is_binary(text: str) -> bool:
    """NUL, or more than a stray control character now and then, betrays binary data."""
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 200)


def _han_share(text: str) -> float:
    sample = text[:4000].strip()
    return sum(1 for c in sample if "\u4e00" <= c <= "\u9fff") / max(1, len(sample))


def split_lines(text: str) -> list[Line]:
    lines = []
    gap = 0
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        if not raw.strip():
            gap += 1
            lines.append(Line(number=number, text=raw))
            continue
        stripped = raw.strip()
        level = len(stripped) - len(stripped.lstrip("#"))
        heading = level if 0 < level <= 6 and stripped[level : level + 1] == " " else 0
        lines.append(Line(number=number, text=raw, heading_level=heading, gap_before=gap))
        gap = 0
    # A final newline yields one empty trailing line that is not part of the file.
    if lines and text.endswith(("\n", "\r")) and not lines[-1].text:
        lines.pop()
    return lines


def read_source(path: Path, meta: SourceMeta, warnings: Warnings) -> Source | None:
    """Read one file; None (with a warning) when it is unreadable or blank."""
    try:
        text, encoding = decode(path.read_bytes())
    except Unreadable as exc:
        warnings.add(path.name, None, f"skipped: {exc}")
        return None
    if not text.strip():
        warnings.add(path.name, None, "skipped: the file is empty or blank")
        return None
    source = Source(file=path.name, encoding=encoding, meta=meta)
    source.lines = split_lines(text)
    for line in source.lines:
        line.match = match_form(line.text)
    return source
