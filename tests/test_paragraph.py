"""The newsletter paragraph: faithful by code checks. Briefs here are SYNTHETIC unless
replayed from fixtures/recordings (real model output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser import summarise
from summariser.analysis.analyse import analyse
from summariser.analysis.quantities import all_values
from summariser.brief import build_brief
from summariser.cli.app import app
from summariser.grounding.align import fold
from summariser.input.documents import make_document
from summariser.rules.paragraph import make_paragraph
from summariser.schema import Brief, Usage
from summariser.text import name_runs
from tests.conftest import ARTICLES, RECORDINGS, SEED

ARTICLE_FILES = sorted(ARTICLES.glob("*.txt"))


def _synthetic_brief(seed_text: str, summary: str) -> Brief:
    """The seed's brief with a SYNTHETIC summary, and the paragraph made from it."""
    document = make_document(seed_text)
    brief = build_brief(document, analyse(document), model="m", prompt_version="p", usage=Usage())
    brief = brief.model_copy(update={"summary": summary})
    return brief.model_copy(update={"paragraph": make_paragraph(brief)})


def check_faithful(brief: Brief, text: str, max_words: int) -> None:
    paragraph = make_paragraph(brief, max_words)
    assert paragraph.faithful and paragraph.text
    assert paragraph.words == len(paragraph.text.split()) <= max_words
    values = {n.value for n in brief.numbers}
    assert all_values(paragraph.text) <= values
    grounded = [
        fold(x)
        for x in [a.name for a in brief.actors]
        + [loc.name for loc in brief.locations]
        + [c.claimant for c in brief.claims]
        + [brief.source_assessment.outlet or ""]
    ]
    for name in name_runs(paragraph.text):
        folded = fold(name)
        assert any(folded in g or g in folded for g in grounded if g), name
    # nothing in it is absent from the article
    article = fold(text)
    for name in name_runs(paragraph.text):
        assert fold(name) in article or any(fold(name) in g for g in grounded)


@pytest.mark.parametrize("article", ARTICLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("max_words", [90, 50])
def test_paragraph_is_faithful_on_every_recorded_fixture(article: Path, max_words: int) -> None:
    text = article.read_text(encoding="utf-8")
    brief = summarise(text, replay_dir=RECORDINGS)
    check_faithful(brief, text, max_words)


def test_a_sentence_with_an_ungrounded_number_is_dropped_and_noted(seed_text: str) -> None:
    brief = _synthetic_brief(
        seed_text,
        "The Russian Defense Ministry said warplanes flew over 80 sorties. Some 95 tanks burned.",
    )
    paragraph = brief.paragraph
    assert "95" not in paragraph.text
    assert any("95" in note for note in paragraph.notes)


def test_a_sentence_naming_an_ungrounded_place_is_dropped(seed_text: str) -> None:
    brief = _synthetic_brief(
        seed_text,
        "The Russian Defense Ministry said warplanes flew over 80 sorties. Aleppo was calm.",
    )
    assert "Aleppo" not in brief.paragraph.text
    assert any('"Aleppo"' in note for note in brief.paragraph.notes)


def test_a_reported_claim_keeps_its_attribution(seed_text: str) -> None:
    brief = _synthetic_brief(seed_text, "Russian warplanes flew over 80 sorties.")
    assert brief.paragraph.text == (
        "Russian warplanes flew over 80 sorties, according to the Russian Defense Ministry."
    )
    assert any("attribution" in note for note in brief.paragraph.notes)


def test_an_attributed_sentence_is_left_alone(seed_text: str) -> None:
    summary = "The Russian Defense Ministry said its warplanes flew over 80 sorties."
    brief = _synthetic_brief(seed_text, summary)
    assert brief.paragraph.text == summary and brief.paragraph.notes == []


def test_too_long_summaries_are_cut_at_sentence_ends(seed_text: str) -> None:
    summary = (
        "The Russian Defense Ministry said its warplanes flew over 80 sorties. "
        "SANA reported that nine field commanders were killed in Deir ez-Zor."
    )
    paragraph = make_paragraph(_synthetic_brief(seed_text, summary), 15)
    assert paragraph.text == "The Russian Defense Ministry said its warplanes flew over 80 sorties."
    assert any("cut 1 sentence" in note for note in paragraph.notes)


def test_when_nothing_fits_it_is_reported_not_published(seed_text: str) -> None:
    paragraph = make_paragraph(_synthetic_brief(seed_text, "Nothing grounded: Aleppo."), 10)
    assert paragraph.text == "" and not paragraph.faithful
    assert paragraph.notes


def test_paragraph_command_prints_one_paragraph_within_the_limit() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["paragraph", str(SEED), "-q", "--words", "60", "--replay", str(RECORDINGS)]
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout.strip()
    assert "\n" not in text and 0 < len(text.split()) <= 60
    assert "according to the russian defense ministry" in text.lower() or "said" in text
    assert all(line.startswith("summariser: note: ") for line in result.stderr.splitlines())


def test_paragraph_command_fails_when_no_faithful_paragraph_fits() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["paragraph", str(SEED), "-q", "--words", "10", "--replay", str(RECORDINGS)]
    )
    assert result.exit_code == 7
    assert "summariser: error: no faithful paragraph of at most 10 words" in result.stderr
    assert result.stdout == ""


def test_paragraph_is_a_field_of_the_json_output(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    data = brief.model_dump()
    assert data["paragraph"]["text"] and data["paragraph"]["max_words"] == 90
