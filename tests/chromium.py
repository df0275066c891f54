"""Headless Chromium as the tests and scripts start it: Debian's package, no sandbox
(root), and none of the background networking this closed machine refuses; and how the
browser tests launch it and open a report."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launched() -> Iterator[Any]:
    """A headless Chromium for a module's tests (``yield from`` it in a fixture); a test
    fails, never skips, when it is not installed."""
    import pytest  # here, so scripts/screenshot_report.py needs no pytest

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `make browser` (Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_page(browser: Any, html: str, path: Path, messages: list[str]) -> Any:
    """``html`` written to ``path`` and opened; console lines, page errors, dialogs and any
    request that leaves the file go to ``messages`` (a clean page leaves it empty)."""
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: messages.append(f"dialog: {d.message}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith("file:") else messages.append(f"request: {r.url}"),
    )
    page.goto(path.as_uri())
    return page
