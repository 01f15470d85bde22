"""AnyStyle's word dictionary: which words are known as (parts of) names, journal titles, places or
publishers. The labeller uses it as a feature, as AnyStyle does: a CRF trained on a few thousand
references has met few of the given names, towns and publishers a humanities list holds, and the
dictionary knows some 150,000 of them.

The file is `exporter/data/dictionary/anystyle-dict.txt.gz`, AnyStyle's compiled dictionary
(see that folder's README): sections headed `#! name`, `#! journal`, `#! place`, `#! publisher`,
each a sorted list of lower-case words without accents or punctuation, three letters or more.
Sorted lists searched by bisection load in a third of the time that sets take (about 35 ms against
120 ms), and the labeller looks each distinct token up once.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import hashlib
from pathlib import Path

DICTIONARY_FILE = (
    Path(__file__).resolve().parent.parent.parent / "data" / "dictionary" / "anystyle-dict.txt.gz"
)
# The sections and the letter that stands for each in a lookup's answer.
SECTIONS = {"name": "n", "journal": "j", "place": "l", "publisher": "p"}


@functools.cache
def _lists() -> tuple[list[str], ...]:
    text = gzip.decompress(DICTIONARY_FILE.read_bytes()).decode("utf-8")
    found: dict[str, list[str]] = {}
    for part in text.split("#! ")[1:]:
        head, _, body = part.partition("\n")
        found[head.strip()] = [w for w in body.split("\n") if w]
    return tuple(found.get(section, []) for section in SECTIONS)


def _holds(words: list[str], word: str) -> bool:
    i = bisect.bisect_left(words, word)
    return i < len(words) and words[i] == word


def tags(word: str) -> str:
    """The sections that hold `word` (already lower-case, without accents or punctuation), as their
    letters in SECTIONS order ("n", "nl", "jp", …), or "" for none."""
    if len(word) < 3:
        return ""
    letters = SECTIONS.values()
    return "".join(c for c, words in zip(letters, _lists(), strict=True) if _holds(words, word))


def sha256() -> str:
    """The dictionary file's hash: the features depend on it, so the model records it."""
    return hashlib.sha256(DICTIONARY_FILE.read_bytes()).hexdigest()
