"""Hostile batches: outputs that cannot be written or are not ours, inputs that are
broken line by line, two batches on one output, retries of failed items, kill -9. Part
of the corpus (``test_hostile_corpus.py``): each case runs ``summariser batch`` in its
own process, and every case that writes an output checks each input has exactly one
line there (nothing lost, nothing doubled).

The model, where there is one, is SYNTHETIC (tests/synthetic.py) on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from summariser.cli.batch import Output
from summariser.errors import OutputError
from tests.conftest import FIXTURES, ROOT
from tests.fake_openai import Reply, fake_openai
from tests.synthetic import synthetic_responder
from tests.test_hostile_corpus import (
    Corpus,
    Run,
    check_run,
    lines_of,
    refused,
    summariser,
)

CORPUS = Corpus("batch")
case = CORPUS.case
ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")


def items(tmp: Path, count: int, name: str = "items.jsonl") -> Path:
    path = tmp / name
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            text = ARTICLE.replace("300 residents", f"{300 + number} residents")
            file.write(json.dumps({"id": f"item-{number:02d}", "text": text}) + "\n")
    return path


def batch(*args: str, model: str | None = None, **options: Any) -> Run:
    """``summariser batch ARGS``: with no model, or with the fake endpoint at ``model``."""
    chosen = ["--model", "none"] if model is None else ["--model", "m", "--base-url", model,
                                                         "--mode", "json_schema"]  # fmt: skip
    env = {"SUMMARISER_API_KEY": "test-key-batch", **options.pop("env", {})}
    run = summariser("batch", *args, "-q", "--no-cache", *chosen, env=env, **options)
    check_run(run)
    return run


def once_each(out: Path, ids: list[str]) -> list[dict[str, Any]]:
    """Every id has exactly one line in ``out``: nothing lost, nothing doubled."""
    lines = list(lines_of(out))
    assert sorted(line["id"] for line in lines) == sorted(ids), [line["id"] for line in lines]
    return lines


def ids(count: int) -> list[str]:
    return [f"item-{number:02d}" for number in range(count)]


# Outputs


@case(
    "batch/output-missing-directory",
    "`-o` in a directory that does not exist",
    "refused before any work (exit 3)",
)
def _missing_dir(tmp: Path) -> None:
    run = batch(str(items(tmp, 2)), "-o", str(tmp / "no" / "out.jsonl"))
    refused(run, 3, "cannot write the batch output (No such file or directory)")


@case(
    "batch/output-read-only",
    "`-o` naming a read-only file",
    "refused before any work (exit 3)",
    batch=True,
)
def _read_only(tmp: Path) -> None:
    out = tmp / "out.jsonl"
    out.write_text(json.dumps({"id": "item-00", "ok": False, "error": {}}) + "\n", "utf-8")
    out.chmod(0o444)
    before = out.read_bytes()
    run = batch(str(items(tmp, 2)), "-o", str(out), unprivileged=True)
    refused(run, 3, "Permission denied")
    assert out.read_bytes() == before


@case("batch/output-is-directory", "`-o` naming a directory", "refused (exit 3)")
def _out_dir(tmp: Path) -> None:
    refused(batch(str(items(tmp, 2)), "-o", str(tmp)), 3, "is a directory")


@case(
    "batch/output-is-an-article",
    "`-o` naming an existing article (not a batch output)",
    "refused: not a batch output; the file is untouched (exit 3)",
)
def _out_article(tmp: Path) -> None:
    article = tmp / "story.txt"
    article.write_text(ARTICLE.rstrip("\n"), encoding="utf-8")  # no final newline to cut
    before = article.read_bytes()
    refused(batch(str(items(tmp, 2)), "-o", str(article)), 3, "not a batch output")
    assert article.read_bytes() == before


@case("batch/output-is-input", "the output file also given as an input", "refused (exit 3)")
def _out_is_input(tmp: Path) -> None:
    listed = items(tmp, 2)
    refused(batch(str(listed), "-o", str(listed)), 3, "is both an input and the output")


@case("batch/output-disk-full", "`-o /dev/full`", "one error line, no traceback (exit 3)")
def _disk_full(tmp: Path) -> None:
    run = batch(str(items(tmp, 2)), "-o", "/dev/full")
    assert run.code == 3 and "No space left on device" in run.error_line, run.stderr


@case(
    "batch/partial-last-line",
    "an output whose last line was cut mid-write",
    "the partial line is cut, the batch resumes: one line each (exit 0)",
    batch=True,
)
def _partial(tmp: Path) -> None:
    out = tmp / "out.jsonl"
    first = batch(str(items(tmp, 3)), "-o", str(out))
    assert first.code == 0
    data = out.read_bytes()
    out.write_bytes(
        data[: data.rindex(b"\n", 0, len(data) - 1) + 1] + b'{"id": "item-02", "ok": tr'
    )
    again = batch(str(items(tmp, 3)), "-o", str(out))
    assert again.code == 0, again.stderr
    once_each(out, ids(3))


# Inputs


@case(
    "batch/missing-jsonl",
    "a JSONL input that does not exist",
    "its error line; the batch goes on (exit 0)",
    batch=True,
)
def _missing_jsonl(tmp: Path) -> None:
    out = tmp / "out.jsonl"
    gone = tmp / "gone.jsonl"
    run = batch(str(gone), str(items(tmp, 1)), "-o", str(out))
    assert run.code == 0, run.stderr
    lines = once_each(out, [str(gone), "item-00"])
    assert [line["ok"] for line in lines if line["id"] == str(gone)] == [False]


@case(
    "batch/jsonl-invalid-utf8",
    "a JSONL file with one line that is not UTF-8",
    "that line's error line, the others briefed, never decoded wrongly (exit 0)",
    garbling=True,
    batch=True,
)
def _invalid_utf8(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE}).encode() + b"\n"
    bad = b'{"id": "bad", "text": "Caf\xe9 owners said 12 shops closed in the town."}\n'
    path.write_bytes(good + bad)
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    lines = once_each(out, ["good", f"{path}:2"])
    by_id = {line["id"]: line for line in lines}
    assert "not valid UTF-8" in by_id[f"{path}:2"]["error"]["message"]
    assert by_id["good"]["ok"]


@case(
    "batch/jsonl-bom",
    "a JSONL file that starts with a byte-order mark",
    "read normally (exit 0)",
    batch=True,
)
def _bom(tmp: Path) -> None:
    path = items(tmp, 2)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    assert all(line["ok"] for line in once_each(out, ids(2)))


@case(
    "batch/jsonl-unreadable",
    "a JSONL file without read permission",
    "its error line; the batch goes on (exit 0)",
    batch=True,
)
def _unreadable(tmp: Path) -> None:
    locked = items(tmp, 2, "locked.jsonl")
    locked.chmod(0)
    out = tmp / "out.jsonl"
    run = batch(str(locked), str(items(tmp, 1)), "-o", str(out), unprivileged=True)
    assert run.code == 0, run.stderr
    lines = once_each(out, [str(locked), "item-00"])
    assert (
        "Permission denied" in lines[0]["error"]["message"]
        or "Permission denied" in lines[1]["error"]["message"]
    )


@case(
    "batch/jsonl-broken-lines",
    "JSONL lines that are not JSON, not objects, without an id, with a null or empty id, "
    "or without text, path or url",
    "one error line each, named FILE:LINE; the good line briefed (exit 0)",
    batch=True,
)
def _broken_lines(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    rows = ["{not json", "[1, 2]", '{"text": "no id"}', '{"id": null, "text": "x"}',
            '{"id": "  ", "text": "x"}', '{"id": "none"}',
            json.dumps({"id": "good", "text": ARTICLE})]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    expected = [f"{path}:{n}" for n in range(1, 6)] + ["none", "good"]
    lines = once_each(out, expected)
    assert [line["id"] for line in lines if line["ok"]] == ["good"]


@case(
    "batch/jsonl-lone-surrogate",
    'a JSONL text with a lone surrogate (`"\\ud800"`)',
    "briefed: the surrogate is U+FFFD, with a warning in the brief (exit 0)",
    garbling=True,
    batch=True,
)
def _surrogate(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    path.write_text('{"id": "s", "text": ' + json.dumps(ARTICLE)[:-1] + '\\ud800"}\n', "utf-8")
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    (line,) = once_each(out, ["s"])
    assert line["brief"]["text"].endswith("\ufffd")
    assert any("surrogate" in w["reason"] for w in line["brief"]["warnings"])


@case(
    "batch/jsonl-mojibake",
    "a JSONL text with mojibake in it (“weâ€™re”)",
    "briefed with the text repaired and a warning (exit 0)",
    garbling=True,
    batch=True,
)
def _mojibake(tmp: Path) -> None:
    text = ARTICLE.replace("'", "’")
    garbled = text.encode("utf-8").decode("cp1252", errors="ignore")
    path = tmp / "items.jsonl"
    path.write_text(json.dumps({"id": "m", "text": garbled}) + "\n", encoding="utf-8")
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    (line,) = once_each(out, ["m"])
    assert line["brief"]["text"] == text
    assert any("mojibake" in w["reason"] for w in line["brief"]["warnings"])


@case(
    "batch/jsonl-huge-line",
    "a JSONL line of 1 MB (more than an article can be)",
    "its error line, read in bounded memory (exit 0)",
    batch=True,
)
def _huge_line(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 200_000}) + "\n", "utf-8")
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    (line,) = once_each(out, [f"{path}:1"])
    assert "longer than" in line["error"]["message"]


@case(
    "batch/bad-url-items",
    "JSONL items with `ftp://` and `file://` URLs",
    "one error line each (exit 0)",
    batch=True,
)
def _bad_urls(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    path.write_text(
        json.dumps({"id": "ftp", "url": "ftp://127.0.0.1/a"}) + "\n"
        + json.dumps({"id": "file", "url": "file:///etc/passwd"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp / "out.jsonl"
    assert batch(str(path), "-o", str(out)).code == 0
    lines = once_each(out, ["ftp", "file"])
    assert all("only http and https" in line["error"]["message"] for line in lines)


@case("batch/duplicate-ids", "two inputs with the same id", "refused before any work (exit 3)")
def _duplicates(tmp: Path) -> None:
    path = tmp / "items.jsonl"
    row = json.dumps({"id": "same", "text": ARTICLE})
    path.write_text(row + "\n" + row + "\n", encoding="utf-8")
    out = tmp / "out.jsonl"
    refused(batch(str(path), "-o", str(out)), 3, "input id 'same' appears twice")
    assert not out.exists() or out.read_bytes() == b""


@case(
    "batch/folder-with-fifo-and-loop",
    "a folder holding an article, a FIFO named `.txt` with no writer, and a symlink loop",
    "the article briefed; the FIFO and the loop skipped, no hang (exit 0)",
    batch=True,
)
def _folder(tmp: Path) -> None:
    folder = tmp / "pages"
    folder.mkdir()
    (folder / "story.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    out = tmp / "out.jsonl"
    assert batch(str(folder), "-o", str(out)).code == 0
    (line,) = once_each(out, [str(folder / "story.txt")])
    assert line["ok"]


# Concurrency and retries


@case(
    "batch/two-writers",
    "a second batch started on the output a running batch writes",
    "the second is refused with one line (exit 3); the first writes every line once",
    batch=True,
)
def _two_writers(tmp: Path) -> None:
    listed = items(tmp, 12)
    out = tmp / "out.jsonl"
    with fake_openai(responder=synthetic_responder, delay=0.2) as server:
        first: list[Run] = []
        thread = threading.Thread(
            target=lambda: first.append(batch(str(listed), "-o", str(out), model=server.url))
        )
        thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not out.exists() or not out.read_bytes()):
            time.sleep(0.05)
        second = batch(str(listed), "-o", str(out), model=server.url)
        thread.join(timeout=60)
    refused(second, 3, "another summariser batch is writing to it")
    assert first and first[0].code == 0, first
    once_each(out, ids(12))


@case(
    "batch/retry-failed",
    "items that failed (HTTP 401), rerun with and without `--retry-failed`",
    "a plain rerun skips them; `--retry-failed` briefs them again; one line each (exit 0)",
    batch=True,
)
def _retry_failed(tmp: Path) -> None:
    listed = items(tmp, 5)
    out = tmp / "out.jsonl"
    refusals = [Reply(401, {"error": {"message": "bad key"}})] * 2
    with fake_openai(refusals, responder=synthetic_responder) as server:
        assert batch(str(listed), "-o", str(out), model=server.url).code == 0
        failed = [line["id"] for line in once_each(out, ids(5)) if not line["ok"]]
        assert len(failed) == 2
        plain = batch(str(listed), "-o", str(out), model=server.url)
        assert "0 ok, 0 failed, 5 already done" in plain.stderr
        asked = len(server.requests)
        retried = batch(str(listed), "-o", str(out), "--retry-failed", model=server.url)
        assert len(server.requests) == asked + 2
    assert retried.code == 0 and "retrying 2 failed input(s)" in retried.stderr
    assert all(line["ok"] for line in once_each(out, ids(5)))


@case(
    "batch/kill-9-then-retry",
    "`kill -9` in the middle of a batch with failures, then `--retry-failed`",
    "every input ends with exactly one line, all briefed (exit 0)",
    batch=True,
)
def _kill(tmp: Path) -> None:
    listed = items(tmp, 30)
    out = tmp / "out.jsonl"
    calls = {"n": 0, "refusing": 1}

    def flaky(request: dict[str, Any]) -> Reply:
        calls["n"] += 1
        if calls["refusing"] and calls["n"] % 4 == 0:
            return Reply(400, {"error": {"message": "rejected"}})
        return synthetic_responder(request)

    with fake_openai(responder=flaky, delay=0.05) as server:
        command = [sys.executable, "-m", "summariser", "batch", str(listed), "-o", str(out),
                   "-q", "--no-cache", "--model", "m", "--base-url", server.url,
                   "--mode", "json_schema", "-j", "2"]  # fmt: skip
        env = {**os.environ, "SUMMARISER_API_KEY": "test-key-batch"}
        process = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            not out.exists() or out.read_bytes().count(b"\n") < 10
        ):
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        written = list(lines_of(out))
        assert 10 <= len(written) < 30 and len({line["id"] for line in written}) == len(written)
        resumed = batch(str(listed), "-o", str(out), "--retry-failed", model=server.url,
                        env={"SUMMARISER_RETRIES": "1"})  # fmt: skip
        assert resumed.code == 0, resumed.stderr
        calls["refusing"] = 0
        final = batch(str(listed), "-o", str(out), "--retry-failed", model=server.url)
    assert final.code == 0, final.stderr
    assert all(line["ok"] for line in once_each(out, ids(30)))


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_batch_case(hostile: object, tmp_path: Path) -> None:
    hostile.check(tmp_path)  # type: ignore[attr-defined]  # a Case


# In-process


def test_a_second_output_on_the_same_file_is_refused_while_the_first_is_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.jsonl"
    first = Output(path)
    try:
        with pytest.raises(OutputError, match="another summariser batch"):
            Output(path)
    finally:
        first.close()
    Output(path).close()  # free again once the first is closed


def test_forget_takes_the_lines_of_failed_ids_out_and_keeps_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    rows = [{"id": "a", "ok": True}, {"id": "b", "ok": False}, {"id": "c", "ok": False},
            {"id": "c", "ok": True}]  # fmt: skip
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    output = Output(path)
    try:
        assert output.failed == {"b"}  # c's last record is a brief
        assert output.forget({"b", "unknown"}) == 1
        assert [line["id"] for line in lines_of(path)] == ["a", "c", "c"]
        with pytest.raises(OutputError, match="another summariser batch"):
            Output(path)  # the rewritten file is locked too
        output.write({"id": "b", "ok": True})
    finally:
        output.close()
    assert [line["id"] for line in lines_of(path)] == ["a", "c", "c", "b"]
