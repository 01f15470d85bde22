"""What a mend keeps between calls, stored on the WeasyPrint or pydyf object it belongs to."""

from __future__ import annotations

from typing import Any


def kept_by(owner: Any, name: str) -> dict[Any, Any]:
    """A dictionary that lives and dies with `owner`, a WeasyPrint or pydyf object.

    Not a WeakKeyDictionary: its callbacks run inside garbage collections, where the SystemExit
    that cli makes of a SIGTERM would be ignored (and printed with a traceback).
    """
    kept: dict[Any, Any] = vars(owner).setdefault(f"_exporter_{name}", {})
    return kept
