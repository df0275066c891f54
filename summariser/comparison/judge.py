"""The model, for the candidate pairs code cannot decide: one call a pair, at most.

The model sees the two claims with their claimants (delimited, as data) and answers one
word, ``same`` or ``different``, enforced by the JSON schema: it tells paraphrases apart.
Conflicts are code's to find (the same quantity with different values): a small model
that calls two wordings of one fact a contradiction would turn confirmations into
conflicts. No re-ask:
a pair costs one call or none. Answers are kept in the answer cache (key: model, prompt
version, the two claims), so a rerun asks nothing; ``--record`` and ``--replay`` record
and replay the exchanges as for briefs, one recording a pair.

The prompt templates live beside this module, each with a ``version:`` header; the
version and the hash of each are pinned in ``PROMPT_LOCK`` (a test fails when a template
changes without a new version).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from summariser.backends.pricing import cost, price_table
from summariser.comparison.align import Pair, Relation, with_verdict
from summariser.schema import CallTokens, Usage
from summariser.store.keys import recording_key

if TYPE_CHECKING:
    import jinja2

    from summariser.pipeline import Summariser

TEMPLATES = ("pair-system", "pair-user")
PROMPT_LOCK = {
    "pair-system": {
        "1": "6058e2bfe45b7f6d2b0c5b8d577e2f4e98c3eb38f4a23334db643e8f7e70a659",
        "2": "3406007183b9e12b8e187f14ee58c6fba6cb180db7c50013522dc4506293e8a8",
    },
    "pair-user": {"1": "beaa8b7b4563cf0d32aea9352c50da5dc1770723a519fc794e956e447866e60f"},
}
VERDICT_VERSION = "2"
_VERSION = re.compile(r"version:\s*(\S+)")
_RELATIONS = {"same": Relation.SAME, "different": Relation.DIFFERENT}


class Verdict(BaseModel):
    """The model's answer for one pair."""

    model_config = ConfigDict(extra="ignore")

    relation: Literal["same", "different"]


@cache
def template_source(name: str) -> str:
    """The source of ``compare/prompts/NAME.j2`` as shipped in the package."""
    path = resources.files("summariser.comparison").joinpath("prompts").joinpath(f"{name}.j2")
    return path.read_text(encoding="utf-8")


def template_version(name: str) -> str:
    match = _VERSION.search(template_source(name))
    if match is None:
        raise RuntimeError(f"prompt template {name!r} declares no version")
    return match.group(1)


def prompt_version() -> str:
    """The joint version of the pair templates, e.g. ``pair-system@1+pair-user@1``."""
    return "+".join(f"{name}@{template_version(name)}" for name in TEMPLATES)


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(template_source),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )


def pair_messages(pair: Pair) -> list[dict[str, str]]:
    """The system instructions, then the two claims as data."""
    environment = _environment()

    def side(unit_claimant: str, text: str) -> dict[str, str]:
        return {"claimant": unit_claimant, "text": " ".join(text.split())}

    first = side(pair.first.claimant, pair.first.statement)
    second = side(pair.second.claimant, pair.second.statement)
    return [
        {"role": "system", "content": environment.get_template("pair-system").render().strip()},
        {
            "role": "user",
            "content": environment.get_template("pair-user")
            .render(first=first, second=second)
            .strip(),
        },
    ]


def pair_key(identity: str, pair: Pair) -> str:
    """The cache and recording key of one pair's answer."""
    return recording_key(
        model=identity,
        prompt_version=prompt_version(),
        schema_version=f"verdict-{VERDICT_VERSION}",
        messages=pair_messages(pair),
    )


def judge_pairs(
    summariser: Summariser,
    pairs: Sequence[Pair],
    progress: Callable[[str], None] | None = None,
) -> tuple[list[Pair], Usage]:
    """``pairs`` with the model's verdicts, and what the calls cost. Cached verdicts cost
    nothing; each other pair is one call."""
    say = progress or (lambda _: None)
    judged: list[Pair] = []
    usage = Usage()
    if not pairs:
        return judged, usage
    backend = summariser.backend(say)
    for number, pair in enumerate(pairs, start=1):
        key = pair_key(backend.identity, pair)
        cached = _cached(summariser, key)
        if cached is not None:
            judged.append(with_verdict(pair, _RELATIONS[cached]))
            continue
        say(f"judging claim pair {number} of {len(pairs)}")
        messages = pair_messages(pair)
        session: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        what = f"model {backend.identity}, prompt {prompt_version()}, claim pair {key}"
        if summariser.replay_dir is not None or summariser.record_dir is not None:
            from summariser.store.recording import RecordMode, recording

            if summariser.replay_dir is not None:
                session = recording(RecordMode.REPLAY, summariser.replay_dir, key, what)
            elif summariser.record_dir is not None:
                session = recording(
                    RecordMode.RECORD, summariser.record_dir, key, what, source="compare-pair"
                )
        with session:
            result = backend.structured(messages, Verdict, context={}, max_reasks=0)
        usage = _add(usage, result.usage)
        if summariser.cache is not None:
            summariser.cache.put(f"pair-{key}", json.dumps({"relation": result.value.relation}))
        judged.append(with_verdict(pair, _RELATIONS[result.value.relation]))
    prices = price_table(summariser.settings.prices)
    usage = usage.model_copy(
        update={
            "cost_usd": cost(
                summariser.settings.model, usage.prompt_tokens, usage.completion_tokens, prices
            )
        }
    )
    return judged, usage


def _cached(summariser: Summariser, key: str) -> str | None:
    if summariser.cache is None:
        return None
    stored = summariser.cache.get(f"pair-{key}")
    if stored is None:
        return None
    try:
        return Verdict.model_validate_json(stored).relation
    except ValidationError:
        return None


def _add(total: Usage, call: Usage) -> Usage:
    return Usage(
        calls=total.calls + call.calls,
        per_call=[*total.per_call, *(call.per_call or [CallTokens(
            prompt_tokens=call.prompt_tokens, completion_tokens=call.completion_tokens)])],
        prompt_tokens=total.prompt_tokens + call.prompt_tokens,
        completion_tokens=total.completion_tokens + call.completion_tokens,
        seconds=total.seconds + call.seconds,
    )  # fmt: skip
