"""Hostile inputs on this machine: files, standard input, FIFOs, devices, encodings,
pages that are not articles, output paths and settings. Part of the corpus
(``test_hostile_corpus.py``): each case is one or more runs of the command line.

No model and no network: ``--model none``. The texts are written for these tests.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import FIXTURES, SEED
from tests.test_hostile_corpus import Corpus, Run, check_run, refused, summariser

CORPUS = Corpus("inputs")
case = CORPUS.case

ARTICLE = (FIXTURES / "articles" / "harbour-fire.txt").read_text(encoding="utf-8")
# A story with letters outside ASCII, for the encodings (written for these tests).
ACCENTED = (
    "Skier Sølvé Andersen said on Tuesday that “we’re not leaving the valley” after "
    "heavy snow closed the pass above Tromsø.\n\n"
    "The café owner Zoë Müller told reporters that 12 shops had shut and that the "
    "road would reopen “in a week – maybe two”.\n"
)
CZECH = (
    "Předseda vlády řekl, že ministerstvo připraví nový zákon o daních. Příští týden se "
    "sejde sněmovna a poslanci budou hlasovat o rozpočtu na příští rok.\n"
)
RUSSIAN = (
    "Министр обороны заявил, что войска продолжат наступление. По его словам, потери "
    "противника составили 70 человек, а армия заняла две высоты.\n"
)
JAPANESE = "政府は月曜日、新しい法律を発表した。首相は記者会見で、経済対策を強化すると述べた。\n"


def brief(path: Path | str, *more: str, **options: object) -> Run:
    """``summariser brief PATH --model none`` as JSON, checked like every corpus run."""
    run = summariser(
        "brief", str(path), "--model", "none", "-q", "-f", "json", "--no-cache", *more,
        **options,  # type: ignore[arg-type]  # summariser()'s keyword options
    )  # fmt: skip
    check_run(run)
    return run


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def text_of(run: Run) -> str:
    assert run.code == 0, run.stderr
    text: str = run.json()["text"]
    return text


def warned(run: Run, fragment: str) -> None:
    """The warning is on stderr and in the brief's warnings."""
    assert any(fragment in line for line in run.warnings), run.stderr
    reasons = [w["reason"] for w in run.json()["warnings"] if w["item"] == "text"]
    assert any(fragment in reason for reason in reasons), reasons


# Files and devices


@case("input/empty-file", "an empty file", "refused: the article is empty (exit 3)")
def _empty(tmp: Path) -> None:
    refused(brief(write(tmp, "a.txt", b"")), 3, "empty")


@case("input/blank-lines", "a file of blank lines and spaces", "refused: empty (exit 3)")
def _blank(tmp: Path) -> None:
    refused(brief(write(tmp, "a.txt", "  \n\n\t \n")), 3, "empty")


@case("input/one-word", "a file of one word", "refused: not an article, too short (exit 3)")
def _one_word(tmp: Path) -> None:
    refused(brief(write(tmp, "a.txt", "Hello\n")), 3, "not an article (too short", "--force")


@case("input/one-word-forced", "a file of one word, with --force", "briefed (exit 0)")
def _one_word_forced(tmp: Path) -> None:
    assert text_of(brief(write(tmp, "a.txt", "Hello\n"), "--force")) == "Hello\n"


@case("input/nul-bytes", "text with NUL bytes in it", "refused: looks binary (exit 3)")
def _nul(tmp: Path) -> None:
    refused(brief(write(tmp, "a.txt", ARTICLE.encode() + b"\x00\x00rest")), 3, "binary")


@case("input/png-image", "a PNG image named .txt", "refused: looks binary (exit 3)")
def _png(tmp: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    refused(brief(write(tmp, "photo.txt", data)), 3, "binary")


@case("input/random-bytes", "64 kB of random bytes", "refused: looks binary (exit 3)")
def _random(tmp: Path) -> None:
    import random

    data = random.Random(12).randbytes(65_536)
    refused(brief(write(tmp, "noise.txt", data)), 3, "binary")


@case(
    "input/control-characters",
    "text salted with control characters (no NUL)",
    "refused: looks binary, control characters (exit 3)",
)
def _controls(tmp: Path) -> None:
    salted = "".join(ch + ("\x07\x1b\x01" if n % 9 == 0 else "") for n, ch in enumerate(ARTICLE))
    refused(brief(write(tmp, "a.txt", salted)), 3, "control characters")


@case(
    "input/dev-zero", "`/dev/zero` (endless NUL bytes, size 0)", "refused at the 5 MB cap (exit 3)"
)
def _dev_zero(tmp: Path) -> None:
    refused(brief("/dev/zero"), 3, "larger than 5,000,000 bytes")


@case(
    "input/dev-urandom", "`/dev/urandom` (endless random bytes)", "refused at the 5 MB cap (exit 3)"
)
def _dev_urandom(tmp: Path) -> None:
    refused(brief("/dev/urandom"), 3, "larger than 5,000,000 bytes")


@case("input/dev-null", "`/dev/null`", "refused: empty (exit 3)")
def _dev_null(tmp: Path) -> None:
    refused(brief("/dev/null"), 3, "empty")


@case("input/directory", "a directory as ARTICLE", "refused: is a directory (exit 3)")
def _directory(tmp: Path) -> None:
    refused(brief(tmp), 3, "is a directory")


@case("input/missing-file", "a path that does not exist", "refused: no such file (exit 3)")
def _missing(tmp: Path) -> None:
    refused(brief(tmp / "nope.txt"), 3, "no such file")


@case("input/dangling-symlink", "a symbolic link to nothing", "refused: no such file (exit 3)")
def _dangling(tmp: Path) -> None:
    link = tmp / "link.txt"
    link.symlink_to(tmp / "gone.txt")
    refused(brief(link), 3, "no such file")


@case(
    "input/unreadable-file",
    "a file without read permission",
    "refused: cannot read, permission denied (exit 3)",
)
def _unreadable(tmp: Path) -> None:
    path = write(tmp, "a.txt", ARTICLE)
    path.chmod(0)
    refused(brief(path, unprivileged=True), 3, "cannot read (Permission denied)")


@case("input/over-cap-file", "a 6 MB text file", "refused at the 5 MB cap (exit 3)")
def _over_cap(tmp: Path) -> None:
    refused(brief(write(tmp, "big.txt", ARTICLE * (6_000_000 // len(ARTICLE)))), 3, "larger than")


@case(
    "input/too-long-text",
    "a 3 MB text of real sentences (under the byte cap)",
    "refused: too long to brief, 100,000 characters at most (exit 3)",
)
def _too_long(tmp: Path) -> None:
    path = write(tmp, "long.txt", (ARTICLE + "\n") * (3_000_000 // len(ARTICLE)))
    refused(brief(path), 3, "too long to brief", "100,000")


@case(
    "input/wall-of-words",
    "90 kB of `x x x ...`: no sentence ends",
    "refused: not prose, a sentence of 90,000 characters (exit 3)",
)
def _wall(tmp: Path) -> None:
    refused(brief(write(tmp, "wall.txt", "x " * 45_000)), 3, "not prose")


@case(
    "input/one-long-token",
    "50 kB on one line with no space",
    "refused: not an article, one word (exit 3)",
)
def _long_token(tmp: Path) -> None:
    refused(brief(write(tmp, "line.txt", "a" * 50_000)), 3, "too short to brief: 1 word")


# Standard input and FIFOs


def _endless(pipe: IO[bytes]) -> None:
    """``yes x``: writes until the reader goes away."""
    line = b"x\n" * 4096
    while True:
        pipe.write(line)


@case(
    "input/stdin-endless",
    "`yes x | summariser brief -`: endless standard input",
    "refused at the 5 MB cap (exit 3)",
)
def _stdin_endless(tmp: Path) -> None:
    refused(brief("-", stdin=_endless), 3, "<stdin>: the input is larger than 5,000,000 bytes")


@case("input/stdin-closed", "standard input closed (`<&-`)", "refused: no standard input (exit 3)")
def _stdin_closed(tmp: Path) -> None:
    refused(brief("-", shell_prefix="exec <&-;"), 3, "no standard input")


@case("input/stdin-article", "an article piped in", "briefed (exit 0)", garbling=True)
def _stdin_article(tmp: Path) -> None:
    assert text_of(brief("-", stdin=ACCENTED.encode())) == ACCENTED


def _fifo(tmp: Path, writer: object) -> Path:
    path = tmp / "pipe.txt"
    os.mkfifo(path)

    def feed() -> None:
        try:
            with path.open("wb") as pipe:
                writer(pipe)  # type: ignore[operator]  # a producer of bytes
        except OSError:
            return  # the reader stopped reading

    threading.Thread(target=feed, daemon=True).start()
    return path


@case("input/fifo-article", "a FIFO a writer sends an article through", "briefed (exit 0)")
def _fifo_article(tmp: Path) -> None:
    path = _fifo(tmp, lambda pipe: pipe.write(ARTICLE.encode()))
    assert text_of(brief(path)) == ARTICLE


@case("input/fifo-endless", "a FIFO with an endless writer", "refused at the 5 MB cap (exit 3)")
def _fifo_endless(tmp: Path) -> None:
    refused(brief(_fifo(tmp, _endless)), 3, "larger than 5,000,000 bytes")


# Encodings: every case checks the text, character for character


@case(
    "encoding/utf8-one-bad-byte",
    "UTF-8 with curly quotes and one invalid byte",
    "briefed as UTF-8: the bad byte is U+FFFD, with a warning; nothing else changes",
    garbling=True,
)
def _utf8_bad_byte(tmp: Path) -> None:
    data = ACCENTED.encode("utf-8")
    cut = data.index(b"Troms")
    run = brief(write(tmp, "a.txt", data[:cut] + b"\xff" + data[cut:]))
    assert (
        text_of(run)
        == ACCENTED[: ACCENTED.index("Troms")] + "\ufffd" + ACCENTED[ACCENTED.index("Troms") :]
    )
    warned(run, "1 invalid UTF-8 byte sequence read as U+FFFD")


@case(
    "encoding/latin1-name",
    "ISO-8859-1 text naming “Sølvé” (the detector's first guess reads “Sřlvé”)",
    "read as Windows-1252, exactly, with a warning naming the encoding and the other guess",
    garbling=True,
)
def _latin1(tmp: Path) -> None:
    text = ACCENTED.replace("“", '"').replace("”", '"').replace("’", "'").replace("–", "-")
    run = brief(write(tmp, "a.txt", text.encode("latin-1")))
    assert text_of(run) == text
    warned(run, "not UTF-8: read as Windows-1252")


@case(
    "encoding/cp1252-quotes",
    "Windows-1252 text with curly quotes and dashes",
    "read exactly, with a warning naming the encoding",
    garbling=True,
)
def _cp1252(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", ACCENTED.encode("cp1252")))
    assert text_of(run) == ACCENTED
    warned(run, "read as Windows-1252")


@case(
    "encoding/cp1250-czech",
    "Czech in Windows-1250",
    "read exactly, with a warning naming the encoding",
    garbling=True,
)
def _czech(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", CZECH.encode("cp1250")), "--force")
    assert text_of(run) == CZECH
    warned(run, "read as Windows-1250")


@case(
    "encoding/cp1251-russian",
    "Russian in Windows-1251",
    "read exactly, with a warning naming the encoding",
    garbling=True,
)
def _russian(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", RUSSIAN.encode("cp1251")))
    assert text_of(run) == RUSSIAN
    warned(run, "read as Windows-1251")


@case(
    "encoding/shift-jis",
    "Japanese in Shift JIS",
    "read exactly, with a warning naming the encoding",
    garbling=True,
)
def _shift_jis(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", JAPANESE.encode("shift_jis")), "--force")
    assert text_of(run) == JAPANESE
    warned(run, "not UTF-8: read as")


@case("encoding/utf16-bom", "UTF-16 with a byte-order mark", "read exactly (exit 0)", garbling=True)
def _utf16(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", ACCENTED.encode("utf-16")))
    assert text_of(run) == ACCENTED and not run.warnings


@case(
    "encoding/utf16-no-bom",
    "UTF-16LE with no byte-order mark (every other byte zero)",
    "read exactly, with a warning",
    garbling=True,
)
def _utf16_no_bom(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", ACCENTED.encode("utf-16-le")))
    assert text_of(run) == ACCENTED
    warned(run, "no byte-order mark: read as UTF-16-LE")


@case(
    "encoding/utf8-bom",
    "UTF-8 with a byte-order mark",
    "read exactly, the mark dropped",
    garbling=True,
)
def _utf8_bom(tmp: Path) -> None:
    run = brief(write(tmp, "a.txt", b"\xef\xbb\xbf" + ACCENTED.encode()))
    assert text_of(run) == ACCENTED and not run.warnings


@case(
    "encoding/mojibake",
    "UTF-8 that was once read as Windows-1252 and saved again (“weâ€™re”)",
    "repaired to the original text, with a warning",
    garbling=True,
)
def _mojibake(tmp: Path) -> None:
    garbled = "".join(_as_browsers_read_cp1252(byte) for byte in ACCENTED.encode("utf-8"))
    assert "â€™" in garbled
    run = brief(write(tmp, "a.txt", garbled))
    assert text_of(run) == ACCENTED
    warned(run, "garbled text (mojibake) repaired")


def _as_browsers_read_cp1252(byte: int) -> str:
    """One byte as a browser reads Windows-1252: its undefined bytes as C1 controls."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@case(
    "encoding/mojibake-mac",
    "UTF-8 once read as Mac Roman (“‚Äúwe‚Äôre”)",
    "repaired to the original text, with a warning",
    garbling=True,
)
def _mojibake_mac(tmp: Path) -> None:
    text = ARTICLE.replace("'", "’")
    garbled = text.encode("utf-8").decode("mac_roman")
    assert "‚Äô" in garbled
    run = brief(write(tmp, "a.txt", garbled))
    assert text_of(run) == text
    warned(run, "mojibake")


@case(
    "encoding/mixed-utf8-and-latin1",
    "mostly UTF-8, with one line pasted in ISO-8859-1",
    "read as UTF-8: the Latin-1 bytes are U+FFFD, with a warning; no mojibake",
    garbling=True,
)
def _mixed(tmp: Path) -> None:
    data = (ACCENTED * 3).encode("utf-8") + "Café owners in Zürich agreed.\n".encode("latin-1")
    run = brief(write(tmp, "a.txt", data))
    text = text_of(run)
    assert text.startswith(ACCENTED * 3) and text.endswith(
        "Caf\ufffd owners in Z\ufffdrich agreed.\n"
    )
    warned(run, "2 invalid UTF-8 byte sequences read as U+FFFD")


@case(
    "encoding/html-declared-charset",
    "a saved page in Windows-1252 that says so in `<meta charset>`",
    "read exactly (exit 0)",
    garbling=True,
)
def _html_charset(tmp: Path) -> None:
    page = _page(ACCENTED * 3, head='<meta charset="windows-1252">')
    run = brief(write(tmp, "a.html", page.encode("cp1252")))
    assert "Sølvé Andersen said on Tuesday that “we’re not leaving" in text_of(run)
    assert "mojibake" not in run.stderr


@case(
    "encoding/html-charset-lies",
    "a saved page in UTF-8 whose `<meta>` says ISO-8859-1",
    "read as UTF-8, exactly (exit 0)",
    garbling=True,
)
def _html_lies(tmp: Path) -> None:
    page = _page(
        ACCENTED * 3,
        head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    )
    run = brief(write(tmp, "a.html", page.encode("utf-8")))
    assert "Sølvé Andersen said on Tuesday that “we’re not leaving" in text_of(run)


# Pages that are not articles


def _page(body: str, *, title: str = "Port Kessel depot fire", head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (
        f"<!doctype html><html><head>{head}<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


LOGIN = (
    "<!doctype html><html><head><title>Log in | Northwind Wire</title></head><body>"
    "<form><h1>Log in</h1><p>Welcome back. Log in to read the rest of this story and all of "
    "our journalism, or subscribe for a year.</p><input type=email name=user>"
    "<input type=password name=pw><button>Log in</button></form></body></html>"
)


@case(
    "page/login",
    "a saved login page (a password field, 20 words)",
    "refused: a login page (exit 3)",
)
def _login(tmp: Path) -> None:
    refused(brief(write(tmp, "login.html", LOGIN)), 3, "not an article (a login page")


@case(
    "page/login-forced",
    "the same login page, with --force",
    "briefed from the page's text (exit 0)",
)
def _login_forced(tmp: Path) -> None:
    assert "Welcome back" in text_of(brief(write(tmp, "login.html", LOGIN), "--force"))


@case("page/search", "a saved search-results page", "refused: a search page (exit 3)")
def _search(tmp: Path) -> None:
    results = "\n".join(f"Depot fire, result {n}: a short snippet of a story." for n in range(6))
    page = _page(results, title="Search results for depot fire")
    refused(brief(write(tmp, "search.html", page)), 3, "not an article (a search page")


@case(
    "page/menu-only",
    "a page of menus and a footer, no story",
    "refused: too short to brief (exit 3)",
)
def _menu(tmp: Path) -> None:
    page = (
        "<html><body><nav><a href=/>Home</a><a href=/w>World</a></nav>"
        "<footer>© 2026</footer></body></html>"
    )
    refused(brief(write(tmp, "menu.html", page)), 3, "not an article (too short to brief")


@case("page/script-only", "a page that is only scripts", "refused: too short to brief (exit 3)")
def _script(tmp: Path) -> None:
    page = "<html><head><script>" + "var x = 1;\n" * 2000 + "</script></head><body></body></html>"
    refused(brief(write(tmp, "app.html", page)), 3, "not an article")


@case(
    "page/deep-nesting",
    "a story inside 20,000 nested `<div>`s",
    "refused: no main text found (exit 3), in bounded time and memory",
)
def _deep(tmp: Path) -> None:
    page = "<html><body>" + "<div>" * 20_000 + _page(ARTICLE) + "</div>" * 20_000 + "</body></html>"
    refused(brief(write(tmp, "deep.html", page)), 3, "not an article")


@case("url/ftp-scheme", "an `ftp://` URL as ARTICLE", "refused: only http and https (exit 3)")
def _ftp(tmp: Path) -> None:
    refused(brief("ftp://127.0.0.1/story.txt"), 3, "only http and https URLs are supported")


@case(
    "url/file-scheme",
    "a `file:///etc/passwd` URL as ARTICLE",
    "refused: only http and https (exit 3)",
)
def _file_url(tmp: Path) -> None:
    refused(brief("file:///etc/passwd"), 3, "only http and https URLs are supported")


# Output paths: checked before any work


def _fast_refusal(run: Run) -> None:
    """Refused before the article was parsed: no NLP model was loaded."""
    assert run.rss_mb < 100, run.rss_mb


@case(
    "output/missing-directory",
    "`-o` in a directory that does not exist",
    "refused before any work (exit 3)",
)
def _out_missing(tmp: Path) -> None:
    run = brief(SEED, "-o", str(tmp / "no" / "such" / "b.json"))
    refused(run, 3, "cannot write it: no directory")
    _fast_refusal(run)


@case("output/is-directory", "`-o` naming a directory", "refused before any work (exit 3)")
def _out_dir(tmp: Path) -> None:
    run = brief(SEED, "-o", str(tmp))
    refused(run, 3, "is a directory")
    _fast_refusal(run)


@case("output/read-only", "`-o` naming a read-only file", "refused before any work (exit 3)")
def _out_read_only(tmp: Path) -> None:
    target = write(tmp, "b.json", "{}")
    target.chmod(0o444)
    run = brief(SEED, "-o", str(target), unprivileged=True)
    refused(run, 3, "cannot write it (permission denied)")
    _fast_refusal(run)
    assert target.read_text(encoding="utf-8") == "{}"


@case(
    "output/disk-full", "standard output on a full disk (`> /dev/full`)", "one error line (exit 3)"
)
def _disk_full(tmp: Path) -> None:
    run = brief(SEED, shell_prefix="exec >/dev/full;")
    assert (
        run.code == 3
        and "cannot write to standard output (No space left on device)" in run.error_line
    )


@case(
    "output/reader-gone",
    "standard output that nobody reads any more (`| true`, `| head`)",
    "stops quietly: no traceback, no error line (exit 141, as for SIGPIPE)",
)
def _reader_gone(tmp: Path) -> None:
    run = brief(SEED, reader_gone=True)
    assert run.code == 141 and run.stderr == "", run.stderr
    items = write(tmp, "items.jsonl", '{"id": "a", "text": ' + json.dumps(ARTICLE) + "}\n")
    listed = summariser("batch", str(items), "-o", "-", "-q", "--model", "none", reader_gone=True)
    check_run(listed)
    assert listed.code == 141 and listed.stderr == "", listed.stderr


# Settings


@case("config/not-toml", "a config file that is not TOML", "refused: not valid TOML (exit 4)")
def _not_toml(tmp: Path) -> None:
    config = write(tmp, "config.toml", "model = [unclosed\n")
    refused(brief(SEED, env={"SUMMARISER_CONFIG": str(config)}), 4, "not valid TOML")


@case(
    "config/key-in-file",
    "an API key written in the config file",
    "refused: keys do not go there (exit 4)",
)
def _key_in_file(tmp: Path) -> None:
    config = write(tmp, "config.toml", 'api_key = "sk-' + 'test-0123456789abcdefghij"\n')
    run = brief(SEED, env={"SUMMARISER_CONFIG": str(config)})
    refused(run, 4, "do not store keys in the config file")
    assert "sk-test" not in run.stderr


@case("config/timeout-words", "`SUMMARISER_TIMEOUT=soon`", "refused: bad number (exit 4)")
def _timeout_words(tmp: Path) -> None:
    refused(brief(SEED, env={"SUMMARISER_TIMEOUT": "soon"}), 4, "bad number")


@case(
    "config/timeout-zero", "`--timeout 0` and `--timeout nan`", "refused: must be above 0 (exit 4)"
)
def _timeout_zero(tmp: Path) -> None:
    refused(brief(SEED, "--timeout", "0"), 4, "timeout must be a number of seconds above 0")
    refused(brief(SEED, "--timeout", "nan"), 4, "timeout must be a number of seconds above 0")


@case("config/log-level", "`SUMMARISER_LOG=loud`", "refused: names the levels (exit 4)")
def _log_level(tmp: Path) -> None:
    refused(brief(SEED, env={"SUMMARISER_LOG": "loud"}), 4, "use one of DEBUG")


@case(
    "config/base-url-no-scheme",
    "`--base-url localhost:8080/v1`",
    "refused, suggesting http:// (exit 4)",
)
def _no_scheme(tmp: Path) -> None:
    run = summariser("brief", str(SEED), "-q", "--model", "m", "--base-url", "localhost:8080/v1")
    check_run(run)
    refused(run, 4, "did you mean 'http://localhost:8080/v1'")


@pytest.mark.parametrize("hostile", CORPUS.params())
def test_hostile_input(hostile: object, tmp_path: Path) -> None:
    started = time.monotonic()
    hostile.check(tmp_path)  # type: ignore[attr-defined]  # a Case
    assert time.monotonic() - started < 120


# How the text was read reaches every entry point, once


def _bad_byte_article(tmp: Path) -> Path:
    data = ACCENTED.encode("utf-8")
    cut = data.index(b"Troms")
    return write(tmp, "bad-byte.txt", data[:cut] + b"\xff" + data[cut:])


BAD_BYTE_NOTE = "1 invalid UTF-8 byte sequence read as U+FFFD"


def _noted(warnings: list[dict[str, str]]) -> int:
    return sum(w["item"] == "text" and BAD_BYTE_NOTE in w["reason"] for w in warnings)


def test_the_library_keeps_how_the_text_was_read_in_the_warnings_once(tmp_path: Path) -> None:
    from summariser import Summariser, load_settings, load_source, summarise

    document = load_source(str(_bad_byte_article(tmp_path)))
    assert any(BAD_BYTE_NOTE in note for note in document.notes)
    briefed = summarise(document, model="none")
    with Summariser(load_settings(model="none")) as reusable:
        again = reusable.brief(document)
    for brief_ in (briefed, again):
        assert _noted([w.model_dump(mode="json") for w in brief_.warnings]) == 1
    # plain text has no notes, so nothing is added
    assert not any(w.item == "text" for w in summarise(ARTICLE, model="none").warnings)


def test_brief_and_batch_show_how_the_text_was_read_once_from_the_model_and_the_cache(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from summariser.cli.app import app
    from tests.fake_openai import fake_openai
    from tests.synthetic import synthetic_responder

    article = _bad_byte_article(tmp_path)
    with fake_openai(responder=synthetic_responder) as server:
        model = ["--model", "m", "--base-url", server.url, "--mode", "json_schema", "-q"]
        for attempt in ("model", "cache"):
            result = CliRunner().invoke(app, ["brief", str(article), *model, "-f", "json"])
            assert result.exit_code == 0, result.output
            brief_ = json.loads(result.stdout)
            assert _noted(brief_["warnings"]) == 1, (attempt, brief_["warnings"])
            assert brief_["meta"]["usage"]["cached"] is (attempt == "cache")
            assert result.stderr.count(BAD_BYTE_NOTE) == 1, result.stderr
        for attempt in ("model", "cache"):
            out = tmp_path / f"{attempt}.jsonl"
            fresh = ["--no-cache"] if attempt == "model" else []
            command = ["batch", str(article), "-o", str(out), *model, *fresh]
            result = CliRunner().invoke(app, command)
            assert result.exit_code == 0, result.output
            (line,) = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
            assert line["ok"] and _noted(line["brief"]["warnings"]) == 1, line
            assert line["brief"]["meta"]["usage"]["cached"] is (attempt == "cache")
        assert len(server.requests) == 2  # the brief, then the batch with --no-cache
