"""Places made plain by the words around them (articles written for the tests)."""

from __future__ import annotations

from summariser.analysis.analyse import analyse
from summariser.analysis.candidates import EntityType
from summariser.input.documents import make_document


def _places(text: str) -> dict[str, str]:
    analysis = analyse(make_document(text))
    return {e.name: e.kind for e in analysis.entities if e.type is EntityType.PLACE}


def test_a_name_before_a_place_noun_is_that_place_with_the_noun() -> None:
    places = _places(
        "Troops active in the northern part of the Varnak province advanced, and an airstrike "
        "hit a depot in the Marbuk district on Monday."
    )
    assert places.get("Varnak province") == "region_or_province"
    assert places.get("Marbuk district") == "district"


def test_the_name_after_the_city_of_is_a_city() -> None:
    places = _places("Aid convoys reached the city of Talsk on Tuesday, officials said.")
    assert places.get("Talsk") == "city_or_town"


def test_a_name_joined_to_a_place_is_a_place() -> None:
    places = _places(
        "Engineers reopened the highway connecting Merovia and Deir ez-Zor after the attack."
    )
    assert "Merovia" in places


def test_ids_stay_in_text_order_after_places_are_added() -> None:
    analysis = analyse(
        make_document("Police in the Marbuk district said Mayor Ilse Brandt had left Talsk.")
    )
    assert [e.id for e in analysis.entities] == [
        f"E{i}" for i in range(1, len(analysis.entities) + 1)
    ]
    starts = [e.mentions[0].start for e in analysis.entities]
    assert starts == sorted(starts)
