"""WeasyPrint and pydyf as the PDF writer loads them: the only code that touches their internals.

`load()` imports WeasyPrint without a library search, then mends it and pydyf in the places
named in PATCHES, each a module of this package with an `apply()`. The mends are written against
the pinned WeasyPrint and pydyf (requirements.lock) and the gate (gate.py) checks the source of
every function they replace or rely on first: all apply, or, when one differs or its source
cannot be read, none do. Then the PDF is made by WeasyPrint as released (slower, and a note may
need a second layout to stay on its call's page), and one warning names the versions.

The mends change this process only, once. With them the same input still gives the same PDF;
tests/test_engine.py shows each at work. Freezing the imports out of later garbage collections
is the command line's choice, not the library's (collection.py).
"""

from __future__ import annotations

import importlib
import logging

from exporter.writers.pdf.engine import collection, gate
from exporter.writers.pdf.engine.loading import import_weasyprint

# In the order they apply: page_styles wraps what page_declarations made of WeasyPrint's function.
PATCHES = (
    "footnote_policy",
    "page_declarations",
    "page_styles",
    "text_settings",
    "justification",
    "page_references",
    "light_objects",
    "compression",
    "hyphenation",
)

log = logging.getLogger(__name__)
_loaded: dict[str, bool] = {}


def load(owns_process: bool = False) -> bool:
    """Import WeasyPrint and mend it, once; True if the mends apply (the tree hand-off with them).

    `owns_process`: the caller (the command line) owns the process, so the imports may be frozen
    out of later garbage collections.
    """
    if not _loaded:
        import_weasyprint()
        problem = gate.problem()
        if problem is None:
            for name in PATCHES:
                importlib.import_module(f"{__name__}.{name}").apply()
        else:
            log.warning("%s", problem)
        _loaded["mended"] = problem is None
    if owns_process:
        collection.freeze_imports()
    return _loaded["mended"]
