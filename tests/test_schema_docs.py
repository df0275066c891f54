"""The generated schema reference in docs/ stays current (CI checks it)."""

from __future__ import annotations

from summariser.render.schema_reference import schema_reference
from tests.conftest import ROOT


def test_schema_reference_in_the_docs_is_current() -> None:
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert documented == schema_reference() + "\n", "docs/schema.md is stale: run `make docs`"
