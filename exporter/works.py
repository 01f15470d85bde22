"""What the reader and the writers say alike about a cited work: the kinds of work of the TEI
profile that are parts of another (and which of those sit in a periodical), and a page range.
The reader writes these into the TEI and the writers read them back, so they are defined once."""

from __future__ import annotations

from dataclasses import dataclass

# Parts of a larger work: an analytic level in the TEI (an article, a chapter, a page of a site).
PART_KINDS = frozenset({"journalArticle", "newspaperArticle", "bookSection", "conferencePaper", "webpage"})
# Parts of a periodical: the container's title is level "j" in the TEI, a journal in BibTeX.
PERIODICAL_KINDS = frozenset({"journalArticle", "newspaperArticle"})
# The reviewed work's key when the reference list holds the same key too: `bode2012-reviewed`.
REVIEWED_SUFFIX = "-reviewed"


@dataclass(frozen=True)
class Pages:
    """A page range as printed ('229–30'), and its first and last page in full ('229', '230')."""

    text: str
    first: str
    last: str
