"""WeasyPrint imported without a library search: half its import time.

WeasyPrint tries several names for each C library (Windows, macOS and Linux names). For every
name that is not a file name, cffi asks `ctypes.util.find_library`, which runs ldconfig, then gcc,
then ld: a quarter of a second of subprocesses, half the import. With the search switched off
while WeasyPrint is imported, the Linux names (`libpango-1.0.so.0`) and the macOS ones
(`libpango-1.0.dylib`) are opened by the dynamic loader directly, as they were before. Should that
fail (libraries that only the search finds), the import is made again with it.
"""

from __future__ import annotations

import ctypes.util
import io
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout


def import_weasyprint() -> None:
    try:
        # WeasyPrint prints a banner before it gives up: kept for the attempt that counts.
        with no_library_search(), redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        import weasyprint  # noqa: F401  (libraries that only a search finds, as on some macOS set-ups)


@contextmanager
def no_library_search() -> Iterator[None]:
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search
