"""The HTML comparison in a real headless Chromium (Debian's package; `make browser`): the
articles side by side, every merged claim highlighted in every article that carries it,
conflicts marked, and nothing from an article runs. Screenshots go to artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summariser import CrossSourceBrief, compare
from summariser.comparison.schema import ClaimStatus
from summariser.render.compare_html import render_compare_html
from tests.chromium import launched, open_page
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "artifacts"
RECORDS = FIXTURES / "compare" / "ferry.jsonl"
HOSTILE = (
    "The ferry Marisol ran aground <script>window.__pwned = 1</script> near Karvik, "
    'harbour master Ingrid Dahl said. <img src=x onerror="window.__pwned = 2"> '
    "[link](javascript:window.__pwned=3) Eight passengers were injured, Dahl said."
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launched()


@pytest.fixture(scope="module")
def ferry() -> CrossSourceBrief:
    return compare([RECORDS], model="none")


def _open(browser: Any, html: str, tmp_path: Path, messages: list[str]) -> Any:
    return open_page(browser, html, tmp_path / "compare.html", messages)


def test_the_articles_stand_side_by_side_and_load_clean(
    browser: Any, tmp_path: Path, ferry: CrossSourceBrief
) -> None:
    messages: list[str] = []
    page = _open(browser, render_compare_html(ferry), tmp_path, messages)
    boxes = page.eval_on_selector_all(
        "article.article", "as => as.map(a => a.getBoundingClientRect().left)"
    )
    assert len(boxes) == 3 and boxes == sorted(boxes) and len(set(boxes)) == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-ferry.png"))
    assert messages == []


def test_every_merged_claim_is_highlighted_in_every_article_that_carries_it(
    browser: Any, tmp_path: Path, ferry: CrossSourceBrief
) -> None:
    page = _open(browser, render_compare_html(ferry), tmp_path, [])
    for claim in ferry.claims:
        for mention in claim.mentions:
            got = page.evaluate(
                "([id, article]) => [...document.querySelectorAll("
                "`#article-${article} mark[data-ev='${id}-${article}']`)]"
                ".map(m => m.textContent).join('')",
                [claim.id, mention.article],
            )
            assert got == mention.evidence.quote, (claim.id, mention.article)


def test_conflicts_are_marked_in_each_article(
    browser: Any, tmp_path: Path, ferry: CrossSourceBrief
) -> None:
    page = _open(browser, render_compare_html(ferry), tmp_path, [])
    conflict = next(c for c in ferry.claims if c.status is ClaimStatus.CONFLICTING)
    marked = page.eval_on_selector_all(
        f"mark[data-item='{conflict.id}']",
        "ms => ms.map(m => [m.closest('article').dataset.article, m.className])",
    )
    assert {article for article, _ in marked} == {m.article for m in conflict.mentions}
    assert all("ev-conflicting" in kind for _, kind in marked)
    style = page.eval_on_selector(
        f"mark[data-item='{conflict.id}']", "m => getComputedStyle(m).textDecorationLine"
    )
    assert "underline" in style
    figure = next(f for f in ferry.figures if f.status is ClaimStatus.CONFLICTING)
    outlined = page.eval_on_selector_all(
        f"mark[data-item='{figure.id}']", "ms => ms.map(m => m.className)"
    )
    assert outlined and all("ev-figure-conflict" in kind for kind in outlined)


def test_clicking_a_claim_finds_it_in_every_article(
    browser: Any, tmp_path: Path, ferry: CrossSourceBrief
) -> None:
    page = _open(browser, render_compare_html(ferry), tmp_path, [])
    agreed = next(c for c in ferry.claims if len(c.mentions) == 3)
    page.click(f"[data-target='{agreed.id}']")
    states = page.eval_on_selector_all(
        f"mark[data-item='{agreed.id}']",
        "ms => ms.map(m => { const r = m.getBoundingClientRect();"
        " const c = m.closest('.text').getBoundingClientRect();"
        " return [m.classList.contains('active'), r.top >= c.top - 1 && r.top < c.bottom]; })",
    )
    assert len(states) == 3 and all(active and visible for active, visible in states)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-clicked.png"))


def test_hovering_a_span_lights_up_its_claim_and_its_other_spans(
    browser: Any, tmp_path: Path, ferry: CrossSourceBrief
) -> None:
    page = _open(browser, render_compare_html(ferry), tmp_path, [])
    agreed = next(c for c in ferry.claims if len(c.mentions) == 3)
    page.hover(f"#article-a3 mark[data-item='{agreed.id}']")
    assert page.eval_on_selector(
        f"li[data-target='{agreed.id}']", "e => e.classList.contains('hover')"
    )
    linked = page.eval_on_selector_all(
        f"mark[data-item='{agreed.id}']", "ms => ms.map(m => m.classList.contains('linked'))"
    )
    assert linked and all(linked)


def test_a_script_laden_article_runs_nothing(browser: Any, tmp_path: Path) -> None:
    records = [
        {"id": "one", "text": HOSTILE, "publisher": "Fjord Herald"},
        {"id": "two", "text": HOSTILE.replace("Karvik", "Karvik harbour"), "publisher": "Other"},
    ]
    messages: list[str] = []
    page = _open(browser, render_compare_html(compare(records, model="none")), tmp_path, messages)
    for item in page.query_selector_all("[data-target]"):
        item.click()
    page.hover("#articles")
    assert page.evaluate("() => window.__pwned === undefined")
    assert (
        page.evaluate(
            "() => document.querySelectorAll('#articles script, #articles img, #articles a').length"
        )
        == 0
    )
    assert messages == []
