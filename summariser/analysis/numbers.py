"""Every number in the article, found by code: value, qualifier, unit and what it counts.

A small model missed most numbers (recall 20-45% in naive runs) and misquoted others, so
the numbers are not the model's job: code reads each quantity (``quantities``), decides
what it is measured in or counts, skips what only looks like a quantity (dates, times,
years, ordinals, phone numbers, names such as "Boeing 787"), and merges repeats.

The unit is what a reader would check against the article: a currency as written
("$", "US$", "€"), per cent as written ("%", "percent"), a unit of measure ("km",
"mph") or the counted noun ("refugees"). ``counts`` says what is measured: "money",
"share", "distance", or the noun again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summariser.analysis.number_units import (
    VIDEO_LINES,
    currency_unit,
    measure_at,
    percent_unit,
)
from summariser.analysis.quantities import Quantity, quantity_matches, read_quantity
from summariser.input.documents import Document
from summariser.schema import Alignment, Evidence, NumberItem, Qualifier

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_DATE_AFTER = re.compile(
    rf"^\s*(?:{_MONTHS})\b|^(?:st|nd|rd|th)\b"
    r"|^\s*(?:a\.m\.|p\.m\.|am|pm|o['’]clock|GMT|UTC|BST|CET|EST|EDT|PST|PDT|ET)\b|^[:/]\d"
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# Nouns that name the number after them rather than count it: "category 4", "Model 3".
_LABEL_WORDS = """category level phase stage article section chapter model version number no no.
    room gate flight route highway platform grade class type tier series season episode volume
    vol. page line track channel zone district ward unit block lot item rule clause paragraph
    appendix act title proposition game round match bus terminal pier exit apartment suite
    floor box row seat lane id covid"""
_LABELS = frozenset(_LABEL_WORDS.split())
# A run of digit groups ("2019-05-01", "10.1.2.3") or a code with a leading zero ("0800").
_IDENTIFIER = re.compile(r"\d+[-./]\d+[-./]\d+|^0\d")
# A telephone number: "+44 20 7946 0958", "(020) 7946 0958", "555-867-5309".
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){2,}(?![\w%])"
)
MIN_PHONE_DIGITS = 7
# Words that end a counted noun phrase: function words, pronouns, adverbs of time and the
# verbs most often found right after a count ("300 residents fled", "two men met").
_STOP_WORDS = """a an the of to in on at for from with by and or but as than that which who whose
    were was is are be been being had has have will would could should may might can must
    it its their his her this these those there here after before during since
    left fled died went came took made gave got fell rose remain remained lost won
    they we you he she i them us him me our your my
    across about into over under through against between among within without like versus
    vs via toward towards onto upon off out up down per if while when where so because
    though although until unless whether then also just only even still not no all each
    every more less some such what how why
    said says say told tell tells stay stays seem seems come comes go goes get gets
    make makes take takes see sees do does did need needs want wants think know found
    show shows showed set put run runs ran used use earlier ago later
    met spoke shook saw held led cast including includes both another behind beside near
    inside outside past beyond along amid ahead now today yesterday tomorrow tonight
    already again last next nearly almost roughly approximately estimated struck began
    became sold bought paid spent worldwide nationwide overall apiece altogether"""
_STOP = frozenset(_STOP_WORDS.split())
# Words a "per" or "a" rate may end in: "$3,500 a month", "$80 a barrel".
_RATE_NOUNS = (
    "second|minute|hour|day|night|week|month|quarter|year|share|barrel|ounce|tonne|ton|"
    "kilo|kg|pound|gallon|litre|liter|head|person|unit|ticket|seat|mile|km|square foot|"
    "square metre|square meter"
)
_RATE = re.compile(
    rf"\s+(?:per|a|an)\s+(?P<noun>(?:{_RATE_NOUNS})s?)\b(?!\s+(?:earlier|ago|before|later))",
    re.IGNORECASE,
)
_OF_NOUN = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|our|all|a|an)\s+)?", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age\s+of|ages\s+of)\s+$", re.IGNORECASE)
_APPOSED_AGE = re.compile(r"[A-Z][\w’'-]+,\s$")  # "Maddon, 66, has ..."
_NOUN = re.compile(r"(?P<word>[A-Za-z][\w’'-]*)")
_NEXT_NOUN = re.compile(r" +(?P<word>[A-Za-z][\w’'-]*)")
MAX_UNIT_WORDS = 3
AGE = "years of age"
MAX_AGE = 120  # ", 66," after a name is an age; ", 250," is something else


@dataclass(frozen=True)
class Found:
    quantity: Quantity
    start: int
    end: int  # end of the number words plus the unit phrase
    unit: str
    counts: str


def _noun_phrase(text: str, start: int) -> tuple[str, int]:
    """The counted noun phrase right after a number, and where it ends.

    Capitalised words count only as modifiers of a lower-case noun ("seven European
    countries", "four FA Cup finals") or as one plural name ("1,300 Americans"), so an
    address ("10 Downing Street") or a name after a figure is not taken for its unit.
    """
    hyphen = text[start : start + 1] == "-"  # "a 9-kilometre line", "a 200-page report"
    words: list[tuple[str, int]] = []
    position = start + hyphen
    for _ in range(MAX_UNIT_WORDS):
        joined = hyphen and not words
        match = (_NOUN if joined else _NEXT_NOUN).match(text, position)
        if match is None:
            break
        word = match.group("word")
        lowered = word.lower()
        if (lowered in _STOP and not word.isupper()) or (words and lowered.endswith(("ed", "ly"))):
            break  # "US" is a country, "us" a pronoun; "-ed", "-ly" start the predicate
        words.append((word, match.end()))
        position = match.end()
        if measure_at(text, match.start("word") - 1) is not None and not word[0].isupper():
            break  # a unit closes the phrase: "three armored km" counts km
    while words and words[-1][0][0].isupper():
        if len(words) == 1 and _name_as_unit(words[0][0], text, words[0][1]):
            break
        words.pop()
    if not words:
        return "", start
    return " ".join(w for w, _ in words), words[-1][1]


def _name_as_unit(word: str, text: str, end: int) -> bool:
    """A capitalised unit on its own: a plural ("1,300 Americans") or an abbreviation
    closing the phrase ("0.5 WAR)"), never the first word of a longer name."""
    if word.isupper() and 2 <= len(word) <= 5:
        return text[end : end + 1] in {")", ",", ".", ";", ""}
    following = _NEXT_NOUN.match(text, end)
    return (
        word.endswith("s")
        and not word.endswith(("'s", "’s"))
        and (following is None or not following.group("word")[0].isupper())
    )


def _is_label(text: str, quantity: Quantity, start: int, end: int) -> bool:
    """Whether the word just before a number names it: "category 4", "Boeing 787".

    A number with a currency, per cent, multiplier or unit is a quantity whatever
    precedes it ("Lamborghini's 640bhp", "MacBook Pro 16 inch").
    """
    if _marked(quantity) or measure_at(text, end) is not None:
        return False
    before = text[max(0, start - 30) : start]
    match = re.search(r"(?:^|(?<=\s))([\w.&’'-]+) \Z", before)
    if match is None:
        return False
    word = match.group(1)
    if word.lower() in _LABELS:
        return True
    if word.lower() in _STOP:
        return False  # "With 275 pound-feet" in a caption
    if not any(c.isupper() for c in word) or re.fullmatch(rf"(?:{_MONTHS}|{_WEEKDAYS})\.?", word):
        return False
    # a capitalised word opening a sentence ("Only 5 came") is no name
    earlier = text[: start - len(match.group(0))].rstrip()
    return bool(earlier) and earlier[-1] not in '.!?"“”(:;—–-\n'


def _not_a_quantity(
    text: str, quantity: Quantity, start: int, end: int, phones: list[tuple[int, int]]
) -> bool:
    """Dates, times, years, ordinals, ids and names that only look like quantities."""
    head = quantity.text.split()[-1] if quantity.text.split() else ""
    if quantity.qualifier is Qualifier.RANGE:
        low, high = quantity.low or 0, quantity.high or 0
        if _YEAR.match(f"{high:g}") and 1000 <= low < high and not _marked(quantity):
            return True  # "between 1600 and 1900": a period, not a range of counts
    elif _YEAR.match(head) and not _marked(quantity) and measure_at(text, end) is None:
        return True
    if _DATE_BEFORE.search(text[max(0, start - 12) : start]) or _DATE_AFTER.match(
        text[end : end + 8]
    ):
        return True
    if text[start - 1 : start] in {"/", ":", "-", "#"} or text[end : end + 1] in {"/", ":"}:
        return True
    token_start = text.rfind(" ", 0, start) + 1
    token_end = text.find(" ", end)
    token = text[token_start : token_end if token_end >= 0 else len(text)]
    if _IDENTIFIER.search(token.strip("()[],;")) and not quantity.currency:
        return True
    if text[end : end + 1] == "p" and quantity.value in VIDEO_LINES:
        return True  # "1080p" is a screen resolution
    if any(s <= start < e for s, e in phones):
        return True
    return _is_label(text, quantity, start, end)


def _phones(text: str) -> list[tuple[int, int]]:
    """Spans of telephone numbers: three or more digit groups, seven digits or more."""
    spans = []
    for match in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group(0))
        if digits >= MIN_PHONE_DIGITS and re.search(r"\d{3}", match.group(0)):
            spans.append(match.span())
    return spans


def _marked(quantity: Quantity) -> bool:
    return bool(quantity.currency or quantity.percent or quantity.scaled)


def _rate(text: str, end: int) -> tuple[str, int]:
    """A rate after a price ("per share", "a month") as " per <noun>", and where it ends."""
    match = _RATE.match(text, end)
    if match is None:
        return "", end
    return f" per {match.group('noun').lower()}", match.end()


def _what_it_counts(text: str, quantity: Quantity, start: int, end: int) -> tuple[str, str, int]:
    """(unit, counts, end of the evidence) for the quantity at ``start``:``end``."""
    if quantity.percent:
        of = _OF_NOUN.match(text, end)
        noun, noun_end = _noun_phrase(text, of.end() - 1) if of else ("", end)
        return percent_unit(quantity.percent), noun or "share", noun_end if noun else end
    if quantity.currency:
        rate, rate_end = _rate(text, end)
        noun, noun_end = ("", rate_end) if rate else _noun_phrase(text, end)
        return f"{currency_unit(quantity.currency)}{rate}", noun or "money", noun_end
    measure = measure_at(text, end)
    if measure is not None:
        unit, kind, measure_end = measure
        return unit, kind, measure_end
    if _AGE_BEFORE.search(text, max(0, start - 10), start) or (
        _APPOSED_AGE.search(text, max(0, start - 30), start)
        and text[end : end + 1] == ","
        and 0 < quantity.value < MAX_AGE
        and not quantity.scaled
    ):
        return AGE, "age", end
    noun, noun_end = _noun_phrase(text, end)
    if not noun:
        of = _OF_NOUN.match(text, end)  # "a third of the population", "three of the victims"
        noun, noun_end = _noun_phrase(text, of.end() - 1) if of else ("", end)
    return noun, noun, noun_end


def find_numbers(document: Document) -> list[Found]:
    """Every quantity of the document with its unit, in order, repeats included."""
    text = document.text
    found: list[Found] = []
    phones = _phones(text)
    for quantity, start, end in quantity_matches(text):
        if _not_a_quantity(text, quantity, start, end, phones):
            continue
        unit, counts, unit_end = _what_it_counts(text, quantity, start, end)
        if not unit and not quantity.scaled:
            continue  # a bare number counts nothing we can name; "1.5 billion" is a figure
        reread = read_quantity(text[start:unit_end])
        if reread is None or (reread.value, reread.qualifier) != (
            quantity.value,
            quantity.qualifier,
        ):
            continue  # the quote must state the value on its own (see read_quantity)
        found.append(Found(quantity, start, unit_end, unit, counts))
    return found


def extract_numbers(document: Document) -> tuple[list[NumberItem], list[tuple[str, str]]]:
    """Numbers with evidence, and (item, reason) notes for repeats that were merged."""
    items: list[NumberItem] = []
    merged: list[tuple[str, str]] = []
    seen: dict[tuple[float, str, str], str] = {}
    for found in find_numbers(document):
        quote = document.text[found.start : found.end]
        key = (found.quantity.value, found.quantity.qualifier.value, found.unit.lower())
        if key in seen:
            merged.append((f'number "{quote}"', f'repeats "{seen[key]}"'))
            continue
        seen[key] = quote
        q = found.quantity
        items.append(
            NumberItem(
                value=q.value,
                text=q.text,
                qualifier=q.qualifier,
                low=q.low,
                high=q.high,
                unit=found.unit,
                counts=found.counts,
                evidence=Evidence(
                    quote=quote, start=found.start, end=found.end, alignment=Alignment.EXACT
                ),
            )
        )
    return items, merged
