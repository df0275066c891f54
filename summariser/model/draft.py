"""What the model fills in: a compact draft that code then grounds into a :class:`Brief`.

The model never writes offsets. It cites numbered sentences for claims and copies names
that code aligns to the text. Numbers are found by code (see ``numbers.py``), and who
makes a claim (outlet, named or unnamed source, eyewitnesses) is decided by rules.
``maxItems`` and ``maxLength`` bound every list and string, so a small model cannot loop
until its token limit. People and organisations are separate lists: asked apart, a
small model names more of the people. Enum values contain no quote characters (one
crashed a grammar engine).
"""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from summariser.schema import ActorKind, LocationKind


class OrganisationKind(StrEnum):
    """:class:`ActorKind` without person: people have their own list in the draft."""

    GOVERNMENT = ActorKind.GOVERNMENT.value
    MILITARY_OR_SECURITY_FORCE = ActorKind.MILITARY_OR_SECURITY_FORCE.value
    ARMED_GROUP = ActorKind.ARMED_GROUP.value
    POLITICAL_PARTY = ActorKind.POLITICAL_PARTY.value
    INTERNATIONAL_ORGANISATION = ActorKind.INTERNATIONAL_ORGANISATION.value
    COMPANY = ActorKind.COMPANY.value
    MEDIA_OUTLET = ActorKind.MEDIA_OUTLET.value
    CIVILIAN_GROUP = ActorKind.CIVILIAN_GROUP.value
    OTHER = ActorKind.OTHER.value


DRAFT_VERSION = "3"
_SCHEMAS: dict[Any, dict[str, Any]] = {}

Short = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Name = Annotated[str, StringConstraints(min_length=2, max_length=60)]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftClaim(_Draft):
    sentence: int = Field(ge=1, description="Number of the sentence that states the claim.")
    statement: Annotated[str, StringConstraints(min_length=5, max_length=140)]
    claimant: Short = Field(description="Who asserts it, as named in the article.")


class DraftPerson(_Draft):
    name: Name
    role: Annotated[str, StringConstraints(max_length=60)] = ""


class DraftOrganisation(_Draft):
    name: Name
    kind: OrganisationKind


class DraftPlace(_Draft):
    name: Name
    kind: LocationKind
    within: Annotated[str, StringConstraints(max_length=60)] = ""


class Draft(_Draft):
    claims: list[DraftClaim] = Field(min_length=2, max_length=5)
    people: list[DraftPerson] = Field(max_length=5)
    organisations: list[DraftOrganisation] = Field(min_length=1, max_length=6)
    places: list[DraftPlace] = Field(min_length=1, max_length=8)
    headline: Annotated[str, StringConstraints(min_length=5, max_length=120)]
    summary: Annotated[str, StringConstraints(min_length=20, max_length=600)]

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema, built once: instructor asks for it on every call (about 10 ms)."""
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Draft:
        """With a ``grounding`` checker in the validation context, re-ask on failures."""
        context = info.context or {}
        checker = context.get("grounding")
        if checker is not None:
            problems: list[str] = checker(self)
            if problems:
                raise ValueError(
                    "These items are not grounded in the article; fix or remove them:\n- "
                    + "\n- ".join(problems)
                )
        return self
