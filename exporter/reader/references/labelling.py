"""Label each token of a reference string with its field, with the trained CRF (python-crfsuite).

The tokens and their features are `features.py`'s. Labels are AnyStyle's names (author, date,
title, container-title, journal, volume, pages, publisher, location, editor, translator, edition,
url, doi, note, genre, citation-number, …).

The model is `exporter/data/model/references.crfsuite`, trained by `make model` (see
`training.py`); it is loaded once per process. `model.json` beside it records the training data's
hashes, the parameters and `FEATURES_VERSION`: a model trained on other features is refused.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from exporter.reader.references.features import FEATURES_VERSION, Token, features, tokenize

MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "model"
MODEL_FILE = MODEL_DIR / "references.crfsuite"
MODEL_INFO = MODEL_DIR / "model.json"


class ModelError(RuntimeError):
    """The trained model is missing, unreadable or made for other features (run `make model`)."""


class Span(NamedTuple):
    """A run of tokens with the same label; start and end are offsets into the labelled string."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    tokens: tuple[Token, ...]
    labels: tuple[str, ...]
    confidence: tuple[float, ...]  # the CRF's marginal probability of each chosen label
    probability: float  # of the whole label sequence (1.0 for a string without tokens)

    def spans(self) -> list[Span]:
        out: list[Span] = []
        for token, label in zip(self.tokens, self.labels, strict=True):
            if out and out[-1].label == label:
                start = out[-1].start
                out[-1] = Span(label, start, token.end, self.text[start : token.end])
            else:
                out.append(Span(label, token.start, token.end, token.text))
        return out


# --- The model ------------------------------------------------------------------------------------

_LOCK = threading.Lock()  # a Tagger holds the sequence it last tagged: one caller at a time


@functools.cache
def _tagger() -> pycrfsuite.Tagger:
    try:
        info = json.loads(MODEL_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(
            f"cannot read the labelling model's record {MODEL_INFO}: {error}; run `make model`"
        ) from error
    if info.get("features_version") != FEATURES_VERSION:
        raise ModelError(
            f"the labelling model was trained on features version {info.get('features_version')!r}, "
            f"this code makes version {FEATURES_VERSION}; run `make model`"
        )
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(MODEL_FILE))
    except (OSError, ValueError) as error:
        raise ModelError(
            f"cannot open the labelling model {MODEL_FILE}: {error}; run `make model`"
        ) from error
    return tagger


def label(text: str) -> Labelled:
    """The tokens of `text`, the CRF's label of each, its confidence in each, and in the whole."""
    tokens = tuple(tokenize(text))
    if not tokens:
        return Labelled(text, (), (), (), 1.0)
    xseq = features(tokens)
    tagger = _tagger()
    with _LOCK:
        tagger.set(xseq)
        labels = tuple(tagger.tag())
        probability = tagger.probability(list(labels))
        confidence = tuple(tagger.marginal(y, i) for i, y in enumerate(labels))
    return Labelled(text, tokens, labels, confidence, probability)
