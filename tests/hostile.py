"""A SYNTHETIC hostile article and a SYNTHETIC draft of it, for escaping tests."""

from __future__ import annotations

from summariser.analysis.analyse import analyse
from summariser.brief import build_brief
from summariser.input.documents import make_document
from summariser.model.draft import Draft
from summariser.schema import Brief, Usage

HOSTILE_TEXT = (
    "Depot fire in Port Kessel <script>window.__pwned = 'script'</script>\n\n"
    "PORT KESSEL (Northwind Wire) - Mayor Ilse Brandt said 300 residents left their homes "
    "<img src=x onerror=\"window.__pwned = 'onerror'\">.\n\n"
    "The operator <a href=\"javascript:window.__pwned='link'\">Nordtank</a> said "
    "two tanks burned. <svg onload=\"window.__pwned='svg'\"></svg>"
    "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>"
)


def hostile_brief() -> Brief:
    draft = Draft.model_validate(
        {
            "key_claims": [2, 3],
            "headline": "<script>window.__pwned='headline'</script> Depot fire",
            "summary": "Mayor Ilse Brandt said 300 residents left <b onmouseover=x>home</b>.",
        }
    )
    document = make_document(HOSTILE_TEXT)
    return build_brief(
        document,
        analyse(document),
        draft.key_claims,
        draft.headline,
        model="synthetic",
        prompt_version="p",
        usage=Usage(),
    )
