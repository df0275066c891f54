"""The cross-source brief on a terminal, with rich: the event check, the articles, then
conflicting and agreed claims with credibility badges, figures and independence,
wrapped to the terminal's width.

Article text goes in as :class:`~rich.text.Text` without control characters, as in the
single brief's terminal view: no markup is read from it, no escape sequence passes.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from summariser.comparison.schema import ClaimStatus, CrossSourceBrief, MergedClaim
from summariser.render.compare_markdown import compare_usage_line
from summariser.render.markdown import CREDIBILITY_WORDS, plain
from summariser.render.terminal import CREDIBILITY_STYLE, RELIABILITY_STYLE

STATUS_STYLE = {
    ClaimStatus.CONFLICTING: "bold red",
    ClaimStatus.AGREED: "bold green",
    ClaimStatus.SINGLE: "dim",
}


def _text(text: str, style: str = "") -> Text:
    return Text(plain(text), style=style)


def _badge(level: int) -> Text:
    return Text(f" {level} {CREDIBILITY_WORDS[level]} ", style=CREDIBILITY_STYLE[level])


def _hanging(marker: str, line: Text) -> RenderableType:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(marker, line)
    return Padding(grid, (0, 0, 0, 2))


def _claim(claim: MergedClaim) -> list[RenderableType]:
    head = Text.assemble(
        (f"{claim.id} ", "bold"),
        (f"{claim.status.value} ", STATUS_STYLE[claim.status]),
        _badge(claim.credibility),
        " ",
        _text(claim.statement),
    )
    parts: list[RenderableType] = [head]
    for mention in claim.mentions:
        parts.append(
            _hanging(
                "•",
                Text.assemble(
                    _text(mention.outlet or "unknown outlet", "bold"),
                    (f" {mention.article} ", "dim"),
                    _text(mention.claimant, "italic"),
                    ": ",
                    _text(mention.statement),
                ),
            )
        )
    for conflict in claim.conflicts:
        parts.append(_hanging("!", _text(conflict, "red")))
    parts.append(_hanging("→", _text(claim.credibility_reason, "dim")))
    return parts


def compare_renderable(brief: CrossSourceBrief) -> RenderableType:
    """The whole comparison as one rich renderable."""
    parts: list[RenderableType] = [
        Text("Cross-source brief", style="bold"),
        _text(brief.event.summary, "green" if brief.event.same_event else "yellow"),
        Text(""),
    ]
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for column in ("id", "outlet", "owner", "reliability", "published"):
        table.add_column(column, overflow="fold")
    for article in brief.articles:
        table.add_row(
            article.id,
            _text(article.outlet or "unknown"),
            _text(article.owner or ""),
            Text(
                f" {article.reliability.value} ", style=RELIABILITY_STYLE[article.reliability.value]
            ),
            _text(article.published or ""),
        )
    parts.append(table)
    for outlier in brief.event.outliers:
        parts.append(_hanging("!", _text(outlier.reason, "yellow")))
    for status, title in ((ClaimStatus.CONFLICTING, "Conflicting"), (ClaimStatus.AGREED, "Agreed")):
        claims = [c for c in brief.claims if c.status is status]
        parts.append(Rule(f"{title} claims ({len(claims)})", align="left"))
        for claim in claims:
            parts += _claim(claim)
    parts.append(Rule(f"Figures compared ({len(brief.figures)})", align="left"))
    for figure in brief.figures:
        parts.append(
            Text.assemble(
                (f"{figure.id} ", "bold"),
                (f"{figure.status.value} ", STATUS_STYLE[figure.status]),
                _text(figure.quantity),
            )
        )
        parts.append(_hanging("→", _text(figure.reason)))
    parts.append(Rule("Independence", align="left"))
    parts.append(_text(" · ".join("{" + ", ".join(g) + "}" for g in brief.independence.groups)))
    for dependence in brief.independence.dependences:
        parts.append(_hanging("•", _text(dependence.reason)))
    singles = sum(c.status is ClaimStatus.SINGLE for c in brief.claims)
    parts.append(Text(f"{singles} single claims (one article each): see --format md or json",
                      style="dim"))  # fmt: skip
    for warning in brief.warnings:
        parts.append(_hanging("!", _text(warning, "yellow")))
    parts.append(_text(compare_usage_line(brief), "dim"))
    return Group(*parts)


def print_compare(brief: CrossSourceBrief, console: Console | None = None) -> None:
    """Print the comparison on the terminal (at least 80 columns wide)."""
    console = console or Console()
    console.print(compare_renderable(brief), width=max(console.width, 80))
