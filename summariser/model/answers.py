"""The model's answers for one document, and the brief that code builds from them.

The answers (one validated draft per chunk, with its usage) are what the model costs; the
brief is everything our code then derives (grounding, numbers, ratings, the paragraph).
The cache keeps answers, not briefs, so a cached article always gets a brief built by
the code that runs now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from summariser.backends.pricing import cost, price_table
from summariser.brief import Grounder, build_brief
from summariser.input.documents import Document
from summariser.model.draft import Draft
from summariser.model.prompts import prompt_version
from summariser.schema import Brief, BriefWarning, Usage, WarningKind

if TYPE_CHECKING:
    from summariser.config import Settings


class ChunkAnswer(BaseModel):
    """The accepted draft of one chunk, its sentence numbers already document-wide."""

    draft: Draft
    usage: Usage
    spent: bool = False  # the re-ask budget ran out; ungrounded items are dropped


class Answers(BaseModel):
    chunks: list[ChunkAnswer] = Field(min_length=1)


def brief_from_answers(
    document: Document,
    answers: Answers,
    *,
    model: str,
    settings: Settings,
    grounder: Grounder | None = None,
) -> Brief:
    """The brief of ``document`` from the model's answers. ``model`` is the backend's
    identity; ``grounder``, given only when the document was its own one chunk, already
    holds that draft's grounding."""
    chunks = answers.chunks
    usage = Usage()
    warnings: list[BriefWarning] = []
    for number, chunk in enumerate(chunks):
        usage = add_usage(usage, chunk.usage)
        if chunk.spent:
            where = f"chunk {number + 1} of {len(chunks)}: " if len(chunks) > 1 else ""
            warnings.append(
                BriefWarning(
                    kind=WarningKind.DROPPED,
                    item="brief",
                    reason=f"{where}re-ask budget spent ({settings.max_reasks}); "
                    "ungrounded items dropped",
                )
            )
    drafts = [chunk.draft for chunk in chunks]
    draft = drafts[0] if len(drafts) == 1 else merge_drafts(drafts)
    prices = price_table(settings.prices)
    spent = cost(settings.model, usage.prompt_tokens, usage.completion_tokens, prices)
    usage = usage.model_copy(update={"cost_usd": spent})
    brief = build_brief(
        draft,
        document,
        model=model,
        prompt_version=prompt_version(),
        usage=usage,
        grounder=grounder,
    )
    if len(chunks) > 1:
        warnings.append(
            BriefWarning(
                kind=WarningKind.MERGED,
                item="brief",
                reason=f"long article: drafted in {len(chunks)} chunks and merged",
            )
        )
    return brief.model_copy(update={"warnings": [*warnings, *brief.warnings]})


def merge_drafts(drafts: list[Draft]) -> Draft:
    """One draft from the chunks' drafts; duplicates are merged later by code."""
    first = drafts[0]
    return Draft.model_construct(
        claims=[c for d in drafts for c in d.claims],
        people=[p for d in drafts for p in d.people],
        organisations=[o for d in drafts for o in d.organisations],
        places=[p for d in drafts for p in d.places],
        headline=first.headline,
        summary=" ".join(d.summary.strip() for d in drafts),
    )


def add_usage(total: Usage, more: Usage) -> Usage:
    return Usage(
        calls=total.calls + more.calls,
        per_call=[*total.per_call, *more.per_call],
        prompt_tokens=total.prompt_tokens + more.prompt_tokens,
        completion_tokens=total.completion_tokens + more.completion_tokens,
        seconds=round(total.seconds + more.seconds, 3),
    )
