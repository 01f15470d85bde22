"""Reference strings -> biblStruct: every form the reviews use, with expected values written by hand."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from exporter.reader import read_review
from exporter.reader.references import entry_key, housestyle, parse_reference, parse_reviewed_work
from exporter.reader.references.record import ReferenceText, Unreadable, plain_bibl, to_tei
from exporter.tei import XML_ID, el, sub, xpath
from exporter.validate import validate_tree

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "tei_all.rng"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "serge-final-words.txt"
# One of each form, for the schema test.
FORMS = [
    "Lih, Lars T. 2011, “Title of chapter”, in Lenin Rediscovered, edited by Jane Doe, Leiden: Brill, pp. 12–34.",
    "Bode, Katherine 2012, “Chapter”, in Reading by Numbers, ed. by A. Editor and B. Editor, London: Anthem, 12-34.",
    "Smith, Jane 2001, “Chapter”, in J. Doe (ed.), Big Book, London: Verso, pp186-89.",
    "Risam, Roopika 2018, New Digital Worlds, Evanston: Northwestern University Press.",
    "Smith, Jane 2001, “Title”, Journal of Things, 12, 3: 45–67, doi:10.1234/abc.",
    "Smith, Jane 2001, “Title”, Journal of Things, 12 (3), pp. 45-67, https://example.org/a.",
    "Doe, Jane 2020, “Headline”, The Guardian, 3 March.",
    "Doe, Jane 2020, “Post title”, Blog Name, available at: https://example.org/post (accessed 1 May 2021).",
    "Doe, Jane 2020, “Post title”, <https://example.org/post>.",
    "Trotsky, Leon 1937, The Revolution Betrayed, translated by Max Eastman, New York: Doubleday.",
    "Marx, Karl 1976, Capital, Volume 1, 2nd edn, trans. by Ben Fowkes, Harmondsworth: Penguin, doi:10.1/x.",
    "Doe, Jane 2015, Title, PhD thesis, University of Somewhere.",
    "Beauvoir, Simone de 1949, Le Deuxième Sexe, Paris: Gallimard.",
    "Smith, J. and Lee, A. (eds) 2001, Book.",
    "Smith, Jane 2001, “Title”, Journal, 3, 4, something odd.",
    "just some words without year",
]
REVIEWED = [
    "Victor Serge, Notebooks 1936-1947, New York Review Books, 2019.",
    "Jane Doe (ed.), Title, translated by Max Eastman, Verso, 2019, 320pp, ISBN 978-1-78168-000-0, £20.",
]


def parse(text: str, line: int = 10, col: int = 1) -> tuple[etree._Element, list[str]]:
    bibl, diagnostics = parse_reference(text, "review.txt", line, col)
    return bibl, [str(d) for d in diagnostics]


def parse_house(text: str, line: int = 10, col: int = 1) -> tuple[etree._Element, list[str]]:
    """The house-style rules alone, as parse_reference falls back on them, for their diagnostics."""
    reader = ReferenceText.of(text, "review.txt", line, col)
    try:
        bibl = to_tei(housestyle.read_reference(reader))
    except Unreadable as why:
        bibl = plain_bibl(reader, "reference", str(why), housestyle.fallback_key(reader.text.strip(), line))
    return bibl, [str(d) for d in reader.diagnostics]


def texts(node: etree._Element, path: str) -> list[str]:
    return ["".join(str(t) for t in n.itertext()) for n in xpath(node, path)]


def one(node: etree._Element, path: str) -> str | None:
    found = texts(node, path)
    assert len(found) <= 1, (path, found)
    return found[0] if found else None


def person(pers: etree._Element) -> str:
    """'Surname, Forename Forename' with each forename element kept apart by a '|'."""
    surname = one(pers, "tei:surname")
    forenames = "|".join(texts(pers, "tei:forename") + texts(pers, "tei:nameLink"))
    return f"{surname}, {forenames}" if forenames else str(surname)


def people(node: etree._Element, path: str) -> list[str]:
    return [person(p) for p in xpath(node, path + "/tei:persName")]


def summary(bibl: etree._Element) -> dict[str, Any]:
    imprint = "tei:monogr/tei:imprint"
    pages = xpath(bibl, f"{imprint}/tei:biblScope[@unit='page']")
    date = xpath(bibl, f"{imprint}/tei:date[not(@type)]")
    access = xpath(bibl, f"{imprint}/tei:date[@type='access']")
    return {
        "type": bibl.get("type"),
        "key": entry_key(bibl),
        "authors": people(bibl, "tei:analytic/tei:author") + people(bibl, "tei:monogr/tei:author"),
        "editors": people(bibl, "*/tei:editor[not(@role)]"),
        "translators": people(bibl, "*/tei:editor[@role='translator']"),
        "title_a": one(bibl, "tei:analytic/tei:title[@level='a']"),
        "title_m": one(bibl, "tei:monogr/tei:title[@level='m']"),
        "title_j": one(bibl, "tei:monogr/tei:title[@level='j']"),
        "place": one(bibl, f"{imprint}/tei:pubPlace"),
        "publisher": one(bibl, f"{imprint}/tei:publisher"),
        "volume": one(bibl, f"{imprint}/tei:biblScope[@unit='volume']"),
        "issue": one(bibl, f"{imprint}/tei:biblScope[@unit='issue']"),
        "pages": (pages[0].text, pages[0].get("from"), pages[0].get("to")) if pages else None,
        "date": (date[0].text, date[0].get("when")) if date else None,
        "accessed": (access[0].text, access[0].get("when")) if access else None,
        "url": [p.get("target") for p in xpath(bibl, "tei:ptr")],
        "doi": one(bibl, "*/tei:idno[@type='DOI']"),
        "raw": one(bibl, "tei:note[@type='raw_reference']"),
    }


def check(text: str, **expected: Any) -> list[str]:
    """Parse `text`; compare the named fields; return the diagnostics."""
    bibl, diagnostics = parse(text)
    got = summary(bibl)
    assert {k: got[k] for k in expected} == expected
    assert got["raw"] == text, "the raw string is kept whole"
    return diagnostics


# --- the seed review's nine references -------------------------------------------------------------


def test_seed_newspaper_article_with_day_and_month() -> None:
    diagnostics = check(
        "Abidor, Mitchell 2019, “Victor Serge: Indispensable Critic of Leftist Illusion”, "
        "The New York Review, 28 February.",
        type="newspaperArticle",
        key="abidor2019",
        authors=["Abidor, Mitchell"],
        title_a="Victor Serge: Indispensable Critic of Leftist Illusion",
        title_j="The New York Review",
        volume=None,
        date=("2019", "2019-02-28"),
    )
    assert diagnostics == []


def test_seed_edited_book() -> None:
    check(
        "Cotterill, David (ed.) 1994, The Serge-Trotsky Papers, Pluto.",
        type="book",
        key="cotterill1994",
        authors=[],
        editors=["Cotterill, David"],
        title_m="The Serge-Trotsky Papers",
        publisher="Pluto",
        place=None,
        date=("1994", "1994"),
    )


def test_seed_journal_article_volume_and_issue() -> None:
    check(
        "Greeman, Richard 1994, “The Victor Serge Affair and the French Literary Left”, "
        "Revolutionary History, 5, 3.",
        type="journalArticle",
        key="greeman1994",
        authors=["Greeman, Richard"],
        title_a="The Victor Serge Affair and the French Literary Left",
        title_j="Revolutionary History",
        volume="5",
        issue="3",
        pages=None,
        date=("1994", "1994"),
    )


def test_seed_unquoted_title_before_a_journal_with_numbers_and_date() -> None:
    diagnostics = check(
        "Sedova, Natalia 1951, Letter of Resignation, The Militant, 15, 23, 4 June.",
        type="journalArticle",
        key="sedova1951",
        title_a="Letter of Resignation",
        title_j="The Militant",
        volume="15",
        issue="23",
        date=("1951", "1951-06-04"),
    )
    assert diagnostics == []


def test_seed_two_authors_second_given_name_first() -> None:
    check(
        "Sedova, Natalia and Victor Serge 2016, Life and Death of Leon Trotsky, Haymarket.",
        type="book",
        key="sedova2016",
        authors=["Sedova, Natalia", "Serge, Victor"],
        title_m="Life and Death of Leon Trotsky",
        publisher="Haymarket",
    )


def test_seed_journal_article_with_accented_title() -> None:
    check(
        "Serge, Victor 2003, “To René Lefeuvre”, Revolutionary History, 8, 3.",
        type="journalArticle",
        key="serge2003",
        title_a="To René Lefeuvre",
        title_j="Revolutionary History",
        volume="8",
        issue="3",
    )


def test_seed_missing_comma_after_surname_is_read_with_a_warning() -> None:
    diagnostics = check(
        "Serge Victor 2010, Retour à l’Ouest: Chroniques (juin 1936-mai 1940), Agone.",
        type="book",
        key="serge2010",
        authors=["Serge, Victor"],
        title_m="Retour à l’Ouest: Chroniques (juin 1936-mai 1940)",
        publisher="Agone",
        place=None,
    )
    # Column 6 is where the comma should be, right after 'Serge'.
    assert diagnostics == [
        "review.txt:10:6: warning: missing comma after surname 'Serge' in reference; read as 'Serge, Victor'"
    ]


def test_seed_year_suffixes_are_kept_in_key_and_date_text() -> None:
    check(
        "Serge, Victor 2012a, Memoirs of a Revolutionary, New York Review Books.",
        type="book",
        key="serge2012a",
        title_m="Memoirs of a Revolutionary",
        publisher="New York Review Books",
        date=("2012a", "2012"),
    )
    check(
        "Serge, Victor 2012b, Carnets 1936-1947, Agone.",
        type="book",
        key="serge2012b",
        title_m="Carnets 1936-1947",
        publisher="Agone",
        date=("2012b", "2012"),
    )


def test_seed_biblstruct_shape_matches_the_design() -> None:
    bibl, _ = parse("Greeman, Richard 1994, “The Victor Serge Affair”, Revolutionary History, 5, 3.")
    assert [etree.QName(c).localname for c in bibl] == ["analytic", "monogr", "note"]
    imprint = xpath(bibl, "tei:monogr/tei:imprint")[0]
    assert [etree.QName(c).localname for c in imprint] == ["biblScope", "biblScope", "date"]
    assert bibl.get(XML_ID) == "greeman1994"


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Bode, K. 2012, Reading by Numbers, Anthem.", ["Bode, K."]),
        ("K. Bode 2012, Reading by Numbers, Anthem.", ["Bode, K."]),
        ("Bode, Katherine M. 2012, Reading by Numbers, Anthem.", ["Bode, Katherine|M."]),
        ("Bode, J.R. 2012, Reading by Numbers, Anthem.", ["Bode, J.|R."]),
        ("Smith, Jane, John Doe and Ann Lee 2001, Book, Verso.", ["Smith, Jane", "Doe, John", "Lee, Ann"]),
        ("Smith, J. & Lee, A. 2001, Book, Verso.", ["Smith, J.", "Lee, A."]),
        ("Smith, J., Lee, A., and Doe, B. 2001, Book, Verso.", ["Smith, J.", "Lee, A.", "Doe, B."]),
        ("van der Linden, Marcel 2007, Western Marxism, Brill.", ["van der Linden, Marcel"]),
        ("de Beauvoir, Simone 1949, Le Deuxième Sexe, Gallimard.", ["de Beauvoir, Simone"]),
        ("Beauvoir, Simone de 1949, Le Deuxième Sexe, Gallimard.", ["Beauvoir, Simone|de"]),
        ("García Márquez, Gabriel 1967, Cien años de soledad, Sudamericana.", ["García Márquez, Gabriel"]),
        ("Smith, Jane (2001) Book, Verso.", ["Smith, Jane"]),
    ],
)
def test_name_forms(text: str, authors: list[str]) -> None:
    assert check(text, type="book", authors=authors) == []


def test_particle_keys_fold_to_ascii_letters() -> None:
    check("van der Linden, Marcel 2007, Western Marxism, Brill.", key="vanderlinden2007")
    check("García Márquez, Gabriel 1967, Cien años de soledad, Sudamericana.", key="garciamarquez1967")


def test_surname_then_initials_without_comma_is_read_with_a_warning() -> None:
    diagnostics = check("Bode K. 2012, Reading by Numbers, Anthem.", authors=["Bode, K."])
    assert diagnostics == [
        "review.txt:10:5: warning: missing comma after surname 'Bode' in reference; read as 'Bode, K.'"
    ]


def organisations(node: etree._Element, path: str) -> list[str]:
    return texts(node, path + "/tei:orgName")


@pytest.mark.parametrize(
    ("text", "key", "names"),
    [
        (
            "United Nations 2015, Transforming Our World, United Nations.",
            "unitednations2015",
            ["United Nations"],
        ),
        (
            "Human Rights Watch 2019, World Report, Seven Stories.",
            "humanrightswatch2019",
            ["Human Rights Watch"],
        ),
        (
            "Bank of England 2020, Monetary Policy Report, Bank of England.",
            "bankofengland2020",
            ["Bank of England"],
        ),
        ("UNESCO 2016, Education for People and Planet, UNESCO.", "unesco2016", ["UNESCO"]),
        (
            "Museum of the City of New York 2019, Catalogue, MCNY.",
            "museumofthecityofnewyork2019",
            ["Museum of the City of New York"],
        ),
        (
            "Marxists Internet Archive 2019, Victor Serge Archive.",
            "marxistsinternetarchive2019",
            ["Marxists Internet Archive"],
        ),
        (
            "World Bank and UNICEF 2018, Poverty and Shared Prosperity, World Bank.",
            "worldbank2018",
            ["World Bank", "UNICEF"],
        ),
    ],
)
def test_organisations_are_authors_by_their_whole_name(text: str, key: str, names: list[str]) -> None:
    bibl, diagnostics = parse(text)
    assert diagnostics == []
    assert entry_key(bibl) == key
    assert organisations(bibl, "tei:monogr/tei:author") == names
    assert people(bibl, "tei:monogr/tei:author") == []


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("Bank, Melissa 1999, The Girls’ Guide to Hunting and Fishing, Viking.", ["Bank, Melissa"]),
        ("Smith, Jane and Melissa Bank 2018, Book, Verso.", ["Smith, Jane", "Bank, Melissa"]),
        ("Press, Gil 2013, Big Data, Forbes.", ["Press, Gil"]),
        ("Court, Margaret 1975, Court on Court, Dodd.", ["Court, Margaret"]),
    ],
)
def test_surnames_that_are_also_words_of_institutions_stay_people(text: str, authors: list[str]) -> None:
    bibl, diagnostics = parse(text)
    assert diagnostics == []
    assert people(bibl, "tei:monogr/tei:author") == authors
    assert organisations(bibl, "*/tei:author") == []


def test_a_reviewed_work_by_an_organisation() -> None:
    bibl, diagnostics = parse_reviewed_work(
        "Human Rights Watch, World Report 2019, Seven Stories Press, 2019.", "review.txt", 3, 1
    )
    assert [str(d) for d in diagnostics] == []
    assert organisations(bibl, "tei:monogr/tei:author") == ["Human Rights Watch"]
    assert one(bibl, "tei:monogr/tei:title[@level='m']") == "World Report 2019"


@pytest.mark.parametrize("role", ["(ed.)", "(eds)", "(eds.)"])
def test_editor_markers(role: str) -> None:
    check(
        f"Smith, J. and Lee, A. {role} 2001, Book, Verso.",
        type="book",
        key="smith2001",
        authors=[],
        editors=["Smith, J.", "Lee, A."],
        title_m="Book",
    )


# --- chapters, books, journals, newspapers, web ----------------------------------------------------


def test_chapter_in_edited_book_edited_by() -> None:
    check(
        "Lih, Lars T. 2011, “Title of chapter”, in Lenin Rediscovered, edited by Jane Doe, "
        "Leiden: Brill, pp. 12–34.",
        type="bookSection",
        key="lih2011",
        authors=["Lih, Lars|T."],
        title_a="Title of chapter",
        title_m="Lenin Rediscovered",
        editors=["Doe, Jane"],
        place="Leiden",
        publisher="Brill",
        pages=("12–34", "12", "34"),
    )


def test_chapter_ed_by_two_editors_and_bare_page_range() -> None:
    check(
        "Bode, Katherine 2012, “Chapter”, in Reading by Numbers, ed. by A. Editor and B. Editor, "
        "London: Anthem, 12-34.",
        type="bookSection",
        key="bode2012",
        authors=["Bode, Katherine"],
        title_a="Chapter",
        title_m="Reading by Numbers",
        editors=["Editor, A.", "Editor, B."],
        place="London",
        publisher="Anthem",
        pages=("12-34", "12", "34"),
    )


def test_chapter_in_editor_ed_book_with_abbreviated_range() -> None:
    check(
        "Smith, Jane 2001, “Chapter”, in J. Doe (ed.), Big Book, London: Verso, pp186-89.",
        type="bookSection",
        title_a="Chapter",
        title_m="Big Book",
        editors=["Doe, J."],
        place="London",
        publisher="Verso",
        pages=("186-89", "186", "189"),
    )


def test_editor_list_cut_at_commas_is_joined_back() -> None:
    check(
        "Lih, Lars 2011, “Chapter”, in Book, edited by A. Smith, B. Jones and C. Lee, Leiden: Brill, pp. 1-10.",
        editors=["Smith, A.", "Jones, B.", "Lee, C."],
        publisher="Brill",
        pages=("1-10", "1", "10"),
    )


def test_book_with_place() -> None:
    check(
        "Risam, Roopika 2018, New Digital Worlds, Evanston: Northwestern University Press.",
        type="book",
        key="risam2018",
        title_m="New Digital Worlds",
        place="Evanston",
        publisher="Northwestern University Press",
    )


def test_book_without_publisher_still_has_an_imprint_with_the_date() -> None:
    bibl, _ = parse("Smith, Jane 2001, A Book.")
    assert summary(bibl)["title_m"] == "A Book"
    assert [etree.QName(c).localname for c in xpath(bibl, "tei:monogr/tei:imprint")[0]] == ["date"]


def test_volume_of_a_multi_volume_book() -> None:
    check(
        "Marx, Karl 1976, Capital, Volume 1, trans. by Ben Fowkes, Harmondsworth: Penguin.",
        type="book",
        title_m="Capital",
        volume="1",
        translators=["Fowkes, Ben"],
        place="Harmondsworth",
        publisher="Penguin",
    )


@pytest.mark.parametrize(
    "numbers",
    ["12, 3: 45–67", "12 (3), pp. 45–67", "12(3): 45–67", "vol. 12, no. 3, pp. 45–67"],
)
def test_journal_with_pages(numbers: str) -> None:
    check(
        f"Smith, Jane 2001, “Title”, Journal of Things, {numbers}.",
        type="journalArticle",
        title_a="Title",
        title_j="Journal of Things",
        volume="12",
        issue="3",
        pages=("45–67", "45", "67"),
    )


def test_journal_pages_477_9() -> None:
    check("Smith, Jane 2001, “Title”, Journal, 3, 2: 477-9.", pages=("477-9", "477", "479"))


def test_journal_without_comma_before_the_volume() -> None:
    check(
        "Smith, Jane 2001. “Title,” Journal of Things 12 (3): 45–67.",
        type="journalArticle",
        title_a="Title",
        title_j="Journal of Things",
        volume="12",
        issue="3",
        pages=("45–67", "45", "67"),
    )


def test_newspaper_day_month() -> None:
    check(
        "Doe, Jane 2020, “Headline”, The Guardian, 3 March.",
        type="newspaperArticle",
        key="doe2020",
        title_a="Headline",
        title_j="The Guardian",
        date=("2020", "2020-03-03"),
    )


def test_impossible_day_keeps_year_and_month_only() -> None:
    check("Doe, Jane 2020, “Headline”, The Guardian, 31 February.", date=("2020", "2020-02"))


def test_web_item_with_access_date() -> None:
    check(
        "Doe, Jane 2020, “Post title”, Blog Name, available at: https://example.org/post (accessed 1 May 2021).",
        type="webpage",
        key="doe2020",
        title_a="Post title",
        title_m="Blog Name",
        url=["https://example.org/post"],
        accessed=("1 May 2021", "2021-05-01"),
        date=("2020", "2020"),
    )


def test_bare_url_in_angle_brackets_and_no_site_named() -> None:
    """With no site to be part of, the page is its own monograph (monogr always has a title)."""
    check(
        "Doe, Jane 2020, “Post title”, <https://example.org/post>.",
        type="webpage",
        authors=["Doe, Jane"],
        title_a=None,
        title_m="Post title",
        url=["https://example.org/post"],
        accessed=None,
    )


def test_url_keeps_balanced_parentheses_and_drops_final_full_stop() -> None:
    check(
        "Doe, Jane 2020, “Post”, Blog, accessed May 1, 2021, https://example.org/a_(b).",
        url=["https://example.org/a_(b)"],
        accessed=("May 1, 2021", "2021-05-01"),
    )


@pytest.mark.parametrize("url", ["https://https://x.org/p", "https://"])
def test_malformed_url_is_not_a_ptr_but_a_warning(url: str) -> None:
    text = f"Doe, Jane 2020, “Post”, Blog, available at: {url} (accessed 1 May 2021)."
    bibl, diagnostics = parse(text)
    assert (summary(bibl)["type"], summary(bibl)["url"]) == ("webpage", [])
    assert diagnostics == [
        f"review.txt:10:{1 + text.index('https')}: warning: '{url}' is not a well-formed URL; "
        "kept only in the raw reference"
    ]


@pytest.mark.parametrize("doi", ["doi:10.1234/abc", "https://doi.org/10.1234/abc", "DOI: 10.1234/abc"])
def test_doi_forms_become_idno_not_ptr(doi: str) -> None:
    bibl, _ = parse(f"Smith, Jane 2001, “Title”, Journal, 3, 4, {doi}.")
    assert summary(bibl)["doi"] == "10.1234/abc"
    assert summary(bibl)["url"] == []
    assert xpath(bibl, "tei:analytic/tei:idno[@type='DOI']")


def test_doi_of_a_book_goes_in_monogr() -> None:
    bibl, _ = parse("Smith, Jane 2001, Book, Verso, doi:10.1234/abc.")
    assert [i.text for i in xpath(bibl, "tei:monogr/tei:idno[@type='DOI']")] == ["10.1234/abc"]


@pytest.mark.parametrize("marker", ["translated by", "trans. by", "trans."])
def test_translated_work(marker: str) -> None:
    check(
        f"Trotsky, Leon 1937, The Revolution Betrayed, {marker} Max Eastman, New York: Doubleday.",
        type="book",
        key="trotsky1937",
        authors=["Trotsky, Leon"],
        editors=[],
        translators=["Eastman, Max"],
        title_m="The Revolution Betrayed",
        place="New York",
        publisher="Doubleday",
    )


def test_thesis() -> None:
    bibl, _ = parse("Doe, Jane 2015, Title, PhD thesis, University of Somewhere.")
    assert {k: summary(bibl)[k] for k in ("type", "title_m", "publisher")} == {
        "type": "thesis",
        "title_m": "Title",
        "publisher": "University of Somewhere",
    }
    assert texts(bibl, "tei:monogr/tei:note[@type='thesisType']") == ["PhD thesis"]


def test_edition_is_not_mistaken_for_title_or_publisher() -> None:
    diagnostics = check(
        "Smith, Jane 2001, Title, 2nd edn, London: Verso.", title_m="Title", place="London", publisher="Verso"
    )
    assert diagnostics == []
    bibl, _ = parse("Smith, Jane 2001, Title, 2nd edn, London: Verso.")
    assert texts(bibl, "tei:monogr/tei:edition") == ["2nd edn"]


# --- what can't be read --------------------------------------------------------------------------


def test_unparseable_reference_is_kept_as_plain_bibl() -> None:
    bibl, diagnostics = parse("just some words without year", line=42, col=3)
    assert etree.QName(bibl).localname == "bibl"
    assert bibl.text == "just some words without year"
    assert entry_key(bibl) == "ref42"
    assert diagnostics == [
        "review.txt:42:3: warning: cannot parse reference 'just some words without year' "
        "(no year found); kept as plain bibl"
    ]


def test_fallback_key_uses_name_and_year_when_found() -> None:
    bibl, diagnostics = parse_house("Smith, Jane 2001, “Title”.")
    assert (etree.QName(bibl).localname, entry_key(bibl)) == ("bibl", "smith2001")
    assert "kept as plain bibl" in diagnostics[0]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Doe, Jane 2020, “Headline”, 3 March.", "no journal or newspaper named after the title"),
        ("Smith, Jane 2001, Journal of Things, 12, 3.", "a journal but no article title"),
        ("Smith, Jane 2001, “Chapter”, in A. Doe (ed.), pp. 1-2.", "no book title after 'in'"),
    ],
)
def test_articles_and_chapters_missing_their_container_or_title_fall_back(text: str, why: str) -> None:
    bibl, diagnostics = parse_house(text)
    assert etree.QName(bibl).localname == "bibl"
    assert f"({why}); kept as plain bibl" in diagnostics[-1]


def test_unrecognised_part_is_reported_where_it_stands() -> None:
    text = "Smith, Jane 2001, “Title”, Journal, 3, 4, something odd."
    _, diagnostics = parse_house(text)
    col = 1 + text.index("something odd")
    assert diagnostics == [
        f"review.txt:10:{col}: warning: unrecognised part 'something odd' in reference; "
        "kept only in the raw reference"
    ]


def test_a_house_entry_its_rules_cannot_finish_is_read_by_the_labeller() -> None:
    """The rules leave 'something odd' unread; the labeller reads the whole entry instead, and
    the journal, volume and issue are the same either way."""
    bibl, _ = parse("Smith, Jane 2001, “Title”, Journal, 3, 4, something odd.")
    assert etree.QName(bibl).localname == "biblStruct"
    assert summary(bibl)["title_j"] == "Journal"
    assert (summary(bibl)["volume"], summary(bibl)["issue"]) == ("3", "4")


def test_diagnostic_on_a_continuation_line_names_that_line() -> None:
    _, diagnostics = parse_house("Smith, Jane 2001, “Title”, Journal, 3, 4,\nsomething odd.", line=7, col=1)
    assert diagnostics[0].startswith("review.txt:8:1: warning: unrecognised part 'something odd'")


def test_wrapped_lines_are_one_space_in_fields() -> None:
    check("Smith, Jane 2001, Memoirs of a\nRevolutionary, Verso.", title_m="Memoirs of a Revolutionary")


def test_characters_xml_cannot_hold_are_removed_with_a_warning() -> None:
    bibl, diagnostics = parse("Smith, Jane 2001, Bo\x01ok, Verso.")
    assert summary(bibl)["title_m"] == "Book"
    assert diagnostics == [
        "review.txt:10:21: warning: character U+0001 cannot appear in XML; removed from the reference"
    ]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_reference_never_raises(text: str) -> None:
    bibl, diagnostics = parse_reference(text, "f.txt", 1, 1)
    assert etree.QName(bibl).localname in {"biblStruct", "bibl"}
    assert entry_key(bibl)
    etree.tostring(bibl)  # serialisable
    assert all(d.path == "f.txt" and d.line >= 1 and d.col >= 1 for d in diagnostics)


_REFERENCE_LIKE = st.lists(
    st.sampled_from(
        ["Smith,", "Jane", "and", "&", "J.", "van", "(ed.)", "2001a,", "“T,”", "in", "ed. by", "pp.", "12-3",
         "3,", "(4):", "May", "https://x.org/a)", "doi:10.1/x", "accessed", ",", ".", "PhD thesis,", "London:"]
    ),
    max_size=25,
).map(" ".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_REFERENCE_LIKE)
def test_parse_reference_never_raises_on_reference_like_text(text: str) -> None:
    bibl, _ = parse_reference(text, "f.txt", 1, 1)
    etree.tostring(bibl)


def test_a_thesis_marker_in_a_publisher_no_publisher_span_gave_does_not_raise() -> None:
    # found by the test above: the publisher is read from the span labelled a journal
    bibl, _ = parse_reference("Smith, Smith, Smith, “T,” J. London: PhD thesis,", "f.txt", 1, 1)
    etree.tostring(bibl)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_reviewed_work_never_raises(text: str) -> None:
    bibl, _ = parse_reviewed_work(text, "f.txt", 1, 1)
    etree.tostring(bibl)


# --- the reviewed work ---------------------------------------------------------------------------


def reviewed(text: str) -> tuple[dict[str, Any], list[str]]:
    bibl, diagnostics = parse_reviewed_work(text, "review.txt", 3, 1)
    return summary(bibl), [str(d) for d in diagnostics]


def test_reviewed_work_of_the_seed() -> None:
    got, diagnostics = reviewed("Victor Serge, Notebooks 1936-1947, New York Review Books, 2019.")
    assert diagnostics == []
    assert {k: got[k] for k in ("type", "key", "authors", "title_m", "publisher", "place", "date")} == {
        "type": "book",
        "key": "serge2019",
        "authors": ["Serge, Victor"],
        "title_m": "Notebooks 1936-1947",
        "publisher": "New York Review Books",
        "place": None,
        "date": ("2019", "2019"),
    }


def test_reviewed_work_with_place_and_two_authors() -> None:
    got, _ = reviewed("Jane Doe and K. M. Smith, Red Petrograd, London: Verso, 2017.")
    assert (got["authors"], got["title_m"], got["place"], got["publisher"]) == (
        ["Doe, Jane", "Smith, K.|M."],
        "Red Petrograd",
        "London",
        "Verso",
    )


def test_reviewed_work_with_editor_translator_isbn_and_extent() -> None:
    text = REVIEWED[1]
    got, diagnostics = reviewed(text)
    assert (got["authors"], got["editors"], got["translators"]) == ([], ["Doe, Jane"], ["Eastman, Max"])
    bibl, _ = parse_reviewed_work(text, "review.txt", 3, 1)
    assert texts(bibl, "tei:monogr/tei:idno[@type='ISBN']") == ["978-1-78168-000-0"]
    assert texts(bibl, "tei:monogr/tei:extent") == ["320pp"]
    assert summary(bibl)["raw"] == text, "the price stays in the raw string"
    assert diagnostics == [
        f"review.txt:3:{1 + text.index('£20')}: warning: unrecognised part '£20' of the reviewed work; kept only as written"
    ]


def test_reviewed_work_is_a_book_even_with_a_url_in_it() -> None:
    got, _ = reviewed("Victor https://x.org/aSerge, Notebooks, New York Review Books, 2019.")
    assert (got["type"], got["authors"], got["title_m"], got["url"]) == (
        "book",
        ["Victor"],
        "Notebooks",
        ["https://x.org/aSerge"],
    )


def test_unreadable_reviewed_work_is_a_plain_bibl() -> None:
    bibl, diagnostics = parse_reviewed_work("A book without year", "review.txt", 3, 1)
    assert (etree.QName(bibl).localname, entry_key(bibl)) == ("bibl", "ref3")
    assert "kept as plain bibl" in str(diagnostics[0])


# --- valid TEI ------------------------------------------------------------------------------------


def _document(entries: list[etree._Element]) -> etree._Element:
    tei = el("TEI")
    header = sub(tei, "teiHeader")
    file_desc = sub(header, "fileDesc")
    sub(sub(file_desc, "titleStmt"), "title", "t")
    sub(sub(file_desc, "publicationStmt"), "p", "p")
    sub(sub(file_desc, "sourceDesc"), "p", "p")
    text = sub(tei, "text")
    sub(sub(text, "body"), "p", "p")
    list_bibl = sub(sub(sub(text, "back"), "div"), "listBibl")
    for i, entry in enumerate(entries):
        copy = etree.fromstring(etree.tostring(entry))
        copy.set(XML_ID, f"{copy.get(XML_ID)}_{i}")  # the same key may recur across tests
        list_bibl.append(copy)
    return tei


def _seed_references() -> list[str]:
    """The seed's reference list: the paragraphs from 'Abidor' up to the first note."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n")]
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("Abidor, Mitchell"))
    return [p for p in paragraphs[first:] if p and not p.startswith("[")]


def test_seed_reference_list_reads_without_fallback() -> None:
    references = _seed_references()
    assert len(references) == 9
    keys = [entry_key(parse(r)[0]) for r in references]
    assert keys == [
        "abidor2019", "cotterill1994", "greeman1994", "sedova1951", "sedova2016",
        "serge2003", "serge2010", "serge2012a", "serge2012b",
    ]  # fmt: skip


def _every_form() -> list[etree._Element]:
    entries = [parse(r)[0] for r in _seed_references() + FORMS]
    return entries + [parse_reviewed_work(r, "review.txt", 3, 1)[0] for r in REVIEWED]


def test_every_form_is_valid_in_the_project_schema() -> None:
    """The project's stricter TEI: the seed's document with every form added to its references."""
    tei, _ = read_review(SEED)
    assert tei is not None
    list_bibl = xpath(tei, "tei:text/tei:back/tei:div/tei:listBibl")[0]
    for i, entry in enumerate(_every_form()):
        entry.set(XML_ID, f"{entry.get(XML_ID)}_{i}")
        list_bibl.append(entry)
    assert validate_tree(etree.ElementTree(tei), "refs.xml") == []


@pytest.mark.skipif(not SCHEMA.exists() or shutil.which("jing") is None, reason="needs jing and tei_all.rng")
def test_every_form_is_valid_tei_all(tmp_path: Path) -> None:
    entries = _every_form()
    document = tmp_path / "refs.xml"
    document.write_bytes(etree.tostring(_document(entries), xml_declaration=True, encoding="UTF-8"))
    result = subprocess.run(["jing", str(SCHEMA), str(document)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "text",
    [
        " " * 20000 + "x",
        "Smith" + " " * 20000 + "Jones 2001, x",
        "Smith 2001, x, accessed" + " " * 20000 + "x",
        "Smith, Jane 2001, " + "“" * 5000,
        "Smith 2001, x, " + "(accessed " * 3000,
    ],
)
def test_long_pathological_input_is_read_in_linear_time(text: str) -> None:
    """Regexes with nested or adjacent quantifiers once took minutes on runs of spaces."""
    start = time.monotonic()
    parse_reference(text, "f.txt", 1, 1)
    parse_reviewed_work(text, "f.txt", 1, 1)
    assert time.monotonic() - start < 2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Arbeitsstelle für Standardisierung. (2019). Jahresbericht 2018. Deutsche Nationalbibliothek.",
            ["Arbeitsstelle für Standardisierung"],
        ),
        (
            "Komitee für Bibliotheksstatistik des Deutschen Bibliotheksverbandes. (1975). "
            "Bericht über das Jahr 1974. Deutscher Bibliotheksverband.",
            ["Komitee für Bibliotheksstatistik des Deutschen Bibliotheksverbandes"],
        ),
        (
            "Staatsbibliothek Bamberg. (2010). Die Handschriften der Dombibliothek. Harrassowitz.",
            ["Staatsbibliothek Bamberg"],
        ),
    ],
)
def test_german_organisations_keep_their_whole_name(text: str, names: list[str]) -> None:
    """A German compound ('…bibliothek') or a 'für' inside a name is an institution's, so
    the name is not turned round as a person's would be ('Bamberg, Staatsbibliothek')."""
    bibl, _ = parse(text)
    assert organisations(bibl, "tei:monogr/tei:author") == names
    assert people(bibl, "tei:monogr/tei:author") == []


def test_a_generational_name_is_part_of_the_name_in_the_tei() -> None:
    """'Jr.' after the given names was a second author; TEI writes it as the person's genName."""
    bibl, _ = parse("King, Martin Luther, Jr. 1963. Why We Can’t Wait. New York: Harper & Row.")
    (person,) = xpath(bibl, "tei:monogr/tei:author/tei:persName")
    assert [(child.tag.split("}")[1], child.text) for child in person] == [
        ("forename", "Martin"), ("forename", "Luther"), ("surname", "King"), ("genName", "Jr."),
    ]  # fmt: skip


def test_a_town_with_its_state_is_the_place_in_the_house_style() -> None:
    bibl, diagnostics = parse("Wiener, Norbert 1948, Cybernetics, Cambridge, MA: MIT Press.")
    assert diagnostics == []
    assert texts(bibl, "tei:monogr/tei:title") == ["Cybernetics"]
    assert texts(bibl, "tei:monogr/tei:imprint/tei:pubPlace") == ["Cambridge, MA"]
    assert texts(bibl, "tei:monogr/tei:imprint/tei:publisher") == ["MIT Press"]


def test_a_newspapers_day_with_its_year_in_the_house_style() -> None:
    bibl, diagnostics = parse("Sedova, Natalia 1951, “Lettre”, Le Monde, 4 juin 1951.")
    assert diagnostics == []
    assert bibl.get("type") == "newspaperArticle"
    assert texts(bibl, "tei:monogr/tei:title") == ["Le Monde"]
    assert [d.get("when") for d in xpath(bibl, "tei:monogr/tei:imprint/tei:date")] == ["1951-06-04"]


@pytest.mark.parametrize(
    "line",
    [
        "Martin Luther King Jr., Why We Can’t Wait, Harper & Row, 1963.",
        "King, Martin Luther, Jr., Why We Can’t Wait, Harper & Row, 1963.",
    ],
)
def test_a_reviewed_work_by_a_generational_name(line: str) -> None:
    bibl, diagnostics = parse_reviewed_work(line, "review.txt", 3, 1)
    assert [str(d) for d in diagnostics] == []
    assert one(bibl, "tei:monogr/tei:author/tei:persName/tei:genName") == "Jr."
    assert one(bibl, "tei:monogr/tei:title[@level='m']") == "Why We Can’t Wait"
