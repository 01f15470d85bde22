"""The optional sidecar NAME.toml: what a review's text does not say in its fixed places."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from exporter.diagnostics import Diagnostic
from exporter.reader.source import UnreadableInput, read_input

KNOWN = {
    "review": {"authors", "publisher", "date", "licence", "licence_url", "language", "identifier"},
    "reviewed": {"translators", "isbn", "place"},
}


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


def read_metadata(review: Path) -> tuple[Metadata, list[Diagnostic]]:
    path = sidecar_path(review)
    if not path.is_file():
        return Metadata(), []
    try:
        raw = read_input(path)
    except UnreadableInput as exc:
        return Metadata(), [Diagnostic(str(path), 1, 1, "error", str(exc))]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        line, col = _toml_position(str(exc))
        return Metadata(), [Diagnostic(str(path), line, col, "error", f"cannot read metadata: {exc}")]
    return _from_tables(str(path), raw.decode("utf-8"), data)


def _from_tables(path: str, text: str, data: dict[str, object]) -> tuple[Metadata, list[Diagnostic]]:
    diagnostics = []
    meta = Metadata()
    for table, value in data.items():
        if table not in KNOWN or not isinstance(value, dict):
            diagnostics.append(_at(path, text, table, f"unknown table [{table}]; known: review, reviewed"))
            continue
        for key, item in value.items():
            if key not in KNOWN[table]:
                diagnostics.append(_at(path, text, key, f"unknown key '{key}' in [{table}]"))
            elif not _set(meta, key, item):
                diagnostics.append(_at(path, text, key, f"'{key}' in [{table}] has the wrong type", "error"))
            elif key in SHAPES and not SHAPES[key][0](item):
                message = f"'{key}' in [{table}] is {item!r}, not {SHAPES[key][1]}"
                diagnostics.append(_at(path, text, key, message, "error"))
    return meta, diagnostics


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
    match = re.search(rf"^\s*\[?{re.escape(word)}\b", text, re.MULTILINE)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    return Diagnostic(path, line, 1, "error" if severity == "error" else "warning", message)


def _toml_position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (1, 1)
