from __future__ import annotations

from summariser.analysis.numbers import extract_numbers
from summariser.analysis.quantities import read_quantity
from summariser.input.documents import make_document


def test_every_number_of_the_seed_article_is_found_once(seed_text: str) -> None:
    items, merged = extract_numbers(make_document(seed_text))
    found = {(n.value, n.unit) for n in items}
    assert found == {
        (80, "sorties"),
        (70, "terrorists"),
        (2, "tanks"),
        (3, "armored infantry carriers"),
        (10, "all-terrain vehicles"),
        (70, "men"),
        (8, "kilometers"),
        (24, "hours"),
        (2, "strategic heights"),
        (9, "field commanders"),
        (10, "kilometers"),
    }
    assert len(merged) == 3  # the repeated sorties and terrorists figures


def test_values_agree_with_their_quoted_words(seed_text: str) -> None:
    items, _ = extract_numbers(make_document(seed_text))
    for item in items:
        assert seed_text[item.evidence.start : item.evidence.end] == item.evidence.quote
        quantity = read_quantity(item.evidence.quote)
        assert quantity is not None
        assert (quantity.value, quantity.qualifier) == (item.value, item.qualifier)


def test_dates_times_years_and_ordinals_are_not_quantities() -> None:
    text = (
        "On September 4, 2017 at 10:30 the 137th brigade moved. "
        "MOSCOW, Sept. 4 /TASS/. Talks in 2016 ended on 12 March."
    )
    items, _ = extract_numbers(make_document(text))
    assert items == []


def test_measures_are_counted_as_their_dimension() -> None:
    items, _ = extract_numbers(make_document("Troops advanced eight kilometers in 24 hours."))
    assert [(n.value, n.unit, n.counts) for n in items] == [
        (8, "kilometers", "distance"),
        (24, "hours", "duration"),
    ]
