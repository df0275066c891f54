"""Input text → :class:`Document`: the exact text we ground against, and its sentences.

Offsets everywhere in the package index into ``Document.text`` unchanged: we never
strip, re-flow or normalise the text itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summariser.errors import InputError

if TYPE_CHECKING:
    from summariser.schema import Brief

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "rev",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
    ]
)
# A sentence may end at . ! ? (optionally followed by closing quotes or brackets)
# when white space and then an upper-case letter, digit or opening quote follow.
_BOUNDARY = re.compile(
    r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])"
    # Copy that lost the space between two sentences ("since 1999.Our correspondent
    # says"): a full stop between a word or number and a capitalised word.
    r"|(?<=[a-z0-9]{2})[.!?](?=[A-Z][a-z])"
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.?$")

MAX_INPUT_BYTES = 5_000_000  # what is read: a file, standard input, a page
# What is briefed. The analysis parses the whole text at once, in about 150 MB plus
# 3.5 MB per 1,000 characters: 100,000 characters (some 16,000 words, longer than any
# news story) take about 500 MB and 15 s. A "sentence" with no end in 10,000 characters
# is a list, a table or no prose at all, and parses in time that grows with its square.
MAX_TEXT_CHARS = 100_000
MAX_SENTENCE_CHARS = 10_000
UNNAMED_SOURCE = "<text>"  # the source of text handed over with no name
STDIN_SOURCE = "<stdin>"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text[start:end]``; ``number`` counts from 1."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class DocumentMeta:
    """What the page says about itself (from HTML metadata), when known."""

    title: str | None = None
    site: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    """The article text and what we derive from it once."""

    text: str
    source: str = UNNAMED_SOURCE
    sentences: tuple[Sentence, ...] = field(default=(), compare=False)
    meta: DocumentMeta = field(default_factory=DocumentMeta, compare=False)
    origin: int = field(default=0, compare=False)  # offset of this text in its parent
    # What a reader should know about how the text was read: bytes that were not valid
    # UTF-8, the legacy encoding detected, mojibake repaired. One line each.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def sentence(self, number: int) -> Sentence | None:
        """The sentence with this 1-based number, or None."""
        if 1 <= number <= len(self.sentences):
            return self.sentences[number - 1]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


# The model cites sentences by number, so cached answers and recordings depend on this
# split: any change to its output bumps the version, which is part of every key
# (tests/test_documents.py locks the output of this version).
SEGMENTATION_VERSION = "2"


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split at line breaks and sentence ends; spans exclude surrounding white space."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for match in _PARAGRAPH.finditer(text + "\n"):
        _split_line(text, line_start, match.start(), spans)
        line_start = match.end()
    return tuple(Sentence(i, s, e) for i, (s, e) in enumerate(spans, start=1))


def _split_line(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, piece_start, match.start() + 1)
        word = before.group(1).lower().rstrip(".") if before else ""
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        stop = match.start() + len(match.group(0).rstrip())
        _add_span(text, piece_start, stop, spans)
        piece_start = match.end()
    _add_span(text, piece_start, end, spans)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def make_document(
    text: str,
    source: str = UNNAMED_SOURCE,
    meta: DocumentMeta | None = None,
    origin: int = 0,
    notes: tuple[str, ...] = (),
) -> Document:
    """Check the text is usable and build the document.

    Text from anywhere is held to :data:`MAX_TEXT_CHARS` and :data:`MAX_SENTENCE_CHARS`;
    lone surrogates (from JSON's ``\\ud800`` escapes) cannot be written as UTF-8 and
    become U+FFFD, with a note.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{source}: too long to brief: {len(text):,} characters of text; the limit is "
            f"{MAX_TEXT_CHARS:,} (about 16,000 words)"
        )
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    if "\x00" in text:
        raise InputError(f"{source}: the input looks binary (it contains NUL bytes)")
    surrogates = len(_SURROGATE.findall(text))
    if surrogates:
        text = _SURROGATE.sub("\ufffd", text)
        notes = (*notes, f"{surrogates} lone surrogate code point(s) read as U+FFFD (\ufffd)")
    sentences = split_sentences(text)
    longest = max(sentence.end - sentence.start for sentence in sentences)
    if longest > MAX_SENTENCE_CHARS:
        raise InputError(
            f"{source}: not prose: a sentence of {longest:,} characters with no end (at most "
            f"{MAX_SENTENCE_CHARS:,}); a list, a table or text without sentences"
        )
    return Document(
        text=text,
        source=source,
        sentences=sentences,
        meta=meta or DocumentMeta(),
        origin=origin,
        notes=notes,
    )


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """The text of ``data`` (see :func:`summariser.input.decoding.decode_bytes`, which
    also says how it was read)."""
    from summariser.input.decoding import decode_bytes

    return decode_bytes(checked_size(data, source), source, declared).text


def checked_size(data: bytes, source: str) -> bytes:
    """``data``, or an :class:`InputError` when it is over the input cap."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: the input is larger than {MAX_INPUT_BYTES:,} bytes")
    return data


def with_input_notes(brief: Brief, document: Document) -> Brief:
    """``brief`` with the notes on how ``document``'s text was read first in its
    warnings ("repaired: text: ..."), so no output hides them; a note it already
    carries is not added again."""
    if not document.notes:
        return brief
    from summariser.schema import BriefWarning, WarningKind

    noted = [BriefWarning(kind=WarningKind.REPAIRED, item="text", reason=note)
             for note in document.notes]  # fmt: skip
    new = [warning for warning in noted if warning not in brief.warnings]
    if not new:
        return brief
    return brief.model_copy(update={"warnings": [*new, *brief.warnings]})
