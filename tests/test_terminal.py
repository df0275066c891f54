"""The brief on a terminal (rich) and when piped (plain Markdown)."""

from __future__ import annotations

from rich.console import Console

from summariser import summarise
from summariser.render.terminal import print_brief
from tests.conftest import RECORDINGS


def _render(seed_text: str, width: int = 80) -> str:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    console = Console(width=width, record=True, force_terminal=True, color_system="truecolor")
    print_brief(brief, console)
    return console.export_text()


def test_terminal_brief_fits_80_columns(seed_text: str) -> None:
    text = _render(seed_text)
    assert max(len(line) for line in text.splitlines()) <= 80


def test_claims_are_grouped_by_claimant_with_credibility_badges(seed_text: str) -> None:
    text = _render(seed_text)
    assert "Claims, by claimant" in text
    lines = text.splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.startswith("Russian Defense Ministry (reported)")
    )
    assert "possibly true" in lines[header + 1] or "doubtful" in lines[header + 1]


def test_numbers_table_shows_every_number(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    text = _render(seed_text, width=120)
    for number in brief.numbers:
        assert f"{number.evidence.start}:{number.evidence.end}" in text
