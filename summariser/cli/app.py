"""The command line: parse, call the pipeline, print, and map errors to exit codes.

Heavy modules (openai, instructor, the model runtime) are imported inside commands,
so ``summariser --help`` stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from summariser import errors
from summariser.cli.cache import cache_app
from summariser.cli.compare import compare_app
from summariser.cli.extras import DISTRIBUTION, require_eval, require_recording
from summariser.cli.options import (
    Article,
    BaseUrlOption,
    Command,
    ModelOption,
    ModeOption,
    NoCacheOption,
    OutputOption,
    QuietOption,
    ReasksOption,
    RecordOption,
    ReplayOption,
    output_path,
)

if TYPE_CHECKING:
    from summariser.pipeline import Summariser
    from summariser.schema import Brief

EXIT_CODES = errors.EXIT_CODES

app = typer.Typer(
    help=(
        "Grounded analyst briefs of news articles: claims and who makes them, numbers, "
        "actors, places and how far the source can be trusted; every item tied to a "
        "verbatim span of the article.\n\n"
        "Runs offline on an embedded local model by default, or on any "
        "OpenAI-compatible endpoint (--model openai:gpt-4o-mini, ollama:llama3.1, ...)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cache_app, name="cache")
app.add_typer(compare_app)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version(DISTRIBUTION)
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown (not installed)"
        typer.echo(f"summariser {number}")
        raise typer.Exit


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Options that come before the command."""


class Format(StrEnum):
    MARKDOWN = "md"
    JSON = "json"
    HTML = "html"


class SchemaFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"


def fail(error: errors.SummariserError) -> NoReturn:
    """One line on stderr and the documented exit code; never a traceback, and never a
    key or a URL's credentials."""
    typer.echo(f"summariser: error: {_one_line(error)}", err=True)
    raise typer.Exit(errors.exit_code(error))


def _one_line(error: BaseException) -> str:
    return errors.redact(" ".join(str(error).split()))


def warn(message: str) -> None:
    """A warning on stderr: something the user should know, not a failure."""
    typer.echo(f"summariser: warning: {errors.redact(' '.join(message.split()))}", err=True)


TimeoutOption = Annotated[
    float | None,
    typer.Option(
        metavar="SECONDS",
        help=(
            "Deadline of each model request, all of it: every read of a slow answer, "
            "the retries and the waits between them, the re-asks "
            "[default: 300; the embedded model 900]. Env: SUMMARISER_TIMEOUT."
        ),
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=(
            "Brief a page or text that does not look like an article (a login or search "
            "page, a stub too short to brief) instead of refusing it."
        ),
    ),
]


def check_output(path: Path | None) -> None:
    """Refuse an output file that cannot be written, before any model is asked."""
    if path is None:
        return
    if path.is_dir():
        raise errors.OutputError(f"{path}: is a directory; give a file to write")
    folder = path.parent
    if not folder.is_dir():
        raise errors.OutputError(f"{path}: cannot write it: no directory {folder}")
    if path.exists() and not os.access(path, os.W_OK):
        raise errors.OutputError(f"{path}: cannot write it (permission denied)")
    if not path.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise errors.OutputError(f"{path}: cannot create it in {folder} (permission denied)")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


class MissingArticle(typer.BadParameter):
    """No ARTICLE and nothing piped in: usage, and exit 2, rather than wait on the terminal."""

    def format_message(self) -> str:
        return "Missing ARTICLE: give a file, a saved page, a URL or -, or pipe the article in."


def _article(article: str | None) -> str:
    """ARTICLE, or standard input when it is piped in and ARTICLE is left out."""
    if article is not None:
        return article
    if _stdin_is_terminal():
        raise MissingArticle("ARTICLE")
    return "-"


def _make_brief(
    article: str,
    *,
    model: str | None,
    base_url: str | None,
    mode: str | None,
    max_reasks: int | None,
    record: Path | None,
    replay: Path | None,
    quiet: bool,
    no_cache: bool,
    timeout: float | None = None,
    force: bool = False,
) -> Brief:
    """The brief of one article: from the cache when it holds it (no model stack is
    imported then), else from the model. How the text was read (bad bytes, an encoding
    detected, mojibake repaired) is warned about and kept in the brief's warnings."""
    from summariser.config import load_settings
    from summariser.input.documents import with_input_notes
    from summariser.input.sources import load_source

    try:
        if record or replay:
            require_recording("--record" if record else "--replay")
        settings = load_settings(
            model=model, base_url=base_url, mode=mode, max_reasks=max_reasks, timeout=timeout
        )
        document = load_source(article, force=force, fetch_timeout=settings.fetch_timeout)
        for note in document.notes:
            warn(f"{document.source}: {note}")
        cache = None
        if not (no_cache or record or replay):
            from summariser.store.cache import BriefCache

            cache = BriefCache(on_warning=warn)
            hit = cache.brief(document, settings)
            if hit is not None:  # served before the model stack is even imported
                return with_input_notes(hit, document)
        from summariser.cli.progress import progress_reporter
        from summariser.pipeline import Summariser

        with (
            Summariser(settings, record_dir=record, replay_dir=replay, cache=cache) as summariser,
            progress_reporter(enabled=not quiet) as report,
        ):
            return summariser.brief(document, report)  # the input notes come with it
    except errors.SummariserError as error:
        fail(error)


@app.command(cls=Command)
def brief(
    article: Article = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=(
                "md: Markdown (rich on a terminal, plain when piped or written to a "
                "file); json: schema-valid JSON; html: a self-contained review report."
            ),
        ),
    ] = Format.MARKDOWN,
    output: OutputOption = None,
    record: RecordOption = None,
    replay: ReplayOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
    timeout: TimeoutOption = None,
    force: ForceOption = False,
) -> None:
    """Write a grounded analyst brief of ARTICLE (a .txt file, a saved .html page, an
    http(s) URL, or - for standard input; piped input needs no ARTICLE).

    Examples:

      summariser brief article.txt

      summariser brief https://example.com/news/story.html --model none

      summariser brief article.txt --format json -o brief.json

      summariser brief article.txt --format html -o brief.html

      cat article.txt | summariser brief --model ollama:llama3.1
    """
    output = output_path(output)
    try:
        check_output(output)
    except errors.SummariserError as error:
        fail(error)
    result = _make_brief(
        _article(article),
        model=model,
        base_url=base_url,
        mode=mode,
        max_reasks=max_reasks,
        record=record,
        replay=replay,
        quiet=quiet,
        no_cache=no_cache,
        timeout=timeout,
        force=force,
    )
    if output_format is Format.JSON:
        _write(result.model_dump_json(indent=2) + "\n", output)
    elif output_format is Format.HTML:
        from summariser.render.html import render_html

        _write(render_html(result), output)
    elif output is None and sys.stdout.isatty():
        from summariser.render.terminal import print_brief

        print_brief(result)
    else:
        from summariser.render.markdown import render_markdown

        _write(render_markdown(result), output)


@app.command(cls=Command)
def paragraph(
    article: Article = None,
    words: Annotated[
        int, typer.Option("--words", "-w", min=10, metavar="N", help="At most N words.")
    ] = 90,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    output: OutputOption = None,
    record: RecordOption = None,
    replay: ReplayOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
    timeout: TimeoutOption = None,
    force: ForceOption = False,
) -> None:
    """Write one faithful newsletter paragraph about ARTICLE (a file, a saved .html
    page, a URL, or -; piped input needs no ARTICLE).

    Built from the grounded brief and checked by code: every number, actor and place in
    it is a grounded item of the brief, and reported claims keep their attribution.
    Repairs are listed on stderr; when no faithful paragraph fits, it fails (exit 7).

    Example:

      summariser paragraph article.txt --words 60
    """
    from summariser.rules.paragraph import make_paragraph

    target = output_path(output)
    try:
        check_output(target)
    except errors.SummariserError as error:
        fail(error)
    result = make_paragraph(
        _make_brief(
            _article(article),
            model=model,
            base_url=base_url,
            mode=mode,
            max_reasks=max_reasks,
            record=record,
            replay=replay,
            quiet=quiet,
            no_cache=no_cache,
            timeout=timeout,
            force=force,
        ),
        words,
    )
    for note in result.notes:
        typer.echo(f"summariser: note: {note}", err=True)
    if not result.faithful:
        fail(errors.BriefValidationError(f"no faithful paragraph of at most {words} words"))
    _write(result.text + "\n", target)


@app.command(cls=Command)
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Files (.txt, .html), directories of them, URLs, or JSONL files of "
            "{id, text|path|url}.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="JSONL output, one line per input; a rerun resumes it. -o - writes "
            "to stdout (nothing to resume then).",
        ),
    ],
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Articles at once: requests in flight to a remote endpoint (default 1); "
            "with --model none, processes that parse (default and at most: one per "
            "core). The embedded model and --replay run one at a time.",
            show_default=False,
        ),
    ] = None,
    max_cost: Annotated[
        float | None,
        typer.Option(
            metavar="USD",
            help="Stop starting new articles once this many USD are spent (exit 9).",
            show_default=False,
        ),
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    replay: ReplayOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
    timeout: TimeoutOption = None,
    force: ForceOption = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Brief again the inputs whose line in the output is an error (the old "
            "error lines are taken out, so each input keeps one line).",
        ),
    ] = False,
) -> None:
    """Brief many articles into a JSONL file, one line per input.

    Each line is {"id", "ok": true, "brief": ...} or {"id", "ok": false, "error": ...};
    a missing or failing input gets its error line and the batch goes on. Rerunning
    skips the ids already in the output, so an interrupted batch resumes where it
    stopped; a kill -9 loses nothing already written; --retry-failed briefs the failed
    ones again. A second batch writing to the same output is refused (exit 3), and so is
    a rerun with another model, prompt or schema version than the output's briefs
    (exit 4). With --model none, the articles are parsed in one process per core
    unless -j asks for fewer. The embedded model, and --replay, run one article at a
    time whatever -j says.

    Exit codes: 0 when every input has its line (failed articles included), 9 when
    --max-cost stopped it first (rerun to continue).

    Examples:

      summariser batch saved-pages/ -o briefs.jsonl

      summariser batch items.jsonl -o briefs.jsonl -j 16 --model vllm:NAME --max-cost 2
    """
    from summariser.backends import parse_model
    from summariser.config import load_settings

    out: Output | None = None
    try:
        if replay:
            require_recording("--replay")
        settings = load_settings(
            model=model, base_url=base_url, mode=mode, max_reasks=max_reasks, timeout=timeout
        )
        spec = parse_model(settings)
        if jobs is None:
            jobs = (os.cpu_count() or 1) if spec.is_none else 1
        if jobs > 1 and (spec.is_local or replay):
            what = "replay" if replay else "the embedded model"
            typer.echo(f"summariser: note: {what} runs one article at a time", err=True)
            jobs = 1
        # spaCy holds the GIL: more than one job parses in that many processes
        workers = min(jobs, os.cpu_count() or 1)
        if workers > 1:
            from summariser.analysis.workers import start_fork_server

            # It loads the pipeline while the rest starts up. A worker imports this module
            # on start, and with no model builds whole briefs (summariser.pipeline).
            start_fork_server(preload=[__name__, "summariser.pipeline"])
        from summariser.cli.batch import MadeWith, Output, Reading, expand_inputs, run_batch
        from summariser.cli.progress import batch_progress
        from summariser.pipeline import Summariser
        from summariser.store.cache import BriefCache

        target = output_path(output)
        items = expand_inputs(inputs, target)
        out = Output(target)
        out.check_resume(MadeWith.for_run(settings))
        if retry_failed:
            again = out.forget(out.failed & {item.id for item in items})
            typer.echo(f"summariser: note: retrying {again} failed input(s)", err=True)
        cache = None if no_cache or replay else BriefCache(on_warning=warn)
        # With no model, four articles in flight per parsing process: while a worker
        # parses one group of two, the next group is waiting for it, and finished lines
        # are written meanwhile (bench/no_model.py).
        in_flight = max(jobs, 4 * workers) if spec.is_none and workers > 1 else jobs
        with (
            Summariser(
                settings, cache=cache, replay_dir=replay, analysis_workers=workers
            ) as summariser,
            batch_progress(
                len(items), len(out.done & {i.id for i in items}), enabled=not quiet
            ) as on_done,
        ):
            totals = run_batch(
                items,
                out,
                summariser,
                jobs=in_flight,
                max_cost=max_cost,
                on_done=on_done,
                reading=Reading(force=force, fetch_timeout=settings.fetch_timeout),
            )
        typer.echo(f"summariser: batch: {totals.summary()}", err=True)
        totals.check_finished(len(items))
    except errors.SummariserError as error:
        fail(error)
    except BrokenPipeError:  # -o - into a reader that went away
        reader_gone()
    finally:
        if out is not None:
            out.close()


@app.command(name="eval", cls=Command)
def evaluate(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            metavar="DATASET...",
            help="JSONL files in the devset format (articles, numbers) and attribution gold "
            "(lines with id, anchor, claimants), joined to their articles by id.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the JSON report to FILE (- is stdout; the table then goes to stderr).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="Score at most N records.", show_default=False),
    ] = None,
    ids: Annotated[
        str | None,
        typer.Option(
            metavar="ID,...",
            help="Comma-separated record ids to score (others skipped).",
            show_default=False,
        ),
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    replay: ReplayOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Score `summariser compare` instead: DATASET... are records with an "
            "event_cluster (../shared/devset/clusters.jsonl) and gold lines of {cluster, "
            "kind: agreed|conflicting, what, anchors} (fixtures/eval/compare-gold.jsonl). "
            "Reports event grouping, the event check, precision and recall of agreed and "
            "conflicting claims, and self-confirmations (should be 0).",
        ),
    ] = False,
) -> None:
    """Score briefs against gold annotations: attributions (coverage, accuracy, wrong
    claimants, claimant recall), grounding, entities, numbers, 5W1H, ROUGE-L of the
    paragraph, faithfulness and cost.

    Briefs go to the cache as they finish, so an interrupted run resumes where it
    stopped. Numbers are found by code, so quantity-only records need no model.

    With --compare it scores comparisons of several outlets instead (records grouped by
    event_cluster, against gold anchors of agreed and conflicting claims).

    Examples:

      summariser eval ../shared/devset/articles.jsonl fixtures/eval/attributions.jsonl -o r.json

      summariser eval --compare clusters.jsonl fixtures/eval/compare-gold.jsonl --model none
    """
    import json

    if compare:
        if limit is not None or ids is not None:
            raise typer.BadParameter("--limit and --ids do not apply", param_hint="--compare")
        from summariser.cli.compare import run_compare_eval

        run_compare_eval(
            datasets,
            output=output,
            model=model,
            base_url=base_url,
            mode=mode,
            max_reasks=max_reasks,
            replay=replay,
            no_cache=no_cache,
            quiet=quiet,
        )
        return

    from summariser.config import load_settings
    from summariser.eval.scoring import (
        aggregate,
        attach_attribution_gold,
        evaluate_record,
        read_records,
    )
    from summariser.pipeline import Summariser
    from summariser.render.evaluation import render_report
    from summariser.store.cache import BriefCache

    wanted = {i.strip() for i in ids.split(",")} if ids else None
    try:
        check_output(output_path(output))  # before hours of scoring, not after
        if replay:
            require_recording("--replay")
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        records = []
        for dataset in datasets:
            if not dataset.is_file():
                raise errors.InputError(f"{dataset}: no such file")
            chosen = [r for r in read_records(dataset) if wanted is None or r["id"] in wanted]
            records += chosen
        records = attach_attribution_gold(records)
        records = records[:limit] if limit else records
        if any(record.get("gold", {}).get("reference_summary") for record in records):
            require_eval()
        results = []
        cache = None if no_cache or replay else BriefCache(on_warning=warn)
        with Summariser(settings, cache=cache, replay_dir=replay) as summariser:
            for number, record in enumerate(records, start=1):
                result = evaluate_record(record, partial(_brief_of, summariser, str(record["id"])))
                results.append(result)
                if not quiet:
                    state = f"error: {result.error}" if result.error else "scored"
                    typer.echo(
                        f"summariser: [{number}/{len(records)}] {record['id']} {state}", err=True
                    )
    except errors.SummariserError as error:
        fail(error)
    report = {
        "model": settings.model,
        "aggregate": aggregate(results),
        "records": [{"id": r.id, "error": r.error, **r.scores} for r in results],
    }
    if output is None:
        typer.echo(render_report(report))
        return
    target = output_path(output)
    _write(json.dumps(report, indent=2) + "\n", target)
    typer.echo(render_report(report), err=target is None)  # stdout holds the JSON


def _brief_of(summariser: Summariser, source: str, text: str) -> Brief:
    from summariser.input.documents import make_document

    return summariser.brief(make_document(text, source))


@app.command(cls=Command)
def schema(
    output_format: Annotated[
        SchemaFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json: the JSON Schema; markdown: a field reference.",
        ),
    ] = SchemaFormat.JSON,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="The cross-source brief's schema instead (what `summariser compare "
            "--format json` produces).",
        ),
    ] = False,
) -> None:
    """Print the schema of the brief (what `brief --format json` produces), or with
    --compare that of the cross-source brief.

    Examples:

      summariser schema > brief.schema.json

      summariser schema --compare --format markdown > docs/compare-schema.md
    """
    if compare:
        from summariser.cli.compare import print_compare_schema

        print_compare_schema(markdown=output_format is SchemaFormat.MARKDOWN)
        return
    if output_format is SchemaFormat.MARKDOWN:
        from summariser.render.schema_reference import schema_reference

        typer.echo(schema_reference())
        return
    import json

    from summariser.schema import brief_json_schema

    typer.echo(json.dumps(brief_json_schema(), indent=2))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            reader_gone()
        except OSError as e:  # a full disk behind a redirection, say
            _drop_stdout()
            fail(errors.OutputError(f"cannot write to standard output ({e.strerror})"))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(errors.OutputError(f"{output}: cannot write ({e.strerror})"))


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def configure_logging(level: str | None) -> None:
    """Libraries' log records are not for the user of the command: what matters comes
    back as our one-line errors and the brief's warnings. A handler on the root logger
    keeps Python (and absl, which rouge-score logs through) from printing them on stderr;
    ``SUMMARISER_LOG=INFO`` (or DEBUG, WARNING, ERROR) shows them, for debugging."""
    if not level:
        logging.getLogger().addHandler(logging.NullHandler())
        return
    if level.upper() not in LOG_LEVELS:
        raise errors.ConfigError(f"SUMMARISER_LOG={level!r}: use one of {', '.join(LOG_LEVELS)}")
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("summariser: log: %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level.upper())


READER_GONE = 141  # as a shell reports a process that SIGPIPE ended


def reader_gone() -> NoReturn:
    """The reader of standard output went away (``| head``): nothing more to say, and
    nowhere to say it. Click would exit 1, the code of a bug."""
    _drop_stdout()
    raise typer.Exit(READER_GONE)


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit has nothing to fail on."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


class RedactingFormatter(logging.Formatter):
    """Log records as they may be shown: a key, a URL's credentials or a key a server
    echoed never reaches the log, not even inside a formatted exception."""

    def format(self, record: logging.LogRecord) -> str:
        return errors.redact(super().format(record))


def _without_async_transport() -> None:
    """The command line talks to model endpoints through the openai SDK's synchronous
    client only, yet the SDK imports its aiohttp transport whenever aiohttp is installed
    (instructor requires it): 7 MB and 0.1 s of every run that talks to a model, on a
    run whose memory is held under 200 MB. A None in ``sys.modules`` makes that import
    fail as if aiohttp were missing, which the SDK handles. Only this process, which is
    ours, goes without it: the library leaves the SDK as it is."""
    # typeshed types sys.modules as modules only; None there is the import system's own
    # "cannot be imported" (see importlib's documentation of sys.modules)
    sys.modules.setdefault("openai._vendor.httpx_aiohttp", None)  # type: ignore[arg-type]


def main() -> None:
    _without_async_transport()
    try:
        configure_logging(os.environ.get("SUMMARISER_LOG"))
    except errors.SummariserError as error:
        sys.stderr.write(f"summariser: error: {error}\n")
        raise SystemExit(errors.exit_code(error)) from None
    try:
        app()
    except KeyboardInterrupt:
        # Ctrl-C: what was written stays written (batch lines are whole); no traceback.
        sys.stderr.write("summariser: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        _drop_stdout()
        raise SystemExit(READER_GONE) from None
    except errors.SummariserError as error:  # a command that does not catch its own
        sys.stderr.write(f"summariser: error: {_one_line(error)}\n")
        raise SystemExit(errors.exit_code(error)) from None
    except Exception as error:  # a bug: one line, and the traceback only when asked for
        logging.getLogger("summariser").debug("internal error", exc_info=True)
        sys.stderr.write(
            f"summariser: internal error: {type(error).__name__}: {_one_line(error)[:300]} "
            "(a bug: please report it; SUMMARISER_LOG=DEBUG shows where)\n"
        )
        raise SystemExit(1) from None
