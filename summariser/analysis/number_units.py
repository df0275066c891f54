"""What a number is measured in: currencies, multipliers, per cent and units of measure.

One lexicon for the two readers that need it: ``quantities`` (is "50mph" a number with a
unit stuck to it, or "5G" a name?) and ``numbers`` (which unit and which dimension).

Symbols are matched exactly as written ("MW" is megawatts, "mW" milliwatts, "M"
million); unit words in lower case or capitals ("11 FEET") but not in title case, which
marks a name ("60 Minutes"). One-letter symbols that are also words or grades ("C", "F",
"m", "g") count only when written against the digits ("37m", "25C"), never after a
space, where they are far more often something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# -- currencies ---------------------------------------------------------------

# Country letters that may precede "$" (US$, HK$, A$); multi-letter ones may stand apart
# ("US $7.2 billion", as some wires print it), single letters only when joined ("A$5").
_DOLLAR_COUNTRIES = "US|HK|NZ|AU|CA|SG|NT"
_DOLLAR_LETTERS = "A|C|S|R|Z"
_ISO_CODES = (
    "USD|EUR|GBP|JPY|CNY|RMB|CHF|AUD|CAD|NZD|HKD|SGD|INR|KRW|RUB|ZAR|BRL|MXN|SEK|NOK|DKK|"
    "ILS|TRY|NGN|KES|EGP|SAR|AED|PKR|IDR|MYR|THB|PHP|VND|TWD|PLN|CZK|HUF|UAH"
)
# Written before the amount. ASCII transliterations (unidecode turns "£" into "PS" and
# "¥" into "Y=") are read too; "PS" only before a sum that cannot be a console ("PS4").
CURRENCY_PREFIX = (
    rf"(?-i:(?:\b(?:{_DOLLAR_COUNTRIES})\s?|\b(?:{_DOLLAR_LETTERS}))?\$"
    rf"|\$(?:{_DOLLAR_COUNTRIES}|A)(?=\s?[-−]?[\d.])"
    r"|[€£¥₹₩₽₺₪₦]"
    rf"|\b(?:{_ISO_CODES}|Rs\.?|RM)\s?(?=[-−]?[\d.])"
    r"|\bY=(?=\d)"
    r"|\bPS(?=\d{2}|\d[.,]\d|\d\s?(?:m|bn|k|million|billion)\b))"
)
# Written after the amount and joined to it ("1,200€").
CURRENCY_SUFFIX = r"(?-i:\s?[€£]|\$)"


def currency_unit(written: str) -> str:
    """The currency as a unit: the article's mark without spaces, country letters first.

    "US $", "$US" and "US$" all become "US$", so one currency reads the same however
    the outlet prints it; "Y=" (ASCII for "¥") keeps its letter.
    """
    mark = re.sub(r"\s+", "", written).rstrip("=").rstrip(".")
    if len(mark) > 1 and mark.startswith("$"):
        return f"{mark[1:]}$"
    return mark


# -- multipliers --------------------------------------------------------------

SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Abbreviations joined to the digits. "m", "b" and "k" are also metres, bytes and
# kilo-anything, so they multiply a sum of money ("€40m") and, for "m" and "k", a count
# of things ("5m people"); ``quantities`` decides. The others always multiply.
ABBREVIATIONS = {
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "M": 1e6,
    "m": 1e6, "b": 1e9, "B": 1e9, "k": 1e3, "K": 1e3,
}  # fmt: skip
MONEY_ONLY_ABBREVIATIONS = frozenset({"m", "b", "B", "k", "K"})
ABBREVIATION = r"(?-i:\s?(?:bn|bln|mn|mln|tn|trn)|M|m|b|B|k|K)(?![A-Za-z0-9])"

# -- per cent -----------------------------------------------------------------

PERCENT = r"(?:\s?%|\s?(?:per\s?cent|percent|pct)(?![a-z])|pc(?![a-z]))"


def percent_unit(written: str) -> str:
    """The per cent unit: "%" kept, "per cent" and "pct" spelled "percent", "pc" kept."""
    mark = written.strip().lower()
    if mark == "%":
        return "%"
    return "pc" if mark == "pc" else "percent"


# -- units of measure -----------------------------------------------------------

# kind → unit forms, "_" standing for a space. Words (letters only, three or more) match
# in any case; symbols and abbreviations exactly as written.
_MEASURES: dict[str, str] = {
    "distance": (
        "km kilometre kilometres kilometer kilometers mile miles metre metres meter meters "
        "cm centimetre centimetres centimeter centimeters mm millimetre millimetres "
        "millimeter millimeters nm nanometre nanometres nanometer nanometers μm µm micron "
        "microns ft foot feet inch inches ″ yard yards yd yds light-years light-year "
        "nautical_miles"
    ),
    "area": (
        "m2 m² km2 km² sq_km sq_ft sq_m square_feet square_foot square_metres square_meters "
        "square_miles square_kilometres square_kilometers acres acre hectares hectare"
    ),
    "volume": (
        "litre litres liter liters ml mL cl gallon gallons barrel barrels bbl cubic_metres "
        "cubic_meters cubic_feet"
    ),
    "mass": (
        "kg kilogram kilograms kilogrammes mg milligram milligrams µg μg gram grams lb lbs "
        "ounce ounces oz ton tons tonne tonnes carats"
    ),
    "speed": "mph km/h km/hr kmh kph knots m/s",
    "fuel economy": "mpg l/100km L/100km",
    "power": (
        "W kW MW GW TW watts watt kilowatts kilowatt megawatts megawatt gigawatts gigawatt "
        "hp bhp horsepower PS"
    ),
    "energy": "Wh kWh MWh GWh TWh kJ MJ GJ joules calories kcal",
    "charge": "mAh Ah",
    "voltage": "V kV volts volt",
    "torque": "Nm lb-ft pound-feet",
    "frequency": "Hz kHz MHz GHz rpm",
    "data": "KB kB MB GB TB PB kbps Mbps Gbps megapixels megapixel bits bytes",
    "temperature": (
        "°C °F ºC ºF ° degrees_Celsius degrees_Fahrenheit degrees_centigrade degrees_C "
        "degrees_F degrees degree Celsius Fahrenheit centigrade kelvin Kelvin"
    ),
    "loudness": "dB decibels",
    "concentration": "ppm ppb",
    "age": "year-old years-old month-old months-old week-old day-old years_old",
    "duration": (
        "seconds second secs sec ms min mins minutes minute hours hour hrs hr days day "
        "weeks week months month years year yrs decades decade centuries century"
    ),
    "share": "percentage_points percentage_point basis_points basis_point bps",
    "money": (
        "US_dollars dollars dollar euros euro yen yuan renminbi rupees rupee rubles roubles "
        "pesos peso francs franc crowns kronor krona kroner ringgit rand naira shekels shekel "
        "lira dinars dirhams riyals baht cents cent pence sen pennies "
        + _ISO_CODES.replace("|", " ")
    ),
}
# Symbols read only when joined to the digits ("25C", "45g", "24h", "118.5p"). Not "s":
# "1990s" and "Model 3s" are plurals far more often than seconds.
# "m" is here too; ``numbers`` decides between metres and millions ("5m people").
_JOINED_ONLY: dict[str, str] = {
    "m": "distance",
    "mi": "distance",
    "g": "mass",
    "t": "mass",
    "l": "volume",
    "L": "volume",
    "h": "duration",
    "C": "temperature",
    "F": "temperature",
    "p": "money",
}
# Standard video resolutions, the one common "<digits>p" that is not pence.
VIDEO_LINES = frozenset({144, 240, 360, 480, 720, 1080, 1440, 2160, 4320})


def _is_word(form: str) -> bool:
    """A unit spelled in letters ("miles", "square feet"), not a symbol ("km", "°C")."""
    return len(form) >= 3 and form.replace(" ", "").replace("-", "").isalpha()


def _key(form: str) -> str:
    """The lexicon key of a unit as written: words folded, spaces single."""
    form = re.sub(r"\s+", " ", form)
    return form.lower() if _is_word(form) else form


_FORMS: dict[str, str] = {
    form.replace("_", " "): kind for kind, forms in _MEASURES.items() for form in forms.split()
}
MEASURE_KIND: dict[str, str] = {_key(form): kind for form, kind in _FORMS.items()}


def _pattern(forms: Iterable[str]) -> str:
    """One alternation, longest first.

    A word matches as listed, in lower case or in capitals ("11 FEET"), but not in
    title case: "60 Minutes" is a programme. Symbols match only as written.
    """
    written: set[str] = set()
    for form in forms:
        written.add(form)
        if _is_word(form):
            written.update({form.lower(), form.upper()})
    return "|".join(
        re.escape(form).replace(r"\ ", r"\s+") for form in sorted(written, key=len, reverse=True)
    )


_UNIT_END = r"(?![A-Za-z0-9])"
_SPACED = re.compile(rf"(?:{_pattern(_FORMS)}){_UNIT_END}")
_JOINED = re.compile(rf"(?:{_pattern([*_FORMS, *_JOINED_ONLY])}){_UNIT_END}")
# "per hour", "per square foot", "/h": a rate after a unit.
_RATE = re.compile(r"\s?(?:/|\s+per\s+)(?:(?:square|cubic|sq)\s+)?[A-Za-z]+\b")
_CURRENCY_NAME = re.compile(
    r"\s(?-i:(?:[A-Z][a-z]+\s){1,2})(?i:dollars|crowns|kronor|krona|kroner|francs|rupees|"
    r"pesos|yuan|dinars|riyals|rand|shekels|lira)\b"
)


def _kind(unit: str) -> str:
    """The dimension a unit measures ("km" → "distance"); currencies are "money"."""
    return MEASURE_KIND.get(_key(unit)) or _JOINED_ONLY.get(unit, "money")


def measure_at(text: str, position: int) -> tuple[str, str, int] | None:
    """The unit of measure right after a number: (unit as written, kind, end) or None.

    The unit may be joined ("50mph"), hyphenated ("a 9-kilometre line") or one space
    away ("35 GWh"); a rate follows it ("miles per hour", "km/h").
    """
    match = _JOINED.match(text, position)
    if match is None and text[position : position + 1] in {" ", "-", "\u00a0"}:
        match = _SPACED.match(text, position + 1)
    if match is None:
        name = _CURRENCY_NAME.match(text, position)  # "10.5 million Australian dollars"
        if name is None:
            return None
        return name.group(0).strip(), "money", name.end()
    unit = re.sub(r"\s+", " ", match.group(0))
    kind = _kind(unit)
    end = match.end()
    rate = _RATE.match(text, end)
    if rate is not None and kind not in {"temperature", "age", "share"}:
        written = re.sub(r"\s+", " ", rate.group(0))
        unit += written if written.startswith("/") else written.rstrip()
        end = rate.end()
        if kind == "distance" and re.search(r"(?:hour|hr|h|second|sec|s|minute|min)$", unit):
            kind = "speed"  # "miles per hour", "m/s"
    return unit, kind, end


def joined_letters_are_unit(text: str, position: int) -> bool:
    """Whether letters joined to a number ("50mph", "640bhp") are a unit, not a name."""
    return _JOINED.match(text, position) is not None
