"""Hand-made TEI for the bibliography writers' tests, and ways to read their output back."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from exporter.tei import parse_xml, sub

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bib"
EVERY_TYPE = FIXTURES / "every-type.xml"

# Titles that would inject TeX or break a .bib written naively: key → the literal title.
HOSTILE_TITLES = {
    "evil2001": r"\input{/etc/passwd}",
    "brace2002": "}",
    "percent2003": "100% Proof",
    "hash2004": "Issue #5 of C#",
    "amp2005": "Smith & Sons",
    "open2006": "{ Opened, never closed",
    "misc2007": "a_b ~ c^d $5 \\relax",
}


def every_type() -> etree._Element:
    return parse_xml(EVERY_TYPE.read_bytes()).getroot()


def hostile() -> etree._Element:
    """The every-type document with its references replaced by articles with hostile titles."""
    root = every_type()
    (listbibl,) = root.iterfind(".//{*}back//{*}listBibl")
    for child in list(listbibl):
        listbibl.remove(child)
    for key, title in HOSTILE_TITLES.items():
        listbibl.append(article(key, title))
    return root


def article(key: str, title: str, journal: str = "Journal of Tests") -> etree._Element:
    bibl = etree.fromstring(
        f"""<biblStruct xmlns="http://www.tei-c.org/ns/1.0" type="journalArticle" xml:id="{key}">
        <analytic><author><persName><forename>Ann</forename><surname>Tester</surname></persName></author>
        </analytic><monogr><title level="j">{journal}</title>
        <imprint><date when="{key[-4:]}">{key[-4:]}</date></imprint></monogr></biblStruct>"""
    )
    analytic = bibl[0]
    sub(analytic, "title", title, level="a")
    return bibl


def latex_decoder() -> LatexNodes2Text:
    """LaTeX to text, knowing the kernel's \\textbraceleft/right and ^ as the ASCII character."""
    db = get_default_latex_context_db()
    db.add_context_category(
        "kernel-text-commands",
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
        prepend=True,
    )
    return LatexNodes2Text(latex_context=db)
