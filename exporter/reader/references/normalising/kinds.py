"""The kind of work (book, bookSection, journalArticle, newspaperArticle, webpage, thesis, report,
conferencePaper, dataset), from the fields already read and the words of the spans."""

from __future__ import annotations

import re

from exporter.reader.references.normalising.spans import DOI, _Fields
from exporter.reader.references.normalising.titles import (
    _QUOTES,
    IN_BOOK,
    JOURNAL_NAME,
    PROCEEDINGS,
    book_before_journal,
)
from exporter.reader.references.record import Reference

_DATASET = re.compile(
    r"\[data\s*set\]|\b(?:raw|unpublished)\s+data\b|\bdataset\b|\bdatensatz\b|\bzenodo\b|10\.5281/zenodo",
    re.IGNORECASE,
)
# 'https://blogs.loc.gov/thesignal/…', 'https://public.oed.com/blog/…', 'thesphinxblog.com'
_BLOG_ADDRESS = re.compile(r"^\w+://(?:[\w.-]*blog[\w-]*\.[\w.-]+|[^/]+/(?:[^?#]*/)?blogs?/)", re.IGNORECASE)
_BLOG = re.compile(r"\bblog\b|\bweb\s+(?:feature|page|site)\b|\bwebsite\b", re.IGNORECASE)
# Reports, and the papers CSL's 'report' also holds: press releases and unpublished manuscripts
_REPORT = re.compile(
    r"\breports?\b|\bworking\s+papers?\b|\bwhite\s+paper\b|\bbericht\b|\brapport\b"
    r"|\b(?:medien|presse)mitteilung\b|\bpress\s+release\b|\bcommuniqué\s+de\s+presse\b"
    r"|\bunpublished\s+(?:article|paper|manuscript|typescript)\b",
    re.IGNORECASE,
)

# What a title calls a resource of the web, not a book: 'Online Archive', 'A Digital Edition'
_WEB_RESOURCE = re.compile(
    r"\b(?:online|archive|website|web\s+site|portal|database|datenbank|digital\s+edition"
    r"|digitale\s+edition|édition\s+numérique|project|projekt)\b",
    re.IGNORECASE,
)

# Journals dated to the day as newspapers are ('Journal of Data Mining … (December 3, 2019)'); a
# 'Review' may be either ('The New York Review of Books September 30, 2010.')
_NEVER_A_PAPER = re.compile(r"\b(?:journal|zeitschrift|quarterly|jahrbuch|annals|annales)\b", re.IGNORECASE)

# A program, named so or kept where programs are: 'mei-friend package for Atom', 'Concordia Codebase'
_SOFTWARE_WORDS = re.compile(
    r"\b(?:software|codebase|source\s+code|package|plug-?in|toolkit)\b", re.IGNORECASE
)
_SOFTWARE_HOST = re.compile(
    r"^\w+://(?:[^/]*/)*?(?:github\.com|gitlab\.com|bitbucket\.org|pypi\.org|cran\.r-project\.org|atom\.io/packages)/",
    re.IGNORECASE,
)


def _is_software(entry: Reference) -> bool:
    """A work with no container and no pages whose title says it is a program, at an address
    where programs are kept."""
    if entry.container is not None or entry.pages is not None:
        return False
    return _SOFTWARE_WORDS.search(entry.title or "") is not None and any(
        _SOFTWARE_HOST.search(u) for u in entry.urls
    )


def _kind(entry: Reference, fields: _Fields) -> str:
    if entry.thesis:
        return "thesis"
    words = " ".join(
        s.text for s in fields.spans if s.label in {"genre", "note", "publisher", "title", "url", "doi"}
    )
    # before the data sets: a paper in proceedings may have its DOI from Zenodo
    if entry.container is not None and PROCEEDINGS.search(entry.container) and entry.issue is None:
        return "conferencePaper"
    if _DATASET.search(words):
        if entry.publisher is None:  # 'Zenodo' after the title: the repository publishes it
            entry.publisher, entry.container = entry.container, None
        return "dataset"
    if entry.container is None and _REPORT.search(
        " ".join(s.text for s in fields.all("genre") + fields.all("title") + fields.all("note"))
    ):
        return "report"
    journal = fields.first("journal")
    if book_before_journal(fields) is not None and not _german_journal(entry):
        return "bookSection"  # 'In Book, herausgegeben von …, Werke Bd. 7': its series after it
    if journal is not None and IN_BOOK.match(journal.text) and not _german_journal(entry):
        return "bookSection"  # 'In Vengeance?, 39‑46.': a book's title, however labelled
    if journal is not None and (_series_of_book(entry, fields) or _publisher_of_book(entry, fields)):
        return "book"
    site = " ".join(s.text for s in fields.spans if s.label in {"journal", "container-title", "note", "date"})
    if _BLOG.search(f"{entry.container or ''} {site}") or any(_BLOG_ADDRESS.search(u) for u in entry.urls):
        return "webpage"  # 'Culture numérique (Blog)', 'Sphinx Blog', 'web feature': a blog is a web site
    if journal is not None:
        return _serial_kind(entry)
    if entry.container is not None:
        if entry.online and entry.publisher is None and fields.first("editor") is None:
            # a web page has no page numbers; a DOI names a published article
            if entry.volume or entry.issue or _has_doi(entry) or JOURNAL_NAME.search(entry.container):
                return "journalArticle"
            if (entry.month is not None or entry.place is not None) and entry.pages is None:
                # 'Le Monde.fr, juin.', 'Libération. Paris.': dated to the month, or named with its
                # city and no publisher, as newspapers are
                return "newspaperArticle"
            return "bookSection" if entry.pages else "webpage"
        return "bookSection"
    if entry.online and _is_software(entry):
        return "software"
    if entry.online and entry.publisher is None and entry.place is None:
        return "webpage"  # a book on the web still names where, or by whom, it was published
    if entry.online and entry.place is None and entry.pages is None and _quoted_title(fields):
        # '« L’inconscient et le corps parlant ». Asociación Mundial de Psicoanálisis. URL': a
        # quoted title is a part, and the body that put it on the web is its site
        entry.container, entry.publisher = entry.publisher, None
        return "webpage"
    if entry.online and entry.pages is None and _WEB_RESOURCE.search(entry.title or ""):
        return "webpage"  # 'The Fleischmann Diaries Online Archive. University College Cork, 2013.'
    return "book"


def _german_journal(entry: Reference) -> bool:
    """'In: Technikgeschichte 85 (2018), S. 195–201.', 'In: Communications, No. 4, 1964': German
    lists bring in a journal with 'In:' too; a volume or issue with neither publisher, place nor
    editors is a journal's."""
    return bool(entry.volume or entry.issue) and not (entry.publisher or entry.place or entry.editors)


def _serial_kind(entry: Reference) -> str:
    """A newspaper is dated to the month or day and has no volume; what is on the web with no
    volume, issue, pages or DOI is a page of a site; the rest are articles in journals."""
    numbered = entry.volume or entry.issue or entry.pages or _has_doi(entry)
    journal_named = JOURNAL_NAME.search(entry.container or "") is not None
    if entry.month is not None and not (
        entry.volume or entry.pages or _NEVER_A_PAPER.search(entry.container or "")
    ):
        return "newspaperArticle"
    if entry.online and not numbered and not journal_named:
        return "webpage"
    return "journalArticle"


def _has_doi(entry: Reference) -> bool:
    """A DOI, labelled as one or written as a link ('https://doi.org/10.4000/ejrieps.4829')."""
    return entry.doi is not None or any(DOI.search(url) for url in entry.urls)


def _series_of_book(entry: Reference, fields: _Fields) -> bool:
    """'Arbeiten zur Editionswissenschaft 4. Köln: Böhlau': a 'journal' after which a publisher
    or place is named, with no pages and no month (a newspaper's), is the series of a book; not
    after a quoted title, which is a part's ('‘Notes on motion’. Supplemento agli annali …, no. 2.
    Firenze: Istituto …')."""
    if entry.pages is not None or entry.month is not None or not (entry.publisher or entry.place):
        return False
    if entry.container is not None and _quoted_title(fields):
        return False
    if entry.container is None:
        return True  # 'The Papers of Woodrow Wilson. Vol. 68.': the 'journal' was the title, its volume the book's
    entry.series, entry.container = entry.series or entry.container, None
    entry.volume = entry.issue = None
    return True


def _quoted_title(fields: _Fields) -> bool:
    title = fields.first("title")
    return title is not None and title.text.strip()[:1] in _QUOTES


def _publisher_of_book(entry: Reference, fields: _Fields) -> bool:
    """MLA's 'Title. 1st ed., Drawn and Quarterly, 2006.': a 'journal' with no volume, issue,
    pages, month or link, after an unquoted title or an edition, is the book's publisher."""
    title = fields.first("title")
    unquoted = title is not None and not _quoted_title(fields)
    if entry.volume or entry.issue or entry.pages or entry.month or entry.online or entry.publisher:
        return False
    if not (unquoted or fields.first("edition") is not None):
        return False
    entry.publisher, entry.container = entry.container, None
    return True
