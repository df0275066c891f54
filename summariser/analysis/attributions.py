"""Who said what, found in the dependency parse: speaker, cue, content, direct or not.

The rules, in the order they apply to each speech verb outside a quotation:

- the speaker is the verb's subject; a verb with no subject of its own ("..., adding
  that ...") shares the speaker of the speech verb it hangs from; in a relative clause
  ("Hamilton, a man who claims ...") it is the noun the clause describes;
- "According to X" makes X the speaker of its sentence;
- a subject that is a report, statement or spokesman of a body ("a statement from the
  ministry", "the ministry's statement") names the body when the parse shows it, and
  "the statement" with no owner is the source just cited;
- a subject with a named apposition ("Arafat's adviser Nabil Abu Rdainah") is the name;
- a pronoun is the nearest earlier speaker or named mention of a fitting kind (he and
  she a person, they and it a group), not counting names inside what others said; a
  description ("the general", "the 30-year-old") is the last entity whose name or role
  holds that noun, or else the last person who spoke;
- the content is the quotation beside the cue, else the clause the verb governs, else
  the rest of the sentence; a cue ending in a colon takes the quotation or sentence
  after it;
- a quotation that no cue claims continues the last speaker's words when it opens a
  sentence right after theirs (news style leaves a continuing quotation unattributed);
- a pronoun never stands for someone the article shows to be of the other sex
  (``gender.py``); "..., writes the Times." names the Times even when the parse reads it
  as an object; a participle's agent is its speaker ("stands accused by X");
- speech relayed through another source ("Politico reported an aide claimed Clinton said
  X") is the innermost speaker's, with ``reported_by`` naming who relayed it; a speech
  verb in a relative or adverbial clause of what someone said ("he lost because Obama had
  vowed ...") is theirs to speak about, not a source of its own.

Speakers are never taken from bylines, datelines or captions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from summariser.analysis.candidates import (
    Attribution,
    Entity,
    EntityType,
    NonContent,
    SpeakerKind,
    TextRange,
)
from summariser.analysis.gender import PRONOUN_GENDER, person_genders
from summariser.analysis.quotes import find_quotes
from summariser.analysis.token_attributes import lemma
from summariser.input.documents import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Lemmas of verbs that report speech or a stated position.
SPEECH_VERBS = frozenset(
    """say tell add state announce claim deny warn write tweet report insist argue
    explain confirm note admit concede suggest allege declare reply respond predict
    promise vow pledge comment complain testify assert maintain reveal disclose
    recall emphasise emphasize stress acknowledge estimate caution observe accuse
    threaten quote urge inform assure blame criticise criticize attribute""".split()
)
# Verbs of a stated position or belief: a cue only with a clause ("Campaigners fear that
# ..."), not alone ("he feels tired").
POSITION_VERBS = frozenset("fear believe think expect hope worry doubt feel".split())
# Verbs of a public judgement: a cue only with an object ("Obama hammered the Bush
# administration for ..."), not alone ("a missile slammed into ...").
JUDGEMENT_VERBS = frozenset("condemn slam hammer praise denounce dismiss reject".split())
# What an organisation of no known kind may be called: "Norilsk said ... The company said".
_FIRM_NOUNS = ("company", "firm", "group", "producer", "corporation")
# Verbs of answering: what they answer is not what was said ("emergency personnel
# responded to the accident"); "she replied that", "he responded:" are speech.
ANSWER_VERBS = frozenset(["reply", "respond"])
# Verbs that report a finding only when a document, figure or study is the subject.
FINDING_VERBS = frozenset(["find", "show", "suggest", "indicate", "conclude", "reveal", "predict"])
# As lemmas: spaCy gives "figures" → "figure", "data" → "datum".
REPORT_NOUNS = frozenset(
    """statement report communique announcement release letter study survey research
    figure figures data datum statistic statistics document memo filing spokesman
    spokeswoman spokesperson representative projection projections analysis poll""".split()
)
EYEWITNESS_NOUNS = frozenset(
    ["witness", "eyewitness", "resident", "local", "onlooker", "villager", "bystander", "passer-by"]
)
# Nouns for one person: "he" or "she" may stand for them (with the -er, -or, -ist and
# -ian endings of most others: campaigner, director, economist, politician).
PERSON_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson official minister man woman boy girl player
    coach chief leader president adviser aide diplomat judge doctor expert analyst
    source witness eyewitness resident commander general colonel governor mayor
    senator lawmaker candidate actor actress father mother son daughter wife husband
    friend student secretary ambassador envoy chairman chairwoman executive victim
    survivor star veteran boss prosecutor attorney detective police officer head
    representative""".split()
)
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_OBJECTS = frozenset({"them", "it"})
_GROUP_PRONOUNS = frozenset({"they", "it"})
_SKIP_SUBJECTS = frozenset({"i", "we", "you", "which", "that", "this", "what", "there"})
_CUE_OBJECTS = frozenset({"dobj", "dative", "prt", "prep", "npadvmod", "advmod", "agent"})
_AGE = re.compile(r"\b\d+-year-old\b")
_ANTECEDENT_DEPS = frozenset({"nsubj", "nsubjpass"})
MIN_CONTENT_WORDS = 3
FINAL_CUE_TAIL_WORDS = 6  # "..., he said in a statement on Friday."


@dataclass(frozen=True)
class _Speaker:
    text: str
    kind: SpeakerKind
    span: TextRange
    entity: Entity | None
    resolved_from: str | None
    is_person: bool
    plural: bool = False


def find_attributions(
    doc: Doc,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    noncontent: Sequence[NonContent],
) -> list[Attribution]:
    """Every attributed statement in ``doc``, in text order, with ids A1, A2, ..."""
    finder = _Finder(doc, sentences, entities, noncontent)
    found = finder.run()
    found.sort(key=lambda a: (a.content.start, a.cue_span.start))
    return [a.model_copy(update={"id": f"A{i}"}) for i, a in enumerate(found, start=1)]


class _Finder:
    def __init__(
        self,
        doc: Doc,
        sentences: Sequence[Sentence],
        entities: Sequence[Entity],
        noncontent: Sequence[NonContent],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = sentences
        self.entities = entities
        self.quotes = [q for q in find_quotes(self.text) if not self._narrates(q)]
        # Which characters are non-content or quoted, asked for every token and more.
        self._outside_at = _mask(len(self.text), noncontent)
        self._quoted_at = _mask(len(self.text), self.quotes)
        self.mention_of: dict[int, Entity] = {}
        for entity in entities:
            for mention in entity.mentions:
                for offset in range(mention.start, mention.end):
                    self.mention_of[offset] = entity
        self.genders = person_genders(doc, entities)
        self.by_verb: dict[int, _Speaker] = {}
        self.found: list[Attribution] = []
        self.speakers: list[_Speaker] = []  # parallel to ``found``

    def _narrates(self, quote: TextRange) -> bool:
        """Whether a "quotation" reads as narrative ("Rdainah said ..." inside it): its
        marks were paired wrongly, as in copy that lost the side of its quote marks."""
        span = self.doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is None:
            return False
        for token in span:
            is_cue = token.pos_ in ("VERB", "AUX") and lemma(token) in SPEECH_VERBS
            subject = _subject(token) if is_cue else None
            if subject is not None and subject.ent_type_ in ("PERSON", "ORG", "NORP"):
                return True
        return False

    # -- the pass over the parse ---------------------------------------------------

    def run(self) -> list[Attribution]:
        for token in self.doc:
            if self._outside(token.idx) or self._in_quote(token.idx):
                continue
            if token.lower_ == "according" and token.i + 1 < len(self.doc):
                self._according(token)
                continue
            if token.pos_ not in ("VERB", "AUX"):
                continue
            if lemma(token) in POSITION_VERBS and (
                self._in_content(token.idx) or self._reported(token)
            ):
                continue  # "X says voters felt ...": what X says, not a second source
            if self._spoken_about(token):
                continue  # "X told donors he lost because Obama had vowed ...": X's words
            if self._is_cue(token):
                self._speech_verb(token)
        self._continuing_quotes()
        return self._relayed()

    def _spoken_about(self, verb: Token) -> bool:
        """Whether ``verb`` sits in a relative or adverbial clause inside what someone
        already said: speech they speak about, not speech they relay ("X told donors he
        lost because Obama had vowed ...", "found that among people who said ...")."""
        for holder in self.found:
            if not holder.content.start <= verb.idx < holder.content.end:
                continue
            cue = self._token_at(holder.cue_span)
            if cue is None:
                continue
            token, embedded = verb, False
            while token.head.i != token.i and token.i != cue.i:
                embedded = embedded or token.dep_ in ("relcl", "advcl", "acl")
                token = token.head
            if token.i == cue.i and embedded:
                return True
        return False

    def _reported(self, verb: Token) -> bool:
        """Whether ``verb`` heads a clause a speech verb reports ("..., voters felt that
        ..., he says")."""
        head = verb.head
        return verb.dep_ == "ccomp" and lemma(head) in SPEECH_VERBS and self._is_cue(head)

    def _is_cue(self, token: Token) -> bool:
        if any(c.dep_ == "neg" for c in token.children):
            return False  # "Turkey won't say", "did not say": nothing was said
        if lemma(token) in SPEECH_VERBS:
            return True
        if lemma(token) == "point" and any(c.lower_ == "out" for c in token.children):
            return True
        if lemma(token) in POSITION_VERBS:
            return _ccomp(token) is not None and _subject(token) is not None
        if lemma(token) in JUDGEMENT_VERBS:
            return any(c.dep_ == "dobj" for c in token.children) and _subject(token) is not None
        subject = _subject(token)
        return (
            lemma(token) in FINDING_VERBS
            and subject is not None
            and lemma(subject).lower() in REPORT_NOUNS
            and _ccomp(token) is not None
        )

    def _speech_verb(self, verb: Token) -> None:
        if lemma(verb) == "quote" or _as_saying(verb):
            self._quoted_as_saying(verb)
            return
        speaker: _Speaker | None
        subject = self._inverted_subject(verb) or _subject(verb)
        if subject is None and _is_passive(verb):
            return  # "the result was confirmed": no speaker
        if subject is None or (subject.lower_ in ("who", "that") and verb.dep_ == "relcl"):
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
                speaker = self._speaker(verb.head)
            elif self._in_content(verb.idx):
                return  # "X says ... are arguing, warning that ...": still X's words
            else:
                speaker = self._inherited(verb) or self._shared_subject(verb)
        elif subject.lower_ in _SKIP_SUBJECTS:
            return
        else:
            speaker = self._speaker(subject)
        if speaker is None:
            return
        content = self._content(verb)
        if content is None:
            return
        start, end, direct = content
        self.by_verb[verb.i] = speaker
        cue_end = verb.idx + len(verb.text)
        particle = next((c for c in verb.children if c.dep_ == "prt"), None)
        if particle is not None:
            cue_end = max(cue_end, particle.idx + len(particle.text))
        self._add(speaker, verb.idx, cue_end, start, end, direct)

    def _inverted_subject(self, verb: Token) -> Token | None:
        """'<what was said>, writes the New York Times.': after a comma, a cue followed
        by the name that ends the sentence; the parse may read the name as the object."""
        if verb.i == 0 or self.doc[verb.i - 1].text not in (",", "—", "–"):
            return None
        after = [
            c
            for c in verb.children
            if c.i > verb.i and c.dep_ in ("nsubj", "dobj", "attr") and c.pos_ in ("NOUN", "PROPN")
        ]
        if not after or any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
            return None
        sentence = self._sentence_at(verb.idx)
        tail = max(t.idx + len(t.text) for t in after[0].subtree)
        if sentence is None or self.text[tail : sentence.end].strip(" .!?\"”’'") != "":
            return None
        return after[0]

    def _quoted_as_saying(self, verb: Token) -> None:
        """'Tass quoted Livshits as saying (that) X', 'the magazine reported Nayak as
        writing X': Livshits and Nayak are the speakers, not Tass or the magazine."""
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is None:
            return
        speaker = self._speaker(quoted)
        sentence = self._sentence_at(verb.idx)
        if speaker is None or sentence is None:
            return
        quote = self._adjacent_quote(verb, sentence)
        if quote is not None:
            content: tuple[int, int, bool] | None = (quote.start, quote.end, True)
        else:
            saying = [t for t in verb.subtree if lemma(t) in SPEECH_VERBS and t.i > verb.i]
            content = self._content(saying[0]) if saying else None
        if content is None:
            return
        self.by_verb[verb.i] = speaker
        self._add(speaker, verb.idx, verb.idx + len(verb.text), *content)

    def _according(self, token: Token) -> None:
        to = self.doc[token.i + 1]
        if to.lower_ != "to":
            return
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            return
        speaker = self._speaker(objects[0])
        sentence = self._sentence_at(token.idx)
        if speaker is None or sentence is None:
            return
        phrase_end = max(t.idx + len(t.text) for t in to.subtree)
        start, end = sentence.start, sentence.end
        if phrase_end < end and token.idx == start:  # "According to X, <content>"
            start = self._skip_punct(phrase_end)
        elif self.text[phrase_end:end].strip(' .!?"”’') == "":  # "<content>, according to X."
            end = start + len(self.text[start : token.idx].rstrip(" ,;:—-"))
        self._add(speaker, token.idx, to.idx + len(to.text), start, end, False)

    # -- speakers ------------------------------------------------------------------

    def _speaker(self, head: Token) -> _Speaker | None:
        appos = None
        if not self._names_someone(head):  # a named head keeps its name
            appos = next(
                (c for c in head.children if c.dep_ == "appos" and self._names_someone(c)),
                None,
            )
        if appos is not None:
            head = appos
        elif head.dep_ == "appos" and self._entity(head.head) is not None:
            head = head.head  # "Hamilton, a man who claims ..."
        entity = self._entity(head)
        if entity is not None and entity.type is not EntityType.PLACE:
            return self._named(entity, head, None)
        lower = head.lower_
        if lower in _PERSON_PRONOUNS or lower in _GROUP_PRONOUNS or lower in _GROUP_OBJECTS:
            return self._pronoun(head)
        definite = any(c.lower_ in ("the", "this", "our") for c in head.children)
        if lemma(head).lower() in REPORT_NOUNS:
            owner = self._owner(head)
            if owner is not None:
                return owner
            if definite and self.found:
                return self._earlier(head)  # "the document says": the source just cited
        if head.pos_ != "PROPN" and definite:
            described = self._described(head)
            if described is not None:
                return described
        phrase = self._phrase(head)
        if phrase is None:
            return None
        start, end = phrase
        base = lemma(head).lower()
        if base in EYEWITNESS_NOUNS:
            kind = SpeakerKind.EYEWITNESSES
        elif head.pos_ == "PROPN":
            kind = SpeakerKind.NAMED
        else:
            kind = SpeakerKind.UNNAMED
        person = head.ent_type_ == "PERSON" or _is_person_noun(head)
        return _Speaker(
            text=self.text[start:end],
            kind=kind,
            span=TextRange(start=start, end=end),
            entity=None,
            resolved_from=None,
            is_person=person,
            plural=head.tag_ in ("NNS", "NNPS"),
        )

    def _named(self, entity: Entity, token: Token, resolved_from: str | None) -> _Speaker:
        mention = next(
            (m for m in entity.mentions if m.start <= token.idx < m.end), entity.mentions[0]
        )
        return self._speaker_of(entity, mention, resolved_from)

    def _owner(self, noun: Token) -> _Speaker | None:
        """'the ministry's statement', 'a statement from the ministry', 'X spokesman',
        'polls conducted by X', 'X issued a statement that said'."""
        for child in noun.children:
            if child.dep_ == "acl":
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                by = [c for c in agent.children if c.dep_ == "pobj"] if agent else []
                if by:
                    return self._speaker(by[0])
        if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            issuer = _subject(noun.head)
            if issuer is not None and issuer.lower_ not in _SKIP_SUBJECTS:
                return self._speaker(issuer)
        for child in noun.children:
            if child.dep_ in ("poss", "compound") and self._entity(child) is not None:
                return self._speaker(child)
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of", "for"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._speaker(obj)
        return None

    def _pronoun(self, pronoun: Token) -> _Speaker | None:
        """The nearest earlier speaker or named mention of the pronoun's kind; names in
        what someone said do not count (they are spoken about, not speaking)."""
        wants_person = pronoun.lower_ in _PERSON_PRONOUNS
        gender = PRONOUN_GENDER.get(pronoun.lower_)

        def other_gender(entity: Entity | None) -> bool:  # "she" is not a man
            known = self.genders.get(entity.id) if entity is not None else None
            return gender is not None and known is not None and known != gender

        best: tuple[int, _Speaker] | None = None
        singular = pronoun.lower_ == "it"
        for attribution, speaker in zip(self.found, self.speakers, strict=True):
            if singular and speaker.plural:
                continue  # "it" is not "Afghan security forces"
            if other_gender(speaker.entity):
                continue
            if attribution.cue_span.start < pronoun.idx and speaker.is_person == wants_person:
                position = max(attribution.cue_span.start, attribution.speaker_span.start)
                if best is None or position > best[0]:
                    best = (position, speaker)
        wanted = EntityType.PERSON if wants_person else EntityType.ORGANISATION
        spoken = [a.content for a in self.found]
        spoken += _own_participles(pronoun)
        nearest_other: tuple[int, _Speaker] | None = None
        for entity in self.entities:
            if entity.type is not wanted or other_gender(entity):
                continue
            for mention in entity.mentions:
                if mention.end > pronoun.idx or (best is not None and mention.start <= best[0]):
                    continue
                if any(c.start <= mention.start < c.end for c in spoken):
                    continue
                if self._in_quote(mention.start) or self._outside(mention.start):
                    continue
                role = self._role(mention)
                if role == "subject":
                    best = (mention.start, self._speaker_of(entity, mention, None))
                elif role == "other" and (
                    nearest_other is None or mention.start > nearest_other[0]
                ):
                    nearest_other = (mention.start, self._speaker_of(entity, mention, None))
        # A name in the sentence before (not a possessive: "Obama's law", "Mandela's
        # party") beats an older antecedent: a bad parse may have missed its subject role.
        if nearest_other is not None and (best is None or nearest_other[0] > best[0]):
            previous = self._sentence_at(pronoun.idx)
            recent = previous is not None and nearest_other[0] >= self._sentence_before(previous)
            if best is None or recent:
                best = nearest_other
        # The person the sentence before is about, named or described ("the
        # president-elect called Obama a 'very good man'. '...,' he said."), beats a
        # name that sentence only mentions.
        if wants_person:
            subject = self._previous_subject(pronoun)
            here = self._sentence_at(pronoun.idx)
            earlier = best is None or (here is not None and best[0] < here.start)
            if subject is not None and earlier and not other_gender(subject[1].entity):
                best = subject
        if best is None:
            return None
        found = best[1]
        return replace(found, resolved_from=pronoun.lower_)

    def _previous_subject(self, pronoun: Token) -> tuple[int, _Speaker] | None:
        """The person who is the subject of the main clause of the sentence before the
        pronoun's (outside quotations and what others said), if any."""
        here = self._sentence_at(pronoun.idx)
        if here is None:
            return None
        before = [s for s in self.sentences if s.end <= here.start]
        if not before:
            return None
        span = self.doc.char_span(before[-1].start, before[-1].end, alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or self._in_quote(subject.idx) or self._outside(subject.idx):
            return None
        if subject.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _SKIP_SUBJECTS:
            return None
        if subject.ent_type_ != "PERSON" and not _is_person_noun(subject):
            return None
        speaker = self._speaker(subject)
        if speaker is None or not speaker.is_person:
            return None
        return (subject.idx, speaker)

    def _role(self, mention: TextRange) -> str:
        """'subject' when a mention is (part of) its clause's subject, 'possessive' for
        "Obama's law" or "supporters of Mandela", else 'other'."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return "other"
        token = span.root
        while token.dep_ in ("compound", "appos", "conj", "flat") and token.head.i != token.i:
            if token.dep_ == "compound" and token.head.pos_ != "PROPN":
                return "possessive"  # "the Bush administration": a modifier, not a person
            token = token.head
        if token.dep_ in _ANTECEDENT_DEPS:
            return "subject"
        if token.dep_ == "poss" or (token.dep_ == "pobj" and token.head.lower_ == "of"):
            return "possessive"
        return "other"

    def _sentence_before(self, sentence: Sentence) -> int:
        """Where the sentence before ``sentence`` starts (its own start if first)."""
        earlier = [s for s in self.sentences if s.end <= sentence.start]
        return earlier[-1].start if earlier else sentence.start

    def _speaker_of(self, entity: Entity, mention: TextRange, via: str | None) -> _Speaker:
        return _Speaker(
            text=entity.name,
            kind=SpeakerKind.NAMED,
            span=mention,
            entity=entity,
            resolved_from=via,
            is_person=entity.type is EntityType.PERSON,
        )

    def _earlier(self, head: Token) -> _Speaker | None:
        before = [
            (a, s) for a, s in zip(self.found, self.speakers, strict=True)
            if a.cue_span.start < head.idx
        ]  # fmt: skip
        if not before:
            return None
        _, last = max(before, key=lambda pair: pair[0].cue_span.start)
        return replace(last, resolved_from=f"the {head.lower_}")

    def _described(self, head: Token) -> _Speaker | None:
        """'the general' → the last entity whose role or name holds 'general' ('the
        company' → the last company); 'the 30-year-old' → the last person who spoke."""
        noun = head.lower_
        best: tuple[int, Entity, TextRange] | None = None
        for entity in self.entities:
            kind = entity.kind.replace("_", " ") if entity.type is EntityType.ORGANISATION else ""
            if kind == "other":  # a firm the lexicon does not know may be "the company"
                kind = " ".join(_FIRM_NOUNS)
            words = f"{entity.role or ''} {entity.name} {kind}".lower().split()
            if noun not in words and lemma(head).lower() not in words:
                continue
            for mention in entity.mentions:
                if mention.end <= head.idx and (best is None or mention.start > best[0]):
                    best = (mention.start, entity, mention)
        if best is not None:
            return self._speaker_of(best[1], best[2], f"the {noun}")
        phrase = " ".join(t.text for t in head.subtree)
        if _AGE.search(phrase.replace(" - ", "-")):  # "the 30-year-old": the last named person
            people = [
                s
                for a, s in zip(self.found, self.speakers, strict=True)
                if s.is_person and s.entity is not None and a.cue_span.start < head.idx
            ]
            if people:
                last = people[-1]
                return replace(last, resolved_from=f"the {phrase}")
        return None

    def _inherited(self, verb: Token) -> _Speaker | None:
        """'..., adding that ...': the speaker of the speech verb this one hangs from."""
        head = verb.head
        while head.i != verb.i and verb.dep_ in ("advcl", "conj", "xcomp", "pcomp"):
            if head.i in self.by_verb:
                return self.by_verb[head.i]
            if head.head.i == head.i:
                break
            verb, head = head, head.head
        return None

    def _shared_subject(self, verb: Token) -> _Speaker | None:
        """'RBS has racked up losses ... and warned that ...': a conjoined verb shares the
        active subject of the verb it is joined to, up the chain."""
        while verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            if _is_passive(verb):
                continue  # "since it was bailed out ... and warned": not "it", not the agent
            subject = _subject(verb)
            if subject is not None:
                return None if subject.lower_ in _SKIP_SUBJECTS else self._speaker(subject)
        return None

    def _phrase(self, head: Token) -> tuple[int, int] | None:
        """The noun phrase of ``head`` without clauses, appositions or punctuation."""
        keep = [head]
        for child in head.children:
            # "Liberals like Senator Bernie Sanders say": who the group is, too
            if (
                child.dep_ in ("det", "amod", "compound", "nummod", "poss", "case", "nmod")
                or (child.dep_ == "prep" and child.i > head.i and child.lower_ in ("of", "for"))
                or _names_members(child)
            ):
                keep += list(child.subtree)
        keep = [t for t in keep if not t.is_punct and t.lower_ not in ("the", "a", "an")]
        if not keep:
            return None
        start = min(t.idx for t in keep)
        end = max(t.idx + len(t.text) for t in keep)
        return (start, end) if end > start else None

    # -- content -------------------------------------------------------------------

    def _content(self, verb: Token) -> tuple[int, int, bool] | None:
        sentence = self._sentence_at(verb.idx)
        if sentence is None:
            return None
        quote = self._adjacent_quote(verb, sentence)
        if quote is not None:
            return quote.start, quote.end, True
        clause = _ccomp(verb)
        if clause is not None:
            start = min(t.idx for t in clause.subtree)
            end = max(t.idx + len(t.text) for t in clause.subtree)
            if clause.i < verb.i:  # "X happened(, and Y happened), the ministry said"
                start = min(start, sentence.start)
                for other in verb.children:
                    if other.dep_ == "ccomp" and other.i < verb.i:
                        end = max(end, max(t.idx + len(t.text) for t in other.subtree))
            else:  # "the ministry told reporters (that) X": what follows the cue and its
                # objects, to the clause end (a misparsed clause may start late)
                start = min(start, self._after_objects(verb, clause.i))
            return start, _trim_end(self.text, start, end), False
        if self._next_is(verb, ":"):
            following = self._following(verb.idx)
            if following is not None:
                return following
        if verb.dep_ in ("parataxis", "advcl") and verb.head.i != verb.i and verb.i > verb.head.i:
            return sentence.start, sentence.end, False
        final = self._final_cue_content(verb, sentence)
        if final is not None:
            return final
        end = self._clause_end(verb, sentence.end)
        rest = self.text[verb.idx + len(verb.text) : end]
        if (
            lemma(verb) in SPEECH_VERBS | JUDGEMENT_VERBS
            and len(rest.split()) >= MIN_CONTENT_WORDS
            and not _answers_to(verb)
        ):
            # "Hamilton has conceded to feeling ...", "X accused Y of Z": the rest of it
            start = verb.idx + len(verb.text) + len(rest) - len(rest.lstrip())
            return start, _trim_end(self.text, start, end), False
        return None

    def _clause_end(self, verb: Token, end: int) -> int:
        """Where the verb's clause ends: before a clause joined to it with a subject of
        its own ("Republicans responded with ..., and Democrats suggested ...")."""
        for child in verb.children:
            if child.i > verb.i and child.dep_ == "conj" and _subject(child) is not None:
                first = min(t.i for t in child.subtree)
                while first > verb.i + 1 and (
                    self.doc[first - 1].is_punct or self.doc[first - 1].dep_ == "cc"
                ):
                    first -= 1
                return min(end, int(self.doc[first].idx))
        return end

    def _final_cue_content(self, verb: Token, sentence: Sentence) -> tuple[int, int, bool] | None:
        """'<what was said>, Mrs Clinton said (on Friday).': the words before the comma
        that opens the cue clause."""
        subject = _subject(verb)
        if subject is None or subject.i > verb.i:
            first = verb.i  # "..., said the minister"
        else:
            first = min(t.i for t in subject.subtree)
        tail = self.text[verb.idx + len(verb.text) : sentence.end]
        if len(tail.split()) > FINAL_CUE_TAIL_WORDS:
            return None
        before = self.text[sentence.start : self.doc[first].idx].rstrip()
        if not before.endswith((",", "—", "–", "-")) or len(before.split()) < MIN_CONTENT_WORDS:
            return None
        return sentence.start, sentence.start + len(before.rstrip(",—–- ")), False

    def _after_objects(self, verb: Token, limit: int) -> int:
        skip = {verb.i}
        for child in verb.children:
            if child.i > verb.i and child.dep_ in _CUE_OBJECTS:
                skip.update(t.i for t in child.subtree)
        after = verb.i + 1
        while after < limit and (after in skip or self.doc[after].is_punct):
            after += 1
        return int(self.doc[after].idx)

    def _adjacent_quote(self, verb: Token, sentence: Sentence) -> TextRange | None:
        """A quotation ending or starting in the cue's sentence, next to the cue."""
        best: TextRange | None = None
        for quote in self.quotes:
            if quote.end < sentence.start - 1 or quote.start > sentence.end + 1:
                continue
            if quote.start <= verb.idx < quote.end:
                return None
            gap_before = self.text[quote.end : verb.idx]
            if verb.idx >= quote.end and len(gap_before) < 120 and "“" not in gap_before:
                best = quote  # "...," the general said
            elif verb.idx < quote.start and best is None:
                between = self.text[verb.idx : quote.start]
                if len(between) < 80 and quote.start <= sentence.end:
                    best = quote  # the general said: "..."
        return best

    def _following(self, offset: int) -> tuple[int, int, bool] | None:
        for quote in self.quotes:
            if quote.start > offset and quote.start - offset < 20:
                return quote.start, quote.end, True
        sentence = self._sentence_at(offset)
        if sentence is None:
            return None
        after = next((s for s in self.sentences if s.start >= sentence.end), None)
        return (after.start, after.end, False) if after else None

    def _continuing_quotes(self) -> None:
        """Quotations no cue claimed that open a sentence right after a speaker's words."""
        for quote in self.quotes:
            claimed = [(a.content.start, a.content.end) for a in self.found]
            if any(s < quote.end and quote.start < e for s, e in claimed):
                continue
            sentence = self._sentence_at(quote.start)
            if sentence is None or self._outside(quote.start):
                continue
            opening = self.text[sentence.start : quote.start].strip(" \"“'‘")
            if opening:
                continue  # mid-sentence: a title, a sign, a phrase; not continued speech
            previous = [
                (a, s) for a, s in zip(self.found, self.speakers, strict=True)
                if a.content.end <= quote.start
            ]  # fmt: skip
            if not previous:
                continue
            last, speaker = max(previous, key=lambda pair: pair[0].content.end)
            between = self.text[last.content.end : sentence.start]
            narrative = [
                s
                for s in self.sentences
                if last.content.end <= s.start < sentence.start
                and not any(q.start <= s.start + 1 < q.end + 1 for q in self.quotes)
                and len(self.text[s.start : s.end].split()) > MIN_CONTENT_WORDS
            ]
            if narrative or len(between) > 400:
                continue
            self.found.append(
                last.model_copy(
                    update={
                        "content": quote,
                        "direct": True,
                        "resolved_from": last.resolved_from or "continuing quotation",
                    }
                )
            )
            self.speakers.append(speaker)

    def _relayed(self) -> list[Attribution]:
        """Reported speech inside reported speech ("Politico reported an aide claimed
        Clinton said X", "according to US media, she added that X"): the words are the
        innermost speaker's, relayed by the outer one; the outer attribution goes and the
        inner one names who relayed it."""
        relays: dict[int, Attribution] = {}  # inner index → its nearest relaying attribution
        for i, inner in enumerate(self.found):
            if not self._finite(inner.cue_span):
                continue
            for outer in self.found:
                if outer is inner or not _within(inner.cue_span, outer.content):
                    continue
                if not self._reports(outer, inner):
                    continue
                nearest = relays.get(i)
                if nearest is None or _within(outer.content, nearest.content):
                    relays[i] = outer
        relaying = {id(outer) for outer in relays.values()}
        kept: list[Attribution] = []
        for i, attribution in enumerate(self.found):
            if id(attribution) in relaying:
                continue
            relay = relays.get(i)
            if relay is not None and relay.speaker.lower() != attribution.speaker.lower():
                attribution = attribution.model_copy(update={"reported_by": relay.speaker})
            kept.append(attribution)
        return kept

    def _reports(self, outer: Attribution, inner: Attribution) -> bool:
        """Whether ``outer``'s cue governs ``inner``'s in the parse: the inner verb heads
        the outer's reported clause ("an aide claimed Clinton said"), or the outer cue
        hangs from the inner verb ("according to US media, she added"; "an aide,
        Politico reported, claimed"), or "according to" hangs anywhere in its clause. A
        relative or adverbial clause is not relayed speech ("found that among people who
        said ...", "lost because Obama had vowed")."""
        verb, cue = self._token_at(inner.cue_span), self._token_at(outer.cue_span)
        if verb is None or cue is None:
            return False
        if cue.head.i == verb.i and cue.dep_ in ("parataxis", "prep", "advcl"):
            return True
        if cue.lower_ == "according" and verb.is_ancestor(cue):
            # "Clinton said the party had raised $900m, according to two participants":
            # the parse hangs the phrase on the reported verb; it reports the saying.
            return True
        token = verb
        while token.dep_ in ("ccomp", "xcomp") and token.head.i != token.i:
            token = token.head
            if token.i == cue.i:
                return True
        return False

    def _token_at(self, span: TextRange) -> Token | None:
        found = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return found[0] if found is not None and len(found) else None

    def _finite(self, cue: TextRange) -> bool:
        """A cue that reports words as said ("Clinton said", "she added", "according
        to"), not as wished or due ("Y must explain why", "Y would say")."""
        if self.text[cue.start : cue.end].lower() == "according to":
            return True
        span = self.doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if span is None:
            return False
        verb = span[0]
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return False
        return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN")

    # -- helpers -------------------------------------------------------------------

    def _add(
        self, speaker: _Speaker, cue_start: int, cue_end: int, start: int, end: int, direct: bool
    ) -> None:
        if end <= start or self._outside(speaker.span.start):
            return
        relayed_by: str | None = None
        same = next(
            (
                i
                for i, a in enumerate(self.found)
                if (a.content.start, a.content.end) == (start, end)
            ),
            None,
        )
        if same is not None:
            earlier = self.found[same]
            cue = TextRange(start=cue_start, end=cue_end)
            if not (earlier.cue_span.end <= cue_start < start and self._finite(cue)):
                return
            # "The Times quoted a donor as saying Clinton said: '...'": the words are the
            # nearer speaker's, relayed by the first one.
            del self.found[same], self.speakers[same]
            relayed_by = earlier.speaker
        self.found.append(
            Attribution(
                id="A0",
                speaker=speaker.text,
                speaker_kind=speaker.kind,
                speaker_span=speaker.span,
                entity=speaker.entity.id if speaker.entity else None,
                resolved_from=speaker.resolved_from,
                cue=self.text[cue_start:cue_end],
                cue_span=TextRange(start=cue_start, end=cue_end),
                content=TextRange(start=start, end=end),
                direct=direct,
                reported_by=relayed_by,
            )
        )
        self.speakers.append(speaker)

    def _entity(self, token: Token) -> Entity | None:
        return self.mention_of.get(token.idx)

    def _names_someone(self, token: Token) -> bool:
        """A person or body, not a place ("the BBC's X from the capital, Abuja")."""
        entity = self._entity(token)
        return entity is not None and entity.type is not EntityType.PLACE

    def _outside(self, offset: int) -> bool:
        return 0 <= offset < len(self._outside_at) and self._outside_at[offset] == 1

    def _in_content(self, offset: int) -> bool:
        return any(a.content.start <= offset < a.content.end for a in self.found)

    def _in_quote(self, offset: int) -> bool:
        return 0 <= offset < len(self._quoted_at) and self._quoted_at[offset] == 1

    def _sentence_at(self, offset: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= offset < s.end), None)

    def _next_is(self, token: Token, char: str) -> bool:
        return token.i + 1 < len(self.doc) and self.doc[token.i + 1].text == char

    def _skip_punct(self, offset: int) -> int:
        while offset < len(self.text) and (self.text[offset] in ",; " or self.text[offset] == "\n"):
            offset += 1
        return offset


def _mask(size: int, ranges: Sequence[TextRange | NonContent]) -> bytearray:
    """One byte a character of the text: 1 inside any of ``ranges``."""
    mask = bytearray(size)
    for item in ranges:
        start, end = max(0, item.start), min(size, item.end)
        if end > start:
            mask[start:end] = b"\x01" * (end - start)
    return mask


def _answers_to(verb: Token) -> bool:
    """'responded to the accident': an answering verb followed by what it answers."""
    return lemma(verb) in ANSWER_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "to" and c.i > verb.i for c in verb.children
    )


def _names_members(prep: Token) -> bool:
    """'like Senator Bernie Sanders', 'including the Red Cross': who a group is."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ in ("like", "including")
        and any(t.ent_type_ in ("PERSON", "ORG") for t in prep.subtree)
    )


def _own_participles(pronoun: Token) -> list[TextRange]:
    """Participle clauses whose understood subject is the pronoun itself ("Addressing
    Trump she said", "Speaking after performing with Bon Jovi, she said"): no one named
    in them is who "she" is."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.i == pronoun.i:
        return []
    spans = []
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ not in ("VBG", "VBN"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            continue
        tokens = list(clause.subtree)
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        spans.append(TextRange(start=start, end=end))
    return spans


def _is_person_noun(token: Token) -> bool:
    base = lemma(token).lower()
    if token.pos_ != "NOUN" or token.tag_ != "NN":
        return False
    return base in PERSON_NOUNS or (len(base) > 5 and base.endswith(_PERSON_ENDINGS))


def _as_saying(verb: Token) -> bool:
    """'the magazine reported Nayak as writing ...': the object is the speaker."""
    return any(
        c.dep_ == "prep" and c.lower_ == "as" and any(lemma(g) in SPEECH_VERBS for g in c.children)
        for c in verb.children
    ) and any(c.dep_ == "dobj" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    """A passive verb, or a participle with an agent ("stands accused by X")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in verb.children)
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def _subject(verb: Token) -> Token | None:
    """Who does the verb: its subject, or in the passive its agent ("was announced by
    X"); a passive subject ("the victory was confirmed") is what is spoken about."""
    if _is_passive(verb):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        objects = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
        return objects[0] if objects else None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "<what was said>, Mrs Clinton said": a bad parse may give the verb two subjects;
    # the speaker is the one beside the verb.
    return min(subjects, key=lambda c: abs(c.i - verb.i), default=None)


def _ccomp(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)


def _within(span: TextRange, outer: TextRange) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _trim_end(text: str, start: int, end: int) -> int:
    """Keep a closing full stop with the clause; drop trailing commas and spaces."""
    stripped = text[start:end].rstrip(" ,;:")
    return start + len(stripped)
