"""Decode a review file and cut it into blocks, keeping every line:col for diagnostics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exporter.diagnostics import Diagnostic

# Characters XML 1.0 cannot hold; lxml refuses them, so they are reported and removed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Block:
    """Consecutive non-blank lines; `text` joins them with single spaces."""

    text: str
    line: int
    # (offset in text, line, column of that offset) for each source line in the block
    starts: list[tuple[int, int, int]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column in the source file of an offset in `text`."""
        line, col = self.line, 1
        for start, start_line, start_col in self.starts:
            if start > offset:
                break
            line, col = start_line, start_col + (offset - start)
        return line, col


@dataclass
class Source:
    path: str
    text: str
    diagnostics: list[Diagnostic]

    def warn(self, line: int, col: int, message: str, code: str = "", subject: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, "warning", message, code, subject))

    def error(self, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, "error", message))


def decode(path: str, data: bytes) -> Source:
    """Bytes to normalised text: UTF-8, no BOM, LF line ends, tabs as spaces."""
    source = Source(path, "", [])
    wide = _wide_encoding(data)
    if wide is not None:
        encoding, bom = wide
        try:
            data = data[len(bom) :].decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            source.error(
                1,
                1,
                f"looks like {encoding.upper()} but is not valid {encoding.upper()}; save the file as UTF-8",
            )
            return source
        source.warn(1, 1, f"read as {encoding.upper()}; exporter expects UTF-8, so save the file as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        source.warn(1, 1, "byte-order mark (BOM) at the start of the file ignored")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        source.error(line, col, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        text = data.decode("utf-8", errors="replace")
    source.text = _normalise(source, text)
    return source


# Byte-order marks of the wide encodings, UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = [
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _wide_encoding(data: bytes) -> tuple[str, bytes] | None:
    """UTF-16 or UTF-32 by its byte-order mark, or UTF-16 without one by the NUL bytes that
    English text has in every other place: the encoding, and the mark to skip."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding, bom
    head = data[:200]
    if len(head) >= 4 and b"\x00" not in head[1::2] and head[::2].count(0) > len(head) // 4:
        return "utf-16-be", b""
    if len(head) >= 4 and b"\x00" not in head[::2] and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le", b""
    return None


def _normalise(source: Source, text: str) -> str:
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        source.warn(line, 1, "CRLF or CR line ends read as LF")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    _report_first(source, lines, "\t", "tab character read as a space")
    _report_first(source, lines, "\u00a0", "no-break space (U+00A0) kept, read as a space between words")
    for number, text_line in enumerate(lines, 1):
        for bad in _XML_ILLEGAL.finditer(text_line):
            source.error(
                number,
                bad.start() + 1,
                f"control character U+{ord(bad.group()):04X} is not allowed in text; removed",
            )
    return _XML_ILLEGAL.sub("", "\n".join(lines).replace("\t", " "))


def _report_first(source: Source, lines: list[str], char: str, message: str) -> None:
    """One warning per kind of oddity (at its first place), not one per occurrence."""
    for number, line in enumerate(lines, 1):
        if char in line:
            count = sum(other.count(char) for other in lines)
            suffix = f" ({count} in the file)" if count > 1 else ""
            source.warn(number, line.index(char) + 1, message + suffix)
            return


def blocks(text: str) -> list[Block]:
    """Split on blank lines; a block's lines are joined with one space."""
    result: list[Block] = []
    current: Block | None = None
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            current = None
            continue
        stripped = raw.rstrip()
        if current is None:
            current = Block("", number)
            result.append(current)
        else:
            current.text += " "
        current.starts.append((len(current.text), number, 1))
        current.text += stripped
        current.lines.append(stripped)
    return result
