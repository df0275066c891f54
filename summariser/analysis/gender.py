"""Which named people the article shows to be a man or a woman, so that "she said" is
never given to a man (nor "he said" to a woman).

Only what the article itself says counts, never a guess from a first name:

- a title before a mention: "Mr", "Sir", "Lord", "King" or "Mrs", "Ms", "Miss", "Lady",
  "Dame", "Queen";
- a role that says it: "actress", "spokeswoman", "his wife" ... "chairman" is not one
  (it is used of women too);
- the pronouns the article uses of them: in a sentence that names one person only, as
  its subject, the first "he/his/him" or "she/her" after the name. One reading
  outweighed two to one by the other is dropped; a tie leaves the gender unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from summariser.analysis.candidates import Entity, EntityType

if TYPE_CHECKING:
    from spacy.tokens import Doc

Gender = Literal["male", "female"]

_TITLES: dict[str, Gender] = {
    **dict.fromkeys(["mr", "mr.", "mister", "sir", "lord", "king", "prince"], "male"),
    **dict.fromkeys(
        ["mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen", "princess", "madam"],
        "female",
    ),
}
_ROLES: dict[str, Gender] = {
    **dict.fromkeys(
        """actor husband father son brother boy man spokesman businessman congressman
        grandfather uncle nephew king prince""".split(),
        "male",
    ),
    **dict.fromkeys(
        """actress wife mother daughter sister girl woman spokeswoman businesswoman
        congresswoman chairwoman grandmother aunt niece queen princess""".split(),
        "female",
    ),
}
_PRONOUNS: dict[str, Gender] = {
    **dict.fromkeys(["he", "his", "him", "himself"], "male"),
    **dict.fromkeys(["she", "her", "hers", "herself"], "female"),
}
PRONOUN_GENDER = _PRONOUNS


def person_genders(doc: Doc, entities: Sequence[Entity]) -> dict[str, Gender]:
    """Entity id → the gender the article shows, for the people it shows it of."""
    votes: dict[str, Counter[Gender]] = {}
    text = doc.text  # built from the tokens on every access
    people = [e for e in entities if e.type is EntityType.PERSON]
    person_at: dict[int, Entity] = {}
    for entity in people:
        tally: Counter[Gender] = Counter()
        for mention in entity.mentions:
            for offset in range(mention.start, mention.end):
                person_at[offset] = entity
            first = text[mention.start : mention.end].split()[0].lower()
            before = text[max(0, mention.start - 10) : mention.start].split()
            for word in [first, before[-1].lower() if before else ""]:
                if word in _TITLES:
                    tally[_TITLES[word]] += 3  # a title settles it
        for word in (entity.role or "").lower().split():
            if word in _ROLES:
                tally[_ROLES[word]] += 3
        votes[entity.id] = tally
    # One pass over the tokens: per sentence, the people named, the first one named as
    # a subject, and the first gendered pronoun after that subject.
    named: set[str] = set()
    subject: Entity | None = None
    pronoun: Gender | None = None

    def vote() -> None:
        if subject is not None and pronoun is not None and len(named) == 1:
            votes[subject.id][pronoun] += 1

    starts = {sentence.start for sentence in doc.sents}  # is_sent_start scans the doc
    for token in doc:
        if token.i in starts:
            vote()
            named, subject, pronoun = set(), None, None
        person = person_at.get(token.idx)
        if person is not None:
            named.add(person.id)
            if subject is None and token.dep_ == "nsubj":
                subject = person
        elif subject is not None and pronoun is None and token.lower_ in _PRONOUNS:
            pronoun = _PRONOUNS[token.lower_]
    vote()
    genders: dict[str, Gender] = {}
    for entity_id, tally in votes.items():
        male, female = tally["male"], tally["female"]
        if male >= 2 * female and male > 0:
            genders[entity_id] = "male"
        elif female >= 2 * male and female > 0:
            genders[entity_id] = "female"
    return genders
