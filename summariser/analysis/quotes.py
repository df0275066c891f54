"""Quotations in news copy: “curly”, "straight" and 'single' marks, including the
multi-paragraph style in which each paragraph of a quotation opens again and only the
last one closes.

A mark opens a quotation where it follows the start of the text, white space or an
opening bracket and precedes a word; it closes one where it follows a word or
punctuation and precedes white space, punctuation or the end. An apostrophe inside a
word (don't, we’re) is neither. A straight single mark after a letter and before a
space ("the drivers' standings") closes only a short quotation (a scare quote);
otherwise it is a plural possessive. A curly ‘ is never an apostrophe, so the ’ after a
word closes what it opened. A mark that opens while a quotation is open ends the open one there.
A double mark with space on both sides (tokenised copy) closes an open quotation, else
opens one.
"""

from __future__ import annotations

from summariser.analysis.candidates import TextRange

_STYLES = (("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"))
_OPEN_BEFORE = " \t\n([{—–-:"
_CLOSE_AFTER = " \t\n.,;:!?)]}—–-"
_PUNCT = ".,;:!?—–-"
SCARE_QUOTE_WORDS = 3  # a single-marked quotation this short may close after a letter
MIN_QUOTE_WORDS = 4  # shorter quotations are words in scare quotes, not speech


def find_quotes(text: str) -> list[TextRange]:
    """Quotations (without their marks) of at least ``MIN_QUOTE_WORDS`` words, in order,
    none overlapping."""
    found: list[TextRange] = []
    for opening, closing in _STYLES:
        for quote in _quotes(text, opening, closing):
            if len(text[quote.start : quote.end].split()) < MIN_QUOTE_WORDS:
                continue
            if any(q.start < quote.end and quote.start < q.end for q in found):
                continue
            found.append(quote)
    return sorted(found, key=lambda q: q.start)


def _quotes(text: str, opening: str, closing: str) -> list[TextRange]:
    single = opening in "'‘"
    quotes: list[TextRange] = []
    open_at: int | None = None
    for index, char in enumerate(text):
        if char not in (opening, closing):
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        opens = char == opening and before in _OPEN_BEFORE and not after.isspace()
        closes = char == closing and not before.isspace() and after in _CLOSE_AFTER
        if not single and before.isspace() and after.isspace():
            # tokenised copy (' " meaningless " '): the mark does what the state needs
            opens, closes = open_at is None, open_at is not None
        if (
            closes
            and opening == "'"
            and before.isalpha()
            and after.isspace()
            and open_at is not None
        ):
            # straight marks only: a curly ‘ opened it, so a ’ after a word closes it
            closes = len(text[open_at + 1 : index].split()) <= SCARE_QUOTE_WORDS
        if open_at is None:
            if opens:
                open_at = index
        elif closes:
            quotes.append(TextRange(start=open_at + 1, end=index))
            open_at = None
        elif opens:  # the quotation reopens: the open one ended before this mark
            end = len(text[:index].rstrip())
            if end > open_at + 1:
                quotes.append(TextRange(start=open_at + 1, end=end))
            open_at = index
    if open_at is not None and not single:  # an unclosed last quotation runs to the end
        # of its paragraph (a lone single mark is more likely an apostrophe: '90s)
        end = text.find("\n\n", open_at)
        end = len(text.rstrip()) if end < 0 else end
        if end > open_at + 1:
            quotes.append(TextRange(start=open_at + 1, end=end))
    return quotes
