"""The HTML report as a document: self-contained, escaped, one highlight per evidence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from summariser import Provenance, load_source, summarise
from summariser.render.html import highlighted_article, render_html
from summariser.render.spans import brief_spans
from tests.conftest import FIXTURES, RECORDINGS
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


def test_the_report_shows_where_the_article_came_from_and_the_usage() -> None:
    brief = summarise(load_source(str(FIXTURES / "pages" / "harbour-fire.html")), model="none")
    html = render_html(brief)
    header = html.split("<main>")[0]
    for shown in (
        "Author: Lena Vogt",
        "Published: 2026-03-12",
        "Outlet: Northwind Wire",
        "URL: https://northwind.example/2026/03/12/port-kessel-fire",
        "Brief made: 2026-01-01 00:00 UTC",
        "schema 2.2",
        "0 call(s)",
    ):
        assert shown in header, shown


def test_provenance_from_a_hostile_page_is_escaped() -> None:
    hostile = Provenance(
        source="<img src=x onerror=alert(1)>.html",
        title="<script>alert(1)</script>",
        url="javascript:alert(1)",
    )
    html = render_html(hostile_brief().model_copy(update={"provenance": hostile}))
    assert [tag for tag, _ in _tags(html)].count("script") == 1
    assert not {tag for tag, _ in _tags(html)} & {"img", "a"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_credibility_badges_differ_by_meaning_and_numbers_show_their_qualifier(
    seed_text: str,
) -> None:
    html = render_html(summarise(seed_text, replay_dir=RECORDINGS))
    style = html.split("<style>")[1].split("</style>")[0]
    colours = {
        level: re.search(rf"\.c{level}\b[^{{]*\{{ background: (#[0-9a-f]+)", style)
        for level in range(2, 7)
    }
    found = {level: match.group(1) for level, match in colours.items() if match}
    assert len(found) == 5 and len(set(found.values())) == 5, found
    assert "<th>qualifier</th>" in html and "<td>more than</td>" in html
