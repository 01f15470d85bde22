"""WeasyPrint as the PDF writer loads it: imported without a library search, mended in five places, frozen.

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

The page declarations, the page references and the light objects change no byte of the PDF. The
compression level changes the bytes of every stream, not the content, and the same input still
gives the same PDF.
"""

from __future__ import annotations

import ctypes.util
import gc
import inspect
import io
import textwrap
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
        keep_page_references()
        light_objects()
        quicker_compression()
        # The imported modules live as long as the process: frozen, no later garbage collection
        # walks their objects again. The collection first keeps any garbage out of the freeze.
        gc.collect()
        gc.freeze()
    return _loaded["footnote_policy"]


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


def keep_page_references() -> None:
    import pydyf  # type: ignore[import-untyped]

    def page_references(pdf: Any) -> tuple[bytes, ...]:
        kids = pdf.pages["Kids"]
        kept = pdf.__dict__.get("_page_references")
        if kept is None or kept[0] != len(kids):
            kept = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
            pdf.__dict__["_page_references"] = kept
        references: tuple[bytes, ...] = kept[1]
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
