"""WeasyPrint as the PDF writer loads it: imported without a library search, mended in eight places, frozen;
and its HTML document made from the writer's tree.

Everything here changes this process only, once, and is written against the pinned WeasyPrint 70
and pydyf 0.13 (requirements.lock); tests/test_renderer_setup.py shows each change at work.

- Import. WeasyPrint tries several names for each C library (Windows, macOS and Linux names).
  For every name that is not a file name, cffi asks `ctypes.util.find_library`, which runs
  ldconfig, then gcc, then ld: a quarter of a second of subprocesses, half the import. With the
  search switched off while WeasyPrint is imported, the Linux names (`libpango-1.0.so.0`) and the
  macOS ones (`libpango-1.0.dylib`) are opened by the dynamic loader directly, as they were before.
  Should that fail (libraries that only the search finds), the import is made again with it.

- `footnote-policy: line`. WeasyPrint moves a page's last footnotes overleaf to make room for one
  more line of a paragraph that widows and orphans would otherwise not let it break
  (layout/block.py, "first try to report footnotes"), whatever the notes' policy. The GCPM spec
  says that with `line` the line that calls a note goes where its note goes. Mended, the notes are
  moved only when every note on the page has the policy `auto`; otherwise the page runs short, as a
  typographer sets it, and no second layout is needed (notepages). The mend rewrites one line of
  `_linebox_layout`: if another WeasyPrint lacks that line, nothing is changed, and notepages lays
  the pages out again instead.

- For every page, WeasyPrint adds the page's @page declarations to a dictionary that it never
  empties, then walks the whole dictionary to find that page's margin boxes: quadratic in the
  pages, 0.7 s for a 600-page review. The page's declarations are read only while its styles are
  computed, so they are dropped once they are.

- WeasyPrint computes the styles of every page and of its sixteen margin boxes anew, page after
  page, though they differ only when an @page selector counts pages (`:nth()`). Unless one does,
  a page shares the styles of the first page of its kind (left or right, blank or not, first or
  not, and its name): 1.8 s and 29 MiB less for a 600-page review.

- For every piece of text it measures or draws (about 100,000 for a 600-page review) WeasyPrint
  makes a Pango context, a font description and its OpenType features again. They are made once
  per language and direction, and once per font style: 1.3 s and 6 MiB less.

- Justified text. WeasyPrint draws a justified line with a Pango attribute on each of its spaces,
  which makes Pango shape every word apart, and then draws each extra space as a kerning in the
  PDF's text. The line is now shaped whole, as WeasyPrint shaped it to measure it, and each space
  glyph is widened by the same amount: 2.3 s less for a 600-page review, 14 MiB less, a PDF 6%
  smaller. Words stand where WeasyPrint put them, give or take a fraction of a point where the
  font kerns a letter against a space.

- WeasyPrint reads HTML as text, with a pure-Python HTML5 parser: 0.46 s for a 600-page review
  whose tree the writer already holds. `html_from_tree` makes WeasyPrint's HTML document from
  that tree (pdf.as_element_tree, 0.04 s) as HTML() makes it from the parsed text.

- pydyf's `PDF.page_references` builds the tuple of every page's reference on each call, and
  WeasyPrint's tagging calls it once per structure element: quadratic in the pages, a third of
  the time of a 600-page review. The tuple is now kept until a page is added.

- Every pydyf object (each dictionary and array of a tagged PDF: a quarter of a million for a
  600-page review) stores its number, offset, generation and "in use" flag in the instance,
  though most are written inline and never numbered. The defaults now live in the class, and an
  instance stores them only when they are set: 25 MiB less at the peak of a 600-page review.

- Once WeasyPrint is loaded, the objects alive (its modules, classes and functions, and those
  imported before it) are frozen, after one collection: no later garbage collection walks them
  again. The seed's whole build takes 0.95 s of CPU instead of 1.08 s.

- pydyf compresses every stream at zlib's level 9. For a 600-page review that took 2.1 s, where
  level 6 takes 0.5 s and writes 3% more (3.38 MB instead of 3.28 MB): streams are compressed at
  level 6.

The page declarations, the page styles, the text settings, the tree, the page references and
the light objects change no byte of the PDF. The compression level changes the bytes of every stream, not
the content; the justification moves words by less than a quarter of a point. The same input still
gives the same PDF. The functions replaced are checked against the pinned WeasyPrint's source
(WRITTEN_AGAINST): another WeasyPrint keeps its own.
"""

from __future__ import annotations

import ctypes.util
import gc
import hashlib
import inspect
import io
import re
import signal
import sys
import textwrap
import threading
import types
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from typing import Any

REPORTING = "report = not context.in_column and can_break_now and not could_break_before"
HONOURING = (
    REPORTING + " and all(f.style['footnote_policy'] == 'auto' for f in context.current_page_footnotes)"
)

COMPRESSION_LEVEL = 6

_loaded: dict[str, bool] = {}


def load() -> bool:
    """Import WeasyPrint and mend it, once; True if footnote-policy is honoured by the layout."""
    if not _loaded:
        try:
            # WeasyPrint prints a banner before it gives up: kept for the attempt that counts.
            with no_library_search(), redirect_stdout(io.StringIO()):
                import weasyprint  # imported here, so that the search is off
        except OSError:
            import weasyprint  # noqa: F401  (libraries that only a search finds, as on some macOS set-ups)
        _loaded["footnote_policy"] = honour_footnote_policy()
        forget_page_declarations()
        page_styles_once_per_kind()
        shared_text_settings()
        justify_with_wider_spaces()
        keep_page_references()
        light_objects()
        quicker_compression()
        # The imported modules live as long as the process: frozen, no later garbage collection
        # walks their objects again. The collection first keeps any garbage out of the freeze.
        collect_garbage()
        gc.freeze()
    return _loaded["footnote_policy"]


def collect_garbage() -> None:
    """A full garbage collection, with a SIGTERM that comes meanwhile handled once it is over.

    Finalizers and weak-reference callbacks run inside a collection, and a signal that arrives
    during one is handled in the first of them. cli makes SIGTERM a SystemExit, which raised there
    would be ignored (printed with a traceback) and the build would go on.
    """
    handler = signal.getsignal(signal.SIGTERM)
    if not callable(handler) or threading.current_thread() is not threading.main_thread():
        gc.collect()
        return
    received: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    try:
        gc.collect()
    finally:
        signal.signal(signal.SIGTERM, handler)
    if received:
        handler(received[0], sys._getframe())


@contextmanager
def no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def honour_footnote_policy() -> bool:
    from weasyprint.layout import block

    function = block._linebox_layout
    if getattr(function, "honours_footnote_policy", False):
        return True
    lines, first = inspect.getsourcelines(function)
    source = textwrap.dedent("".join(lines))
    if source.count(REPORTING) != 1:
        return False
    # Blank lines before it keep WeasyPrint's line numbers in tracebacks.
    code = compile("\n" * (first - 1) + source.replace(REPORTING, HONOURING), block.__file__, "exec")
    namespace: dict[str, Any] = {}
    exec(code, block.__dict__, namespace)
    mended = namespace[function.__name__]
    mended.honours_footnote_policy = True
    block._linebox_layout = mended
    return True


def forget_page_declarations() -> None:
    from weasyprint.layout import page

    compute = page.set_page_type_computed_styles

    def computed_then_forgotten(page_type: Any, html: Any, style_for: Any) -> None:
        compute(page_type, html, style_for)
        # Once the document's styles are computed, only @page declarations are left in it.
        style_for.get_cascaded_styles().clear()

    page.set_page_type_computed_styles = computed_then_forgotten


def page_styles_once_per_kind() -> None:
    from weasyprint.layout import page

    compute = page.set_page_type_computed_styles

    def once_per_kind(page_type: Any, html: Any, style_for: Any) -> None:
        if _selects_pages_by_number(style_for):
            compute(page_type, html, style_for)
            return
        # What an @page selector can tell apart when none counts pages (:nth).
        kind = (page_type.side, page_type.blank, page_type.name, page_type.index == 0)
        computed = style_for.get_computed_styles()
        known = _kept_by(style_for, "page_kinds")
        if kind not in known:
            compute(page_type, html, style_for)
            # The page's own style and its margin boxes', footnote area's and note area's.
            known[kind] = (page_type, [pseudo for element, pseudo in computed if element == page_type])
            return
        first, pseudos = known[kind]
        for pseudo in pseudos:
            computed[(page_type, pseudo)] = computed[(first, pseudo)]

    page.set_page_type_computed_styles = once_per_kind


def _kept_by(owner: Any, name: str) -> dict[Any, Any]:
    """A dictionary that lives and dies with `owner`, a WeasyPrint or pydyf object.

    Not a WeakKeyDictionary: its callbacks run inside garbage collections, where the SystemExit
    that cli makes of a SIGTERM would be ignored (and printed with a traceback).
    """
    kept: dict[Any, Any] = vars(owner).setdefault(f"_exporter_{name}", {})
    return kept


def _selects_pages_by_number(style_for: Any) -> bool:
    return any(
        selector[2].index is not None
        for sheet, _origin, _specificity in style_for._sheets
        for _rule, selectors, _declarations in sheet.page_rules
        for selector in selectors
    )


# Sources of the WeasyPrint 70 functions that shared_text_settings, justify_with_wider_spaces
# and html_from_tree replace or rely on (SHA-256 of the dedented source, first 16 digits):
# another WeasyPrint is left as it is.
WRITTEN_AGAINST = {
    "Layout.setup": "14d4deae06744b59",
    "Layout.reactivate": "da7444193c929a55",
    "draw_first_line": "1bb8eae6d88e71b1",
    "HTML.__init__": "5215d4ebca63891d",
}


def html_from_tree(root: Any, base_url: str, url_fetcher: Any) -> Any:
    """WeasyPrint's HTML document for an ElementTree root, as HTML() makes it from parsed text;
    None if this WeasyPrint's HTML() is not the one this was written against."""
    import cssselect2
    from weasyprint import HTML

    if not _as_written_against("HTML.__init__", HTML.__init__):
        return None
    from weasyprint import _find_base_url  # which that HTML() calls

    html = object.__new__(HTML)
    html.base_url = _find_base_url(root, base_url)
    html.url_fetcher = url_fetcher
    html.media_type = "print"
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


def _as_written_against(name: str, function: Any) -> bool:
    source = textwrap.dedent(inspect.getsource(function))
    return hashlib.sha256(source.encode()).hexdigest()[:16] == WRITTEN_AGAINST[name]


# Style properties that make the OpenType features, as weasyprint.text.fonts.font_features names
# them, and those that make a Pango font description.
FEATURE_PROPERTIES = (
    "font_kerning", "font_variant_ligatures", "font_variant_position", "font_variant_caps",
    "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian",
    "font_feature_settings",
)  # fmt: skip
FONT_PROPERTIES = (
    "font_family", "font_style", "font_stretch", "font_weight", "font_size",
    "font_variation_settings", *FEATURE_PROPERTIES,
)  # fmt: skip


def shared_text_settings() -> None:
    from weasyprint.text import line_break
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    original = line_break.Layout.setup
    if not _as_written_against("Layout.setup", original):
        return

    def context(style: Any, known: dict[tuple[Any, ...], Any]) -> Any:
        override = style["font_language_override"]
        lang = style["lang"] if override == "normal" else LST_TO_ISO.get(override.lower(), override)
        key = ("context", style["direction"], lang)
        if key not in known:
            made = ffi.gc(
                pango.pango_font_map_create_context(style.font_config.font_map), gobject.g_object_unref
            )
            pango.pango_context_set_round_glyph_positions(made, False)
            pango.pango_context_set_base_dir(made, PANGO_DIRECTION[style["direction"]])
            language = pango.pango_language_get_default()
            if lang:
                language = pango.pango_language_from_string(unicode_to_char_p(lang)[0])
                pango.pango_context_set_language(made, language)
            known[key] = (made, language)
        return known[key]

    def font(style: Any, known: dict[tuple[Any, ...], Any]) -> Any:
        key = ("font", *(style[name] for name in FONT_PROPERTIES))
        if key not in known:
            features = font_features(**{name: style[name] for name in FEATURE_PROPERTIES})
            attribute = None
            if features:
                string = ",".join(f"{name} {value}" for name, value in features.items()).encode()
                cache = style.font_config.font_features  # WeasyPrint's own, as setup uses it
                attribute = cache.setdefault(string, pango.pango_attr_font_features_new(string))
            known[key] = (get_font_description(style), attribute)
        return known[key]

    def setup(layout: Any, style: Any) -> None:
        if style["text_decoration_line"] != "none":
            original(layout, style)  # which also measures the font for the lines
            return
        # Kept by the font configuration, which lives as long as the document it was made for.
        known = _kept_by(style.font_config, "text_settings")
        try:
            shared_context, language = context(style, known)
            description, features = font(style, known)
        except TypeError:  # a property value that cannot be a key
            original(layout, style)
            return
        layout.style, layout.first_line_direction, layout.language = style, 0, language
        layout.ascent = layout.underline_position = layout.strikethrough_position = None
        layout.layout = ffi.gc(pango.pango_layout_new(shared_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(layout.layout, False)
        pango.pango_layout_set_font_description(layout.layout, description)
        if features is not None:
            attributes = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attributes, features)
            pango.pango_layout_set_attributes(layout.layout, attributes)

    line_break.Layout.setup = setup


SPACES = re.compile(" |\u00a0".encode())


def justify_with_wider_spaces() -> None:
    from weasyprint.draw.text import draw_first_line
    from weasyprint.text import line_break
    from weasyprint.text.ffi import TO_UNITS

    if not (
        _as_written_against("Layout.reactivate", line_break.Layout.reactivate)
        and _as_written_against("draw_first_line", draw_first_line)
    ):
        return

    def reactivate(layout: Any, style: Any) -> None:
        layout.setup(style)
        layout.set_text(layout.text)  # no attribute for each space
        if layout.justification_spacing:
            widen_spaces(layout, int(layout.justification_spacing * TO_UNITS))

    line_break.Layout.reactivate = reactivate


def widen_spaces(layout: Any, extra: int) -> None:
    """Add `extra` Pango units to the advance of every space glyph of the layout's one line."""
    from weasyprint.text.ffi import ffi, pango

    spaces = [match.start() for match in SPACES.finditer(layout.text.encode())]
    if not spaces:
        return
    # As draw_first_line sets it: set afterwards, it would lay the line out again.
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    line = pango.pango_layout_get_line_readonly(layout.layout, 0)
    run = line.runs[0] if line.runs != ffi.NULL else ffi.NULL
    while run != ffi.NULL:
        item, glyphs = run.data.item, run.data.glyphs
        clusters = ffi.unpack(glyphs.log_clusters, glyphs.num_glyphs)
        for space in spaces:
            if item.offset <= space < item.offset + item.length:
                try:
                    glyph = clusters.index(space - item.offset)
                except ValueError:  # a space inside another character's cluster: not widened
                    continue
                glyphs.glyphs[glyph].geometry.width += extra
        run = run.next


def keep_page_references() -> None:
    import pydyf  # type: ignore[import-untyped]

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = _kept_by(pdf, "page_references")
        if kept.get("kids") != len(kids):
            kept["kids"] = len(kids)
            kept["references"] = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        references: tuple[bytes, ...] = kept["references"]
        return references

    pydyf.PDF.page_references = property(page_references)


def light_objects() -> None:
    import pydyf

    def bookkeeping_in_the_class(pdf_object: Any) -> None:
        pass

    for name, default in (("number", None), ("offset", 0), ("generation", 0), ("free", "n")):
        setattr(pydyf.Object, name, default)
    pydyf.Object.__init__ = bookkeeping_in_the_class


def quicker_compression() -> None:
    import pydyf

    def compressobj(level: int) -> Any:  # pydyf asks for level 9
        return zlib.compressobj(COMPRESSION_LEVEL)

    pydyf.zlib = types.SimpleNamespace(compress=zlib.compress, compressobj=compressobj)
