"""CSL styles for `--csl`: a shipped one by name (styles/csl/, from the CSL project, CC BY-SA 3.0)
or any file, checked before a build starts so that a broken style is one error naming its file,
not a failure in every writer of every review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from lxml import etree

from exporter.diagnostics import Diagnostic
from exporter.writers.html.transform import style_path

CSL_NS = "http://purl.org/net/xbiblio/csl"
# The names `--csl` knows, and their files in styles/csl/ (see its README.md for their sources).
SHIPPED = {
    "apa": "apa.csl",
    "chicago": "chicago-author-date.csl",
    "harvard": "harvard-cite-them-right.csl",
    "mhra": "mhra-author-date.csl",
    "mla": "modern-language-association.csl",
}
# A style is a small XML file; anything much larger is not one.
MAX_STYLE_BYTES = 4 * 1024 * 1024


class UnknownStyle(LookupError):
    """Neither a shipped style's name nor a file."""


@dataclass
class BrokenStyle(Exception):
    diagnostic: Diagnostic


def resolve(name: str) -> Path:
    """The style file `--csl NAME` means: a file if there is one, else a shipped style."""
    given = Path(name)
    if given.is_file():
        check(given)
        return given.resolve()
    shipped = SHIPPED.get(name) or next((f for f in SHIPPED.values() if f in (name, f"{name}.csl")), None)
    if shipped is None:
        choices = ", ".join(SHIPPED)
        raise UnknownStyle(f"{name}: no such CSL style file, nor a shipped style ({choices})")
    return style_path(f"csl/{shipped}")


def check(path: Path) -> None:
    """What a CSL processor needs of a style, checked with line and column: well-formed XML
    rooted in cs:style, independent (a dependent style only names its parent), with a
    bibliography, the part `--csl` renders."""
    data = path.read_bytes()
    if len(data) > MAX_STYLE_BYTES:
        _broken(path, 1, 1, f"not a CSL style: {len(data)} bytes is far more than any style")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        _broken(path, line, col, f"not a CSL style: the XML is broken: {exc.msg}")
    if root.tag != f"{{{CSL_NS}}}style":
        _broken(path, _line(root), 1, f"not a CSL style: the root is <{root.tag}>, not <style> in {CSL_NS}")
    parent = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']")
    if parent is not None:
        _broken(
            path,
            _line(parent),
            1,
            f"a dependent CSL style: it has no rules of its own; use its parent, {parent.get('href')}",
        )
    if root.find(f"{{{CSL_NS}}}bibliography") is None:
        _broken(path, _line(root), 1, "this CSL style has no <bibliography>: no reference list to render")


def _line(node: etree._Element) -> int:
    line = node.sourceline
    return line if isinstance(line, int) else 1


def _broken(path: Path, line: int, col: int, message: str) -> NoReturn:
    raise BrokenStyle(Diagnostic(str(path), line, col, "error", message))
