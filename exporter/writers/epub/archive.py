"""The EPUB container made reproducible: fixed order, fixed timestamps, mimetype first and stored.

ebooklib stamps every zip entry with the clock's time; this rewrites the archive it made. It also
puts the language on the package element, which ebooklib does not.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from lxml import etree

from exporter.tei import XML_LANG

MIMETYPE = "mimetype"
FIRST = [MIMETYPE, "META-INF/container.xml"]
FILE_MODE = 0o644 << 16
UNIX = 3
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


def reproducible(archive: bytes, when: dt.datetime, package_path: str, lang: str) -> bytes:
    """The same entries in a fixed order, each dated `when`; the package gets xml:lang."""
    stamp = max(when, ZIP_EPOCH).astimezone(dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        ordered = [n for n in FIRST if n in names] + sorted(n for n in names if n not in FIRST)
        for name in ordered:
            data = source.read(name)
            if name == package_path:
                data = _with_language(data, lang)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = UNIX
            info.external_attr = FILE_MODE
            if name == MIMETYPE:
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, data, compresslevel=9)
    return out.getvalue()


def _with_language(package: bytes, lang: str) -> bytes:
    root = etree.fromstring(package)
    root.set(XML_LANG, lang)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)
