"""Input text → :class:`Document`: the exact text we ground against, and its sentences.

Offsets everywhere in the package index into ``Document.text`` unchanged: we never
strip, re-flow or normalise the text itself.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from summariser.errors import InputError

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
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.?$")

MAX_INPUT_BYTES = 5_000_000


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text[start:end]``; ``number`` counts from 1."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """The article text and what we derive from it once."""

    text: str
    source: str = "<text>"
    sentences: tuple[Sentence, ...] = field(default=(), compare=False)

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


def make_document(text: str, source: str = "<text>") -> Document:
    """Check the text is usable and build the document."""
    if not text.strip():
        raise InputError(f"{source}: the article is empty")
    if "\x00" in text:
        raise InputError(f"{source}: the input looks binary (it contains NUL bytes)")
    return Document(text=text, source=source, sentences=split_sentences(text))


def decode(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{source}: the input is larger than {MAX_INPUT_BYTES:,} bytes")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise InputError(f"{source}: the input looks binary (it contains NUL bytes)")
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            f"{source}: the input is not valid text ({encoding}: byte {e.start})"
        ) from e


def load_document(path: str) -> Document:
    """Read a file, or standard input for ``-``, into a checked document."""
    if path == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        file = Path(path)
        try:
            data = file.read_bytes()
        except FileNotFoundError as e:
            raise InputError(f"{path}: no such file") from e
        except IsADirectoryError as e:
            raise InputError(f"{path}: is a directory, not an article") from e
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from e
        source = path
    return make_document(decode(data, source), source)
