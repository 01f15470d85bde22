"""EPUB 3 from the TEI: the shared XHTML (medium epub) packaged by ebooklib, made reproducible.

Files, in reading order: cover.xhtml (an SVG drawn from the title), titlepage.xhtml, review.xhtml
(notes as footnote asides right after their paragraphs), bibliography.xhtml; nav.xhtml with the
table of contents and landmarks, and toc.ncx for EPUB 2 readers.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from ebooklib import epub
from lxml import etree

from exporter.tei import NSMAP, XML_LANG, xpath
from exporter.writers import FORMATS, Options, source_date_epoch
from exporter.writers.epub.archive import ZIP_EPOCH, reproducible
from exporter.writers.epub.documents import (
    COVER_IMAGE,
    STYLESHEET,
    Document,
    Heading,
    cover_image,
    cover_page,
    navigation,
    split,
    table_of_contents,
)
from exporter.writers.epub.pagebreaks import PageBreak, mark_pages
from exporter.writers.html import XHTML_NS
from exporter.writers.html.labels import label
from exporter.writers.html.transform import style_path, to_xhtml
from exporter.writers.html.typography import running_text
from exporter.writers.pdf import DEFAULT_PAPER

PACKAGE_PATH = "EPUB/content.opf"
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
]
# schema.org's names for a page list and the markers it leads to.
PAGE_FEATURES = ("pageBreakMarkers", "pageNavigation")
SUMMARY = (
    "A text-only review with a table of contents, headings in order and landmarks. Notes are linked "
    "from their calls and back; every citation is linked to its entry in the references. The cover "
    "is an image of the title, which the title page repeats as text. Reading order follows the text."
)


@dataclass
class PackageMetadata:
    """What the package document (content.opf) says about the book."""

    title: str
    lang: str
    identifier: str
    authors: list[tuple[str, str]]  # (name as printed, name as sorted)
    description: str
    publisher: str | None
    date: str | None
    rights: str | None
    modified: dt.datetime


def write(tei: etree._Element, options: Options) -> bytes:
    from exporter.writers.pdf.writer import print_pages

    xhtml = to_xhtml(tei, "epub", options.csl_style)
    meta = package_metadata(tei, xhtml, options)
    documents = split(xhtml, meta.title)
    pages = mark_pages(documents, print_pages(tei, options))
    book = _book(meta, documents, pages, _pdf_edition(options))
    archive = io.BytesIO()
    # ebooklib's page-list off: it would invent one from every element with an epub:type and an id.
    epub.write_epub(archive, book, {"epub3_pages": False, "epub3_landmark": False, "mtime": meta.modified})
    return reproducible(archive.getvalue(), meta.modified, PACKAGE_PATH, meta.lang)


# -- what the TEI says about the book ----------------------------------------------------------


def package_metadata(tei: etree._Element, xhtml: etree._Element, options: Options) -> PackageMetadata:
    lang = tei.get(XML_LANG) or "en"
    title = running_text(_words_at(tei, "//tei:titleStmt/tei:title[@type='main']"))
    if not title:
        options.warn("the TEI has no title; the EPUB is called after its file")
        title = options.name
    date = _words_at(tei, "//tei:publicationStmt/tei:date/@when") or None
    return PackageMetadata(
        title=title,
        lang=lang,
        identifier="urn:uuid:" + _words_at(tei, "//tei:publicationStmt/tei:idno[@type='UUID']"),
        authors=[_person(p) for p in xpath(tei, "//tei:titleStmt/tei:author/tei:persName")],
        description=str(
            xhtml.xpath("string(//h:meta[@name='description']/@content)", namespaces={"h": XHTML_NS})
        ),
        publisher=_words_at(tei, "//tei:publicationStmt/tei:publisher") or None,
        date=date,
        rights=_words_at(tei, "//tei:publicationStmt/tei:availability/tei:licence") or None,
        modified=modified_time(date),
    )


def modified_time(tei_date: str | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when the build sets it, else the TEI's date, else 1980: never the clock."""
    epoch = source_date_epoch()
    if epoch:
        return epoch
    if tei_date:
        year, month, day = ([*tei_date.split("-"), "01", "01"])[:3]
        try:
            return dt.datetime(int(year), int(month), int(day), tzinfo=dt.UTC)
        except ValueError:
            pass
    return ZIP_EPOCH


def _words_at(tei: etree._Element, path: str) -> str:
    return " ".join(str(tei.xpath(f"string({path})", namespaces=NSMAP)).split())


def _person(pers: etree._Element) -> tuple[str, str]:
    parts = {child.tag.split("}")[1]: " ".join(str(child.text or "").split()) for child in pers}
    surname = " ".join(filter(None, [parts.get("nameLink"), parts.get("surname")]))
    shown = " ".join(filter(None, [parts.get("forename"), surname])) or " ".join(
        str(pers.xpath("string()")).split()
    )
    return shown, ", ".join(filter(None, [surname, parts.get("forename")])) or shown


# -- the book ------------------------------------------------------------------------------------


def _pdf_edition(options: Options) -> str:
    """What the page numbers are the pages of: the PDF of the same build, by its file and paper."""
    paper = (options.paper or DEFAULT_PAPER).lower()
    return f"{options.name}{FORMATS['pdf'].suffix} (PDF edition, {paper} paper)"


def _book(
    meta: PackageMetadata, documents: list[Document], pages: list[PageBreak], edition: str
) -> epub.EpubBook:
    book = epub.EpubBook()
    _describe(book, meta)
    if pages:
        # Both ways of naming the edition the pages come from: dc:source, which EPUB 3 readers
        # know, and pageBreakSource, which the page-source-id draft defines for them.
        book.add_metadata("DC", "source", edition)
        book.add_metadata(None, "meta", edition, {"property": "pageBreakSource"})
        for feature in PAGE_FEATURES:
            book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    book.add_item(
        epub.EpubItem(uid="css", file_name=STYLESHEET, media_type="text/css", content=_stylesheet())
    )
    subtitle = meta.description
    book.add_item(
        epub.EpubItem(
            uid="cover-image",
            file_name=COVER_IMAGE,
            media_type="image/svg+xml",
            content=cover_image(meta.lang, meta.title, subtitle),
        )
    )
    book.items[-1].properties = ["cover-image"]
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    cover = cover_page(meta.lang, meta.title, f"{label('cover', meta.lang)}: {meta.title}")
    reading = [cover, *documents]
    toc = table_of_contents(documents)
    landmarks = [(d.landmark, d.file_name, _landmark_text(d, meta.lang)) for d in reading if d.landmark]
    nav = navigation(meta.lang, toc, landmarks, [(p.label, p.href) for p in pages])
    items = [_item(d) for d in [*reading, nav]]
    for item in items:
        book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.spine = items[: len(reading)]
    book.toc = [_toc_entry(h) for h in toc]
    return book


def _describe(book: epub.EpubBook, meta: PackageMetadata) -> None:
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.lang)
    for i, (shown, sorted_as) in enumerate(meta.authors, start=1):
        # Not book.add_author: it gives file-as the MARC relators scheme, which is only for roles.
        book.add_metadata("DC", "creator", shown, {"id": f"creator{i}"})
        book.add_metadata(None, "meta", sorted_as, {"refines": f"#creator{i}", "property": "file-as"})
        book.add_metadata(
            None, "meta", "aut", {"refines": f"#creator{i}", "property": "role", "scheme": "marc:relators"}
        )
    book.add_metadata("DC", "subject", label("subject", meta.lang))
    book.add_metadata("DC", "description", meta.description)
    if meta.publisher:
        book.add_metadata("DC", "publisher", meta.publisher)
    if meta.date:
        book.add_metadata("DC", "date", meta.date)
    if meta.rights:
        book.add_metadata("DC", "rights", meta.rights)
    for prop, value in ACCESSIBILITY:
        book.add_metadata(None, "meta", value, {"property": prop})
    summary_lang = {} if meta.lang.startswith("en") else {XML_LANG: "en"}
    book.add_metadata(None, "meta", SUMMARY, {"property": "schema:accessibilitySummary", **summary_lang})


class _Page(epub.EpubHtml):  # type: ignore[misc]
    """A content document written exactly as built: ebooklib's own re-parse would drop its head."""

    def __init__(self, document: Document) -> None:
        uid = document.file_name.removesuffix(".xhtml")
        super().__init__(uid=uid, file_name=document.file_name, title=document.title)
        self.media_type = "application/xhtml+xml"
        self.properties = list(document.properties)
        self.content = document.to_bytes()

    def get_content(self, default: bytes | None = None) -> bytes:
        return bytes(self.content)


def _item(document: Document) -> epub.EpubHtml:
    return _Page(document)


def _toc_entry(heading: Heading) -> object:
    link = epub.Link(heading.href, heading.text, heading.href.replace(".xhtml", "").replace("#", "-"))
    if not heading.children:
        return link
    return (epub.Section(heading.text, heading.href), [_toc_entry(h) for h in heading.children])


def _landmark_text(document: Document, lang: str) -> str:
    return label("titlepage", lang) if document.landmark == "titlepage" else document.title


def _stylesheet() -> bytes:
    return style_path(STYLESHEET).read_bytes()
