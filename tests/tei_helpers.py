"""Small XPath helpers for tests."""

from __future__ import annotations

from lxml import etree

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def q(node: etree._Element, path: str) -> list[etree._Element]:
    return list(node.xpath(path, namespaces=NS))  # type: ignore[arg-type]


def text(node: etree._Element, path: str) -> str:
    return " ".join(str(node.xpath(f"string({path})", namespaces=NS)).split())
