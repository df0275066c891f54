"""The HTML comparison report: one self-contained file, the articles side by side.

Each merged claim is highlighted in every article that carries it (agreed green,
conflicting red, single grey) and each compared figure is outlined (red when the values
conflict). Clicking a claim or a figure in the list scrolls every article to its span
and outlines it there; hovering a span lights up its claim in the list and its spans in
the other articles. All article text is escaped, and the Content-Security-Policy lets
only this file's own script run (allowed by its SHA-256), as in the single report.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup

from summariser.comparison.schema import ClaimStatus, CrossSourceBrief
from summariser.render.html import CREDIBILITY, RELIABILITY, highlighted_article
from summariser.render.spans import Span

MAX_SINGLES = 60  # single claims highlighted and listed; the rest only in the JSON


def _resource(name: str) -> str:
    return (
        resources.files("summariser.render").joinpath("templates").joinpath(name)
        .read_text(encoding="utf-8")
    )  # fmt: skip


@cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(_resource("compare.html.j2"))


def article_spans(brief: CrossSourceBrief) -> dict[str, list[Span]]:
    """The spans of each article: its mentions of merged claims, then its compared figures.
    A span's id is ``<item>-<article>`` (``c3-a2``), its item the claim or figure id."""
    spans: dict[str, list[Span]] = {a.id: [] for a in brief.articles}
    singles = 0
    for claim in brief.claims:
        if claim.status is ClaimStatus.SINGLE:
            singles += 1
            if singles > MAX_SINGLES:
                continue
        for mention in claim.mentions:
            spans[mention.article].append(
                Span(
                    id=f"{claim.id}-{mention.article}",
                    kind=claim.status.value,
                    item=f"{claim.id} ({claim.status.value}): {claim.statement}",
                    evidence=mention.evidence,
                    item_id=claim.id,
                )
            )
    for figure in brief.figures:
        kind = "figure-conflict" if figure.status is ClaimStatus.CONFLICTING else "figure"
        seen: set[tuple[str, int]] = set()
        for value in figure.values:
            if (value.article, value.evidence.start) in seen:
                continue
            seen.add((value.article, value.evidence.start))
            spans[value.article].append(
                Span(
                    id=f"{figure.id}-{value.article}-{value.evidence.start}",
                    kind=kind,
                    item=f"{figure.id} ({figure.status.value}): {figure.quantity}",
                    evidence=value.evidence,
                    item_id=figure.id,
                )
            )
    return spans


def render_compare_html(brief: CrossSourceBrief) -> str:
    """The self-contained comparison report."""
    script = _resource("compare.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    spans = article_spans(brief)
    columns = [
        (article, highlighted_article(article.text, spans[article.id]))
        for article in brief.articles
    ]
    listed = [c for c in brief.claims if c.status is not ClaimStatus.SINGLE]
    singles = [c for c in brief.claims if c.status is ClaimStatus.SINGLE][:MAX_SINGLES]
    return _template().render(
        brief=brief,
        columns=columns,
        claims=listed,
        singles=singles,
        more_singles=sum(c.status is ClaimStatus.SINGLE for c in brief.claims) - len(singles),
        script=Markup(script),
        script_hash=digest,
        credibility=CREDIBILITY,
        reliability=RELIABILITY,
    )
