"""The rules of a comparison, one at a time: words, figures, claim pairs, credibility, and
the outlet table's owners and states. No parse and no model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summariser.comparison.align import Relation, decide, merge
from summariser.comparison.credibility import rate
from summariser.comparison.figures import FigureUnit, compatible_bounds, same_quantity, same_value
from summariser.comparison.schema import ClaimStatus, Dependence, DependenceKind
from summariser.comparison.units import ClaimUnit
from summariser.comparison.words import content_stems, dice, name_tokens, same_name
from summariser.outlets import ALL_OUTLETS, OUTLETS, carried_wire, lookup
from summariser.schema import Alignment, ClaimantKind, Evidence, NumberItem, Qualifier


def _evidence(text: str) -> Evidence:
    return Evidence(quote=text, start=0, end=len(text), alignment=Alignment.EXACT)


def _unit(
    article: str,
    statement: str,
    claimant: str = "",
    outlet: str | None = None,
    credibility: int = 3,
    direct: bool = False,
) -> ClaimUnit:
    kind = ClaimantKind.NAMED_SOURCE if claimant else ClaimantKind.OUTLET
    return ClaimUnit(
        key=f"{article}:{abs(hash(statement)) % 1000}",
        article=article,
        outlet=outlet or f"Outlet {article}",
        claimant=claimant or f"Outlet {article}",
        claimant_kind=kind,
        statement=statement,
        evidence=_evidence(statement),
        credibility=credibility,
        reason="single named source",
        from_brief=True,
        direct=direct,
        stems=content_stems(statement),
        names=name_tokens(statement),
    )


def _figure(
    article: str,
    text: str,
    value: float,
    *,
    dimension: str = "count:people",
    unit: str = "people",
    measure: str | None = "killed",
    context: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    qualifier: Qualifier = Qualifier.EXACT,
    factor: float = 1.0,
) -> FigureUnit:
    number = NumberItem(
        value=value, text=text, qualifier=qualifier, unit=unit, counts=unit,
        evidence=_evidence(text),
    )  # fmt: skip
    return FigureUnit(
        article=article, outlet=None, published=None, number=number, sentence=_evidence(text),
        dimension=dimension, unit=unit, low=value * factor, high=value * factor,
        measure=measure, context=frozenset(context), names=frozenset(names), about=context,
    )  # fmt: skip


def test_names_meet_at_their_last_words_only() -> None:
    assert same_name("Clinton", "Hillary Clinton")
    assert same_name("the FBI", "FBI")
    assert not same_name("Smith", "Smithson")
    assert not same_name("Tom Smith", "Andy Smith")


def test_content_stems_leave_out_function_words_cues_and_the_claimant() -> None:
    stems = content_stems("Rescuers said the boy was trapped", frozenset({"rescuers"}))
    assert stems == {"boy", "trapp"}
    assert dice(frozenset({"a", "b"}), frozenset({"b", "c"})) == 0.5


def test_lengths_in_other_units_are_one_value() -> None:
    metres = _figure("a1", "40m", 40, dimension="distance", unit="m", measure=None,
                     context=("well",))  # fmt: skip
    feet = _figure("a2", "131 feet", 131, dimension="distance", unit="m", measure=None,
                   context=("well",), factor=0.3048)  # fmt: skip
    deeper = _figure("a3", "80m", 80, dimension="distance", unit="m", measure=None,
                     context=("well",))  # fmt: skip
    assert same_quantity(metres, feet) and same_value(metres, feet)
    assert same_quantity(metres, deeper) and not same_value(metres, deeper)


def test_different_measures_or_far_sizes_are_different_quantities() -> None:
    killed = _figure("a1", "seven", 7)
    injured = _figure("a2", "51", 51, measure="injured")
    assert not same_quantity(killed, injured)
    narrow = _figure("a1", "30cm", 0.3, dimension="distance", unit="m", measure=None,
                     context=("well",))  # fmt: skip
    deep = _figure("a2", "40m", 40, dimension="distance", unit="m", measure=None,
                   context=("well",))  # fmt: skip
    assert not same_quantity(narrow, deep)


def test_ages_of_two_named_people_are_two_quantities() -> None:
    first = _figure("a1", "62", 62, dimension="age", unit="years", measure=None,
                    context=("victim",), names=("collett",))  # fmt: skip
    second = _figure("a2", "52", 52, dimension="age", unit="years", measure=None,
                     context=("victim",), names=("logan",))  # fmt: skip
    assert not same_quantity(first, second)


def test_bounds_that_can_all_be_true_are_said_so() -> None:
    more = _figure("a1", "more than 50", 50, qualifier=Qualifier.MORE_THAN)
    exact = _figure("a2", "51", 51)
    assert not same_value(more, exact)
    assert compatible_bounds([more, exact])
    assert not compatible_bounds([_figure("a1", "four", 4), _figure("a2", "six", 6)])


def test_near_identical_wording_is_the_same_claim() -> None:
    first = _unit("a1", "The ferry ran aground on a sandbank outside Karvik harbour on Tuesday.")
    second = _unit("a2", "The ferry ran aground on a sandbank outside Karvik harbour on Tuesday.")
    assert decide(first, second).relation is Relation.SAME


def test_one_subject_with_different_figures_is_a_conflict() -> None:
    first = _unit("a1", "At least 12 passengers were injured in the grounding.", "Tomas Lind")
    second = _unit("a2", "Eight passengers were injured, none seriously.", "Ingrid Dahl")
    twelve = _figure("a1", "At least 12", 12, measure="injured", unit="passengers",
                     dimension="count:passengers")  # fmt: skip
    eight = replace(twelve, article="a2", low=8, high=8)
    pair = decide(first, second, [twelve], [eight])
    assert pair.relation is Relation.CONFLICT
    assert pair.conflicts and "against" in pair.conflicts[0]


def test_a_loose_pair_with_a_shared_name_is_left_to_the_model() -> None:
    first = _unit("a1", "Lady Gaga staged a protest outside Trump Tower in New York.")
    second = _unit("a2", "Gaga joined protesters marching to Trump Tower on Wednesday night.")
    pair = decide(first, second)
    assert pair.relation is Relation.UNDECIDED
    assert "shared names" in pair.reason


def test_unrelated_claims_are_different() -> None:
    first = _unit("a1", "The driver was arrested on suspicion of manslaughter.")
    second = _unit("a2", "Divers will inspect the hull on Wednesday.")
    assert decide(first, second).relation is Relation.DIFFERENT


def test_a_chain_of_loose_pairs_does_not_merge_unrelated_claims() -> None:
    narrow = _unit("a1", "The well is too narrow for an adult rescuer to enter.")
    widened = _unit("a2", "The narrow well was widened and rescuers pumped oxygen into it.")
    oxygen = _unit("a3", "Rescuers pumped oxygen into the bottom of the shaft.")
    pairs = [decide(narrow, widened), decide(widened, oxygen), decide(narrow, oxygen)]
    groups = merge([narrow, widened, oxygen], pairs)
    assert all(len({u.article for u in g.units}) == len(g.units) for g in groups)
    assert not any({u.key for u in g.units} == {narrow.key, widened.key, oxygen.key}
                   for g in groups)  # fmt: skip


def _rate(units: list[ClaimUnit], groups: dict[str, int], rooms: dict[str, int],
          links: list[Dependence] | None = None) -> tuple[int, str]:  # fmt: skip
    rating = rate(units, ClaimStatus.AGREED, [], groups, rooms, links or [])
    return rating.credibility, rating.reason


def test_two_independent_outlets_and_claimants_confirm() -> None:
    units = [
        _unit("a1", "The ferry ran aground.", "coast guard", "Northwind Wire"),
        _unit("a2", "The ferry ran aground.", "Ingrid Dahl", "Fjord Herald"),
    ]
    credibility, reason = _rate(units, {"a1": 0, "a2": 1}, {"a1": 0, "a2": 1})
    assert credibility == 1
    assert "Northwind Wire" in reason and "Fjord Herald" in reason


def test_one_spokesman_quoted_by_two_outlets_confirms_only_that_he_said_it() -> None:
    units = [
        _unit("a1", "We will fight on.", "Zabihullah Mujahid", "Outlet One"),
        _unit("a2", "We will fight on until the end.", "Mujahid", "Outlet Two"),
    ]
    credibility, reason = _rate(units, {"a1": 0, "a2": 1}, {"a1": 0, "a2": 1})
    assert credibility == 2
    assert "said it, not that it is so" in reason


def test_one_quotation_under_two_names_is_one_source() -> None:
    words = "In a room full of hope, we will be heard. Nothing will stop us."
    units = [
        _unit("a1", words, "Gaga", "Outlet One", direct=True),
        _unit("a2", words, "the Bad Romance singer", "Outlet Two", direct=True),
    ]
    credibility, reason = _rate(units, {"a1": 0, "a2": 1}, {"a1": 0, "a2": 1})
    assert credibility == 2 and "the same words" in reason


def test_a_quotation_cut_differently_is_still_one_speakers_words() -> None:
    longer = "In a room full of hope, we will be heard. @deray Stand up for kindness."
    shorter = "In a room full of hope, we will be heard. Stand up for kindness."
    units = [
        _unit("a1", longer, "Gaga", "Outlet One", direct=True),
        _unit("a2", shorter, "the singer", "Outlet Two", direct=True),
    ]
    assert _rate(units, {"a1": 0, "a2": 1}, {"a1": 0, "a2": 1})[0] == 2


def test_a_short_common_quotation_from_two_people_is_two_sources() -> None:
    units = [
        _unit("a1", "We will win.", "Ann Lee", "Outlet One", direct=True),
        _unit("a2", "We will win.", "Bo Chan", "Outlet Two", direct=True),
    ]
    assert _rate(units, {"a1": 0, "a2": 1}, {"a1": 0, "a2": 1})[0] == 1


def test_outlets_with_one_owner_corroborate_but_do_not_confirm() -> None:
    units = [
        _unit("a1", "Gaga staged a protest.", "", "The Independent"),
        _unit("a2", "Gaga staged a protest.", "", "Evening Standard"),
    ]
    owner = Dependence(articles=["a1", "a2"], kind=DependenceKind.SAME_OWNER,
                       reason="The Independent and Evening Standard had one owner")  # fmt: skip
    credibility, reason = _rate(units, {"a1": 0, "a2": 0}, {"a1": 0, "a2": 1}, [owner])
    assert credibility == 2 and "one owner" in reason


@pytest.mark.parametrize("kind", [DependenceKind.SAME_OUTLET, DependenceKind.WIRE_COPY])
def test_the_same_outlet_or_wire_copy_never_raises_credibility(kind: DependenceKind) -> None:
    units = [
        _unit("a1", "Casualties rose.", "police", "Daily Mail", credibility=4),
        _unit("a2", "Casualties rose.", "officials", "Daily Mail", credibility=4),
    ]
    link = Dependence(articles=["a1", "a2"], kind=kind, reason="one newsroom")
    credibility, reason = _rate(units, {"a1": 0, "a2": 0}, {"a1": 0, "a2": 0}, [link])
    assert credibility == 4
    assert "no outlet confirms itself" in reason


def test_conflicting_accounts_are_doubtful() -> None:
    units = [_unit("a1", "Seven died.", "police"), _unit("a2", "Eight died.", "police")]
    rating = rate(units, ClaimStatus.CONFLICTING, ["7 against 8"], {"a1": 0, "a2": 1},
                  {"a1": 0, "a2": 1}, [])  # fmt: skip
    assert rating.credibility == 4 and "7 against 8" in rating.reason


def test_the_outlet_table_knows_owners_states_and_sites() -> None:
    assert lookup("dailymail") is lookup("https://www.dailymail.co.uk/news/x.html")
    assert lookup("The Sun") is lookup("thesun.co.uk") is not None
    assert lookup("example.com") is None and lookup(None) is None
    independent, standard = lookup("independent"), lookup("standard")
    assert independent is not None and standard is not None
    owned = [independent.ownership(2016), standard.ownership(2016)]
    assert owned[0] is not None and owned[1] is not None
    assert owned[0].owner == owned[1].owner == "Lebedev family"
    express, mirror = lookup("express"), lookup("mirror")
    assert express is not None and mirror is not None
    assert express.ownership(2016) != mirror.ownership(2016)
    later_express, later_mirror = express.ownership(2019), mirror.ownership(2019)
    assert later_express is not None and later_mirror is not None
    assert later_express.owner == later_mirror.owner
    tass, rt = lookup("TASS"), lookup("RT")
    assert tass is not None and rt is not None and tass.state == rt.state == "Russia"


def test_every_outlet_is_complete_and_the_brief_table_is_unchanged_in_membership() -> None:
    assert [o.name for o in OUTLETS] == [
        "TASS", "RIA Novosti", "RT", "SANA", "Xinhua", "Reuters", "Associated Press", "AFP",
        "BBC", "CNN",
    ]  # fmt: skip
    for outlet in ALL_OUTLETS:
        assert outlet.patterns and outlet.owners and outlet.reason


def test_carried_wire_copy_is_read_from_the_address_or_the_dateline() -> None:
    wire = carried_wire("text", "http://www.dailymail.co.uk/wires/reuters/article-1/x.html")
    assert wire is not None and wire.name == "Reuters"
    dated = carried_wire("WASHINGTON (Reuters) - The FBI said...", None)
    assert dated is not None and dated.name == "Reuters"
    assert carried_wire("A local story with no credit.", None) is None
