"""The language of a cited work: what the TEI says, else what its title's function words say, else
the review's own language.

Consumers act on it: pandoc and Zotero title-case only English titles, biblatex hyphenates by
`langid`. A French book cited in an English review must therefore not be called English; a
title with no telling word ('Carnets 1936-1947') keeps the review's language.
"""

from __future__ import annotations

import re

# Short words that mark a title's language: articles, prepositions, conjunctions. Words two
# languages share ('de', 'des', 'in', 'die') are left out, so each hit is a vote for one language.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "of", "and", "an", "on", "for", "to", "with", "from", "by", "at", "its",
                     "is", "are", "was", "into"]),
    "fr": frozenset(["le", "la", "les", "du", "un", "une", "et", "à", "au", "aux", "pour", "sur",
                     "dans", "par", "chez", "est", "sous", "entre"]),
    "de": frozenset(["der", "das", "und", "ein", "eine", "einer", "dem", "den", "zu", "im", "mit",
                     "von", "für", "auf", "ist", "über", "zur", "zum"]),
}  # fmt: skip
# Elided articles and prepositions: l'Ouest, d'une.
_FRENCH_ELISION = re.compile(r"\b[ldjqn][’']\w", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


def detect(title: str | None, default: str | None) -> str | None:
    """The title's language when its function words outvote the default's; else the default."""
    if not title:
        return default
    votes = _votes(title)
    best = max(votes, key=lambda lang: votes[lang])
    base = (default or "").split("-")[0].lower()
    if votes[best] > votes.get(base, 0):
        return best
    return default


def _votes(title: str) -> dict[str, int]:
    words = [w.casefold() for w in _WORD.findall(title)]
    votes = {lang: sum(w in marks for w in words) for lang, marks in FUNCTION_WORDS.items()}
    votes["fr"] += len(_FRENCH_ELISION.findall(title))
    return votes
