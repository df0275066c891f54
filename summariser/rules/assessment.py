"""Source assessment by rules: outlet, sourcing findings and Admiralty ratings.

Ratings come from these rules, never from the model's opinion. A single article can
never confirm itself, so no claim gets credibility 1 (the schema rejects it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.input.documents import Document
from summariser.outlets import OUTLETS, Outlet
from summariser.schema import (
    Actor,
    ActorKind,
    ClaimantKind,
    Reliability,
    SourceAssessment,
)

_PARTY_KINDS = {ActorKind.GOVERNMENT, ActorKind.MILITARY_OR_SECURITY_FORCE, ActorKind.ARMED_GROUP}
_CASUALTY = re.compile(
    r"\b(kill\w*|dead|deaths?|died|losses|casualt\w+|wounded|injured|destroy\w*)\b",
    re.IGNORECASE,
)
_COUNTRY_ADJECTIVE = {"Russia": "Russian", "Syria": "Syrian", "China": "Chinese"}


@dataclass(frozen=True)
class ClaimRating:
    credibility: int
    reason: str


def find_outlet(document: Document, site: str | None = None) -> Outlet | None:
    """The outlet named by metadata, or by a dateline or credit in the opening lines."""
    head = document.text[:1500]
    for outlet in OUTLETS:
        if site and re.search(rf"\b{re.escape(outlet.name)}\b", site, re.IGNORECASE):
            return outlet
    for outlet in OUTLETS:
        # The first pattern is the dateline or credit form; others are plain mentions
        # that only count in the very first lines.
        if re.search(outlet.patterns[0], head, re.MULTILINE):
            return outlet
    return None


_EYEWITNESS = re.compile(r"\b(eye ?witness\w*|witness\w*|residents?|locals)\b", re.IGNORECASE)
_UNNAMED = re.compile(
    r"\b(sources?|officials?|spokes\w+|diplomats?|analysts?|people familiar|insiders?|"
    r"an? \w+ official)\b",
    re.IGNORECASE,
)


def claimant_kind(claimant: str, outlet: str | None) -> ClaimantKind:
    """Outlet, eyewitnesses, unnamed or named source, decided from the claimant's words."""
    folded = _fold(claimant)
    if outlet and (folded == outlet.lower() or outlet.lower() in folded.split()):
        return ClaimantKind.OUTLET
    if _EYEWITNESS.search(claimant):
        return ClaimantKind.EYEWITNESSES
    names = [w for w in claimant.split()[1:] if w[:1].isupper()]
    if _UNNAMED.search(claimant) and not names:
        return ClaimantKind.UNNAMED_SOURCE
    return ClaimantKind.NAMED_SOURCE


def is_party(claimant: str, actors: list[Actor]) -> bool:
    """Whether the claimant is (part of) a government, military or armed group in the story."""
    folded = _fold(claimant)
    for actor in actors:
        name = _fold(actor.name)
        if actor.kind in _PARTY_KINDS and name and (name in folded or folded in name):
            return True
    return False


def rate_claim(
    claimant: str, kind: ClaimantKind, sentence: str, actors: list[Actor]
) -> ClaimRating:
    """Admiralty information credibility of one claim, from who makes it and what it is."""
    if not claimant.strip():
        return ClaimRating(6, "no claimant: there is no basis to judge it")
    if kind is ClaimantKind.EYEWITNESSES:
        return ClaimRating(4, "unnamed eyewitnesses; not independently confirmed")
    if kind is ClaimantKind.UNNAMED_SOURCE:
        return ClaimRating(4, "unnamed source; cannot be checked")
    if is_party(claimant, actors):
        if _CASUALTY.search(sentence):
            return ClaimRating(
                4, "casualty or damage figures from a party to the conflict, unverified"
            )
        return ClaimRating(3, "from a party to the events; single source, not confirmed")
    if kind is ClaimantKind.OUTLET:
        return ClaimRating(3, "stated by the outlet itself; not confirmed by another source")
    return ClaimRating(3, "single named source; not confirmed by another source")


def assess_source(
    document: Document,
    claims: list[tuple[str, ClaimantKind, str]],
    actors: list[Actor],
    site: str | None = None,
    *,
    aimed_at_ai: int = 0,
    hidden: int = 0,
) -> SourceAssessment:
    """Outlet rating and sourcing findings; ``claims`` are (claimant, kind, sentence).
    ``aimed_at_ai`` and ``hidden`` count the stretches of the article that address AI
    systems or that the page hid from its readers: each kind gets a note."""
    outlet = find_outlet(document, site)
    notes = [
        "Ratings follow fixed rules (see the README): no claim is rated 1, "
        "since one article cannot confirm itself.",
    ]
    if aimed_at_ai:
        notes.append(
            f"The article contains instructions aimed at AI systems ({_stretches(aimed_at_ai)}): "
            "they were kept out of the brief. A page that carries them may have been tampered "
            "with; check it against other sources."
        )
    if hidden:
        notes.append(
            f"The page hides text from its readers ({_stretches(hidden)}): it was kept out of the "
            "brief. Hidden text is a way to aim instructions at AI systems."
        )
    meta = document.meta
    if meta.author or meta.date or meta.url:
        published = ", ".join(
            part
            for part in (
                f"by {meta.author}" if meta.author else "",
                f"on {meta.date}" if meta.date else "",
                f"at {meta.url}" if meta.url else "",
            )
            if part
        )
        notes.append(f"Published {published} (page metadata).")
    if outlet is None:
        reliability, reason = Reliability.F, "the outlet is unknown: no basis to judge it"
        if site:
            reason = f"{site} is not in the outlet table: no basis to judge it"
    else:
        reliability, reason = outlet.reliability, outlet.reason
        adjective = _COUNTRY_ADJECTIVE.get(outlet.country or "")
        state_party = adjective and any(
            a.kind in _PARTY_KINDS and adjective.lower() in a.name.lower() for a in actors
        )
        if state_party and "state-owned" in outlet.kind:
            reliability = Reliability.D
            reason = f"{outlet.kind} of {outlet.country}, a party to the events it reports"
    return SourceAssessment(
        outlet=outlet.name if outlet else site,
        outlet_type=outlet.kind if outlet else None,
        reliability=reliability,
        reliability_reason=reason,
        sourcing=_sourcing_findings(claims, actors),
        notes=notes,
    )


def _sourcing_findings(
    claims: list[tuple[str, ClaimantKind, str]], actors: list[Actor]
) -> list[str]:
    findings: list[str] = []
    if not claims:
        return ["no claims could be grounded"]
    sources: dict[str, tuple[str, ClaimantKind, int]] = {}
    for claimant, kind, _ in claims:
        name, _, count = sources.get(_fold(claimant), (claimant, kind, 0))
        sources[_fold(claimant)] = (name, kind, count + 1)
    if len(sources) == 1:
        findings.append(f"single source: every claim comes from {claims[0][0]}")
    findings.append(
        f"{len(sources)} source(s) cited: "
        + "; ".join(
            f"{name} ({_source_traits(name, kind, actors)}; "
            f"{count} statement{'s' if count > 1 else ''})"
            for name, kind, count in sources.values()
        )
    )
    party = sorted({c for c, _, _ in claims if is_party(c, actors)})
    if party:
        count = sum(1 for c, _, _ in claims if is_party(c, actors))
        findings.append(
            f"{count} of {len(claims)} claims come from a party to the events: " + ", ".join(party)
        )
        if any(is_party(c, actors) and _CASUALTY.search(s) for c, _, s in claims):
            findings.append("casualty or damage figures come from a party and are unverified")
    if any(kind is ClaimantKind.EYEWITNESSES for _, kind, _ in claims):
        findings.append("eyewitnesses are unnamed")
    if any(kind is ClaimantKind.UNNAMED_SOURCE for _, kind, _ in claims):
        findings.append("some claims rest on unnamed sources")
    findings.append("the article cites no independent confirmation")
    return findings


def _source_traits(name: str, kind: ClaimantKind, actors: list[Actor]) -> str:
    """'party to the events, named', 'not a party, anonymous', ..."""
    role = (
        "the outlet itself"
        if kind is ClaimantKind.OUTLET
        else ("party to the events" if is_party(name, actors) else "not a party")
    )
    named = (
        "anonymous" if kind in (ClaimantKind.UNNAMED_SOURCE, ClaimantKind.EYEWITNESSES) else "named"
    )
    return f"{role}, {named}"


def _stretches(count: int) -> str:
    return f"{count} stretch{'es' if count > 1 else ''}"


def _fold(name: str) -> str:
    name = name.lower().strip()
    return re.sub(r"^the\s+", "", name)
