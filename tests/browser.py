"""Headless Chromium for the HTML proof's tests and bench: the system's own browser (Debian's
``chromium``), driven by Playwright, never a browser Playwright would download."""
from __future__ import annotations

import shutil

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str | None:
    """The Chromium executable, or None where there is none."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):  # type: ignore[no-untyped-def]
    """A headless Chromium (``playwright`` is a started ``sync_playwright()``)."""
    return playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
