from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from summariser.errors import InputError
from summariser.input.documents import SEGMENTATION_VERSION, decode, make_document, split_sentences
from summariser.input.sources import load_source
from tests.conftest import FIXTURES

# The output of SEGMENTATION_VERSION on the samples below. When the splitter changes what
# it returns, bump SEGMENTATION_VERSION (it is in every cache and recording key, since
# the model cites sentences by number), re-record the fixtures and update this lock.
SEGMENTATION_LOCK = ("2", "75c955c3a273da93")
SEGMENTATION_SAMPLES = [
    "Gen. Smith met Dr. Jones on Sept. 4 in the U.S. capital. They spoke.",
    'He said: "It burned." Then (he added) it stopped! Did it? Yes... 3 p.m. was late.',
    "Line one\nLine two.\n\n  Paragraph three. A. B. Cooper left. No. 10 stayed.",
    "It has held power since 1999.Our correspondent says Mr.Smith stayed. It fell 3.5 per cent.",
]


def segmentation_digest() -> str:
    # Fixed samples and the seed: adding a fixture article must not look like a change.
    seed = (FIXTURES / "articles" / "tass-deir-ez-zor.txt").read_text(encoding="utf-8")
    texts = [*SEGMENTATION_SAMPLES, seed]
    spans = [[(s.start, s.end) for s in split_sentences(text)] for text in texts]
    return hashlib.sha256(json.dumps(spans).encode()).hexdigest()[:16]


def test_the_sentence_split_is_locked_to_its_version() -> None:
    assert (SEGMENTATION_VERSION, segmentation_digest()) == SEGMENTATION_LOCK, (
        "the sentence split changed: bump SEGMENTATION_VERSION, re-record the fixtures "
        "(make record) and update SEGMENTATION_LOCK"
    )


def test_sentences_cover_the_seed_article_with_exact_spans(seed_text: str) -> None:
    sentences = split_sentences(seed_text)
    texts = [seed_text[s.start : s.end] for s in sentences]
    assert texts[3] == "MOSCOW, September 4. /TASS/."
    assert texts[-1].startswith("Provincial Governor Mohammed Ibrahim Samra")
    assert all(t == t.strip() and t for t in texts)
    assert [s.number for s in sentences] == list(range(1, len(sentences) + 1))


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Gen. Smith met Dr. Jones on Sept. 4 in the U.S. capital. They spoke."
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Gen. Smith met Dr. Jones on Sept. 4 in the U.S. capital.",
        "They spoke.",
    ]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_or_blank_text_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        make_document(text)


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "image.png")


def test_undecodable_bytes_are_refused_with_the_position() -> None:
    with pytest.raises(InputError, match="not valid text"):
        decode(b"caf\xe9 au lait", "latin1.txt")


def test_utf8_bom_is_dropped_and_utf16_is_decoded() -> None:
    assert decode(b"\xef\xbb\xbfhello", "x") == "hello"
    assert decode("hello".encode("utf-16"), "x") == "hello"


def test_missing_file_and_directory_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_source(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        load_source(str(tmp_path))
