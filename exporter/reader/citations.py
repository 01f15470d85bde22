"""Citation grammar: page references and author-date citations, resolved to reference keys."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from exporter.reader import lexicon
from exporter.tei import make_key

PARTICLE = rf"(?:(?:{lexicon.words_pattern(lexicon.PARTICLES)})\s+)"
SURNAME = rf"{PARTICLE}*[A-ZÀ-ÖØ-Þ][\w’'-]*"
NAMES = rf"{SURNAME}(?:(?:,\s+|\s+and\s+|\s+&\s+){SURNAME})*(?:\s+et\s+al\.?)?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
PAGE_RANGE = r"(?:\d+[a-z]?(?:\s?[-–]\s?\d+)?|[ivxlc]+(?:\s?[-–]\s?[ivxlc]+)?)"
PAGES = rf"(?:pp?\.?\s?)?{PAGE_RANGE}(?:,\s?{PAGE_RANGE})*"


def bare_pattern(names: str = NAMES) -> re.Pattern[str]:
    """For citations standing in running text: "see Serge 2012a"."""
    return re.compile(rf"(?P<names>{names})\s+(?P<year>{YEAR})\b(?![-–]\d)")


def narrative_pattern(names: str = NAMES) -> re.Pattern[str]:
    """A name with its year in brackets after it: "Jockers (2013)", "Unsworth [2000]",
    "Jockers (2013, 47)". Its groups are prefixed so that it can stand beside the others."""
    return re.compile(
        rf"(?P<narrative_names>{names})\s+(?P<narrative_open>[(\[])(?P<narrative_year>{YEAR})"
        rf"(?:(?:,\s?|:\s?)(?P<narrative_pages>{PAGES}))?(?P<narrative_close>[)\]])"
    )


def work_pattern(names: str = NAMES) -> re.Pattern[str]:
    """One work of a bracketed group: "see Serge 2012a, p. 3"."""
    lead = r"(?P<lead>(?:see also|see|cf\.|e\.g\.)\s+)?"
    return re.compile(
        rf"^{lead}(?P<names>{names})\s+(?P<year>{YEAR})(?:(?P<sep>,\s?|:\s?)(?P<pages>{PAGES}))?$"
    )


def names_with(organisations: frozenset[str]) -> str:
    """NAMES, where a name may also be one of the organisations the references name ('United
    Nations'): a surname is one word, and any run of capitalised words is not a name."""
    if not organisations:
        return NAMES
    known = "|".join(re.escape(o) for o in sorted(organisations, key=lambda o: (-len(o), o)))
    name = rf"(?:(?:{known})(?!\w)|{SURNAME})"
    return rf"{name}(?:(?:,\s+|\s+and\s+|\s+&\s+){name})*(?:\s+et\s+al\.?)?"


BARE = bare_pattern()
BRACKETS = {"(": ")", "[": "]"}
WORK = work_pattern()
PAGE_ONLY = re.compile(rf"^(?P<pages>pp?\.?\s?{PAGE_RANGE}(?:,\s?{PAGE_RANGE})*)$")
RANGE = re.compile(r"(?P<from>\d+|[ivxlc]+)[a-z]?(?:\s?[-–]\s?(?P<to>\d+|[ivxlc]+))?")


@dataclass
class PageSpan:
    text: str
    start: int  # offset of `text` within the citation body
    first: str
    last: str


@dataclass
class WorkCitation:
    """One work cited: "Serge 2012a" or "Abidor 2019, p. 3"."""

    names: str
    year: str
    key: str
    names_start: int
    names_end: int
    pages: list[PageSpan] = field(default_factory=list)


def first_surname(names: str) -> str:
    return re.split(r",\s+|\s+and\s+|\s+&\s+|\s+et\s+al", names)[0]


def key_for(names: str, year: str) -> str:
    return make_key(first_surname(names), year)


def closest_key(key: str, keys: Collection[str]) -> str | None:
    """The one entry a citation most likely means when its key matches none: the same year with
    the surname one letter off ('Jokers 2013' for Jockers), or the same surname and year with the
    suffix letter added or dropped ('Serge 2012' when only 2012a is listed). None if not exactly one."""
    surname, year = _split_key(key)
    candidates = set()
    for other in keys:
        other_surname, other_year = _split_key(other)
        if other_year[:4] != year[:4]:
            continue
        suffix_differs = other_surname == surname and "" in (other_year[4:], year[4:])
        misspelt = other_year == year and min(len(surname), len(other_surname)) >= 4
        if suffix_differs or (misspelt and _one_edit(surname, other_surname)):
            candidates.add(other)
    return candidates.pop() if len(candidates) == 1 else None


def _split_key(key: str) -> tuple[str, str]:
    digits = next((i for i, c in enumerate(key) if c.isdigit()), len(key))
    return key[:digits], key[digits:]


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])


def page_spans(pages: str, base: int) -> list[PageSpan]:
    """ "pp229-30" -> one span 229..230; "pp. 12, 15-17" -> two spans."""
    body = re.match(r"(?:pp?\.?\s?)?", pages)
    assert body is not None
    spans: list[PageSpan] = []
    for match in RANGE.finditer(pages, body.end()):
        first = match.group("from")
        last = _expand(first, match.group("to")) if match.group("to") else first
        # The first span's text keeps its "p." so the reader sees what the source printed.
        start = 0 if not spans else match.start()
        spans.append(PageSpan(pages[start : match.end()], base + start, first, last))
    return spans


def _expand(first: str, last: str) -> str:
    """Elided page ranges: 229-30 -> 230, 186-89 -> 189, 477-9 -> 479 (roman ones stay as written)."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return last


def backwards(span: PageSpan) -> bool:
    return span.first.isdigit() and span.last.isdigit() and int(span.last) < int(span.first)


def parse_group(body: str, pattern: re.Pattern[str] = WORK) -> list[WorkCitation] | None:
    """A bracketed citation group "Serge 2012a; Cotterill 1994, p. 3" or None if it is not one."""
    works = []
    offset = 0
    for part in body.split(";"):
        lead = len(part) - len(part.lstrip())
        match = pattern.match(part.strip())
        if match is None:
            return None
        base = offset + lead
        names = match.group("names")
        if first_surname(names) in lexicon.NOT_AUTHORS:
            return None
        work = WorkCitation(
            names,
            match.group("year"),
            key_for(names, match.group("year")),
            base + match.start("names"),
            base + match.end("year"),
        )
        if match.group("pages"):
            work.pages = page_spans(match.group("pages"), base + match.start("pages"))
        works.append(work)
        offset += len(part) + 1
    return works


def is_page_only(body: str) -> bool:
    return PAGE_ONLY.match(body.strip()) is not None and body == body.strip()
