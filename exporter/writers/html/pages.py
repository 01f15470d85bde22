"""Where a printed page begins, told in terms both the PDF's layout and the EPUB's XHTML can find.

A page is known by how much running text precedes it: its letters and digits. Hyphens, spaces
and marks are not counted, so a word the PDF hyphenates across lines or pages counts as the one
word the EPUB holds. Running text is what the PDF sets in its text block: not the running heads
and folios, not the notes (set at the foot of the page), not the note calls (drawn by the
stylesheet), not what print.css hides.
"""

from __future__ import annotations

import re

from lxml import etree

from exporter.writers.html import XHTML_NS

_COUNTED = re.compile(r"[^\W_]")
# The start of a word: a letter or digit that no letter or digit precedes.
WORD_START = re.compile(r"(?<![^\W_])[^\W_]")
# Of the EPUB's XHTML, what the PDF does not set as running text: the notes and their calls, and
# the heading print.css hides (#review-heading).
_NOT_RUNNING = (
    "self::h:aside[contains(concat(' ', @class, ' '), ' footnote ')]"
    " or self::h:sup[contains(concat(' ', @class, ' '), ' noteref ')]"
    " or @id = 'review-heading'"
)
_IS_NOT_RUNNING = etree.XPath(_NOT_RUNNING, namespaces={"h": XHTML_NS})


def counted(text: str) -> int:
    """How much of the running text `text` is, in the unit page starts are given in."""
    return len(_COUNTED.findall(text))


def is_running_text(element: etree._Element) -> bool:
    return not _IS_NOT_RUNNING(element)
