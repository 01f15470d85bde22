"""The TEI as every writer reads it the same way, and the TEI itself as the file dist/NAME.xml."""

from __future__ import annotations

from lxml import etree

from exporter.tei import serialise
from exporter.writers import Options


def words(node: etree._Element) -> str:
    """All the text of an element, whitespace folded as XML prose is read."""
    return " ".join("".join(map(str, node.itertext())).split())


def write(tei: etree._Element, options: Options) -> bytes:
    return serialise(tei)
