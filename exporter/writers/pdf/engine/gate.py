"""The one version gate of the engine's mends: the source of every function they replace or rely on.

Each mend is written against the pinned WeasyPrint and pydyf. Before any applies, the source of
each function named here is hashed (SHA-256 of the dedented source, first 16 digits) and compared
with the pinned version's. One that differs, or whose source cannot be read (a wheel without
.py files), turns every mend off: half of them would be worse than none, and WeasyPrint as
released makes a correct PDF, only more slowly.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import textwrap
from functools import cache
from typing import Any

PINNED = {"weasyprint": "70.0", "pydyf": "0.13.0"}

# For each mend (a module of this package, or the tree hand-off), 'module:qualified.name' of the
# functions it replaces or whose workings it relies on; a property by its getter.
WRITTEN_AGAINST: dict[str, dict[str, str]] = {
    "footnote_policy": {"weasyprint.layout.block:_linebox_layout": "e07bbe000974787e"},
    "page_declarations": {
        "weasyprint.layout.page:set_page_type_computed_styles": "4e68b396b35c4a06",
        "weasyprint.css:StyleFor.add_page_declarations": "1eae5c635d06a22a",
        "weasyprint.css:StyleFor.get_cascaded_styles": "5370e12f7feed7a3",
    },
    "page_styles": {
        "weasyprint.layout.page:set_page_type_computed_styles": "4e68b396b35c4a06",
        "weasyprint.css:StyleFor.__init__": "d60656cf202d3e3b",  # where its _sheets come from
        "weasyprint.css:StyleFor.get_computed_styles": "ae13d85d7232bb84",
        "weasyprint.css:parse_page_selectors": "daf189edcb1c55c3",  # the selectors' page index
    },
    "text_settings": {
        "weasyprint.text.line_break:Layout.setup": "14d4deae06744b59",
        "weasyprint.text.fonts:font_features": "e35741064c068852",
        "weasyprint.text.fonts:get_font_description": "85734b8947b9bf64",
    },
    "justification": {
        "weasyprint.text.line_break:Layout.reactivate": "da7444193c929a55",
        "weasyprint.text.line_break:Layout.set_text": "cfe290e5cf742d88",
        "weasyprint.draw.text:draw_first_line": "1bb8eae6d88e71b1",
    },
    "page_references": {
        "pydyf:PDF.page_references": "3175bae9885c0400",
        "pydyf:PDF.add_page": "c808ba5417d96c6f",
    },
    "light_objects": {
        "pydyf:Object.__init__": "835cc9626955a1ec",
        "pydyf:PDF.add_object": "77c6e95142d0b3ad",  # which numbers an object when it is added
    },
    "compression": {  # pydyf's only callers of zlib
        "pydyf:Stream.data": "3236aa16a8f266f1",
        "pydyf:Stream.inline_image": "2c7d49d7e4424e95",
    },
    "hyphenation": {  # the patterns it reads as this reads them; where Pyphen makes its HyphDict
        "pyphen:HyphDict.__init__": "e1d0c27e3949870b",
        "pyphen:Pyphen.__init__": "c1bd9f6235acee78",
    },
    "tree": {
        "weasyprint:HTML.__init__": "5215d4ebca63891d",
        "weasyprint:_find_base_url": "8aac71a00485f506",
    },
}


def problem() -> str | None:
    """None if every function is the pinned one; else the warning that says why no mend applies."""
    for functions in WRITTEN_AGAINST.values():
        for name, expected in functions.items():
            try:
                found = source_hash(name)
            except (OSError, TypeError, AttributeError, ImportError):
                return _warning(f"the source of {name} cannot be read")
            if found != expected:
                return _warning(f"{name} differs from the pinned version's")
    return None


def source_hash(name: str) -> str:
    module, qualified = name.split(":")
    function: Any = importlib.import_module(module)
    for part in qualified.split("."):
        function = getattr(function, part)
    if isinstance(function, property):
        function = function.fget
    source = textwrap.dedent("".join(source_lines(function)[0]))
    return hashlib.sha256(source.encode()).hexdigest()[:16]


@cache
def source_lines(function: Any) -> tuple[list[str], int]:
    """inspect.getsourcelines, once per function: a mend that rewrites a function reads the source
    the gate has read (inspect tokenizes it, 20 ms for the longest)."""
    return inspect.getsourcelines(function)


def _warning(why: str) -> str:
    installed = " and ".join(f"{_display(n)} {_version(n)}" for n in PINNED)
    pinned = " and ".join(f"{_display(n)} {v}" for n, v in PINNED.items())
    return (
        f"PDF: the engine's mends are written for {pinned}; with {installed} here, {why}, so none "
        "is applied: PDFs are made by WeasyPrint as released, correct but slower"
    )


def _display(package: str) -> str:
    return {"weasyprint": "WeasyPrint"}.get(package, package)


def _version(package: str) -> str:
    return str(getattr(importlib.import_module(package), "__version__", "(version unknown)"))
