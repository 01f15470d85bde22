"""The labeller's spans -> a `Reference`: names, editors and translators, dates, volume and issue,
pages, links and the kind of work, in the forms English, French and German reference lists use.

The labels are AnyStyle's (author, date, title, journal, container-title, editor, translator,
volume, pages, publisher, location, edition, genre, note, url, doi, isbn, …). Each field is
taken from its first span; the raw string is kept beside the parse, so nothing is lost.

One module a step, in the order `normalise` takes them: `people`, `dates`, `titles`, `imprint`,
`numbers`, `links`, `kinds`, `confidence`; `spans` holds the spans by label.
"""

from __future__ import annotations

from exporter.reader.references.labelling import Labelled
from exporter.reader.references.normalising.confidence import _warn_low_confidence
from exporter.reader.references.normalising.dates import _check_year, _date, _date_after_site, _place_and_year
from exporter.reader.references.normalising.imprint import _imprint, _publisher_run_on
from exporter.reader.references.normalising.kinds import _kind
from exporter.reader.references.normalising.links import _links
from exporter.reader.references.normalising.numbers import (
    _numbers,
    _pages,
    _volume_and_issue,
    _volume_word_alone,
)
from exporter.reader.references.normalising.people import (
    _mend_author_span,
    _mend_editor_spans,
    _people,
    _title_before_date,
)
from exporter.reader.references.normalising.spans import _Fields
from exporter.reader.references.normalising.titles import (
    _in_inside_title,
    _journal_before_journal,
    _journal_cut_after_article,
    _mend_title_dates,
    _name_as_title,
    _names_opening_title,
    _note_as_title,
    _numbered_series,
    _quoted_part,
    _quoted_title_from_date,
    _series_in_title,
    _site_before_page,
    _strip_title,
    _title_less_contributors,
    _title_running_on,
    _titles,
    _years_closing_title,
)
from exporter.reader.references.record import Reference, ReferenceText, Unreadable

# `normalise` is the entry point; the helpers are imported by tests/test_normalising.py.
__all__ = ["_pages", "_quoted_part", "_strip_title", "_volume_and_issue", "normalise"]


def normalise(labelled: Labelled, reader: ReferenceText) -> Reference:
    """The fields of a labelled reference string."""
    spans = _title_before_date(labelled.text, _names_opening_title(labelled.text, labelled.spans()))
    spans = _journal_before_journal(_mend_author_span(labelled.text, spans))
    spans = _place_and_year(labelled.text, _date_after_site(labelled.text, spans))
    spans = _in_inside_title(labelled.text, _volume_word_alone(labelled.text, spans))
    spans = _mend_title_dates(labelled.text, _mend_editor_spans(labelled.text, spans))
    spans = _quoted_title_from_date(labelled.text, spans)
    spans = _years_closing_title(labelled.text, _title_running_on(labelled.text, spans))
    spans = _publisher_run_on(labelled.text, _journal_cut_after_article(labelled.text, spans))
    fields = _Fields(_note_as_title(_name_as_title(_site_before_page(spans))))
    if (
        fields.first("title") is None
        and fields.first("container-title") is None
        and fields.first("journal") is None
    ):
        raise Unreadable("no title found")
    entry = Reference(reader.text.strip(), "", [])
    _people(entry, fields, reader)
    _date(entry, fields)
    _titles(entry, fields)
    _check_year(entry, reader, fields)
    _imprint(entry, fields)
    _series_in_title(entry)
    _title_less_contributors(entry)
    _numbers(entry, fields)
    _links(entry, fields, reader)
    entry.kind = _kind(entry, fields)
    _numbered_series(entry)
    if entry.kind == "newspaperArticle" and entry.place is None:
        # newspapers are cited with their city, never a publisher: 'Le Point, novembre. Paris.'
        entry.place, entry.publisher = entry.publisher, None
    _warn_low_confidence(labelled, reader, fields.spans)
    return entry
