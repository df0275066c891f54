"""Claims aligned across articles: candidate pairs enumerated and decided by code, merged
into claims.

Candidates are pairs of units of different articles that share content words (found
through an index of stems, so no two articles' every sentence pair is scored). Code
decides what it can:

- near-identical wording (rapidfuzz ratio ``IDENTICAL`` or more, or Dice ``SAME_WORDS``)
  is the same claim;
- most words shared (Dice ``MOSTLY_SAME``) is the same claim, or a conflict when the two
  give one quantity different values;
- some words shared (Dice ``RELATED``) and a quantity with different values is a
  conflict; with the same named claimant and Dice ``SAME_CLAIMANT`` it is the same
  claim; with a shared claimant, name or figure it is *undecided*: a paraphrase, or
  two claims about one subject, which only a model can tell apart;
- anything else is two claims.

Same and conflicting pairs are merged, strongest first, into claims of at most one
mention an article, as long as every two mentions of different articles share words
(Dice ``MERGE_LINK``, or a pair the model judged): a chain of loose pairs ("the well is
too narrow" — "the well was widened and oxygen pumped in" — "oxygen is pumped in") never
joins unrelated claims.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from rapidfuzz import fuzz

from summariser.comparison.figures import FigureUnit, same_quantity, same_value
from summariser.comparison.units import ClaimUnit
from summariser.comparison.words import dice, fold, same_name

IDENTICAL = 90.0
SAME_WORDS = 0.75
MOSTLY_SAME = 0.5
SAME_CLAIMANT = 0.4
RELATED = 0.3
MERGE_LINK = 0.3
MIN_SHARED = 2  # content stems two units share before they are a candidate pair
COMMON_POSTINGS = 60  # a stem in more units than this (or half of them) is not counted


class Relation(StrEnum):
    SAME = "same"
    CONFLICT = "contradicts"
    DIFFERENT = "different"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Pair:
    """Two units of different articles and what code (or the model) made of them."""

    first: ClaimUnit
    second: ClaimUnit
    relation: Relation
    score: float  # Dice's coefficient of their content stems
    reason: str
    by: str = "code"  # "code" or "model"
    conflicts: tuple[str, ...] = ()


def figure_conflicts(first: Sequence[FigureUnit], second: Sequence[FigureUnit]) -> list[str]:
    """'40m against 80m-deep' for each quantity two units give different values."""
    found = []
    for a in first:
        for b in second:
            if same_quantity(a, b) and not same_value(a, b):
                found.append(f"{_figure(a)} against {_figure(b)}")
    return list(dict.fromkeys(found))


def _figure(unit: FigureUnit) -> str:
    """'40m (BBC, a1)': a number as its article writes it, with where."""
    return f"{unit.number.evidence.quote} ({unit.outlet or 'an unknown outlet'}, {unit.article})"


def _shares_figure(first: Sequence[FigureUnit], second: Sequence[FigureUnit]) -> bool:
    return any(same_quantity(a, b) and same_value(a, b) for a in first for b in second)


def decide(
    first: ClaimUnit,
    second: ClaimUnit,
    figures_first: Sequence[FigureUnit] = (),
    figures_second: Sequence[FigureUnit] = (),
) -> Pair:
    """What code can tell of two units of different articles."""
    score = dice(first.stems, second.stems)
    shared = len(first.stems & second.stems)
    claimant = not (first.by_outlet or second.by_outlet) and same_name(
        first.claimant, second.claimant
    )
    conflicts = tuple(figure_conflicts(figures_first, figures_second))

    def pair(relation: Relation, reason: str) -> Pair:
        return Pair(first, second, relation, score, reason, conflicts=conflicts)

    words = f"{shared} content words shared (Dice {score:.2f})"
    if (
        score >= SAME_WORDS
        or fuzz.ratio(fold(first.statement), fold(second.statement)) >= IDENTICAL
    ):
        if conflicts:
            return pair(Relation.CONFLICT, f"near-identical wording, different figures; {words}")
        return pair(Relation.SAME, f"near-identical wording; {words}")
    if score >= MOSTLY_SAME:
        if conflicts:
            return pair(Relation.CONFLICT, f"the same statement with different figures; {words}")
        return pair(Relation.SAME, f"most words shared; {words}")
    if score >= RELATED:
        if conflicts:
            return pair(Relation.CONFLICT, f"one subject, different figures; {words}")
        if claimant and score >= SAME_CLAIMANT:
            return pair(Relation.SAME, f"the same claimant, {first.claimant}; {words}")
        names = first.names & second.names
        if claimant or names or _shares_figure(figures_first, figures_second):
            anchor = (
                f"the same claimant, {first.claimant}"
                if claimant
                else f"shared names ({', '.join(sorted(names))})"
                if names
                else "a shared figure"
            )
            return pair(Relation.UNDECIDED, f"{anchor}; {words}")
    return pair(Relation.DIFFERENT, words)


def candidate_pairs(
    units: Sequence[ClaimUnit], figures: Mapping[str, Sequence[FigureUnit]]
) -> list[Pair]:
    """Every pair of units of different articles that share ``MIN_SHARED`` content
    words, decided by code (different ones included, for the count)."""
    index: dict[str, list[int]] = defaultdict(list)
    for number, unit in enumerate(units):
        for word in unit.stems:
            index[word].append(number)
    shared: Counter[tuple[int, int]] = Counter()
    common = max(COMMON_POSTINGS, len(units) // 2)
    for members in index.values():
        if len(members) > common:  # "tram" in a tram story: shared by all, telling nothing
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if units[a].article != units[b].article:
                    shared[(a, b)] += 1
    pairs = []
    for (a, b), count in sorted(shared.items()):
        if count < MIN_SHARED:
            continue
        first, second = units[a], units[b]
        pairs.append(decide(first, second, figures.get(first.key, ()), figures.get(second.key, ())))
    return pairs


def with_verdict(pair: Pair, relation: Relation) -> Pair:
    """A pair the model judged."""
    return replace(pair, relation=relation, by="model", reason=f"the model: {relation.value}")


@dataclass
class Group:
    """Units merged into one claim, with the pairs that joined them."""

    units: list[ClaimUnit]
    pairs: list[Pair]


def merge(units: Sequence[ClaimUnit], pairs: Sequence[Pair]) -> list[Group]:
    """Units merged by their same and conflicting pairs, code's strongest first, then the
    model's; every unit ends in exactly one group, in the order of its first unit."""
    group_of = {u.key: i for i, u in enumerate(units)}
    groups: dict[int, Group] = {i: Group([u], []) for i, u in enumerate(units)}
    joining = [p for p in pairs if p.relation in (Relation.SAME, Relation.CONFLICT)]
    judged = {frozenset((p.first.key, p.second.key)) for p in joining if p.by == "model"}
    # code's own decisions first (near-identical wording, shared figures), then the
    # model's: a paraphrase the model accepts never displaces what code is sure of
    for pair in sorted(joining, key=lambda p: (p.by == "model", -p.score)):
        a, b = group_of[pair.first.key], group_of[pair.second.key]
        if a == b:
            groups[a].pairs.append(pair)
            continue
        if not _can_join(groups[a], groups[b], judged):
            continue
        keep, gone = min(a, b), max(a, b)
        groups[keep].units += groups[gone].units
        groups[keep].pairs += [*groups[gone].pairs, pair]
        for unit in groups[gone].units:
            group_of[unit.key] = keep
        del groups[gone]
    ordered = [groups[k] for k in sorted(groups)]
    for group in ordered:
        group.units.sort(key=lambda u: (int(u.article[1:]), int(u.key.split(":")[1])))
    return ordered


def _can_join(first: Group, second: Group, judged: set[frozenset[str]]) -> bool:
    """One mention an article, and every two mentions alike (complete linkage)."""
    if {u.article for u in first.units} & {u.article for u in second.units}:
        return False
    return all(
        frozenset((a.key, b.key)) in judged or dice(a.stems, b.stems) >= MERGE_LINK
        for a in first.units
        for b in second.units
    )
