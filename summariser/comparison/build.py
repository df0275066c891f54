"""compare(): several articles → their briefs → aligned claims, figures, independence and
credibility → the :class:`CrossSourceBrief`.

Each article is briefed as on its own (the answers come from the cache when it was
briefed before). Code then finds the candidate claim pairs and decides what it can; the
model, when there is one, judges only the pairs code could not decide, one call a pair,
at most ``max_pairs`` of them (the closest first). ``--model none`` makes the whole
comparison without any model: undecided pairs are kept apart and listed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from summariser.backends import backend_identity, parse_model
from summariser.brief import made_at
from summariser.comparison.accounts import Account, brief_accounts
from summariser.comparison.align import (
    Group,
    Pair,
    Relation,
    candidate_pairs,
    figure_conflicts,
    merge,
)
from summariser.comparison.credibility import rate
from summariser.comparison.event import event_check
from summariser.comparison.figures import FigureUnit, compare_figures, figure_units
from summariser.comparison.independence import independence, newsroom_groups
from summariser.comparison.judge import judge_pairs
from summariser.comparison.schema import (
    ArticleRef,
    ClaimStatus,
    CompareMeta,
    CrossSourceBrief,
    Independence,
    Mention,
    MergedClaim,
)
from summariser.comparison.sources import Article, Item, read_items
from summariser.comparison.units import ClaimUnit, claim_units
from summariser.config import Settings, load_settings
from summariser.errors import InputError
from summariser.pipeline import ModeName, Summariser, open_summariser
from summariser.schema import SCHEMA_VERSION, Reliability, Usage

Progress = Callable[[str], None]
DEFAULT_MAX_PAIRS = 40
MAX_MATCH_NOTES = 4


def compare(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: ModeName | None = None,
    max_reasks: int | None = None,
    max_tokens: int | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    chunk_chars: int | None = None,
    cache: bool = False,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
) -> CrossSourceBrief:
    """Compare several accounts of one event and return the cross-source brief.

    ``articles`` are paths or URLs (a ``.jsonl`` path holds one article a line:
    ``{"id", "text" | "path" | "url", "title", "publisher", "date_publish", "url"}``),
    records of that form, or documents from :func:`~summariser.input.sources.load_source`.
    The options are :func:`~summariser.pipeline.summarise`'s; ``model="none"`` compares
    with no model at all. ``max_pairs`` bounds the model calls for claim pairs code
    cannot decide. Raises a :class:`~summariser.errors.SummariserError` on failure.
    """
    items = read_items(articles)
    overrides = {
        "model": model,
        "base_url": base_url,
        "mode": mode,
        "max_reasks": max_reasks,
        "max_tokens": max_tokens,
        "timeout": timeout,
        "retries": retries,
        "chunk_chars": chunk_chars,
    }
    settings = settings.with_overrides(**overrides) if settings else load_settings(**overrides)
    with open_summariser(
        settings, cache=cache, record_dir=record_dir, replay_dir=replay_dir
    ) as summariser:
        return compare_items(items, summariser, progress=progress, max_pairs=max_pairs)


def compare_items(
    items: Sequence[Item],
    summariser: Summariser,
    *,
    progress: Progress | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
) -> CrossSourceBrief:
    """The cross-source brief of ``items``, briefed with ``summariser``."""
    if len(items) < 2:
        raise InputError(f"compare needs at least two articles; got {len(items)}")
    started = time.perf_counter()
    accounts = brief_accounts(items, summariser, progress)
    return cross_source_brief(
        accounts, summariser, progress=progress, max_pairs=max_pairs, started=started
    )


def cross_source_brief(
    accounts: Sequence[Account],
    summariser: Summariser,
    *,
    progress: Progress | None = None,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    started: float | None = None,
) -> CrossSourceBrief:
    """The cross-source brief of articles already briefed (``accounts``); ``summariser``
    judges the pairs code cannot decide, when it has a model."""
    started = time.perf_counter() if started is None else started
    say = progress or (lambda _: None)
    say("aligning claims across the articles")
    units = [u for a in accounts for u in claim_units(a)]
    numbers = {a.id: figure_units(a) for a in accounts}
    figures_of = {u.key: _inside(u, numbers[u.article]) for u in units}
    pairs = candidate_pairs(units, figures_of)
    by_code = sum(p.relation is not Relation.UNDECIDED for p in pairs)
    undecided = sorted(
        (p for p in pairs if p.relation is Relation.UNDECIDED), key=lambda p: -p.score
    )
    warnings: list[str] = []
    usage = Usage()
    judged: list[Pair] = []
    if not parse_model(summariser.settings).is_none and undecided:
        judged, usage = judge_pairs(summariser, undecided[:max_pairs], say)
        if len(undecided) > max_pairs:
            warnings.append(
                f"{len(undecided) - max_pairs} claim pairs were left undecided: the model "
                f"judged the closest {max_pairs} (raise --max-pairs to judge more)"
            )
        undecided = undecided[max_pairs:]
    elif undecided:
        warnings.append(
            f"{len(undecided)} claim pairs could not be decided without a model; they are "
            "kept apart and listed as possibly the same"
        )
    decided = [p for p in pairs if p.relation in (Relation.SAME, Relation.CONFLICT)]
    groups = merge(units, [*decided, *judged])
    found = independence(accounts)
    claims = _claims(groups, undecided, found, accounts, numbers)
    figures = compare_figures([f for a in accounts for f in numbers[a.id]])
    identity = (
        backend_identity(summariser.settings) if not judged else summariser.backend(say).identity
    )
    return CrossSourceBrief(
        articles=[_article(a) for a in accounts],
        event=event_check(accounts),
        claims=claims,
        figures=figures,
        independence=found,
        warnings=warnings,
        meta=CompareMeta(
            created=made_at(),
            model=identity,
            brief_schema_version=SCHEMA_VERSION,
            pairs_by_code=by_code,
            pairs_by_model=len(judged),
            pairs_undecided=len(undecided),
            usage=usage,
            briefs_cached=sum(a.cached for a in accounts),
            seconds=round(time.perf_counter() - started, 3),
        ),
    )


def _inside(unit: ClaimUnit, numbers: Sequence[FigureUnit]) -> list[FigureUnit]:
    start, end = unit.evidence.start, unit.evidence.end
    return [f for f in numbers if start <= f.number.evidence.start < end]


def _article(account: Account) -> ArticleRef:
    meta, assessment = account.item.document.meta, account.brief.source_assessment
    outlet = account.outlet
    ownership = outlet.ownership(account.year) if outlet else None
    if assessment.reliability is not Reliability.F or outlet is None:
        reliability, reason = assessment.reliability, assessment.reliability_reason
    else:
        reliability, reason = outlet.reliability, f"{outlet.reason} (the outlet table)"
    return ArticleRef(
        id=account.id,
        source=account.item.name,
        title=meta.title or account.brief.headline,
        outlet=account.outlet_name,
        outlet_kind=outlet.kind if outlet else assessment.outlet_type,
        owner=ownership.owner if ownership else None,
        state=outlet.state if outlet else None,
        reliability=reliability,
        reliability_reason=reason,
        carries_wire=account.wire.name if account.wire else None,
        published=account.item.published,
        url=meta.url,
        text=account.item.document.text,
    )


def _conflicts(group: Group, numbers: dict[str, list[FigureUnit]]) -> list[str]:
    found: list[str] = []
    for pair in group.pairs:
        if pair.relation is Relation.CONFLICT:
            found += pair.conflicts or [
                f"{pair.first.outlet or pair.first.article} and "
                f"{pair.second.outlet or pair.second.article} contradict each other "
                f"({pair.reason})"
            ]
    units = group.units
    for i, first in enumerate(units):
        for second in units[i + 1 :]:
            if first.article != second.article:
                found += figure_conflicts(
                    _inside(first, numbers[first.article]), _inside(second, numbers[second.article])
                )
    return list(dict.fromkeys(found))


def _claims(
    groups: list[Group],
    undecided: list[Pair],
    found: Independence,
    accounts: Sequence[Account],
    numbers: dict[str, list[FigureUnit]],
) -> list[MergedClaim]:
    group_of = {a: i for i, g in enumerate(found.groups) for a in g}
    newsroom_of = {a: i for i, g in enumerate(newsroom_groups(accounts, found)) for a in g}
    published = {a.id: a.item.published for a in accounts}
    kept: list[tuple[Group, ClaimStatus, list[str]]] = []
    open_pairs = {u.key for p in undecided for u in (p.first, p.second)}
    for group in groups:
        articles = {u.article for u in group.units}
        if len(articles) < 2 and not any(u.from_brief or u.key in open_pairs for u in group.units):
            continue  # an outlet's sentence no other article carries: not a claim to compare
        conflicts = _conflicts(group, numbers) if len(articles) > 1 else []
        status = (
            ClaimStatus.CONFLICTING
            if conflicts
            else ClaimStatus.AGREED
            if len(articles) > 1
            else ClaimStatus.SINGLE
        )
        kept.append((group, status, conflicts))
    order = {ClaimStatus.CONFLICTING: 0, ClaimStatus.AGREED: 1, ClaimStatus.SINGLE: 2}
    kept.sort(key=lambda k: (order[k[1]], -len({u.article for u in k[0].units})))
    claim_of = {u.key: f"c{i}" for i, (g, _, _) in enumerate(kept, 1) for u in g.units}
    claims = []
    for number, (group, status, conflicts) in enumerate(kept, 1):
        rating = rate(group.units, status, conflicts, group_of, newsroom_of, found.dependences)
        keys = {u.key for u in group.units}
        maybe = {
            claim_of[other.key]
            for p in undecided
            for one, other in ((p.first, p.second), (p.second, p.first))
            if one.key in keys and other.key in claim_of and other.key not in keys
        }
        notes = [
            f"{p.first.article}–{p.second.article}: {p.reason}"
            for p in group.pairs
            if p.first.article != p.second.article
        ]
        first = group.units[0]
        claims.append(
            MergedClaim(
                id=f"c{number}",
                statement=first.statement,
                status=status,
                mentions=[_mention(u, published[u.article]) for u in group.units],
                credibility=rating.credibility,
                credibility_reason=rating.reason,
                independence=rating.notes,
                conflicts=conflicts,
                matched_by=list(dict.fromkeys(notes))[:MAX_MATCH_NOTES],
                possibly_same_as=sorted(maybe, key=lambda c: int(c[1:])),
            )
        )
    return claims


def _mention(unit: ClaimUnit, published: str | None) -> Mention:
    return Mention(
        article=unit.article,
        outlet=unit.outlet,
        claimant=unit.claimant,
        claimant_kind=unit.claimant_kind,
        statement=unit.statement,
        evidence=unit.evidence,
        credibility=unit.credibility,
        published=published,
    )
