"""Every footnote on the page of its call: found in WeasyPrint's laid-out pages, and mended.

WeasyPrint 70 may move a page's last footnotes to the next page to make room for one more line
of a paragraph that widows and orphans would otherwise not let it break (layout/block.py, "first
try to report footnotes"). A typographer does the opposite: the page runs short and the paragraph
starts overleaf. So after layout, a page whose note went overleaf has the paragraph at its foot
start on the next page, and the pages are laid out again.

footnote_policy mends WeasyPrint so that this does not happen with `footnote-policy: line`, as
print.css asks; the check stays, and lays the pages out again only if a note still went overleaf
(a WeasyPrint the gate keeps the mends from).

This reads WeasyPrint's box tree (Page._page_box), which is not a public API: pinned WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# print.css: `.next-page { break-before: page }`.
NEXT_PAGE = "next-page"
CALL = "::footnote-call"
MARKER = "::footnote-marker"


@dataclass(frozen=True)
class Displaced:
    note: str  # the note's id
    call_page: int  # 1-based
    note_page: int


def displaced_notes(document: Any) -> list[Displaced]:
    calls: dict[str, int] = {}
    notes: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _descendants(page._page_box, skip_footnotes=False):
            tag = getattr(box, "element_tag", "") or ""
            if box.element is None or not tag.endswith((CALL, MARKER)):
                continue
            found = calls if tag.endswith(CALL) else notes
            found.setdefault(box.element.get("id") or "", number)
    return [
        Displaced(note, page, notes[note]) for note, page in calls.items() if notes.get(note, page) != page
    ]


def push_to_next_page(document: Any, displaced: list[Displaced]) -> bool:
    """Start the paragraph at the foot of each page that lost a note overleaf; False if none."""
    pushed = False
    for page_number in sorted({d.call_page for d in displaced}):
        block = _last_block(document.pages[page_number - 1]._page_box)
        if block is not None and NEXT_PAGE not in (block.get("class") or "").split():
            block.set("class", f"{block.get('class') or ''} {NEXT_PAGE}".strip())
            pushed = True
    return pushed


def _last_block(page_box: Any) -> Any:
    """The element of the block that holds the last line of the page's text (not its notes)."""
    last = None
    for box in _descendants(page_box, skip_footnotes=True):
        if type(box).__name__ == "LineBox":
            last = box
    parent = getattr(last, "element", None)
    return parent if parent is not None and getattr(last, "element_tag", "") in ("p", "li") else None


def _descendants(box: Any, skip_footnotes: bool) -> Iterator[Any]:
    for child in getattr(box, "children", ()):
        kind = type(child).__name__
        if skip_footnotes and kind in ("FootnoteAreaBox", "MarginBox"):
            continue
        yield child
        yield from _descendants(child, skip_footnotes)
