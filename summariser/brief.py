"""Analysis + the model's checked draft → the :class:`Brief`.

Code owns every fact: actors and places are the analysis's entities, numbers its
numbers, and claims its attributions, each with the speaker the parse found. The model
only chose which claims are key and phrased them, the headline and the summary; its
words pass the cross-check first (``grounding/crosscheck.py``). Without a draft
(``--model none``) the key claims are the first statements of the story and the prose is
built from the article's own words. The summary is always composed by code from the key
claims, each with its claimant.

No layer trusts the model, nor the article: text aimed at AI systems or hidden from readers
(``analysis/injection.py``) is warned about and noted in the source assessment, and every
actor, role, place, larger place and claimant the brief shows must be written in the
article outside that text (``_Grounded``); what is not is dropped with a warning.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from summariser.analysis.candidates import (
    Analysis,
    Attribution,
    Entity,
    EntityType,
    Injection,
    InjectionKind,
    SpeakerKind,
)
from summariser.analysis.injection import injection_cues
from summariser.grounding.align import fold
from summariser.grounding.crosscheck import (
    CrossCheck,
    KeyClaim,
    content_sentences,
    content_text,
    extractive_statement,
)
from summariser.input.documents import (
    STDIN_SOURCE,
    UNNAMED_SOURCE,
    Document,
    DocumentMeta,
    Sentence,
)
from summariser.rules.assessment import assess_source, find_outlet, rate_claim
from summariser.rules.paragraph import (
    DEFAULT_WORDS,
    claims_summary,
    make_paragraph,
    with_attribution,
)
from summariser.schema import (
    Actor,
    ActorKind,
    Alignment,
    Brief,
    BriefMeta,
    BriefWarning,
    Claim,
    ClaimantKind,
    Evidence,
    Location,
    LocationKind,
    Paragraph,
    Provenance,
    Usage,
    WarningKind,
)
from summariser.schema import (
    Attribution as ClaimAttribution,
)
from summariser.text import contains_words

_HEDGES = re.compile(
    r"\b(according to|reportedly|allegedly|apparently|said|says|say|told|claimed|claims|"
    r"added|pointed out|reads|reported|stated|the document says|the statement reads|"
    r"is believed|are believed|may have|might have|unconfirmed)\b",
    re.IGNORECASE,
)
_SPEAKER_KINDS = {
    SpeakerKind.NAMED: ClaimantKind.NAMED_SOURCE,
    SpeakerKind.UNNAMED: ClaimantKind.UNNAMED_SOURCE,
    SpeakerKind.EYEWITNESSES: ClaimantKind.EYEWITNESSES,
}
MAX_KEY_CLAIMS = 4
HEADLINE_WORDS = 16
MIN_HEADLINE_WORDS = 4
SUMMARY_WORDS = 60


def build_brief(
    document: Document,
    analysis: Analysis,
    key_claims: Sequence[int] | None = None,
    headline: str | None = None,
    *,
    model: str,
    prompt_version: str,
    usage: Usage,
) -> Brief:
    """The brief of ``document``. ``key_claims`` (sentence numbers, most important first)
    and ``headline`` are the model's choices; without them, rules choose. Every warning
    says what the cross-check changed."""
    check = CrossCheck(document, analysis)
    meta, dropped_fields = _checked_meta(document.meta, check)
    document = dataclasses.replace(document, meta=meta)
    outlet = find_outlet(document, document.meta.site)
    outlet_name = outlet.name if outlet else None
    grounded = _Grounded(analysis, fold(content_text(document.text, analysis.injections)))
    actors = grounded.actors(
        [_actor(document, e) for e in analysis.entities if e.type is not EntityType.PLACE]
    )
    locations = grounded.locations(
        [_location(document, e) for e in analysis.entities if e.type is EntityType.PLACE]
    )
    if key_claims is not None:
        keys = [k for i, n in enumerate(key_claims) for k in check.key_claims(i, n)]
    else:
        keys = _key_claims_by_rule(document, analysis, check)
    claims = grounded.claims(_claims(document, analysis, keys, outlet_name, actors))
    headline, summary = _prose(document, analysis, headline, check, claims)
    assessment = assess_source(
        document,
        [(c.claimant, c.claimant_kind, c.evidence.quote) for c in claims],
        actors,
        site=document.meta.site,
        aimed_at_ai=dropped_fields
        + sum(i.kind is not InjectionKind.HIDDEN for i in analysis.injections),
        hidden=sum(i.kind is InjectionKind.HIDDEN for i in analysis.injections),
    )
    warnings = [
        *(_injection_warning(i) for i in analysis.injections),
        *grounded.warnings,
        *check.warnings,
        *(
            BriefWarning(kind=WarningKind.MERGED, item=item, reason=reason)
            for item, reason in analysis.number_repeats
        ),
    ]
    brief = Brief(
        text=document.text,
        headline=headline,
        summary=summary,
        claims=claims,
        numbers=analysis.numbers,
        actors=actors,
        locations=locations,
        source_assessment=assessment,
        paragraph=Paragraph(text="", words=0, max_words=DEFAULT_WORDS, faithful=False),
        warnings=warnings,
        provenance=_provenance(document, outlet_name),
        meta=BriefMeta(
            created=made_at(),
            prompt_version=prompt_version,
            model=model,
            input_sha256=document.sha256,
            input_chars=len(document.text),
            usage=usage,
        ),
    )
    return brief.model_copy(update={"paragraph": make_paragraph(brief)})


# -- what the article aims at AI systems, and what the brief may show ----------------

INSTRUCTIONS_WARNING = "the article contains instructions aimed at AI systems"
HIDDEN_WARNING = "the article hides text from its readers, a way to aim instructions at AI systems"


def _injection_warning(injection: Injection) -> BriefWarning:
    """One warning a stretch, naming its offsets and our cues, never the article's words."""
    what = HIDDEN_WARNING if injection.kind is InjectionKind.HIDDEN else INSTRUCTIONS_WARNING
    return BriefWarning(
        kind=WarningKind.DROPPED,
        item=f"text [{injection.start}:{injection.end}]",
        reason=f"{what} ({'; '.join(injection.cues)}): kept out of the brief and the model's "
        "reading",
    )


def _checked_meta(meta: DocumentMeta, check: CrossCheck) -> tuple[DocumentMeta, int]:
    """The page's metadata without a field that addresses AI systems (a ``<title>`` or an
    author line can carry instructions too): it is dropped, with a warning. Also how many
    were dropped."""
    dropped: dict[str, None] = {}
    for name in ("title", "site", "author", "date"):
        value = getattr(meta, name)
        cues = injection_cues(value) if value else []
        if cues:
            dropped[name] = None
            check.warn(
                WarningKind.DROPPED,
                f"page {name}",
                f"{INSTRUCTIONS_WARNING} ({'; '.join(cues)}): not used",
            )
    return (dataclasses.replace(meta, **dropped) if dropped else meta), len(dropped)


_ONLY_INJECTED = "not written in the article outside the text aimed at AI systems"


@dataclasses.dataclass
class _Grounded:
    """What the brief shows must be written in the article, outside the stretches aimed
    at AI systems: actors and places by a mention there, roles, larger places and
    claimants by their words there. The parse finds them in the article's text, so this
    holds by construction; the check keeps it so whatever changes upstream."""

    analysis: Analysis
    folded_content: str
    warnings: list[BriefWarning] = dataclasses.field(default_factory=list)

    def _written(self, words: str) -> bool:
        return contains_words(self.folded_content, fold(words))

    def _outside(self, evidence: Evidence) -> bool:
        return all(
            not (i.start < evidence.end and evidence.start < i.end)
            for i in self.analysis.injections
        )

    def _drop(self, item: str, reason: str) -> None:
        self.warnings.append(BriefWarning(kind=WarningKind.DROPPED, item=item, reason=reason))

    def actors(self, actors: list[Actor]) -> list[Actor]:
        kept = []
        for actor in actors:
            evidence = [e for e in actor.evidence if self._outside(e)]
            if not evidence:
                self._drop(f'actor "{actor.name}"', _ONLY_INJECTED)
                continue
            role = actor.role
            if role and not self._written(role):
                self._drop(f'role of "{actor.name}"', f'"{role}" is not written in the article')
                role = None
            kept.append(actor.model_copy(update={"evidence": evidence, "role": role}))
        return kept

    def locations(self, locations: list[Location]) -> list[Location]:
        kept = []
        for location in locations:
            evidence = [e for e in location.evidence if self._outside(e)]
            if not evidence:
                self._drop(f'location "{location.name}"', _ONLY_INJECTED)
                continue
            kept.append(location.model_copy(update={"evidence": evidence}))
        names = [fold(loc.name) for loc in kept]
        for index, location in enumerate(kept):
            within = location.within
            place = fold(within or "")
            named = any(contains_words(n, place) or contains_words(place, n) for n in names)
            if within and not (named and self._written(within)):
                reason = "the larger place is not a place the article names"
                self._drop(f'"{location.name}" in "{within}"', reason)
                kept[index] = location.model_copy(update={"within": None})
        return kept

    def claims(self, claims: list[Claim]) -> list[Claim]:
        kept = []
        for claim in claims:
            item = f'claim "{_short(claim.statement)}"'
            if not self._outside(claim.evidence):
                self._drop(item, "its sentence holds text aimed at AI systems")
            elif claim.claimant_kind is not ClaimantKind.OUTLET and not self._written(
                claim.claimant
            ):
                self._drop(item, f'the claimant "{claim.claimant}" is not written in the article')
            else:
                kept.append(claim)
        return kept


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- provenance -----------------------------------------------------------------------


def _provenance(document: Document, outlet: str | None) -> Provenance:
    meta = document.meta
    source = {UNNAMED_SOURCE: None, STDIN_SOURCE: "-"}.get(document.source, document.source)
    return Provenance(
        source=source,
        url=meta.url,
        title=meta.title,
        author=meta.author,
        published=meta.date,
        outlet=outlet or meta.site,
    )


def made_at() -> datetime:
    """Now, in UTC to the second; ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) fixes
    it, so a regenerated sample or a test gets the same bytes."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return datetime.fromtimestamp(int(fixed), UTC)
    return datetime.now(UTC).replace(microsecond=0)


# -- entities -------------------------------------------------------------------------


def _evidence(document: Document, start: int, end: int) -> Evidence:
    return Evidence(quote=document.text[start:end], start=start, end=end, alignment=Alignment.EXACT)


def _actor(document: Document, entity: Entity) -> Actor:
    kind = ActorKind.PERSON if entity.type is EntityType.PERSON else _actor_kind(entity.kind)
    return Actor(
        name=entity.name,
        kind=kind,
        role=entity.role,
        evidence=[_evidence(document, m.start, m.end) for m in entity.mentions],
    )


def _actor_kind(kind: str) -> ActorKind:
    try:
        return ActorKind(kind)
    except ValueError:
        return ActorKind.OTHER


def _location(document: Document, entity: Entity) -> Location:
    try:
        kind = LocationKind(entity.kind)
    except ValueError:
        kind = LocationKind.OTHER
    return Location(
        name=entity.name,
        kind=kind,
        within=entity.within,
        evidence=[_evidence(document, m.start, m.end) for m in entity.mentions],
    )


# -- claims ---------------------------------------------------------------------------


def _key_claims_by_rule(
    document: Document, analysis: Analysis, check: CrossCheck
) -> list[KeyClaim]:
    """Without a model: each source's first statement, sources in the order the story
    cites them (news puts what matters first), named sources before unnamed ones; the
    lead sentences when nobody is quoted."""
    first_of: dict[str, Attribution] = {}
    for attribution in analysis.attributions:
        first_of.setdefault(attribution.speaker.lower(), attribution)
    ranked = sorted(
        first_of.values(),
        key=lambda a: (a.speaker_kind is not SpeakerKind.NAMED, a.content.start),
    )
    keys: list[KeyClaim] = []
    used: set[int] = set()
    for attribution in ranked:
        sentence = document.sentence_at(attribution.content.start)
        if sentence is None or sentence.number in used:
            continue
        used.add(sentence.number)
        content = document.text[attribution.content.start : attribution.content.end]
        keys.append(KeyClaim(sentence, attribution, extractive_statement(content, True)))
        if len(keys) == MAX_KEY_CLAIMS:
            break
    if not keys:
        for sentence in content_sentences(document, analysis)[:2]:
            text = document.sentence_text(sentence)
            keys.append(KeyClaim(sentence, None, extractive_statement(text, True)))
    return keys


def _claims(
    document: Document,
    analysis: Analysis,
    keys: list[KeyClaim],
    outlet: str | None,
    actors: list[Actor],
) -> list[Claim]:
    """Every attributed statement as a claim, the key ones first in the model's order;
    a key claim the article asserts itself is the outlet's."""
    claims: list[Claim] = []
    keyed: dict[str, KeyClaim] = {}
    for key in keys:
        if key.attribution is None:
            claims.append(_outlet_claim(document, key, outlet, actors))
        elif key.attribution.id not in keyed:
            keyed[key.attribution.id] = key
            claims.append(
                _claim(
                    document, key.attribution, key.statement, True, actors, analysis.attributions
                )
            )
    for attribution in analysis.attributions:
        if attribution.id not in keyed:
            content = document.text[attribution.content.start : attribution.content.end]
            statement = extractive_statement(content)
            claims.append(
                _claim(document, attribution, statement, False, actors, analysis.attributions)
            )
    return claims


def _sentences_covering(document: Document, start: int, end: int) -> tuple[int, int]:
    """The whole sentences that hold ``text[start:end]``."""
    first = document.sentence_at(start)
    last = document.sentence_at(max(start, end - 1))
    return (first.start if first else start, last.end if last else end)


def _evidence_span(
    document: Document, attribution: Attribution, others: Sequence[Attribution]
) -> tuple[int, int]:
    """The whole sentences that hold what was said; only the speaker's own clause when
    another speaker's words share the sentence ("'She's got it,' a friend told the site,
    while another aide replied ..."), so that neither claim shows the other's words."""
    start, end = _sentences_covering(document, attribution.content.start, attribution.content.end)
    content = attribution.content
    shared = [
        a
        for a in others
        if a.speaker.lower() != attribution.speaker.lower()
        and start <= a.content.start < end
        and (a.content.end <= content.start or content.end <= a.content.start)
    ]
    if not shared:
        return start, end
    spans = [content, attribution.cue_span]
    if start <= attribution.speaker_span.start < end:
        spans.append(attribution.speaker_span)
    return min(s.start for s in spans), max(s.end for s in spans)


def _claim(
    document: Document,
    attribution: Attribution,
    statement: str,
    key: bool,
    actors: list[Actor],
    others: Sequence[Attribution] = (),
) -> Claim:
    start, end = _evidence_span(document, attribution, others)
    evidence = _evidence(document, start, end)
    kind = _SPEAKER_KINDS[attribution.speaker_kind]
    rating = rate_claim(attribution.speaker, kind, evidence.quote, actors)
    return Claim(
        statement=statement,
        claimant=attribution.speaker,
        claimant_kind=kind,
        attribution=ClaimAttribution.REPORTED,
        hedges=_hedges(evidence.quote),
        credibility=rating.credibility,
        credibility_reason=rating.reason,
        evidence=evidence,
        key=key,
        direct=attribution.direct,
        reported_by=attribution.reported_by,
    )


def _outlet_claim(
    document: Document, key: KeyClaim, outlet: str | None, actors: list[Actor]
) -> Claim:
    sentence: Sentence = key.sentence
    evidence = _evidence(document, sentence.start, sentence.end)
    claimant = outlet or "the article"
    rating = rate_claim(claimant, ClaimantKind.OUTLET, evidence.quote, actors)
    return Claim(
        statement=key.statement,
        claimant=claimant,
        claimant_kind=ClaimantKind.OUTLET,
        attribution=ClaimAttribution.ASSERTED_BY_OUTLET,
        hedges=_hedges(evidence.quote),
        credibility=rating.credibility,
        credibility_reason=rating.reason,
        evidence=evidence,
        key=True,
    )


def _hedges(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0).lower() for m in _HEDGES.finditer(text)))


# -- prose ----------------------------------------------------------------------------


def _prose(
    document: Document,
    analysis: Analysis,
    written: str | None,
    check: CrossCheck,
    claims: list[Claim],
) -> tuple[str, str]:
    """The checked headline, and the summary composed from the key claims. A headline
    that states a reported claim as fact gets its attribution; one that fails falls back
    to the article's title, then to the first key claim."""
    headline = check.prose(written, "headline") if written else ""
    if headline:  # "Russian jets kill 70 terrorists" is the ministry's claim: say so
        headline, claim = with_attribution(headline, claims)
        if claim is not None:
            check.warn(
                WarningKind.REPAIRED,
                "headline",
                f"it states {claim.claimant}'s claim as fact; the attribution is added",
            )
    if not headline:
        title = document.meta.title or _first_line(document, analysis)
        headline = check.prose(title, "title") if title else ""
    if not headline and claims:
        headline = _words(claims[0].statement, HEADLINE_WORDS)
    key = [c for c in claims if c.key]
    summary = check.prose(claims_summary(key, SUMMARY_WORDS), "summary")
    return headline, summary


def _first_line(document: Document, analysis: Analysis) -> str:
    """The first line of the story long enough to be a headline (a section label such
    as "All news" or "World" is not)."""
    for sentence in content_sentences(document, analysis):
        line = document.sentence_text(sentence).splitlines()[0].strip()
        if len(line.split()) >= MIN_HEADLINE_WORDS:
            return line
    return ""


def _words(text: str, limit: int) -> str:
    words = text.split()
    return " ".join(words) if len(words) <= limit else " ".join(words[:limit]) + "…"
