"""Volume, issue and pages: '5(3)', 'vol. 5, no. 3', 'Jg. 12, H. 2', 'pp. 1761–1800', '477-9'."""

from __future__ import annotations

import itertools
import re

from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.dates import _DAY_MONTH, _MONTH_DAY, _MONTH_ONLY, _day_and_month
from exporter.reader.references.normalising.spans import _Fields, _plain, follows
from exporter.reader.references.record import Reference
from exporter.works import Pages

_VOLUME_LABEL = re.compile(
    r"(?:vol(?:ume)?s?|bd|band|t|tome|jg|jahrgang|année)\.?\s*(?P<value>[\w]+(?:[-–/][\w]+)?)", re.IGNORECASE
)
_ISSUE_LABEL = re.compile(
    r"(?:no|nos|nr|n°|nº|nᵒ|number|issue|iss|heft|h|fasc|cahier)\.?\s*(?P<value>[\w]+(?:\s*[-–/]\s*[\w]+)?)",
    re.IGNORECASE,
)
# '5(3)', '5.3', '5, 3', and '22:3' (Taylor & Francis) where no page range follows the colon
_VOLUME_ISSUE = re.compile(
    r"(?P<volume>\d+)\s*\((?P<issue>[^)]+)\)|(?P<volume2>\d+)(?:[.,]\s*|:)(?P<issue2>\d+)\b(?!\s*[-–—‐‑‒])"
)
# '(3-4): 363‑86.' labelled as pages: Chicago's issue in brackets before the colon and the pages
_ISSUE_BEFORE_PAGES = re.compile(r"\s*\((?P<issue>[^)]+)\)\s*:\s*(?P<pages>\S.*)")
_PAGES_AFTER_COLON = re.compile(r"\S:\s*(?P<pages>\d+\s*[-–—‐‑‒]+\s*\d+)$")
_VOLUME_SLASH_ISSUE = re.compile(r"(?P<volume>\d{2,3})/(?P<issue>[1-9]|1[0-2])")
_VOLUME_WORD = re.compile(r"(?:vol(?:ume)?|bd|band|tome)\.?", re.IGNORECASE)
_NUMBER_OPENING = re.compile(r"\s*(?:\d+|[IVXLC]+)\b\.?")
_VOLUME_COUNT = re.compile(r"\d+\s+(?:bde|bände|vols|volumes|tomes|t|voll)\.?", re.IGNORECASE)
# A supplement is an issue of its own, named as written: 'Past & Present, Supplement 1: 12-38'
_SUPPLEMENT = re.compile(r"\b(?:suppl(?:ement)?|supplément|sonderheft)\b\.?(?:\s*[\dIVX]+\b)?", re.IGNORECASE)
# German journals' 'Bibliotheksdienst 33 (1999) 6': the issue after the bracketed year
_ISSUE_AFTER_YEAR = re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\s*(?P<issue>\d+(?:\s*[-–/]\s*\d+)?)[.,]?")
_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])")
_PAGE_RANGE = re.compile(r"\d+\s*[-–—‐‑‒]+\s*\d+")
_NUMBER = re.compile(r"\b[\dIVXLCivxlc]+\b")
_PAGES = re.compile(r"(?P<first>\d+|[xivlc]+)(?:\s*[-–—‐‑‒]+\s*(?P<last>\d+|[xivlc]+))?", re.IGNORECASE)
_PAGE_LABEL = re.compile(r"^\s*(?:pp?\.|pages?|S\.|Seiten?|s\.)\s*", re.IGNORECASE)


def _volume_word_alone(text: str, spans: list[Span]) -> list[Span]:
    """'Volume' + 'IX. Parts A and B.' labelled volume, editor: a volume word alone takes the
    number that opens the next span; the rest of that span is a note."""
    for i, (word, after) in enumerate(itertools.pairwise(spans)):
        if (
            word.label != "volume"
            or not _VOLUME_WORD.fullmatch(word.text.strip())
            or not follows(word, after)
        ):
            continue
        number = _NUMBER_OPENING.match(after.text)
        if number is None:
            continue
        cut = after.start + number.end()
        mended = [Span("volume", word.start, cut, text[word.start : cut])]
        if cut < after.end and text[cut : after.end].strip():
            mended.append(Span("note", cut, after.end, text[cut : after.end]))
        return [*spans[:i], *mended, *spans[i + 2 :]]
    return spans


def _numbers(entry: Reference, fields: _Fields) -> None:
    """Volume and issue, pages; a 'volume' that is a month ('L’Humanité, novembre') dates the
    issue, and a bare range where no pages were labelled ('Bta’arof, 1‑5.') is the pages."""
    labelled_pages = fields.first("pages")
    for volume in fields.all("volume"):
        written = _plain(volume.text)
        if _DAY_MONTH.fullmatch(written) or _MONTH_DAY.fullmatch(written) or _MONTH_ONLY.fullmatch(written):
            _day_and_month(entry, written)
        elif (day := _day_before_month(fields, volume)) is not None:
            _day_and_month(entry, day)
        elif labelled_pages is None and entry.pages is None and _PAGE_RANGE.fullmatch(written):
            entry.pages = _pages(written)
        else:
            _volume_and_issue(entry, volume.text)
            if labelled_pages is None and (after := _PAGES_AFTER_COLON.search(written)):
                entry.pages = entry.pages or _pages(after["pages"])  # '16 (5):9–37'
    if entry.volume is not None and entry.issue is None:
        for date in fields.all("date"):
            if after := _ISSUE_AFTER_YEAR.fullmatch(date.text.strip()):
                entry.issue = after["issue"]  # '25 (2019) 2,', the issue labelled with its year
    if labelled_pages is not None:
        written = labelled_pages.text
        if entry.issue is None and (parts := _ISSUE_BEFORE_PAGES.fullmatch(written)):
            entry.issue, written = parts["issue"].strip(), parts["pages"]
        entry.pages = _pages(written)


def _day_before_month(fields: _Fields, volume: Span) -> str | None:
    """'Culture numérique (Blog), 3' + 'juin 2018.': a 'volume' of one or two figures right before
    a month is the day of a date, which the day and the month make together."""
    following = fields.spans.index(volume) + 1
    if following >= len(fields.spans) or not _DAY.fullmatch(_plain(volume.text)):
        return None
    date = f"{_plain(volume.text)} {fields.spans[following].text}"
    return date if _DAY_MONTH.match(date) else None


def _volume_and_issue(entry: Reference, text: str) -> None:
    """'5(3)', '5.3', '5, 3', 'vol. 5, no. 3', 'Bd. 5', 'Jg. 12, H. 2', 'n° 54', or a bare '5'."""
    if _VOLUME_COUNT.fullmatch(_plain(text)):
        return  # '3 Bde.', '2 vols.': how many volumes the work has, none of them
    if supplement := _SUPPLEMENT.search(text):
        entry.issue = entry.issue or supplement.group().strip()
        text = text[: supplement.start()]
    labelled_volume = _VOLUME_LABEL.search(text)
    labelled_issue = _ISSUE_LABEL.search(text)
    if (
        labelled_volume
        and not labelled_issue
        and (split := _VOLUME_SLASH_ISSUE.fullmatch(labelled_volume["value"]))
    ):
        entry.volume, entry.issue = entry.volume or split["volume"], entry.issue or split["issue"]
        return  # 'Vol. 67/4': the issue after the slash, smaller than the volume
    if labelled_volume or labelled_issue:
        entry.volume = entry.volume or (labelled_volume["value"] if labelled_volume else None)
        entry.issue = entry.issue or (labelled_issue["value"] if labelled_issue else None)
        if not labelled_volume and (bare := _NUMBER.match(text.strip("( "))):
            entry.volume = entry.volume or bare.group()
        return
    if pair := _VOLUME_ISSUE.search(text):
        entry.volume = entry.volume or pair["volume"] or pair["volume2"]
        entry.issue = entry.issue or (pair["issue"] or pair["issue2"]).strip()
        return
    if bare := _NUMBER.search(text):
        if entry.volume is None:
            entry.volume = bare.group()
        elif entry.issue is None:
            entry.issue = bare.group()


def _pages(text: str) -> Pages | None:
    """'pp. 1761–1800', 'S. 12–34', '477-9' (477 to 479), 'xi–xv'; None for what is not a page
    number in Arabic or lower-case Roman figures ('V2_', 'e1234')."""
    written = _PAGE_LABEL.sub("", _plain(text))
    match = _PAGES.match(written)
    if match is None or written[match.end() : match.end() + 1].isalnum() or "_" in written[match.end() :][:1]:
        return None
    first, last = match["first"].lower(), (match["last"] or match["first"]).lower()
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last  # '477-9' is 477 to 479
    if first.isdigit() != last.isdigit() or (first.isdigit() and int(last) < int(first)):
        last = first
    return Pages(written, first, last)
