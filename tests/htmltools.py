"""Reading the built HTML as a browser would (the pages are minified: attribute quotes and
character references are whatever is shortest, so tests parse instead of matching text)."""

from __future__ import annotations

from html.parser import HTMLParser


class Structure(HTMLParser):
    """Tags with their attributes, script bodies, and the text a reader sees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.texts).append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def all(self, tag: str) -> list[dict]:
        """The attributes of every `tag` element, in document order."""
        return [attrs for name, attrs in self.tags if name == tag]


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


def head_and_body(html: str) -> tuple[Structure, Structure]:
    head, _, body = html.partition("</head>")
    return structure(head), structure(body)


def hrefs(html: str) -> list[str]:
    return [a.get("href", "") for a in structure(html).all("a")]
