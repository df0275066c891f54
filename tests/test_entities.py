from __future__ import annotations

from collections.abc import Callable

import pytest

from summariser.analysis import nlp
from summariser.analysis.candidates import Entity, EntityType
from summariser.analysis.entities import find_entities
from summariser.analysis.noncontent import find_noncontent

# Articles written for these tests.
WIRE = (
    "Ferry sinks off Kenyan coast.\n"
    "Maria Okafor\n"
    "MOMBASA 2001-03-14\n"
    "A ferry sank off the coast near Mombasa on Wednesday, Kenya's Transport Minister Peter "
    "Mwangi said.\n"
    '"We have recovered twelve bodies," Mwangi told reporters.\n'
    "The Kenya Ports Authority (KPA) suspended sailings, and KPA divers searched the wreck.\n"
    "Amina Odhiambo, the authority's spokeswoman, said the ferry was overloaded.\n"
    "Kenyan officials said the Red Cross had sent teams to Rift Valley Province.\n"
    "(Reporting by Ana Lima; Editing by Tom Hale)\n"
)
WEB = (
    "By Jane Doe\n"
    "NAIROBI (Reuters) - Defence Minister Doug Young said on Monday that the army would "
    "leave Garissa.\n"
    "Image caption Soldiers of the Somali National Army near Kismayo\n"
    "Young's statement followed talks with the Ministry of Health and the World Health "
    "Organisation.\n"
    "The WHO said Reuters had reported the figures first.\n"
)

Analyse = Callable[[str], list[Entity]]


@pytest.fixture(scope="module")
def analyse() -> Analyse:
    pipeline = nlp.load_pipeline()  # loaded once for the module

    def run(text: str) -> list[Entity]:
        return find_entities(pipeline(text), find_noncontent(text))

    return run


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def _covered(text: str, entities: list[Entity]) -> str:
    return " | ".join(text[m.start : m.end] for e in entities for m in e.mentions)


def test_bylines_datelines_captions_and_credits_yield_no_entity(analyse: Analyse) -> None:
    for text in (WIRE, WEB):
        covered = _covered(text, analyse(text))
        for name in ("Maria Okafor", "MOMBASA", "Jane Doe", "NAIROBI", "Kismayo", "Tom Hale"):
            assert name not in covered
    # The dateline's place counts where the story names it.
    assert _by_name(analyse(WIRE))["Mombasa"].type is EntityType.PLACE


def test_a_surname_joins_the_full_name_with_its_title(analyse: Analyse) -> None:
    entities = analyse(WEB)
    young = _by_name(entities)["Doug Young"]
    assert young.type is EntityType.PERSON
    assert young.role == "Defence Minister"
    assert [WEB[m.start : m.end] for m in young.mentions] == ["Doug Young", "Young"]
    assert not any(e.name == "Young" for e in entities)


def test_a_surname_spacy_did_not_call_a_person_still_joins_the_person(analyse: Analyse) -> None:
    mwangi = _by_name(analyse(WIRE))["Peter Mwangi"]
    assert [WIRE[m.start : m.end] for m in mwangi.mentions] == ["Peter Mwangi", "Mwangi"]
    assert mwangi.role == "Kenya's Transport Minister"


def test_an_acronym_joins_the_name_it_follows_in_parentheses(analyse: Analyse) -> None:
    entities = analyse(WIRE)
    authority = _by_name(entities)["Kenya Ports Authority (KPA)"]
    assert authority.type is EntityType.ORGANISATION
    assert [WIRE[m.start : m.end] for m in authority.mentions] == [
        "Kenya Ports Authority (KPA)",  # one mention: the name is a verbatim span
        "KPA",
    ]
    assert not any(e.name == "KPA" for e in entities)


def test_an_acronym_joins_the_name_whose_initials_it_spells(analyse: Analyse) -> None:
    who = _by_name(analyse(WEB))["World Health Organisation"]
    assert [WEB[m.start : m.end] for m in who.mentions] == ["World Health Organisation", "WHO"]


def test_organisations_get_their_kind_by_rules(analyse: Analyse) -> None:
    entities = _by_name(analyse(WEB))
    assert entities["Ministry of Health"].kind == "government"
    assert entities["World Health Organisation"].kind == "international_organisation"
    assert entities["Reuters"].kind == "media_outlet"  # spaCy's label does not matter


def test_places_get_their_kind_by_rules(analyse: Analyse) -> None:
    entities = _by_name(analyse(WIRE))
    assert entities["Kenya"].kind == "country"
    assert entities["Rift Valley Province"].kind == "region_or_province"
    assert entities["Mombasa"].kind == "city_or_town"


def test_a_larger_place_after_a_comma_is_where_the_place_lies(analyse: Analyse) -> None:
    text = "Floods reached Portland, Oregon, on Sunday and closed the main bridge."
    entities = _by_name(analyse(text))
    assert entities["Portland"].within == "Oregon"
    assert entities["Oregon"].kind == "region_or_province"
    listed = _by_name(analyse("Ministers from France, Italy and Spain met in Rome."))
    assert all(e.within is None for e in listed.values())


def test_an_apposition_is_a_persons_role(analyse: Analyse) -> None:
    odhiambo = _by_name(analyse(WIRE))["Amina Odhiambo"]
    assert odhiambo.role == "authority's spokeswoman"


def test_nationalities_are_no_actors_but_a_group_that_acts_is(analyse: Analyse) -> None:
    names = set(_by_name(analyse(WIRE)))
    assert not any("Kenyan" in name for name in names)
    text = "The Taliban said on Sunday they had seized the town, Afghan officials said."
    entities = _by_name(analyse(text))
    assert entities["Taliban"].type is EntityType.ORGANISATION
    assert not any("Afghan" in name for name in entities)


def test_ids_follow_first_mentions_and_mentions_index_the_text(analyse: Analyse) -> None:
    entities = analyse(WIRE)
    assert [e.id for e in entities] == [f"E{i}" for i in range(1, len(entities) + 1)]
    firsts = [e.mentions[0].start for e in entities]
    assert firsts == sorted(firsts)
    for entity in entities:
        for mention in entity.mentions:
            written = WIRE[mention.start : mention.end]
            assert written == written.strip() and not written.endswith("'s")
            assert not written.lower().startswith("the ")


def test_a_headline_in_capitals_keeps_only_names_the_story_uses(analyse: Analyse) -> None:
    text = (
        "STORM HITS JAPAN, GUNMEN FLEE CAPITAL.\n"
        "A storm hit Japan on Friday, the weather agency said.\n"
    )
    entities = analyse(text)
    assert [e.name for e in entities if e.type is EntityType.PLACE] == ["Japan"]
    assert not any(e.name.isupper() and len(e.name) > 4 for e in entities)


def test_a_title_that_belongs_to_an_owner_does_not_make_an_organisation_a_person(
    analyse: Analyse,
) -> None:
    text = (
        "A police spokesman said two youths believed to be supporters of President Nelson "
        "Mandela's African National Congress (ANC) had been killed in the attack."
    )
    entities = _by_name(analyse(text))
    anc = next(e for name, e in entities.items() if name.startswith("African National"))
    assert anc.type is EntityType.ORGANISATION


def test_name_look_ups_find_what_the_regular_expressions_would() -> None:
    """_has_word, whole_word_spans and contains_words (str.find) agree with \\bword\\b,
    (?<![\\w-])name(?![\\w-]) and (?<!\\w)name(?!\\w) on random texts of letters, digits,
    underscores, hyphens, spaces and accents."""
    import random
    import re

    from summariser.analysis.entities import _has_word
    from summariser.text import contains_words, whole_word_spans

    rng = random.Random(11)
    for alphabet in ("ab_-1 é.'", "a -"):  # the second: many overlapping occurrences
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            word = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
            bounded = re.search(rf"\b{re.escape(word)}\b", text) is not None
            assert _has_word(text, word) == bounded, (text, word)
            spans = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
            assert list(whole_word_spans(text, word, joiners="-")) == spans, (text, word)
            whole = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
            assert contains_words(text, word) == whole, (text, word)
