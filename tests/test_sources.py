"""Inputs: saved HTML pages, URLs on a loopback server, encodings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summariser.errors import InputError
from summariser.input.documents import MAX_INPUT_BYTES
from summariser.input.sources import load_source
from tests.conftest import FIXTURES

PAGE = FIXTURES / "pages" / "harbour-fire.html"


def test_html_page_gives_main_text_and_metadata_without_comments() -> None:
    document = load_source(str(PAGE))
    assert document.text.startswith("Fire at Port Kessel fuel depot")
    assert "Mayor Ilse Brandt told reporters" in document.text
    assert "harbourwatcher" not in document.text and "40 people were hurt" not in document.text
    assert "Subscribe" not in document.text and "Privacy" not in document.text
    meta = document.meta
    assert (meta.site, meta.author, meta.date) == ("Northwind Wire", "Lena Vogt", "2026-03-12")
    assert meta.url == "https://northwind.example/2026/03/12/port-kessel-fire"


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article": (200, "text/html; charset=utf-8", PAGE.read_bytes()),
    "/plain": (
        200,
        "text/plain; charset=windows-1252",
        "Caf\u00e9 owners in Lindholm said 12 shops closed after the river flooded the "
        "old town on Monday.".encode("cp1252"),
    ),
    "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/huge": (200, "text/html", b"<html>" + b"x" * (MAX_INPUT_BYTES + 10)),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, kind, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            return  # the client stops reading the too-large page: a reset is expected

    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def test_url_of_an_article_is_fetched_and_extracted(server: str) -> None:
    document = load_source(f"{server}/article")
    assert document.text.startswith("Fire at Port Kessel")
    assert document.meta.url == f"{server}/article"


def test_plain_text_url_is_decoded_with_its_declared_charset(server: str) -> None:
    assert load_source(f"{server}/plain").text.startswith("Café owners")


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "not found"), ("/image", "not an article"), ("/huge", "too large")],
)
def test_url_failures_are_clear(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_source(f"{server}{path}")


def test_refused_connection_and_bad_scheme() -> None:
    with pytest.raises(InputError, match="connection refused"):
        load_source("http://127.0.0.1:9/article")
    with pytest.raises(InputError, match="only http and https"):
        from summariser.input.sources import fetch

        fetch("ftp://example.invalid/a")


def test_legacy_encoded_file_is_detected(tmp_path: object) -> None:
    from pathlib import Path

    text = (
        "Die Regierung in Zürich hat am Montag beschlossen, dass die Straßenbahn "
        "über den Fluß gebaut wird."
    )
    path = Path(str(tmp_path)) / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    assert load_source(str(path)).text == text


def test_comments_left_in_by_extraction_are_cut() -> None:
    from summariser.input.sources import from_html

    # Comments as plain paragraphs inside <article>: extraction keeps them.
    page = PAGE.read_text(encoding="utf-8").replace(
        "</article>",
        "<h2>Comments</h2><p>harbourwatcher: My cousin works there and says 40 people were "
        "hurt and the police are hiding it, which nobody else has reported so far.</p>"
        "</article>",
    )
    document = from_html(page, "inline-comments.html")
    assert "Nordtank said in a statement" in document.text
    assert "harbourwatcher" not in document.text and "40 people were hurt" not in document.text


def test_a_file_is_read_up_to_the_cap_whatever_stat_says(tmp_path: object) -> None:
    """/dev/zero has size 0: the cap is on what is read, and reading stops one byte past it."""
    with pytest.raises(InputError, match="larger than 5,000,000 bytes"):
        load_source("/dev/zero")


@pytest.mark.parametrize(
    ("spec", "message"),
    [("ftp://example.invalid/a", "only http and https"), ("file:///etc/passwd", "not file")],
)
def test_other_schemes_are_refused_not_read_as_paths(spec: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_source(spec)


def test_the_scheme_of_a_url_may_be_in_any_case(server: str) -> None:
    assert load_source(server.replace("http://", "HtTp://") + "/article").text.startswith("Fire")


def test_mojibake_is_repaired_only_where_it_round_trips() -> None:
    from summariser.input.decoding import repair_mojibake

    text, notes = repair_mojibake("weâ€™re in cafÃ© and ‚Äúquoted‚Äù")
    assert text == "we’re in café and “quoted”" and "mojibake" in notes[0]
    for honest in ("“CAFÉ” and «été»", "Ñ… and Ö’s", "SÃO PAULO", "plain ASCII"):
        assert repair_mojibake(honest) == (honest, ())


def test_a_legacy_encoding_is_named_and_an_ambiguous_guess_says_so() -> None:
    from summariser.input.decoding import decode_bytes

    english = "The skier Sølvé Andersen said the race was cancelled after heavy snow fell."
    decoded = decode_bytes(english.encode("latin-1"), "x")
    assert decoded.text == english
    assert decoded.notes == (
        "not UTF-8: read as Windows-1252 (detected); a guess: Windows-1250 would read "
        "'Sřlvé' where we read 'Sølvé'",
    )


def test_utf8_with_a_few_bad_bytes_stays_utf8() -> None:
    from summariser.input.decoding import decode_bytes

    good = "“We’re here,” said the mayor of Zürich. " * 4
    decoded = decode_bytes(good.encode() + b"\xff" + good.encode(), "x")
    assert decoded.text == good + "\ufffd" + good
    assert decoded.notes[0].startswith("1 invalid UTF-8 byte sequence read as U+FFFD")
