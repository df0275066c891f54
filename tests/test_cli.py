"""The command line: exit codes, one-line errors, fast help. No model is run here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser.cli.app import EXIT_CODES, app
from summariser.errors import ConfigError, InputError
from summariser.schema import SCHEMA_VERSION
from tests.conftest import SEED

runner = CliRunner()
# The model clients and the NLP pipeline.
HEAVY = ("openai", "instructor", "xllamacpp", "vcr", "spacy", "thinc")


@pytest.fixture(autouse=True)
def _scratch_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commands that get as far as the cache open a scratch one, never the user's."""
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path / "cache"))


def _run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input, prog_name="summariser")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x00\x01binary", "binary"),
        (b"caf\xe9 \xff", "not valid"),
    ],
)
def test_unusable_input_fails_before_any_model_call(
    tmp_path: Path, content: bytes, message: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    # --model points at an address nothing listens on: reaching it would be a different error.
    code, out, err = _run(
        "brief", str(article), "--model", "x", "--base-url", "http://127.0.0.1:9/v1"
    )
    assert code == EXIT_CODES[InputError] == 3
    assert out == ""
    assert err.startswith("summariser: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_file_is_one_line_with_exit_code_3() -> None:
    code, _, err = _run("brief", "/no/such/article.txt")
    assert code == 3
    assert err.strip() == "summariser: error: /no/such/article.txt: no such file"


def test_unknown_provider_is_a_config_error(tmp_path: Path, seed_text: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    code, _, err = _run("brief", str(article), "--model", "nosuch:model")
    assert code == EXIT_CODES[ConfigError] == 4
    assert "unknown provider 'nosuch'" in err


def test_openai_without_a_key_is_a_config_error(tmp_path: Path, seed_text: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    code, _, err = _run("brief", str(article), "--model", "openai:gpt-4o-mini")
    assert code == 4
    assert "OPENAI_API_KEY" in err


def test_an_endpoint_this_machine_refuses_is_one_backend_error_line(
    tmp_path: Path, seed_text: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    code, _, err = _run(
        "brief", str(article), "-q", "--model", "m", "--base-url", "http://127.0.0.1:9/v1"
    )
    assert code == 6
    assert err.strip() == "summariser: error: cannot connect to http://127.0.0.1:9/v1 (model m)"


def test_schema_command_prints_the_versioned_json_schema() -> None:
    code, out, _ = _run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["title"] == "Brief"
    assert schema["version"] == SCHEMA_VERSION
    assert {"claims", "numbers", "actors", "locations", "source_assessment", "warnings"} <= set(
        schema["properties"]
    )


def test_help_imports_no_model_client_and_no_nlp_pipeline() -> None:
    code = (
        f"HEAVY = {HEAVY!r}\n"
        "import sys, runpy; sys.argv=['summariser','--help'];\n"
        "try:\n  runpy.run_module('summariser.cli.app', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "import summariser.cli.app as c\n"
        "try:\n  c.main()\nexcept SystemExit: pass\n"
        "heavy=[m for m in HEAVY if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "HEAVY []" in result.stderr
    assert "brief" in result.stdout


def test_brief_help_teaches_with_examples() -> None:
    code, out, _ = _run("brief", "--help")
    assert code == 0
    for text in ("--format", "--replay", "--record", "ollama:", "Examples"):
        assert text in out


# Run the CLI with the network refused, then list the model clients that were imported.
_OFFLINE = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("the network was used")
socket.socket.connect = refuse
socket.create_connection = refuse
from summariser.cli.app import main
sys.argv = ["summariser", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
else:
    code = 0
clients = [m for m in ("openai", "instructor", "xllamacpp", "vcr") if m in sys.modules]
print("EXIT", code, "CLIENTS", clients, file=sys.stderr)
"""


def test_brief_with_model_none_needs_no_backend_and_no_network(
    tmp_path: Path, seed_text: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _OFFLINE, "brief", str(article), "--model", "none", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert "EXIT 0 CLIENTS []" in result.stderr, result.stderr
    brief = json.loads(result.stdout)
    assert brief["meta"]["model"] == "none" and brief["meta"]["prompt_version"] == "none"
    usage = brief["meta"]["usage"]
    assert usage["calls"] == 0 and usage["prompt_tokens"] == usage["completion_tokens"] == 0
    assert brief["headline"] and brief["summary"]
    key = [c for c in brief["claims"] if c["key"]]
    assert key and key[0]["claimant"] == "Russian Defense Ministry"  # rules chose them
    assert any(n["value"] == 80 and "sortie" in n["unit"] for n in brief["numbers"])
    assert brief["text"] == seed_text


# Conventions: --version, -h, completion, -o -, piped input, help that reads as words.
COMMANDS = (["brief"], ["paragraph"], ["batch"], ["eval"], ["schema"], ["cache", "clear"])


def test_version_and_its_short_form() -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        code, out, _ = _run(flag)
        assert code == 0 and out == f"summariser {version('summariser-briefs')}\n"


@pytest.mark.parametrize("command", [[], *COMMANDS, ["cache"]], ids=lambda c: " ".join(c))
def test_h_is_help_everywhere(command: list[str]) -> None:
    code, out, _ = _run(*command, "-h")
    assert code == 0 and out.startswith("Usage: summariser")


def test_shell_completion_can_be_installed_and_shown() -> None:
    code, out, _ = _run("--help")
    assert code == 0 and "--install-completion" in out and "--show-completion" in out
    command = Path(sys.executable).parent / "summariser"  # the installed script
    result = subprocess.run(
        [str(command), "--show-completion", "bash"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "_SUMMARISER_COMPLETE" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_help_names_values_in_words_not_python_types(command: list[str]) -> None:
    code, out, _ = _run(*command, "--help")
    assert code == 0
    assert not re.search(r"\{[a-z_]+\}", out), out  # {article}, {inputs}
    assert not re.search(r"<[a-z|\[\] ]+>", out), out  # <str>, <list[Path]>, <int range>


def test_help_shows_article_name_and_url() -> None:
    _, out, _ = _run("brief", "--help")
    assert "Usage: summariser brief [OPTIONS] [ARTICLE]\n" in out
    assert "--model NAME" in out and "--base-url URL" in out and "--output FILE" in out
    _, out, _ = _run("batch", "--help")
    assert "Usage: summariser batch [OPTIONS] INPUT...\n" in out


def test_help_texts_say_what_the_code_does() -> None:
    _, out, _ = _run("brief", "--help")
    words = " ".join(out.split())
    # --no-cache: the answer cache, and where it is
    assert "Neither read nor write the answer cache" in words
    assert "$SUMMARISER_CACHE_DIR" in words
    # ARTICLE: files, saved pages and URLs all work
    article = words.split("Arguments: ARTICLE")[1].split("Options:")[0]
    assert ".html" in article and "URL" in article and "standard input" in article
    # eval --limit cuts the records of all files together, not per file
    _, out, _ = _run("eval", "--help")
    assert "--limit N Score at most N records." in " ".join(out.split())


def test_dash_o_dash_writes_to_standard_output(
    tmp_path: Path, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("brief", str(SEED), "--model", "none", "-f", "json", "-o", "-")
    assert code == 0, err
    assert json.loads(out)["text"] == seed_text
    assert not (tmp_path / "-").exists()


def test_piped_input_needs_no_dash(seed_text: str) -> None:
    code, out, err = _run("brief", "--model", "none", "-f", "json", "-q", input=seed_text)
    assert code == 0, err
    assert json.loads(out)["text"] == seed_text


def test_no_article_on_a_terminal_shows_usage_instead_of_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summariser.cli import app as cli

    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    code, out, err = _run("brief", "--model", "none")
    assert code == 2 and out == ""
    assert err.startswith("Usage: summariser brief [OPTIONS] [ARTICLE]")
    assert err.splitlines()[-1] == (
        "Error: Missing ARTICLE: give a file, a saved page, a URL or -, or pipe the article in."
    )


def test_the_readme_states_the_default_mode_the_code_uses() -> None:
    """Each provider's row in the README's model table names the mode it gets without
    --mode, and the --mode paragraph does not call one mode the default of all."""
    from summariser.backends import PROVIDERS
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [row for row in readme.splitlines() if row.startswith("| `")]
    for name, provider in PROVIDERS.items():
        prefix = "| `NAME --base-url URL`" if name == "custom" else f"| `{name}:"
        (row,) = [row for row in rows if row.startswith(prefix)]
        mode_cell = row.rstrip().rstrip("|").split("|")[-1].strip()
        assert mode_cell.startswith(f"`{provider.mode.value}`"), row
    paragraph = " ".join(readme[readme.index("`--mode` picks") :].split())[:1500]
    assert "`json_schema` (the default" not in paragraph and "`auto`:" in paragraph
