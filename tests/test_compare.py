"""compare(): three accounts of one invented ferry grounding (fixtures/compare/), with no
model. The wire's report, a local paper carrying the wire's copy, and an independent
paper that confirms the grounding from its own source and gives another injury figure."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from summariser import CrossSourceBrief, compare
from summariser.cli.app import EXIT_CODES, app
from summariser.comparison.schema import (
    COMPARE_SCHEMA_VERSION,
    ClaimStatus,
    DependenceKind,
    Mention,
    MergedClaim,
    compare_json_schema,
)
from summariser.errors import InputError
from summariser.schema import Alignment, ClaimantKind, Evidence
from tests.conftest import FIXTURES, SEED

COMPARE = FIXTURES / "compare"
RECORDS = COMPARE / "ferry.jsonl"
WIRE, COURIER, HERALD = (
    COMPARE / f"{name}.txt" for name in ("northwind-wire", "solbrekke-courier", "fjord-herald")
)
runner = CliRunner()


@pytest.fixture(scope="module")
def ferry() -> CrossSourceBrief:
    return compare([RECORDS], model="none")


def _claim_with(brief: CrossSourceBrief, words: str) -> MergedClaim:
    return next(c for c in brief.claims if any(words in m.evidence.quote for m in c.mentions))


def test_the_three_accounts_are_one_event_with_their_outlets_and_times(
    ferry: CrossSourceBrief,
) -> None:
    assert ferry.event.same_event and not ferry.event.outliers
    assert [a.outlet for a in ferry.articles] == [
        "Northwind Wire",
        "Solbrekke Courier",
        "Fjord Herald",
    ]
    assert ferry.articles[0].published == "2026-03-04 07:40:00"
    assert "Marisol" in ferry.event.shared_names


def test_the_wire_copy_is_found_by_its_near_identical_passages(ferry: CrossSourceBrief) -> None:
    copies = [d for d in ferry.independence.dependences if d.kind is DependenceKind.WIRE_COPY]
    assert [d.articles for d in copies] == [["a1", "a2"]]
    assert len(copies[0].passages) >= 2
    assert all(p.similarity >= 90 for p in copies[0].passages)
    assert ferry.independence.groups == [["a1", "a2"], ["a3"]]


def test_an_independent_source_confirms_the_grounding(ferry: CrossSourceBrief) -> None:
    grounding = _claim_with(ferry, "ran aground on a sandbank")
    assert grounding.status is ClaimStatus.AGREED
    assert {m.article for m in grounding.mentions} == {"a1", "a2", "a3"}
    assert grounding.credibility == 1
    assert "Northwind Wire" in grounding.credibility_reason
    assert "Fjord Herald" in grounding.credibility_reason
    assert any("near-identical" in note for note in grounding.independence)


def test_the_injury_figures_conflict_and_no_figure_is_preferred(ferry: CrossSourceBrief) -> None:
    injured = _claim_with(ferry, "passengers were injured")
    assert injured.status is ClaimStatus.CONFLICTING
    assert injured.credibility == 4
    assert any("Eight passengers" in c and "At least 12" in c for c in injured.conflicts)
    figure = next(f for f in ferry.figures if f.status is ClaimStatus.CONFLICTING)
    assert figure.quantity.startswith("injured")
    assert [(v.outlet, v.value) for v in figure.values] == [
        ("Northwind Wire", 12.0),
        ("Solbrekke Courier", 12.0),
        ("Fjord Herald", 8.0),
    ]
    assert [v.published for v in figure.values] == sorted(v.published or "" for v in figure.values)
    assert figure.values[0].qualifier.value == "at_least"
    assert "not preferred" in figure.reason


def test_what_only_the_wire_and_its_copy_carry_is_never_raised(ferry: CrossSourceBrief) -> None:
    crew = _claim_with(ferry, "140 passengers and 11 crew")
    assert {m.article for m in crew.mentions} == {"a1", "a2"}
    assert crew.status is ClaimStatus.AGREED
    assert crew.credibility == min(m.credibility for m in crew.mentions) == 3
    assert "no outlet confirms itself" in crew.credibility_reason
    assert "Tomas Lind said it, not that it is so" in " ".join(crew.independence)


def test_single_claims_keep_the_rating_one_article_gives_them(ferry: CrossSourceBrief) -> None:
    singles = [c for c in ferry.claims if c.status is ClaimStatus.SINGLE]
    assert singles
    for claim in singles:
        assert len({m.article for m in claim.mentions}) == 1
        assert claim.credibility == claim.mentions[0].credibility != 1


def test_every_evidence_is_its_articles_text_and_the_json_validates(
    ferry: CrossSourceBrief,
) -> None:
    texts = {a.id: a.text for a in ferry.articles}
    for claim in ferry.claims:
        for m in claim.mentions:
            assert texts[m.article][m.evidence.start : m.evidence.end] == m.evidence.quote
    for figure in ferry.figures:
        for v in figure.values:
            assert texts[v.article][v.evidence.start : v.evidence.end] == v.evidence.quote
    data = json.loads(ferry.model_dump_json())
    jsonschema.validate(data, compare_json_schema())
    assert CrossSourceBrief.model_validate(data) == ferry
    assert data["meta"]["schema_version"] == compare_json_schema()["version"]


def test_evidence_outside_its_article_is_refused(ferry: CrossSourceBrief) -> None:
    data = json.loads(ferry.model_dump_json())
    data["claims"][0]["mentions"][0]["evidence"]["start"] += 1
    data["claims"][0]["mentions"][0]["evidence"]["end"] += 1
    with pytest.raises(ValidationError, match="is not in"):
        CrossSourceBrief.model_validate(data)


def test_one_outlet_cannot_confirm_itself_in_the_schema() -> None:
    evidence = Evidence(quote="x", start=0, end=1, alignment=Alignment.EXACT)
    mention = Mention(
        article="a1", outlet="Daily Mail", claimant="police", published=None,
        claimant_kind=ClaimantKind.NAMED_SOURCE, statement="x", evidence=evidence, credibility=3,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="cannot confirm itself"):
        MergedClaim(
            id="c1",
            statement="x",
            status=ClaimStatus.AGREED,
            mentions=[mention, mention.model_copy(update={"article": "a2"})],
            credibility=1,
            credibility_reason="r",
        )


def test_the_same_article_twice_confirms_nothing(tmp_path: Path) -> None:
    text = HERALD.read_text(encoding="utf-8")
    records = [
        {"id": "first", "text": text, "publisher": "Fjord Herald"},
        {"id": "again", "text": text, "publisher": "Fjord Herald"},
    ]
    brief = compare(records, model="none")
    kinds = {d.kind for d in brief.independence.dependences}
    assert kinds == {DependenceKind.SAME_OUTLET, DependenceKind.WIRE_COPY}
    assert brief.independence.groups == [["a1", "a2"]]
    agreed = [c for c in brief.claims if c.status is ClaimStatus.AGREED]
    assert agreed
    for claim in brief.claims:
        assert claim.credibility == min(m.credibility for m in claim.mentions)


def test_an_article_about_another_event_is_an_outlier() -> None:
    brief = compare([WIRE, COURIER, HERALD, SEED], model="none")
    assert not brief.event.same_event
    assert [o.article for o in brief.event.outliers] == ["a4"]
    assert "a4" in brief.event.summary


def test_files_without_metadata_compare_too() -> None:
    brief = compare([WIRE, HERALD], model="none")
    assert brief.articles[0].source == str(WIRE)
    assert any(c.status is ClaimStatus.AGREED for c in brief.claims)


def test_one_article_is_not_a_comparison() -> None:
    with pytest.raises(InputError, match="at least two"):
        compare([WIRE], model="none")


def test_a_record_with_no_text_is_refused(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "x"}\n{"id": "y", "text": "A ferry ran aground."}\n')
    with pytest.raises(InputError, match="no text, path or url"):
        compare([records], model="none")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), prog_name="summariser")
    return result.exit_code, result.stdout, result.stderr


def test_the_command_writes_schema_valid_json() -> None:
    code, out, _ = _run("compare", str(RECORDS), "--model", "none", "-q", "-f", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, compare_json_schema())
    assert len(data["articles"]) == 3


def test_the_command_writes_markdown_and_html(tmp_path: Path) -> None:
    code, out, _ = _run("compare", str(WIRE), str(COURIER), str(HERALD), "--model", "none", "-q")
    assert code == 0
    assert out.startswith("# Cross-source brief")
    for section in ("## Conflicting claims", "## Agreed claims", "## Figures compared"):
        assert section in out
    report = tmp_path / "compare.html"
    code, _, _ = _run(
        "compare", str(RECORDS), "--model", "none", "-q", "-f", "html", "-o", str(report)
    )
    assert code == 0 and report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_command_fails_in_one_line_with_one_article() -> None:
    code, out, err = _run("compare", str(WIRE), "--model", "none", "-q")
    assert code == EXIT_CODES[InputError] == 3
    assert out == "" and err.startswith("summariser: error: ") and "at least two" in err
    assert len(err.strip().splitlines()) == 1


def test_a_missing_article_is_one_line_with_exit_code_3() -> None:
    code, _, err = _run("compare", str(WIRE), "/no/such/article.txt", "--model", "none")
    assert code == 3 and "no such file" in err


def test_an_output_that_cannot_be_written_fails_before_any_article_is_read(
    tmp_path: Path,
) -> None:
    target = tmp_path / "no-such-folder" / "compare.json"
    code, out, err = _run("compare", str(WIRE), "/no/such/article.txt", "-o", str(target))
    assert code == 3 and out == "" and "no directory" in err and "no such file" not in err


def test_the_terminal_view_fits_80_columns_and_shows_conflicts(ferry: CrossSourceBrief) -> None:
    from rich.console import Console

    from summariser.render.compare_terminal import print_compare

    console = Console(record=True, width=80, force_terminal=True)
    print_compare(ferry, console)
    text = console.export_text()
    assert "Cross-source brief" in text and "conflicting" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_markdown_escapes_what_the_articles_say() -> None:
    from summariser.render.compare_markdown import render_compare_markdown

    hostile = "The ferry ran aground <img src=x onerror=alert(1)> near [Karvik](javascript:x)."
    records = [
        {"id": "one", "text": hostile + " Eight passengers were injured, Dahl said."},
        {"id": "two", "text": hostile + " Twelve passengers were injured, Lind said."},
    ]
    markdown = render_compare_markdown(compare(records, model="none"))
    assert "<img" not in markdown and "](javascript" not in markdown


def test_schema_compare_prints_the_versioned_json_schema_and_its_reference() -> None:
    code, out, _ = _run("schema", "--compare")
    assert code == 0
    assert json.loads(out) == compare_json_schema()
    assert json.loads(out)["version"] == COMPARE_SCHEMA_VERSION
    code, out, _ = _run("schema", "--compare", "--format", "markdown")
    assert code == 0 and out.startswith("# Cross-source brief schema reference")
    code, out, _ = _run("schema")
    assert code == 0 and json.loads(out)["title"] == "Brief"  # without --compare: the brief's


def _ferry_records(path: Path) -> Path:
    lines = []
    for line in RECORDS.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["text"] = (COMPARE / record.pop("path")).read_text(encoding="utf-8")
        lines.append(json.dumps({**record, "event_cluster": "ferry"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_compare_scores_records_against_gold(tmp_path: Path) -> None:
    records = _ferry_records(tmp_path / "records.jsonl")
    gold = tmp_path / "gold.jsonl"
    anchors = [{"id": "northwind-wire", "anchor": "At least 12 passengers were injured"},
               {"id": "fjord-herald", "anchor": "Eight passengers were injured"}]  # fmt: skip
    gold.write_text(json.dumps({"cluster": "ferry", "kind": "conflicting", "what": "injured",
                                "anchors": anchors}) + "\n", encoding="utf-8")  # fmt: skip
    report = tmp_path / "report.json"
    code, out, err = _run(
        "eval", "--compare", str(records), str(gold), "--model", "none", "-q", "-o", str(report)
    )
    assert code == 0, err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["model"] == "none" and data["records"] == 3
    conflicting = data["claims"]["conflicting"]  # the claim and the figure both match it
    assert conflicting["gold"] == 1 and conflicting["precision"] == conflicting["recall"] == 1.0
    assert data["self_confirmation"]["violations"] == []
    assert "no outlet confirms itself" in out and err == ""


def test_eval_compare_without_event_clusters_fails_in_one_line() -> None:
    code, out, err = _run("eval", "--compare", str(RECORDS), "--model", "none", "-q")
    assert code == 3 and out == ""
    assert err == "summariser: error: no records with an event_cluster to compare\n"


def test_eval_compare_refuses_the_options_of_brief_scoring(tmp_path: Path) -> None:
    records = _ferry_records(tmp_path / "records.jsonl")
    code, _, err = _run("eval", "--compare", str(records), "--limit", "2", "--model", "none")
    assert code == 2 and "--limit and --ids do not apply" in err
