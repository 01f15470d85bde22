"""TEI → XHTML5 for the EPUB and the PDF: runs styles/tei-to-xhtml.xsl with the medium as parameter.

The stylesheet owns the structure; the Python functions it calls (namespace urn:exporter:xhtml) own
what XSLT 1 does badly: typography of running text, page ranges, localised words, and the
house-style rendering of bibliography entries.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from exporter.writers.bib import housestyle
from exporter.writers.html import XHTML_NS, labels, typography

EXTENSIONS_NS = "urn:exporter:xhtml"
Medium = Literal["epub", "print"]

_PACKAGE = Path(__file__).resolve().parents[2]


def style_path(name: str) -> Path:
    """A file of styles/: beside the package in a checkout, inside it when installed from a wheel."""
    for folder in (_PACKAGE.parent / "styles", _PACKAGE / "styles"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"styles/{name} is missing from the installation")


def to_xhtml(tei: etree._Element, medium: Medium, csl_style: str | None = None) -> etree._Element:
    """The complete XHTML document (html root) for a TEI review; its reference list in the CSL
    style of that file if one is given, else in the house style."""
    if medium not in ("epub", "print"):
        raise ValueError(f"unknown medium {medium!r}: epub or print")
    result = _transform()(tei, medium=etree.XSLT.strparam(medium))
    root = result.getroot()
    if root is None:  # only a broken stylesheet gets here
        raise RuntimeError(f"tei-to-xhtml.xsl produced nothing: {_transform().error_log}")
    if csl_style:
        from exporter.writers.html import bibliography  # pandoc only when a style is asked for

        for item in bibliography.restyle(root, tei, Path(csl_style)):
            _typeset(item)
    return root


@cache
def _transform() -> etree.XSLT:
    stylesheet = etree.parse(str(style_path("tei-to-xhtml.xsl")))
    functions = {
        "typography": _typography,
        "pages": _pages,
        "open-quote": _open_quote,
        "close-quote": _close_quote,
        "label": _label,
        "description": _description,
        "reference": _reference,
    }
    extensions = {(EXTENSIONS_NS, name): function for name, function in functions.items()}
    # The TEI may come from anyone: the transform reads no file and no network.
    access = etree.XSLTAccessControl(  # type: ignore[call-arg]  # lxml-stubs lag behind lxml
        read_file=False, write_file=False, create_dir=False, read_network=False, write_network=False
    )
    return etree.XSLT(stylesheet, extensions=extensions, access_control=access)


# -- the functions the stylesheet calls (first argument: lxml's context) -----------------------


def _string(value: Any) -> str:
    """An XPath argument as a string: node-sets give their first node's string value."""
    if isinstance(value, list):
        if not value:
            return ""
        value = value[0]
    if isinstance(value, etree._Element):
        return _text(value)
    return str(value)


def _typography(_: object, text: Any) -> str:
    return typography.running_text(_string(text))


def _pages(_: object, source: Any) -> str:
    return typography.page_range(_string(source))


def _open_quote(_: object, lang: Any, depth: Any, quoted: Any = "") -> str:
    mark = typography.quotation_marks(_string(lang), int(depth))[0]
    # A quotation that keeps the source's space inside its marks (French « … ») gets no second one.
    return mark.rstrip(typography.MARK_SPACES) if _string(quoted)[:1].isspace() else mark


def _close_quote(_: object, lang: Any, depth: Any, quoted: Any = "") -> str:
    mark = typography.quotation_marks(_string(lang), int(depth))[1]
    return mark.lstrip(typography.MARK_SPACES) if _string(quoted)[-1:].isspace() else mark


def _label(_: object, key: Any, lang: Any) -> str:
    return labels.label(_string(key), _string(lang))


def _description(_: object, works: list[etree._Element], lang: Any) -> str:
    """`A review of` and the reviewed works as plain text: the book's one-line summary."""
    texts = [reference_text(work) for work in works]
    return " ".join([labels.label("review-of", _string(lang)), *texts])


def _reference(_: object, nodes: list[etree._Element]) -> list[etree._Element]:
    return [reference_element(node) for node in nodes]


# -- bibliography entries ----------------------------------------------------------------------


def reference_element(entry: etree._Element) -> etree._Element:
    """One entry in house style, <span class="reference">, with the running text's typography."""
    return _typeset(housestyle.render_entry(entry))


def _typeset(entry: etree._Element) -> etree._Element:
    """The running text's typography in an entry's words, but not in its links."""
    for node in entry.iter():
        if node is not entry and node.getparent() is not None:
            node.tail = node.tail and typography.running_text(node.tail)
        if node.tag != f"{{{XHTML_NS}}}a":  # URLs and DOIs keep their hyphens and quotes
            node.text = node.text and typography.running_text(node.text)
    return entry


def reference_text(entry: etree._Element) -> str:
    return " ".join(_text(reference_element(entry)).split())


def _text(node: etree._Element) -> str:
    return str(node.xpath("string()"))
