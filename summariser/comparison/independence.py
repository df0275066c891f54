"""Which articles can confirm each other: not the same outlet twice, not the same wire
copy, not outlets with one owner or one state behind them.

Wire copy is found two ways: the outlet table's credits (a ``/wires/reuters/`` address, a
"(Reuters) -" dateline), and near-identical passages of the outlets' own prose: quotations
are left out, since outlets quote a statement in the same words without copying each
other. Sentences of at least ``MIN_WORDS`` words are folded and compared with
rapidfuzz's ``ratio`` (an edit-distance similarity, in C); two or more pairs at
``NEAR_DUPLICATE`` or above, or one long one, mean the articles share copy. All sentence
pairs of two articles are scored at once with ``rapidfuzz.process.cdist``; a handful of
articles of a hundred sentences each takes milliseconds, so no sketch (MinHash) is
needed at this size.

The same original claimant is the other half of independence; it belongs to each claim
and is judged in ``credibility.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from rapidfuzz import fuzz, process

from summariser.comparison.accounts import Account
from summariser.comparison.schema import Dependence, DependenceKind, Independence, Passage
from summariser.comparison.words import fold, fold_name
from summariser.grounding.crosscheck import content_sentences
from summariser.schema import Alignment, Evidence

NEAR_DUPLICATE = 90.0  # rapidfuzz ratio of two folded sentences
MIN_WORDS = 8  # shorter sentences ("Police said.") repeat without any copying
LONG_WORDS = 25  # one near-identical sentence this long is copy on its own
MIN_PASSAGES = 2
_QUOTATION = re.compile(r"[\"“”‘]|^'|\s'\w")  # double quotes anywhere, or an opening single quote
NEWSROOM_KINDS = (DependenceKind.SAME_OUTLET, DependenceKind.WIRE_COPY)


def _sentences(account: Account) -> list[Evidence]:
    """The outlet's own prose: story sentences long enough to tell copying from chance, and
    no quotation (every outlet quotes a statement in the same words: that is no copy)."""
    document = account.item.document
    quoted = [a.content for a in account.analysis.attributions if a.direct]
    found = []
    for sentence in content_sentences(document, account.analysis):
        text = document.sentence_text(sentence)
        if _QUOTATION.search(text) or any(
            q.start < sentence.end and sentence.start < q.end for q in quoted
        ):
            continue
        if len(text.split()) >= MIN_WORDS:
            found.append(
                Evidence(quote=text, start=sentence.start, end=sentence.end,
                         alignment=Alignment.EXACT)
            )  # fmt: skip
    return found


def shared_passages(first: Account, second: Account) -> list[Passage]:
    """Near-identical sentences of two articles, in the first article's order."""
    ours, theirs = _sentences(first), _sentences(second)
    if not ours or not theirs:
        return []
    scores = process.cdist(
        [fold(e.quote) for e in ours],
        [fold(e.quote) for e in theirs],
        scorer=fuzz.ratio,
        score_cutoff=NEAR_DUPLICATE,
        workers=1,
    )
    passages = []
    used: set[int] = set()
    for i, row in enumerate(scores):
        j = int(row.argmax())
        if row[j] >= NEAR_DUPLICATE and j not in used:
            used.add(j)
            passages.append(Passage(first=ours[i], second=theirs[j], similarity=float(row[j])))
    return passages


def _copies(passages: list[Passage]) -> bool:
    long = any(len(p.first.quote.split()) >= LONG_WORDS for p in passages)
    return len(passages) >= MIN_PASSAGES or long


def dependences(accounts: Sequence[Account]) -> list[Dependence]:
    """Every reason two articles are not independent, pair by pair."""
    found: list[Dependence] = []
    for first, second in combinations(accounts, 2):
        pair = [first.id, second.id]
        a, b = first.outlet_name, second.outlet_name
        if a and b and fold_name(a) == fold_name(b):
            found.append(
                Dependence(articles=pair, kind=DependenceKind.SAME_OUTLET,
                           reason=f"{first.id} and {second.id} are both {a}'s")
            )  # fmt: skip
        wire = _wire_relation(first, second)
        passages = shared_passages(first, second)
        if wire or _copies(passages):
            reason = wire or (
                f"{_label(first)} and {_label(second)} share {len(passages)} near-identical "
                f"passage{'s' if len(passages) != 1 else ''}"
            )
            found.append(
                Dependence(articles=pair, kind=DependenceKind.WIRE_COPY, reason=reason,
                           passages=passages)
            )  # fmt: skip
        owner = _same_owner(first, second)
        if owner:
            found.append(Dependence(articles=pair, kind=DependenceKind.SAME_OWNER, reason=owner))
        state = _same_state(first, second)
        if state:
            found.append(Dependence(articles=pair, kind=DependenceKind.SAME_STATE, reason=state))
    return found


def _wire_relation(first: Account, second: Account) -> str | None:
    """'Daily Mail carries Reuters' copy' when the outlet table's credits say so."""
    for one, other in ((first, second), (second, first)):
        if one.wire is not None and (
            other.wire is one.wire or (other.outlet is not None and other.outlet is one.wire)
        ):
            if other.wire is one.wire:
                return f"{_label(one)} and {_label(other)} both carry {one.wire.name}'s copy"
            return f"{_label(one)} carries {one.wire.name}'s copy"
    return None


def _label(account: Account) -> str:
    return f"{account.outlet_name} ({account.id})" if account.outlet_name else account.id


def _same_owner(first: Account, second: Account) -> str | None:
    if first.outlet is None or second.outlet is None or first.outlet is second.outlet:
        return None
    mine, theirs = first.outlet.ownership(first.year), second.outlet.ownership(second.year)
    if mine is None or theirs is None:
        return None
    names = f"{_label(first)} and {_label(second)}"
    if mine.owner == theirs.owner:
        return f"{names} had one owner: {mine.owner}"
    if mine.controller and mine.controller == theirs.controller:
        return f"{names} are controlled by one owner: {mine.controller}"
    return None


def _same_state(first: Account, second: Account) -> str | None:
    if first.outlet is None or second.outlet is None or first.outlet is second.outlet:
        return None
    state = first.outlet.state
    if state and state == second.outlet.state:
        return f"{_label(first)} and {_label(second)} are both {state}'s state media"
    return None


def link_groups(ids: Sequence[str], links: Sequence[Dependence]) -> list[list[str]]:
    """``ids`` grouped so that two linked articles are in one group (in ``ids`` order)."""
    ids = list(ids)
    parent = {i: i for i in ids}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        a, b = (root(x) for x in link.articles)
        if a != b:
            parent[max(a, b, key=ids.index)] = min(a, b, key=ids.index)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def independence(accounts: Sequence[Account]) -> Independence:
    """The dependences between articles and the groups they make."""
    found = dependences(accounts)
    ids = [a.id for a in accounts]
    return Independence(dependences=found, groups=link_groups(ids, found))


def newsroom_groups(accounts: Sequence[Account], found: Independence) -> list[list[str]]:
    """Groups by the same outlet or the same copy only: articles in different groups
    were written apart, though an owner or a state may stand behind both."""
    ids = [a.id for a in accounts]
    return link_groups(ids, [d for d in found.dependences if d.kind in NEWSROOM_KINDS])
