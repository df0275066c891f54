"""The brief keeps where its article came from and when it was made (schema 2.1 on)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from summariser import SCHEMA_VERSION, Brief, load_source, summarise
from summariser.cli.app import app
from summariser.render.markdown import render_markdown
from summariser.schema import brief_json_schema
from tests.conftest import FIXTURES, SEED

PAGE = FIXTURES / "pages" / "harbour-fire.html"
FIXED = datetime(2026, 1, 1, tzinfo=UTC)  # SOURCE_DATE_EPOCH in conftest


def test_the_schema_version_is_bumped_and_carries_provenance() -> None:
    assert SCHEMA_VERSION == "2.2"
    definitions = cast(dict[str, Any], brief_json_schema()["$defs"])
    provenance = definitions["Provenance"]["properties"]
    assert {"source", "url", "title", "author", "published", "outlet"} <= set(provenance)
    assert "created" in definitions["BriefMeta"]["properties"]


def test_a_saved_page_keeps_title_author_date_url_outlet_and_when_it_was_made() -> None:
    brief = summarise(load_source(str(PAGE)), model="none")
    provenance = brief.provenance
    assert provenance.source == str(PAGE)
    assert provenance.title == "Fire at Port Kessel fuel depot forces evacuation of 300 residents"
    assert (provenance.author, provenance.published) == ("Lena Vogt", "2026-03-12")
    assert provenance.url == "https://northwind.example/2026/03/12/port-kessel-fire"
    assert provenance.outlet == "Northwind Wire"
    assert brief.meta.created == FIXED


def test_a_text_file_from_the_command_line_names_its_path_and_outlet(tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    args = ["brief", str(SEED), "--model", "none", "-q", "-f", "json", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["provenance"]["source"] == str(SEED)
    assert data["provenance"]["outlet"] == "TASS"  # recognised from the dateline
    assert data["provenance"]["title"] is None and data["provenance"]["url"] is None
    assert data["meta"]["schema_version"] == "2.2"
    assert data["meta"]["created"] == "2026-01-01T00:00:00Z"


def test_standard_input_is_named_as_such(seed_text: str) -> None:
    args = ["brief", "-", "--model", "none", "-q", "-f", "json"]
    result = CliRunner().invoke(app, args, input=seed_text)
    assert result.exit_code == 0, result.stderr
    brief = Brief.model_validate_json(result.stdout)
    assert brief.provenance.source == "-"
    assert "Source: standard input" in render_markdown(brief)


def test_text_handed_to_the_library_has_no_source_and_the_time_is_now(
    seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    brief = summarise(seed_text, model="none")
    assert brief.provenance.source is None
    created = brief.meta.created
    assert created is not None and created.tzinfo is not None
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=5)


def test_a_brief_of_schema_2_0_still_validates(seed_text: str) -> None:
    data = summarise(seed_text, model="none").model_dump(mode="json")
    del data["provenance"], data["meta"]["created"]
    data["meta"]["schema_version"] = "2.0"
    old = Brief.model_validate(data)
    assert old.provenance.source is None and old.meta.created is None


def test_markdown_shows_the_provenance_under_the_headline() -> None:
    markdown = render_markdown(summarise(load_source(str(PAGE)), model="none"))
    head = markdown.split("\n## ", 1)[0]
    for shown in (
        f"Source: {PAGE}",
        "Author: Lena Vogt",
        "Published: 2026-03-12",
        "Outlet: Northwind Wire",
        "URL: https://northwind.example/2026/03/12/port-kessel-fire",
        "Brief made: 2026-01-01 00:00 UTC",
    ):
        assert shown in head, shown
