"""What a comparison reads: files, saved pages, URLs, JSONL records, or documents.

A JSONL file holds one article a line: ``{"id", "text" | "path" | "url"}`` and, when
known, ``title``, ``publisher`` (or ``outlet``, ``site``), ``date_publish`` (or
``published``, ``date``) and ``url``: the development set's records are read as they
are. A publisher the outlet table knows is written under the table's name, so the
brief's source assessment recognises it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summariser.errors import InputError
from summariser.input.documents import Document, DocumentMeta, make_document
from summariser.input.sources import is_url, load_source
from summariser.outlets import lookup

Article = Document | str | Path | Mapping[str, Any]
"""One article to compare: a document, a path or URL (a ``.jsonl`` path holds several),
or a record with ``text``, ``path`` or ``url`` (and metadata; see the module)."""


@dataclass(frozen=True)
class Item:
    """One article to compare, read and checked."""

    name: str  # the path, URL or record id it came from
    document: Document
    published: str | None  # publication time as the source gives it (date and time)


def read_items(articles: Sequence[Article]) -> list[Item]:
    """Every article of ``articles``, in order; a JSONL file gives one item a line."""
    items: list[Item] = []
    for article in articles:
        if isinstance(article, Document):
            items.append(Item(article.source, article, article.meta.date))
        elif isinstance(article, Mapping):
            items.append(_record(article, "<record>"))
        elif str(article).endswith(".jsonl") and not is_url(str(article)):
            items += _jsonl(Path(article))
        else:
            document = load_source(str(article))
            items.append(Item(str(article), document, document.meta.date))
    return items


def _jsonl(path: Path) -> list[Item]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read ({e})") from e
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as e:
            raise InputError(f"{path}:{number}: not JSON ({e})") from e
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: not a JSON object")
        items.append(_record(record, f"{path}:{number}", path.parent))
    return items


def _text(record: Mapping[str, Any], where: str) -> str:
    value = record.get(where)
    return value if isinstance(value, str) and value.strip() else ""


def _record(record: Mapping[str, Any], where: str, folder: Path | None = None) -> Item:
    """One record as an item; a relative ``path`` is taken from ``folder`` (the JSONL
    file's), when given."""
    name = _text(record, "id") or where
    publisher = _text(record, "publisher") or _text(record, "outlet") or _text(record, "site")
    known = lookup(publisher) or lookup(_text(record, "url"))
    published = (
        _text(record, "date_publish") or _text(record, "published") or _text(record, "date")
    ) or None
    if _text(record, "text"):
        base = make_document(record["text"], name)
    elif _text(record, "path"):
        path = Path(record["path"])
        base = load_source(str(folder / path if folder and not path.is_absolute() else path))
    elif _text(record, "url"):
        base = load_source(record["url"])
    else:
        raise InputError(f"{where}: the record has no text, path or url")
    meta = DocumentMeta(
        title=_text(record, "title") or base.meta.title,
        site=(known.name if known else publisher) or base.meta.site,
        author=_text(record, "author") or base.meta.author,
        date=(published or "")[:10] or base.meta.date,
        url=_text(record, "url") or base.meta.url,
    )
    document = make_document(base.text, name, meta)
    return Item(name, document, published or base.meta.date)
