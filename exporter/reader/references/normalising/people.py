"""Authors, editors and translators: the names of their spans, less the words that bring them in
('In', '(Ed.)', 'hg. von', 'translated by'), and the author or editor span the labeller ran on."""

from __future__ import annotations

import re

from exporter.reader import lexicon
from exporter.reader.names import ET_AL, ET_AL_ISSUE, Name, looks_like_organisation, parse_names
from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.spans import _EDGE, SENTENCE_BREAK, _Fields, _is_place, follows
from exporter.reader.references.record import Reference, ReferenceText

_EDITOR_WORD = lexicon.words_pattern(frozenset(w.rstrip(".") for w in lexicon.EDITOR_WORDS))
_TRANSLATOR_WORD = lexicon.words_pattern(frozenset(w.rstrip(".") for w in lexicon.TRANSLATOR_WORDS))
# The kinds of editor a list may name: 'Morgan, Colleen (guest editor)', '(general ed.)'.
_EDITOR_ROLE = "guest|general|series|special|founding|managing|volume"
# 'In O. Card (Ed.),', '(Hrsg.):', 'edited by', 'sous la direction de', 'editor(s)' (as BibTeX
# styles print it): what is not a name.
_EDITOR_WORDS = re.compile(
    rf"^\s*(?:in\s*:?\s+|dans\s+|in:)?|(?<=\.\s)(?-i:In)\s+|\(?(?:\b(?:{_EDITOR_ROLE})\s+)?\b(?:{_EDITOR_WORD})(?:\(s\)|\b)\.?\)?"
    r"(?:\s+(?:by|von|v\.|par|de|di))?\s*:?",
    re.IGNORECASE,
)
_EDITED_BY = lexicon.words_pattern(lexicon.EDITED_BY)
_IN_BOOK_EDITED_BY = re.compile(
    rf"\s*(?:in|dans)\b:?\s+\S.*?,?\s+(?P<phrase>(?:{_EDITED_BY})\s+\S)", re.IGNORECASE
)
# 'Clark, Vèvè A., and Sarah East Johnson, eds. Kaiso! Writings By': names, their role, then a title
# (or a book: 'In: Rolf Griebel [u. a.] (Hg.): Praxishandbuch').
_ROLE_THEN_TITLE = re.compile(
    r"(?P<role>[^()]*?(?:[^\W\d_]{2,}|\b[^\W\d_]\.),\s+(?:eds?|editors?|hrsg|hg|éds?|dir)\.?"
    r"|[^()]*?\((?:eds?|hrsg|hg|éds?|dir)\.?\)[.:]?)"
    r"\s+(?!(?:by|von|v\.|par|di)\s)(?=[\w“‘\"«„])\S",
    re.IGNORECASE,
)
_TRANSLATOR_THEN_TITLE = re.compile(
    rf"\s*(?P<role>\((?:{_TRANSLATOR_WORD})\b[^()]*\)[.,:]?)\s+(?=[\w“‘\"«„])", re.IGNORECASE
)
# 'Ramírez Sánchez, Ilich, dit Carlos, et …': the name a person went by is no second person
_ALIAS = re.compile(r",\s+(?:dit|dite|alias|genannt|called)\s+[^,]+(?=,)", re.IGNORECASE)
_ET_AL_THEN = re.compile(rf"(?P<etal>{ET_AL})\s+\S")
_ET_AL_CLOSING = re.compile(rf"(?P<etal>{ET_AL})[:.,]?\s+(?=\S)")
_ROLE_IN_BRACKETS = re.compile(rf"\s*\((?:(?:{_EDITOR_ROLE})\s+)?(?:{_EDITOR_WORD})\.?\)", re.IGNORECASE)
_EDITOR_WORDS_ONLY = re.compile(rf"\W*(?:(?:{_EDITOR_WORD})\W*)+", re.IGNORECASE)
_BY = re.compile(r"\s*(?:by|von|v\.|par|di)\s", re.IGNORECASE)
# A name list that a connector or a comma leaves open: 'Eds. T. C. Skeat and'
_NAME_LIST_GOES_ON = re.compile(rf"(?:,|\s(?:{lexicon.words_pattern(lexicon.NAME_AND)}))\s*$")
# 'Names, eds.', 'Names (Hg.)': a span that ends in its role, which covers every name before it
_ENDS_IN_ROLE = re.compile(rf"(?:,\s*|\s*\()(?:{_EDITOR_WORD})\.?\)?[.:,]?\s*$", re.IGNORECASE)
_OWN_BRACKETS = re.compile(r"[^()]+\([^()]+\)")  # a name that ends in a bracket of its own
_TRANSLATOR_WORDS = re.compile(
    rf"\(?\b(?:{_TRANSLATOR_WORD})\b\.?\)?"
    r"(?:\s+(?:from\s+(?:the\s+)?\w+|de\s+l['’]\w+|aus\s+dem\s+\w+))?(?:\s+(?:by|von|v\.|par))?\s*:?",
    re.IGNORECASE,
)
# In an inverted author list, a full stop after a whole word ends the list ('Moretti, Franco.
# Graphs, Maps, Trees.'); initials, 'Jr.', 'Sr.' and the 'u.' of German 'u. a.' do not, nor does
# one before 'and' ('Sutherland, Kathryn. and Elena Pierazzo,').
_MAX_TITLE_WORDS_IN_AUTHOR = 3
_THE = re.compile(r"\s*The\s+[A-Z]")  # English names of bodies; 'Le Fol', 'La Fontaine' are persons'
_LONE_SURNAME = re.compile(r"[^\W\d_][\w’'-]+,")
_GIVEN_THEN_COLON = re.compile(r"(?P<given>[A-ZÀ-Ý][a-zà-ÿ’'-]+(?:[ -][A-ZÀ-Ý][\w’'.-]*)?)\s*:\s+(?=\S)")
_STOP_BEFORE_AND = re.compile(rf"(?<=[^\W\d_]{{2}})\.(?=\s+(?:{lexicon.words_pattern(lexicon.NAME_AND)})\s)")
_AUTHORS_END = re.compile(
    rf",\s[^.]*?(?<![\s.]\w)(?<!\bJr)(?<!\bSr)(?<!\bSt)(?<!\bu)\.\s+(?!(?:{lexicon.words_pattern(lexicon.NAME_AND)})\s)(?=[\w“‘\"«„])"
)


def _mend_author_span(text: str, spans: list[Span]) -> list[Span]:
    """An author span that runs on into the title it precedes is cut where the names end."""
    at = next((i for i, s in enumerate(spans) if s.label == "author"), None)
    if at is None or at + 1 >= len(spans):
        return spans
    if (mended := _organisation_then_title(text, spans, at)) is not None:
        return mended
    if spans[at + 1].label != "title":
        return _mend_titleless(text, spans, at)
    author, title = spans[at], spans[at + 1]
    if _THE.match(author.text) and author.text.rstrip()[-1:].isalnum():
        cut = _organisation_end(title)
    else:
        cut = _given_names_end(author, title) or _et_al_end(author) or _names_end(author)
    if cut is None:
        return spans
    names_end, title_start = cut
    mended = [_span(text, "author", author.start, names_end), _span(text, "title", title_start, title.end)]
    return [*spans[:at], *mended, *spans[at + 2 :]]


def _organisation_then_title(text: str, spans: list[Span], at: int) -> list[Span] | None:
    """'Zentrum Paul Klee, Medienmitteilung.' + 'Paul Klee – …', 'Van Gogh Museum und Huygens
    Institute, Van Gogh.' + 'The Letters,': after a body's name, a comma and words that are no
    body's open the title (a person's name would have come before the body's)."""
    author, after = spans[at], spans[at + 1]
    head, comma, last = author.text.rstrip().rpartition(", ")
    if not comma or not last.endswith(".") or len(last.split()) > _MAX_TITLE_WORDS_IN_AUTHOR:
        return None
    if not looks_like_organisation(head) or looks_like_organisation(last) or _is_place(last):
        return None
    if after.label != "title" and not (
        after.label == "journal" and not any(s.label == "title" for s in spans)
    ):
        return None
    title_start = author.start + len(head) + len(comma)
    mended = [
        _span(text, "author", author.start, author.start + len(head) + 1),
        _span(text, "title", title_start, after.end),
    ]
    return [*spans[:at], *mended, *spans[at + 2 :]]


def _title_before_date(text: str, spans: list[Span]) -> list[Span]:
    """'Istituto e Museo di Storia della Scienza, n.d. ‘Museo Galileo Digital Library’.' labelled
    title, date, title: what opens an author-date entry before its year, with the title after the
    year, is its author."""
    if len(spans) < 3 or [s.label for s in spans[:2]] != ["title", "date"]:
        return spans
    if not any(s.label == "title" for s in spans[2:]):
        return spans
    return [_span(text, "author", spans[0].start, spans[0].end), *spans[1:]]


def _et_al_end(author: Span) -> tuple[int, int] | None:
    """'Ewert, Gisela [u. a.]: Bibliotheken.': 'et al.' or 'u. a.' ends the names, and what
    follows it in the author span opens the title."""
    etal = _ET_AL_CLOSING.search(author.text)
    if etal is None:
        return None
    return author.start + etal.end("etal"), author.start + etal.end()


def _names_end(author: Span) -> tuple[int, int] | None:
    """Where the names end inside an author span that ran on ('Moretti, Franco. Graphs'), and
    where the title begins."""
    cut = _AUTHORS_END.search(author.text)
    if cut is None or cut.end() >= len(author.text):
        return None
    return author.start + cut.end() - 1, author.start + cut.end()


def _organisation_end(title: Span) -> tuple[int, int] | None:
    """'The TEI' + 'Workgroup on Genetic Editions. An encoding model …': an organisation's name
    that stops short of the full stop goes on to the title's first sentence break."""
    brk = SENTENCE_BREAK.search(title.text)
    if brk is None or brk.end() >= len(title.text):
        return None
    return title.start + brk.start(), title.start + brk.end()


def _given_names_end(author: Span, title: Span) -> tuple[int, int] | None:
    """German lists' 'Kantayya, Shalini: Coded Bias.' with only 'Kantayya,' labelled as the
    author: a title that opens with one or two capitalised words and a colon, after a lone
    surname and its comma, opens with the given names (the dictionary knows too few of them,
    'Shalini' not, to be asked)."""
    if not _LONE_SURNAME.fullmatch(author.text.strip()) or not follows(author, title):
        return None
    given = _GIVEN_THEN_COLON.match(title.text)
    return (title.start + given.end("given"), title.start + given.end()) if given else None


def _mend_titleless(text: str, spans: list[Span], at: int) -> list[Span]:
    """MLA's 'Morrison, Toni. Beloved. Alfred A. Knopf, 1987.' with every word up to the year
    labelled author, and no title anywhere: the names end at their full stop, the next sentence
    is the title and what is left before the year the publisher."""
    if any(s.label in ("title", "journal", "container-title") for s in spans):
        return spans
    author = spans[at]
    cut = _AUTHORS_END.search(author.text)
    if cut is None or cut.end() >= len(author.text):
        return spans
    names_end, title_start = author.start + cut.end() - 1, author.start + cut.end()
    rest = text[title_start : author.end]
    brk = SENTENCE_BREAK.search(rest)
    title_end = title_start + brk.start() if brk else author.end
    mended = [_span(text, "author", author.start, names_end), _span(text, "title", title_start, title_end)]
    if brk and brk.end() < len(rest):
        mended.append(_span(text, "publisher", title_start + brk.end(), author.end))
    return [*spans[:at], *mended, *spans[at + 1 :]]


def _mend_editor_spans(text: str, spans: list[Span]) -> list[Span]:
    """Chicago's 'In Book, edited by Names,' labelled as one editor span is the book's title and
    its editors; 'hg.' alone, with 'von Names' labelled otherwise, takes the names it brings in;
    'Names, eds. Title' labelled as one editor span ends at the editor word."""
    mended: list[Span] = []
    for span in spans:
        if span.label == "editor" and (inside := _IN_BOOK_EDITED_BY.match(span.text)):
            cut = span.start + inside.start("phrase")
            mended += [
                Span("container-title", span.start, cut, text[span.start : cut]),
                _span(text, "editor", cut, span.end),
            ]
        elif span.label == "editor" and (role := _ROLE_THEN_TITLE.match(span.text)):
            # after the entry's title, 'In: Rolf Griebel (Hg.): Praxishandbuch' names the book
            book = "container-title" if any(m.label == "title" for m in mended) else "title"
            cut, title_start = span.start + role.end("role"), span.start + role.end() - 1
            mended += [_span(text, "editor", span.start, cut), _span(text, book, title_start, span.end)]
        elif span.label == "translator" and (role := _TRANSLATOR_THEN_TITLE.match(span.text)):
            # APA's '(2009). (Trans. by M. Fargo). Hyperart: Thomasson.': the title after the role
            book = "container-title" if any(m.label == "title" for m in mended) else "title"
            cut, title_start = span.start + role.end("role"), span.start + role.end()
            mended += [_span(text, "translator", span.start, cut), _span(text, book, title_start, span.end)]
        elif (
            mended
            and mended[-1].label == "editor"
            and _EDITOR_WORDS_ONLY.fullmatch(mended[-1].text)
            and _BY.match(span.text)
        ):
            mended[-1] = _span(text, "editor", mended[-1].start, span.end)
        elif (
            mended
            and mended[-1].label == "author"
            and not text[mended[-1].end : span.start].strip()
            and span.label == "editor"
            and _ENDS_IN_ROLE.search(span.text)
        ):
            # a long list of editors ('Gilman, William H., …, and Ruth H. Bennett, eds.') that
            # the labeller began as authors: the role at its end is every name's
            mended[-1] = _span(text, "editor", mended[-1].start, span.end)
        elif (
            mended
            and mended[-1].label == "editor"
            and span.label == "author"
            and _NAME_LIST_GOES_ON.search(mended[-1].text)
        ):
            # MLA's 'Eds. T. C. Skeat and' + author 'J. K. Elliott.': the list's last name
            mended[-1] = _span(text, "editor", mended[-1].start, span.end)
        elif mended and mended[-1].label == span.label == "title":
            mended[-1] = _span(text, "title", mended[-1].start, span.end)  # the title an editor cut
        else:
            mended.append(span)
    return mended


def _span(text: str, label: str, start: int, end: int) -> Span:
    return Span(label, start, end, text[start:end])


def _people(entry: Reference, fields: _Fields, reader: ReferenceText) -> None:
    if author := fields.first("author"):
        # 'Rita Dove:' (German and French lists put the given name first, with no comma)
        inverted = "," in author.text.strip().rstrip(",")
        if _THE.match(author.text):  # 'The Contemporary Music Center, Ireland.': no person's name
            entry.authors = [Name(_strip_name_list(author.text), organisation=True)]
        else:
            entry.authors = _names(reader, author.text, author.start, inverted=inverted)
        if (date := fields.first("date")) is not None and _ROLE_IN_BRACKETS.match(date.text):
            entry.author_role = "editor"  # 'Morgan, Colleen (guest editor) 2016'

    editor = fields.first("editor")
    if editor is not None:
        heads = not entry.authors and fields.before("editor", "title")
        editors = _names(reader, _EDITOR_WORDS.sub(" ", editor.text), editor.start, inverted=heads)
        if heads:
            entry.authors, entry.author_role = editors, "editor"
        else:
            entry.editors = editors
    for translator in fields.all("translator"):
        entry.translators += _names(
            reader, _TRANSLATOR_WORDS.sub(" ", translator.text), translator.start, False
        )


def _names(reader: ReferenceText, text: str, offset: int, inverted: bool) -> list[Name]:
    """The names of one span; only 'et al.' is reported (the labeller's styles vary too much for
    the house style's warning about a missing comma to mean anything)."""
    cleaned = _strip_name_list(text)
    if not cleaned:
        return []
    names, issues = parse_names(cleaned, inverted_first=inverted)
    reader.name_issues([i for i in issues if ET_AL_ISSUE in i.message], offset)
    return [n for n in names if n.surname]


def _strip_name_list(text: str) -> str:
    """'Smith, J. A., & Lee, B.' less what ends the list: a final comma or colon, but not the
    full stop of an initial or of 'Jr.'."""
    text = _ALIAS.sub("", " ".join(text.split()))
    text = _STOP_BEFORE_AND.sub("", text)  # 'Sutherland, Kathryn. and Elena Pierazzo'
    if etal := _ET_AL_THEN.search(text):
        text = text[: etal.end("etal")]  # 'Thomas III, et al. University of Nebraska-Lincoln'
    if bracketed := re.fullmatch(r"\s*\[(.+)\][.,]?\s*", text):
        text = bracketed.group(1)  # '[Roth, Martin].': an author the work does not name, supplied
    bare = text.strip(_EDGE)
    if _OWN_BRACKETS.fullmatch(bare) and not _ROLE_IN_BRACKETS.search(bare):
        return bare  # 'Barrett Juvenile Correctional Center (Hanover Va.),': its brackets end the name
    text = text.strip(_EDGE).removesuffix(").").strip(_EDGE + "()[]")  # '(Trans. by J. Wells).'
    if text.endswith(".") and not re.search(r"(?:\b[^\W\d_]|Jr|Sr|al)\.$", text):
        text = text[:-1]
    return text.strip(_EDGE)
