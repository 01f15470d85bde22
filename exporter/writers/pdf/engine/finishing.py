"""What the PDF writer changes in pydyf's objects once WeasyPrint has made them (a finisher).

WeasyPrint's public hook: `write_pdf(finisher=…)` calls it with the document and pydyf's PDF
before the file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from exporter.writers.pdf.engine.notecalls import describe_links, tag_calls
from exporter.writers.pdf.engine.references import number, resolve
from exporter.writers.pdf.engine.structure import structure_across_pages


def finisher(
    relationships: dict[str, str], dated: bool, link_words: dict[int, str] | None = None
) -> Callable[[Any, Any], None]:
    """The writer's finisher: each embedded file (by name) associated as `relationships` says;
    without a known date, no date on them; the links described in `link_words`
    (notecalls.link_calls)."""

    def finish(document: Any, pdf: Any) -> None:
        describe_links(document, link_words or {})
        if not dated:
            undated_attachments(pdf)
        associated_files(pdf, relationships)
        pagination_artifacts(pdf)
        layout_artifacts(pdf)
        note_ids = structure_across_pages(document, pdf)
        tag_calls(pdf, note_ids)

    return finish


def undated_attachments(pdf: Any) -> None:
    """With no date known, embedded files carry none rather than the placeholder they were given."""
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
            extra["Params"].pop("CreationDate", None)
            extra["Params"].pop("ModDate", None)


def associated_files(pdf: Any, relationships: dict[str, str]) -> None:
    """AFRelationship on each file specification and the catalog's /AF listing them (PDF 2.0 and
    PDF/A-3's associated files), which WeasyPrint writes only for PDF/A-3."""
    import pydyf  # type: ignore[import-untyped]

    associated = []
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Filespec":
            name = str(obj["UF"].string)
            obj["AFRelationship"] = f"/{relationships.get(name, 'Unspecified')}"
            associated.append(obj.reference)
    if associated:
        pdf.catalog["AF"] = pydyf.Array(associated)


def pagination_artifacts(pdf: Any) -> None:
    """Running heads and folios marked as pagination artifacts, not as content.

    WeasyPrint tags the text of the page-margin boxes like any text (/Span with an MCID) and
    then leaves the structure elements it makes for them out of the structure tree: "it could be
    included in tree as Artifact, but that's only allowed in PDF 2.0" (weasyprint/pdf/tags.py).
    A screen reader then reads them as content at every page break (PDF/UA-1 7.8). Every marked
    content whose structure element the tree does not reach becomes /Artifact with
    /Type /Pagination, and its slot in the parent tree is emptied.
    """
    import pydyf

    root = resolve(pdf, pdf.catalog["StructTreeRoot"])
    reachable = _reachable(pdf, root["K"])
    nums = resolve(pdf, root["ParentTree"])["Nums"]
    pages = [resolve(pdf, reference) for reference in pdf.page_references]
    for key, value in zip(nums[::2], nums[1::2], strict=True):
        if not isinstance(value, pydyf.Array) or key >= len(pages):
            continue  # an annotation's entry, not a page's
        orphans = {mcid for mcid, ref in enumerate(value) if number(ref) not in reachable}
        if orphans:
            _mark_as_artifacts(resolve(pdf, pages[key]["Contents"]), orphans)
            for mcid in orphans:
                value[mcid] = "null"


def layout_artifacts(pdf: Any) -> None:
    """What WeasyPrint draws as an artifact of no type, the footnote rule and any other border or
    background, marked /Artifact with /Type /Layout: "purely cosmetic typographical or design
    elements such as footnote rules" (ISO 32000-1, 14.8.2.2.2)."""
    import pydyf

    for reference in pdf.page_references:
        items = resolve(pdf, resolve(pdf, reference)["Contents"]).stream
        for i in range(len(items) - 2, -1, -1):
            if items[i] == "/Artifact" and items[i + 1] == b"BMC":
                items[i + 1 : i + 2] = [pydyf.Dictionary({"Type": "/Layout"}), b"BDC"]


def _mark_as_artifacts(stream: Any, mcids: set[int]) -> None:
    import pydyf

    items = stream.stream
    for i, item in enumerate(items):
        if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids:
            items[i - 1] = "/Artifact"
            items[i] = pydyf.Dictionary({"Type": "/Pagination"})


def _reachable(pdf: Any, kids: Any) -> set[int]:
    """The numbers of the structure elements under `kids`, the tree's top."""
    found: set[int] = set()
    stack = list(kids)
    while stack:
        kid = stack.pop()
        found_number = number(kid)
        if found_number is None or found_number in found:
            continue  # an MCID
        found.add(found_number)
        children = pdf.objects[found_number].get("K")
        if children is not None:
            stack.extend(children)
    return found
