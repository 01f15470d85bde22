"""The output formats. Each writer reads only TEI and is imported only when its format is asked for."""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from exporter.diagnostics import Diagnostic

if TYPE_CHECKING:  # a no-op build reads FORMATS from here and must not load lxml
    from lxml import etree


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    module: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("tei", ".xml", "exporter.writers.tei"),
        Format("bib", ".bib", "exporter.writers.bib.bibtex"),
        Format("csl", ".json", "exporter.writers.bib.csl"),
        Format("epub", ".epub", "exporter.writers.epub.book"),
        Format("pdf", ".pdf", "exporter.writers.pdf.writer"),
    ]
}


@dataclass
class Options:
    """What a writer may be told besides the TEI."""

    name: str
    source_path: str
    bib_ascii: bool = False
    bib_dialect: str = "bibtex"  # or "biblatex": exporter.writers.bib.bibtex.DIALECTS
    csl_style: str | None = None  # a CSL style file for the EPUB's and PDF's reference list
    paper: str | None = None
    pdf_variant: str | None = None  # "pdf/a-3u" for archives; by default PDF/UA-1 (writers.pdf)
    # The caller owns the process (the command line does): the PDF writer may tune its garbage
    # collector. A program that embeds exporter keeps its own.
    owns_process: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Where each page of the PDF begins (writers.html.pages), once the PDF writer has laid the
    # TEI out: an EPUB of the same build carries those page numbers without a layout of its own.
    print_pages: list[int] | None = None

    def warn(self, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.source_path, 1, 1, "warning", message))


class Writer(Protocol):
    def write(self, tei: etree._Element, options: Options) -> bytes: ...


def source_date_epoch() -> datetime | None:
    """The build's date when SOURCE_DATE_EPOCH sets it: the only date a writer takes from outside the TEI."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def writer(name: str) -> Writer:
    module: Writer = importlib.import_module(FORMATS[name].module)
    return module
