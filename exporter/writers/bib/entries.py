"""A TEI bibliography entry (biblStruct or plain bibl) read once into a neutral record.

The bibliography writers (BibTeX, CSL-JSON, the house style) all start from this record, so the
TEI is read in one place and every output agrees on who wrote what, when, and where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from exporter.tei import XML_ID, XML_LANG, tag, xpath
from exporter.works import BOOK_PART_KINDS, PART_KINDS, REVIEWED_SUFFIX, Kind, Pages
from exporter.writers.bib import language
from exporter.writers.tei import words

_WORDS = re.compile(r"\w+")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    family: str = ""
    given: str = ""
    particle: str = ""  # a name link ("de" of Simone de Beauvoir)
    suffix: str = ""  # a generational name ("Jr." of Martin Luther King): TEI's genName
    literal: str = ""  # an organisation or an unstructured name

    def inverted(self) -> str:
        """'Surname, Given particle, Suffix' — the reference list's form ('King, Martin Luther, Jr.')."""
        if self.literal:
            return self.literal
        given = " ".join(filter(None, [self.given, self.particle]))
        return ", ".join(filter(None, [self.family, given, self.suffix]))

    def direct(self) -> str:
        return self.literal or " ".join(filter(None, [self.given, self.particle, self.family, self.suffix]))


@dataclass
class Record:
    """What one bibliography entry says, independent of any output format."""

    key: str
    kind: Kind
    unparsed: bool = False  # a plain TEI bibl: only its text, kept as `raw`
    reviewed: bool = False  # the work the review is about (front matter)
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    translators: list[Person] = field(default_factory=list)
    title: str | None = None
    title_quoted_in_source: bool = True  # did the source put the article title in quotation marks?
    container: str | None = None  # journal, newspaper, edited book, website
    series: str | None = None
    edition: str | None = None
    thesis_type: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: Pages | None = None
    year: str | None = None  # four digits
    year_label: str | None = None  # as the reference list writes it: "2012a"
    month: int | None = None
    day: int | None = None
    accessed: str | None = None  # ISO date
    accessed_text: str | None = None  # as written
    publisher: str | None = None
    place: str | None = None
    urls: list[str] = field(default_factory=list)
    doi: str | None = None
    isbn: str | None = None
    issn: str | None = None
    language: str | None = None
    raw: str | None = None  # the reference string as the source wrote it

    @property
    def is_analytic(self) -> bool:
        return self.kind in PART_KINDS

    @property
    def in_book(self) -> bool:
        """A chapter or a paper: a part of a book, whose editors are the book's."""
        return self.kind in BOOK_PART_KINDS

    @property
    def year_suffix(self) -> str:
        """The letter the reference list adds to a year it gives twice ('a' of '2012a'), or ''."""
        label, year = self.year_label or "", self.year or ""
        rest = label[len(year) :] if year and label.startswith(year) else ""
        return rest if len(rest) == 1 and rest.isalpha() else ""

    @property
    def date_iso(self) -> str | None:
        """YYYY, YYYY-MM or YYYY-MM-DD, as precise as the TEI is."""
        if self.year is None:
            return None
        if self.month is None:
            return self.year
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"


def bibliography(tei: etree._Element) -> list[etree._Element]:
    """The entries to write: the reviewed work first, then the reference list, in document order."""
    reviewed = xpath(tei, "//tei:front/tei:div[@type='reviewed']//tei:listBibl/*")
    cited = xpath(tei, "//tei:back/tei:div[@type='bibliography']//tei:listBibl/*")
    wanted = {tag("biblStruct"), tag("bibl")}
    return [e for e in [*reviewed, *cited] if e.tag in wanted]


def unique_records(tei: etree._Element, warn: Callable[[str], None]) -> Iterator[Record]:
    """Every work once, in document order; a key met again is reported and left out.

    A review may list the book it reviews among its references too: then that work is one item
    (the list's, which the text's citations name), or a CSL processor would print one book twice,
    as 2012a and 2012b."""
    records = [read_entry(node, fallback_key=f"entry{n}") for n, node in enumerate(bibliography(tei), 1)]
    listed = {r.key: r for r in records if not r.reviewed}
    seen: set[str] = set()
    for record in records:
        twin = listed.get(record.key.removesuffix(REVIEWED_SUFFIX)) if record.reviewed else None
        if twin is not None and same_work(record, twin):
            continue
        if record.key in seen:
            warn(f"bibliography key '{record.key}' is used twice; the second entry is left out")
            continue
        seen.add(record.key)
        yield record


def same_work(a: Record, b: Record) -> bool:
    """The same title by the same first name in the same year: one work, however each was written."""

    def signature(r: Record) -> tuple[str, str, str]:
        people = r.authors or r.editors
        name = (people[0].family or people[0].literal) if people else ""
        return name.casefold(), r.year or "", " ".join(_WORDS.findall((r.title or "").casefold()))

    return signature(a) == signature(b)


def is_reviewed(bibl: etree._Element) -> bool:
    return bool(xpath(bibl, "ancestor::tei:div[@type='reviewed']"))


def read_entry(bibl: etree._Element, fallback_key: str = "entry") -> Record:
    """One biblStruct (or plain bibl) as a Record; missing parts are None, never guessed."""
    key = (bibl.get(XML_ID) or fallback_key).strip()
    if bibl.tag != tag("biblStruct"):
        return Record(key, Kind.BOOK, unparsed=True, reviewed=is_reviewed(bibl), raw=words(bibl))
    record = Record(key, Kind.of(bibl.get("type")), reviewed=is_reviewed(bibl))
    analytic = _first(bibl, "tei:analytic")
    monogr = _first(bibl, "tei:monogr")
    if analytic is not None:
        _read_analytic(record, analytic)
    if monogr is not None:
        _read_monogr(record, monogr, has_analytic=analytic is not None)
    # after the idnos: a hand-edited TEI may give a URL as an idno, the reader as a ptr
    pointers = [u for p in xpath(bibl, "tei:ptr[@target]") if (u := (p.get("target") or "").strip())]
    record.urls = list(dict.fromkeys([*record.urls, *pointers]))
    record.raw = _text_of(bibl, "tei:note[@type='raw_reference']")
    record.title_quoted_in_source = _quoted_in(record.raw, record.title)
    record.language = _language(bibl) or language.detect(record.title, _review_language(bibl))
    return record


def _read_analytic(record: Record, analytic: etree._Element) -> None:
    record.authors = _people(analytic, "tei:author")
    record.editors = _people(analytic, "tei:editor[not(@role='translator')]")
    record.translators = _people(analytic, "tei:editor[@role='translator']")
    record.title = _text_of(analytic, "tei:title")
    _read_idnos(record, analytic)


def _read_monogr(record: Record, monogr: etree._Element, has_analytic: bool) -> None:
    title = _text_of(monogr, "tei:title[@level='m' or @level='j']") or _text_of(monogr, "tei:title")
    if has_analytic:
        record.container = title
    else:
        record.title = title
        record.authors = _people(monogr, "tei:author")
    record.series = _text_of(monogr, "tei:title[@level='s']")
    record.editors += _people(monogr, "tei:editor[not(@role='translator')]")
    record.translators += _people(monogr, "tei:editor[@role='translator']")
    record.edition = _text_of(monogr, "tei:edition")
    record.thesis_type = _text_of(monogr, "tei:note[@type='thesisType']")
    _read_idnos(record, monogr)
    imprint = _first(monogr, "tei:imprint")
    if imprint is not None:
        _read_imprint(record, imprint)


def _read_idnos(record: Record, parent: etree._Element) -> None:
    for idno in xpath(parent, "tei:idno"):
        value = words(idno)
        kind = idno.get("type")
        if kind == "DOI":
            record.doi = record.doi or value
        elif kind == "ISBN":
            record.isbn = record.isbn or value
        elif kind == "ISSN":
            record.issn = record.issn or value
        elif kind == "URL" and value:
            record.urls.append(value)


def _read_imprint(record: Record, imprint: etree._Element) -> None:
    record.place = _text_of(imprint, "tei:pubPlace")
    record.publisher = _text_of(imprint, "tei:publisher")
    record.volume = _text_of(imprint, "tei:biblScope[@unit='volume']")
    record.issue = _text_of(imprint, "tei:biblScope[@unit='issue']")
    page = _first(imprint, "tei:biblScope[@unit='page']")
    if page is not None:
        first = page.get("from") or words(page)
        record.pages = Pages(words(page), first, page.get("to") or first)
    published = _first(imprint, "tei:date[not(@type='access')]")
    if published is not None:
        _read_date(record, published)
    accessed = _first(imprint, "tei:date[@type='access']")
    if accessed is not None:
        record.accessed = accessed.get("when")
        record.accessed_text = words(accessed) or None


def _read_date(record: Record, date: etree._Element) -> None:
    when = (date.get("when") or "").strip()
    parts = when.split("-")
    written = words(date)
    if parts[0].isdigit() and len(parts[0]) == 4:
        record.year = parts[0]
        record.month = _part(parts, 1, 12)
        record.day = _part(parts, 2, 31) if record.month else None
    elif written[:4].isdigit():
        record.year = written[:4]
    record.year_label = written or record.year


def _part(parts: list[str], at: int, highest: int) -> int | None:
    if len(parts) <= at or not parts[at].isdigit():
        return None
    value = int(parts[at])
    return value if 1 <= value <= highest else None


def _people(parent: etree._Element, path: str) -> list[Person]:
    people = []
    for holder in xpath(parent, path):
        pers = _first(holder, "tei:persName")
        if pers is not None:
            person = _person(pers)
            if person.family or person.literal:
                people.append(person)
        elif literal := words(holder):
            people.append(Person(literal=literal))
    return people


def _person(pers: etree._Element) -> Person:
    forenames = [words(f) for f in xpath(pers, "tei:forename")]
    links = [words(n) for n in xpath(pers, "tei:nameLink")]
    family = " ".join(words(s) for s in xpath(pers, "tei:surname"))
    if not family:
        return Person(literal=words(pers))
    suffix = " ".join(words(g) for g in xpath(pers, "tei:genName"))
    return Person(family=family, given=" ".join(forenames), particle=" ".join(links), suffix=suffix)


def _language(bibl: etree._Element) -> str | None:
    """Only a language the TEI states for the entry itself (the review's own language is not the work's)."""
    for node in [bibl, *xpath(bibl, ".//tei:textLang|.//tei:title")]:
        lang = node.get(XML_LANG) or node.get("mainLang")
        if lang:
            return lang.strip()
    return None


def _review_language(bibl: etree._Element) -> str | None:
    """The review's language (its root's xml:lang): the default for a work whose title says nothing."""
    root = bibl.getroottree().getroot()
    lang = root.get(XML_LANG) or ""
    return lang.strip() or None


def _quoted_in(raw: str | None, title: str | None) -> bool:
    """The source's own choice: a title the raw reference writes without quotation marks stays so."""
    if not raw or not title or title not in raw:
        return True
    before = raw[: raw.index(title)].rstrip()
    return before.endswith(("“", '"', "‘", "'", "«", "„"))


def _first(node: etree._Element, path: str) -> etree._Element | None:
    found = xpath(node, path)
    return found[0] if found else None


def _text_of(node: etree._Element, path: str) -> str | None:
    found = _first(node, path)
    value = words(found) if found is not None else ""
    return value or None
