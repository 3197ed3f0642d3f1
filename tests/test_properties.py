"""Property-based tests: no input crashes the reader or the segmenter, and every line gets a role.

Failures found while writing these are pinned with @example so they stay regression tests.
"""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings

from build_digest.model import ROLES, SourceMeta
from build_digest.problems import Warnings
from build_digest.reader import Unreadable, decode, read_source, split_lines
from build_digest.segment import segment
from tests.strategies import chinese_page, raw_bytes

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
TMP = Path(tempfile.mkdtemp(prefix="digest-properties-"))


def read_bytes_as_source(data: bytes):
    path = TMP / "page.txt"
    path.write_bytes(data)
    warnings = Warnings()
    return read_source(path, SourceMeta(), warnings), warnings


def check_roles(source, warnings) -> None:
    articles = segment(source, warnings)
    for line in source.content_lines:
        assert line.role in ROLES, (line.number, line.text, line.role, line.reason)
    placed = {n for a in articles for n in a.body_lines + a.title_lines}
    numbers = {line.number for line in source.content_lines}
    assert placed <= numbers
    for article in articles:
        assert article.title and article.paragraphs


@SETTINGS
@given(raw_bytes)
@example(b"")
@example(b"\x00")
@example(codecs.BOM_UTF16_LE)
@example(codecs.BOM_UTF16_LE + b"\x00")  # odd length after a BOM
@example(b"\xef\xbb\xbf\xff")  # a UTF-8 BOM then invalid bytes
@example(b"\r" * 5 + b"\xd6\xd0")
def test_arbitrary_bytes_never_crash_the_reader(data):
    try:
        text, _ = decode(data)
    except Unreadable:
        source, warnings = read_bytes_as_source(data)
        assert source is None and "skipped" in next(iter(warnings)).message
        return
    assert isinstance(text, str)
    source, warnings = read_bytes_as_source(data)
    if source is None:
        assert any("skipped" in w.message for w in warnings)
        return
    check_roles(source, warnings)


@SETTINGS
@given(chinese_page())
@example("# \n")
@example("#\r\n\r\n\u3000\n")
@example("本报记者 王小\r\r\r\r本报讯 。")
@example("| --- | --- |\n{{ x }}\n{% if %}\n")
@example("【】\n>\n>>\n")
def test_chinese_like_pages_always_get_a_role_for_every_line(text):
    source, warnings = read_bytes_as_source(text.encode("utf-8"))
    if source is None:
        assert not text.strip() or any("skipped" in w.message for w in warnings)
        return
    check_roles(source, warnings)


@SETTINGS
@given(chinese_page())
def test_line_numbers_do_not_depend_on_the_line_ending(text):
    unix = [(line.number, line.text) for line in split_lines(text.replace("\r\n", "\n").replace("\r", "\n"))]
    for newline in ("\r\n", "\r"):
        other = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)
        assert [(line.number, line.text) for line in split_lines(other)] == unix


REGRESSIONS = sorted((Path(__file__).parent / "regressions").glob("*.bin"))


def test_regression_inputs_never_crash():
    assert REGRESSIONS
    for path in REGRESSIONS:
        warnings = Warnings()
        source = read_source(path, SourceMeta(), warnings)
        if source is None:
            assert any(w.message.startswith("skipped") and w.file == path.name for w in warnings), path
        else:
            check_roles(source, warnings)
