"""One structure tree for the whole document, with the notes as Note, made from WeasyPrint's.

WeasyPrint 70 tags each page apart: a section that runs over six pages is six Sect elements, a
paragraph cut by a page break two P, and the notes of a page one NonStruct of Spans at the top
level (PDF/UA-1 7.9 asks for Note, with an ID). A screen reader then hears the document in
pieces. This reads the laid-out boxes beside the elements tags.py made from them, in the order it
made them (a page's body blocks, then its footnote area), and:

- joins the elements that continue the same HTML element from one page to the next;
- tags each note Note, with its element's id as ID, and moves it after the block the page ends
  with, near its call (the call and the note are on the same page: footnote-policy line).

When the boxes and the elements do not pair up one for one, the tree is left as WeasyPrint made it.
It changes structure elements only, never the page content.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exporter.writers.pdf.engine.references import number, resolve


def structure_across_pages(document: Any, pdf: Any) -> set[str]:
    """The tree mended; the IDs of its notes (none if it is left as WeasyPrint made it)."""
    import pydyf  # type: ignore[import-untyped]

    root = resolve(pdf, pdf.catalog["StructTreeRoot"])
    top = resolve(pdf, root["K"][0])
    boxes = [box for page in document.pages for box in _top_boxes(page._page_box)]
    if len(boxes) != len(top["K"]):
        return set()
    ids: set[str] = set()
    kept: list[tuple[Any, Any]] = []  # (box, reference) of the elements that stay at the top
    notes_after: dict[bytes, list[Any]] = {}
    for box, reference in zip(boxes, top["K"], strict=True):
        element = resolve(pdf, reference)
        if box.element is None:  # the footnote area
            notes = _notes(pdf, box, element)
            if notes is None or not kept:
                kept.append((box, reference))
                continue
            ids.update(str(resolve(pdf, note)["ID"].string) for note in notes if "ID" in resolve(pdf, note))
            holder = resolve(pdf, kept[-1][1])
            for note in notes:
                resolve(pdf, note)["P"] = kept[-1][1]
            notes_after.setdefault(_last_kid(holder), []).extend(notes)
        elif kept and kept[-1][0].element is box.element:
            _join(pdf, kept[-1], (box, reference))
            kept[-1] = (box, kept[-1][1])
        else:
            kept.append((box, reference))
    top["K"] = pydyf.Array([reference for _, reference in kept])
    for _, reference in kept:
        _place_notes(pdf, resolve(pdf, reference), notes_after)
    return ids


def _top_boxes(box: Any) -> Iterator[Any]:
    """The boxes tags.py makes the top-level elements of a page from, in its order."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    if isinstance(box, boxes.PageBox) or (
        box.element is not None and box.element_tag in ("html", "body") and not isinstance(box, boxes.LineBox)
    ):
        for child in box.children:
            yield from _top_boxes(child)
    else:
        yield box


def _notes(pdf: Any, area: Any, element: Any) -> list[Any] | None:
    """The footnote area's elements, each made a Note with its id; None if they do not pair up."""
    import pydyf

    kids = list(element["K"])
    if len(kids) != len(area.children) or not all(number(k) is not None for k in kids):
        return None
    for box, kid in zip(area.children, kids, strict=True):
        note = resolve(pdf, kid)
        note["S"] = "/Note"
        if box.element is not None and box.element.get("id"):
            note["ID"] = pydyf.String(box.element.get("id"))
    return kids


def _join(pdf: Any, earlier: tuple[Any, Any], later: tuple[Any, Any]) -> None:
    """The later element's kids appended to the earlier's; a block that runs on is joined too."""
    (earlier_box, earlier_reference), (later_box, later_reference) = earlier, later
    first, last = resolve(pdf, earlier_reference), resolve(pdf, later_reference)
    kids = list(last["K"])
    earlier_blocks, later_blocks = _blocks(earlier_box, first), _blocks(later_box, last)
    if earlier_blocks and later_blocks and _continues(pdf, earlier_blocks[-1], later_blocks[0]):
        _join(pdf, earlier_blocks[-1], later_blocks[0])
        kids = kids[1:]
    for kid in kids:
        if number(kid) is not None:
            resolve(pdf, kid)["P"] = earlier_reference
    first["K"].extend(kids)


def _continues(pdf: Any, earlier: tuple[Any, Any], later: tuple[Any, Any]) -> bool:
    """The later block is the rest of the earlier one, overleaf: the same element, the same tag."""
    same_tag = resolve(pdf, earlier[1]).get("S") == resolve(pdf, later[1]).get("S")
    return bool(earlier[0].element is later[0].element and same_tag)


def _blocks(box: Any, element: Any) -> list[tuple[Any, Any]]:
    """(box, reference) of a block's block children on the box's page: the last of the element's
    kids (an element joined across pages holds the earlier pages' kids before them)."""
    from weasyprint.formatting_structure import boxes

    children = list(getattr(box, "children", ()))
    kids = list(element["K"])[-len(children) :] if children else []
    if not children or any(isinstance(c, boxes.LineBox) for c in children) or len(children) != len(kids):
        return []
    if any(number(k) is None for k in kids):
        return []
    return list(zip(children, kids, strict=True))


def _last_kid(element: Any) -> bytes:
    return bytes(element["K"][-1]) if element["K"] else b""


def _place_notes(pdf: Any, element: Any, notes_after: dict[bytes, list[Any]]) -> None:
    import pydyf

    if not notes_after:
        return
    kids: list[Any] = []
    for kid in element["K"]:
        kids.append(kid)
        kids.extend(notes_after.pop(bytes(kid), []) if number(kid) is not None else [])
    element["K"] = pydyf.Array(kids)
