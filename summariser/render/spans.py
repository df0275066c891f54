"""Evidence spans of a brief, each with a stable id, its kind and the item it supports."""

from __future__ import annotations

from dataclasses import dataclass

from summariser.schema import Brief, Evidence

KINDS = ("claim", "number", "actor", "location")


@dataclass(frozen=True)
class Span:
    id: str  # e.g. "claim-0", "actor-2-1" (second mention of the third actor)
    kind: str
    item: str  # the item, in words, for tooltips
    evidence: Evidence
    item_id: str = ""  # the brief item it supports (first mention id for actors, places)


def brief_spans(brief: Brief) -> list[Span]:
    """Every grounded evidence of the brief, in item order."""
    spans: list[Span] = []
    for i, claim in enumerate(brief.claims):
        spans.append(
            Span(
                f"claim-{i}",
                "claim",
                f"Claim: {claim.statement} ({claim.claimant})",
                claim.evidence,
                f"claim-{i}",
            )
        )
    for i, number in enumerate(brief.numbers):
        label = (
            f"Number: {number.value:g} {number.unit} ({number.qualifier.value.replace('_', ' ')})"
        )
        spans.append(Span(f"number-{i}", "number", label, number.evidence, f"number-{i}"))
    for i, actor in enumerate(brief.actors):
        for j, evidence in enumerate(actor.evidence):
            label = f"Actor: {actor.name} ({actor.kind.value.replace('_', ' ')})"
            spans.append(Span(f"actor-{i}-{j}", "actor", label, evidence, f"actor-{i}-0"))
    for i, location in enumerate(brief.locations):
        for j, evidence in enumerate(location.evidence):
            label = f"Location: {location.name} ({location.kind.value.replace('_', ' ')})"
            spans.append(Span(f"location-{i}-{j}", "location", label, evidence, f"location-{i}-0"))
    return spans
