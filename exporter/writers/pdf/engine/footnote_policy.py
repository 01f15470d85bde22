"""`footnote-policy: line` honoured by the layout.

WeasyPrint moves a page's last footnotes overleaf to make room for one more line of a paragraph
that widows and orphans would otherwise not let it break (layout/block.py, "first try to report
footnotes"), whatever the notes' policy. The GCPM spec says that with `line` the line that calls a
note goes where its note goes. Mended, the notes are moved only when every note on the page has
the policy `auto`; otherwise the page runs short, as a typographer sets it, and no second layout
is needed (notepages). The mend rewrites one line of `_linebox_layout`, whose source the gate
has checked.
"""

from __future__ import annotations

import textwrap
from typing import Any

from exporter.writers.pdf.engine.gate import source_lines

REPORTING = "report = not context.in_column and can_break_now and not could_break_before"
HONOURING = (
    REPORTING + " and all(f.style['footnote_policy'] == 'auto' for f in context.current_page_footnotes)"
)


def apply() -> None:
    from weasyprint.layout import block

    function = block._linebox_layout
    lines, first = source_lines(function)
    source = textwrap.dedent("".join(lines))
    if source.count(REPORTING) != 1:
        raise RuntimeError("the gate passed a _linebox_layout without the line this mends")
    # Blank lines before it keep WeasyPrint's line numbers in tracebacks.
    code = compile("\n" * (first - 1) + source.replace(REPORTING, HONOURING), block.__file__, "exec")
    namespace: dict[str, Any] = {}
    exec(code, block.__dict__, namespace)
    mended = namespace[function.__name__]
    mended.honours_footnote_policy = True
    block._linebox_layout = mended
