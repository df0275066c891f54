"""The brief as Markdown: every item, its evidence location, and the warnings."""

from __future__ import annotations

from summariser.schema import Brief, Evidence, NumberItem

CREDIBILITY_WORDS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _at(evidence: Evidence) -> str:
    return f"[{evidence.start}:{evidence.end}]"


def provenance_items(brief: Brief) -> list[tuple[str, str]]:
    """What is known of where the article came from, and when the brief was made, as
    (label, value) pairs; unknown ones are left out."""
    provenance = brief.provenance
    created = brief.meta.created
    items = [
        ("Source", "standard input" if provenance.source == "-" else provenance.source),
        ("Title", provenance.title),
        ("Author", provenance.author),
        ("Published", provenance.published),
        ("Outlet", provenance.outlet),
        ("URL", provenance.url if provenance.url != provenance.source else None),
        ("Brief made", created.strftime("%Y-%m-%d %H:%M UTC") if created else None),
    ]
    return [(label, " ".join(value.split())) for label, value in items if value]


def usage_line(brief: Brief) -> str:
    """The model, versions and what the brief cost, in one line."""
    meta, usage = brief.meta, brief.meta.usage
    return (
        f"model {meta.model} · prompt {meta.prompt_version} · schema {meta.schema_version} · "
        f"{usage.calls} call(s), {usage.prompt_tokens} prompt + {usage.completion_tokens} "
        f"completion tokens, {usage.seconds:.1f} s"
    )


def number_value(number: NumberItem) -> str:
    """The value, or the range low–high."""
    if number.low is not None and number.high is not None:
        return f"{number.low:g}–{number.high:g}"
    return f"{number.value:g}"


def render_markdown(brief: Brief) -> str:
    """A Markdown analyst brief; ``|`` in cells is escaped."""
    lines = [f"# {brief.headline}", ""]
    provenance = provenance_items(brief)
    if provenance:
        lines += [" · ".join(f"{label}: {value}" for label, value in provenance), ""]
    lines += [brief.summary, ""]
    if brief.paragraph.text:
        lines += ["## Newsletter paragraph", "", brief.paragraph.text, ""]
        lines += [f"<sub>{note}</sub>  " for note in brief.paragraph.notes]
        lines += [""] if brief.paragraph.notes else []

    lines += ["## Claims", ""]
    for claim in brief.claims:
        hedges = f"; {', '.join(claim.hedges)}" if claim.hedges else ""
        lines.append(
            f"- {claim.statement} — *{claim.claimant}* ({claim.attribution.value.replace('_', ' ')}"
            f"{hedges}). Credibility **{claim.credibility}** "
            f"({CREDIBILITY_WORDS[claim.credibility]}): {claim.credibility_reason}. "
            f"{_at(claim.evidence)}"
        )
    if not brief.claims:
        lines.append("- (none grounded)")

    lines += ["", "## Numbers", ""]
    if brief.numbers:
        lines += [
            "| value | as written | qualifier | unit | counts | where |",
            "|---|---|---|---|---|---|",
        ]
        for number in brief.numbers:
            qualifier = number.qualifier.value.replace("_", " ")
            lines.append(
                f"| {number_value(number)} | {_cell(number.text)} | {qualifier} "
                f"| {_cell(number.unit)} | {_cell(number.counts)} | {_at(number.evidence)} |"
            )
    else:
        lines.append("- (none grounded)")

    lines += ["", "## Actors", ""]
    for actor in brief.actors:
        role = f", {actor.role}" if actor.role else ""
        kind = actor.kind.value.replace("_", " ")
        lines.append(f"- **{actor.name}** ({kind}{role}) {_at(actor.evidence[0])}")
    if not brief.actors:
        lines.append("- (none grounded)")

    lines += ["", "## Locations", ""]
    for location in brief.locations:
        within = f", in {location.within}" if location.within else ""
        kind = location.kind.value.replace("_", " ")
        lines.append(f"- **{location.name}** ({kind}{within}) {_at(location.evidence[0])}")
    if not brief.locations:
        lines.append("- (none grounded)")

    assessment = brief.source_assessment
    outlet = assessment.outlet or "unknown outlet"
    outlet_type = f" ({assessment.outlet_type})" if assessment.outlet_type else ""
    lines += [
        "",
        "## Source assessment",
        "",
        f"- Outlet: **{outlet}**{outlet_type}",
        f"- Reliability: **{assessment.reliability.value}** "
        f"({RELIABILITY_WORDS[assessment.reliability.value]}): {assessment.reliability_reason}",
    ]
    lines += [f"- {finding}" for finding in assessment.sourcing]
    lines += [f"- Note: {note}" for note in assessment.notes]

    lines += ["", "## Warnings", ""]
    if brief.warnings:
        lines += [f"- {w.kind.value}: {w.item}: {w.reason}" for w in brief.warnings]
    else:
        lines.append("- none")
    lines += ["", f"<sub>{usage_line(brief)}</sub>", ""]
    return "\n".join(lines)
