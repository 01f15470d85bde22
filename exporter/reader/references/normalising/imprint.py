"""Publisher and place, edition, and the kind of thesis with the institution that awarded it."""

from __future__ import annotations

import re

from exporter.reader.references import dictionary
from exporter.reader.references.labelling import Span
from exporter.reader.references.normalising.spans import _Fields, _plain, follows
from exporter.reader.references.normalising.titles import (
    _MAX_SITE_WORDS,
    _folded,
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
_PLACE_PUBLISHER_YEAR = re.compile(
    r"(?P<place>[A-ZÀ-Ý][^:,.\d]{1,38}):\s*(?P<publisher>[^,:]+?),\s*\d{4}[a-z]?"
)
# 'discovery.ucl.ac.uk/1507820': a web address written without its scheme
_BARE_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE)


def _imprint(entry: Reference, fields: _Fields) -> None:
    location = fields.first("location")
    if location is None and fields.first("publisher") is None:
        _imprint_in_note(entry, fields)
    if publisher := fields.first("publisher"):
        text = _plain(publisher.text)
        place, colon, rest = text.partition(":")
        if colon and rest.strip() and location is None and len(place) < 40:
            entry.place, text = place.strip(), rest.strip()
        entry.publisher = _publisher_less_others(entry, fields, publisher, text) or None
    if location is not None and _runs_into(publisher, location):
        location = _rest_of_publisher(entry, location)
    if location is not None:
        # 'Beihefte zu Editio 40:175–86. Berlin/Boston:': the place is the last sentence
        entry.place = re.split(r"\.\s+", _plain(location.text))[-1] or entry.place
        if publisher is not None and publisher.text.lstrip().startswith("/"):
            # 'Basel / Graz': two places, the second labelled as the publisher
            entry.place, entry.publisher = f"{entry.place} / {entry.publisher}", None
    if entry.publisher and entry.place is None and _only_a_town(entry.publisher):
        entry.place, entry.publisher = entry.publisher, None  # 'Dissertation. Köln.'
    if edition := fields.first("edition"):
        entry.edition = _plain(edition.text)
    if genre := fields.first("genre"):
        entry.thesis = _plain(genre.text) if _THESIS.search(genre.text) else None
    if not entry.thesis:
        _thesis_of(entry, fields)


def _imprint_in_note(entry: Reference, fields: _Fields) -> None:
    """'Coded Bias. United States: 7th Empire Media, 2020.' with the imprint labelled as a note:
    'Place: Publisher, Year' is one whatever its label."""
    for note in fields.all("note"):
        if imprint := _PLACE_PUBLISHER_YEAR.fullmatch(_plain(note.text)):
            entry.place, entry.publisher = imprint["place"].strip(), imprint["publisher"].strip()
            return


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
    tags = dictionary.tags(_folded(word))
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
