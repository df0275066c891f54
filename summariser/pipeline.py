"""summarise(): document → prompt → model → validated draft → grounding → brief.

A :class:`Summariser` holds one backend (the local model is loaded once) and an optional
cache, so a batch reuses both. Long articles are split at sentence boundaries into chunks
that fit the model's context; each chunk is drafted on its own and the drafts are merged
and grounded against the whole text, so offsets always index into the full article.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summariser.backends import resolve_backend
from summariser.backends.base import Backend
from summariser.backends.pricing import price_table
from summariser.brief import Grounder
from summariser.config import Settings, load_settings
from summariser.errors import BriefValidationError, ConfigError
from summariser.input.documents import Document, make_document
from summariser.model.answers import Answers, ChunkAnswer, brief_from_answers
from summariser.model.draft import Draft
from summariser.model.prompts import render
from summariser.schema import Brief, Usage
from summariser.store.cache import BriefCache
from summariser.store.keys import key_parts, recording_key

Progress = Callable[[str], None]


def brief_messages(document: Document) -> list[dict[str, str]]:
    """System instructions first, then the article: the long shared prefix."""
    sentences = [document.sentence_text(s) for s in document.sentences]
    return [
        {"role": "system", "content": render("brief-system")},
        {"role": "user", "content": render("brief-user", sentences=sentences)},
    ]


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
    """One brief; the backend lives only for this call."""
    with Summariser(settings, record_dir=record_dir, replay_dir=replay_dir) as summariser:
        return summariser.brief(document, progress)


class Summariser:
    """Briefs with one backend, prepared once; use as a context manager."""

    def __init__(
        self,
        settings: Settings,
        *,
        record_dir: Path | str | None = None,
        replay_dir: Path | str | None = None,
        cache: BriefCache | None = None,
    ) -> None:
        if record_dir and replay_dir:
            raise ConfigError("--record and --replay cannot be used together")
        self.settings = settings
        self.record_dir = Path(record_dir) if record_dir else None
        self.replay_dir = Path(replay_dir) if replay_dir else None
        self.cache = cache if record_dir is None and replay_dir is None else None
        price_table(settings.prices)  # a bad price entry fails before any model call
        self._backend: Backend | None = None
        self._lock = threading.Lock()

    def __enter__(self) -> Summariser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def backend(self, progress: Progress | None = None) -> Backend:
        with self._lock:  # batch threads share one backend, prepared once
            if self._backend is None:
                backend = resolve_backend(self.settings, offline_replay=self.replay_dir is not None)
                backend.prepare(progress or (lambda _: None))
                self._backend = backend
            return self._backend

    def cached(self, document: Document) -> Brief | None:
        """The brief of this document from cached answers, if any (no model is loaded)."""
        return None if self.cache is None else self.cache.brief(document, self.settings)

    def brief(self, document: Document, progress: Progress | None = None) -> Brief:
        hit = self.cached(document)
        if hit is not None:
            return hit
        say = progress or (lambda _: None)
        backend = self.backend(say)
        answers, grounder = self._fresh(document, backend, say)
        if self.cache is not None:
            self.cache.store(document, backend.identity, self.settings, answers)
        return brief_from_answers(
            document, answers, model=backend.identity, settings=self.settings, grounder=grounder
        )

    def answer(self, document: Document, progress: Progress | None = None) -> Answers:
        """The model's answers for ``document`` (what the cache keeps), without the brief."""
        say = progress or (lambda _: None)
        return self._fresh(document, self.backend(say), say)[0]

    def _fresh(
        self, document: Document, backend: Backend, say: Progress
    ) -> tuple[Answers, Grounder | None]:
        parts = key_parts(document, backend.identity, self.settings)
        from summariser.store.recording import RecordMode, recording

        key = recording_key(**parts)
        what = f"model {parts['model']}, prompt {parts['prompt_version']}, input {document.source}"
        session: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if self.replay_dir is not None:
            session = recording(RecordMode.REPLAY, self.replay_dir, key, what)
        elif self.record_dir is not None:
            session = recording(RecordMode.RECORD, self.record_dir, key, what)
        with session:
            say("reading the article and writing the brief")
            return self._answers(document, backend)

    def _answers(self, document: Document, backend: Backend) -> tuple[Answers, Grounder | None]:
        """One answer per chunk; when the document is its own one chunk, also the grounder
        holding the accepted draft's grounding (the brief reuses it)."""
        chunks = chunk_document(document, self.settings.chunk_chars)
        answers: list[ChunkAnswer] = []
        grounder: Grounder | None = None
        for chunk in chunks:
            grounder = Grounder(chunk)
            try:
                result = backend.structured(
                    brief_messages(chunk),
                    Draft,
                    context={"grounding": grounder.problems},
                    max_reasks=self.settings.max_reasks,
                )
                draft, usage, spent = result.value, result.usage, False
            except BriefValidationError as error:
                usage = error.usage if isinstance(error.usage, Usage) else Usage()
                draft, spent = _lenient(error), True
            first = chunk_first_sentence(document, chunk)
            shifted = _shift_sentences(draft, first)
            answers.append(ChunkAnswer(draft=shifted, usage=usage, spent=spent))
        # A lone chunk may still be a sub-document (the text minus leading white space):
        # its grounder's offsets would then be the chunk's, not the document's.
        return Answers(chunks=answers), grounder if chunks[0] is document else None


def chunk_document(document: Document, max_chars: int) -> list[Document]:
    """Sub-documents of whole sentences, each at most ``max_chars`` long (a longer
    sentence stands alone), preferring to end at a paragraph break."""
    if len(document.text) <= max_chars:
        return [document]
    chunks: list[Document] = []
    start = document.sentences[0].start
    last_end = start
    last_break: int | None = None
    for sentence in document.sentences:
        if sentence.end - start > max_chars and last_end > start:
            cut = last_break if last_break and last_break > start + max_chars // 2 else last_end
            chunks.append(_sub_document(document, start, cut))
            start = next(s.start for s in document.sentences if s.start >= cut)
            last_break = None
        if "\n\n" in document.text[last_end : sentence.start]:
            last_break = last_end
        last_end = sentence.end
    chunks.append(_sub_document(document, start, last_end))
    return chunks


def _sub_document(document: Document, start: int, end: int) -> Document:
    source = f"{document.source} [{start}:{end}]"
    return make_document(document.text[start:end], source, document.meta, origin=start)


def chunk_first_sentence(document: Document, chunk: Document) -> int:
    """How many sentences of the full document precede the chunk."""
    return sum(1 for s in document.sentences if s.end <= chunk.origin) if chunk.origin else 0


def _shift_sentences(draft: Draft, offset: int) -> Draft:
    if offset == 0:
        return draft
    claims = [c.model_copy(update={"sentence": c.sentence + offset}) for c in draft.claims]
    return draft.model_copy(update={"claims": claims})


def _lenient(error: BriefValidationError) -> Draft:
    """The last attempt, validated without the grounding check, or the error again."""
    if not error.last_attempt:
        raise error
    try:
        return Draft.model_validate_json(error.last_attempt)
    except ValueError:
        raise error from None
