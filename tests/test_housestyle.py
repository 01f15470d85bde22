"""The house-style renderer: entries written back as the review writes its reference list."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from exporter.tei import parse_xml
from exporter.writers.bib.housestyle import render_entry, render_text
from exporter.writers.html import XHTML_NS
from tests.tei_helpers import XML_ID, q

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bib"
H = {"h": XHTML_NS}

# The seed's reference list as the source writes it (seeds/serge-final-words.txt), copied by hand;
# the one deliberate change is the comma that the source forgot after 'Serge' in 2010.
SEED_REFERENCES = {
    "abidor2019": "Abidor, Mitchell 2019, “Victor Serge: Indispensable Critic of Leftist Illusion”, "
    "The New York Review, 28 February.",
    "cotterill1994": "Cotterill, David (ed.) 1994, The Serge-Trotsky Papers, Pluto.",
    "greeman1994": "Greeman, Richard 1994, “The Victor Serge Affair and the French Literary Left”, "
    "Revolutionary History, 5, 3.",
    "sedova1951": "Sedova, Natalia 1951, Letter of Resignation, The Militant, 15, 23, 4 June.",
    "sedova2016": "Sedova, Natalia and Victor Serge 2016, Life and Death of Leon Trotsky, Haymarket.",
    "serge2003": "Serge, Victor 2003, “To René Lefeuvre”, Revolutionary History, 8, 3.",
    "serge2010": "Serge, Victor 2010, Retour à l’Ouest: Chroniques (juin 1936-mai 1940), Agone.",
    "serge2012a": "Serge, Victor 2012a, Memoirs of a Revolutionary, New York Review Books.",
    "serge2012b": "Serge, Victor 2012b, Carnets 1936-1947, Agone.",
}
# What is in italics: the book, journal or newspaper.
SEED_CITES = {
    "abidor2019": ["The New York Review"],
    "cotterill1994": ["The Serge-Trotsky Papers"],
    "greeman1994": ["Revolutionary History"],
    "sedova1951": ["The Militant"],
    "sedova2016": ["Life and Death of Leon Trotsky"],
    "serge2003": ["Revolutionary History"],
    "serge2010": ["Retour à l’Ouest: Chroniques (juin 1936-mai 1940)"],
    "serge2012a": ["Memoirs of a Revolutionary"],
    "serge2012b": ["Carnets 1936-1947"],
}


def entries(tei: etree._Element) -> dict[str, etree._Element]:
    return {e.get(XML_ID) or "": e for e in q(tei, "//tei:listBibl/*")}


@pytest.fixture(scope="module")
def every_type() -> dict[str, etree._Element]:
    return entries(parse_xml((FIXTURES / "every-type.xml").read_bytes()).getroot())


@pytest.mark.parametrize("key", sorted(SEED_REFERENCES))
def test_seed_reference_strings_come_back(seed_tei: etree._Element, key: str) -> None:
    bibl = entries(seed_tei)[key]
    assert render_text(bibl) == SEED_REFERENCES[key]
    span = render_entry(bibl)
    assert [c.text for c in span.findall("h:cite", H)] == SEED_CITES[key]


def test_seed_has_nine_references(seed_tei: etree._Element) -> None:
    assert len(q(seed_tei, "//tei:back//tei:listBibl/*")) == len(SEED_REFERENCES) == 9


def test_reviewed_work_in_heading_form(seed_tei: etree._Element) -> None:
    span = render_entry(entries(seed_tei)["serge2019"])
    # The source's heading, with the translators that the sidecar metadata adds.
    assert "".join(span.itertext()) == (
        "Victor Serge, Notebooks 1936-1947, translated by Richard Greeman and Mitchell Abidor, "
        "New York Review Books, 2019."
    )
    assert [c.text for c in span.findall("h:cite", H)] == ["Notebooks 1936-1947"]


def test_markup_is_an_xhtml_span(seed_tei: etree._Element) -> None:
    span = render_entry(entries(seed_tei)["greeman1994"])
    assert span.tag == f"{{{XHTML_NS}}}span"
    assert span.get("class") == "reference"
    assert span.text == "Greeman, Richard 1994, “The Victor Serge Affair and the French Literary Left”, "
    assert etree.tostring(span, encoding="unicode") == (
        f'<span xmlns="{XHTML_NS}" class="reference">Greeman, Richard 1994, “The Victor Serge Affair and '
        "the French Literary Left”, <cite>Revolutionary History</cite>, 5, 3.</span>"
    )


EVERY_TYPE = {
    "beauvoir1949": "Simone de Beauvoir, Le Deuxième Sexe, translated by Constance Borde, "
    "Paris: Gallimard, 1949.",
    "smith2020": "Smith, Jane and Ann Lee 2020, “Reading Trotsky in the DNA age”, Journal of Studies, "
    "12, 3, pp45-67, https://doi.org/10.1000/xyz123.",
    "jones2021": "Jones, Peter 2021, “Strike at the Docks”, The Guardian, 1 May, "
    "https://example.org/strike?id=1&page=2.",
    "brown2005": "Brown, Mary 2005, “Exile and Memory”, in Tom Green and Sara White (eds), "
    "Writing the Revolution, London: Verso, pp101-20.",
    "marxists2019": "Marxists Internet Archive 2019, “Victor Serge Archive”, Marxists.org, "
    "https://www.marxists.org/archive/serge/, accessed 2 March 2024.",
    "garcia2015": "García Márquez, Luis 2015, The Left Opposition in Exile, 1929-1940, "
    "Glasgow: University of Glasgow.",
    "green1998": "Green, Tom and Sara White (eds) 1998, Witnesses of the Century, "
    "New York: Monthly Review Press.",
    "anon1950": "Anonymous pamphlet, printed privately, 1950.",
}


@pytest.mark.parametrize("key", sorted(EVERY_TYPE))
def test_every_kind_of_entry(every_type: dict[str, etree._Element], key: str) -> None:
    assert render_text(every_type[key]) == EVERY_TYPE[key]


def test_links_are_live(every_type: dict[str, etree._Element]) -> None:
    span = render_entry(every_type["jones2021"])
    (link,) = span.findall("h:a", H)
    assert link.get("href") == link.text == "https://example.org/strike?id=1&page=2"
    assert link.tail == "."


def test_chapter_cites_the_book(every_type: dict[str, etree._Element]) -> None:
    span = render_entry(every_type["brown2005"])
    assert [c.text for c in span.findall("h:cite", H)] == ["Writing the Revolution"]


def test_plain_bibl_fallback_has_no_markup(every_type: dict[str, etree._Element]) -> None:
    span = render_entry(every_type["anon1950"])
    assert len(span) == 0
    assert span.text == "Anonymous pamphlet, printed privately, 1950."


def test_thesis_type_and_missing_year() -> None:
    tei = """<biblStruct xmlns="http://www.tei-c.org/ns/1.0" type="thesis" xml:id="doe">
      <monogr><author><persName><forename>J.</forename><surname>Doe</surname></persName></author>
        <title level="m">On Exile</title><note type="thesisType">PhD thesis</note>
        <imprint><publisher>University of Leeds</publisher></imprint></monogr></biblStruct>"""
    bibl = etree.fromstring(tei)
    assert render_text(bibl) == "Doe, J. n.d., On Exile, PhD thesis, University of Leeds."
