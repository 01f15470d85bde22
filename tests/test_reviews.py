"""Reviews written for the tests, one per convention the reader must understand.

Every expected value below was read by hand from the files in tests/reviews/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from exporter.reader import read_review
from exporter.reader.references.finding import looks_like_reference
from exporter.tei import serialise
from exporter.validate import validate_tree
from tests.conftest import REVIEWS, jing_on_tei_all
from tests.tei_helpers import q, text

ALL = sorted(REVIEWS.glob("*.txt"))


@cache
def tei(name: str) -> etree._Element:
    root, diagnostics = read_review(REVIEWS / f"{name}.txt")
    assert root is not None, diagnostics
    assert diagnostics == [], diagnostics
    return root


def cited(root: etree._Element) -> list[tuple[str, str, str]]:
    """(target, from, to) of every page citation in the body."""
    return [
        (r.getparent().get("corresp"), r.get("from"), r.get("to"))
        for r in q(root, "//tei:body//tei:citedRange")
    ]


def refs(root: etree._Element) -> list[str]:
    return [r.get("target") for r in q(root, "//tei:body//tei:ref")]


def names(entry: etree._Element, role: str = "author") -> list[str]:
    return [
        text(p, "tei:surname") + ", " + " ".join(f.text or "" for f in q(p, "tei:forename"))
        for p in q(entry, f".//tei:{role}[not(@role)]/tei:persName")
    ]


def entry(root: etree._Element, key: str) -> etree._Element:
    (found,) = q(root, f"//*[@xml:id='{key}']")
    return found


def test_there_are_at_least_ten_reviews() -> None:
    assert len(ALL) >= 10


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_review_is_valid_against_the_project_schema(path: Path) -> None:
    root = tei(path.stem)
    tree = etree.ElementTree(etree.fromstring(serialise(root)))
    assert validate_tree(tree, path.name) == []


def test_reviews_are_valid_against_tei_all(tmp_path: Path) -> None:
    done = jing_on_tei_all({path.stem: tei(path.stem) for path in ALL}, tmp_path)
    assert done.returncode == 0, done.stdout


def test_headings_block_quote_bracket_citations_and_sidecar() -> None:
    root = tei("01-digital-worlds")
    assert [text(h, ".") for h in q(root, "//tei:body/tei:div/tei:head")] == ["Numbers and novels", "Method"]
    assert text(root, "//tei:body/tei:div[1]/tei:quote").startswith("The literary field is not a given")
    assert cited(root) == [("#bode2012", "12", "12"), ("#bode2012-reviewed", "45", "67"),
                           ("#bode2012-reviewed", "201", "201")]  # fmt: skip
    assert refs(root) == ["#bode2012", "#risam2018", "#risam2018"]
    assert text(root, "//tei:titleStmt/tei:author//tei:forename") == "Ada"
    assert text(root, "//tei:titleStmt/tei:author//tei:surname") == "Reviewer"
    assert text(root, "//tei:publicationStmt/tei:publisher") == "Small Press Reviews"
    assert q(root, "//tei:licence/@target") == ["https://creativecommons.org/licenses/by/4.0/"]
    reviewed = entry(root, "bode2012-reviewed")
    assert text(reviewed, ".//tei:idno[@type='ISBN']") == "9780857284549"
    assert text(reviewed, ".//tei:pubPlace") == "London"
    risam = entry(root, "risam2018")
    assert text(risam, ".//tei:pubPlace") == "Evanston"
    assert text(risam, ".//tei:publisher") == "Northwestern University Press"


def test_chapter_in_edited_book() -> None:
    root = tei("02-lenin-chapters")
    assert cited(root) == [
        ("#lih2011", "12", "34"),
        ("#lih2017", "5", "5"),
        ("#lih2011-reviewed", "40", "41"),
    ]
    chapter = entry(root, "lih2017")
    assert chapter.get("type") == "bookSection"
    assert text(chapter, "tei:analytic/tei:title[@level='a']") == "The Proletariat and its Ally"
    assert text(chapter, "tei:monogr/tei:title[@level='m']") == "Lenin Rediscovered Again"
    assert names(chapter, "editor") == ["Doe, Jane"]
    assert names(chapter) == ["Lih, Lars T."]
    assert q(chapter, ".//tei:biblScope[@unit='page']/@from") == ["12"]
    assert q(chapter, ".//tei:biblScope[@unit='page']/@to") == ["34"]
    assert text(chapter, ".//tei:pubPlace") + "/" + text(chapter, ".//tei:publisher") == "Leiden/Brill"


def test_journal_with_pages_and_colon_citation() -> None:
    root = tei("03-journal-pages")
    assert cited(root) == [("#smith1999", "45", "45"), ("#smith2001-reviewed", "112", "112"),
                           ("#smith2001-reviewed", "301", "309")]  # fmt: skip
    article = entry(root, "smith1999")
    assert article.get("type") == "journalArticle"
    assert text(article, "tei:monogr/tei:title[@level='j']") == "Journal of Labour History"
    assert [text(b, ".") for b in q(article, ".//tei:biblScope")] == ["12", "3", "45–67"]
    assert q(article, ".//tei:biblScope[@unit='page']/@to") == ["67"]


def test_web_item_and_doi() -> None:
    root = tei("04-web-and-doi")
    assert refs(root) == ["#doe2020a", "#doe2019"]
    web = entry(root, "doe2020a")
    assert web.get("type") == "webpage"
    assert q(web, "tei:ptr/@target") == ["https://example.org/blogs-matter"]
    assert q(web, ".//tei:date[@type='access']/@when") == ["2021-05-01"]
    article = entry(root, "doe2019")
    assert text(article, ".//tei:idno[@type='DOI']") == "10.1234/ds.2019.42"
    assert q(article, ".//tei:biblScope[@unit='page']/@from") == ["1"]


def test_translated_works() -> None:
    root = tei("05-translated")
    for key in ("trotsky1937", "trotsky2004"):
        translator = ".//tei:editor[@role='translator']/tei:persName"
        translators = [text(p, "tei:surname") for p in q(entry(root, key), translator)]
        assert translators == ["Eastman"]
    assert cited(root)[0] == ("#trotsky1937", "3", "3")
    assert text(root, "//tei:note[@n='1']/tei:ref") == "Trotsky 2004"


def test_thesis() -> None:
    root = tei("06-thesis")
    thesis = entry(root, "major2015")
    assert thesis.get("type") == "thesis"
    assert text(thesis, ".//tei:publisher") == "University of Warwick"
    assert refs(root) == ["#major2015"]
    assert cited(root) == [("#major2018-reviewed", "88", "104")]


def test_several_authors_initials_and_et_al() -> None:
    root = tei("07-many-authors")
    assert names(entry(root, "smith2001")) == ["Smith, J.", "Lee, A."]
    assert names(entry(root, "brown2010")) == ["Brown, Alice", "Green, Bob", "White, Carol"]
    assert names(entry(root, "lee2003")) == ["Lee, Ann", "Smith, John"]
    assert refs(root) == ["#smith2001", "#brown2010"]
    assert cited(root) == [("#smith2001", "9", "9"), ("#lee2003-reviewed", "2", "2")]


def test_particles_and_nested_quotations() -> None:
    root = tei("08-particles-and-nested")
    assert refs(root) == ["#vanderlinden2008", "#debeauvoir1949"]
    assert text(entry(root, "vanderlinden2008"), ".//tei:surname") == "van der Linden"
    (outer,) = q(root, "//tei:cit/tei:quote")
    assert text(outer, ".") == "they told us work harder and we did"
    assert text(outer, "tei:quote") == "work harder"


def test_straight_quotes_and_plain_heading() -> None:
    root = tei("09-straight-quotes")
    assert [text(c, "tei:quote") for c in q(root, "//tei:cit")] == [
        "the machine has its own rhythm",
        "does not forgive",
    ]
    assert [text(h, ".") for h in q(root, "//tei:body//tei:head")] == ["Later chapters"]
    assert cited(root) == [
        ("#plain1995", "17", "17"),
        ("#plain1995", "18", "18"),
        ("#plain1995", "120", "135"),
    ]
    assert q(root, "//tei:back") == []


def test_newspaper_day_and_month() -> None:
    root = tei("10-newspaper")
    assert q(entry(root, "doe2020"), ".//tei:imprint/tei:date/@when") == ["2020-03-03"]
    assert entry(root, "doe2020").get("type") == "newspaperArticle"
    assert cited(root) == [("#abidor2019", "3", "3"), ("#abidor2019-reviewed", "229", "230")]


def test_no_references_no_notes() -> None:
    root = tei("11-no-references")
    assert len(q(root, "//tei:body/tei:p")) == 2
    assert cited(root) == [("#notice2022", "1", "20"), ("#notice2022", "98", "98"), ("#notice2022", "3", "3")]


def test_edited_volume_and_roman_pages() -> None:
    root = tei("12-edited-volumes")
    volume = entry(root, "editor2016")
    assert volume.get("type") == "book"
    assert names(volume, "editor") == ["Editor, Paul", "Editor, Quinn"]
    chapter = entry(root, "exile2016")
    assert names(chapter, "editor") == ["Editor, P.", "Editor, Q."]
    assert cited(root) == [("#editor2016", "ix", "xx"), ("#exile2016", "40", "40")]
    # the reviewed work is listed among the references too: both entries stay, under two keys
    reviewed = entry(root, "editor2016-reviewed")
    assert names(reviewed) == ["Editor, Paul", "Editor, Quinn"]
    assert text(reviewed, "tei:monogr/tei:title") == "Essays on Exile"


def test_organisations_as_authors_and_in_citations() -> None:
    root = tei("13-organisations")
    orgs = q(root, "//tei:author/tei:orgName")
    assert [o.text for o in orgs] == [
        "Human Rights Watch",
        "Amnesty International",
        "Bank of England",
        "UNESCO",
        "United Nations",
    ]
    assert names(entry(root, "smith2018")) == ["Smith, Jane", "Bank, Melissa"]
    # In brackets, in running text, and with a page: each organisation's whole name is the citation.
    assert [(r.get("target"), r.text) for r in q(root, "//tei:body//tei:ref")] == [
        ("#amnestyinternational2010", "Amnesty International 2010"),
        ("#unitednations2015", "United Nations 2015"),
        ("#unesco2016", "UNESCO 2016"),
        ("#bankofengland2020", "Bank of England 2020"),
        ("#smith2018", "Smith and Bank 2018"),
    ]
    assert cited(root) == [("#unitednations2015", "12", "12"), ("#humanrightswatch2019", "201", "204")]


@pytest.mark.parametrize(
    ("block", "is_reference"),
    [
        ("Bank of England 2020, Monetary Policy Report, Bank of England.", True),
        ("Council on Foreign Relations 2001, Report.", True),
        ("Museum of the City of New York 2019, Catalogue.", True),
        ("Memoirs of the 1940s, he wrote, were his last.", False),
        ("Memoirs of 1945, he wrote, were his last.", False),  # 'of' before a year, not a name
        ("In the 1930s, Serge was in prison.", False),
    ],
)
def test_a_reference_block_may_name_an_organisation_with_of(block: str, is_reference: bool) -> None:
    assert looks_like_reference(block) == is_reference


def test_a_short_line_is_a_paragraph_where_the_review_marks_its_headings() -> None:
    # Once a writer marks headings with '#', a short unpunctuated line is a caption or a link.
    source = (
        "Review: Marked\n\nJane Roe, A Book, Verso, 2019.\n\nThe book opens well.\n\n"
        "## Method\n\nFigure 1 The reading room\n\nIt ends well too.\n"
    )
    root, _ = read_review(Path("marked.txt"), source.encode())
    assert root is not None
    assert [text(h, ".") for h in q(root, "//tei:body//tei:head")] == ["Method"]
    assert [text(p, ".") for p in q(root, "//tei:body//tei:p")][1] == "Figure 1 The reading room"
