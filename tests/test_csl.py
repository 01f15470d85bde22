"""The CSL-JSON writer: items written by hand from the seed, and pandoc reading and rendering them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from exporter.writers import FORMATS, Options
from exporter.writers.bib import csl as writer
from tests.bib_fixtures import HOSTILE_TITLES, every_type, hostile
from tests.conftest import require_tool

Item = dict[str, object]


def person(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def year(*parts: int) -> dict[str, list[list[int]]]:
    return {"date-parts": [list(parts)]}


SERGE = [person("Serge", "Victor")]
# The seed's bibliography, written by hand from seeds/serge-final-words.txt and its sidecar.
SEED_ITEMS: list[Item] = [
    {"id": "serge2019", "type": "book", "author": SERGE,
     "translator": [person("Greeman", "Richard"), person("Abidor", "Mitchell")],
     "title": "Notebooks 1936-1947", "issued": year(2019), "publisher": "New York Review Books"},
    {"id": "abidor2019", "type": "article-newspaper", "author": [person("Abidor", "Mitchell")],
     "title": "Victor Serge: Indispensable Critic of Leftist Illusion",
     "container-title": "The New York Review", "issued": year(2019, 2, 28)},
    {"id": "cotterill1994", "type": "book", "editor": [person("Cotterill", "David")],
     "title": "The Serge-Trotsky Papers", "issued": year(1994), "publisher": "Pluto"},
    {"id": "greeman1994", "type": "article-journal", "author": [person("Greeman", "Richard")],
     "title": "The Victor Serge Affair and the French Literary Left",
     "container-title": "Revolutionary History", "volume": "5", "issue": "3", "issued": year(1994)},
    {"id": "sedova1951", "type": "article-journal", "author": [person("Sedova", "Natalia")],
     "title": "Letter of Resignation", "container-title": "The Militant", "volume": "15", "issue": "23",
     "issued": year(1951, 6, 4)},
    {"id": "sedova2016", "type": "book", "author": [person("Sedova", "Natalia"), *SERGE],
     "title": "Life and Death of Leon Trotsky", "issued": year(2016), "publisher": "Haymarket"},
    {"id": "serge2003", "type": "article-journal", "author": SERGE, "title": "To René Lefeuvre",
     "container-title": "Revolutionary History", "volume": "8", "issue": "3", "issued": year(2003)},
    {"id": "serge2010", "type": "book", "author": SERGE,
     "title": "Retour à l’Ouest: Chroniques (juin 1936-mai 1940)", "issued": year(2010),
     "publisher": "Agone"},
    {"id": "serge2012a", "type": "book", "author": SERGE, "title": "Memoirs of a Revolutionary",
     "issued": {**year(2012), "literal": "2012a"}, "publisher": "New York Review Books"},
    {"id": "serge2012b", "type": "book", "author": SERGE, "title": "Carnets 1936-1947",
     "issued": {**year(2012), "literal": "2012b"}, "publisher": "Agone"},
]  # fmt: skip

# The hand-made entries of tests/fixtures/bib/every-type.xml.
EVERY_TYPE_ITEMS: list[Item] = [
    {"id": "beauvoir1949", "type": "book",
     "author": [{"family": "Beauvoir", "given": "Simone", "dropping-particle": "de"}],
     "translator": [person("Borde", "Constance")], "title": "Le Deuxième Sexe", "issued": year(1949),
     "publisher": "Gallimard", "publisher-place": "Paris", "ISBN": "978-2-07-020513-4"},
    {"id": "smith2020", "type": "article-journal", "author": [person("Smith", "Jane"), person("Lee", "Ann")],
     "title": "Reading Trotsky in the DNA age", "container-title": "Journal of Studies", "volume": "12",
     "issue": "3", "page": "45-67", "issued": year(2020), "DOI": "10.1000/xyz123"},
    {"id": "jones2021", "type": "article-newspaper", "author": [person("Jones", "Peter")],
     "title": "Strike at the Docks", "container-title": "The Guardian", "issued": year(2021, 5, 1),
     "URL": "https://example.org/strike?id=1&page=2"},
    {"id": "brown2005", "type": "chapter", "author": [person("Brown", "Mary")],
     "editor": [person("Green", "Tom"), person("White", "Sara")], "title": "Exile and Memory",
     "container-title": "Writing the Revolution", "page": "101-120", "issued": year(2005),
     "publisher": "Verso", "publisher-place": "London"},
    {"id": "marxists2019", "type": "webpage", "author": [{"literal": "Marxists Internet Archive"}],
     "title": "Victor Serge Archive", "container-title": "Marxists.org", "issued": year(2019),
     "URL": "https://www.marxists.org/archive/serge/", "accessed": year(2024, 3, 2)},
    {"id": "garcia2015", "type": "thesis", "author": [person("García Márquez", "Luis")],
     "title": "The Left Opposition in Exile, 1929-1940", "issued": year(2015),
     "publisher": "University of Glasgow", "publisher-place": "Glasgow"},
    {"id": "green1998", "type": "book", "editor": [person("Green", "Tom"), person("White", "Sara")],
     "title": "Witnesses of the Century", "issued": year(1998), "publisher": "Monthly Review Press",
     "publisher-place": "New York"},
    {"id": "anon1950", "type": "document", "title": "Anonymous pamphlet, printed privately, 1950."},
]  # fmt: skip


def write_csl(tei: etree._Element) -> bytes:
    return writer.write(tei, Options("test", "test.xml"))


@pytest.fixture(scope="module")
def files(seed_tei: etree._Element, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("csl")
    paths = {}
    for name, tei in {"seed": seed_tei, "every": every_type(), "hostile": hostile()}.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_bytes(write_csl(tei))
    return paths


def load(path: Path) -> list[Item]:
    items: list[Item] = json.loads(path.read_text(encoding="utf-8"))
    return items


def test_format_is_registered() -> None:
    assert (FORMATS["csl"].suffix, FORMATS["csl"].module) == (".json", "exporter.writers.bib.csl")


def test_seed_items_as_written_by_hand(files: dict[str, Path]) -> None:
    assert load(files["seed"]) == SEED_ITEMS


def test_every_type_as_written_by_hand(files: dict[str, Path]) -> None:
    assert load(files["every"]) == EVERY_TYPE_ITEMS


def test_utf8_and_deterministic(seed_tei: etree._Element, files: dict[str, Path]) -> None:
    data = files["seed"].read_bytes()
    assert "To René Lefeuvre".encode() in data
    assert write_csl(seed_tei) == data
    assert data.endswith(b"]\n")


def test_hostile_titles_are_plain_strings(files: dict[str, Path]) -> None:
    titles = {str(i["id"]): i["title"] for i in load(files["hostile"])}
    assert {k: titles[k] for k in HOSTILE_TITLES} == HOSTILE_TITLES


def test_unparsed_reference_warns() -> None:
    options = Options("test", "test.xml")
    writer.write(every_type(), options)
    assert [d.severity for d in options.diagnostics] == ["warning"]
    assert "anon1950" in options.diagnostics[0].message


# --- pandoc -----------------------------------------------------------------------------------------


def pandoc(*args: str, stdin: str = "") -> str:
    program = require_tool("pandoc")
    result = subprocess.run(
        [program, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def test_pandoc_reads_the_same_items(files: dict[str, Path]) -> None:
    for name, expected in (("seed", SEED_ITEMS), ("every", EVERY_TYPE_ITEMS)):
        read = {
            str(i["id"]): i for i in json.loads(pandoc("-f", "csljson", "-t", "csljson", str(files[name])))
        }
        assert list(read) == [i["id"] for i in expected]
        for item in expected:
            got = read[str(item["id"])]
            for variable in ("type", "author", "editor", "translator", "title", "container-title", "page"):
                assert got.get(variable) == item.get(variable), (item["id"], variable)


RENDERED = """\
Abidor, Mitchell. 2019. “Victor Serge: Indispensable Critic of Leftist Illusion.” The New York Review, February 28, 2019.
Cotterill, David, ed. 1994. The Serge-Trotsky Papers. Pluto.
Greeman, Richard. 1994. “The Victor Serge Affair and the French Literary Left.” Revolutionary History 5 (3).
Sedova, Natalia. 1951. “Letter of Resignation.” The Militant 15 (23).
Sedova, Natalia, and Victor Serge. 2016. Life and Death of Leon Trotsky. Haymarket.
Serge, Victor. 2003. “To René Lefeuvre.” Revolutionary History 8 (3).
———. 2010. Retour à l’Ouest: Chroniques (Juin 1936-Mai 1940). Agone.
———. 2012b. Carnets 1936-1947. Agone.
———. 2012a. Memoirs of a Revolutionary. New York Review Books.
———. 2019. Notebooks 1936-1947. Translated by Richard Greeman and Mitchell Abidor. New York Review Books.
"""


def test_pandoc_citeproc_renders_the_references(files: dict[str, Path]) -> None:
    document = "---\nnocite: '@*'\n---\n\nAs [@serge2012a] and [@serge2012b] show.\n"
    out = pandoc(
        "--citeproc", f"--bibliography={files['seed']}", "-t", "plain", "--wrap=none", stdin=document
    )
    body, _, references = out.partition("\n\n")
    # The source's own year letters, not ones citeproc would assign by title.
    assert body == "As (Serge 2012a) and (Serge 2012b) show."
    assert references.replace("\n\n", "\n") == RENDERED


def test_pandoc_citeproc_renders_hostile_titles(files: dict[str, Path]) -> None:
    out = pandoc("--citeproc", f"--bibliography={files['hostile']}", "-t", "plain", "--wrap=none",
                 stdin="---\nnocite: '@*'\n---\n")  # fmt: skip
    # Chicago title-cases titles (an '\Input'); every character is still there, literally.
    for title in (r"\input{/etc/passwd}", "“}.”", "100% Proof", "Issue #5 of C#", "Smith & Sons"):
        assert title.casefold() in out.casefold(), title
