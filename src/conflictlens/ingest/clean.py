"""Light cleaning of scraped article text, and title detection.

The cleaning is deliberately conservative: it fixes layout (newlines, trailing spaces, runs of
blank lines) and drops lines that repeat an earlier line word for word (a headline printed twice
by the scraper), but never rewrites a sentence. Later stages point back into the cleaned text with
character spans, so what is kept is kept verbatim.
"""

from __future__ import annotations

import re
import unicodedata

#: Lines at most this long (after whitespace normalisation) are never dropped as repeats:
#: short lines such as "Photo", "Advertisement" or a dateline can legitimately recur.
MIN_REPEAT_CHARS = 20

#: A title is a line shorter than this many characters.
MAX_TITLE_CHARS = 200

#: The title is looked for among this many first non-blank lines.
TITLE_SEARCH_LINES = 3

_LETTER = re.compile(r"[^\W\d_]")
# A title does not end like a sentence or a clause.
_NOT_TITLE_ENDINGS = (".", ",", ";", ":")


def _norm_line(line: str) -> str:
    """A line reduced for comparison: Unicode NFC and single spaces."""
    return " ".join(unicodedata.normalize("NFC", line).split())


def _looks_like_title(line: str) -> bool:
    """True if ``line`` could be a headline: short, has letters, and no final period."""
    stripped = line.strip()
    return (
        0 < len(stripped) < MAX_TITLE_CHARS
        and not stripped.endswith(_NOT_TITLE_ENDINGS)
        and _LETTER.search(stripped) is not None
    )


def detect_title(text: str) -> str | None:
    """The first short line without a final period among the first few non-blank lines, or None."""
    seen = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _looks_like_title(line):
            return line.strip()
        seen += 1
        if seen >= TITLE_SEARCH_LINES:
            break
    return None


def clean_text(text: str) -> tuple[str, str | None]:
    """Clean scraped text and detect its title; return ``(cleaned_text, title_or_None)``.

    - newlines are normalised (``\\r\\n`` and ``\\r`` become ``\\n``) and a leading BOM is dropped;
    - trailing spaces are stripped from every line;
    - a line that repeats an earlier line exactly (compared after whitespace normalisation) is
      dropped, if it is longer than :data:`MIN_REPEAT_CHARS` characters;
    - runs of blank lines are collapsed to one blank line, and blank lines at both ends removed;
    - the title is the first short line (< :data:`MAX_TITLE_CHARS` characters) with no final
      period among the first :data:`TITLE_SEARCH_LINES` non-blank lines. It stays in the text.

    Everything else is kept as it was; an input with no text gives ``("", None)``.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            # One blank line at most, and none at the start.
            if kept and kept[-1] != "":
                kept.append("")
            continue
        key = _norm_line(line)
        if len(key) > MIN_REPEAT_CHARS:
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    while kept and kept[-1] == "":
        kept.pop()
    cleaned = "\n".join(kept)
    return cleaned, detect_title(cleaned)
