"""``summariser cache info`` and ``summariser cache clear [--older-than AGE]``."""

from __future__ import annotations

import re
import time
from typing import Annotated

import typer

from summariser.cli.options import Command

cache_app = typer.Typer(
    help=(
        "The answer cache: the model's answers by what decides them (input, model, "
        "prompt, schema, options), in answers.sqlite under $SUMMARISER_CACHE_DIR "
        "(default ~/.cache/summariser)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")


def parse_age(text: str) -> float:
    """``30d``, ``12h``, ``45m``, ``2w`` or ``90s`` as seconds."""
    match = _AGE.fullmatch(text.strip().lower())
    if match is None:
        raise typer.BadParameter(f"{text!r}: write a number and a unit, e.g. 30d, 12h, 45m, 2w")
    return float(match.group(1)) * _UNITS[match.group(2)]


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def _day(stamp: float | None) -> str:
    return "-" if stamp is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp))


@cache_app.command(cls=Command)
def info() -> None:
    """Where the cache is, how many answers it holds and its size on disk."""
    from summariser.backends.model_files import cache_dir
    from summariser.store.cache import BriefCache, default_path

    path = default_path()
    typer.echo(f"path:     {path}")
    if not path.is_file():
        typer.echo("entries:  0 (no cache yet)")
        typer.echo("size:     0 B")
    else:
        cache = BriefCache(path)
        try:
            stats = cache.stats()
        finally:
            cache.close()
        typer.echo(
            f"entries:  {stats.entries} answers ({_day(stats.oldest)} to {_day(stats.newest)})"
        )
        typer.echo(f"modes:    {stats.modes} remembered output mode(s)")
        typer.echo(f"size:     {human_size(stats.size_bytes)}")
    models = cache_dir() / "models"
    if models.is_dir():
        size = sum(f.stat().st_size for f in models.rglob("*") if f.is_file())
        typer.echo(f"models:   {models} ({human_size(size)}; cache clear keeps them)")


@cache_app.command(cls=Command)
def clear(
    older_than: Annotated[
        str | None,
        typer.Option(
            metavar="AGE",
            help="Only answers stored more than AGE ago: 30d, 12h, 45m, 2w.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Delete cached answers (all, or those older than AGE) and remembered output modes.

    The embedded model's assembled weights stay.
    """
    from summariser.store.cache import BriefCache, default_path, size_on_disk

    age = parse_age(older_than) if older_than is not None else None
    path = default_path()
    if not path.is_file():
        typer.echo(f"nothing to clear: {path} does not exist")
        return
    before = size_on_disk(path)
    cache = BriefCache(path)
    try:
        total = cache.stats().entries
        removed = cache.clear(age)
    finally:
        cache.close()
    freed = max(0, before - size_on_disk(path))
    typer.echo(f"removed {removed} of {total} answers ({human_size(freed)} freed) from {path}")
