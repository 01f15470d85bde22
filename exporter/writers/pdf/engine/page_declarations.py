"""Each page's @page declarations dropped once its styles are computed.

For every page, WeasyPrint adds the page's @page declarations to a dictionary that it never
empties, then walks the whole dictionary to find that page's margin boxes: quadratic in the
pages, 0.7 s for a 600-page review. The page's declarations are read only while its styles are
computed, so they are dropped once they are. No byte of the PDF changes.
"""

from __future__ import annotations

from typing import Any


def apply() -> None:
    from weasyprint.layout import page

    compute = page.set_page_type_computed_styles

    def computed_then_forgotten(page_type: Any, html: Any, style_for: Any) -> None:
        compute(page_type, html, style_for)
        # Once the document's styles are computed, only @page declarations are left in it.
        style_for.get_cascaded_styles().clear()

    page.set_page_type_computed_styles = computed_then_forgotten
