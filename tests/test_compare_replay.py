"""The ferry comparison replayed from a real run of the embedded model (recorded with
`summariser compare fixtures/compare/ferry.jsonl --record fixtures/compare/recordings`):
three briefs and one call for each claim pair code could not decide. Replay is strict: a
request with no recording, or a recording left unplayed, fails."""

from __future__ import annotations

from summariser import compare
from summariser.comparison.schema import ClaimStatus
from tests.conftest import FIXTURES

RECORDS = FIXTURES / "compare" / "ferry.jsonl"
RECORDINGS = FIXTURES / "compare" / "recordings"


def test_the_recorded_model_judges_only_the_undecided_pairs() -> None:
    brief = compare([RECORDS], replay_dir=RECORDINGS)
    assert brief.meta.model.startswith("local:qwen2.5-coder-1.5b-instruct")
    pairs = sorted(RECORDINGS.glob("compare-pair-*.yaml"))
    assert brief.meta.pairs_by_model == brief.meta.usage.calls == len(pairs) > 0
    assert brief.meta.pairs_undecided == 0 and not brief.warnings
    grounding = next(c for c in brief.claims if c.credibility == 1)
    assert "ran aground" in grounding.statement
    assert {m.article for m in grounding.mentions} == {"a1", "a2", "a3"}
    assert any(c.status is ClaimStatus.CONFLICTING for c in brief.claims)


def test_the_recordings_keep_no_secrets() -> None:
    for recording in RECORDINGS.glob("*.yaml"):
        text = recording.read_text(encoding="utf-8").lower()
        assert "authorization" not in text and "api-key" not in text and "cookie" not in text
