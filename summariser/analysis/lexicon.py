"""Word lists and patterns the entity rules read: name particles, titles, group heads,
kinds of organisations and places. Data, kept apart from the rules that use it."""

from __future__ import annotations

import re

from summariser.analysis.candidates import EntityType

LABELS = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANISATION,
    "NORP": EntityType.ORGANISATION,  # only a group that acts, see _acting_group
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
}


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, as a set."""
    return frozenset(text.split())


# Lower-case words that belong inside a name: "Osama bin Laden", "Bank of England".
PARTICLES = _words(
    "of the and for de del della di da dos das du des la le van von der den al el ez ad "
    "bin ibn ben abu y e on in"
)
DETERMINERS = _words("the a an")
POSSESSIVE = _words("'s ’s ' ’")
# Capitalised only because they open a sentence or a caption: "Above Clinton ...".
OPENING_WORDS = _words(
    "above below pictured left right top bottom inset meanwhile however also but and so then "
    "now here there yesterday today tonight after before when while as at in on for from "
    "with by of to if although though despite since under over about against among between "
    "during without like unlike according"
)
DATE_WORDS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today yesterday tomorrow"
)
# Titles and occupations written before a name (spaCy sometimes counts them into it).
ROLE_WORDS = _words(
    "president minister premier chancellor secretary general colonel major captain "
    "commander lieutenant sergeant admiral brigadier marshal governor mayor senator "
    "congressman congresswoman representative ambassador envoy spokesman spokeswoman "
    "spokesperson chairman chairwoman chair director chief head leader king queen prince "
    "princess sheikh emir sultan pope cardinal bishop archbishop rabbi imam cleric judge "
    "justice prosecutor attorney lawyer professor prof dr mr mrs ms miss sir lord lady dame "
    "sen rep sec gov gen col lt sgt capt defender striker goalkeeper keeper midfielder forward "
    "coach manager skipper analyst economist adviser advisor aide correspondent reporter "
    "editor officer official detective inspector constable superintendent commissioner "
    "executive ceo founder owner actor actress singer presenter author writer rival "
    "team-mate teammate candidate nominee strategist victim passenger witness driver pilot "
    "husband wife son daughter father mother brother sister widow partner rapper comedian "
    "musician star host producer filmmaker designer model chef footballer player boxer "
    "golfer speaker"
)
# Words that qualify a title but are none: "former", "acting".
TITLE_MODIFIERS = _words("former acting deputy vice then ex late outgoing incoming interim")
HONORIFICS = _words("mr mrs ms miss dr prof sir mr. mrs. ms. dr. prof.")
ROLE_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")
GENERIC_ROLES = _words("man woman person people one boy girl")
# Head nouns that make a "person" a group: "militant Islamist group Boko Haram".
GROUP_HEADS = _words(
    "group party movement militia organisation organization company firm bank agency "
    "newspaper network club team army force forces ministry council faction"
)
GENERIC_ORGANISATIONS = _words(
    "group groups party ministry government council army police court committee company "
    "agency department office union forces force military navy team club league division "
    "commission parliament cabinet state house senate"
)
# Portfolios spaCy tags as organisations inside a title: "Education Secretary Nicky Morgan".
PORTFOLIOS = _words(
    "education health defence defense foreign interior finance justice energy trade home "
    "transport environment agriculture treasury culture"
)
SHOUTING_SHARE = 0.9  # a line whose letters are this upper-case is a headline in capitals
MAX_ROLE_TOKENS = 12

NOT_ACTORS = _words(  # demonyms no country name starts with, faiths, ethnic groups
    "muslims moslems muslim moslem christians christian jews jew jewish hindus hindu "
    "buddhists buddhist sikhs sikh catholics catholic protestants protestant sunnis sunni "
    "shiites shi'ites shias shia shi'ite shiite arabs arab kurds kurd kurdish latinos "
    "latino hispanics hispanic europeans african africans asians asian westerners "
    "orthodox evangelicals blacks whites french dutch danes swedes finns scots welsh "
    "irish english britons filipinos basques catalans tamils pashtuns zulus"
)
PARTY_MEMBERS = _words(
    "democrats republicans conservatives tories liberals socialists communists labour "
    "greens nationalists"
)
COUNTRY_WORDS_TOO_COMMON = _words(
    "republic democratic people's peoples united states kingdom islamic federal federation "
    "islands island saint south north east west central new union state plurinational "
    "bolivarian territory territories province grand great french british dutch the and "
    "administrative christmas city coast commonwealth confederation duchy eastern federated "
    "federative holy independent minor northern southern western ocean outlying part "
    "principality region socialist special sultanate virgin heard"
)
# Names in common use that ISO 3166 writes otherwise ("Türkiye", "Russian Federation").
COUNTRY_ALIASES = (
    "russia", "britain", "great britain", "uk", "u.k.", "us", "u.s.", "usa", "u.s.a.",
    "america", "united states", "vietnam", "laos", "syria", "iran", "bolivia", "venezuela",
    "tanzania", "moldova", "taiwan", "south korea", "north korea", "ivory coast",
    "czech republic", "czechia", "congo", "democratic republic of congo", "dr congo",
    "kosovo", "macedonia", "burma", "holland", "netherlands", "palestine", "swaziland",
    "east timor", "cape verde", "micronesia", "brunei", "vatican", "uae", "england",
    "scotland", "wales", "northern ireland", "turkey",
)  # fmt: skip
MEDIA_WORDS = (
    r"times|post|journal|herald|tribune|telegraph|guardian|gazette|daily|magazine|"
    r"television|channel|newswire|wire|newspaper|broadcasting|broadcaster|press|media"
)
GOVERNMENT_WORDS = (
    r"authority|administration|senate|parliament|assembly|duma|committee|commission|"
    r"presidency|police|court"
)
LEGISLATURE = re.compile(r"^(?:u\.s\.|us|united states)?\s*congress$")
COMPANY_WORDS = r"plc|holdings|airlines?|airways|motors|industries|\w+bank|telecom"
INTERNATIONAL = re.compile(
    r"^(?:international|world)\b|^(?:un|u\.n\.|nato|eu|imf|who|wto|opec|osce|asean|au|icrc|"
    r"unicef|unhcr|unesco|interpol|fifa|ioc|uefa)$"
)
REGION_WORDS = _words(
    "province provinces region state oblast governorate prefecture county territory canton "
    "krai kray emirate republic department voivodeship"
)
DISTRICT_WORDS = _words(
    "district borough neighbourhood neighborhood quarter suburb township ward municipality"
)
SITE_WORDS = _words(
    "airport square bridge hospital station stadium prison base palace camp port harbour "
    "harbor dam mosque church cathedral temple university school building tower plant "
    "centre center museum embassy hotel market mall park"
)
SITES_NOT_SURNAMES = _words(
    "airport square hospital station stadium prison palace mosque cathedral university "
    "museum embassy hotel tower harbour harbor dam mall"
)
ROUTE_WORDS = _words("road highway motorway route expressway freeway avenue corridor")
COMPASS = _words(
    "far near middle north south east west northern southern eastern western central upper lower"
)
NOT_A_NAME = re.compile(r"^(?:Group|Pool|Division|Section|Round|Zone|Grade|Class)\s+\w$")
GLUED = re.compile(r"[a-z]{4}[A-Z]|[?!;:\[\]{}]")  # "victoryNigeria", "lost?Buhari"
ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,9}$")
PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.&]{1,9})\)")
PLACE_HEAD = re.compile(
    r"^(?!\w+ic\b)[A-Z][\w'-]*(?:\s[A-Z][\w'-]*)?\s(?:State|Province|Region|Oblast|Governorate|"
    r"County|Prefecture|Territory)$"
)  # "Rivers State" is a place; "Islamic State" is not
