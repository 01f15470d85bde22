"""Where each laid-out page begins in the running text, read from WeasyPrint's boxes.

The EPUB carries the PDF's page numbers (exporter/writers/epub/pagebreaks.py); this is the one
place that reads them from the layout. It reads what WeasyPrint's box API exposes (a page's box
tree, each text box's text, style and element tag) and changes nothing.
"""

from __future__ import annotations

from typing import Any

from exporter.writers.html.pages import counted


def page_starts(document: Any) -> list[int]:
    """For each page, how much running text (html.pages.counted) the pages before it hold."""
    from weasyprint.formatting_structure import boxes

    # Running heads, folios and notes are not running text; nor what the style hides, nor
    # generated content (the note calls are ::footnote-call).
    skipped = (boxes.MarginBox, boxes.FootnoteAreaBox)
    starts, total = [], 0
    for page in document.pages:
        starts.append(total)
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, skipped):
                continue
            if isinstance(box, boxes.TextBox):
                if "::" not in (box.element_tag or "") and box.style["visibility"] == "visible":
                    total += counted(box.text)
            else:
                stack.extend(getattr(box, "children", ()))
    return starts
