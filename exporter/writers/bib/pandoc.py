"""Where the pandoc of the `pypandoc_binary` wheel is: a pinned pandoc 3.x that `pip` installs, so
a CSL rendering is the same on every machine whatever pandoc the system has (Debian's is 2.17)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


class PandocMissing(RuntimeError):
    """The wheel's pandoc is not installed: the environment is broken, not the input."""


def executable() -> Path:
    """The wheel's pandoc binary; found without importing pypandoc, which costs a subprocess."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or spec.origin is None:
        raise PandocMissing("pypandoc_binary is not installed (pip install -e . installs it)")
    binary = Path(spec.origin).parent / "files" / "pandoc"
    if not binary.is_file():
        raise PandocMissing(f"pypandoc_binary has no pandoc at {binary}: reinstall it")
    return binary
