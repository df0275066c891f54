"""The entity decoder (analysis/entity_decoder.py) gives spaCy's own entities."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from summariser.analysis import nlp
from summariser.analysis.entity_decoder import EntityDecoder, may_continue, token_flags

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent

# Edges of the decoding rules: empty and blank texts, one token, an entity that ends the
# text, entities across line breaks (sentence starts) and beside runs of spaces.
EDGES = [
    "",
    " ",
    "\n\n",
    "Obama",
    "He met John Smith",
    "Visit New\nYork today, said Mayor Eric Adams.",
    "The U.N.\n\nSecretary-General António Guterres said on Monday  that 12 people died.",
    "Reuters  -  Kenya's Red Cross said on 6 December 1996 that\n\nNairobi was calm.",
    "BANGUI 1996-12-06\nCentral African Republic President Ange-Felix Patasse",
]


def _parsed(text: str) -> Doc:
    """``text`` through the pipeline up to, not including, the entities."""
    pipeline = nlp.load_pipeline()
    doc = pipeline.make_doc(text)
    for name, component in pipeline.pipeline:
        if name != nlp.ENTITIES:
            doc = component(doc)
    return doc


def _entities_both_ways(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(ours, spaCy's): each token's IOB tag and type, on the same parsed document."""
    pipeline = nlp.load_pipeline()
    doc = _parsed(text)
    theirs = pipeline.get_pipe("ner")(doc.copy())
    ours = pipeline.get_pipe(nlp.ENTITIES)(doc)
    return (
        [(t.ent_iob_, t.ent_type_) for t in ours],
        [(t.ent_iob_, t.ent_type_) for t in theirs],
    )


def test_the_pipeline_decodes_entities_itself() -> None:
    pipeline = nlp.load_pipeline()
    assert pipeline.pipe_names[-1] == nlp.ENTITIES
    assert "ner" in pipeline.disabled
    # The decoding rules assume a model that masks no action (see the module).
    assert not pipeline.get_pipe("ner").model.attrs["unseen_classes"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", EDGES)
def test_edges_equal_spacy_s_entities(text: str) -> None:
    ours, theirs = _entities_both_ways(text)
    assert ours == theirs


def test_fixture_articles_equal_spacy_s_entities(seed_text: str) -> None:
    texts = [seed_text] + [p.read_text() for p in sorted((ROOT / "fixtures/articles").glob("*"))]
    found = 0
    for text in texts:
        ours, theirs = _entities_both_ways(text)
        assert ours == theirs
        found += sum(iob == "B" for iob, _ in ours)
    assert found > 100  # the articles have entities to compare


@pytest.mark.parametrize("text", [*EDGES[3:], "seed"])
def test_valid_actions_are_spacy_s_on_every_state_of_a_random_walk(
    text: str, seed_text: str
) -> None:
    """At each token, the actions the decoder allows are those spaCy's transition system
    allows, outside an entity and inside one; the walk takes random valid actions, so
    it opens entities before sentence starts, at spaces and at the last token."""
    from spacy.pipeline._parser_internals.stateclass import StateClass

    doc = _parsed(seed_text if text == "seed" else text)
    ner = nlp.load_pipeline().get_pipe("ner")
    decoder: EntityDecoder = nlp.load_pipeline().get_pipe(nlp.ENTITIES)  # type: ignore[assignment]
    moves = ner.moves  # type: ignore[attr-defined]
    space, sentence_next = token_flags(doc)
    outside = decoder.valid_outside(space, sentence_next)
    state = StateClass(doc)
    rng = random.Random(7)
    open_label = ""
    states = {"outside": 0, "inside": 0}
    for i in range(len(doc)):
        theirs = {name for name in decoder.actions if moves.is_valid(state, name)}
        if open_label:
            states["inside"] += 1
            ours = {f"L-{open_label}"} | (
                {f"I-{open_label}"} if may_continue(i, sentence_next) else set()
            )
        else:
            states["outside"] += 1
            ours = {name for name, ok in zip(decoder.actions, outside[i], strict=True) if ok}
        assert ours == theirs, (i, doc[i].text)
        # open entities often, to reach the states inside them
        begins = sorted(name for name in theirs if name[:2] in ("B-", "I-"))
        action = rng.choice(begins) if begins and rng.random() < 0.6 else rng.choice(sorted(theirs))
        moves.apply_transition(state, action)
        open_label = action[2:] if action[:2] in ("B-", "I-") else ""
    assert state.is_final()
    assert states["inside"] > 0 or len(doc) < 2
