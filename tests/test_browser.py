"""The HTML report in a real headless Chromium (Debian's package; `make browser`).

Each test loads a report written by the tool, with no network, and a screenshot is saved
under artifacts/ for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summariser import summarise
from summariser.render.html import render_html
from tests.chromium import launched, open_page
from tests.conftest import RECORDINGS, ROOT
from tests.hostile import hostile_brief

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched()


def _open(browser: Any, html: str, tmp_path: Path, messages: list[str]) -> Any:
    return open_page(browser, html, tmp_path / "report.html", messages)


def test_seed_report_loads_clean_and_highlights_every_evidence(
    browser: Any, tmp_path: Path, seed_text: str
) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    messages: list[str] = []
    page = _open(browser, render_html(brief), tmp_path, messages)
    ids = page.eval_on_selector_all(
        "mark[data-ev]", "ms => [...new Set(ms.map(m => m.dataset.ev))]"
    )
    assert len(ids) == len(brief.evidences())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-seed.png"))
    assert messages == []


def test_each_span_holds_exactly_its_evidence_text(
    browser: Any, tmp_path: Path, seed_text: str
) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    page = _open(browser, render_html(brief), tmp_path, [])
    spans = [(f"claim-{i}", c.evidence.quote) for i, c in enumerate(brief.claims)]
    spans += [(f"number-{i}", n.evidence.quote) for i, n in enumerate(brief.numbers)]
    spans += [(f"actor-{i}-0", a.evidence[0].quote) for i, a in enumerate(brief.actors)]
    spans += [(f"location-{i}-0", x.evidence[0].quote) for i, x in enumerate(brief.locations)]
    for span_id, quote in spans:
        # a span's text (all fragments, nested marks included) is its evidence quote
        got = page.evaluate(
            "id => [...document.querySelectorAll(`mark[data-ev='${id}']`)]"
            ".map(m => m.textContent).join('')",
            span_id,
        )
        assert got == quote


def test_clicking_an_item_scrolls_its_span_into_view(
    browser: Any, tmp_path: Path, seed_text: str
) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    page = _open(browser, render_html(brief), tmp_path, [])
    target = f"location-{len(brief.locations) - 1}-0"
    last_actor = f"actor-{len(brief.actors) - 1}-0"
    for item in (last_actor, target):
        page.click(f"[data-target='{item}']")
        box = page.evaluate(
            "id => { const m = document.querySelector(`mark[data-ev='${id}']`);"
            " const r = m.getBoundingClientRect();"
            " return [r.top, r.bottom, window.innerHeight, m.classList.contains('active')]; }",
            item,
        )
        top, bottom, height, active = box
        assert top >= 0 and bottom <= height and active, (item, box)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-clicked.png"))


def test_hovering_a_span_shows_its_item(browser: Any, tmp_path: Path, seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    page = _open(browser, render_html(brief), tmp_path, [])
    page.hover("mark[data-ev='number-0']")
    assert page.get_attribute("mark[data-ev='number-0']", "title").startswith("Number: ")
    assert page.eval_on_selector("[data-target='number-0']", "e => e.classList.contains('hover')")


def test_a_script_laden_article_runs_nothing(browser: Any, tmp_path: Path) -> None:
    messages: list[str] = []
    page = _open(browser, render_html(hostile_brief()), tmp_path, messages)
    page.hover("#article")
    for item in page.query_selector_all("[data-target]"):
        item.click()
    assert page.evaluate("() => window.__pwned === undefined")
    assert (
        page.evaluate(
            "() => document.querySelectorAll("
            "'#article img, #article svg, #article iframe, #article a').length"
        )
        == 0
    )
    assert messages == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-hostile.png"))
