"""The newsletter paragraph: the model's summary, checked and repaired against the brief.

Faithfulness is checked by code, sentence by sentence:

- every number must be one of the brief's grounded numbers;
- every capitalised name must belong to a grounded actor, place or claimant (or the
  outlet);
- a sentence that carries a reported claim must keep an attribution ("said",
  "according to"); when it lost one, code adds "according to <claimant>".

A sentence that fails the first two checks is dropped; what could not be fixed is noted
and ``faithful`` is false. The paragraph is cut to ``max_words`` at sentence ends.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from summariser.analysis.kinds import organisation_kind
from summariser.analysis.quantities import all_values
from summariser.grounding.align import fold
from summariser.input.documents import split_sentences
from summariser.schema import Attribution, Brief, Claim, Paragraph
from summariser.text import SENTENCE_STARTERS, contains_words, name_runs

DEFAULT_WORDS = 90
CLAIM_MATCH = 70.0  # token-set ratio above which a sentence conveys a claim
_ATTRIBUTION = re.compile(
    r"\b(said|says|say|according to|reported|reports|claimed|claims|told|stated|states|"
    r"added|announced|alleged|allegedly|reportedly)\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(text.split())


def _grounded_names(brief: Brief) -> list[str]:
    names = [a.name for a in brief.actors] + [loc.name for loc in brief.locations]
    names += [c.claimant for c in brief.claims]
    if brief.source_assessment.outlet:
        names.append(brief.source_assessment.outlet)
    return [fold(n) for n in names]


def _ungrounded_names(sentence: str, grounded: list[str]) -> list[str]:
    """Names of ``sentence`` that no grounded name holds, or is held by, at word
    boundaries ("Niger" is not grounded by "Nigeria")."""
    missing = []
    for name in name_runs(sentence):
        folded = fold(name)
        if not any(contains_words(g, folded) or contains_words(folded, g) for g in grounded):
            missing.append(name)
    return missing


def _conveyed_claim(sentence: str, claims: list[Claim]) -> Claim | None:
    best: tuple[float, Claim] | None = None
    for claim in claims:
        score = max(
            fuzz.token_set_ratio(sentence.lower(), claim.statement.lower()),
            fuzz.partial_token_set_ratio(sentence.lower(), claim.evidence.quote.lower())
            if all_values(sentence) & all_values(claim.evidence.quote)
            else 0.0,
        )
        if score >= CLAIM_MATCH and (best is None or score > best[0]):
            best = (score, claim)
    return best[1] if best else None


def with_attribution(sentence: str, claims: list[Claim]) -> tuple[str, Claim | None]:
    """``sentence``, with "according to <claimant>" added when it conveys a reported
    claim but names no source; the claim it was attributed to, or None if unchanged."""
    claim = _conveyed_claim(sentence, claims)
    if (
        claim is None
        or claim.attribution is not Attribution.REPORTED
        or _ATTRIBUTION.search(sentence)
    ):
        return sentence, None
    return _attributed(sentence, claim), claim


def _attributed(sentence: str, claim: Claim) -> str:
    """The sentence with "according to <claimant>" added before its final stop."""
    body = sentence.rstrip()
    stop = body[-1] if body[-1:] in ".!?" else "."
    body = body.rstrip(".!?")
    return f"{body}, according to {_claimant_phrase(claim)}{stop}"


def _claimant_phrase(claim: Claim) -> str:
    """'the Russian Defense Ministry' for an organisation, 'SANA' or a person as they are."""
    claimant = claim.claimant.strip()
    is_org = organisation_kind(claimant) is not None and not claimant.isupper()
    if is_org and not claimant.lower().startswith("the "):
        return f"the {claimant}"
    return claimant


def claims_summary(claims: list[Claim], max_words: int) -> str:
    """Prose built only from claims, key claims first, each with its claimant: the
    brief's summary, and the paragraph's fallback. Consecutive claims of one claimant
    share one attribution ("According to X, a; b.")."""
    sentences: list[str] = []
    last: str | None = None  # the claimant of the last sentence, when it can take more
    for claim in sorted(claims, key=lambda c: not c.key):
        statement = claim.statement.strip().rstrip(".")
        reported = claim.attribution is Attribution.REPORTED
        if reported and not _ATTRIBUTION.search(statement):
            statement = _lower_first(statement)
            if sentences and last == claim.claimant:
                candidate = [*sentences[:-1], f"{sentences[-1][:-1]}; {statement}."]
            else:
                candidate = [*sentences, f"According to {_claimant_phrase(claim)}, {statement}."]
            owner: str | None = claim.claimant
        else:
            candidate, owner = [*sentences, f"{statement}."], None
        if _words(" ".join(candidate)) <= max_words:
            sentences, last = candidate, owner
    return " ".join(sentences)


def _lower_first(statement: str) -> str:
    """'The troops ...' → 'the troops ...' after "According to X,"; names keep capitals."""
    first = statement.split(" ", 1)[0]
    return statement[:1].lower() + statement[1:] if first in SENTENCE_STARTERS else statement


def make_paragraph(brief: Brief, max_words: int = DEFAULT_WORDS) -> Paragraph:
    """A faithful paragraph of at most ``max_words`` words from the brief's summary."""
    grounded_values = {n.value for n in brief.numbers}
    grounded_values |= {v for n in brief.numbers for v in (n.low, n.high) if v is not None}
    grounded = _grounded_names(brief)
    notes: list[str] = []
    kept: list[str] = []
    summary = brief.summary
    for span in split_sentences(summary):
        sentence = summary[span.start : span.end]
        numbers = sorted(all_values(sentence) - grounded_values)
        names = _ungrounded_names(sentence, grounded)
        if numbers or names:
            what = [f"{v:g}" for v in numbers] + [f'"{n}"' for n in names]
            notes.append(f"dropped a sentence naming {', '.join(what)}, not grounded in the brief")
            continue
        sentence, attributed = with_attribution(sentence, brief.claims)
        if attributed is not None:
            notes.append(f"added the attribution to {attributed.claimant}")
        kept.append(sentence)
    text = ""
    for index, sentence in enumerate(kept):
        candidate = f"{text} {sentence}".strip()
        if _words(candidate) > max_words:
            notes.append(f"cut {len(kept) - index} sentence(s) to stay within {max_words} words")
            break
        text = candidate
    if not text:
        text = claims_summary(brief.claims, max_words)
        if not text:
            notes.append(f"no faithful paragraph fits in {max_words} words")
        elif brief.summary.strip():
            notes.append("no sentence of the summary fit faithfully; built from the key claims")
        else:
            notes.append("built from the key claims (no model summary)")
    faithful = bool(text)
    return Paragraph(
        text=text, words=_words(text), max_words=max_words, faithful=faithful, notes=notes
    )
