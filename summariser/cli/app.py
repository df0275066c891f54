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
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    MARKDOWN = "md"
    JSON = "json"
    HTML = "html"


class SchemaFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"


def fail(error: errors.SummariserError) -> NoReturn:
    """One line on stderr and the documented exit code; never a traceback."""
    message = " ".join(str(error).split())
    typer.echo(f"summariser: error: {message}", err=True)
    raise typer.Exit(errors.exit_code(error))


Article = Annotated[str, typer.Argument(help="Article text file, or - for standard input.")]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=(
            "local (default, embedded), none (no model: rules choose the key claims; "
            "fast and deterministic), local:/path/model.gguf, openai:NAME, ollama:NAME, "
            "vllm:NAME, llamacpp:NAME, lmstudio:NAME, or NAME with --base-url. "
            "Env: SUMMARISER_MODEL."
        ),
        show_default=False,
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.", show_default=False
    ),
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        help="Structured output: auto, json_schema, tools or json [default: per provider].",
        show_default=False,
    ),
]
ReasksOption = Annotated[
    int | None,
    typer.Option(
        min=0, help="Re-asks allowed when the model's answer breaks the schema [default: 1].", show_default=False
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
RecordOption = Annotated[
    Path | None, typer.Option(help="Record the model exchange into this directory.")
]
ReplayOption = Annotated[
    Path | None,
    typer.Option(help="Replay a recorded exchange from this directory: no model, no network."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache", help="Neither read nor write the brief cache (~/.cache/summariser)."
    ),
]


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
) -> Brief:
    """The brief of one article: from the cache when it holds it (no model stack is
    imported then), else from the model."""
    from summariser.config import load_settings
    from summariser.input.sources import load_source

    try:
        document = load_source(article)
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        cache = None
        if not (no_cache or record or replay):
            from summariser.store.cache import BriefCache

            cache = BriefCache()
            hit = cache.brief(document, settings)
            if hit is not None:  # served before the model stack is even imported
                return hit
        from summariser.cli.progress import progress_reporter
        from summariser.pipeline import Summariser

        with (
            Summariser(settings, record_dir=record, replay_dir=replay, cache=cache) as summariser,
            progress_reporter(enabled=not quiet) as report,
        ):
            return summariser.brief(document, report)
    except errors.SummariserError as error:
        fail(error)


@app.command()
def brief(
    article: Article,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help=(
                "md: Markdown (rich on a terminal, plain when piped); json: schema-valid "
                "JSON; html: a self-contained review report."
            ),
        ),
    ] = Format.MARKDOWN,
    output: OutputOption = None,
    record: RecordOption = None,
    replay: ReplayOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Write a grounded analyst brief of ARTICLE (a .txt or .html file, a URL, or -).

    Examples:

      summariser brief article.txt

      summariser brief article.txt --format json -o brief.json

      summariser brief article.txt --format html -o brief.html

      cat article.txt | summariser brief - --model ollama:llama3.1
    """
    result = _make_brief(
        article,
        model=model,
        base_url=base_url,
        mode=mode,
        max_reasks=max_reasks,
        record=record,
        replay=replay,
        quiet=quiet,
        no_cache=no_cache,
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


@app.command()
def paragraph(
    article: Article,
    words: Annotated[
        int, typer.Option("--words", "-w", min=10, help="At most this many words.")
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
) -> None:
    """Write one faithful newsletter paragraph about ARTICLE.

    Built from the grounded brief and checked by code: every number, actor and place in
    it is a grounded item of the brief, and reported claims keep their attribution.
    Repairs are listed on stderr; when no faithful paragraph fits, it fails (exit 7).

    Example:

      summariser paragraph article.txt --words 60
    """
    from summariser.rules.paragraph import make_paragraph

    result = make_paragraph(
        _make_brief(
            article,
            model=model,
            base_url=base_url,
            mode=mode,
            max_reasks=max_reasks,
            record=record,
            replay=replay,
            quiet=quiet,
            no_cache=no_cache,
        ),
        words,
    )
    for note in result.notes:
        typer.echo(f"summariser: note: {note}", err=True)
    if not result.faithful:
        fail(errors.BriefValidationError(f"no faithful paragraph of at most {words} words"))
    _write(result.text + "\n", output)


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, directories, URLs, or JSONL files of {id, text|path|url}."),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="JSONL output: one line per input.")
    ],
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, help="Articles at once (remote endpoints only)."),
    ] = 1,
    max_cost: Annotated[
        float | None,
        typer.Option(help="Stop starting new articles once this many USD are spent."),
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Brief many articles into a JSONL file, one line per input.

    Each line is {"id", "ok": true, "brief": ...} or {"id", "ok": false, "error": ...}.
    Rerunning skips the ids already in the output, so an interrupted batch resumes
    where it stopped; a kill -9 loses nothing already written. The embedded model runs
    one article at a time whatever -j says.

    Examples:

      summariser batch saved-pages/ -o briefs.jsonl

      summariser batch items.jsonl -o briefs.jsonl -j 16 --model vllm:NAME --max-cost 2
    """
    from summariser.backends import parse_model
    from summariser.cli.batch import Output, expand_inputs, run_batch
    from summariser.cli.progress import batch_progress
    from summariser.config import load_settings
    from summariser.pipeline import Summariser
    from summariser.store.cache import BriefCache

    try:
        items = expand_inputs(inputs)
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        spec = parse_model(settings)
        if spec.is_local and jobs > 1:
            typer.echo("summariser: note: the embedded model runs one article at a time", err=True)
            jobs = 1
        out = Output(output)
        cache = None if no_cache else BriefCache()
        # spaCy holds the GIL: more than one job parses in that many processes
        workers = min(jobs, os.cpu_count() or 1)
        with (
            Summariser(settings, cache=cache, analysis_workers=workers) as summariser,
            batch_progress(
                len(items), len(out.done & {i.id for i in items}), enabled=not quiet
            ) as on_done,
        ):
            totals = run_batch(
                items, out, summariser, jobs=jobs, max_cost=max_cost, on_done=on_done
            )
        out.close()
    except errors.SummariserError as error:
        fail(error)
    typer.echo(f"summariser: batch: {totals.summary()}", err=True)


@app.command(name="eval")
def evaluate(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="JSONL files in the devset format (articles, numbers) and attribution gold "
            "(lines with id, anchor, claimants), joined to their articles by id."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON report here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score at most this many records per file.")
    ] = None,
    ids: Annotated[
        str | None, typer.Option(help="Comma-separated record ids to score (others skipped).")
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    replay: ReplayOption = None,
    no_cache: NoCacheOption = False,
    quiet: QuietOption = False,
) -> None:
    """Score briefs against gold annotations: attributions (coverage, accuracy, wrong
    claimants, claimant recall), grounding, entities, numbers, 5W1H, ROUGE-L of the
    paragraph, faithfulness and cost.

    Briefs go to the cache as they finish, so an interrupted run resumes where it
    stopped. Numbers are found by code, so quantity-only records need no model.

    Example:

      summariser eval ../shared/devset/articles.jsonl fixtures/eval/attributions.jsonl -o r.json
    """
    import json

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
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        records = []
        for dataset in datasets:
            if not dataset.is_file():
                raise errors.InputError(f"{dataset}: no such file")
            chosen = [r for r in read_records(dataset) if wanted is None or r["id"] in wanted]
            records += chosen
        records = attach_attribution_gold(records)
        records = records[:limit] if limit else records
        results = []
        cache = None if no_cache or replay else BriefCache()
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
    if output is not None:
        _write(json.dumps(report, indent=2) + "\n", output)
    typer.echo(render_report(report))


def _brief_of(summariser: Summariser, source: str, text: str) -> Brief:
    from summariser.input.documents import make_document

    return summariser.brief(make_document(text, source))


@app.command()
def schema(
    output_format: Annotated[
        SchemaFormat,
        typer.Option("--format", "-f", help="json: the JSON Schema; markdown: a field reference."),
    ] = SchemaFormat.JSON,
) -> None:
    """Print the schema of the brief (what --format json produces)."""
    if output_format is SchemaFormat.MARKDOWN:
        from summariser.render.schema_reference import schema_reference

        typer.echo(schema_reference())
        return
    import json

    from summariser.schema import brief_json_schema

    typer.echo(json.dumps(brief_json_schema(), indent=2))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        fail(errors.InputError(f"{output}: cannot write ({e.strerror})"))


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
    logging.basicConfig(
        level=level.upper(), format="summariser: log: %(levelname)s %(name)s: %(message)s"
    )


def main() -> None:
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
