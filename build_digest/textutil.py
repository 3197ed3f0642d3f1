"""Character-level normalisation that never changes a string's length.

Tagging offsets must point into the published text, so every normalisation here maps one
character to exactly one character.
"""

from __future__ import annotations

import functools
import re

# Full-width ASCII (！..～) and the ideographic space fold to their half-width forms.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
_FOLD = str.maketrans(_FULLWIDTH)
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")  # translate reads every character: look first

SENTENCE_END = "。!?！？…;；"
CLOSING_QUOTES = "”’」』\"')）】"


def fold_width(text: str) -> str:
    """Full-width ASCII letters, digits and punctuation to half-width; same length."""
    return text.translate(_FOLD) if _HAS_FULLWIDTH.search(text) else text


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified characters with OpenCC t2s, keeping the length.

    OpenCC converts phrases; when a phrase conversion changes the length, the text is
    converted character by character instead so that offsets stay valid.
    """
    if not text or text.isascii():
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for char in text:
        single = _t2s().convert(char)
        out.append(single if len(single) == 1 else char)
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified to traditional characters (for search aids, not for matching)."""
    return _s2t().convert(text) if text and not text.isascii() else text


def match_form(text: str) -> str:
    """The form tagging and rules match against: simplified script, half-width ASCII.

    Most text is in that form already: then the text itself is returned, not an equal copy,
    so a line or paragraph holds its text once in memory and in the analysis cache."""
    converted = fold_width(to_simplified(text))
    return text if converted == text else converted


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


_NOT_HAN = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")


@functools.lru_cache(maxsize=256)
def han_count(text: str) -> int:
    """Han characters in `text` (the ranges of is_han), counted in C. Remembered for the
    last few texts: the role tests ask it of the same line several times."""
    return len(_NOT_HAN.sub("", text))


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSING_QUOTES:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END
