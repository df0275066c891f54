"""Invariants every brief must satisfy, whatever model produced it."""

from __future__ import annotations

import json

import jsonschema

from summariser.analysis.quantities import read_quantity
from summariser.grounding.align import fold
from summariser.input.documents import Document
from summariser.model.draft import Draft
from summariser.render.markdown import render_markdown
from summariser.schema import Actor, Brief, Location, brief_json_schema


def check_brief(brief: Brief, text: str) -> None:
    """Schema-valid, every span verbatim, numbers agree with their words, all shown."""
    jsonschema.validate(json.loads(brief.model_dump_json()), brief_json_schema())
    for evidence in brief.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote, evidence
    for number in brief.numbers:
        quantity = read_quantity(number.evidence.quote)
        assert quantity is not None, number
        assert (quantity.value, quantity.qualifier) == (number.value, number.qualifier)
    items: list[Actor | Location] = [*brief.actors, *brief.locations]
    for item in items:
        assert fold(item.name) in {fold(e.quote) for e in item.evidence}, item
    for claim in brief.claims:
        quote = claim.evidence.quote
        assert quote == text[claim.evidence.start : claim.evidence.end]
    assert all(claim.credibility != 1 for claim in brief.claims)
    markdown = render_markdown(brief)
    shown = [c.statement for c in brief.claims] + [a.name for a in brief.actors]
    shown += [loc.name for loc in brief.locations] + [n.unit for n in brief.numbers]
    shown += [w.reason for w in brief.warnings]
    for text_item in shown:
        assert " ".join(text_item.split()) in markdown, text_item


def check_choices_accounted_for(brief: Brief, draft: Draft, document: Document) -> None:
    """Every sentence the model chose is a key claim or named in a warning, and its
    headline is the brief's or named in a warning."""
    for index, number in enumerate(draft.key_claims):
        sentence = document.sentence(number)
        kept = sentence is not None and any(
            c.key and c.evidence.start <= sentence.start and sentence.end <= c.evidence.end
            for c in brief.claims
        )
        warned = any(w.item == f"key_claims[{index}] = {number}" for w in brief.warnings)
        assert kept or warned, (index, number)
    headline_warned = any(w.item.startswith("headline") for w in brief.warnings)
    assert brief.headline == draft.headline.strip() or headline_warned
