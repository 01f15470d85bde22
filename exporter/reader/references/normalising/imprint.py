"""Publisher and place, edition, and the kind of thesis with the institution that awarded it."""

from __future__ import annotations

import itertools
import re

from exporter.reader import lexicon
from exporter.reader.names import ET_AL
from exporter.reader.references import dictionary
from exporter.reader.references.features import _canonical
from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.dates import _ACCESSED, _MONTH
from exporter.reader.references.normalising.people import _span
from exporter.reader.references.normalising.spans import SENTENCE_BREAK, _Fields, _is_place, _plain, follows
from exporter.reader.references.normalising.titles import (
    _MAX_SITE_WORDS,
    _has_publisher_word,
    _last_sentence,
    _strip_title,
)
from exporter.reader.references.record import Reference

_THESIS = re.compile(r"thesis|dissertation|ph\.?\s?d|thèse|doktorarbeit|habilitation|diss\.", re.IGNORECASE)
_THESIS_AT_START = re.compile(
    r"(?:(?:unpublished\s+)?(?:ph\.?\s?d\.?|doctoral|m\.?a\.?|master['’]?s)\s+(?:thesis|dissertation)|diss\.|dissertation|thèse(?:\s+de\s+doctorat)?|habilitationsschrift)[,.]?\s*",
    re.IGNORECASE,
)
_THESIS_INSIDE = re.compile(rf"(?:^|[,.]\s+)(?P<marker>{_THESIS_AT_START.pattern})", re.IGNORECASE)
# 'Paul Klees Lehre vom Schöpferischen, Diss. Bern: Universität Bern 2012.': the marker ends the title.
_THESIS_ENDS_TITLE = re.compile(rf"[,.]\s+(?P<marker>{_THESIS_AT_START.pattern})$", re.IGNORECASE)
_REPOSITORY = re.compile(
    r"\b(?:library|archives?|archiv|bibliothek|bibliothèque|record\s+office|staatsarchiv|landesarchiv)\b",
    re.IGNORECASE,
)
_PLACE_PUBLISHER_YEAR = re.compile(
    r"(?P<place>[A-ZÀ-Ý][^:,.\d]{1,38}):\s*(?P<publisher>[^,:]+?),\s*\d{4}[a-z]?"
)
_PUBLISHER_YEAR = re.compile(r"(?P<publisher>[A-ZÀ-Ý][^,.:;\d()\[\]]{2,60}),\s*(?:1[5-9]|20)\d\d[a-z]?\.")
# What opens a note before a year and is no publisher: an access date, a month, a day
_NOT_A_PUBLISHER = re.compile(rf"(?:{_ACCESSED.pattern}|{_MONTH})\b", re.IGNORECASE)
_PLACES_GO_ON = re.compile(rf"\s*{ET_AL}\s*$")
# The lower-case words with which a body's name goes on: 'at the University of …', 'de Montréal'
_GOES_ON = re.compile(
    rf"(?:{lexicon.words_pattern(lexicon.CONNECTORS | {'at', 'de', 'des', 'du', 'der', 'di', 'della'})})\s"
)
_ONE_WORD_TAIL = re.compile(r"(?<=[^\W\d_]{2}\.)\s+(?P<word>[A-Z][a-z]+)\s*$")
# 'discovery.ucl.ac.uk/1507820': a web address written without its scheme
_BARE_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)


def _publisher_run_on(text: str, spans: list[Span]) -> list[Span]:
    """The publisher span and the note after it, cut where the labeller did not: 'The Digital
    Press' + 'at the University of North Dakota.' is one name (a note that goes on in lower case
    goes on with it), 'Sidestone Press. Open' + 'Access download from' two (the word after the
    full stop begins the note)."""
    for i, (publisher, note) in enumerate(itertools.pairwise(spans)):
        if publisher.label != "publisher" or note.label != "note" or not follows(publisher, note):
            continue
        if _GOES_ON.match(note.text) and publisher.text.rstrip()[-1:].isalnum():
            brk = SENTENCE_BREAK.search(note.text)
            cut = note.start + brk.start() if brk else note.end
            mended = [_span(text, "publisher", publisher.start, cut)]
            if brk:
                mended.append(_span(text, "note", note.start + brk.end(), note.end))
            return [*spans[:i], *mended, *spans[i + 2 :]]
        tail = _ONE_WORD_TAIL.search(publisher.text)
        if tail is not None:
            cut = publisher.start + tail.start("word")
            mended = [
                _span(text, "publisher", publisher.start, publisher.start + tail.start()),
                _span(text, "note", cut, note.end),
            ]
            return [*spans[:i], *mended, *spans[i + 2 :]]
    return spans


def _imprint(entry: Reference, fields: _Fields) -> None:
    location = fields.first("location")
    if location is None and fields.first("publisher") is None:
        _imprint_in_note(entry, fields)
    if publisher := fields.first("publisher"):
        text = _plain(publisher.text)
        place, colon, rest = text.partition(":")
        if colon and rest.strip() and _is_place(rest) and not _is_place(place):
            # 'Routledge: New York, 2014.', 'De Gruyter: Berlin,' + 'Boston.': publisher first
            entry.place = ", ".join([rest.strip(), *([_plain(location.text)] if location else [])])
            entry.publisher, location = place.strip(), None
        else:
            if colon and rest.strip() and location is None and len(place) < 40:
                entry.place, text = place.strip(), rest.strip()
            entry.publisher = _publisher_less_others(entry, fields, publisher, text) or None
    if location is not None and _runs_into(publisher, location):
        location = _rest_of_publisher(entry, location)
    if location is not None:
        # 'Beihefte zu Editio 40:175–86. Berlin/Boston:': the place is the last sentence, less
        # the dash that older German lists set before it ('Geburtstag. – Berlin/Boston:')
        entry.place = re.split(r"\.\s+", _plain(location.text))[-1].lstrip("–— ") or entry.place
        place, colon, rest = (entry.place or "").partition(":")
        if publisher is None and colon and rest.strip():
            entry.place, entry.publisher = place.strip(), rest.strip()  # 'Ontario: Broadview'

        if publisher is not None and publisher.text.lstrip().startswith("/"):
            # 'Basel / Graz': two places, the second labelled as the publisher
            entry.place, entry.publisher = f"{entry.place} / {entry.publisher}", None
    if entry.publisher is None and (after := _note_after_place(fields, location)) is not None:
        entry.publisher = _plain(after.text) or None
    if publisher is not None and entry.publisher and _holds_not_publishes(fields, publisher, entry.publisher):
        entry.publisher = None
    if entry.publisher and entry.place is None and _only_a_town(entry.publisher):
        entry.place, entry.publisher = entry.publisher, None  # 'Dissertation. Köln.'
    if entry.place:
        entry.place = _PLACES_GO_ON.sub("", entry.place).strip() or None  # 'Berlin [u.a.]'
    if edition := fields.first("edition"):
        entry.edition = _plain(edition.text)
    if genre := fields.first("genre"):
        entry.thesis = _plain(genre.text) if _THESIS.search(genre.text) else None
    if not entry.thesis:
        _thesis_of(entry, fields)


def _holds_not_publishes(fields: _Fields, publisher: Span, name: str) -> bool:
    """Chicago's archival sources, 'Annual Reports. Richmond, 1918–1919. The Library of Virginia.':
    a library or archive named last, after the date and with no place of its own before it, is
    where the papers are kept, not who published them ('Wolfenbüttel: Herzog August Bibliothek')."""
    at = fields.spans.index(publisher)
    later = {s.label for s in fields.spans[at + 1 :]}
    if at == 0 or fields.spans[at - 1].label != "date" or later - {"url", "note"}:
        return False
    return _REPOSITORY.search(name) is not None and not _has_publisher_word(name)


def _note_after_place(fields: _Fields, location: Span | None) -> Span | None:
    """'Firenze: Istituto e museo di storia della scienza.' with the publisher labelled as a note:
    what follows a place's colon is its publisher."""
    if location is None or not location.text.rstrip().endswith(":"):
        return None
    at = fields.spans.index(location) + 1
    after = fields.spans[at] if at < len(fields.spans) else None
    return after if after is not None and after.label == "note" and follows(location, after) else None


def _imprint_in_note(entry: Reference, fields: _Fields) -> None:
    """'Coded Bias. United States: 7th Empire Media, 2020.' with the imprint labelled as a note:
    'Place: Publisher, Year' is one whatever its label; so is MLA's 'Publisher, Year.' that opens
    a note of a work with no container ('University College Cork, 2013. Last accessed …')."""
    for note in fields.all("note"):
        if imprint := _PLACE_PUBLISHER_YEAR.fullmatch(_plain(note.text)):
            entry.place, entry.publisher = imprint["place"].strip(), imprint["publisher"].strip()
            return
    first = fields.first("note")
    if first is None or fields.first("journal") or fields.first("container-title"):
        return
    imprint = _PUBLISHER_YEAR.match(first.text.strip())
    if imprint is not None and not _NOT_A_PUBLISHER.match(imprint["publisher"]):
        entry.publisher = imprint["publisher"].strip()


def _runs_into(publisher: Span | None, location: Span) -> bool:
    """'University College' + 'London. discovery.ucl.ac.uk/…': a place follows its publisher after
    a comma or a full stop; right after the publisher's last word, it is the end of its name."""
    return publisher is not None and follows(publisher, location) and publisher.text[-1:].isalpha()


def _rest_of_publisher(entry: Reference, location: Span) -> Span | None:
    """The location's first sentence joined to the publisher; what follows, unless a web address,
    is still the location."""
    first, rest = _first_sentence(_plain(location.text))
    entry.publisher = f"{entry.publisher} {first}" if entry.publisher else first
    if rest is None or _BARE_ADDRESS.fullmatch(rest):
        return None
    return location._replace(text=rest)


def _first_sentence(text: str) -> tuple[str, str | None]:
    head, _, tail = text.partition(". ")
    return head.strip(" .,"), tail.strip() or None


def _only_a_town(publisher: str) -> bool:
    """'Köln': one word that the dictionary knows as a place and not as a publisher."""
    word = publisher.strip(" .,")
    if " " in word or not word[:1].isupper():
        return False
    tags = dictionary.tags(_canonical(word))
    return "l" in tags and "p" not in tags


def _publisher_less_others(entry: Reference, fields: _Fields, publisher: Span, text: str) -> str:
    """The publisher of a span that holds a second sentence: 'University College London.
    discovery.ucl.ac.uk/1507820' (an address), 'Stanford University Press. Stanford' (the place
    after it), 'Markdown. CRC Press' (the end of the title before it)."""
    head, tail = _last_sentence(text)
    if tail is None:
        return text
    if _BARE_ADDRESS.fullmatch(tail):
        return head
    place_after = (
        fields.first("location") is None and entry.place is None and len(tail.split()) <= _MAX_SITE_WORDS
    )
    if place_after and _has_publisher_word(head) and not _has_publisher_word(tail):
        entry.place = tail
        return head
    if (
        _has_publisher_word(tail)
        and not _has_publisher_word(head)
        and _extends_title(entry, fields, publisher, head)
    ):
        return tail
    return text


def _extends_title(entry: Reference, fields: _Fields, span: Span, words: str) -> bool:
    """Add `words`, which open `span`, to the title when the span comes right after the title
    (and no place stands between them): 'Bookdown … with R' + 'Markdown. CRC Press.'"""
    title = fields.first("title")
    at = fields.spans.index(span)
    if title is None or at == 0 or fields.spans[at - 1] != title or fields.first("location") is not None:
        return False
    if entry.title != _strip_title(title.text):
        return False
    entry.title = _strip_title(f"{title.text} {words}")
    return True


def _thesis_of(entry: Reference, fields: _Fields) -> None:
    """'Diss. Uni Basel', 'PhD thesis, University of Warwick', 'Thèse de doctorat, Université de
    Montpellier 1': the kind of thesis and the awarding institution, in the publisher or a note;
    what comes before the marker in the publisher ends the title."""
    if entry.title and (ending := _THESIS_ENDS_TITLE.search(entry.title + ".")):
        entry.thesis = ending["marker"].strip(" ,.")
        entry.title = entry.title[: ending.start()]
        return
    if entry.publisher and (marker := _THESIS_INSIDE.search(entry.publisher)):
        before = entry.publisher[: marker.start()].strip(" ,.")
        # the publisher may come from another span ('J. London: PhD thesis,' labelled a journal)
        publisher = fields.first("publisher")
        if not before or (publisher is not None and _extends_title(entry, fields, publisher, before)):
            entry.thesis = marker["marker"].strip(" ,.") or None
            entry.publisher = entry.publisher[marker.end() :].strip() or None
        return
    for note in fields.all("note"):
        if marker := _THESIS_AT_START.match(_plain(note.text)):
            entry.thesis = marker.group().strip(" ,.") or None
            entry.publisher = entry.publisher or _plain(note.text)[marker.end() :].strip() or None
            return
