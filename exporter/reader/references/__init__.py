"""One reference string, in any style, -> a TEI biblStruct.

The steps, a module each: `finding` (where the reference list is), `features` (the tokens and
what the CRF sees of each), `labelling` (the trained CRF: tokens -> field labels), `normalising` (labels -> names, dates, numbers, type), `housestyle` (the
rules for the seed's own house style); `record` is the typed record both fill and its TEI.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader.references import housestyle
from exporter.reader.references.labelling import label
from exporter.reader.references.normalising import normalise
from exporter.reader.references.record import (
    Reference,
    ReferenceText,
    Unreadable,
    key_year,
    plain_bibl,
    to_tei,
)
from exporter.tei import XML_ID, make_key, tag, xpath

# The house style's head: names, then at once the year and a comma ('Serge, Victor 2012a, ',
# 'Cotterill, David (ed.) 1994, '). Other styles put the year in brackets, after a full stop, or
# at the end.
_HOUSE_HEAD = re.compile(r"^[^\d(]*?(?:\((?:eds?\.?)\)\s*)?(?:1[5-9]\d\d|20\d\d)[a-z]?,\s")
# "———. Title." / "______. 2012.": the same authors as the entry before, as Chicago and MLA write it.
_SAME_AUTHORS = re.compile(r"^\s*(?:[—–_-]\s*){2,}[.,]?")
# A house reading that left a part unread is worse than the labeller's.
_HOUSE_DOUBTS = ("unrecognised part", "unclosed quotation mark")

__all__ = ["entry_key", "parse_reference", "parse_reviewed_work"]


def parse_reference(
    text: str, path: str, line: int, col: int, previous: etree._Element | None = None
) -> tuple[etree._Element, list[Diagnostic]]:
    """One entry of the reference list -> <biblStruct>, or <bibl> with a warning; an entry that
    opens with '———.' takes the authors of the `previous` one.

    The house style is read by its rules, which know it best; every other style, and a house
    reading that left something unread, by the trained labeller and its normalisers."""
    bibl, diagnostics = _parse_reference(text, path, line, col)
    if previous is not None and _SAME_AUTHORS.match(text) and bibl.tag == tag("biblStruct"):
        _inherit_authors(bibl, previous)
    return bibl, diagnostics


def _parse_reference(text: str, path: str, line: int, col: int) -> tuple[etree._Element, list[Diagnostic]]:
    """The house rules for the house style; else the labeller; else the house rules whatever the
    head (they read 'Smith, Jane (2001) Book, Verso.' too); else a plain bibl that keeps the text."""
    house = ReferenceText.of(text, path, line, col)
    house_entry = _house_reading(house) if _HOUSE_HEAD.match(house.text) else None
    if house_entry is not None and not any(d in m.message for m in house.diagnostics for d in _HOUSE_DOUBTS):
        return to_tei(house_entry), house.diagnostics
    labelled = ReferenceText.of(text, path, line, col)
    try:
        return to_tei(normalise(label(labelled.text), labelled)), labelled.diagnostics
    except Unreadable:
        pass
    if house_entry is None:
        return _by_house_rules(
            ReferenceText.of(text, path, line, col), "reference", housestyle.read_reference
        )
    return to_tei(house_entry), house.diagnostics


def _inherit_authors(bibl: etree._Element, previous: etree._Element) -> None:
    """'———. Another Title. 2005.': the authors are the previous entry's, and so is the key's name."""
    holder = _holder(bibl)
    for dashes in xpath(holder, "tei:author"):
        holder.remove(dashes)
    for index, author in enumerate(xpath(_holder(previous), "tei:author")):
        holder.insert(index, copy.deepcopy(author))
    name = next(iter(xpath(holder, "tei:author//tei:surname | tei:author/tei:orgName")), None)
    year = next(iter(xpath(bibl, "tei:monogr/tei:imprint/tei:date[not(@type)]")), None)
    if name is not None and year is not None:
        written = year.text or ""
        bibl.set(XML_ID, make_key(name.text or "", key_year(written)))


def _holder(bibl: etree._Element) -> etree._Element:
    analytic = xpath(bibl, "tei:analytic")
    return analytic[0] if analytic else xpath(bibl, "tei:monogr")[0]


def _house_reading(reader: ReferenceText) -> Reference | None:
    try:
        return housestyle.read_reference(reader)
    except Unreadable:
        return None


def parse_reviewed_work(text: str, path: str, line: int, col: int) -> tuple[etree._Element, list[Diagnostic]]:
    """'Given Surname[ and …], Title, [Place: ]Publisher, Year.' -> <biblStruct type="book">."""
    return _by_house_rules(ReferenceText.of(text, path, line, col), "reviewed work", housestyle.read_reviewed)


def _by_house_rules(
    reader: ReferenceText, what: str, read: Callable[[ReferenceText], Reference]
) -> tuple[etree._Element, list[Diagnostic]]:
    """The house rules' reading, or the text kept whole as a plain bibl, with a warning that says why."""
    try:
        entry = read(reader)
    except Unreadable as why:
        key = housestyle.fallback_key(reader.text.strip(), reader.line)
        return plain_bibl(reader, what, str(why), key), reader.diagnostics
    return to_tei(entry), reader.diagnostics


def entry_key(bibl: etree._Element) -> str | None:
    return bibl.get(XML_ID)
