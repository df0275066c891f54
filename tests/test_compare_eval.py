"""Scoring comparisons: gold anchors, event grouping, agreed and conflicting claims, and
the check that no outlet confirms itself. Records are the project's own fixtures; the
devset gold (fixtures/eval/compare-gold.jsonl) is checked for its form only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summariser.comparison.evaluation import (
    MAX_ANCHOR_WORDS,
    anchor_spans,
    evaluate_compare,
    grouping_scores,
    read_gold,
)
from summariser.config import load_settings
from summariser.errors import InputError
from summariser.pipeline import Summariser
from summariser.render.compare_evaluation import render_compare_eval
from tests.conftest import ARTICLES, FIXTURES

GOLD = FIXTURES / "eval" / "compare-gold.jsonl"
FERRY = FIXTURES / "compare"


def _records() -> list[dict[str, Any]]:
    records = []
    for line in (FERRY / "ferry.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["text"] = (FERRY / record.pop("path")).read_text(encoding="utf-8")
        records.append({**record, "event_cluster": "ferry"})
    for name in ("harbour-fire", "dam-rationing"):
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        records.append({"id": name, "text": text, "event_cluster": name, "publisher": name})
    return records


def test_the_devset_gold_is_short_anchors_in_three_clusters_at_least() -> None:
    gold = read_gold(GOLD)
    assert len({g.cluster for g in gold}) >= 3
    assert {g.kind for g in gold} == {"agreed", "conflicting"}
    for item in gold:
        assert item.what and len({record for record, _ in item.anchors}) >= 2
        assert all(len(anchor.split()) <= MAX_ANCHOR_WORDS for _, anchor in item.anchors)


def test_a_long_anchor_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    anchors = [{"id": "a", "anchor": "one two three four five six seven eight nine"},
               {"id": "b", "anchor": "short"}]  # fmt: skip
    gold.write_text(json.dumps({"cluster": "c", "kind": "agreed", "anchors": anchors}) + "\n")
    with pytest.raises(InputError, match="longer than 8 words"):
        read_gold(gold)


def test_anchors_are_found_wherever_they_stand_whatever_the_apostrophe() -> None:
    text = "He said it’s over. Later: it's  over, he said."
    assert anchor_spans(text, "it's over") == [(8, 17), (26, 36)]
    assert anchor_spans(text, "not there") == []


def test_grouping_is_scored_over_pairs_of_records() -> None:
    clusters = {"a": "x", "b": "x", "c": "y", "d": "y"}
    perfect = grouping_scores([["a", "b"], ["c", "d"]], clusters)
    assert perfect["pairs_precision"] == perfect["pairs_recall"] == 1.0
    assert perfect["events_recovered_exactly"] == 2
    merged = grouping_scores([["a", "b", "c", "d"]], clusters)
    assert merged["pairs_recall"] == 1.0 and merged["pairs_precision"] == pytest.approx(2 / 6)


def test_the_fixture_events_are_scored_and_nobody_confirms_itself(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        {"cluster": "ferry", "kind": "agreed", "what": "the grounding",
         "anchors": [{"id": "northwind-wire", "anchor": "ran aground on a sandbank outside"},
                     {"id": "fjord-herald", "anchor": "ran aground on a sandbank near"}]},
        {"cluster": "ferry", "kind": "conflicting", "what": "injured: 12 or 8",
         "anchors": [{"id": "northwind-wire", "anchor": "At least 12 passengers were injured"},
                     {"id": "fjord-herald", "anchor": "Eight passengers were injured"}]},
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Summariser(load_settings(model="none")) as summariser:
        report = evaluate_compare(_records(), read_gold(gold), summariser)
    assert report["records"] == 5 and report["clusters"] == 3
    assert report["event_grouping"]["pairs_precision"] == 1.0
    assert report["event_check"]["false_outliers"] == 0
    assert report["claims"]["agreed"]["recall"] == 1.0
    assert report["claims"]["conflicting"]["recall"] == 1.0
    confirm = report["self_confirmation"]
    assert confirm["violations"] == [] and confirm["raised_by_copies"] == []
    assert confirm["copy_runs"] == 1  # one event has two accounts or more
    assert report["event_check"]["planted"] == 2
    table = render_compare_eval({"model": "none", **report})
    assert "event grouping" in table and "no outlet confirms itself" in table
