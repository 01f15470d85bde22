"""The bibliography as BibTeX (dist/NAME.bib): the reviewed work and every reference, keyed as in the TEI.

Two dialects. The default, classic BibTeX, has the entry types and fields that biber, JabRef,
Zotero, pandoc and `bibtex` with plain.bst all read the same way: an edited volume stays @book with
`editor`, a chapter is @incollection, web pages are @online. `biblatex` writes biblatex's own data
model, which biber validates without a warning: @collection for an edited volume, @thesis and
@report with their `type`, `date` instead of `year`, `journaltitle`, `location`, `institution`.
Values are escaped by exporter.writers.bib.latex, so no title can inject TeX; the file is built as a
bibtexparser Library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import MergeCoAuthors
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat
from lxml import etree

from exporter.tei import tag, xpath
from exporter.works import Kind
from exporter.writers import Options
from exporter.writers.bib.entries import Person, Record, unique_records
from exporter.writers.bib.latex import escape, proper_nouns, protect, unencodable

# ISO 639-1 → the language names babel, polyglossia and biblatex use for `langid`.
BABEL = {
    "en": "english", "fr": "french", "de": "ngerman", "es": "spanish", "it": "italian",
    "pt": "portuguese", "ru": "russian", "nl": "dutch", "pl": "polish", "ca": "catalan",
    "sv": "swedish", "da": "danish", "nb": "norsk", "fi": "finnish", "cs": "czech", "el": "greek",
}  # fmt: skip
# Each kind of work as the classic entry type every consumer knows (a dataset has none: @book;
# a program is @misc, which biblatex's @software falls back to as well).
BIBTEX_TYPES = {
    Kind.BOOK: "book", Kind.JOURNAL_ARTICLE: "article", Kind.NEWSPAPER_ARTICLE: "article",
    Kind.BOOK_SECTION: "incollection", Kind.CONFERENCE_PAPER: "inproceedings", Kind.WEBPAGE: "online",
    Kind.THESIS: "phdthesis", Kind.REPORT: "techreport", Kind.DATASET: "book",
    Kind.SOFTWARE: "misc",
}  # fmt: skip
# The order fields are written in, whatever the entry type and dialect.
FIELD_ORDER = (
    "author", "editor", "translator", "title", "journal", "journaltitle", "booktitle", "organization",
    "howpublished", "series", "edition", "volume", "number", "pages", "year", "date", "publisher", "institution",
    "school", "type", "address", "location", "isbn", "doi", "url", "urldate", "language", "langid", "note",
)  # fmt: skip
# biblatex's names for classic BibTeX's fields, and its types for classic ones: (type, its `type`).
BIBLATEX_FIELDS = {"journal": "journaltitle", "address": "location", "school": "institution"}
BIBLATEX_TYPES = {"phdthesis": ("thesis", "phdthesis"), "techreport": ("report", "techreport")}
DIALECTS = ("bibtex", "biblatex")
_PHD = ("phd", "ph.d", "ph. d", "doctor")
_CITATIONS = frozenset({tag("bibl"), tag("ref")})  # their words are a work's, not the prose's
Fields = dict[str, str | list[str]]


def write(tei: etree._Element, options: Options) -> bytes:
    library = Library()
    proper = _document_proper_nouns(tei)
    for record in unique_records(tei, options.warn):
        library.add(entry(record, proper, options))
    text = write_string(library, prepend_middleware=[MergeCoAuthors()], bibtex_format=_format())
    return (text.rstrip("\n") + "\n").encode("utf-8")


def entry(record: Record, proper: set[str], options: Options) -> Entry:
    """One Record as a bibtexparser Entry of the type every consumer knows."""
    ascii_only = options.bib_ascii
    if ascii_only and (odd := unencodable(_all_text(record))):
        options.warn(f"entry '{record.key}': no LaTeX for {' '.join(odd)}; kept as UTF-8 in the ASCII file")
    if record.unparsed:
        options.warn(f"entry '{record.key}' is an unparsed reference; written as @misc with its text as note")
        return Entry("misc", record.key, [Field("note", escape(record.raw or "", ascii_only))])
    values = _fields(record, proper, ascii_only)
    kind = entry_type(record)
    if options.bib_dialect == "biblatex":
        kind, values = biblatex(record, kind, values)
    ordered = [Field(k, values[k]) for k in FIELD_ORDER if values.get(k)]
    return Entry(kind, record.key, ordered)


def biblatex(record: Record, kind: str, values: Fields) -> tuple[str, Fields]:
    """The classic entry in biblatex's data model (biblatex manual, 2.1 and 2.2)."""
    values = {BIBLATEX_FIELDS.get(k, k): v for k, v in values.items()}
    values["date"] = record.date_iso or ""  # biblatex's date holds the year; `year` is legacy
    values.pop("year", None)
    if kind == "book" and record.editors and not record.authors:
        return "collection", values
    if kind in BIBLATEX_TYPES:
        kind, default_type = BIBLATEX_TYPES[kind]
        values["type"] = values.get("type") or default_type
    return kind, values


def entry_type(record: Record) -> str:
    if record.kind == Kind.WEBPAGE and not record.urls:
        return "misc"  # @online wants its URL
    return BIBTEX_TYPES[record.kind]


def _fields(r: Record, proper: set[str], ascii_only: bool) -> Fields:
    def text(value: str | None) -> str:
        return escape(value, ascii_only) if value else ""

    def title(value: str | None) -> str:
        return protect(value, proper, ascii_only) if value else ""

    container_field = {
        "article": "journal",
        "incollection": "booktitle",
        "inproceedings": "booktitle",
        "online": "organization",
    }
    values: Fields = {
        "author": _names(r.authors, ascii_only),
        "editor": _names(r.editors, ascii_only),
        "translator": _names(r.translators, ascii_only),
        "title": title(r.title),
        container_field.get(entry_type(r), "howpublished"): (
            title(r.container) if r.in_book else text(r.container)
        ),
        "series": title(r.series),
        "edition": text(r.edition),
        "volume": text(r.volume),
        "number": text(r.issue),
        "pages": _pages(r),
        "year": r.year or "",
        "date": (r.date_iso or "") if r.month else "",
        "publisher": "" if r.kind in {Kind.THESIS, Kind.REPORT} else text(r.publisher),
        "institution": text(r.publisher) if r.kind == Kind.REPORT else "",
        "school": text(r.publisher) if r.kind == Kind.THESIS else "",
        "type": _thesis_type(r, text),
        "address": text(r.place),
        "isbn": text(r.isbn),
        "doi": _verbatim(r.doi),
        "url": _verbatim(r.urls[0] if r.urls else None),
        "urldate": r.accessed or "",
    }
    if r.language:
        babel = BABEL.get(r.language.split("-")[0].lower())
        values["language"] = babel or text(r.language)
        values["langid"] = babel or ""
    return values


def _names(people: list[Person], ascii_only: bool) -> list[str]:
    """'particle Surname, Given' for each person (BibTeX reads 'de' as the von part), and
    'King, Jr., Martin Luther' with a suffix (BibTeX's three-part form: a suffix after the given
    names would be read as a second author or as given names); a body's name braced whole, so that
    its words and any 'and' stay one name."""
    written = []
    for p in people:
        if p.literal:
            written.append("{" + escape(p.literal, ascii_only) + "}")
            continue
        family = escape(" ".join(filter(None, [p.particle, p.family])), ascii_only)
        given = escape(p.given, ascii_only)
        if p.suffix:
            written.append(f"{family}, {escape(p.suffix, ascii_only)}, {given}")
        else:
            written.append(f"{family}, {given}" if given else family)
    return written


def _pages(r: Record) -> str:
    if r.pages is None:
        return ""
    if r.pages.first == r.pages.last:
        return r.pages.first
    return f"{r.pages.first}--{r.pages.last}"


def _thesis_type(r: Record, text: Callable[[str | None], str]) -> str:
    """@phdthesis says 'PhD thesis' itself; any other kind of thesis is named in `type`."""
    if r.kind != Kind.THESIS or not r.thesis_type or r.thesis_type.lower().startswith(_PHD):
        return ""
    return text(r.thesis_type)


def _verbatim(value: str | None) -> str:
    """URLs and DOIs are verbatim fields for biber and \\url: no TeX escapes, but the characters a
    URL never holds unencoded (braces, backslash, spaces) percent-encoded so the field stays whole."""
    if not value:
        return ""
    unsafe = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}
    return "".join(unsafe.get(c, c) for c in value)


def _document_proper_nouns(tei: etree._Element) -> set[str]:
    # One path, not the union "//tei:body//tei:p|//tei:body//tei:note": libxml2 merges a union's
    # node sets pairwise, quadratic in the paragraphs. Same nodes, same document order.
    prose = ["".join(_prose(p)) for p in xpath(tei, "//tei:body//*[self::tei:p or self::tei:note]")]
    parts = "//tei:forename|//tei:surname|//tei:nameLink|//tei:orgName|//tei:name"
    names = ["".join(map(str, n.itertext())) for n in xpath(tei, parts)]
    return proper_nouns(prose, names)


def _prose(node: etree._Element) -> Iterator[str]:
    """The text of a paragraph or note less its citations: a work cited in a note keeps its title
    case there (Chicago's "Stanley E. Fish, Is There a Text in This Class? (…)"), which is no
    sign that the prose capitalises those words."""
    if node.tag in _CITATIONS:
        return
    yield node.text or ""
    for child in node:
        yield from _prose(child)
        yield child.tail or ""


def _all_text(record: Record) -> str:
    people = [p.direct() for p in (*record.authors, *record.editors, *record.translators)]
    raw = record.raw if record.unparsed else None
    parts = [record.title, record.container, record.publisher, record.place, raw, *people]
    return " ".join(p for p in parts if p)


def _format() -> BibtexFormat:
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"  # the writer ends each block with a newline already
    return layout
