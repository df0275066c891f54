"""Replay the recorded exchanges of the real embedded model and check the invariants.

The recordings under fixtures/recordings were made by `make record` from real runs;
replay is strict (a missing or unplayed recording fails).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser import summarise
from summariser.cli.app import app
from summariser.model.draft import Draft
from summariser.store.recording import ReadableSerializer
from tests.conftest import ARTICLES, RECORDINGS
from tests.invariants import check_brief, check_nothing_dropped_silently

ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))


def _last_draft(brief_key_path: Path) -> Draft:
    cassette = ReadableSerializer.deserialize(brief_key_path.read_text(encoding="utf-8"))
    body = json.loads(cassette["interactions"][-1]["response"]["body"]["string"])
    return Draft.model_validate_json(body["choices"][0]["message"]["content"])


@pytest.mark.parametrize("article", ARTICLE_FILES, ids=lambda p: p.stem)
def test_recorded_brief_keeps_every_invariant(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    brief = summarise(text, model="local", replay_dir=RECORDINGS)
    check_brief(brief, text)
    assert brief.meta.usage.calls >= 1 and brief.meta.usage.completion_tokens > 0


@pytest.mark.parametrize("article", ARTICLE_FILES, ids=lambda p: p.stem)
def test_nothing_the_model_said_is_dropped_silently(article: Path) -> None:
    from summariser.config import load_settings
    from summariser.input.documents import make_document
    from summariser.store.keys import brief_key

    text = article.read_text(encoding="utf-8")
    key = brief_key(make_document(text), load_settings())
    brief = summarise(text, model="local", replay_dir=RECORDINGS)
    check_nothing_dropped_silently(brief, _last_draft(RECORDINGS / f"{key}.yaml"))


def test_seed_brief_has_what_any_sane_brief_has(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    assert any(n.value == 80 and "sortie" in n.unit for n in brief.numbers)
    assert any("Deir ez-Zor" in loc.name for loc in brief.locations)
    assert any(
        "Defense Ministry" in x
        for x in [a.name for a in brief.actors] + [c.claimant for c in brief.claims]
    )


def test_cli_json_output_validates_against_the_schema_command(tmp_path: Path) -> None:
    import jsonschema

    runner = CliRunner()
    out = tmp_path / "brief.json"
    seed = str(ARTICLES / "tass-deir-ez-zor.txt")
    result = runner.invoke(
        app, ["brief", seed, "-q", "--replay", str(RECORDINGS), "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), schema)


def test_cli_markdown_from_replay_shows_the_sections() -> None:
    runner = CliRunner()
    seed = str(ARTICLES / "tass-deir-ez-zor.txt")
    result = runner.invoke(app, ["brief", seed, "-q", "--replay", str(RECORDINGS)])
    assert result.exit_code == 0, result.stderr
    for heading in (
        "## Claims",
        "## Numbers",
        "## Actors",
        "## Locations",
        "## Source assessment",
        "## Warnings",
    ):
        assert heading in result.stdout


def test_replay_of_an_unrecorded_article_fails_and_names_the_key(tmp_path: Path) -> None:
    runner = CliRunner()
    article = tmp_path / "new.txt"
    article.write_text(
        "A brand new article that was never recorded. It says little.", encoding="utf-8"
    )
    result = runner.invoke(app, ["brief", str(article), "-q", "--replay", str(RECORDINGS)])
    assert result.exit_code == 8
    assert "no recording with key" in result.stderr
