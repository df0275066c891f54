"""The analyst brief: the pydantic models every caller receives.

This module imports nothing else of ours. Offsets in every :class:`Evidence` are
computed by our grounding code, never taken from the model.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "2.2"


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


Credibility = Annotated[
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
"""An Admiralty credibility rating, 1 to 6 (the brief's claims and the comparison's)."""


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
    """A key claim and who makes it."""

    statement: str = Field(description="The claim, in a sentence.")
    claimant: str = Field(description="Who asserts it, as the article names them.")
    claimant_kind: ClaimantKind = Field(
        description="The outlet itself, a named source, an unnamed source or eyewitnesses."
    )
    attribution: Attribution = Field(
        description="Whether the outlet asserts it or reports someone else's assertion."
    )
    hedges: list[str] = Field(
        default_factory=list,
        description="Attribution and hedging phrases in the sentence ('according to', 'said').",
    )
    credibility: Credibility
    credibility_reason: str = Field(description="The rule that gave the rating.")
    evidence: Evidence = Field(description="The whole sentences of the article that state it.")
    key: bool = Field(
        default=False, description="One of the key claims (chosen by the model, or by rule)."
    )
    direct: bool = Field(default=False, description="The claimant's words in quotation marks.")
    reported_by: str | None = Field(
        default=None,
        description=(
            "Who relayed the claimant's words to the article, when it did not hear them "
            "itself ('Politico reported ... Clinton said'): the claimant said it, as far as "
            "this source says."
        ),
    )

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
    """A quantity the article states, found by code."""

    value: float = Field(description="The number the words state (the low end of a range).")
    text: str = Field(description="The number as written: 'more than 80', 'nine'.")
    qualifier: Qualifier = Field(description="How the words bound the value.")
    low: float | None = Field(default=None, description="Low end, for a range.")
    high: float | None = Field(default=None, description="High end, for a range.")
    unit: str = Field(description="Unit or counted noun: 'sorties', 'km', 'people'.")
    counts: str = Field(description="What the number counts, in a few words.")
    evidence: Evidence = Field(description="The number words and the counted noun.")

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
    """A person or organisation the article names."""

    name: str = Field(description="The name as the article writes it (its first mention).")
    kind: ActorKind = Field(description="What kind of actor it is.")
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
    """A place the article names."""

    name: str = Field(description="The name as the article writes it (its first mention).")
    kind: LocationKind = Field(description="What kind of place it is.")
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
    """The outlet and how the claims are sourced, rated by rules (Admiralty code)."""

    outlet: str | None = Field(description="The publishing outlet, when it can be identified.")
    outlet_type: str | None = Field(description="wire service, state-owned, ... when known.")
    reliability: Reliability = Field(
        description=(
            "Admiralty source reliability: A completely reliable, B usually reliable, "
            "C fairly reliable, D not usually reliable, E unreliable, F cannot be judged."
        )
    )
    reliability_reason: str = Field(description="The rule that gave the rating.")
    sourcing: list[str] = Field(
        default_factory=list, description="How the claims are sourced, one finding a line."
    )
    notes: list[str] = Field(default_factory=list, description="How the ratings were made.")


class WarningKind(StrEnum):
    DROPPED = "dropped"
    REPAIRED = "repaired"
    MERGED = "merged"


class BriefWarning(_Model):
    """Something the model said that code dropped, repaired or merged."""

    kind: WarningKind = Field(description="Dropped, repaired or merged.")
    item: str = Field(description="Which item: 'numbers[3]', 'actor \"SANA\"', ...")
    reason: str = Field(description="Why, in words.")


class Paragraph(_Model):
    """One newsletter paragraph, built from the brief and checked against it."""

    text: str = Field(description="The paragraph; empty when no faithful one could be made.")
    words: int = Field(ge=0, description="Its length in words.")
    max_words: int = Field(ge=1, description="The limit it was made for.")
    faithful: bool = Field(
        description=(
            "Every number, named actor and place in the text is among the brief's grounded "
            "items, and every reported claim keeps its attribution."
        )
    )
    notes: list[str] = Field(
        default_factory=list, description="What was repaired or dropped, and what is still wrong."
    )


class CallTokens(_Model):
    """Tokens of one answered model call."""

    prompt_tokens: int = Field(description="Prompt tokens of the call.")
    completion_tokens: int = Field(description="Completion tokens of the call.")


class Usage(_Model):
    """What the brief cost: model calls (re-asks and retries included), tokens, time."""

    calls: int = Field(default=0, description="HTTP calls to the model, failed ones included.")
    per_call: list[CallTokens] = Field(
        default_factory=list,
        description="Tokens of each answered call, in order (re-asks included).",
    )
    prompt_tokens: int = Field(default=0, description="Prompt tokens over all calls.")
    completion_tokens: int = Field(default=0, description="Completion tokens over all calls.")
    seconds: float = Field(default=0.0, description="Wall time of the model calls.")
    cost_usd: float | None = Field(
        default=None, description="Cost from the price table; null when the price is unknown."
    )
    cached: bool = Field(default=False, description="Served from the local cache: no call made.")


class Provenance(_Model):
    """Where the article came from: what the input and the page's own metadata say."""

    source: str | None = Field(
        default=None,
        description=(
            "The file path or URL the article was read from, '-' for standard input; "
            "null for text handed to the library."
        ),
    )
    url: str | None = Field(
        default=None, description="The article's URL: the one fetched, or the page's canonical URL."
    )
    title: str | None = Field(default=None, description="The page's title, when it has one.")
    author: str | None = Field(default=None, description="The byline, from the page's metadata.")
    published: str | None = Field(
        default=None, description="Publication date from the page's metadata (YYYY-MM-DD)."
    )
    outlet: str | None = Field(
        default=None,
        description=(
            "The publishing outlet: the one the source assessment recognised, else the "
            "page's site name."
        ),
    )


class BriefMeta(_Model):
    """How the brief was made."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    created: datetime | None = Field(
        default=None,
        description=(
            "When the brief was made (UTC, ISO 8601; SOURCE_DATE_EPOCH fixes it for "
            "reproducible output)."
        ),
    )
    prompt_version: str = Field(description="Versions of the prompt templates used.")
    model: str = Field(description="The model's identity (local models: with weights hash).")
    input_sha256: str = Field(description="SHA-256 of the input text (UTF-8).")
    input_chars: int = Field(description="Length of the input text in characters.")
    usage: Usage = Field(description="Calls, tokens and time.")


class Brief(_Model):
    """A grounded analyst brief of one article."""

    text: str = Field(description="The article text that every offset indexes into.")
    headline: str = Field(description="One line.")
    summary: str = Field(
        description="The model's summary, each sentence checked against the article."
    )
    claims: list[Claim] = Field(
        description="Every attributed statement, each with who makes it; key claims first."
    )
    numbers: list[NumberItem] = Field(description="Every quantity in the article.")
    actors: list[Actor] = Field(description="People and organisations, merged.")
    locations: list[Location] = Field(description="Places, merged.")
    source_assessment: SourceAssessment = Field(description="How far the source can be trusted.")
    paragraph: Paragraph = Field(description="The newsletter paragraph (90 words at most).")
    warnings: list[BriefWarning] = Field(
        default_factory=list, description="Everything dropped, repaired or merged, and why."
    )
    provenance: Provenance = Field(
        default_factory=Provenance,
        description="Where the article came from: source, title, author, date, outlet.",
    )
    meta: BriefMeta = Field(description="Model, versions, input hash and usage.")

    def evidences(self) -> list[Evidence]:
        """Every evidence span in the brief, in item order."""
        spans: list[Evidence] = [c.evidence for c in self.claims]
        spans += [n.evidence for n in self.numbers]
        for group in (self.actors, self.locations):
            for item in group:
                spans += item.evidence
        return spans


def versioned_json_schema(model: type[BaseModel], name: str, version: str) -> dict[str, object]:
    """The JSON Schema of ``model``, with its ``$id`` and ``version``."""
    schema = model.model_json_schema()
    schema["$id"] = f"https://summariser.invalid/{name}/{version}"
    schema["version"] = version
    return schema


def brief_json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`Brief`, with its version."""
    return versioned_json_schema(Brief, "brief", SCHEMA_VERSION)
