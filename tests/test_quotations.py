"""Quotations as English, French, German and Swiss reviews mark them; the review's language.

Every expected value below was written by hand from the review text it reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader import read_review
from exporter.tei import TEI_NS, XML_LANG, xpath
from exporter.writers.html import XHTML_NS
from exporter.writers.html.transform import to_xhtml

NBSP, NARROW = "\u00a0", "\u202f"


def read(body: str, folder: Path, language: str | None = None) -> tuple[etree._Element, list[Diagnostic]]:
    path = folder / "review.txt"
    path.write_text(f"Review: Marks\n\nJane Doe, A Book, Verso, 2020.\n\n{body}\n", encoding="utf-8")
    if language:
        path.with_suffix(".toml").write_text(f'[review]\nlanguage = "{language}"\n', encoding="utf-8")
    root, diagnostics = read_review(path)
    assert root is not None, diagnostics
    return root, diagnostics


def paragraph(root: etree._Element) -> str:
    (p,) = xpath(root, "//tei:body/tei:p")
    return re.sub(
        rf' xmlns="{re.escape(TEI_NS)}"', "", etree.tostring(p, encoding="unicode", with_tail=False)
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("so “one ‘two’ three”.", "<p>so <quote>one <quote>two</quote> three</quote>.</p>"),
        ('so "one" and "two".', "<p>so <quote>one</quote> and <quote>two</quote>.</p>"),
        # French: the no-break or narrow spaces inside the marks are kept as the source has them
        (
            f"so «{NBSP}un mot{NBSP}» et «{NARROW}deux{NARROW}».",
            f"<p>so <quote>{NBSP}un mot{NBSP}</quote> et <quote>{NARROW}deux{NARROW}</quote>.</p>",
        ),
        # German: „…“ with ‚…‘ inside, »…« with ›…‹ inside; Swiss «…» without spaces
        ("so „eins ‚zwei‘ drei“.", "<p>so <quote>eins <quote>zwei</quote> drei</quote>.</p>"),
        # „…" closed with a straight mark, as text typed without the German closing mark has it
        ('so „eins" und „zwei".', "<p>so <quote>eins</quote> und <quote>zwei</quote>.</p>"),
        # „…” and ‚…’, as Polish writes them and smart quotes print German ones
        ("so „eins ‚zwei’ drei”.", "<p>so <quote>eins <quote>zwei</quote> drei</quote>.</p>"),
        ("so »eins ›zwei‹ drei«.", "<p>so <quote>eins <quote>zwei</quote> drei</quote>.</p>"),
        ("so «eins ‹zwei› drei».", "<p>so <quote>eins <quote>zwei</quote> drei</quote>.</p>"),
        ("so ‚Corona-Lesungen‛ hier.", "<p>so <quote>Corona-Lesungen</quote> hier.</p>"),
        # straight single quotes, as plain-text reviews type them; the apostrophes stay text
        (
            "eine Nutzung 'jenseits der Zwecke' (S. 4), l'homme's '90s, Jones' 'b#n=1'.",
            '<p>eine Nutzung <cit><quote>jenseits der Zwecke</quote> <bibl corresp="#doe2020">(<citedRange'
            ' unit="page" from="4" to="4">S. 4</citedRange>)</bibl></cit>, l\'homme\'s \'90s, Jones\' <quote>b#n=1</quote>.</p>',
        ),
    ],
    ids=[
        "english",
        "straight",
        "french",
        "german",
        "german-straight-close",
        "german-smart-quotes",
        "german-guillemets",
        "swiss",
        "german-201b",
        "straight-single",
    ],
)
def test_quotations_in_each_language_are_quote_elements(body: str, expected: str, tmp_path: Path) -> None:
    root, diagnostics = read(body, tmp_path)
    assert paragraph(root) == expected
    assert [d for d in diagnostics if "quotation" in d.message] == []


def test_a_german_quotation_is_not_an_unmatched_mark(tmp_path: Path) -> None:
    """„…“ once warned 'unmatched opening quotation mark', its “ read as an English opener."""
    _, diagnostics = read("Sie schreibt „Text“ und „mehr Text“.", tmp_path, "de")
    assert diagnostics == []


def test_a_quotation_left_open_is_text_with_a_warning(tmp_path: Path) -> None:
    root, diagnostics = read("so „open and never closed.", tmp_path)
    assert xpath(root, "//tei:body//tei:quote") == []
    assert [(d.line, d.col, d.message) for d in diagnostics] == [
        (5, 4, "unmatched opening quotation mark „; kept as text")
    ]


def test_the_sidecar_language_is_the_tei_language(tmp_path: Path) -> None:
    root, _ = read("so «\u00a0mot\u00a0».", tmp_path, "fr")
    assert root.get(XML_LANG) == "fr"
    assert [x.get("ident") for x in xpath(root, "//tei:langUsage/tei:language")] == ["fr"]


def rendered(root: etree._Element) -> str:
    html = to_xhtml(root, "epub")
    (p,) = html.iterfind(f".//{{{XHTML_NS}}}section[@id='review']//{{{XHTML_NS}}}p")
    return "".join(p.itertext())


def test_the_writers_draw_french_marks_with_one_space_inside(tmp_path: Path) -> None:
    kept, _ = read(f"so «{NBSP}mot{NBSP}» et «deux».", tmp_path, "fr")
    # the source's own space is the only one; a quotation written without one gets the writer's
    assert rendered(kept) == f"so «{NBSP}mot{NBSP}» et «{NARROW}deux{NARROW}»."


def test_the_writers_draw_german_marks(tmp_path: Path) -> None:
    root, _ = read("so „eins ‚zwei‘ drei“.", tmp_path, "de")
    assert rendered(root) == "so „eins ‚zwei‘ drei“."
