"""Where articles come from: a text or HTML file, standard input, or an http(s) URL.

HTML goes through trafilatura, which keeps the main text (no menus, no reader
comments) and the page's metadata (title, site, author, date, URL). Offsets in a brief
refer to that extracted text, which the brief keeps in ``Brief.text``.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from summariser.errors import InputError
from summariser.input.documents import (
    MAX_INPUT_BYTES,
    STDIN_SOURCE,
    Document,
    DocumentMeta,
    decode,
    make_document,
)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
URL_TIMEOUT = 20.0
MIN_ARTICLE_WORDS = 20  # less main text than this is a menu, an error page or a stub
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_USER_AGENT = "summariser/0.1 (+article brief; respects robots by being run by a person)"


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def load_source(spec: str) -> Document:
    """Read ``spec`` (a path, ``-`` or a URL) into a checked document."""
    if is_url(spec):
        data, declared, content_type = fetch(spec)
        if "html" in content_type or _HTML_START.match(data[:200]):
            return from_html(decode(data, spec, declared), spec, url=spec)
        if content_type.startswith("text/"):
            return make_document(decode(data, spec, declared), spec, DocumentMeta(url=spec))
        raise InputError(f"{spec}: not an article (content type {content_type or 'unknown'})")
    if spec == "-":
        data, source = sys.stdin.buffer.read(), STDIN_SOURCE
    else:
        data, source = _read_file(spec), spec
    text = decode(data, source)
    if Path(spec).suffix.lower() in HTML_SUFFIXES or _HTML_START.match(data[:200]):
        return from_html(text, source)
    return make_document(text, source)


def _read_file(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: the input is larger than {MAX_INPUT_BYTES:,} bytes")
        return file.read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory, not an article") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from e


def from_html(html: str, source: str, url: str | None = None) -> Document:
    """The main text and metadata of an HTML page."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True
    )
    extracted: dict[str, Any] = {}
    if result is not None:
        extracted = result if isinstance(result, dict) else result.as_dict()
    words = len(str(extracted.get("text") or "").split())
    if words < MIN_ARTICLE_WORDS:
        raise InputError(
            f"{source}: not an article (the page's main text has {words} words; "
            f"at least {MIN_ARTICLE_WORDS} expected)"
        )
    text = _without_comments(str(extracted["text"]))
    meta = DocumentMeta(
        title=extracted.get("title") or None,
        site=extracted.get("sitename") or extracted.get("hostname") or None,
        author=extracted.get("author") or None,
        date=extracted.get("date") or None,
        url=url or extracted.get("url") or None,
    )
    return make_document(text, source, meta)


_COMMENTS_HEADING = re.compile(
    r"^\s*(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|discussion|leave a (?:comment|reply)|"
    r"join the (?:conversation|discussion))\s*(?:\(\d+\))?:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def _without_comments(text: str) -> str:
    """The article without a readers' comment section that extraction left in.

    Commenters are not sources: everything from a "Comments" heading in the second half
    of the text on is cut.
    """
    for match in _COMMENTS_HEADING.finditer(text):
        if match.start() > len(text) // 2:
            return text[: match.start()].rstrip()
    return text


def fetch(url: str) -> tuple[bytes, str | None, str]:
    """GET an http(s) URL with a time-out and a size cap: (body, charset, content type)."""
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise InputError(f"{url}: only http and https URLs are supported")
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            headers: Message = response.headers
            length = headers.get("content-length")
            if length and length.isdigit() and int(length) > MAX_INPUT_BYTES:
                raise InputError(
                    f"{url}: too large ({int(length):,} bytes; the cap is {MAX_INPUT_BYTES:,})"
                )
            data = response.read(MAX_INPUT_BYTES + 1)
    except urllib.error.HTTPError as e:
        reason = "not found" if e.code == 404 else f"HTTP {e.code} {e.reason}"
        raise InputError(f"{url}: {reason}") from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, ConnectionRefusedError):
            raise InputError(f"{url}: connection refused") from e
        if isinstance(e.reason, TimeoutError):
            raise InputError(f"{url}: timed out after {URL_TIMEOUT:g} s") from e
        raise InputError(f"{url}: cannot fetch ({e.reason})") from e
    except TimeoutError as e:
        raise InputError(f"{url}: timed out after {URL_TIMEOUT:g} s") from e
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{url}: too large (more than {MAX_INPUT_BYTES:,} bytes)")
    content_type = (headers.get_content_type() or "").lower()
    return data, headers.get_content_charset(), content_type
