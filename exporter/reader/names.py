"""Names as reference lists write them: 'Surname, Given', 'Given Surname', initials, particles, and
organisations ('United Nations', 'Bank of England', 'UNESCO')."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from exporter.reader.lexicon import (
    CAPITALISED_PARTICLES,
    CONNECTORS,
    ORGANISATION_ENDINGS,
    ORGANISATION_WORDS,
    PARTICLES,
)

ACRONYM = re.compile(r"[A-Z][A-Z&]{1,9}")
# 'Jr.', 'Sr.', 'III' after a name: part of it, not a name of its own.
_GENERATIONAL = re.compile(r"(?:Jr|Sr|Jun|Sen)\.?|II|III|IV")

# Between names: ",", "and", "&", and the serial ", and". The parts are stripped afterwards: a
# leading \s* here would make long runs of spaces quadratic.
_SEPARATOR = re.compile(r",\s*(?:(?:and|&|et|und)\s+)?|\b(?:and|et|und|u\.)(?=\s)|&|;|\s/\s")
# 'et al.', and German 'u. a.' ('und andere'), often in brackets: '[u. a.]'
ET_AL = r"(?:\[\s*)?(?:\bet\.?\s+al\.?|(?<!\w)u\.\s?a\.)(?:\s*\])?"
_ET_AL = re.compile(rf"{ET_AL}\s*$")
_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.)+|[^\W\d_]")
_COMPACT_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}")
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


@dataclass(frozen=True)
class Name:
    surname: str
    forenames: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # particles written after the given names ("Beauvoir, Simone de")
    organisation: bool = False  # then `surname` is the whole name
    suffix: str = ""  # a generational name: 'Jr.' in 'King, Martin Luther, Jr.'

    def inverted(self) -> str:
        given = " ".join(self.forenames + self.links)
        name = f"{self.surname}, {given}" if given else self.surname
        return f"{name}, {self.suffix}" if self.suffix else name


# The warning of an 'et al.' (or a German 'u. a.'), after the words as written.
ET_AL_ISSUE = "in reference: the names it stands for are unknown"


@dataclass(frozen=True)
class NameIssue:
    offset: int  # where in the parsed text the problem is
    message: str


@dataclass(frozen=True)
class _Part:
    text: str
    start: int
    before_next: str  # the separator that follows: ",", "and" or "" at the end


def parse_names(text: str, inverted_first: bool = True) -> tuple[list[Name], list[NameIssue]]:
    """Names joined by ',', 'and', '&'.

    With inverted_first, the first name is 'Surname, Given' (author-date lists sort on it), so a
    first name without its comma is read surname first, with a warning.
    """
    issues: list[NameIssue] = []
    et_al = _ET_AL.search(text)
    if et_al:
        written = et_al.group().strip(" []")
        issues.append(NameIssue(et_al.start(), f"'{written}' {ET_AL_ISSUE}"))
        text = text[: et_al.start()].rstrip(" ,")
    parts = _split(text)
    inverted_first = inverted_first and not _given_first_list(parts)
    names: list[Name] = []
    every_other = inverted_first and _all_inverted(parts)
    i = 0
    while i < len(parts):
        part = parts[i]
        if names and is_generational(part.text):
            names[-1] = replace(names[-1], suffix=part.text)
            i += 1
            continue
        if looks_like_organisation(part.text):
            names.append(Name(part.text, organisation=True))
            i += 1
            continue
        if i + 1 < len(parts) and (
            every_other or _pairs(part, parts[i + 1], first=inverted_first and i == 0)
        ):
            names.append(Name(part.text, *_given(parts[i + 1].text)))
            i += 2
            continue
        name, issue = _single(part, inverted=inverted_first and i == 0)
        names.append(name)
        issues.extend([issue] if issue else [])
        i += 1
    return names, issues


def is_generational(text: str) -> bool:
    """'Jr.', 'Sr.', 'III': a part of the name before it, not a name."""
    return _GENERATIONAL.fullmatch(text.strip()) is not None


def looks_like_person(text: str) -> bool:
    """'Jane Doe', 'A. B. Smith', 'Marcel van der Linden': for telling names from titles in a list."""
    tokens = text.split()
    return 2 <= len(tokens) <= 5 and tokens[-1][:1].isupper() and all(_is_name_token(t) for t in tokens)


def looks_like_organisation(text: str) -> bool:
    """'United Nations', 'Human Rights Watch', 'Bank of England', 'UNESCO'; not 'Smith' nor 'Jane Bank'."""
    tokens = text.split()
    if len(tokens) == 1 and ACRONYM.fullmatch(tokens[0]):
        return True
    if any(token in ORGANISATION_WORDS for token in tokens):
        return True
    if any(token.lower().endswith(ORGANISATION_ENDINGS) for token in tokens):
        return True
    inner = tokens[1:-1]
    return (
        bool(inner)
        and any(t in CONNECTORS for t in inner)
        and tokens[0][0].isupper()
        and tokens[-1][0].isupper()
    )


def _split(text: str) -> list[_Part]:
    parts: list[_Part] = []
    start = 0
    for sep in _SEPARATOR.finditer(text):
        kind = "," if sep.group().rstrip() == "," else ";" if sep.group().strip() in ";/" else "and"
        _add_part(parts, text, start, sep.start(), kind)
        start = sep.end()
    _add_part(parts, text, start, len(text), "")
    return parts


def _add_part(parts: list[_Part], text: str, start: int, end: int, kind: str) -> None:
    chunk = text[start:end]
    if chunk.strip():
        parts.append(_Part(chunk.strip(), start + len(chunk) - len(chunk.lstrip()), kind))


def _all_inverted(parts: list[_Part]) -> bool:
    """'Prada Ziegler, Ismail' late in 'Halter-Pernet, Colette, …, Prada Ziegler, Ismail': when
    every name of a list is inverted, its parts pair off two by two."""
    if len(parts) < 4 or len(parts) % 2:
        return False
    return all(_inverted_pair(parts[k], parts[k + 1], k == 0) for k in range(0, len(parts), 2))


def _inverted_pair(surname: _Part, given: _Part, first: bool) -> bool:
    if surname.before_next != "," or len(surname.text.split()) > 3 or not _looks_given(given.text):
        return False
    # "Jane Doe, Bill Roe" is two names, not one inverted: later pairs need a one-word side.
    one_word = len(surname.text.split()) == 1 or len(given.text.split()) == 1
    return first or one_word or _all_initials(given.text)


def _given_first_list(parts: list[_Part]) -> bool:
    """'Tania Willard, Robin Folvik, and Sean Carleton': three or more full names, each of two to
    four words and none of them bare initials, with 'and' before the last. An inverted first name
    would leave a one-word part ('Willard, Tania, Robin Folvik, and …')."""
    if len(parts) < 3 or parts[-2].before_next != "and":
        return False
    return all(
        2 <= len(p.text.split()) <= 4 and _looks_given(p.text) and not _is_initials(p.text.split()[0])
        for p in parts
    )


def _pairs(part: _Part, following: _Part, first: bool) -> bool:
    """Is `part, following` one inverted name ('Smith, Jane') rather than two names?"""
    if part.before_next != "," or not _looks_given(following.text):
        return False
    # The first name is inverted whatever its shape ("García Márquez, Gabriel"); later ones only
    # when they read as a bare surname or what follows is initials ("Smith, J., Lee, A.").
    return first or _looks_surname(part.text) or _all_initials(following.text)


def _single(part: _Part, inverted: bool) -> tuple[Name, NameIssue | None]:
    tokens = part.text.split()
    if len(tokens) > 2 and _GENERATIONAL.fullmatch(tokens[-1]):
        # 'William G. Thomas III', 'Martin Luther King Jr.'
        name, issue = _single(_Part(" ".join(tokens[:-1]), part.start, part.before_next), inverted)
        return replace(name, suffix=tokens[-1]), issue
    if len(tokens) == 1:
        return Name(tokens[0]), None
    particle = next((i for i, t in enumerate(tokens) if i > 0 and t in PARTICLES), None)
    if particle is None and len(tokens) > 2 and tokens[-2] in CAPITALISED_PARTICLES:
        particle = len(tokens) - 2
    surname_first = tokens[0] in PARTICLES or (inverted and not _is_initials(tokens[0]) and particle is None)
    # "Lee A." is 'Surname Initials' whatever the position: initials never end a given-name-first name.
    surname_first = surname_first or (_is_initials(tokens[-1]) and not _is_initials(tokens[0]))
    if not surname_first:
        cut = particle if particle is not None else len(tokens) - 1
        return Name(" ".join(tokens[cut:]), *_given(" ".join(tokens[:cut]))), None
    cut = next((i + 1 for i, t in enumerate(tokens) if t not in PARTICLES), len(tokens))
    surname = " ".join(tokens[:cut])
    name = Name(surname, *_given(" ".join(tokens[cut:])))
    where = part.start + len(surname)
    message = f"missing comma after surname '{surname}' in reference; read as '{name.inverted()}'"
    return name, NameIssue(where, message)


def _given(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Forenames one per element ('J.R.' is two initials), and any trailing particles."""
    tokens = text.split()
    links: list[str] = []
    while tokens and tokens[-1] in PARTICLES:
        links.insert(0, tokens.pop())
    forenames: list[str] = []
    for token in tokens:
        if _COMPACT_INITIALS.fullmatch(token):
            forenames.extend(re.findall(r"[^\W\d_]\.", token))
        else:
            forenames.append(token)
    return tuple(forenames), tuple(links)


def _looks_given(text: str) -> bool:
    tokens = text.split()
    return 1 <= len(tokens) <= 4 and tokens[0] not in PARTICLES and all(_is_name_token(t) for t in tokens)


def _looks_surname(text: str) -> bool:
    *particles, last = text.split()
    return all(p in PARTICLES for p in particles) and _is_name_token(last) and not _is_initials(last)


def _is_name_token(token: str) -> bool:
    return token in PARTICLES or (_WORD.fullmatch(token) is not None and token[0].isupper())


def _is_initials(token: str) -> bool:
    return _INITIALS.fullmatch(token) is not None and token[0].isupper()


def _all_initials(text: str) -> bool:
    return all(_is_initials(t) for t in text.split())
