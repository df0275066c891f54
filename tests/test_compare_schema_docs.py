"""The generated reference of the cross-source brief in docs/ stays current (CI checks it)."""

from __future__ import annotations

from summariser.comparison.schema import COMPARE_SCHEMA_VERSION
from summariser.render.compare_reference import compare_schema_reference
from tests.conftest import ROOT


def test_compare_schema_reference_in_the_docs_is_current() -> None:
    documented = (ROOT / "docs" / "compare-schema.md").read_text(encoding="utf-8")
    expected = compare_schema_reference() + "\n"
    assert documented == expected, "docs/compare-schema.md is stale: run `make docs`"
    assert f"Schema version {COMPARE_SCHEMA_VERSION}." in documented
    assert "## MergedClaim" in documented and "## Dependence" in documented
