"""The engine's mends of WeasyPrint and pydyf, each shown at work on a small case, and their gate.

The footnote case is laid out by hand: pages 105 px high, every line 10 px, no margins. The first
paragraph has eight lines and calls a one-line note: with it, 90 px of the page are taken. The
second paragraph has four lines; widows and orphans are 2. Its first line fits (100 px); its
second does not, unless the note leaves the page. WeasyPrint 70 as released moves the note to
page 2 and keeps its call on page 1; with `footnote-policy: line` the second paragraph must go to
page 2 instead, and the note stay with its call.
"""

from __future__ import annotations

import ctypes.util
import gc
import os
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import cffi
import pydyf
import pyphen  # type: ignore[import-untyped]
import pytest
from lxml import etree

from exporter.writers import Options
from exporter.writers.pdf import engine
from exporter.writers.pdf import writer as pdf_writer
from exporter.writers.pdf.engine import footnote_policy, gate
from exporter.writers.pdf.engine.hyphenation import read_patterns
from exporter.writers.pdf.engine.notepages import Displaced, _descendants, displaced_notes
from tests.conftest import ROOT, SEED, require_tool
from tests.pdf_helpers import write_without
from tests.test_pdf import assert_notes_on_their_pages, squeeze, texts_by_page, without_source_date

PAGE_FOR_A_NOTE = """<!DOCTYPE html><html><head><style>
@page {{ size: 200px 105px; margin: 0; @footnote {{ margin: 0; padding: 0 }} }}
html {{ font: 8px/10px serif }}
body {{ margin: 0; widows: 2; orphans: 2 }}
p {{ margin: 0 }}
.note {{ float: footnote; footnote-policy: {policy} }}
::footnote-call, ::footnote-marker {{ content: counter(footnote); vertical-align: baseline }}
</style></head><body>
<p>one<span class="note" id="n1">The note.</span><br>two<br>three<br>four<br>five<br>six<br>seven<br>eight</p>
<p>nine<br>ten<br>eleven<br>twelve</p>
</body></html>"""


def lay_out(policy: str) -> Any:
    engine.load()
    from weasyprint import HTML

    return HTML(string=PAGE_FOR_A_NOTE.format(policy=policy)).render()


def words_by_page(document: Any) -> list[list[str]]:
    return [
        [
            box.text
            for box in _descendants(page._page_box, skip_footnotes=False)
            if type(box).__name__ == "TextBox"
        ]
        for page in document.pages
    ]


def test_with_policy_line_the_paragraph_goes_overleaf_and_the_note_stays() -> None:
    document = lay_out("line")
    assert displaced_notes(document) == []
    first, second = words_by_page(document)
    assert first == ["one", "1", "two", "three", "four", "five", "six", "seven", "eight", "1", "The note."]
    assert second == ["nine", "ten", "eleven", "twelve"]


def test_weasyprint_as_released_moves_the_note_away_from_its_call() -> None:
    # In a fresh process without the mend: the case above is one WeasyPrint gets wrong.
    script = (
        "from weasyprint import HTML\n"
        "from exporter.writers.pdf.engine.notepages import displaced_notes\n"
        "from tests.test_engine import PAGE_FOR_A_NOTE\n"
        "print(displaced_notes(HTML(string=PAGE_FOR_A_NOTE.format(policy='line')).render()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == repr([Displaced("n1", 1, 2)])


def test_with_policy_auto_the_note_may_still_move() -> None:
    document = lay_out("auto")
    assert displaced_notes(document) == [Displaced("n1", 1, 2)]
    assert words_by_page(document)[0][-2:] == ["nine", "ten"]


def test_the_mend_is_applied_once() -> None:
    from weasyprint.layout import block

    assert engine.load() is True
    mended = block._linebox_layout
    assert getattr(mended, "honours_footnote_policy", False)
    assert engine.load() is True
    assert block._linebox_layout is mended


def test_library_search_is_back_after_the_import() -> None:
    engine.load()
    assert ctypes.util.find_library.__module__ == "ctypes.util"
    assert ctypes.util.find_library("c") is not None


# WeasyPrint failing to open its libraries without the search: a banner, then OSError, once.
FAILING_FIRST_IMPORT = """
import sys
class FailOnce:
    failed = False
    def find_spec(self, name, path, target=None):
        if name == "weasyprint" and not self.failed:
            self.failed = True
            print("WeasyPrint could not import some external libraries")
            raise OSError("cannot load library 'libpango-1.0-0'")
        return None
sys.meta_path.insert(0, FailOnce())
from exporter.writers.pdf import engine
print(engine.load(), sys.meta_path[0].failed)
"""


def test_an_import_that_needs_the_library_search_is_made_again_with_it() -> None:
    argv = [sys.executable, "-c", FAILING_FIRST_IMPORT]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "True True\n"


@pytest.mark.parametrize("pages", [1, 3, 40])
def test_page_references_follow_the_pages_added(pages: int) -> None:
    engine.load()
    pdf = pydyf.PDF()
    seen = []
    for _ in range(pages):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        seen.append(pdf.page_references)
    expected = [
        f"{page.number} 0 R".encode()
        for page in pdf.objects
        if isinstance(page, pydyf.Dictionary) and page.get("Type") == "/Page"
    ]
    assert seen[-1] == tuple(expected)
    assert [len(references) for references in seen] == list(range(1, pages + 1))


BYTE_FOR_BYTE = (
    "page_declarations",
    "page_styles",
    "text_settings",
    "page_references",
    "light_objects",
    "hyphenation",
    "tree",
)


def test_the_changes_for_speed_and_memory_change_no_byte(seed_tei: etree._Element, tmp_path: Path) -> None:
    without = tmp_path / "without.pdf"
    write_without(seed_tei, without, BYTE_FOR_BYTE)
    assert without.read_bytes().startswith(b"%PDF-")
    assert pdf_writer.write(seed_tei, Options(name="x", source_path="x")) == without.read_bytes()


def test_each_pages_declarations_are_dropped_once_its_styles_are_computed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine.load()
    from weasyprint import HTML
    from weasyprint.layout import page

    left = []
    compute = page.set_page_type_computed_styles

    def counting(page_type: Any, html: Any, style_for: Any) -> None:
        compute(page_type, html, style_for)
        left.append(len(style_for.get_cascaded_styles()))

    monkeypatch.setattr(page, "set_page_type_computed_styles", counting)
    css = "@page { size: A7; @top-center { content: counter(page) } } p { break-after: page }"
    document = HTML(string=f"<style>{css}</style>" + "<p>x</p>" * 5).render()
    assert len(document.pages) == 5
    assert left == [0] * 5


FREEZING = """
import gc, sys, weakref
from exporter.writers.pdf import engine
class Node: pass
cycle = Node(); cycle.me = cycle; dead = weakref.ref(cycle); del cycle
engine.load(owns_process=sys.argv[1] == "owned")
print(gc.get_freeze_count(), dead() is None)
"""


def test_in_a_process_the_caller_owns_the_imports_are_frozen_and_no_garbage_with_them() -> None:
    argv = [sys.executable, "-c", FREEZING, "owned"]
    frozen, collected = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(frozen) > 10_000  # WeasyPrint's modules, classes and functions
    assert collected == "True"


def test_in_a_process_the_caller_does_not_own_nothing_is_frozen() -> None:
    argv = [sys.executable, "-c", FREEZING, "embedded"]
    frozen, _ = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert frozen == "0"


def test_streams_at_level_6_hold_what_level_9_held(seed_tei: etree._Element, tmp_path: Path) -> None:
    level_9 = tmp_path / "level-9.pdf"
    write_without(seed_tei, level_9, ("compression",))
    level_6 = tmp_path / "level-6.pdf"
    level_6.write_bytes(pdf_writer.write(seed_tei, Options(name="x", source_path="x")))
    # Every stream at level 6 is a little larger than at level 9, and inflates to the same bytes.
    assert level_9.stat().st_size < level_6.stat().st_size < 1.05 * level_9.stat().st_size
    qpdf = require_tool("qpdf")
    for name in ("level-9", "level-6"):
        argv = [qpdf, "--qdf", "--object-streams=disable", "--static-id", f"{name}.pdf", f"{name}.qdf"]
        subprocess.run(argv, cwd=tmp_path, check=True)
    assert (tmp_path / "level-9.qdf").read_bytes() == (tmp_path / "level-6.qdf").read_bytes()


def test_pydyf_objects_keep_their_bookkeeping_in_the_class() -> None:
    engine.load()
    inline = pydyf.Dictionary({"MCID": 1})
    assert "number" not in vars(inline)
    assert (inline.number, inline.offset, inline.generation, inline.free) == (None, 0, 0, "n")
    document = pydyf.PDF()
    document.add_object(inline)
    assert vars(inline)["number"] == len(document.objects) - 1
    assert inline.reference == f"{inline.number} 0 R".encode()


def test_no_layout_context_outlives_the_layout(
    seed_tei: etree._Element, monkeypatch: pytest.MonkeyPatch
) -> None:
    # print.css draws the footnote rule with a gradient: an SVG image would keep the layout context
    # (every computed style, the unpaginated boxes) alive until the PDF is written.
    from weasyprint.layout import LayoutContext

    alive = []
    lay_out = pdf_writer.lay_out

    def counting(*args: Any) -> Any:
        document = lay_out(*args)
        gc.collect()
        alive.append(sum(isinstance(o, LayoutContext) for o in gc.get_objects()))
        return document

    monkeypatch.setattr(pdf_writer, "lay_out", counting)
    pdf_writer.write(seed_tei, Options(name="x", source_path="x"))
    assert alive == [0]


def page_styles(css: str, pages: int) -> list[Any]:
    engine.load()
    from weasyprint import HTML

    document = HTML(string=f"<style>{css}</style>" + "<p>x</p>" * pages).render()
    assert len(document.pages) == pages
    return [page._page_box.style for page in document.pages]


def test_pages_of_one_kind_share_their_styles() -> None:
    css = "@page { size: A7; @top-center { content: counter(page) } } p { break-after: page }"
    first, left, right, *more = page_styles(css, 6)
    assert len({id(first), id(left), id(right)}) == 3
    assert [id(style) for style in more] == [id(left), id(right), id(left)]


def test_pages_picked_by_number_keep_their_own_styles() -> None:
    css = "@page { size: A7; margin: 10px } @page :nth(4) { margin: 30px } p { break-after: page }"
    styles = page_styles(css, 6)
    assert [style["margin_top"].value for style in styles] == [10, 10, 10, 30, 10, 10]


def test_text_of_one_language_and_direction_shares_its_pango_context() -> None:
    engine.load()
    from weasyprint import HTML
    from weasyprint.text.ffi import ffi
    from weasyprint.text.line_break import Layout

    html = '<p>one</p><p lang="fr">deux</p><p style="font-size: 30px">three</p><p><u>four</u></p>'
    document = HTML(string=html).render()
    boxes = _descendants(document.pages[0]._page_box, skip_footnotes=False)
    styles = [box.style for box in boxes if type(box).__name__ == "TextBox"]
    english, french, larger, underlined = (Layout(style) for style in styles)
    # WeasyPrint's own bindings do not declare pango_layout_get_context.
    pango = cffi.FFI()
    pango.cdef("void *pango_layout_get_context (void *layout);")
    library = pango.dlopen("libpango-1.0.so.0")

    def context(layout: Any) -> int:
        pointer = pango.cast("void *", int(ffi.cast("uintptr_t", layout.layout)))
        return int(pango.cast("uintptr_t", library.pango_layout_get_context(pointer)))

    assert context(english) == context(Layout(styles[0])) == context(larger)
    assert context(english) != context(french)
    # Underlined text is set up as WeasyPrint does it, measuring the font for the line.
    assert underlined.underline_position is not None and english.underline_position is None


def test_the_replaced_functions_are_those_of_the_pinned_weasyprint_and_pydyf() -> None:
    from weasyprint.layout import block
    from weasyprint.text.line_break import Layout

    # Checked in a fresh process: in this one, the mends have replaced the functions already.
    script = "from exporter.writers.pdf.engine import gate; print(gate.problem())"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout == "None\n"
    assert engine.load() is True
    assert Layout.setup.__module__ == f"{engine.__name__}.text_settings"
    assert Layout.reactivate.__module__ == f"{engine.__name__}.justification"
    assert block._linebox_layout.honours_footnote_policy
    assert pydyf.Object.__init__.__module__ == f"{engine.__name__}.light_objects"
    assert pydyf.PDF.page_references.fget.__module__ == f"{engine.__name__}.page_references"
    assert pydyf.zlib.compressobj.__module__ == f"{engine.__name__}.compression"
    assert pyphen.HyphDict.__module__ == f"{engine.__name__}.hyphenation"


def test_every_mend_has_its_functions_checked_by_the_gate() -> None:
    assert set(gate.WRITTEN_AGAINST) == {*engine.PATCHES, "tree"}
    assert all(gate.WRITTEN_AGAINST.values())


# A gate that finds another source for one function: every mend is left out, and one warning says why.
ANOTHER_SOURCE = """
import pydyf, zlib
from weasyprint.layout import block
from weasyprint.text.line_break import Layout
from exporter.writers.pdf import engine
from exporter.writers.pdf.engine import gate
gate.WRITTEN_AGAINST["compression"]["pydyf:Stream.data"] = "0" * 16
print(engine.load(), Layout.setup.__module__, Layout.reactivate.__module__, pydyf.zlib is zlib,
      pydyf.Object.__init__.__module__, hasattr(block._linebox_layout, "honours_footnote_policy"))
"""


def test_one_function_that_differs_turns_every_mend_off_with_one_warning() -> None:
    done = subprocess.run(
        [sys.executable, "-c", ANOTHER_SOURCE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [
        "False",
        "weasyprint.text.line_break",
        "weasyprint.text.line_break",
        "True",
        "pydyf",
        "False",
    ]
    assert done.stderr.splitlines() == [
        "PDF: the engine's mends are written for WeasyPrint 70.0 and pydyf 0.13.0; with WeasyPrint 70.0 "
        "and pydyf 0.13.0 here, pydyf:Stream.data differs from the pinned version's, so none is applied: "
        "PDFs are made by WeasyPrint as released, correct but slower"
    ]


def boxes_found(pdf_file: Path, element: str) -> list[etree._Element]:
    """The words or the lines (`element`) pdftotext finds, in reading order, with their boxes."""
    argv = [require_tool("pdftotext"), "-bbox-layout", str(pdf_file), "-"]
    xhtml = subprocess.run(argv, capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True))
    return list(root.iter(f"{{*}}{element}"))


def words_and_sides(pdf_file: Path) -> list[tuple[str, float, float]]:
    return [(w.text or "", float(w.get("xMin")), float(w.get("xMax"))) for w in boxes_found(pdf_file, "word")]


def test_justified_words_stand_where_weasyprint_puts_them(seed_tei: etree._Element, tmp_path: Path) -> None:
    # WeasyPrint widens each space with a Pango attribute, which makes Pango shape every word on its
    # own; the mended draw widens the space glyphs of the line shaped whole. Kerning across a space
    # may then move a word by a fraction of a point, no more.
    weasyprint_own = tmp_path / "weasyprint.pdf"
    write_without(seed_tei, weasyprint_own, ("justification",))
    mended = tmp_path / "mended.pdf"
    mended.write_bytes(pdf_writer.write(seed_tei, Options(name="x", source_path="x")))
    before, after = words_and_sides(weasyprint_own), words_and_sides(mended)
    assert [word for word, *_ in before] == [word for word, *_ in after]
    assert len(before) > 2000
    moved = [max(abs(b[1] - a[1]), abs(b[2] - a[2])) for b, a in zip(before, after, strict=True)]
    assert max(moved) < 0.25  # points


def test_justified_lines_end_at_the_measure(tmp_path: Path) -> None:
    engine.load()
    from weasyprint import HTML

    text = " ".join(f"word{n % 7} {'x' * (n % 5 + 1)}" for n in range(200))
    css = "@page { size: 300pt 800pt; margin: 0 } body, p { margin: 0 } p { text-align: justify; font: 12pt serif }"
    out = tmp_path / "justified.pdf"
    HTML(string=f"<style>{css}</style><p>{text}</p>").write_pdf(out)
    *full_lines, last_line = [float(line.get("xMax")) for line in boxes_found(out, "line")]
    assert len(full_lines) > 20
    assert all(abs(end - 300) < 0.2 for end in full_lines), full_lines
    assert last_line < 290


# The seed's PDF as the mended engine makes it (a build checks dist/ is current).
PUBLISHED_PDF = ROOT / "dist" / "serge-final-words.pdf"


def weasyprint_elsewhere(tmp_path: Path, case: str) -> tuple[Path, str]:
    """A copy of the installed WeasyPrint, first on the path, with one function's source changed
    or one module without its source; and the reason the gate must give."""
    import weasyprint

    site = tmp_path / "site"
    package = site / "weasyprint"
    shutil.copytree(Path(weasyprint.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    if case == "changed":
        block = package / "layout" / "block.py"
        text = block.read_text(encoding="utf-8")
        assert text.count(footnote_policy.REPORTING) == 1
        # A comment: the same behaviour, another source.
        block.write_text(text.replace(footnote_policy.REPORTING, footnote_policy.REPORTING + "  # changed"))
        return site, "weasyprint.layout.block:_linebox_layout differs from the pinned version's"
    line_break = package / "text" / "line_break.py"
    py_compile.compile(str(line_break), cfile=str(line_break.with_suffix(".pyc")), doraise=True)
    line_break.unlink()
    return site, "the source of weasyprint.text.line_break:Layout.setup cannot be read"


@pytest.mark.parametrize("case", ["changed", "sourceless"])
def test_another_weasyprint_builds_a_correct_pdf_with_no_mend_and_one_warning(
    case: str, tmp_path: Path
) -> None:
    site, why = weasyprint_elsewhere(tmp_path, case)
    env = without_source_date() | {"PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    argv = [
        sys.executable,
        "-m",
        "exporter",
        "build",
        "-q",
        str(SEED),
        "-o",
        str(tmp_path / "out"),
        "-t",
        "pdf",
    ]
    done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    [warning] = done.stderr.splitlines()
    assert warning.startswith("PDF: the engine's mends are written for WeasyPrint 70.0 and pydyf 0.13.0;")
    assert f", {why}, so none is applied" in warning
    built, mended = tmp_path / "out" / PUBLISHED_PDF.name, PUBLISHED_PDF
    # Correct, though made otherwise: the same words as the mended PDF, each note on its call's page.
    assert built.read_bytes() != mended.read_bytes()
    assert squeeze("".join(texts_by_page(built))) == squeeze("".join(texts_by_page(mended)))
    assert_notes_on_their_pages(texts_by_page(built))


@pytest.mark.parametrize("name", ["hyph_en_US.dic", "hyph_fr.dic", "hyph_de_DE.dic", "hyph_af_ZA.dic"])
def test_the_quick_reading_of_hyphenation_patterns_is_pyphens(name: str) -> None:
    """Read the quick way, the patterns are Pyphen's own, in its order; the German and Afrikaans
    files have what only Pyphen reads (alternatives, two digits in a row), so Pyphen reads them."""
    path = Path(pyphen.__file__).parent / "dictionaries" / name
    quick = read_patterns(path, pyphen.ignored)
    if name in ("hyph_de_DE.dic", "hyph_af_ZA.dic"):
        assert quick is None
        return
    engine.load()  # Pyphen's own class is the one the mend's is made from
    theirs = pyphen.HyphDict.__mro__[1](path).patterns
    assert quick is not None and len(quick) > 2000
    assert list(quick.items()) == list(theirs.items())
    assert all(type(value) is int for _, values in quick.values() for value in values)
