"""The claims of each article, as units to align across articles.

A unit is one claim of one article with its claimant and its evidence (whole sentences,
as in the brief): every claim of the article's brief (each attributed statement, in its
speaker's words, and the key claims the outlet makes itself), then every other sentence
of the story the outlet states itself. A sentence that reports words the parse could not
attribute (a speech cue or a quotation with no speaker found) is nobody's claim and no
unit, as in the brief. Captions, bylines and datelines never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.comparison.accounts import Account
from summariser.comparison.words import content_stems, fold_name, name_tokens
from summariser.grounding.crosscheck import claim_sentences
from summariser.rules.assessment import rate_claim
from summariser.schema import Alignment, ClaimantKind, Evidence

_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|according to|reported|reports|claimed|claims|added|"
    r"stated|announced|warned|insisted|argued|estimated|believes|believed|fears|feared|"
    r"wrote|tweeted)\b|[\"“”]",
    re.IGNORECASE,
)
MIN_STEMS = 3  # a unit with fewer content words is too thin to match on


@dataclass(frozen=True)
class ClaimUnit:
    """One claim of one article."""

    key: str  # "a1:4": the article and the unit's number in it
    article: str
    outlet: str | None
    claimant: str
    claimant_kind: ClaimantKind
    statement: str
    evidence: Evidence
    credibility: int
    reason: str
    from_brief: bool  # a claim of the article's own brief (not a plain outlet sentence)
    direct: bool  # the claimant's words in quotation marks
    stems: frozenset[str]
    names: frozenset[str]

    @property
    def by_outlet(self) -> bool:
        return self.claimant_kind is ClaimantKind.OUTLET


def claim_units(account: Account) -> list[ClaimUnit]:
    """The units of one article: its brief's claims, then its outlet's other sentences."""
    brief, document = account.brief, account.item.document
    units: list[ClaimUnit] = []
    seen: set[tuple[int, int, str]] = set()
    for claim in brief.claims:
        place = (claim.evidence.start, claim.evidence.end, fold_name(claim.claimant))
        if place in seen:
            continue
        seen.add(place)
        units.append(
            _unit(account, len(units), claim.claimant, claim.claimant_kind, claim.statement,
                  claim.evidence, claim.credibility, claim.credibility_reason, True,
                  claim.direct)
        )  # fmt: skip
    covered = [(c.evidence.start, c.evidence.end) for c in brief.claims]
    claimant = account.outlet_name or "the article"
    for sentence in claim_sentences(document, account.analysis):
        if any(s < sentence.end and sentence.start < e for s, e in covered):
            continue
        text = document.sentence_text(sentence)
        if _REPORTED.search(text):
            continue
        evidence = Evidence(
            quote=text, start=sentence.start, end=sentence.end, alignment=Alignment.EXACT
        )
        rating = rate_claim(claimant, ClaimantKind.OUTLET, text, brief.actors)
        units.append(
            _unit(account, len(units), claimant, ClaimantKind.OUTLET, text, evidence,
                  rating.credibility, rating.reason, False, False)
        )  # fmt: skip
    return [u for u in units if len(u.stems) >= MIN_STEMS]


def _unit(
    account: Account,
    number: int,
    claimant: str,
    kind: ClaimantKind,
    statement: str,
    evidence: Evidence,
    credibility: int,
    reason: str,
    from_brief: bool,
    direct: bool,
) -> ClaimUnit:
    own = frozenset(claimant.lower().split()) if kind is not ClaimantKind.OUTLET else frozenset()
    return ClaimUnit(
        key=f"{account.id}:{number}",
        article=account.id,
        outlet=account.outlet_name,
        claimant=claimant,
        claimant_kind=kind,
        statement=statement,
        evidence=evidence,
        credibility=credibility,
        reason=reason,
        from_brief=from_brief,
        direct=direct,
        stems=content_stems(statement, own),
        names=name_tokens(statement) - own,
    )
