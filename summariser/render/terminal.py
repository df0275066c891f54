"""The brief on a terminal, with rich: where the article came from, claims grouped by
claimant with credibility badges coloured by meaning, a numbers table, the model and
usage line, and everything wrapped to the terminal's width (80 columns and up) with
hanging indents.

Article and model text goes in as :class:`~rich.text.Text`, never as a string rich would
read as markup (``[link=...]`` in an article makes no link), and without control
characters: an escape sequence in an article cannot recolour, move or retitle the
terminal."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from summariser.render.markdown import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    number_value,
    plain,
    provenance_items,
    usage_line,
)
from summariser.schema import Brief

# Admiralty ratings coloured by what they mean: green for the better ratings, yellow for
# "possibly true", orange for "doubtful", red for the worst, grey when it cannot be judged.
CREDIBILITY_STYLE = {
    1: "black on green",
    2: "black on green3",
    3: "black on yellow",
    4: "black on dark_orange",
    5: "white on red",
    6: "black on grey70",
}
RELIABILITY_STYLE = {
    "A": "black on green",
    "B": "black on green3",
    "C": "black on yellow",
    "D": "black on dark_orange",
    "E": "white on red",
    "F": "black on grey70",
}


def _badge(level: int) -> Text:
    return Text(f" {level} {CREDIBILITY_WORDS[level]} ", style=CREDIBILITY_STYLE[level])


def _text(text: str, style: str = "") -> Text:
    """Article or model text as literal rich text on one line, control characters dropped."""
    return Text(plain(text), style=style)


def _bullet(*parts: Text | str) -> RenderableType:
    """A bullet whose wrapped lines hang under its text, not under the bullet."""
    line = Text()
    for part in parts:
        line.append(part if isinstance(part, Text) else _text(part))
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("•", line)
    return Padding(grid, (0, 0, 0, 2))


def brief_renderable(brief: Brief) -> RenderableType:
    """The whole brief as one rich renderable."""
    parts: list[RenderableType] = [_text(brief.headline, style="bold")]
    parts += [
        Text.assemble((f"{label}: ", "dim"), _text(value))
        for label, value in provenance_items(brief)
    ]
    parts += [
        Text(""),
        _text(brief.paragraph.text or brief.summary),
        Text(""),
        Rule("Claims, by claimant", align="left"),
    ]
    ordered = sorted(brief.claims, key=lambda c: c.claimant.lower())
    for claimant, claims in groupby(ordered, key=lambda c: c.claimant):
        group = list(claims)
        parts.append(
            _text(f"{claimant} ({group[0].attribution.value.replace('_', ' ')})", style="bold")
        )
        for claim in group:
            parts.append(
                _bullet(
                    _badge(claim.credibility),
                    " ",
                    claim.statement,
                    Text(f" (via {claim.reported_by})" if claim.reported_by else "", style="dim"),
                    Text(f"  [{claim.evidence.start}:{claim.evidence.end}]", style="dim"),
                )
            )
    parts.append(Rule("Numbers", align="left"))
    table = Table(show_edge=False, expand=False, pad_edge=False)
    for column in ("value", "as written", "qualifier", "unit", "counts", "where"):
        table.add_column(column, overflow="fold")
    for number in brief.numbers:
        table.add_row(
            number_value(number),
            _text(number.text),
            number.qualifier.value.replace("_", " "),
            _text(number.unit),
            _text(number.counts),
            f"{number.evidence.start}:{number.evidence.end}",
        )
    parts.append(table)
    parts.append(Rule("Actors", align="left"))
    for actor in brief.actors:
        role = f", {actor.role}" if actor.role else ""
        parts.append(
            _bullet(
                _text(actor.name, style="bold"), f" ({actor.kind.value.replace('_', ' ')}{role})"
            )
        )
    parts.append(Rule("Locations", align="left"))
    for location in brief.locations:
        within = f", in {location.within}" if location.within else ""
        parts.append(
            _bullet(
                _text(location.name, style="bold"),
                f" ({location.kind.value.replace('_', ' ')}{within})",
            )
        )
    assessment = brief.source_assessment
    parts.append(Rule("Source assessment", align="left"))
    parts.append(
        _bullet(
            f"Outlet: {assessment.outlet or 'unknown'}"
            + (f" ({assessment.outlet_type})" if assessment.outlet_type else "")
        )
    )
    parts.append(
        _bullet(
            Text(
                f" {assessment.reliability.value} ",
                style=RELIABILITY_STYLE[assessment.reliability.value],
            ),
            " ",
            f"{RELIABILITY_WORDS[assessment.reliability.value]}: {assessment.reliability_reason}",
        )
    )
    parts += [_bullet(finding) for finding in assessment.sourcing]
    parts += [_bullet(f"Note: {note}") for note in assessment.notes]
    parts.append(Rule("Warnings", align="left"))
    parts += [
        _bullet(Text(w.kind.value, style="yellow"), f" {w.item}: {w.reason}")
        for w in brief.warnings
    ] or [_bullet("none")]
    parts += [Text(""), Text(usage_line(brief), style="dim")]
    return Group(*parts)


def print_brief(brief: Brief, console: Console | None = None) -> None:
    (console or Console()).print(brief_renderable(brief))
