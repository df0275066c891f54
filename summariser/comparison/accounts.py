"""Each article briefed as on its own: the analysis and the model's answer, from the cache
when the article was briefed before, and the brief code builds from them.

A comparison needs the analysis as well as the brief (which sentences are story, not
captions or bylines), so it asks the cache for the answers, as ``Summariser.brief`` does,
and keeps both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summariser.analysis.candidates import Analysis
from summariser.backends import backend_identity, parse_model
from summariser.comparison.sources import Item
from summariser.model.answers import Answers, brief_from_answers
from summariser.outlets import Outlet, carried_wire, lookup
from summariser.pipeline import Summariser
from summariser.schema import Brief

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Account:
    """One article of a comparison: its brief, its analysis and its outlet."""

    id: str  # a1, a2, ...
    item: Item
    brief: Brief
    analysis: Analysis
    outlet: Outlet | None  # from the outlet table, when it knows the outlet
    wire: Outlet | None  # the wire service whose copy it carries
    cached: bool

    @property
    def outlet_name(self) -> str | None:
        """The outlet's name: the table's, else the brief's, else the page's site."""
        if self.outlet is not None:
            return self.outlet.name
        return self.brief.provenance.outlet

    @property
    def year(self) -> int | None:
        published = self.item.published or ""
        return int(published[:4]) if published[:4].isdigit() else None


def brief_accounts(
    items: Sequence[Item], summariser: Summariser, progress: Progress | None = None
) -> list[Account]:
    """The account of every item, in order. Articles are parsed one after the other in
    this process: worker processes would each load spaCy again (about 1.5 s), more than
    a handful of articles takes to parse."""
    say = progress or (lambda _: None)
    settings = summariser.settings
    none = parse_model(settings).is_none

    def answers_of(item: Item) -> tuple[Answers, bool]:
        if summariser.cache is not None:
            hit = summariser.cache.answers(item.document, backend_identity(settings), settings)
            if hit is not None:
                return hit, True
        say(f"briefing {item.name}")
        answers = summariser.answer(item.document, say)
        if summariser.cache is not None and not none:
            identity = summariser.backend(say).identity
            summariser.cache.store(item.document, identity, settings, answers)
        return answers, False

    answered = [answers_of(item) for item in items]
    identity = backend_identity(settings) if none else None
    accounts = []
    for number, (item, (answers, cached)) in enumerate(zip(items, answered, strict=True), 1):
        model = identity or (
            backend_identity(settings) if cached else summariser.backend(say).identity
        )
        brief = brief_from_answers(item.document, answers, model=model, settings=settings)
        if cached:
            usage = brief.meta.usage.model_copy(update={"cached": True})
            brief = brief.model_copy(
                update={"meta": brief.meta.model_copy(update={"usage": usage})}
            )
        meta = item.document.meta
        outlet = lookup(meta.site) or lookup(meta.url) or lookup(brief.provenance.outlet)
        wire = carried_wire(item.document.text, meta.url)
        accounts.append(
            Account(
                id=f"a{number}",
                item=item,
                brief=brief,
                analysis=answers.analysis,
                outlet=outlet,
                wire=None if wire is outlet else wire,
                cached=cached,
            )
        )
    return accounts
