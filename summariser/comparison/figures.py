"""Figures compared across articles: the same quantity, each outlet's value.

Two numbers are the same quantity when they measure the same thing in one dimension:
lengths in any unit ("40m", "131 feet"), ages, durations, speeds, shares, money in one
currency, or counts of one noun ("excavators"; "people" only with the same measure next
to it: "seven people died" and "seven killed" count the dead, "51 injured" does not). The
words around each number must share something too ("the 40m dry well", "the 80m-deep
well"), and numbers next to different people's names ("Collett, 62", "Logan, 52") are
different quantities. "One of the victims" counts nothing. Values are compared in one
unit; different values are a conflict, listed with each outlet's value, qualifier,
evidence and publication time, earliest first. The later figure is never silently
preferred; when the values are compatible bounds ("more than 50", "51") the reason says
so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summariser.comparison.accounts import Account
from summariser.comparison.schema import ClaimStatus, Figure, FigureValue
from summariser.comparison.words import MEASURES, STOPWORDS, name_tokens, stem, words
from summariser.schema import ActorKind, Alignment, Evidence, NumberItem, Qualifier

# Units of one dimension, with their factor to the compared unit.
_LENGTH = {
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), 1.0),
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), 1000.0),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), 0.01),
    **dict.fromkeys(("mm", "millimetre", "millimetres"), 0.001),
    **dict.fromkeys(("ft", "foot", "feet"), 0.3048),
    **dict.fromkeys(("inch", "inches", "in"), 0.0254),
    **dict.fromkeys(("yard", "yards"), 0.9144),
    **dict.fromkeys(("mile", "miles"), 1609.344),
}
_SPEED = {"mph": 1.609344, "km/h": 1.0, "kph": 1.0, "kmh": 1.0, "knots": 1.852}
_DURATION = {
    **dict.fromkeys(("second", "seconds"), 1 / 3600),
    **dict.fromkeys(("minute", "minutes"), 1 / 60),
    **dict.fromkeys(("hour", "hours"), 1.0),
    **dict.fromkeys(("day", "days"), 24.0),
    **dict.fromkeys(("week", "weeks"), 168.0),
    **dict.fromkeys(("month", "months"), 730.0),
    **dict.fromkeys(("year", "years"), 8766.0),
    **dict.fromkeys(("decade", "decades"), 87660.0),
}
_AGE = {"year-old": 1.0, "years old": 1.0, "years of age": 1.0, "year old": 1.0}
_AGE.update({"month-old": 1 / 12, "months old": 1 / 12})
_DIMENSIONS: dict[str, tuple[str, dict[str, float]]] = {
    "distance": ("m", _LENGTH),
    "speed": ("km/h", _SPEED),
    "duration": ("hours", _DURATION),
    "age": ("years", _AGE),
}
# Counted nouns that say nothing of what is counted without a measure beside them, each
# with its class: "seven people died" and "seven victims died" count one thing, "six men
# and one woman died" two.
_GENERIC = {
    **dict.fromkeys(
        "people person persons victims individuals passengers others civilians residents".split(),
        "people",
    ),
    **dict.fromkeys("men man".split(), "men"),
    **dict.fromkeys("women woman".split(), "women"),
    **dict.fromkeys("adults adult".split(), "adults"),
    **dict.fromkeys("children child".split(), "children"),
    "times": "times",
}
_SUBSET = frozenset("other remaining final last first".split())
OWNER_WINDOW = 3  # words between a number and the name of the person it belongs to
_PARTITIVE = re.compile(r"^\s*one\s+of\b", re.IGNORECASE)  # "one of the victims" counts nothing
_SAME_NOUN = {"persons": "people", "person": "people", "digger": "excavator"}
_BOUNDS_LOW = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)
_BOUNDS_HIGH = (Qualifier.AT_MOST, Qualifier.FEWER_THAN)
WINDOW_BEFORE = 5  # words before the number that tell what it counts
WINDOW_AFTER = 6
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve dozen dozens hundred "
    "hundreds thousand thousands million millions billion least more than about around "
    "some nearly almost over under up".split()
)


@dataclass(frozen=True)
class FigureUnit:
    """One number of one article, with what it measures."""

    article: str
    outlet: str | None
    published: str | None
    number: NumberItem
    sentence: Evidence
    dimension: str  # "distance", "age", ..., or "count:<noun>"
    unit: str  # the unit values are compared in
    low: float
    high: float
    measure: str | None  # "killed", "injured", ... from the words next to it
    context: frozenset[str]  # content stems next to the number
    names: frozenset[str]  # the person it belongs to (a name token), when one is next to it
    about: tuple[str, ...]  # the content words next to it, as written (for labels)

    @property
    def generic(self) -> bool:
        return self.dimension.startswith("count:") and self.dimension[6:] in _GENERIC

    @property
    def kind(self) -> str:
        """The dimension, with generic nouns in their class ("count:people")."""
        noun = self.dimension.removeprefix("count:")
        return f"count:{_GENERIC[noun]}" if self.generic else self.dimension


def figure_units(account: Account) -> list[FigureUnit]:
    """The comparable numbers of one article (the brief's numbers, with context)."""
    document = account.item.document
    units = []
    people = frozenset(
        token
        for actor in account.brief.actors
        if actor.kind is ActorKind.PERSON
        for token in name_tokens(actor.name)
    )
    for number in account.brief.numbers:
        sentence = document.sentence_at(number.evidence.start)
        if sentence is None or _PARTITIVE.match(number.evidence.quote):
            continue
        dimension, unit, factor = _dimension(number)
        if dimension is None:
            continue
        low = number.low if number.low is not None else number.value
        high = number.high if number.high is not None else number.value
        ahead = words(document.text[sentence.start : number.evidence.start])[-WINDOW_BEFORE:]
        behind = words(document.text[number.evidence.end : sentence.end])[:WINDOW_AFTER]
        if {w.lower() for w in ahead[-2:]} & _SUBSET:
            continue  # "the other three", "the final three victims": a part, not a total
        near = ahead + behind
        # what happened to them: the verb after the number first ("50 were injured"), then
        # the nearest word before it ("died and more than 50")
        order = behind + ahead[::-1]
        measure = next((MEASURES[w.lower()] for w in order if w.lower() in MEASURES), None)
        about = tuple(
            dict.fromkeys(
                w.lower() for w in near
                if w.lower() not in STOPWORDS and w.lower() not in _NUMBER_WORDS and len(w) > 2
                and w.lower() not in _LENGTH and w.lower() not in MEASURES and w[0].islower()
            )
        )  # fmt: skip
        units.append(
            FigureUnit(
                article=account.id,
                outlet=account.outlet_name,
                published=account.item.published,
                number=number,
                sentence=Evidence(
                    quote=document.sentence_text(sentence),
                    start=sentence.start,
                    end=sentence.end,
                    alignment=Alignment.EXACT,
                ),
                dimension=dimension,
                unit=unit,
                low=low * factor,
                high=high * factor,
                measure=measure,
                context=frozenset(stem(w) for w in about),
                names=_whose(ahead, behind, people, number.unit.endswith("-old")),
                about=about,
            )
        )
    return units


def _whose(
    ahead: list[str], behind: list[str], people: frozenset[str], follows: bool
) -> frozenset[str]:
    """The person a number belongs to: the nearest name before it ("Donald Collett, 62"),
    or for "N-year-old" the first name after it ("63-year-old Robert Huxley"); no one
    when no name is near."""
    before = [w for w in reversed(ahead[-OWNER_WINDOW:]) if w.lower() in people]
    after = [w for w in behind[:OWNER_WINDOW] if w.lower() in people]
    found = (after or before) if follows else (before or after)
    return frozenset({found[0].lower()}) if found else frozenset()


def _dimension(number: NumberItem) -> tuple[str | None, str, float]:
    unit = number.unit.lower()
    if number.counts in _DIMENSIONS:
        compared, table = _DIMENSIONS[number.counts]
        factor = table.get(unit)
        return (number.counts, compared, factor) if factor is not None else (None, "", 1.0)
    if number.counts == "money":
        return f"money:{unit}", number.unit, 1.0
    if number.counts == "share":
        return ("share", "percent", 1.0) if "point" not in unit else ("points", "points", 1.0)
    noun = unit.split()[-1] if unit.split() else ""
    if not re.fullmatch(r"[a-z-]{3,}", noun):
        return None, "", 1.0
    noun = _SAME_NOUN.get(noun, noun)
    noun = _SAME_NOUN.get(stem(noun), stem(noun)) if noun not in _GENERIC else noun
    return f"count:{noun}", number.unit, 1.0


def same_quantity(first: FigureUnit, second: FigureUnit) -> bool:
    """Whether two numbers (of different articles) state one quantity."""
    if first.kind != second.kind or first.measure != second.measure:
        return False
    if first.names and second.names and not first.names & second.names:
        return False  # "Collett, 62" and "Logan, 52": two people's figures
    if first.dimension == "age" and first.names != second.names:
        return False  # an age is someone's: "Collett, 62" is not "the 62-year-old driver"
    if first.generic:
        return first.measure is not None  # "people": only with what happened to them
    if not first.dimension.startswith("count:"):
        if not _near_in_size(first, second):
            return False  # 30 cm and 40 m are two measurements, not one in conflict
        # a length, an age: what is measured must show in the words around it, or be
        # one person's ("a five-year-old boy", "the six-year-old")
        return bool(first.context & second.context) or (
            first.dimension == "age" and _near_in_size(first, second, 1.25)
        )
    return True


def _near_in_size(first: FigureUnit, second: FigureUnit, ratio: float = 3.0) -> bool:
    small, large = sorted((abs(first.low), abs(second.low)))
    return small > 0 and large <= small * ratio


def same_value(first: FigureUnit, second: FigureUnit) -> bool:
    """Equal values, in one unit: counts exactly, measurements within 3 % (units
    converted: 131 feet is 40 m), either within 10 % when approximate; or overlapping
    ranges."""
    loose = Qualifier.APPROXIMATELY in (first.number.qualifier, second.number.qualifier)
    counted = first.dimension.startswith("count:")
    tolerance = 0.10 if loose else 0.0 if counted else 0.03
    if first.low <= second.high * (1 + tolerance) and second.low <= first.high * (1 + tolerance):
        if first.low == first.high and second.low == second.high:
            return abs(first.low - second.low) <= tolerance * max(abs(first.low), abs(second.low))
        return True
    return False


def compatible_bounds(values: Sequence[FigureUnit]) -> bool:
    """Whether different values can all be true: lower bounds and values above them
    ("more than 50", "51"), or upper bounds and values below them."""
    lows = [v.low for v in values if v.number.qualifier in _BOUNDS_LOW]
    highs = [v.high for v in values if v.number.qualifier in _BOUNDS_HIGH]
    exact = [v for v in values if v.number.qualifier not in (*_BOUNDS_LOW, *_BOUNDS_HIGH)]
    if not lows and not highs:
        return False
    floor = max(lows) if lows else float("-inf")
    ceiling = min(highs) if highs else float("inf")
    return floor <= ceiling and all(floor <= v.low and v.high <= ceiling for v in exact)


def group_figures(units: Sequence[FigureUnit]) -> list[list[FigureUnit]]:
    """Numbers grouped by quantity: a number joins the first group with at least half of
    whose members it states one quantity; groups that one article fills alone are left
    out (an article's own numbers are not a comparison)."""
    groups: list[list[FigureUnit]] = []
    for unit in units:
        for group in groups:
            matches = [g for g in group if same_quantity(unit, g)]
            others = any(g.article != unit.article for g in matches)
            if others and len(matches) * 2 >= len(group):
                group.append(unit)
                break
        else:
            groups.append([unit])
    return [g for g in groups if len({u.article for u in g}) >= 2]


def _when(unit: FigureUnit) -> str:
    return unit.published or "an unknown time"


def _value_text(unit: FigureUnit) -> str:
    where = f"{unit.outlet or 'an unknown outlet'}, {unit.article}, {_when(unit)}"
    return f"{unit.number.evidence.quote} ({where})"


def compare_figures(units: Sequence[FigureUnit]) -> list[Figure]:
    """Each quantity several articles state: agreed or conflicting, with every value."""
    figures: list[Figure] = []
    for group in group_figures(units):
        ordered = sorted(group, key=lambda u: (u.published or "~", u.article))
        conflict = any(
            not same_value(a, b)
            for i, a in enumerate(ordered)
            for b in ordered[i + 1 :]
            if a.article != b.article
        )
        head = ordered[0]
        quantity = _quantity(head)
        if conflict:
            values = "; ".join(_value_text(u) for u in ordered)
            reason = f"the accounts give different values for {quantity}: {values}"
            if compatible_bounds(ordered):
                reason += "; as bounds they can all be true"
            else:
                reason += "; the later figure is not preferred"
        else:
            outlets = sorted({u.outlet or u.article for u in ordered})
            reason = f"{', '.join(outlets)} give the same value for {quantity}"
        figures.append(
            Figure(
                id=f"f{len(figures) + 1}",
                quantity=quantity,
                unit=head.unit,
                status=ClaimStatus.CONFLICTING if conflict else ClaimStatus.AGREED,
                values=[_value(u) for u in ordered],
                reason=reason,
            )
        )
    figures.sort(key=lambda f: f.status is not ClaimStatus.CONFLICTING)
    return [f.model_copy(update={"id": f"f{i}"}) for i, f in enumerate(figures, 1)]


def _quantity(unit: FigureUnit) -> str:
    """What a group counts or measures, in a few words: "killed (people)", "excavators",
    "distance (deep, well)"."""
    if unit.measure:
        return f"{unit.measure} ({unit.number.unit})" if unit.generic else unit.measure
    if unit.dimension.startswith("count:"):
        return unit.number.unit
    what = "money" if unit.dimension.startswith("money:") else unit.dimension
    return f"{what} ({', '.join(unit.about[:3])})" if unit.about else what


def _value(unit: FigureUnit) -> FigureValue:
    return FigureValue(
        article=unit.article,
        outlet=unit.outlet,
        value=unit.low,
        high=unit.high if unit.high != unit.low else None,
        text=unit.number.text,
        qualifier=unit.number.qualifier,
        unit=unit.number.unit,
        evidence=unit.number.evidence,
        sentence=unit.sentence,
        published=unit.published,
    )
