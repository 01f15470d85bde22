"""Typography of running text: curly quotes and apostrophes, dashes, no-break spaces, page ranges."""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
WORD_JOINER = "\u2060"

# Straight quotes that open follow a space, an opening bracket or dash, or nothing at all.
_OPENS_AFTER = r"(?:(?<=[\s(\[{“‘—–])|^)"
# 's 't 'll … after an element (Serge</ref>'s) stay apostrophes.
_OPENING_SINGLE = re.compile(_OPENS_AFTER + r"'(?!(?:s|t|d|m|ll|re|ve)\b)(?=[^\s\d])")
_OPENING_DOUBLE = re.compile(_OPENS_AFTER + r'"(?=\S)')
# Number ranges like 1936-1947 or 1921-22, but not pre-1914 nor a date like 2019-02-28.
_NUMBER_RANGE = re.compile(r"(?<![\w.\-–])(\d{1,4})-(\d{1,4})(?![\w\-–])")
_PAGE_ABBREVIATION = re.compile(r"\b(pp?\.) (?=\d)")
# A spaced dash must not begin a line: tie it to the word before.
_SPACED_DASH = re.compile(r" ([–—]) ")
# An unspaced em dash may end a line but not begin one.
_CLOSED_EM_DASH = re.compile(r"(?<=\w)—(?=\w)")

# Outer and inner quotation marks by language; the rest of the world gets the English ones.
QUOTES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "en": (("“", "”"), ("‘", "’")),
    "fr": (("«" + NARROW_NBSP, NARROW_NBSP + "»"), ("“", "”")),
    "de": (("„", "“"), ("‚", "‘")),
    "es": (("«", "»"), ("“", "”")),
    "it": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "nl": (("“", "”"), ("‘", "’")),
}
# The spaces a language sets between its quotation marks and the words (French « … »).
MARK_SPACES = NBSP + NARROW_NBSP + "\u2009"
_PAGE = r"(\d+|[ivxlc]+)"
_PAGE_RANGE = re.compile(rf"^\s*(?:(pp?)\.?\s*)?{_PAGE}(?:\s*[-–]\s*{_PAGE})?\s*$", re.IGNORECASE)


def running_text(text: str) -> str:
    """Typographic running text from the plain characters a typist writes."""
    text = _OPENING_SINGLE.sub("‘", text).replace("'", "’")
    text = _OPENING_DOUBLE.sub("“", text).replace('"', "”")
    text = _NUMBER_RANGE.sub(r"\1–\2", text)
    text = _PAGE_ABBREVIATION.sub(r"\1" + NBSP, text)
    text = _SPACED_DASH.sub(NBSP + r"\1 ", text)
    return _CLOSED_EM_DASH.sub(WORD_JOINER + "—", text)


def quotation_marks(lang: str, depth: int) -> tuple[str, str]:
    """Outer marks for even depths, inner marks for odd ones."""
    outer, inner = QUOTES.get(lang.split("-")[0].lower(), QUOTES["en"])
    return inner if depth % 2 else outer


def page_range(source: str) -> str:
    """`pp229-30` → `pp. 229–30`: the source's numbers kept, abbreviation, space and dash set right.

    A bare `45` (author-date style, `Serge 2012a: 45`) stays bare.
    """
    match = _PAGE_RANGE.match(source)
    if match is None:
        return running_text(source)
    abbreviation, start, end = match.groups()
    pages = start if end is None else f"{start}–{end}"
    return pages if abbreviation is None else f"{abbreviation.lower()}.{NBSP}{pages}"
