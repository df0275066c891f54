from __future__ import annotations

import pytest

from summariser.analysis.quantities import all_values, read_quantity
from summariser.schema import Qualifier


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("more than 80 sorties", 80, Qualifier.MORE_THAN),
        ("Over 80 sorties", 80, Qualifier.MORE_THAN),
        ("more than 70 men", 70, Qualifier.MORE_THAN),
        ("nine field commanders", 9, Qualifier.EXACT),
        ("more than ten all-terrain vehicles", 10, Qualifier.MORE_THAN),
        ("eight kilometers", 8, Qualifier.EXACT),
        ("two hundred and fifty people", 250, Qualifier.EXACT),
        ("1,200 people", 1200, Qualifier.EXACT),
        ("about 3.5 million", 3_500_000, Qualifier.APPROXIMATELY),
        ("at least 12 dead", 12, Qualifier.AT_LEAST),
        ("up to 40 trucks", 40, Qualifier.AT_MOST),
        ("fewer than 5 tanks", 5, Qualifier.FEWER_THAN),
    ],
)
def test_reads_value_and_qualifier_from_the_words(
    phrase: str, value: float, qualifier: Qualifier
) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert (quantity.value, quantity.qualifier) == (value, qualifier)


def test_reads_a_range_with_both_bounds() -> None:
    quantity = read_quantity("between 5 and 10 people")
    assert quantity is not None
    assert (quantity.qualifier, quantity.low, quantity.high) == (Qualifier.RANGE, 5, 10)


@pytest.mark.parametrize("phrase", ["several hours", "the 137th brigade", "terrorists"])
def test_phrases_without_a_number_give_none(phrase: str) -> None:
    assert read_quantity(phrase) is None


def test_all_values_finds_digits_and_words() -> None:
    assert all_values("two tanks, three carriers and more than 70 men") == {2, 3, 70}
