"""Fetching URLs from a hostile or broken web server on loopback: redirects to other
schemes, compression bombs, slow streams, pages that are not articles. Part of the
corpus (``test_hostile_corpus.py``); each case runs ``summariser brief URL`` in its own
process against :func:`web`, a server this module starts on 127.0.0.1 and stops.

The pages are written for these tests.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summariser.errors import InputError
from summariser.input.http import deadline, http_client, time_left
from summariser.input.sources import fetch, load_source
from tests.conftest import FIXTURES
from tests.fake_openai import unused_port
from tests.test_hostile_corpus import Corpus, Run, check_run, refused, summariser

CORPUS = Corpus("fetch")
case = CORPUS.case

PAGE = (FIXTURES / "pages" / "harbour-fire.html").read_bytes()
ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")
SLOW_SECONDS = 2  # the fetch deadline the slow cases run with
LOGIN = (
    b"<!doctype html><html><head><title>Sign in</title></head><body><form>"
    b"<p>Sign in to keep reading. Subscribers get every story, the archive and the daily "
    b"newsletter.</p><input name=u><input type=password name=p><button>Sign in</button>"
    b"</form></body></html>"
)


@cache
def _bomb() -> bytes:
    """50 MB of zeros, gzipped to about 50 kB."""
    return gzip.compress(b"\x00" * 50_000_000, compresslevel=9)


Route = Callable[[BaseHTTPRequestHandler], None]


def _send(status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
          **headers: str) -> Route:  # fmt: skip
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("content-type", content_type)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        if "content_length" not in headers:
            handler.send_header("content-length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return route


def _redirect(location: str, status: int = 302) -> Route:
    return _send(status, b"", location=location)


def _dribble(data: bytes, head_first: bool) -> Route:
    """The response one byte every 0.1 s: from its first byte, or after the headers."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        start = data.index(b"\r\n\r\n") + 4 if head_first else 0
        handler.wfile.write(data[:start])
        for byte in data[start:]:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.1)

    return route


def _raw(head: bytes, body: bytes) -> bytes:
    return head + b"\r\n\r\n" + body


def _silent(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(SLOW_SECONDS + 6)  # accepts, reads the request, says nothing


def _chunked_forever(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("content-type", "text/html")
    handler.send_header("transfer-encoding", "chunked")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65_000 + b"</p>"
    for _ in range(200):  # 13 MB, with no length given
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    handler.wfile.write(b"0\r\n\r\n")


def _short_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("content-type", "text/html")
    handler.send_header("content-length", "100000")
    handler.end_headers()
    handler.wfile.write(PAGE[:500])
    handler.close_connection = True  # and the connection closes


def _routes() -> dict[str, Route]:
    long_plain = ("Café owners in Lindholm said 12 shops closed after the flood. " * 6).encode(
        "cp1252"
    )
    slow = _raw(
        b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: %d" % len(PAGE), PAGE
    )
    return {
        "/article": _send(200, PAGE),
        "/plain": _send(200, long_plain, "text/plain; charset=windows-1252"),
        "/gzip": _send(200, gzip.compress(PAGE), content_encoding="gzip"),
        "/deflate": _send(200, zlib.compress(PAGE), content_encoding="deflate"),
        "/raw-deflate": _send(200, zlib.compress(PAGE, wbits=-15), content_encoding="deflate"),
        "/gzip-bomb": _send(200, _bomb(), content_encoding="gzip"),
        "/corrupt-gzip": _send(
            200, b"\x1f\x8b\x08\x00" + b"garbage" * 100, content_encoding="gzip"
        ),
        "/truncated-gzip": _send(200, gzip.compress(PAGE)[:-200], content_encoding="gzip"),
        "/brotli": _send(200, b"\x0b\x02\x80hello\x03", content_encoding="br"),
        "/chunked-forever": _chunked_forever,
        "/declared-huge": _send(200, PAGE, content_length="10000000"),
        "/short-body": _short_body,
        "/missing": _send(404, b"not found", "text/plain"),
        "/broken": _send(500, b"oops", "text/plain"),
        "/forbidden": _send(403, b"no", "text/plain"),
        "/to-ftp": _redirect("ftp://127.0.0.1/story.txt"),
        "/to-file": _redirect("file:///etc/passwd"),
        "/to-data": _redirect("data:text/html,<p>hi</p>"),
        "/loop": _redirect("/loop"),
        "/relative": _redirect("article", 301),
        "/image": _send(200, b"\x89PNG\r\n\x1a\n" + bytes(512), "image/png"),
        "/json": _send(200, b'{"story": "Depot fire"}', "application/json"),
        "/login": _send(200, LOGIN),
        "/search?q=depot+fire": _send(200, _results()),
        "/one-word": _send(200, b"Hello", "text/plain"),
        "/slow-headers": _dribble(slow, head_first=False),
        "/slow-body": _dribble(slow, head_first=True),
        "/silent": _silent,
        "/latin1-declared-utf8-sent": _send(
            200, _accented_page().encode("utf-8"), "text/html; charset=iso-8859-1"
        ),
    }


def _results() -> bytes:
    snippets = "".join(
        f"<li><a href=/s/{n}>Depot fire, result {n}</a><p>A short snippet of a story.</p></li>"
        for n in range(8)
    )
    return (
        f"<html><head><title>Search results: depot fire</title></head><body><h1>Search "
        f"results</h1><ul>{snippets}</ul></body></html>"
    ).encode()


def _accented_page() -> str:
    body = "".join(
        f"<p>Skier Sølvé Andersen said on day {n} that “we’re not leaving the valley” after "
        "heavy snow closed the pass above Tromsø.</p>"
        for n in range(4)
    )
    return f"<html><head><title>Snow</title></head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def web() -> Iterator[str]:
    """A web server on 127.0.0.1 serving :func:`_routes`; its address."""
    routes = _routes()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            route = routes.get(self.path) or _send(404, b"no such route", "text/plain")
            try:
                route(self)
            except OSError:
                self.close_connection = True  # the client went away: expected here

        def log_message(self, format: str, *args: object) -> None:
            return

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            return

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def brief(url: str, *more: str) -> Run:
    run = summariser(
        "brief", url, "--model", "none", "-q", "-f", "json", "--no-cache", *more,
        env={"SUMMARISER_FETCH_TIMEOUT": str(SLOW_SECONDS)},
    )  # fmt: skip
    check_run(run)
    return run


def briefed(run: Run, start: str = "Fire at Port Kessel") -> dict[str, object]:
    assert run.code == 0, run.stderr
    result: dict[str, object] = run.json()
    assert str(result["text"]).startswith(start), str(result["text"])[:100]
    return result


@case("fetch/article", "an article page", "briefed, with the page's URL (exit 0)")
def _article(web: str) -> None:
    brief_json = briefed(brief(f"{web}/article"))
    assert brief_json["provenance"]["url"] == f"{web}/article"  # type: ignore[index]


@case("fetch/upper-case-scheme", "`HTTP://127.0.0.1:…/article`", "fetched as a URL (exit 0)")
def _upper(web: str) -> None:
    briefed(brief(web.replace("http://", "HTTP://") + "/article"))


@case(
    "fetch/plain-text",
    "`text/plain; charset=windows-1252`",
    "decoded with its charset (exit 0)",
    garbling=True,
)
def _plain(web: str) -> None:
    briefed(brief(f"{web}/plain"), "Café owners in Lindholm said 12 shops closed")


@case("fetch/gzip", "a gzip-encoded page", "decoded and briefed (exit 0)")
def _gzip(web: str) -> None:
    briefed(brief(f"{web}/gzip"))


@case(
    "fetch/deflate", "a deflate-encoded page, zlib-wrapped and raw", "decoded and briefed (exit 0)"
)
def _deflate(web: str) -> None:
    briefed(brief(f"{web}/deflate"))
    briefed(brief(f"{web}/raw-deflate"))


@case(
    "fetch/gzip-bomb",
    "50 kB of gzip that inflates to 50 MB",
    "refused once 5 MB are decoded (exit 3), memory bounded",
)
def _bomb_case(web: str) -> None:
    refused(brief(f"{web}/gzip-bomb"), 3, "too large once decompressed")


@case("fetch/corrupt-gzip", "a gzip body that is not gzip", "refused: corrupt (exit 3)")
def _corrupt(web: str) -> None:
    refused(brief(f"{web}/corrupt-gzip"), 3, "the gzip body is corrupt")


@case("fetch/truncated-gzip", "a gzip body cut short", "refused: truncated (exit 3)")
def _truncated(web: str) -> None:
    refused(brief(f"{web}/truncated-gzip"), 3, "truncated")


@case(
    "fetch/unknown-encoding",
    "`Content-Encoding: br` (not asked for)",
    "refused: unsupported encoding (exit 3)",
)
def _brotli(web: str) -> None:
    refused(brief(f"{web}/brotli"), 3, "unsupported content encoding 'br'")


@case(
    "fetch/endless-chunks",
    "13 MB in chunks, with no length given",
    "refused at the 5 MB cap (exit 3)",
)
def _chunks(web: str) -> None:
    refused(brief(f"{web}/chunked-forever"), 3, "too large")


@case("fetch/declared-huge", "`Content-Length: 10000000`", "refused before reading (exit 3)")
def _declared(web: str) -> None:
    refused(brief(f"{web}/declared-huge"), 3, "too large (10,000,000 bytes")


@case(
    "fetch/short-body", "a body shorter than its `Content-Length`", "refused: cannot fetch (exit 3)"
)
def _short(web: str) -> None:
    refused(brief(f"{web}/short-body"), 3, "cannot fetch")


@case("fetch/not-found", "HTTP 404", "refused: not found (exit 3)")
def _missing(web: str) -> None:
    refused(brief(f"{web}/missing"), 3, "not found")


@case("fetch/server-error", "HTTP 500 and 403", "refused: names the status (exit 3)")
def _errors(web: str) -> None:
    refused(brief(f"{web}/broken"), 3, "HTTP 500")
    refused(brief(f"{web}/forbidden"), 3, "HTTP 403")


@case(
    "fetch/redirect-to-ftp",
    "a redirect to `ftp://`",
    "refused: only http and https are followed (exit 3)",
)
def _to_ftp(web: str) -> None:
    refused(brief(f"{web}/to-ftp"), 3, "redirected to ftp://", "only http and https are followed")


@case(
    "fetch/redirect-to-file", "a redirect to `file:///etc/passwd`", "refused, nothing read (exit 3)"
)
def _to_file(web: str) -> None:
    run = brief(f"{web}/to-file")
    refused(run, 3, "redirected to file:///etc/passwd")
    assert "root:" not in run.stderr


@case("fetch/redirect-to-data", "a redirect to a `data:` URL", "refused (exit 3)")
def _to_data(web: str) -> None:
    refused(brief(f"{web}/to-data"), 3, "only http and https are followed")


@case("fetch/redirect-loop", "a redirect to itself", "refused: too many redirects (exit 3)")
def _loop(web: str) -> None:
    refused(brief(f"{web}/loop"), 3, "too many redirects")


@case("fetch/redirect-relative", "a relative `Location:`", "followed, briefed (exit 0)")
def _relative(web: str) -> None:
    result = briefed(brief(f"{web}/relative"))
    assert result["provenance"]["url"] == f"{web}/article"  # type: ignore[index]


@case("fetch/image", "an `image/png` URL", "refused: not an article (exit 3)")
def _image(web: str) -> None:
    refused(brief(f"{web}/image"), 3, "not an article (content type image/png)")


@case("fetch/json", "an `application/json` URL", "refused: not an article (exit 3)")
def _json(web: str) -> None:
    refused(brief(f"{web}/json"), 3, "not an article (content type application/json)")


@case(
    "fetch/login-page", "a login page (password field, 19 words)", "refused: a login page (exit 3)"
)
def _login(web: str) -> None:
    refused(brief(f"{web}/login"), 3, "a login page", "--force")


@case(
    "fetch/search-page", "a search-results page (`/search?q=`)", "refused: a search page (exit 3)"
)
def _search(web: str) -> None:
    refused(brief(f"{web}/search?q=depot+fire"), 3, "a search page")


@case("fetch/one-word", "a one-word `text/plain` page", "refused: too short to brief (exit 3)")
def _one_word(web: str) -> None:
    refused(brief(f"{web}/one-word"), 3, "too short to brief")


@case(
    "fetch/slow-headers",
    "a server that sends its headers one byte every 0.1 s",
    "refused at the 2 s fetch deadline (exit 3)",
)
def _slow_headers(web: str) -> None:
    run = brief(f"{web}/slow-headers")
    refused(run, 3, f"timed out after {SLOW_SECONDS} s")
    assert run.seconds < SLOW_SECONDS + 3


@case(
    "fetch/slow-body",
    "a slow-loris body: one byte every 0.1 s",
    "refused at the 2 s fetch deadline (exit 3)",
)
def _slow_body(web: str) -> None:
    run = brief(f"{web}/slow-body")
    refused(run, 3, f"timed out after {SLOW_SECONDS} s")
    assert run.seconds < SLOW_SECONDS + 3


@case("fetch/silent", "a server that accepts and never answers", "refused at the deadline (exit 3)")
def _silent_case(web: str) -> None:
    run = brief(f"{web}/silent")
    refused(run, 3, "timed out")
    assert run.seconds < SLOW_SECONDS + 3


@case("fetch/refused", "a port nothing listens on", "refused: connection refused (exit 3)")
def _refused_case(web: str) -> None:
    refused(brief(f"http://127.0.0.1:{unused_port()}/article"), 3, "connection refused")


@case(
    "fetch/charset-lies",
    "a page sent as UTF-8 under `charset=iso-8859-1`",
    "read as UTF-8, exactly (exit 0)",
    garbling=True,
)
def _lies(web: str) -> None:
    run = brief(f"{web}/latin1-declared-utf8-sent")
    assert run.code == 0, run.stderr
    assert "Skier Sølvé Andersen said on day 0 that “we’re not leaving" in run.json()["text"]


@case(
    "fetch/credentials-in-url",
    "a URL with `user:password@` in it",
    "fetched; the password is in no output (exit 0)",
)
def _credentials(web: str) -> None:
    url = web.replace("http://", "http://reader:pa55word-secret@") + "/article"
    run = brief(url)
    briefed(run)
    assert "pa55word-secret" not in run.out and "pa55word-secret" not in run.stderr
    refused(brief(url.replace("/article", "/missing")), 3, "not found")


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_fetch_case(hostile: object, web: str) -> None:
    hostile.check(web)  # type: ignore[attr-defined]  # a Case


# In-process checks of the fetch itself


def test_a_fetch_ends_at_its_deadline_whatever_the_per_read_time_out(web: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out after 1 s"):
        fetch(f"{web}/slow-body", timeout=1)
    assert time.monotonic() - started < 2


def test_the_deadline_wraps_the_clients_network_backend() -> None:
    """The one private attribute we rely on: if a release of the HTTP library moves the
    pool's network backend, this fails instead of the deadlines silently going away."""
    client = http_client("http://127.0.0.1:9/", 5)
    try:
        backend = client._transport._pool._network_backend
        assert type(backend).__name__ == "_Backend"
    finally:
        client.close()


def test_nested_deadlines_keep_the_earlier_one() -> None:
    assert time_left() is None
    with deadline(10):
        with deadline(100):
            left = time_left()
            assert left is not None and left <= 10
        with deadline(1):
            left = time_left()
            assert left is not None and left <= 1
    assert time_left() is None


def test_a_url_fetch_keeps_the_final_url_and_refuses_non_articles_unless_forced(web: str) -> None:
    document = load_source(f"{web}/relative")
    assert document.meta.url == f"{web}/article"
    with pytest.raises(InputError, match="a login page"):
        load_source(f"{web}/login")
    assert "Sign in to keep reading" in load_source(f"{web}/login", force=True).text


def test_gzip_is_decoded_in_process(web: str, tmp_path: Path) -> None:
    page = fetch(f"{web}/gzip")
    assert page.data == PAGE and page.content_type == "text/html"
