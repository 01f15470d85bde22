"""Each note call a link to its note, in the laid-out pages and in the structure tree.

WeasyPrint 70 makes a ::footnote-call box a NonStruct of the paragraph, with no link: a reader
who meets the call cannot follow it to the note, and the structure does not say the call refers
to it (PDF/UA-1 7.9, Matterhorn 19). Before the PDF is written, `link_calls` adds to each page's
`links` (Page.links, WeasyPrint's public list of a page's links) an internal link from every call
box to the anchor of its note, the note element's id: WeasyPrint then makes the link annotation
and tags.py puts it (an OBJR) in the call's element. After tagging, `tag_calls` makes that element
a `Link` (the annotation is a link's, Matterhorn 28-011) inside a `Reference`, the structure type
of a citation to content elsewhere in the document (ISO 32000-1, 14.8.4.4). And each link
annotation's Contents says where it goes in words ("Note 3", "Entry: Serge 2012a"), not the
anchor's name WeasyPrint puts there.

The way back too: each call gets an anchor of its own (CALL_ANCHOR and the note's id, in the
page's `anchors`), and the number before the note (its ::footnote-marker box) a link to it, which
`tag_calls` makes a `Link` within the Note, said "Back to note call 3"; as the EPUB's
doc-backlink.

This reads WeasyPrint's box tree (Page._page_box), which is not a public API: pinned WeasyPrint.
Nothing here changes the layout or the page content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exporter.writers.pdf.engine.notepages import CALL, MARKER
from exporter.writers.pdf.engine.references import number, resolve

# The anchor of a note's call is this and the note's id: no HTML id of the review begins so (the
# XHTML's ids are noteN, entry keys and section-N: tei-to-xhtml.xsl).
CALL_ANCHOR = "call-"


def link_calls(document: Any) -> dict[int, str]:
    """The calls linked; and where each link box goes in words (by id() of the box), for
    `describe_links` once WeasyPrint has made the annotations: "Note 3", or the data-contents of
    the link's element (writer.describe_links: "Entry: Serge 2012a")."""
    words: dict[int, str] = {}
    for page in document.pages:
        for box in _link_boxes(page._page_box, None, words):
            area = _area(box)
            page.links.append(("internal", box.element.get("id"), area, box))
            page.anchors.setdefault(CALL_ANCHOR + box.element.get("id"), area)
    anchors = {name for page in document.pages for name in page.anchors}
    for page in document.pages:
        for marker in _markers(page._page_box):
            back = CALL_ANCHOR + marker.element.get("id")
            if back in anchors:  # a call always has one; WeasyPrint drops a link to none, noisily
                x, y, width, height = marker.hit_area()
                page.links.append(("internal", back, (x, y, x + width, y + height), marker))
                words[id(marker)] = _words(marker, "data-back-word")
    return words


def _markers(box: Any) -> Iterator[Any]:
    """The number before each note, where a note of the page is set (its footnote area)."""
    for child in getattr(box, "children", ()):
        tag = getattr(child, "element_tag", "") or ""
        if tag.endswith(MARKER) and child.element is not None and child.element.get("id"):
            yield child
        else:
            yield from _markers(child)


def _text(box: Any) -> Iterator[str]:
    """The text a box draws: a call's figure is its own text box, a marker's (an inline-block)
    in a line of its own."""
    for child in getattr(box, "children", ()):
        yield getattr(child, "text", "")
        yield from _text(child)


def _words(box: Any, attribute: str) -> str:
    """A call's or a marker's words: its element's word for it, then the note's figure."""
    figure = "".join(_text(box))
    return " ".join(filter(None, [box.element.get(attribute), figure]))


def describe_links(document: Any, words: dict[int, str]) -> None:
    """Each link annotation's Contents in words, where link_calls found them."""
    import pydyf  # type: ignore[import-untyped]

    for page in document.pages:
        for _, _, _, box in page.links:
            said = words.get(id(box))
            if said and box.link_annotation is not None:
                box.link_annotation["Contents"] = pydyf.String(said)


def _area(call: Any) -> tuple[float, float, float, float]:
    """Where the call's figure is drawn, as (x1, y1, x2, y2) in CSS px. Its hit area has no height
    (print.css sets the call with line-height 0, so that it does not open the line): from an em
    above the baseline to a quarter em below it instead."""
    x, _, width, _ = call.hit_area()
    baseline = call.position_y + call.baseline
    size = call.style["font_size"]
    return (x, baseline - size, x + width, baseline + size / 4)


def _link_boxes(box: Any, said: str | None, words: dict[int, str]) -> Iterator[Any]:
    """The calls to link under a box; the words of every box with a link (its own, or the
    link's it is part of) noted in `words`."""
    for child in getattr(box, "children", ()):
        tag = getattr(child, "element_tag", "") or ""
        element = child.element
        if tag.endswith(CALL) and element is not None and element.get("id"):
            words[id(child)] = _words(child, "data-call-word")
            if child.link is None:  # a call is never inside a link: the XHTML keeps it out of one
                yield child
            continue
        own = said
        if element is not None and "::" not in tag and element.get("data-contents"):
            own = element.get("data-contents")
        if own and child.link is not None:
            words[id(child)] = own
        yield from _link_boxes(child, own, words)


def tag_calls(pdf: Any, note_ids: set[str]) -> None:
    """Each call's element, the one that holds the annotation of a link to a note, a `Link` in a
    `Reference` where it stood; each note's number, linked back to the call, a `Link`."""
    import pydyf

    calls = {CALL_ANCHOR + note for note in note_ids}
    for obj in list(pdf.objects):
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"):
            continue
        if obj.get("S") != "/NonStruct":
            continue
        if _links_to(pdf, obj, calls):
            obj["S"] = "/Link"  # stays where it is, in the Note
            continue
        if not _links_to(pdf, obj, note_ids):
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


def _links_to(pdf: Any, element: Any, anchors: set[str]) -> bool:
    """The element holds the annotation of a link to one of these anchors."""
    for kid in element["K"]:
        found = resolve(pdf, kid)
        if number(kid) is not None and found.get("Type") == "/OBJR":
            destination = resolve(pdf, found["Obj"]).get("Dest")
            if destination is not None and destination.string in anchors:
                return True
    return False
