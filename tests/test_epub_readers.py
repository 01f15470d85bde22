"""The EPUB in readers other than the validators: pandoc's EPUB reader, epub.js in Chromium and
calibre's conversion to AZW3 (Kindle), read back.

epub.js (web readers and many apps) loads each file as HTML, where epub:type selectors match
nothing; pandoc (and converters built like it) skips a section it takes for its own title page,
and draws marks around every <q>.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree, html

from exporter.writers.epub import book as epub_writer
from tests.conftest import REVIEWS, SEED, require_file, require_tool, written

NODE = Path(__file__).resolve().parent / "node"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
# The reviews whose quotations differ in kind: the seed's cits, nested quotes, straight quotes,
# French and German marks.
QUOTING = [SEED, *(REVIEWS / f"{name}.txt" for name in ("08-particles-and-nested", "09-straight-quotes"))]
OPENING_MARKS = "“‘«‹„‚"
# A phone's screen in CSS pixels, as the issue asks.
PHONE = (390, 844)


def _pandoc_text(book: Path) -> str:
    pandoc = require_tool("pandoc")
    done = subprocess.run(
        [pandoc, "-f", "epub", "-t", "plain", "--wrap=none", str(book)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _words(text: str) -> str:
    return " ".join(text.split())


def _xhtml_documents(book: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(book) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml") and not name.endswith("nav.xhtml")
        }


def test_pandoc_keeps_the_title_page(tmp_path: Path) -> None:
    text = _words(_pandoc_text(written(SEED, tmp_path, epub_writer.write, ".epub")))
    assert "Victor Serge’s final words A review of Victor Serge, Notebooks 1936–1947, translated by" in text
    assert "Richard Greeman and Mitchell Abidor, New York Review Books, 2019." in text


@pytest.mark.parametrize("source", QUOTING, ids=lambda p: p.stem)
def test_pandoc_shows_each_quotation_with_one_pair_of_marks(source: Path, tmp_path: Path) -> None:
    book = written(source, tmp_path, epub_writer.write, ".epub")
    text = _pandoc_text(book)
    # The marks are characters of the XHTML: pandoc must print as many, no more.
    drawn = "".join(
        str(doc.xpath("string(//h:body)", namespaces=XHTML)) for doc in _xhtml_documents(book).values()
    )
    for mark in OPENING_MARKS:
        assert text.count(mark) == drawn.count(mark), (source.stem, mark)
    assert re.search(r"[“‘«„]\s*[“‘«„]", text) is None
    if source == SEED:
        assert "As he noted grimly: “Dead men on top of dead men” (p. 37)." in _words(text)


def test_epubjs_on_a_phone_shows_notes_small_not_as_body_text(tmp_path: Path) -> None:
    node = require_tool("node")
    chromium = require_tool("chromium")
    for package in ("epubjs/dist/epub.min.js", "jszip/dist/jszip.min.js", "puppeteer-core/package.json"):
        require_file(NODE / "node_modules" / package)
    book = written(SEED, tmp_path, epub_writer.write, ".epub")
    shot = tmp_path / "epubjs-note1.png"
    done = subprocess.run(
        [node, str(NODE / "epubjs-view.mjs"), chromium, str(book), str(shot), "review.xhtml#note1"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    assert seen["file"] == "review.xhtml"
    assert [note["id"] for note in seen["notes"]] == [f"note{n}" for n in range(1, 6)]
    body = statistics.median(seen["body"])
    assert body >= 12
    # epub.css sets notes at 0.85em: well below the body's size, as a reader's own CSS would not.
    for note in seen["notes"]:
        assert note["size"] <= 0.9 * body, note
    assert shot.stat().st_size > 10_000  # a page with text drawn, not a blank screen


# -- calibre's AZW3 (Kindle) ------------------------------------------------------------------


@pytest.fixture(scope="module")
def azw3(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, html.HtmlElement, str]:
    """The seed's EPUB, converted by calibre to AZW3 and that read back by calibre as HTMLZ (one
    HTML file and its CSS, as the AZW3 holds them; calibre renames ids and most classes): the
    EPUB, the HTML and the CSS."""
    convert = require_tool("ebook-convert")
    folder = tmp_path_factory.mktemp("azw3")
    book = written(SEED, folder, epub_writer.write, ".epub")
    for source, target in ((book, folder / "seed.azw3"), (folder / "seed.azw3", folder / "back.htmlz")):
        done = subprocess.run(
            [convert, str(source), str(target)], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
    with zipfile.ZipFile(folder / "back.htmlz") as archive:
        page = html.fromstring(archive.read("index.html"))
        css = archive.read("style.css").decode()
    return book, page, css


def _css_rules(css: str) -> Iterator[tuple[str, dict[str, str]]]:
    """(selector, declarations) of each rule of calibre's flat style sheet."""
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        declarations = (d.split(":", 1) for d in body.split(";") if ":" in d)
        yield selector.strip(), {k.strip(): v.strip() for k, v in declarations}


def test_calibre_azw3_keeps_the_notes_small_after_their_paragraphs(
    azw3: tuple[Path, html.HtmlElement, str],
) -> None:
    # The issue: "notes pop up or sit small after their paragraph, never as body text". Whether a
    # Kindle pops them up is the device's; what the AZW3 holds is checked: each note an aside of
    # class footnote right after the paragraph that calls it, linked both ways, and smaller.
    _, page, css = azw3
    notes = page.xpath("//aside[@role='doc-footnote']")
    assert [n.text_content().split()[0] for n in notes] == ["1", "2", "3", "4", "5"]
    for note in notes:
        assert note.get("class") == "footnote"
        paragraph = note.getprevious()
        while paragraph.tag == "aside":  # a paragraph's notes follow it one after another
            paragraph = paragraph.getprevious()
        assert paragraph.tag == "p"
        (call,) = paragraph.xpath(f".//a[@role='doc-noteref'][@href='#{note.get('id')}']")
        (back,) = note.xpath(".//a[@role='doc-backlink']")
        assert back.get("href") == f"#{call.get('id')}"
    (size,) = [d["font-size"] for selector, d in _css_rules(css) if selector == ".footnote"]
    assert size.endswith("em") and float(size[:-2]) < 0.9  # epub.css: 0.85em, calibre rescales


def test_calibre_azw3_keeps_the_title_page_and_the_quotations(
    azw3: tuple[Path, html.HtmlElement, str],
) -> None:
    book, page, _ = azw3
    (title,) = page.xpath("//section[@class='titlepage']/h1[@class='title']")
    assert title.text_content() == "Victor Serge’s final words"
    label, work = (_words(p.text_content()) for p in title.itersiblings("p"))
    assert label == "A review of"
    assert work.startswith("Victor Serge, Notebooks 1936–1947, translated by Richard Greeman")
    text = _words(page.xpath("string(//body)"))
    assert "As he noted grimly: “Dead men on top of dead men” (p. 37)." in text
    drawn = "".join(
        str(doc.xpath("string(//h:body)", namespaces=XHTML)) for doc in _xhtml_documents(book).values()
    )
    for mark in OPENING_MARKS:  # the marks are the XHTML's characters: as many, no more
        assert text.count(mark) == drawn.count(mark), mark
