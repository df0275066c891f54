"""The model's named entities, decoded without spaCy's per-action round trips.

spaCy's entity recogniser is a greedy transition system (BILUO): for each token a small
network scores 74 actions, the valid ones are checked in C, and the best valid one is
taken. spaCy 3.8.8 and later are compiled with a Cython that makes every look-up of a
token in that validity check take and release the interpreter lock: about 150,000 lock
round trips for a 900-token article, 16 of its 38 ms (measured with ``perf``; spaCy 3.8.7
and earlier, built with Cython 3.1, took 34 ms with thinc's BLIS). The round trips also
make the parse slower whenever a second Python thread exists.

:class:`EntityDecoder` runs the *same* network (the recogniser's own embedding, lower
and upper layers, through the same operations) and the same decoding rules, in numpy:

- outside an entity, the features of a state depend only on the token (the next
  token, and padding for the entity's first and previous word), so the scores of every
  such state are computed at once, in one product;
- inside an entity (a few tokens in ten), the state adds the entity's first word and
  the previous word, and only "continue" (I) or "close" (L) with the entity's label is
  valid: the two are scored token by token.

The rules are those of spaCy's ``BiluoPushDown`` for a document with no preset entities
(the pipeline sets none) and a model that saw every action in training (the pinned
one did: spaCy masks no class): B needs a next token in the same sentence and a non-space
token; U a non-space token; I a next token in the same sentence; L and O are always
valid where they apply; ties go to the earlier action, as in spaCy. Scores are the same
up to the rounding of the last product; ``tests/test_entity_decoder.py`` checks that
the entities equal spaCy's own on the fixture articles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from spacy.tokens import Doc

_OUT = "O"


class EntityDecoder:
    """A pipeline component that sets ``doc.ents`` as the recogniser ``ner`` would."""

    def __init__(self, ner: Any) -> None:
        model = ner.model
        self._embed = model.get_ref("tok2vec")
        self._lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self._weights: NDArray[numpy.float32] = upper.get_param("W")
        self._bias: NDArray[numpy.float32] = upper.get_param("b")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        self.actions = names  # "B-ORG", ..., "U-", "O": the network's outputs, in order
        self._labels = [name.partition("-")[2] for name in names]
        moves = [name.partition("-")[0] for name in names]
        labelled = numpy.array([bool(label) for label in self._labels])
        self._begin: NDArray[numpy.bool_] = numpy.array([m == "B" for m in moves]) & labelled
        self._unit: NDArray[numpy.bool_] = numpy.array([m == "U" for m in moves]) & labelled
        self._out: NDArray[numpy.bool_] = numpy.array([m == _OUT for m in moves])
        self._inside = {label: names.index(f"I-{label}") for label in set(self._labels) if label}
        self._last = {label: names.index(f"L-{label}") for label in set(self._labels) if label}
        self._is_begin = self._begin.tolist()
        self._is_unit = self._unit.tolist()

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        tokvecs = self._embed.predict([doc])
        # (n + 1, features, hidden, pieces): row 0 pads a missing token, row t + 1 is token t
        table = self._lower.predict(tokvecs)
        bias = self._lower.get_param("b")
        space, sentence_next = token_flags(doc)
        # Outside an entity: features (token, padding, padding), all tokens at once.
        unmaxed = table[1:, 0] + table[0, 1]
        unmaxed += table[0, 2]
        unmaxed += bias
        scores = unmaxed.max(axis=-1) @ self._weights.T
        scores += self._bias
        valid = self.valid_outside(space, sentence_next)
        best = numpy.where(valid, scores, -numpy.inf).argmax(axis=1).tolist()
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < n:
            action = best[i]
            label = self._labels[action]
            if self._is_unit[action]:
                spans.append((i, i + 1, label))
            elif self._is_begin[action]:
                start = i
                i += 1
                while may_continue(i, sentence_next) and self._continues(
                    table, bias, start, i, label
                ):
                    i += 1
                spans.append((start, i + 1, label))
            i += 1
        doc.set_ents([_span(doc, s, e, lab) for s, e, lab in spans], default="outside")
        return doc

    def valid_outside(
        self, space: NDArray[numpy.bool_], sentence_next: NDArray[numpy.bool_]
    ) -> NDArray[numpy.bool_]:
        """(tokens, actions): the actions valid at each token outside an entity. O always;
        B (with a label) at a non-space token followed by one in the same sentence; U
        (with a label) at a non-space token."""
        can_begin = ~space & ~sentence_next
        can_begin[-1] = False
        valid = self._out[None, :] | (self._begin[None, :] & can_begin[:, None])
        valid |= self._unit[None, :] & ~space[:, None]
        return valid

    def _continues(
        self,
        table: NDArray[numpy.float32],
        bias: NDArray[numpy.float32],
        start: int,
        i: int,
        label: str,
    ) -> bool:
        """Inside an entity begun at ``start``, at token ``i``: whether I beats L."""
        unmaxed = table[i + 1, 0] + table[start + 1, 1]
        unmaxed += table[i, 2]
        unmaxed += bias
        hidden = unmaxed.max(axis=-1)
        inside, last = self._inside[label], self._last[label]
        rows = [inside, last]
        pair = hidden @ self._weights[rows].T
        pair += self._bias[rows]
        # ties go to the earlier action
        return bool(pair[0] > pair[1] or (pair[0] == pair[1] and inside < last))


def token_flags(doc: Doc) -> tuple[NDArray[numpy.bool_], NDArray[numpy.bool_]]:
    """For each token: whether it is white space, and whether the next token starts a
    sentence."""
    space = numpy.zeros(len(doc), dtype=bool)
    sentence_next = numpy.zeros(len(doc), dtype=bool)
    for token in doc:
        space[token.i] = token.is_space
        if token.i and token.is_sent_start:
            sentence_next[token.i - 1] = True
    return space, sentence_next


def may_continue(i: int, sentence_next: NDArray[numpy.bool_]) -> bool:
    """Inside an entity at token ``i``: whether I (continue) is valid. It needs a next
    token in the same sentence; L (close) is always valid."""
    return i < len(sentence_next) - 1 and not sentence_next[i]


def _span(doc: Doc, start: int, end: int, label: str) -> Any:
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)
