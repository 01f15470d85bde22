"""The typeset PDF: the shared XHTML (medium print) set by WeasyPrint with styles/print.css.

WeasyPrint is imported inside the functions that need it, through the engine: importing it
costs a quarter of a second, which a build that asks for no PDF should not pay.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import replace
from typing import Any

from lxml import etree

from exporter.diagnostics import shortened
from exporter.tei import XML_LANG, xpath
from exporter.writers import Options
from exporter.writers.html import XHTML_NS
from exporter.writers.pdf import DEFAULT_PAPER, DEFAULT_PDF_VARIANT, PAPERS, PDF_VARIANTS
from exporter.writers.pdf.docinfo import Dates, add_metadata, attachments, document_dates
from exporter.writers.tei import words

# PDF/UA-1 (the default) makes WeasyPrint tag the structure (pdfinfo: "Tagged: yes") and write
# the language, the title and DisplayDocTitle, which screen readers need. Embedded files are
# allowed in it. PDF/A-3u (Options.pdf_variant) is tagged too: WeasyPrint would not tag it, and
# the finisher mends the tags; its XMP then says pdfaid:part 3, conformance U, and not PDF/UA.
# Layouts at most: the first, then one per round of notes mended (seldom more than one).
MAX_LAYOUTS = 4
# Links a reader of the PDF may follow: within the review, the web, mail. A `file:` or
# `javascript:` link from a hostile TEI would be an action on the reader's machine.
SAFE_LINK = re.compile(r"\s*(#|https?:|mailto:)", re.IGNORECASE)


def write(tei: etree._Element, options: Options) -> bytes:
    from exporter.writers.html.transform import to_xhtml

    report_unshown_resources(tei, options)
    return typeset(to_xhtml(tei, "print", options.csl_style), tei, options)


def typeset(page: etree._Element, tei: etree._Element, options: Options) -> bytes:
    """Set an XHTML document as the PDF; the TEI gives the metadata and the embedded files.

    The pages' starts in the running text are left in options.print_pages, for an EPUB of the
    same build to carry the PDF's page numbers without a layout of its own.
    """
    from exporter.writers.pdf.engine.finishing import finisher
    from exporter.writers.pdf.engine.notecalls import link_calls

    dates = document_dates(tei)
    with laid_out(page, tei, options, dates) as document:
        link_words = link_calls(document)
        files = attachments(tei, options, dates)
        pdf: bytes = document.write_pdf(
            **variant_options(options),
            attachments=files,
            finisher=finisher({f.name: f.relationship for f in files}, dates is not None, link_words),
        )
    return pdf


def print_pages(tei: etree._Element, options: Options) -> list[int]:
    """Where each page of the PDF begins in the running text (html.pages), from a layout without
    the PDF; options.print_pages when this build's PDF has been laid out already."""
    from exporter.writers.html.transform import to_xhtml

    if options.print_pages is None:
        quiet = replace(options, diagnostics=[])  # the PDF reports its own warnings when it is built
        with laid_out(to_xhtml(tei, "print", options.csl_style), tei, quiet, document_dates(tei)):
            options.print_pages = quiet.print_pages
    assert options.print_pages is not None
    return options.print_pages


@contextmanager
def laid_out(
    page: etree._Element, tei: etree._Element, options: Options, dates: Dates | None
) -> Iterator[Any]:
    """The laid-out WeasyPrint document of the XHTML, while the renderer's warnings are collected."""
    from exporter.writers.pdf import engine

    mended = engine.load(options.owns_process)
    from weasyprint import CSS

    from exporter.writers.html.transform import style_path
    from exporter.writers.pdf.engine.collection import full_collections_after_layouts_only
    from exporter.writers.pdf.engine.fetcher import SandboxedFetcher
    from exporter.writers.pdf.engine.running_text import page_starts
    from exporter.writers.pdf.engine.tree import html_document

    styles = style_path("print.css").parent
    fetcher = SandboxedFetcher(styles, options.warn)
    page = prepare(page, tei, options, dates)
    html = html_document(page, styles.as_uri() + "/", fetcher, from_tree=mended)
    del page  # WeasyPrint has its own tree now: a long review's peak memory
    with renderer_warnings(options), full_collections_after_layouts_only(options.owns_process):
        stylesheet = CSS(filename=str(styles / "print.css"), url_fetcher=fetcher)
        document = lay_out(html, stylesheet, options)
        options.print_pages = page_starts(document)
        yield document


def lay_out(html: Any, stylesheet: Any, options: Options) -> Any:
    """The pages, laid out again while a note went overleaf (see engine.notepages)."""
    from exporter.writers.pdf.engine.collection import after_layout
    from exporter.writers.pdf.engine.notepages import displaced_notes, push_to_next_page

    document = html.render(stylesheets=[stylesheet], **variant_options(options))
    after_layout(options.owns_process)
    for _ in range(MAX_LAYOUTS - 1):
        displaced = displaced_notes(document)
        if not displaced or not push_to_next_page(document, displaced):
            break
        del document  # the old pages go before the new ones are made: a long review's peak memory
        after_layout(options.owns_process)
        document = html.render(stylesheets=[stylesheet], **variant_options(options))
        after_layout(options.owns_process)
    for d in displaced_notes(document):
        options.warn(f"PDF: note {d.note} is set on page {d.note_page}, its call on page {d.call_page}")
    return document


def variant_options(options: Options) -> dict[str, Any]:
    """WeasyPrint's options for the PDF variant asked for: always tagged."""
    variant = options.pdf_variant or DEFAULT_PDF_VARIANT
    if variant not in PDF_VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}; choose from {', '.join(PDF_VARIANTS)}")
    return {"pdf_variant": variant, "pdf_tags": True}


def paper(options: Options) -> str:
    name = (options.paper or DEFAULT_PAPER).lower()
    if name not in PAPERS:
        known = ", ".join(PAPERS)
        options.warn(f"PDF: unknown paper {options.paper!r}; using {DEFAULT_PAPER} (known: {known})")
        return DEFAULT_PAPER
    return name


def prepare(
    page: etree._Element, tei: etree._Element, options: Options, dates: Dates | None
) -> etree._Element:
    """A copy of the XHTML with what the print needs: metadata, language, the named page, safe links."""
    page = deepcopy(page)
    page.set("lang", page.get("lang") or tei.get(XML_LANG) or "en")
    page.set("data-paper", paper(options))
    add_metadata(page, tei, dates)
    keep_safe_links(page, options)
    describe_links(page, tei)
    unwrap_plain_inlines(page)
    mark_running_heads(page)
    return page


# The running head is set in 9pt italic in a box 90 mm wide on the narrowest paper (A5): about 75
# characters of an ordinary title (seen with the book paper's 92 mm), fewer in capitals. Longer
# titles are cut at a word and end with an ellipsis, so that the head keeps to one line
# (print.css clips it if it still does not fit) instead of growing into the margin.
RUNNING_HEAD_CHARS = 64


def mark_running_heads(page: etree._Element) -> None:
    """data-running-head on the title and the reviewed work's title, which print.css's string-set reads."""
    for titlepage in page.iterfind(f".//{{{XHTML_NS}}}*[@id='titlepage']"):
        heads = titlepage.iterfind(f".//{{{XHTML_NS}}}h1")
        works = titlepage.iterfind(f".//{{{XHTML_NS}}}*[@class='reviewed-work']//{{{XHTML_NS}}}cite")
        for node in (*heads, *works):
            node.set("data-running-head", running_head("".join(map(str, node.itertext()))))


def running_head(text: str, limit: int = RUNNING_HEAD_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—-") + "…"


# Inline wrappers print.css gives no style of their own; the quotation marks are characters
# already. Each inline element is a box WeasyPrint lays out, keeps in memory and tags (as a
# Span or NonStruct, which says nothing): unwrapped, a long review sets about a fifth faster.
PLAIN_SPANS = {"quote", "cit", "citation"}


def unwrap_plain_inlines(page: etree._Element) -> None:
    for node in page.iter(f"{{{XHTML_NS}}}span"):
        if PLAIN_SPANS.intersection((node.get("class") or "").split()):
            node.tag = "unwrap"
    etree.strip_tags(page, "unwrap")


def keep_safe_links(page: etree._Element, options: Options) -> None:
    """Drop links a reader should not be sent to, and anything WeasyPrint would embed as a file."""
    for node in page.iter(f"{{{XHTML_NS}}}a", f"{{{XHTML_NS}}}link"):
        # rel="attachment" makes WeasyPrint fetch the target into the PDF (and date it by the clock).
        if "attachment" in (node.get("rel") or "").lower().split():
            del node.attrib["rel"]
        href = node.get("href")
        if node.tag == f"{{{XHTML_NS}}}a" and href is not None and not SAFE_LINK.match(href):
            options.warn(
                f"PDF: link to {shortened(href)!r} left out: only links within the review, http(s) and mailto"
            )
            del node.attrib["href"]


def describe_links(page: etree._Element, tei: etree._Element) -> None:
    """Where each link goes, in words, for its annotation's Contents (PDF/UA-1 7.18.5): a link to
    an entry of the reference list "Entry: Serge 2012a", in data-contents; and on each note, the
    word its call's words begin with ("Note", then the call's figure: engine/notecalls.py), and
    those of the link from the note's number back to its call ("Back to note call")."""
    from exporter.writers.bib.entries import bibliography, read_entry
    from exporter.writers.html.labels import label

    lang = page.get("lang") or "en"
    for note in page.iterfind(f".//{{{XHTML_NS}}}span[@class='footnote']"):
        note.set("data-call-word", label("note", lang))
        note.set("data-back-word", label("back-to-call", lang))
    entries = {}
    for bibl in bibliography(tei):
        record = read_entry(bibl)
        people = [p.family or p.literal for p in record.authors or record.editors]
        if len(people) > 2:
            names = f"{people[0]} {label('et-al', lang)}"
        else:
            names = f" {label('and', lang)} ".join(people)
        said = " ".join(filter(None, [names, record.year_label or record.year]))
        entries[record.key] = f"{label('entry', lang)}: {said or words(bibl)[:60]}"
    for node in page.iter(f"{{{XHTML_NS}}}a"):
        href = node.get("href") or ""
        if href.startswith("#") and href[1:] in entries:
            node.set("data-contents", entries[href[1:]])


def report_unshown_resources(tei: etree._Element, options: Options) -> None:
    """Images and media the TEI points at are not fetched, whatever they are: say so."""
    for node in xpath(tei, "//tei:text//*[@url or @facs]"):
        target = node.get("url") or node.get("facs") or ""
        name = etree.QName(node).localname
        options.warn(f"PDF: {name} {shortened(target)!r} not included: the PDF fetches no external resources")


@contextmanager
def renderer_warnings(options: Options) -> Iterator[None]:
    """WeasyPrint's own complaints (bad CSS, unloadable resources) as the build's warnings."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    for message in handler.messages:
        options.warn(f"PDF renderer: {message}")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        # A refused URL is reported once, by the fetcher.
        if "outside the sandbox" not in message:
            self.messages.append(message)
