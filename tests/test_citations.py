"""In-text citations and note calls in the forms real reviews write them.

Each expected fragment below was written by hand from the review text it reads: a review made of
one paragraph and a fixed reference list, whose first author-date entries are listed in REFERENCES.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader import read_review
from exporter.tei import TEI_NS, xpath

REVIEWED = "Matthew L. Jockers, Macroanalysis, University of Illinois Press, 2013."
REFERENCES = """\
Bailey, Jane, Tom Smith and Ann Roe 2019, A Title, Press.

Berger, Paul and Solange Ghernaouti-Hélié 2010, Another Title, Press.

Brewer, Tom 2019, Third Title, Press.

Jockers, Matthew L. 2013, Macroanalysis, University of Illinois Press.

Moretti, Franco 2005, Graphs, Maps, Trees, Verso.

Rhodes, Ann 2016, Fourth Title, Press.

Unsworth, John 2000, Scholarly Primitives, Press.
"""


def read(body: str, notes: str = "", references: str = REFERENCES) -> tuple[etree._Element, list[Diagnostic]]:
    text = f"Review: Forms\n\n{REVIEWED}\n\n{body}\n\n{references}\n{notes}"
    root, diagnostics = read_review(Path("forms.txt"), text.encode())
    assert root is not None, diagnostics
    return root, diagnostics


def paragraph(body: str, notes: str = "") -> str:
    """The first body paragraph as XML, without the TEI namespace declaration."""
    root, _ = read(body, notes)
    (p,) = xpath(root, "//tei:body/tei:p[1]")
    xml = etree.tostring(p, encoding="unicode", with_tail=False)
    return re.sub(rf' xmlns="{re.escape(TEI_NS)}"', "", xml)


def test_a_bracketed_year_after_a_name_is_a_citation_not_a_note_call() -> None:
    assert paragraph("As Unsworth [2000] argued.") == (
        '<p>As <ref target="#unsworth2000">Unsworth [2000]</ref> argued.</p>'
    )


def test_a_bracketed_year_after_a_name_no_entry_has_stays_text_and_is_no_note_call() -> None:
    root, diagnostics = read("As Jones [2000] argued.")
    assert xpath(root, "//tei:body//tei:ref | //tei:body//tei:note") == []
    assert [d.severity for d in diagnostics] == []


def test_a_note_call_after_a_name_is_still_a_note_call() -> None:
    assert paragraph("As Unsworth [1] argued.", "[1] A note.") == (
        '<p>As Unsworth <note n="1" place="foot" xml:id="note1">A note.</note> argued.</p>'
    )


def test_note_numbers_above_9999_are_notes() -> None:
    count = 10_001
    body = " ".join(f"Word{n}.[{n}]" for n in range(1, count + 1))
    notes = "\n\n".join(f"[{n}] Note {n}." for n in range(1, count + 1))
    root, diagnostics = read(body, notes)
    assert diagnostics == []
    numbers = [n.get("n") for n in xpath(root, "//tei:body//tei:note")]
    assert numbers == [str(n) for n in range(1, count + 1)]
    (last,) = xpath(root, "//tei:note[@n='10001']")
    assert last.text == "Note 10001."
