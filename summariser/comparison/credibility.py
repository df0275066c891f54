"""Admiralty credibility of a merged claim, by rules, each rating with its reason in
words that name the outlets.

- 1 (confirmed) only when two independent sources carry it: mentions from articles in
  different independence groups (no shared outlet, wire copy, owner or state) whose
  claimants differ too. Two outlets quoting one spokesman confirm that he said it, not
  that it is so.
- 2 (probably true) when it is corroborated, but not independently: articles written
  apart that quote the same original claimant, or outlets with one owner or one state;
  only when one article alone would rate it 3 or better.
- The rating one article gives it (3, 4 or 6; never 1) when it is single, or when the
  only other carriers are the same outlet or the same wire copy: no outlet confirms
  itself.
- 4 (doubtful) when the accounts contradict each other; 5 (improbable) for a claim that
  only one source group carries while two independent groups contradict it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from summariser.comparison.schema import ClaimStatus, Dependence
from summariser.comparison.units import ClaimUnit
from summariser.comparison.words import fold, same_name
from summariser.schema import ClaimantKind

SAME_WORDS_RATIO = 90.0  # rapidfuzz token-set ratio of two quotations of one speaker's words
MIN_QUOTED_WORDS = 6  # shorter quotations ("We will win") are said by many


@dataclass(frozen=True)
class Rating:
    credibility: int
    reason: str
    notes: list[str]  # why mentions are not independent of each other


def _outlets(units: Sequence[ClaimUnit]) -> str:
    """'BBC (a1) and Daily Mail (a3, a4)': the outlets, each with its articles."""
    articles: dict[str, list[str]] = {}
    for unit in units:
        ids = articles.setdefault(unit.outlet or "an unknown outlet", [])
        if unit.article not in ids:
            ids.append(unit.article)
    names = [f"{name} ({', '.join(ids)})" for name, ids in articles.items()]
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _quote_verb(units: Sequence[ClaimUnit]) -> str:
    return {1: "quotes", 2: "both quote"}.get(len({u.article for u in units}), "all quote")


def _claimant(unit: ClaimUnit) -> str:
    return "its own report" if unit.by_outlet else unit.claimant


def _same_source(first: ClaimUnit, second: ClaimUnit) -> bool:
    """Whether two mentions rest on one original claimant: the same name (unnamed
    sources with the same description count as one), or the same quoted words (two
    speakers do not say the same sentence: "the singer" quoted word for word is Gaga). An
    outlet's own statement is its own source."""
    if first.by_outlet or second.by_outlet:
        return first.by_outlet and second.by_outlet and first.article == second.article
    if same_name(first.claimant, second.claimant):
        return True
    if not (first.direct and second.direct):
        return False
    shorter = min(len(first.statement.split()), len(second.statement.split()))
    # one quotation cut or extended differently ("@deray #blacklivesmatter" left in by one
    # outlet, "Say a prayer America" added by another) is still one speaker's words
    similar = fuzz.token_set_ratio(fold(first.statement), fold(second.statement))
    return shorter >= MIN_QUOTED_WORDS and similar >= SAME_WORDS_RATIO


def independent_sources(units: Sequence[ClaimUnit], group_of: Mapping[str, int]) -> list[ClaimUnit]:
    """Mentions that are independent of each other: each from another independence group
    and from another original claimant (chosen in order, so the first mention leads)."""
    chosen: list[ClaimUnit] = []
    for unit in units:
        if all(
            group_of[unit.article] != group_of[c.article] and not _same_source(unit, c)
            for c in chosen
        ):
            chosen.append(unit)
    return chosen


def dependence_notes(units: Sequence[ClaimUnit], links: Sequence[Dependence]) -> list[str]:
    """Why the mentions of a claim are not independent, in words."""
    articles = {u.article for u in units}
    notes = [d.reason for d in links if set(d.articles) <= articles]
    claimants: dict[str, list[ClaimUnit]] = {}
    for unit in units:
        if unit.by_outlet or unit.claimant_kind is ClaimantKind.EYEWITNESSES:
            continue
        key = next((k for k in claimants if same_name(k, unit.claimant)), unit.claimant)
        claimants.setdefault(key, []).append(unit)
    for claimant, mentions in claimants.items():
        if len({m.article for m in mentions}) > 1:
            notes.append(
                f"{_outlets(mentions)} {_quote_verb(mentions)} {claimant}: "
                f"that confirms {claimant} said it, not that it is so"
            )
    keys = list(claimants)
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            a, b = claimants[first][0], claimants[second][0]
            if a.article != b.article and _same_source(a, b):
                notes.append(
                    f"{_outlets([a, b])} quote the same words from {first} and {second}: "
                    "one speaker's words, not two sources"
                )
    return list(dict.fromkeys(notes))


def rate(
    units: Sequence[ClaimUnit],
    status: ClaimStatus,
    conflicts: Sequence[str],
    group_of: Mapping[str, int],
    newsroom_of: Mapping[str, int],
    links: Sequence[Dependence],
    contradicted_by: int = 0,
) -> Rating:
    """The credibility of one merged claim. ``group_of`` and ``newsroom_of`` map each
    article to its independence group and its newsroom group; ``contradicted_by`` is how
    many independent groups carry a conflicting account."""
    notes = dependence_notes(units, links)
    base = min(u.credibility for u in units)
    best = next(u for u in units if u.credibility == base)
    if status is ClaimStatus.CONFLICTING:
        carriers = {group_of[u.article] for u in units}
        if contradicted_by >= 2 and len(carriers) == 1:
            return Rating(
                5,
                f"improbable: only {_outlets(units)} carries it and {contradicted_by} "
                f"independent accounts contradict it ({'; '.join(conflicts)})",
                notes,
            )
        return Rating(4, f"doubtful: the accounts disagree ({'; '.join(conflicts)})", notes)
    articles = {u.article for u in units}
    if status is ClaimStatus.SINGLE or len(articles) == 1:
        return Rating(base, f"only {_outlets(units)} carries it: {best.reason}", notes)
    sources = independent_sources(units, group_of)
    if len(sources) >= 2:
        named = "; ".join(f"{u.outlet or 'an unknown outlet'} ({u.article}, {_claimant(u)})"
                          for u in sources)  # fmt: skip
        return Rating(1, f"confirmed by independent sources: {named}", notes)
    newsrooms = {newsroom_of[u.article] for u in units}
    why = "; ".join(notes) or "the mentions rest on one source"
    if len(newsrooms) >= 2 and base <= 3:
        return Rating(
            2,
            f"probably true: {_outlets(units)} carry it, but not independently ({why})",
            notes,
        )
    return Rating(
        base,
        f"not confirmed: {_outlets(units)} carry it, but no outlet confirms itself ({why}); "
        f"{best.reason}",
        notes,
    )
