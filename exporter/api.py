"""The few functions a program that embeds exporter calls (a press's website, a notebook).

Each returns its result with the diagnostics it found, the same ones the command line prints;
none raises for a bad input. Unlike the command line, they leave the process as they found it:
no garbage-collector setting is changed, nothing is frozen.

    from exporter import api

    tei, diagnostics = api.read("seeds/serge-final-words.txt")
    epub, warnings = api.write(tei, "epub")
    written, diagnostics = api.build("seeds/serge-final-words.txt", "out", formats=["pdf", "bib"])
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from exporter.build import build_one, load_tei
from exporter.diagnostics import Diagnostic
from exporter.plan import Settings, output_path
from exporter.writers import FORMATS, Options, writer

__all__ = ["FORMATS", "Diagnostic", "build", "read", "write"]


def read(source: str | Path) -> tuple[etree._Element | None, list[Diagnostic]]:
    """A review as a TEI tree: read from its text (`.txt`, with the sidecar `NAME.toml` beside it
    if there is one), or parsed and validated when it is TEI exporter made (`.xml`).

    The tree is None when an error leaves nothing sound to build from; the diagnostics say why.
    """
    return load_tei(Path(source))


def write(
    tei: etree._Element,
    format: str,
    *,
    name: str = "review",
    paper: str | None = None,
    bib_ascii: bool = False,
    bib_dialect: str = "bibtex",
    csl: str | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """One output of a TEI tree as bytes, with the writer's warnings.

    `format` is one of FORMATS: "tei", "bib", "csl", "epub" or "pdf". `name` names the files a
    PDF embeds (NAME.xml, NAME.bib) and the warnings; `paper` is the PDF's page size ("a4",
    "letter", …; by default a 156 × 234 mm book page); `bib_ascii` writes BibTeX with LaTeX
    accent macros instead of UTF-8; `bib_dialect` "biblatex" writes biblatex's data model instead
    of classic BibTeX's; `csl` sets the EPUB's and PDF's reference list in a CSL style ("apa",
    "chicago", "harvard", "mhra", "mla" or a .csl file). Raises ValueError for an unknown format
    or a style that is unknown or broken.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    options = Options(name, name, bib_ascii=bib_ascii, bib_dialect=bib_dialect, paper=paper)
    options.csl_style = _csl_style(csl) if csl else None
    return writer(format).write(tei, options), options.diagnostics


def build(
    source: str | Path,
    outdir: str | Path,
    formats: Iterable[str] = tuple(FORMATS),
    *,
    strict: bool = False,
    paper: str | None = None,
    bib_ascii: bool = False,
    bib_dialect: str = "bibtex",
    csl: str | None = None,
) -> tuple[list[Path], list[Diagnostic]]:
    """Build one review (text or TEI) into `outdir` as `exporter build` does: every output in
    memory first, then each written atomically; nothing is written if there is an error (or,
    with `strict`, a warning). The files written, and the diagnostics. The options are those of
    write(); ValueError as there.
    """
    chosen = list(formats)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    outdir, source = Path(outdir), Path(source)
    settings = Settings(
        outdir, chosen, strict=strict, paper=paper, bib_ascii=bib_ascii, bib_dialect=bib_dialect
    )
    settings.csl_style = _csl_style(csl) if csl else None
    result = build_one(source, settings)
    return [output_path(outdir, source, f) for f in result.written], result.diagnostics


def _csl_style(name: str) -> str:
    """The checked style file; like an unknown format, a bad style is the caller's ValueError."""
    from exporter.writers.bib import styles

    try:
        return str(styles.resolve(name))
    except styles.UnknownStyle as exc:
        raise ValueError(str(exc)) from exc
    except styles.BrokenStyle as exc:
        raise ValueError(str(exc.diagnostic)) from exc
