"""The command line: `exporter build` and `exporter validate`. Commands only; the work is elsewhere."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from exporter import __version__
from exporter.diagnostics import Diagnostic

EXIT_PROBLEM = 1


def _echo_diagnostics(diagnostics: list[Diagnostic], quiet: bool = False) -> None:
    for d in diagnostics:
        if quiet and d.severity != "error":
            continue
        click.echo(str(d), err=True)


def _formats(value: str) -> list[str]:
    from exporter.writers import FORMATS

    if value == "all":
        return list(FORMATS)
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMATS)} or all"
        )
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exporter")
def main() -> None:
    """Turn plain-text scholarly reviews into TEI, EPUB, PDF and BibTeX."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "-f", "--formats", "formats", default="all", show_default=True, help="Comma-separated formats, or all."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def build(sources: tuple[Path, ...], outdir: Path, formats: str, strict: bool, quiet: bool) -> None:
    """Build SOURCES (default: every review in seeds/) into the output folder."""
    from exporter.build import build_one, discover

    chosen = _formats(formats)
    paths = discover(sources)
    if not paths:
        raise click.UsageError("no sources given and no reviews in seeds/")
    failed = False
    for path in paths:
        result = build_one(path, outdir, chosen, strict=strict)
        _echo_diagnostics(result.diagnostics, quiet)
        failed |= result.failed
    sys.exit(EXIT_PROBLEM if failed else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Also validate against this RELAX NG schema (repeatable).",
)
def validate(files: tuple[Path, ...], schemas: tuple[Path, ...]) -> None:
    """Validate TEI FILES against the project's schema and rules."""
    from exporter.validate import validate_file

    failed = False
    for path in files:
        problems = validate_file(path, schemas)
        _echo_diagnostics(problems)
        failed |= any(p.severity == "error" for p in problems)
    sys.exit(EXIT_PROBLEM if failed else 0)
