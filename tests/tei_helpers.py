"""Small XPath helpers for tests."""

from __future__ import annotations

from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def q(node: etree._Element, path: str) -> list[etree._Element]:
    return list(node.xpath(path, namespaces=NS))  # type: ignore[arg-type]


def text(node: etree._Element, path: str) -> str:
    return " ".join(str(node.xpath(f"string({path})", namespaces=NS)).split())


def raw_reference(entry: etree._Element) -> str:
    """An entry's reference string as the source gives it: its kept raw string, or a plain bibl's text."""
    raws = q(entry, "tei:note[@type='raw_reference']")
    return " ".join(spaced(r) for r in raws) if raws else spaced(entry)


def spaced(node: etree._Element) -> str:
    """The text of an element, its pieces joined by spaces and its white space made single."""
    return " ".join(" ".join(map(str, node.itertext())).split())
