"""Where articles come from: a text or HTML file, standard input, or an http(s) URL.

HTML goes through trafilatura, which keeps the main text (no menus, no reader
comments) and the page's metadata (title, site, author, date, URL). Offsets in a brief
refer to that extracted text, which the brief keeps in ``Brief.text``.

Every read is bounded: files, standard input, FIFOs and devices are read up to the cap
and one byte more, whatever ``stat()`` says (``/dev/zero`` has size 0), and refused past
it. A URL fetch has one deadline for all of it (connecting, every read of a slow stream,
redirects), follows only http and https, and decodes gzip and deflate itself, bounded
by the same cap. Text that is not an article (a login or search page, a stub too short
to brief) is refused unless ``force``.
"""

from __future__ import annotations

import importlib
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

from summariser.errors import InputError, redact_urls
from summariser.input.decoding import decode_bytes
from summariser.input.documents import (
    MAX_INPUT_BYTES,
    STDIN_SOURCE,
    Document,
    DocumentMeta,
    make_document,
)

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
URL_TIMEOUT = 20.0  # seconds for the whole fetch, redirects included
MAX_REDIRECTS = 5
MIN_TEXT_WORDS = 10  # a text shorter than a sentence of news has nothing to brief
MIN_PAGE_WORDS = 40  # a page's main text shorter than this is a menu, a stub or an error
SHORT_PAGE_WORDS = 150  # a login or search page has little text of its own
READ_CHUNK = 1 << 16
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_URL = re.compile(r"^https?://", re.IGNORECASE)
_ANY_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_PASSWORD_FIELD = re.compile(r"<input[^>]+type\s*=\s*[\"']?password", re.IGNORECASE)
_LOGIN_TITLE = re.compile(r"\b(log ?in|sign ?in|sign ?up|register|create an account)\b", re.I)
_SEARCH_URL = re.compile(r"(/search\b|[?&](q|query|s|search)=)", re.IGNORECASE)
_SEARCH_TITLE = re.compile(r"^\s*(search\b|results? for\b)|\bsearch results\b", re.IGNORECASE)
_USER_AGENT = "summariser/0.1 (+article brief; respects robots by being run by a person)"
_FORCE_HINT = "--force briefs it anyway"


def is_url(spec: str) -> bool:
    """Whether ``spec`` is an http(s) URL (the scheme in any case: ``HTTP://`` too)."""
    return bool(_URL.match(spec))


def load_source(spec: str, *, force: bool = False, fetch_timeout: float = URL_TIMEOUT) -> Document:
    """Read ``spec`` (a path, ``-`` or a URL) into a checked document.

    ``force`` briefs what does not look like an article (a login or search page, a stub);
    ``fetch_timeout`` is the deadline of a URL fetch, in seconds, redirects included.
    """
    scheme = _ANY_SCHEME.match(spec)
    if scheme and not is_url(spec):
        raise InputError(
            f"{redact_urls(spec)}: only http and https URLs are supported, not {scheme[1]}"
        )
    if is_url(spec):
        return _load_url(spec, force=force, timeout=fetch_timeout)
    if spec == "-":
        data, source = _read_stdin(), STDIN_SOURCE
    else:
        data, source = _read_file(spec), spec
    html = Path(spec).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:200]))
    decoded = decode_bytes(data, source, _meta_charset(data) if html else None)
    if html:
        return from_html(decoded.text, source, force=force, notes=decoded.notes)
    return _text_document(decoded.text, source, DocumentMeta(), decoded.notes, force)


def _load_url(url: str, *, force: bool, timeout: float) -> Document:
    shown = redact_urls(url)
    page = fetch(url, timeout=timeout)
    final = redact_urls(page.url)
    looks_html = bool(_HTML_START.match(page.data[:200]))
    if "html" in page.content_type or looks_html:
        declared = page.charset or _meta_charset(page.data)
        decoded = decode_bytes(page.data, shown, declared)
        return from_html(decoded.text, shown, url=final, force=force, notes=decoded.notes)
    if page.content_type.startswith("text/"):
        decoded = decode_bytes(page.data, shown, page.charset)
        return _text_document(decoded.text, shown, DocumentMeta(url=final), decoded.notes, force)
    raise InputError(f"{shown}: not an article (content type {page.content_type or 'unknown'})")


def _text_document(
    text: str, source: str, meta: DocumentMeta, notes: tuple[str, ...], force: bool
) -> Document:
    words = len(text.split())
    if 0 < words < MIN_TEXT_WORDS and not force:
        raise InputError(
            f"{source}: not an article (too short to brief: {words} word(s); at least "
            f"{MIN_TEXT_WORDS} expected); {_FORCE_HINT}"
        )
    return make_document(text, source, meta, notes=notes)


def _read_stdin() -> bytes:
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise InputError(f"{STDIN_SOURCE}: there is no standard input to read")
    try:
        return read_bounded(stream, STDIN_SOURCE)
    except OSError as e:
        raise InputError(f"{STDIN_SOURCE}: cannot read ({e.strerror or e})") from e


def _read_file(path: str) -> bytes:
    try:
        with Path(path).open("rb") as file:
            return read_bounded(file, path)
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory, not an article") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    except ValueError as e:  # a NUL byte in the path
        raise InputError(f"{path!r}: not a usable path ({e})") from e


def read_bounded(stream: IO[bytes], source: str, cap: int = MAX_INPUT_BYTES) -> bytes:
    """At most ``cap`` bytes of ``stream``; past that an :class:`InputError`, after
    reading one byte more and no further (``/dev/zero``, ``yes |`` end here)."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = stream.read(min(READ_CHUNK, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > cap:
        raise InputError(f"{source}: the input is larger than {cap:,} bytes")
    return b"".join(chunks)


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def from_html(
    html: str,
    source: str,
    url: str | None = None,
    *,
    force: bool = False,
    notes: tuple[str, ...] = (),
) -> Document:
    """The main text and metadata of an HTML page; a page that is not an article (a
    login or search page, a stub) is refused unless ``force``.

    trafilatura's own extraction runs first; its fallback extractors (readability and
    jusText, some 30 MB and much of the time on an odd page) only for a page where it
    found too little, as a second chance before the page is refused.
    """
    import trafilatura

    from summariser.input.hidden import without_hidden_text

    html = without_hidden_text(html)  # words no reader sees never reach the article
    extracted = _extract(html, url, fast=True)
    text = str(extracted.get("text") or "")
    reason = _not_an_article(html, extracted, len(text.split()), url)
    if reason is not None and not (force and text.strip()):
        extracted = _extract(html, url, fast=False)
        text = str(extracted.get("text") or "")
        reason = _not_an_article(html, extracted, len(text.split()), url)
    if reason is not None and not force:
        raise InputError(f"{source}: not an article ({reason}); {_FORCE_HINT}")
    if not text.strip() and force:  # no main text: all the page's text, then
        text = str(trafilatura.html2txt(html) or "")
    text = _without_comments(text)
    meta = DocumentMeta(
        title=extracted.get("title") or None,
        site=extracted.get("sitename") or extracted.get("hostname") or None,
        author=extracted.get("author") or None,
        date=extracted.get("date") or None,
        url=url or extracted.get("url") or None,
    )
    return make_document(text, source, meta, notes=notes)


def _extract(html: str, url: str | None, *, fast: bool) -> dict[str, Any]:
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True,
        fast=fast,
    )  # fmt: skip
    if result is None:
        return {}
    return dict(result) if isinstance(result, dict) else dict(result.as_dict())


def _not_an_article(
    html: str, extracted: dict[str, Any], words: int, url: str | None
) -> str | None:
    """Why the page is not an article, or None when it may be one."""
    title = str(extracted.get("title") or "")
    if words < SHORT_PAGE_WORDS and (
        _PASSWORD_FIELD.search(html) or (words < MIN_PAGE_WORDS and _LOGIN_TITLE.search(title))
    ):
        return f"a login page: it asks for a password and has {words} words of text"
    if words < SHORT_PAGE_WORDS and (
        _SEARCH_TITLE.search(title) or (url is not None and _SEARCH_URL.search(url))
    ):
        return f"a search page with {words} words of text"
    if words < MIN_PAGE_WORDS:
        return (
            f"too short to brief: the page's main text has {words} words; "
            f"at least {MIN_PAGE_WORDS} expected"
        )
    return None


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


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its body (decoded from gzip or deflate), the charset and content
    type its server declared, and the URL it came from after redirects."""

    data: bytes
    charset: str | None
    content_type: str
    url: str


def fetch(url: str, timeout: float = URL_TIMEOUT) -> Fetched:
    """GET an http(s) URL within ``timeout`` seconds in all, following at most
    :data:`MAX_REDIRECTS` redirects, each to http or https only."""
    from summariser.input.http import deadline, default_library, http_client

    httpx: Any = importlib.import_module(default_library())

    shown = redact_urls(url)
    current = url
    with deadline(timeout):
        for hop in range(MAX_REDIRECTS + 1):
            _check_scheme(current, shown, redirected=hop > 0)
            try:
                with (
                    http_client(current, timeout) as client,
                    client.stream("GET", current, headers=_HEADERS) as response,
                ):
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    if response.status_code >= 300:
                        raise InputError(f"{shown}: {_status(response)}")
                    data = _body(response, shown)
                    content_type = response.headers.get("content-type", "")
                    return Fetched(data, _charset(content_type), _media_type(content_type),
                                   str(response.url))  # fmt: skip
            except httpx.TimeoutException as e:
                raise InputError(f"{shown}: timed out after {timeout:g} s") from e
            except httpx.ConnectError as e:
                if _refused(e):
                    raise InputError(f"{shown}: connection refused") from e
                raise InputError(f"{shown}: cannot fetch ({_reason(e)})") from e
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                raise InputError(f"{shown}: cannot fetch ({_reason(e)})") from e
    raise InputError(f"{shown}: too many redirects (more than {MAX_REDIRECTS})")


_HEADERS = {"User-Agent": _USER_AGENT, "Accept-Encoding": "gzip, deflate"}


def _check_scheme(url: str, shown: str, *, redirected: bool) -> None:
    try:
        parts = urlsplit(url)
        usable = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if usable:
        return
    if redirected:
        raise InputError(
            f"{shown}: redirected to {redact_urls(url)[:200]}; only http and https are followed"
        )
    raise InputError(f"{shown}: only http and https URLs with a host are supported")


def _status(response: Any) -> str:
    if response.status_code == 404:
        return "not found"
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()


def _refused(error: BaseException) -> bool:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError) or "refused" in str(cause).lower():
            return True
        cause = cause.__cause__ or cause.__context__
    return False


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([^;\"'\s]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _body(response: Any, shown: str, cap: int = MAX_INPUT_BYTES) -> bytes:
    """The body, decoded from gzip or deflate here (so its decoded size is capped too),
    at most ``cap`` bytes either way."""
    too_large = InputError(f"{shown}: too large (more than {cap:,} bytes)")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap:
        raise InputError(f"{shown}: too large ({int(length):,} bytes; the cap is {cap:,})")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
        raise InputError(f"{shown}: the server sent an unsupported content encoding {encoding!r}")
    inflater: Any = None
    received = 0
    body = bytearray()
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > cap:
            raise too_large
        if encoding in ("identity", ""):
            body += chunk
            continue
        if inflater is None:
            inflater = zlib.decompressobj(_wbits(encoding, chunk))
        try:
            body += inflater.decompress(chunk, cap + 1 - len(body))
        except zlib.error as e:
            raise InputError(f"{shown}: the {encoding} body is corrupt ({e})") from e
        if len(body) > cap or inflater.unconsumed_tail:
            raise InputError(f"{shown}: too large once decompressed (more than {cap:,} bytes)")
    if inflater is not None:
        if not inflater.eof:
            raise InputError(f"{shown}: the {encoding} body is truncated")
        if inflater.unused_data.strip(b"\x00"):
            raise InputError(f"{shown}: the {encoding} body has data after its end")
    if len(body) > cap:
        raise too_large
    return bytes(body)


def _wbits(encoding: str, first: bytes) -> int:
    """zlib's window bits for the body: gzip; deflate with its zlib header, or the raw
    deflate some servers send under the same name."""
    if encoding in ("gzip", "x-gzip"):
        return 16 + zlib.MAX_WBITS
    zlib_header = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS
