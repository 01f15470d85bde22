"""Finding the reference list in any style, and linking citations to it tolerantly.

Each case gives the diagnostic the reader prints and the TEI it writes; the expected values are
written by hand from the review texts below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader import read_review
from exporter.reader.citations import closest_key
from exporter.reader.references.finding import looks_like_reference
from exporter.writers.bib import styles
from exporter.writers.html import XHTML_NS
from exporter.writers.html.transform import to_xhtml
from tests.tei_helpers import XML_ID, q, text

HEAD = "Review: A title\n\nJane Doe, A Book, Verso, 2020.\n\n"


def read(tmp_path: Path, body: str) -> tuple[etree._Element | None, list[str]]:
    path = tmp_path / "review.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    root, diagnostics = read_review(path)
    return root, [_short(d) for d in diagnostics]


def _short(d: Diagnostic) -> str:
    return f"{d.line}:{d.col}: {d.severity}: {d.message}"


def keys(root: etree._Element) -> list[str]:
    return [e.get(XML_ID) or "" for e in q(root, "//tei:back//tei:listBibl/*")]


def test_a_dangling_citation_is_a_warning_and_stays_text(tmp_path: Path) -> None:
    root, diagnostics = read(
        tmp_path,
        "As Smith argues (Smith 2002, 4), and Jones agrees.\n\nSmith, John 2001, Some Title, Pluto.\n",
    )
    assert diagnostics == [
        "5:18: warning: citation 'Smith 2002' matches no entry in the reference list; kept as text, not linked"
    ]
    assert root is not None
    assert q(root, "//tei:body//tei:ref | //tei:body//tei:bibl") == []
    assert text(root, "//tei:body/tei:p") == "As Smith argues (Smith 2002, 4), and Jones agrees."


def test_a_misspelt_surname_is_linked_with_did_you_mean(tmp_path: Path) -> None:
    root, diagnostics = read(
        tmp_path, "Counting words (Jokers 2013, 47).\n\nJockers, Matthew 2013, Macroanalysis, Illinois.\n"
    )
    assert diagnostics == [
        "5:17: warning: citation 'Jokers 2013' matches no entry exactly; linked to 'Jockers 2013': did you mean that?"
    ]
    assert root is not None
    [bibl] = q(root, "//tei:body//tei:bibl")
    assert bibl.get("corresp") == "#jockers2013"
    assert text(bibl, "tei:ref") == "Jokers 2013"


def test_one_citation_of_a_group_may_dangle(tmp_path: Path) -> None:
    root, diagnostics = read(
        tmp_path,
        "Both say so (Rhodes 2016; Brewer 2019).\n\nRhodes, Anne 2016, A Book, Verso.\n",
    )
    assert diagnostics == [
        "5:27: warning: citation 'Brewer 2019' matches no entry in the reference list; kept as text, not linked"
    ]
    assert root is not None
    assert [(r.get("target"), r.text) for r in q(root, "//tei:body//tei:ref")] == [
        ("#rhodes2016", "Rhodes 2016")
    ]
    assert text(root, "//tei:body/tei:p") == "Both say so (Rhodes 2016; Brewer 2019)."


def test_a_list_that_starts_with_della_porta_is_a_reference_list(tmp_path: Path) -> None:
    body = (
        "Social movements are studied at length (della Porta 2015).\n\n"
        "della Porta, Donatella 2015, Social Movements in Times of Austerity, Polity.\n\n"
        "Tarrow, Sidney 2011, Power in Movement, Cambridge University Press.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert diagnostics == []
    assert root is not None
    assert keys(root) == ["dellaporta2015", "tarrow2011"]
    assert [(r.get("target"), r.text) for r in q(root, "//tei:body//tei:ref")] == [
        ("#dellaporta2015", "della Porta 2015")
    ]
    assert len(q(root, "//tei:body/tei:p")) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "Works Cited",
        "## Bibliography",
        "Literatur",
        "Literaturverzeichnis",
        "Références",
        "Bibliographie:",
    ],
)
def test_a_heading_in_any_language_opens_the_list(tmp_path: Path, heading: str) -> None:
    body = f"A paragraph.\n\n{heading}\n\nSmith, John 2001, Some Title, Pluto.\n"
    root, _ = read(tmp_path, body)
    assert root is not None
    assert keys(root) == ["smith2001"]
    assert text(root, "//tei:back//tei:head") == heading.lstrip("# ").rstrip(":")


def test_an_entry_with_no_year_is_dated_nd_with_a_warning(tmp_path: Path) -> None:
    body = (
        "A paragraph.\n\nReferences\n\nSmith, John 2001, Some Title, Pluto.\n\n"
        "Text Encoding Initiative, TEI P5: Guidelines for Electronic Text Encoding and Interchange.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert diagnostics == [
        "11:1: warning: no year in reference 'Text Encoding Initiative, TEI P5: Guidelines for Electron…'; "
        "dated 'n.d.': add the year if the work has one"
    ]
    assert root is not None
    [entry] = q(root, "//tei:back//tei:biblStruct[2]")
    assert text(entry, "tei:monogr/tei:author/tei:orgName") == "Text Encoding Initiative"
    assert (
        text(entry, "tei:monogr/tei:title")
        == "TEI P5: Guidelines for Electronic Text Encoding and Interchange"
    )
    [date] = q(entry, "tei:monogr/tei:imprint/tei:date")
    assert (date.text, date.get("when")) == ("n.d.", None)
    assert entry.get(XML_ID) == "textencodinginitiativend"


def test_a_page_with_neither_name_nor_year_is_a_web_page_keyed_by_its_title(tmp_path: Path) -> None:
    body = (
        "A paragraph.\n\nReferences\n\nSmith, John 2001, Some Title, Pluto.\n\n"
        "Trompamusic, https://example.org/trompa.\n\nThe Encoding Manual. https://example.org/manual.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert diagnostics == [
        "11:1: warning: no year in reference 'Trompamusic, https://example.org/trompa.'; "
        "dated 'n.d.': add the year if the work has one",
        "13:1: warning: no year in reference 'The Encoding Manual. https://example.org/manual.'; "
        "dated 'n.d.': add the year if the work has one",
    ]
    assert root is not None
    pages = q(root, "//tei:back//tei:biblStruct[@type='webpage']")
    assert [(p.get(XML_ID), text(p, "tei:monogr/tei:title")) for p in pages] == [
        ("trompamusicnd", "Trompamusic"),
        ("encodingnd", "The Encoding Manual"),
    ]
    assert q(pages[0], "tei:ptr/@target") == ["https://example.org/trompa"]


def test_a_numbered_list_under_a_heading_is_not_notes(tmp_path: Path) -> None:
    body = "A paragraph.\n\nReferences\n\n[1] Smith, John 2001, Some Title, Pluto.\n\n[2] Doe, Jane 2003, Other Title, Verso.\n"
    root, diagnostics = read(tmp_path, body)
    assert root is not None
    assert [(e.get(XML_ID), e.get("n")) for e in q(root, "//tei:back//tei:biblStruct")] == [
        ("smith2001", "1"),
        ("doe2003", "2"),
    ]
    assert q(root, "//tei:note[@place]") == []
    assert diagnostics == []


@pytest.mark.parametrize(
    ("entries", "count"),
    [
        (  # no heading: Chicago's year at the end, a title with commas
            "Jockers, Matthew L. Macroanalysis: Digital Methods and Literary History. Urbana: "
            "University of Illinois Press, 2013.\n\nMoretti, Franco. Graphs, Maps, Trees. London: Verso, 2005.\n",
            2,
        ),
        (  # a dated entry without an author stays in the list its neighbours make
            "Smith, John 2001, Some Title, Pluto.\n\nDoe, Jane 2003, Other Title, Verso.\n\n"
            "“Digital Editions.” Wikipedia. Accessed 3 May 2020.\n",
            3,
        ),
        (  # the list opens with a work with no author, its title quoted, and a date
            "“Cork’s Musical Families.” The Cork Chronicle (3 May 2011). https://example.org/cork.\n\n"
            "Moretti, Franco. Graphs, Maps, Trees. London: Verso, 2005.\n",
            2,
        ),
        (  # the list opens with an organisation and no year, one entry's link 500 characters long
            "British Library et al. Codex Sinaiticus. https://example.org/codex.\n\n"
            f"Universitätsbibliothek Leipzig. OPAC-Eintrag. Accessed: 20.05.2014. https://example.org/{'x' * 500}.\n\n"
            "Moretti, Franco. Graphs, Maps, Trees. London: Verso, 2005.\n",
            3,
        ),
    ],
)
def test_a_list_with_no_heading_is_found_by_its_shape(tmp_path: Path, entries: str, count: int) -> None:
    root, _ = read(tmp_path, "A paragraph citing Jockers (2013) and Moretti.\n\n" + entries)
    assert root is not None
    assert len(q(root, "//tei:body/tei:p")) == 1
    assert len(q(root, "//tei:back//tei:listBibl/*")) == count


def test_references_cut_off_from_the_list_are_warned_about(tmp_path: Path) -> None:
    annotated = "A long note on method that holds no date and runs on " * 10
    body = (
        "A paragraph.\n\n"
        "Smith, John 2001, Some Title, Pluto.\n\n"
        "Doe, Jane 2003, Other Title, Verso.\n\n"
        f"{annotated.strip()}.\n\n"
        "Roe, Richard 2005, A Third Title, Verso.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert root is not None
    assert keys(root) == ["roe2005"]
    assert diagnostics == [
        "7:1: warning: 2 paragraphs from here look like references but were read as body text; "
        "if they are the reference list, put a heading such as 'References' above it"
    ]


@pytest.mark.parametrize(
    ("block", "is_reference"),
    [
        ("della Porta, Donatella 2015, Social Movements in Times of Austerity, Polity.", True),
        ("van der Linden, Marcel. Workers of the World. Leiden: Brill, 2008.", True),
        ("Ghernaouti-Hélié, Solange (2010). Cyber Power. Lausanne: EPFL Press.", True),
        ("Jockers, M. L. (2013). Macroanalysis. University of Illinois Press.", True),
        ("United Nations 2015, Transforming our World, United Nations.", True),
        ("———. Graphs, Maps, Trees. London: Verso, 2005.", True),
        ("[3] Smith, John. A Book. Verso, 2001.", True),
        ("Victor Serge was one of the great witnesses of 1917.", False),
        ("Smith, however, argued in 1990 that nothing changed.", False),
        ("Text Encoding Initiative, TEI P5: Guidelines.", False),
        ("Arbeitskreis „Quellen der Neuzeit“, Hrsg. 2013. Empfehlungen. https://example.org/e.pdf", True),
        ("Vogt, Lea, Hrsg. 2017. Tagebücher. Wolfenbüttel: HAB.", True),
        ("Der Arbeitskreis „Quellen der Neuzeit“ tagte 2013 in Halle.", False),
    ],
)
def test_the_shape_of_a_reference(block: str, is_reference: bool) -> None:
    assert looks_like_reference(block) == is_reference


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("jokers2013", "jockers2013"),  # one letter dropped
        ("jockres2013", "jockers2013"),  # two letters swapped
        ("jockers2014", None),  # another year is another work
        ("bode2012a", "bode2012"),  # a suffix the entry lacks
        ("serge2012", None),  # 2012a or 2012b: not one
        ("lee2019", None),  # too short a surname to guess at
    ],
)
def test_closest_key(key: str, expected: str | None) -> None:
    entries = {"jockers2013", "bode2012", "serge2012a", "serge2012b", "lee2018", "lea2019"}
    assert closest_key(key, entries) == expected


def test_a_quoting_paragraph_before_a_list_stays_in_the_body(tmp_path: Path) -> None:
    root, _ = read(
        tmp_path,
        "A paragraph citing Moretti (2005).\n\n“The past is a foreign country,” wrote Hartley in 1953.\n\n"
        "Moretti, Franco. Graphs, Maps, Trees. London: Verso, 2005.\n",
    )
    assert root is not None
    assert len(q(root, "//tei:body/tei:p")) == 2
    assert len(q(root, "//tei:back//tei:listBibl/*")) == 1


def test_a_list_in_parts_keeps_each_parts_heading(tmp_path: Path) -> None:
    body = (
        "A paragraph citing Smith (2001) and Doe (2003).\n\n## Works Cited\n\n## Primary\n\n"
        "Smith, John 2001, Some Title, Pluto.\n\n## Secondary\n\nDoe, Jane 2003, Other Title, Verso.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert root is not None and diagnostics == []
    parts = q(root, "//tei:back/tei:div/tei:listBibl")
    assert [(text(p, "tei:head"), [e.get(XML_ID) for e in q(p, "tei:biblStruct")]) for p in parts] == [
        ("Primary", ["smith2001"]),
        ("Secondary", ["doe2003"]),
    ]
    x = {"x": XHTML_NS}
    house = to_xhtml(root, "epub")
    assert house.xpath("//x:section[@id='bibliography']/x:h3/text()", namespaces=x) == [
        "Primary",
        "Secondary",
    ]
    assert [len(u) for u in house.xpath("//x:section[@id='bibliography']/x:ul", namespaces=x)] == [1, 1]
    styled = to_xhtml(root, "epub", str(styles.resolve("apa")))  # a style orders the whole list
    assert styled.xpath("//x:section[@id='bibliography']/x:h3", namespaces=x) == []
    assert [len(u) for u in styled.xpath("//x:section[@id='bibliography']/x:ul", namespaces=x)] == [2]


def test_et_al_and_german_u_a_are_warned_about_as_written(tmp_path: Path) -> None:
    body = (
        "A paragraph.\n\nReferences\n\nSmith, John, et al. 2001. Some Title. London: Verso.\n\n"
        "Bunge, Eva [u. a.]: Neue Services. In: Technikgeschichte 85 (2018), S. 195–201.\n"
    )
    root, diagnostics = read(tmp_path, body)
    assert [d.split(": ", 2)[2] for d in diagnostics] == [
        "'et al.' in reference: the names it stands for are unknown",
        "'u. a.' in reference: the names it stands for are unknown",
    ]
    assert root is not None
    assert [text(a, ".//tei:surname") for a in q(root, "//tei:back//tei:author")] == ["Smith", "Bunge"]
