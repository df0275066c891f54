"""Draft + document → grounded :class:`Brief`.

Every item is aligned to the text by our code; numbers are found in the text by code
(``numbers.py``). An item that cannot be aligned is a
*problem*: during generation the problems go back to the model as a re-ask; once the
re-ask budget is spent the item is dropped and a warning says why. Values, roles and
duplicates are repaired or merged by code, each with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from rapidfuzz import fuzz

from summariser.analysis.numbers import extract_numbers
from summariser.analysis.quantities import all_values
from summariser.grounding.align import Aligner, Span, fold
from summariser.input.documents import Document, Sentence
from summariser.model.draft import Draft, DraftClaim, DraftPlace
from summariser.rules.actors import organisation_kind, titled_people
from summariser.rules.assessment import assess_source, claimant_kind, find_outlet, rate_claim
from summariser.rules.paragraph import DEFAULT_WORDS, make_paragraph
from summariser.schema import (
    Actor,
    ActorKind,
    Alignment,
    Attribution,
    Brief,
    BriefMeta,
    BriefWarning,
    Claim,
    ClaimantKind,
    Evidence,
    Location,
    NumberItem,
    Paragraph,
    Usage,
    WarningKind,
)
from summariser.text import name_runs

_POSSESSIVE = re.compile(r"[’']s$")
_HEDGES = re.compile(
    r"\b(according to|reportedly|allegedly|apparently|said|says|say|told|claimed|claims|"
    r"added|pointed out|reads|reported|stated|the document says|the statement reads|"
    r"is believed|are believed|may have|might have|unconfirmed)\b",
    re.IGNORECASE,
)
_ROLE_STOPWORDS = {"the", "of", "and", "for", "in", "a", "an", "to", "on", "at", "its", "their"}
ROLE_SIMILARITY = 85.0
CITED_BONUS = 10.0  # token-set-ratio points the cited sentence gets over its rivals


@dataclass
class Grounded:
    """What grounding produced: items, the problems for a re-ask, and warnings."""

    claims: list[Claim] = field(default_factory=list)
    numbers: list[NumberItem] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    warnings: list[BriefWarning] = field(default_factory=list)

    def problem(self, item: str, reason: str) -> None:
        self.problems.append((item, reason))

    def warn(self, kind: WarningKind, item: str, reason: str) -> None:
        self.warnings.append(BriefWarning(kind=kind, item=item, reason=reason))


class Grounder:
    """Grounds drafts against one document."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.aligner = Aligner(document.text)
        found = find_outlet(document, document.meta.site)
        self.outlet = found.name if found else None
        self._last: tuple[Draft, Grounded] | None = None

    def problems(self, draft: Draft) -> list[str]:
        """The re-ask checker: one line for each item that cannot be grounded."""
        return [f"{item}: {reason}" for item, reason in self.ground(draft).problems]

    def ground(self, draft: Draft) -> Grounded:
        """Ground a draft; the last result is kept, since the re-ask check and the brief
        ground the same accepted draft."""
        if self._last is not None and self._last[0] is draft:
            return self._last[1]
        result = self._ground(draft)
        self._last = (draft, result)
        return result

    def _ground(self, draft: Draft) -> Grounded:
        result = Grounded()
        for i, person in enumerate(draft.people):
            kind = organisation_kind(person.name)
            if kind is not None:
                result.warn(
                    WarningKind.REPAIRED,
                    f'people[{i}] "{person.name}"',
                    f"listed as a person, but the name is an organisation's; kind {kind.value}",
                )
            self._actor(
                f"people[{i}]",
                person.name,
                kind or ActorKind.PERSON,
                "" if kind else person.role,
                result,
            )
        for i, org in enumerate(draft.organisations):
            kind = ActorKind(org.kind.value)
            named_kind = organisation_kind(org.name)
            if named_kind is not None and named_kind is not kind:
                result.warn(
                    WarningKind.REPAIRED,
                    f'organisations[{i}] "{org.name}"',
                    f"kind {kind.value} contradicts the name; {named_kind.value}",
                )
                kind = named_kind
            self._actor(f"organisations[{i}]", org.name, kind, "", result)
        for i, place in enumerate(draft.places):
            self._location(i, place, result)
        for titled in titled_people(self.document.text):
            span = Span(titled.start, titled.end, Alignment.EXACT)
            result.actors.append(
                Actor(
                    name=titled.name,
                    kind=ActorKind.PERSON,
                    role=titled.title,
                    evidence=[self.aligner.evidence(span)],
                )
            )
        for i, claim in enumerate(draft.claims):
            self._claim(i, claim, result)
        result.numbers, repeats = extract_numbers(self.document)
        for item, reason in repeats:
            result.warn(WarningKind.MERGED, item, reason)
        result.actors = _merge(result.actors, "actor", result)
        result.locations = _merge(result.locations, "location", result)
        return result

    # -- items ------------------------------------------------------------------

    def _claim(self, i: int, draft: DraftClaim, out: Grounded) -> None:
        item = f'claims[{i}] "{_short(draft.statement)}"'
        sentence = self.document.sentence(draft.sentence)
        if sentence is None:
            out.problem(
                item,
                f"sentence [{draft.sentence}] does not exist "
                f"(the article has {len(self.document.sentences)})",
            )
            return
        best = self._best_sentence(draft.statement, cited=sentence)
        if best is None:
            missing = self._unsupported(draft.statement, sentence)
            out.problem(item, f"the article does not state {', '.join(missing)}")
            return
        if best != sentence:
            out.warn(
                WarningKind.REPAIRED,
                item,
                f"cited sentence [{sentence.number}]; sentence [{best.number}] states it",
            )
            sentence = best
        claimant = draft.claimant.strip()
        kind = claimant_kind(claimant, self.outlet)
        unnamed = self._missing_names(claimant)
        if unnamed:
            out.problem(item, f"the claimant names {', '.join(unnamed)}, not in the article")
            return
        text = self.document.sentence_text(sentence)
        evidence = Evidence(
            quote=text, start=sentence.start, end=sentence.end, alignment=Alignment.EXACT
        )
        rating = rate_claim(claimant, kind, text, out.actors)
        claim = Claim(
            statement=draft.statement.strip(),
            claimant=claimant,
            claimant_kind=kind,
            attribution=(
                Attribution.ASSERTED_BY_OUTLET
                if kind is ClaimantKind.OUTLET
                else Attribution.REPORTED
            ),
            hedges=_unique(m.group(0) for m in _HEDGES.finditer(text)),
            credibility=rating.credibility,
            credibility_reason=rating.reason,
            evidence=evidence,
        )
        out.claims.append(claim)

    def _actor(
        self, where: str, raw_name: str, kind: ActorKind, raw_role: str, out: Grounded
    ) -> None:
        name = _strip_article(raw_name)
        item = f'{where} "{name}"'
        evidence = self._find_name(name)
        if evidence is None:
            out.problem(item, "this name does not appear in the article")
            return
        role: str | None = raw_role.strip() or None
        if role and not self._role_supported(evidence, role):
            out.warn(
                WarningKind.REPAIRED,
                item,
                f'role "{role}" is not stated where the article names them; removed',
            )
            role = None
        out.actors.append(Actor(name=evidence.quote, kind=kind, role=role, evidence=[evidence]))

    def _location(self, i: int, draft: DraftPlace, out: Grounded) -> None:
        name = _strip_article(draft.name)
        item = f'places[{i}] "{name}"'
        evidence = self._find_name(name)
        if evidence is None:
            out.problem(item, "this place does not appear in the article")
            return
        within: str | None = _strip_article(draft.within) or None
        if within and self._find_name(within) is None:
            out.warn(
                WarningKind.REPAIRED,
                item,
                f'"within {within}" names a place the article does not mention; removed',
            )
            within = None
        out.locations.append(
            Location(name=evidence.quote, kind=draft.kind, within=within, evidence=[evidence])
        )

    # -- checks -----------------------------------------------------------------

    def _find_name(self, name: str) -> Evidence | None:
        span = self.aligner.align(_POSSESSIVE.sub("", name))
        return self.aligner.evidence(span) if span else None

    def _unsupported(self, statement: str, sentence: Sentence) -> list[str]:
        """Numbers absent from the sentence and names absent from the article."""
        text = self.document.sentence_text(sentence)
        missing = [f"{v:g}" for v in sorted(all_values(statement) - all_values(text))]
        return missing + self._missing_names(statement)

    @cached_property
    def _sentence_values(self) -> list[set[float]]:
        return [all_values(self.document.sentence_text(s)) for s in self.document.sentences]

    def _missing_names(self, phrase: str) -> list[str]:
        """Capitalised names in ``phrase`` that the article does not contain."""
        return [f'"{name}"' for name in name_runs(phrase) if self._find_name(name) is None]

    def _best_sentence(self, statement: str, cited: Sentence) -> Sentence | None:
        """The sentence that supports the statement: all its numbers, most of its words.

        Small models cite a neighbour of the right sentence; the cited one wins ties.
        """
        if self._missing_names(statement):
            return None  # no sentence can support a name the article lacks
        values = all_values(statement)
        best: tuple[float, Sentence] | None = None
        for sentence, sentence_values in zip(
            self.document.sentences, self._sentence_values, strict=True
        ):
            if not values <= sentence_values:
                continue
            text = self.document.sentence_text(sentence)
            score = fuzz.token_set_ratio(statement.lower(), text.lower())
            score += CITED_BONUS if sentence == cited else 0.0
            if best is None or score > best[0]:
                best = (score, sentence)
        return best[1] if best else None

    def _role_supported(self, mention: Evidence, role: str) -> bool:
        """Each word of the role must stand in a sentence that names the actor."""
        name = fold(mention.quote)
        words: list[str] = []
        for sentence in self.document.sentences:
            text = fold(self.document.sentence_text(sentence))
            if name in text:
                words += re.findall(r"\w+", text)
        wanted = [w for w in re.findall(r"\w+", fold(role)) if w not in _ROLE_STOPWORDS]
        return all(any(fuzz.ratio(w, have) >= ROLE_SIMILARITY for have in words) for w in wanted)


def build_brief(
    draft: Draft,
    document: Document,
    *,
    model: str,
    prompt_version: str,
    usage: Usage,
    grounder: Grounder | None = None,
) -> Brief:
    """Ground a draft into a brief; ungrounded items become warnings."""
    grounded = (grounder or Grounder(document)).ground(draft)
    warnings = list(grounded.warnings) + [
        BriefWarning(kind=WarningKind.DROPPED, item=item, reason=reason)
        for item, reason in grounded.problems
    ]
    claims = grounded.claims
    assessment = assess_source(
        document,
        [(c.claimant, c.claimant_kind, c.evidence.quote) for c in claims],
        grounded.actors,
        site=document.meta.site,
    )
    brief = Brief(
        text=document.text,
        headline=draft.headline.strip(),
        summary=draft.summary.strip(),
        claims=claims,
        numbers=grounded.numbers,
        actors=grounded.actors,
        locations=grounded.locations,
        source_assessment=assessment,
        paragraph=Paragraph(text="", words=0, max_words=DEFAULT_WORDS, faithful=False),
        warnings=warnings,
        meta=BriefMeta(
            prompt_version=prompt_version,
            model=model,
            input_sha256=document.sha256,
            input_chars=len(document.text),
            usage=usage,
        ),
    )
    return brief.model_copy(update={"paragraph": make_paragraph(brief)})


_Item = TypeVar("_Item", Actor, Location)


def _merge(items: list[_Item], label: str, out: Grounded) -> list[_Item]:
    """Merge items naming the same thing: equal names, or one name inside the other."""
    merged: list[_Item] = []
    for item in items:
        key = fold(item.name)
        for index, kept in enumerate(merged):
            kept_key = fold(kept.name)
            same = key == kept_key or (
                item.kind == kept.kind
                and (_contains_words(kept_key, key) or _contains_words(key, kept_key))
            )
            if not same:
                continue
            longer, shorter = (item, kept) if len(key) > len(kept_key) else (kept, item)
            evidence = list(longer.evidence) + [
                e for e in shorter.evidence if e.start not in {x.start for x in longer.evidence}
            ]
            updates: dict[str, object] = {"evidence": evidence}
            for attribute in ("role", "within"):
                if hasattr(longer, attribute) and not getattr(longer, attribute):
                    updates[attribute] = getattr(shorter, attribute)
            merged[index] = longer.model_copy(update=updates)
            out.warn(
                WarningKind.MERGED,
                f'{label} "{item.name}"',
                f'same {label} as "{kept.name}"; merged into "{longer.name}"',
            )
            break
        else:
            merged.append(item)
    return merged


def _contains_words(outer: str, inner: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def _strip_article(name: str) -> str:
    return re.sub(r"^(the|The)\s+", "", name.strip())


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(value.lower() for value in values))
