"""summarise(): document → analysis → prompt → model → checked draft → brief.

A :class:`Summariser` holds one backend (the local model is loaded once) and an optional
cache, so a batch reuses both. Code analyses the whole article first (entities,
attributions, numbers); the model then reads the story's sentences, up to
``chunk_chars`` characters from the top (news puts what matters first), with the sources
the analysis found, and picks the key claims by sentence id. ``--model none`` stops
after the analysis: a deterministic brief with no model at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from summariser.analysis.candidates import Analysis
from summariser.backends import backend_identity, parse_model, resolve_backend
from summariser.backends.base import Backend
from summariser.backends.pricing import price_table
from summariser.config import Settings, load_settings
from summariser.errors import BriefValidationError, ConfigError, SummariserError
from summariser.grounding.crosscheck import claim_sentences
from summariser.input.documents import (
    UNNAMED_SOURCE,
    Document,
    make_document,
    with_input_notes,
)
from summariser.model.answers import Answers, brief_from_answers
from summariser.model.draft import Draft, draft_model
from summariser.model.prompts import render
from summariser.schema import Brief, Usage
from summariser.store.cache import BriefCache
from summariser.store.keys import key_parts, recording_key

if TYPE_CHECKING:
    from summariser.analysis.workers import AnalysisPool

Progress = Callable[[str], None]


def prompt_sentences(
    document: Document, analysis: Analysis, max_chars: int
) -> list[dict[str, object]]:
    """The story's sentences the model reads: id, the source the analysis found, text."""
    rows: list[dict[str, object]] = []
    used = 0
    for sentence in claim_sentences(document, analysis):
        text = " ".join(document.sentence_text(sentence).split())
        if rows and used + len(text) > max_chars:
            break
        used += len(text)
        speakers = [
            a.speaker
            for a in analysis.attributions
            if a.content.start < sentence.end and sentence.start < a.content.end
        ]
        source = "; ".join(dict.fromkeys(speakers)) or None
        rows.append({"id": sentence.number, "source": source, "text": text})
    return rows


def brief_messages(sentences: list[dict[str, object]]) -> list[dict[str, str]]:
    """System instructions first, then the article: the long shared prefix."""
    return [
        {"role": "system", "content": render("brief-system")},
        {"role": "user", "content": render("brief-user", sentences=sentences)},
    ]


ModeName = Literal["auto", "json_schema", "tools", "json"]
"""How structured output is requested (``OutputMode``'s values, spelled out for type checkers)."""


def summarise(
    article: str | Document,
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: ModeName | None = None,
    max_reasks: int | None = None,
    max_tokens: int | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    chunk_chars: int | None = None,
    cache: bool = False,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    source: str = UNNAMED_SOURCE,
) -> Brief:
    """Return a grounded analyst brief of ``article``.

    ``article`` is the text itself, or a :class:`~summariser.input.documents.Document`
    from :func:`~summariser.input.sources.load_source` (a file, a saved page or a URL),
    whose title, author, date and URL go into ``brief.provenance``. ``source`` names
    plain text in errors and in the provenance (a path or URL, say).

    ``model`` is ``local`` (the default embedded model), ``none`` (no model),
    ``local:/path.gguf``, ``openai:NAME``, ``ollama:NAME``, ... or a model name with
    ``base_url``. ``mode`` is how structured output is requested (the provider's default
    when None). Options left None come from ``settings``, else from ``SUMMARISER_*``
    variables and the config file. ``cache=True`` reads and writes the answer cache in
    ``SUMMARISER_CACHE_DIR`` (the command line's default; off here). ``record_dir``
    records the model exchange; ``replay_dir`` replays one recorded before, without any
    model or network.

    Raises a :class:`~summariser.errors.SummariserError` subclass on failure.
    """
    document = article if isinstance(article, Document) else make_document(article, source)
    overrides = {
        "model": model,
        "base_url": base_url,
        "mode": mode,
        "max_reasks": max_reasks,
        "max_tokens": max_tokens,
        "timeout": timeout,
        "retries": retries,
        "chunk_chars": chunk_chars,
    }
    settings = settings.with_overrides(**overrides) if settings else load_settings(**overrides)
    with open_summariser(
        settings, cache=cache, record_dir=record_dir, replay_dir=replay_dir
    ) as summariser:
        return summariser.brief(document, progress)


async def asummarise(
    article: str | Document,
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: ModeName | None = None,
    max_reasks: int | None = None,
    max_tokens: int | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    chunk_chars: int | None = None,
    cache: bool = False,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    source: str = UNNAMED_SOURCE,
) -> Brief:
    """:func:`summarise` without blocking the event loop; the same options.

    The work runs in a worker thread: the embedded model is CPU-bound and the remote
    path shares one code path with the synchronous call.
    """
    return await asyncio.to_thread(
        summarise,
        article,
        model=model,
        base_url=base_url,
        mode=mode,
        max_reasks=max_reasks,
        max_tokens=max_tokens,
        timeout=timeout,
        retries=retries,
        chunk_chars=chunk_chars,
        cache=cache,
        record_dir=record_dir,
        replay_dir=replay_dir,
        progress=progress,
        settings=settings,
        source=source,
    )


@contextlib.contextmanager
def open_summariser(
    settings: Settings,
    *,
    cache: bool = False,
    record_dir: Path | str | None = None,
    replay_dir: Path | str | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Summariser]:
    """A :class:`Summariser` reading and writing the answer cache when ``cache`` (never
    while recording or replaying); the cache is closed after."""
    answer_cache = (
        BriefCache(on_warning=on_warning) if cache and not (record_dir or replay_dir) else None
    )
    try:
        with Summariser(
            settings, record_dir=record_dir, replay_dir=replay_dir, cache=answer_cache
        ) as summariser:
            yield summariser
    finally:
        if answer_cache is not None:
            answer_cache.close()


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
        analysis_workers: int = 0,
    ) -> None:
        """``analysis_workers`` > 1 parses articles in that many processes (batches)."""
        if record_dir and replay_dir:
            raise ConfigError("--record and --replay cannot be used together")
        self.settings = settings
        self.record_dir = Path(record_dir) if record_dir else None
        self.replay_dir = Path(replay_dir) if replay_dir else None
        self.cache = cache if record_dir is None and replay_dir is None else None
        price_table(settings.prices)  # a bad price entry fails before any model call
        self._backend: Backend | None = None
        self._lock = threading.Lock()
        self._workers = analysis_workers
        self._pool: AnalysisPool | None = None

    def __enter__(self) -> Summariser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._backend is not None:
            self._backend.close()
            self._backend = None

    def backend(self, progress: Progress | None = None) -> Backend:
        with self._lock:  # batch threads share one backend, prepared once
            if self._backend is None:
                backend = resolve_backend(
                    self.settings, offline_replay=self.replay_dir is not None, memory=self.cache
                )
                backend.prepare(progress or (lambda _: None))
                self._backend = backend
            return self._backend

    def cached(self, document: Document) -> Brief | None:
        """The brief of this document from cached answers, if any (no model is loaded)."""
        return None if self.cache is None else self.cache.brief(document, self.settings)

    def brief(self, document: Document, progress: Progress | None = None) -> Brief:
        """The brief of ``document``, with the notes on how its text was read (bad bytes
        replaced, an encoding detected, mojibake repaired) first among its warnings."""
        hit = self.cached(document)
        if hit is not None:
            return with_input_notes(hit, document)
        say = progress or (lambda _: None)
        if parse_model(self.settings).is_none:
            say("parsing the article")
            # No model: the whole brief is the analysis and the rules, so a batch's worker
            # makes all of it, and this process only writes it out.
            settings = dataclasses.replace(self.settings, api_key=None)  # no key leaves
            if self._workers > 1:  # parsed with others; JSON: 10 times faster than a pickle
                pool = self._analysis_pool()
                made = pool.run_grouped(_briefs_json_with_no_model, document, settings)
                if isinstance(made, SummariserError):
                    raise made
                brief = Brief.model_validate_json(made)
            else:
                brief = brief_with_no_model(document, settings)
            return with_input_notes(brief, document)
        backend = self.backend(say)
        answers = self._fresh(document, backend, say)
        if self.cache is not None:
            self.cache.store(document, backend.identity, self.settings, answers)
        brief = brief_from_answers(
            document, answers, model=backend.identity, settings=self.settings
        )
        return with_input_notes(brief, document)

    def answer(self, document: Document, progress: Progress | None = None) -> Answers:
        """The analysis and the model's answer for ``document`` (what the cache keeps)."""
        say = progress or (lambda _: None)
        if parse_model(self.settings).is_none:
            return Answers(analysis=self.analyse(document, say))
        return self._fresh(document, self.backend(say), say)

    def analyse(self, document: Document, say: Progress) -> Analysis:
        say("parsing the article")
        if self._workers > 1:
            return self._analysis_pool().analyse(document)
        from summariser.analysis.analyse import analyse

        return analyse(document)

    def _analysis_pool(self) -> AnalysisPool:
        with self._lock:
            if self._pool is None:
                from summariser.analysis.workers import AnalysisPool

                self._pool = AnalysisPool(self._workers)
            return self._pool

    def _fresh(self, document: Document, backend: Backend, say: Progress) -> Answers:
        analysis = self.analyse(document, say)
        parts = key_parts(document, backend.identity, self.settings)
        key = recording_key(**parts)
        what = f"model {parts['model']}, prompt {parts['prompt_version']}, input {document.source}"
        session: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
        if self.replay_dir is not None or self.record_dir is not None:
            # vcrpy and PyYAML are the [record] extra: imported only to record or replay
            from summariser.store.recording import RecordMode, recording

            if self.replay_dir is not None:
                session = recording(RecordMode.REPLAY, self.replay_dir, key, what)
            elif self.record_dir is not None:
                session = recording(
                    RecordMode.RECORD, self.record_dir, key, what, source=document.source
                )
        with session:
            say("choosing the key claims and writing the brief")
            return self._answer(document, analysis, backend)

    def _answer(self, document: Document, analysis: Analysis, backend: Backend) -> Answers:
        sentences = prompt_sentences(document, analysis, self.settings.chunk_chars)
        response_model = draft_model(tuple(int(str(s["id"])) for s in sentences))
        try:
            result = backend.structured(
                brief_messages(sentences),
                response_model,
                context={},
                max_reasks=self.settings.max_reasks,
            )
        except BriefValidationError as error:
            usage = error.usage if isinstance(error.usage, Usage) else Usage()
            return Answers(analysis=analysis, draft=_lenient(error), usage=usage, spent=True)
        draft = Draft.model_validate(result.value.model_dump())
        return Answers(analysis=analysis, draft=draft, usage=result.usage)


def brief_with_no_model(document: Document, settings: Settings) -> Brief:
    """The brief of ``document`` with no language model: the analysis and the rules
    (run in a parsing worker by batches)."""
    from summariser.analysis.analyse import analyse

    answers = Answers(analysis=analyse(document))
    return brief_from_answers(
        document, answers, model=backend_identity(settings), settings=settings
    )


def _briefs_json_with_no_model(
    documents: list[Document], settings: Settings
) -> list[str | SummariserError]:
    """:func:`brief_with_no_model` of each document, as JSON or the error it met; the
    documents are parsed together (a parsing worker's job in batches)."""
    from summariser.analysis.analyse import analyse_many

    made: list[str | SummariserError] = []
    model = backend_identity(settings)
    for document, analysis in zip(documents, analyse_many(documents), strict=True):
        try:
            brief = brief_from_answers(
                document, Answers(analysis=analysis), model=model, settings=settings
            )
            made.append(brief.model_dump_json())
        except SummariserError as error:
            made.append(error)
    return made


def _lenient(error: BriefValidationError) -> Draft:
    """The last attempt, validated as a plain draft (the cross-check judges its ids), or
    the error again."""
    if not error.last_attempt:
        raise error
    try:
        return Draft.model_validate_json(error.last_attempt)
    except ValueError:
        raise error from None
