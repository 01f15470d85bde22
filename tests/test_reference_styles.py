"""One reference in each style scholars use, read into the TEI fields the writers use.

The strings are typical entries of each style; the expected fields are written by hand from what
each entry says, not from the reader's output. Where the trained model gets one wrong, the case
is marked xfail(strict=True) with the reason, so that a fix shows and the expectation stays honest.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from exporter.reader.references import parse_reference
from tests.tei_helpers import XML_ID, q, text

CASES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "apa-article",
        "Romero, C., Paunesku, D., & Dweck, C. (2011). Brainology in the classroom. Journal of Learning, 5(3), 12–34. https://doi.org/10.1234/jl.2011.5",
        {
            "key": "romero2011",
            "type": "journalArticle",
            "authors": ["Romero, C.", "Paunesku, D.", "Dweck, C."],
            "title": "Brainology in the classroom",
            "container": "Journal of Learning",
            "volume": "5",
            "issue": "3",
            "pages": ("12", "34"),
            "year": "2011",
        },
    ),
    (
        "mla-book",
        "Jockers, Matthew L. Macroanalysis: Digital Methods and Literary History. University of Illinois Press, 2013.",
        {
            "key": "jockers2013",
            "type": "book",
            "authors": ["Jockers, Matthew L."],
            "title": "Macroanalysis: Digital Methods and Literary History",
            "publisher": "University of Illinois Press",
            "year": "2013",
        },
    ),
    (
        "chicago-author-date-chapter",
        "Flanders, Julia. 2009. “The Productive Unease of 21st-Century Digital Scholarship.” In Text and Genre in Reconstruction, edited by Willard McCarty, 95–118. Cambridge: Open Book Publishers.",
        {
            "key": "flanders2009",
            "type": "bookSection",
            "authors": ["Flanders, Julia"],
            "editors": ["McCarty, Willard"],
            "title": "The Productive Unease of 21st-Century Digital Scholarship",
            "container": "Text and Genre in Reconstruction",
            "publisher": "Open Book Publishers",
            "place": "Cambridge",
            "pages": ("95", "118"),
            "year": "2009",
        },
    ),
    (
        "chicago-notes-bibliography-book",
        "Moretti, Franco. Graphs, Maps, Trees: Abstract Models for Literary History. London: Verso, 2005.",
        {
            "key": "moretti2005",
            "type": "book",
            "authors": ["Moretti, Franco"],
            "title": "Graphs, Maps, Trees: Abstract Models for Literary History",
            "publisher": "Verso",
            "place": "London",
            "year": "2005",
        },
    ),
    (
        "harvard-article",
        "Greeman, R. (1994) ‘The Victor Serge affair and the French literary left’, Revolutionary History, 5(3), pp. 143–159.",
        {
            "key": "greeman1994",
            "type": "journalArticle",
            "authors": ["Greeman, R."],
            "title": "The Victor Serge affair and the French literary left",
            "container": "Revolutionary History",
            "volume": "5",
            "issue": "3",
            "pages": ("143", "159"),
            "year": "1994",
        },
    ),
    (
        "german-edited-volume",
        "Sahle, Patrick (Hg.): Digitale Editionsformen. Zum Umgang mit der Überlieferung unter den Bedingungen des Medienwandels. Norderstedt: BoD, 2013.",
        {
            "key": "sahle2013",
            "type": "book",
            "editors": ["Sahle, Patrick"],
            "title": "Digitale Editionsformen. Zum Umgang mit der Überlieferung unter den Bedingungen des Medienwandels",
            "publisher": "BoD",
            "place": "Norderstedt",
            "year": "2013",
        },
    ),
    (
        "french-chapter",
        "Dacos, Marin et Pierre Mounier. « Les humanités numériques ». In Pierre Mounier (dir.), Read/Write Book 2, Marseille, OpenEdition Press, 2012, p. 25-40.",
        {
            "key": "dacos2012",
            "type": "bookSection",
            "authors": ["Dacos, Marin", "Mounier, Pierre"],
            "title": "Les humanités numériques",
            "pages": ("25", "40"),
            "year": "2012",
        },
    ),
    (
        "house-style",
        "Greeman, Richard 1994, “The Victor Serge Affair and the French Literary Left”, Revolutionary History, 5, 3.",
        {
            "key": "greeman1994",
            "type": "journalArticle",
            "authors": ["Greeman, Richard"],
            "title": "The Victor Serge Affair and the French Literary Left",
            "container": "Revolutionary History",
            "volume": "5",
            "issue": "3",
            "year": "1994",
        },
    ),
]


def _names(node: etree._Element, role: str) -> list[str]:
    out = []
    for person in q(node, f".//tei:{role}[not(@role='translator')]"):
        given = " ".join(f.text or "" for f in q(person, ".//tei:forename"))
        surname = text(person, ".//tei:surname") or text(person, ".//tei:orgName")
        out.append(f"{surname}, {given}" if given else surname)
    return out


def fields_of(bibl: etree._Element) -> dict[str, Any]:
    analytic = q(bibl, "tei:analytic")
    title = text(bibl, "tei:analytic/tei:title") if analytic else text(bibl, "tei:monogr/tei:title")
    pages = q(bibl, ".//tei:biblScope[@unit='page']")
    return {
        "key": bibl.get(XML_ID),
        "type": bibl.get("type"),
        "authors": _names(bibl, "author"),
        "editors": _names(bibl, "editor"),
        "title": title,
        "container": text(bibl, "tei:monogr/tei:title") if analytic else None,
        "publisher": text(bibl, ".//tei:publisher") or None,
        "place": text(bibl, ".//tei:pubPlace") or None,
        "volume": text(bibl, ".//tei:biblScope[@unit='volume']") or None,
        "issue": text(bibl, ".//tei:biblScope[@unit='issue']") or None,
        "pages": (pages[0].get("from"), pages[0].get("to")) if pages else None,
        "year": text(bibl, "tei:monogr/tei:imprint/tei:date[not(@type)]") or None,
    }


@pytest.mark.parametrize(("style", "reference", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_reference_in_each_style(style: str, reference: str, expected: dict[str, Any]) -> None:
    bibl, _ = parse_reference(reference, "refs.txt", 1, 1)
    got = fields_of(bibl)
    assert {k: got[k] for k in expected} == expected
    assert text(bibl, "tei:note[@type='raw_reference']") == reference
