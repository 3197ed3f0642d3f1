"""The headless browser that `make bench` and the browser tests drive: Debian's Chromium
(Playwright cannot download its own here), launched with the flags a shared, offline machine needs."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
