"""The only door from a rendered document to the outside: the project's own styles, nothing else.

A review's TEI may be hostile, and whatever the XHTML or CSS of the page refers to (an image, a
stylesheet, a font, an attachment) is fetched through here. WeasyPrint's default fetcher would
read any `file:` path (`/etc/passwd`, `/dev/urandom`) and any http URL; this one serves regular
files under the styles folder only and turns every other request into a warning.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from exporter.diagnostics import shortened


class Refused(ValueError):
    """A URL outside the sandbox; WeasyPrint catches it and leaves the resource out."""


class SandboxedFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `file:` URLs of regular files under `root`; refuses, and reports, everything else."""

    def __init__(self, root: Path, warn: Callable[[str], None]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.root = root.resolve()
        self._warn = warn
        self._refused: set[str] = set()

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self.local_path(url)
        if path is None:
            self._refuse(url)
        assert path is not None
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})

    def local_path(self, url: str) -> Path | None:
        """The file a URL names, if it is a regular file inside the root (links and `..` resolved)."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def _refuse(self, url: str) -> None:
        shown = shortened(url)
        # Once per URL, the whole URL: two long URLs may be shown alike.
        if url not in self._refused:
            self._refused.add(url)
            self._warn(f"PDF: refused to fetch {shown!r}: only the project's own styles may be read")
        raise Refused(f"outside the sandbox: {shown}")
