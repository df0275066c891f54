from __future__ import annotations

import itertools

from summariser.analysis.candidates import NonContentKind
from summariser.analysis.noncontent import find_noncontent


def _found(text: str) -> list[tuple[NonContentKind, str]]:
    return [(n.kind, text[n.start : n.end]) for n in find_noncontent(text)]


def test_a_by_line_is_a_byline_with_or_without_an_outlet() -> None:
    text = "Harbour fire spreads\nBy Jane Doe\nThe fire spread overnight.\n"
    assert _found(text) == [(NonContentKind.BYLINE, "By Jane Doe")]
    text = "By TOMAS VERHOEVEN, Reuters\nThe fire spread overnight."
    assert _found(text) == [(NonContentKind.BYLINE, "By TOMAS VERHOEVEN, Reuters")]


def test_staff_credits_at_the_end_are_a_byline() -> None:
    text = "The port reopened on Friday.\n(Reporting by Ana Lima; Editing by Tom Hale)"
    assert _found(text) == [
        (NonContentKind.BYLINE, "(Reporting by Ana Lima; Editing by Tom Hale)"),
    ]


def test_a_sentence_that_starts_with_by_is_content() -> None:
    assert _found("By Friday, the army had crossed the river.\nBy then it was over.") == []


def test_the_wire_layout_gives_a_byline_and_a_whole_line_dateline() -> None:
    text = (
        "Ferry sinks off coast.\n"
        "Maria Okafor\n"
        "LAGOS 2001-03-14\n"
        "A ferry sank off the coast of Lagos on Wednesday, officials said.\n"
    )
    assert _found(text) == [
        (NonContentKind.BYLINE, "Maria Okafor"),
        (NonContentKind.DATELINE, "LAGOS 2001-03-14"),
    ]


def test_a_dateline_is_only_the_prefix_of_its_line() -> None:
    text = (
        "KABUL (Reuters) - Heavy snow closed the Salang pass on Monday.\n"
        "ST. PETERSBURG, Russia, March 3 (AP) -- Ice closed the port.\n"
        "MOSCOW, June 3. /TASS/. The ministry said the talks went well.\n"
        "Washington (CNN)The Senate passed the bill."
    )
    assert [s for k, s in _found(text) if k is NonContentKind.DATELINE] == [
        "KABUL (Reuters) -",
        "ST. PETERSBURG, Russia, March 3 (AP) --",
        "MOSCOW, June 3. /TASS/.",
        "Washington (CNN)",
    ]


def test_a_headline_in_capitals_or_an_acronym_opening_a_sentence_is_no_dateline() -> None:
    text = "SOCCER - HARBOUR CITY WIN THE CUP.\nNATO said on Monday it would send ships."
    assert _found(text) == []


def test_flattened_captions_end_where_the_story_resumes() -> None:
    text = (
        "Image copyright Example Agency Image caption Firefighters worked through the night "
        "at the harbour Dozens of boats were damaged, the port authority said."
    )
    assert _found(text) == [
        (NonContentKind.CREDIT, "Image copyright Example Agency"),
        (
            NonContentKind.CAPTION,
            "Image caption Firefighters worked through the night at the harbour",
        ),
    ]


def test_a_gallery_s_captions_between_its_repeated_credits_are_captions() -> None:
    text = (
        "The mayor resigned on Friday. Getty Images 4 The mayor leaves the town hall after "
        "the vote Getty Images 4 Supporters gathered outside the council chamber AP 4 "
        "Council members said the budget would be reviewed."
    )
    assert _found(text) == [
        (NonContentKind.CREDIT, "Getty Images 4"),
        (NonContentKind.CAPTION, "The mayor leaves the town hall after the vote"),
        (NonContentKind.CREDIT, "Getty Images 4"),
        (NonContentKind.CAPTION, "Supporters gathered outside the council chamber"),
        (NonContentKind.CREDIT, "AP 4"),
    ]
    numbered = (
        "Crowds gathered. Ben Morgan 2/3 A police cordon is in place on the high road "
        "Ben Morgan 3/3 Witnesses reported seeing victims carried from the tram."
    )
    assert _found(numbered)[:3] == [
        (NonContentKind.CREDIT, "Ben Morgan 2/3"),
        (NonContentKind.CAPTION, "A police cordon is in place on the high road"),
        (NonContentKind.CREDIT, "Ben Morgan 3/3"),
    ]
    # A number after a name twice is no gallery; nor are scores.
    assert _found("Reuters 5 years ago reported the fire. Reuters 5 Days later it spread.") == []
    assert _found("Arsenal 2 Chelsea 2 Everton 2 Spurs 1 were the results.") == []


def test_photo_credits_are_credits() -> None:
    text = "The tram left the rails. (Photo: AP) Crews arrived (Getty Images) within minutes."
    assert _found(text) == [
        (NonContentKind.CREDIT, "(Photo: AP)"),
        (NonContentKind.CREDIT, "(Getty Images)"),
    ]


def test_page_furniture_is_boilerplate() -> None:
    text = (
        "The mayor resigned. Scroll down for video\n"
        "Read more: Mayor under pressure over budget\n"
        "Advertisement\n"
        "Share this article\n"
        "She will stay until a successor is chosen."
    )
    assert _found(text) == [
        (NonContentKind.BOILERPLATE, "Scroll down for video"),
        (NonContentKind.BOILERPLATE, "Read more: Mayor under pressure over budget"),
        (NonContentKind.BOILERPLATE, "Advertisement"),
        (NonContentKind.BOILERPLATE, "Share this article"),
    ]


def test_stretches_are_in_text_order_and_never_overlap() -> None:
    text = (
        "By Jane Doe\nNAIROBI (Reuters) - Rains hit the city. (Photo: AP)\n"
        "(Reporting by Ana Lima; Editing by Tom Hale)"
    )
    found = find_noncontent(text)
    assert [n.kind for n in found] == [
        NonContentKind.BYLINE,
        NonContentKind.DATELINE,
        NonContentKind.CREDIT,
        NonContentKind.BYLINE,
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
