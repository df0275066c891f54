"""Record and replay real model exchanges with vcrpy, stored as readable YAML.

One cassette per brief, keyed by everything that determines the answer (model identity,
prompt version, schema versions, input, options) and named after its article, e.g.
``tass-deir-ez-zor-<key>.yaml``; the key alone finds it on replay. Replay is strict:
a missing cassette or an unmatched request fails and names the key, and a cassette
left partly unplayed fails too. Only the ``content-type`` header is kept, so keys,
cookies and organisation ids never reach a file; the request's URL is kept without
credentials (``user:pw@``, ``?api_key=``), and a key a server echoes in its answer is
redacted. A recording that cannot be written or read is one :class:`RecordingError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlparse

import vcr
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException

from summariser.errors import RecordingError, redact, redact_urls

KEPT_HEADERS = frozenset({"content-type"})


class RecordMode(StrEnum):
    RECORD = "record"
    REPLAY = "replay"


class _LiteralDumper(yaml.SafeDumper):
    """Write multi-line strings as literal blocks, so recorded text reads naturally."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.endswith((" ", "\n ")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LiteralDumper.add_representer(str, _str_representer)


def _as_text(body: Any) -> str | None:
    if body is None:
        return None
    return body.decode("utf-8") if isinstance(body, bytes) else str(body)


def _expand(body: Any) -> dict[str, Any]:
    text = _as_text(body)
    if text is None:
        return {"text": None}
    try:
        return {"json": json.loads(text)}
    except ValueError:
        return {"text": text}


def _collapse(stored: dict[str, Any]) -> str | None:
    if "json" in stored:
        return json.dumps(stored["json"], ensure_ascii=False)
    text = stored.get("text")
    return None if text is None else str(text)


class ReadableSerializer:
    """vcrpy serializer: JSON bodies stored as YAML structures, not escaped strings."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        interactions = []
        for item in cassette["interactions"]:
            request, response = item["request"], item["response"]
            interactions.append(
                {
                    "request": {
                        "method": request["method"],
                        "uri": request["uri"],
                        "headers": request["headers"],
                        "body": _expand(request["body"]),
                    },
                    "response": {
                        "status": response["status"],
                        "headers": response["headers"],
                        "body": _expand(response["body"]["string"]),
                    },
                }
            )
        data = {"version": cassette.get("version", 1), "interactions": interactions}
        return yaml.dump(
            data, Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=100
        )

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        try:
            return ReadableSerializer._interactions(yaml.safe_load(text))
        except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as e:
            raise RecordingError(f"not a recording in our format ({type(e).__name__})") from e

    @staticmethod
    def _interactions(data: Any) -> dict[str, Any]:
        interactions = []
        for item in data["interactions"]:
            request, response = item["request"], item["response"]
            body = _collapse(response["body"])
            interactions.append(
                {
                    "request": {**request, "body": _collapse(request["body"])},
                    "response": {
                        **response,
                        "body": {"string": body.encode("utf-8") if body is not None else b""},
                    },
                }
            )
        return {"version": data.get("version", 1), "interactions": interactions}


def _keep_allowed_headers(message: Any) -> Any:
    headers = message.headers if hasattr(message, "headers") else message["headers"]
    for name in list(headers):
        if name.lower() not in KEPT_HEADERS:
            del headers[name]
    return message


def _public_request(request: Any) -> Any:
    """The request as it may be stored: allowed headers only, its URL without credentials
    (replay matches on method, path and body, never on those)."""
    request.uri = redact_urls(request.uri)
    return _keep_allowed_headers(request)


def _public_response(response: Any) -> Any:
    """The response as it may be stored: allowed headers only, and any key the server
    echoed redacted."""
    body = response.get("body", {})
    text = _as_text(body.get("string"))
    if text is not None:
        cleaned = redact(text)
        if cleaned != text:
            body["string"] = cleaned.encode("utf-8")
    return _keep_allowed_headers(response)


def _recorder(mode: RecordMode) -> vcr.VCR:
    recorder = vcr.VCR(
        serializer="readable",
        record_mode="all" if mode is RecordMode.RECORD else "none",
        match_on=("method", "path", "body"),
        before_record_request=_public_request,
        before_record_response=_public_response,
        decode_compressed_response=True,
    )
    recorder.register_serializer("readable", ReadableSerializer)
    return recorder


_UNSAFE = re.compile(r"[^a-z0-9]+")
MAX_LABEL = 60


def cassette_label(source: str | None) -> str | None:
    """A file-name-safe name for the article ``source`` (a path's stem, a URL's last
    path segment or host), or None for text with no name ("<text>", "<stdin>")."""
    if not source or source.startswith("<"):
        return None
    if source.startswith(("http://", "https://")):
        url = urlparse(source)
        stem = PurePosixPath(url.path).stem or url.netloc
    else:
        stem = PurePosixPath(source.replace("\\", "/")).stem
    label = _UNSAFE.sub("-", stem.lower()).strip("-")[:MAX_LABEL].rstrip("-")
    return label or None


def cassette_path(directory: Path, key: str, source: str | None = None) -> Path:
    """Where the recording with ``key`` is written: named after its article when the
    article has a name (``tass-deir-ez-zor-<key>.yaml``), else ``<key>.yaml``."""
    label = cassette_label(source)
    return directory / (f"{label}-{key}.yaml" if label else f"{key}.yaml")


def find_cassette(directory: Path, key: str) -> Path | None:
    """The recording with ``key`` in ``directory``, whatever its article's name."""
    exact = directory / f"{key}.yaml"
    if exact.is_file():
        return exact
    named = sorted(directory.glob(f"*-{key}.yaml"))
    return named[0] if named else None


@contextmanager
def recording(
    mode: RecordMode, directory: Path, key: str, what: str, source: str | None = None
) -> Iterator[None]:
    """Record or strictly replay the HTTP exchanges made inside the block.

    ``what`` describes the request in error messages (model, prompt version, input);
    ``source`` names the article, and so the recording (see :func:`cassette_path`).
    """
    if mode is RecordMode.REPLAY:
        found = find_cassette(directory, key)
        if found is None:
            raise RecordingError(f"no recording with key {key} in {directory} ({what})", key=key)
        path = found
    else:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            while (old := find_cassette(directory, key)) is not None:  # one recording per key
                old.unlink()
        except OSError as e:
            raise RecordingError(f"{directory}: cannot record there ({e.strerror or e})") from e
        path = cassette_path(directory, key, source)
    try:
        with _recorder(mode).use_cassette(str(path)) as cassette:
            yield
            unplayed = mode is RecordMode.REPLAY and not cassette.all_played
    except RecordingError as e:
        if e.key is not None:
            raise
        raise RecordingError(f"recording {path}: {e}", key=key) from e
    except OSError as e:
        if e.filename is None or Path(str(e.filename)) != path:
            raise
        raise RecordingError(f"recording {path}: cannot be written ({e.strerror})", key=key) from e
    except Exception as e:
        if not _caused_by(e, CannotOverwriteExistingCassetteException):
            raise
        raise RecordingError(
            f"recording {key} has no answer for a request the program made ({what}); re-record it",
            key=key,
        ) from e
    if unplayed:
        raise RecordingError(
            f"recording {key} was not fully played ({what}): the program made fewer "
            "requests than were recorded",
            key=key,
        )


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether ``kind`` is anywhere in the chain (the openai client wraps transport errors)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
