"""pydyf's page references kept until a page is added.

pydyf's `PDF.page_references` builds the tuple of every page's reference on each call, and
WeasyPrint's tagging calls it once per structure element: quadratic in the pages, a third of the
time of a 600-page review. The tuple is now kept until a page is added. No byte of the PDF
changes.
"""

from __future__ import annotations

from typing import Any

from exporter.writers.pdf.engine.kept import kept_by


def apply() -> None:
    import pydyf  # type: ignore[import-untyped]

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = kept_by(pdf, "page_references")
        if kept.get("kids") != len(kids):
            kept["kids"] = len(kids)
            kept["references"] = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        references: tuple[bytes, ...] = kept["references"]
        return references

    pydyf.PDF.page_references = property(page_references)
