"""The cross-source brief as Markdown: the articles, the event check, conflicts, agreed
and single claims with their credibility, figures, independence and warnings.

Article text is escaped as in the single brief (:func:`~summariser.render.markdown.inline`):
no HTML runs, no link is made, no control character passes.
"""

from __future__ import annotations

from summariser.comparison.schema import ClaimStatus, CrossSourceBrief, Figure, MergedClaim
from summariser.render.markdown import CREDIBILITY_WORDS, RELIABILITY_WORDS, inline

MAX_SINGLES = 30  # single claims listed in full; the rest are counted


def _where(claim_or_figure_article: str, start: int, end: int) -> str:
    return f"{claim_or_figure_article} [{start}:{end}]"


def compare_usage_line(brief: CrossSourceBrief) -> str:
    """The model, versions, decisions and cost, in one line."""
    meta = brief.meta
    usage = meta.usage
    return (
        f"model {meta.model} · schema {meta.schema_version} (briefs {meta.brief_schema_version})"
        f" · claim pairs: {meta.pairs_by_code} by code, {meta.pairs_by_model} by the model, "
        f"{meta.pairs_undecided} undecided · {usage.calls} call(s), {usage.prompt_tokens} "
        f"prompt + {usage.completion_tokens} completion tokens · {meta.briefs_cached} of "
        f"{len(brief.articles)} briefs from the cache · {meta.seconds:.1f} s"
    )


def _claim(claim: MergedClaim) -> list[str]:
    outlets = ", ".join(dict.fromkeys(m.outlet or m.article for m in claim.mentions))
    lines = [
        f"### {claim.id}: {inline(claim.statement)}",
        "",
        f"{claim.status.value.capitalize()} ({outlets}). Credibility **{claim.credibility}** "
        f"({CREDIBILITY_WORDS[claim.credibility]}): {inline(claim.credibility_reason)}.",
        "",
    ]
    for mention in claim.mentions:
        evidence = mention.evidence
        lines.append(
            f"- **{inline(mention.outlet or 'unknown outlet')}** ({mention.article}"
            f"{', ' + inline(mention.published) if mention.published else ''}): "
            f"{inline(mention.statement)} — *{inline(mention.claimant)}*, credibility alone "
            f"{mention.credibility}. {_where(mention.article, evidence.start, evidence.end)}"
        )
    lines += [f"- Conflict: {inline(c)}" for c in claim.conflicts]
    lines += [f"- Not independent: {inline(n)}" for n in claim.independence]
    if claim.possibly_same_as:
        lines.append(f"- Possibly the same claim as {', '.join(claim.possibly_same_as)}")
    return [*lines, ""]


def _figure(figure: Figure) -> list[str]:
    lines = [
        f"### {figure.id}: {inline(figure.quantity)} — {figure.status.value}",
        "",
        inline(figure.reason) + ".",
        "",
        "| outlet | article | published | as written | qualifier | value | where |",
        "|---|---|---|---|---|---|---|",
    ]
    for value in figure.values:
        shown = f"{value.value:g}" + (f"–{value.high:g}" if value.high is not None else "")
        lines.append(
            f"| {inline(value.outlet or 'unknown')} | {value.article} "
            f"| {inline(value.published or '')} | {inline(value.evidence.quote)} "
            f"| {value.qualifier.value.replace('_', ' ')} | {shown} {inline(figure.unit)} "
            f"| [{value.evidence.start}:{value.evidence.end}] |"
        )
    return [*lines, ""]


def render_compare_markdown(brief: CrossSourceBrief) -> str:
    """A Markdown cross-source brief."""
    lines = ["# Cross-source brief", "", inline(brief.event.summary), ""]
    lines += [
        "## Articles",
        "",
        "| id | outlet | owner | state | reliability | published | title |",
    ]
    lines.append("|---|---|---|---|---|---|---|")
    for article in brief.articles:
        wire = f" (carries {inline(article.carries_wire)})" if article.carries_wire else ""
        lines.append(
            f"| {article.id} | {inline(article.outlet or 'unknown')}{wire} "
            f"| {inline(article.owner or '')} | {inline(article.state or '')} "
            f"| {article.reliability.value} ({RELIABILITY_WORDS[article.reliability.value]}) "
            f"| {inline(article.published or '')} | {inline(article.title or '')} |"
        )
    lines.append("")
    if brief.event.outliers:
        lines += ["## Outliers", ""]
        lines += [f"- {o.article}: {inline(o.reason)}" for o in brief.event.outliers]
        lines.append("")

    sections = (
        (ClaimStatus.CONFLICTING, "Conflicting claims"),
        (ClaimStatus.AGREED, "Agreed claims"),
    )
    for status, title in sections:
        claims = [c for c in brief.claims if c.status is status]
        lines += [f"## {title}", ""]
        for claim in claims:
            lines += _claim(claim)
        if not claims:
            lines += ["- none", ""]

    lines += ["## Figures compared", ""]
    for figure in brief.figures:
        lines += _figure(figure)
    if not brief.figures:
        lines += ["- no quantity is stated by more than one article", ""]

    lines += ["## Independence", ""]
    groups = " · ".join("{" + ", ".join(g) + "}" for g in brief.independence.groups)
    lines += [f"Independent groups: {groups}", ""]
    for dependence in brief.independence.dependences:
        lines.append(
            f"- {', '.join(dependence.articles)}: {dependence.kind.value.replace('_', ' ')}: "
            f"{inline(dependence.reason)}"
        )
        for passage in dependence.passages[:3]:
            lines.append(f"  - “{inline(passage.first.quote)}” ({passage.similarity:.0f})")
    if not brief.independence.dependences:
        lines.append("- every article is independent of the others")

    singles = [c for c in brief.claims if c.status is ClaimStatus.SINGLE]
    lines += ["", "## Single claims", ""]
    for claim in singles[:MAX_SINGLES]:
        mention = claim.mentions[0]
        lines.append(
            f"- {claim.id}: {inline(claim.statement)} — *{inline(mention.claimant)}* "
            f"({inline(mention.outlet or mention.article)}, {mention.article}). Credibility "
            f"**{claim.credibility}** ({CREDIBILITY_WORDS[claim.credibility]})."
        )
    if len(singles) > MAX_SINGLES:
        lines.append(f"- … and {len(singles) - MAX_SINGLES} more (see the JSON output)")
    if not singles:
        lines.append("- none")

    lines += ["", "## Warnings", ""]
    lines += [f"- {inline(w)}" for w in brief.warnings] or ["- none"]
    lines += ["", f"<sub>{inline(compare_usage_line(brief))}</sub>", ""]
    return "\n".join(lines)
