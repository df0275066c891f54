"""The command line: parse, call the pipeline, print, and map errors to exit codes.

Heavy modules (openai, instructor, the model runtime) are imported inside commands,
so ``summariser --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from summariser import errors

EXIT_CODES: dict[type[errors.SummariserError], int] = {
    errors.InputError: 3,
    errors.ConfigError: 4,
    errors.ModelFileError: 5,
    errors.BackendError: 6,
    errors.BriefValidationError: 7,
    errors.RecordingError: 8,
}
"""0 success · 1 unexpected internal error · 2 bad command line · 3-8 as above."""

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


def fail(error: errors.SummariserError) -> NoReturn:
    """One line on stderr and the documented exit code; never a traceback."""
    code = next((c for kind, c in EXIT_CODES.items() if isinstance(error, kind)), 1)
    message = " ".join(str(error).split())
    typer.echo(f"summariser: error: {message}", err=True)
    raise typer.Exit(code)


ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=(
            "local (default, embedded), local:/path/model.gguf, openai:NAME, ollama:NAME, "
            "vllm:NAME, llamacpp:NAME, lmstudio:NAME, or NAME with --base-url. "
            "Env: SUMMARISER_MODEL."
        ),
        show_default=False,
    ),
]


@app.command()
def brief(
    article: Annotated[str, typer.Argument(help="Article text file, or - for standard input.")],
    model: ModelOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1.", show_default=False
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            help="Structured output: json_schema (default), tools or json.", show_default=False
        ),
    ] = None,
    max_reasks: Annotated[
        int | None,
        typer.Option(
            min=0, help="Re-asks allowed when quotes do not align [default: 1].", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="md: Markdown brief; json: schema-valid JSON.")
    ] = Format.MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    record: Annotated[
        Path | None, typer.Option(help="Record the model exchange into this directory.")
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(help="Replay a recorded exchange from this directory: no model, no network."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Write a grounded analyst brief of ARTICLE.

    Examples:

      summariser brief article.txt

      summariser brief article.txt --format json -o brief.json

      cat article.txt | summariser brief - --model ollama:llama3.1
    """
    from summariser.config import load_settings
    from summariser.documents import load_document
    from summariser.progress import progress_reporter

    try:
        document = load_document(article)
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        from summariser.pipeline import summarise_document

        with progress_reporter(enabled=not quiet) as report:
            result = summarise_document(
                document, settings, record_dir=record, replay_dir=replay, progress=report
            )
    except errors.SummariserError as error:
        fail(error)
    if output_format is Format.JSON:
        text = result.model_dump_json(indent=2) + "\n"
    else:
        from summariser.render.markdown import render_markdown

        text = render_markdown(result)
    _write(text, output)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief (what --format json produces)."""
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


def main() -> None:
    app()
