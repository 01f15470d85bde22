"""The title and the container (journal, book or site): quotation marks, descriptions and versions
off the title, and what the labeller left in a title or container (pages, a date, a number, a
publisher, a site, the editors) moved to its own field."""

from __future__ import annotations

import itertools
import re

from exporter.reader import lexicon
from exporter.reader.names import ACRONYM, Name, looks_like_organisation, parse_names
from exporter.reader.references import dictionary
from exporter.reader.references.features import PUBLISHER_WORDS, _canonical
from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.dates import _DAY_MONTH, _MONTH_DAY, _MONTH_ONLY, _day_and_month
from exporter.reader.references.normalising.numbers import _pages
from exporter.reader.references.normalising.people import _EDITOR_WORDS, _span
from exporter.reader.references.normalising.spans import _EDGE, DOI, SENTENCE_BREAK, _Fields, follows
from exporter.reader.references.record import Reference

_PAGES_ONLY = re.compile(r"(?:pp?\.\s*|S\.\s*)?\d+\s*(?:[-–—‐‑‒]+\s*\d+)?\.?")
# A list of given-name-first names, as 'edited by' brings them in: 'Katharina Krüger, Elisabetta
# Mengaldo, und Eckhard Schumacher, Beihefte zu Editio 40' ends before the series, whose words are
# no name's (a number follows them). A full stop stands only in initials ('C.R. Palmerino'), so
# that 'edited by John Smith. Oxford' does not take the place.
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"(?-i:(?:[{_UPPER}][a-z]{{0,2}}\.-?)+|[{_UPPER}][\w'’-]+)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?-i:{lexicon.words_pattern(lexicon.PARTICLES)})\s+)*{_NAME_WORD}){{0,3}}"
_NAME_SEPARATOR = rf"(?:,\s+(?:{lexicon.words_pattern(lexicon.NAME_AND)})\s+|,\s+|\s+(?:{lexicon.words_pattern(lexicon.NAME_AND)})\s+)"
_EDITED_INSIDE = re.compile(
    rf",?\s*(?<!\w)(?:{lexicon.words_pattern(lexicon.EDITED_BY)})\s+"
    rf"(?P<names>{_NAME}(?:{_NAME_SEPARATOR}{_NAME})*(?=\s*[,.;:(]|\s*$)|[^,]+)",
    re.IGNORECASE,
)
_MAX_PUBLISHER_WORDS = 8
# One full stop between title and series: a title of several sentences is a German one
# ('Max Beckmann. Die Skizzenbücher. Ein kritischer Katalog'), and '?' ends a main title.
# 'Kaiso! Writings By and About Katherine Dunham. Studies in Dance History': a ! or ? may stand
# inside the title, a full stop not (it would be a second sentence of the title)
_SERIES_AFTER = re.compile(r"(?P<title>[^.]*[^\s.?!]{2})\.\s+(?P<series>[^.?!:\d]+?)\.?")
_MAX_SERIES_WORDS = 4  # 'Conversations with comic artists'; a subtitle is longer
_MIN_TITLE_WORDS = 2
_MAX_PLACE_WORDS = 3  # 'Toronto', 'New York', 'Frankfurt am Main'
_PLACE_PREFIXES = frozenset({"new", "san", "santa", "saint", "st"})
_MAX_SITE_WORDS = 3  # 'Wikipedia', 'chem-bla-ics', 'The Atlantic Online'; a subtitle is longer
_IN_COLON = re.compile(r"[,.]?\s+in:\s+(?=\S)", re.IGNORECASE)
_BLOG_OF = re.compile(r"(?P<name>.+?)\s*\(blog\),\s*(?P<publisher>\S.*)", re.IGNORECASE)
_PAGES_THEN_SERIES = re.compile(r"(?P<head>.+?),\s*(?P<pages>\d+\s*[-–—‐‑‒]+\s*\d+)\.\s+\S.*")
_LAST_PART = re.compile(r"(?P<head>.*\S)(?P<mark>[,.])\s+(?P<tail>[^,.]+)")
_SERIAL_NUMBER = re.compile(r"[A-Z]{0,3}-?\d+")  # '12', 'HS-33' (a special issue)
_LINK_LABEL = re.compile(r"\b(?:doi|url|online)\s*:?\s*$", re.IGNORECASE)  # 'Epoiesen. DOI:'
_DESCRIPTION = re.compile(r"\s*\[[^\]]+\]\s*$")
# How many volumes a work has is not its title: 'Commercium Philosophicum, 2 Bde', 'Works, 3 vols.'
_EXTENT = re.compile(r",?\s*\d+\s*(?:Bde|Bände|vols?|volumes|t\.|tomes)\.?\s*$", re.IGNORECASE)
_BLOG_MARK = re.compile(r"\s*\((?:blog|podcast|video)\)\s*$", re.IGNORECASE)
PROCEEDINGS = re.compile(
    r"\bproceedings\b|\bconference\b|\bworkshop\b|\bsymposium\b|\bcolloque\b|\bactes\s+du\b|\btagung\b"
    r"|\bkongress\b|\bconférence\b|\bbook\s+of\s+abstracts\b",
    re.IGNORECASE,
)
_PLACE_LINKS = frozenset({"am", "an", "upon", "sur"})  # lower-case words inside a town's name
# A conference's town after its name: 'Proceedings of the Symposium, Washington', 'FOSDEM. Bruxelles'.
_TOWN = re.compile(rf"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:{'|'.join(sorted(_PLACE_LINKS))}|[A-ZÀ-Ý][\w’'-]+)){{0,2}}")
_VERSION = re.compile(r"\s*\((?:version\s+|v\.?\s*)?\d+(?:\.\d+)+\)\s*$", re.IGNORECASE)
_DATE_LIKE = frozenset({"date", "citation-number"})  # '9.' in '8. und 9. Juni' reads as a list number
_SENTENCE_END = (".", "?", "!", "”", '"', "’", "»", "“")
_QUOTES = "“”„‟\"«»‘’‚'‹›"
# The marks that may close each opening one: German „…“, but also „…” and, typed, „…"
_CLOSING = {"“": "”", "„": '“”"', '"': '"', "«": "»", "‘": "’", "‚": "‘’", "'": "'", "‹": "›", "»": "«"}
_EMPHASIS = "*_"
# ', In: Book' inside a title span, or 'in Book' after a quoted title: '‘Title?’ in Digital …'
_IN_INSIDE_TITLE = re.compile(
    r"(?:[,.]\s+(?=(?-i:In):)|(?<=[’”“»\"])[.,]?\s+(?=[Ii]n:?\s))(?P<in>[Ii]n:?\s+\S)"
)
_SERIES_AND_NUMBER = re.compile(r"\((?P<series>[^();]{3,});\s*(?P<number>\d+)(?:/\d+)?\)")
# Those who worked on a book beside its author or editor, named after its title
_CONTRIBUTORS = re.compile(
    r"(?:,\s*|\.\s+|\s+)(?:unter\s+Mitarbeit\s+von|in\s+Verbindung\s+mit|in\s+Zusammenarbeit\s+mit"
    r"|in\s+collaboration\s+with|with\s+the\s+(?:assistance|collaboration)\s+of|avec\s+la\s+collaboration\s+de"
    r"|(?-i:Mit)\s+einem\s+[^,;]{1,40}?\s+von)\s+[A-ZÀ-Ý].*$",
    re.IGNORECASE,
)
_PRESENTED_AT = re.compile(
    r"^\s*(?:(?:paper|talk|poster)\s+)?presented\s+at\s+(?:the\s+)?|^\s*(?:vortrag|gehalten)\s+(?:auf|bei)\s+(?:der|dem)?\s*",
    re.IGNORECASE,
)
_BLOG_OPENING = re.compile(r"^\s*(?:blog|weblog)[.:]\s+(?=\S)", re.IGNORECASE)
_SHORT_NAME_AFTER = re.compile(r"\s+\([A-Z][A-Za-z]*\s?\d{0,4}\)(?=[.,;:]?\s*$)")
_VOLUME_NUMBER_OPENING = re.compile(r"^[IVX]{1,4}:\s+(?=[A-ZÀ-Ý])")
_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l’", "l'", "die", "der", "das", "il", "el"})
# The words no title ends in (as written, lower-case: 'Plan A' ends), and the spans a title cut
# short before one of them runs on into
PARTICLES = lexicon.PARTICLES
# Words no title ends with: 'Selected Papers of … and', 'Vorwort der', 'Hugo von'
_OPEN_ENDS = (
    lexicon.NAME_AND | lexicon.CONNECTORS | (_ARTICLES - {"l’", "l'"}) | {"von", "van", "vom", "zu", "zur"}
)
_DASHES = frozenset({"–", "—", "-"})
_RUN_ON_INTO = frozenset({"author", "editor", "edition", "note"})
_INITIAL = re.compile(r"[A-ZÀ-Ý]\.")
# 'Robyn Schiff: A Woman …': two to four capitalised words, a colon; 'Pfeifer:nichts': a surname
# glued to the title by its colon
_NAMES_COLON = re.compile(r"(?P<names>[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){1,3})\s*:\s*(?=\S)")
_SURNAME_GLUED = re.compile(r"(?P<surname>[A-ZÀ-Ý][\w’'-]+):(?=\S)")
_CLOSING_YEARS = re.compile(r",\s+(?P<years>(?:1[5-9]|20)\d\d[–-](?:1[5-9]|20)\d\d\.)(?:\s|$)")
_APA_DATE = re.compile(r"\(\d{4}[a-z]?\)\.")
# 'In: Book', 'dans Livre': a book's title follows
IN_BOOK = re.compile(r"\s*(?:in|dans)\b:?\s", re.IGNORECASE)
# Words only a journal's name holds ('Ex Novo: Journal of Archaeology', 'Revue d’histoire'): such
# a name, even unnumbered and on the web, is a journal's, not a web site's. Not 'magazine': an
# online magazine's piece is as often a web page.
JOURNAL_NAME = re.compile(
    r"\b(?:journal|zeitschrift|revue|review|quarterly|bulletin|annals|annales|jahrbuch)\b", re.I
)


def _mend_title_dates(text: str, spans: list[Span]) -> list[Span]:
    """'(1967). Eindrücke einer Studienreise im Frühjahr 1965. Klostermann.': once the entry is
    dated, a date that a title runs into, mid-sentence, is the title's ('… am 8. und 9. Juni 1967 in
    Berlin.' too, with the title's words after it). So is a bare year that a book's or a journal's
    name runs into ('In: TEI 2019 Book of Abstracts.', 'Conference Proceedings 2021, pages')."""
    out: list[Span] = []
    dated = merging = False
    for span in spans:
        previous = out[-1] if out else None
        if (
            dated
            and previous is not None
            and (merging or _runs_into_date(previous, span))
            and (span.label in _DATE_LIKE or (merging and span.label in _TITLE_LIKE))
        ):
            merging = span.label in _DATE_LIKE  # the title's words after the date end the run
            out[-1] = Span(previous.label, previous.start, span.end, text[previous.start : span.end])
            continue
        merging = False
        dated = dated or span.label == "date"
        out.append(span)
    return out


_TITLE_LIKE = frozenset({"title", "container-title", "journal"})
_LONE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[,.]?")


def _runs_into_date(previous: Span, date: Span) -> bool:
    """A title that does not end its sentence before the date; a book's or journal's name only
    with no punctuation at all and a bare year ('Journal, June 5, 2019.' is a newspaper's date)."""
    if previous.label == "title":
        return not previous.text.rstrip().endswith(_SENTENCE_END)
    return (
        previous.label in _TITLE_LIKE
        and previous.text.rstrip()[-1:].isalnum()
        and _LONE_YEAR.fullmatch(date.text.strip()) is not None
    )


def _quoted_title_from_date(text: str, spans: list[Span]) -> list[Span]:
    """'“December 2018' + 'Update: Taffety Tarts Enter the OED,”' labelled date, title: a date
    that opens a quotation the title closes is the title's first words."""
    for i, (date, title) in enumerate(itertools.pairwise(spans)):
        opens = date.text[:1] in _CLOSING and _closing_mark(date.text) < 0
        if date.label == "date" and title.label == "title" and follows(date, title) and opens:
            return [*spans[:i], _span(text, "title", date.start, title.end), *spans[i + 2 :]]
    return spans


def _years_closing_title(text: str, spans: list[Span]) -> list[Span]:
    """'Records, 1915–2001. State government records collection': in an undated entry, the span of
    years that closes a title's first sentence is an archive's dates, and the first its year."""
    if any(s.label == "date" for s in spans):
        return spans
    for i, span in enumerate(spans):
        years = _CLOSING_YEARS.search(span.text) if span.label == "title" else None
        if years is None:
            continue
        start, end = span.start + years.start("years"), span.start + years.end("years")
        mended = [
            _span(text, "title", span.start, span.start + years.start()),
            _span(text, "date", start, end),
        ]
        if end + 1 < span.end:
            mended.append(_span(text, "note", end + 1, span.end))
        return [*spans[:i], *mended, *spans[i + 1 :]]
    return spans


def _journal_before_journal(spans: list[Span]) -> list[Span]:
    """'(1965). Symposium über Informationstechnik Juni 1965 Moskau. Zentralblatt für …, 79(10)'
    labelled journal, date, title, journal: an article has one journal, so a 'journal' where the
    title stands, with no title before it and a title before the next journal, is the title's
    start."""
    labels = [s.label for s in spans]
    if labels.count("journal") < 2 or "title" not in labels:
        return spans
    first = labels.index("journal")
    second = labels.index("journal", first + 1)
    if "title" in labels[:first] or "title" not in labels[first + 1 : second] or first == 0:
        return spans
    if labels[first - 1] != "date":
        return spans
    return [*spans[:first], spans[first]._replace(label="title"), *spans[first + 1 :]]


def _journal_cut_after_article(text: str, spans: list[Span]) -> list[Span]:
    """'The' + 'Conversation, 11 mars 2018.': a journal span that ends in an article has lost the
    rest of its name to the next span, up to that span's first comma."""
    at = next((i for i, s in enumerate(spans) if s.label == "journal"), None)
    if at is None or at + 1 >= len(spans) or spans[at + 1].label != "note":
        return spans
    journal, note = spans[at], spans[at + 1]
    words = journal.text.split()
    if not words or words[-1].lower() not in _ARTICLES or "," not in note.text:
        return spans
    cut = note.start + note.text.index(",")
    mended = [
        journal._replace(end=cut, text=text[journal.start : cut]),
        note._replace(start=cut + 1, text=text[cut + 1 : note.end]),
    ]
    return [*spans[:at], *mended, *spans[at + 2 :]]


def _title_running_on(text: str, spans: list[Span]) -> list[Span]:
    """'Selected Papers of Elizabeth Cady Stanton and' + author 'Susan B. Anthony.', 'Vorwort der' +
    editor 'Herausgeber. In …', 'Urfehdebücher der Stadt Basel –' + edition 'digitale Edition.':
    no title ends in 'and', 'der' or a dash, so the next span's first sentence is the title's end
    (and a title span right after it goes on with it). No name begins with a word in lower case
    but a particle: 'Sprache und Metrik' + author 'im XIV. und XV. Jahrhundert.' is one title."""
    for _ in range(len(spans)):
        mended = _run_on_once(text, spans)
        if mended is spans:
            return spans
        spans = mended
    return spans


def _run_on_once(text: str, spans: list[Span]) -> list[Span]:
    for i, (title, after) in enumerate(itertools.pairwise(spans)):
        if title.label != "title" or after.label not in _RUN_ON_INTO or not follows(title, after):
            continue
        words = title.text.split()
        lower = (
            after.label == "author" and after.text[:1].islower() and after.text.split()[0] not in PARTICLES
        )
        if words and (words[-1] in _OPEN_ENDS or words[-1] in _DASHES or lower):
            brk = None if lower else SENTENCE_BREAK.search(after.text)  # 'im XIV. und XV. …' is whole
            cut = after.start + brk.start() if brk else after.end
            rest = spans[i + 2 :]
            if brk is None and rest and rest[0].label == "title" and follows(after, rest[0]):
                cut, rest = rest[0].end, rest[1:]
            mended = [Span("title", title.start, cut, text[title.start : cut])]
            if brk:
                mended.append(after._replace(start=after.start + brk.end(), text=after.text[brk.end() :]))
            return [*spans[:i], *mended, *rest]
    return spans


def _names_opening_title(text: str, spans: list[Span]) -> list[Span]:
    """German lists' 'Robyn Schiff: A Woman of Property.' read all as title, and 'Judith Nika' +
    'Pfeifer:nichts ist wichtiger': given names and surname before a colon open the entry, every
    word of them one the dictionary knows as a name (not 'Digital Humanities: A Primer')."""
    if not spans or spans[0].label not in ("title", "author"):
        return spans
    first = spans[0]
    if first.label == "title" and (head := _NAMES_COLON.match(first.text)) and _all_names(head["names"]):
        names_end, title_start = first.start + head.end("names"), first.start + head.end()
        return [_span(text, "author", first.start, names_end), _span(text, "title", title_start, first.end),
                *spans[1:]]  # fmt: skip
    if first.label == "author" and len(spans) > 1 and spans[1].label == "title" and "," not in first.text:
        glued = _SURNAME_GLUED.match(spans[1].text)
        if glued and follows(first, spans[1]) and _all_names(glued["surname"]):
            title = spans[1]
            names_end, title_start = title.start + glued.end("surname"), title.start + glued.end()
            return [_span(text, "author", first.start, names_end), _span(text, "title", title_start, title.end),
                    *spans[2:]]  # fmt: skip
    return spans


def _all_names(words: str) -> bool:
    return all("n" in dictionary.tags(_canonical(w)) for w in words.split())


def _in_inside_title(text: str, spans: list[Span]) -> list[Span]:
    """'Illuminierte Urkunden 1430-12-06_St-Gallen, In: Urkunden als offene Forschungsdaten.' +
    'Langzeitarchivierung …': German lists' 'In:' inside a title span begins the book (or site)
    it is in, which runs on through a book's or journal's span right after it; so does 'in' after
    a quoted title ('‘What is a scholarly digital edition?’ in Digital Scholarly Editing.')."""
    for i, span in enumerate(spans):
        inside = _IN_INSIDE_TITLE.search(span.text) if span.label == "title" else None
        if inside is None:
            continue
        cut = span.start + inside.start("in")
        end, label = span.end, "container-title"
        rest = spans[i + 1 :]
        if rest and rest[0].label in {"container-title", "journal"} and follows(span, rest[0]):
            end, label, rest = rest[0].end, rest[0].label, rest[1:]
        title_end = span.start + inside.start()
        mended = [_span(text, "title", span.start, title_end), _span(text, label, cut, end)]
        return [*spans[:i], *mended, *rest]
    return spans


def _site_before_page(spans: list[Span]) -> list[Span]:
    """'JAFM, Introduction. http://…', 'NINES, About. http://…': an acronym and a comma before the
    title of an undated page on the web name the site, not an author (a body as author is set off
    by a full stop: 'UNESCO. Title.')."""
    labels = [s.label for s in spans]
    if labels[:2] != ["author", "title"] or "url" not in labels or "date" in labels:
        return spans
    name = spans[0].text.strip()
    if not name.endswith(",") or not ACRONYM.fullmatch(name[:-1]):
        return spans
    return [spans[0]._replace(label="container-title"), *spans[1:]]


def _name_as_title(spans: list[Span]) -> list[Span]:
    """'Gephi. https://gephi.org/', 'Concordia Codebase, https://github.com/…': a name alone before
    a link, labelled as an author, with no comma inside it (a person's would be 'Surname, Given'),
    is what the link names: a program, a site, a project."""
    labels = [s.label for s in spans]
    if not labels or labels[0] != "author" or set(labels[1:]) - {"url", "note"} or "url" not in labels:
        return spans
    name = spans[0].text.strip().rstrip(".,:;")
    if "," in name or len(name.split()) > _MAX_SITE_WORDS:
        return spans
    return [spans[0]._replace(label="title"), *spans[1:]]


def _note_as_title(spans: list[Span]) -> list[Span]:
    """'Connaître par l’action. Les Presses de l’Université de Montréal.' all labelled as a note,
    with no title, journal or book: the first note is the title (and what the title rules make
    of its last sentence)."""
    if any(s.label in {"title", "journal", "container-title"} for s in spans):
        return spans
    note = next((i for i, s in enumerate(spans) if s.label == "note"), None)
    if note is None:
        return spans
    return [*spans[:note], spans[note]._replace(label="title"), *spans[note + 1 :]]


def _titles(entry: Reference, fields: _Fields) -> None:
    title = fields.first("title")
    container = (
        book_before_journal(fields)
        or fields.first("journal")
        or fields.first("container-title")
        or _book_after_quoted(title, fields)
    )
    if title is not None:
        written, container_written = title.text, container.text if container else None
        if container is not None and (
            _title_ends_in(title, container, fields) or _cut_at_initial(title, container)
        ):
            written, container_written = f"{title.text.rstrip()} {container.text}", None
        elif container_written is not None and _apa_dated(fields):
            written, container_written = _journal_begun_in_title(written, container_written)
        elif container_written is not None and _ends_in_quoted_word(title.text):
            written, container_written = _title_ended_in_journal(written, container_written)
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
    elif not any(fields.first(label) for label in ("publisher", "journal", "container-title")) and not (
        _journal_in_note(entry, fields)
    ):
        _site_or_publisher_in_title(entry, fields)


def book_before_journal(fields: _Fields) -> Span | None:
    """'In Wolfgang Koeppen: Jugend, herausgegeben von …, Werke Bd. 7:112–90.': a book brought in
    by 'In' before a 'journal' is the book the part is in, the 'journal' its edition or series."""
    book, journal = fields.first("container-title"), fields.first("journal")
    if book is None or journal is None or book.start > journal.start or not IN_BOOK.match(book.text):
        return None
    return book


def _book_after_quoted(title: Span | None, fields: _Fields) -> Span | None:
    """MLA's '“Chapter.” Eds. T. C. Skeat and J. K. Elliott. The Collected Biblical Writings.',
    with both titles labelled title: a second title after a quoted one is the book it stands in."""
    titles = fields.all("title")
    if title is None or len(titles) < 2 or title.text.lstrip()[:1] not in _QUOTES:
        return None
    return titles[1]


def _journal_begun_in_title(title: str, journal: str) -> tuple[str, str]:
    """'Dokumentation: Vom Katalog zum Automatic Information System. Nachrichten / Vereinigung
    Schweizerischer Bibliothekare,' then the journal 'Schweizerische Vereinigung für
    Dokumentation,': a title span that runs into the journal without the full stop (or closing
    quotation mark) a title ends with has taken the journal's first words, its last sentence."""
    ending = title.rstrip()
    if not _runs_on(ending) or IN_BOOK.match(journal):
        return title, journal
    head, tail = _last_sentence(ending)
    if tail is None or tail[:1] in _QUOTES or len(head.split()) < _MIN_TITLE_WORDS:
        return title, journal
    return head, f"{ending[ending.rindex(tail) :]} {journal}"


def _ends_in_quoted_word(title: str) -> bool:
    """'… Crannogs and ‘Otherworldly’': a title span that ends in a word quoted inside it, with no
    full stop, has not ended (a title ends in a full stop before its journal)."""
    text = title.rstrip()
    return (
        len(text) > 2 and text[-1] in _QUOTES and text[-2].isalpha() and text[0] not in _QUOTES
        and _opened_inside(text)
    )  # fmt: skip


def _title_ended_in_journal(title: str, journal: str) -> tuple[str, str]:
    """The journal span's first short sentence ('Sites.' of 'Sites. World Archaeology,') is the
    end of the title before it."""
    head = re.match(r"(?P<end>[^.]+?)\.\s+(?P<rest>\S.*)", journal)
    if head is None or len(head["end"].split()) > _MAX_SITE_WORDS:
        return title, journal
    return f"{title.rstrip()} {head['end']}", head["rest"]


def _title_ends_in(title: Span, container: Span, fields: _Fields) -> bool:
    """'An Encoding Model for' + 'Genetic Editions.', with no volume, issue or pages: a title span
    ending in a lower-case word, right before a 'journal' of no number, stopped short of its end."""
    if not _ends_in_lower_case_word(title.text) or not follows(title, container):
        return False
    if IN_BOOK.match(container.text):
        return False
    return not any(fields.first(label) for label in ("volume", "issue", "pages"))


def _cut_at_initial(title: Span, container: Span) -> bool:
    """'… Stanton and Susan B.' + 'Anthony.': a title span that ends in an initial, before a
    'journal' of one word, was cut inside a name."""
    words = title.text.split()
    return bool(words) and _INITIAL.fullmatch(words[-1]) is not None and len(container.text.split()) == 1


def _apa_dated(fields: _Fields) -> bool:
    """'(1964).' after the authors: APA, whose article titles always end in a full stop."""
    date = fields.first("date")
    return date is not None and _APA_DATE.fullmatch(date.text.strip()) is not None


def _runs_on(title: str) -> bool:
    """A title span ending in a comma ('Bibliothekare,') or a lower-case word ('des Bibliothek
    der'): no title ends so, a name going on into the next span does."""
    return title.rstrip().endswith(",") or _ends_in_lower_case_word(title)


def _ends_in_lower_case_word(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1].isalpha() and words[-1].islower()


def _journal_in_note(entry: Reference, fields: _Fields) -> bool:
    """'“Title”. Epoiesen. DOI: http://dx.doi.org/10.22215/…' with the journal's name labelled as
    a note: a quoted title, then a short name and a DOI, is an article in that journal."""
    title, note = fields.first("title"), fields.first("note")
    if title is None or note is None or title.text.strip()[:1] not in _QUOTES or note.start < title.end:
        return False
    if not any(DOI.search(s.text) for s in fields.all("doi") + fields.all("url")):
        return False
    name = _LINK_LABEL.sub("", note.text).strip(" .,;:")
    if not name or len(name.split()) > _MAX_SITE_WORDS or any(c.isdigit() for c in name):
        return False
    entry.container = name
    return True


def _container_title(written: str) -> str:
    """The journal's or book's title less the 'In', 'in:', 'dans' or editor words that lead to it,
    a conference's 'Presented at' and its short name in brackets ('(MEC 2017)'), and the word
    'Blog.' before a blog's name."""
    written = _PRESENTED_AT.sub("", written, count=1)
    written = _BLOG_OPENING.sub("", written, count=1)  # 'Blog. Shakespeare & Beyond'; kinds saw it
    written = _SHORT_NAME_AFTER.sub("", written) if PROCEEDINGS.search(written) else written
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
    if tail and fields.first("url") and JOURNAL_NAME.search(tail):
        return head, tail  # 'Archaeology & Comics. Ex Novo: Journal of Archaeology. URL'
    return written, None


def _site_or_publisher_in_title(entry: Reference, fields: _Fields) -> None:
    """'Bibliografie. Wikipedia. URL' (APA's web page) and 'Connaître par l’action. Les Presses
    de l’Université de Montréal.' (APA's book) labelled as one title, with no site or publisher:
    a last sentence with a publisher's word is the publisher; a short one before a link, the site."""
    assert entry.title is not None
    head, tail = _last_sentence(entry.title)
    if not tail or not head:
        return
    head = _less_description(head)  # 'Charters (1.0) [Data set]. Zenodo.'
    if _has_publisher_word(tail) and len(tail.split()) <= _MAX_PUBLISHER_WORDS:
        entry.title, entry.publisher = head, tail
    elif (
        (fields.first("url") or fields.first("doi"))
        and (len(tail.split()) <= _MAX_SITE_WORDS or JOURNAL_NAME.search(tail))
        and not any(c.isdigit() for c in tail)  # 'Version 1.1', '4.2.2': an edition, not a site
    ):
        entry.title, entry.container = head, tail


def _series_in_title(entry: Reference) -> None:
    """'Vérité de la démocratie. La philosophie en effet. Paris: Galilée.', 'Kaiso! Writings By and
    About Katherine Dunham. Studies in Dance History. Madison: …': a book's short last sentence
    between its title and its imprint is the series it appeared in (Chicago and its French
    variants join a subtitle with a colon, not a full stop)."""
    if entry.container is not None or entry.title is None or not (entry.place and entry.publisher):
        return
    parts = _SERIES_AFTER.fullmatch(entry.title)
    if parts is None or len(parts["title"].split()) < _MIN_TITLE_WORDS:
        return
    if len(parts["series"].split()) > _MAX_SERIES_WORDS:
        return
    entry.title, entry.series = parts["title"], parts["series"]


def _title_less_contributors(entry: Reference) -> None:
    """Those who worked with the author or editor, named after the title, are not the title ('…,
    unter Mitarbeit von Jacqueline Krone', '… in Verbindung mit …'); cut after the series is
    looked for, which the title's last sentence, so cut short, would look like."""
    if entry.title:
        entry.title = _CONTRIBUTORS.sub("", entry.title).rstrip(" .,") or entry.title


def _numbered_series(entry: Reference) -> None:
    """German catalogues' '(Bibliothek des Litterarischen Vereins; 143).': the series and the
    book's number in it, which is the book's volume."""
    if entry.kind != "book" or (found := _SERIES_AND_NUMBER.search(entry.raw)) is None:
        return
    entry.series = entry.series or found["series"].strip()
    entry.volume = entry.volume or found["number"]
    if entry.container == entry.series:
        entry.container = None


def _last_sentence(text: str) -> tuple[str, str | None]:
    """The text before its last sentence break and that last sentence ('Title. Journal' ->
    'Title', 'Journal'); a full stop after an initial or inside brackets is no break."""
    text = text.strip().rstrip(".,;:").strip()
    for brk in reversed(list(SENTENCE_BREAK.finditer(text))):
        head = text[: brk.start()].rstrip(".").strip()
        if head.count("(") == head.count(")") and head.count("[") == head.count("]"):
            return head, text[brk.end() :].strip() or None
    return text, None


def _has_publisher_word(text: str) -> bool:
    """'Les Presses de l’Université', 'CRC Press', 'Suhrkamp Verlag': a word only publishers use."""
    return any(_canonical(word) in PUBLISHER_WORDS for word in text.split())


def _container_less_tail(entry: Reference, container: str) -> str:
    """'Globalization and Postcolonial Humanity, 146‑60' / 'L’Humanité, novembre' / 'Corela,
    HS-33' / 'Démocratie, dans quel état?, 77‑94. Hors collection' / 'From the Stacks (blog),
    New-York Historical Society': pages, a date, a number, a series after the pages or a blog's
    publisher that the labeller left in the container go to their own fields or are dropped."""
    if blog := _BLOG_OF.fullmatch(container):
        entry.publisher = entry.publisher or blog["publisher"]
        return blog["name"]
    if mark := _BLOG_MARK.search(container):
        return container[: mark.start()]  # 'Culture numérique (Blog)': the blog's name is before
    if (imprint := _imprint_at_end(container)) is not None and not (entry.place or entry.publisher):
        container, entry.place, entry.publisher = imprint
        return container
    if series := _PAGES_THEN_SERIES.fullmatch(container):
        entry.pages = entry.pages or _pages(series["pages"])
        return series["head"]
    head, town = _last_sentence(container)
    if town and entry.place is None and _is_town(town):
        entry.place = town  # 'Il Giornale.it, juillet. Milan': a newspaper's city after its name
        return _container_less_tail(entry, head)
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
    elif entry.place is None and PROCEEDINGS.search(head) and _TOWN.fullmatch(tail):
        entry.place = tail
    else:
        return container
    return head


def _is_town(text: str) -> bool:
    """'Milan', 'New York': not 'March' (a town, but first a month)."""
    if not _TOWN.fullmatch(text) or _MONTH_ONLY.fullmatch(text):
        return False
    return all(map(_is_place_word, text.split()))


def _imprint_at_end(container: str) -> tuple[str, str, str] | None:
    """'Drawn to Change: Graphic Histories of Working-Class Struggle Toronto: Between the Lines':
    a book's place and publisher that the labeller left at the end of its title, the place known
    to the dictionary as one ('Ex Novo: Journal of Archaeology' names none)."""
    head, colon, publisher = container.rpartition(":")
    publisher = publisher.strip().rstrip(".")
    if not colon or not publisher or len(publisher.split()) > _MAX_PUBLISHER_WORDS:
        return None
    if any(c.isdigit() for c in publisher):
        return None
    words = head.split()
    place: list[str] = []
    while words and len(place) < _MAX_PLACE_WORDS and _is_place_word(words[-1]):
        place.insert(0, words.pop())
    if not place or not words:
        return None
    return " ".join(words).rstrip(" ,."), " ".join(place), publisher


def _is_place_word(word: str) -> bool:
    folded = _canonical(word)
    if word in _PLACE_LINKS:
        return True
    return word[:1].isupper() and (folded in _PLACE_PREFIXES or "l" in dictionary.tags(folded))


def _less_description(title: str) -> str:
    """APA's bracketed description or translation, a version and a count of volumes after a
    title are not the title: 'Part One [Special section]', 'Autonomie. [Autonomy]', 'Charters
    (1.0) [Data set]', 'Commercium Philosophicum, 2 Bde'."""
    title = _DESCRIPTION.sub("", title).rstrip(" .")
    title = _EXTENT.sub("", title).rstrip(" .,") or title
    return _VERSION.sub("", title).rstrip(" .") or title


def _quoted_part(text: str) -> tuple[str, str | None]:
    """'“Title.” Journal' labelled as one title: the words inside the marks are the title, and the
    first sentence after them the container."""
    end = _closing_mark(text)
    if end < 0 or not text[end + 1 :].strip(" .,;:") or text[end + 1 :].startswith(":"):
        return text, None  # '«Funktionär im Räderwerk»: Bibliothekarisches …': a quoted main title
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
        if char in closing and not (text[at - 1].isalpha() and text[at + 1 : at + 2].isalpha()):
            depth -= 1
            if depth == 0:
                return at
        elif char == opening and opening != closing:
            depth += 1
    return -1


def _stray_mark(text: str, at: int) -> bool:
    """Whether `text` has a quotation mark at one end only (`at` 0 or -1), and only one of it."""
    other = -1 - at
    return len(text) > 1 and text[at] in _QUOTES and text[other] not in _QUOTES and text.count(text[at]) == 1


def _opened_inside(text: str) -> bool:
    """Whether the mark that ends `text` closes a quotation opened inside it."""
    return any(opening in text[:-1] for opening, closing in _CLOSING.items() if text[-1] in closing)


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
        elif _stray_mark(text, -1) and not _opened_inside(text):  # '… and ‘Otherworldly’' keeps its marks
            text = text[:-1].strip()
        elif _stray_mark(text, 0) and _closing_mark(text) < 0:  # so does '«Funktionär»: Berufsbild'
            text = text[1:].strip()
    # 'Handschriften der Universitätsbibliothek Heidelberg —' before the place; 'II: Die Texte
    # und Melodien …', the volume's number of a work in several
    text = text.rstrip(".,;:").strip()
    return _VOLUME_NUMBER_OPENING.sub("", text.rstrip("–—").strip() or text)  # '–' alone stays
