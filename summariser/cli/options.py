"""The options the commands share, declared once, and how their help reads.

Every value an option takes is named by a metavar a person would write (ARTICLE, NAME,
URL, DIR), never by a Python type (``<str>``, ``<list[Path]>``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

STDOUT = "-"
"""``-o -``: write to standard output, as with no ``-o`` at all."""


class Command(TyperCommand):
    """Help in the usual form: ``Usage: summariser brief [OPTIONS] [ARTICLE]`` and each
    argument listed by its metavar, with no type label."""

    # ctx and formatter are click's Context and HelpFormatter, which typer vendors privately.
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not param.hidden:
                    arguments.append((_name(param), param.help or ""))
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                options.append(record)
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


def _name(argument: TyperArgument) -> str:
    return argument.metavar or (argument.name or "").upper()


def output_path(path: Path | None) -> Path | None:
    """``None`` for standard output (no ``-o``, or ``-o -``), else the file."""
    return None if path is None or str(path) == STDOUT else path


ARTICLE_HELP = (
    "A .txt file, a saved web page (.html, .htm), an http(s):// URL, or - for standard "
    "input. May be left out when the article is piped in."
)

Article = Annotated[
    str | None,
    typer.Argument(metavar="ARTICLE", help=ARTICLE_HELP, show_default=False),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        metavar="NAME",
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
        metavar="URL",
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1. "
        "Env: SUMMARISER_BASE_URL.",
        show_default=False,
    ),
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        metavar="MODE",
        help=(
            "Structured output: auto (try json_schema, then tools, then json), "
            "json_schema, tools or json [default: per provider; the embedded model "
            "always uses json_schema]. Env: SUMMARISER_MODE."
        ),
        show_default=False,
    ),
]
ReasksOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        metavar="N",
        help="Re-asks allowed when the model's answer breaks the schema [default: 1].",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (- is stdout)."
    ),
]
RecordOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR",
        help="Record the model exchange into DIR (needs the [record] extra).",
    ),
]
ReplayOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR",
        help="Replay recorded exchanges from DIR: no model, no network (needs the [record] extra).",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help=(
            "Neither read nor write the answer cache (the model's answers, in "
            "answers.sqlite under $SUMMARISER_CACHE_DIR, default ~/.cache/summariser)."
        ),
    ),
]
