"""What the analysis finds before any model runs: the candidates the model chooses among.

Every offset indexes into ``Document.text``. The models are pydantic so that an analysis
is stored beside the model's answers in the cache: a cache hit rebuilds the brief
without loading the NLP pipeline.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from summariser.schema import NumberItem

# Any change to what the analysis produces for the same text bumps this version; it is
# part of every cache and recording key (the prompt shows candidates by id).
ANALYSIS_VERSION = "5"


class _Candidate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextRange(_Candidate):
    """``text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class NonContentKind(StrEnum):
    """Lines that are not part of the story."""

    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    CREDIT = "credit"
    BOILERPLATE = "boilerplate"  # "Scroll down for video", subscription prompts, share bars
    INJECTION = "injection"  # text addressed to an AI system: instructions, role markers, ...
    HIDDEN = "hidden"  # text the page hid from its readers, or invisible characters


class NonContent(TextRange):
    """A stretch of text that is not content: never an actor, a place or a claim."""

    kind: NonContentKind


class InjectionKind(StrEnum):
    """How a stretch of the article addresses an AI system rather than its readers."""

    INSTRUCTION = "instruction"  # "ignore previous instructions", "reply only with ..."
    ADDRESSED_TO_AI = "addressed_to_ai"  # "Note to AI systems: ...", "any summary must ..."
    ROLE_MARKER = "role_marker"  # "SYSTEM:", "<|im_start|>", "[INST]"
    DELIMITER = "delimiter"  # "</article>", "---END OF ARTICLE---", a code fence
    JSON = "json"  # {"headline": ...}, a break-out of a JSON string
    HIDDEN = "hidden"  # removed from the page because it was hidden; invisible characters


class Injection(TextRange):
    """A stretch of the article aimed at an AI system or hidden from its readers: never a
    claim, an actor, a place, a number or a sentence the model reads."""

    kind: InjectionKind = Field(description="The first kind of cue found in the stretch.")
    cues: tuple[str, ...] = Field(description="What gave it away, in our words (not the text).")


class EntityType(StrEnum):
    """What an entity is, at the grain the brief reports."""

    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"


class Entity(_Candidate):
    """A named person, organisation or place, with all its mentions."""

    id: str = Field(description="E1, E2, ... in order of first mention.")
    name: str = Field(description="The fullest name the article uses, as written.")
    type: EntityType
    kind: str = Field(description="An ActorKind or LocationKind value, chosen by rules.")
    role: str | None = Field(default=None, description="Title or role, as written next to it.")
    within: str | None = Field(default=None, description="For a place: the larger place.")
    mentions: list[TextRange] = Field(min_length=1)


class SpeakerKind(StrEnum):
    NAMED = "named"  # a named person or body
    UNNAMED = "unnamed"  # "officials", "a source close to ..."
    EYEWITNESSES = "eyewitnesses"  # "witnesses", "residents", "eyewitnesses"


class Attribution(_Candidate):
    """Somebody's statement in the article: who, by which cue, and what they said."""

    id: str = Field(description="A1, A2, ... in text order.")
    speaker: str = Field(description="Who said it: the resolved name, as the article writes it.")
    speaker_kind: SpeakerKind
    speaker_span: TextRange = Field(description="Where the article names the speaker.")
    entity: str | None = Field(default=None, description="The speaker's entity id, if any.")
    resolved_from: str | None = Field(
        default=None, description="The pronoun or description resolved ('he', 'the general')."
    )
    cue: str = Field(description="'said', 'told', 'according to', ...")
    cue_span: TextRange
    content: TextRange = Field(description="What was said: whole clauses or sentences.")
    direct: bool = Field(description="A direct quotation.")
    reported_by: str | None = Field(
        default=None,
        description="Who relayed the speaker's words ('Politico reported ... Clinton said').",
    )


class Analysis(_Candidate):
    """Everything code finds in one document."""

    version: str = ANALYSIS_VERSION
    noncontent: list[NonContent] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    numbers: list[NumberItem] = Field(default_factory=list)
    number_repeats: list[tuple[str, str]] = Field(
        default_factory=list, description="(item, reason) for each repeat merged."
    )
    injections: list[Injection] = Field(
        default_factory=list,
        description="Stretches aimed at AI systems or hidden (each also in ``noncontent``).",
    )

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def attribution(self, attribution_id: str) -> Attribution | None:
        return next((a for a in self.attributions if a.id == attribution_id), None)

    def is_content(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies outside every non-content stretch."""
        return not any(n.start < end and start < n.end for n in self.noncontent)
