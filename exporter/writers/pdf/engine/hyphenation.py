"""Pyphen's hyphenation patterns read with string operations over the whole file.

WeasyPrint hyphenates with Pyphen, which reads a language's patterns the first time a line needs
them, one pattern at a time with a regular expression and a tuple of pairs: for American
English, 11,000 patterns. Here the same dictionary is read with replacements over the whole
text and a little work per pattern (in isolation 0.16 G instructions where Pyphen's reading
takes 0.51 G), and gives the same patterns: the digit before each letter of a
pattern ('a1b' -> 'ab' and 0, 1, 0), the leading and trailing zeros cut off. A file with what
this reading does not handle (Pyphen's non-standard '/change,index,cut' alternatives, '^^hh'
escapes, two digits in a row, digits other than 0-9, a comma) is read by Pyphen's own code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_ASCII_DIGITS = frozenset("0123456789")
_TWO_DIGITS = re.compile("[0-9]{2}")
_SLOT = ","  # a slot's bounds while the digits are read (a comma is no letter of any dictionary)


def apply() -> None:
    import pyphen  # type: ignore[import-untyped]

    pyphen.HyphDict = _quick(pyphen.HyphDict, pyphen.ignored)


def _quick(hyph_dict: Any, ignored: tuple[str, ...]) -> Any:
    class QuickHyphDict(hyph_dict):  # type: ignore[misc]
        def __init__(self, path: Path) -> None:
            patterns = read_patterns(path, ignored)
            if patterns is None:
                super().__init__(path)
                return
            self.patterns = patterns
            self.cache: dict[str, Any] = {}
            self.maxlen = max(len(key) for key in patterns)

    return QuickHyphDict


def read_patterns(path: Path, ignored: tuple[str, ...]) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    """The dictionary's patterns as Pyphen's HyphDict holds them (the letters -> the offset of the
    first non-zero digit, the digits from there to the last non-zero one); None when the file has
    something only Pyphen's own reading handles."""
    with path.open("rb") as handle:  # the first line names the encoding, as Pyphen reads it
        encoding = handle.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = map(str.strip, path.read_text(encoding).split("\n")[1:])
    kept = "\n".join([line for line in lines if line and not line.startswith(ignored)])
    characters = set(kept)
    if _only_pyphen(kept, characters):
        return None
    patterns: dict[str, tuple[int, tuple[int, ...]]] = {}
    # Patterns share their digits ('00100'): each such string is read once, its tuple shared.
    read: dict[str, tuple[int, tuple[int, ...]] | None] = {}
    letters = _replaced(kept, characters & _ASCII_DIGITS, "")
    for key, values in zip(letters.split("\n"), _slots(kept, characters), strict=True):
        if values not in read:
            read[values] = _values(values)
        entry = read[values]
        if entry is not None:
            patterns[key] = entry
    return patterns


def _values(slots: str) -> tuple[int, tuple[int, ...]] | None:
    """The offset of the first non-zero digit and the digits to the last; None if all are 0."""
    significant = slots.strip("0")
    if not significant:  # a pattern of zeros only is no pattern
        return None
    return len(slots) - len(slots.lstrip("0")), tuple(map(int, significant))


def _replaced(text: str, characters: set[str], by: str) -> str:
    """`text` with each of `characters` replaced by `by`, one pass a character: str.translate's
    table lookup for each character made it half of this reading."""
    for character in sorted(characters):
        text = text.replace(character, by)
    return text


def _only_pyphen(kept: str, characters: set[str]) -> bool:
    """Whether the patterns hold what this reading does not handle: '^^hh', a slot separator, a
    digit other than 0-9, two digits in a row, or '/' and '=' in one pattern (an alternative)."""
    if "^^" in kept or _SLOT in characters or any(c.isdigit() for c in characters - _ASCII_DIGITS):
        return True
    if "/" in kept and "=" in kept and any("/" in line and "=" in line for line in kept.split("\n")):
        return True
    return _TWO_DIGITS.search(kept) is not None


def _slots(kept: str, characters: set[str]) -> list[str]:
    """Each pattern's digits, one a slot (before each letter and at the end), 0 where it has none:
    'a1b' -> '010'. Every letter becomes a bound between slots, each line is bounded at both
    ends, and an empty slot (two bounds together) gets its 0: all as string operations, which
    is what makes this reading fast."""
    bounded = _replaced(kept, characters - _ASCII_DIGITS - {"\n"}, _SLOT)
    text = _SLOT + bounded.replace("\n", f"{_SLOT}\n{_SLOT}") + _SLOT
    empty, filled = _SLOT * 2, f"{_SLOT}0{_SLOT}"
    # Two passes: in a run of bounds, the first fills every other empty slot, the second the rest.
    text = text.replace(empty, filled).replace(empty, filled)
    return text.replace(_SLOT, "").split("\n")
