from __future__ import annotations

import pytest
from pydantic import ValidationError

from summariser.input.documents import make_document
from summariser.rules.assessment import assess_source, claimant_kind, find_outlet, rate_claim
from summariser.schema import (
    Actor,
    ActorKind,
    Alignment,
    Claim,
    ClaimantKind,
    Evidence,
    Reliability,
)

_EVIDENCE = Evidence(quote="x", start=0, end=1, alignment=Alignment.EXACT)
_MINISTRY = Actor(name="Russian Defense Ministry", kind=ActorKind.GOVERNMENT, evidence=[_EVIDENCE])


@pytest.mark.parametrize(
    ("claimant", "kind"),
    [
        ("TASS", ClaimantKind.OUTLET),
        ("the Russian Defense Ministry", ClaimantKind.NAMED_SOURCE),
        ("Eye witnesses", ClaimantKind.EYEWITNESSES),
        ("officials", ClaimantKind.UNNAMED_SOURCE),
        ("a senior military source", ClaimantKind.UNNAMED_SOURCE),
        ("Provincial Governor Mohammed Ibrahim Samra", ClaimantKind.NAMED_SOURCE),
    ],
)
def test_claimant_kind_follows_from_the_words(claimant: str, kind: ClaimantKind) -> None:
    assert claimant_kind(claimant, "TASS") is kind


def test_casualty_figures_from_a_party_are_doubtful() -> None:
    rating = rate_claim(
        "the Russian Defense Ministry",
        ClaimantKind.NAMED_SOURCE,
        "Losses among terrorists amounted to more than 70 men",
        [_MINISTRY],
    )
    assert rating.credibility == 4
    assert "party" in rating.reason


def test_no_rule_ever_rates_a_claim_1() -> None:
    for kind in ClaimantKind:
        for actors in ([], [_MINISTRY]):
            rating = rate_claim("Russian Defense Ministry", kind, "They said it.", actors)
            assert 2 <= rating.credibility <= 6


def test_the_schema_refuses_credibility_1() -> None:
    with pytest.raises(ValidationError, match="independent sources"):
        Claim(
            statement="s",
            claimant="c",
            claimant_kind=ClaimantKind.OUTLET,
            attribution="asserted_by_outlet",  # type: ignore[arg-type]  # pydantic coerces it
            credibility=1,
            credibility_reason="r",
            evidence=_EVIDENCE,
        )


def test_state_outlet_reporting_its_own_state_at_war_is_rated_d(seed_text: str) -> None:
    document = make_document(seed_text)
    outlet = find_outlet(document)
    assert outlet is not None and outlet.name == "TASS"
    assessment = assess_source(
        document, [("Russian Defense Ministry", ClaimantKind.NAMED_SOURCE, "killed")], [_MINISTRY]
    )
    assert assessment.reliability is Reliability.D
    assert any("single source" in s for s in assessment.sourcing)
    assert any("unverified" in s for s in assessment.sourcing)


def test_unknown_outlet_cannot_be_judged() -> None:
    document = make_document("A local blog says the bridge reopened on Monday.")
    assessment = assess_source(document, [], [])
    assert assessment.outlet is None
    assert assessment.reliability is Reliability.F
