"""Bytes → text, never silently garbled.

The order: a byte-order mark; strict UTF-8; the charset the server or the page
declared; UTF-8 again when it holds for most of the text (the few bad bytes become
U+FFFD, with a note); only when UTF-8 fails broadly, a legacy encoding detected by
charset-normalizer, with a note naming it (and saying when the guess is ambiguous).
Whatever the route, text that reads as UTF-8 decoded in a Western legacy encoding
(mojibake: "â€™" for "’") is repaired where it round-trips exactly, with a note.
Bytes that make no sensible text in any encoding are refused.

Every note is one line a person can act on; the CLI prints them as warnings and puts
them in the brief's warnings.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from summariser.errors import InputError

MAX_CHAOS = 0.2  # charset-normalizer's mess ratio above which we refuse the guess
MIN_DETECT_BYTES = 64  # below this, guessing an encoding is a coin toss: refuse instead
TIE = 0.02  # candidates this close in mess ratio are equally good guesses
MAX_CONTROL_RATIO = 0.01  # more control characters than this is not text
REPLACEMENT = "\ufffd"
# Encodings news is commonly written in: preferred over rare look-alikes when the
# detector scores them equally (ISO 8859-2 over ISO 8859-10 for Polish, say).
COMMON = (
    "cp1252", "latin_1", "iso8859_15", "utf_8", "cp1250", "iso8859_2", "cp1251", "koi8_r",
    "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "cp1257", "iso8859_13", "mac_roman", "cp932", "shift_jis",
    "euc_jp", "iso2022_jp", "gb18030", "gb2312", "gbk", "big5", "euc_kr", "cp949",
)  # fmt: skip


@dataclass(frozen=True)
class Decoded:
    """The text, and what a reader should know about how it was read."""

    text: str
    notes: tuple[str, ...] = ()


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` (see the module's docstring); raise :class:`InputError` when no
    encoding gives sensible text."""
    notes: list[str] = []
    text = _by_bom(data, notes)
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data, notes)
    if text is None:
        if b"\x00" in data:
            raise InputError(f"{source}: the input looks binary (it contains NUL bytes)")
        text = _decoded(data, source, declared, notes)
    text, repaired = repair_mojibake(text)
    _refuse_control_characters(text, source)
    return Decoded(text, (*notes, *repaired))


def _by_bom(data: bytes, notes: list[str]) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            bad = text.count(REPLACEMENT) - _literal_replacements(data, encoding)
            if bad > 0:
                notes.append(_replaced_note(bad, encoding.upper().replace("-SIG", "")))
            return text
    return None


def _utf16_without_bom(data: bytes, notes: list[str]) -> str | None:
    """Mostly Latin text in UTF-16 with no byte-order mark: every other byte is zero."""
    if len(data) < 16 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.9 and zeros_even < 0.05:
        encoding = "utf-16-le"
    elif zeros_even > 0.9 and zeros_odd < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    text = data.decode(encoding, errors="replace")
    notes.append(f"no byte-order mark: read as {encoding.upper()} (every other byte is zero)")
    return text


def _literal_replacements(data: bytes, encoding: str) -> int:
    """U+FFFD characters the input itself holds (not decoding errors)."""
    try:
        return data.decode(encoding).count(REPLACEMENT)
    except UnicodeDecodeError:
        if encoding.startswith("utf-8"):
            return data.count(REPLACEMENT.encode("utf-8"))
        return 0


def _replaced_note(count: int, encoding: str, first: int | None = None) -> str:
    where = f", the first at byte {first:,}" if first is not None else ""
    plural = "s" if count != 1 else ""
    return (
        f"{count} invalid {encoding} byte sequence{plural} read as U+FFFD (\ufffd){where}; "
        "the rest of the text is unchanged"
    )


def _decoded(data: bytes, source: str, declared: str | None, notes: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    charset = _known_charset(declared)
    if charset is not None and charset != "utf_8":
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            notes.append(f"the declared charset {declared} does not fit the bytes; ignored")
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    ascii_chars = len(text.encode("ascii", errors="ignore"))
    good_multibyte = len(text) - ascii_chars - text.count(REPLACEMENT)
    if good_multibyte >= max(1, bad):  # UTF-8 holds for most of the text
        notes.append(_replaced_note(bad, "UTF-8", first_bad))
        return text
    return _legacy(data, source, notes)


def _known_charset(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None


def _legacy(data: bytes, source: str, notes: list[str]) -> str:
    """A legacy encoding, detected; refused when no guess makes sensible text."""
    from charset_normalizer import from_bytes

    refused = InputError(f"{source}: the input is not valid text in any encoding we can detect")
    if len(data) < MIN_DETECT_BYTES:
        raise refused
    results = list(from_bytes(data))
    if not results:
        raise refused
    least = min(match.chaos for match in results)
    if least > MAX_CHAOS:
        raise refused
    tied = [match for match in results if match.chaos <= least + TIE]
    order = {id(match): n for n, match in enumerate(tied)}  # the detector's own order
    tied.sort(key=lambda m: (-round(m.coherence, 2), _rare(m.encoding), order[id(m)]))
    texts = {match.encoding: str(match) for match in tied}
    chosen = tied[0].encoding
    western = _western(data)
    tied_western = western in texts.values() and _mostly_ascii_letters(texts[chosen])
    if western is not None and (western == texts[chosen] or tied_western):
        # English copy with a few foreign names: Western European by far most often
        # ("Sølvé", not the Central European "Sřlvé" a tie may pick).
        chosen, texts[chosen] = "cp1252", western
    text = texts[chosen]
    note = f"not UTF-8: read as {_label(chosen)} (detected)"
    others = [name for name, other in texts.items() if other != text]
    if others:
        word, other_word = _first_difference(text, texts[others[0]])
        note += f"; a guess: {_label(others[0])} would read {other_word!r} where we read {word!r}"
    notes.append(note)
    return text


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 when that is clean text (no undefined bytes, no C1 controls)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if any("\x80" <= ch <= "\x9f" for ch in text) else text


def _mostly_ascii_letters(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    foreign = sum(1 for ch in letters if ch > "\x7f")
    return foreign <= 0.08 * len(letters)


def _rare(encoding: str) -> bool:
    return encoding.lower().replace("-", "_") not in COMMON


def _label(encoding: str) -> str:
    names = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1251": "Windows-1251",
             "latin_1": "ISO-8859-1", "mac_roman": "Mac Roman"}  # fmt: skip
    return names.get(encoding, encoding.replace("_", "-").upper())


_WORD = re.compile(r"\S+")


def _first_difference(one: str, other: str) -> tuple[str, str]:
    """The first word that two readings of the same bytes spell differently."""
    for word, other_word in zip(_WORD.findall(one), _WORD.findall(other), strict=False):
        if word != other_word:
            return word[:40], other_word[:40]
    return one[:40], other[:40]


def _refuse_control_characters(text: str, source: str) -> None:
    controls = sum(
        1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
    )
    if controls > MAX_CONTROL_RATIO * len(text) + 2:
        raise InputError(
            f"{source}: the input looks binary ({controls:,} control characters); it is not text"
        )


# Mojibake: UTF-8 bytes read in a Western legacy encoding. A run is repaired only when
# it encodes back to well-formed UTF-8 in the scripts news is written in, so text that
# merely holds an accented capital and a quote ("CAFÉ”") stays. A Latin letter, a
# punctuation mark or a CJK character may stand alone; Greek, Cyrillic, Hebrew and
# Arabic come as words, so a lone one ("Ñ…" would be "х") is left as it is.
_ALONE = (
    (0x00A0, 0x017F),  # Latin-1 supplement and Latin Extended-A
    (0x0218, 0x021B),  # Romanian S and T with comma
    (0x2010, 0x206F),  # dashes, quotes, ellipsis, bullets
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x214F),  # letter-like symbols (™, №)
    (0x3040, 0x30FF),  # kana
    (0x4E00, 0x9FFF),  # CJK ideographs
    (0xAC00, 0xD7A3),  # Hangul
)
_IN_WORDS = (
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x05D0, 0x05EA),  # Hebrew letters
    (0x0621, 0x064A),  # Arabic letters
)
# Which lead bytes each legacy reading may repair: Mac Roman only the common ones
# (¬ √ ‚), since its other lead characters ("«", "…") begin ordinary French text.
_LEADS = {
    "cp1252": bytes(range(0xC2, 0xF5)),
    "latin_1": bytes(range(0xC2, 0xF5)),
    "mac_roman": b"\xc2\xc3\xe2",
}


@cache
def _byte_map(codec: str) -> dict[str, int]:
    """Each character of a single-byte ``codec`` and its byte. Windows-1252 as browsers
    read it: its five undefined bytes come through as the C1 controls of the same value."""
    found: dict[str, int] = {}
    for value in range(0x80, 0x100):
        try:
            found[bytes([value]).decode(codec)] = value
        except UnicodeDecodeError:
            found[chr(value)] = value
    return found


@cache
def _mojibake_pattern(codec: str) -> re.Pattern[str]:
    by_byte = {value: char for char, value in _byte_map(codec).items()}

    def chars(low: int, high: int, allowed: bytes) -> str:
        return re.escape("".join(by_byte[b] for b in range(low, high) if b in allowed))

    leads = _LEADS[codec]
    tail = chars(0x80, 0xC0, bytes(range(0x80, 0xC0)))
    parts = [
        (chars(0xC2, 0xE0, leads), ""),
        (chars(0xE0, 0xF0, leads), "{2}"),
        (chars(0xF0, 0xF5, leads), "{3}"),
    ]
    one = "|".join(f"[{lead}][{tail}]{count}" for lead, count in parts if lead)
    return re.compile(f"(?:{one})+")  # a run of garbled characters, repaired together


def _as_bytes(garbled: str, codec: str) -> bytes:
    mapping = _byte_map(codec)
    return bytes(mapping[char] for char in garbled)


def _plausible(fixed: str) -> bool:
    def within(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
        return any(low <= ord(char) <= high for low, high in ranges)

    alone = all(within(char, _ALONE) for char in fixed)
    in_words = len(fixed) >= 2 and all(within(c, _ALONE + _IN_WORDS) for c in fixed)
    return alone or in_words


def repair_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with mojibake runs repaired, and a note when there were any."""
    repaired = 0
    example: tuple[str, str] | None = None
    for _ in range(3):  # doubly garbled text takes two passes
        changed = False
        for codec in ("cp1252", "mac_roman", "latin_1"):
            pattern = _mojibake_pattern(codec)

            def fix(match: re.Match[str], codec: str = codec) -> str:
                nonlocal repaired, example, changed
                garbled = match.group(0)
                try:
                    fixed = _as_bytes(garbled, codec).decode("utf-8")
                except UnicodeDecodeError:
                    return garbled
                if not _plausible(fixed):
                    return garbled
                repaired += len(fixed)
                changed = True
                example = example or (garbled, fixed)
                return fixed

            text = pattern.sub(fix, text)
        if not changed:
            break
    if not repaired or example is None:
        return text, ()
    plural = "s" if repaired != 1 else ""
    return text, (
        f"garbled text (mojibake) repaired: {repaired} character{plural} that were UTF-8 "
        f"read in a legacy encoding, e.g. {example[0]!r} → {example[1]!r}",
    )
