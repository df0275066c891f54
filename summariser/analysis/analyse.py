"""Document → :class:`Analysis`: the candidates code finds before any model runs.

Non-content lines first (so no byline becomes an actor), then one spaCy parse of the
whole text for entities and attributions, then the rule-based numbers. spaCy is imported
here only when an analysis is made: a cache hit carries its analysis and never loads it.
"""

from __future__ import annotations

from summariser.analysis.attributions import find_attributions
from summariser.analysis.candidates import Analysis
from summariser.analysis.entities import find_entities
from summariser.analysis.noncontent import find_noncontent
from summariser.analysis.numbers import extract_numbers
from summariser.analysis.place_phrases import add_place_phrases
from summariser.input.documents import Document


def analyse(document: Document) -> Analysis:
    """Everything code finds in ``document``; offsets index into ``document.text``."""
    from summariser.analysis.nlp import parse

    noncontent = find_noncontent(document.text)
    doc = parse(document.text)
    entities = add_place_phrases(doc, find_entities(doc, noncontent), noncontent)
    attributions = find_attributions(doc, document.sentences, entities, noncontent)
    analysis = Analysis(noncontent=noncontent, entities=entities, attributions=attributions)
    numbers, repeats = extract_numbers(document)
    content = [n for n in numbers if analysis.is_content(n.evidence.start, n.evidence.end)]
    return analysis.model_copy(update={"numbers": content, "number_repeats": repeats})
