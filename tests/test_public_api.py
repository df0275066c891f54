"""The library as its users type it: a typed package, typed options, a reusable
Summariser and a loader for files, saved pages and URLs."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import get_args

import summariser
from summariser import (
    Document,
    Summariser,
    asummarise,
    load_settings,
    load_source,
    summarise,
)
from summariser.backends.modes import OutputMode
from summariser.config import Settings
from summariser.pipeline import ModeName
from tests.conftest import FIXTURES, SEED
from tests.fake_openai import fake_openai
from tests.synthetic import synthetic_responder

PAGE = FIXTURES / "pages" / "harbour-fire.html"

# Each line marked "# typo" must be a mypy error; every other line must type-check.
_USER_CODE = """\
from summariser import Brief, Document, Summariser, asummarise, load_settings, load_source
from summariser import summarise


def good(text: str) -> Brief:
    document: Document = load_source("page.html")
    summarise(text, model="none", mode="json_schema", max_reasks=1, cache=True)
    with Summariser(load_settings(model="none")) as summariser:
        summariser.brief(document)
    return summarise(document)


async def good_async(text: str) -> Brief:
    return await asummarise(text, model="none", mode="tools", timeout=5.0)


def typos(text: str) -> None:
    summarise(text, modle="none")  # typo
    summarise(text, mode="json-schema")  # typo
    summarise(text, max_reasks="1")  # typo


async def async_typos(text: str) -> None:
    await asummarise(text, base_ulr="http://localhost:8080/v1")  # typo
"""


def test_the_package_is_typed_and_a_typo_in_an_option_fails_mypy(tmp_path: Path) -> None:
    assert resources.files("summariser").joinpath("py.typed").is_file()
    user = tmp_path / "user.py"
    user.write_text(_USER_CODE, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary"]
    command += ["--cache-dir", str(tmp_path / "mypy-cache"), user.name]
    result = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    # Without py.typed mypy skips the package ("missing library stubs or py.typed").
    assert "py.typed" not in result.stdout, result.stdout
    errors = {int(n) for n in re.findall(r"^user\.py:(\d+): error", result.stdout, re.M)}
    typo_lines = {i for i, line in enumerate(_USER_CODE.splitlines(), 1) if "# typo" in line}
    assert errors == typo_lines, result.stdout


def test_the_mode_option_lists_exactly_the_output_modes() -> None:
    assert set(get_args(ModeName)) == {mode.value for mode in OutputMode}


def test_the_public_api_exports_the_summariser_and_the_loader() -> None:
    for name in ("Summariser", "load_source", "Document", "Settings", "load_settings"):
        assert name in summariser.__all__
        assert getattr(summariser, name) is not None
    assert summariser.Summariser is Summariser and summariser.load_source is load_source


def test_every_error_the_package_raises_is_exported() -> None:
    """Callers catch what the CLI maps to exit codes: every error class of
    summariser.errors is importable from the package itself."""
    import inspect

    from summariser import errors

    kinds = {
        name
        for name, value in inspect.getmembers(errors, inspect.isclass)
        if issubclass(value, errors.SummariserError) and value.__module__ == errors.__name__
    }
    assert {"OutputError", "CacheError", "BudgetError"} <= kinds
    assert set(errors.EXIT_CODES) <= {getattr(errors, name) for name in kinds}
    for name in kinds:
        assert name in summariser.__all__, name
        assert getattr(summariser, name) is getattr(errors, name)


def test_one_summariser_briefs_many_loaded_articles() -> None:
    with Summariser(load_settings(model="none")) as reusable:
        page = reusable.brief(load_source(str(PAGE)))
        seed = reusable.brief(load_source(str(SEED)))
    assert page.provenance.author == "Lena Vogt" and page.headline
    assert seed.provenance.source == str(SEED) and seed.provenance.outlet == "TASS"


def test_summarise_takes_a_loaded_document_and_keeps_its_provenance() -> None:
    document: Document = load_source(str(PAGE))
    brief = summarise(document, model="none")
    assert brief.provenance.title and brief.provenance.title.startswith("Fire at Port Kessel")
    assert brief.text == document.text


def test_summarise_with_cache_reads_the_answer_cache(seed_text: str) -> None:
    with fake_openai(responder=synthetic_responder) as server:
        settings = Settings(model="m", base_url=server.url, api_key="test-key")
        first = summarise(seed_text, mode="json_schema", cache=True, settings=settings)
        again = summarise(seed_text, mode="json_schema", cache=True, settings=settings)
        uncached = summarise(seed_text, mode="json_schema", settings=settings)
        assert len(server.requests) == 2  # the second call was served from the cache
    assert again.meta.usage.cached and not first.meta.usage.cached
    assert not uncached.meta.usage.cached


async def _brief_async(text: str) -> str:
    brief = await asummarise(text, model="none", source="wire/story.txt")
    return brief.provenance.source or ""


def test_asummarise_takes_the_same_typed_options(seed_text: str) -> None:
    import asyncio

    assert asyncio.run(_brief_async(seed_text)) == "wire/story.txt"
