"""Render the seed brief's HTML report (replayed from fixtures) and screenshot it in
headless Chromium, for the README: docs/images/report.png and docs/sample-report.html."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser import summarise  # noqa: E402
from summariser.render.html import render_html  # noqa: E402
from tests.chromium import CHROMIUM, FLAGS  # noqa: E402

SEED = ROOT / "fixtures" / "articles" / "tass-deir-ez-zor.txt"


def main() -> int:
    from playwright.sync_api import sync_playwright

    recordings = ROOT / "fixtures" / "recordings"
    brief = summarise(
        SEED.read_text(encoding="utf-8"),
        replay_dir=recordings,
        source=str(SEED.relative_to(ROOT)),  # the report's header names the article
    )
    report = ROOT / "docs" / "sample-report.html"
    report.write_text(render_html(brief), encoding="utf-8")
    image = ROOT / "docs" / "images" / "report.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(report.as_uri())
        page.click("[data-target='number-8']")  # show a click: the span is outlined
        page.screenshot(path=str(image))
        browser.close()
    print(f"wrote {report.relative_to(ROOT)} and {image.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
