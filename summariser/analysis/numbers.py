"""Every number in the article, found by code: value, qualifier, unit and what it counts.

A small model missed most numbers (recall 20-45% in naive runs) and misquoted others, so
the numbers are not the model's job: code reads each quantity and the noun phrase after
it, skips dates, times and ordinals, and merges repeats of the same figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.analysis.quantities import Quantity, quantity_matches
from summariser.input.documents import Document
from summariser.schema import Alignment, Evidence, NumberItem

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_DATE_AFTER = re.compile(
    rf"^\s*(?:{_MONTHS})\b|^(?:st|nd|rd|th)\b|^\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC)\b|^:\d"
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "being",
        "had",
        "has",
        "have",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "it",
        "its",
        "their",
        "his",
        "her",
        "this",
        "these",
        "those",
        "there",
        "here",
        "after",
        "before",
        "during",
        "since",
        # common verbs right after a counted noun ("300 residents left their homes")
        "left",
        "fled",
        "died",
        "went",
        "came",
        "took",
        "made",
        "gave",
        "got",
        "fell",
        "rose",
        "remain",
        "remained",
        "lost",
        "won",
    ]
)
_MEASURES = {
    "distance": [
        "km",
        "kilometer",
        "kilometre",
        "kilometers",
        "kilometres",
        "km.",
        "miles",
        "mile",
        "meters",
        "metres",
        "meter",
        "metre",
        "feet",
    ],
    "duration": [
        "hours",
        "hour",
        "days",
        "day",
        "weeks",
        "week",
        "months",
        "month",
        "years",
        "year",
        "minutes",
        "minute",
    ],
    "money": ["dollars", "dollar", "euros", "euro", "pounds", "rubles", "roubles", "yuan"],
    "share": ["percent", "per", "cent", "%"],
    "mass": ["tons", "tonnes", "ton", "tonne", "kilograms", "kg"],
}
_MEASURE_OF = {word: kind for kind, words in _MEASURES.items() for word in words}
_NOUN = re.compile(r"[A-Za-z][\w’'-]*|%")
MAX_UNIT_WORDS = 3


@dataclass(frozen=True)
class Found:
    quantity: Quantity
    start: int
    end: int  # end of the number words plus the unit phrase
    unit: str
    counts: str


def _unit_phrase(text: str, start: int) -> tuple[str, int]:
    """The counted noun phrase right after a number, and where it ends."""
    words: list[str] = []
    if text[start : start + 1] == "-":  # "a 9-kilometre line"
        start += 1
    end = start
    position = start
    for _ in range(MAX_UNIT_WORDS):
        match = _NOUN.match(
            text, position + (len(text[position:]) - len(text[position:].lstrip(" ")))
        )
        if match is None:
            break
        word = match.group(0)
        lowered = word.lower()
        if lowered in _STOP or (words and lowered.endswith(("ed", "ly"))) or word[0].isupper():
            break
        words.append(word)
        end = match.end()
        position = match.end()
        if lowered in _MEASURE_OF:
            break
        gap = text[position : position + 1]
        if gap != " ":
            break
    return " ".join(words), end


def find_numbers(document: Document) -> list[Found]:
    text = document.text
    found: list[Found] = []
    for quantity, start, end in quantity_matches(text):
        number = quantity.text.split()[-1]
        if _DATE_BEFORE.search(text[max(0, start - 12) : start]) or _DATE_AFTER.match(
            text[end : end + 8]
        ):
            continue
        if (
            _YEAR.match(number)
            or text[end : end + 1] in {"/", ":"}
            or text[start - 1 : start] in {"/", ":", "-"}
        ):
            continue
        unit, unit_end = _unit_phrase(text, end)
        if not unit:
            continue  # a bare number counts nothing we can name
        counts = _MEASURE_OF.get(unit.split()[0].lower(), unit) if len(unit.split()) == 1 else unit
        found.append(Found(quantity, start, unit_end, unit, counts))
    return found


def extract_numbers(document: Document) -> tuple[list[NumberItem], list[tuple[str, str]]]:
    """Numbers with evidence, and (item, reason) notes for repeats that were merged."""
    items: list[NumberItem] = []
    merged: list[tuple[str, str]] = []
    seen: dict[tuple[float, str, str], str] = {}
    for found in find_numbers(document):
        quote = document.text[found.start : found.end]
        key = (found.quantity.value, found.quantity.qualifier.value, found.unit.lower())
        if key in seen:
            merged.append((f'number "{quote}"', f'repeats "{seen[key]}"'))
            continue
        seen[key] = quote
        q = found.quantity
        items.append(
            NumberItem(
                value=q.value,
                text=q.text,
                qualifier=q.qualifier,
                low=q.low,
                high=q.high,
                unit=found.unit,
                counts=found.counts,
                evidence=Evidence(
                    quote=quote, start=found.start, end=found.end, alignment=Alignment.EXACT
                ),
            )
        )
    return items, merged
