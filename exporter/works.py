"""What the reader and the writers say alike about a cited work: the kinds of work of the TEI
profile that are parts of another (and which of those sit in a periodical), and a page range.
The reader writes these into the TEI and the writers read them back, so they are defined once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The kinds of work of the TEI profile: a biblStruct's @type. Each is its TEI string, so the
    reader may still compare and write strings."""

    BOOK = "book"
    JOURNAL_ARTICLE = "journalArticle"
    NEWSPAPER_ARTICLE = "newspaperArticle"
    BOOK_SECTION = "bookSection"
    CONFERENCE_PAPER = "conferencePaper"
    WEBPAGE = "webpage"
    THESIS = "thesis"
    REPORT = "report"
    DATASET = "dataset"
    SOFTWARE = "software"

    @classmethod
    def of(cls, value: str | None) -> Kind:
        """The kind a TEI @type names; a book when it names none the profile knows."""
        known = {kind.value: kind for kind in cls}
        return known.get(value or "", cls.BOOK)


# Parts of a larger work: an analytic level in the TEI (an article, a chapter, a page of a site).
PART_KINDS = frozenset(
    {Kind.JOURNAL_ARTICLE, Kind.NEWSPAPER_ARTICLE, Kind.BOOK_SECTION, Kind.CONFERENCE_PAPER, Kind.WEBPAGE}
)
# Parts of a periodical: the container's title is level "j" in the TEI, a journal in BibTeX.
PERIODICAL_KINDS = frozenset({Kind.JOURNAL_ARTICLE, Kind.NEWSPAPER_ARTICLE})
# Parts of a book, whose editors are the book's: a chapter, a conference paper.
BOOK_PART_KINDS = frozenset({Kind.BOOK_SECTION, Kind.CONFERENCE_PAPER})
# The reviewed work's key when the reference list holds the same key too: `bode2012-reviewed`.
REVIEWED_SUFFIX = "-reviewed"


@dataclass(frozen=True)
class Pages:
    """A page range as printed ('229–30'), and its first and last page in full ('229', '230')."""

    text: str
    first: str
    last: str
