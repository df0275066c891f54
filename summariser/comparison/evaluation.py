"""Comparisons scored on records of several events (the development set's clusters).

- **Event grouping**: every record is grouped with :func:`~.event.group_events`; over all
  pairs of records, precision is the share of pairs grouped together that belong to one
  ``event_cluster``, recall the share of same-cluster pairs grouped together.
- **Event check**: each cluster compared alone should be judged one event (a record
  flagged is a *false outlier*); each cluster with one record of another cluster added
  should flag it (*planted outliers found*).
- **Claims**: each cluster that has gold is compared; gold lines are
  ``{"cluster", "kind": "agreed" | "conflicting", "what", "anchors": [{"id", "anchor"}]}``,
  an anchor being at most 8 words of that record's text. A predicted item (a merged claim,
  or for *conflicting* also a compared figure) matches a gold item when its evidence
  overlaps the anchors of records of at least two outlets; only predicted items that span
  two outlets are counted (two articles of one outlet agreeing is no comparison across
  outlets). Precision and recall of *agreed* and of *conflicting* follow.
- **No outlet confirms itself**: every merged claim rated better than its best
  single-article rating must have mentions from two independence groups (rating 1) or
  two newsrooms (rating 2); and each cluster is compared again with its first record
  added twice more, once as the same outlet and once as an unknown outlet's verbatim
  copy: no claim that only the record and its copies carry may rise above what one
  article gives it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

from summariser.comparison.accounts import Account, brief_accounts
from summariser.comparison.build import cross_source_brief
from summariser.comparison.event import event_check, group_events, profile
from summariser.comparison.independence import NEWSROOM_KINDS, link_groups
from summariser.comparison.schema import ClaimStatus, CrossSourceBrief
from summariser.comparison.sources import Item, read_items
from summariser.errors import InputError
from summariser.input.documents import DocumentMeta, make_document
from summariser.pipeline import Summariser

Progress = Callable[[str], None]
MAX_ANCHOR_WORDS = 8
KINDS = ("agreed", "conflicting")
COPY_DESK = "Copy Desk"  # the unknown outlet a record's verbatim copy is given to


@dataclass(frozen=True)
class GoldItem:
    cluster: str
    kind: str  # "agreed" or "conflicting"
    what: str
    anchors: tuple[tuple[str, str], ...]  # (record id, anchor)


def read_gold(path: Path) -> list[GoldItem]:
    """Gold lines of ``path``; an anchor longer than ``MAX_ANCHOR_WORDS`` is refused."""
    import json

    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            anchors = tuple((str(a["id"]), str(a["anchor"])) for a in raw["anchors"])
            item = GoldItem(str(raw["cluster"]), str(raw["kind"]), str(raw.get("what", "")),
                            anchors)  # fmt: skip
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{number}: not a gold line ({e})") from e
        if item.kind not in KINDS or len({i for i, _ in anchors}) < 2:
            raise InputError(f"{path}:{number}: kind must be agreed or conflicting, "
                             "with anchors in two records at least")  # fmt: skip
        for _, anchor in anchors:
            if len(anchor.split()) > MAX_ANCHOR_WORDS:
                raise InputError(f"{path}:{number}: anchor longer than {MAX_ANCHOR_WORDS} words")
        items.append(item)
    return items


def anchor_spans(text: str, anchor: str) -> list[tuple[int, int]]:
    """Every place ``anchor`` stands in ``text`` (case, white space and apostrophes
    folded): a quotation an article repeats is anchored wherever it stands."""
    words = ["['’]".join(re.escape(part) for part in re.split("['’]", w)) for w in anchor.split()]
    return [(m.start(), m.end()) for m in re.finditer(r"\s+".join(words), text, re.IGNORECASE)]


def _prf(hits: int, predicted: int, found: int, gold: int) -> dict[str, float | int]:
    return {
        "gold": gold,
        "predicted": predicted,
        "precision": hits / predicted if predicted else 0.0,
        "recall": found / gold if gold else 0.0,
    }


def _pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in combinations(sorted(labels), 2) if labels[a] == labels[b]}


def grouping_scores(groups: Sequence[Sequence[str]], clusters: Mapping[str, str]) -> dict[str, Any]:
    """Pairwise precision and recall of ``groups`` against ``clusters`` (record → event)."""
    grouped = {r: str(i) for i, group in enumerate(groups) for r in group}
    predicted, gold = _pairs(grouped), _pairs(clusters)
    hits = len(predicted & gold)
    exact = sum(
        1
        for event in set(clusters.values())
        if sorted(r for r, e in clusters.items() if e == event) in [sorted(g) for g in groups]
    )
    return {
        "records": len(clusters),
        "events": len(set(clusters.values())),
        "groups": len(groups),
        "events_recovered_exactly": exact,
        "pairs_precision": hits / len(predicted) if predicted else 0.0,
        "pairs_recall": hits / len(gold) if gold else 0.0,
        "groups_of_two_or_more": [sorted(g) for g in groups if len(g) > 1],
    }


Spans = dict[str, list[tuple[int, int]]]


def _spans(brief: CrossSourceBrief, kind: str) -> list[tuple[str, Spans]]:
    """The predicted items of one kind that span two outlets, each as (label, article →
    spans): a claim two articles of one outlet carry is not a comparison across outlets."""
    status = ClaimStatus(kind)
    outlet = {a.id: a.outlet or a.id for a in brief.articles}
    items: list[tuple[str, Spans]] = []
    for claim in brief.claims:
        if claim.status is status:
            spans: Spans = {}
            for m in claim.mentions:
                spans.setdefault(m.article, []).append((m.evidence.start, m.evidence.end))
            items.append((claim.id, spans))
    for figure in brief.figures:
        if figure.status is status and kind == "conflicting":
            spans = {}
            for v in figure.values:
                spans.setdefault(v.article, []).append((v.evidence.start, v.evidence.end))
            items.append((figure.id, spans))
    return [(label, spans) for label, spans in items if len({outlet[a] for a in spans}) >= 2]


def _matches(spans: Spans, anchors: Spans, outlet: Mapping[str, str]) -> bool:
    """Whether an item's evidence overlaps the anchors of two outlets' articles."""
    covered = {
        outlet[article]
        for article, places in anchors.items()
        for start, end in places
        if any(s < end and start < e for s, e in spans.get(article, []))
    }
    return len(covered) >= 2


def claim_scores(
    brief: CrossSourceBrief, gold: Sequence[GoldItem], article_of: Mapping[str, str]
) -> dict[str, Any]:
    """Hits of one cluster's comparison against its gold (``article_of``: record → a1...)."""
    texts = {a.id: a.text for a in brief.articles}
    outlet = {a.id: a.outlet or a.id for a in brief.articles}
    scores: dict[str, Any] = {"missing_anchors": []}
    located = []
    for item in gold:
        anchors: Spans = {}
        for record, anchor in item.anchors:
            article = article_of.get(record)
            places = anchor_spans(texts[article], anchor) if article else []
            if article is None or not places:
                scores["missing_anchors"].append(f"{record}: {anchor}")
                continue
            anchors.setdefault(article, []).extend(places)
        located.append((item, anchors))
    for kind in KINDS:
        predicted = _spans(brief, kind)
        wanted = [(i, a) for i, a in located if i.kind == kind]
        found = [i.what for i, a in wanted if any(_matches(s, a, outlet) for _, s in predicted)]
        hits = [label for label, s in predicted if any(_matches(s, a, outlet) for _, a in wanted)]
        scores[kind] = {
            "gold": len(wanted), "found": len(found), "predicted": len(predicted),
            "hits": len(hits), "missed": [i.what for i, _ in wanted if i.what not in found],
            "wrong": [label for label, _ in predicted if label not in hits],
        }  # fmt: skip
    every = [s for kind in ("agreed", "conflicting", "single") for _, s in _spans(brief, kind)]
    scores["found_any_status"] = sum(
        1 for _, a in located if any(_matches(s, a, outlet) for s in every)
    )
    return scores


def self_confirmations(brief: CrossSourceBrief) -> list[str]:
    """Merged claims rated better than one article can rate them without the independent
    support their rating needs (should be none)."""
    ids = [a.id for a in brief.articles]
    group_of = {a: i for i, g in enumerate(brief.independence.groups) for a in g}
    newsroom = link_groups(ids, [d for d in brief.independence.dependences
                                 if d.kind in NEWSROOM_KINDS])  # fmt: skip
    newsroom_of = {a: i for i, g in enumerate(newsroom) for a in g}
    found = []
    for claim in brief.claims:
        best = min(m.credibility for m in claim.mentions)
        if claim.credibility >= best:
            continue
        outlets = {m.outlet or m.article for m in claim.mentions}
        groups = {group_of[m.article] for m in claim.mentions}
        rooms = {newsroom_of[m.article] for m in claim.mentions}
        if claim.credibility == 1 and (len(groups) < 2 or len(outlets) < 2):
            found.append(f"{claim.id} rated 1 from one group: {claim.credibility_reason}")
        elif claim.credibility == 2 and len(rooms) < 2:
            found.append(f"{claim.id} rated 2 from one newsroom: {claim.credibility_reason}")
    return found


def _copies(account: Account, count: int) -> list[Account]:
    """The record once more as the same outlet, and once as an unknown outlet's copy."""
    item = account.item
    meta = DocumentMeta(title=item.document.meta.title, site=COPY_DESK)
    other = make_document(item.document.text, f"{item.name}#copy", meta)
    provenance = account.brief.provenance.model_copy(update={"outlet": COPY_DESK})
    brief = account.brief.model_copy(update={"provenance": provenance})
    again = replace(account, id=f"a{count + 1}", item=replace(item, name=f"{item.name}#again"))
    copy = replace(
        account,
        id=f"a{count + 2}",
        item=Item(other.source, other, item.published),
        brief=brief,
        outlet=None,
        wire=None,
    )
    return [again, copy]


def _duplicates_raise(brief: CrossSourceBrief, copies: Iterable[str], original: str) -> list[str]:
    family = {original, *copies}
    raised = []
    for claim in brief.claims:
        articles = {m.article for m in claim.mentions}
        best = min(m.credibility for m in claim.mentions)
        if len(articles) > 1 and articles <= family and claim.credibility < best:
            raised.append(f"{claim.id}: {claim.credibility_reason}")
    return raised


def evaluate_compare(
    records: Sequence[Mapping[str, Any]],
    gold: Sequence[GoldItem],
    summariser: Summariser,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The evaluation report of ``records`` (each with ``id`` and ``event_cluster``)."""
    say = progress or (lambda _: None)
    started = time.perf_counter()
    items = read_items(list(records))
    cluster_of = {str(r["id"]): str(r.get("event_cluster") or "") for r in records}
    accounts = brief_accounts(items, summariser, say)
    record_of = {a.id: a.item.name for a in accounts}
    profiles = {a.id: profile(a) for a in accounts}
    say("grouping the articles into events")
    groups = group_events(accounts, profiles=[profiles[a.id] for a in accounts])
    grouping = grouping_scores(
        [[record_of[i] for i in g] for g in groups], {a.item.name: cluster_of[a.item.name]
                                                      for a in accounts}
    )  # fmt: skip
    clusters: dict[str, list[Account]] = {}
    for account in accounts:
        clusters.setdefault(cluster_of[account.item.name], []).append(account)

    def numbered(members: Sequence[Account]) -> list[Account]:
        return [replace(a, id=f"a{i}") for i, a in enumerate(members, start=1)]

    false_outliers, planted, found_planted = 0, 0, 0
    compared = {name: members for name, members in clusters.items() if len(members) > 1}
    for name, members in compared.items():
        say(f"checking the event of {name}")
        check = event_check(numbered(members), [profiles[a.id] for a in members])
        false_outliers += len(check.outliers)
        for account in accounts:
            if cluster_of[account.item.name] == name:
                continue
            planted += 1
            mixed = [*members, account]
            check = event_check(numbered(mixed), [profiles[a.id] for a in mixed])
            found_planted += any(o.article == f"a{len(mixed)}" for o in check.outliers)
    gold_clusters = sorted({g.cluster for g in gold})
    per_cluster = []
    totals = {k: {"gold": 0, "found": 0, "predicted": 0, "hits": 0} for k in KINDS}
    rated_1, violations, raised = 0, [], []
    for name in sorted(compared):
        members = numbered(compared[name])
        say(f"comparing {name}")
        brief = cross_source_brief(members, summariser, progress=say)
        rated_1 += sum(c.credibility == 1 for c in brief.claims)
        violations += [f"{name}: {v}" for v in self_confirmations(brief)]
        doubled = [*members, *_copies(members[0], len(members))]
        again = cross_source_brief(doubled, summariser, progress=say)
        violations += [f"{name} + copies: {v}" for v in self_confirmations(again)]
        raised += [f"{name}: {r}" for r in _duplicates_raise(
            again, [doubled[-2].id, doubled[-1].id], members[0].id)]  # fmt: skip
        entry: dict[str, Any] = {
            "cluster": name,
            "articles": len(members),
            "agreed": sum(c.status is ClaimStatus.AGREED for c in brief.claims),
            "conflicting": sum(c.status is ClaimStatus.CONFLICTING for c in brief.claims)
            + sum(f.status is ClaimStatus.CONFLICTING for f in brief.figures),
            "rated_1": sum(c.credibility == 1 for c in brief.claims),
            "dependences": [d.reason for d in brief.independence.dependences],
        }
        if name in gold_clusters:
            article_of = {a.item.name: a.id for a in members}
            scores = claim_scores(brief, [g for g in gold if g.cluster == name], article_of)
            entry["gold"] = scores
            for kind in KINDS:
                for key in totals[kind]:
                    totals[kind][key] += scores[kind][key]
        per_cluster.append(entry)
    claims = {
        kind: _prf(t["hits"], t["predicted"], t["found"], t["gold"]) for kind, t in totals.items()
    }
    return {
        "records": len(accounts),
        "clusters": len(clusters),
        "gold_clusters": gold_clusters,
        "event_grouping": grouping,
        "event_check": {
            "one_event_sets": len(compared),
            "false_outliers": false_outliers,
            "planted": planted,
            "planted_found": found_planted,
        },
        "claims": claims,
        "self_confirmation": {
            "claims_rated_1": rated_1,
            "violations": violations,
            "raised_by_copies": raised,
            "copy_runs": len(compared),
        },
        "per_cluster": per_cluster,
        "seconds": round(time.perf_counter() - started, 1),
    }
