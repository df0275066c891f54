"""What the model fills in: which candidate sentences carry the key claims, and a headline.

Code finds the candidates first (``summariser.analysis``): entities, attributions with
their speakers, numbers. The model only chooses and phrases: it picks the key claims by
sentence id and writes a headline. It names no claimant (the parse does), lists no
entity or number (code does), and writes no summary or claim statement: those are the
article's own words, composed by code with their claimants, so no sentence of the brief
can merge two sources' claims or move words into another mouth. The ids are an enum in
the JSON schema, so constrained decoding can only emit ids that exist, and the answer is
short: about 40 tokens, where a version that also wrote statements took 180 (25 s of
generation on two cores; docs/design.md).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from summariser.brief import MAX_KEY_CLAIMS

DRAFT_VERSION = "4"
_SCHEMAS: dict[Any, dict[str, Any]] = {}


class Draft(BaseModel):
    """The model's answer: key claims by sentence id, most important first; a headline."""

    model_config = ConfigDict(extra="ignore")

    key_claims: list[int] = Field(min_length=1, max_length=MAX_KEY_CLAIMS)
    headline: Annotated[str, StringConstraints(min_length=5, max_length=110)]

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema, built once a class: instructor asks for it on every call."""
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])


@lru_cache(maxsize=64)
def draft_model(sentence_ids: tuple[int, ...]) -> type[Draft]:
    """The :class:`Draft` whose claim ids are an enum of these candidate sentences."""
    if not sentence_ids:
        return Draft
    ids: Any = Literal[sentence_ids]  # a Literal built at run time: one per article
    return create_model(
        "Draft",
        __base__=Draft,
        key_claims=(list[ids], Field(min_length=1, max_length=MAX_KEY_CLAIMS)),
    )
