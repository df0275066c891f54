"""A Markdown reference of every field of the brief, generated from the pydantic models.

docs/schema.md is this function's output; a test keeps it current.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from summariser.schema import SCHEMA_VERSION, Brief


def _type_name(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is None:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return " \\| ".join(f"`{m.value}`" for m in annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
        return getattr(annotation, "__name__", str(annotation))
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if len(args) < len(get_args(annotation)):
        return f"{_type_name(args[0])} or null"
    if args:
        return _type_name(args[0])
    return str(annotation)


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            stack = [field.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    visit(annotation)
                stack.extend(get_args(annotation))

    visit(root)
    return seen


def schema_reference() -> str:
    """The reference as Markdown."""
    lines = [
        "# Brief schema reference",
        "",
        f"Schema version {SCHEMA_VERSION}. Generated from `summariser/schema.py` by "
        "`summariser schema --format markdown`; do not edit by hand. "
        "`summariser schema` prints the JSON Schema.",
        "",
    ]
    for model in _models(Brief):
        lines += [f"## {model.__name__}", ""]
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            lines += [" ".join(doc.split()), ""]
        lines += ["| field | type | description |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            description = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {_type_name(field.annotation)} | {description} |")
        lines.append("")
    return "\n".join(lines)
