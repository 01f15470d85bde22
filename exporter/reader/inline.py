"""Running text to TEI inline elements: quotations, note calls, page and author-date citations."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from exporter.reader import citations
from exporter.reader.source import Block, Source
from exporter.tei import el, tag
from exporter.works import REVIEWED_SUFFIX

OTHER_TOKENS = (
    r"(?P<call>\[(?P<n>\d+)\])"
    r"|(?P<bracket>\[(?P<bracket_body>[^\[\]]+)\])"
    r"|(?P<paren>\((?P<paren_body>[^()]+)\))"
    r"|(?P<quote>[“”‘’\"'„‚‛«»‹›])"
)
# The code of the warning for a citation that matches no entry, whose subject is the citation
# ("Jockers 2012"): `exporter check` explains it from the entries.
UNLINKED_CITATION = "unlinked-citation"
# A straight ' is far more often an apostrophe (l'homme, Jones' book, '90s) than a quotation mark:
# it opens one only after no letter and before one, and one left open is an apostrophe, unwarned.
STRAIGHT_SINGLE = "straight-single"
QUOTE_MARK = re.compile(r"[“”‘’\"'„‚‛«»‹›]")
# The kinds of quotation, by the mark that opens them: English “…” ‘…’, German „…“ ‚…‘ »…« ›…‹,
# French and Swiss «…» ‹…›, straight "…" and '…'. A mark that opens one kind closes another.
OPENS = {"“": "double", "‘": "single", '"': "straight", "„": "low-double", "‚": "low-single"}
OPENS |= {"'": STRAIGHT_SINGLE}
OPENS |= {
    "«": "guillemets",
    "»": "reversed-guillemets",
    "‹": "single-guillemets",
    "›": "reversed-single-guillemets",
}
# The kinds each mark may close, tried in order: “ closes German „, ” closes “ (and Polish „, as
# ’ closes ‚: typesetters' smart quotes print German marks so too).
# A straight " closes a German „ as well, as lists typed without the German closing mark have it.
CLOSES: dict[str, tuple[str, ...]] = {"”": ("double", "low-double"), "’": ("single", "low-single")}
CLOSES |= {'"': ("straight", "low-double")}
CLOSES |= {"“": ("low-double",)}
CLOSES |= {"'": (STRAIGHT_SINGLE,)}
# A German ‚…‘ is sometimes closed with ‛ (U+201B), which looks alike in many faces.
CLOSES |= {"‘": ("low-single",), "‛": ("low-single",), "»": ("guillemets",), "«": ("reversed-guillemets",)}
CLOSES |= {"›": ("single-guillemets",), "‹": ("reversed-single-guillemets",)}


@dataclass
class Context:
    """What inline reading needs to know about the whole review."""

    source: Source
    keys: set[str]
    surnames: set[str]
    default_target: str | None
    make_note: Callable[[int, Block, int], etree._Element | None] = lambda n, b, o: None
    cited: set[str] = field(default_factory=set)
    organisations: frozenset[str] = frozenset()  # authors' names the citations may hold whole
    labels: dict[str, str] = field(default_factory=dict)  # key -> "Surname Year", for diagnostics
    by_surname: dict[str, list[str]] = field(default_factory=dict)  # first author -> keys, for MLA
    last_cited: str | None = None  # the entry "ibid." means: the one cited last, in reading order
    # the work the latest note cited with pages, and those pages: see _Builder._page_target
    note_pages: tuple[str, list[citations.PageSpan]] | None = None
    reviewed_names: frozenset[str] = frozenset()  # the reviewed work's authors' and editors' surnames
    heads: dict[str, str] = field(default_factory=dict)  # key -> its raw reference's names part
    prose_text: str = ""  # the body's and the notes' words, where prose citations may stand
    # a key several entries share -> each one's key and authors (surnames or organisations)
    homonyms: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)

    @cached_property
    def grammar(self) -> citations.Grammar:
        whole = self.organisations | {s for s in self.surnames if " " in s}
        return citations.Grammar(citations.names_with(frozenset(whole)))

    @cached_property
    def prose(self) -> re.Pattern[str] | None:
        return citations.prose_pattern(citations.named_in(self.surnames, self.prose_text))

    @cached_property
    def token(self) -> re.Pattern[str]:
        # A name before a bracketed year is a citation before the brackets are anything else:
        # "Unsworth [2000]" is not a call of note 2000.
        narrative, bare = self.grammar.narrative.pattern, self.grammar.bare.pattern
        return re.compile(rf"(?P<narrative>{narrative})|{OTHER_TOKENS}|(?P<bare>{bare})")


def fill(parent: etree._Element, block: Block, start: int, end: int, ctx: Context) -> None:
    """Read block.text[start:end] into `parent` as mixed content."""
    _Builder(parent, block, ctx).run(start, end)


class _Builder:
    def __init__(self, parent: etree._Element, block: Block, ctx: Context) -> None:
        self.stack = [parent]
        self.block = block
        self.text = block.text
        self.ctx = ctx
        # The works cited so far in this block, with the offset and first surname of each citation.
        self.cited_here: list[tuple[int, str, str]] = []
        self.years: list[re.Match[str]] = []  # the years ahead that may end a prose citation
        self.prose_found: dict[int, re.Match[str] | None] = {}  # by year offset, see _prose_before

    # -- output helpers --------------------------------------------------------------------
    @property
    def current(self) -> etree._Element:
        return self.stack[-1]

    def emit(self, text: str) -> None:
        _append_text(self.current, text)

    def add(self, child: etree._Element) -> etree._Element:
        self.current.append(child)
        return child

    def at(self, offset: int) -> tuple[int, int]:
        return self.block.position(offset)

    # -- the scan ----------------------------------------------------------------------------
    def run(self, start: int, end: int) -> None:
        quotes = self._pair_quotes(start, end)
        self.years = list(citations.PROSE_YEAR.finditer(self.text, start, end))
        pos = start
        while pos < end:
            match = self.ctx.token.search(self.text, pos, end)
            prose = self._next_prose(pos, match.start() if match else end)
            # A name that ends in a quotation's closing mark ("'Robinson' 1996") is no prose citation.
            if prose is not None and not any(at in quotes for at in range(prose.start(), prose.end())):
                self.emit(self.text[pos : prose.start()])
                pos = self._prose(prose)
                continue
            if match is None:
                break
            self.emit(self.text[pos : match.start()])
            pos = self._token(match, quotes)
        self.emit(self.text[pos:end])
        while len(self.stack) > 1:  # quotes left open were reported by _pair_quotes
            self.stack.pop()

    def _token(self, match: re.Match[str], quotes: dict[int, str]) -> int:
        kind = match.lastgroup
        if kind == "call":
            return self._note_call(match)
        if kind in ("bracket", "paren"):
            return self._group(match, kind)
        if kind == "quote":
            return self._quote(match, quotes)
        if kind == "narrative":
            return self._narrative(match)
        return self._bare(match)

    def _note_call(self, match: re.Match[str]) -> int:
        note = self.ctx.make_note(int(match.group("n")), self.block, match.start())
        if note is None:
            self.emit(match.group())
        else:
            self.add(note)
        return match.end()

    def _quote(self, match: re.Match[str], quotes: dict[int, str]) -> int:
        role = quotes.get(match.start())
        if role == "open":
            self.stack.append(self.add(el("quote")))
        elif role == "close":
            self.stack.pop()
        else:
            self.emit(match.group())
        return match.end()

    # -- citations ---------------------------------------------------------------------------
    def _group(self, match: re.Match[str], kind: str) -> int:
        body_name = f"{kind}_body"
        body, base = match.group(body_name), match.start(body_name)
        if citations.is_page_only(body) or self._pages_after_quotation(body, match.end()):
            self._page_citation(match, body, base, citations.page_spans(body, 0))
            return match.end()
        if (ibid := citations.IBID.match(body)) is not None:
            return self._ibid(match, ibid, base)
        if (years := citations.YEARS_ONLY.match(body)) is not None and self._years(match, years, base):
            return match.end()
        works = citations.parse_group(body, self.ctx.grammar)
        if works is None:
            if (mla := self.ctx.grammar.author_page.match(body)) is not None and self._author_page(
                match, mla, base
            ):
                return match.end()
            if spans := citations.pages_among_words(body):
                self._page_citation(match, body, base, spans)
                return match.end()
            self.emit(match.group()[0])  # not a citation: read on inside the brackets
            return match.start() + 1
        for work in works:
            keys = citations.keys_for(work.names, work.year)
            work.key = self._resolve(keys, work.names, work.year, base + work.names_start) or ""
        if not any(work.key for work in works):
            self.emit(match.group())
            return match.end()
        self._work_citations(match, works, base)
        return match.end()

    def _years(self, match: re.Match[str], years: re.Match[str], base: int) -> bool:
        """ "(2011, 2012)", "(2013, 148)" after a name in the sentence; False if it names none."""
        body = years.group()
        found = [
            (y, self._named_before(y.group(), match.start())) for y in citations.YEAR_PATTERN.finditer(body)
        ]
        if not all(key for _, key in found):
            return False
        if years.group("pages"):
            ((year, key),) = found
            bibl = self._cit_or_plain(el("bibl", corresp=f"#{key}"))
            bibl.text = match.group()[0]
            bibl.append(el("ref", year.group(), target=f"#{self._cite(key or '')}"))
            spans = citations.page_spans(years.group("pages"), years.start("pages"))
            _append_text(bibl, body[year.end() : spans[0].start])
            self._pages(bibl, body, base, spans)
            _append_text(bibl, match.group()[-1])
            return True
        cursor = 0
        self.emit(match.group()[0])
        for year, key in found:
            self.emit(body[cursor : year.start()])
            self.add(el("ref", year.group(), target=f"#{self._cite(key or '')}"))
            cursor = year.end()
        self.emit(body[cursor:] + match.group()[-1])
        return True

    def _named_before(self, year: str, offset: int) -> str | None:
        """ "Christen has repeatedly pointed out (2011)": a year alone in brackets cites the one
        entry of that year whose author the sentence names before it; "(2008)" alone cites none."""
        sentence = self.text[self.text.rfind(". ", 0, offset) + 1 : offset]
        keys = {
            key
            for key, label in self.ctx.labels.items()
            if label.endswith(f" {year.rstrip('?')}")
            and re.search(rf"(?<!\w){re.escape(label.rsplit(' ', 1)[0])}(?!\w)", sentence, re.IGNORECASE)
        }
        return keys.pop() if len(keys) == 1 else None

    def _pages_after_quotation(self, body: str, end: int) -> bool:
        """ "(37)", "(12–14)", "(xxvi)" right after a quotation cite its page, and so do they at
        the end of a sentence that quoted ('… "a lifetime of devotion," and especially to the
        poetry notebooks (viii).'); elsewhere a bare number in brackets is a count or an item
        ("(12) of the inmates", "(1) a first point")."""
        if citations.NUMBER_ONLY.match(body) is None or citations.YEARS_SPAN.match(body):
            return False
        if citations.YEARS_ONLY.match(body):
            return False  # "(2020, 28)": a year and its page, after a name
        if self._quotation_before() is not None:
            return True
        return self.text[end : end + 1] in (".", ";") and self._quoted_in_this_sentence()

    def _quoted_in_this_sentence(self) -> bool:
        after = ""
        for child in reversed(self.current):
            after = (child.tail or "") + after
            if child.tag == tag("quote"):
                # '“one says.” Then …': a quotation that ends in a full stop may end the sentence
                ended = (child.text or "").rstrip()[-1:] in ".!?" and after.lstrip()[:1].isupper()
                return not ended and _SENTENCE_BREAK.search(after) is None
            after = "".join(str(t) for t in child.itertext()) + after
        return False

    def _quotation_before(self) -> etree._Element | None:
        last = _last_child(self.current)
        if last is not None and last.tag == tag("quote") and not (last.tail or "").strip():
            return last
        return None

    def _ibid(self, match: re.Match[str], ibid: re.Match[str], base: int) -> int:
        """ "(ibid., 45)", "(Ebd., S. 12)": the work cited just before, here or in a note."""
        target = self.ctx.last_cited
        if target is None:
            line, col = self.at(base)
            self.ctx.source.warn(
                line, col, f"'{ibid.group('ibid')}' but no work is cited before it; kept as text"
            )
            self.emit(match.group())
            return match.end()
        bibl = self._cit_or_plain(el("bibl", corresp=f"#{target}"))
        bibl.text = match.group()[0]
        bibl.append(el("ref", ibid.group("ibid"), target=f"#{target}"))
        body = match.group()[1:-1]
        if ibid.group("pages"):
            spans = citations.page_spans(ibid.group("pages"), ibid.start("pages"))
            _append_text(bibl, body[ibid.end("ibid") : spans[0].start])
            self._pages(bibl, body, base, spans)
        _append_text(bibl, match.group()[-1])
        return match.end()

    def _author_page(self, match: re.Match[str], mla: re.Match[str], base: int) -> bool:
        """MLA's "(Jockers 47)": the one entry whose first author that is; False if none or
        several are, and the brackets are read on as text."""
        surname = citations.first_surname(mla.group("names"))
        keys = self.ctx.by_surname.get(surname, [])
        listed = [k for k in keys if not k.endswith(REVIEWED_SUFFIX)] or keys
        if len(listed) != 1:
            return False
        key = self._cite(listed[0])
        body = match.group()[1:-1]
        bibl = self._cit_or_plain(el("bibl", corresp=f"#{key}"))
        bibl.text = match.group()[0] + body[: mla.start("names")]
        bibl.append(el("ref", mla.group("names"), target=f"#{key}"))
        spans = citations.page_spans(mla.group("pages"), mla.start("pages"))
        _append_text(bibl, body[mla.end("names") : spans[0].start])
        self._pages(bibl, body, base, spans)
        _append_text(bibl, match.group()[-1])
        return True

    def _page_target(self, offset: int, spans: list[citations.PageSpan]) -> str | None:
        """The work a page-only citation cites: the reviewed work, unless the paragraph has cited
        another work and named its author since it last named the reviewed work's, as in "Roller
        reminds us (…) “…” (18)" or "Comme l’avancent Terré et Adé (2022), « … » (p. 2)"."""
        reviewed = citations.last_named(self.text, offset, self.ctx.reviewed_names)
        latest, target = reviewed, self.ctx.default_target
        for start, key, surname in self.cited_here:
            if surname in self.ctx.reviewed_names:
                continue  # the list's copy of the reviewed work
            named = max(start, citations.last_named(self.text, offset, [surname]))
            if named > latest:
                latest, target = named, key
        if target == self.ctx.default_target and reviewed < 0:
            return self._note_work_holding(spans) or target
        return target

    def _note_work_holding(self, spans: list[citations.PageSpan]) -> str | None:
        """The work cited last, if a note cited it with pages that hold every page of this citation:
        after '… 489–91' in a note, "(491)" is a page of that work, as Chicago gives the pages of a
        work cited in a note in brackets in the text that follows."""
        if self.ctx.note_pages is None or self.ctx.last_cited != self.ctx.note_pages[0]:
            return None
        key = self.ctx.note_pages[0]
        ranges = _numbered(self.ctx.note_pages[1])
        pages = _numbered(spans)
        held = all(any(lo <= a <= b <= hi for lo, hi in ranges) for a, b in pages)
        return key if pages and held else None

    def _page_citation(
        self, match: re.Match[str], body: str, base: int, spans: list[citations.PageSpan]
    ) -> None:
        """Pages of the work _page_target finds, with the words around them ("Kap. 1/2, bis ")."""
        target = self._page_target(match.start(), spans)
        if target is None:
            line, col = self.at(base)
            self.ctx.source.error(line, col, f"page citation '{body}' but no reviewed work to point at")
            self.emit(match.group())
            return
        self.ctx.last_cited = target
        bibl = self._cit_or_plain(el("bibl", corresp=f"#{target}"))
        bibl.text = match.group()[0] + body[: spans[0].start]
        self._pages(bibl, body, base, spans)
        _append_text(bibl, body[spans[-1].start + len(spans[-1].text) :] + match.group()[-1])

    def _work_citations(self, match: re.Match[str], works: list[citations.WorkCitation], base: int) -> None:
        opener, closer = match.group()[0], match.group()[-1]
        if len(works) == 1 and works[0].pages:
            bibl = self._cit_or_plain(el("bibl", corresp=f"#{works[0].key}"))
            bibl.text = opener + match.group(f"{match.lastgroup}_body")[: works[0].names_start]  # "see "
            self._work(bibl, works[0], base)
            _append_text(bibl, closer)
            return
        self.emit(opener)
        body = match.group(f"{match.lastgroup}_body")
        cursor = 0
        for work in works:
            self.emit(body[cursor : work.names_start])
            cursor = work.pages[-1].start + len(work.pages[-1].text) if work.pages else work.names_end
            if not work.key:  # no entry: the citation stays in place as text
                self.emit(body[work.names_start : cursor])
                continue
            target = self.add(el("bibl", corresp=f"#{work.key}")) if work.pages else self.current
            self._work(target, work, base)
        self.emit(body[cursor:] + closer)

    def _work(self, parent: etree._Element, work: citations.WorkCitation, base: int) -> None:
        body = self.text[base:]
        ref = el("ref", body[work.names_start : work.names_end], target=f"#{work.key}")
        if parent is self.current:
            self.add(ref)
        else:
            parent.append(ref)
        if work.pages:
            _append_text(parent, body[work.names_end : work.pages[0].start])
            self._pages(parent, body, base, work.pages)

    def _pages(self, parent: etree._Element, body: str, base: int, spans: list[citations.PageSpan]) -> None:
        for index, span in enumerate(spans):
            if index:
                _append_text(parent, body[spans[index - 1].start + len(spans[index - 1].text) : span.start])
            if citations.backwards(span):
                line, col = self.at(base + span.start)
                self.ctx.source.warn(line, col, f"page range '{span.text}' ends before it starts")
            parent.append(el("citedRange", span.text, unit="page", from_=span.first, to=span.last))

    def _cit_or_plain(self, bibl: etree._Element) -> etree._Element:
        """A quotation directly followed by its page citation becomes one <cit>."""
        node = self.current
        last = self._quotation_before()
        if last is not None:
            cit = el("cit")
            node.replace(last, cit)
            cit.append(last)
            cit.append(bibl)
        else:
            self.add(bibl)
        return bibl

    def _narrative(self, match: re.Match[str]) -> int:
        """ "Jockers (2013)", "Unsworth [2000]", "Jockers (2013, 47)": the name in the text, its
        year in brackets. One that names no entry's author is read on from its brackets."""
        names, year = match.group("narrative_names"), match.group("narrative_year")
        opening = match.start("narrative_open")
        matched = citations.BRACKETS[match.group("narrative_open")] == match.group("narrative_close")
        linked = self._known(names, year, match.start()) if matched else None
        if linked is None:
            self.emit(self.text[match.start() : opening])
            return opening
        pages = match.group("narrative_pages")
        if not pages:
            self.add(el("ref", match.group(), target=f"#{linked}"))
            return match.end()
        spans = citations.page_spans(pages, match.start("narrative_pages"))
        bibl = self._cit_or_plain(el("bibl", corresp=f"#{linked}"))
        bibl.append(el("ref", names, target=f"#{linked}"))
        _append_text(bibl, self.text[match.end("narrative_names") : spans[0].start])
        self._pages(bibl, self.text, 0, spans)
        _append_text(bibl, self.text[spans[-1].start + len(spans[-1].text) : match.end()])
        return match.end()

    def _next_prose(self, pos: int, before: int) -> re.Match[str] | None:
        """The first name-and-year in prose that starts in [pos, before), the next token's start;
        sought only before the block's years, the one cost being a short search before each."""
        if self.ctx.prose is None:
            return None
        while self.years and self.years[0].end() <= pos:
            self.years.pop(0)
        for year in self.years:
            low = max(pos, year.start() - citations.PROSE_REACH)
            if low >= before:
                return None
            found = self._prose_before(year, low)
            if found is not None and found.start() < before:
                return found
        return None

    def _prose_before(self, year: re.Match[str], low: int) -> re.Match[str] | None:
        """The first prose citation from `low` that ends with `year`. Each token asks again; what
        was found from an earlier `low` holds while it starts at or after this one, and nothing
        found holds for any later `low`."""
        if year.start() in self.prose_found:
            known = self.prose_found[year.start()]
            if known is None or known.start() >= low:
                return known
        assert self.ctx.prose is not None
        found = self.ctx.prose.search(self.text, low, year.end())
        self.prose_found[year.start()] = found
        return found

    def _prose(self, match: re.Match[str]) -> int:
        """ "Jannidis to state in 1999": the year is a citation of the one entry by that author of
        that year, if the words between name no other author; else the name is read as text, and
        the reading goes on after it, silently (most years in prose cite nothing)."""
        names, gap, year = match.group("prose_names", "prose_gap", "prose_year")
        surname = citations.first_surname(names)
        keys = [k for k in citations.keys_for(names, year) if k in self.ctx.keys]
        others = [
            s for s in self.ctx.surnames if s != surname and re.search(rf"(?<!\w){re.escape(s)}(?!\w)", gap)
        ]
        if not keys or others:
            self.emit(names)
            return match.end("prose_names")
        self.emit(names + gap)
        self.add(el("ref", year, target=f"#{self._cite_at(match.start(), keys[0])}"))
        return match.end()

    def _bare(self, match: re.Match[str]) -> int:
        names = match.group("names")
        linked = self._known(names, match.group("year"), match.start())
        if linked is not None:
            self.add(el("ref", match.group(), target=f"#{linked}"))
            return match.end()
        second = citations.second_name_start(names)
        if second is None:
            self.emit(match.group())
            return match.end()
        # "the IDE and Sahle 2016": the first name is no author's; read on from the second.
        self.emit(self.text[match.start() : match.start() + second])
        return match.start() + second

    def _known(self, names: str, year: str, offset: int) -> str | None:
        """The entry a name and year in running text cite, if the name is an entry's author
        (only then does a miss get a warning: "In 1990" is no citation)."""
        keys = citations.keys_for(names, year)
        if any(key in self.ctx.keys for key in keys) or citations.first_surname(names) in self.ctx.surnames:
            return self._resolve(keys, names, year, offset)
        return None

    def _resolve(self, keys: list[str], names: str, year: str, offset: int) -> str | None:
        """The entry a citation points at: one of its keys, or the one entry it most likely means
        (with a warning); None, with a warning, when no entry matches. The build goes on."""
        found = next((key for key in keys if key in self.ctx.keys), None)
        if found is not None:
            if found in self.ctx.homonyms:
                found = citations.by_author_list(names, self.ctx.homonyms[found]) or found
            return self._cite_at(offset, found)
        label = f"{names} {year}"
        line, col = self.at(offset)
        near = citations.closest_key(keys[0], self.ctx.keys)
        if near is not None:
            message = f"citation '{label}' matches no entry exactly; linked to '{self.ctx.labels.get(near, near)}': did you mean that?"
            self.ctx.source.warn(line, col, message)
            return self._cite_at(offset, near)
        named = citations.named_in_reference(citations.first_surname(names), keys[0], self.ctx.heads)
        if named is not None:
            entry_label = self.ctx.labels.get(named, named)
            if re.search(rf"(?<!\w){re.escape(citations.first_surname(names))}(?!\w)", entry_label):
                return self._cite_at(offset, named)  # 'Kortzfleisch 1968' for 'von Kortzfleisch 1968'
            message = (
                f"citation '{label}' matches no entry's authors as read, but the entry read as "
                f"'{entry_label}' names {citations.first_surname(names)}: linked to it; "
                "check that entry's authors"
            )
            self.ctx.source.warn(line, col, message)
            return self._cite_at(offset, named)
        message = f"citation '{label}' matches no entry in the reference list; kept as text, not linked"
        self.ctx.source.warn(line, col, message, UNLINKED_CITATION, label)
        return None

    def _cite_at(self, offset: int, key: str) -> str:
        """Cite `key` from the citation whose names start at `offset`, remembered for _page_target."""
        self.cited_here.append((offset, key, citations.surname_at(self.text, offset)))
        return self._cite(key)

    def _cite(self, key: str) -> str:
        self.ctx.cited.add(key)
        self.ctx.last_cited = key
        return key

    # -- quotation marks ---------------------------------------------------------------------
    def _pair_quotes(self, start: int, end: int) -> dict[int, str]:
        """Match quotation marks; unmatched ones stay text, with a warning."""
        roles: dict[int, str] = {}
        stack: list[tuple[str, int]] = []
        for match in QUOTE_MARK.finditer(self.text, start, end):
            self._one_mark(match.group(), match.start(), stack, roles)
        for kind, offset in stack:
            self._unmatched(kind, offset)
        return roles

    def _one_mark(self, mark: str, at: int, stack: list[tuple[str, int]], roles: dict[int, str]) -> None:
        before = self.text[at - 1] if at > 0 else " "
        after = self.text[at + 1] if at + 1 < len(self.text) else " "
        if mark == "’" and not (stack and stack[-1][0] in CLOSES["’"] and not after.isalnum()):
            return  # an apostrophe
        if mark == "'" and (role := _straight_single(before, after, stack)) != "close":
            if role == "open":
                stack.append((STRAIGHT_SINGLE, at))
            return  # an apostrophe, or the opening of a quotation
        open_kinds = {kind for kind, _ in stack}
        closed = next((kind for kind in CLOSES.get(mark, ()) if kind in open_kinds), None)
        # A straight mark after a letter, or a mark that only closes, never opens a quotation.
        opens = mark in OPENS and not (mark in '"‘' and before.isalnum())
        if closed is None and opens:
            stack.append((OPENS[mark], at))
            return
        if closed is None:
            if mark != "‘":  # '‘' after a letter is a typist's apostrophe
                line, col = self.at(at)
                self.ctx.source.warn(line, col, f"unmatched closing quotation mark {mark}; kept as text")
            return
        while stack[-1][0] != closed:
            self._unmatched(*stack.pop())
        roles[stack.pop()[1]] = "open"
        roles[at] = "close"

    def _unmatched(self, kind: str, offset: int) -> None:
        if kind == STRAIGHT_SINGLE:
            return  # "'90s", "'tis": an apostrophe before a word
        line, col = self.at(offset)
        self.ctx.source.warn(line, col, f"unmatched opening quotation mark {self.text[offset]}; kept as text")


def _straight_single(before: str, after: str, stack: list[tuple[str, int]]) -> str | None:
    """What a straight ' is: "close" before no letter when one is open, "open" after no letter and
    before one (not before a digit: "'90s"), else None, an apostrophe."""
    if stack and stack[-1][0] == STRAIGHT_SINGLE and not after.isalnum() and not before.isspace():
        return "close"
    if not before.isalnum() and after.isalpha():
        return "open"
    return None


_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _numbered(spans: list[citations.PageSpan]) -> list[tuple[int, int]]:
    """The spans' first and last pages as numbers; none if any is not a number ('xii')."""
    if not all(s.first.isdigit() and s.last.isdigit() for s in spans):
        return []
    return [(int(s.first), int(s.last)) for s in spans]


def _last_child(node: etree._Element) -> etree._Element | None:
    # Not len(node), which lxml answers by counting the children: called on every piece of a
    # paragraph, it made one of N cited quotations quadratic.
    return next(node.iterchildren(reversed=True), None)


def _append_text(node: etree._Element, text: str) -> None:
    if not text:
        return
    last = _last_child(node)
    if last is not None:
        last.tail = (last.tail or "") + text
    else:
        node.text = (node.text or "") + text
