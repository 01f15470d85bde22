"""Text as a BibTeX field value: TeX specials escaped, capitals protected, optionally pure ASCII.

A value must be read as exactly its text by every consumer, and no title may inject TeX. So every
TeX special character becomes a command that prints it, and braces are the ones we put in: around
words whose capitals a style must keep (proper nouns, acronyms), never around a whole title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pylatexenc.latexencode import UnicodeToLatexEncoder

# Each special as a command that prints it. Braces get \{ \} only in balanced pairs (below).
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A brace without its partner would unbalance the field for BibTeX and biber, which count every
# brace, escaped or not; the kernel's text commands print it without being a brace.
_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_PAIRED_BRACE = {"{": r"\{", "}": r"\}"}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Short words that title case leaves in lower case; no evidence for a sentence-case title.
_MINOR = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or",
        "over", "per", "the", "to", "upon", "via", "vs", "with",
        "à", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "un", "une",
        "von", "van", "der", "den", "di", "da", "del",
    }
)  # fmt: skip

_ASCII = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)


def escape(text: str, ascii_only: bool = False) -> str:
    """Plain text as LaTeX that prints exactly that text."""
    return _escape(text, 0, len(text), _paired_braces(text), ascii_only)


def _escape(text: str, start: int, end: int, paired: set[int], ascii_only: bool) -> str:
    """text[start:end] escaped; `paired` holds the positions (in all of text) of matched braces."""
    out = []
    for i in range(start, end):
        char = text[i]
        if char in "{}":
            out.append(_PAIRED_BRACE[char] if i in paired else _LONE_BRACE[char])
        else:
            out.append(_SPECIALS.get(char, char))
    escaped = "".join(out)
    return _ASCII.unicode_to_latex(escaped) if ascii_only else escaped


def unencodable(text: str) -> list[str]:
    """Characters that have no LaTeX macro and stay as they are in an ASCII file."""
    return sorted({c for c in text if ord(c) > 127 and _ASCII.unicode_to_latex(c) == c})


def protect(text: str, proper: set[str], ascii_only: bool = False) -> str:
    """A title, escaped, with braces around each word whose capitals must survive a style's
    lower-casing: acronyms, inner capitals, known proper nouns, and — in a sentence-case title —
    every capitalised word after the first."""
    paired = _paired_braces(text)
    words = list(_WORD.finditer(text))
    keep = _words_to_keep(text, words, proper)
    out: list[str] = []
    at = 0
    for match, kept in zip(words, keep, strict=True):
        out.append(_escape(text, at, match.start(), paired, ascii_only))
        written = _escape(text, match.start(), match.end(), paired, ascii_only)
        out.append(f"{{{written}}}" if kept else written)
        at = match.end()
    out.append(_escape(text, at, len(text), paired, ascii_only))
    return "".join(out)


def _words_to_keep(text: str, words: list[re.Match[str]], proper: set[str]) -> list[bool]:
    sentence_case = _is_sentence_case(text, proper)
    keep = [
        _must_keep(m.group(), proper) or (sentence_case and n > 0 and m.group()[0].isupper())
        for n, m in enumerate(words)
    ]
    # A capitalised word just before a known name is part of it: the 'Leon' of 'Leon Trotsky'.
    for n in range(len(words) - 2, -1, -1):
        joined = text[words[n].end() : words[n + 1].start()] == " "
        word = words[n].group()
        if joined and words[n + 1].group() in proper and word[0].isupper() and word.lower() not in _MINOR:
            keep[n] = True
            proper = proper | {word}
    return keep


def proper_nouns(prose: Iterable[str], names: Iterable[str]) -> set[str]:
    """Words the document itself treats as proper nouns: people's names, and words it capitalises
    in mid-sentence but never writes in lower case."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for block in prose:
        for match in _WORD.finditer(block):
            word = match.group()
            if word[0].islower():
                lower.add(word.lower())
            elif not _starts_sentence(block, match.start()):
                capitalised.add(word)
    found = {w for w in capitalised if w.lower() not in lower}
    return found | {w for name in names for w in _WORD.findall(name) if w[0].isupper()}


def _must_keep(word: str, proper: set[str]) -> bool:
    inner_capital = any(c.isupper() for c in word[1:])
    letter = len(word) == 1 and word.isupper() and word != "A"  # 'Plan B', 'C#', 'I' — not the article
    return inner_capital or letter or word in proper


def _is_sentence_case(title: str, proper: set[str]) -> bool:
    """Among the words after the first that are neither minor nor known to keep their capitals,
    more in lower case than capitalised."""
    words = [w for w in _WORD.findall(title)[1:] if w.lower() not in _MINOR and not _must_keep(w, proper)]
    lower = sum(1 for w in words if w[0].islower())
    return lower > 0 and lower >= len(words) - lower


def _starts_sentence(block: str, at: int) -> bool:
    # Back over the white space only: a copy of all that comes before is quadratic in a long block.
    end = at
    while end > 0 and block[end - 1].isspace():
        end -= 1
    return end == 0 or block[end - 1] in ".!?:;“\"‘'(—–[" or block[max(0, end - 3) : end] == "..."


def _paired_braces(text: str) -> set[int]:
    """Positions of braces that close or are closed by a partner, so \\{ … \\} stays balanced."""
    paired: set[int] = set()
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == "{":
            opened.append(i)
        elif char == "}" and opened:
            paired |= {opened.pop(), i}
    return paired
