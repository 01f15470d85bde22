"""The typeset PDF: the shared XHTML (medium print) set by WeasyPrint with styles/print.css.

WeasyPrint is imported inside the functions that need it, through renderer_setup: importing it
costs a quarter of a second, which a build that asks for no PDF should not pay.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from typing import Any
from xml.etree import ElementTree

from lxml import etree

from exporter.tei import XML_LANG, XML_NS, xpath
from exporter.writers import Options
from exporter.writers.notepages import displaced_notes, push_to_next_page
from exporter.writers.pdfmeta import Dates, add_metadata, attachments, document_dates, undated_attachments

XHTML_NS = "http://www.w3.org/1999/xhtml"
# Named pages of print.css; the default is a book or journal page, 156 x 234 mm.
PAPERS = ("book", "a4", "a5", "b5", "letter")
DEFAULT_PAPER = "book"
# PDF/UA-1 makes WeasyPrint tag the structure (pdfinfo: "Tagged: yes") and write the language,
# the title and DisplayDocTitle, which screen readers need. Embedded files are allowed in it.
PDF_VARIANT = "pdf/ua-1"
# Layouts at most: the first, then one per round of notes mended (seldom more than one).
MAX_LAYOUTS = 4
# Links a reader of the PDF may follow: within the review, the web, mail. A `file:` or
# `javascript:` link from a hostile TEI would be an action on the reader's machine.
SAFE_LINK = re.compile(r"\s*(#|https?:|mailto:)", re.IGNORECASE)


def write(tei: etree._Element, options: Options) -> bytes:
    from exporter.writers.html.transform import to_xhtml

    report_unshown_resources(tei, options)
    return render(to_xhtml(tei, "print"), tei, options)


def render(page: etree._Element, tei: etree._Element, options: Options) -> bytes:
    """Set an XHTML document as the PDF; the TEI gives the metadata and the embedded files."""
    from exporter.writers import renderer_setup

    renderer_setup.load()
    from weasyprint import CSS, HTML

    from exporter.writers.fetcher import SandboxedFetcher
    from exporter.writers.html.transform import style_path

    styles = style_path("print.css").parent
    fetcher = SandboxedFetcher(styles, options.warn)
    dates = document_dates(tei)
    page = prepare(page, tei, options, dates)
    base_url = styles.as_uri() + "/"
    html = renderer_setup.html_from_tree(as_element_tree(page), base_url, fetcher)
    if html is None:  # another WeasyPrint: the HTML as text, which it parses again
        html = HTML(string=as_html(page), base_url=base_url, url_fetcher=fetcher)
    del page  # WeasyPrint has its own tree now: a long review's peak memory
    with renderer_warnings(options), full_collections_after_layouts_only():
        stylesheet = CSS(filename=str(styles / "print.css"), url_fetcher=fetcher)
        document = lay_out(html, stylesheet, options)
        pdf: bytes = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=attachments(tei, options, dates),
            finisher=None if dates else undated_attachments,
        )
    return pdf


def lay_out(html: Any, stylesheet: Any, options: Options) -> Any:
    """The pages, laid out again while a note went overleaf (see notepages and renderer_setup)."""
    from exporter.writers.renderer_setup import collect_garbage

    document = html.render(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    collect_garbage()  # the layout context, the parsed HTML and their styles are cyclic garbage now
    for _ in range(MAX_LAYOUTS - 1):
        displaced = displaced_notes(document)
        if not displaced or not push_to_next_page(document, displaced):
            break
        del document  # the old pages go before the new ones are made: a long review's peak memory
        collect_garbage()
        document = html.render(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
        collect_garbage()
    for d in displaced_notes(document):
        options.warn(f"PDF: note {d.note} is set on page {d.note_page}, its call on page {d.call_page}")
    return document


@contextmanager
def full_collections_after_layouts_only() -> Iterator[None]:
    """No automatic full garbage collection while WeasyPrint renders; lay_out makes its own.

    A layout makes millions of objects that live until the PDF is written, and every automatic
    full collection walks them all again. For a 600-page review CPython made 13, about 3 s in
    all: twelve freed 13,000 objects between them, the other 370,000, the layout's context, once
    the layout was done. lay_out collects at that point and nowhere else.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


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
PLAIN_INLINES = (("q", None), ("span", "cit"), ("span", "citation"))


def unwrap_plain_inlines(page: etree._Element) -> None:
    for name, cls in PLAIN_INLINES:
        for node in page.iter(f"{{{XHTML_NS}}}{name}"):
            if cls is None or cls in (node.get("class") or "").split():
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
                f"PDF: link to {_short(href)!r} left out: only links within the review, http(s) and mailto"
            )
            del node.attrib["href"]


def report_unshown_resources(tei: etree._Element, options: Options) -> None:
    """Images and media the TEI points at are not fetched, whatever they are: say so."""
    for node in xpath(tei, "//tei:text//*[@url or @facs]"):
        target = node.get("url") or node.get("facs") or ""
        name = etree.QName(node).localname
        options.warn(f"PDF: {name} {_short(target)!r} not included: the PDF fetches no external resources")


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def as_element_tree(page: etree._Element) -> ElementTree.Element:
    """The tree WeasyPrint's HTML5 parser makes of as_html(page), made directly: no namespace on
    the elements, 'prefix:name' attributes. Parsing the text again took half a second for a
    600-page review."""
    names: dict[str, str] = {}
    for node in page.iter():
        if isinstance(node.tag, str):
            for name in map(str, node.attrib):
                names.setdefault(name, _html_name(name, node.nsmap))
    return _plain_element(page, names, None)


def _html_name(name: str, nsmap: dict[str | None, str]) -> str:
    qname = etree.QName(name)
    if not qname.namespace:
        return name
    prefixes = {XML_NS: "xml"} | {uri: prefix for prefix, uri in nsmap.items() if prefix}
    prefix = prefixes.get(qname.namespace)
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _plain_element(node: etree._Element, names: dict[str, str], parent: Any) -> ElementTree.Element:
    tag = etree.QName(node).localname
    attrib = {names[str(name)]: str(value) for name, value in node.attrib.items()}
    made = ElementTree.Element(tag, attrib) if parent is None else ElementTree.SubElement(parent, tag, attrib)
    made.text = node.text
    last = None
    for child in node:
        if isinstance(child.tag, str):
            last = _plain_element(child, names, made)
        elif child.tail:  # a comment or processing instruction: only the text after it counts
            if last is None:
                made.text = (made.text or "") + child.tail
            else:
                last.tail = (last.tail or "") + child.tail
    made.tail = node.tail
    return made


def as_html(page: etree._Element) -> str:
    """HTML5 text for WeasyPrint's parser: no namespace, no self-closed non-void elements. What
    WeasyPrint reads if html_from_tree cannot be used, and what the benchmark gives it."""
    plain = deepcopy(page)
    for node in plain.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{XHTML_NS}}}"):
            node.tag = node.tag[len(XHTML_NS) + 2 :]
    etree.cleanup_namespaces(plain)
    return "<!DOCTYPE html>\n" + etree.tostring(plain, method="html", encoding="unicode")


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
