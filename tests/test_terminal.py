"""The brief on a terminal (rich) and when piped (plain Markdown)."""

from __future__ import annotations

from rich.console import Console

from summariser import summarise
from summariser.render.markdown import render_markdown
from summariser.render.terminal import RELIABILITY_STYLE, _badge, print_brief
from tests.conftest import FIXTURES, RECORDINGS


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


def test_credibility_badges_are_coloured_by_meaning() -> None:
    styles = [str(_badge(level).style) for level in range(2, 7)]
    assert len(set(styles)) == len(styles), styles  # "possibly true" does not look like 2
    assert "green" in styles[0] and "yellow" in styles[1] and "red" in styles[3]
    assert len(set(RELIABILITY_STYLE.values())) == len(RELIABILITY_STYLE)


def test_the_model_and_usage_footer_is_shown_as_in_markdown(seed_text: str) -> None:
    brief = summarise(seed_text, replay_dir=RECORDINGS)
    text = _render(seed_text, width=200)
    footer = next(line for line in render_markdown(brief).splitlines() if "<sub>model" in line)
    assert footer.removeprefix("<sub>").removesuffix("</sub>") in text
    assert "schema 2.2" in text and "prompt + " in text


def test_the_numbers_table_has_the_qualifier_column(seed_text: str) -> None:
    lines = _render(seed_text, width=160).splitlines()
    header = next(line for line in lines if line.startswith("value"))
    assert "qualifier" in header
    assert any("over 80" in line and "more than" in line for line in lines)


def test_wrapped_bullets_hang_under_their_text(seed_text: str) -> None:
    lines = _render(seed_text, width=80).splitlines()
    bullets = [i for i, line in enumerate(lines) if line.startswith("  • ")]
    wrapped = [lines[i + 1] for i in bullets if lines[i + 1].startswith("  ")]
    wrapped = [line for line in wrapped if not line.startswith("  • ")]
    assert wrapped, "no bullet wrapped at 80 columns"
    for line in wrapped:  # under the text after "• ", not under the bullet
        assert line.startswith("    ") and line[4] != " ", line


def test_the_terminal_shows_where_the_article_came_from() -> None:
    from summariser import load_source

    brief = summarise(load_source(str(FIXTURES / "pages" / "harbour-fire.html")), model="none")
    console = Console(width=100, record=True, force_terminal=True, color_system="truecolor")
    print_brief(brief, console)
    text = console.export_text()
    head = text.split("Claims, by claimant")[0]
    for shown in ("Author: Lena Vogt", "Published: 2026-03-12", "Outlet: Northwind Wire",
                  "URL: https://northwind.example/2026/03/12/port-kessel-fire",
                  "Brief made: 2026-01-01 00:00 UTC"):  # fmt: skip
        assert shown in head, shown


def test_brief_on_a_real_terminal_with_no_article_shows_usage_instead_of_waiting() -> None:
    """Standard input is a pseudo-terminal and nothing is piped: usage and exit 2 at once."""
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "summariser", "brief", "--model", "none"],
            stdin=secondary,
            capture_output=True,
            text=True,
            timeout=60,  # waiting on the terminal would end here, failing the test
            check=False,
        )
    finally:
        os.close(primary)
        os.close(secondary)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Usage: ") and " brief [OPTIONS]" in result.stderr
    assert result.stdout == ""
