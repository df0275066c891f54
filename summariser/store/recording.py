"""Record and replay real model exchanges with vcrpy, stored as readable YAML.

One cassette per brief, named by a key of everything that determines the answer
(model identity, prompt version, schema versions, input, options). Replay is strict:
a missing cassette or an unmatched request fails and names the key, and a cassette
left partly unplayed fails too. Only the ``content-type`` header is kept, so keys,
cookies and organisation ids never reach a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

import vcr
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException

from summariser.errors import RecordingError

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
        data = yaml.safe_load(text)
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


def _recorder(mode: RecordMode) -> vcr.VCR:
    recorder = vcr.VCR(
        serializer="readable",
        record_mode="all" if mode is RecordMode.RECORD else "none",
        match_on=("method", "path", "body"),
        before_record_request=_keep_allowed_headers,
        before_record_response=_keep_allowed_headers,
        decode_compressed_response=True,
    )
    recorder.register_serializer("readable", ReadableSerializer)
    return recorder


def cassette_path(directory: Path, key: str) -> Path:
    return directory / f"{key}.yaml"


@contextmanager
def recording(mode: RecordMode, directory: Path, key: str, what: str) -> Iterator[None]:
    """Record or strictly replay the HTTP exchanges made inside the block.

    ``what`` describes the request in error messages (model, prompt version, input).
    """
    path = cassette_path(directory, key)
    if mode is RecordMode.REPLAY and not path.is_file():
        raise RecordingError(f"no recording with key {key} in {directory} ({what})", key=key)
    if mode is RecordMode.RECORD:
        directory.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    try:
        with _recorder(mode).use_cassette(str(path)) as cassette:
            yield
            unplayed = mode is RecordMode.REPLAY and not cassette.all_played
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
