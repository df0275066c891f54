"""The HTML review report: one self-contained file, article left, brief right.

Every evidence span is highlighted in the article, colour-coded by kind; clicking an
item scrolls to its span, hovering a span shows its item. All article and model text is
escaped; a Content-Security-Policy allows only this file's own script, by its hash.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from summariser.render.markdown import number_value, provenance_items, usage_line
from summariser.render.spans import Span, brief_spans
from summariser.schema import Brief

CREDIBILITY = {
    1: "Confirmed: confirmed by other independent sources.",
    2: "Probably true: not confirmed, but logical and consistent with other information.",
    3: "Possibly true: not confirmed; reasonably logical; agrees with some other information.",
    4: "Doubtful: not confirmed; possible but not logical; no other information on it.",
    5: "Improbable: not confirmed; not logical; contradicted by other information.",
    6: "Cannot be judged: there is no basis to evaluate it.",
}
RELIABILITY = {
    "A": "Completely reliable: no doubt about authenticity, trustworthiness or competence.",
    "B": "Usually reliable: minor doubts; a history of mostly valid information.",
    "C": "Fairly reliable: doubts; has provided valid information in the past.",
    "D": "Not usually reliable: significant doubts; provided valid information at times.",
    "E": "Unreliable: lacks authenticity, trustworthiness and competence.",
    "F": "Reliability cannot be judged: no basis to evaluate the source.",
}


@cache
def _template() -> jinja2.Template:
    source = (
        resources.files("summariser.render")
        .joinpath("templates")
        .joinpath("report.html.j2")
        .read_text(encoding="utf-8")
    )
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(source)


def _script() -> str:
    return (
        resources.files("summariser.render")
        .joinpath("templates")
        .joinpath("report.js")
        .read_text(encoding="utf-8")
    )


def highlighted_article(text: str, spans: list[Span]) -> Markup:
    """The article as escaped HTML with one ``<mark>`` per span (crossing spans split)."""
    boundaries = sorted(
        {0, len(text)} | {s.evidence.start for s in spans} | {s.evidence.end for s in spans}
    )
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.evidence.start, []).append(span)
    out: list[str] = []
    stack: list[Span] = []

    def open_mark(span: Span) -> None:
        out.append(
            f'<mark class="ev ev-{span.kind}" data-ev="{escape(span.id)}" '
            f'data-item="{escape(span.item_id)}" title="{escape(span.item)}">'
        )
        stack.append(span)

    for position, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        if any(s.evidence.end == position for s in stack):
            reopen: list[Span] = []
            while any(s.evidence.end == position for s in stack):
                span = stack.pop()
                out.append("</mark>")
                if span.evidence.end != position:
                    reopen.append(span)
            for span in reversed(reopen):
                open_mark(span)
        for span in sorted(starting.get(position, []), key=lambda s: -s.evidence.end):
            if span.evidence.end > position:
                open_mark(span)
        if following is not None:
            out.append(str(escape(text[position:following])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


def render_html(brief: Brief) -> str:
    """The self-contained review report of a brief."""
    spans = brief_spans(brief)
    script = _script()
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return _template().render(
        brief=brief,
        article=highlighted_article(brief.text, spans),
        spans=spans,
        script=Markup(script),
        script_hash=digest,
        credibility=CREDIBILITY,
        reliability=RELIABILITY,
        span_count=len(spans),
        provenance=provenance_items(brief),
        usage=usage_line(brief),
        number_value=number_value,
    )
