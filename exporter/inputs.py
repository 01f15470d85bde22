"""Inputs read whole, and bounded: a review, a sidecar, a TEI file, the project file. Apart from
the reader, so that reading the project file does not import the reader."""

from __future__ import annotations

from pathlib import Path

# The largest input read (a review, a sidecar, a TEI file): far above any real review (the seed
# is 20 KB), and a bound on what a mistaken argument such as /dev/zero costs.
MAX_INPUT_BYTES = 64 * 1024 * 1024


class UnreadableInput(Exception):
    """An input that cannot be read, or is larger than MAX_INPUT_BYTES: the message says which."""


def read_input(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}") from exc
    return within_limit(data)


def within_limit(data: bytes) -> bytes:
    """An input of at most MAX_INPUT_BYTES (read with one byte more, to tell)."""
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(
            f"larger than {MAX_INPUT_BYTES // 2**20} MiB, the most an input may be; not read"
        )
    return data
