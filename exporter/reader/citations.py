"""Citation grammar: page references and author-date citations, resolved to reference keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from exporter.reader import lexicon
from exporter.tei import make_key

PARTICLE = rf"(?:(?:{lexicon.words_pattern(lexicon.PARTICLES)})\s+)"
SURNAME = rf"{PARTICLE}*[A-ZÀ-ÖØ-Þ][\w\u0300-\u036f’'-]*"  # combining accents too: 'Terre\u0301'
# Between the names of one work: "Rhodes, Brewer", "Berger and Ghernaouti-Hélié", "Pugin,
# Zitellini, and Roland", "Desmarais et Gusew", "Scheller, Békési und Stuiber", "Krüger/Mengaldo".
AND = rf"(?:,?\s+(?:{lexicon.words_pattern(lexicon.NAME_AND)})\s+|,\s+|/)"
ET_AL = r"(?:,?\s+et\s+al\.?)"
# A name after the first may be two words the list does not know whole ("Barletta and Lo Manto").
NAMES = rf"(?<!\w){SURNAME}(?:{AND}{SURNAME}(?:\s+{SURNAME})?)*{ET_AL}?"
YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
YEAR_PATTERN = re.compile(rf"(?<!\d){YEAR}(?!\w)")
# After a year: a doubt ("2007?") or the end of a range ("2020–2022", "2018–"), both kept in the
# citation's text; the key is the first year's.
_YEAR_TAIL = r"(?:\?|[-–](?:1[5-9]\d\d|20\d\d)|[-–](?!\d))?"
# A page's letter ('12a') is not the 'f.' of 'S. 12f.', which follows the range.
_PAGE = r"(?:\d+(?:[a-eg-z]|f(?!f?\.))?|[ivxlc]+|[IVXLC]+)"
# Between a range's pages: a hyphen, an en dash, or the no-break hyphen (U+2011) French texts set.
_DASH = "[-–\u2011]"
PAGE_RANGE = rf"(?:{_PAGE}(?:\s?{_DASH}\s?{_PAGE})?(?:\s?ff?\.)?)"
# "p. 47", "pp229-30", "S. 12" (German Seite)
PAGE_MARK = r"(?:pp?\.?\s?|S\.\s?)"
PAGES = rf"(?:{PAGE_MARK}?{PAGE_RANGE}(?:,\s?{PAGE_RANGE})*)"
# Words that may come before the works in brackets: "see also", "cf. for more details:", "e. g.",
# "vergleiche", "for an overview see"; lower-case words, or one of these capitalised ones.
_LEAD_WORD = rf"(?:[a-zß-öø-ÿ][\w.’'-]*|{lexicon.words_pattern(lexicon.CITATION_LEADS)})[.:,]?"
LEAD = rf"(?P<lead>(?:{_LEAD_WORD}\s+){{0,6}}?)"
# The work cited just before: "(ibid., 45)", "(Ebd., S. 12)", "(ibidem)".
IBID = re.compile(rf"^(?P<ibid>(?:{lexicon.words_pattern(lexicon.IBID)})\.?)(?:,?\s?(?P<pages>{PAGES}))?$")
BRACKETS = {"(": ")", "[": "]"}
# Between a name and the year that cites its work in prose: no more than a few words, and no
# quotation mark, bracket or end of clause.
_PROSE_GAP = 40
_MARKS = "“”„‚‘’\"'«»‹›"
# A year that may end a prose citation (not one of a range, "1913–1926"), and how far before it
# its name may start: a name of several words, and the gap.
PROSE_YEAR = re.compile(rf"(?<!\d){YEAR}(?![\w–-])")
PROSE_REACH = 120


@dataclass(frozen=True)
class Grammar:
    """The citation patterns for one review, whose names may include its organisations' and its
    surnames of several words ('United Nations', 'Dal Borgo')."""

    names: str = NAMES

    @cached_property
    def bare(self) -> re.Pattern[str]:
        """For citations standing in running text: "see Serge 2012a"."""
        return re.compile(rf"(?P<names>{self.names})(?:,\s|\s+)(?P<year>{YEAR}){_YEAR_TAIL}(?![\w-])")

    @cached_property
    def narrative(self) -> re.Pattern[str]:
        """A name with its year in brackets after it: "Jockers (2013)", "Unsworth [2000]",
        "Jockers (2013, 47)", "Morley’s (2019)". Its groups are prefixed so that it can stand
        beside the others."""
        return re.compile(
            rf"(?P<narrative_names>{self.names})\s+(?P<narrative_open>[(\[])(?P<narrative_year>{YEAR}){_YEAR_TAIL}"
            rf"(?:(?:,\s?|:\s?)(?P<narrative_pages>{PAGES}))?(?P<narrative_close>[)\]])"
        )

    @cached_property
    def first_work(self) -> re.Pattern[str]:
        """The first work in brackets: "see Serge 2012a", "Varela, 1989", "Vors et al., 2023"."""
        return re.compile(rf"{LEAD}(?P<names>{self.names})(?:,\s*|\s+)(?P<year>{YEAR}){_YEAR_TAIL}(?!\w)")

    @cached_property
    def next_work(self) -> re.Pattern[str]:
        """A further work after a comma: "…, Moser 1998", "…, 2016", "1906/1908" (the same names)."""
        return re.compile(
            rf"(?:,\s*|/|\s+(?:and|und|et)\s+)(?:(?P<names>{self.names})(?:,\s*|\s+))?"
            rf"(?P<year>{YEAR}){_YEAR_TAIL}(?!\w)"
        )

    @cached_property
    def author_page(self) -> re.Pattern[str]:
        """MLA's author and page: "Jockers 47", "see Bode 12–14"."""
        return re.compile(rf"^{LEAD}(?P<names>{self.names}),?\s+(?P<pages>(?!{YEAR}(?!\w)){PAGES})$")


def names_with(whole: frozenset[str]) -> str:
    """NAMES, where a name may also be one of the names of several words the references hold
    ('United Nations', 'Dal Borgo'): a surname is one word, and any run of capitalised words is
    not a name."""
    if not whole:
        return NAMES
    known = "|".join(re.escape(o) for o in sorted(whole, key=lambda o: (-len(o), o)))
    name = rf"(?:{PARTICLE}*(?:{known})(?!\w)|{SURNAME})"
    return rf"(?<!\w){name}(?:{AND}{name}(?:\s+{SURNAME})?)*{ET_AL}?"


def named_in(surnames: Collection[str], text: str) -> list[str]:
    """The surnames that `text` may name, its and their case and accents aside: prose_pattern
    needs no others, and compiling an alternation of a thousand names costs a second."""
    folded = _folded(text)
    return [s for s in surnames if s and _folded(s) in folded]


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def prose_pattern(surnames: Collection[str]) -> re.Pattern[str] | None:
    """One of the entries' surnames and, a few words on in its clause, a year: "Jannidis to state
    in 1999", "Robinson's printed edition of 1996", "Lingenberg postuliert schon 1963". Only the
    entries' names, not any capitalised word, so that the search before each year stays short;
    capitalised, but in any case and accents after (a list may print RIVIÈRE for the text's
    Riviere). It is searched for only up to a year's end (PROSE_YEAR), which `$` stands for; None
    with no names."""
    names = sorted({_loose(s) for s in surnames if s}, key=lambda s: (-len(s), s))
    if not names:
        return None
    return re.compile(
        rf"(?<!\w)(?P<prose_names>(?=[A-ZÀ-ÖØ-Þ])(?i:{'|'.join(names)})(?:[’']s?)?)(?!\w)"
        rf"(?P<prose_gap>[^.;:()\[\]{_MARKS}\n]{{1,{_PROSE_GAP}}}?)(?<!\w)(?P<prose_year>{YEAR})$"
    )


def _letter_variants() -> dict[str, str]:
    """Each Latin letter -> a character class of it and its accented forms (À-ſ)."""
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x180):
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if base.isascii() and base.isalpha():
            variants.setdefault(base, {base}).add(chr(code).lower())
    return {base: f"[{''.join(sorted(forms))}]" for base, forms in variants.items()}


_VARIANTS = _letter_variants()
_COMBINING = "[\u0300-\u036f]*"  # decomposed accents in the text: 'Terre\u0301'


def _loose(name: str) -> str:
    """A pattern for `name` whatever its letters' accents, written composed or decomposed."""
    letters = unicodedata.normalize("NFD", name)
    return "".join(
        _VARIANTS.get(c.lower(), re.escape(c)) + _COMBINING for c in letters if not unicodedata.combining(c)
    )


PAGES_AFTER = re.compile(rf"(?:,\s?|:\s?)(?P<pages>(?!{YEAR}(?!\w)){PAGES})(?![\w-])")
# Years alone in brackets, "(2011)", "(2011, 2012)", "(2002; 2010)", "(2013, 148)": a citation only
# after its name.
YEARS_ONLY = re.compile(
    rf"^{YEAR}\??(?:(?:,\s?|:\s?)(?P<pages>(?!{YEAR}(?!\w)){PAGES})|(?:[,;]\s?{YEAR}\??)*)$"
)
# Pages with their mark among words that say which part of the work they are in: "(Kap. 1/2,
# bis S. 37)", "(S. 41 und siehe Table III. auf S. 42)", "(see p. 37)". Besides the pages, only
# lower-case words, the words of lexicon.PART_WORDS, their numbers and punctuation: a capitalised
# word may be an author's name, a year an author-date citation, 'ebd.' or 'op. cit.' another work.
MARKED_PAGES = re.compile(rf"(?<!\w){PAGE_MARK}{PAGE_RANGE}(?:,\s?{PAGE_RANGE})*(?![\w/])")
# Each word taken whole (an atomic group), so that no word is tried as a page too ('vi').
_AROUND_PAGES = re.compile(
    rf"(?:\s*(?>(?!(?:{lexicon.words_pattern(lexicon.IBID)}|op|cit)\b)[a-zß-öø-ÿ][\w’'-]*\.?"
    rf"|(?:{lexicon.words_pattern(lexicon.PART_WORDS)})(?!\w)|{_PAGE}(?:/{_PAGE})*\.?|[,;:–-]))*\s*"
)
PAGE_ONLY = re.compile(rf"^(?P<pages>{PAGE_MARK}{PAGE_RANGE}(?:,\s?{PAGE_RANGE})*)$")
# A page without its mark, "(37)", "(12–14)": a page citation only right after a quotation, and
# not when it is a year or a span of years, as after a quoted title: „…“ (2013), „…“ (1579–1666).
# Roman pages too, lower-case as front matter is numbered: "(xxvi)", "(civ–cv)", "(xxxvii, xxxvi)".
_BARE_PAGE = r"(?:\d{1,4}|[ivxlc]{1,7})"
_BARE_RANGE = rf"{_BARE_PAGE}(?:\s?{_DASH}\s?{_BARE_PAGE})?"
NUMBER_ONLY = re.compile(rf"^{_BARE_RANGE}(?:,\s?{_BARE_RANGE})*$")
YEARS_SPAN = re.compile(r"^(?:1[5-9]\d\d|20\d\d)(?:\s?[-–]\s?(?:1[5-9]\d\d|20\d\d))?$")
RANGE = re.compile(
    rf"(?P<from>\d+|[ivxlc]+|[IVXLC]+)(?:[a-eg-z]|f(?!f?\.))?(?:\s?{_DASH}\s?(?P<to>\d+|[ivxlc]+|[IVXLC]+))?(?:\s?ff?\.)?"
)


@dataclass
class PageSpan:
    text: str
    start: int  # offset of `text` within the citation body
    first: str
    last: str


@dataclass
class WorkCitation:
    """One work cited: "Serge 2012a" or "Abidor 2019, p. 3"."""

    names: str
    year: str
    key: str
    names_start: int
    names_end: int
    pages: list[PageSpan] = field(default_factory=list)


def first_surname(names: str) -> str:
    return re.split(rf"{AND}|{ET_AL}", names)[0]


def second_name_start(names: str) -> int | None:
    """Where the second name of a list begins ("IDE and Sahle": 8), or None for one name."""
    separator = re.search(AND, names)
    return separator.end() if separator else None


# A possessive after a name, "Morley’s (2019)", "Jones' (2013)": not part of the surname.
_POSSESSIVE = re.compile(r"[’'](?:s)?$")
_LEADING_PARTICLES = re.compile(rf"^{PARTICLE}+")
_HEAD_CHARS = 120  # five or six names; a title further on may name anyone
_MIN_SURNAME = 3  # a two-letter word ('de', 'Le') may stand in any entry's names


def key_for(names: str, year: str) -> str:
    return make_key(_POSSESSIVE.sub("", first_surname(names)), year)


def keys_for(names: str, year: str) -> list[str]:
    """The keys a citation may mean, most likely first: its first surname as written, then
    without the particles before it, which running text may hold ('von Davis (1993)', 'by')."""
    surname = _POSSESSIVE.sub("", first_surname(names))
    bare = _LEADING_PARTICLES.sub("", surname)
    return list(dict.fromkeys([make_key(surname, year), make_key(bare, year)]))


def closest_key(key: str, keys: Collection[str]) -> str | None:
    """The one entry a citation most likely means when its key matches none: the same year with
    the surname one letter off ('Jokers 2013' for Jockers), or the same surname and year with the
    suffix letter added or dropped ('Serge 2012' when only 2012a is listed). None if not exactly one."""
    surname, year = _split_key(key)
    candidates = set()
    undated = f"{surname}nd"  # an undated key has no digits: its 'nd' is in the surname part
    by_author = [other for other in keys if _split_key(other)[0] in (surname, undated)]
    if by_author == [undated]:
        candidates.add(by_author[0])  # 'Roland 2020' when the list has only 'Roland, n.d.'
    for other in keys:
        other_surname, other_year = _split_key(other)
        if other_year[:4] != year[:4]:
            continue
        suffix_differs = other_surname == surname and "" in (other_year[4:], year[4:])
        misspelt = other_year == year and min(len(surname), len(other_surname)) >= 4
        if suffix_differs or (misspelt and _one_edit(surname, other_surname)):
            candidates.add(other)
    return candidates.pop() if len(candidates) == 1 else None


def by_author_list(names: str, homonyms: list[tuple[str, list[str]]]) -> str | None:
    """Of entries that share a first author and a year, and so a key ('Wien Museum. 2025.' and 'Wien
    Museum und Wienbibliothek im Rathaus. 2025.', which APA does not tell apart with a letter), the
    one whose authors the citation names: as many names, the same ones, or two more for 'et al.'.
    None if not exactly one."""
    et_al = re.search(ET_AL, names) is not None
    cited = [n.strip() for n in re.split(AND, re.sub(ET_AL, "", names)) if n.strip()]
    patterns = [re.compile(_loose(n), re.IGNORECASE) for n in cited[1:]]

    def agrees(authors: list[str]) -> bool:
        # 'et al.', 'and others', stands for two or more: a single co-author is always named
        count = len(authors) >= len(cited) + 2 if et_al else len(authors) == len(cited)
        return count and all(
            p.fullmatch(a.strip(" .,;")) for p, a in zip(patterns, authors[1:], strict=False)
        )

    found = [key for key, authors in homonyms if agrees(authors)]
    return found[0] if len(found) == 1 else None


def reference_head(raw: str) -> str:
    """The part of a raw reference that names its authors: before its first year, and no longer
    than a list of names runs ('Eggelhöfer, Fabienne, Keller Tschirren, Marianne, Thöner, …')."""
    year = YEAR_PATTERN.search(raw)
    return raw[: year.start() if year else len(raw)][:_HEAD_CHARS]


def named_in_reference(surname: str, key: str, heads: Mapping[str, str]) -> str | None:
    """The one entry of the citation's year whose reference names `surname` before its year,
    where the labeller read its authors otherwise ('Keller Tschirren 2012' for an entry read as
    'Tschirren, Keller'): the citation and the raw string agree where the parse does not."""
    year = _split_key(key)[1]
    if len(surname) < _MIN_SURNAME:
        return None
    named = re.compile(rf"(?<!\w){re.escape(surname)}(?!\w)")
    found = [k for k, head in heads.items() if _split_key(k)[1] == year and named.search(head)]
    return found[0] if len(found) == 1 else None


def _split_key(key: str) -> tuple[str, str]:
    digits = next((i for i, c in enumerate(key) if c.isdigit()), len(key))
    return key[:digits], key[digits:]


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])


def page_spans(pages: str, base: int) -> list[PageSpan]:
    """ "pp229-30" -> one span 229..230; "pp. 12, 15-17" -> two spans."""
    body = re.match(PAGE_MARK, pages)
    spans: list[PageSpan] = []
    for match in RANGE.finditer(pages, body.end() if body else 0):
        # Roman pages are normalised to lower case ('VII' -> 'vii'), as the schema writes them.
        first = match.group("from").lower()
        last = _expand(first, match.group("to").lower()) if match.group("to") else first
        # The first span's text keeps its "p." so the reader sees what the source printed.
        start = 0 if not spans else match.start()
        spans.append(PageSpan(pages[start : match.end()], base + start, first, last))
    return spans


def _expand(first: str, last: str) -> str:
    """Elided page ranges: 229-30 -> 230, 186-89 -> 189, 477-9 -> 479 (roman ones stay as written)."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return last


def backwards(span: PageSpan) -> bool:
    return span.first.isdigit() and span.last.isdigit() and int(span.last) < int(span.first)


def parse_group(body: str, grammar: Grammar) -> list[WorkCitation] | None:
    """A bracketed citation group "Serge 2012a; Cotterill 1994, p. 3", "Barbier, 2013 ; Barbier et
    Durand, 2003", "see also Joyce 2002, Lamarque 1990", "Atalay 2012, 2016", or None if it is not
    one (then nothing of it is a citation)."""
    works: list[WorkCitation] = []
    offset = 0
    for part in body.split(";"):
        found = _works_in(part, offset, grammar)
        if found is None:
            return None
        works.extend(found)
        offset += len(part) + 1
    return works


def _works_in(part: str, base: int, grammar: Grammar) -> list[WorkCitation] | None:
    """The works of one part of a group, between semicolons; `base` is the part's offset."""
    end = len(part.rstrip())
    pos = len(part) - len(part.lstrip())
    match = grammar.first_work.match(part, pos, end)
    if match is None or first_surname(match.group("names")) in lexicon.NOT_AUTHORS:
        return None
    works: list[WorkCitation] = []
    names = match.group("names")
    while match is not None:
        names = match.group("names") or names
        start = match.start("names") if match.group("names") else match.start("year")
        work = WorkCitation(names, match.group("year"), key_for(names, match.group("year")),
                            base + start, base + match.end())  # fmt: skip
        pos = match.end()
        if pages := PAGES_AFTER.match(part, pos, end):
            work.pages = page_spans(pages.group("pages"), base + pages.start("pages"))
            pos = pages.end()
        works.append(work)
        match = grammar.next_work.match(part, pos, end)
        if (
            match is not None
            and match.group("names")
            and first_surname(match.group("names")) in lexicon.NOT_AUTHORS
        ):
            return None
    return works if pos == end else None


def last_named(text: str, end: int, surnames: Collection[str]) -> int:
    """Where in text[:end] one of the surnames last stands as a word (at its start), or -1."""
    found = [
        m.start()
        for name in surnames
        if name
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[:end])
    ]
    return max(found, default=-1)


def surname_at(text: str, offset: int) -> str:
    """The first surname of the citation that starts at `offset`, as written, less a possessive."""
    match = re.compile(SURNAME).match(text, offset)
    return _POSSESSIVE.sub("", match.group()) if match else ""


def pages_among_words(body: str) -> list[PageSpan]:
    """The marked pages of a bracket that cites pages among words of its own (MARKED_PAGES), or
    none if it holds none or words that may cite another work."""
    found = list(MARKED_PAGES.finditer(body))
    if not found or YEAR_PATTERN.search(body):
        return []
    rest = MARKED_PAGES.sub(" ", body)
    if _AROUND_PAGES.fullmatch(rest) is None:
        return []
    return [span for m in found for span in page_spans(m.group(), m.start())]


def is_page_only(body: str) -> bool:
    return PAGE_ONLY.match(body.strip()) is not None and body == body.strip()
