"""Benchmark: the analysis stage's entities against the CoNLL++ gold of the devset.

Scores ``find_entities`` on the records of ``../shared/devset/articles.jsonl`` whose gold
has "entities" (PER / ORG / LOC; MISC ignored), with the eval command's own
``entity_scores``: the entities become the brief's actors and locations (person → PER,
every other actor → ORG, every place → LOC) and a prediction matches a gold name of its
type when one folded name contains the other. Precision and recall are averaged over
records, as ``summariser eval`` does; the pooled totals are printed too.

    python bench/entities_eval.py [--devset DIR] [--plain] [--misses]

``--plain`` scores spaCy's own entities (PERSON, ORG, GPE/LOC/FAC as written, no rules),
the baseline the rules are measured against; ``--misses`` lists what each article got
wrong. Also prints the hashing, loading and per-article parsing times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summariser.analysis import nlp  # noqa: E402
from summariser.analysis.candidates import Entity, EntityType, TextRange  # noqa: E402
from summariser.analysis.entities import find_entities  # noqa: E402
from summariser.analysis.noncontent import find_noncontent  # noqa: E402
from summariser.eval.scoring import entity_scores, read_records  # noqa: E402
from summariser.grounding.align import fold  # noqa: E402
from summariser.schema import (  # noqa: E402
    Actor,
    ActorKind,
    Alignment,
    Brief,
    Evidence,
    Location,
    LocationKind,
)

DEVSET = ROOT.parent / "shared" / "devset"
KINDS = ("PER", "ORG", "LOC", "all")
_PLAIN_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place",
                "FAC": "place"}  # fmt: skip


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(quote=text[start:end], start=start, end=end, alignment=Alignment.EXACT)


def as_brief(text: str, entities: list[Entity]) -> Brief:
    """The entities as a brief's actors and locations: all that ``entity_scores`` reads."""
    actors, locations = [], []
    for entity in entities:
        evidence = [_evidence(text, m.start, m.end) for m in entity.mentions]
        if entity.type is EntityType.PLACE:
            locations.append(
                Location(name=entity.name, kind=LocationKind(entity.kind), evidence=evidence)
            )
        else:
            kind = ActorKind(entity.kind)
            actors.append(Actor(name=entity.name, kind=kind, role=entity.role, evidence=evidence))
    return cast(Brief, SimpleNamespace(actors=actors, locations=locations))


def plain_entities(text: str, doc: Any) -> list[Entity]:
    """spaCy's entities as they come: one entity per distinct text and label, no rules."""
    seen: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        kind = _PLAIN_TYPES.get(ent.label_)
        if kind is None or not ent.text.strip() or (ent.text, kind) in seen:
            continue
        entity_type = EntityType(kind)
        seen[(ent.text, kind)] = Entity(
            id=f"E{len(seen) + 1}",
            name=ent.text,
            type=entity_type,
            kind={
                EntityType.PERSON: "person",
                EntityType.ORGANISATION: "other",
                EntityType.PLACE: "other",
            }[entity_type],
            mentions=[TextRange(start=ent.start_char, end=ent.end_char)],
        )
    return list(seen.values())


def misses(brief: Brief, gold: list[dict[str, Any]]) -> list[str]:
    lines = []
    predicted = {
        "PER": [a.name for a in brief.actors if a.kind is ActorKind.PERSON],
        "ORG": [a.name for a in brief.actors if a.kind is not ActorKind.PERSON],
        "LOC": [loc.name for loc in brief.locations],
    }
    for kind, names in predicted.items():
        wanted = sorted({e["text"] for e in gold if e["type"] == kind})
        lost = [g for g in wanted if not any(_contains(n, g) for n in names)]
        extra = [n for n in dict.fromkeys(names) if not any(_contains(n, g) for g in wanted)]
        if lost:
            lines.append(f"    {kind} missed: {lost}")
        if extra:
            lines.append(f"    {kind} wrong:  {extra}")
    return lines


def _contains(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a and b) and (a in b or b in a)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--plain", action="store_true", help="spaCy's entities, no rules")
    parser.add_argument("--misses", action="store_true", help="list each article's errors")
    args = parser.parse_args()
    path = args.devset / "articles.jsonl"
    if not path.exists():
        print(f"no devset at {path}: nothing to score (it lives beside the project)")
        return 0
    records = [r for r in read_records(path) if "entities" in r.get("gold", {})]
    print(f"devset: {path} ({len(records)} records with gold entities)")

    started = time.perf_counter()
    nlp.verify_model_files(nlp.package_dir())
    hashing = time.perf_counter() - started
    started = time.perf_counter()
    nlp.load_pipeline()
    loading = time.perf_counter() - started
    started = time.perf_counter()
    find_entities(nlp.parse("Rain fell in Paris, France."), [])  # loads the country lists
    lexicons = time.perf_counter() - started
    print(
        f"once per process: hashing {hashing * 1000:.1f} ms, loading {loading * 1000:.0f} ms, "
        f"first call (country lists) {lexicons * 1000:.0f} ms"
    )

    rows: list[dict[str, Any]] = []
    parse_ms: list[float] = []
    rules_ms: list[float] = []
    for record in records:
        text, gold = record["text"], record["gold"]["entities"]
        started = time.perf_counter()
        doc = nlp.parse(text)
        parse_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        if args.plain:
            entities = plain_entities(text, doc)
        else:
            entities = find_entities(doc, find_noncontent(text))
        rules_ms.append((time.perf_counter() - started) * 1000)
        brief = as_brief(text, entities)
        rows.append(entity_scores(brief, gold))
        if args.misses:
            print(f"  {record['id']}: {len(text)} chars, {parse_ms[-1]:.0f} ms")
            print("\n".join(misses(brief, gold)))

    print(f"\n{'plain spaCy' if args.plain else 'rules'}: precision / recall, mean over articles")
    for kind in KINDS:
        scored = [r[kind] for r in rows]
        p = statistics.fmean([s["precision"] for s in scored if s["predicted"]] or [0.0])
        r = statistics.fmean([s["recall"] for s in scored if s["gold"]] or [0.0])
        predicted = sum(s["predicted"] for s in scored)
        gold = sum(s["gold"] for s in scored)
        print(f"  {kind:4} P {p:.3f}  R {r:.3f}   (predicted {predicted}, gold {gold})")
    print(
        f"\nparse: {statistics.fmean(parse_ms):.0f} ms per article (median "
        f"{statistics.median(parse_ms):.0f}, max {max(parse_ms):.0f}); rules "
        f"{statistics.fmean(rules_ms):.1f} ms per article (non-content and entities)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
