"""What the PDF writer changes in pydyf's objects once WeasyPrint has made them (a finisher)."""

from __future__ import annotations

from typing import Any


def undated_attachments(document: Any, pdf: Any) -> None:
    """With no date known, embedded files carry none rather than the placeholder they were given."""
    for obj in pdf.objects:
        extra = getattr(obj, "extra", None)
        if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
            extra["Params"].pop("CreationDate", None)
            extra["Params"].pop("ModDate", None)
