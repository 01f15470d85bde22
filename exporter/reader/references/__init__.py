"""One reference string, in any style, -> a TEI biblStruct.

The steps, a module each: `finding` (where the reference list is), `labelling` (the trained CRF:
tokens -> field labels), `normalising` (labels -> names, dates, numbers, type), `housestyle` (the
rules for the seed's own house style); `record` is the typed record both fill and its TEI.
"""

from __future__ import annotations

from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader.references import housestyle
from exporter.reader.references.record import ReferenceText, Unreadable, plain_bibl, to_tei
from exporter.tei import XML_ID

__all__ = ["entry_key", "parse_reference", "parse_reviewed_work"]


def parse_reference(text: str, path: str, line: int, col: int) -> tuple[etree._Element, list[Diagnostic]]:
    """One entry of the reference list -> <biblStruct>, or <bibl> with a warning."""
    reader = ReferenceText.of(text, path, line, col)
    try:
        entry = housestyle.read_reference(reader)
    except Unreadable as why:
        key = housestyle.fallback_key(reader.text.strip(), line)
        return plain_bibl(reader, "reference", str(why), key), reader.diagnostics
    return to_tei(entry), reader.diagnostics


def parse_reviewed_work(text: str, path: str, line: int, col: int) -> tuple[etree._Element, list[Diagnostic]]:
    """'Given Surname[ and …], Title, [Place: ]Publisher, Year.' -> <biblStruct type="book">."""
    reader = ReferenceText.of(text, path, line, col)
    try:
        entry = housestyle.read_reviewed(reader)
    except Unreadable as why:
        key = housestyle.fallback_key(reader.text.strip(), line)
        return plain_bibl(reader, "reviewed work", str(why), key), reader.diagnostics
    return to_tei(entry), reader.diagnostics


def entry_key(bibl: etree._Element) -> str | None:
    return bibl.get(XML_ID)
