"""The outlet table: who publishes, what kind of outlet it is, who owns it and whose state
stands behind it, and the Admiralty reliability our rules give it. Data, shared by every
stage.

``OUTLETS`` are the outlets a single brief recognises in an article (by a dateline or
credit, ``patterns[0]``, or by the page's site name): the analysis and the source
assessment read them, so adding one changes briefs (and the analysis's version).
``NEWSPAPERS`` are further outlets that comparisons across outlets look up by site name,
web address or name (``lookup``), to tell which accounts share an owner or a state.
Ownership changes: each :class:`Ownership` says when it held (years), so an article is
judged by who owned the outlet when it was published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from summariser.schema import Reliability


@dataclass(frozen=True)
class Ownership:
    """Who owned an outlet, from ``since`` to ``until`` (years, inclusive; None: open)."""

    owner: str
    since: int | None = None
    until: int | None = None
    controller: str | None = None  # who controls the owner, when that links outlets

    def held_in(self, year: int | None) -> bool:
        if year is None:
            return self.until is None  # undated: today's owner
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    country: str | None
    reliability: Reliability
    reason: str
    patterns: tuple[str, ...]
    owners: tuple[Ownership, ...] = ()
    state: str | None = None  # the state that owns, funds or controls it
    aliases: tuple[str, ...] = ()  # site names and web domains ("dailymail.co.uk")
    url_markers: tuple[str, ...] = ()  # paths of this wire's copy on other sites

    @property
    def is_wire(self) -> bool:
        """A news agency whose copy other outlets carry."""
        return "wire service" in self.kind or "news agency" in self.kind

    def ownership(self, year: int | None) -> Ownership | None:
        """Who owned the outlet in ``year`` (today, when None), if the table knows."""
        return next((o for o in self.owners if o.held_in(year)), None)


_STATE = "state-owned outlets report their government's positions"
_WIRE = "established wire service with editorial standards and corrections"
OUTLETS: tuple[Outlet, ...] = (
    Outlet("TASS", "state-owned news agency (wire service)", "Russia", Reliability.C,
           _STATE, (r"/TASS/", r"\bTASS\b"),
           owners=(Ownership("Government of Russia"),), state="Russia",
           aliases=("tass.com", "tass.ru")),
    Outlet("RIA Novosti", "state-owned news agency", "Russia", Reliability.C, _STATE,
           (r"\bRIA Novosti\b",),
           owners=(Ownership("Government of Russia", until=2013),
                   Ownership("Rossiya Segodnya", since=2014)),
           state="Russia", aliases=("ria.ru",)),
    Outlet("RT", "state-owned broadcaster", "Russia", Reliability.D,
           "state-owned broadcaster with a record of false reports", (r"\(RT\)",),
           owners=(Ownership("ANO TV-Novosti"),), state="Russia", aliases=("rt.com",)),
    Outlet("SANA", "state-owned news agency", "Syria", Reliability.C, _STATE,
           (r"\(SANA\)\s*[-–—]", r"^SANA\b"),
           owners=(Ownership("Syrian Ministry of Information"),), state="Syria",
           aliases=("sana.sy",)),
    Outlet("Xinhua", "state-owned news agency", "China", Reliability.C, _STATE,
           (r"\(Xinhua\)",),
           owners=(Ownership("State Council of the People's Republic of China"),),
           state="China", aliases=("xinhuanet.com", "news.cn")),
    Outlet("Reuters", "wire service", None, Reliability.B, _WIRE,
           (r"\(Reuters\)", r"\bReuters\b"),
           owners=(Ownership("Reuters Group", until=2007),
                   Ownership("Thomson Reuters", since=2008)),
           aliases=("reuters.com",), url_markers=("/wires/reuters/",)),
    Outlet("Associated Press", "wire service", None, Reliability.B, _WIRE,
           (r"\(AP\)", r"\bAssociated Press\b"),
           owners=(Ownership("Associated Press (member cooperative)"),),
           aliases=("AP", "apnews.com"), url_markers=("/wires/ap/",)),
    Outlet("AFP", "wire service", None, Reliability.B, _WIRE,
           (r"\(AFP\)", r"\bAgence France-Presse\b"),
           owners=(Ownership("Agence France-Presse (autonomous public body)"),),
           aliases=("Agence France-Presse", "afp.com"), url_markers=("/wires/afp/",)),
    Outlet("BBC", "public broadcaster", None, Reliability.B,
           "established public broadcaster with editorial standards", (r"\bBBC\b",),
           owners=(Ownership("BBC (UK public corporation)"),),
           aliases=("bbc.com", "bbc.co.uk", "BBC News")),
    Outlet("CNN", "commercial broadcaster", None, Reliability.C,
           "commercial broadcaster", (r"\(CNN\)",),
           owners=(Ownership("Time Warner", 1996, 2017),
                   Ownership("WarnerMedia (AT&T)", 2018, 2021),
                   Ownership("Warner Bros. Discovery", since=2022)),
           aliases=("cnn.com",)),
)  # fmt: skip

_PAPER = "national newspaper with editorial standards and published corrections"
_TABLOID = "tabloid newspaper: fast, lightly sourced reporting"
_MURDOCH = "Murdoch family"
NEWSPAPERS: tuple[Outlet, ...] = (
    Outlet("The Guardian", "newspaper", "United Kingdom", Reliability.B, _PAPER,
           (r"\btheguardian\.com\b",),
           owners=(Ownership("Guardian Media Group (Scott Trust)"),),
           aliases=("theguardian", "theguardian.com", "guardian.co.uk", "Guardian")),
    Outlet("The Daily Telegraph", "newspaper", "United Kingdom", Reliability.B, _PAPER,
           (r"\btelegraph\.co\.uk\b",),
           owners=(Ownership("Press Holdings (Barclay family)", 2004, 2023),),
           aliases=("telegraph", "telegraph.co.uk", "The Telegraph")),
    Outlet("The Times", "newspaper", "United Kingdom", Reliability.B, _PAPER,
           (r"\bthetimes\.co\.uk\b",),
           owners=(Ownership("News Corp (News UK)", since=1981, controller=_MURDOCH),),
           aliases=("thetimes.co.uk",)),
    Outlet("The Independent", "newspaper", "United Kingdom", Reliability.B, _PAPER,
           (r"\bindependent\.co\.uk\b",),
           owners=(Ownership("Lebedev family", since=2010),),
           aliases=("independent", "independent.co.uk")),
    Outlet("Evening Standard", "newspaper", "United Kingdom", Reliability.B, _PAPER,
           (r"\bstandard\.co\.uk\b",),
           owners=(Ownership("Lebedev family", since=2009),),
           aliases=("standard", "standard.co.uk", "London Evening Standard")),
    Outlet("Daily Mail", "tabloid newspaper", "United Kingdom", Reliability.C, _TABLOID,
           (r"\bdailymail\.co\.uk\b",),
           owners=(Ownership("DMG Media (Daily Mail and General Trust)"),),
           aliases=("dailymail", "dailymail.co.uk", "Mail Online", "MailOnline")),
    Outlet("Daily Mirror", "tabloid newspaper", "United Kingdom", Reliability.C, _TABLOID,
           (r"\bmirror\.co\.uk\b",),
           owners=(Ownership("Reach plc (Trinity Mirror until 2018)", since=1999),),
           aliases=("mirror", "mirror.co.uk", "The Mirror")),
    Outlet("Daily Express", "tabloid newspaper", "United Kingdom", Reliability.C, _TABLOID,
           (r"\bexpress\.co\.uk\b",),
           owners=(Ownership("Northern & Shell (Richard Desmond)", 2000, 2017),
                   Ownership("Reach plc (Trinity Mirror until 2018)", since=2018)),
           aliases=("express", "express.co.uk", "The Express")),
    Outlet("The Sun", "tabloid newspaper", "United Kingdom", Reliability.C, _TABLOID,
           (r"\bthesun\.co\.uk\b",),
           owners=(Ownership("News Corp (News UK)", since=1969, controller=_MURDOCH),),
           aliases=("thesun", "thesun.co.uk", "Sun")),
    Outlet("The New York Times", "newspaper", "United States", Reliability.B, _PAPER,
           (r"\bnytimes\.com\b",),
           owners=(Ownership("The New York Times Company"),),
           aliases=("nytimes", "nytimes.com", "New York Times", "NYT")),
    Outlet("The Washington Post", "newspaper", "United States", Reliability.B, _PAPER,
           (r"\bwashingtonpost\.com\b",),
           owners=(Ownership("The Washington Post Company (Graham family)", until=2012),
                   Ownership("Nash Holdings (Jeff Bezos)", since=2013)),
           aliases=("washingtonpost", "washingtonpost.com", "Washington Post")),
    Outlet("USA Today", "newspaper", "United States", Reliability.B, _PAPER,
           (r"\busatoday\.com\b",),
           owners=(Ownership("Gannett"),),
           aliases=("usatoday", "usatoday.com")),
    Outlet("The Wall Street Journal", "newspaper", "United States", Reliability.B, _PAPER,
           (r"\bwsj\.com\b",),
           owners=(Ownership("News Corp (Dow Jones)", since=2007, controller=_MURDOCH),),
           aliases=("wsj", "wsj.com", "Wall Street Journal")),
    Outlet("New York Post", "tabloid newspaper", "United States", Reliability.C, _TABLOID,
           (r"\bnypost\.com\b",),
           owners=(Ownership("News Corp", since=1993, controller=_MURDOCH),),
           aliases=("nypost", "nypost.com")),
    Outlet("Fox News", "commercial broadcaster", "United States", Reliability.C,
           "commercial broadcaster", (r"\bfoxnews\.com\b",),
           owners=(Ownership("News Corporation", 1996, 2012, controller=_MURDOCH),
                   Ownership("21st Century Fox", 2013, 2018, controller=_MURDOCH),
                   Ownership("Fox Corporation", since=2019, controller=_MURDOCH)),
           aliases=("foxnews", "foxnews.com")),
    Outlet("PA Media", "news agency (wire service)", "United Kingdom", Reliability.B, _WIRE,
           (r"\(PA\)\s*[-–—]",),
           owners=(Ownership("PA Media Group"),),
           aliases=("Press Association", "PA", "pamediagroup.com"), url_markers=("/wires/pa/",)),
    Outlet("Bloomberg", "news agency (wire service)", "United States", Reliability.B, _WIRE,
           (r"\(Bloomberg\)\s*[-–—]",),
           owners=(Ownership("Bloomberg L.P."),),
           aliases=("bloomberg.com", "Bloomberg News")),
    Outlet("Al Jazeera", "state-funded broadcaster", "Qatar", Reliability.C, _STATE,
           (r"\baljazeera\.com\b",),
           owners=(Ownership("Al Jazeera Media Network"),), state="Qatar",
           aliases=("aljazeera", "aljazeera.com")),
    Outlet("Sputnik", "state-owned news agency", "Russia", Reliability.D,
           "state-owned outlet with a record of false reports", (r"\bsputniknews\.com\b",),
           owners=(Ownership("Rossiya Segodnya", since=2014),), state="Russia",
           aliases=("sputniknews.com", "Sputnik News")),
    Outlet("Anadolu Agency", "state-owned news agency", "Turkey", Reliability.C, _STATE,
           (r"\baa\.com\.tr\b",),
           owners=(Ownership("Government of Turkey"),), state="Turkey",
           aliases=("aa.com.tr", "Anadolu")),
    Outlet("IRNA", "state-owned news agency", "Iran", Reliability.C, _STATE,
           (r"\birna\.ir\b",),
           owners=(Ownership("Government of Iran"),), state="Iran",
           aliases=("irna.ir", "Islamic Republic News Agency")),
    Outlet("Press TV", "state-owned broadcaster", "Iran", Reliability.D,
           "state-owned broadcaster with a record of false reports", (r"\bpresstv\.ir\b",),
           owners=(Ownership("IRIB (Islamic Republic of Iran Broadcasting)"),), state="Iran",
           aliases=("presstv.ir", "presstv.com")),
    Outlet("Global Times", "state-owned newspaper", "China", Reliability.C, _STATE,
           (r"\bglobaltimes\.cn\b",),
           owners=(Ownership("People's Daily"),), state="China", aliases=("globaltimes.cn",)),
    Outlet("France 24", "state-owned broadcaster", "France", Reliability.B,
           "state-owned broadcaster with editorial standards", (r"\bfrance24\.com\b",),
           owners=(Ownership("France Médias Monde"),), state="France",
           aliases=("france24.com",)),
)  # fmt: skip

ALL_OUTLETS: tuple[Outlet, ...] = OUTLETS + NEWSPAPERS


def _fold(name: str) -> str:
    name = " ".join(name.replace("’", "'").casefold().split())
    return re.sub(r"^the\s+", "", name)


_BY_NAME: dict[str, Outlet] = {}
for _outlet in reversed(ALL_OUTLETS):  # the first entry wins a shared name
    for _name in (_outlet.name, *_outlet.aliases):
        _BY_NAME[_fold(_name)] = _outlet


def lookup(name: str | None) -> Outlet | None:
    """The outlet a site name, an outlet's name or alias, or a web address names."""
    if not name or not name.strip():
        return None
    found = _BY_NAME.get(_fold(name))
    if found is not None:
        return found
    host = urlparse(name if "://" in name else f"//{name}").hostname or ""
    host = host.removeprefix("www.")
    while host.count(".") >= 1:
        found = _BY_NAME.get(host)
        if found is not None:
            return found
        host = host.split(".", 1)[1]
    return None


def carried_wire(text: str, url: str | None) -> Outlet | None:
    """The wire service whose copy an article carries, by its web address
    (``/wires/reuters/``) or by the wire's dateline credit in the opening lines."""
    for outlet in ALL_OUTLETS:
        if url and any(marker in url for marker in outlet.url_markers):
            return outlet
    head = text[:400]
    for outlet in ALL_OUTLETS:
        if outlet.is_wire and re.search(outlet.patterns[0], head, re.MULTILINE):
            return outlet
    return None
