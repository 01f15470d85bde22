"""The year of the work ('2012a', '1912–1913', 'n.d.'), its day and month, and which dates are
access dates."""

from __future__ import annotations

import re

from exporter.reader import lexicon
from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.spans import _Fields, _is_place, _plain
from exporter.reader.references.record import Reference, ReferenceText, Unreadable

_YEAR = re.compile(r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?P<suffix>[a-z](?![a-z]))?(?![\d])")
_YEAR_LABEL = re.compile(
    r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?:[-–/](?P<last>1[5-9]\d\d|20\d\d))?(?P<suffix>[a-z](?![a-z]))?(?P<doubt>\?)?(?!\d)"
)
# 'University College Cork, 2013. [2013a]': the label the text's citations use, after the date.
_BRACKETED_LABEL = re.compile(r"\[(?P<year>1[5-9]\d\d|20\d\d)(?P<suffix>[a-z])\]")
_BARE_YEAR = re.compile(r"(?:^|[.,]\s)(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_NO_DATE = re.compile("|".join(re.escape(w) for w in lexicon.NO_DATE), re.IGNORECASE)
_MONTH = lexicon.words_pattern(frozenset(lexicon.MONTHS))
_DAY_MONTH = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?P<month>{_MONTH})\b\.?", re.IGNORECASE
)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\b(?!\d)", re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"\b(?P<month>{_MONTH})\b", re.IGNORECASE)
_ACCESSED = re.compile(
    r"accessed|retrieved|consulted|consulté|abgerufen|zugegriffen|aufgerufen|zugriff|last\s+visited",
    re.IGNORECASE,
)


# 'Sphinx Blog. February' + '9,' + '2019.': a site's name that ran on into the month of its date
_MONTH_CLOSING = re.compile(rf"(?<=[.,])\s+(?P<month>{_MONTH})\.?$", re.IGNORECASE)
_DAY_AND_YEAR = re.compile(r"(?:[1-9]|[12]\d|3[01]),?\s+(?:1[5-9]\d\d|20\d\d)[.,]?")


def _date_after_site(text: str, spans: list[Span]) -> list[Span]:
    """A journal span that ends in a month after a full stop or a comma, with the day and the
    year in the spans after it, ends before the month, and the three make a date."""
    for i, span in enumerate(spans[:-2]):
        month = _MONTH_CLOSING.search(span.text) if span.label == "journal" else None
        if month is None:
            continue
        end = spans[i + 2].end
        if not _DAY_AND_YEAR.fullmatch(text[spans[i + 1].start : end]):
            continue
        cut = span.start + month.start("month")
        site = Span("journal", span.start, cut, text[span.start : cut].rstrip())
        return [*spans[:i], site, Span("date", cut, end, text[cut:end]), *spans[i + 3 :]]
    return spans


# German lists' imprint with no publisher: 'Tübingen 1879.', 'Göppingen 1978–1981.'
_PLACE_YEAR = re.compile(
    r"(?:^|(?<=[^\W\d_]{2}\.)\s+)(?P<place>[A-ZÀ-Ý][^\W\d_]+(?:[ /-][A-ZÀ-Ý][^\W\d_]+)?)\s+"
    r"(?P<year>(?:1[5-9]|20)\d\d(?:[–-](?:1[5-9]|20)?\d\d)?)\.?$"
)
_SPANS_WITH_PLACE_YEAR = frozenset({"title", "container-title", "journal", "note"})


def _place_and_year(text: str, spans: list[Span]) -> list[Span]:
    """An undated entry whose title, book or note ends in 'Place Year.' (the labeller's reading of
    a place it does not know): that sentence is the place and the date."""
    if any(s.label == "date" and _YEAR.search(s.text) for s in spans):
        return spans
    for i, span in enumerate(spans):
        found = _PLACE_YEAR.search(span.text.rstrip()) if span.label in _SPANS_WITH_PLACE_YEAR else None
        if found is None or not _is_place(found["place"]):
            continue
        place_start, year_start = span.start + found.start("place"), span.start + found.start("year")
        mended = [Span(span.label, span.start, place_start, text[span.start : place_start].rstrip())]
        mended = [m for m in mended if m.text]
        mended += [
            Span("location", place_start, year_start, text[place_start:year_start].rstrip()),
            Span("date", year_start, span.end, text[year_start : span.end]),
        ]
        return [*spans[:i], *mended, *spans[i + 1 :]]
    return spans


def _date(entry: Reference, fields: _Fields) -> None:
    """The year (with its suffix) of the first date that is not an access date; day and month
    when that date or a later one (a newspaper's '28 February') gives them."""
    dates = [
        s
        for s in fields.spans
        if (s.label == "date" or (s.label == "note" and _dates_the_work(s.text)))
        and not _is_access(fields, s)
    ]
    for span in dates:
        if year := _YEAR_LABEL.search(span.text):
            entry.year = _year_label(year)
            break
    else:
        entry.year = "n.d."
    label = _BRACKETED_LABEL.search(entry.raw)
    if label and entry.year in ("n.d.", label["year"]):
        entry.year = label.group()[1:-1]
    for span in dates:
        if _day_and_month(entry, span.text):
            break


def _year_label(found: re.Match[str]) -> str:
    """The year as the list's citations give it: '2012a'; '1912–1913a' (a range that carries a
    suffix is the label citations use; a bare range is dated by its first year); '2007?'."""
    if found["suffix"] and found["last"]:
        return found.group()
    return found["year"] + (found["suffix"] or "") + (found["doubt"] or "")


def _dates_the_work(note: str) -> bool:
    """A note that gives a full date ('11 mars 2018.', 'last modified July 31 2019') or ends in a
    year of its own ('Unpublished raw data. 2017.'): the labeller's note is then the date."""
    written = _plain(note)
    full = _DAY_MONTH.search(written) or _MONTH_DAY.search(written)
    return bool(full and _YEAR.search(written, full.end())) or _BARE_YEAR.search(written) is not None


def _check_year(entry: Reference, reader: ReferenceText, fields: _Fields) -> None:
    """An entry with neither a name nor a year nor a link is not one the labeller can be trusted
    with; one with a name or a link and no year is kept, dated 'n.d.', and the user is told (lists
    give a project's page as 'Trompamusic, URL')."""
    if entry.year != "n.d." or _NO_DATE.search(reader.text):
        return
    linked = fields.first("url") or fields.first("doi")
    if not entry.authors and not entry.editors and not linked:
        raise Unreadable("no author and no year found")
    reader.warn(0, f"no year in reference '{reader.shown()}'; dated 'n.d.': add the year if the work has one")


def _is_access(fields: _Fields, span: Span) -> bool:
    """A date after 'accessed', 'retrieved', 'consulté le', 'abgerufen am'."""
    before = [s for s in fields.spans if s.end <= span.start]
    return bool(before and before[-1].label == "note" and _ACCESSED.search(before[-1].text)) or bool(
        _ACCESSED.search(span.text)
    )


def _day_and_month(entry: Reference, text: str) -> bool:
    match = _DAY_MONTH.search(text) or _MONTH_DAY.search(text)
    if match is not None:
        entry.month = lexicon.MONTHS[match["month"].lower()]
        entry.day = int(match["day"])
        return True
    if (month := _MONTH_ONLY.search(text)) is not None:
        entry.month = lexicon.MONTHS[month["month"].lower()]
        return True
    return False
