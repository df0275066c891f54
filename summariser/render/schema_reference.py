"""A Markdown reference of every field of a schema, generated from its pydantic models.

docs/schema.md is :func:`schema_reference`'s output (the brief) and docs/compare-schema.md
that of ``compare_reference.compare_schema_reference`` (the cross-source brief), both made
by :func:`model_reference`; tests keep them current.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from summariser.schema import SCHEMA_VERSION, Brief


def type_name(annotation: Any) -> str:
    """A field's type as the reference writes it: enums by their values, models as links."""
    origin = get_origin(annotation)
    if origin is None:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return " \\| ".join(f"`{m.value}`" for m in annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
        return getattr(annotation, "__name__", str(annotation))
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin is list:
        return f"list of {type_name(args[0])}"
    if len(args) < len(get_args(annotation)):
        return f"{type_name(args[0])} or null"
    if args:
        return type_name(args[0])
    return str(annotation)


def models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model its fields hold, depth first, each once."""
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


def model_reference(root: type[BaseModel], title: str, preface: str) -> str:
    """The reference of ``root`` as Markdown: a section a model, a table row a field."""
    lines = [f"# {title}", "", preface, ""]
    for model in models(root):
        lines += [f"## {model.__name__}", ""]
        doc = (model.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            lines += [" ".join(doc.split()), ""]
        lines += ["| field | type | description |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            description = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {type_name(field.annotation)} | {description} |")
        lines.append("")
    return "\n".join(lines)


def schema_reference() -> str:
    """The brief's reference as Markdown."""
    return model_reference(
        Brief,
        "Brief schema reference",
        f"Schema version {SCHEMA_VERSION}. Generated from `summariser/schema.py` by "
        "`summariser schema --format markdown`; do not edit by hand. "
        "`summariser schema` prints the JSON Schema.",
    )
