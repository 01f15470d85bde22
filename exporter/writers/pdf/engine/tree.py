"""The hand-off of the writer's XHTML to WeasyPrint: as a tree when the engine is mended, else as text.

WeasyPrint reads HTML as text, with a pure-Python HTML5 parser: 0.46 s for a 600-page review
whose tree the writer already holds. `html_document` makes WeasyPrint's HTML document from that
tree (as_element_tree, 0.04 s) as HTML() makes it from the parsed text; the gate has checked that
HTML() is the one this was written against. No byte of the PDF changes.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any
from xml.etree import ElementTree

from lxml import etree

from exporter.tei import XML_NS
from exporter.writers.html import XHTML_NS


def html_document(page: etree._Element, base_url: str, url_fetcher: Any, from_tree: bool) -> Any:
    """WeasyPrint's HTML document for the page; `from_tree` only when the engine is mended."""
    from weasyprint import HTML

    if not from_tree:
        return HTML(string=as_html(page), base_url=base_url, url_fetcher=url_fetcher)
    import cssselect2
    from weasyprint import _find_base_url  # which HTML() calls

    root = as_element_tree(page)
    html = object.__new__(HTML)
    html.base_url = _find_base_url(root, base_url)
    html.url_fetcher = url_fetcher
    html.media_type = "print"
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


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
    WeasyPrint reads when the engine is not mended, and what the benchmark gives it."""
    plain = deepcopy(page)
    for node in plain.iter():
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{XHTML_NS}}}"):
            node.tag = node.tag[len(XHTML_NS) + 2 :]
    etree.cleanup_namespaces(plain)
    return "<!DOCTYPE html>\n" + etree.tostring(plain, method="html", encoding="unicode")
