"""URLs, DOI, ISBN and the access date; the site named before a link."""

from __future__ import annotations

import re

from exporter.reader import lexicon
from exporter.reader.references.normalising.dates import _ACCESSED, _DAY_MONTH, _MONTH_DAY, _YEAR, _is_access
from exporter.reader.references.normalising.spans import DOI, _Fields, _plain
from exporter.reader.references.normalising.titles import _MAX_SITE_WORDS
from exporter.reader.references.record import Reference, ReferenceText, is_uri, valid_date

_LINK_WORDS = re.compile(
    r"\b(?:URL|online|available\s+(?:at|from)|retrieved\s+from|verfügbar\s+unter|abrufbar\s+unter|en\s+ligne)\s*:?\s*$",
    re.IGNORECASE,
)


def _links(entry: Reference, fields: _Fields, reader: ReferenceText) -> None:
    for span in fields.all("url"):
        entry.online = True
        if entry.container is None and fields.first("publisher") is None:
            entry.container = _site_before_link(span.text)
        for url in _urls_in(span.text):
            if is_uri(url):
                entry.urls.append(url)
            else:
                reader.warn(span.start, f"'{url}' is not a well-formed URL; kept only in the raw reference")
    if doi := fields.first("doi"):
        found = DOI.search(doi.text)
        entry.doi = found.group().rstrip(".,;)") if found else None
    if isbn := fields.first("isbn"):
        entry.isbn = re.sub(r"^\s*ISBN(?:-1[03])?:?\s*", "", _plain(isbn.text), flags=re.IGNORECASE)
    for span in fields.all("date"):
        if _is_access(fields, span):
            written = _plain(re.sub(_ACCESSED, "", span.text)).strip(" :")
            entry.accessed = (written, _iso(written))


def _site_before_link(text: str) -> str | None:
    """'eJRIEPS. https://doi.org/…', 'prisma.com. URL: http://…': the name the labeller left in
    the link's span, before the link and its 'URL:' or 'Available at:', is the journal or site."""
    lead = _LINK_WORDS.sub(
        "", re.split(r"\s(?=<?(?:https?://|www\.))|^(?=<?(?:https?://|www\.))", text, maxsplit=1)[0]
    )
    lead = _plain(lead)
    if not any(c.isalpha() for c in lead) or len(lead.split()) > _MAX_SITE_WORDS:
        return None
    return lead


def _urls_in(text: str) -> list[str]:
    """The URLs of a span: 'https://doi. org/10.3406/x' (broken at a line's end) is one; 'http://a.org.
    Tool available from http://b.org' are two, and the words between them none."""
    urls: list[str] = []
    follows_url = False
    for token in text.split():
        bare = token.lstrip("<([")
        if bare.lower().startswith(("http://", "https://", "www.")):
            urls.append(bare)
            follows_url = True
        elif follows_url and urls[-1].endswith((".", "/", "-", "_")) and "/" in bare:
            urls[-1] += bare
        else:
            follows_url = False
    return [_trimmed_url(u) for u in urls]


def _trimmed_url(url: str) -> str:
    """Sentence punctuation and brackets after a URL are not part of it; a ')' is if one was opened."""
    url = url.rstrip(">],.;:")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(">],.;:")
    return url


def _iso(written: str) -> str | None:
    year = _YEAR.search(written)
    match = _DAY_MONTH.search(written) or _MONTH_DAY.search(written)
    if year is None or match is None:
        return None
    iso = f"{year['year']}-{lexicon.MONTHS[match['month'].lower()]:02d}-{int(match['day']):02d}"
    return iso if valid_date(iso) else None
