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
from summariser.schema import Brief
from summariser.store.recording import ReadableSerializer, find_cassette
from tests.conftest import ARTICLES, RECORDINGS
from tests.invariants import check_brief, check_choices_accounted_for

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
def test_every_choice_of_the_model_is_kept_or_warned_about(article: Path) -> None:
    from summariser.config import load_settings
    from summariser.input.documents import make_document
    from summariser.store.keys import brief_key

    text = article.read_text(encoding="utf-8")
    document = make_document(text)
    key = brief_key(document, load_settings())
    brief = summarise(text, model="local", replay_dir=RECORDINGS)
    cassette = find_cassette(RECORDINGS, key)
    assert cassette is not None, f"no recording with key {key}"
    check_choices_accounted_for(brief, _last_draft(cassette), document)


def test_seed_brief_has_what_any_sane_brief_has(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    assert any(n.value == 80 and "sortie" in n.unit for n in brief.numbers)
    assert any("Deir ez-Zor" in loc.name for loc in brief.locations)
    check_seed_targets(brief)


def check_seed_targets(brief: Brief) -> None:
    """The seed's targets: every source cited is a claimant, the places are found, and
    the assessment does not call it single-sourced."""
    claimants = " | ".join(c.claimant.lower() for c in brief.claims)
    assert "russian defense ministry" in claimants
    assert "sana" in claimants or "witnesses" in claimants
    assert "mohammed ibrahim samra" in claimants
    places = " | ".join(loc.name.lower() for loc in brief.locations)
    assert "raqqa" in places and "howeika" in places
    assert not any("single source" in line for line in brief.source_assessment.sourcing)


def test_the_dam_article_puts_every_statement_in_the_right_mouth() -> None:
    """Written for the project: a byline and a dateline, a pronoun speaker, an unnamed
    official, two speakers in one paragraph, and a name inside a longer word."""
    text = (ARTICLES / "dam-rationing.txt").read_text(encoding="utf-8")
    brief = summarise(text, replay_dir=RECORDINGS)
    check_brief(brief, text)

    def claimant_of(phrase: str) -> str:
        return next(c.claimant for c in brief.claims if phrase in c.evidence.quote)

    assert claimant_of("rationing water to farms") == "Amina Yusuf"
    assert claimant_of("12,000 households") == "Amina Yusuf"  # "She added"
    assert "official" in claimant_of("turbines would be shut down")
    assert claimant_of("no plan to close the power station") == "Amina Yusuf"
    assert "Farmers' Union" in claimant_of("400 farms")
    names = [a.name for a in brief.actors] + [loc.name for loc in brief.locations]
    assert "Oman" not in names and not any("Quill" in n or "KASSALA" in n for n in names)
    assert not any(c.claimant.startswith("By ") for c in brief.claims)


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
