"""Read the number that a quoted phrase states: "more than 70" → (70, more_than).

The model proposes a value; code decides it from the quoted words, so the value in a
brief always agrees with its evidence. One scanner serves both: ``quantity_matches``
finds every quantity in an article, and ``read_quantity`` is the first one of a quote,
so a quote cut at a quantity's start reads back as the same value and qualifier.

A quantity here is the number and what is written onto it: a currency ("US$7.2
billion"), a sign ("minus 5"), a multiplier ("€40m", "2.5 million"), per cent, a
fraction ("two-thirds", "1/16 of"), a ratio ("one in five") or a range ("between 5%
and 6%"). What it counts (the noun or unit after it) is ``numbers``' business.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from summariser.analysis.number_units import (
    ABBREVIATION,
    ABBREVIATIONS,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    MONEY_ONLY_ABBREVIATIONS,
    PERCENT,
    SCALE_WORDS,
    joined_letters_are_unit,
    measure_at,
)
from summariser.analysis.spelled_numbers import SPELLED, spelled_value
from summariser.schema import Qualifier

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# A sign: "−" always, "-" where ``_signed`` allows it, "minus 5", "minus-5".
_SIGN = r"(?:[-−+](?=\.?\d)|(?:minus|negative)[\s-](?=\.?\d))"
# "twenty-first" is an ordinal, not twenty.
_ORDINALS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_SCALE_VALUES = {"hundred": 100.0, **SCALE_WORDS}
_SCALE = r"(?:[\s-]+(?:" + "|".join(_SCALE_VALUES) + r")(?![a-z])){1,2}"
_AMOUNT = re.compile(
    rf"(?<![\w.])(?<!\d,)(?P<currency>{CURRENCY_PREFIX}\s?)?(?P<sign>{_SIGN})?(?:"
    # a fraction in digits: "1⁄32" always, "1/16" only before "of" (else a date, "9/11")
    r"(?P<numerator>\d{1,3})\s?(?:⁄\s?|/(?=\d{1,4}\s+of\b))(?P<denominator>\d{1,4})"
    rf"|(?P<digits>{_DIGITS})(?P<vulgar>[½¼¾⅓⅔⅛])?"
    r"(?P<power>\s?×\s?10(?:\^|\*\*)?(?:[-−]?\d{1,3}|[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"
    rf"(?:(?P<scale>{_SCALE})|(?P<abbreviation>{ABBREVIATION}))?"
    r"|(?P<alone>[½¼¾⅓⅔])"
    rf"|(?P<words>\b{SPELLED})(?!\w|-(?:{_ORDINALS})\b)"
    rf")(?P<percent>{PERCENT})?(?P<suffix>{CURRENCY_SUFFIX}(?![\w$]))?",
    re.IGNORECASE,
)
_QUALIFIERS: tuple[tuple[Qualifier, str], ...] = (
    (Qualifier.MORE_THAN, r"more than|over|above|in excess of|upwards of|just over"),
    (Qualifier.FEWER_THAN, r"fewer than|less than|under|below|just under"),
    (Qualifier.AT_LEAST, r"at least|no fewer than|no less than|a minimum of"),
    (Qualifier.AT_MOST, r"at most|up to|no more than|a maximum of|as many as|as much as"),
    (
        Qualifier.APPROXIMATELY,
        r"about|around|approximately|roughly|nearly|almost|some|an estimated|close to|"
        r"circa|c\.|~|≈",
    ),
)
_QUALIFIER_BEFORE = re.compile(
    "(?<!\\w)(?:" + "|".join(f"(?P<{q.name}>{pattern})" for q, pattern in _QUALIFIERS) + r")\s*$",
    re.IGNORECASE,
)
# Between the two ends of a range ("5-10", "5 to 10", "between 5 and 10").
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to-?)\s*$|\s+(?:to|and)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "by" before the first number: "rose by 5 to 9" is a change, not a range.
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
# Between the parts of a ratio ("one in five", "one out of three").
_RATIO_JOIN = re.compile(r"\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


@dataclass(frozen=True)
class Quantity:
    """A number read from text, with its qualifier and the span it was read from.

    ``currency`` and ``percent`` are the marks written onto the number ("US$", "%"),
    ``scaled`` tells that a multiplier word or abbreviation was applied.
    """

    value: float
    qualifier: Qualifier
    text: str
    low: float | None = None
    high: float | None = None
    currency: str = ""
    percent: str = ""
    scaled: bool = False
    spelled: bool = False


@dataclass(frozen=True)
class _Amount:
    """One number as the scanner found it, before qualifiers, ranges and ratios."""

    value: float
    start: int
    end: int
    currency: str
    percent: str
    scale: float  # the multiplier applied (1 when none)
    spelled: bool
    signed: bool
    whole: bool  # a plain integer, no fraction, currency or multiplier


def _signed(text: str, match: re.Match[str]) -> bool:
    """Whether a "-" before digits is a minus sign rather than a hyphen or a dash.

    After a currency ("$-50.8bn") it is; after a capitalised word ("COVID -19") it is
    a broken name; after a number ("5 -10") it joins a range.
    """
    sign = match.group("sign")
    if not sign or sign[0] != "-" or match.group("currency"):
        return True
    before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
    if before is None:
        return True
    word = before.group(1)
    return not (any(c.isupper() for c in word) or word[-1].isdigit())


def _amount(text: str, match: re.Match[str]) -> _Amount | None:
    """The value of one scanned number, or None when it is no number (a name, "5G")."""
    end = match.end()
    if end < len(text) and text[end].isalpha() and not joined_letters_are_unit(text, end):
        return None  # "137th", "5G", "3s": letters that are no unit make a name
    currency = match.group("currency") or match.group("suffix") or ""
    abbreviation = (match.group("abbreviation") or "").strip()
    if abbreviation in MONEY_ONLY_ABBREVIATIONS and not currency:
        # Without a currency "5m people" and "10k runners" are millions and thousands,
        # but "a 37m tower" is metres (the unit is read after the number) and "4B" a name.
        if abbreviation == "m" and not _plural_noun_after(text, end):
            abbreviation, end = "", match.start("abbreviation")
        elif abbreviation not in {"m", "k"} or not _plural_noun_after(text, end):
            return None
    if (
        abbreviation == "M"
        and not currency
        and "." not in match.group("digits")
        and not _plural_noun_after(text, end)
    ):
        return None  # "3M" the company; "4.3M" or "5M viewers" are millions
    scale = ABBREVIATIONS.get(abbreviation, 1.0)
    whole = False
    if match.group("numerator"):
        value = int(match.group("numerator")) / int(match.group("denominator"))
    elif match.group("alone"):
        value = _VULGAR[match.group("alone")]
    elif match.group("words"):
        spelled = spelled_value(match.group("words"))
        if spelled is None:
            return None
        value = spelled
        whole = spelled.is_integer() and not currency
    else:
        digits = match.group("digits")
        value = float(digits.replace(",", ""))
        whole = "." not in digits and not currency
        if match.group("vulgar"):
            value += _VULGAR[match.group("vulgar")]
            whole = False
        if match.group("power"):
            exponent = re.sub(r"^\s?×\s?10(?:\^|\*\*)?", "", match.group("power"))
            value *= 10.0 ** int(exponent.translate(_SUPERSCRIPT).replace("−", "-"))
            whole = False
        for word in re.findall(r"[a-z]+", (match.group("scale") or "").lower()):
            scale *= _SCALE_VALUES[word]  # "2.5 million", "4 hundred million"
    signed = (match.group("sign") or "+")[0] != "+" and _signed(text, match)
    return _Amount(
        value=-value * scale if signed else value * scale,
        start=match.start(),
        end=end,
        currency=currency,
        percent=(match.group("percent") or "") if end == match.end() else "",
        scale=scale,
        spelled=bool(match.group("words")),
        signed=signed,
        whole=whole and scale == 1 and not signed,
    )


_NOT_PLURAL = frozenset(["was", "has", "its", "this", "thus", "plus", "less", "across", "does"])
_IRREGULAR_PLURALS = frozenset(["people", "children", "men", "women", "staff", "sheep", "fish"])


def _plural_noun_after(text: str, end: int) -> bool:
    """Whether a lower-case plural follows ("5m people"), as after a count of things."""
    match = re.match(r"\s([a-z]{2,})\b", text[end : end + 30])
    if match is None:
        return False
    word = match.group(1)
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and word not in _NOT_PLURAL)


def _amounts(text: str) -> tuple[_Amount, ...]:
    """Every number in ``text`` in order, signs that are hyphens dropped with their number.

    Kept for the last short texts read and the last two long ones: the brief's checks
    read the same sentences, and the whole article, again."""
    return _sentence_amounts(text) if len(text) <= _CACHED_CHARS else _article_amounts(text)


_CACHED_CHARS = 2_000


@functools.lru_cache(maxsize=256)
def _sentence_amounts(text: str) -> tuple[_Amount, ...]:
    return _scan(text)


@functools.lru_cache(maxsize=2)
def _article_amounts(text: str) -> tuple[_Amount, ...]:
    return _scan(text)


def _scan(text: str) -> tuple[_Amount, ...]:
    found: list[_Amount] = []
    for match in _AMOUNT.finditer(text):
        amount = _amount(text, match)
        if amount is None:
            continue
        if match.group("sign") and not amount.signed and match.group("sign")[0] == "-":
            if found and _RANGE_JOIN.match(text[found[-1].end : match.start()] + "-"):
                amount = _unsigned(amount, match)  # "5 -10": a range, not minus ten
            else:
                continue  # "COVID -19": a hyphenated name with a stray space
        found.append(amount)
    return tuple(found)


def _unsigned(amount: _Amount, match: re.Match[str]) -> _Amount:
    digits = match.start("sign") + len(match.group("sign"))
    return _Amount(
        abs(amount.value), digits, amount.end, amount.currency, amount.percent,
        amount.scale, amount.spelled, signed=False, whole=amount.whole,
    )  # fmt: skip


def _qualifier(text: str, start: int) -> tuple[Qualifier, int]:
    """The qualifier written just before ``start`` ("more than", "~"), and where it starts."""
    match = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if match is None:
        return Qualifier.EXACT, start
    qualifier = next(q for q, _ in _QUALIFIERS if match.group(q.name))
    return qualifier, match.start()


def _range(text: str, low: _Amount, high: _Amount) -> tuple[int, float, float] | None:
    """(start, low, high) when two numbers form a range, else None.

    "and" joins a range only after "between" ("rooms 1 and 2" are two numbers); a
    multiplier on the high end carries to a bare low end ("1 to 2 thousand").
    """
    gap = text[low.end : high.start]
    if "\n" in gap or not _RANGE_JOIN.match(gap):
        return None
    if _mark(low) not in ("", _mark(high)):
        return None  # "up 9.4 per cent to $84": a change and a price
    between = _BETWEEN.search(text, max(0, low.start - 8), low.start)
    if gap.strip().lower() == "and" and between is None:
        return None
    if _BY.search(text, max(0, low.start - 4), low.start):
        return None  # "increased by $43.6 billion to $419.2 billion": a change
    low_value = low.value
    if low.scale == 1 and high.scale > 1 and low.value * high.scale <= high.value:
        low_value = low.value * high.scale
    if not low_value < high.value:
        return None  # "2-0", "from 4.8 to 4.7": a score or a change, not a range
    start = between.start() if between is not None else low.start
    return start, low_value, high.value


def _mark(amount: _Amount) -> str:
    """What a number is written in, for matching range ends: "%", "$" (any dollar), "€"."""
    if amount.percent:
        return "%"
    return "$" if "$" in amount.currency else re.sub(r"[\s.=]", "", amount.currency)


def _ratio(text: str, part: _Amount, whole: _Amount) -> bool:
    """Whether "one in five" / "1 out of 3": a share read as a fraction."""
    return (
        part.whole
        and whole.whole
        and 0 < part.value < whole.value <= 1000
        and _RATIO_JOIN.match(text[part.end : whole.start]) is not None
        and measure_at(text, whole.end) is None  # "3 in 10 days" is no ratio
    )


def _quantity(text: str, amount: _Amount) -> tuple[Quantity, int, int]:
    qualifier, start = _qualifier(text, amount.start)
    quantity = Quantity(
        amount.value, qualifier, text[start : amount.end], currency=amount.currency,
        percent=amount.percent, scaled=amount.scale > 1, spelled=amount.spelled,
    )  # fmt: skip
    return quantity, start, amount.end


def quantity_matches(text: str) -> list[tuple[Quantity, int, int]]:
    """Every quantity in ``text`` with its (start, end) span, in order, no overlaps."""
    amounts = _amounts(text)
    results: list[tuple[Quantity, int, int]] = []
    index = 0
    while index < len(amounts):
        amount = amounts[index]
        following = amounts[index + 1] if index + 1 < len(amounts) else None
        if following is not None and _ratio(text, amount, following):
            qualifier, start = _qualifier(text, amount.start)
            share = amount.value / following.value
            quantity = Quantity(share, qualifier, text[start : following.end])
            results.append((quantity, start, following.end))
            index += 2
            continue
        ranged = _range(text, amount, following) if following is not None else None
        if ranged is not None and following is not None:
            start, low, high = ranged
            quantity = Quantity(
                low, Qualifier.RANGE, text[start : following.end], low=low, high=high,
                currency=amount.currency or following.currency,
                percent=following.percent or amount.percent,
                scaled=following.scale > 1, spelled=amount.spelled and following.spelled,
            )  # fmt: skip
            results.append((quantity, start, following.end))
            index += 2
            continue
        results.append(_quantity(text, amount))
        index += 1
    return results


def read_quantity(phrase: str) -> Quantity | None:
    """The first quantity stated in ``phrase``, or None when it states none."""
    matches = quantity_matches(phrase)
    return matches[0][0] if matches else None


def all_values(text: str) -> set[float]:
    """Every number value stated in ``text`` (digits or words), both ends of a range."""
    values: set[float] = set()
    for quantity, _, _ in quantity_matches(text):
        values.add(quantity.value)
        values.update(v for v in (quantity.low, quantity.high) if v is not None)
    return values
