from __future__ import annotations

from summariser.analysis.numbers import extract_numbers
from summariser.analysis.quantities import read_quantity
from summariser.input.documents import make_document
from summariser.schema import Qualifier


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


def _found(text: str) -> list[tuple[float, str]]:
    items, _ = extract_numbers(make_document(text))
    return [(n.value, n.unit) for n in items]


def test_money_is_read_with_its_currency_as_unit() -> None:
    text = (
        "The council borrowed $2.5 billion, the club paid €40m and the fund lost £3bn. "
        "A rival bid was US $7.2 billion, or $US9m in cash, plus a fee of 1,200€."
    )
    assert _found(text) == [
        (2.5e9, "$"),
        (40e6, "€"),
        (3e9, "£"),
        (7.2e9, "US$"),
        (9e6, "US$"),
        (1200, "€"),
    ]


def test_a_price_per_unit_keeps_its_rate() -> None:
    assert _found("Crude sold at $81.40 a barrel and rent is $900 per month.") == [
        (81.40, "$ per barrel"),
        (900, "$ per month"),
    ]


def test_what_a_sum_of_money_buys_is_what_it_counts() -> None:
    items, _ = extract_numbers(make_document("She signed a $150,000 contract."))
    assert [(n.unit, n.counts) for n in items] == [("$", "contract")]


def test_per_cent_is_read_in_every_spelling() -> None:
    text = "Turnout rose 12.5% while support fell 4 per cent, to 38 percent; rates hit 1.5pc."
    assert _found(text) == [(12.5, "%"), (4, "percent"), (38, "percent"), (1.5, "pc")]


def test_a_share_of_something_counts_that_thing() -> None:
    items, _ = extract_numbers(make_document("Nearly 60 per cent of its income came from ads."))
    assert [(n.value, n.unit, n.counts) for n in items] == [(60, "percent", "income")]


def test_spelled_numbers_fractions_and_ratios_count_their_nouns() -> None:
    text = (
        "Two-thirds of the voters stayed home. A dozen reporters waited while three million "
        "viewers watched. One in four households and a quarter of the farms lost power."
    )
    assert _found(text) == [
        (2 / 3, "voters"),
        (12, "reporters"),
        (3e6, "viewers"),
        (0.25, "households"),
        (0.25, "farms"),
    ]


def test_qualified_counts_keep_their_qualifier() -> None:
    items, _ = extract_numbers(
        make_document("About 165,000 refugees crossed and up to 8,000 troops massed.")
    )
    assert [(n.value, n.qualifier, n.unit) for n in items] == [
        (165_000, Qualifier.APPROXIMATELY, "refugees"),
        (8000, Qualifier.AT_MOST, "troops"),
    ]


def test_ranges_carry_both_ends_and_their_unit() -> None:
    text = "Between 5 and 10 boats were lost, waves of 3-4 metres hit and rates rose 2% to 3%."
    items, _ = extract_numbers(make_document(text))
    assert [(n.low, n.high, n.unit) for n in items] == [
        (5, 10, "boats"),
        (3, 4, "metres"),
        (2, 3, "%"),
    ]


def test_multipliers_scale_the_number() -> None:
    text = (
        "The app has 5m users and 2.5 million downloads; a 37m tower stands by a "
        "route where 10k runners and 4.3M fans queued."
    )
    assert _found(text) == [
        (5e6, "users"),
        (2.5e6, "downloads"),
        (37, "m"),
        (10_000, "runners"),
        (4.3e6, "fans"),
    ]


def test_units_of_measure_are_found_joined_or_spaced() -> None:
    text = "Winds of 50mph hit a 640bhp car, a 35 GWh battery and a 6.1-inch screen at -7C."
    items, _ = extract_numbers(make_document(text))
    assert [(n.value, n.unit, n.counts) for n in items] == [
        (50, "mph", "speed"),
        (640, "bhp", "power"),
        (35, "GWh", "energy"),
        (6.1, "inch", "distance"),
        (-7, "C", "temperature"),
    ]


def test_negative_numbers_keep_their_sign() -> None:
    text = "The offense gained minus 5 yards as the air fell to minus-30 degrees."
    assert _found(text) == [(-5, "yards"), (-30, "degrees")]


def test_ages_are_read_from_apposition_and_aged() -> None:
    text = "Jane Okafor, 34, said her son, aged 9, was safe."
    assert _found(text) == [(34, "years of age"), (9, "years of age")]


def test_large_bare_figures_are_kept_small_bare_numbers_are_not() -> None:
    assert _found("The debt reached 1.4 billion last year, up from 900 in March 2001.") == [
        (1.4e9, "")
    ]


def test_names_codes_phones_and_times_are_not_quantities() -> None:
    text = (
        "A Boeing 787 and a category 4 storm were seen at 6 o'clock. Call +44 20 7946 0958 "
        "or 555-867-5309. The 1990s show, in 1080p, aired at 10:30 on 9/11."
    )
    assert _found(text) == []


def test_every_quote_reads_back_as_its_number() -> None:
    text = (
        "Roughly two-thirds of the 1,200 staff, about 800 people, took a 3.5% pay rise worth "
        "£4m; between 40 and 50 managers got US$2,000 each, and minus 3 points was the score."
    )
    items, _ = extract_numbers(make_document(text))
    assert len(items) == 7
    for item in items:
        assert text[item.evidence.start : item.evidence.end] == item.evidence.quote
        quantity = read_quantity(item.evidence.quote)
        assert quantity is not None
        assert (quantity.value, quantity.qualifier) == (item.value, item.qualifier)
