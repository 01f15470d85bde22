"""The labeller's spans of one reference string, by label, the plain text of a span, and whether
words name a place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporter.reader.references import dictionary
from exporter.reader.references.features import _canonical
from exporter.reader.references.labelling import Span

_EDGE = " \t\n,;:/"
DOI = re.compile(r"10\.\d{4,9}/\S+")
# A sentence ends after a word of two letters or more, or a bracket, not after an initial ('J.').
# '… Dokumentation . Nachrichten': a full stop typed after a space breaks a sentence as well; a
# Roman ordinal does not ('im XIV. und XV. Jahrhundert')
SENTENCE_BREAK = re.compile(
    r"(?<=[^\W\d_]{2}[.?!])(?<!\b[IVX]{2}\.)(?<!\b[IVX]{3}\.)(?<!\b[IVX]{4}\.)\s+|(?<=[^\W\d_]{2}\.\.)\s+|(?<=[)\]][.])\s+|(?<=\w\s\.)\s+"
)


@dataclass(frozen=True)
class _Fields:
    """The spans of one labelled string, by label, in order."""

    spans: list[Span]

    def first(self, label: str) -> Span | None:
        return next((s for s in self.spans if s.label == label), None)

    def all(self, label: str) -> list[Span]:
        return [s for s in self.spans if s.label == label]

    def before(self, label: str, other: str) -> bool:
        """Does the first `label` span come before the first `other` span (or is there no other)?"""
        a, b = self.first(label), self.first(other)
        return a is not None and (b is None or a.start < b.start)


def follows(first: Span, second: Span) -> bool:
    """`second` starts right after `first`, with at most a space between them."""
    return 0 <= second.start - first.end <= 1


def _plain(text: str) -> str:
    """A span less its closing punctuation and brackets."""
    text = " ".join(text.split()).strip(_EDGE)
    text = text.removeprefix("(").removesuffix(")") if text.startswith("(") and text.endswith(")") else text
    text = text.rstrip(".,;:").strip(_EDGE)
    if text.count("(") != text.count(")"):
        text = text.strip("()").strip(_EDGE)
    return text


def _is_place(text: str) -> bool:
    """'Ireland.', 'New York': words the dictionary knows, the last as a place (it knows 'York' as
    one, 'New' only as a part of names, journals and publishers)."""
    words = [w for w in (_canonical(w) for w in text.split()) if w]
    return bool(words) and all(dictionary.tags(w) for w in words) and "l" in dictionary.tags(words[-1])
