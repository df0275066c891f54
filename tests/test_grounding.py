from __future__ import annotations

import pytest

from summariser.grounding.align import _TRANSLATE, Aligner, fold, normalise
from summariser.schema import Alignment


def test_exact_quote_gets_exact_offsets(seed_text: str) -> None:
    span = Aligner(seed_text).align("Russian Defense Ministry")
    assert span is not None and span.alignment is Alignment.EXACT
    assert seed_text[span.start : span.end] == "Russian Defense Ministry"


def test_straight_quote_matches_curly_apostrophe_as_normalised(seed_text: str) -> None:
    span = Aligner(seed_text).align("Syrian army's offensive")
    assert span is not None and span.alignment is Alignment.NORMALISED
    assert seed_text[span.start : span.end] == "Syrian army’s offensive"


def test_case_and_whitespace_are_normalised() -> None:
    text = "The  Islamic\nState group"
    span = Aligner(text).align("islamic state")
    assert span is not None
    assert text[span.start : span.end] == "Islamic\nState"


def test_fuzzy_match_tolerates_a_plural(seed_text: str) -> None:
    quote = "government troops supported by the Russian Aerospace Forces continue the offensive"
    span = Aligner(seed_text).align(quote)
    assert span is not None and span.alignment is Alignment.FUZZY
    assert seed_text[span.start : span.end].startswith("government troops supported")


@pytest.mark.parametrize(
    "invented",
    [
        "Syrian Aerospace Force",  # the article says Russian Aerospace Force
        "Russian warplanes made more than 90 sorties",  # the number differs
        "General Mohammed Ibrahim Samra",  # he is the governor, not a general
    ],
)
def test_fuzzy_match_never_changes_a_name_or_a_number(seed_text: str, invented: str) -> None:
    assert Aligner(seed_text).align(invented) is None


def test_prefers_the_occurrence_inside_the_given_range(seed_text: str) -> None:
    second = seed_text.index("Deir ez-Zor", seed_text.index("Deir ez-Zor") + 1)
    span = Aligner(seed_text).align("Deir ez-Zor", within=(second - 5, second + 40))
    assert span is not None and span.start == second


def _reference_fold(text: str) -> tuple[str, list[int]]:
    """A slow, obviously right fold: one character at a time, with each one's origin."""
    folded: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text.translate(_TRANSLATE)):
        if char.isspace():
            if folded and folded[-1] != " ":
                folded.append(" ")
                origin.append(i)
            continue
        folded.append(char.lower())
        origin.append(i)
    while folded and folded[-1] == " ":
        folded.pop()
        origin.pop()
    return "".join(folded), origin


@pytest.mark.parametrize(
    "text",
    [
        "A  “quoted” — text\n\nhere",
        "  leading and trailing \t\n ",
        "one\ttab, one\nnewline, two  spaces,\u00a0a no-break space",
        "İstanbul’s  mayor",  # İ is the character whose lower case is two characters
        "",
        " \n ",
        "x",
    ],
)
def test_normalise_maps_every_word_character_back_to_its_origin(text: str) -> None:
    folded, offsets = normalise(text)
    expected, origin = _reference_fold(text)
    assert folded == expected == fold(text)
    for i, char in enumerate(folded):
        if char != " ":  # a folded space stands for a whole run; only words are mapped
            assert offsets.to_original(i) == origin[i]
            assert offsets.to_folded(origin[i]) == i
    assert offsets.to_folded(0) == 0
    assert offsets.to_folded(len(text)) == len(folded)


def test_offsets_inside_a_white_space_run_map_to_the_next_word() -> None:
    text = "alpha \n\n  beta"
    folded, offsets = normalise(text)
    assert folded == "alpha beta"
    assert offsets.to_folded(text.index("\n")) == folded.index("beta")
    assert offsets.to_folded(len(text)) == len(folded)


def test_repeated_words_in_a_long_document_align_to_the_first_occurrence() -> None:
    # Correctness only; the speed figures live in bench/, not in timed unit tests.
    words = [f"word{i % 997}" for i in range(50_000)]
    text = " ".join(words)
    aligner = Aligner(text)
    for i in range(0, 50_000, 5_000):
        quote = " ".join(words[i : i + 8])
        span = aligner.align(quote)
        assert span is not None and text[span.start : span.end] == quote
        assert span.start == text.index(quote)


def test_folding_never_changes_a_length() -> None:
    # Offsets stay one to one only if no character's lower case is longer than it.
    everything = "".join(map(chr, range(0x110000))).translate(_TRANSLATE)
    assert all(len(char.lower()) == 1 for char in everything)


def test_every_white_space_character_folds_to_a_space() -> None:
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" "}
    assert spaces == {chr(c) for c, r in _TRANSLATE.items() if r == " "}


@pytest.mark.parametrize("name", ["Niger", "Syria", "Oman"])
def test_a_name_never_aligns_inside_a_longer_word(name: str) -> None:
    text = "Refugees from Nigeria crossed into Syrian camps, a woman from Romania said."
    assert Aligner(text).align(name) is None


def test_a_name_aligns_at_its_own_word_after_a_longer_one() -> None:
    text = "Nigeria and Niger signed the accord."
    span = Aligner(text).align("Niger")
    assert span is not None and text[span.start : span.end] == "Niger" and span.start == 12
