"""The HTML report as a document: self-contained, escaped, one highlight per evidence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from summariser import summarise
from summariser.render.html import highlighted_article, render_html
from summariser.render.spans import brief_spans
from tests.conftest import RECORDINGS
from tests.hostile import HOSTILE_TEXT, hostile_brief


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def test_report_is_self_contained(seed_text: str) -> None:
    html = render_html(summarise(seed_text, replay_dir=RECORDINGS))
    for tag, attrs in _tags(html):
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http", "//")), (tag, attrs)
        assert tag != "link"
    assert "Content-Security-Policy" in html


def test_every_evidence_has_one_highlight_id_and_its_exact_text(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    spans = brief_spans(brief)
    assert len(spans) == len(brief.evidences())
    html = str(highlighted_article(brief.text, spans))
    ids = {attrs["data-ev"] for tag, attrs in _tags(html) if tag == "mark"}
    assert ids == {s.id for s in spans}
    # Removing the marks gives back the escaped article unchanged.
    plain = re.sub(r"</?mark[^>]*>", "", html)
    assert plain == str(highlighted_article(brief.text, []))


def test_hostile_article_text_is_escaped_everywhere() -> None:
    html = render_html(hostile_brief())
    tags = {tag for tag, _ in _tags(html)}
    assert not tags & {"img", "svg", "iframe", "a", "b"}
    assert [tag for tag, _ in _tags(html)].count("script") == 1  # only our own script
    for tag, attrs in _tags(html):
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "javascript:" not in (attrs.get("href") or "")
    assert "&lt;script&gt;window.__pwned" in html
    assert HOSTILE_TEXT not in html  # never verbatim
