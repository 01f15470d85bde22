"""The PDF's page numbers in the EPUB: a pagebreak marker where each printed page begins.

The PDF writer tells where each of its pages begins in the running text (writers.html.pages);
here the same count is taken over the EPUB's files in reading order, and each page's marker is
set before the first word that begins on that page. A word the PDF hyphenates across two pages
belongs to the page it begins on, as a reader citing it would say.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from exporter.writers.epub.documents import EPUB_TYPE, Document, x
from exporter.writers.html.pages import WORD_START, counted, is_running_text


@dataclass(frozen=True)
class PageBreak:
    """A marker set in the EPUB: the page's number as printed, and where it stands."""

    label: str
    href: str


@dataclass
class _Chunk:
    """A run of text in the EPUB: an element's text or its tail."""

    element: etree._Element
    is_tail: bool
    text: str


def mark_pages(documents: list[Document], starts: list[int]) -> list[PageBreak]:
    """Set a marker for each page in `documents` (reading order); the markers, in page order."""
    breaks: list[PageBreak] = []
    page, total, letter_before = 0, 0, False
    for document in documents:
        found: list[tuple[_Chunk, int, int]] = []  # chunk, offset, page number (1-based)
        for chunk in _running_chunks(document.root):
            for match in WORD_START.finditer(chunk.text):
                if match.start() == 0 and letter_before:
                    continue  # a word that runs on from the element before
                at = total + counted(chunk.text[: match.start()])
                while page < len(starts) and starts[page] <= at:
                    page += 1
                    found.append((chunk, match.start(), page))
            total += counted(chunk.text)
            letter_before = bool(chunk.text) and counted(chunk.text[-1]) == 1
        for chunk, offset, number in reversed(found):
            _insert(chunk, offset, number)
            breaks.append(PageBreak(str(number), f"{document.file_name}#{page_id(number)}"))
    return sorted(breaks, key=lambda b: int(b.label))


def page_id(number: int) -> str:
    return f"page-{number}"


def _running_chunks(root: etree._Element) -> list[_Chunk]:
    body = root.find(x("body"))
    chunks: list[_Chunk] = []
    if body is not None:
        _collect(body, chunks)
    return chunks


def _collect(element: etree._Element, chunks: list[_Chunk]) -> None:
    if element.text:
        chunks.append(_Chunk(element, False, element.text))
    for child in element:
        if isinstance(child.tag, str) and is_running_text(child):
            _collect(child, chunks)
        if child.tail:
            chunks.append(_Chunk(child, True, child.tail))


def _insert(chunk: _Chunk, offset: int, number: int) -> None:
    """The marker at `offset` of the chunk's text as it stands now (later offsets come first)."""
    marker = etree.Element(
        x("span"),
        {
            "id": page_id(number),
            "class": "pagebreak",
            EPUB_TYPE: "pagebreak",
            "role": "doc-pagebreak",
            "aria-label": str(number),
        },
    )
    element = chunk.element
    text = (element.tail if chunk.is_tail else element.text) or ""
    marker.tail = text[offset:]
    if chunk.is_tail:
        element.tail = text[:offset]
        element.addnext(marker)
    else:
        element.text = text[:offset]
        element.insert(0, marker)
