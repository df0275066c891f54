"""`summariser compare ARTICLE ARTICLE...`: the cross-source brief on the command line.

Registered on the main app by merging ``compare_app`` (``app.add_typer(compare_app)``).
``print_compare_schema`` and ``run_compare_eval`` are what ``summariser schema --compare``
and ``summariser eval --compare`` call.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from summariser import errors
from summariser.cli.extras import require_recording
from summariser.cli.options import (
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
    from summariser.comparison.schema import CrossSourceBrief

compare_app = typer.Typer(
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_MAX_PAIRS = 40  # summariser.comparison.build.DEFAULT_MAX_PAIRS, without importing it


class CompareFormat(StrEnum):
    MARKDOWN = "md"
    JSON = "json"
    HTML = "html"


def _fail(error: errors.SummariserError) -> NoReturn:
    from summariser.cli.app import fail  # app imports this module to register the command

    fail(error)


def _write(text: str, output: Path | None) -> None:
    from summariser.cli.app import _write as write  # stdout closed early, a full disk: handled

    write(text, output)


@compare_app.command(name="compare", cls=Command)
def compare_command(
    articles: Annotated[
        list[str],
        typer.Argument(
            metavar="ARTICLE...",
            help="Two or more .txt files, saved .html pages, http(s) URLs, or JSONL files "
            "of {id, text|path|url, title, publisher, date_publish, url}.",
            show_default=False,
        ),
    ],
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: ReasksOption = None,
    output_format: Annotated[
        CompareFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="md: Markdown (rich on a terminal, plain when piped or written to a file); "
            "json: schema-valid JSON; html: the articles side by side, claims highlighted.",
        ),
    ] = CompareFormat.MARKDOWN,
    output: OutputOption = None,
    max_pairs: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="N",
            help="At most N model calls for claim pairs code cannot decide (closest first).",
        ),
    ] = DEFAULT_MAX_PAIRS,
    record: RecordOption = None,
    replay: ReplayOption = None,
    quiet: QuietOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare several accounts of one event: what they agree on, where they conflict,
    which outlets are independent, and how far each claim is confirmed.

    Each article is briefed as `summariser brief` would (from the cache when it was
    briefed before); code then aligns the claims across articles and the model judges
    only the pairs code cannot decide (none with --model none).

    Examples:

      summariser compare a.txt b.txt c.html --model none

      summariser compare cluster.jsonl --format html -o compare.html
    """
    from summariser.cli.app import check_output

    target = output_path(output)
    try:
        check_output(target)  # before five articles are parsed, not after
    except errors.SummariserError as error:
        _fail(error)
    result = _compare(
        articles,
        model=model,
        base_url=base_url,
        mode=mode,
        max_reasks=max_reasks,
        max_pairs=max_pairs,
        record=record,
        replay=replay,
        quiet=quiet,
        no_cache=no_cache,
    )
    if output_format is CompareFormat.JSON:
        _write(result.model_dump_json(indent=2) + "\n", target)
    elif output_format is CompareFormat.HTML:
        from summariser.render.compare_html import render_compare_html

        _write(render_compare_html(result), target)
    elif target is None and sys.stdout.isatty():
        from summariser.render.compare_terminal import print_compare

        print_compare(result)
    else:
        from summariser.render.compare_markdown import render_compare_markdown

        _write(render_compare_markdown(result), target)


def _compare(
    articles: list[str],
    *,
    model: str | None,
    base_url: str | None,
    mode: str | None,
    max_reasks: int | None,
    max_pairs: int,
    record: Path | None,
    replay: Path | None,
    quiet: bool,
    no_cache: bool,
) -> CrossSourceBrief:
    from summariser.cli.app import warn
    from summariser.cli.progress import progress_reporter
    from summariser.comparison.build import compare_items
    from summariser.comparison.sources import read_items
    from summariser.config import load_settings
    from summariser.pipeline import open_summariser

    try:
        if record or replay:
            require_recording("--record" if record else "--replay")
        items = read_items(articles)
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)
        with (
            open_summariser(
                settings,
                cache=not no_cache,
                record_dir=record,
                replay_dir=replay,
                on_warning=warn,
            ) as summariser,
            progress_reporter(enabled=not quiet) as report,
        ):
            return compare_items(items, summariser, progress=report, max_pairs=max_pairs)
    except errors.SummariserError as error:
        _fail(error)


def print_compare_schema(markdown: bool = False) -> None:
    """What ``summariser schema --compare`` prints: the cross-source brief's JSON Schema,
    or (``--format markdown``) its field reference."""
    if markdown:
        from summariser.render.compare_reference import compare_schema_reference

        typer.echo(compare_schema_reference())
        return
    from summariser.comparison.schema import compare_json_schema

    typer.echo(json.dumps(compare_json_schema(), indent=2))


def run_compare_eval(
    datasets: list[Path],
    *,
    output: Path | None = None,
    model: str | None = None,
    base_url: str | None = None,
    mode: str | None = None,
    max_reasks: int | None = None,
    replay: Path | None = None,
    no_cache: bool = False,
    quiet: bool = False,
) -> None:
    """What ``summariser eval --compare DATASET... GOLD`` runs: records with an
    ``event_cluster`` are compared cluster by cluster and scored against the gold lines
    (``{"cluster", "kind", "anchors"}``) found among the datasets."""
    from summariser.cli.app import check_output, warn
    from summariser.comparison.evaluation import GoldItem, evaluate_compare, read_gold
    from summariser.config import load_settings
    from summariser.pipeline import open_summariser
    from summariser.render.compare_evaluation import render_compare_eval

    try:
        check_output(output_path(output))  # before the comparisons, not after
        if replay:
            require_recording("--replay")
        records: list[dict[str, object]] = []
        gold: list[GoldItem] = []
        for dataset in datasets:
            if not dataset.is_file():
                raise errors.InputError(f"{dataset}: no such file")
            first = dataset.read_text(encoding="utf-8").lstrip()[:2000]
            if '"anchors"' in first.split("\n", 1)[0]:
                gold += read_gold(dataset)
            else:
                records += [
                    json.loads(line)
                    for line in dataset.read_text(encoding="utf-8").splitlines()
                    if line.strip()
                ]
        records = [r for r in records if r.get("event_cluster")]
        if len(records) < 2:
            raise errors.InputError("no records with an event_cluster to compare")
        settings = load_settings(model=model, base_url=base_url, mode=mode, max_reasks=max_reasks)

        def say(stage: str) -> None:
            if not quiet:
                typer.echo(f"summariser: {stage}", err=True)

        with open_summariser(
            settings, cache=not no_cache, replay_dir=replay, on_warning=warn
        ) as summariser:
            report = evaluate_compare(records, gold, summariser, say)
    except errors.SummariserError as error:
        _fail(error)
    except ValueError as error:
        _fail(errors.InputError(f"a dataset line is not JSON ({error})"))
    report = {"model": settings.model, **report}
    if output is None:
        typer.echo(render_compare_eval(report))
        return
    target = output_path(output)
    _write(json.dumps(report, indent=2) + "\n", target)
    typer.echo(render_compare_eval(report), err=target is None)
