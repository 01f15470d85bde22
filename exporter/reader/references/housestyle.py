"""The house style's rules: one author-date reference string ('Serge, Victor 2012a, Memoirs of a
Revolutionary, New York Review Books.') and the reviewed-work line -> a `Reference`.

A reference is read in three steps: the head (names, "(ed.)", year and suffix), the links (URL, DOI,
access date), then the comma-separated segments after the title, each classified (volume, pages,
"edited by", …) before the kind of work is decided from what is there. Offsets into the string are
kept throughout so every diagnostic points at the place in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from exporter.reader.lexicon import MONTHS, words_pattern
from exporter.reader.names import Name, is_generational, looks_like_person, parse_names
from exporter.reader.references.record import Reference, ReferenceText, Unreadable, is_uri, valid_date
from exporter.tei import make_key
from exporter.works import Pages

_MONTH = rf"(?:{words_pattern(frozenset(MONTHS))})\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = r"(?P<first>\d+)(?:\s*[-–—]\s*(?P<last>\d+))?"
_PAGES_LABEL = r"(?:pp?\.?|pages?)\s*"
# '1 May 2021', 'May 1, 2021', '2021-05-01'
_DATE_WRITTEN = re.compile(
    rf"(?P<day>{_DAY})\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>{_DAY}),?\s+(?P<year2>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)

# "Cotterill, David (ed.) 1994, " — names run to the first four-digit year. (No \s* around the
# lazy names group: with it, a long run of spaces takes cubic time.)
_HEAD = re.compile(
    r"(?P<names>[^\d]*?)(?:\((?P<role>eds?\.?|editors?)\)\s*)?\(?(?<!\d)(?P<year>\d{4})"
    r"(?P<suffix>[a-z])?(?![\w])\)?\s*[,.:;]?\s*",
    re.IGNORECASE,
)
_TRAILING_ROLE = re.compile(r",?\s*\((?:eds?\.?|editors?)\)\s*$|,\s*eds?\.$", re.IGNORECASE)

_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(?P<doi>10\.\d{4,9}/\S+)", re.IGNORECASE)
_URL = re.compile(
    r"(?:(?:available\s+(?:online\s+)?(?:at|from|online)|online\s+at|retrieved\s+from|online|url)\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>]*)>?",
    re.IGNORECASE,
)
_ACCESSED = re.compile(
    rf"[(\[]?(?:last\s+)?accessed(?:\s+on)?\s*:?\s*(?P<date>(?:{_DAY}\s+{_MONTH}|{_MONTH}\s+{_DAY}),?\s+\d{{4}}|[^)\],;]*?)[)\]]?"
    r"(?=\s*[,.;]?\s*$|\s*[,;])",
    re.IGNORECASE,
)

# One segment (text between commas) of what follows the title.
_SEGMENT_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("in", r"(?-i:in|In:)\s+(?P<value>.+)"),
        ("editors", r"(?:edited|eds?\.?)\s+by\s+(?P<value>.+)|ed\.\s+(?P<value2>[A-Z].+)"),
        ("translators", r"(?:translated(?:\s+from\s+(?:the\s+)?\w+)?|trans\.?|tr\.)\s+"
         r"(?:by\s+)?(?P<value>.+)"),
        ("thesis", r"(?:unpublished\s+)?(?:ph\.?\s?d\.?|doctoral|m\.?a\.?|m\.?phil\.?|master['’]?s)\s+"
         r"(?:thesis|dissertation)"),
        # "2nd edn" is an edition, not a publisher
        # element, so the raw string keeps it.
        ("edition", r"(?:\d+(?:st|nd|rd|th)|revised|new|expanded|second|third)\s+(?:edn\.?|ed\.|edition)"),
        ("volume_issue", rf"(?:vol(?:ume)?\.?\s*)?(?P<volume>\d+)\s*\((?P<issue>[^)]+)\)"
         rf"(?:\s*:\s*(?:{_PAGES_LABEL})?{_RANGE})?"),
        ("number_pages", rf"(?:no\.?\s*)?(?P<number>\d+)\s*:\s*(?:{_PAGES_LABEL})?{_RANGE}"),
        ("volume", r"vol(?:ume)?\.?\s*(?P<volume>\d+)"),
        ("issue", r"(?:nos?\.?|issue|iss\.)\s*(?P<issue>\d+(?:\s*[-–/]\s*\d+)?)"),
        ("pages", rf"{_PAGES_LABEL}{_RANGE}|(?P<first2>\d+)\s*[-–—]\s*(?P<last2>\d+)"),
        ("number", r"(?P<number>\d+)"),
        # '4 June', 'June 4', '4 juin 1951': a newspaper's day (its year is the entry's)
        ("date", rf"(?:(?P<day>{_DAY})\s+(?P<month>{_MONTH})|(?P<month2>{_MONTH})(?:\s+(?P<day2>{_DAY}))?)"
         r"(?:,?\s+\d{4})?"),
    )
)  # fmt: skip

_TRAILING_VOLUME = re.compile(rf"(?<=[^\W\d])\s+\d+\s*\([^)]+\)(?:\s*:\s*{_RANGE})?$")
_STATE_THEN_PUBLISHER = re.compile(r"[A-Z]{2}\s*:\s*\S.*")
_PLACE_PUBLISHER = re.compile(r"(?P<place>[^\W\d][^:\d]{0,40}?)\s*:\s*(?P<publisher>\S.*)")
_REVIEWED_YEAR = re.compile(rf"(?:(?:{_DAY}\s+)?{_MONTH}\s+)?\(?(?P<year>\d{{4}})\)?", re.IGNORECASE)
_ISBN = re.compile(r"ISBN(?:-1[03])?:?\s*(?P<isbn>[\dXx][\d\sXx-]{8,20}[\dXx])")
_EXTENT = re.compile(r"\d+\s*(?:pp\.?|pages)|[xivlc]+\s*\+\s*\d+\s*pp\.?", re.IGNORECASE)
_OPEN_QUOTES = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“"}
_MAX_NAME_WORDS = 6  # more, and the "names" before the year are really a title
_MAX_ORGANISATION_WORDS = 10  # "Museum of the City of New York"
_SERIAL = frozenset({"volume_issue", "number_pages", "volume", "issue", "pages", "number"})


@dataclass(frozen=True)
class _Seg:
    text: str
    start: int  # offset in the reference string, for diagnostics
    kind: str = "text"
    match: re.Match[str] | None = None

    def group(self, *names: str) -> str | None:
        """The first of the named groups that matched (alternatives in a pattern use name2)."""
        if self.match is None:
            return None
        groups = self.match.groupdict()
        return next((groups[n] for n in names if groups.get(n)), None)


# --- reading a reference -------------------------------------------------------------------------


def read_reference(reader: ReferenceText) -> Reference:
    text = reader.text
    head = _HEAD.match(text)
    if head is None:
        raise Unreadable("no year found")
    names, issues = parse_names(head["names"].strip(" ,"))
    if not names or any(_too_long(n) for n in names):
        raise Unreadable("no 'Surname, Given Year' at the start")
    reader.name_issues(issues, head.start("names"))
    entry = Reference(text.strip(), head["year"] + (head["suffix"] or ""), names)
    entry.author_role = "editor" if head["role"] else "author"
    _with_links(entry, reader, head.end())
    masked = _blank_links(text, head.end())
    title, quoted, segments = _title_and_segments(reader, masked, head.end())
    _resolve(entry, reader, title, quoted, segments)
    return entry


def _too_long(name: Name) -> bool:
    if name.organisation:
        return len(name.surname.split()) > _MAX_ORGANISATION_WORDS
    return len(name.surname.split()) + len(name.forenames) > _MAX_NAME_WORDS


def read_reviewed(reader: ReferenceText) -> Reference:
    text = reader.text
    masked = _blank_links(text, 0)
    segments = _segments(masked, 0)
    year_at = max((i for i, s in enumerate(segments) if _REVIEWED_YEAR.fullmatch(s.text)), default=None)
    if year_at is None or year_at < 2:
        raise Unreadable("expected 'Author, Title, Publisher, Year'")
    year_match = _REVIEWED_YEAR.fullmatch(segments[year_at].text)
    assert year_match is not None
    n_names = _count_name_segments(segments, year_at)
    names_text = ", ".join(s.text for s in segments[:n_names])
    role = _TRAILING_ROLE.search(names_text)
    names, issues = parse_names(names_text[: role.start()] if role else names_text, inverted_first=False)
    reader.name_issues(issues, segments[0].start)
    entry = Reference(text.strip(), year_match["year"], names, "editor" if role else "author")
    _with_links(entry, reader, 0)
    _reviewed_book(entry, reader, segments[n_names:year_at])
    _reviewed_extras(entry, reader, segments[year_at + 1 :])
    return entry


def _count_name_segments(segments: list[_Seg], year_at: int) -> int:
    """The first segment names the authors; a following one does too if it is a person's name and
    a title still follows it ('Jane Doe, John Smith, Title, Publisher, 2019'), and so does a
    generational name after it ('King, Martin Luther, Jr., Title, …')."""
    count = 1
    while count + 2 < year_at and (
        looks_like_person(segments[count].text) or is_generational(segments[count].text)
    ):
        count += 1
    return count


def _reviewed_book(entry: Reference, reader: ReferenceText, middle: list[_Seg]) -> None:
    """Title[, translated by …], [Place: ]Publisher: a book, whatever its words look like."""
    segments = _merge_name_lists([_classify(s) for s in middle[1:]])
    for seg in segments:
        _apply_keyword(entry, reader, seg)
    _read_book(entry, middle[0].text, [s for s in segments if s.kind == "text"])
    _warn_unused(reader, [s for s in segments if s.kind not in {"text", "editors", "translators", "edition"}])


def _reviewed_extras(entry: Reference, reader: ReferenceText, segments: list[_Seg]) -> None:
    for seg in segments:
        if isbn := _ISBN.fullmatch(seg.text):
            entry.isbn = isbn["isbn"]
        elif _EXTENT.fullmatch(seg.text):
            entry.extent = seg.text
        else:
            reader.warn(
                seg.start, f"unrecognised part '{seg.text}' of the reviewed work; kept only as written"
            )


# --- links: DOI, URL, access date ------------------------------------------------------------------


def _with_links(entry: Reference, reader: ReferenceText, start: int) -> None:
    """Record the DOI, URLs and access date the text holds from `start`."""
    text = reader.text
    if doi := _DOI.search(text, start):
        entry.doi = _trim_url(doi["doi"])
    without_doi = _blank(text, [m.span() for m in _DOI.finditer(text, start)])
    for match in _URL.finditer(without_doi, start):
        entry.online = True
        url = _trim_url(match["url"])
        if is_uri(url):
            entry.urls.append(url)
        else:
            reader.warn(
                match.start("url"), f"'{url}' is not a well-formed URL; kept only in the raw reference"
            )
    if accessed := _ACCESSED.search(without_doi, start):
        written = accessed["date"].strip()
        entry.accessed = (written, _iso_date(written))


def _blank_links(text: str, start: int) -> str:
    """The text with DOI, URLs and access date blanked out, so offsets still point into the source."""
    masked = _blank(text, [_trimmed_span(m, "doi") for m in _DOI.finditer(text, start)])
    masked = _blank(masked, [_trimmed_span(m, "url") for m in _URL.finditer(masked, start)])
    spans = [m.span() for m in _ACCESSED.finditer(masked, start)]
    return _blank(masked, spans)


def _trimmed_span(match: re.Match[str], group: str) -> tuple[int, int]:
    """The match's span less the punctuation _trim_url takes off its link (a ',' may follow)."""
    link = match[group]
    end = match.end() - (len(link) - len(_trim_url(link))) if match.end() == match.end(group) else match.end()
    return match.start(), end


def _trim_url(url: str) -> str:
    """Sentence punctuation after a URL is not part of it; a ')' is only if one was opened."""
    url = url.rstrip(".,;:")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:")
    return url


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _iso_date(written: str) -> str | None:
    match = _DATE_WRITTEN.fullmatch(written.strip(" .,"))
    if match is None:
        return None
    if match["iso"]:
        return match["iso"] if valid_date(match["iso"]) else None
    day = _number(match["day"] or match["day2"])
    month = MONTHS[(match["month"] or match["month2"]).lower().rstrip(".")]
    iso = f"{match['year'] or match['year2']}-{month:02d}-{day:02d}"
    return iso if valid_date(iso) else None


def _number(written: str) -> int:
    return int(re.sub(r"\D", "", written))


# --- title and segments ----------------------------------------------------------------------------


def _title_and_segments(reader: ReferenceText, masked: str, start: int) -> tuple[str, bool, list[_Seg]]:
    """The title (quoted, or else the first segment) and the classified segments after it."""
    title_start = start + len(masked[start:]) - len(masked[start:].lstrip())
    quoted = _quoted_title(reader, masked, title_start)
    if quoted is not None:
        title, end = quoted
        return title, True, [_classify(s) for s in _segments(masked, end)]
    segments = _segments(masked, start)
    if not segments:
        raise Unreadable("no title after the year")
    return segments[0].text, False, [_classify(s) for s in segments[1:]]


def _quoted_title(reader: ReferenceText, text: str, start: int) -> tuple[str, int] | None:
    """A title in quotation marks at `start`: (title without marks and final comma, end offset)."""
    opening = text[start : start + 1]
    closing = _OPEN_QUOTES.get(opening)
    if closing is None:
        return None
    found = _closing_mark(closing).search(text, start + 1)
    if found is None:
        reader.warn(start, f"unclosed quotation mark {opening} in reference; title read up to the next comma")
        return None
    title = " ".join(text[start + 1 : found.start()].split()).rstrip(",").rstrip()
    return (title, found.end()) if title else None


def _closing_mark(mark: str) -> re.Pattern[str]:
    """A closing mark counts only before punctuation, 'in' or the end, or after a comma or full stop
    ('“Title,” Journal'), so that apostrophes inside a title don't close it."""
    mark = re.escape(mark)
    return re.compile(rf"{mark}(?=\s*[,.:;(\[]|\s+[Ii]n:?\s|\s*$)|(?<=[,.?!]){mark}")


def _segments(text: str, start: int) -> list[_Seg]:
    """Comma-separated parts from `start`, not splitting inside brackets or quotation marks."""
    end = len(text.rstrip())
    if text[start:end].endswith("."):
        end -= 1  # the reference's final full stop
    segments: list[_Seg] = []
    depth, begin, quote = 0, start, ""
    for i in range(start, end):
        char = text[i]
        if quote:
            quote = "" if char == _OPEN_QUOTES[quote] else quote
        elif char in "“«„":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            _add_segment(segments, text, begin, i)
            begin = i + 1
    _add_segment(segments, text, begin, end)
    return _with_states(segments)


def _with_states(segments: list[_Seg]) -> list[_Seg]:
    """'Cambridge, MA: MIT Press': a US state's code after the town is part of the place."""
    joined: list[_Seg] = []
    for seg in segments:
        if joined and _STATE_THEN_PUBLISHER.fullmatch(seg.text):
            joined[-1] = _Seg(f"{joined[-1].text}, {seg.text}", joined[-1].start)
        else:
            joined.append(seg)
    return joined


def _add_segment(segments: list[_Seg], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    if not chunk.strip(" \t\r\n.;:"):
        return
    begin = start + len(chunk) - len(chunk.lstrip())
    # A wrapped line is one space; "Journal 12 (3): 45-67" (no comma) is two segments.
    words = " ".join(chunk.split())
    numbers = _TRAILING_VOLUME.search(words)
    if numbers and numbers.start() > 0:
        segments.append(_Seg(words[: numbers.start()].rstrip(), begin))
        segments.append(_Seg(numbers.group().strip(), begin + numbers.start()))
    else:
        segments.append(_Seg(words, begin))


def _classify(seg: _Seg) -> _Seg:
    for kind, pattern in _SEGMENT_KINDS:
        if match := pattern.fullmatch(seg.text):
            return _Seg(seg.text, seg.start, kind, match)
    return seg


# --- deciding the kind of work -------------------------------------------------------------------


def _resolve(entry: Reference, reader: ReferenceText, title: str, quoted: bool, segments: list[_Seg]) -> None:
    """Fill the entry from the title and the classified segments after it."""
    segments = _merge_name_lists(segments)
    for seg in segments:
        _apply_keyword(entry, reader, seg)
    texts = [s for s in segments if s.kind == "text"]
    serial = [s for s in segments if s.kind in _SERIAL]
    dates = [s for s in segments if s.kind == "date"]
    in_at = next((i for i, s in enumerate(segments) if s.kind == "in"), None)
    if in_at is not None:
        _read_section(entry, reader, title, segments, in_at)
    elif any(s.kind == "thesis" for s in segments):
        _read_thesis(entry, reader, title, segments)
    elif not quoted and _volume_of_book(segments):
        _read_book(entry, title, texts)
        _read_numbers(entry, serial)
    elif serial or dates:
        _read_article(entry, reader, title, quoted, segments, bool(serial))
    elif entry.online and not (texts and _PLACE_PUBLISHER.fullmatch(texts[-1].text)):
        # With no site named, the page is the monograph: no analytic (see _has_analytic).
        entry.kind, entry.title = "webpage", title
        entry.container = ", ".join(s.text for s in texts) or None
    elif quoted and not texts:
        raise Unreadable("a quoted title but no journal, book or publisher after it")
    elif quoted:
        entry.kind, entry.title, entry.container = "journalArticle", title, ", ".join(s.text for s in texts)
    else:
        _read_book(entry, title, texts)


def _volume_of_book(segments: list[_Seg]) -> bool:
    """'Capital, Volume 1, London: Penguin': a labelled volume followed by a publisher is a book's."""
    serial = [i for i, s in enumerate(segments) if s.kind in _SERIAL]
    after = segments[serial[-1] + 1 :] if serial else []
    return [segments[i].kind for i in serial] == ["volume"] and any(s.kind == "text" for s in after)


def _merge_name_lists(segments: list[_Seg]) -> list[_Seg]:
    """'edited by A. Smith, B. Jones and C. Lee' was cut at its commas: join the names back."""
    merged: list[_Seg] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        end = _name_list_end(segments, i) if seg.kind in {"editors", "translators"} else i
        if end > i:
            text = ", ".join(s.text for s in segments[i : end + 1])
            seg = _classify(_Seg(text, seg.start))
        merged.append(seg)
        i = end + 1
    return merged


def _name_list_end(segments: list[_Seg], at: int) -> int:
    """Index of the last segment continuing the name list at `at` (itself if none does)."""
    j = at + 1
    while (
        j < len(segments) and segments[j].kind == "text" and looks_like_person(_last_name(segments[j].text))
    ):
        if re.search(r"\s(?:and|&)\s", segments[j].text):
            return j
        j += 1
    return at


def _last_name(text: str) -> str:
    return re.split(r"\s+(?:and|&)\s+", text)[-1]


def _apply_keyword(entry: Reference, reader: ReferenceText, seg: _Seg) -> None:
    value = seg.group("value", "value2")
    if seg.kind == "editors" and value:
        entry.editors += _names_in(reader, value, seg.start + seg.text.index(value))
    elif seg.kind == "translators" and value:
        entry.translators += _names_in(reader, value, seg.start + seg.text.index(value))
    elif seg.kind == "thesis":
        entry.thesis = seg.text
    elif seg.kind == "edition":
        entry.edition = seg.text


def _names_in(reader: ReferenceText, text: str, offset: int) -> list[Name]:
    names, issues = parse_names(text, inverted_first=False)
    reader.name_issues(issues, offset)
    return names


def _read_book(entry: Reference, title: str, texts: list[_Seg]) -> None:
    """Title[, more title], [Place: ]Publisher — the last plain segment is the publisher."""
    entry.kind = "book"
    entry.title = ", ".join([title, *(s.text for s in texts[:-1])])
    if texts:
        _set_publisher(entry, texts[-1].text)


def _read_thesis(entry: Reference, reader: ReferenceText, title: str, segments: list[_Seg]) -> None:
    """Title, PhD thesis, Institution[, Place]."""
    entry.kind = "thesis"
    marker = next(i for i, s in enumerate(segments) if s.kind == "thesis")
    before = [s.text for s in segments[:marker] if s.kind == "text"]
    entry.title = ", ".join([title, *before])
    after = [s for s in segments[marker + 1 :] if s.kind == "text"]
    if after:
        _set_publisher(entry, after[0].text)  # the awarding institution
    if len(after) == 2 and entry.place is None:
        entry.place = after[1].text
    _warn_unused(reader, after[2:])


def _read_article(
    entry: Reference, reader: ReferenceText, title: str, quoted: bool, segments: list[_Seg], serial: bool
) -> None:
    """Title, Journal, volume, issue[: pages][, day month] — or a newspaper's day and month."""
    first_number = next(i for i, s in enumerate(segments) if s.kind in _SERIAL | {"date"})
    before = [s.text for s in segments[:first_number] if s.kind == "text"]
    entry.kind = "journalArticle"
    if quoted and not before:
        raise Unreadable("no journal or newspaper named after the title")
    if not before:
        raise Unreadable("a journal but no article title")
    if quoted:
        entry.title, entry.container = title, ", ".join(before)
    else:
        entry.title, entry.container = ", ".join([title, *before[:-1]]), before[-1]
    numbers = [s for s in segments[first_number:] if s.kind in _SERIAL | {"date"}]
    _read_numbers(entry, numbers)
    if not serial and entry.day is not None:
        entry.kind = "newspaperArticle"
    _warn_unused(reader, [s for s in segments[first_number:] if s.kind == "text"])


def _read_section(
    entry: Reference, reader: ReferenceText, title: str, segments: list[_Seg], in_at: int
) -> None:
    """Title, in [Editor (ed.), ]Book, [edited by …, ][Place: ]Publisher, pages."""
    entry.kind = "bookSection"
    before = [s.text for s in segments[:in_at] if s.kind == "text"]
    entry.title = ", ".join([title, *before])
    inside = segments[in_at].group("value") or ""
    offset = segments[in_at].start + segments[in_at].text.index(inside)
    texts = [s.text for s in segments[in_at + 1 :] if s.kind == "text"]
    if role := _TRAILING_ROLE.search(inside):
        entry.editors += _names_in(reader, inside[: role.start()], offset)
        book_parts = texts[:-1] if len(texts) > 1 else texts
        texts = texts[len(book_parts) :]
    else:
        book_parts = [inside, *texts[:-1]]
        texts = texts[-1:]
    entry.container = ", ".join(book_parts)
    if not entry.container:
        raise Unreadable("no book title after 'in'")
    if texts:
        _set_publisher(entry, texts[-1])
    numbers = [s for s in segments[in_at + 1 :] if s.kind in {"pages", "number"}]
    if numbers:
        entry.pages = _pages(numbers[0])


def _read_numbers(entry: Reference, numbers: list[_Seg]) -> None:
    """Volume, issue, pages and date parts, in the order journals write them."""
    for seg in numbers:
        if seg.kind == "date":
            _read_day_month(entry, seg)
        elif seg.kind == "pages":
            entry.pages = _pages(seg)
        elif seg.kind == "issue":
            entry.issue = seg.group("issue")
        elif seg.kind in {"volume", "volume_issue"}:
            entry.volume, entry.issue = seg.group("volume"), seg.group("issue") or entry.issue
        else:
            _bare_number(entry, seg)
        if seg.kind in {"volume_issue", "number_pages"} and seg.group("first"):
            entry.pages = _pages(seg)


def _bare_number(entry: Reference, seg: _Seg) -> None:
    """Unlabelled numbers run volume, issue, then page ('15, 23' / '12, 3: 45-67')."""
    number = seg.group("number")
    if entry.volume is None:
        entry.volume = number
    elif entry.issue is None:
        entry.issue = number
    elif entry.pages is None:
        entry.pages = _pages(seg)


def _read_day_month(entry: Reference, seg: _Seg) -> None:
    month = seg.group("month", "month2")
    day = seg.group("day", "day2")
    entry.month = MONTHS[month.lower().rstrip(".")] if month else None
    entry.day = _number(day) if day else None


def _pages(seg: _Seg) -> Pages:
    """'pp186-89' -> 186 to 189; '477-9' -> 477 to 479; the text keeps what was written, sans label."""
    first = seg.group("first", "first2", "number") or ""
    last = seg.group("last", "last2") or first
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    written = seg.text
    if seg.match is not None and seg.kind in {"volume_issue", "number_pages"}:
        written = seg.text[seg.match.start("first") :]
    written = re.sub(rf"^{_PAGES_LABEL}", "", written, flags=re.IGNORECASE)
    return Pages(written, first, last)


def _set_publisher(entry: Reference, text: str) -> None:
    if match := _PLACE_PUBLISHER.fullmatch(text):
        entry.place, entry.publisher = match["place"], match["publisher"]
    else:
        entry.publisher = text


def _warn_unused(reader: ReferenceText, segments: list[_Seg]) -> None:
    for seg in segments:
        reader.warn(seg.start, f"unrecognised part '{seg.text}' in reference; kept only in the raw reference")


def fallback_key(raw: str, line: int) -> str:
    """The key of an entry that could not be parsed: its first word and year, as for the others."""
    head = _HEAD.match(raw)
    if head:
        word = re.search(r"[^\W\d_][\w’'-]*", head["names"])
        if word:
            return make_key(word.group(), head["year"] + (head["suffix"] or ""))
    return f"ref{line}"
