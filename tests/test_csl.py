"""The CSL-JSON writer: items written by hand from the seed, and pandoc reading and rendering them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from exporter.reader import read_review
from exporter.writers import FORMATS, Options
from exporter.writers.bib import csl as writer
from exporter.writers.bib import pandoc as pandoc_binary
from tests.bib_fixtures import HOSTILE_TITLES, every_type, hostile
from tests.conftest import IN_CI, require_tool

Item = dict[str, object]


def person(family: str, given: str) -> dict[str, str]:
    return {"family": family, "given": given}


def year(*parts: int) -> dict[str, list[list[int]]]:
    return {"date-parts": [list(parts)]}


def keyed(items: list[Item]) -> list[Item]:
    """Each item's citation key is its id, the TEI's xml:id, written second as the writer orders it."""
    return [{"id": i["id"], "citation-key": i["id"], **i} for i in items]


SERGE = [person("Serge", "Victor")]
# The seed's bibliography, written by hand from seeds/serge-final-words.txt and its sidecar. The
# review is in English; Serge 2010's title is French ('à', 'l’'); 'Carnets 1936-1947' says nothing,
# so it keeps the review's language. The Militant is dated 4 June: a weekly, so a magazine for CSL.
SEED_ITEMS: list[Item] = keyed([
    {"id": "serge2019", "type": "book", "author": SERGE,
     "translator": [person("Greeman", "Richard"), person("Abidor", "Mitchell")],
     "title": "Notebooks 1936-1947", "issued": year(2019), "publisher": "New York Review Books",
     "language": "en"},
    {"id": "abidor2019", "type": "article-newspaper", "author": [person("Abidor", "Mitchell")],
     "title": "Victor Serge: Indispensable Critic of Leftist Illusion",
     "container-title": "The New York Review", "issued": year(2019, 2, 28), "language": "en"},
    {"id": "cotterill1994", "type": "book", "editor": [person("Cotterill", "David")],
     "title": "The Serge-Trotsky Papers", "issued": year(1994), "publisher": "Pluto", "language": "en"},
    {"id": "greeman1994", "type": "article-journal", "author": [person("Greeman", "Richard")],
     "title": "The Victor Serge Affair and the French Literary Left",
     "container-title": "Revolutionary History", "volume": "5", "issue": "3", "issued": year(1994),
     "language": "en"},
    {"id": "sedova1951", "type": "article-magazine", "author": [person("Sedova", "Natalia")],
     "title": "Letter of Resignation", "container-title": "The Militant", "volume": "15", "issue": "23",
     "issued": year(1951, 6, 4), "language": "en"},
    {"id": "sedova2016", "type": "book", "author": [person("Sedova", "Natalia"), *SERGE],
     "title": "Life and Death of Leon Trotsky", "issued": year(2016), "publisher": "Haymarket",
     "language": "en"},
    {"id": "serge2003", "type": "article-journal", "author": SERGE, "title": "To René Lefeuvre",
     "container-title": "Revolutionary History", "volume": "8", "issue": "3", "issued": year(2003),
     "language": "en"},
    {"id": "serge2010", "type": "book", "author": SERGE,
     "title": "Retour à l’Ouest: Chroniques (juin 1936-mai 1940)", "issued": year(2010),
     "publisher": "Agone", "language": "fr"},
    {"id": "serge2012a", "type": "book", "author": SERGE, "title": "Memoirs of a Revolutionary",
     "issued": year(2012), "publisher": "New York Review Books", "language": "en",
     "custom": {"year-suffix": "a"}},
    {"id": "serge2012b", "type": "book", "author": SERGE, "title": "Carnets 1936-1947",
     "issued": year(2012), "publisher": "Agone", "language": "en", "custom": {"year-suffix": "b"}},
])  # fmt: skip

# The hand-made entries of tests/fixtures/bib/every-type.xml (an English review; 'Le' is French).
EVERY_TYPE_ITEMS: list[Item] = keyed([
    {"id": "beauvoir1949", "type": "book",
     "author": [{"family": "Beauvoir", "given": "Simone", "dropping-particle": "de"}],
     "translator": [person("Borde", "Constance")], "title": "Le Deuxième Sexe", "issued": year(1949),
     "publisher": "Gallimard", "publisher-place": "Paris", "ISBN": "978-2-07-020513-4", "language": "fr"},
    {"id": "smith2020", "type": "article-journal", "author": [person("Smith", "Jane"), person("Lee", "Ann")],
     "title": "Reading Trotsky in the DNA age", "container-title": "Journal of Studies", "volume": "12",
     "issue": "3", "page": "45-67", "issued": year(2020), "DOI": "10.1000/xyz123",
     "language": "en"},
    {"id": "jones2021", "type": "article-newspaper", "author": [person("Jones", "Peter")],
     "title": "Strike at the Docks", "container-title": "The Guardian", "issued": year(2021, 5, 1),
     "URL": "https://example.org/strike?id=1&page=2", "language": "en"},
    {"id": "brown2005", "type": "chapter", "author": [person("Brown", "Mary")],
     "editor": [person("Green", "Tom"), person("White", "Sara")], "title": "Exile and Memory",
     "container-title": "Writing the Revolution", "page": "101-120", "issued": year(2005),
     "publisher": "Verso", "publisher-place": "London", "language": "en"},
    {"id": "marxists2019", "type": "webpage", "author": [{"literal": "Marxists Internet Archive"}],
     "title": "Victor Serge Archive", "container-title": "Marxists.org", "issued": year(2019),
     "URL": "https://www.marxists.org/archive/serge/", "accessed": year(2024, 3, 2), "language": "en"},
    {"id": "garcia2015", "type": "thesis", "author": [person("García Márquez", "Luis")],
     "title": "The Left Opposition in Exile, 1929-1940", "issued": year(2015),
     "publisher": "University of Glasgow", "publisher-place": "Glasgow", "language": "en"},
    {"id": "green1998", "type": "book", "editor": [person("Green", "Tom"), person("White", "Sara")],
     "title": "Witnesses of the Century", "issued": year(1998), "publisher": "Monthly Review Press",
     "publisher-place": "New York", "language": "en"},
])  # fmt: skip
# An unparsed reference: its whole text as the title, nothing guessed.
EVERY_TYPE_ITEMS.append(
    {"id": "anon1950", "type": "document", "title": "Anonymous pamphlet, printed privately, 1950."}
)


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


def pandoc(*args: str, stdin: str = "", program: str = "") -> str:
    program = program or require_tool("pandoc")
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


# The seed's list in Chicago author-date (18th ed., styles/csl/), checked by hand against the manual:
# the year letters are the processor's, given in the style's order (by title: Carnets before
# Memoirs); a French title is not title-cased ('juin'); a weekly's day is printed.
CHICAGO = """\
Abidor, Mitchell. 2019. “Victor Serge: Indispensable Critic of Leftist Illusion.” The New York Review, February 28.
Cotterill, David, ed. 1994. The Serge-Trotsky Papers. Pluto.
Greeman, Richard. 1994. “The Victor Serge Affair and the French Literary Left.” Revolutionary History 5 (3).
Sedova, Natalia. 1951. “Letter of Resignation.” The Militant, June 4.
Sedova, Natalia, and Victor Serge. 2016. Life and Death of Leon Trotsky. Haymarket.
Serge, Victor. 2003. “To René Lefeuvre.” Revolutionary History 8 (3).
Serge, Victor. 2010. Retour à l’Ouest: Chroniques (juin 1936-mai 1940). Agone.
Serge, Victor. 2012a. Carnets 1936-1947. Agone.
Serge, Victor. 2012b. Memoirs of a Revolutionary. New York Review Books.
Serge, Victor. 2019. Notebooks 1936-1947. Translated by Richard Greeman and Mitchell Abidor. New York Review Books.
"""
# The same in APA 7: initials, '(Ed.)', the day after the year, the translators after the title.
APA = """\
Abidor, M. (2019, February 28). Victor Serge: Indispensable Critic of Leftist Illusion. The New York Review.
Cotterill, D. (Ed.). (1994). The Serge-Trotsky Papers. Pluto.
Greeman, R. (1994). The Victor Serge Affair and the French Literary Left. Revolutionary History, 5(3).
Sedova, N. (1951, June 4). Letter of Resignation. The Militant, 15(23).
Sedova, N., & Serge, V. (2016). Life and Death of Leon Trotsky. Haymarket.
Serge, V. (2003). To René Lefeuvre. Revolutionary History, 8(3).
Serge, V. (2010). Retour à l’Ouest: Chroniques (juin 1936-mai 1940). Agone.
Serge, V. (2012a). Carnets 1936-1947. Agone.
Serge, V. (2012b). Memoirs of a Revolutionary. New York Review Books.
Serge, V. (2019). Notebooks 1936-1947 (R. Greeman & M. Abidor, Trans.). New York Review Books.
"""
STYLES = Path(__file__).resolve().parents[1] / "styles" / "csl"
CITED = "---\nnocite: '@*'\n---\n\nAs [@serge2012a] and [@serge2012b] show.\n"


def pandoc3() -> str:
    return str(pandoc_binary.executable())


def test_pandoc_citeproc_renders_the_references(files: dict[str, Path]) -> None:
    """pandoc 3 in Chicago 18 (pandoc 2.17 takes 20 s to read that style: compared below in others)."""
    program = pandoc3()
    csl = f"--csl={STYLES / 'chicago-author-date.csl'}"
    out = pandoc("--citeproc", f"--bibliography={files['seed']}", csl, "-t", "plain", "--wrap=none",
                 stdin=CITED, program=program)  # fmt: skip
    body, _, references = out.partition("\n\n")
    # Each citation has the letter its work has in the list: Memoirs (serge2012a) is 2012b here.
    assert body == "As (Serge 2012b) and (Serge 2012a) show."
    assert references.replace("\n\n", "\n") == CHICAGO


@pytest.mark.parametrize(("name", "style"), [("seed", "apa"), ("every", "modern-language-association"),
                                             ("every", "harvard-cite-them-right")])  # fmt: skip
def test_both_pandocs_give_the_same_list(files: dict[str, Path], name: str, style: str) -> None:
    """pandoc 2.17 and 3.x read the items alike. (Not every kind in APA: pandoc 3.9 prints one
    translator as 'Tran.', from the locale's 'trans.' that has no plural; 2.17 and citeproc-js keep it.)"""
    args = ("--citeproc", f"--bibliography={files[name]}", f"--csl={STYLES / style}.csl", "-t", "plain")
    every = "---\nnocite: '@*'\n---\n"
    debian = pandoc(*args, "--wrap=none", stdin=every, program=require_tool("pandoc"))
    wheel = pandoc(*args, "--wrap=none", stdin=every, program=pandoc3())
    assert debian == wheel
    expected = {"seed": SEED_ITEMS, "every": EVERY_TYPE_ITEMS}[name]
    assert debian.count("\n\n") == len(expected) - 1, debian


def test_pandoc_citeproc_renders_hostile_titles(files: dict[str, Path]) -> None:
    out = pandoc("--citeproc", f"--bibliography={files['hostile']}", "-t", "plain", "--wrap=none",
                 stdin="---\nnocite: '@*'\n---\n")  # fmt: skip
    # Chicago title-cases titles (an '\Input'); every character is still there, literally.
    for title in (r"\input{/etc/passwd}", "“}.”", "100% Proof", "Issue #5 of C#", "Smith & Sons"):
        assert title.casefold() in out.casefold(), title


# --- the CSL data schema ----------------------------------------------------------------------------

CSL_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "csl"
REVIEWS = Path(__file__).resolve().parent / "reviews"


@pytest.fixture(scope="module")
def csl_schema() -> jsonschema.Draft7Validator:
    schema = json.loads((CSL_FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def review_items(name: str) -> list[Item]:
    tei, diagnostics = read_review(REVIEWS / name)
    assert tei is not None, diagnostics
    items: list[Item] = json.loads(write_csl(tei))
    return items


def test_items_follow_the_csl_data_schema(
    files: dict[str, Path], csl_schema: jsonschema.Draft7Validator
) -> None:
    written = {name: load(path) for name, path in files.items()}
    written |= {path.name: review_items(path.name) for path in sorted(REVIEWS.glob("*.txt"))}
    for name, items in written.items():
        errors = [f"{e.json_path}: {e.message}" for e in csl_schema.iter_errors(items)]
        assert errors == [], name


def test_the_schema_refuses_what_it_should(csl_schema: jsonschema.Draft7Validator) -> None:
    """The validator is no formality: a year as a bare string, or an item without a type, fails."""
    assert not csl_schema.is_valid([{"id": "x", "type": "book", "issued": "2012a"}])
    assert not csl_schema.is_valid([{"id": "x", "title": "No type"}])


def test_one_item_per_work() -> None:
    """01-digital-worlds lists the book it reviews (Bode 2012) among its references: one item, the
    list's, which the citations name. 10-newspaper reviews Abidor's book and cites his article of the
    same year: two works, two items."""
    bode = [i for i in review_items("01-digital-worlds.txt") if str(i["id"]).startswith("bode2012")]
    assert [i["id"] for i in bode] == ["bode2012"]
    abidor = [i["id"] for i in review_items("10-newspaper.txt") if str(i["id"]).startswith("abidor2019")]
    assert abidor == ["abidor2019-reviewed", "abidor2019"]


# --- citeproc-js (Zotero's and Mendeley's processor) --------------------------------------------------


def citeproc_js(items: Path, style: str) -> dict[str, object]:
    node = require_tool("node")
    script = Path(__file__).resolve().parent / "node" / "render-csl.mjs"
    if not (script.parent / "node_modules" / "citeproc").is_dir():
        message = "citeproc is not installed (scripts/install-node-deps installs it)"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    result = subprocess.run(
        [node, str(script), str(STYLES / f"{style}.csl"), str(items), str(CSL_FIXTURES)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stderr == "", result.stderr
    rendered: dict[str, object] = json.loads(result.stdout)
    return rendered


@pytest.mark.parametrize(("style", "expected"), [("chicago-author-date", CHICAGO), ("apa", APA)])
def test_citeproc_js_renders_the_seed(files: dict[str, Path], style: str, expected: str) -> None:
    rendered = citeproc_js(files["seed"], style)
    references = rendered["references"]
    assert isinstance(references, list)
    assert "\n".join(references) + "\n" == expected
    # Each citation carries the letter its work has in the list, and no year is doubled.
    citations = rendered["citations"]
    assert isinstance(citations, dict)
    memoirs = next(r for r in references if "Memoirs" in r)
    assert "2012b" in memoirs and "2012b" in citations["serge2012a"]
    assert "2012a" in citations["serge2012b"]
    assert not any("20122012" in r or "2012a2012" in r or "2012b2012" in r for r in references)
