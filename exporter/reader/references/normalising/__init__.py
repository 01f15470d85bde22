"""The labeller's spans -> a `Reference`: names, editors and translators, dates, volume and issue,
pages, links and the kind of work, in the forms English, French and German reference lists use.

The labels are AnyStyle's (author, date, title, journal, container-title, editor, translator,
volume, pages, publisher, location, edition, genre, note, url, doi, isbn, …). Each field is
taken from its first span; the raw string is kept beside the parse, so nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from exporter.reader import lexicon
from exporter.reader.names import Name, looks_like_organisation, parse_names
from exporter.reader.references.labelling import PUBLISHER_WORDS, Labelled, Span
from exporter.reader.references.record import Pages, Reference, ReferenceText, Unreadable, is_uri, valid_date

# Below this marginal probability a field's reading is reported for the user to check.
LOW_CONFIDENCE = 0.6
_CHECKED_FIELDS = ("author", "editor", "date", "title", "journal", "container-title", "publisher")

_YEAR = re.compile(r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\d])")
_YEAR_LABEL = re.compile(
    r"(?<!\d)(?P<year>1[5-9]\d\d|20\d\d)(?:[-–/](?P<last>1[5-9]\d\d|20\d\d))?(?P<suffix>[a-z])?(?P<doubt>\?)?(?!\d)"
)
_BARE_YEAR = re.compile(r"(?:^|[.,]\s)(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_NO_DATE = re.compile("|".join(re.escape(w) for w in lexicon.NO_DATE), re.IGNORECASE)
_MONTH = lexicon.words_pattern(frozenset(lexicon.MONTHS))
_DAY_MONTH = re.compile(
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?P<month>{_MONTH})\b\.?", re.IGNORECASE
)
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\b(?!\d)", re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"\b(?P<month>{_MONTH})\b", re.IGNORECASE)
_EDITOR_WORD = lexicon.words_pattern(frozenset(w.rstrip(".") for w in lexicon.EDITOR_WORDS))
_TRANSLATOR_WORD = lexicon.words_pattern(frozenset(w.rstrip(".") for w in lexicon.TRANSLATOR_WORDS))
# The kinds of editor a list may name: 'Morgan, Colleen (guest editor)', '(general ed.)'.
_EDITOR_ROLE = "guest|general|series|special|founding|managing|volume"
# 'In O. Card (Ed.),', '(Hrsg.):', 'edited by', 'sous la direction de': what is not a name.
_EDITOR_WORDS = re.compile(
    rf"^\s*(?:in\s*:?\s+|dans\s+|in:)?|\(?(?:\b(?:{_EDITOR_ROLE})\s+)?\b(?:{_EDITOR_WORD})\b\.?\)?"
    r"(?:\s+(?:by|von|v\.|par|de|di))?\s*:?",
    re.IGNORECASE,
)
_EDITED_BY = lexicon.words_pattern(lexicon.EDITED_BY)
_IN_BOOK_EDITED_BY = re.compile(
    rf"\s*(?:in|dans)\b:?\s+\S.*?,?\s+(?P<phrase>(?:{_EDITED_BY})\s+\S)", re.IGNORECASE
)
_EDITOR_WORDS_ONLY = re.compile(rf"\W*(?:(?:{_EDITOR_WORD})\W*)+", re.IGNORECASE)
_BY = re.compile(r"\s*(?:by|von|v\.|par|di)\s", re.IGNORECASE)
_TRANSLATOR_WORDS = re.compile(
    rf"\(?\b(?:{_TRANSLATOR_WORD})\b\.?\)?"
    r"(?:\s+(?:from\s+(?:the\s+)?\w+|de\s+l['’]\w+|aus\s+dem\s+\w+))?(?:\s+(?:by|von|v\.|par))?\s*:?",
    re.IGNORECASE,
)
_VOLUME_LABEL = re.compile(
    r"(?:vol(?:ume)?s?|bd|band|t|tome|jg|jahrgang|année)\.?\s*(?P<value>[\w]+(?:[-–/][\w]+)?)", re.IGNORECASE
)
_ISSUE_LABEL = re.compile(
    r"(?:no|nos|nr|n°|nº|nᵒ|number|issue|iss|heft|h|fasc|cahier)\.?\s*(?P<value>[\w]+(?:\s*[-–/]\s*[\w]+)?)",
    re.IGNORECASE,
)
_VOLUME_ISSUE = re.compile(r"(?P<volume>\d+)\s*\((?P<issue>[^)]+)\)|(?P<volume2>\d+)[.,]\s*(?P<issue2>\d+)\b")
_PAGES_ONLY = re.compile(r"(?:pp?\.\s*|S\.\s*)?\d+\s*(?:[-–—‐‑‒]+\s*\d+)?\.?")
_PAGE_RANGE = re.compile(r"\d+\s*[-–—‐‑‒]+\s*\d+")
_NUMBER = re.compile(r"\b[\dIVXLCivxlc]+\b")
_PAGES = re.compile(r"(?P<first>\d+|[xivlc]+)(?:\s*[-–—‐‑‒]+\s*(?P<last>\d+|[xivlc]+))?", re.IGNORECASE)
_PAGE_LABEL = re.compile(r"^\s*(?:pp?\.|pages?|S\.|Seiten?|s\.)\s*", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ACCESSED = re.compile(
    r"accessed|retrieved|consulted|consulté|abgerufen|zugegriffen|aufgerufen|zugriff|last\s+visited",
    re.IGNORECASE,
)
_THESIS = re.compile(r"thesis|dissertation|ph\.?\s?d|thèse|doktorarbeit|habilitation|diss\.", re.IGNORECASE)
_THESIS_AT_START = re.compile(
    r"(?:(?:unpublished\s+)?(?:ph\.?\s?d\.?|doctoral|m\.?a\.?|master['’]?s)\s+(?:thesis|dissertation)|diss\.|dissertation|thèse(?:\s+de\s+doctorat)?|habilitationsschrift)[,.]?\s*",
    re.IGNORECASE,
)
_THESIS_INSIDE = re.compile(rf"(?:^|[,.]\s+)(?P<marker>{_THESIS_AT_START.pattern})", re.IGNORECASE)
# 'discovery.ucl.ac.uk/1507820': a web address written without its scheme
_BARE_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)
_EDITED_INSIDE = re.compile(
    rf",?\s*(?<!\w)(?:{lexicon.words_pattern(lexicon.EDITED_BY)})\s+(?P<names>[^,]+)", re.IGNORECASE
)
_DATASET = re.compile(
    r"\[data\s*set\]|\b(?:raw|unpublished)\s+data\b|\bdataset\b|\bdatensatz\b|\bzenodo\b|10\.5281/zenodo",
    re.IGNORECASE,
)
_PROCEEDINGS = re.compile(
    r"\bproceedings\b|\bconference\b|\bworkshop\b|\bsymposium\b|\bcolloque\b|\bactes\s+du\b|\btagung\b"
    r"|\bkongress\b|\bconférence\b|\bbook\s+of\s+abstracts\b",
    re.IGNORECASE,
)
_BLOG = re.compile(r"\bblog\b", re.IGNORECASE)
_IN_BOOK = re.compile(r"\s*(?:in|dans)\b:?\s", re.IGNORECASE)
_REPORT = re.compile(
    r"\breports?\b|\bworking\s+papers?\b|\bwhite\s+paper\b|\bbericht\b|\brapport\b", re.IGNORECASE
)
# A sentence ends after a word of two letters or more, or a bracket, not after an initial ('J.').
_SENTENCE_BREAK = re.compile(r"(?<=[^\W\d_]{2}[.?!])\s+|(?<=[^\W\d_]{2}\.\.)\s+|(?<=[)\]][.])\s+")
_MAX_PUBLISHER_WORDS = 8
_MAX_SITE_WORDS = 3  # 'Wikipedia', 'chem-bla-ics', 'The Atlantic Online'; a subtitle is longer
_IN_COLON = re.compile(r"[,.]?\s+in:\s+(?=\S)", re.IGNORECASE)
_BLOG_OF = re.compile(r"(?P<name>.+?)\s*\(blog\),\s*(?P<publisher>\S.*)", re.IGNORECASE)
_PAGES_THEN_SERIES = re.compile(r"(?P<head>.+?),\s*(?P<pages>\d+\s*[-–—‐‑‒]+\s*\d+)\.\s+\S.*")
_LAST_PART = re.compile(r"(?P<head>.*\S)(?P<mark>[,.])\s+(?P<tail>[^,.]+)")
_SERIAL_NUMBER = re.compile(r"[A-Z]{0,3}-?\d+")  # '12', 'HS-33' (a special issue)
_DESCRIPTION = re.compile(r"\s*\[[^\]]+\]\s*$")
_VERSION = re.compile(r"\s*\((?:version\s+|v\.?\s*)?\d+(?:\.\d+)+\)\s*$", re.IGNORECASE)
_LINK_WORDS = re.compile(
    r"\b(?:URL|online|available\s+(?:at|from)|retrieved\s+from|verfügbar\s+unter|abrufbar\s+unter|en\s+ligne)\s*:?\s*$",
    re.IGNORECASE,
)
_QUOTES = "“”„‟\"«»‘’‚'‹›"
_CLOSING = {"“": "”", "„": "“", '"': '"', "«": "»", "‘": "’", "‚": "‘", "'": "'", "‹": "›", "»": "«"}
_EDGE = " \t\n,;:/"
_EMPHASIS = "*_"


@dataclass(frozen=True)
class _Fields:
    """The spans of one labelled string, by label, in order."""

    spans: list[Span]

    def first(self, label: str) -> Span | None:
        return next((s for s in self.spans if s.label == label), None)

    def all(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]

    def before(self, label: str, other: str) -> bool:
        """Does the first `label` span come before the first `other` span (or is there no other)?"""
        a, b = self.first(label), self.first(other)
        return a is not None and (b is None or a.start < b.start)


def normalise(labelled: Labelled, reader: ReferenceText) -> Reference:
    """The fields of a labelled reference string."""
    fields = _Fields(_mend_editor_spans(labelled.text, _mend_author_span(labelled.text, labelled.spans())))
    if (
        fields.first("title") is None
        and fields.first("container-title") is None
        and fields.first("journal") is None
    ):
        raise Unreadable("no title found")
    entry = Reference(reader.text.strip(), "", [])
    _people(entry, fields, reader)
    _date(entry, fields)
    _titles(entry, fields)
    _check_year(entry, reader)
    _imprint(entry, fields)
    _numbers(entry, fields)
    _links(entry, fields, reader)
    entry.kind = _kind(entry, fields)
    if entry.kind == "newspaperArticle" and entry.place is None:
        # newspapers are cited with their city, never a publisher: 'Le Point, novembre. Paris.'
        entry.place, entry.publisher = entry.publisher, None
    _warn_low_confidence(labelled, reader)
    return entry


# --- people ----------------------------------------------------------------------------------------

# In an inverted author list, a full stop after a whole word ends the list ('Moretti, Franco.
# Graphs, Maps, Trees.'); initials, 'Jr.' and 'Sr.' do not.
_AUTHORS_END = re.compile(r",\s[^.]*?(?<![\s.]\w)(?<!\bJr)(?<!\bSr)(?<!\bSt)\.\s+(?=[\w“‘\"«„])")


def _mend_author_span(text: str, spans: list[Span]) -> list[Span]:
    """An author span that runs on into the title it precedes is cut where the names end."""
    at = next((i for i, s in enumerate(spans) if s.label == "author"), None)
    if at is None or at + 1 >= len(spans) or spans[at + 1].label != "title":
        return spans
    author, title = spans[at], spans[at + 1]
    cut = _AUTHORS_END.search(author.text)
    if cut is None or cut.end() >= len(author.text):
        return spans
    names_end, title_start = author.start + cut.end() - 1, author.start + cut.end()
    mended = [
        Span("author", author.start, names_end, text[author.start : names_end]),
        Span("title", title_start, title.end, text[title_start : title.end]),
    ]
    return [*spans[:at], *mended, *spans[at + 2 :]]


def _mend_editor_spans(text: str, spans: list[Span]) -> list[Span]:
    """Chicago's 'In Book, edited by Names,' labelled as one editor span is the book's title and
    its editors; 'hg.' alone, with 'von Names' labelled otherwise, takes the names it brings in."""
    mended: list[Span] = []
    for span in spans:
        if span.label == "editor" and (inside := _IN_BOOK_EDITED_BY.match(span.text)):
            cut = span.start + inside.start("phrase")
            mended += [
                Span("container-title", span.start, cut, text[span.start : cut]),
                _span(text, "editor", cut, span.end),
            ]
        elif (
            mended
            and mended[-1].label == "editor"
            and _EDITOR_WORDS_ONLY.fullmatch(mended[-1].text)
            and _BY.match(span.text)
        ):
            mended[-1] = _span(text, "editor", mended[-1].start, span.end)
        else:
            mended.append(span)
    return mended


def _span(text: str, label: str, start: int, end: int) -> Span:
    return Span(label, start, end, text[start:end])


def _people(entry: Reference, fields: _Fields, reader: ReferenceText) -> None:
    if author := fields.first("author"):
        # 'Rita Dove:' (German and French lists put the given name first, with no comma)
        inverted = "," in author.text.strip().rstrip(",")
        entry.authors = _names(reader, author.text, author.start, inverted=inverted)
    editor = fields.first("editor")
    if editor is not None:
        heads = not entry.authors and fields.before("editor", "title")
        editors = _names(reader, _EDITOR_WORDS.sub(" ", editor.text), editor.start, inverted=heads)
        if heads:
            entry.authors, entry.author_role = editors, "editor"
        else:
            entry.editors = editors
    for translator in fields.all("translator"):
        entry.translators += _names(
            reader, _TRANSLATOR_WORDS.sub(" ", translator.text), translator.start, False
        )


def _names(reader: ReferenceText, text: str, offset: int, inverted: bool) -> list[Name]:
    """The names of one span; only 'et al.' is reported (the labeller's styles vary too much for
    the house style's warning about a missing comma to mean anything)."""
    cleaned = _strip_name_list(text)
    if not cleaned:
        return []
    names, issues = parse_names(cleaned, inverted_first=inverted)
    reader.name_issues([i for i in issues if "et al." in i.message], offset)
    return [n for n in names if n.surname]


def _strip_name_list(text: str) -> str:
    """'Smith, J. A., & Lee, B.' less what ends the list: a final comma or colon, but not the
    full stop of an initial or of 'Jr.'."""
    text = " ".join(text.split())
    if bracketed := re.fullmatch(r"\s*\[(.+)\][.,]?\s*", text):
        text = bracketed.group(1)  # '[Roth, Martin].': an author the work does not name, supplied
    text = text.strip(_EDGE + "()[]")
    if text.endswith(".") and not re.search(r"(?:\b[^\W\d_]|Jr|Sr|al)\.$", text):
        text = text[:-1]
    return text.strip(_EDGE)


# --- date ------------------------------------------------------------------------------------------


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


def _check_year(entry: Reference, reader: ReferenceText) -> None:
    """An entry with neither a name nor a year is not one the labeller can be trusted with; one
    with a name and no year is kept, dated 'n.d.', and the user is told."""
    if entry.year != "n.d." or _NO_DATE.search(reader.text):
        return
    if not entry.authors and not entry.editors:
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


# --- titles, imprint, numbers, links ---------------------------------------------------------------


def _titles(entry: Reference, fields: _Fields) -> None:
    title = fields.first("title")
    container = fields.first("journal") or fields.first("container-title")
    if title is not None:
        written, container_written = title.text, container.text if container else None
    else:
        assert container is not None
        written, container_written = _title_and_journal(" ".join(container.text.split()), fields)
    text, rest = _quoted_part(" ".join(written.split()))
    if rest is None and container_written is None and (inside := _IN_COLON.search(text)):
        # 'Einleitung in: Königsfelden. hier+ jetzt': German lists bring in the book with 'In:'
        text, rest = text[: inside.start()], _book_less_publisher(entry, fields, text[inside.end() :])
    if not entry.authors and (organisation := _leading_organisation(text)):
        entry.authors = [Name(organisation, organisation=True)]
        text = text[len(organisation) :].lstrip(" .,:")
    entry.title = _less_description(_strip_title(text))
    if container_written is not None:
        written = " ".join(container_written.split())
        if not entry.editors and (inside := _EDITED_INSIDE.search(written)):
            entry.editors = [n for n in parse_names(inside["names"], inverted_first=False)[0] if n.surname]
            written = written[: inside.start()]
        entry.container = _container_less_tail(entry, _container_title(written))
    elif rest:
        entry.container = _container_less_tail(entry, _container_title(rest))
    elif not any(fields.first(label) for label in ("publisher", "journal", "container-title")):
        _site_or_publisher_in_title(entry, fields)


def _container_title(written: str) -> str:
    """The journal's or book's title less the 'In', 'in:', 'dans' or editor words that lead to it."""
    return _strip_title(_EDITOR_WORDS.sub("", written, count=1) or written)


def _book_less_publisher(entry: Reference, fields: _Fields, book: str) -> str:
    """'Königsfelden: Königsmord, Kloster und Klinik. hier+ jetzt' with no publisher labelled:
    a short last sentence after the book's title is its publisher."""
    head, tail = _last_sentence(book)
    if tail is None or fields.first("publisher") or fields.first("location"):
        return book
    if len(tail.split()) > _MAX_SITE_WORDS or any(c.isdigit() for c in tail):
        return book
    entry.publisher = tail
    return head


def _title_and_journal(written: str, fields: _Fields) -> tuple[str, str | None]:
    """'Enabling Open Science (Wiki4R). Research Ideas and Outcomes' labelled as one journal, with
    no title, before a volume or pages: the last sentence is the journal, the rest the title."""
    head, tail = _last_sentence(written)
    if tail and any(fields.first(label) for label in ("volume", "pages", "doi")):
        return head, tail
    return written, None


def _site_or_publisher_in_title(entry: Reference, fields: _Fields) -> None:
    """'Bibliografie. Wikipedia. URL' (APA's web page) and 'Connaître par l’action. Les Presses
    de l’Université de Montréal.' (APA's book) labelled as one title, with no site or publisher:
    a last sentence with a publisher's word is the publisher; a short one before a link, the site."""
    assert entry.title is not None
    head, tail = _last_sentence(entry.title)
    if not tail or not head:
        return
    if _has_publisher_word(tail) and len(tail.split()) <= _MAX_PUBLISHER_WORDS:
        entry.title, entry.publisher = head, tail
    elif (
        (fields.first("url") or fields.first("doi"))
        and len(tail.split()) <= _MAX_SITE_WORDS
        and not any(c.isdigit() for c in tail)  # 'Version 1.1', '4.2.2': an edition, not a site
    ):
        entry.title, entry.container = head, tail


def _last_sentence(text: str) -> tuple[str, str | None]:
    """The text before its last sentence break and that last sentence ('Title. Journal' ->
    'Title', 'Journal'); a full stop after an initial or inside brackets is no break."""
    text = text.strip().rstrip(".,;:").strip()
    for brk in reversed(list(_SENTENCE_BREAK.finditer(text))):
        head = text[: brk.start()].rstrip(".").strip()
        if head.count("(") == head.count(")") and head.count("[") == head.count("]"):
            return head, text[brk.end() :].strip() or None
    return text, None


def _has_publisher_word(text: str) -> bool:
    """'Les Presses de l’Université', 'CRC Press', 'Suhrkamp Verlag': a word only publishers use."""
    return any(_folded(word) in PUBLISHER_WORDS for word in text.split())


def _folded(word: str) -> str:
    """A word as the labeller's word lists hold it: lower case, no accents, no punctuation."""
    bare = unicodedata.normalize("NFKD", re.sub(r"[\W_]+", "", word).lower())
    return "".join(c for c in bare if not unicodedata.combining(c))


def _container_less_tail(entry: Reference, container: str) -> str:
    """'Globalization and Postcolonial Humanity, 146‑60' / 'L’Humanité, novembre' / 'Corela,
    HS-33' / 'Démocratie, dans quel état?, 77‑94. Hors collection' / 'From the Stacks (blog),
    New-York Historical Society': pages, a date, a number, a series after the pages or a blog's
    publisher that the labeller left in the container go to their own fields or are dropped."""
    if blog := _BLOG_OF.fullmatch(container):
        entry.publisher = entry.publisher or blog["publisher"]
        return blog["name"]
    if series := _PAGES_THEN_SERIES.fullmatch(container):
        entry.pages = entry.pages or _pages(series["pages"])
        return series["head"]
    parts = _LAST_PART.fullmatch(container)
    if parts is None:
        return container
    head, tail = parts["head"].strip(), parts["tail"].strip()
    if _PAGES_ONLY.fullmatch(tail):
        entry.pages = entry.pages or _pages(tail)
    elif _DAY_MONTH.fullmatch(tail) or _MONTH_DAY.fullmatch(tail) or _MONTH_ONLY.fullmatch(tail):
        _day_and_month(entry, tail)
    elif _SERIAL_NUMBER.fullmatch(tail) and parts["mark"] == ",":
        entry.volume = entry.volume or tail
    else:
        return container
    return head


def _less_description(title: str) -> str:
    """APA's bracketed description or translation and a version after a title are not the
    title: 'Part One [Special section]', 'Autonomie. [Autonomy]', 'Charters (1.0) [Data set]'."""
    title = _DESCRIPTION.sub("", title).rstrip(" .")
    return _VERSION.sub("", title).rstrip(" .") or title


def _quoted_part(text: str) -> tuple[str, str | None]:
    """'“Title.” Journal' labelled as one title: the words inside the marks are the title, and the
    first sentence after them the container."""
    end = _closing_mark(text)
    if end < 0 or not text[end + 1 :].strip(" .,;:"):
        return text, None
    rest = re.split(r"(?<=[^\W\d_]{2})\.\s", text[end + 1 :].strip(" .,;:"))[0].strip(" .,;:")
    return text[: end + 1], rest or None


def _closing_mark(text: str) -> int:
    """Where the quotation that opens `text` closes, or -1: an apostrophe between letters
    ('‘Galileo’s notes’') closes nothing, and a quotation inside it ('« aux « riches » ? »')
    is stepped over."""
    opening = text[:1]
    closing = _CLOSING.get(opening)
    if closing is None:
        return -1
    depth = 1
    for at in range(1, len(text)):
        char = text[at]
        if char == closing and not (text[at - 1].isalpha() and text[at + 1 : at + 2].isalpha()):
            depth -= 1
            if depth == 0:
                return at
        elif char == opening and opening != closing:
            depth += 1
    return -1


def _leading_organisation(text: str) -> str | None:
    """'Virginia State Board of Charities. Annual Report': a title that opens with an
    organisation's name and a full stop or comma, where no author was labelled."""
    head = re.match(r"([^.,:;]{3,80})[.,]\s+\S", text)
    if head is None or not looks_like_organisation(head.group(1).strip()):
        return None
    return head.group(1).strip()


def _strip_title(text: str) -> str:
    """A title less its quotation marks and the punctuation that closes the field."""
    text = " ".join(text.split()).strip(_EDGE)
    if text and text[0] in _EMPHASIS and text.count(text[0]) == 1:
        text = text[1:]  # '*Census 1910': a stray mark of emphasis from the source
    for _ in range(2):
        text = text.rstrip(".,;:").strip()
        if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
            text = text[1:-1].strip()
        elif text[-1:] in _QUOTES and text[:1] not in _QUOTES and text.count(text[-1]) == 1:
            text = text[:-1].strip()
        elif text[:1] in _QUOTES and text[-1:] not in _QUOTES and text.count(text[0]) == 1:
            text = text[1:].strip()
    return text.rstrip(".,;:").strip()


def _imprint(entry: Reference, fields: _Fields) -> None:
    location = fields.first("location")
    if publisher := fields.first("publisher"):
        text = _plain(publisher.text)
        place, colon, rest = text.partition(":")
        if colon and rest.strip() and location is None and len(place) < 40:
            entry.place, text = place.strip(), rest.strip()
        entry.publisher = _publisher_less_others(entry, fields, publisher, text) or None
    if location is not None:
        # 'Beihefte zu Editio 40:175–86. Berlin/Boston:': the place is the last sentence
        entry.place = re.split(r"\.\s+", _plain(location.text))[-1] or entry.place
        if publisher is not None and publisher.text.lstrip().startswith("/"):
            # 'Basel / Graz': two places, the second labelled as the publisher
            entry.place, entry.publisher = f"{entry.place} / {entry.publisher}", None
    if edition := fields.first("edition"):
        entry.edition = _plain(edition.text)
    if genre := fields.first("genre"):
        entry.thesis = _plain(genre.text) if _THESIS.search(genre.text) else None
    if not entry.thesis:
        _thesis_of(entry, fields)


def _publisher_less_others(entry: Reference, fields: _Fields, publisher: Span, text: str) -> str:
    """The publisher of a span that holds a second sentence: 'University College London.
    discovery.ucl.ac.uk/1507820' (an address), 'Stanford University Press. Stanford' (the place
    after it), 'Markdown. CRC Press' (the end of the title before it)."""
    head, tail = _last_sentence(text)
    if tail is None:
        return text
    if _BARE_ADDRESS.fullmatch(tail):
        return head
    place_after = (
        fields.first("location") is None and entry.place is None and len(tail.split()) <= _MAX_SITE_WORDS
    )
    if place_after and _has_publisher_word(head) and not _has_publisher_word(tail):
        entry.place = tail
        return head
    if (
        _has_publisher_word(tail)
        and not _has_publisher_word(head)
        and _extends_title(entry, fields, publisher, head)
    ):
        return tail
    return text


def _extends_title(entry: Reference, fields: _Fields, span: Span, words: str) -> bool:
    """Add `words`, which open `span`, to the title when the span comes right after the title
    (and no place stands between them): 'Bookdown … with R' + 'Markdown. CRC Press.'"""
    title = fields.first("title")
    at = fields.spans.index(span)
    if title is None or at == 0 or fields.spans[at - 1] != title or fields.first("location") is not None:
        return False
    if entry.title != _strip_title(title.text):
        return False
    entry.title = _strip_title(f"{title.text} {words}")
    return True


def _thesis_of(entry: Reference, fields: _Fields) -> None:
    """'Diss. Uni Basel', 'PhD thesis, University of Warwick', 'Thèse de doctorat, Université de
    Montpellier 1': the kind of thesis and the awarding institution, in the publisher or a note;
    what comes before the marker in the publisher ends the title."""
    if entry.publisher and (marker := _THESIS_INSIDE.search(entry.publisher)):
        before = entry.publisher[: marker.start()].strip(" ,.")
        publisher = fields.first("publisher")
        assert publisher is not None
        if not before or _extends_title(entry, fields, publisher, before):
            entry.thesis = marker["marker"].strip(" ,.") or None
            entry.publisher = entry.publisher[marker.end() :].strip() or None
        return
    for note in fields.all("note"):
        if marker := _THESIS_AT_START.match(_plain(note.text)):
            entry.thesis = marker.group().strip(" ,.") or None
            entry.publisher = entry.publisher or _plain(note.text)[marker.end() :].strip() or None
            return


def _plain(text: str) -> str:
    """A span less its closing punctuation and brackets."""
    text = " ".join(text.split()).strip(_EDGE)
    text = text.removeprefix("(").removesuffix(")") if text.startswith("(") and text.endswith(")") else text
    text = text.rstrip(".,;:").strip(_EDGE)
    if text.count("(") != text.count(")"):
        text = text.strip("()").strip(_EDGE)
    return text


def _numbers(entry: Reference, fields: _Fields) -> None:
    """Volume and issue, pages; a 'volume' that is a month ('L’Humanité, novembre') dates the
    issue, and a bare range where no pages were labelled ('Bta’arof, 1‑5.') is the pages."""
    labelled_pages = fields.first("pages")
    for volume in fields.all("volume"):
        written = _plain(volume.text)
        if _DAY_MONTH.fullmatch(written) or _MONTH_DAY.fullmatch(written) or _MONTH_ONLY.fullmatch(written):
            _day_and_month(entry, written)
        elif labelled_pages is None and entry.pages is None and _PAGE_RANGE.fullmatch(written):
            entry.pages = _pages(written)
        else:
            _volume_and_issue(entry, volume.text)
    if labelled_pages is not None:
        entry.pages = _pages(labelled_pages.text)


def _volume_and_issue(entry: Reference, text: str) -> None:
    """'5(3)', '5.3', '5, 3', 'vol. 5, no. 3', 'Bd. 5', 'Jg. 12, H. 2', 'n° 54', or a bare '5'."""
    labelled_volume = _VOLUME_LABEL.search(text)
    labelled_issue = _ISSUE_LABEL.search(text)
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


def _links(entry: Reference, fields: _Fields, reader: ReferenceText) -> None:
    for span in fields.all("url"):
        entry.online = True
        if entry.container is None and fields.first("publisher") is None:
            entry.container = _site_before_link(span.text)
        for url in _urls_in(span.text):
            if is_uri(url):
                entry.urls.append(url)
            else:
                reader.warn(span.start, f"'{url}' is not a well-formed URL; kept only in the raw reference")
    if doi := fields.first("doi"):
        found = _DOI.search(doi.text)
        entry.doi = found.group().rstrip(".,;)") if found else None
    if isbn := fields.first("isbn"):
        entry.isbn = re.sub(r"^\s*ISBN(?:-1[03])?:?\s*", "", _plain(isbn.text), flags=re.IGNORECASE)
    for span in fields.all("date"):
        if _is_access(fields, span):
            written = _plain(re.sub(_ACCESSED, "", span.text)).strip(" :")
            entry.accessed = (written, _iso(written))


def _site_before_link(text: str) -> str | None:
    """'eJRIEPS. https://doi.org/…', 'prisma.com. URL: http://…': the name the labeller left in
    the link's span, before the link and its 'URL:' or 'Available at:', is the journal or site."""
    lead = _LINK_WORDS.sub(
        "", re.split(r"\s(?=<?(?:https?://|www\.))|^(?=<?(?:https?://|www\.))", text, maxsplit=1)[0]
    )
    lead = _plain(lead)
    if not any(c.isalpha() for c in lead) or len(lead.split()) > _MAX_SITE_WORDS:
        return None
    return lead


def _urls_in(text: str) -> list[str]:
    """The URLs of a span: 'https://doi. org/10.3406/x' (broken at a line's end) is one; 'http://a.org.
    Tool available from http://b.org' are two, and the words between them none."""
    urls: list[str] = []
    follows_url = False
    for token in text.split():
        bare = token.lstrip("<([")
        if bare.lower().startswith(("http://", "https://", "www.")):
            urls.append(bare)
            follows_url = True
        elif follows_url and urls[-1].endswith((".", "/", "-", "_")) and "/" in bare:
            urls[-1] += bare
        else:
            follows_url = False
    return [_trimmed_url(u) for u in urls]


def _trimmed_url(url: str) -> str:
    """Sentence punctuation and brackets after a URL are not part of it; a ')' is if one was opened."""
    url = url.rstrip(">],.;:")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(">],.;:")
    return url


def _iso(written: str) -> str | None:
    year = _YEAR.search(written)
    match = _DAY_MONTH.search(written) or _MONTH_DAY.search(written)
    if year is None or match is None:
        return None
    iso = f"{year['year']}-{lexicon.MONTHS[match['month'].lower()]:02d}-{int(match['day']):02d}"
    return iso if valid_date(iso) else None


# --- the kind of work ------------------------------------------------------------------------------


def _kind(entry: Reference, fields: _Fields) -> str:
    if entry.thesis:
        return "thesis"
    words = " ".join(
        s.text for s in fields.spans if s.label in {"genre", "note", "publisher", "title", "url", "doi"}
    )
    if _DATASET.search(words):
        return "dataset"
    if entry.container is not None and _PROCEEDINGS.search(entry.container) and entry.issue is None:
        return "conferencePaper"
    if entry.container is None and _REPORT.search(
        " ".join(s.text for s in fields.all("genre") + fields.all("title"))
    ):
        return "report"
    journal = fields.first("journal")
    if journal is not None and _IN_BOOK.match(journal.text):
        return "bookSection"  # 'In Vengeance?, 39‑46.': a book's title, however labelled
    if journal is not None and (_series_of_book(entry) or _publisher_of_book(entry, fields)):
        return "book"
    site = " ".join(s.text for s in fields.spans if s.label in {"journal", "container-title", "note"})
    if _BLOG.search(f"{entry.container or ''} {site}"):
        return "webpage"  # 'Culture numérique (Blog)', 'Sphinx Blog': a blog is a web site
    if journal is not None:
        return _serial_kind(entry)
    if entry.container is not None:
        if entry.online and entry.publisher is None and fields.first("editor") is None:
            # a web page has no page numbers; a DOI names a published article
            if entry.volume or entry.issue or _has_doi(entry):
                return "journalArticle"
            return "bookSection" if entry.pages else "webpage"
        return "bookSection"
    if entry.online and entry.publisher is None and entry.place is None:
        return "webpage"  # a book on the web still names where, or by whom, it was published
    return "book"


def _serial_kind(entry: Reference) -> str:
    """A newspaper is dated to the month or day and has no volume; what is on the web with no
    volume, issue, pages or DOI is a page of a site; the rest are articles in journals."""
    numbered = entry.volume or entry.issue or entry.pages or _has_doi(entry)
    if entry.month is not None and not (entry.volume or entry.pages):
        return "newspaperArticle"
    if entry.online and not numbered:
        return "webpage"
    return "journalArticle"


def _has_doi(entry: Reference) -> bool:
    """A DOI, labelled as one or written as a link ('https://doi.org/10.4000/ejrieps.4829')."""
    return entry.doi is not None or any(_DOI.search(url) for url in entry.urls)


def _series_of_book(entry: Reference) -> bool:
    """'Arbeiten zur Editionswissenschaft 4. Köln: Böhlau': a 'journal' after which a publisher
    or place is named, with no pages and no month (a newspaper's), is the series of a book."""
    if entry.pages is not None or entry.month is not None or not (entry.publisher or entry.place):
        return False
    entry.container = entry.volume = entry.issue = None
    return True


def _publisher_of_book(entry: Reference, fields: _Fields) -> bool:
    """MLA's 'Title. 1st ed., Drawn and Quarterly, 2006.': a 'journal' with no volume, issue,
    pages, month or link, after an unquoted title or an edition, is the book's publisher."""
    title = fields.first("title")
    unquoted = title is not None and title.text.strip()[:1] not in _QUOTES
    if entry.volume or entry.issue or entry.pages or entry.month or entry.online or entry.publisher:
        return False
    if not (unquoted or fields.first("edition") is not None):
        return False
    entry.publisher, entry.container = entry.container, None
    return True


def _warn_low_confidence(labelled: Labelled, reader: ReferenceText) -> None:
    """Name the fields whose labels the model was unsure of, so the user knows what to check."""
    doubtful: dict[str, str] = {}
    for token, label, confidence in zip(labelled.tokens, labelled.labels, labelled.confidence, strict=True):
        if confidence < LOW_CONFIDENCE and label in _CHECKED_FIELDS and label not in doubtful:
            doubtful[label] = token.text
    if doubtful:
        fields = ", ".join(f"{label} ('{word}')" for label, word in doubtful.items())
        reader.warn(0, f"reference '{reader.shown()}' read with low confidence: check its {fields}")
