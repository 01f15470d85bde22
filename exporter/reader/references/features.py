"""The features the reference labeller's CRF sees: the tokens of a reference string and, for each,
its own features (word, shape, case, number, punctuation, brackets, quotes, the lexicon's and
AnyStyle's dictionary's words), its neighbours' and where it stands in the string.

Tokens are the runs of non-whitespace in the string, as in AnyStyle: punctuation stays on its token
("Serge,", "(2012).", "“The", "pp.", "229–30."), so a token's punctuation is one of its features
rather than a token of its own, and a token's offsets always cut the string at whitespace. The
training (`training.py`) and the runtime (`labelling.py`) both take their features from here.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from exporter.reader import lexicon
from exporter.reader.references import dictionary

# Bump when the features change: a model trained on other features is then refused.
FEATURES_VERSION = 2


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"\S+")


def tokenize(text: str) -> list[Token]:
    """The whitespace-separated tokens of `text` (Unicode whitespace), punctuation kept on them."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_NOT_ALNUM = re.compile(r"[\W_]+")


def _canonical(token: str) -> str:
    """The token lower-cased, without punctuation or accents: "(Hg.)" -> "hg", "Éd.," -> "ed"."""
    word = _NOT_ALNUM.sub("", token).lower()
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _canonical_words(words: Iterable[str]) -> frozenset[str]:
    """The shared lexicon's one-word entries as the features see them."""
    return frozenset(c for w in words if " " not in w and (c := _canonical(w)))


# --- Word lists -----------------------------------------------------------------------------------
# Particles, months, seasons, editor, translator and "and" words come from the shared lexicon
# (exporter/reader/lexicon.py), as the features see them, with the words only the labeller uses
# added; the other lists are the labeller's own for now and move to the lexicon when another module
# needs them. Changing a list changes the features: `WORDS_SHA256` is recorded in model.json, and a
# test fails until `make model` is run again.

NAME_PARTICLES = _canonical_words(lexicon.PARTICLES) | _words("dello do st saint mac")
MONTHS = _canonical_words(lexicon.MONTHS) | _words("jaenner maerz")
SEASONS = _canonical_words(lexicon.SEASONS)
EDITOR_WORDS = _canonical_words(lexicon.EDITOR_WORDS) | _words(
    "edit by herausgeber herausgeberin herausg dirige dirigee dirigees diriges direction "
    "coordonne coordination sous editeur editeurs editrice editrices"
)
TRANSLATOR_WORDS = _canonical_words(lexicon.TRANSLATOR_WORDS) | _words(
    "translation traduite traducteur traductrice traducteurs ubersetzer ubersetzerin ubertragen"
)
AND_WORDS = _canonical_words(lexicon.NAME_AND)
PUBLISHER_WORDS = _words(
    "press presses verlag verlags editions edition edizioni publishers publisher publishing books "
    "publications universitaires buchhandlung verlagsanstalt inc ltd gmbh co company"
)
EDITION_WORDS = _words(
    "edn edition revised rev reprint reprinted expanded aufl auflage ausgabe neuausgabe "
    "nachdruck reimpr reed reedition augmentee"
)
VOLUME_WORDS = _words(
    "vol vols volume volumes no nos nr number issue iss n bd band bde jg jahrgang heft h t tome "
    "fasc fascicule suppl supplement"
)
PAGE_WORDS = _words("p pp page pages s seite seiten ff f")
IN_WORDS = _words("in dans")
THESIS_WORDS = _words("thesis dissertation phd diss these doctorat habilitation doktorarbeit masters ma")
ACCESSED_WORDS = _words("accessed retrieved available consulted consulte abgerufen zugegriffen aufgerufen")
JOURNAL_PREFIXES = (
    "journal", "zeitschrift", "quarterly", "magazin", "times", "review", "revue", "rivista",
    "bulletin", "news", "annales", "annals", "studies", "archiv", "cahiers", "jahrbuch",
    "proceedings", "transactions",
)  # fmt: skip
QUOTES = frozenset("\"'”„’‚´«‘“`»‹›")
OPENERS = "([<{"
CLOSERS = ")]>}"
_TRAILING = ",;:.!?-–—"  # what may follow a closing quote or bracket

WORDS_SHA256 = hashlib.sha256(
    repr(
        [
            sorted(words)
            for words in (
                NAME_PARTICLES, MONTHS, SEASONS, EDITOR_WORDS, TRANSLATOR_WORDS, AND_WORDS,
                PUBLISHER_WORDS, EDITION_WORDS, VOLUME_WORDS, PAGE_WORDS, IN_WORDS, THESIS_WORDS,
                ACCESSED_WORDS, JOURNAL_PREFIXES, QUOTES,
            )
        ]
    ).encode()
).hexdigest()  # fmt: skip

# --- Features -------------------------------------------------------------------------------------
# A token's own features are computed once (and cached by its text: a list repeats "pp.", "and",
# "Press,"); its neighbours' are copied from their lists with a prefix. Only own features run regexes.

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_VOLUME = re.compile(r"\d[(:;]\d")
_RANGE = re.compile(r"^\(?\d+[-–—‐]+\d+\)?[.,;:)]*$")
_ORDINAL = re.compile(r"\d(st|nd|rd|th|e|er|re|eme|ème|nd|te|ten|ter)\b", re.IGNORECASE)
_ROMAN = re.compile(r"^(?:[IVXLCDM]+|[ivxlc]+)\b")
_LOCATOR = re.compile(r"\b(?:doi|isbn|issn|url|pmid|pmcid|arxiv)\b|10\.\d{4,9}/|https?:|www\.", re.IGNORECASE)


def _category(char: str) -> str:
    cat = unicodedata.category(char)
    return cat if cat[0] == "P" else cat[0]


def _shape(word: str) -> str:
    out: list[str] = []
    for c in word:
        s = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)


def _caps(alpha: str) -> str:
    if not alpha:
        return "none"
    if alpha.isupper():
        return "single" if len(alpha) == 1 else "caps"
    if alpha[0].isupper():
        return "initial" if alpha[1:2].islower() else "mixed"
    return "lower" if alpha.islower() else "other"


def _number(token: str) -> str:
    if not any(c.isdigit() for c in token):
        return "roman" if _ROMAN.match(token) else "none"
    if _VOLUME.search(token):
        return "volume"
    digits = "".join(c for c in token if c.isdigit())
    if len(digits) in (10, 13) and (len(digits) == 10 or digits[:3] in ("978", "979")) and "/" not in token:
        return "isbn"
    if _RANGE.match(token):
        return "yrange" if _YEAR.search(token) and len(digits) in (6, 8) else "range"
    if _YEAR.search(token):
        return "year"
    if token.isdigit():
        return ("single", "double", "triple", "quad")[len(token) - 1] if len(token) <= 4 else "all"
    if _ORDINAL.search(token):
        return "ordinal"
    return "numeric"


def _punctuation(token: str) -> str:
    if ":" in token:
        return "colon"
    if "." in token:
        return "period"
    if "-" in token or "–" in token or "—" in token:
        return "hyphen"
    if "&" in token:
        return "amp"
    if "," in token or ";" in token:
        return "comma"
    return "none" if token.isalnum() else "other"


def _brackets(token: str) -> str:
    first, last = token[0], token.rstrip(_TRAILING)[-1:] or token[-1]
    if first in OPENERS and last in CLOSERS:
        return "paired"
    if first in OPENERS:
        return "open"
    if last in CLOSERS:
        return "close"
    return "none"


def _quotes(token: str) -> str:
    first, last = token[0] in QUOTES, token.rstrip(_TRAILING)[-1:] in QUOTES
    if first and last and len(token) > 1:
        return "both"
    return "open" if first else "close" if last else "none"


def _terminal(token: str) -> str:
    last = token[-1]
    if last in ".)]" or token[-2:] in (".”", ".'", '."', ",”", ",’") or token[-2:-1] in ")]":
        return "strong"
    if last in ":" or last in QUOTES:
        return "moderate"
    if last in ",;!?-–—":
        return "weak"
    return "none"


def _keyword(word: str, token: str) -> str:
    if token == "&" or word in AND_WORDS:
        return "and"
    if word in EDITOR_WORDS:
        return "editor"
    if word in TRANSLATOR_WORDS:
        return "translator"
    if word in EDITION_WORDS:
        return "edition"
    if word in PAGE_WORDS:
        return "page"
    if word in VOLUME_WORDS:
        return "volume"
    if word in MONTHS or word in SEASONS:
        return "date"
    if word in IN_WORDS:
        return "in"
    if word in THESIS_WORDS:
        return "thesis"
    if word in ACCESSED_WORDS:
        return "accessed"
    if word in PUBLISHER_WORDS:
        return "publisher"
    if word in NAME_PARTICLES:
        return "particle"
    if word in ("etal", "others", "al"):
        return "etal"
    if word.startswith(JOURNAL_PREFIXES):
        return "journal"
    return "none"


class _Own(NamedTuple):
    features: tuple[str, ...]  # the token's own, unprefixed
    # What its neighbours copy, prefixed once here: as the left (L) or right (R) neighbour at 1,
    # and at 2 (LL, RR).
    left: tuple[str, ...]
    right: tuple[str, ...]
    left2: tuple[str, ...]
    right2: tuple[str, ...]
    word: str
    caps: str
    terminal: str
    keyword: str
    year: bool
    quotes: str
    brackets: str


@functools.lru_cache(maxsize=1 << 16)
def _own(token: str) -> _Own:
    word = _canonical(token)
    alpha = "".join(c for c in token if c.isalpha())
    caps = _caps(alpha)
    number = _number(token)
    punct = _punctuation(token)
    brackets = _brackets(token)
    quotes = _quotes(token)
    terminal = _terminal(token)
    keyword = _keyword(word, token)
    initial = "1" if (alpha and len(alpha) <= 3 and alpha.isupper() and "." in token) else "0"
    locator = "1" if _LOCATOR.search(token) else "0"
    known = "dict=" + (dictionary.tags(word) or "-")
    w = "w=" + (word or "BLANK")
    features = (
        w,
        "sh=" + _shape(token),
        "c0=" + _category(token[0]),
        "c1=" + _category(token[-1]),
        "p1=" + token[:1],
        "p2=" + token[:2],
        "s1=" + token[-1:],
        "s2=" + token[-2:],
        "cap=" + caps,
        "num=" + number,
        "pct=" + punct,
        "brk=" + brackets,
        "q=" + quotes,
        "tm=" + terminal,
        "kw=" + keyword,
        "ini=" + initial,
        "loc=" + locator,
        "kwcap=" + keyword + caps,
        "tmw=" + terminal + token[-1:],
        "numbrk=" + number + brackets,
        known,
        known + "|" + caps,
    )
    near = (
        w,
        known,
        "cap=" + caps,
        "num=" + number,
        "tm=" + terminal,
        "kw=" + keyword,
        "brk=" + brackets,
        "q=" + quotes,
    )
    far = (w, "kw=" + keyword, "num=" + number)
    year = number in ("year", "yrange")
    return _Own(
        features,
        tuple(["L" + x for x in near]),
        tuple(["R" + x for x in near]),
        tuple(["LL" + x for x in far]),
        tuple(["RR" + x for x in far]),
        word or "BLANK",
        caps,
        terminal,
        keyword,
        year,
        quotes,
        brackets,
    )


# The features of a token's place in the string, made once: stops 0-5, commas 0-9, flags 0/1.
_AT = [
    f"at={s}|{c}|{y}|{q}{b}"
    for s in range(6)
    for c in range(10)
    for y in range(2)
    for q in range(2)
    for b in range(2)
]
_STOPS = [f"stops={s}" for s in range(6)]
_COMMAS = [f"commas={c}" for c in range(10)]
_YB, _INQ, _INB = ("yb=0", "yb=1"), ("inq=0", "inq=1"), ("inb=0", "inb=1")
_INS = [f"ins={i}|{e}" for i in range(2) for e in range(2)]
_INS_STOPS = [f"ins|stops={i}|{s}" for i in range(2) for s in range(6)]


def features(tokens: Sequence[Token]) -> list[list[str]]:
    """The CRF's features of each token: its own, its neighbours' (±2), a few pairs, and where it
    stands in the string (tenths; after how many full stops and commas; after a year, an "In" or an
    editor word; inside quotation marks or brackets)."""
    own = [_own(t.text) for t in tokens]
    n = len(own)
    out: list[list[str]] = []
    stops = commas = 0
    year_seen = in_quotes = in_brackets = in_seen = editor_seen = False
    for i, o in enumerate(own):
        f = list(o.features)
        f.append("pos=" + ("first" if i == 0 else "last" if i == n - 1 else str(i * 10 // n)))
        if o.quotes in ("open", "both"):
            in_quotes = True
        if o.brackets in ("open", "paired"):
            in_brackets = True
        s = stops if stops < 5 else 5
        c = commas if commas < 9 else 9
        f.append(_AT[(((s * 10 + c) * 2 + year_seen) * 2 + in_quotes) * 2 + in_brackets])
        f.append(_STOPS[s])
        f.append(_COMMAS[c])
        f.append(_YB[year_seen])
        f.append(_INQ[in_quotes])
        f.append(_INB[in_brackets])
        f.append(_INS[in_seen * 2 + editor_seen])
        f.append(_INS_STOPS[in_seen * 6 + s])
        if i > 0:
            left = own[i - 1]
            f.extend(left.left)
            f.append("wL|w=" + left.word + "|" + o.word)
            f.append("tmL|cap=" + left.terminal + "|" + o.caps)
            f.append("tmL|kw=" + left.terminal + "|" + o.keyword)
            if i > 1:
                f.extend(own[i - 2].left2)
        else:
            f.append("BOS")
        if i < n - 1:
            right = own[i + 1]
            f.extend(right.right)
            f.append("w|wR=" + o.word + "|" + right.word)
            f.append("tm|capR=" + o.terminal + "|" + right.caps)
            if i < n - 2:
                f.extend(own[i + 2].right2)
        else:
            f.append("EOS")
        out.append(f)
        if o.terminal == "strong":
            stops += 1
        if o.terminal != "none":
            commas += 1
        year_seen = year_seen or o.year
        if o.keyword == "in" and (o.caps == "initial" or i == 0 or own[i - 1].terminal != "none"):
            in_seen = True
        editor_seen = editor_seen or o.keyword == "editor"
        if o.quotes in ("close", "both"):
            in_quotes = False
        if o.brackets in ("close", "paired"):
            in_brackets = False
    return out
