"""OpenAI's strict structured outputs: the schema rules its server enforces.

With ``strict: true`` OpenAI constrains decoding to the schema, and accepts only a schema
in which every object is closed (``additionalProperties: false``) and lists every
property as required; an optional field stays optional by being nullable (pydantic
writes ``X | None`` as ``anyOf [X, null]``). These are the rules of
``openai.lib._pydantic.to_strict_json_schema``, applied to the schema dict that
instructor sends (the response format's schema, or a tool's parameters), so the request
keeps instructor's re-asks; ``tests/test_providers.py`` checks the two agree.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any


def strict_schema(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A strict copy of ``schema`` (the argument is not changed)."""
    root = copy.deepcopy(dict(schema))
    return _strict(root, root)


def _strict(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    for key in ("$defs", "definitions"):
        defs = node.get(key)
        if isinstance(defs, dict):
            for name, definition in defs.items():
                defs[name] = _strict(definition, root)
    if node.get("type") == "object" and "additionalProperties" not in node:
        node["additionalProperties"] = False
    properties = node.get("properties")
    if isinstance(properties, dict):
        node["required"] = list(properties)
        node["properties"] = {name: _strict(sub, root) for name, sub in properties.items()}
    items = node.get("items")
    if isinstance(items, dict):
        node["items"] = _strict(items, root)
    any_of = node.get("anyOf")
    if isinstance(any_of, list):
        node["anyOf"] = [_strict(variant, root) for variant in any_of]
    all_of = node.get("allOf")
    if isinstance(all_of, list):
        if len(all_of) == 1:
            node.update(_strict(all_of[0], root))
            node.pop("allOf")
        else:
            node["allOf"] = [_strict(entry, root) for entry in all_of]
    if "default" in node and node["default"] is None:
        node.pop("default")  # nullable already says it; a strict schema has no defaults
    ref = node.get("$ref")
    if isinstance(ref, str) and len(node) > 1:
        # OpenAI refuses a $ref with siblings (e.g. a description): inline its target.
        merged = {**copy.deepcopy(_resolve(root, ref)), **node}
        merged.pop("$ref")
        return _strict(merged, root)
    return node


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"unexpected $ref {ref!r}: only local references are supported")
    target: Any = root
    for key in ref[2:].split("/"):
        target = target[key]
    if not isinstance(target, dict):
        raise ValueError(f"$ref {ref!r} does not name a schema")
    return target


def strict_request(kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The chat-completions request instructor built, with OpenAI's strict structured
    outputs: ``strict`` on the response format's JSON schema or on each function tool,
    with its schema made strict. A plain JSON-object request is left as it is."""
    request = dict(kwargs)
    response_format = request.get("response_format")
    if isinstance(response_format, Mapping) and response_format.get("type") == "json_schema":
        spec = dict(response_format["json_schema"])
        spec["schema"] = strict_schema(spec["schema"])
        spec["strict"] = True
        request["response_format"] = {**response_format, "json_schema": spec}
    tools = request.get("tools")
    if isinstance(tools, list):
        request["tools"] = [_strict_tool(tool) for tool in tools]
    return request


def _strict_tool(tool: Any) -> Any:
    if not (isinstance(tool, Mapping) and tool.get("type") == "function"):
        return tool
    function = dict(tool["function"])
    function["parameters"] = strict_schema(function.get("parameters", {"type": "object"}))
    function["strict"] = True
    return {**tool, "function": function}
