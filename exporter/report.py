"""Diagnostics in the forms that people and CI systems read: text, JSON, GitHub annotations, JUnit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from exporter.diagnostics import Diagnostic, printable

REPORT_FORMATS = ("text", "json", "github", "junit")


def render(
    diagnostics: Sequence[Diagnostic], files: Sequence[Path], form: str, command: str = "exporter validate"
) -> str:
    """`command` names the JUnit report's suites, so CI shows which command found the problems."""
    if form == "json":
        return as_json(diagnostics)
    if form == "github":
        return as_github(diagnostics)
    if form == "junit":
        return as_junit(diagnostics, files, command)
    return "".join(f"{d}\n" for d in diagnostics)


def as_json(diagnostics: Sequence[Diagnostic]) -> str:
    records = [
        {"path": d.path, "line": d.line, "col": d.col, "severity": d.severity, "message": d.message}
        for d in diagnostics
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: data and properties differ.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(
        f"::{d.severity} file={_escape_property(d.path)},line={d.line},col={d.col}"
        f",title={_escape_property('exporter ' + d.severity)}::{_escape_data(d.message)}\n"
        for d in diagnostics
    )


def as_junit(
    diagnostics: Sequence[Diagnostic], files: Sequence[Path], command: str = "exporter validate"
) -> str:
    """One test case per problem (a failure each), and one passing case per clean file."""
    from lxml import etree  # here: the command line imports this module, and a no-op build needs no lxml

    suites = etree.Element("testsuites", name=command)
    for file in files:
        path = printable(str(file))  # as the diagnostics name it, and as XML can hold it
        found = [d for d in diagnostics if d.path == path]
        errors = [d for d in found if d.severity == "error"]
        suite = etree.SubElement(
            suites, "testsuite", name=path, tests=str(max(len(found), 1)), failures=str(len(errors))
        )
        if not found:
            etree.SubElement(suite, "testcase", classname=path, name="valid")
        for d in found:
            case = etree.SubElement(suite, "testcase", classname=path, name=f"{d.path}:{d.line}:{d.col}")
            if d.severity == "error":
                failure = etree.SubElement(case, "failure", message=d.message, type="error")
                failure.text = str(d)
            else:
                etree.SubElement(case, "system-out").text = str(d)
    suites.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    suites.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    return etree.tostring(suites, encoding="unicode", pretty_print=True)
