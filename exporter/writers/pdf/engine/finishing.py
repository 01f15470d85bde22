"""What the PDF writer changes in pydyf's objects once WeasyPrint has made them (a finisher).

WeasyPrint's public hook: `write_pdf(finisher=…)` calls it with the document and pydyf's PDF
before the file is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def finisher(relationships: dict[str, str], dated: bool) -> Callable[[Any, Any], None]:
    """The writer's finisher: each embedded file (by name) associated as `relationships` says;
    without a known date, no date on them."""

    def finish(document: Any, pdf: Any) -> None:
        if not dated:
            undated_attachments(pdf)
        associated_files(pdf, relationships)

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
