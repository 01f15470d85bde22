"""TEI validation: the project's RELAX NG and Schematron, and any RELAX NG a user names."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree, isoschematron  # type: ignore[attr-defined]

from exporter.diagnostics import Diagnostic
from exporter.tei import UnsafeXML, parse_xml

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
        tree = parse_xml(path.read_bytes())
    except UnsafeXML as exc:
        return [Diagnostic(str(path), exc.line, exc.col, "error", str(exc))]
    return validate_tree(tree, str(path), schemas)


def validate_tree(tree: etree._ElementTree, name: str, schemas: tuple[Path, ...] = ()) -> list[Diagnostic]:
    """Grammar first; the rules only when the shape is right, so messages stay few and clear."""
    found = _relaxng(project_relaxng(), tree, name, "")
    if not found:
        found = _schematron(tree, name)
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


def _line_of(tree: etree._ElementTree, location: str) -> int:
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return 1
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        line = getattr(found[0], "sourceline", None)  # lxml-stubs type sourceline as "..."
        return line if isinstance(line, int) else 1
    return 1
