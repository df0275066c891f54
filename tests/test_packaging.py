"""Packaging: a distribution name that installs this project, optional parts as extras,
and hints that install what they name."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser.cli.app import app
from summariser.cli.extras import DISTRIBUTION, EXTRAS
from tests.conftest import ROOT, SEED

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
# `pip install NAME`, `pip install 'NAME[extra]'`, `pip install "NAME==1.0"`
_HINT = re.compile(
    r"pip install\s+(?:-[-\w]+\s+)*['\"]?([A-Za-z0-9_.\-]+)(?:\[([a-z,]+)\])?(==[\w.]+)?"
)


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _hint_files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "Makefile"]
    files += sorted((ROOT / "summariser").rglob("*.py"))
    files.remove(ROOT / "summariser" / "cli" / "extras.py")  # builds hints: tested below
    return [f for f in files if "pip install" in f.read_text(encoding="utf-8")]


def _with_ids(files: list[Path]) -> list[object]:
    return [pytest.param(path, id=path.relative_to(ROOT).as_posix()) for path in files]


def test_the_distribution_is_not_the_unrelated_summariser_on_pypi() -> None:
    """`summariser` on PyPI is another project; ours is `summariser-briefs` (free on PyPI
    when chosen), with the import package and the command still `summariser`."""
    assert PROJECT["name"] == DISTRIBUTION == "summariser-briefs"
    assert PROJECT["scripts"] == {"summariser": "summariser.cli.app:main"}
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["summariser"]


def test_the_installed_distribution_is_this_project() -> None:
    from importlib.metadata import distribution

    installed = distribution(DISTRIBUTION)
    assert installed.metadata["Name"] == DISTRIBUTION
    assert any(e.name == "summariser" for e in installed.entry_points)


@pytest.mark.parametrize("path", _with_ids(_hint_files()))
def test_every_install_hint_installs_this_project(path: Path) -> None:
    """A hint names this distribution with extras it has, a local checkout, or a pinned
    dependency of ours; never a bare `summariser`, which installs someone else's code."""
    extras = set(PROJECT["optional-dependencies"])
    pinned = {_name(r): r for r in PROJECT["dependencies"] if "==" in r}
    hints = _HINT.findall(path.read_text(encoding="utf-8"))
    assert hints
    for name, wanted, version in hints:
        if name == ".":  # pip install -e ".[...]" in a checkout
            assert set(wanted.split(",")) <= extras
        elif _name(name) == DISTRIBUTION:
            assert wanted and set(wanted.split(",")) <= extras, (path, name, wanted)
        else:
            assert _name(name) in pinned and pinned[_name(name)].endswith(version), (path, name)


def test_the_cli_hints_name_the_distribution_and_its_extras() -> None:
    from summariser.cli.extras import install_hint

    assert set(EXTRAS) <= set(PROJECT["optional-dependencies"])
    assert install_hint("eval") == "pip install 'summariser-briefs[eval]'"


def test_rouge_score_and_vcrpy_are_extras_not_dependencies() -> None:
    core = {_name(r) for r in PROJECT["dependencies"]}
    # numpy is core: spaCy needs it, and analysis/matmul_ops.py multiplies with it
    assert not core & {"rouge-score", "nltk", "absl-py", "vcrpy", "pyyaml"}
    optional = PROJECT["optional-dependencies"]
    assert {_name(r) for r in optional["eval"]} == {"rouge-score"}
    assert {_name(r) for r in optional["record"]} == {"vcrpy", "pyyaml"}


def test_make_installs_every_extra_the_tests_need() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    (line,) = [row for row in makefile.splitlines() if "pip install" in row]
    (wanted,) = re.findall(r"-e \"\.\[([a-z,]+)\]\"", line)
    assert set(wanted.split(",")) == set(PROJECT["optional-dependencies"])


def _without(modules: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a process where ``modules`` cannot be imported."""
    code = (
        "import sys\n"
        f"for name in {modules!r}: sys.modules[name] = None\n"
        "from summariser.cli.app import main\n"
        "sys.argv = ['summariser', *sys.argv[1:]]\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_a_brief_needs_neither_vcrpy_nor_rouge_score(tmp_path: Path) -> None:
    result = _without(("vcr", "yaml", "rouge_score"), "brief", str(SEED), "--model", "none",
                      "-f", "json", "--no-cache")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert '"headline"' in result.stdout


@pytest.mark.parametrize("option", ["--record", "--replay"])
def test_recording_without_vcrpy_is_one_line_naming_the_extra(tmp_path: Path, option: str) -> None:
    result = _without(("vcr",), "brief", str(SEED), option, str(tmp_path), "-q")
    assert result.returncode == 4
    assert result.stderr.strip() == (
        f"summariser: error: {option} needs the 'record' extra (vcr is missing): "
        "pip install 'summariser-briefs[record]'"
    )


def test_the_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"summariser {version(DISTRIBUTION)}"


def test_a_brief_from_a_model_endpoint_needs_no_vcrpy(tmp_path: Path) -> None:
    from tests.fake_openai import fake_openai
    from tests.synthetic import synthetic_responder

    with fake_openai(responder=synthetic_responder) as server:
        result = _without(("vcr", "yaml"), "brief", str(SEED), "-q", "--no-cache", "--model",
                          "m", "--base-url", server.url, "--mode", "json_schema")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(server.requests) == 1
