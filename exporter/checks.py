"""`exporter check`: what an editor should mend in a review before building it, found in the
reader's diagnostics and in the TEI it reads. Nothing here writes a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from exporter.build import load_tei
from exporter.diagnostics import Diagnostic
from exporter.reader import entry_label, entry_name
from exporter.reader.citations import YEAR_PATTERN, key_for
from exporter.reader.inline import UNLINKED_CITATION
from exporter.reader.source import Block, blocks, decode
from exporter.tei import LIST_ENTRIES, XML_ID, make_key, xpath

YEAR_DIFFERS = "year-differs"
UNCITED_ENTRY = "uncited-entry"


@dataclass(frozen=True)
class Entry:
    """One work of the review's bibliography (the reviewed work or a listed one)."""

    key: str
    label: str  # "Jockers 2013", as a citation would name it
    name: str  # "Jockers": the first name the entry gives
    element: etree._Element

    @property
    def folded(self) -> str:
        """The name as a citation key holds it ('jockers'), to compare with a citation's."""
        return make_key(self.name, "")


def check_file(path: Path, strict: bool = False) -> list[Diagnostic]:
    """Every problem of one review, sorted; with `strict`, warnings are reported as errors."""
    tei, found = load_tei(path, keep_faulty=True)
    if tei is not None:
        entries = [_entry(e) for e in xpath(tei, "tei:text/tei:front//tei:listBibl/*")]
        listed = [_entry(e) for e in xpath(tei, f"tei:text/tei:back//{LIST_ENTRIES}")]
        found = [_explained(d, entries + listed) if d.code == UNLINKED_CITATION else d for d in found]
        found += uncited(tei, listed, path)
    if strict:
        found = [replace(d, severity="error") for d in found]
    return sorted(set(found))


def _entry(element: etree._Element) -> Entry:
    return Entry(element.get(XML_ID) or "", entry_label(element), entry_name(element), element)


def _explained(unlinked: Diagnostic, entries: list[Entry]) -> Diagnostic:
    """A citation the reader could not link, as an error that says which entry it most likely
    means: the same author's entry of another year, else the entry whose label is nearest."""
    citation = unlinked.subject
    names, year = citation.rsplit(" ", 1)
    same_author = [e for e in entries if e.folded == key_for(names, "")]
    if same_author:
        nearest = min(same_author, key=lambda e: _years_apart(e.label, year))
        message = (
            f"citation '{citation}' has the year {year}, but the entry '{nearest.label}' has another: "
            "did you mean that? (kept as text, not linked)"
        )
        return replace(unlinked, severity="error", message=message, code=YEAR_DIFFERS)
    others = [e for e in entries if e.label]
    if not others:
        message = f"citation '{citation}' matches no entry, and the review lists none"
    else:
        nearest = max(others, key=lambda e: (_likeness(e.name, names), _likeness(e.label, citation)))
        message = f"citation '{citation}' matches no entry: did you mean '{nearest.label}'? (kept as text, not linked)"
    return replace(unlinked, severity="error", message=message)


def _years_apart(label: str, year: str) -> int:
    found = YEAR_PATTERN.search(label)
    return abs(int(found.group()[:4]) - int(year[:4])) if found else 10_000


def _likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def uncited(tei: etree._Element, listed: list[Entry], path: Path) -> list[Diagnostic]:
    """Listed entries that no citation points at and whose first name the text never gives: a
    review may speak of a work in its prose ("Abidor has written an article…") without a citation,
    and such an entry is not a leftover."""
    pointed = {
        value.removeprefix("#")
        for node in xpath(tei, "tei:text//*[@target or @corresp]")
        for attribute in ("target", "corresp")
        for value in (node.get(attribute) or "").split()
    }
    prose = " ".join(str(body.xpath("string()")) for body in xpath(tei, "tei:text/tei:body"))
    lonely = [
        e
        for e in listed
        if e.key not in pointed and not (e.name and re.search(rf"(?<!\w){re.escape(e.name)}(?!\w)", prose))
    ]
    if not lonely:
        return []
    source = _source_blocks(path)
    return [
        Diagnostic(
            str(path),
            *_position(e, source),
            "warning",
            f"entry '{e.label or e.key}' is cited nowhere, and the text never names {e.name or 'its author'}",
            UNCITED_ENTRY,
            e.key,
        )
        for e in lonely
    ]


def _source_blocks(path: Path) -> list[Block]:
    """The review's blocks, to find an entry's line in it; none for TEI, whose elements know theirs."""
    if path.suffix == ".xml":
        return []
    return blocks(decode(str(path), path.read_bytes()).text)


def _position(entry: Entry, source: list[Block]) -> tuple[int, int]:
    line = entry.element.sourceline
    if isinstance(line, int):  # an entry parsed from a TEI file
        return line, 1
    raw = next(iter(xpath(entry.element, "tei:note[@type='raw_reference']")), entry.element)
    text = " ".join(str(raw.xpath("string()")).split())
    for block in source:
        if text and (offset := block.text.find(text)) >= 0:
            return block.position(offset)
    return 1, 1
