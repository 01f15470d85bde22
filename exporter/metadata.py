"""The optional sidecar NAME.toml: what a review's text does not say in its fixed places."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exporter.diagnostics import Diagnostic
from exporter.tomlfile import key_position, read_toml

KNOWN = {
    "review": {"authors", "publisher", "date", "licence", "licence_url", "language", "identifier"},
    "reviewed": {"translators", "isbn", "place"},
}
# What a project file's [review] may give every review: the rest belongs to one review.
SHARED = ("publisher", "licence", "licence_url", "language")


# A language tag as xml:lang takes it (BCP 47: "en", "de-CH", "x-private").
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def _is_date(value: object) -> bool:
    """A calendar date as TEI's @when takes it: YYYY, YYYY-MM or YYYY-MM-DD, and a real one."""
    text = str(value)
    if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text):
        return True
    try:
        return len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


# Values that go into TEI attributes, whose shape the schema fixes: a test, and what it wants.
SHAPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "language": (lambda v: bool(_LANGUAGE.fullmatch(str(v))), "a language tag such as 'en' or 'de-CH'"),
    "date": (_is_date, "a date YYYY-MM-DD (or YYYY-MM, or YYYY)"),
}


@dataclass
class Metadata:
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    date: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    language: str = ""  # empty: the sidecar names none, and the reader tells it from the text
    translators: list[str] = field(default_factory=list)
    isbn: str | None = None
    place: str | None = None


def sidecar_path(review: Path) -> Path:
    return review.with_suffix(".toml")


def read_metadata(review: Path, shared: Mapping[str, str] | None = None) -> tuple[Metadata, list[Diagnostic]]:
    """The review's metadata: `shared` (the project file's [review]) under its sidecar's."""
    meta, _, diagnostics = read_sidecar(review, shared)
    return meta, diagnostics


def read_sidecar(
    review: Path, shared: Mapping[str, str] | None = None
) -> tuple[Metadata, dict[str, str], list[Diagnostic]]:
    """The metadata, where the sidecar gave each key ("seeds/x.toml:3"), and its problems."""
    meta = Metadata()
    for key, value in (shared or {}).items():
        _set(meta, key, value)
    path = sidecar_path(review)
    if not path.is_file():
        return meta, {}, []
    read = read_toml(path, "metadata")
    if isinstance(read, Diagnostic):
        return meta, {}, [read]
    return _from_tables(meta, str(path), *read)


def _from_tables(
    meta: Metadata, path: str, text: str, data: dict[str, object]
) -> tuple[Metadata, dict[str, str], list[Diagnostic]]:
    diagnostics = []
    origins = {}
    for table, value in data.items():
        if table not in KNOWN or not isinstance(value, dict):
            diagnostics.append(_at(path, text, table, f"unknown table [{table}]; known: review, reviewed"))
            continue
        for key, item in value.items():
            if key not in KNOWN[table]:
                diagnostics.append(_at(path, text, key, f"unknown key '{key}' in [{table}]"))
            elif (wrong := misfit(meta, table, key, item)) is not None:
                diagnostics.append(_at(path, text, key, wrong, "error"))
            else:
                origins[key] = f"{path}:{key_position(text, key)[0]}"
    return meta, origins, diagnostics


def misfit(meta: Metadata, table: str, key: str, value: object) -> str | None:
    """What is wrong with a key's value, or None when it is right and set on `meta`."""
    before = getattr(meta, key)
    if not _set(meta, key, value):
        return f"'{key}' in [{table}] has the wrong type"
    if key in SHAPES and not SHAPES[key][0](value):
        setattr(meta, key, before)
        return f"'{key}' in [{table}] is {value!r}, not {SHAPES[key][1]}"
    return None


def _set(meta: Metadata, key: str, value: object) -> bool:
    if key in ("authors", "translators"):
        if isinstance(value, str):
            value = [value]
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return False
    elif not isinstance(value, str):
        return False
    setattr(meta, key, value)
    return True


def _at(path: str, text: str, word: str, message: str, severity: str = "warning") -> Diagnostic:
    line, col = key_position(text, word)
    return Diagnostic(path, line, col, "error" if severity == "error" else "warning", message)
