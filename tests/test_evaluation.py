"""`summariser eval` on gold written for the project (fixtures/eval), replaying the
recorded seed brief or with no model; the devset itself is never copied into the
repository."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser.cli.app import app
from summariser.eval.scoring import faithfulness, number_scores, rouge_l
from tests.conftest import FIXTURES, RECORDINGS

GOLD = FIXTURES / "eval" / "project-gold.jsonl"


def test_eval_reports_every_capability_the_gold_allows(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", str(GOLD), "--replay", str(RECORDINGS), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    total = report["aggregate"]
    assert total["records"] == 2 and total["errors"] == 0
    assert 0 < total["entities"]["all"]["recall"] <= 1
    assert total["entities"]["PER"]["recall"] == 1.0  # both titled people are found
    assert total["numbers"]["recall"] == 1.0
    assert total["grounding"]["rate"] == 1.0
    assert total["faithfulness"]["unfaithful_items"] == 0
    assert 0 < total["rouge_l"] < 1
    assert total["five_w1h"]["where"] == 1.0
    assert "Aggregate:" in result.stdout and "| seed-tass |" in result.stdout


def test_eval_with_no_model_scores_what_code_finds(tmp_path: Path) -> None:
    """Entities, numbers and grounding come from the analysis, so --model none scores
    them without any recording or model."""
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", str(GOLD), "--model", "none", "--no-cache", "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    total = json.loads(out.read_text(encoding="utf-8"))["aggregate"]
    assert total["records"] == 2 and total["errors"] == 0
    assert total["entities"]["PER"]["recall"] == 1.0
    assert total["numbers"]["recall"] == 1.0
    assert total["grounding"]["rate"] == 1.0 and total["byline_actors"] == 0
    assert total["five_w1h"]["where"] == 1.0
    assert total["cost"]["prompt_tokens"] == total["cost"]["completion_tokens"] == 0
    assert "model none" in result.stdout


def test_eval_limit_and_ids_select_records(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", str(GOLD), "--ids", "project-num-1", "--replay", str(RECORDINGS), "-q"]
    )
    assert result.exit_code == 0
    assert "project-num-1" in result.stdout and "seed-tass" not in result.stdout


def test_faithfulness_counts_numbers_and_names_absent_from_the_article() -> None:
    article = "The mayor of Lindholm said 12 shops closed."
    assert faithfulness("The mayor of Lindholm said 12 shops closed.", article)["unfaithful"] == 0
    found = faithfulness("Mayor Vela of Lindholm said 15 shops closed.", article)
    assert found["numbers_absent"] == ["15"]
    assert found["names_absent"] == ["Mayor Vela of Lindholm"]  # "Vela" is not in the article


def test_numbers_match_on_value_and_unit() -> None:
    scores = number_scores(
        "Police arrested 14 people and seized 3 tonnes of fuel.",
        [
            {"value": "14", "unit": "people"},
            {"value": "3", "unit": "tons"},
            {"value": "7", "unit": "-"},
        ],
    )
    assert scores == {"predicted": 2, "gold": 3, "matched_predicted": 1, "matched_gold": 1}


def test_rouge_l_uses_the_rouge_score_package() -> None:
    assert rouge_l("the cat sat on the mat", "the cat sat on the mat") == 1.0


def test_eval_without_rouge_score_is_one_line_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)  # not installed
    result = CliRunner().invoke(app, ["eval", str(GOLD), "--model", "none", "--no-cache", "-q"])
    assert result.exit_code == 4
    assert result.stderr.strip() == (
        "summariser: error: scoring reference summaries (ROUGE-L) needs the 'eval' extra "
        "(rouge_score is missing): pip install 'summariser-briefs[eval]'"
    )


def test_eval_with_no_reference_summary_needs_no_rouge_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)
    result = CliRunner().invoke(
        app, ["eval", str(GOLD), "--ids", "project-num-1", "--model", "none", "--no-cache", "-q"]
    )
    assert result.exit_code == 0, result.stderr


def test_eval_o_dash_puts_the_json_report_on_stdout_and_the_table_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["eval", str(GOLD), "--model", "none", "--no-cache", "-q", "-o", "-"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["aggregate"]["records"] == 2
    assert "Aggregate:" in result.stderr and not (tmp_path / "-").exists()
