"""The PDF writer in a fresh process, with some of the engine's mends left out.

The engine mends WeasyPrint once per process, so a WeasyPrint without a mend can only be seen in a
process of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lxml import etree

from exporter.tei import serialise
from exporter.writers.pdf.writer import MAX_LAYOUTS
from tests.conftest import ROOT

# argv: the PDF's path, the most layouts, then the names of the engine's mends to leave out
# (engine.PATCHES, or "tree": the HTML parsed from text, as WeasyPrint as released reads it).
# Prints the writer's diagnostics as JSON.
WRITER = """
import importlib, json, sys
from pathlib import Path
from exporter.tei import parse_xml
from exporter.writers import Options
from exporter.writers.pdf import writer
from exporter.writers.pdf.engine import tree
out, layouts, *skipped = sys.argv[1:]
for name in skipped:
    if name == "tree":
        made = tree.html_document
        tree.html_document = lambda *args, from_tree: made(*args, from_tree=False)
    else:
        importlib.import_module(f"exporter.writers.pdf.engine.{name}").apply = lambda: None
writer.MAX_LAYOUTS = int(layouts)
options = Options(name="x", source_path="x")
Path(out).write_bytes(writer.write(parse_xml(sys.stdin.buffer.read()).getroot(), options))
print(json.dumps([d.message for d in options.diagnostics]))
"""


def write_without(
    tei: etree._Element, out: Path, skipped: tuple[str, ...], layouts: int = MAX_LAYOUTS
) -> list[str]:
    """Write `tei`'s PDF to `out` without the `skipped` changes; the writer's diagnostics."""
    argv = [sys.executable, "-c", WRITER, str(out), str(layouts), *skipped]
    done = subprocess.run(argv, input=serialise(tei), cwd=ROOT, capture_output=True, check=True)
    messages: list[str] = json.loads(done.stdout)
    return messages
