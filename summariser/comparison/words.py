"""Words as comparisons across articles see them: content stems, name tokens, folding.

Crude on purpose: a stem is a lower-cased word with a plural or tense ending cut, so
"rescuers" meets "rescuer" and "trapped" meets "trap"; a closed list of function words is
left out. Names are the capitalised runs of the text (``text.name_runs``), as tokens, so
"Clinton" meets "Hillary Clinton".
"""

from __future__ import annotations

import re
from functools import lru_cache

from summariser.text import SENTENCE_STARTERS, name_runs

STOPWORDS = frozenset(
    """a an the and or but if then so of to in on at by for with from as into onto out up
    down over under about after before between through during against without within
    is are was were be been being am have has had having do does did done not no nor
    it its it's this that these those he she they we you i his her hers their theirs our
    ours your yours them him us me my mine who whom whose which what when where why how
    said says say saying told tell tells also would could should will can may might must
    shall just more most than there here very s t mr mrs ms dr one all some any each
    other such only own same too both few many much now then once again still yet even
    ever never while because since until unless though although however whether
    according added adding including around told asked via per like get got
    """.split()
)
# What a quantity measures, by the words next to it: "seven people died" and "seven
# killed" both count the dead; "51 injured" counts something else.
MEASURES: dict[str, str] = {
    **dict.fromkeys(
        "killed kill kills killing dead died die dies dying death deaths fatalities fatal "
        "lives bodies toll perished".split(),
        "killed",
    ),
    **dict.fromkeys(
        "injured injuries injury wounded wounding hurt hospital hospitalised hospitalized "
        "treated".split(),
        "injured",
    ),
    **dict.fromkeys("arrested arrest arrests detained detention custody".split(), "arrested"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("rescued saved freed".split(), "rescued"),
    **dict.fromkeys("evacuated evacuation evacuees".split(), "evacuated"),
    **dict.fromkeys("displaced homeless fled".split(), "displaced"),
    **dict.fromkeys("casualties casualty".split(), "casualties"),
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_SUFFIXES = ("ings", "ies", "ing", "ers", "ed", "es", "er", "s")
# Speech cues and hedges: they say who speaks, not what is claimed.
CUES = frozenset(
    """said says say told tells added adds claimed claims stated states announced
    reported reports reportedly according wrote writes revealed insisted argued warned
    confirmed confirm confirms believed believes""".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """``word`` lower-cased with one plural or tense ending cut (at least 4 letters kept)."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """The words of ``text``, as written."""
    return _WORD.findall(text)


def content_words(text: str, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """The stems of the content words of ``text``, in order: no function words, cues or
    numbers, nor the words of ``leave_out`` (a claimant's name, say)."""
    found = []
    for word in words(text):
        low = word.lower()
        if low in STOPWORDS or low in CUES or low in leave_out or len(low) < 3:
            continue
        found.append(stem(low))
    return found


def content_stems(text: str, leave_out: frozenset[str] = frozenset()) -> frozenset[str]:
    """The set of :func:`content_words` of ``text``."""
    return frozenset(content_words(text, leave_out))


def name_tokens(text: str) -> frozenset[str]:
    """Lower-cased tokens of the names ``text`` writes ("Hillary Clinton" → hillary,
    clinton), without sentence starters and function words."""
    tokens = set()
    for name in name_runs(text):
        for word in words(name):
            low = word.lower()
            if word in SENTENCE_STARTERS or low in STOPWORDS or len(low) < 3:
                continue
            tokens.add(low)
    return frozenset(tokens)


def fold(text: str) -> str:
    """Lower case, plain apostrophes and quotes, single spaces: for near-duplicate tests."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def fold_name(name: str) -> str:
    """A claimant's or outlet's name folded for comparison ("The FBI" → "fbi")."""
    return re.sub(r"^the\s+", "", fold(name).replace("'s ", " "))


def same_name(first: str, second: str) -> bool:
    """Whether two names name the same claimant: equal after folding, or one is the other's
    last words ("Clinton" and "Hillary Clinton"; not "Smith" and "Smithson")."""
    a, b = fold_name(first), fold_name(second)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long.endswith(" " + short) or long.startswith(short + " ")


def dice(first: frozenset[str], second: frozenset[str]) -> float:
    """Dice's coefficient of two sets (0 when either is empty)."""
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))
