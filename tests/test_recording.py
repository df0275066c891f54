"""Recording mechanics: readable storage, strict replay, no secrets in fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summariser.errors import RecordingError
from summariser.store.keys import recording_key
from summariser.store.recording import (
    ReadableSerializer,
    RecordMode,
    cassette_path,
    find_cassette,
    recording,
)
from tests.conftest import FIXTURES

# Built from parts so that this scanner does not match itself in the repository.
_MARKERS = ["sk-[A-Za-z0-9_-]{16,}", "author" + "ization", r"bearer\s+\S", "set-" + "cookie",
            "cookie:", "openai-" + "organization", "openai-" + "project", "x-api-key",
            r"api[_-]key\s*[:=]"]  # fmt: skip
_SECRET = re.compile("(" + "|".join(_MARKERS) + ")", re.IGNORECASE)


def test_key_changes_with_any_part() -> None:
    base = {"model": "m", "prompt_version": "p@1", "input_sha256": "abc"}
    assert recording_key(**base) == recording_key(**dict(reversed(base.items())))
    for part in base:
        assert recording_key(**{**base, part: "other"}) != recording_key(**base)


def test_serializer_round_trips_and_stores_json_bodies_as_structures() -> None:
    cassette = {
        "version": 1,
        "interactions": [
            {
                "request": {
                    "method": "POST",
                    "uri": "http://127.0.0.1:1/v1/chat/completions",
                    "headers": {"content-type": ["application/json"]},
                    "body": b'{"model": "m", "messages": [{"role": "user", "content": "a\\nb"}]}',
                },
                "response": {
                    "status": {"code": 200, "message": "OK"},
                    "headers": {"content-type": ["application/json"]},
                    "body": {"string": b'{"choices": [{"message": {"content": "x\\ny"}}]}'},
                },
            }
        ],
    }
    text = ReadableSerializer.serialize(cassette)
    assert "json:" in text and "content: |" in text  # structured, multi-line as a block
    back = ReadableSerializer.deserialize(text)
    request = back["interactions"][0]["request"]
    assert request["method"] == "POST"
    assert '"content": "a\\nb"' in request["body"]
    assert back["interactions"][0]["response"]["body"]["string"].startswith(b'{"choices"')


def test_replay_without_a_recording_fails_and_names_the_key(tmp_path: Path) -> None:
    with (
        pytest.raises(RecordingError, match="no recording with key deadbeef") as caught,
        recording(RecordMode.REPLAY, tmp_path, "deadbeef", "model m, input x"),
    ):
        pass
    assert caught.value.key == "deadbeef"


def test_a_recording_left_unplayed_fails(tmp_path: Path) -> None:
    source = next((FIXTURES / "recordings").glob("*.yaml"))
    (tmp_path / "k.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with (
        pytest.raises(RecordingError, match="not fully played"),
        recording(RecordMode.REPLAY, tmp_path, "k", "test"),
    ):
        pass  # the program makes no request at all


def test_no_fixture_contains_a_secret_or_tracking_header() -> None:
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    assert files, "fixtures/ is empty"
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        match = _SECRET.search(text)
        assert match is None, f"{path}: looks like a secret: {match.group(0) if match else ''}"


def test_recorded_headers_are_only_content_type() -> None:
    for path in (FIXTURES / "recordings").glob("*.yaml"):
        cassette = ReadableSerializer.deserialize(path.read_text(encoding="utf-8"))
        for item in cassette["interactions"]:
            for part in ("request", "response"):
                assert set(item[part]["headers"]) <= {"content-type", "Content-Type"}


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("fixtures/articles/tass-deir-ez-zor.txt", "tass-deir-ez-zor-k1.yaml"),
        ("saved/Harbour Fire (2).html", "harbour-fire-2-k1.yaml"),
        ("https://northwind.example/2026/03/12/port-kessel-fire", "port-kessel-fire-k1.yaml"),
        ("https://northwind.example/", "northwind-example-k1.yaml"),
        ("<stdin>", "k1.yaml"),
        (None, "k1.yaml"),
    ],
)
def test_a_recording_is_named_after_its_article(source: str | None, name: str) -> None:
    assert cassette_path(Path("r"), "k1", source).name == name


def test_every_fixture_recording_is_named_after_its_article() -> None:
    from summariser.config import Settings
    from summariser.input.documents import make_document
    from summariser.store.keys import brief_key

    expected = set()
    for article in sorted((FIXTURES / "articles").glob("*.txt")):
        document = make_document(article.read_text(encoding="utf-8"), article.name)
        key = brief_key(document, Settings())
        expected.add(f"{article.stem}-{key}.yaml")
        assert find_cassette(FIXTURES / "recordings", key) == FIXTURES / "recordings" / (
            f"{article.stem}-{key}.yaml"
        )
    assert {p.name for p in (FIXTURES / "recordings").glob("*.yaml")} == expected


def test_recording_writes_the_named_file_and_replay_finds_it_by_key(tmp_path: Path) -> None:
    import urllib.request

    from tests.fake_openai import fake_openai
    from tests.synthetic import synthetic_responder

    body = b'{"messages": [{"role": "system"}, {"role": "user", "content": "[1] A line."}]}'
    with fake_openai(responder=synthetic_responder) as server:
        request = urllib.request.Request(
            f"{server.url}/chat/completions",
            data=body,
            headers={"content-type": "application/json"},
        )
        with recording(RecordMode.RECORD, tmp_path, "k2", "test", source="wire/my-story.txt"):
            urllib.request.urlopen(request, timeout=10).read()
    assert [p.name for p in tmp_path.iterdir()] == ["my-story-k2.yaml"]
    with recording(RecordMode.REPLAY, tmp_path, "k2", "test"):
        urllib.request.urlopen(request, timeout=10).read()


def test_a_brief_recorded_from_the_command_line_is_named_after_its_article(
    tmp_path: Path,
) -> None:
    """SYNTHETIC model answers from the fake server; the file name is what is tested."""
    from typer.testing import CliRunner

    from summariser.cli.app import app
    from tests.conftest import SEED
    from tests.fake_openai import fake_openai
    from tests.synthetic import synthetic_responder

    article = tmp_path / "harbour-report.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    record = tmp_path / "recordings"
    with fake_openai(responder=synthetic_responder) as server:
        args = ["brief", str(article), "-q", "--model", "m", "--base-url", server.url]
        result = CliRunner().invoke(app, [*args, "--mode", "json_schema", "--record", str(record)])
    assert result.exit_code == 0, result.stderr
    (cassette,) = record.glob("*.yaml")
    assert cassette.name.startswith("harbour-report-")
