"""Align a quote to the source text: exact, then normalised, then a bounded fuzzy match,
each only at word edges ("Niger" never aligns inside "Nigeria").

The cost stays near-linear in the document: the folded text and its offset map are built
once per document (in C, bar one step per paragraph break), exact and normalised look-ups
are substring searches, and the fuzzy step only scores a few windows around the quote's
longest words.
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
        "İ": "i",  # the one character whose lower case is two characters long
    }
    # Every character str.isspace() accepts becomes a plain space (a test checks the list).
    | dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029"
                    "\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))), " ")
)  # fmt: skip
_WORD = re.compile(r"\w{3,}")
_SPACE_RUN = re.compile("  +")  # after translation, a run that folds to one space
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


def fold(text: str) -> str:
    """Case, quotes, dashes and white-space runs folded; for comparing names and phrases."""
    return " ".join(text.translate(_TRANSLATE).lower().split())


class OffsetMap:
    """Maps offsets between a text and its folded form.

    Folding maps each character to one character (a test checks that lower case never
    lengthens one), drops leading and trailing white space and turns each white-space
    run into one space, so the map is piecewise linear: a new piece starts only after a
    run of two or more white-space characters. An article has a few such runs (paragraph
    breaks), not one per word, so building and querying the map costs next to nothing.
    """

    def __init__(self, folded_starts: list[int], original_starts: list[int], size: int) -> None:
        self._folded = folded_starts
        self._original = original_starts
        self._size = size

    def _piece_end(self, piece: int) -> int:
        return self._folded[piece + 1] if piece + 1 < len(self._folded) else self._size

    def to_original(self, index: int) -> int:
        """The original offset of the folded character at ``index``."""
        piece = bisect.bisect_right(self._folded, index) - 1
        return self._original[piece] + index - self._folded[piece]

    def to_folded(self, offset: int) -> int:
        """The first folded index whose character comes from ``offset`` or later."""
        piece = bisect.bisect_right(self._original, offset) - 1
        if piece < 0:
            return 0
        index = self._folded[piece] + offset - self._original[piece]
        return min(index, self._piece_end(piece))


def normalise(text: str) -> tuple[str, OffsetMap]:
    """The folded text (see :func:`fold`) and the map of its offsets back to ``text``.

    The per-character work happens in C (translate, lower, one regex scan); only the
    runs of two or more white-space characters are visited in Python.
    """
    folded = text.translate(_TRANSLATE).lower()  # all white space is a plain space now
    end = len(folded.rstrip(" "))
    start = min(len(folded) - len(folded.lstrip(" ")), end)  # only white space: empty
    pieces: list[str] = []
    folded_starts: list[int] = []
    original_starts: list[int] = []
    size = 0
    for run in _SPACE_RUN.finditer(folded, start, end):
        folded_starts.append(size)
        original_starts.append(start)
        pieces.append(folded[start : run.start() + 1])  # the piece keeps one space
        size += run.start() + 1 - start
        start = run.end()
    folded_starts.append(size)
    original_starts.append(start)
    pieces.append(folded[start:end])
    size += end - start
    return "".join(pieces), OffsetMap(folded_starts, original_starts, size)


class Aligner:
    """Aligns quotes to one document; build once, call :meth:`align` many times."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm, self._offsets = normalise(text)

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
        found = find_words(self.text, quote, start, end)
        if found < 0:
            return None
        return Span(found, found + len(quote), Alignment.EXACT)

    def _norm_range(self, limit: tuple[int, int] | None) -> tuple[int, int]:
        if limit is None:
            return 0, len(self._norm)
        return (
            self._offsets.to_folded(limit[0]),
            self._offsets.to_folded(limit[1]),
        )

    def _to_original(self, norm_start: int, norm_end: int, alignment: Alignment) -> Span:
        while norm_start < norm_end and self._norm[norm_start] == " ":
            norm_start += 1
        while norm_end > norm_start and self._norm[norm_end - 1] == " ":
            norm_end -= 1
        to_original = self._offsets.to_original
        return Span(to_original(norm_start), to_original(norm_end - 1) + 1, alignment)

    def _normalised(self, quote: str, limit: tuple[int, int] | None) -> Span | None:
        needle = fold(quote)
        start, end = self._norm_range(limit)
        found = find_words(self._norm, needle, start, end)
        if found < 0 or not needle:
            return None
        return self._to_original(found, found + len(needle), Alignment.NORMALISED)

    def _fuzzy(self, quote: str, within: tuple[int, int] | None) -> Span | None:
        needle = fold(quote)
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
        if not _at_word_edges(self.text, span.start, span.end):
            return None
        return span if _keeps_facts(quote, self.text[span.start : span.end]) else None


def find_words(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    """The first place of ``needle`` in ``text[start:end]`` that begins and ends at word
    edges ("Niger" is not found in "Nigeria", nor "Syria" in "Syrian"), or -1."""
    end = len(text) if end is None else end
    found = text.find(needle, start, end)
    while found >= 0 and not _at_word_edges(text, found, found + len(needle)):
        found = text.find(needle, found + 1, end)
    return found


def _at_word_edges(text: str, start: int, end: int) -> bool:
    cut_before = start > 0 and text[start - 1].isalnum() and text[start : start + 1].isalnum()
    cut_after = end < len(text) and text[end].isalnum() and text[end - 1 : end].isalnum()
    return not (cut_before or cut_after)


def _keeps_facts(quote: str, found: str) -> bool:
    """A fuzzy match may not change a number or a name: "Syrian" is not "Russian"."""
    if _DIGIT_RUN.findall(quote) != _DIGIT_RUN.findall(found):
        return False
    found_words = _WORD.findall(fold(found))
    return all(
        any(fuzz.ratio(fold(name), word) >= NAME_SIMILARITY for word in found_words)
        for name in _NAME.findall(quote)
    )
