"""The warning that names the fields whose labels the model was unsure of."""

from __future__ import annotations

from exporter.reader.references.features import Token
from exporter.reader.references.labelling import Labelled, Span
from exporter.reader.references.record import ReferenceText

# Below this marginal probability a field's reading is reported for the user to check.
LOW_CONFIDENCE = 0.6
_CHECKED_FIELDS = ("author", "editor", "date", "title", "journal", "container-title", "publisher")


def _warn_low_confidence(labelled: Labelled, reader: ReferenceText, read: list[Span]) -> None:
    """Name the fields whose labels the model was unsure of, so the user knows what to check; a
    token the mends gave another field (`read`: the spans as mended) was read by a rule, not by
    the model's guess, and is not named ('Shalini:' of 'Kantayya, Shalini: Coded Bias')."""
    doubtful: dict[str, str] = {}
    for token, label, confidence in zip(labelled.tokens, labelled.labels, labelled.confidence, strict=True):
        if confidence >= LOW_CONFIDENCE or label not in _CHECKED_FIELDS or label in doubtful:
            continue
        if _still_labelled(token, label, read):
            doubtful[label] = token.text
    if doubtful:
        fields = ", ".join(f"{label} ('{word}')" for label, word in doubtful.items())
        reader.warn(0, f"reference '{reader.shown()}' read with low confidence: check its {fields}")


def _still_labelled(token: Token, label: str, read: list[Span]) -> bool:
    return any(s.label == label and s.start <= token.start < s.end for s in read)
