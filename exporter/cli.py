"""The command line: `exporter build`, `exporter validate` and `exporter check`. Commands only; the work is elsewhere."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, ParamSpec

import click
from click.core import ParameterSource

from exporter import __version__
from exporter.diagnostics import Diagnostic, has_errors
from exporter.project import PROJECT_FILE
from exporter.report import REPORT_FORMATS, render
from exporter.writers.pdf import PAPERS  # the names only: WeasyPrint is imported when a PDF is made

if TYPE_CHECKING:
    from exporter.build import Result
    from exporter.plan import Settings
    from exporter.project import Project, Setting

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
@click.option(
    "--strict/--no-strict", default=False, help="Treat warnings as errors (or not, over the project file)."
)
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
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"The project file (default: {PROJECT_FILE} here or in the nearest folder above).",
)
@click.option(
    "--print-config",
    is_flag=True,
    help="Print the settings in force, and where each came from; build nothing.",
)
@click.option("--force", is_flag=True, help="Rebuild every source, also those the manifest finds up to date.")
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
    config_file: Path | None,
    print_config: bool,
    force: bool,
    quiet: bool,
    verbose: bool,
) -> NoReturn:
    """Build SOURCES (default: every review in seeds/) into the output folder. A project file,
    exporter.toml, gives defaults for the options; the command line overrides it."""
    from exporter.plan import Settings, clashing_sources, discover, mismatched_sources, overwritten_sources

    project = _project(config_file)
    in_force = _in_force(project, sources, output, formats, paper, csl_style, strict)
    sources = tuple(Path(s) for s in in_force["sources"].value)  # type: ignore[attr-defined]
    output, paper, csl_style = (in_force[k].value for k in ("output", "paper", "csl"))  # type: ignore[assignment]
    strict = bool(in_force["strict"].value)
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
        chosen = list(in_force["formats"].value)  # type: ignore[call-overload]
    if print_config:
        click.echo(_config_text(in_force, paths, project), nl=False)
        sys.exit(EXIT_OK)
    outdir = Path(output) if file is None else (file[0].parent)
    # This process, and the workers it starts, build and nothing else: the PDF writer may tune
    # their garbage collection.
    settings = Settings(outdir, chosen, strict=strict, paper=paper, bib_ascii=bib_ascii, owns_process=True)
    settings.output_file = file[0] if file else None
    settings.bib_dialect = bib_dialect
    settings.source_format = source_format
    settings.shared, settings.project = project.shared_metadata(), project.content
    if stdin:
        from exporter.inputs import MAX_INPUT_BYTES

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
        if file is not None:  # one named file is a one-off conversion: always built, no manifest
            sys.exit(_exit_code(_build_and_report(paths, settings, jobs, quiet, verbose)))
        sys.exit(_build_incrementally(paths, settings, jobs, quiet, verbose, force))
    import tempfile

    from exporter.build import differences

    with tempfile.TemporaryDirectory(prefix="exporter-check-") as scratch:
        settings.outdir = Path(scratch)
        if file is not None:
            settings.output_file = Path(scratch, file[0].name)
        if _exit_code(_build_and_report(paths, settings, jobs, quiet=True, verbose=False)) != EXIT_OK:
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


def _project(config_file: Path | None) -> Project:
    """The project file named by --config, or found from the current folder up; its errors end
    the build (exit 1)."""
    from exporter.project import Project, find_project, read_project

    path = config_file or find_project(Path.cwd())
    if path is None:
        return Project()
    shown = Path(os.path.relpath(path)) if config_file is None else path
    read = read_project(shown)
    if isinstance(read, Project):
        return read
    for problem in read:
        click.echo(str(problem), err=True)
    sys.exit(EXIT_PROBLEM)


def _in_force(
    project: Project,
    sources: tuple[Path, ...],
    output: str,
    formats: str | None,
    paper: str | None,
    csl_style: str | None,
    strict: bool,
) -> dict[str, Setting]:
    """Each setting a project file may give, from the command line when given there."""
    given = click.get_current_context().get_parameter_source

    def typed(name: str, value: object) -> object | None:
        return value if given(name) is ParameterSource.COMMANDLINE else None

    return {
        "sources": project.setting("sources", [str(s) for s in sources] or None),
        "output": project.setting("output", typed("output", output)),
        "formats": project.setting("formats", _formats(formats) if formats is not None else None),
        "paper": project.setting("paper", paper),
        "csl": project.setting("csl", csl_style),
        "strict": project.setting("strict", typed("strict", strict)),
    }


def _config_text(in_force: dict[str, Setting], paths: list[Path], project: Project) -> str:
    """--print-config's text; a sidecar's problems on stderr, as a build prints them."""
    from exporter.project import render, review_settings

    reviews, problems = review_settings(paths, project)
    for problem in problems:
        click.echo(str(problem), err=True)
    return render(in_force, reviews)


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


def _build_incrementally(
    paths: list[Path], settings: Settings, jobs: int, quiet: bool, verbose: bool, force: bool
) -> int:
    """Build the sources whose outputs the output folder's manifest does not find up to date
    (all, with --force), and record what they were built from. When none is stale, nothing of
    the reader or the writers is imported."""
    from exporter.manifest import Manifest, build_key

    manifest = Manifest.load(settings.outdir)
    keys = {path: build_key(path, settings) for path in paths}
    fresh = [] if force else [p for p in paths if manifest.up_to_date(p, settings, keys[p])]
    stale = [p for p in paths if p not in fresh]
    if not stale:
        if not quiet:
            for path in fresh:
                click.echo(f"up to date {path}", err=True)
            click.echo(
                f"{len(fresh)} up to date in {settings.outdir}/, nothing built (--force rebuilds)", err=True
            )
        return EXIT_OK
    results = _build_and_report(stale, settings, jobs, quiet, verbose, fresh)
    built = [r for r in results if r.written]
    for result in built:
        manifest.record(result.source, settings, keys[result.source], result.digests)
    if not built:  # nothing written: the folder stays as it was, without a manifest of nothing
        return _exit_code(results)
    try:
        manifest.save()
    except OSError as exc:  # the outputs are written; only the next build's shortcut is lost
        click.echo(
            f"{settings.outdir}:1:1: warning: cannot write the manifest: {exc.strerror or exc}", err=True
        )
    return _exit_code(results)


def _exit_code(results: list[Result]) -> int:
    return EXIT_PROBLEM if any(r.failed for r in results) else EXIT_OK


def _build_and_report(
    paths: list[Path],
    settings: Settings,
    jobs: int,
    quiet: bool,
    verbose: bool,
    fresh: list[Path] | None = None,
) -> list[Result]:
    """Build `paths` with progress and a summary; `fresh` are the sources that were up to date."""
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
        summary(
            sorted(
                [*results, *(Result(p, up_to_date=True) for p in fresh or [])], key=lambda r: str(r.source)
            )
        )
    return results


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
