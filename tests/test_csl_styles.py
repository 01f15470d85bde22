"""`--csl STYLE`: the reference list of the EPUB and the PDF in a CSL style, rendered by pandoc's
citeproc; the shipped styles, and clear errors for a style that is unknown or broken."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from exporter.writers.bib import citeproc, styles
from exporter.writers.html import XHTML_NS
from exporter.writers.html.transform import to_xhtml
from tests.bib_fixtures import HOSTILE_TITLES, article, hostile
from tests.conftest import require_tool
from tests.test_cli import SEED_TEI, run

X = {"x": XHTML_NS}
# The seed's list, in the order each style sorts it (by author, then year, then title), checked by
# hand: in 2012 Carnets sorts before Memoirs, and each keeps the letter the review gave it.
SEED_ORDER = ["abidor2019", "cotterill1994", "greeman1994", "sedova1951", "sedova2016", "serge2003",
              "serge2010", "serge2012b", "serge2012a"]  # fmt: skip


def reference_list(xhtml: etree._Element) -> dict[str, str]:
    items = xhtml.xpath("//x:section[@id='bibliography']//x:li", namespaces=X)
    return {str(li.get("id")): " ".join("".join(li.itertext()).split()) for li in items}


@pytest.mark.parametrize("name", sorted(styles.SHIPPED))
def test_every_shipped_style_renders_the_seed(seed_tei: etree._Element, name: str) -> None:
    listed = reference_list(to_xhtml(seed_tei, "epub", str(styles.resolve(name))))
    assert sorted(listed) == sorted(SEED_ORDER)
    assert "Memoirs of a Revolutionary" in listed["serge2012a"]
    if "2012" in listed["serge2012a"] and name != "mla":  # MLA prints no year letters
        assert "2012a" in listed["serge2012a"] and "2012b" in listed["serge2012b"], listed


def test_apa_list_as_written_by_hand(seed_tei: etree._Element) -> None:
    listed = reference_list(to_xhtml(seed_tei, "print", str(styles.resolve("apa"))))
    assert list(listed) == SEED_ORDER
    assert listed["serge2012a"] == "Serge, V. (2012a). Memoirs of a Revolutionary. New York Review Books."
    assert listed["serge2012b"] == "Serge, V. (2012b). Carnets 1936–1947. Agone."
    assert listed["sedova1951"] == "Sedova, N. (1951, June 4). Letter of Resignation. The Militant, 15(23)."
    assert listed["cotterill1994"] == "Cotterill, D. (Ed.). (1994). The Serge-Trotsky Papers. Pluto."


def test_the_house_style_stays_the_default(seed_tei: etree._Element) -> None:
    listed = reference_list(to_xhtml(seed_tei, "epub"))
    assert listed["serge2012a"] == "Serge, Victor 2012a, Memoirs of a Revolutionary, New York Review Books."


def test_citations_still_lead_to_their_entries(seed_tei: etree._Element) -> None:
    xhtml = to_xhtml(seed_tei, "epub", str(styles.resolve("chicago")))
    ids = set(reference_list(xhtml))
    targets = {str(a.get("href"))[1:] for a in xhtml.xpath("//x:a[@role='doc-biblioref']", namespaces=X)}
    assert targets and targets - {"serge2019"} <= ids


def test_year_letters_follow_the_source_whatever_the_processor_gives() -> None:
    """The processor names Carnets 2012a (it sorts first); the review named it 2012b."""
    entry = etree.fromstring(
        f'<div xmlns="{XHTML_NS}">Serge, V. (2012a). <em>Carnets</em>. 2012a-2012a.</div>'
    )
    from exporter.works import Kind
    from exporter.writers.bib.entries import Record

    citeproc._take_source_letter(entry, Record("serge2012b", Kind.BOOK, year="2012", year_label="2012b"))
    assert "".join(entry.itertext()) == "Serge, V. (2012b). Carnets. 2012b-2012b."


# --- the command line ------------------------------------------------------------------------------


def test_build_with_csl_apa_puts_apa_in_the_epub_and_the_pdf(tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    code, _, err = run("build", "-q", "-t", "epub,pdf", "--csl", "apa", "-o", str(tmp_path), str(SEED_TEI))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "serge-final-words.epub") as book:
        listed = reference_list(etree.fromstring(book.read("EPUB/bibliography.xhtml")))
    assert list(listed) == SEED_ORDER
    text = subprocess.run(
        [pdftotext, str(tmp_path / "serge-final-words.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Serge, V. (2012a). Memoirs of a Revolutionary. New York Review Books." in text
    assert text.index("Serge, V. (2012b). Carnets") < text.index("Serge, V. (2012a). Memoirs")
    # The text's own citation is untouched: it still names the Memoirs 2012a.
    assert "For the first complete English translation see Serge 2012a." in text


def test_an_unknown_style_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    code, _, err = run("build", "-t", "epub", "--csl", "chicargo.csl", "-o", str(tmp_path), str(SEED_TEI))
    assert code == 2
    assert (
        "chicargo.csl: no such CSL style file, nor a shipped style (apa, chicago, harvard, mhra, mla)" in err
    )
    assert not list(tmp_path.iterdir())


BROKEN_STYLES = {
    "cut.csl": ('<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n  <info>\n',
                "cut.csl:4:1: error: not a CSL style: the XML is broken"),
    "html.csl": ("<html><body>a page</body></html>\n",
                 "html.csl:1:1: error: not a CSL style: the root is <html>"),
    "dependent.csl": ('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n<info>\n'
                      '<link rel="independent-parent" href="http://www.zotero.org/styles/apa"/>\n</info>\n</style>\n',
                      "dependent.csl:3:1: error: a dependent CSL style"),
    "citations-only.csl": ('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n<citation><layout>'
                           '<text variable="title"/></layout></citation>\n</style>\n',
                           "citations-only.csl:1:1: error: this CSL style has no <bibliography>"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN_STYLES))
def test_a_broken_style_is_an_error_at_its_line(tmp_path: Path, name: str) -> None:
    text, expected = BROKEN_STYLES[name]
    style = tmp_path / name
    style.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("build", "-t", "epub,pdf", "--csl", str(style), "-o", str(out), str(SEED_TEI))
    assert code == 1
    assert err.startswith(str(tmp_path / expected.split(":", 1)[0]) + ":" + expected.split(":", 1)[1]), err
    assert "Traceback" not in err and not out.exists()


def test_hostile_titles_stay_text() -> None:
    """Titles reach pandoc as CSL-JSON: TeX and markup stay characters, no element is made of them."""
    tei = hostile()
    listing = tei.find(".//{*}back//{*}listBibl")
    assert listing is not None
    listing.append(article("tag2008", "<script>alert(1)</script> & Co"))
    listed = reference_list(to_xhtml(tei, "epub", str(styles.resolve("apa"))))
    for key, title in {**HOSTILE_TITLES, "tag2008": "<script>alert(1)</script> & Co"}.items():
        assert title.split()[0] in listed[key], key
    xhtml = to_xhtml(tei, "epub", str(styles.resolve("apa")))
    assert not xhtml.xpath("//x:script", namespaces=X)


def test_the_api_takes_a_style(seed_tei: etree._Element, tmp_path: Path) -> None:
    from exporter import api

    epub, _ = api.write(seed_tei, "epub", csl="apa")
    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        listed = reference_list(etree.fromstring(book.read("EPUB/bibliography.xhtml")))
    assert listed["serge2012a"].startswith("Serge, V. (2012a).")
    with pytest.raises(ValueError, match="chicargo: no such CSL style file"):
        api.build(SEED_TEI, tmp_path, ["epub"], csl="chicargo")
    assert not list(tmp_path.iterdir())
