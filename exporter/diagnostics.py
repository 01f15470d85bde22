"""Problems found in an input, printed the way compilers print them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str
    # For a program that acts on a kind of problem (`exporter check`): what kind, and what it is
    # about, e.g. "unlinked-citation" and "Jockers 2012". Not part of equality or order, so two
    # reports of one problem stay one.
    code: str = field(default="", compare=False)
    subject: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


# The longest quotation of an input (a URL, a name) a message shows whole.
SHOWN_CHARS = 80


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` as a message quotes it: whole, or cut to `limit` characters ending in '...'."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
