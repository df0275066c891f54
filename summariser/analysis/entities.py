"""Named people, organisations and places: spaCy's mentions, cleaned, typed and merged.

spaCy's small English model finds most names but mislabels many lone surnames ("Rosati"
as a place), news agencies ("told Reuters" as a person) and provinces (as organisations),
and cuts headlines in capitals into nonsense. The rules here fix what needs no judgement:

- mentions in bylines, datelines, captions and boilerplate are dropped, and so is junk:
  dates, numbers, all-lower-case spans, text glued together by scraping; "the", a
  sentence-opening word, a title spaCy counted in ("Defender Hassan Abbas") and a final
  "'s" are trimmed;
- names spaCy missed are added where no judgement is needed: a country's name, and two
  or three capitalised words after a title ("Zulu Chief Mangosuthu Buthelezi");
- a lone surname joins the nearest full name it ends ("Arafat" → "Yasser Arafat"), and
  the join makes the entity a person, whatever spaCy labelled the surname; a lone first
  name joins the one full name it starts;
- an acronym joins the name it follows in parentheses ("Palestine Liberation
  Organisation (PLO)", then named so), or whose initials it spells ("IMF"); a later
  first word or hyphen part joins an organisation ("Norilsk" → "Norilsk Nickel");
- a news outlet is an organisation and a country or ISO 3166 subdivision (pycountry) a
  place, whatever spaCy said; a "person" titled as a group ("militant Islamist group
  Boko Haram"), named with its own article ("the White House") or ending in a building
  ("Trump Tower") is none; otherwise the mentions vote, fuller forms counting double;
- a nationality, religion or ethnic group (spaCy's NORP) is dropped unless it is a noun
  for a group that acts and names no nation ("the Taliban", "the Democrats");
- in a line written in capitals (a wire headline) only names the story also uses count.

Datelines are non-content, so a dateline's place is never an entity; the same place named
in the story is.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summariser.analysis import lexicon
from summariser.analysis.candidates import Entity, EntityType, NonContent, TextRange
from summariser.analysis.kinds import organisation_kind, titled_people
from summariser.outlets import OUTLETS
from summariser.schema import ActorKind, LocationKind
from summariser.text import is_word_char, whole_word_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class _Mention:
    start: int  # characters
    end: int
    first: int  # tokens
    last: int  # exclusive
    text: str
    label: str
    shouting: bool = False


@dataclass
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
    person: bool = False  # a surname joined a full name: a person, whatever the labels
    acronym: str | None = None
    defined: str | None = None  # "Palestine Liberation Organisation (PLO)", as written
    role: str | None = None

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)

    @property
    def first_start(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def fullest(self) -> _Mention:
        """The longest form, the earliest among equals; capitals only as a last resort."""
        return max(
            self.mentions,
            key=lambda m: (not m.shouting, len(m.text.split()), len(m.text), -m.start),
        )

    @property
    def name(self) -> str:
        return self.defined or self.fullest.text


def find_entities(doc: Doc, noncontent: Sequence[NonContent]) -> list[Entity]:
    """The named people, organisations and places of ``doc``, merged, with ids E1, E2, ...

    ``doc`` is ``nlp.parse`` of the whole document text; ``noncontent`` its bylines,
    datelines, captions and boilerplate (``noncontent.find_noncontent``). Every mention
    offset indexes into ``doc.text``.
    """
    text = doc.text  # spaCy rebuilds it on every access
    mentions = _mentions(doc, text, noncontent)
    typed: list[tuple[_Cluster, EntityType]] = []
    for cluster in _clusters(mentions, text):
        entity_type = _entity_type(cluster, doc)
        if entity_type is EntityType.PERSON:
            cluster.role = _role(doc, text, cluster, noncontent)
            if cluster.role and _group_title(cluster.role):
                entity_type, cluster.role = EntityType.ORGANISATION, None
        elif entity_type is EntityType.ORGANISATION and _personal_with_role(cluster):
            # "Navin Nayak, head of Clinton's research division": a person the NER took
            # for an organisation, shown to be one by the role the article gives them.
            role = _own_role(doc, cluster)
            if role and not _group_title(role):
                entity_type, cluster.role = EntityType.PERSON, role
        if _keep(cluster, entity_type):
            typed.append((cluster, entity_type))
    for cluster, _ in typed:
        _more_mentions(cluster, doc, text, typed, noncontent)
    typed.sort(key=lambda pair: pair[0].first_start)
    within = {
        id(cluster): _within(cluster, typed, text)
        for cluster, entity_type in typed
        if entity_type is EntityType.PLACE
    }
    larger = set(within.values())
    return [
        Entity(
            id=f"E{index}",
            name=cluster.name,
            type=entity_type,
            kind=_kind(cluster, entity_type, doc, cluster.name in larger),
            role=cluster.role,
            within=within.get(id(cluster)),
            mentions=_ranges(cluster, text),
        )
        for index, (cluster, entity_type) in enumerate(typed, start=1)
    ]


def _ranges(cluster: _Cluster, text: str) -> list[TextRange]:
    """The mentions in text order; a name defined with its acronym ("Palestine Liberation
    Organisation (PLO)") is one mention, so that the name is a verbatim span."""
    spans = sorted((m.start, m.end) for m in cluster.mentions)
    if cluster.defined:
        start = text.find(cluster.defined, max(0, spans[0][0] - len(cluster.defined)))
        if start >= 0:
            end = start + len(cluster.defined)
            spans = [(s, e) for s, e in spans if not (start <= s and e <= end)]
            spans = sorted([*spans, (start, end)])
    return [TextRange(start=s, end=e) for s, e in spans]


# --- mentions ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """A name folded for comparison: case, curly quotes and white space."""
    return " ".join(name.replace("’", "'").casefold().split())


def _overlaps(start: int, end: int, noncontent: Sequence[NonContent]) -> bool:
    return any(n.start < end and start < n.end for n in noncontent)


def _mentions(doc: Doc, text: str, noncontent: Sequence[NonContent]) -> list[_Mention]:
    found: list[_Mention] = []
    shouting = _ShoutingLines(text)
    for first, last, label in _candidates(doc):
        bounds = _trim(doc, first, last, label)
        if bounds is None:
            continue
        first, last = bounds
        if label in ("ORG", "NORP"):
            first = _extend_left(doc, first, last)
        start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
        name = text[start:end]
        if _overlaps(start, end, noncontent) or _junk(name, label):
            continue
        if label == "NORP" and not _is_place_name(name) and not _acting_group(doc, first, last):
            continue
        if label in ("ORG", "NORP") and _modifies_person(doc, first, last):
            continue  # "Democrat Hillary Clinton": a description, not an actor
        capitals = name.isupper()
        if capitals and len(name) >= 5 and re.search(rf"\b{re.escape(name.lower())}\b", text):
            continue  # "HELPED": a common word the story also writes in lower case
        # Several words in capitals are a headline or subheading ("CLINTON CLEARED FBI"),
        # kept only where the story names them too.
        shout = (capitals and len(name.split()) > 1) or shouting.at(start)
        found.append(_Mention(start, end, first, last, name, label, shout))
    return found


def _modifies_person(doc: Doc, first: int, last: int) -> bool:
    """A one-word name that only describes a person: "Democrat Hillary Clinton"."""
    if last - first != 1 or doc[first].text.isupper():
        return False
    head = doc[first].head
    return doc[first].dep_ in ("compound", "amod") and head.ent_type_ == "PERSON" and head.i > first


def _candidates(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's entities, and the names it missed that need no judgement: a country's
    name ("Hosts UAE play ..."), and capitalised names after a title ("Zulu Chief
    Mangosuthu Buthelezi")."""
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in lexicon.LABELS:
            continue
        start = ent.start  # a name never runs over a line break: "Kismayo\nYoung's"
        for index in range(ent.start, ent.end):
            if doc[index].is_space and "\n" in doc[index].text:
                spans.append((start, index, ent.label_))
                start = index + 1
        spans.append((start, ent.end, ent.label_))
    tokens = list(doc)
    free = [not t.ent_type_ for t in tokens]
    index = 0
    while index < len(tokens):
        first = tokens[index]
        if free[index] and first.pos_ == "PROPN" and first.text[:1].isupper():
            for size in (3, 2, 1):
                last = index + size
                if (
                    last <= len(tokens)
                    and all(free[index:last])
                    and _is_country(doc[index:last].text)
                ):
                    spans.append((index, last, "GPE"))
                    index = last - 1
                    break
        index += 1
    for token in tokens:
        if not (free[token.i] and token.is_title and token.lower_ in lexicon.ROLE_WORDS):
            continue
        last = token.i + 1
        while last < len(doc) and free[last] and doc[last].pos_ == "PROPN":
            if not doc[last].is_title or doc[last].lower_ in lexicon.ROLE_WORDS:
                break
            last += 1
        if 2 <= last - token.i - 1 <= 3:
            spans.append((token.i + 1, last, "PERSON"))
    return sorted(spans)


def _trim(doc: Doc, first: int, last: int, label: str) -> tuple[int, int] | None:
    """Token bounds of the name in ``doc[first:last]``: no article, opening word, title,
    possessive, line break, web address or year."""
    for index in range(first + 1, last):
        token = doc[index]
        if token.like_url or token.like_email:
            last = index
            break
        if (token.is_digit and len(token.text) >= 3) or (  # "Benghazi Fall 2014"
            token.text in ("-", "–", "—") and token.whitespace_  # "Anthony Weiner - husband"
        ):
            last = index
            break
    for index in range(first + 1, last):  # "Far North where Norilsk": stop at "where"
        word = doc[index].text
        if word.isalpha() and word.islower() and word not in lexicon.PARTICLES:
            last = index
            break
    while first < last and (
        doc[first].lower_ in lexicon.DETERMINERS
        or doc[first].is_punct
        or doc[first].is_space
        or re.fullmatch(r"\d+(?:/\d+)?", doc[first].text)  # a gallery's "8/19"
        or (last - first > 1 and doc[first].lower_ in lexicon.OPENING_WORDS)
    ):
        first += 1
    while last > first and (
        doc[last - 1].text in lexicon.POSSESSIVE or doc[last - 1].is_punct or doc[last - 1].is_space
    ):
        last -= 1
    if label == "PERSON":
        # A title, a word describing the person, or a shouted caption word before the
        # name: "Defender Hassan Abbas", "Furious Obama", "TRUMP Donald Trump".
        while last - first > 1 and (
            _title_word(doc[first])
            or doc[first].pos_ in ("ADJ", "ADV", "VERB", "ADP", "DET", "PRON")
            or (doc[first].is_upper and len(doc[first]) > 3 and doc[first + 1].is_title)
        ):
            first += 1
        # "Leesburg, Virginia Donald Trump" in flattened captions: a place glued on.
        if last - first > 2 and _is_place_name(doc[first].text):
            first += 1
    return (first, last) if last > first else None


def _title_word(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return (
        word in lexicon.ROLE_WORDS or word in lexicon.TITLE_MODIFIERS or word in lexicon.HONORIFICS
    )


def _extend_left(doc: Doc, first: int, last: int) -> int:
    """Take in capitalised modifiers spaCy left out: "the conservative [Radical] Democrats"."""
    while first > 0:
        token = doc[first - 1]
        if (
            token.pos_ == "PROPN"
            and token.is_title
            and not token.ent_type_
            and not token.is_sent_start
            and token.dep_ == "compound"
            and first <= token.head.i < last
            and not _title_word(token)
        ):
            first -= 1
        else:
            break
    return first


def _junk(name: str, label: str) -> bool:
    words = name.split()
    return (
        len(name) < 2
        or not any(c.isupper() for c in name)
        or not any(c.isalpha() for c in name)
        or all(w.lower().strip(".,") in lexicon.DATE_WORDS or not w.isalpha() for w in words)
        or bool(lexicon.NOT_A_NAME.match(name) or lexicon.GLUED.search(name))
        or (label == "ORG" and (_key(name) in lexicon.PORTFOLIOS or _title_word_text(name)))
        or (len(words) == 1 and label in ("ORG", "PERSON", "NORP") and _nationality(name))
    )


def _nationality(word: str) -> bool:
    """'Bangladeshi', 'Britons', 'Syrians': a demonym, whatever spaCy labelled it."""
    key = _key(word)
    if key in lexicon.NOT_ACTORS:
        return True
    if _is_place_name(word):
        return False  # "Uzbekistan", "Pakistan"
    endings = ("i", "is", "an", "ans", "ese", "ish", "ns", "ites")
    return key.endswith(endings) and _demonym(word)


class _ShoutingLines:
    """Which lines are written in capitals (a wire headline), each line measured once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[int, bool] = {}

    def at(self, index: int) -> bool:
        start = self._text.rfind("\n", 0, index) + 1
        if start not in self._lines:
            end = self._text.find("\n", index)
            line = self._text[start : end if end >= 0 else len(self._text)]
            letters = sum(1 for c in line if c.isalpha())
            upper = sum(1 for c in line if c.isupper())
            self._lines[start] = letters > 12 and upper >= lexicon.SHOUTING_SHARE * letters
        return self._lines[start]


def _acting_group(doc: Doc, first: int, last: int) -> bool:
    """A NORP mention used as a noun for a group that acts: not a nationality or faith.

    "The Taliban said", "the Democrats have said" are groups; "Israeli officials",
    "Palestinians", "Jewish groups", "Soviet-imposed" are not.
    """
    root = doc[first:last].root
    if root.pos_ not in ("PROPN", "NOUN") or root.dep_ == "amod":
        return False
    if last < len(doc) and doc[last].text in ("-", "–"):
        return False
    plural = root.lower_.endswith("s") and not root.lower_.endswith("ss")
    if not plural and not any(c.dep_ == "det" and c.lower_ == "the" for c in root.children):
        return False
    words = doc[first:last].text
    return _key(words) not in lexicon.NOT_ACTORS and not _demonym(words)


@functools.cache
def _country_names() -> frozenset[str]:
    import pycountry

    names: set[str] = set(lexicon.COUNTRY_ALIASES)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                names.add(_key(value))
                names.add(_key(value.split(",")[0]))
                names.add(_key(re.sub(r"\s*\(.*\)", "", value)))
    return frozenset(names)


@functools.cache
def _subdivision_names() -> frozenset[str]:
    import pycountry

    return frozenset(_key(s.name) for s in pycountry.subdivisions)


@functools.cache
def _country_stems() -> frozenset[str]:
    """Distinctive words of country names, for telling demonyms ("Syrians") apart."""
    return frozenset(
        word
        for name in _country_names()
        for word in re.split(r"[\s,()-]+", name)
        if len(word) >= 4 and word not in lexicon.COUNTRY_WORDS_TOO_COMMON
    )


@functools.cache
def _demonym(word: str) -> bool:
    """'Syrians', 'Israeli', 'Uzbek', 'Swiss': a word that starts like a country's name."""
    folded = _key(word).rstrip("s")
    if len(folded) < 3 or " " in folded:
        return False
    size = max(3, min(4, len(folded) - 1))
    return any(stem[:size] == folded[:size] for stem in _country_stems())


def _is_country(name: str) -> bool:
    key = _key(name)
    return key in _country_names() or key.removeprefix("the ") in _country_names()


def _is_place_name(name: str) -> bool:
    return _is_country(name) or _key(name) in _subdivision_names()


# --- merging ----------------------------------------------------------------------------


def _clusters(mentions: list[_Mention], text: str) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_key: dict[str, _Cluster] = {}
    story = [m for m in mentions if not m.shouting]
    # Longest forms first, so that short forms find the full names they belong to.
    for mention in sorted(story, key=lambda m: (-len(m.text.split()), m.start)):
        key = _key(mention.text)
        cluster = by_key.get(key)
        if cluster is None:
            cluster, surname = _owner(mention, clusters)
            if cluster is None:
                cluster = _Cluster()
                clusters.append(cluster)
            cluster.person = cluster.person or surname
        cluster.add(mention)
        by_key.setdefault(key, cluster)
    _acronyms(clusters, text, by_key)
    for mention in mentions:  # a headline in capitals keeps only the names the story uses
        if mention.shouting and _key(mention.text) in by_key:
            by_key[_key(mention.text)].add(mention)
    return [c for c in clusters if c.mentions]


def _owner(mention: _Mention, clusters: list[_Cluster]) -> tuple[_Cluster | None, bool]:
    """The cluster whose fuller name this shorter mention stands for, and whether the
    mention is a person's surname."""
    words = mention.text.split()
    if len(words) > 2:
        return None, False
    surname_of = [c for c in clusters if _is_surname_of(mention, c)]
    if surname_of:
        return _nearest(mention, surname_of), True
    if len(words) == 1 and mention.label == "PERSON":
        first_name_of = [c for c in clusters if _is_first_name_of(mention, c)]
        if len(first_name_of) == 1:  # "Jenson" of the one "Jenson Button"
            return first_name_of[0], True
    if mention.label == "ORG" and len(words) == 1 and not organisation_kind(mention.text):
        parts_of = [
            c for c in clusters if c.first_start < mention.start and _is_part_of(mention, c)
        ]
        if parts_of:
            return _nearest(mention, parts_of), False
    return None, False


def _is_surname_of(mention: _Mention, cluster: _Cluster) -> bool:
    """'Arafat' of 'Yasser Arafat': the mention ends a longer person's name."""
    words = [_key(w) for w in mention.text.split()]
    if mention.label != "PERSON" and (_is_place_name(mention.text) or mention.label == "FAC"):
        return False
    for other in cluster.mentions:
        full = [_key(w) for w in other.text.split()]
        if len(full) <= len(words) or full[-len(words) :] != words:
            continue
        # spaCy may label either one a person ("Salem Bitar" an organisation, "Bitar" a
        # person); "Goldman Sachs" and "Sachs", labelled organisations both, are no person.
        if other.label == "PERSON" or (mention.label == "PERSON" and _looks_personal(other.text)):
            return True
    return False


def _is_first_name_of(mention: _Mention, cluster: _Cluster) -> bool:
    key = _key(mention.text)
    return any(
        m.label == "PERSON" and len(m.text.split()) > 1 and _key(m.text.split()[0]) == key
        for m in cluster.mentions
    )


def _is_part_of(mention: _Mention, cluster: _Cluster) -> bool:
    """'Norilsk' of an earlier 'Norilsk Nickel', 'Tass' of 'Itar-Tass': first or last part."""
    full = cluster.fullest
    parts = [_key(p) for p in re.split(r"[\s-]+", full.text) if p]
    return full.label == "ORG" and len(parts) > 1 and _key(mention.text) in (parts[0], parts[-1])


def _personal_with_role(cluster: _Cluster) -> bool:
    """A name that could be a person's: no acronym, and no mention reads as an outlet."""
    return (
        _looks_personal(cluster.fullest.text)
        and not cluster.acronym
        and not any(_is_outlet(_key(m.text)) for m in cluster.mentions)
    )


def _own_role(doc: Doc, cluster: _Cluster) -> str | None:
    """A role written on the name itself: its apposition ("Navin Nayak, head of ...") or
    a title right before it, never one that belongs to an owner ("President Nelson
    Mandela's African National Congress")."""
    for mention in sorted(cluster.mentions, key=lambda m: m.start):
        role = _apposition(doc, mention)
        if role is None and not any(
            t.text in ("'s", "’s") for t in doc[max(0, mention.first - 4) : mention.first]
        ):
            role = _title_before(doc, mention)
        if role:
            return role
    return None


def _looks_personal(name: str) -> bool:
    """Two to four capitalised words that name no organisation or place: 'Navin Nayak'."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(
            _key(w) in lexicon.SITE_WORDS | lexicon.REGION_WORDS | lexicon.DISTRICT_WORDS
            for w in words
        )
        and organisation_kind(name) is None
        and not _is_place_name(name)
    )


def _nearest(mention: _Mention, clusters: list[_Cluster]) -> _Cluster:
    """The cluster mentioned last before ``mention``, else the first one after it."""

    def last_before(cluster: _Cluster) -> int:
        return max((m.start for m in cluster.mentions if m.start < mention.start), default=-1)

    before = [c for c in clusters if last_before(c) >= 0]
    if before:
        return max(before, key=last_before)
    return min(clusters, key=lambda c: c.first_start)


def _acronyms(clusters: list[_Cluster], text: str, by_key: dict[str, _Cluster]) -> None:
    """Join "PLO" to "Palestine Liberation Organisation (PLO)", or to the name it spells."""
    for cluster in clusters:
        for mention in sorted(cluster.mentions, key=lambda m: m.start):
            match = lexicon.PAREN_ACRONYM.match(text, mention.end)
            # "African National Congress (ANC)"; also "Radical Democrats (FDP)": an
            # acronym may come from the name in another language.
            if match and mention.label != "PERSON" and len(mention.text.split()) > 1:
                cluster.acronym = match.group(1)
                cluster.defined = text[mention.start : match.end()].strip()
                break
    for cluster in clusters:
        if not cluster.mentions:
            continue  # merged into another one already
        acronym = cluster.acronym or _spelled(cluster, clusters)
        if not acronym:
            continue
        other = by_key.get(_key(acronym))
        if other is not None and other is not cluster:
            for mention in other.mentions:
                cluster.add(mention)
            other.mentions.clear()
        by_key[_key(acronym)] = cluster


def _spelled(cluster: _Cluster, clusters: list[_Cluster]) -> str | None:
    """An acronym elsewhere in the story that spells this name's initials ("IMF")."""
    words = [
        w for w in re.split(r"[\s-]+", cluster.fullest.text) if w and w not in lexicon.PARTICLES
    ]
    if len(words) < 2 or cluster.fullest.label == "PERSON":
        return None
    initials = "".join(w[0] for w in words).upper()
    for other in clusters:
        if other is cluster or not other.mentions:
            continue
        short = other.fullest.text
        if lexicon.ACRONYM.match(short) and short.replace(".", "") == initials:
            return short
    return None


# --- type and kind ----------------------------------------------------------------------


def _entity_type(cluster: _Cluster, doc: Doc) -> EntityType:
    if any(_is_outlet(_key(m.text)) for m in cluster.mentions):
        return EntityType.ORGANISATION
    if cluster.person:
        return EntityType.PERSON
    # A subdivision's name may also be a person's ("Cher" is a French department).
    if any(
        _is_country(m.text) or (m.label != "PERSON" and _is_place_name(m.text))
        for m in cluster.mentions
    ) or any(lexicon.PLACE_HEAD.match(m.text) for m in cluster.mentions):
        return EntityType.PLACE
    if all(w.lower() in lexicon.COMPASS for m in cluster.mentions for w in m.text.split()):
        return EntityType.PLACE  # "Far North", "the West"
    votes: Counter[EntityType] = Counter()
    for mention in cluster.mentions:
        votes[lexicon.LABELS[mention.label]] += 2 if len(mention.text.split()) > 1 else 1
    name = cluster.fullest.text
    # No person is "the White House" (but "the Bush administration" names one), nor is
    # "Trump Tower" or "Duma".
    if votes[EntityType.PERSON] and (
        any(_has_article(doc, m) for m in cluster.mentions)
        or _site_name(name)
        or (len(name.split()) == 1 and _organisation_name(name))
    ):
        votes[EntityType.PERSON] = 0
        votes[EntityType.PLACE if _site_name(name) else EntityType.ORGANISATION] += 1
    best = max(votes.values())
    fullest = lexicon.LABELS[cluster.fullest.label]
    if votes[fullest] == best:
        return fullest
    order = (EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE)
    return next(t for t in order if votes[t] == best)


def _has_article(doc: Doc, mention: _Mention) -> bool:
    """'the White House': an article that belongs to the name itself."""
    if mention.first <= 0:
        return False
    article = doc[mention.first - 1]
    return article.lower_ == "the" and mention.first <= article.head.i < mention.last


def _site_name(name: str) -> bool:
    """A name that ends in a word for a building or site that is rarely a surname."""
    words = _key(name).split()
    return len(words) > 1 and words[-1] in lexicon.SITES_NOT_SURNAMES


def _organisation_name(name: str) -> bool:
    folded = _key(name)
    return organisation_kind(name) is not None or any(
        re.search(rf"\b(?:{words})\b", folded)
        for words in (lexicon.MEDIA_WORDS, lexicon.GOVERNMENT_WORDS, lexicon.COMPANY_WORDS)
    )


def _keep(cluster: _Cluster, entity_type: EntityType) -> bool:
    """Whether the cluster is a name worth listing."""
    name = cluster.fullest.text
    if all(m.shouting for m in cluster.mentions):
        return False
    if entity_type is EntityType.PERSON:
        # A person's name is not written in capitals, nor is it a lone title.
        return not (name.isupper() and len(name) > 3) and not _title_word_text(name)
    if entity_type is EntityType.ORGANISATION:
        return _key(name) not in lexicon.GENERIC_ORGANISATIONS  # "Group", "the State"
    return True


def _title_word_text(name: str) -> bool:
    word = _key(name).rstrip(".")
    return word in lexicon.ROLE_WORDS or word in lexicon.HONORIFICS


def _is_outlet(key: str) -> bool:
    parts = set(re.split(r"[\s-]+", key))
    return any(_key(o.name) == key or _key(o.name) in parts for o in OUTLETS)


def _kind(cluster: _Cluster, entity_type: EntityType, doc: Doc, larger: bool) -> str:
    if entity_type is EntityType.PERSON:
        return ActorKind.PERSON.value
    if entity_type is EntityType.ORGANISATION:
        return _organisation_kind(cluster).value
    return _place_kind(cluster, doc, larger).value


def _organisation_kind(cluster: _Cluster) -> ActorKind:
    keys = {_key(m.text) for m in cluster.mentions}
    full = _key(cluster.fullest.text)
    if any(_is_outlet(k) for k in keys):
        return ActorKind.MEDIA_OUTLET
    if any(m.label == "NORP" for m in cluster.mentions) and keys & lexicon.PARTY_MEMBERS:
        return ActorKind.POLITICAL_PARTY
    if any(lexicon.INTERNATIONAL.search(k) for k in keys):
        return ActorKind.INTERNATIONAL_ORGANISATION
    if lexicon.LEGISLATURE.match(full):
        return ActorKind.GOVERNMENT
    found = organisation_kind(cluster.fullest.text)
    if found is not None and found is not ActorKind.PERSON:
        return found
    for words, actor_kind in (
        (lexicon.MEDIA_WORDS, ActorKind.MEDIA_OUTLET),
        (lexicon.GOVERNMENT_WORDS, ActorKind.GOVERNMENT),
        (lexicon.COMPANY_WORDS, ActorKind.COMPANY),
    ):
        if re.search(rf"\b(?:{words})\b", full):
            return actor_kind
    return ActorKind.OTHER


def _place_kind(cluster: _Cluster, doc: Doc, larger: bool) -> LocationKind:
    """Country by ISO 3166; region, district, site or route by the words in or after the
    name; a subdivision's name that another place is said to lie in is a region
    ("Portland, Oregon"); GPE otherwise a city or town, LOC other."""
    if any(_is_country(m.text) for m in cluster.mentions):
        return LocationKind.COUNTRY
    if larger and any(_key(m.text) in _subdivision_names() for m in cluster.mentions):
        return LocationKind.REGION_OR_PROVINCE
    words = {w for m in cluster.mentions for w in _key(m.text).split()}
    # The name's head word or the word after it: "Rift Valley Province", "Hebei province",
    # but not the "Port" of "Port Kessel".
    heads = {_key(m.text).split()[-1] for m in cluster.mentions}
    heads |= {_next_word(doc, m) for m in cluster.mentions}
    for vocabulary, location_kind in (
        (lexicon.ROUTE_WORDS, LocationKind.ROUTE),
        (lexicon.REGION_WORDS, LocationKind.REGION_OR_PROVINCE),
        (lexicon.DISTRICT_WORDS, LocationKind.DISTRICT),
        (lexicon.SITE_WORDS, LocationKind.SITE_OR_FACILITY),
    ):
        if heads & vocabulary:
            return location_kind
    labels = Counter(m.label for m in cluster.mentions)
    if labels["FAC"] > max(labels["GPE"], labels["LOC"]):
        return LocationKind.SITE_OR_FACILITY
    if labels["LOC"] > labels["GPE"] or words <= lexicon.COMPASS:
        return LocationKind.OTHER
    return LocationKind.CITY_OR_TOWN


def _next_word(doc: Doc, mention: _Mention) -> str:
    """The word after a mention, past a possessive: "KwaZulu-Natal province's" → province."""
    index = mention.last
    while index < len(doc) and (doc[index].text in lexicon.POSSESSIVE or doc[index].is_space):
        index += 1
    return doc[index].lower_ if index < len(doc) else ""


def _within(cluster: _Cluster, typed: list[tuple[_Cluster, EntityType]], text: str) -> str | None:
    """The larger place written right after this one: "Baoding, Hebei" → Hebei; not in a
    list of places ("Syria, Iraq and Iran")."""
    if any(_is_country(m.text) for m in cluster.mentions):
        return None
    places = [
        (m, c) for c, t in typed if t is EntityType.PLACE and c is not cluster for m in c.mentions
    ]
    for mention in sorted(cluster.mentions, key=lambda m: m.start):
        if text[: mention.start].rstrip().endswith(","):
            continue
        for other, owner in places:
            if not re.fullmatch(r",\s*", text[mention.end : other.start]):
                continue
            if re.match(r"\s*(?:,\s*[A-Z]|and\b|or\b|&)", text[other.end :]):
                continue
            return owner.name
    return None


# --- roles ------------------------------------------------------------------------------


def _role(doc: Doc, text: str, cluster: _Cluster, noncontent: Sequence[NonContent]) -> str | None:
    """The title or apposition the parse shows next to the person, at the first mention
    that has one: "Defence Minister Doug Young", "Nabil Abu Rdainah, Arafat's adviser,"."""
    # A surname may stand for another person of that name ("Obama" beside "Michelle
    # Obama"): its title counts only when no fuller form has one.
    full = any(len(m.text.split()) > 1 for m in cluster.mentions)
    for mention in sorted(cluster.mentions, key=lambda m: m.start):
        if full and len(mention.text.split()) == 1:
            continue
        role = _title_before(doc, mention) or _apposition(doc, mention)
        if role and not _overlaps(mention.start - len(role) - 2, mention.start, noncontent):
            return role
    for titled in titled_people(text):
        title = titled.title.rstrip(".")
        if title.lower() in lexicon.HONORIFICS or title.lower() in lexicon.TITLE_MODIFIERS:
            continue
        if any(m.start < titled.end and titled.start < m.end for m in cluster.mentions):
            return titled.title
    return None


def _role_noun(token: Token) -> bool:
    """A noun that names a role: a title, an occupation, or an agent noun ("striker")."""
    word = token.lower_.split("-")[0].rstrip(".")
    if (
        word in lexicon.GENERIC_ROLES
        or word in lexicon.HONORIFICS
        or token.pos_ not in ("NOUN", "PROPN")
    ):
        return False
    if word in lexicon.ROLE_WORDS or word in lexicon.GROUP_HEADS:
        return True
    # An agent noun written in lower case: "equities analyst", not "Rumer" or "CHER".
    return token.is_lower and word.endswith(lexicon.ROLE_SUFFIXES)


def _group_title(role: str) -> bool:
    """A role headed by a group noun names an organisation: 'militant Islamist group'."""
    words = role.lower().split()
    return bool(words) and words[-1] in lexicon.GROUP_HEADS


def _title_before(doc: Doc, mention: _Mention) -> str | None:
    """'Russian Finance Minister' of 'Russian Finance Minister Alexander Livshits', and
    "Arafat's adviser" of "Arafat's adviser Nabil Abu Rdainah": the words before the name
    that the parse attaches to it (or that it stands in apposition to), ending in a noun
    that names a role."""
    root = doc[mention.first : mention.last].root
    members = set(range(mention.first, mention.last))
    first = mention.first
    for index in range(mention.first - 1, -1, -1):
        token = doc[index]
        if token.dep_ in ("det", "cc", "prep", "predet") or token.is_space:
            break
        if (
            token.is_punct and token.text not in ("-", "'s", "’s")
        ) or token.lower_ in lexicon.HONORIFICS:
            break
        if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
            break
        if token.ent_type_ == "ORDINAL" and not token.is_title:  # "First Lady" is a title
            break
        attached = token.head.i in members
        # The noun right before the name that the name hangs on: "goalkeeper Salem Bitar".
        titled = token.i == root.head.i and (root.dep_ == "appos" or token.pos_ == "NOUN")
        possessive = token.dep_ == "case" and index > 0 and doc[index - 1].i == token.head.i
        if not (attached or titled or possessive):
            break
        members.add(index)
        first = index
    if first < mention.first and _role_noun(doc[mention.first - 1]):
        return doc[first : mention.first].text
    return _lexicon_title(doc, mention.first)


def _lexicon_title(doc: Doc, index: int) -> str | None:
    """A role word right before the name, with its modifiers: 'goalkeeper Salem Bitar'."""
    if index == 0 or not _role_noun(doc[index - 1]):
        return None
    if doc[index - 1].lower_ not in lexicon.ROLE_WORDS:
        return None
    first = index - 1
    while (
        first > 0
        and doc[first - 1].dep_ in ("compound", "amod")
        and (doc[first - 1].head.i >= first)
    ):
        first -= 1
    return doc[first:index].text


def _apposition(doc: Doc, mention: _Mention) -> str | None:
    """', equities analyst at Moscow brokerage Rinaco Plus,' after a name."""
    root = doc[mention.first : mention.last].root
    for child in root.rights:
        if child.dep_ != "appos" or child.i < mention.last or child.ent_type_:
            continue
        if not _role_noun(child) or child.pos_ != "NOUN":
            continue
        dropped = {t.i for c in child.children if c.dep_ in ("relcl", "acl") for t in c.subtree}
        tokens: list[Token] = []
        for token in child.subtree:
            if token.i in dropped or token.is_space:
                continue
            if token.text in (",", ";", "(") or len(tokens) >= lexicon.MAX_ROLE_TOKENS:
                break
            tokens.append(token)
        while tokens and (tokens[0].lower_ in lexicon.DETERMINERS or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("ADP", "CCONJ", "DET")):
            tokens = tokens[:-1]
        if tokens:
            return doc[tokens[0].i : tokens[-1].i + 1].text
    return None


def _surname(cluster: _Cluster, typed: list[tuple[_Cluster, EntityType]]) -> str | None:
    """A person's surname, when no other person of the story shares it."""
    if not any(c is cluster and t is EntityType.PERSON for c, t in typed):
        return None
    words = cluster.fullest.text.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return None
    others = [c for c, t in typed if t is EntityType.PERSON and c is not cluster]
    if any(w == words[-1] for c in others for m in c.mentions for w in m.text.split()):
        return None
    return words[-1]


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` between word boundaries (``\\bword\\b``),
    found with ``str.find`` (see ``text.whole_word_spans``)."""
    first, last = is_word_char(word, 0), is_word_char(word, len(word) - 1)
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if is_word_char(text, at - 1) != first and is_word_char(text, end) != last:
            return True
        at = text.find(word, at + 1)
    return False


def _more_mentions(
    cluster: _Cluster,
    doc: Doc,
    text: str,
    typed: list[tuple[_Cluster, EntityType]],
    noncontent: Sequence[NonContent],
) -> None:
    """Occurrences of the entity's names that spaCy did not label: every mention counts."""
    taken = [(m.start, m.end) for c, _ in typed for m in c.mentions]
    exact = set(taken)  # most occurrences are mentions spaCy labelled: no scan for those
    forms = {m.text for m in cluster.mentions if not m.shouting}
    if cluster.acronym:
        forms.add(cluster.acronym)
    surname = _surname(cluster, typed)
    if surname:
        forms.add(surname)
    for form in sorted(forms, key=len, reverse=True):
        if len(form) < 3:
            continue
        common = _has_word(text, form.lower())
        for start, end in whole_word_spans(text, form, joiners="-"):
            if (start, end) in exact or any(s < end and start < e for s, e in taken):
                continue
            if _overlaps(start, end, noncontent):
                continue
            if common and re.search(r"(?:^|[.!?\"“]\s*)$", text[max(0, start - 3) : start]):
                continue  # "Young people ...": a word that opens a sentence
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            label = cluster.fullest.label
            cluster.add(_Mention(start, end, span.start, span.end, form, label))
            taken.append((start, end))
            exact.add((start, end))
