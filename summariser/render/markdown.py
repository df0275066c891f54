"""The brief as Markdown: every item, its evidence location, and the warnings.

Every text from the article or the model is escaped (:func:`inline`): HTML cannot run
(``<img onerror=...>`` shows as text), ``[...](...)`` makes no link, and control
characters (a terminal's escape sequences) are dropped. Only our own ``<sub>`` tags and
Markdown remain markup.
"""

from __future__ import annotations

import re

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


# C0 and C1 controls but tab and line ends, DEL, and the escape sequences they start.
CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# What turns brackets into a link: "[text](url)", "[text][ref]", and a definition
# "[ref]: url" that opens a block. Escaping what follows the "]" leaves "claims[0]" and
# "[3]" as they are.
_LINK_SYNTAX = re.compile(r"\](?=[(\[])|^(\s*\[[^\]\n]*)\](?=:)")


def plain(text: str) -> str:
    """``text`` on one line, without control characters or escape sequences."""
    return " ".join(CONTROLS.sub("", text).split())


def inline(text: str) -> str:
    """Article or model text as inert Markdown: one line, HTML escaped, and a backslash
    after a "]" that would make a link."""
    return _LINK_SYNTAX.sub(lambda m: f"{m.group(1) or ''}]\\", plain(text).translate(_HTML))


def _cell(text: str) -> str:
    return inline(text).replace("|", "\\|")


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
    return [(label, plain(value)) for label, value in items if value]


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
    """A Markdown analyst brief; article and model text escaped, ``|`` in cells too."""
    lines = [f"# {inline(brief.headline)}", ""]
    provenance = provenance_items(brief)
    if provenance:
        lines += [" · ".join(f"{label}: {inline(value)}" for label, value in provenance), ""]
    lines += [inline(brief.summary), ""]
    if brief.paragraph.text:
        lines += ["## Newsletter paragraph", "", inline(brief.paragraph.text), ""]
        lines += [f"<sub>{inline(note)}</sub>  " for note in brief.paragraph.notes]
        lines += [""] if brief.paragraph.notes else []

    lines += ["## Claims", ""]
    for claim in brief.claims:
        hedges = f"; {', '.join(claim.hedges)}" if claim.hedges else ""
        via = f", via {claim.reported_by}" if claim.reported_by else ""
        lines.append(
            f"- {inline(claim.statement)} — *{inline(claim.claimant)}*{inline(via)} "
            f"({claim.attribution.value.replace('_', ' ')}{inline(hedges)}). Credibility "
            f"**{claim.credibility}** ({CREDIBILITY_WORDS[claim.credibility]}): "
            f"{inline(claim.credibility_reason)}. {_at(claim.evidence)}"
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
        role = f", {inline(actor.role)}" if actor.role else ""
        kind = actor.kind.value.replace("_", " ")
        lines.append(f"- **{inline(actor.name)}** ({kind}{role}) {_at(actor.evidence[0])}")
    if not brief.actors:
        lines.append("- (none grounded)")

    lines += ["", "## Locations", ""]
    for location in brief.locations:
        within = f", in {inline(location.within)}" if location.within else ""
        kind = location.kind.value.replace("_", " ")
        lines.append(f"- **{inline(location.name)}** ({kind}{within}) {_at(location.evidence[0])}")
    if not brief.locations:
        lines.append("- (none grounded)")

    assessment = brief.source_assessment
    outlet = inline(assessment.outlet or "unknown outlet")
    outlet_type = f" ({inline(assessment.outlet_type)})" if assessment.outlet_type else ""
    lines += [
        "",
        "## Source assessment",
        "",
        f"- Outlet: **{outlet}**{outlet_type}",
        f"- Reliability: **{assessment.reliability.value}** "
        f"({RELIABILITY_WORDS[assessment.reliability.value]}): "
        f"{inline(assessment.reliability_reason)}",
    ]
    lines += [f"- {inline(finding)}" for finding in assessment.sourcing]
    lines += [f"- Note: {inline(note)}" for note in assessment.notes]

    lines += ["", "## Warnings", ""]
    if brief.warnings:
        lines += [f"- {w.kind.value}: {inline(w.item)}: {inline(w.reason)}" for w in brief.warnings]
    else:
        lines.append("- none")
    lines += ["", f"<sub>{inline(usage_line(brief))}</sub>", ""]
    return "\n".join(lines)
