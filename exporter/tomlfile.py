"""TOML files people write (a review's sidecar, the project file): read with the position of
what is wrong in them, as PATH:LINE:COL diagnostics."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from exporter.diagnostics import Diagnostic
from exporter.inputs import UnreadableInput, read_input


def read_toml(path: Path, what: str) -> tuple[str, dict[str, object]] | Diagnostic:
    """The file's text and its tables, or the error that stops it being read (`what` names the
    file's use in the message: "metadata", "the project file")."""
    try:
        text = read_input(path).decode("utf-8")
    except UnreadableInput as exc:
        return Diagnostic(str(path), 1, 1, "error", str(exc))
    except UnicodeDecodeError as exc:
        return Diagnostic(str(path), 1, 1, "error", f"cannot read {what}: not UTF-8 ({exc.reason})")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _decode_position(str(exc), text)
        return Diagnostic(str(path), line, col, "error", f"cannot read {what}: {exc}")


def key_position(text: str, word: str) -> tuple[int, int]:
    """Line and column of a key or a [table] named `word` (its first occurrence): tomllib keeps
    no positions of what it read, so a bad value is found again in the text."""
    match = re.search(rf"^(\s*\[?){re.escape(word)}\b", text, re.MULTILINE)
    if match is None:
        return 1, 1
    start = match.start() + len(match.group(1)) - (1 if match.group(1).endswith("[") else 0)
    return text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1


def _decode_position(message: str, text: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    if match:
        return int(match.group(1)), int(match.group(2))
    if "end of document" in message:  # tomllib names no line there: it is the text's end
        return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
    return 1, 1
