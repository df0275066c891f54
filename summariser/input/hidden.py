"""Text a web page hides from its readers, taken out before the text is extracted.

A page can carry words no reader sees and every text extractor keeps: a paragraph in a
zero-size font, white on white, pushed off the screen, or switched off with ``hidden``
or ``display: none``. Such words are aimed at machines (an instruction to a summariser,
say), so they never reach the article text. Each hidden element that holds text is
replaced by one line, :data:`HIDDEN_MARKER`, which the analysis reports
(``analysis/injection.py``): the brief says the page hid text, and nothing of it.

What counts as hidden, from the page's inline styles, its ``<style>`` blocks (simple
selectors: a tag, classes, an id) and its attributes:

- ``hidden``; ``display: none``; ``visibility: hidden`` or ``collapse``; ``opacity`` 0;
- a font size of 0 or at most 1 px (0.1 em);
- off the screen: a large negative ``text-indent``, margin or position, a translation by
  thousands of pixels, ``clip``/``clip-path`` that leave nothing, scaled to 0, or a
  height or width of 0 with the overflow hidden;
- the same colour as the background (contrast ratio under 1.25), or a transparent
  colour. The background is the nearest declared one; with none declared the page is
  taken to be white, unless an ancestor sets a background image (then we cannot tell).

Stylesheets from other files are not fetched: a page that hides text through them is
not caught here, and the analysis still reads its words for instructions.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HIDDEN_MARKER = "[hidden text removed]"
"""The line that stands where a page hid text (the analysis marks it)."""

_SKIPPED = frozenset({"script", "style", "head", "title", "meta", "template", "noscript", "svg"})
_BLOCKS = frozenset(
    "p div section article aside blockquote li ul ol dl dt dd table tbody thead tfoot tr td "
    "th h1 h2 h3 h4 h5 h6 pre figure figcaption header footer main nav form fieldset details "
    "summary address center body".split()
)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)$")
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|pt|pc|em|rem|ex|ch|vw|vh|vmin|vmax|%|cm|mm|in|q)?$")
_TRANSLATE = re.compile(r"translate(?:x|y|3d)?\(([^)]*)\)")
_SCALE = re.compile(r"scale(?:x|y|3d)?\(([^)]*)\)")
_FAR = 500.0  # px: an element moved this far to the left or top is off the screen
_MIN_CONTRAST = 1.25  # WCAG contrast ratio under which text and background look the same
_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0}
_PX |= {"cm": 37.8, "mm": 3.78, "in": 96.0, "q": 0.945, "vw": 10.0, "vh": 8.0}
_PX |= {"vmin": 8.0, "vmax": 10.0}
_NAMED_COLOURS = {
    "white": (255, 255, 255),
    "snow": (255, 250, 250),
    "ivory": (255, 255, 240),
    "whitesmoke": (245, 245, 245),
    "ghostwhite": (248, 248, 255),
    "floralwhite": (255, 250, 240),
    "seashell": (255, 245, 238),
    "linen": (250, 240, 230),
    "oldlace": (253, 245, 230),
    "azure": (240, 255, 255),
    "mintcream": (245, 255, 250),
    "honeydew": (240, 255, 240),
    "aliceblue": (240, 248, 255),
    "lavenderblush": (255, 240, 245),
    "beige": (245, 245, 220),
    "black": (0, 0, 0),
    "silver": (192, 192, 192),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
    "lightgray": (211, 211, 211),
    "lightgrey": (211, 211, 211),
    "darkgray": (169, 169, 169),
    "darkgrey": (169, 169, 169),
    "red": (255, 0, 0),
    "maroon": (128, 0, 0),
    "orange": (255, 165, 0),
    "yellow": (255, 255, 0),
    "olive": (128, 128, 0),
    "lime": (0, 255, 0),
    "green": (0, 128, 0),
    "aqua": (0, 255, 255),
    "cyan": (0, 255, 255),
    "teal": (0, 128, 128),
    "blue": (0, 0, 255),
    "navy": (0, 0, 128),
    "fuchsia": (255, 0, 255),
    "magenta": (255, 0, 255),
    "purple": (128, 0, 128),
}
_WHITE = (255, 255, 255)

Colour = tuple[int, int, int]


def without_hidden_text(html: str) -> str:
    """``html`` with every element a reader cannot see replaced by :data:`HIDDEN_MARKER`;
    the page unchanged when it hides nothing (or cannot be parsed: the extractor then
    reads it as it is)."""
    if not html.strip():
        return html
    # lxml on first use: the analysis imports this module for HIDDEN_MARKER alone
    from lxml import etree
    from lxml import html as lxml_html

    errors = (ValueError, TypeError, etree.LxmlError)
    try:
        root = lxml_html.document_fromstring(html)
    except ValueError:  # a str that declares its encoding: parse its bytes instead
        try:
            root = lxml_html.document_fromstring(html.encode("utf-8"))
        except errors:
            return html
    except errors:
        return html
    page = _Page(_style_rules(root))
    body = root.find("body")
    if body is None:
        return html
    page.visit(body)
    if not page.hidden:
        return html
    for element in page.hidden:
        _replace(element)
    return lxml_html.tostring(root, encoding="unicode", method="html", doctype="")


@dataclass
class _Page:
    rules: list[tuple[str | None, frozenset[str], str | None, dict[str, str]]]
    hidden: list[Any] = field(default_factory=list)

    def visit(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _SKIPPED or not tag:
            return
        if self.is_hidden(element) and element.text_content().strip():
            self.hidden.append(element)
            return
        for child in element:
            self.visit(child)

    def style(self, element: Any) -> dict[str, str]:
        """The declarations that apply to ``element``: matching rules, then its inline style."""
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        classes = frozenset((element.get("class") or "").split())
        ident = element.get("id")
        declared: dict[str, str] = {}
        for rule_tag, rule_classes, rule_id, declarations in self.rules:
            if rule_tag and rule_tag != tag:
                continue
            if rule_id and rule_id != ident:
                continue
            if rule_classes <= classes:
                declared |= declarations
        return declared | _declarations(element.get("style") or "")

    def is_hidden(self, element: Any) -> bool:
        if element.get("hidden") is not None:
            return True
        style = self.style(element)
        if _invisible(style):
            return True
        colour = _colour(style.get("color", "")) or _colour(element.get("color") or "")
        if colour is None:
            return _transparent(style.get("color", ""))
        background = self.background(element)
        return background is not None and _contrast(colour, background) < _MIN_CONTRAST

    def background(self, element: Any) -> Colour | None:
        """The nearest declared background colour; white when none is declared; None when
        an image lies behind the text (its colour is unknown)."""
        current = element
        while current is not None and isinstance(current.tag, str):
            style = self.style(current)
            value = style.get("background-color") or style.get("background") or ""
            if "url(" in value or "gradient(" in value or style.get("background-image"):
                return None
            colour = _first_colour(value) or _colour(current.get("bgcolor") or "")
            if colour is not None:
                return colour
            current = current.getparent()
        return _WHITE


def _replace(element: Any) -> None:
    """Put the marker where ``element`` was: in its place for a block, after the block
    that holds it for an inline element (the visible sentence around it stays whole)."""
    from lxml import html as lxml_html

    marker = lxml_html.Element("p")
    marker.text = HIDDEN_MARKER
    parent = element.getparent()
    if parent is None:
        return
    if element.tag in _BLOCKS:
        marker.tail = element.tail
        parent.replace(element, marker)
        return
    block = parent
    while block.getparent() is not None and block.tag not in _BLOCKS:
        block = block.getparent()
    element.drop_tree()
    if block.tag in ("body", "html") or block.getparent() is None:
        block.append(marker)
        return
    following = block.getnext()
    if following is None or following.text != HIDDEN_MARKER:
        marker.tail = block.tail
        block.tail = None
        block.addnext(marker)


def _style_rules(root: Any) -> list[tuple[str | None, frozenset[str], str | None, dict[str, str]]]:
    """The simple rules of the page's ``<style>`` blocks that could hide text."""
    rules: list[tuple[str | None, frozenset[str], str | None, dict[str, str]]] = []
    for block in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", "", block.text or "", flags=re.S)
        for match in _RULE.finditer(css):
            declarations = _declarations(match.group(2))
            if not declarations:
                continue
            for selector in _selectors(match.group(1)):
                rules.append((*selector, declarations))
    return rules


def _selectors(text: str) -> Iterator[tuple[str | None, frozenset[str], str | None]]:
    for part in text.split(","):
        part = part.strip().lower().rsplit("{", 1)[-1].strip()
        match = _SIMPLE_SELECTOR.match(part)
        if not match or not part:
            continue
        tag, rest = match.group(1), match.group(2)
        classes = frozenset(re.findall(r"\.([\w-]+)", rest))
        ids = re.findall(r"#([\w-]+)", rest)
        yield tag, classes, ids[0] if ids else None


def _declarations(style: str) -> dict[str, str]:
    declared: dict[str, str] = {}
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            value = re.sub(r"!\s*important", "", value, flags=re.I)
            declared[name.strip().lower()] = " ".join(value.lower().split())
    return declared


def _length(value: str) -> float | None:
    """A CSS length in (rough) pixels; None if it is not one."""
    match = _LENGTH.match(value.strip())
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    if unit == "%":
        return number * 10.0  # of a ~1000 px box
    return number * _PX.get(unit, 1.0)


def _invisible(style: dict[str, str]) -> bool:
    """Whether these declarations hide an element's text, colour apart."""
    if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
        return True
    opacity = style.get("opacity", "")
    if opacity and _number(opacity) is not None and (_number(opacity) or 0.0) <= 0.05:
        return True
    size = style.get("font-size", "")
    size_px = _length(size)
    if size_px is not None and size_px <= 1.0:
        return True
    indent = _length(style.get("text-indent", ""))
    if indent is not None and indent <= -_FAR:
        return True
    for name in ("margin-left", "margin-top"):
        margin = _length(style.get(name, ""))
        if margin is not None and margin <= -_FAR:
            return True
    if style.get("position") in ("absolute", "fixed", "relative"):
        for name in ("left", "top", "right"):
            offset = _length(style.get(name, ""))
            if offset is not None and (offset <= -_FAR or (name == "left" and offset >= 5000)):
                return True
    return _clipped(style) or _squashed(style)


def _clipped(style: dict[str, str]) -> bool:
    transform = style.get("transform", "")
    for match in _SCALE.finditer(transform):
        if any(_number(v) == 0.0 for v in re.split(r"[\s,]+", match.group(1).strip())):
            return True
    for match in _TRANSLATE.finditer(transform):
        lengths = [_length(v) for v in re.split(r"[\s,]+", match.group(1).strip())]
        if any(v is not None and abs(v) >= 2 * _FAR for v in lengths):
            return True
    clip = style.get("clip", "")
    if clip.startswith("rect("):
        values = [_length(v) for v in re.split(r"[\s,]+", clip[5:].rstrip(")").strip())]
        if values and all(v is not None and abs(v) <= 1.0 for v in values):
            return True
    clip_path = style.get("clip-path", "")
    return bool(re.match(r"inset\(\s*(?:50|100)%|circle\(\s*0", clip_path))


def _squashed(style: dict[str, str]) -> bool:
    if style.get("overflow", style.get("overflow-y", "")) not in ("hidden", "clip"):
        return False
    for name in ("height", "max-height", "width", "max-width"):
        size = _length(style.get(name, ""))
        if size is not None and size <= 1.0:
            return True
    return False


def _number(value: str) -> float | None:
    value = value.strip()
    try:
        return float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        return None


def _transparent(value: str) -> bool:
    value = value.strip()
    if value == "transparent":
        return True
    match = re.match(r"(?:rgba?|hsla?)\(([^)]*)\)", value)
    if not match:
        return False
    parts = [p for p in re.split(r"[\s,/]+", match.group(1).strip()) if p]
    alpha = _number(parts[3]) if len(parts) == 4 else None
    return alpha is not None and alpha <= 0.05


def _colour(value: str) -> Colour | None:
    """An opaque colour as (r, g, b); None for anything else (and for transparent)."""
    value = value.strip().lower()
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    if re.fullmatch(r"#[0-9a-f]{3,4}", value):
        return (int(value[1] * 2, 16), int(value[2] * 2, 16), int(value[3] * 2, 16))
    if re.fullmatch(r"#[0-9a-f]{6}(?:[0-9a-f]{2})?", value):
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    if _transparent(value):
        return None
    match = re.fullmatch(r"(rgba?|hsla?)\(([^)]*)\)", value)
    if not match:
        return None
    parts = [p for p in re.split(r"[\s,/]+", match.group(2).strip()) if p][:3]
    if len(parts) != 3:
        return None
    if match.group(1).startswith("rgb"):
        channels = []
        for part in parts:
            number = _number(part)
            if number is None:
                return None
            channels.append(round(number * 255 if part.endswith("%") else number))
        red, green, blue = (max(0, min(255, c)) for c in channels)
        return (red, green, blue)
    hue = _number(parts[0].removesuffix("deg"))
    saturation, lightness = _number(parts[1]), _number(parts[2])
    if hue is None or saturation is None or lightness is None:
        return None
    r, g, b = colorsys.hls_to_rgb((hue % 360) / 360, lightness, saturation)
    return (round(r * 255), round(g * 255), round(b * 255))


_COLOUR_TOKEN = re.compile(r"#[0-9a-f]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)|[a-z]+")


def _first_colour(value: str) -> Colour | None:
    """The colour of a ``background`` shorthand ("#fff no-repeat", "rgb(0, 0, 0) fixed")."""
    for token in _COLOUR_TOKEN.findall(value.lower()):
        colour = _colour(token)
        if colour is not None:
            return colour
    return None


def _luminance(colour: Colour) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: Colour, second: Colour) -> float:
    """The WCAG contrast ratio: 1 for the same colour, 21 for black on white."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
