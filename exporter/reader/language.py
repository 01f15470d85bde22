"""The review's language, told from its own prose when the sidecar names none.

Lingua (lingua-language-detector) decides, restricted to the languages the reader knows: it is
deterministic, has no dependencies, and in its low-accuracy mode loads in a tenth of a second
where the high-accuracy models take two (low accuracy only costs on texts under about 120
characters, far shorter than a review). The detector is built on first use and kept, so a build
that never needs it, because every sidecar names its language, never loads it.
"""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The languages the reader reads (reader/lexicon.py holds their words), by xml:lang tag.
KNOWN = {"en": Language.ENGLISH, "fr": Language.FRENCH, "de": Language.GERMAN}
# Said when the text does not tell: English, as it was before detection.
FALLBACK = "en"
# Fewer letters of prose than this (some forty words) are too few to judge: the low-accuracy
# models then call 'It is older (Jockers 2016).' German. Such a text is not given to the detector
# and is taken as English without a word, as before detection: a note or a test, not a review.
MIN_LETTERS = 200
# Below this share of the detector's confidence the text is taken not to tell: a mixed text
# or a jumble of names and numbers. Every corpus review is detected at 1.0.
CONFIDENT = 0.9
# The detector reads this many characters of the prose, its opening: a whole review took it 0.2 s
# (the seed), and a few paragraphs tell the language as surely.
SAMPLE_CHARS = 4000


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*KNOWN.values()).with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str, float]:
    """The tag of the most likely known language of `text`, and how sure the detector is (0..1)."""
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return FALLBACK, 0.0
    best = values[0]
    tag = next(tag for tag, language in KNOWN.items() if language == best.language)
    return tag, best.value


def too_short(prose: str) -> bool:
    return sum(c.isalpha() for c in prose) < MIN_LETTERS


def review_language(prose: str) -> str | None:
    """The review's language when its prose tells it with confidence, else None."""
    tag, confidence = detect(prose[:SAMPLE_CHARS])
    return tag if confidence >= CONFIDENT else None
