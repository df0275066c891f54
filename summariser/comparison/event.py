"""Are these accounts of one event? Similarity of articles, the event check, and grouping
many articles into events.

An article is described by three bags of words: the names it gives (its actors and
places, weighted by mentions), its lead (title and first ``LEAD_SENTENCES`` sentences of
the story: what happened) and all its story's content words. Two articles' similarity
is a weighted sum of the cosines of these bags (0 to 1).

- **Event check** (a comparison): an article whose mean similarity to the others is below
  ``OUTLIER_RATIO`` of the median article's is an outlier; of two articles, a similarity
  below ``PAIR_MINIMUM`` says they may not tell of one event. No weights from outside:
  only the articles compared are known.
- **Grouping** (many articles, for evaluation): words are weighted by their inverse
  document frequency over the articles, similarity fades with days between publication
  (``DECAY_DAYS``), and groups are merged by average linkage down to
  ``GROUP_THRESHOLD``.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from summariser.comparison.accounts import Account
from summariser.comparison.schema import EventCheck, Outlier
from summariser.comparison.words import content_stems, content_words, name_tokens, same_name
from summariser.grounding.crosscheck import content_sentences

LEAD_SENTENCES = 3
MIN_LEAD_WORDS = 6
WEIGHTS = {"words": 0.25, "names": 0.25, "lead": 0.5}
OUTLIER_RATIO = 0.6
PAIR_MINIMUM = 0.15
GROUP_THRESHOLD = 0.1
DECAY_DAYS = 2.0
SHARED_NAMES = 8


@dataclass(frozen=True)
class Profile:
    """What an article is about, as bags of stems."""

    id: str
    words: Counter[str]
    names: Counter[str]
    lead: Counter[str]
    published: datetime | None


def profile(account: Account) -> Profile:
    document, analysis = account.item.document, account.analysis
    story = [document.sentence_text(s) for s in content_sentences(document, analysis)]
    bag: Counter[str] = Counter()
    for sentence in story:
        bag.update(content_words(sentence))
    names: Counter[str] = Counter()
    for name, mentions in _named(account):
        for token in name_tokens(name) or {name.lower()}:
            names[token] += mentions
    lead: Counter[str] = Counter(content_stems(document.meta.title or ""))
    long = [s for s in story if len(s.split()) >= MIN_LEAD_WORDS][:LEAD_SENTENCES]
    for sentence in long:
        lead.update(content_stems(sentence))
    return Profile(account.id, bag, names, lead, _when(account.item.published))


def _named(account: Account) -> list[tuple[str, int]]:
    """The actors and places of an article's brief, each with its number of mentions."""
    brief = account.brief
    return [(a.name, len(a.evidence)) for a in brief.actors] + [
        (p.name, len(p.evidence)) for p in brief.locations
    ]


def _when(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def _vector(bag: Counter[str], idf: Mapping[str, float] | None) -> dict[str, float]:
    weights = {w: (1 + math.log(n)) * (idf.get(w, 1.0) if idf else 1.0) for w, n in bag.items()}
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {w: x / norm for w, x in weights.items()}


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    if len(second) < len(first):
        first, second = second, first
    return sum(x * second.get(w, 0.0) for w, x in first.items())


class Similarity:
    """Pairwise similarity of profiles, with optional IDF weights and date decay."""

    def __init__(
        self, profiles: Sequence[Profile], *, idf: bool = False, decay_days: float = 0.0
    ) -> None:
        self.profiles = list(profiles)
        self.decay_days = decay_days
        weights = {part: _idf([getattr(p, part) for p in profiles]) if idf else None
                   for part in WEIGHTS}  # fmt: skip
        self.vectors = [
            {part: _vector(getattr(p, part), weights[part]) for part in WEIGHTS} for p in profiles
        ]

    def __call__(self, i: int, j: int) -> float:
        score = sum(
            weight * _cosine(self.vectors[i][part], self.vectors[j][part])
            for part, weight in WEIGHTS.items()
        )
        first, second = self.profiles[i].published, self.profiles[j].published
        if self.decay_days and first and second:
            days = abs((first - second).total_seconds()) / 86400
            score *= math.exp(-max(0.0, days - 1) / self.decay_days)
        return score


def _idf(bags: Sequence[Counter[str]]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for bag in bags:
        counts.update(set(bag))
    return {w: math.log((len(bags) + 1) / (n + 0.5)) for w, n in counts.items()}


def event_check(
    accounts: Sequence[Account], profiles: Sequence[Profile] | None = None
) -> EventCheck:
    """Whether the articles tell of one event, and which do not fit (``profiles``: the
    accounts' profiles, when they are made already)."""
    profiles = list(profiles) if profiles is not None else [profile(a) for a in accounts]
    similarity = Similarity(profiles)
    count = len(accounts)
    if count < 2:
        return EventCheck(same_event=True, summary="One article: nothing to compare it with.")
    means = {
        i: statistics.mean(similarity(i, j) for j in range(count) if j != i) for i in range(count)
    }
    outliers: list[Outlier] = []
    if count == 2:
        if means[0] < PAIR_MINIMUM:
            outliers = [
                Outlier(article=accounts[i].id, similarity=round(means[i], 3),
                        reason=f"{_label(accounts[i])} and {_label(accounts[1 - i])} share "
                        "few names and words")
                for i in (0, 1)
            ]  # fmt: skip
    else:
        typical = statistics.median(means.values())
        for i, mean in means.items():
            if mean < OUTLIER_RATIO * typical:
                closest = max((j for j in range(count) if j != i), key=lambda j: similarity(i, j))
                outliers.append(
                    Outlier(
                        article=accounts[i].id,
                        similarity=round(mean, 3),
                        reason=(
                            f"{_label(accounts[i])} shares few names and words with the "
                            f"others (mean similarity {mean:.2f} against a typical "
                            f"{typical:.2f}; closest: {_label(accounts[closest])})"
                        ),
                    )
                )
    names = shared_names(accounts)
    dates = sorted(a.item.published for a in accounts if a.item.published)
    span = f" (published {dates[0]} to {dates[-1]})" if len(dates) > 1 else ""
    sharing = f": they share {', '.join(names[:5])}" if names else ""
    if not outliers:
        summary = f"All {count} articles tell of one event{sharing}{span}."
    elif count == 2:
        summary = (
            f"The two articles may not tell of one event: they share few names and words{span}."
        )
    else:
        by_id = {a.id: a for a in accounts}
        odd = ", ".join(_label(by_id[o.article]) for o in outliers)
        summary = (
            f"{count - len(outliers)} of {count} articles tell of one event{sharing}; "
            f"{odd} {'does' if len(outliers) == 1 else 'do'} not fit{span}."
        )
    return EventCheck(
        same_event=not outliers, summary=summary, shared_names=names, dates=dates,
        outliers=outliers,
    )  # fmt: skip


def _label(account: Account) -> str:
    return f"{account.id} ({account.outlet_name})" if account.outlet_name else account.id


def shared_names(accounts: Sequence[Account]) -> list[str]:
    """Actors and places that at least half of the articles name, most widely named first."""
    carriers: dict[str, set[str]] = {}
    for account in accounts:
        for name, _ in _named(account):
            key = next((k for k in carriers if same_name(k, name)), name)
            carriers.setdefault(key, set()).add(account.id)
    half = max(2, math.ceil(len(accounts) / 2))
    common = [(len(ids), name) for name, ids in carriers.items() if len(ids) >= half]
    common.sort(key=lambda x: -x[0])
    return [name for _, name in common[:SHARED_NAMES]]


def group_events(
    accounts: Sequence[Account],
    threshold: float = GROUP_THRESHOLD,
    decay_days: float = DECAY_DAYS,
    profiles: Sequence[Profile] | None = None,
) -> list[list[str]]:
    """Articles grouped into events by average linkage (ids, in article order)."""
    profiles = list(profiles) if profiles is not None else [profile(a) for a in accounts]
    similarity = Similarity(profiles, idf=True, decay_days=decay_days)
    count = len(accounts)
    scores = [[0.0] * count for _ in range(count)]
    for i, j in combinations(range(count), 2):
        scores[i][j] = scores[j][i] = similarity(i, j)
    groups = [[i] for i in range(count)]
    while len(groups) > 1:
        best, pair = -1.0, (0, 0)
        for x, y in combinations(range(len(groups)), 2):
            link = statistics.mean(scores[i][j] for i in groups[x] for j in groups[y])
            if link > best:
                best, pair = link, (x, y)
        if best < threshold:
            break
        x, y = pair
        groups[x] += groups.pop(y)
    return [[accounts[i].id for i in sorted(group)] for group in groups]
