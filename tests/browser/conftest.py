"""Browser fixtures: the built site served over HTTP from a thread, one Chromium per session.

The browser is Debian's /usr/bin/chromium (Playwright cannot download its own here); when it
or the CJK fonts are missing the tests fail and say what to install.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from build_digest.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT

INSTALL_HINT = (
    "the browser tests need Debian's Chromium and CJK fonts: run `make test` as root (it installs them) "
    "or `sudo apt-get install chromium fonts-noto-cjk`"
)
SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Counts the queries Material sends to its search worker and the results it gets back, so a
# test can wait for the answer to the query it typed (not an earlier one).
SEARCH_PROBE = """
(() => {
  const Native = window.Worker;
  const probe = window.__searchProbe = { sent: 0, results: 0 };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ev => { if (ev.data && ev.data.type === 3) probe.results++; });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) probe.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a folder; a missing file gets the site's 404.html with status 404, as on Pages."""

    not_found: Path | None = None

    def send_error(self, code, message=None, explain=None):
        if code == 404 and self.not_found is not None and self.not_found.exists():
            body = self.not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - keep the test output quiet
        pass


@dataclass
class Server:
    root: Path
    not_found: Path | None = None
    httpd: ThreadingHTTPServer = field(init=False)

    def __post_init__(self):
        handler = type("Handler", (SiteHandler,), {"not_found": self.not_found})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(self.root)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Site:
    path: Path  # the built site/ folder
    url: str  # where it is served, ending in /
    data: dict  # site/api/digest.json

    def entity(self, entity_id: str) -> dict:
        return next(e for e in self.data["entities"] if e["id"] == entity_id)


@pytest.fixture(scope="session")
def site(built):
    paths, _, data = built
    server = Server(paths.site, paths.site / "404.html")
    yield Site(paths.site, server.url, data)
    server.close()


def require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: {INSTALL_HINT}", pytrace=False)
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
        if "Noto Sans CJK" not in fonts:
            pytest.fail(f"Noto Sans CJK fonts not found: {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Tab:
    """A page in its own context, with the console errors and page errors it produced."""

    def __init__(self, browser, scheme: str = "light", viewport: dict | None = None):
        self.context = browser.new_context(
            color_scheme=scheme, viewport=viewport or DESKTOP, locale="zh-CN", service_workers="block"
        )
        self.context.add_init_script(SEARCH_PROBE)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} ({m.location})"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def goto(self, url: str):
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => document.fonts.status === 'loaded'")
        return response

    def close(self):
        self.context.close()


@pytest.fixture
def open_tab(browser):
    """open_tab(scheme='dark', viewport=PHONE) -> Tab; closed after the test."""
    tabs: list[Tab] = []

    def make(scheme: str = "light", viewport: dict | None = None) -> Tab:
        tab = Tab(browser, scheme, viewport)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.close()
