"""Coarse parts of speech and lemmas, set faster than spaCy's own components do.

spaCy's attribute ruler runs its 179 patterns through the Matcher and builds a Span for
every match (about one per token), and the rule lemmatizer lemmatises every token: 23 ms
of a 774-word article's 144 ms parse on these cores. Our rules read the part of speech
of most tokens but the lemma of only a few verbs and nouns. So:

- :class:`FastAttributes` applies the *same* patterns (read from the verified model's
  attribute ruler, never copied here) with dictionary look-ups per token, in the ruler's
  order of precedence (a later pattern wins), setting POS, LEMMA and MORPH as it does;
- :func:`lemma` lemmatises one token when a rule asks, with the model's own rule
  lemmatizer (which is loaded but not run over the document).

``tests/test_nlp.py`` checks both give exactly what the model's components give.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_POSITION = {"tag_": 0, "lower_": 1, "dep_": 2, "is_space": 3}  # in a token's key
_Key = tuple[str, str, str, bool]


Condition = tuple[str, Any]  # (token attribute, a value, a frozenset of values or a regex)


@dataclass(frozen=True)
class _Rule:
    order: int  # the pattern's place in the ruler: a later pattern wins
    conditions: tuple[tuple[Condition, ...], ...]  # one tuple per token of the pattern
    attrs: Mapping[str, str]
    index: int  # which token of the pattern gets the attributes

    def holds(self, tokens: Sequence[Token]) -> bool:
        return all(
            _test(getattr(token, name), want)
            for token, conditions in zip(tokens, self.conditions, strict=True)
            for name, want in conditions
        )


def _test(value: object, want: object) -> bool:
    if isinstance(want, _NotIn):
        return value not in want.values
    if isinstance(want, frozenset):
        return value in want
    if isinstance(want, re.Pattern):
        return want.search(str(value)) is not None
    return value == want


@dataclass(frozen=True)
class _NotIn:
    values: frozenset[object]


def _conditions(pattern: Mapping[str, Any]) -> tuple[Condition, ...]:
    out: list[Condition] = []
    for key, want in pattern.items():
        if key not in _KEYS:
            raise ValueError(f"attribute ruler pattern key {key!r} is not supported")
        if isinstance(want, dict):
            operator, values = next(iter(want.items()))
            if len(want) != 1 or operator not in ("IN", "NOT_IN", "REGEX"):
                raise ValueError(f"attribute ruler operator {sorted(want)} is not supported")
            if operator == "IN":
                want = frozenset(values)
            elif operator == "NOT_IN":
                want = _NotIn(frozenset(values))
            else:
                want = re.compile(values)
        out.append((_KEYS[key], want))
    return tuple(out)


class FastAttributes:
    """The attribute ruler's patterns, applied by look-up instead of the Matcher."""

    def __init__(self, patterns: Iterable[Mapping[str, Any]]) -> None:
        self._by_tag: dict[str, list[_Rule]] = defaultdict(list)
        self._by_lower: dict[str, list[_Rule]] = defaultdict(list)
        self._anywhere: list[_Rule] = []
        self._longer: list[_Rule] = []
        self._cache: dict[tuple[object, ...], list[Mapping[str, str]]] = {}
        self._opens: dict[tuple[object, ...], list[_Rule]] = {}
        for order, entry in enumerate(patterns):
            attrs = {str(k): str(v) for k, v in entry.get("attrs", {}).items()}
            for pattern in entry["patterns"]:
                conditions = tuple(_conditions(p) for p in pattern)
                index = int(entry.get("index", 0)) % len(pattern)
                rule = _Rule(order, conditions, attrs, index)
                tag, lower = pattern[0].get("TAG"), pattern[0].get("LOWER")
                if len(pattern) > 1:
                    self._longer.append(rule)
                elif isinstance(tag, str):
                    self._by_tag[tag].append(rule)
                elif isinstance(lower, str):
                    self._by_lower[lower].append(rule)
                else:
                    self._anywhere.append(rule)
        # What the patterns can tell apart of a word's lower-case form: the words they
        # name (=, IN, NOT_IN), and their regular expressions' verdicts. Two words outside
        # the names with the same verdicts pass and fail the same patterns, so look-ups
        # are cached per word class, not per word (an article brings new words, not new
        # classes).
        lowers = [
            want
            for rule in self._all_rules()
            for token in rule.conditions
            for name, want in token
            if name == "lower_"
        ]
        named: set[object] = {w for w in lowers if isinstance(w, str)}
        for want in lowers:
            if isinstance(want, _NotIn):
                named |= want.values
            elif isinstance(want, frozenset):
                named |= want
        self._named = frozenset(named)
        self._word_patterns: list[re.Pattern[str]] = list(
            dict.fromkeys(w for w in lowers if isinstance(w, re.Pattern))
        )

    def _all_rules(self) -> list[_Rule]:
        by_key = [r for rules in (*self._by_tag.values(), *self._by_lower.values()) for r in rules]
        return [*by_key, *self._anywhere, *self._longer]

    def _class(self, key: _Key) -> tuple[object, ...]:
        """The cache key of a token: its key with the word replaced by its class."""
        tag, lower, dep, space = key
        if lower in self._named:
            return key
        return (tag, tuple(p.search(lower) is not None for p in self._word_patterns), dep, space)

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        keys = [(t.tag_, t.lower_, t.dep_, t.is_space) for t in tokens]
        extra: dict[int, list[_Rule]] = defaultdict(list)
        for start, key in enumerate(keys):  # a handful of two-word patterns
            for rule in self._opening(key):
                width = len(rule.conditions)
                if start + width <= len(keys) and all(
                    _holds_key(rule, position, keys[start + position])
                    for position in range(1, width)
                ):
                    extra[start + rule.index].append(rule)
        for token, key in zip(tokens, keys, strict=True):
            longer = extra.get(token.i)
            if longer is None:
                for attrs in self._single(key):
                    _set(token, attrs)
            else:  # merge in the ruler's order
                rules = sorted([*self._candidates(key), *longer], key=lambda r: r.order)
                for rule in rules:
                    if rule in longer or rule.holds([token]):
                        _set(token, rule.attrs)
        return doc

    def _candidates(self, key: _Key) -> list[_Rule]:
        tag, lower = key[0], key[1]
        found = [*self._by_tag.get(tag, ()), *self._by_lower.get(lower, ()), *self._anywhere]
        return sorted(found, key=lambda r: r.order)

    def _single(self, key: _Key) -> list[Mapping[str, str]]:
        """The attributes the one-token patterns set on a token, in order. Every condition
        reads the tag, the lower-case form, the dependency or whether it is a space, so
        the answer is the same for every token with the same four."""
        word_class = self._class(key)
        cached = self._cache.get(word_class)
        if cached is None:
            cached = [r.attrs for r in self._candidates(key) if _holds_key(r, 0, key)]
            self._cache[word_class] = cached
        return cached

    def _opening(self, key: _Key) -> list[_Rule]:
        """The longer patterns whose first token a token with this key matches."""
        word_class = self._class(key)
        cached = self._opens.get(word_class)
        if cached is None:
            cached = [r for r in self._longer if _holds_key(r, 0, key)]
            self._opens[word_class] = cached
        return cached


def _holds_key(rule: _Rule, position: int, key: _Key) -> bool:
    return all(_test(key[_POSITION[name]], want) for name, want in rule.conditions[position])


_SETTERS = {"POS": "pos_", "LEMMA": "lemma_", "DEP": "dep_", "TAG": "tag_"}


def _set(token: Token, attrs: Mapping[str, str]) -> None:
    for name, value in attrs.items():
        if name == "MORPH":
            token.set_morph(value)  # type: ignore[attr-defined]  # spaCy 3 has it; its stub not
        elif name in _SETTERS:
            setattr(token, _SETTERS[name], value)
        else:
            raise ValueError(f"attribute ruler attribute {name!r} is not supported")


def lemma(token: Token) -> str:
    """The token's lemma: the attribute ruler's when it set one, else the model's rule
    lemmatizer's, computed now."""
    if token.lemma:
        return str(token.lemma_)
    key = (token.orth, token.pos)
    found = _LEMMAS.get(key)
    if found is None:
        found = _LEMMAS[key] = _lemmatize()(token)
    return found


_LEMMAS: dict[tuple[int, int], str] = {}  # (word, part of speech) → lemma, as spaCy caches


def _lemmatize() -> Callable[[Token], str]:
    from summariser.analysis.nlp import lemmatizer

    return lemmatizer()
