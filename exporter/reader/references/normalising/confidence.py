"""The warning that names the fields whose labels the model was unsure of."""

from __future__ import annotations

from exporter.reader.references.labelling import Labelled
from exporter.reader.references.record import ReferenceText

# Below this marginal probability a field's reading is reported for the user to check.
LOW_CONFIDENCE = 0.6
_CHECKED_FIELDS = ("author", "editor", "date", "title", "journal", "container-title", "publisher")


def _warn_low_confidence(labelled: Labelled, reader: ReferenceText) -> None:
    """Name the fields whose labels the model was unsure of, so the user knows what to check."""
    doubtful: dict[str, str] = {}
    for token, label, confidence in zip(labelled.tokens, labelled.labels, labelled.confidence, strict=True):
        if confidence < LOW_CONFIDENCE and label in _CHECKED_FIELDS and label not in doubtful:
            doubtful[label] = token.text
    if doubtful:
        fields = ", ".join(f"{label} ('{word}')" for label, word in doubtful.items())
        reader.warn(0, f"reference '{reader.shown()}' read with low confidence: check its {fields}")
