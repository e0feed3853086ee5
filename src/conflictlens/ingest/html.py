"""Main-text and metadata extraction from HTML pages.

trafilatura finds the article body and the page's title, date, canonical URL and site name. When it
finds no body (very short or odd pages, malformed markup), a plain lxml pass collects the visible
text of the page without its navigation, header, footer and scripts.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

logger = logging.getLogger(__name__)

_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")

# Elements whose content is never article text.
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
# Page furniture dropped by the fallback when the page has other text.
_BOILERPLATE = ("nav", "header", "footer", "aside", "form", "button", "menu", "dialog")
# Elements that end a line of text.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


@dataclass(frozen=True)
class HtmlContent:
    """What was extracted from one page. ``text`` is raw (not yet cleaned) and never empty."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    extractor: str = "trafilatura"  # or "lxml" when the fallback found the text


def looks_like_html(text: str) -> bool:
    """True if ``text`` starts like an HTML document (``<!DOCTYPE html`` or ``<html``)."""
    return _HTML_START.match(text.removeprefix("\ufeff")) is not None


def declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in its first 4 KiB (meta or XML declaration), or None."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _parse_date(value: object) -> dt.date | None:
    """A date from trafilatura's ``YYYY-MM-DD`` string (or an ISO datetime), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        logger.debug("unparseable page date %r", value)
        return None


def _str_or_none(value: object) -> str | None:
    """``value`` stripped if it is a non-empty string, else None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _with_trafilatura(markup: str, url: str | None) -> HtmlContent | None:
    """Main text and metadata as trafilatura finds them, or None if it finds no text."""
    import trafilatura  # imported late: it is slow to import and only needed for HTML

    try:
        result = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=False,
        )
    # trafilatura runs several third-party parsers on untrusted markup; any failure of theirs
    # means "no text from trafilatura" and the lxml fallback gets its chance.
    except Exception as exc:
        logger.debug("trafilatura failed: %s", exc)
        return None
    if result is None:
        return None
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = meta.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return HtmlContent(
        text=text,
        title=_str_or_none(meta.get("title")),
        published=_parse_date(meta.get("date")),
        url=_str_or_none(meta.get("url")),
        source=_str_or_none(meta.get("sitename")),
    )


def _visible_text(root: lxml.html.HtmlElement, drop: tuple[str, ...]) -> str:
    """The visible text under ``root`` without the ``drop`` elements, one line per block element."""
    root = lxml.html.fromstring(lxml.html.tostring(root))  # work on a copy
    for el in list(root.iter(*drop)):
        if el is not root and el.getparent() is not None:
            el.drop_tree()
    for el in root.iter(lxml.etree.Element):
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _with_lxml(markup: str) -> HtmlContent | None:
    """The page's visible body text (boilerplate removed if anything is left), or None."""
    markup = _XML_DECL.sub("", markup, count=1)  # lxml refuses str input with an encoding declaration
    if not markup.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        logger.debug("lxml could not parse the page: %s", exc)
        return None
    title_el = doc.find(".//title")
    title = _str_or_none(title_el.text_content()) if title_el is not None else None
    body = doc.find("body")
    if body is None:
        return None
    text = _visible_text(body, _NEVER_TEXT + _BOILERPLATE) or _visible_text(body, _NEVER_TEXT)
    if not text:
        return None
    return HtmlContent(text=text, title=title, extractor="lxml")


def extract_html(markup: str, url: str | None = None) -> HtmlContent | None:
    """Extract the main text, title, date, URL and site name of an HTML page.

    Returns None if neither trafilatura nor the lxml fallback find any text in the page.
    """
    content = _with_trafilatura(markup, url)
    if content is not None:
        return content
    content = _with_lxml(markup)
    if content is not None:
        logger.debug("trafilatura found no main text; used lxml's visible text")
    return content
