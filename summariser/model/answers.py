"""The model's answer for one document, the analysis it answered, and the brief code
builds from both.

The answer (one validated draft with its usage) is what the model costs; the analysis is
what code found before asking (the prompt shows its candidates). The cache keeps both,
so a hit rebuilds the brief with the code that runs now and without loading the NLP
pipeline or the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from summariser.analysis.candidates import Analysis
from summariser.backends.pricing import cost, price_table
from summariser.brief import build_brief
from summariser.input.documents import Document
from summariser.model.draft import Draft
from summariser.model.prompts import prompt_version
from summariser.schema import Brief, BriefWarning, Usage, WarningKind

if TYPE_CHECKING:
    from summariser.config import Settings


class Answers(BaseModel):
    """What one brief needs from outside our code: the analysis and the model's draft
    (``None`` with ``--model none``)."""

    analysis: Analysis
    draft: Draft | None = None
    usage: Usage = Usage()
    spent: bool = False  # the re-ask budget ran out: the last attempt was used as it was


def brief_from_answers(
    document: Document, answers: Answers, *, model: str, settings: Settings
) -> Brief:
    """The brief of ``document`` from its answers; ``model`` is the backend's identity."""
    prices = price_table(settings.prices)
    usage = answers.usage.model_copy(
        update={
            "cost_usd": cost(
                settings.model, answers.usage.prompt_tokens, answers.usage.completion_tokens, prices
            )
        }
    )
    draft = answers.draft
    brief = build_brief(
        document,
        answers.analysis,
        draft.key_claims if draft else None,
        draft.headline if draft else None,
        model=model,
        prompt_version=prompt_version() if answers.draft is not None else "none",
        usage=usage,
    )
    if not answers.spent:
        return brief
    spent = BriefWarning(
        kind=WarningKind.DROPPED,
        item="brief",
        reason=f"re-ask budget spent ({settings.max_reasks}); the last answer was checked and used",
    )
    return brief.model_copy(update={"warnings": [spent, *brief.warnings]})
