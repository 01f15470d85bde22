"""The TEI namespace, element builders, ids, and safe parsing and serialising."""

from __future__ import annotations

import copy
import re
import unicodedata

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
# A reference list's entries: a list in parts gives each part a listBibl with its head first.
LIST_ENTRIES = "tei:listBibl/*[not(self::tei:head)]"
XML_LANG = f"{{{XML_NS}}}lang"


def tag(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def el(name: str, text: str | None = None, /, **attrs: str) -> etree._Element:
    """A TEI element; attribute names `xml_id`/`xml_lang` map to xml:id/xml:lang."""
    node = etree.Element(tag(name), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    for key, value in attrs.items():
        node.set(_attr_name(key), value)
    if text is not None:
        node.text = text
    return node


def sub(parent: etree._Element, name: str, text: str | None = None, /, **attrs: str) -> etree._Element:
    node = el(name, text, **attrs)
    parent.append(node)
    return node


def _attr_name(key: str) -> str:
    if key == "xml_id":
        return XML_ID
    if key == "xml_lang":
        return XML_LANG
    return key.rstrip("_")


def xpath(node: etree._Element, expr: str) -> list[etree._Element]:
    result = node.xpath(expr, namespaces=NSMAP)
    assert isinstance(result, list)
    return [r for r in result if isinstance(r, etree._Element)]


def make_key(surname: str, year: str) -> str:
    """Citation key: surname folded to ASCII letters, then year and suffix (serge2012a)."""
    folded = unicodedata.normalize("NFKD", surname)
    letters = re.sub(r"[^a-z]", "", folded.encode("ascii", "ignore").decode().lower())
    return f"{letters or 'anon'}{year.lower()}"


def hardened_parser() -> etree.XMLParser:
    """No DTD, no entity expansion, no network: TEI from users may be hostile."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


class UnsafeXML(ValueError):
    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


def parse_xml(data: bytes) -> etree._ElementTree:
    """Parse XML, refusing any DOCTYPE (entities, DTDs) outright. The refusal asks the parser, not
    the bytes, so that a DOCTYPE in UTF-16 or UTF-32 is refused too."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, hardened_parser()))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        duplicate = re.match(r"ID (\S+) already defined", exc.msg)
        message = (
            f"xml:id '{duplicate.group(1)}' is used more than once"
            if duplicate
            else f"not well-formed XML: {exc.msg}"
        )
        raise UnsafeXML(message, line, max(col, 1)) from exc
    info = tree.docinfo
    if info.internalDTD is not None or info.externalDTD is not None:  # any DOCTYPE makes one
        line, col = _doctype_position(data, info.encoding)
        raise UnsafeXML("DOCTYPE declarations are refused (no DTDs, no entities)", line, col)
    return tree


def _doctype_position(data: bytes, encoding: str | None) -> tuple[int, int]:
    try:
        text = data.decode(encoding or "utf-8", errors="replace")
    except LookupError:
        return 1, 1
    start = text.find("<!DOCTYPE")
    if start < 0:
        return 1, 1
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def without_processing_instructions(
    tree: etree._ElementTree,
) -> tuple[etree._ElementTree, list[etree._ProcessingInstruction]]:
    """The tree less its processing instructions (an `xml-stylesheet`, a `php`), which no output
    should carry on, and the ones it had, for their lines. The text after each stays in place."""
    nodes = tree.xpath("//processing-instruction()")
    assert isinstance(nodes, list)
    found = [n for n in nodes if isinstance(n, etree._ProcessingInstruction)]
    for instruction in found:
        parent = instruction.getparent()
        if parent is not None:
            remove_keeping_tail(parent, instruction)
    if any(n.getparent() is None for n in found):
        # Those beside the root go with its document: a copy of the root is a document without them.
        tree = etree.ElementTree(copy.deepcopy(tree.getroot()))
    return tree, found


def remove_keeping_tail(parent: etree._Element, node: etree._Element) -> None:
    tail = node.tail or ""
    before = node.getprevious()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def serialise(root: etree._Element) -> bytes:
    """Canonical bytes for a TEI document: indented, UTF-8, declaration, final newline."""
    tree = etree.ElementTree(root)
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)
