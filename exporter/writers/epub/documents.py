"""The EPUB's content documents: the shared XHTML split into files, the navigation and the cover.

One file per section (title page, review, bibliography), so that each starts on a page of its own
in every reader and the table of contents leads to the start of a file. Notes stay in the review's
file, right after their paragraphs. Links between files are rewritten from `#id` to `file#id`.
"""

from __future__ import annotations

import copy
import textwrap
from dataclasses import dataclass, field

from lxml import etree

from exporter.tei import XML_LANG
from exporter.writers.html import EPUB_NS, XHTML_NS
from exporter.writers.html.labels import label

STYLESHEET = "epub.css"
COVER_IMAGE = "cover.svg"
PAGE_NSMAP = {None: XHTML_NS, "epub": EPUB_NS}
SVG_NS = "http://www.w3.org/2000/svg"
DOCTYPE = "<!DOCTYPE html>"


def x(name: str) -> str:
    return f"{{{XHTML_NS}}}{name}"


EPUB_TYPE = f"{{{EPUB_NS}}}type"


@dataclass
class Heading:
    """A table-of-contents entry: where it leads, what it says, the entries under it."""

    href: str
    text: str
    children: list[Heading] = field(default_factory=list)


@dataclass
class Document:
    """One XHTML file of the book."""

    file_name: str
    title: str
    root: etree._Element
    landmark: str | None = None  # epub:type of the landmark leading here
    properties: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        return etree.tostring(self.root, encoding="utf-8", xml_declaration=True, doctype=DOCTYPE)


def split(xhtml: etree._Element, book_title: str) -> list[Document]:
    """One document per top-level section, links rewritten to reach across files."""
    lang = xhtml.get("lang") or "en"
    documents: list[Document] = []
    for section in xhtml.iterfind(f"{x('body')}/{x('section')}"):
        name = section.get("id") or f"part{len(documents) + 1}"
        heading = _first_heading(section)
        title = book_title if name == "titlepage" else f"{heading} – {book_title}"
        landmark = {"titlepage": "titlepage", "review": "bodymatter", "bibliography": "bibliography"}.get(
            name
        )
        root = page(lang, title, [copy.deepcopy(section)])
        documents.append(Document(f"{name}.xhtml", heading or book_title, root, landmark))
    _rewrite_links(documents)
    return documents


def page(lang: str, title: str, content: list[etree._Element]) -> etree._Element:
    """A complete XHTML page with its title, language and the book's stylesheet."""
    html = etree.Element(x("html"), {"lang": lang, XML_LANG: lang}, nsmap=PAGE_NSMAP)  # type: ignore[arg-type]
    head = etree.SubElement(html, x("head"))
    etree.SubElement(head, x("meta"), {"charset": "utf-8"})
    etree.SubElement(head, x("title")).text = title
    etree.SubElement(head, x("link"), {"rel": "stylesheet", "type": "text/css", "href": STYLESHEET})
    body = etree.SubElement(html, x("body"))
    body.extend(content)
    return html


def _first_heading(section: etree._Element) -> str:
    for node in section.iter(x("h1"), x("h2"), x("h3")):
        return " ".join(str(node.xpath("string()")).split())
    return ""


def _rewrite_links(documents: list[Document]) -> None:
    home = {str(i): d.file_name for d in documents for i in _ids(d.root)}
    for document in documents:
        for link in document.root.iter(x("a")):
            href = link.get("href", "")
            if href.startswith("#") and home.get(href[1:], document.file_name) != document.file_name:
                link.set("href", f"{home[href[1:]]}{href}")


def _ids(root: etree._Element) -> list[str]:
    return [node.get("id", "") for node in root.iter() if node.get("id")]


def table_of_contents(documents: list[Document]) -> list[Heading]:
    """The files in reading order; the review's own sections under it."""
    entries = []
    for document in documents:
        entry = Heading(document.file_name, document.title)
        for section in document.root.iterfind(f"{x('body')}/{x('section')}/{x('section')}"):
            entry.children.append(
                Heading(f"{document.file_name}#{section.get('id')}", _first_heading(section))
            )
        entries.append(entry)
    return entries


def navigation(
    lang: str, toc: list[Heading], landmarks: list[tuple[str, str, str]], pages: list[tuple[str, str]]
) -> Document:
    """nav.xhtml: the table of contents, the landmarks (epub:type, href, text) and the page list
    (number, href), hidden as readers expect: they offer it as a "go to page"."""
    contents = label("contents", lang)
    toc_nav = etree.Element(
        x("nav"), {EPUB_TYPE: "toc", "role": "doc-toc", "id": "toc", "aria-labelledby": "toc-heading"}
    )
    etree.SubElement(toc_nav, x("h1"), {"id": "toc-heading"}).text = contents
    toc_nav.append(_entries(toc))
    marks = etree.Element(
        x("nav"),
        {EPUB_TYPE: "landmarks", "id": "landmarks", "aria-labelledby": "landmarks-heading", "hidden": ""},
    )
    etree.SubElement(marks, x("h2"), {"id": "landmarks-heading"}).text = label("landmarks", lang)
    ol = etree.SubElement(marks, x("ol"))
    for kind, href, text in landmarks:
        etree.SubElement(etree.SubElement(ol, x("li")), x("a"), {EPUB_TYPE: kind, "href": href}).text = text
    navs = [toc_nav, marks]
    if pages:
        navs.append(_page_list(lang, pages))
    return Document("nav.xhtml", contents, page(lang, contents, navs), properties=["nav"])


def _page_list(lang: str, pages: list[tuple[str, str]]) -> etree._Element:
    nav = etree.Element(
        x("nav"),
        {
            EPUB_TYPE: "page-list",
            "role": "doc-pagelist",
            "id": "page-list",
            "aria-labelledby": "page-list-heading",
            "hidden": "",
        },
    )
    etree.SubElement(nav, x("h2"), {"id": "page-list-heading"}).text = label("pages", lang)
    ol = etree.SubElement(nav, x("ol"))
    for number, href in pages:
        etree.SubElement(etree.SubElement(ol, x("li")), x("a"), {"href": href}).text = number
    return nav


def _entries(headings: list[Heading]) -> etree._Element:
    ol = etree.Element(x("ol"))
    for heading in headings:
        li = etree.SubElement(ol, x("li"))
        etree.SubElement(li, x("a"), {"href": heading.href}).text = heading.text
        if heading.children:
            li.append(_entries(heading.children))
    return ol


# -- the cover: drawn from the title, no external image ----------------------------------------


def cover_page(lang: str, title: str, alt: str) -> Document:
    """cover.xhtml: the cover image alone, with the title as its text alternative."""
    img = etree.Element(x("img"), {"src": COVER_IMAGE, "alt": alt, "role": "doc-cover", "class": "cover"})
    section = etree.Element(x("section"), {"class": "cover", EPUB_TYPE: "cover"})
    section.append(img)
    return Document("cover.xhtml", label("cover", lang), page(lang, title, [section]), landmark="cover")


def cover_image(lang: str, title: str, subtitle: str) -> bytes:
    """An SVG cover: the review's title large, the reviewed work below, on a quiet ground."""
    svg = etree.Element(
        f"{{{SVG_NS}}}svg",
        {"viewBox": "0 0 600 900", "width": "600", "height": "900", "version": "1.1", XML_LANG: lang},
        nsmap={None: SVG_NS},  # type: ignore[dict-item]
    )
    etree.SubElement(svg, f"{{{SVG_NS}}}title").text = title
    etree.SubElement(svg, f"{{{SVG_NS}}}rect", {"width": "600", "height": "900", "fill": "#f4efe6"})
    etree.SubElement(
        svg, f"{{{SVG_NS}}}rect", {"x": "60", "y": "120", "width": "480", "height": "4", "fill": "#7a2e1f"}
    )
    y = _lines(svg, textwrap.wrap(title, 18)[:6], y=220, size=48, leading=60, weight="bold")
    etree.SubElement(
        svg, f"{{{SVG_NS}}}rect", {"x": "60", "y": str(y), "width": "120", "height": "2", "fill": "#7a2e1f"}
    )
    _lines(svg, textwrap.wrap(subtitle, 34)[:8], y=y + 70, size=26, leading=36, weight="normal")
    return etree.tostring(svg, encoding="utf-8", xml_declaration=True)


def _lines(svg: etree._Element, lines: list[str], y: int, size: int, leading: int, weight: str) -> int:
    style = {"x": "60", "font-family": "Georgia, 'Times New Roman', serif", "font-size": str(size)}
    for line in lines:
        attrs = {**style, "y": str(y), "fill": "#222222", "font-weight": weight}
        etree.SubElement(svg, f"{{{SVG_NS}}}text", attrs).text = line
        y += leading
    return y
