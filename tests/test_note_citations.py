"""Notes that cite: a full citation in a note makes an entry, later short forms, 'Ibid.' and
'op. cit.' point at it (issue #12, step 2). Expected values written by hand from the texts below."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
from lxml import etree

from exporter.reader import read_review
from exporter.writers import Options
from exporter.writers.bib import bibtex
from tests.tei_helpers import XML_ID, q, text

ROOT = Path(__file__).resolve().parent
REVIEWED = "Matthew L. Jockers, Macroanalysis, University of Illinois Press, 2013."
SERGE = "Victor Serge, Memoirs of a Revolutionary (New York: NYRB, 2012)"


def read(body: str, notes: str, references: str = "") -> etree._Element:
    source = f"Review: Notes\n\n{REVIEWED}\n\n{body}\n\n{references}\n\n{notes}\n"
    root, diagnostics = read_review(Path("notes.txt"), source.encode())
    assert root is not None, diagnostics
    return root


def entries(root: etree._Element) -> list[str]:
    return [e.get(XML_ID) or "" for e in q(root, "//tei:back//tei:listBibl/*")]


def cited(root: etree._Element, number: int) -> list[tuple[str, str, str]]:
    """Each citation of note `number`: its entry, the words of its ref, its pages."""
    return [
        (
            b.get("corresp") or "",
            text(b, "tei:ref"),
            " ".join(f"{r.get('from')}-{r.get('to')}" for r in q(b, "tei:citedRange")),
        )
        for b in q(root, f"//tei:note[@n='{number}']/tei:bibl")
    ]


def test_a_full_note_citation_adds_an_entry_with_its_page() -> None:
    root = read("Serge wrote.[1]", f"[1] {SERGE}, 45.")
    assert entries(root) == ["serge2012"]
    (entry,) = q(root, "//tei:back//tei:biblStruct")
    assert text(entry, ".//tei:surname") == "Serge"
    assert text(entry, ".//tei:forename") == "Victor"
    assert text(entry, ".//tei:title") == "Memoirs of a Revolutionary"
    assert text(entry, ".//tei:pubPlace") == "New York"
    assert text(entry, ".//tei:publisher") == "NYRB"
    assert cited(root, 1) == [("#serge2012", SERGE, "45-45")]
    assert text(root, "//tei:note[@n='1']") == f"{SERGE}, 45."


def test_a_german_full_note_citation_adds_an_entry() -> None:
    root = read("Serge schrieb.[1]", "[1] Serge, Victor: Memoirs of a Revolutionary, New York 2012, S. 45.")
    assert entries(root) == ["serge2012"]
    assert text(root, "//tei:back//tei:title") == "Memoirs of a Revolutionary"
    assert cited(root, 1) == [
        ("#serge2012", "Serge, Victor: Memoirs of a Revolutionary, New York 2012", "45-45")
    ]


def test_german_notes_in_the_bibliography_s_colon_form_add_their_entries() -> None:
    # Names inverted and joined by ';', a year in brackets or none, 'In: Journal …, S. 12-40'
    # (the article's pages) or 'Place: Publisher, Year', after 'Vgl.', 'Siehe' or a sentence's colon.
    weber = "Weber, Max; Simmel, Georg (1905): Über die Stadt. In: Archiv für Sozialwissenschaft, Vol. 21/3, S. 12-40"
    arendt = "Arendt, Hannah: Vita activa. Oder vom tätigen Leben. Stuttgart: Kohlhammer, 1960"
    benjamin = "Benjamin, Walter: Das Passagen-Werk. In: Neue Rundschau, Vol. 9, S. 1-10"
    root = read(
        "Weber und Simmel (Weber & Simmel 1905) schrieben.[1] Arendt antwortete.[2] Benjamin auch.[3]",
        f"[1] Vgl. {weber}.\n\n[2] Gemeint ist wohl: {arendt}, S. 45.\n\n[3] Siehe {benjamin}.",
    )
    assert entries(root) == ["weber1905", "arendt1960", "benjaminnd"]
    weber_entry, arendt_entry, _ = q(root, "//tei:back//tei:biblStruct")
    assert [s.text for s in q(weber_entry, ".//tei:surname")] == ["Weber", "Simmel"]
    assert text(arendt_entry, ".//tei:publisher") == "Kohlhammer"
    assert cited(root, 1) == [("#weber1905", weber, "")]
    assert cited(root, 2) == [("#arendt1960", arendt, "45-45")]
    assert cited(root, 3) == [("#benjaminnd", benjamin, "")]
    assert q(root, "//tei:body//tei:ref[@target='#weber1905']")


def test_a_play_cited_by_act_and_scene_with_no_imprint_adds_an_entry() -> None:
    root = read("Shakespeare schreibt.[1] Schiller auch.[2]", "[1] William Shakespeare, The Tempest, act 4,"
                " scene 1, lines 148–58.\n\n[2] Friedrich Schiller, Die Räuber, Akt II, Szene 3.")  # fmt: skip
    assert entries(root) == ["shakespearend", "schillernd"]
    tempest, raeuber = q(root, "//tei:back//tei:biblStruct")
    assert (text(tempest, ".//tei:surname"), text(tempest, ".//tei:title")) == ("Shakespeare", "The Tempest")
    assert text(raeuber, ".//tei:title") == "Die Räuber"
    assert cited(root, 1) == [("#shakespearend", "William Shakespeare, The Tempest", "")]
    assert (
        text(root, "//tei:note[@n='1']") == "William Shakespeare, The Tempest, act 4, scene 1, lines 148–58."
    )


def test_a_short_form_and_op_cit_point_at_the_full_citations_entry() -> None:
    root = read(
        "One.[1] Two.[2] Three.[3]",
        f"[1] {SERGE}, 45.\n\n[2] Serge, Memoirs, 47–49.\n\n[3] Serge, op. cit., 12.",
    )
    assert entries(root) == ["serge2012"]
    assert cited(root, 2) == [("#serge2012", "Serge, Memoirs", "47-49")]
    assert cited(root, 3) == [("#serge2012", "Serge, op. cit.", "12-12")]


def test_ibid_after_a_note_and_ebd_after_a_body_citation() -> None:
    root = read(
        "One.[1] Two.[2] See (Jockers 2013, 12).[3]",
        f"[1] {SERGE}, 45.\n\n[2] Ibid., 46.\n\n[3] Ebd., S. 50.",
    )
    assert cited(root, 2) == [("#serge2012", "Ibid.", "46-46")]
    assert cited(root, 3) == [("#jockers2013", "Ebd.", "50-50")]


def test_two_notes_on_one_work_are_one_entry() -> None:
    root = read("One.[1] Two.[2]", f"[1] {SERGE}, 45.\n\n[2] See {SERGE}, 99.")
    assert entries(root) == ["serge2012"]
    assert cited(root, 2) == [("#serge2012", SERGE, "99-99")]


def test_a_short_form_that_names_no_entry_stays_text() -> None:
    root = read("One.[1]", "[1] Oakes, The Ruling Race, 40.")
    assert entries(root) == []
    assert q(root, "//tei:note//tei:bibl") == []


def test_notes_and_a_list_merge_without_duplicates() -> None:
    references = "References\n\nSerge, Victor. Memoirs of a Revolutionary. New York: NYRB, 2012.\n\nMoretti, Franco. Graphs, Maps, Trees. London: Verso, 2005."
    notes = f"[1] {SERGE}, 45.\n\n[2] Franco Moretti, Graphs, Maps, Trees (London: Verso, 2005), 12; Oakes, The Ruling Race, 40.\n\n[3] Ann Rhodes, Fourth Title (London: Press, 2016), 3."
    root = read("One.[1] Two.[2] Three.[3]", notes, references)
    assert entries(root) == ["serge2012", "moretti2005", "rhodes2016"]
    assert cited(root, 1) == [("#serge2012", SERGE, "45-45")]
    assert cited(root, 2)[0][0] == "#moretti2005"


def test_a_note_that_repeats_a_list_entry_links_to_it() -> None:
    """Archival records are cited so (crdh-attracted-by-the-khaki): the list's words in the note,
    with commas where the list has full stops; a shorter run of the same words is no citation."""
    archive = "Bon Air Learning Center (Va.) Office of the Superindentent. Minutes and Reports, 1913–1926."
    repeated = "Bon Air Learning Center (Va.) Office of the Superindentent, Minutes and Reports, 1913–1926"
    notes = f"[1] A letter of 1918. {repeated}.\n\n[2] The Bon Air Learning Center (Va.) in 1919."
    root = read("One.[1] Two.[2]", notes, f"References\n\n{archive}")
    (key,) = entries(root)
    assert cited(root, 1) == [(f"#{key}", repeated, "")]
    assert text(root, "//tei:note[@n='1']") == f"A letter of 1918. {repeated}."
    assert cited(root, 2) == []


def bibtex_entries(path: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """Each BibTeX entry's type and fields, with the braces that protect capitals: the writer
    protects the words the review's prose capitalises in mid-sentence, and a title cited in a
    note is no prose, so the braces too are the same in the two forms of one review."""
    root, diagnostics = read_review(path)
    assert root is not None, diagnostics
    bib = bibtex.write(root, Options("test", "test.xml")).decode()
    return {
        e.key: (e.entry_type, {f.key: f.value for f in e.fields})
        for e in bibtexparser.parse_string(bib).entries
    }


def test_a_review_citing_in_notes_only_gives_the_bibtex_of_its_reference_list_form() -> None:
    """tests/reviews/14-chicago-notes.txt is the corpus review with its Harvard list turned into
    Chicago notes by hand (tests/reviews/SOURCES.md)."""
    listed = bibtex_entries(ROOT / "corpus" / "epoiesen-melian-dilemma-fragoulaki.txt")
    noted = bibtex_entries(ROOT / "reviews" / "14-chicago-notes.txt")
    assert sorted(listed) == [
        "fish1980",
        "kallet2001",
        "kolb2015",
        "morley2019",
        "sahlins2004",
        "tompkins1980",
    ]
    assert noted == listed


def test_crdh_short_forms_link_to_their_bibliography_entries() -> None:
    root, _ = read_review(ROOT / "corpus" / "crdh-networks-of-piety.txt")
    assert root is not None
    assert cited(root, 6) == [("#oakes1982", "Oakes, The Ruling Race", "40-40")]
    assert [c[0] for c in cited(root, 8)] == ["#mccusker1991", "#fields1985"]


def test_full_notes_for_an_article_a_thesis_and_a_book_cited_mid_sentence() -> None:
    root = read(
        "Boyd wrote.[1] Riter followed.[2] Edel is read.[3] So is Palmer.[4]",
        '[1] Julian P. Boyd, "Some Animadversions on Being Struck by Lightning," Daedalus 86, no. 1 (May 1955): 54–55.\n\n'
        '[2] Robert B. Riter, "Defining American Documentary Editing" (PhD diss., University of Pittsburgh, 2011).\n\n'
        "[3] For ideas about narration, see Leon Edel, Literary Biography (Bloomington: Indiana University Press,"
        " 1973), especially chap. 5.\n\n"
        "[4] Beverly Wilson Palmer, ed., The Selected Letters of Charles Sumner (Boston: Northeastern University"
        " Press, 1990, microfilm), 2:631.",
    )
    assert entries(root) == ["boyd1955", "riter2011", "edel1973", "palmer1990"]
    boyd, riter, edel, palmer = q(root, "//tei:back//tei:biblStruct")
    assert (boyd.get("type"), text(boyd, ".//tei:title[@level='j']")) == ("journalArticle", "Daedalus")
    assert text(boyd, ".//tei:biblScope[@unit='volume']") == "86"
    assert riter.get("type") == "thesis"
    assert text(edel, ".//tei:title") == "Literary Biography"
    assert [f.text for f in q(palmer, ".//tei:forename")] == ["Beverly", "Wilson"]
    assert cited(root, 1) == [
        (
            "#boyd1955",
            'Julian P. Boyd, "Some Animadversions on Being Struck by Lightning," Daedalus 86, no. 1 (May 1955)',
            "54-55",
        )
    ]
    assert cited(root, 4)[0][2] == "631-631"


def test_a_full_note_for_one_volume_of_a_work_gives_the_work_and_its_volume() -> None:
    root = read(
        "Wilson wrote.[1] Sumner too.[2] Edel is read.[3]",
        "[1] Arthur S. Link, ed., The Papers of Woodrow Wilson, vol. 68, April 8, 1922–February 6, 1924"
        " (Princeton, NJ: Princeton University Press, 1993), 12.\n\n"
        "[2] Beverly Wilson Palmer, ed., The Selected Letters of Charles Sumner, 2 vols. (Boston:"
        " Northeastern University Press, 1990).\n\n"
        "[3] Leon Edel, Literary Biography (1959; reprint, Bloomington: Indiana University Press, 1973).",
    )
    wilson, sumner, edel = q(root, "//tei:back//tei:biblStruct")
    assert (text(wilson, ".//tei:title"), text(wilson, ".//tei:biblScope[@unit='volume']")) == (
        "The Papers of Woodrow Wilson", "68",
    )  # fmt: skip
    assert text(wilson, ".//tei:imprint/tei:date") == "1993"
    assert (text(sumner, ".//tei:title"), q(sumner, ".//tei:biblScope[@unit='volume']")) == (
        "The Selected Letters of Charles Sumner", [],
    )  # fmt: skip
    assert (text(edel, ".//tei:imprint/tei:date"), text(edel, ".//tei:pubPlace")) == ("1973", "Bloomington")


def test_a_full_note_for_a_chapter_with_or_without_its_author() -> None:
    root = read(
        "Woolf is dated.[1] Smith writes.[2]",
        "[1] “The Dating of Virginia Woolf’s Last Letters,” appendix A in The Letters of Virginia Woolf, ed."
        " Nigel Nicolson and Joanne Trautmann, vol. 6, 1936–1941 (New York: Harcourt Brace Jovanovich, 1980),"
        " 489–91.\n\n"
        "[2] Anne Smith, “On Letters,” in Editing Lives, ed. Joan Brown (Boston: Beacon, 2001), 7.",
    )
    woolf, smith = q(root, "//tei:back//tei:biblStruct")
    assert (woolf.get("type"), text(woolf, ".//tei:analytic/tei:title")) == (
        "bookSection", "The Dating of Virginia Woolf’s Last Letters",
    )  # fmt: skip
    assert [e.text for e in q(woolf, ".//tei:monogr/tei:editor//tei:surname")] == ["Nicolson", "Trautmann"]
    assert text(woolf, ".//tei:biblScope[@unit='volume']") == "6"
    assert (text(smith, ".//tei:analytic//tei:surname"), text(smith, ".//tei:monogr/tei:title")) == (
        "Smith", "Editing Lives",
    )  # fmt: skip
    assert cited(root, 2)[0][2] == "7-7"


def test_a_full_note_for_an_article_with_a_description_and_a_link() -> None:
    root = read(
        "Perdue said so.[1]",
        '[1] Susan H. Perdue, "Documentary Editing in the New Scholarly Ecosystem," 2011 presidential address,'
        " Scholarly Editing: The Annual of the Association for Documentary Editing 33 (2012),"
        " http://www.scholarlyediting.org/2012/essays/essay.2012presidentialaddress.html",
    )
    (perdue,) = q(root, "//tei:back//tei:biblStruct")
    assert (perdue.get("type"), text(perdue, ".//tei:analytic/tei:title")) == (
        "journalArticle", "Documentary Editing in the New Scholarly Ecosystem",
    )  # fmt: skip
    assert text(perdue, ".//tei:biblScope[@unit='volume']") == "33"


def page_targets(root: etree._Element) -> list[tuple[str, str]]:
    """Each page-only citation of the body: its entry and its pages."""
    return [
        (b.get("corresp") or "", " ".join(f"{r.get('from')}-{r.get('to')}" for r in q(b, "tei:citedRange")))
        for b in q(root, "//tei:body//tei:bibl[not(tei:ref)]")
    ]


def test_a_page_in_the_range_a_note_just_cited_is_a_page_of_that_work() -> None:
    # Chicago: once a note has cited a work, later pages of it may stand in brackets in the text.
    root = read("Woolf's editors wrote.[1]\n\nThey “dated the stages” (491).", f"[1] {SERGE}, 489–91.")
    assert page_targets(root) == [("#serge2012", "491-491")]


def test_a_page_outside_the_notes_range_or_after_the_reviewed_author_is_the_reviewed_works() -> None:
    outside = read("Woolf's editors wrote.[1]\n\nThey “dated the stages” (47).", f"[1] {SERGE}, 489–91.")
    assert page_targets(outside) == [("#jockers2013", "47-47")]
    named = read("Woolf's editors wrote.[1]\n\nJockers “dated the stages” (491).", f"[1] {SERGE}, 489–91.")
    assert page_targets(named) == [("#jockers2013", "491-491")]
    cited_since = read(
        "Woolf's editors wrote.[1] Jockers agrees: “true” (12).\n\nThey “dated the stages” (491).",
        f"[1] {SERGE}, 489–91.",
    )
    assert page_targets(cited_since) == [("#jockers2013", "12-12"), ("#jockers2013", "491-491")]


def test_a_full_note_for_a_web_page_after_a_quotation_ends_with_its_link() -> None:
    note = (
        '[1] Ike warned: "we must also be alert." See Dwight D. Eisenhower, "Farewell Radio and'
        ' Television Address," January 17, 1961. The American Presidency Project.'
        " http://www.presidency.ucsb.edu/ws/index.php?pid=12086."
    )
    root = read("Ike warned.[1]", note)
    assert entries(root) == ["eisenhower1961"]
    (entry,) = q(root, "//tei:back//tei:biblStruct")
    assert text(entry, ".//tei:surname") == "Eisenhower"
    assert text(entry, ".//tei:title[@level='a' or @level='m']") == "Farewell Radio and Television Address"
    assert q(entry, "tei:ptr/@target") == ["http://www.presidency.ucsb.edu/ws/index.php?pid=12086"]


def test_short_forms_of_one_volume_by_its_own_title_after_a_letters_date_or_in() -> None:
    full = (
        "[1] Ann D. Gordon, ed., Selected Papers of Elizabeth Cady Stanton and Susan B. Anthony,"
        " vol. 6, An Awful Hush, 1895 to 1906 (New Brunswick, NJ: Rutgers University Press, 2013)."
    )
    notes = "\n\n".join(
        [
            full,
            "[2] Gordon, An Awful Hush, 1895 to 1906, 435–37.",
            "[3] September 25, 1902, Gordon, An Awful Hush, 1895 to 1906, 434–35.",
            "[4] To Ida H. Harper, October 28, 1902, in Gordon, An Awful Hush, 1895 to 1906, 455–56.",
        ]
    )
    root = read("One.[1] Two.[2] Three.[3] Four.[4]", notes)
    assert entries(root) == ["gordon2013"]
    assert [c[0] + " " + c[2] for n in (2, 3, 4) for c in cited(root, n)] == [
        "#gordon2013 435-437",
        "#gordon2013 434-435",
        "#gordon2013 455-456",
    ]


def test_editions_with_no_author_and_their_short_title() -> None:
    notes = "\n\n".join(
        [
            "[1] The Letters of Ralph Waldo Emerson, ed. Ralph L. Rusk (New York: Columbia University"
            " Press, 1939), 1:435.",
            "[2] Poems (Boston: Houghton, Mifflin, 1884), v–vi.",
            "[3] The Journals of Ralph Waldo Emerson, ed. William H. Gilman, Merton M. Sealts Jr., and"
            " Ruth H. Bennett, 16 vols. (Cambridge: Belknap Press, 1960–1982).",
            "[4] The Letters of Ralph Waldo Emerson, 440.",
            "[5] The Verovio engraving library (cf. Pugin and Roland, 2014).",
        ]
    )
    root = read("One.[1] Two.[2] Three.[3] Four.[4] Five.[5]", notes)
    assert entries(root) == ["rusk1939", "poems1884", "gilman1960"]
    rusk, poems, journals = q(root, "//tei:back//tei:biblStruct")
    assert (text(rusk, ".//tei:editor//tei:surname"), text(rusk, ".//tei:title")) == (
        "Rusk",
        "The Letters of Ralph Waldo Emerson",
    )
    assert (text(poems, ".//tei:publisher"), text(poems, ".//tei:pubPlace")) == (
        "Houghton, Mifflin",
        "Boston",
    )
    assert [text(e, ".") for e in q(journals, ".//tei:editor//tei:surname")] == [
        "Gilman",
        "Sealts",
        "Bennett",
    ]
    assert [c[0] + " " + c[2] for n in (1, 2, 4) for c in cited(root, n)] == [
        "#rusk1939 435-435",
        "#poems1884 v-vi",
        "#rusk1939 440-440",
    ]
    assert cited(root, 5) == []
