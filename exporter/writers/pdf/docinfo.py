"""What the PDF says about itself: metadata, dates and the files embedded in it, from the TEI only.

Dates are never the clock's: the TEI's publication date and SOURCE_DATE_EPOCH are the only
sources, so that two builds of the same TEI give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from exporter.tei import serialise, xpath
from exporter.writers import FORMATS, Options, source_date_epoch, writer
from exporter.writers.html import XHTML_NS
from exporter.writers.tei import words

# The bibliography formats the PDF embeds beside its TEI, with what each is.
BIBLIOGRAPHIES = {
    "bib": "The references of the review as BibTeX",
    "csl": "The references of the review as CSL-JSON",
}
# With no date known, attachments (which must carry one) get this, and the writer strips it.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Dates:
    created: str  # W3C dates, as WeasyPrint reads them from <meta name="dcterms.*">
    modified: str


def document_dates(tei: etree._Element) -> Dates | None:
    """Created: the TEI's publication date; modified: SOURCE_DATE_EPOCH. Either stands in for the other."""
    published = next((d.get("when", "") for d in xpath(tei, "//tei:publicationStmt/tei:date[@when]")), "")
    epoch = source_date_epoch()
    built = epoch.strftime("%Y-%m-%dT%H:%M:%SZ") if epoch else ""
    if not (published or built):
        return None
    return Dates(published or built, built or published)


def add_metadata(page: etree._Element, tei: etree._Element, dates: Dates | None) -> None:
    """Fill the XHTML's <head> with the <meta> names WeasyPrint maps to the PDF's Info and XMP.

    The shared transform writes author, description and keywords already; these are fallbacks.
    The dates are the writer's own (only it knows SOURCE_DATE_EPOCH) and replace any there.
    """
    head = page.find(f"{{{XHTML_NS}}}head")
    if head is None:
        head = etree.Element(f"{{{XHTML_NS}}}head")
        page.insert(0, head)
    for name, content in fallbacks(tei).items():
        _set_meta(head, name, content, replace=False)
    if dates:
        _set_meta(head, "dcterms.created", dates.created, replace=True)
        _set_meta(head, "dcterms.modified", dates.modified, replace=True)


def fallbacks(tei: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    authors = [words(a) for a in xpath(tei, "//tei:titleStmt/tei:author")]
    if authors:
        found["author"] = " and ".join(authors)
    reviewed = xpath(tei, "//tei:front/tei:div[@type='reviewed']//tei:biblStruct")
    if reviewed:
        found["description"] = "A review of " + reviewed_work(reviewed[0])
    terms = [words(t) for t in xpath(tei, "//tei:profileDesc//tei:keywords/tei:term")]
    if terms:
        found["keywords"] = ", ".join(terms)
    return found


def reviewed_work(bibl: etree._Element) -> str:
    """'Victor Serge, Notebooks 1936-1947 (2019)': authors, the title, the year."""
    names = [
        words(p) for p in xpath(bibl, "tei:monogr/tei:author/*[self::tei:persName or self::tei:orgName]")
    ]
    title = next((words(t) for t in xpath(bibl, "tei:monogr/tei:title")), "")
    year = next((d.get("when", "")[:4] for d in xpath(bibl, ".//tei:imprint/tei:date[@when]")), "")
    text = ", ".join(filter(None, [" and ".join(names), title]))
    return f"{text} ({year})" if year else text


def _set_meta(head: etree._Element, name: str, content: str, replace: bool) -> None:
    existing = [m for m in head.findall(f"{{{XHTML_NS}}}meta") if m.get("name") == name]
    if existing and not replace:
        return
    for meta in existing:
        head.remove(meta)
    meta = etree.SubElement(head, f"{{{XHTML_NS}}}meta")
    meta.set("name", name)
    meta.set("content", content)


# ---------- embedded files ---------------------------------------------------------------------


def attachments(tei: etree._Element, options: Options, dates: Dates | None) -> list[Any]:
    """The TEI the PDF was made from (its source), and its references as BibTeX and CSL-JSON
    (supplements), without the bibliography formats' warnings, which those formats report when
    they are built."""
    from weasyprint import Attachment

    created, modified = (_datetime(dates.created), _datetime(dates.modified)) if dates else (EPOCH, EPOCH)
    quiet = replace(options, diagnostics=[])
    files = [
        (
            f"{options.name}.xml",
            serialise(tei),
            "The review as TEI P5, from which this PDF was made",
            "Source",
        )
    ]
    for name, about in BIBLIOGRAPHIES.items():
        data = writer(name).write(tei, quiet)
        files.append((f"{options.name}{FORMATS[name].suffix}", data, about, "Supplement"))
    return [
        Attachment(
            string=data,
            name=name,
            description=about,
            created=created,
            modified=modified,
            relationship=relation,
        )
        for name, data, about, relation in files
    ]


def _datetime(w3c: str) -> datetime:
    """A W3C date (2019, 2019-02, 2019-02-28, or with a time) as an aware datetime."""
    text = w3c.replace("Z", "+00:00")
    text += {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
