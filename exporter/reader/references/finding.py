"""Where a review's reference list and notes are: the blocks after the body.

A reference list is found by its heading (`References`, `Works Cited`, `Literatur`, …, see
`lexicon.REFERENCE_HEADINGS`), or by its shape: a run of blocks at the end of the body that each
begin with a name or an organisation (`Surname, Given`, `della Porta, Donatella`, `United Nations
2015`, `Serge Victor 2010,`, `———.`) and hold a year, `n.d.`/`o. J.` or a URL. Numbered lists
(`[1] …`, `1. …`) are read as references under a reference heading; `[n] …` without one are notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exporter.reader import lexicon
from exporter.reader.names import looks_like_organisation
from exporter.reader.source import Block, Source

# A note of any number: a review may have more than 9,999 of them.
NOTE = re.compile(r"^\[(\d+)\]\s*")
_NUMBER = re.compile(r"^(?:\[(?P<bracketed>\d{1,4})\]|(?P<dotted>\d{1,4})[.)])\s+")
_UPPER = "A-ZÀ-ÖØ-Þ"
_PARTICLE = rf"(?:(?:{lexicon.words_pattern(lexicon.PARTICLES)})\s+)"
_GLUED = rf"(?:{lexicon.words_pattern(lexicon.GLUED_PARTICLES)})?"
_WORD = rf"{_GLUED}[{_UPPER}][\w’'.-]*"
_CONNECTOR = rf"(?:(?:{lexicon.words_pattern(lexicon.CONNECTORS)})\s+(?:the\s+)?(?=[{_UPPER}]))"
_AND = lexicon.words_pattern(lexicon.NAME_AND)
# "Surname, Given…" / "della Porta, D." / "van der Linden, Marcel" / "Ghernaouti-Hélié, Solange"
_INVERTED = re.compile(rf"^{_PARTICLE}*{_WORD}(?:[\s-]+{_WORD}){{0,3}},\s+(?:[{_UPPER}]|{_PARTICLE})")
# "Serge Victor 2010," / "Sedova, Natalia and Victor Serge 2016," / "Cotterill, David (ed.) 1994,"
# / "Bank of England 2020," / "UNESCO (2016)" / "Ralle, Inga, Hrsg. 2017.": names, then the year.
_NAME_WORD = rf"(?:{_PARTICLE}?{_WORD}|{_AND}|et\s+al\.?)"
# A body's name may quote its subject: 'Arbeitskreis „Editionsprobleme der Frühen Neuzeit“, Hrsg. 2013.'
_QUOTED_NAME = rf"[„“\"«][{_UPPER}][^„“”\"«»]{{1,80}}[“”\"»]"
_NAMES_THEN_YEAR = re.compile(
    rf"^{_NAME_WORD}(?:,?\s+{_CONNECTOR}?(?:{_NAME_WORD}|{_QUOTED_NAME})){{0,14}},?\s*"
    r"(?:\((?:eds?|Eds?|Hg|Hrsg|dir|éds?)\.?\)\s*|(?<=,\s)(?:eds?|Eds?|Hg|Hrsg|dir|éds?)\.\s+)?"
    r"\(?(?:1[5-9]\d\d|20\d\d)[a-z]?\)?(?:,|\.|:)?\s"
)
# "———. Another Title." — the same author(s) as the entry before, as Chicago and MLA write it.
_SAME_AUTHOR = re.compile(r"^(?:[—–-]\s*){2,}[.,]?\s")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
_NO_DATE = re.compile("|".join(re.escape(w) for w in lexicon.NO_DATE), re.IGNORECASE)
_URL = re.compile(r"https?://|\bdoi:|\bwww\.", re.IGNORECASE)
_LINK = re.compile(r"https?://\S+")
# '“Cork’s Great Music Family.” The Irish Examiner (13 March 2010). URL': a work with no author
# opens with its quoted title, a full stop inside the marks and a capitalised name after them
# (prose that quotes goes on in lower case: '“…,” wrote Hartley'); with a link or a bracketed
# date, a list may begin with it.
_QUOTED_TITLE = re.compile(
    rf"^[“\"‘«„]\s?[{_UPPER}0-9](?:[^”\"’»“\n]|’(?=\w)){{0,200}}[.?!][”\"’»“]\s+[{_UPPER}]"
)
# 'British Library et al. Codex Sinaiticus. URL', 'Georg-August-Universität Göttingen. Title.
# URL': an organisation as author, its name ended by a full stop (MLA and Chicago give no year
# after it when the page has none)
_ORGANISATION_HEAD = re.compile(
    rf"^(?P<name>[{_UPPER}][^.,:;()“”\"]{{1,80}}?(?:\s+et\s+al)?)\.\s+[{_UPPER}“\"]"
)
# A heading marked as Markdown writes it: '## Primary' (the body's headings, and a list's parts)
MARKDOWN_HEAD = re.compile(r"^(#{1,3})\s+(\S.*)$")
_BRACKETED_YEAR = re.compile(r"\((?:[^()]*\s)?(?:1[5-9]\d\d|20\d\d)\)")
_MAX_CUT = 2  # blocks between the body's reference-like run and the list, when warning
_MAX_REFERENCE_CHARS = 1200  # longer, and the block is prose that happens to start with a name
_MAX_SHORT_CHARS = 400  # a block that holds a date or link but no name at its start is no longer


@dataclass
class Note:
    number: int
    block: Block
    offset: int  # where the note's own text starts in block.text


@dataclass
class Entry:
    """One block of the reference list; `offset` skips a list number ('[3] ', '3. ')."""

    block: Block
    offset: int = 0
    number: str | None = None
    heading: bool = False  # '## Primary': the heading of a part of the list, not an entry

    @property
    def text(self) -> str:
        return self.block.text[self.offset :]


@dataclass
class BackMatter:
    body_end: int  # index of the first block after the body
    references: list[Entry] = field(default_factory=list)
    references_head: str | None = None
    notes: list[Note] = field(default_factory=list)


def find_back_matter(source: Source, blocks: list[Block]) -> BackMatter:
    """Walk back from the end over notes and references; say where the body ends."""
    back = BackMatter(len(blocks))
    end = _take_notes(back, blocks, len(blocks))
    head = _last_reference_heading(blocks, end)
    if head is not None and _mostly_references(blocks[head + 1 : end]):
        end = _take_headed_list(back, blocks, head, end)
    else:
        end = _take_shaped_list(back, blocks, end)
    end = _take_notes(back, blocks, end)  # notes set before the references
    back.body_end = end
    _warn_unread_list(source, blocks[:end])
    return back


def looks_like_reference(text: str) -> bool:
    """A block that begins with a name (or an organisation, or '———.') and holds a date or a URL."""
    text = _without_number(text)
    if len(text) > _MAX_REFERENCE_CHARS:
        return False
    starts = _INVERTED.match(text) or _NAMES_THEN_YEAR.match(text + " ") or _SAME_AUTHOR.match(text)
    return bool(starts) and _holds_date_or_link(text)


def _holds_date_or_link(text: str) -> bool:
    return bool(_YEAR.search(text) or _NO_DATE.search(text) or _URL.search(text))


def _without_number(text: str) -> str:
    number = _NUMBER.match(text)
    return text[number.end() :] if number else text


def _take_notes(back: BackMatter, blocks: list[Block], end: int) -> int:
    """Notes `[n] text`, and their heading, at the end of `blocks[:end]`."""
    start = end
    while start > 0 and (
        NOTE.match(blocks[start - 1].text) or _is_heading_block(blocks[start - 1], lexicon.NOTES_HEADINGS)
    ):
        start -= 1
    run = blocks[start:end]
    numbered_list = start > 0 and _is_heading_block(blocks[start - 1], lexicon.REFERENCE_HEADINGS)
    if numbered_list and not any(_is_heading_block(b, lexicon.NOTES_HEADINGS) for b in run):
        return end  # "References" right above "[1] …" blocks: a numbered reference list, not notes
    back.notes[:0] = [Note(int(m.group(1)), b, m.end()) for b in run if (m := NOTE.match(b.text))]
    return start


def _last_reference_heading(blocks: list[Block], end: int) -> int | None:
    return next(
        (i for i in range(end - 1, -1, -1) if _is_heading_block(blocks[i], lexicon.REFERENCE_HEADINGS)),
        None,
    )


def _mostly_references(blocks: list[Block]) -> bool:
    """A 'Sources' heading over paragraphs of prose is a section of the body, not a list."""
    shaped = sum(1 for b in blocks if _may_be_reference(b.text))
    return bool(blocks) and 2 * shaped >= len(blocks)


def _take_headed_list(back: BackMatter, blocks: list[Block], head: int, end: int) -> int:
    """Everything between a reference heading and the notes is the list, whatever its style."""
    back.references_head = blocks[head].text.strip().lstrip("#").strip().rstrip(":").strip()
    back.references = [_part_heading(b) or _entry(b) for b in blocks[head + 1 : end]]
    return head


def _part_heading(block: Block) -> Entry | None:
    """'## Primary' inside a list: the heading of its part, its words after the marks."""
    marked = MARKDOWN_HEAD.match(block.text) if len(block.lines) == 1 else None
    return Entry(block, marked.start(2), heading=True) if marked else None


def _take_shaped_list(back: BackMatter, blocks: list[Block], end: int) -> int:
    """The run of blocks at the end that look like references, from its first that begins with a
    name: a short dated block among them (a work with no author, '“Title.” 2019.') belongs too."""
    start = end
    while start > 0 and _may_be_reference(blocks[start - 1].text):
        start -= 1
    while start < end and not _may_open_list(blocks[start].text):
        start += 1
    back.references = [_entry(b) for b in blocks[start:end]]
    return start


def _may_open_list(text: str) -> bool:
    """A block that begins with a name, or a short one with a quoted title or an organisation's
    name and a date or link."""
    quoted = len(text) < _MAX_SHORT_CHARS and _QUOTED_TITLE.match(text) is not None
    quoted = quoted and bool(_URL.search(text) or _BRACKETED_YEAR.search(text))
    return quoted or looks_like_reference(text) or _organisation_entry(text)


def _organisation_entry(text: str) -> bool:
    head = _ORGANISATION_HEAD.match(text)
    return (
        head is not None
        and _is_short(text)
        and looks_like_organisation(head["name"])
        and _holds_date_or_link(text)
    )


def _may_be_reference(text: str) -> bool:
    return looks_like_reference(text) or _short_with_date(text)


def _entry(block: Block) -> Entry:
    number = _NUMBER.match(block.text)
    if number is None:
        return Entry(block)
    return Entry(block, number.end(), number["bracketed"] or number["dotted"])


def _is_heading_block(block: Block, headings: frozenset[str]) -> bool:
    return len(block.lines) == 1 and lexicon.is_heading(block.text, headings)


def _warn_unread_list(source: Source, body: list[Block]) -> None:
    """Blocks near the end of the body that look like references, cut off from the list (or from
    the end) by a block or two that do not: say so, so that a reference list never silently
    becomes body paragraphs."""
    end = len(body)
    for _ in range(_MAX_CUT + 1):
        start = end
        while start > 0 and _may_be_reference(body[start - 1].text):
            start -= 1
        shaped = [b for b in body[start:end] if looks_like_reference(b.text)]
        if len(shaped) >= 2:
            source.warn(
                shaped[0].line,
                1,
                f"{len(shaped)} paragraphs from here look like references but were read as body text; "
                "if they are the reference list, put a heading such as 'References' above it",
            )
            return
        end = start - 1
        if end < 0:
            return


def _short_with_date(text: str) -> bool:
    return _is_short(text) and _holds_date_or_link(text)


def _is_short(text: str) -> bool:
    """Short, its links aside: a catalogue's link may run to 500 characters."""
    return len(_LINK.sub("", text)) < _MAX_SHORT_CHARS
