"""A bibliography entry written back in the review's own author-date style, as XHTML.

    Greeman, Richard 1994, “The Victor Serge Affair and the French Literary Left”,
        <cite>Revolutionary History</cite>, 5, 3.

Books, journals and other containers are <cite> (italic); article, chapter and page titles are in
curly quotes, unless the source wrote that title without them. The reviewed work in the front matter
keeps the heading form: 'Victor Serge, <cite>Notebooks 1936-1947</cite>, Publisher, 2019.'
The EPUB and PDF writers place the returned element; the text alone is render_text().
"""

from __future__ import annotations

from lxml import etree

from exporter.writers.bib.entries import MONTHS, Person, Record, read_entry
from exporter.writers.html import XHTML_NS

# One piece of an entry: plain text, or (text, element name, attributes) for <cite> and <a>.
Piece = str | tuple[str, str, dict[str, str]]


def render_entry(bibl: etree._Element) -> etree._Element:
    """<span class="reference"> holding the entry, in the XHTML namespace."""
    # lxml-stubs type nsmap keys as str, but None is how lxml names the default namespace.
    span = etree.Element(f"{{{XHTML_NS}}}span", nsmap={None: XHTML_NS})  # type: ignore[dict-item]
    span.set("class", "reference")
    last: etree._Element | None = None
    for piece in pieces(read_entry(bibl)):
        if isinstance(piece, str):
            if last is None:
                span.text = (span.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        text, name, attrs = piece
        last = etree.SubElement(span, f"{{{XHTML_NS}}}{name}", attrs)
        last.text = text
    return span


def render_text(bibl: etree._Element) -> str:
    return "".join(map(str, render_entry(bibl).itertext()))


def pieces(record: Record) -> list[Piece]:
    """The entry as text and marked-up pieces, ending with a full stop."""
    if record.unparsed:
        return [record.raw or ""]
    parts = _heading_parts(record) if record.reviewed else _author_date_parts(record)
    out: list[Piece] = []
    for i, part in enumerate(parts):
        if i and part:
            out.append(", ")
        out.extend(part)
    return _full_stop(out)


def _author_date_parts(r: Record) -> list[list[Piece]]:
    """'Names Year, Title, Container, details' — the reference list's order."""
    head_names, role = (r.authors, "") if r.authors else (r.editors, _editor_mark(r.editors))
    head = " ".join(filter(None, [_names(head_names) + role, r.year_label or "n.d."]))
    parts: list[list[Piece]] = [[head], _title(r)]
    parts += _container_parts(r, editors_in_head=not r.authors)
    parts += [[p] for p in _after_container(r)]
    return [p for p in parts if p]


def _heading_parts(r: Record) -> list[list[Piece]]:
    """'Given Surname, Title, …, Publisher, Year' — how a review names the book it reviews."""
    names = _names([*r.authors] or r.editors, inverted_first=False)
    if not r.authors and r.editors:
        names += _editor_mark(r.editors)
    parts: list[list[Piece]] = [[names] if names else [], _title(r)]
    parts += _container_parts(r, editors_in_head=not r.authors)
    parts += [[p] for p in _after_container(r, with_year=True)]
    return [p for p in parts if p]


def _title(r: Record) -> list[Piece]:
    if not r.title:
        return []
    if r.is_analytic:
        return [f"“{r.title}”" if r.title_quoted_in_source else r.title]
    return [(r.title, "cite", {})]


def _container_parts(r: Record, editors_in_head: bool) -> list[list[Piece]]:
    """The journal or book an article or chapter is in; a book's editors and translators."""
    parts: list[list[Piece]] = []
    if r.in_book:
        editors = f"{_names(r.editors, inverted_first=False)}{_editor_mark(r.editors)}, " if r.editors else ""
        parts.append(["in " + editors, (r.container, "cite", {})] if r.container else [])
    elif r.container:
        parts.append([(r.container, "cite", {})])
    if not r.in_book and r.editors and not editors_in_head:
        parts.append(["edited by " + _names(r.editors, inverted_first=False)])
    if r.translators:
        parts.append(["translated by " + _names(r.translators, inverted_first=False)])
    for extra in (r.edition, r.thesis_type):
        if extra:
            parts.append([extra])
    return parts


def _after_container(r: Record, with_year: bool = False) -> list[Piece]:
    serial = [v for v in (r.volume, r.issue) if v]
    pages = [_pages(r)] if r.pages else []
    imprint = ": ".join(v for v in (r.place, r.publisher) if v)
    tail: list[Piece] = [*serial]
    if r.in_book:
        tail += [imprint] if imprint else []
        tail += pages
    else:
        tail += pages
        tail += [imprint] if imprint else []
    if r.month is not None:
        tail.append(f"{r.day} {MONTHS[r.month - 1]}" if r.day else MONTHS[r.month - 1])
    if with_year and r.year_label:
        tail.append(r.year_label)
    for url in r.urls:
        tail.append((url, "a", {"href": url}))
    if r.doi:
        link = f"https://doi.org/{r.doi}"
        tail.append((link, "a", {"href": link}))
    if r.accessed_text or r.accessed:
        tail.append(f"accessed {r.accessed_text or r.accessed}")
    return tail


def _pages(r: Record) -> str:
    assert r.pages is not None
    one = r.pages.first == r.pages.last
    return f"{'p' if one else 'pp'}{r.pages.text or r.pages.first}"


def _names(people: list[Person], inverted_first: bool = True) -> str:
    """'Sedova, Natalia and Victor Serge': the first inverted (the list sorts on it), the rest not."""
    written = [p.inverted() if inverted_first and i == 0 else p.direct() for i, p in enumerate(people)]
    if len(written) <= 1:
        return "".join(written)
    return ", ".join(written[:-1]) + " and " + written[-1]


def _editor_mark(editors: list[Person]) -> str:
    if not editors:
        return ""
    return " (eds)" if len(editors) > 1 else " (ed.)"


def _full_stop(out: list[Piece]) -> list[Piece]:
    """One final full stop, unless the entry already ends with one (an initial, 'n.d.', a URL's own)."""
    last = out[-1] if out else ""
    text = last if isinstance(last, str) else last[0]
    if isinstance(last, tuple) and last[1] == "a":
        return [*out, "."]
    if text.endswith((".", "?", "!")):
        return out
    return [*out, "."]
