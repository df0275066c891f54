"""Quotation marks in news copy, curly, straight and single (written for the tests)."""

from __future__ import annotations

from summariser.analysis.quotes import find_quotes


def _quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_quotations_are_found_without_their_marks() -> None:
    text = '“We will rebuild the bridge,” she said. "It will take a year or more," he said.'
    assert _quoted(text) == ["We will rebuild the bridge,", "It will take a year or more,"]


def test_apostrophes_inside_words_are_not_quote_marks() -> None:
    text = "'I don't know what the feeling is,' he said. 'We're ready for it now.'"
    assert _quoted(text) == ["I don't know what the feeling is,", "We're ready for it now."]


def test_a_plural_possessive_does_not_close_a_long_quotation() -> None:
    text = "'After this race the drivers' standings do not matter to me,' he said."
    assert _quoted(text) == ["After this race the drivers' standings do not matter to me,"]


def test_a_reopened_quotation_ends_the_open_one() -> None:
    text = "'I feel very powerful in this car. 'I also feel more comfortable than last year.'"
    assert _quoted(text) == [
        "I feel very powerful in this car.",
        "I also feel more comfortable than last year.",
    ]


def test_scare_quotes_are_too_short_to_be_speech() -> None:
    assert _quoted('It was another "home run" performance from the team.') == []


def test_tokenised_marks_with_space_on_both_sides_still_pair() -> None:
    text = 'talks had been " meaningless and a waste of time " , officials said.'
    assert _quoted(text) == [" meaningless and a waste of time "]
