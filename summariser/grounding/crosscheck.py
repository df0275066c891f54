"""The model's draft checked against the article and its analysis; the parse wins.

- A key claim is a sentence id. Its claimant is the speaker the parse found for that
  sentence (the model names none); its statement is that speaker's words in the sentence.
  A sentence with no speaker is the outlet's own claim, unless it reports someone's words
  (a speech cue, a quotation) that the parse could not attribute: then it is dropped with a
  warning, never given to the outlet.
- Prose (headline, summary, title) is checked sentence by sentence: every number must be one
  the article states, every name one the article writes, and every "X said" must name a
  speaker the parse found. "The article" here is its text outside the stretches aimed at AI
  systems (``analysis/injection.py``): a name or number only an injected instruction gives
  grounds nothing. A sentence that addresses AI systems itself, or repeats three words in a
  row that only an injected stretch has, fails too. A sentence that fails is dropped, with a
  warning. Links (URLs, ``javascript:``, HTML tags, Markdown links) are removed from prose,
  with a warning: the brief's prose carries none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summariser.analysis.candidates import Analysis, Attribution, TextRange
from summariser.analysis.injection import injection_cues
from summariser.analysis.quantities import all_values
from summariser.grounding.align import fold
from summariser.input.documents import Document, Sentence, split_sentences
from summariser.schema import BriefWarning, WarningKind
from summariser.text import contains_words, name_runs

# "<Name> said / told / added ...", "according to <Name>": who a phrase says is speaking.
_CUE = r"(?:said|says|say|told|tells|added|adds|claimed|claims|stated|states|announced|reported)"
_SAID_BY = re.compile(rf"(?P<name>(?:[A-Z][\w'’.-]*\s+){{0,4}}[A-Z][\w'’.-]*)\s+{_CUE}\b")
_ACCORDING_TO = re.compile(
    r"according to (?:the\s+)?(?P<name>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)"
)
MIN_CLAIM_WORDS = 5
# A sentence with a speech cue or a quotation reports someone's words: when the parse found
# no speaker in it, it is nobody's claim rather than the outlet's.
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|according to|reported|reports|claimed|claims|added|"
    r"stated|announced|warned|insisted|argued|estimated|believes|believed|fears|feared)\b"
    r"|\b(?:research|study|studies|survey|report|figures|data|poll|polls|analysis)\s+"
    r"(?:shows?|showed|shown|finds?|found|suggests?|suggested|indicates?|indicated)\b"
    r"|[\"“”]"
)
# [text](url), with one level of brackets in the url: the text stays.
_MARKDOWN_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_LINK = re.compile(
    r"\b(?:https?|ftp|file|javascript|vbscript|data|mailto|tel|sms):\S*|\bwww\.\S+|<[^>\n]*>",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
INJECTED_WORDS = 3  # this many words in a row that only injected text has give prose away


@dataclass
class KeyClaim:
    """A key claim the model chose, after the cross-check."""

    sentence: Sentence
    attribution: Attribution | None
    statement: str


@dataclass
class CrossCheck:
    """Checks drafts and prose against one document and its analysis."""

    document: Document
    analysis: Analysis
    warnings: list[BriefWarning] = field(default_factory=list)

    def __post_init__(self) -> None:
        content = content_text(self.document.text, self.analysis.injections)
        self._folded_text = fold(content)
        self._article_values = all_values(content)
        injected = " ".join(self.document.text[i.start : i.end] for i in self.analysis.injections)
        self._injected_runs = _runs(injected) - _runs(content)
        self._speakers = [fold(a.speaker) for a in self.analysis.attributions]
        self._claim_sentences = set(claim_sentences(self.document, self.analysis))

    def warn(self, kind: WarningKind, item: str, reason: str) -> None:
        self.warnings.append(BriefWarning(kind=kind, item=item, reason=reason))

    # -- key claims ----------------------------------------------------------------

    def attributions_in(self, sentence: Sentence) -> list[Attribution]:
        return [
            a
            for a in self.analysis.attributions
            if a.content.start < sentence.end and sentence.start < a.content.end
        ]

    def key_claims(self, index: int, sentence_id: int) -> list[KeyClaim]:
        """The key claims of the sentence the model chose: one per statement the parse
        found in it, each in its speaker's words; the sentence itself when nobody is
        quoted in it. None when the id names no sentence of the story."""
        item = f"key_claims[{index}] = {sentence_id}"
        sentence = self.document.sentence(sentence_id)
        if sentence is None or not self.analysis.is_content(sentence.start, sentence.end):
            self.warn(WarningKind.DROPPED, item, f"sentence [{sentence_id}] is not in the story")
            return []
        if sentence not in self._claim_sentences:
            self.warn(WarningKind.DROPPED, item, f"sentence [{sentence_id}] is a heading")
            return []
        attributions = self.attributions_in(sentence)
        if not attributions:
            text = self.document.sentence_text(sentence)
            if _REPORTED.search(text):
                self.warn(
                    WarningKind.DROPPED,
                    item,
                    f"sentence [{sentence_id}] reports someone's words but the parse found no "
                    "speaker: not shown as the outlet's own claim",
                )
                return []
            return [KeyClaim(sentence, None, extractive_statement(text))]
        claims = []
        for attribution in attributions:
            start = max(sentence.start, attribution.content.start)
            end = min(sentence.end, attribution.content.end)
            statement = extractive_statement(self.document.text[start:end])
            claims.append(KeyClaim(sentence, attribution, statement))
        return claims

    # -- prose ---------------------------------------------------------------------

    def prose(self, text: str, label: str) -> str:
        """``text`` without the sentences the article does not support."""
        kept: list[str] = []
        for span in split_sentences(text) if text.strip() else ():
            written = text[span.start : span.end]
            sentence = without_links(written)
            if sentence != " ".join(written.split()):
                self.warn(
                    WarningKind.REPAIRED,
                    f'{label} "{_short(written)}"',
                    "removed a link or markup: the brief's prose carries none",
                )
            if not sentence:
                continue
            problems = self.prose_problems(sentence)
            if problems:
                self.warn(
                    WarningKind.DROPPED,
                    f'{label} "{_short(sentence)}"',
                    "; ".join(problems),
                )
                continue
            kept.append(sentence)
        return " ".join(kept)

    def prose_problems(self, sentence: str) -> list[str]:
        problems: list[str] = []
        cues = injection_cues(sentence)
        if cues:
            problems.append("it addresses AI systems itself: " + "; ".join(cues))
        if _runs(sentence) & self._injected_runs:
            problems.append("it repeats words that only text aimed at AI systems gives")
        values = sorted(all_values(sentence) - self._article_values)
        if values:
            problems.append(
                "numbers the article does not give: " + ", ".join(f"{v:g}" for v in values)
            )
        names = [n for n in name_runs(sentence) if not contains_words(self._folded_text, fold(n))]
        if names:
            problems.append(
                "names the article does not write: " + ", ".join(f'"{n}"' for n in names)
            )
        for said_by in _speakers_named(sentence):
            if not any(_same_speaker(said_by, s) for s in self._speakers):
                problems.append(f'"{said_by}" is not a source the article quotes')
        return problems


def without_links(text: str) -> str:
    """``text`` on one line, without URLs, ``javascript:`` and other schemes, HTML tags and
    Markdown links (their words stay)."""
    text = _MARKDOWN_LINK.sub(r"\1", text)
    return " ".join(_LINK.sub(" ", text).split())


def content_text(text: str, injections: Sequence[TextRange]) -> str:
    """``text`` with every stretch aimed at AI systems blanked out (same length, so offsets
    hold): what grounds a name, a number or a claimant."""
    if not injections:
        return text
    chars = list(text)
    for injection in injections:
        chars[injection.start : injection.end] = " " * (injection.end - injection.start)
    return "".join(chars)


def _runs(text: str) -> set[tuple[str, ...]]:
    """Every ``INJECTED_WORDS`` words in a row, folded."""
    words = [w.lower() for w in _WORD.findall(fold(text))]
    return {tuple(words[i : i + INJECTED_WORDS]) for i in range(len(words) - INJECTED_WORDS + 1)}


def extractive_statement(content: str, first_sentence: bool = False) -> str:
    """A claim statement made of the article's own words: quotation marks, a leading
    "that" and the trailing comma of a quotation removed, one line, capitalised; with
    ``first_sentence``, only the first sentence of a longer quotation."""
    words = " ".join(content.split()).strip(" \"“”'‘’")
    words = re.sub(r"^that\s+", "", words).rstrip(" ,;:")
    if first_sentence:
        spans = split_sentences(words)
        if len(spans) > 1:
            words = words[: spans[0].end]
    words = words[:1].upper() + words[1:]
    return words if words.endswith((".", "!", "?")) else words + "."


def _speakers_named(text: str) -> list[str]:
    """Names that a phrase presents as speaking ("X said", "according to X")."""
    found = [m.group("name") for m in _SAID_BY.finditer(text)]
    found += [m.group("name") for m in _ACCORDING_TO.finditer(text)]
    return [fold(re.sub(r"^(?:The|But|And|As|In|On)\s+", "", n)) for n in found]


def _same_speaker(named: str, speaker: str) -> bool:
    named = re.sub(r"^the\s+", "", named)
    speaker = re.sub(r"^the\s+", "", speaker)
    return bool(named) and (contains_words(speaker, named) or contains_words(named, speaker))


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def content_sentences(document: Document, analysis: Analysis) -> Sequence[Sentence]:
    """The sentences of the story itself (no byline, dateline, caption or boilerplate)."""
    return [s for s in document.sentences if analysis.is_content(s.start, s.end)]


def claim_sentences(document: Document, analysis: Analysis) -> Sequence[Sentence]:
    """The sentences a key claim may be: the story's, long enough to claim something (a
    section label or a heading such as "All news" is not)."""
    return [
        s
        for s in content_sentences(document, analysis)
        if len(document.sentence_text(s).split()) >= MIN_CLAIM_WORDS
    ]
