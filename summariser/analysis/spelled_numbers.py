"""Numbers written in English words: "two hundred and fifty", "a dozen", "two-thirds".

Kept apart from the digit grammar in ``quantities`` because words need a real grammar:
a flat "any run of number words" pattern read "two and three" as five and "for a third
time" as a fraction. The pattern here only accepts well-formed numbers, and a fraction
only where nothing else can be meant (a plural or hyphenated denominator, or "of" after it).

``number-parser`` and ``text2num`` were measured against this module on the NewsQuant
sentences: neither reads fractions, "a dozen" or "half a million", and both turn ordinals
("the fourth time") into numbers, so neither is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Denominators of a fraction, singular and plural ("a third", "two-thirds").
_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "seventeen" is not read as "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


_ONE = _alternatives(_ONES)
_TEN = _alternatives(_TENS)
_SCALE = _alternatives(SCALES)
_SMALL = rf"(?:(?:{_TEN})(?:[\s-](?:{_ONE}))?|{_ONE})"
_HUNDREDS = rf"(?:(?:{_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_GROUP = rf"(?:{_HUNDREDS}|an?)[\s-]+(?:{_SCALE})"
# A whole number: scaled groups ("two million three hundred thousand"), then the rest.
_WHOLE = (
    rf"(?:{_GROUP}(?:,?\s+(?:and\s+)?{_GROUP})*(?:,?\s+(?:and\s+)?{_HUNDREDS})?"
    rf"|{_HUNDREDS})"
)
_HALF = r"\s+and\s+a\s+half"
# "half a million", "a dozen", "two dozen", "three and a half million", "two hundred".
_NOT_ORDINAL_HALF = r"(?<!first\s)(?<!second\s)(?<!the\s)(?<!other\s)"
_AMOUNT = (
    rf"(?:{_NOT_ORDINAL_HALF}half\s+an?\s+(?:{_SCALE}|dozen)"
    rf"|(?:{_SMALL}|an?){_HALF}(?:[\s-]+(?:{_SCALE}))?"
    rf"|(?:{_SMALL}|an?|half\s+an?)\s+dozen"
    rf"|{_WHOLE})"
)
_SINGULAR_PARTS = _alternatives(p for p in _PARTS if not p.endswith("s"))
_PLURAL_PARTS = _alternatives(p for p in _PARTS if p.endswith("s"))
# A fraction must be unmistakable: "two-thirds", or a denominator followed by "of"
# ("a third of the vote"), or "half" before a determiner. "A third term", "three
# quarters" (periods of a year) and "the second half" stay words.
_FRACTION = (
    rf"(?:(?:{_SMALL})-(?:{_PLURAL_PARTS})"
    rf"|(?:{_SMALL})\s+(?:{_PLURAL_PARTS})(?=\s+of\b)"
    rf"|(?:an?|one)[\s-](?:{_SINGULAR_PARTS})(?=\s+of\b)"
    rf"|{_NOT_ORDINAL_HALF}half(?=\s+(?:of|the|its|their|his|her|our|all)\b"
    rf"|\s+an?\s+(?!(?:{_SCALE}|dozen)\b)))"
)
SPELLED = rf"(?:{_FRACTION}|{_AMOUNT})"
"""A regular expression (to compile with IGNORECASE) for one spelled number."""

_TOKEN = re.compile(r"[a-z]+")


def fraction_value(words: str) -> float | None:
    """The value of "two-thirds", "a quarter", "half"; None when ``words`` is no fraction."""
    tokens = _TOKEN.findall(words.lower())
    if not tokens or tokens[-1] not in _PARTS:
        return None
    if len(tokens) == 1:
        return 1 / _PARTS[tokens[0]] if tokens[0] == "half" else None
    numerator = 1.0 if tokens[0] in {"a", "an"} else spelled_value(" ".join(tokens[:-1]))
    return None if numerator is None else numerator / _PARTS[tokens[-1]]


def spelled_value(words: str) -> float | None:
    """The value of an English number in words ("two hundred and fifty" → 250)."""
    tokens = _TOKEN.findall(words.lower())
    if not tokens:
        return None
    if tokens[-1] in _PARTS and tokens[-2:] != ["a", "half"]:
        return fraction_value(words)
    factor = 1.0
    if tokens[0] == "half":  # "half a million", "half a dozen"
        factor, tokens = 0.5, tokens[1:]
    total = current = 0.0
    seen = False
    for index, token in enumerate(tokens):
        if token in _ONES or token in _TENS:
            current += _ONES.get(token, 0) + _TENS.get(token, 0)
        elif token in {"a", "an"}:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following == "half":
                continue
            current += 1  # "a million", "a dozen"
        elif token == "half":
            current += 0.5  # "one and a half"
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        elif token != "and":
            return None
        seen = True
    return (total + current) * factor if seen else None
