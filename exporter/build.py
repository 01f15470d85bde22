"""Sources → TEI → the chosen writers, each output written atomically, in parallel when asked."""

from __future__ import annotations

import filecmp
import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

from exporter.diagnostics import Diagnostic, bounded, has_errors, printable, shortened
from exporter.files import TEMP_SUFFIX, remove_stale_temporaries, write_set
from exporter.inputs import UnreadableInput, read_input, within_limit
from exporter.plan import Settings, source_format
from exporter.reader import read_tree
from exporter.tei import UnsafeXML, parse_xml, remove_keeping_tail, without_processing_instructions, xpath
from exporter.validate import validate_reading, validate_tree
from exporter.writers import FORMATS, Options, writer

OUTPUT_SUFFIXES = frozenset(f.suffix for f in FORMATS.values())
# What the schema takes as a web address in a ptr, and what an idno of type URL must be too.
WEB_ADDRESS = re.compile(r"https?://\S+\Z")


@dataclass
class Result:
    source: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)  # format -> bytes written
    digests: dict[str, str] = field(default_factory=dict)  # format -> SHA-256 of what was written
    up_to_date: bool = False  # not built: its outputs are those the manifest records
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == "warning" for d in self.diagnostics)


def load_tei(
    path: Path,
    keep_faulty: bool = False,
    kind: str | None = None,
    data: bytes | None = None,
    shared: dict[str, str] | None = None,
) -> tuple[etree._Element | None, list[Diagnostic]]:
    """A review as TEI: read from text, or parsed (hardened) and validated when it is TEI already.
    With `keep_faulty`, the tree even when it has errors, for a caller that only reports on it.
    `kind` ("txt" or "tei") overrides the format the extension names; `data`, when given, is the
    input (standard input), and `path` only its name; `shared`, the metadata a review's sidecar
    may override (the project file's [review]).
    The problems are bounded in number: the first ones, and a count of the rest."""
    tei, problems = _load(path, keep_faulty, kind or source_format(path), data, shared)
    return tei, bounded(problems)


def _load(
    path: Path, keep_faulty: bool, kind: str, given: bytes | None, shared: dict[str, str] | None
) -> tuple[etree._Element | None, list[Diagnostic]]:
    try:
        data = read_input(path) if given is None else within_limit(given)
    except UnreadableInput as exc:
        return None, [Diagnostic(str(path), 1, 1, "error", str(exc))]
    if kind != "tei":
        return _read_text(path, data, keep_faulty, shared)
    try:
        tree, instructions = without_processing_instructions(parse_xml(data))
    except UnsafeXML as exc:
        return None, [Diagnostic(str(path), exc.line, exc.col, "error", str(exc))]
    problems = [_dropped(path, n, f"processing instruction <?{n.target!s}?>") for n in instructions]
    problems += validate_tree(tree, str(path))
    problems += _unsafe_urls(tree.getroot(), path)
    return (None if has_errors(problems) and not keep_faulty else tree.getroot()), problems


def _read_text(
    path: Path, data: bytes, keep_faulty: bool, shared: dict[str, str] | None
) -> tuple[etree._Element | None, list[Diagnostic]]:
    """A review read into TEI, which must then be valid TEI, as a rebuild from it will demand."""
    tei, problems = read_tree(path, data, shared)
    if tei is not None and not has_errors(problems):
        problems = sorted({*problems, *validate_reading(tei, str(path))})
    return (None if has_errors(problems) and not keep_faulty else tei), problems


def _dropped(path: Path, node: etree._Element, what: str) -> Diagnostic:
    line = getattr(node, "sourceline", None)  # lxml-stubs type sourceline as "..."
    return Diagnostic(
        str(path), line if isinstance(line, int) else 1, 1, "warning", f"{what} dropped: no output carries it"
    )


def _unsafe_urls(tei: etree._Element, path: Path) -> list[Diagnostic]:
    """An idno of type URL that is not a web address would become a link (javascript:, file:) in
    the EPUB and the PDF: each is taken out of the tree, with a warning."""
    found = []
    for idno in xpath(tei, "//tei:idno[@type='URL']"):
        address = (idno.text or "").strip()
        if not WEB_ADDRESS.match(address):
            found.append(_dropped(path, idno, f"URL '{shortened(address)}', not http(s),"))
            parent = idno.getparent()
            if parent is not None:
                remove_keeping_tail(parent, idno)
    return found


def build_in_memory(path: Path, settings: Settings) -> Result:
    """Everything in memory first: a source with errors writes nothing at all."""
    result = Result(path)
    tei, result.diagnostics = load_tei(
        path, kind=settings.source_format, data=settings.stdin, shared=settings.shared
    )
    if tei is None:
        return result
    options = Options(
        printable(path.stem),  # it names the files a PDF embeds
        str(path),
        bib_ascii=settings.bib_ascii,
        bib_dialect=settings.bib_dialect,
        csl_style=settings.csl_style,
        pdf_variant=settings.pdf_variant,
        paper=settings.paper,
        owns_process=settings.owns_process,
    )
    # The PDF before the EPUB: the EPUB carries the PDF's page numbers, from the same layout.
    for name in sorted(settings.formats, key=lambda f: f != "pdf"):
        try:
            result.outputs[name] = writer(name).write(tei, options)
        except Exception as exc:  # a writer's bug, or its library's: a diagnostic, not a traceback
            message = f"the {name} writer failed ({type(exc).__name__}: {exc}); please report this"
            result.diagnostics.append(Diagnostic(str(path), 1, 1, "error", message))
            break
    result.outputs = {name: result.outputs[name] for name in settings.formats if name in result.outputs}
    result.diagnostics += options.diagnostics
    if settings.strict and result.diagnostics and not result.failed:
        result.diagnostics.append(Diagnostic(str(path), 1, 1, "error", "warnings are errors (--strict)"))
    return result


def build_one(path: Path, settings: Settings) -> Result:
    started = time.perf_counter()
    result = build_in_memory(path, settings)
    if not result.failed:
        try:
            settings.outdir.mkdir(parents=True, exist_ok=True)
            write_set({settings.target(path, fmt): data for fmt, data in result.outputs.items()})
            result.written = {fmt: len(data) for fmt, data in result.outputs.items()}
            result.digests = {fmt: hashlib.sha256(data).hexdigest() for fmt, data in result.outputs.items()}
        except OSError as exc:
            target = exc.filename or settings.outdir
            message = f"cannot write to {target}: {exc.strerror or exc}"
            result.diagnostics.append(Diagnostic(str(path), 1, 1, "error", message))
    result.outputs.clear()  # the bytes are on disk; do not ship them between processes
    result.seconds = time.perf_counter() - started
    return result


def build_many(paths: list[Path], settings: Settings, jobs: int) -> Iterator[Result]:
    """Results as they finish; sources are independent, so processes share nothing. Stopped (a
    signal, an exception), it leaves no worker running and no temporary file of theirs."""
    remove_stale_temporaries(settings.outdir, OUTPUT_SUFFIXES)
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield build_one(path, settings)
        return
    from exporter.pool import run_unordered  # a single build needs no pool

    try:
        yield from run_unordered(partial(build_one, settings=settings), paths, min(jobs, len(paths)))
    except BaseException:
        remove_stale_temporaries(settings.outdir, OUTPUT_SUFFIXES)  # the stopped workers' are stale now
        raise


def differences(built: Path, published: Path) -> list[str]:
    """Files of a fresh build that are missing from, or differ in, the published folder."""
    changed = []
    for fresh in sorted(built.iterdir()):
        if fresh.name.endswith(TEMP_SUFFIX):
            continue
        old = published / fresh.name
        if not old.is_file():
            changed.append(f"{old}: missing (a build writes it)")
        elif not filecmp.cmp(fresh, old, shallow=False):
            changed.append(f"{old}: differs from what a build writes now")
    return changed
