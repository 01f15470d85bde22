"""Incremental builds: the manifest in the output folder records, for each output, the build key
it was made from (a hash of its source, its sidecar, the project file, the options and the
exporter that built it) and the output's own hash. A source whose outputs all match is up to
date. The sources' and outputs' hashes, not their times: a checkout, a copy or a clock that moves
back changes no verdict (the exporter's own files are judged by time, see toolchain)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import exporter
from exporter.inputs import UnreadableInput, read_input
from exporter.metadata import sidecar_path
from exporter.plan import Settings

MANIFEST = ".exporter-manifest.json"
# A file name of bytes that are not UTF-8 is a str with lone surrogates (os.fsdecode): written and
# read back as those bytes, so that its record matches its file again.
_FILE_NAMES = "surrogateescape"
_LAYOUT = 1  # the manifest's own format: a manifest of another layout is ignored, so all rebuild


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def toolchain() -> str:
    """The exporter that builds: its version, the state of its code and data (a changed checkout
    is another exporter, though its version number is the same), and the installed libraries."""
    h = hashlib.sha256(exporter.__version__.encode())
    h.update(code_stamp(Path(exporter.__file__).parent).encode())
    for name in _distributions(sys.path):
        h.update(f"\0{name}".encode())
    return h.hexdigest()


def code_stamp(package: Path) -> str:
    """A hash of the package's files, each by its name, size and modification time, not its
    bytes, as make and ninja judge: reading and hashing the package's 5 MB cost the seed's build
    3% of its instructions. An edit, a checkout or a reinstall gives a file a new time, so another
    code is still told apart; what this misses is a file rewritten to the same size within the
    clock's tick, or copied back with its old time. It errs the safe way too: the same code
    checked out afresh has new times, so its first build rebuilds everything, once."""
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        stat = path.stat()
        h.update(f"\0{path.relative_to(package).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return h.hexdigest()


def _distributions(folders: list[str]) -> list[str]:
    """Every installed distribution with its version ("lxml-5.3.0.dist-info"), from the folder
    names alone: more than exporter's own libraries (another package installed rebuilds all,
    once), but without importlib.metadata, which costs a no-op build a fifth of its time."""
    found: set[str] = set()
    for folder in folders:
        try:
            found.update(n for n in os.listdir(folder or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip, a folder that is gone
            continue
    return sorted(found)


def build_key(source: Path, settings: Settings) -> str | None:
    """What a source's outputs are built from, hashed (the exporter that builds them is the
    manifest's, for all); None when an input cannot be read (the build will say why)."""
    sidecar = sidecar_path(source)
    try:
        text = settings.stdin if settings.stdin is not None else read_input(source)
        side = read_input(sidecar) if sidecar.is_file() else b""
        style = read_input(Path(settings.csl_style)) if settings.csl_style else b""
    except UnreadableInput:
        return None
    options = {
        "source": str(source),
        "strict": settings.strict,
        "paper": settings.paper,
        "bib_ascii": settings.bib_ascii,
        "bib_dialect": settings.bib_dialect,
        "csl_style": settings.csl_style,
        "pdf_variant": settings.pdf_variant,
        "source_format": settings.source_format,
        "shared": settings.shared,
    }
    parts = [
        json.dumps(options, sort_keys=True),
        digest(text),
        digest(side),
        digest(style),
        digest(settings.project),
    ]
    return digest("\n".join(parts).encode())


@dataclass
class Manifest:
    folder: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)  # file name -> its record

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest; an empty one when there is none, when it is not one we wrote,
        or when another exporter (version, code or libraries) wrote it: then every source is stale."""
        try:
            data = json.loads((folder / MANIFEST).read_bytes().decode("utf-8", _FILE_NAMES))
        except (OSError, ValueError):
            return cls(folder)
        if (
            not isinstance(data, dict)
            or data.get("layout") != _LAYOUT
            or data.get("exporter") != toolchain()
            or not isinstance(data.get("outputs"), dict)
        ):
            return cls(folder)
        return cls(folder, data["outputs"])

    def up_to_date(self, source: Path, settings: Settings, key: str | None) -> bool:
        """Every output the build asks of the source is there, made from `key`, and unchanged
        since (an output edited or deleted by hand is stale)."""
        if key is None:
            return False
        for fmt in settings.formats:
            target = settings.target(source, fmt)
            record = self.outputs.get(target.name)
            if record is None or record.get("built_from") != key or record.get("source") != str(source):
                return False
            try:
                if digest(target.read_bytes()) != record.get("sha256"):
                    return False
            except OSError:
                return False
        return True

    def record(self, source: Path, settings: Settings, key: str | None, written: dict[str, str]) -> None:
        """The outputs just written (format -> their hash), made from `key`."""
        for fmt, sha in written.items():
            name = settings.target(source, fmt).name
            if key is None:
                self.outputs.pop(name, None)
            else:
                self.outputs[name] = {"built_from": key, "sha256": sha, "source": str(source)}

    def save(self) -> None:
        """Written atomically, sorted: the same outputs give the same manifest bytes."""
        from exporter.files import write_atomic  # its tempfile is not needed by a no-op build

        data = {"exporter": toolchain(), "layout": _LAYOUT, "outputs": self.outputs}
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        write_atomic(self.folder / MANIFEST, text.encode("utf-8", _FILE_NAMES))
