"""What an actor is, from its words: titled people, and the kind of an organisation.

Rules that need no judgement: a title followed by a capitalised name is a person with
that title as role ("general Suheil al-Hassan"), and a name headed by "Ministry",
"troops" or "Agency" is an organisation of that kind.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from summariser.schema import ActorKind

_TITLE = (
    r"(?:(?:Provincial|Deputy|Vice|Prime|Foreign|Defen[cs]e|Interior|Finance|Chief|Acting|"
    r"Former|former|Lieutenant|Major|Brigadier|Supreme)\s+)*"
    r"(?:President|president|Minister|minister|General|general|Governor|governor|Colonel|"
    r"colonel|Major|Captain|Commander|commander|Ambassador|ambassador|Senator|Spokesman|"
    r"spokesman|Spokeswoman|spokeswoman|Mayor|mayor|Chancellor|King|Queen|Prince|Sheikh|"
    r"Dr\.|Mr\.|Mrs\.|Ms\.|Pope|Judge|judge|Secretary|Chairman|chairman|adviser|advisor)"
)
_NAME_PART = r"(?:(?:al-|el-|ez-|bin\s|ibn\s|de\s|van\s|von\s|da\s)?[A-Z][\w'’-]+)"
_TITLED = re.compile(rf"\b(?P<title>{_TITLE})\s+(?P<name>{_NAME_PART}(?:\s+{_NAME_PART}){{1,3}})")
_ORG_HEADS: tuple[tuple[ActorKind, str], ...] = (
    (
        ActorKind.MILITARY_OR_SECURITY_FORCE,
        r"troops|army|forces?|brigade|police|navy|air force|military|guard|units?",
    ),
    (ActorKind.GOVERNMENT, r"ministry|government|department|office|cabinet|kremlin|council"),
    (ActorKind.ARMED_GROUP, r"group|militia|militants|rebels|insurgents|terrorists|state"),
    (ActorKind.MEDIA_OUTLET, r"agency|news|newspaper|tv|radio|broadcaster|press"),
    (ActorKind.POLITICAL_PARTY, r"party"),
    (ActorKind.INTERNATIONAL_ORGANISATION, r"nations|nato|union|organi[sz]ation"),
    (ActorKind.COMPANY, r"company|corporation|corp|inc|ltd|bank"),
)


@dataclass(frozen=True)
class TitledPerson:
    name: str
    title: str
    start: int  # offsets of the name
    end: int


@functools.lru_cache(maxsize=4)
def titled_people(text: str) -> tuple[TitledPerson, ...]:
    """People introduced with a title: 'Provincial Governor Mohammed Ibrahim Samra'.

    Kept for the last few texts: the entity rules ask once per person of the article."""
    return tuple(
        TitledPerson(m.group("name"), m.group("title"), m.start("name"), m.end("name"))
        for m in _TITLED.finditer(text)
    )


def organisation_kind(name: str) -> ActorKind | None:
    """The kind of organisation a name's words point to, or None if it reads as a person."""
    folded = name.lower()
    for kind, heads in _ORG_HEADS:
        if re.search(rf"\b(?:{heads})\b", folded):
            return kind
    return None
