"""Load and render the Jinja2 prompt templates shipped in ``summariser/prompts``.

Each template declares ``version: N`` in its header comment. The prompt version that
goes into every cache and fixture key joins the versions of the templates used.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

_VERSION = re.compile(r"version:\s*(\S+)")
BRIEF_TEMPLATES = ("brief-system", "brief-user")


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # only when rendering: versions are read without it (fast cache hits)

    loader = jinja2.FunctionLoader(lambda name: template_source(name))
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


@cache
def template_source(name: str) -> str:
    """The source of ``prompts/NAME.j2`` as shipped in the package, read once a process:
    the version in every key is that of the template actually rendered."""
    path = resources.files("summariser").joinpath("prompts").joinpath(f"{name}.j2")
    return path.read_text(encoding="utf-8")


def template_version(name: str) -> str:
    """The version declared in the template's header comment."""
    match = _VERSION.search(template_source(name))
    if match is None:
        raise RuntimeError(f"prompt template {name!r} declares no version")
    return match.group(1)


def prompt_version(names: tuple[str, ...] = BRIEF_TEMPLATES) -> str:
    """The joint version of a set of templates, e.g. ``brief-system@1+brief-user@1``."""
    return "+".join(f"{name}@{template_version(name)}" for name in names)


def render(name: str, **variables: Any) -> str:
    """Render a template; a missing variable is an error, never an empty string."""
    return _environment().get_template(name).render(**variables).strip()
