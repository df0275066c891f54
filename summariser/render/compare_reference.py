"""A Markdown reference of every field of the cross-source brief, generated from its
pydantic models as the brief's own is (``schema_reference.model_reference``).

docs/compare-schema.md is this function's output; a test keeps it current.
"""

from __future__ import annotations

from summariser.comparison.schema import COMPARE_SCHEMA_VERSION, CrossSourceBrief
from summariser.render.schema_reference import model_reference


def compare_schema_reference() -> str:
    """The cross-source brief's reference as Markdown."""
    return model_reference(
        CrossSourceBrief,
        "Cross-source brief schema reference",
        f"Schema version {COMPARE_SCHEMA_VERSION}. Generated from "
        "`summariser/comparison/schema.py` by `summariser schema --compare --format markdown`; "
        "do not edit by hand. `summariser schema --compare` prints the JSON Schema.",
    )
