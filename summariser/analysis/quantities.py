"""Read the number that a quoted phrase states: "more than 70" → (70, more_than).

The model proposes a value; code decides it from the quoted words, so the value in a
brief always agrees with its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.schema import Qualifier

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "half": 0.5,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(_SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# One number: digits or number words, optionally followed by a scale word.
_NUMBER = (
    rf"(?:(?:{_DIGITS})|(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}|{_SCALE}))*))"
    rf"(?:\s+(?:{_SCALE}))*"
)
_QUALIFIERS: tuple[tuple[Qualifier, str], ...] = (
    (Qualifier.MORE_THAN, r"more than|over|above|in excess of|upwards of"),
    (Qualifier.FEWER_THAN, r"fewer than|less than|under|below"),
    (Qualifier.AT_LEAST, r"at least|no fewer than|no less than|a minimum of"),
    (Qualifier.AT_MOST, r"at most|up to|no more than|a maximum of"),
    (
        Qualifier.APPROXIMATELY,
        r"about|around|approximately|roughly|nearly|almost|some|an estimated",
    ),
)
_QUALIFIER_RE = "|".join(f"(?P<{q.name}>{pattern})" for q, pattern in _QUALIFIERS)
_RANGE = re.compile(
    rf"\b(?:between\s+)?(?P<low>{_NUMBER})\s*(?:-|–|—|to|and)\s*(?P<high>{_NUMBER})\b",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?:\b(?:{_QUALIFIER_RE})\s+)?(?P<number>\b{_NUMBER})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with its qualifier and the span it was read from."""

    value: float
    qualifier: Qualifier
    text: str
    low: float | None = None
    high: float | None = None


def word_value(words: str) -> float | None:
    """The value of digits or English number words ("ten", "two hundred", "1,200")."""
    words = words.strip().lower()
    if re.fullmatch(_DIGITS, words.split()[0] if words else ""):
        head, *rest = words.split()
        value = float(head.replace(",", ""))
        for word in rest:
            if word not in _SCALES:
                return None
            value *= _SCALES[word]
        return value
    total = 0.0
    current = 0.0
    for token in re.findall(rf"{_WORD}|{_SCALE}|\S+", words):
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
        elif token not in {"-", "and"}:
            return None
    return total + current


def _qualifier(match: re.Match[str]) -> Qualifier:
    """The qualifier whose named group matched before the number, else exact."""
    return next((q for q, _ in _QUALIFIERS if match.group(q.name)), Qualifier.EXACT)


def read_quantity(phrase: str) -> Quantity | None:
    """The first quantity stated in ``phrase``, or None when it states none."""
    ranged = _RANGE.search(phrase)
    single = _SINGLE.search(phrase)
    if ranged and (single is None or ranged.start() <= single.start("number")):
        low, high = word_value(ranged.group("low")), word_value(ranged.group("high"))
        if low is not None and high is not None and low < high:
            return Quantity(low, Qualifier.RANGE, ranged.group(0), low=low, high=high)
    if single is None:
        return None
    value = word_value(single.group("number"))
    if value is None:
        return None
    qualifier = _qualifier(single)
    return Quantity(value, qualifier, single.group(0))


def quantity_matches(text: str) -> list[tuple[Quantity, int, int]]:
    """Every quantity in ``text`` with its (start, end) span, ranges first, no overlaps."""
    results: list[tuple[Quantity, int, int]] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        quantity = read_quantity(match.group(0))
        if quantity is not None and quantity.qualifier is Qualifier.RANGE:
            results.append((quantity, match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _SINGLE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        value = word_value(match.group("number"))
        if value is None:
            continue
        qualifier = _qualifier(match)
        results.append((Quantity(value, qualifier, match.group(0)), match.start(), match.end()))
    return sorted(results, key=lambda item: item[1])


def all_values(text: str) -> set[float]:
    """Every number value stated in ``text`` (digits or words)."""
    values = set()
    for match in _SINGLE.finditer(text):
        value = word_value(match.group("number"))
        if value is not None:
            values.add(value)
    return values
