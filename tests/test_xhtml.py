"""The shared TEI → XHTML transform, checked on the seed against values read from its text by hand."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
from lxml import etree

from exporter.tei import TEI_NS
from exporter.writers.html.transform import to_xhtml
from exporter.writers.html.typography import page_range, running_text

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NBSP = "\u00a0"
# The seed's reference list, in its order.
KEYS = ["abidor2019", "cotterill1994", "greeman1994", "sedova1951", "sedova2016", "serge2003",
        "serge2010", "serge2012a", "serge2012b"]  # fmt: skip
# The author-date citations of the seed's five notes, in order.
NOTE_CITATIONS = ["serge2012a", "serge2012b", "serge2010", "sedova2016", "cotterill1994"]


def h(node: etree._Element, path: str) -> list[Any]:
    return list(node.xpath(path, namespaces=NS))  # type: ignore[arg-type]


def words(node: etree._Element) -> str:
    return " ".join(str(node.xpath("string()")).split())


@pytest.fixture(scope="module")
def epub_doc(seed_tei: etree._Element) -> etree._Element:
    return to_xhtml(seed_tei, "epub")


@pytest.fixture(scope="module")
def print_doc(seed_tei: etree._Element) -> etree._Element:
    return to_xhtml(seed_tei, "print")


def test_complete_document_with_language(epub_doc: etree._Element) -> None:
    assert epub_doc.tag == "{http://www.w3.org/1999/xhtml}html"
    assert epub_doc.get("lang") == "en"
    assert epub_doc.get(XML_LANG) == "en"
    assert h(epub_doc, "/h:html/h:head/h:title/text()") == ["Victor Serge’s final words"]
    description = h(epub_doc, "//h:meta[@name='description']/@content")
    assert description == [
        "A review of Victor Serge, Notebooks 1936–1947, translated by Richard Greeman and Mitchell Abidor,"
        " New York Review Books, 2019."
    ]
    assert h(epub_doc, "//h:meta[@name='dcterms.identifier']/@content") == [
        "urn:uuid:1955f1b3-424f-5581-985e-bfe831ff80bc"
    ]
    assert h(epub_doc, "//h:meta[@name='author']") == []  # the seed names no author


@pytest.mark.parametrize("medium", ["epub", "print"])
def test_sections_with_stable_ids(seed_tei: etree._Element, medium: str) -> None:
    doc = to_xhtml(seed_tei, medium)  # type: ignore[arg-type]
    assert h(doc, "/h:html/h:body/h:section/@id") == ["titlepage", "review", "bibliography"]


def test_title_page_holds_title_and_reviewed_work(epub_doc: etree._Element) -> None:
    (page,) = h(epub_doc, "//h:section[@id='titlepage']")
    assert words(h(page, "h:h1")[0]) == "Victor Serge’s final words"
    (work,) = h(page, ".//*[@id='serge2019']")
    assert h(work, ".//h:cite/text()") == ["Notebooks 1936–1947"]  # en dash set by the transform
    assert "translated by Richard Greeman and Mitchell Abidor" in words(work)


def test_headings_in_order(epub_doc: etree._Element) -> None:
    levels = [int(e.tag[-1]) for e in h(epub_doc, "//h:h1 | //h:h2 | //h:h3 | //h:h4 | //h:h5 | //h:h6")]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert words(h(epub_doc, "//h:section[@id='bibliography']/h:h2")[0]) == "References"


def test_all_thirty_paragraphs(epub_doc: etree._Element) -> None:
    paragraphs = h(epub_doc, "//h:section[@id='review']/h:p")
    assert len(paragraphs) == 30
    assert words(paragraphs[0]).startswith("Victor Serge was one of the great witnesses")
    assert words(paragraphs[-1]).endswith("cannot fail to be rewarding.")


def test_bibliography_one_item_per_entry(epub_doc: etree._Element) -> None:
    (section,) = h(epub_doc, "//h:section[@id='bibliography']")
    assert section.get(EPUB_TYPE) == "backmatter bibliography"
    assert section.get("role") == "doc-bibliography"
    assert h(section, "h:ul/h:li/@id") == KEYS
    (cotterill,) = h(section, "h:ul/h:li[@id='cotterill1994']")
    assert words(cotterill) == "Cotterill, David (ed.) 1994, The Serge-Trotsky Papers, Pluto."
    assert h(cotterill, ".//h:cite/text()") == ["The Serge-Trotsky Papers"]


def test_epub_note_calls_and_asides(epub_doc: etree._Element) -> None:
    calls = h(epub_doc, "//h:a[@epub:type='noteref']")
    assert [c.get("href") for c in calls] == [f"#note{n}" for n in range(1, 6)]
    assert [c.get("id") for c in calls] == [f"noteref{n}" for n in range(1, 6)]
    assert {c.get("role") for c in calls} == {"doc-noteref"}
    asides = h(epub_doc, "//h:aside")
    assert [a.get("id") for a in asides] == [f"note{n}" for n in range(1, 6)]
    for n, aside in enumerate(asides, start=1):
        assert aside.get(EPUB_TYPE) == "footnote"
        assert aside.get("role") == "doc-footnote"
        assert h(aside, ".//h:a[@role='doc-backlink']/@href") == [f"#noteref{n}"]
        # Near its paragraph: the block just before the aside (or its run of asides) holds the call.
        block = h(aside, "preceding-sibling::*[not(self::h:aside)][1]")[0]
        assert h(block, f".//h:a[@href='#note{n}']")
    assert words(asides[0]) == "1 For the first complete English translation see Serge 2012a."
    cited = [h(a, ".//h:a[@role='doc-biblioref']/@href")[0] for a in asides]
    assert cited == [f"#{key}" for key in NOTE_CITATIONS]


def test_print_notes_float_in_place(print_doc: etree._Element) -> None:
    assert h(print_doc, "//h:aside | //h:a[@epub:type='noteref']") == []
    notes = h(print_doc, "//h:span[@class='footnote']")
    assert [n.get("id") for n in notes] == [f"note{n}" for n in range(1, 6)]
    first = notes[0]
    assert words(first) == "For the first complete English translation see Serge 2012a."
    assert first.getparent() is not None and first.getparent().tag == "{http://www.w3.org/1999/xhtml}p"
    assert (first.getprevious() is None) and (first.getparent().text or "").endswith(
        "Memoirs of a Revolutionary"
    )


def test_citations_lead_to_entries(epub_doc: etree._Element) -> None:
    refs = h(epub_doc, "//h:section[@id='review']//h:a[@role='doc-biblioref' and not(@class='pages')]")
    assert [r.get("href") for r in refs] == [f"#{key}" for key in NOTE_CITATIONS]
    assert words(refs[3]) == "Sedova and Serge 2016"


def test_page_citations_lead_to_the_reviewed_work(epub_doc: etree._Element) -> None:
    pages = h(epub_doc, "//h:a[@class='pages']")
    assert len(pages) == 24
    assert {p.get("href") for p in pages} == {"#serge2019"}
    texts = [p.text for p in pages]
    assert texts[:3] == [f"pp.{NBSP}229–30", f"pp.{NBSP}308–9", f"pp.{NBSP}477–9"]
    assert texts[3] == f"p.{NBSP}37"


def test_every_fragment_link_has_its_target(epub_doc: etree._Element) -> None:
    ids = set(h(epub_doc, "//@id"))
    hrefs = h(epub_doc, "//h:a/@href")
    assert hrefs and all(href.startswith("#") and href[1:] in ids for href in hrefs)


def test_quotations_are_spans_with_curly_marks_drawn_once(epub_doc: etree._Element) -> None:
    (dead,) = [
        q for q in h(epub_doc, "//h:span[@class='quote']") if words(q) == "Dead men on top of dead men"
    ]
    assert dead.getprevious() is None
    assert (dead.getparent().text or "").endswith("“")
    assert (dead.tail or "").startswith("”")
    assert len(h(epub_doc, "//h:span[@class='quote']")) == 29


def test_typography_of_running_text(epub_doc: etree._Element) -> None:
    review = "".join(h(epub_doc, "//h:section[@id='review']")[0].itertext())
    assert "already in 1921–22 debarred" in review  # en dash in a number range
    assert "pre-1914 France" in review  # a hyphen stays a hyphen
    assert f"a pessimistic book{NBSP}– on the contrary" in review  # the dash never starts a line
    assert "'" not in str(epub_doc.xpath("string()"))


def _with_sections_and_nesting(seed: etree._Element) -> etree._Element:
    """The seed with its body cut into a headed section holding a block quotation and nested quotes."""
    tei = copy.deepcopy(seed)
    body = tei.find(f".//{{{TEI_NS}}}body")
    assert body is not None
    first = body[0]
    div = etree.SubElement(body, f"{{{TEI_NS}}}div")
    head = etree.SubElement(div, f"{{{TEI_NS}}}head")
    head.text = "Serge's 1936-47 notebooks"
    block = etree.SubElement(div, f"{{{TEI_NS}}}quote")
    block.text = "He wrote "
    inner = etree.SubElement(block, f"{{{TEI_NS}}}quote")
    inner.text = "the "
    innermost = etree.SubElement(inner, f"{{{TEI_NS}}}quote")
    innermost.text = "seed"
    innermost.tail = " grows"
    inner.tail = "."
    para = etree.SubElement(div, f"{{{TEI_NS}}}p")
    outer = etree.SubElement(para, f"{{{TEI_NS}}}quote")
    outer.text = "He said "
    nested = etree.SubElement(outer, f"{{{TEI_NS}}}quote")
    nested.text = "no"
    body.remove(first)
    return tei


def test_sections_block_quotations_and_nested_quotes(seed_tei: etree._Element) -> None:
    doc = to_xhtml(_with_sections_and_nesting(seed_tei), "epub")
    (section,) = h(doc, "//h:section[@id='review']/h:section")
    assert section.get("id") == "section-1"
    assert words(h(section, "h:h3")[0]) == "Serge’s 1936–47 notebooks"
    assert section.get("aria-labelledby") == h(section, "h:h3/@id")[0]
    (blockquote,) = h(section, "h:blockquote")
    # In a block quotation the first level of quotes is the outer one.
    assert words(blockquote) == "He wrote “the ‘seed’ grows”."
    (para,) = h(section, "h:p")
    assert words(para) == "“He said ‘no’”"
    assert len(h(para, "h:span[@class='quote']/h:span[@class='quote']")) == 1


def test_unknown_medium_is_refused(seed_tei: etree._Element) -> None:
    with pytest.raises(ValueError):
        to_xhtml(seed_tei, "screen")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("plain", "typeset"),
    [
        ("Victor Serge's final words", "Victor Serge’s final words"),
        ("the '90s and 'rock'", "the ’90s and ‘rock’"),
        ('he said "no" twice', "he said “no” twice"),
        ("see pp. 12-14 and p. 3", f"see pp.{NBSP}12–14 and p.{NBSP}3"),
        ("1936-1947, pre-1914, 2019-02-28", "1936–1947, pre-1914, 2019-02-28"),
        ("yes — no", f"yes{NBSP}— no"),
        ("yes—no", "yes\u2060—no"),
        ("'s view", "’s view"),
    ],
)
def test_running_text(plain: str, typeset: str) -> None:
    assert running_text(plain) == typeset


@pytest.mark.parametrize(
    ("source", "shown"),
    [("pp229-30", "pp. 229–30"), ("p37", "p. 37"), ("pp186-89", "pp. 186–89"), ("p.18", "p. 18"),
     ("pp. ix-xx", "pp. ix–xx"), ("45", "45"), ("88-104", "88–104"), ("229f", "229f")],
)  # fmt: skip
def test_page_range(source: str, shown: str) -> None:
    assert page_range(source) == shown.replace(" ", NBSP)
