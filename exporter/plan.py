"""What one build is to do: the settings its sources share, the sources, and where each output
goes. Light to import: deciding that nothing is to be built must not load the reader or a writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exporter.diagnostics import Diagnostic
from exporter.writers import FORMATS

SOURCE_SUFFIXES = (".txt", ".xml")


@dataclass
class Settings:
    """What every source of one build shares."""

    outdir: Path
    formats: list[str]
    strict: bool = False
    paper: str | None = None
    bib_ascii: bool = False
    bib_dialect: str = "bibtex"
    csl_style: str | None = None  # a checked CSL style file (exporter.writers.bib.styles)
    pdf_variant: str | None = None  # see Options.pdf_variant
    source_format: str | None = None  # "txt" or "tei" (-f/--from); None: from each source's extension
    owns_process: bool = False  # see Options.owns_process: the command line's builds do
    stdin: bytes | None = None  # the source `-`, read: its one source is named by --name
    output_file: Path | None = None  # -o FILE.epub: the one output, named so, in place of outdir/NAME.*
    shared: dict[str, str] = field(default_factory=dict)  # the project file's [review] metadata
    project: bytes = b""  # the project file as read, for the manifest's build keys

    def target(self, source: Path, fmt: str) -> Path:
        """Where a source's output of a format is written."""
        return self.output_file if self.output_file is not None else output_path(self.outdir, source, fmt)


def discover(sources: tuple[Path, ...], seeds: Path = Path("seeds")) -> list[Path]:
    """With no sources, every review in seeds/ (text and TEI); a folder stands for the reviews in
    it (a project file's `sources = ["reviews"]`). A source named twice is built once."""
    found: list[Path] = []
    for source in sources or ((seeds,) if seeds.is_dir() else ()):
        if source.is_dir():
            found += sorted(p for p in source.iterdir() if p.suffix in SOURCE_SUFFIXES and p.is_file())
        else:
            found.append(source)
    return list(dict.fromkeys(found))


def clashing_sources(paths: list[Path]) -> list[Diagnostic]:
    """Two sources that would write the same outputs (a.txt and a.xml, or two a.txt in different
    folders): an error naming both, for each, so that neither overwrites the other."""
    first: dict[str, Path] = {}
    found = []
    for path in paths:
        other = first.setdefault(path.stem, path)
        if other != path:
            message = f"writes the same outputs ({path.stem}.*) as {other}: rename one, or build them apart"
            found.append(Diagnostic(str(path), 1, 1, "error", message))
    return found


def overwritten_sources(paths: list[Path], settings: Settings) -> list[Diagnostic]:
    """Sources that a build would write over (dist/a.xml built with -o dist -t tei): an error each."""
    found = []
    for path in paths:
        for fmt in settings.formats:
            if settings.target(path, fmt).resolve() == path.resolve():
                message = f"is in the output folder: its {fmt} output would overwrite it; choose another -o"
                found.append(Diagnostic(str(path), 1, 1, "error", message))
    return found


def source_format(path: Path) -> str:
    """The input format a source's extension names: TEI for .xml, a plain-text review otherwise."""
    return "tei" if path.suffix == ".xml" else "txt"


def mismatched_sources(paths: list[Path], declared: str | None) -> list[Diagnostic]:
    """Sources whose extension says one input format and -f/--from another (`-f tei review.txt`):
    an error each, before anything is read. A name of no known extension takes the declared one."""
    found = []
    for path in paths:
        if declared and path.suffix in SOURCE_SUFFIXES and source_format(path) != declared:
            other = "TEI" if declared == "tei" else "a plain-text review"
            message = (
                f"is {'TEI' if path.suffix == '.xml' else 'a plain-text review'} by its extension"
                f" ({path.suffix}), but -f {declared} reads {other}: drop -f, or rename the file"
            )
            found.append(Diagnostic(str(path), 1, 1, "error", message))
    return found


def output_path(outdir: Path, source: Path, fmt: str) -> Path:
    return outdir / (source.stem + FORMATS[fmt].suffix)
