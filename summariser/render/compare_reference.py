"""A Markdown reference of every field of the cross-source brief, generated from its
pydantic models the way the brief's own reference is (``schema_reference.py``)."""

from __future__ import annotations

from summariser.comparison.schema import COMPARE_SCHEMA_VERSION, CrossSourceBrief
from summariser.render.schema_reference import _models, _type_name


def compare_schema_reference() -> str:
    """The reference as Markdown."""
    lines = [
        "# Cross-source brief schema reference",
        "",
        f"Schema version {COMPARE_SCHEMA_VERSION}. Generated from "
        "`summariser/comparison/schema.py` by `summariser schema --compare --format markdown`; "
        "do not edit by hand. `summariser schema --compare` prints the JSON Schema.",
        "",
    ]
    for model in _models(CrossSourceBrief):
        lines += [f"## {model.__name__}", ""]
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            lines += [" ".join(doc.split()), ""]
        lines += ["| field | type | description |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            description = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {_type_name(field.annotation)} | {description} |")
        lines.append("")
    return "\n".join(lines)
