"""Places that the words around a name make plain, where the NER model hesitates.

"the Raqqa province", "the Howeika district", "the Al-Sukhnah town": a proper name
followed by a place noun is that place, named with the noun as the article writes it.
"the city of Deir ez-Zor", "the village of Kabajib": the name after "<place noun> of" is a
place of that kind. spaCy's small model misses or mislabels many such names (Howeika as a
nationality, Al-Sukhnah as nothing); the phrase leaves no doubt. A name the entities
already hold becomes a place of that kind; a new one is added. A one-word name joined by
"and" to a place ("connecting Palmyra and Deir ez-Zor") is a place too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summariser.analysis.candidates import Entity, EntityType, NonContent, TextRange
from summariser.schema import LocationKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_NOUNS: dict[str, LocationKind] = {
    **dict.fromkeys(
        "province region governorate county state oblast prefecture territory".split(),
        LocationKind.REGION_OR_PROVINCE,
    ),
    **dict.fromkeys(
        "district neighbourhood neighborhood suburb quarter".split(), LocationKind.DISTRICT
    ),
    **dict.fromkeys("city town village settlement".split(), LocationKind.CITY_OR_TOWN),
    **dict.fromkeys("airport port airbase".split(), LocationKind.SITE_OR_FACILITY),
}


def add_place_phrases(
    doc: Doc, entities: Sequence[Entity], noncontent: Sequence[NonContent]
) -> list[Entity]:
    """``entities`` with the places the phrases name, ids renumbered in text order."""
    found: list[tuple[int, int, LocationKind]] = []
    for token in doc:
        kind = PLACE_NOUNS.get(token.lower_)
        if kind is None or not token.is_lower:
            continue
        name = _name_before(token) or _name_after_of(token)
        if name is None:
            continue
        start, end = name
        if any(n.start <= start < n.end for n in noncontent):
            continue
        if _name_before(token) is not None:
            end = token.idx + len(token.text)  # "Raqqa province": the noun is the name's
        found.append((start, end, kind))
    result = list(entities)
    for start, end, kind in found:
        result = _merge(result, doc.text, start, end, kind)
    result = [_joined_to_a_place(e, result, doc) for e in result]
    result.sort(key=lambda e: e.mentions[0].start)
    return [e.model_copy(update={"id": f"E{i}"}) for i, e in enumerate(result, start=1)]


def _joined_to_a_place(entity: Entity, entities: Sequence[Entity], doc: Doc) -> Entity:
    """A one-word name the NER called a person or an organisation, joined by "and" or
    "or" to a place in every mention ("the highway connecting Palmyra and Deir ez-Zor"),
    is a place too."""
    if entity.type is EntityType.PLACE or len(entity.name.split()) > 1:
        return entity
    places = {
        offset
        for other in entities
        if other.type is EntityType.PLACE
        for m in other.mentions
        for offset in range(m.start, m.end)
    }
    for mention in entity.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return entity
        token = span.root
        partners = [c for c in token.children if c.dep_ == "conj"]
        if token.dep_ == "conj":
            partners.append(token.head)
        if not any(p.idx in places for p in partners):
            return entity
    return entity.model_copy(
        update={"type": EntityType.PLACE, "kind": LocationKind.CITY_OR_TOWN.value, "role": None}
    )


def _name_before(noun: Token) -> tuple[int, int] | None:
    """The proper name right before a place noun: 'the Raqqa province'."""
    names = [t for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if not names or names[-1].i != noun.i - 1 - _hyphens_between(names[-1], noun):
        return None
    first = min(t.i for t in names[0].subtree)
    last = names[-1]
    doc = noun.doc
    return doc[first].idx, last.idx + len(last.text)


def _hyphens_between(left: Token, right: Token) -> int:
    return sum(1 for t in left.doc[left.i + 1 : right.i] if t.text == "-")


def _name_after_of(noun: Token) -> tuple[int, int] | None:
    """The proper name in 'the city of Deir ez-Zor'."""
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    obj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "PROPN":
        return None
    tokens = [t for t in obj.subtree if t.i > of.i]
    if not tokens or not all(t.pos_ == "PROPN" or t.text == "-" for t in tokens):
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _merge(
    entities: list[Entity], text: str, start: int, end: int, kind: LocationKind
) -> list[Entity]:
    """The entity the phrase names becomes a place of ``kind``, or a new place is added."""
    for index, entity in enumerate(entities):
        if any(m.start < end and start < m.end for m in entity.mentions):
            mentions = [m for m in entity.mentions if not (start <= m.start and m.end <= end)]
            mentions = sorted([*mentions, TextRange(start=start, end=end)], key=lambda m: m.start)
            longest = max(mentions, key=lambda m: m.end - m.start)
            updated = entity.model_copy(
                update={
                    "type": EntityType.PLACE,
                    "kind": kind.value,
                    "role": None,
                    "name": text[longest.start : longest.end],
                    "mentions": mentions,
                }
            )
            return [*entities[:index], updated, *entities[index + 1 :]]
    added = Entity(
        id="E0",
        name=text[start:end],
        type=EntityType.PLACE,
        kind=kind.value,
        mentions=[TextRange(start=start, end=end)],
    )
    return [*entities, added]
