"""Capitalised name runs in free text ("the Russian Defense Ministry said" → "Russian
Defense Ministry"), used to check that model-written text names only what is grounded."""

from __future__ import annotations

import functools
import re

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
    return bool(inner) and _whole_words(inner).search(outer) is not None


@functools.lru_cache(maxsize=4096)
def _whole_words(inner: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(inner)}(?!\w)")
