"""The main path on the real embedded model: no recording, no mock (slow; CI runs it).

Marked `model`; pytest runs tests one at a time, so only one model process ever runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser import Brief
from summariser.cli.app import app
from tests.conftest import SEED
from tests.invariants import check_brief
from tests.test_replay import check_seed_targets

pytestmark = pytest.mark.model


def test_seed_brief_from_the_command_line_on_the_real_embedded_model(
    seed_text: str, tmp_path: Path
) -> None:
    out = tmp_path / "brief.json"
    # --no-cache: a brief the user made before (make brief) must not answer for the model
    command = [sys.executable, "-m", "summariser", "brief", str(SEED), "--no-cache"]
    command += ["-f", "json", "-o", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False)
    assert result.returncode == 0, result.stderr
    assert "summariser: loading the model…" in result.stderr  # progress while it works
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    check_brief(brief, seed_text)
    assert any(n.value == 80 and "sortie" in n.unit for n in brief.numbers)
    assert any("Deir ez-Zor" in loc.name for loc in brief.locations)
    check_seed_targets(brief)
    assert any(claim.key for claim in brief.claims) and brief.meta.usage.calls >= 1
    assert all(claim.credibility != 1 for claim in brief.claims)
    assert brief.meta.model.startswith("local:qwen2.5-coder-1.5b-instruct-q4_k_m@cc324af070c2")


def test_a_corrupted_model_file_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_bytes(b"GGUF" + b"\x00" * 64)
    runner = CliRunner()
    result = runner.invoke(app, ["brief", str(SEED), "-q", "--model", f"local:{fake}"])
    assert result.exit_code == 5, result.stderr
    assert result.stderr.startswith("summariser: error: ")
    assert "could not be loaded" in result.stderr
