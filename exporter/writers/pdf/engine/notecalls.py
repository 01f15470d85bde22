"""Each note call a link to its note, in the laid-out pages and in the structure tree.

WeasyPrint 70 makes a ::footnote-call box a NonStruct of the paragraph, with no link: a reader
who meets the call cannot follow it to the note, and the structure does not say the call refers
to it (PDF/UA-1 7.9, Matterhorn 19). Before the PDF is written, `link_calls` adds to each page's
`links` (Page.links, WeasyPrint's public list of a page's links) an internal link from every call
box to the anchor of its note, the note element's id: WeasyPrint then makes the link annotation
and tags.py puts it (an OBJR) in the call's element. After tagging, `tag_calls` makes that element
a `Link` (the annotation is a link's, Matterhorn 28-011) inside a `Reference`, the structure type
of a citation to content elsewhere in the document (ISO 32000-1, 14.8.4.4).

This reads WeasyPrint's box tree (Page._page_box), which is not a public API: pinned WeasyPrint.
Nothing here changes the layout or the page content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exporter.writers.pdf.engine.notepages import CALL
from exporter.writers.pdf.engine.references import number, resolve


def link_calls(document: Any) -> None:
    for page in document.pages:
        for box in _calls(page._page_box):
            page.links.append(("internal", box.element.get("id"), _area(box), box))


def _area(call: Any) -> tuple[float, float, float, float]:
    """Where the call's figure is drawn, as (x1, y1, x2, y2) in CSS px. Its hit area has no height
    (print.css sets the call with line-height 0, so that it does not open the line): from an em
    above the baseline to a quarter em below it instead."""
    x, _, width, _ = call.hit_area()
    baseline = call.position_y + call.baseline
    size = call.style["font_size"]
    return (x, baseline - size, x + width, baseline + size / 4)


def _calls(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        tag = getattr(child, "element_tag", "") or ""
        if tag.endswith(CALL) and child.element is not None and child.element.get("id"):
            if child.link is None:  # a call is never inside a link: the XHTML keeps it out of one
                yield child
            continue
        yield from _calls(child)


def tag_calls(pdf: Any, note_ids: set[str]) -> None:
    """Each call's element, the one that holds the annotation of a link to a note, a `Link` in a
    `Reference` where it stood."""
    import pydyf  # type: ignore[import-untyped]

    for obj in list(pdf.objects):
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"):
            continue
        if obj.get("S") != "/NonStruct" or not _links_to_a_note(pdf, obj, note_ids):
            continue
        obj["S"] = "/Link"
        parent = resolve(pdf, obj["P"])
        reference = pydyf.Dictionary(
            {
                "Type": "/StructElem",
                "S": "/Reference",
                "K": pydyf.Array([obj.reference]),
                "Pg": obj["Pg"],
                "P": obj["P"],
            }
        )
        pdf.add_object(reference)
        kids = parent["K"]
        kids[[number(kid) for kid in kids].index(obj.number)] = reference.reference
        obj["P"] = reference.reference


def _links_to_a_note(pdf: Any, element: Any, note_ids: set[str]) -> bool:
    for kid in element["K"]:
        found = resolve(pdf, kid)
        if number(kid) is not None and found.get("Type") == "/OBJR":
            destination = resolve(pdf, found["Obj"]).get("Dest")
            if destination is not None and destination.string in note_ids:
                return True
    return False
