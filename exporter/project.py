"""The project file exporter.toml: defaults for `exporter build`, found in the current folder or
the nearest one above it (as tools find pyproject.toml), and the settings in force, each with
where it came from, for --print-config. The command line overrides the project file; a review's
sidecar overrides its [review] table."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from exporter.diagnostics import Diagnostic
from exporter.metadata import SHARED, Metadata, misfit, read_sidecar
from exporter.tomlfile import key_position, read_toml
from exporter.writers import FORMATS
from exporter.writers.pdf import DEFAULT_PAPER, PAPERS

PROJECT_FILE = "exporter.toml"
FROM_COMMAND_LINE, FROM_DEFAULT = "command line", "default"


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _formats(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(f in FORMATS for f in value)


# Each top-level key: its test, what it must be, and its default (None: not set).
KEYS: dict[str, tuple[Callable[[object], bool], str, object]] = {
    "sources": (_strings, "a list of review files or folders", ["seeds"]),
    "output": (_text, "a folder name", "dist"),
    "formats": (_formats, f"a list of formats from {', '.join(FORMATS)}", list(FORMATS)),
    "paper": (lambda v: v in PAPERS, f"one of {', '.join(PAPERS)}", DEFAULT_PAPER),
    "csl": (_text, "a CSL style name or FILE.csl", None),
    "strict": (lambda v: isinstance(v, bool), "true or false", False),
}
# Keys whose values name files, read relative to the project file's folder.
_PATHS = {"sources", "output", "csl"}


@dataclass(frozen=True)
class Setting:
    value: object
    origin: str  # "exporter.toml:3", FROM_COMMAND_LINE, FROM_DEFAULT, "seeds/x.toml:2"


@dataclass
class Project:
    path: Path | None = None
    content: bytes = b""  # the file as read: a build's outputs depend on all of it
    values: dict[str, Setting] = field(default_factory=dict)
    shared: dict[str, Setting] = field(default_factory=dict)  # its [review] table

    def setting(self, key: str, given: object | None) -> Setting:
        """A key's value in force: the command line's (`given`, None when not given), else the
        project file's, else the default."""
        if given is not None:
            return Setting(given, FROM_COMMAND_LINE)
        return self.values.get(key) or Setting(KEYS[key][2], FROM_DEFAULT)

    def shared_metadata(self) -> dict[str, str]:
        return {key: str(s.value) for key, s in self.shared.items()}


def find_project(start: Path) -> Path | None:
    """exporter.toml in `start` or the nearest folder above it that has one."""
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def read_project(path: Path) -> Project | list[Diagnostic]:
    """The project file's settings, or its errors (bad TOML, an unknown key, a wrong value)."""
    read = read_toml(path, "the project file")
    if isinstance(read, Diagnostic):
        return [read]
    text, data = read
    project = Project(path, text.encode("utf-8"))
    problems = []
    for key, value in data.items():
        where = key_position(text, key)
        if key == "review" and isinstance(value, dict):
            problems += _shared(project, path, text, value)
        elif key not in KEYS:
            known = ", ".join([*KEYS, "[review]"])
            problems.append(Diagnostic(str(path), *where, "error", f"unknown key '{key}'; known: {known}"))
        elif not KEYS[key][0](value):
            message = f"'{key}' is {value!r}, not {KEYS[key][1]}"
            problems.append(Diagnostic(str(path), *where, "error", message))
        else:
            origin = f"{path}:{where[0]}"
            project.values[key] = Setting(_relative(path.parent, key, value), origin)
    return problems or project


def _shared(project: Project, path: Path, text: str, table: dict[str, object]) -> list[Diagnostic]:
    problems = []
    scratch = Metadata()
    for key, value in table.items():
        where = key_position(text, key)
        if key not in SHARED:
            message = (
                f"unknown key '{key}' in [review]; a project file gives every review {', '.join(SHARED)}"
            )
            problems.append(Diagnostic(str(path), *where, "error", message))
        elif (wrong := misfit(scratch, "review", key, value)) is not None:
            problems.append(Diagnostic(str(path), *where, "error", wrong))
        else:
            project.shared[key] = Setting(value, f"{path}:{where[0]}")
    return problems


def _relative(folder: Path, key: str, value: object) -> object:
    """A file the project file names, as a path from the current folder. A CSL style is a file
    only when it ends in .csl; otherwise it is a style's name."""
    if key not in _PATHS or (key == "csl" and not str(value).endswith(".csl")):
        return value

    def one(name: str) -> str:
        return os.path.relpath(folder / name) if not Path(name).is_absolute() else name

    return [one(v) for v in value] if isinstance(value, list) else one(str(value))


def review_settings(
    paths: list[Path], project: Project
) -> tuple[dict[str, dict[str, Setting]], list[Diagnostic]]:
    """Each review's metadata in force: the project file's [review] under the review's sidecar,
    each key with where it came from; and the sidecars' problems."""
    reviews, problems = {}, []
    for path in paths:
        meta, origins, found = read_sidecar(path, project.shared_metadata())
        problems += found
        shown = {}
        for key in dict.fromkeys([*SHARED, *origins]):
            if getattr(meta, key) not in (None, []):
                origin = origins.get(key) or (
                    project.shared[key].origin if key in project.shared else FROM_DEFAULT
                )
                shown[key] = Setting(getattr(meta, key), origin)
        reviews[str(path)] = shown
    return reviews, problems


def render(settings: dict[str, Setting], reviews: dict[str, dict[str, Setting]]) -> str:
    """The settings in force as TOML, each with its origin in a comment; then, for each review,
    its [review] metadata from the project file and its sidecar."""
    lines = [_line(key, s) for key, s in settings.items()]
    for review, metadata in reviews.items():
        lines += ["", f"[review.{json.dumps(review)}]", *(_line(k, s) for k, s in metadata.items())]
    return "\n".join(lines) + "\n"


def _line(key: str, setting: Setting) -> str:
    if setting.value is None:
        return f"# {key} is not set  # {setting.origin}"
    return f"{key} = {_toml(setting.value)}  # {setting.origin}"


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string is a JSON string
