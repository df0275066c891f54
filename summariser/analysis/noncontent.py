"""Stretches that are not the story: bylines, datelines, captions, credits, boilerplate.

Found by the shapes wire and web copy give them, never by the names they contain:

- a byline is a short line "By NAME[, OUTLET]", a "Reporting by ...; Editing by ..."
  credit, a bare name on the line between headline and dateline (the Reuters wire
  layout), a "NAME, BBC ..., PLACE" analysis line, or a "-- Moscow Newsroom, +7 ..."
  sign-off;
- a dateline is the prefix of a line that opens with an upper-case place and a date, a
  wire tag or a dash ("NAIROBI 1996-12-06", "MOSCOW, September 4. /TASS/.",
  "BANGUI (Reuters) -", "Washington (CNN)"): only the prefix, the sentence after it is
  content;
- captions and credits follow the markers scraped pages leave ("Image caption",
  "Image copyright", "(Photo: AP)", "(Getty Images)");
- boilerplate is page furniture ("Scroll down for video", "Share this article",
  "Read more: ...", a lone "Advertisement").

Scraped text is often flattened (no line breaks), so a caption or a "Read more:" link
ends at its line end, its sentence end, or where a new sentence visibly starts. When in
doubt a stretch stays content: a missed caption costs a repeated mention, a swallowed
sentence costs a claim.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from summariser.analysis.candidates import NonContent, NonContentKind
from summariser.text import SENTENCE_STARTERS

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A weekday alone dates a line only before a tag or dash: "NATO Monday agreed" is a story.
_DATE = (
    rf"(?:\d{{4}}-\d\d-\d\d|{_MONTH}[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?"
    rf"|{_WEEKDAY}(?=[ \t]*(?:\(|--|—|–|-|$)))"
)
# An upper-case place: "MOSCOW", "AL-AIN", "NEW YORK", "ST. PETERSBURG".
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:[ \t][A-Z][A-Z'’.\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][\w'’.\-]+(?:[ \t][A-Z][\w'’.\-]+){0,3}"
_PLACE_TAIL = r"(?:,[ \t]*[A-Z][\w'’.\-]*(?:[ \t][A-Z][\w'’.\-]*){0,3})?"  # ", South Africa"
_DASH = r"(?:--|—|–|-)"
# Any short capitalised tag, when a dash follows: "(Reuters) -", "(Kyodo) --".
_TAG = r"\([A-Z][\w.&/'’-]*(?:[ \t]+[A-Z][\w.&/'’-]*){0,3}\)"
# The wire services and broadcasters whose tag needs no dash: "Washington (CNN)This".
_WIRE = (
    r"\((?:Reuters|AP|AFP|CNN|UPI|Bloomberg|Xinhua|TASS|BBC|dpa|DPA|ANI|IANS|PTI|Yonhap|"
    r"Kyodo|Interfax|Sputnik|CNSNews\.com|CNS|AA|EFE|ANSA|Al Jazeera|NBC News|CBS News|"
    r"ABC News)\)"
)
_DATELINES = (
    # "JERUSALEM 1996-12-06", "DURBAN, South Africa 1996-12-06",
    # "MOSCOW, September 4. /TASS/.", "LONDON, Dec 6 (Reuters) -"
    re.compile(
        rf"^[ \t]*{_CAPS_PLACE}{_PLACE_TAIL},?[ \t]+{_DATE}\.?(?:[ \t]*/[A-Z]+/\.?)?"
        rf"(?:[ \t]*{_TAG})?(?:[ \t]*{_DASH}(?=\s))?",
        re.MULTILINE,
    ),
    # "BANGUI (Reuters) -", "Nairobi, Kenya (Kyodo) --"
    re.compile(rf"^[ \t]*(?:{_TITLE_PLACE}{_PLACE_TAIL}[ \t]*)?{_TAG}[ \t]*{_DASH}(?=\s)", re.M),
    # "Washington (CNN)", "(CNN) --"
    re.compile(rf"^[ \t]*(?:{_TITLE_PLACE}{_PLACE_TAIL}[ \t]*)?{_WIRE}(?:[ \t]*{_DASH})?", re.M),
    # "NEW YORK — " then a sentence in normal case.
    re.compile(rf"^[ \t]*{_CAPS_PLACE}{_PLACE_TAIL}[ \t]+{_DASH}[ \t](?=[ \t]*[A-Z][a-z])", re.M),
    # Flattened text: "... Hosenball WASHINGTON, Nov 6 (Reuters) - The FBI", "... Images)
    # WASHINGTON -- In a ...": a wire tag, or a dash right after a sentence or a credit.
    re.compile(
        rf"(?<=[ \t]){_CAPS_PLACE}{_PLACE_TAIL}(?:,?[ \t]+{_DATE})?[ \t]*{_WIRE}[ \t]*{_DASH}(?=\s)"
        rf"|(?<=[.)\"”][ \t]){_CAPS_PLACE}{_PLACE_TAIL}[ \t]+{_DASH}[ \t](?=[ \t]*[A-Z][a-z])"
    ),
)
_DATELINE_LINE = re.compile(
    rf"[ \t]*{_CAPS_PLACE}{_PLACE_TAIL},?[ \t]+{_DATE}\.?[ \t]*$|[ \t]*{_CAPS_PLACE}[ \t]*$"
)

_NAME = r"[A-Z][\w'’.\-]*"
_NAME_RUN = rf"{_NAME}(?:[ \t]+(?:(?:de|van|von|da|al|bin|el|la|le)[ \t]+)?{_NAME}){{0,4}}"
_BY = re.compile(
    rf"^[ \t]*By[ \t]+(?:\.[ \t]+)?(?!(?:{_WEEKDAY}|{_MONTH}|The|Then|Now)(?!\w)){_NAME_RUN}"
    rf"(?:(?:[ \t]*[,|][ \t]*|[ \t]+and[ \t]+|[ \t]+(?:for|in)[ \t]+){_NAME_RUN})*[ \t.]*$",
    re.MULTILINE,
)
# Flattened text: "By Alana Wise and Mark Hosenball WASHINGTON, Nov 6 (Reuters) - ...".
_TITLE_NAME = r"[A-Z][a-z][\w'’.\-]*"
_BY_BEFORE_DATELINE = re.compile(
    rf"(?:^|(?<=\s))By[ \t]+{_TITLE_NAME}(?:[ \t]+{_TITLE_NAME}){{0,3}}"
    rf"(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+){_TITLE_NAME}(?:[ \t]+{_TITLE_NAME}){{0,3}})*"
    rf"(?=[ \t]+{_CAPS_PLACE}{_PLACE_TAIL}(?:,?[ \t]+{_DATE})?[ \t]*(?:{_WIRE}|{_DASH}))"
)
_STAFF_CREDIT = re.compile(
    r"(?:^[ \t]*\(?|\()[ \t]*(?:Additional[ \t]+)?(?:[Rr]eporting|Writing|Editing|Compiled|"
    r"Research|Produced|Translated|Graphics)[ \t]+by[ \t]+[A-Z][^\n)]*\)?",
    re.MULTILINE,
)
_BARE_NAME = re.compile(r"[ \t]*[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’.\-]+){1,3}[ \t]*$")
_OUTLET = r"(?:BBC|CNN|Reuters|AP|AFP|Associated Press|Bloomberg|Al Jazeera)"
_OUTLET_BYLINE = re.compile(
    rf"^[ \t]*[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){{1,2}},[ \t]*{_OUTLET}\b[^\n]{{0,60}}",
    re.MULTILINE,
)
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "AbujaThe": the next sentence glued on
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:--|—)[ \t]*[^\n]*?(?:[Nn]ewsroom|[Dd]esk\b|\+?\d[\d \t()-]{6,}\d|\S+@\S+)[^\n]*$",
    re.MULTILINE,
)

_CAPTION_MARK = re.compile(r"\b(?:Image|Media|Photo|Video)[ \t]+caption\b[ \t:]*")
_ANY_MARK = re.compile(r"\b(?:Image|Media|Photo|Video)[ \t]+(?:caption|copyright)\b")
# A credit's words: capitalised, but never a pronoun or "By" that starts the next sentence.
_CREDIT_WORD = (
    r"(?:(?!(?:He|She|It|They|We|I|By)\b)(?!The[ \t]+[a-z])[A-Z][\w&.'’\-@]*|@\w+|/|of|and|&)"
)
_COPYRIGHT = re.compile(
    r"\b(?:Image|Photo|Picture)[ \t]+(?:copyright|credit|source)\b[ \t:]*"
    rf"(?:(?!(?:Image|Media|Photo|Video)[ \t]+caption\b){_CREDIT_WORD}[ \t]*){{0,6}}"
)
_CREDIT_LABEL = r"(?:Photo(?:graph)?|Picture|Pic|Image|Credit|Photo credit)[ \t]*:"
_PHOTO_CREDIT = re.compile(
    rf"\({_CREDIT_LABEL}[^()\n]{{1,80}}\)"  # "(Photo: Ethan Miller, Getty Images)"
    rf"|\b{_CREDIT_LABEL}[ \t]*{_CREDIT_WORD}(?:[ \t]*{_CREDIT_WORD}){{0,6}}"
)
_AGENCY = (
    r"(?:Getty(?: Images)?|AFP|AP|EPA|PA|Reuters|Shutterstock|Alamy|Corbis|Rex Features|"
    r"Xinhua|Handout|File)"
)
_PAREN_CREDIT = re.compile(  # "(Getty Images)", "(AP Photo/Jane Doe)", "(AFP/Getty Images)"
    rf"\((?:{_AGENCY}[ \t]*(?:Photo|Images?|photo)?(?:[ \t]*/[ \t]*[A-Z][\w.'’\- ]*)*"
    rf"|[A-Z][\w.'’\- ]*/[ \t]*{_AGENCY}(?:[ \t]+Images?)?"
    # "(Melina Mara/The Washington Post)": a photographer and the paper.
    r"|[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){1,3}[ \t]?/[ \t]?[A-Z][\w.'’-]*"
    r"(?:[ \t][A-Z][\w.'’-]*){0,4})\)"
)
# A picture agency's credit written bare: "Getty Images", "Express Pictures", and a
# gallery's counter after it ("Getty 2/19").
_BARE_CREDIT = re.compile(
    r"\b(?:Getty|Express|Reuters|AFP|AP|EPA|PA|Rex|Shutterstock|Alamy|Corbis|Barcroft|Splash)"
    r"(?:[ \t]+(?:Images|Pictures|Photos)\b(?:[ \t]+\d{1,3}/\d{1,3}\b)?|[ \t]+\d{1,3}/\d{1,3}\b)"
)
# A gallery's credit with the number of its pictures, repeated under every picture
# ("... Getty Images 9 Trump lands in Minnesota ... PA:Press Association 9 ...", "Ben
# Morgan 6/8 A police cordon ..."): the words between two of them are a caption.
_GALLERY_CREDIT = re.compile(
    r"\b(?:[A-Z][\w&'’-]*(?::|[ \t]+)){0,3}[A-Z][\w&'’-]*[ \t]+"
    r"(?:(?P<count>\d{1,2})|(?P<index>\d{1,2})/(?P<of>\d{1,2}))(?=[ \t]+[A-Z\"“‘']|[ \t]*$)",
    re.MULTILINE,
)
_GALLERY_MIN = 3  # credits with the same count before a run of them is taken for a gallery
_BOILERPLATE = re.compile(
    r"\bScroll down for (?:video|videos|more)\b[.:]?"
    r"|\b(?:Share|Email|Print) this (?:article|story|page)\b[.:]?"
    r"|\bRead (?:or Share )?this story:[ \t]*\S+"
    r"|\b(?:Share|Like us) on (?:Facebook|Twitter|WhatsApp)\b"
    r"|\bAll rights reserved\b\.?"
    r"|\bBuy Photo\b"
    r"|(?:^|(?<=[.!?\"'’”][ \t]))Advertisement(?=[ \t]+[A-Z]|[ \t]*$)",
    re.MULTILINE,
)
# Furniture whose words run on to the end of their sentence or line: the link's title.
_RUN_ON = re.compile(
    r"\b(?:READ MORE|Read more|Related|RELATED|See also|More on this story)[ \t]*:"
    r"|\b(?:Subscribe|Sign up)[ \t]+(?:to|for)\b"
    r"|\bFollow (?:us|\w+) on (?:Twitter|Facebook|Instagram)\b"
    r"|\bClick here\b"
    r"|\bCopyright[ \t]+(?:©[ \t]*)?\d{4}\b"
)
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”’']|$)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION_WORDS = _words(
    "a an the of in on at to for from by with and or but as into onto near over under "
    "after before about between during against without since because when while until "
    "if than that who which whose where says said say told tells"
)
_HONORIFICS = _words("Mr Mrs Ms Dr Mr. Mrs. Ms. Dr.")
# Words that open a sentence far more often than they continue a caption.
_STRONG_OPENERS = _words("He She They It We I The This These Those His Her Their")
_OPENERS = (
    SENTENCE_STARTERS
    | _STRONG_OPENERS
    | _words(
        "Dozens Hundreds Thousands Millions Many Most One Two Three Four Five Six Seven Eight "
        "Nine Ten Then Now However Earlier Later Last Police Officials Authorities"
    )
)
_RUN_MAX = 400  # a caption or link title longer than this is taken to end there


def find_noncontent(text: str) -> list[NonContent]:
    """The stretches of ``text`` that are not the story: in text order, never overlapping.

    Where two findings overlap the earlier (then the longer) one is kept; two of the same
    kind are joined.
    """
    found = sorted(
        (item for finder in _FINDERS for item in finder(text)),
        key=lambda n: (n.start, n.start - n.end),
    )
    kept: list[NonContent] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            if item.end > kept[-1].end and item.kind is kept[-1].kind:
                kept[-1] = NonContent(start=kept[-1].start, end=item.end, kind=item.kind)
            continue
        kept.append(item)
    return kept


def _span(text: str, start: int, end: int, kind: NonContentKind) -> NonContent | None:
    """``text[start:end]`` without its surrounding white space, or None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return NonContent(start=start, end=end, kind=kind) if end > start else None


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _datelines(text: str) -> Iterator[NonContent]:
    for pattern in _DATELINES:
        for match in pattern.finditer(text):
            rest = text[match.end() : _line_end(text, match.end())]
            if _shouting(rest):
                continue  # an upper-case headline ("SOCCER - JAPAN WIN"): no dateline before it
            item = _span(text, match.start(), match.end(), NonContentKind.DATELINE)
            if item:
                yield item


def _shouting(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and all(c.isupper() for c in letters)


def _bylines(text: str) -> Iterator[NonContent]:
    for pattern in (_BY, _BY_BEFORE_DATELINE, _STAFF_CREDIT, _SIGN_OFF):
        for match in pattern.finditer(text):
            if pattern is _BY and len(match.group().split()) > 14:
                continue
            item = _span(text, match.start(), match.end(), NonContentKind.BYLINE)
            if item:
                yield item
    for match in _OUTLET_BYLINE.finditer(text):
        line = match.group()
        glued = _GLUED.search(line, line.find(",") + 1)
        if glued or match.end() == _line_end(text, match.start()):
            end = match.start() + glued.start() if glued else match.end()
            item = _span(text, match.start(), end, NonContentKind.BYLINE)
            if item:
                yield item
    yield from _wire_byline(text)


def _wire_byline(text: str) -> Iterator[NonContent]:
    """A bare name on its own line after the headline and right before a dateline line."""
    lines: list[tuple[int, str]] = []
    start = 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            lines.append((start, raw.rstrip("\r\n")))
        start += len(raw)
    for index in range(1, min(len(lines) - 1, 4)):
        start, line = lines[index]
        words = line.split()
        if (
            _BARE_NAME.match(line)
            and _DATELINE_LINE.match(lines[index + 1][1])
            and not _shouting(line)
            and not any(w.lower() in _FUNCTION_WORDS for w in words)
        ):
            item = _span(text, start, start + len(line), NonContentKind.BYLINE)
            if item:
                yield item


def _captions(text: str) -> Iterator[NonContent]:
    for match in _CAPTION_MARK.finditer(text):
        item = _span(text, match.start(), _run_end(text, match.end()), NonContentKind.CAPTION)
        if item:
            yield item
    for pattern in (_COPYRIGHT, _PHOTO_CREDIT, _PAREN_CREDIT, _BARE_CREDIT):
        for match in pattern.finditer(text):
            item = _span(text, match.start(), match.end(), NonContentKind.CREDIT)
            if item:
                yield item


def _galleries(text: str) -> Iterator[NonContent]:
    # "6/8" says it is a gallery: two such credits are enough; a bare count takes three.
    by_count: dict[tuple[bool, str], list[re.Match[str]]] = {}
    for match in _GALLERY_CREDIT.finditer(text):
        numbered = match.group("of") is not None
        count = match.group("of") if numbered else match.group("count")
        if numbered and int(match.group("index")) > int(count):
            continue
        if int(count) >= _GALLERY_MIN:
            by_count.setdefault((numbered, count), []).append(match)
    for (numbered, _), credits in by_count.items():
        if len(credits) < (2 if numbered else _GALLERY_MIN):
            continue
        for credit in credits:
            item = _span(text, credit.start(), credit.end(), NonContentKind.CREDIT)
            if item:
                yield item
        for credit, following in itertools.pairwise(credits):
            if following.start() - credit.end() <= _RUN_MAX:
                caption = _span(text, credit.end(), following.start(), NonContentKind.CAPTION)
                if caption:
                    yield caption


def _boilerplate(text: str) -> Iterator[NonContent]:
    for match in _BOILERPLATE.finditer(text):
        item = _span(text, match.start(), match.end(), NonContentKind.BOILERPLATE)
        if item:
            yield item
    for match in _RUN_ON.finditer(text):
        end = _run_end(text, match.end())
        item = _span(text, match.start(), end, NonContentKind.BOILERPLATE)
        if item:
            yield item


def _run_end(text: str, start: int) -> int:
    """Where a caption or link title starting at ``start`` ends.

    At its line end or sentence end, before the next caption marker, or where a new
    sentence visibly starts in flattened text: after a content word, a word that opens
    sentences ("... a dry well Dozens of rescuers ...", "... election day According to
    ..."), an honorific ("... and banners Ms May's office said ...") or a quotation; after
    a name, a pronoun or article ("... in the Oval Office He said ...") or an honorific.
    """
    limit = min(_line_end(text, start), start + _RUN_MAX)
    stop = _SENTENCE_END.search(text, start, limit)
    end = stop.end() if stop else limit
    marker = _ANY_MARK.search(text, start, end)
    if marker:
        end = marker.start()
    for before, word in itertools.pairwise(re.finditer(r"\S+", text[start:end])):
        previous, current = before.group(), word.group()
        if previous.endswith((",", ";", ":", "-", "—")) or previous.lower() in _FUNCTION_WORDS:
            continue
        bare = current.strip("\"“‘'").rstrip(",;:")
        if previous[:1].islower() and (bare in _OPENERS or current[:1] in '"“'):
            return start + word.start()
        if bare in _HONORIFICS or (previous[:1].isupper() and bare in _STRONG_OPENERS):
            return start + word.start()
    return end


_FINDERS: tuple[Callable[[str], Iterator[NonContent]], ...] = (
    _datelines,
    _bylines,
    _captions,
    _galleries,
    _boilerplate,
)
