"""Citations as notes write them: the full first citation of a work, its later short forms, and
'Ibid.' / 'Ebd.' / 'op. cit.'; and the bibliography form a full note citation stands for.

Chicago notes: `Victor Serge, Memoirs of a Revolutionary (New York: NYRB, 2012), 45.`, then
`Serge, Memoirs, 45.` or `Ibid., 46.`; German notes: `Serge, Victor: Memoirs …, New York 2012, S. 45.`,
and in the bibliography's own colon form, `Serge, Victor: Memoirs. New York: NYRB, 2012.` or
`Serge, Victor; Trotsky, Leon (1994): Title. In: Journal, Vol. 5/3, S. 12-20.`
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporter.reader import lexicon
from exporter.reader.citations import ET_AL, PAGE_RANGE, PAGES, SURNAME, YEAR, YEAR_PATTERN, first_surname

_UPPER = "A-ZÀ-ÖØ-Þ"
_GIVEN_WORD = rf"[{_UPPER}][\w’'-]*\.?"
_PARTICLE = rf"(?:{lexicon.words_pattern(lexicon.PARTICLES)})"
# 'Victor Serge', 'John J. McCusker', 'Marcel van der Linden': given names first, the last word
# (with the particles before it) the surname.
_PERSON = (
    rf"{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{0,3}}(?:\s+{_PARTICLE})*\s+[{_UPPER}][\w’'-]+(?:,?\s+(?:Jr|Sr)\.)?"
)
# An edition's team may run to fifteen names ('ed. William H. Gilman, …, and Ruth H. Bennett')
_PERSONS = rf"{_PERSON}(?:(?:,\s+|,?\s+(?:and|&)\s+){_PERSON}){{0,15}}(?:\s+et\s+al\.)?"
_EDITORS = r"(?:,\s+(?:eds?|Hg|Hrsg)\.)"
# A quoted title as a note gives it, its comma inside the marks: '“Title,”', '"Title,"'
_QUOTED = r"(?:“(?P<quoted>[^”]+?),?”|\"(?P<straight>[^\"]+?),?\")"
# Where a citation may begin in a note: its start, or after a sentence (a quotation's too) or a
# semicolon, with a lead.
_START = (
    r"(?:(?:(?<=^)|(?<=\.\s)|(?<=\.[”\"]\s)|(?<=;\s))(?:(?:See\s+also|See|see\s+also|see|Cf\.|cf\.|Vgl\.|vgl\.|Siehe|siehe)\s+)?"
    r"|(?<=[\s,])(?:see\s+also|see|cf\.)\s+)"  # '…, see Leon Edel, Literary Biography (…)'
)
# Where it ends: a full stop or semicolon and a space, or the end of the note.
_END = r"(?=[.;](?:\s|$)|$)"
# The cited pages, after a volume's number ('2:631'), and a comment after them ('especially
# chap. 5', ', microfilm' inside the imprint's brackets is the imprint's)
_PAGES_TAIL = rf"(?:,\s+(?:\d+:)?(?P<pages>{PAGES}))?(?:,\s+[^.;“”\"]+(?:[“\"][^”\"]*[”\"])?)?"

# '(New York: NYRB, 2012)', '(Wilmington, DE: Scholarly Resources Inc., 1991, microfilm)'
# A work in several volumes gives the years of its first and last: '(Cambridge: …, 1960–1982)'.
_IMPRINT = rf"\((?:(?P<place>[^():]+):\s+)?(?P<publisher>[^()]+?),\s+(?P<year>{YEAR}(?:[–-]{YEAR})?)(?:,\s+[^()]+)?\)"
# A book's title begins with a capital, and its imprint names a publisher: "(2016)" alone is an
# author-date citation ("dans Nicole (2016)").
FULL_CHICAGO = re.compile(
    rf"{_START}(?P<work>(?P<persons>{_PERSONS})(?P<editors>{_EDITORS})?,\s+(?P<title>[{_UPPER}][^()“”]*?)\s+"
    rf"{_IMPRINT}){_PAGES_TAIL}{_END}"
)
# 'The Letters of Ralph Waldo Emerson, ed. Ralph L. Rusk (New York: Columbia University Press,
# 1939), 1:435.': an edition with no author, its editors after its title
FULL_EDITED = re.compile(
    rf"{_START}(?P<work>(?P<title>[{_UPPER}][^()“”]*?),\s+eds?\.\s+(?P<persons>{_PERSONS})"
    rf"(?P<extent>,\s+\d+\s+vols?\.)?\s+{_IMPRINT})"
    rf"{_PAGES_TAIL}{_END}"
)
# 'Poems (Boston: Houghton, Mifflin, 1884), v–vi.': a title and its imprint, no name at all; the
# imprint names its place, or '(cf. Pugin and Roland, 2014)' would pass for one
FULL_TITLED = re.compile(
    rf"{_START}(?P<work>(?P<title>[{_UPPER}][^()“”,.;:]*?)\s+(?=\([{_UPPER}][^():]*:\s){_IMPRINT}){_PAGES_TAIL}{_END}"
)
_VOLUME_COUNT = re.compile(r",\s+\d+\s+vols?\.?$")
_VOLUME_OF = re.compile(r",\s+vol\.\s+(?P<volume>\d+|[IVXLC]+)\b")
# 'Julian P. Boyd, "Some Animadversions," Daedalus 86, no. 1 (May 1955): 54–55.' and
# '"Title," 2011 presidential address, Scholarly Editing 33 (2012), URL': a description before the
# journal, a link after it
FULL_ARTICLE = re.compile(
    rf"{_START}(?P<work>(?P<persons>{_PERSONS}),\s+{_QUOTED}\s+(?:[^,“”\"()]{{1,40}},\s+)?"
    rf"(?P<journal>[{_UPPER}][^()“”\"\d]*?)\s+(?P<volume>\d+)(?:,\s+no\.\s+(?P<issue>\d+))?\s+"
    rf"\((?P<date>[^()]*?{YEAR})\))(?::\s+(?P<pages>{PAGES}))?(?:,\s+https?://\S+)?{_END}"
)
# '“The Dating of …,” appendix A in The Letters of Virginia Woolf, ed. Nigel Nicolson and Joanne
# Trautmann, vol. 6, 1936–1941 (New York: Harcourt Brace Jovanovich, 1980), 489–91.': a chapter,
# its author's names before the title or none
FULL_CHAPTER = re.compile(
    rf"{_START}(?P<work>(?:(?P<persons>{_PERSONS}),\s+)?{_QUOTED}\s+(?:[^,“”\"()]{{0,30}}?\s+)?in\s+"
    rf"(?P<book>[{_UPPER}][^()“”]*?),\s+ed\.\s+(?P<eds>{_PERSONS})(?:,\s+vol\.\s+(?P<volume>\d+)[^()]*?)?\s+"
    rf"{_IMPRINT}){_PAGES_TAIL}{_END}"
)
# 'Robert B. Riter, "Defining …" (PhD diss., University of Pittsburgh, 2011).'
FULL_THESIS = re.compile(
    rf"{_START}(?P<work>(?P<persons>{_PERSONS}),\s+{_QUOTED}\s+\((?P<genre>[^(),]*(?:diss\.|dissertation|thesis)),\s+"
    rf"(?P<school>[^()]+?),\s+(?P<year>{YEAR})\)){_PAGES_TAIL}{_END}"
)
# 'Dwight D. Eisenhower, "Farewell … People," January 17, 1961. Online by Gerhard Peters and John
# T. Woolley, The American Presidency Project. http://…': a web page, whatever stands before its link
FULL_WEB = re.compile(
    rf"{_START}(?P<work>(?P<persons>{_PERSONS}),\s+{_QUOTED}\s+(?P<site>[^“”\"()]{{0,200}}?)"
    rf"(?P<url>https?://\S+?)){_END}"
)
# 'Serge, Victor: Memoirs of a Revolutionary, New York 2012, S. 45.'
FULL_GERMAN = re.compile(
    rf"{_START}(?P<work>(?P<surname>[{_UPPER}][\w’'-]+),\s+(?P<given>{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{0,3}})"
    rf"(?P<editors>\s+\((?:Hg|Hrsg)\.\))?:\s+(?P<title>[^()]+?),\s+(?P<place>[^,\d]+?)\s+(?P<year>{YEAR}))"
    rf"{_PAGES_TAIL}{_END}"
)
# German notes cite in the form a German bibliography writes: the names inverted, ';' between
# them, perhaps '(Hg.)' and '(Year)', a colon, the title and a full stop, then 'In: Journal …,
# S. 91-135' (the article's pages, not the cited ones) or 'Place: Publisher, Year'. It may stand
# after a sentence's colon too ('Gemeint könnte sein: Chandler, David: …').
_INVERTED = rf"[{_UPPER}][\w’'-]+,\s+{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{0,3}}"
_GERMAN_HEAD = (
    rf"(?P<surname>[{_UPPER}][\w’'-]+),\s+{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{0,3}}(?:;\s+{_INVERTED}){{0,15}}"
    rf"(?:\s+\((?:Hg|Hrsg)\.\))?(?:\s+\((?P<head_year>{YEAR})\))?"
)
_GERMAN_IN = rf"In:\s+[{_UPPER}][^;]*?,\s+S\.\s?{PAGE_RANGE}"
_GERMAN_IMPRINT = rf"[{_UPPER}][^.:;()]*?:\s+[^.:;()]+?,\s+(?P<year>{YEAR})"
FULL_GERMAN_COLON = re.compile(
    rf"(?:{_START}|(?<=:\s))(?P<work>{_GERMAN_HEAD}:\s+(?P<title>[^\s;][^;]*?)\.\s+(?:{_GERMAN_IN}|{_GERMAN_IMPRINT}))"
    rf"(?:,\s+S\.\s?(?P<pages>{PAGES}))?{_END}"
)
# 'William Faulkner, Requiem for a Nun, Act 1, sc. 3.': a play or a classic, cited by its
# divisions and with no imprint, as Chicago allows; its title has no comma, or the divisions
# could be a short form's words, and is no division itself (or 'Die Räuber' passes for a name).
_NUMBER = r"(?:\d+|[IVXLC]+|[ivxlc]+)"
_DIVISION = rf"(?i:{lexicon.words_pattern(lexicon.WORK_DIVISIONS)})\s+{_NUMBER}(?:[–-]{_NUMBER})?"
FULL_DIVISIONS = re.compile(
    rf"{_START}(?P<work>(?P<persons>{_PERSONS}),\s+(?P<title>(?!{_DIVISION})[{_UPPER}][^()“”\",;:.]*?))"
    rf",\s+{_DIVISION}(?:,\s+{_DIVISION})*{_END}"
)
# 'Serge, Memoirs, 45', 'Farrelly, “American Slavery,” 76–77', 'Serge, op. cit., 45'.
# A short form's names: 'Serge', 'McCusker and Menard', 'Bailey et al.' (no commas between them,
# which would take the title for a name).
_SHORT_NAMES = rf"(?<!\w){SURNAME}(?:\s+(?:and|und|et|&)\s+{SURNAME})*{ET_AL}?"
# A volume's title may end in its years: 'Gordon, An Awful Hush, 1895 to 1906, 435–37'.
_VOLUME_YEARS = r"(?:,\s+\d{4}(?:\s+to\s+|\s?[–-]\s?)\d{4})"
_SHORT_WORK = rf"(?P<work>(?P<names>{_SHORT_NAMES}),\s+(?:(?P<quoted>“[^”]+”)|(?P<title>[{_UPPER}][^,;()“”]*?{_VOLUME_YEARS}?)))"
# A short form may also follow the date of a letter or an 'in': 'To Ida H. Harper, October 28,
# 1902, in Gordon, An Awful Hush, …'; what names no entry stays text, so a wrong start costs nothing.
_SHORT_START = rf"(?:{_START}|(?<=\d,\s)|(?<=\sin\s))"
SHORT = re.compile(rf"{_SHORT_START}{_SHORT_WORK}(?:(?:(?<=”)\s+|,\s+)(?P<pages>{PAGES}))?{_END}")
# 'The Poetry Notebooks of Ralph Waldo Emerson, 440.': an edition with no author, short-cited by
# its title alone; it cites only a work whose title it is
SHORT_TITLE = re.compile(rf"{_START}(?P<work>(?P<title>[{_UPPER}][^,;()“”]*?)),\s+(?P<pages>{PAGES}){_END}")
IBID = re.compile(rf"{_START}(?P<work>(?:{lexicon.words_pattern(lexicon.IBID)})\.?){_PAGES_TAIL}{_END}")
OP_CIT = re.compile(rf"{_START}(?P<work>(?P<names>{_SHORT_NAMES}),\s+op\.\s?cit\.){_PAGES_TAIL}{_END}")
# A list entry repeated in a note counts only when it is long enough not to occur by chance.
_MIN_REPEATED_WORDS = 5
_PUNCTUATION = r"\W+"  # what may stand between two words of a repeated entry
# Title words that tell no two works apart: a short title may drop them.
_STOPWORDS = frozenset(
    {"a", "an", "the", "of", "and", "in", "on", "to", "for", "der", "die", "das", "und", "le", "la", "les"}
)


@dataclass(frozen=True)
class NoteCitation:
    """One citation in a note: `start`..`work_end` names the work, `pages` (at `pages_start`)
    is the cited range; `reference` is the bibliography form of a full citation."""

    kind: str  # "full", "short", "title" (a title alone), "ibid" or "op-cit"
    start: int
    work_end: int
    end: int
    surname: str = ""
    title: str = ""
    year: str = ""
    pages: str | None = None
    pages_start: int = 0
    reference: str | None = None
    part: str = ""  # the title of the volume cited of a work in several, which short forms use


def find(text: str) -> list[NoteCitation]:
    """The citations of one note's text, in order, none overlapping."""
    found: list[NoteCitation] = []
    readers = (
        _full_edited,  # before _full_chicago, which would take the editors for the authors
        _full_chicago,
        _full_article,
        _full_chapter,
        _full_thesis,
        _full_web,
        _full_divisions,
        _full_german_colon,  # before _full_german, whose title would run over the full stop
        _full_german,
        _full_titled,  # the loosest: 'Anthony (Wilmington, DE: …)' inside a fuller form
        _ibid,
        _op_cit,
        _short,
        _short_title,
    )
    for reader in readers:
        for citation in reader(text):
            if not any(c.start < citation.end and citation.start < c.end for c in found):
                found.append(citation)
    return sorted(found, key=lambda c: c.start)


def repeated(text: str, listed: dict[str, str]) -> list[tuple[str, NoteCitation]]:
    """Where a note repeats a list entry in the list's words, its punctuation aside (archival
    records are cited so: 'Bon Air Learning Center (Va.) Office of the Superindentent, Minutes and
    Reports, 1913–1926, …'), with the entry's key; not overlapping, in order."""
    found: list[tuple[str, NoteCitation]] = []
    for key, raw in listed.items():
        words = re.findall(r"\w+", raw)
        if len(words) < _MIN_REPEATED_WORDS or words[0] not in text:
            continue
        pattern = rf"(?<!\w){_PUNCTUATION.join(map(re.escape, words))}(?!\w)"
        for m in re.finditer(pattern, text):
            if not any(c.start < m.end() and m.start() < c.end for _, c in found):
                found.append((key, NoteCitation("full", m.start(), m.end(), m.end())))
    return sorted(found, key=lambda pair: pair[1].start)


def _pages(match: re.Match[str], group: str = "pages") -> tuple[str | None, int]:
    return match.group(group), (match.start(group) if match.group(group) else 0)


def _full_chicago(text: str) -> list[NoteCitation]:
    # the editors' 'eds.' after the names: its full stop is the sentence's
    return [_book(m, ", ed" if m.group("editors") else "") for m in FULL_CHICAGO.finditer(text)]


def _full_edited(text: str) -> list[NoteCitation]:
    return [
        _book(m, ", eds" if _first_person(m.group("persons"))[2] else ", ed")
        for m in FULL_EDITED.finditer(text)
    ]


def _book(m: re.Match[str], role: str) -> NoteCitation:
    """A book's full note citation and its bibliography form, its first person's names inverted."""
    surname, given, others = _first_person(m.group("persons"))
    title, volume, part = _title_and_volume(m.group("title").removesuffix("."))  # 'Edn.' keeps one stop
    reference = f"{_head(surname, given, others + role)} {title}.{volume} {_imprint(m)}, {m.group('year')}."
    pages, at = _pages(m)
    return NoteCitation("full", m.start("work"), m.end("work"), m.end(), surname,
                        m.group("title"), m.group("year"), pages, at, reference, part)  # fmt: skip


def _full_titled(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_TITLED.finditer(text):
        reference = f"{m.group('title')}. {_imprint(m)}, {m.group('year')}."
        pages, at = _pages(m)
        result.append(NoteCitation("full", m.start("work"), m.end("work"), m.end(), "",
                                   m.group("title"), m.group("year"), pages, at, reference))  # fmt: skip
    return result


def _title_and_volume(title: str) -> tuple[str, str, str]:
    """'Selected Papers …, vol. 6, An Awful Hush, 1895 to 1906' -> the work's title, ' Vol. 6.'
    as the bibliography writes it and the volume's own title (left out of the entry, since its
    dates are not the work's year); 'The Selected Letters …, 2 vols.' -> the title alone (a count
    of volumes is no title)."""
    title = _VOLUME_COUNT.sub("", title)
    if part := _VOLUME_OF.search(title):
        return title[: part.start()], f" Vol. {part['volume']}.", title[part.end() :].lstrip(", ")
    return title, "", ""


def _imprint(m: re.Match[str]) -> str:
    """'Place: Publisher' of an imprint in brackets; of '1959; reprint, Bloomington: …' only
    'Bloomington', since the first edition's year is not the one cited."""
    place = m.group("place")
    if place and ";" in place:
        place = place.rsplit(",", 1)[-1].strip()
    return ": ".join(filter(None, [place, m.group("publisher")]))


def _full_article(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_ARTICLE.finditer(text):
        issue = f", no. {m.group('issue')}" if m.group("issue") else ""
        journal = f"{m.group('journal')} {m.group('volume')}{issue} ({m.group('date')})."
        result.append(_quoted_work(m, journal, m.group("date")[-4:]))
    return result


def _quoted_work(m: re.Match[str], tail: str, year: str) -> NoteCitation:
    """A quoted title by named persons ('Julian P. Boyd, "Some Animadversions,"'), and its
    bibliography form: the first person inverted, the title, then `tail`."""
    surname, given, others = _first_person(m.group("persons"))
    title = m.group("quoted") or m.group("straight")
    pages, at = _pages(m) if "pages" in m.re.groupindex else (None, 0)
    reference = f"{_head(surname, given, others)} “{title}.” {tail}"
    return NoteCitation(
        "full", m.start("work"), m.end("work"), m.end(), surname, title, year, pages, at, reference
    )


def _full_chapter(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_CHAPTER.finditer(text):
        title = m.group("quoted") or m.group("straight")
        volume = f" Vol. {m.group('volume')}." if m.group("volume") else ""
        book = f"In {m.group('book')}, edited by {m.group('eds')}.{volume} {_imprint(m)}, {m.group('year')}."
        if m.group("persons"):
            surname, given, others = _first_person(m.group("persons"))
            reference = f"{_head(surname, given, others)} “{title}.” {book}"
        else:  # the book's editors stand for the chapter's unnamed author in short forms
            surname, reference = _first_person(m.group("eds"))[0], f"“{title}.” {book}"
        pages, at = _pages(m)
        result.append(NoteCitation("full", m.start("work"), m.end("work"), m.end(), surname, title,
                                   m.group("year"), pages, at, reference))  # fmt: skip
    return result


def _full_thesis(text: str) -> list[NoteCitation]:
    return [
        _quoted_work(m, f"{m.group('genre')}, {m.group('school')}, {m.group('year')}.", m.group("year"))
        for m in FULL_THESIS.finditer(text)
    ]


def _full_web(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_WEB.finditer(text):
        years = re.findall(YEAR, m.group("site"))
        result.append(_quoted_work(m, f"{m.group('site')}{m.group('url')}.", years[-1] if years else ""))
    return result


def _head(surname: str, given: str, others: str) -> str:
    """The bibliography's names, with one full stop: 'Boyd, Julian P.', 'Serge, Victor.'"""
    names = f"{surname}, {given}{others}"
    return names if names.endswith(".") else names + "."


def _first_person(persons: str) -> tuple[str, str, str]:
    """'John J. McCusker and Russell R. Menard' -> ('McCusker', 'John J.', ' and Russell R. Menard'):
    the bibliography inverts the first author only."""
    first = re.match(_PERSON, persons)
    assert first is not None
    name = first.group()
    surname = re.search(rf"(?<![\w’'-])(?:{_PARTICLE}\s+)*[{_UPPER}][\w’'-]+$", name)
    assert surname is not None
    given = name[: surname.start()].strip()
    rest = persons[first.end() :]
    return surname.group(), given, ("," + rest if rest.startswith(" and") else rest)


def _full_german(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_GERMAN.finditer(text):
        editors = m.group("editors") or ""
        reference = f"{m.group('surname')}, {m.group('given')}{editors}: {m.group('title')}, {m.group('place')} {m.group('year')}."
        pages, at = _pages(m)
        result.append(NoteCitation("full", m.start("work"), m.end("work"), m.end(), m.group("surname"),
                                   m.group("title"), m.group("year"), pages, at, reference))  # fmt: skip
    return result


def _full_divisions(text: str) -> list[NoteCitation]:
    result = []
    for m in FULL_DIVISIONS.finditer(text):
        surname, given, others = _first_person(m.group("persons"))
        reference = f"{_head(surname, given, others)} {m.group('title')}."
        result.append(NoteCitation("full", m.start("work"), m.end("work"), m.end(), surname,
                                   m.group("title"), "", reference=reference))  # fmt: skip
    return result


def _full_german_colon(text: str) -> list[NoteCitation]:
    """The bibliography's form is the note's: the entry is parsed from the citation's own words."""
    result = []
    for m in FULL_GERMAN_COLON.finditer(text):
        work = m.group("work")
        year = m.group("head_year") or m.group("year") or next(iter(YEAR_PATTERN.findall(work)), "")
        pages, at = _pages(m)
        result.append(NoteCitation("full", m.start("work"), m.end("work"), m.end(), m.group("surname"),
                                   m.group("title"), year, pages, at, work.removesuffix(".") + "."))  # fmt: skip
    return result


def _ibid(text: str) -> list[NoteCitation]:
    return [NoteCitation("ibid", m.start("work"), m.end("work"), m.end(), pages=_pages(m)[0], pages_start=_pages(m)[1])
            for m in IBID.finditer(text)]  # fmt: skip


def _op_cit(text: str) -> list[NoteCitation]:
    return [NoteCitation("op-cit", m.start("work"), m.end("work"), m.end(), first_surname(m.group("names")),
                         pages=_pages(m)[0], pages_start=_pages(m)[1]) for m in OP_CIT.finditer(text)]  # fmt: skip


def _short(text: str) -> list[NoteCitation]:
    result = []
    for m in SHORT.finditer(text):
        title = m.group("quoted") or m.group("title")
        pages, at = _pages(m)
        result.append(NoteCitation("short", m.start("work"), m.end("work"), m.end(),
                                   first_surname(m.group("names")), title, "", pages, at))  # fmt: skip
    return result


def _short_title(text: str) -> list[NoteCitation]:
    return [NoteCitation("title", m.start("work"), m.end("work"), m.end(), title=m.group("title"),
                         pages=_pages(m)[0], pages_start=_pages(m)[1]) for m in SHORT_TITLE.finditer(text)]  # fmt: skip


def title_words(title: str) -> list[str]:
    """The words that tell titles apart, lower-cased: 'The Ruling Race: A History' -> ruling, race, history."""
    return [w for w in re.findall(r"\w+", title.casefold()) if w not in _STOPWORDS]


def same_title(short: str, full: str) -> bool:
    """A short title is its work's first words, or some of them ('Memoirs' for 'Memoirs of a
    Revolutionary'); equal titles match whichever is cited first."""
    words, entry = title_words(short), set(title_words(full))
    return bool(words) and set(words) <= entry and title_words(full)[:1] == words[:1]
