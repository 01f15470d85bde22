"""TEI validation: the project's RELAX NG and Schematron, and any RELAX NG a user names."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree, isoschematron  # type: ignore[attr-defined]

from exporter.diagnostics import Diagnostic, bounded
from exporter.inputs import UnreadableInput, read_input
from exporter.tei import UnsafeXML, parse_xml, serialise, xpath

# libxml2 refuses documents nested deeper than this without its "huge" option, which the
# hardened parser does not set.
MAX_DEPTH = 256
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}


@cache
def project_relaxng() -> etree.RelaxNG:
    with resources.as_file(resources.files("exporter.schema") / "exporter-tei.rng") as path:
        return etree.RelaxNG(etree.parse(str(path)))


@cache
def project_schematron() -> isoschematron.Schematron:
    with resources.as_file(resources.files("exporter.schema") / "exporter-tei.sch") as path:
        return isoschematron.Schematron(etree.parse(str(path)), store_report=True)


@cache
def user_relaxng(path: Path) -> etree.RelaxNG:
    # tei_all.rng takes seconds to compile: once per process.
    return etree.RelaxNG(etree.parse(str(path)))


def validate_file(path: Path, schemas: tuple[Path, ...] = ()) -> list[Diagnostic]:
    try:
        tree = parse_xml(read_input(path))
    except UnreadableInput as exc:
        return [Diagnostic(str(path), 1, 1, "error", str(exc))]
    except UnsafeXML as exc:
        return [Diagnostic(str(path), exc.line, exc.col, "error", str(exc))]
    return bounded(validate_tree(tree, str(path), schemas))


def validate_reading(root: etree._Element, name: str) -> list[Diagnostic]:
    """The TEI the reader made from the review `name`, checked as `exporter validate` will check
    the file written from it: serialised, parsed back (hardened) and validated. Each problem is
    an error at the line of the review that the element it is in came from."""
    written = serialise(root)
    try:
        found = validate_tree(parse_xml(written), name)
    except UnsafeXML as exc:
        found = [Diagnostic(name, exc.line, exc.col, "error", _explained(str(exc)))]
    if not found:
        return []
    lines = _review_lines(written, root)
    return sorted(
        {
            Diagnostic(
                name, _line_at(lines, d.line), 1, "error", f"this review cannot become valid TEI: {d.message}"
            )
            for d in found
        }
    )


def _explained(message: str) -> str:
    if "Excessive depth" in message:
        return f"elements nested more than {MAX_DEPTH} deep (quotations within quotations?), which no TEI file may hold"
    return message


def _review_lines(written: bytes, root: etree._Element) -> list[tuple[int, int]]:
    """(line in the TEI, line in the review) of every element, in document order. The bytes are
    our own serialisation, so a parser without the depth limit may read them back."""
    again = etree.fromstring(written, etree.XMLParser(huge_tree=True))
    return [
        (int(new.sourceline or 1), _review_line(old))
        for new, old in zip(again.iter(), root.iter(), strict=True)
    ]


def _line_at(lines: list[tuple[int, int]], tei_line: int) -> int:
    """The review's line of the last element that starts at or before `tei_line` of the TEI."""
    found = 1
    for start, line in lines:
        if start > tei_line:
            break
        found = line
    return found


def _review_line(node: etree._Element) -> int:
    """The review's line of the nearest element the reader placed (a paragraph, a heading)."""
    for each in (node, *node.iterancestors()):
        if isinstance(each.sourceline, int):
            return each.sourceline
    return 1


def validate_tree(tree: etree._ElementTree, name: str, schemas: tuple[Path, ...] = ()) -> list[Diagnostic]:
    """Grammar first; the rules only when the shape is right, so messages stay few and clear."""
    found = _relaxng(project_relaxng(), tree, name, "")
    if not found:
        found = _schematron(tree, name) + _notes_out_of_order(tree, name)
    for schema in schemas:
        try:
            grammar = user_relaxng(schema)
        except (OSError, etree.LxmlError) as exc:
            return [*found, Diagnostic(str(schema), 1, 1, "error", f"cannot load RELAX NG schema: {exc}")]
        found += _relaxng(grammar, tree, name, f"[{schema.name}] ")
    return sorted(set(found))


def _relaxng(grammar: etree.RelaxNG, tree: etree._ElementTree, name: str, prefix: str) -> list[Diagnostic]:
    if grammar.validate(tree):
        return []
    return [
        Diagnostic(name, max(entry.line, 1), max(entry.column, 1), "error", prefix + _plain(entry.message))
        for entry in grammar.error_log
    ]


def _plain(message: str) -> str:
    return message.replace("{http://www.tei-c.org/ns/1.0}", "")


def _schematron(tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    schematron = project_schematron()
    if schematron.validate(tree):
        return []
    report = schematron.validation_report
    result = []
    for failure in report.xpath("//svrl:failed-assert", namespaces=SVRL):
        line = _line_of(tree, failure.get("location", ""))
        text = " ".join(failure.xpath("string(svrl:text)", namespaces=SVRL).split())
        result.append(Diagnostic(name, line, 1, "error", text))
    return result


def _notes_out_of_order(tree: etree._ElementTree, name: str) -> list[Diagnostic]:
    """Notes numbered 1..n in the order of the text: the first note that is not."""
    for position, note in enumerate(xpath(tree.getroot(), "//tei:note[@place = 'foot']"), 1):
        if note.get("n") != str(position):
            line = getattr(note, "sourceline", None)  # lxml-stubs type sourceline as "..."
            message = (
                f'note n="{note.get("n")}" is out of order: notes are numbered 1..n in the order of the text'
            )
            return [Diagnostic(name, line if isinstance(line, int) else 1, 1, "error", message)]
    return []


def _line_of(tree: etree._ElementTree, location: str) -> int:
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return 1
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        line = getattr(found[0], "sourceline", None)  # lxml-stubs type sourceline as "..."
        return line if isinstance(line, int) else 1
    return 1
