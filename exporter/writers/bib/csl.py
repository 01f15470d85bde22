"""The bibliography as CSL-JSON (dist/NAME.json): the format of pandoc, Quarto and Zotero's API.

The same entries as the BibTeX file, from the same reading of the TEI (exporter.writers.bib.entries);
ids are the TEI's xml:ids, so `[@serge2019]` cites the same work in either file.

The items follow the CSL data schema (csl-data.json): `issued` as date-parts only. The letter a
reference list adds to a year ('2012a') is the processor's to assign (its disambiguation, in the
style's order); the source's letter stays in the key and in `custom`, which processors ignore.
"""

from __future__ import annotations

import json

from lxml import etree

from exporter.works import Kind
from exporter.writers import Options
from exporter.writers.bib.entries import Person, Record, unique_records

CSL_TYPES = {
    Kind.BOOK: "book",
    Kind.JOURNAL_ARTICLE: "article-journal",
    Kind.NEWSPAPER_ARTICLE: "article-newspaper",
    Kind.BOOK_SECTION: "chapter",
    Kind.WEBPAGE: "webpage",
    Kind.THESIS: "thesis",
    Kind.REPORT: "report",
    Kind.CONFERENCE_PAPER: "paper-conference",
    Kind.DATASET: "dataset",
    Kind.SOFTWARE: "software",
}

Item = dict[str, object]


def write(tei: etree._Element, options: Options) -> bytes:
    items: list[Item] = []
    for record in unique_records(tei, options.warn):
        if record.unparsed:
            options.warn(f"entry '{record.key}' is an unparsed reference; its whole text stands as the title")
        items.append(item(record))
    return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def item(r: Record) -> Item:
    """One Record as a CSL item; variables the TEI does not give are left out, never empty."""
    if r.unparsed:
        return {"id": r.key, "type": "document", "title": r.raw or ""}
    values: Item = {
        "id": r.key,
        "citation-key": r.key,
        "type": _type(r),
        "author": _names(r.authors),
        "editor": _names(r.editors),
        "translator": _names(r.translators),
        "title": r.title,
        "container-title": r.container,
        "collection-title": r.series,
        "edition": r.edition,
        "genre": r.thesis_type,
        "volume": r.volume,
        "issue": r.issue,
        "page": _page(r),
        "issued": _date(r.date_iso),
        "publisher": r.publisher,
        "publisher-place": r.place,
        "URL": r.urls[0] if r.urls else None,
        "DOI": r.doi,
        "ISBN": r.isbn,
        "ISSN": r.issn,
        "accessed": _date(r.accessed),
        "language": r.language,
        "custom": {"year-suffix": r.year_suffix} if r.year_suffix else None,
    }
    return {k: v for k, v in values.items() if v}


def _type(r: Record) -> str:
    """The CSL type; a journal dated to the day is a weekly or a daily, which styles date in full
    only as a magazine (Chicago and APA print '1951' alone for an article-journal of 4 June 1951)."""
    if r.kind == Kind.JOURNAL_ARTICLE and r.day is not None:
        return "article-magazine"
    return CSL_TYPES[r.kind]


def _names(people: list[Person]) -> list[dict[str, str]]:
    names = []
    for p in people:
        if p.literal:
            names.append({"literal": p.literal})
            continue
        # The TEI's name link follows the given names ('Beauvoir, Simone de'): it drops before the surname.
        name = {"family": p.family, "given": p.given, "dropping-particle": p.particle, "suffix": p.suffix}
        names.append({k: v for k, v in name.items() if v})
    return names


def _page(r: Record) -> str | None:
    if r.pages is None:
        return None
    return r.pages.first if r.pages.first == r.pages.last else f"{r.pages.first}-{r.pages.last}"


def _date(iso: str | None) -> dict[str, object] | None:
    """'1951-06-04' → {"date-parts": [[1951, 6, 4]]}; as precise as the TEI is."""
    if not iso:
        return None
    parts = iso.split("-")
    if not all(p.isdigit() for p in parts):
        return None
    return {"date-parts": [[int(p) for p in parts]]}
