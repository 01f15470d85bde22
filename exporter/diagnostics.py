"""Problems found in an input, printed the way compilers print them."""

from __future__ import annotations

import re
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

    def __post_init__(self) -> None:
        # A file name or a quoted input may hold a newline: shown as is, it would print a line
        # that looks like another diagnostic. Every form of report gets the escaped text.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


# Characters a terminal or a log would act on or break a line at, those XML cannot hold, and
# the lone surrogates that stand for the bytes of a file name that are not UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every unprintable character escaped as Python writes it: a newline as '\\n',
    the byte 0xff of a non-UTF-8 file name as '\\xff'."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1]


# The longest quotation of an input (a URL, a name) a message shows whole.
SHOWN_CHARS = 80


def shortened(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` as a message quotes it: whole, or cut to `limit` characters ending in '...'."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


# The most problems shown for one file: a binary file read as a review (/bin/ls) gives tens of
# thousands, and the first ones say what is wrong.
MAX_SHOWN = 100


def bounded(diagnostics: list[Diagnostic], limit: int = MAX_SHOWN) -> list[Diagnostic]:
    """The first `limit` problems of one file, sorted, and one more that counts the rest."""
    ordered = sorted(set(diagnostics))
    if len(ordered) <= limit:
        return ordered
    rest = ordered[limit:]
    severity: Severity = "error" if has_errors(rest) else "warning"
    first = rest[0]
    message = f"{len(rest)} more problems from here on not shown (the first {limit} are)"
    return [*ordered[:limit], Diagnostic(first.path, first.line, first.col, severity, message)]


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
