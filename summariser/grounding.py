"""Align a quote to the source text: exact, then normalised, then a bounded fuzzy match.

The cost stays near-linear in the document: the normalised text and a word index are
built once per document, exact and normalised look-ups are substring searches, and the
fuzzy step only scores a few windows around the quote's rarest words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from summariser.schema import Alignment, Evidence

_TRANSLATE = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
        "\u00a0": " ",
    }
)  # fmt: skip
_WORD = re.compile(r"\w{3,}")
_NON_SPACE = re.compile(r"\S+")
_DIGIT_RUN = re.compile(r"\d+")
_NAME = re.compile(r"\b[A-Z][\w'-]+")

FUZZY_THRESHOLD = 90.0  # rapidfuzz partial ratio, 0-100
MAX_FUZZY_WINDOWS = 24
MAX_ANCHOR_HITS = 64
NAME_SIMILARITY = 85.0  # a capitalised word of the quote must match a found word this well


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    alignment: Alignment


def normalise(text: str) -> tuple[str, list[int]]:
    """Fold case, quotes, dashes and white-space runs; map each kept char to its origin.

    Works a word at a time (the per-character work happens in C), so building the
    normalised text of a 50,000-word document takes milliseconds.
    """
    translated = text.translate(_TRANSLATE)
    parts: list[str] = []
    origin: list[int] = []
    for match in _NON_SPACE.finditer(translated):
        start, end = match.span()
        if parts:
            parts.append(" ")
            origin.append(start - 1)  # the folded space stands for the gap before the word
        word = match.group(0)
        lowered = word.lower()
        if len(lowered) != len(word):  # rare: a character whose lower case is longer
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in word)
        parts.append(lowered)
        origin.extend(range(start, end))
    return "".join(parts), origin


class Aligner:
    """Aligns quotes to one document; build once, call :meth:`align` many times."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm, self._origin = normalise(text)

    def _positions(self, word: str) -> list[int]:
        """Where ``word`` occurs in the normalised text (substring search, capped)."""
        found: list[int] = []
        position = self._norm.find(word)
        while position >= 0 and len(found) < MAX_ANCHOR_HITS:
            found.append(position)
            position = self._norm.find(word, position + 1)
        return found

    def align(
        self, quote: str, within: tuple[int, int] | None = None, *, fuzzy: bool = True
    ) -> Span | None:
        """Find ``quote``; prefer the ``within`` range (original offsets) when given."""
        quote = quote.strip()
        if not quote:
            return None
        ranges = [within, None] if within else [None]
        for limit in ranges:
            span = self._exact(quote, limit) or self._normalised(quote, limit)
            if span:
                return span
        if fuzzy:
            return self._fuzzy(quote, within)
        return None

    def evidence(self, span: Span) -> Evidence:
        """The evidence for a span, quoting the source verbatim."""
        return Evidence(
            quote=self.text[span.start : span.end],
            start=span.start,
            end=span.end,
            alignment=span.alignment,
        )

    def _exact(self, quote: str, limit: tuple[int, int] | None) -> Span | None:
        start, end = limit or (0, len(self.text))
        found = self.text.find(quote, start, end)
        if found < 0:
            return None
        return Span(found, found + len(quote), Alignment.EXACT)

    def _norm_range(self, limit: tuple[int, int] | None) -> tuple[int, int]:
        if limit is None:
            return 0, len(self._norm)
        return (
            bisect.bisect_left(self._origin, limit[0]),
            bisect.bisect_left(self._origin, limit[1]),
        )

    def _to_original(self, norm_start: int, norm_end: int, alignment: Alignment) -> Span:
        while norm_start < norm_end and self._norm[norm_start] == " ":
            norm_start += 1
        while norm_end > norm_start and self._norm[norm_end - 1] == " ":
            norm_end -= 1
        return Span(self._origin[norm_start], self._origin[norm_end - 1] + 1, alignment)

    def _normalised(self, quote: str, limit: tuple[int, int] | None) -> Span | None:
        needle, _ = normalise(quote)
        start, end = self._norm_range(limit)
        found = self._norm.find(needle, start, end)
        if found < 0 or not needle:
            return None
        return self._to_original(found, found + len(needle), Alignment.NORMALISED)

    def _fuzzy(self, quote: str, within: tuple[int, int] | None) -> Span | None:
        needle, _ = normalise(quote)
        if len(needle) < 8:
            return None
        # Anchor on the longest words (long words are rare) that occur in the text; the
        # true place holds every anchor but the one a typo hit. No index is built: a few
        # substring searches per fuzzy quote cost less than indexing every word.
        anchors: list[list[int]] = []
        for word in sorted(set(_WORD.findall(needle)), key=len, reverse=True):
            found = self._positions(word)
            if found:
                anchors.append(found)
                if len(anchors) == 2:
                    break
        if not anchors:
            return None
        low, high = self._norm_range(within) if within else (0, len(self._norm))
        positions = sorted({p for found in anchors for p in found})
        # Windows inside the preferred range first, then the rest of the document.
        positions.sort(key=lambda p: not (low <= p < high))
        best: tuple[float, int, int] | None = None
        for position in positions[:MAX_FUZZY_WINDOWS]:
            w_start = max(0, position - len(needle) - 8)
            w_end = min(len(self._norm), position + len(needle) + 8)
            result = fuzz.partial_ratio_alignment(needle, self._norm[w_start:w_end])
            if result is None or result.score < FUZZY_THRESHOLD:
                continue
            start, end = w_start + result.dest_start, w_start + result.dest_end
            if best is None or result.score > best[0]:
                best = (result.score, start, end)
        if best is None:
            return None
        span = self._to_original(best[1], best[2], Alignment.FUZZY)
        return span if _keeps_facts(quote, self.text[span.start : span.end]) else None


def _keeps_facts(quote: str, found: str) -> bool:
    """A fuzzy match may not change a number or a name: "Syrian" is not "Russian"."""
    if _DIGIT_RUN.findall(quote) != _DIGIT_RUN.findall(found):
        return False
    found_words = _WORD.findall(normalise(found)[0])
    return all(
        any(fuzz.ratio(normalise(name)[0], word) >= NAME_SIMILARITY for word in found_words)
        for name in _NAME.findall(quote)
    )
