"""summarise(): document → prompt → model → validated draft → grounding → brief."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summariser.assemble import Grounder, build_brief
from summariser.backends import resolve_backend
from summariser.backends.base import Backend
from summariser.config import Settings, load_settings
from summariser.documents import Document, make_document
from summariser.draft import DRAFT_VERSION, Draft
from summariser.errors import BriefValidationError, ConfigError
from summariser.prompts import prompt_version, render
from summariser.recording import RecordMode, recording, recording_key
from summariser.schema import Brief, BriefWarning, Usage, WarningKind

Progress = Callable[[str], None]


def brief_messages(document: Document) -> list[dict[str, str]]:
    """System instructions first, then the article: the long shared prefix."""
    sentences = [document.sentence_text(s) for s in document.sentences]
    return [
        {"role": "system", "content": render("brief-system")},
        {"role": "user", "content": render("brief-user", sentences=sentences)},
    ]


def key_parts(document: Document, backend: Backend, settings: Settings) -> dict[str, object]:
    """Everything that determines the model's answer, for recording and cache keys.

    The schema version here is the draft's (the schema the model answers); the brief's
    own schema is built by code from the draft and does not change the answer.
    """
    return {
        "model": backend.identity,
        "prompt_version": prompt_version(),
        "schema_version": f"draft-{DRAFT_VERSION}",
        "input_sha256": document.sha256,
        "max_reasks": settings.max_reasks,
        "mode": settings.mode,
        "max_tokens": settings.max_tokens,
    }


def summarise(
    text: str,
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: str | None = None,
    max_reasks: int | None = None,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    source: str = "<text>",
) -> Brief:
    """Return a grounded analyst brief of ``text``.

    ``model`` is ``local`` (the default embedded model), ``local:/path.gguf``,
    ``openai:NAME``, ``ollama:NAME``, ... or a model name with ``base_url``. Settings not
    given here come from ``SUMMARISER_*`` variables and the config file.
    ``record_dir`` records the model exchange; ``replay_dir`` replays one recorded before,
    without any model or network.

    Raises a :class:`~summariser.errors.SummariserError` subclass on failure.
    """
    document = make_document(text, source)
    settings = (settings or load_settings()).with_overrides(
        model=model, base_url=base_url, mode=mode, max_reasks=max_reasks
    )
    return summarise_document(
        document, settings, record_dir=record_dir, replay_dir=replay_dir, progress=progress
    )


async def asummarise(text: str, **options: Any) -> Brief:
    """:func:`summarise` without blocking the event loop; same options.

    The work runs in a worker thread: the embedded model is CPU-bound and the remote
    path shares one code path with the synchronous call.
    """
    return await asyncio.to_thread(summarise, text, **options)


def summarise_document(
    document: Document,
    settings: Settings,
    *,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    progress: Progress | None = None,
) -> Brief:
    if record_dir and replay_dir:
        raise ConfigError("--record and --replay cannot be used together")
    say = progress or (lambda _: None)
    backend = resolve_backend(settings, offline_replay=replay_dir is not None)
    try:
        backend.prepare(say)
        parts = key_parts(document, backend, settings)
        key = recording_key(**parts)
        what = f"model {parts['model']}, prompt {parts['prompt_version']}, input {document.source}"
        session: contextlib.AbstractContextManager[None]
        if replay_dir is not None:
            session = recording(RecordMode.REPLAY, Path(replay_dir), key, what)
        elif record_dir is not None:
            session = recording(RecordMode.RECORD, Path(record_dir), key, what)
        else:
            session = contextlib.nullcontext()
        with session:
            say("reading the article and writing the brief")
            return _brief(document, backend, settings)
    finally:
        backend.close()


def _brief(document: Document, backend: Backend, settings: Settings) -> Brief:
    grounder = Grounder(document)
    model, version = backend.identity, prompt_version()
    try:
        result = backend.structured(
            brief_messages(document),
            Draft,
            context={"grounding": grounder.problems},
            max_reasks=settings.max_reasks,
        )
    except BriefValidationError as error:
        draft = _lenient(error)
        usage = error.usage if isinstance(error.usage, Usage) else Usage()
        brief = build_brief(draft, document, model=model, prompt_version=version, usage=usage)
        note = BriefWarning(
            kind=WarningKind.DROPPED,
            item="brief",
            reason=f"re-ask budget spent ({settings.max_reasks}); ungrounded items dropped",
        )
        return brief.model_copy(update={"warnings": [note, *brief.warnings]})
    return build_brief(
        result.value, document, model=model, prompt_version=version, usage=result.usage
    )


def _lenient(error: BriefValidationError) -> Draft:
    """The last attempt, validated without the grounding check, or the error again."""
    if not error.last_attempt:
        raise error
    try:
        return Draft.model_validate_json(error.last_attempt)
    except ValueError:
        raise error from None
