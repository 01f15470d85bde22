"""pydyf's indirect references (b'12 0 R') read back into the objects they name."""

from __future__ import annotations

from typing import Any


def number(reference: Any) -> int | None:
    """The object number of a reference; None for anything else (an MCID, a name)."""
    if isinstance(reference, bytes):
        reference = reference.decode("ascii", "replace")
    if isinstance(reference, str) and reference.endswith(" R"):
        return int(reference.split()[0])
    return None


def resolve(pdf: Any, reference: Any) -> Any:
    """The object a reference names, or the value itself when it is none."""
    found = number(reference)
    return pdf.objects[found] if found is not None else reference
