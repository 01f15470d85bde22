"""The typed record of one reference, whichever parser read it, and its TEI biblStruct.

Both the house-style rules and the labeller's normalisers fill a `Reference`; `to_tei` writes it
the one way the writers read. `ReferenceText` turns offsets into a string into path:line:col
diagnostics.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader.names import Name, NameIssue
from exporter.tei import el, make_key, sub
from exporter.works import PART_KINDS, PERIODICAL_KINDS, Pages

# Characters XML 1.0 cannot hold; lxml refuses them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_URL_HOST = re.compile(r"https?://[^/?#\s]*[^\W_]", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"https?://\S+")
_NOT_IN_URI = re.compile(r'["{}|\\^`]|%(?![0-9A-Fa-f]{2})')
_MAX_SHOWN = 60  # characters of a reference quoted in a diagnostic


@dataclass
class Reference:
    raw: str
    year: str
    authors: list[Name]
    author_role: str = "author"  # "editor" when the head says (ed.)
    kind: str = "book"
    title: str | None = None  # the article/chapter/page title, or the book's
    container: str | None = None  # journal, newspaper, edited book or website
    editors: list[Name] = field(default_factory=list)
    translators: list[Name] = field(default_factory=list)
    place: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: Pages | None = None
    month: int | None = None
    day: int | None = None
    urls: list[str] = field(default_factory=list)
    online: bool = False  # a URL was written, well-formed or not: the work is read as on the web
    doi: str | None = None
    accessed: tuple[str, str | None] | None = None  # as written, ISO date
    thesis: str | None = None
    isbn: str | None = None
    edition: str | None = None
    extent: str | None = None  # the page count of the reviewed work: "320pp"
    series: str | None = None  # the book's series: 'Studies in Dance History', 'Ouvertures'


class Unreadable(Exception):
    """The string can't be made into a biblStruct; the message says why."""


@dataclass
class ReferenceText:
    """One reference string, and the diagnostics about it, each at its path:line:col."""

    text: str
    path: str
    line: int
    col: int
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, path: str, line: int, col: int) -> ReferenceText:
        """The text less any character XML cannot hold (lxml would refuse it), with a warning."""
        reader = cls(_NOT_XML.sub("", text), path, line, col)
        if bad := _NOT_XML.search(text):
            message = f"character U+{ord(bad.group()):04X} cannot appear in XML; removed from the reference"
            reader.warn(bad.start(), message)
        return reader

    def warn(self, offset: int, message: str) -> None:
        before = self.text[:offset]
        newlines = before.count("\n")
        col = self.col + offset if newlines == 0 else offset - before.rfind("\n")
        self.diagnostics.append(Diagnostic(self.path, self.line + newlines, col, "warning", message))

    def name_issues(self, issues: Iterable[NameIssue], base: int) -> None:
        for issue in issues:
            self.warn(base + issue.offset, issue.message)

    def shown(self) -> str:
        raw = self.text.strip()
        return raw if len(raw) <= _MAX_SHOWN else raw[: _MAX_SHOWN - 3] + "…"


def plain_bibl(reader: ReferenceText, what: str, why: str, key: str) -> etree._Element:
    """What cannot be parsed is kept whole, never dropped, with a warning that says why."""
    reader.warn(0, f"cannot parse {what} '{reader.shown()}' ({why}); kept as plain bibl")
    return el("bibl", reader.text.strip(), xml_id=key)


def valid_date(iso: str) -> bool:
    try:
        datetime.date.fromisoformat(iso)
    except ValueError:
        return False
    return True


@functools.cache
def _any_uri() -> etree.RelaxNG:
    """The validators' own idea of xs:anyURI (libxml2's), so a ptr we write never fails them."""
    grammar = (
        '<element name="u" xmlns="http://relaxng.org/ns/structure/1.0" '
        'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><data type="anyURI"/></element>'
    )
    return etree.RelaxNG(etree.fromstring(grammar))


def is_uri(url: str) -> bool:
    """Well-formed for libxml2, with a host (jing wants one), and free of the characters RFC 3986
    never allows unescaped."""
    probe = etree.Element("u")
    probe.text = url
    has_host = _URL_HOST.match(url) is not None
    whole = _WEB_ADDRESS.fullmatch(url) is not None  # the project schema's pattern for a ptr
    return has_host and whole and _any_uri().validate(probe) and not _NOT_IN_URI.search(url)


_KEY_ARTICLES = frozenset({"the", "a", "an", "le", "la", "les", "l", "der", "die", "das", "il", "el"})

# --- the TEI ---------------------------------------------------------------------------------------


def _title_word(title: str | None) -> str:
    """A work with no name is keyed by its title's first word, as author-date styles cite it by
    its title ('“Digital Editions” 2020'); an article before it is left out."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", title or "") if w.lower() not in _KEY_ARTICLES]
    return words[0] if words else ""


def to_tei(entry: Reference) -> etree._Element:
    first = entry.authors[0] if entry.authors else entry.editors[0] if entry.editors else None
    key = make_key(first.surname if first else _title_word(entry.title), key_year(entry.year))
    node = el("biblStruct", type=entry.kind, xml_id=key)
    if _has_analytic(entry):
        node.append(_analytic(entry))
    node.append(_monogr(entry))
    for url in entry.urls:
        sub(node, "ptr", target=url)
    sub(node, "note", entry.raw, type="raw_reference")
    return node


def key_year(written: str) -> str:
    """The year as a key holds it: '2012a', '19121913a' for '1912–1913a' (as citations write it
    in a key), 'nd' for a work without a date."""
    return re.sub(r"[^0-9a-z]", "", written.lower()) if written[:4].isdigit() else "nd"


def _has_analytic(entry: Reference) -> bool:
    """Parts of a container (article, chapter, page of a site) are analytic; the reader guarantees
    a container for all but a web page whose site isn't named, which is then its own monograph."""
    return entry.kind in PART_KINDS and entry.container is not None


def _analytic(entry: Reference) -> etree._Element:
    analytic = el("analytic")
    _add_people(analytic, entry.author_role, entry.authors)
    if entry.title:
        sub(analytic, "title", entry.title, level="a")
    if entry.doi:
        sub(analytic, "idno", entry.doi, type="DOI")
    return analytic


def _monogr(entry: Reference) -> etree._Element:
    monogr = el("monogr")
    if _has_analytic(entry):
        level = "j" if entry.kind in PERIODICAL_KINDS else "m"
        sub(monogr, "title", entry.container, level=level)
    else:
        _add_people(monogr, entry.author_role, entry.authors)
        sub(monogr, "title", entry.title, level="m")
        if entry.series:
            sub(monogr, "title", entry.series, level="s")
        if entry.doi:
            sub(monogr, "idno", entry.doi, type="DOI")
    if entry.isbn:
        sub(monogr, "idno", entry.isbn, type="ISBN")
    _add_people(monogr, "editor", entry.editors)
    _add_people(monogr, "translator", entry.translators)
    if entry.thesis:
        sub(monogr, "note", entry.thesis, type="thesisType")
    if entry.edition:
        sub(monogr, "edition", entry.edition)
    monogr.append(_imprint(entry))
    if entry.extent:
        sub(monogr, "extent", entry.extent)
    return monogr


def _imprint(entry: Reference) -> etree._Element:
    imprint = el("imprint")
    for name, value in (("pubPlace", entry.place), ("publisher", entry.publisher)):
        if value:
            sub(imprint, name, value)
    for unit, value in (("volume", entry.volume), ("issue", entry.issue)):
        if value:
            sub(imprint, "biblScope", value, unit=unit)
    if entry.pages:
        sub(imprint, "biblScope", entry.pages.text, unit="page", from_=entry.pages.first, to=entry.pages.last)
    when = _when(entry)
    date = sub(imprint, "date", entry.year)
    if when is not None:
        date.set("when", when)
    if entry.accessed:
        written, iso = entry.accessed
        access = sub(imprint, "date", written, type="access")
        if iso:
            access.set("when", iso)
    return imprint


def _when(entry: Reference) -> str | None:
    """The year, or the full date when a day and month are given (and make a real date); none
    for a work without a date ('n.d.')."""
    year = entry.year[:4]
    if not year.isdigit():
        return None
    if entry.month is None:
        return year
    if entry.day is None or not valid_date(f"{year}-{entry.month:02d}-{entry.day:02d}"):
        return f"{year}-{entry.month:02d}"
    return f"{year}-{entry.month:02d}-{entry.day:02d}"


def _add_people(parent: etree._Element, role: str, names: list[Name]) -> None:
    for name in names:
        holder = el("editor", role="translator") if role == "translator" else el(role)
        holder.append(el("orgName", name.surname) if name.organisation else _pers_name(name))
        parent.append(holder)


def _pers_name(name: Name) -> etree._Element:
    pers = el("persName")
    for forename in name.forenames:
        sub(pers, "forename", forename)
    for link in name.links:
        sub(pers, "nameLink", link)
    sub(pers, "surname", name.surname)
    if name.suffix:
        sub(pers, "genName", name.suffix)
    return pers
