"""Batch, cache, ledger and long articles against a fake OpenAI-compatible server, and
batches with no model at all (--model none).

The model here is SYNTHETIC (tests/synthetic.py): it drafts from the request's own text.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summariser.cli.app import EXIT_CODES, app
from summariser.errors import BudgetError
from summariser.schema import SCHEMA_VERSION
from tests.conftest import FIXTURES, RECORDINGS, ROOT, SEED
from tests.fake_openai import Reply, fake_openai
from tests.synthetic import prompt_lines, synthetic_responder

PAGES = FIXTURES / "pages"
BASE_ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _scratch_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SUMMARISER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUMMARISER_API_KEY", "test-key")


def _items(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            text = BASE_ARTICLE.replace("300 residents", f"{300 + number} residents")
            file.write(json.dumps({"id": f"item-{number:03d}", "text": text}) + "\n")
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _batch(*args: str) -> Any:
    return CliRunner().invoke(app, ["batch", *args, "--mode", "json_schema"])


def test_jsonl_of_200_items_gives_one_line_each(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 200)
    out = tmp_path / "briefs.jsonl"
    with fake_openai(responder=synthetic_responder) as server:
        result = _batch(
            str(items), "-o", str(out), "-j", "8", "--model", "m", "--base-url", server.url
        )
    assert result.exit_code == 0, result.stderr
    lines = _lines(out)
    assert sorted(line["id"] for line in lines) == [f"item-{n:03d}" for n in range(200)]
    assert all(line["ok"] for line in lines)
    assert "200 ok, 0 failed" in result.stderr
    assert "[200/200]" in result.stderr  # progress, one line per article when piped


def test_a_folder_of_saved_html_pages_and_a_failing_item(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "fire.html").write_bytes((PAGES / "harbour-fire.html").read_bytes())
    (folder / "copy.htm").write_bytes((PAGES / "harbour-fire.html").read_bytes())
    (folder / "empty.html").write_text(
        "<html><body><nav>menu</nav></body></html>", encoding="utf-8"
    )
    out = tmp_path / "briefs.jsonl"
    with fake_openai(responder=synthetic_responder) as server:
        result = _batch(str(folder), "-o", str(out), "--model", "m", "--base-url", server.url)
    assert result.exit_code == 0, result.stderr
    by_id = {Path(line["id"]).name: line for line in _lines(out)}
    assert set(by_id) == {"fire.html", "copy.htm", "empty.html"}
    assert by_id["empty.html"]["error"]["type"] == "InputError"
    assert by_id["empty.html"]["error"]["exit_code"] == 3
    brief = by_id["fire.html"]["brief"]
    assert brief["source_assessment"]["outlet"] == "Northwind Wire"
    assert brief["text"][:24] == "Fire at Port Kessel fuel"
    for evidence in [c["evidence"] for c in brief["claims"]]:
        assert brief["text"][evidence["start"] : evidence["end"]] == evidence["quote"]


def test_rerun_skips_done_ids_and_uses_no_model(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 5)
    out = tmp_path / "briefs.jsonl"
    with fake_openai(responder=synthetic_responder) as server:
        _batch(str(items), "-o", str(out), "--model", "m", "--base-url", server.url, "--no-cache")
        again = _batch(str(items), "-o", str(out), "--model", "m", "--base-url", server.url)
        assert len(server.requests) == 5
    assert "0 ok, 0 failed, 5 already done" in again.stderr
    assert len(_lines(out)) == 5


def test_kill_9_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 40)
    out = tmp_path / "briefs.jsonl"
    marker = f"kill-9-{uuid.uuid4().hex}"
    env = {**os.environ, "SUMMARISER_CACHE_DIR": str(tmp_path / "cache"), "TEST_MARK": marker}
    with fake_openai(responder=synthetic_responder, delay=0.05) as server:
        command = [sys.executable, "-m", "summariser", "batch", str(items), "-o", str(out),
                   "-j", "4", "--model", "m", "--base-url", server.url, "--mode", "json_schema",
                   "--no-cache"]  # fmt: skip
        process = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            not out.exists() or len(out.read_bytes().splitlines()) < 8
        ):
            time.sleep(0.02)
        assert _marked(marker), "the batch parses in worker processes"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        killed_at = _lines(out)  # every line written before the kill is whole JSON
        assert 8 <= len(killed_at) < 40
        gone = time.monotonic() + 10
        while _marked(marker) and time.monotonic() < gone:
            time.sleep(0.1)
        assert not _marked(marker), "worker processes outlived the killed batch"
        resumed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        assert resumed.returncode == 0, resumed.stderr
    ids = [line["id"] for line in _lines(out)]
    assert sorted(ids) == [f"item-{n:03d}" for n in range(40)]  # nothing lost, no duplicate
    assert f"{len({line['id'] for line in killed_at})} already done" in resumed.stderr


def _marked(marker: str) -> list[int]:
    """Processes whose environment holds ``TEST_MARK=marker`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"TEST_MARK={marker}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def test_a_partial_last_line_is_cut_before_resuming(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    out.write_text(
        '{"id": "item-000", "ok": true, "brief": {}}\n{"id": "item-001", "ok": tr', encoding="utf-8"
    )
    with fake_openai(responder=synthetic_responder) as server:
        _batch(str(items), "-o", str(out), "--model", "m", "--base-url", server.url)
    ids = [line["id"] for line in _lines(out)]
    assert sorted(ids) == ["item-000", "item-001", "item-002"]


def test_max_cost_stops_cleanly_with_what_was_done_saved(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 20)
    out = tmp_path / "briefs.jsonl"
    config = tmp_path / "config.toml"
    config.write_text("[prices]\nm = { input = 1000, output = 1000 }\n", encoding="utf-8")
    env = {"SUMMARISER_CONFIG": str(config)}
    with fake_openai(responder=synthetic_responder) as server:
        result = CliRunner().invoke(
            app,
            ["batch", str(items), "-o", str(out), "--model", "m", "--base-url", server.url,
             "--mode", "json_schema", "--max-cost", "0.05", "--no-cache"],
            env=env,
        )  # fmt: skip
    lines = _lines(out)
    assert 1 <= len(lines) < 20
    assert "stopped: cost budget $0.05 spent" in result.stderr
    assert all(line["brief"]["meta"]["usage"]["cost_usd"] > 0 for line in lines)
    # Not every input has its line: a documented non-zero exit, and how many remain.
    assert result.exit_code == EXIT_CODES[BudgetError] == 9, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"summariser: error: cost budget $0.05 spent: {20 - len(lines)} of 20 inputs remain; "
        "rerun with a larger --max-cost to continue"
    )


def test_a_budget_spent_on_the_last_input_is_a_finished_batch(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 1)
    out = tmp_path / "briefs.jsonl"
    config = tmp_path / "config.toml"
    config.write_text("[prices]\nm = { input = 1000, output = 1000 }\n", encoding="utf-8")
    with fake_openai(responder=synthetic_responder) as server:
        result = CliRunner().invoke(
            app,
            ["batch", str(items), "-o", str(out), "--model", "m", "--base-url", server.url,
             "--mode", "json_schema", "--max-cost", "0.05", "--no-cache"],
            env={"SUMMARISER_CONFIG": str(config)},
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(_lines(out)) == 1 and "stopped" not in result.stderr


def _brief_args(article: Path, url: str, *more: str) -> list[str]:
    return ["brief", str(article), "-q", *more, "--model", "m", "--base-url", url,
            "--mode", "json_schema"]  # fmt: skip


def test_second_brief_comes_from_the_cache_without_a_call(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BASE_ARTICLE, encoding="utf-8")
    runner = CliRunner()
    with fake_openai(responder=synthetic_responder) as server:
        args = _brief_args(article, server.url, "-f", "json")
        first = json.loads(runner.invoke(app, args).stdout)
        second = json.loads(runner.invoke(app, args).stdout)
        assert len(server.requests) == 1
        runner.invoke(app, [*args, "--no-cache"])
        assert len(server.requests) == 2
    assert second["meta"]["usage"]["cached"] is True and first["meta"]["usage"]["cached"] is False
    assert {k: v for k, v in second.items() if k != "meta"} == {
        k: v for k, v in first.items() if k != "meta"
    }


# The model clients and the NLP pipeline: a cache hit needs none of them.
HEAVY = ("openai", "instructor", "xllamacpp", "vcr", "spacy", "thinc")


def test_a_cache_hit_imports_no_model_stack(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BASE_ARTICLE, encoding="utf-8")
    with fake_openai(responder=synthetic_responder) as server:
        args = _brief_args(article, server.url)
        CliRunner().invoke(app, args)
        code = (
            "import sys; from summariser.cli.app import main\n"
            "sys.argv=['summariser', *sys.argv[1:]]\n"
            "try:\n  main()\nexcept SystemExit: pass\n"
            "heavy = [m for m in HEAVY if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)"
        )
        result = subprocess.run(
            [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{code}", *args],
            capture_output=True,
            text=True,
        )
        assert len(server.requests) == 1  # the second brief was the cache's
    assert "HEAVY []" in result.stderr, result.stderr  # the cached answers hold the analysis
    assert "# " in result.stdout


def test_a_long_article_gives_one_call_and_code_covers_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No chunks any more: the model reads the top of the story (chunk_chars) in one call;
    claims, numbers and entities come from code for the whole text."""
    from summariser import summarise
    from summariser.input.documents import make_document

    monkeypatch.setenv("SUMMARISER_CHUNK_CHARS", "2000")
    copies = 6
    text = "\n\n".join(BASE_ARTICLE.replace("300", str(300 + n)) for n in range(copies))
    half = len(text) // 2
    with fake_openai(responder=synthetic_responder) as server:
        brief = summarise(text, model="m", base_url=server.url, mode="json_schema")
    (request,) = server.requests
    assert brief.meta.usage.calls == 1
    document = make_document(text)
    shown = prompt_lines(request)
    assert sum(len(line) for _, line in shown) <= 2000
    assert all(end <= half for end in (document.sentences[n - 1].end for n, _ in shown))
    for evidence in brief.evidences():
        assert text[evidence.start : evidence.end] == evidence.quote
    key = [c for c in brief.claims if c.key]
    assert key and all(c.evidence.end <= half for c in key)  # chosen from what it read
    cooperating = [c for c in brief.claims if "cooperating with investigators" in c.evidence.quote]
    assert len(cooperating) == copies  # every copy's statement, the unread ones too
    assert all(c.claimant == "Nordtank" for c in cooperating)
    last = next(n for n in brief.numbers if n.value == 300 + copies - 1)
    assert last.evidence.start > half and "residents" in last.unit
    names = [a.name for a in brief.actors]
    assert len(names) == len(set(names))  # one entity however often the text names it
    assert any(m.start > half for a in brief.actors for m in a.evidence)


def test_an_unavailable_server_fails_one_item_and_the_batch_goes_on(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    replies = [Reply(401, {"error": {"message": "bad key"}})]
    with fake_openai(replies, responder=synthetic_responder) as server:
        result = _batch(str(items), "-o", str(out), "--model", "m", "--base-url", server.url)
    lines = _lines(out)
    assert len(lines) == 3
    failed = [line for line in lines if not line["ok"]]
    assert len(failed) == 1 and failed[0]["error"]["exit_code"] == 6
    assert "test-key" not in out.read_text(encoding="utf-8")
    assert "2 ok, 1 failed" in result.stderr


def test_a_batch_with_no_model_needs_no_backend_and_no_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from summariser import pipeline

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("--model none reached for a backend or the network")

    connect = socket.socket.connect

    def local_only(sock: socket.socket, address: Any) -> None:
        if sock.family != socket.AF_UNIX:  # the parsing workers' fork server is local
            refuse()
        connect(sock, address)

    monkeypatch.setattr(pipeline, "resolve_backend", refuse)
    monkeypatch.setattr(socket.socket, "connect", local_only)
    monkeypatch.setattr(socket, "create_connection", refuse)
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(app, ["batch", str(items), "-o", str(out), "--model", "none"])
    assert result.exit_code == 0, result.stderr
    lines = sorted(_lines(out), key=lambda line: str(line["id"]))  # written as finished
    assert [line["id"] for line in lines] == ["item-000", "item-001", "item-002"]
    assert all(line["ok"] for line in lines)
    for number, line in enumerate(lines):
        brief = line["brief"]
        assert brief["meta"]["model"] == "none" and brief["meta"]["prompt_version"] == "none"
        assert brief["meta"]["usage"]["calls"] == 0 and brief["meta"]["usage"]["cost_usd"] == 0
        assert any(c["key"] for c in brief["claims"]) and brief["headline"]
        assert any(n["value"] == 300 + number for n in brief["numbers"])
    assert "3 ok, 0 failed" in result.stderr and "0 prompt + 0 completion tokens" in result.stderr
    assert "$0.0000" in result.stderr


def test_parallel_jobs_parse_in_worker_processes_and_give_the_same_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """-j 2 makes the briefs in worker processes (spaCy holds the GIL); they are the same
    as one job's."""
    from summariser.analysis.workers import AnalysisPool

    pooled: list[str] = []
    run = AnalysisPool.run_grouped
    monkeypatch.setattr(
        AnalysisPool,
        "run_grouped",
        # append() returns None: the spy records the document, then runs the work
        lambda pool, function, doc, shared: (
            pooled.append(doc.source)  # type: ignore[func-returns-value]
            or run(pool, function, doc, shared)
        ),
    )
    items = _items(tmp_path / "items.jsonl", 4)
    briefs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"briefs-{jobs}.jsonl"
        args = ["batch", str(items), "-o", str(out), "--model", "none", "-j", jobs, "-q"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
        briefs[jobs] = sorted((line["id"], line["brief"]) for line in _lines(out))
    assert briefs["1"] == briefs["2"]
    assert len(briefs["2"]) == 4 and len(pooled) == 4  # -j 1 parsed in-process


@pytest.mark.parametrize(("cores", "workers"), [(1, None), (2, 2)])
def test_with_no_model_the_default_is_one_parsing_process_per_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int, workers: int | None
) -> None:
    from summariser.analysis.workers import AnalysisPool

    started: list[int] = []
    init = AnalysisPool.__init__
    monkeypatch.setattr(
        AnalysisPool,
        "__init__",
        lambda pool, n: started.append(n) or init(pool, n),  # type: ignore[func-returns-value]
    )
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    items = _items(tmp_path / "items.jsonl", 2)
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(app, ["batch", str(items), "-o", str(out), "--model", "none"])
    assert result.exit_code == 0, result.stderr
    assert len(_lines(out)) == 2
    assert started == ([] if workers is None else [workers])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
def test_workers_are_forked_from_a_server_that_loaded_the_pipeline_once() -> None:
    """Two workers cost one load of the pipeline: the fork server imports the preload
    module (analysis/preload.py) and forks both from it."""
    from summariser.analysis.workers import AnalysisPool
    from summariser.input.documents import make_document

    with AnalysisPool(2) as pool:
        analysis = pool.analyse(make_document(BASE_ARTICLE))
        children = _children(os.getpid())
        servers = [pid for pid, line in children.items() if "forkserver" in line]
        assert len(servers) == 1, children
        assert "summariser.analysis.preload" in children[servers[0]]
        assert len(_children(servers[0])) >= 1  # the workers: forked from the server
    assert analysis.entities


def test_where_the_fork_server_cannot_start_workers_are_spawned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing.forkserver

    from summariser.analysis import workers

    def no_socket() -> None:
        raise PermissionError("[Errno 13] AF_UNIX socket refused (synthetic)")

    monkeypatch.setattr(multiprocessing.forkserver, "ensure_running", no_socket)
    assert workers._context().get_start_method() == "spawn"
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(
        app, ["batch", str(items), "-o", str(out), "--model", "none", "-j", "2"]
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(line["id"] for line in _lines(out)) == ["item-000", "item-001", "item-002"]


def _children(parent: int) -> dict[int, str]:
    """The processes whose parent is ``parent``: pid → command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            if entry.name.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
    return {pid: line.decode(errors="replace") for pid, line in found.items()}


def test_a_missing_input_gets_its_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BASE_ARTICLE, encoding="utf-8")
    items = tmp_path / "items.jsonl"
    items.write_text(
        json.dumps({"id": "listed", "path": "gone.txt"}) + "\n" + "{not json\n"
        + json.dumps({"id": "good", "text": BASE_ARTICLE.replace("300", "301")}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    missing, missing_list = tmp_path / "missing.txt", tmp_path / "missing.jsonl"
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(
        app,
        ["batch", str(missing), str(article), str(items), str(missing_list), "-o", str(out),
         "--model", "none"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    by_id = {line["id"]: line for line in _lines(out)}
    assert set(by_id) == {str(missing), str(article), "listed", f"{items}:2", "good",
                          str(missing_list)}  # fmt: skip
    assert by_id[str(article)]["ok"] and by_id["good"]["ok"]
    for failed in (str(missing), str(missing_list), "listed", f"{items}:2"):
        error = by_id[failed]["error"]
        assert error["type"] == "InputError" and error["exit_code"] == 3
    assert "no such file" in by_id[str(missing)]["error"]["message"]
    assert "not JSON" in by_id[f"{items}:2"]["error"]["message"]
    assert "2 ok, 4 failed" in result.stderr


def _brief_line(item_id: str, **meta: str) -> str:
    made = {"model": "none", "prompt_version": "none", "schema_version": SCHEMA_VERSION, **meta}
    return json.dumps({"id": item_id, "ok": True, "brief": {"meta": made}}) + "\n"


@pytest.mark.parametrize(
    "meta",
    [
        {"model": "openai:gpt-4o-mini@https://api.openai.com/v1"},
        {"prompt_version": "brief-system@1+brief-user@1"},
        {"schema_version": "0.9"},
    ],
    ids=["model", "prompt", "schema"],
)
def test_a_resume_made_otherwise_is_refused_with_one_line(
    tmp_path: Path, meta: dict[str, str]
) -> None:
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    out.write_text(_brief_line("item-000", **meta), encoding="utf-8")
    before = out.read_bytes()
    result = CliRunner().invoke(app, ["batch", str(items), "-o", str(out), "--model", "none"])
    assert result.exit_code == 4
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"summariser: error: {out}: 1 brief(s) in it were made with ")
    assert next(iter(meta.values())) in line and "write to a new file" in line
    assert out.read_bytes() == before  # nothing added, nothing lost


def test_a_resume_made_the_same_way_goes_on(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    out.write_text(_brief_line("item-000"), encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(items), "-o", str(out), "--model", "none"])
    assert result.exit_code == 0, result.stderr
    ids = [line["id"] for line in _lines(out)]
    assert ids[0] == "item-000" and sorted(ids[1:]) == ["item-001", "item-002"]  # as finished


def test_a_resume_after_a_model_change_calls_no_model(tmp_path: Path) -> None:
    items = _items(tmp_path / "items.jsonl", 3)
    out = tmp_path / "briefs.jsonl"
    first = CliRunner().invoke(app, ["batch", str(items), "-o", str(out), "--model", "none"])
    assert first.exit_code == 0, first.stderr
    with fake_openai(responder=synthetic_responder) as server:
        again = _batch(str(items), "-o", str(out), "--model", "m", "--base-url", server.url)
        assert server.requests == []
    assert again.exit_code == 4 and "made with model none" in again.stderr


def test_batch_replays_recorded_exchanges_without_model_or_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("replay used the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(
        app, ["batch", str(SEED), "-o", str(out), "--replay", str(RECORDINGS), "-j", "4"]
    )
    assert result.exit_code == 0, result.stderr
    (line,) = _lines(out)
    assert line["ok"], line
    meta = line["brief"]["meta"]
    assert meta["model"].startswith("local:") and meta["usage"]["calls"] >= 1
    assert "replay runs one article at a time" in result.stderr


def test_batch_o_dash_writes_the_lines_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    items = _items(tmp_path / "items.jsonl", 2)
    result = CliRunner().invoke(app, ["batch", str(items), "-o", "-", "--model", "none", "-q"])
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(line["id"] for line in lines) == ["item-000", "item-001"]  # as finished
    assert not (tmp_path / "-").exists()
