"""Document → :class:`Analysis`: the candidates code finds before any model runs.

Text aimed at AI systems or hidden from readers first (``injection.py``), then the other
non-content lines (so no byline becomes an actor), then one spaCy parse of the whole text
for entities and attributions, then the rule-based numbers. Injected stretches are
non-content: no entity, statement or number comes from them, and no attribution reaches
into one. spaCy is imported here only when an analysis is made: a cache hit carries its
analysis and never loads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summariser.analysis.attributions import find_attributions
from summariser.analysis.candidates import (
    Analysis,
    Attribution,
    Injection,
    InjectionKind,
    NonContent,
    NonContentKind,
    TextRange,
)
from summariser.analysis.entities import find_entities
from summariser.analysis.injection import find_injections
from summariser.analysis.noncontent import find_noncontent
from summariser.analysis.numbers import extract_numbers
from summariser.analysis.place_phrases import add_place_phrases
from summariser.input.documents import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyse(document: Document) -> Analysis:
    """Everything code finds in ``document``; offsets index into ``document.text``."""
    from summariser.analysis.nlp import parse

    return _analysed(document, parse(document.text))


def analyse_many(documents: Sequence[Document]) -> list[Analysis]:
    """:func:`analyse` of each document, parsed together (faster: ``nlp.parse_many``)."""
    from summariser.analysis.nlp import parse_many

    docs = parse_many([document.text for document in documents])
    return [_analysed(document, doc) for document, doc in zip(documents, docs, strict=True)]


def _analysed(document: Document, doc: Doc) -> Analysis:
    injections = find_injections(document.text, document.sentences)
    noncontent = _with_injections(find_noncontent(document.text), injections)
    entities = add_place_phrases(doc, find_entities(doc, noncontent), noncontent)
    attributions = _outside(
        find_attributions(doc, document.sentences, entities, noncontent), injections
    )
    analysis = Analysis(
        noncontent=noncontent,
        entities=entities,
        attributions=attributions,
        injections=injections,
    )
    numbers, repeats = extract_numbers(document)
    content = [n for n in numbers if analysis.is_content(n.evidence.start, n.evidence.end)]
    return analysis.model_copy(update={"numbers": content, "number_repeats": repeats})


def _with_injections(
    noncontent: list[NonContent], injections: Sequence[Injection]
) -> list[NonContent]:
    """The non-content stretches with the injected ones, in text order; a byline or caption
    inside an injected stretch goes (the stretch covers it)."""
    marked = [
        NonContent(
            start=i.start,
            end=i.end,
            kind=NonContentKind.HIDDEN
            if i.kind is InjectionKind.HIDDEN
            else NonContentKind.INJECTION,
        )
        for i in injections
    ]
    kept = [n for n in noncontent if not any(m.start <= n.start and n.end <= m.end for m in marked)]
    return sorted([*kept, *marked], key=lambda n: (n.start, n.end))


def _outside(attributions: list[Attribution], injections: Sequence[Injection]) -> list[Attribution]:
    """Attributions clear of every injected stretch: a statement that runs into one ends
    where it starts; one whose speaker, cue or opening lies in one is dropped. Ids stay in
    text order."""
    kept: list[Attribution] = []
    for attribution in attributions:
        spans = (attribution.speaker_span, attribution.cue_span)
        if any(_overlaps(span, i) for span in spans for i in injections):
            continue
        content = attribution.content
        for injection in injections:
            if _overlaps(content, injection):
                content = TextRange(start=content.start, end=min(content.end, injection.start))
        if content.end <= content.start:
            continue
        kept.append(attribution.model_copy(update={"content": content}))
    return [a.model_copy(update={"id": f"A{i}"}) for i, a in enumerate(kept, start=1)]


def _overlaps(span: TextRange, other: TextRange) -> bool:
    return span.start < other.end and other.start < span.end
