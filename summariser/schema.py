"""The analyst brief: the pydantic models every caller receives.

This module imports nothing else of ours. Offsets in every :class:`Evidence` are
computed by our grounding code, never taken from the model.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Alignment(StrEnum):
    """How a quote was found in the source text."""

    EXACT = "exact"
    NORMALISED = "normalised"
    FUZZY = "fuzzy"


class Evidence(_Model):
    """A verbatim span of the input text: ``text[start:end] == quote``."""

    quote: str = Field(description="The source text between start and end, verbatim.")
    start: Annotated[int, Field(ge=0, description="Start character offset (inclusive).")]
    end: Annotated[int, Field(ge=0, description="End character offset (exclusive).")]
    alignment: Alignment = Field(description="How the quote was aligned to the source.")

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError("end - start must equal the length of the quote")
        return self


class ClaimantKind(StrEnum):
    OUTLET = "outlet"
    NAMED_SOURCE = "named_source"
    UNNAMED_SOURCE = "unnamed_source"
    EYEWITNESSES = "eyewitnesses"


class Attribution(StrEnum):
    """Whether the outlet states the claim itself or reports someone's assertion."""

    ASSERTED_BY_OUTLET = "asserted_by_outlet"
    REPORTED = "reported"


class Claim(_Model):
    statement: str = Field(description="The claim, in a sentence.")
    claimant: str = Field(description="Who asserts it, as the article names them.")
    claimant_kind: ClaimantKind
    attribution: Attribution
    hedges: list[str] = Field(
        default_factory=list,
        description="Attribution and hedging phrases in the sentence ('according to', 'said').",
    )
    credibility: Annotated[
        int,
        Field(
            ge=1,
            le=6,
            description=(
                "Admiralty information credibility: 1 confirmed by independent sources, "
                "2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged."
            ),
        ),
    ]
    credibility_reason: str
    evidence: Evidence

    @field_validator("credibility")
    @classmethod
    def _never_confirmed_by_one_article(cls, value: int) -> int:
        if value == 1:
            raise ValueError(
                "credibility 1 means confirmed by independent sources; "
                "a single article cannot confirm itself"
            )
        return value


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    RANGE = "range"


class NumberItem(_Model):
    value: float = Field(description="The number the words state (the low end of a range).")
    text: str = Field(description="The number as written: 'more than 80', 'nine'.")
    qualifier: Qualifier
    low: float | None = Field(default=None, description="Low end, for a range.")
    high: float | None = Field(default=None, description="High end, for a range.")
    unit: str = Field(description="Unit or counted noun: 'sorties', 'km', 'people'.")
    counts: str = Field(description="What the number counts, in a few words.")
    evidence: Evidence

    @model_validator(mode="after")
    def _range_has_bounds(self) -> NumberItem:
        if self.qualifier is Qualifier.RANGE and (self.low is None or self.high is None):
            raise ValueError("a range needs low and high")
        return self


class ActorKind(StrEnum):
    PERSON = "person"
    GOVERNMENT = "government"
    MILITARY_OR_SECURITY_FORCE = "military_or_security_force"
    ARMED_GROUP = "armed_group"
    POLITICAL_PARTY = "political_party"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    COMPANY = "company"
    MEDIA_OUTLET = "media_outlet"
    CIVILIAN_GROUP = "civilian_group"
    OTHER = "other"


class Actor(_Model):
    name: str
    kind: ActorKind
    role: str | None = Field(default=None, description="Role or affiliation, as the article says.")
    evidence: list[Evidence] = Field(min_length=1, description="Mentions of the actor.")


class LocationKind(StrEnum):
    COUNTRY = "country"
    REGION_OR_PROVINCE = "region_or_province"
    CITY_OR_TOWN = "city_or_town"
    DISTRICT = "district"
    SITE_OR_FACILITY = "site_or_facility"
    ROUTE = "route"
    OTHER = "other"


class Location(_Model):
    name: str
    kind: LocationKind
    within: str | None = Field(
        default=None, description="The larger place it lies in, when the article says so."
    )
    evidence: list[Evidence] = Field(min_length=1, description="Mentions of the place.")


class Reliability(StrEnum):
    """Admiralty source reliability."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class SourceAssessment(_Model):
    outlet: str | None = Field(description="The publishing outlet, when it can be identified.")
    outlet_type: str | None = Field(description="wire service, state-owned, ... when known.")
    reliability: Reliability = Field(
        description=(
            "Admiralty source reliability: A completely reliable, B usually reliable, "
            "C fairly reliable, D not usually reliable, E unreliable, F cannot be judged."
        )
    )
    reliability_reason: str
    sourcing: list[str] = Field(
        default_factory=list, description="How the claims are sourced, one finding a line."
    )
    notes: list[str] = Field(default_factory=list)


class WarningKind(StrEnum):
    DROPPED = "dropped"
    REPAIRED = "repaired"
    MERGED = "merged"


class BriefWarning(_Model):
    kind: WarningKind
    item: str = Field(description="Which item: 'numbers[3]', 'actor \"SANA\"', ...")
    reason: str


class Usage(_Model):
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0


class BriefMeta(_Model):
    schema_version: str = SCHEMA_VERSION
    prompt_version: str
    model: str
    input_sha256: str
    input_chars: int
    usage: Usage


class Brief(_Model):
    """A grounded analyst brief of one article."""

    headline: str
    summary: str = Field(description="One paragraph for a newsletter reader.")
    claims: list[Claim]
    numbers: list[NumberItem]
    actors: list[Actor]
    locations: list[Location]
    source_assessment: SourceAssessment
    warnings: list[BriefWarning] = Field(
        default_factory=list, description="Everything dropped, repaired or merged, and why."
    )
    meta: BriefMeta

    def evidences(self) -> list[Evidence]:
        """Every evidence span in the brief, in item order."""
        spans: list[Evidence] = [c.evidence for c in self.claims]
        spans += [n.evidence for n in self.numbers]
        for group in (self.actors, self.locations):
            for item in group:
                spans += item.evidence
        return spans


def brief_json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`Brief`, with its version."""
    schema = Brief.model_json_schema()
    schema["$id"] = f"https://summariser.invalid/brief/{SCHEMA_VERSION}"
    schema["version"] = SCHEMA_VERSION
    return schema
