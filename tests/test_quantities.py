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


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("a dozen reporters", 12),
        ("two dozen eggs", 24),
        ("half a million visitors", 500_000),
        ("three and a half million viewers", 3_500_000),
        ("a million reasons", 1_000_000),
        ("ninety-nine problems", 99),
        ("one thousand and one nights", 1001),
        ("two-thirds of the members", 2 / 3),
        ("a quarter of the budget", 0.25),
        ("half of the seats", 0.5),
        ("one in five adults", 0.2),
        ("1 out of 4 schools", 0.25),
        ("3/8 of an inch", 0.375),
        ("2½ hours", 2.5),
    ],
)
def test_reads_spelled_numbers_and_fractions(phrase: str, value: float) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("phrase", "value", "currency"),
    [
        ("$2.5 billion in loans", 2.5e9, "$"),
        ("€40m for the stadium", 40e6, "€"),
        ("£3bn of savings", 3e9, "£"),
        ("US$7.2 billion", 7.2e9, "US$"),
        ("US $ 910,000", 910_000, "US $ "),
        ("$US12m deal", 12e6, "$US"),
        ("HK$5.4m", 5.4e6, "HK$"),
        ("a fine of 1,500€", 1500, "€"),
        ("USD40 a head", 40, "USD"),
        ("$-3.1bn deficit", -3.1e9, "$"),
        ("£70k salary", 70_000, "£"),
    ],
)
def test_reads_money_with_its_currency_and_multiplier(
    phrase: str, value: float, currency: str
) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert quantity.currency == currency


@pytest.mark.parametrize(
    ("phrase", "value", "percent"),
    [
        ("12.5% of voters", 12.5, "%"),
        ("12 per cent of voters", 12, " per cent"),
        ("0.75 percent", 0.75, " percent"),
        ("3.4pc rise", 3.4, "pc"),
        (".5 per cent", 0.5, " per cent"),
    ],
)
def test_reads_per_cent_in_every_spelling(phrase: str, value: float, percent: str) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert (quantity.value, quantity.percent) == (value, percent)


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("between 5 and 10 people", 5, 10),
        ("5-10 km", 5, 10),
        ("12 to 15 minutes", 12, 15),
        ("between 4% and 6%", 4, 6),
        ("from 2 per cent to 3.5 per cent", 2, 3.5),
        ("$3 billion to $5 billion", 3e9, 5e9),
        ("1 to 2 thousand volunteers", 1000, 2000),
        ("US $40 to $45 billion", 40e9, 45e9),
    ],
)
def test_reads_ranges_with_marks_on_either_end(phrase: str, low: float, high: float) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert (quantity.qualifier, quantity.low, quantity.high) == (Qualifier.RANGE, low, high)


@pytest.mark.parametrize(
    "phrase",
    [
        "rooms 1 and 2",  # "and" makes a range only after "between"
        "won 3-1",  # a score runs downhill
        "rose 4.1% to $12",  # a change and a price
        "grew by $2 billion to $9 billion",  # a change
    ],
)
def test_two_numbers_that_are_no_range(phrase: str) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert quantity.qualifier is not Qualifier.RANGE


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("minus 12 degrees", -12),
        ("minus-4 yards", -4),
        ("temperatures of -7C", -7),
        ("−0.3 points", -0.3),
        ("shares +2.1%", 2.1),
    ],
)
def test_reads_signed_numbers(phrase: str, value: float) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert quantity.value == value


def test_a_hyphen_after_a_name_is_no_minus_sign() -> None:
    assert read_quantity("the COVID -19 crisis") is None


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("about 165,000 people", Qualifier.APPROXIMATELY),
        ("~40 cars", Qualifier.APPROXIMATELY),
        ("as many as 300 homes", Qualifier.AT_MOST),
        ("just under 2 hours", Qualifier.FEWER_THAN),
    ],
)
def test_reads_more_qualifiers(phrase: str, qualifier: Qualifier) -> None:
    quantity = read_quantity(phrase)
    assert quantity is not None
    assert quantity.qualifier is qualifier


@pytest.mark.parametrize(
    "phrase",
    ["for a third time", "the second half of the season", "the twenty-first century", "5G"],
)
def test_ordinals_and_names_are_no_numbers(phrase: str) -> None:
    assert read_quantity(phrase) is None


def test_all_values_reads_multipliers_ranges_and_fractions() -> None:
    text = "Sales of $2.5bn, between 5 and 10 stores, a third of staff and 3 tonnes."
    assert all_values(text) == {2.5e9, 5, 10, 1 / 3, 3}


def test_all_values_agree_however_a_sum_is_written() -> None:
    assert all_values("a $2.5bn loan") == all_values("a loan of 2.5 billion dollars")
