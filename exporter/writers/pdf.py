"""The typeset PDF: the shared XHTML (medium print) set by WeasyPrint with styles/print.css.

WeasyPrint is imported here, inside `write`, because importing it alone costs over half a second
and a build that asks for no PDF should not pay for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from exporter.tei import XML_LANG, serialise, xpath
from exporter.writers import FORMATS, Options

XHTML_NS = "http://www.w3.org/1999/xhtml"
# Named pages of print.css; the default is a book or journal page, 156 x 234 mm.
PAPERS = ("book", "a4", "a5", "b5", "letter")
DEFAULT_PAPER = "book"
# PDF/UA-1 makes WeasyPrint tag the structure (pdfinfo: "Tagged: yes") and carry the language,
# the title and DisplayDocTitle, which screen readers need.
PDF_VARIANT = "pdf/ua-1"


def write(tei: etree._Element, options: Options) -> bytes:
    from weasyprint import CSS, HTML

    from exporter.writers.fetcher import SandboxedFetcher, styles_root
    from exporter.writers.xhtml import to_xhtml

    root = styles_root()
    fetcher = SandboxedFetcher(root, options.warn)
    dates = document_dates(tei)
    page = prepare(to_xhtml(tei, "print"), tei, paper(options), dates)
    html = HTML(string=as_html(page), base_url=root.as_uri() + "/", url_fetcher=fetcher)
    style = CSS(filename=str(root / "print.css"), url_fetcher=fetcher)
    with renderer_warnings(options):
        pdf: bytes = html.write_pdf(
            stylesheets=[style],
            pdf_variant=PDF_VARIANT,
            attachments=attachments(tei, options, dates),
            finisher=None if dates else _drop_attachment_dates,
        )
    return pdf


def paper(options: Options) -> str:
    name = (options.paper or DEFAULT_PAPER).lower()
    if name not in PAPERS:
        known = ", ".join(PAPERS)
        options.warn(f"PDF: unknown paper {options.paper!r}; using {DEFAULT_PAPER} (known: {known})")
        return DEFAULT_PAPER
    return name


def document_dates(tei: etree._Element) -> tuple[str, str] | None:
    """(created, modified) as W3C dates: the TEI's publication date, the build's SOURCE_DATE_EPOCH.

    Either stands in for the other; with neither the PDF carries no date at all, never the clock's.
    """
    published = next((d.get("when", "") for d in xpath(tei, "//tei:publicationStmt/tei:date[@when]")), "")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    built = datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch.isdigit() else ""
    if not (published or built):
        return None
    return (published or built, built or published)


def prepare(
    page: etree._Element, tei: etree._Element, paper_name: str, dates: tuple[str, str] | None
) -> etree._Element:
    """The XHTML with what WeasyPrint reads from <head>: metadata, language, the named page."""
    page = deepcopy(page)
    page.set("lang", page.get("lang") or tei.get(XML_LANG) or "en")
    page.set("data-paper", paper_name)
    head = page.find(f"{{{XHTML_NS}}}head")
    if head is None:
        head = etree.Element(f"{{{XHTML_NS}}}head")
        page.insert(0, head)
    # Attachments come from the writer only: a link the content brought would be fetched and dated.
    for link in head.findall(f"{{{XHTML_NS}}}link"):
        if "attachment" in (link.get("rel") or "").split():
            head.remove(link)
    for name, content in metadata(tei, dates).items():
        _set_meta(head, name, content, replace=name.startswith("dcterms."))
    return page


def _set_meta(head: etree._Element, name: str, content: str, replace: bool) -> None:
    """Add <meta name content>; an existing one is kept, or replaced when `replace`."""
    existing = [m for m in head.findall(f"{{{XHTML_NS}}}meta") if m.get("name") == name]
    if existing and not replace:
        return
    for meta in existing:
        head.remove(meta)
    meta = etree.SubElement(head, f"{{{XHTML_NS}}}meta")
    meta.set("name", name)
    meta.set("content", content)


def metadata(tei: etree._Element, dates: tuple[str, str] | None) -> dict[str, str]:
    """Author, subject, keywords and dates, as the <meta> names WeasyPrint maps to Info and XMP.

    The shared transform writes most of them already; these are the fallbacks, but for the dates,
    which only the writer knows (SOURCE_DATE_EPOCH).
    """
    found: dict[str, str] = {}
    authors = [_words(a) for a in xpath(tei, "//tei:titleStmt/tei:author")]
    if authors:
        found["author"] = " and ".join(authors)
    reviewed = xpath(tei, "//tei:front/tei:div[@type='reviewed']//tei:biblStruct")
    if reviewed:
        found["description"] = "A review of " + reviewed_work(reviewed[0])
    terms = [_words(t) for t in xpath(tei, "//tei:profileDesc//tei:keywords/tei:term")]
    if terms:
        found["keywords"] = ", ".join(terms)
    if dates:
        found["dcterms.created"], found["dcterms.modified"] = dates
    return found


def reviewed_work(bibl: etree._Element) -> str:
    """'Victor Serge, Notebooks 1936-1947 (2019)': authors, the title, the year."""
    names = [_words(p) for p in xpath(bibl, "tei:monogr/tei:author/tei:persName")]
    title = next((_words(t) for t in xpath(bibl, "tei:monogr/tei:title")), "")
    year = next((d.get("when", "")[:4] for d in xpath(bibl, ".//tei:imprint/tei:date[@when]")), "")
    text = ", ".join(filter(None, [" and ".join(names), title]))
    return f"{text} ({year})" if year else text


def _words(node: etree._Element) -> str:
    return " ".join("".join(str(t) for t in node.itertext()).split())


def as_html(page: etree._Element) -> str:
    """HTML5 text for WeasyPrint's parser: no namespace, no self-closed non-void elements."""
    plain = deepcopy(page)
    for node in plain.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{XHTML_NS}}}"):
            node.tag = node.tag[len(XHTML_NS) + 2 :]
    etree.cleanup_namespaces(plain)
    return "<!DOCTYPE html>\n" + etree.tostring(plain, method="html", encoding="unicode")


def attachments(tei: etree._Element, options: Options, dates: tuple[str, str] | None) -> list[Any]:
    """The TEI the PDF was made from, and the references as BibTeX once that writer is registered."""
    from weasyprint import Attachment

    created, modified = (_datetime(d) for d in dates) if dates else (_EPOCH, _EPOCH)
    files = [(f"{options.name}.xml", serialise(tei), "The review as TEI P5, from which this PDF was made")]
    # HOOK(bib): the `.bib` comes from the BibTeX writer (branch `bib`). It is attached as soon as
    # a format whose module is exporter.writers.bibtex is registered in FORMATS; its diagnostics
    # are not repeated here (the bib format reports them itself when it is built).
    bib = next((f for f in FORMATS.values() if f.module == "exporter.writers.bibtex"), None)
    if bib is not None:
        from exporter.writers import writer

        data = writer(bib.name).write(tei, replace(options, diagnostics=[]))
        files.append((f"{options.name}{bib.suffix}", data, "The references of the review as BibTeX"))
    dated = {"created": created, "modified": modified, "relationship": "Source"}
    return [Attachment(string=data, name=name, description=about, **dated) for name, data, about in files]


# Attachments need some date; with none known they get this one and the finisher removes it.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _datetime(w3c: str) -> datetime:
    """A W3C date (2019, 2019-02, 2019-02-28, or with time and Z) as an aware datetime."""
    text = w3c.replace("Z", "+00:00")
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return _EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _drop_attachment_dates(document: Any, pdf: Any) -> None:
    for obj in pdf.objects:
        params = obj.extra.get("Params") if hasattr(obj, "extra") else None
        if params is not None and obj.extra.get("Type") == "/EmbeddedFile":
            params.pop("CreationDate", None)
            params.pop("ModDate", None)


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
        # Refused URLs are reported once by the fetcher already.
        if "outside the sandbox" not in message:
            self.messages.append(message)
