"""The seed review's TEI, checked against values read by hand from seeds/serge-final-words.txt."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.conftest import SEED
from tests.tei_helpers import XML_ID, q, text

# Every page citation of the seed in order, with the page numbers written out by hand.
PAGE_CITATIONS = [
    ("pp229-30", 229, 230), ("pp308-9", 308, 309), ("pp477-9", 477, 479), ("p37", 37, 37),
    ("pp491-4", 491, 494), ("pp186-89", 186, 189), ("p281", 281, 281), ("p454", 454, 454),
    ("p349", 349, 349), ("p434", 434, 434), ("pp52-53", 52, 53), ("p110", 110, 110),
    ("p138", 138, 138), ("p102", 102, 102), ("p219", 219, 219), ("p512", 512, 512),
    ("p109", 109, 109), ("p365", 365, 365), ("pp392-93", 392, 393), ("p170", 170, 170),
    ("p221", 221, 221), ("p142", 142, 142), ("p464", 464, 464), ("p348", 348, 348),
]  # fmt: skip
# Quotations followed at once by their page citation (15 of the 24 are).
CIT_PAGES = ["p37", "p454", "p349", "p434", "pp52-53", "p110", "p219", "p512", "p109", "p365",
             "pp392-93", "p170", "p221", "p464", "p348"]  # fmt: skip


def test_title_and_language(seed_tei: etree._Element) -> None:
    assert text(seed_tei, "//tei:titleStmt/tei:title[@type='main']") == "Victor Serge's final words"
    assert seed_tei.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert q(seed_tei, "//tei:langUsage/tei:language/@ident") == ["en"]


def test_no_author_is_invented(seed_tei: etree._Element) -> None:
    assert q(seed_tei, "//tei:titleStmt/tei:author") == []
    assert q(seed_tei, "//tei:publicationStmt/tei:publisher") == []


def test_uuid_is_a_uuid(seed_tei: etree._Element) -> None:
    uuid = text(seed_tei, "//tei:publicationStmt/tei:idno[@type='UUID']")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", uuid)


def test_thirty_body_paragraphs(seed_tei: etree._Element) -> None:
    assert len(q(seed_tei, "//tei:body//tei:p")) == 30
    first = q(seed_tei, "//tei:body/tei:p[1]")[0]
    assert "".join(first.itertext()).startswith("Victor Serge was one of the great witnesses")


def test_reviewed_work_in_front(seed_tei: etree._Element) -> None:
    (work,) = q(seed_tei, "//tei:front/tei:div[@type='reviewed']/tei:listBibl/tei:biblStruct")
    assert work.get("type") == "book"
    assert work.get(XML_ID) == "serge2019"
    assert text(work, "tei:monogr/tei:author/tei:persName/tei:surname") == "Serge"
    assert text(work, "tei:monogr/tei:author/tei:persName/tei:forename") == "Victor"
    assert text(work, "tei:monogr/tei:title[@level='m']") == "Notebooks 1936-1947"
    assert text(work, "tei:monogr/tei:imprint/tei:publisher") == "New York Review Books"
    assert q(work, "tei:monogr/tei:imprint/tei:date/@when") == ["2019"]


def test_translators_come_from_the_sidecar(seed_tei: etree._Element) -> None:
    names = [
        text(e, "tei:persName/tei:forename") + " " + text(e, "tei:persName/tei:surname")
        for e in q(seed_tei, "//tei:front//tei:editor[@role='translator']")
    ]
    assert names == ["Richard Greeman", "Mitchell Abidor"]


def test_five_notes_in_place(seed_tei: etree._Element) -> None:
    notes = q(seed_tei, "//tei:body//tei:note")
    assert [n.get("n") for n in notes] == ["1", "2", "3", "4", "5"]
    assert [n.get(XML_ID) for n in notes] == ["note1", "note2", "note3", "note4", "note5"]
    targets = [r.get("target") for n in notes for r in q(n, "tei:ref")]
    assert targets == ["#serge2012a", "#serge2012b", "#serge2010", "#sedova2016", "#cotterill1994"]
    # note 1 stands right after "Memoirs of a Revolutionary" in the first paragraph
    assert (notes[0].getparent().text or "").endswith("his remarkable Memoirs of a Revolutionary")
    assert text(notes[0], ".") == "For the first complete English translation see Serge 2012a."
    assert notes[0].tail.startswith(" and novels such as The Case of Comrade Tulayev")
    assert text(notes[4], ".") == "See Cotterill 1994."


def test_twenty_four_page_citations(seed_tei: etree._Element) -> None:
    ranges = q(seed_tei, "//tei:body//tei:citedRange")
    found = [(r.text, int(r.get("from")), int(r.get("to"))) for r in ranges]
    assert found == PAGE_CITATIONS
    assert all(r.get("unit") == "page" for r in ranges)
    # none of them names a work, so all point at the reviewed work
    assert {b.get("corresp") for b in q(seed_tei, "//tei:body//tei:bibl")} == {"#serge2019"}


def test_quotation_then_page_citation_is_one_cit(seed_tei: etree._Element) -> None:
    cits = q(seed_tei, "//tei:body//tei:cit")
    assert [text(c, "tei:bibl/tei:citedRange") for c in cits] == CIT_PAGES
    first = cits[0]
    assert text(first, "tei:quote") == "Dead men on top of dead men"
    assert "".join(first.itertext()) == "Dead men on top of dead men (p37)"


def test_quotation_marks_become_elements(seed_tei: etree._Element) -> None:
    body = "".join(q(seed_tei, "//tei:body")[0].itertext())
    assert "“" not in body and "”" not in body
    body_source = SEED.read_text(encoding="utf-8").split("Abidor, Mitchell 2019")[0]
    assert len(q(seed_tei, "//tei:body//tei:quote")) == body_source.count("“") == 29
    assert "Serge’s" in body  # apostrophes are kept as characters


def test_nine_references(seed_tei: etree._Element) -> None:
    entries = q(seed_tei, "//tei:back/tei:div[@type='bibliography']/tei:listBibl/tei:biblStruct")
    assert [e.get(XML_ID) for e in entries] == [
        "abidor2019", "cotterill1994", "greeman1994", "sedova1951", "sedova2016",
        "serge2003", "serge2010", "serge2012a", "serge2012b",
    ]  # fmt: skip
    assert all(q(e, "tei:note[@type='raw_reference']") for e in entries)


def _entry(root: etree._Element, key: str) -> etree._Element:
    (entry,) = q(root, f"//tei:back//tei:biblStruct[@xml:id='{key}']")
    return entry


def _names(entry: etree._Element, role: str) -> list[str]:
    return [
        text(p, "tei:surname") + ", " + text(p, "tei:forename")
        for p in q(entry, f".//tei:{role}/tei:persName")
    ]


def test_greeman1994_is_a_journal_article(seed_tei: etree._Element) -> None:
    entry = _entry(seed_tei, "greeman1994")
    assert entry.get("type") == "journalArticle"
    assert _names(entry, "author") == ["Greeman, Richard"]
    assert (
        text(entry, "tei:analytic/tei:title[@level='a']")
        == "The Victor Serge Affair and the French Literary Left"
    )
    assert text(entry, "tei:monogr/tei:title[@level='j']") == "Revolutionary History"
    assert text(entry, ".//tei:biblScope[@unit='volume']") == "5"
    assert text(entry, ".//tei:biblScope[@unit='issue']") == "3"
    assert q(entry, ".//tei:imprint/tei:date/@when") == ["1994"]


def test_sedova1951_in_the_militant(seed_tei: etree._Element) -> None:
    entry = _entry(seed_tei, "sedova1951")
    assert entry.get("type") == "journalArticle"
    assert text(entry, "tei:analytic/tei:title") == "Letter of Resignation"
    assert text(entry, "tei:monogr/tei:title[@level='j']") == "The Militant"
    assert text(entry, ".//tei:biblScope[@unit='volume']") == "15"
    assert text(entry, ".//tei:biblScope[@unit='issue']") == "23"
    assert q(entry, ".//tei:imprint/tei:date/@when") == ["1951-06-04"]


def test_cotterill1994_has_an_editor_not_an_author(seed_tei: etree._Element) -> None:
    entry = _entry(seed_tei, "cotterill1994")
    assert entry.get("type") == "book"
    assert _names(entry, "editor") == ["Cotterill, David"]
    assert _names(entry, "author") == []
    assert text(entry, "tei:monogr/tei:title[@level='m']") == "The Serge-Trotsky Papers"
    assert text(entry, ".//tei:publisher") == "Pluto"


def test_sedova2016_has_two_authors(seed_tei: etree._Element) -> None:
    entry = _entry(seed_tei, "sedova2016")
    assert _names(entry, "author") == ["Sedova, Natalia", "Serge, Victor"]
    assert text(entry, "tei:monogr/tei:title") == "Life and Death of Leon Trotsky"
    assert text(entry, ".//tei:publisher") == "Haymarket"


def test_abidor2019_newspaper_with_day_and_month(seed_tei: etree._Element) -> None:
    entry = _entry(seed_tei, "abidor2019")
    assert entry.get("type") == "newspaperArticle"
    assert text(entry, "tei:analytic/tei:title") == "Victor Serge: Indispensable Critic of Leftist Illusion"
    assert text(entry, "tei:monogr/tei:title") == "The New York Review"
    assert q(entry, ".//tei:imprint/tei:date/@when") == ["2019-02-28"]


@pytest.mark.parametrize(
    ("key", "kind", "title", "container", "publisher", "year_text"),
    [
        ("serge2003", "journalArticle", "To René Lefeuvre", "Revolutionary History", "", "2003"),
        ("serge2010", "book", "Retour à l’Ouest: Chroniques (juin 1936-mai 1940)", "", "Agone", "2010"),
        ("serge2012a", "book", "Memoirs of a Revolutionary", "", "New York Review Books", "2012a"),
        ("serge2012b", "book", "Carnets 1936-1947", "", "Agone", "2012b"),
    ],
)
def test_serge_entries(
    seed_tei: etree._Element, key: str, kind: str, title: str, container: str, publisher: str, year_text: str
) -> None:
    entry = _entry(seed_tei, key)
    assert entry.get("type") == kind
    assert _names(entry, "author") == ["Serge, Victor"]
    level = "a" if container else "m"
    assert text(entry, f".//tei:title[@level='{level}']") == title
    if container:
        assert text(entry, "tei:monogr/tei:title[@level='j']") == container
    assert text(entry, ".//tei:publisher") == publisher
    assert text(entry, ".//tei:imprint/tei:date") == year_text


def test_sloppy_reference_is_read_with_a_warning() -> None:
    from exporter.reader import read_review

    _, diagnostics = read_review(SEED)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(lines, 1) if t.startswith("Serge Victor 2010"))
    warnings = [d for d in diagnostics if d.severity == "warning"]
    assert [d.line for d in warnings] == [line]
    assert "Serge, Victor" in warnings[0].message
