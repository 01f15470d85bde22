"""Entries that readers of a .bib or CSL-JSON got wrong (issue 14), read back by the consumers:
bibtexparser for the BibTeX, citeproc-js (Zotero's processor) for the CSL-JSON.

The TEI is tests/fixtures/bib/hard-cases.xml, written by hand as the reader should give it."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from bibtexparser.model import Entry

from exporter.tei import parse_xml
from exporter.writers import Options
from exporter.writers.bib import bibtex, csl
from tests.bib_fixtures import FIXTURES
from tests.test_bibtex import classic_bibtex
from tests.test_csl import citeproc_js


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hard") / "hard-cases.json"
    path.write_bytes(csl.write(hard_cases(), Options("test", "hard-cases.xml")))
    return path


def hard_cases() -> object:
    return parse_xml((FIXTURES / "hard-cases.xml").read_bytes()).getroot()


@pytest.fixture(scope="module")
def entries() -> dict[str, Entry]:
    text = bibtex.write(hard_cases(), Options("test", "hard-cases.xml")).decode("utf-8")  # type: ignore[arg-type]
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert library.failed_blocks == []
    return {e.key: e for e in library.entries}


def test_a_name_suffix_is_one_author_with_its_jr_part(entries: dict[str, Entry]) -> None:
    (king,) = entries["king1963"]["author"]  # one author, not 'King, Martin Luther' and 'Jr.'
    assert (king.last, king.first, king.jr) == (["King"], ["Martin", "Luther"], ["Jr."])


def test_a_place_with_its_state_stays_whole(entries: dict[str, Entry]) -> None:
    wiener = entries["wiener1948"]
    assert (wiener["title"], wiener["address"], wiener["publisher"]) == (
        "Cybernetics",
        "Cambridge, MA",
        "MIT Press",
    )


def test_a_newspaper_dated_to_the_day(entries: dict[str, Entry]) -> None:
    sartre = entries["sartre1951"]
    assert (sartre["journal"], sartre["year"], sartre["date"]) == ("Le Monde", "1951", "1951-06-04")


def test_french_titles_in_an_english_review(entries: dict[str, Entry]) -> None:
    languages = {key: (e["langid"], e["language"]) for key, e in entries.items()}
    assert languages == {
        "writer2020": ("english", "english"),
        "king1963": ("english", "english"),
        "wiener1948": ("english", "english"),
        "sartre1951": ("french", "french"),
        "febvre1942": ("french", "french"),
    }


# What citeproc-js prints, checked by hand against Cite Them Right (places, the day) and MLA 9
# (which title-cases English titles only: without their language the French ones would read
# 'Le Problème de l’incroyance Au XVIe Siècle: La Religion de Rabelais', 'Le Diable et Le Bon Dieu').
HARVARD = [
    "Febvre, L. (1942) Le problème de l’incroyance au XVIe siècle: la religion de Rabelais. Paris: Albin Michel.",
    "King, M.L., Jr. (1963) Why We Can’t Wait. New York: Harper & Row.",
    "Sartre, J.-P. (1951) “Le diable et le bon Dieu,” Le Monde, 4 June.",
    "Wiener, N. (1948) Cybernetics. Cambridge, MA: MIT Press.",
    "Writer, A. (2020) A Reviewed Book. Small Press.",
]
MLA = [
    "Febvre, Lucien. Le problème de l’incroyance au XVIe siècle: la religion de Rabelais. Albin Michel, 1942.",
    "King, Martin Luther, Jr. Why We Can’t Wait. Harper & Row, 1963.",
    "Sartre, Jean-Paul. “Le diable et le bon Dieu.” Le Monde, 4 June 1951.",
    "Wiener, Norbert. Cybernetics. MIT Press, 1948.",
    "Writer, Ada. A Reviewed Book. Small Press, 2020.",
]


@pytest.mark.parametrize(
    ("style", "expected"), [("harvard-cite-them-right", HARVARD), ("modern-language-association", MLA)]
)
def test_citeproc_js_reads_them_right(items: Path, style: str, expected: list[str]) -> None:
    assert citeproc_js(items, style)["references"] == expected


def test_the_csl_items_say_it_too(items: Path) -> None:
    by_id = {i["id"]: i for i in json.loads(items.read_text(encoding="utf-8"))}
    assert by_id["king1963"]["author"] == [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]
    assert by_id["wiener1948"]["publisher-place"] == "Cambridge, MA"
    assert by_id["sartre1951"]["issued"] == {"date-parts": [[1951, 6, 4]]}
    assert (by_id["sartre1951"]["container-title"], by_id["sartre1951"]["type"]) == (
        "Le Monde",
        "article-newspaper",
    )
    assert {k: i["language"] for k, i in by_id.items() if i["language"] != "en"} == {
        "sartre1951": "fr",
        "febvre1942": "fr",
    }


def test_classic_bibtex_prints_the_suffix_after_the_name(tmp_path: Path) -> None:
    """plain.bst formats names as '{ff~}{vv~}{ll}{, jj}': the suffix is its 'jj' part."""
    bib = tmp_path / "hard.bib"
    bib.write_bytes(bibtex.write(hard_cases(), Options("test", "hard-cases.xml")))  # type: ignore[arg-type]
    bbl = " ".join(classic_bibtex(bib).split())
    assert "Martin~Luther King, Jr." in bbl
    assert "Harper \\& Row, New York, 1963." in bbl
    assert "MIT Press, Cambridge, MA, 1948." in bbl


NANCY = """<biblStruct xmlns="http://www.tei-c.org/ns/1.0" type="book" xml:id="nancy2008"><monogr>
<author><persName><forename>Jean-Luc</forename><surname>Nancy</surname></persName></author>
<title level="m">Vérité de la démocratie</title><title level="s">La philosophie en effet</title>
<imprint><pubPlace>Paris</pubPlace><publisher>Galilée</publisher><date when="2008">2008</date></imprint>
</monogr></biblStruct>"""


def test_a_books_series_is_its_bibtex_series_and_its_csl_collection_title() -> None:
    tei = hard_cases()
    (wiener,) = tei.xpath("//*[@xml:id='wiener1948']")
    wiener.addnext(parse_xml(NANCY.encode()).getroot())
    options = Options("test", "hard-cases.xml")
    library = bibtexparser.parse_string(bibtex.write(tei, options).decode("utf-8"))  # type: ignore[arg-type]
    nancy = next(e for e in library.entries if e.key == "nancy2008")
    assert (nancy["title"].replace("{", "").replace("}", ""), nancy["series"]) == (
        "Vérité de la démocratie",
        "La philosophie en effet",
    )
    items = {i["id"]: i for i in json.loads(csl.write(tei, options))}  # type: ignore[arg-type]
    assert items["nancy2008"]["collection-title"] == "La philosophie en effet"
