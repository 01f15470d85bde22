"""The command line: `exporter build`, `exporter validate` and `exporter check`. Commands only; the work is elsewhere."""

from __future__ import annotations

import functools
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec

import click

from exporter import __version__
from exporter.diagnostics import Diagnostic, has_errors
from exporter.report import REPORT_FORMATS, render
from exporter.writers.pdf import PAPERS  # the names only: WeasyPrint is imported when a PDF is made

if TYPE_CHECKING:
    from exporter.build import Settings

EXIT_OK, EXIT_PROBLEM = 0, 1


_P = ParamSpec("_P")


class _Stopped(SystemExit):
    """Ctrl-C or SIGTERM, raised where the main thread is, so that every `finally` on the way out
    runs: the workers are killed and temporary files removed. Uncaught, it exits 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> NoReturn:
    raise _Stopped(signum)


def _stop_on_signals() -> None:
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, _raise_stopped)


def _exit_at_once(stop: _Stopped) -> NoReturn:
    # Everything of the build is closed, renamed or removed by now; the interpreter's teardown
    # of its heap would only make the user wait (a quarter of a second measured).
    click.echo(f"exporter: stopped by {signal.Signals(stop.signum).name}", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + stop.signum)


def _stoppable(command: Callable[_P, None]) -> Callable[_P, None]:
    """The command, stopped at once by SIGINT or SIGTERM (its workers with it)."""

    @functools.wraps(command)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> None:
        _stop_on_signals()
        try:
            command(*args, **kwargs)
        except _Stopped as stop:
            _exit_at_once(stop)

    return run


def _formats(value: str) -> list[str]:
    from exporter.writers import FORMATS

    if value == "all":
        return list(FORMATS)
    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        choices = ", ".join(FORMATS)
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or value!r}; choose from {choices} or all"
        )
    return names


def _named_output(value: str) -> str:
    # As a Path, '' is the current folder, where a build would overwrite what is there.
    if not value.strip():
        raise click.BadParameter("an empty name is no folder; give one, such as -o dist")
    return value  # as typed: a trailing '/' says it is a folder, which a Path forgets


STDOUT = "-"


def _output_file(output: str) -> tuple[Path, str] | None:
    """`-o FILE.epub` names one output file, and its format: a known output suffix on a name that
    is neither an existing folder nor ends in '/'. Anything else is a folder, as before."""
    from exporter.writers import FORMATS

    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return None
    by_suffix = {f.suffix: name for name, f in FORMATS.items()}
    return (path, by_suffix[path.suffix]) if path.suffix in by_suffix else None


def _one_format(formats: str | None, implied: str | None, output: str) -> list[str]:
    """The single format an output file or stdout takes: the file's, or the one -t names."""
    chosen = _formats(formats) if formats is not None else None
    if implied is not None:
        if chosen is not None and chosen != [implied]:
            raise click.UsageError(f"-o {output} writes {implied} only, but -t asks for {', '.join(chosen)}")
        return [implied]
    if chosen is None or len(chosen) != 1:
        raise click.UsageError("-o - writes one format to standard output: choose it with -t, such as -t bib")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="exporter")
def main() -> None:
    """Turn plain-text scholarly reviews into TEI, EPUB, PDF, BibTeX and CSL-JSON."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(allow_dash=True),
    callback=lambda ctx, param, value: _named_output(value),
    default="dist",
    show_default=True,
    help="Folder for the outputs; or one FILE.epub|.pdf|.bib|.json|.xml; or - for standard output.",
)
@click.option(
    "-t",
    "--to",
    "--formats",
    "formats",
    default=None,
    show_default="all",
    help="Output formats, comma-separated (tei, epub, pdf, bib, csl) or all.",
)
@click.option(
    "-f",
    "--from",
    "source_format",
    type=click.Choice(["txt", "tei"]),
    default=None,
    help="Input format: a plain-text review or TEI (default: from each source's extension).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="number of cores",
    help="Sources built in parallel processes.",
)
@click.option(
    "--check", is_flag=True, help="Build into a temporary folder and fail if the output folder differs."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--paper", type=click.Choice(PAPERS), default=None, help="PDF page size (default: book, 156 × 234 mm)."
)
@click.option("--bib-ascii", is_flag=True, help="BibTeX with LaTeX accent macros instead of UTF-8.")
@click.option(
    "--bib-dialect",
    type=click.Choice(["bibtex", "biblatex"]),
    default="bibtex",
    show_default=True,
    help="The .bib for classic BibTeX, or in biblatex's data model (for biber).",
)
@click.option(
    "--csl",
    "csl_style",
    metavar="STYLE",
    default=None,
    help="Reference list of the EPUB and PDF in a CSL style: apa, chicago, harvard, mhra, mla or FILE.csl.",
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/ua-1", "pdf/a-3u"]),
    default="pdf/ua-1",
    show_default=True,
    help="PDF/UA-1 (accessible) or PDF/A-3u (for archives; tagged as well).",
)
@click.option(
    "--name",
    default=None,
    metavar="NAME",
    help="With - as the source (standard input): its name, for diagnostics and outputs (default stdin.txt).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print every file written.")
@_stoppable
def build(
    sources: tuple[Path, ...],
    output: str,
    formats: str | None,
    source_format: str | None,
    jobs: int,
    check: bool,
    strict: bool,
    paper: str | None,
    bib_ascii: bool,
    bib_dialect: str,
    csl_style: str | None,
    pdf_variant: str,
    name: str | None,
    quiet: bool,
    verbose: bool,
) -> NoReturn:
    """Build SOURCES (default: every review in seeds/) into the output folder."""
    from exporter.build import (
        Settings,
        clashing_sources,
        differences,
        discover,
        mismatched_sources,
        overwritten_sources,
    )

    stdin = Path(STDOUT) in sources
    if stdin and len(sources) > 1:
        raise click.UsageError("- (standard input) is the only source of its build")
    if name is not None and not stdin:
        raise click.UsageError("--name names standard input: give - as the source")
    if name is not None and (not name.strip() or Path(name).name != name):
        raise click.BadParameter("a file name, without a folder", param_hint="--name")
    if stdin:
        sources = (Path(name or ("stdin.xml" if source_format == "tei" else "stdin.txt")),)
    paths = discover(sources)
    if not paths:
        raise click.UsageError("no sources given and no reviews in seeds/")
    file = None if output == STDOUT else _output_file(output)
    if output == STDOUT or file is not None:
        if len(paths) > 1:
            raise click.UsageError(f"-o {output} takes one source, not {len(paths)}: give -o a folder")
        if output == STDOUT and check:
            raise click.UsageError("--check compares files: give -o a folder or a file, not -")
        chosen = _one_format(formats, file[1] if file else None, output)
    else:
        chosen = _formats(formats or "all")
    outdir = Path(output) if file is None else (file[0].parent)
    # This process, and the workers it starts, build and nothing else: the PDF writer may tune
    # their garbage collection.
    settings = Settings(outdir, chosen, strict=strict, paper=paper, bib_ascii=bib_ascii, owns_process=True)
    settings.output_file = file[0] if file else None
    settings.bib_dialect = bib_dialect
    settings.source_format = source_format
    if stdin:
        from exporter.reader.source import MAX_INPUT_BYTES

        settings.stdin = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    clashes = mismatched_sources(paths, source_format) + clashing_sources(paths)
    clashes += [] if check or output == STDOUT else overwritten_sources(paths, settings)
    for clash in clashes:
        click.echo(str(clash), err=True)
    if clashes:
        sys.exit(EXIT_PROBLEM)
    settings.csl_style = _csl_style(csl_style) if csl_style else None
    settings.pdf_variant = pdf_variant
    if output == STDOUT:
        sys.exit(_build_to_stdout(paths[0], settings, quiet))
    if not check:
        sys.exit(_build_and_report(paths, settings, jobs, quiet, verbose))
    with tempfile.TemporaryDirectory(prefix="exporter-check-") as scratch:
        settings.outdir = Path(scratch)
        if file is not None:
            settings.output_file = Path(scratch, file[0].name)
        if _build_and_report(paths, settings, jobs, quiet=True, verbose=False) != EXIT_OK:
            sys.exit(EXIT_PROBLEM)
        changed = differences(Path(scratch), outdir)
    for line in changed:
        click.echo(f"{line}", err=True)
    if not quiet:
        where = str(file[0]) if file else f"{outdir}/"
        click.echo(
            f"{where} is current"
            if not changed
            else f"{len(changed)} file(s) in {where} are stale: run 'exporter build'",
            err=True,
        )
    sys.exit(EXIT_PROBLEM if changed else EXIT_OK)


def _csl_style(name: str) -> str:
    """The checked style file: an unknown name is wrong usage, a broken file an input's error."""
    from exporter.writers.bib import styles

    try:
        return str(styles.resolve(name))
    except styles.UnknownStyle as exc:
        raise click.BadParameter(str(exc), param_hint="--csl") from exc
    except styles.BrokenStyle as exc:
        click.echo(str(exc.diagnostic), err=True)
        sys.exit(EXIT_PROBLEM)
    except OSError as exc:
        click.echo(f"{name}:1:1: error: cannot read the CSL style: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEM)


def _build_to_stdout(path: Path, settings: Settings, quiet: bool) -> int:
    """`-o -`: the one format's bytes on stdout and nothing else there; diagnostics on stderr. A
    source with errors writes nothing, as it writes no file."""
    from exporter.build import build_in_memory

    result = build_in_memory(path, settings)
    for d in result.diagnostics:
        if not quiet or d.severity == "error":
            click.echo(str(d), err=True)
    if result.failed:
        return EXIT_PROBLEM
    try:
        sys.stdout.buffer.write(result.outputs[settings.formats[0]])
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEM
    return EXIT_OK


def _build_and_report(paths: list[Path], settings: Settings, jobs: int, quiet: bool, verbose: bool) -> int:
    from exporter.build import Result, build_many
    from exporter.progress import Progress, summary

    results: list[Result] = []
    with Progress(len(paths), enabled=not quiet) as progress:
        for result in build_many(paths, settings, jobs):
            results.append(result)
            for d in result.diagnostics:
                if not quiet or d.severity == "error":
                    progress.echo(str(d))
            if verbose:
                for fmt in result.written:
                    progress.echo(f"wrote {settings.target(result.source, fmt)}")
            progress.advance(result)
    if not quiet:
        summary(sorted(results, key=lambda r: str(r.source)))
    return EXIT_PROBLEM if any(r.failed for r in results) else EXIT_OK


# `validate` and `check` report their problems alike, in any of the report formats.
_report_format = click.option(
    "--format",
    "form",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="How to print the problems.",
)


def _print_report(text: str, form: str) -> None:
    # Text is for people, beside any other output; the other forms are for a program to read.
    if text:
        click.echo(text, nl=False, err=(form == "text"))


def _exit_on(problems: list[Diagnostic]) -> NoReturn:
    sys.exit(EXIT_PROBLEM if has_errors(problems) else EXIT_OK)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Also validate against this RELAX NG schema (repeatable), e.g. tei_all.rng.",
)
@_report_format
@click.option(
    "-o",
    "--output",
    "report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
def validate(files: tuple[Path, ...], schemas: tuple[Path, ...], form: str, report: Path | None) -> NoReturn:
    """Validate TEI FILES against the project's schema and rules (exit 1 on any error)."""
    from exporter.files import write_atomic
    from exporter.validate import validate_file

    problems = [d for path in files for d in validate_file(path, schemas)]
    text = render(problems, list(files), form)
    if report is not None:
        try:
            write_atomic(report, text.encode("utf-8"))
        except OSError as exc:
            click.echo(
                Diagnostic(str(report), 1, 1, "error", f"cannot write the report: {exc.strerror or exc}"),
                err=True,
            )
            sys.exit(EXIT_PROBLEM)
    else:
        _print_report(text, form)
    _exit_on(problems)


@main.command()
@click.argument("reviews", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@_report_format
def check(reviews: tuple[Path, ...], strict: bool, form: str) -> NoReturn:
    """Check REVIEWS before a build, writing nothing: citations that match no entry, entries
    nothing cites, backward page ranges, open quotations, notes out of order (exit 1 on any error)."""
    from exporter.checks import check_file

    problems = [d for path in reviews for d in check_file(path, strict)]
    _print_report(render(problems, list(reviews), form, "exporter check"), form)
    _exit_on(problems)
