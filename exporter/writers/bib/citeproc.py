"""A reference list in any CSL style, rendered by a real CSL processor: pandoc's citeproc, from
the pinned pandoc 3 of the pypandoc_binary wheel.

Why pandoc: measured on the seed's ten entries in APA, pandoc 3.9 takes 0.15 CPU-seconds a
list, citeproc-js (Zotero's engine) 2.1 under Node, which exporter would need at run time too, and
Debian's pandoc 2.17 0.5 (20 for Chicago's 18th edition); citeproc-py has no disambiguation and no
sorting. pandoc reads the same CSL-JSON as dist/NAME.json.

The processor gives same-year works their letters in the style's order; the review's citations
use the letters of its own list ('Serge 2012a' is the Memoirs). So each entry takes back the
source's letter: the list may sort 2012b before 2012a, but each work is named as the text names it.
"""

from __future__ import annotations

import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

from lxml import etree

from exporter.writers.bib import csl, pandoc
from exporter.writers.bib.entries import Record
from exporter.writers.html import XHTML_NS

# pandoc is given a few seconds; a style that takes longer is not a style for a review.
TIMEOUT_SECONDS = 60
_ENTRY_ID = "ref-"


class RenderingFailed(RuntimeError):
    """pandoc refused the style or the items: its own words, naming the style."""


def render(records: list[Record], style: Path) -> list[tuple[str, etree._Element]]:
    """(key, entry) for each record, in the style's order; each entry is an XHTML <div> whose
    content is the formatted reference."""
    items = json.dumps([csl.item(r) for r in records], ensure_ascii=False, sort_keys=True)
    by_key = {r.key: r for r in records}
    rendered = []
    for key, entry in _entries(_formatted(items, str(style))):
        record = by_key.get(key)
        if record is not None:
            _take_source_letter(entry, record)
        rendered.append((key, entry))
    return rendered


@lru_cache(maxsize=8)
def _formatted(items: str, style: str) -> str:
    """pandoc's HTML for the items; cached, as the EPUB and the PDF of one review ask alike."""
    command = [
        str(pandoc.executable()),
        "-f",
        "csljson",
        "-t",
        "html",
        "--citeproc",
        f"--csl={style}",
        "--wrap=none",
    ]
    done = subprocess.run(
        command, input=items.encode("utf-8"), capture_output=True, timeout=TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise RenderingFailed(f"pandoc could not render the references in the CSL style {style}: {said}")
    return done.stdout.decode("utf-8")


def _entries(html: str) -> list[tuple[str, etree._Element]]:
    wrapped = f'<div xmlns="{XHTML_NS}">{html}</div>'
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(wrapped.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise RenderingFailed(f"pandoc's HTML for the references is not XHTML: {exc}") from exc
    entries = root.iterfind(f".//{{{XHTML_NS}}}div[@class='csl-entry']")
    return [((e.get("id") or "").removeprefix(_ENTRY_ID), e) for e in entries]


def _take_source_letter(entry: etree._Element, record: Record) -> None:
    """'2012b' → '2012a' where the processor's letter is not the one the review's list gave."""
    if not record.year or not record.year_suffix:
        return
    lettered = re.compile(rf"(?<!\d){record.year}[a-z](?![a-z])")
    wanted = record.year + record.year_suffix
    for node in entry.iter():
        node.text = node.text and lettered.sub(wanted, node.text)
        if node is not entry:
            node.tail = node.tail and lettered.sub(wanted, node.tail)
