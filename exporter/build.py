"""Sources → TEI → the chosen writers, each output written atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from exporter.diagnostics import Diagnostic, has_errors
from exporter.reader import read_review
from exporter.tei import UnsafeXML, parse_xml
from exporter.validate import validate_tree
from exporter.writers import FORMATS, Options, writer

SOURCE_SUFFIXES = (".txt", ".xml")


@dataclass
class Result:
    source: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return has_errors(self.diagnostics)


def discover(sources: tuple[Path, ...], seeds: Path = Path("seeds")) -> list[Path]:
    """With no sources, every review in seeds/ (text and TEI)."""
    if sources:
        return list(sources)
    return sorted(p for p in seeds.iterdir() if p.suffix in SOURCE_SUFFIXES) if seeds.is_dir() else []


def load_tei(path: Path) -> tuple[etree._Element | None, list[Diagnostic]]:
    """A review as TEI: read from text, or parsed (hardened) and validated when it is TEI already."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(str(path), 1, 1, "error", f"cannot read: {exc.strerror or exc}")]
    if path.suffix != ".xml":
        return read_review(path, data)
    try:
        tree = parse_xml(data)
    except UnsafeXML as exc:
        return None, [Diagnostic(str(path), exc.line, exc.col, "error", str(exc))]
    problems = validate_tree(tree, str(path))
    return (None if has_errors(problems) else tree.getroot()), problems


def render(path: Path, formats: list[str], options: Options, strict: bool = False) -> Result:
    """Everything in memory first: a source with errors writes nothing at all."""
    result = Result(path)
    tei, result.diagnostics = load_tei(path)
    if tei is None or (strict and result.diagnostics):
        if strict and not result.failed:
            result.diagnostics.append(Diagnostic(str(path), 1, 1, "error", "warnings are errors (--strict)"))
        return result
    for name in formats:
        result.outputs[name] = writer(name).write(tei, options)
    result.diagnostics += options.diagnostics
    if strict and options.diagnostics:
        result.outputs.clear()
    return result


def output_path(outdir: Path, source: Path, fmt: str) -> Path:
    return outdir / (source.stem + FORMATS[fmt].suffix)


def write_atomic(target: Path, data: bytes) -> None:
    """Temporary file in the same folder, flushed, then renamed over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def build_one(path: Path, outdir: Path, formats: list[str], strict: bool = False, **opts: object) -> Result:
    options = Options(name=path.stem, source_path=str(path), **opts)  # type: ignore[arg-type]
    result = render(path, formats, options, strict)
    if not result.failed:
        for fmt, data in result.outputs.items():
            write_atomic(output_path(outdir, path, fmt), data)
    return result
