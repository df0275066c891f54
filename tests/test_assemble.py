"""Grounding a draft into a brief. The drafts here are SYNTHETIC (written for the test,
not model output); recorded model output is exercised in test_replay.py."""

from __future__ import annotations

from typing import Any

import pytest

from summariser.brief import Grounder, build_brief
from summariser.input.documents import make_document
from summariser.model.draft import Draft
from summariser.schema import ActorKind, ClaimantKind, Usage, WarningKind


def synthetic_draft(**changes: Any) -> Draft:
    data: dict[str, Any] = {
        "claims": [
            {
                "sentence": 5,
                "statement": "Russian warplanes flew over 80 sorties.",
                "claimant": "Russian Defense Ministry",
            },
            {
                "sentence": 16,
                "statement": "Nine field commanders were killed.",
                "claimant": "SANA",
            },
        ],
        "people": [{"name": "Mohammed Ibrahim Samra", "role": "Provincial Governor"}],
        "organisations": [{"name": "Russian Defense Ministry", "kind": "government"}],
        "places": [{"name": "Deir ez-Zor", "kind": "city_or_town", "within": "Syria"}],
        "headline": "Russian jets back Syrian push on Deir ez-Zor",
        "summary": "The Russian Defense Ministry said its warplanes flew over 80 sorties.",
    }
    data.update(changes)
    return Draft.model_validate(data)


@pytest.fixture
def grounder(seed_text: str) -> Grounder:
    return Grounder(make_document(seed_text))


def _brief(grounder: Grounder, draft: Draft) -> Any:
    return build_brief(draft, grounder.document, model="m", prompt_version="p", usage=Usage())


def test_a_grounded_draft_has_no_problems(grounder: Grounder) -> None:
    assert grounder.problems(synthetic_draft()) == []


def test_every_evidence_quotes_the_text_at_its_offsets(grounder: Grounder) -> None:
    brief = _brief(grounder, synthetic_draft())
    text = grounder.document.text
    assert brief.evidences()
    for evidence in brief.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote


def test_invented_names_are_problems_listed_for_the_reask(grounder: Grounder) -> None:
    draft = synthetic_draft(
        organisations=[{"name": "Syrian Aerospace Force", "kind": "military_or_security_force"}],
        places=[{"name": "Aleppo", "kind": "city_or_town", "within": ""}],
    )
    problems = grounder.problems(draft)
    assert problems == [
        'organisations[0] "Syrian Aerospace Force": this name does not appear in the article',
        'places[0] "Aleppo": this place does not appear in the article',
    ]


def test_after_the_budget_ungrounded_items_become_warnings(grounder: Grounder) -> None:
    draft = synthetic_draft(
        organisations=[{"name": "Syrian Aerospace Force", "kind": "military_or_security_force"}]
    )
    brief = _brief(grounder, draft)
    assert all(a.name != "Syrian Aerospace Force" for a in brief.actors)
    dropped = [w for w in brief.warnings if w.kind is WarningKind.DROPPED]
    assert any("Syrian Aerospace Force" in w.item for w in dropped)


def test_a_claim_stating_a_number_the_article_lacks_is_a_problem(grounder: Grounder) -> None:
    draft = synthetic_draft(
        claims=[
            {"sentence": 5, "statement": "Warplanes flew 95 sorties.", "claimant": "TASS"},
            {"sentence": 16, "statement": "Nine commanders died.", "claimant": "SANA"},
        ]
    )
    assert grounder.problems(draft) == [
        'claims[0] "Warplanes flew 95 sorties.": the article does not state 95'
    ]


def test_a_wrongly_cited_sentence_is_repaired_with_a_warning(grounder: Grounder) -> None:
    draft = synthetic_draft(
        claims=[
            {
                "sentence": 7,  # the statement is sentence 8
                "statement": "Losses among terrorists amounted to more than 70 men.",
                "claimant": "Russian Defense Ministry",
            },
            {"sentence": 16, "statement": "Nine commanders died.", "claimant": "SANA"},
        ]
    )
    brief = _brief(grounder, draft)
    assert brief.claims[0].evidence.quote.startswith("Losses among terrorists")
    assert any(w.kind is WarningKind.REPAIRED and "[8]" in w.reason for w in brief.warnings)


def test_a_title_taken_from_another_person_is_removed(grounder: Grounder) -> None:
    draft = synthetic_draft(people=[{"name": "Mohammed Ibrahim Samra", "role": "General"}])
    brief = _brief(grounder, draft)
    samra = next(a for a in brief.actors if a.name == "Mohammed Ibrahim Samra")
    # The rule-found title replaces the model's wrong one.
    assert samra.role == "Provincial Governor"
    assert any('role "General"' in w.reason for w in brief.warnings)


def test_repeated_actors_are_merged_into_one(grounder: Grounder) -> None:
    draft = synthetic_draft(
        organisations=[
            {"name": "Russian Defense Ministry", "kind": "government"},
            {"name": "the Russian Defense Ministry", "kind": "government"},
            {"name": "Defense Ministry", "kind": "government"},
        ]
    )
    brief = _brief(grounder, draft)
    ministries = [a for a in brief.actors if "Ministry" in a.name]
    assert [a.name for a in ministries] == ["Russian Defense Ministry"]
    assert sum(w.kind is WarningKind.MERGED for w in brief.warnings) >= 2


def test_an_organisation_listed_as_a_person_is_reclassified(grounder: Grounder) -> None:
    draft = synthetic_draft(people=[{"name": "Syrian Arab News Agency", "role": ""}])
    brief = _brief(grounder, draft)
    agency = next(a for a in brief.actors if a.name == "Syrian Arab News Agency")
    assert agency.kind is ActorKind.MEDIA_OUTLET


def test_claimant_kind_and_credibility_come_from_rules(grounder: Grounder) -> None:
    brief = _brief(grounder, synthetic_draft())
    ministry_claim, sana_claim = brief.claims
    assert ministry_claim.claimant_kind is ClaimantKind.NAMED_SOURCE
    assert sana_claim.credibility in (3, 4)
    assert all(c.credibility != 1 for c in brief.claims)
    assert brief.source_assessment.outlet == "TASS"
