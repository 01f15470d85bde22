"""Print page numbers in the EPUB: each marker stands where the PDF's page begins, page by page.

The oracle is the PDF itself read by poppler (pdftotext, page by page, the text block only), not
the layout the writers share: the words after the EPUB's marker for page N must be the first
words pdftotext finds on page N.
"""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from bench.pdf_bench import repeated_tei
from exporter.writers import Options
from exporter.writers.epub import book as epub_writer
from exporter.writers.pdf import writer as pdf_writer
from tests.conftest import SEED, require_tool

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# The text block of the book paper (156 x 234 mm, margins 20 mm top, 24 mm bottom) in points,
# a little inside it: pdftotext reads neither the running head above it nor the folio below.
TEXT_BLOCK = {"x": 0, "y": 60, "W": 442, "H": 540}
COMPARED_WORDS = 8
BLOCKS = "//h:p | //h:h1 | //h:h2 | //h:h3 | //h:li | //h:blockquote"


class Edition:
    """A review's PDF and EPUB from one build (the EPUB's pages from the PDF's layout)."""

    def __init__(self, name: str, tei: etree._Element, folder: Path) -> None:
        options = Options(name=name, source_path=name)
        self.pdf = folder / f"{name}.pdf"
        self.pdf.write_bytes(pdf_writer.write(tei, options))
        self.epub = epub_writer.write(tei, options)
        with zipfile.ZipFile(io.BytesIO(self.epub)) as archive:
            self.files = {n: archive.read(n) for n in archive.namelist()}
        self.docs = {n: etree.fromstring(d) for n, d in self.files.items() if n.endswith(".xhtml")}

    def page_count(self) -> int:
        info = subprocess.run(
            [require_tool("pdfinfo"), str(self.pdf)], capture_output=True, text=True, check=True
        )
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)[1])  # type: ignore[index]

    def printed_words(self, page: int) -> list[str]:
        crop = [a for k, v in TEXT_BLOCK.items() for a in (f"-{k}", str(v))]
        command = [require_tool("pdftotext"), "-f", str(page), "-l", str(page), *crop, str(self.pdf), "-"]
        text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return _words(text)

    def page_list(self) -> list[tuple[str, str]]:
        nav = self.docs["EPUB/nav.xhtml"]
        return [
            (a.text, a.get("href")) for a in nav.xpath("//h:nav[@epub:type='page-list']//h:a", namespaces=NS)
        ]

    def words_after(self, href: str) -> list[str]:
        """The running text that follows a marker, notes and note calls left out, as far as the file goes."""
        name, fragment = href.split("#")
        doc = copy.deepcopy(self.docs[f"EPUB/{name}"])
        for block in doc.xpath(BLOCKS, namespaces=NS):  # a block's words are apart from the last block's
            block.text = " " + (block.text or "")
        (marker,) = doc.xpath(f"//*[@id='{fragment}']", namespaces=NS)
        after = marker.xpath(
            "following::text()[not(ancestor::h:aside) and not(ancestor::h:sup[@class='noteref'])]",
            namespaces=NS,
        )
        return _words("".join(after))  # the marker's tail among them


def _words(text: str) -> list[str]:
    """Words as letters and digits: a word hyphenated at a line's end is joined again."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.findall(r"[^\W_]+", text)


@pytest.fixture(scope="module")
def editions(seed_tei: etree._Element, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Edition]:
    folder = tmp_path_factory.mktemp("pages")
    return {
        "seed": Edition(SEED.stem, seed_tei, folder),
        "10x": Edition("ten-times", repeated_tei(10), folder),
    }


@pytest.mark.parametrize("name", ["seed", "10x"])
def test_each_marker_stands_at_the_first_word_of_its_pdf_page(
    editions: dict[str, Edition], name: str
) -> None:
    edition = editions[name]
    pages = edition.page_list()
    count = edition.page_count()
    assert [label for label, _ in pages] == [str(n) for n in range(1, count + 1)]
    if name == "10x":
        assert count > 40
    for number, (_, href) in enumerate(pages, start=1):
        printed = edition.printed_words(number)
        shown = edition.words_after(href)[:COMPARED_WORDS]
        # A page that opens with the end of a word hyphenated overleaf: that word is the page
        # before's, and the marker follows it (test_the_seed_pages_by_hand has one).
        start = 0 if printed[:1] == shown[:1] else 1
        assert printed[start : start + COMPARED_WORDS] == shown, (name, number)


def test_every_page_list_entry_leads_to_its_marker(editions: dict[str, Edition]) -> None:
    for edition in editions.values():
        for label, href in edition.page_list():
            name, fragment = href.split("#")
            (marker,) = edition.docs[f"EPUB/{name}"].xpath(f"//*[@id='{fragment}']")
            epub_type = marker.get("{http://www.idpf.org/2007/ops}type")
            assert (epub_type, marker.get("role"), marker.get("aria-label")) == (
                "pagebreak",
                "doc-pagebreak",
                label,
            )
            assert len(marker) == 0 and marker.text is None  # a point in the text, adding no words


def test_the_seed_pages_by_hand(editions: dict[str, Edition]) -> None:
    # Read off the seed's PDF (pdftoppm): page 3 opens with "ity", the end of "possibil-ity".
    seed = editions["seed"]
    firsts = [" ".join(seed.words_after(href)[:3]) for _, href in seed.page_list()]
    assert firsts == [
        "Victor Serge s",
        "domiciled There are",
        "of continuing to",
        "very poor not",
        "Stalinism than with",
        "founded without first",
        "Ultimately Serge gives",
    ]


def test_the_package_names_the_pdf_edition(editions: dict[str, Edition]) -> None:
    opf = etree.fromstring(editions["seed"].files["EPUB/content.opf"])
    edition = f"{SEED.stem}.pdf (PDF edition, book paper)"
    assert opf.xpath("//dc:source/text()", namespaces=NS) == [edition]
    assert opf.xpath("//opf:meta[@property='pageBreakSource']/text()", namespaces=NS) == [edition]
    features = opf.xpath("//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert {"pageBreakMarkers", "pageNavigation"} <= set(features)


def test_an_epub_built_alone_has_the_same_pages(
    editions: dict[str, Edition], seed_tei: etree._Element
) -> None:
    # Without the PDF in the build, the EPUB writer lays the print out itself: the same book.
    alone = epub_writer.write(seed_tei, Options(name=SEED.stem, source_path=SEED.stem))
    assert alone == editions["seed"].epub
