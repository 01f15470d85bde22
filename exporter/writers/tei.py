"""The TEI intermediate itself, as the file dist/NAME.xml."""

from __future__ import annotations

from lxml import etree

from exporter.tei import serialise
from exporter.writers import Options


def write(tei: etree._Element, options: Options) -> bytes:
    return serialise(tei)
