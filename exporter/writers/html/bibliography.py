"""The reference list of the EPUB and the PDF in a CSL style (`--csl`), in place of the house style
the stylesheet wrote: the same list, with one item per entry and the entry's id, so every
citation still leads to its reference."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from exporter.tei import LIST_ENTRIES, xpath
from exporter.writers.bib import citeproc
from exporter.writers.bib.entries import read_entry
from exporter.writers.html import XHTML_NS

_LIST = f".//{{{XHTML_NS}}}section[@id='bibliography']//{{{XHTML_NS}}}ul[@class='references']"
_PART_HEADS = f".//{{{XHTML_NS}}}section[@id='bibliography']//{{{XHTML_NS}}}h3[@class='references-part']"


def restyle(xhtml: etree._Element, tei: etree._Element, style: Path) -> list[etree._Element]:
    """Fill the list with the entries in the style's order; the new items, to be typeset."""
    lists = xhtml.findall(_LIST)
    if not lists:  # a review without a reference list
        return []
    listing = lists[0]
    _one_list(xhtml, lists)
    nodes = xpath(tei, f"//tei:back/tei:div[@type='bibliography']/{LIST_ENTRIES}")
    records = [read_entry(node, fallback_key=f"entry{n}") for n, node in enumerate(nodes, 1)]
    for item in list(listing):
        listing.remove(item)
    items = []
    for key, entry in citeproc.render(records, style):
        item = etree.SubElement(listing, f"{{{XHTML_NS}}}li", {"id": key, "class": "csl-entry"})
        item.text = entry.text
        item.extend(list(entry))
        _strip(item)
        items.append(item)
    return items


def _one_list(xhtml: etree._Element, lists: list[etree._Element]) -> None:
    """A style orders the whole list its own way: a list in parts becomes one, its parts'
    headings gone (the TEI keeps them)."""
    for other in lists[1:]:
        other.getparent().remove(other)  # type: ignore[union-attr]
    for part in xhtml.iterfind(_PART_HEADS):
        part.getparent().remove(part)  # type: ignore[union-attr]


def _strip(item: etree._Element) -> None:
    """pandoc sets each entry on lines of its own: the item's words start and end at its edges."""
    item.text = (item.text or "").lstrip() or None
    last = item[-1] if len(item) else None
    if last is None:
        item.text = item.text and item.text.rstrip()
    else:
        last.tail = (last.tail or "").rstrip() or None
