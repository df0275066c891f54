"""Capitalised name runs in free text ("the Russian Defense Ministry said" → "Russian
Defense Ministry"), used to check that model-written text names only what is grounded."""

from __future__ import annotations

import re
from collections.abc import Iterator

_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|de|al|el|ez|the)[\s-]+)?[A-Z][\w’'-]*)*")
_POSSESSIVE = re.compile(r"[’']s$")
# Capitalised only because they start a sentence or a quote: not names.
SENTENCE_STARTERS = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "By",
        "For",
        "From",
        "After",
        "Before",
        "According",
        "Meanwhile",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "They",
        "He",
        "She",
        "We",
        "There",
        "Some",
        "Several",
        "Over",
        "More",
        "Both",
        "Also",
        "And",
        "But",
        "While",
        "With",
        "Under",
        "During",
        "Eye",
        "If",
        "When",
        "Where",
        "Why",
        "How",
        "What",
        "Who",
    }
)


def name_runs(text: str) -> list[str]:
    """The capitalised runs of ``text``, without leading sentence starters or a final 's."""
    names = []
    for run in _NAME_RUN.findall(text):
        words = run.split()
        while words and words[0] in SENTENCE_STARTERS:
            words = words[1:]
        name = _POSSESSIVE.sub("", " ".join(words))
        if len(name) > 2:
            names.append(name)
    return names


def contains_words(outer: str, inner: str) -> bool:
    """Whether ``inner`` stands in ``outer`` as whole words: "Niger" is not in "Nigeria"
    and "Syria" is not in "Syrian"."""
    return bool(inner) and next(whole_word_spans(outer, inner), None) is not None


def whole_word_spans(text: str, words: str, joiners: str = "") -> Iterator[tuple[int, int]]:
    """Where ``words`` stand in ``text`` with no word character, nor one of ``joiners``,
    on either side: left to right, not overlapping, as ``(?<![\\w-])words(?![\\w-])``
    would find them with ``joiners="-"``.

    Found with ``str.find``: an expression that opens with a look-behind is tried at every
    character, and names are looked up thousands of times an article."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        before = at > 0 and (is_word_char(text, at - 1) or text[at - 1] in joiners)
        after = end < len(text) and (is_word_char(text, end) or text[end] in joiners)
        if before or after:
            at = text.find(words, at + 1)
        else:
            yield at, end
            at = text.find(words, end)


def is_word_char(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and is a word character (regular expressions' \\w)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")
