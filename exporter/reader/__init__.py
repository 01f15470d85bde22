"""Plain-text review → TEI. `read_review` is the reader's one entry point."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from exporter.diagnostics import Diagnostic, has_errors, printable
from exporter.metadata import Metadata, read_metadata, sidecar_path
from exporter.reader import citations, document, language, notecites
from exporter.reader.blocks import BodyItem, Layout, Note, lay_out
from exporter.reader.inline import Context, fill
from exporter.reader.references import parse_reference, parse_reviewed_work
from exporter.reader.source import Block, Source, blocks, decode
from exporter.tei import XML_ID, el, sub, xpath
from exporter.works import REVIEWED_SUFFIX

# A bracketed year with no note of that number is a first edition's year: "(Galilei [1638] 1950)".
_FIRST_PRINTED = re.compile(r"1[5-9]\d\d|20\d\d")


def read_review(path: Path, data: bytes | None = None) -> tuple[etree._Element | None, list[Diagnostic]]:
    """Read one review; the tree is None when an error leaves nothing sound to build from."""
    root, diagnostics = read_tree(path, data)
    return (None if has_errors(diagnostics) else root), diagnostics


def read_tree(
    path: Path, data: bytes | None = None, shared: dict[str, str] | None = None
) -> tuple[etree._Element | None, list[Diagnostic]]:
    """Read one review as far as it goes: the tree even when there are errors (for `exporter
    check`, which builds nothing from it), None only when there is no title, reviewed work or body.
    `shared` is the metadata of every review (the project file's), under the sidecar's."""
    raw = path.read_bytes() if data is None else data
    source = decode(str(path), raw)
    layout = lay_out(source, blocks(source.text))
    meta, meta_diagnostics = read_metadata(path, shared)
    source.diagnostics.extend(meta_diagnostics)
    if layout.title is None or layout.reviewed is None or not layout.body:
        return None, sorted(source.diagnostics)
    meta.language = meta.language or told_language(path, source, layout)
    identifier = document.content_uuid(source.text.encode(), repr(meta).encode())
    root = _Assembler(source, layout, meta).tei(identifier, printable(path.name))
    return root, sorted(set(source.diagnostics))


def told_language(path: Path, source: Source, layout: Layout) -> str:
    """The language the body's own prose is in (not its block quotations, nor the reference list,
    whose titles may be in any language); English when the prose is too short to tell, and with a
    warning when it is long enough but does not tell."""
    items = [item for item in layout.body if item.kind != "quote"] or layout.body
    prose = "\n".join(item.block.text[item.offset :] for item in items)
    if language.too_short(prose):
        return language.FALLBACK
    told = language.review_language(prose)
    if told is None:
        source.warn(
            1,
            1,
            f"cannot tell the review's language from its text, so it is taken as '{language.FALLBACK}'; "
            f'name it in the sidecar {printable(sidecar_path(path).name)}: [review] language = "fr" (a tag)',
        )
    return told or language.FALLBACK


class _Assembler:
    def __init__(self, source: Source, layout: Layout, meta: Metadata) -> None:
        self.source, self.layout, self.meta = source, layout, meta
        self.notes: dict[int, Note] = {}
        self.called: list[int] = []
        self.entries: list[etree._Element] = []  # the bibliography: the list's, then the notes' works
        self.note_keys: dict[tuple[int, int], str] = {}  # (note, offset) of a full citation -> its entry
        self.volumes: list[tuple[str, str, str]] = []  # (surname, volume's title, entry) of full notes
        self.listed: dict[str, str] = {}  # the reference list's entries: key -> raw string
        self.note_citations: dict[int, list[notecites.NoteCitation]] = {}  # by note number

    def tei(self, identifier: str, source_name: str) -> etree._Element:
        assert self.layout.title is not None
        title = self.layout.title.text[self.layout.title_offset :].strip()
        root = document.tei_root(self.meta.language)
        root.append(document.header(title, self.meta, identifier, source_name))
        text = sub(root, "text")
        reviewed = self._reviewed()
        references = self._references()
        self.listed = _raw_strings(references)
        references += self._note_works(references, reviewed)
        self.entries = [*references, reviewed]
        _distinct_reviewed_key(reviewed, references)
        ctx = self._context(reviewed, references)
        sub(sub(text, "front"), "div", type="reviewed").append(_list_bibl([reviewed]))
        text.append(self._body(ctx))
        if references:
            back_div = sub(sub(text, "back"), "div", type="bibliography")
            if self.layout.references_head:
                sub(back_div, "head", self.layout.references_head)
            back_div.extend(self._list_parts(references))
        self._check_notes()
        return root

    # -- bibliography ----------------------------------------------------------------------------
    def _reviewed(self) -> etree._Element:
        block = self.layout.reviewed
        assert block is not None
        bibl, diagnostics = parse_reviewed_work(block.text, self.source.path, block.line, 1)
        self.source.diagnostics.extend(diagnostics)
        document.add_reviewed_metadata(bibl, self.meta)
        return bibl

    def _references(self) -> list[etree._Element]:
        result: list[etree._Element] = []
        seen: dict[str, int] = {}
        for entry in self.layout.references:
            if entry.heading:
                continue  # a part's heading: see _list_parts
            block = entry.block
            previous = result[-1] if result else None
            bibl, diagnostics = parse_reference(
                entry.text, self.source.path, block.line, 1 + entry.offset, previous
            )
            self.source.diagnostics.extend(diagnostics)
            if entry.number is not None:
                bibl.set("n", entry.number)
            key = bibl.get(XML_ID) or ""
            if key in seen:
                unique = _unused_key(key, seen)
                self.source.warn(
                    block.line,
                    1,
                    f"two references have the key '{key}' (the other is on line {seen[key]}); this one is "
                    f"kept as '{unique}' and citations go to the first: add a suffix such as {key}a / {key}b",
                )
                bibl.set(XML_ID, unique)
                key = unique
            seen[key] = block.line
            result.append(bibl)
        return result

    def _list_parts(self, references: list[etree._Element]) -> list[etree._Element]:
        """One listBibl, or one per part that the list's own headings make ('## Primary'), each
        with its head; the works only the notes cite, after them in a part of their own."""
        parts: list[tuple[str | None, list[etree._Element]]] = [(None, [])]
        listed = iter(references)
        for entry in self.layout.references:
            if entry.heading:
                parts.append((entry.text.strip(), []))
            else:
                parts[-1][1].append(next(listed))
        cited_in_notes = list(listed)
        if len(parts) == 1:
            parts[0][1].extend(cited_in_notes)
        else:
            parts.append((None, cited_in_notes))
        return [_list_bibl(entries, head) for head, entries in parts if entries]

    def _note_works(self, references: list[etree._Element], reviewed: etree._Element) -> list[etree._Element]:
        """The works the notes cite in full that neither the list nor the reviewed-work line holds,
        one entry each, in the order the notes first cite them; each full citation's entry is kept
        in `note_keys`."""
        added: list[etree._Element] = []
        for note in self.layout.notes:
            text = note.block.text[note.offset :]
            for cited in self._citations_in(note):
                if cited.kind != "full" or cited.reference is None:
                    continue
                key = same_work(cited.surname, cited.title, cited.year, [*references, reviewed, *added])
                if key is None:
                    bibl = self._note_entry(
                        note, cited, text, {e.get(XML_ID) or "" for e in [*references, *added]}
                    )
                    added.append(bibl)
                    key = bibl.get(XML_ID) or ""
                self.note_keys[(note.number, cited.start)] = key
                if cited.part:
                    self.volumes.append((cited.surname, cited.part, key))
        return added

    def _note_entry(
        self, note: Note, cited: notecites.NoteCitation, text: str, keys: set[str]
    ) -> etree._Element:
        """A full note citation parsed in its bibliography form; its raw text is the note's."""
        assert cited.reference is not None
        line, col = note.block.position(note.offset + cited.start)
        bibl, diagnostics = parse_reference(cited.reference, self.source.path, line, col)
        self.source.diagnostics.extend(diagnostics)
        for raw in xpath(bibl, "tei:note[@type='raw_reference']"):
            raw.text = text[cited.start : cited.work_end]
        key = bibl.get(XML_ID) or ""
        if key in keys:
            bibl.set(XML_ID, _unused_key(key, dict.fromkeys(keys, 0)))
        return bibl

    def _context(self, reviewed: etree._Element, references: list[etree._Element]) -> Context:
        keys = {b.get(XML_ID) or "" for b in [reviewed, *references]}
        surnames = {s.text or "" for b in references for s in xpath(b, ".//tei:surname")}
        organisations = frozenset(o.text or "" for b in references for o in xpath(b, ".//tei:orgName"))
        ctx = Context(
            self.source,
            keys,
            surnames | organisations,
            reviewed.get(XML_ID),
            organisations=organisations,
            labels={b.get(XML_ID) or "": entry_label(b) for b in references},
            by_surname=by_first_author([*references, reviewed]),
            heads={key: citations.reference_head(raw) for key, raw in self.listed.items()},
            homonyms=_homonyms(references),
            prose_text="\n".join(
                b.text for b in [*(i.block for i in self.layout.body), *(n.block for n in self.layout.notes)]
            ),
            reviewed_names=frozenset(
                n.text or ""
                for n in xpath(
                    reviewed, ".//tei:author//tei:surname | .//tei:editor//tei:surname | .//tei:orgName"
                )
            ),
        )
        self.notes = self._index_notes()
        ctx.make_note = lambda n, block, offset: self._note(n, block, offset, ctx)
        return ctx

    # -- body and notes ----------------------------------------------------------------------
    def _body(self, ctx: Context) -> etree._Element:
        body = el("body")
        container = body
        for item in self.layout.body:
            if item.kind == "head":
                container = sub(body, "div")
                self._inline(sub(container, "head"), item, ctx)
            else:
                self._inline(sub(container, "p" if item.kind == "p" else "quote"), item, ctx)
        return body

    def _inline(self, node: etree._Element, item: BodyItem, ctx: Context) -> None:
        # Where a problem in the TEI made of it is reported (lxml-stubs type sourceline as "...").
        node.sourceline = item.block.line  # type: ignore[assignment]
        fill(node, item.block, item.offset, len(item.block.text), ctx)

    def _index_notes(self) -> dict[int, Note]:
        notes: dict[int, Note] = {}
        for note in self.layout.notes:
            if note.number in notes:
                first = notes[note.number].block.line
                self.source.error(
                    note.block.line, 1, f"note [{note.number}] is given twice (first on line {first})"
                )
                continue
            notes[note.number] = note
        return notes

    def _note(self, number: int, block: Block, offset: int, ctx: Context) -> etree._Element | None:
        line, col = block.position(offset)
        if number not in self.notes and _FIRST_PRINTED.fullmatch(str(number)):
            return None  # "(Galilei [1638] 1950)": the year of the first edition, not a note call
        if number not in self.notes:
            self.source.error(
                line, col, f"note call [{number}] has no note: add a line '[{number}] …' after the text"
            )
            return None
        if number in self.called:
            self.source.error(line, col, f"note [{number}] is called twice")
            return None
        self.called.append(number)
        note = self.notes[number]
        element = el("note", n=str(number), place="foot", xml_id=f"note{number}")
        self._fill_note(element, note, ctx)
        return element

    def _fill_note(self, element: etree._Element, note: Note, ctx: Context) -> None:
        """A note's text, its citations of works (full, short, 'Ibid.') each a bibl of its entry."""
        text = note.block.text[note.offset :]
        pos = 0
        for cited in self._citations_in(note):
            key = self._note_target(note, cited, ctx)
            if key is None:
                continue  # no entry: the words stay text, read as any other
            fill(element, note.block, note.offset + pos, note.offset + cited.start, ctx)
            ctx.cited.add(key)
            ctx.last_cited = key
            if cited.pages:
                ctx.note_pages = (key, citations.page_spans(cited.pages, cited.pages_start))
            element.append(_note_bibl(key, cited, text))
            pos = cited.end
        fill(element, note.block, note.offset + pos, len(note.block.text), ctx)

    def _citations_in(self, note: Note) -> list[notecites.NoteCitation]:
        """A note's citations: the list's entries it repeats (their keys kept in `note_keys`), and
        the full, short and 'Ibid.' forms of notecites elsewhere in it."""
        if note.number not in self.note_citations:
            text = note.block.text[note.offset :]
            repeated = notecites.repeated(text, self.listed)
            for key, cited in repeated:
                self.note_keys[(note.number, cited.start)] = key
            spans = [c for _, c in repeated]
            others = [
                c for c in notecites.find(text) if not any(c.start < r.end and r.start < c.end for r in spans)
            ]
            self.note_citations[note.number] = sorted([*spans, *others], key=lambda c: c.start)
        return self.note_citations[note.number]

    def _note_target(self, note: Note, cited: notecites.NoteCitation, ctx: Context) -> str | None:
        if cited.kind == "full":
            return self.note_keys.get((note.number, cited.start))
        if cited.kind == "ibid":
            return ctx.last_cited
        if cited.kind == "title":
            return _titled(cited.title, self.entries)
        if cited.kind == "op-cit":
            keys = ctx.by_surname.get(cited.surname, [])
            return keys[0] if len(keys) == 1 else None
        return same_work(cited.surname, cited.title, "", self.entries) or self._volume_of(cited)

    def _volume_of(self, cited: notecites.NoteCitation) -> str | None:
        """The work whose volume a short form names by the volume's title."""
        for surname, part, key in self.volumes:
            if surname.casefold() == cited.surname.casefold() and notecites.same_title(cited.title, part):
                return key
        return None

    def _check_notes(self) -> None:
        for number, note in sorted(self.notes.items()):
            if number not in self.called:
                self.source.error(note.block.line, 1, f"note [{number}] has no call [{number}] in the text")
        for position, number in enumerate(self.called, 1):
            if number != position:
                self.source.error(
                    self.notes[number].block.line,
                    1,
                    f"notes are not numbered in order: the call of note [{number}] is note {position} in the text",
                )
                break


def _note_bibl(key: str, cited: notecites.NoteCitation, text: str) -> etree._Element:
    """<bibl> over a note's citation: a ref over the work's words, a citedRange over each page range."""
    bibl = el("bibl", corresp=f"#{key}")
    sub(bibl, "ref", text[cited.start : cited.work_end], target=f"#{key}")
    cursor = cited.work_end
    for span in citations.page_spans(cited.pages, cited.pages_start) if cited.pages else []:
        _append(bibl, text[cursor : span.start])
        sub(bibl, "citedRange", span.text, unit="page", from_=span.first, to=span.last)
        cursor = span.start + len(span.text)
    _append(bibl, text[cursor : cited.end])
    return bibl


def _append(node: etree._Element, text: str) -> None:
    node[-1].tail = (node[-1].tail or "") + text


def same_work(surname: str, title: str, year: str, entries: list[etree._Element]) -> str | None:
    """The key of the first entry by that first author whose title the given one matches (a short
    title its first words), of that year if one is given; None if there is none."""
    for entry in entries:
        written = next(iter(xpath(entry, ".//tei:title")), None)
        dated = next(iter(xpath(entry, ".//tei:imprint/tei:date[not(@type)]")), None)
        if entry_name(entry).casefold() != surname.casefold() or written is None:
            continue
        if year and dated is not None and not (dated.text or "").startswith(year[:4]):
            continue
        if notecites.same_title(title, written.text or "") or notecites.same_title(written.text or "", title):
            return entry.get(XML_ID)
    return None


def _titled(title: str, entries: list[etree._Element]) -> str | None:
    """The key of the one entry whose title is `title`, its case and punctuation aside."""
    wanted = notecites.title_words(title)
    keys = [
        e.get(XML_ID)
        for e in entries
        for written in xpath(e, "tei:monogr/tei:title[1] | tei:analytic/tei:title[1]")[:1]
        if notecites.title_words(written.text or "") == wanted
    ]
    return keys[0] if len(wanted) > 1 and len(keys) == 1 else None


_DUPLICATE_SUFFIX = re.compile(r"-\d+$")  # what _unused_key adds


def _unused_key(key: str, seen: dict[str, int]) -> str:
    return next(f"{key}-{n}" for n in range(2, len(seen) + 3) if f"{key}-{n}" not in seen)


def _homonyms(entries: list[etree._Element]) -> dict[str, list[tuple[str, list[str]]]]:
    """The keys two or more entries share (the later ones kept as KEY-2, KEY-3): the first key ->
    each entry's key and authors, for citations to choose among by the names they give."""
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in entries:
        key = entry.get(XML_ID) or ""
        authors = [
            n.text or "" for n in xpath(entry, ".//tei:author//tei:surname | .//tei:author//tei:orgName")
        ]
        groups.setdefault(_DUPLICATE_SUFFIX.sub("", key), []).append((key, authors))
    return {key: group for key, group in groups.items() if len(group) > 1}


def by_first_author(entries: list[etree._Element]) -> dict[str, list[str]]:
    """First author's surname (or organisation) -> the keys of the entries it heads."""
    found: dict[str, list[str]] = {}
    for entry in entries:
        name = next(iter(xpath(entry, ".//tei:author[1]//tei:surname | .//tei:author[1]//tei:orgName")), None)
        if name is not None and name.text:
            found.setdefault(name.text, []).append(entry.get(XML_ID) or "")
    return found


def entry_name(entry: etree._Element) -> str:
    """'Jockers': the first name an entry gives (an author's, else an editor's or organisation's)."""
    name = next(iter(xpath(entry, ".//tei:surname | .//tei:orgName")), None)
    return (name.text or "") if name is not None else ""


def entry_label(entry: etree._Element) -> str:
    """'Jockers 2013': the first name and year of an entry, as a citation would give them."""
    year = next(iter(xpath(entry, ".//tei:imprint/tei:date[not(@type)]")), None)
    return " ".join(filter(None, [entry_name(entry), year.text if year is not None else ""]))


def _distinct_reviewed_key(reviewed: etree._Element, references: list[etree._Element]) -> None:
    """A review may list the reviewed work among its references too: both entries keep their
    place, and the reviewed one takes a key of its own so ids stay unique."""
    key = reviewed.get(XML_ID)
    if any(entry.get(XML_ID) == key for entry in references):
        reviewed.set(XML_ID, f"{key}{REVIEWED_SUFFIX}")


def _raw_strings(entries: list[etree._Element]) -> dict[str, str]:
    """Key -> raw reference string, for the entries that keep one."""
    return {
        entry.get(XML_ID) or "": "".join(map(str, raw.itertext()))
        for entry in entries
        for raw in xpath(entry, "tei:note[@type='raw_reference']")
    }


def _list_bibl(entries: list[etree._Element], head: str | None = None) -> etree._Element:
    listing = el("listBibl")
    if head is not None:
        sub(listing, "head", head)
    for entry in entries:
        listing.append(entry)
    return listing
