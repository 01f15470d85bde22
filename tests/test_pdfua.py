"""The machine-checkable conditions of the Matterhorn Protocol 1.1 (PDF/UA-1) that apply to the
PDF, checked with pikepdf on the seed and every test review. No PDF/UA validator is reachable here
(veraPDF is in neither Debian, PyPI nor npm): README says which conditions are checked and which not.

Each test names the Matterhorn checkpoints (CP-number) it checks.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from exporter.reader import read_review
from exporter.writers.pdf import writer as pdf_writer
from tests.conftest import REVIEWS, SEED, require_tool, written

# The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): with no RoleMap, every /S must
# be one of these (CP 02-001, 02-004).
STANDARD_TYPES = {
    *("Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index"),
    *("NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody"),
    *("Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference"),
    *("BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP"),
    *("Figure", "Formula", "Form"),
}
TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
# The text block of the book paper in CSS pixels from the page's top (WeasyPrint's content streams
# draw in them): 20 mm top margin, 24 mm bottom margin on a 234 mm page.
MM = 96 / 25.4
TEXT_TOP, TEXT_BOTTOM = 20 * MM, (234 - 24) * MM
# The book paper's left margin in PDF points: 20 mm on a recto, 24 mm on a verso (print.css).
LEFT_MARGINS = (20 * 72 / 25.4, 24 * 72 / 25.4)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfua")
    return {
        source.stem: written(source, folder, pdf_writer.write, ".pdf")
        for source in [SEED, *sorted(REVIEWS.glob("*.txt"))]
    }


def _each(pdfs: dict[str, Path]) -> Iterator[tuple[str, pikepdf.Pdf]]:
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            yield name, pdf


def _elements(node: Any) -> Iterator[Any]:
    """The structure elements under a node, depth first, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _marked_content(pdf: pikepdf.Pdf, page: pikepdf.Page) -> Iterator[tuple[list[str], int | None, float]]:
    """For each text-showing operator: the marked-content tags it stands in, the innermost MCID,
    and the vertical position of its text matrix (CSS px from the top)."""
    stack: list[tuple[str, int | None]] = []
    y = 0.0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if len(operands) > 1 else {}
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            stack.append((str(operands[0]), mcid))
        elif op == "EMC":
            stack.pop()
        elif op == "Tm":
            y = float(operands[5])
        elif op in TEXT_SHOWING:
            mcids = [m for _, m in stack if m is not None]
            yield [tag for tag, _ in stack], (mcids[-1] if mcids else None), y


def test_the_document_says_it_is_pdf_ua_with_its_title_and_language(pdfs: dict[str, Path]) -> None:
    # CP 06-001 (metadata stream), 06-002 (pdfuaid:part), 06-003 (dc:title), 07-001
    # (DisplayDocTitle), 11-006 (Lang), 01-002 (MarkInfo Marked), 01-001 (a structure tree).
    for name, pdf in _each(pdfs):
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1", name
        assert meta.get("dc:title"), name
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True, name
        assert str(pdf.Root.Lang) in ("en", "fr", "de"), name
        assert bool(pdf.Root.MarkInfo.Marked) is True, name
        assert str(pdf.Root.StructTreeRoot.K[0].S) == "/Document", name


def test_every_structure_type_is_standard(pdfs: dict[str, Path]) -> None:
    # CP 02-001, 02-004: no RoleMap is needed, for no type is non-standard.
    for name, pdf in _each(pdfs):
        root = pdf.Root.StructTreeRoot
        used = {str(e.S)[1:] for e in _elements(root)}
        assert used <= STANDARD_TYPES, (name, used - STANDARD_TYPES)


def test_all_text_is_tagged_content_or_an_artifact(pdfs: dict[str, Path]) -> None:
    # CP 01-005 (content neither marked as artifact nor tagged), 01-004 (tagged content inside an
    # artifact): every text-showing operator is in marked content; one with an MCID is mapped by the
    # parent tree to an element the structure tree reaches; none is both.
    for name, pdf in _each(pdfs):
        reachable = {e.objgen for e in _elements(pdf.Root.StructTreeRoot)}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages):
            for tags, mcid, _ in _marked_content(pdf, page):
                assert tags, (name, number + 1, "text outside marked content")
                if "/Artifact" in tags:
                    assert mcid is None, (name, number + 1, "tagged content inside an artifact")
                    continue
                assert mcid is not None, (name, number + 1, tags)
                assert parents[page.obj.StructParents][mcid].objgen in reachable, (name, number + 1, mcid)


def test_running_heads_and_folios_are_artifacts_and_nothing_else_is(pdfs: dict[str, Path]) -> None:
    # CP 18-001 (pagination artifacts): what is set in the margins (the running head above the text
    # block, the first page's folio below it) is an artifact, so a screen reader skips it; what is
    # set in the text block is not.
    for name, pdf in _each(pdfs):
        for number, page in enumerate(pdf.pages):
            for tags, _, y in _marked_content(pdf, page):
                in_margin = y < TEXT_TOP or y > TEXT_BOTTOM
                assert in_margin == ("/Artifact" in tags), (name, number + 1, y, tags)
        # Seen from the structure tree: pages 2 onwards have their head and folio, none tagged.
        artifacts = [
            sum(1 for tags, _, y in _marked_content(pdf, page) if "/Artifact" in tags and y < TEXT_TOP)
            for page in list(pdf.pages)[1:]
        ]
        assert all(n >= 2 for n in artifacts), (name, artifacts)


def test_the_structure_follows_the_sections_across_pages(pdfs: dict[str, Path]) -> None:
    for name, pdf in _each(pdfs):
        top = [str(kid.S) for kid in pdf.Root.StructTreeRoot.K[0].K]
        has_references = "References" in " ".join(_outline(pdf)) or len(top) == 3
        assert top == (["/Sect"] * 3 if has_references else ["/Sect"] * 2), (name, top)
    with pikepdf.open(pdfs[SEED.stem]) as seed:
        review = seed.Root.StructTreeRoot.K[0].K[1]
        assert [str(k.S) for k in review.K].count("/P") == 30  # the seed's 30 paragraphs, none cut in two


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        return [str(item.title) for item in outline.root]


def test_headings_begin_at_h1_and_skip_no_level(pdfs: dict[str, Path]) -> None:
    # CP 14-002 (the first heading is H1), 14-003 (no level skipped downwards).
    for name, pdf in _each(pdfs):
        levels = [
            int(str(e.S)[2]) for e in _elements(pdf.Root.StructTreeRoot) if re.fullmatch(r"/H\d", str(e.S))
        ]
        assert levels and levels[0] == 1, name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)


def test_footnotes_are_notes_with_unique_ids(pdfs: dict[str, Path]) -> None:
    # CP 19-003 (a Note has an ID), 19-004 (IDs are unique); and each footnote is one Note.
    for name, pdf in _each(pdfs):
        tei, _ = read_review(SEED if name == SEED.stem else REVIEWS / f"{name}.txt")
        assert tei is not None
        expected = [f"note{n + 1}" for n in range(len(tei.findall(".//{*}note[@place='foot']")))]
        notes = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Note"]
        assert [str(n.ID) for n in notes] == expected, name
    with pikepdf.open(pdfs[SEED.stem]) as seed:
        assert len([e for e in _elements(seed.Root.StructTreeRoot) if str(e.S) == "/Note"]) == 5


def test_annotations_are_tagged_and_described(pdfs: dict[str, Path]) -> None:
    # CP 28-002 (an annotation is in the structure tree, through an OBJR), 28-004 / 28-011 (a link
    # has Contents).
    for name, pdf in _each(pdfs):
        linked = {
            kid.Obj.objgen
            for e in _elements(pdf.Root.StructTreeRoot)
            if str(e.S) == "/Link"
            for kid in e.K
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
        }
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                assert annot.objgen in linked, name
                assert "/StructParent" in annot, name
                assert str(annot.get("/Contents", "")).strip(), name


def test_fonts_are_embedded_with_unicode_maps_and_none_is_bold(pdfs: dict[str, Path]) -> None:
    # CP 31-001 (embedded), 31-027 / 31-011 (a ToUnicode map for every glyph's text). Bold is left
    # out by design (print.css): Debian's EB Garamond Bold lacks accents, quotes and dashes.
    pdffonts = require_tool("pdffonts")
    for name, path in pdfs.items():
        listing = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows, name
        for row in rows:
            emb, sub, uni = row.split()[-5:-2]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), (name, row)
            assert "bold" not in row.split()[0].lower(), (name, row)


def test_references_extracts_as_one_word(pdfs: dict[str, Path]) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, str(pdfs[SEED.stem]), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\nReferences\n" in text
    assert "A review of" in text


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _page_of(element: Any) -> Any:
    """The page an element's content is on: its /Pg, or its first kid's."""
    if "/Pg" in element:
        return element.Pg.objgen
    return next(_page_of(k) for k in _kids(element) if isinstance(k, pikepdf.Dictionary))


def test_each_note_call_is_a_reference_linked_to_its_note(pdfs: dict[str, Path]) -> None:
    # PDF/UA-1 7.9 and Matterhorn 19 (notes and references), 28-011 (a link annotation in a Link):
    # each call is a Reference holding a Link, whose annotation (in the page's Annots, its
    # StructParent mapped back to that Link) goes to the Note's anchor, on the page of the call
    # and of the note, over the call's figure.
    for name, pdf in _each(pdfs):
        elements = list(_elements(pdf.Root.StructTreeRoot))
        notes = {str(e.ID): e for e in elements if str(e.S) == "/Note"}
        references = [e for e in elements if str(e.S) == "/Reference"]
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        dests = pdf.Root.Names.Dests.Names
        anchors = {str(dests[i]): dests[i + 1] for i in range(0, len(dests), 2)}
        called = []
        for reference in references:
            (link,) = _kids(reference)
            assert str(link.S) == "/Link" and link.P.objgen == reference.objgen, name
            (objr,) = [
                k for k in _kids(link) if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
            ]
            annotation = objr.Obj
            target = str(annotation.Dest)
            called.append(target)
            page = _page_of(reference)
            assert objr.Pg.objgen == page, (name, target)
            assert annotation.objgen in {a.objgen for a in pdf.get_object(page).Annots}, (name, target)
            assert parents[int(annotation.StructParent)].objgen == link.objgen, (name, target)
            assert anchors[target][0].objgen == page == _page_of(notes[target]), (name, target)
            x1, y1, x2, y2 = (float(v) for v in annotation.Rect)
            assert 1 < x2 - x1 < 8 and 5 < y1 - y2 < 12, (name, target, x1, y1, x2, y2)  # a small figure
        assert called == list(notes), name  # one call a note, in the notes' order
    with pikepdf.open(pdfs[SEED.stem]) as seed:
        assert len([e for e in _elements(seed.Root.StructTreeRoot) if str(e.S) == "/Reference"]) == 5


def test_each_note_links_back_to_its_call(pdfs: dict[str, Path]) -> None:
    # The way back (as the EPUB's doc-backlink): each Note holds a Link (28-011) whose annotation,
    # on the note's page, goes to an anchor at the top left of its call's link, and lies over the
    # note's number at the left of the text block.
    for name, pdf in _each(pdfs):
        dests = pdf.Root.Names.Dests.Names
        anchors = {str(dests[i]): dests[i + 1] for i in range(0, len(dests), 2)}
        annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if "/Dest" in a]
        calls = {str(a.Dest): a for a in annotations}
        notes = [e for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Note"]
        for note in notes:
            links = [k for k in _kids(note) if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/Link"]
            backs = [
                k.Obj
                for link in links
                for k in _kids(link)
                if isinstance(k, pikepdf.Dictionary) and "/Obj" in k
            ]
            back = next(b for b in backs if str(b.Dest) == f"call-{note.ID}")
            assert back.objgen in {a.objgen for a in pdf.get_object(_page_of(note)).Annots}, name
            page, _, x, y, _ = anchors[str(back.Dest)]
            assert page.objgen == _page_of(note), (name, str(note.ID))
            call_rect = [float(v) for v in calls[str(note.ID)].Rect]
            assert (float(x), float(y)) == pytest.approx((call_rect[0], call_rect[1])), (name, str(note.ID))
            x1, _, x2, _ = (float(v) for v in back.Rect)
            assert any(x1 == pytest.approx(m) for m in LEFT_MARGINS), (name, str(note.ID), x1)
            assert 5 < x2 - x1 < 15, (name, str(note.ID), x1, x2)
        assert len([a for a in annotations if str(a.Dest).startswith("call-")]) == len(notes), name


def test_the_footnote_rule_is_a_layout_artifact_and_every_artifact_has_a_type(pdfs: dict[str, Path]) -> None:
    # ISO 32000-1 14.8.2.2.2: a footnote rule is a layout artifact. Every artifact in the content
    # streams says its type (Pagination: heads and folios; Layout: rules and borders), and a page
    # after the first has a layout artifact if and only if it holds a note (the rule above it).
    for name, pdf in _each(pdfs):
        pages_with_notes = {_page_of(e) for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Note"}
        for number, page in enumerate(pdf.pages):
            types = []
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in ("BDC", "BMC") and str(operands[0]) == "/Artifact":
                    assert str(operator) == "BDC", (name, number + 1, "an artifact without a type")
                    types.append(str(operands[1].Type))
            assert set(types) <= {"/Pagination", "/Layout"}, (name, number + 1, types)
            if number > 0:
                assert ("/Layout" in types) == (page.obj.objgen in pages_with_notes), (name, number + 1)


def test_each_link_says_in_words_where_it_goes(pdfs: dict[str, Path]) -> None:
    # CP 28-004 / PDF/UA-1 7.18.5: a link's Contents is its alternate description, what a screen
    # reader says for it: "Note 3" for a note call, "Entry: Serge 2012a" for a citation, the
    # address for a link to the web; never the bare anchor name.
    for name, pdf in _each(pdfs):
        notes = [str(e.ID) for e in _elements(pdf.Root.StructTreeRoot) if str(e.S) == "/Note"]
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                said = str(annotation.Contents)
                if "/Dest" not in annotation:
                    assert said == str(annotation.A.URI), name
                elif str(annotation.Dest) in notes:
                    assert said == f"Note {notes.index(str(annotation.Dest)) + 1}", (name, said)
                elif str(annotation.Dest).startswith("call-"):
                    called = notes.index(str(annotation.Dest).removeprefix("call-")) + 1
                    assert said == f"Back to note call {called}", (name, said)
                else:
                    assert re.fullmatch(r"Entry: \w.* \d{4}[a-z]?", said), (name, said)
    with pikepdf.open(pdfs[SEED.stem]) as seed:
        said = {str(a.Contents) for page in seed.pages for a in page.obj.get("/Annots", [])}
        assert {"Note 3", "Entry: Serge 2012a", "Entry: Sedova and Serge 2016", "Entry: Serge 2019"} <= said
        assert "Back to note call 5" in said


def test_link_words_are_in_the_reviews_language() -> None:
    from exporter.writers.html import XHTML_NS
    from exporter.writers.html.transform import to_xhtml

    tei, _ = read_review(SEED)
    assert tei is not None
    page = to_xhtml(tei, "print")
    page.set("lang", "fr")
    pdf_writer.describe_links(page, tei)
    links = {a.get("href"): a.get("data-contents") for a in page.iter(f"{{{XHTML_NS}}}a")}
    assert links["#serge2012a"] == "Entrée: Serge 2012a"
    assert links["#sedova2016"] == "Entrée: Sedova et Serge 2016"
    notes = list(page.iterfind(f".//{{{XHTML_NS}}}span[@class='footnote']"))
    assert {n.get("data-call-word") for n in notes} == {"Note"}
    assert {n.get("data-back-word") for n in notes} == {"Retour à l’appel de note"}
