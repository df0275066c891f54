"""The cross-source brief: the pydantic models a comparison of several articles returns.

Every evidence span indexes into its article's ``text``, which the brief keeps, and a
validator checks each one. Credibility 1 (confirmed by independent sources) needs at
least two outlets; the rules that decide independence are in ``credibility.py``.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from summariser.schema import (
    ClaimantKind,
    Credibility,
    Evidence,
    Qualifier,
    Reliability,
    Usage,
    versioned_json_schema,
)

COMPARE_SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRef(_Model):
    """One article of the comparison, as the other sections cite it (by ``id``)."""

    id: str = Field(description="a1, a2, ... in the order the articles were given.")
    source: str | None = Field(description="The file, URL or record id it was read from.")
    title: str | None = Field(description="The page's title, or the brief's headline.")
    outlet: str | None = Field(description="The publishing outlet, when it can be identified.")
    outlet_kind: str | None = Field(description="wire service, newspaper, ... when known.")
    owner: str | None = Field(
        description="Who owned the outlet when the article was published (the outlet table)."
    )
    state: str | None = Field(description="The state that owns, funds or controls the outlet.")
    reliability: Reliability = Field(description="Admiralty source reliability of the outlet.")
    reliability_reason: str = Field(description="Why the outlet has that reliability.")
    carries_wire: str | None = Field(
        default=None, description="The wire service whose copy the article carries, when known."
    )
    published: str | None = Field(description="Publication time, as the source gives it.")
    url: str | None = Field(default=None, description="The article's URL, when known.")
    text: str = Field(description="The article text every evidence span of it indexes into.")


class Outlier(_Model):
    """An article that does not fit the others."""

    article: str = Field(description="The article's id.")
    similarity: float = Field(description="Its mean similarity to the other articles (0 to 1).")
    reason: str = Field(description="Why it does not fit, in words.")


class EventCheck(_Model):
    """Whether the articles tell of one event: shared names, places, dates and claims."""

    same_event: bool = Field(description="Whether every article fits the others.")
    summary: str = Field(description="The verdict, in a sentence.")
    shared_names: list[str] = Field(
        default_factory=list, description="People, organisations and places most articles name."
    )
    dates: list[str] = Field(default_factory=list, description="Publication dates, earliest first.")
    outliers: list[Outlier] = Field(default_factory=list, description="Articles that do not fit.")


class ClaimStatus(StrEnum):
    AGREED = "agreed"
    SINGLE = "single"
    CONFLICTING = "conflicting"


class Mention(_Model):
    """One article's account of a merged claim."""

    article: str = Field(description="The article's id.")
    outlet: str | None = Field(description="The article's outlet.")
    claimant: str = Field(description="Who makes the claim in this article.")
    claimant_kind: ClaimantKind = Field(description="Outlet, named or unnamed source, witnesses.")
    statement: str = Field(description="The claim in this article's words.")
    evidence: Evidence = Field(description="The whole sentences of the article that state it.")
    credibility: Credibility = Field(
        description="The credibility this article alone gives it (never 1)."
    )
    published: str | None = Field(description="The article's publication time.")


class MergedClaim(_Model):
    """A claim aligned across articles: agreed, single or conflicting."""

    id: str = Field(description="c1, c2, ...")
    statement: str = Field(description="The claim, in the words of its first mention.")
    status: ClaimStatus = Field(
        description="agreed: several articles carry it; single: one article only; "
        "conflicting: the articles disagree."
    )
    mentions: list[Mention] = Field(min_length=1, description="Each article's account of it.")
    credibility: Credibility
    credibility_reason: str = Field(description="The rule that gave the rating, naming outlets.")
    independence: list[str] = Field(
        default_factory=list,
        description="Why mentions are not independent of each other: wire copy, one owner, "
        "one state, the same original claimant, the same outlet twice.",
    )
    conflicts: list[str] = Field(default_factory=list, description="What disagrees, in words.")
    matched_by: list[str] = Field(
        default_factory=list, description="How code or the model matched its mentions."
    )
    possibly_same_as: list[str] = Field(
        default_factory=list,
        description="Merged claims code could not tell apart from this one and no model judged.",
    )

    @model_validator(mode="after")
    def _confirmed_only_by_two_outlets(self) -> MergedClaim:
        if self.credibility == 1:
            outlets = {m.outlet or m.article for m in self.mentions}
            if len(outlets) < 2:
                raise ValueError(
                    "credibility 1 means confirmed by independent sources; "
                    "an outlet cannot confirm itself"
                )
        return self


class FigureValue(_Model):
    """One article's value of a compared quantity."""

    article: str = Field(description="The article's id.")
    outlet: str | None = Field(description="The article's outlet.")
    value: float = Field(description="The value in the compared unit (low end of a range).")
    high: float | None = Field(default=None, description="High end of a range, compared unit.")
    text: str = Field(description="The number as written: 'at least six'.")
    qualifier: Qualifier = Field(description="How the words bound the value.")
    unit: str = Field(description="The unit or counted noun as the article has it.")
    evidence: Evidence = Field(description="The number words and the counted noun.")
    sentence: Evidence = Field(description="The whole sentence that states it.")
    published: str | None = Field(description="The article's publication time.")


class Figure(_Model):
    """One quantity as several articles state it."""

    id: str = Field(description="f1, f2, ...")
    quantity: str = Field(description="What is counted or measured, in a few words.")
    unit: str = Field(description="The unit values are compared in.")
    status: ClaimStatus = Field(description="agreed or conflicting (never single).")
    values: list[FigureValue] = Field(
        min_length=2, description="Each article's value, earliest publication first."
    )
    reason: str = Field(description="What agrees or disagrees, naming outlets and times.")


class DependenceKind(StrEnum):
    SAME_OUTLET = "same_outlet"
    WIRE_COPY = "wire_copy"
    SAME_OWNER = "same_owner"
    SAME_STATE = "same_state"


class Passage(_Model):
    """Near-identical sentences in two articles."""

    first: Evidence = Field(description="The passage in the first article.")
    second: Evidence = Field(description="The passage in the second article.")
    similarity: float = Field(description="rapidfuzz ratio of the folded sentences (0 to 100).")


class Dependence(_Model):
    """Why two articles cannot confirm each other."""

    articles: list[str] = Field(min_length=2, max_length=2, description="The two articles' ids.")
    kind: DependenceKind = Field(description="Wire copy, one outlet, one owner or one state.")
    reason: str = Field(description="In words, naming the outlets.")
    passages: list[Passage] = Field(
        default_factory=list, description="For wire copy: the near-identical passages."
    )


class Independence(_Model):
    """Which articles are independent of each other."""

    dependences: list[Dependence] = Field(
        default_factory=list, description="Pairs of articles that are not independent."
    )
    groups: list[list[str]] = Field(
        description="Articles grouped so that any two articles in different groups are "
        "independent; a claim is confirmed only by mentions from two groups."
    )


class CompareMeta(_Model):
    """How the comparison was made."""

    schema_version: str = Field(
        default=COMPARE_SCHEMA_VERSION, description="This schema's version."
    )
    created: datetime | None = Field(default=None, description="When it was made (UTC).")
    model: str = Field(description="The model's identity ('none' without a model).")
    brief_schema_version: str = Field(description="Schema version of the per-article briefs.")
    pairs_by_code: int = Field(description="Candidate claim pairs code decided.")
    pairs_by_model: int = Field(description="Candidate claim pairs the model judged.")
    pairs_undecided: int = Field(
        description="Candidate pairs neither code nor a model decided (left apart)."
    )
    usage: Usage = Field(description="Model calls of the comparison itself (pair judgments).")
    briefs_cached: int = Field(description="Articles whose answers came from the cache.")
    seconds: float = Field(description="Wall time of the comparison, briefs included.")


class CrossSourceBrief(_Model):
    """Several accounts of one event compared: what agrees, what conflicts, who confirms."""

    articles: list[ArticleRef] = Field(min_length=2, description="The articles compared.")
    event: EventCheck = Field(description="Whether they tell of one event.")
    claims: list[MergedClaim] = Field(
        description="Claims aligned across the articles: conflicting first, then agreed, "
        "then single."
    )
    figures: list[Figure] = Field(description="Quantities stated by several articles.")
    independence: Independence = Field(description="Which articles can confirm each other.")
    warnings: list[str] = Field(default_factory=list, description="What could not be done.")
    meta: CompareMeta = Field(description="Model, versions, decisions and cost.")

    @model_validator(mode="after")
    def _evidence_indexes_its_article(self) -> CrossSourceBrief:
        texts = {a.id: a.text for a in self.articles}
        spans = [(m.article, m.evidence) for c in self.claims for m in c.mentions]
        spans += [(v.article, e) for f in self.figures for v in f.values
                  for e in (v.evidence, v.sentence)]  # fmt: skip
        for d in self.independence.dependences:
            for p in d.passages:
                spans += [(d.articles[0], p.first), (d.articles[1], p.second)]
        for article, evidence in spans:
            text = texts.get(article)
            if text is None:
                raise ValueError(f"evidence cites an unknown article {article!r}")
            if text[evidence.start : evidence.end] != evidence.quote:
                raise ValueError(f"evidence [{evidence.start}:{evidence.end}] is not in {article}")
        return self

    def article(self, article_id: str) -> ArticleRef:
        """The article with this id."""
        return next(a for a in self.articles if a.id == article_id)


def compare_json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`CrossSourceBrief`, with its version."""
    return versioned_json_schema(CrossSourceBrief, "compare", COMPARE_SCHEMA_VERSION)
