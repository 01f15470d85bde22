"""In-text citations and note calls in the forms real reviews write them.

Each expected fragment below was written by hand from the review text it reads: a review made of
one paragraph and a fixed reference list, whose first author-date entries are listed in REFERENCES.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.reader import read_review
from exporter.tei import TEI_NS, xpath

REVIEWED = "Matthew L. Jockers, Macroanalysis, University of Illinois Press, 2013."
REFERENCES = """\
Bailey, Jane, Tom Smith and Ann Roe 2019, A Title, Press.

Berger, Paul and Solange Ghernaouti-Hélié 2010, Another Title, Press.

Brewer, Tom 2019, Third Title, Press.

Brewer, Tom 2020, Fifth Title, Press.

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
    # 'Word1. Word2. …' is in no language: the only warning says so
    assert [d.message.split(";")[0] for d in diagnostics] == [
        "cannot tell the review's language from its text, so it is taken as 'en'"
    ]
    numbers = [n.get("n") for n in xpath(root, "//tei:body//tei:note")]
    assert numbers == [str(n) for n in range(1, count + 1)]
    (last,) = xpath(root, "//tei:note[@n='10001']")
    assert last.text == "Note 10001."


def ref(key: str, text: str) -> str:
    return f'<ref target="#{key}">{text}</ref>'


def pages(first: str, last: str, text: str) -> str:
    return f'<citedRange unit="page" from="{first}" to="{last}">{text}</citedRange>'


def bibl(key: str, inner: str) -> str:
    return f'<bibl corresp="#{key}">{inner}</bibl>'


J, M, REVIEWED_KEY = "jockers2013", "moretti2005", "jockers2013-reviewed"
NB_RANGE = "47\u201149"
FORMS = {
    "(Jockers 2013, 47)": bibl(J, f"({ref(J, 'Jockers 2013')}, {pages('47', '47', '47')})"),
    "[Jockers 2013, 47]": bibl(J, f"[{ref(J, 'Jockers 2013')}, {pages('47', '47', '47')}]"),
    "(Jockers 2013: 47)": bibl(J, f"({ref(J, 'Jockers 2013')}: {pages('47', '47', '47')})"),
    "(Jockers 2013, p. 47)": bibl(J, f"({ref(J, 'Jockers 2013')}, {pages('47', '47', 'p. 47')})"),
    "(Jockers 2013, 47–49)": bibl(J, f"({ref(J, 'Jockers 2013')}, {pages('47', '49', '47–49')})"),
    # the no-break hyphen (U+2011) French texts set in ranges
    "(Jockers 2013, 47\u201149)": bibl(J, f"({ref(J, 'Jockers 2013')}, {pages('47', '49', NB_RANGE)})"),
    "Jockers (2013, 47)": bibl(J, f"{ref(J, 'Jockers')} (2013, {pages('47', '47', '47')})"),
    "Jockers (2013)": ref(J, "Jockers (2013)"),
    "Jockers [2013]": ref(J, "Jockers [2013]"),
    "(Rhodes 2016; Brewer 2019)": f"({ref('rhodes2016', 'Rhodes 2016')}; {ref('brewer2019', 'Brewer 2019')})",
    "(Bailey et al. 2019)": f"({ref('bailey2019', 'Bailey et al. 2019')})",
    "(Berger and Ghernaouti-Hélié 2010)": f"({ref('berger2010', 'Berger and Ghernaouti-Hélié 2010')})",
    "(see Moretti 2005, 12)": bibl(M, f"(see {ref(M, 'Moretti 2005')}, {pages('12', '12', '12')})"),
    "(cf. Moretti 2005)": f"(cf. {ref(M, 'Moretti 2005')})",
    "(Jockers 47)": bibl(J, f"({ref(J, 'Jockers')} {pages('47', '47', '47')})"),
    "(p. 37)": bibl(REVIEWED_KEY, f"({pages('37', '37', 'p. 37')})"),
    "(S. 37)": bibl(REVIEWED_KEY, f"({pages('37', '37', 'S. 37')})"),
    "(p. xii)": bibl(REVIEWED_KEY, f"({pages('xii', 'xii', 'p. xii')})"),
    "(pp. 12–14, 18)": bibl(REVIEWED_KEY, f"({pages('12', '14', 'pp. 12–14')}, {pages('18', '18', '18')})"),
    # marked pages among words that say where in the work they are
    "(Kap. 3, bis S. 37)": bibl(REVIEWED_KEY, f"(Kap. 3, bis {pages('37', '37', 'S. 37')})"),
    "(S. 5 und siehe Tab. II. auf S. 8)": bibl(
        REVIEWED_KEY, f"({pages('5', '5', 'S. 5')} und siehe Tab. II. auf {pages('8', '8', 'S. 8')})"
    ),
    "(see Figure 2 on pp. 12–14)": bibl(REVIEWED_KEY, f"(see Figure 2 on {pages('12', '14', 'pp. 12–14')})"),
    # as the corpus's reviews write them: APA's comma, French 'et', a year list, a slash, a range
    "(Rhodes, 2016)": f"({ref('rhodes2016', 'Rhodes, 2016')})",
    "(Berger et Ghernaouti-Hélié, 2010)": f"({ref('berger2010', 'Berger et Ghernaouti-Hélié, 2010')})",
    "(Moretti 2005, Rhodes 2016)": f"({ref(M, 'Moretti 2005')}, {ref('rhodes2016', 'Rhodes 2016')})",
    "(Brewer 2019, 2020)": f"({ref('brewer2019', 'Brewer 2019')}, {ref('brewer2020', '2020')})",
    "(Brewer 2019/2020)": f"({ref('brewer2019', 'Brewer 2019')}/{ref('brewer2020', '2020')})",
    "(Berger/Ghernaouti-Hélié 2010)": f"({ref('berger2010', 'Berger/Ghernaouti-Hélié 2010')})",
    "(Brewer 2019–2021)": f"({ref('brewer2019', 'Brewer 2019–2021')})",
    "(vgl. Moretti 2005, S. 12f.)": bibl(
        M, f"(vgl. {ref(M, 'Moretti 2005')}, {pages('12', '12', 'S. 12f.')})"
    ),
    "Moretti’s (2005)": ref(M, "Moretti’s (2005)"),
    "von Moretti (2005)": ref(M, "von Moretti (2005)"),
    "Moretti, in a late book (2005)": f"Moretti, in a late book ({ref(M, '2005')})",
    "Moretti, in a late book (2005, 12)": "Moretti, in a late book "
    + bibl(M, "(" + ref(M, "2005") + ", " + pages("12", "12", "12") + ")"),
    # in prose, as ride-galileo, ride-sga and LIBREAS write it: the year a few words after the name
    "Moretti to state in 2005": f"Moretti to state in {ref(M, '2005')}",
    "Rhodes's printed edition of 2016": f"Rhodes's printed edition of {ref('rhodes2016', '2016')}",
    "Unsworth postuliert schon 2000": f"Unsworth postuliert schon {ref('unsworth2000', '2000')}",
}


@pytest.mark.parametrize("form", list(FORMS))
def test_each_citation_form_is_linked_to_its_entry(form: str) -> None:
    # The paragraph starts with a word no name has, or 'Text Jockers (2013)' would open a
    # reference list.
    assert paragraph(f"so {form} text.") == f"<p>so {FORMS[form]} text.</p>"


NOT_CITATIONS = ["(Figure 15)", "(circa the 1970s)", "(2008)", "(12) of them", "(1) a first point"]
# A year in prose that no entry of the name before it has, or with another author between them.
NOT_CITATIONS += ["Rhodes moved in 2017", "Rhodes, unlike Moretti, in 2016", "Moretti from 2005–2007"]
# Pages among words that may name another work: an author's name, a year.
NOT_CITATIONS += ["(siehe Müller, S. 12)", "(as in 1990, p. 4)"]


def test_a_quoted_name_before_a_year_stays_a_quotation() -> None:
    """The closing mark of 'Moretti' is the quotation's, not part of a prose citation."""
    assert paragraph("so 'Moretti' in 2005 text.") == "<p>so <quote>Moretti</quote> in 2005 text.</p>"


@pytest.mark.parametrize("form", NOT_CITATIONS)
def test_what_is_not_a_citation_stays_text(form: str) -> None:
    _, diagnostics = read(f"so {form} text.")
    assert paragraph(f"so {form} text.") == f"<p>so {form} text.</p>"
    assert diagnostics == []


def test_a_page_alone_in_brackets_after_a_quotation_cites_the_reviewed_work() -> None:
    assert paragraph("He says “many words” (37).") == (
        "<p>He says <cit><quote>many words</quote> "
        + bibl(REVIEWED_KEY, "(" + pages("37", "37", "37") + ")")
        + "</cit>.</p>"
    )


def test_roman_pages_and_pages_at_the_end_of_a_quoting_sentence_cite_the_reviewed_work() -> None:
    """se-emerson-poems: '… "a lifetime of devotion," and especially to the notebooks (viii).'"""
    assert paragraph("He says “many words” (xxxvii, xxxvi).") == (
        "<p>He says <cit><quote>many words</quote> "
        + bibl(
            REVIEWED_KEY,
            "(" + pages("xxxvii", "xxxvii", "xxxvii") + ", " + pages("xxxvi", "xxxvi", "xxxvi") + ")",
        )
        + "</cit>.</p>"
    )
    assert paragraph("As “one says,” and especially the notebooks (viii).") == (
        "<p>As <quote>one says,</quote> and especially the notebooks "
        + bibl(REVIEWED_KEY, "(" + pages("viii", "viii", "viii") + ")")
        + ".</p>"
    )


@pytest.mark.parametrize(
    "written",
    [
        "As “one says.” Then the notebooks (viii).",  # the quotation ended a sentence before
        "As “one says,” the notebooks (viii) and more.",  # mid-sentence: an item of a list
    ],
)
def test_a_bare_page_away_from_a_quotation_stays_text(written: str) -> None:
    assert "citedRange" not in paragraph(written)


def test_a_year_and_page_after_a_quotation_are_the_named_works() -> None:
    xml = paragraph("As “one says,” Moretti (2005, 28) adds.")
    assert 'corresp="#moretti2005"' in xml
    assert REVIEWED_KEY not in xml


def test_a_year_in_prose_links_whatever_the_case_and_accents_of_the_list() -> None:
    """fr-senspublic-brassard-identite's list prints RIVIÈRE, its text Riviere."""
    references = "RIVIÈRE, Joan. 1929. Womanliness as a masquerade. Paris: Seuil."
    root, _ = read("so la psychanalyste Joan Riviere, en 1929, text.", references=references)
    (p,) = xpath(root, "//tei:body/tei:p")
    assert re.sub(r' xmlns="[^"]+"', "", etree.tostring(p, encoding="unicode", with_tail=False)) == (
        f"<p>so la psychanalyste Joan Riviere, en {ref('riviere1929', '1929')}, text.</p>"
    )


def test_a_year_in_brackets_after_a_quoted_title_is_no_page_citation() -> None:
    """„Editionsprobleme der Frühen Neuzeit“ (2013), „Diarium …“ (1579–1666): years, not pages."""
    for year in ("2013", "1579–1666"):
        assert (
            paragraph(f"so the „Title“ ({year}) text.")
            == f"<p>so the <quote>Title</quote> ({year}) text.</p>"
        )


def test_a_page_alone_after_another_work_is_named_cites_that_work() -> None:
    """As Caraher's review of Reinhard has it: "Roller reminds us … “…” (18)", "Comme
    l’avancent Terré et Adé (2022), « … » (p. 2)": the page is that work's, not the reviewed one's,
    until the reviewed work's author is named again."""
    quoted = "<quote>words</quote> "
    assert paragraph("as Rhodes (2016) says, “words” (18). Rhodes also “words” (19).") == (
        f"<p>as {ref('rhodes2016', 'Rhodes (2016)')} says, <cit>{quoted}"
        + bibl("rhodes2016", "(" + pages("18", "18", "18") + ")")
        + f"</cit>. Rhodes also <cit>{quoted}"
        + bibl("rhodes2016", "(" + pages("19", "19", "19") + ")")
        + "</cit>.</p>"
    )
    assert paragraph("so (Rhodes 2016). Then Jockers writes “words” (18).") == (
        f"<p>so ({ref('rhodes2016', 'Rhodes 2016')}). Then Jockers writes <cit>{quoted}"
        + bibl(REVIEWED_KEY, "(" + pages("18", "18", "18") + ")")
        + "</cit>.</p>"
    )


def test_ibid_after_a_body_citation_cites_that_work() -> None:
    assert paragraph("One (Moretti 2005, 12). Two (ibid., 45). Three (Ebd., S. 12).") == (
        "<p>One " + bibl(M, "(" + ref(M, "Moretti 2005") + ", " + pages("12", "12", "12") + ")") + ". "
        "Two " + bibl(M, "(" + ref(M, "ibid.") + ", " + pages("45", "45", "45") + ")") + ". "
        "Three " + bibl(M, "(" + ref(M, "Ebd.") + ", " + pages("12", "12", "S. 12") + ")") + ".</p>"
    )


def test_ibid_after_a_note_cites_the_work_the_note_cited() -> None:
    xml = paragraph("One.[1] Two (ibid.).", "[1] See Rhodes 2016.")
    note = f'<note n="1" place="foot" xml:id="note1">See {ref("rhodes2016", "Rhodes 2016")}.</note>'
    assert xml == f"<p>One.{note} Two " + bibl("rhodes2016", "(" + ref("rhodes2016", "ibid.") + ")") + ".</p>"


def test_ibid_with_nothing_cited_before_it_is_text_with_a_warning() -> None:
    root, diagnostics = read("Text (ibid., 4).")
    assert xpath(root, "//tei:body//tei:ref") == []
    assert [(d.line, d.col, d.message) for d in diagnostics] == [
        (5, 7, "'ibid.' but no work is cited before it; kept as text")
    ]


def test_a_citation_without_the_particle_its_entry_sorts_by_is_linked_silently() -> None:
    references = "von Kortzfleisch, Gert 1968, Automation, Press."
    root, diagnostics = read("as shown (Kortzfleisch 1968, 12).", references=references)
    assert [r.get("target") for r in xpath(root, "//tei:body//tei:ref")] == ["#vonkortzfleisch1968"]
    assert not [d for d in diagnostics if "Kortzfleisch" in d.message]


def test_a_citation_naming_a_co_author_is_linked_to_the_one_entry_that_names_them_with_a_warning() -> None:
    root, diagnostics = read("as shown (Smith 2019, 12).")
    assert [r.get("target") for r in xpath(root, "//tei:body//tei:ref")] == ["#bailey2019"]
    (warning,) = [d for d in diagnostics if "Smith 2019" in d.message]
    assert warning.severity == "warning" and "Bailey" in warning.message and "check" in warning.message
    # two entries of that year name him: which one is meant is not guessed
    twice = REFERENCES + "\nRoe, Ann and Tom Smith 2019, Sixth Title, Press.\n"
    root, diagnostics = read("as shown (Smith 2019, 12).", references=twice)
    assert xpath(root, "//tei:body//tei:ref") == []
    assert [d for d in diagnostics if "matches no entry in the reference list" in d.message]


def test_entries_that_share_a_first_author_and_year_are_told_apart_by_the_names_cited() -> None:
    # APA gives no letter where the author lists differ: 'Roe 2019', 'Roe and Smith 2019' and
    # 'Roe, Smith and Bailey 2019' are three works, cited as 'Roe', 'Roe and Smith', 'Roe et al.'.
    references = (
        "Roe, Ann 2019, First, Press.\n\nRoe, Ann and Tom Smith 2019, Second, Press.\n\n"
        "Roe, Ann, Tom Smith and Jane Bailey 2019, Third, Press.\n"
    )
    body = "as shown (Roe and Smith 2019), (Roe 2019), (Roe et al. 2019) and (Roe and Miller 2019)."
    root, _ = read(body, references=references)
    targets = [r.get("target") for r in xpath(root, "//tei:body//tei:ref")]
    # a second name no entry has goes where the key alone goes, the first entry, as before
    assert targets == ["#roe2019-2", "#roe2019", "#roe2019-3", "#roe2019"]


def test_years_alone_after_a_name_separated_by_semicolons_each_cite_that_authors_entry() -> None:
    # fr-senspublic-bedard-goulet-corps: 'les sphères de Peter Sloterdijk (2002; 2010; 2013)'
    references = REFERENCES + "\nBrewer, Tom 2021, Sixth Title, Press.\n"
    root, _ = read("as Tom Brewer (2019; 2020, 2021) argues.", references=references)
    targets = [r.get("target") for r in xpath(root, "//tei:body//tei:ref")]
    assert targets == ["#brewer2019", "#brewer2020", "#brewer2021"]
